//! Vendor profiles (`vendors/*.toml`): what an AI vendor publishes for every customer of a
//! service — its standard SLA, data terms, residency options — as deal terms, each with its
//! source and the date it was checked. A deal names its profile (`deal.vendor.profile`);
//! the profile is then a floor: a playbook default never asks for less (resolve), and a deal
//! that does is an error of `check`.
//!
//! A profile is facts only, in our words: a term is there because the vendor's own page says
//! it (its `source`), and what could not be confirmed is left out. It is a starting point
//! to verify before relying on it, not legal advice.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Deserialize;
use serde_json::Value;

use super::Origin;
use crate::deal::path::Pattern;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// One vendor's published terms.
#[derive(Debug, Clone, PartialEq)]
pub struct VendorProfile {
    /// The profile's id, as a deal names it (`aws-bedrock`).
    pub id: String,
    /// The vendor, for people (`Amazon Web Services`).
    pub vendor: String,
    /// The services the profile covers (`Amazon Bedrock`).
    pub services: Vec<String>,
    /// The date its terms were last checked against their sources.
    pub as_of: Date,
    /// The terms, in file order.
    pub terms: Vec<ProfileTerm>,
    /// The file it came from.
    pub origin: Origin,
}

/// One published term of a profile.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileTerm {
    /// The deal field it sets (`sla.uptime_pct`, `support.severities[level=P1].response_minutes`).
    pub field: Pattern,
    /// What it is: a floor no deal should go below, or an option the vendor offers.
    pub kind: TermKind,
    /// The value, in the deal format.
    pub value: Value,
    /// The service it is published for, when the profile covers several.
    pub service: Option<String>,
    /// The term in our words, one sentence.
    pub says: String,
    /// Where the vendor publishes it.
    pub source: Source,
}

/// Where a vendor publishes a term.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The document's title.
    pub title: String,
    /// Its address (https), or, for a profile `intake --profile` read from a copy of the
    /// vendor's paper, the file it was read from.
    pub url: String,
    /// The date the document states (last updated, effective), if it states one.
    pub dated: Option<Date>,
    /// The sentence that states the term, where the profile was read from the paper.
    pub quote: Option<String>,
}

/// What a profile term means for a deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// What the vendor gives every customer: a deal asking less gives away what it has.
    Floor(Better),
    /// What the vendor makes available (on request or approval): a deal may ask for it.
    Offered,
}

/// Which way a floor field is better for the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    /// A higher number (uptime, claim window).
    Higher,
    /// A lower number (retention days, notice hours, response minutes).
    Lower,
    /// A higher number or none at all (a credit cap: none is uncapped).
    HigherOrNone,
    /// `false` (training on customer data).
    False,
    /// Service-credit tiers: at least the profile's credit at every threshold.
    Tiers,
}

/// The deal fields a floor can be set on, and which way each is better. A field not here
/// cannot be a floor (the library refuses it), so every floor has a comparison.
pub const FLOOR_FIELDS: &[(&str, Better)] = &[
    ("sla.uptime_pct", Better::Higher),
    ("sla.credit_tiers", Better::Tiers),
    ("sla.credit_cap_pct", Better::HigherOrNone),
    ("sla.claim_window_days", Better::Higher),
    (
        "support.severities[level=P1].response_minutes",
        Better::Lower,
    ),
    (
        "support.severities[level=P2].response_minutes",
        Better::Lower,
    ),
    ("data.retention_days", Better::Lower),
    ("data.breach_notice_hours", Better::Lower),
    ("data.training_on_customer_data", Better::False),
];

/// The deal fields an offered term can name.
pub const OFFERED_FIELDS: &[&str] = &["data.zero_data_retention", "data.residency"];

impl VendorProfile {
    /// The profile's name for people: the vendor and its services.
    pub fn display_name(&self) -> String {
        if self.services.is_empty() {
            self.vendor.clone()
        } else {
            format!("{} ({})", self.vendor, self.services.join(", "))
        }
    }

