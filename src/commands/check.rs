//! `check`: deals and the vendor's paper against the playbook's rules.

use dealdraft::Library;

use super::{Failure, out};
use crate::cli;

pub fn run(a: cli::CheckArgs) -> Result<u8, Failure> {
    let format =
        dealdraft::check::report::Format::parse(&a.format).expect("clap allows only known formats");
    // Before any work: a Word file or a PDF needs somewhere to go.
    let dest = dealdraft::check::report::destination(format, a.out.as_deref())?;
    // The vendor's paper alone renders nothing: the templates need not be compiled.
    let library = if a.deals.is_empty() {
        Library::load_for_reading(a.library.library.as_deref())?
    } else {
        Library::load(a.library.library.as_deref())?
    };
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
    let bytes = dealdraft::check::report::output(&report, format)?;
    match dest {
        Some(path) => {
            dealdraft::output::write_atomic(&path, &bytes).map_err(|e| {
                dealdraft::Diagnostic::error(format!("cannot write: {e}")).in_file(&path)
            })?;
            out(&format!("{}\n", path.display()))?;
        }
        None => out(&String::from_utf8_lossy(&bytes))?,
    }
    Ok(if report.has_errors() { 1 } else { 0 })
}
