//! `round`: the vendor's tracked changes and comments on our draft, read as proposals and answered.

use dealdraft::Library;

use super::{Failure, out};
use crate::cli;

pub fn run(a: cli::RoundArgs) -> Result<u8, Failure> {
    if let Some(dir) = &a.history {
        out(&dealdraft::rounds::history_of(dir)?)?;
        return Ok(0);
    }
    let (Some(theirs), Some(deal_path)) = (&a.theirs, &a.deal) else {
        unreachable!("clap requires them without --history")
    };
    let library = Library::load(a.library.library.as_deref())?;
    let deal = dealdraft::load_deal(deal_path, &library)?;
    let date =
        dealdraft::dates::changes_date(a.date.as_deref(), deal.info().effective_date.as_deref())?;
    let dir = dealdraft::output::deal_dir(&a.out, deal.id(), None);
    let history = std::fs::read_to_string(dir.join("negotiation.json")).ok();
    let decisions = match &a.decisions {
        Some(f) => dealdraft::rounds::decisions::Decisions::read(f)?,
        None => Default::default(),
    };
    let opts = dealdraft::rounds::Options {
        author: a.author.clone(),
        date,
        decisions,
    };
    let round = dealdraft::rounds::round(theirs, &deal, &library, &opts, history.as_deref())?;
    for path in dealdraft::output::write_files(&dir, &round.files)? {
        out(&format!("{}\n", path.display()))?;
    }
    let rejected = round
        .proposals
        .iter()
        .filter(|p| p.verdict == Some(dealdraft::rounds::Verdict::Reject))
        .count();
    let n = round.proposals.len();
    eprintln!(
        "round {}: {n} proposal{}, {rejected} rejected (see proposals.md)",
        round.n,
        if n == 1 { "" } else { "s" },
    );
    Ok(0)
}
