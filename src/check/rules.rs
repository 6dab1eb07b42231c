//! The rules files: `clause-library/rules/*.toml` (embedded) and `DIR/rules/*.toml`
//! (`--library DIR`), each holding `[[rule]]` tables (deal rules) and `[[phrase]]` tables
//! (red-flag language in vendor paper). A table whose `id` is already known is laid over
//! the earlier one key by key, so an overlay can change one threshold or one severity
//! without repeating the rule; a new id adds a rule.
//!
//! A deal rule is one comparison on one field (`path` plus exactly one of `missing`,
//! `present`, `equals`, `not_equals`, `less_than`, `greater_than`, `at_least`, `at_most`,
//! `empty`, `fewer_than`, `contains`, `contains_any`) or one computed `check` (Rust, for
//! what a comparison cannot say), guarded by `requires` (fields that must be set) and `when`
//! (further comparisons that must hold). Everything is validated when loaded: the file,
//! the rule id and what is wrong.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::deal::path::{Pattern, Step};
use crate::diagnostics::{Diagnostic, Diagnostics, JsonPath, Seg};
use crate::library::Library;
use crate::wording as words;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Below the playbook's walk-away position: `check` exits 1.
    Error,
    /// Weaker than the playbook asks.
    Warning,
    /// Worth knowing.
    Info,
    /// The rule is switched off (only in rules files).
    Off,
}

impl Severity {
    /// The name used in files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Off => "off",
        }
    }
}

/// The area of the negotiation a rule belongs to (the memo groups findings by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    /// Service levels and credits.
    Sla,
    /// Support.
    Support,
    /// Training and enablement.
    Training,
    /// Data protection and AI use.
    Data,
    /// Pilot, exit and transition.
    Exit,
    /// Pricing, limits and the rest of the commercial terms.
    Commercial,
}

impl Area {
    /// All areas, in memo order.
    pub const ALL: [Area; 6] = [
        Area::Sla,
        Area::Support,
        Area::Training,
        Area::Data,
        Area::Exit,
        Area::Commercial,
    ];

    /// The name used in files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Area::Sla => "sla",
            Area::Support => "support",
            Area::Training => "training",
            Area::Data => "data",
            Area::Exit => "exit",
            Area::Commercial => "commercial",
        }
    }

    /// The area in a sentence ("service levels", "data protection").
    pub fn noun(self) -> &'static str {
        match self {
            Area::Sla => "service levels",
            Area::Support => "support",
            Area::Training => "training",
            Area::Data => "data protection",
            Area::Exit => "exit and transition",
            Area::Commercial => "commercial terms",
        }
    }

    /// A heading for the memo.
    pub fn heading(self) -> &'static str {
        match self {
            Area::Sla => "Service levels",
            Area::Support => "Support",
            Area::Training => "Training and enablement",
            Area::Data => "Data protection and AI use",
            Area::Exit => "Pilot, exit and transition",
            Area::Commercial => "Commercial terms",
        }
    }
}

/// A path into the resolved deal: keys, indices and selectors (`severities[level=P1]`), in
/// the deal's one path language ([`Pattern`]), to one value (no `[]` or `*`).
#[derive(Debug, Clone, PartialEq)]
pub struct RulePath {
    /// As written.
    pub text: String,
    pattern: Pattern,
}

impl RulePath {
    /// Parses `a.b[0].c[level=P1].d`.
    pub fn parse(text: &str) -> Result<RulePath, String> {
        Ok(RulePath {
            text: text.to_string(),
            pattern: Pattern::parse_single(text)?,
        })
    }

    /// Looks the path up in the resolved deal: the concrete path reached (selectors turned
    /// into indices; as far as the deal goes when the value is absent) and the value, if
    /// present and not null.
    pub fn resolve<'v>(&self, deal: &'v Value) -> (JsonPath, Option<&'v Value>) {
        let mut path = JsonPath::root();
        let mut cur = deal;
        for step in self.pattern.steps() {
            let next = match step {
                Step::Key(k) => cur.get(k).map(|v| (Seg::Key(k.clone()), v)),
                Step::Index(i) => cur.get(*i).map(|v| (Seg::Index(*i), v)),
                Step::Select(f, want) => cur.as_array().and_then(|a| {
                    a.iter()
                        .position(|x| x.get(f).is_some_and(|v| scalar_text(v) == *want))
                        .map(|i| (Seg::Index(i), &a[i]))
                }),
                Step::Each | Step::Any => unreachable!("parse_single refuses [] and *"),
            };
            match next {
                Some((s, v)) => {
                    path.0.push(s);
                    cur = v;
                }
                None => {
                    // Absent: name the missing key too, when it is a plain key.
                    if let Step::Key(k) = step {
                        path.0.push(Seg::Key(k.clone()));
                    }
                    return (path, None);
                }
            }
        }
        (path, (!cur.is_null()).then_some(cur))
    }

    /// Checks the path against the deal's JSON Schema ([`Pattern::check_schema`]).
    fn check_schema(&self, schema: &Value) -> Result<(), String> {
        self.pattern.check_schema(schema)
    }
}

