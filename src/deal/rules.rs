//! The deal format's single-field rules, in one table ([`RULES`]) that both sides read:
//! `validate` checks each rule (with the messages below) and `dealdraft schema` publishes it
//! as JSON Schema keywords, so an editor flags as you type what `dealdraft validate`
//! refuses, and the two cannot drift. A rule here concerns one value only; the rules
//! between fields (tiers falling, P1 before P2, the pilot inside the term...) stay in
//! [`super::validate`], and [`VALIDATE_ONLY`] names them in those fields' descriptions.
//!
//! Each rule reads any JSON value the way its keywords do: a range ignores strings, a
//! pattern ignores numbers, `enum`, `const`, `oneOf` and `type` refuse other types; and
//! `null` (an omitted or "none" value) passes every rule, the field's type saying where
//! null is allowed. A property test holds [`Rule::check`] and [`Rule::keywords`] to the
//! same verdict on every other value.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde_json::{Map, Value, json};

use super::node::Node;
use super::path::{Pattern, Step};
use crate::dates::parse_date;
use crate::dates::parse_hhmm;
use crate::diagnostics::{Diagnostic, JsonPath};

/// A rule about one value of a deal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    /// Exactly this whole number (`schema_version`).
    Version(u64),
    /// A whole number of `unit`, at least 1: "must be more than 0 days".
    Positive(&'static str),
    /// A whole number, at least 1, in the field's own words.
    AtLeastOne {
        /// The problem, e.g. "must be at least 1".
        message: &'static str,
        /// What is allowed.
        help: &'static str,
    },
    /// A number of `unit` above 0, fractions allowed.
    PositiveNumber(&'static str),
    /// A percentage: at most 100 and at least 0 (`zero`) or more than 0.
    Percent {
        /// Whether 0 itself is allowed.
        zero: bool,
    },
    /// A number strictly between `min` and `max`.
    Between {
        /// The open lower bound.
        min: f64,
        /// The open upper bound.
        max: f64,
        /// A typical value, for the hint.
        example: f64,
    },
    /// An amount of money: 0 or more.
    Amount,
    /// `[a-z0-9]` words joined by single hyphens.
    Slug {
        /// What is allowed, for the hint.
        help: &'static str,
    },
    /// A real calendar date, `YYYY-MM-DD`.
    Date,
    /// A 24-hour time, `HH:MM`.
    Time {
        /// A typical value, for the hint.
        example: &'static str,
    },
    /// An ISO 4217 currency code (those the `iso_currency` crate knows).
    Currency,
    /// Text a user writes: not blank, and no control or private-use characters.
    Text,
    /// A list with at least one item.
    NonEmpty {
        /// The problem, e.g. "lists no service".
        message: &'static str,
        /// What is allowed.
        help: &'static str,
    },
    /// A list in which no item is repeated.
    Unique {
        /// The hint.
        help: &'static str,
    },
    /// An object with exactly one of these keys set (not `null`).
    ExactlyOne {
        /// The keys.
        keys: &'static [&'static str],
        /// The hint.
        help: &'static str,
    },
    /// An object with at least one of these keys set (not `null`).
    AnyOf {
        /// The keys.
        keys: &'static [&'static str],
        /// The hint.
        help: &'static str,
    },
    /// A JSON object.
    Object {
        /// The problem.
        message: &'static str,
        /// The hint.
        help: &'static str,
    },
}

use Rule::*;

