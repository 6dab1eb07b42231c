//! Blind read 11 (issue 26), the findings on Annex D (data), the model retirement clause and
//! the new-models clause assigned to h24. Each test asserts, over every example in both
//! stances and every unit of the bank, that the quoted defect is gone and the fixed text is
//! present where it applies.

use serde_json::json;

use crate::common::{example_json, patched};
use crate::counsel::{VARIANTS, has, lacks, text, variants_with, with_stance};

const RETIREMENT: &str = "before it retires or withdraws any model or model version";

/// customer-B 6: a model could be retired with no successor that Customer may use in the
/// Approved Region, and the fallback dropped the Approved-Region parity for new models. The
/// successor is now offered in the region for testing and production on the same terms, the
/// notice period begins only when it is, and the parity holds at both stances.
#[test]
fn blind11_customer_b_6_successor_in_the_approved_region() {
    let vs = variants_with(RETIREMENT);
    assert_eq!(vs.len(), VARIANTS.len());
    for v in &vs {
        lacks(
            v,
            "From the date of the notice, Vendor shall make the successor model available to Customer for testing",
        );
        has(
            v,
            "Customer reasonably chooses) available to Customer for processing in the Approved Region",
        );
        has(
            v,
            "Customer may move that use to the successor model for processing in the Approved Region",
        );
        has(
            v,
            "The notice period begins only when a successor model is available to Customer for processing in the Approved Region",
        );
        has(
            v,
            " both for that testing and for Customer's production use on those terms.",
        );
    }
    // The parity for included models, at both stances (the fallback had lost it).
    let parity = "Vendor shall make each of them available to Customer for processing in the Approved Region";
    let included = variants_with(
        "that Vendor makes generally available during the Term is included in the Services at no extra charge",
    );
    assert!(included.iter().any(|v| v.stance == "fallback"));
    for v in &included {
        has(v, parity);
        has(
            v,
            "no later than it makes it available for processing there to any other enterprise customer",
        );
    }
    // Where Customer Data may be processed anywhere, no region is required of the successor.
    let anywhere = patched(
        &example_json("healthcare-azure.json"),
        json!({"data": {"residency": null, "processing_anywhere": true}}),
    );
    for stance in ["preferred", "fallback"] {
        let t = text(&with_stance(&anywhere, stance));
        assert!(
            t.contains("The notice period begins only when a successor model is available to Customer both for that testing and for Customer's production use on those terms."),
            "{stance}"
        );
        assert!(!t.contains("Approved Region"), "{stance}");
    }
}

/// customer-B 13: Customer owned the fine-tuning's weights but had them only where the
/// Services let any customer export weights, which some never do. At preferred the weights
/// the fine-tuning produced (never the base model's) are delivered whatever the Services
/// offer; at the fallback the export test stays and re-creation is named as the remedy; the
/// model stays available in the Services at both stances.
#[test]
fn blind11_customer_b_13_fine_tuned_ownership_has_an_effect() {
    let vs = variants_with("for each model fine-tuned on Customer Data, the training data");
    assert_eq!(vs.len(), VARIANTS.len());
    for v in &vs {
        lacks(
            v,
            "Vendor need not deliver weights, and shall instead keep that model available",
        );
        if v.stance == "preferred" {
            has(
                v,
                "and the weights that the fine-tuning on Customer Data produced (the changes it made to the weights of Vendor's base model, or the adapter weights it added), without the weights of the base model itself, in a documented format, whether or not the Services allow customers to export them; and",
            );
            lacks(v, "but only if, when Customer asks for them");
        } else {
            has(
                v,
                "Where they do not, Customer receives no weights; it receives instead the information that this item requires to repeat the fine-tuning on another platform, the model's availability in the Services under the next paragraph and, if this SOW ends without the weights having been delivered, a payment from Vendor, within thirty (30) days after the end of the Term, of the fees that Customer paid for the fine-tuning jobs that produced the model, towards the cost of repeating them; and",
            );
        }
        has(
            v,
            "available to Customer in the Services, at the prices of this SOW, for as long as Customer may use the Services and in any case to the end of the Transition Period, whatever the reason for termination or expiry.",
        );
        // The access clause reads the portability clause for the weights, at both stances
        // (blind44 compare, blind46 customer 6: saying plainly at the fallback that it may be none).
        if v.stance == "preferred" {
            has(v, "which includes their weights as that Section provides");
        } else {
            has(
                v,
                "which includes their weights only where that Section requires Vendor to deliver them",
            );
        }
    }
}

/// vendor-B 30: the same content-free records of use were excluded from Customer Data by
/// the SOW and included by the AI-regulation logs; the deletion clause limited the request
/// records to service-level evidence against the use clause's list. The logs are now
/// Customer's set apart from Vendor's own records, and one list of uses names the
/// service-level evidence, which the deletion clause confines them to after the Term.
#[test]
fn blind11_vendor_b_30_usage_records_are_classified_once() {
    let logs = variants_with("they are Customer Data, kept only for Customer");
    assert_eq!(logs.len(), VARIANTS.len());
    for v in &logs {
        has(
            v,
            "apart from any record of use that Vendor keeps for itself (which Section 8.1 of the Statement of Work excludes from Customer Data even where it holds the same information)",
        );
        has(
            v,
            "but not the records of the use of the Services that Vendor keeps for itself and that contain none of their content",
        );
    }
    for v in VARIANTS.iter() {
        lacks(
            v,
            "only to invoice Customer and to operate and secure the Services for Customer.",
        );
        lacks(
            v,
            "provided that it uses that information only in aggregated or de-identified form",
        );
        lacks(v, "outputs; Vendor shall use them only to show whether");
        has(
            v,
            "to invoice Customer, to show whether the Services met the service levels in Annex A and to operate and secure the Services for Customer",
        );
        if v.stance == "fallback" {
            has(
                v,
                "and, only in aggregated and anonymised form from which no one, including Vendor, can identify Customer or any of its users, to plan capacity and to improve the Services.",
            );
        } else {
            lacks(v, "to plan capacity");
        }
    }
    for v in variants_with("its own records of the time, status and response time of the requests")
    {
        has(
            v,
            "; after the Term, Vendor shall use them only to show whether the Services met the service levels in Annex A, to invoice Customer for the Term within the time that this SOW allows and to establish or defend a claim between the parties about either",
        );
    }
}

/// vendor-B 33: Annex D kept the fine-tuned model available to the end of the Transition
/// Period while the SOW let Vendor replace it after its base model's retirement, and the
/// annex prevails. The annex now names the replacement that the retirement clause provides.
#[test]
fn blind11_vendor_b_33_fine_tune_replacement_is_read_by_both_clauses() {
    let vs = variants_with(RETIREMENT);
    assert_eq!(vs.len(), VARIANTS.len());
    for v in &vs {
        lacks(
            v,
            "(where they do not, Vendor need not deliver weights, and shall instead keep that model available",
        );
        has(
            v,
            "Vendor shall keep each model fine-tuned on Customer Data (or, after its base model is retired, the successor model fine-tuned on the same Customer Data and settings and accepted by Customer under Section 10.6 of the Statement of Work) available to Customer in the Services",
        );
        has(
            v,
            "Vendor may meet the first by fine-tuning the successor model on the same Customer Data and settings at no charge, before the retirement takes effect, and keeping the original fine-tuned model available until Customer accepts the new one in writing",
        );
        // The retirement clause is Section 10.6 in every variant.
        has(v, "10.6 Model Retirement\n");
    }
}
