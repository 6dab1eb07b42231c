//! Semantic rules of `deal-format.md`, checked on a deal with its defaults merged in. Every
//! problem is collected with the path of the field and what is allowed. The rules about one
//! value each are the table of [`super::rules`], shared with the published schema; this
//! module adds the rules between fields.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use super::model::*;
use crate::dates::{parse_date, parse_hhmm};
use crate::deal::rules::is_slug;
use crate::diagnostics::{Diagnostic, JsonPath};

/// What validation needs to know beyond the deal: the clause library's ids and positions.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// Clause id → positions it offers.
    pub clause_positions: BTreeMap<String, Vec<Stance>>,
    /// Clause id → the parameters it declares (clauses without any are left out).
    pub clause_params: super::params::ParamTable,
    /// The ids of the vendor profiles a deal may name (`deal.vendor.profile`).
    pub vendor_profiles: Vec<String>,
}

struct Check {
    out: Vec<Diagnostic>,
}

impl Check {
    fn err(&mut self, path: JsonPath, message: impl Into<String>, help: impl Into<String>) {
        self.out
            .push(Diagnostic::error(message).at(path).help(help));
    }

    fn timezone(&mut self, path: JsonPath, s: &str) {
        if jiff::tz::TimeZone::get(s).is_err() || s.is_empty() {
            let help = match crate::diagnostics::did_you_mean(
                s,
                jiff::tz::db()
                    .available()
                    .map(|n| n.as_str().to_string())
                    .collect::<Vec<_>>()
                    .iter()
                    .map(String::as_str),
            ) {
                Some(m) => format!("did you mean \"{m}\"? use an IANA name"),
                None => "use an IANA time zone name, e.g. \"Europe/London\"".into(),
            };
            self.err(path, format!("\"{s}\" is not an IANA time zone"), help);
        }
    }
}

/// The last day of the term, if the effective date and term are known.
pub fn term_end(deal: &DealInfo) -> Option<Date> {
    let start = parse_date(deal.effective_date.as_deref()?)?;
    let months = deal.term_months?;
    start
        .checked_add(jiff::Span::new().months(i64::from(months)))
        .ok()?
        .checked_sub(jiff::Span::new().days(1))
        .ok()
}

/// Checks the semantic rules. Paths are relative to the deal root.
///
/// The rules about one value each (ranges, slugs, dates, currencies, text...) are the
/// table of [`super::rules`], which the published schema carries too; the rules here relate
/// fields to each other, or need the clause library or the time zone database.
///
/// `deal` comes without its business units, which are `units`: a unit's `overrides` is a
/// patch of the whole deal, of which the rules ask only that it be an object (the deal it
/// gives is checked by resolving the unit), so a deal with a thousand units is not copied
/// to JSON whole for them.
pub fn validate(deal: &DealFile, units: Option<&[BusinessUnit]>, known: &Known) -> Vec<Diagnostic> {
    debug_assert!(deal.business_units.is_none(), "the units come apart");
    let mut c = Check {
        out: single_field_rules(deal, units),
    };
    let root = JsonPath::root();
    let d = &deal.deal;
    // A bad date is the date rule's to report; the rules below skip it.
    let term = Term::of(d);
    if let Some(cu) = &d.customer {
        let p = root.key("deal").key("customer").key("timezones");
        for (i, tz) in cu.timezones.iter().flatten().enumerate() {
            c.timezone(p.index(i), tz);
        }
    }
    if let Some(profile) = d.vendor.as_ref().and_then(|v| v.profile.as_deref())
        && !known.vendor_profiles.iter().any(|p| p == profile)
    {
        let hint = crate::diagnostics::did_you_mean(
            profile,
            known.vendor_profiles.iter().map(String::as_str),
        )
        .map(|m| format!("did you mean \"{m}\"? "))
        .unwrap_or_default();
        c.err(
            root.key("deal").key("vendor").key("profile"),
            format!("there is no vendor profile \"{profile}\""),
            format!(
                "{hint}profiles: {} (`dealdraft clauses --vendors`)",
                known.vendor_profiles.join(", ")
            ),
        );
    }
    if let Some(sla) = &deal.sla {
        validate_sla(&mut c, &root.key("sla"), sla);
    }
    if let Some(s) = &deal.support {
        validate_support(&mut c, &root.key("support"), s);
    }
    if let Some(t) = &deal.training {
        validate_training(&mut c, &root.key("training"), t, &term);
    }
    if let Some(data) = &deal.data
        && data.zero_data_retention == Some(true)
        && data.retention_days.is_some()
    {
        c.err(
            root.key("data").key("retention_days"),
            "is set although `zero_data_retention` is true",
            "set `retention_days` to null, or `zero_data_retention` to false",
        );
    }
    if let Some(pilot) = deal.exit.as_ref().and_then(|x| x.pilot.as_ref()) {
        validate_pilot(&mut c, &root.key("exit").key("pilot"), pilot.days, &term);
    }
    if let Some(com) = &deal.commercial {
        validate_commercial(&mut c, &root.key("commercial"), com, d.services.as_deref());
    }
    if let Some(g) = &deal.governance {
        validate_governance(&mut c, &root.key("governance"), g);
    }
    if let Some(pos) = &deal.positions {
        validate_positions(&mut c, &root.key("positions"), pos, known);
    }
    if let Some(params) = &deal.params {
        validate_params(&mut c, &root.key("params"), params, known);
    }
    if let Some(units) = units {
        validate_units(&mut c, &root.key("business_units"), units);
        validate_reservations(
            &mut c,
            &root.key("business_units"),
            units,
            deal.commercial.as_ref(),
        );
    }
    c.out
}

