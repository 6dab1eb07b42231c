//! `dealdraft markup`: our positions as tracked changes on the vendor's own paper.
//!
//! The vendor's paper is read as terms ([`crate::intake`]) and as phrases
//! ([`crate::check`]'s red flags); [`plan`] weighs each against the resolved deal and
//! the playbook's rules and gives a list of [`Change`]s, each placed in the text of one
//! paragraph of the paper as [`Paper`] reads it and carrying the comment that explains
//! it. The changes are then written onto the paper itself: [`docx`] into the vendor's
//! Word file (only `word/document.xml` and the comment parts change; every other part is
//! copied byte for byte), [`text`] into a Markdown or text paper as `<del>`/`<ins>` with
//! a numbered reason after each; [`summary`] lists them for counsel.
//!
//! Whatever the paper, rejecting every change gives the vendor's text exactly, and
//! accepting every change gives their paper at our positions.

pub mod docx;

use std::ops::Range;

use crate::paper::Paper;

/// Who makes the changes, and when: written on every tracked change and comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracking {
    /// The author's name ("Customer's counsel").
    pub author: String,
    /// The day, `YYYY-MM-DD` (Word's `w:date` is this at midnight UTC).
    pub date: String,
}

/// One change to the paper.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The paragraph it is made in (or after): an index into [`Paper::paragraphs`].
    pub para: usize,
    /// What changes.
    pub edit: Edit,
    /// The margin comment that explains it, a paragraph per entry (what the playbook
    /// asks, why, the fallback we would accept, the rule and coverage row).
    pub comment: Vec<String>,
}

/// What a [`Change`] does.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// The bytes `range` of the paragraph's text (as [`Paper`] reads it: spaces
    /// collapsed, a heading's number split off; a table row's cells joined by ` | `, the
    /// range then lying within one cell) replaced by `with`: struck and inserted as
    /// tracked changes. An empty range inserts at `range.start`; an empty `with` only
    /// strikes.
    Replace {
        /// Where, in bytes of the paragraph's text (char boundaries).
        range: Range<usize>,
        /// The new text (plain; empty to strike only).
        with: String,
    },
    /// New paragraphs inserted whole after the paragraph (after its table, for a table
    /// row): a heading first when given (its level, 1 = top, in the paper's own heading
    /// style for that level), then the body paragraphs.
    Insert {
        /// A heading above the new paragraphs.
        heading: Option<(u8, String)>,
        /// The new paragraphs' text (plain).
        paragraphs: Vec<String>,
    },
}

impl Edit {
    /// The range a [`Edit::Replace`] covers.
    pub fn range(&self) -> Option<&Range<usize>> {
        match self {
            Edit::Replace { range, .. } => Some(range),
            Edit::Insert { .. } => None,
        }
    }
}

/// Checks that changes can be written onto `paper`: each names a paragraph of it, each
/// range lies on char boundaries of that paragraph's text (and within one cell of a
/// table row), and the ranges of one paragraph do not overlap. A message per fault.
pub fn check_changes(paper: &Paper, changes: &[Change]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, c) in changes.iter().enumerate() {
        let Some(p) = paper.paragraphs.get(c.para) else {
            out.push(format!(
                "change {i}: paragraph {} is not in the paper",
                c.para
            ));
            continue;
        };
        let Some(r) = c.edit.range() else { continue };
        if r.start > r.end || !p.text.is_char_boundary(r.start) || !p.text.is_char_boundary(r.end) {
            out.push(format!(
                "change {i}: {r:?} is not a stretch of paragraph {}",
                c.para
            ));
            continue;
        }
        if p.cells.is_some() && p.text[r.clone()].contains(" | ") {
            out.push(format!("change {i}: {r:?} spans two cells"));
        }
        for (j, d) in changes.iter().enumerate().skip(i + 1) {
            if d.para == c.para
                && let Some(q) = d.edit.range()
                && r.start < q.end
                && q.start < r.end
            {
                out.push(format!("changes {i} and {j} overlap"));
            }
        }
    }
    out
}
