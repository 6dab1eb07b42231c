//! `dealdraft check`: a deal (after playbook defaults, per business unit if asked) against
//! the playbook's rules, and vendor paper against its red-flag phrases.
//!
//! - [`rules`] — the rules files of the clause library (`rules/*.toml`): loading, overlay
//!   by id, validation, the generic comparisons;
//! - [`hours`] — support windows against the customer's business days, in time zones;
//! - [`paper_scan`] — red-flag phrases in text, with line and column;
//! - [`report`] — the findings as compiler-style text, a negotiation memo (Markdown) or
//!   JSON (`examples/schema/check.schema.json`).
//!
//! The library never prints: [`check_deal`] and [`check_paper`] return reports.

pub mod hours;
pub mod paper_scan;
pub mod profile;
pub mod report;
pub mod rules;

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use crate::deal::Source;
use crate::deal::model::{Coverage, DealFile};
use crate::diagnostics::{Diagnostics, JsonPath};
use crate::library::Library;
use crate::resolve::Resolved;
use rules::{Area, Logic, Rule, RuleSet, Severity, scalar_text};

/// The version of the JSON report's shape.
pub const REPORT_VERSION: u32 = 2;

/// Where a finding's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SetBy {
    /// The deal file sets it (or sets an enclosing field to `null`).
    Deal,
    /// The business unit's `overrides` set it.
    Unit,
    /// Not set: the playbook default for the deal's stance.
    PlaybookDefault,
}

/// A place in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// One way the deal falls short of the playbook.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule's id.
    pub rule: String,
    /// Error, warning or info.
    pub severity: Severity,
    /// The playbook coverage row (`SLA-3`).
    pub coverage: String,
    /// The area, for grouping.
    pub area: Area,
    /// What is wrong, in one line.
    pub title: String,
    /// The field (`sla.credit_cap_pct`).
    pub path: String,
    /// Who set the value.
    pub set_by: SetBy,
    /// Where the deal file sets it; `None` for a playbook default.
    pub location: Option<Place>,
    /// What the deal says.
    pub deal_says: String,
    /// What the playbook asks for (preferred position).
    pub ask: String,
    /// The playbook's fallback.
    pub fallback: String,
    /// Why it matters.
    pub why: String,
    /// Our clause that carries the playbook's position.
    pub clause: String,
}

/// A rule the deal passes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Passed {
    /// The rule's id.
    pub rule: String,
    /// The coverage row.
    pub coverage: String,
    /// The area.
    pub area: Area,
    /// The rule's severity had it failed.
    pub severity: Severity,
    /// What is good about the deal, if the rule says.
    pub strength: Option<String>,
}

/// A field the draft shows as a blank `[●]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Blank {
    /// The deal field, e.g. `deal.vendor.legal_name`.
    pub field: String,
    /// How many times the draft shows it.
    pub times: usize,
}

/// How many findings of each severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Errors.
    pub error: usize,
    /// Warnings.
    pub warning: usize,
    /// Info.
    pub info: usize,
}

impl Counts {
    fn of(severities: impl Iterator<Item = Severity>) -> Counts {
        let mut c = Counts::default();
        for s in severities {
            match s {
                Severity::Error => c.error += 1,
                Severity::Warning => c.warning += 1,
                Severity::Info | Severity::Off => c.info += 1,
            }
        }
        c
    }
}

/// One deal (or business unit) checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DealReport {
    /// The deal file.
    pub file: String,
    /// `deal.id`.
    pub deal_id: String,
    /// `deal.title`.
    pub title: Option<String>,
    /// The vendor's short or legal name.
    pub vendor: Option<String>,
    /// The business unit, if checked for one.
    pub unit: Option<String>,
    /// The stance the defaults came from.
    pub stance: crate::deal::Stance,
    /// Findings per severity.
    pub counts: Counts,
    /// Positions the deal leaves open: each field the draft would show as a blank `[●]`,
    /// with how many times. A deal with blanks is not ready to sign.
    pub blanks: Vec<Blank>,
    /// The findings, errors first, then by area and rule.
    pub findings: Vec<Finding>,
    /// The rules passed, by area and rule.
    pub passed: Vec<Passed>,
}

/// One thing wrong with the vendor's paper: a deal rule its terms fail (read by
/// [`crate::intake`]), a protection it is silent on, or red-flag language; a phrase in the
/// sentence a rule's finding comes from is part of that finding (`also`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaperFinding {
    /// The rule's id (`sla.chronic-failure-missing`), or the phrase's (`paper.best-efforts`),
    /// or `paper.keep-theirs`.
    pub rule: String,
    /// Phrases found in the same sentence that say the same, merged into this finding.
    pub also: Vec<String>,
    /// How bad it is.
    pub severity: Severity,
    /// The coverage row.
    pub coverage: String,
    /// The area.
    pub area: Area,
    /// What is wrong, in one line.
    pub title: String,
    /// The deal field, for a rule's finding.
    pub path: Option<String>,
    /// The paper's clause it is about ("4.2 Service Credits"); `None` when the paper is
    /// silent.
    pub section: Option<String>,
    /// Where; `None` when the paper is silent.
    pub location: Option<Place>,
    /// What the paper says (the sentence), or what its silence means.
    pub text: String,
    /// What the terms read from it are, in words ("credits capped at 5% of monthly fees").
    pub paper_says: String,
    /// The playbook's answer (preferred position).
    pub answer: String,
    /// The playbook's fallback.
    pub fallback: String,
    /// Why it matters.
    pub why: String,
    /// Our clause that carries the playbook's position.
    pub clause: String,
}

