//! The fuzz targets' own functions (`fuzz/src/lib.rs`, included as is) over every input
//! that once crashed one (`tests/fuzz-regressions/<target>/`) and over the bad-input corpus.

#[path = "../../fuzz/src/lib.rs"]
mod targets;

use crate::common::root;

fn run(target: &str, data: &[u8]) {
    // libFuzzer's `&str` targets see the input's longest UTF-8 prefix (`Arbitrary`).
    let valid = match std::str::from_utf8(data) {
        Ok(_) => data.len(),
        Err(e) => e.valid_up_to(),
    };
    let text = std::str::from_utf8(&data[..valid]);
    match (target, text) {
        ("deal", _) => targets::deal(data),
        ("docx_reader", _) => targets::docx_reader(data),
        (_, Err(_)) => unreachable!("a UTF-8 prefix"),
        ("markdown_parse", Ok(s)) => targets::markdown_parse(s),
        ("write_markdown", Ok(s)) => targets::write_markdown(s),
        ("write_typst", Ok(s)) => targets::write_typst(s),
        ("write_docx", Ok(s)) => targets::write_docx(s),
        ("write_html", Ok(s)) => targets::write_html(s),
        ("word_diff", Ok(s)) => targets::word_diff(s),
        (other, _) => panic!("no fuzz target {other}"),
    }
}

#[test]
fn every_input_that_crashed_a_fuzz_target_passes() {
    let dir = root().join("tests/fuzz-regressions");
    for target in std::fs::read_dir(&dir).unwrap() {
        let target = target.unwrap().path();
        if !target.is_dir() {
            continue;
        }
        let name = target.file_name().unwrap().to_string_lossy().into_owned();
        for input in std::fs::read_dir(&target).unwrap() {
            let input = input.unwrap().path();
            let data = std::fs::read(&input).unwrap();
            eprintln!("{name}: {}", input.display());
            run(&name, &data);
        }
    }
}

#[test]
fn the_corpus_goes_through_the_fuzz_targets() {
    for e in walkdir::WalkDir::new(root().join("tests/corpus")) {
        let e = e.unwrap();
        let data = std::fs::read(e.path()).unwrap_or_default();
        match e.path().extension().and_then(|x| x.to_str()) {
            Some("json") => run("deal", &data),
            Some("docx") => run("docx_reader", &data),
            Some("md" | "txt" | "csv") => {
                for t in [
                    "markdown_parse",
                    "write_markdown",
                    "write_typst",
                    "write_docx",
                    "write_html",
                ] {
                    run(t, &data);
                }
            }
            _ => {}
        }
    }
}
