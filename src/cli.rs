//! Command-line arguments (clap derive). Parsing only: the work is in the library.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Contract paper for buying AI services: SOW drafts, SLA/support/training/data/exit
/// annexes from a deal file.
///
/// Exit codes: 0 ok, 1 findings or failures, 2 bad usage or input.
#[derive(Debug, Parser)]
#[command(name = "dealdraft", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render a deal's SOW (and annexes) to files under --out.
    Render(RenderArgs),
    /// Mark a deal's draft against a baseline: another deal, the playbook, or the vendor's paper.
    Redline(RedlineArgs),
    /// Render many deals and every business unit of each, in parallel, with a manifest.
    Batch(BatchArgs),
    /// Work with batch manifests (`manifest merge A.json B.json ...`).
    Manifest(ManifestArgs),
    /// Check deal files: every problem at once; exit 2 if any.
    Validate(ValidateArgs),
    /// Review deals (or the vendor's paper) against the playbook's rules; exit 1 on any error finding.
    Check(CheckArgs),
    /// Read the vendor's paper (.md, .txt, .docx) as a deal file of the vendor's position, with a report.
    Intake(IntakeArgs),
    /// Mark our deal's positions on the vendor's own paper: tracked changes in their Word file, each with a comment giving the reason, and a summary.
    Markup(MarkupArgs),
    /// Read the vendor's tracked changes and comments on our Word draft as proposals, with our verdicts, their position as a deal, our reply and the history; or print the history (--history).
    Round(RoundArgs),
    /// Print the deal format's JSON Schema (with the parameters of the library's clauses).
    Schema(SchemaArgs),
    /// Write a starter deal with every playbook default spelled out.
    Init(InitArgs),
    /// List the clause library (or, with --coverage, the playbook coverage table).
    Clauses(ClausesArgs),
    /// A workbench in the browser over the deal files of a folder: a form, a live preview with the playbook's findings, downloads.
    Serve(ServeArgs),
}

/// `serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The folder of deal files (default: the current folder).
    #[arg(default_value = ".", value_name = "DIR")]
    pub dir: PathBuf,
    /// The port (0: any free port).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// The address to listen on; anything but a loopback address needs a token.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: std::net::IpAddr,
    /// The token every request must carry (made and printed when --bind is not a loopback address).
    #[arg(long, value_name = "T")]
    pub token: Option<String>,
    /// Open the workbench in the default browser.
    #[arg(long)]
    pub open: bool,
    #[command(flatten)]
    pub library: LibraryArgs,
}

/// `schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    #[command(flatten)]
    pub library: LibraryArgs,
}

/// Library selection shared by commands.
#[derive(Debug, clap::Args)]
pub struct LibraryArgs {
    /// A folder of your own clauses (and playbook.json, templates/) laid over the built-in library by id.
    #[arg(long, value_name = "DIR")]
    pub library: Option<PathBuf>,
}

/// `render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The deal file (JSON).
    pub deal: PathBuf,
    /// Output folder; files go to OUT/<deal id>/.
    #[arg(long, short, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
    /// Formats, comma-separated: md, pdf, docx, typ (a Typst project that `typst compile` builds), html (one self-contained page).
    #[arg(long, short, value_delimiter = ',', default_value = "md")]
    pub format: Vec<String>,
    /// A Typst style (.typ) to typeset the PDF with, instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// Documents to render: sow, sla-annex, support-annex, training-annex, data-annex, exit-annex, or all.
    #[arg(long, short, value_delimiter = ',', default_value = "sow")]
    pub document: Vec<String>,
    /// Render for one business unit (its id).
    #[arg(long, value_name = "ID")]
    pub unit: Option<String>,
    /// A final draft: refuse to render with any blank [●].
    #[arg(long = "final")]
    pub final_draft: bool,
    #[command(flatten)]
    pub library: LibraryArgs,
}

/// `redline`.
#[derive(Debug, clap::Args)]
pub struct RedlineArgs {
    /// The deal file (JSON): our draft.
    pub deal: PathBuf,
    /// The baseline: a deal file (.json), the vendor's paper (.md, .txt, .docx), playbook:preferred or playbook:fallback.
    #[arg(long, value_name = "BASELINE")]
    pub against: String,
    /// Documents to mark: sow, sla-annex, ..., or all.
    #[arg(long, short, value_delimiter = ',', default_value = "sow")]
    pub document: Vec<String>,
    /// Formats, comma-separated: md, pdf, docx (Word tracked changes), html (<del>/<ins>).
    #[arg(long, short, value_delimiter = ',', default_value = "md")]
    pub format: Vec<String>,
    /// Author of the tracked changes in Word.
    #[arg(long, default_value = "dealdraft", value_name = "NAME")]
    pub author: String,
    /// Output folder; files go to OUT/<deal id>/<document>.redline.<ext>.
    #[arg(long, short, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub library: LibraryArgs,
}

