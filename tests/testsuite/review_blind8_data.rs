//! Blind read 8 (issue 26), the findings on Annex D (data) and the transition and portability
//! terms assigned to h11. Each test asserts, over every example in both stances and every
//! unit of the bank, that the quoted defect is gone and the fixed text is present where it
//! applies.

use serde_json::json;

use crate::common::{example_json, patched};
use crate::counsel::{VARIANTS, has, lacks, text, variants_named, variants_with, with_stance};

/// customer-A 6, customer-B 3: liability for a breach of Annex D stayed under the
/// Agreement's cap and its exclusion of indirect loss; the fallback put even the notification
/// costs under the cap.
#[test]
fn blind8_customer_a_6_data_liability_outside_the_cap() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "to reimburse Customer's costs of notifications, which is subject to any limit in the Agreement on the total amount of Vendor's liability",
        );
    }
    let vs = variants_with("Vendor's liability for any breach of this Annex");
    assert_eq!(vs.len(), VARIANTS.len(), "every variant has Annex D");
    for v in &vs {
        has(v, "are direct losses, which Vendor shall pay");
        has(
            v,
            "no exclusion of indirect, consequential or special loss, or of loss of data, in the Agreement or in this SOW excludes them",
        );
        has(
            v,
            "the costs of restoring, recreating or reloading Customer Data that is lost, corrupted or made unavailable;",
        );
        has(
            v,
            "fines and penalties that a regulator imposes on Customer or an affiliate of Customer, to the extent that the law allows them to be recovered; and",
        );
        if v.stance == "preferred" {
            has(
                v,
                "is not limited or excluded by any limitation or exclusion of liability in the Agreement or in this SOW, and does not count towards any limit on the total amount of Vendor's liability under them",
            );
            // SOW 1.2 names the clause as one that prevails over the Agreement's liability
            // terms (blind13 vendor-B 2: as an example of the general rule).
            has(
                v,
                "The limitations and exclusions of liability in the Agreement apply to liability under this SOW except where a provision of this SOW provides otherwise, such as by stating that a liability is not limited by them",
            );
            has(
                v,
                "such a provision prevails over them (as Section 4.3 of Annex D does for the breaches of Annex D that it covers and for the losses that it states to be direct losses).",
            );
        } else {
            has(
                v,
                &crate::counsel::caps_as_in(
                    v,
                    "is limited, in total for all claims for the breaches that this Section covers, to three (3) times the greater of (a) the fees paid and payable under this SOW in the twelve (12) months before the event giving rise to the first claim and (b) the Annual Commitment. Liability subject to this limit does not reduce, and is not reduced by, Vendor's liability subject to any limit in the Agreement on the total amount of Vendor's liability",
                ),
            );
            // SOW 1.2 agrees with the clause: the notification costs are inside the super-cap.
            has(
                v,
                "is subject to the separate limit in that Section, not to any limit in the Agreement on the total amount of Vendor's liability, and to no other limitation or exclusion of liability in the Agreement",
            );
            has(
                v,
                "the costs of the notifications to regulators and affected individuals that the law requires Customer to make",
            );
            has(
                v,
                "the notifications to regulators and individuals that the law requires Customer to make",
            );
        }
    }
    // The deal's choice: a preferred deal that accepts the super-cap, with its own multiple.
    let t = text(&patched(
        &example_json("global-bank.json"),
        json!({"positions": {"data.liability": "fallback"},
               "params": {"data.liability": {"cap_times": 5}}}),
    ));
    assert!(t.contains(
        "is limited, in total for all claims for the breaches that this Section covers, to five (5) times the greater of (a) the fees paid and payable"
    ));
    // SOW 1.2 reads the clause's own limit as one that prevails over the Agreement's.
    assert!(t.contains(
        "such as by stating that a liability is not limited by them, has its own limit or is a direct loss"
    ));
    assert!(t.contains(
        "such a provision prevails over them (as Section 4.3 of Annex D does for the breaches of Annex D that it covers and for the losses that it states to be direct losses)."
    ));
}

