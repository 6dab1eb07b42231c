//! Changes written into a Markdown or plain-text paper: the vendor's text as it stands,
//! each change as `<del>`/`<ins>` where it is made, followed by a footnote reference
//! (`[^m3]`) whose footnote at the end gives the reason. Removing every `<ins>` and
//! footnote and unwrapping every `<del>` gives the vendor's text back; removing every
//! `<del>` gives their paper at our positions.

use crate::paper::Paper;

use super::{Change, Edit};

/// Where a change could not be placed in the file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaced {
    /// The change's index.
    pub change: usize,
    /// Why.
    pub why: String,
}

/// The paper's `source` with `changes` marked in it, and the changes that could not be
/// placed (left out of the result).
///
/// In a Markdown paper a list item struck whole keeps its marker (an empty item reads as
/// none); in a text paper the marker is struck with it.
pub fn apply(
    source: &str,
    paper: &Paper,
    changes: &[Change],
    markdown: bool,
) -> (String, Vec<Unplaced>) {
    let lines = line_starts(source);
    let byte_of = |line: usize, column: usize| -> usize {
        let Some(&start) = lines.get(line.saturating_sub(1)) else {
            return source.len();
        };
        let rest = &source[start..];
        rest.char_indices()
            .nth(column.saturating_sub(1))
            .map_or(source.len(), |(i, _)| start + i)
    };
    // Where each paragraph starts in the file, and where the next one does.
    let starts: Vec<usize> = paper
        .paragraphs
        .iter()
        .map(|p| byte_of(p.line, p.column))
        .collect();
    let region = |para: usize| -> (usize, usize) {
        let a = line_start_of(&lines, starts[para]);
        let b = starts
            .iter()
            .skip(para + 1)
            .copied()
            .find(|&s| s > starts[para])
            .map_or(source.len(), |s| line_start_of(&lines, s));
        (a, b.max(a))
    };
    // (byte in source, order, text to put there or a stretch to wrap).
    let mut edits: Vec<(usize, usize, usize, String, String)> = Vec::new(); // (at, end, n, del, ins)
    let mut unplaced = Vec::new();
    let mut notes: Vec<(usize, String)> = Vec::new();
    for (n, c) in changes.iter().enumerate() {
        let Some(p) = paper.paragraphs.get(c.para) else {
            unplaced.push(Unplaced {
                change: n,
                why: "no such paragraph".into(),
            });
            continue;
        };
        let mark = n + 1;
        match &c.edit {
            Edit::Replace { range, with } => {
                let Some(want) = p.text.get(range.clone()) else {
                    unplaced.push(Unplaced {
                        change: n,
                        why: "the range is not in the paragraph".into(),
                    });
                    continue;
                };
                // Which occurrence of these words in the paragraph it is.
                let nth = occurrences(&p.text[..range.start + want.len()], want).saturating_sub(1);
                let (a, b) = region(c.para);
                let found = find_nth(&source[a..b], want, nth).map(|(x, y)| (a + x, a + y));
                let Some((x, y)) = found else {
                    unplaced.push(Unplaced {
                        change: n,
                        why: format!("\"{want}\" was not found where the paper has it"),
                    });
                    continue;
                };
                // A list item struck whole goes with its marker ("- ", "(c) ").
                let x = if !markdown
                    && p.list
                    && with.is_empty()
                    && range.start == 0
                    && range.end == p.text.len()
                {
                    let line = line_start_of(&lines, x);
                    let indent = source[line..x].len() - source[line..x].trim_start().len();
                    line + indent
                } else {
                    x
                };
                edits.push((x, y, mark, source[x..y].to_string(), with.clone()));
                notes.push((mark, c.comment.join(" ")));
            }
            Edit::Answer { .. } => {}
            Edit::Insert {
                heading,
                paragraphs,
            } => {
                // After the paragraph, or after its table: the end of its last line.
                let mut last = c.para;
                if p.cells.is_some() {
                    while paper
                        .paragraphs
                        .get(last + 1)
                        .is_some_and(|q| q.cells.is_some() && !q.header)
                    {
                        last += 1;
                    }
                }
                let (_, end) = region(last);
                let at = source[..end].trim_end_matches(['\n', '\r', ' ']).len();
                let mut text = String::new();
                if let Some((level, title)) = heading {
                    let hashes = "#".repeat(usize::from((*level).clamp(1, 6)));
                    text.push_str(&format!("\n\n{hashes} <ins>{}</ins>", escape(title)));
                }
                for (i, para) in paragraphs.iter().enumerate() {
                    let reference = if i + 1 == paragraphs.len() {
                        format!("[^m{mark}]")
                    } else {
                        String::new()
                    };
                    text.push_str(&format!("\n\n<ins>{}</ins>{reference}", escape(para)));
                }
                edits.push((at, at, mark, String::new(), text));
                notes.push((mark, c.comment.join(" ")));
            }
        }
    }
    // Back to front, so earlier offsets stay right; an insert after a replace at the same
    // place goes after it.
    edits.sort_by_key(|e| (e.0, e.2));
    let mut out = source.to_string();
    for (at, end, mark, del, ins) in edits.into_iter().rev() {
        let marked = if del.is_empty() && ins.starts_with('\n') {
            ins
        } else {
            let mut m = String::new();
            if !del.is_empty() {
                m.push_str(&format!("<del>{del}</del>"));
            }
            if !ins.is_empty() {
                m.push_str(&format!("<ins>{}</ins>", escape(&ins)));
            }
            m.push_str(&format!("[^m{mark}]"));
            m
        };
        out.replace_range(at..end, &marked);
    }
    if !notes.is_empty() {
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push('\n');
        for (mark, note) in notes {
            out.push_str(&format!("[^m{mark}]: {}\n", escape(&note)));
        }
    }
    (out, unplaced)
}

