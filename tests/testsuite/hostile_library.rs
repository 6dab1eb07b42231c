//! A hostile `--library` clause or `--template` style: it reads no file, reaches no
//! network, and a loop without end or a runaway value ends in a clear error (exit 2)
//! within bounded time and memory, leaving the output folder as it was.
//! (`pdf::typst_reads_no_file_outside_our_assets` covers a style reading a file by path.)

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::{cmd, root};

/// A library whose one extra clause (in the SOW's commercial section) has `body`.
fn library(dir: &Path, clauses: &[(&str, &str)]) {
    std::fs::create_dir_all(dir).unwrap();
    for (i, (id, body)) in clauses.iter().enumerate() {
        std::fs::write(
            dir.join(format!("{id}.md")),
            format!(
                "+++\nid = \"{id}\"\ntitle = \"Hostile\"\ndocument = \"sow\"\nsection = \"commercial\"\norder = {}\n+++\n{body}\n",
                900 + i
            ),
        )
        .unwrap();
    }
}

/// Runs `render` with extra arguments and environment; returns (exit, stderr, seconds).
fn render(work: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, f64) {
    let deal = root().join("examples/minimal.json");
    std::fs::create_dir_all(work.join("out")).unwrap();
    std::fs::write(work.join("out/keep.txt"), "mine").unwrap();
    let start = Instant::now();
    let mut c = cmd();
    c.current_dir(work)
        .arg("render")
        .arg(&deal)
        .args(["--out", "out"])
        .args(args)
        .timeout(Duration::from_secs(120));
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let left: Vec<_> = walkdir::WalkDir::new(work.join("out"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .collect();
    assert_eq!(left, vec![work.join("out/keep.txt")], "{stderr}");
    (
        out.status.code().unwrap_or(-1),
        stderr,
        start.elapsed().as_secs_f64(),
    )
}

fn expect(work: &Path, args: &[&str], env: &[(&str, &str)], needle: &str, max_seconds: f64) {
    let (code, stderr, secs) = render(work, args, env);
    assert_eq!(code, 2, "{args:?}: {stderr}");
    assert!(
        stderr.contains(needle),
        "{args:?}: expected {needle:?} in\n{stderr}"
    );
    assert!(secs < max_seconds, "{args:?}: took {secs:.1} s\n{stderr}");
}

#[test]
fn a_clause_reads_no_file_and_calls_nothing_outside() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    library(&lib, &[("hostile", "{% include \"/etc/passwd\" %}")]);
    expect(
        tmp.path(),
        &["--library", "lib"],
        &[],
        "Unknown template `/etc/passwd`",
        60.0,
    );
    library(&lib, &[("hostile", "{{ get_env(name=\"HOME\") }}")]);
    expect(
        tmp.path(),
        &["--library", "lib"],
        &[],
        "Unknown function `get_env`",
        60.0,
    );
}

#[test]
fn a_clause_that_prints_without_end_is_capped() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    library(
        &lib,
        &[(
            "flood",
            "{% for i in range(end=100000) %}{% for j in range(end=100000) %}flood {% endfor %}{% endfor %}",
        )],
    );
    expect(
        tmp.path(),
        &["--library", "lib"],
        &[],
        "lib/flood.md: template error: the template renders more than 1048576 bytes; refused",
        60.0,
    );
}

#[test]
fn a_document_whose_clauses_print_too_much_is_capped() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    // Twenty clauses of 972 KB each: every one under the clause limit, together over 16 MiB.
    let body = "{% for i in range(end=36000) %}thirty characters of text. {% endfor %}";
    let ids: Vec<String> = (0..20).map(|i| format!("big{i:02}")).collect();
    let clauses: Vec<(&str, &str)> = ids.iter().map(|id| (id.as_str(), body)).collect();
    library(&lib, &clauses);
    expect(
        tmp.path(),
        &["--library", "lib"],
        &[],
        "the document's clauses render more than 16777216 bytes; refused",
        90.0,
    );
}

#[test]
fn a_clause_that_loops_without_end_is_stopped_in_time() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    library(
        &lib,
        &[(
            "spin",
            "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
        )],
    );
    expect(
        tmp.path(),
        &["--library", "lib"],
        &[("DEALDRAFT_TEMPLATE_SECONDS", "1")],
        "error: the template lib/spin.md ran for more than 1 seconds; stopped",
        30.0,
    );
}

#[test]
fn a_clause_that_builds_a_huge_value_is_stopped() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    // The string doubles 40 times: a terabyte, if nothing stopped it.
    library(
        &lib,
        &[(
            "double",
            "{% set_global s = \"xxxxxxxxxxxxxxxx\" %}{% for i in range(end=40) %}{% set_global s = s ~ s %}{% endfor %}{{ s | length }}",
        )],
    );
    let (code, stderr, secs) = render(
        tmp.path(),
        &["--library", "lib"],
        &[("DEALDRAFT_MAX_MEMORY_MB", "512")],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("error: dealdraft used more than 512 MiB of memory in the template lib/double.md; stopped")
            || stderr.contains("error: dealdraft was asked for more than 1 GiB of memory at once"),
        "{stderr}"
    );
    assert!(secs < 60.0, "took {secs:.1} s");
}

#[test]
fn a_style_reaches_no_network_and_no_package() {
    let tmp = tempfile::tempdir().unwrap();
    let w = tmp.path();
    std::fs::write(
        w.join("net.typ"),
        "#let render(doc) = image(\"https://example.com/x.png\")\n",
    )
    .unwrap();
    expect(
        w,
        &["--format", "pdf", "--template", "net.typ"],
        &[],
        "net.typ:1:26: Typst: file not found",
        60.0,
    );
    std::fs::write(
        w.join("pkg.typ"),
        "#import \"@preview/cetz:0.3.0\"\n#let render(doc) = []\n",
    )
    .unwrap();
    expect(
        w,
        &["--format", "pdf", "--template", "pkg.typ"],
        &[],
        "pkg.typ:1:9: Typst: file not found",
        60.0,
    );
}

#[test]
fn a_style_that_loops_or_grows_without_end_is_stopped() {
    let tmp = tempfile::tempdir().unwrap();
    let w = tmp.path();
    std::fs::write(
        w.join("spin.typ"),
        "#let render(doc) = { for i in range(100000) { for j in range(100000) { } } }\n",
    )
    .unwrap();
    expect(
        w,
        &["--format", "pdf", "--template", "spin.typ"],
        &[("DEALDRAFT_TYPESET_SECONDS", "2")],
        "error: typesetting sow with the style spin.typ ran for more than 2 seconds; stopped",
        40.0,
    );
    std::fs::write(
        w.join("grow.typ"),
        "#let render(doc) = { let a = range(200000000); [#a.len()] }\n",
    )
    .unwrap();
    expect(
        w,
        &["--format", "pdf", "--template", "grow.typ"],
        &[("DEALDRAFT_MAX_MEMORY_MB", "256")],
        "error: dealdraft used more than 256 MiB of memory in typesetting sow with the style grow.typ; stopped",
        60.0,
    );
}
