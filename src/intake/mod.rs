//! `dealdraft intake`: the vendor's paper read as deal terms.
//!
//! A paper ([`crate::paper`]) is read paragraph by paragraph, sentence by sentence
//! ([`lex::sentences`]), each sentence as tokens ([`lex::lex`]: words, and numbers in
//! words or figures read as percentages, durations, times, zones and amounts). On those
//! tokens:
//!
//! - the **terms** of the intake files ([`terms`], data in `clause-library/intake/`) each
//!   say how a sentence states one deal field;
//! - **tables and lists** are read as data: service-credit tiers (a row's bounds and its
//!   credit), severity levels (whatever they are called: Priority 1, Severity 1, Critical,
//!   Urgent → P1) with response and update times, and support hours with their days and
//!   time zone;
//! - a section headed "Exclusions" (or a sentence that excludes) is read as exclusions
//!   from downtime, each mapped onto the deal's values;
//! - the parties are read from their definitions (`Acme AI, Inc. ("Provider")`) or the
//!   paper's pronouns (we / you).
//!
//! The result ([`Intake`]) is a deal file of the vendor's position that passes
//! `dealdraft validate`: every value the paper states, traced to its sentence
//! (`provenance`), and for every field it does not state, what its silence means; what
//! reads like a commitment but was not understood is listed, never dropped. A value that
//! cannot stand in a valid deal (a maintenance notice without a limit) is reported with
//! the reason and left out. Nothing here guesses: the same paper gives the same deal.

pub mod lex;
pub mod profile;
mod read;
pub mod report;
pub mod terms;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::diagnostics::{Diagnostic, Diagnostics, JsonPath};
use crate::library::Library;
use crate::paper::{Kind, Paper};
pub use terms::{Better, Terms};

/// Where in the paper something stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The paper.
    pub file: String,
    /// Line (Markdown, text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Column, in characters (Markdown, text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// Paragraph number in the document (Word).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column, self.paragraph) {
            (Some(l), Some(c), _) => write!(f, "{}:{l}:{c}", self.file),
            (_, _, Some(p)) => write!(f, "{}: paragraph {p}", self.file),
            _ => write!(f, "{}", self.file),
        }
    }
}

/// A value the paper states.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found {
    /// The deal field (`sla.uptime_pct`, `support.severities`).
    pub field: String,
    /// Its value, as the deal file writes it.
    pub value: Value,
    /// Where.
    pub place: Place,
    /// The sentence (or table row) it comes from.
    pub quote: String,
    /// How it was read: the term's id, or the reader (`credit table`, `severity list`...).
    pub by: String,
    /// The paragraph (index into the paper's paragraphs).
    #[serde(skip)]
    pub para: usize,
    /// Where in the paragraph's text the value is written (bytes): the figure, period or
    /// amount a slot read, or the words a fixed-value term matched. `None` where the value
    /// comes from several places (a table, a list) or from no one stretch of words.
    #[serde(skip)]
    pub span: Option<std::ops::Range<usize>>,
    /// The section of the paper (index into [`Intake::sections`]).
    pub section: usize,
}

/// A value the paper states that the deal cannot hold as read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dropped {
    /// What was read.
    pub found: Found,
    /// Why it is not in the deal.
    pub why: String,
}

/// A field the paper says nothing of, in an area it addresses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Silence {
    /// The field.
    pub field: String,
    /// What the deal holds for it.
    pub value: Value,
    /// What the silence means for the customer.
    pub means: String,
}

/// A sentence that reads like a commitment (or states a number) that no term understood.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unread {
    /// Where.
    pub place: Place,
    /// The sentence.
    pub text: String,
    /// What the reader could not do with it, where it can say.
    pub note: String,
    /// The section of the paper.
    pub section: usize,
    /// The paragraph.
    #[serde(skip)]
    pub para: usize,
}

/// The words the paper uses for the two sides.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Parties {
    /// The vendor, as the paper calls it ("we", "Provider", "Quillfeather").
    pub vendor: Option<String>,
    /// The customer ("you", "Customer").
    pub customer: Option<String>,
    /// The vendor's legal name, where the paper gives it.
    pub vendor_legal_name: Option<String>,
    /// The customer's legal name, where the paper gives it.
    pub customer_legal_name: Option<String>,
}

/// A section of the paper: a heading and what follows it up to the next heading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// The heading, if any (the text before the first heading has none).
    pub heading: Option<String>,
    /// Its number as the paper shows it.
    pub number: Option<String>,
    /// Where it starts.
    pub place: Place,
    /// Its first paragraph (the heading's).
    #[serde(skip)]
    pub first: usize,
}

