//! The model diff: our document marked against a baseline document, clause by clause.
//!
//! [`compare`] runs three steps: our parts, sections and clauses, each compared with its
//! counterpart ([`Comparison::mark_ours`]); the baseline's clauses we do not have, deleted
//! where they stood ([`Comparison::delete_theirs`]); the title block ([`marked_meta`]).

use std::collections::{HashMap, HashSet};

use crate::model::{
    Block, Clause, Document, Inline, Meta, Part, Redline, RedlineCounts, Revision, Section,
};

use super::align::{diff_blocks, diff_inlines, revised};

/// A clause of the baseline, where it stands.
#[derive(Debug, Clone, Copy)]
struct At {
    part: usize,
    section: usize,
    clause: usize,
}

/// Our document marked against the baseline document `theirs`; clauses answer to each
/// other by id. `structural`: parts and sections also answer by id (a baseline rendered
/// from a deal). Otherwise (the vendor's paper) only clauses are compared, and whatever is
/// ours alone is inserted — the title block, part and section headings, part intros,
/// signatures, a clause heading the paper words differently — and a clause that stands
/// out of the paper's order is deleted where the paper has it and inserted where ours
/// stands: rejecting every change gives the paper's text, in its order.
pub fn compare(ours: &Document, theirs: &Document, redline: Redline, structural: bool) -> Document {
    let mut cmp = Comparison::new(ours, theirs, structural);
    let mut parts = cmp.mark_ours();
    cmp.delete_theirs(&mut parts);
    if !structural {
        cmp.counts.deleted -= keep_matching_headings(&mut parts);
    }
    let redline = Redline {
        counts: cmp.counts,
        ..redline
    };
    Document {
        id: ours.id.clone(),
        meta: marked_meta(&ours.meta, &theirs.meta, redline, structural),
        parts,
    }
}

/// The two documents, what answers to what, and the counts so far.
struct Comparison<'a> {
    ours: &'a Document,
    theirs: &'a Document,
    structural: bool,
    /// Where each baseline clause stands.
    their_at: HashMap<&'a str, At>,
    /// The ids of our clauses.
    our_ids: HashSet<&'a str>,
    /// Clauses in both that do not keep their order.
    moved: HashSet<&'a str>,
    counts: RedlineCounts,
}

impl<'a> Comparison<'a> {
    fn new(ours: &'a Document, theirs: &'a Document, structural: bool) -> Self {
        let their_at = theirs
            .parts
            .iter()
            .enumerate()
            .flat_map(|(p, part)| {
                part.sections.iter().enumerate().flat_map(move |(s, sec)| {
                    sec.clauses.iter().enumerate().map(move |(c, cl)| {
                        (
                            cl.id.as_str(),
                            At {
                                part: p,
                                section: s,
                                clause: c,
                            },
                        )
                    })
                })
            })
            .collect();
        let our_ids = ours
            .parts
            .iter()
            .flat_map(|p| p.sections.iter().flat_map(|s| &s.clauses))
            .map(|c| c.id.as_str())
            .collect();
        Comparison {
            ours,
            theirs,
            structural,
            their_at,
            our_ids,
            moved: moved_clauses(ours, theirs),
            counts: RedlineCounts::default(),
        }
    }

    /// Our document, each part, section and clause compared with its counterpart.
    fn mark_ours(&mut self) -> Vec<Part> {
        let ours = self.ours;
        ours.parts.iter().map(|p| self.mark_part(p)).collect()
    }

    fn mark_part(&mut self, p: &Part) -> Part {
        let their_part = self.theirs.parts.iter().find(|t| t.id == p.id);
        // Against paper, every part of ours is new: the paper has none of our structure.
        let part_new = !self.structural || their_part.is_none();
        let mut changed = false;
        let intro = match their_part {
            Some(t) => diff_blocks(&t.intro, &p.intro, &mut changed),
            None if part_new && !p.intro.is_empty() => {
                vec![revised(Revision::Inserted, p.intro.clone())]
            }
            None => p.intro.clone(),
        };
        let sections = p
            .sections
            .iter()
            .map(|s| self.mark_section(s, their_part))
            .collect();
        let signature = match (their_part.and_then(|t| t.signature.as_ref()), &p.signature) {
            (Some(t), Some(o)) => {
                let mut sig = o.clone();
                for (k, (_, name)) in sig.parties.iter_mut().enumerate() {
                    if let Some((_, tn)) = t.parties.get(k) {
                        *name = diff_inlines(tn, name, &mut changed);
                    }
                }
                Some(sig)
            }
            (_, o) => o.clone().map(|mut sig| {
                if part_new {
                    sig.revision = Some(Revision::Inserted);
                }
                sig
            }),
        };
        Part {
            intro,
            sections,
            signature,
            revision: part_new.then_some(Revision::Inserted),
            ..p.clone()
        }
    }

