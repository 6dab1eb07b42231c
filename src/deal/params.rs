//! Clause parameters: the negotiable numbers of a clause's text that no deal field carries
//! (a claim's review period, a notice period, a licence's length...). A clause declares
//! each in its front matter ([`ParamDecl`]: type and unit, description, a default per
//! position); a deal sets them by clause id under `params`
//! (`"params": {"sla.credit_claims": {"review_days": 10}}`). This module owns the types,
//! the check of a value against its type, and the JSON Schema of a declared parameter.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Value, json};

use super::model::Stance;
use crate::dates::parse_hhmm;

/// What a parameter measures: its type and unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamType {
    /// A whole number of calendar days, at least 1 (name ends in `_days`).
    Days,
    /// A whole number of business days, at least 1 (name ends in `_business_days`).
    BusinessDays,
    /// A number of hours above 0, fractions allowed (name ends in `_hours`).
    Hours,
    /// A whole number of seconds, at least 1 (name ends in `_seconds`).
    Seconds,
    /// A whole number of minutes, at least 1 (name ends in `_minutes`).
    Minutes,
    /// A whole number of months, at least 1 (name ends in `_months`).
    Months,
    /// A percentage, above 0 and at most 100 (name ends in `_pct`).
    Percent,
    /// A multiple of an amount, above 0, fractions allowed (name ends in `_times`).
    Multiple,
    /// A 24-hour time of day, `"HH:MM"`.
    Time,
    /// A set of weekdays, `["mon", "tue", ...]`: at least one, each once.
    Weekdays,
    /// An amount of money, `{"amount": 5000, "currency": "USD"}`.
    Money,
}

/// The weekday names a `weekdays` parameter (and a field of days) uses, Monday first.
pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl ParamType {
    /// The type's name in front matter.
    pub fn name(self) -> &'static str {
        match self {
            ParamType::Days => "days",
            ParamType::BusinessDays => "business_days",
            ParamType::Hours => "hours",
            ParamType::Seconds => "seconds",
            ParamType::Minutes => "minutes",
            ParamType::Months => "months",
            ParamType::Percent => "percent",
            ParamType::Multiple => "multiple",
            ParamType::Time => "time",
            ParamType::Weekdays => "weekdays",
            ParamType::Money => "money",
        }
    }

    /// The ending a parameter's name must have (its unit, as in the deal's field names).
    pub fn suffix(self) -> Option<&'static str> {
        match self {
            ParamType::Days => Some("_days"),
            ParamType::BusinessDays => Some("_business_days"),
            ParamType::Hours => Some("_hours"),
            ParamType::Seconds => Some("_seconds"),
            ParamType::Minutes => Some("_minutes"),
            ParamType::Months => Some("_months"),
            ParamType::Percent => Some("_pct"),
            ParamType::Multiple => Some("_times"),
            ParamType::Time | ParamType::Weekdays | ParamType::Money => None,
        }
    }

    /// What a value of this type is, for messages and the schema.
    pub fn describe(self) -> &'static str {
        match self {
            ParamType::Days => "a whole number of days, at least 1",
            ParamType::BusinessDays => "a whole number of business days, at least 1",
            ParamType::Hours => "a number of hours above 0",
            ParamType::Seconds => "a whole number of seconds, at least 1",
            ParamType::Minutes => "a whole number of minutes, at least 1",
            ParamType::Months => "a whole number of months, at least 1",
            ParamType::Percent => "a percentage above 0 and at most 100",
            ParamType::Multiple => "a multiple above 0, e.g. 3 or 1.5",
            ParamType::Time => "a 24-hour time \"HH:MM\", e.g. \"08:00\"",
            ParamType::Weekdays => {
                "a list of weekdays, each once, e.g. [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]"
            }
            ParamType::Money => {
                "an amount of money, e.g. {\"amount\": 5000, \"currency\": \"USD\"}"
            }
        }
    }

    /// `None` if `v` is a value of this type, else what is wrong with it.
    pub fn check(self, v: &Value) -> Option<String> {
        let whole = |v: &Value| v.as_u64().filter(|n| *n >= 1 && *n <= u64::from(u32::MAX));
        let ok = match self {
            ParamType::Days
            | ParamType::BusinessDays
            | ParamType::Seconds
            | ParamType::Minutes
            | ParamType::Months => whole(v).is_some(),
            ParamType::Hours | ParamType::Multiple => {
                v.as_f64().is_some_and(|x| x > 0.0 && x.is_finite())
            }
            ParamType::Percent => v.as_f64().is_some_and(|x| x > 0.0 && x <= 100.0),
            ParamType::Time => v.as_str().and_then(parse_hhmm).is_some(),
            ParamType::Weekdays => v.as_array().is_some_and(|a| {
                !a.is_empty()
                    && a.iter()
                        .all(|d| d.as_str().is_some_and(|d| WEEKDAYS.contains(&d)))
                    && (1..a.len()).all(|i| !a[..i].contains(&a[i]))
            }),
            ParamType::Money => v.as_object().is_some_and(|o| {
                o.len() == 2
                    && o.get("amount")
                        .and_then(Value::as_f64)
                        .is_some_and(|a| a >= 0.0)
                    && o.get("currency")
                        .and_then(Value::as_str)
                        .is_some_and(|c| iso_currency::Currency::from_code(c).is_some())
            }),
        };
        (!ok).then(|| format!("{} is not {}", show(v), self.describe()))
    }

    /// The JSON Schema of a value of this type.
    pub fn schema(self) -> Value {
        match self {
            ParamType::Days
            | ParamType::BusinessDays
            | ParamType::Seconds
            | ParamType::Minutes
            | ParamType::Months => {
                json!({"type": "integer", "minimum": 1, "maximum": u32::MAX})
            }
            ParamType::Hours | ParamType::Multiple => {
                json!({"type": "number", "exclusiveMinimum": 0})
            }
            ParamType::Percent => {
                json!({"type": "number", "exclusiveMinimum": 0, "maximum": 100})
            }
            ParamType::Time => {
                json!({"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"})
            }
            ParamType::Weekdays => json!({
                "type": "array",
                "items": {"enum": WEEKDAYS},
                "minItems": 1,
                "uniqueItems": true
            }),
            ParamType::Money => json!({
                "type": "object",
                "properties": {
                    "amount": {"type": "number", "minimum": 0},
                    "currency": {
                        "enum": super::rules::CURRENCIES.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>()
                    }
                },
                "required": ["amount", "currency"],
                "additionalProperties": false
            }),
        }
    }
}

