//! Blind read 12 (issue 26), the findings on Annex D (data), the model retirement clause and
//! Annex C (training) assigned to h27. Each test asserts, over every example in both stances
//! and every unit of the bank, that the quoted defect is gone and the fixed text is present
//! where it applies.

use serde_json::json;

use crate::common::{example_json, patched};
use crate::counsel::{VARIANTS, has, lacks, text, variants_with, with_stance};

/// customer-B 9: Annex D kept available "the model that replaces it" after a retirement,
/// which reads as the plain successor base model, while the retirement clause requires the
/// successor fine-tuned on the same data and accepted by Customer. Both clauses now say the
/// same, and the retirement clause reads "that obligation" where only one applies.
#[test]
fn blind12_customer_b_9_the_replacement_is_the_accepted_fine_tune() {
    let vs = variants_with("Vendor shall keep each model fine-tuned on Customer Data (or,");
    assert_eq!(vs.len(), VARIANTS.len());
    for v in &vs {
        lacks(v, "the model that replaces it under");
        has(
            v,
            "Vendor shall keep each model fine-tuned on Customer Data (or, after its base model is retired, the successor model fine-tuned on the same Customer Data and settings and accepted by Customer under Section 10.6 of the Statement of Work) available to Customer in the Services",
        );
        has(
            v,
            "Vendor may meet the first by fine-tuning the successor model on the same Customer Data and settings at no charge, before the retirement takes effect, and keeping the original fine-tuned model available until Customer accepts the new one in writing",
        );
        has(v, "10.6 Model Retirement\n");
    }
    // Without Model Error fixes the fine-tune is the only obligation: no "the first".
    let one = patched(
        &example_json("healthcare-azure.json"),
        json!({"sla": {"model_error_fixes": null}}),
    );
    for stance in ["preferred", "fallback"] {
        let t = text(&with_stance(&one, stance));
        assert!(
            t.contains("that obligation delays a retirement only as follows: Vendor may meet it by fine-tuning the successor model"),
            "{stance}"
        );
        assert!(!t.contains("Vendor may meet the first"), "{stance}");
        assert!(!t.contains("those obligations delay"), "{stance}");
    }
}

const SUPPORT_LIMITS: &str = "The limits of this Annex on where Customer Data may be accessed from do not reduce Vendor's commitments in Annex B: support that needs an access from outside the Approved Region";

/// vendor-A 24: Annex B's hours and languages ran from day 1 while Annex D let support staff
/// outside the Approved Regions view data only from countries Customer had approved (or,
/// at the fallback, had not objected to). The access limits now say that they do not reduce
/// Annex B: support that needs an access they do not permit is given from inside the region.
#[test]
fn blind12_vendor_a_24_access_limits_and_annex_b_agree() {
    let vs = variants_with(SUPPORT_LIMITS);
    assert_eq!(vs.len(), VARIANTS.len());
    for v in &vs {
        if v.stance == "preferred" {
            has(
                v,
                "from a country that Customer has approved in writing for that purpose",
            );
            has(
                v,
                "that this Annex does not permit (such as from a country that Customer has not approved) shall be provided from within the Approved Region",
            );
        } else {
            has(
                v,
                "object in writing to a country on reasonable grounds relating to the protection of Customer Data, in which case no access shall be made from it",
            );
            has(
                v,
                "that this Annex does not permit (such as from a country to which Customer has objected) shall be provided from within the Approved Region",
            );
        }
    }
    // The bank's two regions read in the plural.
    for v in variants_with("(each an \"Approved Region\")") {
        has(
            v,
            "support that needs an access from outside the Approved Regions that this Annex does not permit",
        );
        has(v, "shall be provided from within the Approved Regions.");
    }
    // Where Customer Data may be processed anywhere there are no access limits to reconcile.
    let anywhere = patched(
        &example_json("healthcare-azure.json"),
        json!({"data": {"residency": null, "processing_anywhere": true}}),
    );
    for stance in ["preferred", "fallback"] {
        let t = text(&with_stance(&anywhere, stance));
        assert!(
            !t.contains("The limits of this Annex on where Customer Data"),
            "{stance}"
        );
    }
}

