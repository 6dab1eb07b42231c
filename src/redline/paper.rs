//! A vendor's paper as a baseline: its paragraphs grouped under their headings, and each
//! group aligned with a clause of ours — by subject (the deal fields read from it against
//! those each clause carries), then by heading text, then by heading number and a like
//! title, then by how alike the text is (word-set overlap of at least [`SIMILAR`]). Tables
//! stay tables, compared row by row. Groups that answer to none of our clauses are deleted
//! where they stood.

use std::collections::{HashMap, HashSet};

use super::align::SIMILAR;
use super::word_diff::{Words, similarity};
use crate::model::{Block, Clause, Document, Inline, Part, Section};
use crate::paper::Paper;

/// A heading of the paper and the paragraphs under it (indices into its paragraphs).
pub struct Unit {
    /// The heading, if any (the text before the first heading has none).
    pub heading: Option<usize>,
    /// The paragraphs under it.
    pub body: Vec<usize>,
}

/// What the paper's sections are about, for aligning them with our clauses by subject: the
/// deal fields [`crate::intake`] read from each paragraph, and the fields each clause of
/// ours reads from the deal.
#[derive(Debug, Clone, Default)]
pub struct Subjects {
    /// Per paragraph of the paper: the fields read from it.
    pub fields: Vec<Vec<String>>,
    /// Per clause id: the fields its text reads.
    pub reads: HashMap<String, Vec<String>>,
}

impl Subjects {
    /// The subjects of a paper read by intake, and of the library's clauses.
    pub fn new(
        paper: &Paper,
        intake: &crate::intake::Intake,
        library: &crate::Library,
    ) -> Subjects {
        let mut fields = vec![Vec::new(); paper.paragraphs.len()];
        for f in &intake.found {
            if let Some(v) = fields.get_mut(f.para) {
                v.push(f.field.clone());
            }
        }
        // Only a field read by name says what a clause is about: not a whole section
        // (`sla`, read to test whether there is one) nor a key looked up at run time.
        let reads = library
            .clauses()
            .filter_map(|c| {
                library.reads(c).map(|r| {
                    (
                        c.meta.id.clone(),
                        r.iter()
                            .filter(|p| p.len() >= 2 && !p.iter().any(|k| k == "?"))
                            .map(|p| p.join("."))
                            .collect::<Vec<_>>(),
                    )
                })
            })
            .collect();
        Subjects { fields, reads }
    }
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn set_of(s: &str) -> HashSet<u64> {
    Words::of(&[Inline::text(s)]).set()
}

/// The paper's headings and the paragraphs under each.
pub fn units(paper: &Paper) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    for (i, p) in paper.paragraphs.iter().enumerate() {
        if p.heading.is_some() || units.is_empty() {
            units.push(Unit {
                heading: p.heading.map(|_| i),
                body: Vec::new(),
            });
            if p.heading.is_some() {
                continue;
            }
        }
        if let Some(u) = units.last_mut() {
            u.body.push(i);
        }
    }
    units
}

