//! Blind read 17 (issue 26), the findings on Annexes A–E assigned to h11. Each test asserts,
//! over every example in both stances and every unit of the bank, that the quoted defect is
//! gone and the fixed text is present where it applies.

use serde_json::json;

use crate::common::{example_json, patched};
use crate::counsel::{VARIANTS, has, lacks, text, variants_named, variants_with, with_stance};

/// customer-A 6: the recovery time and recovery point were only what the Continuity Plan had
/// to say, so a twelve-hour restore breached nothing, while Annex D's liability Section reads
/// a data loss "that Section 6.3 does not allow". They are now Vendor's own obligations, and
/// the plan must provide for both.
#[test]
fn blind17_customer_a_6_recovery_time_and_point_are_obligations() {
    let vs = variants_with("(the \"Continuity Plan\")");
    assert_eq!(vs.len(), VARIANTS.len());
    for v in &vs {
        lacks(v, "plan (the \"Continuity Plan\") under which");
        lacks(v, "Vendor restores the Services within");
        let (rto, rpo) = if v.stance == "preferred" {
            ("four (4) hours", "one (1) hour")
        } else {
            ("eight (8) hours", "two (2) hours")
        };
        has(
            v,
            &format!(
                "After an event that disrupts the Services (including the loss of a data centre), Vendor shall restore the Services within {rto} and shall lose none of the Customer Data stored in the Services (such as conversation history, uploaded files, fine-tuning data and fine-tuned models) other than what was stored in the {rpo} before the event. Vendor shall maintain, for the Services, a written business continuity and disaster recovery plan (the \"Continuity Plan\") that provides for both."
            ),
        );
        // Annex D's liability Section reads the obligation, not the plan.
        has(
            v,
            "causes a loss or corruption of Customer Data stored in the Services that Section 6.3 does not allow",
        );
    }
}

/// customer-B 3, vendor-A 40: at the fallback the 2% thresholds could be read across all of
/// Customer's traffic, so a total outage of one low-volume model, deployment, interface or
/// region was not Downtime, and limb (a) ("through an interface ... or in a region ... cannot
/// do so") was garbled. The limbs are now plain, and one sentence applies each share to the
/// Covered Service as a whole and to each model, deployment, interface and region.
#[test]
fn blind17_customer_b_3_fallback_threshold_applies_per_model_deployment_interface_and_region() {
    for v in VARIANTS.iter() {
        lacks(v, "or in a region in which Customer uses it cannot do so");
    }
    let vs = variants_with("\"Available\" means");
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    for v in &vs {
        if v.stance == "fallback" {
            has(
                v,
                "(a) 2% or more of Customer's users who try in that minute to access the Covered Service, or to submit requests to it, cannot do so; or (b) 2% or more of the requests that Customer's systems and users submit in that minute to it fail with server-side errors, are Time-outs or cannot connect to it. Each share in (a) and (b) is counted both for the Covered Service as a whole and separately for each model, deployment, interface (its sign-in included) and region of it that Customer uses, counting only the users and requests of that model, deployment, interface or region, and the Covered Service is not Available in the minute if any one of those shares reaches 2%.",
            );
        } else {
            lacks(v, "Each share in (a) and (b)");
            has(
                v,
                "(a) Customer or any of its users cannot access the Covered Service through an interface of it that Customer uses, in any region of it that Customer uses or from any of Customer's regions; or (b) any request that Customer's systems and users submit in that minute to it, or to any model or deployment of it that Customer uses, fails with a server-side error, cannot connect to it or is a Time-out.",
            );
        }
    }
    // A deal that agrees another threshold has it in the per-part sentence too.
    let t = text(&with_stance(
        &patched(
            &example_json("healthcare-azure.json"),
            json!({"sla": {"downtime_threshold": {"error_rate_pct": 5}}}),
        ),
        "fallback",
    ));
    assert!(t.contains("(a) 5% or more of Customer's users who try in that minute"));
    assert!(t.contains("if any one of those shares reaches 5%."));
}

/// vendor-A 39: the fallback dropped "monitoring requests alone do not rebut", so Vendor's
/// one-minute probes, which almost always succeed, could show a minute Available against
/// Customer's logs. The fallback keeps its concessions (the threshold, the period to answer)
/// and says that the probes alone show nothing.
#[test]
fn blind17_vendor_a_39_probes_alone_never_rebut_customers_records() {
    let vs = variants_with("Customer may also monitor the Covered Services.");
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    for v in &vs {
        if v.stance == "fallback" {
            has(
                v,
                "that the Covered Service was Available in that minute or that the requests failed only because of Customer's own systems or network connection. Vendor's monitoring requests alone do not show either.",
            );
        } else {
            has(
                v,
                "Vendor's monitoring requests alone do not rebut those records.",
            );
        }
    }
}

