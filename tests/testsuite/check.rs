//! `dealdraft check`: one failing deal per rule (rule id, path and line), the examples,
//! the vendor-position example, support hours in real time zones, vendor paper, the
//! reports (JSON against its schema, a snapshot, the memo) and rules laid over the
//! built-in ones with `--library`.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use dealdraft::check::hours::{self, Window};
use dealdraft::check::rules::{RuleSet, Severity};
use dealdraft::check::{DealReport, Finding, SetBy};
use dealdraft::deal::Source;
use jiff::civil::date;
use jiff::tz::TimeZone;
use serde_json::{Value, json};

use crate::common::{LIBRARY, cmd, example_json, examples, patched, root, write_deal};

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::load(&LIBRARY).expect("built-in rules load"));

/// Checks a deal given as JSON (written out pretty, as `deal.json`); returns the report
/// and the text, for line numbers.
fn check(json: &Value) -> (DealReport, String) {
    let text = serde_json::to_string_pretty(json).unwrap();
    let src = Source::parse("deal.json", text.clone()).unwrap();
    let deal = dealdraft::resolve::resolve(&src, &LIBRARY)
        .unwrap_or_else(|e| panic!("the test deal must be valid:\n{e}"));
    (
        dealdraft::check::check_deal(&src, &deal, None, &RULES),
        text,
    )
}

/// The 1-based line of the only line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(
        lines.len(),
        1,
        "{needle:?} should be on one line of:\n{text}"
    );
    lines[0]
}

