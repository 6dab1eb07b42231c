//! Session 38, commercial area (blind reads 20 and 21): the pilot opt-out's bad-faith remedy,
//! a moved pilot training session, price increases under the list-price ceiling, items with no
//! price, and the renewal right seen from the Term. Each test asserts, over every example in
//! both stances and every unit of the bank, that the quoted defect is gone and the fixed text
//! is present where it applies.

use crate::counsel::{VARIANTS, has, lacks, variants_with};

/// blind21 customer 1 (also blind21 vendor 20, blind20 customer-B 7): the fallback opt-out's
/// bad-faith remedy was what a termination for convenience would have cost, bringing back a
/// 180-day tail that the opt-out waives. Now it is only the waived shortfall, pro rata to the
/// day the termination took effect, and the fees Section names the exception.
#[test]
fn b21_customer_1_bad_faith_opt_out_costs_only_the_waived_shortfall() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "the amount that Customer would have owed had it terminated this SOW under",
        );
        lacks(v, "by a notice given on the same day");
    }
    let with = variants_with("Vendor may dispute Customer's decision only on the ground that");
    let mut paid = 0;
    for v in with {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        if v.text.contains("Customer commits to spend") {
            paid += 1;
            has(
                v,
                "if it is finally decided under the dispute-resolution procedure of the Agreement that Customer did not make its decision in good faith, Customer shall pay the shortfall that the termination waived, for the period in which it took effect, as Section 10.1 of the Statement of Work calculates it on a termination for Customer's convenience (on the Annual Commitment reduced pro rata to the part of that period that had passed), and Vendor has no other remedy.",
            );
            has(
                v,
                "(such as at the end of a pilot, except as Section 1.2 of Annex E provides for a decision not made in good faith, for Vendor's breach",
            );
        } else if v.name.contains(" unit ") {
            // blind44 vendor-B 95: a Unit's opt-out reduces the master's commitment, so it
            // does waive a charge; bad faith costs what a convenience exit of the call-off would.
            lacks(v, "waives no charge");
            has(
                v,
                "if it is finally decided under the dispute-resolution procedure of the Agreement that Customer did not make its decision in good faith, the annual commitment of the Master SOW is reduced on the termination only as Section 1.2 of the Statement of Work provides for a termination for Customer's convenience, and Vendor has no other remedy.",
            );
        } else {
            has(
                v,
                "A dispute does not delay or prevent the termination, which takes effect as this Section states, and, as the termination waives no charge that Customer would otherwise owe, gives Vendor no claim to any amount.",
            );
        }
    }
    assert!(paid > 0, "some fallback variant has its own commitment");
    for v in variants_with("such as at the end of a pilot") {
        if v.stance == "preferred" {
            lacks(v, "for a decision not made in good faith");
        }
    }
}

/// blind20 vendor-A 42: a Vendor-requested move of a pilot training session kept the old due
/// date "for the purposes of" Annex E, so a session had two due dates. Now the moved date is
/// the due date for every purpose, and Annex E alone extends the pilot by the days moved,
/// unless Customer's agreement to the move says otherwise.
#[test]
fn b20_vendor_a_42_a_moved_pilot_session_has_one_due_date() {
    for v in VARIANTS.iter() {
        lacks(v, "keeps that due date for the purposes of");
        lacks(v, "even if it is moved at Vendor's request");
    }
    for v in variants_with("A due date moved under this Section is the due date for every purpose")
    {
        has(
            v,
            "A due date moved under this Section is the due date for every purpose of this SOW; Section 1.1 of Annex E states how a move at Vendor's request extends the Pilot Period.",
        );
        has(
            v,
            "a Training Session that the Training Schedule makes due during the Pilot Period remains undelivered after its due date, and by the number of days by which a move at Vendor's request puts off the due date of such a Training Session (unless Customer's written agreement to the move states otherwise), without Customer having to show that its evaluation was delayed.",
        );
    }
}

/// blind20 vendor-B 16: "No increase ... takes a price above the ceiling ..., which prevails"
/// read as cancelling the increase right. One rule, in both Sections: an increase raises
/// Customer's price, and the ceiling limits only the price charged.
#[test]
fn b20_vendor_b_16_an_increase_raises_customers_price_within_the_ceiling() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "No increase under this Section takes a price above the ceiling",
        );
    }
    for v in variants_with("An increase under this Section raises Customer's prices") {
        has(
            v,
            "An increase under this Section raises Customer's prices, but the price charged never exceeds the ceiling that Section 10.1 sets, which prevails: an increase is charged only so far as that ceiling allows, at once or later as that ceiling rises.",
        );
        has(
            v,
            "The ceiling only limits the price charged and does not change Customer's price for the item: when the list price rises, the price charged rises with the ceiling up to, and never above, Customer's price",
        );
    }
}

/// blind20 vendor-B 32, as changed by blind23 vendor-A 22: withholding every unpriced item
/// defeated the models Section's inclusion. Two classes: an item this SOW requires is provided
/// and free until priced; any other is withheld until priced.
#[test]
fn b20_vendor_b_32_an_unpriced_item_is_withheld_until_priced_unless_required() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "in which case Vendor makes it available as that Section requires",
        );
        lacks(v, "and charges nothing for its use before then");
        lacks(v, "even where that Section includes it in the Services");
    }
    let mut models = 0;
    for v in variants_with("Vendor need not supply any other such item until then") {
        has(
            v,
            "free of charge until the parties agree its price in writing; Vendor need not supply any other such item until then, but charges nothing for any use of it that Vendor allows before then.",
        );
        if v.text
            .contains("is included in the Services at no extra charge")
        {
            models += 1;
            has(
                v,
                "and Section 10.5 sets none either, an item that this SOW requires Vendor to provide (such as one that Section 10.5 includes in the Services) is still provided as this SOW requires",
            );
        }
    }
    assert!(models > 0, "some variant includes new models");
}

/// blind20 customer-A 11: the renewal option sat only in Price Protection; the Term now points
/// to it wherever that Section grants or governs a renewal.
#[test]
fn b20_customer_a_11_the_term_refers_to_the_renewal_option() {
    let with = variants_with("for a further period of twelve (12) months, on its terms");
    for v in with {
        has(
            v,
            "and for any renewal of it under Section 10.3 (together, the \"Term\")",
        );
    }
    for v in variants_with("This SOW is renewed only with the Master SOW") {
        has(
            v,
            "and for any renewal of it under Section 10.3 (together, the \"Term\")",
        );
    }
}
