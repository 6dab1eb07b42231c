//! The sixth blind read (customer's and vendor's counsel, 2026-12-07), the findings on
//! Annex A (service levels), Annex B (support) and Annex C (training). Each test is named
//! after its report and finding, asserts over the shared variants (every example in both
//! stances and every unit of the bank) that the quoted defect is gone, and that the fixed
//! text is there where it applies.

use serde_json::json;

use crate::common::{example_json, patched};
use crate::counsel::{VARIANTS, has, lacks, text, variants_named, variants_with, with_stance};

/// The quoted contradiction: P1/P2 clocks run round the clock against business-hours
/// coverage "for requests of every Severity Level" and channels open only in those hours.
const EVERY_LEVEL_IN_HOURS: &str = "for requests of every Severity Level during the business hours";
const CHANNELS_IN_HOURS_ONLY: &str =
    "each available throughout the hours of coverage in Section 3.1. ";

#[test]
fn blind6_customer_b_5_p1_and_p2_are_supported_and_reachable_whenever_their_clocks_run() {
    let clocks = "The Response Times for P1 and P2 requests run continuously";
    for v in variants_with(clocks) {
        has(
            v,
            "Vendor shall provide support for P1 and P2 requests at all times, including at night, at weekends and on public holidays, and for requests of the other Severity Levels",
        );
        has(v, "and, for P1 and P2 requests, at all times.");
        lacks(v, EVERY_LEVEL_IN_HOURS);
        lacks(v, CHANNELS_IN_HOURS_ONLY);
        lacks(
            v,
            "for requests of every Severity Level on a follow-the-sun basis",
        );
    }
    // Health and minimal at the fallback stance are the report's HF and MF.
    for name in [
        "healthcare-azure.json (fallback)",
        "minimal.json (fallback)",
    ] {
        let v = variants_named(name)[0];
        has(
            v,
            "Vendor shall provide support for P1 and P2 requests at all times",
        );
    }
    // MF's follow-the-sun names no time zone: the gap shows as a blank.
    has(
        variants_named("minimal.json (fallback)")[0],
        "At the Effective Date those time zones are [●].",
    );
    // Round-the-clock coverage is unchanged: every level, all hours.
    for v in variants_with(
        "Vendor shall provide support for requests of every Severity Level twenty-four (24) hours a day",
    ) {
        lacks(v, "and, for P1 and P2 requests, at all times");
    }
    // Business-hours coverage (the report's HF reading): the same rule.
    let t = text(&patched(
        &with_stance(&example_json("healthcare-azure.json"), "fallback"),
        json!({"support": {
            "coverage": "business_hours",
            "business_hours": {"timezone": "Europe/Berlin", "start": "08:00", "end": "18:00"},
            "p1_phone_24x7": true
        }}),
    ));
    assert!(t.contains("Vendor shall provide support for P1 and P2 requests at all times, including at night, at weekends and on public holidays, and for requests of the other Severity Levels from 08:00 to 18:00"), "{t}");
    assert!(t.contains("and, for P1 and P2 requests, at all times."));
    assert!(!t.contains("Outside those hours the Response Times for P1 and P2 requests still run"));
}

#[test]
fn blind6_vendor_b_24_fallback_p2_clock_has_staff_and_channels_behind_it() {
    for v in variants_named("global-bank.json (fallback)") {
        has(
            v,
            "through telephone, email, the online support portal or a shared messaging channel, each available throughout the hours of coverage in Section 3.1 and, for P1 and P2 requests, at all times",
        );
        lacks(v, CHANNELS_IN_HOURS_ONLY);
    }
}

#[test]
fn blind6_vendor_a_29_follow_the_sun_gaps_do_not_strand_a_p2() {
    for v in variants_with("on a follow-the-sun basis") {
        has(
            v,
            "Vendor shall provide support for P1 and P2 requests at all times, including at night, at weekends and on public holidays, and for requests of the other Severity Levels on a follow-the-sun basis",
        );
        has(
            v,
            "The Response Times for P1 and P2 requests run continuously, as Section 2.2 provides",
        );
    }
}

#[test]
fn blind6_vendor_b_11_a_permitted_suspension_is_not_downtime() {
    for v in VARIANTS.iter() {
        lacks(v, "This list is exhaustive: no other exclusion applies");
    }
    for v in variants_with("Annex A — Service Levels") {
        has(
            v,
            "A minute is also excluded from Downtime while the Covered Service is unavailable because of a suspension or restriction of the Services that Section 3.3 of the Statement of Work",
        );
        has(
            v,
            "permits, for as long as and to the extent that it is so permitted. A rejection or queuing of Customer's requests above the rate limits that Section 10.2 of the Statement of Work allows excludes no minute",
        );
        has(
            v,
            "do not count as failed, as that Section provides. This list and that exclusion are exhaustive",
        );
    }
    // With no exclusion list, the permitted suspension is still the one exception.
    let t = text(&patched(
        &example_json("healthcare-azure.json"),
        json!({"sla": {"exclusions": []}}),
    ));
    assert!(t.contains("No event is excluded from Downtime except a suspension or restriction of the Services that Section 3.3 of the Statement of Work"), "{t}");
    assert!(!t.contains("No event is excluded from Downtime: every minute"));
    // blind23 vendor-B 32: a rate-limit rejection excludes requests, never a minute.
    assert!(t.contains("applies. A rejection or queuing of Customer's requests above the rate limits that Section 10.2 of the Statement of Work allows excludes no minute"), "{t}");
}