/// Every single-field rule, by field path (`[]` = each item of a list), in the order of
/// the format. Paths go through the model's types; a path the schema does not have, or
/// one through a type used in more than one place, fails schema generation.
pub const RULES: &[(&str, Rule)] = &[
    ("schema_version", Version(crate::deal::SCHEMA_VERSION)),
    (
        "deal.id",
        Slug {
            help: "lowercase letters, digits and single hyphens, e.g. \"acme-chatgpt-2027\"",
        },
    ),
    ("deal.title", Text),
    ("deal.effective_date", Date),
    ("deal.term_months", Positive("months")),
    ("deal.customer.legal_name", Text),
    ("deal.customer.short_name", Text),
    ("deal.customer.regions[]", Text),
    ("deal.customer.industry", Text),
    ("deal.vendor.legal_name", Text),
    ("deal.vendor.short_name", Text),
    ("deal.vendor.cloud_provider", Text),
    (
        "deal.services",
        NonEmpty {
            message: "lists no service",
            help: "name at least one service, e.g. [\"ChatGPT Enterprise\"]",
        },
    ),
    ("deal.services[]", Text),
    ("deal.annual_commitment.amount", Amount),
    ("deal.annual_commitment.currency", Currency),
    ("deal.agreement_ref", Text),
    (
        "sla.uptime_pct",
        Between {
            min: 90.0,
            max: 100.0,
            example: 99.9,
        },
    ),
    (
        "sla.credit_tiers",
        NonEmpty {
            message: "lists no tier",
            help: "give at least one tier, or set `credit_tiers` to null for no credits",
        },
    ),
    ("sla.credit_tiers[].below_pct", Percent { zero: false }),
    ("sla.credit_tiers[].credit_pct", Percent { zero: false }),
    ("sla.credit_cap_pct", Percent { zero: false }),
    ("sla.uncapped_below_pct", Percent { zero: false }),
    ("sla.claim_window_days", Positive("days")),
    (
        "sla.downtime_threshold",
        AnyOf {
            keys: &["consecutive_minutes", "error_rate_pct"],
            help: "e.g. {\"consecutive_minutes\": 5}, or set `downtime_threshold` to null when every minute counts",
        },
    ),
    (
        "sla.downtime_threshold.consecutive_minutes",
        Positive("minutes"),
    ),
    (
        "sla.downtime_threshold.error_rate_pct",
        Percent { zero: false },
    ),
    ("sla.latency.percentile", Percent { zero: false }),
    ("sla.latency.threshold_ms", Positive("milliseconds")),
    (
        "sla.maintenance",
        ExactlyOne {
            keys: &[
                "max_hours_per_month",
                "max_hours_per_quarter",
                "max_hours_per_year",
            ],
            help: "a limit for one period, e.g. {\"max_hours_per_month\": 4, \"notice_days\": 7}",
        },
    ),
    ("sla.maintenance.max_hours_per_month", Positive("hours")),
    ("sla.maintenance.max_hours_per_quarter", Positive("hours")),
    ("sla.maintenance.max_hours_per_year", Positive("hours")),
    ("sla.maintenance.notice_days", Positive("days")),
    ("sla.maintenance.window.start", Time { example: "08:00" }),
    ("sla.maintenance.window.end", Time { example: "18:00" }),
    (
        "sla.maintenance.window.days",
        NonEmpty {
            message: "lists no day",
            help: "name at least one day, e.g. [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]",
        },
    ),
    (
        "sla.maintenance.window.days",
        Unique {
            help: "list each day once",
        },
    ),
    (
        "sla.emergency_maintenance.max_hours_per_month",
        Positive("hours"),
    ),
    (
        "sla.exclusions",
        Unique {
            help: "list each exclusion once",
        },
    ),
    ("sla.chronic_failure.breaches", Positive("breaches")),
    ("sla.chronic_failure.window_months", Positive("months")),
    ("sla.incident_notice_minutes", Positive("minutes")),
    ("sla.rca_days", Positive("days")),
    ("sla.model_error_fixes.workaround_days", Positive("days")),
    ("support.business_hours.start", Time { example: "09:00" }),
    ("support.business_hours.end", Time { example: "17:00" }),
    (
        "support.business_hours.days",
        NonEmpty {
            message: "lists no day",
            help: "name at least one day, or leave `days` out for every business day",
        },
    ),
    (
        "support.business_hours.days",
        Unique {
            help: "list each day once",
        },
    ),
    ("support.severities[].definition", Text),
    ("support.severities[].response_minutes", Positive("minutes")),
    ("support.severities[].update_minutes", Positive("minutes")),
    ("support.languages[]", Text),
    ("support.fee.amount", Amount),
    ("support.fee.currency", Currency),
    ("training.sessions[].title", Text),
    (
        "training.sessions[].count",
        AtLeastOne {
            message: "must be at least 1",
            help: "the number of sessions, at least 1",
        },
    ),
    ("training.sessions[].audience", Text),
    ("training.sessions[].hours_each", PositiveNumber("hours")),
    (
        "training.sessions[].due",
        ExactlyOne {
            keys: &["within_days", "by"],
            help: "e.g. {\"within_days\": 60} or {\"by\": \"2027-03-31\"}",
        },
    ),
    ("training.sessions[].due.within_days", Positive("days")),
    ("training.sessions[].due.by", Date),
    ("training.sessions[].regions[]", Text),
    ("training.sessions[].topics[]", Text),
    ("training.fee.amount", Amount),
    ("training.fee.currency", Currency),
    ("data.retention_days", Positive("days")),
    ("data.residency[]", Text),
    ("data.breach_notice_hours", Positive("hours")),
    ("data.subprocessor_notice_days", Positive("days")),
    ("data.deletion_after_termination_days", Positive("days")),
    (
        "data.portability.formats",
        NonEmpty {
            message: "lists no format",
            help: "name at least one export format, e.g. [\"JSON\"]",
        },
    ),
    ("data.portability.formats[]", Text),
    ("data.portability.within_days", Positive("days")),
    ("exit.pilot.days", Positive("days")),
    ("exit.transition_assistance.days", Positive("days")),
    ("exit.termination_for_convenience_days", Positive("days")),
    (
        "commercial.rate_limits.requests_per_minute",
        AtLeastOne {
            message: "must be more than 0",
            help: "a positive whole number, or null if not limited",
        },
    ),
    (
        "commercial.rate_limits.tokens_per_minute",
        AtLeastOne {
            message: "must be more than 0",
            help: "a positive whole number, or null if not limited",
        },
    ),
    (
        "commercial.reserved_rate_limits.requests_per_minute",
        AtLeastOne {
            message: "must be more than 0",
            help: "a positive whole number, or null if none is reserved",
        },
    ),
    (
        "commercial.reserved_rate_limits.tokens_per_minute",
        AtLeastOne {
            message: "must be more than 0",
            help: "a positive whole number, or null if none is reserved",
        },
    ),
    (
        "commercial.unlimited_services",
        NonEmpty {
            message: "lists no service",
            help: "name at least one of `deal.services`, or leave the field out for all of them",
        },
    ),
    ("commercial.unlimited_services[]", Text),
    ("commercial.price_schedule[].service", Text),
    ("commercial.price_schedule[].item", Text),
    ("commercial.price_schedule[].price.amount", Amount),
    ("commercial.price_schedule[].price.currency", Currency),
    ("commercial.price_schedule[].per", Text),
    ("commercial.price_schedule[].list_price.amount", Amount),
    ("commercial.price_schedule[].list_price.currency", Currency),
    ("commercial.price_protection_months", Positive("months")),
    ("commercial.max_annual_increase_pct", Percent { zero: true }),
    ("commercial.min_discount_pct", Percent { zero: false }),
    ("commercial.price_change_notice_days", Positive("days")),
    ("commercial.auto_renewal.renewal_months", Positive("months")),
    ("commercial.auto_renewal.notice_days", Positive("days")),
    ("onboarding.kickoff_within_days", Positive("days")),
    ("governance.escalation[].customer_role", Text),
    ("governance.escalation[].vendor_role", Text),
    (
        "business_units[].id",
        Slug {
            help: "lowercase letters, digits and single hyphens",
        },
    ),
    ("business_units[].name", Text),
    (
        "business_units[].overrides",
        Object {
            message: "must be an object (a JSON Merge Patch of the deal)",
            help: "e.g. {\"support\": {\"languages\": [\"German\"]}}",
        },
    ),
];