/// The rules about one value each ([`super::rules::check_all`]) over the deal as JSON, its
/// units' `overrides` replaced by empty objects (a unit's deal is checked by resolving it).
fn single_field_rules(deal: &DealFile, units: Option<&[BusinessUnit]>) -> Vec<Diagnostic> {
    let mut as_json = serde_json::to_value(deal).expect("a deal serialises");
    if let Some(units) = units {
        let light: Vec<BusinessUnit> = units
            .iter()
            .map(|u| BusinessUnit {
                id: u.id.clone(),
                name: u.name.clone(),
                overrides: u.overrides.as_ref().map(|o| match o {
                    serde_json::Value::Object(_) => serde_json::Value::Object(Default::default()),
                    other => other.clone(),
                }),
            })
            .collect();
        as_json["business_units"] = serde_json::to_value(light).expect("units serialise");
    }
    super::rules::check_all(&as_json)
}

/// The term as far as the deal gives it: its first and last day, and its length in days.
struct Term {
    start: Option<Date>,
    end: Option<Date>,
    days: Option<i32>,
}

impl Term {
    fn of(d: &DealInfo) -> Term {
        let start = d.effective_date.as_deref().and_then(parse_date);
        let end = term_end(d);
        let days = match (start, end) {
            (Some(s), Some(e)) => Some((e - s).get_days() + 1),
            _ => d
                .term_months
                .map(|m| (f64::from(m) * 365.25 / 12.0).floor() as i32),
        };
        Term { start, end, days }
    }
}

/// Training sessions due inside the term; no fee for training included in the fees.
fn validate_training(c: &mut Check, p: &JsonPath, t: &Training, term: &Term) {
    for (i, s) in t.sessions.iter().flatten().enumerate() {
        let dup = p.key("sessions").index(i).key("due");
        // Neither or both set: the rule on `due` reports it.
        match (&s.due.within_days, &s.due.by) {
            (Some(days), None) => {
                if let Some(td) = term.days
                    && i64::from(*days) > i64::from(td)
                {
                    c.err(
                        dup.key("within_days"),
                        format!("{days} days is beyond the term ({td} days)"),
                        "training must be due inside the term",
                    );
                }
            }
            (None, Some(by)) => {
                if let Some(date) = parse_date(by)
                    && let (Some(s), Some(e)) = (term.start, term.end)
                    && (date < s || date > e)
                {
                    c.err(
                        dup.key("by"),
                        format!("{by} is outside the term ({s} to {e})"),
                        "training must be due inside the term",
                    );
                }
            }
            _ => {}
        }
    }
    if t.included_in_fees == Some(true) && t.fee.is_some() {
        c.err(
            p.key("fee"),
            "is set although `included_in_fees` is true",
            "set `fee` to null, or `included_in_fees` to false",
        );
    }
}

