//! Blind read 7 (customer-A, customer-B, vendor-A, vendor-B), the SOW body's items: Service
//! Credits and the IP indemnity against the Agreement's cap, wrongful suspension and throttling
//! against the sole-remedy rule, "unlimited" against Vendor's general limits, the Annual
//! Commitment's shortfall and partial termination, the call-off against the Master SOW, named
//! models and discount floors, model retirement, rollout support, the signed-change rule,
//! Vendor documents that add to the SOW, onboarding travel and the fallback charging rule.
//! Each test runs over the shared variants (every example in both stances and every bank unit
//! in both stances): the quoted defect is gone everywhere and the fixed text is present where
//! it applies.

use crate::counsel::{VARIANTS, Variant, has, lacks, variants_named, variants_with};

fn all() -> impl Iterator<Item = &'static Variant> {
    VARIANTS.iter()
}

// ---- Service Credits are uncapped and do not use up the Agreement's cap ----

fn credits_do_not_count_towards_the_cap() {
    for v in all() {
        lacks(v, "although they count towards any limit");
    }
    let vs = variants_with("no limitation of Vendor's liability in the Agreement limits them");
    for v in vs {
        has(
            v,
            "no limitation of Vendor's liability in the Agreement limits them, and they do not count towards any limit on the total amount of Vendor's liability under it",
        );
        has(v, "Service Credits are uncapped");
    }
}

#[test]
fn blind7_customer_b_3_uncapped_credits_do_not_use_up_the_cap() {
    credits_do_not_count_towards_the_cap();
}

#[test]
fn blind7_vendor_a_18_credits_do_not_use_up_the_cap() {
    credits_do_not_count_towards_the_cap();
}

#[test]
fn blind7_vendor_b_38_credits_do_not_use_up_the_cap() {
    credits_do_not_count_towards_the_cap();
}

// ---- customer-B 4: the precedence clause says what the indemnity clause says ----

#[test]
fn blind7_customer_b_4_precedence_does_not_promise_an_indemnity_carve_out() {
    for v in all() {
        lacks(
            v,
            "subject to the Agreement's limitation of liability only as that Section states",
        );
    }
    // blind11 customer-B 7: the fallback's cap applies only as far as the Agreement caps the
    // defence and indemnity obligations; the precedence clause still only points to it.
    for v in variants_with(
        "Vendor's liability under this Section is subject to the limitation of liability in the Agreement only to the extent that the Agreement applies that limitation to Vendor's obligations to defend and indemnify",
    ) {
        if v.text
            .contains("This SOW so provides, by this reference to the Agreement")
        {
            has(
                v,
                "which applies in addition to any indemnity in the Agreement, on the conditions and with the exclusions that it states itself rather than those of an indemnity in the Agreement, and which is subject to the Agreement's limitation of liability only so far as that Section provides",
            );
        }
    }
    for v in variants_with(
        "is not limited or excluded by any limitation or exclusion of liability in the Agreement or this SOW",
    ) {
        lacks(
            v,
            "which is subject to the Agreement's limitation of liability",
        );
    }
}

// ---- Wrongful suspension and throttling are Downtime in addition to the breach ----

fn wrongful_restriction_is_not_only_downtime() {
    let vs = variants_with("is a minute of Downtime");
    for v in vs {
        if v.text
            .contains("suspended or restricted other than as this Section permits")
        {
            has(
                v,
                "is a minute of Downtime under Annex A; such a suspension or restriction is also a breach of this Section, for which Customer keeps all its other rights and remedies, and the Service Credits for those minutes are not its sole remedy for it",
            );
        }
        if v.text.contains(
            "Vendor rejects, queues or slows Customer's requests (by rate-limiting, throttling or deprioritising them, by holding them back for later processing, or by rejecting them for want of capacity, not a response that takes long for another reason",
        ) {
            has(
                v,
                "such a rejection, queuing, slowing or restriction is also a breach of this Section, for which Customer keeps all its other rights and remedies, and the Service Credits for those minutes are not its sole remedy for it",
            );
        }
    }
    assert!(
        variants_with("such a suspension or restriction is also a breach of this Section")
            .iter()
            .any(|v| v.stance == "fallback")
    );
}

#[test]
fn blind7_customer_a_1_wrongful_suspension_is_not_only_a_credit() {
    wrongful_restriction_is_not_only_downtime();
}

