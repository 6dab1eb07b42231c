//! Same input, same bytes.

use crate::common::{cmd, examples};

#[test]
fn rendering_twice_gives_identical_bytes() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for deal in examples() {
        for dir in [a.path(), b.path()] {
            cmd()
                .args(["render", "--document", "all", "--out"])
                .arg(dir)
                .arg(&deal)
                .assert()
                .success();
        }
    }
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(a.path()).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(a.path()).unwrap();
            let other = std::fs::read(b.path().join(rel)).unwrap();
            assert!(
                std::fs::read(entry.path()).unwrap() == other,
                "{} differs between runs",
                rel.display()
            );
            compared += 1;
        }
    }
    assert!(compared >= 3 * 2, "compared only {compared} files");
}
