//! Changes written into the vendor's own Word file as tracked changes with comments.
//!
//! The file is edited, not rewritten: `word/document.xml` is read into a light tree of
//! byte ranges, each change becomes a few splices of that text (the runs it touches
//! split and wrapped in `w:del`, the new text in `w:ins`, the comment's anchors), and
//! everything between the splices is kept as it was. The comments part, its
//! relationship and content type, and `w:trackRevisions` in the settings are added the
//! same way; every other entry of the package is copied with its compressed bytes.
//!
//! A change is placed by [`Paragraph::sources`]: [`crate::paper`] records, for each
//! stretch of a paragraph's text, the `w:p` it comes from and its bytes in that `w:p`'s
//! raw text (its `w:t` text, tabs and breaks). Here the same raw text is rebuilt from
//! the tree, run by run, so a byte of raw text names its run and the place in the run.

use std::collections::{BTreeSet, HashMap};
use std::io::{Cursor, Write};
use std::ops::Range;

use quick_xml::events::Event;

use crate::diagnostics::Diagnostic;
use crate::paper::{self, Paper, Paragraph, attr};

use super::{Change, Edit, Tracking, check_changes};

const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const REL_COMMENTS: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const REL_SETTINGS: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings";
const CT_COMMENTS: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const CT_SETTINGS: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml";
const REL_COMMENTS_EX: &str =
    "http://schemas.microsoft.com/office/2011/relationships/commentsExtended";
const CT_COMMENTS_EX: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml";
const NS_W15: &str = "http://schemas.microsoft.com/office/word/2012/wordml";
const CT_RELS: &str = "application/vnd.openxmlformats-package.relationships+xml";

/// The elements that record a tracked change: what a file "carries", and what accepting
/// its changes takes out (with the move ranges' markers, which record none of their own).
const TRACKED: [&str; 16] = [
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "rPrChange",
    "pPrChange",
    "sectPrChange",
    "tblPrChange",
    "trPrChange",
    "tcPrChange",
    "tblGridChange",
    "tblPrExChange",
    "numberingChange",
    "cellIns",
    "cellDel",
    "cellMerge",
];

/// The vendor's Word file with `changes` made as tracked changes, each with its comment.
///
/// `paper` is what [`Paper::docx`] reads from `vendor`. Only `word/document.xml`, the
/// comments part and the entries it needs (its relationship, its content type, and
/// `w:trackRevisions` in the settings) change; every other part is copied byte for byte.
/// With `accept_existing`, the vendor's own tracked changes are accepted first (the paper
/// reads them so); without it, a file that has any is refused.
pub fn apply(
    vendor: &[u8],
    paper: &Paper,
    changes: &[Change],
    tracking: &Tracking,
    accept_existing: bool,
) -> Result<Vec<u8>, Diagnostic> {
    let err = |m: String| Diagnostic::error(m).in_file(&paper.name);
    let faults = check_changes(paper, changes);
    if !faults.is_empty() {
        return Err(err(format!(
            "the changes do not fit the paper: {}",
            faults.join("; ")
        )));
    }
    let date = word_date(&tracking.date).ok_or_else(|| {
        err(format!(
            "the date of the changes is {:?}; expected YYYY-MM-DD",
            tracking.date
        ))
    })?;
    let mut zip = zip::ZipArchive::new(Cursor::new(vendor))
        .map_err(|e| err(format!("not a Word (.docx) file: {e}")))?;
    let part = |zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str| {
        paper::read_part(zip, name).map_err(&err)
    };
    let original = part(&mut zip, "word/document.xml")?
        .ok_or_else(|| err("not a Word (.docx) file: it has no word/document.xml".into()))?;
    let tree = Tree::parse(&original).map_err(|m| err(format!("word/document.xml: {m}")))?;
    let existing = tree.tracked();
    let mut max_id = tree.max_id;
    let document = if existing > 0 {
        if !accept_existing {
            return Err(err(format!(
                "the Word file carries {existing} tracked change{}; accept or reject them in Word first, or pass --accept-existing",
                if existing == 1 { "" } else { "s" }
            )));
        }
        tree.accept()
            .map_err(|m| err(format!("word/document.xml: {m}")))?
    } else {
        original.clone()
    };
    drop(tree);
    let styles = part(&mut zip, "word/styles.xml")?;
    let fresh = paper::word_paragraphs(&document, styles.as_deref()).map_err(&err)?;
    if fresh.len() != paper.paragraphs.len()
        || fresh
            .iter()
            .zip(&paper.paragraphs)
            .any(|(a, b)| a.text != b.text || a.cells != b.cells)
    {
        return Err(err(
            "the paper given does not read as this Word file's paragraphs".into(),
        ));
    }
    let style_ids = match &styles {
        Some(s) => style_ids(s).map_err(|m| err(format!("word/styles.xml: {m}")))?,
        None => BTreeSet::new(),
    };

    // The package's parts we may change.
    let types = part(&mut zip, "[Content_Types].xml")?
        .ok_or_else(|| err("not a Word (.docx) file: it has no [Content_Types].xml".into()))?;
    let rels_name = "word/_rels/document.xml.rels";
    let rels = part(&mut zip, rels_name)?;
    let rel_list = match &rels {
        Some(r) => relationships(r).map_err(|m| err(format!("{rels_name}: {m}")))?,
        None => Vec::new(),
    };
    let target_of = |ty: &str| {
        rel_list
            .iter()
            .find(|r| r.ty == ty)
            .map(|r| part_name(&r.target))
    };
    let comments_rel = target_of(REL_COMMENTS);
    let comments_name = comments_rel
        .clone()
        .unwrap_or_else(|| "word/comments.xml".into());
    let comments = part(&mut zip, &comments_name)?;
    let comments_tree = match &comments {
        Some(c) => Some(Tree::parse(c).map_err(|m| err(format!("{comments_name}: {m}")))?),
        None => None,
    };
    if let Some(t) = &comments_tree {
        max_id = max_id.max(t.max_id);
    }
    let settings_rel = target_of(REL_SETTINGS);
    let settings_name = settings_rel
        .clone()
        .unwrap_or_else(|| "word/settings.xml".into());
    let settings = part(&mut zip, &settings_name)?;

    // The changes, into document.xml.
    let tree = Tree::parse(&document).map_err(|m| err(format!("word/document.xml: {m}")))?;
    max_id = max_id.max(tree.max_id);
    // Word reads a w:id as a 32-bit number.
    if max_id >= i32::MAX as u64 / 2 {
        return Err(err(format!(
            "the Word file's ids run up to {max_id}; too high to number our changes above them"
        )));
    }
    let mut writer = Writer {
        tree: &tree,
        model: Model::build(&tree),
        paragraphs: &fresh,
        styles: &style_ids,
        author: escape(&tracking.author),
        date,
        next_id: max_id + 1,
        splices: Vec::new(),
    };
    let comment_ids = writer
        .write(changes)
        .map_err(|m| err(format!("word/document.xml: {m}")))?;
    let document =
        splice(&document, writer.splices).map_err(|m| err(format!("word/document.xml: {m}")))?;

    // Our answers to their comments, in their threads: each answer's last paragraph gets a
    // `w14:paraId` (where their comments part declares that namespace and their comment
    // has one) and `commentsExtended` names their comment as its parent.
    let w14 = comments_tree
        .as_ref()
        .and_then(|t| t.root("comments").map(|r| (t, r)))
        .is_some_and(|(t, r)| t.xml[t.nodes[r].start..t.nodes[r].open_end].contains("xmlns:w14="));
    let mut taken: BTreeSet<String> = para_ids(&original);
    if let Some(c) = &comments {
        taken.extend(para_ids(c));
    }
    let mut threads: Vec<Option<(String, String)>> = Vec::new();
    for (c, id) in changes.iter().zip(&comment_ids) {
        threads.push(match &c.edit {
            Edit::Answer {
                parent: Some(parent),
                ..
            } if w14 => {
                // A paraId is 8 hex digits below 0x80000000; ours counts down from the top.
                let mut n = 0x7FFF_FFFFu64.saturating_sub(*id);
                let ours = loop {
                    let x = format!("{n:08X}");
                    if taken.insert(x.clone()) {
                        break x;
                    }
                    n = n.saturating_sub(0x1_0000).max(1);
                };
                Some((ours, parent.clone()))
            }
            _ => None,
        });
    }
    let comments_ex_rel = target_of(REL_COMMENTS_EX);
    let comments_ex_name = comments_ex_rel
        .clone()
        .unwrap_or_else(|| "word/commentsExtended.xml".into());
    let comments_ex_out = if threads.iter().all(Option::is_none) {
        None
    } else {
        let entries: String = threads
            .iter()
            .flatten()
            .map(|(ours, parent)| {
                format!(
                    "<w15:commentEx w15:paraId=\"{ours}\" w15:paraIdParent=\"{}\" w15:done=\"0\"/>",
                    escape(parent)
                )
            })
            .collect();
        Some(match part(&mut zip, &comments_ex_name)? {
            Some(text) => {
                let t = Tree::parse(&text).map_err(|m| err(format!("{comments_ex_name}: {m}")))?;
                let root = t
                    .root("commentsEx")
                    .ok_or_else(|| err(format!("{comments_ex_name}: no w15:commentsEx element")))?;
                let name = t.nodes[root].name.clone();
                // Their prefix for the namespace, where it is not ours.
                let entries = match name.split_once(':') {
                    Some((prefix, _)) if prefix != "w15" => {
                        entries.replace("w15:", &format!("{prefix}:"))
                    }
                    _ => entries,
                };
                append_children(&text, root, &entries, &name)
            }
            None => format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w15:commentsEx xmlns:w15=\"{NS_W15}\">{entries}</w15:commentsEx>"
            ),
        })
    };

    // The comments.
    let comment_xml = comment_elements(
        changes,
        &comment_ids,
        &threads,
        tracking,
        &writer.date,
        &style_ids,
    );
    let comments_out = match (&comments, &comments_tree) {
        (Some(text), Some(t)) => {
            let root = t
                .root("comments")
                .ok_or_else(|| err(format!("{comments_name}: no w:comments element")))?;
            Some(append_children(text, root, &comment_xml, "w:comments"))
        }
        _ => Some(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:comments xmlns:w=\"{NS_W}\">{comment_xml}</w:comments>"
        )),
    };

    // Relationships: the comments part's and the settings part's.
    let mut new_rels = Vec::new();
    if comments_rel.is_none() {
        new_rels.push((REL_COMMENTS, "comments.xml"));
    }
    if comments_ex_out.is_some() && comments_ex_rel.is_none() {
        new_rels.push((REL_COMMENTS_EX, "commentsExtended.xml"));
    }
    let settings_out = match &settings {
        Some(s) => {
            let t = Tree::parse(s).map_err(|m| err(format!("{settings_name}: {m}")))?;
            track_revisions(s, &t).map_err(|m| err(format!("{settings_name}: {m}")))?
        }
        None => Some(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:settings xmlns:w=\"{NS_W}\"><w:trackRevisions/></w:settings>"
        )),
    };
    if settings.is_none() && settings_rel.is_none() {
        new_rels.push((REL_SETTINGS, "settings.xml"));
    }
    let rels_out = if new_rels.is_empty() {
        None
    } else {
        let mut taken: BTreeSet<String> = rel_list.iter().map(|r| r.id.clone()).collect();
        let mut n = rel_list
            .iter()
            .filter_map(|r| r.id.strip_prefix("rId")?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        let mut add = String::new();
        for (ty, target) in new_rels {
            let id = loop {
                n += 1;
                let id = format!("rId{n}");
                if taken.insert(id.clone()) {
                    break id;
                }
            };
            add.push_str(&format!(
                "<Relationship Id=\"{id}\" Type=\"{ty}\" Target=\"{target}\"/>"
            ));
        }
        Some(match &rels {
            Some(r) => {
                let t = Tree::parse(r).map_err(|m| err(format!("{rels_name}: {m}")))?;
                let root = t
                    .root("Relationships")
                    .ok_or_else(|| err(format!("{rels_name}: no Relationships element")))?;
                append_children(r, root, &add, "Relationships")
            }
            None => format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{add}</Relationships>"
            ),
        })
    };

    // Content types.
    let types_tree = Tree::parse(&types).map_err(|m| err(format!("[Content_Types].xml: {m}")))?;
    let overrides = types_tree.overrides();
    let mut add = String::new();
    let mut want = vec![(format!("/{comments_name}"), CT_COMMENTS)];
    if comments_ex_out.is_some() {
        want.push((format!("/{comments_ex_name}"), CT_COMMENTS_EX));
    }
    if settings.is_none() {
        want.push((format!("/{settings_name}"), CT_SETTINGS));
    }
    if rels.is_none() && !types_tree.has_default("rels") {
        want.push((format!("/{rels_name}"), CT_RELS));
    }
    for (name, ct) in want {
        if !overrides.iter().any(|o| o.eq_ignore_ascii_case(&name)) {
            add.push_str(&format!(
                "<Override PartName=\"{}\" ContentType=\"{ct}\"/>",
                escape(&name)
            ));
        }
    }
    let types_out = if add.is_empty() {
        None
    } else {
        let root = types_tree
            .root("Types")
            .ok_or_else(|| err("[Content_Types].xml: no Types element".into()))?;
        Some(append_children(&types, root, &add, "Types"))
    };

    // The package: every entry in its order, those we change rewritten, the rest copied
    // raw; new parts at the end.
    let mut changed: Vec<(String, String)> = vec![("word/document.xml".into(), document)];
    if let Some(c) = comments_out {
        changed.push((comments_name.clone(), c));
    }
    if let Some(c) = comments_ex_out {
        changed.push((comments_ex_name.clone(), c));
    }
    if let Some(s) = settings_out {
        changed.push((settings_name.clone(), s));
    }
    if let Some(r) = rels_out {
        changed.push((rels_name.into(), r));
    }
    if let Some(t) = types_out {
        changed.push(("[Content_Types].xml".into(), t));
    }
    write_package(&mut zip, changed).map_err(|m| err(format!("cannot write the Word file: {m}")))
}

