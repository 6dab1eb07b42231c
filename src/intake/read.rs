//! The reading itself: sentences against the terms, tables and lists as data, exclusion
//! sections, support hours and the parties. See the module above for what it reads.

use serde_json::{Value, json};

use super::lex::{self, Tok, Token, Unit};
use super::terms::{Keyed, Pattern, Slot, Step, Terms, seq_matches};
use super::{Dropped, Found, Parties, Place, Section, Unread};
use crate::paper::{Kind, Paper, Paragraph};

/// What [`read`] gives back; [`super::intake`] makes a deal of it.
pub(super) struct Reading {
    pub found: Vec<Found>,
    pub dropped: Vec<Dropped>,
    pub unread: Vec<Unread>,
    pub parties: Parties,
    pub sections: Vec<Section>,
    pub excluded: Vec<super::Excluded>,
    pub placed: Vec<super::Placed>,
}

/// A stretch of a paragraph read as one unit (a sentence, or a table row).
struct Sent<'a> {
    para: usize,
    /// Byte offset of the sentence in the paragraph's text.
    at: usize,
    /// The text the tokens' offsets point into (the paragraph's, or a table row's).
    text: &'a str,
    /// The sentence itself, as quoted in the report.
    quote: &'a str,
    /// Its tokens (borrowed from the paragraph's where they can be).
    toks: std::borrow::Cow<'a, [Token]>,
}

/// The words of some tokens, to rule out quickly what cannot match them: as a set, and
/// sorted for the words a prefix opens.
struct Bag<'t> {
    set: rustc_hash::FxHashSet<&'t str>,
    sorted: Vec<&'t str>,
}

impl<'t> Bag<'t> {
    fn of(toks: &'t [Token]) -> Bag<'t> {
        let set: rustc_hash::FxHashSet<&'t str> = toks
            .iter()
            .filter_map(|t| match &t.tok {
                Tok::Word(w) => Some(w.as_str()),
                _ => None,
            })
            .collect();
        let mut sorted: Vec<&'t str> = set.iter().copied().collect();
        sorted.sort_unstable();
        Bag { set, sorted }
    }

    /// Whether a word sequence can occur: its first word is there (a number, a prefix or
    /// a wildcard is looked for properly).
    fn may(&self, seq: &[String]) -> bool {
        let Some(first) = seq.first() else {
            return true;
        };
        match first.strip_suffix('*') {
            Some("") => true,
            // The words a prefix opens sort together, just after it.
            Some(prefix) => {
                let at = self.sorted.partition_point(|w| *w < prefix);
                self.sorted.get(at).is_some_and(|w| w.starts_with(prefix))
            }
            None => {
                first.starts_with(|c: char| c.is_ascii_digit()) || self.set.contains(first.as_str())
            }
        }
    }

    /// Whether any of the sequences can occur.
    fn may_any(&self, seqs: &[Vec<String>]) -> bool {
        seqs.iter().any(|s| self.may(s))
    }

    /// Whether a pattern can match: each of its word steps can.
    fn may_match(&self, p: &Pattern) -> bool {
        p.steps.iter().all(|st| match st {
            Step::Words(alts) => self.may_any(alts),
            _ => true,
        })
    }
}

/// A list being gathered from several places (credit tiers, severities, exclusions, an
/// `add` term's items): its items and where the first came from.
struct Gathered {
    field: String,
    by: String,
    items: Vec<Value>,
    first: Option<(Place, String, usize, usize)>,
}

impl Gathered {
    fn new(field: &str, by: &str) -> Gathered {
        Gathered {
            field: field.into(),
            by: by.into(),
            items: Vec::new(),
            first: None,
        }
    }

    fn add(&mut self, item: Value, place: Place, quote: &str, para: usize, section: usize) {
        if !self.items.contains(&item) {
            self.items.push(item);
        }
        self.first
            .get_or_insert_with(|| (place, quote.to_string(), para, section));
    }

    fn found(self) -> Option<Found> {
        let (place, quote, para, section) = self.first?;
        Some(Found {
            field: self.field,
            value: Value::Array(self.items),
            place,
            quote,
            by: self.by,
            para,
            span: None,
            section,
        })
    }
}

struct Reader<'a> {
    paper: &'a Paper,
    kind: Kind,
    terms: &'a Terms,
    /// Per paragraph: its section.
    section_of: Vec<usize>,
    /// Per paragraph: the tokens of its headings (the section's and those above it),
    /// shared by the paragraphs of a section.
    heads: Vec<std::rc::Rc<[Token]>>,
    found: Vec<Found>,
    dropped: Vec<Dropped>,
    unread: Vec<Unread>,
    tiers: Vec<(f64, f64)>,
    tiers_at: Gathered,
    severities: Vec<Value>,
    severities_at: Gathered,
    exclusions: Gathered,
    sessions: Gathered,
    lists: Vec<Gathered>,
    /// The tokens of the paragraphs that lead into a list or table, once read.
    lead_ins: std::cell::RefCell<rustc_hash::FxHashMap<usize, Vec<Token>>>,
    /// What [`Reader::context_has`] found, per paragraph and word list.
    contexts: std::cell::RefCell<rustc_hash::FxHashMap<(usize, &'static str), bool>>,
    /// What [`Reader::heads_have`] found, per section and word list.
    head_lists: std::cell::RefCell<rustc_hash::FxHashMap<(usize, &'static str), bool>>,
    /// Where each exclusion is stated.
    excluded: Vec<super::Excluded>,
    /// Where list items' values are written.
    placed: Vec<super::Placed>,
}

pub(super) fn read(paper: &Paper, kind: Kind, terms: &Terms) -> Reading {
    let (sections, section_of, heads) = sections(paper, kind);
    let mut r = Reader {
        paper,
        kind,
        terms,
        section_of,
        heads,
        found: Vec::new(),
        dropped: Vec::new(),
        unread: Vec::new(),
        tiers: Vec::new(),
        tiers_at: Gathered::new("sla.credit_tiers", "service-credit table"),
        severities: Vec::new(),
        severities_at: Gathered::new("support.severities", "severity table"),
        exclusions: Gathered::new("sla.exclusions", "exclusions"),
        sessions: Gathered::new("training.sessions", "training schedule"),
        lists: Vec::new(),
        lead_ins: Default::default(),
        contexts: Default::default(),
        head_lists: Default::default(),
        excluded: Vec::new(),
        placed: Vec::new(),
    };
    let mut i = 0;
    // The severity items of the current list, for levels named only by their order.
    let mut run = 0usize;
    while i < paper.paragraphs.len() {
        let p = &paper.paragraphs[i];
        if p.heading.is_some() {
            run = 0;
            i += 1;
            continue;
        }
        if p.cells.is_some() {
            let mut j = i;
            while j < paper.paragraphs.len() && paper.paragraphs[j].cells.is_some() {
                j += 1;
                // A new head row starts a new table.
                if j < paper.paragraphs.len() && paper.paragraphs[j].header {
                    break;
                }
            }
            r.table(i, j);
            i = j;
            continue;
        }
        if !p.list {
            run = 0;
        }
        // The paragraph is read once; its severity levels, and each sentence, take its
        // tokens.
        let all = tokens(&p.text, true);
        if r.severity_paragraph(i, &all, &mut run) {
            r.keep_lead_in(i, all);
            i += 1;
            continue;
        }
        for range in lex::sentences(&p.text) {
            let from = all.partition_point(|t| t.start < range.start);
            let to = all.partition_point(|t| t.end <= range.end);
            let s = Sent {
                para: i,
                at: range.start,
                text: &p.text,
                quote: &p.text[range.clone()],
                toks: std::borrow::Cow::Borrowed(&all[from..to.max(from)]),
            };
            r.sentence(&s);
        }
        r.keep_lead_in(i, all);
        i += 1;
    }
    r.finish();
    let (parties, stated) = parties(paper, terms);
    for (field, value, para) in stated {
        let place = place_of(paper, kind, para, 0);
        r.found.push(Found {
            field: field.into(),
            value: json!(value),
            place,
            quote: paper.paragraphs[para].text.clone(),
            by: "party definitions".into(),
            para,
            span: None,
            section: r.section_of[para],
        });
    }
    Reading {
        excluded: std::mem::take(&mut r.excluded),
        placed: std::mem::take(&mut r.placed),
        found: r.found,
        dropped: r.dropped,
        unread: r.unread,
        parties,
        sections,
    }
}

/// The paper's sections, and for each paragraph its section and the tokens of its
/// headings.
fn sections(paper: &Paper, kind: Kind) -> (Vec<Section>, Vec<usize>, Vec<std::rc::Rc<[Token]>>) {
    let mut sections = vec![Section {
        heading: None,
        number: None,
        place: place_of(paper, kind, 0, 0),
        first: 0,
    }];
    let mut of = Vec::new();
    let mut heads = Vec::new();
    // The headings above: (level, tokens).
    let mut stack: Vec<(u8, Vec<Token>)> = Vec::new();
    let mut current: std::rc::Rc<[Token]> = std::rc::Rc::from(Vec::new());
    for (i, p) in paper.paragraphs.iter().enumerate() {
        if let Some(level) = p.heading {
            stack.retain(|(l, _)| *l < level);
            stack.push((level, lex::lex(&p.text)));
            current = stack.iter().flat_map(|(_, t)| t.iter().cloned()).collect();
            sections.push(Section {
                heading: Some(p.text.clone()),
                number: p.number.clone(),
                place: place_of(paper, kind, i, 0),
                first: i,
            });
        }
        of.push(sections.len() - 1);
        heads.push(current.clone());
    }
    (sections, of, heads)
}

fn place_of(paper: &Paper, kind: Kind, para: usize, offset: usize) -> Place {
    let Some(p) = paper.paragraphs.get(para) else {
        return Place {
            file: paper.name.clone(),
            line: None,
            column: None,
            paragraph: None,
        };
    };
    match kind {
        Kind::Word => Place {
            file: paper.name.clone(),
            line: None,
            column: None,
            paragraph: Some(p.line),
        },
        _ => {
            let (line, column) = p.place(offset);
            Place {
                file: paper.name.clone(),
                line: Some(line),
                column: Some(column),
                paragraph: None,
            }
        }
    }
}

/// The tokens of a stretch of text, without the clause number that opens a paragraph
/// ("2.4 If ...", "3. The ...", "(b) ..."): a number there numbers the clause, it is no value.
fn tokens(text: &str, opens_paragraph: bool) -> Vec<Token> {
    let mut toks = lex::lex(text);
    if opens_paragraph
        && let Some(first) = toks.first()
        && first.start == 0
        && matches!(first.tok, Tok::Number(_) | Tok::Word(_))
    {
        let raw = &text[first.start..first.end];
        let numbering = raw.chars().next().is_some_and(|c| c.is_ascii_digit())
            && raw.chars().all(|c| c.is_ascii_digit() || c == '.')
            && text[first.end..].starts_with([' ', '.', ')'])
            && toks.len() > 1;
        if numbering {
            toks.remove(0);
        }
    }
    toks
}

/// Whether any of the word sequences occurs in the tokens.
fn has(toks: &[Token], seqs: &[Vec<String>]) -> bool {
    // Where a sequence can start: a word with the first letter of one's first word, a
    // number where one opens with figures; anywhere when one is empty or opens with `*`.
    let mut letters = [false; 256];
    let mut figures = false;
    let mut anywhere = false;
    for s in seqs {
        match s.first().and_then(|w| w.as_bytes().first()) {
            None | Some(b'*') => anywhere = true,
            Some(&b) => {
                // Figures match a number, or a word they open ("24x7").
                figures |= b.is_ascii_digit();
                letters[usize::from(b)] = true;
            }
        }
    }
    (0..toks.len()).any(|i| {
        let can = anywhere
            || match &toks[i].tok {
                Tok::Word(w) => w
                    .as_bytes()
                    .first()
                    .is_some_and(|&b| letters[usize::from(b)]),
                Tok::Number(_) => figures,
                _ => false,
            };
        can && seqs.iter().any(|s| seq_matches(s, &toks[i..]))
    })
}

/// The index just after the first occurrence of any of the word sequences.
fn after(toks: &[Token], seqs: &[Vec<String>]) -> Option<usize> {
    (0..toks.len()).find_map(|i| {
        seqs.iter()
            .find(|s| seq_matches(s, &toks[i..]))
            .map(|s| i + s.len())
    })
}

/// The value named by keyed word lists that occurs first in the tokens.
fn keyed_in<'k>(toks: &[Token], keyed: &'k [Keyed]) -> Option<&'k str> {
    (0..toks.len()).find_map(|i| {
        keyed
            .iter()
            .find(|k| k.words.iter().any(|w| seq_matches(w, &toks[i..])))
            .map(|k| k.value.as_str())
    })
}

