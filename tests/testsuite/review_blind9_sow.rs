//! Blind read 9 (customer-A, customer-B, vendor-A, vendor-B), the SOW body's items: what a
//! partial termination does to the Annual Commitment (stated once, referred to by the
//! others), the discount floor against the Price Schedule and price protection, the
//! Markets call-off's credit base, chronic-failure count and late re-performance, the
//! fallback's documented limits, per-user fees of an unlimited service, a renewal right for
//! the renewal cap, the pilot opt-out's test, the account team's rules, model retirement
//! and "replaces or supersedes". Each test runs over the shared variants (every example in
//! both stances and every bank unit in both stances): the quoted defect is gone everywhere
//! and the fixed text is present where it applies.

use crate::counsel::{VARIANTS, Variant, has, lacks, variants_named, variants_with};

fn all() -> impl Iterator<Item = &'static Variant> {
    VARIANTS.iter()
}

fn is_unit(v: &Variant) -> bool {
    v.name.contains(" unit ")
}

// ---- customer-A 1, vendor-A 5, vendor-B 27: partial termination and the Annual Commitment ----

fn partial_termination_one_rule() {
    let rule = "every provision of this SOW that releases Customer from a commitment on such a termination releases it to that extent and no further.";
    let refer = "releases the Annual Commitment only to the extent that Section 10.1 of the Statement of Work reduces it";
    for v in all() {
        lacks(v, "only releases the Annual Commitment only");
        lacks(
            v,
            "that reduction is the only release from the Annual Commitment",
        );
        lacks(
            v,
            "No shortfall is payable for the period in which Customer terminates this SOW under",
        );
    }
    for v in variants_with("Customer commits to spend") {
        has(
            v,
            &format!(
                "If this SOW terminates as a whole, the period in which termination takes effect ends on that date, and a shortfall for it is payable, on its Annual Commitment reduced pro rata to the part of the period that has passed, only where Customer terminates for its convenience or Vendor terminates for Customer's breach: on any other termination (such as at the end of a pilot{}, for Vendor's breach or a failure to meet a service level, after an objection to a sub-processor or because a law or regulator requires it) no shortfall is payable for that period.",
                // s38 (blind21 customer 1): the fallback opt-out's bad-faith exception.
                if v.text
                    .contains("Vendor may dispute Customer's decision only on the ground")
                {
                    ", except as Section 1.2 of Annex E provides for a decision not made in good faith"
                } else {
                    ""
                }
            ),
        );
    }
    let mut n = 0;
    for v in all().filter(|v| {
        !is_unit(v) && (v.name.starts_with("global-bank") || v.name.starts_with("minimal"))
    }) {
        has(
            v,
            "On any termination of this SOW as to some of the Services (such as a model included in them), on whatever ground, the Annual Commitment",
        );
        has(v, rule);
        // Annex E's refund clause refers to the rule.
        has(
            v,
            &format!(
                "a shortfall for the period before termination takes effect is payable only as Section 10.1 of the Statement of Work provides, and a termination as to some of the Services releases the Annual Commitment only to the extent that that Section reduces it{}",
                crate::counsel::refunds_bullet_end(v)
            ),
        );
        n += 1;
    }
    assert_eq!(n, 4);
    // Annex A's chronic-failure release refers to it too, at both stances (several Services).
    for v in variants_named("global-bank.json (") {
        has(
            v,
            &format!("except that a termination for only some Covered Services {refer};"),
        );
        lacks(
            v,
            "purchase commitment for the period after termination, to the extent it relates to the terminated Covered Services",
        );
    }
    // The uncapped price increase at preferred refers to the rule, never a second one.
    for v in all() {
        lacks(
            v,
            "the Annual Commitment is reduced by the share of it that relates",
        );
    }
}

#[test]
fn blind9_customer_a_1_partial_termination_releases_as_one_rule_says() {
    partial_termination_one_rule();
}

#[test]
fn blind9_vendor_a_5_partial_termination_is_not_a_termination_as_a_whole() {
    partial_termination_one_rule();
}

#[test]
fn blind9_vendor_b_27_minimal_partial_termination_and_doubled_only() {
    partial_termination_one_rule();
    for v in variants_named("minimal.json") {
        has(
            v,
            "and a termination as to some of the Services releases the Annual Commitment only to the extent that that Section reduces it",
        );
    }
}

