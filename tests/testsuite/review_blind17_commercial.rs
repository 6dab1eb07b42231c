//! Blind read 17 (customer-A, customer-B, vendor-A, vendor-B), the commercial items: the SOW
//! body, precedence, suspension and rate limits, pricing and models, the business-unit call-off
//! and exit's refund terms. Each test runs over the shared variants (every example in both stances
//! and every bank unit in both stances): the quoted defect is gone everywhere and the fixed text is
//! present where it applies.

use crate::counsel::{VARIANTS, Variant, has, lacks, variants_named, variants_with};

fn all() -> impl Iterator<Item = &'static Variant> {
    VARIANTS.iter()
}

#[test]
fn blind17_customer_a_1_vendors_damages_never_reach_the_period_after_termination() {
    // Also customer-B 1 and vendor-A 19: one rule at both stances.
    for v in all() {
        lacks(
            v,
            "This does not limit Vendor's damages for a breach of Customer for which Vendor terminates this SOW",
        );
    }
    let with = variants_with(
        "If Vendor terminates this SOW for a breach of Customer, Vendor's damages for that breach shall not include any fee",
    );
    assert_eq!(with.len(), VARIANTS.len(), "every variant has Annex E");
    let mut stances = std::collections::BTreeSet::new();
    for v in &with {
        stances.insert(v.stance);
        if v.text.contains("(the \"Annual Commitment\")")
            && !v.text.contains("Customer makes no commitment to spend")
        {
            has(
                v,
                "shall not include any fee, Annual Commitment or shortfall of it, or any profit on them, for any period after termination takes effect.",
            );
        }
        // The shortfall rule it agrees with.
        if v.text.contains("Vendor may invoice the difference") {
            has(
                v,
                "and Vendor has no other claim, in damages or otherwise, for the shortfall",
            );
        }
    }
    assert_eq!(stances.len(), 2, "both stances");
    // Where the Agreement's liability terms prevail, the rule is named so they cannot displace it.
    for v in variants_with("the Agreement prevails only as to governing law") {
        has(
            v,
            "the rule in Section 3.4 of Annex E that Vendor's damages for a breach of Customer for which Vendor terminates this SOW include nothing for any period after termination takes effect;",
        );
    }
}

#[test]
fn blind17_customer_a_4_annex_a_sole_remedy_reads_the_body_rule_for_annex_d_breaches() {
    // Also vendor-B 18: Annex A names Section 1.2's one rule rather than excluding it.
    let sole = variants_with(
        "Customer may not recover damages for Downtime as such by framing its claim as a breach of another obligation",
    );
    for v in &sole {
        has(
            v,
            "; a loss caused by a breach that Section 4.3 of Annex D covers, even where the breach also causes Downtime, is governed as Section 1.",
        );
        has(
            v,
            "A loss caused by a breach that Section 4.3 of Annex D covers is governed by that Section, even where the breach also causes Downtime.",
        );
    }
    assert!(sole.iter().all(|v| v.stance == "fallback"));
}

#[test]
fn blind17_customer_a_5_the_precedence_section_prevails_over_the_annexes() {
    for v in all() {
        lacks(v, "prevails over both");
    }
    for v in variants_with("If the body of this SOW conflicts with one of its annexes") {
        has(
            v,
            if v.name.contains(" unit ") {
                "the annex prevails as to its own subject matter, except that this Section and Section 1.2 prevail over the annexes."
            } else {
                "the annex prevails as to its own subject matter, except that this Section prevails over the annexes."
            },
        );
    }
}

#[test]
fn blind17_vendor_b_19_notification_costs_are_within_the_annex_d_limit_not_a_payment() {
    let with = variants_with(
        "an amount that this SOW makes payable, or credits against Customer's invoices, as a price, refund, reimbursement or credit other than a Service Credit (such as the reimbursement of the costs of an audit, or a credit for late training) is a payment under this SOW",
    );
    for v in &with {
        // blind22 compare 1: the preferred reads the same sentence; it has no list to point at,
        // and its Section 4.3 of Annex D (uncapped) governs the notification costs.
        if v.stance == "preferred" {
            has(
                v,
                "not a liability that a limitation or exclusion of liability in the Agreement limits or excludes, except the reimbursement of the costs of notifications, which is subject to Section 4.3 of Annex D.",
            );
            lacks(v, "as the list above states");
            continue;
        }
        has(
            v,
            "not a liability that a limitation or exclusion of liability in the Agreement limits or excludes, except the reimbursement of the costs of notifications, which is subject to Section 4.3 of Annex D as the list above states.",
        );
        has(v, "including for the costs of notifications under");
        lacks(
            v,
            "not a liability that a limitation or exclusion of liability in the Agreement limits or excludes.",
        );
    }
}

