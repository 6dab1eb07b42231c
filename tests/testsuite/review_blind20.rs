//! Blind read 20 (issue 26): the three items fixed at the end of the session. Each test
//! asserts, over every example in both stances and every unit of the bank, that the quoted
//! defect is gone and the fixed text is present where it applies.

use crate::counsel::{VARIANTS, has, lacks, variants_with};

/// customer-A 4: the preferred audit clause had each party bear its own costs while the
/// fallback made Vendor reimburse an audit that finds a material failure. The preferred is
/// never weaker than the fallback: the reimbursement at both stances.
#[test]
fn blind20_customer_a_4_audit_costs_reimbursed_at_both_stances() {
    let vs = variants_with("Each party bears its own costs of an audit");
    assert!(vs.iter().any(|v| v.stance == "preferred"));
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    for v in vs {
        lacks(v, "Each party bears its own costs of an audit.");
        has(
            v,
            "Each party bears its own costs of an audit, except that Vendor shall reimburse Customer's reasonable costs if the audit finds a material failure to comply with this SOW.",
        );
    }
}

/// customer-A 5: where the law forbade notice before a compelled disclosure, the preferred
/// text lost the notice for good, the fallback gave it as soon as the law permits.
#[test]
fn blind20_customer_a_5_compelled_disclosure_notice_once_the_law_permits() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "notify Customer before disclosing it (unless the law prohibits the notice)",
        );
    }
    let vs = variants_with("notify Customer before disclosing it");
    assert!(vs.iter().any(|v| v.stance == "preferred"));
    for v in vs {
        has(
            v,
            "notify Customer before disclosing it (or, if the law prohibits that notice, as soon as the law permits)",
        );
    }
}

/// customer-B 4: the downgrade clause said the Annual Commitment reduces "only" by the 25%
/// step-down or a partial termination, beside the fees Section's own reductions (Downtime, at
/// the preferred) and an annex that prevails on its subject matter. The fees Section's own
/// reductions apply as well.
#[test]
fn blind20_customer_b_4_the_fees_sections_own_reductions_stand() {
    let vs = variants_with("which Customer may reduce only as the next paragraph provides");
    assert!(!vs.is_empty());
    for v in vs {
        has(
            v,
            "(and any reduction that that Section itself makes applies as well)",
        );
    }
}