/// The pilot ends before the term does.
fn validate_pilot(c: &mut Check, p: &JsonPath, days: u32, term: &Term) {
    let ends_in_term = match (term.start, term.end) {
        (Some(s), Some(e)) => s
            .checked_add(jiff::Span::new().days(i64::from(days)))
            .is_ok_and(|end| end <= e),
        _ => term.days.is_none_or(|td| i64::from(days) < i64::from(td)),
    };
    if !ends_in_term {
        c.err(
            p.key("days"),
            format!("a {days}-day pilot is not shorter than the term"),
            "the pilot must end before the term does",
        );
    }
}

/// Each unlimited service is one of the deal's services (once they are known; the list is
/// ignored without an unlimited plan).
fn validate_commercial(c: &mut Check, p: &JsonPath, com: &Commercial, services: Option<&[String]>) {
    if let Some(reserved) = &com.reserved_rate_limits {
        validate_reserved(c, &p.key("reserved_rate_limits"), com, reserved);
    }
    let (Some(true), Some(list), Some(services)) =
        (com.unlimited_plan, &com.unlimited_services, services)
    else {
        return;
    };
    let p = p.key("unlimited_services");
    for (i, name) in list.iter().enumerate() {
        if !services.contains(name) {
            let hint = crate::diagnostics::did_you_mean(name, services.iter().map(String::as_str))
                .map(|m| format!("did you mean \"{m}\"?"))
                .unwrap_or_else(|| "name one of `deal.services`".into());
            c.err(
                p.index(i),
                format!("\"{name}\" is not one of `deal.services`"),
                hint,
            );
        }
    }
}

/// A unit's reserved rate limits are a part of the deal's own: a figure reserved is never more
/// than the deal's figure. (A reservation with nothing to bind, a limit the deal does not state
/// or no service metered, renders nothing: [`warnings`] says so.)
fn validate_reserved(c: &mut Check, p: &JsonPath, com: &Commercial, reserved: &ReservedRateLimits) {
    let limits = com.rate_limits.as_ref();
    let figures = [
        (
            "requests_per_minute",
            reserved.requests_per_minute,
            limits.and_then(|l| l.requests_per_minute),
        ),
        (
            "tokens_per_minute",
            reserved.tokens_per_minute,
            limits.and_then(|l| l.tokens_per_minute),
        ),
    ];
    for (name, share, whole) in figures {
        if let (Some(s), Some(w)) = (share, whole)
            && s > w
        {
            c.err(
                p.key(name),
                format!("reserves {s}, more than the deal's whole limit ({w})"),
                format!("allowed: at most {w}, the part of the deal's limit kept for the unit"),
            );
        }
    }
}

/// The part of a unit's reservation of rate limits that binds: each figure that the deal
/// limits too, where some service is metered (an unlimited service has no ceiling to reserve
/// within). `None` where nothing binds. The drafts state this and nothing else of it.
pub fn binding_reservation(deal: &DealFile) -> Option<ReservedRateLimits> {
    let com = deal.commercial.as_ref()?;
    let reserved = com.reserved_rate_limits.as_ref()?;
    let all_unlimited = com.unlimited_plan == Some(true)
        && match (&com.unlimited_services, deal.deal.services.as_deref()) {
            (None, _) => true,
            (Some(list), Some(services)) => services.iter().all(|s| list.contains(s)),
            (Some(_), None) => false,
        };
    if all_unlimited {
        return None;
    }
    let limits = com.rate_limits.as_ref();
    let binding = ReservedRateLimits {
        requests_per_minute: reserved
            .requests_per_minute
            .filter(|_| limits.is_some_and(|l| l.requests_per_minute.is_some())),
        tokens_per_minute: reserved
            .tokens_per_minute
            .filter(|_| limits.is_some_and(|l| l.tokens_per_minute.is_some())),
    };
    (binding.requests_per_minute.is_some() || binding.tokens_per_minute.is_some())
        .then_some(binding)
}

