//! `intake`: the vendor's paper read as a deal file of their position, or its report.

use dealdraft::Library;

use super::{Failure, out};
use crate::cli;

pub fn run(a: cli::IntakeArgs) -> Result<u8, Failure> {
    let library = Library::load_for_reading(a.library.library.as_deref())?;
    let intake = dealdraft::intake::intake_file(&a.paper, &library)?;
    let text = if let Some(id) = &a.profile {
        if !dealdraft::deal::rules::is_slug(id) {
            return Err(
                dealdraft::Diagnostic::error(format!("profile id \"{id}\" is not a slug"))
                    .help("lowercase letters, digits and single hyphens, e.g. acme-ai")
                    .into(),
            );
        }
        dealdraft::intake::profile::profile_toml(&intake, &library, id, dealdraft::dates::today())
    } else if a.format == "md" {
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
