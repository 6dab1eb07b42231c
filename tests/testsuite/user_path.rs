//! The README's user path (issue 28), followed command by command in a fresh folder: every
//! `console` block from "Your first SOW" on is run in order — each `$ dealdraft ...` line
//! with our binary — and every line the README shows after it must be a line of what the
//! command printed (`...` stands for lines left out). The README's files are made as it
//! says, by the `<!-- user-path: ... -->` notes before their blocks:
//!
//! - `merge into FILE`: the next `json` block is merged into FILE (JSON Merge Patch), as a
//!   user adds the values to the file `init` wrote;
//! - `write FILE`: the next code block is FILE;
//! - `copy REPO_PATH to FILE`: a fixture of ours (a vendor's paper in our own words);
//! - `FILE = DEAL with PATH VALUE`: a copy of a deal with one field changed (a mistake);
//! - `FILE = OURS.docx with PATH VALUE tracked`: our Word draft as the vendor returns it,
//!   the value struck and replaced with Track Changes on.
//!
//! So the README cannot show an answer dealdraft does not give, and a change to what a
//! command prints fails here until the README says it too.

use std::io::{Read, Write};
use std::path::Path;

use serde_json::Value;

use crate::common::{cmd, root};

/// One step of the path, in README order.
#[derive(Debug)]
enum Step {
    Command {
        args: Vec<String>,
        shown: Vec<String>,
    },
    Note(String),
    Block {
        info: String,
        text: String,
    },
}

/// The README from "Your first SOW" on, as steps.
fn steps(readme: &str) -> Vec<Step> {
    let start = readme
        .find("\n## Your first SOW\n")
        .expect("the README has its user path");
    let mut steps = Vec::new();
    let mut lines = readme[start..].lines();
    while let Some(line) = lines.next() {
        if let Some(note) = line
            .strip_prefix("<!-- user-path: ")
            .and_then(|l| l.strip_suffix(" -->"))
        {
            steps.push(Step::Note(note.to_string()));
        } else if let Some(info) = line.strip_prefix("```")
            && !info.is_empty()
        {
            let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
            if info == "console" {
                for l in body {
                    if let Some(command) = l.strip_prefix("$ ") {
                        steps.push(Step::Command {
                            args: command.split_whitespace().map(str::to_string).collect(),
                            shown: Vec::new(),
                        });
                    } else if let Some(Step::Command { shown, .. }) = steps.last_mut() {
                        shown.push(l.to_string());
                    } else {
                        panic!("README: output before any command: {l}");
                    }
                }
            } else {
                steps.push(Step::Block {
                    info: info.to_string(),
                    text: body.join("\n") + "\n",
                });
            }
        }
    }
    steps
}

fn merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    t.shift_remove(k);
                } else {
                    merge(t.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
        }
        (t, p) => *t = p.clone(),
    }
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn write_json(path: &Path, v: &Value) {
    let mut s = serde_json::to_string_pretty(v).unwrap();
    s.push('\n');
    std::fs::write(path, s).unwrap();
}

/// A JSON value as the README writes it: a number, or else a string.
fn value_of(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.into()))
}

