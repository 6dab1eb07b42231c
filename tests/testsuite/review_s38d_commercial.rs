//! Session 38, round 4, commercial area (blind read 24): the payments that are not a liability
//! provided by reference to the Agreement, a Call-Off's end and Downtime reducing the Annual
//! Commitment on the business unit's share by default, one failure counting toward two
//! termination rights, a dispute about a suspension ground, and a list-price ceiling that a
//! price published elsewhere moves. Each test asserts, over every example in both stances and
//! every unit of the bank, that the quoted defect is gone and the fixed text is present.

use crate::counsel::{VARIANTS, has, lacks, variants_with};

const PAYMENTS: &str = "an amount that this SOW makes payable, or credits against Customer's invoices, as a price, refund, reimbursement or credit";

/// blind24 customer-A 4 (vendor-A 39): at the fallback the payments sentence sat after the list
/// of provisions made "by this reference to the Agreement", so the Agreement's cap could be said
/// to reach refunds, the training credit and audit costs. The sentence now makes that reference
/// itself, one sentence at both stances.
#[test]
fn b24_customer_a_4_payments_are_provided_by_reference_to_the_agreement() {
    let vs = variants_with("This SOW is entered into under");
    assert_eq!(vs.len(), VARIANTS.len(), "every variant");
    let mut fallback = 0;
    for v in vs {
        has(v, PAYMENTS);
        lacks(v, ". An amount that this SOW makes payable");
        if v.text
            .contains("the Agreement prevails only as to governing law")
        {
            fallback += 1;
            assert_eq!(v.stance, "fallback", "{}", v.name);
        }
    }
    assert!(
        fallback > 0,
        "some fallback variant concedes liability to the Agreement"
    );
}

/// blind24 customer-B 5: ending a Call-Off reduced the Annual Commitment "only as that Call-Off
/// expressly provides", so a silent Call-Off left the whole commitment. By default it now reduces
/// as Section 10.1 does on a termination as to some of the Services, on the unit's fees.
#[test]
fn b24_customer_b_5_a_call_offs_end_reduces_the_commitment_by_default() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "reduces the Annual Commitment only as that Call-Off expressly provides",
        );
    }
    let with = variants_with("(a \"Call-Off\")");
    let mut committed = 0;
    for v in &with {
        if v.text.contains("(the \"Annual Commitment\")") {
            committed += 1;
            has(
                v,
                "Termination or expiry of a Call-Off ends that business unit's call-off only; unless the Call-Off provides otherwise, its termination (not its expiry) is, for every provision of this SOW on the Annual Commitment, a termination of this SOW as to some of the Services, and reduces the Annual Commitment as Section 10.1 provides for one, the fees attributable to that business unit taking the place of the fees for the terminated Services;",
            );
            has(
                v,
                "On any termination of this SOW as to some of the Services",
            );
        }
    }
    assert!(committed >= 4, "the bank and health at both stances");
}

/// blind24 vendor-A 22: "Nothing is counted twice" contradicted a support miss counting toward
/// termination of both the Master SOW and the Markets call-off. Both rights stay; the counting
/// rule names the exception.
#[test]
fn b24_vendor_a_22_one_failure_may_count_toward_two_termination_rights() {
    for v in variants_with("(a \"Call-Off\")") {
        lacks(v, "Off. Nothing is counted");
        has(
            v,
            "Except that one failure may count toward termination both of this SOW and of a Call-Off as this Section provides, nothing is counted",
        );
    }
}

/// blind24 vendor-A 42: a dispute about whether a use is unlawful left it unclear whether a
/// suspension was barred. A dispute neither permits nor prevents a suspension on the threat,
/// unlawful-use or legal grounds; the non-payment ground keeps its own dispute rule.
#[test]
fn b24_vendor_a_42_a_dispute_does_not_decide_a_suspension_on_the_other_grounds() {
    let with = variants_with(
        "Vendor shall not suspend or restrict the Services because of a dispute between the parties",
    );
    assert_eq!(with.len(), VARIANTS.len(), "every variant");
    for v in with {
        has(
            v,
            "including a dispute about fees or about whether Customer has breached a policy of Vendor; a dispute neither permits nor prevents a suspension against a threat, an unlawful use or a requirement of law above, which only the existence of that ground decides (a suspension for a use that is not in fact unlawful is not one that this Section permits).",
        );
        has(
            v,
            "such a suspension ends when Customer pays the amount or disputes it in good faith.",
        );
    }
}

/// blind24 vendor-B 32 (vendor-A 27): the ceiling followed only a list price published for the
/// same deployment type, region and currency, so publishing none froze it. The Price Schedule's
/// list price now follows a fall of a price that Vendor publishes for the item elsewhere.
#[test]
fn b24_vendor_b_32_the_ceiling_follows_a_price_published_elsewhere() {
    let with = variants_with("whenever Vendor publishes none, it is the list price");
    assert_eq!(with.len(), VARIANTS.len(), "every variant");
    for v in with {
        lacks(v, "where it states one. ");
        has(
            v,
            "whenever Vendor publishes none, it is the list price that the Price Schedule states for it, where it states one, reduced by the largest percentage by which a list price that Vendor publishes for the same item in another currency, deployment type or region is then below its level on the Effective Date.",
        );
    }
}

/// blind24 vendor-B 33: a Call-Off's Downtime reduced an undefined "business unit's share of the
/// Annual Commitment". The share is now defined, and the reduction follows Section 10.1, as the
/// call-off's own rule does.
#[test]
fn b24_vendor_b_33_call_off_downtime_reduces_a_defined_share() {
    for v in VARIANTS.iter() {
        lacks(v, "share of the Annual Commitment as the Call-Off provides");
    }
    let with = variants_with("and the Annual Commitment reduces, on that business unit's share");
    for v in &with {
        assert_eq!(v.stance, "preferred", "{}", v.name);
        has(
            v,
            "and the Annual Commitment reduces, on that business unit's share of the part attributable to the Covered Service (the proportion that the fees attributable to the business unit for that Covered Service bore to all the fees for it in the period), for the Downtime that the Call-Off measures (whether or not it also affects others), and on the rest of that part for Downtime under this SOW, each as Section 10.1 reduces it for Downtime, so that each minute reduces each share once;",
        );
        has(
            v,
            "by the proportion of the minutes of the period that were Downtime of it under Annex A",
        );
    }
    // The markets call-off measures the same share the same way.
    for v in variants_with(
        "Downtime under this SOW reduces the annual commitment of the Master SOW all the same",
    ) {
        has(
            v,
            "(the proportion that the Unit Fees for that Covered Service bore to all the fees for it in the period)",
        );
    }
}
