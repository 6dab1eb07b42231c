//! Business units from spreadsheets as people save them (issue 28): a `;`- or tab-separated
//! export (Excel's default where the decimal mark is a comma), a decimal comma, a misspelt
//! column, a row whose cells do not line up — each told clearly, and a bad row failing
//! only its own unit.

use crate::common::{cmd, example_json, write_deal};

/// `batch` over the minimal deal with `csv` as its units: (exit code, stderr, out folder).
fn run(csv: &str, extra: &[&str]) -> (i32, String, tempfile::TempDir) {
    let tmp = tempfile::tempdir().unwrap();
    let deals = tmp.path().join("deals");
    std::fs::create_dir(&deals).unwrap();
    write_deal(&deals, "minimal.json", &example_json("minimal.json"));
    std::fs::write(tmp.path().join("units.csv"), csv).unwrap();
    let o = cmd()
        .current_dir(tmp.path())
        .args([
            "batch",
            "deals",
            "--units",
            "units.csv",
            "--out",
            "out",
            "-q",
        ])
        .args(extra)
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
        tmp,
    )
}

fn sow(tmp: &tempfile::TempDir, unit: &str) -> Option<String> {
    std::fs::read_to_string(tmp.path().join(format!("out/minimal/{unit}/sow.md"))).ok()
}

#[test]
fn a_semicolon_or_tab_separated_export_is_read_as_such() {
    for sep in [";", "\t"] {
        let csv = format!(
            "\u{feff}id{sep}name{sep}sla.uptime_pct{sep}deal.customer.legal_name\nops{sep}Operations{sep}99.95{sep}Ops Holdings Ltd\n"
        );
        let (code, stderr, tmp) = run(&csv, &[]);
        assert_eq!(code, 0, "{sep:?}: {stderr}");
        let text = sow(&tmp, "ops").unwrap_or_else(|| panic!("{sep:?}: no unit SOW"));
        assert!(
            text.contains("Ops Holdings Ltd") && text.contains("99.95%"),
            "{sep:?}"
        );
    }
}

#[test]
fn a_decimal_comma_is_named_with_the_cell_as_it_should_read() {
    // In a ;-separated file the comma stays in its cell.
    let (code, stderr, tmp) = run(
        "id;name;sla.uptime_pct\nops;Operations;99,95\nlab;Lab;99.9\n",
        &[],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("units.csv:2:3: sla.uptime_pct: \"99,95\" is not a number"),
        "{stderr}"
    );
    assert!(
        stderr.contains("write the number with a decimal point: 99.95"),
        "{stderr}"
    );
    assert!(sow(&tmp, "ops").is_none());
    assert!(sow(&tmp, "lab").is_some(), "the good row is rendered");

    // Unquoted in a ,-separated file it splits its row: that unit fails, the others do not.
    let (code, stderr, tmp) = run(
        "id,name,sla.uptime_pct\nops,Operations,99,95\nlab,Lab,99.9\n",
        &[],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("units.csv:2:1: this row has 4 cells where the header row has 3"),
        "{stderr}"
    );
    assert!(
        stderr.contains("a decimal comma in an unquoted cell"),
        "{stderr}"
    );
    assert!(sow(&tmp, "ops").is_none());
    assert!(sow(&tmp, "lab").is_some(), "the good row is rendered");
}

#[test]
fn a_misspelt_column_gets_a_did_you_mean() {
    let (code, stderr, _tmp) = run("id,name,sla.uptim_pct\nx,X,99.9\n", &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("units.csv:1:3: column \"sla.uptim_pct\": the deal has no field `sla.uptim_pct` (did you mean `sla.uptime_pct`?)"),
        "{stderr}"
    );
    let (_, stderr, _tmp) = run("id,name,suport.languages\nx,X,English\n", &[]);
    assert!(stderr.contains("(did you mean `support`?)"), "{stderr}");
}

#[test]
fn the_separator_is_detected_from_the_header_row() {
    use dealdraft::units::detect_delimiter;
    assert_eq!(detect_delimiter("id,name,sla.uptime_pct\n"), b',');
    assert_eq!(detect_delimiter("id;name;sla.uptime_pct\n1,5;x;y\n"), b';');
    assert_eq!(detect_delimiter("id\tname\n"), b'\t');
    // Quoted separators do not count; a one-column file is comma-separated.
    assert_eq!(detect_delimiter("\"a;b;c\",name\n"), b',');
    assert_eq!(detect_delimiter("id\n"), b',');
}

