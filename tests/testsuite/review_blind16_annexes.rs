//! Blind read 16 (issue 26), the findings on Annexes A–E assigned to h9. Each test asserts,
//! over every example in both stances and every unit of the bank, that the quoted defect is
//! gone and the fixed text is present where it applies.

use serde_json::json;

use crate::common::{example_json, patched};
use crate::counsel::{VARIANTS, has, lacks, text, variants_named, variants_with, with_stance};

/// customer-A 4: at the fallback, a change of the country where Customer Data is processed or
/// accessed had three notice periods (30 days in the residency clause, 14 in the sub-processor
/// clause and the financial-regulation summary). One period, `data.subprocessor_notice_days`,
/// is read by every clause, and the summary points a sub-processor's change at the one
/// objection right.
#[test]
fn blind16_customer_a_4_one_notice_period_for_a_change_of_country() {
    for v in VARIANTS.iter() {
        lacks(v, "fourteen (14) days before");
        lacks(v, "within those thirty (30) days, object");
    }
    let access = variants_with("before the first such access from it");
    assert!(access.iter().any(|v| v.stance == "fallback"));
    for v in &access {
        has(
            v,
            "at least thirty (30) days before the first such access from it (and Customer may, within that period, object",
        );
    }
    let sub = variants_with("before a new sub-processor processes Customer Data");
    assert_eq!(sub.len(), VARIANTS.len());
    for v in &sub {
        has(
            v,
            "at least thirty (30) days before a new sub-processor processes Customer Data",
        );
    }
    let fin = variants_with("before it changes the country in which it");
    assert!(fin.iter().any(|v| v.stance == "fallback"));
    for v in &fin {
        has(
            v,
            "at least thirty (30) days before it changes the country in which it, or any of its sub-processors, stores or processes Customer Data (for a sub-processor, by the notice under Section 4.2, with the right to object that it gives);",
        );
    }
    // A deal that agrees a shorter period has it in all three places, and no other.
    let t = text(&with_stance(
        &patched(
            &example_json("global-bank.json"),
            json!({"data": {"subprocessor_notice_days": 14}}),
        ),
        "fallback",
    ));
    assert!(t.contains("at least fourteen (14) days before the first such access from it"));
    assert!(t.contains("at least fourteen (14) days before a new sub-processor"));
    assert!(t.contains("at least fourteen (14) days before it changes the country"));
    assert!(!t.contains("thirty (30) days before the first such access"));
    assert!(!t.contains("thirty (30) days before it changes the country"));
}

/// customer-B 3: "its identity provider included" removed an outage of Vendor's own identity
/// service (Microsoft Entra ID on Azure) from Downtime, while a failure of the same group's
/// platform was Downtime. An identity service of Vendor's group is never Customer's system,
/// said once, in the definition, which the exclusions read.
#[test]
fn blind16_customer_b_3_vendors_identity_service_is_not_customers_system() {
    for v in VARIANTS.iter() {
        has(
            v,
            "A failure that lies only in Customer's own systems or network connection, its identity provider included, does not make a Covered Service not Available, but an identity service of Vendor or of its affiliates is never one of Customer's own systems, even where Customer uses it as its identity provider;",
        );
        lacks(v, "its identity provider included, needs none");
        assert_eq!(
            v.text.matches("its identity provider included").count(),
            1,
            "{}: the carve-out is stated once",
            v.name
        );
    }
    for v in variants_with("This list and that exclusion are exhaustive") {
        has(
            v,
            "a failure only of Customer's own systems or network connection (as Section 1.1 delimits them) needs none",
        );
    }
}

