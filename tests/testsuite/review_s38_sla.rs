//! Blind read 20 (issue 26, session 38): Annex A, Annex B and force majeure. Each test
//! asserts, over every example in both stances and every unit of the bank, that the quoted
//! defect is gone and the fixed text is present where it applies.

use crate::counsel::{VARIANTS, has, lacks, variants_with};

const REPRODUCE: &str = "That the outputs of a model can vary, or that Vendor cannot reproduce a Model Error on demand, is not in itself a reason for Vendor to decline a report of a Model Error or to delay its fix.";

/// customer-A 6: the preferred Model Error clause let Vendor decline a report it could not
/// reproduce, which the fallback forbade. One sentence, at both stances.
#[test]
fn b20_customer_a_6_unreproducible_model_error_at_both_stances() {
    let vs = variants_with("Priority Fixes for Model Errors");
    assert!(vs.iter().any(|v| v.stance == "preferred"));
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    for v in vs {
        has(v, REPRODUCE);
        lacks(
            v,
            "is not in itself a reason for Vendor to decline a report of a Model Error.",
        );
    }
}

/// customer-A 13: the fallback kept "No provision of this SOW that raises the Severity Level"
/// with no provision raising one. The sentence now names the rollout uplift, and only where it
/// exists.
#[test]
fn b20_customer_a_13_no_leftover_severity_raising_reference() {
    for v in VARIANTS.iter() {
        lacks(v, "No provision of this SOW that raises the Severity Level");
    }
    let vs =
        variants_with("as of one Severity Level above the Severity Level that its impact alone");
    assert!(!vs.is_empty());
    for v in vs {
        has(
            v,
            "except that this does not apply to a request that has become a P2 request after a workaround under Section 2.3 of Annex B, which is a P2 request for every purpose until that Section makes it a P1 request again;",
        );
    }
}

/// customer-B 6: a block of lawful clinical content under Vendor's policies or default filter
/// escaped the Model Error definition. Legitimate is lawful and in scope; a default setting is
/// not one Customer chose.
#[test]
fn b20_customer_b_6_default_filter_blocks_are_model_errors() {
    let vs = variants_with("\"Model Error\"");
    assert!(vs.iter().any(|v| v.name.starts_with("healthcare-azure")));
    for v in vs {
        lacks(
            v,
            "that violates Vendor's usage policies or that a content-filter setting",
        );
        has(
            v,
            "a request or output is legitimate if it is lawful and within a use of the Services that this SOW describes or that Customer has described to Vendor, unless a content-filter setting that Customer has chosen calls for its block; a default setting of Vendor's is not one that Customer has chosen",
        );
    }
}

/// vendor-A 35: Customer's latency measurement gave way to any shorter time on Vendor's record,
/// which never includes transit. Vendor now rebuts only by showing the excess lay on Customer's
/// side.
#[test]
fn b20_vendor_a_35_customer_latency_measurement_governs() {
    let vs = variants_with("Latency Commitment");
    for v in vs
        .iter()
        .filter(|v| v.text.contains("Customer may also measure response times"))
    {
        lacks(
            v,
            "unless Vendor shows from its record of that request that its response time was shorter",
        );
        has(
            v,
            "unless Vendor shows, in writing within fifteen (15) days after receiving Customer's measurement and from its record of that request, that Vendor's systems answered it within the threshold above and that the rest of the time that Customer measured was spent in Customer's own systems or network connection",
        );
    }
    assert!(
        vs.iter()
            .any(|v| v.text.contains("Customer may also measure response times"))
    );
}