/// How many tracked changes (insertions, deletions, moves, formatting changes) the
/// vendor's Word file already holds.
pub fn tracked_changes(vendor: &[u8]) -> Result<usize, Diagnostic> {
    let mut zip = zip::ZipArchive::new(Cursor::new(vendor))
        .map_err(|e| Diagnostic::error(format!("not a Word (.docx) file: {e}")))?;
    let document = paper::read_part(&mut zip, "word/document.xml")
        .map_err(Diagnostic::error)?
        .ok_or_else(|| Diagnostic::error("not a Word (.docx) file: it has no word/document.xml"))?;
    let tree =
        Tree::parse(&document).map_err(|m| Diagnostic::error(format!("word/document.xml: {m}")))?;
    Ok(tree.tracked())
}

/// `YYYY-MM-DD` (a real date) → Word's `YYYY-MM-DDT00:00:00Z`.
fn word_date(date: &str) -> Option<String> {
    crate::dates::parse_date(date).map(|d| format!("{d}T00:00:00Z"))
}

/// Text as XML character data or an attribute value: escaped, and the characters XML
/// cannot hold left out.
fn escape(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect();
    quick_xml::escape::escape(kept.as_str()).into_owned()
}

/// A part name in the package for a relationship target of `word/document.xml`.
fn part_name(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("word/{}", target.trim_start_matches("./")),
    }
}

// ------------------------------------------------------------------------------------
// The XML, as a tree of byte ranges.

/// An element of an XML part: its name and where it is.
#[derive(Debug)]
struct Node {
    /// Its qualified name (`w:r`).
    name: String,
    /// `<` of the start tag.
    start: usize,
    /// After the start tag's `>`.
    open_end: usize,
    /// `<` of the end tag (`end` for an empty element).
    close_start: usize,
    /// After the end tag.
    end: usize,
    empty: bool,
    parent: Option<usize>,
    children: Vec<usize>,
    /// The decoded text of a `t`, `instrText`, `delText` or `delInstrText`.
    text: String,
}

impl Node {
    fn local(&self) -> &str {
        match self.name.rfind(':') {
            Some(i) => &self.name[i + 1..],
            None => &self.name,
        }
    }
}

struct Tree<'a> {
    xml: &'a str,
    /// In document order (of start tags).
    nodes: Vec<Node>,
    /// The highest `w:id` of any element.
    max_id: u64,
}

impl<'a> Tree<'a> {
    fn parse(xml: &'a str) -> Result<Tree<'a>, String> {
        let mut r = quick_xml::Reader::from_str(xml);
        r.config_mut().trim_text(false);
        let mut nodes: Vec<Node> = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        let mut max_id = 0u64;
        let texty = |n: &Node| matches!(n.local(), "t" | "instrText" | "delText" | "delInstrText");
        loop {
            let before = r.buffer_position() as usize;
            let ev = r
                .read_event()
                .map_err(|e| format!("{e} (at byte {})", r.error_position()))?;
            let after = r.buffer_position() as usize;
            match ev {
                Event::DocType(_) => return Err("a DOCTYPE is not allowed in a Word part".into()),
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    if let Some(id) = attr(e, b"w:id").and_then(|v| v.trim().parse::<u64>().ok()) {
                        max_id = max_id.max(id);
                    }
                    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    let parent = stack.last().copied();
                    let i = nodes.len();
                    nodes.push(Node {
                        name,
                        start: before,
                        open_end: after,
                        close_start: after,
                        end: after,
                        empty,
                        parent,
                        children: Vec::new(),
                        text: String::new(),
                    });
                    if let Some(p) = parent.and_then(|p| nodes.get_mut(p)) {
                        p.children.push(i);
                    }
                    if !empty {
                        stack.push(i);
                    }
                }
                Event::End(_) => {
                    let Some(i) = stack.pop() else {
                        return Err("an end tag without its start".into());
                    };
                    if let Some(n) = nodes.get_mut(i) {
                        n.close_start = before;
                        n.end = after;
                    }
                }
                Event::Text(t) => {
                    if let Some(n) = stack.last().and_then(|&i| nodes.get_mut(i))
                        && texty(n)
                    {
                        n.text
                            .push_str(&t.xml_content().map_err(|e| e.to_string())?);
                    }
                }
                Event::GeneralRef(g) => {
                    let s = match g.resolve_char_ref().map_err(|e| e.to_string())? {
                        Some(c) => c.to_string(),
                        None => {
                            let name = g.decode().map_err(|e| e.to_string())?;
                            quick_xml::escape::resolve_predefined_entity(&name)
                                .ok_or_else(|| format!("unknown entity &{name};"))?
                                .to_string()
                        }
                    };
                    if let Some(n) = stack.last().and_then(|&i| nodes.get_mut(i))
                        && texty(n)
                    {
                        n.text.push_str(&s);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if !stack.is_empty() {
            return Err("the XML ends inside an element".into());
        }
        Ok(Tree { xml, nodes, max_id })
    }

    fn node(&self, i: usize) -> Option<&Node> {
        self.nodes.get(i)
    }

    /// The document element, if its local name is `local`.
    fn root(&self, local: &str) -> Option<usize> {
        self.nodes
            .iter()
            .position(|n| n.parent.is_none())
            .filter(|&i| self.nodes[i].local() == local)
    }

    /// The value of an attribute of element `i`.
    fn attr(&self, i: usize, name: &str) -> Option<String> {
        let n = self.node(i)?;
        let tag = self.xml.get(n.start..n.open_end)?;
        let mut r = quick_xml::Reader::from_str(tag);
        match r.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) => attr(&e, name.as_bytes()),
            _ => None,
        }
    }

    /// The first child of `i` with local name `local`.
    fn child(&self, i: usize, local: &str) -> Option<usize> {
        self.node(i)?
            .children
            .iter()
            .copied()
            .find(|&c| self.nodes[c].local() == local)
    }

    fn text_of(&self, i: usize) -> &'a str {
        self.node(i)
            .and_then(|n| self.xml.get(n.start..n.end))
            .unwrap_or_default()
    }

    /// How many tracked changes the part holds.
    fn tracked(&self) -> usize {
        self.nodes
            .iter()
            .filter(|n| TRACKED.contains(&n.local()))
            .count()
    }

    /// The part with its tracked changes accepted: deleted and moved-away content gone,
    /// inserted and moved-in content kept (its wrapper gone), the records of formatting
    /// changes dropped. A paragraph whose mark was deleted or inserted stays a paragraph
    /// of its own, as [`Paper::docx`] reads it.
    fn accept(&self) -> Result<String, String> {
        let mut splices: Vec<(Range<usize>, String)> = Vec::new();
        let mut gone = 0usize;
        for n in &self.nodes {
            if n.start < gone {
                continue;
            }
            let marker = n.empty
                || n.parent.and_then(|p| self.node(p)).is_some_and(|p| {
                    matches!(p.local(), "rPr" | "trPr" | "tcPr" | "pPr" | "tblPrEx")
                });
            match n.local() {
                "ins" | "moveTo" if !marker => {
                    splices.push((n.start..n.open_end, String::new()));
                    splices.push((n.close_start..n.end, String::new()));
                }
                local
                    if TRACKED.contains(&local)
                        || matches!(
                            local,
                            "moveFromRangeStart"
                                | "moveFromRangeEnd"
                                | "moveToRangeStart"
                                | "moveToRangeEnd"
                        ) =>
                {
                    splices.push((n.start..n.end, String::new()));
                    gone = n.end;
                }
                _ => {}
            }
        }
        splice(
            self.xml,
            splices
                .into_iter()
                .enumerate()
                .map(|(i, (r, s))| Splice {
                    at: r,
                    seq: i,
                    text: s,
                })
                .collect(),
        )
    }

    /// The `PartName`s of `[Content_Types].xml`'s overrides.
    fn overrides(&self) -> Vec<String> {
        (0..self.nodes.len())
            .filter(|&i| self.nodes[i].local() == "Override")
            .filter_map(|i| self.attr(i, "PartName"))
            .collect()
    }

    fn has_default(&self, ext: &str) -> bool {
        (0..self.nodes.len())
            .filter(|&i| self.nodes[i].local() == "Default")
            .any(|i| {
                self.attr(i, "Extension")
                    .is_some_and(|e| e.eq_ignore_ascii_case(ext))
            })
    }
}

/// One replacement of a stretch of a part's text.
struct Splice {
    at: Range<usize>,
    /// Order among splices at one place.
    seq: usize,
    text: String,
}

/// `xml` with the splices made; splices must not overlap.
fn splice(xml: &str, mut splices: Vec<Splice>) -> Result<String, String> {
    splices.sort_by_key(|s| (s.at.start, s.at.end, s.seq));
    let mut out =
        String::with_capacity(xml.len() + splices.iter().map(|s| s.text.len()).sum::<usize>());
    let mut at = 0;
    for s in splices {
        if s.at.start < at {
            return Err("two changes fall on the same element".into());
        }
        out.push_str(
            xml.get(at..s.at.start)
                .ok_or("a change falls inside a character")?,
        );
        out.push_str(&s.text);
        at = s.at.end;
    }
    out.push_str(xml.get(at..).ok_or("a change falls inside a character")?);
    Ok(out)
}

/// `children` added as the last children of element `root` of `xml` (an empty element
/// opened up, its end tag `name`).
fn append_children(xml: &str, root: usize, children: &str, name: &str) -> String {
    let Ok(t) = Tree::parse(xml) else {
        return xml.to_string();
    };
    let Some(n) = t.node(root) else {
        return xml.to_string();
    };
    if n.empty {
        let tag = &xml[n.start..n.end];
        let open = tag.trim_end_matches('>').trim_end_matches('/').trim_end();
        format!(
            "{}{open}>{children}</{name}>{}",
            &xml[..n.start],
            &xml[n.end..]
        )
    } else {
        format!(
            "{}{children}{}",
            &xml[..n.close_start],
            &xml[n.close_start..]
        )
    }
}

/// The `w14:paraId` values a part uses.
fn para_ids(xml: &str) -> BTreeSet<String> {
    xml.match_indices("w14:paraId=\"")
        .filter_map(|(i, m)| {
            let rest = &xml[i + m.len()..];
            rest.find('"').map(|e| rest[..e].to_ascii_uppercase())
        })
        .collect()
}

/// The style ids `styles.xml` defines.
fn style_ids(xml: &str) -> Result<BTreeSet<String>, String> {
    let t = Tree::parse(xml)?;
    Ok((0..t.nodes.len())
        .filter(|&i| t.nodes[i].local() == "style")
        .filter_map(|i| t.attr(i, "w:styleId"))
        .collect())
}

struct Relationship {
    id: String,
    ty: String,
    target: String,
}

fn relationships(xml: &str) -> Result<Vec<Relationship>, String> {
    let t = Tree::parse(xml)?;
    Ok((0..t.nodes.len())
        .filter(|&i| t.nodes[i].local() == "Relationship")
        .map(|i| Relationship {
            id: t.attr(i, "Id").unwrap_or_default(),
            ty: t.attr(i, "Type").unwrap_or_default(),
            target: t.attr(i, "Target").unwrap_or_default(),
        })
        .collect())
}

/// The settings with `w:trackRevisions` on, or `None` when it already is.
fn track_revisions(xml: &str, t: &Tree) -> Result<Option<String>, String> {
    // Children of w:settings that come before w:trackRevisions, in the schema's order.
    const BEFORE: [&str; 31] = [
        "writeProtection",
        "view",
        "zoom",
        "removePersonalInformation",
        "removeDateAndTime",
        "doNotDisplayPageBoundaries",
        "displayBackgroundShape",
        "printPostScriptOverText",
        "printFractionalCharacterWidth",
        "printFormsData",
        "embedTrueTypeFonts",
        "embedSystemFonts",
        "saveSubsetFonts",
        "saveFormsData",
        "mirrorMargins",
        "alignBordersAndEdges",
        "bordersDoNotSurroundHeader",
        "bordersDoNotSurroundFooter",
        "gutterAtTop",
        "hideSpellingErrors",
        "hideGrammaticalErrors",
        "activeWritingStyle",
        "proofState",
        "formsDesign",
        "attachedTemplate",
        "linkStyles",
        "stylePaneFormatFilter",
        "stylePaneSortMethod",
        "documentType",
        "mailMerge",
        "revisionView",
    ];
    let root = t.root("settings").ok_or("no w:settings element")?;
    let n = &t.nodes[root];
    if let Some(c) = t.child(root, "trackRevisions") {
        let off = t
            .attr(c, "w:val")
            .is_some_and(|v| matches!(v.as_str(), "0" | "false" | "off"));
        if !off {
            return Ok(None);
        }
        let c = &t.nodes[c];
        return Ok(Some(format!(
            "{}<w:trackRevisions/>{}",
            &xml[..c.start],
            &xml[c.end..]
        )));
    }
    if n.empty {
        return Ok(Some(append_children(
            xml,
            root,
            "<w:trackRevisions/>",
            &n.name,
        )));
    }
    let at = n
        .children
        .iter()
        .filter(|&&c| BEFORE.contains(&t.nodes[c].local()))
        .map(|&c| t.nodes[c].end)
        .max()
        .unwrap_or(n.open_end);
    Ok(Some(format!(
        "{}<w:trackRevisions/>{}",
        &xml[..at],
        &xml[at..]
    )))
}

/// The package with the `changed` parts (name, new text) written in place of theirs, or
/// added at the end when new; every other entry copied raw.
fn write_package(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    mut changed: Vec<(String, String)>,
) -> Result<Vec<u8>, String> {
    use zip::write::SimpleFileOptions;
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let file = zip.by_index_raw(i).map_err(|e| e.to_string())?;
        let name = file.name().map_err(|e| e.to_string())?.into_owned();
        if let Some(k) = changed.iter().position(|(n, _)| *n == name) {
            let time = file.last_modified().unwrap_or_default();
            drop(file);
            let (name, text) = changed.remove(k);
            out.start_file(name, options.last_modified_time(time))
                .map_err(|e| e.to_string())?;
            out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
        } else {
            out.raw_copy_file(file).map_err(|e| e.to_string())?;
        }
    }
    for (name, text) in changed {
        out.start_file(name, options).map_err(|e| e.to_string())?;
        out.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    }
    Ok(out.finish().map_err(|e| e.to_string())?.into_inner())
}

