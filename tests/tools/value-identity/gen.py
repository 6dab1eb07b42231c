"""Writes the candidate .docx files by hand (zipfile), one per marker candidate.

Every file holds the same text:
  5. Service Levels                                   (heading paragraph)
  Vendor shall make the Service available at least 99.9% of each month. Service credits apply as set out in Schedule 2.
  6. Fees                                             (heading paragraph)
  Customer shall pay each invoice within thirty (30) days.
and differs only in how "99.9%" (or, for clause_bm, the heading) is marked.

Usage: /usr/bin/python3 gen.py OUTDIR
"""

import os
import sys
import zipfile

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
</Relationships>"""

SETTINGS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings %s>
<w:trackRevisions/>
<w:defaultTabStop w:val="720"/>
<w:rsids><w:rsidRoot w:val="00A10001"/><w:rsid w:val="00A10001"/><w:rsid w:val="00DD0999"/></w:rsids>
<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
</w:settings>""" % W

STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles %s>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif"/><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>
<w:style w:type="character" w:customStyle="1" w:styleId="ddFieldslauptimepct"><w:name w:val="ddField sla.uptime_pct"/><w:basedOn w:val="DefaultParagraphFont"/><w:semiHidden/></w:style>
</w:styles>""" % W


def r(text, rpr=""):
    sp = ' xml:space="preserve"' if text != text.strip() else ""
    return "<w:r>%s<w:t%s>%s</w:t></w:r>" % (rpr, sp, text)


BEFORE = "Vendor shall make the Service available at least "
VALUE = "99.9%"
AFTER = " of each month. Service credits apply as set out in Schedule 2."


def sdt_run(kind, inner, alias=True):
    """Run-level content control. kind: 'rich' (no type element) or 'plain' (<w:text/>)."""
    typ = "<w:text/>" if kind == "plain" else ""
    al = '<w:alias w:val="Uptime %"/>' if alias else ""
    return (
        '<w:sdt><w:sdtPr>%s<w:tag w:val="sla.uptime_pct"/>'
        '<w:id w:val="700001"/>%s</w:sdtPr><w:sdtContent>%s</w:sdtContent></w:sdt>' % (al, typ, inner)
    )


def heading(text, pre="", post=""):
    return '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>%s%s%s</w:p>' % (pre, r(text), post)


def body(cand):
    head5 = heading("5. Service Levels")
    if cand == "sdt_run_rich":
        para = "<w:p>%s%s%s</w:p>" % (r(BEFORE), sdt_run("rich", r(VALUE)), r(AFTER))
    elif cand == "sdt_run_plain":
        para = "<w:p>%s%s%s</w:p>" % (r(BEFORE), sdt_run("plain", r(VALUE)), r(AFTER))
    elif cand == "sdt_run_rich_tagonly":
        para = "<w:p>%s%s%s</w:p>" % (r(BEFORE), sdt_run("rich", r(VALUE), False), r(AFTER))
    elif cand == "sdt_run_plain_tagonly":
        para = "<w:p>%s%s%s</w:p>" % (r(BEFORE), sdt_run("plain", r(VALUE), False), r(AFTER))
    elif cand == "sdt_block_tagonly":
        para = (
            '<w:sdt><w:sdtPr><w:tag w:val="sla.uptime_pct"/>'
            '<w:id w:val="700002"/></w:sdtPr><w:sdtContent>'
            "<w:p>%s</w:p></w:sdtContent></w:sdt>" % (r(BEFORE) + r(VALUE) + r(AFTER))
        )
    elif cand == "sdt_block":
        # block-level content control around the whole paragraph holding the value
        para = (
            '<w:sdt><w:sdtPr><w:alias w:val="Uptime clause"/><w:tag w:val="sla.uptime_pct"/>'
            '<w:id w:val="700002"/></w:sdtPr><w:sdtContent>'
            "<w:p>%s</w:p></w:sdtContent></w:sdt>" % (r(BEFORE) + r(VALUE) + r(AFTER))
        )
    elif cand == "bm":
        para = '<w:p>%s<w:bookmarkStart w:id="7" w:name="_dd_sla_uptime_pct"/>%s<w:bookmarkEnd w:id="7"/>%s</w:p>' % (
            r(BEFORE), r(VALUE), r(AFTER))
    elif cand == "style":
        para = "<w:p>%s%s%s</w:p>" % (
            r(BEFORE), r(VALUE, '<w:rPr><w:rStyle w:val="ddFieldslauptimepct"/></w:rPr>'), r(AFTER))
    elif cand == "rsid":
        para = '<w:p>%s<w:r w:rsidR="00DD0999"><w:t>%s</w:t></w:r>%s</w:p>' % (r(BEFORE), VALUE, r(AFTER))
    elif cand == "sdt_bm":
        # both: rich run-level content control with a bookmark inside it
        inner = '<w:bookmarkStart w:id="7" w:name="_dd_sla_uptime_pct"/>%s<w:bookmarkEnd w:id="7"/>' % r(VALUE)
        para = "<w:p>%s%s%s</w:p>" % (r(BEFORE), sdt_run("rich", inner), r(AFTER))
    elif cand == "clause_bm":
        # candidate 4: bookmark on the clause heading (whole heading text), value unmarked
        head5 = heading("5. Service Levels",
                        '<w:bookmarkStart w:id="9" w:name="_dd_clause_sla"/>', '<w:bookmarkEnd w:id="9"/>')
        para = "<w:p>%s</w:p>" % (r(BEFORE) + r(VALUE) + r(AFTER))
    else:
        raise SystemExit("unknown candidate " + cand)
    rest = heading("6. Fees") + "<w:p>%s</w:p>" % r("Customer shall pay each invoice within thirty (30) days.")
    sect = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>'
    return head5 + para + rest + sect


CANDIDATES = ["sdt_run_rich", "sdt_run_plain", "sdt_block", "sdt_run_rich_tagonly",
              "sdt_run_plain_tagonly", "sdt_block_tagonly", "bm", "sdt_bm", "style", "rsid", "clause_bm"]


def write(path, cand):
    doc = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document %s><w:body>%s</w:body></w:document>' % (W, body(cand))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", doc)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/styles.xml", STYLES)
        z.writestr("word/settings.xml", SETTINGS)


if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for c in CANDIDATES:
        write(os.path.join(out, c + ".docx"), c)
        print(c)
