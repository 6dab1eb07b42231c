//! The clause library: overlays, template errors, front matter errors.

use std::path::Path;

use crate::common::{cmd, exit_2, root};

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[test]
fn a_library_overlay_replaces_a_clause_by_id() {
    let lib = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    write(
        lib.path(),
        "purpose.md",
        "+++\nid = \"sow.background\"\ntitle = \"Our Purpose\"\ndocument = \"sow\"\nsection = \"background\"\norder = 10\npositions = []\n+++\nCustomer buys the Services for {{ deal.customer.short_name }}'s own reasons.\n",
    );
    cmd()
        .args(["render", "--library"])
        .arg(lib.path())
        .arg("--out")
        .arg(out.path())
        .arg(root().join("examples/global-bank.json"))
        .assert()
        .success();
    let md = std::fs::read_to_string(out.path().join("northwind-bank-openai-2027/sow.md")).unwrap();
    assert!(
        md.contains(
            "### 2.1 Our Purpose\n\nCustomer buys the Services for Northwind’s own reasons."
        ),
        "{md}"
    );
    assert!(
        !md.contains("Customer intends to use the Services"),
        "the built-in clause is replaced"
    );

    let listing = cmd()
        .args(["clauses", "--library"])
        .arg(lib.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&listing.stdout);
    let line = text
        .lines()
        .find(|l| l.starts_with("sow.background "))
        .unwrap();
    assert!(
        line.contains("Our Purpose") && line.contains("purpose.md"),
        "{line}"
    );
}

#[test]
fn a_playbook_overlay_changes_defaults_without_a_rebuild() {
    let lib = tempfile::tempdir().unwrap();
    write(
        lib.path(),
        "playbook.json",
        r#"{"defaults": {"preferred": {"sla": {"uptime_pct": 99.95, "credit_tiers": [{"below_pct": 99.95, "credit_pct": 15}]}}}}"#,
    );
    let out = tempfile::tempdir().unwrap();
    cmd()
        .args(["render", "--document", "sla-annex", "--library"])
        .arg(lib.path())
        .arg("--out")
        .arg(out.path())
        .arg(root().join("examples/minimal.json"))
        .assert()
        .success();
    let md = std::fs::read_to_string(out.path().join("minimal/sla-annex.md")).unwrap();
    assert!(md.contains("99.95%"), "{md}");
}

#[test]
fn a_template_error_names_the_template_and_line() {
    let lib = tempfile::tempdir().unwrap();
    write(
        lib.path(),
        "broken.md",
        "+++\nid = \"sow.background\"\ntitle = \"Purpose\"\ndocument = \"sow\"\nsection = \"background\"\norder = 10\n+++\nFirst line.\n\nCustomer {{ deal.customer.nickname }} here.\n",
    );
    let stderr = exit_2(
        cmd()
            .args(["render", "--library"])
            .arg(lib.path())
            .arg("--out")
            .arg(lib.path().join("out"))
            .arg(root().join("examples/global-bank.json")),
    );
    assert!(
        stderr.contains("broken.md:10:"),
        "line 10 of the file (front matter included): {stderr}"
    );
    assert!(
        stderr.contains("template error: Field `nickname` is not defined"),
        "{stderr}"
    );
    assert!(
        !lib.path().join("out").exists(),
        "nothing is written when a render fails"
    );
}

#[test]
fn a_template_syntax_error_is_reported_at_load() {
    let lib = tempfile::tempdir().unwrap();
    write(
        lib.path(),
        "x.md",
        "+++\nid = \"x.y\"\ntitle = \"T\"\ndocument = \"sow\"\nsection = \"general\"\norder = 99\n+++\n{% if %}\n",
    );
    let stderr = exit_2(cmd().args(["clauses", "--library"]).arg(lib.path()));
    assert!(stderr.contains("x.md:8:"), "{stderr}");
}