impl Section {
    /// "4.2 Service Credits", or "the opening text".
    pub fn title(&self) -> String {
        match (&self.number, &self.heading) {
            (Some(n), Some(h)) => format!("{n} {h}"),
            (None, Some(h)) => h.clone(),
            _ => "the opening text".into(),
        }
    }
}

/// The vendor's paper read as a deal.
#[derive(Debug, Clone, Serialize)]
pub struct Intake {
    /// The paper.
    pub file: String,
    /// The deal file of the vendor's position, with its `provenance`.
    pub deal: Value,
    /// What the paper states that the deal holds, in paper order.
    pub found: Vec<Found>,
    /// What the paper states that the deal does not hold, and why.
    pub dropped: Vec<Dropped>,
    /// What the paper is silent on, in the areas it addresses.
    pub silent: Vec<Silence>,
    /// What reads like a commitment but was not understood.
    pub unread: Vec<Unread>,
    /// The words for the two sides.
    pub parties: Parties,
    /// The areas of the deal (`sla`, `support`, `training`, `data`, `exit`, `commercial`,
    /// `onboarding`, `governance`) the paper addresses.
    pub areas: Vec<String>,
    /// The areas it does not address (not checked).
    pub not_covered: Vec<String>,
    /// The paper's sections.
    pub sections: Vec<Section>,
    /// Where each downtime exclusion is stated, in paper order.
    #[serde(skip)]
    pub excluded: Vec<Excluded>,
    /// Where the values of list items (severity levels' times) are written.
    #[serde(skip)]
    pub placed: Vec<Placed>,
}

/// A value of a list item (a severity level's response time) and where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The field, with the item's selector: `support.severities[level=P1].response_minutes`.
    pub field: String,
    /// The value, in the field's unit.
    pub value: f64,
    /// The paragraph (index into the paper's paragraphs).
    pub para: usize,
    /// Where in the paragraph's text it is written (bytes).
    pub span: std::ops::Range<usize>,
}

/// Where the paper states one downtime exclusion.
#[derive(Debug, Clone, PartialEq)]
pub struct Excluded {
    /// The exclusion (`third_party_cloud`).
    pub value: String,
    /// The paragraph (index into the paper's paragraphs).
    pub para: usize,
    /// The words that name it, in bytes of the paragraph's text.
    pub words: std::ops::Range<usize>,
    /// The sentence (or row) that states it, in bytes of the paragraph's text.
    pub sentence: std::ops::Range<usize>,
}

/// The areas of a deal, in order: its term sections.
pub const AREAS: &[&str] = crate::deal::model::SECTIONS;

