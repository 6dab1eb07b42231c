//! The defined-terms lint: in the whole document set, a term is defined exactly once,
//! defined where its clause declares it, used somewhere besides its definition, and never
//! used where no included clause defines it. Deal values are not scanned (a customer
//! called "Downtime Ltd" does not use a term).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::library::cache::{Render, TermsIn};
use crate::library::{DocTemplate, Library};
use crate::model::{Block, Inline, Part, walk_inlines};

/// Runs the lint over the assembled parts. `renders` are the clauses' renders: what a
/// clause defines and uses is read from its render once (a render kept between documents
/// is read once for all of them), not from its blocks each time.
pub fn lint<'a>(
    parts: &'a [Part],
    docs: &[&'a DocTemplate],
    library: &'a Library,
    renders: &FxHashMap<String, Arc<Render>>,
    problems: &mut Diagnostics,
) {
    // Every term the library knows, and who declares it. Everything here borrows from the
    // library and the parts: the lint runs once per document set, a batch's thousand times.
    let mut declared_by: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let declarers = library
        .clauses()
        .map(|c| (&c.meta.id, &c.meta.defines))
        .chain(docs.iter().map(|d| (&d.meta.id, &d.meta.defines)));
    for (id, defines) in declarers {
        for t in defines {
            declared_by
                .entry(t.as_str())
                .or_default()
                .insert(id.as_str());
        }
    }
    let known = Terms::new(declared_by.keys().copied().collect());

    let mut definitions: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let mut uses: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut owners_declares: BTreeMap<&str, &[String]> = BTreeMap::new();

    for p in parts {
        let declares = docs
            .iter()
            .find(|d| d.meta.id == p.id)
            .map(|d| d.meta.defines.as_slice());
        owners_declares.insert(&p.id, declares.unwrap_or_default());
        for c in p.sections.iter().flat_map(|s| &s.clauses) {
            let declares = library.clause(&c.id).map(|x| x.meta.defines.as_slice());
            owners_declares.insert(&c.id, declares.unwrap_or_default());
        }
        let mut note = |owner: &'a str, t: &TermsIn| {
            for term in &t.defines {
                definitions.entry(term.clone()).or_default().push(owner);
            }
            for term in &t.uses {
                // Keyed by the library's own spelling of the term, which outlives this call.
                if let Some((&k, _)) = declared_by.get_key_value(term.as_str()) {
                    uses.entry(k).or_default().insert(owner);
                }
            }
        };
        // As `Part::for_each_inlines` walks a part (intro, clauses, signature), with a
        // clause's terms taken from its render when it has one.
        note(&p.id, &scan(&known, |f| blocks_runs(&p.intro, f)));
        for c in p.sections.iter().flat_map(|s| &s.clauses) {
            match renders.get(&c.id) {
                Some(r) => note(
                    &c.id,
                    r.terms
                        .get_or_init(|| scan(&known, |f| blocks_runs(&r.blocks, f))),
                ),
                None => note(&c.id, &scan(&known, |f| blocks_runs(&c.blocks, f))),
            }
        }
        let parties = p.signature.iter().flat_map(|s| &s.parties);
        note(
            &p.id,
            &scan(&known, |f| parties.for_each(|(_, name)| f(name))),
        );
    }

    // Where an owner (a document or a clause) comes from, for a message: looked up only
    // when there is one.
    let file = |owner: &str| {
        docs.iter()
            .find(|d| d.meta.id == owner)
            .map(|d| d.origin.display())
            .or_else(|| library.clause(owner).map(|c| c.origin.display()))
            .unwrap_or_default()
    };
    for (term, owners) in &definitions {
        if owners.len() > 1 {
            problems.push(
                Diagnostic::error(format!(
                    "\"{term}\" is defined more than once (in {})",
                    owners.join(", ")
                ))
                .in_file(file(owners[1]))
                .help("define each term in one clause and use it elsewhere"),
            );
        }
        for o in owners {
            if !owners_declares.get(o).is_some_and(|d| d.contains(term)) {
                problems.push(
                    Diagnostic::error(format!(
                        "\"{o}\" defines \"{term}\" but does not declare it"
                    ))
                    .in_file(file(o))
                    .help(format!("add \"{term}\" to `defines` in the front matter")),
                );
            }
        }
        let used_elsewhere = uses.get(term.as_str()).is_some_and(|u| !u.is_empty());
        if !used_elsewhere {
            problems.push(
                Diagnostic::error(format!("\"{term}\" is defined in \"{}\" but never used in this draft", owners[0]))
                    .in_file(file(owners[0]))
                    .help("use the term, drop the definition, or make the definition as conditional as its uses"),
            );
        }
    }
    for (owner, declares) in &owners_declares {
        for t in declares.iter() {
            if !definitions.get(t).is_some_and(|o| o.contains(owner)) {
                problems.push(
                    Diagnostic::error(format!(
                        "\"{owner}\" declares \"{t}\" in `defines` but its text does not define it"
                    ))
                    .in_file(file(owner))
                    .help(format!(
                        "write {{{{ define(term=\"{t}\") }}}} where the term is defined"
                    )),
                );
            }
        }
    }
    for (&term, users) in &uses {
        if !definitions.contains_key(term) {
            let users: Vec<&str> = users.iter().copied().collect();
            let by = declared_by
                .get(term)
                .map(|s| s.iter().cloned().collect::<Vec<_>>().join(", "))
                .unwrap_or_default();
            problems.push(
                Diagnostic::error(format!("\"{term}\" is used in {} but not defined in this draft", users.join(", ")))
                    .in_file(file(users[0]))
                    .help(format!("it is defined by {by}, which is omitted for this deal: reword, or make the use conditional")),
            );
        }
    }
}