/// A reservation of rate limits that binds nothing, or less than it says: the draft leaves
/// out what does not bind.
fn idle_reservation(deal: &DealFile, out: &mut Vec<Diagnostic>) {
    let Some(reserved) = deal
        .commercial
        .as_ref()
        .and_then(|c| c.reserved_rate_limits.as_ref())
    else {
        return;
    };
    let p = JsonPath::root()
        .key("commercial")
        .key("reserved_rate_limits");
    let binding = binding_reservation(deal);
    let figures = [
        (
            "requests_per_minute",
            reserved.requests_per_minute,
            binding.as_ref().and_then(|b| b.requests_per_minute),
        ),
        (
            "tokens_per_minute",
            reserved.tokens_per_minute,
            binding.as_ref().and_then(|b| b.tokens_per_minute),
        ),
    ];
    for (name, asked, binds) in figures {
        if asked.is_some() && binds.is_none() {
            out.push(
                Diagnostic::warning(format!(
                    "reserves {name} for the unit, but the deal has no such limit to reserve within"
                ))
                .at(p.key(name))
                .help(format!(
                    "the draft reserves none of it: state `commercial.rate_limits.{name}` for the deal (a limit of a metered service), or set this to null"
                )),
            );
        }
    }
}

/// Escalation levels run 1, 2, 3... in order.
fn validate_governance(c: &mut Check, p: &JsonPath, g: &Governance) {
    let p = p.key("escalation");
    for (i, e) in g.escalation.iter().flatten().enumerate() {
        if e.level as usize != i + 1 {
            c.err(
                p.index(i).key("level"),
                format!("level {} is out of order", e.level),
                format!(
                    "levels run 1, 2, 3... in order; this one should be {}",
                    i + 1
                ),
            );
        }
    }
}

/// Each per-clause position names a clause of the library and a position it offers.
fn validate_positions(c: &mut Check, p: &JsonPath, pos: &BTreeMap<String, Stance>, known: &Known) {
    for (id, stance) in pos {
        let p = p.key(id);
        match known.clause_positions.get(id) {
            None => {
                let hint = crate::diagnostics::did_you_mean(
                    id,
                    known.clause_positions.keys().map(String::as_str),
                )
                .map(|m| format!("did you mean \"{m}\"? (`dealdraft clauses` lists them)"))
                .unwrap_or_else(|| "use a clause id from `dealdraft clauses`".into());
                c.err(p, format!("no clause has the id \"{id}\""), hint);
            }
            Some(offered) if !offered.contains(stance) => {
                let names: Vec<&str> = offered.iter().map(|s| s.as_str()).collect();
                c.err(
                    p,
                    format!("clause \"{id}\" has no {} position", stance.as_str()),
                    format!("it offers: {}", names.join(", ")),
                );
            }
            Some(_) => {}
        }
    }
}

/// Business unit ids are unique.
fn validate_units(c: &mut Check, p: &JsonPath, units: &[BusinessUnit]) {
    let mut seen = BTreeSet::new();
    for (i, u) in units.iter().enumerate() {
        // An id that is no slug is the slug rule's to report.
        if is_slug(&u.id) && !seen.insert(u.id.as_str()) {
            c.err(
                p.index(i).key("id"),
                format!("\"{}\" is used by an earlier business unit", u.id),
                "business unit ids must be unique",
            );
        }
    }
}

/// All the units' reservations of a rate limit together are never more than the deal's limit
/// (the master SOW says so, and a reservation cut short would be illusory): reported at the
/// unit whose reservation takes the total over.
fn validate_reservations(
    c: &mut Check,
    p: &JsonPath,
    units: &[BusinessUnit],
    commercial: Option<&Commercial>,
) {
    let limits = commercial.and_then(|c| c.rate_limits.as_ref());
    for name in ["requests_per_minute", "tokens_per_minute"] {
        let whole = limits.and_then(|l| match name {
            "requests_per_minute" => l.requests_per_minute,
            _ => l.tokens_per_minute,
        });
        let Some(whole) = whole else { continue };
        let mut total: u64 = 0;
        for (i, u) in units.iter().enumerate() {
            let share = u
                .overrides
                .as_ref()
                .and_then(|o| o.pointer(&format!("/commercial/reserved_rate_limits/{name}")))
                .and_then(serde_json::Value::as_u64);
            // A share above the whole limit is the unit's own error (`validate_reserved`).
            let Some(share) = share.filter(|s| *s <= whole) else {
                continue;
            };
            total = total.saturating_add(share);
            if total > whole {
                c.err(
                    p.index(i)
                        .key("overrides")
                        .key("commercial")
                        .key("reserved_rate_limits")
                        .key(name),
                    format!(
                        "the units' reservations of {name} come to {total}, more than the deal's limit ({whole})"
                    ),
                    format!(
                        "allowed: at most {} for this unit, so that all the reservations together stay within {whole}",
                        whole.saturating_sub(total - share)
                    ),
                );
                break;
            }
        }
    }
}

