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
    /// A row of a table: its cells' text (the paragraph's `text` is the cells joined by
    /// ` | `).
    pub cells: Option<Vec<String>>,
    /// A table row that heads its table (Markdown's head row, Word's repeated header row,
    /// or else a table's first row).
    pub header: bool,
    /// Where the text comes from: the place in the file of each stretch of `text` (a
    /// paragraph of several lines has one per line), in order; see [`Paragraph::place`].
    pub spans: Vec<Span>,
    /// A Word paragraph only: where each stretch of `text` stands in the raw text of its
    /// `w:p` elements, in order (the text a heading's number, trimmed or collapsed
    /// spaces and a row's ` | ` take has none); see [`Source`].
    pub sources: Vec<Source>,
}

/// Where a stretch of a Word paragraph's text comes from: the bytes `text` of the
/// paragraph's text are the bytes `raw` of the raw text of the `p`-th `w:p` of
/// `word/document.xml` (1-based, counted as [`Paragraph::line`] is: at each `</w:p>`).
///
/// A `w:p`'s raw text is what [`Paper::docx`] reads from it before collapsing spaces:
/// the text of its `w:t` elements, a tab for each `w:tab` and a space for each `w:br` and
/// `w:cr` (a nested paragraph's text is its own). Where `text` and `raw` are as long the
/// stretch maps byte for byte; otherwise `text` is one space standing for the run of
/// white space `raw`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    /// Bytes of the paragraph's text.
    pub text: std::ops::Range<usize>,
    /// The `w:p`: its ordinal in the document.
    pub p: usize,
    /// Bytes of that `w:p`'s raw text.
    pub raw: std::ops::Range<usize>,
}

impl Source {
    /// Whether the stretch maps byte for byte.
    pub fn linear(&self) -> bool {
        self.text.len() == self.raw.len()
    }
}

/// The place in the file where a stretch of a paragraph's text starts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    /// Byte offset in the paragraph's `text`.
    pub at: usize,
    /// Line (1-based; a `.docx` paragraph's number).
    pub line: usize,
    /// Column (1-based, in characters).
    pub column: usize,
}

