//! The `dealdraft` binary: parse arguments, call the library, print, exit 0/1/2.

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use dealdraft::deal::model::Stance;
use dealdraft::{Diagnostics, Library};

use cli::{Cli, Command};

// Typst allocates heavily while laying out a document; mimalloc (v2, see Cargo.toml) reuses
// memory instead of faulting in fresh pages, which is a measurable part of a one-document run.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes: 0 ok, 1 findings/failures, 2 bad usage or input.
const BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
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

fn run(cli: Cli) -> Result<u8, Failure> {
    match cli.command {
        Command::Render(a) => {
            let mut formats = Vec::new();
            for f in &a.format {
                match dealdraft::Format::parse(f) {
                    Some(x) if !formats.contains(&x) => formats.push(x),
                    Some(_) => {}
                    None => {
                        return Err(dealdraft::Diagnostic::error(format!(
                            "unknown format \"{f}\""
                        ))
                        .help(format!("formats: {}", dealdraft::Format::NAMES))
                        .into());
                    }
                }
            }
            let typst_style = match &a.template {
                Some(p) => Some((
                    p.display().to_string(),
                    std::fs::read_to_string(p).map_err(|e| {
                        dealdraft::Diagnostic::error(format!("cannot read the template: {e}"))
                            .in_file(p)
                    })?,
                )),
                None => None,
            };
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
        Command::Validate(a) => {
            let library = Library::load(a.library.library.as_deref())?;
            let mut all = Diagnostics::new();
            for path in &a.deals {
                let result = dealdraft::load_deal(path, &library).and_then(|deal| {
                    dealdraft::assemble::assemble(
                        &deal,
                        &library,
                        dealdraft::MAIN_DOCUMENT,
                        Default::default(),
                    )
                    .map(|set| set.warnings)
                });
                match result {
                    Ok(warnings) => {
                        report(&warnings);
                        out(&format!("ok: {}\n", path.display()))?;
                    }
                    Err(d) => all.extend(d),
                }
            }
            if all.has_errors() {
                return Err(Failure::Input(all));
            }
            Ok(0)
        }
        Command::Schema => {
            let s = serde_json::to_string_pretty(dealdraft::deal::schema::deal_schema())
                .expect("schema serialises");
            out(&format!("{s}\n"))?;
            Ok(0)
        }
        Command::Init(a) => {
            let library = Library::load(a.library.library.as_deref())?;
            if !dealdraft::deal::validate::is_slug(&a.id) {
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
                out(&format!("{}\n", a.path.display()))?;
            }
            Ok(0)
        }
        Command::Clauses(a) => {
            let library = Library::load(a.library.library.as_deref())?;
            let text = if a.coverage {
                dealdraft::library::listing::coverage_table(&library)
            } else {
                dealdraft::library::listing::clause_table(&library, a.notes)
            };
            out(&text)?;
            Ok(0)
        }
    }
}