fn is_quantity(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Percent(_) | Tok::Duration { .. } | Tok::Money { .. } | Tok::Time(_)
    )
}

/// A pattern's match: token range and captured slots (kind, name, token index).
struct Hit {
    start: usize,
    end: usize,
    caps: Vec<(Slot, Option<String>, usize)>,
}

/// Whether token `t` can fill a slot that writes fields of the given units: a duration
/// only where it can be said in them (months are no number of minutes), so that "three
/// consecutive months" is never read as a downtime threshold.
fn slot_ok(slot: Slot, t: &Tok, wants: &[Want]) -> bool {
    let fits = |unit: Unit| {
        wants.iter().all(|w| match w {
            Want::Minutes | Want::Hours | Want::Days => {
                !matches!(unit, Unit::Months | Unit::Quarters | Unit::Years)
            }
            Want::Months => matches!(unit, Unit::Months | Unit::Quarters | Unit::Years),
            Want::Plain => true,
        })
    };
    match (slot, t) {
        (Slot::Pct, Tok::Percent(_)) => true,
        (Slot::Dur, Tok::Duration { unit, .. }) => fits(*unit),
        (
            Slot::Run,
            Tok::Duration {
                unit, consecutive, ..
            },
        ) => *consecutive && fits(*unit),
        (Slot::Num, Tok::Number(_)) => true,
        (Slot::Num, Tok::Duration { unit, .. }) => fits(*unit),
        (Slot::Money, Tok::Money { .. }) => true,
        (Slot::Time, Tok::Time(_)) => true,
        (Slot::Zone, Tok::Zone(_)) => true,
        _ => false,
    }
}