/// customer-A 3, customer-B 12: the fallback's 72-hour breach notice used up the
/// controller's whole 72-hour window; a bank needs an initial notice within 24 hours.
#[test]
fn blind8_customer_a_3_breach_notice_leaves_the_controller_time() {
    for v in VARIANTS.iter() {
        lacks(v, "in any event within seventy-two (72) hours");
    }
    let vs = variants_with("(a \"Security Breach\")");
    for v in &vs {
        let bank = v.name.starts_with("global-bank.json");
        let health = v.name.starts_with("healthcare");
        // blind15 customer-A 2: a financial customer's initial notice is due within four hours;
        // blind16 customer-B 4: with special-category data, within twenty-four hours.
        if bank {
            has(v, "and in any event within four (4) hours, after Vendor");
        } else if health {
            has(
                v,
                "and in any event within twenty-four (24) hours, after Vendor",
            );
            has(
                v,
                "that first notice is an initial notice: it shall give what Vendor then knows, and Vendor shall give Customer the full notice described below within forty-eight (48) hours after it becomes aware of, or reasonably suspects, the Security Breach",
            );
        } else if v.stance == "preferred" {
            has(
                v,
                "and in any event within twenty-four (24) hours, after Vendor",
            );
        } else {
            has(
                v,
                "and in any event within forty-eight (48) hours, after Vendor",
            );
        }
        if bank {
            let full = if v.stance == "fallback" {
                "forty-eight (48)"
            } else {
                "twenty-four (24)"
            };
            has(
                v,
                &format!(
                    "that first notice is an initial notice: it shall give what Vendor then knows, and Vendor shall give Customer the full notice described below within {full} hours after it becomes aware of, or reasonably suspects, the Security Breach"
                ),
            );
        } else if !health {
            lacks(v, "that first notice is an initial notice");
        }
    }
    assert_eq!(vs.len(), VARIANTS.len());
    // A financial customer's initial notice is due within four hours at both stances.
    for stance in ["preferred", "fallback"] {
        let t = text(&with_stance(
            &patched(
                &example_json("global-bank.json"),
                json!({"data": {"breach_notice_hours": 48}}),
            ),
            stance,
        ));
        assert!(t.contains("in any event within four (4) hours, after Vendor"));
        assert!(t.contains("Vendor shall give Customer the full notice described below within forty-eight (48) hours"));
    }
}

/// customer-A 1 (and 7): DORA gives Customer itself unrestricted audit rights, while the
/// fallback audit clause limited them by notice, frequency and reliance on certificates.
#[test]
fn blind8_customer_a_1_regulatory_audits_are_unrestricted() {
    let vs = variants_with("Financial Regulatory Requirements");
    for v in &vs {
        has(
            v,
            "Despite the rest of this Section, an audit that Customer reasonably considers necessary to meet the Financial Regulatory Requirements needs only the notice that Customer reasonably gives",
        );
        has(
            v,
            "Customer may choose, but Vendor shall not require it, to carry out such an audit together with Vendor's other customers",
        );
        has(
            v,
            "and so do Customer and the auditors it appoints for any audit that Customer reasonably considers necessary to meet the Financial Regulatory Requirements, free of the limits on notice",
        );
        if v.stance == "fallback" {
            has(
                v,
                ", does not count towards the number of audits, and is not answered by Vendor's certificates and reports unless Customer so decides",
            );
            has(
                v,
                "free of the limits on notice, on the number of audits and on reliance on certificates in Section",
            );
        }
    }
    assert_eq!(vs.len(), variants_named("global-bank.json").len());
    for v in VARIANTS.iter() {
        if !v.text.contains("Financial Regulatory Requirements") {
            lacks(v, "reasonably considers necessary to meet");
        }
    }
}

/// customer-A 9: the fallback let Vendor reach prompts from offshore "to keep the Services
/// secure", against the in-region rule for abuse review.
#[test]
fn blind8_customer_a_9_security_access_is_not_content_review() {
    let vs = variants_with("or to keep the Services secure");
    for v in &vs {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(
            v,
            "or to keep the Services secure (but access to keep the Services secure extends only to metadata and system data, such as records of requests and of security events, that contain none of the content of prompts, other inputs, outputs or files, and access to provide support extends to that content only as far as Customer supplies it with the support request concerned, and ",
        );
        has(
            v,
            "governs any other review of that content and permits it only from within the Approved Region",
        );
        lacks(v, "or to keep the Services secure, provided that");
    }
    assert_eq!(
        vs.len(),
        VARIANTS.iter().filter(|v| v.stance == "fallback").count()
    );
}

/// vendor-A 16: "Customer Data" included Vendor's logs derived from it, against the clause
/// that lets Vendor use usage information that contains no content.
#[test]
fn blind8_vendor_a_16_usage_information_is_not_customer_data() {
    for v in VARIANTS.iter() {
        has(
            v,
            "any log or index derived from them, and any model fine-tuned on them, to the extent of what the fine-tuning produces (such as the changes it makes to the weights of Vendor's base model, or the adapter weights it adds) and never Vendor's base models or their weights, but not the records of the use of the Services that Vendor keeps for itself and that contain none of their content (such as request counts and token volumes), which Vendor may use only as Section 1.1 of Annex D permits.",
        );
        has(v, "that contains no content of Customer Data");
    }
    // The AI-regulation logs, kept for Customer, stay Customer Data.
    for v in variants_with("they are Customer Data, kept only for Customer") {
        has(
            v,
            "that Vendor keeps for itself and that contain none of their content",
        );
    }
}

