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
pub mod report;
pub mod rules;

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use crate::deal::Source;
use crate::deal::model::{Coverage, DealFile};
use crate::diagnostics::{Diagnostic, Diagnostics, JsonPath};
use crate::library::Library;
use crate::resolve::Resolved;
use rules::{Area, Logic, Rule, RuleSet, Severity, scalar_text};

/// The version of the JSON report's shape.
pub const REPORT_VERSION: u32 = 1;

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
    /// The findings, errors first, then by area and rule.
    pub findings: Vec<Finding>,
    /// The rules passed, by area and rule.
    pub passed: Vec<Passed>,
}

/// A red-flag phrase in vendor paper.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaperFinding {
    /// The phrase's id.
    pub phrase: String,
    /// How bad it is.
    pub severity: Severity,
    /// The coverage row.
    pub coverage: String,
    /// The area.
    pub area: Area,
    /// What the phrase is.
    pub title: String,
    /// Where.
    pub location: Place,
    /// The text as the paper writes it.
    pub text: String,
    /// The playbook's answer.
    pub answer: String,
    /// Why it matters.
    pub why: String,
    /// Our clause that replaces it.
    pub clause: String,
}

/// One vendor paper checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaperReport {
    /// The file.
    pub file: String,
    /// Findings per severity.
    pub counts: Counts,
    /// The findings in text order.
    pub findings: Vec<PaperFinding>,
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
                    report.deals.push(check_deal(&source, &u, index, &rules));
                }
                Err(d) => problems.extend(d),
            }
            continue;
        }
        report.deals.push(check_deal(&source, &base, None, &rules));
        if opts.all_units {
            for (i, unit) in base.units().iter().enumerate() {
                match crate::resolve::resolve_unit(&source, &base, unit, Some(i), library) {
                    Ok(u) => report.deals.push(check_deal(&source, &u, Some(i), &rules)),
                    Err(d) => problems.extend(d),
                }
            }
        }
    }
    for path in papers {
        match check_paper_file(path, &rules) {
            Ok(r) => report.papers.push(r),
            Err(d) => problems.push(d),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(report)
}

/// Reads and scans one vendor paper. Markdown and plain text are scanned as written, so
/// a phrase broken over two lines is found at its exact line and column; Word (`.docx`) is
/// read with [`crate::paper`] and scanned paragraph by paragraph: its "line" is the
/// paragraph's number in the document.
pub fn check_paper_file(path: &Path, rules: &RuleSet) -> Result<PaperReport, Diagnostic> {
    use crate::paper::{Kind, Paper, read_text};
    let name = path.display().to_string();
    match Kind::of(path) {
        Some(Kind::Markdown | Kind::Text) => Ok(check_paper(&name, &read_text(path)?, rules)),
        Some(Kind::Word) => {
            let paper = Paper::read(path)?;
            let phrases = active_phrases(rules);
            let mut findings = Vec::new();
            for para in &paper.paragraphs {
                for h in paper_scan::scan(&para.text, &phrases) {
                    let column = para.column + h.column - 1;
                    findings.extend(paper_finding(rules, &name, h, para.line, column));
                }
            }
            Ok(PaperReport {
                file: name,
                counts: Counts::of(findings.iter().map(|f| f.severity)),
                findings,
            })
        }
        None => Err(
            Diagnostic::error("a vendor's paper is a .md, .txt or .docx file")
                .in_file(path)
                .help("save it as Markdown, plain text or Word"),
        ),
    }
}

fn active_phrases(rules: &RuleSet) -> Vec<&rules::Phrase> {
    rules
        .phrases
        .iter()
        .filter(|p| p.severity != Severity::Off)
        .collect()
}

fn paper_finding(
    rules: &RuleSet,
    file: &str,
    h: paper_scan::Hit,
    line: usize,
    column: usize,
) -> Option<PaperFinding> {
    let p = rules.phrases.iter().find(|p| p.id == h.phrase)?;
    Some(PaperFinding {
        phrase: p.id.clone(),
        severity: p.severity,
        coverage: p.coverage.clone(),
        area: p.area,
        title: p.title.clone(),
        location: Place {
            file: file.to_string(),
            line,
            column,
        },
        text: h.text,
        answer: p.answer.clone(),
        why: p.why.clone(),
        clause: p.clause.clone(),
    })
}

/// Scans the text of one vendor paper (Markdown or plain text) for the red-flag phrases.
pub fn check_paper(name: &str, text: &str, rules: &RuleSet) -> PaperReport {
    let findings: Vec<PaperFinding> = paper_scan::scan(text, &active_phrases(rules))
        .into_iter()
        .filter_map(|h| {
            let (line, column) = (h.line, h.column);
            paper_finding(rules, name, h, line, column)
        })
        .collect();
    PaperReport {
        file: name.to_string(),
        counts: Counts::of(findings.iter().map(|f| f.severity)),
        findings,
    }
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
    let d = &deal.deal.deal;
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
        findings,
        passed,
    }
}

fn applies(rule: &Rule, json: &Value) -> bool {
    rule.requires.iter().all(|p| p.resolve(json).1.is_some())
        && rule
            .when
            .iter()
            .all(|c| c.test.holds(c.path.resolve(json).1, json))
}

/// A rule text with `{value}` and `{threshold}` filled in.
fn fill(text: &str, rule: &Rule, value: Option<&Value>, json: &Value) -> String {
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
                    .map(crate::library::words::decimal)
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
        "red_flag_text" => Some(red_flag_text(json, rules)),
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
                .and_then(crate::deal::validate::parse_hhmm)
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
    let parse = crate::deal::validate::parse_hhmm;
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
