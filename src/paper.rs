//! The vendor's paper: a `.md`, `.txt` or `.docx` file read as a sequence of paragraphs,
//! each with its place in the file, whether it is a heading (and its level and number),
//! for `redline --against` and `check --paper`.
//!
//! The `.docx` reader is our own, on `zip` and `quick-xml`, and reads only what it needs
//! (paragraph text, heading styles, numbering): `word/document.xml` and `word/styles.xml`.
//! Every failure is an error, never a panic: not a zip, no `document.xml`, a part larger
//! than [`MAX_PART_BYTES`] once inflated (a zip bomb), malformed XML, or a `DOCTYPE`
//! (entity declarations, the billion-laughs attack: Word never writes one).

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use quick_xml::events::Event;

use crate::diagnostics::Diagnostic;

/// The largest `document.xml` or `styles.xml` read, inflated: 64 MiB.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// The largest paper file read: 64 MiB.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What a paper file is, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `.md`, `.markdown`.
    Markdown,
    /// `.txt`, `.text`.
    Text,
    /// `.docx`.
    Word,
}

impl Kind {
    /// The kind of `path`, or `None` for a file that is no paper we read.
    pub fn of(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Kind::Markdown),
            "txt" | "text" => Some(Kind::Text),
            "docx" => Some(Kind::Word),
            _ => None,
        }
    }
}

/// The bytes of a paper file, refused above [`MAX_FILE_BYTES`].
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let err = |m: String| Diagnostic::error(m).in_file(path);
    let meta = std::fs::metadata(path).map_err(|e| err(format!("cannot read: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(err(format!(
            "the file is {} bytes; the largest paper read is {MAX_FILE_BYTES}",
            meta.len()
        )));
    }
    std::fs::read(path).map_err(|e| err(format!("cannot read: {e}")))
}

/// The text of a Markdown or plain-text paper file: UTF-8, a byte order mark dropped.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let text = String::from_utf8(read_bytes(path)?).map_err(|e| {
        Diagnostic::error(format!(
            "not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        ))
        .in_file(path)
    })?;
    Ok(match text.strip_prefix('\u{FEFF}') {
        Some(t) => t.to_string(),
        None => text,
    })
}

/// A vendor's paper.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paper {
    /// The file, for messages.
    pub name: String,
    /// Paragraphs in order (headings, body paragraphs, list items, table rows).
    pub paragraphs: Vec<Paragraph>,
}

/// One paragraph of the paper.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    /// Its text, spaces collapsed, without a heading's number.
    pub text: String,
    /// Line (1-based) where it starts: in `.md` and `.txt` the file's line, in `.docx`
    /// the paragraph's number in the document.
    pub line: usize,
    /// Column (1-based, in characters) where its text starts on that line.
    pub column: usize,
    /// A heading: its level (1 = top).
    pub heading: Option<u8>,
    /// A heading's number as the paper shows it ("4.6"), typed or from Word's numbering.
    pub number: Option<String>,
    /// An item of a bulleted or numbered list.
    pub list: bool,
}

impl Paper {
    /// Reads a paper file, by its extension.
    pub fn read(path: &Path) -> Result<Paper, Diagnostic> {
        let name = path.display().to_string();
        match Kind::of(path) {
            Some(Kind::Word) => Paper::docx(&name, &read_bytes(path)?),
            Some(Kind::Markdown) => Ok(Paper::markdown(&name, &read_text(path)?)),
            Some(Kind::Text) => Ok(Paper::text(&name, &read_text(path)?)),
            None => Err(
                Diagnostic::error("a vendor's paper is a .md, .txt or .docx file").in_file(&name),
            ),
        }
    }

