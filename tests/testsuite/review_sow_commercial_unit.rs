//! Counsel review of 2026-12-06, the SOW body's commercial terms and the business-unit
//! call-off (findings 2, 7, 8, 21, 22, 23, 30, 36, 38, 47, 48, 50, 51, and the deletion
//! of a unit's data when its call-off ends). Each test checks every variant (every example
//! and every bank unit, both stances) for the quoted defect, and the fixed text where it
//! applies; a "variant"-like deal (fallback, explicit values) stands in for the review's
//! held-back deal.

use serde_json::{Value, json};

use crate::common::{example_json, patched};
use crate::counsel::{VARIANTS, Variant, has, lacks, text, unit_text, with_stance};
// Finding 25 (the Annual Commitment reducible on 30 days' notice) is left: its cause is
// Annex E's downgrade clause, which this area does not own.

/// The variants whose name matches `pick`, failing if there are none.
fn each(pick: impl Fn(&Variant) -> bool) -> Vec<&'static Variant> {
    let vs: Vec<&'static Variant> = VARIANTS.iter().filter(|v| pick(v)).collect();
    assert!(!vs.is_empty(), "no variant matched");
    vs
}

fn units() -> Vec<&'static Variant> {
    each(|v| v.name.contains(" unit "))
}

fn masters() -> Vec<&'static Variant> {
    each(|v| !v.name.contains(" unit "))
}

/// Like the review's held-back deal: Azure OpenAI at the fallback stance with explicit
/// values (an agreement named without its article, languages and limits of its own).
fn variant_like() -> Value {
    patched(
        &example_json("healthcare-azure.json"),
        json!({
            "deal": {
                "stance": "fallback",
                "agreement_ref": "Microsoft Customer Agreement dated 14 November 2026",
                "customer": {"timezones": ["Europe/Berlin", "Asia/Tokyo"]}
            },
            "commercial": {
                "unlimited_plan": true,
                "rate_limits": {"requests_per_minute": 600, "tokens_per_minute": 150000}
            },
            "params": {"sow.suspension": {"restriction_hours": 12}}
        }),
    )
}

// ---- 2: unit uptime on the same service, with no unit fee base ----

#[test]
fn finding_02_unit_uptime_has_a_unit_fee_base_and_replaces_the_master_credits() {
    for v in units() {
        has(v, "are the \"Unit Fees\"");
    }
    for stance in ["preferred", "fallback"] {
        let v = crate::counsel::variant(&format!("global-bank.json unit markets ({stance})"));
        has(
            v,
            "is measured under this SOW for the Unit's users, deployments and requests only",
        );
        has(
            v,
            "The fees on which a Service Credit for it under this SOW is calculated are the Unit's share of the fees on which the Master SOW calculates Service Credits",
        );
        has(
            v,
            "the fees on which the Master SOW calculates a Service Credit for that service level exclude that share, so that no failure earns a Service Credit twice on the same fees",
        );
    }
    // A unit that changes no service level has nothing to measure apart.
    for stance in ["preferred", "fallback"] {
        let v = crate::counsel::variant(&format!("global-bank.json unit retail ({stance})"));
        lacks(v, "measured under this SOW for the Unit's users");
    }
}

// ---- 7: ending the unit SOW reaches into the master ----

#[test]
fn finding_07_ending_the_unit_sow_refunds_and_releases_only_the_unit_s_share() {
    for v in units() {
        has(
            v,
            "a refund is limited to the Unit Fees that Customer has prepaid for the period after termination",
        );
        has(
            v,
            "never to Customer's use of the Services under the Master SOW or any other call-off",
        );
        has(
            v,
            "This Section prevails over every other provision of this SOW, its annexes included.",
        );
        // blind16 customer-A 2: one rule at both stances, any termination of the call-off.
        has(
            v,
            "is reduced, for the rest of the period in which termination takes effect (pro rata) and for every later period, by the Unit's share of it only, on a termination of this SOW on whatever ground",
        );
        lacks(
            v,
            "and the annual commitment of the Master SOW is unaffected",
        );
    }
}

// ---- 8: the list of changed terms omits what changes with the uptime ----

#[test]
fn finding_08_terms_that_change_with_the_uptime_are_listed() {
    for stance in ["preferred", "fallback"] {
        let v = crate::counsel::variant(&format!("global-bank.json unit markets ({stance})"));
        for item in [
            "- the monthly uptime commitment;",
            "- what is a Service Level Failure for the Unit;",
            "- termination for chronic failure, which counts those Service Level Failures; and",
            "- the service level reports, which report against the service levels as changed.",
        ] {
            assert!(v.md.contains(item), "{}: {item}", v.name);
        }
        has(
            v,
            "every provision of this SOW or its annexes that refers to one of them refers to it as changed for the Unit",
        );
    }
    for v in units() {
        if !v.name.contains("markets") {
            lacks(v, "what is a Service Level Failure for the Unit");
        }
    }
}

// ---- data deletion when a call-off ends ----

