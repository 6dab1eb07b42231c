//! The render step: a resolved deal assembled into its documents ([`render_deal`]) and
//! each document written in the formats asked for ([`render_document`]), then written to
//! disk ([`write_rendered`]). The writers below take a [`crate::model::Document`] and return
//! bytes; none of them sees the deal, the library or any markup from a user.

pub mod docx;
pub mod html;
pub mod markdown;
pub mod typst;

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::library::Library;
use crate::resolve::Resolved;

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
    /// One self-contained HTML page: no scripts, no external assets.
    Html,
}

impl Format {
    /// All formats, for help texts.
    pub const NAMES: &'static str = "md, pdf, docx, typ, html";

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
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    /// Parses a list of format names (`--format md,pdf`), each once, in the order given.
    pub fn parse_list(names: &[String]) -> Result<Vec<Format>, Diagnostic> {
        let mut formats = Vec::new();
        for f in names {
            match Format::parse(f) {
                Some(x) if !formats.contains(&x) => formats.push(x),
                Some(_) => {}
                None => {
                    return Err(Diagnostic::error(format!("unknown format \"{f}\""))
                        .help(format!("formats: {}", Format::NAMES)));
                }
            }
        }
        Ok(formats)
    }
}

/// A Typst style given with `--template`: its name (for messages) and text.
pub fn read_style(path: Option<&Path>) -> Result<Option<(String, String)>, Diagnostic> {
    let Some(p) = path else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(p)
        .map_err(|e| Diagnostic::error(format!("cannot read the template: {e}")).in_file(p))?;
    Ok(Some((p.display().to_string(), text)))
}

/// Starts what the formats will need before the deal is loaded: for PDF, the Typst engine
/// for the style (fonts and the Typst library) on another thread, so that building it
/// overlaps with loading, validating and assembling the deal. Nothing for other formats.
pub fn prepare(formats: &[Format], typst_style: Option<&(String, String)>) {
    if formats.contains(&Format::Pdf) {
        typst::PdfEngine::warm_up(typst_style.cloned());
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
    pub assemble: crate::assemble::Options,
    /// A Typst style to use instead of the built-in one: (name for messages, source).
    pub typst_style: Option<(String, String)>,
}

/// What `render` produces for one deal: files relative to the deal's output folder.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// (file name, bytes), in a stable order.
    pub files: Vec<(String, Vec<u8>)>,
    /// Warnings (blanks in a draft).
    pub warnings: Diagnostics,
}

/// Renders the chosen documents of a deal in the chosen formats.
pub fn render_deal(
    deal: &Resolved,
    library: &Library,
    opts: &RenderOptions,
) -> Result<Rendered, Diagnostics> {
    let set =
        crate::assemble::assemble(deal, library, crate::assemble::MAIN_DOCUMENT, opts.assemble)?;
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
    doc: &crate::model::Document,
    stem: &str,
    formats: &[Format],
    style: Option<(&str, &str)>,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let mut files = Vec::new();
    let mut problems = Diagnostics::new();
    for f in formats {
        match f {
            Format::Markdown => {
                files.push((format!("{stem}.md"), markdown::render(doc).into_bytes()))
            }
            Format::Pdf => {
                let engine = typst::PdfEngine::get(style);
                match engine.pdf(doc, doc.meta.date.as_deref()) {
                    Ok(pdf) => files.push((format!("{stem}.pdf"), pdf)),
                    Err(e) => problems.extend(e),
                }
            }
            Format::Docx => match docx::render(doc) {
                Ok(docx) => files.push((format!("{stem}.docx"), docx)),
                Err(e) => problems.push(e),
            },
            Format::Html => files.push((format!("{stem}.html"), html::render(doc).into_bytes())),
            Format::Typst => {
                let source = style.map_or(typst::DEFAULT_STYLE, |(_, s)| s);
                for file in typst::project_files(doc, source) {
                    if !files.iter().any(|(n, _)| *n == file.0) {
                        files.push(file);
                    }
                }
            }
        }
    }
    for (name, bytes) in &files {
        if bytes.len() > crate::limits::MAX_OUTPUT_BYTES {
            problems.push(Diagnostic::error(format!(
                "{name} would be {} bytes; the largest output is {} bytes",
                bytes.len(),
                crate::limits::MAX_OUTPUT_BYTES
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
    write_rendered_with(dir, rendered, crate::output::Sync::Now)
}

/// [`write_rendered`], with the files synced now or left to an [`crate::output::sync_all`].
pub fn write_rendered_with(
    dir: &Path,
    rendered: &Rendered,
    sync: crate::output::Sync,
) -> Result<Vec<PathBuf>, Diagnostics> {
    let mut written = Vec::new();
    for (name, bytes) in &rendered.files {
        let path = dir.join(crate::output::safe_file_name(name));
        crate::output::write_atomic_with(&path, bytes, sync)
            .map_err(|e| Diagnostic::error(format!("cannot write: {e}")).in_file(&path))?;
        written.push(path);
    }
    Ok(written)
}
