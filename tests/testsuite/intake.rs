//! `dealdraft intake` over the vendor-paper corpus (`tests/papers/`: our own papers in a
//! dozen house styles, each with the values it states): every value read where the paper
//! states it, precision and recall per field printed over the corpus, parties, and what
//! must be reported as not understood.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dealdraft::intake::{Intake, intake_file, leaves};
use serde_json::Value;

use crate::common::{LIBRARY, root};

/// A paper of the corpus and what it must yield.
pub struct Case {
    pub name: String,
    pub expected: toml::Table,
    /// The paper file (a `.docx` zipped from its parts into a temporary folder).
    pub path: PathBuf,
    _dir: Option<tempfile::TempDir>,
}

/// Zips a folder of package parts (in sorted path order) into a `.docx`.
pub fn zip_docx(parts: &Path, to: &Path) {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(parts)
        .into_iter()
        .map(|e| e.unwrap().path().to_path_buf())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut z = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for f in files {
        let name = f
            .strip_prefix(parts)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        z.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut z, &std::fs::read(&f).unwrap()).unwrap();
    }
    z.finish().unwrap();
}

/// Every paper of the corpus, in order.
pub fn corpus() -> Vec<Case> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/papers"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 10, "the corpus has {} papers", dirs.len());
    dirs.into_iter()
        .map(|d| {
            let expected: toml::Table =
                toml::from_str(&std::fs::read_to_string(d.join("expected.toml")).unwrap())
                    .unwrap_or_else(|e| panic!("{}: {e}", d.display()));
            let name = d.file_name().unwrap().to_string_lossy().into_owned();
            let (path, dir) = if d.join("docx").is_dir() {
                let tmp = tempfile::tempdir().unwrap();
                let p = tmp.path().join(format!("{name}.docx"));
                zip_docx(&d.join("docx"), &p);
                (p, Some(tmp))
            } else if d.join("paper.md").exists() {
                (d.join("paper.md"), None)
            } else {
                (d.join("paper.txt"), None)
            };
            Case {
                name,
                expected,
                path,
                _dir: dir,
            }
        })
        .collect()
}

pub fn read(case: &Case) -> Intake {
    intake_file(&case.path, &LIBRARY).unwrap_or_else(|e| panic!("{}: {e}", case.name))
}

/// A value for comparing: lists of names as sets, severities without definitions, numbers
/// as floats.
fn normal(v: &Value) -> Value {
    match v {
        Value::Array(a) => {
            let mut items: Vec<Value> = a.iter().map(normal).collect();
            if items.iter().all(Value::is_string) {
                items.sort_by_key(|x| x.as_str().unwrap_or_default().to_string());
            }
            Value::Array(items)
        }
        Value::Object(o) => Value::Object(
            o.iter()
                .filter(|(k, _)| k.as_str() != "definition")
                .map(|(k, x)| (k.clone(), normal(x)))
                .collect(),
        ),
        Value::Number(n) => serde_json::json!(n.as_f64().unwrap()),
        other => other.clone(),
    }
}

/// Leaves (objects flattened, lists whole) of a set of field values.
fn flat(values: impl IntoIterator<Item = (String, Value)>) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for (field, v) in values {
        let v = normal(&v);
        let mut l = BTreeMap::new();
        leaves(&v, &field, &mut l);
        out.extend(l);
    }
    out
}

fn list(t: &toml::Table, key: &str) -> Vec<String> {
    t.get(key)
        .and_then(toml::Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// (true positives, false positives, false negatives) per field.
type Score = BTreeMap<String, (usize, usize, usize)>;

/// Compares one paper's reading with its expectations: the score per field, and the
/// mismatches in words.
fn score(case: &Case, intake: &Intake, total: &mut Score) -> Vec<String> {
    let values = case
        .expected
        .get("values")
        .and_then(toml::Value::as_table)
        .cloned()
        .unwrap_or_default();
    // A field the paper states as none is checked in the deal below, not scored here.
    let mut tolerated = list(&case.expected, "tolerated");
    tolerated.extend(list(&case.expected, "nulls"));
    let is_tolerated = |f: &str| {
        tolerated
            .iter()
            .any(|t| f == t || f.starts_with(&format!("{t}.")))
    };
    let want = flat(
        values
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::to_value(v).unwrap())),
    );
    let got = flat(
        intake
            .found
            .iter()
            .map(|f| (f.field.clone(), f.value.clone())),
    );
    let mut problems = Vec::new();
    for (field, w) in &want {
        if is_tolerated(field) {
            continue;
        }
        let e = total.entry(field.clone()).or_default();
        match got.get(field) {
            Some(g) if g == w => e.0 += 1,
            Some(g) => {
                e.1 += 1;
                e.2 += 1;
                problems.push(format!("{field}: read {g}, expected {w}"));
            }
            None => {
                e.2 += 1;
                problems.push(format!("{field}: not read, expected {w}"));
            }
        }
    }
    for (field, g) in &got {
        if want.contains_key(field) || is_tolerated(field) {
            continue;
        }
        total.entry(field.clone()).or_default().1 += 1;
        let at = intake
            .found
            .iter()
            .find(|f| *field == f.field || field.starts_with(&format!("{}.", f.field)))
            .map(|f| format!(" at {} (\"{}\")", f.place, f.quote))
            .unwrap_or_default();
        problems.push(format!(
            "{field}: read {g}{at}, which the paper does not state"
        ));
    }
    for field in list(&case.expected, "nulls") {
        let v = field.split('.').try_fold(&intake.deal, |v, k| v.get(k));
        if v != Some(&Value::Null) {
            problems.push(format!("{field}: expected null in the deal, got {v:?}"));
        }
    }
    problems
}

