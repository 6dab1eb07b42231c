//! Helpers shared by the test modules.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use dealdraft::deal::Source;
use dealdraft::{Library, Resolved};
use serde_json::Value;

/// The built-in library, loaded once.
pub static LIBRARY: LazyLock<Library> =
    LazyLock::new(|| Library::builtin().expect("built-in library loads"));

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every example deal, sorted.
pub fn examples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    v.sort();
    assert!(v.len() >= 3, "expected at least three examples");
    v
}

/// An example's JSON.
pub fn example_json(name: &str) -> Value {
    let text = std::fs::read_to_string(root().join("examples").join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Resolves a deal given as JSON.
pub fn resolve(json: &Value) -> Result<Resolved, dealdraft::Diagnostics> {
    let src = Source::parse("test.json", serde_json::to_string_pretty(json).unwrap()).unwrap();
    dealdraft::resolve::resolve(&src, &LIBRARY)
}

/// The SOW (with annexes) as Markdown, or the problems.
pub fn render_md(json: &Value, document: &str) -> Result<String, dealdraft::Diagnostics> {
    let deal = resolve(json)?;
    let r = dealdraft::render_deal(
        &deal,
        &LIBRARY,
        &dealdraft::RenderOptions {
            documents: vec![document.to_string()],
            ..Default::default()
        },
    )?;
    Ok(String::from_utf8(r.files[0].1.clone()).unwrap())
}

/// Applies a JSON Merge Patch.
pub fn patched(base: &Value, patch: Value) -> Value {
    let mut v = base.clone();
    json_patch_merge(&mut v, &patch);
    v
}

fn json_patch_merge(doc: &mut Value, patch: &Value) {
    if let Value::Object(p) = patch {
        if !doc.is_object() {
            *doc = Value::Object(Default::default());
        }
        let d = doc.as_object_mut().unwrap();
        for (k, v) in p {
            if v.is_null() {
                // Tests use explicit null as "none" (not removal): keep it.
                d.insert(k.clone(), Value::Null);
            } else {
                json_patch_merge(d.entry(k.clone()).or_insert(Value::Null), v);
            }
        }
    } else {
        *doc = patch.clone();
    }
}

/// Writes `json` to a file in `dir` and returns its path.
pub fn write_deal(dir: &Path, name: &str, json: &Value) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(json).unwrap()).unwrap();
    p
}

/// The `dealdraft` binary.
pub fn cmd() -> assert_cmd::Command {
    assert_cmd::cargo::cargo_bin_cmd!("dealdraft")
}

/// All text of a Markdown document as a reader sees it, via pulldown-cmark.
pub fn markdown_text(md: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser};
    let mut s = String::new();
    for e in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match e {
            Event::Text(t) => s.push_str(&t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            Event::End(_) => s.push('\n'),
            _ => {}
        }
    }
    // The wording, with quotation marks folded (their style has its own test).
    crate::counsel::fold_quotes(&s)
}

/// The documents of a full deal, main first.
pub const DOCUMENTS: [&str; 6] = [
    "sow",
    "sla-annex",
    "support-annex",
    "training-annex",
    "data-annex",
    "exit-annex",
];

/// Runs a command that must fail as bad input (exit 2) and returns its stderr.
pub fn exit_2(command: &mut assert_cmd::Command) -> String {
    let out = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(2),
        "expected exit code 2; stderr:\n{stderr}"
    );
    stderr
}

/// Every file under `dir` (relative path, with `/`), with its bytes; nothing for a folder
/// that does not exist.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// A test needs an external tool that is not here. Under CI (`CI` set and not `false`/`0`)
/// the test fails: a skip must never pass there. Locally the test goes on without the
/// tool's checks, and says so on the terminal: written straight to stderr, past the
/// capture in which `cargo test` hides the output of a test that passes.
pub fn tool_missing(what: &str) {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    assert!(
        !ci,
        "{what} — CI is set, and a test that needs a tool must not skip there"
    );
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED: {what}");
}