impl Paragraph {
    /// The line and column in the file of the byte `offset` of the paragraph's text.
    pub fn place(&self, offset: usize) -> (usize, usize) {
        let i = self.spans.partition_point(|s| s.at <= offset);
        match i.checked_sub(1).and_then(|i| self.spans.get(i)) {
            Some(s) => {
                let chars = self.text.get(s.at..offset).map_or(0, |t| t.chars().count());
                (s.line, s.column + chars)
            }
            None => (self.line, self.column),
        }
    }
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
        // The paragraph being read: its text, and where each piece of it starts in the
        // file ((offset in `buf`, line, column)).
        let mut buf = String::new();
        let mut spans: Vec<(usize, usize, usize)> = Vec::new();
        let mut heading: Option<u8> = None;
        let mut lists = 0usize;
        // A table row being read: its cells, where it starts, whether it is the head.
        let mut row: Option<(Vec<String>, usize, bool)> = None;
        let flush = |buf: &mut String,
                     spans: &mut Vec<(usize, usize, usize)>,
                     heading: Option<u8>,
                     list: bool,
                     out: &mut Paper| {
            if !spans.is_empty() {
                out.push_spans(buf, std::mem::take(spans), heading);
                if let Some(p) = out
                    .paragraphs
                    .last_mut()
                    .filter(|_| list && heading.is_none())
                {
                    p.list = true;
                }
            }
            spans.clear();
            buf.clear();
        };
        for (ev, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
            match ev {
                E::Start(Tag::Heading { level, .. }) => {
                    flush(&mut buf, &mut spans, heading, lists > 0, &mut out);
                    heading = Some(level as u8);
                }
                E::End(TagEnd::Heading(_)) => {
                    flush(&mut buf, &mut spans, heading, lists > 0, &mut out);
                    heading = None;
                }
                E::Start(Tag::List(_)) => {
                    flush(&mut buf, &mut spans, heading, lists > 0, &mut out);
                    lists += 1;
                }
                E::End(TagEnd::List(_)) => {
                    flush(&mut buf, &mut spans, heading, lists > 0, &mut out);
                    lists = lists.saturating_sub(1);
                }
                E::Start(Tag::TableHead | Tag::TableRow) => {
                    flush(&mut buf, &mut spans, heading, lists > 0, &mut out);
                    row = Some((
                        Vec::new(),
                        range.start,
                        matches!(ev, E::Start(Tag::TableHead)),
                    ));
                }
                E::End(TagEnd::TableHead | TagEnd::TableRow) => {
                    if let Some((cells, at, head)) = row.take() {
                        let (line, column) = lines.line_col(at);
                        out.push_row(cells, line, column, head);
                    }
                    buf.clear();
                    spans.clear();
                }
                E::Start(Tag::TableCell) => {
                    buf.clear();
                    spans.clear();
                }
                E::End(TagEnd::TableCell) => {
                    if let Some((cells, _, _)) = row.as_mut() {
                        cells.push(std::mem::take(&mut buf));
                    }
                    spans.clear();
                }
                E::Start(Tag::Paragraph | Tag::Item) | E::End(TagEnd::Paragraph | TagEnd::Item) => {
                    flush(&mut buf, &mut spans, heading, lists > 0, &mut out);
                }
                E::Text(t) | E::Code(t) => {
                    let (line, column) = lines.line_col(range.start);
                    spans.push((buf.len(), line, column));
                    buf.push_str(&t);
                }
                E::SoftBreak | E::HardBreak => buf.push(' '),
                _ => {}
            }
        }
        flush(&mut buf, &mut spans, heading, lists > 0, &mut out);
        out
    }

    /// Reads plain text: paragraphs are separated by blank lines; a line that starts with
    /// a list marker ("- ", "• ", "(a) ", "1. ") starts an item of its own; a paragraph of
    /// one short line that starts with a number ("4.6 Service Credits") or is in capitals
    /// is a heading, and so is such a numbered line in title case directly above the text
    /// it heads; lines whose cells are set between `|` are table rows.
    pub fn text(name: &str, text: &str) -> Paper {
        let mut out = Paper {
            name: name.into(),
            ..Paper::default()
        };
        // The lines of the paragraph being read: (text, line, column).
        let mut buf: Vec<(&str, usize, usize)> = Vec::new();
        let flush = |buf: &mut Vec<(&str, usize, usize)>, out: &mut Paper| {
            let Some(&(_, _, col0)) = buf.first() else {
                return;
            };
            let lines: Vec<&str> = buf.iter().map(|l| l.0).collect();
            if let Some(rows) = pipe_rows(&lines) {
                for (i, (cells, header)) in rows {
                    out.push_row(cells, buf[i].1, buf[i].2, header);
                }
                buf.clear();
                return;
            }
            // An indented block of "label: value" lines is a list, a line an item.
            if buf.len() >= 2 && col0 > 1 && buf.iter().all(|l| l.2 == col0 && l.0.contains(':')) {
                for &(t, line, col) in buf.iter() {
                    out.push_spans(t, vec![(0, line, col)], None);
                    if let Some(p) = out.paragraphs.last_mut() {
                        p.list = true;
                    }
                }
                buf.clear();
                return;
            }
            let mut joined = String::new();
            let mut spans = Vec::new();
            for (t, line, col) in buf.iter() {
                if !joined.is_empty() {
                    joined.push(' ');
                }
                spans.push((joined.len(), *line, *col));
                joined.push_str(t);
            }
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
            let marker = list_marker(t);
            let list = heading.is_none() && marker > 0;
            let (body, spans) = if list {
                let shifted = spans
                    .iter()
                    .map(|&(at, l, c)| {
                        if at == 0 {
                            (0, l, c + t[..marker].chars().count())
                        } else {
                            (at - marker, l, c)
                        }
                    })
                    .collect();
                (&joined[marker..], shifted)
            } else {
                (joined.as_str(), spans)
            };
            out.push_spans(body, spans, heading);
            // A marked item, or an indented paragraph (a block set in from the text).
            if (list || (heading.is_none() && col0 > 1))
                && let Some(p) = out.paragraphs.last_mut()
            {
                p.list = true;
            }
            buf.clear();
        };
        let all: Vec<&str> = text.lines().collect();
        for (i, line) in all.iter().enumerate() {
            let t = line.trim();
            if t.is_empty() {
                flush(&mut buf, &mut out);
                continue;
            }
            let col = line.chars().take_while(|c| c.is_whitespace()).count() + 1;
            // An item starts a paragraph of its own (but not a table row). A bullet always
            // does; an enumerator ("(a)", "1.") only after a line that ends a clause, so a
            // wrapped "thirty\n(30) days" stays one paragraph.
            // "Label:   value" lines (an order form) are items of their own.
            if is_label_line(t) && buf.first().is_some_and(|l| is_label_line(l.0)) {
                flush(&mut buf, &mut out);
            }
            let marker = list_marker(t);
            let bullet = ["- ", "* ", "• ", "– ", "· "]
                .iter()
                .any(|m| t.starts_with(m));
            let ended = buf.last().is_none_or(|l| l.0.ends_with(['.', ':', ';']));
            if marker > 0 && !t.contains('|') && (bullet || ended) {
                flush(&mut buf, &mut out);
            }
            buf.push((t, i + 1, col));
            // A numbered title-case line right above its text is a heading of its own.
            let next = all.get(i + 1).map(|n| n.trim()).unwrap_or_default();
            if buf.len() == 1 && !next.is_empty() && is_run_in_heading(t) {
                flush(&mut buf, &mut out);
            }
        }
        flush(&mut buf, &mut out);
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
        let styles = read_part(&mut zip, "word/styles.xml").map_err(&err)?;
        Ok(Paper {
            name: name.into(),
            paragraphs: word_paragraphs(&document, styles.as_deref()).map_err(&err)?,
        })
    }

    /// A paragraph whose raw text starts a new place in the file at each of `spans`
    /// ((byte offset in `text`, line, column), in order): its spaces collapsed, a
    /// heading's number split off, and each place moved with the text.
    fn push_spans(&mut self, text: &str, spans: Vec<(usize, usize, usize)>, heading: Option<u8>) {
        let (collapsed, map) = collapse_map(text);
        if collapsed.is_empty() {
            return;
        }
        let (number, rest) = match heading {
            Some(_) => split_number(&collapsed),
            None => (None, collapsed.as_str()),
        };
        let cut = collapsed.len() - rest.len();
        let mut places: Vec<Span> = Vec::new();
        for (at, line, column) in spans {
            let new = map(at);
            // Text cut from the start (a heading's number) moves the first place on.
            let (new, column) = if new < cut {
                (0, column + collapsed[new..cut].chars().count())
            } else {
                (new - cut, column)
            };
            if let Some(last) = places.last_mut()
                && last.at == new
            {
                *last = Span {
                    at: new,
                    line,
                    column,
                };
                continue;
            }
            places.push(Span {
                at: new,
                line,
                column,
            });
        }
        let (line, column) = places.first().map_or((1, 1), |p| (p.line, p.column));
        self.paragraphs.push(Paragraph {
            text: rest.to_string(),
            line,
            column,
            heading,
            number,
            list: false,
            cells: None,
            header: false,
            spans: places,
            sources: Vec::new(),
        });
    }

    /// A table row: its cells, trimmed and spaces collapsed.
    fn push_row(&mut self, cells: Vec<String>, line: usize, column: usize, header: bool) {
        let cells: Vec<String> = cells.iter().map(|c| collapse(c)).collect();
        if cells.iter().all(String::is_empty) {
            return;
        }
        self.paragraphs.push(Paragraph {
            text: cells.join(" | "),
            line,
            column,
            heading: None,
            number: None,
            list: false,
            cells: Some(cells),
            header,
            spans: vec![Span {
                at: 0,
                line,
                column,
            }],
            sources: Vec::new(),
        });
    }
}

