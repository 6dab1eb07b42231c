//! The Markdown writer. Its escaping ([`escape_text`]) knows where the text stands and
//! escapes only what CommonMark (and GitHub's extensions) could read as syntax, so `sow.md`
//! stays readable. (Values going *into* clause templates are escaped by
//! [`crate::conventions::escape_value`], a different job.)

use std::fmt::Write as _;

use crate::model::{Align, Block, Document, Inline, Part, Redline, Revision};

/// Characters escaped wherever they stand (`_` only where it could open or close emphasis).
/// A byte test with the characters spelled out: the scan of [`needs_escaping`] runs it on
/// 32 bytes at once, which a table lookup per byte does not.
const fn escaped_byte(b: u8) -> bool {
    matches!(
        b,
        b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'|' | b'~' | b'$' | b'&'
    )
}

fn escaped(c: char) -> bool {
    c.is_ascii() && escaped_byte(c as u8)
}

/// Escapes text for the writer. `line_start`: the text begins a line (paragraph, list item
/// or heading content), where `#`, `-`, `+`, `=` and `1.` would start a block.
pub fn escape_text(s: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s, line_start);
    out
}

/// [`escape_text`], appending to `out`.
fn escape_into(out: &mut String, s: &str, line_start: bool) {
    // Most text has nothing to escape: one scan of its bytes, one copy.
    let special_start = line_start
        && s.as_bytes()
            .first()
            .is_some_and(|b| matches!(b, b'#' | b'-' | b'+' | b'=' | b' ' | b'0'..=b'9'));
    if !special_start && !needs_escaping(s.as_bytes()) {
        out.push_str(s);
        return;
    }
    escape_each(out, s, line_start)
}

/// Whether `s` has a byte that [`escape_each`] changes wherever it stands: a line break, a
/// tab, or an [`escaped_byte`]. With no early exit within a stretch, the scan runs on 32
/// bytes at once (a byte at a time, it cost a tenth of the Markdown writer's instructions).
fn needs_escaping(s: &[u8]) -> bool {
    s.chunks(128).any(|stretch| {
        stretch.iter().fold(false, |any, &b| {
            any | matches!(b, b'\n' | b'\r' | b'\t') | escaped_byte(b)
        })
    })
}

/// [`escape_into`] character by character.
fn escape_each(out: &mut String, s: &str, line_start: bool) {
    out.reserve(s.len() + 8);
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let at_start = line_start && i == 0;
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            // An underscore between two letters or digits cannot open or close emphasis.
            '_' if i > 0
                && chars[i - 1].is_alphanumeric()
                && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric()) =>
            {
                out.push(c)
            }
            // `&` opens a character reference only as `&name;`, `&#123;` or `&#x7b;`: escaped
            // where what follows could complete one (here, or in the text that comes next),
            // left alone elsewhere ("R&D team", "Engineering & Research").
            '&' => {
                let mut j = i + 1;
                if chars.get(j) == Some(&'#') {
                    j += 1;
                }
                let run = chars[j.min(chars.len())..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .count();
                let end = j + run;
                if end >= chars.len() || (run > 0 && chars[end] == ';') {
                    out.push('\\');
                }
                out.push(c);
            }
            c if escaped(c) => {
                out.push('\\');
                out.push(c);
            }
            '#' | '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            // "1." or "1)" at the start of a line would be an ordered list item.
            '.' | ')' if line_start && i > 0 && chars[..i].iter().all(|d| d.is_ascii_digit()) => {
                out.push('\\');
                out.push(c);
            }
            // Leading spaces would be swallowed or start a code block.
            ' ' if at_start => out.push_str("&#32;"),
            _ => out.push(c),
        }
    }
}

