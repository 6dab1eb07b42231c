"""Plays the counterparty in LibreOffice: opens a .docx headless (UNO), turns on change
recording, makes the edits given, and saves it back as .docx — the returned file of a round.

Usage: /usr/bin/python3 lo_edit.py PROFILE_DIR IN.docx OUT.docx EDIT...
  replace:FROM=>TO   select the first FROM and type TO over it (as a user does)
  after:NEAR=>TEXT   put the caret just after the first NEAR and type TEXT
"""

import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def find(doc, s):
    d = doc.createSearchDescriptor()
    d.SearchString = s
    d.SearchCaseSensitive = True
    r = doc.findFirst(d)
    if r is None:
        raise RuntimeError("not found: %r" % s)
    return r


def main():
    profile, src, dst = sys.argv[1:4]
    edits = sys.argv[4:]
    pipe = "lo_edit_%d" % os.getpid()
    office = subprocess.Popen(
        ["soffice", "-env:UserInstallation=file://" + os.path.abspath(profile), "--headless",
         "--norestore", "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(600):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.1)
        else:
            sys.exit("LibreOffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0,
                                           (prop("Hidden", True),))
        if doc is None:
            sys.exit("LibreOffice could not load %s" % src)
        doc.RecordChanges = True
        helper = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        frame = doc.getCurrentController().getFrame()
        vc = doc.getCurrentController().getViewCursor()
        for e in edits:
            kind, rest = e.split(":", 1)
            a, b = rest.split("=>", 1)
            r = find(doc, a)
            if kind == "replace":
                vc.gotoRange(r.getStart(), False)
                vc.gotoRange(r.getEnd(), True)
            elif kind == "after":
                vc.gotoRange(r.getEnd(), False)
            else:
                sys.exit("unknown edit %r" % e)
            helper.executeDispatch(frame, ".uno:InsertText", "", 0, (prop("Text", b),))
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)), (prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(timeout=30)
        except Exception:
            office.kill()


if __name__ == "__main__":
    main()
