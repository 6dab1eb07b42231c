//! One run, three numbers, as ratios: dealdraft deal → PDF as a whole process, the same
//! in-process (engine built once, per document), and `typst compile` of dealdraft's own
//! `--format typ` output when a `typst` binary is on PATH. Then Word: deal → DOCX as a whole
//! process against `pandoc` converting dealdraft's own Markdown of the same document, when
//! `pandoc` is on PATH. Then HTML the same way: deal → page as a whole process against
//! `pandoc` making a standalone HTML5 page of dealdraft's own Markdown, and the HTML writer
//! in-process beside the Markdown writer (what the workbench's preview pays per change).
//!
//! `cargo bench --bench compare` (set `RUNS=n` for more runs; default 15). Not a test:
//! machines are noisy, so nothing here asserts a time.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use dealdraft::{Format, Library, RenderOptions};

/// CPU seconds (user + system) of this process and of its waited-for children, from
/// /proc (Linux); `None` elsewhere.
fn cpu_seconds() -> Option<(f64, f64)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    let f: Vec<f64> = after
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    // Fields 14-17 of stat (utime, stime, cutime, cstime), counted from field 3 here.
    let tick = 100.0; // USER_HZ on Linux
    Some(((f[11] + f[12]) / tick, (f[13] + f[14]) / tick))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn time_process(runs: usize, mut make: impl FnMut() -> Command) -> (f64, Option<f64>) {
    let mut walls = Vec::new();
    let before = cpu_seconds();
    for _ in 0..runs {
        let t = Instant::now();
        let out = make().output().expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        walls.push(t.elapsed().as_secs_f64());
    }
    let cpu = match (before, cpu_seconds()) {
        (Some((_, c0)), Some((_, c1))) => Some((c1 - c0) / runs as f64),
        _ => None,
    };
    (median(walls), cpu)
}

