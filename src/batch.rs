//! Batch: every deal of a folder, and every business unit of each, rendered in parallel.
//!
//! A flat list of steps, as [`run`] reads:
//!
//! 1. [`discover`] the deal files (folders walked for `*.json`, schema files, hidden
//!    folders and the output folder skipped);
//! 2. read the units spreadsheet, if any ([`crate::units`]);
//! 3. load and resolve each deal without its units ([`crate::resolve::resolve_base`]);
//!    a broken deal becomes one failed job, never an early stop;
//! 4. plan: one job for the deal's own documents, one per business unit (the file's, then
//!    the spreadsheet's); refuse up front two jobs that would write one folder;
//! 5. keep this shard's slice (`select_shard`, `--shard K/N`) and, with `--changed-only`,
//!    skip the jobs whose digests match the last manifest (`previous_entries`) and whose
//!    outputs are still as it says;
//! 6. render each job to memory on `--jobs` workers (`run_workers`: each a one-thread rayon
//!    pool) sharing one Typst engine and the library's kept clause renders, and write its
//!    files (each atomically, unsynced) only when all of them rendered; a `Tally` per deal
//!    file reports it when its last job is done;
//! 7. `build_manifest`, then `sync_and_write`: the outputs synced to disk at once, then the
//!    manifest written.
//!
//! Progress goes to a [`Progress`] the caller provides; the library never prints.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde_json::Value;

use crate::deal::Source;
use crate::deal::model::BusinessUnit;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::manifest::{self, Entry, Failure, Manifest};
use crate::units::{self, CsvUnit};
use crate::{Format, Library, RenderOptions, Resolved, output, resolve};

/// What `dealdraft batch` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BatchOptions {
    /// Deal files and folders of deal files.
    pub inputs: Vec<PathBuf>,
    /// A spreadsheet (CSV) of business units added to every deal.
    pub units: Option<PathBuf>,
    /// Its cell separator; `None`: detected from its header row.
    pub delimiter: Option<u8>,
    /// The output folder: `OUT/<deal id>/` and `OUT/<deal id>/<unit id>/`.
    pub out: PathBuf,
    /// Where the manifest goes; `None` = `OUT/manifest.json`.
    pub manifest: Option<PathBuf>,
    /// Documents, formats, final draft, Typst style: as for `render`.
    pub render: RenderOptions,
    /// Worker threads; `None` = one per core.
    pub jobs: Option<usize>,
    /// Skip the jobs whose inputs, unit and library are those of the last manifest.
    pub changed_only: bool,
    /// Render only this slice of the job list.
    pub shard: Option<Shard>,
    /// Check every (deal, unit) against the playbook's rules as it is rendered.
    pub check: Option<CheckGate>,
}

/// `batch --check`: what a finding does to a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckGate {
    /// Findings are counted in the manifest and the summary; every unit is rendered.
    Report,
    /// As `Report`, and a unit with an error-level finding fails (nothing written for it).
    Error,
}

impl CheckGate {
    fn as_str(self) -> &'static str {
        match self {
            CheckGate::Report => "report",
            CheckGate::Error => "error",
        }
    }
}

/// `--shard K/N`: the K-th (1-based) of N slices. Job `i` of the sorted job list belongs to
/// slice `i mod N + 1`, so every slice gets units of every size of deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1..=count.
    pub index: usize,
    /// How many slices.
    pub count: usize,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("\"{s}\" is not K/N with 1 <= K <= N (e.g. 1/4)");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: usize = k.trim().parse().map_err(|_| bad())?;
        let count: usize = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

/// One (deal, unit) to render.
#[derive(Debug, Clone)]
pub struct Job {
    /// The deal file, as given or found.
    pub input: String,
    /// The deal's id, when the file has one.
    pub deal: Option<String>,
    /// The business unit's id; `None` for the deal's own documents.
    pub unit: Option<String>,
    /// The folder its files go to (`None` for a deal too broken to have an id).
    pub dir: Option<PathBuf>,
    what: What,
}

