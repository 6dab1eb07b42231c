//! `redline`: our draft marked against a baseline.

use dealdraft::Library;

use super::{Failure, out, report};
use crate::cli;

pub fn run(a: cli::RedlineArgs) -> Result<u8, Failure> {
    let formats = dealdraft::Format::parse_list(&a.format)?;
    dealdraft::redline::check_formats(&formats)?;
    dealdraft::render::prepare(&formats, None);
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
    let dir = dealdraft::output::deal_dir(&a.out, deal.id(), None);
    for p in dealdraft::write_rendered(&dir, &rendered)? {
        out(&format!("{}\n", p.display()))?;
    }
    Ok(0)
}