    /// Reads Markdown: headings, paragraphs, list items and table rows.
    pub fn markdown(name: &str, text: &str) -> Paper {
        use pulldown_cmark::{Event as E, Options, Parser, Tag, TagEnd};
        let lines = LineIndex::new(text);
        let mut out = Paper {
            name: name.into(),
            ..Paper::default()
        };
        let mut buf = String::new();
        let mut start: Option<usize> = None;
        let mut heading: Option<u8> = None;
        let mut lists = 0usize;
        let flush = |buf: &mut String,
                     start: &mut Option<usize>,
                     heading: Option<u8>,
                     list: bool,
                     out: &mut Paper| {
            if let Some(at) = start.take() {
                let (line, column) = lines.line_col(at);
                out.push(buf, line, column, heading);
                if let Some(p) = out
                    .paragraphs
                    .last_mut()
                    .filter(|_| list && heading.is_none())
                {
                    p.list = true;
                }
            }
            buf.clear();
        };
        for (ev, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
            match ev {
                E::Start(Tag::Heading { level, .. }) => {
                    flush(&mut buf, &mut start, heading, lists > 0, &mut out);
                    heading = Some(level as u8);
                    start = Some(range.start);
                }
                E::End(TagEnd::Heading(_)) => {
                    flush(&mut buf, &mut start, heading, lists > 0, &mut out);
                    heading = None;
                }
                E::Start(Tag::List(_)) => {
                    flush(&mut buf, &mut start, heading, lists > 0, &mut out);
                    lists += 1;
                }
                E::End(TagEnd::List(_)) => {
                    flush(&mut buf, &mut start, heading, lists > 0, &mut out);
                    lists = lists.saturating_sub(1);
                }
                E::Start(Tag::Paragraph | Tag::Item | Tag::TableRow | Tag::TableHead)
                | E::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead) =>
                {
                    flush(&mut buf, &mut start, heading, lists > 0, &mut out);
                }
                E::End(TagEnd::TableCell) => buf.push_str(" | "),
                E::Text(t) | E::Code(t) => {
                    start.get_or_insert(range.start);
                    buf.push_str(&t);
                }
                E::SoftBreak | E::HardBreak => buf.push(' '),
                _ => {}
            }
        }
        flush(&mut buf, &mut start, heading, lists > 0, &mut out);
        out
    }

    /// Reads plain text: paragraphs are separated by blank lines; a paragraph of one short
    /// line that starts with a number ("4.6 Service Credits") or is in capitals is a
    /// heading.
    pub fn text(name: &str, text: &str) -> Paper {
        let mut out = Paper {
            name: name.into(),
            ..Paper::default()
        };
        let mut buf: Vec<&str> = Vec::new();
        let mut start = (0, 0);
        let flush = |buf: &mut Vec<&str>, start: (usize, usize), out: &mut Paper| {
            if buf.is_empty() {
                return;
            }
            let joined = buf.join(" ");
            let one_line = buf.len() == 1;
            let t = joined.trim();
            let numbered = split_number(t).0.is_some();
            let caps = t.chars().any(char::is_alphabetic)
                && !t.chars().any(char::is_lowercase)
                && t.len() <= 80;
            let heading = (one_line
                && t.chars().count() <= 100
                && !t.ends_with(['.', ';', ':', ','])
                && (numbered || caps))
                .then(|| {
                    let depth = split_number(t).0.map_or(1, |n| n.split('.').count());
                    depth.min(9) as u8
                });
            out.push(&joined, start.0, start.1, heading);
            let marker = ["- ", "* ", "• ", "– "].iter().any(|m| t.starts_with(m))
                || t.starts_with('(') && t.find(')').is_some_and(|i| i <= 5);
            if let Some(p) = out
                .paragraphs
                .last_mut()
                .filter(|_| heading.is_none() && marker)
            {
                p.list = true;
                for m in ["- ", "* ", "• ", "– "] {
                    if let Some(rest) = p.text.strip_prefix(m) {
                        p.text = rest.to_string();
                    }
                }
            }
            buf.clear();
        };
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                flush(&mut buf, start, &mut out);
            } else {
                if buf.is_empty() {
                    let col = line.chars().take_while(|c| c.is_whitespace()).count() + 1;
                    start = (i + 1, col);
                }
                buf.push(line.trim());
            }
        }
        flush(&mut buf, start, &mut out);
        out
    }

    /// Reads a Word file.
    pub fn docx(name: &str, bytes: &[u8]) -> Result<Paper, Diagnostic> {
        let err = |m: String| Diagnostic::error(m).in_file(name);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| err(format!("not a Word (.docx) file: {e}")))?;
        let document = read_part(&mut zip, "word/document.xml")
            .map_err(&err)?
            .ok_or_else(|| err("not a Word (.docx) file: it has no word/document.xml".into()))?;
        let styles = match read_part(&mut zip, "word/styles.xml").map_err(&err)? {
            Some(s) => heading_styles(&s).map_err(|m| err(format!("word/styles.xml: {m}")))?,
            None => HashMap::new(),
        };
        let mut paper = Paper {
            name: name.into(),
            ..Paper::default()
        };
        read_document(&document, &styles, &mut paper)
            .map_err(|m| err(format!("word/document.xml: {m}")))?;
        Ok(paper)
    }

    fn push(&mut self, text: &str, line: usize, column: usize, heading: Option<u8>) {
        let text = collapse(text);
        if text.is_empty() {
            return;
        }
        let (number, rest) = match heading {
            Some(_) => split_number(&text),
            None => (None, text.as_str()),
        };
        self.paragraphs.push(Paragraph {
            text: rest.to_string(),
            line,
            column,
            heading,
            number,
            list: false,
        });
    }
}