#[test]
fn front_matter_errors_name_the_field() {
    let lib = tempfile::tempdir().unwrap();
    write(
        lib.path(),
        "x.md",
        "+++\nid = \"x.y\"\ntitle = \"T\"\ndocument = \"sow\"\nsection = \"general\"\norder = 99\ncoverge = [\"SLA-1\"]\n+++\nText.\n",
    );
    write(
        lib.path(),
        "z.md",
        "+++\nid = \"x.z\"\ntitle = \"T\"\ndocument = \"sow\"\nsection = \"nowhere\"\norder = 1\n+++\nText.\n",
    );
    let stderr = exit_2(cmd().args(["clauses", "--library"]).arg(lib.path()));
    assert!(
        stderr.contains("x.md:7:1: invalid front matter: unknown field `coverge`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("clause \"x.z\" names an unknown section \"nowhere\" of \"sow\""),
        "{stderr}"
    );
}

/// `validate --library LIB` of a deal without an SLA (its clauses omitted), which must
/// fail: the error output.
fn validate_without_sla(lib: &Path) -> String {
    let deal = lib.join("d.json");
    std::fs::write(
        &deal,
        r#"{"schema_version": 1, "deal": {"id": "x"}, "sla": null}"#,
    )
    .unwrap();
    exit_2(cmd().args(["validate", "--library"]).arg(lib).arg(&deal))
}

#[test]
fn a_reference_to_an_omitted_clause_fails_the_render() {
    let lib = tempfile::tempdir().unwrap();
    write(
        lib.path(),
        "x.md",
        "+++\nid = \"sow.extra\"\ntitle = \"Extra\"\ndocument = \"sow\"\nsection = \"general\"\norder = 99\npositions = []\n+++\nSee {{ ref(id=\"sow.service_levels\") }}.\n",
    );
    let stderr = validate_without_sla(lib.path());
    assert!(
        stderr
            .contains("\"sow.extra\" refers to \"sow.service_levels\", which is not in this draft"),
        "{stderr}"
    );
}

#[test]
fn the_safe_filter_is_disabled() {
    let lib = tempfile::tempdir().unwrap();
    write(
        lib.path(),
        "x.md",
        "+++\nid = \"sow.background\"\ntitle = \"P\"\ndocument = \"sow\"\nsection = \"background\"\norder = 10\npositions = []\n+++\n{{ deal.customer.legal_name | safe }}\n",
    );
    let out = cmd()
        .args(["validate", "--library"])
        .arg(lib.path())
        .arg(root().join("examples/global-bank.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the `safe` filter is disabled"));
}

#[test]
fn the_defined_terms_lint_names_each_problem_and_its_file() {
    let lib = tempfile::tempdir().unwrap();
    let clause = |id: &str, defines: &str, text: &str| {
        format!(
            "+++\nid = \"{id}\"\ntitle = \"Extra\"\ndocument = \"sow\"\nsection = \"general\"\norder = 99\npositions = []\ndefines = [{defines}]\n+++\n{text}\n"
        )
    };
    write(
        lib.path(),
        "a.md",
        &clause(
            "sow.extra_a",
            "\"Widget\"",
            "The {{ define(term=\"Widget\") }} and the {{ define(term=\"Gadget\") }}.",
        ),
    );
    write(
        lib.path(),
        "b.md",
        &clause(
            "sow.extra_b",
            "\"Widget\", \"Sprocket\"",
            "Each {{ define(term=\"Widget\") }} counts. A Service Credit applies.",
        ),
    );
    let stderr = validate_without_sla(lib.path());
    let a = lib.path().join("a.md").display().to_string();
    let b = lib.path().join("b.md").display().to_string();
    for (message, file) in [
        (
            "\"Widget\" is defined more than once (in sow.extra_a, sow.extra_b)",
            &b,
        ),
        (
            "\"sow.extra_a\" defines \"Gadget\" but does not declare it",
            &a,
        ),
        (
            "\"Gadget\" is defined in \"sow.extra_a\" but never used in this draft",
            &a,
        ),
        (
            "\"sow.extra_b\" declares \"Sprocket\" in `defines` but its text does not define it",
            &b,
        ),
        (
            "\"Service Credit\" is used in sow.extra_b but not defined in this draft",
            &b,
        ),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.contains(message))
            .unwrap_or_else(|| panic!("no \"{message}\" in:\n{stderr}"));
        assert!(line.contains(file.as_str()), "{line} names {file}");
    }
    assert!(
        stderr.contains("it is defined by sla.definition_service_credit, which is omitted"),
        "{stderr}"
    );
}
