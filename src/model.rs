//! The one document model every writer renders: Markdown now, Typst and DOCX from the same
//! data. It holds text, never markup: user values in it are plain strings.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One output document: a title block and one or more parts (the SOW and its attached
/// annexes, or a standalone annex).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Template id of the first part (`sow`, `sla-annex`, ...); the output file stem.
    pub id: String,
    /// The title block.
    pub meta: Meta,
    /// The parts, in order.
    pub parts: Vec<Part>,
}

/// What the title block shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meta {
    /// Document title, e.g. "Statement of Work".
    pub title: String,
    /// Deal title, e.g. "Enterprise AI Services".
    pub subtitle: Vec<Inline>,
    /// Short title for running headers.
    pub short_title: String,
    /// Title-block rows: label and value (none: the writers print no title-block table).
    pub rows: Vec<(String, Vec<Inline>)>,
    /// "Draft — subject to contract", or nothing for a final.
    pub status: Option<String>,
    /// The deal id.
    pub deal_id: String,
    /// Date printed on the cover (`YYYY-MM-DD`), if known.
    pub date: Option<String>,
    /// Paper size.
    pub paper: PaperSize,
    /// Set when the document is a redline: what it is marked against, and the summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redline: Option<Redline>,
    /// In a redline: the title block was inserted whole (our draft against the vendor's
    /// paper, which has none of it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<Revision>,
    /// Headings as written (the check memo): no section or clause numbers, and a clause
    /// with no title has no heading, its body standing under the section's. Otherwise (a
    /// SOW, a redline) every section and clause heading is numbered.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub plain_headings: bool,
}

/// Whether content was inserted into our draft or deleted from the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Revision {
    /// In our draft, not in the baseline.
    Inserted,
    /// In the baseline, not in our draft.
    Deleted,
}

/// What a redline shows before the document: what it is marked against and a summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Redline {
    /// The baseline, as a reader names it ("Vendor position (vendor.json)").
    pub against: String,
    /// Author of the tracked changes (Word's `w:author`).
    pub author: String,
    /// Clauses changed, inserted, deleted and moved in this document.
    pub counts: RedlineCounts,
    /// The negotiated terms that differ, in words.
    pub terms: Vec<TermChange>,
    /// What the reader must know of how the redline was made (against the vendor's paper:
    /// the vendor's better terms kept instead of our deal's lower ones).
    #[serde(default)]
    pub notes: Vec<String>,
}

/// How many clauses a redline changes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RedlineCounts {
    /// Clauses in both, with changes.
    pub changed: usize,
    /// Clauses only in our draft.
    pub inserted: usize,
    /// Clauses only in the baseline.
    pub deleted: usize,
    /// Clauses in both that stand elsewhere in our draft.
    pub moved: usize,
    /// Clauses in both, unchanged.
    pub unchanged: usize,
}

/// One negotiated term that differs: "Uptime commitment: 99.5% → 99.9%".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermChange {
    /// The deal field, in the deal's path syntax ("sla.uptime_pct",
    /// "support.severities[level=P1].response_minutes").
    pub path: String,
    /// Its label ("Uptime commitment").
    pub label: String,
    /// The baseline's value, in words.
    pub from: String,
    /// Our value, in words.
    pub to: String,
}

/// Paper size (the deal's `deal.paper`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "Paper")]
pub enum PaperSize {
    /// ISO A4, 210 × 297 mm (the default).
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

/// A part: the SOW body or one annex.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    /// Template id.
    pub id: String,
    /// "Annex A" for an annex.
    pub label: Option<String>,
    /// Heading, e.g. "Service Levels".
    pub title: String,
    /// Text before the first section.
    pub intro: Vec<Block>,
    /// Numbered sections.
    pub sections: Vec<Section>,
    /// Signature blocks, if the part ends with them.
    pub signature: Option<Signature>,
    /// In a redline: the whole part was inserted or deleted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<Revision>,
}

/// A numbered section ("4. Service Levels").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// Section id from the template.
    pub id: String,
    /// "4".
    pub number: String,
    /// Heading.
    pub title: String,
    /// Clauses in order.
    pub clauses: Vec<Clause>,
    /// In a redline: the heading was inserted or deleted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<Revision>,
}