    /// Whether its terms were checked more than a year before `today`.
    pub fn stale_on(&self, today: Date) -> bool {
        self.as_of
            .checked_add(jiff::Span::new().years(1))
            .is_ok_and(|limit| limit < today)
    }
}

impl ProfileTerm {
    /// A term's value in words, by what its field measures.
    pub fn words(&self, v: Option<&Value>) -> String {
        let field = self.field.last_field();
        let Some(v) = v.filter(|v| !v.is_null()) else {
            return match self.kind {
                TermKind::Floor(Better::HigherOrNone) => "uncapped".into(),
                TermKind::Floor(Better::Lower) => "no limit".into(),
                _ => "none".into(),
            };
        };
        let n = |x: &Value| {
            x.as_f64()
                .map(crate::wording::trim_number)
                .unwrap_or_default()
        };
        match (self.kind, v) {
            (TermKind::Floor(Better::Tiers), Value::Array(tiers)) => tiers
                .iter()
                .map(|t| format!("{}% below {}%", n(&t["credit_pct"]), n(&t["below_pct"])))
                .collect::<Vec<_>>()
                .join(", "),
            (TermKind::Floor(Better::False), Value::Bool(b)) => if *b {
                "training allowed"
            } else {
                "no training"
            }
            .into(),
            (_, Value::Bool(b)) => if *b { "yes" } else { "no" }.into(),
            (_, Value::Array(a)) => a
                .iter()
                .map(|x| x.as_str().unwrap_or_default().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            (_, x) => {
                let unit = [
                    ("_pct", "%"),
                    ("_days", " days"),
                    ("_hours", " hours"),
                    ("_minutes", " minutes"),
                ]
                .iter()
                .find(|(end, _)| field.ends_with(end))
                .map_or("", |(_, u)| u);
                format!("{}{unit}", n(x))
            }
        }
    }

    /// Whether a deal value gives the customer less than this floor; `None` for an offered
    /// term. `deal` is the field's value in the deal (`None`: absent or `null`).
    pub fn asks_less(&self, deal: Option<&Value>) -> Option<bool> {
        let TermKind::Floor(better) = self.kind else {
            return None;
        };
        let num = |v: Option<&Value>| v.and_then(Value::as_f64);
        Some(match better {
            Better::Higher => {
                num(deal).is_none_or(|d| num(Some(&self.value)).is_some_and(|p| d < p))
            }
            Better::Lower => match (num(deal), num(Some(&self.value))) {
                // None at all (no limit) is less than a published limit.
                (None, Some(_)) => true,
                (Some(d), Some(p)) => d > p,
                _ => false,
            },
            Better::HigherOrNone => match (num(deal), num(Some(&self.value))) {
                (None, _) => false,
                (Some(d), Some(p)) => d < p,
                (Some(_), None) => true,
            },
            Better::False => {
                self.value == Value::Bool(false) && deal.is_none_or(|d| d != &Value::Bool(false))
            }
            Better::Tiers => {
                let ours = tiers(deal);
                tiers(Some(&self.value))
                    .iter()
                    .any(|(below, credit)| credit_at(&ours, *below) < *credit)
            }
        })
    }

    /// Whether the deal makes this floor moot: an abuse-monitoring retention period where
    /// the deal asks for zero data retention (nothing is kept at all).
    pub fn waived(&self, deal: &Value) -> bool {
        self.field.to_string() == "data.retention_days"
            && deal.pointer("/data/zero_data_retention") == Some(&Value::Bool(true))
    }

    /// The value a playbook default takes so as not to ask less than this floor: the
    /// profile's, or for credit tiers the better of the two at every threshold.
    pub fn raised(&self, default: Option<&Value>) -> Value {
        match self.kind {
            TermKind::Floor(Better::Tiers) => {
                let (ours, theirs) = (tiers(default), tiers(Some(&self.value)));
                let mut thresholds: Vec<f64> =
                    ours.iter().chain(&theirs).map(|(b, _)| *b).collect();
                thresholds.sort_by(|a, b| b.total_cmp(a));
                thresholds.dedup();
                let mut out = Vec::new();
                let mut last = 0.0;
                for t in thresholds {
                    let c = credit_at(&ours, t).max(credit_at(&theirs, t));
                    if c > last {
                        out.push(
                            serde_json::json!({"below_pct": number(t), "credit_pct": number(c)}),
                        );
                        last = c;
                    }
                }
                Value::Array(out)
            }
            _ => self.value.clone(),
        }
    }
}

/// A number as JSON, whole numbers without a fraction (`10`, not `10.0`).
fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        Value::from(x as i64)
    } else {
        serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
    }
}

