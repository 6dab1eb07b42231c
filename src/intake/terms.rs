//! The intake files: `clause-library/intake/*.toml` (embedded) and `DIR/intake/*.toml`
//! (`--library DIR`): how the vendor's paper is read as deal terms. Data, so that a legal
//! team adds a wording without a rebuild.
//!
//! - `[[term]]`: one way a sentence states a deal field: `patterns` matched word by word
//!   on the sentence's tokens (see [`Pattern`]), `unless` words that make the sentence
//!   another term's, `within` words the section's headings must have, and what the match
//!   writes: its value slot (`{pct}`, `{dur}`...), or `set` (a fixed value), or `add`
//!   (an item added to a list field); `negated` is what a negated match writes. A
//!   `[[term]]` whose `id` is known is laid over the earlier one key by key.
//! - `[fields."<path>"]`: per field, what the paper's silence writes into the deal
//!   (`silent`, absent = null), what that silence means for the customer (`means`), and
//!   which way is better for the customer (`better` = "higher" | "lower"), for "keep
//!   theirs" and for a redline that must never lower the vendor's better term.
//! - `[[exclusion]]`, `[[level]]`, `[[party]]`: the words of each downtime exclusion,
//!   each severity level and each party; `[words]`: the words of the structures the
//!   reader knows (exclusion headings, table columns, negation, commitment).
//!
//! Every problem is reported with its file and table, never a panic.

use std::collections::BTreeMap;

use serde_json::Value;

use super::lex::{Tok, Token};
use crate::deal::schema::Node;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::library::Library;

/// What a value slot of a pattern reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// A percentage.
    Pct,
    /// A duration.
    Dur,
    /// A number, or the number of a duration ("three (3) months" as 3).
    Num,
    /// An amount of money.
    Money,
    /// A time of day.
    Time,
    /// A time zone.
    Zone,
    /// A run of time: a duration written "consecutive" or "continuous".
    Run,
    /// A date ("1 March 2027", "March 1, 2027", "2027-03-01").
    Date,
    /// Names of products or services, as written: capitalised runs of two words or more
    /// ("Lumen Lattice Batch"), joined by commas and "and".
    Names,
    /// A company's legal name, as written, ending with its legal form ("Pellucid Labs, Inc.").
    Company,
}

/// One step of a pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// One of several word sequences; a word ending in `*` matches any word it starts.
    Words(Vec<Vec<String>>),
    /// Up to this many tokens.
    Gap(usize),
    /// Any one token.
    Any,
    /// A value, written into the term's field, or into the field below it that the slot
    /// names (`{dur:notice_days}`).
    Slot(Slot, Option<String>),
    /// A symbol: `<`, `>`, `≤`, `≥`, `–`, `|`, `/`.
    Symbol(char),
}

/// The longest gap `...` stands for.
pub const GAP: usize = 20;

/// A pattern: steps matched in order against a sentence's tokens.
///
/// Written as words separated by spaces: a word (any case); `word*` (any word starting
/// so); `(a|b c|d)` (one of several word sequences); `...` (up to [`GAP`] tokens); `*`
/// (any one token); a slot `{pct}`, `{dur}`, `{run}` (a duration written "consecutive"),
/// `{num}`, `{money}`, `{time}`, `{zone}`, `{date}`, `{names}` (product names as written),
/// `{company}` (a legal name as written), optionally named `{dur:notice_days}`
/// (the field below the term's that it writes; `{run:breaches,window_months}` writes
/// both); a symbol `<`, `>`, `<=`, `>=`, `-`, `|`, `/`. A
/// number written in a word (`1`, `24x7`) matches that number or word.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// As written.
    pub text: String,
    /// The steps.
    pub steps: Vec<Step>,
}