    fn mark_section(&mut self, s: &Section, their_part: Option<&Part>) -> Section {
        let sec_new = !self.structural
            || !their_part.is_some_and(|t| t.sections.iter().any(|ts| ts.id == s.id));
        Section {
            clauses: s.clauses.iter().map(|c| self.mark_clause(c)).collect(),
            revision: sec_new.then_some(Revision::Inserted),
            ..s.clone()
        }
    }

    fn mark_clause(&mut self, c: &Clause) -> Clause {
        let moved = self.moved.contains(c.id.as_str());
        match self.their_at.get(c.id.as_str()) {
            // Against paper, a clause out of the paper's order is inserted here and the
            // paper's text deleted where it stood.
            Some(_) if !self.structural && moved => {
                self.counts.moved += 1;
                whole_clause(c, Revision::Inserted)
            }
            Some(at) => {
                let theirs = &self.theirs.parts[at.part].sections[at.section].clauses[at.clause];
                let mut changed = false;
                let blocks = diff_blocks(&theirs.blocks, &c.blocks, &mut changed);
                let title_was = (!self.structural && !same_words(&theirs.title, &c.title))
                    .then(|| theirs.title.clone());
                if moved {
                    self.counts.moved += 1;
                } else if changed || title_was.is_some() {
                    self.counts.changed += 1;
                } else {
                    self.counts.unchanged += 1;
                }
                Clause {
                    blocks,
                    title_was,
                    ..c.clone()
                }
            }
            None => {
                self.counts.inserted += 1;
                whole_clause(c, Revision::Inserted)
            }
        }
    }

    /// The baseline's clauses we do not have, deleted where they stood: after the clause
    /// of ours that answers to the nearest clause before them.
    fn delete_theirs(&mut self, parts: &mut Vec<Part>) {
        let theirs = self.theirs;
        let mut after = After::Start;
        for part in &theirs.parts {
            let our_part = parts.iter().position(|p| p.id == part.id);
            if self.structural && our_part.is_none() {
                // A part we do not have: deleted whole, after the part of the last anchor.
                let at = after.part().map_or(parts.len().min(1), |p| p + 1);
                parts.insert(at, self.deleted_part(part));
                after = After::Part(at);
                continue;
            }
            for sec in &part.sections {
                for c in &sec.clauses {
                    let out_of_order = !self.structural && self.moved.contains(c.id.as_str());
                    if !out_of_order && let Some((p, s, i)) = locate(parts, &c.id) {
                        after = After::Clause(p, s, i);
                        continue;
                    }
                    if !out_of_order {
                        self.counts.deleted += 1;
                    }
                    // In the clause's own part if we have it, else where the last anchor is.
                    let target = our_part.or(after.part()).unwrap_or(0);
                    if let Some(tpart) = parts.get_mut(target) {
                        let mut deleted = whole_clause(c, Revision::Deleted);
                        if out_of_order {
                            // Its id is ours, inserted elsewhere: references go there.
                            deleted.id = format!("{}:as-it-stood", c.id);
                        }
                        after = place_deleted(tpart, target, after, sec, deleted, self.structural);
                    }
                }
            }
        }
    }

    /// A baseline part we do not have, deleted whole (less the clauses we have elsewhere).
    fn deleted_part(&mut self, part: &Part) -> Part {
        let mut deleted = part.clone();
        deleted.revision = Some(Revision::Deleted);
        deleted.intro = whole_blocks(&part.intro, Revision::Deleted);
        for s in &mut deleted.sections {
            s.revision = Some(Revision::Deleted);
            s.clauses.retain(|c| !self.our_ids.contains(c.id.as_str()));
            for c in &mut s.clauses {
                self.counts.deleted += 1;
                *c = whole_clause(c, Revision::Deleted);
            }
        }
        deleted
    }
}

/// Our title block marked against the baseline's, carrying the redline's counts.
fn marked_meta(ours: &Meta, theirs: &Meta, redline: Redline, structural: bool) -> Meta {
    let mut meta = ours.clone();
    meta.subtitle = diff_inlines(&theirs.subtitle, &ours.subtitle, &mut false);
    meta.rows = meta_rows(&theirs.rows, &ours.rows);
    meta.redline = Some(redline);
    if !structural {
        meta.revision = Some(Revision::Inserted);
    }
    meta
}