fn validate_sla(c: &mut Check, p: &JsonPath, sla: &Sla) {
    if let Some(tiers) = &sla.credit_tiers {
        let tp = p.key("credit_tiers");
        for (i, t) in tiers.iter().enumerate().skip(1) {
            let prev = &tiers[i - 1];
            if t.below_pct >= prev.below_pct {
                c.err(
                    tp.index(i).key("below_pct"),
                    format!(
                        "thresholds must fall from tier to tier ({} after {})",
                        t.below_pct, prev.below_pct
                    ),
                    format!("allowed: below {}", prev.below_pct),
                );
            }
            if t.credit_pct <= prev.credit_pct {
                c.err(
                    tp.index(i).key("credit_pct"),
                    format!(
                        "credits must rise from tier to tier ({} after {})",
                        t.credit_pct, prev.credit_pct
                    ),
                    format!("allowed: more than {}", prev.credit_pct),
                );
            }
        }
        if let (Some(first), Some(u)) = (tiers.first(), sla.uptime_pct)
            && first.below_pct > u
        {
            c.err(
                tp.index(0).key("below_pct"),
                format!(
                    "the first threshold ({}) is above the uptime commitment ({u})",
                    first.below_pct
                ),
                format!("allowed: at most {u}"),
            );
        }
        if let (Some(first), Some(cap)) = (tiers.first(), sla.credit_cap_pct)
            && cap < first.credit_pct
        {
            c.err(
                p.key("credit_cap_pct"),
                format!(
                    "the cap ({cap}) is below the first tier's credit ({})",
                    first.credit_pct
                ),
                format!(
                    "allowed: at least {}, or null for uncapped",
                    first.credit_pct
                ),
            );
        }
    }
    if let Some(w) = sla.maintenance.as_ref().and_then(|m| m.window.as_ref())
        && let (Some(a), Some(b)) = (parse_hhmm(&w.start), parse_hhmm(&w.end))
        && a >= b
    {
        c.err(
            p.key("maintenance").key("window").key("end"),
            format!("ends ({}) before it starts ({})", w.end, w.start),
            "the end must be after the start",
        );
    }
    if let Some(cf) = &sla.chronic_failure
        && cf.breaches > cf.window_months
    {
        c.err(
            p.key("chronic_failure").key("breaches"),
            format!(
                "{} breaches cannot happen within {} months",
                cf.breaches, cf.window_months
            ),
            format!("allowed: at most {}", cf.window_months),
        );
    }
}

fn validate_support(c: &mut Check, p: &JsonPath, s: &Support) {
    if let Some(sev) = &s.severities {
        let sp = p.key("severities");
        let mut seen = BTreeMap::new();
        for (i, v) in sev.iter().enumerate() {
            if v.definition.is_none() {
                c.err(
                    sp.index(i).key("definition"),
                    format!(
                        "{:?} has no definition, and the playbook defines no such level",
                        v.level
                    ),
                    "give the level a `definition`",
                );
            }
            if let Some(first) = seen.insert(v.level, i) {
                c.err(
                    sp.index(i).key("level"),
                    format!("{:?} is already defined at severities[{first}]", v.level),
                    "each level once",
                );
            }
        }
        // Response times may not get faster as severity falls.
        let mut by_level: Vec<(Level, usize)> = seen.into_iter().collect();
        by_level.sort();
        for w in by_level.windows(2) {
            let (hi, hi_i) = w[0];
            let (lo, lo_i) = w[1];
            if sev[lo_i].response_minutes < sev[hi_i].response_minutes {
                c.err(
                    sp.index(lo_i).key("response_minutes"),
                    format!(
                        "{lo:?} would be answered faster ({} min) than {hi:?} ({} min)",
                        sev[lo_i].response_minutes, sev[hi_i].response_minutes
                    ),
                    format!(
                        "allowed: at least {} minutes (response times must not fall from P1 to P4)",
                        sev[hi_i].response_minutes
                    ),
                );
            }
        }
    }
    if s.included_in_fees == Some(true) && s.fee.is_some() {
        c.err(
            p.key("fee"),
            "is set although `included_in_fees` is true",
            "set `fee` to null, or `included_in_fees` to false",
        );
    }
    if s.coverage == Some(Coverage::BusinessHours) && s.business_hours.is_none() {
        c.err(p.key("business_hours"), "is required when `coverage` is \"business_hours\"", "e.g. {\"timezone\": \"America/Los_Angeles\", \"start\": \"09:00\", \"end\": \"17:00\"}");
    }
    if let Some(bh) = &s.business_hours {
        let bp = p.key("business_hours");
        c.timezone(bp.key("timezone"), &bh.timezone);
        // A time that is no `HH:MM` is the time rule's to report.
        if let (Some(a), Some(b)) = (parse_hhmm(&bh.start), parse_hhmm(&bh.end))
            && a >= b
        {
            c.err(
                bp.key("end"),
                format!("ends ({}) before it starts ({})", bh.end, bh.start),
                "the end must be after the start",
            );
        }
    }
}

