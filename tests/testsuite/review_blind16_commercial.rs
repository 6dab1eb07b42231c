//! Blind read 16 (customer-A, customer-B, vendor-A, vendor-B), the commercial items: the SOW
//! body, precedence, pricing, the business-unit call-off and exit's commitment terms. Each test
//! runs over the shared variants (every example in both stances and every bank unit in both
//! stances): the quoted defect is gone everywhere and the fixed text is present where it applies.

use crate::counsel::{VARIANTS, Variant, has, lacks, variants_named, variants_with};

fn all() -> impl Iterator<Item = &'static Variant> {
    VARIANTS.iter()
}

fn lacks_everywhere(s: &str) {
    for v in all() {
        lacks(v, s);
    }
}

fn units() -> Vec<&'static Variant> {
    variants_named("global-bank.json unit")
}

#[test]
fn blind16_customer_a_1_the_units_scope_is_certain_from_day_one_and_no_downtime_falls_between() {
    for v in all() {
        lacks(
            v,
            "the fees for the users, workspaces, projects, deployments and usage that Customer assigns to the Unit by written notice to Vendor",
        );
        lacks(v, "An assignment notice applies from");
    }
    for v in units() {
        has(
            v,
            "The Unit's users, workspaces, projects, API keys and deployments are those that Customer lists in a written notice to Vendor given on or before the day this SOW takes effect, as Customer changes them by later written notice, and, until Customer gives such a notice and wherever a notice leaves it unclear, those that Customer's records (such as its single sign-on groups and its records of the projects, API keys and deployments that it set up for the Unit) assign to the Unit",
        );
    }
    // Where the Unit's uptime changes, a request not shown to be the Unit's is the master's (blind17 vendor-A 17).
    let changed = variants_with(
        "Downtime that affects only the Unit's requests is therefore not Downtime under the Master SOW",
    );
    for v in &changed {
        has(
            v,
            "A request is the Unit's if one of the Unit's users makes it, or if it is made through one of the Unit's workspaces, projects, API keys or deployments that no other business unit uses",
        );
    }
    assert_eq!(changed.len(), 2, "the markets unit, at both stances");
}

#[test]
fn blind16_customer_a_2_any_unit_exit_reduces_the_master_commitment_by_the_units_share() {
    for v in all() {
        lacks(
            v,
            "only where Customer terminates this SOW other than for its convenience",
        );
        lacks(
            v,
            "which does not reduce it on a termination for convenience",
        );
        lacks(v, "(which leaves it unaffected)");
        lacks(
            v,
            "and the annual commitment of the Master SOW is unaffected",
        );
    }
    for v in units() {
        has(
            v,
            "by the Unit's share of it only, on a termination of this SOW on whatever ground",
        );
        has(v, "as the Master SOW reduces it on the end of a call-off:");
        has(
            v,
            "Customer may reduce the Annual Commitment by notice only under the Master SOW (the reduction that this Section provides on the end of this SOW aside)",
        );
    }
    // The master's own rule is the one the call-off follows.
    for v in variants_with(
        "On any termination of this SOW as to some of the Services (such as a model included in them), on whatever ground",
    ) {
        assert!(!v.name.contains(" unit "), "{}", v.name);
    }
}

#[test]
fn blind16_vendor_a_36_each_call_off_agrees_with_its_own_masters_downtime_rule() {
    // The call-off reduces the master's commitment for Unit Downtime only where the master's
    // fees clause reduces it for Downtime: both preferred, never at the fallback.
    for v in variants_with(
        "Downtime under this SOW reduces the annual commitment of the Master SOW all the same",
    ) {
        assert_eq!(v.stance, "preferred", "{}", v.name);
    }
    for v in variants_with(
        "and the Annual Commitment reduces, on that business unit's share of the part attributable to the Covered Service",
    ) {
        assert_eq!(v.stance, "preferred", "{}", v.name);
        has(
            v,
            "the Annual Commitment for a period reduces, for each Covered Service, by the proportion of the minutes of the period that were Downtime of it",
        );
    }
    for v in all().filter(|v| v.stance == "fallback") {
        lacks(
            v,
            "Downtime under this SOW reduces the annual commitment of the Master SOW",
        );
        lacks(
            v,
            "by the proportion of the minutes of the period that were Downtime of it",
        );
    }
}

