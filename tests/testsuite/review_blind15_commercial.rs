//! Blind read 15 (customer-A, customer-B, vendor-A, vendor-B), the commercial items: the SOW
//! body, precedence, suspension, termination, changes, the business-unit call-off and exit's
//! commitment terms. Each test runs over the shared variants (every example in both stances
//! and every bank unit in both stances): the quoted defect is gone everywhere and the fixed
//! text is present where it applies.

use serde_json::json;

use crate::common::{example_json, patched};
use crate::counsel::{VARIANTS, Variant, has, lacks, text, variants_named, variants_with};

fn all() -> impl Iterator<Item = &'static Variant> {
    VARIANTS.iter()
}

#[test]
fn blind15_customer_b_5_14_vendor_a_40_precedence_list_keeps_annex_d_direct_losses_and_every_credit()
 {
    for v in all() {
        lacks(
            v,
            "the Service Credits under Section 3.1 of Annex A, which are limited only",
        );
        lacks(v, "which, under Section 4.3 of Annex D, is");
    }
    let listed = variants_with(
        "Section 4.3 of Annex D: Vendor's liability for the breaches of Annex D that it covers, including for the costs of notifications under",
    );
    for v in &listed {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(
            v,
            "no exclusion in the Agreement of indirect, consequential or special loss excludes a loss that it states to be a direct loss, including for a breach that it otherwise leaves to the Agreement's terms on liability",
        );
    }
    // Every fallback with an Annex D names it (each fallback variant has one).
    assert_eq!(
        listed.len(),
        VARIANTS.iter().filter(|v| v.stance == "fallback").count()
    );
    // The credits named are all of Annex A's, the latency credit included.
    for v in variants_with(
        "the Service Credits under Annex A, which are limited only as Section 3.2 of Annex A provides",
    ) {
        assert_eq!(v.stance, "fallback", "{}", v.name);
    }
    // The direct-loss rule the list now reaches is the one Annex D states.
    for v in variants_with(
        "the Agreement's terms on liability apply to it as they do to any other breach of this SOW, except that the fines and penalties",
    ) {
        has(
            v,
            "are direct losses, which no exclusion of indirect, consequential or special loss in the Agreement or in this SOW excludes",
        );
    }
}

#[test]
fn blind15_customer_b_1_vendor_a_27_preferred_not_sole_remedy_damages_are_direct_losses() {
    for v in all() {
        lacks(
            v,
            "but does not by itself take a liability outside those limitations and exclusions",
        );
    }
    let preferred = variants_with(
        "A provision stating that Service Credits are not Customer's sole remedy keeps Customer's other remedies, despite any term of the Agreement that limits them to credits. Customer's damages for Downtime, for any other Service Level Failure, and for a suspension or restriction of the Services that Section 3.3 does not permit or a rejection, queuing, slowing or restriction of its requests that Section 10.2 does not allow, are direct losses, which no exclusion in the Agreement of indirect or consequential loss, or of loss of profit, revenue, business or goodwill, excludes, and they include Customer's reasonable costs, incurred or committed, of obtaining substitute services for the failure or breach and a reasonable period to return to the Services and of working around it (the time of its staff and contractors spent on it included); they are subject to any limit in the Agreement on the total amount of Vendor's liability.",
    );
    assert_eq!(
        preferred.len(),
        VARIANTS.iter().filter(|v| v.stance == "preferred").count()
    );
    for v in preferred {
        assert_eq!(v.stance, "preferred", "{}", v.name);
        has(
            v,
            "such as by stating that a liability is not limited by them, has its own limit or is a direct loss; such a provision prevails over them",
        );
    }
    // The fallback keeps its own direct-loss words, so the two stances say the same thing.
    for v in variants_with("the parties agree that the damages for such a breach are a direct loss")
    {
        assert_eq!(v.stance, "fallback", "{}", v.name);
    }
}

#[test]
fn blind15_customer_b_3_a_required_further_amendment_has_a_consequence() {
    let with = variants_with(
        "promptly sign an amendment of the Agreement that meets the requirement and gives this SOW the effect that this Section states, and until it is signed no shortfall of the Annual Commitment is payable, unless Customer has not signed it within thirty (30) days after Vendor asked it to (a shortfall that Vendor invoices within the time that Section 10.1 allows remains payable as that Section provides",
    );
    // Every deal with a commitment of its own (not the units, whose commitment is the master's).
    for v in &with {
        assert!(!v.name.contains(" unit "), "{}", v.name);
    }
    for v in variants_named("global-bank.json unit") {
        lacks(v, "until it is signed no shortfall");
    }
}

