//! The redline's word diff: accepting every change gives our text, rejecting every change
//! gives the baseline's.
#![no_main]

use dealdraft::model::{Block, Inline, plain_text};
use dealdraft::redline::words::{Words, diff};
use libfuzzer_sys::fuzz_target;

/// The first paragraph's inlines of clause Markdown (or the text as one run).
fn inlines(s: &str) -> Vec<Inline> {
    match dealdraft_fuzz::blocks(s).into_iter().next() {
        Some(Block::Paragraph { inlines }) => inlines,
        _ => vec![Inline::text(s)],
    }
}

/// The text with one kind of change applied: `keep_ins` accepts, otherwise rejects.
fn resolved(xs: &[Inline], keep_ins: bool) -> Vec<Inline> {
    let mut out = Vec::new();
    for x in xs {
        match x {
            Inline::Ins { content } if keep_ins => out.extend(resolved(content, keep_ins)),
            Inline::Del { content } if !keep_ins => out.extend(resolved(content, keep_ins)),
            Inline::Ins { .. } | Inline::Del { .. } => {}
            Inline::Strong { content } => out.push(Inline::Strong {
                content: resolved(content, keep_ins),
            }),
            Inline::Emph { content } => out.push(Inline::Emph {
                content: resolved(content, keep_ins),
            }),
            other => out.push(other.clone()),
        }
    }
    out
}

fuzz_target!(|data: &str| {
    let (a, b) = dealdraft_fuzz::halves(data);
    let (old, new) = (inlines(a), inlines(b));
    if let Some(marked) = diff(&Words::of(&old), &Words::of(&new)) {
        assert_eq!(plain_text(&resolved(&marked, true)), plain_text(&new), "accept all");
        assert_eq!(plain_text(&resolved(&marked, false)), plain_text(&old), "reject all");
    }
});
