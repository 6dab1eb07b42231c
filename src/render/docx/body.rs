//! `word/document.xml`: the document model as Word paragraphs, headings, lists, tables and
//! sections.
//!
//! Numbering is Word's, never typed: section and clause headings take the styles
//! "Heading 1" and "Heading 2", which the heading list of `numbering.xml` is linked to, and
//! each annex title is a paragraph of that list's unnumbered first level, so every annex
//! restarts at 1. A cross-reference to a clause is a `REF` field to a bookmark on the
//! clause's heading, with our computed number as its cached result.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::Geometry;
use super::xml::{Change, ChangeKind, Fmt, PPr, Written, Xml};
use crate::model::{Align, Block, Document, Inline, Part, Revision, Signature, plain_text};

/// `w:num` of the heading list (linked to the heading styles).
pub const HEADINGS_NUM: u32 = 1;
/// `w:num` of bulleted lists.
pub const BULLETS_NUM: u32 = 2;
/// Indent of one list level, in twips (1 cm).
pub const LIST_INDENT: u32 = 567;

/// `word/document.xml` and what the other parts need to know about it.
pub struct Body {
    /// The part's XML.
    pub xml: String,
    /// The running header of each part after the cover, in order (`header1.xml`, ...).
    pub headers: Vec<String>,
    /// The level at which each lettered list is used; list `i` is `w:num` `i + 3`, a fresh
    /// instance so that it restarts at (a).
    pub ordered_lists: Vec<u32>,
}

/// Where a cross-reference can point: a clause heading or an annex title.
struct Target {
    bookmark: String,
    /// The clause number ("4.6") or the annex label ("Annex A").
    text: String,
    /// A clause (else an annex).
    clause: bool,
    /// A clause's annex: its bookmark and label.
    annex: Option<(String, String)>,
    /// In a redline against a deal: the clause's number in the baseline, where it differs
    /// from ours (so a reference to it reads the baseline's number after Reject All).
    base: Option<String>,
}

struct Writer<'a> {
    x: Xml,
    geo: &'a Geometry,
    targets: BTreeMap<&'a str, Target>,
    ordered_lists: Vec<u32>,
    /// The last block written was a table: the next paragraph keeps its distance.
    after_table: bool,
    /// A redline's tracked-change author and date (`w:author`, `w:date`).
    revisions: Option<(String, String)>,
    /// How many values of each field have been written (for their bookmarks' names).
    values: BTreeMap<String, u32>,
    /// The table of contents' entries, in order.
    contents: Vec<Entry>,
    /// Headings as written ([`crate::model::Meta::plain_headings`]).
    plain: bool,
}

/// The instruction of the table of contents: section headings ("Heading 1") and annex
/// titles ("Annex Title") at level 1, as links (`\h`), without page numbers in Web
/// layout (`\z`).
const TOC_INSTR: &str = r#"TOC \o "1-1" \h \z \t "Annex Title,1""#;

/// One entry of the table of contents: a section heading or an annex title.
#[derive(Clone)]
struct Entry {
    /// Where it points: the bookmark on its heading (`_Toc` and a number).
    bookmark: String,
    /// Its part, and its section in the part (`None`: the annex title).
    at: (usize, Option<usize>),
    /// A section's number in our draft and in the baseline (the same outside a redline).
    number: Option<(String, String)>,
    /// The heading's text.
    title: String,
    /// In a redline: the heading was inserted or deleted.
    revision: Option<Revision>,
}

/// The hidden bookmark around the `n`th value (from 1) of a deal field in our Word file:
/// `_dd_` and eight hex digits of the field's SHA-256, then `n` — within Word's 40
/// characters whatever the field, and the same every time. A returned file's changes
/// inside it are changes of that field (see docs/redlines-and-rounds.md, "Values in our Word file").
pub fn value_bookmark(field: &str, n: u32) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(field.as_bytes());
    let hex: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    format!("_dd_{hex}_{n}")
}