fn errors(r: &DealReport) -> Vec<&Finding> {
    r.findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

/// Each rule with a deal that fails it: the patch on the bank example (preferred stance,
/// no findings), the path the finding must name, and text on the line that sets it.
fn failing_cases() -> Vec<(&'static str, Value, &'static str, &'static str)> {
    let p1 = |minutes: u32| {
        json!({"support": {"severities": [
            {"level": "P1", "definition": "Down.", "response_minutes": minutes},
            {"level": "P2", "definition": "Impaired.", "response_minutes": 480}
        ]}})
    };
    vec![
        ("sla.none", json!({"sla": null}), "sla", "\"sla\": null"),
        (
            "sla.uptime-missing",
            json!({"sla": {"uptime_pct": null}}),
            "sla.uptime_pct",
            "\"uptime_pct\": null",
        ),
        (
            "sla.uptime-low",
            json!({"sla": {"uptime_pct": 99.0, "credit_tiers": [
                {"below_pct": 99.0, "credit_pct": 10}, {"below_pct": 95.0, "credit_pct": 25}]}}),
            "sla.uptime_pct",
            "\"uptime_pct\": 99.0",
        ),
        (
            "sla.credit-tiers-missing",
            json!({"sla": {"credit_tiers": null}}),
            "sla.credit_tiers",
            "\"credit_tiers\": null",
        ),
        (
            "sla.credit-tiers-flat",
            json!({"sla": {"credit_tiers": [{"below_pct": 99.9, "credit_pct": 10}]}}),
            "sla.credit_tiers",
            "\"credit_tiers\": [",
        ),
        (
            "sla.credit-cap-low",
            json!({"sla": {"credit_cap_pct": 10}}),
            "sla.credit_cap_pct",
            "\"credit_cap_pct\": 10",
        ),
        (
            "sla.chronic-failure-missing",
            json!({"sla": {"chronic_failure": null}}),
            "sla.chronic_failure",
            "\"chronic_failure\": null",
        ),
        (
            "sla.latency-missing",
            json!({"sla": {"latency": null}}),
            "sla.latency",
            "\"latency\": null",
        ),
        (
            "sla.third-party-cloud-excluded",
            json!({"sla": {"exclusions": ["force_majeure", "third_party_cloud"]}}),
            "sla.exclusions",
            "\"exclusions\": [",
        ),
        (
            "sla.exclusions-broad",
            json!({"sla": {"exclusions": ["force_majeure", "internet_outage"]}}),
            "sla.exclusions",
            "\"exclusions\": [",
        ),
        (
            "sla.maintenance-unlimited",
            json!({"sla": {"maintenance": null}}),
            "sla.maintenance",
            "\"maintenance\": null",
        ),
        (
            "sla.maintenance-long",
            json!({"sla": {"maintenance": {"max_hours_per_month": 12, "notice_days": 7}}}),
            "sla.maintenance.max_hours_per_month",
            "\"max_hours_per_month\": 12",
        ),
        (
            "sla.maintenance-short-notice",
            json!({"sla": {"maintenance": {"max_hours_per_month": 4, "notice_days": 1}}}),
            "sla.maintenance.notice_days",
            "\"notice_days\": 1",
        ),
        (
            "sla.incident-notice-missing",
            json!({"sla": {"incident_notice_minutes": null}}),
            "sla.incident_notice_minutes",
            "\"incident_notice_minutes\": null",
        ),
        (
            "sla.rca-missing",
            json!({"sla": {"rca_days": null}}),
            "sla.rca_days",
            "\"rca_days\": null",
        ),
        (
            "sla.status-dashboard-missing",
            json!({"sla": {"status_dashboard": false}}),
            "sla.status_dashboard",
            "\"status_dashboard\": false",
        ),
        (
            "sla.best-efforts-language",
            json!({"deal": {"agreement_ref": "the Online Terms, under which Vendor uses commercially reasonable efforts"}}),
            "deal.agreement_ref",
            "\"agreement_ref\"",
        ),
        (
            "support.severities-missing",
            json!({"support": {"severities": null}}),
            "support.severities",
            "\"severities\": null",
        ),
        (
            "support.no-p1",
            json!({"support": {"severities": [
                {"level": "P2", "definition": "Impaired.", "response_minutes": 240}]}}),
            "support.severities",
            "\"severities\": [",
        ),
        (
            "support.p1-slow",
            p1(90),
            "support.severities[0].response_minutes",
            "\"response_minutes\": 90",
        ),
        (
            "support.p1-too-slow",
            p1(180),
            "support.severities[0].response_minutes",
            "\"response_minutes\": 180",
        ),
        (
            "support.p1-updates-slow-regulated",
            json!({"support": {"severities": [
                {"level": "P1", "definition": "Down.", "response_minutes": 60, "update_minutes": 240},
                {"level": "P2", "definition": "Impaired.", "response_minutes": 480}
            ]}}),
            "support.severities[0].update_minutes",
            "\"update_minutes\": 240",
        ),
        (
            "support.p1-updates-slow-special-category",
            json!({"data": {"protection": {"special_category": true}},
                   "support": {"severities": [
                {"level": "P1", "definition": "Down.", "response_minutes": 60, "update_minutes": 240},
                {"level": "P2", "definition": "Impaired.", "response_minutes": 480}
            ]}}),
            "support.severities[0].update_minutes",
            "\"update_minutes\": 240",
        ),
        (
            "support.hours-uncovered",
            json!({"support": {"coverage": "business_hours", "business_hours":
                {"timezone": "America/New_York", "start": "09:00", "end": "17:00"}}}),
            "support.business_hours",
            "\"business_hours\": {",
        ),
        (
            "support.p1-no-24x7-phone",
            json!({"support": {"coverage": "follow_the_sun", "p1_phone_24x7": false}}),
            "support.p1_phone_24x7",
            "\"p1_phone_24x7\": false",
        ),
        (
            "support.no-named-tam",
            json!({"support": {"tam": {"named": false}}}),
            "support.tam.named",
            "\"named\": false",
        ),
        (
            "support.priced-separately",
            json!({"support": {"included_in_fees": false}}),
            "support.included_in_fees",
            "\"included_in_fees\": false",
        ),
        (
            "training.no-schedule",
            json!({"training": {"sessions": null}}),
            "training.sessions",
            "\"sessions\": null",
        ),
        (
            "training.fewer-sessions-than-regions",
            json!({"training": {"sessions": [{"kind": "end_user", "title": "End users", "count": 2,
                "format": "virtual", "audience": "end users", "hours_each": 1,
                "due": {"within_days": 60}, "regions": ["North America", "EMEA", "APAC"]}]}}),
            "training.sessions[0].count",
            "\"count\": 2",
        ),
        (
            "training.priced-separately",
            json!({"training": {"included_in_fees": false}}),
            "training.included_in_fees",
            "\"included_in_fees\": false",
        ),
        (
            "data.training-on-customer-data",
            json!({"data": {"training_on_customer_data": true}}),
            "data.training_on_customer_data",
            "\"training_on_customer_data\": true",
        ),
        (
            "data.portability-missing",
            json!({"data": {"portability": null}}),
            "data.portability",
            "\"portability\": null",
        ),
        (
            "data.breach-notice-missing",
            json!({"data": {"breach_notice_hours": null}}),
            "data.breach_notice_hours",
            "\"breach_notice_hours\": null",
        ),
        (
            "data.breach-notice-slow",
            json!({"data": {"breach_notice_hours": 96}}),
            "data.breach_notice_hours",
            "\"breach_notice_hours\": 96",
        ),
        (
            "sla.first-tier-below-commitment",
            json!({"sla": {"uptime_pct": 99.95, "credit_tiers": [{"below_pct": 99.9, "credit_pct": 10}, {"below_pct": 99.0, "credit_pct": 25}]}}),
            "sla.credit_tiers[0].below_pct",
            "\"below_pct\": 99.9",
        ),
        (
            "data.security-none",
            json!({"data": {"security": null}}),
            "data.security",
            "\"security\": null",
        ),
        (
            "data.audit-missing",
            json!({"data": {"security": {"audit": null}}}),
            "data.security.audit",
            "\"audit\": null",
        ),
        (
            "data.regulator-access-missing",
            json!({"data": {"security": {"audit": {"customer": true, "regulators": false, "notice_days": 30}}}}),
            "data.security.audit.regulators",
            "\"regulators\": false",
        ),
        (
            "data.continuity-missing",
            json!({"data": {"security": {"continuity": null}}}),
            "data.security.continuity",
            "\"continuity\": null",
        ),
        (
            "data.processor-terms-missing",
            json!({"data": {"protection": {"processor_terms": false}}}),
            "data.protection.processor_terms",
            "\"processor_terms\": false",
        ),
        (
            "data.ip-indemnity-missing",
            json!({"data": {"ai_assurance": {"ip_indemnity": false}}}),
            "data.ai_assurance.ip_indemnity",
            "\"ip_indemnity\": false",
        ),
        (
            "data.ip-indemnity-capped",
            json!({"data": {"ai_assurance": {"ip_indemnity_uncapped": false}}}),
            "data.ai_assurance.ip_indemnity_uncapped",
            "\"ip_indemnity_uncapped\": false",
        ),
        (
            "exit.pilot-no-opt-out",
            json!({"exit": {"pilot": {"days": 90, "opt_out": false, "full_support": true}}}),
            "exit.pilot.opt_out",
            "\"opt_out\": false",
        ),
        (
            "exit.transition-missing",
            json!({"exit": {"transition_assistance": null}}),
            "exit.transition_assistance",
            "\"transition_assistance\": null",
        ),
        (
            "commercial.unlimited-without-limits",
            json!({"commercial": {"rate_limits": null}}),
            "commercial.rate_limits",
            "\"rate_limits\": null",
        ),
        (
            "commercial.no-price-protection",
            json!({"commercial": {"price_protection_months": null}}),
            "commercial.price_protection_months",
            "\"price_protection_months\": null",
        ),
        (
            "commercial.price-protection-short",
            json!({"commercial": {"price_protection_months": 12}}),
            "commercial.price_protection_months",
            "\"price_protection_months\": 12",
        ),
        (
            "commercial.uncapped-increases",
            json!({"commercial": {"max_annual_increase_pct": null}}),
            "commercial.max_annual_increase_pct",
            "\"max_annual_increase_pct\": null",
        ),
        (
            "commercial.no-discount-floor",
            json!({"commercial": {"min_discount_pct": null}}),
            "commercial.min_discount_pct",
            "\"min_discount_pct\": null",
        ),
        (
            "commercial.price-changes-on-notice",
            json!({"commercial": {"price_change_notice_days": 30, "max_annual_increase_pct": null}}),
            "commercial.price_change_notice_days",
            "\"price_change_notice_days\": 30",
        ),
        (
            "commercial.auto-renewal-notice-long",
            json!({"commercial": {"auto_renewal": {"renewal_months": 12, "notice_days": 90}}}),
            "commercial.auto_renewal.notice_days",
            "\"notice_days\": 90",
        ),
        (
            "sla.commitment-not-binding",
            json!({"sla": {"commitment": "target"}}),
            "sla.commitment",
            "\"commitment\": \"target\"",
        ),
        (
            "sla.downtime-threshold",
            json!({"sla": {"downtime_threshold": {"consecutive_minutes": 3}}}),
            "sla.downtime_threshold.consecutive_minutes",
            "\"consecutive_minutes\": 3",
        ),
        (
            "sla.downtime-threshold-long",
            json!({"sla": {"downtime_threshold": {"consecutive_minutes": 10}}}),
            "sla.downtime_threshold.consecutive_minutes",
            "\"consecutive_minutes\": 10",
        ),
        (
            "sla.downtime-error-rate-high",
            json!({"sla": {"downtime_threshold": {"error_rate_pct": 25}}}),
            "sla.downtime_threshold.error_rate_pct",
            "\"error_rate_pct\": 25",
        ),
        (
            "sla.measured-across-customers",
            json!({"sla": {"measurement_scope": "all_customers"}}),
            "sla.measurement_scope",
            "\"measurement_scope\": \"all_customers\"",
        ),
        (
            "sla.vendor-infrastructure-only",
            json!({"sla": {"vendor_infrastructure_only": true}}),
            "sla.vendor_infrastructure_only",
            "\"vendor_infrastructure_only\": true",
        ),
        (
            "sla.credits-sole-remedy",
            json!({"sla": {"credit_remedy": "sole"}}),
            "sla.credit_remedy",
            "\"credit_remedy\": \"sole\"",
        ),
        (
            "sla.credits-discretionary",
            json!({"sla": {"credits_discretionary": true}}),
            "sla.credits_discretionary",
            "\"credits_discretionary\": true",
        ),
        (
            "sla.reports-on-request",
            json!({"sla": {"reports_on_request": true}}),
            "sla.reports_on_request",
            "\"reports_on_request\": true",
        ),
        (
            "sla.maintenance-long-quarter",
            json!({"sla": {"maintenance": {"max_hours_per_quarter": 30, "notice_days": 7}}}),
            "sla.maintenance.max_hours_per_quarter",
            "\"max_hours_per_quarter\": 30",
        ),
        (
            "sla.maintenance-long-year",
            json!({"sla": {"maintenance": {"max_hours_per_year": 120, "notice_days": 7}}}),
            "sla.maintenance.max_hours_per_year",
            "\"max_hours_per_year\": 120",
        ),
        (
            "data.no-subprocessor-objection",
            json!({"data": {"subprocessor_objection": false}}),
            "data.subprocessor_objection",
            "\"subprocessor_objection\": false",
        ),
        (
            "data.breach-notice-over-24h",
            json!({"data": {"breach_notice_hours": 48}}),
            "data.breach_notice_hours",
            "\"breach_notice_hours\": 48",
        ),
        (
            "exit.pilot-ends-before-training",
            json!({"exit": {"pilot": {"days": 20, "opt_out": true, "full_support": true}}}),
            "training.sessions[0].due.within_days",
            "\"within_days\": 30",
        ),
        (
            "exit.kickoff-after-pilot",
            json!({"onboarding": {"kickoff_within_days": 95}}),
            "onboarding.kickoff_within_days",
            "\"kickoff_within_days\": 95",
        ),
        (
            "training.no-end-user-training",
            json!({"training": {"sessions": [{
                "kind": "admin_onboarding", "title": "Administrator onboarding", "count": 1,
                "format": "virtual", "audience": "IT administrators", "hours_each": 2,
                "due": {"within_days": 30}
            }]}}),
            "training.sessions",
            "\"sessions\": [",
        ),
        (
            "data.processing-anywhere",
            json!({"data": {"residency": null, "processing_anywhere": true}}),
            "data.processing_anywhere",
            "\"processing_anywhere\": true",
        ),
        // Counsel's review of 2026-12-06 (issue 26), items 1 and 9.
        (
            "sla.model-error-severity-low",
            json!({"sla": {"model_error_fixes": {"severity": "P3", "workaround_days": 5}}}),
            "sla.model_error_fixes.severity",
            "\"severity\": \"P3\"",
        ),
        (
            "sla.credit-cap-idle",
            json!({"sla": {"credit_cap_pct": 60}}),
            "sla.credit_cap_pct",
            "\"credit_cap_pct\": 60",
        ),
        (
            "sla.sole-remedy-no-severe-carve-out",
            json!({"sla": {"credit_remedy": "sole_monetary", "uncapped_below_pct": null}}),
            "sla.uncapped_below_pct",
            "\"uncapped_below_pct\": null",
        ),
        // Issue 30: the deal's vendor profile. A retention longer than the vendor publishes...
        (
            "vendor.below-published-terms",
            json!({"data": {"retention_days": 45}}),
            "data.retention_days",
            "\"retention_days\": 45",
        ),
        // ...a profile checked more than a year before the deal takes effect...
        (
            "vendor.profile-stale",
            json!({"deal": {"effective_date": "2028-06-01"}, "training": {"sessions": []}}),
            "deal.vendor.profile",
            "\"profile\": \"openai\"",
        ),
        // ...residency in a region the vendor does not list...
        (
            "vendor.residency-not-offered",
            json!({"data": {"residency": ["United Kingdom"]}}),
            "data.residency[0]",
            "\"United Kingdom\"",
        ),
        // ...and zero retention offered for every service the deal buys, not asked for.
        (
            "vendor.zero-retention-offered",
            json!({"deal": {"vendor": {"profile": "aws-bedrock"}}, "data": {"zero_data_retention": false}}),
            "data.zero_data_retention",
            "\"zero_data_retention\": false",
        ),
        // The ninth blind read (customer-A 5): damages only below 90% are illusory.
        (
            "sla.damages-threshold-low",
            json!({"sla": {"credit_remedy": "sole_monetary", "uncapped_below_pct": 90}}),
            "sla.uncapped_below_pct",
            "\"uncapped_below_pct\": 90",
        ),
    ]
}

#[test]
fn each_rule_fails_a_deal_at_the_field_and_line_that_set_it() {
    // Without its units, so each needle is on one line.
    let mut base = example_json("global-bank.json");
    base.as_object_mut().unwrap().remove("business_units");
    for (rule, patch, path, needle) in failing_cases() {
        let (report, text) = check(&patched(&base, patch));
        let hits: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == rule).collect();
        assert!(
            !hits.is_empty(),
            "{rule}: no finding; findings: {:?}",
            report.findings.iter().map(|f| &f.rule).collect::<Vec<_>>()
        );
        let f = hits[0];
        assert_eq!(f.path, path, "{rule}");
        assert_eq!(f.set_by, SetBy::Deal, "{rule}");
        let place = f
            .location
            .as_ref()
            .unwrap_or_else(|| panic!("{rule}: no location"));
        assert_eq!(place.file, "deal.json", "{rule}");
        assert_eq!(place.line, line_of(&text, needle), "{rule}: {needle}");
        // Every finding carries the playbook's answer and our clause.
        assert!(LIBRARY.clause(&f.clause).is_some(), "{rule}: {}", f.clause);
        assert!(!f.ask.is_empty() && !f.fallback.is_empty() && !f.why.is_empty());
        assert!(!f.deal_says.is_empty(), "{rule}");
    }
}