/// Our Word draft with `field`'s value struck and `to` inserted, as Word tracks it.
fn tracked_change(ours: &Path, field: &str, to: &str) -> Vec<u8> {
    let bytes = std::fs::read(ours).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut b = Vec::new();
        f.read_to_end(&mut b).unwrap();
        if name == "word/document.xml" {
            let xml = String::from_utf8(b).unwrap();
            // The value as the draft writes it: the figure in its bookmark's run.
            let from = {
                let name = dealdraft::render::docx::value_bookmark(field, 1);
                let at = xml.find(&format!("w:name=\"{name}\"")).unwrap();
                let t = at + xml[at..].find("<w:t").unwrap();
                let t = t + xml[t..].find('>').unwrap() + 1;
                let end = t + xml[t..].find("</w:t>").unwrap();
                xml[t..end].trim_end_matches('%').to_string()
            };
            b = crate::rounds::change_value(xml, field, &from, to, 900).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&b).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Makes the file a note asks for; a note about the next block is returned to be used there.
fn follow_note(dir: &Path, note: &str) -> Option<String> {
    if note.starts_with("merge into ") || note.starts_with("write ") {
        return Some(note.to_string());
    }
    if let Some(rest) = note.strip_prefix("copy ") {
        let (from, to) = rest.split_once(" to ").expect("copy FROM to FILE");
        std::fs::copy(root().join(from), dir.join(to)).unwrap();
        return None;
    }
    let (file, rest) = note
        .split_once(" = ")
        .expect("FILE = SOURCE with PATH VALUE");
    let (source, change) = rest.split_once(" with ").expect("... with PATH VALUE");
    let words: Vec<&str> = change.split_whitespace().collect();
    match words.as_slice() {
        [path, value] => {
            let mut deal = read_json(&dir.join(source));
            let pointer = format!("/{}", path.replace('.', "/"));
            *deal
                .pointer_mut(&pointer)
                .unwrap_or_else(|| panic!("{path}")) = value_of(value);
            write_json(&dir.join(file), &deal);
        }
        [path, value, "tracked"] => {
            std::fs::write(
                dir.join(file),
                tracked_change(&dir.join(source), path, value),
            )
            .unwrap();
        }
        _ => panic!("README: a user-path note this test does not know: {note}"),
    }
    None
}

/// The exit code a command should have: 2 where the README shows an `error:` (bad input),
/// 1 for a `check` whose shown summary counts an error, else 0.
fn expected_code(args: &[String], shown: &[String]) -> i32 {
    if shown.iter().any(|l| l.starts_with("error: ")) {
        return 2;
    }
    let counts_an_error = shown.iter().any(|l| {
        l.split([',', ':', ';']).map(str::trim).any(|part| {
            part.split_once(' ').is_some_and(|(n, what)| {
                n.parse::<usize>().is_ok_and(|n| n > 0) && (what == "error" || what == "errors")
            })
        })
    });
    i32::from(args.get(1).is_some_and(|c| c == "check") && counts_an_error)
}

#[test]
fn the_readme_user_path_runs_as_shown() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let steps = steps(&readme);
    let dir = tempfile::tempdir().unwrap();
    let mut pending: Option<String> = None;
    let mut commands = 0;
    for step in &steps {
        match step {
            Step::Note(note) => pending = follow_note(dir.path(), note),
            Step::Block { info, text } => match pending.take() {
                Some(note) if note.starts_with("merge into ") => {
                    assert_eq!(info, "json", "{note}");
                    let file = dir.path().join(&note["merge into ".len()..]);
                    let mut deal = read_json(&file);
                    merge(&mut deal, &serde_json::from_str(text).unwrap());
                    write_json(&file, &deal);
                }
                Some(note) => {
                    let file = note.strip_prefix("write ").unwrap();
                    std::fs::write(dir.path().join(file), text).unwrap();
                }
                None => {}
            },
            Step::Command { args, shown } => {
                assert_eq!(args[0], "dealdraft", "README runs only dealdraft: {args:?}");
                commands += 1;
                let o = cmd()
                    .current_dir(dir.path())
                    .args(&args[1..])
                    .output()
                    .unwrap();
                let printed = format!(
                    "{}{}",
                    String::from_utf8_lossy(&o.stdout),
                    String::from_utf8_lossy(&o.stderr)
                );
                assert_eq!(
                    o.status.code(),
                    Some(expected_code(args, shown)),
                    "$ {}\n{printed}",
                    args.join(" ")
                );
                let lines: Vec<&str> = printed.lines().collect();
                for want in shown.iter().filter(|l| l.trim() != "...") {
                    assert!(
                        lines.contains(&want.as_str()),
                        "$ {}\nthe README shows the line\n{want}\nwhich it did not print:\n{printed}",
                        args.join(" ")
                    );
                }
            }
        }
    }
    assert!(pending.is_none(), "a user-path note with no block after it");
    // The whole path ran: init, validate, a mistake, check (text and memo), render (twice),
    // intake, check --paper, markup, round, check --units, batch.
    assert_eq!(commands, 13, "{steps:#?}");
    for file in [
        "out/acme-openai-2027/sow.pdf",
        "out/acme-openai-2027/sow.docx",
        "markup/vendor-terms.markup.md",
        "rounds/acme-openai-2027/round-1/reply.docx",
        "out/acme-openai-2027/plants/sow.docx",
    ] {
        assert!(dir.path().join(file).is_file(), "{file}");
    }
}