/// A numbered clause ("4.6 Service Credits").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Clause {
    /// Clause id from the library.
    pub id: String,
    /// "4.6".
    pub number: String,
    /// Heading.
    pub title: String,
    /// Body.
    pub blocks: Vec<Block>,
    /// In a redline: the whole clause was inserted or deleted (its body is then one
    /// [`Block::Revised`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<Revision>,
    /// In a redline: the baseline's heading, where the clause answers to one that differs
    /// (shown deleted before ours, inserted); empty where the baseline's text has no heading
    /// (ours is inserted whole).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_was: Option<String>,
}

/// Block content.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph.
    Paragraph {
        /// Its text.
        inlines: Vec<Inline>,
    },
    /// A list; ordered lists print as (a), (b), (c).
    List {
        /// Lettered or bulleted.
        ordered: bool,
        /// Items, each a list of blocks.
        items: Vec<Vec<Block>>,
    },
    /// A table with a header row.
    Table {
        /// Column alignment.
        align: Vec<Align>,
        /// Header cells.
        header: Vec<Vec<Inline>>,
        /// Body rows.
        rows: Vec<Vec<Vec<Inline>>>,
        /// In a redline: each body row that was inserted or deleted whole (empty, or one
        /// entry per row).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        revisions: Vec<Option<Revision>>,
    },
    /// In a redline: blocks inserted or deleted whole, paragraph marks included.
    Revised {
        /// Inserted or deleted.
        revision: Revision,
        /// The blocks.
        blocks: Vec<Block>,
    },
}

/// Column alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    /// Left (default).
    Left,
    /// Centred.
    Center,
    /// Right.
    Right,
}

/// Inline content.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Inline {
    /// Plain text.
    Text {
        /// The text, literally.
        text: String,
    },
    /// A value from the deal (a name, a number), printed literally.
    Value {
        /// The text, literally.
        text: String,
        /// The deal field it prints (`sla.uptime_pct`, `params.sla.reporting.report_days`),
        /// where the template names it directly.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        field: Option<String>,
    },
    /// Bold.
    Strong {
        /// Content.
        content: Vec<Inline>,
    },
    /// Italic.
    Emph {
        /// Content.
        content: Vec<Inline>,
    },
    /// A defined term where it is defined: prints as **"Term"**.
    Definition {
        /// The term.
        term: String,
    },
    /// A cross-reference, resolved to its text ("Section 4.6").
    Ref {
        /// Target clause or document id.
        target: String,
        /// Resolved text.
        text: String,
    },
    /// A missing value: prints as `[●]`.
    Blank {
        /// The deal field that would fill it.
        field: String,
    },
    /// A name the reader may type back (a deal id, a field path, a clause id): monospace.
    Code {
        /// The text, literally.
        text: String,
    },
    /// A hard line break.
    Break,
    /// In a redline: text inserted into our draft.
    Ins {
        /// Content.
        content: Vec<Inline>,
    },
    /// In a redline: text of the baseline deleted from it.
    Del {
        /// Content.
        content: Vec<Inline>,
    },
}

impl Inline {
    /// Plain text.
    pub fn text(s: impl Into<String>) -> Inline {
        Inline::Text { text: s.into() }
    }

    /// A value printed literally, tied to no deal field.
    pub fn value(s: impl Into<String>) -> Inline {
        Inline::Value {
            text: s.into(),
            field: None,
        }
    }

    /// Monospace text.
    pub fn code(s: impl Into<String>) -> Inline {
        Inline::Code { text: s.into() }
    }
}

/// Signature blocks, one per party.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signature {
    /// One block per party: role ("Customer") and name.
    pub parties: Vec<(String, Vec<Inline>)>,
    /// In a redline: the signature blocks were inserted or deleted whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<Revision>,
}

/// The text of inlines as a reader sees it (blanks as `[●]`; a redline as our draft).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut s = String::new();
    for i in inlines {
        match i {
            Inline::Text { text } | Inline::Value { text, .. } | Inline::Code { text } => {
                s.push_str(text)
            }
            // A redline reads as our draft: inserted text in, deleted text out (as the
            // Typst style's `plain` does).
            Inline::Strong { content } | Inline::Emph { content } | Inline::Ins { content } => {
                s.push_str(&plain_text(content))
            }
            Inline::Del { .. } => {}
            Inline::Definition { term } => {
                s.push('"');
                s.push_str(term);
                s.push('"');
            }
            Inline::Ref { text, .. } => s.push_str(text),
            Inline::Blank { .. } => s.push_str("[●]"),
            Inline::Break => s.push(' '),
        }
    }
    s
}

