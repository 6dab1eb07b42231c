//! `render`: one deal (or one unit of it) to its documents, written or printed.

use dealdraft::Library;

use super::{Failure, out, report};
use crate::cli;

pub fn run(a: cli::RenderArgs) -> Result<u8, Failure> {
    let formats = dealdraft::Format::parse_list(&a.format)?;
    // `--out -`: one Markdown document to standard output (a pipe), nothing written.
    let to_stdout = a.out.as_os_str() == "-";
    if to_stdout
        && (formats != [dealdraft::Format::Markdown]
            || a.document.len() != 1
            || a.document[0] == "all")
    {
        return Err(dealdraft::Diagnostic::error(
            "`--out -` writes one Markdown document to standard output",
        )
        .help("use --format md and one --document (sow, sla-annex, ...), or an output folder")
        .into());
    }
    let typst_style = dealdraft::render::read_style(a.template.as_deref())?;
    dealdraft::render::prepare(&formats, typst_style.as_ref());
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
    if to_stdout {
        for (_, bytes) in &rendered.files {
            out(&String::from_utf8_lossy(bytes))?;
        }
        return Ok(0);
    }
    let dir =
        dealdraft::output::deal_dir(&a.out, deal.id(), deal.unit.as_ref().map(|u| u.id.as_str()));
    for p in dealdraft::write_rendered(&dir, &rendered)? {
        out(&format!("{}\n", p.display()))?;
    }
    Ok(0)
}