/// The rules only `validate` checks, by the field it reports them at: they relate fields
/// to each other, or need what a schema cannot hold (the clause library, the machine's
/// time zone database). Each goes into its field's description.
pub const VALIDATE_ONLY: &[(&str, &str)] = &[
    (
        "deal.customer.timezones",
        "each is a zone of the IANA time zone database",
    ),
    (
        "sla.credit_tiers[].below_pct",
        "thresholds fall from tier to tier, and the first is at most `uptime_pct`",
    ),
    (
        "sla.credit_tiers[].credit_pct",
        "credits rise from tier to tier",
    ),
    (
        "sla.credit_cap_pct",
        "at least the first tier's `credit_pct`",
    ),
    ("sla.chronic_failure.breaches", "at most `window_months`"),
    (
        "support.business_hours",
        "required when `coverage` is \"business_hours\"",
    ),
    (
        "support.business_hours.timezone",
        "a zone of the IANA time zone database",
    ),
    ("support.business_hours.end", "after `start`"),
    ("sla.maintenance.window.end", "after `start`"),
    ("support.fee", "set only when `included_in_fees` is false"),
    ("training.fee", "set only when `included_in_fees` is false"),
    ("support.severities[].level", "each level once"),
    (
        "support.severities[].response_minutes",
        "no shorter than a more severe level's",
    ),
    (
        "training.sessions[].due.within_days",
        "no more days than the term has",
    ),
    (
        "commercial.unlimited_services[]",
        "each one of `deal.services`",
    ),
    (
        "training.sessions[].due.by",
        "inside the term (`deal.effective_date` plus `deal.term_months`)",
    ),
    (
        "data.retention_days",
        "null when `zero_data_retention` is true",
    ),
    ("exit.pilot.days", "shorter than the term"),
    (
        "governance.escalation[].level",
        "levels run 1, 2, 3... in the order of the list",
    ),
    (
        "positions",
        "each key is the id of a clause (`dealdraft clauses`) that offers the position",
    ),
    ("business_units[].id", "unique in the deal"),
    (
        "business_units[].overrides",
        "the deal it gives is itself valid",
    ),
];

