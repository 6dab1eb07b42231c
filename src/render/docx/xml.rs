//! The WordprocessingML primitives every part is written with: escaping, runs, fields,
//! bookmarks and paragraph properties in schema order, and tracked changes on runs.

use std::fmt::Write as _;

/// The main WordprocessingML namespace, with the relationships namespace beside it.
pub const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// The XML declaration every part starts with.
pub const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Escapes text for element content and attribute values. Characters XML 1.0 cannot carry
/// (control characters, U+FFFE, U+FFFF) become U+FFFD, so no input makes a file Word
/// cannot open; validation refuses them in deal values before they get here.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
}

/// [`escape_into`], as a new string.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Character formatting of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fmt {
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Yellow highlight (a blank to fill in).
    pub highlight: bool,
}

/// Whether a tracked change inserts or deletes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// `w:ins`.
    Inserted,
    /// `w:del`: its text is `w:delText`, its field codes `w:delInstrText`.
    Deleted,
}

/// A tracked change that the runs written while it is set belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Inserted or deleted.
    pub kind: ChangeKind,
    /// Who made it (`w:author`).
    pub author: String,
    /// When (`w:date`, `YYYY-MM-DDThh:mm:ssZ`): fixed, never the clock.
    pub date: String,
}

/// Properties of a paragraph, written in the order of the schema's `CT_PPr`.
#[derive(Debug, Clone, Default)]
pub struct PPr<'a> {
    /// `w:pStyle`.
    pub style: Option<&'a str>,
    /// `w:keepNext`: stay on the page of the next paragraph.
    pub keep_next: bool,
    /// `w:numPr`: (list instance, level).
    pub num: Option<(u32, u32)>,
    /// `w:tabs`: right-aligned tab stop at this position.
    pub right_tab: Option<u32>,
    /// `w:spacing w:before`.
    pub space_before: Option<u32>,
    /// `w:ind w:left`.
    pub indent: Option<u32>,
    /// `w:jc`.
    pub align: Option<&'static str>,
    /// `w:sectPr`: this paragraph ends a section with these properties.
    pub section: Option<String>,
}

impl<'a> PPr<'a> {
    /// A paragraph of a style, with no other properties.
    pub fn style(style: &'a str) -> PPr<'a> {
        PPr {
            style: Some(style),
            ..PPr::default()
        }
    }
}

/// Writes WordprocessingML into a string. Ids of bookmarks and tracked changes come from one
/// counter in document order, so the same document gives the same ids.
#[derive(Debug, Default)]
pub struct Xml {
    /// What has been written.
    pub out: String,
    next_id: u32,
    /// The tracked change the next runs and paragraph marks belong to.
    pub change: Option<Change>,
    /// Every paragraph written, where it stands in `out`.
    pub paragraphs: Vec<Written>,
}

/// A paragraph as written: where it stands in [`Xml::out`] and what its properties are.
#[derive(Debug, Clone)]
pub struct Written {
    /// Where `<w:p>` starts.
    pub start: usize,
    /// Just after `</w:p>` (set when it is closed).
    pub end: usize,
    /// Where its properties end (`</w:pPr>`), if it has any.
    pub props_end: Option<usize>,
    /// Its properties without the paragraph mark's revision.
    pub props: String,
    /// The paragraph mark's revision: its kind and the `<w:rPr>…</w:rPr>` it is written in.
    pub mark: Option<(ChangeKind, std::ops::Range<usize>)>,
    /// It ends a section (`w:sectPr`).
    pub section: bool,
}

impl Xml {
    /// A fresh writer.
    pub fn new() -> Xml {
        Xml::default()
    }

