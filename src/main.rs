//! The `dealdraft` binary: parse arguments, call the library, print, exit 0/1/2.

mod cli;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use dealdraft::deal::model::Stance;
use dealdraft::{Diagnostics, Library};

use cli::{Cli, Command};

// Typst allocates heavily while laying out a document; mimalloc (v2, see Cargo.toml) reuses
// memory instead of faulting in fresh pages, which is a measurable part of a one-document run.
#[global_allocator]
static ALLOC: Bounded = Bounded(mimalloc::MiMalloc);

/// mimalloc, refusing any single allocation above [`dealdraft::limits::MAX_ALLOCATION`]
/// with a clear message and exit code 2 instead of an abort (or the OOM killer).
struct Bounded(mimalloc::MiMalloc);

// SAFETY: every call is passed on to mimalloc unchanged, or never returns.
unsafe impl std::alloc::GlobalAlloc for Bounded {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        bounded(layout.size());
        unsafe { self.0.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        bounded(layout.size());
        unsafe { self.0.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        unsafe { self.0.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new: usize) -> *mut u8 {
        bounded(new);
        unsafe { self.0.realloc(ptr, layout, new) }
    }
}

#[inline]
fn bounded(size: usize) {
    if size > dealdraft::limits::MAX_ALLOCATION {
        // No allocation from here on: a fixed message, straight to the file descriptor.
        const MSG: &[u8] = b"error: dealdraft was asked for more than 1 GiB of memory at once; \
stopped (a --library template or --template style that builds huge values?)\n";
        #[cfg(target_os = "linux")]
        // SAFETY: write(2) and _exit(2) with a static buffer; no allocation, no unwinding.
        unsafe {
            libc::write(2, MSG.as_ptr().cast(), MSG.len());
            libc::_exit(2);
        }
        #[cfg(not(target_os = "linux"))]
        std::process::abort();
    }
}

/// Ends the process when a template, a style or the memory runs over its limit
/// ([`dealdraft::limits`]).
fn stop(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(i32::from(BAD_INPUT));
}

/// Exit codes: 0 ok, 1 findings/failures, 2 bad usage or input.
const BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    dealdraft::limits::enforce(stop);
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { BAD_INPUT } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(Failure::Input(d)) => {
            report(&d);
            ExitCode::from(BAD_INPUT)
        }
        // A closed pipe (`dealdraft schema | head`) is not an error.
        Err(Failure::Pipe) => ExitCode::SUCCESS,
    }
}

enum Failure {
    Input(Diagnostics),
    Pipe,
}

impl From<Diagnostics> for Failure {
    fn from(d: Diagnostics) -> Self {
        Failure::Input(d)
    }
}

impl From<dealdraft::Diagnostic> for Failure {
    fn from(d: dealdraft::Diagnostic) -> Self {
        Failure::Input(d.into())
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::Pipe
        } else {
            Failure::Input(dealdraft::Diagnostic::error(format!("cannot write output: {e}")).into())
        }
    }
}

fn report(d: &Diagnostics) {
    let mut err = std::io::stderr().lock();
    for x in d.iter() {
        let _ = writeln!(err, "{x}");
    }
    let n = d.errors().count();
    if n > 1 {
        let _ = writeln!(err, "{n} errors");
    }
}

fn out(s: &str) -> Result<(), Failure> {
    let mut o = std::io::stdout().lock();
    o.write_all(s.as_bytes())?;
    o.flush()?;
    Ok(())
}

fn parse_formats(names: &[String]) -> Result<Vec<dealdraft::Format>, Failure> {
    let mut formats = Vec::new();
    for f in names {
        match dealdraft::Format::parse(f) {
            Some(x) if !formats.contains(&x) => formats.push(x),
            Some(_) => {}
            None => {
                return Err(
                    dealdraft::Diagnostic::error(format!("unknown format \"{f}\""))
                        .help(format!("formats: {}", dealdraft::Format::NAMES))
                        .into(),
                );
            }
        }
    }
    Ok(formats)
}

fn read_template(path: Option<&std::path::Path>) -> Result<Option<(String, String)>, Failure> {
    Ok(match path {
        Some(p) => Some((
            p.display().to_string(),
            std::fs::read_to_string(p).map_err(|e| {
                dealdraft::Diagnostic::error(format!("cannot read the template: {e}")).in_file(p)
            })?,
        )),
        None => None,
    })
}