/// A slug: `[a-z0-9]` words joined by single hyphens ([`is_slug`]).
const SLUG_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// A real `YYYY-MM-DD` date of the Gregorian calendar ([`parse_date`]): month lengths and
/// leap years (every fourth year, but not centuries unless divisible by 400).
const DATE_PATTERN: &str = concat!(
    "^(",
    "[0-9]{4}-(0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])",
    "|[0-9]{4}-(0[469]|11)-(0[1-9]|[12][0-9]|30)",
    "|[0-9]{4}-02-(0[1-9]|1[0-9]|2[0-8])",
    "|([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29",
    ")$"
);

/// `HH:MM`, 24-hour ([`parse_hhmm`]).
const TIME_PATTERN: &str = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

/// Characters [`is_forbidden_char`] refuses: control characters but tab and newline, and
/// the private-use area.
const FORBIDDEN: &str = r"\u0000-\u0008\u000B-\u001F\u007F-\u009F\uE000-\uF8FF";
/// White space (`char::is_whitespace`) that is not also forbidden.
const BLANK: &str = r"\t\n \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";

/// Text: at least one character that is neither blank nor forbidden, and none forbidden.
static TEXT_PATTERN: LazyLock<String> =
    LazyLock::new(|| format!("^[^{FORBIDDEN}]*[^{FORBIDDEN}{BLANK}][^{FORBIDDEN}]*$"));

/// The ISO 4217 codes `iso_currency` knows, with their names, in code order.
pub static CURRENCIES: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    let mut out = Vec::new();
    for a in b'A'..=b'Z' {
        for b in b'A'..=b'Z' {
            for c in b'A'..=b'Z' {
                let code = String::from_utf8(vec![a, b, c]).expect("ASCII");
                if let Some(cur) = iso_currency::Currency::from_code(&code) {
                    out.push((code, cur.name().to_string()));
                }
            }
        }
    }
    out
});

/// A number as a deal writer writes it: `100`, not `100.0`.
fn num(v: f64) -> String {
    format!("{v}")
}

/// A bound as JSON: whole numbers as integers.
fn json_num(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        Value::from(v as i64)
    } else {
        Value::from(v)
    }
}

impl Rule {
    /// Adds this rule's problem with `value` (at `path`) to `out`. `null` passes.
    pub fn check(&self, path: &JsonPath, value: &Value, out: &mut Vec<Diagnostic>) {
        if value.is_null() {
            return;
        }
        let mut err = |message: String, help: String| {
            out.push(Diagnostic::error(message).at(path.clone()).help(help));
        };
        let number = value.as_f64();
        let text = value.as_str();
        match *self {
            Version(v) => {
                if value.as_u64() != Some(v) {
                    err(
                        format!("schema_version {value} is not supported"),
                        format!("this dealdraft reads schema_version {v}"),
                    );
                }
            }
            Positive(unit) => {
                if number.is_some_and(|x| x < 1.0) {
                    err(
                        format!("must be more than 0 {unit}"),
                        format!("a whole number of {unit}, at least 1"),
                    );
                }
            }
            AtLeastOne { message, help } => {
                if number.is_some_and(|x| x < 1.0) {
                    err(message.into(), help.into());
                }
            }
            PositiveNumber(unit) => {
                if let Some(x) = number.filter(|x| *x <= 0.0) {
                    err(
                        format!("must be more than 0 {unit}, got {}", num(x)),
                        format!("a positive number of {unit}"),
                    );
                }
            }
            Percent { zero } => {
                if let Some(x) = number {
                    let low_ok = if zero { x >= 0.0 } else { x > 0.0 };
                    if !(low_ok && x <= 100.0) {
                        let allowed = if zero {
                            "0 to 100"
                        } else {
                            "more than 0 and at most 100"
                        };
                        err(
                            format!("{} is not a valid percentage", num(x)),
                            format!("allowed: {allowed}"),
                        );
                    }
                }
            }
            Between { min, max, example } => {
                if let Some(x) = number.filter(|x| !(*x > min && *x < max)) {
                    err(
                        format!("{} is out of range", num(x)),
                        format!(
                            "allowed: strictly between {} and {}, e.g. {}",
                            num(min),
                            num(max),
                            num(example)
                        ),
                    );
                }
            }
            Amount => {
                if let Some(x) = number.filter(|x| *x < 0.0) {
                    err(
                        format!("{} is not a valid amount", num(x)),
                        "a non-negative number".into(),
                    );
                }
            }
            Slug { help } => {
                if let Some(s) = text.filter(|s| !is_slug(s)) {
                    err(format!("\"{s}\" is not a slug"), help.into());
                }
            }
            Date => {
                if let Some(s) = text.filter(|s| parse_date(s).is_none()) {
                    err(
                        format!("\"{s}\" is not a real date"),
                        "use YYYY-MM-DD, e.g. 2027-01-31".into(),
                    );
                }
            }
            Time { example } => {
                if let Some(s) = text.filter(|s| parse_hhmm(s).is_none()) {
                    err(
                        format!("\"{s}\" is not a time"),
                        format!("use HH:MM, 24-hour, e.g. \"{example}\""),
                    );
                }
            }
            Currency => {
                // Like `enum`, this refuses a value of any other type too.
                if text.and_then(iso_currency::Currency::from_code).is_none() {
                    err(
                        format!("{value} is not an ISO 4217 currency code"),
                        "three capital letters, e.g. \"USD\", \"EUR\", \"GBP\"".into(),
                    );
                }
            }
            Text => {
                if let Some(s) = text {
                    if s.trim().is_empty() {
                        err(
                            "must not be empty".into(),
                            "write the text, or remove the field".into(),
                        );
                    } else if let Some(c) = s.chars().find(|c| is_forbidden_char(*c)) {
                        err(
                            format!("contains the control character U+{:04X}", c as u32),
                            "use plain text: no control or private-use characters".into(),
                        );
                    }
                }
            }
            NonEmpty { message, help } => {
                if value.as_array().is_some_and(Vec::is_empty) {
                    err(message.into(), help.into());
                }
            }
            Unique { help } => {
                let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
                for (i, item) in items.iter().enumerate() {
                    if items[..i].contains(item) {
                        out.push(
                            Diagnostic::error("is listed twice")
                                .at(path.index(i))
                                .help(help),
                        );
                    }
                }
            }
            ExactlyOne { keys, help } => {
                // Like `oneOf` of `required`s, this refuses a value that is no object.
                if set_keys(value, keys) != 1 {
                    err(
                        format!("must give exactly one of {}", key_list(keys)),
                        help.into(),
                    );
                }
            }
            AnyOf { keys, help } => {
                if set_keys(value, keys) == 0 {
                    err(
                        format!("must give at least one of {}", key_list(keys)),
                        help.into(),
                    );
                }
            }
            Object { message, help } => {
                if !value.is_object() {
                    err(message.into(), help.into());
                }
            }
        }
    }