/// customer-B 4, vendor-B 23: the late-training credit was on "the fees for the Services for
/// the calendar month", tiny in a low-use pilot month. It is on Annex A's credit base (the
/// greater of use and the monthly share of a commitment), read from Annex A.
#[test]
fn blind17_customer_b_4_training_credit_on_annex_a_base() {
    let vs = variants_with(
        "For each Training Session that Vendor has not delivered by the end of that period",
    );
    assert_eq!(vs.len(), VARIANTS.len());
    for v in &vs {
        let pct = if v.stance == "preferred" { "5%" } else { "2%" };
        has(
            v,
            &format!(
                "a credit of {pct} of the fees for the Services for the calendar month in which that period ends, calculated for all the Services together in the way that Section 3.1 of Annex A calculates the fees for a Covered Service for a month, set off against the first invoice for the Services that Vendor issues within thirty (30) days after the end of that period"
            ),
        );
        // The base it reads is Annex A's one sentence.
        has(
            v,
            "The fees for a Covered Service for a month are the greater of the fees charged for its use in that month (including usage-based fees) and the monthly share of any fees charged or committed for it for a longer period",
        );
    }
    // Without Annex A's credits the clause states the same base itself.
    let t = text(&with_stance(
        &patched(&example_json("minimal.json"), json!({"sla": null})),
        "fallback",
    ));
    assert!(t.contains(
        "calendar month in which that period ends, which are the greater of the fees charged for their use in that month and the monthly share of any fees charged or committed for them for a longer period, each amount counted once, set off against"
    ));
}

/// vendor-B 20: the fallback forbade restricting access "after it ends, until Vendor has
/// deleted" Customer Data, and a later sentence let Vendor limit it to exports. One rule: the
/// limit to exports is the stated exception in the sentence that forbids the restriction.
#[test]
fn blind17_vendor_b_20_one_rule_for_access_after_the_term() {
    let vs = variants_with(
        "Vendor shall not suspend, restrict or make conditional Customer's access to Customer Data",
    );
    assert_eq!(vs.len(), VARIANTS.len());
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    for v in &vs {
        lacks(
            v,
            ". After the Term ends and any transition assistance under Section 4.1 of Annex E has ended, Vendor may limit that access",
        );
        if v.stance == "fallback" {
            has(
                v,
                "during the Term or after it ends, until Vendor has deleted Customer Data in accordance with Section 3.3, except that after the Term ends and any transition assistance under Section 4.1 of Annex E has ended Vendor may limit that access to the exports under Section 2.3. In particular",
            );
            assert_eq!(
                v.text.matches("Vendor may limit that access").count(),
                1,
                "{}",
                v.name
            );
        } else {
            lacks(v, "Vendor may limit that access");
        }
    }
}

/// vendor-B 25: a reasoned request for consent to view Special-Category Data stopped the
/// resolution clock from the moment it was made, and in clinical use nearly every issue
/// involves health data. Only the time Customer takes beyond a short period to answer stops it.
#[test]
fn blind17_vendor_b_25_consent_clock_stop_is_bounded() {
    let vs = variants_with("waiting for that consent does not stop the Response Time");
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    for v in &vs {
        lacks(
            v,
            "the time from Vendor's written request for that consent until Customer gives or refuses it",
        );
        // The longer Customer may take without stopping the clock favours Customer: the
        // preferred is the longer (the library refuses a preferred weaker than its fallback).
        let hours = if v.stance == "preferred" {
            "forty-eight (48) hours"
        } else {
            "twenty-four (24) hours"
        };
        has(
            v,
            &format!(
                "only where Vendor's written request for that consent shows why Vendor cannot make progress on the issue without viewing that Special-Category Data, the time that Customer takes, beyond {hours} after receiving that request, to give or refuse that consent or to supply de-identified or synthetic examples instead does not count towards any period within which this SOW requires Vendor to resolve the request or fix the issue concerned;"
            ),
        );
    }
    assert_eq!(vs.len(), variants_named("healthcare-azure.json").len());
}

/// vendor-B 26: the preferred use clause permitted "the abuse monitoring, if any, that
/// Section 3.1 allows" while Section 3.1 forbade only storage, leaving in-line filtering to
/// argument. Under zero data retention the retention clause says what is allowed (in-line
/// automated classification and blocking) and that nothing is kept or reviewed by a person.
#[test]
fn blind17_vendor_b_26_in_line_filtering_only_under_zero_data_retention() {
    for v in VARIANTS.iter() {
        lacks(v, "abuse monitoring, if any");
    }
    for v in variants_with("Customer's documented instructions (which permit") {
        has(
            v,
            "(which permit abuse monitoring, and human review of content, only as Section 3.1 allows them)",
        );
    }
    let zdr = variants_with("Vendor shall provide the Services with zero data retention");
    assert!(zdr.iter().any(|v| v.stance == "preferred"));
    for v in &zdr {
        if v.stance == "preferred" {
            has(
                v,
                "for any purpose, including abuse monitoring, human review and debugging. Vendor's automated systems may classify content while it is processed, and block a request or output that they flag as a likely violation of Vendor's usage policies (a block of a legitimate request may still be a Model Error, as Section 1.4 of Annex A provides), but Vendor shall not keep any content so classified or blocked, and no person shall review it.",
            );
        }
    }
}

