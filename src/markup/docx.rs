//! Changes written into the vendor's own Word file as tracked changes with comments.

use crate::diagnostics::Diagnostic;
use crate::paper::Paper;

use super::{Change, Tracking};

/// The vendor's Word file with `changes` made as tracked changes, each with its comment.
///
/// `paper` is what [`Paper::docx`] reads from `vendor`. Only `word/document.xml`, the
/// comments part and the entries it needs (its relationship, its content type, and
/// `w:trackRevisions` in the settings) change; every other part is copied byte for byte.
/// With `accept_existing`, the vendor's own tracked changes are accepted first (the paper
/// reads them so); without it, a file that has any is refused.
pub fn apply(
    vendor: &[u8],
    paper: &Paper,
    changes: &[Change],
    tracking: &Tracking,
    accept_existing: bool,
) -> Result<Vec<u8>, Diagnostic> {
    let _ = (vendor, paper, changes, tracking, accept_existing);
    Err(Diagnostic::error("markup of a Word file is not built yet"))
}

/// How many tracked changes (insertions, deletions, moves, formatting changes) the
/// vendor's Word file already holds.
pub fn tracked_changes(vendor: &[u8]) -> Result<usize, Diagnostic> {
    let _ = vendor;
    Err(Diagnostic::error("markup of a Word file is not built yet"))
}
