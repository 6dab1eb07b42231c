//! Blind read 19 (issue 26), the findings on Annexes A–D assigned to h15. Each test asserts,
//! over every example in both stances and every unit of the bank, that the quoted defect is
//! gone and the fixed text is present where it applies.

use crate::counsel::{VARIANTS, has, lacks, variants_named, variants_with};

/// customer-B 13: the residency clause said the retention clause permits review of flagged
/// content only from within the Approved Region, but the special-category zero-retention text
/// set no place. Content kept or reviewed with Customer's consent stays in the region.
#[test]
fn blind19_customer_b_13_consented_review_stays_in_the_approved_region() {
    let claim = "governs any other review of that content and permits it only from within the Approved Region";
    let vs = variants_with(claim);
    assert!(vs.iter().any(|v| v.name.contains("healthcare-azure")));
    for v in vs {
        if v.text
            .contains("Vendor shall not keep flagged content, or let any person review it")
        {
            has(
                v,
                "without Customer's prior written consent in each case (a consent that is, for the item concerned only, an exception to the preceding sentence), and shall keep and review content so consented to only in and from within the Approved Region",
            );
        } else {
            has(v, "only from within the Approved Region");
        }
    }
}

/// vendor-A 13: the use clause permitted "the abuse monitoring" that the retention clause
/// allows, which then barred human review without consent. One rule: monitoring is automated,
/// and human review of content is only what the retention clause allows.
#[test]
fn blind19_vendor_a_13_one_rule_for_abuse_monitoring_and_review() {
    for v in VARIANTS.iter() {
        lacks(v, "which permit the abuse monitoring that Section");
    }
    for v in variants_with("Customer's documented instructions (which permit") {
        has(
            v,
            "(which permit abuse monitoring, and human review of content, only as Section 3.1 allows them)",
        );
    }
    let kept =
        variants_with("Vendor may retain prompts, other inputs and outputs for no longer than");
    assert!(kept.iter().any(|v| v.stance == "preferred"));
    for v in kept {
        lacks(
            v,
            "solely to monitor the Services for abuse, and shall delete them",
        );
        has(
            v,
            "solely to monitor the Services for abuse by automated means and for the review of flagged content that this paragraph permits, and shall delete them",
        );
    }
}

/// vendor-B 11: Annex D permits blocking flagged content, while Annex A counted every refusal
/// of a legitimate request as a Model Error. One rule, in the Model Error definition, which
/// Annex D's permission refers to.
#[test]
fn blind19_vendor_b_11_content_filter_blocks_and_model_errors_agree() {
    let def = "refusals and blocks of legitimate requests and outputs, whether by a model or by a content filter (a request or output is legitimate if it is lawful and within a use of the Services that this SOW describes or that Customer has described to Vendor, unless a content-filter setting that Customer has chosen calls for its block; a default setting of Vendor's is not one that Customer has chosen),";
    for v in VARIANTS.iter() {
        lacks(v, "refusals of legitimate requests,");
    }
    let vs = variants_with("\"Model Error\" means");
    assert!(vs.iter().any(|v| v.name.contains("unit markets")));
    for v in vs {
        has(v, def);
    }
    let blocks = variants_with("block a request or output that they flag as a likely violation");
    assert!(blocks.iter().any(|v| v.stance == "fallback"));
    for v in blocks {
        has(
            v,
            "flag as a likely violation of Vendor's usage policies (a block of a legitimate request may still be a Model Error, as Section 1.",
        );
    }
}

/// vendor-A 14: "Customer Data" included "any model ... derived from" it, so the export of a
/// "complete copy" took in the base model's weights that the export clause excludes.
#[test]
fn blind19_vendor_a_14_customer_data_excludes_base_model_weights() {
    for v in VARIANTS.iter() {
        lacks(v, "any model, log or index derived from them");
        has(
            v,
            "any log or index derived from them, and any model fine-tuned on them, to the extent of what the fine-tuning produces (such as the changes it makes to the weights of Vendor's base model, or the adapter weights it adds) and never Vendor's base models or their weights, but not the records",
        );
    }
    for v in variants_with("a complete copy of the Customer Data") {
        if v.stance == "preferred" {
            has(v, "without the weights of the base model itself");
        }
    }
}

/// customer-A 2: twenty milliseconds deducted per output token exceeded what models take per
/// token, so queueing in a non-streamed response vanished from the latency measure.
#[test]
fn blind19_customer_a_2_non_streamed_allowance_is_below_generation_time() {
    let vs = variants_with("(the \"Latency Commitment\")");
    assert!(vs.iter().any(|v| v.name.contains("unit markets")));
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    for v in VARIANTS.iter() {
        lacks(v, "twenty (20) milliseconds for each token");
    }
    for v in vs {
        has(
            v,
            "less five (5) milliseconds for each token of text returned to Customer in it (the output tokens that the usage data returned with it shows, less any tokens that it shows of reasoning, of images or audio, or of other output that does not count under this Section)",
        );
    }
    assert!(!variants_named("healthcare-azure.json").is_empty());
}