fn run(cli: Cli) -> Result<u8, Failure> {
    match cli.command {
        Command::Batch(a) => run_batch(a),
        Command::Manifest(cli::ManifestArgs {
            command: cli::ManifestCommand::Merge { manifests },
        }) => {
            let mut parts = Vec::new();
            for p in &manifests {
                parts.push((
                    p.display().to_string(),
                    dealdraft::manifest::Manifest::read(p)?,
                ));
            }
            let merged = dealdraft::manifest::Manifest::merge(&parts)?;
            out(&merged.to_json())?;
            Ok(0)
        }
        Command::Render(a) => {
            let formats = parse_formats(&a.format)?;
            // `--out -`: one Markdown document to standard output (a pipe), nothing written.
            let to_stdout = a.out.as_os_str() == "-";
            if to_stdout
                && (formats != [dealdraft::Format::Markdown]
                    || a.document.len() != 1
                    || a.document[0] == "all")
            {
                return Err(dealdraft::Diagnostic::error(
                    "`--out -` writes one Markdown document to standard output",
                )
                .help(
                    "use --format md and one --document (sow, sla-annex, ...), or an output folder",
                )
                .into());
            }
            let typst_style = read_template(a.template.as_deref())?;
            if formats.contains(&dealdraft::Format::Pdf) {
                dealdraft::render::typst::PdfEngine::warm_up(typst_style.clone());
            }
            let library = Library::load(a.library.library.as_deref())?;
            let mut deal = dealdraft::load_deal(&a.deal, &library)?;
            if let Some(u) = &a.unit {
                deal = dealdraft::resolve::for_unit(&deal, u, &library)?;
            }
            let opts = dealdraft::RenderOptions {
                documents: a.document.clone(),
                formats,
                assemble: dealdraft::assemble::Options {
                    final_draft: a.final_draft,
                },
                typst_style,
            };
            let rendered = dealdraft::render_deal(&deal, &library, &opts)?;
            report(&rendered.warnings);
            if to_stdout {
                for (_, bytes) in &rendered.files {
                    out(&String::from_utf8_lossy(bytes))?;
                }
                return Ok(0);
            }
            let dir = dealdraft::output::deal_dir(
                &a.out,
                &deal.deal.deal.id,
                deal.unit.as_ref().map(|u| u.id.as_str()),
            );
            for p in dealdraft::write_rendered(&dir, &rendered)? {
                out(&format!("{}\n", p.display()))?;
            }
            Ok(0)
        }
        Command::Redline(a) => {
            let formats = parse_formats(&a.format)?;
            if formats.contains(&dealdraft::Format::Typst) {
                return Err(dealdraft::Diagnostic::error(
                    "a redline is written as md, pdf or docx",
                )
                .help("--format md,pdf,docx")
                .into());
            }
            if formats.contains(&dealdraft::Format::Pdf) {
                dealdraft::render::typst::PdfEngine::warm_up(None);
            }
            let library = Library::load(a.library.library.as_deref())?;
            let deal = dealdraft::load_deal(&a.deal, &library)?;
            let against = dealdraft::redline::Against::load(&a.against, &deal, &library)?;
            let opts = dealdraft::redline::Options {
                documents: a.document.clone(),
                formats,
                author: a.author.clone(),
                assemble: Default::default(),
            };
            let rendered = dealdraft::redline::redline(&deal, &library, &against, &opts)?;
            report(&rendered.warnings);
            let dir = dealdraft::output::deal_dir(&a.out, &deal.deal.deal.id, None);
            for p in dealdraft::write_rendered(&dir, &rendered)? {
                out(&format!("{}\n", p.display()))?;
            }
            Ok(0)
        }
        Command::Validate(a) => {
            let library = Library::load(a.library.library.as_deref())?;
            let mut all = Diagnostics::new();
            for path in &a.deals {
                let result = dealdraft::load_deal(path, &library).and_then(|deal| {
                    dealdraft::assemble::assemble(
                        &deal,
                        &library,
                        dealdraft::MAIN_DOCUMENT,
                        dealdraft::assemble::Options {
                            final_draft: a.final_draft,
                        },
                    )
                    .map(|set| (set.warnings, set.blanks.len()))
                });
                match result {
                    Ok((warnings, blanks)) => {
                        report(&warnings);
                        let note = match blanks {
                            0 => String::new(),
                            n => format!(
                                " ({n} blank position{}: the draft shows [●]; `--final` refuses them)",
                                if n == 1 { "" } else { "s" }
                            ),
                        };
                        out(&format!("ok: {}{note}\n", path.display()))?;
                    }
                    Err(d) => all.extend(d),
                }
            }
            if all.has_errors() {
                return Err(Failure::Input(all));
            }
            Ok(0)
        }
        Command::Check(a) => {
            // The vendor's paper alone renders nothing: the templates need not be compiled.
            let library = if a.deals.is_empty() {
                Library::load_for_reading(a.library.library.as_deref())?
            } else {
                Library::load(a.library.library.as_deref())?
            };
            let format = dealdraft::check::report::Format::parse(&a.format)
                .expect("clap allows only known formats");
            let units = match &a.units {
                Some(p) => dealdraft::units::read_units_with(p, a.delimiter)?,
                None => Vec::new(),
            };
            let opts = dealdraft::check::Options {
                unit: a.unit,
                all_units: a.all_units,
                units,
            };
            let report = dealdraft::check::check_files(&a.deals, &a.paper, &opts, &library)?;
            out(&dealdraft::check::report::render(&report, format))?;
            Ok(if report.has_errors() { 1 } else { 0 })
        }
        Command::Intake(a) => {
            let library = Library::load_for_reading(a.library.library.as_deref())?;
            let intake = dealdraft::intake::intake_file(&a.paper, &library)?;
            let text = if a.format == "md" {
                dealdraft::intake::report::markdown(&intake, &library)
            } else {
                let mut t = serde_json::to_string_pretty(&intake.deal).expect("a deal serialises");
                t.push('\n');
                t
            };
            match &a.out {
                Some(path) => {
                    dealdraft::output::write_atomic(path, text.as_bytes()).map_err(|e| {
                        dealdraft::Diagnostic::error(format!("cannot write: {e}")).in_file(path)
                    })?;
                    eprintln!("{}", dealdraft::intake::report::summary(&intake));
                    out(&format!("{}\n", path.display()))?;
                }
                None => out(&text)?,
            }
            Ok(0)
        }
        Command::Markup(a) => {
            let library = Library::load(a.library.library.as_deref())?;
            let deal = dealdraft::load_deal(&a.deal, &library)?;
            let date = dealdraft::dates::changes_date(
                a.date.as_deref(),
                deal.deal.deal.effective_date.as_deref(),
            )?;
            let opts = dealdraft::markup::Options {
                tracking: dealdraft::markup::Tracking {
                    author: a.author.clone(),
                    date,
                },
                accept_existing: a.accept_existing,
            };
            let done = dealdraft::markup::markup(&a.paper, &deal, &library, &opts)?;
            std::fs::create_dir_all(&a.out).map_err(|e| {
                dealdraft::Diagnostic::error(format!("cannot create the folder: {e}"))
                    .in_file(&a.out)
            })?;
            for (name, bytes) in &done.files {
                let path = a.out.join(name);
                dealdraft::output::write_atomic(&path, bytes).map_err(|e| {
                    dealdraft::Diagnostic::error(format!("cannot write: {e}")).in_file(&path)
                })?;
                out(&format!("{}\n", path.display()))?;
            }
            eprintln!(
                "{}: {} changes marked, {} of their terms kept, {} left for counsel (see the summary)",
                a.paper.display(),
                done.plan.changes.len(),
                done.plan.kept.len(),
                done.plan.left.len()
            );
            Ok(0)
        }
        Command::Round(a) => {
            if let Some(dir) = &a.history {
                let path = dir.join("negotiation.json");
                let text = std::fs::read_to_string(&path).map_err(|e| {
                    dealdraft::Diagnostic::error(format!("cannot read the history: {e}"))
                        .in_file(&path)
                })?;
                out(&dealdraft::rounds::history_table(&text)
                    .map_err(|m| dealdraft::Diagnostic::error(m).in_file(&path))?)?;
                return Ok(0);
            }
            let (Some(theirs), Some(deal_path)) = (&a.theirs, &a.deal) else {
                unreachable!("clap requires them without --history")
            };
            let library = Library::load(a.library.library.as_deref())?;
            let deal = dealdraft::load_deal(deal_path, &library)?;
            let date = dealdraft::dates::changes_date(
                a.date.as_deref(),
                deal.deal.deal.effective_date.as_deref(),
            )?;
            let dir = dealdraft::output::deal_dir(&a.out, &deal.deal.deal.id, None);
            let history = std::fs::read_to_string(dir.join("negotiation.json")).ok();
            let decisions = match &a.decisions {
                Some(f) => dealdraft::rounds::decisions::Decisions::read(f)?,
                None => Default::default(),
            };
            let opts = dealdraft::rounds::Options {
                author: a.author.clone(),
                date,
                decisions,
            };
            let round =
                dealdraft::rounds::round(theirs, &deal, &library, &opts, history.as_deref())?;
            for (name, bytes) in &round.files {
                let path = dir.join(name);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| {
                        dealdraft::Diagnostic::error(format!("cannot create the folder: {e}"))
                            .in_file(parent)
                    })?;
                }
                dealdraft::output::write_atomic(&path, bytes).map_err(|e| {
                    dealdraft::Diagnostic::error(format!("cannot write: {e}")).in_file(&path)
                })?;
                out(&format!("{}\n", path.display()))?;
            }
            let rejected = round
                .proposals
                .iter()
                .filter(|p| p.verdict == Some(dealdraft::rounds::Verdict::Reject))
                .count();
            let n = round.proposals.len();
            eprintln!(
                "round {}: {n} proposal{}, {rejected} rejected (see proposals.md)",
                round.n,
                if n == 1 { "" } else { "s" },
            );
            Ok(0)
        }
        Command::Schema(a) => {
            let library = Library::load(a.library.library.as_deref())?;
            out(&library.deal_schema_text())?;
            Ok(0)
        }
        Command::Init(a) => {
            let library = Library::load(a.library.library.as_deref())?;
            if !dealdraft::deal::rules::is_slug(&a.id) {
                return Err(
                    dealdraft::Diagnostic::error(format!("\"{}\" is not a slug", a.id))
                        .help("lowercase letters, digits and single hyphens")
                        .into(),
                );
            }
            let stance = match a.stance {
                cli::StanceArg::Preferred => Stance::Preferred,
                cli::StanceArg::Fallback => Stance::Fallback,
            };
            let text = dealdraft::init::starter_deal(&library, &a.id, stance);
            if a.path.as_os_str() == "-" {
                out(&text)?;
            } else {
                if a.path.exists() && !a.force {
                    return Err(dealdraft::Diagnostic::error("the file exists")
                        .in_file(&a.path)
                        .help("pass --force to overwrite it")
                        .into());
                }
                dealdraft::output::write_atomic(&a.path, text.as_bytes()).map_err(|e| {
                    dealdraft::Diagnostic::error(format!("cannot write: {e}")).in_file(&a.path)
                })?;
                // The schema beside it, for the editor (left alone where one is there).
                let schema = a
                    .path
                    .parent()
                    .unwrap_or(std::path::Path::new(""))
                    .join(dealdraft::init::SCHEMA_FILE);
                if !schema.exists() {
                    dealdraft::output::write_atomic(&schema, library.deal_schema_text().as_bytes())
                        .map_err(|e| {
                            dealdraft::Diagnostic::error(format!("cannot write: {e}"))
                                .in_file(&schema)
                        })?;
                }
                out(&format!("{}\n", a.path.display()))?;
                let open = dealdraft::init::open_fields(&library, &text);
                eprint!(
                    "{}",
                    dealdraft::init::next_steps(&a.path.display().to_string(), &open)
                );
            }
            Ok(0)
        }
        Command::Clauses(a) => {
            let library = Library::load(a.library.library.as_deref())?;
            let text = if a.coverage {
                let rules = dealdraft::check::rules::RuleSet::load(&library)?;
                dealdraft::library::listing::coverage_table(&library, &rules.by_coverage())
            } else if a.params {
                dealdraft::library::listing::param_table(&library)
            } else {
                dealdraft::library::listing::clause_table(&library, a.notes)
            };
            out(&text)?;
            Ok(0)
        }
    }
}

/// `batch`: the library renders; this prints progress and the failures, and maps the
/// outcome to the exit code (1 if anything failed).
fn run_batch(a: cli::BatchArgs) -> Result<u8, Failure> {
    let formats = parse_formats(&a.format)?;
    let typst_style = read_template(a.template.as_deref())?;
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