/// Runs `dealdraft render` once (set-up, not timed); returns the paths it printed.
fn render_once(bin: &Path, formats: &str, doc: &str, out: &Path, deal: &Path) -> String {
    let o = Command::new(bin)
        .args(["render", "--format", formats, "--document", doc, "--out"])
        .arg(out)
        .arg(deal)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

/// The other tool's median and dealdraft's ratio to it, or dashes when it did not run.
fn against(dd: f64, other: Vec<f64>) -> (String, String) {
    if other.is_empty() {
        return ("-".into(), "-".into());
    }
    let o = median(other);
    (ms(o), format!("{:6.2}x", dd / o))
}

fn ms(x: f64) -> String {
    format!("{:7.1} ms", x * 1000.0)
}

fn main() {
    // `cargo bench` passes `--bench`; ignore arguments.
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(15);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_dealdraft"));
    let work = tempfile::tempdir().expect("temp dir");
    let typst = Command::new("typst")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    let library = Library::builtin().expect("library");

    // ONLY=html,word (pdf, word, html, redline, md, intake): those tables alone.
    let only = std::env::var("ONLY").ok();
    let want = |table: &str| {
        only.as_deref()
            .is_none_or(|o| o.split(',').any(|t| t.trim() == table))
    };
    if want("pdf") {
        pdf(runs, &bin, root, work.path(), &library, typst.as_deref());
    }
    if want("word") {
        word(runs, &bin, root, work.path(), &library);
    }
    if want("html") {
        html(runs, &bin, root, work.path(), &library);
    }
    if want("redline") {
        redline(runs, &bin, root, work.path());
    }
    if want("md") {
        markdown_and_check(runs, &bin, root, work.path());
    }
    if want("intake") {
        intake(runs, &bin, root, work.path());
    }
}

/// PDF: `dealdraft render --format pdf` as a whole process against `typst compile` of
/// dealdraft's own `--format typ` output, and in-process with a warm engine.
fn pdf(runs: usize, bin: &Path, root: &Path, work: &Path, library: &Library, typst: Option<&str>) {
    println!("dealdraft vs typst compile — median of {runs} runs, release build");
    match &typst {
        Some(v) => println!("typst CLI: {v}"),
        None => println!(
            "typst CLI: not on PATH (`cargo install typst-cli --locked`); its column is skipped"
        ),
    }
    println!();
    println!(
        "{:<34} {:>6} {:>11} {:>11} {:>11} {:>11} {:>8}",
        "document", "pages", "dd process", "dd cpu", "in-process", "typst", "ratio"
    );

    for (name, doc) in [
        ("global-bank", "sow"),
        ("global-bank", "sla-annex"),
        ("healthcare-azure", "sow"),
        ("minimal", "sow"),
    ] {
        let deal_path = root.join(format!("examples/{name}.json"));
        // dealdraft's Typst project for the same document, for `typst compile`.
        let proj = work.join(format!("{name}-typ"));
        render_once(bin, "typ,pdf", doc, &proj, &deal_path);
        let deal_dir = std::fs::read_dir(&proj)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let pages = count_pages(&std::fs::read(deal_dir.join(format!("{doc}.pdf"))).unwrap());

        // dealdraft and `typst compile` alternate run by run, so drift in the machine's
        // speed affects both alike.
        let pdf_out = work.join(format!("{name}-pdf"));
        let entry = deal_dir.join(format!("{doc}.typ"));
        let target = work.join("typst-out.pdf");
        let (mut dd_walls, mut dd_cpus, mut t_walls) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..runs {
            let (w, c) = time_process(1, || {
                let mut c = Command::new(bin);
                c.args(["render", "--format", "pdf", "--document", doc, "--out"])
                    .arg(&pdf_out)
                    .arg(&deal_path);
                c
            });
            dd_walls.push(w);
            dd_cpus.extend(c);
            if typst.is_some() {
                let (w, _) = time_process(1, || {
                    let mut c = Command::new("typst");
                    c.arg("compile").arg(&entry).arg(&target);
                    c
                });
                t_walls.push(w);
            }
        }
        let dd_wall = median(dd_walls);
        let dd_cpu =
            (!dd_cpus.is_empty()).then(|| dd_cpus.iter().sum::<f64>() / dd_cpus.len() as f64);

        // In-process: the engine is warm (built once per process), one document per call,
        // each a document the engine has not seen: Typst's memo cache is emptied before
        // each run, so no layout is reused from the run before.
        let deal = dealdraft::load_deal(&deal_path, library).unwrap();
        let opts = RenderOptions {
            documents: vec![doc.into()],
            formats: vec![Format::Pdf],
            ..Default::default()
        };
        dealdraft::render_deal(&deal, library, &opts).unwrap();
        let mut walls = Vec::new();
        let mut cpu_total = 0.0;
        for _ in 0..runs {
            comemo::evict(0);
            let c0 = cpu_seconds();
            let t = Instant::now();
            dealdraft::render_deal(&deal, library, &opts).unwrap();
            walls.push(t.elapsed().as_secs_f64());
            if let (Some((a, _)), Some((b, _))) = (c0, cpu_seconds()) {
                cpu_total += b - a;
            }
        }
        let inproc_cpu = if cpu_total > 0.0 {
            format!(" (cpu {})", ms(cpu_total / runs as f64).trim())
        } else {
            String::new()
        };
        let inproc = median(walls);

        let (typst_col, ratio) = against(dd_wall, t_walls);
        println!(
            "{:<34} {:>6} {:>11} {:>11} {:>11} {:>11} {:>8}{}",
            format!("{name} / {doc}"),
            pages,
            ms(dd_wall),
            dd_cpu.map(ms).unwrap_or_else(|| "-".into()),
            ms(inproc),
            typst_col,
            ratio,
            inproc_cpu
        );
    }

    // A batch: one engine shared by threads; Typst's memo cache is trimmed (`evict(n)`),
    // not emptied, after each document, so threads keep their caches and memory stays flat.
    // Like one SOW per business unit, the documents share most clauses but no two are
    // the same: each names its own customer (and the units' overrides differ).
    let deal = dealdraft::load_deal(&root.join("examples/global-bank.json"), library).unwrap();
    let mut deals = vec![deal.clone()];
    for u in deal.units() {
        deals.push(dealdraft::resolve::for_unit(&deal, &u.id, library).unwrap());
    }
    let opts = RenderOptions {
        documents: vec!["sla-annex".into()],
        formats: vec![Format::Pdf],
        ..Default::default()
    };
    let batch = 4 * runs.max(8);
    println!();
    println!(
        "batch of {batch} distinct documents (global-bank and its {} units / sla-annex, each customer named apart), in-process:",
        deals.len() - 1
    );
    for threads in [1usize, 2] {
        comemo::evict(0);
        let next = std::sync::atomic::AtomicUsize::new(0);
        // Resident memory after each quarter of the batch: it should level off.
        let rss = std::sync::Mutex::new(Vec::new());
        let t = Instant::now();
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if i >= batch {
                            break;
                        }
                        let d = named_apart(&deals[i % deals.len()], threads * 10_000 + i);
                        dealdraft::render_deal(&d, library, &opts).unwrap();
                        if (i + 1).is_multiple_of(batch / 4) {
                            rss.lock().unwrap().extend(rss_mb());
                        }
                    }
                });
            }
        });
        let secs = t.elapsed().as_secs_f64();
        println!(
            "  {threads} thread(s): {:6.1} documents/s, resident memory after each quarter: {} MB",
            batch as f64 / secs,
            rss.into_inner()
                .unwrap()
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(" → ")
        );
    }

    println!();
    println!(
        "dd process: `dealdraft render --format pdf` as a whole process (load, validate, assemble, typeset, write)."
    );
    println!(
        "in-process: render_deal() to PDF bytes with a warm engine and an empty memo cache. ratio: dd process / typst compile (target ≤ 0.85)."
    );
}