// ---- customer-A 6, customer-B 2, vendor-A 7, vendor-B 23: the discount floor and price protection ----

fn discount_floor_meets_price_protection() {
    for v in all() {
        lacks(v, "Those discounts are never smaller");
        lacks(
            v,
            "of Vendor's list price for the item concerned at the time Customer uses it",
        );
    }
    // blind10 customer-A 2: at preferred the floor binds every item, the scheduled ones too.
    for v in variants_with(
        "no item is charged at more than the lower of (a) Vendor's list price for it at the time Customer uses it and (b) its list price on the Effective Date (or, for an item first made available to Customer later, on the day it is first made available), increased by the same percentage as each increase",
    ) {
        assert_eq!(v.stance, "preferred", "{}", v.name);
        has(
            v,
            "of that lower price, so that a reduction of the list price lowers the price charged for the item at once and a rise of the list price never raises the ceiling beyond what (b) allows.",
        );
        // A ceiling, never a freeze both ways.
        lacks(v, "are fixed for the");
        lacks(v, "agreed net prices");
    }
    for v in variants_with("For such an item, those discounts are never smaller, in total, than") {
        // blind12 customer-B 2: the fallback floor binds every item too, measured each
        // anniversary; blind50 compare 1, 3: the preferred has the unscheduled item's floor
        // as well, beside its own ceiling.
        if v.stance == "preferred" {
            has(
                v,
                "on the Effective Date or, if later, the day it is first made available to Customer. Whether or not the Price Schedule states its price, no item is charged at more than the lower of (a) Vendor's list price for it at the time Customer uses it and (b) its list price on the Effective Date (or, for an item first made available to Customer later, on the day it is first made available), increased by the same percentage as each increase",
            );
        } else {
            has(
                v,
                "The prices that the Price Schedule states are agreed net prices. Whether or not the Price Schedule states its price, no item is charged at more than Vendor's list price for it less",
            );
            has(
                v,
                "of Vendor's list price for it on the day it is first made available to Customer, which sets its price from that day.",
            );
            has(
                v,
                "so that a reduction of a list price lowers the price charged for the item from the next anniversary. The ceiling only limits the price charged and does not change Customer's price for the item: when the list price rises, the price charged rises with the ceiling up to, and never above, Customer's price; each of Customer's prices changes only as Section 10.3 allows.",
            );
            lacks(v, "a later change of a list price does not change it");
        }
    }
    // A ceiling at both stances (blind12 customer-B 2).
    for v in variants_with("shall not rise above its level on the Effective Date") {
        has(
            v,
            "each of Customer's prices, which include those in the Price Schedule, shall not rise above its level on the Effective Date or, for an item that is first made available to Customer after the Effective Date, above its level on the day it is first made available.",
        );
    }
    for v in all() {
        lacks(
            v,
            "Customer's prices, which include those in the Price Schedule, are fixed for",
        );
    }
}

#[test]
fn blind9_customer_a_6_discount_floor_only_for_unscheduled_items() {
    discount_floor_meets_price_protection();
}

#[test]
fn blind9_customer_b_2_discount_floor_and_fixed_prices_agree() {
    discount_floor_meets_price_protection();
}

#[test]
fn blind9_vendor_a_7_discount_floor_names_its_list_price() {
    discount_floor_meets_price_protection();
}

#[test]
fn blind9_vendor_b_23_discount_floor_no_ratchet_on_scheduled_prices() {
    discount_floor_meets_price_protection();
}

// ---- customer-A 7: the Markets call-off's higher SLA never pays less ----

#[test]
fn blind9_customer_a_7_unit_credit_never_smaller_than_the_master_would_give() {
    // blind13 customer-A 8, vendor-A 22: the floor is on the Unit's share, for every failure.
    let floor = "and a Service Credit under this SOW is never smaller than the one that the Master SOW would have given on that share for the same failure had this SOW not changed the service level.";
    let mut n = 0;
    for v in variants_with(
        "Downtime that affects only the Unit's requests is therefore not Downtime under the Master SOW",
    ) {
        has(v, floor);
        n += 1;
    }
    assert!(
        variants_named("global-bank.json unit markets")
            .iter()
            .all(|v| v.text.contains(floor))
    );
    assert!(n >= 2);
    for v in variants_named("global-bank.json (") {
        has(
            v,
            "replace the Service Credits for it under this SOW on that share and are never smaller than those this SOW would have given on it;",
        );
    }
}

