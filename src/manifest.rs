//! The batch manifest (`DIR/manifest.json`): what a `batch` run rendered from what.
//!
//! Every output with its SHA-256, every input with its SHA-256, the library's digest,
//! the options, each rendered (deal, unit) with its stance and the digests that decide
//! whether `--changed-only` may skip it, and every failure. Keys and arrays are sorted
//! and nothing depends on the clock, so unchanged inputs give a byte-identical manifest,
//! and the manifests of shards merge ([`Manifest::merge`]) into the one a single
//! process writes.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// The manifest of one batch run (or of merged shards). Fields are in alphabetical
/// order, so the JSON's keys are sorted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The dealdraft version that wrote it.
    pub dealdraft: String,
    /// Every (deal, unit) that failed.
    pub failures: Vec<Failure>,
    /// Every input file (deals, the units spreadsheet) → its SHA-256.
    pub inputs: BTreeMap<String, String>,
    /// The library's digest ([`crate::Library::digest`]).
    pub library: String,
    /// How the documents were rendered.
    pub options: Options,
    /// Every rendered (deal, unit), with its outputs.
    pub units: Vec<Entry>,
}

/// The render options a manifest's outputs were made with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// `--check` (`report`) or `--check=error`; absent without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<String>,
    /// `--document`, as given (`["sow"]`, `["all"]`).
    pub documents: Vec<String>,
    /// `--final`.
    #[serde(rename = "final")]
    pub final_draft: bool,
    /// The formats (`md`, `pdf`, `docx`, `typ`), sorted.
    pub formats: Vec<String>,
    /// SHA-256 of the `--template` style, if one was used.
    pub template: Option<String>,
}

/// One rendered (deal, unit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// With `batch --check`: what `check` found for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<Findings>,
    /// The deal's id.
    pub deal: String,
    /// SHA-256 of the deal as written, without its business units (keys sorted).
    pub deal_digest: String,
    /// The deal file.
    pub input: String,
    /// Each output, relative to the output folder (`/`-separated) → its SHA-256.
    pub outputs: BTreeMap<String, String>,
    /// The stance the documents were drafted for.
    pub stance: String,
    /// The business unit, or `null` for the deal's own documents.
    pub unit: Option<String>,
    /// SHA-256 of the unit (id, name, overrides; keys sorted), if any.
    pub unit_digest: Option<String>,
}

/// One (deal, unit) that could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Failure {
    /// The deal's id, when the file got far enough to have one.
    pub deal: Option<String>,
    /// The problems, each as fields (file, line, column, field path, message, help).
    pub errors: Vec<Problem>,
    /// The deal file.
    pub input: String,
    /// The business unit, or `null` for the deal itself.
    pub unit: Option<String>,
}

/// One problem of a failed (deal, unit), as fields a pipeline can read. Fields are in
/// alphabetical order, so the JSON's keys are sorted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Problem {
    /// 1-based column in `file`, if known.
    pub column: Option<usize>,
    /// The file the problem is in (the deal, the units spreadsheet, a clause), if known.
    pub file: Option<String>,
    /// What to do about it, or what is allowed.
    pub help: Option<String>,
    /// 1-based line in `file`, if known.
    pub line: Option<usize>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The deal field (`sla.uptime_pct`), if the problem is about one.
    pub path: Option<String>,
}

impl From<&Diagnostic> for Problem {
    fn from(d: &Diagnostic) -> Problem {
        Problem {
            column: d.location.line_col.map(|(_, c)| c),
            file: d.location.file.as_ref().map(|f| f.display().to_string()),
            help: d.help.clone(),
            line: d.location.line_col.map(|(l, _)| l),
            message: d.message.clone(),
            path: d.location.path.as_ref().map(ToString::to_string),
        }
    }
}

/// What `check` found for one rendered (deal, unit), with `batch --check`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Findings {
    /// Findings below the playbook's walk-away position.
    pub errors: usize,
    /// Informational findings.
    pub info: usize,
    /// The rules that found something, each once, sorted.
    pub rules: Vec<String>,
    /// Findings weaker than the playbook asks.
    pub warnings: usize,
}

impl Manifest {
    /// Sorts the arrays (units by deal, unit and input; failures by input and unit), the
    /// order in which a manifest is written.
    pub fn sort(&mut self) {
        self.units.sort_by(Self::unit_order);
        self.failures.sort_by(Self::failure_order);
    }

    fn unit_order(a: &Entry, b: &Entry) -> std::cmp::Ordering {
        (&a.deal, &a.unit, &a.input).cmp(&(&b.deal, &b.unit, &b.input))
    }

    fn failure_order(a: &Failure, b: &Failure) -> std::cmp::Ordering {
        (&a.input, &a.unit, &a.deal, &a.errors).cmp(&(&b.input, &b.unit, &b.deal, &b.errors))
    }

    /// The manifest as written: sorted, pretty JSON, a final newline. A sorted manifest
    /// (as a batch makes it) is written as it is, without a sorted copy.
    pub fn to_json(&self) -> String {
        let sorted = self
            .units
            .is_sorted_by(|a, b| Self::unit_order(a, b).is_le())
            && self
                .failures
                .is_sorted_by(|a, b| Self::failure_order(a, b).is_le());
        let m = if sorted {
            Cow::Borrowed(self)
        } else {
            let mut m = self.clone();
            m.sort();
            Cow::Owned(m)
        };
        let mut s = serde_json::to_string_pretty(&m).expect("a manifest serialises");
        s.push('\n');
        s
    }

