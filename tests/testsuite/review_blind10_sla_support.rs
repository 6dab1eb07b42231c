//! The tenth blind read (customer's and vendor's counsel), the findings on Annex A (service
//! levels), Annex B (support) and Annex C (training). Each test is named after its report and
//! finding, asserts over the shared variants (every example in both stances and every unit of
//! the bank) that the quoted defect is gone, and that the fixed text is there where it applies.

use crate::counsel::{VARIANTS, Variant, has, lacks, variants_with};

/// The heading of section `num` ("2.1", or "4" for a top-level section) in `doc` (`None` for
/// the body of the SOW, `Some('B')` for Annex B) of a variant's Markdown.
fn heading(v: &Variant, doc: Option<char>, num: &str) -> Option<String> {
    let mut current = None;
    for line in v.md.lines() {
        if let Some(rest) = line.strip_prefix("# Annex ") {
            current = rest.chars().next();
            continue;
        }
        if current != doc {
            continue;
        }
        for prefix in [format!("### {num} "), format!("## {num}. ")] {
            if let Some(title) = line.strip_prefix(prefix.as_str()) {
                return Some(title.to_string());
            }
        }
    }
    None
}

/// The references in `s`: each "Section N.N" with the annex it names, if any ("of Annex B").
fn references(s: &str) -> Vec<(Option<char>, String)> {
    let mut out = Vec::new();
    for (i, _) in s.match_indices("Section ") {
        let rest = &s[i + "Section ".len()..];
        let num: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let num = num.trim_end_matches('.').to_string();
        if num.is_empty() {
            continue;
        }
        let after = &rest[num.len()..];
        let doc = after
            .strip_prefix(" of Annex ")
            .and_then(|a| a.chars().next());
        out.push((doc, num));
    }
    out
}

/// The sentence of the SOW's ticket clause that says which provisions change a Severity Level.
fn severity_sentence(v: &Variant) -> Option<&str> {
    [
        "the Severity Level changing only as provided ",
        "which changes only as provided ",
    ]
    .iter()
    .find_map(|lead| {
        let i = v.text.find(lead)?;
        let rest = &v.text[i + lead.len()..];
        let end = [rest.find("; "), rest.find(". ")]
            .into_iter()
            .flatten()
            .min()
            .expect("the list ends the clause");
        Some(&rest[..end + 1])
    })
}

#[test]
fn blind10_customer_a_3_severity_changes_point_to_the_sections_that_change_it() {
    for v in VARIANTS.iter() {
        lacks(v, "Annex B, Section");
        lacks(v, "changing only as Annex B");
        lacks(v, "changes only as Annex B");
        lacks(v, "Annex A, Section");
    }
    let graded: Vec<&Variant> = VARIANTS
        .iter()
        .filter(|v| severity_sentence(v).is_some())
        .collect();
    assert!(graded.iter().any(|v| v.stance == "preferred"));
    assert!(graded.iter().any(|v| v.stance == "fallback"));
    for v in graded {
        let s = severity_sentence(v).unwrap();
        // Customer's right to raise or lower a level, and the P1-to-P2 reclassification.
        assert!(s.contains("Section 2.1 of Annex B"), "{}: {s}", v.name);
        assert!(s.contains("Section 2.3 of Annex B"), "{}: {s}", v.name);
        let refs = references(s);
        assert!(refs.len() >= 2, "{}: {s}", v.name);
        // Every reference names a section about severity: the levels, critical requests, the
        // heightened support of a rollout or a Model Error's fixed severity.
        for (doc, num) in refs {
            let h = heading(v, doc, &num)
                .unwrap_or_else(|| panic!("{}: no Section {num} in {doc:?}: {s}", v.name));
            assert!(
                [
                    "Severity Levels",
                    "Critical Requests",
                    "Phased Rollout",
                    "Priority Fixes for Model Errors"
                ]
                .contains(&h.as_str()),
                "{}: Section {num} of {doc:?} is \"{h}\": {s}",
                v.name
            );
        }
    }
}

#[test]
fn blind10_every_reference_to_an_annex_section_names_a_heading() {
    for v in VARIANTS.iter() {
        for (doc, num) in references(&v.text) {
            if let Some(d) = doc {
                assert!(
                    heading(v, Some(d), &num).is_some(),
                    "{}: Section {num} of Annex {d} has no heading",
                    v.name
                );
            }
        }
    }
}

#[test]
fn blind10_customer_a_4_a_permanent_fix_is_owed_after_a_workaround_at_both_stances() {
    let vs = variants_with("\"Model Error\" means");
    for v in &vs {
        has(
            v,
            "Where Vendor delivers a workaround, it shall continue to work on a permanent fix and deliver it within",
        );
    }
    for v in vs.iter().filter(|v| v.stance == "fallback") {
        has(
            v,
            "permanent fix and deliver it within sixty (60) days after delivering the workaround.",
        );
    }
    for v in vs.iter().filter(|v| v.stance == "preferred") {
        has(
            v,
            "permanent fix and deliver it within thirty (30) days after delivering the workaround.",
        );
    }
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    assert!(vs.iter().any(|v| v.stance == "preferred"));
}

#[test]
fn blind10_vendor_a_13_previous_version_access_lasts_until_the_permanent_fix_everywhere() {
    for v in VARIANTS.iter() {
        lacks(v, "until the fix or workaround is delivered");
        lacks(v, "before that fix or workaround is delivered");
        lacks(v, "configuration until the fix is delivered");
    }
    for v in variants_with("give Customer access to the previous model version or configuration") {
        has(
            v,
            "give Customer access to the previous model version or configuration until the permanent fix is delivered.",
        );
        if v.text
            .contains("A retirement under this Section does not reduce")
        {
            has(v, "until a Model Error is permanently fixed");
            has(v, "take effect before that permanent fix is delivered");
        }
    }
}

