//! Blind read 10 (issue 26), the findings on Annex D (data) assigned to h21. Each test
//! asserts, over every example in both stances and every unit of the bank, that the quoted
//! defect is gone and the fixed text is present where it applies.

use serde_json::json;

use crate::common::{example_json, patched};
use crate::counsel::{VARIANTS, has, lacks, text, variants_with, with_stance};

const REVIEW_RULE: &str =
    "no person shall review any of them without Customer's prior written consent in each case";
const OPEN_TO_REVIEW: &str = ", except those submitted through a workspace, project or deployment of the Services that Customer has designated in writing as open to that review (a designation that Customer may make or withdraw at any time; without one, all of them need that consent).";

/// customer-A 11: the limit on human review of retained prompts and outputs protected only
/// workspaces designated for health data, not a bank's client and transaction data. One
/// rule now protects all retained content: no review without Customer's consent, except (in
/// the fallback) content from a workspace Customer has opened to review; with Special-Category
/// Data declared, nothing opens it.
#[test]
fn blind10_customer_a_11_review_limit_protects_all_customer_data() {
    for v in VARIANTS.iter() {
        lacks(v, "such as data concerning health (a designation");
        lacks(
            v,
            "as one that may receive special categories of personal data",
        );
    }
    let vs = variants_with("solely to monitor the Services for abuse");
    for v in &vs {
        has(v, REVIEW_RULE);
        let sc = v.text.contains("(\"Special-Category Data\")");
        if v.stance == "fallback" && !sc {
            has(v, &format!("{REVIEW_RULE}{OPEN_TO_REVIEW}"));
        } else {
            lacks(v, OPEN_TO_REVIEW);
        }
    }
    // The bank, its Global Markets unit and the blank deal, in both stances.
    for name in [
        "global-bank.json (preferred)",
        "global-bank.json (fallback)",
        "global-bank.json unit markets (preferred)",
        "global-bank.json unit markets (fallback)",
        "minimal.json (fallback)",
    ] {
        assert!(vs.iter().any(|v| v.name == name), "{name}");
    }
    // The zero-data-retention fallback: flagged content is reviewed on the same rule.
    let zdr = with_stance(
        &patched(
            &example_json("healthcare-azure.json"),
            json!({"data": {"protection": {"special_category": false}}}),
        ),
        "fallback",
    );
    let t = text(&zdr);
    has_text(
        &t,
        "except that Vendor may keep prompts, other inputs and outputs that its automated systems flag as a likely violation",
    );
    has_text(&t, &format!("{REVIEW_RULE}{OPEN_TO_REVIEW}"));
}

/// customer-B 24, vendor-B 30: without an advance designation of special-category
/// workspaces, health data could be reviewed and reached from the support countries. Review
/// now needs consent unless Customer opens a workspace, and from outside the Approved Region
/// support reaches content only as far as Customer supplies it with the request.
#[test]
fn blind10_customer_b_24_sensitive_data_safe_without_a_designation() {
    let vs = variants_with("or to keep the Services secure (but access");
    for v in &vs {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(
            v,
            "that contain none of the content of prompts, other inputs, outputs or files, and access to provide support extends to that content only as far as Customer supplies it with the support request concerned, and Section 3.1 governs any other review of that content and permits it only from within the Approved Region",
        );
        lacks(
            v,
            "Customer Data submitted through a workspace, project or deployment",
        );
        lacks(v, "without examining the content");
    }
    assert!(vs.iter().any(|v| v.name == "minimal.json (fallback)"));
    assert_eq!(
        vs.len(),
        VARIANTS.iter().filter(|v| v.stance == "fallback").count()
    );
    // Minimal fallback: review of any retained content needs consent without a designation.
    for v in variants_with("without one, all of them need that consent") {
        has(v, REVIEW_RULE);
    }
}

/// vendor-A 54: the AI Act logs were "kept for at least six (6) months or any longer period
/// that law requires", and deleted after the Term "even if that is before the end of that
/// period". The six months now run during the Term; the deletion clause governs after it.
#[test]
fn blind10_vendor_a_54_log_retention_agrees_with_deletion() {
    for v in VARIANTS.iter() {
        lacks(v, "or any longer period that law requires");
        lacks(v, "even if that is before the end of that period");
    }
    let vs = variants_with("logs of Customer's use of the Services, kept");
    assert_eq!(vs.len(), VARIANTS.len());
    for v in &vs {
        has(v, "3.3 Deletion on Termination\n");
        has(
            v,
            "logs of Customer's use of the Services, kept, during the Term, for at least six (6) months after the use they record and available to Customer on request:",
        );
        has(
            v,
            "after the Term they are kept and deleted as Section 3.3 provides for Customer Data (which keeps them longer only where the law requires Vendor itself to keep them), and Customer may keep them for longer by exporting them first;",
        );
        has(
            v,
            "If the law requires Vendor to keep any Customer Data (or any of those records) for longer, Vendor shall tell Customer what it keeps and why",
        );
    }
    // With no deletion clause, nothing cuts the six months short, and none is said to.
    let t = text(&no_deletion_or_export());
    has_text(
        &t,
        "logs of Customer's use of the Services, kept for at least six (6) months after the use they record and available",
    );
    assert!(!t.contains("during the Term, for at least six"));
}

/// The bank at the fallback without a deletion or a portability clause.
fn no_deletion_or_export() -> serde_json::Value {
    with_stance(
        &patched(
            &example_json("global-bank.json"),
            json!({"data": {"deletion_after_termination_days": null, "portability": null}}),
        ),
        "fallback",
    )
}

/// vendor-A 55: after the Term, "access to the Customer Data in [the fine-tuned models]
/// (including their export under Section 2.3)" could be read as promising weights that
/// Section 2.3 lets Vendor withhold.
#[test]
fn blind10_vendor_a_55_post_term_model_access_is_the_export() {
    let vs = variants_with("After that, Customer's access to its fine-tuned models is");
    assert_eq!(vs.len(), VARIANTS.len());
    for v in &vs {
        lacks(v, "is access to the Customer Data in them");
        has(v, "2.3 Data Portability\n");
        has(
            v,
            "After that, Customer's access to its fine-tuned models is their export under Section 2.3, which includes their weights ",
        );
        has(v, ", and not a right to keep running them in the Services.");
        // Since blind11 customer-B 13 the preferred text delivers the weights in every case.
        if v.stance == "fallback" {
            has(v, "Where they do not, Customer receives no weights");
        } else {
            has(
                v,
                "whether or not the Services allow customers to export them",
            );
        }
    }
    // With no portability clause, post-term access reaches the data, not the weights.
    let t = text(&no_deletion_or_export());
    has_text(
        &t,
        "After that, Customer's access to its fine-tuned models is access to the Customer Data used to fine-tune them, not to their weights, and not a right to keep running them in the Services.",
    );
}

#[track_caller]
fn has_text(t: &str, needle: &str) {
    assert!(t.contains(needle), "expected \"{needle}\"");
}