// ------------------------------------------------------------------------------------
// The paragraphs of document.xml, run by run.

/// What a piece of a paragraph is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AtomKind {
    /// A `w:r`.
    Run,
    /// A `w:fldSimple`, a unit.
    Simple,
    /// Text outside any `w:r` (a tab stop of the paragraph's properties, math, drawing
    /// text): never edited.
    Foreign,
}

#[derive(Debug)]
struct Atom {
    node: usize,
    kind: AtomKind,
    /// Its bytes of the paragraph's raw text.
    raw: Range<usize>,
    /// A run's children other than its `w:rPr`, each with its bytes of raw text.
    items: Vec<(usize, Range<usize>)>,
    /// The field it belongs to (index into [`Para::units`]).
    unit: Option<usize>,
}

#[derive(Debug, Default)]
struct Para {
    node: usize,
    raw: String,
    atoms: Vec<Atom>,
    /// Fields, each struck whole: the atoms it spans and its raw text.
    units: Vec<(Range<usize>, Range<usize>)>,
}

struct Model {
    /// The paragraphs (every element named `p` that is not empty), by ordinal - 1 (their
    /// order of end tags, as [`Paper::docx`] counts).
    paras: Vec<Para>,
}

impl Model {
    fn build(t: &Tree) -> Model {
        let n = t.nodes.len();
        let mut paras: Vec<Para> = Vec::new();
        let mut para_of: Vec<Option<usize>> = vec![None; n];
        let mut atom_of: Vec<Option<usize>> = vec![None; n];
        let mut item_of: Vec<Option<usize>> = vec![None; n];
        for i in 0..n {
            let node = &t.nodes[i];
            let parent = node.parent;
            let local = node.local();
            if local == "p" && !node.empty {
                para_of[i] = Some(paras.len());
                paras.push(Para {
                    node: i,
                    ..Para::default()
                });
                continue;
            }
            let Some(k) = parent.and_then(|p| para_of[p]) else {
                continue;
            };
            para_of[i] = Some(k);
            let para = &mut paras[k];
            let at = para.raw.len();
            match parent.and_then(|p| atom_of[p]) {
                Some(a) => {
                    atom_of[i] = Some(a);
                    let atom = &mut para.atoms[a];
                    if atom.kind == AtomKind::Run && parent == Some(atom.node) {
                        if local != "rPr" {
                            item_of[i] = Some(atom.items.len());
                            atom.items.push((i, at..at));
                        }
                    } else {
                        item_of[i] = parent.and_then(|p| item_of[p]);
                    }
                }
                None => {
                    let kind = match node.name.as_str() {
                        "w:r" => Some(AtomKind::Run),
                        "w:fldSimple" => Some(AtomKind::Simple),
                        _ => None,
                    };
                    if let Some(kind) = kind {
                        atom_of[i] = Some(para.atoms.len());
                        para.atoms.push(Atom {
                            node: i,
                            kind,
                            raw: at..at,
                            items: Vec::new(),
                            unit: None,
                        });
                    }
                }
            }
            // The raw text, as `Paper::docx` reads it.
            let text: &str = match local {
                "t" if !node.empty => &node.text,
                "tab" if node.empty => "\t",
                "br" | "cr" if node.empty => " ",
                _ => continue,
            };
            para.raw.push_str(text);
            let end = para.raw.len();
            match atom_of[i] {
                Some(a) => {
                    let atom = &mut para.atoms[a];
                    atom.raw.end = end;
                    if let Some(it) = item_of[i]
                        && let Some(item) = atom.items.get_mut(it)
                    {
                        item.1.end = end;
                    }
                }
                None => para.atoms.push(Atom {
                    node: i,
                    kind: AtomKind::Foreign,
                    raw: at..end,
                    items: Vec::new(),
                    unit: None,
                }),
            }
        }
        // Ordinals: by end tag.
        paras.sort_by_key(|p| t.nodes[p.node].end);
        for p in &mut paras {
            p.find_units(t);
        }
        Model { paras }
    }
}

impl Para {
    /// Fields: each `w:fldSimple`, and each complex field (`w:fldChar` begin … end)
    /// that begins and ends in this paragraph (the outermost of nested ones).
    fn find_units(&mut self, t: &Tree) {
        let mut depth = 0usize;
        let mut begin: Option<usize> = None;
        for a in 0..self.atoms.len() {
            let atom = &self.atoms[a];
            if atom.kind == AtomKind::Simple {
                if depth == 0 {
                    let u = self.units.len();
                    self.units.push((a..a + 1, atom.raw.clone()));
                    self.atoms[a].unit = Some(u);
                }
                continue;
            }
            if atom.kind != AtomKind::Run {
                continue;
            }
            for &(item, _) in &atom.items {
                if t.nodes[item].local() != "fldChar" {
                    continue;
                }
                match t.attr(item, "w:fldCharType").as_deref() {
                    Some("begin") => {
                        if depth == 0 {
                            begin = Some(a);
                        }
                        depth += 1;
                    }
                    Some("end") => {
                        depth = depth.saturating_sub(1);
                        if depth == 0
                            && let Some(b) = begin.take()
                        {
                            let raw = self.atoms[b].raw.start..self.atoms[a].raw.end;
                            self.units.push((b..a + 1, raw));
                        }
                    }
                    _ => {}
                }
            }
        }
        for (u, (atoms, _)) in self.units.iter().enumerate() {
            for a in atoms.clone() {
                if let Some(atom) = self.atoms.get_mut(a) {
                    atom.unit = Some(u);
                }
            }
        }
    }
}

// ------------------------------------------------------------------------------------
// Writing the changes.

/// One change's share of one `w:p`: its raw text struck (or, empty, a place), and the
/// text put in.
#[derive(Debug, Clone)]
struct Op {
    change: usize,
    raw: Range<usize>,
    with: String,
    /// The comment starts here (the change's first `w:p`).
    first: bool,
    /// The comment ends here.
    last: bool,
    comment: u64,
}

#[derive(Debug, Clone, Copy)]
enum Mark {
    CommentStart(usize),
    Ins(usize),
    CommentEnd(usize),
}

/// What happens to one atom.
#[derive(Debug, Default)]
struct Plan {
    /// Struck whole by this op.
    whole: Option<usize>,
    /// Stretches struck, by op.
    dels: Vec<(Range<usize>, usize)>,
    before: Vec<Mark>,
    after: Vec<Mark>,
    inside: Vec<(usize, Mark)>,
}

impl Plan {
    fn touched(&self) -> bool {
        self.whole.is_some()
            || !self.dels.is_empty()
            || !self.before.is_empty()
            || !self.after.is_empty()
            || !self.inside.is_empty()
    }
}

struct Writer<'a, 't> {
    tree: &'a Tree<'t>,
    model: Model,
    paragraphs: &'a [Paragraph],
    styles: &'a BTreeSet<String>,
    author: String,
    date: String,
    next_id: u64,
    splices: Vec<Splice>,
}

impl Writer<'_, '_> {
    fn id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    fn xml(&self, r: Range<usize>) -> &str {
        self.tree.xml.get(r).unwrap_or_default()
    }

    fn push(&mut self, at: Range<usize>, text: String) {
        let seq = self.splices.len();
        self.splices.push(Splice { at, seq, text });
    }

    fn para(&self, ordinal: usize) -> Result<&Para, String> {
        ordinal
            .checked_sub(1)
            .and_then(|i| self.model.paras.get(i))
            .ok_or_else(|| format!("no paragraph {ordinal}"))
    }

    /// Writes every change; the comment id of each.
    fn write(&mut self, changes: &[Change]) -> Result<Vec<u64>, String> {
        let comments: Vec<u64> = changes.iter().map(|_| self.id()).collect();
        // Each stretch of text a change names is where the paper says it is.
        let paragraphs = self.paragraphs;
        for c in changes {
            let Some(par) = paragraphs.get(c.para) else {
                continue;
            };
            for s in &par.sources {
                let raw = self.para(s.p)?.raw.get(s.raw.clone());
                let text = par.text.get(s.text.clone());
                let fits = match (raw, text) {
                    (Some(r), Some(t)) if s.linear() => r
                        .chars()
                        .zip(t.chars())
                        .all(|(a, b)| a == b || (a.is_whitespace() && b == ' ')),
                    (Some(r), Some(" ")) => r.chars().all(char::is_whitespace),
                    _ => false,
                };
                if !fits {
                    return Err(format!(
                        "paragraph {} of the paper is not where it reads in the file",
                        c.para
                    ));
                }
            }
        }
        let mut ops: HashMap<usize, Vec<Op>> = HashMap::new();
        for (ci, c) in changes.iter().enumerate() {
            let par = self
                .paragraphs
                .get(c.para)
                .ok_or_else(|| format!("change {ci}: no paragraph {}", c.para))?;
            match &c.edit {
                Edit::Replace { range, with } => {
                    let pieces = place(par, range)
                        .ok_or_else(|| format!("change {ci}: its text has no place in the file"))?;
                    let n = pieces.len();
                    for (k, (p, raw)) in pieces.into_iter().enumerate() {
                        ops.entry(p).or_default().push(Op {
                            change: ci,
                            raw,
                            with: if k == 0 { with.clone() } else { String::new() },
                            first: k == 0,
                            last: k + 1 == n,
                            comment: comments[ci],
                        });
                    }
                }
                Edit::Insert { .. } | Edit::Answer { .. } => {}
            }
        }
        let mut ordinals: Vec<usize> = ops.keys().copied().collect();
        ordinals.sort_unstable();
        for p in ordinals {
            let list = ops.remove(&p).unwrap_or_default();
            self.write_para(p, list)?;
        }
        for (ci, c) in changes.iter().enumerate() {
            if let Edit::Insert {
                heading,
                paragraphs,
            } = &c.edit
            {
                self.write_insert(ci, c.para, heading.as_ref(), paragraphs, comments[ci])?;
            }
        }
        for (ci, c) in changes.iter().enumerate() {
            if let Edit::Answer { to, .. } = &c.edit {
                self.write_answer(ci, c.para, to, comments[ci])?;
            }
        }
        Ok(comments)
    }