const FROM_SUPPLIED: &str = "Vendor shall build the examples and exercises that come from Customer's work only from material that Customer supplies for that purpose or, for a Training Session for which Customer has not supplied it at least fifteen (15) days before the session, from synthetic material that Vendor prepares to represent that work (which then meets every requirement of this Annex for examples drawn from Customer's work), and shall not access Customer Data in the Services to prepare a Training Session.";
const UNDER_ANNEX_D: &str = "Annex D applies, as it applies to Customer Data, to any personal data in the material that Customer supplies for a Training Session or that Customer's personnel disclose in one, and to each recording of a Training Session, except that Vendor shall use them only to provide what this Annex requires";
const DELETE_COPIES: &str = "Vendor shall delete its copies of each recording within thirty (30) days after delivering it to Customer.";

/// vendor-B 12 (and customer-B 8): the clinician sessions were tailored on real clinical
/// documents, which the special-category clause keeps from the trainers, and what clinicians
/// said in a recorded session was only "confidential information", outside residency,
/// deletion and the breach regime. Examples now come only from material Customer supplies
/// (de-identified or synthetic where special-category data is declared), Annex D applies
/// to that material, to disclosures and to recordings, and at preferred Vendor deletes its
/// copies of a recording thirty days after delivery.
#[test]
fn blind12_vendor_b_12_training_examples_and_recordings_under_annex_d() {
    let vs = variants_with(FROM_SUPPLIED);
    assert_eq!(vs.len(), VARIANTS.len());
    for v in &vs {
        has(v, UNDER_ANNEX_D);
        has(
            v,
            "Anything Customer's personnel disclose in a Training Session, including in a recording of it, is confidential information of Customer.",
        );
        if v.stance == "preferred" {
            has(
                v,
                "only to provide what this Annex requires and that Section 3.1 of this Annex governs when Vendor deletes a recording.",
            );
            has(v, DELETE_COPIES);
        } else {
            has(v, "only to provide what this Annex requires.");
            lacks(v, "governs when Vendor deletes a recording");
            lacks(v, DELETE_COPIES);
            has(v, "or, for the Term, by download from Vendor's platform");
        }
    }
    // Special-category data: the trainers never need it.
    let sc = variants_with("\"Special-Category Data\"");
    for v in &sc {
        has(
            v,
            "Nothing in this SOW requires Customer to supply or disclose Special-Category Data for a Training Session: any example that Customer supplies shall be de-identified or synthetic, and Customer shall ask its personnel not to disclose Special-Category Data in one.",
        );
    }
    for v in VARIANTS
        .iter()
        .filter(|v| !sc.iter().any(|s| s.name == v.name))
    {
        lacks(v, "Special-Category Data for a Training Session");
    }
    // With no Annex D, no sentence points to it.
    let no_data = patched(&example_json("minimal.json"), json!({"data": null}));
    for stance in ["preferred", "fallback"] {
        let t = text(&with_stance(&no_data, stance));
        assert!(t.contains("Vendor shall record"), "{stance}");
        assert!(!t.contains("Annex D applies, as it applies"), "{stance}");
        assert!(
            !t.contains("shall not access Customer Data in the Services"),
            "{stance}"
        );
    }
}

/// customer-B 15 (also vendor-A 49, vendor-B 35; noticed in a clause of this area): a
/// missing paragraph break put Vendor's permission to use usage information inside the last
/// item of the list of prohibitions ("Customer.Vendor may use"). It is its own paragraph.
#[test]
fn blind12_customer_b_15_usage_permission_is_its_own_paragraph() {
    let vs = variants_with("Vendor may use information about");
    assert_eq!(vs.len(), VARIANTS.len());
    for v in &vs {
        lacks(
            v,
            "to provide the Services to Customer. Vendor may use information",
        );
        lacks(v, "Customer.Vendor may use");
        assert!(
            v.md.contains("\n\nVendor may use information about"),
            "{}: the permission is not its own paragraph",
            v.name
        );
    }
}