/// customer-A 5, customer-B 7: the fallback's compelled disclosure ("notify promptly where the
/// law permits") gave no prior notice and no help in resisting. Prior notice unless the law
/// prohibits it, and reasonable cooperation at Customer's cost, now stay at the fallback.
#[test]
fn blind16_customer_a_5_fallback_compelled_disclosure_keeps_notice_and_cooperation() {
    let vs = variants_with(
        "if the law requires it to disclose Customer Data to a court or public authority",
    );
    assert_eq!(vs.len(), VARIANTS.len());
    for v in &vs {
        lacks(v, "notify Customer promptly where the law permits");
        if v.stance == "fallback" {
            has(
                v,
                "notify Customer before disclosing it (or, if the law prohibits that notice, as soon as the law permits), give Customer, at Customer's request and reasonable cost, reasonable cooperation with any step Customer takes to resist or limit the disclosure, and disclose only the Customer Data that it is legally required to disclose",
            );
        } else {
            has(
                v,
                "notify Customer before disclosing it (or, if the law prohibits that notice, as soon as the law permits), cooperate with any step Customer takes to resist or limit the disclosure",
            );
        }
    }
}

/// customer-B 9, customer-A 13: a late Training Session and a missed P2 Response Time had no
/// remedy but unprovable damages. A session still undelivered after the make-up period earns a
/// fixed credit outside Annex A's credit limit, and repeated misses of the second-highest
/// level's Response Time in a month are a Service Level Failure (a breach that counts toward
/// chronic failure; no Service Credit, so Annex A's limit is untouched).
#[test]
fn blind16_customer_b_9_late_training_and_missed_p2_responses_have_a_remedy() {
    let credit = variants_with(
        "For each Training Session that Vendor has not delivered by the end of that period, Vendor shall give Customer a credit of ",
    );
    assert_eq!(credit.len(), VARIANTS.len());
    for v in &credit {
        let pct = if v.stance == "preferred" { "5%" } else { "2%" };
        has(
            v,
            &format!(
                "a credit of {pct} of the fees for the Services for the calendar month in which that period ends, calculated for all the Services together in the way that Section 3.1 of Annex A calculates the fees for a Covered Service for a month, set off against the first invoice for the Services that Vendor issues within thirty (30) days after the end of that period or, if it issues none in that time, paid by the end of it; it is not a Service Credit, no limit on Service Credits applies to it, and it is deducted from any damages recovered for the same delay."
            ),
        );
    }
    let p2 = variants_with("or more support requests of the second-highest Severity Level in it");
    assert_eq!(p2.len(), VARIANTS.len());
    for v in &p2 {
        let n = if v.stance == "preferred" {
            "two (2)"
        } else {
            "three (3)"
        };
        has(
            v,
            &format!(
                "a calendar month in which Vendor misses the Response Time for a support request of the highest Severity Level in the table in Section 2.1 of Annex B, or the Response Times for {n} or more support requests of the second-highest Severity Level in it, that concern that Covered Service"
            ),
        );
        lacks(
            v,
            "Section 2.1 of Annex B that concerns that Covered Service",
        );
    }
    // In a call-off that does not change support, the limb counts under the Master SOW only.
    for v in variants_named("global-bank.json unit markets") {
        has(
            v,
            "that concern that Covered Service is a Service Level Failure, and a breach, under the Master SOW only, as Section 1.2 of the Statement of Work provides: under this SOW it is not a breach and earns no Service Credit",
        );
    }
}

/// vendor-A 27: Annex D's regulatory termination let "announces that it will discontinue the
/// Services" catch a model retirement, and "risk ... materially changes" was no test. The
/// triggers are objective and a model retirement is left to the retirement Section.
#[test]
fn blind16_vendor_a_27_regulatory_termination_triggers_are_objective() {
    let vs = variants_with("Financial Regulatory Requirements");
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    for v in &vs {
        lacks(v, "discontinue the Services or its business");
        lacks(
            v,
            "risk to Customer's data or operations materially changes",
        );
        has(
            v,
            "or announces that it will discontinue its business or stop providing a service included in the Services (not only a model or model version of it, whose retirement Section 10.6 of the Statement of Work governs), Customer may terminate this SOW, or the Services concerned,",
        );
        has(
            v,
            "where weaknesses in Vendor's management of ICT risk, shown in writing (such as by an audit, a finding of a regulator or the loss of a certification that Section 6.1 requires), affect the availability, authenticity, integrity or confidentiality of Customer Data and Vendor has not remedied them within thirty (30) days after Customer's written notice of them,",
        );
    }
}