/// Word: `dealdraft render --format docx` as a whole process against `pandoc` turning
/// dealdraft's own Markdown of the same document into DOCX, alternating run by run; and the
/// DOCX writer in-process.
fn word(runs: usize, bin: &Path, root: &Path, work: &Path, library: &Library) {
    let pandoc = Command::new("pandoc")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .next()
                .unwrap_or("")
                .to_string()
        });
    println!();
    match &pandoc {
        Some(v) => println!("Word — dealdraft vs {v} (Markdown → DOCX), median of {runs} runs"),
        None => {
            println!("Word — pandoc not on PATH (`apt-get install pandoc`); its column is skipped")
        }
    }
    println!(
        "{:<34} {:>11} {:>11} {:>11} {:>8}",
        "document", "dd process", "in-process", "pandoc", "ratio"
    );
    for (name, doc) in [
        ("global-bank", "sow"),
        ("healthcare-azure", "sow"),
        ("minimal", "sow"),
    ] {
        let deal_path = root.join(format!("examples/{name}.json"));
        let md_dir = work.join(format!("{name}-md"));
        let md = render_once(bin, "md", doc, &md_dir, &deal_path);
        let docx_out = work.join(format!("{name}-docx"));
        let target = work.join("pandoc-out.docx");
        let (mut dd, mut pd) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            dd.push(
                time_process(1, || {
                    let mut c = Command::new(bin);
                    c.args(["render", "--format", "docx", "--document", doc, "--out"])
                        .arg(&docx_out)
                        .arg(&deal_path);
                    c
                })
                .0,
            );
            if pandoc.is_some() {
                pd.push(
                    time_process(1, || {
                        let mut c = Command::new("pandoc");
                        c.args(["-f", "gfm", "-t", "docx", "-o"])
                            .arg(&target)
                            .arg(&md);
                        c
                    })
                    .0,
                );
            }
        }
        let deal = dealdraft::load_deal(&deal_path, library).unwrap();
        let opts = RenderOptions {
            documents: vec![doc.into()],
            formats: vec![Format::Docx],
            ..Default::default()
        };
        let mut walls = Vec::new();
        for _ in 0..runs {
            let t = Instant::now();
            dealdraft::render_deal(&deal, library, &opts).unwrap();
            walls.push(t.elapsed().as_secs_f64());
        }
        let dd_wall = median(dd);
        let (pandoc_col, ratio) = against(dd_wall, pd);
        println!(
            "{:<34} {:>11} {:>11} {:>11} {:>8}",
            format!("{name} / {doc}"),
            ms(dd_wall),
            ms(median(walls)),
            pandoc_col,
            ratio
        );
    }
    println!(
        "dd process: `dealdraft render --format docx` as a whole process (target ≤ 40 ms for the 25-page SOW). ratio: dd process / pandoc."
    );
}

