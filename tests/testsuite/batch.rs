//! `dealdraft batch`: many deals and their units, failures that stop nothing, the units
//! spreadsheet, refused collisions, the manifest, `--changed-only` and shards.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::common::{cmd, example_json, exit_2, patched, root, write_deal};

/// Runs `dealdraft batch ARGS` in `dir`; returns (exit code, stderr).
fn batch(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = cmd()
        .current_dir(dir)
        .arg("batch")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every file under `dir`, relative, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    v.sort();
    v
}

fn manifest(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A folder `deals/` with the bank (three units) and the minimal deal.
fn portfolio(tmp: &Path) -> PathBuf {
    let deals = tmp.join("deals");
    std::fs::create_dir_all(&deals).unwrap();
    write_deal(&deals, "bank.json", &example_json("global-bank.json"));
    write_deal(&deals, "minimal.json", &example_json("minimal.json"));
    deals
}

const BANK: &str = "northwind-bank-openai-2027";

#[test]
fn a_broken_deal_and_a_broken_unit_fail_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let deals = portfolio(tmp.path());
    // The bank's "markets" unit asks for an impossible uptime.
    let mut bank = example_json("global-bank.json");
    bank["business_units"][1]["overrides"]["sla"]["uptime_pct"] = json!(150);
    write_deal(&deals, "bank.json", &bank);
    // A deal whose SLA is malformed.
    std::fs::write(
        deals.join("broken.json"),
        "{\n  \"schema_version\": 1,\n  \"deal\": {\"id\": \"broken-deal\"},\n  \"sla\": {\"uptime_pct\": \"high\"}\n}\n",
    )
    .unwrap();
    // Skipped: schema files and hidden folders (this copy would collide with minimal).
    std::fs::write(deals.join("deal.schema.json"), "{}").unwrap();
    std::fs::create_dir(deals.join(".old")).unwrap();
    write_deal(
        &deals.join(".old"),
        "minimal.json",
        &example_json("minimal.json"),
    );

    let (code, stderr) = batch(tmp.path(), &["deals", "--out", "out"]);
    assert_eq!(code, 1, "{stderr}");
    let out = tmp.path().join("out");
    assert_eq!(
        files(&out),
        [
            "manifest.json".to_string(),
            "minimal/sow.md".into(),
            format!("{BANK}/retail/sow.md"),
            format!("{BANK}/sow.md"),
            format!("{BANK}/wealth/sow.md"),
        ],
        "{stderr}"
    );
    // Both failures listed, each with its file, line and field path.
    assert!(
        stderr.contains("failed: deals/broken.json (deal broken-deal)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("deals/broken.json:4:") && stderr.contains("sla.uptime_pct"),
        "{stderr}"
    );
    assert!(stderr.contains("unit markets)"), "{stderr}");
    assert!(
        stderr.contains("deals/bank.json:")
            && stderr.contains("business_units[1].overrides.sla.uptime_pct"),
        "{stderr}"
    );
    // One plain line per deal when stderr is not a terminal.
    assert!(
        stderr.contains(&format!(
            "FAILED {BANK} (deals/bank.json): 3 rendered (3 files), 0 unchanged, 1 failed"
        )),
        "{stderr}"
    );
    let m = manifest(&out.join("manifest.json"));
    let failures: Vec<(&str, Value)> = m["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["input"].as_str().unwrap(), f["unit"].clone()))
        .collect();
    assert_eq!(
        failures,
        [
            ("deals/bank.json", json!("markets")),
            ("deals/broken.json", Value::Null)
        ]
    );
    assert_eq!(m["units"].as_array().unwrap().len(), 4);

    // --quiet: no progress lines, but the failures still.
    let (code, stderr) = batch(tmp.path(), &["deals", "--out", "out", "--quiet"]);
    assert_eq!(code, 1);
    assert!(!stderr.contains("FAILED "), "{stderr}");
    assert!(stderr.contains("failed: deals/broken.json"), "{stderr}");
}

#[test]
fn units_from_a_spreadsheet() {
    let tmp = tempfile::tempdir().unwrap();
    let deals = tmp.path().join("deals");
    std::fs::create_dir(&deals).unwrap();
    write_deal(&deals, "minimal.json", &example_json("minimal.json"));
    std::fs::write(
        tmp.path().join("units.csv"),
        "id,name,sla.uptime_pct,support.languages,deal.customer.legal_name,sla.credits_automatic\n\
         ops,Operations,99.95,English;German,Ops Holdings Ltd,true\n\
         lab,Research Lab,abc,,,\n\
         hr,People,,,,maybe\n",
    )
    .unwrap();
    let (code, stderr) = batch(
        tmp.path(),
        &["deals", "--units", "units.csv", "--out", "out", "-q"],
    );
    assert_eq!(code, 1, "{stderr}");
    let out = tmp.path().join("out");
    assert_eq!(
        files(&out),
        ["manifest.json", "minimal/ops/sow.md", "minimal/sow.md"],
        "{stderr}"
    );
    let sow = std::fs::read_to_string(out.join("minimal/ops/sow.md")).unwrap();
    for want in [
        "Operations business unit",
        "Ops Holdings Ltd",
        "99.95",
        "German",
    ] {
        assert!(sow.contains(want), "{want} missing from the unit's SOW");
    }
    // Bad cells: file:row:column, the field, what is allowed.
    assert!(
        stderr.contains("units.csv:3:3: sla.uptime_pct: \"abc\" is not a number"),
        "{stderr}"
    );
    assert!(stderr.contains("help: a number"), "{stderr}");
    assert!(
        stderr.contains("units.csv:4:6: sla.credits_automatic: \"maybe\" is not true or false"),
        "{stderr}"
    );
    let m = manifest(&out.join("manifest.json"));
    assert!(m["inputs"]["units.csv"].is_string());
    let ops = m["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == "ops")
        .unwrap();
    assert!(ops["unit_digest"].is_string());

    // A column that is not a deal field is bad usage: nothing rendered.
    std::fs::write(
        tmp.path().join("bad.csv"),
        "id,name,sla.uptim_pct\nx,X,99.9\n",
    )
    .unwrap();
    let stderr = exit_2(
        cmd()
            .current_dir(tmp.path())
            .args(["batch", "deals", "--units", "bad.csv", "--out", "out2"]),
    );
    assert!(stderr.contains("bad.csv:1:3"), "{stderr}");
    assert!(!tmp.path().join("out2").exists());
}

#[test]
fn two_outputs_on_one_path_are_refused_before_anything_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let deals = portfolio(tmp.path());
    let copy = patched(
        &example_json("minimal.json"),
        json!({"deal": {"title": "Another deal, same id"}}),
    );
    write_deal(&deals, "minimal-copy.json", &copy);
    let stderr = exit_2(
        cmd()
            .current_dir(tmp.path())
            .args(["batch", "deals", "--out", "out"]),
    );
    assert!(
        stderr.contains("deals/minimal.json") && stderr.contains("deals/minimal-copy.json"),
        "{stderr}"
    );
    assert!(stderr.contains("out/minimal"), "{stderr}");
    assert!(!tmp.path().join("out").exists(), "nothing is written");

    // A spreadsheet unit with the id of one of the deal's own units collides too.
    std::fs::remove_file(deals.join("minimal-copy.json")).unwrap();
    std::fs::write(
        tmp.path().join("units.csv"),
        "id,name\nretail,Retail Again\n",
    )
    .unwrap();
    let stderr = exit_2(cmd().current_dir(tmp.path()).args([
        "batch",
        "deals",
        "--units",
        "units.csv",
        "--out",
        "out",
    ]));
    assert!(stderr.contains(&format!("out/{BANK}/retail")), "{stderr}");
    assert!(!tmp.path().join("out").exists(), "nothing is written");
}

#[test]
fn the_manifest_is_deterministic() {
    let tmp = tempfile::tempdir().unwrap();
    portfolio(tmp.path());
    let (code, stderr) = batch(tmp.path(), &["deals", "--out", "a", "-j", "1", "-q"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _) = batch(tmp.path(), &["deals", "--out", "b", "-j", "2", "-q"]);
    assert_eq!(code, 0);
    let (code, _) = batch(tmp.path(), &["deals", "--out", "a", "-q"]);
    assert_eq!(code, 0);
    let a = std::fs::read(tmp.path().join("a/manifest.json")).unwrap();
    let b = std::fs::read(tmp.path().join("b/manifest.json")).unwrap();
    assert_eq!(a, b, "same inputs, same manifest bytes");

    let m: Value = serde_json::from_slice(&a).unwrap();
    let bank = example_json("global-bank.json");
    assert_eq!(m["units"].as_array().unwrap().len(), 5);
    assert_eq!(
        m["inputs"]["deals/bank.json"],
        dealdraft::output::sha256_hex(&std::fs::read(tmp.path().join("deals/bank.json")).unwrap())
    );
    assert_eq!(m["library"].as_str().unwrap().len(), 64);
    for u in m["units"].as_array().unwrap() {
        assert_eq!(u["stance"], "preferred");
        for (rel, sha) in u["outputs"].as_object().unwrap() {
            let bytes = std::fs::read(tmp.path().join("a").join(rel)).unwrap();
            assert_eq!(sha, &dealdraft::output::sha256_hex(&bytes));
        }
    }
    let units: Vec<&str> = m["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| u["unit"].as_str())
        .collect();
    let expected: Vec<&str> = bank["business_units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(units, expected);
}

#[cfg(unix)]
fn inodes(dir: &Path) -> BTreeMap<String, u64> {
    use std::os::unix::fs::MetadataExt;
    files(dir)
        .into_iter()
        .filter(|f| f.ends_with(".md"))
        .map(|f| {
            let ino = std::fs::metadata(dir.join(&f)).unwrap().ino();
            (f, ino)
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn changed_only_renders_exactly_the_edited_unit() {
    let tmp = tempfile::tempdir().unwrap();
    let deals = portfolio(tmp.path());
    let (code, stderr) = batch(tmp.path(), &["deals", "--out", "out"]);
    assert_eq!(code, 0, "{stderr}");
    let out = tmp.path().join("out");
    let before = inodes(&out);

    // Nothing changed: nothing rendered.
    let (code, stderr) = batch(tmp.path(), &["deals", "--out", "out", "--changed-only"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("0 rendered (0 files), 5 unchanged"),
        "{stderr}"
    );
    assert_eq!(inodes(&out), before);

    // Edit one unit of the bank deal.
    let mut bank = example_json("global-bank.json");
    bank["business_units"][2]["overrides"]["training"]["tailored_content"] = json!(false);
    write_deal(&deals, "bank.json", &bank);
    let (code, stderr) = batch(tmp.path(), &["deals", "--out", "out", "--changed-only"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "ok {BANK} (deals/bank.json): 1 rendered (1 files), 3 unchanged"
        )),
        "{stderr}"
    );
    let after = inodes(&out);
    let changed: Vec<&String> = after
        .iter()
        .filter(|(f, ino)| before.get(*f) != Some(ino))
        .map(|(f, _)| f)
        .collect();
    assert_eq!(changed, [&format!("{BANK}/wealth/sow.md")]);

    // The manifest is the one a full run writes.
    let (code, _) = batch(tmp.path(), &["deals", "--out", "full", "-q"]);
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read(out.join("manifest.json")).unwrap(),
        std::fs::read(tmp.path().join("full/manifest.json")).unwrap()
    );

    // A deleted output is rendered again.
    std::fs::remove_file(out.join("minimal/sow.md")).unwrap();
    let (code, stderr) = batch(tmp.path(), &["deals", "--out", "out", "--changed-only"]);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("ok minimal (deals/minimal.json): 1 rendered"),
        "{stderr}"
    );

    // So is an output whose bytes are not the manifest's (edited by hand, or emptied by
    // a crash of the machine before the run's sync), and it comes back as it was.
    let retail = out.join(format!("{BANK}/retail/sow.md"));
    let original = std::fs::read(&retail).unwrap();
    std::fs::write(&retail, b"").unwrap();
    let (code, stderr) = batch(tmp.path(), &["deals", "--out", "out", "--changed-only"]);
    assert_eq!(code, 0);
    assert!(
        stderr.contains(&format!(
            "ok {BANK} (deals/bank.json): 1 rendered (1 files), 3 unchanged"
        )),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&retail).unwrap(), original);
}

#[test]
fn shards_partition_the_units_and_merge_into_the_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let deals = portfolio(tmp.path());
    write_deal(
        &deals,
        "health.json",
        &example_json("healthcare-azure.json"),
    );
    std::fs::write(
        tmp.path().join("units.csv"),
        "id,name,support.languages\nops,Operations,English;Dutch\n",
    )
    .unwrap();
    let common = ["deals", "--units", "units.csv", "-q"];
    let (code, stderr) = batch(tmp.path(), &[&common[..], &["--out", "all"]].concat());
    assert_eq!(code, 0, "{stderr}");
    let all = files(&tmp.path().join("all"));

    let mut seen: Vec<String> = Vec::new();
    for k in 1..=3 {
        let out = format!("shard-{k}");
        let shard = format!("{k}/3");
        let (code, stderr) = batch(
            tmp.path(),
            &[&common[..], &["--out", &out, "--shard", &shard]].concat(),
        );
        assert_eq!(code, 0, "{stderr}");
        let got: Vec<String> = files(&tmp.path().join(&out))
            .into_iter()
            .filter(|f| f != "manifest.json")
            .collect();
        assert!(!got.is_empty(), "shard {k} has work");
        for f in &got {
            assert!(!seen.contains(f), "{f} in two shards");
        }
        seen.extend(got);
    }
    seen.push("manifest.json".into());
    seen.sort();
    assert_eq!(seen, all, "the shards cover the whole list");

    let merged = cmd()
        .current_dir(tmp.path())
        .args([
            "manifest",
            "merge",
            "shard-2/manifest.json",
            "shard-1/manifest.json",
            "shard-3/manifest.json",
        ])
        .output()
        .unwrap();
    assert_eq!(merged.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(merged.stdout).unwrap(),
        std::fs::read_to_string(tmp.path().join("all/manifest.json")).unwrap(),
        "merged shards = one process, byte for byte"
    );

    // A shard twice is refused.
    let stderr = exit_2(cmd().current_dir(tmp.path()).args([
        "manifest",
        "merge",
        "shard-1/manifest.json",
        "shard-1/manifest.json",
    ]));
    assert!(stderr.contains("is also in"), "{stderr}");
    // So is a shard that is not K/N.
    exit_2(
        cmd()
            .current_dir(tmp.path())
            .args(["batch", "deals", "--shard", "4/3"]),
    );
}

#[test]
fn pdf_and_markdown_of_one_deal() {
    let tmp = tempfile::tempdir().unwrap();
    let deals = tmp.path().join("deals");
    std::fs::create_dir(&deals).unwrap();
    write_deal(&deals, "minimal.json", &example_json("minimal.json"));
    let (code, stderr) = batch(tmp.path(), &["deals", "--format", "md,pdf", "--out", "out"]);
    assert_eq!(code, 0, "{stderr}");
    let out = tmp.path().join("out");
    assert_eq!(
        files(&out),
        ["manifest.json", "minimal/sow.md", "minimal/sow.pdf"]
    );
    assert!(
        std::fs::read(out.join("minimal/sow.pdf"))
            .unwrap()
            .starts_with(b"%PDF")
    );
    let m = manifest(&out.join("manifest.json"));
    assert_eq!(m["options"]["formats"], json!(["md", "pdf"]));
    assert!(m["units"][0]["outputs"]["minimal/sow.pdf"].is_string());
    // The examples folder itself: its schema folder is skipped.
    let (code, stderr) = batch(
        &root(),
        &[
            "examples",
            "--out",
            tmp.path().join("examples-out").to_str().unwrap(),
            "-q",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
}
