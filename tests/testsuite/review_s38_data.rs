//! Session 38, Annex D and Annex E's transition (blind reads 20 and 21). Each test asserts,
//! over every example in both stances and every unit of the bank, that the quoted defect is
//! gone and the fixed text is present where it applies.

use crate::counsel::{VARIANTS, has, lacks, variant, variants_with};

/// customer 4: fallback usage information was "de-identified" only as to anyone outside
/// Vendor, so Vendor could still single out Customer and its users. Anonymised, for everyone.
#[test]
fn b21_customer_4_usage_information_anonymised_for_vendor_too() {
    for v in VARIANTS.iter() {
        lacks(v, "to anyone outside Vendor");
        lacks(v, "aggregated or de-identified form");
    }
    let vs = variants_with("to plan capacity and to improve the Services");
    for v in vs {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(
            v,
            "and, only in aggregated and anonymised form from which no one, including Vendor, can identify Customer or any of its users, to plan capacity and to improve the Services.",
        );
    }
}

/// customer 7, vendor 29 (and blind20 customer-B 17): the fallback's free-export exception
/// lost its "or" and its "which is also" lost its referent. One list of free exports.
#[test]
fn b21_customer_7_free_exports_are_one_list() {
    for v in VARIANTS.iter() {
        lacks(v, "to keep the logs under Section 7.2, which is also");
        lacks(v, "which is also at no extra charge");
    }
    let vs = variants_with(
        "Vendor shall provide at no extra charge every export requested on or after termination or expiry, one other export in each period of twelve (12) months during the Term",
    );
    assert_eq!(
        vs.len(),
        VARIANTS.iter().filter(|v| v.stance == "fallback").count()
    );
    for v in vs {
        has(
            v,
            "For any other export during the Term, Vendor may charge its reasonable, documented costs, if it has quoted them in advance and Customer has accepted the quote in writing.",
        );
    }
    has(
        variant("healthcare-azure.json (fallback)"),
        "and each export that Customer reasonably needs to answer a regulator or an auditor or to keep the logs under Section 7.2.",
    );
}

/// vendor 17: at the bank's fallback, the one free export a year read as a limit that the free
/// monthly copy defeated. The monthly copy is a free category of its own in the same list.
#[test]
fn b21_vendor_17_monthly_copy_is_a_free_category_in_the_one_list() {
    let vs = variants_with(
        "deliver at least once a month, at no extra charge, to storage that Customer controls",
    );
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    for v in vs {
        lacks(v, "or that is a monthly copy under that Section");
        if v.stance == "fallback" {
            has(
                v,
                "one other export in each period of twelve (12) months during the Term, each monthly copy under Section 7.1 and each export that Customer reasonably needs to answer a regulator or an auditor, to keep the logs under Section 8.2 or to test the exit plan under Section 7.1.",
            );
        } else {
            has(
                v,
                "Vendor shall provide every export at no extra charge, as often as Customer requests.",
            );
        }
    }
}

/// customer 9: the processor terms offered deletion or return "at Customer's choice", the
/// deletion clause only deletion. Return by the exports, then deletion as the Annex provides.
#[test]
fn b21_customer_9_return_by_the_exports_then_deletion() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "delete or return the personal data, at Customer's choice",
        );
    }
    let vs = variants_with("at the end of the provision of the Services, return the personal data");
    for v in vs {
        has(
            v,
            "at the end of the provision of the Services, return the personal data to Customer by the exports that Customer requests under Section 2.3 and then delete it as Section 3.3 provides, unless the law requires Vendor to keep it;",
        );
    }
}

/// customer 11: the Transition Period had two price references ("in force immediately before
/// termination or expiry" and "the prices of this SOW"). One, in the payment sentence.
#[test]
fn b21_customer_11_one_price_reference_for_the_transition_period() {
    for v in VARIANTS.iter() {
        lacks(v, "on the terms of this SOW and at the prices in force");
        lacks(v, "during the Transition Period, at the prices of this SOW");
        lacks(v, "during the Transition Period at the prices of this SOW");
    }
    let vs = variants_with(
        "continue to provide the Services, including support, on the terms of this SOW;",
    );
    assert!(vs.iter().any(|v| v.stance == "preferred"));
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    for v in vs {
        has(
            v,
            "at the prices in force under this SOW immediately before termination or expiry",
        );
        assert!(
            v.text.contains("the Services it uses during the Transition Period (a fee charged by period, such as a fee per user, only for the users or other units that Customer actually uses in the Transition Period and pro rata for the days of the Transition Period")
                || v.text.contains("the Services it uses during the Transition Period at the prices in force under this SOW"),
            "{}",
            v.name
        );
    }
}