#[test]
fn blind15_customer_b_4_termination_required_by_law_is_granted() {
    let granted = variants_with(
        "Customer may terminate this SOW, in whole or as to any of the Services, by written notice to Vendor if a law, or an order or requirement of a court or of a regulator of Customer, prohibits or materially restricts Customer's use of the Services concerned or requires Customer to stop using them.",
    );
    assert_eq!(granted.len(), VARIANTS.len());
    for v in granted {
        has(v, "Termination Required by Law\n");
        has(v, "which is not a termination for Customer's convenience.");
    }
    // The fees Section's example now has a right behind it.
    for v in variants_with("because a law or regulator requires it) no shortfall is payable") {
        has(v, "Termination Required by Law\n");
    }
}

#[test]
fn blind15_vendor_a_17_customer_a_6_customer_b_10_vendor_b_19_suspension_grounds() {
    for v in all() {
        lacks(v, "that is overdue within");
    }
    for (stance, days) in [("preferred", "sixty (60)"), ("fallback", "thirty (30)")] {
        let with = variants_with(&format!(
            "because Customer has not paid, within {days} days after receiving Vendor's written notice (given after the amount fell due, naming the amount, stating that it is overdue and stating that Vendor may suspend the Services if it is not paid), an overdue amount invoiced under this SOW that Customer does not dispute in good faith; such a suspension ends when Customer pays the amount or disputes it in good faith."
        ));
        for v in &with {
            assert_eq!(v.stance, stance, "{}", v.name);
        }
        assert_eq!(
            with.len(),
            VARIANTS.iter().filter(|v| v.stance == stance).count()
        );
    }
    let law = variants_with(
        "to the extent and for the time that a law, or an order of a court or regulator, that binds Vendor requires it because of Customer or its use of the Services (and not because of an act or omission of Vendor), Vendor giving Customer as much notice as it lawfully can; or",
    );
    assert_eq!(law.len(), VARIANTS.len());
    for v in law {
        has(
            v,
            "and the retirement of a model or model version under Section 10.6, which those Sections alone govern, and every other provision of this SOW that refers to a suspension or restriction of the Services refers to one that this Section permits or to that rejection, queuing or retirement.",
        );
    }
}

#[test]
fn blind15_vendor_a_32_the_master_grants_the_call_offs_own_termination_rights() {
    let master = variants_with(
        "Each right of Customer under this SOW to terminate it (at the end of the Pilot Period included) is also a right to terminate a Call-Off alone, which exercises no right under this SOW or another Call-Off.",
    );
    for v in &master {
        assert!(!v.name.contains(" unit "), "{}", v.name);
        let r = if v.text.contains("may reserve a part of these limits") {
            "a part of the rate limits reserved for the business unit's requests, as Section 10.2 provides, "
        } else {
            ""
        };
        has(
            v,
            &format!(
                "the business unit's own rights to terminate the Call-Off, as this Section provides, {r}and how the end of the Call-Off applies"
            ),
        );
    }
    for v in variants_named("global-bank.json unit") {
        lacks(v, "is, however, the Unit's own: exercising it");
        has(
            v,
            "is, however, the Unit's own, as the Master SOW provides: exercising it",
        );
        // blind50 vendor-A 56: a reservation of rate limits is one of those terms, where set.
        let reserved = if v.name.contains(" markets ") {
            "the part of the rate limits reserved for the Unit, "
        } else {
            ""
        };
        has(
            v,
            &format!(
                "(the Unit Fees, the measurement of a changed service level for the Unit, the Unit's own rights to terminate this SOW, {reserved}the onboarding"
            ),
        );
    }
}

#[test]
fn blind15_customer_a_7_vendor_a_mk_call_off_states_no_dead_commitment_reduction() {
    for v in variants_named("global-bank.json unit") {
        lacks(v, "Customer may also reduce any committed volume or spend");
        if v.stance == "preferred" {
            lacks(v, "this paragraph does not reduce it");
        }
        if v.stance == "preferred" {
            has(
                v,
                "which Customer may reduce only under the Master SOW or by a termination of this SOW, each only as Section 1.2 of the Statement of Work provides",
            );
        }
    }
    // The master keeps its own reduction right.
    for v in variants_with(
        "Customer may also reduce any committed volume or spend, including the Annual Commitment, without penalty",
    ) {
        assert!(!v.name.contains(" unit "), "{}", v.name);
    }
}

#[test]
fn blind15_customer_b_11_vendor_termination_after_an_objection_takes_six_months() {
    for v in all() {
        lacks(
            v,
            "a termination by Vendor under this Section takes effect no earlier than thirty (30) days after its notice",
        );
    }
    for v in variants_with(
        "Vendor may terminate them by written notice to Customer, taking effect on a date that it states",
    ) {
        has(
            v,
            "taking effect on a date that it states no earlier than one hundred and eighty (180) days after its notice",
        );
        has(
            v,
            "Vendor may terminate this SOW, or any of the Services, only as Section 4.2 of Annex D allows, or for a material breach",
        );
    }
}