/// Spaces collapsed to one, trimmed; a table row's trailing separator dropped.
fn collapse(s: &str) -> String {
    let mut out = s.split_whitespace().collect::<Vec<_>>().join(" ");
    while out.ends_with(" |") || out.ends_with('|') {
        out.truncate(out.trim_end_matches('|').trim_end().len());
    }
    out
}

/// A heading's leading number: "4.6 Service Credits", "4.6. Service Credits", "Section 4
/// — Fees", "12) Term" → ("4.6", "Service Credits").
pub fn split_number(s: &str) -> (Option<String>, &str) {
    let t = s.trim_start();
    let t = [
        "Section ", "Clause ", "Article ", "SECTION ", "ARTICLE ", "CLAUSE ",
    ]
    .iter()
    .find_map(|p| t.strip_prefix(p))
    .unwrap_or(t);
    let end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(t.len(), |(i, _)| i);
    let num = t[..end].trim_end_matches('.');
    if num.is_empty() || !num.starts_with(|c: char| c.is_ascii_digit()) {
        return (None, s);
    }
    if !t[end..].starts_with(|c: char| c.is_whitespace() || matches!(c, ')' | ':' | '—' | '–'))
    {
        return (None, s);
    }
    let rest = t[end..].trim_start_matches([')', ':']);
    let rest = rest
        .trim_start_matches([' ', '\t', '—', '–', '-'])
        .trim_start();
    if rest.is_empty() {
        return (None, s);
    }
    (Some(num.to_string()), rest)
}

/// Byte offsets to (line, column), both 1-based, the column in characters.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    fn line_col(&self, at: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= at);
        let start = self.starts[line - 1];
        let col = self
            .text
            .get(start..at)
            .map_or(1, |s| s.chars().count() + 1);
        (line, col)
    }
}

/// One part of the package, inflated, if it is there; refused above [`MAX_PART_BYTES`].
fn read_part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot read {name}: {e}")),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {name}: {e}"))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(format!(
            "{name} is larger than {MAX_PART_BYTES} bytes once inflated; refused"
        ));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| format!("{name} is not UTF-8"))
}

/// What a paragraph style says: its heading level, and whether it is numbered.
#[derive(Debug, Clone, Copy, Default)]
struct StyleInfo {
    level: Option<u8>,
    numbered: bool,
}

fn reader(xml: &str) -> quick_xml::Reader<&[u8]> {
    let mut r = quick_xml::Reader::from_str(xml);
    r.config_mut().trim_text(false);
    r
}

fn attr(e: &quick_xml::events::BytesStart, name: &[u8]) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// "Heading 2" / outline level 1 → 2.
fn level_of(name: &str) -> Option<u8> {
    let n = name.to_ascii_lowercase().replace(' ', "");
    if n == "title" {
        return Some(1);
    }
    n.strip_prefix("heading")
        .and_then(|d| d.parse::<u8>().ok())
        .filter(|d| (1..=9).contains(d))
}

