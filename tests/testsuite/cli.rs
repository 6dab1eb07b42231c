//! Every subcommand, succeeding and failing, with its exit code and message.

use std::io::Read;
use std::process::Stdio;

use crate::common::{cmd, root};

fn example(name: &str) -> std::path::PathBuf {
    root().join("examples").join(name)
}

#[test]
fn render_writes_the_sow_under_the_deal_id() {
    let out = tempfile::tempdir().unwrap();
    let assert = cmd()
        .arg("render")
        .arg(example("global-bank.json"))
        .arg("--out")
        .arg(out.path())
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let sow = out.path().join("northwind-bank-openai-2027/sow.md");
    assert!(stdout.contains(&sow.display().to_string()), "{stdout}");
    let md = std::fs::read_to_string(&sow).unwrap();
    assert!(
        md.starts_with("# Statement of Work: Enterprise AI Services\n"),
        "{md}"
    );
    // Nothing but the SOW, and no temp files left behind.
    let names: Vec<_> = std::fs::read_dir(sow.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("sow.md")]);
}

#[test]
fn render_all_documents_and_a_business_unit() {
    let out = tempfile::tempdir().unwrap();
    cmd()
        .args(["render", "--document", "all", "--out"])
        .arg(out.path())
        .arg(example("global-bank.json"))
        .assert()
        .success();
    for doc in crate::common::DOCUMENTS {
        assert!(
            out.path()
                .join(format!("northwind-bank-openai-2027/{doc}.md"))
                .is_file(),
            "{doc}"
        );
    }
    let annex = std::fs::read_to_string(out.path().join("northwind-bank-openai-2027/sla-annex.md"))
        .unwrap();
    assert!(
        annex.starts_with("# Annex A — Service Levels: Enterprise AI Services\n"),
        "{annex}"
    );
    assert!(
        annex.contains("| Attached to | Statement of Work |"),
        "a standalone annex names what it attaches to"
    );

    cmd()
        .args(["render", "--unit", "markets", "--out"])
        .arg(out.path())
        .arg(example("global-bank.json"))
        .assert()
        .success();
    let unit =
        std::fs::read_to_string(out.path().join("northwind-bank-openai-2027/markets/sow.md"))
            .unwrap();
    assert!(
        unit.contains("| Business unit | Global Markets |"),
        "{unit}"
    );
}

#[test]
fn render_failures_exit_2_with_a_message() {
    let out = tempfile::tempdir().unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["--format", "rtf"],
            "unknown format \"rtf\"\n  help: formats: md, pdf, docx, typ, html",
        ),
        (
            vec!["--document", "sla-anex"],
            "no document \"sla-anex\" for this deal\n  help: did you mean \"sla-annex\"?",
        ),
        (vec!["--unit", "retial"], "no business unit \"retial\""),
    ];
    for (args, message) in cases {
        let o = cmd()
            .arg("render")
            .arg(example("global-bank.json"))
            .arg("--out")
            .arg(out.path())
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    let o = cmd()
        .arg("render")
        .arg(example("minimal.json"))
        .arg("--final")
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("error: ")
            && String::from_utf8_lossy(&o.stderr)
                .contains("deal.customer.legal_name: not set: the draft shows a blank")
    );
    assert!(
        !out.path().join("minimal").exists(),
        "a refused render writes nothing"
    );
    let o = cmd()
        .arg("render")
        .arg("no-such-deal.json")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("no-such-deal.json: cannot read the deal file")
    );
}

