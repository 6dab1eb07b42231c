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
    /// Check deal files: every problem at once; exit 2 if any.
    Validate(ValidateArgs),
    /// Print the deal format's JSON Schema.
    Schema,
    /// Write a starter deal with every playbook default spelled out.
    Init(InitArgs),
    /// List the clause library (or, with --coverage, the playbook coverage table).
    Clauses(ClausesArgs),
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
    /// Formats, comma-separated: md, pdf, docx, typ (a Typst project that `typst compile` builds).
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

/// `validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Deal files.
    #[arg(required = true)]
    pub deals: Vec<PathBuf>,
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
    #[command(flatten)]
    pub library: LibraryArgs,
}