/// customer-B 4: a reviewer cannot know a prompt holds special-category data before opening
/// it, so a consent rule that turns on the content's class could not operate.
#[test]
fn blind8_customer_b_4_special_categories_turn_on_customer_designation() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "no person shall review special categories of personal data, such as data concerning health, among them",
        );
        lacks(
            v,
            "Special categories of personal data, such as data concerning health, shall not be accessed from outside",
        );
    }
    // Since blind10 customer-A 11 and customer-B 24, the rule turns on nothing the reviewer
    // must know: no review without consent, except of content from a workspace that Customer
    // has designated as open to review (fallback); offshore support reaches content only as
    // far as Customer supplies it with a request.
    for v in variants_with("only to investigate a specific suspected misuse of the Services") {
        has(
            v,
            "no person shall review any of them without Customer's prior written consent in each case",
        );
        if v.stance == "fallback" {
            has(
                v,
                "that Customer has designated in writing as open to that review (a designation that Customer may make or withdraw at any time; without one, all of them need that consent)",
            );
        }
    }
    let vs = variants_with(
        "access to provide support extends to that content only as far as Customer supplies it",
    );
    for v in &vs {
        assert_eq!(v.stance, "fallback", "{}", v.name);
    }
    assert!(vs.iter().any(|v| v.name == "minimal.json (fallback)"));
}

/// vendor-B 14: Special-Category Data may not be viewed until Customer consents, while the
/// Response Time runs and Vendor may not delay its work.
#[test]
fn blind8_vendor_b_14_special_category_consent_and_response_times() {
    let vs = variants_with("(\"Special-Category Data\")");
    for v in &vs {
        has(
            v,
            "waiting for that consent does not stop the Response Time or Vendor's work on the request with the information it may view, including de-identified or synthetic examples, and, only where Vendor's written request for that consent shows why Vendor cannot make progress on the issue without viewing that Special-Category Data, the time that Customer takes, beyond",
        );
    }
    assert_eq!(vs.len(), variants_named("healthcare-azure.json").len());
}

/// vendor-B 25: the fallback let either party end the Services after any unresolved
/// objection, so Vendor could answer every objection by walking away.
#[test]
fn blind8_vendor_b_25_vendor_exit_needs_a_reason() {
    for v in VARIANTS.iter() {
        lacks(v, "either party may terminate the affected Services");
    }
    let vs = variants_with("Customer may object to the change on reasonable grounds relating to");
    for v in &vs {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(
            v,
            "Customer may terminate the affected Services by written notice to Vendor, and Vendor may terminate them by written notice to Customer, taking effect on a date that it states no earlier than one hundred and eighty (180) days after its notice, only if it shows Customer in writing, with reasonable supporting detail, that from that date it cannot provide them without the change",
        );
    }
    assert_eq!(
        vs.len(),
        VARIANTS.iter().filter(|v| v.stance == "fallback").count()
    );
}

/// customer-B 15, vendor-A 18: the weights are never exported on some platforms, so the
/// export of what repeats the fine-tuning must be complete and the model must stay usable.
#[test]
fn blind8_customer_b_15_fine_tuning_export_is_complete() {
    let vs = variants_with("for each model fine-tuned on Customer Data, the training data");
    for v in &vs {
        has(
            v,
            "the training data, settings and other information needed to fine-tune another model in the same way on another platform, including the hyper-parameters, the training and validation files, the evaluation results and the logs of each fine-tuning job",
        );
        has(
            v,
            "for as long as Customer may use the Services and in any case to the end of the Transition Period, whatever the reason for termination or expiry.",
        );
    }
    assert_eq!(vs.len(), VARIANTS.len());
}

/// customer-A 17, vendor-B 28: the preferred transfer list lacked the UK Addendum; an
/// EU-only residency spoke of a restricted transfer "in an Approved Region".
#[test]
fn blind8_customer_a_17_transfer_tools_and_adequate_regions() {
    let vs = variants_with("is a \"Restricted Transfer\"");
    for v in &vs {
        has(
            v,
            "and the UK Addendum to those standard contractual clauses",
        );
        if v.name.starts_with("healthcare-azure.json") {
            lacks(v, "whether or not the country is in");
            has(v, "is a \"Restricted Transfer\". Vendor shall make");
        }
        if v.name.starts_with("global-bank.json") {
            has(v, "whether or not the country is in an Approved Region");
        }
    }
    assert_eq!(vs.len(), VARIANTS.len());
}