// ---- vendor-A 36: an unchanged service level's failure is counted once ----

#[test]
fn blind9_vendor_a_36_latency_months_counted_under_the_master_only() {
    for v in variants_named("global-bank.json unit markets") {
        has(
            v,
            // blind23 customer-A C1: except a Model Error or support failure that affects the Unit.
            "a failure to meet it is a Service Level Failure under the Master SOW only, and counts toward termination for chronic failure under the Master SOW and not under this SOW (except as Annex A provides for a Model Error or support failure that affects the Unit's users or requests).",
        );
    }
    for v in variants_named("global-bank.json (") {
        has(
            v,
            "a failure to meet a service level that a Call-Off does not change is measured under this SOW, and counts toward Customer's rights under this SOW to terminate for chronic failure (this SOW, or, as a lesser step, a Call-Off alone, whether or not the failure affected that business unit) and, only where a Call-Off so provides, toward its business unit's own right to terminate it;",
        );
    }
}

// ---- vendor-A 35: a late call-off's re-performance is an express exception ----

#[test]
fn blind9_vendor_a_35_late_call_off_re_performance_is_an_express_exception() {
    let mut n = 0;
    for v in all().filter(|v| is_unit(v)) {
        has(
            v,
            "owed and performed once for Customer as a whole, not additional ones, except as this Section provides for a call-off that takes effect after the Effective Date.",
        );
        has(
            v,
            "the onboarding, pilot and training of the Unit's users under a call-off that takes effect after the Effective Date, and the effect of the end of this SOW",
        );
        n += 1;
    }
    assert_eq!(n, 6);
    for v in variants_named("global-bank.json (") {
        lacks(
            v,
            "the obligations of this SOW that a Call-Off repeats are owed and performed once.",
        );
        has(
            v,
            "are owed and performed once, except the onboarding, pilot and training of its business unit's users that a Call-Off taking effect after the Effective Date provides for.",
        );
        has(
            v,
            "the onboarding, pilot and training of the business unit's users where the Call-Off takes effect after the Effective Date",
        );
    }
}

// ---- customer-A 11, vendor-A 8: documented limits attached; unlimited vs per-seat ----

fn unlimited_limits_and_seats() {
    for v in all() {
        lacks(v, "set out in Vendor's documentation at the Effective Date");
        lacks(v, "do not vary with the volume of Customer's use");
    }
    // blind12 customer-A 3: no limit "quoted or attached" that the SOW neither quotes nor attaches.
    for v in all() {
        lacks(v, "organisation-wide rate limits for ChatGPT Enterprise");
        lacks(
            v,
            "a dated copy of Vendor's documentation attached to this SOW",
        );
    }
    for v in variants_with("ChatGPT Enterprise is sold to Customer on an unlimited basis under") {
        has(
            v,
            "its fees are only those that the Price Schedule states for it (such as a price per user), which cover every feature and model included in it; they do not vary with how much Customer's users use it, and no use or part of it is charged for separately or by volume",
        );
        assert!(v.md.contains("| ChatGPT Enterprise | Seat |"), "{}", v.name);
    }
}

#[test]
fn blind9_customer_a_11_fallback_limits_only_if_quoted_or_attached() {
    unlimited_limits_and_seats();
}

#[test]
fn blind9_vendor_a_8_unlimited_use_is_charged_per_user() {
    unlimited_limits_and_seats();
}

// ---- customer-B 13, vendor-A 13: a renewal cap needs a renewal right ----

