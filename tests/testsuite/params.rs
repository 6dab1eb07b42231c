//! Clause parameters (issue 12): every parameter of the library renders in words and
//! figures, defaults follow the clause's position, bad values are refused with
//! file:line:column, the published schema is generated from the library; and the drafting
//! defects of the issue, each pinned.

use std::collections::{BTreeMap, BTreeSet};

use dealdraft::deal::model::Stance;
use dealdraft::deal::params::ParamType;
use dealdraft::wording as words;
use serde_json::{Value, json};

use crate::common::{
    LIBRARY, cmd, example_json, exit_2, markdown_text, patched, render_md, resolve, root,
    write_deal,
};

/// A value for a parameter that no default and no other parameter uses, and how the
/// draft prints it.
fn odd_value(kind: ParamType, i: u64) -> (Value, String) {
    // 301, 302...: never a default, never a multiple of 60 (minutes print as hours).
    let n = 301 + 2 * i;
    match kind {
        ParamType::Days => (json!(n), words::count(n, "day", "days")),
        ParamType::BusinessDays => (json!(n), words::count(n, "business day", "business days")),
        ParamType::Months => (json!(n), words::count(n, "month", "months")),
        ParamType::Minutes => (json!(n), words::duration_minutes(n)),
        ParamType::Seconds => (json!(n), words::count(n, "second", "seconds")),
        ParamType::Hours => (json!(n), words::hours(n as f64)),
        ParamType::Multiple => (json!(n), words::words_and_digits(n)),
        ParamType::Percent => (json!(37 + i % 50), words::percent((37 + i % 50) as f64)),
        ParamType::Time => {
            let t = format!("05:{:02}", 7 + i % 50);
            (json!(t), t)
        }
        ParamType::Weekdays => (
            json!(["tue", "thu"]),
            words::weekdays(&["tue", "thu"], false).unwrap(),
        ),
        ParamType::Money => (
            json!({"amount": 4321 + i, "currency": "EUR"}),
            words::money((4321 + i) as f64, "EUR"),
        ),
    }
}

/// Deals that between them reach every conditional text of the library.
fn variants() -> Vec<Value> {
    let bank = example_json("global-bank.json");
    let azure = example_json("healthcare-azure.json");
    let minimal = example_json("minimal.json");
    let mut out = Vec::new();
    for base in [&bank, &azure, &minimal] {
        for stance in ["preferred", "fallback"] {
            let b = patched(base, json!({"deal": {"stance": stance}}));
            out.push(b.clone());
            // Weekly reports, no kickoff (liaisons named by a date), a recorded session,
            // training materials without sessions, a P1 line without P1 severities,
            // content flagged for review, consent to model training.
            out.push(patched(
                &b,
                json!({
                    "sla": {"status_reports": "weekly", "status_dashboard": true},
                    "onboarding": {"kickoff_within_days": null},
                    "data": {"zero_data_retention": true, "retention_days": null,
                             "training_on_customer_data": true},
                    "governance": {"named_liaisons": true, "feedback_channel": true},
                }),
            ));
            out.push(patched(
                &b,
                json!({
                    "training": {"sessions": null, "materials": true},
                    "support": {"p1_phone_24x7": true, "coverage": "business_hours",
                                "business_hours": {"timezone": "Europe/London", "start": "09:00", "end": "17:00"},
                                "severities": [{"level": "P2", "response_minutes": 240}]},
                }),
            ));
            out.push(patched(
                &b,
                json!({"training": {"sessions": [{"kind": "end_user", "title": "Recorded basics",
                    "count": 1, "format": "recorded", "audience": "all staff", "hours_each": 1,
                    "due": {"within_days": 30}, "topics": []}]},
                    "commercial": {"model_swap": true}}),
            ));
        }
    }
    // A financial customer's breach notice period longer than any initial-notice period,
    // so that the initial notice prints.
    out.push(patched(
        &bank,
        json!({"data": {"breach_notice_hours": 999}}),
    ));
    // The same for a customer with special-category data that is not a financial customer.
    out.push(patched(
        &azure,
        json!({"data": {"breach_notice_hours": 999}}),
    ));
    // A quarterly maintenance limit, so that short-notice security maintenance's own monthly
    // limit is not capped by a lower monthly one.
    out.push(patched(
        &azure,
        json!({"deal": {"stance": "preferred"},
               "sla": {"maintenance": {"max_hours_per_month": null, "max_hours_per_quarter": 12}}}),
    ));
    out
}