#[derive(Debug, Clone)]
enum What {
    /// The deal could not be loaded.
    Broken(usize),
    Deal(usize),
    FileUnit(usize, usize),
    CsvUnit(usize, usize),
}

/// What became of a job.
#[derive(Debug, Clone)]
pub enum Status {
    /// Rendered and written: the files.
    Rendered(Vec<PathBuf>),
    /// Skipped by `--changed-only`: inputs, unit and library as in the last manifest.
    Unchanged,
    /// Not rendered; nothing was written for it.
    Failed(Diagnostics),
}

/// A job and what became of it.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The job.
    pub job: Job,
    /// Rendered, unchanged or failed.
    pub status: Status,
    /// Warnings (blanks in a draft).
    pub warnings: Diagnostics,
}

/// The jobs of one deal file, counted when its last job is done.
#[derive(Debug, Clone, Default)]
pub struct DealSummary {
    /// The deal file.
    pub input: String,
    /// The deal's id, if known.
    pub deal: Option<String>,
    /// Jobs rendered.
    pub rendered: usize,
    /// Jobs skipped as unchanged.
    pub unchanged: usize,
    /// Jobs failed.
    pub failed: usize,
    /// Files written.
    pub files: usize,
}

/// Where a batch reports progress. Called from worker threads, in completion order.
pub trait Progress: Sync {
    /// The plan is made: this many jobs will run.
    fn planned(&self, _jobs: usize) {}
    /// A job starts.
    fn started(&self, _job: &Job) {}
    /// A job is done.
    fn finished(&self, _outcome: &Outcome) {}
    /// Every job of a deal file is done.
    fn deal_finished(&self, _deal: &DealSummary) {}
}

/// Reports nothing.
pub struct Quiet;

impl Progress for Quiet {}

/// A finished batch.
#[derive(Debug)]
pub struct Report {
    /// Every job of this shard, in plan order.
    pub outcomes: Vec<Outcome>,
    /// The manifest written.
    pub manifest: Manifest,
    /// Where it was written.
    pub manifest_path: PathBuf,
}

impl Report {
    /// With `--check`: what `check` found for each (deal, unit) in the manifest.
    pub fn findings(&self) -> impl Iterator<Item = &manifest::Findings> {
        self.manifest.units.iter().filter_map(|e| e.check.as_ref())
    }

    /// The failed jobs.
    pub fn failures(&self) -> impl Iterator<Item = (&Job, &Diagnostics)> {
        self.outcomes.iter().filter_map(|o| match &o.status {
            Status::Failed(d) => Some((&o.job, d)),
            _ => None,
        })
    }

    /// How many jobs were rendered, unchanged, failed; and files written.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut c = (0, 0, 0, 0);
        for o in &self.outcomes {
            match &o.status {
                Status::Rendered(f) => {
                    c.0 += 1;
                    c.3 += f.len();
                }
                Status::Unchanged => c.1 += 1,
                Status::Failed(_) => c.2 += 1,
            }
        }
        c
    }
}

/// The deal files named by `inputs`: files as given, folders walked (sorted) for
/// `*.json`, leaving out `*.schema.json`, hidden files and folders, and `skip` (the output
/// folder). A missing input is an error.
pub fn discover(inputs: &[PathBuf], skip: &Path) -> Result<Vec<PathBuf>, Diagnostics> {
    let mut problems = Diagnostics::new();
    let mut files = Vec::new();
    let skip = skip.canonicalize().ok();
    for input in inputs {
        if input.is_file() {
            files.push(input.clone());
            continue;
        }
        if !input.is_dir() {
            problems.push(Diagnostic::error("no such file or folder").in_file(input));
            continue;
        }
        let walker = walkdir::WalkDir::new(input)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
                let is_out = skip
                    .as_ref()
                    .is_some_and(|s| e.path().canonicalize().is_ok_and(|p| &p == s));
                !hidden && !is_out
            });
        for entry in walker {
            match entry {
                Ok(e) => {
                    let name = e.file_name().to_string_lossy();
                    if e.file_type().is_file()
                        && name.ends_with(".json")
                        && !name.ends_with(".schema.json")
                    {
                        files.push(e.into_path());
                    }
                }
                Err(e) => problems
                    .push(Diagnostic::error(format!("cannot read the folder: {e}")).in_file(input)),
            }
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    // A file named twice (as itself and inside a folder) is one deal.
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.canonicalize().unwrap_or_else(|_| f.clone())));
    Ok(files)
}

