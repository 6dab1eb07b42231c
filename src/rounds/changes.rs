//! The tracked changes and comments of a returned Word file, each with the paragraph it is
//! in and the value bookmarks (`_dd_…`, see [`crate::render::docx::value_bookmark`]) it
//! falls in or touches.

use quick_xml::events::Event;

/// One tracked change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracked {
    /// Struck (`w:del`) or inserted (`w:ins`).
    pub inserted: bool,
    /// Its text (`w:t` or `w:delText`).
    pub text: String,
    /// Its author and date.
    pub author: String,
    /// Its date, as written (`2027-01-20T00:00:00Z`).
    pub date: String,
    /// The `w:p` it is in: its ordinal in the document (1-based, as the paper reader counts).
    pub p: usize,
    /// Byte offset in that paragraph's text before the change, as the paper reader reads it
    /// with every change accepted (inserted text counted, struck text not).
    pub at: usize,
    /// The value bookmarks it falls in or touches (their names).
    pub bookmarks: Vec<String>,
    /// It marks a whole paragraph inserted (its paragraph mark is inserted).
    pub paragraph_mark: bool,
}

/// One comment: its text, author, and the paragraph its anchor starts in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The `w14:paraId` of its last paragraph (what a reply in its thread names), if any.
    pub para_id: Option<String>,
    /// The value bookmarks its anchor covers or starts in (their names).
    pub bookmarks: Vec<String>,
    /// The comment's id in the file.
    pub id: String,
    /// Its author.
    pub author: String,
    /// Its date, as written.
    pub date: String,
    /// Its text, paragraphs joined by a space.
    pub text: String,
    /// The `w:p` its anchor starts in (0 when it has none).
    pub p: usize,
}

/// Where a comment's anchor is in `document.xml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// The comment's id.
    pub id: String,
    /// The `w:p` its range starts in (its ordinal, as [`Tracked::p`]).
    pub p: usize,
    /// The value bookmarks open where it starts or started inside it (their names).
    pub bookmarks: Vec<String>,
    /// Its range is still open (its `w:commentRangeEnd` not yet read).
    open: bool,
}

/// Where each comment's anchor is.
pub type Anchors = Vec<Anchor>;

/// The text of each value bookmark read with every change accepted: (name, text).
pub type Values = Vec<(String, String)>;

