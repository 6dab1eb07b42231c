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
pub mod plan;
pub mod summary;
pub mod text;

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
    /// No change to the text: the comment is an answer to the paper's own comment `to`
    /// (its `w:id`), anchored where theirs is and, in Word, a reply in its thread (under
    /// `parent`, the `w14:paraId` of their comment's last paragraph, where it has one).
    /// A plain-text paper has no comments to answer.
    Answer {
        /// The `w:id` of their comment.
        to: String,
        /// The `w14:paraId` of their comment's last paragraph.
        parent: Option<String>,
    },
}

impl Edit {
    /// The range a [`Edit::Replace`] covers.
    pub fn range(&self) -> Option<&Range<usize>> {
        match self {
            Edit::Replace { range, .. } => Some(range),
            Edit::Insert { .. } | Edit::Answer { .. } => None,
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

/// How to mark up.
#[derive(Debug, Clone)]
pub struct Options {
    /// Who makes the changes, and when.
    pub tracking: Tracking,
    /// Accept the vendor's own tracked changes first (a Word paper that has any is
    /// refused otherwise).
    pub accept_existing: bool,
}

/// What `markup` wrote for one paper.
#[derive(Debug, Clone)]
pub struct Output {
    /// The files, by name: `<stem>.markup.docx` or `<stem>.markup.md` (none when nothing
    /// of the paper was understood), and `<stem>.markup-summary.md`.
    pub files: Vec<(String, Vec<u8>)>,
    /// What was done.
    pub plan: plan::Plan,
    /// How many terms intake read from the paper.
    pub understood: usize,
}

/// Marks our deal's positions on the vendor's paper at `path`.
pub fn markup(
    path: &std::path::Path,
    ours: &crate::Resolved,
    library: &crate::Library,
    opts: &Options,
) -> Result<Output, crate::Diagnostics> {
    use crate::Diagnostic;
    use crate::paper::Kind;
    let name = path.display().to_string();
    let kind = Kind::of(path).ok_or_else(|| {
        Diagnostic::error("the vendor's paper must be a .md, .txt or .docx file")
            .in_file(path)
            .help("save a PDF or web page as Word (.docx) or text first")
    })?;
    // The output's name from the paper's, made safe (no dots, slashes or spaces).
    let stem = crate::output::safe_name(
        &path
            .file_stem()
            .map_or_else(|| "paper".into(), |s| s.to_string_lossy().into_owned()),
    );
    let (paper, source) = match kind {
        Kind::Word => {
            let bytes = crate::paper::read_bytes(path)?;
            // Read first: a file that is no Word file is told so.
            let paper = Paper::docx(&name, &bytes)?;
            let existing = docx::tracked_changes(&bytes).map_err(|d| d.in_file(path))?;
            if existing > 0 && !opts.accept_existing {
                return Err(Diagnostic::error(format!(
                    "the vendor's paper carries {existing} tracked change{} of its own",
                    if existing == 1 { "" } else { "s" }
                ))
                .in_file(path)
                .help("accept or reject them in Word first, or pass --accept-existing to mark up the paper as if they were accepted")
                .into());
            }
            (paper, Source::Word(bytes))
        }
        _ => {
            let text = crate::paper::read_text(path)?;
            let paper = if kind == Kind::Markdown {
                Paper::markdown(&name, &text)
            } else {
                Paper::text(&name, &text)
            };
            (paper, Source::Text(text))
        }
    };
    let terms = crate::intake::Terms::load(library)?;
    let rules = crate::check::rules::RuleSet::load(library)?;
    let intake = crate::intake::intake(&paper, kind, &terms, library);
    let understood = intake.found.len();
    let plan = if understood == 0 {
        plan::Plan::default()
    } else {
        plan::plan(&paper, &intake, ours, &terms, &rules, library)
    };
    let changes: Vec<Change> = plan.changes.iter().map(|c| c.change.clone()).collect();
    let faults = check_changes(&paper, &changes);
    if !faults.is_empty() {
        return Err(Diagnostic::error(format!(
            "markup placed its changes wrongly: {}",
            faults.join("; ")
        ))
        .in_file(path)
        .into());
    }
    let mut files = Vec::new();
    let mut plan = plan;
    if understood > 0 {
        match source {
            Source::Word(bytes) => {
                let out = docx::apply(
                    &bytes,
                    &paper,
                    &changes,
                    &opts.tracking,
                    opts.accept_existing,
                )
                .map_err(|d| d.in_file(path))?;
                files.push((format!("{stem}.markup.docx"), out));
            }
            Source::Text(text) => {
                let markdown = kind == Kind::Markdown;
                let (mut out, unplaced) = text::apply(&text, &paper, &changes, markdown);
                if !unplaced.is_empty() {
                    // What could not be placed is left out and said so; the rest is
                    // marked again so that the notes count on without gaps.
                    for u in unplaced.iter().rev() {
                        let c = plan.changes.remove(u.change);
                        plan.left.push(plan::Left {
                            place: c.section.clone(),
                            note: format!("{} — not marked: {}", c.what, u.why),
                        });
                    }
                    let changes: Vec<Change> =
                        plan.changes.iter().map(|c| c.change.clone()).collect();
                    out = text::apply(&text, &paper, &changes, markdown).0;
                }
                files.push((format!("{stem}.markup.md"), out.into_bytes()));
            }
        }
    } else {
        plan.left.push(plan::Left {
            place: name.clone(),
            note: "no term of the deal format was understood in this paper, so nothing is marked and no markup is written; read it yourself".into(),
        });
    }
    let summary = summary::markdown(&name, &ours.source_name, &plan, understood);
    files.push((format!("{stem}.markup-summary.md"), summary.into_bytes()));
    Ok(Output {
        files,
        plan,
        understood,
    })
}

enum Source {
    Word(Vec<u8>),
    Text(String),
}