/// A paragraph of plain text whose every line is a row of cells between `|` (at least two
/// cells a row; lines of dashes between them are the head's rule): (line index, cells,
/// head row), or `None` for a paragraph that is no such table.
#[allow(clippy::type_complexity)]
fn pipe_rows(lines: &[&str]) -> Option<Vec<(usize, (Vec<String>, bool))>> {
    let is_rule =
        |l: &str| l.contains('-') && l.chars().all(|c| matches!(c, '|' | '-' | ':' | '+' | ' '));
    let cells_of = |l: &str| -> Vec<String> {
        let t = l.trim().trim_start_matches('|').trim_end_matches('|');
        t.split('|').map(|c| c.trim().to_string()).collect()
    };
    if !lines.iter().all(|l| is_rule(l) || cells_of(l).len() >= 2)
        || lines.iter().all(|l| is_rule(l))
    {
        return None;
    }
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if is_rule(l) {
            continue;
        }
        let header = lines.get(i + 1).is_some_and(|n| is_rule(n)) && out.is_empty();
        out.push((i, (cells_of(l), header)));
    }
    Some(out)
}

/// The length in bytes of a list marker that starts `t` ("- ", "• ", "(a) ", "1. ", "a) "),
/// or 0.
fn list_marker(t: &str) -> usize {
    for m in ["- ", "* ", "• ", "– ", "· "] {
        if t.starts_with(m) {
            return m.len();
        }
    }
    // "(a) ", "(iv) ", "(1) ", "a) ", "1) ", "1. " (not "4.6 Title": that is a number).
    let inner = t.strip_prefix('(').unwrap_or(t);
    let end = inner
        .char_indices()
        .find(|(_, c)| !c.is_ascii_alphanumeric())
        .map_or(inner.len(), |(i, _)| i);
    let label = &inner[..end];
    let ok = !label.is_empty()
        && label.len() <= 4
        && (label.chars().all(|c| c.is_ascii_digit())
            || label.chars().all(|c| c.is_ascii_lowercase()));
    let rest = &inner[end..];
    let close = if t.starts_with('(') {
        rest.strip_prefix(") ")
    } else {
        rest.strip_prefix(") ").or_else(|| {
            rest.strip_prefix(". ")
                .filter(|_| label.chars().all(|c| c.is_ascii_digit()))
        })
    };
    match close {
        Some(after) if ok && !after.is_empty() => t.len() - after.len(),
        _ => 0,
    }
}