/// Renders inlines. `line_start` as in [`escape_text`].
pub fn inlines(xs: &[Inline], line_start: bool, in_table: bool) -> String {
    let mut out = String::new();
    for x in xs {
        let start = line_start && out.is_empty();
        match x {
            Inline::Text { text } | Inline::Value { text, .. } => {
                escape_into(&mut out, text, start)
            }
            Inline::Strong { content } => {
                let _ = write!(out, "**{}**", inlines(content, false, in_table));
            }
            Inline::Emph { content } => {
                let _ = write!(out, "*{}*", inlines(content, false, in_table));
            }
            Inline::Definition { term } => {
                let _ = write!(out, "**“{}”**", escape_text(term, false));
            }
            Inline::Ref { text, .. } => escape_into(&mut out, text, start),
            Inline::Code { text } => code_span(&mut out, text, in_table),
            Inline::Blank { .. } => out.push_str("[●]"),
            Inline::Break if in_table => out.push(' '),
            Inline::Break => out.push_str("\\\n"),
            // GitHub renders both tags; the text inside stays escaped Markdown.
            Inline::Ins { content } => {
                let _ = write!(out, "<ins>{}</ins>", inlines(content, false, in_table));
            }
            Inline::Del { content } => {
                let _ = write!(out, "<del>{}</del>", inlines(content, false, in_table));
            }
        }
    }
    out
}

/// A code span: fenced by one backtick more than the longest run inside, padded with a
/// space where the text begins or ends with a backtick or a space (CommonMark strips one
/// from each side). Line breaks become spaces; in a table, `|` is escaped (GitHub splits
/// cells before it reads code spans).
fn code_span(out: &mut String, text: &str, in_table: bool) {
    if text.is_empty() {
        return;
    }
    let text = text.replace(['\n', '\r'], " ");
    let text = if in_table {
        text.replace('|', "\\|")
    } else {
        text
    };
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']);
    let pad = if pad { " " } else { "" };
    let _ = write!(out, "{fence}{pad}{text}{pad}{fence}");
}

fn blocks(out: &mut String, bs: &[Block], indent: &str) {
    blocks_apart(out, bs, indent, true);
}

/// Blocks, each after a blank line (`apart`) or on the next line.
fn blocks_apart(out: &mut String, bs: &[Block], indent: &str, apart: bool) {
    for (i, b) in bs.iter().enumerate() {
        if i > 0 {
            if apart {
                out.push('\n');
            }
            // A further block of a list item starts indented, as the item's text.
            out.push_str(indent);
        }
        block(out, b, indent);
    }
}

fn block(out: &mut String, b: &Block, indent: &str) {
    match b {
        Block::Paragraph { inlines: xs } => {
            let text = inlines(xs, true, false);
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    out.push_str(indent);
                }
                out.push_str(line);
                out.push('\n');
            }
        }
        Block::List { ordered, items } => {
            // Items of one paragraph, each perhaps with a list under it, make a tight list
            // (no blank lines: the check memo's findings and their details).
            let tight = items.iter().all(|item| {
                matches!(
                    item.as_slice(),
                    [Block::Paragraph { .. }] | [Block::Paragraph { .. }, Block::List { .. }]
                )
            });
            for (n, item) in items.iter().enumerate() {
                let marker = if *ordered {
                    format!("{}. ", n + 1)
                } else {
                    "- ".to_string()
                };
                let inner_indent = format!("{indent}{}", " ".repeat(marker.len()));
                let mut body = String::new();
                blocks_apart(&mut body, item, &inner_indent, !tight);
                if n > 0 {
                    out.push_str(indent);
                }
                out.push_str(&marker);
                out.push_str(body.trim_start_matches(' '));
                if n + 1 < items.len() && item.len() > 1 && !tight {
                    out.push('\n');
                }
            }
        }
        Block::Revised {
            revision,
            blocks: bs,
        } => {
            let marked: Vec<Block> = bs.iter().map(|b| marked(b, *revision)).collect();
            blocks(out, &marked, indent);
        }
        Block::Table {
            align,
            header,
            rows,
            revisions,
        } => {
            let row = |cells: &[Vec<Inline>]| -> String {
                let mut s = String::from("|");
                for c in cells {
                    let _ = write!(s, " {} |", inlines(c, false, true));
                }
                s
            };
            let _ = writeln!(out, "{}", row(header));
            out.push_str(indent);
            out.push('|');
            for a in align {
                out.push_str(match a {
                    Align::Left => "---|",
                    Align::Center => ":-:|",
                    Align::Right => "--:|",
                });
            }
            out.push('\n');
            for (i, r) in rows.iter().enumerate() {
                out.push_str(indent);
                match revisions.get(i).copied().flatten() {
                    Some(rev) => {
                        let cells: Vec<Vec<Inline>> = r.iter().map(|c| mark(c, rev)).collect();
                        let _ = writeln!(out, "{}", row(&cells));
                    }
                    None => {
                        let _ = writeln!(out, "{}", row(r));
                    }
                }
            }
        }
    }
}