/// Whether two headings read the same, spaces aside.
fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// Against paper: a heading of the paper with nothing under it, deleted just before or
/// just after the heading of one of our sections that reads the same, is that heading —
/// the section's heading stays unmarked and the deleted copy goes. Returns how many went.
fn keep_matching_headings(parts: &mut [Part]) -> usize {
    let bare = |c: &Clause, title: &str| {
        c.revision == Some(Revision::Deleted)
            && c.blocks.is_empty()
            && c.id.starts_with("paper:")
            && same_words(&c.title, title)
    };
    let mut gone = 0;
    for part in parts.iter_mut() {
        for si in 0..part.sections.len() {
            let title = part.sections[si].title.clone();
            if part.sections[si].revision != Some(Revision::Inserted) {
                continue;
            }
            let first = part.sections[si]
                .clauses
                .first()
                .is_some_and(|c| bare(c, &title));
            let before = si > 0
                && part.sections[si - 1]
                    .clauses
                    .last()
                    .is_some_and(|c| bare(c, &title));
            if first {
                part.sections[si].clauses.remove(0);
            } else if before {
                part.sections[si - 1].clauses.pop();
            } else {
                continue;
            }
            part.sections[si].revision = None;
            gone += 1;
        }
    }
    gone
}

/// Where the last baseline clause seen stands in our document: the next clause the
/// baseline alone has is deleted after it.
#[derive(Debug, Clone, Copy)]
enum After {
    /// Nothing yet: the start of the document.
    Start,
    /// A part deleted whole, at this index.
    Part(usize),
    /// A clause: part, section and index.
    Clause(usize, usize, usize),
}

impl After {
    fn part(self) -> Option<usize> {
        match self {
            After::Start => None,
            After::Part(p) | After::Clause(p, _, _) => Some(p),
        }
    }

    /// The section and index of the anchor clause, if it stands in part `part`.
    fn clause_in(self, part: usize) -> Option<(usize, usize)> {
        match self {
            After::Clause(p, s, i) if p == part => Some((s, i)),
            _ => None,
        }
    }
}

/// Puts a clause the baseline alone has, deleted whole, into our part `part` (number
/// `index`) after `after`: into its own section if we have it; against a deal, into a
/// deleted section of its own if we do not; against paper, after the anchor clause.
/// Returns where it now stands.
fn place_deleted(
    part: &mut Part,
    index: usize,
    after: After,
    section: &Section,
    deleted: Clause,
    structural: bool,
) -> After {
    let own = structural
        .then(|| part.sections.iter().position(|s| s.id == section.id))
        .flatten();
    if let Some(si) = own {
        let at = match after.clause_in(index) {
            Some((s, i)) if s == si => i + 1,
            _ => 0,
        };
        part.sections[si].clauses.insert(at, deleted);
        return After::Clause(index, si, at);
    }
    if structural {
        // Its section is gone too: a deleted section after the anchor's (or the one made
        // for the clause before it).
        let si = after.clause_in(index).map_or(0, |(s, _)| s + 1);
        if si > 0
            && let Some(s) = part.sections.get_mut(si - 1)
            && s.id == section.id
            && s.revision == Some(Revision::Deleted)
        {
            s.clauses.push(deleted);
            return After::Clause(index, si - 1, s.clauses.len() - 1);
        }
        let si = si.min(part.sections.len());
        part.sections.insert(
            si,
            Section {
                clauses: vec![deleted],
                revision: Some(Revision::Deleted),
                ..section.clone()
            },
        );
        return After::Clause(index, si, 0);
    }
    // Paper: after the anchor clause, wherever it stands.
    let (si, at) = after.clause_in(index).map_or((0, 0), |(s, i)| (s, i + 1));
    match part.sections.get_mut(si) {
        Some(s) => {
            let at = at.min(s.clauses.len());
            s.clauses.insert(at, deleted);
            After::Clause(index, si, at)
        }
        None => {
            part.sections.push(Section {
                id: "baseline".into(),
                number: String::new(),
                title: String::new(),
                clauses: vec![deleted],
                revision: None,
            });
            After::Clause(index, part.sections.len() - 1, 0)
        }
    }
}

