//! Hostile values, as properties: any string a deal's text fields accept comes out
//! literally in the Markdown (parsed back), the Word file (its text), the PDF (pdftotext)
//! and the redline (Markdown, and Word with every change accepted); as the deal's title and
//! the vendor's name, literally in `check`'s memo (Markdown parsed back, with the lists and
//! headings of a plain title; its Word file read back by our paper reader) and its JSON.
//! Control characters are refused by validation (`validation.rs`, the corpus), so they never
//! reach a writer.

use proptest::prelude::*;
use serde_json::{Value, json};

use crate::common::{LIBRARY, example_json, markdown_text, patched, resolve};
use crate::redline::{View, deal_against, paragraphs, redline};
use dealdraft::Format;

/// Pieces that mean something to one of the formats or to Unicode layout.
pub(crate) const PIECES: &[&str] = &[
    "Acme",
    " ",
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#}",
    "{{ deal.id }}",
    "*",
    "**",
    "_",
    "`",
    "#",
    "# ",
    "1. ",
    "- ",
    ">",
    "[",
    "]",
    "(",
    ")",
    "[a](b)",
    "![i](x)",
    "<",
    ">",
    "<br>",
    "</w:t>",
    "<![CDATA[",
    "]]>",
    "&",
    "&amp;",
    "&#x41;",
    "\"",
    "'",
    "\\",
    "\\*",
    "$",
    "$x$",
    "@ref",
    "#set text(red)",
    "#read(\"x\")",
    "=",
    "|",
    "~",
    "~~",
    "^",
    "+",
    "---",
    "<u+202e>",
    "\u{202E}",
    "\u{200F}",
    "\u{200B}",
    "\u{2066}",
    "e\u{0301}",
    "\u{0301}",
    "\u{05E9}\u{05DC}\u{05D5}\u{05DD}",
    "\u{0627}\u{0644}\u{0639}\u{0631}\u{0628}\u{064A}\u{0629}",
    "\u{1F600}",
    "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}",
    "\u{1F1EB}\u{1F1F7}",
    "ß",
    "ﬁ",
    "\u{00A0}",
    "…",
    "«»",
    "§",
    "½",
];

/// The printable-ASCII pieces (what the PDF's fonts and pdftotext give back exactly).
fn ascii_pieces() -> Vec<&'static str> {
    PIECES.iter().copied().filter(|p| p.is_ascii()).collect()
}

pub(crate) fn value_from(pieces: Vec<&str>) -> String {
    pieces.concat().trim().to_string()
}

pub(crate) fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The bank deal with `v` as the customer's and the vendor's names and the deal's title.
pub(crate) fn deal_with(v: &str) -> Value {
    patched(
        &example_json("global-bank.json"),
        json!({"deal": {"customer": {"legal_name": v}, "vendor": {"legal_name": v}, "title": v}}),
    )
}

/// [`deal_with`], the vendor's short name (which the check memo prints) `v` too.
fn check_deal_with(v: &str) -> Value {
    patched(
        &deal_with(v),
        json!({"deal": {"vendor": {"short_name": v}}}),
    )
}

/// `check` of `deal` as the command prints or writes it in `format`.
fn check(deal: &Value, format: dealdraft::check::report::Format) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = crate::common::write_deal(dir.path(), "deal.json", deal);
    let report = dealdraft::check::check_files(&[path], &[], &Default::default(), &LIBRARY)
        .unwrap_or_else(|e| panic!("check failed: {e}"));
    dealdraft::check::report::output(&report, format).unwrap_or_else(|e| panic!("{e}"))
}

/// How many headings and list items a reader finds in `md`: what a value that injected
/// Markdown would change.
fn structure(md: &str) -> (usize, usize) {
    use pulldown_cmark::{Event, Parser, Tag};
    let (mut headings, mut items) = (0, 0);
    for e in Parser::new(md) {
        match e {
            Event::Start(Tag::Heading { .. }) => headings += 1,
            Event::Start(Tag::Item) => items += 1,
            _ => {}
        }
    }
    (headings, items)
}