#[test]
fn every_rule_has_a_failing_case_and_every_check_cell_a_rule() {
    let tested: BTreeSet<&str> = failing_cases().iter().map(|c| c.0).collect();
    let all: BTreeSet<&str> = RULES.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        tested, all,
        "rules without a failing case, or cases without a rule"
    );
    let by_coverage = RULES.by_coverage();
    for row in &LIBRARY.playbook().coverage {
        if row.check.is_some() {
            assert!(
                by_coverage
                    .get(&row.id)
                    .is_some_and(|r| r.iter().any(|id| all.contains(id.as_str()))),
                "{} has a check cell but no deal rule",
                row.id
            );
        }
    }
}

#[test]
fn the_examples_give_no_errors() {
    for path in examples() {
        let json: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let (report, _) = check(&json);
        assert!(
            errors(&report).is_empty(),
            "{}: {:?}",
            path.display(),
            errors(&report)
        );
        // Either stance's playbook defaults meet the walk-away position: no errors.
        for stance in ["preferred", "fallback"] {
            let (r, _) = check(&patched(&json, json!({"deal": {"stance": stance}})));
            assert!(
                errors(&r).is_empty(),
                "{} in {stance}: {:?}",
                path.display(),
                errors(&r)
            );
        }
        // In the preferred stance, nothing at all.
        if json["deal"]["stance"].as_str().unwrap_or("preferred") == "preferred" {
            assert!(
                report.findings.is_empty(),
                "{}: {:?}",
                path.display(),
                report.findings
            );
            assert!(!report.passed.is_empty());
        }
    }
}