/// A field path without its list indices and selectors: `support.severities[level=P1].
/// response_minutes` is `support.severities.response_minutes`.
pub fn bare_path(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The area of a field path: its first segment.
pub fn area_of(field: &str) -> &str {
    field.split(['.', '[']).next().unwrap_or(field)
}

impl Intake {
    /// The value found for `field`, if the paper states it.
    pub fn value(&self, field: &str) -> Option<&Found> {
        self.found.iter().find(|f| f.field == field)
    }

    /// Whether the paper addresses an area.
    pub fn addresses(&self, area: &str) -> bool {
        self.areas.iter().any(|a| a == area)
    }
}

/// Reads a paper file (by its extension) as a deal.
pub fn intake_file(path: &Path, library: &Library) -> Result<Intake, Diagnostics> {
    let paper = Paper::read(path)?;
    let kind = Kind::of(path).unwrap_or(Kind::Text);
    let terms = Terms::load(library)?;
    Ok(intake(&paper, kind, &terms, library))
}

/// Reads a paper as a deal.
pub fn intake(paper: &Paper, kind: Kind, terms: &Terms, library: &Library) -> Intake {
    let reading = read::read(paper, kind, terms);
    let mut found = reading.found;
    let mut dropped = reading.dropped;
    // One value per field: the first the paper states; a different later one is reported.
    let mut kept: Vec<Found> = Vec::new();
    for f in found.drain(..) {
        match kept.iter().find(|k| k.field == f.field) {
            Some(k) if k.value == f.value => {}
            Some(k) => {
                let why = format!(
                    "the paper also states {} at {}, which is kept",
                    short(&k.value),
                    k.place
                );
                dropped.push(Dropped { found: f, why });
            }
            None => kept.push(f),
        }
    }
    let mut found = kept;

    // The deal's id: from the paper's title (a paper is often just "terms.md"), else
    // the file's name.
    let stem = Path::new(&paper.name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("paper");
    let title = paper
        .paragraphs
        .iter()
        .find(|p| p.heading.is_some())
        .map(|p| p.text.as_str());
    let id = slug(title.filter(|t| t.len() <= 80).unwrap_or(stem));
    let skeleton = skeleton(library);
    // Build, validate, and leave out what the deal cannot hold, until it is valid.
    let mut deal;
    let mut rounds = 0;
    loop {
        deal = build(&skeleton, &found, terms, &id, paper, &reading.parties);
        let problems = validate(&deal, library);
        let errors: Vec<&Diagnostic> = problems.iter().filter(|d| d.is_error()).collect();
        if errors.is_empty() || rounds > 8 {
            break;
        }
        rounds += 1;
        let mut removed = false;
        for e in errors {
            let Some(path) = e.location.path.as_ref().map(dotted) else {
                continue;
            };
            // The found values at, below or above the path of the problem.
            let mut i = 0;
            while i < found.len() {
                let f = &found[i].field;
                if path == *f
                    || path.starts_with(&format!("{f}."))
                    || f.starts_with(&format!("{path}."))
                {
                    let f = found.remove(i);
                    dropped.push(Dropped {
                        found: f,
                        why: match &e.help {
                            Some(h) => format!("{} ({h})", e.message),
                            None => e.message.clone(),
                        },
                    });
                    removed = true;
                } else {
                    i += 1;
                }
            }
        }
        if !removed {
            break;
        }
    }

    let mut areas: BTreeSet<&str> = found
        .iter()
        .map(|f| area_of(&f.field))
        .filter(|a| *a != "deal")
        .collect();
    // An area is also addressed by what was read but could not be kept.
    areas.extend(
        dropped
            .iter()
            .map(|d| area_of(&d.found.field))
            .filter(|a| *a != "deal"),
    );
    let areas: Vec<String> = AREAS
        .iter()
        .filter(|a| areas.contains(*a))
        .map(|a| a.to_string())
        .collect();
    let not_covered = AREAS
        .iter()
        .filter(|a| !areas.iter().any(|x| x == *a))
        .map(|a| a.to_string())
        .collect();
    let mut silent = Vec::new();
    for (field, info) in &terms.fields {
        let Some(means) = &info.means else { continue };
        if !areas.iter().any(|a| a == area_of(field)) {
            continue;
        }
        let stated = found
            .iter()
            .chain(dropped.iter().map(|d| &d.found))
            .any(|f| f.field == *field || f.field.starts_with(&format!("{field}.")));
        if !stated {
            silent.push(Silence {
                field: field.clone(),
                value: info.silent.clone(),
                means: means.clone(),
            });
        }
    }
    found.sort_by_key(|f| (f.para, f.field.clone()));
    dropped.sort_by_key(|d| (d.found.para, d.found.field.clone()));
    Intake {
        file: paper.name.clone(),
        deal,
        found,
        dropped,
        silent,
        unread: reading.unread,
        parties: reading.parties,
        areas,
        not_covered,
        sections: reading.sections,
        excluded: reading.excluded,
        placed: reading.placed,
    }
}

/// A value in a few words, for messages.
pub fn short(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "none".into(),
        other => other.to_string(),
    }
}

fn dotted(p: &JsonPath) -> String {
    let mut out = String::new();
    for s in &p.0 {
        match s {
            crate::diagnostics::Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            crate::diagnostics::Seg::Index(_) => {}
        }
    }
    out
}

/// A slug for the deal id from a file name.
fn slug(stem: &str) -> String {
    let mut out = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    let base = if out.is_empty() { "paper".into() } else { out };
    format!("{base}-vendor-position")
}

/// Every section field the playbook has a default for, with null: the deal of a paper
/// states what the paper states and nothing else (an omitted field would take the
/// playbook's default, which is no part of the vendor's position).
fn skeleton(library: &Library) -> Map<String, Value> {
    let mut out = Map::new();
    let defaults = &library.playbook().defaults;
    for d in defaults.values() {
        let Some(obj) = d.as_object() else { continue };
        for (section, fields) in obj {
            let entry = out
                .entry(section.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            if let (Some(e), Some(f)) = (entry.as_object_mut(), fields.as_object()) {
                for k in f.keys() {
                    e.entry(k.clone()).or_insert(Value::Null);
                }
            }
        }
    }
    out
}

fn build(
    skeleton: &Map<String, Value>,
    found: &[Found],
    terms: &Terms,
    id: &str,
    paper: &Paper,
    parties: &Parties,
) -> Value {
    let mut deal = json!({
        "schema_version": crate::deal::SCHEMA_VERSION,
        "deal": {
            "id": id,
            "stance": "fallback",
        },
    });
    let title = paper
        .paragraphs
        .iter()
        .find(|p| p.heading == Some(1))
        .map(|p| p.text.clone());
    if let Some(t) = title {
        deal["deal"]["title"] = json!(t);
    }
    // A section the paper does not address at all is none in its position (no SLA, no
    // support terms...), not a shell of silences.
    let addressed: BTreeSet<&str> = found.iter().map(|f| area_of(&f.field)).collect();
    for (section, fields) in skeleton {
        if !addressed.contains(section.as_str()) {
            deal[section] = Value::Null;
            continue;
        }
        let mut obj = Map::new();
        if let Some(f) = fields.as_object() {
            for k in f.keys() {
                let path = format!("{section}.{k}");
                obj.insert(k.clone(), terms.field(&path).silent);
            }
        }
        deal[section] = Value::Object(obj);
    }
    let mut provenance = Map::new();
    for f in found {
        set_path(&mut deal, &f.field, f.value.clone());
        let mut at = Map::new();
        if let Some(l) = f.place.line {
            at.insert("line".into(), json!(l));
        }
        if let Some(c) = f.place.column {
            at.insert("column".into(), json!(c));
        }
        if let Some(p) = f.place.paragraph {
            at.insert("paragraph".into(), json!(p));
        }
        at.insert("quote".into(), json!(f.quote));
        provenance.insert(f.field.clone(), Value::Object(at));
    }
    let mut p = Map::new();
    p.insert("file".into(), json!(paper.name));
    let mut words = Map::new();
    if let Some(v) = &parties.vendor {
        words.insert("vendor".into(), json!(v));
    }
    if let Some(c) = &parties.customer {
        words.insert("customer".into(), json!(c));
    }
    p.insert("parties".into(), Value::Object(words));
    p.insert("fields".into(), Value::Object(provenance));
    deal["provenance"] = Value::Object(p);
    deal
}

/// Sets the value at a dotted path, making objects on the way.
/// The value of `field` written in `text` ("99.5%", "four (4) hours", "thirty (30) days"):
/// its first figure, period or amount, in the field's unit. `None` when it has none.
/// `text` writes a number twice, in words and in figures, and the two disagree ("sixty
/// (90) days").
pub fn words_and_figures_disagree(text: &str) -> bool {
    lex::lex(text).iter().any(|t| t.conflict)
}

pub fn value_in(text: &str, field: &str) -> Option<Value> {
    let leaf = field.rsplit('.').next().unwrap_or(field);
    lex::lex(text).iter().find_map(|t| match t.tok {
        lex::Tok::Word(_) | lex::Tok::Symbol(_) => None,
        _ => read::value_of(&t.tok, leaf).ok(),
    })
}

pub fn set_path(root: &mut Value, path: &str, value: Value) {
    let mut node = root;
    let keys: Vec<&str> = path.split('.').collect();
    for (i, k) in keys.iter().enumerate() {
        if !node.is_object() {
            *node = Value::Object(Map::new());
        }
        let obj = node.as_object_mut().expect("an object");
        if i + 1 == keys.len() {
            obj.insert((*k).to_string(), value);
            return;
        }
        node = obj.entry((*k).to_string()).or_insert(Value::Null);
    }
}

/// The deal's problems, as `validate` reports them (its shape is ours).
fn validate(deal: &Value, library: &Library) -> Vec<Diagnostic> {
    match crate::resolve::resolve_built(deal, library) {
        Ok(_) => Vec::new(),
        Err(d) => d,
    }
}

impl Intake {
    /// The deal of the vendor's position, resolved (playbook defaults for what it leaves
    /// out, such as a severity's definition), or `None` should it not resolve.
    pub fn resolved(&self, library: &Library) -> Option<crate::Resolved> {
        let mut r = crate::resolve::resolve_built(&self.deal, library).ok()?;
        r.source_name = self.file.clone();
        Some(r)
    }
}

/// The areas a field list covers, for messages ("service levels, support").
pub fn area_names(areas: &[String]) -> String {
    let names: Vec<&str> = areas
        .iter()
        .map(|a| match a.as_str() {
            "sla" => "service levels",
            "support" => "support",
            "training" => "training",
            "data" => "data protection",
            "exit" => "exit and transition",
            "commercial" => "commercial terms",
            "onboarding" => "onboarding",
            "governance" => "governance",
            other => other,
        })
        .collect();
    crate::wording::join_and(&names, "and")
}

/// The fields a deal holds as leaves, for comparing values (`sla.maintenance.notice_days`).
pub fn leaves(v: &Value, prefix: &str, out: &mut BTreeMap<String, Value>) {
    match v {
        Value::Object(o) if !o.is_empty() => {
            for (k, x) in o {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                leaves(x, &p, out);
            }
        }
        other => {
            out.insert(prefix.to_string(), other.clone());
        }
    }
}