/// The leaves a slot writes: the term's field, or the fields below it it names.
fn slot_leaves(field: &str, name: Option<&str>) -> Vec<String> {
    match name {
        Some(n) => n.split(',').map(|n| format!("{field}.{n}")).collect(),
        None => vec![field.to_string()],
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A date at token `i`: "1 March 2027", "March 1, 2027", "2027-03-01"; (ISO date, tokens).
fn date_at(toks: &[Token], i: usize) -> Option<(String, usize)> {
    let num = |k: usize| match toks.get(k).map(|t| &t.tok) {
        Some(Tok::Number(n)) if n.fract() == 0.0 && *n >= 0.0 => Some(*n as u32),
        _ => None,
    };
    let month = |k: usize| match toks.get(k).map(|t| &t.tok) {
        Some(Tok::Word(w)) => MONTHS
            .iter()
            .position(|m| m == w || (w.len() >= 3 && m.starts_with(w.trim_end_matches('.'))))
            .map(|m| m as u32 + 1),
        _ => None,
    };
    let sym = |k: usize, c: char| toks.get(k).is_some_and(|t| t.tok == Tok::Symbol(c));
    let ok = |y: u32, m: u32, d: u32| {
        jiff::civil::Date::new(y as i16, m as i8, d as i8)
            .ok()
            .filter(|_| (1900..=2200).contains(&y))
            .map(|date| date.to_string())
    };
    // 1 March 2027
    if let (Some(d), Some(m), Some(y)) = (num(i), month(i + 1), num(i + 2)) {
        return ok(y, m, d).map(|s| (s, 3));
    }
    // March 1, 2027
    if let (Some(m), Some(d)) = (month(i), num(i + 1)) {
        let k = if sym(i + 2, ',') { i + 3 } else { i + 2 };
        if let Some(y) = num(k) {
            return ok(y, m, d).map(|s| (s, k + 1 - i));
        }
    }
    // 2027-03-01
    if let (Some(y), true, Some(m), true, Some(d)) = (
        num(i),
        sym(i + 1, '–'),
        num(i + 2),
        sym(i + 3, '–'),
        num(i + 4),
    ) {
        return ok(y, m, d).map(|s| (s, 5));
    }
    None
}

/// What a pattern is matched against: the sentence's text and tokens, and the field its
/// term writes (for the units a slot must fit).
struct Target<'a> {
    field: &'a str,
    text: &'a str,
    toks: &'a [Token],
}

/// Words that end a document's or a role's name, which is no product name.
const NOT_NAMES: &[&str] = &[
    "agreement",
    "form",
    "schedule",
    "annex",
    "terms",
    "addendum",
    "policy",
    "order",
    "sla",
    "section",
    "exhibit",
    "appendix",
    "customer",
    "provider",
    "services",
    "service",
    "date",
    "commitment",
    "period",
];

/// Whether the token's text starts with a capital letter (or a digit).
fn capital(t: &Target, k: usize) -> bool {
    t.toks.get(k).is_some_and(|x| {
        matches!(x.tok, Tok::Word(_) | Tok::Number(_))
            && t.text[x.start..x.end]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    })
}

fn word_is(t: &Target, k: usize, w: &str) -> bool {
    matches!(t.toks.get(k).map(|x| &x.tok), Some(Tok::Word(x)) if x == w)
}

/// Product names at token `i`: capitalised runs of at least two words, an optional "the"
/// before each, a parenthesis after each skipped, joined by commas, "and" or "or".
fn names_at(t: &Target, i: usize) -> Option<(Vec<String>, usize)> {
    let mut k = i;
    let mut names = Vec::new();
    loop {
        if word_is(t, k, "the") {
            k += 1;
        }
        let start = k;
        while capital(t, k) {
            k += 1;
        }
        if k - start < 2 {
            break;
        }
        let last = &t.toks[k - 1];
        if matches!(&last.tok, Tok::Word(w) if NOT_NAMES.contains(&w.as_str())) {
            break;
        }
        names.push(t.text[t.toks[start].start..last.end].to_string());
        let end_of_name = k;
        // "(500 seats)", "(the "Platform")".
        if t.toks.get(k).is_some_and(|x| x.tok == Tok::Symbol('(')) {
            let close = (k..t.toks.len()).find(|&j| t.toks[j].tok == Tok::Symbol(')'))?;
            k = close + 1;
        }
        let sep = |j: usize| {
            t.toks.get(j).is_some_and(|x| x.tok == Tok::Symbol(','))
                || word_is(t, j, "and")
                || word_is(t, j, "or")
        };
        if sep(k) {
            let mut j = k + 1;
            if sep(j) {
                j += 1;
            }
            if capital(t, j) || (word_is(t, j, "the") && capital(t, j + 1)) {
                k = j;
                continue;
            }
        }
        k = k.max(end_of_name);
        break;
    }
    (!names.is_empty()).then_some((names, k - i))
}

/// A company's legal name at token `i`: capitalised words up to a legal form.
fn company_at(t: &Target, i: usize) -> Option<(String, usize)> {
    let mut k = i;
    while k < t.toks.len() && (capital(t, k) || t.toks[k].tok == Tok::Symbol(',')) {
        let raw = &t.text[t.toks[k].start..];
        let word = raw.split_whitespace().next().unwrap_or("");
        if k > i && is_company(word) {
            let end = t.toks[k].start + word.trim_end_matches(',').len();
            return Some((t.text[t.toks[i].start..end].to_string(), k + 1 - i));
        }
        k += 1;
    }
    None
}

fn match_at(
    steps: &[Step],
    t: &Target,
    ti: usize,
    caps: &mut Vec<(Slot, Option<String>, usize)>,
) -> Option<usize> {
    let Some(step) = steps.first() else {
        return Some(ti);
    };
    let rest = &steps[1..];
    let toks = t.toks;
    match step {
        Step::Words(alts) => alts.iter().find_map(|alt| {
            (ti <= toks.len() && seq_matches(alt, &toks[ti..]))
                .then(|| match_at(rest, t, ti + alt.len(), caps))
                .flatten()
        }),
        Step::Gap(n) => (0..=*n)
            .take_while(|k| ti + k <= toks.len())
            .find_map(|k| match_at(rest, t, ti + k, caps)),
        Step::Any => (ti < toks.len())
            .then(|| match_at(rest, t, ti + 1, caps))
            .flatten(),
        Step::Slot(kind @ (Slot::Date | Slot::Names | Slot::Company), name) => {
            let len = match kind {
                Slot::Date => date_at(toks, ti)?.1,
                Slot::Names => names_at(t, ti)?.1,
                _ => company_at(t, ti)?.1,
            };
            caps.push((*kind, name.clone(), ti));
            if let Some(e) = match_at(rest, t, ti + len, caps) {
                return Some(e);
            }
            caps.pop();
            None
        }
        Step::Slot(kind, name) => {
            // The units of the fields the slot writes, by their names (they matter for a
            // duration only).
            let mut wants = [Want::Plain; 4];
            let mut n = 0;
            let timed = toks
                .get(ti)
                .is_some_and(|x| matches!(x.tok, Tok::Duration { .. }));
            match name {
                _ if !timed => {}
                Some(names) => {
                    for x in names.split(',').take(wants.len()) {
                        wants[n] = want_of(x);
                        n += 1;
                    }
                }
                None => {
                    wants[0] = want_of(t.field);
                    n = 1;
                }
            }
            if ti < toks.len() && slot_ok(*kind, &toks[ti].tok, &wants[..n]) {
                caps.push((*kind, name.clone(), ti));
                if let Some(e) = match_at(rest, t, ti + 1, caps) {
                    return Some(e);
                }
                caps.pop();
            }
            None
        }
        Step::Symbol(c) => (ti < toks.len() && toks[ti].tok == Tok::Symbol(*c))
            .then(|| match_at(rest, t, ti + 1, caps))
            .flatten(),
    }
}

fn find(p: &Pattern, t: &Target) -> Option<Hit> {
    (0..t.toks.len()).find_map(|start| {
        let mut caps = Vec::new();
        match_at(&p.steps, t, start, &mut caps).map(|end| Hit { start, end, caps })
    })
}

/// The byte ranges of a text between quotation marks.
fn quoted(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('“', _) => open = Some(i),
            ('”', Some(o)) | ('"', Some(o)) => {
                out.push((o, i));
                open = None;
            }
            ('"', None) => open = Some(i),
            _ => {}
        }
    }
    out
}

/// Minutes, hours, days or months: the unit a field's name gives its value in.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Want {
    Minutes,
    Hours,
    Days,
    Months,
    Plain,
}

fn want_of(leaf: &str) -> Want {
    let name = leaf.rsplit('.').next().unwrap_or(leaf);
    if name.contains("minutes") {
        Want::Minutes
    } else if name.contains("hours") {
        Want::Hours
    } else if name.contains("days") || name == "days" {
        Want::Days
    } else if name.contains("months") {
        Want::Months
    } else {
        Want::Plain
    }
}

fn unit_words(u: Unit) -> &'static str {
    match u {
        Unit::Minutes => "minutes",
        Unit::Hours => "hours",
        Unit::BusinessHours => "business hours",
        Unit::Days => "days",
        Unit::BusinessDays => "business days",
        Unit::Weeks => "weeks",
        Unit::Months => "months",
        Unit::Quarters => "quarters",
        Unit::Years => "years",
    }
}

/// A duration in the unit a field wants, or why it cannot be.
fn convert_duration(value: f64, unit: Unit, want: Want) -> Result<f64, String> {
    let exact = |x: f64| -> Result<f64, String> {
        if (x - x.round()).abs() < 1e-9 {
            Ok(x.round())
        } else {
            Err(format!(
                "{} {} is not a whole number of the field's unit",
                crate::wording::decimal(value),
                unit_words(unit)
            ))
        }
    };
    let business = || {
        Err(format!(
            "{} {} count only within business hours, which the deal format does not hold",
            crate::wording::decimal(value),
            unit_words(unit)
        ))
    };
    match want {
        Want::Minutes => match lex::minutes(value, unit) {
            Some(m) => exact(m),
            None if matches!(unit, Unit::BusinessHours | Unit::BusinessDays) => business(),
            None => Err(format!(
                "{} {} is not a number of minutes",
                crate::wording::decimal(value),
                unit_words(unit)
            )),
        },
        Want::Hours => match lex::minutes(value, unit) {
            Some(m) => exact(m / 60.0),
            None if matches!(unit, Unit::BusinessHours | Unit::BusinessDays) => business(),
            None => Err(format!(
                "{} {} is not a number of hours",
                crate::wording::decimal(value),
                unit_words(unit)
            )),
        },
        Want::Days => match unit {
            Unit::Days => exact(value),
            Unit::Weeks => exact(value * 7.0),
            Unit::Hours | Unit::Minutes => match lex::minutes(value, unit) {
                Some(m) if (m / 1440.0).fract() == 0.0 => Ok(m / 1440.0),
                _ => Err(format!(
                    "{} {} is not a whole number of days",
                    crate::wording::decimal(value),
                    unit_words(unit)
                )),
            },
            Unit::BusinessDays | Unit::BusinessHours => business(),
            _ => Err(format!(
                "{} {} is not a number of days",
                crate::wording::decimal(value),
                unit_words(unit)
            )),
        },
        Want::Months => match unit {
            Unit::Months => exact(value),
            Unit::Quarters => exact(value * 3.0),
            Unit::Years => exact(value * 12.0),
            _ => Err(format!(
                "{} {} is not a number of months",
                crate::wording::decimal(value),
                unit_words(unit)
            )),
        },
        Want::Plain => Ok(value),
    }
}