/// The highest Service Credits one month can earn, and the cap, when the cap can never bind:
/// the top tier's credit, plus the first tier's for a missed latency month where the latency
/// clause takes its preferred position (as the cap clause computes it).
pub fn idle_credit_cap(deal: &DealFile) -> Option<(f64, f64)> {
    let sla = deal.sla.as_ref()?;
    let cap = sla.credit_cap_pct?;
    let tiers = sla.credit_tiers.as_ref()?;
    let mut most = tiers.last()?.credit_pct;
    if sla.latency.is_some() {
        let pos = deal
            .positions
            .as_ref()
            .and_then(|p| p.get("sla.latency").copied())
            .or(deal.deal.stance);
        if pos == Some(Stance::Preferred) {
            most += tiers[0].credit_pct;
        }
    }
    (cap >= most).then_some((cap, most))
}

/// Common languages, by their English names: a support language close to one of them but
/// not it is probably misspelt.
const LANGUAGES: &[&str] = &[
    "Arabic",
    "Bengali",
    "Bulgarian",
    "Cantonese",
    "Chinese",
    "Croatian",
    "Czech",
    "Danish",
    "Dutch",
    "English",
    "Estonian",
    "Finnish",
    "French",
    "German",
    "Greek",
    "Hebrew",
    "Hindi",
    "Hungarian",
    "Indonesian",
    "Irish",
    "Italian",
    "Japanese",
    "Korean",
    "Latvian",
    "Lithuanian",
    "Malay",
    "Mandarin",
    "Norwegian",
    "Polish",
    "Portuguese",
    "Romanian",
    "Russian",
    "Serbian",
    "Slovak",
    "Slovenian",
    "Spanish",
    "Swahili",
    "Swedish",
    "Tagalog",
    "Thai",
    "Turkish",
    "Ukrainian",
    "Urdu",
    "Vietnamese",
    "Welsh",
];

