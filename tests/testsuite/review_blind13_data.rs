//! Blind read 13 (issue 26), the findings on Annex D (data) and Annex E (exit) assigned to
//! h32. Each test asserts, over every example in both stances and every unit of the bank,
//! that the quoted defect is gone and the fixed text is present where it applies.

use crate::counsel::{VARIANTS, has, lacks, variants_with};

/// customer-B 4: at the fallback the duty to keep Customer Data confidential was only a
/// reference to the Agreement's confidentiality terms, which many cloud agreements do not
/// apply to customer data. Both stances now keep this Section's own duty and a standard of
/// care; the fallback concedes only the level of care.
#[test]
fn blind13_customer_b_4_customer_data_confidentiality_stands_on_its_own() {
    let vs = variants_with("Confidentiality of Customer Data\n");
    assert_eq!(vs.len(), VARIANTS.len());
    for v in &vs {
        lacks(
            v,
            "Vendor shall protect it in accordance with the confidentiality terms of the Agreement",
        );
        has(
            v,
            "Customer Data is confidential information of Customer, whether or not it is marked as confidential and whether or not the confidentiality terms of the Agreement apply to it. Vendor shall:\n",
        );
        if v.stance == "preferred" {
            has(
                v,
                "keep Customer Data confidential and protect it with at least the care it uses for its own most sensitive information, and in any event with reasonable care;",
            );
        } else {
            has(
                v,
                "keep Customer Data confidential and protect it with at least the care it uses for its own confidential information of a similar kind, and in any event with reasonable care;",
            );
        }
    }
}

/// customer-B 11, vendor-A 30: at the fallback Customer "owned" the fine-tuning's weights but
/// received them only where the Services let any customer export weights, which some never
/// do. The preferred text delivers them whatever the Services offer; the fallback keeps the
/// concession and says what the ownership does instead, so that it is not read as a promise
/// of possession: Vendor holds them for Customer only and deletes them at the end.
#[test]
fn blind13_customer_b_11_fine_tuned_weights_ownership_says_what_it_does() {
    let vs = variants_with("for each model fine-tuned on Customer Data, the training data");
    assert_eq!(vs.len(), VARIANTS.len());
    for v in &vs {
        if v.stance == "preferred" {
            has(
                v,
                "whether or not the Services allow customers to export them; and",
            );
            has(
                v,
                "Vendor hereby assigns to Customer any right, title or interest that Vendor has or acquires in the Customer Materials",
            );
            lacks(v, "ownership of them is not a right to receive them");
        } else {
            has(
                v,
                "the Services let customers export the weights of a model fine-tuned in the same way, and then in that form. Where they do not, Customer receives no weights; it receives instead the information that this item requires to repeat the fine-tuning on another platform",
            );
            has(
                v,
                "Where Section 2.3 does not require Vendor to deliver the weights that the fine-tuning on Customer Data produced, Customer does not receive those weights, and its rights in them are only these: their exclusive use in the Services under this Section; the model's availability in the Services, the information for repeating the fine-tuning on another platform, and the payment towards repeating it, that Section 2.3 requires; and the help in moving it that Section 4.1 of Annex E provides. Vendor holds those weights only for Customer, may use them only to provide the Services to Customer, and shall delete them under Section 3.3.",
            );
        }
        // At both stances the model stays in the Services while Customer re-creates it.
        has(
            v,
            "for as long as Customer may use the Services and in any case to the end of the Transition Period, whatever the reason for termination or expiry.",
        );
    }
}

/// vendor-B 9 (zero data retention "promised unconditionally", no suspension for a policy
/// breach): judged not a contradiction. Zero data retention is a deal term; the use clause
/// permits only the abuse monitoring that the retention clause allows; where review needs
/// consent at the fallback, a designated workspace still opens it; and a content decline is
/// neither Downtime nor a suspension but, at most, a Model Error.
#[test]
fn blind13_vendor_b_9_zero_data_retention_agrees_with_monitoring_and_suspension() {
    let zdr = variants_with("Vendor shall provide the Services with zero data retention");
    for v in &zdr {
        has(
            v,
            "Customer's documented instructions (which permit abuse monitoring, and human review of content, only as Section 3.1 allows them)",
        );
        if v.stance == "preferred" {
            has(
                v,
                "after that, for any purpose, including abuse monitoring, human review and debugging. Vendor's automated systems may classify content while it is processed",
            );
        }
    }
    let window = variants_with("solely to monitor the Services for abuse");
    for v in &window {
        if v.stance == "fallback" && !v.text.contains("Special-Category Data") {
            has(
                v,
                "except those submitted through a workspace, project or deployment of the Services that Customer has designated in writing as open to that review",
            );
        }
    }
    for v in VARIANTS.iter() {
        if v.text.contains("\"Available\" means") {
            has(
                v,
                "an answer declining a request on the ground of its content, whether given by a model or by a content filter, is not a server-side error",
            );
        }
    }
}