    /// The anchor of our answer to their comment `to`: inside theirs (our range start
    /// after theirs, our range end and reference after their reference). Where their
    /// anchor is gone (it was in text of theirs struck and now accepted), at the start of
    /// the paper paragraph `para`.
    fn write_answer(&mut self, ci: usize, para: usize, to: &str, id: u64) -> Result<(), String> {
        let t = self.tree;
        let find = |local: &str| {
            (0..t.nodes.len())
                .find(|&i| t.nodes[i].local() == local && t.attr(i, "w:id").as_deref() == Some(to))
        };
        let reference_run = find("commentReference")
            .and_then(|r| t.nodes[r].parent)
            .filter(|&r| t.nodes[r].local() == "r");
        match (find("commentRangeStart"), find("commentRangeEnd")) {
            (Some(s), Some(e)) => {
                let at = t.nodes[s].end;
                self.push(at..at, format!("<w:commentRangeStart w:id=\"{id}\"/>"));
                let after = reference_run
                    .filter(|&r| {
                        t.nodes[r].parent == t.nodes[e].parent && t.nodes[r].start >= t.nodes[e].end
                    })
                    .map_or(t.nodes[e].end, |r| t.nodes[r].end);
                let end = self.comment_end(id);
                self.push(after..after, end);
            }
            _ => {
                let at = match reference_run {
                    Some(r) => t.nodes[r].end,
                    None => {
                        let par = self
                            .paragraphs
                            .get(para)
                            .ok_or_else(|| format!("change {ci}: no paragraph {para}"))?;
                        let p = self.para(par.line)?.node;
                        match t.child(p, "pPr") {
                            Some(ppr) => t.nodes[ppr].end,
                            None => t.nodes[p].open_end,
                        }
                    }
                };
                let mark = format!(
                    "<w:commentRangeStart w:id=\"{id}\"/>{}",
                    self.comment_end(id)
                );
                self.push(at..at, mark);
            }
        }
        Ok(())
    }

    fn write_para(&mut self, ordinal: usize, mut ops: Vec<Op>) -> Result<(), String> {
        let para = self.para(ordinal)?;
        // A field touched is struck whole, its new text with the rest put in beside it.
        for op in &mut ops {
            loop {
                let hit = para.units.iter().find(|(_, u)| {
                    let (s, e) = (op.raw.start, op.raw.end);
                    let grows = u.start < s || u.end > e;
                    grows
                        && if s == e {
                            u.start < s && s < u.end
                        } else {
                            u.start < e && s < u.end
                        }
                });
                let Some((_, u)) = hit else { break };
                let (s, e) = (u.start.min(op.raw.start), u.end.max(op.raw.end));
                let head = para.raw.get(s..op.raw.start).unwrap_or_default();
                let tail = para.raw.get(op.raw.end..e).unwrap_or_default();
                op.with = format!("{head}{}{tail}", op.with);
                op.raw = s..e;
            }
        }
        ops.sort_by_key(|o| (o.raw.start, o.raw.end, o.change));
        for w in ops.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if b.raw.start < a.raw.end {
                return Err(format!(
                    "changes {} and {} fall on the same text (a field is changed whole)",
                    a.change, b.change
                ));
            }
        }
        let mut plans: Vec<Plan> = (0..para.atoms.len()).map(|_| Plan::default()).collect();
        for (k, op) in ops.iter().enumerate() {
            let (s, e) = (op.raw.start, op.raw.end);
            if s == e {
                let (a, slot) = insertion_point(para, s).ok_or_else(|| {
                    format!("change {}: no run to put its text beside", op.change)
                })?;
                let marks = [Mark::CommentStart(k), Mark::Ins(k), Mark::CommentEnd(k)];
                let plan = &mut plans[a];
                match slot {
                    Slot::Before => plan.before.extend(marks),
                    Slot::After => plan.after.extend(marks),
                    Slot::Inside(x) => plan.inside.extend(marks.map(|m| (x, m))),
                }
                continue;
            }
            let swallowed: Vec<usize> = para
                .units
                .iter()
                .enumerate()
                .filter(|(_, (_, u))| {
                    s <= u.start && u.end <= e && (u.start < u.end || (s < u.start && u.end < e))
                })
                .map(|(i, _)| i)
                .collect();
            // (atom, stretch struck; None = whole)
            let mut hit: Vec<(usize, Option<Range<usize>>)> = Vec::new();
            for (a, atom) in para.atoms.iter().enumerate() {
                let r = &atom.raw;
                let whole = atom.unit.is_some_and(|u| swallowed.contains(&u))
                    || (r.start == r.end && s < r.start && r.start < e)
                    || (r.start < r.end && s <= r.start && r.end <= e);
                let part = r.start < e && s < r.end;
                if atom.kind == AtomKind::Foreign {
                    if part {
                        return Err(format!(
                            "change {}: its text is not in a run (a drawing, an equation)",
                            op.change
                        ));
                    }
                    continue;
                }
                if whole {
                    hit.push((a, None));
                } else if part {
                    if atom.kind != AtomKind::Run {
                        return Err(format!(
                            "change {}: a field is only partly changed",
                            op.change
                        ));
                    }
                    hit.push((a, Some(s.max(r.start)..e.min(r.end))));
                }
            }
            let (Some(&(fa, ref fr)), Some(&(la, ref lr))) = (hit.first(), hit.last()) else {
                return Err(format!("change {}: no run holds its text", op.change));
            };
            let start_slot = match fr {
                Some(r) if r.start > para.atoms[fa].raw.start => Slot::Inside(r.start),
                _ => Slot::Before,
            };
            let end_slot = match lr {
                Some(r) if r.end < para.atoms[la].raw.end => Slot::Inside(r.end),
                _ => Slot::After,
            };
            for (a, r) in &hit {
                match r {
                    None => plans[*a].whole = Some(k),
                    Some(r) => plans[*a].dels.push((r.clone(), k)),
                }
            }
            let put = |plan: &mut Plan, slot: Slot, m: Mark| match slot {
                Slot::Before => plan.before.push(m),
                Slot::After => plan.after.push(m),
                Slot::Inside(x) => plan.inside.push((x, m)),
            };
            put(&mut plans[fa], start_slot, Mark::CommentStart(k));
            put(&mut plans[la], end_slot, Mark::Ins(k));
            put(&mut plans[la], end_slot, Mark::CommentEnd(k));
        }
        // The rPr of each op's new text: its first struck run's, or the run it is put
        // beside.
        let mut rpr: Vec<String> = vec![String::new(); ops.len()];
        for (a, plan) in plans.iter().enumerate() {
            let mut ks: Vec<usize> = plan.dels.iter().map(|d| d.1).collect();
            ks.extend(plan.whole);
            for m in plan
                .before
                .iter()
                .chain(&plan.after)
                .chain(plan.inside.iter().map(|x| &x.1))
            {
                if let Mark::Ins(k) = m {
                    ks.push(*k);
                }
            }
            for k in ks {
                if rpr[k].is_empty() {
                    rpr[k] = self.rpr_of(para, a);
                }
            }
        }
        let mut out: Vec<(Range<usize>, String)> = Vec::new();
        let para = self.para(ordinal)?;
        let atoms: Vec<(usize, AtomKind, Range<usize>)> = para
            .atoms
            .iter()
            .map(|a| (a.node, a.kind, a.raw.clone()))
            .collect();
        for (a, plan) in plans.iter().enumerate() {
            if !plan.touched() {
                continue;
            }
            let (node, kind, raw) = atoms[a].clone();
            let mut text = String::new();
            for m in &plan.before {
                self.mark(&mut text, *m, &ops, &rpr);
            }
            if plan.whole.is_some() {
                let id = self.id();
                text.push_str(&self.del_open(id));
                match kind {
                    AtomKind::Simple => text.push_str(&self.simple_struck(ordinal, a)?),
                    _ => text.push_str(&self.run_piece(ordinal, a, raw.clone(), true)?),
                }
                text.push_str("</w:del>");
            } else if plan.dels.is_empty() && plan.inside.is_empty() {
                let n = &self.tree.nodes[node];
                text.push_str(self.xml(n.start..n.end));
            } else {
                let mut cuts: BTreeSet<usize> = BTreeSet::new();
                cuts.insert(raw.start);
                cuts.insert(raw.end);
                for (r, _) in &plan.dels {
                    cuts.insert(r.start);
                    cuts.insert(r.end);
                }
                for (x, _) in &plan.inside {
                    cuts.insert(*x);
                }
                let cuts: Vec<usize> = cuts.into_iter().collect();
                for w in cuts.windows(2) {
                    let (p, q) = (w[0], w[1]);
                    for (x, m) in &plan.inside {
                        if *x == p {
                            self.mark(&mut text, *m, &ops, &rpr);
                        }
                    }
                    let struck = plan.dels.iter().any(|(r, _)| r.start <= p && q <= r.end);
                    if struck {
                        let id = self.id();
                        text.push_str(&self.del_open(id));
                        text.push_str(&self.run_piece(ordinal, a, p..q, true)?);
                        text.push_str("</w:del>");
                    } else {
                        text.push_str(&self.run_piece(ordinal, a, p..q, false)?);
                    }
                }
            }
            for m in &plan.after {
                self.mark(&mut text, *m, &ops, &rpr);
            }
            let n = &self.tree.nodes[node];
            out.push((n.start..n.end, text));
        }
        for (at, text) in out {
            self.push(at, text);
        }
        Ok(())
    }

    fn del_open(&self, id: u64) -> String {
        format!(
            "<w:del w:id=\"{id}\" w:author=\"{}\" w:date=\"{}\">",
            self.author, self.date
        )
    }

    fn ins_open(&self, id: u64) -> String {
        format!(
            "<w:ins w:id=\"{id}\" w:author=\"{}\" w:date=\"{}\">",
            self.author, self.date
        )
    }

    fn mark(&mut self, out: &mut String, m: Mark, ops: &[Op], rpr: &[String]) {
        match m {
            Mark::CommentStart(k) => {
                if ops[k].first {
                    out.push_str(&format!(
                        "<w:commentRangeStart w:id=\"{}\"/>",
                        ops[k].comment
                    ));
                }
            }
            Mark::Ins(k) => {
                if !ops[k].with.is_empty() {
                    let id = self.id();
                    out.push_str(&self.ins_open(id));
                    out.push_str(&new_run(&rpr[k], &ops[k].with));
                    out.push_str("</w:ins>");
                }
            }
            Mark::CommentEnd(k) => {
                if ops[k].last {
                    out.push_str(&self.comment_end(ops[k].comment));
                }
            }
        }
    }

    fn comment_end(&self, id: u64) -> String {
        let style = if self.styles.contains("CommentReference") {
            "<w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr>"
        } else {
            ""
        };
        format!(
            "<w:commentRangeEnd w:id=\"{id}\"/><w:r>{style}<w:commentReference w:id=\"{id}\"/></w:r>"
        )
    }

    /// The `w:rPr` of atom `a` (of a field's first run).
    fn rpr_of(&self, para: &Para, a: usize) -> String {
        let Some(atom) = para.atoms.get(a) else {
            return String::new();
        };
        let run = match atom.kind {
            AtomKind::Run => Some(atom.node),
            AtomKind::Simple => self.tree.child(atom.node, "r"),
            AtomKind::Foreign => None,
        };
        run.and_then(|r| self.tree.child(r, "rPr"))
            .map(|r| self.tree.text_of(r).to_string())
            .unwrap_or_default()
    }

    /// The part `range` of run `a` of paragraph `ordinal`'s raw text as a run of its
    /// own: its start tag and `w:rPr`, the items within the range (text cut to it),
    /// struck (`w:delText`, `w:delInstrText`) or not.
    fn run_piece(
        &self,
        ordinal: usize,
        a: usize,
        range: Range<usize>,
        struck: bool,
    ) -> Result<String, String> {
        let para = self.para(ordinal)?;
        let atom = para.atoms.get(a).ok_or("no such run")?;
        let t = self.tree;
        let n = &t.nodes[atom.node];
        if n.empty {
            return Ok(self.xml(n.start..n.end).to_string());
        }
        let whole = range == atom.raw;
        let last = range.end == atom.raw.end;
        let mut out = self.xml(n.start..n.open_end).to_string();
        if let Some(r) = t.child(atom.node, "rPr") {
            out.push_str(t.text_of(r));
        }
        for (item, raw) in &atom.items {
            let inode = &t.nodes[*item];
            let inside = if raw.start == raw.end {
                whole
                    || (range.start <= raw.start && raw.start < range.end)
                    || (last && raw.start == range.end)
            } else {
                raw.start < range.end && range.start < raw.end
            };
            if !inside {
                continue;
            }
            let local = inode.local();
            let full = range.start <= raw.start && raw.end <= range.end;
            match local {
                "t" if !inode.empty => {
                    if full && !struck {
                        out.push_str(t.text_of(*item));
                    } else if full {
                        out.push_str(&rename(t, *item, "w:delText"));
                    } else {
                        let from = range.start.max(raw.start) - raw.start;
                        let to = range.end.min(raw.end) - raw.start;
                        let s = inode
                            .text
                            .get(from..to)
                            .ok_or("a change falls inside a character")?;
                        let tag = if struck { "w:delText" } else { "w:t" };
                        out.push_str(&format!(
                            "<{tag} xml:space=\"preserve\">{}</{tag}>",
                            escape(s)
                        ));
                    }
                }
                "instrText" if struck => out.push_str(&rename(t, *item, "w:delInstrText")),
                _ => out.push_str(t.text_of(*item)),
            }
        }
        out.push_str("</w:r>");
        Ok(out)
    }

    /// A `w:fldSimple` struck: as the complex field it stands for (begin, instruction,
    /// separate, its result runs, end), every run deleted. (A `w:del` holds runs only.)
    fn simple_struck(&self, ordinal: usize, a: usize) -> Result<String, String> {
        let para = self.para(ordinal)?;
        let atom = para.atoms.get(a).ok_or("no such field")?;
        let t = self.tree;
        let rpr = self.rpr_of(para, a);
        let instr = t.attr(atom.node, "w:instr").unwrap_or_default();
        let mut out = format!(
            "<w:r>{rpr}<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>{rpr}<w:delInstrText xml:space=\"preserve\">{}</w:delInstrText></w:r><w:r>{rpr}<w:fldChar w:fldCharType=\"separate\"/></w:r>",
            escape(&instr)
        );
        for &c in &t.nodes[atom.node].children {
            let cn = &t.nodes[c];
            if cn.name == "w:r" {
                let mut r = self.xml(cn.start..cn.open_end).to_string();
                for &g in &cn.children {
                    let gn = &t.nodes[g];
                    match gn.local() {
                        "t" => r.push_str(&rename(t, g, "w:delText")),
                        "instrText" => r.push_str(&rename(t, g, "w:delInstrText")),
                        _ => r.push_str(t.text_of(g)),
                    }
                }
                if !cn.empty {
                    r.push_str("</w:r>");
                }
                out.push_str(&r);
            } else {
                out.push_str(t.text_of(c));
            }
        }
        out.push_str(&format!(
            "<w:r>{rpr}<w:fldChar w:fldCharType=\"end\"/></w:r>"
        ));
        Ok(out)
    }

    fn write_insert(
        &mut self,
        ci: usize,
        para: usize,
        heading: Option<&(u8, String)>,
        paragraphs: &[String],
        comment: u64,
    ) -> Result<(), String> {
        let all = self.paragraphs;
        let par = all
            .get(para)
            .ok_or_else(|| format!("change {ci}: no paragraph {para}"))?;
        let p = self.para(par.line)?.node;
        // After the paragraph, or after the table of a row.
        let mut at = self.tree.nodes[p].end;
        if par.cells.is_some() {
            let mut up = self.tree.nodes[p].parent;
            while let Some(u) = up {
                if self.tree.nodes[u].local() == "tbl" {
                    at = self.tree.nodes[u].end;
                    break;
                }
                up = self.tree.nodes[u].parent;
            }
        }
        let mut new: Vec<(Option<String>, bool, &str)> = Vec::new();
        if let Some((level, text)) = heading {
            let style = self.heading_style(*level);
            let bold = style.is_none();
            new.push((style, bold, text));
        }
        let body = self.body_style(para);
        for text in paragraphs {
            new.push((body.clone(), false, text));
        }
        if new.is_empty() {
            return Err(format!("change {ci} inserts nothing"));
        }
        let n = new.len();
        let mut out = String::new();
        for (i, (style, bold, text)) in new.into_iter().enumerate() {
            let mark = self.id();
            out.push_str("<w:p><w:pPr>");
            if let Some(s) = style {
                out.push_str(&format!("<w:pStyle w:val=\"{}\"/>", escape(&s)));
            }
            out.push_str(&format!(
                "<w:rPr><w:ins w:id=\"{mark}\" w:author=\"{}\" w:date=\"{}\"/></w:rPr></w:pPr>",
                self.author, self.date
            ));
            if i == 0 {
                out.push_str(&format!("<w:commentRangeStart w:id=\"{comment}\"/>"));
            }
            if !text.is_empty() {
                let id = self.id();
                out.push_str(&self.ins_open(id));
                let rpr = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
                out.push_str(&new_run(rpr, text));
                out.push_str("</w:ins>");
            }
            if i + 1 == n {
                out.push_str(&self.comment_end(comment));
            }
            out.push_str("</w:p>");
        }
        self.push(at..at, out);
        Ok(())
    }

    /// The `w:pStyle` of `w:p` `ordinal`.
    fn p_style(&self, ordinal: usize) -> Option<String> {
        let p = self.para(ordinal).ok()?.node;
        let ppr = self.tree.child(p, "pPr")?;
        let s = self.tree.child(ppr, "pStyle")?;
        self.tree.attr(s, "w:val")
    }

    /// The style the paper's headings of `level` use most (the first, on a tie); else
    /// `Heading{level}` if the styles define it.
    fn heading_style(&self, level: u8) -> Option<String> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for p in self.paragraphs {
            if p.heading == Some(level)
                && p.cells.is_none()
                && let Some(s) = self.p_style(p.line)
            {
                match counts.iter_mut().find(|c| c.0 == s) {
                    Some(c) => c.1 += 1,
                    None => counts.push((s, 1)),
                }
            }
        }
        let best = counts.iter().map(|c| c.1).max();
        if let Some(s) = counts.into_iter().find(|c| Some(c.1) == best) {
            return Some(s.0);
        }
        let name = format!("Heading{level}");
        self.styles.contains(&name).then_some(name)
    }

    /// The style of the nearest body paragraph at or before `para`.
    fn body_style(&self, para: usize) -> Option<String> {
        self.paragraphs
            .get(..=para)?
            .iter()
            .rev()
            .find(|p| p.heading.is_none() && !p.list && p.cells.is_none())
            .and_then(|p| self.p_style(p.line))
    }
}