/// `xs` wrapped as one insertion or deletion (nothing for no text).
fn mark(xs: &[Inline], rev: Revision) -> Vec<Inline> {
    if xs.is_empty() {
        return Vec::new();
    }
    let content = xs.to_vec();
    vec![match rev {
        Revision::Inserted => Inline::Ins { content },
        Revision::Deleted => Inline::Del { content },
    }]
}

/// A block inserted or deleted whole: every run of text in it marked.
fn marked(b: &Block, rev: Revision) -> Block {
    let mut b = b.clone();
    b.for_each_inlines_mut(&mut |xs| *xs = mark(xs, rev));
    b
}

/// `xs` marked if `rev` says so.
fn marks(xs: &[Inline], rev: Option<Revision>) -> Vec<Inline> {
    match rev {
        Some(rev) => mark(xs, rev),
        None => xs.to_vec(),
    }
}

/// A heading's text, marked if the heading was inserted or deleted.
/// A heading's text as an ATX heading holds it: a `#` at its end (a value such as a name
/// that ends in one) is escaped, or CommonMark reads it as the heading's closing sequence.
fn atx(text: &str) -> String {
    match text.strip_suffix('#') {
        Some(rest) if !rest.ends_with('\\') => format!("{rest}\\#"),
        _ => text.to_string(),
    }
}

fn heading(text: &str, rev: Option<Revision>) -> String {
    let text = escape_text(text, false);
    match rev {
        Some(Revision::Inserted) => format!("<ins>{text}</ins>"),
        Some(Revision::Deleted) => format!("<del>{text}</del>"),
        None => text,
    }
}

/// "4. Title", or the title alone for headings as written ([`crate::model::Meta::plain_headings`]).
fn numbered(plain: bool, number: &str, sep: &str, title: &str) -> String {
    if plain {
        title.to_string()
    } else {
        format!("{number}{sep}{title}")
    }
}

fn part(out: &mut String, p: &Part, level: usize, plain: bool) {
    let h = "#".repeat(level);
    for s in &p.sections {
        let title = numbered(plain, &s.number, ". ", &s.title);
        let _ = writeln!(out, "{h}# {}\n", atx(&heading(&title, s.revision)));
        for c in &s.clauses {
            // A clause with no heading: its body stands under the section's.
            if plain && c.title.is_empty() {
                blocks(out, &c.blocks, "");
                out.push('\n');
                continue;
            }
            let title = numbered(plain, &c.number, " ", &c.title);
            let text = match (&c.title_was, c.revision) {
                (Some(was), None) if was.is_empty() => heading(&title, Some(Revision::Inserted)),
                (Some(was), None) => format!(
                    "{} {} {}",
                    escape_text(&c.number, false),
                    heading(was, Some(Revision::Deleted)),
                    heading(&c.title, Some(Revision::Inserted))
                ),
                _ => heading(&title, c.revision),
            };
            let _ = writeln!(out, "{h}## {}\n", atx(&text));
            blocks(out, &c.blocks, "");
            out.push('\n');
        }
    }
    if let Some(sig) = &p.signature {
        let rev = sig.revision;
        let _ = writeln!(out, "{h}# {}\n", heading("Signatures", rev));
        let _ = writeln!(
            out,
            "{}\n",
            heading(
                "Signed by the authorised representatives of the parties.",
                rev
            )
        );
        let header: Vec<String> = sig
            .parties
            .iter()
            .map(|(role, name)| {
                let cell = vec![Inline::text(format!("{role}: "))]
                    .into_iter()
                    .chain(name.iter().cloned())
                    .collect::<Vec<_>>();
                inlines(&marks(&cell, rev), false, true)
            })
            .collect();
        let _ = writeln!(out, "| | {} |", header.join(" | "));
        let _ = writeln!(out, "|---|{}", "---|".repeat(sig.parties.len()));
        for label in ["Signature", "Name", "Title", "Date"] {
            let _ = writeln!(
                out,
                "| {} |{}",
                heading(label, rev),
                " |".repeat(sig.parties.len())
            );
        }
        out.push('\n');
    }
}