#[test]
fn blind16_vendor_b_9_customer_a_14_the_shortfall_invoice_is_a_debt_invoiced_within_sixty_days() {
    for v in all() {
        lacks(v, "that invoice is Vendor's only remedy for the shortfall");
        lacks(
            v,
            "Vendor may invoice the difference after the end of that period",
        );
    }
    let with = variants_with(
        "Vendor may invoice the difference within sixty (60) days after the end of that period, with the usage data on which it is based (a shortfall not so invoiced is not payable); the invoice is payable on the same terms as any other invoice under this SOW (subject to Section 1.2), and Vendor has no other claim, in damages or otherwise, for the shortfall.",
    );
    assert!(with.iter().any(|v| v.stance == "fallback"));
    assert!(with.iter().any(|v| v.stance == "preferred"));
}

#[test]
fn blind16_vendor_a_13_the_no_charge_rule_leaves_the_services_fees_and_an_unpriced_item_need_not_be_supplied()
 {
    for v in all() {
        lacks(
            v,
            "only at a price that the parties agree in writing before Vendor first charges for it",
        );
        if v.text
            .contains("Vendor shall not charge for anything that this SOW requires it to provide")
        {
            has(
                v,
                "Apart from the fees for the Services at the prices that this Section sets, Vendor shall not charge for anything that this SOW requires it to provide",
            );
        }
    }
    for v in variants_with(
        "Any other item for which there is no list price is charged at the price that the Price Schedule",
    ) {
        has(v, "where none of them states one");
        has(
            v,
            // blind23 vendor-A 22: a required item is provided, free until priced; any other is withheld.
            "is still provided as this SOW requires, free of charge until the parties agree its price in writing; Vendor need not supply any other such item until then",
        );
        has(
            v,
            "Vendor need not supply any other such item until then, but charges nothing for any use of it",
        );
        has(
            v,
            ", but charges nothing for any use of it that Vendor allows before then.",
        );
        has(
            v,
            "An item that the price of another item covers (such as a new version of a Service priced per user) is charged only through that price.",
        );
    }
    variants_with("Apart from the fees for the Services at the prices that this Section sets");
}

#[test]
fn blind16_vendor_b_8_payments_are_not_liabilities_under_the_agreements_caps() {
    let listed = variants_with(
        "an amount that this SOW makes payable, or credits against Customer's invoices, as a price, refund, reimbursement or credit other than a Service Credit (such as the reimbursement of the costs of an audit, or a credit for late training) is a payment under this SOW, not a liability that a limitation or exclusion of liability in the Agreement limits or excludes",
    );
    // Every variant where the Agreement prevails on liability says it.
    for v in all() {
        if v.text
            .contains("the Agreement prevails only as to governing law")
        {
            assert!(listed.iter().any(|l| l.name == v.name), "{}", v.name);
        }
    }
    // blind22 compare 1: and every variant at the preferred too (review_s38b_body_data).
    for v in all() {
        assert!(listed.iter().any(|l| l.name == v.name), "{}", v.name);
    }
}

#[test]
fn blind16_vendor_a_18_annex_d_liability_governs_a_breach_that_causes_downtime() {
    let with = variants_with(
        "A loss caused by a breach that Section 4.3 of Annex D covers is governed by that Section, even where the breach also causes Downtime.",
    );
    assert_eq!(
        with.len(),
        VARIANTS.len(),
        "every variant has Annex D and an uptime commitment"
    );
}

#[test]
fn blind16_vendor_a_43_fallback_refund_bullet_keeps_vendors_damages_for_customers_breach() {
    // blind17 customer-A 1: Vendor's damages for Customer's breach are kept (the Agreement governs
    // them) but never reach the period after termination, at both stances.
    lacks_everywhere(
        "This does not limit Vendor's damages for a breach of Customer for which Vendor terminates this SOW",
    );
    let with = variants_with(
        "Customer shall pay no termination fee, early-termination charge, minimum-commitment shortfall or other amount for the period after termination takes effect",
    );
    for v in &with {
        has(
            v,
            "If Vendor terminates this SOW for a breach of Customer, Vendor's damages for that breach shall not include any fee",
        );
    }
}