pub use crate::deal::path::scalar_text;

/// The right-hand side of a numeric comparison.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    /// A number.
    Number(f64),
    /// Another field of the deal.
    Path(RulePath),
    /// An amount per currency (for money values `{amount, currency}`); a currency not
    /// listed never compares.
    PerCurrency(BTreeMap<String, f64>),
}

impl Operand {
    fn parse(v: &toml::Value) -> Result<Operand, String> {
        match v {
            toml::Value::Integer(i) => Ok(Operand::Number(*i as f64)),
            toml::Value::Float(f) => Ok(Operand::Number(*f)),
            toml::Value::Table(t) if t.len() == 1 && t.contains_key("path") => {
                let p = t["path"]
                    .as_str()
                    .ok_or("`path` must be a string")?;
                Ok(Operand::Path(RulePath::parse(p)?))
            }
            toml::Value::Table(t) => {
                let mut m = BTreeMap::new();
                for (k, v) in t {
                    if k.len() != 3 || !k.bytes().all(|b| b.is_ascii_uppercase()) {
                        return Err(format!(
                            "\"{k}\" is not a currency code; use a number, {{ path = \"...\" }} or amounts per currency like {{ USD = 1000000 }}"
                        ));
                    }
                    let n = match v {
                        toml::Value::Integer(i) => *i as f64,
                        toml::Value::Float(f) => *f,
                        _ => return Err(format!("the amount for {k} must be a number")),
                    };
                    m.insert(k.clone(), n);
                }
                Ok(Operand::PerCurrency(m))
            }
            _ => Err("must be a number, { path = \"...\" } or amounts per currency like { USD = 1000000 }".into()),
        }
    }

    /// The number to compare `value` with, and the value's number: `None` when they do
    /// not compare (no number, a currency without a threshold).
    fn pair(&self, value: &Value, deal: &Value) -> Option<(f64, f64)> {
        match self {
            Operand::Number(n) => Some((value.as_f64()?, *n)),
            Operand::Path(p) => Some((value.as_f64()?, p.resolve(deal).1?.as_f64()?)),
            Operand::PerCurrency(m) => {
                let cur = value.get("currency")?.as_str()?;
                Some((value.get("amount")?.as_f64()?, *m.get(cur)?))
            }
        }
    }

    /// For messages: `25`, the other field's value (`36`), `USD 1,000,000`.
    pub fn describe(&self, deal: &Value, value: Option<&Value>) -> String {
        match self {
            Operand::Number(n) => trim_number(*n),
            Operand::Path(p) => match p.resolve(deal).1 {
                Some(v) => scalar_text(v),
                None => format!("`{}`", p.text),
            },
            Operand::PerCurrency(m) => {
                let cur = value
                    .and_then(|v| v.get("currency"))
                    .and_then(Value::as_str);
                match cur.and_then(|c| m.get(c).map(|n| (c, n))) {
                    Some((c, n)) => format!("{c} {}", words::decimal(*n)),
                    None => m
                        .iter()
                        .map(|(c, n)| format!("{c} {}", words::decimal(*n)))
                        .collect::<Vec<_>>()
                        .join(" / "),
                }
            }
        }
    }
}

pub use crate::wording::trim_number;

/// One comparison on one field.
#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    /// Absent or null.
    Missing,
    /// Set and not null.
    Present,
    /// Equal to a value.
    Equals(Value),
    /// Absent, null or anything but a value.
    NotEquals(Value),
    /// A number below.
    LessThan(Operand),
    /// A number above.
    GreaterThan(Operand),
    /// A number at or above.
    AtLeast(Operand),
    /// A number at or below.
    AtMost(Operand),
    /// Absent, null, `""`, `[]`, `{}` or an object of nulls only.
    Empty,
    /// A list with fewer items (absent counts as none).
    FewerThan(usize),
    /// A list that holds the value.
    Contains(Value),
    /// A list that holds any of the values.
    ContainsAny(Vec<Value>),
}

/// The comparison keys a rule or a `when` condition may use.
pub const TEST_KEYS: [&str; 12] = [
    "missing",
    "present",
    "equals",
    "not_equals",
    "less_than",
    "greater_than",
    "at_least",
    "at_most",
    "empty",
    "fewer_than",
    "contains",
    "contains_any",
];

