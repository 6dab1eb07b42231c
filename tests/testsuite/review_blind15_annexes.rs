//! Blind read 15 (issue 26), the findings on Annexes A–E assigned to h7. Each test asserts,
//! over every example in both stances and every unit of the bank, that the quoted defect is
//! gone and the fixed text is present where it applies.

use serde_json::json;

use crate::common::{example_json, patched};
use crate::counsel::{VARIANTS, has, lacks, text, variants_named, variants_with, with_stance};

/// vendor-A 18, vendor-B 12: Annex A's urgent (or Emergency) maintenance had its own,
/// narrower test of a critical vulnerability, so a vulnerability that Annex D required
/// fixed within days could not be patched on short notice. Annex D's test is now the SOW's
/// only one, and Annex A reads it by reference.
#[test]
fn blind15_vendor_a_18_one_test_of_a_critical_vulnerability() {
    let vs =
        variants_with("critical security vulnerability (as Section 6.1 of Annex D defines it)");
    assert_eq!(vs.len(), VARIANTS.len());
    for v in &vs {
        has(
            v,
            "In this SOW, including for maintenance under Annex A, a security vulnerability is critical if it is being actively exploited",
        );
        lacks(v, "For this Section, a vulnerability is critical");
        lacks(v, "does not make a vulnerability critical");
        lacks(v, "A security vulnerability is critical only if");
    }
    // Without Annex D's security Section, Annex A keeps its own (narrow) test: one per draft.
    for stance in ["preferred", "fallback"] {
        let t = text(&with_stance(
            &patched(
                &example_json("global-bank.json"),
                json!({"data": {"security": null}}),
            ),
            stance,
        ));
        assert!(
            t.contains("A security vulnerability is critical only if"),
            "{stance}"
        );
        assert!(!t.contains("defines it) and cannot wait"), "{stance}");
        assert!(
            !t.contains("a security vulnerability is critical if"),
            "{stance}"
        );
    }
}

/// customer-B 6: a loss of stored Customer Data through a disaster-recovery failure is a
/// breach of the continuity Section, which Annex D's liability Section carved out, so the
/// data-loss heads of loss missed their likeliest case. Such a loss is now covered.
#[test]
fn blind15_customer_b_6_data_lost_beyond_the_recovery_point_is_under_annex_d_liability() {
    let vs = variants_with("is not a breach of this Annex for the purposes of this Section");
    assert_eq!(vs.len(), VARIANTS.len());
    for v in &vs {
        has(v, "unless it is also a breach of another of its provisions");
        has(
            v,
            "causes a loss or corruption of Customer Data stored in the Services that Section 6.3 does not allow",
        );
        has(
            v,
            "the costs of restoring, recreating or reloading Customer Data",
        );
    }
}

/// customer-B 8: at the fallback, "ownership" of fine-tuned weights that no customer can
/// export "took effect through" rights that fall short of it. The text now says that
/// Customer does not receive the weights and that the rights it lists are all it has.
#[test]
fn blind15_customer_b_8_fallback_fine_tuned_weights_rights_stated_plainly() {
    let vs = variants_with(
        "Customer does not receive those weights, and its rights in them are only these: their exclusive use in the Services under this Section;",
    );
    for v in &vs {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        lacks(v, "ownership of them takes effect through");
    }
    assert_eq!(
        vs.len(),
        VARIANTS.iter().filter(|v| v.stance == "fallback").count()
    );
    for v in VARIANTS.iter().filter(|v| v.stance == "preferred") {
        has(
            v,
            "whether or not the Services allow customers to export them",
        );
    }
}

/// vendor-A 43: the fallback's "Customer cannot access" read as Customer as a whole, so a
/// sign-in outage for some users was never Downtime. Limb (a) now counts a share of users.
#[test]
fn blind15_vendor_a_43_fallback_partial_access_outage_is_not_available() {
    let vs = variants_with(
        "(a) 2% or more of Customer's users who try in that minute to access the Covered Service, or to submit requests to it, cannot do so;",
    );
    for v in &vs {
        assert_eq!(v.stance, "fallback", "{}", v.name);
    }
    for v in VARIANTS.iter() {
        lacks(v, "(a) Customer cannot access the Covered Service");
    }
    assert_eq!(
        vs.len(),
        VARIANTS.iter().filter(|v| v.stance == "fallback").count()
    );
}

