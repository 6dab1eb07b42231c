//! Counsel review of 2026-12-06 (issue 26), the findings on Annex C (training), Annex D
//! (data), Annex E (exit) and the SOW body's pilot, onboarding, data and exit sentences.
//! Each test asserts the quoted defect gone in every variant (every example and every unit
//! of the bank, both stances) and the fixed text present where it applies; "variant"-like
//! deals (fallback stance, explicit values) cover what the held-back deal exposed; the
//! guards are tested with deals that would produce the defect again.

use std::sync::LazyLock;

use dealdraft::check::DealReport;
use dealdraft::check::rules::RuleSet;
use dealdraft::deal::Source;
use serde_json::{Value, json};

use crate::common::{LIBRARY, example_json, patched};
use crate::counsel::{VARIANTS, Variant, has, lacks, text, variant, with_stance};

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::load(&LIBRARY).expect("built-in rules load"));

fn check(json: &Value) -> DealReport {
    let src = Source::parse("deal.json", serde_json::to_string_pretty(json).unwrap()).unwrap();
    let deal = dealdraft::resolve::resolve(&src, &LIBRARY)
        .unwrap_or_else(|e| panic!("the test deal must be valid:\n{e}"));
    dealdraft::check::check_deal(&src, &deal, None, &RULES)
}

fn fires(report: &DealReport, rule: &str) -> usize {
    report.findings.iter().filter(|f| f.rule == rule).count()
}

/// The variants whose text contains `needle`; fails when there are none, so that a loop
/// over them cannot pass vacuously.
#[track_caller]
fn with(needle: &str) -> Vec<&'static Variant> {
    let vs: Vec<&'static Variant> = VARIANTS
        .iter()
        .filter(|v| v.text.contains(needle))
        .collect();
    assert!(!vs.is_empty(), "no variant contains \"{needle}\"");
    vs
}

#[track_caller]
fn all() -> &'static [Variant] {
    assert!(VARIANTS.len() >= 12, "the variants are missing");
    &VARIANTS
}

/// The held-back deal's kind: Azure OpenAI at the fallback stance, with explicit values —
/// a 60-day pilot, an onsite line due after it, training included in the fees, a kickoff.
fn variant_like() -> Value {
    patched(
        &example_json("healthcare-azure.json"),
        json!({
            "deal": {"stance": "fallback"},
            "exit": {"pilot": {"days": 60, "opt_out": true, "full_support": true}},
            "onboarding": {"kickoff_within_days": 20},
            "training": {
                "included_in_fees": true,
                "sessions": [
                    {"kind": "admin_onboarding", "title": "Administrator onboarding", "count": 1,
                     "format": "virtual", "audience": "platform engineers", "hours_each": 2,
                     "due": {"within_days": 30}, "recorded": true},
                    {"kind": "end_user", "title": "Prompt design for risk analysis", "count": 3,
                     "format": "onsite", "audience": "risk analysts", "hours_each": 2,
                     "due": {"by": "2027-06-15"}, "recorded": true}
                ]
            }
        }),
    )
}

// ---- 6: the pilot opt-out closes before the training it judges ----

#[test]
fn finding_06_pilot_opt_out_outlives_the_training_it_judges() {
    for v in with("Opt-Out at the End of the Pilot") {
        lacks(v, "given before the Pilot Period ends");
        has(
            v,
            "at any time during the Pilot Period or within ten (10) days after it ends",
        );
        // Vendor's delays extend the pilot at both stances, stated once, in Annex E
        // (blind18 vendor-B 17: day for day, or by Customer's notice fixing the end date).
        has(
            v,
            "Customer may extend the Pilot Period by the length of that delay by written notice to Vendor during the Pilot Period stating the delay and the new end date; the Pilot Period then ends on that date.",
        );
        if v.stance == "fallback" {
            has(
                v,
                "if Customer gives the notice after the Pilot Period has ended, on the date the notice states",
            );
            lacks(
                v,
                "Termination takes effect at the end of the Pilot Period.",
            );
        }
    }
    for v in with("A delay by Vendor in onboarding extends the Pilot Period as Section") {
        lacks(
            v,
            "If a delay by Vendor in onboarding delays Customer's use",
        );
    }
    // No example, at either stance, has training due after its pilot.
    for ex in ["global-bank.json", "healthcare-azure.json", "minimal.json"] {
        for stance in ["preferred", "fallback"] {
            let r = check(&with_stance(&example_json(ex), stance));
            assert_eq!(
                fires(&r, "exit.pilot-ends-before-training"),
                0,
                "{ex} ({stance})"
            );
        }
    }
    let h = variant("healthcare-azure.json (fallback)");
    has(h, "ends on 30 June 2027, ninety (90) days after it");
    has(
        h,
        "The Pilot Period is extended by one day for each day on which onboarding remains incomplete after the deadline for it under Section 9.1 of the Statement of Work or a Training Session that the Training Schedule makes due during the Pilot Period remains undelivered after its due date, and by the number of days by which a move at Vendor's request puts off the due date of such a Training Session (unless Customer's written agreement to the move states otherwise), without Customer having to show that its evaluation was delayed.",
    );
}