    /// The JSON Schema keywords that say the same as [`Rule::check`].
    pub fn keywords(&self) -> Map<String, Value> {
        let v = match *self {
            Version(v) => json!({"const": v}),
            Positive(_) | AtLeastOne { .. } => json!({"minimum": 1}),
            PositiveNumber(_) => json!({"exclusiveMinimum": 0}),
            Percent { zero: true } => json!({"minimum": 0, "maximum": 100}),
            Percent { zero: false } => json!({"exclusiveMinimum": 0, "maximum": 100}),
            Between { min, max, .. } => {
                json!({"exclusiveMinimum": json_num(min), "exclusiveMaximum": json_num(max)})
            }
            Amount => json!({"minimum": 0}),
            Slug { help } => json!({"pattern": SLUG_PATTERN, "patternErrorMessage": help}),
            Date => json!({
                "format": "date",
                "pattern": DATE_PATTERN,
                "patternErrorMessage": "a real date, YYYY-MM-DD",
            }),
            Time { example } => json!({
                "pattern": TIME_PATTERN,
                "patternErrorMessage": format!("HH:MM, 24-hour, e.g. \"{example}\""),
            }),
            Currency => json!({
                "enum": CURRENCIES.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>(),
                "enumDescriptions": CURRENCIES.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>(),
            }),
            Text => json!({
                "pattern": TEXT_PATTERN.as_str(),
                "patternErrorMessage": "not blank; no control or private-use characters",
            }),
            NonEmpty { .. } => json!({"minItems": 1}),
            Unique { .. } => json!({"uniqueItems": true}),
            ExactlyOne { keys, .. } => json!({"oneOf": key_schemas(keys)}),
            // In `allOf`: the node of an optional field already holds an `anyOf` (the
            // value or null).
            AnyOf { keys, .. } => json!({"allOf": [{"anyOf": key_schemas(keys)}]}),
            Object { .. } => json!({"type": ["object", "null"]}),
        };
        match v {
            Value::Object(m) => m,
            _ => unreachable!("keywords are an object"),
        }
    }

    /// What the rule allows, as a sentence for the field's description (none where the
    /// field's own words say it).
    pub fn summary(&self) -> Option<String> {
        Some(match *self {
            Version(v) => format!("Must be {v}."),
            Positive(_) | AtLeastOne { .. } => "At least 1.".into(),
            PositiveNumber(_) => "More than 0.".into(),
            Percent { zero: true } => "0 to 100.".into(),
            Percent { zero: false } => "More than 0, at most 100.".into(),
            Between { min, max, .. } => {
                format!("Strictly between {} and {}.", num(min), num(max))
            }
            Amount => "0 or more.".into(),
            Slug { .. } => "Lowercase letters, digits and single hyphens.".into(),
            Date => "A real date, `YYYY-MM-DD`.".into(),
            Time { .. } => "24-hour `HH:MM`.".into(),
            Currency => "An ISO 4217 currency code.".into(),
            NonEmpty { .. } => "At least one.".into(),
            Unique { .. } => "Each at most once.".into(),
            ExactlyOne { keys, .. } => format!("Exactly one of {}.", key_list(keys)),
            AnyOf { keys, .. } => format!("At least one of {}.", key_list(keys)),
            Text | Object { .. } => return None,
        })
    }
}

