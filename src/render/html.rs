//! The HTML writer: one self-contained page per document (no scripts, no external assets).
//!
//! Anchors, which the workbench (`serve`) and cross-references link to:
//! - a part: `id="part-<part id>"`;
//! - a section: `id="sec-<part id>-<section id>"`;
//! - a clause: `id="cl-<clause id>"` (suffixed `-2`, `-3` where a redline holds the same
//!   clause id twice).
//!
//! An id keeps ASCII letters, digits, `.`, `-`, `_` and `:`; any other character becomes `_`
//! ([`clause_anchor`]), so every id is a valid fragment. Ids are unique within a page: one
//! that is already taken gets the next free suffix.
//!
//! A value from the deal is `<span class="value" data-field="<field path>">` (the attribute
//! where the template names the field), a blank `<mark class="blank" title="<field path>"
//! data-field="<field path>">[●]</mark>`: the workbench can tie the preview to the form.
//!
//! [`render`] writes the whole page; [`body`] the `<main>` element alone (for embedding).
//!
//! The page is polyglot HTML5: it also reads as well-formed XML (`<br/>`, quoted
//! attributes, numeric character references only), so tests read it back with an XML
//! parser. Every text from the model is escaped; the only links are `#` anchors within the
//! page; the style is one embedded `<style>`, with print rules (`@page` in the deal's paper
//! size, a page break before each annex). Headings: `<h1>` the document, `<h2>` the
//! redline summary, the contents, each section of the first part and each annex's title,
//! then one level down for each annex's sections and a level further for clauses. The
//! writer appends to one `String`: it runs on every keystroke of the workbench's preview.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{
    Align, Block, Document, Inline, Meta, PaperSize, Part, Redline, Revision, Signature,
};

