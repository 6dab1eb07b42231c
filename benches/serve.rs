//! The workbench's preview latency: a change to the deal → the updated preview, as the
//! browser asks for it (`POST /api/preview` over loopback to an in-process server, the
//! bank example's SOW with its uptime changed on every request), against a peer in the
//! same run: `dealdraft render --format md --out -` of the same changed deal as a whole
//! process (what a user without the workbench runs to see the change).
//!
//! First an interleaved run (the two sides alternating, `RUNS` each, default 15) prints
//! the medians and their ratio; then criterion measures each side on its own.
//! `cargo bench --bench serve`

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};

/// The bank example with its uptime at the `i`th of a few values (and credit tiers below it).
fn changed(base: &Value, i: usize) -> Value {
    let pct = [99.5, 99.9, 99.95, 99.7, 99.8][i % 5];
    let mut d = base.clone();
    d["sla"]["uptime_pct"] = json!(pct);
    d["sla"]["credit_tiers"] = json!([
        { "below_pct": pct, "credit_pct": 10 },
        { "below_pct": 95.0, "credit_pct": 50 }
    ]);
    d
}

/// One preview request; returns the HTML's length (checked non-empty).
fn preview(addr: SocketAddr, deal: &Value) -> usize {
    let body = json!({ "deal": deal, "document": "sow" }).to_string();
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "POST /api/preview HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nX-Dealdraft: 1\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        addr.port(),
        body.len()
    )
    .expect("send");
    let mut reply = Vec::new();
    s.read_to_end(&mut reply).expect("read");
    assert!(reply.starts_with(b"HTTP/1.1 200"), "preview failed");
    let html = reply
        .windows(9)
        .position(|w| w == b"\"html\":\"<")
        .expect("a preview");
    reply.len() - html
}

/// `dealdraft render --format md --out -` of the deal in `file`, as a process.
fn render_process(file: &Path) -> usize {
    let out = Command::new(env!("CARGO_BIN_EXE_dealdraft"))
        .args(["render", "--format", "md", "--out", "-"])
        .arg(file)
        .output()
        .expect("dealdraft runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout.len()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let base: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("examples/global-bank.json")).expect("example"),
    )
    .expect("JSON");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        root.join("examples/global-bank.json"),
        dir.path().join("global-bank.json"),
    )
    .expect("copy");
    let running = dealdraft::serve::start(dealdraft::serve::Options {
        dir: dir.path().to_path_buf(),
        bind: "127.0.0.1:0".parse().expect("address"),
        token: None,
        library: dealdraft::Library::builtin().expect("library"),
    })
    .expect("server starts");
    let addr = running.addr();
    let file = dir.path().join("changed.json");
    let write = |i: usize| {
        std::fs::write(
            &file,
            serde_json::to_string_pretty(&changed(&base, i)).expect("JSON"),
        )
        .expect("write")
    };
    // Warm both: the server's first preview, the binary in the page cache.
    preview(addr, &changed(&base, 0));
    write(0);
    render_process(&file);

    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(15);
    let (mut served, mut process) = (Vec::new(), Vec::new());
    for i in 0..runs {
        let deal = changed(&base, i + 1);
        let t = Instant::now();
        preview(addr, &deal);
        served.push(t.elapsed());
        write(i + 1);
        let t = Instant::now();
        render_process(&file);
        process.push(t.elapsed());
    }
    let (s, p) = (median(served), median(process));
    println!(
        "serve preview (change → updated SOW preview, with diagnostics and findings): median {:.1} ms \
         over {runs} runs (target ≤ 300 ms)",
        s.as_secs_f64() * 1e3
    );
    println!(
        "peer `dealdraft render --format md --out -` as a process: median {:.1} ms; ratio preview / peer {:.2}×",
        p.as_secs_f64() * 1e3,
        s.as_secs_f64() / p.as_secs_f64()
    );

    let mut i = 0;
    c.bench_function("serve/preview bank SOW, uptime changed", |b| {
        b.iter(|| {
            i += 1;
            preview(addr, &changed(&base, i))
        })
    });
    c.bench_function("process/render md bank SOW", |b| {
        b.iter(|| render_process(&file))
    });
    running.stop();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