/// The paragraph styles of `styles.xml` that are headings or numbered.
fn heading_styles(xml: &str) -> Result<HashMap<String, StyleInfo>, String> {
    let mut r = reader(xml);
    let mut out = HashMap::new();
    let mut current: Option<(String, StyleInfo)> = None;
    loop {
        match r.read_event().map_err(|e| e.to_string())? {
            Event::DocType(_) => return Err("a DOCTYPE is not allowed in a Word part".into()),
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"style" => {
                    current = attr(&e, b"w:styleId").map(|id| {
                        let level = level_of(&id);
                        (
                            id,
                            StyleInfo {
                                level,
                                numbered: false,
                            },
                        )
                    });
                }
                b"name" => {
                    if let (Some((_, info)), Some(v)) = (&mut current, attr(&e, b"w:val")) {
                        info.level = info.level.or(level_of(&v));
                    }
                }
                b"outlineLvl" => {
                    if let (Some((_, info)), Some(v)) = (&mut current, attr(&e, b"w:val")) {
                        info.level = v.parse::<u8>().ok().filter(|l| *l < 9).map(|l| l + 1);
                    }
                }
                b"numPr" => {
                    if let Some((_, info)) = &mut current {
                        info.numbered = true;
                    }
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"style" => {
                if let Some((id, info)) = current.take() {
                    out.insert(id, info);
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// Paragraph by paragraph: text from `w:t` (deleted text left out), tabs and breaks as
/// spaces, heading levels from the style or the outline level, Word's heading numbers
/// counted.
fn read_document(
    xml: &str,
    styles: &HashMap<String, StyleInfo>,
    paper: &mut Paper,
) -> Result<(), String> {
    let mut r = reader(xml);
    // Paragraphs nest (a text box inside a paragraph): one frame each.
    struct Para {
        text: String,
        level: Option<u8>,
        numbered: bool,
    }
    let mut stack: Vec<Para> = Vec::new();
    let mut in_text = false;
    let mut ordinal = 0;
    let mut counters = [0u32; 9];
    loop {
        let ev = r.read_event().map_err(|e| e.to_string())?;
        match ev {
            Event::DocType(_) => return Err("a DOCTYPE is not allowed in a Word part".into()),
            Event::Start(e) => match e.local_name().as_ref() {
                b"p" => stack.push(Para {
                    text: String::new(),
                    level: None,
                    numbered: false,
                }),
                b"t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => match (e.local_name().as_ref(), stack.last_mut()) {
                (b"pStyle", Some(p)) => {
                    if let Some(id) = attr(&e, b"w:val") {
                        let info = styles.get(&id).copied().unwrap_or(StyleInfo {
                            level: level_of(&id),
                            numbered: false,
                        });
                        p.level = p.level.or(info.level);
                        p.numbered |= info.numbered;
                    }
                }
                (b"outlineLvl", Some(p)) => {
                    if let Some(v) = attr(&e, b"w:val") {
                        p.level = v.parse::<u8>().ok().filter(|l| *l < 9).map(|l| l + 1);
                    }
                }
                (b"numId", Some(p)) => {
                    p.numbered = attr(&e, b"w:val").is_some_and(|v| v != "0");
                }
                (b"tab", Some(p)) if !in_text => p.text.push('\t'),
                (b"br" | b"cr", Some(p)) => p.text.push(' '),
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some(p) = stack.last_mut() {
                    p.text
                        .push_str(&t.xml_content().map_err(|e| e.to_string())?);
                }
            }
            Event::GeneralRef(g) if in_text => {
                let s = match g.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = g.decode().map_err(|e| e.to_string())?;
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .ok_or_else(|| format!("unknown entity &{name};"))?
                            .to_string()
                    }
                };
                if let Some(p) = stack.last_mut() {
                    p.text.push_str(&s);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    let Some(p) = stack.pop() else { continue };
                    ordinal += 1;
                    let text = collapse(&p.text);
                    if text.is_empty() {
                        continue;
                    }
                    let (typed, rest) = match p.level {
                        Some(_) => split_number(&text),
                        None => (None, text.as_str()),
                    };
                    // Word's own numbering of headings: count it.
                    let number = match (typed, p.level) {
                        (Some(n), _) => Some(n),
                        (None, Some(l)) if p.numbered => {
                            let l = usize::from(l.clamp(1, 9)) - 1;
                            counters[l] += 1;
                            counters[l + 1..].iter_mut().for_each(|c| *c = 0);
                            Some(
                                counters[..=l]
                                    .iter()
                                    .map(|c| c.max(&1).to_string())
                                    .collect::<Vec<_>>()
                                    .join("."),
                            )
                        }
                        _ => None,
                    };
                    paper.paragraphs.push(Paragraph {
                        text: rest.to_string(),
                        line: ordinal,
                        column: 1,
                        heading: p.level,
                        number,
                        list: p.level.is_none() && p.numbered,
                    });
                }
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_numbers_are_split_off() {
        assert_eq!(
            split_number("4.6 Service Credits"),
            (Some("4.6".into()), "Service Credits")
        );
        assert_eq!(
            split_number("4.6. Service Credits"),
            (Some("4.6".into()), "Service Credits")
        );
        assert_eq!(
            split_number("Section 12 — Term"),
            (Some("12".into()), "Term")
        );
        assert_eq!(split_number("99.9% uptime"), (None, "99.9% uptime"));
        assert_eq!(split_number("Fees"), (None, "Fees"));
    }

    #[test]
    fn markdown_paragraphs_keep_their_lines() {
        let p = Paper::markdown(
            "v.md",
            "# Terms\n\n## 1. Service Levels\n\nVendor uses commercially\nreasonable efforts.\n\n- first item\n- second item\n",
        );
        #[allow(clippy::type_complexity)]
        let got: Vec<(String, usize, usize, Option<u8>, Option<String>, bool)> = p
            .paragraphs
            .iter()
            .map(|x| {
                (
                    x.text.clone(),
                    x.line,
                    x.column,
                    x.heading,
                    x.number.clone(),
                    x.list,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("Terms".into(), 1, 1, Some(1), None, false),
                (
                    "Service Levels".into(),
                    3,
                    1,
                    Some(2),
                    Some("1".into()),
                    false
                ),
                (
                    "Vendor uses commercially reasonable efforts.".into(),
                    5,
                    1,
                    None,
                    None,
                    false
                ),
                ("first item".into(), 8, 3, None, None, true),
                ("second item".into(), 9, 3, None, None, true),
            ]
        );
    }

    #[test]
    fn plain_text_headings_are_numbered_or_capitals() {
        let p = Paper::text(
            "v.txt",
            "MASTER TERMS\n\n4.6 Service Credits\n\nCredits are the sole\nremedy.\n",
        );
        assert_eq!(p.paragraphs.len(), 3);
        assert_eq!(p.paragraphs[0].heading, Some(1));
        assert_eq!(p.paragraphs[1].number.as_deref(), Some("4.6"));
        assert_eq!(p.paragraphs[1].heading, Some(2));
        assert_eq!(p.paragraphs[2].heading, None);
        assert_eq!(
            (p.paragraphs[2].line, p.paragraphs[2].text.as_str()),
            (5, "Credits are the sole remedy.")
        );
    }

    #[test]
    fn broken_word_files_are_errors() {
        assert!(
            Paper::docx("x.docx", b"not a zip")
                .unwrap_err()
                .message
                .contains("not a Word")
        );
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        z.start_file("word/other.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut z, b"<x/>").unwrap();
        let bytes = z.finish().unwrap().into_inner();
        assert!(
            Paper::docx("x.docx", &bytes)
                .unwrap_err()
                .message
                .contains("no word/document.xml")
        );
    }

    #[test]
    fn entity_declarations_are_refused() {
        let xml = r#"<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><w:document><w:body><w:p><w:r><w:t>&lol;</w:t></w:r></w:p></w:body></w:document>"#;
        let mut p = Paper::default();
        let e = read_document(xml, &HashMap::new(), &mut p).unwrap_err();
        assert!(e.contains("DOCTYPE"), "{e}");
    }
}
