//! `--format html`: one self-contained page per document. Every page is read back as XML
//! (polyglot HTML5), so a tag left open, an attribute unquoted or an entity XML does not
//! know fails; no scripts, no sources, no event handlers, no link outside the page; every
//! link has its anchor; the headings are the Markdown's; redline marks are the Markdown
//! redline's; hostile values stay text; the same deal gives the same bytes; Chromium
//! prints the page with its numbered headings.

use std::collections::BTreeMap;
use std::path::Path;

use proptest::prelude::*;
use quick_xml::events::Event;
use serde_json::json;

use crate::common::{LIBRARY, cmd, example_json, patched, resolve, root};
use crate::hostile_values::{PIECES, deal_with, squash, value_from};
use dealdraft::Format;

/// What a page holds, read back as XML.
#[derive(Debug, Default)]
struct Page {
    /// Every `id`, in order.
    ids: Vec<String>,
    /// Every `href`.
    hrefs: Vec<String>,
    /// Headings outside the contents: level and text.
    headings: Vec<(u8, String)>,
    /// `<ins>` and `<del>` elements.
    ins: usize,
    del: usize,
    /// The text of `<main>`, a space after each element.
    text: String,
    /// `<title>`'s text.
    title: String,
    /// `lang` of `<html>`.
    lang: Option<String>,
    /// The `<style>` element's text.
    style: String,
    /// How many elements of each name.
    elements: BTreeMap<String, usize>,
}

/// Elements a self-contained page without scripts never has.
const FORBIDDEN: &[&str] = &[
    "script", "iframe", "frame", "object", "embed", "link", "img", "base", "form", "input", "svg",
    "math", "audio", "video", "source", "applet", "noscript", "template",
];

/// Reads `html` as XML and checks what every page must be: well-formed, no forbidden
/// element, no `src`, no `on*` attribute, no `style` attribute, links only to `#` anchors.
fn page(html: &str) -> Page {
    assert!(
        html.starts_with("<!DOCTYPE html>\n"),
        "no doctype: {}",
        &html[..html.len().min(80)]
    );
    let mut r = quick_xml::Reader::from_str(html);
    r.config_mut().check_end_names = true;
    let mut p = Page::default();
    let mut stack: Vec<String> = Vec::new();
    let (mut in_nav, mut in_main, mut in_title, mut in_style) = (0, false, false, false);
    let mut heading: Option<(u8, String)> = None;
    loop {
        let event = r
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed at {}: {e}", r.buffer_position()));
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
            assert!(
                !FORBIDDEN.contains(&name.as_str()),
                "a <{name}> element in the page"
            );
            *p.elements.entry(name.clone()).or_default() += 1;
            for a in e.attributes() {
                let a = a.unwrap_or_else(|e| panic!("a broken attribute on <{name}>: {e}"));
                let key = String::from_utf8(a.key.as_ref().to_vec()).unwrap();
                let value = a.unescape_value().unwrap().into_owned();
                assert!(
                    !key.to_ascii_lowercase().starts_with("on"),
                    "an event handler {key}=\"{value}\" on <{name}>"
                );
                assert!(
                    !matches!(
                        key.as_str(),
                        "src" | "srcset" | "style" | "action" | "formaction"
                    ),
                    "{key}=\"{value}\" on <{name}>"
                );
                match key.as_str() {
                    "id" => p.ids.push(value),
                    "href" => {
                        assert!(
                            value.starts_with('#') && value.len() > 1,
                            "a link out of the page: href=\"{value}\""
                        );
                        p.hrefs.push(value[1..].to_string());
                    }
                    "lang" if name == "html" => p.lang = Some(value),
                    _ => {}
                }
            }
            match name.as_str() {
                "nav" => in_nav += 1,
                "main" => in_main = true,
                "title" => in_title = true,
                "style" => in_style = true,
                "ins" => p.ins += 1,
                "del" => p.del += 1,
                h if h.len() == 2 && h.starts_with('h') && in_nav == 0 => {
                    if let Ok(level) = h[1..].parse::<u8>() {
                        assert!(heading.is_none(), "a heading in a heading");
                        heading = Some((level, String::new()));
                    }
                }
                _ => {}
            }
            if !empty {
                stack.push(name);
            } else if in_main {
                p.text.push(' ');
            }
            continue;
        }
        let mut text = |p: &mut Page, s: &str| {
            if in_main {
                p.text.push_str(s);
            }
            if in_title {
                p.title.push_str(s);
            }
            if in_style {
                p.style.push_str(s);
            }
            if let Some((_, h)) = heading.as_mut() {
                h.push_str(s);
            }
        };
        match event {
            Event::End(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                assert_eq!(stack.pop().as_deref(), Some(name.as_str()), "end tag");
                match name.as_str() {
                    "nav" => in_nav -= 1,
                    "main" => in_main = false,
                    "title" => in_title = false,
                    "style" => in_style = false,
                    _ => {}
                }
                if let Some((level, h)) = heading.take_if(|(l, _)| name == format!("h{l}")) {
                    p.headings.push((level, squash(&h)));
                }
                if in_main {
                    p.text.push(' ');
                }
            }
            Event::Text(t) => text(&mut p, &t.decode().unwrap()),
            Event::GeneralRef(g) => {
                let s = match g.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => {
                        let name = g.decode().unwrap();
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .unwrap_or_else(|| {
                                panic!("&{name}; is not XML: polyglot pages use &#160;")
                            })
                            .to_string()
                    }
                };
                text(&mut p, &s);
            }
            Event::CData(_) => panic!("CDATA in the page"),
            Event::Eof => break,
            Event::DocType(_) | Event::Comment(_) => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!(stack.is_empty(), "elements left open: {stack:?}");
    p
}