/// The keys of the object at `path` (`sla.maintenance`) of which the format asks exactly
/// one; empty for any other path.
pub fn alternatives(path: &str) -> &'static [&'static str] {
    RULES
        .iter()
        .find_map(|(p, r)| match r {
            ExactlyOne { keys, .. } if *p == path => Some(*keys),
            _ => None,
        })
        .unwrap_or(&[])
}

/// How many of `keys` an object sets (not `null`); 0 for a value that is no object.
fn set_keys(value: &Value, keys: &[&str]) -> usize {
    value.as_object().map_or(0, |o| {
        keys.iter()
            .filter(|k| o.get(**k).is_some_and(|v| !v.is_null()))
            .count()
    })
}

/// "`a` and `b`", "`a`, `b` and `c`".
fn key_list(keys: &[&str]) -> String {
    let quoted: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    crate::wording::join_and(&quoted, "and")
}

/// For `oneOf` / `anyOf`: null (which passes every rule), or an object that sets one of
/// `keys` (not to null).
fn key_schemas(keys: &[&str]) -> Vec<Value> {
    std::iter::once(json!({"type": "null"}))
        .chain(keys.iter().map(|k| {
            json!({
                "type": "object",
                "required": [k],
                "properties": {(*k): {"not": {"type": "null"}}},
            })
        }))
        .collect()
}

/// A rule's path (`sla.credit_tiers[].credit_pct`) as a [`Pattern`].
fn pattern(path: &str) -> Pattern {
    Pattern::parse(path).unwrap_or_else(|e| panic!("rule path {path}: {e}"))
}

/// Every single-field problem of a deal (as JSON), in the order of [`RULES`].
pub fn check_all(deal: &Value) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (path, rule) in RULES {
        pattern(path).each_value(deal, &mut |at, v| rule.check(&at, v, &mut out));
    }
    out
}

/// The JSON pointer, in a schemars schema, of the node describing the field at `path`
/// (the property or `items` node itself, not what its `$ref` points to).
fn node_pointer(schema: &Value, refs: &BTreeMap<String, usize>, path: &str) -> String {
    let mut node = Node::root(schema);
    for step in pattern(path).steps() {
        // Follow `$ref`s and the non-null branch of `anyOf` (an optional value).
        loop {
            if let Some(r) = node.reference() {
                let name = r
                    .strip_prefix("#/$defs/")
                    .unwrap_or_else(|| panic!("rule path {path}: unexpected $ref {r}"));
                assert_eq!(
                    refs.get(r).copied(),
                    Some(1),
                    "rule path {path} goes through `{name}`, which the schema uses in more than \
                     one place: a rule there would apply to all of them"
                );
                node = node.target().expect("a $ref into the schema's $defs");
            } else if node.value().get("anyOf").is_some() {
                node = node
                    .some()
                    .unwrap_or_else(|| panic!("rule path {path}: only null at {}", node.pointer()));
            } else {
                break;
            }
        }
        let next = match step {
            Step::Key(k) => node.field(k),
            Step::Each => node.items(),
            other => panic!("rule path {path}: a rule's path has keys and [] only, not {other:?}"),
        };
        node = next.unwrap_or_else(|| {
            panic!(
                "rule path {path}: the schema has nothing at {} ({step:?})",
                node.pointer()
            )
        });
    }
    node.pointer().to_string()
}

