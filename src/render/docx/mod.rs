//! The Word writer: the document model as a `.docx` that counsel edits.
//!
//! Our own small set of OOXML parts, written in schema order and zipped deterministically:
//! `word/document.xml` ([`body`]), `styles.xml` and `numbering.xml` ([`styles`]), settings,
//! one running header per part, the "Page X of Y" footer, and the package's content types,
//! relationships and core properties. Same document, same bytes: the core properties and
//! the zip entries carry the document's date (or `SOURCE_DATE_EPOCH`), ids are counted in
//! document order.
//!
//! [`xml::Xml`] writes every run; a run can be marked inserted or deleted (`w:ins`/`w:del`),
//! which is what the redline writes into the same kind of file.

mod body;
pub use body::{table_column_minimum, table_word_width, value_bookmark};
mod styles;
pub mod xml;

use std::fmt::Write as _;
use std::io::Write as _;

use crate::diagnostics::Diagnostic;
use crate::model::{Document, PaperSize};
use xml::{DECL, Fmt, NS, PPr, Xml, escape};

/// Page size and margins of a paper, in twips (1/20 pt); margins are Word's "Normal" (1 in).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    /// Page width.
    pub width: u32,
    /// Page height.
    pub height: u32,
    /// Each of the four margins.
    pub margin: u32,
}

impl Geometry {
    /// The geometry of a paper size.
    pub fn of(paper: PaperSize) -> Geometry {
        let (width, height) = match paper {
            PaperSize::A4 => (11906, 16838),
            PaperSize::Letter => (12240, 15840),
        };
        Geometry {
            width,
            height,
            margin: 1440,
        }
    }

    /// Width between the margins.
    pub fn text_width(&self) -> u32 {
        self.width - 2 * self.margin
    }

    /// `w:sectPr` of the cover (`None`: no running header) or of part `Some(n)` (its
    /// header is `header{n}.xml`). Every section shows the "Page X of Y" footer; each starts
    /// on a new page.
    pub fn section_properties(&self, header: Option<usize>) -> String {
        let mut s = String::from("<w:sectPr>");
        if let Some(n) = header {
            let _ = write!(
                s,
                r#"<w:headerReference w:type="default" r:id="rIdHeader{n}"/>"#
            );
        }
        let m = self.margin;
        let _ = write!(
            s,
            r#"<w:footerReference w:type="default" r:id="rIdFooter"/><w:pgSz w:w="{}" w:h="{}"/><w:pgMar w:top="{m}" w:right="{m}" w:bottom="{m}" w:left="{m}" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>"#,
            self.width, self.height
        );
        s
    }
}

/// Renders a document as a `.docx` package.
pub fn render(doc: &Document) -> Result<Vec<u8>, Diagnostic> {
    let geo = Geometry::of(doc.meta.paper);
    let body = body::write(doc, &geo);
    let date = crate::dates::document_timestamp(doc.meta.date.as_deref());
    let status = doc.meta.status.as_deref().unwrap_or("");

    let mut parts: Vec<(String, String)> = vec![
        (
            "[Content_Types].xml".into(),
            content_types(body.headers.len(), doc.meta.redline.is_some()),
        ),
        ("_rels/.rels".into(), PACKAGE_RELS.into()),
        ("docProps/core.xml".into(), core_properties(doc, date)),
        ("docProps/app.xml".into(), APP_PROPERTIES.into()),
        ("word/document.xml".into(), body.xml),
        ("word/styles.xml".into(), styles::styles(&geo)),
        (
            "word/numbering.xml".into(),
            styles::numbering(&body.ordered_lists),
        ),
        (
            "word/settings.xml".into(),
            settings(doc.meta.redline.is_some()),
        ),
    ];
    for (i, text) in body.headers.iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), header(text, status)));
    }
    parts.push(("word/footer1.xml".into(), footer()));
    let comments = doc.meta.redline.as_ref().map(|r| summary_comment(r, date));
    parts.push((
        "word/_rels/document.xml.rels".into(),
        document_rels(body.headers.len(), comments.is_some()),
    ));
    if let Some(c) = comments {
        parts.push(("word/comments.xml".into(), c));
    }
    package(&parts, date)
        .map_err(|e| Diagnostic::error(format!("cannot write the DOCX package: {e}")))
}