/// What every page must be beyond [`page`]: `lang`, one `<h1>` first, heading levels that
/// never skip one, unique ids, every link's anchor present, a style that loads nothing.
fn assert_page(html: &str, what: &str) -> Page {
    let p = page(html);
    assert_eq!(p.lang.as_deref(), Some("en"), "{what}: lang");
    assert_eq!(p.elements.get("h1"), Some(&1), "{what}: one <h1>");
    assert_eq!(
        p.headings.first().map(|h| h.0),
        Some(1),
        "{what}: <h1> first"
    );
    for w in p.headings.windows(2) {
        assert!(
            w[1].0 <= w[0].0 + 1,
            "{what}: heading level skips: {:?} then {:?}",
            w[0],
            w[1]
        );
    }
    let mut seen = std::collections::HashSet::new();
    for id in &p.ids {
        assert!(seen.insert(id.as_str()), "{what}: id {id} twice");
        assert!(
            !id.is_empty() && !id.contains(char::is_whitespace),
            "{what}: id {id:?}"
        );
    }
    for h in &p.hrefs {
        assert!(
            seen.contains(h.as_str()),
            "{what}: a link to #{h}, which is not there"
        );
    }
    for bad in ["url(", "@import", "<", "&"] {
        assert!(!p.style.contains(bad), "{what}: the style has {bad}");
    }
    assert!(p.style.contains("@page"), "{what}: no print rules");
    p
}

/// The headings of a Markdown document: level and text as a reader sees it.
fn md_headings(md: &str) -> Vec<(u8, String)> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut cur: Option<(u8, String)> = None;
    for e in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match e {
            Event::Start(Tag::Heading { level, .. }) => cur = Some((level as u8, String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, s)) = cur.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let (l, s) = cur.take().unwrap();
                out.push((l, squash(&s)));
            }
            _ => {}
        }
    }
    out
}

/// The heading texts of both, in order, the redline's summary heading aside (before the
/// title in Markdown, after the title block in HTML): the same numbering and wording.
fn assert_same_headings(md: &str, html: &Page, what: &str) {
    let strip = |v: Vec<String>| -> (Vec<String>, Vec<String>) {
        v.into_iter()
            .partition(|h| !h.starts_with("Redline against "))
    };
    let (md_h, md_red) = strip(md_headings(md).into_iter().map(|h| h.1).collect());
    let (html_h, html_red) = strip(html.headings.iter().map(|h| h.1.clone()).collect());
    assert_eq!(md_red, html_red, "{what}: the redline's heading");
    if md_h != html_h {
        let at = md_h.iter().zip(&html_h).position(|(a, b)| a != b);
        panic!(
            "{what}: headings differ ({} in Markdown, {} in HTML); first difference at {at:?}: {:?} / {:?}",
            md_h.len(),
            html_h.len(),
            at.map(|i| &md_h[i]),
            at.map(|i| &html_h[i]),
        );
    }
    assert!(md_h.len() > 1, "{what}: no headings");
}

/// Markup marks of a Markdown redline: `<ins>` and `<del>` (a value holding those is
/// escaped as `\<ins\>`, so never counted).
fn md_marks(md: &str) -> (usize, usize) {
    (md.matches("<ins>").count(), md.matches("<del>").count())
}