#[derive(Debug, Clone, Copy)]
enum Slot {
    Before,
    After,
    Inside(usize),
}

/// Where text put in at raw byte `x` of `para` goes: inside the run that holds `x`,
/// after the run that ends there, or before the one that starts there (outside a field).
fn insertion_point(para: &Para, x: usize) -> Option<(usize, Slot)> {
    let usable = |a: &Atom| a.kind != AtomKind::Foreign;
    if let Some(a) = para
        .atoms
        .iter()
        .position(|a| usable(a) && a.unit.is_none() && a.raw.start < x && x < a.raw.end)
    {
        return Some((a, Slot::Inside(x)));
    }
    if let Some(a) = para
        .atoms
        .iter()
        .rposition(|a| usable(a) && a.raw.start < x && a.raw.end == x)
    {
        let a = match para.atoms[a].unit.and_then(|u| para.units.get(u)) {
            Some((atoms, _)) => atoms.end - 1,
            None => a,
        };
        return Some((a, Slot::After));
    }
    let a = para
        .atoms
        .iter()
        .position(|a| usable(a) && a.raw.start == x && x < a.raw.end)?;
    let a = match para.atoms[a].unit.and_then(|u| para.units.get(u)) {
        Some((atoms, _)) => atoms.start,
        None => a,
    };
    Some((a, Slot::Before))
}