/// Writes the body of a document.
pub fn write(doc: &Document, geo: &Geometry) -> Body {
    let mut w = Writer {
        x: Xml::new(),
        geo,
        targets: targets(doc),
        ordered_lists: Vec::new(),
        after_table: false,
        values: BTreeMap::new(),
        contents: contents(doc),
        plain: doc.meta.plain_headings,
        revisions: doc.meta.redline.as_ref().map(|r| {
            let date = crate::dates::document_timestamp(doc.meta.date.as_deref());
            (
                r.author.clone(),
                date.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            )
        }),
    };
    w.x.raw(super::xml::DECL);
    let _ = writeln!(w.x.out, "<w:document {}><w:body>", super::xml::NS);
    // Against the vendor's paper the title block is ours alone: inserted whole.
    w.tracked(doc.meta.revision, |w| w.cover(doc));
    // The table of contents, on a page of its own (a section with the first part's header);
    // against the vendor's paper it is ours alone, like the cover.
    if !w.contents.is_empty() {
        w.tracked(doc.meta.revision, |w| {
            w.table_of_contents(geo.section_properties(Some(1)))
        });
    }
    let mut headers = Vec::new();
    for (i, p) in doc.parts.iter().enumerate() {
        headers.push(match annex_label(p, i) {
            Some(label) => format!("{label} — {}", p.title),
            None => doc.meta.short_title.clone(),
        });
        w.part(p, i);
        let section = geo.section_properties(Some(i + 1));
        if i + 1 < doc.parts.len() {
            // A part inserted or deleted whole takes its section break with it.
            w.tracked(p.revision, |w| w.end_section(section));
        } else {
            // The last section's properties close the body.
            w.x.raw(&section);
        }
    }
    w.x.raw("</w:body></w:document>\n");
    if doc.meta.redline.is_some() {
        shift_inserted_marks(&mut w.x.out, &w.x.paragraphs);
    }
    Body {
        xml: w.x.out,
        headers,
        ordered_lists: w.ordered_lists,
    }
}

/// A heading paragraph of `style`; for headings as written (the check memo's,
/// [`crate::model::Meta::plain_headings`]) it leaves the heading list (`numId` 0: no
/// numbering), so Word does not number what the model does not.
fn heading(style: &str, plain: bool) -> PPr<'_> {
    PPr {
        num: plain.then_some((0, 0)),
        ..PPr::style(style)
    }
}

/// The label ("Annex A") of part `index` if it is an attached annex; the first part is the
/// document itself, whose title block names it.
fn annex_label(p: &Part, index: usize) -> Option<&String> {
    p.label.as_ref().filter(|_| index > 0)
}

/// Bookmarks for every clause and every annex, named `_Ref` + a number in document order
/// (hidden bookmarks, as Word names its own cross-reference targets).
///
/// In a redline against a deal, each clause also has its number in the baseline: the
/// sections and clauses not inserted, counted in order (a moved clause, shown once where it
/// now stands, is counted there: where Reject All leaves it).
fn targets(doc: &Document) -> BTreeMap<&str, Target> {
    let structural = doc.meta.redline.is_some() && doc.meta.revision.is_none();
    let mut t = BTreeMap::new();
    let mut n = 0;
    let mut name = || {
        n += 1;
        format!("_Ref{:09}", n)
    };
    for (i, p) in doc.parts.iter().enumerate() {
        let annex = match annex_label(p, i) {
            Some(label) => {
                let bookmark = name();
                t.insert(
                    p.id.as_str(),
                    Target {
                        bookmark: bookmark.clone(),
                        text: label.clone(),
                        clause: false,
                        annex: None,
                        base: None,
                    },
                );
                Some((bookmark, label.clone()))
            }
            None => None,
        };
        let mut base_section = 0;
        for s in &p.sections {
            let section_in_base = s.revision != Some(Revision::Inserted);
            if section_in_base {
                base_section += 1;
            }
            let mut base_clause = 0;
            for c in &s.clauses {
                let in_base = section_in_base && c.revision != Some(Revision::Inserted);
                if in_base {
                    base_clause += 1;
                }
                let base = format!("{base_section}.{base_clause}");
                t.insert(
                    c.id.as_str(),
                    Target {
                        bookmark: name(),
                        text: c.number.clone(),
                        clause: true,
                        annex: annex.clone(),
                        base: (structural && in_base && c.revision.is_none() && base != c.number)
                            .then_some(base),
                    },
                );
            }
        }
    }
    t
}

/// The entries of the table of contents, with a `_Toc` bookmark each, in document order:
/// each annex title and each section heading. In a redline, each section has its number in
/// our draft (counting the sections not deleted) and in the baseline (counting those not
/// inserted); against the vendor's paper (the cover inserted whole) the table is ours
/// alone, so it lists what our draft has.
fn contents(doc: &Document) -> Vec<Entry> {
    let paper = doc.meta.revision.is_some();
    let mut out = Vec::new();
    let mut n = 0;
    for (i, p) in doc.parts.iter().enumerate() {
        if paper && p.revision == Some(Revision::Deleted) {
            continue;
        }
        if i > 0 {
            n += 1;
            out.push(Entry {
                bookmark: format!("_Toc{n:09}"),
                at: (i, None),
                number: None,
                title: match annex_label(p, i) {
                    Some(label) => format!("{label} — {}", p.title),
                    None => p.title.clone(),
                },
                revision: if paper { None } else { p.revision },
            });
        }
        let (mut ours, mut base) = (0, 0);
        for (j, s) in p.sections.iter().enumerate() {
            if s.revision != Some(Revision::Deleted) {
                ours += 1;
            }
            if s.revision != Some(Revision::Inserted) {
                base += 1;
            }
            if s.title.is_empty() || (paper && s.revision == Some(Revision::Deleted)) {
                continue;
            }
            n += 1;
            let number = if paper {
                (s.number.clone(), s.number.clone())
            } else {
                (ours.to_string(), base.to_string())
            };
            out.push(Entry {
                bookmark: format!("_Toc{n:09}"),
                at: (i, Some(j)),
                number: Some(number),
                title: s.title.clone(),
                revision: if paper { None } else { s.revision },
            });
        }
    }
    out
}