/// Every declared parameter, with a distinct value and its words.
fn odd_params() -> (Value, BTreeMap<(String, String), String>) {
    let mut params = serde_json::Map::new();
    let mut expect = BTreeMap::new();
    let mut i = 0;
    for (id, declared) in LIBRARY.params() {
        let mut m = serde_json::Map::new();
        for (name, decl) in declared {
            let (v, text) = odd_value(decl.kind, i);
            i += 1;
            m.insert(name.clone(), v);
            expect.insert((id.clone(), name), text);
        }
        params.insert(id, Value::Object(m));
    }
    (Value::Object(params), expect)
}

#[test]
fn every_parameter_of_the_library_renders_in_words_and_figures() {
    let (params, expect) = odd_params();
    assert!(expect.len() >= 40, "{} parameters", expect.len());
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    for deal in variants() {
        let deal = patched(&deal, json!({"params": params.clone()}));
        let md = render_md(&deal, "sow").unwrap_or_else(|e| panic!("{e}"));
        let text = markdown_text(&md).replace('\n', " ");
        for (key, words) in &expect {
            if text.contains(words.as_str()) {
                seen.insert(key.clone());
            }
        }
    }
    let missing: Vec<_> = expect
        .iter()
        .filter(|(k, _)| !seen.contains(*k))
        .map(|((id, name), w)| format!("{id}.{name} ({w})"))
        .collect();
    assert!(missing.is_empty(), "never printed: {missing:#?}");
}

#[test]
fn the_examples_read_the_same_with_every_default_spelled_out() {
    // A deal that sets each parameter to its default for the clause's position prints
    // exactly what the deal without `params` prints.
    for name in ["global-bank.json", "healthcare-azure.json", "minimal.json"] {
        let base = example_json(name);
        let resolved = resolve(&base).unwrap();
        let mut params = serde_json::Map::new();
        for (id, declared) in LIBRARY.params() {
            let pos = resolved.position(&id);
            let m: serde_json::Map<String, Value> = declared
                .iter()
                .map(|(n, d)| (n.clone(), d.default_for(pos)))
                .collect();
            params.insert(id, Value::Object(m));
        }
        let spelled = patched(&base, json!({"params": params}));
        assert_eq!(
            render_md(&base, "sow").unwrap(),
            render_md(&spelled, "sow").unwrap(),
            "{name}"
        );
    }
}

#[test]
fn defaults_follow_the_clause_s_position() {
    let base = example_json("minimal.json");
    let value = |deal: &Value, id: &str, name: &str| {
        resolve(deal).unwrap().deal.params.unwrap()[id][name].clone()
    };
    let pref = patched(&base, json!({"deal": {"stance": "preferred"}}));
    let fall = patched(&base, json!({"deal": {"stance": "fallback"}}));
    assert_eq!(value(&pref, "sow.feedback", "response_days"), json!(30));
    assert_eq!(value(&fall, "sow.feedback", "response_days"), json!(60));
    assert_eq!(
        value(&pref, "sow.escalation", "level_business_days"),
        json!(2)
    );
    assert_eq!(
        value(&fall, "sow.escalation", "level_business_days"),
        json!(5)
    );
    // One clause's position overrides the stance, for its parameters too.
    let one = patched(&pref, json!({"positions": {"sow.feedback": "fallback"}}));
    assert_eq!(value(&one, "sow.feedback", "response_days"), json!(60));
    assert_eq!(
        value(&one, "sow.escalation", "level_business_days"),
        json!(2)
    );
    // A value the deal sets wins in both positions; null means the default.
    let set = patched(
        &fall,
        json!({"params": {"sow.feedback": {"response_days": 45}}}),
    );
    assert_eq!(value(&set, "sow.feedback", "response_days"), json!(45));
    let null = patched(
        &fall,
        json!({"params": {"sow.feedback": {"response_days": null}}}),
    );
    assert_eq!(value(&null, "sow.feedback", "response_days"), json!(60));
    // Each declaration has a default per position that its type accepts.
    for (id, declared) in LIBRARY.params() {
        for (name, d) in declared {
            for s in Stance::ALL {
                let v = d.default_for(s);
                assert!(
                    d.kind.check(&v).is_none(),
                    "{id}.{name} {}: {v}",
                    s.as_str()
                );
            }
        }
    }
}

