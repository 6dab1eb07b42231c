//! Our own draft read back: a paper that is our render of the deal, perhaps edited, is
//! compared as our document, not as a vendor's paper.
//!
//! Our document is rendered as the paper is written (Word or Markdown) and read back the
//! same way; the paragraphs of that reading are aligned with the paper's (a longest common
//! subsequence of their texts). When most of ours are there unchanged, the paper is our
//! draft: each of its paragraphs that differs from ours, or that we do not have, is put
//! into a copy of our document model where ours stood, and that copy is the baseline of an
//! ordinary model-to-model redline. Our unchanged draft, read back, therefore redlines as
//! no change at all; an edit shows as that edit, in its clause.

use crate::model::{Block, Document, Inline};
use crate::paper::{Kind, Paper};
use crate::render::Format;

/// Where a paragraph of our rendered document comes from in the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Loc {
    /// A clause's heading.
    Heading(usize, usize, usize),
    /// A block of a clause: (part, section, clause, block, item or row).
    Block(usize, usize, usize, usize, Option<usize>),
}

/// What happens at one place of our model.
#[derive(Debug, Clone, PartialEq)]
enum Edit {
    /// Its text is theirs (a paragraph's text, or a row's cells).
    Text(String, Option<Vec<String>>),
    /// It is not in their paper.
    Gone,
}

/// The paper read as our document edited: the baseline model, and the paragraphs of the
/// paper that differ from ours (changed or added), for the terms they state. `None` when
/// the paper is not our draft.
pub(super) fn baseline(
    ours: &Document,
    paper: &Paper,
    kind: Kind,
) -> Option<(Document, Vec<usize>)> {
    let own = Own::read(ours, kind)?;
    let (b, pairs) = own.align(paper);
    if !own.is_ours(&pairs) {
        return None;
    }
    let (a, locs) = (&own.texts, &own.locs);
    // A paper that holds more than this document (the SOW with its annexes, against one
    // annex): what stands before our first paragraph and after our last, where those are
    // found, is another document's.
    // (Our first few paragraphs, a standalone annex's title block, may read differently
    // from the same annex within the SOW: as many of theirs are taken as ours before it.)
    let from = pairs.first().map_or(0, |&(i, j)| j.saturating_sub(i));
    let to = pairs
        .last()
        .map_or(b.len(), |&(i, j)| (j + (a.len() - i)).min(b.len()));
    // Walk the gaps between matched paragraphs: ours there changed or gone, theirs there
    // changed or added.
    let mut edits: Vec<(Loc, Edit)> = Vec::new();
    let mut added: Vec<(Option<Loc>, Vec<usize>)> = Vec::new();
    let mut differs = Vec::new();
    let mut last_loc: Option<Loc> = None;
    let (mut i, mut j) = (0usize, from);
    for &(pi, pj) in pairs.iter().chain(std::iter::once(&(a.len(), to))) {
        let (gone, new): (Vec<usize>, Vec<usize>) = ((i..pi).collect(), (j..pj).collect());
        let paired = gone.len().min(new.len());
        // Only what lands in a clause of ours differs (the cover and titles are ours).
        for k in 0..paired {
            if let Some(loc) = locs[gone[k]] {
                differs.push(new[k]);
                let q = &paper.paragraphs[new[k]];
                edits.push((loc, Edit::Text(q.text.clone(), q.cells.clone())));
                last_loc = Some(loc);
            }
        }
        for &g in &gone[paired..] {
            if let Some(loc) = locs[g] {
                edits.push((loc, Edit::Gone));
            }
        }
        if new.len() > paired && last_loc.is_some() {
            differs.extend(&new[paired..]);
            added.push((last_loc, new[paired..].to_vec()));
        }
        if pi < a.len()
            && let Some(loc) = locs[pi]
        {
            last_loc = Some(loc);
        }
        i = pi + 1;
        j = pj + 1;
    }
    Some((apply(ours, paper, &edits, &added), differs))
}