    /// Appends raw markup.
    pub fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    /// Opens a paragraph with its properties.
    pub fn open_p(&mut self, p: &PPr) {
        let start = self.out.len();
        self.out.push_str("<w:p>");
        let mut props = String::new();
        if let Some(s) = p.style {
            let _ = write!(props, r#"<w:pStyle w:val="{s}"/>"#);
        }
        if p.keep_next {
            props.push_str("<w:keepNext/>");
        }
        if let Some((num, lvl)) = p.num {
            let _ = write!(
                props,
                r#"<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr>"#
            );
        }
        if let Some(pos) = p.right_tab {
            let _ = write!(
                props,
                r#"<w:tabs><w:tab w:val="right" w:pos="{pos}"/></w:tabs>"#
            );
        }
        if let Some(before) = p.space_before {
            let _ = write!(props, r#"<w:spacing w:before="{before}"/>"#);
        }
        if let Some(left) = p.indent {
            let _ = write!(props, r#"<w:ind w:left="{left}"/>"#);
        }
        if let Some(jc) = p.align {
            let _ = write!(props, r#"<w:jc w:val="{jc}"/>"#);
        }
        let bare = props.len();
        let kind = self.change.as_ref().map(|c| c.kind);
        if let Some(mark) = self.change_mark() {
            let _ = write!(props, "<w:rPr>{mark}</w:rPr>");
        }
        let marked = bare..props.len();
        if let Some(s) = &p.section {
            props.push_str(s);
        }
        let mut written = Written {
            start,
            end: start,
            props_end: None,
            props: String::new(),
            mark: None,
            section: p.section.is_some(),
        };
        if !props.is_empty() {
            self.out.push_str("<w:pPr>");
            let at = self.out.len();
            self.out.push_str(&props);
            written.props_end = Some(self.out.len());
            self.out.push_str("</w:pPr>");
            written.mark = kind.map(|k| (k, at + marked.start..at + marked.end));
            props.replace_range(marked, "");
            written.props = props;
        }
        self.paragraphs.push(written);
    }

    /// Closes a paragraph.
    pub fn close_p(&mut self) {
        self.out.push_str("</w:p>");
        if let Some(p) = self.paragraphs.last_mut() {
            p.end = self.out.len();
        }
        self.out.push('\n');
    }

    /// A paragraph of one run of text.
    pub fn paragraph(&mut self, p: &PPr, text: &str, f: Fmt) {
        self.open_p(p);
        self.text(text, f);
        self.close_p();
    }

    /// The paragraph-mark revision (`w:ins`/`w:del` inside the paragraph's `w:rPr`).
    fn change_mark(&mut self) -> Option<String> {
        let c = self.change.clone()?;
        let tag = match c.kind {
            ChangeKind::Inserted => "w:ins",
            ChangeKind::Deleted => "w:del",
        };
        let id = self.id();
        Some(format!(
            r#"<{tag} w:id="{id}" w:author="{}" w:date="{}"/>"#,
            escape(&c.author),
            c.date
        ))
    }

    /// The revision mark of a table row (inside `w:trPr`), if a change is current.
    pub fn row_mark(&mut self) {
        if let Some(mark) = self.change_mark() {
            self.out.push_str(&mark);
        }
    }

    /// Writes `content` (one or more `w:r`) inside the current tracked change, if any.
    fn tracked(&mut self, content: &str) {
        match self.change.clone() {
            None => self.out.push_str(content),
            Some(c) => {
                let tag = match c.kind {
                    ChangeKind::Inserted => "w:ins",
                    ChangeKind::Deleted => "w:del",
                };
                let id = self.id();
                let _ = write!(
                    self.out,
                    r#"<{tag} w:id="{id}" w:author="{}" w:date="{}">{content}</{tag}>"#,
                    escape(&c.author),
                    c.date
                );
            }
        }
    }

    /// Whether the runs written now are a tracked deletion.
    pub fn deleting(&self) -> bool {
        self.change
            .as_ref()
            .is_some_and(|c| c.kind == ChangeKind::Deleted)
    }

    /// A run of text: tabs and line breaks become `w:tab` and `w:br`.
    pub fn text(&mut self, text: &str, f: Fmt) {
        if text.is_empty() {
            return;
        }
        let t = if self.deleting() { "w:delText" } else { "w:t" };
        let mut run = String::with_capacity(text.len() + 64);
        run.push_str("<w:r>");
        rpr(&mut run, f);
        let mut rest = text;
        while !rest.is_empty() {
            let end = rest.find(['\t', '\n']).unwrap_or(rest.len());
            if end > 0 {
                let _ = write!(run, r#"<{t} xml:space="preserve">"#);
                escape_into(&mut run, &rest[..end]);
                let _ = write!(run, "</{t}>");
            }
            match rest[end..].chars().next() {
                Some('\t') => run.push_str("<w:tab/>"),
                Some('\n') => run.push_str("<w:br/>"),
                _ => {}
            }
            rest = &rest[(end + 1).min(rest.len())..];
        }
        run.push_str("</w:r>");
        self.tracked(&run);
    }

    /// A line break.
    pub fn line_break(&mut self) {
        self.tracked("<w:r><w:br/></w:r>");
    }

    /// A complex field (`REF`, `PAGE`, ...) whose cached result is `result`: Word shows the
    /// result until the field is updated, and updates it from `instr`.
    pub fn field(&mut self, instr: &str, result: &str, f: Fmt) {
        self.field_begin(instr, f);
        self.text(result, f);
        self.field_end(f);
    }

    /// Opens a complex field: its code `instr`, then its cached result, which is what is
    /// written until [`Xml::field_end`] (runs, or whole paragraphs for a `TOC`).
    pub fn field_begin(&mut self, instr: &str, f: Fmt) {
        let code = if self.deleting() {
            "w:delInstrText"
        } else {
            "w:instrText"
        };
        let mut begin = String::from("<w:r>");
        rpr(&mut begin, f);
        begin.push_str(r#"<w:fldChar w:fldCharType="begin"/></w:r><w:r>"#);
        rpr(&mut begin, f);
        let _ = write!(begin, r#"<{code} xml:space="preserve"> "#);
        escape_into(&mut begin, instr);
        let _ = write!(begin, r#" </{code}></w:r><w:r>"#);
        rpr(&mut begin, f);
        begin.push_str(r#"<w:fldChar w:fldCharType="separate"/></w:r>"#);
        self.tracked(&begin);
    }

    /// Closes the complex field opened last.
    pub fn field_end(&mut self, f: Fmt) {
        let mut end = String::from("<w:r>");
        rpr(&mut end, f);
        end.push_str(r#"<w:fldChar w:fldCharType="end"/></w:r>"#);
        self.tracked(&end);
    }

    /// Opens a bookmark; returns its id for [`Xml::bookmark_end`].
    pub fn bookmark_start(&mut self, name: &str) -> u32 {
        let id = self.id();
        let _ = write!(
            self.out,
            r#"<w:bookmarkStart w:id="{id}" w:name="{}"/>"#,
            escape(name)
        );
        id
    }

    /// Closes a bookmark.
    pub fn bookmark_end(&mut self, id: u32) {
        let _ = write!(self.out, r#"<w:bookmarkEnd w:id="{id}"/>"#);
    }
}

/// Run properties in the order of the schema's `CT_RPr` (b, i, highlight).
fn rpr(out: &mut String, f: Fmt) {
    if f == Fmt::default() {
        return;
    }
    out.push_str("<w:rPr>");
    if f.bold {
        out.push_str("<w:b/>");
    }
    if f.italic {
        out.push_str("<w:i/>");
    }
    if f.highlight {
        out.push_str(r#"<w:highlight w:val="yellow"/>"#);
    }
    out.push_str("</w:rPr>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_invalid_characters_replaced() {
        let mut x = Xml::new();
        x.text("a<b & \"c\"\u{1}\u{FFFF} 😀 שלום", Fmt::default());
        assert_eq!(
            x.out,
            "<w:r><w:t xml:space=\"preserve\">a&lt;b &amp; &quot;c&quot;\u{FFFD}\u{FFFD} 😀 שלום</w:t></w:r>"
        );
    }

    #[test]
    fn tabs_and_breaks_are_elements() {
        let mut x = Xml::new();
        x.text("a\tb\nc\n", Fmt::default());
        assert_eq!(
            x.out,
            "<w:r><w:t xml:space=\"preserve\">a</w:t><w:tab/><w:t xml:space=\"preserve\">b</w:t><w:br/><w:t xml:space=\"preserve\">c</w:t><w:br/></w:r>"
        );
    }

    #[test]
    fn runs_can_be_marked_inserted_or_deleted() {
        let mut x = Xml::new();
        x.change = Some(Change {
            kind: ChangeKind::Deleted,
            author: "Counsel <A&B>".into(),
            date: "2027-01-01T00:00:00Z".into(),
        });
        x.text("thirty", Fmt::default());
        x.field("REF _Ref1 \\r \\h", "4.6", Fmt::default());
        assert!(x.out.starts_with(
            r#"<w:del w:id="1" w:author="Counsel &lt;A&amp;B&gt;" w:date="2027-01-01T00:00:00Z"><w:r><w:delText xml:space="preserve">thirty</w:delText></w:r></w:del>"#
        ));
        assert!(
            x.out
                .contains("<w:delInstrText xml:space=\"preserve\"> REF _Ref1")
        );
        assert!(!x.out.contains("<w:t "), "deleted text is delText only");
        x.change.as_mut().unwrap().kind = ChangeKind::Inserted;
        x.out.clear();
        x.paragraph(&PPr::default(), "sixty", Fmt::default());
        assert_eq!(
            x.out,
            "<w:p><w:pPr><w:rPr><w:ins w:id=\"5\" w:author=\"Counsel &lt;A&amp;B&gt;\" w:date=\"2027-01-01T00:00:00Z\"/></w:rPr></w:pPr><w:ins w:id=\"6\" w:author=\"Counsel &lt;A&amp;B&gt;\" w:date=\"2027-01-01T00:00:00Z\"><w:r><w:t xml:space=\"preserve\">sixty</w:t></w:r></w:ins></w:p>\n"
        );
    }

    #[test]
    fn paragraph_properties_follow_the_schema_order() {
        let mut x = Xml::new();
        x.open_p(&PPr {
            style: Some("Heading2"),
            keep_next: true,
            num: Some((3, 1)),
            right_tab: Some(9026),
            space_before: Some(120),
            indent: Some(567),
            align: Some("both"),
            section: Some("<w:sectPr/>".into()),
        });
        assert_eq!(
            x.out,
            r#"<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:keepNext/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr><w:tabs><w:tab w:val="right" w:pos="9026"/></w:tabs><w:spacing w:before="120"/><w:ind w:left="567"/><w:jc w:val="both"/><w:sectPr/></w:pPr>"#
        );
    }
}
