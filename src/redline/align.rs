//! Alignment: which block, list item, table row or clause of the baseline answers to which
//! of ours, and the blocks of two aligned clauses compared.

use std::collections::HashSet;

use super::word_diff::{Words, diff, similarity};
use crate::model::{Block, Inline, Revision};

/// One step of an alignment: a baseline item alone (deleted), one of ours alone
/// (inserted), or the two aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pair {
    /// Baseline item `i`, with no counterpart.
    Old(usize),
    /// Our item `j`, with no counterpart.
    New(usize),
    /// Baseline item `i` answers to our item `j`.
    Both(usize, usize),
}

/// The order-preserving alignment of `n_old` baseline items with `n_new` of ours that
/// maximises the total score of aligned pairs (`score` is `None` for pairs that cannot
/// align). Between two aligned pairs, deletions come before insertions.
pub fn align(n_old: usize, n_new: usize, score: impl Fn(usize, usize) -> Option<f64>) -> Vec<Pair> {
    // Equal prefixes and suffixes are the common case: align them without the table.
    let w = n_new + 1;
    let mut dp = vec![0.0f64; (n_old + 1) * w];
    let mut scores: Vec<Option<f64>> = vec![None; n_old * n_new];
    for i in 1..=n_old {
        for j in 1..=n_new {
            let s = score(i - 1, j - 1);
            scores[(i - 1) * n_new + (j - 1)] = s;
            let mut best = dp[(i - 1) * w + j].max(dp[i * w + j - 1]);
            if let Some(s) = s {
                best = best.max(dp[(i - 1) * w + j - 1] + s);
            }
            dp[i * w + j] = best;
        }
    }
    let (mut i, mut j) = (n_old, n_new);
    let mut rev = Vec::with_capacity(n_old + n_new);
    while i > 0 || j > 0 {
        if i > 0
            && j > 0
            && let Some(s) = scores[(i - 1) * n_new + (j - 1)]
            && (dp[i * w + j] - (dp[(i - 1) * w + j - 1] + s)).abs() < 1e-9
        {
            rev.push(Pair::Both(i - 1, j - 1));
            i -= 1;
            j -= 1;
        } else if j > 0 && (i == 0 || (dp[i * w + j] - dp[i * w + j - 1]).abs() < 1e-9) {
            rev.push(Pair::New(j - 1));
            j -= 1;
        } else {
            rev.push(Pair::Old(i - 1));
            i -= 1;
        }
    }
    rev.reverse();
    // Deletions before insertions between two aligned pairs.
    let mut out = Vec::with_capacity(rev.len());
    let mut k = 0;
    while k < rev.len() {
        if matches!(rev[k], Pair::Both(..)) {
            out.push(rev[k]);
            k += 1;
            continue;
        }
        let end = rev[k..]
            .iter()
            .position(|p| matches!(p, Pair::Both(..)))
            .map_or(rev.len(), |e| k + e);
        out.extend(rev[k..end].iter().filter(|p| matches!(p, Pair::Old(_))));
        out.extend(rev[k..end].iter().filter(|p| matches!(p, Pair::New(_))));
        k = end;
    }
    out
}

/// Two texts below this similarity are not the same paragraph rewritten.
pub const SIMILAR: f64 = 0.5;

/// The words of every run of text in a block, as one set.
pub fn block_set(b: &Block) -> HashSet<u64> {
    let mut set = HashSet::new();
    b.for_each_inlines(&mut |xs| set.extend(Words::of(xs).set()));
    set
}

/// The words of blocks, as one set.
pub fn blocks_set(bs: &[Block]) -> HashSet<u64> {
    bs.iter().flat_map(block_set).collect()
}

/// Blocks inserted or deleted whole.
pub fn revised(rev: Revision, blocks: Vec<Block>) -> Block {
    Block::Revised {
        revision: rev,
        blocks,
    }
}

/// Compares the blocks of two aligned clauses (or intros): ours, with the baseline's
/// blocks that have no counterpart deleted where they stood, ours without one inserted,
/// and aligned blocks compared word by word. Sets `changed` if anything differs.
pub fn diff_blocks(old: &[Block], new: &[Block], changed: &mut bool) -> Vec<Block> {
    // A paragraph's words are split once: for its likeness here and its word diff below.
    let words = |b: &Block| match b {
        Block::Paragraph { inlines } => Some(Words::of(inlines)),
        _ => None,
    };
    let (ow, nw): (Vec<_>, Vec<_>) = (
        old.iter().map(words).collect(),
        new.iter().map(words).collect(),
    );
    let set = |b: &Block, w: &Option<Words>| w.as_ref().map_or_else(|| block_set(b), Words::set);
    let os: Vec<_> = old.iter().zip(&ow).map(|(b, w)| set(b, w)).collect();
    let ns: Vec<_> = new.iter().zip(&nw).map(|(b, w)| set(b, w)).collect();
    let pairs = align(old.len(), new.len(), |i, j| {
        let sim = similarity(&os[i], &ns[j]);
        let same_kind = match (&old[i], &new[j]) {
            (Block::Paragraph { .. }, Block::Paragraph { .. }) => sim >= SIMILAR,
            // Lettered or bulleted: the items are what count (paper's lists are either).
            (Block::List { .. }, Block::List { .. }) => true,
            (Block::Table { align: a, .. }, Block::Table { align: b, .. }) => a.len() == b.len(),
            _ => false,
        };
        // An aligned block is worth at least as much as leaving both unaligned.
        same_kind.then_some(0.5 + sim)
    });
    let mut out = Vec::with_capacity(new.len());
    for p in pairs {
        match p {
            Pair::Old(i) => {
                *changed = true;
                push_revised(&mut out, Revision::Deleted, old[i].clone());
            }
            Pair::New(j) => {
                *changed = true;
                push_revised(&mut out, Revision::Inserted, new[j].clone());
            }
            Pair::Both(i, j) => out.push(match (&ow[i], &nw[j], &new[j]) {
                (Some(o), Some(n), Block::Paragraph { inlines }) => Block::Paragraph {
                    inlines: diff_words(o, n, inlines, changed),
                },
                _ => diff_block(&old[i], &new[j], changed),
            }),
        }
    }
    out
}