/// Our document rendered as a paper is written and read back the same way, once: its
/// paragraphs' texts (normalised) and where each comes from in the model. Papers are then
/// aligned with it paragraph by paragraph.
pub(crate) struct Own<'d> {
    doc: &'d Document,
    mine: Paper,
    texts: Vec<String>,
    locs: Vec<Option<Loc>>,
}

impl<'d> Own<'d> {
    /// Renders `doc` as `kind` (Word or Markdown) and reads it back.
    pub(crate) fn read(doc: &'d Document, kind: Kind) -> Option<Own<'d>> {
        let format = match kind {
            Kind::Word => Format::Docx,
            Kind::Markdown => Format::Markdown,
            Kind::Text => return None,
        };
        let files = crate::render::render_document(doc, "own", &[format], None).ok()?;
        let bytes = &files.first()?.1;
        let mine = match kind {
            Kind::Word => Paper::docx("own.docx", bytes).ok()?,
            _ => Paper::markdown("own.md", std::str::from_utf8(bytes).ok()?),
        };
        let texts = mine.paragraphs.iter().map(|p| norm(&p.text)).collect();
        let locs = locate(doc, &mine);
        Some(Own {
            doc,
            mine,
            texts,
            locs,
        })
    }

    /// The paper's texts (normalised) and the pairs of paragraphs (ours, theirs) that
    /// read the same, in order.
    fn align(&self, paper: &Paper) -> (Vec<String>, Vec<(usize, usize)>) {
        let b: Vec<String> = paper.paragraphs.iter().map(|p| norm(&p.text)).collect();
        let pairs = lcs(&self.texts, &b);
        (b, pairs)
    }

    /// Whether a paper so aligned is our draft: at least three in five of our paragraphs
    /// stand unchanged in it.
    fn is_ours(&self, pairs: &[(usize, usize)]) -> bool {
        self.texts.len() >= 5 && pairs.len() * 5 >= self.texts.len() * 3
    }

    /// The id of the clause a place of the model is in.
    fn clause_id(&self, loc: Loc) -> String {
        let (p, s, c) = match loc {
            Loc::Heading(p, s, c) | Loc::Block(p, s, c, _, _) => (p, s, c),
        };
        self.doc.parts[p].sections[s].clauses[c].id.clone()
    }

    /// For each paragraph of a paper that is our draft (perhaps edited), the clause of ours
    /// it stands in (by id): a paragraph of ours that is there, or the one before a
    /// paragraph of theirs. `None` when the paper is not our draft.
    pub(crate) fn clauses_of(&self, paper: &Paper) -> Option<Vec<Option<String>>> {
        let (b, pairs) = self.align(paper);
        if !self.is_ours(&pairs) {
            return None;
        }
        let mut out: Vec<Option<String>> = vec![None; b.len()];
        for &(i, j) in &pairs {
            out[j] = self.locs[i].map(|l| self.clause_id(l));
        }
        // Theirs (and ours changed) stand in the clause before them.
        let mut last = None;
        for o in &mut out {
            match o {
                Some(_) => last = o.clone(),
                None => *o = last.clone(),
            }
        }
        Some(out)
    }

    /// What differs between our document and `paper` (their file read with every tracked
    /// change rejected, so that only edits made with Track Changes off are left): per
    /// stretch that differs, our clause (by id), our text and theirs.
    pub(crate) fn untracked(&self, paper: &Paper) -> Vec<(Option<String>, String, String)> {
        let (b, pairs) = self.align(paper);
        let a = &self.texts;
        let mut out = Vec::new();
        let (mut i, mut j) = (0usize, 0usize);
        let mut last: Option<String> = None;
        let join = |ps: &[crate::paper::Paragraph]| {
            ps.iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        };
        for &(pi, pj) in pairs.iter().chain(std::iter::once(&(a.len(), b.len()))) {
            if i < pi || j < pj {
                let clause = (i..pi)
                    .find_map(|k| self.locs[k].map(|l| self.clause_id(l)))
                    .or_else(|| last.clone());
                out.push((
                    clause,
                    join(&self.mine.paragraphs[i..pi]),
                    join(&paper.paragraphs[j..pj]),
                ));
            }
            if pi < a.len()
                && let Some(l) = self.locs[pi]
            {
                last = Some(self.clause_id(l));
            }
            i = pi + 1;
            j = pj + 1;
        }
        out
    }
}

/// Spaces collapsed, quotation marks and apostrophes made straight: what the two
/// readings of one text agree on.
fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['\u{201C}', '\u{201D}'], "\"")
        .replace(['\u{2018}', '\u{2019}'], "'")
}