impl Test {
    fn parse(key: &str, v: &toml::Value) -> Result<Test, String> {
        let flag = |t: Test| -> Result<Test, String> {
            match v.as_bool() {
                Some(true) => Ok(t),
                _ => Err(format!("`{key}` takes `true`")),
            }
        };
        let json = || -> Result<Value, String> {
            serde_json::to_value(v).map_err(|e| format!("`{key}`: {e}"))
        };
        Ok(match key {
            "missing" => flag(Test::Missing)?,
            "present" => flag(Test::Present)?,
            "empty" => flag(Test::Empty)?,
            "equals" => Test::Equals(json()?),
            "not_equals" => Test::NotEquals(json()?),
            "contains" => Test::Contains(json()?),
            "contains_any" => match json()? {
                Value::Array(a) if !a.is_empty() => Test::ContainsAny(a),
                _ => return Err("`contains_any` takes a non-empty list".into()),
            },
            "less_than" => Test::LessThan(Operand::parse(v).map_err(|e| format!("`{key}` {e}"))?),
            "greater_than" => {
                Test::GreaterThan(Operand::parse(v).map_err(|e| format!("`{key}` {e}"))?)
            }
            "at_least" => Test::AtLeast(Operand::parse(v).map_err(|e| format!("`{key}` {e}"))?),
            "at_most" => Test::AtMost(Operand::parse(v).map_err(|e| format!("`{key}` {e}"))?),
            "fewer_than" => match v.as_integer() {
                Some(n) if n >= 1 => Test::FewerThan(n as usize),
                _ => return Err("`fewer_than` takes a whole number of at least 1".into()),
            },
            _ => return Err(format!("unknown comparison `{key}`")),
        })
    }

    /// Whether `value` (None = absent or null) meets the test.
    pub fn holds(&self, value: Option<&Value>, deal: &Value) -> bool {
        let cmp = |op: &Operand, f: fn(f64, f64) -> bool| {
            value
                .and_then(|v| op.pair(v, deal))
                .is_some_and(|(a, b)| f(a, b))
        };
        match self {
            Test::Missing => value.is_none(),
            Test::Present => value.is_some(),
            Test::Equals(x) => value.is_some_and(|v| json_eq(v, x)),
            Test::NotEquals(x) => !value.is_some_and(|v| json_eq(v, x)),
            Test::LessThan(op) => cmp(op, |a, b| a < b),
            Test::GreaterThan(op) => cmp(op, |a, b| a > b),
            Test::AtLeast(op) => cmp(op, |a, b| a >= b),
            Test::AtMost(op) => cmp(op, |a, b| a <= b),
            Test::Empty => match value {
                None => true,
                Some(Value::String(s)) => s.trim().is_empty(),
                Some(Value::Array(a)) => a.is_empty(),
                Some(Value::Object(o)) => o.values().all(Value::is_null),
                Some(_) => false,
            },
            Test::FewerThan(n) => value
                .map_or(Some(0), |v| v.as_array().map(Vec::len))
                .is_some_and(|len| len < *n),
            Test::Contains(x) => value
                .and_then(Value::as_array)
                .is_some_and(|a| a.iter().any(|v| json_eq(v, x))),
            Test::ContainsAny(xs) => value
                .and_then(Value::as_array)
                .is_some_and(|a| a.iter().any(|v| xs.iter().any(|x| json_eq(v, x)))),
        }
    }

    /// The operand, for `{threshold}` in texts.
    pub fn threshold(&self, deal: &Value, value: Option<&Value>) -> String {
        match self {
            Test::LessThan(o) | Test::GreaterThan(o) | Test::AtLeast(o) | Test::AtMost(o) => {
                o.describe(deal, value)
            }
            Test::Equals(x) | Test::NotEquals(x) | Test::Contains(x) => scalar_text(x),
            Test::ContainsAny(xs) => xs.iter().map(scalar_text).collect::<Vec<_>>().join(", "),
            Test::FewerThan(n) => n.to_string(),
            Test::Missing | Test::Present | Test::Empty => String::new(),
        }
    }
}

/// Numbers compare by value (`72` equals `72.0`); everything else structurally.
fn json_eq(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// A comparison on a field: a rule's own, or one of its `when` conditions.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// The field.
    pub path: RulePath,
    /// The comparison.
    pub test: Test,
}

/// The computed checks (Rust) a rule may name in `check`, with the parameters each takes.
pub const COMPUTED: [(&str, &[&str]); 9] = [
    // Support windows against each customer time zone's business day.
    (
        "support_hours",
        &["business_day_start", "business_day_end", "business_days"],
    ),
    // Training sessions against the customer's regions.
    ("training_reach", &[]),
    // Training sessions due after the pilot whose opt-out judges them has ended.
    ("pilot_training", &[]),
    // Red-flag phrases (the `[[phrase]]` tables) in the deal's own text.
    ("red_flag_text", &[]),
    // A credit cap at or above the most one month's credits can reach.
    ("credit_cap_idle", &[]),
    // The deal's vendor profile: terms below what the vendor publishes for every customer,
    // a profile checked over a year ago, residency the vendor does not offer, zero data
    // retention offered and not asked for.
    ("profile_floor", &[]),
    ("profile_stale", &[]),
    ("profile_residency", &[]),
    ("profile_zdr", &[]),
];