/// Each unit's clause of ours (an index into `clauses`): first by subject — the deal
/// fields read from the unit against the fields each clause reads, a field counting for
/// less the more clauses read it —, then by heading text, then by heading number and a
/// like title, then by like text.
pub fn align_units(
    paper: &Paper,
    units: &[Unit],
    clauses: &[&Clause],
    subjects: Option<&Subjects>,
) -> Vec<Option<usize>> {
    let mut taken = vec![false; clauses.len()];
    let mut matched: Vec<Option<usize>> = vec![None; units.len()];
    fn claim(u: usize, c: usize, matched: &mut [Option<usize>], taken: &mut [bool]) {
        taken[c] = true;
        matched[u] = Some(c);
    }
    let our_sets: Vec<HashSet<u64>> = clauses
        .iter()
        .map(|c| {
            let mut set = HashSet::new();
            for b in &c.blocks {
                b.for_each_inlines(&mut |xs| set.extend(Words::of(xs).set()));
            }
            set
        })
        .collect();
    let unit_sets: Vec<HashSet<u64>> = units
        .iter()
        .map(|u| {
            u.body
                .iter()
                .flat_map(|&i| set_of(&paper.paragraphs[i].text))
                .collect::<HashSet<u64>>()
        })
        .collect();
    // 0. By subject: the fields read from the unit against those each clause reads, as
    //    vectors weighted by how few clauses read each field (cosine), and of clauses
    //    alike in that, the one whose text and heading are more alike.
    if let Some(sub) = subjects {
        let reads_of = |c: &Clause| sub.reads.get(&c.id).map(Vec::as_slice).unwrap_or_default();
        let covers = |field: &str, r: &str| field == r || field.starts_with(&format!("{r}."));
        let n = clauses.len().max(1) as f64;
        let idf = |f: &str| {
            let k = clauses
                .iter()
                .filter(|c| reads_of(c).iter().any(|r| covers(f, r) || covers(r, f)))
                .count()
                .max(1) as f64;
            (n / k).ln() + 1.0
        };
        let norm_of = |fs: &mut dyn Iterator<Item = f64>| fs.map(|w| w * w).sum::<f64>().sqrt();
        // Each field's weight once (it walks every clause's reads), each clause's norm once.
        let mut weights: HashMap<&str, f64> = HashMap::new();
        for r in clauses.iter().flat_map(|c| reads_of(c)) {
            weights.entry(r.as_str()).or_insert_with(|| idf(r));
        }
        for i in units
            .iter()
            .flat_map(|u| u.body.iter().chain(u.heading.iter()))
        {
            for f in sub.fields.get(*i).into_iter().flatten() {
                weights.entry(f.as_str()).or_insert_with(|| idf(f));
            }
        }
        let idf = |f: &str| weights.get(f).copied().unwrap_or_else(|| idf(f));
        let clause_norms: Vec<f64> = clauses
            .iter()
            .map(|c| norm_of(&mut reads_of(c).iter().map(|r| idf(r))))
            .collect();
        // Headings, normalised and as word sets, once.
        let clause_titles: Vec<(String, HashSet<u64>)> = clauses
            .iter()
            .map(|c| (norm(&c.title), set_of(&c.title)))
            .collect();
        let unit_titles: Vec<(String, HashSet<u64>)> = units
            .iter()
            .map(|u| {
                let t = u.heading.map_or("", |h| paper.paragraphs[h].text.as_str());
                (norm(t), set_of(t))
            })
            .collect();
        let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
        for (u, unit) in units.iter().enumerate() {
            let mut fields: Vec<&String> = unit
                .body
                .iter()
                .chain(unit.heading.iter())
                .flat_map(|&i| sub.fields.get(i).into_iter().flatten())
                .collect();
            fields.sort();
            fields.dedup();
            if fields.is_empty() {
                continue;
            }
            let unit_norm = norm_of(&mut fields.iter().map(|f| idf(f)));
            for (c, clause) in clauses.iter().enumerate() {
                let reads = reads_of(clause);
                let shared: f64 = fields
                    .iter()
                    .filter(|f| reads.iter().any(|r| covers(f, r)))
                    .map(|f| idf(f).powi(2))
                    .sum();
                if shared == 0.0 {
                    continue;
                }
                let clause_norm = clause_norms[c];
                let cosine = shared / (unit_norm * clause_norm).max(f64::EPSILON);
                // The same heading counts as much as the subject.
                let title = unit.heading.map_or(0.0, |_| {
                    let (ours, theirs) = (&clause_titles[c], &unit_titles[u]);
                    if ours.0 == theirs.0 {
                        4.0
                    } else {
                        similarity(&ours.1, &theirs.1)
                    }
                });
                let text = similarity(&unit_sets[u], &our_sets[c]);
                candidates.push((cosine + 0.5 * text + 0.25 * title, u, c));
            }
        }
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (_, u, c) in candidates {
            if matched[u].is_none() && !taken[c] {
                claim(u, c, &mut matched, &mut taken);
            }
        }
    }
    let heading = |u: &Unit| u.heading.map(|i| &paper.paragraphs[i]);
    // 1. The same heading text.
    for (u, unit) in units.iter().enumerate() {
        let (Some(h), None) = (heading(unit), matched[u]) else {
            continue;
        };
        let t = norm(&h.text);
        if let Some(c) = (0..clauses.len()).find(|&c| !taken[c] && norm(&clauses[c].title) == t) {
            claim(u, c, &mut matched, &mut taken);
        }
    }
    // 2. The same number and a like title.
    for (u, unit) in units.iter().enumerate() {
        let (Some(h), None) = (heading(unit), matched[u]) else {
            continue;
        };
        let Some(n) = &h.number else { continue };
        if let Some(c) = (0..clauses.len()).find(|&c| {
            !taken[c]
                && &clauses[c].number == n
                && similarity(&set_of(&clauses[c].title), &set_of(&h.text)) >= SIMILAR
        }) {
            claim(u, c, &mut matched, &mut taken);
        }
    }
    // 3. Like text, best pairs first.
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (u, set) in unit_sets.iter().enumerate() {
        if matched[u].is_some() || set.is_empty() {
            continue;
        }
        for (c, cs) in our_sets.iter().enumerate() {
            if taken[c] {
                continue;
            }
            let sim = similarity(set, cs);
            if sim >= SIMILAR {
                candidates.push((sim, u, c));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, u, c) in candidates {
        if matched[u].is_none() && !taken[c] {
            claim(u, c, &mut matched, &mut taken);
        }
    }
    matched
}

/// The paper as a document whose clauses carry the id of the clause of ours each answers
/// to (`paper:N` for none), in the paper's order, for [`super::compare`]. `keep`: the
/// units (by index) that belong to this document (a paper split across several of ours);
/// the others are left out, not deleted.
pub fn as_baseline(
    paper: &Paper,
    ours: &Document,
    subjects: Option<&Subjects>,
    keep: &dyn Fn(usize) -> bool,
) -> Document {
    let units = units(paper);
    // Our clauses.
    let clauses: Vec<&Clause> = ours
        .parts
        .iter()
        .flat_map(|p| p.sections.iter().flat_map(|s| &s.clauses))
        .collect();
    let matched = align_units(paper, &units, &clauses, subjects);

    let mut out_clauses = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        if !keep(u) {
            continue;
        }
        // Paragraphs; each run of list items as one list; each run of rows as one table.
        let mut blocks: Vec<Block> = Vec::new();
        for &i in &unit.body {
            let p = &paper.paragraphs[i];
            if let Some(cells) = &p.cells {
                let row: Vec<Vec<Inline>> = cells
                    .iter()
                    .map(|c| vec![Inline::text(c.clone())])
                    .collect();
                match blocks.last_mut() {
                    Some(Block::Table { rows, .. }) if !p.header => rows.push(row),
                    _ => blocks.push(Block::Table {
                        align: vec![crate::model::Align::Left; row.len()],
                        header: row,
                        rows: Vec::new(),
                        revisions: Vec::new(),
                    }),
                }
                continue;
            }
            let para = Block::Paragraph {
                inlines: vec![Inline::text(p.text.clone())],
            };
            match blocks.last_mut() {
                Some(Block::List { items, .. }) if p.list => items.push(vec![para]),
                _ if p.list => blocks.push(Block::List {
                    ordered: false,
                    items: vec![vec![para]],
                }),
                _ => blocks.push(para),
            }
        }
        let (number, title) = unit
            .heading
            .map(|i| &paper.paragraphs[i])
            .map_or((String::new(), String::new()), |h| {
                (h.number.clone().unwrap_or_default(), h.text.clone())
            });
        // A heading with nothing under it is the paper's text too: deleted where it
        // stands, unless it is the heading of one of our sections (see `super::compare`).
        let id = match matched[u] {
            Some(c) => clauses[c].id.clone(),
            None => format!("paper:{}", u + 1),
        };
        out_clauses.push(Clause {
            id,
            number,
            title,
            blocks,
            revision: None,
            title_was: None,
        });
    }
    Document {
        id: ours.id.clone(),
        meta: ours.meta.clone(),
        parts: vec![Part {
            id: "paper".into(),
            label: None,
            title: paper.name.clone(),
            intro: Vec::new(),
            sections: vec![Section {
                id: "paper".into(),
                number: String::new(),
                title: String::new(),
                clauses: out_clauses,
                revision: None,
            }],
            signature: None,
            revision: None,
        }],
    }
}
