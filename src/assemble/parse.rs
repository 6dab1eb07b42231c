//! Rendered clause Markdown → blocks of the document model, with pulldown-cmark.
//!
//! Clause bodies may use paragraphs, bold, italics, lists and tables; headings belong to
//! the assembler (which numbers them) and anything else (HTML, code, links) is refused.
//! Links with dealdraft's own destinations become cross-references and definitions;
//! the escape function's markers become deal values and blanks.

use pulldown_cmark::{Alignment, Event, Options, Parser, Tag, TagEnd};

use crate::conventions::{BLANK_CLOSE, BLANK_OPEN, DEF_DEST, REF_SCHEME, VALUE_CLOSE, VALUE_OPEN};
use crate::model::{Align, Block, Inline};

enum Frame {
    Paragraph(Vec<Inline>),
    Strong(Vec<Inline>),
    Emph(Vec<Inline>),
    Link {
        dest: String,
        content: Vec<Inline>,
    },
    List {
        ordered: bool,
        items: Vec<Vec<Block>>,
    },
    Item(Vec<Block>, Vec<Inline>),
    Table {
        align: Vec<Align>,
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        in_head: bool,
    },
    Row(Vec<Vec<Inline>>),
    Cell(Vec<Inline>),
}

/// How deep blocks and inlines may nest in a clause body (the Typst data must stay within
/// serde_json's and Typst's recursion limits; found by the `write_typst` fuzz target).
pub const MAX_NESTING: usize = 24;

/// Parses one clause body (or preamble). Errors are plain messages; the caller adds the file.
pub fn parse(markdown: &str) -> Result<Vec<Block>, String> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut out: Vec<Block> = Vec::new();

    fn push_inline(stack: &mut [Frame], x: Inline) -> Result<(), String> {
        match stack.last_mut() {
            Some(Frame::Paragraph(v) | Frame::Strong(v) | Frame::Emph(v) | Frame::Cell(v)) => {
                v.push(x)
            }
            Some(Frame::Link { content, .. }) => content.push(x),
            // Tight list items carry inlines without a paragraph.
            Some(Frame::Item(_, pending)) => pending.push(x),
            _ => return Err("text outside a block".into()),
        }
        Ok(())
    }

    fn push_block(stack: &mut [Frame], out: &mut Vec<Block>, b: Block) {
        match stack.last_mut() {
            Some(Frame::Item(blocks, pending)) => {
                flush_pending(blocks, pending);
                blocks.push(b);
            }
            _ => out.push(b),
        }
    }

    fn flush_pending(blocks: &mut Vec<Block>, pending: &mut Vec<Inline>) {
        if !pending.is_empty() {
            blocks.push(Block::Paragraph {
                inlines: finish_inlines(std::mem::take(pending)),
            });
        }
    }

    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            // Lists in lists in emphasis...: the writers and Typst's JSON reader recurse
            // over the model, and a contract never nests this deep.
            Event::Start(_) if stack.len() >= MAX_NESTING => {
                return Err(format!(
                    "lists and emphasis nested more than {MAX_NESTING} levels deep"
                ));
            }
            Event::Start(tag) => match tag {
                Tag::Paragraph => stack.push(Frame::Paragraph(Vec::new())),
                Tag::Strong => stack.push(Frame::Strong(Vec::new())),
                Tag::Emphasis => stack.push(Frame::Emph(Vec::new())),
                Tag::Link { dest_url, .. } => stack.push(Frame::Link {
                    dest: dest_url.to_string(),
                    content: Vec::new(),
                }),
                Tag::List(first) => stack.push(Frame::List {
                    ordered: first.is_some(),
                    items: Vec::new(),
                }),
                Tag::Item => stack.push(Frame::Item(Vec::new(), Vec::new())),
                Tag::Table(aligns) => stack.push(Frame::Table {
                    align: aligns
                        .iter()
                        .map(|a| match a {
                            Alignment::Center => Align::Center,
                            Alignment::Right => Align::Right,
                            _ => Align::Left,
                        })
                        .collect(),
                    header: Vec::new(),
                    rows: Vec::new(),
                    in_head: false,
                }),
                Tag::TableHead => {
                    if let Some(Frame::Table { in_head, .. }) = stack.last_mut() {
                        *in_head = true;
                    }
                    stack.push(Frame::Row(Vec::new()));
                }
                Tag::TableRow => stack.push(Frame::Row(Vec::new())),
                Tag::TableCell => stack.push(Frame::Cell(Vec::new())),
                Tag::Heading { .. } => {
                    return Err("headings are not allowed in a clause: the assembler numbers clauses from their front matter".into());
                }
                other => return Err(format!("{} is not supported in a clause", describe(&other))),
            },
            Event::End(end) => {
                let frame = stack.pop().ok_or("unbalanced Markdown")?;
                match (end, frame) {
                    (TagEnd::Paragraph, Frame::Paragraph(v)) => {
                        let inlines = finish_inlines(v);
                        if !inlines.is_empty() {
                            push_block(&mut stack, &mut out, Block::Paragraph { inlines });
                        }
                    }
                    (TagEnd::Strong, Frame::Strong(v)) => push_inline(
                        &mut stack,
                        Inline::Strong {
                            content: finish_inlines(v),
                        },
                    )?,
                    (TagEnd::Emphasis, Frame::Emph(v)) => push_inline(
                        &mut stack,
                        Inline::Emph {
                            content: finish_inlines(v),
                        },
                    )?,
                    (TagEnd::Link, Frame::Link { dest, content }) => {
                        if let Some(target) = dest.strip_prefix(REF_SCHEME) {
                            push_inline(
                                &mut stack,
                                Inline::Ref {
                                    target: target.to_string(),
                                    text: String::new(),
                                },
                            )?;
                        } else if dest == DEF_DEST {
                            let term = crate::model::plain_text(&finish_inlines(content));
                            push_inline(&mut stack, Inline::Definition { term })?;
                        } else {
                            return Err(format!(
                                "links are not supported in a clause (to \"{dest}\"); use ref(id=...) for cross-references"
                            ));
                        }
                    }
                    (TagEnd::Item, Frame::Item(mut blocks, mut pending)) => {
                        flush_pending(&mut blocks, &mut pending);
                        if let Some(Frame::List { items, .. }) = stack.last_mut() {
                            items.push(blocks);
                        }
                    }
                    (TagEnd::List(_), Frame::List { ordered, items }) => {
                        push_block(&mut stack, &mut out, Block::List { ordered, items })
                    }
                    (TagEnd::TableCell, Frame::Cell(v)) => {
                        if let Some(Frame::Row(cells)) = stack.last_mut() {
                            cells.push(finish_inlines(v));
                        }
                    }
                    (TagEnd::TableHead, Frame::Row(cells)) => {
                        if let Some(Frame::Table {
                            header, in_head, ..
                        }) = stack.last_mut()
                        {
                            *header = cells;
                            *in_head = false;
                        }
                    }
                    (TagEnd::TableRow, Frame::Row(cells)) => {
                        if let Some(Frame::Table { rows, .. }) = stack.last_mut() {
                            rows.push(cells);
                        }
                    }
                    (
                        TagEnd::Table,
                        Frame::Table {
                            align,
                            header,
                            rows,
                            ..
                        },
                    ) => push_block(
                        &mut stack,
                        &mut out,
                        Block::Table {
                            align,
                            header,
                            rows,
                            revisions: Vec::new(),
                        },
                    ),
                    _ => return Err("unbalanced Markdown".into()),
                }
            }
            Event::Text(t) => push_inline(&mut stack, Inline::text(t.to_string()))?,
            Event::SoftBreak => push_inline(&mut stack, Inline::text(" "))?,
            Event::HardBreak => push_inline(&mut stack, Inline::Break)?,
            Event::Code(c) => {
                return Err(format!("inline code (`{c}`) is not supported in a clause"));
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                return Err(format!("HTML is not supported in a clause: {}", h.trim()));
            }
            Event::Rule => return Err("horizontal rules are not supported in a clause".into()),
            other => return Err(format!("{other:?} is not supported in a clause")),
        }
    }
    Ok(out)
}