/// Appends a block inserted or deleted whole, joining it to the previous one of the same
/// kind.
fn push_revised(out: &mut Vec<Block>, rev: Revision, b: Block) {
    if let Some(Block::Revised {
        revision,
        blocks: prev,
    }) = out.last_mut()
        && *revision == rev
    {
        prev.push(b);
        return;
    }
    out.push(revised(rev, vec![b]));
}

/// Two runs of inlines compared word by word.
pub fn diff_inlines(old: &[Inline], new: &[Inline], changed: &mut bool) -> Vec<Inline> {
    diff_words(&Words::of(old), &Words::of(new), new, changed)
}

/// Two runs of words compared: the marked inlines, or ours as they are.
fn diff_words(old: &Words, new: &Words, ours: &[Inline], changed: &mut bool) -> Vec<Inline> {
    match diff(old, new) {
        Some(x) => {
            *changed = true;
            x
        }
        None => ours.to_vec(),
    }
}

/// Two aligned lists or tables compared (paragraphs are compared in [`diff_blocks`]).
fn diff_block(old: &Block, new: &Block, changed: &mut bool) -> Block {
    match (old, new) {
        (Block::List { items: oi, .. }, Block::List { ordered, items: ni }) => {
            let (os, ns): (Vec<_>, Vec<_>) = (
                oi.iter().map(|b| blocks_set(b)).collect(),
                ni.iter().map(|b| blocks_set(b)).collect(),
            );
            let pairs = align(oi.len(), ni.len(), |i, j| {
                let sim = similarity(&os[i], &ns[j]);
                (sim >= SIMILAR).then_some(sim)
            });
            let items = pairs
                .into_iter()
                .map(|p| match p {
                    Pair::Old(i) => {
                        *changed = true;
                        vec![revised(Revision::Deleted, oi[i].clone())]
                    }
                    Pair::New(j) => {
                        *changed = true;
                        vec![revised(Revision::Inserted, ni[j].clone())]
                    }
                    Pair::Both(i, j) => diff_blocks(&oi[i], &ni[j], changed),
                })
                .collect();
            Block::List {
                ordered: *ordered,
                items,
            }
        }
        (
            Block::Table {
                header: oh,
                rows: or,
                ..
            },
            Block::Table {
                align: al,
                header: nh,
                rows: nr,
                ..
            },
        ) => {
            let header = cells(oh, nh, changed);
            let first =
                |r: &Vec<Vec<Inline>>| r.first().map(|c| Words::of(c).set()).unwrap_or_default();
            let row_set = |r: &Vec<Vec<Inline>>| -> HashSet<u64> {
                r.iter().flat_map(|c| Words::of(c).set()).collect()
            };
            let (of, nf): (Vec<_>, Vec<_>) = (
                or.iter().map(first).collect(),
                nr.iter().map(first).collect(),
            );
            let (os, ns): (Vec<_>, Vec<_>) = (
                or.iter().map(row_set).collect(),
                nr.iter().map(row_set).collect(),
            );
            // Rows answer to each other by their first cell, else by their text.
            let pairs = align(or.len(), nr.len(), |i, j| {
                if !of[i].is_empty() && of[i] == nf[j] {
                    return Some(2.0);
                }
                let sim = similarity(&os[i], &ns[j]);
                (sim >= SIMILAR).then_some(sim)
            });
            let mut rows = Vec::new();
            let mut revisions = Vec::new();
            for p in pairs {
                match p {
                    Pair::Old(i) => {
                        *changed = true;
                        rows.push(or[i].clone());
                        revisions.push(Some(Revision::Deleted));
                    }
                    Pair::New(j) => {
                        *changed = true;
                        rows.push(nr[j].clone());
                        revisions.push(Some(Revision::Inserted));
                    }
                    Pair::Both(i, j) => {
                        rows.push(cells(&or[i], &nr[j], changed));
                        revisions.push(None);
                    }
                }
            }
            if revisions.iter().all(Option::is_none) {
                revisions.clear();
            }
            Block::Table {
                align: al.clone(),
                header,
                rows,
                revisions,
            }
        }
        // Paragraphs are compared in `diff_blocks`; blocks of different kinds never align.
        _ => new.clone(),
    }
}

/// A row compared cell by cell (rows of one table have as many cells).
fn cells(old: &[Vec<Inline>], new: &[Vec<Inline>], changed: &mut bool) -> Vec<Vec<Inline>> {
    static EMPTY: Vec<Inline> = Vec::new();
    new.iter()
        .enumerate()
        .map(|(k, n)| diff_inlines(old.get(k).unwrap_or(&EMPTY), n, changed))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alignment_keeps_order_and_puts_deletions_first() {
        // old: a b c d, new: a x c d y; b has no match.
        let old = ["a", "b", "c", "d"];
        let new = ["a", "x", "c", "d", "y"];
        let pairs = align(old.len(), new.len(), |i, j| {
            (old[i] == new[j]).then_some(1.0)
        });
        assert_eq!(
            pairs,
            vec![
                Pair::Both(0, 0),
                Pair::Old(1),
                Pair::New(1),
                Pair::Both(2, 2),
                Pair::Both(3, 3),
                Pair::New(4)
            ]
        );
    }
}