#[test]
fn blind7_customer_b_17_sole_remedy_does_not_swallow_suspension_or_throttling() {
    wrongful_restriction_is_not_only_downtime();
}

#[test]
fn blind7_customer_a_2_slowing_or_queuing_is_downtime_whatever_the_latency() {
    for v in variants_with(
        "Vendor rejects, queues or slows Customer's requests (by rate-limiting, throttling or deprioritising them, by holding them back for later processing, or by rejecting them for want of capacity, not a response that takes long for another reason",
    ) {
        has(
            v,
            "whether or not the Covered Service is otherwise Available;",
        );
        // Its requests leave the latency measure, so the minute counts once (blind9 vendor-A 3).
        if v.text.contains("\"Latency Commitment\"") {
            has(
                v,
                "Requests submitted in a minute of Downtime are not counted, so that no request counts toward both the Latency Commitment and Downtime.",
            );
        }
    }
}

// ---- "Unlimited" cannot be capped again by Vendor's general limits ----

fn unlimited_is_not_capped_again() {
    for v in all() {
        lacks(
            v,
            "the rate limits that it applies generally to its enterprise customers",
        );
    }
    // blind12 customer-A 3: no limit above the guaranteed rates at either stance, and none per user.
    let unl = variants_with("ChatGPT Enterprise is sold to Customer on an unlimited basis, and");
    assert!(unl.iter().any(|v| v.stance == "fallback"));
    for v in unl {
        lacks(v, "organisation-wide rate limits");
        has(
            v,
            "Vendor shall not subject any individual user of ChatGPT Enterprise to a rate or usage limit of its own",
        );
    }
}

#[test]
fn blind7_customer_a_3_fallback_unlimited_is_not_capped_per_user() {
    unlimited_is_not_capped_again();
}

#[test]
fn blind7_vendor_a_7_fallback_limits_are_frozen_and_organisation_wide() {
    unlimited_is_not_capped_again();
}

// ---- The Annual Commitment: shortfall and partial termination ----