const SWALLOWED: &str = "even if that breach also causes Downtime";

#[test]
fn blind6_vendor_b_16_sole_monetary_remedy_is_not_emptied_by_its_carve_out() {
    for v in VARIANTS.iter() {
        lacks(v, SWALLOWED);
    }
    for v in variants_with("They are Customer's sole monetary remedy for Downtime") {
        has(
            v,
            "Customer may not recover damages for Downtime as such by framing its claim as a breach of another obligation",
        );
    }
    for name in ["global-bank.json (fallback)", "minimal.json (fallback)"] {
        has(variants_named(name)[0], "Downtime as such");
    }
}

#[test]
fn blind6_vendor_a_57_the_floor_below_which_damages_stay_is_kept() {
    for v in variants_with("Customer may not recover damages for Downtime as such") {
        has(
            v,
            "by framing its claim as a breach of another obligation, except as this Section provides for a month below 99%; a loss caused by a breach that Section 4.3 of Annex D covers",
        );
        has(v, "Customer may also recover its damages for the Downtime");
    }
}

#[test]
fn blind6_vendor_b_22_a_reclassified_p1_does_not_loop_back() {
    for v in variants_with("the request becomes a P2 request") {
        has(
            v,
            "The request becomes a P1 request again, Vendor's continuous work under this Section resuming, if the workaround stops working",
        );
    }
    // The preferred bank has the rollout uplift the report quotes, and the sentence names it.
    for v in variants_with(
        "as of one Severity Level above the Severity Level that its impact alone would justify",
    ) {
        // blind39 vendor 7: said once, in the uplift itself.
        has(
            v,
            "except that this does not apply to a request that has become a P2 request after a workaround under Section 2.3 of Annex B, which is a P2 request for every purpose until that Section makes it a P1 request again;",
        );
        lacks(v, "The uplift of one Severity Level under Section");
    }
}

#[test]
fn blind6_vendor_b_44_clinician_sessions_are_four_in_total() {
    for v in VARIANTS.iter() {
        lacks(v, "one session for each hospital site");
    }
    for v in variants_named("healthcare-azure.json") {
        has(
            v,
            "Clinical documentation for clinicians (End-user training)\nfour (4)\n",
        );
        has(v, "clinicians from all of Customer's hospital sites");
    }
}

#[test]
fn blind6_vendor_b_46_recordings_are_confidential_as_to_what_customer_discloses() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "as confidential information of Customer, and shall not use any of it",
        );
    }
    for v in variants_with("Vendor shall record each live Training Session") {
        has(
            v,
            "Anything Customer's personnel disclose in a Training Session, including in a recording of it, is confidential information of Customer.",
        );
        has(
            v,
            "Vendor keeps its rights in its own training content that a recording contains, which Customer may use as Section 3.3 provides.",
        );
        has(v, "(the \"Training Materials\")");
    }
}

#[test]
fn blind6_vendor_a_44_latency_runs_to_the_first_token_returned() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "measured from Vendor's receipt of a request until the first token of the response is generated",
        );
    }
    for v in variants_with("(the \"Latency Commitment\")") {
        has(
            v,
            "Response time is measured from the moment a request reaches Vendor's systems, including any time it waits in a queue, until Vendor has generated the first token of the content of the output that it returns to Customer (its content being any text, tool or function call, structured output, image or audio that it returns; a token of reasoning, a summary of reasoning, a role, header or placeholder, or other intermediate output does not count, whether or not it is returned)",
        );
    }
}

#[test]
fn blind6_vendor_a_46_vendor_probes_do_not_override_customer_evidence() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "unless Vendor shows from its records that the Covered Service was Available to Customer in that minute",
        );
    }
    let vs = variants_with(
        "A minute is also Downtime, even if Vendor's records do not show it, if Customer's monitoring records or the logs of Customer's systems show",
    );
    for v in &vs {
        has(
            v,
            "unless Vendor shows in writing from its records of those requests, within fifteen (15) days after receiving Customer's records, that the Covered Service received them and processed them without server-side errors or Time-outs",
        );
        has(
            v,
            "Vendor's monitoring requests alone do not rebut those records.",
        );
    }
    assert!(vs.iter().all(|v| v.stance == "preferred"));
}

#[test]
fn blind6_vendor_a_47_a_model_error_needs_no_prior_description_or_consistency() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "a use of the Services that Customer has described to Vendor",
        );
        lacks(v, "outputs that are consistently incorrect");
    }
    for v in variants_with("\"Model Error\" means") {
        has(
            v,
            "a use of the Services that this SOW describes or that Customer describes to Vendor, including in its report of the error",
        );
        has(v, "whether the error occurs every time or intermittently");
    }
}

#[test]
fn blind6_vendor_a_48_a_supplier_failure_is_not_itself_force_majeure() {
    for v in variants_with(
        "supplier of Vendor is Downtime, unless the failure is itself caused by a Force Majeure Event",
    ) {
        has(
            v,
            "(and the failure of a subcontractor, hosting provider or supplier of Vendor, including its cloud provider, is not itself such an event, whatever the Agreement's definition of it includes)",
        );
    }
    for name in [
        "global-bank.json (fallback)",
        "healthcare-azure.json (fallback)",
    ] {
        has(variants_named(name)[0], "is not itself such an event");
    }
}
