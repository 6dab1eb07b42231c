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
            // blind26-31: expiry before this SOW ends and (at the fallback, from the next
            // period only) a convenience termination reduce too; by this Section alone, never
            // as a partial termination of this SOW, and a release goes no further.
            has(
                v,
                "Termination or expiry of a Call-Off ends that business unit's call-off only; neither its end nor its termination as to some of the Services is a termination of this SOW as to some of the Services, and, unless the Call-Off provides for a greater reduction, its expiry before this SOW ends, and its termination on ",
            );
            has(
                v,
                "reduce the Annual Commitment, as this Section alone provides, for every later period, and for the rest of the period in which the Call-Off ends, by the proportion that the fees attributable to that business unit bore to all the fees for the Services in the twelve (12) months before the Call-Off ends or, if shorter, the period since it took effect",
            );
            has(
                v,
                "every provision of this SOW that releases Customer from a commitment on the termination of a Call-Off (such as for chronic failure) releases it by that reduction and no further",
            );
            if v.stance == "fallback" {
                has(
                    v,
                    "its termination on any ground other than Customer's convenience, reduce the Annual Commitment",
                );
                has(
                    v,
                    "and its termination for Customer's convenience (of the whole Call-Off or, where the Call-Off allows it, of some of the Services, on the fees attributable to that business unit for those Services over the same period before it) reduces it in the same way, but only from the first period that starts after termination takes effect;",
                );
            } else {
                has(
                    v,
                    "its termination on whatever ground, reduce the Annual Commitment",
                );
            }
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
            // blind25 vendor 12, blind29 customer 2: the exception points at the rule that
            // says which rights a failure counts toward.
            "Except that a failure may count toward more than one right to terminate, as this Section provides, nothing is counted",
        );
        has(
            v,
            "a failure to meet a service level that a Call-Off does not change is measured under this SOW, and counts toward Customer's rights under this SOW to terminate for chronic failure (this SOW, or, as a lesser step, a Call-Off alone, whether or not the failure affected that business unit) and, only where a Call-Off so provides, toward its business unit's own right to terminate it;",
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
    let with = variants_with("at any later time when Vendor publishes none, it is the lower of");
    assert_eq!(with.len(), VARIANTS.len(), "every variant");
    for v in with {
        lacks(v, "where it states one. ");
        // blind25 customer 4: a price that Vendor cut and then stopped publishing keeps the cut.
        has(
            v,
            "at any later time when Vendor publishes none, it is the lower of (a) the last such price that Vendor published for it and (b) the list price that the Price Schedule states for it, that list price being reduced by the largest percentage (if any) by which a list price that Vendor publishes for the same item in another currency, deployment type or region is then below its level on the Effective Date or, for a price that Vendor first published after the Effective Date, its level when first published; where only one of (a) and (b) exists, it is that one.",
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
