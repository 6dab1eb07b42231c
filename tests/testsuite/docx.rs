//! Word output: the package's parts read back with zip + quick-xml, and the whole file
//! opened by LibreOffice (headless) where installed.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use quick_xml::events::{BytesStart, Event};
use serde_json::{Value, json};

use crate::common::{LIBRARY, cmd, example_json, examples, patched, resolve};

/// Hostile values: markup of every format we write, an emoji, right-to-left text.
const HOSTILE: &str = r"Acme #1 <EU> & $AI *Group* _x_ @y \ {{ z }} 😀 شركة";

/// A document rendered to DOCX, with its Markdown and its model beside it.
struct Rendered {
    docx: Vec<u8>,
    markdown: String,
    doc: dealdraft::model::Document,
}

fn render(deal: &Value, document: &str) -> Rendered {
    let d = resolve(deal).unwrap();
    let opts = dealdraft::RenderOptions {
        documents: vec![document.into()],
        formats: vec![dealdraft::Format::Docx, dealdraft::Format::Markdown],
        ..Default::default()
    };
    let mut files = dealdraft::render_deal(&d, &LIBRARY, &opts).unwrap().files;
    assert_eq!(files[0].0, format!("{document}.docx"));
    let markdown = String::from_utf8(files.remove(1).1).unwrap();
    let set = dealdraft::assemble::assemble(&d, &LIBRARY, "sow", Default::default()).unwrap();
    Rendered {
        docx: files.remove(0).1,
        markdown,
        doc: set.document(document).unwrap(),
    }
}

/// Every part of a package, by name, in zip order.
fn parts(docx: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip file");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let name = f.name().unwrap().into_owned();
            let mut s = String::new();
            f.read_to_string(&mut s).expect("UTF-8 XML");
            (name, s)
        })
        .collect()
}

fn part(docx: &[u8], name: &str) -> String {
    parts(docx)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no part {name}"))
        .1
}

/// A paragraph of `document.xml` as Word reads it.
#[derive(Debug, Default, Clone)]
struct Para {
    style: String,
    text: String,
    has_num: bool,
    bookmarks: Vec<String>,
    /// Complex fields: (instruction, cached result).
    fields: Vec<(String, String)>,
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .unwrap()
        .map(|a| a.unescape_value().unwrap().into_owned())
}