#[test]
fn findings_from_playbook_defaults_say_so() {
    // The fallback stance's P1 response (120 minutes) is slower than the preferred 60.
    let (report, _) = check(&example_json("healthcare-azure.json"));
    let f = report
        .findings
        .iter()
        .find(|f| f.rule == "support.p1-slow")
        .expect("p1-slow");
    assert_eq!(f.set_by, SetBy::PlaybookDefault);
    assert_eq!(f.location, None);
    assert_eq!(f.path, "support.severities[0].response_minutes");
    assert_eq!(f.deal_says, "120 minutes");
}

#[test]
fn a_unit_s_overrides_are_located_in_the_unit() {
    let base = patched(
        &example_json("global-bank.json"),
        json!({"business_units": [
            {"id": "retail", "name": "Retail", "overrides": {"sla": {"credit_cap_pct": 10}}}
        ]}),
    );
    let dir = tempfile::tempdir().unwrap();
    let path = write_deal(dir.path(), "bank.json", &base);
    let report = dealdraft::check::check_files(
        std::slice::from_ref(&path),
        &[],
        &dealdraft::check::Options {
            unit: None,
            all_units: true,
            units: Vec::new(),
        },
        &LIBRARY,
    )
    .unwrap();
    assert_eq!(report.deals.len(), 2);
    assert!(report.deals[0].findings.is_empty());
    let unit = &report.deals[1];
    assert_eq!(unit.unit.as_deref(), Some("retail"));
    let f = unit
        .findings
        .iter()
        .find(|f| f.rule == "sla.credit-cap-low")
        .expect("the unit's cap is found");
    assert_eq!(f.set_by, SetBy::Unit);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        f.location.as_ref().unwrap().line,
        line_of(&text, "\"credit_cap_pct\": 10")
    );
}

#[test]
fn the_vendor_position_example_gives_the_errors_it_should() {
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("examples/check/vendor-position.json")).unwrap(),
    )
    .unwrap();
    let (report, _) = check(&json);
    let errs: BTreeSet<&str> = errors(&report).iter().map(|f| f.rule.as_str()).collect();
    let want: BTreeSet<&str> = [
        "sla.uptime-low",
        "sla.credit-cap-low",
        "sla.chronic-failure-missing",
        "sla.third-party-cloud-excluded",
        "sla.maintenance-unlimited",
        "sla.credits-sole-remedy",
        "sla.measured-across-customers",
        "support.p1-too-slow",
        "support.hours-uncovered",
        "support.no-named-tam",
        "support.priced-separately",
        "training.no-schedule",
        "data.training-on-customer-data",
        "data.portability-missing",
        "data.breach-notice-slow",
        "exit.pilot-no-opt-out",
        "exit.transition-missing",
        "commercial.unlimited-without-limits",
        "commercial.no-price-protection",
    ]
    .into();
    assert_eq!(errs, want);
    // Strong points never quote an absent value.
    for p in &report.passed {
        assert!(
            !p.strength.as_deref().unwrap_or_default().contains("none"),
            "{p:?}"
        );
    }
    let hours: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.rule == "support.hours-uncovered")
        .map(|f| f.deal_says.as_str())
        .collect();
    assert_eq!(
        hours,
        [
            "support 09:00–17:00 America/Los_Angeles; America/New_York: 09:00–12:00 local is uncovered Monday to Friday (15 h a week)",
            "support 09:00–17:00 America/Los_Angeles; Europe/London: 09:00–17:00 local is uncovered Monday to Friday (40 h a week)",
            "support 09:00–17:00 America/Los_Angeles; Asia/Tokyo: 09:00–18:00 local is uncovered Monday; 10:00–18:00 local is uncovered Tuesday to Friday (41 h a week)",
        ]
    );
}

fn gap(
    support_tz: &str,
    support: Window,
    customer: &str,
    monday: jiff::civil::Date,
) -> Option<String> {
    hours::uncovered(
        &TimeZone::get(support_tz).unwrap(),
        &support,
        customer,
        &TimeZone::get(customer).unwrap(),
        &Window::weekdays(9 * 60, 18 * 60),
        monday,
    )
    .map(|g| g.describe())
}

#[test]
fn support_hours_against_customer_time_zones_hand_worked() {
    let winter = date(2027, 1, 4); // a Monday; no daylight saving in either hemisphere's north
    // London 09:00–17:00 (UTC+0) is Tokyo (UTC+9) 18:00–02:00: Tokyo's whole day is uncovered.
    assert_eq!(
        gap(
            "Europe/London",
            Window::weekdays(540, 1020),
            "Asia/Tokyo",
            winter
        )
        .as_deref(),
        Some("Asia/Tokyo: 09:00–18:00 local is uncovered Monday to Friday (45 h a week)")
    );
    // Half-hour offset: London 09:00–17:00 is Kolkata (UTC+5:30) 14:30–22:30.
    assert_eq!(
        gap(
            "Europe/London",
            Window::weekdays(540, 1020),
            "Asia/Kolkata",
            winter
        )
        .as_deref(),
        Some("Asia/Kolkata: 09:00–14:30 local is uncovered Monday to Friday (27.5 h a week)")
    );
    // Los Angeles 09:00–17:00 (UTC-8) is Tokyo 02:00–10:00 the next day: Monday is bare,
    // Tuesday to Friday keep 10:00–18:00.
    assert_eq!(
        gap(
            "America/Los_Angeles",
            Window::weekdays(540, 1020),
            "Asia/Tokyo",
            winter
        )
        .as_deref(),
        Some(
            "Asia/Tokyo: 09:00–18:00 local is uncovered Monday; 10:00–18:00 local is uncovered Tuesday to Friday (41 h a week)"
        )
    );
    // Daylight saving: in July Los Angeles is UTC-7, so its 17:00 is 09:00 in Tokyo and the
    // one-hour overlap of January is gone.
    assert_eq!(
        gap(
            "America/Los_Angeles",
            Window::weekdays(540, 1020),
            "Asia/Tokyo",
            date(2027, 7, 5)
        )
        .as_deref(),
        Some("Asia/Tokyo: 09:00–18:00 local is uncovered Monday to Friday (45 h a week)")
    );
    // A window crossing midnight: 22:00–06:00 UTC, Monday to Friday nights.
    // New York (UTC-5) sees 17:00–01:00: 09:00–17:00 uncovered each weekday.
    let night = Window::weekdays(22 * 60, 6 * 60);
    assert_eq!(
        gap("UTC", night.clone(), "America/New_York", winter).as_deref(),
        Some("America/New_York: 09:00–17:00 local is uncovered Monday to Friday (40 h a week)")
    );
    // Tokyo sees 07:00–15:00 the next morning: Monday is bare (no Sunday night shift),
    // Tuesday to Friday lose 15:00–18:00.
    assert_eq!(
        gap("UTC", night.clone(), "Asia/Tokyo", winter).as_deref(),
        Some(
            "Asia/Tokyo: 09:00–18:00 local is uncovered Monday; 15:00–18:00 local is uncovered Tuesday to Friday (21 h a week)"
        )
    );
    // Kolkata sees 03:30–11:30: 11:30–18:00 uncovered; Monday morning is bare too.
    assert_eq!(
        gap("UTC", night, "Asia/Kolkata", winter).as_deref(),
        Some(
            "Asia/Kolkata: 09:00–18:00 local is uncovered Monday; 11:30–18:00 local is uncovered Tuesday to Friday (35 h a week)"
        )
    );
    // Two windows' worth of cover: nothing uncovered.
    assert_eq!(
        gap(
            "Asia/Tokyo",
            Window::weekdays(8 * 60, 19 * 60),
            "Asia/Tokyo",
            winter
        ),
        None
    );
}

