//! The comparison read 22 (issue 26, session 38b): points where the preferred draft of Annex A
//! or Annex B was weaker for Customer than its own fallback. Each protection is now one
//! sentence that both stances read; each test asserts it over every example in both stances
//! and every unit of the bank where the clause applies.

use crate::counsel::{VARIANTS, has, lacks, variants_with};

/// Both stances are among `vs`: the protection is not a one-stance text.
#[track_caller]
fn both_stances(vs: &[&crate::counsel::Variant]) {
    assert!(vs.iter().any(|v| v.stance == "preferred"));
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    assert!(vs.iter().any(|v| v.name.contains("unit markets")));
}

/// compare 2: short-notice security maintenance at the preferred could use the whole monthly
/// Scheduled Maintenance allowance, more than the fallback's Emergency Maintenance allowance.
/// It is now Scheduled Maintenance for no more than one hour a month (the Markets unit's whole
/// allowance is one hour).
#[test]
fn b22_compare_2_urgent_maintenance_has_its_own_monthly_limit() {
    let vs = variants_with(
        "cannot wait for that notice is also Scheduled Maintenance if Vendor notifies it",
    );
    assert!(vs.iter().any(|v| v.stance == "preferred"));
    for v in vs {
        lacks(
            v,
            "it is subject to every other limit on Scheduled Maintenance.",
        );
        has(
            v,
            "it is subject to every other limit on Scheduled Maintenance in Section 5.3 (including the hours in which Scheduled Maintenance may be carried out), its hours count towards the limit there on the hours of Scheduled Maintenance, and no more than one (1) hour of it in total in any calendar month for all Covered Services together, an hour counting once for each Covered Service that it affects, is Scheduled Maintenance",
        );
    }
}

/// compare 3: the month in which 0.5% of Customer's requests fail was a Service Level Failure
/// only at the fallback (under its per-minute threshold); failures bunched into busy minutes
/// reach it within the Downtime the preferred allows.
#[test]
fn b22_compare_3_failed_request_month_at_both_stances() {
    let vs = variants_with("\"Uptime Commitment\"");
    both_stances(&vs);
    for v in vs {
        has(
            v,
            "and so is a calendar month in which 0.5% or more of all the requests that Customer's systems and users submit to it in that month, other than in minutes excluded under Section 5.1, fail with server-side errors, are Time-outs or cannot connect to it",
        );
    }
}

/// compare 6: Vendor could rebut Customer's Downtime records at the preferred at any time and
/// informally; now in writing within fifteen days, and Customer's data is taken into account,
/// at both stances.
#[test]
fn b22_compare_6_written_rebuttal_within_fifteen_days_at_both_stances() {
    let vs = variants_with("Customer may also monitor the Covered Services.");
    both_stances(&vs);
    for v in vs {
        has(
            v,
            "Customer may also monitor the Covered Services. Vendor shall take into account any monitoring data, logs or user reports that Customer gives it when it calculates Downtime.",
        );
        has(
            v,
            "unless Vendor shows in writing from its records of those requests, within fifteen (15) days after receiving Customer's records, that",
        );
        lacks(v, "unless Vendor shows from its records of those requests");
    }
}

/// compare 7: already one sentence at both stances (blind20 customer-A 6): a Model Error that
/// Vendor cannot reproduce is no reason to decline the report or delay the fix.
#[test]
fn b22_compare_7_unreproducible_model_error_at_both_stances() {
    let vs = variants_with("Priority Fixes for Model Errors");
    both_stances(&vs);
    for v in vs {
        has(
            v,
            "That the outputs of a model can vary, or that Vendor cannot reproduce a Model Error on demand, is not in itself a reason for Vendor to decline a report of a Model Error or to delay its fix.",
        );
    }
}

/// compare 8: a missed Latency Commitment at the preferred was a breach with a credit but no
/// duty to act; it is now a P2 incident with a written restoration plan at both stances.
#[test]
fn b22_compare_8_missed_latency_is_a_p2_incident_with_a_plan() {
    let vs = variants_with("(the \"Latency Commitment\")");
    both_stances(&vs);
    for v in vs {
        has(
            v,
            "If the Latency Commitment is not met for a Covered Service in a calendar month, Vendor shall treat the failure as an incident of severity P2",
        );
        has(
            v,
            "investigate its cause and, within ten (10) days after the end of that month, give Customer a written plan to restore the Latency Commitment, and shall then carry out that plan.",
        );
        if v.stance == "preferred" {
            has(v, "That failure is also a breach of this SOW.");
        }
        lacks(
            v,
            "in a calendar month, that failure is a breach of this SOW",
        );
    }
}

/// compare B1: the express rule that a standard checklist is not a response, and the duty to
/// ask for information in writing as soon as Vendor can, were in the fallback only.
#[test]
fn b22_compare_b1_no_checklist_response_and_written_prompt_requests() {
    let vs = variants_with("Response Times and Updates");
    both_stances(&vs);
    for v in &vs {
        has(
            v,
            "An automated acknowledgement, a ticket number, a request from Vendor for information that Customer has already given and a standard list of information asked for whatever the request are not responses.",
        );
    }
    let vs = variants_with("Documentation of Support Requests");
    both_stances(&vs);
    for v in vs {
        has(
            v,
            "Vendor shall request in writing, as soon as it can, any further information that it needs to resolve the request.",
        );
        lacks(v, "Vendor may ask for further information");
    }
    for v in VARIANTS.iter() {
        lacks(v, "is not a response either");
    }
}