/// A protection the paper is silent on, in an area it addresses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaperSilence {
    /// The deal field.
    pub field: String,
    /// What the silence means for the customer.
    pub means: String,
}

/// A sentence that reads like a commitment but no term of the deal format was read from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaperUnread {
    /// Where.
    pub location: Place,
    /// The sentence.
    pub text: String,
}

/// One vendor paper checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaperReport {
    /// The file.
    pub file: String,
    /// Findings per severity.
    pub counts: Counts,
    /// The findings: in paper order, then what the paper is silent on.
    pub findings: Vec<PaperFinding>,
    /// The areas the paper addresses (its terms are checked).
    pub areas: Vec<String>,
    /// The areas it does not address: not checked.
    pub not_checked: Vec<String>,
    /// What the paper is silent on (each also a finding where a rule asks for it).
    pub silent: Vec<PaperSilence>,
    /// What was not understood: read it yourself.
    pub not_understood: Vec<PaperUnread>,
    /// How many terms were read from the paper.
    pub terms_read: usize,
}

/// Everything one `check` run found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// [`REPORT_VERSION`].
    pub version: u32,
    /// The deals (and units) checked.
    pub deals: Vec<DealReport>,
    /// The vendor papers checked.
    pub papers: Vec<PaperReport>,
}

impl Report {
    /// Whether any finding is an error (`check` exits 1).
    pub fn has_errors(&self) -> bool {
        self.deals
            .iter()
            .flat_map(|d| &d.findings)
            .any(|f| f.severity == Severity::Error)
            || self
                .papers
                .iter()
                .flat_map(|p| &p.findings)
                .any(|f| f.severity == Severity::Error)
    }
}

/// Which deals to check for each deal file.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only this business unit (its overrides applied).
    pub unit: Option<String>,
    /// The deal and every business unit of it.
    pub all_units: bool,
    /// Business units from a spreadsheet, checked for every deal (as `batch --units`
    /// renders them); a finding on a field the row sets is placed at its cell.
    pub units: Vec<crate::units::CsvUnit>,
}

