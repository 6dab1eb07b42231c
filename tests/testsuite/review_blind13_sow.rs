//! Blind read 13 (customer-A, customer-B, vendor-A, vendor-B), the SOW's relation to the
//! Agreement: force majeure outside the fallback's liability concession, the kept damages
//! free of a sole-remedy term, no concession on the formation of contracts, the amendment
//! promise binding as a term of the SOW, and which of the Agreement's liability terms apply
//! at the preferred stance. Each test runs over the shared variants (every example in both
//! stances and every bank unit in both stances).

use serde_json::json;

use crate::common::{example_json, patched};
use crate::counsel::{VARIANTS, Variant, has, lacks, text, variants_with, with_stance};

fn all() -> impl Iterator<Item = &'static Variant> {
    VARIANTS.iter()
}

const SOLE_REMEDY: &str = "no term of the Agreement, or of a document that it incorporates, that limits Customer's remedies for";

#[test]
fn blind13_customer_a_5_force_majeure_is_outside_the_fallback_liability_concession() {
    for v in all() {
        lacks(v, "the limitation and exclusion of liability, indemnities,");
    }
    let fallback = variants_with("the Agreement prevails only as to governing law");
    assert_eq!(fallback.len(), 6);
    for v in fallback {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(
            v,
            "the Agreement prevails only as to governing law, jurisdiction and dispute resolution, the limitation and exclusion of liability (but not force majeure or any other excuse of a party's performance), indemnities (other than an indemnity that this SOW gives, which this SOW governs, any limit that this SOW states for that indemnity included, the Agreement's procedure for indemnified claims applying to it where this SOW sets none),",
        );
    }
    // The force-majeure carve-outs themselves still say they apply despite the Agreement.
    for v in variants_with("\"Force Majeure Event\" has the meaning given to it in the Agreement") {
        has(
            v,
            "For all purposes of this SOW and its annexes, despite anything in the Agreement, none of the following is a Force Majeure Event or otherwise excuses Vendor's performance:",
        );
    }
}

#[test]
fn blind13_customer_b_2_kept_damages_are_not_confined_to_credits_by_the_agreement() {
    for v in all() {
        lacks(
            v,
            "except only that the parties agree that those damages are a direct loss",
        );
        lacks(
            v,
            "no term of the Agreement that limits Customer's remedies for such a breach to credits",
        );
    }
    let damages = variants_with("to recover its damages for Downtime in a calendar month in which");
    assert!(damages.iter().all(|v| v.stance == "fallback"));
    for v in damages {
        has(
            v,
            "which is subject to any limit in the Agreement on the total amount of Vendor's liability and to the Agreement's other terms on liability, except that no term of the Agreement, or of a document that it incorporates, that limits Customer's remedies for that Downtime to credits applies to them, and the parties agree that those damages are a direct loss, so that no exclusion in the Agreement of indirect or consequential loss excludes them",
        );
        has(
            v,
            "except that no term of the Agreement, or of a document that it incorporates, that limits Customer's remedies for such a breach to credits applies to them, and the parties agree that the damages for such a breach are a direct loss",
        );
    }
    // Without service credits, damages are the only remedy: neither stance lets a
    // sole-remedy term confine them, and the fallback names the clause in Section 1.2.
    for stance in ["preferred", "fallback"] {
        let deal = patched(
            &with_stance(&example_json("healthcare-azure.json"), stance),
            json!({"sla": {"credit_tiers": null}}),
        );
        let t = text(&deal);
        assert!(
            t.contains("This Annex provides no service credits."),
            "{stance}"
        );
        assert!(
            t.contains("and no term of the Agreement, or of a document that it incorporates, that limits Customer's remedies for it to credits applies."),
            "{stance}"
        );
        assert_eq!(
            t.contains("Customer's rights and remedies for a Service Level Failure under Section 3.1 of Annex A, which are subject to any limit in the Agreement on the total amount of Vendor's liability and to the Agreement's other terms on liability, except that no term of the Agreement, or of a document that it incorporates, that limits Customer's remedies for a Service Level Failure to credits applies to them"),
            stance == "fallback",
            "{stance}"
        );
        assert!(!t.contains("Service Credits are"), "{stance}");
    }
    for v in variants_with(SOLE_REMEDY) {
        assert_eq!(v.stance, "fallback", "{}", v.name);
    }
}

#[test]
fn blind13_vendor_a_3_the_agreement_does_not_decide_whether_the_sow_amends_it() {
    for v in all() {
        lacks(v, "formation of contracts");
        has(
            v,
            if v.name.contains(" unit ") {
                // blind16 customer-A 16: a call-off amends the Agreement only for its Unit.
                "The parties sign this SOW also as an amendment of the Agreement, for the Unit's use of the Services only and, beyond the Master SOW's amendment of it, only as to the terms that this SOW changes for the Unit as the Master SOW allows, so that this SOW prevails"
            } else {
                "The parties sign this SOW also as an amendment of the Agreement, so that this SOW prevails"
            },
        );
    }
    for v in variants_with("the Agreement prevails only as to governing law") {
        has(
            v,
            "indemnities (other than an indemnity that this SOW gives, which this SOW governs, any limit that this SOW states for that indemnity included, the Agreement's procedure for indemnified claims applying to it where this SOW sets none), and the Agreement's general terms on assignment and notices, except where this SOW expressly provides otherwise by reference to the Agreement.",
        );
    }
}

#[test]
fn blind13_vendor_a_2_the_amendment_promise_binds_as_a_term_of_the_sow() {
    for v in all() {
        has(
            v,
            "and shall not contend that this SOW does not amend the Agreement for want of a form, signatory or reference that the Agreement requires. Those confirmations and that promise are terms of this SOW as a contract entered into under the Agreement, and bind each party whether or not this SOW takes effect as an amendment; if the Agreement requires such a form, signatory or reference, each party shall, at the other's request, promptly sign an amendment of the Agreement that meets the requirement and gives this SOW the effect that this Section states",
        );
    }
}

#[test]
fn blind13_vendor_b_2_preferred_says_which_agreement_liability_terms_apply() {
    for v in all() {
        lacks(v, "which that Section sets free of");
        lacks(v, "which that Section sets apart from");
    }
    let preferred =
        variants_with("this SOW prevails as to the Services and every matter it covers");
    assert_eq!(preferred.len(), 6);
    for v in preferred {
        assert_eq!(v.stance, "preferred", "{}", v.name);
        has(
            v,
            "The limitations and exclusions of liability in the Agreement apply to liability under this SOW except where a provision of this SOW provides otherwise, such as by stating that a liability is not limited by them, has its own limit or is a direct loss; such a provision prevails over them (as Section 4.3 of Annex D does for the breaches of Annex D that it covers and for the losses that it states to be direct losses).",
        );
        // The provisions it points to say so themselves.
        has(v, "They are not Customer's sole or exclusive remedy");
        has(
            v,
            "is not limited or excluded by any limitation or exclusion of liability in the Agreement or in this SOW",
        );
    }
}