#[test]
fn ending_a_call_off_deletes_the_unit_data_only_and_is_a_request_under_the_master() {
    for v in units() {
        has(
            v,
            "The Customer Data submitted in the Unit's use of the Services is the \"Unit Data\"",
        );
        has(
            v,
            "Vendor shall return, export and delete the Unit Data only",
        );
        has(
            v,
            "A deletion of Unit Data that this SOW requires is a deletion at Customer's written request for the purposes of the Master SOW.",
        );
    }
}

// ---- 21: model retirement ----

#[test]
fn finding_21_a_model_is_retired_only_on_minimum_notice_with_its_pinned_version_kept() {
    for v in each(|_| true) {
        lacks(
            v,
            "Vendor shall notify Customer in writing no later than it notifies its other enterprise customers",
        );
        let months = if v.stance == "preferred" {
            "twelve (12) months"
        } else {
            "six (6) months"
        };
        has(
            v,
            &format!(
                "Vendor shall give Customer written notice at least {months} before it retires or withdraws any model or model version that Customer uses"
            ),
        );
        has(
            v,
            "keep each model version that Customer uses in the Services available to Customer unchanged",
        );
        has(
            v,
            "make the successor model (the model that replaces or supersedes the retired one under Section 10.5 or, if none does, the model of the Services closest to it in capability that Customer reasonably chooses) available to Customer",
        );
        has(
            v,
            "for testing (not for Customer's production use) at no charge",
        );
        has(v, "the migration support that Customer reasonably requests");
    }
    // A deal's own notice period is the one stated.
    let t = text(&patched(
        &variant_like(),
        json!({"params": {"sow.model_retirement": {"notice_months": 9}}}),
    ));
    assert!(t.contains("written notice at least nine (9) months before it retires"));
}

// ---- 22: "at all times" against "may restrict" ----

#[test]
fn finding_22_the_restriction_is_narrow_and_throttling_is_downtime() {
    for v in each(|_| true) {
        if v.stance == "fallback" {
            lacks(
                v,
                "Vendor shall at all times accept Customer's requests up to",
            );
            lacks(v, "protect the Services against a security threat");
        }
    }
    for v in each(|v| v.stance == "fallback" && v.text.contains("Usage Limits")) {
        has(
            v,
            "except only during a suspension or restriction that Section 3.3 permits, on the terms of that Section, and, for the requests that it prevents Vendor from accepting",
        );
        has(
            v,
            "by restricting Customer's other use of the Services to the extent necessary, for no more than twenty-four (24) hours in total for the same threat unless Customer agrees in writing to a longer period",
        );
        has(
            v,
            "or restricts them other than as this Section allows, is a minute of Downtime of the Covered Service concerned under Annex A, whether or not the Covered Service is otherwise Available",
        );
    }
    let t = text(&variant_like());
    assert!(t.contains("for no more than twelve (12) hours"), "{t}");
    assert!(t.contains("except only during a suspension or restriction that Section 3.3 permits"));
    assert!(!t.contains("at all times accept"));
    assert!(t.contains("is a minute of Downtime of the Covered Service concerned"));
}

// ---- 23: rate limits per Service or shared ----

#[test]
fn finding_23_rate_limits_apply_to_each_service_separately() {
    for v in each(|v| v.name.starts_with("global-bank.json")) {
        lacks(v, "minimum guaranteed limits for all the Services");
        has(
            v,
            "These rate limits apply to each model of the OpenAI API that Customer uses (not a beta, preview or early-access model, which Section 3.1 describes), separately, for Customer as a whole, whichever of Customer's accounts, projects, deployments or regions it uses: Customer's use of one model does not count against the limits of another",
        );
        has(
            v,
            "Vendor shall not subject any individual user of ChatGPT Enterprise to a rate or usage limit of its own",
        );
    }
}

// ---- 30: prices "fixed" but no price schedule ----

#[test]
fn finding_30_prices_are_fixed_in_a_price_schedule() {
    for v in each(|_| true) {
        has(
            v,
            "which are net of every discount that applies to Customer (the \"Price Schedule\")",
        );
        // blind11 customer-B 2: a schedule that states list prices shows them in a column.
        assert!(
            v.md.contains("| Service | Item | Price | Per |")
                || v.md
                    .contains("| Service | Item | List price | Price | Per |"),
            "{}",
            v.name
        );
    }
    for v in each(|v| v.name.starts_with("global-bank.json")) {
        assert!(
            v.md.contains("| ChatGPT Enterprise | Seat | USD 60 | USD 48 | user per month |"),
            "{}",
            v.name
        );
        if v.stance == "preferred" {
            has(
                v,
                "During the whole Term, except at the start of a renewal as this Section allows, each of Customer's prices, which include those in the Price Schedule, shall not rise above its level on the Effective Date",
            );
        }
    }
    for v in each(|v| v.name.starts_with("minimal.json")) {
        assert!(v.md.contains("| [●] | [●] | [●] | [●] |"), "{}", v.name);
    }
}

