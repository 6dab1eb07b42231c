//! Vendor profiles (issue 30): what each vendor publishes for every customer, as data with
//! sources and dates, a floor for every deal that names it.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::common::{LIBRARY, cmd, example_json, patched, resolve, root, write_deal};
use dealdraft::check::rules::RuleSet;

fn rules() -> RuleSet {
    RuleSet::load(&LIBRARY).expect("built-in rules load")
}

/// The findings of `rule` for a deal given as JSON.
fn findings(json: &Value, rule: &str) -> Vec<dealdraft::check::Finding> {
    let text = serde_json::to_string_pretty(json).unwrap();
    let src = dealdraft::deal::Source::parse("deal.json", text).unwrap();
    let deal = dealdraft::resolve::resolve(&src, &LIBRARY).expect("a valid deal");
    dealdraft::check::check_deal(&src, &deal, None, &rules())
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

#[test]
fn every_profile_loads_with_deal_fields_sources_and_dates() {
    let schema = LIBRARY.deal_schema();
    let ids: BTreeSet<&str> = LIBRARY.vendor_profiles().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        BTreeSet::from([
            "anthropic",
            "aws-bedrock",
            "azure-openai",
            "google",
            "openai"
        ]),
        "the five vendors"
    );
    let mut terms = 0;
    for p in LIBRARY.vendor_profiles() {
        assert!(!p.vendor.is_empty() && !p.services.is_empty(), "{}", p.id);
        assert!(
            p.as_of >= jiff::civil::date(2026, 1, 1),
            "{}: as_of {}",
            p.id,
            p.as_of
        );
        assert!(!p.terms.is_empty(), "{}", p.id);
        for t in &p.terms {
            terms += 1;
            t.field
                .check_schema(&schema)
                .unwrap_or_else(|e| panic!("{}: {}: {e}", p.id, t.field));
            assert!(!t.source.title.is_empty(), "{}: {}", p.id, t.field);
            assert!(
                t.source.url.starts_with("https://"),
                "{}: {}: {}",
                p.id,
                t.field,
                t.source.url
            );
            assert!(t.says.len() > 20, "{}: {}: says", p.id, t.field);
        }
    }
    assert!(terms >= 15, "{terms} terms");
}

#[test]
fn the_examples_never_ask_less_than_their_profile() {
    let mut checked = 0;
    for name in ["global-bank.json", "healthcare-azure.json"] {
        let base = example_json(name);
        assert!(
            base["deal"]["vendor"]["profile"].is_string(),
            "{name} names its vendor profile"
        );
        for stance in ["preferred", "fallback"] {
            let deal = patched(&base, json!({"deal": {"stance": stance}}));
            let found = findings(&deal, "vendor.below-published-terms");
            assert!(found.is_empty(), "{name} ({stance}): {found:?}");
            checked += 1;
        }
    }
    assert_eq!(checked, 4);
}

#[test]
fn a_deal_asking_less_than_the_profile_is_an_error_citing_the_source() {
    // The health example allowing training on its data, against Microsoft's published terms.
    let health = patched(
        &example_json("healthcare-azure.json"),
        json!({"data": {"training_on_customer_data": true}}),
    );
    let found = findings(&health, "vendor.below-published-terms");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].path, "data.training_on_customer_data");
    assert_eq!(found[0].severity, dealdraft::check::rules::Severity::Error);
    assert!(
        found[0].deal_says.starts_with(
            "training allowed — Microsoft publishes no training for Azure OpenAI to every customer (“Data, privacy, and security for Azure Direct Models in Azure AI Foundry”, https://learn.microsoft.com/azure/ai-foundry/responsible-ai/openai/data-privacy, dated 2025-10-01; profile as of "
        ),
        "{}",
        found[0].deal_says
    );
    // A Bedrock deal asking the fallback's 99.5% against the published 99.9%, by the CLI.
    let dir = tempfile::tempdir().unwrap();
    let deal = patched(
        &example_json("minimal.json"),
        json!({"deal": {"vendor": {"profile": "aws-bedrock"}}, "sla": {"uptime_pct": 99.5}}),
    );
    let file = write_deal(dir.path(), "bedrock.json", &deal);
    let out = cmd().arg("check").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("error[vendor.below-published-terms]"),
        "{text}"
    );
    assert!(
        text.contains("= deal says: 99.5% — Amazon Web Services publishes 99.9% for Amazon Bedrock to every customer (“Service Level Agreement für Amazon Bedrock”, https://aws.amazon.com/de/bedrock/sla, dated 2023-10-04"),
        "{text}"
    );
}