/// vendor-A 36: a request that Vendor cancelled when the client gave up was never a Time-out,
/// so a short client setting turned hangs into non-events. The exception now covers only a
/// client that gave up within the stream-start period or after output had begun.
#[test]
fn b20_vendor_a_36_abandoned_hang_is_a_time_out() {
    let vs = variants_with("\"Time-out\"");
    for v in vs {
        lacks(
            v,
            "but not if Vendor's systems stop processing it because Customer's systems stopped waiting for it",
        );
        // blind23 vendor-B 31: one rule for an abandoned request, which a cancellation after
        // the client has gone cannot defeat.
        lacks(
            v,
            "stopped processing it because Customer's systems stopped waiting for it",
        );
        has(
            v,
            "is a Time-out if, and only if, they had waited at least ",
        );
        has(
            v,
            "and Vendor's records do not show that Vendor's systems had by then begun to answer it or to generate output for it.",
        );
    }
}

/// vendor-A 37: the per-token allowance for a non-streamed response counted every output
/// token in the usage data, reasoning tokens included.
#[test]
fn b20_vendor_a_37_per_token_allowance_excludes_reasoning_tokens() {
    let vs = variants_with("For a response that is not streamed");
    for v in vs {
        lacks(
            v,
            "for each token of output in it (as the usage data returned with it shows)",
        );
        has(
            v,
            "for each token of text returned to Customer in it (the output tokens that the usage data returned with it shows, less any tokens that it shows of reasoning, of images or audio, or of other output that does not count under this Section)",
        );
    }
}

/// vendor-A 38: the preferred Force Majeure Event was whatever the Agreement defines. It is now
/// defined here, and an event must meet the Agreement's definition as well.
#[test]
fn b20_vendor_a_38_force_majeure_defined_in_the_sow_at_preferred() {
    let vs = variants_with("\"Force Majeure Event\"");
    assert!(vs.iter().any(|v| v.stance == "preferred"));
    for v in vs.iter().filter(|v| v.stance == "preferred") {
        lacks(
            v,
            "\"Force Majeure Event\" has the meaning given to it in the Agreement",
        );
        has(
            v,
            "means an event beyond Vendor's reasonable control whose effects Vendor could not have prevented or overcome by reasonable precautions and that is also a force majeure event as the Agreement defines it, if it defines one",
        );
    }
}

/// vendor-A 40: Downtime caused by Customer "in breach of the Agreement" let the Agreement's
/// incorporated usage policies decide the exclusion.
#[test]
fn b20_vendor_a_40_customer_caused_exclusion_not_by_policy_breach() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "Customer's systems or connectivity, in breach of the Agreement;",
        );
        lacks(
            v,
            "Customer's systems or connectivity, in breach of the Agreement.",
        );
    }
    for v in
        variants_with("an act or omission of Customer, or of Customer's systems or connectivity")
    {
        has(
            v,
            "in breach of this SOW or of the Agreement's own terms (not of a policy or other document of Vendor, even one that the Agreement incorporates)",
        );
    }
}

/// vendor-A 41: "four (4) hours in total in any calendar month" could be read per Covered
/// Service. The limit is one total for all of them.
#[test]
fn b20_vendor_a_41_maintenance_limit_is_one_total() {
    let vs = variants_with("in total in any calendar month");
    assert!(vs.iter().any(|v| v.name.contains("unit markets")));
    for v in vs {
        has(
            v,
            "in total in any calendar month for all Covered Services together, an hour counting once for each Covered Service that the maintenance affects",
        );
        assert!(
            !v.text.contains("in total in any calendar month;")
                && !v.text.contains("in total in any calendar month,"),
            "{}: a maintenance limit without its total",
            v.name
        );
    }
}

/// vendor-A 43: at the fallback Annex D said an event the Continuity Plan should have let
/// Vendor withstand is "not a Force Majeure Event under" Annex A, which no longer carved it out.
/// Annex A's fallback list now carves it out wherever Annex D has a Continuity Plan.
#[test]
fn b20_vendor_a_43_continuity_carve_out_in_annex_a() {
    let vs =
        variants_with("should have allowed Vendor to withstand is not a Force Majeure Event under");
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    for v in vs.iter().filter(|v| v.stance == "fallback") {
        has(
            v,
            "a shortage of capacity or computing resources; or an event that the Continuity Plan under Section",
        );
    }
}