/// A line that starts with a label: a few capitalised words and a colon ("Order Effective
/// Date: July 1, 2026").
fn is_label_line(t: &str) -> bool {
    let Some((label, rest)) = t.split_once(':') else {
        return false;
    };
    let words: Vec<&str> = label.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 5
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && words.iter().all(|w| {
            w.chars()
                .all(|c| c.is_alphanumeric() || "()/-'&".contains(c))
        })
        && rest.starts_with(char::is_whitespace)
}

/// A line such as "4.2 Service Credits" that heads the text below it: numbered, short,
/// no full stop at the end, and its words capitalised (small words aside).
fn is_run_in_heading(t: &str) -> bool {
    let (Some(_), rest) = split_number(t) else {
        return false;
    };
    if rest.chars().count() > 80 || rest.ends_with(['.', ';', ':', ',']) {
        return false;
    }
    let small = [
        "a", "an", "and", "or", "of", "the", "to", "for", "in", "on", "with", "by",
    ];
    rest.split_whitespace()
        .all(|w| small.contains(&w) || w.chars().next().is_some_and(|c| !c.is_lowercase()))
}

/// Spaces collapsed to one and trimmed, with a map from each byte offset of `s` to the
/// offset of the same place in the result.
fn collapse_map(s: &str) -> (String, impl Fn(usize) -> usize) {
    let mut out = String::with_capacity(s.len());
    // (offset in `s`, offset in `out`) where each kept character starts.
    let mut marks: Vec<(usize, usize)> = Vec::new();
    let mut space = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        marks.push((i, out.len()));
        out.push(c);
    }
    let len = out.len();
    let map = move |at: usize| {
        let k = marks.partition_point(|m| m.0 < at);
        marks.get(k).map_or(len, |m| m.1)
    };
    (out, map)
}

