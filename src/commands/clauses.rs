//! `clauses`: the clause library, the coverage table or the clause parameters.

use dealdraft::Library;

use super::{Failure, out};
use crate::cli;

pub fn run(a: cli::ClausesArgs) -> Result<u8, Failure> {
    let library = Library::load(a.library.library.as_deref())?;
    let text = if a.coverage {
        let rules = dealdraft::check::rules::RuleSet::load(&library)?;
        dealdraft::library::listing::coverage_table(&library, &rules.by_coverage())
    } else if a.vendors {
        dealdraft::library::listing::vendor_table(&library, dealdraft::dates::today())
    } else if a.params {
        dealdraft::library::listing::param_table(&library)
    } else {
        dealdraft::library::listing::clause_table(&library, a.notes)
    };
    out(&text)?;
    Ok(0)
}