/// vendor 1: "No Lock-Out" had no fault element, so every outage was an Annex D breach around
/// the Service Credit regime. The clause is about Vendor's decision to withhold access.
#[test]
fn b21_vendor_1_no_lock_out_is_about_withholding_not_availability() {
    let vs = variants_with(
        "Vendor shall not suspend, restrict or make conditional Customer's access to Customer Data",
    );
    assert!(vs.iter().any(|v| v.stance == "preferred"));
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    for v in vs {
        has(
            v,
            "This Section is breached by a decision of Vendor to deny, limit or condition that access (for example because of a dispute or unpaid fees), not by an unavailability of the Services that Vendor has not so decided, which Annex A governs.",
        );
    }
}

/// vendor 6 (and blind20 customer-B 12): at the fallback Vendor decides whether weights can be
/// exported. Decided once: where they are not delivered, Vendor repays the fine-tuning fees.
#[test]
fn b21_vendor_6_undelivered_weights_are_paid_for() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "it keeps the benefit of that fine-tuning by repeating it",
        );
    }
    let vs = variants_with("Where they do not, Customer receives no weights");
    assert_eq!(
        vs.len(),
        VARIANTS.iter().filter(|v| v.stance == "fallback").count()
    );
    for v in vs {
        has(
            v,
            "Where they do not, Customer receives no weights; it receives instead the information that this item requires to repeat the fine-tuning on another platform, the model's availability in the Services under the next paragraph and, if this SOW ends without the weights having been delivered, a payment from Vendor, within thirty (30) days after the end of the Term, of the fees that Customer paid for the fine-tuning jobs that produced the model, towards the cost of repeating them;",
        );
        has(
            v,
            "the information for repeating the fine-tuning on another platform, and the payment towards repeating it, that Section 2.3 requires",
        );
    }
}

/// vendor 9: Vendor cannot tell special-category content from other content, so the residency
/// clause's support access read against the special-category ban. One rule decides.
#[test]
fn b21_vendor_9_content_is_special_category_unless_customer_says_not() {
    let vs = variants_with("(\"Special-Category Data\")");
    assert!(vs.iter().any(|v| v.stance == "preferred"));
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    for v in vs {
        has(
            v,
            "Vendor shall treat the content of prompts, other inputs, outputs and files, including what Customer supplies with a support request, as Special-Category Data, except content that Customer states in writing contains none.",
        );
    }
}

/// vendor 27: at the fallback the IP indemnity excluded use of an output after Vendor "told
/// Customer" it infringes, so a bare notice switched the cover off. The notice must be specific.
#[test]
fn b21_vendor_27_ip_notice_must_identify_the_output() {
    let vs = variants_with(
        "from Customer's use of an output after Vendor has told Customer in writing that it infringes",
    );
    for v in vs {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        lacks(v, "that it infringes, or from Customer's deliberate");
        has(
            v,
            "that it infringes, identifying that output, the right it infringes and Vendor's reasons (a notice that does not identify a particular output, such as one about outputs generally, does not relieve Vendor),",
        );
    }
}

/// vendor 28: at the fallback Customer relies on Vendor's certificates "so far as they answer"
/// its need, without saying who decides. Customer, acting reasonably; the audit covers the rest.
#[test]
fn b21_vendor_28_customer_decides_what_certificates_answer() {
    let vs = variants_with("Vendor may first offer its current certificates and reports");
    for v in vs {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        lacks(v, "so far as they answer what Customer needs to verify");
        has(
            v,
            "Customer shall rely on them so far as Customer, acting reasonably, considers that they answer what it needs to verify, and the audit then covers the rest.",
        );
    }
}