/// A redline's summary, before the document: the legend, the clause counts and the
/// changed terms.
fn summary(out: &mut String, r: &Redline) {
    let _ = writeln!(
        out,
        "# Redline against {}\n",
        escape_text(&r.against, false)
    );
    out.push_str(
        "Our draft marked against the baseline: <del>deleted text</del> is the baseline's, \
         <ins>inserted text</ins> is ours.\n\n",
    );
    let c = &r.counts;
    let _ = writeln!(
        out,
        "Clauses: {} changed, {} inserted, {} deleted, {} moved, {} unchanged.\n",
        c.changed, c.inserted, c.deleted, c.moved, c.unchanged
    );
    if !r.terms.is_empty() {
        out.push_str("| Term | Baseline | Our draft |\n|---|---|---|\n");
        for t in &r.terms {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                escape_text(&t.label, false),
                escape_text(&t.from, false),
                escape_text(&t.to, false)
            );
        }
        out.push('\n');
    }
    for n in &r.notes {
        let _ = writeln!(out, "- {}", escape_text(n, false));
    }
    if !r.notes.is_empty() {
        out.push('\n');
    }
    out.push_str("---\n\n");
}

/// Renders a document as CommonMark with GitHub tables.
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    let meta = &doc.meta;
    if let Some(r) = &meta.redline {
        summary(&mut out, r);
    }
    // Against the vendor's paper the title block is ours alone: inserted whole.
    let rev = meta.revision;
    let subtitle = inlines(&marks(&meta.subtitle, rev), false, false);
    if subtitle.is_empty() {
        let _ = writeln!(out, "# {}\n", atx(&heading(&meta.title, rev)));
    } else {
        let _ = writeln!(
            out,
            "# {}\n",
            atx(&format!("{}: {}", heading(&meta.title, rev), subtitle))
        );
    }
    if let Some(status) = &meta.status {
        let _ = writeln!(out, "**{}**\n", heading(status, rev));
    }
    if !meta.rows.is_empty() {
        out.push_str("| | |\n|---|---|\n");
        for (label, value) in &meta.rows {
            let _ = writeln!(
                out,
                "| {} | {} |",
                heading(label, rev),
                inlines(&marks(value, rev), false, true)
            );
        }
        out.push('\n');
    }
    for (i, p) in doc.parts.iter().enumerate() {
        // The first part is the document itself; attached annexes get their own title.
        if i > 0 {
            out.push_str("---\n\n");
            let title = match &p.label {
                Some(label) => format!("{label} — {}", p.title),
                None => p.title.clone(),
            };
            let _ = writeln!(out, "# {}\n", atx(&heading(&title, p.revision)));
        }
        if !p.intro.is_empty() {
            blocks(&mut out, &p.intro, "");
            out.push('\n');
        }
        part(&mut out, p, 1, meta.plain_headings);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_ampersand_is_escaped_only_where_it_could_open_a_character_reference() {
        assert_eq!(
            escape_text("Engineering & R&D team", false),
            "Engineering & R&D team"
        );
        // At the end of the text the next inline could complete a reference: escaped.
        assert_eq!(escape_text("R&D", false), "R\\&D");
        assert_eq!(
            escape_text("a &amp; b &#38; c", false),
            "a \\&amp; b \\&#38; c"
        );
        for s in [
            "R&D",
            "a &amp; b",
            "x &",
            "&#x26;",
            "Engineering & R&D team",
        ] {
            let text: String = pulldown_cmark::Parser::new(&escape_text(s, true))
                .filter_map(|e| match e {
                    pulldown_cmark::Event::Text(t) => Some(t.into_string()),
                    _ => None,
                })
                .collect();
            assert_eq!(text, s, "{s}");
        }
    }

    use super::*;

    #[test]
    fn writer_escape_is_positional() {
        assert_eq!(escape_text("# 1", true), "\\# 1");
        assert_eq!(atx("memo: # with #"), "memo: # with \\#");
        assert_eq!(atx("C\\#"), "C\\#");
        assert_eq!(escape_text("# 1", false), "# 1");
        assert_eq!(escape_text("12. Apr", true), "12\\. Apr");
        assert_eq!(escape_text("v1.2", true), "v1.2");
        assert_eq!(escape_text("<EU> $AI", false), "\\<EU\\> \\$AI");
        assert_eq!(
            escape_text("America/New_York _x_", false),
            "America/New_York \\_x\\_"
        );
    }

    #[test]
    fn the_scan_knows_every_escaped_byte() {
        for b in 0..=255u8 {
            let escaped = matches!(b, b'\n' | b'\r' | b'\t') || escaped(char::from(b));
            assert_eq!(needs_escaping(&[b]), escaped, "byte {b}");
            // And exactly the characters the escaper changes, wherever they stand.
            if b < 128 {
                let alone = char::from(b).to_string();
                let mut out = String::new();
                escape_each(&mut out, &alone, false);
                assert_eq!(needs_escaping(&[b]), out != alone, "byte {b}: {out:?}");
            }
        }
    }

    /// A list item of a paragraph and a list under it (the check memo's findings): the
    /// sub-list is indented under the item's text and the list stays tight, so a reader
    /// finds two items, the first holding a list of two.
    #[test]
    fn an_item_with_a_sub_list_nests_it() {
        let para = |t: &str| Block::Paragraph {
            inlines: vec![Inline::text(t)],
        };
        let list = |items: Vec<Vec<Block>>| Block::List {
            ordered: false,
            items,
        };
        let doc = list(vec![
            vec![
                para("Finding"),
                list(vec![vec![para("Ask")], vec![para("Why")]]),
            ],
            vec![para("Other")],
        ]);
        let mut out = String::new();
        block(&mut out, &doc, "");
        assert_eq!(out, "- Finding\n  - Ask\n  - Why\n- Other\n");
        let (mut depth, mut deepest, mut items) = (0, 0, 0);
        for e in pulldown_cmark::Parser::new(&out) {
            match e {
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::List(_)) => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                pulldown_cmark::Event::End(pulldown_cmark::TagEnd::List(_)) => depth -= 1,
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::Item) => items += 1,
                _ => {}
            }
        }
        assert_eq!((deepest, items), (2, 4), "{out}");
    }

    proptest::proptest! {
        /// The shortcut for text with nothing to escape changes nothing.
        #[test]
        fn the_shortcut_agrees(s in "[a-zA-Z0-9 .,;:()#+=_*&$<>|~`\\\\\\[\\]\\-\n\r\t\u{e9}\u{5d0}]{0,24}", start: bool) {
            let mut each = String::from("before ");
            escape_each(&mut each, &s, start);
            let mut into = String::from("before ");
            escape_into(&mut into, &s, start);
            proptest::prop_assert_eq!(&into, &each);
            proptest::prop_assert_eq!(format!("before {}", escape_text(&s, start)), each);
        }
    }
}