/// [`collapse`], with where each stretch of the result comes from: `chunks` are where
/// each `w:p`'s raw text starts in `s` ((offset, ordinal), in order; ordinal 0 for text
/// of no `w:p`, such as the space joining a cell's paragraphs).
fn collapse_sourced(s: &str, chunks: &[(usize, usize)]) -> (String, Vec<Source>) {
    let mut out = String::with_capacity(s.len());
    let mut sources: Vec<Source> = Vec::new();
    let locate = |i: usize| -> (usize, usize) {
        let k = chunks.partition_point(|c| c.0 <= i);
        match k.checked_sub(1).and_then(|k| chunks.get(k)) {
            Some(&(start, p)) => (p, i - start),
            None => (0, i),
        }
    };
    let add = |sources: &mut Vec<Source>,
               text: std::ops::Range<usize>,
               p: usize,
               raw: std::ops::Range<usize>| {
        if p == 0 {
            return;
        }
        if let Some(last) = sources.last_mut()
            && last.p == p
            && last.linear()
            && text.len() == raw.len()
            && last.text.end == text.start
            && last.raw.end == raw.start
        {
            last.text.end = text.end;
            last.raw.end = raw.end;
            return;
        }
        sources.push(Source { text, p, raw });
    };
    let mut ws: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            ws.get_or_insert(i);
            continue;
        }
        if let Some(w) = ws.take()
            && !out.is_empty()
        {
            let (p0, r0) = locate(w);
            let (p1, _) = locate(i - 1);
            if p0 == p1 {
                // One space for one space maps byte for byte; a longer run is a stretch
                // of its own.
                let raw = r0..r0 + (i - w);
                if &s[w..i] == " " {
                    add(&mut sources, out.len()..out.len() + 1, p0, raw);
                } else if p0 != 0 {
                    sources.push(Source {
                        text: out.len()..out.len() + 1,
                        p: p0,
                        raw,
                    });
                }
            }
            out.push(' ');
        }
        let (p, r) = locate(i);
        add(
            &mut sources,
            out.len()..out.len() + c.len_utf8(),
            p,
            r..r + c.len_utf8(),
        );
        out.push(c);
    }
    // As `collapse`: a trailing row separator dropped.
    let mut len = out.len();
    while out[..len].ends_with(" |") || out[..len].ends_with('|') {
        len = out[..len].trim_end_matches('|').trim_end().len();
    }
    out.truncate(len);
    let sources = sources
        .into_iter()
        .filter_map(|s| clip_source(s, 0, len))
        .collect();
    (out, sources)
}

