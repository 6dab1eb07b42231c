//! `word/styles.xml` and `word/numbering.xml`: a legible serif body, Word's built-in heading
//! styles with outline levels, and the lists that number them.
//!
//! The heading list has an unnumbered first level linked to "Annex Title" (so each annex
//! restarts the numbering), "%2." linked to "heading 1" and "%2.%3" linked to "heading 2":
//! a heading counsel adds anywhere is numbered, and everything after it renumbers.

use std::fmt::Write as _;

use super::Geometry;
use super::body::{BULLETS_NUM, HEADINGS_NUM, LIST_INDENT};
use super::xml::DECL;

/// The body font: a serif that Word, LibreOffice (as Caladea) and Google Docs all have.
const FONT: &str = "Cambria";

/// Paragraph styles: (id, name, properties). Ids follow Word's own ("Heading1" for
/// "heading 1") so Word treats them as its built-in styles.
fn paragraph_styles(geo: &Geometry) -> Vec<(&'static str, &'static str, String)> {
    let right = geo.text_width();
    let heading = |level: u32, size: u32, before: u32, after: u32| {
        format!(
            r#"<w:basedOn w:val="Normal"/><w:next w:val="BodyText"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{HEADINGS_NUM}"/></w:numPr><w:spacing w:before="{before}" w:after="{after}"/><w:jc w:val="left"/><w:outlineLvl w:val="{}"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>"#,
            level - 1
        )
    };
    vec![
        (
            "Normal",
            "Normal",
            r#"<w:qFormat/>"#.to_string(),
        ),
        (
            "BodyText",
            "Body Text",
            r#"<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="both"/></w:pPr>"#.into(),
        ),
        (
            "Title",
            "Title",
            r#"<w:basedOn w:val="Normal"/><w:next w:val="Subtitle"/><w:qFormat/><w:pPr><w:spacing w:before="2400" w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="48"/><w:szCs w:val="48"/></w:rPr>"#.into(),
        ),
        (
            "Subtitle",
            "Subtitle",
            r#"<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>"#.into(),
        ),
        (
            "DraftMarking",
            "Draft Marking",
            r#"<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="960"/><w:jc w:val="center"/></w:pPr><w:rPr><w:i/><w:iCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>"#.into(),
        ),
        (
            "CoverRow",
            "Cover Row",
            r#"<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="60" w:after="60"/></w:pPr>"#.into(),
        ),
        (
            "AnnexTitle",
            "Annex Title",
            format!(
                r#"<w:basedOn w:val="Normal"/><w:next w:val="BodyText"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{HEADINGS_NUM}"/></w:numPr><w:spacing w:before="0" w:after="360"/><w:jc w:val="left"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr>"#
            ),
        ),
        ("Heading1", "heading 1", heading(1, 26, 360, 180)),
        ("Heading2", "heading 2", heading(2, 23, 240, 120)),
        (
            "SignatureHeading",
            "Signature Heading",
            r#"<w:basedOn w:val="Normal"/><w:next w:val="BodyText"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="480" w:after="180"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>"#.into(),
        ),
        // The table of contents: its heading (not itself in the outline) and its entries,
        // as Word's built-in "TOC Heading", "toc 1" and "toc 2" (dot leaders to the page
        // number Word fills in when it updates the field).
        (
            "TOCHeading",
            "TOC Heading",
            r#"<w:basedOn w:val="Normal"/><w:next w:val="BodyText"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="240"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>"#.into(),
        ),
        (
            "TOC1",
            "toc 1",
            format!(
                r#"<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{right}"/></w:tabs><w:spacing w:before="60" w:after="60"/><w:ind w:left="851" w:hanging="851"/></w:pPr>"#
            ),
        ),
        (
            "TOC2",
            "toc 2",
            format!(
                r#"<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{right}"/></w:tabs><w:spacing w:before="0" w:after="60"/><w:ind w:left="1702" w:hanging="851"/></w:pPr>"#
            ),
        ),
        (
            "ListParagraph",
            "List Paragraph",
            r#"<w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/><w:pPr><w:spacing w:after="80"/><w:jc w:val="both"/></w:pPr>"#.into(),
        ),
        (
            "TableText",
            "Table Text",
            r#"<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>"#.into(),
        ),
        (
            "Header",
            "header",
            format!(
                r#"<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="A0A0A0"/></w:pBdr><w:tabs><w:tab w:val="right" w:pos="{right}"/></w:tabs><w:spacing w:after="0"/></w:pPr><w:rPr><w:color w:val="5A5A5A"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>"#
            ),
        ),
        (
            "Footer",
            "footer",
            r#"<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:color w:val="5A5A5A"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>"#.into(),
        ),
        (
            "SectionEnd",
            "Section End",
            r#"<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>"#.into(),
        ),
    ]
}

