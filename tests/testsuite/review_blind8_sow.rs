//! Blind read 8 (customer-A, customer-B, vendor-A, vendor-B), the SOW body's items: one
//! suspension rule, the call-off's service levels and dates against the Master SOW, partial
//! termination stated once, a discount floor that can be measured, the fallback's charging
//! rule, rollout support after go-live, the fallback's liability carve-outs, the account
//! manager's authority and model retirement. Each test runs over the shared variants (every
//! example in both stances and every bank unit in both stances): the quoted defect is gone
//! everywhere and the fixed text is present where it applies.

use crate::counsel::{VARIANTS, Variant, has, lacks, variants_named, variants_with};

fn all() -> impl Iterator<Item = &'static Variant> {
    VARIANTS.iter()
}

fn is_unit(v: &Variant) -> bool {
    v.name.contains(" unit ")
}

// ---- vendor-A 6, vendor-B 19 (customer-B 9): one suspension rule ----

#[test]
fn blind8_vendor_a_6_one_suspension_rule_read_by_every_clause() {
    for v in all() {
        lacks(v, "fees that it does not dispute in good faith within");
        has(
            v,
            "This Section states every ground on which Vendor may suspend or restrict the Services, besides the rejection or queuing of Customer's requests above the rate limits that Section 10.2 allows and the retirement of a model or model version under Section 10.6, which those Sections alone govern, and every other provision of this SOW that refers to a suspension or restriction of the Services refers to one that this Section permits or to that rejection, queuing or retirement.",
        );
        has(
            v,
            "No suspension or restriction, including one that this Section permits, shall prevent Customer from accessing or retrieving Customer Data, except that",
        );
        // blind12 vendor-A 15: only through the credentials from which the threat comes.
        has(
            v,
            "provided that Customer can still access and retrieve Customer Data through its other users, keys or credentials.",
        );
    }
    // "Unlimited" and the guaranteed rates yield to the suspension clause, by reference.
    for v in variants_with("\"unlimited\" means unlimited") {
        has(
            v,
            "under a fair-use policy or otherwise (except only during a suspension or restriction that Section 3.3 permits, on the terms of that Section",
        );
    }
    for v in variants_with("Usage Limits") {
        lacks(
            v,
            "only where Customer's own traffic poses an imminent threat",
        );
        // The usage limits read the suspension clause's one rule, time cap included (blind
        // read 18, customer-A 12), at both stances since blind 30.
        has(
            v,
            "(except only during a suspension or restriction that Section 3.3 permits, on the terms of that Section, and, for the requests that it prevents Vendor from accepting, while maintenance that Annex A allows, or another cause that Annex A excludes from Downtime, makes the Covered Service concerned unavailable)",
        );
        if v.stance == "fallback" {
            has(
                v,
                "by blocking the users, keys or credentials from which the threat comes (such as compromised credentials) for the time necessary to respond to it and, only where that is not enough, by restricting Customer's other use of the Services to the extent necessary, for no more than twenty-four (24) hours in total for the same threat unless Customer agrees in writing to a longer period;",
            );
        }
    }
}

#[test]
fn blind8_vendor_b_19_narrow_suspension_for_non_payment_at_both_stances() {
    for v in all() {
        let days = if v.stance == "preferred" {
            "sixty (60) days"
        } else {
            "thirty (30) days"
        };
        has(
            v,
            &format!(
                "because Customer has not paid, within {days} after receiving Vendor's written notice (given after the amount fell due, naming the amount, stating that it is overdue and stating that Vendor may suspend the Services if it is not paid), an overdue amount invoiced under this SOW that Customer does not dispute in good faith; such a suspension ends when Customer pays the amount or disputes it in good faith."
            ),
        );
        has(
            v,
            "Vendor shall not suspend or restrict the Services because of a dispute between the parties, including a dispute about fees",
        );
    }
}

// ---- vendor-A 14: a Unit-only outage is no Master Service Level Failure ----