#[test]
fn finding_06_variant_like_deal_keeps_the_window_and_is_flagged() {
    let deal = variant_like();
    let t = text(&deal);
    has_text(
        &t,
        "at any time during the Pilot Period or within ten (10) days after it ends",
    );
    has_text(
        &t,
        "Customer may extend the Pilot Period by the length of that delay by written notice to Vendor during the Pilot Period",
    );
    // The onsite line falls due after the 60-day pilot: the check says so.
    let r = check(&deal);
    let f: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "exit.pilot-ends-before-training")
        .collect();
    assert_eq!(f.len(), 1, "{:?}", r.findings);
    assert_eq!(f[0].path, "training.sessions[1].due.by");
    assert!(f[0].deal_says.contains("Prompt design for risk analysis"));
    // The pilot's training counts only what falls due in it.
    has_text(
        &t,
        "the training in Annex C that falls due during the Pilot Period (one (1) Training Session and two (2) hours of training in total)",
    );
}

#[track_caller]
fn has_text(t: &str, needle: &str) {
    assert!(t.contains(needle), "expected \"{needle}\"");
}

#[track_caller]
fn lacks_text(t: &str, needle: &str) {
    assert!(!t.contains(needle), "did not expect \"{needle}\"");
}

// ---- 10: a sub-processor objection has no consequence ----

#[test]
fn finding_10_subprocessor_objection_has_a_consequence() {
    for v in with("may object to the change") {
        lacks(
            v,
            "The parties shall then discuss the objection in good faith, and Vendor shall propose",
        );
        has(
            v,
            "Vendor shall not make the change to which Customer objected (the new sub-processor's processing of Customer Data",
        );
        has(v, "by written notice");
        if v.stance == "fallback" {
            has(
                v,
                "Customer may terminate the affected Services by written notice to Vendor, and Vendor may terminate them by written notice to Customer, taking effect on a date that it states no earlier than one hundred and eighty (180) days after its notice, only if it shows Customer in writing, with reasonable supporting detail, that from that date it cannot provide them without the change (if Customer disputes that showing in writing within thirty (30) days after receiving it, and refers the dispute to the dispute resolution procedure of the Agreement within thirty (30) days after disputing it (or, if later, after Section 9.3 of the Statement of Work first allows formal proceedings on it), Vendor's termination takes effect only if the dispute is resolved in Vendor's favour under the Agreement or the parties agree in writing that the termination is to take effect, and then on the later of the date stated in Vendor's notice and the thirtieth day after that resolution or agreement), in each case without penalty to Customer and with the refund set out in Section 3.4",
            );
            has(v, "the objection does not lapse by the passing of time.");
        }
    }
}

// ---- 13: success criteria agreed before the pilot starts ----

#[test]
fn finding_13_success_criteria_are_agreed_after_signature() {
    for v in all() {
        lacks(v, "agree in writing before the Pilot Period starts");
    }
    for v in with("The success criteria are those that the parties agree in writing") {
        has(
            v,
            "The success criteria are those that the parties agree in writing at the kickoff meeting under Section",
        );
        has(
            v,
            "or, if they agree none by then, Customer's business requirements for the Services as the notice states them.",
        );
    }
    // Without a kickoff meeting, within a stated number of days of the Effective Date.
    let t = text(&patched(&variant_like(), json!({"onboarding": null})));
    has_text(
        &t,
        "The success criteria are those that the parties agree in writing within twenty (20) days after the Effective Date, which Customer shall propose and Vendor shall not unreasonably refuse, or, if they agree none by then,",
    );
}