/// vendor-A 28: Annex D assigned "prompt libraries built by or for Customer", catching the
/// training content that Annex C leaves with Vendor. One rule: Vendor's training content is
/// not a Customer Material, and Annex C's licence governs it.
#[test]
fn blind16_vendor_a_28_training_content_is_not_a_customer_material() {
    for v in VARIANTS.iter() {
        has(
            v,
            "Training content that Vendor supplies under Annex C, including exercises and prompt libraries that it prepares for training, is not a Customer Material even where Vendor prepares it for Customer, and Customer's rights in it are those that Annex gives; prompts and other material that Customer's personnel create in training are Customer Materials.",
        );
    }
    for v in variants_with("Vendor keeps its rights in its own training content") {
        has(v, "prompt libraries built by or for Customer");
    }
}

/// vendor-A 37: in the markets call-off, which latency threshold triggered a degradation
/// notice was open (the call-off re-points references to the Unit's level; repeated duties are
/// the Master SOW's). The one notice duty counts each request against its own threshold.
#[test]
fn blind16_vendor_a_37_call_off_degradation_notice_threshold() {
    let counting = "(counting the Unit's requests against the Latency Commitment as this SOW changes it for the Unit, and Customer's other requests against that of the Master SOW)";
    let vs = variants_with(counting);
    for v in &vs {
        assert!(v.name.contains("unit markets"), "{}", v.name);
        has(
            v,
            "receive a response within the threshold of the Latency Commitment (counting the Unit's",
        );
    }
    // Units that do not change the latency level, and the Master SOW, read one threshold.
    for v in variants_with("receive a response within the threshold of the Latency Commitment") {
        if !v.name.contains("unit markets") {
            lacks(v, "counting the Unit's requests");
        }
    }
}

/// vendor-A 42: the fallback's weights "if and in the form in which the Services allow any
/// customer to export" depended on Vendor. The fallback now says in its own words what it
/// gives: the weights only if and when the Services let customers export such weights
/// (until deletion), otherwise none, with the two remedies that work without them.
#[test]
fn blind16_vendor_a_42_fallback_weights_stated_in_own_words() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "if and in the form in which the Services allow any customer",
        );
    }
    let vs = variants_with("Where they do not, Customer receives no weights");
    assert!(vs.iter().all(|v| v.stance == "fallback"));
    assert_eq!(
        vs.len(),
        VARIANTS.iter().filter(|v| v.stance == "fallback").count()
    );
    for v in &vs {
        has(
            v,
            "and the weights that the fine-tuning on Customer Data produced, but only if, when Customer asks for them or at any later time before Vendor deletes them, the Services let customers export the weights of a model fine-tuned in the same way, and then in that form. Where they do not, Customer receives no weights; it receives instead the information that this item requires to repeat the fine-tuning on another platform, the model's availability in the Services under the next paragraph and, if this SOW ends without the weights having been delivered, a payment from Vendor, within thirty (30) days after the end of the Term, of the fees that Customer paid for the fine-tuning jobs that produced the model, towards the cost of repeating them; and",
        );
    }
}

/// vendor-A 47: the DPA "applies only where it gives Customer more protection" invited
/// clause-by-clause cherry-picking. One precedence rule at both stances.
#[test]
fn blind16_vendor_a_47_one_precedence_rule_for_the_dpa() {
    let vs = variants_with("If Vendor has a data processing addendum or similar terms");
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    for v in &vs {
        has(
            v,
            "If Vendor has a data processing addendum or similar terms, they apply to the personal data in Customer Data together with this Annex, and where the two conflict this Annex prevails; a term of them that limits, or sets a condition for, a right of Customer or an obligation of Vendor under this Annex conflicts with it.",
        );
    }
    for v in VARIANTS.iter() {
        lacks(v, "more protection than this Annex");
        lacks(v, "gives Customer Data more protection prevails");
    }
}