/// A deal file, read.
struct Loaded {
    name: String,
    sha: Option<String>,
    /// `deal.id` as written, even if the deal does not resolve.
    raw_id: Option<String>,
    deal: Result<Deal, Diagnostics>,
}

/// A deal that resolved.
struct Deal {
    source: Source,
    base: Resolved,
    /// [`Entry::deal_digest`].
    digest: String,
}

fn load(path: &Path, library: &Library) -> Loaded {
    let name = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return Loaded {
                name,
                sha: None,
                raw_id: None,
                deal: Err(Diagnostic::error(format!("cannot read the deal file: {e}"))
                    .in_file(path)
                    .into()),
            };
        }
    };
    let sha = Some(output::sha256_hex(&bytes));
    let source = Source::from_bytes(&name, bytes).map_err(Diagnostics::from);
    let raw_id = source.as_ref().ok().and_then(|s| {
        s.json
            .pointer("/deal/id")
            .and_then(Value::as_str)
            .map(str::to_string)
    });
    let deal = source.and_then(|mut source| {
        // The parsed file moves to `base.raw` and lives on there without its units: each
        // unit's deal is built from it, and the units are kept typed (`base.units()`).
        // The source keeps its text, which places a unit's problems in the file.
        let mut base = resolve::resolve_base_taking(&mut source, library)?;
        if let Some(fields) = base.raw.as_object_mut() {
            fields.shift_remove("business_units");
        }
        // What every unit shares: the deal without its units (and its `$schema` and `$comment`).
        let digest = manifest::json_digest(&resolve::without(&base.raw, crate::deal::EDITOR_KEYS));
        Ok(Deal {
            source,
            base,
            digest,
        })
    });
    Loaded {
        name,
        sha,
        raw_id,
        deal,
    }
}

/// The manifest's options for these render options.
fn manifest_options(opts: &RenderOptions) -> manifest::Options {
    let mut formats: Vec<String> = opts
        .formats
        .iter()
        .map(|f| {
            match f {
                Format::Markdown => "md",
                Format::Pdf => "pdf",
                Format::Typst => "typ",
                Format::Docx => "docx",
                Format::Html => "html",
            }
            .to_string()
        })
        .collect();
    if formats.is_empty() {
        formats.push("md".into());
    }
    formats.sort();
    formats.dedup();
    let documents = if opts.documents.is_empty() {
        vec![crate::assemble::MAIN_DOCUMENT.to_string()]
    } else {
        opts.documents.clone()
    };
    manifest::Options {
        check: None,
        documents,
        final_draft: opts.assemble.final_draft,
        formats,
        template: opts
            .typst_style
            .as_ref()
            .map(|(_, s)| output::sha256_hex(s.as_bytes())),
    }
}