/// Every file under `dir`, relative, with its text.
fn texts(dir: &Path) -> BTreeMap<String, String> {
    crate::common::snapshot(dir)
        .into_iter()
        .filter(|(n, _)| n.ends_with(".md") || n.ends_with(".html"))
        .map(|(n, b)| (n, String::from_utf8(b).unwrap()))
        .collect()
}

/// Each `.html` file beside its `.md`: both present, the page sound, the headings alike.
/// Returns the pages by their Markdown file's name, and how many.
fn assert_pairs(files: &BTreeMap<String, String>, what: &str) -> Vec<(String, Page)> {
    let mut pages = Vec::new();
    for (name, md) in files.iter().filter(|(n, _)| n.ends_with(".md")) {
        let html_name = format!("{}.html", name.trim_end_matches(".md"));
        let html = files
            .get(&html_name)
            .unwrap_or_else(|| panic!("{what}: {html_name} is missing beside {name}"));
        let p = assert_page(html, &format!("{what} {html_name}"));
        assert_same_headings(md, &p, &format!("{what} {html_name}"));
        pages.push((name.clone(), p));
    }
    let html_count = files.keys().filter(|n| n.ends_with(".html")).count();
    assert_eq!(html_count, pages.len(), "{what}: an .html without its .md");
    assert!(!pages.is_empty(), "{what}: nothing rendered");
    pages
}

fn run(args: &[&str]) {
    let out = cmd().current_dir(root()).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "dealdraft {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_example_document_renders_as_a_sound_page_with_the_markdowns_headings() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    for deal in crate::common::examples() {
        let deal = deal.to_str().unwrap();
        run(&["render", deal, "-f", "md,html", "-d", "all", "--out", out]);
    }
    // A business unit's call-off, in a folder of its own.
    let unit = dir.path().join("unit");
    run(&[
        "render",
        "examples/global-bank.json",
        "--unit",
        "markets",
        "-f",
        "html,md",
        "--out",
        unit.to_str().unwrap(),
    ]);
    let files = texts(dir.path());
    let pages = assert_pairs(&files, "render");
    // Three examples of six documents each, and the unit's SOW.
    assert_eq!(pages.len(), 19, "{:?}", files.keys().collect::<Vec<_>>());
    let sow = &pages
        .iter()
        .find(|(n, _)| n.ends_with("northwind-bank-openai-2027/sow.md"))
        .unwrap()
        .1;
    // The anchors of the scheme the workbench links to; cross-references are links.
    for id in [
        "part-sow",
        "part-sla-annex",
        "sec-sow-parties",
        "cl-sla.uptime",
    ] {
        assert!(sow.ids.iter().any(|i| i == id), "no #{id}");
    }
    assert!(
        sow.hrefs.iter().filter(|h| h.starts_with("cl-")).count() > 10,
        "cross-references are not links: {:?}",
        &sow.hrefs
    );
    // The contents link every section and every annex.
    assert!(sow.hrefs.iter().any(|h| h == "part-exit-annex"));
    assert!(sow.hrefs.iter().any(|h| h == "sec-sow-parties"));
    // Blanks are marked in the minimal deal, with the field they wait for.
    let minimal = &files[&files
        .keys()
        .find(|n| n.ends_with("/sow.html") && n.starts_with("minimal/"))
        .unwrap()
        .clone()];
    assert!(
        minimal.contains(
            "<mark class=\"blank\" title=\"deal.customer.legal_name\" data-field=\"deal.customer.legal_name\">[●]</mark>"
        ),
        "no marked blank"
    );
}

#[test]
fn batch_writes_a_page_beside_each_markdown_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run(&[
        "batch",
        "examples",
        "-f",
        "md,html",
        "--out",
        out.to_str().unwrap(),
    ]);
    let files = texts(&out);
    let pages = assert_pairs(&files, "batch");
    // The bank's SOW and one per unit, and the other two deals' SOWs.
    assert!(pages.len() >= 5, "{:?}", files.keys().collect::<Vec<_>>());
    let manifest = std::fs::read_to_string(out.join("manifest.json")).unwrap();
    assert!(manifest.contains("sow.html"), "the manifest lists no page");
}