/// Checks deal files and vendor papers. Every input problem (a deal that does not load, a
/// unit that does not exist, a paper that cannot be read) is collected and returned as
/// bad input; only then are the findings computed.
pub fn check_files(
    deals: &[PathBuf],
    papers: &[PathBuf],
    opts: &Options,
    library: &Library,
) -> Result<Report, Diagnostics> {
    let rules = RuleSet::load(library)?;
    let mut problems = Diagnostics::new();
    let mut report = Report {
        version: REPORT_VERSION,
        deals: Vec::new(),
        papers: Vec::new(),
    };
    for path in deals {
        let source = match Source::read(path) {
            Ok(s) => s,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        let base = match crate::resolve::resolve(&source, library) {
            Ok(r) => r,
            Err(d) => {
                problems.extend(d);
                continue;
            }
        };
        if let Some(id) = &opts.unit {
            match crate::resolve::for_unit(&base, id, library) {
                Ok(u) => {
                    let index = base.units().iter().position(|x| &x.id == id);
                    let mut r = check_deal(&source, &u, index, &rules);
                    r.blanks = blanks_of(&u, library);
                    report.deals.push(r);
                }
                Err(d) => problems.extend(d),
            }
            continue;
        }
        let mut r = check_deal(&source, &base, None, &rules);
        r.blanks = blanks_of(&base, library);
        report.deals.push(r);
        let deal_json = units_need_deal(&opts.units).then(|| base.deal_json());
        for row in &opts.units {
            if row.problems.has_errors() {
                problems.extend(row.problems.clone());
                continue;
            }
            let row = match &deal_json {
                Some(d) => match row.bind(d) {
                    Ok(r) => std::borrow::Cow::Owned(r),
                    Err(d) => {
                        problems.extend(d);
                        continue;
                    }
                },
                None => std::borrow::Cow::Borrowed(row),
            };
            match crate::resolve::resolve_unit(&source, &base, &row.unit, None, library) {
                Ok(u) => {
                    let mut r = check_deal(&source, &u, None, &rules);
                    for f in &mut r.findings {
                        if let Some(column) = row.column_of(&f.path) {
                            f.set_by = SetBy::Unit;
                            f.location = Some(Place {
                                file: row.file.display().to_string(),
                                line: row.line,
                                column,
                            });
                        }
                    }
                    r.blanks = blanks_of(&u, library);
                    report.deals.push(r);
                }
                Err(d) => problems.extend(Diagnostics(
                    d.0.into_iter().map(|x| row.locate(x)).collect(),
                )),
            }
        }
        if opts.all_units {
            for (i, unit) in base.units().iter().enumerate() {
                match crate::resolve::resolve_unit(&source, &base, unit, Some(i), library) {
                    Ok(u) => {
                        let mut r = check_deal(&source, &u, Some(i), &rules);
                        r.blanks = blanks_of(&u, library);
                        report.deals.push(r);
                    }
                    Err(d) => problems.extend(d),
                }
            }
        }
    }
    if !papers.is_empty() {
        let terms = crate::intake::Terms::load(library)?;
        for path in papers {
            match check_paper_file(path, &rules, &terms, library) {
                Ok(r) => report.papers.push(r),
                Err(d) => problems.extend(d),
            }
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(report)
}

/// Reviews one vendor paper: its terms read as a deal ([`crate::intake`]) and run through
/// the deal rules (numbers and absences, in the areas the paper addresses), where the
/// vendor gives more than the playbook asks ("keep theirs"), and its red-flag phrases
/// (never a negated or quoted one, nor a heading); a phrase in the sentence a rule's
/// finding comes from is that finding's, not a second one.
pub fn check_paper_file(
    path: &Path,
    rules: &RuleSet,
    terms: &crate::intake::Terms,
    library: &Library,
) -> Result<PaperReport, Diagnostics> {
    use crate::paper::{Kind, Paper};
    let paper = Paper::read(path)?;
    let kind = Kind::of(path).unwrap_or(Kind::Text);
    let intake = crate::intake::intake(&paper, kind, terms, library);
    Ok(check_paper(&paper, &intake, rules, terms, library))
}

fn place_of(p: &crate::intake::Place) -> Place {
    Place {
        file: p.file.clone(),
        line: p.line.or(p.paragraph).unwrap_or(1),
        column: p.column.unwrap_or(1),
    }
}

use crate::intake::bare_path as bare;

/// Reviews a paper already read; see [`check_paper_file`].
pub fn check_paper(
    paper: &crate::paper::Paper,
    intake: &crate::intake::Intake,
    rules: &RuleSet,
    terms: &crate::intake::Terms,
    library: &Library,
) -> PaperReport {
    let name = paper.name.clone();
    let mut findings: Vec<(Option<usize>, PaperFinding)> = Vec::new();
    // 1. The deal rules on the vendor's position, in the areas the paper addresses.
    let text = serde_json::to_string_pretty(&intake.deal).unwrap_or_default();
    let resolved = Source::parse(&name, text).ok().and_then(|src| {
        crate::resolve::resolve(&src, library)
            .ok()
            .map(|r| (src, r))
    });
    if let Some((src, deal)) = &resolved {
        let report = check_deal(src, deal, None, rules);
        for f in report.findings {
            if !intake.addresses(f.area.as_str()) || f.rule == "sla.best-efforts-language" {
                continue;
            }
            let path = bare(&f.path);
            let found = intake.found.iter().find(|x| {
                x.field == path
                    || path.starts_with(&format!("{}.", x.field))
                    || x.field.starts_with(&format!("{path}."))
            });
            let (para, section, location, text) = match found {
                Some(x) => (
                    Some(x.para),
                    Some(intake.sections[x.section].title()),
                    Some(place_of(&x.place)),
                    x.quote.clone(),
                ),
                None => (
                    None,
                    None,
                    None,
                    terms
                        .field(&path)
                        .means
                        .unwrap_or_else(|| "The paper says nothing of it.".into()),
                ),
            };
            findings.push((
                para,
                PaperFinding {
                    rule: f.rule,
                    also: Vec::new(),
                    severity: f.severity,
                    coverage: f.coverage,
                    area: f.area,
                    title: f.title,
                    path: Some(f.path),
                    section,
                    location,
                    text,
                    paper_says: f.deal_says,
                    answer: f.ask,
                    fallback: f.fallback,
                    why: f.why,
                    clause: f.clause,
                },
            ));
        }
    }
    // 2. Terms where the vendor gives more than the playbook asks: keep theirs.
    findings.extend(keep_theirs(intake, terms, library));
    // 3. Red-flag phrases, stated (not negated, quoted or a heading), merged with the rule
    //    finding of their sentence.
    let negation: Vec<String> = terms
        .words("negation")
        .iter()
        .filter(|w| w.len() == 1)
        .map(|w| w[0].clone())
        .collect();
    let phrases = active_phrases(rules);
    for (i, para) in paper.paragraphs.iter().enumerate() {
        if para.heading.is_some() {
            continue;
        }
        for h in paper_scan::scan(&para.text, &phrases) {
            if negated(&para.text, h.start, &negation) || in_quotes(&para.text, h.start, h.end) {
                continue;
            }
            let Some(p) = rules.phrases.iter().find(|p| p.id == h.phrase) else {
                continue;
            };
            // A phrase that numbers nearby excuse ("unlimited") is answered by the terms
            // when its paragraph refers to its rule's field ("... to the rate limits
            // below"), that field was read from the paper and the rule passes.
            if p.unless_number_within.is_some()
                && let Some(r) = &p.rule
                && let Some(rule) = rules.rules.iter().find(|x| x.id == *r)
                && let Some(path) = &rule.path
                && refers_to(&para.text, &bare(&path.text))
                && intake.found.iter().any(|f| {
                    let p = bare(&path.text);
                    f.field == p || f.field.starts_with(&format!("{p}."))
                })
                && !findings.iter().any(|(_, f)| f.rule == *r)
            {
                continue;
            }
            let merged = p.rule.as_ref().and_then(|r| {
                findings
                    .iter_mut()
                    .find(|(at, f)| f.rule == *r && (at.is_none() || *at == Some(i)))
            });
            if let Some((at, f)) = merged {
                if !f.also.contains(&p.id) {
                    f.also.push(p.id.clone());
                }
                // A rule finding of silence gets the phrase's place.
                if at.is_none() {
                    *at = Some(i);
                    let (line, column) = para.place(h.start);
                    f.location = Some(Place {
                        file: name.clone(),
                        line,
                        column,
                    });
                    f.section = Some(section_title(intake, i));
                    f.text = para.text.clone();
                }
                continue;
            }
            let (line, column) = para.place(h.start);
            findings.push((
                Some(i),
                PaperFinding {
                    rule: p.id.clone(),
                    also: Vec::new(),
                    severity: p.severity,
                    coverage: p.coverage.clone(),
                    area: p.area,
                    title: p.title.clone(),
                    path: None,
                    section: Some(section_title(intake, i)),
                    location: Some(Place {
                        file: name.clone(),
                        line,
                        column,
                    }),
                    text: h.text,
                    paper_says: String::new(),
                    answer: p.answer.clone(),
                    fallback: String::new(),
                    why: p.why.clone(),
                    clause: p.clause.clone(),
                },
            ));
        }
    }
    // Paper order, then what the paper is silent on (errors first).
    findings.sort_by(|(a, x), (b, y)| {
        (a.is_none(), a, x.severity, &x.rule).cmp(&(b.is_none(), b, y.severity, &y.rule))
    });
    let findings: Vec<PaperFinding> = findings.into_iter().map(|(_, f)| f).collect();
    PaperReport {
        file: name,
        counts: Counts::of(findings.iter().map(|f| f.severity)),
        findings,
        areas: intake.areas.clone(),
        not_checked: intake.not_covered.clone(),
        silent: intake
            .silent
            .iter()
            .map(|x| PaperSilence {
                field: x.field.clone(),
                means: x.means.clone(),
            })
            .collect(),
        not_understood: intake
            .unread
            .iter()
            .map(|u| PaperUnread {
                location: place_of(&u.place),
                text: u.text.clone(),
            })
            .collect(),
        terms_read: intake.found.len(),
    }
}

/// Whether a text names a field in words: each word of its name ("rate limits" for
/// `commercial.rate_limits`).
fn refers_to(text: &str, field: &str) -> bool {
    let lower = text.to_lowercase();
    let name = field.rsplit('.').next().unwrap_or(field);
    name.split('_')
        .filter(|w| w.len() > 2)
        .all(|w| lower.contains(w.trim_end_matches('s')))
}

fn section_title(intake: &crate::intake::Intake, para: usize) -> String {
    intake
        .sections
        .iter()
        .rev()
        .find(|s| s.first <= para)
        .map_or_else(|| "the opening text".into(), |s| s.title())
}

/// Whether a negation stands in the five words before byte `at` of a text, within its
/// clause ("not the sole remedy", "are not Customer's sole or exclusive remedy").
pub(crate) fn negated(text: &str, at: usize, negation: &[String]) -> bool {
    let clause = text[..at]
        .rsplit([',', ';', ':', '.', '(', ')'])
        .next()
        .unwrap_or_default();
    clause
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .rev()
        .take(5)
        .any(|w| {
            negation
                .iter()
                .any(|n| *n == w.to_lowercase().replace('’', "'"))
        })
}

/// Whether the bytes `start..end` of a text stand between quotation marks.
pub(crate) fn in_quotes(text: &str, start: usize, end: usize) -> bool {
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('“', _) | ('"', None) => open = Some(i),
            ('”', Some(o)) | ('"', Some(o)) => {
                if o < start && end <= i {
                    return true;
                }
                open = None;
            }
            _ => {}
        }
    }
    false
}

/// The vendor's terms that are better than the playbook's opening position, by the
/// direction the intake files give each field.
fn keep_theirs(
    intake: &crate::intake::Intake,
    terms: &crate::intake::Terms,
    library: &Library,
) -> Vec<(Option<usize>, PaperFinding)> {
    use crate::intake::Better;
    let preferred = library
        .playbook()
        .defaults
        .get(&crate::deal::Stance::Preferred)
        .cloned()
        .unwrap_or_default();
    let at = |path: &str| path.split('.').try_fold(&preferred, |v, k| v.get(k));
    let mut out = Vec::new();
    let mut push = |f: &crate::intake::Found, what: String, ours: String| {
        out.push((
            Some(f.para),
            PaperFinding {
                rule: "paper.keep-theirs".into(),
                also: Vec::new(),
                severity: Severity::Info,
                coverage: String::new(),
                area: area_of(&f.field),
                title: format!("The paper gives more than the playbook asks: {what}"),
                path: Some(f.field.clone()),
                section: Some(intake.sections[f.section].title()),
                location: Some(place_of(&f.place)),
                text: f.quote.clone(),
                paper_says: what,
                answer: format!("Keep theirs: the playbook asks {ours}; never trade it down."),
                fallback: String::new(),
                why: "A term the vendor already offers costs nothing to keep, and a redline that lowered it would give it away.".into(),
                clause: String::new(),
            },
        ));
    };
    let better = |b: Better, theirs: f64, ours: f64| match b {
        Better::Higher => theirs > ours,
        Better::Lower => theirs < ours,
    };
    for f in &intake.found {
        if f.field == "support.severities" {
            let Some(b) = terms.field("support.severities.response_minutes").better else {
                continue;
            };
            for item in f.value.as_array().into_iter().flatten() {
                let level = item["level"].as_str().unwrap_or_default();
                let ours = at("support.severities").and_then(|v| {
                    v.as_array()?.iter().find(|x| x["level"] == level)?["response_minutes"].as_f64()
                });
                if let (Some(t), Some(o)) = (item["response_minutes"].as_f64(), ours)
                    && better(b, t, o)
                {
                    push(
                        f,
                        format!(
                            "{level} response {}",
                            crate::wording::duration_minutes(t as u64)
                        ),
                        format!(
                            "{level} response {}",
                            crate::wording::duration_minutes(o as u64)
                        ),
                    );
                }
            }
            continue;
        }
        let Some(b) = terms.field(&f.field).better else {
            continue;
        };
        if let (Some(t), Some(o)) = (f.value.as_f64(), at(&f.field).and_then(Value::as_f64))
            && better(b, t, o)
        {
            let label = crate::intake::report::label(library, &f.field);
            push(
                f,
                format!(
                    "{label} {}",
                    crate::intake::report::describe(&f.field, &f.value)
                ),
                crate::intake::report::describe(&f.field, &serde_json::json!(o)),
            );
        }
    }
    out
}

fn area_of(field: &str) -> Area {
    match crate::intake::area_of(field) {
        "support" => Area::Support,
        "training" => Area::Training,
        "data" => Area::Data,
        "exit" => Area::Exit,
        "commercial" | "onboarding" | "governance" | "deal" => Area::Commercial,
        _ => Area::Sla,
    }
}

fn active_phrases(rules: &RuleSet) -> Vec<&rules::Phrase> {
    rules
        .phrases
        .iter()
        .filter(|p| p.severity != Severity::Off)
        .collect()
}

/// Whether a spreadsheet's rows need the deal's values to be bound (a cell in a list item).
fn units_need_deal(units: &[crate::units::CsvUnit]) -> bool {
    units.iter().any(|u| !u.item_cells.is_empty())
}

/// Checks one resolved deal (or unit: `unit_index` is its place in `business_units`, so
/// values its overrides set are located there).
pub fn check_deal(
    source: &Source,
    deal: &Resolved,
    unit_index: Option<usize>,
    rules: &RuleSet,
) -> DealReport {
    let json = serde_json::to_value(&deal.deal).expect("a deal serialises");
    let patch = unit_index.and_then(|i| {
        deal.unit
            .as_ref()
            .and_then(|u| u.overrides.as_ref())
            .map(|p| (i, p))
    });
    let mut findings = Vec::new();
    let mut passed = Vec::new();
    for rule in &rules.rules {
        if rule.severity == Severity::Off || !applies(rule, &json) {
            continue;
        }
        let results: Vec<(JsonPath, Option<Value>, String)> = match &rule.logic {
            Logic::Compare(test) => {
                let Some(rule_path) = &rule.path else {
                    continue;
                };
                let (path, value) = rule_path.resolve(&json);
                if test.holds(value, &json) {
                    let says = match &rule.says {
                        Some(t) => fill(t, rule, value, &json),
                        None => describe_value(value),
                    };
                    vec![(path, value.cloned(), says)]
                } else {
                    Vec::new()
                }
            }
            Logic::Computed(name, params) => {
                match computed(name, params, &deal.deal, &json, rules) {
                    Some(found) => found.into_iter().map(|(p, s)| (p, None, s)).collect(),
                    // Nothing to check (e.g. no training sessions): neither found nor passed.
                    None => continue,
                }
            }
        };
        if results.is_empty() {
            passed.push(Passed {
                rule: rule.id.clone(),
                coverage: rule.coverage.clone(),
                area: rule.area,
                severity: rule.severity,
                // A strength that quotes the value needs one (an absent value is some
                // other rule's finding, not a strong point).
                strength: rule.strength.as_ref().and_then(|t| {
                    let v = rule.path.as_ref().and_then(|p| p.resolve(&json).1);
                    (v.is_some() || !t.contains("{value}")).then(|| fill(t, rule, v, &json))
                }),
            });
            continue;
        }
        for (path, value, says) in results {
            let (set_by, place) = locate(source, &deal.raw, patch, &path);
            findings.push(Finding {
                rule: rule.id.clone(),
                severity: rule.severity,
                coverage: rule.coverage.clone(),
                area: rule.area,
                title: fill(&rule.title, rule, value.as_ref(), &json),
                path: path.to_string(),
                set_by,
                location: place,
                deal_says: says,
                ask: fill(&rule.ask, rule, value.as_ref(), &json),
                fallback: fill(&rule.fallback, rule, value.as_ref(), &json),
                why: fill(&rule.why, rule, value.as_ref(), &json),
                clause: rule.clause.clone(),
            });
        }
    }
    findings.sort_by(|a, b| {
        (a.severity, a.area, &a.rule, &a.path).cmp(&(b.severity, b.area, &b.rule, &b.path))
    });
    passed.sort_by(|a, b| (a.area, &a.rule).cmp(&(b.area, &b.rule)));
    let d = deal.info();
    DealReport {
        file: source.name.clone(),
        deal_id: d.id.clone(),
        title: d.title.clone(),
        vendor: d
            .vendor
            .as_ref()
            .and_then(|v| v.short_name.clone().or_else(|| v.legal_name.clone())),
        unit: deal.unit.as_ref().map(|u| u.id.clone()),
        stance: deal.stance,
        counts: Counts::of(findings.iter().map(|f| f.severity)),
        blanks: Vec::new(),
        findings,
        passed,
    }
}

/// The positions `deal` leaves open: the blanks of its draft (the SOW and every annex).
/// A draft that does not assemble has its problems reported by `validate` and `render`;
/// here it counts no blanks.
pub fn blanks_of(deal: &Resolved, library: &Library) -> Vec<Blank> {
    crate::assemble::assemble(
        deal,
        library,
        crate::assemble::MAIN_DOCUMENT,
        Default::default(),
    )
    .map(|a| {
        a.blanks
            .into_iter()
            .map(|(field, times)| Blank { field, times })
            .collect()
    })
    .unwrap_or_default()
}

fn applies(rule: &Rule, json: &Value) -> bool {
    rule.requires.iter().all(|p| p.resolve(json).1.is_some())
        && rule
            .when
            .iter()
            .all(|c| c.test.holds(c.path.resolve(json).1, json))
}

/// A rule text with `{value}` and `{threshold}` filled in.
pub(crate) fn fill(text: &str, rule: &Rule, value: Option<&Value>, json: &Value) -> String {
    let threshold = match &rule.logic {
        Logic::Compare(t) => t.threshold(json, value),
        Logic::Computed(..) => String::new(),
    };
    text.replace("{value}", &describe_value(value))
        .replace("{threshold}", &threshold)
}

/// A deal value for people: `none` for null, lists joined, money as `USD 1,500,000`.
pub fn describe_value(value: Option<&Value>) -> String {
    match value {
        None => "none".into(),
        Some(Value::Array(a)) if a.is_empty() => "none".into(),
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| describe_value(Some(v)))
            .collect::<Vec<_>>()
            .join(", "),
        Some(Value::Object(o))
            if o.len() == 2 && o.contains_key("amount") && o.contains_key("currency") =>
        {
            format!(
                "{} {}",
                scalar_text(&o["currency"]),
                o["amount"]
                    .as_f64()
                    .map(crate::wording::decimal)
                    .unwrap_or_default()
            )
        }
        Some(Value::Object(o)) => {
            let parts: Vec<String> = o
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| format!("{k} {}", describe_value(Some(v))))
                .collect();
            if parts.is_empty() {
                "none".into()
            } else {
                parts.join(", ")
            }
        }
        Some(Value::Number(n)) => n.as_f64().map(rules::trim_number).unwrap_or_default(),
        Some(v) => scalar_text(v),
    }
}

