//! Blind read 9 (issue 26), the findings on Annex D (data) assigned to h17. Each test
//! asserts, over every example in both stances and every unit of the bank, that the quoted
//! defect is gone and the fixed text is present where it applies.

use serde_json::json;

use crate::common::{example_json, patched};
use crate::counsel::{VARIANTS, has, lacks, text, variants_with, with_stance};

/// customer-A 2, customer-B 4: the fallback super-cap looked back at the fees of the last
/// twelve months only, so a breach early in the Term was capped near zero; it now has a floor.
#[test]
fn blind9_customer_a_2_data_super_cap_has_a_floor() {
    let vs = variants_with("Vendor's liability for any breach of this Annex");
    assert_eq!(vs.len(), VARIANTS.len(), "every variant has Annex D");
    for v in &vs {
        lacks(
            v,
            "times the fees paid and payable under this SOW in the twelve (12) months before the event giving rise to the first claim.",
        );
        if v.stance == "fallback" {
            has(
                v,
                &crate::counsel::caps_as_in(
                    v,
                    "is limited, in total for all claims for the breaches that this Section covers, to three (3) times the greater of (a) the fees paid and payable under this SOW in the twelve (12) months before the event giving rise to the first claim and (b) the Annual Commitment.",
                ),
            );
            has(v, "(the \"Annual Commitment\")");
        } else {
            lacks(
                v,
                "is limited, in total for all claims for the breaches that this Section covers, to",
            );
        }
    }
}

/// vendor-B 3: the super-cap covered "any breach of this Annex", so an IP Claim under the
/// indemnity could claim both the Agreement's cap and the super-cap; and SOW 1.2's "that
/// Section" pointed at the breach-notice Section, which has no limit.
#[test]
fn blind9_vendor_b_3_super_cap_and_ip_indemnity_are_capped_once() {
    for v in variants_with("(an \"IP Claim\")") {
        has(
            v,
            "on data protection and on Security Breaches, but not its liability under Section",
        );
        // blind12 customer-A 4: limited only as the indemnity's own Section provides.
        has(v, ", which is limited only as that Section provides,");
        lacks(v, "to which only the limits stated in that Section apply");
    }
    for v in variants_with("of Annex D that it covers, including for the costs of notifications") {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        lacks(
            v,
            "Section 4.1 of Annex D, which is subject to the separate limit in that Section",
        );
        has(
            v,
            "including for the costs of notifications under Section 4.1 of Annex D, is subject to the separate limit in that Section",
        );
        // blind12 vendor-A 2: the breaches the liability Section covers, which it states once
        // (the IP indemnity excluded there, not here).
        has(
            v,
            "of Annex D that it covers, including for the costs of notifications",
        );
        lacks(
            v,
            "Vendor's liability for breaches of Annex D (other than under Section",
        );
    }
    // Without the indemnity, the liability clause names no Section it does not cover.
    let t = text(&patched(
        &with_stance(&example_json("global-bank.json"), "fallback"),
        json!({"data": {"ai_assurance": {"ip_indemnity": false}}}),
    ));
    assert!(!t.contains("but not its liability under Section"));
    assert!(t.contains("Section 4.3 of Annex D: Vendor's liability for the breaches of Annex D that it covers, including for the costs"));
}

/// customer-B 5: the fallback indemnity excluded any modified output, and users are told to
/// check and edit every output; only a modification that causes the infringement is excluded.
#[test]
fn blind9_customer_b_5_modified_outputs_keep_the_indemnity() {
    let vs = variants_with("from Customer's modification of an output");
    for v in &vs {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        lacks(v, "from Customer's modification of an output, from");
        has(
            v,
            "from Customer's modification of an output (but not where the output as Vendor generated it would also have infringed), from Customer's use of an output after Vendor has told Customer in writing that it infringes",
        );
    }
    assert!(
        vs.iter()
            .any(|v| v.name.starts_with("healthcare-azure.json"))
    );
}