#[test]
fn a_changed_parameter_changes_the_text() {
    let base = example_json("global-bank.json");
    let md = render_md(
        &patched(
            &base,
            json!({"params": {"sla.credit_claims": {"review_days": 10}}}),
        ),
        "sla-annex",
    )
    .unwrap();
    assert!(
        md.contains("accept or reject a claim in writing within ten (10) days"),
        "{md}"
    );
    // A business unit's overrides set parameters too.
    let unit = patched(
        &base,
        json!({"business_units": [{"id": "markets", "name": "Markets",
            "overrides": {"params": {"sla.credit_claims": {"review_days": 7}}}}]}),
    );
    let deal = resolve(&unit).unwrap();
    let u = dealdraft::resolve::for_unit(&deal, "markets", &LIBRARY).unwrap();
    assert_eq!(
        u.deal.params.as_ref().unwrap()["sla.credit_claims"]["review_days"],
        json!(7)
    );
    // The unit's call-off names the clause whose parameter it changes.
    let r = dealdraft::render_deal(&u, &LIBRARY, &dealdraft::RenderOptions::default()).unwrap();
    let md = String::from_utf8(r.files[0].1.clone()).unwrap();
    let text = markdown_text(&md).replace('\n', " ");
    assert!(
        text.contains("within seven (7) days after receiving it"),
        "{text}"
    );
    assert!(
        text.contains("the terms headed \"Claiming and Applying Service Credits\""),
        "{}",
        &text[..text.len().min(6000)]
    );
}

/// `dealdraft validate` on a deal with bad parameters: every problem, each at its line and
/// column.
#[test]
fn bad_parameters_are_refused_at_their_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"{
  "schema_version": 1,
  "deal": {"id": "p"},
  "params": {
    "sla.credit_claim": {"review_days": 10},
    "sla.credit_claims": {"review_day": 10, "payment_days": 1.5},
    "sow.interpretation": {"business_hours_start": "8:00", "business_weekdays": ["mon", "mon"]},
    "sow.parties": {"x_days": 1}
  }
}
"#;
    let path = dir.path().join("deal.json");
    std::fs::write(&path, text).unwrap();
    let stderr = exit_2(cmd().arg("validate").arg(&path));
    for (line_col, expected) in [
        ("5:25", "no clause has the id \"sla.credit_claim\""),
        (
            "6:41",
            "clause \"sla.credit_claims\" has no parameter `review_day`",
        ),
        ("6:61", "1.5 is not a whole number of days, at least 1"),
        ("7:52", "\"8:00\" is not a 24-hour time"),
        ("7:81", "[\"mon\",\"mon\"] is not a list of weekdays"),
        ("8:20", "clause \"sow.parties\" has no parameters"),
    ] {
        let want = format!("deal.json:{line_col}");
        let found = stderr
            .lines()
            .any(|l| l.contains(&want) && l.contains(expected));
        assert!(found, "missing {want} {expected} in:\n{stderr}");
    }
    assert!(
        stderr.contains("did you mean \"sla.credit_claims\"?"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `review_days`?"), "{stderr}");
}

#[test]
fn a_business_unit_s_bad_parameter_points_into_its_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let deal = patched(
        &example_json("minimal.json"),
        json!({"business_units": [{"id": "ops", "name": "Ops",
            "overrides": {"params": {"sow.feedback": {"response_days": 0}}}}]}),
    );
    let path = write_deal(dir.path(), "deal.json", &deal);
    let stderr = exit_2(cmd().arg("validate").arg(&path));
    assert!(
        stderr.contains("business_units[0].overrides.params")
            && stderr.contains("0 is not a whole number of days"),
        "{stderr}"
    );
}