/// Zips the parts in order, each with the same fixed time and permissions.
fn package(
    parts: &[(String, String)],
    date: jiff::civil::DateTime,
) -> zip::result::ZipResult<Vec<u8>> {
    let time = zip::DateTime::from_date_and_time(
        u16::try_from(date.year()).unwrap_or(1980),
        date.month() as u8,
        date.day() as u8,
        date.hour() as u8,
        date.minute() as u8,
        date.second() as u8,
    )
    .unwrap_or_default();
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in parts {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(content.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

fn content_types(headers: usize, comments: bool) -> String {
    let mut s = format!(
        r#"{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>"#
    );
    for i in 1..=headers {
        let _ = write!(
            s,
            r#"<Override PartName="/word/header{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>"#
        );
    }
    if comments {
        s.push_str(r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>"#);
    }
    s.push_str(r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#);
    s.push('\n');
    s
}

const PACKAGE_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#,
    "\n"
);

const APP_PROPERTIES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>dealdraft</Application></Properties>"#,
    "\n"
);

/// Settings: Word 2013+ layout (no compatibility mode), British English; a redline opens
/// with Track Changes on (`w:trackRevisions`), so what the vendor edits in it is tracked.
fn settings(redline: bool) -> String {
    let track = if redline { "<w:trackRevisions/>" } else { "" };
    format!(
        r#"{DECL}<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:zoom w:percent="100"/>{track}<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="en-GB"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>
"#
    )
}

fn document_rels(headers: usize, comments: bool) -> String {
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut s = format!(
        r#"{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="{rel}/styles" Target="styles.xml"/><Relationship Id="rIdNumbering" Type="{rel}/numbering" Target="numbering.xml"/><Relationship Id="rIdSettings" Type="{rel}/settings" Target="settings.xml"/><Relationship Id="rIdFooter" Type="{rel}/footer" Target="footer1.xml"/>"#
    );
    for i in 1..=headers {
        let _ = write!(
            s,
            r#"<Relationship Id="rIdHeader{i}" Type="{rel}/header" Target="header{i}.xml"/>"#
        );
    }
    if comments {
        let _ = write!(
            s,
            r#"<Relationship Id="rIdComments" Type="{rel}/comments" Target="comments.xml"/>"#
        );
    }
    s.push_str("</Relationships>\n");
    s
}

/// A redline's summary as the comment on the title: what it is marked against, the clause
/// counts and the changed terms, one paragraph each.
fn summary_comment(r: &crate::model::Redline, date: jiff::civil::DateTime) -> String {
    let mut x = Xml::new();
    x.raw(DECL);
    let _ = write!(
        x.out,
        r#"<w:comments {NS}><w:comment w:id="0" w:author="{}" w:date="{}" w:initials="DD">"#,
        escape(&r.author),
        date.strftime("%Y-%m-%dT%H:%M:%SZ")
    );
    let c = &r.counts;
    let mut lines = vec![
        format!("Redline against {}.", r.against),
        format!(
            "Clauses: {} changed, {} inserted, {} deleted, {} moved, {} unchanged.",
            c.changed, c.inserted, c.deleted, c.moved, c.unchanged
        ),
    ];
    if !r.terms.is_empty() {
        lines.push("Changed terms (baseline → our draft):".into());
    }
    lines.extend(
        r.terms
            .iter()
            .map(|t| format!("{}: {} → {}", t.label, t.from, t.to)),
    );
    lines.extend(r.notes.iter().cloned());
    for line in lines {
        x.paragraph(&PPr::default(), &line, Fmt::default());
    }
    x.raw("</w:comment></w:comments>\n");
    x.out
}

fn core_properties(doc: &Document, date: jiff::civil::DateTime) -> String {
    let when = date.strftime("%Y-%m-%dT%H:%M:%SZ");
    let title = escape(&doc.meta.title);
    let subject = escape(&crate::model::plain_text(&doc.meta.subtitle));
    let id = escape(&doc.meta.deal_id);
    format!(
        r#"{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>dealdraft</dc:creator><dc:identifier>{id}</dc:identifier><dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>
"#
    )
}

/// A running header: the part's name, and the draft marking at the right margin.
fn header(text: &str, status: &str) -> String {
    let mut x = Xml::new();
    x.raw(DECL);
    let _ = write!(x.out, "<w:hdr {NS}>");
    x.open_p(&PPr::style("Header"));
    x.text(text, Fmt::default());
    if !status.is_empty() {
        x.text("\t", Fmt::default());
        x.text(status, Fmt::default());
    }
    x.close_p();
    x.raw("</w:hdr>\n");
    x.out
}

/// "Page X of Y", from `PAGE` and `NUMPAGES` fields.
fn footer() -> String {
    let mut x = Xml::new();
    x.raw(DECL);
    let _ = write!(x.out, "<w:ftr {NS}>");
    x.open_p(&PPr::style("Footer"));
    x.text("Page ", Fmt::default());
    x.field("PAGE", "1", Fmt::default());
    x.text(" of ", Fmt::default());
    x.field("NUMPAGES", "1", Fmt::default());
    x.close_p();
    x.raw("</w:ftr>\n");
    x.out
}
