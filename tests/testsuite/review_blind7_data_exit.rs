//! Blind read 7 (issue 26), the findings on Annex D (data) and Annex E (exit) assigned to
//! h8. Each test asserts, over every example in both stances and every unit of the bank,
//! that the quoted defect is gone and the fixed text is present where it applies.

use crate::counsel::{VARIANTS, has, lacks, variants_named, variants_with};

/// customer-B 1: supplying health data with a support request was deemed consent to support
/// staff viewing it, while the SOW asks Customer to send example inputs and outputs.
#[test]
fn blind7_customer_b_1_special_category_support_consent_is_express() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "Customer gives that consent, for that request only, by supplying Special-Category Data with it",
        );
    }
    let vs = variants_with("Vendor's support personnel may view Special-Category Data only with");
    for v in &vs {
        has(
            v,
            "Vendor's support personnel may view Special-Category Data only with Customer's express prior written consent, given for the support request concerned by Customer's data protection officer or another person Customer has designated for that purpose; supplying Special-Category Data with a support request is not that consent",
        );
        has(
            v,
            "nothing in this SOW requires Customer to supply Special-Category Data with a support request: Customer may supply de-identified or synthetic examples instead, and Vendor shall offer a way to reproduce and resolve each issue with them",
        );
    }
    assert_eq!(vs.len(), variants_named("healthcare-azure.json").len());
}

/// customer-A 8: the DORA list said access and return on insolvency or resolution were in
/// Annexes D and E, which speak only of termination.
#[test]
fn blind7_customer_a_8_dora_insolvency_trigger_is_stated() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "its return on Vendor's insolvency or resolution or on termination, are in",
        );
    }
    let vs = variants_with("Financial Regulatory Requirements");
    for v in &vs {
        has(
            v,
            "if Vendor becomes insolvent, enters resolution or any insolvency proceeding, or announces that it will discontinue its business or stop providing a service included in the Services (not only a model or model version of it, whose retirement Section 10.6 of the Statement of Work governs), Customer may terminate this SOW, or the Services concerned, by written notice without penalty, with the refund and the transition assistance set out in Annex E, and, whether or not Customer terminates, Vendor shall at once give Customer the access to Customer Data and its return that apply on termination",
        );
        has(
            v,
            "Vendor shall ensure that those obligations survive and can be performed by its sub-processors and by any successor, administrator or resolution authority",
        );
    }
    // Every bank variant, units included.
    assert_eq!(vs.len(), 8);
}

/// customer-A 9, vendor-B 44: support staff could view data from wherever they work
/// (preferred), or from countries Vendor alone named (fallback).
#[test]
fn blind7_customer_a_9_support_access_countries_are_controlled() {
    for v in VARIANTS.iter() {
        lacks(v, "from wherever they provide the support in");
        lacks(
            v,
            "only from a country that Vendor has named to Customer in writing for that purpose, under",
        );
    }
    for v in variants_with("except that Vendor's support personnel may view the Customer Data") {
        assert_eq!(v.stance, "preferred", "{}", v.name);
        has(
            v,
            "from a country that Customer has approved in writing for that purpose (an approval that Customer shall not unreasonably withhold)",
        );
    }
    for v in variants_with("may access Customer Data from outside the Approved Region") {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(
            v,
            "only from a country that Vendor has named to Customer in writing for that purpose at least thirty (30) days before the first such access from it (and Customer may, within that period, object in writing to a country on reasonable grounds relating to the protection of Customer Data, in which case no access shall be made from it)",
        );
    }
}

