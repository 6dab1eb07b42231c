//! Blind read 24 (issue 26), helper h24: Annex A (SLA), Annex B (support) and Annex D (data).
//! Each test asserts, over every example in both stances and every unit of the bank, that the
//! quoted defect is gone and the fixed text is present where it applies.

use crate::counsel::{VARIANTS, has, lacks, variants_with};

/// customer-A 7: one pooled 95th percentile per Covered Service let fast calls (embeddings)
/// hide slow chat completions. The Latency Commitment is measured for each model Customer
/// uses (and for the requests to no model), a miss in any one being a miss for the Covered
/// Service; the degradation notice and the monthly report count the same groups.
#[test]
fn b24_customer_a_7_latency_is_measured_for_each_model() {
    let vs = variants_with("(the \"Latency Commitment\")");
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    assert!(vs.iter().any(|v| v.stance == "preferred"));
    assert!(vs.iter().any(|v| v.name.contains("unit markets")));
    assert!(
        vs.iter()
            .any(|v| v.text.contains("A degradation includes any period"))
    );
    for v in vs {
        has(
            v,
            "milliseconds, measured separately for the requests to each model that Customer uses in that Covered Service and for its other requests (the \"Latency Commitment\"); the Latency Commitment is not met for a Covered Service in a month in which it is not met for one or more of those groups of requests.",
        );
        lacks(v, "milliseconds (the \"Latency Commitment\")");
        if v.text.contains("A degradation includes any period") {
            has(
                v,
                "in any of the groups of requests for which the Latency Commitment is measured, receive a response within the threshold of the Latency Commitment",
            );
        }
        has(
            v,
            "in each calendar month that ended in the period, for each group of requests for which it is measured",
        );
    }
}

/// vendor-A 24: the root-cause analysis of a latency miss (with its dated corrective actions)
/// fell due five days after the month, before the restoration plan it informs (ten days).
/// One timetable: the analysis comes with the plan.
#[test]
fn b24_vendor_a_24_latency_analysis_is_due_with_the_restoration_plan() {
    let vs =
        variants_with("Vendor shall give Customer such an analysis with the plan that Section");
    assert!(vs.iter().any(|v| v.name.contains("unit markets")));
    for v in vs {
        has(
            v,
            "requires, within ten (10) days after the end of that month.",
        );
        has(
            v,
            "within ten (10) days after the end of that month, give Customer a written plan to restore the Latency Commitment",
        );
    }
    assert!(VARIANTS.iter().all(|v| {
        !v.text
            .contains("Vendor shall give Customer such an analysis within")
    }));
}

/// vendor-B 14: urgent security patching was bound by the maintenance window at the
/// preferred, while the fallback's Emergency Maintenance could run at any time for an
/// exploited vulnerability. One timing rule: an exploited vulnerability may be remedied at
/// any time; at the preferred that maintenance is Downtime.
#[test]
fn b24_vendor_b_14_an_exploited_vulnerability_may_be_patched_at_any_time() {
    let rule = "Vendor may nevertheless carry out maintenance to remedy a security vulnerability that is being actively exploited";
    let when = "at any time, including a time that this Section does not otherwise allow, if the remedy cannot safely wait until a time that it allows";
    let vs = variants_with("is also Scheduled Maintenance if Vendor notifies it");
    assert!(vs.iter().any(|v| v.stance == "preferred"));
    for v in vs {
        has(v, rule);
        has(v, when);
    }
    let em = variants_with(
        "Vendor shall carry out Emergency Maintenance only within the hours allowed for Scheduled Maintenance, unless the vulnerability concerned is being actively exploited and its remedy cannot safely wait until those hours",
    );
    for v in em {
        lacks(v, rule);
    }
}

/// vendor-B 9: at the fallback Vendor could terminate only on showing it cannot provide the
/// Services without the sub-processor, and then had to provide them without it for 180 days.
/// Vendor now shows that it cannot provide them from the date its termination takes effect.
#[test]
fn b24_vendor_b_9_vendor_shows_it_cannot_do_without_the_sub_processor_from_its_termination_date() {
    let vs = variants_with("Vendor may terminate them by written notice to Customer");
    assert!(vs.iter().all(|v| v.stance == "fallback"));
    for v in vs {
        has(
            v,
            "Vendor may terminate them by written notice to Customer, taking effect on a date that it states no earlier than one hundred and eighty (180) days after its notice, only if it shows Customer in writing, with reasonable supporting detail, that from that date it cannot provide them without the change",
        );
        has(
            v,
            "On a termination under this Section, Vendor shall not make the change before termination takes effect.",
        );
        lacks(
            v,
            "a termination by Vendor under this Section takes effect no earlier than",
        );
    }
}

/// customer-B 14: SOW 1.2 says Service Credits are limited only as Section 3.2 of Annex A
/// provides, no limitation of liability in the Agreement limiting them, but the fallback's
/// Section 3.2 dropped that sentence. It is read at both stances.
#[test]
fn b24_customer_b_14_credits_are_outside_the_liability_caps_at_both_stances() {
    let vs = variants_with("Service Credits are uncapped");
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    assert!(vs.iter().any(|v| v.stance == "preferred"));
    for v in vs {
        has(
            v,
            "Service Credits are uncapped: no monthly, annual or aggregate limit applies to them. Service Credits do not count towards, and are not limited by, any limitation of Vendor's liability in the Agreement.",
        );
    }
    for v in variants_with("as Section 3.2 of Annex A provides") {
        has(
            v,
            "Service Credits do not count towards, and are not limited by, any limitation of Vendor's liability in the Agreement.",
        );
    }
}