    /// Reads a manifest file.
    pub fn read(path: &Path) -> Result<Manifest, Diagnostic> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Diagnostic::error(format!("cannot read the manifest: {e}")).in_file(path)
        })?;
        serde_json::from_str(&text).map_err(|e| {
            Diagnostic::error(format!("not a dealdraft manifest: {e}"))
                .in_file(path)
                .line_col(e.line(), e.column())
        })
    }

    /// Joins the manifests of shards of one batch (same version, library and options)
    /// into the manifest that one process rendering every shard writes. Refuses
    /// manifests that disagree: another library or options, an input with two digests,
    /// a (deal, unit) in two shards.
    pub fn merge(parts: &[(String, Manifest)]) -> Result<Manifest, Diagnostics> {
        let mut problems = Diagnostics::new();
        let Some((first_name, first)) = parts.first() else {
            return Err(Diagnostic::error("no manifests to merge").into());
        };
        let mut merged = Manifest {
            dealdraft: first.dealdraft.clone(),
            failures: Vec::new(),
            inputs: BTreeMap::new(),
            library: first.library.clone(),
            options: first.options.clone(),
            units: Vec::new(),
        };
        let mut seen: BTreeMap<(String, Option<String>), &str> = BTreeMap::new();
        for (name, m) in parts {
            let differs = |what: &str| {
                Diagnostic::error(format!("{what} differs from {first_name}'s"))
                    .in_file(name)
                    .help("merge the shards of one batch: same dealdraft, library and options")
            };
            if m.dealdraft != merged.dealdraft {
                problems.push(differs("the dealdraft version"));
            }
            if m.library != merged.library {
                problems.push(differs("the library digest"));
            }
            if m.options != merged.options {
                problems.push(differs("the render options"));
            }
            for (input, digest) in &m.inputs {
                match merged.inputs.get(input) {
                    Some(d) if d != digest => problems.push(
                        Diagnostic::error(format!("input {input} has another digest"))
                            .in_file(name)
                            .help("the shards were rendered from different files"),
                    ),
                    Some(_) => {}
                    None => {
                        merged.inputs.insert(input.clone(), digest.clone());
                    }
                }
            }
            for e in &m.units {
                let key = (e.deal.clone(), e.unit.clone());
                if let Some(other) = seen.insert(key, name) {
                    problems.push(
                        Diagnostic::error(format!(
                            "deal {}{} is also in {other}",
                            e.deal,
                            e.unit
                                .as_deref()
                                .map(|u| format!(", unit {u},"))
                                .unwrap_or_default()
                        ))
                        .in_file(name)
                        .help("each shard renders its own slice: the same --shard N for all"),
                    );
                }
                merged.units.push(e.clone());
            }
            for f in &m.failures {
                if !merged.failures.contains(f) {
                    merged.failures.push(f.clone());
                }
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        merged.sort();
        Ok(merged)
    }
}

/// SHA-256 of a JSON value with every object's keys sorted: the same data, the same
/// digest, whatever the order in the file.
pub fn json_digest(v: &Value) -> String {
    crate::output::sha256_hex(canonical(v).to_string().as_bytes())
}

fn canonical(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let sorted: BTreeMap<&String, Value> =
                m.iter().map(|(k, v)| (k, canonical(v))).collect();
            Value::Object(sorted.into_iter().map(|(k, v)| (k.clone(), v)).collect())
        }
        Value::Array(a) => Value::Array(a.iter().map(canonical).collect()),
        _ => v.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(deal: &str, unit: Option<&str>) -> Entry {
        Entry {
            check: None,
            deal: deal.into(),
            deal_digest: "d".into(),
            input: format!("{deal}.json"),
            outputs: BTreeMap::new(),
            stance: "preferred".into(),
            unit: unit.map(str::to_string),
            unit_digest: None,
        }
    }

    fn manifest(units: Vec<Entry>) -> Manifest {
        Manifest {
            dealdraft: "0".into(),
            failures: vec![],
            inputs: [("a.json".to_string(), "x".to_string())].into(),
            library: "lib".into(),
            options: Options::default(),
            units,
        }
    }

    #[test]
    fn digests_ignore_key_order() {
        let a: Value = serde_json::from_str(r#"{"b": 1, "a": {"y": 2, "x": 3}}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"a": {"x": 3, "y": 2}, "b": 1}"#).unwrap();
        assert_eq!(json_digest(&a), json_digest(&b));
    }

    #[test]
    fn merge_joins_shards_and_refuses_overlaps() {
        let one = manifest(vec![entry("b", None), entry("a", Some("u"))]);
        let a = manifest(vec![entry("a", Some("u"))]);
        let b = manifest(vec![entry("b", None)]);
        let merged = Manifest::merge(&[("b".into(), b.clone()), ("a".into(), a.clone())]).unwrap();
        assert_eq!(merged.to_json(), one.to_json());
        assert!(Manifest::merge(&[("a".into(), a.clone()), ("a2".into(), a.clone())]).is_err());
        let mut other = b;
        other.library = "other".into();
        assert!(Manifest::merge(&[("a".into(), a), ("b".into(), other)]).is_err());
    }
}