/// The style of every page. Kept free of `<` and `&`, so the page stays well-formed XML.
const STYLE: &str = r#"
@counter-style dealdraft-alpha { system: extends lower-alpha; prefix: "("; suffix: ") "; }
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #111; font: 11pt/1.45 Cambria, "Libertinus Serif", Georgia, "DejaVu Serif", serif; }
main { max-width: 46em; margin: 0 auto; padding: 1.5em 1.5em 4em; }
.skip { position: absolute; left: -100em; }
.skip:focus { left: 1em; top: 1em; background: #fff; padding: 0.3em 0.6em; border: 1px solid #444; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.cover { text-align: center; margin: 2em 0 2.5em; }
h1 { font-size: 1.9em; line-height: 1.2; margin: 1em 0 0.4em; }
h1 .subtitle { display: block; font-size: 0.68em; font-weight: normal; margin-top: 0.3em; }
.cover p { text-align: center; }
.status { font-style: italic; font-size: 1.1em; }
h2 { font-size: 1.25em; margin: 1.6em 0 0.6em; }
h3 { font-size: 1.08em; margin: 1.3em 0 0.5em; }
h4 { font-size: 1em; margin: 1.1em 0 0.4em; }
p { margin: 0 0 0.75em; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-size: 0.92em; }
th, td { border: 1px solid #a0a0a0; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
thead th { background: #ebebeb; }
td p, th p { text-align: left; margin: 0; }
.al-c { text-align: center; }
.al-r { text-align: right; }
table.meta { width: auto; margin: 2em auto 0; font-size: 1em; }
table.meta th, table.meta td { border: none; padding: 0.35em 0.8em; }
table.meta th { white-space: nowrap; }
ol.alpha { list-style-type: dealdraft-alpha; }
li { margin: 0.2em 0; }
mark.blank { background: #fff3a0; color: inherit; }
ins { color: #1f4fbf; text-decoration: underline; }
del { color: #c0282d; text-decoration: line-through; }
.was { color: #c0282d; }
.now { color: #1f4fbf; }
.deleted { text-decoration: line-through; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.88em; }
a { color: inherit; text-decoration-color: #8aa0d0; }
dfn { font-style: normal; }
.redline-summary { border: 1px solid #a0a0a0; padding: 0.2em 1em 0.6em; margin: 1.5em 0; }
nav.contents ol { list-style: none; padding-left: 0; }
nav.contents ol ol { padding-left: 1.6em; }
nav.contents a { text-decoration: none; }
table.signature td { height: 2.6em; }
table.signature thead td { border: none; }
@media print {
  body { font-size: 10.5pt; line-height: 1.35; }
  main { max-width: none; padding: 0; }
  .skip { display: none; }
  .cover, nav.contents, .redline-summary { break-after: page; }
  .part + .part { break-before: page; }
  h1, h2, h3, h4 { break-after: avoid; }
  tr, .signatures { break-inside: avoid; }
  thead { display: table-header-group; }
  a { text-decoration: none; }
}
"#;

/// The whole page: `<!DOCTYPE html>`, the style, the document.
pub fn render(doc: &Document) -> String {
    let mut out = String::with_capacity(estimate(doc));
    let meta = &doc.meta;
    out.push_str(
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" xml:lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<meta name=\"generator\" content=\"dealdraft\"/>\n",
    );
    if let Some(date) = &meta.date {
        out.push_str("<meta name=\"dcterms.date\" content=\"");
        attr(&mut out, date);
        out.push_str("\"/>\n");
    }
    out.push_str("<title>");
    text(&mut out, &meta.title);
    let subtitle = crate::model::plain_text(&meta.subtitle);
    if !subtitle.is_empty() {
        out.push_str(": ");
        text(&mut out, &subtitle);
    }
    out.push_str("</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("@page { size: ");
    out.push_str(match meta.paper {
        PaperSize::A4 => "A4",
        PaperSize::Letter => "letter",
    });
    out.push_str("; margin: 2.5cm 2.5cm 2.4cm; }\n</style>\n</head>\n<body>\n");
    // Past the title block, the summary and the contents, to the text.
    if let Some(p) = doc.parts.first() {
        out.push_str("<a class=\"skip\" href=\"#");
        out.push_str(&part_anchor(&p.id));
        out.push_str("\">Skip to the text</a>\n");
    }
    write_main(&mut out, doc);
    out.push_str("</body>\n</html>\n");
    out
}

/// The document as one `<main id="document">` element.
pub fn body(doc: &Document) -> String {
    let mut out = String::with_capacity(estimate(doc));
    write_main(&mut out, doc);
    out
}

/// The anchor of a clause: `cl-` and its id, any character outside ASCII letters, digits,
/// `.`, `-`, `_` and `:` as `_` (before any suffix that makes it unique in its page).
pub fn clause_anchor(id: &str) -> String {
    let mut s = String::with_capacity(id.len() + 3);
    s.push_str("cl-");
    push_id(&mut s, id);
    s
}

/// The anchor of a part: `part-` and its id (see [`clause_anchor`]).
pub fn part_anchor(id: &str) -> String {
    let mut s = String::with_capacity(id.len() + 5);
    s.push_str("part-");
    push_id(&mut s, id);
    s
}

/// The anchor of a section: `sec-`, its part's id, `-`, its id (see [`clause_anchor`]).
pub fn section_anchor(part: &str, id: &str) -> String {
    let mut s = String::with_capacity(part.len() + id.len() + 5);
    s.push_str("sec-");
    push_id(&mut s, part);
    s.push('-');
    push_id(&mut s, id);
    s
}

fn push_id(s: &mut String, id: &str) {
    for c in id.chars() {
        s.push(
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':') {
                c
            } else {
                '_'
            },
        );
    }
}

/// A first guess at the page's size, so the string seldom grows.
fn estimate(doc: &Document) -> usize {
    let clauses: usize = doc
        .parts
        .iter()
        .flat_map(|p| &p.sections)
        .map(|s| s.clauses.len())
        .sum();
    STYLE.len() + 2048 + clauses * 1536
}

/// Every anchor of the page in document order (parts, their sections, their clauses), made
/// unique, and where each cross-reference target points.
struct Anchors {
    /// Part, then each section with its clauses, part after part.
    order: Vec<String>,
    /// Clause or annex id → its anchor (a clause's first occurrence not deleted).
    targets: FxHashMap<String, String>,
}

impl Anchors {
    fn new(doc: &Document) -> Anchors {
        let mut taken: FxHashSet<String> = ["document", "contents", "redline", "title"]
            .into_iter()
            .map(String::from)
            .collect();
        let mut unique = |base: String| -> String {
            if taken.insert(base.clone()) {
                return base;
            }
            let mut n = 2;
            loop {
                let candidate = format!("{base}-{n}");
                if taken.insert(candidate.clone()) {
                    return candidate;
                }
                n += 1;
            }
        };
        let mut order = Vec::new();
        let mut targets: FxHashMap<String, String> = FxHashMap::default();
        let mut deleted: FxHashSet<String> = FxHashSet::default();
        for p in &doc.parts {
            let a = unique(part_anchor(&p.id));
            if !targets.contains_key(&p.id) {
                targets.insert(p.id.clone(), a.clone());
            }
            order.push(a);
            for s in &p.sections {
                order.push(unique(section_anchor(&p.id, &s.id)));
                for c in &s.clauses {
                    let a = unique(clause_anchor(&c.id));
                    let gone = c.revision == Some(Revision::Deleted)
                        || s.revision == Some(Revision::Deleted)
                        || p.revision == Some(Revision::Deleted);
                    // The first occurrence, or the first not deleted after a deleted one.
                    let replace = match targets.get(&c.id) {
                        None => true,
                        Some(_) => deleted.contains(&c.id) && !gone,
                    };
                    if replace {
                        targets.insert(c.id.clone(), a.clone());
                        if gone {
                            deleted.insert(c.id.clone());
                        } else {
                            deleted.remove(&c.id);
                        }
                    }
                    order.push(a);
                }
            }
        }
        Anchors { order, targets }
    }
}

/// The state of one page being written.
struct Writer<'a> {
    out: &'a mut String,
    anchors: Anchors,
    /// Next anchor of `anchors.order` to use.
    next: usize,
    plain: bool,
}

impl Writer<'_> {
    fn anchor(&mut self) -> String {
        let a = std::mem::take(&mut self.anchors.order[self.next]);
        self.next += 1;
        a
    }
}

fn write_main(out: &mut String, doc: &Document) {
    let anchors = Anchors::new(doc);
    let mut w = Writer {
        out,
        anchors,
        next: 0,
        plain: doc.meta.plain_headings,
    };
    w.out
        .push_str("<main id=\"document\" class=\"dealdraft\">\n");
    cover(&mut w, &doc.meta);
    if let Some(r) = &doc.meta.redline {
        summary(w.out, r);
    }
    contents(&mut w, doc);
    for (i, p) in doc.parts.iter().enumerate() {
        part(&mut w, p, i);
    }
    w.out.push_str("</main>\n");
}

/// The title block: title and subtitle, status, the rows.
fn cover(w: &mut Writer, meta: &Meta) {
    let rev = meta.revision;
    let out = &mut *w.out;
    out.push_str("<header class=\"cover\">\n<h1 id=\"title\">");
    open_mark(out, rev);
    text(out, &meta.title);
    close_mark(out, rev);
    if !meta.subtitle.is_empty() {
        out.push_str("<span class=\"visually-hidden\">: </span><span class=\"subtitle\">");
        marked_inlines(out, &meta.subtitle, rev, &w.anchors.targets);
        out.push_str("</span>");
    }
    out.push_str("</h1>\n");
    if let Some(status) = &meta.status {
        out.push_str("<p class=\"status\">");
        open_mark(out, rev);
        text(out, status);
        close_mark(out, rev);
        out.push_str("</p>\n");
    }
    if !meta.rows.is_empty() {
        out.push_str("<table class=\"meta\">\n<tbody>\n");
        for (label, value) in &meta.rows {
            out.push_str("<tr><th scope=\"row\">");
            open_mark(out, rev);
            text(out, label);
            close_mark(out, rev);
            out.push_str("</th><td>");
            marked_inlines(out, value, rev, &w.anchors.targets);
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</header>\n");
}

/// A redline's summary: what it is marked against, the legend, the counts, the changed
/// terms, the notes.
fn summary(out: &mut String, r: &Redline) {
    out.push_str("<section class=\"redline-summary\" aria-labelledby=\"redline\">\n<h2 id=\"redline\">Redline against ");
    text(out, &r.against);
    out.push_str("</h2>\n<p>Our draft marked against the baseline: <del>deleted text</del> is the baseline's, <ins>inserted text</ins> is ours.</p>\n");
    let c = &r.counts;
    out.push_str("<p>Clauses: ");
    for (i, (n, what)) in [
        (c.changed, "changed"),
        (c.inserted, "inserted"),
        (c.deleted, "deleted"),
        (c.moved, "moved"),
        (c.unchanged, "unchanged"),
    ]
    .into_iter()
    .enumerate()
    {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&n.to_string());
        out.push(' ');
        out.push_str(what);
    }
    out.push_str(".</p>\n");
    if !r.terms.is_empty() {
        out.push_str("<table class=\"terms\">\n<thead>\n<tr><th scope=\"col\">Term</th><th scope=\"col\">Baseline</th><th scope=\"col\">Our draft</th></tr>\n</thead>\n<tbody>\n");
        for t in &r.terms {
            out.push_str("<tr><th scope=\"row\" data-field=\"");
            attr(out, &t.path);
            out.push_str("\">");
            text(out, &t.label);
            out.push_str("</th><td class=\"was\">");
            text(out, &t.from);
            out.push_str("</td><td class=\"now\">");
            text(out, &t.to);
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    if !r.notes.is_empty() {
        out.push_str("<ul class=\"notes\">\n");
        for n in &r.notes {
            out.push_str("<li>");
            text(out, n);
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

/// The contents: the first part's sections, then each annex with its sections, as links.
fn contents(w: &mut Writer, doc: &Document) {
    let any = doc
        .parts
        .iter()
        .enumerate()
        .any(|(i, p)| i > 0 || !p.sections.is_empty());
    if !any {
        return;
    }
    let plain = w.plain;
    let order = &w.anchors.order;
    let out = &mut *w.out;
    out.push_str("<nav class=\"contents\" aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n<ol>\n");
    let mut k = 0;
    for (i, p) in doc.parts.iter().enumerate() {
        let part_anchor = &order[k];
        k += 1;
        let nested = i > 0;
        if nested {
            out.push_str("<li");
            deleted_class(out, p.revision);
            out.push_str("><a href=\"#");
            out.push_str(part_anchor);
            out.push_str("\">");
            annex_title(out, p);
            out.push_str("</a>");
            if !p.sections.is_empty() {
                out.push_str("\n<ol>\n");
            }
        }
        for s in &p.sections {
            out.push_str("<li");
            deleted_class(out, s.revision);
            out.push_str("><a href=\"#");
            out.push_str(&order[k]);
            out.push_str("\">");
            if !plain {
                text(out, &s.number);
                out.push_str(". ");
            }
            text(out, &s.title);
            out.push_str("</a></li>\n");
            k += 1 + s.clauses.len();
        }
        if nested {
            if !p.sections.is_empty() {
                out.push_str("</ol>\n");
            }
            out.push_str("</li>\n");
        }
    }
    out.push_str("</ol>\n</nav>\n");
}

fn deleted_class(out: &mut String, rev: Option<Revision>) {
    if rev == Some(Revision::Deleted) {
        out.push_str(" class=\"deleted\"");
    }
}

/// "Annex A — Service Levels", or the title alone.
fn annex_title(out: &mut String, p: &Part) {
    if let Some(label) = &p.label {
        text(out, label);
        out.push_str(" — ");
    }
    text(out, &p.title);
}

fn part(w: &mut Writer, p: &Part, index: usize) {
    let anchor = w.anchor();
    let annex = index > 0;
    w.out.push_str("<section class=\"part");
    rev_class(w.out, p.revision);
    w.out.push_str("\" id=\"");
    w.out.push_str(&anchor);
    w.out.push_str("\">\n");
    // The first part is the document itself, whose title block names it.
    if annex {
        w.out.push_str("<h2>");
        open_mark(w.out, p.revision);
        annex_title(w.out, p);
        close_mark(w.out, p.revision);
        w.out.push_str("</h2>\n");
    }
    let level = if annex { 3 } else { 2 };
    blocks(w, &p.intro, None);
    for s in &p.sections {
        let anchor = w.anchor();
        w.out.push_str("<section class=\"section");
        rev_class(w.out, s.revision);
        w.out.push_str("\" id=\"");
        w.out.push_str(&anchor);
        w.out.push_str("\">\n");
        open_heading(w.out, level);
        open_mark(w.out, s.revision);
        if !w.plain {
            text(w.out, &s.number);
            w.out.push_str(". ");
        }
        text(w.out, &s.title);
        close_mark(w.out, s.revision);
        close_heading(w.out, level);
        for c in &s.clauses {
            let anchor = w.anchor();
            w.out.push_str("<section class=\"clause");
            rev_class(w.out, c.revision);
            w.out.push_str("\" id=\"");
            w.out.push_str(&anchor);
            w.out.push_str("\">\n");
            // A clause with no heading (headings as written): its body under the section's.
            if !(w.plain && c.title.is_empty()) {
                open_heading(w.out, level + 1);
                match (&c.title_was, c.revision) {
                    (Some(was), None) if was.is_empty() => {
                        open_mark(w.out, Some(Revision::Inserted));
                        numbered(w.out, w.plain, &c.number, &c.title);
                        close_mark(w.out, Some(Revision::Inserted));
                    }
                    // The baseline words the heading differently: theirs struck, ours inserted.
                    (Some(was), None) => {
                        text(w.out, &c.number);
                        w.out.push_str(" <del>");
                        text(w.out, was);
                        w.out.push_str("</del> <ins>");
                        text(w.out, &c.title);
                        w.out.push_str("</ins>");
                    }
                    _ => {
                        open_mark(w.out, c.revision);
                        numbered(w.out, w.plain, &c.number, &c.title);
                        close_mark(w.out, c.revision);
                    }
                }
                close_heading(w.out, level + 1);
            }
            blocks(w, &c.blocks, None);
            w.out.push_str("</section>\n");
        }
        w.out.push_str("</section>\n");
    }
    if let Some(sig) = &p.signature {
        signature(w, sig, level);
    }
    w.out.push_str("</section>\n");
}

/// "4.6 Title", or the title alone for headings as written.
fn numbered(out: &mut String, plain: bool, number: &str, title: &str) {
    if !plain {
        text(out, number);
        out.push(' ');
    }
    text(out, title);
}

fn rev_class(out: &mut String, rev: Option<Revision>) {
    match rev {
        Some(Revision::Inserted) => out.push_str(" inserted"),
        Some(Revision::Deleted) => out.push_str(" deleted"),
        None => {}
    }
}

fn open_heading(out: &mut String, level: u8) {
    out.push_str(match level {
        2 => "<h2>",
        3 => "<h3>",
        _ => "<h4>",
    });
}

fn close_heading(out: &mut String, level: u8) {
    out.push_str(match level {
        2 => "</h2>\n",
        3 => "</h3>\n",
        _ => "</h4>\n",
    });
}

fn open_mark(out: &mut String, rev: Option<Revision>) {
    match rev {
        Some(Revision::Inserted) => out.push_str("<ins>"),
        Some(Revision::Deleted) => out.push_str("<del>"),
        None => {}
    }
}

fn close_mark(out: &mut String, rev: Option<Revision>) {
    match rev {
        Some(Revision::Inserted) => out.push_str("</ins>"),
        Some(Revision::Deleted) => out.push_str("</del>"),
        None => {}
    }
}

/// The signature blocks: one column per party, a row each for signature, name, title, date.
fn signature(w: &mut Writer, sig: &Signature, level: u8) {
    let rev = sig.revision;
    let out = &mut *w.out;
    out.push_str("<section class=\"signatures\">\n");
    open_heading(out, level);
    open_mark(out, rev);
    out.push_str("Signatures");
    close_mark(out, rev);
    close_heading(out, level);
    out.push_str("<p>");
    open_mark(out, rev);
    out.push_str("Signed by the authorised representatives of the parties.");
    close_mark(out, rev);
    out.push_str("</p>\n<table class=\"signature\">\n<thead>\n<tr><td></td>");
    for (role, name) in &sig.parties {
        out.push_str("<th scope=\"col\">");
        open_mark(out, rev);
        text(out, role);
        out.push_str(": ");
        inlines(out, name, &w.anchors.targets);
        close_mark(out, rev);
        out.push_str("</th>");
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for label in ["Signature", "Name", "Title", "Date"] {
        out.push_str("<tr><th scope=\"row\">");
        open_mark(out, rev);
        out.push_str(label);
        close_mark(out, rev);
        out.push_str("</th>");
        for _ in &sig.parties {
            out.push_str("<td></td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// Blocks; `mark`: inside blocks inserted or deleted whole, every run of text is marked.
fn blocks(w: &mut Writer, bs: &[Block], mark: Option<Revision>) {
    for b in bs {
        block(w, b, mark);
    }
}

fn block(w: &mut Writer, b: &Block, mark: Option<Revision>) {
    match b {
        Block::Paragraph { inlines: xs } => {
            w.out.push_str("<p>");
            marked_inlines(w.out, xs, mark, &w.anchors.targets);
            w.out.push_str("</p>\n");
        }
        Block::List { ordered, items } => {
            w.out.push_str(if *ordered {
                "<ol class=\"alpha\" type=\"a\">\n"
            } else {
                "<ul>\n"
            });
            for item in items {
                w.out.push_str("<li>");
                // An item of one paragraph is its text alone (a tight list).
                match item.as_slice() {
                    [Block::Paragraph { inlines: xs }] => {
                        marked_inlines(w.out, xs, mark, &w.anchors.targets)
                    }
                    [Block::Paragraph { inlines: xs }, rest @ ..] => {
                        marked_inlines(w.out, xs, mark, &w.anchors.targets);
                        w.out.push('\n');
                        blocks(w, rest, mark);
                    }
                    _ => blocks(w, item, mark),
                }
                w.out.push_str("</li>\n");
            }
            w.out.push_str(if *ordered { "</ol>\n" } else { "</ul>\n" });
        }
        Block::Table {
            align,
            header,
            rows,
            revisions,
        } => {
            let out = &mut *w.out;
            out.push_str("<table>\n<thead>\n<tr>");
            for (i, cell) in header.iter().enumerate() {
                out.push_str("<th scope=\"col\"");
                align_class(out, align.get(i));
                out.push('>');
                marked_inlines(out, cell, mark, &w.anchors.targets);
                out.push_str("</th>");
            }
            out.push_str("</tr>\n</thead>\n<tbody>\n");
            for (r, row) in rows.iter().enumerate() {
                let rev = revisions.get(r).copied().flatten();
                out.push_str(match rev {
                    Some(Revision::Inserted) => "<tr class=\"inserted\">",
                    Some(Revision::Deleted) => "<tr class=\"deleted\">",
                    None => "<tr>",
                });
                let mark = rev.or(mark);
                for (i, cell) in row.iter().enumerate() {
                    out.push_str("<td");
                    align_class(out, align.get(i));
                    out.push('>');
                    marked_inlines(out, cell, mark, &w.anchors.targets);
                    out.push_str("</td>");
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        Block::Revised {
            revision,
            blocks: bs,
        } => {
            w.out.push_str(match revision {
                Revision::Inserted => "<div class=\"inserted\">\n",
                Revision::Deleted => "<div class=\"deleted\">\n",
            });
            blocks(w, bs, Some(*revision));
            w.out.push_str("</div>\n");
        }
    }
}

fn align_class(out: &mut String, a: Option<&Align>) {
    match a {
        Some(Align::Center) => out.push_str(" class=\"al-c\""),
        Some(Align::Right) => out.push_str(" class=\"al-r\""),
        _ => {}
    }
}

/// Inlines, wrapped as one insertion or deletion when `mark` says so (nothing for none).
fn marked_inlines(
    out: &mut String,
    xs: &[Inline],
    mark: Option<Revision>,
    targets: &FxHashMap<String, String>,
) {
    if xs.is_empty() {
        return;
    }
    open_mark(out, mark);
    inlines(out, xs, targets);
    close_mark(out, mark);
}

fn inlines(out: &mut String, xs: &[Inline], targets: &FxHashMap<String, String>) {
    for x in xs {
        match x {
            Inline::Text { text: t } => text(out, t),
            Inline::Value { text: t, field } => {
                out.push_str("<span class=\"value\"");
                if let Some(f) = field {
                    out.push_str(" data-field=\"");
                    attr(out, f);
                    out.push('"');
                }
                out.push('>');
                text(out, t);
                out.push_str("</span>");
            }
            Inline::Strong { content } => {
                out.push_str("<strong>");
                inlines(out, content, targets);
                out.push_str("</strong>");
            }
            Inline::Emph { content } => {
                out.push_str("<em>");
                inlines(out, content, targets);
                out.push_str("</em>");
            }
            Inline::Definition { term } => {
                out.push_str("<strong class=\"term\"><dfn>“");
                text(out, term);
                out.push_str("”</dfn></strong>");
            }
            Inline::Ref { target, text: t } => match targets.get(target) {
                Some(anchor) => {
                    out.push_str("<a href=\"#");
                    out.push_str(anchor);
                    out.push_str("\">");
                    text(out, t);
                    out.push_str("</a>");
                }
                None => text(out, t),
            },
            Inline::Blank { field } => {
                out.push_str("<mark class=\"blank\" title=\"");
                attr(out, field);
                out.push_str("\" data-field=\"");
                attr(out, field);
                out.push_str("\">[●]</mark>");
            }
            Inline::Code { text: t } => {
                out.push_str("<code>");
                text(out, t);
                out.push_str("</code>");
            }
            Inline::Break => out.push_str("<br/>"),
            Inline::Ins { content } => {
                out.push_str("<ins>");
                inlines(out, content, targets);
                out.push_str("</ins>");
            }
            Inline::Del { content } => {
                out.push_str("<del>");
                inlines(out, content, targets);
                out.push_str("</del>");
            }
        }
    }
}

/// Whether a byte needs more than copying as element content: markup, or a control
/// character (which XML cannot hold).
const fn special(b: u8) -> bool {
    matches!(b, b'&' | b'<' | b'>') || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
}

/// [`special`], in a double-quoted attribute value: also quotes and line breaks.
const fn special_in_attr(b: u8) -> bool {
    special(b) || matches!(b, b'"' | b'\'' | b'\n' | b'\r' | b'\t')
}

/// Text escaped as element content.
fn text(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    // Most text has nothing to escape: one scan (without an early exit, so it runs on many
    // bytes at once), one copy.
    if !bytes.iter().fold(false, |any, &b| any | special(b)) {
        out.push_str(s);
        return;
    }
    escape(out, s, false)
}

/// Text escaped as a (double-quoted) attribute value.
fn attr(out: &mut String, s: &str) {
    if !s.bytes().any(special_in_attr) {
        out.push_str(s);
        return;
    }
    escape(out, s, true)
}

/// Escapes `&`, `<` and `>` (and in an attribute, both quotes and white space other than
/// the space); a control character XML cannot hold becomes U+FFFD.
fn escape(out: &mut String, s: &str, in_attr: bool) {
    let mut start = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if in_attr => "&quot;",
            b'\'' if in_attr => "&#39;",
            b'\n' if in_attr => "&#10;",
            b'\r' if in_attr => "&#13;",
            b'\t' if in_attr => "&#9;",
            b'\t' | b'\n' | b'\r' => continue,
            b if b < 0x20 => "\u{fffd}",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        out.push_str(rep);
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

/// Escapes `&`, `<`, `>` and both quotes (for an attribute value or text).
pub fn escape_into(out: &mut String, s: &str) {
    attr(out, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_text_text() {
        let mut s = String::new();
        text(&mut s, "a<b>&\"c\" 'd' \u{1b}e\tf");
        assert_eq!(s, "a&lt;b&gt;&amp;\"c\" 'd' \u{fffd}e\tf");
        let mut s = String::new();
        attr(&mut s, "\"><img onerror=x>\n");
        assert_eq!(s, "&quot;&gt;&lt;img onerror=x&gt;&#10;");
    }

    #[test]
    fn anchors_are_valid_fragments() {
        assert_eq!(clause_anchor("sla.availability"), "cl-sla.availability");
        assert_eq!(clause_anchor("a b\"<é"), "cl-a_b___");
        assert_eq!(section_anchor("sow", "scope"), "sec-sow-scope");
    }
}
