//! Blind read 13 (customer-A, customer-B, vendor-A, vendor-B), the commercial items: Service
//! Credits and Downtime never clawed back through a shortfall, the fallback's "separate
//! product" tested objectively and the successor test widened, an unlimited Service's fees
//! covering all of it, the list-price ceiling prevailing over increases (said once), the
//! partial-termination rule in a one-Service deal, the fallback's anniversary pass-through as
//! a stated concession, and the downgrade right naming tiers and licences only where they
//! exist. Each test runs over the shared variants (every example in both stances and every
//! bank unit in both stances): the quoted defect is gone everywhere and the fixed text is
//! present where it applies.

use crate::counsel::{VARIANTS, Variant, has, lacks, variants_named, variants_with};

fn all() -> impl Iterator<Item = &'static Variant> {
    VARIANTS.iter()
}

fn is_unit(v: &Variant) -> bool {
    v.name.contains(" unit ")
}

#[test]
fn blind13_customer_a_2_credits_and_downtime_are_not_clawed_back_through_a_shortfall() {
    let credits =
        "For any shortfall, those fees are counted before any Service Credit is deducted from them";
    let downtime = "the Annual Commitment for a period reduces, for each Covered Service, by the proportion of the minutes of the period that were Downtime of it under Annex A";
    let mut n = 0;
    for v in variants_with("Customer commits to spend") {
        has(v, credits);
        if v.stance == "preferred" {
            has(v, downtime);
            has(
                v,
                "so that no Service Credit, and no use lost to Downtime, is recovered through a shortfall.",
            );
        } else {
            // The fallback concession: the credits stay real, the Downtime reduction goes.
            lacks(v, downtime);
            has(
                v,
                "so that no Service Credit is recovered through a shortfall.",
            );
        }
        n += 1;
    }
    // Every SOW with a commitment of its own: each example at both stances.
    assert_eq!(n, 6);
    // With several Services, each one's Downtime reduces only its share.
    for v in variants_named("global-bank.json (preferred)") {
        has(
            v,
            "Downtime of it under Annex A, applied to the share of the Annual Commitment attributable to it",
        );
    }
    for v in variants_named("healthcare-azure.json (preferred)") {
        lacks(v, "applied to the share of the Annual Commitment");
    }
}

#[test]
fn blind13_customer_a_24_separate_product_is_tested_objectively() {
    for v in all() {
        lacks(v, "being an offering sold separately from the Services");
        lacks(
            v,
            "Customer may buy a new product that Vendor offers separately",
        );
    }
    let sep = variants_with("Customer may order from Vendor a separate product");
    for v in &sep {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(
            v,
            "and so is every other model, feature and upgrade that Vendor makes available during the Term to its other enterprise customers of any of the Services without a charge beyond their fees for it.",
        );
        has(
            v,
            "being an AI model, AI service or AI product that Vendor sells to all its enterprise customers only under a subscription or order of its own, for a charge beyond their fees for the Services, and that is not used through the interfaces or APIs of the Services (a model that Customer can use through them is never a separate product)",
        );
        has(
            v,
            "nothing that this Section includes in the Services is a separate product, and nor is a Service that Vendor renames, repackages or provides through another platform or product.",
        );
    }
    assert!(sep.iter().any(|v| is_unit(v)));
    // The preferred text keeps the anti-packaging sentence.
    for v in variants_with("Every new model, model version and upgrade of the Services") {
        assert_eq!(v.stance, "preferred", "{}", v.name);
        has(
            v,
            "shall not make any of them available to Customer only under a higher tier, a separate product or a new order.",
        );
    }
    // vendor-A 17: the successor test reaches a recommendation to move, an objective act.
    for v in variants_with("A model replaces or supersedes another if") {
        has(
            v,
            "describes it as the other's successor or newer version, or recommends to its customers that they move their use of the other to it, and also if",
        );
    }
}

#[test]
fn blind13_vendor_a_42_unlimited_fees_cover_every_feature_and_model() {
    for v in all() {
        lacks(v, "fees are those that the Price Schedule states");
        lacks(v, "and no use of it is charged by volume");
        // The paragraph after the Price Schedule is its own paragraph, not a row of the table.
        for line in v.md.lines().filter(|l| l.starts_with('|')) {
            assert!(
                !line.contains("on an unlimited basis")
                    && !line.contains("above the Annual Commitment"),
                "{}: a paragraph joined the Price Schedule: {line}",
                v.name
            );
        }
    }
    let unl = variants_with("ChatGPT Enterprise is sold to Customer on an unlimited basis under");
    assert!(unl.iter().any(|v| v.stance == "fallback"));
    for v in unl {
        has(
            v,
            "its fees are only those that the Price Schedule states for it (such as a price per user), which cover every feature and model included in it; they do not vary with how much Customer's users use it, and no use or part of it is charged for separately or by volume, above the Annual Commitment or otherwise.",
        );
    }
}

#[test]
fn blind13_vendor_b_14_list_price_ceiling_prevails_over_increases_said_once() {
    let rule = "An increase under this Section raises Customer's prices, but the price charged never exceeds the ceiling that Section 10.1 sets, which prevails: an increase is charged only so far as that ceiling allows, at once or later as that ceiling rises.";
    let pp = variants_with("Vendor shall not increase Customer's prices for the Services");
    assert!(pp.iter().any(|v| v.stance == "fallback"));
    for v in pp {
        has(v, rule);
    }
    for v in all() {
        // Said once, in Price Protection, not again in the fees Section.
        lacks(v, "provides on increases");
        assert!(
            v.text.matches("the ceiling that Section 10.1 sets").count() <= 1,
            "{}",
            v.name
        );
    }
    // The Section the rule reads has the ceiling, at both stances.
    for v in variants_with(rule) {
        if v.stance == "preferred" {
            has(
                v,
                "no item is charged at more than the lower of (a) Vendor's list price for it at the time Customer uses it and (b) its list price on the Effective Date (or, for an item first made available to Customer later, on the day it is first made available), increased by the same percentage as each increase",
            );
        } else {
            has(
                v,
                "no item is charged at more than Vendor's list price for it less",
            );
        }
    }
    // models.md names the same minimum (vendor-B 38 wording).
    for v in variants_with("that it replaces or supersedes") {
        lacks(v, "never smaller than the minimum that Section sets");
    }
}