fn number(x: f64) -> Value {
    if x.fract() == 0.0 && (0.0..1e15).contains(&x) {
        json!(x as u64)
    } else {
        json!(x)
    }
}

/// A captured token as the value of field `leaf`.
pub(super) fn value_of(t: &Tok, leaf: &str) -> Result<Value, String> {
    let want = want_of(leaf);
    match t {
        Tok::Percent(p) => Ok(number(*p)),
        Tok::Number(n) => Ok(number(*n)),
        Tok::Duration { value, unit, .. } => {
            if want == Want::Plain {
                Ok(number(*value))
            } else {
                convert_duration(*value, *unit, want).map(number)
            }
        }
        Tok::Money { amount, currency } => {
            Ok(json!({"amount": number(*amount), "currency": currency}))
        }
        Tok::Time(m) => Ok(json!(format!("{:02}:{:02}", m / 60, m % 60))),
        Tok::Zone(z) => Ok(json!(z)),
        _ => Err("not a value".into()),
    }
}

impl Reader<'_> {
    fn place(&self, para: usize, offset: usize) -> Place {
        place_of(self.paper, self.kind, para, offset)
    }

    fn push(&mut self, s: &Sent, field: &str, value: Value, by: &str) {
        self.push_at(s, field, value, by, None);
    }

    /// [`Reader::push`], with where in the paragraph's text the value is written.
    fn push_at(
        &mut self,
        s: &Sent,
        field: &str,
        value: Value,
        by: &str,
        span: Option<std::ops::Range<usize>>,
    ) {
        let place = self.place(s.para, s.at);
        self.found.push(Found {
            field: field.into(),
            value,
            place,
            quote: s.quote.to_string(),
            by: by.into(),
            para: s.para,
            span,
            section: self.section_of[s.para],
        });
    }

    fn unread(&mut self, s: &Sent, note: &str) {
        let place = self.place(s.para, s.at);
        self.unread.push(Unread {
            place,
            text: s.quote.to_string(),
            note: note.into(),
            section: self.section_of[s.para],
            para: s.para,
        });
    }

    fn words(&self, name: &str) -> &[Vec<String>] {
        self.terms.words(name)
    }

    /// Whether the section headings of a paragraph, or the paragraph before it (the
    /// lead-in of a list or table), have any of the words of a list.
    fn context_has(&self, para: usize, list: &'static str) -> bool {
        if let Some(&known) = self.contexts.borrow().get(&(para, list)) {
            return known;
        }
        let found = self.context_has_uncached(para, list);
        self.contexts.borrow_mut().insert((para, list), found);
        found
    }

    /// Keeps the tokens of a paragraph read, for the paragraphs after it that it leads in
    /// (a list's or a table's): only a paragraph that is neither a list item nor a row.
    fn keep_lead_in(&self, para: usize, toks: Vec<Token>) {
        let p = &self.paper.paragraphs[para];
        if !p.list && p.cells.is_none() {
            self.lead_ins.borrow_mut().insert(para, toks);
        }
    }

    /// Whether the section headings of a paragraph have any of the words of a list.
    fn heads_have(&self, para: usize, list: &'static str) -> bool {
        let key = (self.section_of[para], list);
        if let Some(&known) = self.head_lists.borrow().get(&key) {
            return known;
        }
        let found = has(&self.heads[para], self.words(list));
        self.head_lists.borrow_mut().insert(key, found);
        found
    }

    fn context_has_uncached(&self, para: usize, list: &'static str) -> bool {
        if self.heads_have(para, list) {
            return true;
        }
        let seqs = self.words(list);
        // The nearest paragraph above that is neither a list item nor a row.
        let mut k = para;
        while k > 0 {
            k -= 1;
            let p: &Paragraph = &self.paper.paragraphs[k];
            if p.heading.is_some() {
                return false;
            }
            if !p.list && p.cells.is_none() {
                let mut cache = self.lead_ins.borrow_mut();
                let toks = cache.entry(k).or_insert_with(|| lex::lex(&p.text));
                return has(toks, seqs);
            }
        }
        false
    }

    fn sentence(&mut self, s: &Sent) {
        let before = (
            self.found.len(),
            self.tiers.len(),
            self.severities.len(),
            self.exclusions.items.len(),
            self.lists.iter().map(|g| g.items.len()).sum::<usize>(),
        );
        // The sentence's words, once: most word lists are ruled out by them.
        let bag = Bag::of(&s.toks);
        let says = |seqs: &[Vec<String>]| bag.may_any(seqs) && has(&s.toks, seqs);
        let credit_context = says(self.words("credit")) || self.context_has(s.para, "credit");
        if credit_context && self.tier(s, None) {
            return;
        }
        self.hours(s);
        let in_exclusions = self.heads_have(s.para, "exclusion_headings");
        let mut excluded_something = false;
        // A sentence that says what counts ("... is Downtime") excludes nothing.
        if (in_exclusions || says(self.words("exclusion_triggers")))
            && !says(self.words("not_excluded"))
        {
            excluded_something = self.exclusions_in(s, 0);
        }
        self.terms_on(s, &bag);
        let after_count = (
            self.found.len(),
            self.tiers.len(),
            self.severities.len(),
            self.exclusions.items.len(),
            self.lists.iter().map(|g| g.items.len()).sum::<usize>(),
        );
        if before == after_count && !excluded_something {
            let commitment = says(self.words("commitment"));
            let quantity = s.toks.iter().any(|t| is_quantity(&t.tok));
            if in_exclusions && !s.quote.trim_end().ends_with(':') {
                self.unread(
                    s,
                    "listed as an exclusion, but matches none of the deal's exclusions",
                );
            } else if commitment || quantity {
                self.unread(s, "");
            }
        }
    }

    /// Runs every term on a sentence. Of the terms that write one field, the first that
    /// matches wins.
    fn terms_on(&mut self, s: &Sent, bag: &Bag) {
        let quotes: Vec<(usize, usize)> = quoted(s.quote)
            .into_iter()
            .map(|(a, b)| (a + s.at, b + s.at))
            .collect();
        let negation = self.words("negation").to_vec();
        let terms = self.terms;
        let head_toks = self.heads[s.para].clone();
        let heads = Bag::of(&head_toks);
        let mut done: Vec<String> = Vec::new();
        for i in terms.candidates(bag.sorted.iter().copied()) {
            let term = &terms.terms[i];
            let fixed = term.set.is_some() || term.add.is_some() || term.set_from.is_some();
            if fixed && term.add.is_none() && done.contains(&term.field) {
                continue;
            }
            // Most terms cannot match most sentences: their words are not there.
            if !term.patterns.iter().any(|p| bag.may_match(p)) {
                continue;
            }
            if bag.may_any(&term.unless) && has(&s.toks, &term.unless) {
                continue;
            }
            let within = term.within.is_empty()
                || bag.may_any(&term.within) && has(&s.toks, &term.within)
                || heads.may_any(&term.within) && has(&head_toks, &term.within);
            if !within {
                continue;
            }
            for p in &term.patterns {
                if !bag.may_match(p) {
                    continue;
                }
                let target = Target {
                    field: &term.field,
                    text: s.text,
                    toks: &s.toks,
                };
                let Some(hit) = find(p, &target) else {
                    continue;
                };
                if fixed {
                    // Words inside quotation marks are quoted, not stated.
                    let (a, b) = (s.toks[hit.start].start, s.toks[hit.end - 1].end);
                    if quotes.iter().any(|(qa, qb)| *qa <= a && b <= *qb + 1) {
                        continue;
                    }
                }
                // A pattern that spells a negation out ("at no additional charge") says
                // what it means itself.
                let self_negating = p.steps.iter().any(|st| match st {
                    Step::Words(alts) => alts
                        .iter()
                        .flatten()
                        .any(|w| negation.iter().any(|n| n.len() == 1 && n[0] == *w)),
                    _ => false,
                });
                // A negation just before the match or just after it ("is not offered"),
                // but not one of a comparison ("not less than 99.9%").
                let window = hit.start.saturating_sub(3)..(hit.end + 3).min(s.toks.len());
                let negated = fixed && !self_negating && window.clone().any(|k| {
                    negation.iter().any(|n| seq_matches(n, &s.toks[k..]))
                        && !matches!(
                            s.toks.get(k + 1).map(|t| &t.tok),
                            Some(Tok::Word(w)) if matches!(
                                w.as_str(),
                                "less" | "more" | "fewer" | "later" | "longer" | "below" | "above"
                            ) || w.starts_with("exceed")
                        )
                });
                if let Some(item) = &term.add {
                    if negated {
                        continue;
                    }
                    let place = self.place(s.para, s.at);
                    let section = self.section_of[s.para];
                    let g = match self.lists.iter_mut().position(|g| g.field == term.field) {
                        Some(i) => &mut self.lists[i],
                        None => {
                            self.lists.push(Gathered::new(&term.field, &term.id));
                            self.lists.last_mut().expect("just pushed")
                        }
                    };
                    g.add(item.clone(), place, s.quote, s.para, section);
                    break;
                }
                if let Some(from) = &term.set_from {
                    if negated {
                        continue;
                    }
                    match self.found.iter().find(|f| f.field == *from) {
                        Some(f) => {
                            let v = f.value.clone();
                            self.push(s, &term.field, v, &term.id);
                            done.push(term.field.clone());
                        }
                        None => self.unread(
                            s,
                            &format!(
                                "it refers to {from}, which the paper does not state before it"
                            ),
                        ),
                    }
                    break;
                }
                if term.set.is_some() {
                    let value = if negated {
                        match &term.negated {
                            Some(v) => v.clone(),
                            None => continue,
                        }
                    } else {
                        term.set.clone().unwrap_or(Value::Null)
                    };
                    let span = s.toks[hit.start].start..s.toks[hit.end - 1].end;
                    self.push_at(s, &term.field, value, &term.id, Some(span));
                    done.push(term.field.clone());
                    break;
                }
                // Slots: each writes the term's field or the fields below it it names.
                let mut values = Vec::new();
                let mut why = None;
                for (slot, name, ti) in &hit.caps {
                    // The value as written: a slot's one token (a date, names or a company
                    // span several and are not placed).
                    let span = (!matches!(slot, Slot::Date | Slot::Names | Slot::Company))
                        .then(|| s.toks[*ti].start..s.toks[*ti].end);
                    for leaf in slot_leaves(&term.field, name.as_deref()) {
                        if done.contains(&leaf) {
                            continue;
                        }
                        let v = match slot {
                            Slot::Date => date_at(&s.toks, *ti)
                                .map(|(d, _)| json!(d))
                                .ok_or_else(|| "not a date".to_string()),
                            Slot::Names => names_at(&target, *ti)
                                .map(|(n, _)| json!(n))
                                .ok_or_else(|| "no names".to_string()),
                            Slot::Company => company_at(&target, *ti)
                                .map(|(n, _)| json!(n))
                                .ok_or_else(|| "no name".to_string()),
                            _ => value_of(&s.toks[*ti].tok, &leaf),
                        };
                        match v {
                            Ok(v) => values.push((leaf, v, span.clone())),
                            Err(w) => why = Some(w),
                        }
                    }
                }
                if let Some(w) = why {
                    self.unread(s, &w);
                    break;
                }
                if values.is_empty() {
                    continue;
                }
                for (leaf, v, span) in values {
                    self.push_at(s, &leaf, v, &term.id, span);
                    done.push(leaf);
                }
                break;
            }
        }
    }

    /// A service-credit tier in a row or sentence: its upper bound and credit. `cells`:
    /// the row's cells as tokens, the credit in the last.
    fn tier(&mut self, s: &Sent, cells: Option<&[Vec<Token>]>) -> bool {
        let toks = &s.toks;
        let pcts: Vec<usize> = (0..toks.len())
            .filter(|&i| matches!(toks[i].tok, Tok::Percent(_)))
            .collect();
        if pcts.len() < 2 {
            return false;
        }
        let pct = |i: usize| match toks[i].tok {
            Tok::Percent(p) => p,
            _ => 0.0,
        };
        // The credit: in the last cell; or next to a credit word; or the last percentage.
        let credit_words = self.words("credit").to_vec();
        let credit_at = match cells {
            Some(c) => {
                let last = c.last().map_or(0, Vec::len);
                let Some(&i) = pcts.iter().rev().find(|&&i| i + last >= toks.len()) else {
                    return false;
                };
                i
            }
            None => *pcts
                .iter()
                .find(|&&i| {
                    has(&toks[i + 1..(i + 4).min(toks.len())], &credit_words)
                        || (i >= 2 && has(&toks[i - 2..i], &credit_words))
                })
                .unwrap_or(pcts.last().expect("two percentages")),
        };
        let below = self.words("below").to_vec();
        let at_least = self.words("at_least").to_vec();
        let mut upper: Option<f64> = None;
        let mut free: Vec<f64> = Vec::new();
        let mut lower = false;
        for &i in pcts.iter().filter(|&&i| i != credit_at) {
            let from = pcts
                .iter()
                .rev()
                .find(|&&j| j < i)
                .map_or(0, |&j| j + 1)
                .max(i.saturating_sub(6));
            let lead = &toks[from..i];
            let trail = &toks[i + 1..(i + 3).min(toks.len())];
            let is_upper = has(lead, &below)
                || lead.iter().any(|t| matches!(t.tok, Tok::Symbol('<' | '≤')))
                || has(
                    trail,
                    &[
                        vec!["or".into(), "less".into()],
                        vec!["or".into(), "below".into()],
                    ],
                );
            let is_lower = has(lead, &at_least)
                || lead.iter().any(|t| matches!(t.tok, Tok::Symbol('>' | '≥')))
                || has(
                    trail,
                    &[
                        vec!["or".into(), "more".into()],
                        vec!["or".into(), "above".into()],
                        vec!["or".into(), "higher".into()],
                    ],
                );
            if is_upper && !is_lower {
                upper = Some(upper.map_or(pct(i), |u: f64| u.min(pct(i))));
            } else if is_lower {
                lower = true;
            } else {
                free.push(pct(i));
            }
        }
        let bound = match (upper, free.as_slice()) {
            (Some(u), _) => u,
            (None, [a, b, ..]) => a.max(*b),
            (None, [a]) if lower => *a,
            _ => return false,
        };
        // A single free bound beside a lower bound ("at least 95% and 99%"): the free one
        // is the top of the range.
        let credit = pct(credit_at);
        if !(0.0 < credit && credit <= 100.0 && 0.0 < bound && bound <= 100.0) {
            return false;
        }
        self.tiers.push((bound, credit));
        let place = self.place(s.para, s.at);
        let section = self.section_of[s.para];
        self.tiers_at
            .add(json!([bound, credit]), place, s.quote, s.para, section);
        true
    }

    /// A paragraph that gives severity levels and their response times: a list item in a
    /// severity context ("Priority 1 (Critical): initial response within 4 hours..."; a
    /// level named only by its place in the list is taken by its order), or a sentence
    /// naming levels by number with response times ("respond to a Severity 1 incident
    /// within one hour, and to a Severity 2 incident within four hours"). Each level's
    /// stretch runs to the next level named.
    fn severity_paragraph(&mut self, i: usize, toks: &[Token], run: &mut usize) -> bool {
        let p = &self.paper.paragraphs[i];
        let responds = has(toks, self.words("response"));
        if !(responds || p.list) {
            return false;
        }
        let context = has(toks, self.words("severity")) || self.context_has(i, "severity");
        if !(responds || context) {
            return false;
        }
        // Where each level is named: in prose only by a number ("Severity 1", "P1").
        let mut named: Vec<(usize, String)> = Vec::new();
        let mut k = 0;
        while k < toks.len() {
            let hit = self.terms.levels.iter().find_map(|lv| {
                lv.words
                    .iter()
                    .filter(|w| seq_matches(w, &toks[k..]))
                    .filter(|w| p.list || w.iter().any(|x| x.chars().any(|c| c.is_ascii_digit())))
                    .map(|w| (lv.value.clone(), w.len()))
                    .next()
            });
            match hit {
                Some((level, len)) => {
                    named.push((k, level));
                    k += len;
                }
                None => k += 1,
            }
        }
        if named.is_empty() {
            let first_word = toks.first().is_some_and(|t| matches!(t.tok, Tok::Word(_)));
            let timed = toks.iter().any(|t| matches!(t.tok, Tok::Duration { .. }));
            if p.list && context && first_word && timed && *run < 4 {
                named.push((0, format!("P{}", *run + 1)));
            } else {
                return false;
            }
        } else if p.list && named[0].0 > 4 {
            return false;
        }
        let s = Sent {
            para: i,
            at: 0,
            text: &p.text,
            quote: &p.text,
            toks: std::borrow::Cow::Borrowed(toks),
        };
        let mut levels: Vec<(String, Vec<Token>)> = Vec::new();
        for (n, (at, level)) in named.iter().enumerate() {
            let end = named.get(n + 1).map_or(toks.len(), |x| x.0);
            match levels.iter_mut().find(|(l, _)| l == level) {
                Some((_, seg)) => seg.extend(toks[*at..end].iter().cloned()),
                None => levels.push((level.clone(), toks[*at..end].to_vec())),
            }
        }
        let mut any = false;
        for (level, seg) in levels {
            any |= self.severity_row(&s, &level, &seg, &seg, None);
        }
        if any && p.list {
            *run += 1;
        }
        any
    }

    /// Adds a severity level: its response from `response` tokens (after a response word,
    /// or the first duration), its update interval from `update` tokens.
    fn severity_row(
        &mut self,
        s: &Sent,
        level: &str,
        response: &[Token],
        update: &[Token],
        definition: Option<String>,
    ) -> bool {
        let resp_words = self.words("response").to_vec();
        let upd_words = self.words("update").to_vec();
        let same = std::ptr::eq(response, update);
        let dur_after = |toks: &[Token], words: &[Vec<String>]| -> Option<usize> {
            let k = after(toks, words)?;
            (k..toks.len().min(k + 8)).find(|&i| {
                matches!(toks[i].tok, Tok::Duration { .. }) || is_every(toks, i).is_some()
            })
        };
        let r_at = dur_after(response, &resp_words).or_else(|| {
            (0..response.len()).find(|&i| matches!(response[i].tok, Tok::Duration { .. }))
        });
        let Some(r_at) = r_at else { return false };
        let u_at = if same {
            dur_after(update, &upd_words).filter(|&i| i != r_at)
        } else {
            dur_after(update, &upd_words).or_else(|| {
                (0..update.len()).find(|&i| {
                    matches!(update[i].tok, Tok::Duration { .. }) || is_every(update, i).is_some()
                })
            })
        };
        let minutes = |toks: &[Token], i: usize| -> Result<f64, String> {
            if let Some(m) = is_every(toks, i) {
                return Ok(m);
            }
            match toks[i].tok {
                Tok::Duration { value, unit, .. } => convert_duration(value, unit, Want::Minutes),
                _ => Err("no time".into()),
            }
        };
        let resp = match minutes(response, r_at) {
            Ok(m) => m,
            Err(why) => {
                self.unread(s, &format!("{level} response: {why}"));
                return true;
            }
        };
        let mut item = json!({"level": level, "response_minutes": number(resp)});
        if let Some(d) = definition {
            item["definition"] = json!(d);
        }
        if let Some(u) = u_at {
            match minutes(update, u) {
                Ok(m) => item["update_minutes"] = number(m),
                Err(why) => self.unread(s, &format!("{level} updates: {why}")),
            }
        }
        if self.severities.iter().any(|x| x["level"] == item["level"]) {
            return true;
        }
        // Where each time is written, where it is one figure (not "every hour").
        let written = |toks: &[Token], i: usize| {
            matches!(toks[i].tok, Tok::Duration { .. }).then(|| toks[i].start..toks[i].end)
        };
        if let Some(span) = written(response, r_at) {
            self.placed.push(super::Placed {
                field: format!("support.severities[level={level}].response_minutes"),
                value: resp,
                para: s.para,
                span,
            });
        }
        if let (Some(u), Some(m)) = (u_at, item["update_minutes"].as_f64())
            && let Some(span) = written(update, u)
        {
            self.placed.push(super::Placed {
                field: format!("support.severities[level={level}].update_minutes"),
                value: m,
                para: s.para,
                span,
            });
        }
        self.severities.push(item.clone());
        let place = self.place(s.para, s.at);
        let section = self.section_of[s.para];
        self.severities_at
            .add(item, place, s.quote, s.para, section);
        true
    }

    /// Support hours: "9:00 a.m. to 5:00 p.m. Pacific Time, Monday through Friday".
    fn hours(&mut self, s: &Sent) {
        let toks = &s.toks;
        let times: Vec<usize> = (0..toks.len())
            .filter(|&i| matches!(toks[i].tok, Tok::Time(_)))
            .collect();
        let [a, b, ..] = times.as_slice() else { return };
        if b - a > 3 {
            return;
        }
        if !(has(toks, self.words("support_hours")) || self.heads_have(s.para, "support_hours"))
            || has(toks, &[vec!["maintenance".into()]])
        {
            return;
        }
        let (Tok::Time(start), Tok::Time(end)) = (&toks[*a].tok, &toks[*b].tok) else {
            return;
        };
        let zone = toks.iter().find_map(|t| match t.tok {
            Tok::Zone(z) => Some(z),
            _ => None,
        });
        let Some(zone) = zone else {
            self.unread(s, "support hours without a time zone");
            return;
        };
        let hhmm = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
        let mut hours = json!({"timezone": zone, "start": hhmm(*start), "end": hhmm(*end % 1440)});
        if let Some(days) = self.days(toks) {
            hours["days"] = json!(days);
        }
        if *start == 0 && *end >= 1440 {
            return;
        }
        self.push(s, "support.business_hours", hours, "support hours");
        self.push(
            s,
            "support.coverage",
            json!("business_hours"),
            "support hours",
        );
    }

    /// The days of a sentence: a range of weekdays, or words for every day or weekdays.
    fn days(&self, toks: &[Token]) -> Option<Vec<&'static str>> {
        const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        let day = |t: &Token| match &t.tok {
            Tok::Word(w) => lex::weekday(w),
            _ => None,
        };
        for i in 0..toks.len() {
            let Some(a) = day(&toks[i]) else { continue };
            // "Monday through Friday", "Monday to Friday", "Monday – Friday".
            let link = toks.get(i + 1).is_some_and(|t| {
                matches!(&t.tok, Tok::Word(w) if w == "through" || w == "to" || w == "thru" || w == "until")
                    || t.tok == Tok::Symbol('–')
            });
            if link
                && let Some(b) = toks.get(i + 2).and_then(day)
                && b >= a
            {
                return Some(NAMES[a as usize..=b as usize].to_vec());
            }
        }
        if has(toks, self.words("all_week")) {
            return Some(NAMES.to_vec());
        }
        if has(toks, self.words("weekdays")) {
            return Some(NAMES[..5].to_vec());
        }
        None
    }

    /// Exclusions named in a sentence from token `from` on; whether any was.
    fn exclusions_in(&mut self, s: &Sent, from: usize) -> bool {
        let toks = &s.toks[from..];
        let mut any = false;
        for k in &self.terms.exclusions {
            let hit = (0..toks.len()).find_map(|i| {
                k.words
                    .iter()
                    .find(|w| !w.is_empty() && seq_matches(w, &toks[i..]))
                    .map(|w| toks[i].start..toks[i + w.len() - 1].end)
            });
            if let Some(words) = hit {
                self.excluded.push(super::Excluded {
                    value: k.value.clone(),
                    para: s.para,
                    words,
                    sentence: s.at..s.at + s.quote.len(),
                });
                let place = self.place(s.para, s.at);
                let section = self.section_of[s.para];
                self.exclusions
                    .add(json!(k.value), place, s.quote, s.para, section);
                any = true;
            }
        }
        any
    }

    /// A run of table rows `[i, j)`.
    fn table(&mut self, i: usize, j: usize) {
        let rows: Vec<usize> = (i..j).collect();
        let head = rows
            .iter()
            .copied()
            .find(|&k| self.paper.paragraphs[k].header)
            .filter(|&k| k == i);
        // Each row's cells read once.
        let lexed: Vec<Vec<Vec<Token>>> = rows
            .iter()
            .map(|&k| {
                self.paper.paragraphs[k]
                    .cells
                    .as_ref()
                    .map(|c| c.iter().map(|x| lex::lex(x)).collect())
                    .unwrap_or_default()
            })
            .collect();
        let cells = |k: usize| -> &Vec<Vec<Token>> { &lexed[k - i] };
        let head_cells: Vec<Vec<Token>> = head.map(|k| cells(k).clone()).unwrap_or_default();
        let column = |list: &str| -> Option<usize> {
            head_cells
                .iter()
                .position(|c| has(c, self.terms.words(list)))
        };
        let head_toks: Vec<Token> = head_cells.iter().flatten().cloned().collect();
        let credit_table = has(&head_toks, self.words("credit")) || self.context_has(i, "credit");
        let level_col = column("level_column");
        let resp_col = column("response_column");
        let upd_col = column("update_column");
        let severity_table = (level_col.is_some() && resp_col.is_some())
            || (has(&head_toks, self.words("severity")) || self.context_has(i, "severity"))
                && rows.iter().any(|&k| {
                    cells(k)
                        .first()
                        .is_some_and(|c| keyed_in(c, &self.terms.levels).is_some())
                });
        let session_col = column("session_column");
        let training_table = session_col.is_some()
            && (column("due_column").is_some() || column("count_column").is_some());
        let mut n = 0;
        for &k in &rows {
            if Some(k) == head {
                continue;
            }
            if training_table && self.session_row(k, &head_cells, cells(k)) {
                continue;
            }
            let p = &self.paper.paragraphs[k];
            let text = p.text.as_str();
            let row_cells = cells(k).clone();
            let s = Sent {
                para: k,
                at: 0,
                text,
                quote: text,
                toks: std::borrow::Cow::Owned(row_tokens(
                    p.cells.as_deref().unwrap_or_default(),
                    &row_cells,
                )),
            };
            if credit_table && self.tier(&s, Some(&row_cells)) {
                continue;
            }
            if severity_table {
                let lc = level_col.unwrap_or(0);
                let level = row_cells
                    .get(lc)
                    .and_then(|c| keyed_in(c, &self.terms.levels))
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("P{}", n + 1));
                n += 1;
                let empty: &[Token] = &[];
                let resp: &[Token] = resp_col
                    .and_then(|c| row_cells.get(c))
                    .map_or(&s.toks, |c| c.as_slice());
                let upd: &[Token] = upd_col
                    .and_then(|c| row_cells.get(c))
                    .map_or(empty, |c| c.as_slice());
                let def_col = column("definition_column");
                let definition = def_col
                    .and_then(|c| p.cells.as_ref().and_then(|x| x.get(c)))
                    .filter(|d| !d.is_empty())
                    .cloned();
                // Into the row's text, where a cell's tokens are counted from the cell.
                let base = |col: Option<usize>| -> usize {
                    col.filter(|&c| c < row_cells.len()).map_or(0, |c| {
                        p.cells
                            .as_ref()
                            .map_or(0, |x| x[..c].iter().map(|t| t.len() + 3).sum())
                    })
                };
                let shift = |toks: &[Token], by: usize| -> Vec<Token> {
                    toks.iter()
                        .map(|t| Token {
                            start: t.start + by,
                            end: t.end + by,
                            ..t.clone()
                        })
                        .collect()
                };
                let resp = match resp_col.filter(|&c| c < row_cells.len()) {
                    Some(c) => shift(resp, base(Some(c))),
                    None => resp.to_vec(),
                };
                let upd = shift(upd, base(upd_col));
                if self.severity_row(&s, &level, &resp, &upd, definition) {
                    continue;
                }
            }
            // Any other row: read as a sentence (a label and its value).
            self.sentence(&s);
        }
    }

    /// A row of a training schedule: title, audience, count, format, length and deadline
    /// from the columns its head names.
    fn session_row(&mut self, k: usize, head: &[Vec<Token>], row: &[Vec<Token>]) -> bool {
        let p = &self.paper.paragraphs[k];
        let Some(cells) = p.cells.as_ref() else {
            return false;
        };
        let col = |list: &str, skip: Option<usize>| {
            head.iter()
                .enumerate()
                .position(|(i, c)| Some(i) != skip && has(c, self.terms.words(list)))
        };
        let count_c = col("count_column", None);
        let title_c = if head
            .first()
            .is_some_and(|c| has(c, self.words("session_column")))
        {
            Some(0)
        } else {
            col("session_column", count_c)
        };
        let cell = |c: Option<usize>| c.and_then(|i| cells.get(i)).map(String::as_str);
        let toks = |c: Option<usize>| c.and_then(|i| row.get(i)).cloned().unwrap_or_default();
        let Some(title) = cell(title_c).filter(|t| !t.is_empty()) else {
            return false;
        };
        let lower = title.to_lowercase();
        let kind = if lower.contains("admin") {
            "admin_onboarding"
        } else if lower.contains("prompt") {
            "prompt_engineering"
        } else if lower.contains("developer") || lower.contains("api") || lower.contains("sdk") {
            "developer_enablement"
        } else if lower.contains("end-user")
            || lower.contains("end user")
            || lower.contains("user training")
        {
            "end_user"
        } else {
            "custom"
        };
        let count = toks(count_c).iter().find_map(|t| match t.tok {
            Tok::Number(n) => Some(n),
            Tok::Duration { value, .. } => Some(value),
            _ => None,
        });
        let format_text = cell(col("format_column", None))
            .unwrap_or_default()
            .to_lowercase();
        let format = if format_text.contains("onsite")
            || format_text.contains("on-site")
            || format_text.contains("in person")
        {
            Some("onsite")
        } else if format_text.contains("record") || format_text.contains("on demand") {
            Some("recorded")
        } else if format_text.contains("virtual")
            || format_text.contains("online")
            || format_text.contains("live")
            || format_text.contains("remote")
        {
            Some("virtual")
        } else {
            None
        };
        let audience = cell(col("audience_column", None)).filter(|a| !a.is_empty());
        let hours = toks(col("length_column", None))
            .iter()
            .find_map(|t| match t.tok {
                Tok::Duration {
                    value,
                    unit: Unit::Hours,
                    ..
                } => Some(value),
                Tok::Duration {
                    value,
                    unit: Unit::Minutes,
                    ..
                } => Some(value / 60.0),
                _ => None,
            });
        let due_toks = toks(col("due_column", None));
        let within = due_toks.iter().find_map(|t| match t.tok {
            Tok::Duration { value, unit, .. } => convert_duration(value, unit, Want::Days).ok(),
            _ => None,
        });
        let due = match within {
            Some(d) => Some(json!({"within_days": number(d)})),
            None => (0..due_toks.len())
                .find_map(|i| date_at(&due_toks, i))
                .map(|(d, _)| json!({"by": d})),
        };
        let s = Sent {
            para: k,
            at: 0,
            text: &p.text,
            quote: &p.text,
            toks: std::borrow::Cow::Owned(Vec::new()),
        };
        match (count, format, audience, hours, due) {
            (Some(count), Some(format), Some(audience), Some(hours), Some(due)) => {
                let item = json!({
                    "kind": kind,
                    "title": title,
                    "count": number(count),
                    "format": format,
                    "audience": audience,
                    "hours_each": number(hours),
                    "due": due,
                });
                let place = self.place(k, 0);
                let section = self.section_of[k];
                self.sessions.add(item, place, &p.text, k, section);
            }
            _ => self.unread(
                &s,
                "a training session without all of its number, format, audience, length and deadline",
            ),
        }
        true
    }

    fn finish(&mut self) {
        let mut tiers = std::mem::take(&mut self.tiers);
        let at = std::mem::replace(&mut self.tiers_at, Gathered::new("", ""));
        if let Some(mut f) = at.found() {
            tiers.sort_by(|a, b| b.0.total_cmp(&a.0));
            tiers.dedup();
            f.value = Value::Array(
                tiers
                    .iter()
                    .map(|(b, c)| json!({"below_pct": number(*b), "credit_pct": number(*c)}))
                    .collect(),
            );
            let rising = tiers.windows(2).all(|w| w[0].0 > w[1].0 && w[0].1 < w[1].1);
            if rising {
                self.found.push(f);
            } else {
                self.dropped.push(Dropped {
                    found: f,
                    why: "the credits do not rise as uptime falls, as the deal format's tiers must"
                        .into(),
                });
            }
        }
        let mut sev = std::mem::replace(&mut self.severities_at, Gathered::new("", ""));
        if sev.first.is_some() {
            let mut items = std::mem::take(&mut self.severities);
            items.sort_by(|a, b| a["level"].as_str().cmp(&b["level"].as_str()));
            sev.items = items;
            self.found.extend(sev.found());
        }
        let ex = std::mem::replace(&mut self.exclusions, Gathered::new("", ""));
        self.found.extend(ex.found());
        let sessions = std::mem::replace(&mut self.sessions, Gathered::new("", ""));
        self.found.extend(sessions.found());
        for g in std::mem::take(&mut self.lists) {
            self.found.extend(g.found());
        }
    }
}