#[test]
fn blind8_vendor_a_14_unit_only_downtime_is_not_master_downtime() {
    for v in variants_named("global-bank.json unit markets") {
        has(
            v,
            "Downtime that affects only the Unit's requests is therefore not Downtime under the Master SOW and counts toward no Service Level Failure under it, and so toward no right to terminate the Master SOW for chronic failure.",
        );
    }
    // A unit that does not change the uptime has no Downtime of its own.
    for v in all().filter(|v| is_unit(v) && !v.name.contains(" markets ")) {
        lacks(v, "is measured and remedied under this SOW only");
        lacks(v, "is therefore not Downtime under the Master SOW");
    }
    // The master says the same of every call-off.
    for v in variants_with("(a \"Call-Off\")") {
        if v.text.contains("Service Credit") {
            // blind14 customer-A 1: at preferred it still reduces the Unit's share of the commitment.
            has(
                v,
                if v.stance == "preferred" {
                    "Downtime that affects only that business unit's users and deployments is not Downtime under this SOW, and the Annual Commitment reduces, on that business unit's share of the part attributable to the Covered Service (the proportion that the fees attributable to the business unit for that Covered Service bore to all the fees for it in the period), for the Downtime that the Call-Off measures (whether or not it also affects others), and on the rest of that part for Downtime under this SOW, each as Section 10.1 reduces it for Downtime, so that each minute reduces each share once; a failure to meet a service level that a Call-Off does not change is measured under this SOW, and counts toward Customer's rights under this SOW to terminate for chronic failure (this SOW, or, as a lesser step, a Call-Off alone, whether or not the failure affected that business unit) and, only where a Call-Off so provides, toward its business unit's own right to terminate it"
                } else {
                    "Downtime that affects only that business unit's users and deployments is not Downtime under this SOW; a failure to meet a service level that a Call-Off does not change is measured under this SOW, and counts toward Customer's rights under this SOW to terminate for chronic failure (this SOW, or, as a lesser step, a Call-Off alone, whether or not the failure affected that business unit) and, only where a Call-Off so provides, toward its business unit's own right to terminate it"
                },
            );
        }
    }
}

// ---- customer-A 5, vendor-A 15: the latency credit on the Unit Fees ----

#[test]
fn blind8_customer_a_5_only_changed_service_level_credits_move_to_the_unit_fees() {
    for v in all() {
        lacks(
            v,
            "no Service Credit is due under the Master SOW on the Unit Fees",
        );
    }
    for v in variants_named("global-bank.json unit markets") {
        has(
            v,
            "the fees on which the Master SOW calculates a Service Credit for that service level exclude that share, so that no failure earns a Service Credit twice on the same fees",
        );
        has(
            v,
            "A service level that this SOW does not change is measured as the Master SOW provides, for Customer as a whole, and a Service Credit for a failure to meet it is due once, under the Master SOW, on all the fees on which the Master SOW calculates it, the Unit Fees included; a failure to meet it is a Service Level Failure under the Master SOW only",
        );
    }
    for v in variants_with("(a \"Call-Off\")") {
        if v.text.contains("Service Credit") {
            has(
                v,
                "the Service Credits for it under the Call-Off, calculated on that business unit's share of the fees on which this SOW calculates them, replace the Service Credits for it under this SOW on that share and are never smaller than those this SOW would have given on it; a Service Credit for a service level that the Call-Off does not change is due under this SOW, once, on all the fees on which this SOW calculates it, those attributable to that business unit included",
            );
        }
    }
}

// ---- customer-A 8 (+ 13): partial termination, stated once ----

