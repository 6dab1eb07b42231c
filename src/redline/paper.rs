//! A vendor's paper as a baseline: its paragraphs grouped under their headings, and each
//! group aligned with a clause of ours — by heading text, then by heading number and a
//! like title, then by how alike the text is (word-set overlap of at least
//! [`SIMILAR`]). Groups that answer to none of our clauses are deleted where they stood.

use std::collections::HashSet;

use super::align::SIMILAR;
use super::words::{Words, similarity};
use crate::model::{Block, Clause, Document, Inline, Part, Section};
use crate::paper::{Paper, Paragraph};

/// A heading of the paper and the paragraphs under it.
struct Unit<'a> {
    heading: Option<&'a Paragraph>,
    body: Vec<&'a Paragraph>,
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

/// The paper as a document whose clauses carry the id of the clause of ours each answers
/// to (`paper:N` for none), in the paper's order, for [`super::compare`].
pub fn as_baseline(paper: &Paper, ours: &Document) -> Document {
    let mut units: Vec<Unit> = Vec::new();
    for p in &paper.paragraphs {
        if p.heading.is_some() || units.is_empty() {
            units.push(Unit {
                heading: p.heading.map(|_| p),
                body: Vec::new(),
            });
            if p.heading.is_some() {
                continue;
            }
        }
        if let Some(u) = units.last_mut() {
            u.body.push(p);
        }
    }
    // Our clauses, and our section and part titles (a paper heading that only repeats one
    // of them is not a clause of its own).
    let clauses: Vec<&Clause> = ours
        .parts
        .iter()
        .flat_map(|p| p.sections.iter().flat_map(|s| &s.clauses))
        .collect();
    let our_headings: HashSet<String> = ours
        .parts
        .iter()
        .flat_map(|p| {
            std::iter::once(norm(&p.title)).chain(p.sections.iter().map(|s| norm(&s.title)))
        })
        .collect();
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
    let mut taken = vec![false; clauses.len()];
    let mut matched: Vec<Option<usize>> = vec![None; units.len()];
    fn claim(u: usize, c: usize, matched: &mut [Option<usize>], taken: &mut [bool]) {
        taken[c] = true;
        matched[u] = Some(c);
    }
    // 1. The same heading text.
    for (u, unit) in units.iter().enumerate() {
        let Some(h) = unit.heading else { continue };
        let t = norm(&h.text);
        if let Some(c) = (0..clauses.len()).find(|&c| !taken[c] && norm(&clauses[c].title) == t) {
            claim(u, c, &mut matched, &mut taken);
        }
    }
    // 2. The same number and a like title.
    for (u, unit) in units.iter().enumerate() {
        let (Some(h), None) = (unit.heading, matched[u]) else {
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
    let unit_sets: Vec<HashSet<u64>> = units
        .iter()
        .map(|u| {
            u.body
                .iter()
                .flat_map(|p| set_of(&p.text))
                .collect::<HashSet<u64>>()
        })
        .collect();
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

    let mut out_clauses = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        // Paragraphs, and each run of list items as one list.
        let mut blocks: Vec<Block> = Vec::new();
        for p in &unit.body {
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
        let (number, title) = unit.heading.map_or((String::new(), String::new()), |h| {
            (h.number.clone().unwrap_or_default(), h.text.clone())
        });
        let id = match matched[u] {
            Some(c) => clauses[c].id.clone(),
            // A heading that repeats one of our headings, with nothing under it.
            None if blocks.is_empty() && our_headings.contains(&norm(&title)) => continue,
            None => format!("paper:{}", u + 1),
        };
        out_clauses.push(Clause {
            id,
            number,
            title,
            blocks,
            revision: None,
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