#[test]
fn finding_30_guard_a_deal_without_a_price_schedule_shows_blanks_and_is_not_final() {
    let json = patched(
        &example_json("global-bank.json"),
        json!({"commercial": {"price_schedule": null}}),
    );
    let deal = crate::common::resolve(&json).unwrap();
    let fin = dealdraft::assemble::assemble(
        &deal,
        &crate::common::LIBRARY,
        "sow",
        dealdraft::assemble::Options { final_draft: true },
    );
    let err = fin.unwrap_err().to_string();
    assert!(
        err.contains("commercial.price_schedule: not set: the draft shows a blank"),
        "{err}"
    );
    let md = crate::common::render_md(&json, "sow").unwrap();
    assert!(
        md.contains("| ChatGPT Enterprise | [●] | [●] | [●] |"),
        "{md}"
    );
    assert!(md.contains("| the OpenAI API | [●] | [●] | [●] |"), "{md}");
}

// ---- 36: the master SOW has no call-off mechanism ----

#[test]
fn finding_36_the_master_sow_allows_call_offs_without_double_counting() {
    for v in masters() {
        has(v, "Call-Offs for Business Units");
        has(v, "(a \"Call-Off\")");
        has(
            v,
            "it may change the terms of this SOW that it lists as changed, together with the terms that necessarily change with them",
        );
        has(
            v,
            "a business unit's use of the Services counts once toward the Annual Commitment",
        );
        has(
            v,
            "termination or expiry of this SOW ends every Call-Off with it",
        );
    }
    for v in each(|v| v.name.starts_with("global-bank.json (")) {
        has(
            v,
            "the Service Credits for it under the Call-Off, calculated on that business unit's share of the fees on which this SOW calculates them, replace the Service Credits for it under this SOW on that share",
        );
    }
    for v in units() {
        lacks(v, "Call-Offs for Business Units");
    }
}

// ---- 38: business days ----

#[test]
fn finding_38_a_business_day_follows_one_place() {
    for v in each(|_| true) {
        lacks(
            v,
            "not a public holiday at the place of Customer's registered office, beginning and ending at midnight Eastern Time",
        );
        lacks(
            v,
            "not a public holiday at the place of Customer's registered office, beginning and ending at midnight Central European Time",
        );
        lacks(
            v,
            "not a public holiday at the place of Customer's registered office, beginning and ending at midnight Coordinated Universal Time",
        );
    }
    for v in each(|v| v.name.starts_with("global-bank.json")) {
        has(
            v,
            "a business day is a day from Monday to Friday that is not a public holiday at the place of Customer's registered office or at that of Vendor's, beginning and ending at midnight local time at the place of Customer's registered office",
        );
    }
    for v in each(|v| v.name.starts_with("minimal.json")) {
        has(
            v,
            "not a public holiday at the place of Customer's registered office or at that of Vendor's, beginning and ending at midnight local time at the place of Customer's registered office",
        );
    }
    let t = text(&variant_like());
    assert!(t.contains("not a public holiday at the place of Customer's registered office or at that of Vendor's, beginning and ending at midnight local time at the place of Customer's registered office"));
    assert!(!t.contains("not a public holiday in Berlin"));
}

// ---- 47, 48: checked gone ----

#[test]
fn finding_47_the_agreement_has_its_article() {
    for v in each(|_| true) {
        lacks(v, "under Microsoft Customer Agreement");
    }
    let t = text(&variant_like());
    assert!(!t.contains("under Microsoft Customer Agreement"));
    assert_eq!(
        t.matches("under the Microsoft Customer Agreement dated 14 November 2026")
            .count(),
        6,
        "§1.3 and the five annex preambles"
    );
}

#[test]
fn finding_48_language_names_are_the_deal_s_words_and_the_examples_use_english_names() {
    for v in each(|_| true) {
        lacks(v, "Deutsch");
        lacks(v, "日本語");
        lacks(v, "(for Platform engineers)");
        lacks(v, "(for Risk analysts)");
    }
}

// ---- 50, 51 ----

#[test]
fn finding_50_services_names_only_what_the_models_clause_includes() {
    for v in each(|v| v.text.contains("New Models and Model Changes")) {
        lacks(v, "the new models and model versions that Section");
        has(v, "everything that Section 10.5 includes in");
    }
}

#[test]
fn finding_51_usage_limits_do_not_cite_their_own_number() {
    for v in each(|v| v.text.contains("Usage Limits")) {
        // Annex A cites the body's section from outside it ("... of the Statement of
        // Work"); the body itself never cites its own number.
        for n in ["10.2", "10.3"] {
            let bare = format!("in breach of Section {n}");
            let from_annex = format!("in breach of Section {n} of the Statement of Work");
            assert_eq!(
                v.text.matches(&bare).count(),
                v.text.matches(&from_annex).count(),
                "{}: the body cites its own Section {n}",
                v.name
            );
        }
        if v.text
            .contains("is a minute of Downtime of the Covered Service concerned")
        {
            has(v, "in breach of this Section");
        }
    }
}

#[test]
fn the_unit_sow_of_a_fallback_deal_keeps_the_call_off_whole() {
    let t = unit_text(
        &with_stance(&example_json("global-bank.json"), "fallback"),
        "markets",
    );
    assert!(t.contains(
        "by the Unit's share of it only, on a termination of this SOW on whatever ground"
    ));
    assert!(t.contains("are the \"Unit Fees\""));
}