/// The part of `s` within the bytes `from..to` of the text, moved back by `from`.
fn clip_source(s: Source, from: usize, to: usize) -> Option<Source> {
    let start = s.text.start.max(from);
    let end = s.text.end.min(to);
    if start >= end || (!s.linear() && (start, end) != (s.text.start, s.text.end)) {
        return None;
    }
    let raw = s.raw.start + (start - s.text.start)..s.raw.end - (s.text.end - end);
    Some(Source {
        text: start - from..end - from,
        p: s.p,
        raw,
    })
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
pub(crate) fn read_part(
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

/// The paragraphs of a Word file's `document.xml`, its headings known by `styles.xml`
/// (when it has one); the message of an error names the part.
pub(crate) fn word_paragraphs(
    document: &str,
    styles: Option<&str>,
) -> Result<Vec<Paragraph>, String> {
    let styles = match styles {
        Some(s) => heading_styles(s).map_err(|m| format!("word/styles.xml: {m}"))?,
        None => HashMap::new(),
    };
    let mut paper = Paper::default();
    read_document(document, &styles, &mut paper).map_err(|m| format!("word/document.xml: {m}"))?;
    Ok(paper.paragraphs)
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

/// An attribute of an XML element, its entities resolved (`None` when absent or broken).
pub(crate) fn attr(e: &quick_xml::events::BytesStart, name: &[u8]) -> Option<String> {
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
    // A table row being read: its cells, the paragraph number of its first paragraph,
    // whether it repeats as the table's header; and how many rows the table has had.
    struct Row {
        cells: Vec<String>,
        // Per cell, where each `w:p`'s text starts in it ((offset, ordinal); 0 for the
        // space joining two paragraphs).
        chunks: Vec<Vec<(usize, usize)>>,
        first: Option<usize>,
        header: bool,
    }
    struct Table {
        rows: usize,
        row: Option<Row>,
    }
    let mut stack: Vec<Para> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut in_text = false;
    // Inside `w:moveFrom`: text moved away, which (like deleted text) the document no
    // longer holds.
    let mut moved_from = 0usize;
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
                b"moveFrom" => moved_from += 1,
                b"tbl" => tables.push(Table { rows: 0, row: None }),
                b"tr" => {
                    if let Some(t) = tables.last_mut() {
                        t.row = Some(Row {
                            cells: Vec::new(),
                            chunks: Vec::new(),
                            first: None,
                            header: false,
                        });
                    }
                }
                b"tc" => {
                    if let Some(row) = tables.last_mut().and_then(|t| t.row.as_mut()) {
                        row.cells.push(String::new());
                        row.chunks.push(Vec::new());
                    }
                }
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
                (b"tblHeader", None) => {
                    if let Some(row) = tables.last_mut().and_then(|t| t.row.as_mut()) {
                        row.header = attr(&e, b"w:val").is_none_or(|v| v != "0" && v != "false");
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text && moved_from == 0 => {
                if let Some(p) = stack.last_mut() {
                    p.text
                        .push_str(&t.xml_content().map_err(|e| e.to_string())?);
                }
            }
            Event::GeneralRef(g) if in_text && moved_from == 0 => {
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
                b"moveFrom" => moved_from = moved_from.saturating_sub(1),
                b"tr" => {
                    if let Some(t) = tables.last_mut()
                        && let Some(row) = t.row.take()
                    {
                        let header = row.header || t.rows == 0;
                        t.rows += 1;
                        let line = row.first.unwrap_or(ordinal);
                        // The cells as `push_row` collapses them, with their sources.
                        let mut sources = Vec::new();
                        let mut at = 0;
                        for (cell, chunks) in row.cells.iter().zip(&row.chunks) {
                            let (text, src) = collapse_sourced(cell, chunks);
                            sources.extend(src.into_iter().map(|s| Source {
                                text: s.text.start + at..s.text.end + at,
                                ..s
                            }));
                            at += text.len() + " | ".len();
                        }
                        let before = paper.paragraphs.len();
                        paper.push_row(row.cells, line, 1, header);
                        if paper.paragraphs.len() > before
                            && let Some(p) = paper.paragraphs.last_mut()
                        {
                            p.sources = sources;
                        }
                    }
                }
                b"tbl" => {
                    tables.pop();
                }
                b"p" => {
                    let Some(p) = stack.pop() else { continue };
                    ordinal += 1;
                    // A paragraph of a table cell (not of a text box inside it) is the
                    // cell's text.
                    if stack.is_empty()
                        && let Some(row) = tables.last_mut().and_then(|t| t.row.as_mut())
                        && let Some(cell) = row.cells.last_mut()
                        && let Some(chunks) = row.chunks.last_mut()
                    {
                        row.first.get_or_insert(ordinal);
                        if !cell.is_empty() {
                            chunks.push((cell.len(), 0));
                            cell.push(' ');
                        }
                        chunks.push((cell.len(), ordinal));
                        cell.push_str(&p.text);
                        continue;
                    }
                    let (text, sources) = collapse_sourced(&p.text, &[(0, ordinal)]);
                    if text.is_empty() {
                        continue;
                    }
                    let (typed, rest) = match p.level {
                        Some(_) => split_number(&text),
                        None => (None, text.as_str()),
                    };
                    let cut = text.len() - rest.len();
                    let sources = sources
                        .into_iter()
                        .filter_map(|s| clip_source(s, cut, text.len()))
                        .collect();
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
                        cells: None,
                        header: false,
                        spans: vec![Span {
                            at: 0,
                            line: ordinal,
                            column: 1,
                        }],
                        sources,
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
                ("Terms".into(), 1, 3, Some(1), None, false),
                (
                    "Service Levels".into(),
                    3,
                    7,
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
    fn every_place_of_a_paragraph_is_its_place_in_the_file() {
        let md = Paper::markdown(
            "v.md",
            "Intro.\n\nVendor  uses **commercially**\n  reasonable efforts.\n",
        );
        let p = &md.paragraphs[1];
        let at = p.text.find("reasonable").unwrap();
        assert_eq!(p.place(at), (4, 3));
        assert_eq!(p.place(p.text.find("commercially").unwrap()), (3, 16));
        let txt = Paper::text("v.txt", "  - first line of an item\n    wrapped here.\n");
        let p = &txt.paragraphs[0];
        assert_eq!(p.text, "first line of an item wrapped here.");
        assert_eq!(p.place(0), (1, 5));
        assert_eq!(p.place(p.text.find("wrapped").unwrap()), (2, 5));
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

    fn rows(p: &Paper) -> Vec<(Vec<String>, bool, usize)> {
        p.paragraphs
            .iter()
            .filter_map(|x| x.cells.clone().map(|c| (c, x.header, x.line)))
            .collect()
    }

    fn cells(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn markdown_tables_are_rows_of_cells() {
        let p = Paper::markdown(
            "v.md",
            "Credits:\n\n| Uptime | Credit |\n|---|---|\n| < 99.9% | 10% |\n| < 99% | 25 % |\n\nAfter.\n",
        );
        assert_eq!(
            rows(&p),
            vec![
                (cells(&["Uptime", "Credit"]), true, 3),
                (cells(&["< 99.9%", "10%"]), false, 5),
                (cells(&["< 99%", "25 %"]), false, 6),
            ]
        );
        assert_eq!(p.paragraphs[2].text, "< 99.9% | 10%");
        assert_eq!(p.paragraphs.last().unwrap().text, "After.");
    }

    #[test]
    fn plain_text_pipe_tables_are_rows_of_cells() {
        let p = Paper::text(
            "v.txt",
            "Service credits\n\nUptime | Credit\n-------+-------\nLess than 99.9% | 10%\nLess than 99.0% | 25%\n\nNot a | table line.\nSecond line without one.\n",
        );
        assert_eq!(
            rows(&p),
            vec![
                (cells(&["Uptime", "Credit"]), true, 3),
                (cells(&["Less than 99.9%", "10%"]), false, 5),
                (cells(&["Less than 99.0%", "25%"]), false, 6),
            ]
        );
        assert!(p.paragraphs.last().unwrap().cells.is_none());
    }

    #[test]
    fn word_tables_split_runs_and_moves() {
        let xml = r#"<w:document xmlns:w="x"><w:body>
<w:p><w:r><w:t>Intro</w:t></w:r></w:p>
<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>Sever</w:t></w:r><w:r><w:t>ity</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Response</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>Severity 1</w:t></w:r></w:p><w:p><w:r><w:t>(critical)</w:t></w:r></w:p></w:tc><w:tc><w:p><w:del><w:r><w:delText>2 hours</w:delText></w:r></w:del><w:ins><w:r><w:t>1 hour</w:t></w:r></w:ins></w:p></w:tc></w:tr></w:tbl>
<w:p><w:moveFrom><w:r><w:t>moved away </w:t></w:r></w:moveFrom><w:r><w:t>Kept</w:t></w:r></w:p>
</w:body></w:document>"#;
        let mut p = Paper::default();
        read_document(xml, &HashMap::new(), &mut p).unwrap();
        assert_eq!(
            rows(&p),
            vec![
                (cells(&["Severity", "Response"]), true, 2),
                (cells(&["Severity 1 (critical)", "1 hour"]), false, 4),
            ]
        );
        assert_eq!(p.paragraphs.first().unwrap().text, "Intro");
        assert_eq!(p.paragraphs.last().unwrap().text, "Kept");
        assert_eq!(p.paragraphs.last().unwrap().line, 7);
    }

    #[test]
    fn word_text_knows_where_it_comes_from() {
        let xml = r#"<w:document xmlns:w="x"><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t xml:space="preserve">4.2  Service </w:t></w:r><w:r><w:tab/><w:t>Cred</w:t></w:r><w:r><w:t>its</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Severity 1</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve"> (critical) </w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>4 hours |</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;
        let mut p = Paper::default();
        let mut styles = HashMap::new();
        styles.insert(
            "Heading2".to_string(),
            StyleInfo {
                level: Some(2),
                numbered: false,
            },
        );
        read_document(xml, &styles, &mut p).unwrap();
        let h = &p.paragraphs[0];
        assert_eq!(h.text, "Service Credits");
        // Raw text of w:p 1: the tab stop, then "4.2  Service ", a tab, "Cred", "its".
        assert_eq!(
            h.sources,
            vec![
                Source {
                    text: 0..7,
                    p: 1,
                    raw: 6..13
                },
                Source {
                    text: 7..8,
                    p: 1,
                    raw: 13..15
                },
                Source {
                    text: 8..15,
                    p: 1,
                    raw: 15..22
                },
            ]
        );
        let row = &p.paragraphs[1];
        assert_eq!(row.text, "Severity 1 (critical) | 4 hours");
        assert_eq!(
            row.sources,
            vec![
                Source {
                    text: 0..10,
                    p: 2,
                    raw: 0..10
                },
                Source {
                    text: 11..21,
                    p: 3,
                    raw: 1..11
                },
                Source {
                    text: 24..31,
                    p: 4,
                    raw: 0..7
                },
            ]
        );
    }

    #[test]
    fn sourced_collapse_is_collapse() {
        for s in [
            "",
            "  a  b ",
            "a\u{a0}b",
            "x |",
            "a | b |  |",
            "\t\tlead",
            "é  è ",
            "|",
            "a|",
        ] {
            let (t, src) = collapse_sourced(s, &[(0, 1)]);
            assert_eq!(t, collapse(s), "{s:?}");
            for x in src {
                let raw = &s[x.raw.clone()];
                if x.linear() {
                    assert_eq!(raw, &t[x.text.clone()], "{s:?}");
                } else {
                    assert!(raw.chars().all(char::is_whitespace), "{s:?}");
                }
            }
        }
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
