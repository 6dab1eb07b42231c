//! The fuzz targets' bodies, one function per target (`fuzz_targets/<name>.rs` calls it).
//! The integration tests include this file (`tests/testsuite/fuzz_regressions.rs`) and run
//! every input of `tests/fuzz-regressions/<target>/` through the same function, so a crash
//! once found stays a regression test.

use std::sync::LazyLock;

use dealdraft::model::{
    Block, Clause, Document, Inline, Meta, PaperSize, Part, Section, Signature,
};

static LIBRARY: LazyLock<dealdraft::Library> =
    LazyLock::new(|| dealdraft::Library::builtin().expect("built-in library"));

/// `deal`: any bytes give a deal or diagnostics; a deal that resolves also assembles (or
/// says why not).
pub fn deal(data: &[u8]) {
    let Ok(source) = dealdraft::deal::Source::from_bytes("fuzz.json", data.to_vec()) else {
        return;
    };
    if let Ok(deal) = dealdraft::resolve::resolve(&source, &LIBRARY) {
        let _ = dealdraft::assemble::assemble(&deal, &LIBRARY, "sow", Default::default());
    }
}

/// `markdown_parse`: clause Markdown → model, and the vendor paper's Markdown and text.
pub fn markdown_parse(data: &str) {
    let _ = dealdraft::assemble::parse::parse(data);
    let _ = dealdraft::paper::Paper::markdown("fuzz.md", data);
    let _ = dealdraft::paper::Paper::text("fuzz.txt", data);
}

/// `write_markdown`: the writer never panics and its output reads back as a paper.
pub fn write_markdown(data: &str) {
    let doc = document(data);
    let md = dealdraft::render::markdown::render(&doc);
    let _ = dealdraft::paper::Paper::markdown("sow.md", &md);
}

/// `write_typst`: the Typst data is JSON that reads back equal.
pub fn write_typst(data: &str) {
    let doc = document(data);
    let value = serde_json::to_value(&doc).expect("the document model serialises");
    let files =
        dealdraft::render::typst::project_files(&doc, dealdraft::render::typst::DEFAULT_STYLE);
    let json = files
        .iter()
        .find(|(n, _)| n.ends_with(".json"))
        .expect("a data file");
    let back: serde_json::Value = serde_json::from_slice(&json.1).expect("data file is JSON");
    assert_eq!(back, value);
}

/// `write_docx`: our Word file reads back through our own reader.
pub fn write_docx(data: &str) {
    let doc = document(data);
    if let Ok(bytes) = dealdraft::render::docx::render(&doc)
        && let Err(e) = dealdraft::paper::Paper::docx("sow.docx", &bytes)
    {
        panic!("our own DOCX does not read back: {}", e.message);
    }
}

/// `write_html`: the page is well-formed XML (we write polyglot HTML5) with no script and
/// no event handler, whatever the text.
pub fn write_html(data: &str) {
    use quick_xml::events::Event;
    let doc = document(data);
    let page = dealdraft::render::html::render(&doc);
    let mut r = quick_xml::Reader::from_str(&page);
    r.config_mut().check_end_names = true;
    let mut open = 0usize;
    loop {
        let event = r.read_event().unwrap_or_else(|e| {
            panic!(
                "our page is not well-formed at {}: {e}",
                r.buffer_position()
            )
        });
        let start = matches!(event, Event::Start(_));
        match event {
            Event::Start(e) | Event::Empty(e) => {
                assert_ne!(e.name().as_ref(), b"script", "a script element");
                for a in e.attributes() {
                    let a = a.unwrap_or_else(|e| panic!("a broken attribute: {e}"));
                    assert!(!a.key.as_ref().starts_with(b"on"), "an event handler");
                }
                open += usize::from(start);
            }
            Event::End(_) => open -= 1,
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(open, 0, "elements left open");
}

/// `docx_reader`: any bytes give paragraphs or an error.
pub fn docx_reader(data: &[u8]) {
    let _ = dealdraft::paper::Paper::docx("fuzz.docx", data);
}

/// `word_diff`: "baseline\0ours"; accepting every change gives our text, rejecting every
/// change the baseline's.
pub fn word_diff(data: &str) {
    use dealdraft::model::plain_text;
    use dealdraft::redline::word_diff::{Words, diff};
    let (a, b) = data.split_once('\0').unwrap_or((data, ""));
    let (old, new) = (first_inlines(a), first_inlines(b));
    if let Some(marked) = diff(&Words::of(&old), &Words::of(&new)) {
        assert_eq!(
            plain_text(&resolved(&marked, true)),
            plain_text(&new),
            "accept all"
        );
        assert_eq!(
            plain_text(&resolved(&marked, false)),
            plain_text(&old),
            "reject all"
        );
    }
}

/// The first paragraph's inlines of clause Markdown (or the text as one run).
fn first_inlines(s: &str) -> Vec<Inline> {
    match blocks(s).into_iter().next() {
        Some(Block::Paragraph { inlines }) => inlines,
        _ => vec![Inline::text(s)],
    }
}

/// Inlines with every change accepted (`keep_ins`) or rejected.
fn resolved(xs: &[Inline], keep_ins: bool) -> Vec<Inline> {
    let mut out = Vec::new();
    for x in xs {
        match x {
            Inline::Ins { content } if keep_ins => out.extend(resolved(content, keep_ins)),
            Inline::Del { content } if !keep_ins => out.extend(resolved(content, keep_ins)),
            Inline::Ins { .. } | Inline::Del { .. } => {}
            Inline::Strong { content } => out.push(Inline::Strong {
                content: resolved(content, keep_ins),
            }),
            Inline::Emph { content } => out.push(Inline::Emph {
                content: resolved(content, keep_ins),
            }),
            other => out.push(other.clone()),
        }
    }
    out
}

/// Clause Markdown → blocks, as the assembler parses it; text the parser refuses becomes
/// one paragraph of literal text (a value could hold it).
fn blocks(markdown: &str) -> Vec<Block> {
    dealdraft::assemble::parse::parse(markdown).unwrap_or_else(|_| {
        vec![Block::Paragraph {
            inlines: vec![Inline::Value {
                field: None,
                text: markdown.to_string(),
            }],
        }]
    })
}

/// A one-part document: the first line of `data` as every value of the title block,
/// signature and headings, the rest as one clause's body (parsed as clause Markdown).
fn document(data: &str) -> Document {
    let (value, body) = data.split_once('\n').unwrap_or((data, ""));
    let v = || {
        vec![Inline::Value {
            text: value.to_string(),
            field: None,
        }]
    };
    Document {
        id: "sow".into(),
        meta: Meta {
            title: value.into(),
            subtitle: v(),
            short_title: value.into(),
            rows: vec![("Customer".into(), v()), (value.into(), v())],
            status: Some(value.into()),
            deal_id: "fuzz".into(),
            date: Some("2027-01-01".into()),
            paper: PaperSize::A4,
            redline: None,
            revision: None,
            plain_headings: false,
        },
        parts: vec![Part {
            id: "sow".into(),
            label: Some(value.into()),
            title: value.into(),
            intro: vec![Block::Paragraph { inlines: v() }],
            sections: vec![Section {
                id: "s".into(),
                number: "1".into(),
                title: value.into(),
                clauses: vec![Clause {
                    id: "c".into(),
                    number: "1.1".into(),
                    title: value.into(),
                    blocks: blocks(body),
                    revision: None,
                    title_was: None,
                }],
                revision: None,
            }],
            signature: Some(Signature {
                parties: vec![("Customer".into(), v())],
                revision: None,
            }),
            revision: None,
        }],
    }
}