/// `batch`.
#[derive(Debug, clap::Args)]
pub struct BatchArgs {
    /// Deal files, and folders walked for *.json deal files (schema files and hidden folders skipped).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output folder: OUT/<deal id>/ and OUT/<deal id>/<unit id>/, and OUT/manifest.json.
    #[arg(long, short, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
    /// Formats, comma-separated: md, pdf, docx, typ, html.
    #[arg(long, short, value_delimiter = ',', default_value = "md")]
    pub format: Vec<String>,
    /// Documents to render: sow, sla-annex, ..., or all.
    #[arg(long, short, value_delimiter = ',', default_value = "sow")]
    pub document: Vec<String>,
    /// A spreadsheet (CSV) of business units for every deal: columns id, name, and deal field paths.
    #[arg(long, value_name = "UNITS.csv")]
    pub units: Option<PathBuf>,
    /// The spreadsheet's cell separator: `,`, `;` or `tab` (default: detected from its header row).
    #[arg(long, value_name = "SEP", requires = "units", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
    /// Worker threads (default: one per core).
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// No progress output (failures are still listed).
    #[arg(long, short)]
    pub quiet: bool,
    /// Skip units whose deal, unit and library digests match the manifest and whose outputs exist.
    #[arg(long)]
    pub changed_only: bool,
    /// Render only the K-th of N deterministic slices of the (deal, unit) list (1-based: 1/4 ... 4/4).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<dealdraft::batch::Shard>,
    /// Check every deal and unit against the playbook's rules as it is rendered: findings per unit in the manifest and the summary; `--check=error` fails a unit with an error-level finding (nothing written for it).
    #[arg(long, value_name = "GATE", num_args = 0..=1, require_equals = true, default_missing_value = "report", value_parser = ["report", "error"])]
    pub check: Option<String>,
    /// Where to write the manifest (default: OUT/manifest.json).
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    /// A Typst style (.typ) to typeset the PDFs with, instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// Final drafts: refuse to render any document with a blank [●].
    #[arg(long = "final")]
    pub final_draft: bool,
    #[command(flatten)]
    pub library: LibraryArgs,
}

/// `manifest`.
#[derive(Debug, clap::Args)]
pub struct ManifestArgs {
    /// What to do with manifests.
    #[command(subcommand)]
    pub command: ManifestCommand,
}

/// `manifest` subcommands.
#[derive(Debug, Subcommand)]
pub enum ManifestCommand {
    /// Join the manifests of shards (`batch --shard K/N`) into one, printed on standard output.
    Merge {
        /// Shard manifests.
        #[arg(required = true, value_name = "MANIFEST")]
        manifests: Vec<PathBuf>,
    },
}

/// `validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Deal files.
    #[arg(required = true)]
    pub deals: Vec<PathBuf>,
    /// A final draft: every blank [●] position is an error, as in `render --final`.
    #[arg(long = "final")]
    pub final_draft: bool,
    #[command(flatten)]
    pub library: LibraryArgs,
}

/// `check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Deal files.
    #[arg(value_name = "DEAL", required_unless_present = "paper")]
    pub deals: Vec<PathBuf>,
    /// The vendor's paper to scan for red-flag language (.md, .txt or .docx); may be repeated.
    #[arg(long, value_name = "FILE")]
    pub paper: Vec<PathBuf>,
    /// Output: text (diagnostics), md (a negotiation memo), json, or the memo as docx (Word) or pdf (these need --out), or html (one page).
    #[arg(long, short, default_value = "text", value_parser = ["text", "md", "json", "docx", "pdf", "html"])]
    pub format: String,
    /// Write the report to this file instead of standard output (its path is printed); a folder (existing, or ending with /) gets memo.md, memo.docx, memo.pdf, memo.html, check.txt or check.json.
    #[arg(long, short, value_name = "FILE|DIR")]
    pub out: Option<PathBuf>,
    /// Check one business unit (its overrides applied) instead of the deal.
    #[arg(long, value_name = "ID", conflicts_with = "all_units")]
    pub unit: Option<String>,
    /// Check the deal and every business unit of it.
    #[arg(long)]
    pub all_units: bool,
    /// Also check one business unit per row of this spreadsheet (as `batch --units` renders them), for every deal given.
    #[arg(long, value_name = "UNITS.csv", conflicts_with = "unit")]
    pub units: Option<PathBuf>,
    /// The spreadsheet's cell separator: `,`, `;` or `tab` (default: read from its header row).
    #[arg(long, value_name = "SEP", requires = "units", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
    #[command(flatten)]
    pub library: LibraryArgs,
}