#[test]
fn blind8_customer_a_8_partial_termination_stated_once_and_referred_to() {
    let rule = "On any termination of this SOW as to some of the Services (such as a model included in them), on whatever ground, the Annual Commitment for every later period, and for the rest of the period in which termination takes effect, reduces by the proportion that the fees for the terminated Services bore to all fees for the Services in the twelve (12) months before termination takes effect (or since the Effective Date, if shorter), and continues, so reduced, for the Services that remain: every provision of this SOW that releases Customer from a commitment on such a termination releases it to that extent and no further.";
    let annex = "minimum-commitment shortfall or other amount for the period after termination takes effect; a shortfall for the period before termination takes effect is payable only as Section 10.1 of the Statement of Work provides, and a termination as to some of the Services releases the Annual Commitment only to the extent that that Section reduces it";
    let mut n = 0;
    for v in all().filter(|v| !is_unit(v)) {
        // The minimal deal names no Services yet, and the health deal one Service with its
        // models (blind13 vendor-B 15): the rule is there all the same.
        has(v, rule);
        has(
            v,
            &format!("{annex}{}", crate::counsel::refunds_bullet_end(v)),
        );
        n += 1;
    }
    assert_eq!(n, 6);
    // The unit's Annex E refers to the call-off, which says what the release is (customer-A 13).
    for v in all().filter(|v| is_unit(v)) {
        lacks(v, annex);
        // blind16 customer-A 2: one rule at both stances, stated once in the call-off.
        has(
            v,
            "minimum-commitment shortfall or other amount for the period after termination takes effect, the annual commitment of the Master SOW being released or reduced only as Section 1.2 of the Statement of Work provides, and no shortfall of it being payable except under the Master SOW, on that commitment as so released or reduced",
        );
        lacks(
            v,
            "(which does not reduce it on a termination for convenience)",
        );
        lacks(v, "(which leaves it unaffected)");
    }
}

// ---- customer-A 4, customer-B 6, vendor-A 37: a discount floor that can be measured ----

#[test]
fn blind8_customer_a_4_discount_floor_is_an_express_minimum_off_list() {
    for v in all() {
        lacks(v, "the most nearly comparable item");
        lacks(
            v,
            "as a percentage of Vendor's list price, than the discount",
        );
    }
    for (prefix, floor) in [
        ("global-bank.json", "15%"),
        ("healthcare-azure.json", "10%"),
        ("minimal.json", "[●]"),
    ] {
        for v in variants_named(prefix) {
            // blind10 customer-A 2: at preferred the floor binds every item, scheduled or not.
            let rule = if v.stance == "preferred" {
                format!(
                    "less the discounts that apply to Customer. For such an item, those discounts are never smaller, in total, than {floor} of Vendor's list price for it (where it has one) on the Effective Date or, if later, the day it is first made available to Customer. Whether or not the Price Schedule states its price, no item is charged at more than the lower of (a) Vendor's list price for it at the time Customer uses it and (b) its list price on the Effective Date (or, for an item first made available to Customer later, on the day it is first made available), increased by the same percentage as each increase of Customer's price for that item that Section 10.3 allows and Vendor has made, less {floor} of that lower price"
                )
            } else {
                format!(
                    "less the discounts that apply to Customer. For such an item, those discounts are never smaller, in total, than {floor} of Vendor's list price for it on the day it is first made available to Customer"
                )
            };
            has(v, &rule);
        }
    }
}

// ---- vendor-A 40: the fallback's "always included" yields to an express charge ----

#[test]
fn blind8_vendor_a_40_always_included_yields_to_an_express_charge() {
    for v in variants_with("no such work is an item for which the Agreement may state a charge") {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(
            v,
            "Except where this SOW expressly states a charge for it, the fees for the Services always include the work that Vendor must do to meet its own commitments under this SOW",
        );
        lacks(v, ". The fees for the Services always include the work");
    }
}

// ---- customer-A 10, customer-B 5: fallback rollout support after go-live ----

#[test]
fn blind8_customer_a_10_fallback_rollout_support_has_a_post_go_live_tail() {
    for v in all() {
        lacks(
            v,
            "until the users that the phase covers are in production use",
        );
    }
    for v in variants_with("Customer may roll out the Services in phases") {
        if v.stance == "fallback" {
            has(
                v,
                "Until the parties agree a rollout plan, each group of users that Customer notifies to Vendor in writing as a phase is a phase.",
            );
            has(
                v,
                "each phase until thirty (30) days after the users that the phase covers are first in production use, Vendor shall provide heightened support",
            );
        } else {
            has(
                v,
                "until ninety (90) days after the users that the phase covers are first in production use",
            );
        }
    }
}

// ---- vendor-B 2: the fallback's §1.2 names the one exclusion it lifts ----