/// `word/styles.xml`.
pub fn styles(geo: &Geometry) -> String {
    let mut s = format!(
        r#"{DECL}<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#
    );
    s.push('\n');
    for (id, name, props) in paragraph_styles(geo) {
        let default = if id == "Normal" {
            r#" w:default="1""#
        } else {
            ""
        };
        let _ = writeln!(
            s,
            r#"<w:style w:type="paragraph"{default} w:styleId="{id}"><w:name w:val="{name}"/>{props}</w:style>"#
        );
    }
    s.push_str(concat!(
        r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#,
        "\n",
        r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
        "\n",
        r#"<w:style w:type="table" w:styleId="DealTable"><w:name w:val="Deal Table"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="A0A0A0"/><w:left w:val="single" w:sz="4" w:space="0" w:color="A0A0A0"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="A0A0A0"/><w:right w:val="single" w:sz="4" w:space="0" w:color="A0A0A0"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="A0A0A0"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="A0A0A0"/></w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
        "\n",
        r#"<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#,
        "\n</w:styles>\n"
    ));
    s
}

/// Number formats of nested lettered levels: (a), (i), (A), (1), then again.
const LETTERED: [&str; 4] = ["lowerLetter", "lowerRoman", "upperLetter", "decimal"];

/// One list level.
struct Level<'a> {
    format: &'a str,
    text: String,
    style: Option<&'a str>,
    indent: u32,
    hanging: u32,
    suffix: Option<&'a str>,
}

fn level(out: &mut String, ilvl: usize, l: &Level) {
    let _ = write!(
        out,
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{}"/>"#,
        l.format
    );
    if let Some(style) = l.style {
        let _ = write!(out, r#"<w:pStyle w:val="{style}"/>"#);
    }
    if let Some(suffix) = l.suffix {
        let _ = write!(out, r#"<w:suff w:val="{suffix}"/>"#);
    }
    let _ = write!(
        out,
        r#"<w:lvlText w:val="{}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{}" w:hanging="{}"/></w:pPr></w:lvl>"#,
        l.text, l.indent, l.hanging
    );
}

/// `word/numbering.xml`: the heading list, lettered lists, bullets. `ordered_lists[i]` is
/// the level lettered list `i` is used at; it gets `w:num` `i + 3`, restarting at (a).
pub fn numbering(ordered_lists: &[u32]) -> String {
    let mut s = format!(
        r#"{DECL}<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
    );
    // 0: headings. An unnumbered level for annex titles, then sections and clauses.
    s.push_str(r#"<w:abstractNum w:abstractNumId="0"><w:nsid w:val="4D1A0000"/><w:multiLevelType w:val="multilevel"/>"#);
    let heading = 851;
    level(
        &mut s,
        0,
        &Level {
            format: "none",
            text: String::new(),
            style: Some("AnnexTitle"),
            indent: 0,
            hanging: 0,
            suffix: Some("nothing"),
        },
    );
    level(
        &mut s,
        1,
        &Level {
            format: "decimal",
            text: "%2.".into(),
            style: Some("Heading1"),
            indent: heading,
            hanging: heading,
            suffix: None,
        },
    );
    level(
        &mut s,
        2,
        &Level {
            format: "decimal",
            text: "%2.%3".into(),
            style: Some("Heading2"),
            indent: heading,
            hanging: heading,
            suffix: None,
        },
    );
    for i in 0..6 {
        let ilvl = i + 3;
        level(
            &mut s,
            ilvl,
            &Level {
                format: LETTERED[i % LETTERED.len()],
                text: format!("(%{})", ilvl + 1),
                style: None,
                indent: heading + LIST_INDENT * (i as u32 + 1),
                hanging: LIST_INDENT,
                suffix: None,
            },
        );
    }
    s.push_str("</w:abstractNum>\n");
    // 1: lettered lists in clauses: (a), (i), (A), ...
    s.push_str(r#"<w:abstractNum w:abstractNumId="1"><w:nsid w:val="4D1A0001"/><w:multiLevelType w:val="hybridMultilevel"/>"#);
    for i in 0..9 {
        level(
            &mut s,
            i,
            &Level {
                format: LETTERED[i % LETTERED.len()],
                text: format!("(%{})", i + 1),
                style: None,
                indent: LIST_INDENT * (i as u32 + 1),
                hanging: LIST_INDENT,
                suffix: None,
            },
        );
    }
    s.push_str("</w:abstractNum>\n");
    // 2: bullets.
    s.push_str(r#"<w:abstractNum w:abstractNumId="2"><w:nsid w:val="4D1A0002"/><w:multiLevelType w:val="hybridMultilevel"/>"#);
    for i in 0..9 {
        level(
            &mut s,
            i,
            &Level {
                format: "bullet",
                text: ["•", "–", "◦"][i % 3].into(),
                style: None,
                indent: LIST_INDENT * (i as u32 + 1),
                hanging: LIST_INDENT,
                suffix: None,
            },
        );
    }
    s.push_str("</w:abstractNum>\n");
    let _ = write!(
        s,
        r#"<w:num w:numId="{HEADINGS_NUM}"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="{BULLETS_NUM}"><w:abstractNumId w:val="2"/></w:num>"#
    );
    for (i, lvl) in ordered_lists.iter().enumerate() {
        let _ = write!(
            s,
            r#"<w:num w:numId="{}"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#,
            i + 3
        );
    }
    s.push_str("\n</w:numbering>\n");
    s
}