/// Runs a batch. `Err` is a refusal before anything is written (missing inputs, a bad
/// spreadsheet header, two outputs on one path, an unknown document) or a manifest that
/// cannot be written; everything else (a broken deal, a broken unit) is a failed
/// [`Outcome`] and every other job still runs.
pub fn run(
    opts: &BatchOptions,
    library: &Library,
    progress: &dyn Progress,
) -> Result<Report, Diagnostics> {
    crate::render::prepare(&opts.render.formats, opts.render.typst_style.as_ref());
    check_documents(&opts.render.documents, library)?;
    let files = discover(&opts.inputs, &opts.out)?;
    let csv_units = match &opts.units {
        Some(p) => units::read_units_with(p, opts.delimiter)?,
        None => Vec::new(),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.unwrap_or(0))
        .build()
        .map_err(|e| Diagnostic::error(format!("cannot start worker threads: {e}")))?;
    let loaded: Vec<Loaded> = pool.install(|| files.par_iter().map(|f| load(f, library)).collect());
    let jobs = select_shard(plan(&loaded, &csv_units, &opts.out)?, opts.shard);

    let manifest_path = opts
        .manifest
        .clone()
        .unwrap_or_else(|| opts.out.join("manifest.json"));
    let mut options = manifest_options(&opts.render);
    options.check = opts.check.map(|g| g.as_str().to_string());
    let rules = match opts.check {
        Some(_) => Some(crate::check::rules::RuleSet::load(library)?),
        None => None,
    };
    let previous = previous_entries(opts, library, &manifest_path, &options);

    progress.planned(jobs.len());
    let ctx = Ctx {
        loaded: &loaded,
        csv: &csv_units,
        rules: rules.as_ref(),
        library,
        opts,
        previous: &previous,
    };
    let tally = Tally::new(&loaded, &jobs);
    let work = |job: &Job| {
        progress.started(job);
        let (outcome, entry) = ctx.run_job_caught(job);
        progress.finished(&outcome);
        if let Some(summary) = tally.count(job, &outcome, &loaded) {
            progress.deal_finished(&summary);
        }
        (outcome, entry)
    };
    let done = run_workers(pool.current_num_threads(), &jobs, work)?;

    let (manifest, outcomes) = build_manifest(done, &loaded, opts, library, options);
    sync_and_write(&manifest, &outcomes, &opts.out, &manifest_path)?;
    Ok(Report {
        outcomes,
        manifest,
        manifest_path,
    })
}

/// `--shard K/N`: the K-th slice of the planned jobs (job `i` to slice `i mod N + 1`).
fn select_shard(jobs: Vec<Job>, shard: Option<Shard>) -> Vec<Job> {
    match shard {
        Some(s) => jobs
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % s.count == s.index - 1)
            .map(|(_, j)| j)
            .collect(),
        None => jobs,
    }
}

/// With `--changed-only`: the last manifest's entries, by (deal, unit), if it was made with
/// this library and these options (else nothing can be skipped).
fn previous_entries(
    opts: &BatchOptions,
    library: &Library,
    manifest_path: &Path,
    options: &manifest::Options,
) -> HashMap<(String, Option<String>), Entry> {
    if !opts.changed_only {
        return HashMap::new();
    }
    Manifest::read(manifest_path)
        .ok()
        .filter(|m| m.library == library.digest() && m.options == *options)
        .map(|m| {
            m.units
                .into_iter()
                .map(|e| ((e.deal.clone(), e.unit.clone()), e))
                .collect()
        })
        .unwrap_or_default()
}

/// Per deal file: the jobs left, and what became of those done, reported when the last
/// one is done.
struct Tally {
    left: Vec<AtomicUsize>,
    rendered: Vec<AtomicUsize>,
    unchanged: Vec<AtomicUsize>,
    failed: Vec<AtomicUsize>,
    files: Vec<AtomicUsize>,
}

impl Tally {
    fn new(loaded: &[Loaded], jobs: &[Job]) -> Tally {
        let zeros = || (0..loaded.len()).map(|_| AtomicUsize::new(0)).collect();
        let tally = Tally {
            left: zeros(),
            rendered: zeros(),
            unchanged: zeros(),
            failed: zeros(),
            files: zeros(),
        };
        for j in jobs {
            tally.left[j.what.file()].fetch_add(1, Ordering::Relaxed);
        }
        tally
    }