/// Credit tiers as (below this uptime, this credit).
fn tiers(v: Option<&Value>) -> Vec<(f64, f64)> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|t| {
            Some((
                t.get("below_pct")?.as_f64()?,
                t.get("credit_pct")?.as_f64()?,
            ))
        })
        .collect()
}

/// The credit a month just below `threshold` earns under `tiers`: the largest credit of a
/// tier whose threshold is above that uptime.
fn credit_at(tiers: &[(f64, f64)], threshold: f64) -> f64 {
    tiers
        .iter()
        .filter(|(below, _)| *below >= threshold)
        .map(|(_, c)| *c)
        .fold(0.0, f64::max)
}

/// The file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    id: toml::Spanned<String>,
    vendor: String,
    #[serde(default)]
    services: Vec<String>,
    as_of: toml::Spanned<String>,
    #[serde(default, rename = "term")]
    terms: Vec<RawTerm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    field: toml::Spanned<String>,
    #[serde(default)]
    offered: bool,
    value: toml::Value,
    service: Option<String>,
    says: String,
    source: RawSource,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    title: String,
    #[serde(default)]
    url: Option<toml::Spanned<String>>,
    #[serde(default)]
    file: Option<String>,
    dated: Option<toml::Spanned<String>>,
    #[serde(default)]
    quote: Option<String>,
    /// Where in the file the quote stands (as `intake --profile` writes it).
    #[serde(default)]
    line: Option<usize>,
    #[serde(default)]
    paragraph: Option<usize>,
}

/// Loads the profiles: built-in ones first, then the overlay's, a profile with the id of an
/// earlier one replacing it. `schema` is the deal's JSON Schema, which every field must be in.
pub(super) fn load(
    files: &[(Origin, String)],
    schema: &Value,
    problems: &mut Diagnostics,
) -> BTreeMap<String, VendorProfile> {
    let mut out = BTreeMap::new();
    for (origin, text) in files {
        if let Some(p) = parse(origin, text, schema, problems) {
            out.insert(p.id.clone(), p);
        }
    }
    out
}