/// Who set the value at `path`, and where. A value is the deal's (or the unit's) when the
/// file holds it, or holds `null` for a field around it (explicitly none); otherwise it
/// is the playbook default.
fn locate(
    source: &Source,
    raw: &Value,
    unit: Option<(usize, &Value)>,
    path: &JsonPath,
) -> (SetBy, Option<Place>) {
    let place = |p: &JsonPath| {
        source.locate(p).map(|(line, column)| Place {
            file: source.name.clone(),
            line,
            column,
        })
    };
    if let Some((i, patch)) = unit
        && let Some(q) = set_prefix(patch, path)
    {
        let prefix = JsonPath::root()
            .key("business_units")
            .index(i)
            .key("overrides");
        return (SetBy::Unit, place(&q.under(&prefix)));
    }
    match set_prefix(raw, path) {
        Some(q) => (SetBy::Deal, place(&q)),
        None => (SetBy::PlaybookDefault, None),
    }
}

fn set_prefix(doc: &Value, path: &JsonPath) -> Option<JsonPath> {
    if path.lookup(doc).is_some() {
        return Some(path.clone());
    }
    (1..path.0.len())
        .rev()
        .map(|n| JsonPath(path.0[..n].to_vec()))
        .find(|p| p.lookup(doc).is_some_and(Value::is_null))
}

