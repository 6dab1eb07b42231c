//! Blind read 23 (issue 26): the items fixed on the main line rather than by a helper. Each
//! test asserts, over every example in both stances and every unit of the bank, that the
//! quoted defect is gone and the fixed text is present where it applies.

use crate::counsel::{VARIANTS, has, variants_with};

/// vendor-A 24, vendor-B 30, customer-B 13: at the fallback the Agreement's limitation of
/// liability prevails except for a list, and the credit for a late Training Session (not a
/// Service Credit, by its own words) was neither on the list nor "a price, refund or
/// reimbursement": Vendor could argue the Agreement capped or excluded it. The payments
/// sentence, read at both stances, now names credits other than Service Credits.
#[test]
fn blind23_vendor_a_24_the_late_training_credit_is_a_payment_not_a_liability() {
    let vs = variants_with("it is not a Service Credit, no limit on Service Credits applies to it");
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    assert!(vs.iter().any(|v| v.stance == "preferred"));
    for v in vs {
        has(
            v,
            "An amount that this SOW makes payable, or credits against Customer's invoices, as a price, refund, reimbursement or credit other than a Service Credit (such as the reimbursement of the costs of an audit, or a credit for late training) is a payment under this SOW, not a liability that a limitation or exclusion of liability in the Agreement limits or excludes",
        );
    }
    assert!(VARIANTS.iter().all(|v| {
        !v.text
            .contains("payable as a price, refund or reimbursement")
    }));
}

/// Left by the blind-22 round (h19): Customer's latency measurement stood "unless Vendor
/// shows from its record" with no deadline and no form, while Customer's Downtime records
/// are rebutted only in writing within the measurement clause's period. One rule for both.
#[test]
fn blind23_latency_measurement_rebutted_in_writing_within_the_measurement_period() {
    let vs = variants_with("is the response time of that request unless Vendor shows");
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    assert!(vs.iter().any(|v| v.stance == "preferred"));
    for v in vs {
        crate::counsel::lacks(v, "unless Vendor shows from its record of that request");
        has(
            v,
            "is the response time of that request unless Vendor shows, in writing within fifteen (15) days after receiving Customer's measurement and from its record of that request, that Vendor's systems answered it within the threshold above",
        );
        has(
            v,
            "within fifteen (15) days after receiving Customer's records",
        );
    }
}
