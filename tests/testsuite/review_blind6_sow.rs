//! Blind read 6 (customer-A, customer-B, vendor-A, vendor-B), the SOW body's items: the
//! fallback precedence clause and the SOW remedies it would hollow out, escalation against
//! the Agreement's dispute terms, prices above the commitment, new and successor models,
//! "unlimited" against the guaranteed rates, the onboarding deadline, the call-off's unit fees,
//! effective date and repeated rights, residency against "no later than", dedicated capacity
//! and price protection. Each test runs over the shared variants (every example in both
//! stances and every bank unit in both stances): the quoted defect is gone everywhere and the
//! fixed text is present where it applies.

use serde_json::json;

use crate::common::{example_json, patched};
use crate::counsel::{VARIANTS, Variant, has, lacks, text, variants_named, variants_with};

fn units() -> Vec<&'static Variant> {
    let vs: Vec<&'static Variant> = VARIANTS
        .iter()
        .filter(|v| v.name.contains(" unit "))
        .collect();
    assert!(!vs.is_empty());
    vs
}

// ---- The fallback precedence clause names the SOW remedies that prevail ----

/// customer-A 2, customer-B 4, vendor-B 15, vendor-A 13: the Agreement prevails on liability
/// and indemnities "except where this SOW expressly provides otherwise by reference to the
/// Agreement", and no SOW remedy did so.
fn precedence_names_the_sow_remedies() {
    for v in variants_with("the Agreement prevails only as to governing law") {
        has(
            v,
            "This SOW so provides, by this reference to the Agreement, for each of the following, which applies as this SOW states despite any term of the Agreement:",
        );
        if v.text.contains("Service Credit") {
            has(
                v,
                "no limitation of Vendor's liability in the Agreement limits them, and they do not count towards any limit on the total amount of Vendor's liability under it",
            );
        }
        if v.text
            .contains("Customer may also recover its damages for the Downtime")
        {
            has(
                v,
                "to recover its damages for Downtime in a calendar month in which the Monthly Uptime Percentage of a Covered Service is below 99%, which is subject to any limit in the Agreement on the total amount of Vendor's liability and to the Agreement's other terms on liability, except that no term of the Agreement, or of a document that it incorporates, that limits Customer's remedies for that Downtime to credits applies to them, and the parties agree that those damages are a direct loss, so that no exclusion in the Agreement of indirect or consequential loss excludes them",
            );
        }
        if v.text.contains("(an \"IP Claim\")") {
            has(
                v,
                "which applies in addition to any indemnity in the Agreement, on the conditions and with the exclusions that it states itself rather than those of an indemnity in the Agreement",
            );
        }
        if v.text.contains("\"Security Breach\"") {
            // blind8 customer-A 6: the notification costs are within Annex D's liability
            // clause, which the list names with its own limit.
            has(
                v,
                "including for the costs of notifications under Section 4.1 of Annex D, is subject to the separate limit in that Section, not to any limit in the Agreement on the total amount of Vendor's liability",
            );
        }
    }
    // Every example's fallback names all four remedies (the SOW with its annexes).
    for v in variants_named("") {
        if v.name.contains(" unit ") || v.stance != "fallback" {
            continue;
        }
        has(
            v,
            "no limitation of Vendor's liability in the Agreement limits them",
        );
        has(v, "to recover its damages for Downtime in a calendar month");
        has(
            v,
            "which applies in addition to any indemnity in the Agreement",
        );
        has(v, "including for the costs of notifications under Section");
    }
    // The preferred stance needs no list: the SOW prevails on everything it covers.
    for v in VARIANTS.iter().filter(|v| v.stance == "preferred") {
        lacks(
            v,
            "This SOW so provides, by this reference to the Agreement",
        );
    }
}

#[test]
fn blind6_customer_a_2_fallback_precedence_keeps_the_sow_remedies() {
    precedence_names_the_sow_remedies();
}

#[test]
fn blind6_customer_b_4_fallback_precedence_does_not_cap_credits_or_narrow_the_indemnity() {
    precedence_names_the_sow_remedies();
}

#[test]
fn blind6_vendor_b_15_sow_promises_take_effect_against_the_agreement() {
    precedence_names_the_sow_remedies();
}