/// Values that render, but that no draft should carry: each a contradiction or an illusory
/// protection in the text (counsel's review of 2026-12-06). `dealdraft validate` and every
/// render report them as warnings.
pub fn warnings(deal: &DealFile) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    idle_reservation(deal, &mut out);
    let p = JsonPath::root().key("sla");
    if let Some(m) = deal.sla.as_ref().and_then(|s| s.model_error_fixes.as_ref())
        && m.severity > Level::P2
    {
        out.push(
            Diagnostic::warning(format!(
                "Model Errors are severe by definition (Annex A) but would be handled as {:?}, a level for issues without material impact",
                m.severity
            ))
            .at(p.key("model_error_fixes").key("severity"))
            .help("allowed: P1 or P2"),
        );
    }
    // Free text that looks like a misspelt common value: a hint, not an error (any language
    // may be named).
    if let Some(langs) = deal.support.as_ref().and_then(|s| s.languages.as_ref()) {
        for (i, l) in langs.iter().enumerate() {
            if LANGUAGES.iter().any(|k| k.eq_ignore_ascii_case(l)) {
                continue;
            }
            if let Some(m) = crate::diagnostics::did_you_mean(l, LANGUAGES.iter().copied()) {
                out.push(
                    Diagnostic::warning(format!("\"{l}\" is not a language name the drafts know"))
                        .at(JsonPath::root().key("support").key("languages").index(i))
                        .help(format!(
                            "did you mean \"{m}\"? (name each language in English)"
                        )),
                );
            }
        }
    }
    // blind11 customer-B 2, vendor-A 4, vendor-B 14: a scheduled price above the minimum
    // discount off the list price it states contradicts the floor of the fees clause.
    if let Some(com) = deal.commercial.as_ref()
        && let (Some(lines), Some(pct)) = (com.price_schedule.as_ref(), com.min_discount_pct)
    {
        for (i, l) in lines.iter().enumerate() {
            let Some(list) = l.list_price.as_ref() else {
                continue;
            };
            let floor = list.amount * (1.0 - pct / 100.0);
            if list.currency != l.price.currency || l.price.amount > floor + 1e-9 {
                out.push(
                    Diagnostic::warning(format!(
                        "\"{}\" is priced at {} {} against a list price of {} {}: above the list price less the minimum discount of {pct}%",
                        l.item, l.price.currency, l.price.amount, list.currency, list.amount
                    ))
                    .at(JsonPath::root()
                        .key("commercial")
                        .key("price_schedule")
                        .index(i)
                        .key("price"))
                    .help(format!(
                        "a price of at most {} {} (in the list price's currency), or a smaller `commercial.min_discount_pct`",
                        list.currency,
                        (floor * 100.0).floor() / 100.0
                    )),
                );
            }
        }
    }
    if let Some((cap, most)) = idle_credit_cap(deal) {
        out.push(
            Diagnostic::warning(format!(
                "the credit cap ({cap}%) can never bind: one month earns at most {most}%, so the cap only concedes the principle of a cap"
            ))
            .at(p.key("credit_cap_pct"))
            .help(format!("allowed: below {most}, or null for uncapped")),
        );
    }
    out
}

/// Each clause id and parameter name must be the library's, each value of its type.
fn validate_params(
    c: &mut Check,
    p: &JsonPath,
    params: &BTreeMap<String, BTreeMap<String, serde_json::Value>>,
    known: &Known,
) {
    for (id, values) in params {
        let cp = p.key(id);
        let Some(declared) = known.clause_params.get(id) else {
            let help = if known.clause_positions.contains_key(id) {
                "this clause declares no parameters (`dealdraft clauses --params` lists them)"
                    .to_string()
            } else {
                crate::diagnostics::did_you_mean(id, known.clause_params.keys().map(String::as_str))
                    .map(|m| {
                        format!("did you mean \"{m}\"? (`dealdraft clauses --params` lists them)")
                    })
                    .unwrap_or_else(|| "use a clause id from `dealdraft clauses --params`".into())
            };
            let message = if known.clause_positions.contains_key(id) {
                format!("clause \"{id}\" has no parameters")
            } else {
                format!("no clause has the id \"{id}\"")
            };
            c.err(cp, message, help);
            continue;
        };
        for (name, value) in values {
            let at = cp.key(name);
            match declared.get(name) {
                None => {
                    let names: Vec<&str> = declared.keys().map(String::as_str).collect();
                    let help = crate::diagnostics::did_you_mean(name, names.iter().copied())
                        .map(|m| format!("did you mean `{m}`?"))
                        .unwrap_or_else(|| format!("its parameters: {}", names.join(", ")));
                    c.err(
                        at,
                        format!("clause \"{id}\" has no parameter `{name}`"),
                        help,
                    );
                }
                // `null` = the default for the clause's position.
                Some(_) if value.is_null() => {}
                Some(decl) => {
                    if let Some(problem) = decl.kind.check(value) {
                        c.err(at, problem, decl.description.clone());
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("acme-bank-2027"));
        assert!(!is_slug("Acme"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("../x"));
        assert!(!is_slug(""));
    }

    #[test]
    fn times() {
        assert_eq!(parse_hhmm("09:30"), Some(570));
        assert_eq!(parse_hhmm("24:00"), None);
        assert_eq!(parse_hhmm("+9:30"), None, "u32 parsing alone reads \"+9\"");
    }
}
