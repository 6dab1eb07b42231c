//! A batch killed mid-run leaves no partial or temporary file and a rerun completes; an
//! output folder that cannot be written (read-only, full) is a clear error, exit 1 or 2.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::common::{example_json, patched, snapshot, write_deal};

/// Twelve deals (each with the bank's three units): 48 outputs folders.
fn portfolio(dir: &Path) {
    let bank = example_json("global-bank.json");
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..12 {
        let deal = patched(&bank, json!({"deal": {"id": format!("bank-{i:02}")}}));
        write_deal(dir, &format!("bank-{i:02}.json"), &deal);
    }
}

fn batch_cmd(work: &Path) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin!("dealdraft"));
    c.current_dir(work).args([
        "batch", "deals", "--out", "out", "--format", "md,docx", "--jobs", "2", "--quiet",
    ]);
    c
}

#[test]
fn a_batch_killed_mid_run_leaves_only_whole_files_and_a_rerun_completes() {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path();
    portfolio(&work.join("deals"));

    // The reference: one uninterrupted run.
    let reference = work.join("reference");
    std::fs::create_dir_all(&reference).unwrap();
    let status = Command::new(assert_cmd::cargo::cargo_bin!("dealdraft"))
        .current_dir(work)
        .args([
            "batch",
            "deals",
            "--out",
            "reference",
            "--format",
            "md,docx",
            "--quiet",
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let whole = snapshot(&reference);
    assert_eq!(whole.len(), 12 * 4 * 2 + 1, "{:?}", whole.keys());

    let out = work.join("out");
    let mut killed_with = Vec::new();
    // Kill at a few points: early, and once some files are written.
    for wait_for in [1usize, 10, 40] {
        let _ = std::fs::remove_dir_all(&out);
        let mut child = batch_cmd(work).spawn().unwrap();
        let start = Instant::now();
        loop {
            // Count only: files come and go under a running batch.
            let n = walkdir::WalkDir::new(&out)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .count();
            if n >= wait_for || start.elapsed() > Duration::from_secs(60) {
                break;
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        let found = snapshot(&out);
        killed_with.push((status.code(), found.len()));
        for (name, bytes) in &found {
            assert!(
                !name.rsplit('/').next().unwrap().starts_with('.'),
                "a temporary file is left: {name}"
            );
            assert_eq!(
                whole.get(name),
                Some(bytes),
                "{name} is not the whole file a full run writes"
            );
        }
    }
    assert!(
        killed_with.iter().any(|(code, n)| code.is_none() && *n > 0),
        "no run was killed after writing something: {killed_with:?}"
    );

    // A rerun completes and writes exactly what an uninterrupted run does.
    let status = batch_cmd(work).status().unwrap();
    assert!(status.success());

    // Killed while replacing files: every file is the old or the new whole file (here the
    // same bytes); a temporary name can be left only by a process killed inside a rename,
    // and the next run removes it.
    let mut child = batch_cmd(work).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    child.kill().unwrap();
    child.wait().unwrap();
    for (name, bytes) in snapshot(&out) {
        if !name.rsplit('/').next().unwrap().starts_with(".dealdraft-") {
            assert_eq!(whole.get(&name), Some(&bytes), "{name} is not whole");
        }
    }
    let status = batch_cmd(work).status().unwrap();
    assert!(status.success());
    let rerun = snapshot(&out);
    assert_eq!(
        rerun.keys().collect::<Vec<_>>(),
        whole.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &rerun {
        if name != "manifest.json" {
            assert_eq!(whole.get(name), Some(bytes), "{name}");
        }
    }
}

/// Runs `dealdraft ARGS` with a tmpfs of `size` mounted (options `opts`) on `work/out`, in
/// a mount namespace of its own; `None` where that is not allowed (not root, no unshare).
fn on_tmpfs(work: &Path, opts: &str, args: &[&str]) -> Option<(i32, String)> {
    let bin = assert_cmd::cargo::cargo_bin!("dealdraft");
    let script = format!(
        "mount -t tmpfs -o {opts} tmpfs out && exec {} \"$@\"",
        bin.display()
    );
    std::fs::create_dir_all(work.join("out")).unwrap();
    // A mount namespace of our own: as root `unshare -m`; as anyone else a user namespace
    // too (`unshare -rm`), which maps us to root inside it.
    let flags = ["-m", "-rm"].into_iter().find(|f| {
        Command::new("unshare")
            .args([f, "sh", "-c", "mount -t tmpfs tmpfs /mnt"])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let Some(flags) = flags else {
        crate::common::tool_missing(
            "cannot mount a tmpfs in a mount namespace (`unshare -m` or `unshare -rm`: util-linux, and user namespaces enabled)",
        );
        return None;
    };
    let out = Command::new("unshare")
        .current_dir(work)
        .args([flags, "sh", "-c", &script, "sh"])
        .args(args)
        .output()
        .unwrap();
    Some((
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

#[test]
fn a_full_output_folder_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path();
    portfolio(&work.join("deals"));
    // 64 KiB: a few Markdown files fit, the Word files and the manifest do not all.
    let Some((code, stderr)) = on_tmpfs(
        work,
        "size=64k",
        &[
            "batch", "deals", "--out", "out", "--format", "md,docx", "--quiet",
        ],
    ) else {
        return;
    };
    assert!(code == 1 || code == 2, "exit {code}\n{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let Some((code, stderr)) = on_tmpfs(
        work,
        "size=8k",
        &[
            "render",
            "deals/bank-00.json",
            "--out",
            "out",
            "--format",
            "docx",
        ],
    ) else {
        return;
    };
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("cannot write") && stderr.contains("No space left on device"),
        "{stderr}"
    );
}

#[test]
fn a_read_only_output_folder_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path();
    portfolio(&work.join("deals"));
    let Some((code, stderr)) = on_tmpfs(
        work,
        "ro",
        &[
            "batch", "deals", "--out", "out", "--format", "md", "--quiet",
        ],
    ) else {
        return;
    };
    assert!(code == 1 || code == 2, "exit {code}\n{stderr}");
    assert!(stderr.contains("Read-only file system"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let Some((code, stderr)) = on_tmpfs(
        work,
        "ro",
        &["render", "deals/bank-00.json", "--out", "out"],
    ) else {
        return;
    };
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("cannot write") && stderr.contains("Read-only file system"),
        "{stderr}"
    );
}