#[test]
fn finding_13_guard_kickoff_after_the_pilot_is_flagged() {
    let r = check(&patched(
        &variant_like(),
        json!({"onboarding": {"kickoff_within_days": 60}}),
    ));
    assert_eq!(fires(&r, "exit.kickoff-after-pilot"), 1);
    assert_eq!(
        fires(&check(&variant_like()), "exit.kickoff-after-pilot"),
        0
    );
}

// ---- 17: "shall not transfer" beside "may access from outside" ----

#[test]
fn finding_17_remote_access_is_the_one_permitted_transfer() {
    for v in with("Approved Region") {
        lacks(
            v,
            "may access Customer Data from outside the Approved Region only to the extent needed",
        );
        lacks(v, "outside the Approved Region. Vendor's personnel");
        lacks(v, "outside the Approved Regions. Vendor's personnel");
        has(v, "is a transfer of Customer Data outside");
        if v.stance == "fallback" {
            has(
                v,
                "except that Vendor's personnel and sub-processors may access Customer Data from outside the Approved Region",
            );
            has(
                v,
                "under an adequacy decision or standard contractual clauses (or another transfer mechanism that applicable data protection law recognises for that country)",
            );
            // With special-category data declared, the special-category clause is the one
            // rule (blind read 6, customer-B 26): no access from outside, consent or not.
            if v.text.contains("Special-Category Data") {
                has(
                    v,
                    "Special-Category Data shall not be accessed from outside the Approved Region at all",
                );
            } else {
                has(
                    v,
                    "access to provide support extends to that content only as far as Customer supplies it with the support request concerned",
                );
            }
        }
    }
}

// ---- 20: backups deleted "in the ordinary course" ----

#[test]
fn finding_20_backups_have_an_outer_limit() {
    for v in with("Deletion on Termination") {
        lacks(
            v,
            "Vendor may delete Customer Data held in backups in the ordinary course of its backup cycle",
        );
        if v.stance == "fallback" {
            has(
                v,
                "but shall in any event delete it from every backup within ninety (90) days after the end of that period",
            );
            has(
                v,
                "the date, no later than that outer limit, by which they will be",
            );
        } else {
            has(v, "including backups,");
        }
    }
}

// ---- 29: no limits on Vendor suspending the Services ----

#[test]
fn finding_29_suspension_is_limited() {
    for v in all() {
        lacks(v, "If the Agreement permits Vendor to suspend the Services");
        has(v, "Suspension of the Services");
        has(
            v,
            "Vendor shall not suspend or restrict the Services because of a dispute between the parties, including a dispute about fees",
        );
        has(
            v,
            "This Section applies despite any right of suspension in the Agreement",
        );
        if v.text.contains("Annex A") {
            has(
                v,
                "other than as this Section permits is a minute of Downtime under Annex A",
            );
        }
    }
    for v in with("No suspension of the Services, including one that Section") {
        assert_eq!(v.stance, "fallback", "{}", v.name);
    }
}

// ---- 33: weak fallback breach notice ----

#[test]
fn finding_33_breach_notice_on_suspicion_with_costs_and_no_publicity() {
    for v in with("Security Breach") {
        has(v, "becomes aware of, or reasonably suspects, any breach");
        has(
            v,
            "Vendor shall not name Customer in any public statement or notice about a Security Breach",
        );
        has(v, "Vendor shall reimburse Customer's reasonable costs of");
    }
    // The deal's 48 hours is flagged as a warning (over 24 h), not an error (over 72 h).
    let r = check(&example_json("healthcare-azure.json"));
    assert_eq!(fires(&r, "data.breach-notice-over-24h"), 1);
    assert_eq!(fires(&r, "data.breach-notice-slow"), 0);
    let bank = check(&example_json("global-bank.json"));
    assert_eq!(fires(&bank, "data.breach-notice-over-24h"), 0);
}

// ---- 34: no end-user training for health ----