/// The longest common subsequence of two lists of texts: the pairs of indices.
fn lcs(a: &[String], b: &[String]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    // Lengths of the LCS of a[i..] and b[j..].
    let mut t = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[at(i, j)] = if a[i] == b[j] {
                t[at(i + 1, j + 1)] + 1
            } else {
                t[at(i + 1, j)].max(t[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n && j < m {
        if a[i] == b[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if t[at(i + 1, j)] >= t[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// For each paragraph of our document as read back, where it comes from in the model
/// (the cover, titles, intros and signatures come from no clause: `None`).
fn locate(ours: &Document, mine: &Paper) -> Vec<Option<Loc>> {
    // The model's clause texts, in order.
    let mut slots: Vec<(Loc, String)> = Vec::new();
    for (pi, part) in ours.parts.iter().enumerate() {
        for (si, section) in part.sections.iter().enumerate() {
            for (ci, clause) in section.clauses.iter().enumerate() {
                slots.push((Loc::Heading(pi, si, ci), norm(&clause.title)));
                for (bi, block) in clause.blocks.iter().enumerate() {
                    match block {
                        Block::Paragraph { inlines } => {
                            slots.push((Loc::Block(pi, si, ci, bi, None), norm(&text(inlines))));
                        }
                        Block::List { items, .. } => {
                            for (k, item) in items.iter().enumerate() {
                                let t: Vec<String> = item
                                    .iter()
                                    .filter_map(|b| match b {
                                        Block::Paragraph { inlines } => Some(text(inlines)),
                                        _ => None,
                                    })
                                    .collect();
                                slots.push((
                                    Loc::Block(pi, si, ci, bi, Some(k)),
                                    norm(&t.join(" ")),
                                ));
                            }
                        }
                        Block::Table { header, rows, .. } => {
                            let row = |r: &Vec<Vec<Inline>>| {
                                norm(&r.iter().map(|c| text(c)).collect::<Vec<_>>().join(" | "))
                            };
                            // The head row is no item of ours to change (`None` marks it).
                            slots.push((Loc::Block(pi, si, ci, bi, None), row(header)));
                            for (k, r) in rows.iter().enumerate() {
                                slots.push((Loc::Block(pi, si, ci, bi, Some(k)), row(r)));
                            }
                        }
                        Block::Revised { .. } => {}
                    }
                }
            }
        }
    }
    // In order: each paragraph read back takes the next slot with its text (a few may be
    // skipped: what the writer adds or leaves out).
    let mut out = vec![None; mine.paragraphs.len()];
    let mut cursor = 0;
    for (i, p) in mine.paragraphs.iter().enumerate() {
        let t = norm(&p.text);
        if let Some(k) = (cursor..slots.len().min(cursor + 12)).find(|&k| slots[k].1 == t) {
            // A table's head row stays as it is.
            let head = matches!(slots[k].0, Loc::Block(..)) && p.cells.is_some() && p.header;
            if !head {
                out[i] = Some(slots[k].0);
            }
            cursor = k + 1;
        }
    }
    out
}

/// The plain text of inlines as a reader sees it.
fn text(inlines: &[Inline]) -> String {
    crate::model::plain_text(inlines)
}

/// Our model with their paper's differences put in, clause by clause.
fn apply(
    ours: &Document,
    paper: &Paper,
    edits: &[(Loc, Edit)],
    added: &[(Option<Loc>, Vec<usize>)],
) -> Document {
    use std::collections::HashMap;
    let para = |t: &str| Block::Paragraph {
        inlines: vec![Inline::text(t.to_string())],
    };
    let edit_at: HashMap<Loc, &Edit> = edits.iter().map(|(l, e)| (*l, e)).collect();
    // What they added: after a block (by its clause and index), or at a clause's start.
    let mut after: HashMap<(usize, usize, usize, Option<usize>), Vec<Block>> = HashMap::new();
    for (loc, new) in added {
        let key = match loc {
            Some(Loc::Heading(p, s, c)) => (*p, *s, *c, None),
            Some(Loc::Block(p, s, c, b, _)) => (*p, *s, *c, Some(*b)),
            // Before our first clause (the cover, the titles): not placed.
            None => continue,
        };
        after
            .entry(key)
            .or_default()
            .extend(new.iter().map(|&k| para(&paper.paragraphs[k].text)));
    }
    let mut doc = ours.clone();
    for (pi, part) in doc.parts.iter_mut().enumerate() {
        for (si, section) in part.sections.iter_mut().enumerate() {
            for (ci, clause) in section.clauses.iter_mut().enumerate() {
                if let Some(Edit::Text(t, _)) = edit_at.get(&Loc::Heading(pi, si, ci)) {
                    clause.title = t.clone();
                }
                let mut blocks = after.remove(&(pi, si, ci, None)).unwrap_or_default();
                for (bi, block) in std::mem::take(&mut clause.blocks).into_iter().enumerate() {
                    let at = |sub| edit_at.get(&Loc::Block(pi, si, ci, bi, sub)).copied();
                    match block {
                        Block::Paragraph { ref inlines } => match at(None) {
                            Some(Edit::Gone) => {}
                            Some(Edit::Text(t, _)) => blocks.push(Block::Paragraph {
                                inlines: super::word_diff::graft(inlines, t),
                            }),
                            None => blocks.push(block),
                        },
                        Block::List { ordered, items } => {
                            let items: Vec<Vec<Block>> = items
                                .into_iter()
                                .enumerate()
                                .filter_map(|(k, item)| match at(Some(k)) {
                                    Some(Edit::Gone) => None,
                                    Some(Edit::Text(t, _)) => Some(match item.as_slice() {
                                        [Block::Paragraph { inlines }] => vec![Block::Paragraph {
                                            inlines: super::word_diff::graft(inlines, t),
                                        }],
                                        _ => vec![para(t)],
                                    }),
                                    None => Some(item),
                                })
                                .collect();
                            if !items.is_empty() {
                                blocks.push(Block::List { ordered, items });
                            }
                        }
                        Block::Table {
                            align,
                            header,
                            rows,
                            revisions,
                        } => {
                            let n = header.len();
                            let rows = rows
                                .into_iter()
                                .enumerate()
                                .filter_map(|(k, row)| match at(Some(k)) {
                                    Some(Edit::Gone) => None,
                                    Some(Edit::Text(t, cells)) => Some(match cells {
                                        Some(cs) if cs.len() == n => cs
                                            .iter()
                                            .zip(&row)
                                            .map(|(c, mine)| super::word_diff::graft(mine, c))
                                            .collect(),
                                        _ => {
                                            let mut r = vec![vec![Inline::text(t.clone())]];
                                            r.resize(n, Vec::new());
                                            r
                                        }
                                    }),
                                    None => Some(row),
                                })
                                .collect();
                            blocks.push(Block::Table {
                                align,
                                header,
                                rows,
                                revisions,
                            });
                        }
                        other => blocks.push(other),
                    }
                    if let Some(new) = after.remove(&(pi, si, ci, Some(bi))) {
                        blocks.extend(new);
                    }
                }
                clause.blocks = blocks;
            }
        }
    }
    doc
}