/// The computed checks: each result is a path and what the deal says there; `None` when
/// the deal gives the check nothing to look at.
fn computed(
    name: &str,
    params: &toml::Table,
    deal: &DealFile,
    json: &Value,
    rules: &RuleSet,
) -> Option<Vec<(JsonPath, String)>> {
    match name {
        "support_hours" => support_hours(deal, params),
        "training_reach" => training_reach(deal),
        "pilot_training" => pilot_training(deal),
        "red_flag_text" => Some(red_flag_text(json, rules)),
        "credit_cap_idle" => credit_cap_idle(deal),
        "profile_floor" => profile::below_floor(json, &rules.profiles),
        "profile_stale" => profile::stale(json, &rules.profiles),
        "profile_residency" => profile::residency_not_offered(json, &rules.profiles),
        "profile_zdr" => profile::zdr_not_asked(json, &rules.profiles),
        _ => None,
    }
}

/// The customer's business day from a `support_hours` rule's parameters (default
/// 09:00–18:00, Monday to Friday).
pub fn support_hours_params(params: &toml::Table) -> Result<hours::Window, String> {
    let time = |key: &str, default: u32| -> Result<u32, String> {
        match params.get(key) {
            None => Ok(default),
            Some(v) => v
                .as_str()
                .and_then(crate::dates::parse_hhmm)
                .ok_or_else(|| format!("`params.{key}` = {v} is not a time like \"09:00\"")),
        }
    };
    let start = time("business_day_start", 9 * 60)?;
    let end = time("business_day_end", 18 * 60)?;
    if start == end {
        return Err("the business day starts when it ends".into());
    }
    let mut w = hours::Window::weekdays(start, end);
    if let Some(v) = params.get("business_days") {
        let list = v
            .as_array()
            .ok_or("`params.business_days` is a list of day names, e.g. [\"mon\", \"tue\"]")?;
        w.days.clear();
        for d in list {
            match d.as_str().and_then(hours::parse_weekday) {
                Some(day) if !w.days.contains(&day) => w.days.push(day),
                Some(_) => {}
                None => {
                    return Err(format!(
                        "`params.business_days`: {d} is not a day (\"mon\" ... \"sun\")"
                    ));
                }
            }
        }
        if w.days.is_empty() {
            return Err("`params.business_days` is empty".into());
        }
    }
    Ok(w)
}