/// customer-B 6: flagged health data needed consent for review (retention), but the
/// special-category clause, which prevails, let security personnel in on an "imminent threat".
#[test]
fn blind9_customer_b_6_flagged_health_data_needs_consent() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "or an imminent threat to the security of the Services requires",
        );
    }
    let vs = variants_with("Vendor's security personnel may access it without prior consent");
    for v in &vs {
        has(
            v,
            "to the extent that investigating or containing an actual or reasonably suspected Security Breach requires, if Vendor tells Customer of each such access within twenty-four (24) hours; that exception never permits keeping or reviewing content to check compliance with Vendor's usage policies or to monitor abuse, which needs Customer's prior written consent in each case;",
        );
        // The retention clause's rule for flagged content agrees.
        has(
            v,
            "Vendor shall not keep flagged content, or let any person review it, without Customer's prior written consent in each case",
        );
    }
}

/// vendor-A 18, vendor-B 28, vendor-B 29: the weights' export could always be refused by a
/// showing that they "cannot be separated"; the fallback's perpetual licence reached the base
/// model's weights; ownership of "the weights" read as including the base model.
#[test]
fn blind9_vendor_b_29_fine_tuned_weights_exported_where_offered_else_hosted() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "unless Vendor shows Customer in writing that they cannot be separated",
        );
        lacks(
            v,
            "exclusive, perpetual, irrevocable and royalty-free licence",
        );
        lacks(
            v,
            "including the weights that the fine-tuning on Customer Data produces",
        );
        lacks(
            v,
            "in the Services and in the models fine-tuned for Customer.",
        );
    }
    let vs = variants_with("for each model fine-tuned on Customer Data, the training data");
    assert_eq!(vs.len(), VARIANTS.len());
    for v in &vs {
        // Since blind11 customer-B 13: the export test at the fallback, every weight the
        // fine-tuning produced (never the base model's) at preferred; hosted at both.
        if v.stance == "fallback" {
            has(
                v,
                "and the weights that the fine-tuning on Customer Data produced, but only if, when Customer asks for them or at any later time before Vendor deletes them, the Services let customers export the weights of a model fine-tuned in the same way, and then in that form. Where they do not, Customer receives no weights",
            );
        } else {
            has(v, "without the weights of the base model itself");
        }
        has(
            v,
            "Vendor shall keep each model fine-tuned on Customer Data (or, after its base model is retired, the successor model fine-tuned on the same Customer Data and settings and accepted by Customer under Section 10.6 of the Statement of Work) available to Customer in the Services",
        );
        has(
            v,
            "models fine-tuned on Customer Data, to the extent of what the fine-tuning on Customer Data produces (such as the changes it makes to the weights of Vendor's base model, or the adapter weights it adds)",
        );
        has(
            v,
            "except to use them in the Services, including as part of the models fine-tuned for Customer, and to use any weights delivered to it under Section",
        );
        // The exclusive right ends with the Services, as the access clause says.
        has(v, "not a right to keep running them in the Services");
        if v.stance == "fallback" {
            has(
                v,
                "Vendor grants Customer the exclusive, royalty-free right to use that Customer Material in the Services for as long as Customer may use them, including to the end of the Transition Period, and shall not at any time use it, or allow anyone else to use it, except to provide the Services to Customer.",
            );
        }
    }
}

/// vendor-B 36: the AI Act logs, "kept for at least six (6) months", are Customer Data that
/// the deletion clause deletes after the Term; and "the user" is known only if Customer sends it.
#[test]
fn blind9_vendor_b_36_ai_act_logs_and_deletion_agree() {
    let vs = variants_with(
        "logs of Customer's use of the Services, kept, during the Term, for at least six (6) months",
    );
    for v in &vs {
        has(
            v,
            "(such as the user, as far as Customer's systems identify the user to the Services, the date and time,",
        );
        has(
            v,
            "after the Term they are kept and deleted as Section 3.3 provides for Customer Data (which keeps them longer only where the law requires Vendor itself to keep them), and Customer may keep them for longer by exporting them first;",
        );
        has(v, "3.3 Deletion on Termination\n");
    }
}