/// The tokens of a table row's text (its cells joined by ` | `), from its cells' tokens:
/// each cell's shifted to where the cell stands, a `|` between.
fn row_tokens(cells: &[String], lexed: &[Vec<Token>]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut at = 0;
    for (n, (cell, toks)) in cells.iter().zip(lexed).enumerate() {
        if n > 0 {
            out.push(Token {
                tok: Tok::Symbol('|'),
                start: at + 1,
                end: at + 2,
                conflict: false,
            });
            at += 3;
        }
        out.extend(toks.iter().map(|t| Token {
            start: t.start + at,
            end: t.end + at,
            ..t.clone()
        }));
        at += cell.len();
    }
    out
}

/// "every hour", "hourly", "daily", "every day": minutes, at token `i`.
fn is_every(toks: &[Token], i: usize) -> Option<f64> {
    let w = |k: usize| match toks.get(k).map(|t| &t.tok) {
        Some(Tok::Word(w)) => Some(w.as_str()),
        _ => None,
    };
    match (w(i), w(i + 1)) {
        (Some("hourly"), _) => Some(60.0),
        (Some("daily"), _) => Some(1440.0),
        (Some("every"), Some("hour")) => Some(60.0),
        (Some("every"), Some("day")) => Some(1440.0),
        _ => None,
    }
}