impl Pattern {
    /// Parses a pattern.
    pub fn parse(text: &str) -> Result<Pattern, String> {
        let mut steps = Vec::new();
        let mut rest = text.trim();
        if rest.is_empty() {
            return Err("the pattern is empty".into());
        }
        while !rest.is_empty() {
            let (item, after) = if let Some(inner) = rest.strip_prefix('(') {
                let close = inner
                    .find(')')
                    .ok_or_else(|| format!("`(` without `)` in \"{text}\""))?;
                (&rest[..close + 2], &inner[close + 1..])
            } else {
                match rest.find(char::is_whitespace) {
                    Some(i) => (&rest[..i], &rest[i..]),
                    None => (rest, ""),
                }
            };
            rest = after.trim_start();
            steps.push(parse_step(item, text)?);
        }
        if matches!(steps.first(), Some(Step::Gap(_))) || matches!(steps.last(), Some(Step::Gap(_)))
        {
            return Err(format!(
                "\"{text}\": a pattern neither starts nor ends with `...`"
            ));
        }
        Ok(Pattern {
            text: text.to_string(),
            steps,
        })
    }

    /// The slots of the pattern, in order.
    pub fn slots(&self) -> impl Iterator<Item = (Slot, Option<&str>)> {
        self.steps.iter().filter_map(|s| match s {
            Step::Slot(k, n) => Some((*k, n.as_deref())),
            _ => None,
        })
    }
}

fn parse_step(item: &str, pattern: &str) -> Result<Step, String> {
    Ok(match item {
        "..." => Step::Gap(GAP),
        "*" => Step::Any,
        "<" => Step::Symbol('<'),
        ">" => Step::Symbol('>'),
        "<=" | "≤" => Step::Symbol('≤'),
        ">=" | "≥" => Step::Symbol('≥'),
        "-" | "–" | "—" => Step::Symbol('–'),
        "|" => Step::Symbol('|'),
        "/" => Step::Symbol('/'),
        _ if item.starts_with('{') => {
            let inner = item
                .strip_prefix('{')
                .and_then(|s| s.strip_suffix('}'))
                .ok_or_else(|| format!("\"{pattern}\": `{item}` is not a slot like {{pct}}"))?;
            let (kind, name) = match inner.split_once(':') {
                Some((k, n)) => (k, Some(n.to_string())),
                None => (inner, None),
            };
            let slot = match kind {
                "pct" => Slot::Pct,
                "dur" => Slot::Dur,
                "num" => Slot::Num,
                "money" => Slot::Money,
                "time" => Slot::Time,
                "zone" => Slot::Zone,
                "run" => Slot::Run,
                "date" => Slot::Date,
                "names" => Slot::Names,
                "company" => Slot::Company,
                other => {
                    return Err(format!(
                        "\"{pattern}\": unknown slot {{{other}}}; slots are {{pct}}, {{dur}}, {{run}}, {{num}}, {{money}}, {{time}}, {{zone}}, {{date}}, {{names}}, {{company}}"
                    ));
                }
            };
            if let Some(n) = &name
                && !n
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c == ',')
            {
                return Err(format!(
                    "\"{pattern}\": slot name `{n}` is not a field name"
                ));
            }
            Step::Slot(slot, name)
        }
        _ => {
            let inner = item
                .strip_prefix('(')
                .and_then(|s| s.strip_suffix(')'))
                .unwrap_or(item);
            let alts: Vec<Vec<String>> = inner
                .split('|')
                .map(|a| a.split_whitespace().map(str::to_lowercase).collect())
                .collect();
            if alts.iter().any(Vec::is_empty) {
                return Err(format!("\"{pattern}\": an empty alternative in `{item}`"));
            }
            Step::Words(alts)
        }
    })
}

/// Whether `word` (a pattern's word, lowercase) matches token `t`.
pub fn word_matches(word: &str, t: &Tok) -> bool {
    // Most comparisons fail on the first byte: that is looked at before anything else.
    let first = word.as_bytes().first().copied();
    match t {
        Tok::Word(w) => match word.strip_suffix('*') {
            Some(prefix) => w.starts_with(prefix),
            None => w.as_bytes().first().copied() == first && w == word,
        },
        Tok::Number(n) => {
            first.is_some_and(|b| b.is_ascii_digit()) && word.parse::<f64>().is_ok_and(|x| x == *n)
        }
        _ => false,
    }
}