/// The redline's pages carry the Markdown redline's marks, one for one, against the
/// playbook, another deal and the vendor's paper (the title block inserted whole).
#[test]
fn a_redline_page_has_the_markdown_redlines_marks() {
    let paper = "tests/papers/01-cloud-uptime-table/paper.md";
    for (i, against) in ["playbook:fallback", "examples/healthcare-azure.json", paper]
        .into_iter()
        .enumerate()
    {
        let dir = tempfile::tempdir().unwrap();
        let doc = if i == 2 { "sow" } else { "all" };
        run(&[
            "redline",
            "examples/global-bank.json",
            "--against",
            against,
            "-d",
            doc,
            "-f",
            "html,md",
            "--out",
            dir.path().to_str().unwrap(),
        ]);
        let files = texts(dir.path());
        let mut total = (0, 0);
        for (name, p) in assert_pairs(&files, against) {
            let (ins, del) = md_marks(&files[&name]);
            assert_eq!(
                (p.ins, p.del),
                (ins, del),
                "{against}: {name}: <ins>, <del>"
            );
            assert!(p.text.contains("Redline against"), "{name}: no summary");
            total = (total.0 + ins, total.1 + del);
        }
        // More than the legend's one of each.
        assert!(total.0 > 1 && total.1 > 1, "{against}: marks {total:?}");
    }
}

#[test]
fn the_check_memo_is_a_page_too() {
    let out = cmd()
        .current_dir(root())
        .args(["check", "examples/minimal.json", "-f", "html"])
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    let p = assert_page(&html, "memo");
    let md = cmd()
        .current_dir(root())
        .args(["check", "examples/minimal.json", "-f", "md"])
        .output()
        .unwrap();
    assert_same_headings(&String::from_utf8(md.stdout).unwrap(), &p, "memo");
}