#[test]
fn finding_34_health_trains_its_clinicians() {
    for stance in ["preferred", "fallback"] {
        let v = variant(&format!("healthcare-azure.json ({stance})"));
        has(
            v,
            "Clinical documentation for clinicians (End-user training)",
        );
        has(v, "clinicians from all of Customer's hospital sites");
        lacks(v, "one session for each hospital site");
        has(
            v,
            "worked examples drawn from each department's clinical documentation",
        );
        lacks(
            v,
            "The Training Schedule comprises three (3) Training Sessions and six (6) hours of training in total.",
        );
    }
    for ex in ["global-bank.json", "healthcare-azure.json", "minimal.json"] {
        for stance in ["preferred", "fallback"] {
            let r = check(&with_stance(&example_json(ex), stance));
            assert_eq!(
                fires(&r, "training.no-end-user-training"),
                0,
                "{ex} ({stance})"
            );
        }
    }
}

#[test]
fn finding_34_guard_no_end_user_session_is_flagged() {
    let mut deal = example_json("healthcare-azure.json");
    deal["training"]["sessions"]
        .as_array_mut()
        .unwrap()
        .retain(|s| s["kind"] != "end_user");
    assert_eq!(fires(&check(&deal), "training.no-end-user-training"), 1);
}

// ---- 35: minimal drops residency and rate limits without [●] ----

#[test]
fn finding_35_minimal_shows_open_positions_as_blanks() {
    for stance in ["preferred", "fallback"] {
        let v = variant(&format!("minimal.json ({stance})"));
        has(
            v,
            "only in data centres located in [●] (the \"Approved Region\")",
        );
        assert!(v.md.contains("### 3.2 Data Residency"), "{}", v.name);
        assert!(
            !v.md.contains("### 3.2 Deletion on Termination"),
            "{}",
            v.name
        );
        assert!(v.md.contains("| Requests per minute | [●] |"), "{}", v.name);
        assert!(v.md.contains("| Tokens per minute | [●] |"), "{}", v.name);
        assert!(v.md.contains("### 10.2 Usage Limits"), "{}", v.name);
    }
    // A deal that names its limits and regions has no blank there.
    for v in with("Minimum guaranteed rate") {
        if !v.name.starts_with("minimal") {
            assert!(
                !v.md.contains("| Requests per minute | [●] |"),
                "{}",
                v.name
            );
        }
    }
}

// ---- 37: ownership omits embeddings, indexes, assistants, prompt libraries ----

#[test]
fn finding_37_ownership_covers_what_the_exports_deliver() {
    for v in with("Customer Materials") {
        has(v, "embeddings and vector indexes built from Customer Data");
        has(
            v,
            "custom assistants and agents (including their instructions, such as system prompts) and prompt libraries built by or for Customer",
        );
    }
    // Made impossible: a deal whose list omits them still owns them.
    let t = text(&patched(
        &variant_like(),
        json!({"data": {"customer_owns": ["inputs", "outputs"]}}),
    ));
    has_text(&t, "embeddings and vector indexes built from Customer Data");
    has_text(
        &t,
        "custom assistants and agents (including their instructions, such as system prompts) and prompt libraries built by or for Customer.",
    );
}

// ---- 39: "tailored" topics against standard content under "Tailored Content" ----

#[test]
fn finding_39_training_content_says_one_thing() {
    for v in all() {
        lacks(v, "Tailored Content");
        lacks(v, "Vendor may use its standard training content");
    }
    for v in with("standard training content") {
        has(
            v,
            "for each topic that calls for examples from Customer's use cases, or that Customer names in writing as calling for them at least fifteen (15) days before the session concerned, uses examples drawn from those use cases",
        );
    }
    for stance in ["preferred", "fallback"] {
        let v = variant(&format!("healthcare-azure.json ({stance})"));
        has(v, "Training Content");
        has(
            v,
            "to Customer's industry (healthcare), teams and use cases",
        );
    }
}

// ---- 40: training travel reimbursed although training is included ----