#[test]
fn blind10_customer_b_2_and_10_a_streamed_request_times_out_when_it_does_not_begin_to_stream() {
    for v in VARIANTS.iter() {
        lacks(v, "stop waiting for sooner is not a Time-out");
        lacks(v, "neither answer nor begin to stream an answer to within");
    }
    let vs = variants_with("\"Time-out\" means");
    for v in &vs {
        has(
            v,
            "except that a request that Customer's own systems stop waiting for before that period has run is a Time-out if, and only if, they had waited at least ",
        );
        has(
            v,
            "and Vendor's records do not show that Vendor's systems had by then begun to answer it or to generate output for it.",
        );
        let within = if v.stance == "preferred" {
            "one (1) minute"
        } else {
            "two (2) minutes"
        };
        has(
            v,
            &format!(
                "\"Time-out\" means a request to a Covered Service that Vendor's systems receive and then do not begin to stream an answer to within {within}, where the request asks for a streamed answer, or otherwise do not answer within ten (10) minutes, or end without an answer, except that"
            ),
        );
    }
    // The fallback drafts are covered, and so is a draft with no Latency Commitment (the
    // playbook's fallback keeps one since blind14 customer-B 9, so a deal sets none).
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    let t = crate::counsel::text(&crate::common::patched(
        &crate::counsel::with_stance(
            &crate::common::example_json("healthcare-azure.json"),
            "fallback",
        ),
        serde_json::json!({"sla": {"latency": null}}),
    ));
    assert!(!t.contains("\"Latency Commitment\""));
    assert!(t.contains("\"Time-out\" means a request to a Covered Service that Vendor's systems receive and then do not begin to stream an answer to within two (2) minutes, where the request asks for a streamed answer, or otherwise do not answer within ten (10) minutes, or end without an answer, except that"));
}

#[test]
fn blind10_customer_b_3_vendor_a_9_one_force_majeure_rule_for_own_cloud_and_suppliers() {
    for v in VARIANTS.iter() {
        lacks(v, "otherwise be a Force Majeure Event");
        lacks(v, "is Downtime unless the failure is itself caused");
    }
    let vs = variants_with(
        "is Downtime, unless the failure is itself caused by a Force Majeure Event (and the failure of",
    );
    for v in &vs {
        has(
            v,
            "is not itself such an event, whatever the Agreement's definition of it includes).",
        );
    }
    for name in [
        "healthcare-azure.json (preferred)",
        "healthcare-azure.json (fallback)",
    ] {
        has(
            crate::counsel::variant(name),
            "Unavailability attributable to a failure of the Microsoft Azure platform or any other infrastructure of Vendor or its affiliates on which the Services run, or of any subcontractor, hosting provider or supplier of Vendor, is Downtime, unless the failure is itself caused by a Force Majeure Event (and the failure of that platform or infrastructure, or of a subcontractor, hosting provider or supplier of Vendor, is not itself such an event",
        );
    }
    for name in [
        "global-bank.json (preferred)",
        "global-bank.json unit markets (preferred)",
    ] {
        has(
            crate::counsel::variant(name),
            "Unavailability attributable to a failure of Microsoft Azure, Vendor's cloud provider, or of any other subcontractor, hosting provider or supplier of Vendor is Downtime, unless the failure is itself caused by a Force Majeure Event",
        );
    }
}

#[test]
fn blind10_vendor_b_32_claimed_credits_are_reported_apart_from_those_due() {
    let claimed = variants_with("To receive any other Service Credit, Customer shall claim it");
    for v in &claimed {
        lacks(
            v,
            "the Service Credits due and how and when they were applied",
        );
        lacks(
            v,
            "the Service Credits that accrued to Customer in the period",
        );
        if v.text.contains("written service level report") {
            has(
                v,
                "the Service Credits that Vendor calculates as due (which it applies without a claim), those that Customer has claimed under Section 3.3, and how and when each was applied",
            );
        }
        // Where Annex A has its own reports, they alone report credits (blind14 vendor-B 28).
        if v.text.contains("written support performance reports") {
            if v.text.contains("written service level report") {
                lacks(v, "how each claim was answered");
                has(
                    v,
                    "Uptime, Downtime and Service Credits are reported only in the service level reports under Section 6.3 of Annex A, not in these reports.",
                );
            } else {
                has(
                    v,
                    "the Service Credits that Customer claimed in the period and how each claim was answered.",
                );
            }
        }
    }
    // Without Annex A's reports, the support report shows the claimed credits.
    let t = crate::counsel::text(&crate::common::patched(
        &crate::counsel::with_stance(
            &crate::common::example_json("healthcare-azure.json"),
            "fallback",
        ),
        serde_json::json!({"sla": {"status_reports": null}}),
    ));
    assert!(t.contains("the Service Credits that Customer claimed in the period and how each claim was answered."), "{t}");
    assert!(!t.contains("are reported only in the service level reports"));
    assert!(claimed.iter().any(|v| {
        v.text.contains(
            "those that Customer has claimed under Section 3.3, and how and when each was applied",
        )
    }));
    // Where credits are applied without a claim, the reports say so.
    for v in variants_with("apply them without Customer having to claim them") {
        lacks(v, "each claimed Service Credit");
    }
}