/// HTML: `dealdraft render --format html` as a whole process against `pandoc -f gfm -t
/// html5 --standalone` of dealdraft's own Markdown of the same document, alternating run by
/// run; and in-process, the HTML writer against the Markdown writer on the same assembled
/// document (the writers alone: what the workbench's preview adds to each change).
fn html(runs: usize, bin: &Path, root: &Path, work: &Path, library: &Library) {
    let pandoc = Command::new("pandoc")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .next()
                .unwrap_or("")
                .to_string()
        });
    println!();
    match &pandoc {
        Some(v) => {
            println!("HTML — dealdraft vs {v} (Markdown → HTML5 page), median of {runs} runs")
        }
        None => {
            println!("HTML — pandoc not on PATH (`apt-get install pandoc`); its column is skipped")
        }
    }
    println!(
        "{:<28} {:>11} {:>11} {:>8} {:>11} {:>11} {:>8}",
        "document", "dd process", "pandoc", "ratio", "html writer", "md writer", "ratio"
    );
    for (name, doc) in [
        ("global-bank", "sow"),
        ("healthcare-azure", "sow"),
        ("minimal", "sow"),
    ] {
        let deal_path = root.join(format!("examples/{name}.json"));
        let md_dir = work.join(format!("{name}-md"));
        let md = render_once(bin, "md", doc, &md_dir, &deal_path);
        let html_out = work.join(format!("{name}-html"));
        let target = work.join("pandoc-out.html");
        let (mut dd, mut pd) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            dd.push(
                time_process(1, || {
                    let mut c = Command::new(bin);
                    c.args(["render", "--format", "html", "--document", doc, "--out"])
                        .arg(&html_out)
                        .arg(&deal_path);
                    c
                })
                .0,
            );
            if pandoc.is_some() {
                pd.push(
                    time_process(1, || {
                        let mut c = Command::new("pandoc");
                        c.args(["-f", "gfm", "-t", "html5", "--standalone", "-o"])
                            .arg(&target)
                            .arg(&md);
                        c
                    })
                    .0,
                );
            }
        }
        // The writers alone, alternating, on one assembled document.
        let deal = dealdraft::load_deal(&deal_path, library).unwrap();
        let set = dealdraft::assemble::assemble(&deal, library, doc, Default::default()).unwrap();
        let (docs, _) = set.chosen(&[doc.to_string()]);
        let (mut h, mut m) = (Vec::new(), Vec::new());
        for _ in 0..runs * 20 {
            let t = Instant::now();
            std::hint::black_box(dealdraft::render::html::render(&docs[0]));
            h.push(t.elapsed().as_secs_f64());
            let t = Instant::now();
            std::hint::black_box(dealdraft::render::markdown::render(&docs[0]));
            m.push(t.elapsed().as_secs_f64());
        }
        let dd_wall = median(dd);
        let (pandoc_col, ratio) = against(dd_wall, pd);
        let (h, m) = (median(h), median(m));
        println!(
            "{:<28} {:>11} {:>11} {:>8} {:>11} {:>11} {:>7.2}x",
            format!("{name} / {doc}"),
            ms(dd_wall),
            pandoc_col,
            ratio,
            format!("{:.3} ms", h * 1000.0),
            format!("{:.3} ms", m * 1000.0),
            h / m
        );
    }
    println!(
        "dd process: `dealdraft render --format html` as a whole process. ratio: dd process / pandoc; html writer / md writer, in-process on the same document."
    );
}

/// Redlines: `dealdraft redline --format md,docx` of the 25-page SOW as a whole process,
/// against another deal, against the playbook's fallback, and against a 25-page vendor
/// `.docx` (another deal's SOW as Word, read back as the vendor's paper).
fn redline(runs: usize, bin: &Path, root: &Path, work: &Path) {
    println!();
    println!(
        "Redline — `dealdraft redline --format md,docx` as a whole process, median of {runs} runs"
    );
    println!("{:<58} {:>11}", "draft against baseline", "dd process");
    let vendor = vendor_docx(bin, root, work);
    let deal = root.join("examples/global-bank.json");
    let out = work.join("redline-out");
    for (label, against) in [
        (
            "global-bank / sow against healthcare-azure.json",
            root.join("examples/healthcare-azure.json"),
        ),
        (
            "global-bank / sow against playbook:fallback",
            PathBuf::from("playbook:fallback"),
        ),
        (
            "global-bank / sow against a 25-page vendor .docx",
            vendor.clone(),
        ),
    ] {
        let mut walls = Vec::new();
        for _ in 0..runs {
            walls.push(
                time_process(1, || {
                    let mut c = Command::new(bin);
                    c.args(["redline", "--format", "md,docx", "--out"])
                        .arg(&out)
                        .arg(&deal)
                        .arg("--against")
                        .arg(&against);
                    c
                })
                .0,
            );
        }
        println!("{:<58} {:>11}", label, ms(median(walls)));
    }
    println!(
        "targets: ≤ 80 ms against a deal, ≤ 150 ms against a 25-page vendor .docx (md + docx)."
    );
}

