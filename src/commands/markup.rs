//! `markup`: our positions as tracked changes on the vendor's own paper.

use dealdraft::Library;

use super::{Failure, out};
use crate::cli;

pub fn run(a: cli::MarkupArgs) -> Result<u8, Failure> {
    let library = Library::load(a.library.library.as_deref())?;
    let deal = dealdraft::load_deal(&a.deal, &library)?;
    let date =
        dealdraft::dates::changes_date(a.date.as_deref(), deal.info().effective_date.as_deref())?;
    let opts = dealdraft::markup::Options {
        tracking: dealdraft::markup::Tracking {
            author: a.author.clone(),
            date,
        },
        accept_existing: a.accept_existing,
    };
    let done = dealdraft::markup::markup(&a.paper, &deal, &library, &opts)?;
    for path in dealdraft::output::write_files(&a.out, &done.files)? {
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