    /// Counts `outcome`; the deal file's summary once its last job is done.
    fn count(&self, job: &Job, outcome: &Outcome, loaded: &[Loaded]) -> Option<DealSummary> {
        let f = job.what.file();
        match &outcome.status {
            Status::Rendered(files) => {
                self.files[f].fetch_add(files.len(), Ordering::Relaxed);
                self.rendered[f].fetch_add(1, Ordering::Relaxed);
            }
            Status::Unchanged => {
                self.unchanged[f].fetch_add(1, Ordering::Relaxed);
            }
            Status::Failed(_) => {
                self.failed[f].fetch_add(1, Ordering::Relaxed);
            }
        }
        (self.left[f].fetch_sub(1, Ordering::AcqRel) == 1).then(|| DealSummary {
            input: loaded[f].name.clone(),
            deal: job.deal.clone(),
            rendered: self.rendered[f].load(Ordering::Relaxed),
            unchanged: self.unchanged[f].load(Ordering::Relaxed),
            failed: self.failed[f].load(Ordering::Relaxed),
            files: self.files[f].load(Ordering::Relaxed),
        })
    }
}

/// Runs `work` on every job, on at most `threads` workers; the results in plan order.
///
/// One loop per worker, each taking the next job in plan order, and each worker a rayon
/// pool of one thread. Typst and krilla hand parts of a document to rayon (page runs, the
/// compression of each page) and wait for them; in a shared pool another worker takes
/// those parts between its own, and the owner sits blocked until they are done (300 bank
/// units as PDF on 2 cores: 22.2 ms per SOW, 2 workers using 13 % more CPU than 1; in pools
/// of their own, 21.5 ms and the same CPU as 1). A worker waits for nothing but its own
/// tasks, which it runs itself, and at most one job per worker is in memory.
fn run_workers<T: Send + Sync>(
    threads: usize,
    jobs: &[Job],
    work: impl Fn(&Job) -> T + Sync,
) -> Result<Vec<T>, Diagnostic> {
    let workers = threads.min(jobs.len());
    let solos = (0..workers)
        .map(|_| rayon::ThreadPoolBuilder::new().num_threads(1).build())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Diagnostic::error(format!("cannot start worker threads: {e}")))?;
    let next = AtomicUsize::new(0);
    let slots: Vec<OnceLock<T>> = jobs.iter().map(|_| OnceLock::new()).collect();
    std::thread::scope(|scope| {
        for solo in &solos {
            scope.spawn(|| {
                solo.install(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else { break };
                        let _ = slots[i].set(work(job));
                    }
                })
            });
        }
    });
    Ok(slots
        .into_iter()
        .map(|s| s.into_inner().expect("every job ran"))
        .collect())
}

/// The manifest of the jobs done (sorted), and their outcomes in plan order.
fn build_manifest(
    done: Vec<(Outcome, Option<Entry>)>,
    loaded: &[Loaded],
    opts: &BatchOptions,
    library: &Library,
    options: manifest::Options,
) -> (Manifest, Vec<Outcome>) {
    let mut inputs = BTreeMap::new();
    for l in loaded {
        if let Some(sha) = &l.sha {
            inputs.insert(l.name.clone(), sha.clone());
        }
    }
    if let Some(p) = &opts.units
        && let Ok(bytes) = std::fs::read(p)
    {
        inputs.insert(p.display().to_string(), output::sha256_hex(&bytes));
    }
    let mut manifest = Manifest {
        dealdraft: env!("CARGO_PKG_VERSION").to_string(),
        failures: Vec::new(),
        inputs,
        library: library.digest().to_string(),
        options,
        units: Vec::new(),
    };
    let mut outcomes = Vec::with_capacity(done.len());
    for (outcome, entry) in done {
        if let Some(e) = entry {
            manifest.units.push(e);
        }
        if let Status::Failed(d) = &outcome.status {
            manifest.failures.push(Failure {
                deal: outcome.job.deal.clone(),
                errors: d.errors().map(manifest::Problem::from).collect(),
                input: outcome.job.input.clone(),
                unit: outcome.job.unit.clone(),
            });
        }
        outcomes.push(outcome);
    }
    manifest.sort();
    (manifest, outcomes)
}

