//! Omitted vs null, stances, positions, business units, blanks.

use dealdraft::deal::model::Stance;
use serde_json::json;

use crate::common::{example_json, patched, render_md, resolve};

#[test]
fn omitted_takes_the_default_and_null_means_none() {
    let base = json!({"schema_version": 1, "deal": {"id": "x", "stance": "fallback"}});
    let omitted = resolve(&base).unwrap();
    let sla = omitted.deal.sla.as_ref().unwrap();
    assert_eq!(
        sla.uncapped_below_pct,
        Some(99.0),
        "fallback default threshold"
    );
    assert_eq!(
        sla.credit_cap_pct, None,
        "no fallback cap (it could never bind)"
    );
    assert_eq!(sla.uptime_pct, Some(99.5));

    let nulled = resolve(&patched(
        &base,
        json!({"sla": {"uncapped_below_pct": null}}),
    ))
    .unwrap();
    let sla = nulled.deal.sla.as_ref().unwrap();
    assert_eq!(sla.uncapped_below_pct, None, "null = no threshold");
    assert_eq!(sla.uptime_pct, Some(99.5), "siblings keep their defaults");

    let capped = resolve(&patched(&base, json!({"sla": {"credit_cap_pct": 25}}))).unwrap();
    assert_eq!(capped.deal.sla.as_ref().unwrap().credit_cap_pct, Some(25.0));
    let nulled = resolve(&patched(&base, json!({"sla": {"credit_cap_pct": null}}))).unwrap();
    assert_eq!(
        nulled.deal.sla.as_ref().unwrap().credit_cap_pct,
        None,
        "null = uncapped"
    );

    let no_sla = resolve(&patched(&base, json!({"sla": null}))).unwrap();
    assert!(no_sla.deal.sla.is_none(), "null section = no SLA");
}

#[test]
fn null_and_omitted_render_differently() {
    let base = json!({"schema_version": 1, "deal": {"id": "x", "stance": "fallback"}});
    // The fallback's severe-failure threshold: omitted takes 99%, null means none.
    let omitted = render_md(&base, "sla-annex").unwrap();
    let none = render_md(
        &patched(&base, json!({"sla": {"uncapped_below_pct": null}})),
        "sla-annex",
    )
    .unwrap();
    assert!(
        omitted.contains(
            "for a month in which it is below 99%, Customer may also recover its damages"
        )
    );
    assert!(!none.contains("Customer may also recover its damages"));
    // A cap set is stated; a null cap is stated as uncapped.
    let capped = render_md(
        &patched(&base, json!({"sla": {"credit_cap_pct": 25}})),
        "sla-annex",
    )
    .unwrap();
    let uncapped = render_md(
        &patched(&base, json!({"sla": {"credit_cap_pct": null}})),
        "sla-annex",
    )
    .unwrap();
    assert!(
        capped.contains("shall not in total exceed 25% of the fees"),
        "the cap of 25% is stated: {capped}"
    );
    assert!(!uncapped.contains("shall not in total exceed"));
    assert!(!capped.to_lowercase().contains("uncapped"));
    assert!(
        uncapped.to_lowercase().contains("uncapped"),
        "a null cap is stated as uncapped"
    );

    let sow = render_md(&patched(&base, json!({"sla": null})), "sow").unwrap();
    assert!(!sow.contains("Annex A"), "no SLA: no Annex A");
    assert!(
        render_md(&patched(&base, json!({"sla": null})), "sla-annex").is_err(),
        "no SLA annex to render"
    );
}

#[test]
fn stance_picks_the_defaults() {
    let pref = resolve(&json!({"schema_version": 1, "deal": {"id": "x"}})).unwrap();
    assert_eq!(
        pref.stance,
        Stance::Preferred,
        "the playbook's default stance"
    );
    assert_eq!(pref.deal.sla.as_ref().unwrap().uptime_pct, Some(99.9));
    let fb =
        resolve(&json!({"schema_version": 1, "deal": {"id": "x", "stance": "fallback"}})).unwrap();
    assert_eq!(fb.deal.sla.as_ref().unwrap().uptime_pct, Some(99.5));
}

#[test]
fn a_position_override_wins_over_the_stance() {
    let base = example_json("global-bank.json");
    let deal = resolve(&patched(
        &base,
        json!({"positions": {"sow.agreement": "fallback"}}),
    ))
    .unwrap();
    assert_eq!(deal.position("sow.agreement"), Stance::Fallback);
    assert_eq!(deal.position("sow.parties"), Stance::Preferred);
    let pref = render_md(&base, "sow").unwrap();
    let over = render_md(
        &patched(&base, json!({"positions": {"sow.agreement": "fallback"}})),
        "sow",
    )
    .unwrap();
    assert!(pref.contains("this SOW prevails"));
    assert!(
        over.contains("the Agreement prevails"),
        "the fallback wording of sow.agreement"
    );
}

