//! Shared by the fuzz targets: a document model built from fuzz input.

use dealdraft::model::{Block, Clause, Document, Inline, Meta, Paper, Part, Section, Signature};

/// Splits fuzz input in two at the first NUL (the second part empty without one).
pub fn halves(data: &str) -> (&str, &str) {
    data.split_once('\0').unwrap_or((data, ""))
}

/// Clause Markdown → blocks, as the assembler parses it; text the parser refuses becomes
/// one paragraph of literal text (a value could hold it).
pub fn blocks(markdown: &str) -> Vec<Block> {
    dealdraft::assemble::parse::parse(markdown).unwrap_or_else(|_| {
        vec![Block::Paragraph {
            inlines: vec![Inline::Value {
                text: markdown.to_string(),
            }],
        }]
    })
}

/// A one-part document: the first line of `data` as every value of the title block,
/// signature and headings, the rest as one clause's body (parsed as clause Markdown).
pub fn document(data: &str) -> Document {
    let (value, body) = data.split_once('\n').unwrap_or((data, ""));
    let v = || vec![Inline::Value { text: value.to_string() }];
    Document {
        id: "sow".into(),
        meta: Meta {
            title: value.into(),
            subtitle: v(),
            short_title: value.into(),
            rows: vec![("Customer".into(), v()), (value.into(), v())],
            status: Some(value.into()),
            deal_id: "fuzz".into(),
            date: Some("2027-01-01".into()),
            paper: Paper::A4,
            redline: None,
        },
        parts: vec![Part {
            id: "sow".into(),
            label: Some(value.into()),
            title: value.into(),
            intro: vec![Block::Paragraph { inlines: v() }],
            sections: vec![Section {
                id: "s".into(),
                number: "1".into(),
                title: value.into(),
                clauses: vec![Clause {
                    id: "c".into(),
                    number: "1.1".into(),
                    title: value.into(),
                    blocks: blocks(body),
                    revision: None,
                }],
                revision: None,
            }],
            signature: Some(Signature {
                parties: vec![("Customer".into(), v())],
            }),
            revision: None,
        }],
    }
}
