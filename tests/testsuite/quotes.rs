//! One quotation style in every format (issue 28): the clause text's quotation marks and
//! apostrophes are typographic in the document model, so Markdown, Word and PDF print the
//! same marks (a PDF once had 13 straight against 28 curly); a deal value prints as typed.

use serde_json::json;

use crate::common::{LIBRARY, example_json, patched, resolve};

/// Each example at both stances, and a unit of the bank.
fn variants() -> Vec<(String, dealdraft::Resolved)> {
    let mut out = Vec::new();
    for name in ["global-bank.json", "healthcare-azure.json", "minimal.json"] {
        for stance in ["preferred", "fallback"] {
            let deal = patched(&example_json(name), json!({"deal": {"stance": stance}}));
            out.push((format!("{name} ({stance})"), resolve(&deal).unwrap()));
        }
    }
    let bank = resolve(&example_json("global-bank.json")).unwrap();
    let unit = dealdraft::resolve::for_unit(&bank, "markets", &LIBRARY).unwrap();
    out.push(("global-bank.json (unit markets)".into(), unit));
    out
}

fn render(deal: &dealdraft::Resolved, format: dealdraft::Format) -> Vec<u8> {
    let opts = dealdraft::RenderOptions {
        documents: vec!["all".into()],
        formats: vec![format],
        ..Default::default()
    };
    dealdraft::render_deal(deal, &LIBRARY, &opts)
        .unwrap()
        .files
        .into_iter()
        .flat_map(|(_, bytes)| bytes)
        .collect()
}

fn straight(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.contains(['"', '\'']))
        .map(str::to_string)
        .collect()
}

#[test]
fn one_typographic_style_in_every_format() {
    for (name, deal) in variants() {
        // Markdown: no straight mark in the text (a defined term is **“Term”**).
        let md = String::from_utf8(render(&deal, dealdraft::Format::Markdown)).unwrap();
        assert!(straight(&md).is_empty(), "{name}: {:#?}", straight(&md));
        assert!(md.contains("(“**") || md.contains("**“"), "{name}");
        assert!(md.contains('’'), "{name}: apostrophes are typographic");
        // Word: the text of every run.
        let opts = dealdraft::RenderOptions {
            documents: vec!["sow".into()],
            formats: vec![dealdraft::Format::Docx],
            ..Default::default()
        };
        let docx = &dealdraft::render_deal(&deal, &LIBRARY, &opts)
            .unwrap()
            .files[0]
            .1;
        let text = run_text(docx);
        assert!(straight(&text).is_empty(), "{name}: {:#?}", straight(&text));
        assert!(text.contains('“') && text.contains('’'), "{name}");
    }
}

/// The text of every `w:t` run of the Word file's document (field instructions are not
/// text), one paragraph a line.
fn run_text(docx: &[u8]) -> String {
    let xml = crate::redline::part(docx, "word/document.xml");
    let mut out = String::new();
    for para in xml.split("</w:p>") {
        let mut rest = para;
        while let Some(at) = rest.find("<w:t") {
            rest = &rest[at + 4..];
            // `<w:t>` or `<w:t xml:space=...>`, not `<w:tbl>`, `<w:tr>`, `<w:tab/>`...
            if !(rest.starts_with('>') || rest.starts_with(' ')) {
                continue;
            }
            let start = rest.find('>').unwrap() + 1;
            let end = rest.find("</w:t>").unwrap();
            out.push_str(
                &rest[start..end]
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'"),
            );
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_pdf_prints_the_marks_of_the_model() {
    let deal = resolve(&example_json("global-bank.json")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("sow.pdf");
    let opts = dealdraft::RenderOptions {
        formats: vec![dealdraft::Format::Pdf],
        ..Default::default()
    };
    std::fs::write(
        &pdf,
        &dealdraft::render_deal(&deal, &LIBRARY, &opts)
            .unwrap()
            .files[0]
            .1,
    )
    .unwrap();
    let Some(text) = crate::pdf::pdftotext(&pdf) else {
        return;
    };
    assert!(straight(&text).is_empty(), "{:#?}", straight(&text));
    assert!(text.contains("“Customer”") && text.contains("Customer’s"));
}

/// A value prints as typed: its straight marks are the user's, in every format.
#[test]
fn a_deal_value_keeps_its_own_marks() {
    let name = r#"O'Brien "Holdings" Ltd"#;
    let deal = resolve(&patched(
        &example_json("global-bank.json"),
        json!({"deal": {"customer": {"legal_name": name}}}),
    ))
    .unwrap();
    let md = String::from_utf8(render(&deal, dealdraft::Format::Markdown)).unwrap();
    assert!(
        crate::common::markdown_text(&md).contains(&crate::counsel::fold_quotes(name))
            && md.contains(r#"O'Brien "Holdings" Ltd"#),
        "the value as typed"
    );
    // ...and the clause text around it is still typographic.
    assert!(md.contains("Customer’s"));
}