/// How often each `$ref` occurs in the schema.
fn count_refs(v: &Value, out: &mut BTreeMap<String, usize>) {
    match v {
        Value::Object(o) => {
            if let Some(r) = o.get("$ref").and_then(Value::as_str) {
                *out.entry(r.to_string()).or_default() += 1;
            }
            o.values().for_each(|x| count_refs(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| count_refs(x, out)),
        _ => {}
    }
}

fn ref_counts(schema: &Value) -> BTreeMap<String, usize> {
    let mut refs = BTreeMap::new();
    count_refs(schema, &mut refs);
    refs
}

/// Adds each rule's sentence ([`Rule::summary`]) and each [`VALIDATE_ONLY`] rule to the
/// description of its field.
pub fn describe(schema: &mut Value) {
    let refs = ref_counts(schema);
    let mut add: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut order = Vec::new();
    let mut push = |ptr: String, text: String| {
        if !add.contains_key(&ptr) {
            order.push(ptr.clone());
        }
        add.entry(ptr).or_default().push(text);
    };
    for (path, rule) in RULES {
        if let Some(s) = rule.summary() {
            push(node_pointer(schema, &refs, path), s);
        }
    }
    for (path, note) in VALIDATE_ONLY {
        push(
            node_pointer(schema, &refs, path),
            format!("Only `dealdraft validate` checks: {note}."),
        );
    }
    for ptr in order {
        let node = schema
            .pointer_mut(&ptr)
            .and_then(Value::as_object_mut)
            .expect("a field's schema is an object");
        let mut text = node
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        for s in &add[&ptr] {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(s);
        }
        node.insert("description".into(), Value::String(text));
    }
}

/// Adds every rule's keywords ([`Rule::keywords`]) to the schema node of its field.
pub fn publish(schema: &mut Value) {
    let refs = ref_counts(schema);
    for (path, rule) in RULES {
        let ptr = node_pointer(schema, &refs, path);
        let node = schema
            .pointer_mut(&ptr)
            .and_then(Value::as_object_mut)
            .expect("a field's schema is an object");
        for (k, v) in rule.keywords() {
            node.insert(k, v);
        }
    }
}

/// Control and private-use characters are refused in user text: they would be invisible in
/// the output, and private-use characters are reserved for dealdraft's blank markers.
pub fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// `true` for a slug of `[a-z0-9]` words joined by single hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// One example of every kind of rule, as the table uses them.
    fn kinds() -> Vec<Rule> {
        let mut out: Vec<Rule> = Vec::new();
        for (_, r) in RULES {
            if !out
                .iter()
                .any(|o| std::mem::discriminant(o) == std::mem::discriminant(r))
            {
                out.push(*r);
            }
        }
        // Both kinds of percentage.
        out.push(Percent { zero: true });
        out.push(Percent { zero: false });
        out
    }

    /// A validator of one rule's keywords alone (formats asserted too).
    fn validator(rule: &Rule) -> jsonschema::Validator {
        let schema = Value::Object(rule.keywords());
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("the rule's keywords compile")
    }

    fn agree(rule: &Rule, v: &Value) -> Result<(), String> {
        let mut out = Vec::new();
        rule.check(&JsonPath::root(), v, &mut out);
        let schema_ok = validator(rule).is_valid(v);
        if out.is_empty() == schema_ok {
            Ok(())
        } else {
            Err(format!(
                "{rule:?} on {v}: check says {out:?}, the schema says {}",
                if schema_ok { "valid" } else { "invalid" }
            ))
        }
    }

    /// Characters around every edge of the text, slug, time and date rules.
    fn chars() -> impl Strategy<Value = char> {
        prop_oneof![
            prop::sample::select(vec![
                'a',
                'z',
                'A',
                'Z',
                '0',
                '9',
                '-',
                ':',
                '/',
                '.',
                ' ',
                '\t',
                '\n',
                '\r',
                '\u{0}',
                '\u{7}',
                '\u{b}',
                '\u{1f}',
                '\u{7f}',
                '\u{85}',
                '\u{9f}',
                '\u{a0}',
                '\u{1680}',
                '\u{2000}',
                '\u{200a}',
                '\u{200b}',
                '\u{2028}',
                '\u{3000}',
                '\u{feff}',
                '\u{e000}',
                '\u{f8ff}',
                '\u{f900}',
                'é',
                '€',
                '\u{1f600}',
                '\u{f0000}',
                '٣',
            ]),
            any::<char>(),
        ]
    }

    fn strings() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::collection::vec(chars(), 0..8).prop_map(|v| v.into_iter().collect()),
            // Near-dates and near-times.
            (0u32..10000, 0u32..14, 0u32..33).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
            (0u32..26, 0u32..62).prop_map(|(h, m)| format!("{h:02}:{m:02}")),
            "[a-z0-9-]{0,8}",
            "[A-Za-z]{2,4}",
        ]
    }

    /// Values of every type but `null`: whether a field may be null is its type's
    /// business (the shape schema's), and every rule lets null pass.
    fn values() -> impl Strategy<Value = Value> {
        prop_oneof![
            any::<bool>().prop_map(Value::from),
            (-3i64..120).prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            // Not whole: JSON Schema counts 1.0 as the integer 1, serde does not (see
            // `schema::tests`); no rule tells them apart.
            (-5.0f64..120.0)
                .prop_filter("not whole", |f| f.fract() != 0.0)
                .prop_map(Value::from),
            prop::sample::select(vec![89.99, 90.000001, 99.999, 100.5, 0.5, -0.5])
                .prop_map(Value::from),
            strings().prop_map(Value::from),
            prop::collection::vec(
                prop_oneof![Just(json!("x")), Just(json!("y")), Just(json!(1))],
                0..4
            )
            .prop_map(Value::from),
            prop::sample::select(vec![
                json!({}),
                json!({"within_days": 5}),
                json!({"by": "2027-01-01"}),
                json!({"within_days": 5, "by": "2027-01-01"}),
                json!({"within_days": null, "by": "2027-01-01"}),
                json!({"within_days": null, "by": null}),
                json!({"max_hours_per_month": 4, "max_hours_per_quarter": 12}),
                json!({"max_hours_per_year": 40, "notice_days": 5}),
                json!({"consecutive_minutes": 5}),
                json!({"consecutive_minutes": null, "error_rate_pct": 5}),
            ]),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]
        /// `check` and the published keywords give the same verdict on any value.
        #[test]
        fn each_rule_and_its_keywords_agree(which in any::<prop::sample::Index>(), v in values()) {
            let kinds = kinds();
            let rule = which.get(&kinds);
            if let Err(e) = agree(rule, &v) {
                prop_assert!(false, "{}", e);
            }
        }
    }

    #[test]
    fn every_rule_sits_on_a_field_of_its_type() {
        let schema = crate::deal::schema::shape_schema();
        let refs = ref_counts(schema);
        for (path, rule) in RULES.iter() {
            let node = schema.pointer(&node_pointer(schema, &refs, path)).unwrap();
            let types: Vec<&str> = match node.get("type") {
                Some(Value::String(t)) => vec![t.as_str()],
                Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            let want: &[&str] = match rule {
                Version(_) | Positive(_) | AtLeastOne { .. } => &["integer"],
                PositiveNumber(_) | Percent { .. } | Between { .. } | Amount => &["number"],
                Slug { .. } | Date | Time { .. } | Currency | Text => &["string"],
                NonEmpty { .. } | Unique { .. } => &["array"],
                // A struct (`$ref`) and free JSON (no type).
                ExactlyOne { .. } | AnyOf { .. } => &[],
                Object { .. } => &[],
            };
            assert!(
                want.iter().all(|t| types.contains(t)),
                "{path}: {rule:?} on a field of type {types:?}"
            );
            if matches!(rule, ExactlyOne { .. } | AnyOf { .. }) {
                // A struct, or an optional one (the struct or null).
                let optional = node["anyOf"]
                    .as_array()
                    .is_some_and(|b| b.iter().any(|x| x.get("$ref").is_some()));
                assert!(node.get("$ref").is_some() || optional, "{path}: {node}");
            }
        }
    }

    #[test]
    fn the_date_pattern_is_the_calendar() {
        // Every day, month and boundary of centuries and leap years.
        for y in [
            0, 4, 100, 200, 400, 1900, 1999, 2000, 2024, 2026, 2027, 2028, 2100, 9999,
        ] {
            for m in 0..=13 {
                for d in 0..=32 {
                    let v = json!(format!("{y:04}-{m:02}-{d:02}"));
                    agree(&Date, &v).unwrap();
                }
            }
        }
        for s in [
            "2027-1-01",
            "2027-01-1",
            "+2027-01-01",
            "20270101",
            "2027-01-01T00:00",
        ] {
            agree(&Date, &json!(s)).unwrap();
            assert!(parse_date(s).is_none(), "{s}");
        }
    }

    #[test]
    fn every_currency_is_in_the_enum() {
        assert!(CURRENCIES.len() > 150, "{}", CURRENCIES.len());
        for code in ["USD", "EUR", "GBP", "JPY", "CHF"] {
            assert!(CURRENCIES.iter().any(|(c, _)| c == code), "{code}");
            agree(&Currency, &json!(code)).unwrap();
        }
        for bad in ["EURO", "usd", "USX", ""] {
            agree(&Currency, &json!(bad)).unwrap();
            assert!(iso_currency::Currency::from_code(bad).is_none());
        }
    }

    #[test]
    fn messages_read_as_before() {
        let mut out = Vec::new();
        Between {
            min: 90.0,
            max: 100.0,
            example: 99.9,
        }
        .check(&JsonPath::root(), &json!(100.0), &mut out);
        Percent { zero: false }.check(&JsonPath::root(), &json!(150), &mut out);
        Unique { help: "once" }.check(&JsonPath::parse("x"), &json!(["a", "b", "a"]), &mut out);
        let texts: Vec<String> = out
            .iter()
            .map(|d| format!("{}: {}", d.location.path.as_ref().unwrap(), d.message))
            .collect();
        assert_eq!(
            texts,
            [
                "(root): 100 is out of range",
                "(root): 150 is not a valid percentage",
                "x[2]: is listed twice"
            ]
        );
    }
}