/// Whether the word sequence `seq` matches the tokens at the start of `toks`.
pub fn seq_matches(seq: &[String], toks: &[Token]) -> bool {
    seq.len() <= toks.len() && seq.iter().zip(toks).all(|(w, t)| word_matches(w, &t.tok))
}

/// One way a sentence states a deal field.
#[derive(Debug, Clone)]
pub struct Term {
    /// Unique id.
    pub id: String,
    /// The field it writes (`sla.uptime_pct`; an object field for named slots).
    pub field: String,
    /// The patterns, any of which states the term.
    pub patterns: Vec<Pattern>,
    /// Word sequences: a sentence with any of them is not this term's.
    pub unless: Vec<Vec<String>>,
    /// Word sequences: the sentence's section headings (or the sentence itself) must have
    /// one of them.
    pub within: Vec<Vec<String>>,
    /// A fixed value the term writes.
    pub set: Option<Value>,
    /// An item the term adds to a list field.
    pub add: Option<Value>,
    /// A field read from the paper whose value the term writes ("the whole term").
    pub set_from: Option<String>,
    /// What a negated match writes (none: a negated match states nothing).
    pub negated: Option<Value>,
    /// The file it was last set in, for messages.
    pub origin: String,
}

/// Which way is better for the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    /// More is better (uptime, credits).
    Higher,
    /// Less is better (response times, notice periods the vendor needs).
    Lower,
}

/// What the intake files say of one field.
#[derive(Debug, Clone, Default)]
pub struct FieldInfo {
    /// What the paper's silence writes into the deal.
    pub silent: Value,
    /// What the silence means for the customer.
    pub means: Option<String>,
    /// Which way is better for the customer.
    pub better: Option<Better>,
}

/// Words that stand for a value (an exclusion, a severity level, a party).
#[derive(Debug, Clone)]
pub struct Keyed {
    /// The value (`third_party_cloud`, `P1`, `vendor`).
    pub value: String,
    /// Its word sequences.
    pub words: Vec<Vec<String>>,
}

/// The intake files, loaded.
#[derive(Debug, Clone, Default)]
pub struct Terms {
    /// Every term, in file order.
    pub terms: Vec<Term>,
    /// Per field.
    pub fields: BTreeMap<String, FieldInfo>,
    /// The downtime exclusions.
    pub exclusions: Vec<Keyed>,
    /// The severity levels.
    pub levels: Vec<Keyed>,
    /// The parties' words (`vendor`, `customer`).
    pub parties: Vec<Keyed>,
    /// Named lists of word sequences (`[words]`).
    pub words: BTreeMap<String, Vec<Vec<String>>>,
    /// Which terms a sentence may state, by its words (see [`Terms::candidates`]).
    index: TermIndex,
}

/// The terms by the words their patterns need: a term can only match a sentence that has
/// the opening word of one of the alternatives of each of a pattern's word steps; each
/// pattern is indexed by one of them.
#[derive(Debug, Clone, Default)]
struct TermIndex {
    /// Word → terms.
    words: BTreeMap<String, Vec<usize>>,
    /// Prefix (`terminat`) → terms.
    prefixes: Vec<(String, Vec<usize>)>,
    /// Terms any sentence may state (a pattern starts with a slot, a number or `*`).
    always: Vec<usize>,
}

