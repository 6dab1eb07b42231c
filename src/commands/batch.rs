//! `batch`: many deals and their units, with progress on the terminal or one line per deal.

use std::io::{IsTerminal, Write};

use dealdraft::Library;

use super::Failure;
use crate::cli;

/// `batch`: the library renders; this prints progress and the failures, and maps the
/// outcome to the exit code (1 if anything failed).
pub fn run(a: cli::BatchArgs) -> Result<u8, Failure> {
    let formats = dealdraft::Format::parse_list(&a.format)?;
    let typst_style = dealdraft::render::read_style(a.template.as_deref())?;
    let library = Library::load(a.library.library.as_deref())?;
    let opts = dealdraft::batch::BatchOptions {
        inputs: a.inputs,
        units: a.units,
        delimiter: a.delimiter,
        out: a.out,
        manifest: a.manifest,
        render: dealdraft::RenderOptions {
            documents: a.document,
            formats,
            assemble: dealdraft::assemble::Options {
                final_draft: a.final_draft,
            },
            typst_style,
        },
        jobs: a.jobs.map(usize::from),
        changed_only: a.changed_only,
        shard: a.shard,
        check: a.check.as_deref().map(|g| match g {
            "error" => dealdraft::batch::CheckGate::Error,
            _ => dealdraft::batch::CheckGate::Report,
        }),
    };
    let progress: Box<dyn dealdraft::batch::Progress> = if a.quiet {
        Box::new(dealdraft::batch::Quiet)
    } else if std::io::stderr().is_terminal() {
        Box::new(Bar::new())
    } else {
        Box::new(Lines)
    };
    let report = dealdraft::batch::run(&opts, &library, progress.as_ref())?;
    drop(progress);

    let (rendered, unchanged, failed, files) = report.counts();
    let mut err = std::io::stderr().lock();
    for (job, problems) in report.failures() {
        let unit = job
            .unit
            .as_deref()
            .map(|u| format!(", unit {u}"))
            .unwrap_or_default();
        let deal = job.deal.as_deref().unwrap_or("?");
        let _ = writeln!(err, "failed: {} (deal {deal}{unit})", job.input);
        for d in problems.errors() {
            let text = d.to_string().replace('\n', "\n  ");
            let _ = writeln!(err, "  {text}");
        }
    }
    if !a.quiet || failed > 0 {
        let warnings: usize = report.outcomes.iter().map(|o| o.warnings.len()).sum();
        let warned = if warnings > 0 {
            format!(", {warnings} warnings (blanks; `dealdraft validate` lists them)")
        } else {
            String::new()
        };
        let checked = match a.check {
            Some(_) => {
                let (mut errors, mut warnings, mut units) = (0, 0, 0);
                for f in report.findings() {
                    errors += f.errors;
                    warnings += f.warnings;
                    units += usize::from(f.errors + f.warnings > 0);
                }
                let n = |k: usize, one: &str| format!("{k} {one}{}", if k == 1 { "" } else { "s" });
                format!(
                    "; check: {}, {} ({units} of those rendered with findings; `dealdraft check` lists them)",
                    n(errors, "error"),
                    n(warnings, "warning")
                )
            }
            None => String::new(),
        };
        let _ = writeln!(
            err,
            "batch: {rendered} rendered ({files} files), {unchanged} unchanged, {failed} failed{warned}{checked}; manifest {}",
            report.manifest_path.display()
        );
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

/// Progress on a terminal: a bar with done/total, documents per second, ETA and the
/// deal/unit being rendered.
struct Bar {
    bar: indicatif::ProgressBar,
    files: std::sync::atomic::AtomicUsize,
    start: std::time::Instant,
}

impl Bar {
    fn new() -> Bar {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30.cyan/blue} {pos}/{len} units  ETA {eta}  {msg}",
            )
            .expect("a valid template"),
        );
        Bar {
            bar,
            files: Default::default(),
            start: std::time::Instant::now(),
        }
    }
}

impl dealdraft::batch::Progress for Bar {
    fn planned(&self, jobs: usize) {
        self.bar.set_length(jobs as u64);
    }

    fn started(&self, job: &dealdraft::batch::Job) {
        let files = self.files.load(std::sync::atomic::Ordering::Relaxed);
        let rate = files as f64 / self.start.elapsed().as_secs_f64().max(1e-3);
        self.bar.set_message(format!(
            "{rate:.1} documents/s  {}{}",
            job.deal.as_deref().unwrap_or(&job.input),
            job.unit
                .as_deref()
                .map(|u| format!("/{u}"))
                .unwrap_or_default()
        ));
    }

    fn finished(&self, outcome: &dealdraft::batch::Outcome) {
        if let dealdraft::batch::Status::Rendered(f) = &outcome.status {
            self.files
                .fetch_add(f.len(), std::sync::atomic::Ordering::Relaxed);
        }
        self.bar.inc(1);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// Progress into a log: one line per deal file when all its units are done.
struct Lines;

impl dealdraft::batch::Progress for Lines {
    fn deal_finished(&self, d: &dealdraft::batch::DealSummary) {
        let status = if d.failed > 0 { "FAILED" } else { "ok" };
        let _ = writeln!(
            std::io::stderr().lock(),
            "{status} {} ({}): {} rendered ({} files), {} unchanged, {} failed",
            d.deal.as_deref().unwrap_or("?"),
            d.input,
            d.rendered,
            d.files,
            d.unchanged,
            d.failed
        );
    }
}