/// Support kept in business hours of one time zone, against each customer time zone's
/// business day, in the week of the effective date (or the first week of 2027). Not
/// applicable without support or without customer time zones; 24/7 and follow-the-sun
/// coverage cover every zone.
fn support_hours(deal: &DealFile, params: &toml::Table) -> Option<Vec<(JsonPath, String)>> {
    let support = deal.support.as_ref()?;
    let zones = deal.deal.customer.as_ref()?.timezones.as_ref()?;
    if zones.is_empty() {
        return None;
    }
    if support.coverage != Some(Coverage::BusinessHours) {
        return support.coverage.map(|_| Vec::new());
    }
    let bh = support.business_hours.as_ref()?;
    let business = support_hours_params(params).ok()?;
    let parse = crate::dates::parse_hhmm;
    let (Some(start), Some(end), Ok(support_tz)) = (
        parse(&bh.start),
        parse(&bh.end),
        jiff::tz::TimeZone::get(&bh.timezone),
    ) else {
        return None;
    };
    let mut window = hours::Window::weekdays(start, end);
    // The support's own days when the deal names them (`support.business_hours.days`).
    if let Some(days) = &bh.days {
        window.days = days
            .iter()
            .filter_map(|d| {
                serde_json::to_value(d)
                    .ok()
                    .and_then(|v| v.as_str().and_then(hours::parse_weekday))
            })
            .collect();
    }
    let monday = hours::reference_monday(
        deal.deal
            .effective_date
            .as_deref()
            .and_then(crate::dates::parse_date)
            .unwrap_or(jiff::civil::date(2027, 1, 4)),
    );
    let path = JsonPath::root().key("support").key("business_hours");
    let found = zones
        .iter()
        .filter_map(|name| {
            let tz = jiff::tz::TimeZone::get(name).ok()?;
            hours::uncovered(&support_tz, &window, name, &tz, &business, monday)
        })
        .map(|gap| {
            (
                path.clone(),
                format!(
                    "support {}–{} {}; {}",
                    bh.start,
                    bh.end,
                    bh.timezone,
                    gap.describe()
                ),
            )
        })
        .collect();
    Some(found)
}

