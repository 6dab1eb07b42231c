"""Plays the counterparty: opens each candidate .docx in LibreOffice (headless, UNO), makes one
edit with change recording on (or off, for 'e'), and saves back to .docx ("MS Word 2007 XML").

Two ways to edit:
  *_api : the text API (XTextRange.setString / XText.insertString at a found range)
  *_ui  : the view cursor plus dispatcher commands (.uno:InsertText / .uno:Delete), i.e. what a
          user's selection-and-typing does in the editor.

Usage: /usr/bin/python3 run_edits.py PROFILE_DIR INDIR OUTDIR [pass2]
  pass 1: every candidate x every edit -> OUTDIR/<cand>__<edit>.docx
  pass2 : re-opens selected pass-1 outputs and accepts / rejects all changes, or re-saves again.
A log of what LibreOffice saw (portion types, bookmarks, RecordChanges) goes to OUTDIR/uno_log.txt.
"""

import os
import subprocess
import sys
import time
import glob

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


LOG = None


def log(*a):
    s = " ".join(str(x) for x in a)
    print(s, flush=True)
    LOG.write(s + "\n")
    LOG.flush()


def find(doc, s):
    d = doc.createSearchDescriptor()
    d.SearchString = s
    d.SearchCaseSensitive = True
    r = doc.findFirst(d)
    if r is None:
        raise RuntimeError("not found: %r" % s)
    return r


class Ed:
    def __init__(self, ctx, doc):
        self.doc = doc
        self.helper = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        self.frame = doc.getCurrentController().getFrame()
        self.vc = doc.getCurrentController().getViewCursor()

    def dispatch(self, cmd, *props):
        self.helper.executeDispatch(self.frame, cmd, "", 0, tuple(props))

    def select(self, rng):
        self.vc.gotoRange(rng.getStart(), False)
        self.vc.gotoRange(rng.getEnd(), True)

    def caret(self, pos):
        self.vc.gotoRange(pos, False)

    def type(self, text):
        self.dispatch(".uno:InsertText", prop("Text", text))


# ---- the edits -------------------------------------------------------------------------

def e_resave(ed):
    pass


def e_a_api(ed):
    find(ed.doc, "99.9%").setString("99.5%")


def e_a_ui(ed):
    ed.select(find(ed.doc, "99.9%"))
    ed.type("99.5%")


def e_b_api(ed):
    find(ed.doc, "99.9").setString("99.5")


def e_b_ui(ed):
    ed.select(find(ed.doc, "99.9"))
    ed.type("99.5")


def e_c_api(ed):
    r1 = find(ed.doc, "least ")
    r1.getText().insertString(r1.getEnd(), "approximately ", False)
    r2 = find(ed.doc, " of each")
    r2.getText().insertString(r2.getStart(), " (measured monthly)", False)


def e_c_ui(ed):
    # caret right after "least " (i.e. immediately before the value), type
    ed.caret(find(ed.doc, "least ").getEnd())
    ed.type("approximately ")
    # caret immediately after the value (start of " of each"), type
    ed.caret(find(ed.doc, " of each").getStart())
    ed.type(" (measured monthly)")


def e_c_ui_keys(ed):
    # same as c_ui, but caret reached by keyboard movement from inside the value, as a user
    # pressing Home/End-of-value would: put caret at value start via goLeft from inside.
    v = find(ed.doc, "99.9%")
    ed.caret(v.getStart())
    ed.vc.goRight(1, False)
    ed.vc.goLeft(1, False)
    ed.type("approximately ")
    v = find(ed.doc, "99.9%")
    ed.caret(v.getEnd())
    ed.vc.goLeft(1, False)
    ed.vc.goRight(1, False)
    ed.type(" (measured monthly)")




def sentence(doc):
    # the search cannot match across a content control / field boundary, so span it by cursor
    a = find(doc, "Vendor shall make")
    b = find(doc, "month. ")
    c = a.getText().createTextCursorByRange(a.getStart())
    c.gotoRange(b.getEnd(), True)
    return c


def e_d_api(ed):
    sentence(ed.doc).setString("")


def e_d_ui(ed):
    ed.select(sentence(ed.doc))
    ed.dispatch(".uno:Delete")


def e_e_api(ed):
    ed.doc.RecordChanges = False
    find(ed.doc, "99.9%").setString("99.5%")


def e_e_ui(ed):
    ed.doc.RecordChanges = False
    ed.select(find(ed.doc, "99.9%"))
    ed.type("99.5%")


def e_g_ui(ed):
    # delete the whole clause 5: from start of its heading to start of heading "6. Fees"
    a = find(ed.doc, "5. Service Levels")
    b = find(ed.doc, "6. Fees")
    ed.vc.gotoRange(a.getStart(), False)
    ed.vc.gotoRange(b.getStart(), True)
    ed.dispatch(".uno:Delete")