impl Writer<'_> {
    /// Writes what `content` writes as one tracked insertion or deletion (paragraph marks
    /// included), or as it is for `None` or outside a redline.
    fn tracked(&mut self, rev: Option<Revision>, content: impl FnOnce(&mut Self)) {
        let change = match (rev, &self.revisions) {
            (Some(rev), Some((author, date))) => Some(Change {
                kind: match rev {
                    Revision::Inserted => ChangeKind::Inserted,
                    Revision::Deleted => ChangeKind::Deleted,
                },
                author: author.clone(),
                date: date.clone(),
            }),
            _ => None,
        };
        if change.is_none() {
            return content(self);
        }
        let saved = std::mem::replace(&mut self.x.change, change);
        content(self);
        self.x.change = saved;
    }

    /// "Contents" and a `TOC` field whose cached result is one paragraph per entry, each a
    /// link to its heading's bookmark: it reads right before Word updates it (Word then adds
    /// the page numbers, which we cannot know). The field ends in the paragraph that ends
    /// its section (`section`). In a redline each text has its own table: an inserted or
    /// deleted heading's entry is inserted or deleted, and a number that differs reads as
    /// the baseline's deleted and ours inserted.
    fn table_of_contents(&mut self, section: String) {
        // Inserted whole (against the vendor's paper), the heading's paragraph mark stays
        // unmarked: LibreOffice cannot reject an inserted mark that joins a paragraph to the
        // field's (its index), and so kept the heading; rejected, it leaves an empty paragraph.
        let change = self.x.change.take();
        self.x.open_p(&PPr::style("TOCHeading"));
        self.x.change = change;
        self.x.text("Contents", Fmt::default());
        self.x.close_p();
        let entries = self.contents.clone();
        for (k, e) in entries.iter().enumerate() {
            let outer = self.x.change.clone();
            self.tracked(e.revision, |w| {
                w.x.open_p(&PPr::style("TOC1"));
                if k == 0 {
                    // The field opens in the first entry, outside the entry's own change.
                    let own = std::mem::replace(&mut w.x.change, outer);
                    w.x.field_begin(TOC_INSTR, Fmt::default());
                    w.x.change = own;
                }
                let _ = write!(
                    w.x.out,
                    r#"<w:hyperlink w:anchor="{}" w:history="1">"#,
                    e.bookmark
                );
                match &e.number {
                    Some((ours, base)) if e.revision.is_none() && ours != base => {
                        w.tracked(Some(Revision::Deleted), |w| {
                            w.x.text(&format!("{base}."), Fmt::default())
                        });
                        w.tracked(Some(Revision::Inserted), |w| {
                            w.x.text(&format!("{ours}."), Fmt::default())
                        });
                        w.x.text("\t", Fmt::default());
                    }
                    Some((ours, base)) => {
                        let n = if e.revision == Some(Revision::Deleted) {
                            base
                        } else {
                            ours
                        };
                        w.x.text(&format!("{n}.\t"), Fmt::default());
                    }
                    None => {}
                }
                w.x.text(&e.title, Fmt::default());
                w.x.raw("</w:hyperlink>");
                w.x.close_p();
            });
        }
        self.x.open_p(&PPr {
            section: Some(section),
            ..PPr::style("SectionEnd")
        });
        self.x.field_end(Fmt::default());
        self.x.close_p();
    }

    /// The `_Toc` bookmark of a heading in the table of contents: part `part`'s annex title
    /// (`None`) or its section `section`.
    fn toc_bookmark(&self, part: usize, section: Option<usize>) -> Option<String> {
        self.contents
            .iter()
            .find(|e| e.at == (part, section))
            .map(|e| e.bookmark.clone())
    }

    fn cover(&mut self, doc: &Document) {
        let m = &doc.meta;
        self.x.open_p(&PPr::style("Title"));
        // A redline's summary is a comment on the title (`comments.xml`): it is part of
        // neither text, so accepting every change gives exactly our draft.
        if m.redline.is_some() {
            self.x.raw(r#"<w:commentRangeStart w:id="0"/>"#);
        }
        self.x.text(&m.title, Fmt::default());
        if m.redline.is_some() {
            self.x
                .raw(r#"<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>"#);
        }
        self.x.close_p();
        if !m.subtitle.is_empty() {
            self.x.open_p(&PPr::style("Subtitle"));
            self.inlines(&m.subtitle, Fmt::default());
            self.x.close_p();
        }
        if let Some(status) = &m.status {
            self.x
                .paragraph(&PPr::style("DraftMarking"), status, Fmt::default());
        }
        // A title block with no rows (the check memo's) has no table: Word reads a table
        // without rows as damaged.
        if m.rows.is_empty() {
            self.end_section(self.geo.section_properties(None));
            return;
        }
        let label_width = 2600;
        let widths = [label_width, self.geo.text_width() - label_width];
        self.x.raw("<w:tbl><w:tblPr>");
        let _ = write!(
            self.x.out,
            r#"<w:tblW w:w="{}" w:type="dxa"/><w:tblLayout w:type="fixed"/>"#,
            self.geo.text_width()
        );
        self.x.raw("</w:tblPr>");
        grid(&mut self.x, &widths);
        for (label, value) in &m.rows {
            self.x.raw("<w:tr><w:trPr><w:cantSplit/>");
            self.x.row_mark();
            self.x.raw("</w:trPr>");
            self.cell(widths[0], None, |w| {
                w.x.paragraph(
                    &PPr::style("CoverRow"),
                    label,
                    Fmt {
                        bold: true,
                        ..Fmt::default()
                    },
                )
            });
            self.cell(widths[1], None, |w| {
                w.x.open_p(&PPr::style("CoverRow"));
                w.inlines(value, Fmt::default());
                w.x.close_p();
            });
            self.x.raw("</w:tr>\n");
        }
        self.x.raw("</w:tbl>\n");
        self.end_section(self.geo.section_properties(None));
    }

    /// Ends a section: with an empty paragraph that carries its properties.
    fn end_section(&mut self, section: String) {
        self.x.open_p(&PPr {
            section: Some(section),
            ..PPr::style("SectionEnd")
        });
        self.x.close_p();
    }

    fn part(&mut self, p: &Part, index: usize) {
        if index > 0 {
            let toc = self.toc_bookmark(index, None);
            self.tracked(p.revision, |w| {
                w.x.open_p(&PPr::style("AnnexTitle"));
                let toc = toc.map(|b| w.x.bookmark_start(&b));
                match (annex_label(p, index), w.targets.get(p.id.as_str())) {
                    (Some(label), Some(t)) => {
                        let id = w.x.bookmark_start(&t.bookmark);
                        w.x.text(label, Fmt::default());
                        w.x.bookmark_end(id);
                        w.x.text(&format!(" — {}", p.title), Fmt::default());
                    }
                    _ => w.x.text(&p.title, Fmt::default()),
                }
                if let Some(id) = toc {
                    w.x.bookmark_end(id);
                }
                w.x.close_p();
            });
        }
        self.blocks(&p.intro, 0);
        for (j, s) in p.sections.iter().enumerate() {
            let toc = self.toc_bookmark(index, Some(j));
            self.tracked(s.revision, |w| {
                w.x.open_p(&heading("Heading1", w.plain));
                let toc = toc.map(|b| w.x.bookmark_start(&b));
                w.x.text(&s.title, Fmt::default());
                if let Some(id) = toc {
                    w.x.bookmark_end(id);
                }
                w.x.close_p();
            });
            for c in &s.clauses {
                self.after_table = false;
                // A clause with no heading: its body stands under the section's.
                if self.plain && c.title.is_empty() {
                    self.blocks(&c.blocks, 0);
                    continue;
                }
                // A deleted clause keeps its bookmark, for the baseline's references to it.
                let bookmark = self.targets.get(c.id.as_str()).map(|t| t.bookmark.clone());
                // A heading the baseline words differently: theirs deleted, ours inserted
                // (the whole paragraph where the baseline's text has no heading there).
                let (whole, was) = match (&c.title_was, c.revision) {
                    (Some(was), None) if was.is_empty() => (Some(Revision::Inserted), None),
                    (Some(was), None) => (None, Some(was.as_str())),
                    _ => (c.revision, None),
                };
                self.tracked(whole, |w| {
                    w.x.open_p(&heading("Heading2", w.plain));
                    if let Some(was) = was {
                        w.tracked(Some(Revision::Deleted), |w| {
                            w.x.text(&format!("{was} "), Fmt::default())
                        });
                    }
                    let id = bookmark.map(|b| w.x.bookmark_start(&b));
                    w.tracked(was.map(|_| Revision::Inserted), |w| {
                        w.x.text(&c.title, Fmt::default())
                    });
                    if let Some(id) = id {
                        w.x.bookmark_end(id);
                    }
                    w.x.close_p();
                });
                self.blocks(&c.blocks, 0);
            }
        }
        if let Some(sig) = &p.signature {
            self.tracked(sig.revision, |w| w.signature(sig));
        }
    }

    /// Blocks at list depth `depth` (0 = body text).
    fn blocks(&mut self, bs: &[Block], depth: u32) {
        for b in bs {
            self.block(b, depth, None);
        }
    }

    /// One block; `num` numbers it as a list item (list instance, level).
    fn block(&mut self, b: &Block, depth: u32, num: Option<(u32, u32)>) {
        match b {
            Block::Paragraph { inlines } => {
                self.x.open_p(&PPr {
                    style: Some(if depth > 0 {
                        "ListParagraph"
                    } else {
                        "BodyText"
                    }),
                    num,
                    // A list item's further paragraphs align with its text.
                    indent: (num.is_none() && depth > 0).then_some(depth * LIST_INDENT),
                    space_before: std::mem::take(&mut self.after_table).then_some(160),
                    ..PPr::default()
                });
                self.inlines(inlines, Fmt::default());
                self.x.close_p();
            }
            Block::List { ordered, items } => {
                let level = depth;
                let list = if *ordered {
                    self.ordered_lists.push(level);
                    self.ordered_lists.len() as u32 + 2
                } else {
                    BULLETS_NUM
                };
                for item in items {
                    // The item's first paragraph carries its number; an item that opens
                    // with a list or a table (or is empty) gets an empty numbered line.
                    let mut num = Some((list, level));
                    if !opens_with_paragraph(item) {
                        self.x.open_p(&PPr {
                            num: num.take(),
                            ..PPr::style("ListParagraph")
                        });
                        self.x.close_p();
                    }
                    for inner in item {
                        self.block(inner, level + 1, num.take());
                    }
                }
            }
            Block::Table {
                align,
                header,
                rows,
                revisions,
            } => {
                self.table(align, header, rows, revisions, depth * LIST_INDENT);
                self.after_table = true;
            }
            Block::Revised { revision, blocks } => {
                self.tracked(Some(*revision), |w| {
                    let mut num = num;
                    for (i, b) in blocks.iter().enumerate() {
                        w.block(b, depth, if i == 0 { num.take() } else { None });
                    }
                });
            }
        }
    }

    fn table(
        &mut self,
        align: &[Align],
        header: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
        revisions: &[Option<Revision>],
        indent: u32,
    ) {
        let available = self.geo.text_width() - indent;
        let widths = column_widths(header, rows, available);
        self.x
            .raw(r#"<w:tbl><w:tblPr><w:tblStyle w:val="DealTable"/>"#);
        let _ = write!(
            self.x.out,
            r#"<w:tblW w:w="{available}" w:type="dxa"/><w:tblInd w:w="{indent}" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr>"#
        );
        grid(&mut self.x, &widths);
        let jc = |i: usize| match align.get(i) {
            Some(Align::Center) => "center",
            Some(Align::Right) => "right",
            _ => "left",
        };
        // The header row repeats on every page; no row breaks across pages.
        self.x.raw("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/>");
        // A table inserted or deleted whole: every row is marked, the header too.
        self.x.row_mark();
        self.x.raw("</w:trPr>");
        for (i, cell) in cells(header, widths.len()) {
            self.cell(widths[i], Some("EBEBEB"), |w| {
                w.x.open_p(&PPr {
                    style: Some("TableText"),
                    keep_next: true,
                    align: Some(jc(i)),
                    ..PPr::default()
                });
                w.inlines(
                    cell,
                    Fmt {
                        bold: true,
                        ..Fmt::default()
                    },
                );
                w.x.close_p();
            });
        }
        self.x.raw("</w:tr>\n");
        for (r, row) in rows.iter().enumerate() {
            // A row inserted or deleted whole is marked on the row (`w:trPr`) and on its text.
            self.tracked(revisions.get(r).copied().flatten(), |w| {
                w.x.raw("<w:tr><w:trPr><w:cantSplit/>");
                w.x.row_mark();
                w.x.raw("</w:trPr>");
                for (i, cell) in cells(row, widths.len()) {
                    w.cell(widths[i], None, |w| {
                        w.x.open_p(&PPr {
                            style: Some("TableText"),
                            align: Some(jc(i)),
                            ..PPr::default()
                        });
                        w.inlines(cell, Fmt::default());
                        w.x.close_p();
                    });
                }
                w.x.raw("</w:tr>\n");
            });
        }
        self.x.raw("</w:tbl>\n");
    }

    fn cell(&mut self, width: u32, fill: Option<&str>, content: impl FnOnce(&mut Self)) {
        let _ = write!(
            self.x.out,
            r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#
        );
        if let Some(fill) = fill {
            let _ = write!(
                self.x.out,
                r#"<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>"#
            );
        }
        self.x.raw("</w:tcPr>");
        content(self);
        self.x.raw("</w:tc>");
    }

    fn signature(&mut self, sig: &Signature) {
        self.x.paragraph(
            &PPr::style("SignatureHeading"),
            "Signatures",
            Fmt::default(),
        );
        self.x.paragraph(
            &PPr {
                style: Some("BodyText"),
                keep_next: true,
                ..PPr::default()
            },
            "Signed by the authorised representatives of the parties.",
            Fmt::default(),
        );
        let label = 1700;
        let n = sig.parties.len().max(1) as u32;
        let each = (self.geo.text_width() - label) / n;
        let mut widths = vec![label];
        widths.extend(std::iter::repeat_n(each, sig.parties.len()));
        self.x
            .raw(r#"<w:tbl><w:tblPr><w:tblStyle w:val="DealTable"/>"#);
        let _ = write!(
            self.x.out,
            r#"<w:tblW w:w="{}" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr>"#,
            widths.iter().sum::<u32>()
        );
        grid(&mut self.x, &widths);
        let keep = PPr {
            style: Some("TableText"),
            keep_next: true,
            ..PPr::default()
        };
        self.x.raw("<w:tr><w:trPr><w:cantSplit/>");
        self.x.row_mark();
        self.x.raw("</w:trPr>");
        self.cell(label, Some("EBEBEB"), |w| {
            w.x.open_p(&keep);
            w.x.close_p();
        });
        for (role, name) in &sig.parties {
            self.cell(each, Some("EBEBEB"), |w| {
                let bold = Fmt {
                    bold: true,
                    ..Fmt::default()
                };
                w.x.open_p(&keep);
                w.x.text(&format!("{role}: "), bold);
                w.inlines(name, bold);
                w.x.close_p();
            });
        }
        self.x.raw("</w:tr>\n");
        for (i, line) in ["Signature", "Name", "Title", "Date"].iter().enumerate() {
            // Room to sign and write by hand; the table stays on one page.
            let height = if i == 0 { 1100 } else { 560 };
            let _ = write!(
                self.x.out,
                r#"<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{height}" w:hRule="atLeast"/>"#
            );
            self.x.row_mark();
            self.x.raw("</w:trPr>");
            let p = PPr {
                keep_next: i < 3,
                ..keep.clone()
            };
            self.cell(label, None, |w| w.x.paragraph(&p, line, Fmt::default()));
            for _ in &sig.parties {
                self.cell(each, None, |w| {
                    w.x.open_p(&p);
                    w.x.close_p();
                });
            }
            self.x.raw("</w:tr>\n");
        }
        self.x.raw("</w:tbl>\n");
    }

    fn inlines(&mut self, xs: &[Inline], f: Fmt) {
        for x in xs {
            match x {
                Inline::Text { text }
                | Inline::Code { text }
                | Inline::Value {
                    text, field: None, ..
                } => self.x.text(text, f),
                Inline::Value {
                    text,
                    field: Some(field),
                } => {
                    let n = self.values.entry(field.clone()).or_insert(0);
                    *n += 1;
                    let id = self.x.bookmark_start(&value_bookmark(field, *n));
                    self.x.text(text, f);
                    self.x.bookmark_end(id);
                }
                Inline::Strong { content } => self.inlines(content, Fmt { bold: true, ..f }),
                Inline::Emph { content } => self.inlines(content, Fmt { italic: true, ..f }),
                Inline::Definition { term } => {
                    self.x.text(&format!("“{term}”"), Fmt { bold: true, ..f })
                }
                Inline::Ref { target, text } => self.reference(target, text, f),
                Inline::Blank { .. } => self.x.text(
                    "[●]",
                    Fmt {
                        highlight: true,
                        ..f
                    },
                ),
                Inline::Break => self.x.line_break(),
                Inline::Ins { content } => {
                    self.tracked(Some(Revision::Inserted), |w| w.inlines(content, f))
                }
                Inline::Del { content } => {
                    self.tracked(Some(Revision::Deleted), |w| w.inlines(content, f))
                }
            }
        }
    }

    /// "Section 4.6 of Annex A": the number and the annex label become `REF` fields to
    /// their bookmarks, the words around them stay text. A reference whose text does not
    /// show its target's number or label is written as text.
    fn reference(&mut self, target: &str, text: &str, f: Fmt) {
        let Some(t) = self.targets.get(target) else {
            return self.x.text(text, f);
        };
        // In a redline the baseline's (deleted) reference shows the baseline's number.
        let found = if t.clause {
            find_number(text, &t.text)
                .map(|at| (at, t.text.len()))
                .or_else(|| first_number(text))
        } else {
            text.find(&t.text).map(|at| (at, t.text.len()))
        };
        let Some((at, len)) = found else {
            return self.x.text(text, f);
        };
        // A clause's number as numbered (`\r`), an annex's label as written; both links (`\h`).
        let switches = if t.clause { r"\r \h" } else { r"\h" };
        let field = format!("REF {} {switches}", t.bookmark);
        let annex = t.annex.clone();
        // In text both have, a number that differs: the cached result is the baseline's
        // number deleted and ours inserted, so that each text reads its own number even
        // where fields are not updated.
        let base = t
            .base
            .clone()
            .filter(|_| self.x.change.is_none() && text[at..at + len] == t.text);
        self.x.text(&text[..at], f);
        match base {
            Some(base) => {
                self.x.field_begin(&field, f);
                self.tracked(Some(Revision::Deleted), |w| w.x.text(&base, f));
                self.tracked(Some(Revision::Inserted), |w| {
                    w.x.text(&text[at..at + len], f)
                });
                self.x.field_end(f);
            }
            None => self.x.field(&field, &text[at..at + len], f),
        }
        let rest = &text[at + len..];
        match annex {
            Some((bookmark, label)) if rest.ends_with(&label) => {
                self.x.text(&rest[..rest.len() - label.len()], f);
                self.x.field(&format!("REF {bookmark} \\h"), &label, f);
            }
            _ => self.x.text(rest, f),
        }
    }
}

/// Inserted paragraphs as Word records them. We write each inserted paragraph with its own
/// paragraph mark inserted, which Word reads as meant; LibreOffice, when the paragraph
/// before ends in an insertion, rejects that paragraph's mark too and joins it to the one
/// after. Word itself records a paragraph typed after paragraph A as A's mark inserted and
/// the new paragraph ending with A's old mark: so for a run of inserted paragraphs B1..Bn
/// right after A, when A and Bn have the same paragraph properties (the joined paragraph
/// takes Bn's), A's mark becomes the inserted one and Bn's mark the original. Both read the
/// same in Word; LibreOffice then accepts and rejects them as Word does.
fn shift_inserted_marks(xml: &mut String, paras: &[Written]) {
    let inserted = |p: &Written| match &p.mark {
        Some((ChangeKind::Inserted, r)) => Some(r.clone()),
        _ => None,
    };
    let adjacent = |a: &Written, b: &Written| xml[a.end..b.start].trim().is_empty();
    // (replace this range, with this text), applied from the end.
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut i = 1;
    while i < paras.len() {
        let (a, b) = (&paras[i - 1], &paras[i]);
        if inserted(b).is_none() || a.mark.is_some() || a.section || !adjacent(a, b) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < paras.len()
            && inserted(&paras[j + 1]).is_some()
            && adjacent(&paras[j], &paras[j + 1])
        {
            j += 1;
        }
        let last = &paras[j];
        if let Some(range) = inserted(last).filter(|_| last.props == a.props && !last.section) {
            let mark = xml[range.clone()].to_string();
            edits.push((range, String::new()));
            let at = a.props_end.unwrap_or(a.start + "<w:p>".len());
            let text = if a.props_end.is_some() {
                mark
            } else {
                format!("<w:pPr>{mark}</w:pPr>")
            };
            edits.push((at..at, text));
        }
        i = j + 1;
    }
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    for (range, text) in edits {
        xml.replace_range(range, &text);
    }
}

/// Whether blocks open with a paragraph (in a redline, perhaps one inserted or deleted).
fn opens_with_paragraph(blocks: &[Block]) -> bool {
    match blocks.first() {
        Some(Block::Paragraph { .. }) => true,
        Some(Block::Revised { blocks, .. }) => opens_with_paragraph(blocks),
        _ => false,
    }
}

/// The first clause number ("4.6", "12") in `text`: (where, length).
fn first_number(text: &str) -> Option<(usize, usize)> {
    let at = text.find(|c: char| c.is_ascii_digit())?;
    let len = text[at..]
        .char_indices()
        .take_while(|&(i, c)| {
            c.is_ascii_digit()
                || (c == '.' && text[at + i + 1..].starts_with(|d: char| d.is_ascii_digit()))
        })
        .count();
    Some((at, len))
}

/// Where `number` stands in `text` as a whole number ("4.6" not inside "14.6" or "4.6.1").
fn find_number(text: &str, number: &str) -> Option<usize> {
    text.match_indices(number).map(|(at, _)| at).find(|&at| {
        let before = text[..at].chars().next_back();
        let mut after = text[at + number.len()..].chars();
        let continues = match after.next() {
            Some(c) if c.is_ascii_digit() => true,
            Some('.') => after.next().is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        };
        !before.is_some_and(|c| c.is_ascii_digit() || c == '.') && !continues
    })
}

/// Exactly `n` cells of a row, numbered: a short row is padded, a long one cut.
fn cells(row: &[Vec<Inline>], n: usize) -> impl Iterator<Item = (usize, &Vec<Inline>)> {
    static EMPTY: Vec<Inline> = Vec::new();
    row.iter()
        .chain(std::iter::repeat(&EMPTY))
        .take(n)
        .enumerate()
}

fn grid(x: &mut Xml, widths: &[u32]) {
    x.raw("<w:tblGrid>");
    for w in widths {
        let _ = write!(x.out, r#"<w:gridCol w:w="{w}"/>"#);
    }
    x.raw("</w:tblGrid>");
}

/// Size of table text (the "TableText" style), in half-points: 9.5 pt.
const TABLE_FONT_HALF_POINTS: u32 = 19;
/// Left plus right cell margin of our tables ("DealTable"), in twips, and a little room.
const CELL_MARGINS: u32 = 2 * 85 + 40;

/// Advance widths of the printable ASCII characters (`!` to `~`), in thousandths of an em:
/// those of DejaVu Serif Bold, rounded up. It is wider than Cambria (Word's font here)
/// everywhere and is the serif LibreOffice puts in Cambria's place where Cambria is not
/// installed, so a word measured with it fits in either — a conservative estimate.
const ASCII_WIDTHS: [u16; 94] = [
    440, 530, 840, 700, 960, 910, 310, 480, 480, 530, 840, 350, 420, 350, 370, 700, 700, 700, 700,
    700, 700, 700, 700, 700, 700, 370, 370, 840, 840, 840, 590, 1000, 780, 850, 800, 870, 770, 710,
    860, 950, 470, 480, 870, 710, 1110, 920, 880, 760, 880, 840, 730, 750, 880, 780, 1130, 780,
    720, 730, 480, 370, 480, 840, 500, 500, 650, 700, 610, 700, 640, 440, 700, 730, 380, 370, 700,
    380, 1060, 730, 670, 700, 700, 530, 570, 470, 730, 590, 870, 600, 590, 570, 650, 370, 650, 840,
];

/// How wide `word` is set in table text (9.5 pt, bold to be safe), in twips: from
/// [`ASCII_WIDTHS`]; a letter outside ASCII counts 0.8 em, any other character a full em.
pub fn table_word_width(word: &str) -> u32 {
    let milli_em: u32 = word
        .chars()
        .map(|c| match c {
            '!'..='~' => u32::from(ASCII_WIDTHS[c as usize - '!' as usize]),
            c if c.is_alphabetic() && (c as u32) < 0x3000 => 800,
            _ => 1000,
        })
        .sum();
    // em in twips = half-points × 10; round up.
    (milli_em * TABLE_FONT_HALF_POINTS * 10).div_ceil(1000)
}

/// The narrowest a table column may be: its longest word in any cell, with the cell's
/// margins (so that no word is broken across lines).
pub fn table_column_minimum(cells: &[Vec<Inline>]) -> u32 {
    cells
        .iter()
        .flat_map(|c| {
            plain_text(c)
                .split_whitespace()
                .map(table_word_width)
                .collect::<Vec<_>>()
        })
        .max()
        .unwrap_or(0)
        + CELL_MARGINS
}

/// Column widths summing to `available`: each column first gets its longest word (see
/// [`table_column_minimum`]), then the rest is shared in proportion to each column's
/// longest text (bounded, so a long paragraph does not starve a column of numbers). Where
/// the words alone need more than the page has, they are scaled down together.
fn column_widths(header: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>], available: u32) -> Vec<u32> {
    let n = header.len().max(1);
    let mut weight = vec![6u32; n];
    let mut columns: Vec<Vec<Vec<Inline>>> = vec![Vec::new(); n];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (i, cell) in row.iter().enumerate().take(n) {
            let len = plain_text(cell).chars().count() as u32;
            weight[i] = weight[i].max(len.clamp(6, 60));
            columns[i].push(cell.clone());
        }
    }
    let minimum: Vec<u32> = columns.iter().map(|c| table_column_minimum(c)).collect();
    let needed: u32 = minimum.iter().sum();
    let mut widths: Vec<u32> = if needed >= available {
        minimum
            .iter()
            .map(|m| (u64::from(available) * u64::from(*m) / u64::from(needed.max(1))) as u32)
            .collect()
    } else {
        let rest = available - needed;
        let total: u32 = weight.iter().sum();
        minimum
            .iter()
            .zip(&weight)
            .map(|(m, w)| m + rest * w / total)
            .collect()
    };
    let used: u32 = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += available - used;
    }
    widths
}