#[test]
fn finding_40_included_training_reimburses_no_travel() {
    for v in with("included in the fees for the Services under this SOW") {
        lacks(
            v,
            "except that Customer shall reimburse the reasonable travel expenses of Vendor's trainers",
        );
    }
    // The variant's shape: included in the fees, an onsite line, the fallback stance.
    let t = text(&variant_like());
    has_text(
        &t,
        "Vendor shall not charge for any of it separately or as an expense, including its trainers' travel and expenses for onsite Training Sessions.",
    );
    lacks_text(
        &t,
        "Customer shall reimburse the reasonable travel expenses",
    );
    // Priced separately, the fallback still passes travel on, approved in advance.
    let t = text(&patched(
        &variant_like(),
        json!({"training": {"included_in_fees": false}}),
    ));
    has_text(
        &t,
        "Customer shall reimburse the reasonable travel expenses of Vendor's trainers for onsite Training Sessions only where Customer approves them in writing in advance",
    );
}

// ---- 42: extra pilot training unquantified ----

#[test]
fn finding_42_pilot_training_is_quantified() {
    for v in all() {
        lacks(v, "in addition to the training in Annex C");
        lacks(
            v,
            "training for the users and administrators taking part in the pilot",
        );
    }
    for v in with("full support and training:") {
        has(
            v,
            "the training in Annex C that falls due during the Pilot Period (",
        );
    }
    has(
        variant("global-bank.json (preferred)"),
        "the training in Annex C that falls due during the Pilot Period (nine (9) Training Sessions and eighteen and a half (18.5) hours of training in total)",
    );
}

// ---- 49: "which includes" ----

#[test]
fn finding_49_instructions_permit_the_abuse_monitoring() {
    for v in all() {
        lacks(v, "which includes the abuse monitoring");
    }
    for v in with("Customer's documented instructions (") {
        has(
            v,
            "Customer's documented instructions (which permit abuse monitoring, and human review of content, only as Section",
        );
    }
}

// ---- 52: the pilot ends on a date, not on Customer's confirmation ----

#[test]
fn finding_52_pilot_period_ends_on_its_date() {
    for v in all() {
        lacks(v, "that the Pilot Period or the phase is complete");
    }
    for v in with("Customer may roll out the Services in phases, each covering") {
        has(
            v,
            "During the Pilot Period, and during each phase until Customer confirms in writing that the phase is complete or, if earlier, until ninety (90) days after the users that the phase covers are first in production use, Vendor shall provide heightened support",
        );
    }
}

// ---- 53: "a la carte" ----

#[test]
fn finding_53_no_a_la_carte() {
    for v in all() {
        lacks(v, "a la carte");
    }
    has(
        variant("global-bank.json (preferred)"),
        "Vendor shall not charge for any of it separately or as an expense",
    );
}

/// Review item 25: the Annual Commitment could be cut to nil on 30 days' notice, which made
/// the 90-day termination notice pointless and the commitment illusory. Tiers and users may
/// still fall at any time (preferred); the commitment only from an anniversary, by a capped
/// share.
#[test]
fn finding_25_the_annual_commitment_falls_only_from_an_anniversary_and_by_a_capped_share() {
    let mut seen = 0;
    for v in crate::counsel::VARIANTS
        .iter()
        .filter(|v| v.text.contains("Downgrades and Volume Reductions"))
    {
        seen += 1;
        crate::counsel::lacks(
            v,
            "or reduce any committed volume or spend, in each case without penalty. The fees reduce accordingly, pro rata",
        );
        let pct = if v.stance == "preferred" {
            "25%"
        } else {
            "15%"
        };
        if v.name.contains(" unit ") {
            // blind15 customer-A 7: a call-off with no commitment of its own has nothing to
            // reduce, and states no reduction right.
            crate::counsel::lacks(
                v,
                "of the commitment in effect immediately before that anniversary",
            );
        } else {
            crate::counsel::has(
                v,
                &format!("{pct} of the commitment in effect immediately before that anniversary"),
            );
        }
        if v.stance == "preferred" && v.text.contains("Annual Commitment") {
            // A call-off's commitment is the Master SOW's (blind14 customer-A 2).
            let only = if v.name.contains(" unit ") {
                "under the Master SOW or by a termination of this SOW"
            } else {
                "as the next paragraph provides"
            };
            crate::counsel::has(
                v,
                &format!(
                    "Those reductions do not reduce the Annual Commitment, which Customer may reduce only {only}"
                ),
            );
        }
    }
    assert!(seen >= 6, "variants with the downgrade clause: {seen}");
}