fn html_of(deal: &serde_json::Value, document: &str) -> String {
    let d = resolve(deal).unwrap_or_else(|e| panic!("refused: {e}"));
    let r = dealdraft::render_deal(
        &d,
        &LIBRARY,
        &dealdraft::RenderOptions {
            documents: vec![document.into()],
            formats: vec![Format::Html],
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("render failed: {e}"));
    String::from_utf8(r.files[0].1.clone()).unwrap()
}

/// How the page is built (elements by name): what a value that injected markup would change.
fn shape(p: &Page) -> BTreeMap<String, usize> {
    p.elements.clone()
}

/// Asserts that `v`, as the customer's and vendor's names and the deal's title, is text in
/// the page: literal in its text and title, the page's elements as with a plain name.
fn assert_literal(v: &str, plain: &BTreeMap<String, usize>) -> Result<(), TestCaseError> {
    let html = html_of(&deal_with(v), "sow");
    let p = assert_page(&html, v);
    let text = squash(&p.text);
    prop_assert!(
        text.contains(&format!("made between {} (", squash(v))),
        "{:?} not literal in the page",
        v
    );
    prop_assert!(
        squash(&p.title).contains(&squash(v)),
        "{:?} not in <title>: {:?}",
        v,
        p.title
    );
    prop_assert_eq!(&shape(&p), plain, "{:?} changed the page's elements", v);
    Ok(())
}

static PLAIN_SHAPE: std::sync::LazyLock<BTreeMap<String, usize>> =
    std::sync::LazyLock::new(|| shape(&page(&html_of(&deal_with("Acme"), "sow"))));

#[test]
fn hostile_values_stay_text() {
    for v in [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "'><svg onload=alert(1)>",
        "R&amp;D &lt;b&gt; &#x41; &nbsp;",
        "{{ deal.id }} {% raw %}",
        "</main></body><body onload=x>",
        "<![CDATA[ x ]]>",
    ] {
        assert_literal(v, &PLAIN_SHAPE).unwrap();
    }
    let html = html_of(&deal_with("<script>alert(1)</script>"), "sow");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Any value `hostile_values` tries on the other formats is text in the page.
    #[test]
    fn any_value_is_literal_in_the_page(pieces in prop::collection::vec(prop::sample::select(PIECES), 1..8)) {
        let v = value_from(pieces);
        prop_assume!(!v.trim().is_empty());
        assert_literal(&v, &PLAIN_SHAPE)?;
    }
}

#[test]
fn the_same_deal_gives_the_same_bytes() {
    let deal = example_json("global-bank.json");
    let a = html_of(&deal, "sow");
    let b = html_of(&deal, "sow");
    assert!(a == b, "two renders of one deal differ");
    // The embeddable body is the page's <main>.
    let d = resolve(&deal).unwrap();
    let set = dealdraft::assemble::assemble(&d, &LIBRARY, "sow", Default::default()).unwrap();
    let (docs, _) = set.chosen(&["sow".to_string()]);
    let body = dealdraft::render::html::body(&docs[0]);
    assert!(body.starts_with("<main id=\"document\""), "{}", &body[..80]);
    assert!(a.contains(&body), "the body is not the page's");
    assert_eq!(body, dealdraft::render::html::body(&docs[0]));
}

#[test]
fn the_page_takes_the_deals_paper_size() {
    let a4 = html_of(&example_json("minimal.json"), "sow");
    assert!(a4.contains("@page { size: A4;"));
    let letter = html_of(
        &patched(
            &example_json("minimal.json"),
            json!({"deal": {"paper": "letter"}}),
        ),
        "sow",
    );
    assert!(letter.contains("@page { size: letter;"));
}

#[test]
fn the_minimal_sow_renders_as_reviewed() {
    insta::assert_snapshot!(
        "minimal-sow-html",
        html_of(&example_json("minimal.json"), "sow")
    );
}

/// A redline can hold one clause id twice (deleted where it was, inserted where it now
/// stands): the ids stay unique and a reference links to the clause that is not deleted.
#[test]
fn a_clause_id_twice_gets_a_suffix_and_references_link_the_live_one() {
    use dealdraft::model::*;
    let clause = |rev: Option<Revision>, body: Vec<Inline>| Clause {
        id: "sla.credits".into(),
        number: "1.1".into(),
        title: "Credits".into(),
        blocks: vec![Block::Paragraph { inlines: body }],
        revision: rev,
        title_was: None,
    };
    let section = |id: &str, clauses| Section {
        id: id.into(),
        number: "1".into(),
        title: "S".into(),
        clauses,
        revision: None,
    };
    let doc = Document {
        id: "sow".into(),
        meta: Meta {
            title: "T".into(),
            subtitle: vec![],
            short_title: "T".into(),
            rows: vec![],
            status: None,
            deal_id: "d".into(),
            date: None,
            paper: PaperSize::A4,
            redline: None,
            revision: None,
            plain_headings: false,
        },
        parts: vec![Part {
            id: "sow".into(),
            label: None,
            title: "T".into(),
            intro: vec![],
            sections: vec![
                section(
                    "a",
                    vec![clause(Some(Revision::Deleted), vec![Inline::text("old")])],
                ),
                section(
                    "a",
                    vec![clause(
                        Some(Revision::Inserted),
                        vec![Inline::Ref {
                            target: "sla.credits".into(),
                            text: "Section 1.1".into(),
                        }],
                    )],
                ),
            ],
            signature: None,
            revision: None,
        }],
    };
    let html = dealdraft::render::html::render(&doc);
    let p = assert_page(&html, "twice");
    for id in [
        "sec-sow-a",
        "sec-sow-a-2",
        "cl-sla.credits",
        "cl-sla.credits-2",
    ] {
        assert!(p.ids.iter().any(|i| i == id), "no {id}: {:?}", p.ids);
    }
    assert!(
        html.contains("<a href=\"#cl-sla.credits-2\">Section 1.1</a>"),
        "{html}"
    );
}

/// Chromium (Debian's package) prints the page: the PDF has the numbered headings, the
/// annex titles and the deal's paper size.
#[test]
fn chromium_prints_the_page_with_its_numbered_headings() {
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| Path::new(p).exists());
    let Some(chromium) = chromium else {
        crate::common::tool_missing(
            "chromium is not installed; `apt-get install chromium` to print the HTML page",
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("sow.html");
    std::fs::write(&html, html_of(&example_json("minimal.json"), "sow")).unwrap();
    let pdf = dir.path().join("sow.pdf");
    let out = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(
        pdf.exists(),
        "chromium wrote no PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let Some(text) = crate::pdf::pdftotext(&pdf) else {
        return;
    };
    let text = squash(&text);
    for heading in [
        "Statement of Work",
        "Draft — subject to contract",
        "1. Parties and Agreement",
        "1.1 Parties",
        "12. General",
        "Annex A — Service Levels",
        "2. Service Level",
        "Annex E — Exit and Transition",
        "Signatures",
    ] {
        assert!(
            text.contains(heading),
            "{heading:?} not in the printed page"
        );
    }
    let info = std::process::Command::new("pdfinfo").arg(&pdf).output();
    match info {
        Ok(o) => {
            let info = String::from_utf8_lossy(&o.stdout);
            assert!(info.contains("(A4)"), "not A4: {info}");
        }
        Err(_) => crate::common::tool_missing("pdfinfo is not installed (poppler-utils)"),
    }
}