/// Sessions against the regions they are for: a session listing more regions than it has
/// sessions; or, when no session names regions, fewer live sessions in all than the
/// customer has regions.
fn training_reach(deal: &DealFile) -> Option<Vec<(JsonPath, String)>> {
    let sessions = deal.training.as_ref()?.sessions.as_ref()?;
    if sessions.is_empty() {
        return None;
    }
    let sp = JsonPath::root().key("training").key("sessions");
    let mut out = Vec::new();
    for (i, s) in sessions.iter().enumerate() {
        if let Some(r) = &s.regions
            && (s.count as usize) < r.len()
        {
            out.push((
                sp.index(i).key("count"),
                format!(
                    "{} session{} of \"{}\" for {} regions ({})",
                    s.count,
                    if s.count == 1 { "" } else { "s" },
                    s.title,
                    r.len(),
                    r.join(", ")
                ),
            ));
        }
    }
    let regions = deal
        .deal
        .customer
        .as_ref()
        .and_then(|c| c.regions.as_ref())
        .map_or(0, Vec::len);
    if sessions.iter().all(|s| s.regions.is_none()) {
        let live: u32 = sessions
            .iter()
            .filter(|s| s.format != crate::deal::model::SessionFormat::Recorded)
            .map(|s| s.count)
            .sum();
        if (live as usize) < regions {
            out.push((
                sp,
                format!("{live} live sessions in all for {regions} customer regions"),
            ));
        }
    }
    Some(out)
}