/// What a rule looks at.
#[derive(Debug, Clone, PartialEq)]
pub enum Logic {
    /// A comparison on `path`.
    Compare(Test),
    /// A computed check (see [`COMPUTED`]) with its parameters.
    Computed(String, toml::Table),
}

/// A deal rule, validated.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Unique id, e.g. `sla.credit-cap-low`.
    pub id: String,
    /// The coverage row (`SLA-3`).
    pub coverage: String,
    /// The area, for grouping.
    pub area: Area,
    /// Error, warning or info.
    pub severity: Severity,
    /// The clause of our library that carries the playbook's position.
    pub clause: String,
    /// One line: what is wrong when the rule fires.
    pub title: String,
    /// The field the rule tests (comparisons; computed checks name their own fields).
    pub path: Option<RulePath>,
    /// The comparison or computed check.
    pub logic: Logic,
    /// Fields that must be set for the rule to apply.
    pub requires: Vec<RulePath>,
    /// Further conditions for the rule to apply.
    pub when: Vec<Condition>,
    /// What the deal says (`{value}`, `{threshold}`); default: the value.
    pub says: Option<String>,
    /// What to ask for: the playbook's preferred position.
    pub ask: String,
    /// The playbook's fallback position.
    pub fallback: String,
    /// Why it matters.
    pub why: String,
    /// A line for the memo's strong points when the rule passes.
    pub strength: Option<String>,
    /// The file it (last) came from.
    pub origin: String,
}

/// A red-flag phrase for vendor paper, validated.
#[derive(Debug, Clone)]
pub struct Phrase {
    /// Unique id, e.g. `paper.best-efforts`.
    pub id: String,
    /// The coverage row.
    pub coverage: String,
    /// The area.
    pub area: Area,
    /// How bad it is.
    pub severity: Severity,
    /// One line: what the phrase is.
    pub title: String,
    /// Word sequences to find, case-insensitive; `*` stands for any one word.
    pub patterns: Vec<Vec<String>>,
    /// Only a finding when no number is within this many words.
    pub unless_number_within: Option<usize>,
    /// The playbook's answer.
    pub answer: String,
    /// Why it matters.
    pub why: String,
    /// Our clause that replaces it.
    pub clause: String,
    /// The deal rule that says the same of the terms (`sla.credits-sole-remedy` for "sole
    /// remedy"): in the vendor's paper, a hit beside that rule's finding is one finding.
    pub rule: Option<String>,
    /// How `markup` rewrites it: word sequences around the phrase (`*` any one word), each
    /// with what to put in their place (empty: strike them), tried in order.
    pub replace: Vec<(String, String)>,
    /// The file it (last) came from.
    pub origin: String,
}

impl super::paper_scan::Pattern for Phrase {
    fn id(&self) -> &str {
        &self.id
    }
    fn patterns(&self) -> &[Vec<String>] {
        &self.patterns
    }
    fn unless_number_within(&self) -> Option<usize> {
        self.unless_number_within
    }
}

/// Every rule and phrase of a library, in id order.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    /// Deal rules (including those switched off).
    pub rules: Vec<Rule>,
    /// Red-flag phrases.
    pub phrases: Vec<Phrase>,
    /// The library's vendor profiles, for the profile checks.
    pub profiles: Vec<crate::library::vendors::VendorProfile>,
}

const RULE_KEYS: [&str; 16] = [
    "id", "coverage", "area", "severity", "clause", "title", "path", "check", "params", "requires",
    "when", "says", "ask", "fallback", "why", "strength",
];
const PHRASE_KEYS: [&str; 12] = [
    "id",
    "replace",
    "rule",
    "coverage",
    "area",
    "severity",
    "title",
    "patterns",
    "unless_number_within",
    "answer",
    "why",
    "clause",
];

