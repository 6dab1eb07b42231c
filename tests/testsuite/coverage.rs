//! Every recommendation of the playbook has fields and a clause, and the clause renders
//! for a deal that sets the fields.

use std::collections::BTreeSet;

use crate::common::{LIBRARY, cmd, example_json, resolve};

#[test]
fn every_coverage_row_has_a_clause() {
    let rows = &LIBRARY.playbook().coverage;
    assert_eq!(
        rows.len(),
        45,
        "the playbook lists 41 recommendations, counsel's review three more, and the vendor's published terms as a floor"
    );
    let missing: Vec<&str> = rows
        .iter()
        .filter(|r| dealdraft::library::listing::clauses_for(&LIBRARY, &r.id).is_empty())
        .map(|r| r.id.as_str())
        .collect();
    assert!(missing.is_empty(), "rows without a clause: {missing:?}");
    // Clauses only name coverage ids that exist.
    let ids: BTreeSet<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    for c in LIBRARY.clauses() {
        for id in &c.meta.coverage {
            assert!(
                ids.contains(id.as_str()),
                "{} names unknown coverage id {id}",
                c.meta.id
            );
        }
    }
}

#[test]
fn the_full_example_renders_a_clause_for_every_row() {
    let deal = resolve(&example_json("global-bank.json")).unwrap();
    let set = dealdraft::assemble::assemble(&deal, &LIBRARY, "sow", Default::default()).unwrap();
    let doc = set.document("sow").unwrap();
    let rendered: BTreeSet<String> = doc
        .parts
        .iter()
        .flat_map(|p| p.sections.iter())
        .flat_map(|s| s.clauses.iter())
        .map(|c| c.id.clone())
        .collect();
    for row in &LIBRARY.playbook().coverage {
        let clauses = dealdraft::library::listing::clauses_for(&LIBRARY, &row.id);
        assert!(
            clauses.iter().any(|c| rendered.contains(c)),
            "{}: none of {clauses:?} is in the bank example's draft",
            row.id
        );
    }
}

#[test]
fn clauses_coverage_prints_every_row_with_its_clauses() {
    let out = cmd().args(["clauses", "--coverage"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| ID"))
            .count(),
        45,
        "{text}"
    );
    assert!(!text.contains("(none)"), "{text}");
    assert!(
        text.contains("| SLA-9 |") && text.contains("sow.commitments"),
        "{text}"
    );
}