#[test]
fn the_published_schema_is_generated_from_the_library_and_checks_parameters() {
    let published: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("examples/schema/deal.schema.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(published, LIBRARY.deal_schema());
    let params = &published["properties"]["params"]["properties"];
    for (id, declared) in LIBRARY.params() {
        for name in declared.keys() {
            assert!(params[&id]["properties"][name].is_object(), "{id}.{name}");
        }
    }
    let v = jsonschema::validator_for(&published).unwrap();
    let base = example_json("minimal.json");
    assert!(v.is_valid(&patched(
        &base,
        json!({"params": {"sla.credit_claims": {"review_days": 10}}})
    )));
    for bad in [
        json!({"params": {"sla.credit_claims": {"review_days": 0}}}),
        json!({"params": {"sla.credit_claims": {"review_day": 10}}}),
        json!({"params": {"sla.credit_claim": {"review_days": 10}}}),
        json!({"params": {"sow.interpretation": {"business_hours_end": "25:00"}}}),
    ] {
        assert!(!v.is_valid(&patched(&base, bad.clone())), "{bad}");
    }
}

#[test]
fn a_library_overlay_adds_parameters_without_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    std::fs::write(
        lib.join("claims.md"),
        r#"+++
id = "sla.credit_claims"
title = "Claims for Service Credits"
document = "sla-annex"
section = "credits"
order = 20
when = "sla and sla.credit_tiers"
[params.review_days]
type = "days"
description = "Days Vendor has to answer a claim."
preferred = 5
fallback = 20
better = "less"
[params.payment_business_days]
type = "business_days"
description = "Business days within which a credit is paid."
default = 12
+++
Vendor shall answer a claim within {{ params.review_days | days }} and pay within {{ params.payment_business_days | count(one="business day") }}.
"#,
    )
    .unwrap();
    let out = cmd()
        .args(["schema", "--library"])
        .arg(&lib)
        .output()
        .unwrap();
    assert!(out.status.success());
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    let node = &schema["properties"]["params"]["properties"]["sla.credit_claims"]["properties"];
    assert!(node["payment_business_days"].is_object(), "{node}");
    assert!(
        node["review_days"]["description"]
            .as_str()
            .unwrap()
            .contains("default 5 (preferred), 20 (fallback)"),
        "{node}"
    );
    // The listing shows them.
    let out = cmd()
        .args(["clauses", "--params", "--library"])
        .arg(&lib)
        .output()
        .unwrap();
    let list = String::from_utf8(out.stdout).unwrap();
    let row = list
        .lines()
        .find(|l| l.contains("payment_business_days"))
        .unwrap();
    for word in [
        "sla.credit_claims",
        "business_days",
        "12",
        "Business days within",
    ] {
        assert!(row.contains(word), "{row}");
    }
    // A declaration whose name does not carry its unit is refused when the library loads.
    std::fs::write(
        lib.join("bad.md"),
        "+++\nid = \"x.bad\"\ntitle = \"Bad\"\ndocument = \"sow\"\nsection = \"parties\"\norder = 99\nwhen = \"false\"\n[params.review]\ntype = \"days\"\ndescription = \"x\"\ndefault = 0\n+++\nx\n",
    )
    .unwrap();
    let stderr = exit_2(cmd().args(["clauses", "--params", "--library"]).arg(&lib));
    assert!(stderr.contains("its name ends in `_days`"), "{stderr}");
    assert!(
        stderr.contains("the preferred default 0 is not"),
        "{stderr}"
    );
}