fn renewal_cap_with_a_renewal_right() {
    let right = "Customer may renew this SOW once, for a further period of twelve (12) months, on its terms (including any increase of its prices that this Section allows), by written notice to Vendor given at least thirty (30) days before the Term would otherwise end (a renewal)";
    let with_master = "This SOW is renewed only with the Master SOW: a renewal of the Master SOW under its terms renews this SOW with it for the same period (a renewal)";
    for v in variants_with("At the start of a renewal, Vendor may increase") {
        // blind10 vendor-A 46: a call-off renews only with the Master SOW.
        has(v, if is_unit(v) { with_master } else { right });
        has(
            v,
            "At the start of a renewal, Vendor may increase them once, by no more than",
        );
    }
    for v in all() {
        lacks(v, "The same limits apply on any renewal");
    }
    for v in variants_with(
        "and the limits of this Section apply during the renewal as during the rest of the Term (any part of a period that this Section sets that falls in the renewal included).",
    ) {
        has(v, if is_unit(v) { with_master } else { right });
    }
    // blind14 customer-A 7, customer-B 12: the renewal option holds at both stances.
    for v in all().filter(|v| v.text.contains(right)) {
        assert!(!is_unit(v), "{}", v.name);
    }
}

#[test]
fn blind9_customer_b_13_renewal_cap_has_a_renewal_right() {
    renewal_cap_with_a_renewal_right();
}

#[test]
fn blind9_vendor_a_13_renewal_is_defined() {
    renewal_cap_with_a_renewal_right();
}

// ---- vendor-A 39: the body refers to the pilot opt-out's own test ----

#[test]
fn blind9_vendor_a_39_pilot_opt_out_test_stated_once() {
    for v in all() {
        lacks(
            v,
            "to terminate this SOW if the Services do not meet its requirements",
        );
    }
    for v in variants_with("The Term begins with the Pilot Period") {
        has(
            v,
            "allows Customer to terminate this SOW as Section 1.2 of Annex E provides.",
        );
    }
}

// ---- vendor-A 41, vendor-B 21: account-team rules and the account manager's authority ----

fn account_team_rules() {
    for v in all() {
        lacks(v, "a commitment so given binds Vendor");
        lacks(v, "authority to bind Vendor to a commitment");
    }
    for v in variants_with("with the authority to act for Vendor that Section 12.") {
        assert_eq!(v.stance, "preferred", "{}", v.name);
        has(
            v,
            "has authority to give for Vendor, in writing, a notice, consent, agreement or quotation that this SOW provides for, which takes effect as the next sentence states; it is no authority to change this SOW or the Agreement.",
        );
    }
    for v in variants_with("each member of the account team") {
        has(
            v,
            "A rule of this SOW for replacing a particular member of the account team (such as the Technical Account Manager) applies in addition to this one.",
        );
    }
}

#[test]
fn blind9_vendor_a_41_account_team_rules_are_cumulative() {
    account_team_rules();
}

#[test]
fn blind9_vendor_b_21_account_manager_gives_no_commitments_outside_the_sow() {
    account_team_rules();
}

// ---- vendor-A 11: retirement and the fine-tuned model ----

#[test]
fn blind9_vendor_a_11_retirement_delayed_only_as_stated() {
    for v in all() {
        lacks(v, "those obligations do not prevent a retirement");
    }
    for v in variants_with("A retirement under this Section does not reduce") {
        has(
            v,
            "and those obligations delay a retirement only as follows:",
        );
    }
}

// ---- vendor-A 12: "replaces or supersedes" is defined ----

#[test]
fn blind9_vendor_a_12_replaces_or_supersedes_is_defined() {
    for v in variants_with("that it replaces or supersedes") {
        has(
            v,
            "A model replaces or supersedes another if Vendor retires or withdraws the other in its favour, points to it an alias or default that pointed to the other, describes it as the other's successor or newer version, or recommends to its customers that they move their use of the other to it, and also if its name is the other's with only a later version number or release date (whatever else Vendor calls it).",
        );
        // blind18 vendor-B 14: the price is the fees Section's, whose floor is the minimum discount.
        has(
            v,
            "is charged at Customer's price for it under Section 10.1, but never above",
        );
        if v.stance == "fallback" {
            has(
                v,
                "For such an item, those discounts are never smaller, in total, than",
            );
        } else {
            has(
                v,
                "Whether or not the Price Schedule states its price, no item is charged at more than the lower of (a) Vendor's list price for it at the time Customer uses it and (b) its list price on the Effective Date (or, for an item first made available to Customer later, on the day it is first made available), increased by the same percentage as each increase",
            );
        }
    }
}