/// vendor-A 47: the exit plan was only "agreed with Customer within ninety days": with no
/// plan agreed, nothing to perform. Vendor now drafts it by a date with named contents, and
/// until it is agreed the SOW's exit obligations are the plan.
#[test]
fn blind15_vendor_a_47_exit_plan_is_not_an_agreement_to_agree() {
    let vs = variants_with("Vendor shall maintain an exit plan for the Services");
    for v in &vs {
        has(
            v,
            "Vendor shall give Customer a draft of it within sixty (60) days after the Effective Date, setting out at least the steps, responsibilities, timetable and exports of Customer Data for that move",
        );
        has(
            v,
            "until the plan is agreed, and where it is silent, Vendor's obligations on exit under this SOW (including under Section 4.1 of Annex E) are the exit plan",
        );
        lacks(
            v,
            "agreed with Customer within ninety (90) days after the Effective Date and reviewed every year",
        );
    }
    assert!(vs.iter().any(|v| v.stance == "fallback"));
}

/// customer-A 3: a missed Response Time had no practical remedy. A month with a missed
/// Response Time for a request of the highest Severity Level is a Service Level Failure
/// (a breach that counts toward chronic failure), under the Master SOW only in a call-off
/// that does not change support.
#[test]
fn blind15_customer_a_3_missed_top_severity_response_is_a_service_level_failure() {
    let vs = variants_with(
        "a calendar month in which Vendor misses the Response Time for a support request of the highest Severity Level in the table in Section 2.1 of Annex B, or the Response Times for ",
    );
    assert_eq!(vs.len(), VARIANTS.len());
    for v in variants_named("global-bank.json unit markets") {
        has(
            v,
            "or more support requests of the second-highest Severity Level in it, that concern that Covered Service is a Service Level Failure, and a breach, under the Master SOW only, as Section 1.2 of the Statement of Work provides: under this SOW it is not a breach and earns no Service Credit",
        );
    }
}

/// customer-A 12, customer-B 13: the fallback's Downtime exclusions lost "only if, and only
/// to the extent that", the duration limit and Vendor's burden of proof. All three are back.
#[test]
fn blind15_customer_a_12_fallback_exclusions_keep_burden_and_duration() {
    let vs = variants_with(
        "is excluded from Downtime only if, and only to the extent that, its unavailability is attributable to:",
    );
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    for v in &vs {
        has(
            v,
            "An exclusion applies only for as long as the event concerned prevents the Covered Service from being Available and Vendor is acting diligently to restore it.",
        );
        has(
            v,
            "Vendor bears the burden of showing that an exclusion applies",
        );
    }
    for v in VARIANTS.iter() {
        lacks(v, "is excluded from Downtime if its unavailability");
    }
}

/// customer-A 9, vendor-B 17: "misses a deadline that Section 4.2 sets for a Model Error in
/// it" left unclear which month counts, and let one persistent error count once; in the
/// call-off the "(under the Master SOW only …)" parenthetical could be read onto every limb.
/// Each month with an overdue fix counts, and a Master-only limb has its own sentence.
#[test]
fn blind15_customer_a_9_model_error_month_and_master_only_limbs() {
    let vs = variants_with(
        "a calendar month during any part of which a fix, workaround or permanent fix that Section 4.2 requires for a Model Error in that Covered Service is overdue",
    );
    assert_eq!(vs.len(), VARIANTS.len());
    for v in VARIANTS.iter() {
        lacks(v, "for a Model Error in it");
        lacks(v, "(under the Master SOW only");
        lacks(v, "(for the Latency Commitment, under the Master SOW only");
    }
    for v in variants_named("global-bank.json unit") {
        has(
            v,
            "Each of those Service Level Failures is a breach of this SOW. For a Covered Service, ",
        );
        has(
            v,
            "is a Service Level Failure, and a breach, under the Master SOW only, as Section 1.2 of the Statement of Work provides: under this SOW it is not a breach and earns no Service Credit, and it counts only toward termination of this SOW under Section 7.1 (with every consequence that that Section gives the termination), as a month with a Service Level Failure, where the Model Error",
        );
    }
}

