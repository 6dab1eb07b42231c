//! dealdraft: contract paper for buying AI services, from a deal file.
//!
//! The pipeline, one module per step:
//!
//! 1. [`deal`] — load the deal file (JSON, with line and column for syntax errors),
//!    check its structure against the published JSON Schema and its semantic rules;
//! 2. [`resolve`] — merge the playbook defaults for the deal's stance, apply a business
//!    unit's overrides, validate the result;
//! 3. [`assemble`] — select clauses from the [`library`], render them with Tera, parse
//!    them into the document [`model`], number them, resolve cross-references, lint
//!    defined terms, find blanks;
//! 4. [`render`] — write the model as Markdown, PDF (through Typst) and Word (DOCX);
//! 5. [`output`] — write files atomically under safe names.
//!
//! Beside the pipeline, [`check`] reviews a resolved deal (or the vendor's paper) against
//! the playbook's rules and writes the findings as diagnostics, a memo or JSON.
//!
//! Above the pipeline, [`serve`] is the local workbench in the browser over a folder of
//! deal files.
//!
//! The library never prints and never exits; problems come back as [`Diagnostics`].

pub mod assemble;
pub mod batch;
pub mod check;
pub mod conventions;
pub mod dates;
pub mod deal;
pub mod diagnostics;
pub mod init;
pub mod intake;
pub mod library;
pub mod limits;
pub mod manifest;
pub mod markup;
pub mod model;
pub mod output;
pub mod paper;
pub mod redline;
pub mod render;
pub mod resolve;
pub mod rounds;
pub mod serve;
pub mod units;
pub mod wording;

use std::path::Path;

pub use diagnostics::{Diagnostic, Diagnostics};
pub use library::Library;
pub use resolve::Resolved;

/// Reads, validates and resolves a deal file against a library.
pub fn load_deal(path: &Path, library: &Library) -> Result<Resolved, Diagnostics> {
    let source = deal::Source::read(path)?;
    resolve::resolve(&source, library)
}

/// `validate`: the deal at `path` loaded, resolved and assembled (every problem at once);
/// its warnings and the number of positions its draft leaves blank. With `final_draft` a
/// blank is an error.
pub fn validate_deal(
    path: &Path,
    library: &Library,
    final_draft: bool,
) -> Result<(Diagnostics, usize), Diagnostics> {
    let deal = load_deal(path, library)?;
    let set = assemble::assemble(
        &deal,
        library,
        MAIN_DOCUMENT,
        assemble::Options { final_draft },
    )?;
    Ok((set.warnings, set.blanks.len()))
}

pub use assemble::MAIN_DOCUMENT;
pub use render::{
    Format, RenderOptions, Rendered, render_deal, render_document, write_rendered,
    write_rendered_with,
};
