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
//! 4. [`render`] — write the model as Markdown (and later Typst/PDF and DOCX);
//! 5. [`output`] — write files atomically under safe names.
//!
//! The library never prints and never exits; problems come back as [`Diagnostics`].

pub mod assemble;
pub mod deal;
pub mod diagnostics;
pub mod init;
pub mod library;
pub mod model;
pub mod output;
pub mod render;
pub mod resolve;

use std::path::{Path, PathBuf};

pub use diagnostics::{Diagnostic, Diagnostics};
pub use library::Library;
pub use resolve::Resolved;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// CommonMark with GitHub tables.
    Markdown,
}

impl Format {
    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
        }
    }

    /// Parses a format name (`md`, `markdown`).
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "md" | "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }
}

/// Reads, validates and resolves a deal file against a library.
pub fn load_deal(path: &Path, library: &Library) -> Result<Resolved, Diagnostics> {
    let source = deal::Source::read(path)?;
    resolve::resolve(&source, library)
}

/// What `render` produces for one deal: files relative to the deal's output folder.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// (file name, bytes), in a stable order.
    pub files: Vec<(String, Vec<u8>)>,
    /// Warnings (blanks in a draft).
    pub warnings: Diagnostics,
}

/// The main document template (`sow`).
pub const MAIN_DOCUMENT: &str = "sow";

/// Renders the chosen documents of a deal in the chosen formats. `documents` lists
/// template ids; empty = the main document only; `["all"]` = every document of the set.
pub fn render_deal(
    deal: &Resolved,
    library: &Library,
    documents: &[String],
    formats: &[Format],
    opts: assemble::Options,
) -> Result<Rendered, Diagnostics> {
    let set = assemble::assemble(deal, library, MAIN_DOCUMENT, opts)?;
    let all = set.document_ids();
    let wanted: Vec<String> = if documents.is_empty() {
        vec![MAIN_DOCUMENT.to_string()]
    } else if documents.iter().any(|d| d == "all") {
        all.clone()
    } else {
        documents.to_vec()
    };
    let mut rendered = Rendered {
        warnings: set.warnings.clone(),
        ..Rendered::default()
    };
    let mut problems = Diagnostics::new();
    for id in &wanted {
        let Some(doc) = set.document(id) else {
            let hint = diagnostics::did_you_mean(id, all.iter().map(String::as_str))
                .map(|m| format!("did you mean \"{m}\"? "))
                .unwrap_or_default();
            problems.push(
                Diagnostic::error(format!("no document \"{id}\""))
                    .help(format!("{hint}documents: {}, or all", all.join(", "))),
            );
            continue;
        };
        for f in formats {
            let bytes = match f {
                Format::Markdown => render::markdown::render(&doc).into_bytes(),
            };
            rendered
                .files
                .push((format!("{id}.{}", f.extension()), bytes));
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(rendered)
}

/// Writes rendered files into `dir` atomically; returns their paths.
pub fn write_rendered(dir: &Path, rendered: &Rendered) -> Result<Vec<PathBuf>, Diagnostics> {
    let mut written = Vec::new();
    for (name, bytes) in &rendered.files {
        let path = dir.join(output::safe_file_name(name));
        output::write_atomic(&path, bytes)
            .map_err(|e| Diagnostic::error(format!("cannot write: {e}")).in_file(&path))?;
        written.push(path);
    }
    Ok(written)
}