def e_h_ui(ed):
    # retitle the clause heading (clause_bm case): select "Service Levels" and type
    ed.select(find(ed.doc, "Service Levels"))
    ed.type("Availability")


EDITS = {n[2:]: f for n, f in list(globals().items()) if n.startswith("e_") and callable(f)}


def accept(ed):
    ed.dispatch(".uno:AcceptAllTrackedChanges")


def reject(ed):
    ed.dispatch(".uno:RejectAllTrackedChanges")


# ---- LibreOffice plumbing -------------------------------------------------------------

def describe(doc):
    """What LibreOffice holds after load: text portion types of every paragraph, bookmarks."""
    out = []
    en = doc.getText().createEnumeration()
    while en.hasMoreElements():
        par = en.nextElement()
        if not par.supportsService("com.sun.star.text.Paragraph"):
            out.append("  [non-paragraph %s]" % par.getImplementationName())
            continue
        parts = []
        pe = par.createEnumeration()
        while pe.hasMoreElements():
            p = pe.nextElement()
            t = p.TextPortionType
            if t == "Text":
                parts.append(repr(p.getString()))
            elif t == "Bookmark":
                parts.append("{BM%s %s}" % ("start" if p.IsStart else "end", p.Bookmark.getName()))
            elif t == "ContentControl":
                cc = p.ContentControl
                info = []
                for k in ("Tag", "Alias", "PlainText", "ShowingPlaceHolder"):
                    try:
                        info.append("%s=%r" % (k, cc.getPropertyValue(k)))
                    except Exception:
                        pass
                parts.append("{CC %s: %r}" % (" ".join(info), cc.getString() if hasattr(cc, "getString") else "?"))
            elif t == "Redline":
                parts.append("{RL %s %s}" % (p.RedlineType, "start" if p.IsStart else "end"))
            else:
                parts.append("{%s}" % t)
            try:
                cs = p.CharStyleName
                if cs and t == "Text":
                    parts[-1] += "<cs=%s>" % cs
            except Exception:
                pass
        out.append("  " + " ".join(parts))
    return "\n".join(out)


def start_office(profile):
    pipe = "vi%d" % os.getpid()
    office = subprocess.Popen(
        ["soffice", "-env:UserInstallation=file://" + os.path.abspath(profile), "--headless",
         "--norestore", "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(300):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            time.sleep(0.1)
    else:
        sys.exit("LibreOffice did not start")
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    return office, ctx, desktop


def process(ctx, desktop, src, dst, action):
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0,
                                       (prop("Hidden", True),))
    if doc is None:
        log("== %s -> %s  LOAD FAILED (LibreOffice returned no document)" % (os.path.basename(src), os.path.basename(dst)))
        return
    try:
        log("== %s -> %s  (RecordChanges after load: %s)" % (os.path.basename(src), os.path.basename(dst), doc.RecordChanges))
        log(" loaded:\n" + describe(doc))
        doc.RecordChanges = True
        ed = Ed(ctx, doc)
        action(ed)
        log(" after edit:\n" + describe(doc))
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)), (prop("FilterName", "MS Word 2007 XML"),))
    except Exception as ex:
        log(" ERROR", repr(ex))
    finally:
        doc.close(True)


def main():
    global LOG
    profile, indir, outdir = sys.argv[1:4]
    pass2 = len(sys.argv) > 4 and sys.argv[4] == "pass2"
    os.makedirs(outdir, exist_ok=True)
    LOG = open(os.path.join(outdir, "uno_log%s.txt" % ("_pass2" if pass2 else "")), "a")
    office, ctx, desktop = start_office(profile)
    try:
        if not pass2:
            only = os.environ.get("CANDS", "").split()
            for src in sorted(glob.glob(os.path.join(indir, "*.docx"))):
                cand = os.path.splitext(os.path.basename(src))[0]
                if only and cand not in only:
                    continue
                cand = os.path.splitext(os.path.basename(src))[0]
                for name, fn in EDITS.items():
                    process(ctx, desktop, src, os.path.join(outdir, "%s__%s.docx" % (cand, name)), fn)
        else:
            for src in sorted(glob.glob(os.path.join(indir, "*__*.docx"))):
                base = os.path.splitext(os.path.basename(src))[0]
                edit = base.split("__")[1]
                if edit == "resave":
                    process(ctx, desktop, src, os.path.join(outdir, base + "__resave.docx"), e_resave)
                if edit in ("a_ui", "b_ui", "c_ui", "d_ui", "g_ui", "a_api", "c_api", "h_ui"):
                    process(ctx, desktop, src, os.path.join(outdir, base + "__accept.docx"), accept)
                    process(ctx, desktop, src, os.path.join(outdir, base + "__reject.docx"), reject)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
