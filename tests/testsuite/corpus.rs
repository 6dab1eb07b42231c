//! The bad-input corpus: every file of `tests/corpus/` against its line in
//! `tests/corpus/expectations.txt` (exit code, file:line:column, message, what is written).

use std::io::Write;
use std::path::Path;

use crate::common::{cmd, root, snapshot};

struct Case {
    file: String,
    exit: i32,
    at: Option<String>,
    message: String,
    writes: Vec<String>,
}

fn cases() -> Vec<Case> {
    let table = std::fs::read_to_string(root().join("tests/corpus/expectations.txt")).unwrap();
    table
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<&str> = l.split(" | ").map(str::trim).collect();
            assert_eq!(cols.len(), 5, "five columns: {l}");
            Case {
                file: cols[0].to_string(),
                exit: cols[1].parse().unwrap(),
                at: (cols[2] != "-").then(|| cols[2].to_string()),
                message: cols[3].to_string(),
                writes: match cols[4] {
                    "-" => Vec::new(),
                    w => w.split(' ').map(String::from).collect(),
                },
            }
        })
        .collect()
}

/// The three inputs too large for git.
fn generate(name: &str, path: &Path) {
    match name {
        "@big-50mb.json" => {
            let mut f = std::fs::File::create(path).unwrap();
            f.write_all(br#"{"schema_version": 1, "deal": {"id": "x", "title": ""#)
                .unwrap();
            let chunk = vec![b'x'; 1 << 20];
            for _ in 0..50 {
                f.write_all(&chunk).unwrap();
            }
            f.write_all(b"\"}}").unwrap();
        }
        "@deep-100k.json" => {
            let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
            std::fs::write(path, text).unwrap();
        }
        "@zip-bomb.docx" => {
            // 100 MiB of spaces in word/document.xml, about 100 KiB zipped.
            let f = std::fs::File::create(path).unwrap();
            let mut z = zip::ZipWriter::new(f);
            z.start_file(
                "word/document.xml",
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
            let chunk = vec![b' '; 1 << 20];
            for _ in 0..100 {
                z.write_all(&chunk).unwrap();
            }
            z.finish().unwrap();
        }
        other => panic!("no generator for {other}"),
    }
}

fn run(case: &Case, work: &Path, args: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    let out = work.join("out");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(out.join("corpus-deal")).unwrap();
    std::fs::write(out.join("keep.txt"), "a file of the user's").unwrap();
    std::fs::write(out.join("corpus-deal/sow.md"), "the last good draft").unwrap();
    let before = snapshot(&out);

    let result = cmd().current_dir(work).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    let stdout = String::from_utf8_lossy(&result.stdout);
    let what = format!("{} ({})", case.file, args[0]);
    if result.status.code() != Some(case.exit) {
        problems.push(format!(
            "{what}: exit {:?}, expected {}\n{stderr}",
            result.status.code(),
            case.exit
        ));
    }
    let name = case.file.trim_start_matches('@');
    let expected = match &case.at {
        Some(at) => format!("{name}:{at}: {}", case.message),
        None => format!("{name}: {}", case.message),
    };
    if !stderr.contains(&expected) {
        problems.push(format!("{what}: expected\n  {expected}\nin\n{stderr}"));
    }
    for text in [&stderr, &stdout] {
        if text.contains("panicked") || text.contains("RUST_BACKTRACE") {
            problems.push(format!("{what}: panic\n{text}"));
        }
    }
    let after = snapshot(&out);
    let changed: Vec<&String> = after
        .keys()
        .chain(before.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    for k in &changed {
        if !case.writes.contains(k) {
            problems.push(format!("{what}: OUT/{k} was written"));
        }
    }
    problems
}

#[test]
fn every_bad_input_is_refused_where_it_is_wrong() {
    let corpus = root().join("tests/corpus");
    let cases = cases();
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path();
    std::fs::create_dir_all(work.join("base")).unwrap();
    std::fs::copy(corpus.join("base/deal.json"), work.join("base/deal.json")).unwrap();
    let mut listed = std::collections::BTreeSet::new();
    let mut problems = Vec::new();
    for case in &cases {
        let rel = case.file.trim_start_matches('@');
        let path = work.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        if case.file.starts_with('@') {
            generate(&case.file, &path);
        } else {
            std::fs::copy(corpus.join(rel), &path).unwrap();
            listed.insert(rel.to_string());
        }
        let runs: Vec<Vec<&str>> = match rel.rsplit('.').next().unwrap() {
            "json" => vec![vec!["render", rel, "--out", "out", "--format", "md,docx"]],
            "csv" => vec![vec![
                "batch",
                "base/deal.json",
                "--units",
                rel,
                "--out",
                "out",
            ]],
            "docx" => vec![
                vec![
                    "redline",
                    "base/deal.json",
                    "--against",
                    rel,
                    "--out",
                    "out",
                ],
                vec!["check", "--paper", rel],
            ],
            other => panic!("{rel}: no command for .{other}"),
        };
        for args in runs {
            problems.extend(run(case, work, &args));
        }
    }
    // Every data file has its line in the table.
    for e in walkdir::WalkDir::new(&corpus).min_depth(2) {
        let e = e.unwrap();
        let rel = e
            .path()
            .strip_prefix(&corpus)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if e.file_type().is_file() && !rel.starts_with("base/") && !listed.contains(&rel) {
            problems.push(format!("{rel} has no line in expectations.txt"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