fn commitment_shortfall_and_partial_termination() {
    for v in variants_with("Customer commits to spend") {
        has(
            v,
            // blind16 vendor-B 9, customer-A 14: a debt on normal terms, invoiced within 60 days.
            "If the fees for Customer's use of the Services in a period are less than the Annual Commitment for it, Vendor may invoice the difference within sixty (60) days after the end of that period, with the usage data on which it is based (a shortfall not so invoiced is not payable); the invoice is payable on the same terms as any other invoice under this SOW (subject to Section 1.2), and Vendor has no other claim, in damages or otherwise, for the shortfall.",
        );
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
    for v in variants_named("global-bank.json (") {
        has(
            v,
            "On any termination of this SOW as to some of the Services (such as a model included in them), on whatever ground, the Annual Commitment for every later period, and for the rest of the period in which termination takes effect, reduces by the proportion that the fees for the terminated Services bore to all fees for the Services in the twelve (12) months before termination takes effect",
        );
    }
}

#[test]
fn blind7_customer_a_4_partial_termination_reduces_the_commitment() {
    commitment_shortfall_and_partial_termination();
}

#[test]
fn blind7_customer_a_5_shortfall_is_stated() {
    commitment_shortfall_and_partial_termination();
}

#[test]
fn blind7_vendor_a_2_shortfall_is_invoiced() {
    commitment_shortfall_and_partial_termination();
}

#[test]
fn blind7_vendor_b_2_shortfall_mechanism() {
    commitment_shortfall_and_partial_termination();
}

// ---- The call-off against the Master SOW ----

#[test]
fn blind7_customer_a_10_call_off_release_words_and_convenience() {
    for v in variants_with("This SOW is a call-off under the Statement of Work") {
        has(
            v,
            "Where this SOW or its annexes repeat from the Master SOW a refund of prepaid fees or a release from a minimum spend, volume or other purchase commitment, that refund or release has effect only as the following provides.",
        );
        // blind16 customer-A 2: every termination of the call-off reduces by the Unit's share, so
        // no ground needs to be told apart from convenience.
        lacks(v, "is not a termination for its convenience");
        has(v, "on a termination of this SOW on whatever ground");
        has(v, "as the Master SOW reduces it on the end of a call-off:");
    }
}

#[test]
fn blind7_vendor_a_22_precedence_clauses_agree_on_call_off_terms() {
    for v in variants_with("This SOW is a call-off under the Statement of Work") {
        has(
            v,
            "are the terms the Master SOW allows a call-off to set, and are not such a matter.",
        );
    }
    for v in variants_with("(a \"Call-Off\")") {
        let r = if v.text.contains("may reserve a part of these limits") {
            "a part of the rate limits reserved for the business unit's requests, as Section 10.2 provides, "
        } else {
            ""
        };
        has(
            v,
            &format!(
                "and it sets the terms on which that business unit calls off the Services (how the fees attributable to the business unit are determined, how a service level that it changes is measured for the business unit, the onboarding, pilot and training of the business unit's users where the Call-Off takes effect after the Effective Date, the business unit's own rights to terminate the Call-Off, as this Section provides, {r}and how the end of the Call-Off applies to those fees, to commitments and to the business unit's data)"
            ),
        );
    }
}

#[test]
fn blind7_vendor_a_23_unit_only_outage_earns_no_master_credit() {
    for v in variants_with("(a \"Call-Off\")") {
        if v.text
            .contains("replace the Service Credits for it under this SOW on that share")
        {
            has(
                v,
                "Downtime that affects only that business unit's users and deployments is not Downtime under this SOW",
            );
        }
    }
    for v in variants_with(
        "is measured under this SOW for the Unit's users, deployments and requests only, and under the Master SOW for every other request",
    ) {
        has(
            v,
            "Downtime that affects only the Unit's requests is therefore not Downtime under the Master SOW",
        );
        has(
            v,
            "A service level that this SOW does not change is measured as the Master SOW provides, for Customer as a whole, and a Service Credit for a failure to meet it is due once, under the Master SOW",
        );
    }
}

// ---- Named models and a floor for "the discounts that apply" ----

fn models_named_and_discounts_floored() {
    for v in all() {
        lacks(v, "standard model");
    }
    for v in variants_with("the discounts that apply to Customer.") {
        if v.stance == "preferred" {
            // blind10 customer-A 2: the preferred floor binds every item, scheduled or not.
            has(
                v,
                "Whether or not the Price Schedule states its price, no item is charged at more than the lower of (a) Vendor's list price for it at the time Customer uses it and (b) its list price on the Effective Date (or, for an item first made available to Customer later, on the day it is first made available), increased by the same percentage as each increase of Customer's price for that item that Section 10.3 allows and Vendor has made, less ",
            );
        } else {
            has(
                v,
                "For such an item, those discounts are never smaller, in total, than ",
            );
            has(
                v,
                "of Vendor's list price for it on the day it is first made available to Customer",
            );
        }
    }
    for v in variants_named("global-bank.json") {
        has(v, "Input tokens, GPT-4.1");
    }
    for v in variants_named("healthcare-azure.json") {
        has(v, "Input tokens, GPT-4.1, Data Zone (EU) deployment");
    }
}

#[test]
fn blind7_vendor_a_9_price_schedule_names_the_model() {
    models_named_and_discounts_floored();
}

#[test]
fn blind7_vendor_b_11_price_schedule_names_model_and_deployment() {
    models_named_and_discounts_floored();
}

#[test]
fn blind7_vendor_b_26_new_model_pricing_has_a_discount_floor() {
    models_named_and_discounts_floored();
}

// ---- Model retirement against fine-tunes and open Model Errors ----

fn retirement_and_fine_tunes() {
    for v in all() {
        lacks(
            v,
            "available to Customer unchanged, at the same unit prices",
        );
    }
    for v in variants_with("before it retires or withdraws any model or model version") {
        has(
            v,
            "at Customer's prices under this SOW (which the notice of retirement does not change)",
        );
        has(
            v,
            "for testing (not for Customer's production use) at no charge",
        );
        has(
            v,
            "Only where a law, a court order or a regulator requires Vendor to withdraw a model or model version sooner may Vendor give a shorter notice than this Section requires",
        );
        if v.text
            .contains("for each model fine-tuned on Customer Data, the training data")
        {
            has(
                v,
                "Vendor may meet the first by fine-tuning the successor model on the same Customer Data and settings at no charge, before the retirement takes effect",
            );
        }
        if v.text.contains(
            "give Customer access to the previous model version or configuration until the permanent fix",
        ) {
            has(
                v,
                "shall not make the retirement of a version to which Customer has such access take effect before that permanent fix is delivered",
            );
        }
    }
    assert!(
        !variants_with("A retirement under this Section does not reduce Vendor's obligations")
            .is_empty()
    );
}

#[test]
fn blind7_vendor_a_6_retirement_against_fine_tunes_and_model_errors() {
    retirement_and_fine_tunes();
}

#[test]
fn blind7_vendor_b_25_retirement_prices_testing_and_legal_withdrawal() {
    retirement_and_fine_tunes();
}

// ---- vendor-B 15: heightened support has an end point; the uplift is named ----

#[test]
fn blind7_vendor_b_15_rollout_support_ends_and_uplift_is_named() {
    for v in variants_with("Customer may roll out the Services in phases, each covering") {
        has(
            v,
            "until Customer confirms in writing that the phase is complete or, if earlier, until ninety (90) days after the users that the phase covers are first in production use",
        );
        if v.text
            .contains("at one Severity Level above the Severity Level")
        {
            has(
                v,
                "the Severity Level changing only as provided in Section 4.3, in Section 2.1 of Annex B",
            );
        }
    }
}

// ---- vendor-B 47: the signed-change rule binds every representative ----

#[test]
fn blind7_vendor_b_47_account_manager_cannot_change_the_sow_by_email() {
    for v in variants_with(
        "is effective only if it is in writing and signed by authorised representatives of both parties",
    ) {
        has(
            v,
            "no other statement, email or communication of a representative of either party changes this SOW, whatever that representative's authority",
        );
    }
}

// ---- vendor-B 49: Vendor documents add to the SOW only as a provision says ----

#[test]
fn blind7_vendor_b_49_vendor_documents_apply_only_as_stated() {
    for v in variants_with("gives Customer more than this Annex, Customer receives that as well") {
        has(
            v,
            "A document of Vendor applies in addition to this SOW only where a provision of this SOW says so",
        );
    }
}

// ---- vendor-A 48: onboarding travel is included at both stances ----

#[test]
fn blind7_vendor_a_48_onboarding_travel_is_included() {
    for v in variants_with("Onboarding is included in the fees for the Services") {
        has(
            v,
            "Vendor shall not charge for it, or for travel or other expenses it incurs in delivering it.",
        );
    }
    assert!(
        variants_with("Onboarding is included in the fees for the Services")
            .iter()
            .any(|v| v.stance == "fallback")
    );
}

// ---- vendor-B 37: the fallback charging rule does not leak to Vendor's own commitments ----

#[test]
fn blind7_vendor_b_37_fallback_charges_exclude_vendors_own_commitments() {
    for v in variants_with(
        "for an item that this SOW does not state to be included in the fees for the Services",
    ) {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(
            v,
            "Except where this SOW expressly states a charge for it, the fees for the Services always include the work that Vendor must do to meet its own commitments under this SOW",
        );
        has(
            v,
            "no such work is an item for which the Agreement may state a charge",
        );
    }
}

/// Blind read 8 (vendor A 36, 39, 41): the ticket clause's "only" list of severity changes
/// names Annex B (reclassification after a workaround included) and, for a Model Error,
/// Annex A; a pinned model kept "unchanged" still takes the fixes the SOW requires; "slows"
/// in the capacity clause is throttling, not any slow response.
#[test]
fn blind8_severity_changes_pinned_fixes_and_slowing_read_as_one() {
    for v in crate::counsel::variants_with("Severity Level changing only as") {
        // Each level-changing section is named, the reclassification after a workaround
        // included (blind10 customer-A 3: not a bare "Annex B" list that read as Annex B, 4.3).
        crate::counsel::has(v, "in Section 2.1 of Annex B, in Section 2.3 of Annex B");
        if v.text.contains("Priority Fixes for Model Errors") {
            crate::counsel::has(v, "or, for a Model Error, in Section 4.");
        }
    }
    for v in crate::counsel::variants_with("available to Customer unchanged") {
        crate::counsel::has(
            v,
            "available to Customer unchanged (except by a fix that this SOW requires of Vendor, such as the fix of a Model Error or of a security vulnerability)",
        );
    }
    for v in crate::counsel::variants_with("rejects, queues or slows Customer's requests") {
        crate::counsel::has(
            v,
            "rejects, queues or slows Customer's requests (by rate-limiting, throttling or deprioritising them, by holding them back for later processing, or by rejecting them for want of capacity, not a response that takes long for another reason",
        );
    }
}