/// The memo of the bank deal with a plain title: the structure every memo of it must keep.
static PLAIN_MEMO: std::sync::LazyLock<(usize, usize)> = std::sync::LazyLock::new(|| {
    let md = check(
        &check_deal_with("Acme"),
        dealdraft::check::report::Format::Markdown,
    );
    structure(&String::from_utf8(md).unwrap())
});

/// The memo's Word file: it opens in our paper reader (which fails on broken XML or a
/// broken package), and its paragraphs' text (spaces collapsed) as the SOW's is read. (The
/// paper reader itself drops a trailing `|`, a table row's separator in a vendor's paper.)
fn memo_word_text(docx: &[u8]) -> Vec<String> {
    if let Err(e) = dealdraft::paper::Paper::docx("memo.docx", docx) {
        panic!("the memo's Word file does not read back: {e}");
    }
    paragraphs(docx, View::Plain)
}

/// Asserts that `v`, as the deal's title and the vendor's name, is literal in the check
/// memo (Markdown parsed back, with a plain title's headings and lists; Word read back)
/// and in the JSON report.
fn assert_literal_in_check(v: &str) -> Result<(), TestCaseError> {
    use dealdraft::check::report::Format as F;
    let deal = check_deal_with(v);
    let md = String::from_utf8(check(&deal, F::Markdown)).unwrap();
    let title = format!("Negotiation memo: {} with {}", squash(v), squash(v));
    let text = squash(&markdown_text(&md));
    prop_assert!(
        text.contains(&title),
        "memo: {:?} not literal in\n{}",
        v,
        md
    );
    prop_assert_eq!(
        structure(&md),
        *PLAIN_MEMO,
        "memo: {:?} changed the headings or lists:\n{}",
        v,
        md
    );
    let json: Value = serde_json::from_slice(&check(&deal, F::Json)).unwrap();
    prop_assert_eq!(json["deals"][0]["title"].as_str(), Some(v), "JSON title");
    prop_assert_eq!(json["deals"][0]["vendor"].as_str(), Some(v), "JSON vendor");
    let word = memo_word_text(&check(&deal, F::Docx));
    let subtitle = format!("{} with {}", squash(v), squash(v));
    prop_assert!(
        word.contains(&subtitle),
        "memo Word: {:?} not literal in {:?}",
        v,
        &word[..word.len().min(4)]
    );
    Ok(())
}

