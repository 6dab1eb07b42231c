//! Issue 26, part 2: the terms counsel found missing (review items 3, 4 and 11) — security,
//! resilience and audit, the regulated financial customer's outsourcing terms, data-protection
//! law, and AI assurance — render for the bank and health examples at both stances, are
//! absent or switched off where a deal says so, and are read from one field each.

use serde_json::{Value, json};

use crate::common::{example_json, patched};
use crate::counsel::{VARIANTS, has, lacks, text, with_stance};

fn bank(stance: &str) -> Value {
    with_stance(&example_json("global-bank.json"), stance)
}

#[test]
fn every_variant_carries_the_processor_terms_and_the_security_section() {
    let mut seen = 0;
    for v in VARIANTS.iter() {
        seen += 1;
        has(v, "Vendor is Customer's processor");
        has(
            v,
            "make available to Customer all information necessary to show its compliance with these obligations",
        );
        has(v, "Business Continuity and Disaster Recovery");
        has(v, "Intellectual Property Indemnity");
        has(v, "Regulation (EU) 2024/1689 (the EU AI Act)");
        // The regulators' rights stand on their own, not on Customer's.
        has(
            v,
            "Every authority that regulates or supervises Customer, and any person that authority appoints, may access, audit and inspect",
        );
        lacks(
            v,
            "the same rights of access, audit and inspection as Customer has",
        );
    }
    assert!(seen >= 12, "the variants");
}

#[test]
fn the_bank_gets_its_regulators_outsourcing_terms_at_both_stances_and_health_does_not() {
    for stance in ["preferred", "fallback"] {
        let t = text(&bank(stance));
        assert!(
            t.contains("Article 30 of Regulation (EU) 2022/2554"),
            "{stance}"
        );
        assert!(t.contains("Supervisory Statement SS2/21"), "{stance}");
        assert!(t.contains("threat-led penetration testing"), "{stance}");
        assert!(t.contains("Vendor shall maintain an exit plan for the Services"));
        let h = text(&with_stance(&example_json("healthcare-azure.json"), stance));
        assert!(!h.contains("Regulation (EU) 2022/2554"), "health {stance}");
    }
    // Read from the customer's industry, unless the deal says otherwise.
    let insurer = patched(
        &example_json("minimal.json"),
        json!({"deal": {"customer": {"industry": "Insurance"}}}),
    );
    assert!(text(&insurer).contains("Regulation (EU) 2022/2554"));
    let not = patched(
        &bank("preferred"),
        json!({"data": {"security": {"financial_regulation": false}}}),
    );
    assert!(!text(&not).contains("Regulation (EU) 2022/2554"));
    let forced = patched(
        &example_json("healthcare-azure.json"),
        json!({"data": {"security": {"financial_regulation": true}}}),
    );
    assert!(text(&forced).contains("Regulation (EU) 2022/2554"));
}

#[test]
fn a_transfer_to_an_approved_region_outside_the_protected_area_still_needs_its_basis() {
    // The bank (a UK plc) approves the United States: storage there is a Restricted
    // Transfer all the same (review item 4).
    for stance in ["preferred", "fallback"] {
        let t = text(&bank(stance));
        assert!(
            t.contains(
                "is a \"Restricted Transfer\", whether or not the country is in an Approved Region"
            ),
            "{stance}"
        );
        assert!(t.contains(
            "the International Data Transfer Agreement issued by the UK Information Commissioner"
        ));
    }
    let none = patched(
        &bank("preferred"),
        json!({"data": {"protection": {"transfer_mechanisms": []}}}),
    );
    assert!(text(&none).contains(
        "as the parties have agreed no basis for a Restricted Transfer, Vendor shall make none"
    ));
}

#[test]
fn health_data_is_special_category_and_prevails_over_the_residency_access() {
    for stance in ["preferred", "fallback"] {
        let t = text(&with_stance(&example_json("healthcare-azure.json"), stance));
        assert!(
            t.contains("in particular data concerning health"),
            "{stance}"
        );
        assert!(t.contains(
            "Vendor shall not transfer Special-Category Data outside the Approved Region, and shall not allow it to be accessed from outside it, whatever any other provision of this SOW permits"
        ));
        assert!(t.contains("Vendor's support personnel may view Special-Category Data only with Customer's express prior written consent"));
    }
    assert!(!text(&bank("preferred")).contains("Special-Category Data"));
}

