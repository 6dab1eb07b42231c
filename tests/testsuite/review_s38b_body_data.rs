//! Comparison read 22 (issue 26), SOW body and Annex D: protections that only the fallback
//! carried. Each is now one sentence read at both stances; each test asserts, over every
//! example in both stances and every unit of the bank, that both stances carry it.

use crate::counsel::{Variant, has, lacks, variants_with};

/// Both stances are among the variants, as many of each: the protection is never one
/// stance's only.
#[track_caller]
fn both_stances(vs: &[&Variant]) {
    let p = vs.iter().filter(|v| v.stance == "preferred").count();
    let f = vs.iter().filter(|v| v.stance == "fallback").count();
    assert!(p > 0 && p == f, "preferred {p}, fallback {f}");
}

/// compare 1: only the fallback said that a price, refund or reimbursement is a payment,
/// not a liability that the Agreement's limitations reach (SOW Section 1.2).
#[test]
fn b22_compare_1_payments_are_not_a_liability_at_both_stances() {
    let vs = variants_with("This SOW is entered into under");
    both_stances(&vs);
    for v in vs {
        has(
            v,
            "an amount that this SOW makes payable, or credits against Customer's invoices, as a price, refund, reimbursement or credit other than a Service Credit (such as the reimbursement of the costs of an audit, or a credit for late training) is a payment under this SOW, not a liability that a limitation or exclusion of liability in the Agreement limits or excludes",
        );
        if v.stance == "preferred" {
            // After the rule on which of the Agreement's limitations apply, which it qualifies.
            has(
                v,
                "that it states to be direct losses). Despite any term of the Agreement, an amount that this SOW makes payable, or credits against Customer's invoices, as a price, refund, reimbursement or credit other than a Service Credit",
            );
            // No list to point at in the preferred text.
            lacks(v, "as the list above states");
        }
    }
}

/// compare 4: the preferred's access from outside the Approved Region had no transfer
/// mechanism and no written confidentiality obligations (Annex D Section 3.2).
#[test]
fn b22_compare_4_access_from_outside_the_region_under_a_transfer_mechanism() {
    let vs = variants_with("access Customer Data from outside the Approved Region");
    both_stances(&vs);
    for v in vs {
        has(
            v,
            "under an adequacy decision or standard contractual clauses (or another transfer mechanism that applicable data protection law recognises for that country), under written confidentiality obligations and with a record of each access",
        );
        lacks(
            v,
            "outside the Approved Region and with a record of each access",
        );
        lacks(
            v,
            "outside the Approved Regions and with a record of each access",
        );
        if v.stance == "preferred" {
            has(
                v,
                "without storing or copying it outside the Approved Region",
            );
        }
    }
}

/// compare 5: at the preferred, Customer could terminate after objecting to a sub-processor
/// only once Vendor said it could not do without it (Annex D Section 4.2).
#[test]
fn b22_compare_5_subprocessor_objection_unresolved_after_thirty_days() {
    let vs = variants_with("Customer may object to the change");
    both_stances(&vs);
    for v in vs {
        has(v, "the objection does not lapse by the passing of time.");
        lacks(
            v,
            "it shall tell Customer in writing, and Customer may then terminate",
        );
        if v.stance == "preferred" {
            has(
                v,
                "If Customer objects, Vendor shall not make the change to which Customer objected (the new sub-processor's processing of Customer Data, or the existing sub-processor's processing of it for the new purpose or in the new location) unless Customer withdraws its objection in writing; the objection does not lapse by the passing of time.",
            );
            has(
                v,
                "If Vendor has so shown, or has not withdrawn the change by written notice to Customer within thirty (30) days after the objection, Customer may terminate this SOW, or the affected Services, by written notice without penalty",
            );
        } else {
            has(
                v,
                "If, within thirty (30) days after the objection, Customer has not withdrawn it and Vendor has not withdrawn the change by written notice to Customer, Customer may terminate the affected Services",
            );
        }
    }
}

/// compare B2: what Vendor gives its other enterprise customers free was included only at
/// the fallback (SOW Section 10.5).
#[test]
fn b22_compare_b2_what_other_customers_get_free_is_included_at_both_stances() {
    let vs = variants_with("is included in the Services at no extra charge");
    both_stances(&vs);
    for v in vs {
        has(
            v,
            "is included in the Services at no extra charge, and so is every other model, feature and upgrade that Vendor makes available during the Term to its other enterprise customers of any of the Services without a charge beyond their fees for it.",
        );
    }
}