fn show(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        format!("{}...", s.chars().take(57).collect::<String>())
    } else {
        s
    }
}

/// One parameter as a clause declares it in its front matter:
///
/// ```toml
/// [params.review_days]
/// type = "days"
/// description = "Days Vendor has to answer a credit claim."
/// preferred = 15          # or `default = 15` for both positions
/// fallback = 30
/// better = "less"         # which way favours Customer: "more" or "less"
/// ```
///
/// A parameter whose preferred and fallback defaults differ says which way favours
/// Customer, and its preferred default is never weaker than its fallback: the customer's
/// opening position cannot sit below the compromise it may concede to.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParamDecl {
    /// Type and unit.
    #[serde(rename = "type")]
    pub kind: ParamType,
    /// What the parameter sets, in one line.
    pub description: String,
    /// The default in both positions (instead of `preferred` and `fallback`).
    #[serde(default)]
    pub default: Option<toml::Value>,
    /// The default when the clause takes the preferred position.
    #[serde(default)]
    pub preferred: Option<toml::Value>,
    /// The default when the clause takes the fallback position.
    #[serde(default)]
    pub fallback: Option<toml::Value>,
    /// Which way favours Customer (a number's direction); required where the
    /// preferred and fallback defaults differ.
    #[serde(default)]
    pub better: Option<Better>,
}

/// Which way a parameter favours Customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    /// A larger value favours Customer (a longer notice to Customer, a larger credit).
    More,
    /// A smaller value favours Customer (a shorter fix time, a shorter wait).
    Less,
}

impl Better {
    /// The word a clause file writes.
    pub fn as_str(self) -> &'static str {
        match self {
            Better::More => "more",
            Better::Less => "less",
        }
    }

    /// Whether `a` is weaker for Customer than `b`.
    pub fn weaker(self, a: f64, b: f64) -> bool {
        match self {
            Better::More => a < b,
            Better::Less => a > b,
        }
    }
}

impl ParamDecl {
    /// The default for a position, as JSON.
    pub fn default_for(&self, position: Stance) -> Value {
        let v = match position {
            Stance::Preferred => self.preferred.as_ref(),
            Stance::Fallback => self.fallback.as_ref(),
        }
        .or(self.default.as_ref());
        v.map(toml_to_json).unwrap_or(Value::Null)
    }