/// The customer's opening position never sits below its own fallback: a parameter whose
/// defaults differ by position says which way favours Customer, and the library refuses
/// a preferred default weaker than the fallback's (it found `consent_answer_hours`, a
/// day at the preferred and two at the fallback, where the longer favours Customer).
#[test]
fn a_preferred_default_is_never_weaker_than_the_fallback() {
    let mut ordered = 0;
    for (id, declared) in LIBRARY.params() {
        for (name, d) in declared {
            let (p, f) = (
                d.default_for(Stance::Preferred),
                d.default_for(Stance::Fallback),
            );
            let (Some(pm), Some(fm)) = (d.magnitude(&p), d.magnitude(&f)) else {
                continue;
            };
            if pm == fm {
                continue;
            }
            let better = d
                .better
                .unwrap_or_else(|| panic!("{id}.{name}: defaults differ without `better`"));
            assert!(!better.weaker(pm, fm), "{id}.{name}: {p} weaker than {f}");
            ordered += 1;
        }
    }
    assert!(
        ordered >= 21,
        "only {ordered} parameters differ by position"
    );
    let consent = &LIBRARY.params()["data.special_category"]["consent_answer_hours"];
    assert_eq!(consent.default_for(Stance::Preferred), json!(48));
    assert_eq!(consent.default_for(Stance::Fallback), json!(24));

    // A library of one's own gets the same refusal, at load.
    let dir = tempfile::tempdir().unwrap();
    let clause = |params: &str| {
        format!(
            "+++\nid = \"x.order\"\ntitle = \"Order\"\ndocument = \"sow\"\nsection = \"parties\"\norder = 99\nwhen = \"false\"\n{params}+++\nx\n"
        )
    };
    let head = "[params.fix_days]\ntype = \"days\"\ndescription = \"Days to fix.\"\n";
    std::fs::write(
        dir.path().join("x.md"),
        clause(&format!(
            "{head}preferred = 60\nfallback = 30\nbetter = \"less\"\n"
        )),
    )
    .unwrap();
    let stderr = exit_2(
        cmd()
            .args(["clauses", "--params", "--library"])
            .arg(dir.path()),
    );
    assert!(
        stderr.contains("parameter `fix_days`: the preferred default (60) is weaker for Customer than the fallback default (30)"),
        "{stderr}"
    );
    std::fs::write(
        dir.path().join("x.md"),
        clause(&format!("{head}preferred = 10\nfallback = 30\n")),
    )
    .unwrap();
    let stderr = exit_2(
        cmd()
            .args(["clauses", "--params", "--library"])
            .arg(dir.path()),
    );
    assert!(
        stderr.contains(
            "differ: say which way favours Customer, `better = \"more\"` or `better = \"less\"`"
        ),
        "{stderr}"
    );
    std::fs::write(
        dir.path().join("x.md"),
        clause(&format!(
            "{head}preferred = 10\nfallback = 30\nbetter = \"less\"\n"
        )),
    )
    .unwrap();
    let out = cmd()
        .args(["clauses", "--params", "--library"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(list.lines().next().unwrap().contains("BETTER"), "{list}");
    let row = list.lines().find(|l| l.starts_with("x.order")).unwrap();
    assert!(row.contains(" less "), "{row}");
}

#[test]
fn clauses_params_lists_every_parameter_with_unit_defaults_and_description() {
    let out = cmd().args(["clauses", "--params"]).output().unwrap();
    assert!(out.status.success());
    let list = String::from_utf8(out.stdout).unwrap();
    let header = list.lines().next().unwrap();
    for h in [
        "CLAUSE",
        "PARAMETER",
        "UNIT",
        "PREFERRED",
        "FALLBACK",
        "DESCRIPTION",
    ] {
        assert!(header.contains(h), "{header}");
    }
    let count: usize = LIBRARY.params().values().map(BTreeMap::len).sum();
    assert_eq!(list.lines().count(), count + 1);
    let row = list
        .lines()
        .find(|l| l.starts_with("sow.feedback") && l.contains("response_days"))
        .unwrap();
    assert!(
        row.contains("30") && row.contains("60") && row.contains("days"),
        "{row}"
    );
}

#[test]
fn init_spells_out_every_parameter_at_its_default() {
    for (stance, s) in [
        ("preferred", Stance::Preferred),
        ("fallback", Stance::Fallback),
    ] {
        let out = cmd()
            .args(["init", "-", "--stance", stance])
            .output()
            .unwrap();
        assert!(out.status.success());
        let deal: Value = serde_json::from_slice(&out.stdout).unwrap();
        for (id, declared) in LIBRARY.params() {
            for (name, d) in declared {
                assert_eq!(deal["params"][&id][&name], d.default_for(s), "{id}.{name}");
            }
        }
        resolve(&deal).unwrap();
    }
}

// ---- New fields ----

#[test]
fn the_maintenance_window_support_days_and_fees_print() {
    let base = example_json("global-bank.json");
    let deal = patched(
        &base,
        json!({
            "sla": {"maintenance": {"max_hours_per_month": 4, "notice_days": 7, "window": {"start": "07:00", "end": "20:00",
                "days": ["mon", "tue", "wed", "thu", "fri", "sat"]}}},
            "support": {"coverage": "business_hours", "included_in_fees": false,
                "business_hours": {"timezone": "Europe/London", "start": "08:00", "end": "18:00",
                    "days": ["mon", "tue", "wed", "thu", "fri", "sat"]},
                "fee": {"amount": 120000, "currency": "USD"}},
            "training": {"included_in_fees": false, "fee": {"amount": 25000, "currency": "USD"}},
        }),
    );
    let text = markdown_text(&render_md(&deal, "sow").unwrap()).replace('\n', " ");
    for expected in [
        "outside the hours from 07:00 to 20:00, Monday to Saturday, in each time zone",
        "on every day from Monday to Saturday.",
        "a fee for support of USD 120,000 for each year of the Term",
        "a fee of USD 25,000 for the training under this Annex",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
    // The window equal to normal business hours reads as before; the definition of normal
    // business hours is itself a parameter, and the maintenance text agrees with it.
    let same = patched(
        &base,
        json!({"sla": {"maintenance": {"max_hours_per_month": 4, "notice_days": 7,
            "window": {"start": "08:00", "end": "18:00", "days": ["mon", "tue", "wed", "thu", "fri"]}}}}),
    );
    assert_eq!(
        render_md(&same, "sow").unwrap(),
        render_md(&base, "sow").unwrap()
    );
    let nbh = patched(
        &base,
        json!({"params": {"sow.interpretation": {"business_hours_start": "07:30"}}}),
    );
    let text = markdown_text(&render_md(&nbh, "sow").unwrap()).replace('\n', " ");
    assert!(text.contains("normal business hours are 07:30 to 18:00, Monday to Friday"));
    assert!(text.contains("outside normal business hours (07:30 to 18:00, Monday to Friday)"));
}

#[test]
fn new_fields_are_validated() {
    let base = example_json("global-bank.json");
    for (patch, path, message) in [
        (
            json!({"sla": {"maintenance": {"max_hours_per_month": 4, "notice_days": 7, "window": {"start": "18:00", "end": "08:00", "days": ["mon"]}}}}),
            "sla.maintenance.window.end",
            "ends (08:00) before it starts (18:00)",
        ),
        (
            json!({"sla": {"maintenance": {"max_hours_per_month": 4, "notice_days": 7, "window": {"start": "08:00", "end": "18:00", "days": []}}}}),
            "sla.maintenance.window.days",
            "lists no day",
        ),
        (
            json!({"support": {"included_in_fees": true, "fee": {"amount": 1, "currency": "USD"}}}),
            "support.fee",
            "is set although `included_in_fees` is true",
        ),
        (
            json!({"training": {"included_in_fees": false, "fee": {"amount": 1, "currency": "USX"}}}),
            "training.fee.currency",
            "is not an ISO 4217 currency code",
        ),
    ] {
        let errs = resolve(&patched(&base, patch.clone())).unwrap_err();
        assert!(
            errs.iter().any(|d| d
                .location
                .path
                .as_ref()
                .is_some_and(|p| p.to_string() == path)
                && d.message.contains(message)),
            "{patch}: {errs}"
        );
    }
    let bad_day = patched(
        &base,
        json!({"support": {"coverage": "business_hours", "business_hours": {"timezone": "UTC",
            "start": "09:00", "end": "17:00", "days": ["monday"]}}}),
    );
    assert!(resolve(&bad_day).is_err());
}

// ---- Drafting defects of issue 12 ----

#[test]
fn the_title_block_does_not_repeat_the_document_title() {
    let base = example_json("healthcare-azure.json");
    let deal = patched(
        &base,
        json!({"deal": {"title": "Statement of Work: Azure OpenAI Enterprise Services"}}),
    );
    let md = render_md(&deal, "sow").unwrap();
    assert!(
        !md.contains("Statement of Work: Statement of Work"),
        "{}",
        &md[..400]
    );
    assert!(md.contains("# Statement of Work: Azure OpenAI Enterprise Services"));
    // A title that merely starts with the same letters is kept whole.
    let other = patched(&base, json!({"deal": {"title": "Statement of Workshops"}}));
    assert!(
        render_md(&other, "sow")
            .unwrap()
            .contains("# Statement of Work: Statement of Workshops")
    );
    // The PDF's metadata title too.
    let resolved = resolve(&deal).unwrap();
    let r = dealdraft::render_deal(
        &resolved,
        &LIBRARY,
        &dealdraft::RenderOptions {
            formats: vec![dealdraft::Format::Pdf],
            ..Default::default()
        },
    )
    .unwrap();
    let pdf = &r.files[0].1;
    let hay = String::from_utf8_lossy(pdf);
    assert!(hay.contains("/Title(Statement of Work: Azure OpenAI Enterprise Services)"));
    assert!(!hay.contains("Statement of Work: Statement of Work"));
}

#[test]
fn one_service_and_one_region_agree_in_number() {
    let base = example_json("minimal.json");
    let deal = patched(
        &base,
        json!({"deal": {"services": ["API"]}, "data": {"residency": ["EU"]},
               "commercial": {"new_models_included": true}}),
    );
    let text = markdown_text(&render_md(&deal, "sow").unwrap()).replace('\n', " ");
    assert!(
        !text.contains("model release of them"),
        "of them with one service"
    );
    assert!(!text.contains("Approved Regions"), "plural with one region");
    assert!(text.contains("Approved Region"));
}

#[test]
fn a_severity_without_a_definition_takes_the_playbook_s() {
    let base = example_json("global-bank.json");
    let deal = patched(
        &base,
        json!({"support": {"severities": [
            {"level": "P1", "response_minutes": 30},
            {"level": "P2", "response_minutes": 120, "definition": "Our own P2."}
        ]}}),
    );
    let resolved = resolve(&deal).unwrap_or_else(|e| panic!("{e}"));
    let sev = resolved.deal.support.unwrap().severities.unwrap();
    let playbook =
        &LIBRARY.playbook().defaults[&resolved.stance]["support"]["severities"][0]["definition"];
    assert_eq!(sev[0].definition.as_deref(), playbook.as_str());
    assert_eq!(sev[1].definition.as_deref(), Some("Our own P2."));
    let md = render_md(&deal, "support-annex").unwrap();
    assert!(md.contains("Our own P2."));
    // The published schema says so, and does not require it.
    let schema = LIBRARY.deal_schema();
    let severity = &schema["$defs"]["Severity"];
    assert!(
        !severity["required"]
            .as_array()
            .unwrap()
            .contains(&json!("definition"))
    );
    assert!(
        severity["properties"]["definition"]["description"]
            .as_str()
            .unwrap()
            .contains("playbook")
    );
}

#[test]
fn the_pdf_running_header_names_the_annex() {
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_err()
    {
        crate::common::tool_missing(
            "pdftotext is not installed; `apt-get install poppler-utils` to read the PDF's running header",
        );
        return;
    }
    let deal = resolve(&example_json("global-bank.json")).unwrap();
    let r = dealdraft::render_deal(
        &deal,
        &LIBRARY,
        &dealdraft::RenderOptions {
            formats: vec![dealdraft::Format::Pdf],
            ..Default::default()
        },
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("sow.pdf");
    std::fs::write(&pdf, &r.files[0].1).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    let header = |p: &str| {
        p.lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
            .to_string()
    };
    let mut annex_seen = false;
    for (i, p) in pages.iter().enumerate().skip(1) {
        let h = header(p);
        if h.starts_with("Annex ") {
            annex_seen = true;
        } else {
            assert!(
                !annex_seen,
                "page {}: header {h:?} after an annex began",
                i + 1
            );
            assert!(h.starts_with("SOW"), "page {}: header {h:?}", i + 1);
        }
    }
    assert!(annex_seen);
    for label in ["Annex A — Service Levels", "Annex B — Support", "Annex E —"] {
        assert!(
            pages.iter().any(|p| header(p).starts_with(label)),
            "no page headed {label}"
        );
    }
}

#[test]
fn the_support_hours_check_reads_the_days_of_coverage() {
    let rules = dealdraft::check::rules::RuleSet::load(&LIBRARY).unwrap();
    let says = |days: Value| {
        let deal = patched(
            &example_json("minimal.json"),
            json!({
                "deal": {"customer": {"timezones": ["Europe/London"]}},
                "support": {"coverage": "business_hours", "business_hours": {
                    "timezone": "Europe/London", "start": "09:00", "end": "18:00", "days": days}},
            }),
        );
        let text = serde_json::to_string_pretty(&deal).unwrap();
        let src = dealdraft::deal::Source::parse("deal.json", text).unwrap();
        let resolved = dealdraft::resolve::resolve(&src, &LIBRARY).unwrap();
        dealdraft::check::check_deal(&src, &resolved, None, &rules)
            .findings
            .iter()
            .filter(|f| f.rule == "support.hours-uncovered")
            .map(|f| f.deal_says.clone())
            .collect::<Vec<_>>()
    };
    assert!(says(json!(["mon", "tue", "wed", "thu", "fri"])).is_empty());
    let gap = says(json!(["mon", "tue", "wed", "thu"]));
    assert_eq!(gap.len(), 1, "{gap:?}");
    assert!(gap[0].contains("uncovered Friday"), "{gap:?}");
}