#[test]
fn support_hours_follow_the_deal_s_coverage() {
    let base = example_json("global-bank.json");
    // 24x7 and follow-the-sun cover everyone.
    for coverage in ["24x7", "follow_the_sun"] {
        let (r, _) = check(&patched(&base, json!({"support": {"coverage": coverage}})));
        assert!(
            !r.findings
                .iter()
                .any(|f| f.rule == "support.hours-uncovered")
        );
    }
    // Business hours in London: New York and Singapore are partly uncovered, London not.
    let (r, _) = check(&patched(
        &base,
        json!({"support": {"coverage": "business_hours", "business_hours":
            {"timezone": "Europe/London", "start": "08:00", "end": "20:00"}}}),
    ));
    let says: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.rule == "support.hours-uncovered")
        .map(|f| f.deal_says.as_str())
        .collect();
    assert_eq!(
        says,
        [
            "support 08:00–20:00 Europe/London; America/New_York: 15:00–18:00 local is uncovered Monday to Friday (15 h a week)",
            "support 08:00–20:00 Europe/London; Asia/Singapore: 09:00–16:00 local is uncovered Monday to Friday (35 h a week)",
        ]
    );
}

/// (rule, merged phrases, line, column) of each finding located in the paper.
fn located(report: &dealdraft::check::PaperReport) -> Vec<(String, Vec<String>, usize, usize)> {
    report
        .findings
        .iter()
        .filter_map(|f| {
            f.location
                .as_ref()
                .map(|l| (f.rule.clone(), f.also.clone(), l.line, l.column))
        })
        .collect()
}

fn paper_report(path: &std::path::Path) -> dealdraft::check::PaperReport {
    let terms = dealdraft::intake::Terms::load(&LIBRARY).unwrap();
    dealdraft::check::check_paper_file(path, &RULES, &terms, &LIBRARY).unwrap()
}