#[test]
fn the_separator_can_be_given() {
    // A header with no separator in it at all, and a cell holding commas: told to use `;`.
    let (code, stderr, tmp) = run(
        "id;name;deal.customer.legal_name\nops;Operations;Ops, Holdings, Ltd\n",
        &["--delimiter", ";"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(sow(&tmp, "ops").unwrap().contains("Ops, Holdings, Ltd"));
    let (code, stderr, _tmp) = run("id,name\n", &["--delimiter", "|"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("\"|\" is not a separator; use `,`, `;` or `tab`"),
        "{stderr}"
    );
}

/// `check --units`: each row is checked as `batch --units` renders it, and a finding on a
/// field the row sets is placed at its cell (issue 28).
#[test]
fn check_reads_the_units_spreadsheet_and_places_findings_at_their_cells() {
    let tmp = tempfile::tempdir().unwrap();
    write_deal(tmp.path(), "bank.json", &example_json("global-bank.json"));
    std::fs::write(
        tmp.path().join("units.csv"),
        "id;name;sla.credit_cap_pct\nplants;Plants;10\nlab;Lab;\n",
    )
    .unwrap();
    let o = cmd()
        .current_dir(tmp.path())
        .args(["check", "bank.json", "--units", "units.csv"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(
            "unit plants, preferred stance)\nerror[sla.credit-cap-low]: Service-credit cap below 25% of monthly fees (SLA-3)\n  --> units.csv:2:3: sla.credit_cap_pct\n"
        ),
        "{stdout}"
    );
    // The deal and the other row have no such finding.
    assert_eq!(
        stdout.matches("error[sla.credit-cap-low]").count(),
        1,
        "{stdout}"
    );
    assert!(stdout.contains("unit lab, preferred stance)"), "{stdout}");
    // A bad cell is bad input, at its cell.
    std::fs::write(
        tmp.path().join("units.csv"),
        "id;name;sla.uptime_pct\nplants;Plants;99,95\n",
    )
    .unwrap();
    let o = cmd()
        .current_dir(tmp.path())
        .args(["check", "bank.json", "--units", "units.csv"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("units.csv:2:3: sla.uptime_pct: \"99,95\" is not a number"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// `batch --check`: findings per unit in the manifest and the summary; `--check=error`
/// fails a unit with an error-level finding, with the finding as a structured failure
/// (issue 28).
#[test]
fn batch_checks_each_unit_and_the_error_gate_fails_only_that_unit() {
    let csv = "id;name;sla.credit_cap_pct\nplants;Plants;15\nlab;Lab;\n";
    let (code, stderr, tmp) = run(csv, &["--check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(sow(&tmp, "plants").is_some() && sow(&tmp, "lab").is_some());
    let m: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(tmp.path().join("out/manifest.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(m["options"]["check"], "report");
    let entry = |unit: &str| {
        m["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["unit"] == unit)
            .cloned()
            .unwrap()
    };
    let plants = entry("plants");
    assert!(
        plants["check"]["rules"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("sla.credit-cap-low")),
        "{plants}"
    );
    assert!(plants["check"]["errors"].as_u64().unwrap() >= 1, "{plants}");
    assert!(
        !entry("lab")["check"]["rules"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("sla.credit-cap-low"))
    );

    let (code, stderr, tmp) = run(csv, &["--check=error"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(sow(&tmp, "plants").is_none(), "nothing written for it");
    assert!(sow(&tmp, "lab").is_some(), "{stderr}");
    assert!(
        stderr.contains("units.csv:2:3: sla.credit_cap_pct: [sla.credit-cap-low] Service-credit cap below 25% of monthly fees"),
        "{stderr}"
    );
    let m: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(tmp.path().join("out/manifest.json")).unwrap(),
    )
    .unwrap();
    let failure = &m["failures"][0];
    assert_eq!(failure["unit"], "plants");
    let problem = failure["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| {
            p["message"]
                .as_str()
                .unwrap()
                .starts_with("[sla.credit-cap-low]")
        })
        .unwrap_or_else(|| panic!("{failure}"));
    assert_eq!(
        (
            &problem["file"],
            &problem["line"],
            &problem["column"],
            &problem["path"]
        ),
        (
            &serde_json::json!("units.csv"),
            &serde_json::json!(2),
            &serde_json::json!(3),
            &serde_json::json!("sla.credit_cap_pct")
        )
    );
}

/// Without `--check`, the manifest is as it was: no `check` key anywhere.
#[test]
fn a_batch_without_check_writes_no_check_keys() {
    let (code, stderr, tmp) = run("id;name\nlab;Lab\n", &[]);
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(tmp.path().join("out/manifest.json")).unwrap();
    assert!(!text.contains("\"check\""), "{text}");
}

/// A column in the deal's one path syntax may name a field of one list item, by selector or
/// index: the unit changes that item of the deal's list (here the playbook's, as the minimal
/// deal sets none) and nothing else; a selector that matches no item fails its unit only,
/// at its cell, with the items the deal has; a misspelt selector field gets a "did you mean".
#[test]
fn a_column_can_name_one_field_of_one_list_item() {
    let (code, stderr, tmp) = run(
        "id;name;support.severities[level=P1].response_minutes;sla.credit_tiers[0].credit_pct\n\
         ops;Operations;15;12\nlab;Lab;;\n",
        &[],
    );
    assert_eq!(code, 0, "{stderr}");
    let (ops, lab) = (sow(&tmp, "ops").unwrap(), sow(&tmp, "lab").unwrap());
    let p1 = |t: &str| {
        t.lines()
            .find(|l| l.starts_with("| P1 |"))
            .map(str::to_string)
            .unwrap()
    };
    assert!(
        p1(&ops).contains("| fifteen (15) minutes |"),
        "{}",
        p1(&ops)
    );
    assert!(p1(&lab).contains("| one (1) hour |"), "{}", p1(&lab));
    let p2 = |t: &str| {
        t.lines()
            .find(|l| l.starts_with("| P2 |"))
            .map(str::to_string)
    };
    assert_eq!(p2(&ops), p2(&lab), "the other severities are the deal's");
    assert!(
        ops.contains("- the severity levels and response times; and\n- the service credit table."),
        "the call-off names both changed terms"
    );
    assert!(lab.contains("This SOW changes no term of the Master SOW."));

    let (code, stderr, tmp) = run(
        "id;name;support.severities[level=P9].response_minutes\nops;Operations;15\nlab;Lab;\n",
        &[],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "units.csv:2:3: the deal has no `support.severities[level=P9].response_minutes`"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("`support.severities` has: [level=P1], [level=P2], [level=P3], [level=P4]"),
        "{stderr}"
    );
    assert!(sow(&tmp, "ops").is_none());
    assert!(sow(&tmp, "lab").is_some(), "the other unit is rendered");

    let (code, stderr, _tmp) = run(
        "id;name;support.severities[levl=P1].response_minutes\nops;Operations;15\n",
        &[],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("have no field `levl` to select by (did you mean `level`?)"),
        "{stderr}"
    );
}

/// `check --units` reads the same columns: a unit's slower P1 response is a finding located
/// at its cell.
#[test]
fn check_units_locates_a_finding_at_a_list_item_cell() {
    let tmp = tempfile::tempdir().unwrap();
    write_deal(tmp.path(), "bank.json", &example_json("global-bank.json"));
    std::fs::write(
        tmp.path().join("units.csv"),
        "id,name,support.severities[level=P1].response_minutes\nslow,Slow Unit,120\n",
    )
    .unwrap();
    let o = cmd()
        .current_dir(tmp.path())
        .args([
            "check",
            "bank.json",
            "--units",
            "units.csv",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let unit = report["deals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["unit"] == "slow")
        .expect("the unit is checked");
    let finding = unit["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "support.severities[0].response_minutes")
        .unwrap_or_else(|| panic!("a P1 finding: {unit}"));
    assert_eq!(finding["set_by"], "unit", "{finding}");
    assert_eq!(finding["location"]["line"], 2, "{finding}");
    assert_eq!(finding["location"]["column"], 3, "{finding}");
}
