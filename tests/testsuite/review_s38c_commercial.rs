//! Session 38, round 3, commercial area (blind read 23): the Price Schedule across deployment
//! types and regions, an unpriced item that this SOW requires, a Unit's traffic through a
//! shared gateway, a Unit's exit for Model Error and support failures, and late training that
//! stays a breach. Each test asserts, over every example in both stances and every unit of the
//! bank, that the quoted defect is gone and the fixed text is present where it applies.

use crate::counsel::{VARIANTS, has, lacks, variants_named, variants_with};

/// blind23 vendor-A 21: a list price is per deployment type and region, but the Price Schedule
/// named neither, so Vendor could say it priced only the global deployment. Its prices now apply
/// in every deployment type and region that the SOW requires or Customer uses.
#[test]
fn b23_vendor_a_21_the_price_schedule_reaches_every_deployment_type_and_region() {
    let with = variants_with("for the same deployment type and region");
    for v in &with {
        has(
            v,
            "A price that the Price Schedule states for an item applies to the item in every deployment type and region that this SOW requires or in which Customer uses it, except where the Price Schedule states a different price for it in that deployment type or region.",
        );
    }
    assert!(with.len() >= 6, "every example at both stances");
}

/// blind23 vendor-A 22: "Vendor need not make the item available, even where that Section
/// includes it in the Services" defeated Section 10.5. Two classes: a required item is provided
/// at once and free until priced; any other is withheld until priced.
#[test]
fn b23_vendor_a_22_a_required_unpriced_item_is_provided_free_until_priced() {
    for v in VARIANTS.iter() {
        lacks(v, "Vendor need not make the item available");
        lacks(v, "even where that Section includes it in the Services");
    }
    let with = variants_with("an item that this SOW requires Vendor to provide");
    let mut models = 0;
    for v in &with {
        has(
            v,
            "is still provided as this SOW requires, free of charge until the parties agree its price in writing; Vendor need not supply any other such item until then, but charges nothing for any use of it that Vendor allows before then.",
        );
        if v.text
            .contains("is included in the Services at no extra charge")
        {
            models += 1;
            has(
                v,
                "where none of them states one and Section 10.5 sets none either, an item that this SOW requires Vendor to provide (such as one that Section 10.5 includes in the Services) is still provided",
            );
        }
    }
    assert!(with.len() >= 6, "every example at both stances");
    assert!(models > 0, "some variant includes new models");
}

/// blind23 vendor-A 23, customer-A C2: Markets' requests through a shared key or gateway were
/// measured under the Master SOW. Customer's records now attribute them, rebuttable in writing.
#[test]
fn b23_vendor_a_23_shared_gateway_traffic_is_the_units_on_customers_records() {
    let with = variants_with("For a service level that this SOW changes for the Unit");
    assert_eq!(with.len(), 2, "the markets unit, at both stances");
    for v in with {
        assert!(v.name.contains(" unit markets "), "{}", v.name);
        has(
            v,
            "or Customer's records show, and also if Customer's records (such as the logs of a gateway of Customer that tag the request to one of the Unit's applications) attribute it to the Unit, unless Vendor shows otherwise by written notice within ten (10) days after Customer gives it those records.",
        );
    }
}

/// blind23 customer-A C1: an overdue Model Error fix or missed P1 Response Time affecting only
/// the Unit counted only under the Master SOW, so the Unit could not exit alone for it.
#[test]
fn b23_customer_a_c1_model_error_and_support_failures_count_toward_the_units_exit() {
    let units = variants_named("global-bank.json unit");
    let mut matched = 0;
    for v in &units {
        if v.text.contains("under the Master SOW only, as Section 1.2 of the Statement of Work provides: under this SOW it is not a breach and earns no Service Credit") {
            matched += 1;
            has(
                v,
                "and it counts only toward termination of this SOW under Section 7.1 (with every consequence that that Section gives the termination), as a month with a Service Level Failure, where the Model Error",
            );
            has(v, "the Unit's users or requests (as Section 1.2 of the Statement of Work identifies them); a Model Error that one of the Unit's users reported");
            has(v, "is taken to affect them unless Vendor shows Customer otherwise in writing, with reasonable supporting detail (a showing that Customer disputes in writing within thirty (30) days counting only once the dispute is resolved in Vendor's favour).");
            lacks(v, "as Section 1.2 of the Statement of Work provides, and not under this SOW.");
        }
    }
    assert!(
        matched > 0,
        "some unit counts a failure under the Master SOW"
    );
    for v in variants_named("global-bank.json unit markets") {
        has(
            v,
            "where the Model Error or the support requests concerned affect the Unit's users or requests",
        );
        has(
            v,
            "counts toward termination for chronic failure under the Master SOW and not under this SOW (except as Annex A provides for a Model Error or support failure that affects the Unit's users or requests).",
        );
    }
    for v in variants_with("(a \"Call-Off\")") {
        has(
            v,
            "a failure to meet a service level that a Call-Off does not change is measured under this SOW, and counts toward Customer's rights under this SOW to terminate for chronic failure (this SOW, or, as a lesser step, a Call-Off alone, whether or not the failure affected that business unit) and, only where a Call-Off so provides, toward its business unit's own right to terminate it;",
        );
    }
}

/// blind23 vendor-A 25: SOW Section 7.1 makes a late session a breach, while Annex C's
/// late-delivery period read as a cure period. It is now an obligation on top of the breach.
#[test]
fn b23_vendor_a_25_late_training_stays_a_breach_and_the_period_is_no_cure() {
    let with = variants_with("after the due date at no extra charge");
    for v in &with {
        lacks(
            v,
            "at no extra charge, without prejudice to Customer's other rights.",
        );
        has(v, "Vendor shall still deliver it within");
        has(
            v,
            "after the due date at no extra charge: that period is an obligation in addition to the breach that the late delivery is under Section 7.1 of the Statement of Work, not a period to cure it, and Customer keeps its other rights.",
        );
        has(
            v,
            "a session not delivered by its due date is a breach of this SOW.",
        );
    }
    assert!(with.iter().any(|v| v.stance == "fallback"));
    assert!(with.iter().any(|v| v.stance == "preferred"));
}