/// customer-A 17, customer-B 16, vendor-B 43: the fallback objection lapsed into acceptance
/// if Customer neither accepted an alternative nor terminated.
#[test]
fn blind7_customer_a_17_subprocessor_objection_does_not_lapse() {
    for v in VARIANTS.iter() {
        lacks(v, "the objection lapses");
    }
    let vs = variants_with("the objection does not lapse by the passing of time");
    for v in &vs {
        // blind22 compare 5: the preferred holds the objection too (review_s38b_body_data).
        if v.stance == "preferred" {
            has(
                v,
                "Vendor shall not make the change to which Customer objected (the new sub-processor's processing of Customer Data, or the existing sub-processor's processing of it for the new purpose or in the new location) unless Customer withdraws its objection in writing; the objection does not lapse by the passing of time.",
            );
            continue;
        }
        has(
            v,
            "Vendor shall not make the change to which Customer objected (the new sub-processor's processing of Customer Data, or the existing sub-processor's processing of it for the new purpose or in the new location) unless Customer withdraws its objection in writing; the objection does not lapse by the passing of time.",
        );
        has(
            v,
            "If, within thirty (30) days after the objection, Customer has not withdrawn it and Vendor has not withdrawn the change by written notice to Customer, Customer may terminate the affected Services by written notice to Vendor, and Vendor may terminate them by written notice to Customer, taking effect on a date that it states no earlier than one hundred and eighty (180) days after its notice, only if it shows Customer in writing, with reasonable supporting detail, that from that date it cannot provide them without the change (if Customer disputes that showing in writing within thirty (30) days after receiving it, and refers the dispute to the dispute resolution procedure of the Agreement within thirty (30) days after disputing it (or, if later, after Section 9.3 of the Statement of Work first allows formal proceedings on it), Vendor's termination takes effect only if the dispute is resolved in Vendor's favour under the Agreement or the parties agree in writing that the termination is to take effect, and then on the later of the date stated in Vendor's notice and the thirtieth day after that resolution or agreement), in each case without penalty to Customer",
        );
        has(
            v,
            "under this Section. On a termination under this Section, Vendor shall not make the change before termination takes effect.",
        );
        if v.text.contains("for the time actually spent") {
            has(
                v,
                "or because Vendor terminates it for a reason other than Customer's breach",
            );
        }
    }
    for name in [
        "healthcare-azure.json (fallback)",
        "minimal.json (fallback)",
    ] {
        assert!(vs.iter().any(|v| v.name == name), "{name}");
    }
}

/// customer-A 18, vendor-A 16, vendor-B 22: the fallback ownership clause dropped the
/// assignment and licensed back what Customer was said to own.
#[test]
fn blind7_customer_a_18_fallback_ownership_assigns_what_can_be_separated() {
    let vs = variants_with("Vendor claims no ownership of the Customer Materials");
    for v in &vs {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(
            v,
            "Vendor claims no ownership of the Customer Materials, and hereby assigns to Customer any right, title or interest that Vendor has or acquires in them that can be separated from Vendor's own technology.",
        );
        has(
            v,
            "To the extent that a right in a Customer Material nonetheless remains with Vendor because it cannot be so separated",
        );
        lacks(
            v,
            "To the extent that Vendor holds a right in any of the Customer Materials that cannot be separated",
        );
    }
    for v in variants_with("Vendor hereby assigns to Customer any right, title or interest") {
        assert_eq!(v.stance, "preferred", "{}", v.name);
    }
}

/// customer-B 15: abuse-monitoring retention let people review prompts from outside the
/// region and read special categories of personal data without consent.
#[test]
fn blind7_customer_b_15_abuse_review_stays_in_region_and_off_special_categories() {
    let vs = variants_with("solely to monitor the Services for abuse");
    for v in &vs {
        has(
            v,
            "only to investigate a specific suspected misuse of the Services, and only from within the Approved Region",
        );
        // Since blind10 customer-A 11, no review at all without consent, except (in the
        // fallback) of content from a workspace Customer has opened to review.
        has(
            v,
            "no person shall review any of them without Customer's prior written consent in each case",
        );
        if v.stance == "fallback" {
            has(
                v,
                "without one, all of them need that consent). Where a law binding on Vendor requires Vendor to review any of them, Vendor may do so without that consent, to the extent that law requires. Vendor shall keep a record of each such review,",
            );
        } else {
            has(
                v,
                "in each case. Where a law binding on Vendor requires Vendor to review any of them, Vendor may do so without that consent, to the extent that law requires. Vendor shall keep a record of each such review,",
            );
        }
        lacks(v, "any of them that were submitted through");
        if v.stance == "fallback" {
            has(
                v,
                "shall give Customer a copy of the record within five (5) days after Customer asks; where a law binding on Vendor prohibits that count or that copy (for the reviews that the law concerns), Vendor shall give it as soon as that law permits.",
            );
        }
    }
    assert!(vs.iter().any(|v| v.name == "minimal.json (fallback)"));
}