#[test]
fn blind16_customer_a_3_customer_b_5_affiliates_use_the_services_and_their_losses_are_customers() {
    for v in all() {
        has(
            v,
            if v.name.contains(" unit ") {
                // blind38 customer 7: in a call-off, for the work of the Unit only.
                "Customer's affiliates, and the employees and contractors of Customer and of its affiliates, may use the Services under this SOW for the work of the Unit (their other use being under the Master SOW), and Customer is responsible for their use as for its own; data that they submit to the Services is Customer Data, and Customer may enforce this SOW for them and recover their losses as its own, without double recovery of the same loss, under the terms on liability that would apply to the same loss of Customer (a limit of liability applying to their losses and Customer's together, not once for each of them), and no term of the Agreement that excludes the losses of a third party or of an affiliate of Customer excludes them. This does not limit the right of any of them to enforce a provision of this SOW expressed to benefit them directly, such as an indemnity."
            } else {
                "Customer's affiliates, and the employees and contractors of Customer and of its affiliates, may use the Services under this SOW, and Customer is responsible for their use as for its own; data that they submit to the Services is Customer Data, and Customer may enforce this SOW for them and recover their losses as its own, without double recovery of the same loss, under the terms on liability that would apply to the same loss of Customer (a limit of liability applying to their losses and Customer's together, not once for each of them), and no term of the Agreement that excludes the losses of a third party or of an affiliate of Customer excludes them. This does not limit the right of any of them to enforce a provision of this SOW expressed to benefit them directly, such as an indemnity."
            },
        );
        lacks(
            v,
            "fines and penalties that a regulator imposes on Customer,",
        );
        lacks(
            v,
            "fines and penalties that a regulator imposes on Customer because",
        );
    }
    variants_with(
        "fines and penalties that a regulator imposes on Customer or an affiliate of Customer",
    );
}

#[test]
fn blind16_customer_b_6_a_renamed_service_is_never_a_separate_product() {
    for v in all() {
        if v.text.contains("every update and new version of") {
            has(v, "(however Vendor names, packages or markets");
        }
    }
    for v in variants_with("Customer may order from Vendor a separate product") {
        has(
            v,
            "nothing that this Section includes in the Services is a separate product, and nor is a Service that Vendor renames, repackages or provides through another platform or product.",
        );
    }
    variants_with("(however Vendor names, packages or markets");
}

#[test]
fn blind16_customer_a_23_a_blank_terms_price_freeze_covers_the_initial_term() {
    for v in all() {
        lacks(
            v,
            "or, if the Term is shorter, the whole Term, each of Customer's prices",
        );
    }
    for v in variants_with(
        "During the first thirty-six (36) months of the Term or, if longer, the whole Term before any renewal",
    ) {
        assert!(v.name.starts_with("minimal"), "{}", v.name);
    }
}

#[test]
fn blind16_customer_a_10_business_days_follow_both_parties_places() {
    for v in all() {
        lacks(v, "not a public holiday in New York");
        lacks(v, "not a public holiday in Berlin");
        has(
            v,
            "a business day is a day from Monday to Friday that is not a public holiday at the place of Customer's registered office or at that of Vendor's, beginning and ending at midnight local time at the place of Customer's registered office",
        );
    }
}

#[test]
fn blind16_customer_a_16_17_the_call_off_amends_the_agreement_only_for_the_unit_from_its_first_day()
{
    for v in all() {
        let unit = v.name.contains(" unit ");
        if unit {
            has(
                v,
                "The parties sign this SOW also as an amendment of the Agreement, for the Unit's use of the Services only and, beyond the Master SOW's amendment of it, only as to the terms that this SOW changes for the Unit as the Master SOW allows, so that",
            );
            has(
                v,
                "the terms that it changes for the Unit apply from the date it takes effect and not to any earlier period (in the calendar month in which it takes effect, to the part of that month from that date, as for a month partly within the Term)",
            );
        } else {
            lacks(
                v,
                "for the Unit's use of the Services only and to no greater extent",
            );
        }
    }
}