/// The tracked changes of `document.xml`, in document order, the comments' anchors, and
/// the text of each value bookmark with their changes accepted.
pub fn tracked(xml: &str) -> Result<(Vec<Tracked>, Anchors, Values), String> {
    let mut r = quick_xml::Reader::from_str(xml);
    r.config_mut().trim_text(false);
    let mut out: Vec<Tracked> = Vec::new();
    let mut anchors: Anchors = Vec::new();
    let mut values: Values = Vec::new();
    // The accepted text of a run of text: added to every open value bookmark's.
    fn add(values: &mut Values, open: &[(String, String)], text: &str) {
        for (_, name) in open {
            if let Some(v) = values.iter_mut().rev().find(|v| v.0 == *name) {
                v.1.push_str(text);
            }
        }
    }
    let mut p = 0usize;
    // Per open paragraph: its accepted text so far (bytes).
    let mut len = 0usize;
    // Open value bookmarks: (id, name); the one that just closed (no text since).
    let mut open: Vec<(String, String)> = Vec::new();
    let mut just_closed: Option<String> = None;
    let mut current: Option<Tracked> = None;
    let mut in_text = false;
    let mut in_ppr_rpr = 0u32;
    let mut depth_ppr = 0u32;
    loop {
        let ev = r.read_event().map_err(|e| e.to_string())?;
        match ev {
            Event::DocType(_) => return Err("a DOCTYPE is not allowed in a Word part".into()),
            Event::Start(e) => match e.local_name().as_ref() {
                b"p" => {
                    p += 1;
                    len = 0;
                }
                b"pPr" => depth_ppr += 1,
                b"rPr" if depth_ppr > 0 => in_ppr_rpr += 1,
                b"ins" | b"del" => {
                    let mut bookmarks: Vec<String> = open.iter().map(|(_, n)| n.clone()).collect();
                    if let Some(n) = just_closed.take() {
                        bookmarks.push(n);
                    }
                    current = Some(Tracked {
                        inserted: e.local_name().as_ref() == b"ins",
                        text: String::new(),
                        author: attr(&e, b"w:author"),
                        date: attr(&e, b"w:date"),
                        p,
                        at: len,
                        bookmarks,
                        paragraph_mark: false,
                    });
                }
                b"t" | b"delText" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                // A paragraph mark inserted: the paragraph is theirs.
                b"ins" if in_ppr_rpr > 0 => out.push(Tracked {
                    inserted: true,
                    text: String::new(),
                    author: attr(&e, b"w:author"),
                    date: attr(&e, b"w:date"),
                    p,
                    at: 0,
                    bookmarks: Vec::new(),
                    paragraph_mark: true,
                }),
                b"bookmarkStart" => {
                    let name = attr(&e, b"w:name");
                    let id = attr(&e, b"w:id");
                    if name.starts_with("_dd_") {
                        open.push((id, name.clone()));
                        values.push((name.clone(), String::new()));
                        for a in anchors.iter_mut().filter(|a| a.open) {
                            if !a.bookmarks.contains(&name) {
                                a.bookmarks.push(name.clone());
                            }
                        }
                        if let Some(c) = current.as_mut() {
                            c.bookmarks.push(name);
                        }
                    }
                }
                b"bookmarkEnd" => {
                    let id = attr(&e, b"w:id");
                    if let Some(i) = open.iter().position(|(x, _)| *x == id) {
                        let (_, name) = open.remove(i);
                        if let Some(c) = current.as_mut()
                            && !c.bookmarks.contains(&name)
                        {
                            c.bookmarks.push(name.clone());
                        }
                        just_closed = Some(name);
                    }
                }
                b"commentRangeStart" => anchors.push(Anchor {
                    id: attr(&e, b"w:id"),
                    p,
                    bookmarks: open.iter().map(|(_, n)| n.clone()).collect(),
                    open: true,
                }),
                b"commentRangeEnd" => {
                    let id = attr(&e, b"w:id");
                    if let Some(a) = anchors.iter_mut().find(|a| a.id == id) {
                        a.open = false;
                    }
                }
                b"tab" if current.as_ref().is_none_or(|c| c.inserted) => len += 1,
                b"br" | b"cr" if current.as_ref().is_none_or(|c| c.inserted) => len += 1,
                _ => {}
            },
            Event::Text(_) | Event::GeneralRef(_) if in_text => {
                let s = match &ev {
                    Event::Text(t) => t.xml_content().map_err(|e| e.to_string())?.into_owned(),
                    Event::GeneralRef(g) => {
                        match g.resolve_char_ref().map_err(|e| e.to_string())? {
                            Some(c) => c.to_string(),
                            None => {
                                let name = g.decode().map_err(|e| e.to_string())?;
                                quick_xml::escape::resolve_predefined_entity(&name)
                                    .unwrap_or_default()
                                    .to_string()
                            }
                        }
                    }
                    _ => unreachable!("matched above"),
                };
                // Text with their changes accepted: outside any change, or inserted.
                if current.as_ref().is_none_or(|c| c.inserted) {
                    add(&mut values, &open, &s);
                    len += s.len();
                }
                match current.as_mut() {
                    Some(c) => c.text.push_str(&s),
                    None => just_closed = None,
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" | b"delText" => in_text = false,
                b"pPr" => depth_ppr = depth_ppr.saturating_sub(1),
                b"rPr" if in_ppr_rpr > 0 => in_ppr_rpr -= 1,
                b"ins" | b"del" => {
                    if let Some(c) = current.take() {
                        out.push(c);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((out, anchors, values))
}

/// An attribute's value, `""` when absent.
fn attr(e: &quick_xml::events::BytesStart, name: &[u8]) -> String {
    crate::paper::attr(e, name).unwrap_or_default()
}

/// The comments of `comments.xml`.
pub fn comments(xml: &str, anchors: &[Anchor]) -> Result<Vec<Comment>, String> {
    let mut r = quick_xml::Reader::from_str(xml);
    r.config_mut().trim_text(false);
    let mut out: Vec<Comment> = Vec::new();
    let mut in_text = false;
    loop {
        match r.read_event().map_err(|e| e.to_string())? {
            Event::DocType(_) => return Err("a DOCTYPE is not allowed in a Word part".into()),
            Event::Start(e) => match e.local_name().as_ref() {
                b"comment" => {
                    let id = attr(&e, b"w:id");
                    let anchor = anchors.iter().find(|a| a.id == id);
                    out.push(Comment {
                        para_id: None,
                        bookmarks: anchor.map(|a| a.bookmarks.clone()).unwrap_or_default(),
                        p: anchor.map_or(0, |a| a.p),
                        id,
                        author: attr(&e, b"w:author"),
                        date: attr(&e, b"w:date"),
                        text: String::new(),
                    });
                }
                b"p" => {
                    if let Some(c) = out.last_mut() {
                        if !c.text.is_empty() {
                            c.text.push(' ');
                        }
                        c.para_id = Some(attr(&e, b"w14:paraId")).filter(|x| !x.is_empty());
                    }
                }
                b"t" => in_text = true,
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some(c) = out.last_mut() {
                    c.text
                        .push_str(&t.xml_content().map_err(|e| e.to_string())?);
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"t" => in_text = false,
            Event::Eof => break,
            _ => {}
        }
    }
    for c in &mut out {
        c.text = c.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    Ok(out)
}