/// The parties: defined names (`Acme AI, Inc. ("Provider")`), else the pronouns; and the
/// deal fields their definitions state (legal and short names), with their paragraphs.
fn parties(paper: &Paper, terms: &Terms) -> (Parties, Vec<(&'static str, String, usize)>) {
    let mut out = Parties::default();
    let mut stated = Vec::new();
    let role_of = |name: &str| -> Option<&str> {
        let toks = lex::lex(name);
        terms
            .parties
            .iter()
            .find(|k| {
                k.words
                    .iter()
                    .any(|w| w.len() == toks.len() && seq_matches(w, &toks))
            })
            .map(|k| k.value.as_str())
    };
    for (i, p) in paper.paragraphs.iter().enumerate() {
        for (name, legal) in definitions(&p.text) {
            let role = role_of(&name);
            // A name of its own (no role word) with a company's legal name before it: the
            // first is the vendor's ("the Platform", "the Addendum" are no party).
            let own = role.is_none();
            let role =
                role.or_else(|| (out.vendor.is_none() && legal.is_some()).then_some("vendor"));
            match role {
                Some("vendor") if out.vendor.is_none() => {
                    if let Some(l) = &legal {
                        stated.push(("deal.vendor.legal_name", l.clone(), i));
                    }
                    if own {
                        stated.push(("deal.vendor.short_name", name.clone(), i));
                    }
                    out.vendor = Some(name);
                    out.vendor_legal_name = legal;
                }
                Some("customer") if out.customer.is_none() => {
                    if let Some(l) = &legal {
                        stated.push(("deal.customer.legal_name", l.clone(), i));
                    }
                    out.customer = Some(name);
                    out.customer_legal_name = legal;
                }
                _ => {}
            }
        }
    }
    // Pronouns: "we" / "you" used throughout.
    let mut we = 0;
    let mut you = 0;
    for p in &paper.paragraphs {
        for w in p.text.split(|c: char| !c.is_alphabetic()) {
            match w {
                "we" | "We" | "us" | "our" | "Our" => we += 1,
                "you" | "You" | "your" | "Your" => you += 1,
                _ => {}
            }
        }
    }
    if out.vendor.is_none() && we >= 3 {
        out.vendor = Some("we".into());
    }
    if out.customer.is_none() && you >= 3 {
        out.customer = Some("you".into());
    }
    if out.customer.is_none() && out.vendor.is_some() {
        // A paper that defines only its author calls the other side by a capitalised role
        // word ("Customer", "Client"): the one it uses most.
        let words: Vec<&str> = terms
            .parties
            .iter()
            .filter(|k| k.value == "customer")
            .flat_map(|k| k.words.iter())
            .filter(|w| w.len() == 1)
            .map(|w| w[0].as_str())
            .collect();
        let mut counts: Vec<(usize, String)> = Vec::new();
        for p in &paper.paragraphs {
            for w in p.text.split(|c: char| !c.is_alphanumeric()) {
                let lower = w.to_lowercase();
                if w.chars().next().is_some_and(char::is_uppercase)
                    && words.contains(&lower.as_str())
                {
                    match counts.iter_mut().find(|(_, x)| x == w) {
                        Some((n, _)) => *n += 1,
                        None => counts.push((1, w.to_string())),
                    }
                }
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.0));
        out.customer = counts.into_iter().next().map(|(_, w)| w);
    }
    (out, stated)
}

/// Defined names in a text: `("Provider")`, `(the “Customer”)`, with the legal name
/// written just before, where there is one.
fn definitions(text: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(open) = rest.find('(') {
        let inner_start = open + 1;
        let Some(close) = rest[inner_start..].find(')') else {
            break;
        };
        let inner = rest[inner_start..inner_start + close].trim();
        let inner = inner
            .strip_prefix("the ")
            .or_else(|| inner.strip_prefix("hereinafter "))
            .unwrap_or(inner)
            .trim();
        let name = inner
            .strip_prefix(['"', '“'])
            .and_then(|s| s.strip_suffix(['"', '”']))
            .map(str::trim);
        if let Some(name) = name
            && !name.is_empty()
            && name.split_whitespace().count() <= 4
            && name.chars().next().is_some_and(char::is_uppercase)
            && !name.contains(['"', '“', '”'])
        {
            let before = &text[..offset + open];
            out.push((name.to_string(), legal_name(before)));
        }
        offset += inner_start + close + 1;
        rest = &text[offset..];
    }
    out
}

/// The endings of company names.
const COMPANY: &[&str] = &[
    "Inc.",
    "Inc",
    "Incorporated",
    "LLC",
    "L.L.C.",
    "Ltd",
    "Ltd.",
    "Limited",
    "GmbH",
    "AG",
    "B.V.",
    "BV",
    "N.V.",
    "plc",
    "PLC",
    "S.A.",
    "SA",
    "SAS",
    "S.A.S.",
    "S.p.A.",
    "SpA",
    "Pte.",
    "Pte",
    "Corp.",
    "Corp",
    "Corporation",
    "Co.",
    "Company",
    "LLP",
    "LP",
    "SE",
    "AB",
    "Oy",
    "ApS",
    "A/S",
    "KK",
    "K.K.",
    "Pty",
    "Pty.",
    "S.L.",
    "SRL",
    "S.r.l.",
];

/// The legal name that ends a text: the run of capitalised words just before a
/// definition, cut after its company ending ("Inc.", "GmbH"); none without one (a
/// document's or a role's name is no legal name).
fn legal_name(before: &str) -> Option<String> {
    let words: Vec<&str> = before.split_whitespace().collect();
    let mut start = words.len();
    while start > 0 {
        let w = words[start - 1];
        // A label ("Provider:") or a sentence's end before the name stops it.
        if start < words.len() && (w.ends_with(':') || (w.ends_with('.') && !is_company(w))) {
            break;
        }
        let bare = w.trim_end_matches(',');
        let capital = bare
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let joins = matches!(bare, "&" | "and" | "of") && start < words.len();
        if capital || joins {
            start -= 1;
        } else {
            break;
        }
    }
    let run = &words[start..];
    let last = run.iter().rposition(|w| is_company(w))?;
    let first = run[..last]
        .iter()
        .position(|w| {
            !matches!(
                *w,
                "These" | "This" | "The" | "By" | "Between" | "Provider:" | "Customer:"
            )
        })
        .unwrap_or(last);
    let name = run[first..=last].join(" ");
    let name = name.trim_end_matches(',').to_string();
    (name.split_whitespace().count() >= 2).then_some(name)
}

fn is_company(w: &str) -> bool {
    COMPANY.contains(&w.trim_end_matches(','))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_and_legal_names() {
        assert_eq!(
            definitions(
                "These terms are issued by Quillfeather Labs, Inc. (\"Quillfeather\") and apply to every organisation (\"Customer\")."
            ),
            vec![
                (
                    "Quillfeather".to_string(),
                    Some("Quillfeather Labs, Inc.".to_string())
                ),
                ("Customer".to_string(), None),
            ]
        );
        assert_eq!(
            definitions("Corvid Models GmbH, Munich (“Provider”)"),
            vec![(
                "Provider".to_string(),
                Some("Corvid Models GmbH".to_string())
            )]
        );
        assert_eq!(
            definitions(
                "Provider: Tessellate Intelligence, Inc. (\"Tessellate\") 500 Harbor Point Drive, CA Customer: Northfield Mutual Insurance Company (\"Customer\")"
            ),
            vec![
                (
                    "Tessellate".to_string(),
                    Some("Tessellate Intelligence, Inc.".to_string())
                ),
                (
                    "Customer".to_string(),
                    Some("Northfield Mutual Insurance Company".to_string())
                ),
            ]
        );
        assert_eq!(
            definitions(
                "the customer named in the Order Form (\"Customer\") and this Addendum (the \"Addendum\")"
            ),
            vec![
                ("Customer".to_string(), None),
                ("Addendum".to_string(), None)
            ]
        );
        assert!(definitions("a note (see below) and (99.9%)").is_empty());
    }

    #[test]
    fn durations_convert_to_the_fields_unit() {
        assert_eq!(convert_duration(48.0, Unit::Hours, Want::Days), Ok(2.0));
        assert_eq!(convert_duration(2.0, Unit::Hours, Want::Minutes), Ok(120.0));
        assert_eq!(convert_duration(3.0, Unit::Years, Want::Months), Ok(36.0));
        assert!(convert_duration(8.0, Unit::BusinessHours, Want::Minutes).is_err());
        assert!(convert_duration(36.0, Unit::Hours, Want::Days).is_err());
    }
}