/// customer-B 8: the fallback's data-breach super-cap was "in total for all claims under this
/// SOW", readable as a cap on every claim under the SOW. It covers only the breaches that its
/// Section covers.
#[test]
fn blind17_customer_b_8_data_cap_covers_only_its_breaches() {
    for v in VARIANTS.iter() {
        lacks(v, "in total for all claims under this SOW");
    }
    let vs = variants_with("is limited, in total for all claims");
    for v in &vs {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(
            v,
            &crate::counsel::caps_as_in(
                v,
                "is limited, in total for all claims for the breaches that this Section covers, to three (3) times the greater of",
            ),
        );
    }
}

/// customer-B 14: four-hourly P1 (and so outage) updates for a clinical service. A number, not
/// a contradiction: the check warns wherever Customer Data includes special-category data and
/// P1 updates are less frequent than hourly, and Annex A still reads the one P1 interval.
#[test]
fn blind17_customer_b_14_slow_p1_updates_are_flagged_for_special_category_data() {
    use dealdraft::check::rules::RuleSet;
    use dealdraft::deal::Source;
    let rules = RuleSet::load(&crate::common::LIBRARY).unwrap();
    let flagged = |json: &serde_json::Value| {
        let text = serde_json::to_string_pretty(json).unwrap();
        let src = Source::parse("deal.json", text).unwrap();
        let deal = dealdraft::resolve::resolve(&src, &crate::common::LIBRARY).unwrap();
        dealdraft::check::check_deal(&src, &deal, None, &rules)
            .findings
            .iter()
            .any(|f| f.rule == "support.p1-updates-slow-special-category")
    };
    let health = example_json("healthcare-azure.json");
    assert!(flagged(&with_stance(&health, "fallback")));
    assert!(!flagged(&with_stance(&health, "preferred")));
    // No special-category data: no such warning.
    assert!(!flagged(&with_stance(
        &example_json("minimal.json"),
        "fallback"
    )));
    for v in variants_named("healthcare-azure.json") {
        if v.stance == "fallback" {
            has(
                v,
                "Vendor shall then update Customer at least every four (4) hours",
            );
        }
    }
}

/// customer-A 10: the fallback charged for any export beyond one a year during the Term, so
/// an export for a regulator, an auditor, the six-month AI-use logs or an exit-plan test was
/// charged. Those stay free; the concession on routine exports stays.
#[test]
fn blind17_customer_a_10_exports_for_compliance_are_free() {
    let vs = variants_with("For any other export during the Term, Vendor may charge");
    assert!(!vs.is_empty());
    for v in &vs {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(
            v,
            "and each export that Customer reasonably needs to answer a regulator or an auditor",
        );
        has(
            v,
            "For any other export during the Term, Vendor may charge its reasonable, documented costs, if it has quoted them in advance and Customer has accepted the quote in writing.",
        );
    }
    for v in variants_named("global-bank.json") {
        if v.stance == "fallback" {
            has(
                v,
                "to answer a regulator or an auditor, to keep the logs under Section 8.2 or to test the exit plan under Section 7.1.",
            );
        }
    }
    for v in variants_named("healthcare-azure.json") {
        if v.stance == "fallback" {
            has(
                v,
                "to answer a regulator or an auditor or to keep the logs under Section 7.2.",
            );
        }
    }
}

/// customer-B 11: at the fallback, continuous P1 work ended when "a workaround so restores the
/// affected function", on Vendor's own view, and Customer "shall" then reclassify. It ends on
/// Customer's confirmation, acting reasonably; the "all material respects" test stays.
#[test]
fn blind17_customer_b_11_p1_work_ends_on_customers_confirmation() {
    let vs = variants_with("Vendor shall work on each P1 request continuously");
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    for v in &vs {
        lacks(v, "When a workaround so restores the affected function");
        if v.stance == "fallback" {
            has(
                v,
                "until the request is resolved or Customer, acting reasonably, confirms that a workaround restores the affected function of the Services in all material respects. When Customer so confirms, the request becomes a P2 request",
            );
        } else {
            has(
                v,
                "until the request is resolved or Customer confirms that a workaround restores the affected use of the Services. When Customer so confirms, the request becomes a P2 request",
            );
        }
    }
}