/// The `w:p`s and raw bytes the text `range` of `par` comes from: one stretch per `w:p`
/// (a cell of several paragraphs), in order; an empty range gives one place.
fn place(par: &Paragraph, range: &Range<usize>) -> Option<Vec<(usize, Range<usize>)>> {
    let (a, b) = (range.start, range.end);
    let src = &par.sources;
    if a == b {
        // After the text before, else before the text after.
        if let Some(s) = src
            .iter()
            .rev()
            .find(|s| s.text.start < a && a <= s.text.end)
        {
            let r = if a == s.text.end {
                s.raw.end
            } else if s.linear() {
                s.raw.start + (a - s.text.start)
            } else {
                return None;
            };
            return Some(vec![(s.p, r..r)]);
        }
        let s = src.iter().find(|s| s.text.start >= a)?;
        return Some(vec![(s.p, s.raw.start..s.raw.start)]);
    }
    let mut out: Vec<(usize, Range<usize>)> = Vec::new();
    for s in src.iter().filter(|s| s.text.start < b && a < s.text.end) {
        let r = if s.linear() {
            let from = a.max(s.text.start) - s.text.start;
            let to = b.min(s.text.end) - s.text.start;
            s.raw.start + from..s.raw.start + to
        } else {
            s.raw.clone()
        };
        match out.last_mut() {
            Some((p, last)) if *p == s.p => last.end = r.end,
            _ => out.push((s.p, r)),
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Element `i` with its name changed to `to` (its attributes and content kept).
fn rename(t: &Tree, i: usize, to: &str) -> String {
    let n = &t.nodes[i];
    let open = t.xml.get(n.start..n.open_end).unwrap_or_default();
    let rest = open.get(1 + n.name.len()..).unwrap_or(">");
    if n.empty {
        return format!("<{to}{rest}");
    }
    let inner = t.xml.get(n.open_end..n.close_start).unwrap_or_default();
    format!("<{to}{rest}{inner}</{to}>")
}

/// A new run of `text` with the given `w:rPr`: tabs as `w:tab`, line ends as `w:br`.
fn new_run(rpr: &str, text: &str) -> String {
    let mut out = format!("<w:r>{rpr}");
    let mut first = true;
    for line in text.split(['\n', '\r']) {
        if !first {
            out.push_str("<w:br/>");
        }
        first = false;
        let mut tab = false;
        for piece in line.split('\t') {
            if tab {
                out.push_str("<w:tab/>");
            }
            tab = true;
            if !piece.is_empty() {
                out.push_str(&format!(
                    "<w:t xml:space=\"preserve\">{}</w:t>",
                    escape(piece)
                ));
            }
        }
    }
    out.push_str("</w:r>");
    out
}

/// The `w:comment` elements of the changes.
fn comment_elements(
    changes: &[Change],
    ids: &[u64],
    threads: &[Option<(String, String)>],
    tracking: &Tracking,
    date: &str,
    styles: &BTreeSet<String>,
) -> String {
    let initials: String = tracking
        .author
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .flat_map(char::to_uppercase)
        .collect();
    let ppr = if styles.contains("CommentText") {
        "<w:pPr><w:pStyle w:val=\"CommentText\"/></w:pPr>"
    } else {
        ""
    };
    let rstyle = if styles.contains("CommentReference") {
        "<w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr>"
    } else {
        ""
    };
    let mut out = String::new();
    for ((c, id), thread) in changes.iter().zip(ids).zip(threads) {
        out.push_str(&format!(
            "<w:comment w:id=\"{id}\" w:author=\"{}\" w:date=\"{date}\" w:initials=\"{}\">",
            escape(&tracking.author),
            escape(&initials)
        ));
        let mut paras: Vec<&str> = c.comment.iter().map(String::as_str).collect();
        if paras.is_empty() {
            paras.push("");
        }
        for (i, p) in paras.iter().enumerate() {
            match thread {
                Some((ours, _)) if i + 1 == paras.len() => out.push_str(&format!(
                    "<w:p w14:paraId=\"{ours}\" w14:textId=\"{ours}\">{ppr}"
                )),
                _ => out.push_str(&format!("<w:p>{ppr}")),
            }
            if i == 0 {
                out.push_str(&format!("<w:r>{rstyle}<w:annotationRef/></w:r>"));
            }
            if !p.is_empty() {
                out.push_str(&new_run("", p));
            }
            out.push_str("</w:p>");
        }
        out.push_str("</w:comment>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::events::BytesEnd;
    use std::io::Read;

    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";

    fn styles() -> String {
        format!(
            "{HEAD}<w:styles xmlns:w=\"{NS_W}\">\
<w:style w:type=\"paragraph\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Titre1\"><w:name w:val=\"heading 1\"/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Titre2\"><w:name w:val=\"heading 2\"/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\"/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"BodyText\"><w:name w:val=\"Body Text\"/></w:style>\
<w:style w:type=\"character\" w:styleId=\"CommentReference\"><w:name w:val=\"annotation reference\"/></w:style>\
</w:styles>"
        )
    }

    fn document(body: &str) -> String {
        format!(
            "{HEAD}<w:document xmlns:w=\"{NS_W}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"
        )
    }

    /// A small Word package: `body` in document.xml, with styles, settings, a picture
    /// (stored) and the usual relationships; `extra` parts added or put in place of
    /// those.
    fn package(body: &str, extra: &[(&str, &str)]) -> Vec<u8> {
        let mut parts: Vec<(String, String)> = vec![
            (
                "[Content_Types].xml".into(),
                format!(
                    "{HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"{CT_RELS}\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/word/settings.xml\" ContentType=\"{CT_SETTINGS}\"/></Types>"
                ),
            ),
            (
                "_rels/.rels".into(),
                format!(
                    "{HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"
                ),
            ),
            ("word/document.xml".into(), document(body)),
            (
                "word/_rels/document.xml.rels".into(),
                format!(
                    "{HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"{REL_SETTINGS}\" Target=\"settings.xml\"/><Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/image1.png\"/></Relationships>"
                ),
            ),
            ("word/styles.xml".into(), styles()),
            (
                "word/settings.xml".into(),
                format!(
                    "{HEAD}<w:settings xmlns:w=\"{NS_W}\"><w:zoom w:percent=\"100\"/><w:proofState w:spelling=\"clean\"/><w:defaultTabStop w:val=\"720\"/></w:settings>"
                ),
            ),
            ("word/media/image1.png".into(), "\u{1}PNG not really".into()),
        ];
        for (name, text) in extra {
            match parts.iter_mut().find(|p| p.0 == *name) {
                Some(p) => p.1 = text.to_string(),
                None => parts.push((name.to_string(), text.to_string())),
            }
        }
        parts.retain(|p| !p.1.is_empty());
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, text) in parts {
            let method = if name.ends_with(".png") {
                zip::CompressionMethod::Stored
            } else {
                zip::CompressionMethod::Deflated
            };
            let o = zip::write::SimpleFileOptions::default()
                .compression_method(method)
                .last_modified_time(
                    zip::DateTime::from_date_and_time(2024, 5, 6, 7, 8, 10).unwrap(),
                );
            z.start_file(name, o).unwrap();
            z.write_all(text.as_bytes()).unwrap();
        }
        z.finish().unwrap().into_inner()
    }

    /// Each entry: name, compression method, CRC, raw (compressed) bytes.
    fn raw_entries(bytes: &[u8]) -> Vec<(String, zip::CompressionMethod, u32, Vec<u8>)> {
        let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        (0..z.len())
            .map(|i| {
                let mut f = z.by_index_raw(i).unwrap();
                let mut raw = Vec::new();
                f.read_to_end(&mut raw).unwrap();
                (
                    f.name().unwrap().into_owned(),
                    f.compression(),
                    f.crc32(),
                    raw,
                )
            })
            .collect()
    }

    fn part_of(bytes: &[u8], name: &str) -> Option<String> {
        let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        paper::read_part(&mut z, name).unwrap()
    }

    fn paper_of(bytes: &[u8]) -> Paper {
        Paper::docx("vendor.docx", bytes).unwrap()
    }

    fn tracking() -> Tracking {
        Tracking {
            author: "Customer Counsel".into(),
            date: "2026-03-01".into(),
        }
    }

    fn replace(para: usize, text: &str, what: &str, with: &str, p: &Paper) -> Change {
        let at = p.paragraphs[para].text.find(what).unwrap();
        Change {
            para,
            edit: Edit::Replace {
                range: at..at + what.len(),
                with: with.into(),
            },
            comment: vec![format!("{text}: {what} → {with}")],
        }
    }

    /// document.xml with every tracked change accepted (or rejected): the reader of a
    /// finished markup.
    fn view(doc: &str, accept: bool) -> String {
        let mut r = quick_xml::Reader::from_str(doc);
        r.config_mut().trim_text(false);
        let mut w = quick_xml::Writer::new(Vec::new());
        let (gone, kept) = if accept {
            ("del", "ins")
        } else {
            ("ins", "del")
        };
        let mut skip = 0usize;
        let rename = |name: &str| -> Option<&'static str> {
            match (accept, name) {
                (false, "w:delText") => Some("w:t"),
                (false, "w:delInstrText") => Some("w:instrText"),
                _ => None,
            }
        };
        loop {
            let ev = r.read_event().unwrap();
            match ev {
                Event::Eof => break,
                Event::Start(e) => {
                    let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                    let local = name.rsplit(':').next().unwrap().to_string();
                    if skip > 0 || local == gone {
                        skip += 1;
                    } else if local == kept {
                    } else if let Some(to) = rename(&name) {
                        let mut n = quick_xml::events::BytesStart::new(to);
                        n.extend_attributes(e.attributes().map(|a| a.unwrap()));
                        w.write_event(Event::Start(n)).unwrap();
                    } else {
                        w.write_event(Event::Start(e)).unwrap();
                    }
                }
                Event::End(e) => {
                    let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                    let local = name.rsplit(':').next().unwrap().to_string();
                    if skip > 0 {
                        skip -= 1;
                    } else if local == kept {
                    } else if let Some(to) = rename(&name) {
                        w.write_event(Event::End(BytesEnd::new(to))).unwrap();
                    } else {
                        w.write_event(Event::End(e)).unwrap();
                    }
                }
                Event::Empty(e) => {
                    let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                    let local = name.rsplit(':').next().unwrap().to_string();
                    if skip == 0 && local != gone && local != kept {
                        w.write_event(Event::Empty(e)).unwrap();
                    }
                }
                ev => {
                    if skip == 0 {
                        w.write_event(ev).unwrap();
                    }
                }
            }
        }
        String::from_utf8(w.into_inner()).unwrap()
    }

    /// The paragraphs' text of a marked-up file with every change accepted (rejected).
    fn texts(bytes: &[u8], accept: bool) -> Vec<String> {
        let doc = part_of(bytes, "word/document.xml").unwrap();
        let styles = part_of(bytes, "word/styles.xml");
        paper::word_paragraphs(&view(&doc, accept), styles.as_deref())
            .unwrap()
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    fn original_texts(p: &Paper) -> Vec<String> {
        p.paragraphs.iter().map(|x| x.text.clone()).collect()
    }

    /// The paper's text with every change made.
    fn expected(p: &Paper, changes: &[Change]) -> Vec<String> {
        let mut out = Vec::new();
        for (i, par) in p.paragraphs.iter().enumerate() {
            let mut reps: Vec<(Range<usize>, &str)> = changes
                .iter()
                .filter(|c| c.para == i)
                .filter_map(|c| match &c.edit {
                    Edit::Replace { range, with } => Some((range.clone(), with.as_str())),
                    _ => None,
                })
                .collect();
            reps.sort_by_key(|r| (r.0.start, r.0.end));
            let mut t = String::new();
            let mut at = 0;
            for (r, w) in reps {
                t.push_str(&par.text[at..r.start]);
                t.push_str(w);
                at = r.end;
            }
            t.push_str(&par.text[at..]);
            out.push(t.split_whitespace().collect::<Vec<_>>().join(" "));
            for c in changes.iter().filter(|c| c.para == i) {
                if let Edit::Insert {
                    heading,
                    paragraphs,
                } = &c.edit
                {
                    out.extend(heading.iter().map(|h| h.1.clone()));
                    out.extend(paragraphs.iter().cloned());
                }
            }
        }
        out
    }

    /// Marks up `vendor` and checks both oracles; the new file.
    fn mark(vendor: &[u8], changes: &[Change]) -> Vec<u8> {
        let p = paper_of(vendor);
        let out = apply(vendor, &p, changes, &tracking(), false).unwrap();
        assert_eq!(texts(&out, false), original_texts(&p), "reject all");
        assert_eq!(texts(&out, true), expected(&p, changes), "accept all");
        out
    }

    fn doc_of(bytes: &[u8]) -> String {
        part_of(bytes, "word/document.xml").unwrap()
    }

    const DEL: &str = "w:author=\"Customer Counsel\" w:date=\"2026-03-01T00:00:00Z\">";

    #[test]
    fn a_single_run_is_split_around_the_change() {
        let v = package(
            "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Uptime is 99.5% each month.</w:t></w:r></w:p>",
            &[],
        );
        let p = paper_of(&v);
        let out = mark(&v, &[replace(0, "SLA", "99.5%", "99.9%", &p)]);
        let doc = doc_of(&out);
        assert!(doc.contains(&format!(
            "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Uptime is </w:t></w:r><w:commentRangeStart w:id=\"1\"/><w:del w:id=\"2\" {DEL}<w:r><w:rPr><w:b/></w:rPr><w:delText xml:space=\"preserve\">99.5%</w:delText></w:r></w:del><w:ins w:id=\"3\" {DEL}<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">99.9%</w:t></w:r></w:ins><w:commentRangeEnd w:id=\"1\"/><w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:commentReference w:id=\"1\"/></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\"> each month.</w:t></w:r></w:p>"
        )), "{doc}");
        let comments = part_of(&out, "word/comments.xml").unwrap();
        assert!(comments.contains("<w:comment w:id=\"1\" w:author=\"Customer Counsel\" w:date=\"2026-03-01T00:00:00Z\" w:initials=\"CC\">"), "{comments}");
        assert!(comments.contains("SLA: 99.5% → 99.9%"), "{comments}");
        let settings = part_of(&out, "word/settings.xml").unwrap();
        assert!(
            settings.contains(
                "<w:proofState w:spelling=\"clean\"/><w:trackRevisions/><w:defaultTabStop"
            ),
            "{settings}"
        );
        let rels = part_of(&out, "word/_rels/document.xml.rels").unwrap();
        assert!(rels.contains(&format!("<Relationship Id=\"rId4\" Type=\"{REL_COMMENTS}\" Target=\"comments.xml\"/></Relationships>")), "{rels}");
        let types = part_of(&out, "[Content_Types].xml").unwrap();
        assert!(
            types.contains(&format!(
                "<Override PartName=\"/word/comments.xml\" ContentType=\"{CT_COMMENTS}\"/></Types>"
            )),
            "{types}"
        );
    }

    #[test]
    fn a_change_over_runs_split_mid_word_splits_only_the_first_and_last() {
        let v = package(
            "<w:p><w:r w:rsidR=\"00A1\"><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">The ser</w:t></w:r><w:r w:rsidR=\"00A2\"><w:rPr><w:i/></w:rPr><w:t>vice lev</w:t></w:r><w:r w:rsidR=\"00A3\"><w:t xml:space=\"preserve\">els apply.</w:t></w:r></w:p>",
            &[],
        );
        let p = paper_of(&v);
        assert_eq!(p.paragraphs[0].text, "The service levels apply.");
        let out = mark(
            &v,
            &[replace(0, "x", "service levels", "support terms", &p)],
        );
        let doc = doc_of(&out);
        let expect = format!(
            "<w:r w:rsidR=\"00A1\"><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">The </w:t></w:r><w:commentRangeStart w:id=\"1\"/><w:del w:id=\"2\" {DEL}<w:r w:rsidR=\"00A1\"><w:rPr><w:b/></w:rPr><w:delText xml:space=\"preserve\">ser</w:delText></w:r></w:del>\
<w:del w:id=\"3\" {DEL}<w:r w:rsidR=\"00A2\"><w:rPr><w:i/></w:rPr><w:delText>vice lev</w:delText></w:r></w:del>\
<w:del w:id=\"4\" {DEL}<w:r w:rsidR=\"00A3\"><w:delText xml:space=\"preserve\">els</w:delText></w:r></w:del><w:ins w:id=\"5\" {DEL}<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">support terms</w:t></w:r></w:ins><w:commentRangeEnd w:id=\"1\"/>"
        );
        assert!(doc.contains(&expect), "{doc}");
        assert!(
            doc.contains(
                "<w:r w:rsidR=\"00A3\"><w:t xml:space=\"preserve\"> apply.</w:t></w:r></w:p>"
            ),
            "{doc}"
        );
    }

    #[test]
    fn a_strike_has_no_insertion_and_an_insertion_no_strike() {
        let v = package(
            "<w:p><w:r><w:t xml:space=\"preserve\">Credits are the sole and exclusive remedy.</w:t></w:r></w:p><w:p><w:r><w:t>Fees are due in days.</w:t></w:r></w:p>",
            &[],
        );
        let p = paper_of(&v);
        let at = p.paragraphs[1].text.find("days").unwrap();
        let changes = [
            replace(0, "remedy", "sole and exclusive ", "", &p),
            Change {
                para: 1,
                edit: Edit::Replace {
                    range: at..at,
                    with: "sixty (60) ".into(),
                },
                comment: vec!["a term".into()],
            },
        ];
        let out = mark(&v, &changes);
        let doc = doc_of(&out);
        let first = &doc[..doc.find("Fees").unwrap()];
        assert!(
            first.contains("<w:delText xml:space=\"preserve\">sole and exclusive </w:delText>")
        );
        assert!(!first.contains("<w:ins "), "{first}");
        let second = &doc[doc.find("Fees").unwrap()..];
        assert!(!second.contains("<w:del "), "{second}");
        assert!(doc.contains(&format!("<w:t xml:space=\"preserve\">Fees are due in </w:t></w:r><w:commentRangeStart w:id=\"2\"/><w:ins w:id=\"4\" {DEL}<w:r><w:t xml:space=\"preserve\">sixty (60) </w:t></w:r></w:ins><w:commentRangeEnd w:id=\"2\"/>")), "{second}");
    }

    #[test]
    fn a_cell_and_a_numbered_heading_are_changed_where_they_stand() {
        let v = package(
            "<w:p><w:pPr><w:pStyle w:val=\"Titre2\"/></w:pPr><w:r><w:t>4.2 Service Credits</w:t></w:r></w:p>\
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Uptime</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Credit</w:t></w:r></w:p></w:tc></w:tr>\
<w:tr><w:tc><w:p><w:r><w:t>Below 99.5%</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>5%</w:t></w:r></w:p><w:p><w:r><w:t>of the monthly fee</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
            &[],
        );
        let p = paper_of(&v);
        assert_eq!(p.paragraphs[0].text, "Service Credits");
        assert_eq!(p.paragraphs[0].number.as_deref(), Some("4.2"));
        assert_eq!(p.paragraphs[2].text, "Below 99.5% | 5% of the monthly fee");
        let changes = [
            replace(0, "h", "Credits", "Rebates", &p),
            Change {
                para: 2,
                edit: Edit::Replace {
                    range: 14..16,
                    with: "10%".into(),
                },
                comment: vec!["c".into()],
            },
            replace(2, "d", "monthly", "annual", &p),
        ];
        let out = mark(&v, &changes);
        let doc = doc_of(&out);
        assert!(
            doc.contains(
                "<w:t xml:space=\"preserve\">4.2 Service </w:t></w:r><w:commentRangeStart"
            ),
            "{doc}"
        );
        assert_eq!(&p.paragraphs[2].text[14..16], "5%");
        assert!(
            doc.contains("<w:tc><w:p><w:r><w:t>Below 99.5%</w:t></w:r></w:p></w:tc>"),
            "{doc}"
        );
        assert!(doc.contains("<w:tc><w:p><w:commentRangeStart w:id=\"2\"/><w:del w:id=\"6\" w:author=\"Customer Counsel\" w:date=\"2026-03-01T00:00:00Z\"><w:r><w:delText>5%</w:delText></w:r></w:del>"), "{doc}");
        assert!(
            doc.contains(
                "<w:t xml:space=\"preserve\">of the </w:t></w:r><w:commentRangeStart w:id=\"3\"/>"
            ),
            "{doc}"
        );
    }

    #[test]
    fn a_change_across_a_cells_paragraphs_strikes_in_both() {
        let v = package(
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Severity 1</w:t></w:r></w:p><w:p><w:r><w:t>(critical)</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>4 hours</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
            &[],
        );
        let p = paper_of(&v);
        mark(&v, &[replace(0, "s", "1 (critical)", "one", &p)]);
    }

    #[test]
    fn a_field_is_struck_whole_and_its_new_result_put_beside_it() {
        let v = package(
            "<w:p><w:r><w:t xml:space=\"preserve\">The cap is </w:t></w:r><w:fldSimple w:instr=\" REF cap \\* MERGEFORMAT \"><w:r><w:rPr><w:i/></w:rPr><w:t>USD 10,000</w:t></w:r></w:fldSimple><w:r><w:t xml:space=\"preserve\"> in total.</w:t></w:r></w:p>\
<w:p><w:r><w:t xml:space=\"preserve\">See </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> REF s42 \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Section 4.2</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t xml:space=\"preserve\"> for credits.</w:t></w:r></w:p>",
            &[],
        );
        let p = paper_of(&v);
        assert_eq!(p.paragraphs[0].text, "The cap is USD 10,000 in total.");
        assert_eq!(p.paragraphs[1].text, "See Section 4.2 for credits.");
        let changes = [
            replace(0, "cap", "10,000", "50,000", &p),
            replace(1, "ref", "4.2", "4.3", &p),
        ];
        let out = mark(&v, &changes);
        let doc = doc_of(&out);
        assert!(!doc.contains("fldSimple"), "{doc}");
        assert!(doc.contains(&format!("<w:del w:id=\"3\" {DEL}<w:r><w:rPr><w:i/></w:rPr><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:rPr><w:i/></w:rPr><w:delInstrText xml:space=\"preserve\"> REF cap \\* MERGEFORMAT </w:delInstrText></w:r>")), "{doc}");
        assert!(doc.contains(&format!("<w:fldChar w:fldCharType=\"end\"/></w:r></w:del><w:ins w:id=\"4\" {DEL}<w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">USD 50,000</w:t></w:r></w:ins>")), "{doc}");
        // The complex field: every run from begin to end struck, the instruction too.
        assert!(
            doc.contains("<w:delInstrText xml:space=\"preserve\"> REF s42 \\h </w:delInstrText>"),
            "{doc}"
        );
        let second = &doc[doc.find("See ").unwrap()..];
        assert_eq!(second.matches("<w:del ").count(), 5, "{second}");
        assert!(
            second.contains("<w:fldChar w:fldCharType=\"end\"/></w:r></w:del><w:ins"),
            "{second}"
        );
        assert!(
            second.contains("<w:t xml:space=\"preserve\">Section 4.3</w:t>"),
            "{second}"
        );
    }

    #[test]
    fn a_change_in_a_hyperlink_stays_inside_it() {
        let v = package(
            "<w:p><w:r><w:t xml:space=\"preserve\">Report through </w:t></w:r><w:hyperlink r:id=\"rId9\" w:history=\"1\"><w:r><w:rPr><w:rStyle w:val=\"Hyperlink\"/></w:rPr><w:t>the support portal</w:t></w:r></w:hyperlink><w:r><w:t>.</w:t></w:r></w:p>",
            &[],
        );
        let p = paper_of(&v);
        let out = mark(&v, &[replace(0, "l", "support", "service", &p)]);
        let doc = doc_of(&out);
        assert!(doc.contains("<w:hyperlink r:id=\"rId9\" w:history=\"1\"><w:r><w:rPr><w:rStyle w:val=\"Hyperlink\"/></w:rPr><w:t xml:space=\"preserve\">the </w:t></w:r><w:commentRangeStart w:id=\"1\"/><w:del "), "{doc}");
        assert!(
            doc.contains("<w:t xml:space=\"preserve\"> portal</w:t></w:r></w:hyperlink>"),
            "{doc}"
        );
    }

    #[test]
    fn inserted_paragraphs_take_the_papers_styles() {
        let v = package(
            "<w:p><w:pPr><w:pStyle w:val=\"Titre2\"/></w:pPr><w:r><w:t>4.1 Availability</w:t></w:r></w:p>\
<w:p><w:pPr><w:pStyle w:val=\"BodyText\"/></w:pPr><w:r><w:t>Vendor keeps the service available.</w:t></w:r></w:p>\
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Uptime</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
<w:p><w:r><w:t>After the table.</w:t></w:r></w:p>",
            &[],
        );
        let p = paper_of(&v);
        assert_eq!(p.paragraphs[0].heading, Some(2));
        let changes = [
            Change {
                para: 1,
                edit: Edit::Insert {
                    heading: Some((2, "Service Credits".into())),
                    paragraphs: vec!["Vendor credits 10% of the fee for each 0.1% below.".into()],
                },
                comment: vec!["credits".into()],
            },
            Change {
                para: 2,
                edit: Edit::Insert {
                    heading: Some((3, "Chronic failure".into())),
                    paragraphs: vec!["Customer may terminate.".into()],
                },
                comment: vec!["exit".into()],
            },
        ];
        let out = mark(&v, &changes);
        let doc = doc_of(&out);
        assert!(doc.contains(&format!("available.</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val=\"Titre2\"/><w:rPr><w:ins w:id=\"3\" w:author=\"Customer Counsel\" w:date=\"2026-03-01T00:00:00Z\"/></w:rPr></w:pPr><w:commentRangeStart w:id=\"1\"/><w:ins w:id=\"4\" {DEL}<w:r><w:t xml:space=\"preserve\">Service Credits</w:t></w:r></w:ins></w:p><w:p><w:pPr><w:pStyle w:val=\"BodyText\"/>")), "{doc}");
        // After the table; level 3 has no heading in the paper: the styles' Heading3.
        assert!(
            doc.contains("</w:tbl><w:p><w:pPr><w:pStyle w:val=\"Heading3\"/>"),
            "{doc}"
        );
        let after = &doc[doc.find("</w:tbl>").unwrap()..];
        assert!(
            after.contains("<w:pStyle w:val=\"BodyText\"/><w:rPr><w:ins"),
            "{after}"
        );
        let again = paper_of(&out);
        assert_eq!(again.paragraphs[2].heading, Some(2));
    }

    #[test]
    fn a_heading_with_no_style_to_take_is_bold() {
        let v = package(
            "<w:p><w:r><w:t>Plain text.</w:t></w:r></w:p>",
            &[(
                "word/styles.xml",
                &format!("{HEAD}<w:styles xmlns:w=\"{NS_W}\"/>"),
            )],
        );
        let changes = [Change {
            para: 0,
            edit: Edit::Insert {
                heading: Some((2, "Exit".into())),
                paragraphs: vec![],
            },
            comment: vec!["x".into()],
        }];
        let out = mark(&v, &changes);
        let doc = doc_of(&out);
        assert!(doc.contains("<w:p><w:pPr><w:rPr><w:ins "), "{doc}");
        assert!(
            doc.contains("<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Exit</w:t></w:r>"),
            "{doc}"
        );
        // No CommentReference style: the reference run has no style.
        assert!(
            doc.contains(
                "<w:commentRangeEnd w:id=\"1\"/><w:r><w:commentReference w:id=\"1\"/></w:r>"
            ),
            "{doc}"
        );
    }

    #[test]
    fn existing_comments_are_kept_and_ours_come_after() {
        let comments = format!(
            "{HEAD}<w:comments xmlns:w=\"{NS_W}\"><w:comment w:id=\"7\" w:author=\"Vendor\" w:initials=\"V\"><w:p><w:r><w:t>Ours &amp; final</w:t></w:r></w:p></w:comment></w:comments>"
        );
        let rels = format!(
            "{HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"{REL_SETTINGS}\" Target=\"settings.xml\"/><Relationship Id=\"rId5\" Type=\"{REL_COMMENTS}\" Target=\"comments.xml\"/></Relationships>"
        );
        let types = format!(
            "{HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"{CT_RELS}\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/comments.xml\" ContentType=\"{CT_COMMENTS}\"/><Override PartName=\"/word/settings.xml\" ContentType=\"{CT_SETTINGS}\"/></Types>"
        );
        let settings =
            format!("{HEAD}<w:settings xmlns:w=\"{NS_W}\"><w:trackRevisions/></w:settings>");
        let v = package(
            "<w:p><w:commentRangeStart w:id=\"7\"/><w:r><w:t>Fees are fixed.</w:t></w:r><w:commentRangeEnd w:id=\"7\"/><w:r><w:commentReference w:id=\"7\"/></w:r></w:p>",
            &[
                ("word/comments.xml", &comments),
                ("word/_rels/document.xml.rels", &rels),
                ("[Content_Types].xml", &types),
                ("word/settings.xml", &settings),
            ],
        );
        let p = paper_of(&v);
        let out = mark(&v, &[replace(0, "f", "fixed", "fixed for 24 months", &p)]);
        let c = part_of(&out, "word/comments.xml").unwrap();
        assert!(c.starts_with(&format!("{HEAD}<w:comments xmlns:w=\"{NS_W}\"><w:comment w:id=\"7\" w:author=\"Vendor\" w:initials=\"V\"><w:p><w:r><w:t>Ours &amp; final</w:t></w:r></w:p></w:comment><w:comment w:id=\"8\" ")), "{c}");
        // Relationships, content types and settings already right: copied as they were.
        let (a, b) = (raw_entries(&v), raw_entries(&out));
        for name in [
            "word/_rels/document.xml.rels",
            "[Content_Types].xml",
            "word/settings.xml",
        ] {
            let x = a.iter().find(|e| e.0 == name).unwrap();
            let y = b.iter().find(|e| e.0 == name).unwrap();
            assert_eq!(x, y, "{name}");
        }
    }

    #[test]
    fn a_file_without_settings_gets_them() {
        let rels = format!(
            "{HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>"
        );
        let v = package(
            "<w:p><w:r><w:t>Fees are fixed.</w:t></w:r></w:p>",
            &[
                ("word/settings.xml", ""),
                ("word/_rels/document.xml.rels", &rels),
            ],
        );
        let p = paper_of(&v);
        let out = mark(&v, &[replace(0, "f", "fixed", "capped", &p)]);
        assert!(
            part_of(&out, "word/settings.xml")
                .unwrap()
                .contains("<w:trackRevisions/>")
        );
        let rels = part_of(&out, "word/_rels/document.xml.rels").unwrap();
        assert!(rels.contains(&format!("<Relationship Id=\"rId2\" Type=\"{REL_COMMENTS}\" Target=\"comments.xml\"/><Relationship Id=\"rId3\" Type=\"{REL_SETTINGS}\" Target=\"settings.xml\"/>")), "{rels}");
        let types = part_of(&out, "[Content_Types].xml").unwrap();
        assert!(types.contains("PartName=\"/word/settings.xml\""));
        let names: Vec<String> = raw_entries(&out).into_iter().map(|e| e.0).collect();
        assert_eq!(names.last().map(String::as_str), Some("word/settings.xml"));
    }

    fn tracked_package() -> Vec<u8> {
        package(
            "<w:p><w:r><w:t xml:space=\"preserve\">Vendor may </w:t></w:r><w:del w:id=\"11\" w:author=\"V\" w:date=\"2025-01-01T00:00:00Z\"><w:r><w:delText>never </w:delText></w:r></w:del><w:ins w:id=\"12\" w:author=\"V\" w:date=\"2025-01-01T00:00:00Z\"><w:r><w:t xml:space=\"preserve\">always </w:t></w:r></w:ins><w:r><w:rPr><w:b/><w:rPrChange w:id=\"13\" w:author=\"V\"><w:rPr/></w:rPrChange></w:rPr><w:t>suspend the service.</w:t></w:r></w:p>\
<w:p><w:moveFrom w:id=\"14\" w:author=\"V\"><w:r><w:t>Gone text. </w:t></w:r></w:moveFrom><w:r><w:t>Fees are fixed.</w:t></w:r></w:p>",
            &[],
        )
    }

    #[test]
    fn existing_tracked_changes_are_refused_or_accepted() {
        let v = tracked_package();
        assert_eq!(tracked_changes(&v).unwrap(), 4);
        let p = paper_of(&v);
        assert_eq!(
            p.paragraphs[0].text,
            "Vendor may always suspend the service."
        );
        let changes = [replace(0, "s", "always suspend", "not suspend", &p)];
        let e = apply(&v, &p, &changes, &tracking(), false).unwrap_err();
        assert!(
            e.message.contains("carries 4 tracked changes"),
            "{}",
            e.message
        );
        assert!(e.message.contains("--accept-existing"), "{}", e.message);
        let out = apply(&v, &p, &changes, &tracking(), true).unwrap();
        assert_eq!(texts(&out, false), original_texts(&p));
        assert_eq!(texts(&out, true), expected(&p, &changes));
        let doc = doc_of(&out);
        assert!(!doc.contains("w:author=\"V\""), "{doc}");
        assert!(
            !doc.contains("never") && !doc.contains("Gone text"),
            "{doc}"
        );
        assert!(doc.contains("<w:rPr><w:b/></w:rPr>"), "{doc}");
        // Ours start above the highest id the file had.
        assert!(doc.contains("<w:commentRangeStart w:id=\"15\"/>"), "{doc}");
        assert_eq!(tracked_changes(&out).unwrap(), 3);
    }

    #[test]
    fn the_same_input_gives_the_same_bytes_and_untouched_parts_are_copied_raw() {
        let v = package(
            "<w:p><w:bookmarkStart w:id=\"0\" w:name=\"sla\"/><w:r><w:t>Uptime is 99.5% each month.</w:t></w:r><w:bookmarkEnd w:id=\"0\"/></w:p>",
            &[("word/numbering.xml", "<w:numbering xmlns:w=\"x\"/>")],
        );
        let p = paper_of(&v);
        let changes = [replace(0, "SLA", "99.5%", "99.9%", &p)];
        let a = apply(&v, &p, &changes, &tracking(), false).unwrap();
        let b = apply(&v, &p, &changes, &tracking(), false).unwrap();
        assert_eq!(a, b);
        let (before, after) = (raw_entries(&v), raw_entries(&a));
        let changed = [
            "word/document.xml",
            "word/settings.xml",
            "word/_rels/document.xml.rels",
            "[Content_Types].xml",
        ];
        let kept: Vec<_> = before
            .iter()
            .filter(|e| !changed.contains(&e.0.as_str()))
            .collect();
        let same: Vec<_> = after
            .iter()
            .filter(|e| !changed.contains(&e.0.as_str()) && e.0 != "word/comments.xml")
            .collect();
        assert_eq!(kept, same);
        assert_eq!(kept.len(), 4);
        // In the original order, the comments part last.
        let order: Vec<&str> = after.iter().map(|e| e.0.as_str()).collect();
        let was: Vec<&str> = before.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(order[..was.len()], was[..]);
        assert_eq!(order.last(), Some(&"word/comments.xml"));
        // The rest of document.xml as it was: the bookmark, the section.
        let doc = doc_of(&a);
        assert!(doc.starts_with(&format!("{HEAD}<w:document xmlns:w=\"{NS_W}\"")));
        assert!(doc.contains("<w:p><w:bookmarkStart w:id=\"0\" w:name=\"sla\"/><w:r><w:t xml:space=\"preserve\">Uptime is </w:t></w:r>"), "{doc}");
        assert!(doc.ends_with("<w:bookmarkEnd w:id=\"0\"/></w:p><w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"), "{doc}");
    }

    #[test]
    fn ids_are_unique_and_above_the_files() {
        let v = package(
            "<w:p><w:bookmarkStart w:id=\"40\" w:name=\"a\"/><w:r><w:t>Vendor may suspend the service at any time.</w:t></w:r><w:bookmarkEnd w:id=\"40\"/></w:p><w:p><w:r><w:t>Fees rise each year.</w:t></w:r></w:p>",
            &[],
        );
        let p = paper_of(&v);
        let changes = [
            replace(0, "a", "may", "may not", &p),
            replace(0, "b", "at any time", "", &p),
            replace(1, "c", "rise", "stay fixed", &p),
            Change {
                para: 1,
                edit: Edit::Insert {
                    heading: None,
                    paragraphs: vec!["One.".into(), "Two.".into()],
                },
                comment: vec!["more".into()],
            },
        ];
        let out = mark(&v, &changes);
        let doc = doc_of(&out);
        let t = Tree::parse(&doc).unwrap();
        let mut ids: Vec<u64> = (0..t.nodes.len())
            .filter(|&i| matches!(t.nodes[i].local(), "ins" | "del" | "commentRangeStart"))
            .filter_map(|i| t.attr(i, "w:id")?.parse().ok())
            .collect();
        let n = ids.len();
        // Two comments' starts, five ins/del for the replacements, two marks and two
        // runs inserted.
        assert_eq!(n, 4 + 5 + 2 + 2);
        assert!(ids.iter().all(|&i| i > 40));
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }

    #[test]
    fn broken_files_and_bad_changes_are_errors() {
        let p = Paper::default();
        let e = apply(b"not a zip", &p, &[], &tracking(), false).unwrap_err();
        assert!(e.message.contains("not a Word"), "{}", e.message);
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        z.start_file("word/other.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(b"<x/>").unwrap();
        let bytes = z.finish().unwrap().into_inner();
        let e = apply(&bytes, &p, &[], &tracking(), false).unwrap_err();
        assert!(e.message.contains("no word/document.xml"), "{}", e.message);
        assert!(tracked_changes(&bytes).is_err());
        let doctype = package(
            "<w:p/>",
            &[(
                "word/document.xml",
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>",
            )],
        );
        let e = apply(&doctype, &p, &[], &tracking(), false).unwrap_err();
        assert!(e.message.contains("DOCTYPE"), "{}", e.message);
        let v = package("<w:p><w:r><w:t>Fees are fixed.</w:t></w:r></w:p>", &[]);
        let p = paper_of(&v);
        let bad = Change {
            para: 0,
            edit: Edit::Replace {
                range: 3..99,
                with: "x".into(),
            },
            comment: vec![],
        };
        let e = apply(&v, &p, &[bad], &tracking(), false).unwrap_err();
        assert!(e.message.contains("do not fit"), "{}", e.message);
        let elsewhere = Change {
            para: 4,
            ..replace(0, "f", "fixed", "capped", &p)
        };
        assert!(apply(&v, &p, &[elsewhere], &tracking(), false).is_err());
        // A paper that is not this file's.
        let other = Paper::text("x.txt", "Something else entirely.");
        let e = apply(&v, &other, &[], &tracking(), false).unwrap_err();
        assert!(e.message.contains("does not read as"), "{}", e.message);
        let bad_date = Tracking {
            date: "1 March".into(),
            ..tracking()
        };
        assert!(apply(&v, &p, &[], &bad_date, false).is_err());
    }

    #[test]
    fn user_text_is_escaped() {
        let v = package(
            "<w:p><w:r><w:t>Fees &amp; costs are fixed.</w:t></w:r></w:p>",
            &[],
        );
        let p = paper_of(&v);
        assert_eq!(p.paragraphs[0].text, "Fees & costs are fixed.");
        let mut c = replace(0, "f", "& costs", "<b>&\"x\"</b>", &p);
        c.comment = vec!["a < b & \"c\"".into()];
        let t = Tracking {
            author: "Smith & <Jones>".into(),
            date: "2026-03-01".into(),
        };
        let out = apply(&v, &p, &[c.clone()], &t, false).unwrap();
        assert_eq!(texts(&out, true), expected(&p, &[c]));
        assert_eq!(texts(&out, false), original_texts(&p));
        let doc = doc_of(&out);
        assert!(
            doc.contains("<w:delText xml:space=\"preserve\">&amp; costs</w:delText>"),
            "{doc}"
        );
        assert!(
            doc.contains("w:author=\"Smith &amp; &lt;Jones&gt;\""),
            "{doc}"
        );
        let comments = part_of(&out, "word/comments.xml").unwrap();
        assert!(
            comments.contains("a &lt; b &amp; &quot;c&quot;"),
            "{comments}"
        );
        assert!(
            comments.contains("w:initials=\"S&amp;J\"") || comments.contains("w:initials=\"SJ\""),
            "{comments}"
        );
    }

    #[test]
    fn tabs_and_breaks_in_a_struck_stretch_move_into_the_deletion() {
        let v = package(
            "<w:p><w:r><w:rPr><w:i/></w:rPr><w:t>Term:</w:t><w:tab/><w:t>one</w:t><w:br/><w:t>year.</w:t></w:r></w:p>",
            &[],
        );
        let p = paper_of(&v);
        assert_eq!(p.paragraphs[0].text, "Term: one year.");
        let out = mark(&v, &[replace(0, "t", ": one year", ": two years", &p)]);
        let doc = doc_of(&out);
        assert!(doc.contains(&format!("<w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">Term</w:t></w:r><w:commentRangeStart w:id=\"1\"/><w:del w:id=\"2\" {DEL}<w:r><w:rPr><w:i/></w:rPr><w:delText xml:space=\"preserve\">:</w:delText><w:tab/><w:delText>one</w:delText><w:br/><w:delText xml:space=\"preserve\">year</w:delText></w:r></w:del>")), "{doc}");
    }

    #[test]
    fn text_put_in_beside_a_field_stays_outside_it() {
        let v = package(
            "<w:p><w:r><w:t xml:space=\"preserve\">Fees per </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> REF unit </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>seat</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t xml:space=\"preserve\"> apply.</w:t></w:r></w:p>",
            &[],
        );
        let p = paper_of(&v);
        let t = &p.paragraphs[0].text;
        let b = t.find("seat").unwrap() + 4;
        let changes = [
            Change {
                para: 0,
                edit: Edit::Replace {
                    range: b..b,
                    with: " and month".into(),
                },
                comment: vec![],
            },
            Change {
                para: 0,
                edit: Edit::Replace {
                    range: 0..0,
                    with: "All ".into(),
                },
                comment: vec![],
            },
        ];
        let out = mark(&v, &changes);
        let doc = doc_of(&out);
        assert!(
            doc.contains(
                "<w:fldChar w:fldCharType=\"end\"/></w:r><w:commentRangeStart w:id=\"1\"/><w:ins "
            ),
            "{doc}"
        );
        assert!(
            doc.contains("<w:body><w:p><w:commentRangeStart w:id=\"2\"/><w:ins "),
            "{doc}"
        );
        assert!(!doc.contains("<w:del "), "{doc}");
    }

    mod prop {
        use super::*;
        use proptest::prelude::*;

        fn words() -> impl Strategy<Value = String> {
            proptest::collection::vec(
                prop_oneof![
                    "[a-z]{1,8}",
                    Just("99.5%".to_string()),
                    Just("&".to_string()),
                    Just("é".to_string())
                ],
                1..14,
            )
            .prop_map(|w| w.join(" "))
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]
            #[test]
            fn rejecting_gives_the_paper_and_accepting_the_edits(
                text in words(),
                cuts in proptest::collection::vec(0usize..200, 0..6),
                rprs in proptest::collection::vec(0usize..4, 8),
                edits in proptest::collection::vec((0usize..200, 0usize..12, "[a-z ]{0,6}"), 1..5),
            ) {
                let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
                let mut at: Vec<usize> = cuts.iter().map(|c| bounds[c % bounds.len()]).collect();
                at.push(0);
                at.push(text.len());
                at.sort_unstable();
                at.dedup();
                let styles = ["", "<w:rPr><w:b/></w:rPr>", "<w:rPr><w:i/></w:rPr>", "<w:rPr><w:u w:val=\"single\"/></w:rPr>"];
                let mut body = String::from("<w:p>");
                for (k, w) in at.windows(2).enumerate() {
                    body.push_str(&format!(
                        "<w:r>{}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
                        styles[rprs[k % rprs.len()]],
                        quick_xml::escape::escape(&text[w[0]..w[1]])
                    ));
                }
                body.push_str("</w:p>");
                let v = package(&body, &[]);
                let p = paper_of(&v);
                let t = &p.paragraphs[0].text;
                let tb: Vec<usize> = t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
                let mut changes: Vec<Change> = Vec::new();
                let mut taken: Vec<Range<usize>> = Vec::new();
                for (s, len, with) in edits {
                    let s = tb[s % tb.len()];
                    let e = tb.iter().copied().filter(|&b| b >= s).nth(len % 4).unwrap_or(s);
                    let r = s..e;
                    if taken.iter().any(|q| r.start < q.end && q.start < r.end || (r.start == r.end && q.start < r.start && r.start < q.end) || (q.start == q.end && r.start < q.start && q.start < r.end)) {
                        continue;
                    }
                    taken.push(r.clone());
                    changes.push(Change { para: 0, edit: Edit::Replace { range: r, with }, comment: vec!["why".into()] });
                }
                let out = apply(&v, &p, &changes, &tracking(), false).unwrap();
                prop_assert_eq!(texts(&out, false), original_texts(&p));
                let want: Vec<String> = expected(&p, &changes).into_iter().filter(|s| !s.is_empty()).collect();
                prop_assert_eq!(texts(&out, true), want);
            }
        }
    }
}