#[test]
fn the_corpus_is_read_with_precision_and_recall_per_field() {
    let mut total = Score::new();
    let mut report = Vec::new();
    for case in corpus() {
        let intake = read(&case);
        let problems = score(&case, &intake, &mut total);
        if !problems.is_empty() {
            report.push(format!("{}:\n  {}", case.name, problems.join("\n  ")));
        }
    }
    let (mut tp, mut fp, mut fne) = (0, 0, 0);
    println!(
        "{:<48} {:>9} {:>7}  (tp fp fn)",
        "field", "precision", "recall"
    );
    for (field, (t, f, n)) in &total {
        tp += t;
        fp += f;
        fne += n;
        let p = if t + f == 0 {
            1.0
        } else {
            *t as f64 / (t + f) as f64
        };
        let r = if t + n == 0 {
            1.0
        } else {
            *t as f64 / (t + n) as f64
        };
        println!("{field:<48} {p:>9.2} {r:>7.2}  ({t} {f} {n})");
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fne).max(1) as f64;
    println!(
        "{:<48} {precision:>9.2} {recall:>7.2}  ({tp} {fp} {fne})",
        "all fields"
    );
    println!("\n{}", report.join("\n"));
    assert!(
        precision >= 0.95 && recall >= 0.90,
        "precision {precision:.2}, recall {recall:.2} over the corpus:\n{}",
        report.join("\n")
    );
}

#[test]
fn the_parties_are_named_as_the_paper_names_them() {
    for case in corpus() {
        let intake = read(&case);
        let parties = case
            .expected
            .get("parties")
            .and_then(toml::Value::as_table)
            .cloned()
            .unwrap_or_default();
        for (role, got) in [
            ("vendor", &intake.parties.vendor),
            ("customer", &intake.parties.customer),
        ] {
            let want = parties.get(role).and_then(toml::Value::as_str);
            assert_eq!(got.as_deref(), want, "{}: the {role}", case.name);
        }
    }
}