/// Markdown and `check` as whole processes: the commands a pipeline runs most.
fn markdown_and_check(runs: usize, bin: &Path, root: &Path, work: &Path) {
    println!();
    println!("Markdown and check — whole process, median of {runs} runs");
    println!("{:<58} {:>11}", "command", "dd process");
    let deal = root.join("examples/global-bank.json");
    let vendor = root.join("examples/check/vendor-paper.md");
    let out = work.join("md-out");
    let rows: Vec<(&str, Vec<std::ffi::OsString>)> = vec![
        (
            "render --format md (global-bank / sow, 25 pages)",
            vec![
                "render".into(),
                "--format".into(),
                "md".into(),
                "--out".into(),
                out.clone().into(),
                deal.clone().into(),
            ],
        ),
        (
            "check global-bank.json",
            vec!["check".into(), deal.clone().into()],
        ),
        (
            "check --paper vendor-paper.md",
            vec!["check".into(), "--paper".into(), vendor.into()],
        ),
    ];
    time_commands(runs, bin, rows);
    println!("target: deal → Markdown ≤ 15 ms as a whole process.");
}

/// A 25-page vendor `.docx`: another deal's SOW (with its annexes) rendered as Word.
fn vendor_docx(bin: &Path, root: &Path, work: &Path) -> PathBuf {
    let dir = work.join("vendor");
    render_once(
        bin,
        "docx",
        "sow",
        &dir,
        &root.join("examples/healthcare-azure.json"),
    );
    std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path()
        .join("sow.docx")
}

/// Each command run `runs` times as a whole process, its median printed.
fn time_commands(runs: usize, bin: &Path, rows: Vec<(&str, Vec<std::ffi::OsString>)>) {
    for (label, args) in rows {
        let mut walls = Vec::new();
        for _ in 0..runs {
            let t = Instant::now();
            let o = Command::new(bin).args(&args).output().expect("run");
            // `check` exits 1 when it finds an error in the deal or the paper.
            assert!(
                matches!(o.status.code(), Some(0 | 1)),
                "{}",
                String::from_utf8_lossy(&o.stderr)
            );
            walls.push(t.elapsed().as_secs_f64());
        }
        println!("{:<58} {:>11}", label, ms(median(walls)));
    }
}

/// The vendor's paper read: `dealdraft intake` and `dealdraft check --paper` of a 25-page
/// Word file (another deal's SOW with its annexes, read back as the vendor's paper) as
/// whole processes.
fn intake(runs: usize, bin: &Path, root: &Path, work: &Path) {
    println!();
    println!("The vendor's paper — whole process, median of {runs} runs");
    println!("{:<58} {:>11}", "command", "dd process");
    let paper = vendor_docx(bin, root, work);
    let out = work.join("paper-deal.json");
    let rows: Vec<(&str, Vec<std::ffi::OsString>)> = vec![
        (
            "intake of a 25-page vendor .docx (--out deal.json)",
            vec![
                "intake".into(),
                paper.clone().into(),
                "--out".into(),
                out.into(),
            ],
        ),
        (
            "check --paper of a 25-page vendor .docx",
            vec!["check".into(), "--paper".into(), paper.clone().into()],
        ),
        (
            "markup of a 25-page vendor .docx (global-bank's positions)",
            vec![
                "markup".into(),
                paper.into(),
                "--deal".into(),
                root.join("examples/global-bank.json").into(),
                "--out".into(),
                work.join("markup").into(),
            ],
        ),
    ];
    time_commands(runs, bin, rows);
    println!("targets: intake of a 25-page .docx ≤ 20 ms, markup ≤ 50 ms, as whole processes.");
}

/// The deal with the customer's names made unique to `i`.
fn named_apart(deal: &dealdraft::Resolved, i: usize) -> dealdraft::Resolved {
    let mut d = deal.clone();
    if let Some(c) = d.deal.deal.customer.as_mut() {
        for name in [&mut c.legal_name, &mut c.short_name].into_iter().flatten() {
            name.push_str(&format!(" {i}"));
        }
    }
    d
}

/// Resident memory of this process in MB (Linux).
fn rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

fn count_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type /Page\n")
        .count()
        .max(text.matches("/Type /Page ").count())
        .max(text.matches("/Type/Page").count() - text.matches("/Type/Pages").count())
}