/// The outputs reach the disk (one sync for all) before the manifest that lists them.
fn sync_and_write(
    manifest: &Manifest,
    outcomes: &[Outcome],
    out: &Path,
    manifest_path: &Path,
) -> Result<(), Diagnostic> {
    let written: Vec<PathBuf> = outcomes
        .iter()
        .filter_map(|o| match &o.status {
            Status::Rendered(paths) => Some(paths.iter().cloned()),
            _ => None,
        })
        .flatten()
        .collect();
    if !written.is_empty() {
        output::sync_all(out, &written).map_err(|e| {
            Diagnostic::error(format!("cannot sync the outputs to disk: {e}")).in_file(out)
        })?;
    }
    output::write_atomic(manifest_path, manifest.to_json().as_bytes()).map_err(|e| {
        Diagnostic::error(format!("cannot write the manifest: {e}")).in_file(manifest_path)
    })
}

/// An unknown `--document` is a usage error, before any deal is read.
fn check_documents(documents: &[String], library: &Library) -> Result<(), Diagnostics> {
    let known: Vec<&str> = library.documents().map(|d| d.meta.id.as_str()).collect();
    let mut problems = Diagnostics::new();
    for d in documents {
        if d != "all" && !known.contains(&d.as_str()) {
            let hint = crate::diagnostics::did_you_mean(d, known.iter().copied())
                .map(|m| format!("did you mean \"{m}\"? "))
                .unwrap_or_default();
            problems.push(
                Diagnostic::error(format!("no document \"{d}\""))
                    .help(format!("{hint}documents: {}, or all", known.join(", "))),
            );
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(())
}

impl What {
    fn file(&self) -> usize {
        match *self {
            What::Broken(f) | What::Deal(f) | What::FileUnit(f, _) | What::CsvUnit(f, _) => f,
        }
    }
}

/// Every job, sorted by deal id, unit id and file; refuses two jobs with one folder.
fn plan(loaded: &[Loaded], csv: &[CsvUnit], out: &Path) -> Result<Vec<Job>, Diagnostics> {
    let mut jobs = Vec::new();
    for (f, l) in loaded.iter().enumerate() {
        let dir = |unit: Option<&str>| {
            l.raw_id
                .as_deref()
                .map(|id| output::deal_dir(out, id, unit))
        };
        let job = |unit: Option<&str>, what: What| Job {
            input: l.name.clone(),
            deal: l.raw_id.clone(),
            unit: unit.map(str::to_string),
            dir: dir(unit),
            what,
        };
        match &l.deal {
            Err(_) => jobs.push(job(None, What::Broken(f))),
            Ok(Deal { base: deal, .. }) => {
                jobs.push(job(None, What::Deal(f)));
                for (u, unit) in deal.units().iter().enumerate() {
                    jobs.push(job(Some(&unit.id), What::FileUnit(f, u)));
                }
                for (u, row) in csv.iter().enumerate() {
                    jobs.push(job(Some(&row.unit.id), What::CsvUnit(f, u)));
                }
            }
        }
    }
    jobs.sort_by(|a, b| (&a.deal, &a.unit, &a.input).cmp(&(&b.deal, &b.unit, &b.input)));

    let mut owners: BTreeMap<&Path, Vec<&Job>> = BTreeMap::new();
    for j in &jobs {
        if let Some(d) = &j.dir {
            owners.entry(d).or_default().push(j);
        }
    }
    let mut problems = Diagnostics::new();
    for (dir, js) in owners.into_iter().filter(|(_, js)| js.len() > 1) {
        let who: Vec<String> = js.iter().map(|j| describe(j, csv)).collect();
        problems.push(
            Diagnostic::error(format!(
                "{} outputs would be written to {}: {}",
                js.len(),
                dir.display(),
                who.join("; ")
            ))
            .help("deal ids must differ across the batch, and unit ids within a deal; nothing was written"),
        );
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(jobs)
}

fn describe(j: &Job, csv: &[CsvUnit]) -> String {
    let deal = j.deal.as_deref().unwrap_or("?");
    match (&j.what, &j.unit) {
        (What::CsvUnit(_, u), Some(unit)) => format!(
            "unit {unit} of deal {deal} ({} line {})",
            csv[*u].file.display(),
            csv[*u].line
        ),
        (_, Some(unit)) => format!("unit {unit} of deal {deal} ({})", j.input),
        (_, None) => format!("deal {deal} ({})", j.input),
    }
}

struct Ctx<'a> {
    loaded: &'a [Loaded],
    csv: &'a [CsvUnit],
    /// With `--check`: the playbook's rules.
    rules: Option<&'a crate::check::rules::RuleSet>,
    library: &'a Library,
    opts: &'a BatchOptions,
    previous: &'a HashMap<(String, Option<String>), Entry>,
}

impl Ctx<'_> {
    /// [`Ctx::run_job`], where a bug that panics in one job is that job's failure, not the
    /// batch's end.
    fn run_job_caught(&self, job: &Job) -> (Outcome, Option<Entry>) {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.run_job(job))).unwrap_or_else(
            |panic| {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                let d = Diagnostic::error(format!("internal error: {what}"))
                    .in_file(&job.input)
                    .help("please report it with the deal file");
                let outcome = Outcome {
                    job: job.clone(),
                    status: Status::Failed(d.into()),
                    warnings: Diagnostics::new(),
                };
                (outcome, None)
            },
        )
    }

    fn run_job(&self, job: &Job) -> (Outcome, Option<Entry>) {
        let outcome = |status, warnings| Outcome {
            job: job.clone(),
            status,
            warnings,
        };
        let l = &self.loaded[job.what.file()];
        let deal = match &l.deal {
            Err(d) => return (outcome(Status::Failed(d.clone()), Diagnostics::new()), None),
            Ok(deal) => deal,
        };
        let (source, base) = (&deal.source, &deal.base);
        // A spreadsheet row with cells in list items, bound to this deal's lists.
        let bound = match job.what {
            What::CsvUnit(_, u) if !self.csv[u].item_cells.is_empty() => {
                match self.csv[u].bind(&base.deal_json()) {
                    Ok(row) => Some(row),
                    Err(d) => return (outcome(Status::Failed(d), Diagnostics::new()), None),
                }
            }
            _ => None,
        };
        // The unit, and how to resolve it.
        let unit: Option<(&BusinessUnit, Option<usize>, Option<&CsvUnit>)> = match job.what {
            What::FileUnit(_, u) => Some((&base.units()[u], Some(u), None)),
            What::CsvUnit(_, u) => {
                let row = bound.as_ref().unwrap_or(&self.csv[u]);
                Some((&row.unit, None, Some(row)))
            }
            _ => None,
        };
        let deal_digest = deal.digest.clone();
        let unit_digest = unit.map(|(u, _, _)| {
            manifest::json_digest(&serde_json::to_value(u).expect("a unit serialises"))
        });
        let deal_id = base.id().to_string();
        let dir = job.dir.clone().expect("a resolved deal has an id");

        if let Some(prev) = self.previous.get(&(deal_id.clone(), job.unit.clone()))
            && prev.deal_digest == deal_digest
            && prev.unit_digest == unit_digest
            && prev.input == job.input
            && prev.outputs.iter().all(|(rel, sha)| {
                // Still there, byte for byte as the manifest says (not lost, not edited).
                std::fs::read(self.opts.out.join(rel))
                    .is_ok_and(|bytes| output::sha256_hex(&bytes) == *sha)
            })
        {
            return (
                outcome(Status::Unchanged, Diagnostics::new()),
                Some(prev.clone()),
            );
        }

        let resolved = match unit {
            None => Ok(Cow::Borrowed(base)),
            Some((u, index, csv)) => {
                if let Some(row) = csv.filter(|r| r.problems.has_errors()) {
                    Err(row.problems.clone())
                } else {
                    resolve::resolve_unit(source, base, u, index, self.library)
                        .map(Cow::Owned)
                        .map_err(|d| match csv {
                            Some(row) => {
                                Diagnostics(d.0.into_iter().map(|x| row.locate(x)).collect())
                            }
                            None => d,
                        })
                }
            }
        };
        // With `--check`: the playbook's rules over what is about to be rendered; with
        // `--check=error` an error-level finding fails the unit before anything is written.
        let mut findings = None;
        let resolved = resolved.and_then(|r| {
            let Some(rules) = self.rules else {
                return Ok(r);
            };
            let csv_row = unit.and_then(|(_, _, csv)| csv);
            let index = unit.and_then(|(_, i, _)| i);
            let report = crate::check::check_deal(source, &r, index, rules);
            let mut rules_found: Vec<String> =
                report.findings.iter().map(|f| f.rule.clone()).collect();
            rules_found.sort();
            rules_found.dedup();
            findings = Some(manifest::Findings {
                errors: report.counts.error,
                info: report.counts.info,
                rules: rules_found,
                warnings: report.counts.warning,
            });
            if self.opts.check == Some(CheckGate::Error) && report.counts.error > 0 {
                let problems = report
                    .findings
                    .iter()
                    .filter(|f| f.severity == crate::check::rules::Severity::Error)
                    .map(|f| {
                        let d = Diagnostic::error(format!("[{}] {}", f.rule, f.title))
                            .at(crate::diagnostics::JsonPath::parse(&f.path))
                            .help(format!("the playbook asks: {}", f.ask));
                        match (csv_row, &f.location) {
                            (Some(row), _) if row.column_of(&f.path).is_some() => row.locate(d),
                            (_, Some(place)) => {
                                d.in_file(&place.file).line_col(place.line, place.column)
                            }
                            _ => d.in_file(&job.input),
                        }
                    })
                    .collect();
                return Err(Diagnostics(problems));
            }
            Ok(r)
        });
        let rendered = resolved.and_then(|r| {
            crate::render::render_deal(&r, self.library, &self.opts.render).map(|x| (r.stance, x))
        });
        let (stance, rendered) = match rendered {
            Ok(x) => x,
            Err(d) => {
                let d = Diagnostics(
                    d.0.into_iter()
                        .map(|x| {
                            if x.location.file.is_none() {
                                x.in_file(&job.input)
                            } else {
                                x
                            }
                        })
                        .collect(),
                );
                return (outcome(Status::Failed(d), Diagnostics::new()), None);
            }
        };
        // Every file rendered: write them (each atomically; synced with the others before
        // the manifest is written).
        let written = match crate::render::write_rendered_with(&dir, &rendered, output::Sync::Later)
        {
            Ok(w) => w,
            Err(d) => return (outcome(Status::Failed(d), rendered.warnings), None),
        };
        let mut outputs = BTreeMap::new();
        for ((_, bytes), path) in rendered.files.iter().zip(&written) {
            let rel = path.strip_prefix(&self.opts.out).unwrap_or(path);
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            outputs.insert(rel.join("/"), output::sha256_hex(bytes));
        }
        let entry = Entry {
            check: findings,
            deal: deal_id,
            deal_digest,
            input: job.input.clone(),
            outputs,
            stance: stance.as_str().to_string(),
            unit: job.unit.clone(),
            unit_digest,
        };
        (
            outcome(Status::Rendered(written), rendered.warnings),
            Some(entry),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_k_of_n() {
        assert_eq!("2/4".parse(), Ok(Shard { index: 2, count: 4 }));
        for bad in ["0/4", "5/4", "1", "a/b", "1/0"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }
}