impl RuleSet {
    /// Reads and validates the library's rules files (built-in, then `--library DIR/rules`).
    pub fn load(library: &Library) -> Result<RuleSet, Diagnostics> {
        let mut problems = Diagnostics::new();
        // id → (merged table, file it last came from)
        let mut rules: BTreeMap<String, (toml::Table, String)> = BTreeMap::new();
        let mut phrases: BTreeMap<String, (toml::Table, String)> = BTreeMap::new();
        for (origin, text) in library.rule_files() {
            let file = origin.display();
            let Some(doc) = crate::diagnostics::parse_toml(&file, text, &mut problems) else {
                continue;
            };
            for (key, value) in doc {
                let target = match key.as_str() {
                    "rule" => &mut rules,
                    "phrase" => &mut phrases,
                    other => {
                        problems.push(
                            Diagnostic::error(format!("unknown table `{other}`"))
                                .in_file(&file)
                                .help("a rules file holds [[rule]] and [[phrase]] tables"),
                        );
                        continue;
                    }
                };
                let Some(list) = value.as_array() else {
                    problems.push(
                        Diagnostic::error(format!("`{key}` must be an array of tables"))
                            .in_file(&file)
                            .help(format!("write [[{key}]]")),
                    );
                    continue;
                };
                for (i, entry) in list.iter().enumerate() {
                    let Some(t) = entry.as_table() else {
                        problems.push(
                            Diagnostic::error(format!("{key} #{} is not a table", i + 1))
                                .in_file(&file),
                        );
                        continue;
                    };
                    let Some(id) = t.get("id").and_then(toml::Value::as_str) else {
                        problems.push(
                            Diagnostic::error(format!("{key} #{} has no `id`", i + 1))
                                .in_file(&file)
                                .help(
                                    "every rule and phrase has a unique id, e.g. id = \"sla.none\"",
                                ),
                        );
                        continue;
                    };
                    match target.get_mut(id) {
                        Some((merged, from)) => {
                            for (k, v) in t {
                                merged.insert(k.clone(), v.clone());
                            }
                            *from = file.clone();
                        }
                        None => {
                            target.insert(id.to_string(), (t.clone(), file.clone()));
                        }
                    }
                }
            }
        }

        let schema = crate::deal::schema::deal_schema();
        let ctx = Ctx {
            library,
            schema,
            coverage: library
                .playbook()
                .coverage
                .iter()
                .map(|r| r.id.as_str())
                .collect(),
        };
        let mut set = RuleSet {
            profiles: library.vendor_profiles().cloned().collect(),
            ..RuleSet::default()
        };
        for (id, (t, file)) in &rules {
            match ctx.rule(id, t, file) {
                Ok(r) => set.rules.push(r),
                Err(msgs) => {
                    for (m, help) in msgs {
                        let mut d = Diagnostic::error(format!("rule \"{id}\": {m}")).in_file(file);
                        if let Some(h) = help {
                            d = d.help(h);
                        }
                        problems.push(d);
                    }
                }
            }
        }
        for (id, (t, file)) in &phrases {
            match ctx.phrase(id, t, file) {
                Ok(p)
                    if p.rule
                        .as_ref()
                        .is_some_and(|r| !set.rules.iter().any(|x| x.id == *r)) =>
                {
                    problems.push(
                        Diagnostic::error(format!(
                            "phrase \"{id}\": `rule` = \"{}\" is no rule",
                            p.rule.unwrap_or_default()
                        ))
                        .in_file(file),
                    );
                }
                Ok(p) => set.phrases.push(p),
                Err(msgs) => {
                    for (m, help) in msgs {
                        let mut d =
                            Diagnostic::error(format!("phrase \"{id}\": {m}")).in_file(file);
                        if let Some(h) = help {
                            d = d.help(h);
                        }
                        problems.push(d);
                    }
                }
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(set)
    }

    /// The rules that check a coverage row (switched-off ones excluded).
    pub fn for_coverage(&self, coverage_id: &str) -> Vec<&Rule> {
        self.rules
            .iter()
            .filter(|r| r.coverage == coverage_id && r.severity != Severity::Off)
            .collect()
    }

    /// Coverage id → the ids of the rules and phrases that check it (switched-off ones
    /// excluded), for `dealdraft clauses --coverage`.
    pub fn by_coverage(&self) -> BTreeMap<String, Vec<String>> {
        let mut m: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for r in self.rules.iter().filter(|r| r.severity != Severity::Off) {
            m.entry(r.coverage.clone()).or_default().push(r.id.clone());
        }
        for p in self.phrases.iter().filter(|p| p.severity != Severity::Off) {
            m.entry(p.coverage.clone()).or_default().push(p.id.clone());
        }
        m
    }

    /// The phrases that check a coverage row.
    pub fn phrases_for_coverage(&self, coverage_id: &str) -> Vec<&Phrase> {
        self.phrases
            .iter()
            .filter(|p| p.coverage == coverage_id && p.severity != Severity::Off)
            .collect()
    }
}

type Problems = Vec<(String, Option<String>)>;

struct Ctx<'a> {
    library: &'a Library,
    schema: &'a Value,
    coverage: Vec<&'a str>,
}

impl Ctx<'_> {
    fn text(t: &toml::Table, key: &str, out: &mut Problems, required: bool) -> Option<String> {
        match t.get(key) {
            Some(toml::Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(toml::Value::String(_)) | None if required => {
                out.push((
                    format!("`{key}` is required"),
                    Some(format!("add {key} = \"...\"")),
                ));
                None
            }
            None => None,
            Some(_) => {
                out.push((format!("`{key}` must be text"), None));
                None
            }
        }
    }

    fn enum_of<T: serde::de::DeserializeOwned>(
        t: &toml::Table,
        key: &str,
        allowed: &str,
        out: &mut Problems,
    ) -> Option<T> {
        match t.get(key) {
            None => {
                out.push((
                    format!("`{key}` is required"),
                    Some(format!("one of: {allowed}")),
                ));
                None
            }
            Some(v) => match v.clone().try_into::<T>() {
                Ok(x) => Some(x),
                Err(_) => {
                    out.push((
                        format!("`{key}` = {v} is not allowed"),
                        Some(format!("one of: {allowed}")),
                    ));
                    None
                }
            },
        }
    }

    fn path(&self, key: &str, text: &str, out: &mut Problems) -> Option<RulePath> {
        match RulePath::parse(text).and_then(|p| p.check_schema(self.schema).map(|()| p)) {
            Ok(p) => Some(p),
            Err(e) => {
                out.push((
                    format!("`{key}` = \"{text}\": {e}"),
                    Some("paths are deal fields as in `dealdraft schema`, e.g. \"sla.credit_cap_pct\" or \"support.severities[level=P1].response_minutes\"".into()),
                ));
                None
            }
        }
    }

    fn common(
        &self,
        t: &toml::Table,
        out: &mut Problems,
    ) -> (
        Option<String>,
        Option<Area>,
        Option<Severity>,
        Option<String>,
    ) {
        let coverage = Self::text(t, "coverage", out, true);
        if let Some(c) = &coverage
            && !self.coverage.contains(&c.as_str())
        {
            let hint = crate::diagnostics::did_you_mean(c, self.coverage.iter().copied())
                .map(|m| format!("did you mean \"{m}\"? "))
                .unwrap_or_default();
            out.push((
                format!("coverage \"{c}\" is not a playbook row"),
                Some(format!("{hint}rows: `dealdraft clauses --coverage`")),
            ));
        }
        let area = Self::enum_of::<Area>(
            t,
            "area",
            "sla, support, training, data, exit, commercial",
            out,
        );
        let severity = Self::enum_of::<Severity>(t, "severity", "error, warning, info, off", out);
        let clause = Self::text(t, "clause", out, true);
        if let Some(c) = &clause
            && self.library.clause(c).is_none()
        {
            let hint = crate::diagnostics::did_you_mean(
                c,
                self.library.clauses().map(|x| x.meta.id.as_str()),
            )
            .map(|m| format!("did you mean \"{m}\"? "))
            .unwrap_or_default();
            out.push((
                format!("clause \"{c}\" is not in the library"),
                Some(format!("{hint}clause ids: `dealdraft clauses`")),
            ));
        }
        (coverage, area, severity, clause)
    }

    fn unknown_keys(t: &toml::Table, known: &[&str], out: &mut Problems) {
        for k in t.keys() {
            if !known.contains(&k.as_str()) {
                let hint = crate::diagnostics::did_you_mean(k, known.iter().copied())
                    .map(|m| format!("did you mean `{m}`? "))
                    .unwrap_or_default();
                out.push((
                    format!("unknown key `{k}`"),
                    Some(format!("{hint}keys: {}", known.join(", "))),
                ));
            }
        }
    }

    /// The one comparison among `t`'s keys, if exactly one.
    fn test(t: &toml::Table, allow_check: bool, out: &mut Problems) -> Option<Test> {
        let found: Vec<&str> = TEST_KEYS
            .iter()
            .copied()
            .filter(|k| t.contains_key(*k))
            .collect();
        let n = found.len() + usize::from(allow_check && t.contains_key("check"));
        if n != 1 {
            let what = if allow_check {
                format!(
                    "exactly one comparison ({}) or `check`",
                    TEST_KEYS.join(", ")
                )
            } else {
                format!("exactly one comparison ({})", TEST_KEYS.join(", "))
            };
            out.push((format!("needs {what}; found {n}"), None));
            return None;
        }
        let key = found.first()?;
        match Test::parse(key, &t[*key]) {
            Ok(x) => Some(x),
            Err(e) => {
                out.push((e, None));
                None
            }
        }
    }

    fn rule(&self, id: &str, t: &toml::Table, file: &str) -> Result<Rule, Problems> {
        let mut out = Problems::new();
        let known: Vec<&str> = RULE_KEYS.iter().chain(TEST_KEYS.iter()).copied().collect();
        Self::unknown_keys(t, &known, &mut out);
        let (coverage, area, severity, clause) = self.common(t, &mut out);
        let title = Self::text(t, "title", &mut out, true);
        let ask = Self::text(t, "ask", &mut out, true);
        let fallback = Self::text(t, "fallback", &mut out, true);
        let why = Self::text(t, "why", &mut out, true);
        let says = Self::text(t, "says", &mut out, false);
        let strength = Self::text(t, "strength", &mut out, false);
        let path = Self::text(t, "path", &mut out, !t.contains_key("check"))
            .and_then(|p| self.path("path", &p, &mut out));

        let test = Self::test(t, true, &mut out);
        let logic = match (t.get("check"), test) {
            (Some(c), _) => {
                let name = c.as_str().unwrap_or_default();
                let params = match t.get("params") {
                    None => toml::Table::new(),
                    Some(toml::Value::Table(p)) => p.clone(),
                    Some(_) => {
                        out.push(("`params` must be a table".into(), None));
                        toml::Table::new()
                    }
                };
                match COMPUTED.iter().find(|(n, _)| *n == name) {
                    None => {
                        out.push((
                            format!("no computed check \"{name}\""),
                            Some(format!(
                                "computed checks: {}",
                                COMPUTED
                                    .iter()
                                    .map(|(n, _)| *n)
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )),
                        ));
                        None
                    }
                    Some((_, allowed)) => {
                        for k in params.keys() {
                            if !allowed.contains(&k.as_str()) {
                                out.push((
                                    format!("check \"{name}\" takes no parameter `{k}`"),
                                    Some(if allowed.is_empty() {
                                        "it takes no parameters".into()
                                    } else {
                                        format!("parameters: {}", allowed.join(", "))
                                    }),
                                ));
                            }
                        }
                        if name == "support_hours"
                            && let Err(e) = super::support_hours_params(&params)
                        {
                            out.push((e, None));
                        }
                        Some(Logic::Computed(name.to_string(), params))
                    }
                }
            }
            (None, Some(test)) => {
                if t.contains_key("params") {
                    out.push((
                        "`params` is for computed checks (`check`) only".into(),
                        None,
                    ));
                }
                Some(Logic::Compare(test))
            }
            (None, None) => None,
        };

        let mut requires = Vec::new();
        match t.get("requires") {
            None => {}
            Some(toml::Value::Array(a)) => {
                for v in a {
                    match v.as_str() {
                        Some(s) => requires.extend(self.path("requires", s, &mut out)),
                        None => out.push(("`requires` is a list of paths".into(), None)),
                    }
                }
            }
            Some(_) => out.push(("`requires` is a list of paths".into(), None)),
        }
        let mut when = Vec::new();
        match t.get("when") {
            None => {}
            Some(toml::Value::Array(a)) => {
                for (i, v) in a.iter().enumerate() {
                    let Some(c) = v.as_table() else {
                        out.push(("`when` is a list of tables".into(), None));
                        continue;
                    };
                    let mut sub = Problems::new();
                    let mut keys = vec!["path"];
                    keys.extend(TEST_KEYS);
                    Self::unknown_keys(c, &keys, &mut sub);
                    let p = match c.get("path").and_then(toml::Value::as_str) {
                        Some(p) => self.path("path", p, &mut sub),
                        None => {
                            sub.push(("`path` is required".into(), None));
                            None
                        }
                    };
                    let test = Self::test(c, false, &mut sub);
                    if let (Some(path), Some(test), true) = (p, test, sub.is_empty()) {
                        when.push(Condition { path, test });
                    }
                    out.extend(
                        sub.into_iter()
                            .map(|(m, h)| (format!("when #{}: {m}", i + 1), h)),
                    );
                }
            }
            Some(_) => out.push(("`when` is a list of tables".into(), None)),
        }

        match (
            coverage, area, severity, clause, title, ask, fallback, why, path, logic,
        ) {
            (
                Some(coverage),
                Some(area),
                Some(severity),
                Some(clause),
                Some(title),
                Some(ask),
                Some(fallback),
                Some(why),
                path,
                Some(logic),
            ) if out.is_empty() && (path.is_some() || matches!(logic, Logic::Computed(..))) => {
                Ok(Rule {
                    id: id.to_string(),
                    coverage,
                    area,
                    severity,
                    clause,
                    title,
                    path,
                    logic,
                    requires,
                    when,
                    says,
                    ask,
                    fallback,
                    why,
                    strength,
                    origin: file.to_string(),
                })
            }
            _ => Err(out),
        }
    }

    fn phrase(&self, id: &str, t: &toml::Table, file: &str) -> Result<Phrase, Problems> {
        let mut out = Problems::new();
        Self::unknown_keys(t, &PHRASE_KEYS, &mut out);
        let (coverage, area, severity, clause) = self.common(t, &mut out);
        let title = Self::text(t, "title", &mut out, true);
        let answer = Self::text(t, "answer", &mut out, true);
        let why = Self::text(t, "why", &mut out, true);
        let mut patterns = Vec::new();
        match t.get("patterns") {
            Some(toml::Value::Array(a)) if !a.is_empty() => {
                for v in a {
                    let words = v
                        .as_str()
                        .map(super::paper_scan::words_of)
                        .unwrap_or_default();
                    if words.is_empty() || words.iter().all(|w| w == "*") {
                        out.push((
                            format!("pattern {v} has no words"),
                            Some("e.g. \"best efforts\" or \"may use * data to improve\"".into()),
                        ));
                    } else {
                        patterns.push(words);
                    }
                }
            }
            _ => out.push((
                "`patterns` is required: a non-empty list of phrases".into(),
                Some("e.g. patterns = [\"best efforts\", \"best endeavours\"]".into()),
            )),
        }
        // `replace = [["use commercially reasonable efforts to", ""], ...]`
        let mut replace = Vec::new();
        match t.get("replace") {
            None => {}
            Some(toml::Value::Array(a)) => {
                for v in a {
                    match v.as_array().map(Vec::as_slice) {
                        Some([toml::Value::String(from), toml::Value::String(to)])
                            if !super::paper_scan::words_of(from).is_empty() =>
                        {
                            replace.push((from.clone(), to.clone()))
                        }
                        _ => out.push((
                            format!("`replace` entry {v} is not a pair of words and their replacement"),
                            Some("e.g. replace = [[\"use best efforts to\", \"\"], [\"sole remedy\", \"non-exclusive remedy\"]]".into()),
                        )),
                    }
                }
            }
            Some(_) => out.push((
                "`replace` takes a list of [words, replacement] pairs".into(),
                None,
            )),
        }
        let unless_number_within = match t.get("unless_number_within") {
            None => None,
            Some(v) => match v.as_integer() {
                Some(n) if n >= 1 => Some(n as usize),
                _ => {
                    out.push((
                        "`unless_number_within` takes a whole number of words (at least 1)".into(),
                        None,
                    ));
                    None
                }
            },
        };
        match (coverage, area, severity, clause, title, answer, why) {
            (
                Some(coverage),
                Some(area),
                Some(severity),
                Some(clause),
                Some(title),
                Some(answer),
                Some(why),
            ) if out.is_empty() => Ok(Phrase {
                id: id.to_string(),
                coverage,
                area,
                severity,
                title,
                patterns,
                unless_number_within,
                answer,
                why,
                clause,
                rule: t
                    .get("rule")
                    .and_then(toml::Value::as_str)
                    .map(str::to_string),
                replace,
                origin: file.to_string(),
            }),
            _ => Err(out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_with_selectors() {
        let deal = serde_json::json!({"support": {"severities": [
            {"level": "P2", "response_minutes": 240},
            {"level": "P1", "response_minutes": 60}
        ]}});
        let p = RulePath::parse("support.severities[level=P1].response_minutes").unwrap();
        let (path, v) = p.resolve(&deal);
        assert_eq!(path.to_string(), "support.severities[1].response_minutes");
        assert_eq!(v, Some(&serde_json::json!(60)));
        let p = RulePath::parse("support.severities[level=P3]").unwrap();
        let (path, v) = p.resolve(&deal);
        assert_eq!(path.to_string(), "support.severities");
        assert_eq!(v, None);
        let (path, v) = RulePath::parse("sla.uptime_pct").unwrap().resolve(&deal);
        assert_eq!(path.to_string(), "sla");
        assert_eq!(v, None);
    }

    #[test]
    fn numbers_print_with_separators() {
        assert_eq!(words::decimal(1_000_000.0), "1,000,000");
        assert_eq!(words::decimal(999.5), "999.5");
        assert_eq!(trim_number(72.0), "72");
    }

    #[test]
    fn comparisons() {
        let deal = serde_json::json!({});
        let t = Test::LessThan(Operand::Number(25.0));
        assert!(t.holds(Some(&serde_json::json!(5)), &deal));
        assert!(!t.holds(None, &deal), "uncapped is not below a threshold");
        assert!(Test::NotEquals(serde_json::json!(true)).holds(None, &deal));
        assert!(Test::Empty.holds(Some(&serde_json::json!({"a": null})), &deal));
        assert!(Test::FewerThan(2).holds(Some(&serde_json::json!([1])), &deal));
        let money = Operand::PerCurrency([("USD".to_string(), 1e6)].into());
        let m = serde_json::json!({"amount": 1_500_000, "currency": "USD"});
        assert!(Test::AtLeast(money.clone()).holds(Some(&m), &deal));
        let eur = serde_json::json!({"amount": 1_500_000, "currency": "EUR"});
        assert!(!Test::AtLeast(money).holds(Some(&eur), &deal));
    }
}
