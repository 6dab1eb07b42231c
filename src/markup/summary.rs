//! The summary counsel keeps beside the markup: each change (their clause, what changed,
//! why, the rule and coverage row), the terms of theirs kept, and what was seen and left.

use super::plan::Plan;

/// The summary, as Markdown.
pub fn markdown(paper: &str, deal: &str, plan: &Plan, understood: usize) -> String {
    let mut s = String::new();
    s.push_str(&format!("# Markup of {}\n\n", esc(paper)));
    s.push_str(&format!(
        "Our positions from `{}` marked on the vendor's paper as tracked changes, each with a comment giving the reason. {} terms were read from the paper; {} changes are made.\n\n",
        esc(deal),
        understood,
        plan.changes.len()
    ));
    s.push_str("## Changes\n\n");
    if plan.changes.is_empty() {
        s.push_str("None.\n\n");
    } else {
        s.push_str("| # | Their clause | What changes | Why | Rule |\n|---|---|---|---|---|\n");
        for (i, c) in plan.changes.iter().enumerate() {
            s.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                i + 1,
                esc(&c.section),
                esc(&c.what),
                esc(&c.why),
                esc(&c.rule)
            ));
        }
        s.push('\n');
    }
    s.push_str("## Their terms that are better than ours: kept\n\n");
    if plan.kept.is_empty() {
        s.push_str("None.\n\n");
    } else {
        for k in &plan.kept {
            s.push_str(&format!(
                "- {}: theirs {} (ours {}), at {} — kept, never lowered.\n",
                esc(&k.label),
                esc(&k.theirs),
                esc(&k.ours),
                esc(&k.place)
            ));
        }
        s.push('\n');
    }
    s.push_str("## Seen and left for counsel\n\n");
    if plan.left.is_empty() {
        s.push_str("Nothing.\n");
    } else {
        for l in &plan.left {
            s.push_str(&format!("- {}: {}\n", esc(&l.place), esc(&l.note)));
        }
    }
    s
}

/// Text as inline Markdown, as the Markdown writer escapes it (a table cell included).
fn esc(s: &str) -> String {
    crate::render::markdown::escape_text(s, false)
}