#[test]
fn a_position_the_clause_does_not_offer_is_refused() {
    let base = example_json("global-bank.json");
    let err = resolve(&patched(
        &base,
        json!({"positions": {"sow.parties": "fallback"}}),
    ))
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("clause \"sow.parties\" has no fallback position"),
        "{err}"
    );
}

#[test]
fn business_units_get_their_own_deal() {
    let base = example_json("global-bank.json");
    let deal = resolve(&base).unwrap();
    let markets = dealdraft::resolve::for_unit(&deal, "markets", &crate::common::LIBRARY).unwrap();
    assert_eq!(markets.deal.sla.as_ref().unwrap().uptime_pct, Some(99.95));
    assert_eq!(markets.unit.as_ref().unwrap().name, "Global Markets");
    let retail = dealdraft::resolve::for_unit(&deal, "retail", &crate::common::LIBRARY).unwrap();
    assert_eq!(
        retail.deal.support.as_ref().unwrap().languages.as_deref(),
        Some(&["English".to_string(), "French".to_string()][..])
    );
    assert_eq!(
        retail.deal.sla.as_ref().unwrap().uptime_pct,
        Some(99.9),
        "untouched fields keep the deal's values"
    );
    let err = dealdraft::resolve::for_unit(&deal, "retial", &crate::common::LIBRARY).unwrap_err();
    assert!(
        err.to_string().contains("did you mean \"retail\"?"),
        "{err}"
    );
}

#[test]
fn a_units_deal_has_no_units_of_its_own() {
    // With overrides and without: a unit's deal never carries the deal's other units (its
    // documents are the unit's, and a deal of many units must not copy them all per unit).
    let base = patched(
        &example_json("global-bank.json"),
        json!({"business_units": [
            {"id": "plain", "name": "Plain"},
            {"id": "faster", "name": "Faster", "overrides": {"sla": {"uptime_pct": 99.95}}}
        ]}),
    );
    let deal = resolve(&base).unwrap();
    assert_eq!(deal.units().len(), 2);
    for id in ["plain", "faster"] {
        let unit = dealdraft::resolve::for_unit(&deal, id, &crate::common::LIBRARY).unwrap();
        assert!(unit.units().is_empty(), "{id}: {:?}", unit.units());
        assert!(unit.raw.get("business_units").is_none(), "{id}");
        assert_eq!(unit.unit.as_ref().unwrap().id, id);
        assert_eq!(
            unit.raw.get("deal"),
            deal.raw.get("deal"),
            "{id}: the rest stays"
        );
    }
}

#[test]
fn a_null_in_a_unit_override_means_none() {
    let base = patched(
        &example_json("global-bank.json"),
        json!({"business_units": [{"id": "lab", "name": "AI Lab", "overrides": {"sla": {"latency": null}}}]}),
    );
    let deal = resolve(&base).unwrap();
    assert!(deal.deal.sla.as_ref().unwrap().latency.is_some());
    let lab = dealdraft::resolve::for_unit(&deal, "lab", &crate::common::LIBRARY).unwrap();
    assert!(
        lab.deal.sla.as_ref().unwrap().latency.is_none(),
        "null in the patch removes the value: none"
    );
}

#[test]
fn missing_identity_fields_are_visible_blanks() {
    let md = render_md(&json!({"schema_version": 1, "deal": {"id": "x"}}), "sow").unwrap();
    assert!(md.contains("| Customer | [●] |"), "{md}");
    let deal = resolve(&json!({"schema_version": 1, "deal": {"id": "x"}})).unwrap();
    let set =
        dealdraft::assemble::assemble(&deal, &crate::common::LIBRARY, "sow", Default::default())
            .unwrap();
    // The blank's field is the warning's path (the workbench and `--format json` read it there).
    let fields: Vec<String> = set
        .warnings
        .iter()
        .filter(|w| w.message.starts_with("not set: the draft shows a blank"))
        .filter_map(|w| w.location.path.as_ref().map(ToString::to_string))
        .collect();
    assert!(
        fields.iter().any(|p| p == "deal.customer.legal_name"),
        "{fields:?}"
    );
    let final_draft = dealdraft::assemble::assemble(
        &deal,
        &crate::common::LIBRARY,
        "sow",
        dealdraft::assemble::Options { final_draft: true },
    );
    let err = final_draft.unwrap_err();
    assert!(
        err.errors().count() >= 5,
        "every blank is an error in a final draft: {err}"
    );
}

#[test]
fn a_complete_deal_has_no_blanks_and_renders_final() {
    let deal = resolve(&example_json("global-bank.json")).unwrap();
    let set = dealdraft::assemble::assemble(
        &deal,
        &crate::common::LIBRARY,
        "sow",
        dealdraft::assemble::Options { final_draft: true },
    )
    .unwrap();
    assert!(set.warnings.is_empty(), "{}", set.warnings);
    let doc = set.document("sow").unwrap();
    assert_eq!(
        doc.meta.status, None,
        "a final draft is not marked as a draft"
    );
}