#[test]
fn playbook_defaults_never_fall_below_the_profile() {
    let minimal = patched(
        &example_json("minimal.json"),
        json!({"deal": {"stance": "fallback"}}),
    );
    let plain = resolve(&minimal).unwrap();
    let sla = plain.deal.sla.as_ref().unwrap();
    assert_eq!(sla.uptime_pct, Some(99.5), "the fallback default");
    let bedrock = resolve(&patched(
        &minimal,
        json!({"deal": {"vendor": {"profile": "aws-bedrock"}}}),
    ))
    .unwrap();
    let json = serde_json::to_value(&bedrock.deal).unwrap();
    assert_eq!(json["sla"]["uptime_pct"], json!(99.9));
    let tiers: Vec<(f64, f64)> = json["sla"]["credit_tiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["below_pct"].as_f64().unwrap(),
                t["credit_pct"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(tiers, [(99.9, 10.0), (99.0, 25.0), (95.0, 100.0)]);
    assert!(
        findings(
            &patched(
                &minimal,
                json!({"deal": {"vendor": {"profile": "aws-bedrock"}}})
            ),
            "vendor.below-published-terms"
        )
        .is_empty()
    );
    // The draft states the better term.
    let md = crate::common::render_md(
        &patched(
            &minimal,
            json!({"deal": {"vendor": {"profile": "aws-bedrock"}}}),
        ),
        "sla-annex",
    )
    .unwrap();
    assert!(md.contains("99.9%"), "the raised uptime in Annex A");
    assert!(!md.contains("99.5%"), "the fallback default is gone");
    // What the deal sets itself is left alone, and reported.
    let own = patched(
        &minimal,
        json!({"deal": {"vendor": {"profile": "aws-bedrock"}}, "sla": {"uptime_pct": 99.5}}),
    );
    let r = resolve(&own).unwrap();
    assert_eq!(r.deal.sla.as_ref().unwrap().uptime_pct, Some(99.5));
    // Its uptime, and so its first credit tier, fall below the published ones: a month at
    // 99.7% earns Bedrock's 10% but nothing under this deal.
    let paths: Vec<String> = findings(&own, "vendor.below-published-terms")
        .into_iter()
        .map(|f| f.path)
        .collect();
    assert_eq!(paths, ["sla.credit_tiers", "sla.uptime_pct"]);
}

#[test]
fn an_unknown_profile_is_refused_with_a_did_you_mean() {
    let dir = tempfile::tempdir().unwrap();
    let deal = patched(
        &example_json("minimal.json"),
        json!({"deal": {"vendor": {"profile": "azure-opneai"}}}),
    );
    let file = write_deal(dir.path(), "d.json", &deal);
    let err = crate::common::exit_2(cmd().arg("validate").arg(&file));
    assert!(
        err.contains("deal.vendor.profile: there is no vendor profile \"azure-opneai\""),
        "{err}"
    );
    assert!(err.contains("did you mean \"azure-openai\"?"), "{err}");
    let err = crate::common::exit_2(
        cmd()
            .current_dir(dir.path())
            .args(["init", "x.json", "--vendor", "anthropc"]),
    );
    assert!(err.contains("did you mean \"anthropic\"?"), "{err}");
}

#[test]
fn init_starts_from_a_profile() {
    let dir = tempfile::tempdir().unwrap();
    let out = cmd()
        .current_dir(dir.path())
        .args([
            "init",
            "d.json",
            "--vendor",
            "aws-bedrock",
            "--stance",
            "fallback",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let deal: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("d.json")).unwrap()).unwrap();
    assert_eq!(deal["deal"]["vendor"]["profile"], "aws-bedrock");
    assert_eq!(deal["deal"]["vendor"]["short_name"], "Amazon Web Services");
    assert_eq!(
        deal["sla"]["uptime_pct"],
        json!(99.9),
        "the profile's floor, not 99.5"
    );
    assert_eq!(
        deal["sla"]["credit_tiers"][2],
        json!({"below_pct": 95, "credit_pct": 100})
    );
    let check = cmd()
        .current_dir(dir.path())
        .args(["check", "d.json", "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&check.stdout).unwrap();
    let findings = report["deals"][0]["findings"].as_array().unwrap();
    assert!(
        !findings
            .iter()
            .any(|f| f["rule"] == "vendor.below-published-terms"),
        "the starter asks no less than the profile: {findings:?}"
    );
    assert!(
        report["deals"][0]["passed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["rule"] == "vendor.below-published-terms"),
        "the floor rule ran and passed"
    );
}

#[test]
fn clauses_lists_every_profile_with_its_sources_and_dates() {
    let out = cmd().args(["clauses", "--vendors"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for p in LIBRARY.vendor_profiles() {
        assert!(
            text.contains(&format!(
                "{}: {} — as of {}",
                p.id,
                p.display_name(),
                p.as_of
            )),
            "{}:\n{text}",
            p.id
        );
        for t in &p.terms {
            assert!(text.contains(&t.source.url), "{}: {}", p.id, t.source.url);
        }
    }
    assert!(text.contains("sla.uptime_pct = 99.9% (floor)"), "{text}");
    assert!(text.contains("not legal advice"), "{text}");
    assert!(!text.contains("STALE"), "the built-in profiles are current");
}

/// A profile overlaid by `--library` that was checked over a year ago: `clauses` marks it,
/// `check` warns; a broken profile is refused at its line with what is allowed.
#[test]
fn an_old_profile_is_stale_and_a_broken_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib/vendors");
    std::fs::create_dir_all(&lib).unwrap();
    std::fs::write(
        lib.join("old.toml"),
        r#"id = "old-ai"
vendor = "Old AI"
services = ["Old API"]
as_of = "2020-01-15"

[[term]]
field = "sla.uptime_pct"
value = 99.0
says = "A monthly uptime of 99% (a test fixture in our words)."
source = { title = "Old AI SLA", url = "https://old-ai.example/sla" }
"#,
    )
    .unwrap();
    let listed = cmd()
        .args(["clauses", "--vendors", "--library"])
        .arg(dir.path().join("lib"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&listed.stdout);
    assert!(
        text.contains("old-ai: Old AI (Old API) — as of 2020-01-15 — STALE"),
        "{text}"
    );
    let deal = patched(
        &example_json("minimal.json"),
        json!({"deal": {"vendor": {"profile": "old-ai"}}}),
    );
    let file = write_deal(dir.path(), "d.json", &deal);
    let out = cmd()
        .arg("check")
        .arg(&file)
        .arg("--library")
        .arg(dir.path().join("lib"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("warning[vendor.profile-stale]"), "{text}");
    assert!(
        text.contains("profile \"old-ai\" as of 2020-01-15, more than a year ago"),
        "{text}"
    );

    std::fs::write(
        lib.join("old.toml"),
        "id = \"old-ai\"\nvendor = \"Old AI\"\nas_of = \"2026-01-01\"\n\n[[term]]\nfield = \"sla.uptime_pc\"\nvalue = 99.0\nsays = \"x\"\nsource = { title = \"t\", url = \"https://x.example\" }\n",
    )
    .unwrap();
    let err = crate::common::exit_2(
        cmd()
            .args(["clauses", "--vendors", "--library"])
            .arg(dir.path().join("lib")),
    );
    assert!(
        err.contains("old.toml:6:9: field \"sla.uptime_pc\""),
        "{err}"
    );
    assert!(err.contains("did you mean \"uptime_pct\"?"), "{err}");
}

/// `intake --profile`: a vendor's published terms (a fixture written here) read as a profile
/// whose every value quotes its sentence; the file loads as it is written.
#[test]
fn intake_writes_a_profile_tracing_each_value_to_its_sentence() {
    let paper = root().join("tests/vendors/published-terms.md");
    let out = cmd()
        .arg("intake")
        .arg(&paper)
        .args(["--profile", "quillfeather"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let toml_text = String::from_utf8(out.stdout).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("vendors");
    std::fs::create_dir_all(&lib).unwrap();
    std::fs::write(lib.join("quillfeather.toml"), &toml_text).unwrap();
    let library = dealdraft::Library::load(Some(dir.path())).expect("the written profile loads");
    let p = library.vendor_profile("quillfeather").unwrap();
    let got: Vec<(String, Value)> = p
        .terms
        .iter()
        .map(|t| (t.field.to_string(), t.value.clone()))
        .collect();
    let want = [
        ("sla.uptime_pct", json!(99.9)),
        ("sla.claim_window_days", json!(30)),
        ("data.training_on_customer_data", json!(false)),
        ("data.breach_notice_hours", json!(48)),
        ("data.retention_days", json!(30)),
        ("support.severities[level=P1].response_minutes", json!(60)),
        ("support.severities[level=P2].response_minutes", json!(240)),
    ];
    for (field, value) in want {
        assert!(
            got.contains(&(field.to_string(), value.clone())),
            "{field} = {value}: {got:?}"
        );
    }
    let tiers = p
        .terms
        .iter()
        .find(|t| t.field.to_string() == "sla.credit_tiers")
        .unwrap();
    assert_eq!(tiers.value[2]["below_pct"].as_f64(), Some(95.0));
    assert_eq!(tiers.value[2]["credit_pct"].as_f64(), Some(50.0));
    // Every value traced to its sentence and line in the paper.
    let text = std::fs::read_to_string(&paper).unwrap();
    for t in &p.terms {
        let quote = t.source.quote.as_deref().unwrap();
        let line: usize = t.source.url.rsplit(':').next().unwrap().parse().unwrap();
        assert!(
            text.lines()
                .nth(line - 1)
                .unwrap()
                .contains(quote.trim_start_matches("| ").split(" |").next().unwrap()),
            "{}: line {line} holds {quote:?}",
            t.field
        );
    }
    let uptime = p
        .terms
        .iter()
        .find(|t| t.field.to_string() == "sla.uptime_pct")
        .unwrap();
    assert_eq!(
        uptime.source.quote.as_deref(),
        Some(
            "1.1 Quillfeather will make the API available with a Monthly Uptime Percentage of at least 99.9% in each calendar month."
        )
    );
}