impl TermIndex {
    fn of(terms: &[Term]) -> TermIndex {
        let mut index = TermIndex::default();
        for (i, t) in terms.iter().enumerate() {
            for p in &t.patterns {
                // A pattern needs every one of its word steps: it is indexed by the one
                // whose shortest opening word is longest, as the longer a word, the fewer
                // sentences have it ("availability" rather than "the").
                let key = p
                    .steps
                    .iter()
                    .filter_map(|s| match s {
                        Step::Words(alts) => Some(alts),
                        _ => None,
                    })
                    .max_by_key(|alts| {
                        alts.iter()
                            .map(|alt| alt.first().map_or(0, |w| w.trim_end_matches('*').len()))
                            .min()
                            .unwrap_or(0)
                    });
                let Some(alts) = key else {
                    index.always.push(i);
                    continue;
                };
                for alt in alts {
                    let Some(w) = alt.first() else {
                        index.always.push(i);
                        continue;
                    };
                    match w.strip_suffix('*') {
                        Some("") => index.always.push(i),
                        Some(prefix) => {
                            match index.prefixes.iter_mut().find(|(x, _)| x == prefix) {
                                Some((_, v)) => v.push(i),
                                None => index.prefixes.push((prefix.to_string(), vec![i])),
                            }
                        }
                        None if w.starts_with(|c: char| c.is_ascii_digit()) => index.always.push(i),
                        None => index.words.entry(w.clone()).or_default().push(i),
                    }
                }
            }
        }
        index
    }
}

/// The `[words]` lists the reader uses, each with what it is for.
pub const WORD_LISTS: &[(&str, &str)] = &[
    (
        "exclusion_headings",
        "a section whose heading has one lists exclusions from downtime",
    ),
    (
        "exclusion_triggers",
        "a sentence with one lists exclusions from downtime after it",
    ),
    ("negation", "words that negate what follows them"),
    (
        "commitment",
        "words that make a sentence read like a commitment (reported when not understood)",
    ),
    (
        "credit",
        "words that make a table or list one of service credits",
    ),
    (
        "below",
        "words before a percentage that make it an upper bound",
    ),
    (
        "at_least",
        "words before a percentage that make it a lower bound",
    ),
    (
        "level_column",
        "words of the header of a severity table's level column",
    ),
    (
        "response_column",
        "words of the header of the response column",
    ),
    ("update_column", "words of the header of the update column"),
    (
        "definition_column",
        "words of the header of the column that defines each level",
    ),
    (
        "support_hours",
        "words that make a sentence's hours the hours of support",
    ),
    (
        "severity",
        "words that make a table or list one of severity levels",
    ),
    ("response", "words before a response time"),
    ("update", "words before an update interval"),
    (
        "session_column",
        "words of the header of a training schedule's session column",
    ),
    (
        "count_column",
        "words of the header of its number-of-sessions column",
    ),
    ("format_column", "words of the header of its format column"),
    (
        "audience_column",
        "words of the header of its audience column",
    ),
    ("length_column", "words of the header of its length column"),
    ("due_column", "words of the header of its deadline column"),
    (
        "not_excluded",
        "words that make a sentence in an exclusions section say what counts, not what is excluded",
    ),
    ("all_week", "words meaning every day of the week"),
    ("weekdays", "words meaning Monday to Friday"),
];

impl Terms {
    /// The intake files of a library, overlays applied. The fields the files name are
    /// checked against the deal format where a `--library` overlay has intake files; the
    /// built-in files are compiled in, and a test holds them to the same check.
    pub fn load(library: &Library) -> Result<Terms, Diagnostics> {
        let overlaid = library
            .intake_files()
            .iter()
            .any(|(o, _)| matches!(o, crate::library::Origin::User(_)));
        Terms::load_checking(library, overlaid)
    }