#[test]
fn vendor_paper_phrases_are_found_at_their_lines() {
    let path = root().join("examples/check/vendor-paper.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let report = paper_report(&path);
    let found = located(&report);
    let s = |x: &str| x.to_string();
    // A phrase in the sentence the terms say the same of is part of that rule's finding.
    for want in [
        // No uptime figure: the efforts are red-flag language, no rule on the terms.
        (s("paper.commercially-reasonable-efforts"), vec![], 5, 25),
        (s("paper.as-available"), vec![], 6, 65),
        (
            s("sla.credits-sole-remedy"),
            vec![s("paper.sole-remedy")],
            8,
            1,
        ),
        (s("paper.best-efforts"), vec![], 13, 29),
        (
            s("data.training-on-customer-data"),
            vec![s("paper.data-to-improve")],
            18,
            1,
        ),
        (s("paper.unlimited"), vec![], 22, 34),
        (
            s("commercial.price-changes-on-notice"),
            vec![s("paper.unilateral-changes")],
            27,
            1,
        ),
        (s("paper.auto-renewal"), vec![], 32, 20),
        (s("paper.aim-to"), vec![], 37, 5),
    ] {
        assert!(found.contains(&want), "{want:?} not in {found:#?}");
    }
    // Every phrase of the library is exercised by the example paper.
    let ids: BTreeSet<&str> = report
        .findings
        .iter()
        .flat_map(|f| std::iter::once(f.rule.as_str()).chain(f.also.iter().map(String::as_str)))
        .collect();
    for p in &RULES.phrases {
        assert!(ids.contains(p.id.as_str()), "{} is not exercised", p.id);
    }
    // Columns point at the phrase; a rule's finding at its sentence.
    for (rule, at) in [
        ("paper.best-efforts", "best efforts"),
        ("paper.unlimited", "unlimited"),
    ] {
        let f = found.iter().find(|f| f.0 == rule).unwrap();
        let line = text.lines().nth(f.2 - 1).unwrap();
        let col: String = line.chars().skip(f.3 - 1).collect();
        assert!(col.starts_with(at), "{col}");
    }
    for f in &report.findings {
        assert!(LIBRARY.clause(&f.clause).is_some(), "{}", f.clause);
    }
}

#[test]
fn cli_exit_codes_and_text_output() {
    // Clean: 0.
    let out = cmd()
        .current_dir(root())
        .args(["check", "examples/global-bank.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("examples/global-bank.json: 0 errors, 0 warnings, 0 info"),
        "{stdout}"
    );

    // Errors: 1, compiler-style blocks with file:line:column.
    let out = cmd()
        .current_dir(root())
        .args(["check", "examples/check/vendor-position.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            "error[sla.credit-cap-low]: Service-credit cap below 25% of monthly fees (SLA-3)\n  --> examples/check/vendor-position.json:29:23: sla.credit_cap_pct\n  = deal says: credits capped at 5% of monthly fees\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "--> examples/check/vendor-position.json: data.ai_assurance.ip_indemnity_uncapped (not set: playbook default)"
        ),
        "{stdout}"
    );

    // Bad input: 2, with the usual diagnostics.
    let dir = tempfile::tempdir().unwrap();
    let bad = write_deal(
        dir.path(),
        "bad.json",
        &json!({"schema_version": 1, "deal": {"id": "x"}, "sla": {"uptime_pct": 101}}),
    );
    let stderr = crate::common::exit_2(cmd().arg("check").arg(&bad));
    assert!(stderr.contains("sla.uptime_pct"), "{stderr}");
    let stderr = crate::common::exit_2(cmd().current_dir(root()).args([
        "check",
        "examples/global-bank.json",
        "--unit",
        "retial",
    ]));
    assert!(stderr.contains("did you mean \"retail\""), "{stderr}");
    crate::common::exit_2(cmd().arg("check"));
    crate::common::exit_2(cmd().current_dir(root()).args([
        "check",
        "examples/minimal.json",
        "--format",
        "xml",
    ]));
    std::fs::write(dir.path().join("paper.pdf"), b"%PDF").unwrap();
    let stderr = crate::common::exit_2(
        cmd()
            .arg("check")
            .arg("--paper")
            .arg(dir.path().join("paper.pdf")),
    );
    assert!(stderr.contains(".md, .txt or .docx"), "{stderr}");
}

#[test]
fn cli_units() {
    let out = cmd()
        .current_dir(root())
        .args([
            "check",
            "examples/global-bank.json",
            "--all-units",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let units: Vec<&Value> = v["deals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["unit"])
        .collect();
    assert_eq!(
        units,
        [
            &Value::Null,
            &json!("retail"),
            &json!("markets"),
            &json!("wealth")
        ]
    );
    let out = cmd()
        .current_dir(root())
        .args([
            "check",
            "examples/global-bank.json",
            "--unit",
            "markets",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["deals"].as_array().unwrap().len(), 1);
    assert_eq!(v["deals"][0]["unit"], "markets");
}

#[test]
fn paper_scan_from_the_command_line() {
    let out = cmd()
        .current_dir(root())
        .args(["check", "--paper", "examples/check/vendor-paper.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("error[paper.best-efforts]: Best-efforts language in place of a commitment (SLA-9)\n  --> examples/check/vendor-paper.md:13:29 (2 Support)\n  = paper says: \"best efforts\"\n"),
        "{stdout}"
    );
    // A paper with no term and no red flag has nothing to fail, and says it was not read.
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.txt");
    std::fs::write(&clean, "Welcome to our product pages.\n").unwrap();
    let out = cmd()
        .arg("check")
        .arg("--paper")
        .arg(&clean)
        .args(["--format", "md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.contains("**Not reviewed.** No term of the deal format could be read"),
        "{md}"
    );
    assert!(!md.contains("Ready to sign"), "{md}");
}

/// A small Word file: one paragraph per string, the first a heading.
fn docx(paragraphs: &[&str]) -> Vec<u8> {
    use std::io::Write;
    let mut body = String::new();
    for (i, p) in paragraphs.iter().enumerate() {
        let style = if i == 0 {
            "<w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>"
        } else {
            ""
        };
        // Two runs per paragraph: phrases cross run boundaries in real files.
        let (a, b) = p.split_at(p.len() / 2);
        body.push_str(&format!(
            "<w:p>{style}<w:r><w:t xml:space=\"preserve\">{a}</w:t></w:r><w:r><w:t xml:space=\"preserve\">{b}</w:t></w:r></w:p>"
        ));
    }
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    z.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    z.write_all(xml.as_bytes()).unwrap();
    z.finish().unwrap().into_inner()
}

#[test]
fn word_paper_is_scanned_paragraph_by_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vendor.docx");
    std::fs::write(
        &path,
        docx(&[
            "Service Terms",
            "Vendor will use commercially reasonable efforts to keep the Services up.",
            "Credits are Customer's sole and exclusive remedy.",
            "",
            "This Agreement automatically renews each year. Unlimited use is included.",
        ]),
    )
    .unwrap();
    let report = paper_report(&path);
    let found = located(&report);
    let s = |x: &str| x.to_string();
    for want in [
        (s("paper.commercially-reasonable-efforts"), vec![], 2, 17),
        (
            s("sla.credits-sole-remedy"),
            vec![s("paper.sole-remedy")],
            3,
            1,
        ),
        (s("paper.auto-renewal"), vec![], 5, 16),
        // The rule's field (rate limits) is silent: the finding stands at the phrase.
        (
            s("commercial.unlimited-without-limits"),
            vec![s("paper.unlimited")],
            5,
            48,
        ),
    ] {
        assert!(found.contains(&want), "{want:?} not in {found:#?}");
    }
    let out = cmd()
        .arg("check")
        .arg("--paper")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    // A file that is no Word file is bad input.
    std::fs::write(&path, b"not a zip").unwrap();
    let stderr = crate::common::exit_2(cmd().arg("check").arg("--paper").arg(&path));
    assert!(stderr.contains("not a Word (.docx) file"), "{stderr}");
}

fn json_report() -> Value {
    let out = cmd()
        .current_dir(root())
        .args([
            "check",
            "examples/check/vendor-position.json",
            "--paper",
            "examples/check/vendor-paper.md",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_json_report_follows_its_published_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("examples/schema/check.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut reports = vec![json_report()];
    for example in [
        "examples/global-bank.json",
        "examples/healthcare-azure.json",
    ] {
        let out = cmd()
            .current_dir(root())
            .args(["check", example, "--all-units", "--format", "json"])
            .output()
            .unwrap();
        reports.push(serde_json::from_slice(&out.stdout).unwrap());
    }
    for r in &reports {
        let errs: Vec<String> = validator
            .iter_errors(r)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errs.is_empty(), "{errs:#?}");
    }
}

#[test]
fn json_snapshot() {
    insta::assert_json_snapshot!(json_report());
}

#[test]
fn the_memo_reads_as_a_negotiation_memo() {
    let out = cmd()
        .current_dir(root())
        .args([
            "check",
            "examples/check/vendor-position.json",
            "--format",
            "md",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.starts_with("# Negotiation memo: Generative AI Platform Services with Example AI\n"),
        "{md}"
    );
    let verdict = md
        .split("## Verdict\n\n")
        .nth(1)
        .unwrap()
        .lines()
        .next()
        .unwrap();
    assert!(
        verdict.starts_with("**Do not sign as drafted.** 21 points fall below"),
        "{verdict}"
    );
    // Areas in order, each finding with what to ask for and the fallback.
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("### ")).collect();
    assert_eq!(
        headings,
        [
            "### Service levels",
            "### Support",
            "### Training and enablement",
            "### Data protection and AI use",
            "### Pilot, exit and transition",
            "### Commercial terms",
        ]
    );
    assert_eq!(
        md.matches("  - Ask for: ").count(),
        md.matches("  - Fallback: ").count()
    );
    // The three uncovered time zones are one entry.
    assert_eq!(
        md.matches("**Support hours leave the customer's business day uncovered**")
            .count(),
        1
    );
    assert!(md.contains("## Strongest points\n"), "{md}");
    // Markdown that pulldown-cmark reads back to the same words.
    let text = crate::common::markdown_text(&md);
    assert!(text.contains("America/Los_Angeles"), "{text}");

    // A clean deal: the verdict says so and lists its strengths.
    let out = cmd()
        .current_dir(root())
        .args(["check", "examples/global-bank.json", "--format", "md"])
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("**Ready to sign on these terms.**"), "{md}");
    assert!(
        md.contains(
            "- Data protection and AI use: No training on customer data, in writing (DAT-1)"
        ),
        "{md}"
    );
    assert!(!md.contains("## What to negotiate"), "{md}");

    // The vendor paper's memo: what to strike, with the playbook's answer and our clause.
    let out = cmd()
        .current_dir(root())
        .args([
            "check",
            "--paper",
            "examples/check/vendor-paper.md",
            "--format",
            "md",
        ])
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.starts_with("# Vendor paper review: examples/check/vendor-paper.md\n"),
        "{md}"
    );
    assert!(
        md.contains("## Verdict\n\n**Do not sign as drafted.**"),
        "{md}"
    );
    assert!(
        md.contains("- **Best-efforts language in place of a commitment** (error, SLA-9; line 13, column 29): \"best efforts\""),
        "{md}"
    );
    // Clause by clause, then what the paper is silent on, then what was not checked.
    let at = |h: &str| md.find(h).unwrap_or_else(|| panic!("{h}: {md}"));
    assert!(at("### 1 Availability") < at("### 2 Support"));
    assert!(at("## Clause by clause") < at("## What the paper is silent on"));
    assert!(at("## What the paper is silent on") < at("## What was not checked"));
    assert!(md.contains("This review is partial"), "{md}");
    assert!(
        md.contains("- **No termination right for chronic SLA failure** (error, SLA-4)"),
        "{md}"
    );
    assert!(!md.contains("Ready to sign"), "{md}");
}

#[test]
fn rules_are_tuned_and_extended_with_library() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(
        rules.join("ours.toml"),
        r#"
# Our legal team wants a cap of at least 40% and does not care about latency.
[[rule]]
id = "sla.credit-cap-low"
less_than = 40

[[rule]]
id = "sla.latency-missing"
severity = "off"

[[rule]]
id = "ours.named-support-engineer"
coverage = "SUP-5"
area = "support"
severity = "warning"
clause = "support.support_engineer"
title = "No named support engineer"
path = "support.named_support_engineer"
not_equals = true
ask = "A named support engineer."
fallback = "A named backup."
why = "Dedicated capacity needs a person."
"#,
    )
    .unwrap();
    let deal = write_deal(
        dir.path(),
        "deal.json",
        &patched(
            &example_json("healthcare-azure.json"),
            json!({"sla": {"credit_cap_pct": 30}}),
        ),
    );
    let out = cmd()
        .arg("check")
        .arg(&deal)
        .args(["--format", "json", "--library"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = v["deals"][0]["findings"].as_array().unwrap();
    let cap = findings
        .iter()
        .find(|f| f["rule"] == "sla.credit-cap-low")
        .expect("tuned rule fires");
    assert_eq!(cap["title"], "Service-credit cap below 40% of monthly fees");
    assert_eq!(
        cap["severity"], "error",
        "keys not set keep the built-in values"
    );
    assert!(!findings.iter().any(|f| f["rule"] == "sla.latency-missing"));
    assert!(
        findings
            .iter()
            .any(|f| f["rule"] == "ours.named-support-engineer")
    );
    // Without the overlay the built-in threshold (25%) passes a 30% cap.
    let out = cmd().arg("check").arg(&deal).output().unwrap();
    assert_eq!(out.status.code(), Some(0));

    // clauses --coverage names the new rule; switched-off ones drop out.
    let out = cmd()
        .args(["clauses", "--coverage", "--library"])
        .arg(dir.path())
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    let sup5 = table.lines().find(|l| l.starts_with("| SUP-5 |")).unwrap();
    assert!(sup5.ends_with("| ours.named-support-engineer |"), "{sup5}");
    let sla5 = table.lines().find(|l| l.starts_with("| SLA-5 |")).unwrap();
    assert!(sla5.ends_with("| - |"), "{sla5}");

    // A broken rules file: bad input, naming the file, the rule and what is wrong.
    std::fs::write(
        rules.join("broken.toml"),
        "[[rule]]\nid = \"sla.credit-cap-low\"\ngreater_than = 3\n\n[[rule]]\nid = \"ours.x\"\ncoverage = \"SLA-3\"\narea = \"sla\"\nseverity = \"fatal\"\nclause = \"sla.credit_cap\"\ntitle = \"x\"\npath = \"sla.credit_cap\"\nmising = true\nask = \"a\"\nfallback = \"b\"\nwhy = \"c\"\n",
    )
    .unwrap();
    let file = rules.join("broken.toml").display().to_string();
    // A file that is no TOML: its line and column.
    std::fs::write(rules.join("zz.toml"), "[[rule]]\nid = \"x\"\ntitle = \n").unwrap();
    let stderr = crate::common::exit_2(
        cmd()
            .arg("check")
            .arg(&deal)
            .arg("--library")
            .arg(dir.path()),
    );
    let zz = rules.join("zz.toml").display().to_string();
    assert!(stderr.contains(&format!("error: {zz}:3:")), "{stderr}");
    assert!(stderr.contains("invalid TOML"), "{stderr}");
    std::fs::remove_file(rules.join("zz.toml")).unwrap();
    let stderr = crate::common::exit_2(
        cmd()
            .arg("check")
            .arg(&deal)
            .arg("--library")
            .arg(dir.path()),
    );
    for want in [
        // Merged from two files (a comparison in each): reported at the last one.
        "rule \"sla.credit-cap-low\": needs exactly one comparison".to_string(),
        format!("error: {file}: rule \"ours.x\": unknown key `mising`"),
        "did you mean `missing`?".to_string(),
        format!("error: {file}: rule \"ours.x\": `severity` = \"fatal\" is not allowed"),
        "`sla` has no field \"credit_cap\" (did you mean \"credit_cap_pct\"?)".to_string(),
    ] {
        assert!(stderr.contains(&want), "{want}\n---\n{stderr}");
    }
}

#[test]
fn the_coverage_listing_names_the_rules() {
    let out = cmd().args(["clauses", "--coverage"]).output().unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    let sup3 = table.lines().find(|l| l.starts_with("| SUP-3 |")).unwrap();
    assert!(sup3.contains("support.hours-uncovered"), "{sup3}");
    let sla9 = table.lines().find(|l| l.starts_with("| SLA-9 |")).unwrap();
    assert!(
        sla9.contains("sla.best-efforts-language") && sla9.contains("paper.best-efforts"),
        "{sla9}"
    );
}

/// Deal values in the memo are data: a title with a line break cannot open a list item or
/// a heading, and Markdown syntax in a name is literal (parsed back, the memo's text holds
/// the value as written, on one line).
#[test]
fn the_memo_keeps_hostile_values_literal() {
    let hostile = "Acme\n- injected item\n# Injected heading *bold* [link](http://x)";
    let json = patched(
        &example_json("global-bank.json"),
        json!({"deal": {"title": hostile, "vendor": {"short_name": "Vendor | Ltd `x` <b>"}}}),
    );
    let dir = tempfile::tempdir().unwrap();
    let deal = write_deal(dir.path(), "deal.json", &json);
    let out = crate::common::cmd()
        .args(["check", "--format", "md"])
        .arg(&deal)
        .output()
        .unwrap();
    let memo = String::from_utf8_lossy(&out.stdout).into_owned();
    use pulldown_cmark::{Event, Parser, Tag};
    let mut items = 0;
    let mut headings = 0;
    for e in Parser::new(&memo) {
        match e {
            Event::Start(Tag::Item) => items += 1,
            Event::Start(Tag::Heading { .. }) => headings += 1,
            _ => {}
        }
    }
    let text = crate::common::markdown_text(&memo);
    assert!(
        text.contains("Acme - injected item # Injected heading *bold* [link](http://x)"),
        "{text}"
    );
    assert!(text.contains("Vendor | Ltd `x` <b>"), "{text}");
    // The same memo with a plain title has the same lists and headings.
    let plain = patched(
        &example_json("global-bank.json"),
        json!({"deal": {"title": "Acme"}}),
    );
    let deal = write_deal(dir.path(), "plain.json", &plain);
    let out = crate::common::cmd()
        .args(["check", "--format", "md"])
        .arg(&deal)
        .output()
        .unwrap();
    let plain_memo = String::from_utf8_lossy(&out.stdout).into_owned();
    let (mut pi, mut ph) = (0, 0);
    for e in Parser::new(&plain_memo) {
        match e {
            Event::Start(Tag::Item) => pi += 1,
            Event::Start(Tag::Heading { .. }) => ph += 1,
            _ => {}
        }
    }
    assert_eq!((items, headings), (pi, ph));
}

/// Blanks count everywhere (issue 28): the text summary counts and lists them, the JSON
/// carries them, and the memo never says "Ready to sign" while a position is blank.
#[test]
fn blanks_are_counted_and_a_deal_with_blanks_is_not_ready_to_sign() {
    let minimal = root().join("examples/minimal.json");
    let text = cmd().arg("check").arg(&minimal).output().unwrap();
    assert_eq!(text.status.code(), Some(0), "blanks are not findings");
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    assert!(
        text.contains(
            "blank: `deal.vendor.legal_name` is not set: the draft shows a blank [●] 8 times"
        ),
        "{text}"
    );
    let summary = text
        .lines()
        .find(|l| l.contains("minimal.json: "))
        .unwrap_or_else(|| panic!("no summary line: {text}"));
    assert!(
        summary.contains(": 0 errors, 0 warnings, 0 info, 14 blank positions; "),
        "{summary}"
    );
    let json: Value = serde_json::from_slice(
        &cmd()
            .args(["check", "--format", "json"])
            .arg(&minimal)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let blanks = json["deals"][0]["blanks"].as_array().unwrap();
    assert!(
        blanks
            .iter()
            .any(|b| b["field"] == "deal.effective_date" && b["times"].as_u64() > Some(1)),
        "{blanks:?}"
    );
    let memo = String::from_utf8_lossy(
        &cmd()
            .args(["check", "--format", "md"])
            .arg(&minimal)
            .output()
            .unwrap()
            .stdout,
    )
    .into_owned();
    assert!(!memo.contains("Ready to sign"), "{memo}");
    assert!(memo.contains("**Not ready to sign: "), "{memo}");
    // The full example has none, and is ready.
    let bank = String::from_utf8_lossy(
        &cmd()
            .args(["check", "--format", "md"])
            .arg(root().join("examples/global-bank.json"))
            .output()
            .unwrap()
            .stdout,
    )
    .into_owned();
    assert!(!bank.contains("still blank"), "{bank}");
}

/// The memo as a Word file and a PDF: the same document through `render`'s writers, written
/// only to a file (`--out FILE` or a folder), refused on standard output before any work.
#[test]
fn the_memo_is_written_as_word_and_pdf_to_a_file_only() {
    for format in ["docx", "pdf"] {
        let stderr = crate::common::exit_2(cmd().current_dir(root()).args([
            "check",
            "examples/check/vendor-position.json",
            "--format",
            format,
        ]));
        assert!(
            stderr.contains("not written to standard output") && stderr.contains("--out"),
            "{stderr}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let folder = format!("{}/", dir.path().join("memos").display());
    let out = cmd()
        .current_dir(root())
        .args([
            "check",
            "examples/check/vendor-position.json",
            "--format",
            "docx",
            "--out",
        ])
        .arg(&folder)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "errors found: exit 1 as on stdout"
    );
    let path = dir.path().join("memos/memo.docx");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        path.display().to_string()
    );
    let docx = std::fs::read(&path).unwrap();
    let paper = dealdraft::paper::Paper::docx("memo.docx", &docx).unwrap();
    let text =
        |p: &dealdraft::paper::Paragraph| p.text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Headings as written: Word numbers none of them.
    let verdict = paper
        .paragraphs
        .iter()
        .position(|p| text(p) == "Verdict")
        .unwrap_or_else(|| panic!("no Verdict heading"));
    assert!(paper.paragraphs[verdict].heading.is_some());
    let xml = {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
        let mut s = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    let headings = xml.matches(r#"<w:pStyle w:val="Heading"#).count();
    assert!(headings >= 8, "{headings} headings");
    assert_eq!(
        xml.matches(r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>"#)
            .count(),
        headings,
        "every heading of the memo leaves Word's heading numbering"
    );
    // The verdict reads as the Markdown memo's, and the findings' details are list items.
    let md = String::from_utf8(
        cmd()
            .current_dir(root())
            .args([
                "check",
                "examples/check/vendor-position.json",
                "--format",
                "md",
            ])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    // The Markdown's text as a reader sees it, code spans included.
    let mut md_text = String::new();
    for e in pulldown_cmark::Parser::new(&md) {
        match e {
            pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) => md_text.push_str(&t),
            pulldown_cmark::Event::End(_) => md_text.push(' '),
            _ => {}
        }
    }
    let md_text = md_text.split_whitespace().collect::<Vec<_>>().join(" ");
    let word_verdict = text(&paper.paragraphs[verdict + 1]);
    assert!(word_verdict.starts_with("Do not sign as drafted. 21 points fall below"));
    assert!(
        md_text.contains(&format!("Verdict {word_verdict} What to negotiate")),
        "{word_verdict}\n{md_text}"
    );
    let asks = paper
        .paragraphs
        .iter()
        .filter(|p| p.list && text(p).starts_with("Ask for: "))
        .count();
    assert_eq!(asks, md.matches("  - Ask for: ").count());
    assert!(asks > 0);

    // The PDF, to a file named as given.
    let pdf = dir.path().join("memo-of-the-bank.pdf");
    let out = cmd()
        .current_dir(root())
        .args([
            "check",
            "examples/global-bank.json",
            "--format",
            "pdf",
            "--out",
        ])
        .arg(&pdf)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    if let Some(text) = crate::pdf::pdftotext(&pdf) {
        assert!(text.contains("Negotiation memo"), "{text}");
        assert!(text.contains("Ready to sign on these terms."), "{text}");
        assert!(text.contains("Strongest points"), "{text}");
        // Headings as written: "Verdict", not "1. Verdict".
        assert!(text.lines().any(|l| l.trim() == "Verdict"), "{text}");
    }
}
