//! `cargo bench --bench batch`: batch throughput and memory on a generated portfolio —
//! the bank example (`examples/global-bank.json`) with N business units, each with its own
//! name, customer entity, uptime and support languages, so no two documents are alike.
//!
//! Prints documents per second for Markdown and for PDF on 1 and 2 threads, and the peak
//! resident memory (VmHWM) of a batch of 100 and of 1000 units. Each measurement runs in
//! a child process (this binary, re-executed), so each peak is its own; the parent writes
//! the portfolios, so a peak is the batch's and not the generator's. Nothing is
//! asserted: timings depend on the machine.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use dealdraft::batch::{BatchOptions, Quiet};
use dealdraft::{Format, Library, RenderOptions};
use serde_json::{Value, json};

// As the binary: mimalloc v2 (see Cargo.toml).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CHILD: &str = "DEALDRAFT_BATCH_BENCH";
/// The portfolio file a child renders.
const CHILD_DEAL: &str = "DEALDRAFT_BATCH_BENCH_DEAL";

/// The bank deal with `n` units, each different.
fn portfolio(dir: &Path, n: usize) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("examples/global-bank.json")).unwrap();
    let mut deal: Value = serde_json::from_str(&text).unwrap();
    let languages = [
        "English", "French", "German", "Spanish", "Japanese", "Dutch",
    ];
    let units: Vec<Value> = (0..n)
        .map(|i| {
            json!({
                "id": format!("unit-{i:04}"),
                "name": format!("Business Unit {i}"),
                "overrides": {
                    "deal": {"customer": {"legal_name": format!("Northwind Bank Entity {i} Ltd")}},
                    "sla": {"uptime_pct": 99.9 + (i % 9) as f64 * 0.01},
                    "support": {"languages": [languages[i % 6], languages[(i / 6) % 6]]}
                }
            })
        })
        .collect();
    deal["business_units"] = Value::Array(units);
    let path = dir.join(format!("portfolio-{n}.json"));
    std::fs::write(&path, serde_json::to_string_pretty(&deal).unwrap()).unwrap();
    path
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// In the child: one batch; prints `documents seconds peak_mb`.
fn child(spec: &str) {
    let parts: Vec<&str> = spec.split(',').collect();
    let (units, format, jobs): (usize, &str, usize) = (
        parts[0].parse().unwrap(),
        parts[1],
        parts[2].parse().unwrap(),
    );
    let work = tempfile::tempdir().unwrap();
    let deal = match std::env::var_os(CHILD_DEAL) {
        Some(path) => PathBuf::from(path),
        None => portfolio(work.path(), units),
    };
    let library = Library::builtin().unwrap();
    let opts = BatchOptions {
        inputs: vec![deal],
        out: work.path().join("out"),
        render: RenderOptions {
            formats: vec![Format::parse(format).unwrap()],
            ..Default::default()
        },
        jobs: Some(jobs),
        ..Default::default()
    };
    let start = Instant::now();
    let report = dealdraft::batch::run(&opts, &library, &Quiet).unwrap();
    let secs = start.elapsed().as_secs_f64();
    let (_, _, failed, files) = report.counts();
    assert_eq!(failed, 0, "the generated portfolio renders");
    println!("{files} {secs} {}", peak_rss_mb().unwrap_or(f64::NAN));
}

fn measure(deal: &Path, units: usize, format: &str, jobs: usize) -> (usize, f64, f64) {
    let out = Command::new(std::env::current_exe().unwrap())
        .env(CHILD, format!("{units},{format},{jobs}"))
        .env(CHILD_DEAL, deal)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let v: Vec<&str> = text.split_whitespace().collect();
    (
        v[0].parse().unwrap(),
        v[1].parse().unwrap(),
        v[2].parse().unwrap(),
    )
}

fn main() {
    if let Ok(spec) = std::env::var(CHILD) {
        child(&spec);
        return;
    }
    println!("batch: the bank deal and N generated units, one process per line");
    println!("| format | units | threads | documents | seconds | documents/s | peak RSS (MB) |");
    println!("|---|---|---|---|---|---|---|");
    let runs: [(usize, &str, usize); 8] = [
        (1000, "md", 1),
        (1000, "md", 2),
        (100, "md", 2),
        (100, "pdf", 1),
        (100, "pdf", 2),
        (1000, "pdf", 2),
        (1000, "docx", 2),
        (100, "docx", 2),
    ];
    let portfolios = tempfile::tempdir().unwrap();
    let deals: std::collections::BTreeMap<usize, PathBuf> = [100, 1000]
        .into_iter()
        .map(|n| (n, portfolio(portfolios.path(), n)))
        .collect();
    for (units, format, jobs) in runs {
        let (docs, secs, peak) = measure(&deals[&units], units, format, jobs);
        println!(
            "| {format} | {units} | {jobs} | {docs} | {secs:.2} | {:.1} | {peak:.0} |",
            docs as f64 / secs
        );
    }
}