/// Training sessions due after the pilot ends: the opt-out judges "the training", so a
/// session due after the last day of the pilot cannot be judged. Not applicable without a
/// pilot or without sessions; a session due by a date is compared when the deal has an
/// effective date.
fn pilot_training(deal: &DealFile) -> Option<Vec<(JsonPath, String)>> {
    let pilot = deal.exit.as_ref()?.pilot.as_ref()?;
    let sessions = deal.training.as_ref()?.sessions.as_ref()?;
    if sessions.is_empty() {
        return None;
    }
    let start = deal
        .deal
        .effective_date
        .as_deref()
        .and_then(crate::dates::parse_date);
    let sp = JsonPath::root().key("training").key("sessions");
    let mut out = Vec::new();
    for (i, s) in sessions.iter().enumerate() {
        let days = match (s.due.within_days, &s.due.by, start) {
            (Some(d), _, _) => Some(i64::from(d)),
            (None, Some(by), Some(start)) => crate::dates::parse_date(by)
                .and_then(|d| start.until(d).ok())
                .map(|span| i64::from(span.get_days())),
            _ => None,
        };
        if let Some(days) = days
            && days > i64::from(pilot.days)
        {
            out.push((
                sp.index(i).key("due").key(if s.due.within_days.is_some() {
                    "within_days"
                } else {
                    "by"
                }),
                format!(
                    "\"{}\" due {days} days after the effective date, after the {}-day pilot ends",
                    s.title, pilot.days
                ),
            ));
        }
    }
    Some(out)
}

/// A credit cap that can never bind (the same test as the warning of `validate`).
fn credit_cap_idle(deal: &DealFile) -> Option<Vec<(JsonPath, String)>> {
    deal.sla.as_ref()?.credit_cap_pct?;
    let found = crate::deal::validate::idle_credit_cap(deal)
        .map(|(cap, most)| {
            (
                JsonPath::root().key("sla").key("credit_cap_pct"),
                format!(
                    "credits capped at {}% while one month earns at most {}%",
                    rules::trim_number(cap),
                    rules::trim_number(most)
                ),
            )
        })
        .into_iter()
        .collect();
    Some(found)
}

/// Red-flag phrases in the deal's own text (severity definitions, titles...).
fn red_flag_text(json: &Value, rules: &RuleSet) -> Vec<(JsonPath, String)> {
    let phrases = active_phrases(rules);
    let mut out = Vec::new();
    let mut stack = vec![(JsonPath::root(), json)];
    while let Some((path, v)) = stack.pop() {
        match v {
            Value::String(s) => {
                for h in paper_scan::scan(s, &phrases) {
                    let title = phrases
                        .iter()
                        .find(|p| p.id == h.phrase)
                        .map(|p| p.title.as_str())
                        .unwrap_or_default();
                    out.push((path.clone(), format!("\"{}\": {title}", h.text)));
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate().rev() {
                    stack.push((path.index(i), x));
                }
            }
            Value::Object(o) => {
                for (k, x) in o.iter().rev() {
                    stack.push((path.key(k), x));
                }
            }
            _ => {}
        }
    }
    out
}