fn describe(tag: &Tag<'_>) -> &'static str {
    match tag {
        Tag::BlockQuote(_) => "a block quote",
        Tag::CodeBlock(_) => "a code block (is a line indented by four spaces?)",
        Tag::HtmlBlock => "HTML",
        Tag::Image { .. } => "an image",
        Tag::FootnoteDefinition(_) => "a footnote",
        _ => "this Markdown construct",
    }
}

/// Merges adjacent text, then splits it at value and blank markers.
fn finish_inlines(v: Vec<Inline>) -> Vec<Inline> {
    let mut merged: Vec<Inline> = Vec::new();
    for x in v {
        if let (Some(Inline::Text { text: prev }), Inline::Text { text }) = (merged.last_mut(), &x)
        {
            prev.push_str(text);
        } else {
            merged.push(x);
        }
    }
    let mut out = Vec::new();
    for x in merged {
        match x {
            Inline::Text { text } => split_markers(&text, &mut out),
            other => out.push(other),
        }
    }
    // Trim the edges of the paragraph (left by line breaks and indentation).
    if let Some(Inline::Text { text }) = out.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some(Inline::Text { text }) = out.last_mut() {
        *text = text.trim_end().to_string();
    }
    out.retain(|x| !matches!(x, Inline::Text { text } if text.is_empty()));
    // Typographic quotes in the clause's own text, each judged by what printed before it.
    let mut prev: Option<char> = None;
    for x in &mut out {
        if let Inline::Text { text } = x {
            *text = crate::conventions::typographic_quotes(text, prev);
        }
        prev = last_char(x).or(prev);
    }
    out
}

/// The last character an inline prints, for the quote before the next one.
fn last_char(x: &Inline) -> Option<char> {
    match x {
        Inline::Text { text }
        | Inline::Value { text, .. }
        | Inline::Ref { text, .. }
        | Inline::Code { text } => text.chars().last(),
        Inline::Strong { content }
        | Inline::Emph { content }
        | Inline::Ins { content }
        | Inline::Del { content } => content.iter().rev().find_map(last_char),
        Inline::Definition { .. } => Some('”'),
        Inline::Blank { .. } => Some('●'),
        Inline::Break => Some(' '),
    }
}

/// The first value or blank marker in `s`. The markers are U+E000-U+E003, whose UTF-8 starts
/// with the byte 0xEE: a byte search finds the candidates (a `find` over a set of chars
/// decodes every character).
fn next_marker(s: &str) -> Option<(usize, char)> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(p) = bytes[from..].iter().position(|&b| b == 0xEE) {
        let i = from + p;
        // 0xEE is a leading byte, so `i` is a character boundary.
        match s[i..].chars().next() {
            Some(c @ (VALUE_OPEN | VALUE_CLOSE | BLANK_OPEN)) => return Some((i, c)),
            _ => from = i + 1,
        }
    }
    None
}

