//! The published schema (`examples/schema/deal.schema.json`) says what `dealdraft validate`
//! says about single fields, checked through a second implementation (the `jsonschema`
//! crate, and Python's `jsonschema` where installed): every single-field case of the
//! bad-input corpus is refused at its field, every cross-field case is accepted (those are
//! `validate`'s alone), and so is every example and every `dealdraft init`. (That the file
//! is `dealdraft schema`'s output is `cli::the_published_schema_is_current...`.)

use std::process::Command;

use dealdraft::diagnostics::JsonPath;
use jsonschema::error::ValidationErrorKind;
use serde_json::{Value, json};

use crate::common::{cmd, example_json, examples, patched, root};
use crate::validation::cases;

/// The corpus cases the schema cannot see, and why.
const VALIDATE_ONLY: &[(&str, &str)] = &[
    ("thresholds_not_falling", "relates tiers"),
    ("credits_not_rising", "relates tiers"),
    (
        "first_threshold_above_uptime",
        "relates a tier to uptime_pct",
    ),
    ("cap_below_first_credit", "relates the cap to a tier"),
    ("severity_levels_unique", "relates severities"),
    ("response_times_falling", "relates severities"),
    (
        "chronic_breaches_over_window",
        "relates breaches to window_months",
    ),
    (
        "pilot_not_shorter_than_term",
        "relates the pilot to the term",
    ),
    ("training_due_outside_term", "relates the date to the term"),
    ("business_unit_ids_unique", "relates units"),
    (
        "business_unit_override_invalid",
        "inside a merge patch, which may be partial",
    ),
    (
        "business_unit_override_unknown_field",
        "inside a merge patch, which may be partial",
    ),
    (
        "timezone_not_iana",
        "the time zone database is the machine's",
    ),
    ("position_unknown_clause", "clause ids are the library's"),
    (
        "business_hours_missing",
        "relates business_hours to coverage",
    ),
];

fn published() -> Value {
    let text = std::fs::read_to_string(root().join("examples/schema/deal.schema.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The published schema's validator, formats (`date`) asserted too.
fn validator() -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&published())
        .unwrap()
}

/// Every place the validator finds a problem, looking inside `anyOf`/`oneOf` (an optional
/// value is `anyOf` of its type and null) and naming each unknown field.
fn problem_paths(validator: &jsonschema::Validator, deal: &Value) -> Vec<String> {
    fn walk(e: &jsonschema::ValidationError<'_>, out: &mut Vec<String>) {
        let at = JsonPath::from_pointer(e.instance_path().as_str());
        match e.kind() {
            ValidationErrorKind::AnyOf { context }
            | ValidationErrorKind::OneOfNotValid { context } => {
                out.push(at.to_string());
                for e in context.iter().flatten() {
                    walk(e, out);
                }
            }
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                out.extend(unexpected.iter().map(|k| at.key(k).to_string()));
            }
            _ => out.push(at.to_string()),
        }
    }
    let mut out = Vec::new();
    for e in validator.iter_errors(deal) {
        walk(&e, &mut out);
    }
    out
}

#[test]
fn every_single_field_case_is_refused_by_the_published_schema_at_its_field() {
    let v = validator();
    let base = example_json("global-bank.json");
    let mut checked = 0;
    for case in cases() {
        if VALIDATE_ONLY.iter().any(|(n, _)| *n == case.name) {
            continue;
        }
        let deal = patched(&base, case.patch.clone());
        let paths = problem_paths(&v, &deal);
        assert!(
            paths.iter().any(|p| p == case.path),
            "{}: the published schema should refuse {} (validate: {}); it reports {paths:?}",
            case.name,
            case.path,
            case.message
        );
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} single-field cases");
}

#[test]
fn cross_field_cases_are_left_to_validate() {
    let v = validator();
    let base = example_json("global-bank.json");
    let all = cases();
    for (name, why) in VALIDATE_ONLY {
        let case = all
            .iter()
            .find(|c| c.name == *name)
            .unwrap_or_else(|| panic!("no case {name} in validation::cases()"));
        let deal = patched(&base, case.patch.clone());
        let paths = problem_paths(&v, &deal);
        assert!(
            paths.is_empty(),
            "{name} ({why}) is validate's to report, but the schema says {paths:?}"
        );
    }
}

/// A deal the published schema must accept.
fn assert_accepted(v: &jsonschema::Validator, deal: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(deal)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:?}");
}