/// Our text as Markdown text, as the Markdown writer escapes it.
fn escape(s: &str) -> String {
    crate::render::markdown::escape_text(s, false)
}

fn line_starts(s: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(s.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

fn line_start_of(lines: &[usize], byte: usize) -> usize {
    let i = lines.partition_point(|&s| s <= byte);
    lines[i.saturating_sub(1)]
}

fn occurrences(hay: &str, needle: &str) -> usize {
    if needle.is_empty() {
        return 1;
    }
    let mut n = 0;
    let mut rest = hay;
    while let Some(i) = rest.find(needle) {
        n += 1;
        rest = &rest[i + needle.len()..];
    }
    n
}

/// The `nth` (0-based) place where `want` is written in `hay`, a run of spaces in `want`
/// matching any run of whitespace (a line break, a table's padding) and Markdown's
/// emphasis marks in `hay` skipped: (start, end) in bytes of `hay`.
fn find_nth(hay: &str, want: &str, nth: usize) -> Option<(usize, usize)> {
    let want: Vec<char> = want.chars().collect();
    let first = *want.first()?;
    let mut seen = 0;
    for (i, c) in hay.char_indices() {
        if c != first {
            continue;
        }
        if let Some(end) = match_at(&hay[i..], &want) {
            if seen == nth {
                return Some((i, i + end));
            }
            seen += 1;
        }
    }
    None
}

fn match_at(hay: &str, want: &[char]) -> Option<usize> {
    let h: Vec<(usize, char)> = hay.char_indices().collect();
    let (mut i, mut j) = (0, 0);
    while j < want.len() {
        let (_, c) = *h.get(i)?;
        let w = want[j];
        if w == ' ' {
            if !c.is_whitespace() {
                return None;
            }
            while h.get(i).is_some_and(|x| x.1.is_whitespace()) {
                i += 1;
            }
            j += 1;
        } else if c == w {
            i += 1;
            j += 1;
        } else if matches!(c, '*' | '_') && j > 0 {
            i += 1;
        } else {
            return None;
        }
    }
    Some(h.get(i).map_or(hay.len(), |x| x.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(para: usize, range: std::ops::Range<usize>, with: &str) -> Change {
        Change {
            para,
            edit: Edit::Replace {
                range,
                with: with.into(),
            },
            comment: vec!["Because.".into()],
        }
    }

    #[test]
    fn a_change_is_marked_where_the_words_stand_and_explained_in_a_footnote() {
        let src = "# Uptime\n\nWe will keep the Service available 99.5% of each month,\nas measured by us.\n";
        let paper = Paper::markdown("p.md", src);
        let p = &paper.paragraphs[1];
        let at = p.text.find("99.5%").unwrap();
        let (out, unplaced) = apply(src, &paper, &[change(1, at..at + 5, "99.9%")], true);
        assert!(unplaced.is_empty());
        assert!(
            out.contains(
                "available <del>99.5%</del><ins>99.9%</ins>[^m1] of each month,\nas measured"
            ),
            "{out}"
        );
        assert!(out.ends_with("[^m1]: Because.\n"), "{out}");
    }

    #[test]
    fn words_across_a_line_break_are_found() {
        let src = "Credits are your sole and\nexclusive remedy.\n";
        let paper = Paper::text("p.txt", src);
        let t = &paper.paragraphs[0].text;
        let at = t.find("sole and exclusive").unwrap();
        let (out, unplaced) = apply(
            src,
            &paper,
            &[change(
                0,
                at..at + "sole and exclusive remedy".len(),
                "non-exclusive remedy",
            )],
            false,
        );
        assert!(unplaced.is_empty(), "{unplaced:?}");
        assert!(
            out.contains(
                "your <del>sole and\nexclusive remedy</del><ins>non-exclusive remedy</ins>[^m1]."
            ),
            "{out}"
        );
    }

    #[test]
    fn an_insert_follows_its_paragraph_under_a_heading() {
        let src = "# Support\n\nWe answer tickets.\n\n# Fees\n\nFees are due monthly.\n";
        let paper = Paper::markdown("p.md", src);
        let c = Change {
            para: 1,
            edit: Edit::Insert {
                heading: Some((2, "Incident Notice".into())),
                paragraphs: vec!["Vendor shall notify Customer within 24 hours.".into()],
            },
            comment: vec!["Inserted.".into()],
        };
        let (out, _) = apply(src, &paper, &[c], true);
        assert!(
            out.contains("We answer tickets.\n\n## <ins>Incident Notice</ins>\n\n<ins>Vendor shall notify Customer within 24 hours.</ins>[^m1]\n\n# Fees"),
            "{out}"
        );
    }
}