fn parse(
    origin: &Origin,
    text: &str,
    schema: &Value,
    problems: &mut Diagnostics,
) -> Option<VendorProfile> {
    let file = origin.display();
    let at = |span: std::ops::Range<usize>, msg: String| {
        let before = &text[..span.start.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Diagnostic::error(msg).in_file(&file).line_col(line, col)
    };
    let raw: RawProfile = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let d = match e.span() {
                Some(s) => at(s, format!("vendor profile: {}", e.message())),
                None => {
                    Diagnostic::error(format!("vendor profile: {}", e.message())).in_file(&file)
                }
            };
            problems.push(d.help(
                "keys: id, vendor, services, as_of, and [[term]] tables with field, value, says, \
                 source = { title, url, dated } (and offered = true for an option)",
            ));
            return None;
        }
    };
    let before = problems.len();
    let date = |s: &toml::Spanned<String>, what: &str, problems: &mut Diagnostics| {
        s.get_ref()
            .parse::<Date>()
            .map_err(|_| {
                problems.push(
                    at(
                        s.span(),
                        format!("{what} \"{}\" is not a date", s.get_ref()),
                    )
                    .help("a date as YYYY-MM-DD"),
                )
            })
            .ok()
    };
    let id = raw.id.get_ref().clone();
    if !crate::deal::rules::is_slug(&id) {
        problems.push(
            at(raw.id.span(), format!("profile id \"{id}\" is not a slug"))
                .help("lowercase letters, digits and single hyphens"),
        );
    }
    let as_of = date(&raw.as_of, "as_of", problems);
    let mut terms = Vec::new();
    for t in raw.terms {
        let field_text = t.field.get_ref();
        let field = match Pattern::parse_single(field_text).and_then(|p| {
            p.check_schema(schema)?;
            Ok(p)
        }) {
            Ok(p) => p,
            Err(why) => {
                problems.push(
                    at(t.field.span(), format!("field \"{field_text}\": {why}"))
                        .help("a deal field path, as `dealdraft schema` lists them"),
                );
                continue;
            }
        };
        let kind = if t.offered {
            if !OFFERED_FIELDS.contains(&field_text.as_str()) {
                problems.push(
                    at(
                        t.field.span(),
                        format!("\"{field_text}\" cannot be an offered term"),
                    )
                    .help(format!("offered terms: {}", OFFERED_FIELDS.join(", "))),
                );
                continue;
            }
            TermKind::Offered
        } else {
            match FLOOR_FIELDS.iter().find(|(f, _)| f == field_text) {
                Some((_, better)) => TermKind::Floor(*better),
                None => {
                    let names: Vec<&str> = FLOOR_FIELDS.iter().map(|(f, _)| *f).collect();
                    problems.push(
                        at(
                            t.field.span(),
                            format!("\"{field_text}\" cannot be a floor"),
                        )
                        .help(format!(
                            "floor fields (each with a known better direction): {}; or \
                                 offered = true for {}",
                            names.join(", "),
                            OFFERED_FIELDS.join(", ")
                        )),
                    );
                    continue;
                }
            }
        };
        let value = serde_json::to_value(&t.value).unwrap_or(Value::Null);
        if let Some(why) = value_problem(kind, &value) {
            problems.push(at(
                t.field.span(),
                format!("the value of \"{field_text}\" {why}"),
            ));
            continue;
        }
        if t.says.trim().is_empty() || t.source.title.trim().is_empty() {
            problems.push(at(
                t.field.span(),
                format!("\"{field_text}\" needs `says` and a `source` with a title"),
            ));
            continue;
        }
        let url = match (&t.source.url, &t.source.file) {
            (Some(u), _) => {
                let url = u.get_ref();
                if !url.starts_with("https://") || url.contains(char::is_whitespace) {
                    problems.push(
                        at(
                            u.span(),
                            format!("source address \"{url}\" is not an https address"),
                        )
                        .help("where the vendor publishes the term, https://…"),
                    );
                    continue;
                }
                url.clone()
            }
            // A profile read from a copy of the paper: the file, and the sentence quoted.
            (None, Some(file))
                if t.source
                    .quote
                    .as_deref()
                    .is_some_and(|q| !q.trim().is_empty()) =>
            {
                match (t.source.line, t.source.paragraph) {
                    (Some(l), _) => format!("{file}:{l}"),
                    (None, Some(p)) => format!("{file}, paragraph {p}"),
                    _ => file.clone(),
                }
            }
            _ => {
                problems.push(
                    at(t.field.span(), format!("\"{field_text}\" has no source address"))
                        .help("source = { title, url = \"https://…\" } (or file and quote, as `intake --profile` writes them)"),
                );
                continue;
            }
        };
        let dated = match &t.source.dated {
            Some(d) => match date(d, "dated", problems) {
                Some(d) => Some(d),
                None => continue,
            },
            None => None,
        };
        terms.push(ProfileTerm {
            field,
            kind,
            value,
            service: t.service,
            says: t.says.trim().to_string(),
            source: Source {
                title: t.source.title.trim().to_string(),
                url,
                dated,
                quote: t.source.quote,
            },
        });
    }
    if problems.len() > before {
        return None;
    }
    Some(VendorProfile {
        id,
        vendor: raw.vendor,
        services: raw.services,
        as_of: as_of?,
        terms,
        origin: origin.clone(),
    })
}