#[test]
fn blind6_vendor_a_13_no_exploit_of_the_agreement_prevailing_on_liability() {
    precedence_names_the_sow_remedies();
}

// ---- vendor-B 56: escalation against the Agreement's dispute resolution ----

#[test]
fn blind6_vendor_b_56_escalation_step_is_stated_against_the_agreement_and_limited_in_time() {
    for v in variants_with("Neither party shall start formal dispute proceedings") {
        lacks(
            v,
            "before it has been referred through the escalation path, except",
        );
        has(
            v,
            "until it has been referred through the escalation path or, if earlier, until fifteen (15) business days have passed since it was first raised",
        );
        has(
            v,
            "This step applies in addition to, and before, the dispute-resolution procedure of the Agreement, which it does not otherwise change.",
        );
        if v.text
            .contains("the Agreement prevails only as to governing law")
        {
            has(
                v,
                "which comes before the dispute-resolution procedure of the Agreement and is limited in time as that Section states",
            );
        }
    }
}

#[test]
fn blind6_vendor_b_56_a_lone_named_provision_reads_as_one_sentence() {
    // With no SLA, no data annex, no exit annex (blind17 customer-A 1 names its rule on damages
    // after termination) and no escalation path, two provisions are named since blind36
    // customer-A 2: the affiliates' losses and Customer's emailed notices (blind12 vendor-A 42),
    // as a list, each in one item, and the payments sentence after it.
    let t = text(&patched(
        &example_json("healthcare-azure.json"),
        json!({"deal": {"stance": "fallback"}, "sla": null, "data": null, "governance": null, "exit": null}),
    ));
    assert!(t.contains("This SOW so provides, by this reference to the Agreement, for each of the following, which applies as this SOW states despite any term of the Agreement:"), "{t}");
    assert!(t.contains("Customer's right under Section 3.1 to enforce this SOW for its affiliates and the employees and contractors of Customer and of its affiliates, and to recover their losses as its own"), "{t}");
    assert!(t.contains("the giving of Customer's written notices under this SOW by email as Section 1.4 provides"), "{t}");
    assert!(t.contains("in addition to the ways that the Agreement provides for notices.\n\nDespite any term of the Agreement, and by this reference to it, an amount that this SOW makes payable, or credits against Customer's invoices, as a price, refund, reimbursement or credit (such as the reimbursement of the costs of an audit, or a credit for late training) is a payment under this SOW, not a liability that a limitation or exclusion of liability in the Agreement limits or excludes. On every other matter"), "{t}");
    // With the escalation path too, all are listed, the escalation step last.
    let t = text(&patched(
        &example_json("healthcare-azure.json"),
        json!({"deal": {"stance": "fallback"}, "sla": null, "data": null, "exit": null}),
    ));
    assert!(t.contains("for each of the following"), "{t}");
    assert!(t.contains("in addition to the ways that the Agreement provides for notices; and\nthe escalation step in Section"), "{t}");
}

// ---- Use above the Annual Commitment ----

fn overage_at_customers_prices() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "above the Annual Commitment is charged at the unit prices set out in the Agreement",
        );
    }
    for v in variants_with("above the Annual Commitment is charged at") {
        has(
            v,
            "above the Annual Commitment is charged at the same unit prices and discounts as its use within it",
        );
    }
    for v in variants_with("that is, at Customer's prices under this Section") {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(v, "which Section 10.3 protects");
    }
}

#[test]
fn blind6_customer_a_6_fallback_overage_at_the_price_schedule() {
    overage_at_customers_prices();
}

#[test]
fn blind6_customer_b_8_fallback_overage_at_customers_prices() {
    overage_at_customers_prices();
}

#[test]
fn blind6_vendor_b_41_overage_prices_are_protected() {
    overage_at_customers_prices();
}

#[test]
fn blind6_vendor_a_17_no_list_price_overage() {
    overage_at_customers_prices();
}

// ---- Model retirement and new products against price protection ----