#[test]
fn blind8_vendor_b_2_fallback_carve_outs_name_the_exclusion_they_lift() {
    for v in all() {
        lacks(
            v,
            "but to no other limitation or exclusion of liability in the Agreement",
        );
        lacks(v, "is not narrowed by it");
    }
    for v in variants_with("This SOW so provides, by this reference to the Agreement") {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        if v.text
            .contains("to recover its damages for Downtime in a calendar month")
        {
            has(
                v,
                "which is subject to any limit in the Agreement on the total amount of Vendor's liability and to the Agreement's other terms on liability, except that no term of the Agreement, or of a document that it incorporates, that limits Customer's remedies for that Downtime to credits applies to them, and the parties agree that those damages are a direct loss, so that no exclusion in the Agreement of indirect or consequential loss excludes them",
            );
        }
        if v.text
            .contains("to reimburse Customer's costs of notifications")
        {
            has(
                v,
                "except only that the parties agree that those costs are a direct loss, so that no exclusion in the Agreement of indirect or consequential loss excludes them",
            );
        }
        if v.text.contains("(an \"IP Claim\")") {
            has(
                v,
                "which applies in addition to any indemnity in the Agreement, on the conditions and with the exclusions that it states itself rather than those of an indemnity in the Agreement",
            );
        }
    }
}

// ---- vendor-B 23: the account manager's authority and the signed-change rule ----

#[test]
fn blind8_vendor_b_23_account_manager_authority_is_read_with_the_change_rule() {
    let authority = "with the authority to act for Vendor that Section 12.";
    let reading = "has authority to give for Vendor, in writing, a notice, consent, agreement or quotation that this SOW provides for, which takes effect as the next sentence states; it is no authority to change this SOW or the Agreement.";
    for v in all() {
        lacks(v, "including the authority of an account manager");
        if v.text.contains(authority) {
            has(v, reading);
        } else {
            lacks(v, reading);
        }
    }
    // The preferred Annex B gives the authority, and the Changes clause reads it.
    assert!(!variants_with(reading).is_empty());
}

// ---- vendor-A 38: model retirement covers every version Customer uses ----

#[test]
fn blind8_vendor_a_38_retirement_covers_versions_reached_by_alias() {
    for v in all() {
        lacks(v, "selected by its version identifier available");
    }
    for v in variants_with("before it retires or withdraws any model or model version") {
        has(
            v,
            "keep each model version that Customer uses in the Services available to Customer unchanged",
        );
        has(
            v,
            "A model version that Customer uses includes one that Customer reaches through an alias or default that Vendor maintains, or through a Service in which Vendor chooses the model, as well as one that Customer selects by its version identifier: Vendor may point such an alias, default or Service to a new model version, but it shall then keep the version it replaces available to Customer to select, unchanged and on the same terms, for at least the notice period that this Section requires before a retirement.",
        );
    }
}

// ---- customer-A 14: a late call-off gets dates of its own ----

#[test]
fn blind8_customer_a_14_a_late_call_off_counts_its_dates_from_its_start() {
    let mut n = 0;
    for v in all().filter(|v| is_unit(v)) {
        lacks(v, "give the Unit no dates of its own");
        has(
            v,
            "If this SOW takes effect after the Effective Date, however, the kickoff, onboarding, the Pilot Period and the training sessions are counted for the Unit from the date on which this SOW takes effect instead of from the Effective Date, each date that this SOW states for them moving by the same number of days, and Vendor shall perform them for the Unit's users in addition to their performance under the Master SOW. No other period moves: the Term runs from the Effective Date, as under the Master SOW, whenever this SOW takes effect, and this SOW applies within it from the date on which it takes effect.",
        );
        has(
            v,
            "A right to terminate this SOW (at the end of a Pilot Period included) is, however, the Unit's own, as the Master SOW provides: exercising it ends the Unit's call-off only",
        );
        has(
            v,
            "the effective date of the Master SOW, except as Section 1.2 provides for a call-off that takes effect after that date.",
        );
        n += 1;
    }
    assert_eq!(n, 6);
}