/// What is wrong with a term's value for its kind, if anything.
fn value_problem(kind: TermKind, v: &Value) -> Option<&'static str> {
    let ok = match kind {
        TermKind::Floor(Better::Higher | Better::Lower | Better::HigherOrNone) => v.is_number(),
        TermKind::Floor(Better::False) => v.is_boolean(),
        TermKind::Floor(Better::Tiers) => {
            v.as_array().is_some_and(|a| !a.is_empty())
                && tiers(Some(v)).len() == v.as_array().map_or(0, Vec::len)
        }
        TermKind::Offered => {
            v.is_boolean() || v.as_array().is_some_and(|a| a.iter().all(Value::is_string))
        }
    };
    (!ok).then_some(match kind {
        TermKind::Floor(Better::Tiers) => "must be a list of { below_pct, credit_pct } tables",
        TermKind::Floor(Better::False) => "must be true or false",
        TermKind::Offered => "must be true or a list of names",
        _ => "must be a number",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn floor(field: &str, better: Better, value: Value) -> ProfileTerm {
        ProfileTerm {
            field: Pattern::parse_single(field).unwrap(),
            kind: TermKind::Floor(better),
            value,
            service: None,
            says: String::new(),
            source: Source {
                title: String::new(),
                url: String::new(),
                dated: None,
                quote: None,
            },
        }
    }

    #[test]
    fn a_deal_asks_less_by_the_fields_direction() {
        let up = floor("sla.uptime_pct", Better::Higher, json!(99.9));
        assert_eq!(up.asks_less(Some(&json!(99.5))), Some(true));
        assert_eq!(up.asks_less(Some(&json!(99.9))), Some(false));
        assert_eq!(up.asks_less(None), Some(true), "no SLA at all is less");
        let ret = floor("data.retention_days", Better::Lower, json!(30));
        assert_eq!(ret.asks_less(Some(&json!(45))), Some(true));
        assert_eq!(ret.asks_less(Some(&json!(0))), Some(false));
        assert_eq!(ret.asks_less(None), Some(true), "no limit is less");
        let cap = floor("sla.credit_cap_pct", Better::HigherOrNone, json!(100));
        assert_eq!(cap.asks_less(Some(&json!(30))), Some(true));
        assert_eq!(cap.asks_less(None), Some(false), "uncapped");
        let train = floor(
            "data.training_on_customer_data",
            Better::False,
            json!(false),
        );
        assert_eq!(train.asks_less(Some(&json!(true))), Some(true));
        assert_eq!(train.asks_less(Some(&json!(false))), Some(false));
    }

    #[test]
    fn tiers_are_compared_at_every_threshold_and_raised_to_the_better_of_both() {
        let published = json!([
            {"below_pct": 99.9, "credit_pct": 10},
            {"below_pct": 99.0, "credit_pct": 25},
            {"below_pct": 95.0, "credit_pct": 100}
        ]);
        let t = floor("sla.credit_tiers", Better::Tiers, published.clone());
        let fallback = json!([
            {"below_pct": 99.5, "credit_pct": 10},
            {"below_pct": 99.0, "credit_pct": 20},
            {"below_pct": 95.0, "credit_pct": 30}
        ]);
        assert_eq!(t.asks_less(Some(&fallback)), Some(true));
        assert_eq!(t.asks_less(Some(&published)), Some(false));
        let better = json!([
            {"below_pct": 99.95, "credit_pct": 10},
            {"below_pct": 99.5, "credit_pct": 25},
            {"below_pct": 99.0, "credit_pct": 100}
        ]);
        assert_eq!(t.asks_less(Some(&better)), Some(false));
        assert_eq!(
            t.raised(Some(&fallback)),
            json!([
                {"below_pct": 99.9, "credit_pct": 10},
                {"below_pct": 99, "credit_pct": 25},
                {"below_pct": 95, "credit_pct": 100}
            ])
        );
    }

    #[test]
    fn a_profile_older_than_a_year_is_stale() {
        let p = VendorProfile {
            id: "x".into(),
            vendor: "X".into(),
            services: vec![],
            as_of: jiff::civil::date(2025, 12, 1),
            terms: vec![],
            origin: Origin::Builtin("x".into()),
        };
        assert!(!p.stale_on(jiff::civil::date(2026, 12, 1)));
        assert!(p.stale_on(jiff::civil::date(2026, 12, 2)));
    }
}