/// customer-A 2: a regulated bank's first breach notice within 24 hours could use up its
/// own DORA window. The initial notice is now due within four hours.
#[test]
fn blind15_customer_a_2_financial_customer_initial_breach_notice_in_four_hours() {
    for v in variants_named("global-bank.json") {
        has(
            v,
            "Vendor shall notify Customer in writing without undue delay, and in any event within four (4) hours, after Vendor or any of its sub-processors becomes aware of",
        );
        has(v, "that first notice is an initial notice");
        lacks(
            v,
            "in any event within twenty-four (24) hours, after Vendor",
        );
    }
}

/// customer-A 11: the bank's fallback Transition Period was 90 days without parallel
/// running. A financial customer keeps parallel running and may extend the period once.
#[test]
fn blind15_customer_a_11_financial_customer_transition_extends_and_runs_in_parallel() {
    for v in variants_named("global-bank.json") {
        has(
            v,
            "(the \"Transition Period\"), which Customer may extend once, by up to ninety (90) days, by written notice to Vendor before it ends:",
        );
        has(
            v,
            "run the Services in parallel with the successor provider's services for as long as Customer needs during the Transition Period",
        );
    }
    for v in variants_named("healthcare-azure.json (fallback)") {
        lacks(v, "which Customer may extend once");
    }
}

/// customer-A 13: the fallback made escalation a step before proceedings but dropped the
/// executive level and escalation at once for critical matters. Both are back.
#[test]
fn blind15_customer_a_13_fallback_escalation_keeps_the_executive_level() {
    let vs = variants_with("is handled first at level 1 of the escalation path below");
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    for v in &vs {
        has(
            v,
            "or at once if the matter is critical to Customer's operations",
        );
        has(v, "Chief Information Officer");
        has(v, "Executive Sponsor");
    }
}

/// customer-B 16: the fallback dropped the right to move use between models. It keeps a
/// right to move to a newer release, without notice (blind19 customer-A 8), counting toward the Annual Commitment.
#[test]
fn blind15_customer_b_16_fallback_keeps_a_right_to_move_between_models() {
    let fb: Vec<_> = VARIANTS.iter().filter(|v| v.stance == "fallback").collect();
    assert!(!fb.is_empty());
    for v in fb {
        has(
            v,
            "Customer may at any time during the Term, without notice, move all or part of its use of a model included in the Services to a newer release of that model, without penalty and without any new or increased commitment, and its spend on the newer release counts toward the Annual Commitment.",
        );
    }
}

/// customer-B 7: a German health customer needs a BSI C5 attestation: a standard the deal
/// lists (the health example does), never assumed for other deals.
#[test]
fn blind15_customer_b_7_bsi_c5_is_a_listed_standard() {
    for v in variants_named("healthcare-azure.json") {
        has(
            v,
            "ISO/IEC 27001 certification, a SOC 2 Type II report and a BSI C5 Type 2 attestation, each issued by an independent accredited certification body or auditor",
        );
        has(
            v,
            "its latest SOC 2 Type II report and its latest BSI C5 Type 2 attestation report within thirty (30) days after the Effective Date",
        );
    }
    for v in VARIANTS
        .iter()
        .filter(|v| !v.name.starts_with("healthcare"))
    {
        lacks(v, "BSI C5");
    }
}

/// vendor-B 18: a bare request for the data protection officer's consent to view
/// Special-Category Data stopped every resolution clock. It stops one only where the
/// request shows why Vendor cannot progress without the data, until Customer answers or
/// supplies de-identified examples.
#[test]
fn blind15_vendor_b_18_consent_stops_the_clock_only_when_needed() {
    let vs = variants_with("waiting for that consent does not stop the Response Time");
    for v in &vs {
        has(
            v,
            "only where Vendor's written request for that consent shows why Vendor cannot make progress on the issue without viewing that Special-Category Data, the time that Customer takes, beyond",
        );
    }
}

/// vendor-B 40: Annex D's ban allowed fine-tuning only at Customer's request, so the
/// model-retirement remedy (re-fine-tuning the successor) was a prohibited use.
#[test]
fn blind15_vendor_b_40_use_ban_admits_the_retirement_re_fine_tuning() {
    let vs = variants_with(
        "other than a model that Vendor fine-tunes exclusively for Customer's own use at Customer's request or, in place of a model fine-tuned on Customer Data whose base model Vendor retires, as Section",
    );
    assert_eq!(vs.len(), VARIANTS.len());
    for v in &vs {
        has(
            v,
            "Vendor may meet the first by fine-tuning the successor model on the same Customer Data and settings",
        );
    }
}