/// vendor-B 35: the Time-out parenthetical for a request that Customer's client abandons only
/// stopped it "ending without an answer", leaving it a Time-out under the earlier limb. One
/// reading: it is a Time-out if Vendor, still processing it, misses the period, and not if
/// Vendor stops processing it because the client went away.
#[test]
fn blind16_vendor_b_35_abandoned_request_time_out_in_one_reading() {
    let vs = variants_with("\"Time-out\" means");
    assert_eq!(vs.len(), VARIANTS.len());
    for v in &vs {
        has(
            v,
            "except that a request that Customer's own systems stop waiting for before that period has run is a Time-out if, and only if, they had waited at least ",
        );
        has(
            v,
            "and Vendor's records do not show that Vendor's systems had by then begun to answer it or to generate output for it.",
        );
        lacks(v, "does not for that reason end without an answer");
        lacks(v, "within that period all the same");
    }
}

/// vendor-B 36: "Vendor's enterprise support tier" was undefined, and the pilot compared
/// Annex B's tier with itself. The tier is described, and the pilot's support is Annex B's,
/// plus the most comprehensive offering only where Annex B buys less.
#[test]
fn blind16_vendor_b_36_support_tier_described_and_pilot_not_circular() {
    for v in VARIANTS.iter() {
        lacks(v, "or the tier that Annex B provides, whichever is higher");
        lacks(v, "full enterprise support");
    }
    let vs = variants_with("Vendor's enterprise support tier (");
    assert_eq!(vs.len(), VARIANTS.len());
    for v in &vs {
        has(
            v,
            "at Vendor's enterprise support tier (the most comprehensive support offering that Vendor offers to its enterprise customers of the Services, whether it publishes it or offers it by invitation (not one made for a single customer), whatever Vendor calls it)",
        );
    }
    for v in variants_with("During the Pilot Period, Vendor shall provide") {
        has(
            v,
            "full support and training: support in accordance with Annex B, with an account team",
        );
    }
    // A lower tier bought: the pilot adds the most comprehensive offering where it gives more.
    for stance in ["preferred", "fallback"] {
        let t = text(&with_stance(
            &patched(
                &example_json("global-bank.json"),
                json!({"support": {"tier": "standard"}}),
            ),
            stance,
        ));
        assert!(t.contains("at Vendor's standard support tier (the support that Vendor includes with the Services for its customers generally at no extra charge)"), "{stance}");
        assert!(t.contains("support in accordance with Annex B and, where it gives Customer more, at the most comprehensive support offering that Vendor offers to its enterprise customers of the Services, whether it publishes it or offers it by invitation (not one made for a single customer)"), "{stance}");
    }
}

/// customer-A 7: at the fallback, a bank's P1 requests (and so Annex A's outage updates,
/// which follow the P1 interval) were updated only every four hours. A number, not a
/// contradiction: the check now warns a regulated financial customer whose P1 updates are
/// less frequent than hourly, wherever the number comes from (the playbook's fallback
/// included), and Annex A still reads the one P1 interval.
#[test]
fn blind16_customer_a_7_slow_p1_updates_are_flagged_for_a_bank() {
    use dealdraft::check::rules::RuleSet;
    use dealdraft::deal::Source;
    let rules = RuleSet::load(&crate::common::LIBRARY).unwrap();
    let flagged = |json: &serde_json::Value| {
        let text = serde_json::to_string_pretty(json).unwrap();
        let src = Source::parse("deal.json", text).unwrap();
        let deal = dealdraft::resolve::resolve(&src, &crate::common::LIBRARY).unwrap();
        dealdraft::check::check_deal(&src, &deal, None, &rules)
            .findings
            .iter()
            .any(|f| f.rule == "support.p1-updates-slow-regulated")
    };
    let bank = example_json("global-bank.json");
    assert!(flagged(&with_stance(&bank, "fallback")));
    assert!(!flagged(&with_stance(&bank, "preferred")));
    // Not a financial customer: no such warning.
    assert!(!flagged(&with_stance(
        &example_json("healthcare-azure.json"),
        "fallback"
    )));
    for v in variants_with("the interval for status updates on a P1 request") {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(v, "update Customer at least every ");
    }
}