/// customer-B 18, vendor-A 17: the fallback confidentiality of Customer Data followed the
/// Agreement's confidentiality term, including any time limit.
#[test]
fn blind7_customer_b_18_confidentiality_lasts_while_data_is_held() {
    let vs = variants_with("Customer Data is confidential information of Customer");
    for v in &vs {
        has(
            v,
            "These obligations continue for as long as Vendor or any of its sub-processors holds any Customer Data, despite any time limit on confidentiality in the Agreement.",
        );
    }
    assert!(vs.iter().filter(|v| v.stance == "fallback").count() >= 3);
}

/// vendor-A 13, vendor-B 12: the recovery point assumed stored prompts (against zero data
/// retention), and deletion swept away the request records the SLA needs as evidence.
#[test]
fn blind7_vendor_a_13_recovery_point_and_sla_records_fit_deletion() {
    for v in VARIANTS.iter() {
        lacks(v, "loses no more than the Customer Data submitted in the");
    }
    for v in variants_with("Continuity Plan") {
        has(
            v,
            "shall lose none of the Customer Data stored in the Services (such as conversation history, uploaded files, fine-tuning data and fine-tuned models) other than what was stored in the",
        );
        // The sentence follows the retention clause (blind14 customer-B 19).
        if v.text.contains("with zero data retention") {
            has(
                v,
                "Prompts and outputs that this SOW lets Vendor process only transiently are not stored for this purpose.",
            );
        } else {
            has(
                v,
                "Prompts, other inputs and outputs that Vendor keeps only to monitor the Services for abuse under Section 3.1 are not backed up for this purpose and need not be restored after an event.",
            );
        }
    }
    for v in variants_with("Customer's monitoring records or the logs of Customer's systems show") {
        if v.text.contains("Vendor shall delete all Customer Data") {
            has(
                v,
                "Vendor may keep its own records of the time, status and response time of the requests that Customer's systems and users made (records that Vendor keeps for itself, so far as Section 8.1 of the Statement of Work excludes them from Customer Data; a record that contains any of the content of prompts, other inputs or outputs is Customer Data and is deleted as this Section provides for the rest of Customer Data) until the end of the period for which Annex A requires Vendor to keep its records of monitoring and Downtime (the Term and twelve (12) months after it)",
            );
        }
    }
}

/// vendor-B 21: "no lock-out" promised continued use of fine-tuned models without limit in
/// time, and (preferred) withheld access "for any reason" against the suspension clause.
#[test]
fn blind7_vendor_b_21_no_lock_out_is_bounded() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "as a condition of that access or of the continued use of its fine-tuned models.",
        );
    }
    for v in variants_with(
        "as a condition of that access or of the continued use of its fine-tuned models",
    ) {
        has(
            v,
            "of the continued use of its fine-tuned models in the Services for as long as Customer may use the Services",
        );
        has(v, "not a right to keep running them in the Services.");
    }
    for v in variants_with("Vendor shall not withhold that access for any reason") {
        has(
            v,
            "may restrict Customer's use of the Services, but not its retrieval of Customer Data, except that Vendor may block that access through the users, keys or credentials from which a security threat comes, as that Section provides.",
        );
    }
}

/// vendor-B 24: the cap on chargeable transition assistance was Vendor's own estimate, and
/// whether the pilot opt-out earns free assistance was left to argument.
#[test]
fn blind7_vendor_b_24_transition_estimate_itemised_and_pilot_opt_out_placed() {
    let vs = variants_with("for the time actually spent");
    for v in &vs {
        has(
            v,
            "a written estimate of its cost, itemised by task with the hours and the rates applied (stating both rates that the preceding sentence compares), within ten (10) days after the request",
        );
    }
    let pilot = variants_with(
        "is not a termination for convenience, since it rests on the Services not meeting Customer's requirements",
    );
    for v in &pilot {
        has(v, "Opt-Out at the End of the Pilot");
    }
    assert!(pilot.iter().any(|v| v.name == "minimal.json (fallback)"));
}