#[test]
fn what_no_term_holds_is_reported_as_not_understood() {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    for case in corpus() {
        let intake = read(&case);
        let fragments = case
            .expected
            .get("not_understood")
            .and_then(|t| t.get("contains"))
            .and_then(toml::Value::as_array)
            .cloned()
            .unwrap_or_default();
        for f in fragments {
            let f = norm(f.as_str().unwrap());
            assert!(
                intake.unread.iter().any(|u| norm(&u.text).contains(&f)),
                "{}: \"{f}\" is not reported as not understood; reported: {:#?}",
                case.name,
                intake.unread.iter().map(|u| &u.text).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn every_paper_gives_a_deal_that_validates_with_provenance_for_each_value() {
    for case in corpus() {
        let intake = read(&case);
        let text = serde_json::to_string_pretty(&intake.deal).unwrap();
        let src = dealdraft::deal::Source::parse("intake.json", text).unwrap();
        dealdraft::resolve::resolve(&src, &LIBRARY)
            .unwrap_or_else(|e| panic!("{}: the deal does not validate: {e}", case.name));
        let fields = &intake.deal["provenance"]["fields"];
        for f in &intake.found {
            let p = &fields[&f.field];
            assert_eq!(
                p["quote"],
                Value::String(f.quote.clone()),
                "{}: {}",
                case.name,
                f.field
            );
            let docx = case.path.extension().is_some_and(|e| e == "docx");
            if docx {
                assert!(
                    p["paragraph"].as_u64().is_some(),
                    "{}: {}",
                    case.name,
                    f.field
                );
            } else {
                // The quote starts where the provenance says.
                let line = p["line"].as_u64().unwrap() as usize;
                let col = p["column"].as_u64().unwrap() as usize;
                let text = std::fs::read_to_string(&case.path).unwrap();
                let at: String = text
                    .lines()
                    .nth(line - 1)
                    .unwrap()
                    .chars()
                    .skip(col - 1)
                    .collect();
                let first: String = f
                    .quote
                    .split_whitespace()
                    .next()
                    .unwrap()
                    .chars()
                    .take(3)
                    .collect();
                assert!(
                    at.contains(&first),
                    "{}: {} at {line}:{col} is \"{at}\", the quote \"{}\"",
                    case.name,
                    f.field,
                    f.quote
                );
            }
        }
    }
}

/// `check --paper` over the corpus: each paper raises the findings its `expected.toml`
/// lists (as a finding's rule, or merged into one as `also`), at their severity, none of
/// its `absent` ones, and each counted phrase exactly as often as it is stated.
#[test]
fn check_paper_raises_what_each_paper_deserves() {
    let mut failures = Vec::new();
    for case in corpus() {
        let report = dealdraft::check::check_files(
            &[],
            std::slice::from_ref(&case.path),
            &Default::default(),
            &LIBRARY,
        )
        .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        let paper = &report.papers[0];
        let ids = |sev: Option<&str>| -> Vec<String> {
            paper
                .findings
                .iter()
                .filter(|f| sev.is_none_or(|s| f.severity.as_str() == s))
                .flat_map(|f| std::iter::once(f.rule.clone()).chain(f.also.iter().cloned()))
                .collect()
        };
        let findings = case
            .expected
            .get("findings")
            .and_then(toml::Value::as_table)
            .cloned()
            .unwrap_or_default();
        for sev in ["error", "warning", "info"] {
            let got = ids(Some(sev));
            for want in list(&findings, sev) {
                if !got.contains(&want) {
                    failures.push(format!("{}: no {sev} {want}; {sev}s: {got:?}", case.name));
                }
            }
        }
        let all = ids(None);
        for not in list(&findings, "absent") {
            if all.contains(&not) {
                let f = paper
                    .findings
                    .iter()
                    .find(|f| f.rule == not || f.also.contains(&not))
                    .unwrap();
                failures.push(format!(
                    "{}: {not} must not be raised; raised at {:?}: \"{}\"",
                    case.name, f.location, f.text
                ));
            }
        }
        if let Some(counts) = findings.get("count").and_then(toml::Value::as_table) {
            for (id, n) in counts {
                let got = all.iter().filter(|x| *x == id).count() as i64;
                if Some(got) != n.as_integer() {
                    failures.push(format!("{}: {id} raised {got} times, not {n}", case.name));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Our own paper read back as the vendor's: every example's SOW (with its annexes), in
/// both stances and for a business unit, as Markdown and as Word, raises no error in
/// `check --paper` — the terms it carries are read as the terms they are.
#[test]
fn our_own_sow_read_back_as_paper_raises_no_error() {
    use dealdraft::deal::model::Stance;
    let terms = dealdraft::intake::Terms::load(&LIBRARY).unwrap();
    let rules = dealdraft::check::rules::RuleSet::load(&LIBRARY).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    for path in crate::common::examples() {
        let raw: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let mut variants: Vec<(String, dealdraft::Resolved)> = Vec::new();
        for stance in Stance::ALL {
            let deal = crate::common::patched(
                &raw,
                serde_json::json!({"deal": {"stance": stance.as_str()}}),
            );
            let resolved = crate::common::resolve(&deal).unwrap();
            if stance == Stance::Preferred
                && let Some(u) = resolved.units().first()
            {
                let unit = dealdraft::resolve::for_unit(&resolved, &u.id, &LIBRARY).unwrap();
                variants.push((format!("{name}-unit-{}", u.id), unit));
            }
            variants.push((format!("{name}-{}", stance.as_str()), resolved));
        }
        for (label, deal) in variants {
            let rendered = dealdraft::render_deal(
                &deal,
                &LIBRARY,
                &dealdraft::RenderOptions {
                    formats: vec![dealdraft::Format::Markdown, dealdraft::Format::Docx],
                    ..Default::default()
                },
            )
            .unwrap();
            for (file, bytes) in &rendered.files {
                let ext = file.rsplit('.').next().unwrap();
                let p = dir.path().join(format!("{label}.{ext}"));
                std::fs::write(&p, bytes).unwrap();
                let report = dealdraft::check::check_paper_file(&p, &rules, &terms, &LIBRARY)
                    .unwrap_or_else(|e| panic!("{label}.{ext}: {e}"));
                checked += 1;
                for f in report
                    .findings
                    .iter()
                    .filter(|f| f.severity.as_str() == "error")
                {
                    failures.push(format!(
                        "{label}.{ext}: {} at {:?}: \"{}\" ({})",
                        f.rule, f.location, f.text, f.paper_says
                    ));
                }
                assert!(
                    report.terms_read > 30,
                    "{label}.{ext}: {} terms read",
                    report.terms_read
                );
            }
        }
    }
    assert!(checked >= 14, "{checked} papers");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

mod forms {
    //! A term written in words and figures, in any of the forms the lexer reads, is read
    //! back by intake as its value.

    use dealdraft::wording::{decimal, number_and_digits, number_words, words_and_digits};
    use proptest::prelude::*;

    use crate::common::LIBRARY;

    /// A whole number as a paper may write it: figures, words (British or American), or
    /// both.
    fn whole(n: u64, form: usize) -> String {
        match form % 4 {
            0 => n.to_string(),
            1 => words_and_digits(n),
            2 => number_words(n),
            _ => number_words(n).replace(" and ", " "),
        }
    }

    /// A percentage: "99.95%", "99.95 percent", "ninety-nine point nine five percent
    /// (99.95%)", "ninety-nine point nine five per cent".
    fn percent(x: f64, form: usize) -> String {
        let words = number_and_digits(x);
        let spoken = words.split(" (").next().unwrap_or_default().to_string();
        match form % 4 {
            0 => format!("{}%", decimal(x)),
            1 => format!("{} percent", decimal(x)),
            2 => format!("{spoken} percent ({}%)", decimal(x)),
            _ => format!("{spoken} per cent"),
        }
    }

    fn read(text: &str) -> dealdraft::intake::Intake {
        let paper = dealdraft::paper::Paper::markdown("terms.md", text);
        let terms = dealdraft::intake::Terms::load(&LIBRARY).unwrap();
        dealdraft::intake::intake(&paper, dealdraft::paper::Kind::Markdown, &terms, &LIBRARY)
    }

    fn value(i: &dealdraft::intake::Intake, field: &str) -> Option<f64> {
        i.value(field).and_then(|f| f.value.as_f64())
    }

    /// The deal format takes an uptime strictly above 90%: a paper that promises 90% is read,
    /// and the value is left out with the reason, never written into the deal.
    #[test]
    fn an_uptime_of_ninety_is_left_out_with_its_reason() {
        let i = read(
            "# Service levels\n\nThe Provider will ensure an availability of 90% in each calendar month.\n",
        );
        assert_eq!(value(&i, "sla.uptime_pct"), None);
        let d = i
            .dropped
            .iter()
            .find(|d| d.found.field == "sla.uptime_pct")
            .expect("the uptime is left out, not lost");
        assert_eq!(d.found.value.as_f64(), Some(90.0));
        assert!(d.why.contains("strictly between 90 and 100"), "{}", d.why);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn an_uptime_in_words_or_figures(hundredths in 9001u32..9999, form in 0usize..4) {
            let x = f64::from(hundredths) / 100.0;
            let text = format!("# Service levels\n\nThe Provider will ensure an availability of {} in each calendar month.\n", percent(x, form));
            let i = read(&text);
            prop_assert_eq!(value(&i, "sla.uptime_pct"), Some(x), "{}", text);
        }

        #[test]
        fn periods_in_words_or_figures(n in 2u64..200, form in 0usize..4) {
            let text = format!(
                "# Terms\n\nThe Provider will notify the Customer of a personal data breach within {n_h} hours of becoming aware of it.\n\nThe Customer must claim service credits within {n_d} days after the end of the month.\n\nThe Provider will notify the Customer of any outage within {n_m} minutes after it begins.\n",
                n_h = whole(n, form),
                n_d = whole(n, form + 1),
                n_m = whole(n, form + 2),
            );
            let i = read(&text);
            prop_assert_eq!(value(&i, "data.breach_notice_hours"), Some(n as f64), "{}", text);
            prop_assert_eq!(value(&i, "sla.claim_window_days"), Some(n as f64), "{}", text);
            prop_assert_eq!(value(&i, "sla.incident_notice_minutes"), Some(n as f64), "{}", text);
        }
    }
}
