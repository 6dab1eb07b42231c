//! Clause renders kept between documents (`library::cache`): a library that has rendered
//! other deals renders every deal exactly as a fresh library does, a render used once is
//! not kept, and a library whose templates could read the context by paths Tera does not
//! list keeps nothing.

use dealdraft::Library;
use serde_json::{Value, json};

use crate::common::{example_json, patched};

/// Deals that differ in what clauses read: names, figures, lists, a clause's position,
/// a clause's parameter, the stance, sections left out (which `when` tests only for
/// truthiness), and the units of the bank.
fn variants() -> Vec<Value> {
    let bank = example_json("global-bank.json");
    let mut v = vec![
        bank.clone(),
        patched(
            &bank,
            json!({"deal": {"customer": {"legal_name": "Other Bank AG"}}}),
        ),
        patched(&bank, json!({"sla": {"uptime_pct": 99.95}})),
        patched(
            &bank,
            json!({"deal": {"vendor": {"legal_name": "Other Vendor Inc."}}}),
        ),
        patched(
            &bank,
            json!({"deal": {"effective_date": "2027-03-01", "term_months": 24}}),
        ),
        patched(
            &bank,
            json!({"support": {"languages": ["German", "Dutch"]}}),
        ),
        patched(
            &bank,
            json!({"positions": {"sla.service_credits": "fallback", "data.retention": "fallback"}}),
        ),
        patched(
            &bank,
            json!({"params": {"sla.credit_claims": {"review_days": 45}}}),
        ),
        patched(&bank, json!({"deal": {"stance": "fallback"}})),
        patched(&bank, json!({"sla": null})),
        patched(&bank, json!({"support": null, "training": null})),
        example_json("minimal.json"),
        example_json("healthcare-azure.json"),
    ];
    // Each variant twice more, after the others: a render is kept the second time it is
    // offered, so in the last pass every clause render comes from what the library kept.
    let once = v.clone();
    v.extend(once.clone());
    v.extend(once);
    v
}

/// The deal's own documents (`None`) or a unit's (`Some(i)`), every file as text.
fn render(deal: &Value, unit: Option<usize>, library: &Library) -> String {
    let src =
        dealdraft::deal::Source::parse("deal.json", serde_json::to_string(deal).unwrap()).unwrap();
    let mut d = dealdraft::resolve::resolve(&src, library).expect("the variant resolves");
    if let Some(i) = unit {
        let u = d.units()[i].clone();
        d = dealdraft::resolve::resolve_unit(&src, &d, &u, None, library)
            .expect("the unit resolves");
    }
    let r = dealdraft::render_deal(
        &d,
        library,
        &dealdraft::RenderOptions {
            documents: vec!["all".into()],
            ..Default::default()
        },
    )
    .expect("renders");
    r.files
        .iter()
        .map(|(name, bytes)| format!("== {}\n{}", name, String::from_utf8_lossy(bytes)))
        .collect()
}

#[test]
fn kept_renders_change_nothing() {
    // One library renders everything, keeping what it can; the reference is a new library
    // for every document set, which has nothing kept to reuse (a set renders each clause
    // once).
    let warm = Library::builtin().unwrap();
    for (i, deal) in variants().iter().enumerate() {
        let units = deal["business_units"].as_array().map_or(0, Vec::len);
        for unit in std::iter::once(None).chain((0..units).map(Some)) {
            let fresh = Library::builtin().unwrap();
            assert!(fresh.clause_cache().is_empty());
            assert_eq!(
                render(deal, unit, &warm),
                render(deal, unit, &fresh),
                "variant {i}, unit {unit:?}: the library that kept renders wrote something else"
            );
        }
    }
    assert!(!warm.clause_cache().is_empty(), "renders were kept");
}

#[test]
fn renders_used_once_are_not_kept() {
    // Deals that differ only in the customer's name: a clause that names the customer
    // renders apart for each and is offered once, and is not kept; what the deals share
    // is kept from the second deal on. So what the library keeps stops growing.
    let library = Library::builtin().unwrap();
    let bank = example_json("global-bank.json");
    let named = |i: usize| {
        patched(
            &bank,
            json!({"deal": {"customer": {"legal_name": format!("Customer {i} AG")}}}),
        )
    };
    render(&named(0), None, &library);
    render(&named(1), None, &library);
    let shared = library.clause_cache().len();
    assert!(shared > 0, "what two deals share is kept");
    for i in 2..12 {
        render(&named(i), None, &library);
    }
    assert_eq!(
        library.clause_cache().len(),
        shared,
        "renders that name one customer are not kept"
    );
}