fn split_markers(s: &str, out: &mut Vec<Inline>) {
    let mut in_value = false;
    let push = |text: &str, in_value: bool, out: &mut Vec<Inline>| {
        if !text.is_empty() {
            out.push(if in_value {
                // A value the template names opens with its field.
                let (field, text) = match crate::conventions::split_field(text) {
                    Some((f, t)) => (Some(f.to_string()), t.to_string()),
                    None => (None, text.to_string()),
                };
                if text.is_empty() {
                    return;
                }
                Inline::Value { text, field }
            } else {
                let text = text.to_string();
                Inline::Text { text }
            });
        }
    };
    let mut rest = s;
    while let Some((i, c)) = next_marker(rest) {
        push(&rest[..i], in_value, out);
        rest = &rest[i + c.len_utf8()..];
        match c {
            VALUE_OPEN => in_value = true,
            VALUE_CLOSE => in_value = false,
            _ => {
                let end = rest.find(BLANK_CLOSE).unwrap_or(rest.len());
                out.push(Inline::Blank {
                    field: rest[..end].to_string(),
                });
                rest = rest[end..]
                    .strip_prefix(BLANK_CLOSE)
                    .unwrap_or(&rest[end..]);
            }
        }
    }
    push(rest, in_value, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_bounded() {
        let deep = format!("{}x", "- ".repeat(100));
        assert!(
            parse(&deep)
                .unwrap_err()
                .contains("nested more than 24 levels")
        );
        let fine = format!("{}x", "- ".repeat(8));
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn markers_split_text_values_and_blanks() {
        let (vo, vc, bo, bc) = (VALUE_OPEN, VALUE_CLOSE, BLANK_OPEN, BLANK_CLOSE);
        let mut out = Vec::new();
        // Other characters of the 0xEE lead byte (U+E004, U+E100) are text.
        split_markers(
            &format!("é{vo}Acme \u{e004}{vc}{vo}{vc} owes {bo}deal.fee{bc}\u{e100}!{bo}open"),
            &mut out,
        );
        let text = |t: &str| Inline::Text { text: t.into() };
        assert_eq!(
            out,
            vec![
                text("é"),
                Inline::Value {
                    text: "Acme \u{e004}".into(),
                    field: None,
                },
                text(" owes "),
                Inline::Blank {
                    field: "deal.fee".into()
                },
                text("\u{e100}!"),
                Inline::Blank {
                    field: "open".into()
                },
            ]
        );
    }

    #[test]
    fn paragraphs_lists_tables() {
        let md = "First *a* **b**.\n\n1. one\n2. two\n\n| A | B |\n|---|--:|\n| x | y |\n";
        let blocks = parse(md).unwrap();
        assert_eq!(blocks.len(), 3);
        assert!(matches!(&blocks[1], Block::List { ordered: true, items } if items.len() == 2));
        assert!(
            matches!(&blocks[2], Block::Table { align, rows, .. } if align[1] == Align::Right && rows.len() == 1)
        );
    }

    #[test]
    fn markers_become_values_and_blanks() {
        let md = format!(
            "Hi {VALUE_OPEN}Acme \\#1{VALUE_CLOSE} and {VALUE_OPEN}{BLANK_OPEN}deal.title{BLANK_CLOSE}{VALUE_CLOSE}."
        );
        let blocks = parse(&md).unwrap();
        let Block::Paragraph { inlines } = &blocks[0] else {
            panic!()
        };
        assert_eq!(
            inlines,
            &vec![
                Inline::text("Hi "),
                Inline::Value {
                    text: "Acme #1".into(),
                    field: None,
                },
                Inline::text(" and "),
                Inline::Blank {
                    field: "deal.title".into()
                },
                Inline::text("."),
            ]
        );
    }

    #[test]
    fn refuses_headings_and_html() {
        assert!(parse("# Title").unwrap_err().contains("headings"));
        assert!(parse("<b>x</b>").unwrap_err().contains("HTML"));
        assert!(parse("[x](http://e.com)").unwrap_err().contains("links"));
    }
}
