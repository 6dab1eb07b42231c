//! One failing deal per validation rule of `deal-format.md`: exit code 2, the field's path
//! and the message.

use serde_json::{Value, json};

use crate::common::{cmd, example_json, exit_2, patched, write_deal};

/// One bad deal: the patch to the bank example, and what `validate` says where.
pub(crate) struct Case {
    pub(crate) name: &'static str,
    pub(crate) patch: Value,
    pub(crate) path: &'static str,
    pub(crate) message: &'static str,
}

/// The bad-input corpus (`schema_rules` also holds the published schema to it).
pub(crate) fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "uptime_at_100",
            patch: json!({"sla": {"uptime_pct": 100}}),
            path: "sla.uptime_pct",
            message: "100 is out of range",
        },
        Case {
            name: "uptime_at_90",
            patch: json!({"sla": {"uptime_pct": 90, "credit_tiers": [{"below_pct": 90, "credit_pct": 10}]}}),
            path: "sla.uptime_pct",
            message: "90 is out of range",
        },
        Case {
            name: "percentage_over_100",
            patch: json!({"sla": {"credit_tiers": [{"below_pct": 99.9, "credit_pct": 150}]}}),
            path: "sla.credit_tiers[0].credit_pct",
            message: "150 is not a valid percentage",
        },
        Case {
            name: "thresholds_not_falling",
            patch: json!({"sla": {"credit_tiers": [{"below_pct": 99, "credit_pct": 10}, {"below_pct": 99.5, "credit_pct": 25}]}}),
            path: "sla.credit_tiers[1].below_pct",
            message: "thresholds must fall from tier to tier (99.5 after 99)",
        },
        Case {
            name: "credits_not_rising",
            patch: json!({"sla": {"credit_tiers": [{"below_pct": 99.9, "credit_pct": 25}, {"below_pct": 99, "credit_pct": 10}]}}),
            path: "sla.credit_tiers[1].credit_pct",
            message: "credits must rise from tier to tier (10 after 25)",
        },
        Case {
            name: "first_threshold_above_uptime",
            patch: json!({"sla": {"uptime_pct": 99.5}}),
            path: "sla.credit_tiers[0].below_pct",
            message: "the first threshold (99.9) is above the uptime commitment (99.5)",
        },
        Case {
            name: "cap_below_first_credit",
            patch: json!({"sla": {"credit_cap_pct": 5}}),
            path: "sla.credit_cap_pct",
            message: "the cap (5) is below the first tier's credit (10)",
        },
        Case {
            name: "count_zero",
            patch: json!({"training": {"sessions": [{"kind": "end_user", "title": "T", "count": 0, "format": "virtual", "audience": "all", "hours_each": 1, "due": {"within_days": 30}}]}}),
            path: "training.sessions[0].count",
            message: "must be at least 1",
        },
        Case {
            name: "days_zero",
            patch: json!({"sla": {"rca_days": 0}}),
            path: "sla.rca_days",
            message: "must be more than 0 days",
        },
        Case {
            name: "minutes_zero",
            patch: json!({"sla": {"incident_notice_minutes": 0}}),
            path: "sla.incident_notice_minutes",
            message: "must be more than 0 minutes",
        },
        Case {
            name: "hours_zero",
            patch: json!({"data": {"breach_notice_hours": 0}}),
            path: "data.breach_notice_hours",
            message: "must be more than 0 hours",
        },
        Case {
            name: "severity_levels_unique",
            patch: json!({"support": {"severities": [
            {"level": "P1", "definition": "Down", "response_minutes": 60},
            {"level": "P1", "definition": "Also down", "response_minutes": 60}]}}),
            path: "support.severities[1].level",
            message: "P1 is already defined at severities[0]",
        },
        Case {
            name: "response_times_falling",
            patch: json!({"support": {"severities": [
            {"level": "P1", "definition": "Down", "response_minutes": 240},
            {"level": "P2", "definition": "Degraded", "response_minutes": 60}]}}),
            path: "support.severities[1].response_minutes",
            message: "P2 would be answered faster (60 min) than P1 (240 min)",
        },
        Case {
            name: "chronic_breaches_over_window",
            patch: json!({"sla": {"chronic_failure": {"breaches": 7, "window_months": 6}}}),
            path: "sla.chronic_failure.breaches",
            message: "7 breaches cannot happen within 6 months",
        },
        Case {
            name: "pilot_not_shorter_than_term",
            patch: json!({"deal": {"term_months": 3}, "exit": {"pilot": {"days": 120, "opt_out": true, "full_support": true}}}),
            path: "exit.pilot.days",
            message: "a 120-day pilot is not shorter than the term",
        },
        Case {
            name: "training_due_outside_term",
            patch: json!({"training": {"sessions": [{"kind": "end_user", "title": "T", "count": 1, "format": "virtual", "audience": "all", "hours_each": 1, "due": {"by": "2031-01-01"}}]}}),
            path: "training.sessions[0].due.by",
            message: "2031-01-01 is outside the term (2027-01-01 to 2029-12-31)",
        },
        Case {
            name: "business_unit_ids_unique",
            patch: json!({"business_units": [{"id": "retail", "name": "A"}, {"id": "retail", "name": "B"}]}),
            path: "business_units[1].id",
            message: "\"retail\" is used by an earlier business unit",
        },
        Case {
            name: "business_unit_id_slug",
            patch: json!({"business_units": [{"id": "../Retail", "name": "A"}]}),
            path: "business_units[0].id",
            message: "\"../Retail\" is not a slug",
        },
        Case {
            name: "business_unit_override_invalid",
            patch: json!({"business_units": [{"id": "emea", "name": "EMEA", "overrides": {"sla": {"uptime_pct": 101}}}]}),
            path: "business_units[0].overrides.sla.uptime_pct",
            message: "business unit \"emea\": 101 is out of range",
        },
        Case {
            name: "business_unit_override_unknown_field",
            patch: json!({"business_units": [{"id": "emea", "name": "EMEA", "overrides": {"sla": {"uptime": 99}}}]}),
            path: "business_units[0].overrides.sla.uptime",
            message: "business unit \"emea\": unknown field `uptime`",
        },
        Case {
            name: "date_not_real",
            patch: json!({"deal": {"effective_date": "2027-02-30"}}),
            path: "deal.effective_date",
            message: "\"2027-02-30\" is not a real date",
        },
        Case {
            name: "timezone_not_iana",
            patch: json!({"deal": {"customer": {"timezones": ["Europe/Londn"]}}}),
            path: "deal.customer.timezones[0]",
            message: "\"Europe/Londn\" is not an IANA time zone",
        },
        Case {
            name: "currency_not_iso",
            patch: json!({"deal": {"annual_commitment": {"amount": 1, "currency": "USX"}}}),
            path: "deal.annual_commitment.currency",
            message: "\"USX\" is not an ISO 4217 currency code",
        },
        Case {
            name: "deal_id_not_slug",
            patch: json!({"deal": {"id": "Northwind Bank"}}),
            path: "deal.id",
            message: "\"Northwind Bank\" is not a slug",
        },
        Case {
            name: "unknown_field",
            patch: json!({"sla": {"uptime_pc": 99.9}}),
            path: "sla.uptime_pc",
            message: "unknown field `uptime_pc`\n  help: did you mean `uptime_pct`?",
        },
        Case {
            name: "wrong_type",
            patch: json!({"sla": {"rca_days": "five"}}),
            path: "sla.rca_days",
            message: "expected a whole number, found a string \"five\"",
        },
        Case {
            name: "enum_value",
            patch: json!({"support": {"coverage": "24/7"}}),
            path: "support.coverage",
            message: "\"24/7\" is not allowed\n  help: did you mean \"24x7\"? allowed: \"24x7\", \"follow_the_sun\", \"business_hours\"",
        },
        Case {
            name: "paper_size",
            patch: json!({"deal": {"paper": "a5"}}),
            path: "deal.paper",
            message: "\"a5\" is not allowed\n  help: allowed: \"a4\", \"letter\"",
        },
        Case {
            name: "position_unknown_clause",
            patch: json!({"positions": {"sla.credits": "fallback"}}),
            path: "positions.sla.credits",
            message: "no clause has the id \"sla.credits\"",
        },
        Case {
            name: "business_hours_missing",
            patch: json!({"support": {"coverage": "business_hours"}}),
            path: "support.business_hours",
            message: "is required when `coverage` is \"business_hours\"",
        },
    ]
}