fn successor_and_new_models_keep_their_price() {
    for v in variants_with("before it retires or withdraws any model") {
        // Since blind11 customer-B 6 the successor is one Customer may use in its region.
        has(
            v,
            "Customer may move that use to the successor model for processing in the Approved Region",
        );
        has(
            v,
            ", on the same terms, at unit prices no higher than those of the retired model.",
        );
    }
    for v in variants_with("Customer may order from Vendor a separate product") {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(
            v,
            "and every model that replaces or supersedes one of them, that Vendor makes generally available during the Term is included in the Services at no extra charge",
        );
        has(
            v,
            "nothing that this Section includes in the Services is a separate product, and nor is a Service that Vendor renames, repackages or provides through another platform or product.",
        );
        lacks(
            v,
            "a new product that Vendor offers separately at Vendor's prices",
        );
    }
}

#[test]
fn blind6_customer_a_5_retirement_and_new_products_do_not_sidestep_price_protection() {
    successor_and_new_models_keep_their_price();
}

#[test]
fn blind6_vendor_b_40_successor_prices_are_capped() {
    successor_and_new_models_keep_their_price();
}

// ---- vendor-A 14: "no extra charge" has a price rule ----

#[test]
fn blind6_vendor_a_14_new_models_have_a_price_rule() {
    for v in variants_with("is included in the Services at no extra charge") {
        has(
            v,
            "\"At no extra charge\" means that Vendor charges no fee for access to a model so included",
        );
        has(
            v,
            // blind18 vendor-B 14: one price rule, the fees Section's, capped for a successor.
            "is charged at Customer's price for it under Section 10.1, but never above the unit prices of the model in the Price Schedule that it replaces or supersedes (if any), which are its price where that Section sets none.",
        );
        has(
            v,
            "Each such price is one of Customer's prices under Section 10.3 from the day the model is first made available to Customer.",
        );
    }
}

// ---- customer-A 7: "unlimited" is not capped at the guaranteed rates ----

#[test]
fn blind6_customer_a_7_unlimited_is_not_capped_at_the_guaranteed_rates() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "except that Vendor may limit the rate of Customer's requests to the rate limits below",
        );
    }
    for v in variants_with("\"unlimited\" means unlimited: Vendor shall not cap") {
        has(
            v,
            "The rate limits below are minimum guaranteed limits for the OpenAI API, not a ceiling on Customer's use",
        );
        // No ceiling above the guaranteed rates at either stance (blind12 customer-A 3).
        lacks(v, "above the rate limits below, Vendor may apply");
        lacks(v, "organisation-wide rate limits");
    }
}

// ---- customer-A 12: onboarding has a fall-back deadline ----

#[test]
fn blind6_customer_a_12_onboarding_has_a_fall_back_deadline() {
    for v in variants_with("Vendor shall complete onboarding") {
        let days = if v.stance == "preferred" {
            "thirty (30)"
        } else {
            "forty-five (45)"
        };
        has(
            v,
            &format!(
                "and in any event, whether or not a timetable is agreed, within {days} days after the Effective Date, unless Customer agrees a later date in writing"
            ),
        );
    }
}

// ---- The call-off: unit fees, effective date, repeated rights ----

fn unit_fees_do_not_depend_on_a_notice() {
    for v in units() {
        lacks(
            v,
            "that Customer assigns to the Unit by written notice to Vendor, are the",
        );
        // blind16 customer-A 1: the Unit's scope is certain from day one (notice or records).
        has(
            v,
            "for fees that they share with other business units (such as a workspace, project or deployment used by several), the share of them that corresponds to the Unit's share of the users of the Service concerned",
        );
        has(
            v,
            "and, until Customer gives such a notice and wherever a notice leaves it unclear, those that Customer's records (such as its single sign-on groups and its records of the projects, API keys and deployments that it set up for the Unit) assign to the Unit",
        );
    }
    for v in variants_with(
        "is measured under this SOW for the Unit's users, deployments and requests only",
    ) {
        has(
            v,
            "Vendor shall report to Customer each calendar month, separately for the Unit, the Unit Fees and the Unit's measurement of each service level that this SOW changes (a period that runs from Vendor's report under Annex A runs, for a service level that this SOW changes, from the later of that report and this report for the same month).",
        );
    }
}

#[test]
fn blind6_customer_a_8_unit_sla_pays_without_an_assignment_notice() {
    unit_fees_do_not_depend_on_a_notice();
}

