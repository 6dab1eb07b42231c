//! `init`: a starter deal and the schema beside it.

use dealdraft::Library;
use dealdraft::deal::model::Stance;

use super::{Failure, out};
use crate::cli;

pub fn run(a: cli::InitArgs) -> Result<u8, Failure> {
    let library = Library::load(a.library.library.as_deref())?;
    let stance = match a.stance {
        cli::StanceArg::Preferred => Stance::Preferred,
        cli::StanceArg::Fallback => Stance::Fallback,
    };
    if a.path.as_os_str() == "-" {
        out(&dealdraft::init::starter(&library, &a.id, stance, a.vendor.as_deref())?.text)?;
        return Ok(0);
    }
    let started = dealdraft::init::write_starter(
        &a.path,
        &library,
        (&a.id, stance, a.vendor.as_deref()),
        a.force,
    )?;
    out(&format!("{}\n", a.path.display()))?;
    eprint!(
        "{}",
        dealdraft::init::next_steps(&a.path.display().to_string(), &started.open)
    );
    Ok(0)
}