#[test]
fn every_example_and_every_init_is_accepted() {
    let v = validator();
    for p in examples() {
        let deal: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        assert_accepted(&v, &deal, &p.display().to_string());
    }
    for stance in ["preferred", "fallback"] {
        let o = cmd()
            .args(["init", "-", "--id", "acme-ai-2027", "--stance", stance])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0));
        let deal: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_accepted(&v, &deal, &format!("init --stance {stance}"));
    }
}

#[test]
fn the_issue_s_examples_are_refused() {
    // What an editor accepted before the schema carried the rules.
    let v = validator();
    let base = example_json("global-bank.json");
    for (patch, path) in [
        (json!({"sla": {"uptime_pct": 100.5}}), "sla.uptime_pct"),
        (json!({"schema_version": 2}), "schema_version"),
        (
            json!({"deal": {"annual_commitment": {"amount": 1, "currency": "EURO"}}}),
            "deal.annual_commitment.currency",
        ),
        (
            json!({"deal": {"effective_date": "2027-02-30"}}),
            "deal.effective_date",
        ),
        (
            json!({"business_units": [{"id": "../../evil", "name": "Evil"}]}),
            "business_units[0].id",
        ),
        (
            json!({"support": {"business_hours": {"timezone": "Europe/London", "start": "9:00", "end": "17:00"}}}),
            "support.business_hours.start",
        ),
        (json!({"deal": {"title": " "}}), "deal.title"),
        (json!({"deal": {"services": []}}), "deal.services"),
        (
            json!({"sla": {"exclusions": ["force_majeure", "force_majeure"]}}),
            "sla.exclusions",
        ),
        (
            json!({"training": {"sessions": [{"kind": "end_user", "title": "T", "count": 1, "format": "virtual", "audience": "all", "hours_each": 1, "due": {"within_days": 30, "by": "2027-05-01"}}]}}),
            "training.sessions[0].due",
        ),
    ] {
        let deal = patched(&base, patch);
        let paths = problem_paths(&v, &deal);
        assert!(paths.iter().any(|p| p == path), "{path}: {paths:?}");
    }
}

#[test]
fn every_field_has_a_one_line_description() {
    fn walk(node: &Value, at: &str, out: &mut Vec<String>) {
        if let Some(props) = node.get("properties").and_then(Value::as_object) {
            for (k, p) in props {
                let here = format!("{at}.{k}");
                match p.get("description").and_then(Value::as_str) {
                    None => out.push(format!("{here}: no description")),
                    Some(d) if d.contains('\n') => out.push(format!("{here}: several lines")),
                    Some(_) => {}
                }
            }
        }
    }
    let schema = published();
    let mut out = Vec::new();
    walk(&schema, "", &mut out);
    for (name, def) in schema["$defs"].as_object().unwrap() {
        walk(def, name, &mut out);
    }
    assert!(out.is_empty(), "{out:#?}");
}

/// Python's `jsonschema` (the validator the issue was found with), where installed: the
/// same verdict on every case of the corpus, every example and both inits.
#[test]
fn python_jsonschema_agrees_where_installed() {
    let probe = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        crate::common::tool_missing(
            "python3 with the jsonschema module is not installed; \
             `pip install jsonschema` to check the published schema with a third implementation",
        );
        return;
    }
    let base = example_json("global-bank.json");
    let mut deals = Vec::new();
    for case in cases() {
        let valid = VALIDATE_ONLY.iter().any(|(n, _)| *n == case.name);
        deals.push(json!({"name": case.name, "deal": patched(&base, case.patch), "valid": valid}));
    }
    for p in examples() {
        let deal: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        deals.push(json!({"name": p.display().to_string(), "deal": deal, "valid": true}));
    }
    for stance in ["preferred", "fallback"] {
        let o = cmd()
            .args(["init", "-", "--stance", stance])
            .output()
            .unwrap();
        let deal: Value = serde_json::from_slice(&o.stdout).unwrap();
        deals.push(json!({"name": format!("init {stance}"), "deal": deal, "valid": true}));
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("deals.json");
    std::fs::write(&input, serde_json::to_vec(&deals).unwrap()).unwrap();
    let script = r#"
import json, sys
from jsonschema import Draft202012Validator as V
schema = json.load(open(sys.argv[1]))
V.check_schema(schema)
v = V(schema, format_checker=V.FORMAT_CHECKER)
for d in json.load(open(sys.argv[2])):
    errors = list(v.iter_errors(d["deal"]))
    if (not errors) != d["valid"]:
        print(d["name"], "valid" if not errors else [e.message[:120] for e in errors])
"#;
    let o = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(root().join("examples/schema/deal.schema.json"))
        .arg(&input)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success() && stdout.trim().is_empty(),
        "Python's jsonschema disagrees:\n{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