    /// What is wrong with the declaration of parameter `name`, if anything.
    pub fn problems(&self, name: &str) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(suffix) = self.kind.suffix()
            && !name.ends_with(suffix)
        {
            out.push(format!(
                "parameter `{name}` is of type \"{}\": its name ends in `{suffix}`",
                self.kind.name()
            ));
        }
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            out.push(format!("parameter `{name}`: a name is snake_case"));
        }
        match (&self.default, &self.preferred, &self.fallback) {
            (Some(_), None, None) | (None, Some(_), Some(_)) => {}
            _ => out.push(format!(
                "parameter `{name}`: give `default`, or both `preferred` and `fallback`"
            )),
        }
        for stance in Stance::ALL {
            let v = self.default_for(stance);
            if !v.is_null()
                && let Some(p) = self.kind.check(&v)
            {
                out.push(format!(
                    "parameter `{name}`: the {} default {p}",
                    stance.as_str()
                ));
            }
        }
        if self.description.trim().is_empty() {
            out.push(format!("parameter `{name}` has no description"));
        }
        out.extend(self.order_problem(name));
        out
    }

    /// A value's size, where the type orders its values (a number, an amount of money).
    pub fn magnitude(&self, v: &Value) -> Option<f64> {
        match self.kind {
            ParamType::Time | ParamType::Weekdays => None,
            ParamType::Money => v.get("amount").and_then(Value::as_f64),
            _ => v.as_f64(),
        }
    }

    /// The preferred default weaker for Customer than the fallback's, or position
    /// defaults that differ without saying which way favours Customer.
    fn order_problem(&self, name: &str) -> Option<String> {
        let (p, f) = (
            self.default_for(Stance::Preferred),
            self.default_for(Stance::Fallback),
        );
        let ordered = self.kind != ParamType::Time && self.kind != ParamType::Weekdays;
        if !ordered {
            return self.better.map(|_| {
                format!(
                    "parameter `{name}`: `better` orders numbers and amounts, not a {}",
                    self.kind.name()
                )
            });
        }
        let (pm, fm) = (self.magnitude(&p)?, self.magnitude(&f)?);
        match self.better {
            None if pm != fm => Some(format!(
                "parameter `{name}`: its preferred default ({p}) and fallback default ({f}) differ: \
                 say which way favours Customer, `better = \"more\"` or `better = \"less\"`"
            )),
            Some(b) if b.weaker(pm, fm) => Some(format!(
                "parameter `{name}`: the preferred default ({p}) is weaker for Customer than the \
                 fallback default ({f}) (`better = \"{}\"`): the opening position would sit below \
                 the compromise",
                b.as_str()
            )),
            _ => None,
        }
    }

    /// The parameter's JSON Schema: its type, with the description, unit and defaults.
    pub fn schema(&self) -> Value {
        let mut s = self.kind.schema();
        let defaults = if self.default.is_some() {
            format!("default {}", self.default_for(Stance::Preferred))
        } else {
            format!(
                "default {} (preferred), {} (fallback)",
                self.default_for(Stance::Preferred),
                self.default_for(Stance::Fallback)
            )
        };
        let text = format!(
            "{} Type: {}; {defaults}.",
            self.description,
            self.kind.name()
        );
        if let Some(o) = s.as_object_mut() {
            o.insert("description".into(), Value::String(text));
        }
        s
    }
}

/// Every clause's parameters, by clause id and name.
pub type ParamTable = BTreeMap<String, BTreeMap<String, ParamDecl>>;

fn toml_to_json(v: &toml::Value) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_by_type() {
        assert!(ParamType::Days.check(&json!(10)).is_none());
        assert!(ParamType::Days.check(&json!(0)).is_some());
        assert!(ParamType::Days.check(&json!(1.5)).is_some());
        assert!(ParamType::Hours.check(&json!(1.5)).is_none());
        assert!(ParamType::Percent.check(&json!(101)).is_some());
        assert!(ParamType::Time.check(&json!("08:00")).is_none());
        assert!(ParamType::Time.check(&json!("8:00")).is_some());
        assert!(ParamType::Weekdays.check(&json!(["mon", "sat"])).is_none());
        assert!(ParamType::Weekdays.check(&json!(["mon", "mon"])).is_some());
        assert!(ParamType::Weekdays.check(&json!([])).is_some());
        assert!(
            ParamType::Money
                .check(&json!({"amount": 5, "currency": "EUR"}))
                .is_none()
        );
        assert!(
            ParamType::Money
                .check(&json!({"amount": 5, "currency": "EURO"}))
                .is_some()
        );
    }
}