/// `intake`.
#[derive(Debug, clap::Args)]
pub struct IntakeArgs {
    /// The vendor's paper: .md, .txt or .docx.
    pub paper: PathBuf,
    /// Write to this file instead of standard output (the report's summary then goes to standard error).
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// json: the deal file of the vendor's position (with `provenance`); md: the report (terms found, silences, what was not understood).
    #[arg(long, short, default_value = "json", value_parser = ["json", "md"])]
    pub format: String,
    /// Write the paper's published terms as a vendor profile with this id (TOML, for
    /// vendors/ID.toml): each value with the sentence it was read from.
    #[arg(long, value_name = "ID", conflicts_with = "format")]
    pub profile: Option<String>,
    #[command(flatten)]
    pub library: LibraryArgs,
}

/// `markup`.
#[derive(Debug, clap::Args)]
pub struct MarkupArgs {
    /// The vendor's paper: .docx (marked up as tracked changes in their own file), .md or .txt (marked with <del>/<ins>).
    pub paper: PathBuf,
    /// The deal file (JSON) whose positions are marked on the paper.
    #[arg(long, value_name = "DEAL")]
    pub deal: PathBuf,
    /// Output folder: OUT/<paper's name>.markup.docx (or .md) and OUT/<paper's name>.markup-summary.md.
    #[arg(long, short, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
    /// Author of the tracked changes and comments.
    #[arg(long, default_value = "Customer", value_name = "NAME")]
    pub author: String,
    /// Date of the tracked changes and comments (YYYY-MM-DD); default: the deal's effective date, else 1970-01-01 (never the clock, so the same input gives the same bytes).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Mark up a Word paper that carries tracked changes of its own as if they were accepted.
    #[arg(long)]
    pub accept_existing: bool,
    #[command(flatten)]
    pub library: LibraryArgs,
}

/// `round`.
#[derive(Debug, clap::Args)]
pub struct RoundArgs {
    /// Their Word file: our draft with their tracked changes and comments.
    #[arg(required_unless_present = "history")]
    pub theirs: Option<PathBuf>,
    /// Our deal file (JSON).
    #[arg(long, value_name = "DEAL", required_unless_present = "history")]
    pub deal: Option<PathBuf>,
    /// Output folder: OUT/<deal id>/round-<n>/ and OUT/<deal id>/negotiation.json.
    #[arg(long, short, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
    /// Author of our reply's tracked changes and comments.
    #[arg(long, default_value = "Customer", value_name = "NAME")]
    pub author: String,
    /// Date of our reply (YYYY-MM-DD); default: the deal's effective date, else 1970-01-01.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Counsel's decisions (JSON, by proposal id): a verdict over the playbook's, and an
    /// answer in your words — {"r1-2": {"verdict": "accept"}, "r1-5": "our answer"}. Run the
    /// round again on the same file with it: the round is rewritten, not added.
    #[arg(long, value_name = "FILE")]
    pub decisions: Option<PathBuf>,
    /// Print the history of a deal's rounds (the folder OUT/<deal id>) as a table.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["theirs", "deal"])]
    pub history: Option<PathBuf>,
    #[command(flatten)]
    pub library: LibraryArgs,
}

/// Stance names for the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StanceArg {
    /// The playbook's opening position.
    Preferred,
    /// The playbook's walk-away position.
    Fallback,
}

/// `init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Where to write the deal; `-` for standard output.
    #[arg(default_value = "deal.json")]
    pub path: PathBuf,
    /// The deal id (a slug).
    #[arg(long, default_value = "new-deal")]
    pub id: String,
    /// Which playbook defaults to spell out.
    #[arg(long, value_enum, default_value = "preferred")]
    pub stance: StanceArg,
    /// Start from a vendor profile (`dealdraft clauses --vendors`): the deal names it, and
    /// no default asks for less than the vendor publishes for every customer.
    #[arg(long, value_name = "PROFILE")]
    pub vendor: Option<String>,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub library: LibraryArgs,
}

/// `clauses`.
#[derive(Debug, clap::Args)]
pub struct ClausesArgs {
    /// Print the playbook coverage table: each recommendation with its clauses.
    #[arg(long)]
    pub coverage: bool,
    /// Also print the negotiator notes of each clause.
    #[arg(long)]
    pub notes: bool,
    /// List every clause parameter: clause, name, unit, defaults per position, description.
    #[arg(long, conflicts_with = "coverage")]
    pub params: bool,
    /// List the vendor profiles: what each vendor publishes for every customer, with
    /// sources and dates.
    #[arg(long, conflicts_with_all = ["coverage", "params"])]
    pub vendors: bool,
    #[command(flatten)]
    pub library: LibraryArgs,
}

/// `--delimiter`: `,`, `;` or `tab` (also a literal tab).
fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "," => Ok(b','),
        ";" => Ok(b';'),
        "tab" | "\t" | "\\t" => Ok(b'\t'),
        _ => Err(format!("\"{s}\" is not a separator; use `,`, `;` or `tab`")),
    }
}