#[test]
fn the_stances_differ_where_the_playbook_says_and_nowhere_else_illusory() {
    let p = text(&bank("preferred"));
    let f = text(&bank("fallback"));
    // Recovery objectives per stance.
    assert!(p.contains("restore the Services within four (4) hours and shall lose none of the Customer Data stored in the Services (such as conversation history, uploaded files, fine-tuning data and fine-tuned models) other than what was stored in the one (1) hour before the event"));
    assert!(f.contains("restore the Services within eight (8) hours and shall lose none of the Customer Data stored in the Services (such as conversation history, uploaded files, fine-tuning data and fine-tuned models) other than what was stored in the two (2) hours before the event"));
    // The indemnity outside the cap at preferred, within it at fallback.
    assert!(p.contains("Vendor's liability under this Section is not limited or excluded by any limitation or exclusion of liability"));
    assert!(f.contains("Vendor's liability under this Section is subject to the limitation of liability in the Agreement"));
    // The fallback audit is limited in number, never for a regulator or after a breach.
    assert!(f.contains("not more than once in any twelve (12) months except after a Security Breach or where a regulator of Customer requires it"));
    assert!(!p.contains("not more than once in any twelve (12) months"));
}

#[test]
fn each_term_is_switched_off_by_its_field() {
    let off = patched(
        &bank("preferred"),
        json!({"data": {"security": null, "protection": null, "ai_assurance": null}}),
    );
    let t = text(&off);
    for gone in [
        "Security, Resilience and Audit",
        "Regulation (EU) 2022/2554",
        "Vendor is Customer's processor",
        "Restricted Transfer",
        "Intellectual Property Indemnity",
        "the EU AI Act",
    ] {
        assert!(!t.contains(gone), "{gone}");
    }
    // The customer's audit right off, the regulators' kept.
    let regulators_only = patched(
        &bank("preferred"),
        json!({"data": {"security": {"audit": {"customer": false, "regulators": true, "notice_days": 30}}}}),
    );
    let t = text(&regulators_only);
    assert!(!t.contains("Customer, or an independent auditor that Customer appoints"));
    assert!(t.contains("Every authority that regulates or supervises Customer"));
}

#[test]
fn the_minimal_deal_gets_the_defaults_and_no_financial_terms() {
    let t = text(&example_json("minimal.json"));
    assert!(t.contains("Vendor is Customer's processor"));
    assert!(t.contains("only where this SOW permits the storage, processing or access concerned"));
    assert!(!t.contains("Regulation (EU) 2022/2554"));
    assert!(!t.contains("Special-Category Data"));
}

/// Blind read 8 (customer A): the financial-regulation list called Customer's own audit
/// rights "unrestricted" while the audit clause sets notice (and, at fallback, a yearly
/// limit). The regulators' rights are unrestricted, and so are Customer's for the audits it
/// needs for the Financial Regulatory Requirements, which the audit clause exempts from its
/// limits (blind8 round 2, customer-A 1: DORA Art. 30(3)(e)); its other audits are limited.
#[test]
fn blind8_only_the_regulators_audit_rights_are_unrestricted() {
    for stance in ["preferred", "fallback"] {
        let t = text(&bank(stance));
        assert!(
            t.contains("Customer's regulators have unrestricted rights of access, inspection and audit, and so do Customer and the auditors it appoints for any audit that Customer reasonably considers necessary to meet the Financial Regulatory Requirements, free of the limits on notice"),
            "{stance}"
        );
        assert!(
            t.contains("Despite the rest of this Section, an audit that Customer reasonably considers necessary to meet the Financial Regulatory Requirements needs only the notice that Customer reasonably gives"),
            "{stance}"
        );
        assert!(!t.contains("Customer, its auditors and its regulators have unrestricted rights"));
    }
}