/// Where a clause of ours stands in `parts`: (part, section, index).
fn locate(parts: &[Part], id: &str) -> Option<(usize, usize, usize)> {
    parts.iter().enumerate().find_map(|(p, part)| {
        part.sections.iter().enumerate().find_map(|(s, sec)| {
            sec.clauses
                .iter()
                .position(|c| c.id == id && c.revision != Some(Revision::Deleted))
                .map(|c| (p, s, c))
        })
    })
}

/// Clauses in both documents that do not keep their order: the ones outside the longest
/// common sequence of the ids both have.
fn moved_clauses<'a>(ours: &'a Document, theirs: &Document) -> HashSet<&'a str> {
    let ids = |d: &Document| -> Vec<String> {
        d.parts
            .iter()
            .flat_map(|p| p.sections.iter().flat_map(|s| &s.clauses))
            .map(|c| c.id.clone())
            .collect()
    };
    let (o, t) = (ids(ours), ids(theirs));
    let (os, ts): (HashSet<&String>, HashSet<&String>) = (o.iter().collect(), t.iter().collect());
    let o: Vec<&String> = o.iter().filter(|i| ts.contains(i)).collect();
    let t: Vec<&String> = t.iter().filter(|i| os.contains(i)).collect();
    let mut in_order = HashSet::new();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &t, &o) {
        if let similar::DiffOp::Equal { new_index, len, .. } = op {
            for id in o.iter().skip(new_index).take(len) {
                in_order.insert(id.as_str());
            }
        }
    }
    ours.parts
        .iter()
        .flat_map(|p| p.sections.iter().flat_map(|s| &s.clauses))
        .map(|c| c.id.as_str())
        .filter(|id| ts.contains(&id.to_string()) && !in_order.contains(id))
        .collect()
}

/// A clause inserted or deleted whole: its heading marked and its body one revised block.
fn whole_clause(c: &Clause, rev: Revision) -> Clause {
    Clause {
        blocks: whole_blocks(&c.blocks, rev),
        revision: Some(rev),
        ..c.clone()
    }
}

fn whole_blocks(blocks: &[Block], rev: Revision) -> Vec<Block> {
    if blocks.is_empty() {
        Vec::new()
    } else {
        vec![revised(rev, blocks.to_vec())]
    }
}