#[test]
fn blind15_vendor_a_28_services_reach_new_features_and_betas() {
    for v in all() {
        lacks(
            v,
            "and every model, model version and upgrade that Section 10.5 includes in",
        );
    }
    // blind17 customer-B 5: every feature, function and model of the Services, not every offering
    // reached through Vendor's interfaces.
    for v in variants_with("every update, new version, feature, function and model of") {
        assert_eq!(v.stance, "preferred", "{}", v.name);
        has(
            v,
            "that Vendor makes generally available during the Term, however Vendor names, packages or markets it and whichever of its platforms or products provides it",
        );
    }
    // blind17 customer-B 2: a beta that Customer uses is in the Services at both stances.
    for v in all() {
        has(v, "every beta, preview or early-access feature or model of");
    }
    for v in variants_with("Beta and Early-Access Programmes") {
        has(
            v,
            "that Customer uses, including under Section 9.6 (the \"Services\")",
        );
    }
}

#[test]
fn blind15_customer_a_1_vendor_termination_is_limited_and_refunds() {
    let limited = variants_with(
        "No right of Vendor under the Agreement to terminate this SOW, or the Agreement, for convenience or on any other ground ends this SOW, or the Agreement as it applies to this SOW, except on a ground and with the notice that this Section allows.",
    );
    assert_eq!(limited.len(), VARIANTS.len());
    for v in limited {
        has(v, "Termination by Vendor\n");
        has(
            v,
            "unless terminated earlier in accordance with the Agreement or this SOW (by Vendor, only as Section 3.3 of Annex E allows)",
        );
        has(
            v,
            "applies to a termination by Vendor as it does to one by Customer.",
        );
        let (cure, notice) = if v.stance == "preferred" {
            ("sixty (60)", "ninety (90)")
        } else {
            ("thirty (30)", "thirty (30)")
        };
        has(
            v,
            &format!(
                "that Customer has not remedied within {cure} days after receiving Vendor's written notice that describes the breach"
            ),
        );
        has(
            v,
            &format!(
                "takes effect no earlier than {notice} days after Customer receives it, and not at all if Customer remedies the breach before then"
            ),
        );
    }
}

#[test]
fn blind15_customer_a_10_changes_examples_exist_in_the_draft() {
    for v in all() {
        lacks(v, "(such as a rollout plan)");
        if v.text
            .contains("such as a notice extending support coverage")
        {
            has(v, "Vendor shall extend the coverage to that time zone");
        }
        if v.text.contains("agreeing a rollout plan") {
            has(v, "in a written rollout plan");
        }
    }
    let with = variants_with(
        "A notice, request, consent or agreement that this SOW itself provides for (such as",
    );
    assert_eq!(with.len(), VARIANTS.len());
    for v in variants_named("global-bank.json (preferred)") {
        has(
            v,
            "A notice, request, consent or agreement that this SOW itself provides for (such as naming a liaison or moving a training date) is not a change",
        );
    }
}

#[test]
fn blind15_customer_a_5_a_null_commitment_is_no_commitment() {
    for stance in ["preferred", "fallback"] {
        let json = patched(
            &example_json("minimal.json"),
            json!({"deal": {"stance": stance, "annual_commitment": null}}),
        );
        let t = text(&json);
        assert!(
            t.contains("Customer makes no commitment to spend any amount on the Services: its annual commitment (the \"Annual Commitment\") is nil, so that no shortfall of the Annual Commitment is ever payable, and Customer pays only the fees for its use of the Services."),
            "{stance}: {t}"
        );
        assert!(!t.contains("Customer commits to spend"), "{stance}");
        assert!(
            !t.contains("In exchange for the Annual Commitment"),
            "{stance}"
        );
        assert!(
            !t.contains("counts toward the Annual Commitment"),
            "{stance}"
        );
        assert!(!t.contains("above the Annual Commitment"), "{stance}");
        // Every other mention is conditional on a commitment: the term appears only in the
        // heading and where it is defined as nil.
        assert_eq!(t.matches("Annual Commitment").count(), 3, "{stance}: {t}");
        assert!(!t.contains("deal.annual_commitment"), "{stance}");
    }
    // Omitted, it stays a blank to fill in, as the minimal example shows, and the render's
    // warning says how to state that there is none.
    let deal = crate::common::resolve(&example_json("minimal.json")).unwrap();
    let r = dealdraft::render_deal(
        &deal,
        &crate::common::LIBRARY,
        &dealdraft::RenderOptions {
            documents: vec!["sow".into()],
            ..Default::default()
        },
    )
    .unwrap();
    let warnings = format!("{:?}", r.warnings);
    assert!(
        warnings.contains(
            "set `deal.annual_commitment` in the deal, or `null` for a deal without a commitment"
        ),
        "{warnings}"
    );
    for v in variants_named("minimal.json") {
        has(v, "Customer commits to spend [●] on the Services");
    }
}