/// The paragraphs of a WordprocessingML part, in order (table cells included).
fn paragraphs(xml: &str) -> Vec<Para> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut cur = Para::default();
    let (mut in_text, mut in_instr) = (false, false);
    // 0: outside a field, 1: its instruction, 2: its result.
    let mut field = 0;
    let (mut instr, mut result) = (String::new(), String::new());
    let push = |s: &str, cur: &mut Para, field: i32, result: &mut String| {
        cur.text.push_str(s);
        if field == 2 {
            result.push_str(s);
        }
    };
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Start(e) => match e.name().as_ref() {
                b"w:p" => cur = Para::default(),
                b"w:t" => in_text = true,
                b"w:instrText" => in_instr = true,
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                b"w:pStyle" => cur.style = attr(&e, "w:val").unwrap(),
                b"w:numPr" => cur.has_num = true,
                b"w:bookmarkStart" => cur.bookmarks.push(attr(&e, "w:name").unwrap()),
                b"w:tab" if field != 1 => push("\t", &mut cur, field, &mut result),
                b"w:br" => push("\n", &mut cur, field, &mut result),
                b"w:fldChar" => match attr(&e, "w:fldCharType").unwrap().as_str() {
                    "begin" => {
                        field = 1;
                        instr.clear();
                        result.clear();
                    }
                    "separate" => field = 2,
                    _ => {
                        field = 0;
                        cur.fields
                            .push((instr.trim().to_string(), std::mem::take(&mut result)));
                    }
                },
                _ => {}
            },
            Event::Text(t) => {
                let s = t.decode().unwrap();
                if in_text {
                    push(&s, &mut cur, field, &mut result);
                } else if in_instr {
                    instr.push_str(&s);
                }
            }
            Event::GeneralRef(g) => {
                let c = match g.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => match g.decode().unwrap().as_ref() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => panic!("unknown entity {other}"),
                    },
                };
                if in_text {
                    push(&c, &mut cur, field, &mut result);
                } else if in_instr {
                    instr.push_str(&c);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:p" => out.push(std::mem::take(&mut cur)),
                b"w:t" => in_text = false,
                b"w:instrText" => in_instr = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Headings of the model in order, as (number, title) pairs.
fn model_headings(doc: &dealdraft::model::Document) -> Vec<(String, String)> {
    doc.parts
        .iter()
        .flat_map(|p| &p.sections)
        .flat_map(|s| {
            std::iter::once((s.number.clone(), s.title.clone())).chain(
                s.clauses
                    .iter()
                    .map(|c| (c.number.clone(), c.title.clone())),
            )
        })
        .collect()
}

#[test]
fn headings_are_word_headings_numbered_by_the_list_not_by_typed_digits() {
    for path in examples() {
        let deal: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let r = render(&deal, "sow");
        let paras = paragraphs(&part(&r.docx, "word/document.xml"));
        let headings: Vec<&Para> = paras
            .iter()
            .filter(|p| p.style == "Heading1" || p.style == "Heading2")
            .collect();
        let expected = model_headings(&r.doc);
        assert_eq!(
            headings.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(),
            expected.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(),
            "{}: every section and clause is a heading, in order",
            path.display()
        );
        for h in &headings {
            assert!(
                !h.text.starts_with(|c: char| c.is_ascii_digit()),
                "a heading carries its number as text: {:?}",
                h.text
            );
            assert!(!h.has_num, "headings are numbered through their style");
        }
        let annexes = paras.iter().filter(|p| p.style == "AnnexTitle").count();
        assert_eq!(annexes, r.doc.parts.len() - 1, "one annex title per annex");
    }
    // The styles carry the numbering and the outline levels.
    let styles = part(
        &render(&example_json("minimal.json"), "sow").docx,
        "word/styles.xml",
    );
    for (id, name, level, outline) in [
        ("Heading1", "heading 1", 1, 0),
        ("Heading2", "heading 2", 2, 1),
        ("AnnexTitle", "Annex Title", 0, 0),
    ] {
        let style = styles
            .split("<w:style ")
            .find(|s| s.contains(&format!(r#"w:styleId="{id}""#)))
            .unwrap();
        assert!(style.contains(&format!(r#"<w:name w:val="{name}"/>"#)));
        assert!(
            style.contains(&format!(
                r#"<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>"#
            )),
            "{id} is linked to the heading list"
        );
        assert!(style.contains(&format!(r#"<w:outlineLvl w:val="{outline}"/>"#)));
    }
}

#[test]
fn every_cross_reference_is_a_ref_field_to_a_bookmark_on_its_target() {
    let r = render(&example_json("global-bank.json"), "sow");
    let paras = paragraphs(&part(&r.docx, "word/document.xml"));
    // Bookmark → (style, text) of the paragraph it stands on.
    let mut bookmarks: BTreeMap<String, &Para> = BTreeMap::new();
    for p in &paras {
        for b in &p.bookmarks {
            assert!(
                bookmarks.insert(b.clone(), p).is_none(),
                "bookmark {b} twice"
            );
        }
    }
    // Clause number by title, from the model.
    let numbers: BTreeMap<String, String> = model_headings(&r.doc)
        .into_iter()
        .map(|(n, t)| (t, n))
        .collect();
    let mut refs = 0;
    for p in &paras {
        for (instr, cached) in &p.fields {
            let words: Vec<&str> = instr.split_whitespace().collect();
            if words[0] == "TOC" {
                // The table of contents (tested on its own).
                continue;
            }
            assert_eq!(words[0], "REF", "only REF fields in the body: {instr}");
            let target = bookmarks
                .get(words[1])
                .unwrap_or_else(|| panic!("REF to a missing bookmark: {instr}"));
            match target.style.as_str() {
                "Heading2" => {
                    assert_eq!(words[2..], ["\\r", "\\h"]);
                    assert_eq!(
                        &numbers[&target.text], cached,
                        "the cached result is the clause's number"
                    );
                }
                "AnnexTitle" => {
                    assert_eq!(words[2..], ["\\h"]);
                    assert!(target.text.starts_with(cached.as_str()), "{cached}");
                }
                other => panic!("a bookmark on a {other} paragraph"),
            }
            refs += 1;
        }
    }
    assert!(refs > 20, "the bank SOW cross-refers a lot: {refs}");
    // What a reader sees is what the Markdown says.
    let docx_text: String = paras
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    for phrase in section_refs(&r.markdown) {
        assert!(docx_text.contains(&phrase), "{phrase}");
    }
}

/// "Section 4.6" / "Section 4.6 of Annex A" phrases of a text, in order.
fn section_refs(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if *w == "Section"
            && let Some(n) = words.get(i + 1)
        {
            let n = n.trim_end_matches([',', ';', ':', ')', '.']);
            if n.contains('.') && n.chars().all(|c| c.is_ascii_digit() || c == '.') {
                let mut phrase = format!("Section {n}");
                if words.get(i + 2) == Some(&"of")
                    && words.get(i + 3) == Some(&"Annex")
                    && let Some(l) = words.get(i + 4)
                {
                    phrase.push_str(&format!(
                        " of Annex {}",
                        l.trim_end_matches([',', ';', ':', ')', '.'])
                    ));
                }
                out.push(phrase);
            }
        }
    }
    out
}

/// A document with two lettered lists (the first with a nested one) and a bulleted list:
/// the clause library uses bullets today, the writer supports both.
fn lists_document() -> dealdraft::model::Document {
    use dealdraft::model::{Block, Clause, Inline, Part, Section};
    let para = |s: &str| Block::Paragraph {
        inlines: vec![Inline::text(s)],
    };
    let list = |ordered, items: Vec<Vec<Block>>| Block::List { ordered, items };
    let mut doc = render(&example_json("minimal.json"), "sla-annex").doc;
    doc.parts = vec![Part {
        id: "sla-annex".into(),
        label: None,
        title: "Lists".into(),
        revision: None,
        intro: vec![],
        sections: vec![Section {
            id: "s".into(),
            number: "1".into(),
            title: "Lists".into(),
            revision: None,
            clauses: vec![Clause {
                id: "c".into(),
                number: "1.1".into(),
                title: "Lettered".into(),
                revision: None,
                title_was: None,
                blocks: vec![
                    list(
                        true,
                        vec![
                            vec![para("first")],
                            vec![
                                para("second"),
                                list(true, vec![vec![para("inner one")], vec![para("inner two")]]),
                                para("second, continued"),
                            ],
                        ],
                    ),
                    para("Between the lists."),
                    list(true, vec![vec![para("again")], vec![para("and again")]]),
                    list(false, vec![vec![para("a bullet")]]),
                ],
            }],
        }],
        signature: None,
    }];
    doc
}

#[test]
fn lettered_lists_are_word_lists_that_restart() {
    let docx = dealdraft::render::docx::render(&lists_document()).unwrap();
    let paras = paragraphs(&part(&docx, "word/document.xml"));
    let numbering = part(&docx, "word/numbering.xml");
    let num_of = |text: &str| {
        let xml = part(&docx, "word/document.xml");
        let at = xml.find(&format!(">{text}<")).unwrap();
        let p = &xml[xml[..at].rfind("<w:p>").unwrap()..at];
        p.split(r#"<w:numId w:val=""#)
            .nth(1)
            .map(|s| s[..s.find('"').unwrap()].to_string())
    };
    // Each lettered list is its own instance, restarting at (a) at its level.
    let (first, inner, second) = (
        num_of("first").unwrap(),
        num_of("inner one").unwrap(),
        num_of("again").unwrap(),
    );
    assert_eq!(num_of("second").unwrap(), first);
    assert_eq!(num_of("inner two").unwrap(), inner);
    assert!(first != inner && first != second && inner != second);
    for (num, lvl) in [(&first, 0), (&inner, 1), (&second, 0)] {
        assert!(
            numbering.contains(&format!(
                r#"<w:num w:numId="{num}"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#
            )),
            "list {num} restarts at level {lvl}"
        );
    }
    assert!(numbering.contains(r#"<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%1)"/>"#));
    assert!(numbering.contains(r#"<w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%2)"/>"#));
    assert_eq!(
        num_of("a bullet").unwrap(),
        "2",
        "bullets share one instance"
    );
    assert_eq!(
        num_of("second, continued"),
        None,
        "a further paragraph of an item is not numbered"
    );
    assert!(
        paras.iter().all(|p| !p.text.starts_with('(')),
        "no typed letters"
    );
}

#[test]
fn page_setup_title_block_header_and_footer() {
    let r = render(&example_json("global-bank.json"), "sow");
    let doc = part(&r.docx, "word/document.xml");
    assert!(
        doc.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#),
        "A4 by default"
    );
    let paras = paragraphs(&doc);
    assert_eq!(paras[0].style, "Title");
    assert_eq!(paras[0].text, "Statement of Work");
    assert!(
        paras
            .iter()
            .any(|p| p.style == "DraftMarking" && p.text == "Draft — subject to contract")
    );
    let sig = paras
        .iter()
        .position(|p| p.style == "SignatureHeading")
        .unwrap();
    assert!(
        paras[sig + 2..]
            .iter()
            .any(|p| p.text.starts_with("Customer: "))
    );
    // Tables: header rows repeat, rows never break across pages.
    let rows = doc.matches("<w:tr>").count();
    assert_eq!(doc.matches("<w:cantSplit/>").count(), rows);
    assert!(doc.matches("<w:tblHeader/>").count() >= 5);
    // One header per part: the short title, then each annex by name; "Page X of Y".
    let headers: Vec<String> = parts(&r.docx)
        .into_iter()
        .filter(|(n, _)| n.starts_with("word/header"))
        .map(|(_, x)| paragraphs(&x)[0].text.clone())
        .collect();
    assert_eq!(headers.len(), r.doc.parts.len());
    assert_eq!(
        headers[0],
        format!("{}\tDraft — subject to contract", r.doc.meta.short_title)
    );
    assert!(
        headers[1].starts_with("Annex A — Service Levels\t"),
        "{headers:?}"
    );
    let footer = &paragraphs(&part(&r.docx, "word/footer1.xml"))[0];
    assert_eq!(
        footer
            .fields
            .iter()
            .map(|f| f.0.as_str())
            .collect::<Vec<_>>(),
        ["PAGE", "NUMPAGES"]
    );
    assert!(footer.text.starts_with("Page "));
    // Letter paper on request.
    let letter = render(
        &patched(
            &example_json("minimal.json"),
            json!({"deal": {"paper": "letter"}}),
        ),
        "sow",
    );
    assert!(
        part(&letter.docx, "word/document.xml").contains(r#"<w:pgSz w:w="12240" w:h="15840"/>"#)
    );
}

#[test]
fn hostile_values_survive_as_text_in_well_formed_xml() {
    let deal = patched(
        &example_json("global-bank.json"),
        json!({"deal": {"customer": {"legal_name": HOSTILE}, "title": "R&D <AI> \"Pilot\""}}),
    );
    let r = render(&deal, "sow");
    for (name, xml) in parts(&r.docx) {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            // paragraphs() panics on malformed XML.
            let _ = paragraphs(&xml);
        }
    }
    let paras = paragraphs(&part(&r.docx, "word/document.xml"));
    assert!(
        paras.iter().any(|p| p.text == HOSTILE),
        "the name, literally, in a cell"
    );
    assert!(
        paras.iter().any(|p| p.text == "R&D <AI> \"Pilot\""),
        "the subtitle"
    );
    assert!(
        part(&r.docx, "docProps/core.xml")
            .contains("<dc:subject>R&amp;D &lt;AI&gt; &quot;Pilot&quot;</dc:subject>")
    );
}

#[test]
fn the_same_deal_gives_the_same_bytes_in_two_processes() {
    let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    for d in &dirs {
        cmd()
            .args([
                "render",
                "examples/global-bank.json",
                "--format",
                "docx",
                "--document",
                "all",
                "--out",
            ])
            .arg(d.path())
            .current_dir(crate::common::root())
            .assert()
            .success();
    }
    let files = |d: &Path| -> BTreeMap<PathBuf, Vec<u8>> {
        walkdir::WalkDir::new(d)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(d).unwrap().to_path_buf(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect()
    };
    let (a, b) = (files(dirs[0].path()), files(dirs[1].path()));
    assert_eq!(a.len(), 6, "six documents: {:?}", a.keys());
    assert_eq!(a, b);
    // Fixed dates: the deal's effective date, in the core properties and the zip entries.
    let sow = &a[Path::new("northwind-bank-openai-2027/sow.docx")];
    let effective = example_json("global-bank.json")["deal"]["effective_date"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(part(sow, "docProps/core.xml").contains(&format!(">{effective}T00:00:00Z<")));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(sow.as_slice())).unwrap();
    let t = zip.by_index(0).unwrap().last_modified().unwrap();
    assert_eq!(
        format!("{:04}-{:02}-{:02}", t.year(), t.month(), t.day()),
        effective
    );
}

/// Child order of the properties we write, from the WordprocessingML schema (ECMA-376
/// Part 1, `CT_PPr`, `CT_RPr`, `CT_SectPr`, `CT_TblPr`, `CT_TcPr`, `CT_Lvl`, `CT_Style`);
/// only the children dealdraft uses, in the schema's order.
const ORDERS: [(&str, &[&str]); 8] = [
    (
        "w:pPr",
        &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:widowControl",
            "w:numPr",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:spacing",
            "w:ind",
            "w:jc",
            "w:outlineLvl",
            "w:rPr",
            "w:sectPr",
        ],
    ),
    (
        "w:rPr",
        &[
            "w:ins",
            "w:del",
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:color",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:lang",
        ],
    ),
    (
        "w:sectPr",
        &[
            "w:headerReference",
            "w:footerReference",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:pgNumType",
            "w:cols",
            "w:titlePg",
            "w:docGrid",
        ],
    ),
    (
        "w:tblPr",
        &[
            "w:tblStyle",
            "w:tblW",
            "w:jc",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
        ],
    ),
    (
        "w:tcPr",
        &[
            "w:tcW",
            "w:gridSpan",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:vAlign",
        ],
    ),
    (
        "w:lvl",
        &[
            "w:start",
            "w:numFmt",
            "w:lvlRestart",
            "w:pStyle",
            "w:isLgl",
            "w:suff",
            "w:lvlText",
            "w:lvlJc",
            "w:pPr",
            "w:rPr",
        ],
    ),
    (
        "w:style",
        &[
            "w:name",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
        ],
    ),
    ("w:tbl", &["w:tblPr", "w:tblGrid", "w:tr"]),
];

/// Every child of the elements in [`ORDERS`] is known and in schema order.
fn check_order(name: &str, xml: &str) {
    let orders: BTreeMap<&str, &[&str]> = ORDERS.into_iter().collect();
    let mut r = quick_xml::Reader::from_str(xml);
    // Open elements: (name, index of the last child seen in its order).
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut checked = BTreeSet::new();
    loop {
        let (tag, empty) = match r.read_event().unwrap() {
            Event::Start(e) => (
                String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
                false,
            ),
            Event::Empty(e) => (String::from_utf8(e.name().as_ref().to_vec()).unwrap(), true),
            Event::End(_) => {
                stack.pop();
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        if let Some((parent, last)) = stack.last_mut()
            && let Some(order) = orders.get(parent.as_str())
        {
            let pos = order.iter().position(|c| *c == tag).unwrap_or_else(|| {
                panic!("{name}: <{tag}> in <{parent}> is not in the checked order")
            });
            assert!(
                pos >= *last,
                "{name}: <{tag}> after a later child in <{parent}>"
            );
            *last = pos;
            checked.insert(parent.clone());
        }
        if !empty {
            stack.push((tag, 0));
        }
    }
    assert!(!checked.is_empty(), "{name}: nothing checked");
}

#[test]
fn properties_are_written_in_schema_order() {
    let r = render(&example_json("global-bank.json"), "sow");
    for (name, xml) in parts(&r.docx) {
        if name.starts_with("word/") && name.ends_with(".xml") && name != "word/settings.xml" {
            check_order(&name, &xml);
        }
    }
}

/// The writer's own parts — styles and numbering — pinned as reviewed XML: they change only
/// when the Word writer does (the clause text is pinned by the Markdown snapshots, and the
/// document's structure by the tests above).
#[test]
fn the_writers_styles_and_numbering_are_as_reviewed() {
    let r = render(&example_json("global-bank.json"), "sla-annex");
    insta::assert_snapshot!("styles_xml", part(&r.docx, "word/styles.xml"));
    insta::assert_snapshot!("numbering_xml", part(&r.docx, "word/numbering.xml"));
    // The same parts whatever the deal: they carry no clause text.
    let other = render(&example_json("minimal.json"), "sow");
    assert_eq!(
        part(&other.docx, "word/styles.xml"),
        part(&r.docx, "word/styles.xml")
    );
}

#[test]
fn render_writes_docx_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    cmd()
        .args([
            "render",
            "examples/minimal.json",
            "--format",
            "docx,md",
            "--out",
        ])
        .arg(dir.path())
        .current_dir(crate::common::root())
        .assert()
        .success()
        .stdout(predicates::str::contains("sow.docx"));
    let docx = std::fs::read(dir.path().join("minimal/sow.docx")).unwrap_or_default();
    assert!(docx.starts_with(b"PK\x03\x04"), "a zip package");
    // The Word file reads back as the same document as the Markdown written beside it: the
    // same headings, in order.
    let paper = dealdraft::paper::Paper::docx("sow.docx", &docx).unwrap();
    let md = std::fs::read_to_string(dir.path().join("minimal/sow.md")).unwrap();
    let md_headings: Vec<String> = md
        .lines()
        .filter_map(|l| l.strip_prefix("### ").or_else(|| l.strip_prefix("## ")))
        .map(|h| h.split_once(' ').map_or(h, |x| x.1).to_string())
        .collect();
    let word_headings: Vec<String> = paper
        .paragraphs
        .iter()
        .filter(|p| md_headings.contains(&p.text))
        .map(|p| p.text.clone())
        .collect();
    assert!(md_headings.len() > 20, "{md_headings:?}");
    assert_eq!(word_headings, md_headings);
}

// --- LibreOffice -------------------------------------------------------------------------

/// Converts files with LibreOffice headless (`txt` or `pdf`) into `out`; `None`, loudly, if
/// LibreOffice is not installed.
fn libreoffice(files: &[PathBuf], to: &str, out: &Path) -> Option<()> {
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
        .arg(out)
        .args(files)
        .output();
    match status {
        Ok(o) if o.status.success() => Some(()),
        Ok(o) => panic!(
            "LibreOffice failed: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(_) => {
            crate::common::tool_missing(
                "LibreOffice (soffice) is not installed; `apt-get install libreoffice-writer-nogui` to open the DOCX files",
            );
            None
        }
    }
}

/// Opens files in LibreOffice through UNO (`tests/tools/lo_refresh.py`), updates every
/// field from its source (REF fields from their bookmarks) and saves each as text beside
/// it: the text shows what LibreOffice computed, not the cached field results. `None`,
/// loudly, without LibreOffice's Python bridge (Debian `python3-uno`).
fn libreoffice_text(files: &[PathBuf]) -> Option<()> {
    libreoffice_text_after(None, files)
}

/// [`libreoffice_text`], after accepting (`Some("--accept")`) or rejecting
/// (`Some("--reject")`) every tracked change; the text goes to `name.accept.txt` or
/// `name.reject.txt`.
pub fn libreoffice_text_after(mode: Option<&str>, files: &[PathBuf]) -> Option<()> {
    let python = "/usr/bin/python3";
    let bridge = Command::new(python).args(["-c", "import uno"]).output();
    if !bridge.is_ok_and(|o| o.status.success()) {
        crate::common::tool_missing(
            "LibreOffice's Python bridge is not installed; `apt-get install libreoffice-writer-nogui python3-uno` to check the Word files' fields",
        );
        return None;
    }
    let profile = tempfile::tempdir().unwrap();
    let o = Command::new(python)
        .arg(crate::common::root().join("tests/tools/lo_refresh.py"))
        .args(mode)
        .arg(profile.path())
        .args(files)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "LibreOffice (UNO) failed: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    Some(())
}

#[test]
fn libreoffice_opens_every_example_with_the_same_numbers_as_the_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let mut rendered = Vec::new();
    for path in examples() {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let mut deal: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        if stem == "global-bank" {
            deal = patched(
                &deal,
                json!({"deal": {"customer": {"legal_name": HOSTILE}}}),
            );
        }
        let r = render(&deal, "sow");
        let file = dir.path().join(format!("{stem}.docx"));
        std::fs::write(&file, &r.docx).unwrap();
        files.push(file);
        rendered.push((stem, r));
    }
    let lists = dir.path().join("lists.docx");
    std::fs::write(
        &lists,
        dealdraft::render::docx::render(&lists_document()).unwrap(),
    )
    .unwrap();
    files.push(lists);
    let Some(()) = libreoffice_text(&files) else {
        return;
    };
    let lists = std::fs::read_to_string(dir.path().join("lists.txt")).unwrap();
    let items: Vec<&str> = lists
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('(') || l.starts_with('•'))
        .collect();
    assert_eq!(
        items,
        [
            "(a) first",
            "(b) second",
            "(i) inner one",
            "(ii) inner two",
            "(a) again",
            "(b) and again",
            "• a bullet"
        ],
        "LibreOffice numbers the lists as Word would"
    );
    libreoffice(&files, "pdf", dir.path()).unwrap();
    for (stem, r) in &rendered {
        let text = std::fs::read_to_string(dir.path().join(format!("{stem}.txt"))).unwrap();
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        // Every heading, with the number LibreOffice computed from the list, in order.
        let mut at = 0;
        for (number, title) in model_headings(&r.doc) {
            // LibreOffice's text export writes a list number and a space before the text.
            let printed = if number.contains('.') {
                format!("{number} {title}")
            } else {
                format!("{number}. {title}")
            };
            let found = lines[at..]
                .iter()
                .position(|l| *l == printed)
                .unwrap_or_else(|| {
                    panic!("{stem}: heading {printed:?} not found in order after line {at}")
                });
            at += found + 1;
        }
        // Cross-references as LibreOffice computes them from the bookmarks (the fields were
        // updated, so no cached result survives) equal the Markdown's.
        assert_eq!(
            section_refs(&text),
            section_refs(&crate::common::markdown_text(&r.markdown)),
            "{stem}: cross-references"
        );
        assert!(
            !text.contains("Error: Reference source not found"),
            "{stem}"
        );
        if stem == "global-bank" {
            assert!(
                text.contains(HOSTILE),
                "the hostile customer name, literally"
            );
        }
        let pdf = dir.path().join(format!("{stem}.pdf"));
        let info = Command::new("pdfinfo").arg(&pdf).output();
        if let Ok(info) = info {
            let info = String::from_utf8_lossy(&info.stdout);
            let pages: u32 = info
                .lines()
                .find_map(|l| l.strip_prefix("Pages:"))
                .map(|p| p.trim().parse().unwrap())
                .unwrap();
            assert!(pages > 10, "{stem}: {pages} pages");
        } else {
            crate::common::tool_missing(
                "pdfinfo (poppler-utils) is not installed; page count unchecked",
            );
        }
    }
}

/// Each value our draft prints from a named deal field is in the Word file inside a hidden
/// bookmark of its own (`_dd_<hash of the field>_<n>`), around exactly its text: what the
/// negotiation rounds tie a returned change to.
#[test]
fn every_named_value_is_bookmarked_around_exactly_its_text() {
    use dealdraft::model::{Block, Inline};
    let deal = crate::common::resolve(&crate::common::example_json("global-bank.json")).unwrap();
    let set =
        dealdraft::assemble::assemble(&deal, &crate::common::LIBRARY, "sow", Default::default())
            .unwrap();
    let doc = set.document("sow").unwrap();
    // The values with a field, in the model.
    fn walk(xs: &[Inline], out: &mut Vec<(String, String)>) {
        for x in xs {
            match x {
                Inline::Value {
                    text,
                    field: Some(f),
                } => out.push((f.clone(), text.clone())),
                Inline::Strong { content } | Inline::Emph { content } => walk(content, out),
                _ => {}
            }
        }
    }
    fn blocks(bs: &[Block], out: &mut Vec<(String, String)>) {
        for b in bs {
            match b {
                Block::Paragraph { inlines } => walk(inlines, out),
                Block::List { items, .. } => items.iter().for_each(|i| blocks(i, out)),
                Block::Table { header, rows, .. } => {
                    for c in header.iter().chain(rows.iter().flatten()) {
                        walk(c, out)
                    }
                }
                Block::Revised { blocks: bs, .. } => blocks(bs, out),
            }
        }
    }
    let mut values = Vec::new();
    for part in &doc.parts {
        for c in part.sections.iter().flat_map(|s| &s.clauses) {
            blocks(&c.blocks, &mut values);
        }
    }
    let fields: std::collections::BTreeSet<&str> = values.iter().map(|(f, _)| f.as_str()).collect();
    for f in ["sla.uptime_pct", "sla.rca_days", "deal.customer.legal_name"] {
        assert!(fields.contains(f), "no value marked {f}: {fields:?}");
    }
    assert!(
        fields.iter().any(|f| f.starts_with("params.")),
        "{fields:?}"
    );
    let docx = dealdraft::render_deal(
        &deal,
        &crate::common::LIBRARY,
        &dealdraft::RenderOptions {
            formats: vec![dealdraft::Format::Docx],
            ..Default::default()
        },
    )
    .unwrap()
    .files[0]
        .1
        .clone();
    let xml = crate::redline::part(&docx, "word/document.xml");
    // The uptime: its first print, inside its bookmark and nothing else.
    let name = dealdraft::render::docx::value_bookmark("sla.uptime_pct", 1);
    let start = xml
        .find(&format!("w:name=\"{name}\""))
        .unwrap_or_else(|| panic!("{name} missing"));
    let id = xml[..start]
        .rsplit("w:id=\"")
        .next()
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let end = xml
        .find(&format!("<w:bookmarkEnd w:id=\"{id}\"/>"))
        .unwrap();
    let inside = &xml[start..end];
    let text: String = inside
        .split("<w:t xml:space=\"preserve\">")
        .skip(1)
        .map(|t| t.split("</w:t>").next().unwrap())
        .collect();
    let uptime = values.iter().find(|(f, _)| f == "sla.uptime_pct").unwrap();
    assert_eq!(text, uptime.1, "{inside}");
    // As many bookmarks of values as values of fields in the SOW and its annexes' clauses,
    // at least (the cover's values are marked too).
    let marks = xml.matches("w:name=\"_dd_").count();
    assert!(
        marks >= values.len(),
        "{marks} bookmarks, {} values",
        values.len()
    );
}

/// Each table of a `document.xml` (tables of the "Deal Table" style): its grid's column
/// widths and, per column, the text of each of its cells.
fn deal_tables(xml: &str) -> Vec<(Vec<u32>, Vec<Vec<String>>)> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out: Vec<(Vec<u32>, Vec<Vec<String>>)> = Vec::new();
    let (mut deal, mut col, mut text) = (false, 0usize, false);
    let mut cell = String::new();
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"w:tbl" => {
                    deal = false;
                    out.push((Vec::new(), Vec::new()));
                }
                b"w:tblStyle" => deal = attr(&e, "w:val").as_deref() == Some("DealTable"),
                b"w:gridCol" => {
                    let w = attr(&e, "w:w").unwrap().parse().unwrap();
                    let t = out.last_mut().unwrap();
                    t.0.push(w);
                    t.1.push(Vec::new());
                }
                b"w:tr" => col = 0,
                b"w:tc" => cell.clear(),
                b"w:t" => text = true,
                b"w:tab" | b"w:br" => cell.push(' '),
                _ => {}
            },
            Event::Text(t) if text => cell.push_str(&t.xml_content().unwrap()),
            Event::GeneralRef(g) if text => {
                let name = g.decode().unwrap();
                cell.push_str(quick_xml::escape::resolve_predefined_entity(&name).unwrap_or("?"));
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => text = false,
                b"w:p" => cell.push(' '),
                b"w:tc" => {
                    if let Some(c) = out.last_mut().unwrap().1.get_mut(col) {
                        c.push(cell.clone());
                    }
                    col += 1;
                }
                b"w:tbl" if !deal => {
                    out.pop();
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// No table column is narrower than its longest word (by the writer's own conservative
/// estimate, bold 9.5 pt, plus the cell margins), so Word never breaks a word inside a
/// cell: every example at both stances, each business unit, every document.
#[test]
fn no_table_column_is_narrower_than_its_longest_word() {
    let mut deals: Vec<(String, dealdraft::Resolved)> = Vec::new();
    for path in examples() {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let raw: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for stance in ["preferred", "fallback"] {
            let d = resolve(&patched(&raw, json!({"deal": {"stance": stance}}))).unwrap();
            for unit in d.units() {
                let u = dealdraft::resolve::for_unit(&d, &unit.id, &LIBRARY).unwrap();
                deals.push((format!("{stem} ({stance}), unit {}", unit.id), u));
            }
            deals.push((format!("{stem} ({stance})"), d));
        }
    }
    let (mut tables, mut columns, mut tightest) = (0, 0, (i64::MAX, String::new()));
    for (what, d) in &deals {
        let opts = dealdraft::RenderOptions {
            documents: vec!["all".into()],
            formats: vec![dealdraft::Format::Docx],
            ..Default::default()
        };
        for (file, docx) in dealdraft::render_deal(d, &LIBRARY, &opts).unwrap().files {
            for (widths, cells) in deal_tables(&part(&docx, "word/document.xml")) {
                tables += 1;
                for (w, texts) in widths.iter().zip(&cells) {
                    columns += 1;
                    for word in texts.iter().flat_map(|t| t.split_whitespace()) {
                        let need = dealdraft::render::docx::table_word_width(word) + 2 * 85;
                        assert!(
                            *w >= need,
                            "{what}, {file}: {word:?} needs {need} twips, its column has {w}"
                        );
                        let spare = i64::from(*w) - i64::from(need);
                        if spare < tightest.0 {
                            tightest = (spare, format!("{what}, {file}: {word:?} in {w}"));
                        }
                    }
                }
            }
        }
    }
    assert!(
        tables > 100 && columns > 300,
        "{tables} tables, {columns} columns"
    );
    eprintln!("{tables} tables, {columns} columns; tightest: {tightest:?} twips to spare");
}

/// In LibreOffice's own layout no word of a table is split across lines: each word of a
/// table cell (letters and digits only, so that body text never breaks inside it either)
/// occurs as a whole word in the PDF LibreOffice makes as often as in its text export of
/// the same file. A word broken in a cell ("administ" / "rators") loses an occurrence.
#[test]
fn libreoffice_breaks_no_table_word_across_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let mut words: Vec<(String, BTreeSet<String>)> = Vec::new();
    for path in examples() {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let d = resolve(&serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap())
            .unwrap();
        let opts = dealdraft::RenderOptions {
            documents: vec!["all".into()],
            formats: vec![dealdraft::Format::Docx],
            ..Default::default()
        };
        for (file, docx) in dealdraft::render_deal(&d, &LIBRARY, &opts).unwrap().files {
            let name = format!("{stem}-{}", file.trim_end_matches(".docx"));
            let cells: BTreeSet<String> = deal_tables(&part(&docx, "word/document.xml"))
                .into_iter()
                .flat_map(|(_, cols)| cols.into_iter().flatten())
                .flat_map(|t| {
                    t.split_whitespace()
                        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
                        .collect::<Vec<_>>()
                })
                .filter(|w| w.chars().count() > 3 && w.chars().all(char::is_alphanumeric))
                .collect();
            let p = dir.path().join(format!("{name}.docx"));
            std::fs::write(&p, &docx).unwrap();
            files.push(p);
            words.push((name, cells));
        }
    }
    let Some(()) = libreoffice(&files, "pdf", dir.path()) else {
        return;
    };
    libreoffice(&files, "txt:Text (encoded):UTF8", dir.path()).unwrap();
    // A compound such as "twenty-four" that breaks at its hyphen at the end of a line of a
    // paragraph comes out of pdftotext joined ("twentyfour"): join compounds in both texts, so
    // that only a word broken inside itself counts as broken.
    let count = |text: &str, word: &str| {
        text.replace('-', "")
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| *w == word)
            .count()
    };
    let mut checked = 0;
    for (name, cells) in &words {
        let Some(pdf) = crate::pdf::pdftotext(&dir.path().join(format!("{name}.pdf"))) else {
            return;
        };
        let text = std::fs::read_to_string(dir.path().join(format!("{name}.txt"))).unwrap();
        for w in cells {
            let (in_pdf, in_text) = (count(&pdf, w), count(&text, w));
            assert!(
                in_pdf >= in_text,
                "{name}: {w:?} is whole {in_pdf} times in LibreOffice's PDF, {in_text} in its text: broken across lines in a table"
            );
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} words checked");
    eprintln!("{checked} table words checked in {} files", words.len());
}

/// After the cover, "Contents" (a heading outside the outline) and a `TOC` field over the
/// section headings and annex titles whose cached result is one paragraph per entry, in
/// order, each a link to a bookmark on its heading, without page numbers (Word fills them
/// in when it updates the field); then a new page. The SOW with its annexes and a
/// standalone annex.
#[test]
fn word_has_a_table_of_contents_linking_every_section_and_annex() {
    for document in ["sow", "sla-annex"] {
        let r = render(&example_json("global-bank.json"), document);
        let xml = part(&r.docx, "word/document.xml");
        let paras = paragraphs(&xml);
        // Paragraph i's own markup (each paragraph ends with `</w:p>`, in order).
        let chunks: Vec<&str> = xml.split("</w:p>").collect();
        let at = paras.iter().position(|p| p.style == "TOCHeading").unwrap();
        assert_eq!(paras[at].text, "Contents");
        assert_eq!(paras[at - 1].style, "SectionEnd", "after the cover");
        let styles = part(&r.docx, "word/styles.xml");
        let heading = styles
            .lines()
            .find(|l| l.contains(r#"w:styleId="TOCHeading""#))
            .unwrap();
        assert!(
            !heading.contains("outlineLvl") && !heading.contains("numPr"),
            "{heading}"
        );
        for s in ["TOC1", "TOC2"] {
            assert!(styles.contains(&format!(r#"w:styleId="{s}""#)));
        }
        let mut want = Vec::new();
        for (i, p) in r.doc.parts.iter().enumerate() {
            if i > 0 {
                want.push(format!("{} — {}", p.label.as_deref().unwrap(), p.title));
            }
            for s in &p.sections {
                want.push(format!("{}.\t{}", s.number, s.title));
            }
        }
        let entries: Vec<usize> = (at + 1..paras.len())
            .take_while(|&i| paras[i].style == "TOC1")
            .collect();
        let got: Vec<&str> = entries.iter().map(|&i| paras[i].text.as_str()).collect();
        assert_eq!(got, want, "{document}");
        let end = entries.last().unwrap() + 1;
        assert_eq!(
            paras[end].style, "SectionEnd",
            "a new page after the contents"
        );
        assert_eq!(
            paras[end].fields,
            [(
                r#"TOC \o "1-1" \h \z \t "Annex Title,1""#.to_string(),
                want.concat()
            )],
            "the field's result is the entries"
        );
        // Bookmark → the paragraph it stands on.
        let mut bookmarks: BTreeMap<&str, &Para> = BTreeMap::new();
        for p in &paras {
            for b in &p.bookmarks {
                bookmarks.insert(b, p);
            }
        }
        for &i in &entries {
            let chunk = chunks[i];
            assert!(!chunk.contains("PAGEREF"), "no page numbers: {chunk}");
            let anchor = chunk
                .split(r#"<w:hyperlink w:anchor=""#)
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or_else(|| panic!("a link: {chunk}"));
            assert!(anchor.starts_with("_Toc"), "{anchor}");
            let target = bookmarks[anchor];
            assert!(
                ["Heading1", "AnnexTitle"].contains(&target.style.as_str()),
                "{anchor} on a {} paragraph",
                target.style
            );
            let title = paras[i].text.split('\t').next_back().unwrap();
            assert_eq!(target.text, title, "{anchor}");
        }
    }
}