impl Document {
    /// Every run of inlines of the document with its owner: the title block, then each
    /// part (see [`Part::for_each_inlines`]).
    pub fn for_each_inlines(&self, f: &mut dyn FnMut(&str, &[Inline])) {
        self.meta.for_each_inlines(&mut |xs| f("title block", xs));
        for part in &self.parts {
            part.for_each_inlines(f);
        }
    }
}

impl Meta {
    /// Every run of inlines of the title block: the subtitle, then each row's value.
    pub fn for_each_inlines(&self, f: &mut dyn FnMut(&[Inline])) {
        f(&self.subtitle);
        for (_, v) in &self.rows {
            f(v);
        }
    }
}

impl Part {
    /// Every run of inlines of the part with its owner: the part's id for its intro and
    /// signature blocks, the clause's id for a clause.
    pub fn for_each_inlines(&self, f: &mut dyn FnMut(&str, &[Inline])) {
        for b in &self.intro {
            b.for_each_inlines(&mut |xs| f(&self.id, xs));
        }
        for c in self.sections.iter().flat_map(|s| &s.clauses) {
            for b in &c.blocks {
                b.for_each_inlines(&mut |xs| f(&c.id, xs));
            }
        }
        for (_, name) in self.signature.iter().flat_map(|s| &s.parties) {
            f(&self.id, name);
        }
    }

    /// [`Part::for_each_inlines`], mutably (signature blocks excluded).
    pub fn for_each_inlines_mut(&mut self, f: &mut dyn FnMut(&str, &mut Vec<Inline>)) {
        let id = &self.id;
        for b in &mut self.intro {
            b.for_each_inlines_mut(&mut |xs| f(id, xs));
        }
        for c in self.sections.iter_mut().flat_map(|s| &mut s.clauses) {
            let cid = &c.id;
            for b in &mut c.blocks {
                b.for_each_inlines_mut(&mut |xs| f(cid, xs));
            }
        }
    }
}

impl Block {
    /// Every run of inlines in the block: paragraphs, list items, table cells.
    pub fn for_each_inlines(&self, f: &mut dyn FnMut(&[Inline])) {
        match self {
            Block::Paragraph { inlines } => f(inlines),
            Block::List { items, .. } => items.iter().flatten().for_each(|b| b.for_each_inlines(f)),
            Block::Table { header, rows, .. } => header
                .iter()
                .chain(rows.iter().flatten())
                .for_each(|c| f(c)),
            Block::Revised { blocks, .. } => blocks.iter().for_each(|b| b.for_each_inlines(f)),
        }
    }

    /// [`Block::for_each_inlines`], mutably.
    pub fn for_each_inlines_mut(&mut self, f: &mut dyn FnMut(&mut Vec<Inline>)) {
        match self {
            Block::Paragraph { inlines } => f(inlines),
            Block::List { items, .. } => items
                .iter_mut()
                .flatten()
                .for_each(|b| b.for_each_inlines_mut(f)),
            Block::Table { header, rows, .. } => header
                .iter_mut()
                .chain(rows.iter_mut().flatten())
                .for_each(f),
            Block::Revised { blocks, .. } => {
                blocks.iter_mut().for_each(|b| b.for_each_inlines_mut(f))
            }
        }
    }
}

/// Every inline, depth first (into bold and italics).
pub fn walk_inlines<'a>(xs: &'a [Inline], f: &mut dyn FnMut(&'a Inline)) {
    for x in xs {
        f(x);
        if let Inline::Strong { content }
        | Inline::Emph { content }
        | Inline::Ins { content }
        | Inline::Del { content } = x
        {
            walk_inlines(content, f);
        }
    }
}

/// [`walk_inlines`], mutably.
pub fn walk_inlines_mut(xs: &mut [Inline], f: &mut dyn FnMut(&mut Inline)) {
    for x in xs {
        f(x);
        if let Inline::Strong { content }
        | Inline::Emph { content }
        | Inline::Ins { content }
        | Inline::Del { content } = x
        {
            walk_inlines_mut(content, f);
        }
    }
}
