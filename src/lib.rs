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
pub mod units;
pub mod wording;

use std::path::{Path, PathBuf};

pub use diagnostics::{Diagnostic, Diagnostics};
pub use library::Library;
pub use resolve::Resolved;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// CommonMark with GitHub tables.
    Markdown,
    /// PDF, typeset by Typst in-process.
    Pdf,
    /// A Typst project (style, entry file, data) that `typst compile` builds.
    Typst,
    /// Word (`.docx`): Word's own headings, numbering and cross-reference fields.
    Docx,
}

impl Format {
    /// All formats, for help texts.
    pub const NAMES: &'static str = "md, pdf, docx, typ";

    /// The formats asked for, or Markdown when none is.
    pub fn or_markdown(formats: &[Format]) -> Vec<Format> {
        if formats.is_empty() {
            vec![Format::Markdown]
        } else {
            formats.to_vec()
        }
    }

    /// Parses a format name.
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "md" | "markdown" => Some(Format::Markdown),
            "pdf" => Some(Format::Pdf),
            "typ" | "typst" => Some(Format::Typst),
            "docx" | "word" => Some(Format::Docx),
            _ => None,
        }
    }
}

/// How to render.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Template ids to render; empty = the main document; `["all"]` = every document.
    pub documents: Vec<String>,
    /// Formats; empty = Markdown.
    pub formats: Vec<Format>,
    /// Assembly options (final draft).
    pub assemble: assemble::Options,
    /// A Typst style to use instead of the built-in one: (name for messages, source).
    pub typst_style: Option<(String, String)>,
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

/// Renders the chosen documents of a deal in the chosen formats.
pub fn render_deal(
    deal: &Resolved,
    library: &Library,
    opts: &RenderOptions,
) -> Result<Rendered, Diagnostics> {
    let set = assemble::assemble(deal, library, MAIN_DOCUMENT, opts.assemble)?;
    let (docs, mut problems) = set.chosen(&opts.documents);
    let formats = Format::or_markdown(&opts.formats);
    let mut rendered = Rendered {
        warnings: set.warnings.clone(),
        ..Rendered::default()
    };
    let style = opts
        .typst_style
        .as_ref()
        .map(|(n, s)| (n.as_str(), s.as_str()));
    for doc in &docs {
        match render_document(doc, &doc.id, &formats, style) {
            Ok(files) => {
                for file in files {
                    // A Typst project shares its style file between documents.
                    if !rendered.files.iter().any(|(n, _)| *n == file.0) {
                        rendered.files.push(file);
                    }
                }
            }
            Err(e) => problems.extend(e),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(rendered)
}

/// Writes one document in each format, as files named `<stem>.<ext>`. `style` is a Typst
/// style to use instead of the built-in one: (name for messages, source).
pub fn render_document(
    doc: &model::Document,
    stem: &str,
    formats: &[Format],
    style: Option<(&str, &str)>,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let mut files = Vec::new();
    let mut problems = Diagnostics::new();
    for f in formats {
        match f {
            Format::Markdown => files.push((
                format!("{stem}.md"),
                render::markdown::render(doc).into_bytes(),
            )),
            Format::Pdf => {
                let engine = render::typst::PdfEngine::get(style);
                match engine.pdf(doc, doc.meta.date.as_deref()) {
                    Ok(pdf) => files.push((format!("{stem}.pdf"), pdf)),
                    Err(e) => problems.extend(e),
                }
            }
            Format::Docx => match render::docx::render(doc) {
                Ok(docx) => files.push((format!("{stem}.docx"), docx)),
                Err(e) => problems.push(e),
            },
            Format::Typst => {
                let source = style.map_or(render::typst::DEFAULT_STYLE, |(_, s)| s);
                for file in render::typst::project_files(doc, source) {
                    if !files.iter().any(|(n, _)| *n == file.0) {
                        files.push(file);
                    }
                }
            }
        }
    }
    for (name, bytes) in &files {
        if bytes.len() > limits::MAX_OUTPUT_BYTES {
            problems.push(Diagnostic::error(format!(
                "{name} would be {} bytes; the largest output is {} bytes",
                bytes.len(),
                limits::MAX_OUTPUT_BYTES
            )));
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(files)
}

/// Writes rendered files into `dir` atomically, each synced; returns their paths.
pub fn write_rendered(dir: &Path, rendered: &Rendered) -> Result<Vec<PathBuf>, Diagnostics> {
    write_rendered_with(dir, rendered, output::Sync::Now)
}

/// [`write_rendered`], with the files synced now or left to an [`output::sync_all`].
pub fn write_rendered_with(
    dir: &Path,
    rendered: &Rendered,
    sync: output::Sync,
) -> Result<Vec<PathBuf>, Diagnostics> {
    let mut written = Vec::new();
    for (name, bytes) in &rendered.files {
        let path = dir.join(output::safe_file_name(name));
        output::write_atomic_with(&path, bytes, sync)
            .map_err(|e| Diagnostic::error(format!("cannot write: {e}")).in_file(&path))?;
        written.push(path);
    }
    Ok(written)
}