#[test]
fn blind17_vendor_a_17_an_unattributed_request_is_measured_under_the_master_once() {
    for v in all() {
        lacks(
            v,
            "Downtime that Vendor cannot show affected only them is Downtime under the Master SOW",
        );
        lacks(v, "and under the Master SOW without them");
    }
    let with = variants_with(
        "A request is the Unit's if one of the Unit's users makes it, or if it is made through one of the Unit's workspaces, projects, API keys or deployments that no other business unit uses",
    );
    for v in &with {
        assert!(v.name.contains(" unit markets "), "{}", v.name);
    }
    assert_eq!(with.len(), 2, "the markets unit, at both stances");
}

#[test]
fn blind17_vendor_a_21_withholding_an_unpriced_item_never_defeats_inclusion() {
    // blind23 vendor-A 22: an item this SOW requires (one that the models Section includes) is
    // provided at once and free until priced; only any other item may be withheld.
    let with = variants_with("Vendor need not supply any other such item until then");
    let mut models = 0;
    for v in &with {
        lacks(v, "Vendor need not make the item available");
        if v.text
            .contains("is included in the Services at no extra charge")
        {
            models += 1;
            has(
                v,
                "where none of them states one and Section 10.5 sets none either, an item that this SOW requires Vendor to provide (such as one that Section 10.5 includes in the Services) is still provided as this SOW requires, free of charge until the parties agree its price in writing; Vendor need not supply any other such item until then, but charges nothing for any use of it that Vendor allows before then.",
            );
        }
    }
    assert!(models > 0, "some variant includes new models");
}

#[test]
fn blind17_vendor_a_20_a_later_version_by_name_supersedes_without_vendors_label() {
    // Also vendor-B 24: an objective test beside Vendor's own acts.
    for v in variants_with("A model replaces or supersedes another if") {
        has(
            v,
            "or recommends to its customers that they move their use of the other to it, and also if its name is the other's with only a later version number or release date (whatever else Vendor calls it).",
        );
    }
}

#[test]
fn blind17_vendor_b_21_the_credential_block_lasts_for_the_threat_and_the_cap_reaches_other_traffic()
{
    for v in all() {
        lacks(v, "in any event for no more than twenty-four (24) hours");
    }
    // Blind read 18 (customer-A 12): the one rule is now the suspension clause's, at both stances.
    let with = variants_with(
        "by blocking the users, keys or credentials from which the threat comes (such as compromised credentials) for the time necessary to respond to it and, only where that is not enough, by restricting Customer's other use of the Services to the extent necessary, for no more than twenty-four (24) hours in total for the same threat unless Customer agrees in writing to a longer period;",
    );
    assert_eq!(with.len(), VARIANTS.len(), "every variant");
    for v in &with {
        lacks(v, "for no longer than Section 10.2 allows");
    }
}

#[test]
fn blind17_vendor_b_22_the_agreements_expiry_leaves_the_sow_standing() {
    let with = variants_with(
        "If the Agreement expires before this SOW ends, this SOW continues, and the Agreement continues to apply to it as this SOW provides, until this SOW ends.",
    );
    assert_eq!(with.len(), VARIANTS.len());
}

#[test]
fn blind17_customer_b_2_betas_that_customer_uses_are_services_at_both_stances() {
    // Also customer-B 5: the preferred Services are the Services' own features and models.
    for v in all() {
        lacks(v, "every other offering of Vendor used through");
        has(
            v,
            "and every beta, preview or early-access feature or model of",
        );
    }
    for v in variants_named("healthcare-azure.json (fallback)") {
        has(
            v,
            "everything that Section 10.5 includes in it and every beta, preview or early-access feature or model of it that Customer uses (the \"Services\")",
        );
    }
    for v in variants_with("every update, new version, feature, function and model of") {
        assert_eq!(v.stance, "preferred", "{}", v.name);
    }
}