/// Every run of inlines of `blocks`, to `f`.
fn blocks_runs(blocks: &[Block], f: &mut dyn FnMut(&[Inline])) {
    blocks.iter().for_each(|b| b.for_each_inlines(f));
}

/// What the runs of inlines `runs` hands out define and use of the `known` terms.
fn scan(known: &Terms, runs: impl FnOnce(&mut dyn FnMut(&[Inline]))) -> TermsIn {
    let mut out = TermsIn::default();
    let mut used = BTreeSet::new();
    runs(&mut |xs| {
        walk_inlines(xs, &mut |x| match x {
            Inline::Definition { term } => out.defines.push(term.clone()),
            Inline::Text { text } => used.extend(known.find(text)),
            _ => {}
        })
    });
    out.uses = used.into_iter().map(String::from).collect();
    out
}

/// Defined terms to find in text, prepared once for a whole document.
pub struct Terms<'t> {
    /// By first byte, longest first, so "Service Credit Period" wins over "Service Credit".
    by_first: Vec<Vec<&'t str>>,
    /// The bytes a term can start with (`!by_first[b].is_empty()`, as a dense table for the
    /// scan): most words start with none of them.
    starts: [bool; 256],
}

impl<'t> Terms<'t> {
    /// Prepares a set of terms.
    pub fn new(mut known: Vec<&'t str>) -> Self {
        known.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let mut by_first = vec![Vec::new(); 256];
        let mut starts = [false; 256];
        for t in known {
            if let Some(&b) = t.as_bytes().first() {
                by_first[usize::from(b)].push(t);
                starts[usize::from(b)] = true;
            }
        }
        Terms { by_first, starts }
    }

    /// Terms used in `text`: whole words, case-sensitive, an optional plural "s", longest
    /// match first.
    pub fn find(&self, text: &str) -> Vec<&'t str> {
        let mut found = Vec::new();
        let bytes = text.as_bytes();
        let mut i = 0;
        // Jump from one byte a term can start with to the next (a table lookup per byte);
        // only there look at the character before and at the terms with that first byte.
        // A term is valid UTF-8, so it never starts with a byte inside a character.
        while let Some(p) = bytes[i..].iter().position(|&b| self.starts[usize::from(b)]) {
            let at = i + p;
            i = at + 1;
            if !text.is_char_boundary(at) || text[..at].chars().next_back().is_some_and(is_word) {
                continue;
            }
            let hit = self.by_first[usize::from(bytes[at])].iter().find_map(|t| {
                if !bytes[at..].starts_with(t.as_bytes()) {
                    return None;
                }
                let mut end = at + t.len();
                if bytes.get(end) == Some(&b's') {
                    end += 1;
                }
                (!text[end..].chars().next().is_some_and(is_word)).then_some((*t, end))
            });
            if let Some((t, end)) = hit {
                found.push(t);
                i = end;
            }
        }
        found
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_terms_longest_first_with_plurals() {
        let k = Terms::new(vec![
            "Service Credit",
            "Services",
            "Customer Data",
            "Customer",
        ]);
        assert_eq!(
            k.find("Service Credits apply to the Services."),
            ["Service Credit", "Services"]
        );
        assert_eq!(
            k.find("Customer Data of the Customer"),
            ["Customer Data", "Customer"]
        );
        assert_eq!(k.find("Customers"), ["Customer"]);
        assert!(k.find("CustomerX and customer").is_empty());
        // Words around non-ASCII text; a term right after a letter is no term.
        assert_eq!(
            k.find("é Customer, «Services» xCustomer éCustomer"),
            ["Customer", "Services"]
        );
        assert_eq!(k.find("Customer_Data Customer Datas"), ["Customer Data"]);
    }
}
