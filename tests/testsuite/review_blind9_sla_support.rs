//! The ninth blind read (customer's and vendor's counsel), the findings on Annex A (service
//! levels), Annex B (support) and Annex C (training). Each test is named after its report and
//! finding, asserts over the shared variants (every example in both stances and every unit of
//! the bank) that the quoted defect is gone, and that the fixed text is there where it applies.

use crate::counsel::{VARIANTS, Variant, has, lacks, variants_with};

const TIME_OUT: &str = "where the request asks for a streamed answer, or otherwise do not answer within ten (10) minutes, or end without an answer, except that a request that Customer's own systems stop waiting for before that period has run is a Time-out if, and only if, they had waited at least ";

const DEDUCTED: &str = "Any Service Credit paid is deducted from damages recovered for the same loss, whatever the ground of the claim.";

const NO_DOUBLE: &str = "Requests submitted in a minute of Downtime are not counted, so that no request counts toward both the Latency Commitment and Downtime.";

// blind20 vendor-A 42: one due date; the move at Vendor's request still extends the pilot.
const PILOT_KEPT: &str = "and by the number of days by which a move at Vendor's request puts off the due date of such a Training Session (unless Customer's written agreement to the move states otherwise)";

/// The variants with an SLA annex (its uptime measure).
fn with_sla() -> Vec<&'static Variant> {
    variants_with("\"Monthly Uptime Percentage\" means")
}

fn fallback_named(vs: &[&Variant], prefix: &str) -> bool {
    vs.iter()
        .any(|v| v.stance == "fallback" && v.name.starts_with(prefix))
}

#[test]
fn blind9_customer_a_5_fallback_damages_below_the_second_credit_tier() {
    for v in VARIANTS.iter() {
        lacks(v, "below 90%");
        lacks(v, "at least 90%");
    }
    let vs = variants_with("They are Customer's sole monetary remedy for Downtime");
    for v in &vs {
        has(
            v,
            "They are Customer's sole monetary remedy for Downtime in a calendar month in which the Monthly Uptime Percentage of the Covered Service is at least 99%; for a month in which it is below 99%, Customer may also recover its damages for the Downtime.",
        );
        // The SOW's body names Annex A's rule (blind read 18, customer-B 5); its carve-out
        // from the Agreement says the same threshold.
        has(
            v,
            "Section 3.1 of Annex A alone states to what extent they are Customer's remedy for Downtime",
        );
        lacks(v, "only monetary remedy for Downtime, except in a month");
        has(
            v,
            "to recover its damages for Downtime in a calendar month in which the Monthly Uptime Percentage of a Covered Service is below 99%",
        );
    }
    assert!(fallback_named(&vs, "global-bank.json (fallback)"));
    assert!(fallback_named(&vs, "global-bank.json unit markets"));
    assert!(fallback_named(&vs, "healthcare-azure.json"));
}

#[test]
fn blind9_customer_b_7_fallback_availability_is_judged_on_customers_own_requests() {
    for v in VARIANTS.iter() {
        lacks(v, "of the requests submitted to it, or to any model");
        lacks(v, "unless Vendor shows in writing from its records, within");
    }
    let vs = variants_with(
        "2% or more of the requests that Customer's systems and users submit in that minute to it fail with server-side errors, are Time-outs or cannot connect to it.",
    );
    assert!(fallback_named(&vs, "healthcare-azure.json"));
    assert!(fallback_named(&vs, "minimal.json"));
    // Customer's records prove Downtime by the same test, and Vendor answers them from its
    // records of those requests.
    for v in &vs {
        has(
            v,
            "Customer's monitoring records or the logs of Customer's systems show that a Covered Service was not Available, because requests made to it in that minute by Customer's systems or users failed with server-side errors, were Time-outs or could not connect to it, is Downtime, even if Vendor's records do not show it, unless Vendor shows in writing from its records of those requests, within fifteen (15) days after receiving Customer's records, that the Covered Service was Available in that minute",
        );
    }
}

#[test]
fn blind9_vendor_b_7_a_time_out_is_vendors_side_after_a_stated_period() {
    for v in VARIANTS.iter() {
        lacks(v, "timed out");
        lacks(v, " time out");
        lacks(v, "times out");
        lacks(v, "errors or time-outs");
    }
    let sla = with_sla();
    for v in &sla {
        has(v, TIME_OUT);
        // Customer-side causes rebut Customer's records at both stances.
        has(
            v,
            "failed only because of Customer's own systems or network connection",
        );
    }
    assert!(sla.iter().any(|v| v.stance == "fallback"));
    assert!(sla.iter().any(|v| v.stance == "preferred"));
}

#[test]
fn blind9_vendor_a_3_a_credit_is_deducted_from_damages_once_and_counts_once() {
    for v in VARIANTS.iter() {
        lacks(v, "reduced by the Service Credits given");
        lacks(v, "is deducted from the damages Customer recovers");
        lacks(
            v,
            "although the same minute may also be a failure to meet the Latency Commitment",
        );
    }
    let vs = variants_with(DEDUCTED);
    for v in &vs {
        assert_eq!(v.text.matches(DEDUCTED).count(), 1, "{}", v.name);
        // The SOW's suspension and capacity Sections say the same, in the same words.
        if v.text.contains("are not its sole remedy for it (") {
            has(
                v,
                "are not its sole remedy for it (any Service Credit paid for them is deducted from damages recovered for the same loss)",
            );
        }
        lacks(v, "Service Credit given for them is deducted");
    }
    assert!(vs.iter().any(|v| v.stance == "preferred"));
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    for v in with_sla() {
        if v.text
            .contains("They are not Customer's sole or exclusive remedy")
            || v.text.contains("They are Customer's sole monetary remedy")
        {
            has(v, DEDUCTED);
        }
    }
    for v in variants_with("\"Latency Commitment\"") {
        has(v, NO_DOUBLE);
        lacks(v, "Requests submitted during Downtime are not counted.");
    }
}

#[test]
fn blind9_customer_b_10_a_moved_training_date_keeps_the_pilot() {
    let vs = variants_with("the training in Annex C that falls due during the Pilot Period");
    for v in &vs {
        has(v, PILOT_KEPT);
    }
    assert!(fallback_named(&vs, "healthcare-azure.json"));
    assert!(fallback_named(&vs, "minimal.json"));
    // The make-up period does not replace Customer's other rights, at either stance.
    let late = variants_with("after the due date at no extra charge");
    for v in &late {
        has(
            v,
            // blind23 vendor-A 25: an obligation on top of the breach, not a cure period.
            "after the due date at no extra charge: that period is an obligation in addition to the breach that the late delivery is under Section 7.1 of the Statement of Work, not a period to cure it, and Customer keeps its other rights.",
        );
    }
    assert!(late.iter().any(|v| v.stance == "fallback"));
}