    fn load_checking(library: &Library, check_fields: bool) -> Result<Terms, Diagnostics> {
        let mut problems = Diagnostics::new();
        let mut terms: Vec<(String, toml::Table, String)> = Vec::new();
        let mut out = Terms::default();
        for (origin, text) in library.intake_files() {
            let file = origin.display();
            let Some(doc) = crate::diagnostics::parse_toml(&file, text, &mut problems) else {
                continue;
            };
            for (key, value) in doc {
                let err = |m: String| Diagnostic::error(m).in_file(&file);
                match key.as_str() {
                    "term" => {
                        for t in tables(&value, "term").map_err(err)? {
                            let id = t.get("id").and_then(toml::Value::as_str).map(str::to_string);
                            let Some(id) = id else {
                                problems.push(err("a [[term]] without an `id`".into()));
                                continue;
                            };
                            match terms.iter_mut().find(|(i, _, _)| *i == id) {
                                Some((_, table, f)) => {
                                    table.extend(t.clone());
                                    f.clone_from(&file);
                                }
                                None => terms.push((id, t.clone(), file.clone())),
                            }
                        }
                    }
                    "fields" => {
                        let Some(fields) = value.as_table() else {
                            problems.push(err("`fields` must be a table of fields".into()));
                            continue;
                        };
                        for (path, info) in fields {
                            match field_info(info, out.fields.remove(path).unwrap_or_default()) {
                                Ok(i) => {
                                    out.fields.insert(path.clone(), i);
                                }
                                Err(m) => problems.push(err(format!("fields.\"{path}\": {m}"))),
                            }
                        }
                    }
                    "exclusion" | "level" | "party" => {
                        let list = match key.as_str() {
                            "exclusion" => &mut out.exclusions,
                            "level" => &mut out.levels,
                            _ => &mut out.parties,
                        };
                        for t in tables(&value, &key).map_err(err)? {
                            match keyed(t) {
                                Ok(k) => match list.iter_mut().find(|x| x.value == k.value) {
                                    Some(x) => x.words.extend(k.words),
                                    None => list.push(k),
                                },
                                Err(m) => problems.push(err(format!("[[{key}]]: {m}"))),
                            }
                        }
                    }
                    "words" => {
                        let Some(lists) = value.as_table() else {
                            problems.push(err("`words` must be a table of lists".into()));
                            continue;
                        };
                        for (name, list) in lists {
                            if !WORD_LISTS.iter().any(|(n, _)| n == name) {
                                let known: Vec<&str> = WORD_LISTS.iter().map(|(n, _)| *n).collect();
                                problems.push(err(format!(
                                    "unknown word list `words.{name}`; the lists are {}",
                                    known.join(", ")
                                )));
                                continue;
                            }
                            match phrases(Some(list)) {
                                Ok(p) => out.words.entry(name.clone()).or_default().extend(p),
                                Err(m) => problems.push(err(format!("words.{name}: {m}"))),
                            }
                        }
                    }
                    other => problems.push(err(format!("unknown table `{other}`")).help(
                        "an intake file holds [[term]], [fields.\"path\"], [[exclusion]], [[level]], [[party]] and [words]",
                    )),
                }
            }
        }
        // The deal format's shape (the schema `validate` checks against, built once per
        // process): enough to know a field, without the library's clause parameters.
        let schema = check_fields.then(crate::deal::schema::shape_schema);
        for (id, table, file) in terms {
            match term(&id, &table, &file, schema) {
                Ok(t) => out.terms.push(t),
                Err(m) => {
                    problems.push(Diagnostic::error(format!("term \"{id}\": {m}")).in_file(&file))
                }
            }
        }
        for path in out.fields.keys() {
            if !is_field(schema, path) {
                problems.push(Diagnostic::error(format!(
                    "fields.\"{path}\" is not a field of the deal format"
                )));
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        out.index = TermIndex::of(&out.terms);
        Ok(out)
    }

    /// The terms (indices into [`Terms::terms`], in file order) a sentence with these words
    /// may state; every other term's patterns need a word the sentence does not have.
    pub fn candidates<'a>(&self, words: impl Iterator<Item = &'a str>) -> Vec<usize> {
        let mut out = self.index.always.clone();
        for w in words {
            if let Some(v) = self.index.words.get(w) {
                out.extend(v);
            }
            for (prefix, v) in &self.index.prefixes {
                if w.starts_with(prefix.as_str()) {
                    out.extend(v);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// A `[words]` list (empty when no file sets it).
    pub fn words(&self, name: &str) -> &[Vec<String>] {
        self.words.get(name).map_or(&[], Vec::as_slice)
    }

    /// What the files say of a field (defaults when they say nothing).
    pub fn field(&self, path: &str) -> FieldInfo {
        self.fields.get(path).cloned().unwrap_or_default()
    }
}

fn tables<'a>(value: &'a toml::Value, key: &str) -> Result<Vec<&'a toml::Table>, String> {
    value
        .as_array()
        .ok_or_else(|| format!("`{key}` must be an array of tables: write [[{key}]]"))?
        .iter()
        .map(|v| {
            v.as_table()
                .ok_or_else(|| format!("each [[{key}]] must be a table"))
        })
        .collect()
}

/// Word sequences from a TOML list of strings.
fn phrases(v: Option<&toml::Value>) -> Result<Vec<Vec<String>>, String> {
    let Some(v) = v else { return Ok(Vec::new()) };
    let list = v.as_array().ok_or("must be a list of strings")?;
    list.iter()
        .map(|x| {
            let s = x.as_str().ok_or("must be a list of strings")?;
            let words: Vec<String> = s.split_whitespace().map(str::to_lowercase).collect();
            if words.is_empty() {
                Err("holds an empty string".to_string())
            } else {
                Ok(words)
            }
        })
        .collect()
}

fn keyed(t: &toml::Table) -> Result<Keyed, String> {
    for k in t.keys() {
        if k != "value" && k != "words" {
            return Err(format!(
                "unknown key `{k}`; the keys are `value` and `words`"
            ));
        }
    }
    let value = t
        .get("value")
        .and_then(toml::Value::as_str)
        .ok_or("needs a `value`")?
        .to_string();
    let words = phrases(t.get("words")).map_err(|m| format!("`words` {m}"))?;
    Ok(Keyed { value, words })
}

fn field_info(v: &toml::Value, mut info: FieldInfo) -> Result<FieldInfo, String> {
    let t = v.as_table().ok_or("must be a table")?;
    for (k, x) in t {
        match k.as_str() {
            "silent" => info.silent = json_of(x),
            "means" => info.means = Some(x.as_str().ok_or("`means` is text")?.to_string()),
            "better" => {
                info.better = Some(match x.as_str() {
                    Some("higher") => Better::Higher,
                    Some("lower") => Better::Lower,
                    _ => return Err("`better` is \"higher\" or \"lower\"".into()),
                })
            }
            other => {
                return Err(format!(
                    "unknown key `{other}`; the keys are `silent`, `means` and `better`"
                ));
            }
        }
    }
    Ok(info)
}

/// A TOML value as JSON (`"null"` stands for null, which TOML cannot write).
pub fn json_of(v: &toml::Value) -> Value {
    match v {
        toml::Value::String(s) if s == "null" => Value::Null,
        other => serde_json::to_value(other).unwrap_or(Value::Null),
    }
}

const TERM_KEYS: &[&str] = &[
    "id", "field", "patterns", "unless", "within", "set", "set_from", "add", "negated",
];

fn term(id: &str, t: &toml::Table, file: &str, schema: Option<&Value>) -> Result<Term, String> {
    for k in t.keys() {
        if !TERM_KEYS.contains(&k.as_str()) {
            let hint = crate::diagnostics::did_you_mean(k, TERM_KEYS.iter().copied())
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            return Err(format!("unknown key `{k}`{hint}"));
        }
    }
    let field = t
        .get("field")
        .and_then(toml::Value::as_str)
        .ok_or("needs a `field` (a deal field path)")?
        .to_string();
    if !is_field(schema, &field) {
        return Err(format!("`{field}` is not a field of the deal format"));
    }
    let patterns: Vec<Pattern> = match t.get("patterns").and_then(toml::Value::as_array) {
        Some(list) if !list.is_empty() => list
            .iter()
            .map(|p| {
                p.as_str()
                    .ok_or_else(|| "`patterns` is a list of strings".to_string())
                    .and_then(Pattern::parse)
            })
            .collect::<Result<_, _>>()?,
        _ => return Err("needs `patterns`, a list of at least one pattern".into()),
    };
    let set = t.get("set").map(json_of);
    let add = t.get("add").map(json_of);
    let set_from = t
        .get("set_from")
        .map(|v| {
            v.as_str()
                .map(str::to_string)
                .ok_or("`set_from` is a field path")
        })
        .transpose()?;
    if [set.is_some(), add.is_some(), set_from.is_some()]
        .iter()
        .filter(|x| **x)
        .count()
        > 1
    {
        return Err("give one of `set`, `set_from` and `add`".into());
    }
    if let Some(f) = &set_from
        && !is_field(schema, f)
    {
        return Err(format!("`set_from`: `{f}` is not a field"));
    }
    for p in &patterns {
        if set.is_none() && add.is_none() && set_from.is_none() && p.slots().next().is_none() {
            return Err(format!(
                "\"{}\": a pattern without a slot needs `set` or `add`",
                p.text
            ));
        }
        for (_, name) in p.slots() {
            for n in name.into_iter().flat_map(|n| n.split(',')) {
                if !is_field(schema, &format!("{field}.{n}")) {
                    return Err(format!("\"{}\": `{field}.{n}` is not a field", p.text));
                }
            }
        }
    }
    Ok(Term {
        id: id.to_string(),
        field,
        patterns,
        unless: phrases(t.get("unless")).map_err(|m| format!("`unless` {m}"))?,
        within: phrases(t.get("within")).map_err(|m| format!("`within` {m}"))?,
        set,
        add,
        set_from,
        negated: t.get("negated").map(json_of),
        origin: file.to_string(),
    })
}

/// Whether `path` is a field of the deal format (through list items); any path when there
/// is no schema to check against.
fn is_field(schema: Option<&Value>, path: &str) -> bool {
    let Some(schema) = schema else {
        return true;
    };
    let mut node = Node::root(schema);
    for key in path.split('.') {
        node = node.set();
        if let Some(items) = node.items() {
            node = items.set();
        }
        match node.field(key) {
            Some(n) => node = n,
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in intake files are not checked against the deal format when they are
    /// loaded (they are compiled in): here they are, every field each term and each
    /// `[fields]` entry names.
    #[test]
    fn the_builtin_intake_files_name_only_fields_of_the_deal_format() {
        let library = Library::builtin().unwrap();
        let checked = Terms::load_checking(&library, true);
        assert!(checked.is_ok(), "{}", checked.err().unwrap());
        // And the check does catch a field that is not one.
        assert!(!is_field(
            Some(crate::deal::schema::shape_schema()),
            "sla.uptime_percent"
        ));
        assert!(is_field(
            Some(crate::deal::schema::shape_schema()),
            "support.severities.response_minutes"
        ));
    }

    #[test]
    fn patterns_parse() {
        let p = Pattern::parse("(uptime|monthly availability) ... {pct} * < {dur:notice_days}")
            .unwrap();
        assert_eq!(
            p.steps,
            vec![
                Step::Words(vec![
                    vec!["uptime".into()],
                    vec!["monthly".into(), "availability".into()]
                ]),
                Step::Gap(GAP),
                Step::Slot(Slot::Pct, None),
                Step::Any,
                Step::Symbol('<'),
                Step::Slot(Slot::Dur, Some("notice_days".into())),
            ]
        );
        assert!(Pattern::parse("... uptime").is_err());
        assert!(Pattern::parse("{pcent}").is_err());
        assert!(Pattern::parse("(a|").is_err());
    }

    #[test]
    fn the_builtin_files_load() {
        let lib = Library::builtin().unwrap();
        let t = Terms::load(&lib).unwrap_or_else(|e| panic!("{e}"));
        assert!(t.terms.len() > 40, "{}", t.terms.len());
        assert!(t.exclusions.len() >= 8);
        for (name, _) in WORD_LISTS {
            assert!(!t.words(name).is_empty(), "words.{name} is empty");
        }
    }
}