#[test]
fn every_rule_fails_with_its_path_and_message() {
    let dir = tempfile::tempdir().unwrap();
    let base = example_json("global-bank.json");
    for case in cases() {
        let deal = patched(&base, case.patch.clone());
        let path = write_deal(dir.path(), &format!("{}.json", case.name), &deal);
        let out = cmd().arg("validate").arg(&path).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{}: exit code\n{stderr}",
            case.name
        );
        let expected = format!("{}: {}", case.path, case.message);
        assert!(
            stderr.contains(&expected),
            "{}: expected\n  {expected}\nin\n{stderr}",
            case.name
        );
        // Every error line names the file with a line and column.
        assert!(
            stderr.contains(&format!("{}.json:", case.name)),
            "{}: no file location in\n{stderr}",
            case.name
        );
    }
}

#[test]
fn syntax_errors_point_at_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("broken.json");
    std::fs::write(
        &p,
        "{\n  \"schema_version\": 1,\n  \"deal\": {\"id\": \"x\",}\n}\n",
    )
    .unwrap();
    let stderr = exit_2(cmd().arg("validate").arg(&p));
    assert!(
        stderr.contains("broken.json:3:22: invalid JSON: trailing comma"),
        "{stderr}"
    );
}

#[test]
fn other_schema_versions_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = write_deal(
        dir.path(),
        "v2.json",
        &json!({"schema_version": 2, "deal": {"id": "x"}}),
    );
    let stderr = exit_2(cmd().arg("validate").arg(&p));
    assert!(stderr.contains("schema_version: schema_version 2 is not supported\n  help: this dealdraft reads schema_version 1"), "{stderr}");
}

#[test]
fn all_problems_are_reported_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let deal = patched(
        &example_json("global-bank.json"),
        json!({"deal": {"stance": "prefered", "effective_date": "2027-13-01"}, "sla": {"uptime_pc": 1, "rca_days": 0}}),
    );
    let p = write_deal(dir.path(), "many.json", &deal);
    let stderr = exit_2(cmd().arg("validate").arg(&p));
    for needle in [
        "deal.stance: \"prefered\" is not allowed",
        "deal.effective_date: \"2027-13-01\" is not a real date",
        "sla.uptime_pc: unknown field",
        "sla.rca_days: must be more than 0 days",
        "4 errors",
    ] {
        assert!(stderr.contains(needle), "missing {needle:?} in\n{stderr}");
    }
}

#[test]
fn a_bad_default_says_it_came_from_the_playbook() {
    let dir = tempfile::tempdir().unwrap();
    // The preferred default tiers start below 99.9: with a 99.5 commitment they do not fit.
    let deal = json!({"schema_version": 1, "deal": {"id": "x"}, "sla": {"uptime_pct": 99.5}});
    let p = write_deal(dir.path(), "d.json", &deal);
    let out = cmd().arg("validate").arg(&p).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("sla.credit_tiers[0].below_pct") && stderr.contains("playbook default"),
        "{stderr}"
    );
}