/// Title-block rows aligned by label; a row only the baseline has is shown deleted.
fn meta_rows(
    theirs: &[(String, Vec<Inline>)],
    ours: &[(String, Vec<Inline>)],
) -> Vec<(String, Vec<Inline>)> {
    let mut out: Vec<(String, Vec<Inline>)> = Vec::new();
    for (label, value) in ours {
        let v = match theirs.iter().find(|(l, _)| l == label) {
            Some((_, tv)) => diff_inlines(tv, value, &mut false),
            None => vec![Inline::Ins {
                content: value.clone(),
            }],
        };
        out.push((label.clone(), v));
    }
    for (i, (label, value)) in theirs.iter().enumerate() {
        if !ours.iter().any(|(l, _)| l == label) {
            out.insert(
                i.min(out.len()),
                (
                    label.clone(),
                    vec![Inline::Del {
                        content: value.clone(),
                    }],
                ),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meta, PaperSize};

    fn clause(id: &str, text: &str) -> Clause {
        Clause {
            id: id.into(),
            number: String::new(),
            title: id.to_uppercase(),
            blocks: vec![Block::Paragraph {
                inlines: vec![Inline::text(text)],
            }],
            revision: None,
            title_was: None,
        }
    }

    fn doc(sections: Vec<(&str, Vec<Clause>)>) -> Document {
        Document {
            id: "sow".into(),
            meta: Meta {
                title: "T".into(),
                subtitle: vec![],
                short_title: "T".into(),
                rows: vec![],
                status: None,
                deal_id: "d".into(),
                date: None,
                paper: PaperSize::A4,
                redline: None,
                revision: None,
                plain_headings: false,
            },
            parts: vec![Part {
                id: "sow".into(),
                label: None,
                title: "T".into(),
                intro: vec![],
                sections: sections
                    .into_iter()
                    .map(|(id, clauses)| Section {
                        id: id.into(),
                        number: String::new(),
                        title: id.into(),
                        clauses,
                        revision: None,
                    })
                    .collect(),
                signature: None,
                revision: None,
            }],
        }
    }

    fn info() -> Redline {
        Redline {
            against: "b".into(),
            author: "a".into(),
            counts: RedlineCounts::default(),
            terms: vec![],
            notes: vec![],
        }
    }

    /// (section id, its clauses with their marks, the section's mark).
    type Shape = Vec<(String, Vec<(String, Option<Revision>)>, Option<Revision>)>;

    fn shape(d: &Document) -> Shape {
        d.parts[0]
            .sections
            .iter()
            .map(|s| {
                (
                    s.id.clone(),
                    s.clauses
                        .iter()
                        .map(|c| (c.id.clone(), c.revision))
                        .collect(),
                    s.revision,
                )
            })
            .collect()
    }

    #[test]
    fn clauses_align_by_id_moved_ones_once_where_they_stand() {
        let ours = doc(vec![(
            "s1",
            vec![clause("a", "x"), clause("b", "y"), clause("c", "z")],
        )]);
        let theirs = doc(vec![(
            "s1",
            vec![clause("b", "y"), clause("a", "x"), clause("d", "w")],
        )]);
        let r = compare(&ours, &theirs, info(), true);
        let c = r.meta.redline.as_ref().unwrap().counts;
        assert_eq!(
            (c.moved, c.inserted, c.deleted, c.unchanged, c.changed),
            (1, 1, 1, 1, 0)
        );
        // d stood after a in the baseline: it is deleted there; c is inserted.
        assert_eq!(
            shape(&r),
            vec![(
                "s1".into(),
                vec![
                    ("a".into(), None),
                    ("d".into(), Some(Revision::Deleted)),
                    ("b".into(), None),
                    ("c".into(), Some(Revision::Inserted)),
                ],
                None
            )]
        );
    }

    /// Against paper: a clause out of the paper's order is deleted where the paper has it
    /// and inserted where ours stands; a heading worded differently shows both; a bare
    /// heading of the paper that reads as our section's heading is that heading; and all our
    /// structure (title block, sections) is inserted.
    #[test]
    fn against_paper_rejecting_every_change_leaves_the_papers_order() {
        let ours = doc(vec![
            ("s1", vec![clause("a", "x"), clause("b", "y")]),
            ("s2", vec![clause("c", "z")]),
        ]);
        let mut heading = clause("paper:2", "");
        heading.title = "s2".into();
        heading.blocks.clear();
        let mut b = clause("b", "y");
        b.title = "Their B".into();
        // The paper: b (retitled), a bare "s2" heading, c, then a.
        let theirs = doc(vec![(
            "paper",
            vec![b, heading, clause("c", "z"), clause("a", "x")],
        )]);
        let r = compare(&ours, &theirs, info(), false);
        assert_eq!(r.meta.revision, Some(Revision::Inserted));
        assert_eq!(
            shape(&r),
            vec![
                (
                    "s1".into(),
                    vec![("a".into(), Some(Revision::Inserted)), ("b".into(), None)],
                    Some(Revision::Inserted)
                ),
                // The bare heading "s2" is the heading of s2: neither inserted nor deleted;
                // a stood after c in the paper, and is deleted there.
                (
                    "s2".into(),
                    vec![
                        ("c".into(), None),
                        ("a:as-it-stood".into(), Some(Revision::Deleted))
                    ],
                    None
                ),
            ]
        );
        let b = &r.parts[0].sections[0].clauses[1];
        assert_eq!(b.title_was.as_deref(), Some("Their B"));
        let c = r.meta.redline.unwrap().counts;
        assert_eq!(
            (c.moved, c.changed, c.unchanged, c.deleted, c.inserted),
            (1, 1, 1, 0, 0)
        );
    }

    #[test]
    fn a_section_only_the_baseline_has_is_deleted_whole_where_it_stood() {
        let ours = doc(vec![
            ("s1", vec![clause("a", "x")]),
            ("s3", vec![clause("c", "z")]),
        ]);
        let theirs = doc(vec![
            ("s1", vec![clause("a", "x")]),
            ("s2", vec![clause("b", "y"), clause("b2", "y2")]),
            ("s3", vec![clause("c", "z changed")]),
        ]);
        let r = compare(&ours, &theirs, info(), true);
        assert_eq!(
            shape(&r),
            vec![
                ("s1".into(), vec![("a".into(), None)], None),
                (
                    "s2".into(),
                    vec![
                        ("b".into(), Some(Revision::Deleted)),
                        ("b2".into(), Some(Revision::Deleted))
                    ],
                    Some(Revision::Deleted)
                ),
                ("s3".into(), vec![("c".into(), None)], None),
            ]
        );
        let c = r.meta.redline.unwrap().counts;
        assert_eq!((c.changed, c.deleted, c.unchanged), (1, 2, 1));
    }
}