#[test]
fn blind13_vendor_b_15_partial_termination_reduces_the_commitment_in_a_one_service_deal() {
    for v in variants_named("healthcare-azure.json") {
        has(
            v,
            "On any termination of this SOW as to some of the Services (such as a model included in them), on whatever ground, the Annual Commitment for every later period",
        );
        has(
            v,
            &format!(
                "and a termination as to some of the Services releases the Annual Commitment only to the extent that that Section reduces it{}",
                crate::counsel::refunds_bullet_end(v)
            ),
        );
        if v.stance == "preferred" {
            has(
                v,
                "Customer may terminate this SOW, in whole or as to any of the Services, for convenience",
            );
            has(
                v,
                "or by a termination of this SOW as to some of the Services, which reduces it as Section 10.1 of the Statement of Work provides",
            );
        }
    }
}

#[test]
fn blind13_vendor_b_45_fallback_pass_through_at_anniversaries_is_a_stated_concession() {
    let lag = "so that a reduction of a list price lowers the price charged for the item from the next anniversary";
    let fb = variants_with(lag);
    for v in &fb {
        assert_eq!(v.stance, "fallback", "{}", v.name);
    }
    assert!(fb.iter().any(|v| v.name.starts_with("healthcare-azure")));
    for v in variants_with(
        "at the time Customer uses it and (b) its list price on the Effective Date (or, for an item first made available to Customer later, on the day it is first made available), increased by the same percentage as each increase",
    ) {
        assert_eq!(v.stance, "preferred", "{}", v.name);
        lacks(v, lag);
    }
    // The concession is said in the clause's notes.
    let fees = include_str!("../../clause-library/sow-terms/fees.md");
    assert!(fees.contains("The anniversary test of the list-price ceiling is a deliberate concession (blind13 vendor-B 45)"));
}

#[test]
fn blind13_customer_b_10_downgrade_names_tiers_and_licences_only_where_they_exist() {
    // The health deal is priced only by tokens: no tier, user or licence to reduce.
    for v in variants_named("healthcare-azure.json") {
        lacks(v, "lower tier");
        lacks(v, "users or licences");
        lacks(v, "A reduction of tiers, users or licences");
        if v.stance == "preferred" {
            has(
                v,
                "The Services are charged only by use, so Customer may reduce its use of them at any time, without penalty. Those reductions do not reduce the Annual Commitment",
            );
            has(
                v,
                "Customer may also reduce any committed volume or spend, including the Annual Commitment, without penalty, by no more than 25%",
            );
        } else {
            has(
                v,
                "Customer may reduce any committed volume or spend, including the Annual Commitment, without penalty, except that",
            );
            has(
                v,
                "The Services are charged only by use, and a reduction of that use does not itself reduce the Annual Commitment",
            );
        }
    }
    // A seat-priced deal, and a deal whose prices are not yet given, keep the tier and seat right.
    let seats = variants_with("move any of the Services to a lower tier");
    assert!(seats.iter().any(|v| v.name.starts_with("global-bank")));
    assert!(seats.iter().any(|v| v.name.starts_with("minimal")));
    for v in seats {
        assert!(!v.name.starts_with("healthcare-azure"), "{}", v.name);
    }
}

/// Blind read 14 (customer-A 2): a call-off with no commitment of its own grants no second
/// 25% (or 15%) reduction of the Master SOW's Annual Commitment in its Annex E; it says the
/// commitment is the Master SOW's and reduced only as the call-off Section provides. A master
/// SOW keeps its own reduction right.
#[test]
fn blind14_customer_a_2_a_call_off_grants_no_second_commitment_reduction() {
    let units: Vec<_> = crate::counsel::VARIANTS
        .iter()
        .filter(|v| v.name.contains(" unit "))
        .collect();
    assert_eq!(units.len(), 6, "three units at two stances");
    for v in &units {
        crate::counsel::lacks(v, "including the Annual Commitment");
        if v.stance == "preferred" {
            // blind15 customer-A 7: no reduction right of its own, so no "this paragraph does
            // not reduce it" either.
            crate::counsel::lacks(v, "Customer may also reduce any committed volume or spend");
            crate::counsel::has(
                v,
                "Those reductions do not reduce the Annual Commitment, which Customer may reduce only under the Master SOW or by a termination of this SOW, each only as Section 1.2 of the Statement of Work provides",
            );
        } else {
            crate::counsel::has(v, "The Annual Commitment is the Master SOW's");
            crate::counsel::has(
                v,
                "The Annual Commitment is the Master SOW's: this paragraph does not reduce it, and Customer may reduce it only under the Master SOW or as Section 1.2 of the Statement of Work provides on the end of this SOW.",
            );
        }
    }
    for v in crate::counsel::variants_named("global-bank.json (") {
        crate::counsel::has(v, "including the Annual Commitment");
        crate::counsel::lacks(v, "The Annual Commitment is the Master SOW's");
        crate::counsel::lacks(v, "whose Annual Commitment it is");
    }
}