fn render(deal: &Value, formats: &[Format]) -> Vec<(String, Vec<u8>)> {
    let d = resolve(deal).unwrap_or_else(|e| panic!("a text value is refused: {e}"));
    dealdraft::render_deal(
        &d,
        &LIBRARY,
        &dealdraft::RenderOptions {
            formats: formats.to_vec(),
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("render failed: {e}"))
    .files
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// Markdown parsed back and the Word file's text carry the value literally; the Word
    /// file is well-formed (the reader fails on broken XML).
    #[test]
    fn any_value_is_literal_in_markdown_and_word(pieces in prop::collection::vec(prop::sample::select(PIECES), 1..8)) {
        let v = value_from(pieces);
        prop_assume!(!v.trim().is_empty());
        let files = render(&deal_with(&v), &[Format::Markdown, Format::Docx]);
        let md = String::from_utf8(files[0].1.clone()).unwrap();
        let text = squash(&markdown_text(&md));
        prop_assert!(text.contains(&format!("made between {} (", squash(&v))), "Markdown: {:?} not literal in\n{}", v, md);
        let word = paragraphs(&files[1].1, View::Plain).join("\n");
        prop_assert!(word.contains(&squash(&v)), "Word: {:?} not literal", v);
        let paper = dealdraft::paper::Paper::docx("sow.docx", &files[1].1);
        prop_assert!(paper.is_ok(), "our own Word file does not read back: {:?}", paper.err());
    }

    /// The redline against the unchanged deal: the value is inserted, literally, in the
    /// Markdown and in Word with every change accepted, and absent with every change rejected.
    #[test]
    fn any_value_is_literal_in_the_redline(pieces in prop::collection::vec(prop::sample::select(PIECES), 1..8)) {
        let v = value_from(pieces);
        prop_assume!(!v.trim().is_empty() && !"Northwind Bank plc".contains(v.trim()));
        let theirs = resolve(&example_json("global-bank.json")).unwrap();
        let ours = resolve(&patched(&example_json("global-bank.json"), json!({"deal": {"customer": {"legal_name": v}}}))).unwrap();
        let files = redline(&ours, &deal_against(&theirs), &[Format::Markdown, Format::Docx], "sow");
        let md = String::from_utf8(files["sow.redline.md"].clone()).unwrap();
        prop_assert!(squash(&markdown_text(&md)).contains(&squash(&v)), "redline Markdown: {:?}", v);
        let accepted = paragraphs(&files["sow.redline.docx"], View::Accept).join("\n");
        prop_assert!(accepted.contains(&squash(&v)), "redline Word (accept all): {:?}", v);
        let rejected = paragraphs(&files["sow.redline.docx"], View::Reject).join("\n");
        prop_assert!(!rejected.contains(&format!("made between {} (", squash(&v))), "redline Word (reject all): {:?}", v);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// `check`: the value as the deal's title and the vendor's name comes out literally in
    /// the memo (Markdown and Word) and the JSON, and changes no heading or list of the memo.
    #[test]
    fn any_value_is_literal_in_the_check_memo_and_json(pieces in prop::collection::vec(prop::sample::select(PIECES), 1..8)) {
        let v = value_from(pieces);
        prop_assume!(!v.trim().is_empty());
        assert_literal_in_check(&v)?;
    }
}

/// The review's reproduction (2026-12-06, 1.6): a title with line breaks that would open a
/// bullet list and a numbered list in the memo's heading. It stays the heading's text.
#[test]
fn a_title_with_line_breaks_opens_no_list_in_the_memo() {
    let v = "Enterprise AI\n- injected list item\n\n1. and a numbered one";
    use dealdraft::check::report::Format as F;
    let deal = check_deal_with(v);
    let md = String::from_utf8(check(&deal, F::Markdown)).unwrap();
    assert_eq!(structure(&md), *PLAIN_MEMO, "{md}");
    let first = markdown_text(&md)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert_eq!(
        squash(&first),
        format!("Negotiation memo: {} with {}", squash(v), squash(v))
    );
    let json: Value = serde_json::from_slice(&check(&deal, F::Json)).unwrap();
    assert_eq!(json["deals"][0]["title"], v);
    let word = memo_word_text(&check(&deal, F::Docx));
    assert!(
        word.contains(&format!("{} with {}", squash(v), squash(v))),
        "{word:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// The PDF: an ASCII value comes back literally from pdftotext; any value (right-to-left,
    /// combining marks, emoji the fonts lack) gives a PDF pdftotext reads.
    #[test]
    fn any_value_typesets(
        ascii in prop::collection::vec(prop::sample::select(ascii_pieces()), 1..8),
        any in prop::collection::vec(prop::sample::select(PIECES), 1..8),
    ) {
        let a = value_from(ascii);
        let b = value_from(any);
        prop_assume!(!a.is_empty() && !b.is_empty());
        let dir = tempfile::tempdir().unwrap();
        for (v, literal) in [(&a, true), (&b, false)] {
            let files = render(&deal_with(v), &[Format::Pdf]);
            let pdf = dir.path().join("sow.pdf");
            std::fs::write(&pdf, &files[0].1).unwrap();
            let Some(text) = crate::pdf::pdftotext(&pdf) else { return Ok(()); };
            prop_assert!(text.contains("Statement of Work"), "{:?}: no text", v);
            if literal {
                prop_assert!(squash(&text).contains(&squash(v)), "PDF: {:?} not literal in\n{}", v, text);
            }
        }
    }
}