#[test]
fn validate_reports_ok_or_exits_2() {
    let o = cmd()
        .arg("validate")
        .args([
            example("global-bank.json"),
            example("healthcare-azure.json"),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("ok: ") && stdout.lines().count() == 2,
        "{stdout}"
    );
    // The minimal deal is valid; its blanks are warnings.
    let o = cmd()
        .arg("validate")
        .arg(example("minimal.json"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("warning: "));
    let o = cmd().arg("validate").output().unwrap();
    assert_eq!(o.status.code(), Some(2), "no deal: a usage error");
}

#[test]
fn schema_prints_json_schema() {
    let o = cmd().arg("schema").output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert!(
        v["$defs"]["Sla"]["properties"]["credit_tiers"]["description"]
            .as_str()
            .unwrap()
            .contains("Thresholds falling")
    );
}

#[test]
fn the_published_schema_is_current_and_every_example_validates_against_it() {
    let printed = cmd().arg("schema").output().unwrap().stdout;
    let published = std::fs::read(root().join("examples/schema/deal.schema.json")).unwrap();
    assert!(
        printed == published,
        "examples/schema/deal.schema.json is stale: run `dealdraft schema > examples/schema/deal.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_slice(&printed).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for p in crate::common::examples() {
        let deal: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        assert_eq!(
            deal["$schema"],
            "schema/deal.schema.json",
            "{}",
            p.display()
        );
        let errors: Vec<String> = validator
            .iter_errors(&deal)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", p.display());
    }
    // And the validator does reject a broken deal.
    assert!(!validator.is_valid(
        &serde_json::json!({"schema_version": 1, "deal": {"id": "x"}, "sla": {"uptime": 1}})
    ));
}

#[test]
fn a_closed_pipe_is_not_a_panic() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("dealdraft"))
        .arg("schema")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn init_writes_a_valid_starter_deal() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("deal.json");
    cmd()
        .args(["init", "--id", "acme-ai", "--stance", "fallback"])
        .arg(&p)
        .assert()
        .success();
    let deal: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    assert_eq!(deal["deal"]["id"], "acme-ai");
    assert_eq!(
        deal["sla"]["uptime_pct"], 99.5,
        "the fallback defaults are spelled out"
    );
    // No fallback cap (a 30% cap on a 30% top tier could never bind: counsel's review, item
    // 9); damages stay for a month below 99%, the second credit tier (blind9 customer-A 5).
    assert!(deal["sla"]["credit_cap_pct"].is_null());
    assert_eq!(deal["sla"]["uncapped_below_pct"], 99);
    assert!(deal["support"]["severities"].as_array().unwrap().len() == 4);
    cmd().arg("validate").arg(&p).assert().success();
    // Refuses to overwrite, and refuses a bad id.
    let o = cmd().arg("init").arg(&p).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("the file exists\n  help: pass --force to overwrite it")
    );
    let o = cmd()
        .args(["init", "-", "--id", "Not A Slug"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = cmd().args(["init", "-"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("\"uptime_pct\": 99.9"));
}

#[test]
fn clauses_lists_the_library() {
    let o = cmd().arg("clauses").output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.starts_with("ID "), "{text}");
    let line = text
        .lines()
        .find(|l| l.starts_with("sow.agreement "))
        .unwrap();
    assert!(
        line.contains("sow/parties")
            && line.contains("preferred,fallback")
            && line.contains("Agreement"),
        "{line}"
    );
    assert!(text.lines().count() > 40, "{text}");
    let notes = cmd().args(["clauses", "--notes"]).output().unwrap();
    assert!(String::from_utf8_lossy(&notes.stdout).contains("note (fallback): "));
    let o = cmd()
        .args(["clauses", "--library", "/no/such/dir"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("the --library directory does not exist"));
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    assert_eq!(cmd().output().unwrap().status.code(), Some(2));
    assert_eq!(
        cmd().arg("frobnicate").output().unwrap().status.code(),
        Some(2)
    );
    assert_eq!(cmd().arg("--help").output().unwrap().status.code(), Some(0));
    assert_eq!(
        cmd().arg("--version").output().unwrap().status.code(),
        Some(0)
    );
}

/// `validate` counts the blanks it warns of, and `--final` refuses them as `render --final`
/// does (issue 28: `ok` alone for a deal with eight blanks misled).
#[test]
fn validate_counts_blanks_and_final_refuses_them() {
    let o = cmd()
        .args(["validate", "examples/minimal.json"])
        .current_dir(crate::common::root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("ok: examples/minimal.json (14 blank positions: the draft shows [●]; `--final` refuses them)"),
        "{stdout}"
    );
    let o = cmd()
        .args(["validate", "--final", "examples/minimal.json"])
        .current_dir(crate::common::root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains(
            "error: examples/minimal.json: deal.vendor.legal_name: not set: the draft shows a blank"
        ),
        "{stderr}"
    );
    // A deal with every position filled is plainly ok.
    let o = cmd()
        .args(["validate", "--final", "examples/global-bank.json"])
        .current_dir(crate::common::root())
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "ok: examples/global-bank.json\n"
    );
}

/// `init` (issue 28): the deal names its schema and the schema is written beside it (an
/// editor completes the file at once), no dormant value is written, and the next commands
/// are printed.
#[test]
fn init_writes_the_schema_pointer_and_says_what_to_do_next() {
    let dir = tempfile::tempdir().unwrap();
    let o = cmd()
        .current_dir(dir.path())
        .args(["init", "acme.json", "--id", "acme"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let deal: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("acme.json")).unwrap())
            .unwrap();
    assert_eq!(deal["$schema"], "deal.schema.json");
    // What must be filled in is left out, not written as `null` (which means "explicitly
    // none"), and the file says how it is filled in.
    assert_eq!(
        deal["deal"],
        serde_json::json!({"id": "acme", "stance": "preferred"})
    );
    assert!(
        deal["$comment"]
            .as_str()
            .is_some_and(|c| c.contains("null means explicitly none")),
        "{}",
        deal["$comment"]
    );
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("deal.schema.json")).unwrap(),
    )
    .unwrap();
    assert!(schema["properties"]["sla"].is_object(), "the deal schema");
    // The preferred stance does not exclude emergency maintenance: no limit for it.
    assert!(
        deal["sla"].get("emergency_maintenance").is_none(),
        "{}",
        deal["sla"]
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    for next in [
        "fill in acme.json (each shows as [●] in the draft until set",
        "\n  deal.customer.legal_name\n",
        "\n  deal.effective_date\n",
        "dealdraft validate acme.json",
        "dealdraft check acme.json --format md",
        "dealdraft render acme.json --format md,pdf,docx",
    ] {
        assert!(stderr.contains(next), "{stderr}");
    }
    // The file it wrote validates, with its blanks counted.
    let o = cmd()
        .current_dir(dir.path())
        .args(["validate", "acme.json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "ok: acme.json (14 blank positions: the draft shows [●]; `--final` refuses them)\n"
    );
}

/// `render --out -` writes one Markdown document to standard output and no folder named
/// `-` (issue 28); anything else with `--out -` is refused.
#[test]
fn render_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let deal = crate::common::root().join("examples/global-bank.json");
    let o = cmd()
        .current_dir(dir.path())
        .args(["render", "--out", "-"])
        .arg(&deal)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let md = String::from_utf8_lossy(&o.stdout);
    assert!(
        md.starts_with("# Statement of Work: Enterprise AI Services"),
        "{md}"
    );
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing written"
    );
    // The same bytes as the file `render` writes.
    let out = tempfile::tempdir().unwrap();
    cmd()
        .args(["render", "--out"])
        .arg(out.path())
        .arg(&deal)
        .assert()
        .success();
    let file = std::fs::read(out.path().join("northwind-bank-openai-2027/sow.md")).unwrap();
    assert_eq!(o.stdout, file, "the same document as render writes");
    for bad in [&["--format", "pdf"][..], &["--document", "all"][..]] {
        let o = cmd()
            .current_dir(dir.path())
            .args(["render", "--out", "-"])
            .args(bad)
            .arg(&deal)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{bad:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("`--out -` writes one Markdown document")
        );
    }
}

/// A free-text value that looks like a misspelt common one gets a "did you mean" warning
/// (issue 28); an unusual but real value gets none.
#[test]
fn a_misspelt_language_gets_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let mut json = crate::common::example_json("global-bank.json");
    json["support"]["languages"] = serde_json::json!(["English", "Germn", "Klingon"]);
    let deal = crate::common::write_deal(dir.path(), "d.json", &json);
    let o = cmd().arg("validate").arg(&deal).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "a warning, not an error");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("support.languages[1]: \"Germn\" is not a language name the drafts know")
            && stderr.contains("did you mean \"German\"?"),
        "{stderr}"
    );
    assert!(!stderr.contains("Klingon"), "{stderr}");
}
