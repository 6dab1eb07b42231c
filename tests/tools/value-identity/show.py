"""Linearises word/document.xml of .docx files into one readable line per paragraph.
A tag tokenizer (not an XML parser), so it also shows documents whose XML is malformed
(LibreOffice 7.4 writes some); those are flagged MALFORMED.

  [SDT tag=.. alias=.. type=..| ... /SDT]    content control (block-level ones marked BLOCK)
  {BM name} ... {/BM name}                   bookmark start / end
  <ins>text</ins>  <del>text</del>           tracked insertion / deletion
  «text»@style  «text»#rsid                  text of a run carrying the char style / rsid marker
  {FLD instr|result/FLD}                     complex field
  ¶del / ¶ins                                paragraph mark tracked as deleted / inserted

Usage: python3 show.py FILE.docx...
"""

import re
import sys
import zipfile
import xml.etree.ElementTree as ET

TOK = re.compile(r"<(/?)w:([A-Za-z]+)([^>]*?)(/?)>|([^<]+)")
VAL = re.compile(r'w:val="([^"]*)"')
NAME = re.compile(r'w:name="([^"]*)"')
ID = re.compile(r'w:id="([^"]*)"')


def read(path):
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf8")


def wellformed(xml):
    try:
        ET.fromstring(xml.encode("utf8"))
        return True
    except ET.ParseError:
        return False


def linearise(xml):
    lines, cur = [], []
    bm = {}
    stack = []          # open elements of interest
    in_sdtpr = False
    sdt_bits = None
    run_style = run_rsid = None
    in_text = False
    in_rpr_of_ppr = False
    in_ppr = False
    in_p = 0
    para_mark = ""
    for m in TOK.finditer(xml):
        close, name, attrs, selfclose, text = m.groups()
        if text is not None:
            if in_text:
                t = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                if run_style:
                    t = "«%s»@%s" % (t, run_style)
                elif run_rsid == "00DD0999":
                    t = "«%s»#%s" % (t, run_rsid)
                cur.append(t)
            continue
        if name == "p":
            if close:
                in_p -= 1
                lines.append("".join(cur) + para_mark)
                cur, para_mark = [], ""
            elif not selfclose:
                in_p += 1
            continue
        if name == "pPr":
            in_ppr = not close and not selfclose
            continue
        if name == "rPr" and in_ppr:
            in_rpr_of_ppr = not close and not selfclose
            continue
        if in_rpr_of_ppr and name in ("ins", "del"):
            para_mark = " ¶" + name
            continue
        if name == "sdt":
            if close:
                blk = stack.pop() if stack else False
                if blk:
                    lines.append("/SDT] BLOCK")
                else:
                    cur.append("/SDT]")
            else:
                stack.append(in_p == 0)
            continue
        if name == "sdtPr":
            if close:
                in_sdtpr = False
                head = "[SDT " + " ".join(sdt_bits) + "|"
                if stack and stack[-1]:
                    lines.append(head + " BLOCK")
                else:
                    cur.append(head)
            elif selfclose:
                head = "[SDT |"
                if stack and stack[-1]:
                    lines.append(head + " BLOCK")
                else:
                    cur.append(head)
            else:
                in_sdtpr, sdt_bits = True, []
            continue
        if in_sdtpr:
            if not close and name in ("tag", "alias"):
                sdt_bits.append("%s=%s" % (name, (VAL.search(attrs) or [None, ""])[1]))
            elif not close and name in ("text", "richText", "comboBox", "dropDownList", "date", "group"):
                sdt_bits.append("type=" + name)
            elif not close and name == "showingPlcHdr":
                sdt_bits.append("showingPlcHdr")
            continue
        if name in ("ins", "del", "moveFrom", "moveTo"):
            if selfclose:
                continue
            short = {"moveFrom": "mvfrom", "moveTo": "mvto"}.get(name, name)
            cur.append("</%s>" % short if close else "<%s>" % short)
            continue
        if name == "bookmarkStart":
            n = (NAME.search(attrs) or [None, "?"])[1]
            bm[(ID.search(attrs) or [None, "?"])[1]] = n
            (cur if in_p else lines).append("{BM %s}" % n)
            continue
        if name == "bookmarkEnd":
            n = bm.get((ID.search(attrs) or [None, "?"])[1], "?")
            (cur if in_p else lines).append("{/BM %s}" % n)
            continue
        if name == "r":
            if not close and not selfclose:
                run_style = None
                r = re.search(r'w:rsidR="([^"]*)"', attrs)
                run_rsid = r.group(1) if r else None
            else:
                run_style = run_rsid = None
            continue
        if name == "rStyle" and not close:
            v = VAL.search(attrs)[1]
            if v != "DefaultParagraphFont":
                run_style = v
            continue
        if name in ("t", "delText", "instrText"):
            in_text = not close and not selfclose
            if name == "instrText" and not close:
                cur.append("{FLD")
            if name == "instrText" and close:
                cur.append("|")
            continue
        if name == "fldChar":
            t = re.search(r'w:fldCharType="(\w+)"', attrs).group(1)
            if t == "end":
                cur.append("/FLD}")
            continue
    return lines


def raw_sdtpr(xml):
    return re.findall(r"<w:sdtPr>.*?</w:sdtPr>|<w:sdtPr/>", xml)


if __name__ == "__main__":
    for f in sys.argv[1:]:
        xml = read(f)
        print("==", f, "" if wellformed(xml) else "  MALFORMED XML")
        for line in linearise(xml):
            print("  ", line)