#[test]
fn blind6_vendor_a_49_unit_credits_do_not_depend_on_a_notice() {
    unit_fees_do_not_depend_on_a_notice();
}

fn call_off_takes_effect_on_signature() {
    for v in units() {
        lacks(v, "It takes effect on");
        has(
            v,
            "It takes effect when it is signed as the Master SOW requires for a call-off, and its dates are counted from 1 January 2027 (the \"Effective Date\"), the effective date of the Master SOW, except as Section 1.2 provides for a call-off that takes effect after that date.",
        );
        has(
            v,
            "the terms that it changes for the Unit apply from the date it takes effect and not to any earlier period",
        );
        has(
            v,
            "The term of this SOW is the period that starts on the Effective Date",
        );
    }
    for v in variants_with("A Call-Off takes effect when it is signed") {
        has(v, "It takes effect on");
        has(v, "This SOW starts on the Effective Date");
    }
}

#[test]
fn blind6_customer_a_18_call_off_effective_date_agrees_with_the_master() {
    call_off_takes_effect_on_signature();
}

#[test]
fn blind6_vendor_a_51_call_off_service_levels_apply_from_signature() {
    call_off_takes_effect_on_signature();
}

#[test]
fn blind6_vendor_a_52_repeated_rights_are_exercised_once() {
    for v in units() {
        has(
            v,
            "a right of Customer that this SOW repeats from the Master SOW is the right under the Master SOW, exercisable once for Customer as a whole and not once under each document, and a limit of liability that this SOW repeats from the Master SOW is the Master SOW's limit, calculated as the Master SOW calculates it (the fees paid and payable under this SOW counting among its fees, and no fee counting twice) and applying once to claims under this SOW and the Master SOW together, and Customer may reduce the Annual Commitment by notice only under the Master SOW",
        );
    }
}

// ---- vendor-B 19: residency against "no later than other customers" ----

#[test]
fn blind6_vendor_b_19_no_later_than_is_measured_where_data_may_be_processed() {
    for v in variants_with("Vendor shall make each of them available to Customer") {
        assert!(v.text.contains("Approved Region"), "{}", v.name);
        lacks(
            v,
            "available to Customer no later than to its other enterprise customers",
        );
        has(
            v,
            "no later than it makes it available for processing there to any other enterprise customer",
        );
    }
    for v in variants_with("no later than it offers one to any other enterprise customer") {
        has(
            v,
            "or, for a programme that Vendor first runs only outside the Approved Region",
        );
    }
}

// ---- vendor-A 16: dedicated capacity is configured, not given ----

#[test]
fn blind6_vendor_a_16_dedicated_capacity_is_not_free() {
    for v in VARIANTS.iter() {
        lacks(v, "configuration of dedicated infrastructure or capacity");
    }
    for v in variants_with("dedicated infrastructure or capacity") {
        has(
            v,
            "configuration of any dedicated infrastructure or capacity that Customer buys for the Services (onboarding covers its configuration; the capacity itself is charged at Customer's prices for it)",
        );
    }
}

// ---- vendor-A 18 and 67: price protection ----

#[test]
fn blind6_vendor_a_18_price_protection_reaches_later_priced_items() {
    for v in VARIANTS.iter() {
        lacks(v, "Customer's prices in effect on the Effective Date");
    }
    // A ceiling at both stances (blind12 customer-B 2).
    for v in variants_with("each of Customer's prices, which include those in the Price Schedule,")
    {
        has(
            v,
            "shall not rise above its level on the Effective Date or, for an item that is first made available to Customer after the Effective Date, above its level on the day it is first made available",
        );
        lacks(v, "are fixed for");
    }
}

#[test]
fn blind6_vendor_a_67_price_freeze_does_not_outrun_a_blank_term() {
    for v in variants_named("minimal") {
        has(
            v,
            // blind16 customer-A 23: nor cut short of a longer initial Term.
            "of the Term or, if longer, the whole Term before any renewal, each of Customer's prices, which include those in the Price Schedule, shall not rise above its level",
        );
    }
    for v in variants_named("global-bank") {
        lacks(v, "if the Term is shorter, for the whole Term");
    }
}
