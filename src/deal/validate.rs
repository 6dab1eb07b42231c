//! Semantic rules of `deal-format.md`, checked on a deal with its defaults merged in. Every
//! problem is collected with the path of the field and what is allowed.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use super::model::*;
use crate::dates::parse_date;
use crate::diagnostics::{Diagnostic, JsonPath};

/// What validation needs to know beyond the deal: the clause library's ids and positions.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// Clause id → positions it offers.
    pub clause_positions: BTreeMap<String, Vec<Stance>>,
}

struct Check {
    out: Vec<Diagnostic>,
}

impl Check {
    fn err(&mut self, path: JsonPath, message: impl Into<String>, help: impl Into<String>) {
        self.out
            .push(Diagnostic::error(message).at(path).help(help));
    }

    fn text(&mut self, path: JsonPath, s: &str) {
        if s.trim().is_empty() {
            self.err(
                path,
                "must not be empty",
                "write the text, or remove the field",
            );
        } else if let Some(c) = s.chars().find(|c| is_forbidden_char(*c)) {
            self.err(
                path,
                format!("contains the control character U+{:04X}", c as u32),
                "use plain text: no control or private-use characters",
            );
        }
    }

    fn texts(&mut self, path: JsonPath, items: &[String]) {
        for (i, s) in items.iter().enumerate() {
            self.text(path.index(i), s);
        }
    }

    fn positive(&mut self, path: JsonPath, v: u32, unit: &str) {
        if v == 0 {
            self.err(
                path,
                format!("must be more than 0 {unit}"),
                format!("a whole number of {unit}, at least 1"),
            );
        }
    }

    fn positive_f(&mut self, path: JsonPath, v: f64, unit: &str) {
        if !v.is_finite() || v <= 0.0 {
            self.err(
                path,
                format!("must be more than 0 {unit}, got {v}"),
                format!("a positive number of {unit}"),
            );
        }
    }

    fn pct(&mut self, path: JsonPath, v: f64, lo_open: bool) {
        let ok = v.is_finite() && v <= 100.0 && if lo_open { v > 0.0 } else { v >= 0.0 };
        if !ok {
            let allowed = if lo_open {
                "more than 0 and at most 100"
            } else {
                "0 to 100"
            };
            self.err(
                path,
                format!("{v} is not a valid percentage"),
                format!("allowed: {allowed}"),
            );
        }
    }

    fn date(&mut self, path: JsonPath, s: &str) -> Option<Date> {
        match parse_date(s) {
            Some(d) => Some(d),
            None => {
                self.err(
                    path,
                    format!("\"{s}\" is not a real date"),
                    "use YYYY-MM-DD, e.g. 2027-01-31",
                );
                None
            }
        }
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
pub fn validate(deal: &DealFile, known: &Known) -> Vec<Diagnostic> {
    let mut c = Check { out: Vec::new() };
    let root = JsonPath::root();
    let d = &deal.deal;
    let dp = root.key("deal");

    if !is_slug(&d.id) {
        c.err(
            dp.key("id"),
            format!("\"{}\" is not a slug", d.id),
            "lowercase letters, digits and single hyphens, e.g. \"acme-chatgpt-2027\"",
        );
    }
    if let Some(t) = &d.title {
        c.text(dp.key("title"), t);
    }
    let effective = d
        .effective_date
        .as_deref()
        .and_then(|s| c.date(dp.key("effective_date"), s));
    if let Some(m) = d.term_months {
        c.positive(dp.key("term_months"), m, "months");
    }
    if let Some(cu) = &d.customer {
        let p = dp.key("customer");
        for (k, v) in [
            ("legal_name", &cu.legal_name),
            ("short_name", &cu.short_name),
            ("industry", &cu.industry),
        ] {
            if let Some(v) = v {
                c.text(p.key(k), v);
            }
        }
        if let Some(r) = &cu.regions {
            c.texts(p.key("regions"), r);
        }
        for (i, tz) in cu.timezones.iter().flatten().enumerate() {
            c.timezone(p.key("timezones").index(i), tz);
        }
    }
    if let Some(v) = &d.vendor {
        let p = dp.key("vendor");
        for (k, s) in [
            ("legal_name", &v.legal_name),
            ("short_name", &v.short_name),
            ("cloud_provider", &v.cloud_provider),
        ] {
            if let Some(s) = s {
                c.text(p.key(k), s);
            }
        }
    }
    if let Some(s) = &d.services {
        c.texts(dp.key("services"), s);
        if s.is_empty() {
            c.err(
                dp.key("services"),
                "lists no service",
                "name at least one service, e.g. [\"ChatGPT Enterprise\"]",
            );
        }
    }
    if let Some(a) = &d.agreement_ref {
        c.text(dp.key("agreement_ref"), a);
    }
    if let Some(m) = &d.annual_commitment {
        let p = dp.key("annual_commitment");
        if !m.amount.is_finite() || m.amount < 0.0 {
            c.err(
                p.key("amount"),
                format!("{} is not a valid amount", m.amount),
                "a non-negative number",
            );
        }
        if iso_currency::Currency::from_code(&m.currency).is_none() {
            c.err(
                p.key("currency"),
                format!("\"{}\" is not an ISO 4217 currency code", m.currency),
                "three capital letters, e.g. \"USD\", \"EUR\", \"GBP\"",
            );
        }
    }
    let term_end = term_end(d);
    let term_days = match (effective, term_end) {
        (Some(s), Some(e)) => Some((e - s).get_days() + 1),
        _ => d
            .term_months
            .map(|m| (f64::from(m) * 365.25 / 12.0).floor() as i32),
    };

    if let Some(sla) = &deal.sla {
        validate_sla(&mut c, &root.key("sla"), sla);
    }
    if let Some(s) = &deal.support {
        validate_support(&mut c, &root.key("support"), s);
    }
    if let Some(t) = &deal.training {
        let p = root.key("training");
        for (i, s) in t.sessions.iter().flatten().enumerate() {
            let sp = p.key("sessions").index(i);
            c.text(sp.key("title"), &s.title);
            c.text(sp.key("audience"), &s.audience);
            if s.count == 0 {
                c.err(
                    sp.key("count"),
                    "must be at least 1",
                    "the number of sessions, at least 1",
                );
            }
            c.positive_f(sp.key("hours_each"), s.hours_each, "hours");
            if let Some(r) = &s.regions {
                c.texts(sp.key("regions"), r);
            }
            if let Some(t) = &s.topics {
                c.texts(sp.key("topics"), t);
            }
            let dup = sp.key("due");
            match (&s.due.within_days, &s.due.by) {
                (Some(_), Some(_)) | (None, None) => c.err(
                    dup.clone(),
                    "must give exactly one of `within_days` and `by`",
                    "e.g. {\"within_days\": 60} or {\"by\": \"2027-03-31\"}",
                ),
                (Some(days), None) => {
                    c.positive(dup.key("within_days"), *days, "days");
                    if let Some(td) = term_days
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
                    if let Some(date) = c.date(dup.key("by"), by)
                        && let (Some(s), Some(e)) = (effective, term_end)
                        && (date < s || date > e)
                    {
                        c.err(
                            dup.key("by"),
                            format!("{by} is outside the term ({s} to {e})"),
                            "training must be due inside the term",
                        );
                    }
                }
            }
        }
    }
    if let Some(data) = &deal.data {
        let p = root.key("data");
        for (k, v) in [
            ("retention_days", data.retention_days),
            ("subprocessor_notice_days", data.subprocessor_notice_days),
            (
                "deletion_after_termination_days",
                data.deletion_after_termination_days,
            ),
        ] {
            if let Some(v) = v {
                c.positive(p.key(k), v, "days");
            }
        }
        if let Some(h) = data.breach_notice_hours {
            c.positive(p.key("breach_notice_hours"), h, "hours");
        }
        if let Some(r) = &data.residency {
            c.texts(p.key("residency"), r);
        }
        if let Some(po) = &data.portability {
            let pp = p.key("portability");
            c.positive(pp.key("within_days"), po.within_days, "days");
            if po.formats.is_empty() {
                c.err(
                    pp.key("formats"),
                    "lists no format",
                    "name at least one export format, e.g. [\"JSON\"]",
                );
            }
            c.texts(pp.key("formats"), &po.formats);
        }
        if data.zero_data_retention == Some(true) && data.retention_days.is_some() {
            c.err(
                p.key("retention_days"),
                "is set although `zero_data_retention` is true",
                "set `retention_days` to null, or `zero_data_retention` to false",
            );
        }
    }
    if let Some(x) = &deal.exit {
        let p = root.key("exit");
        if let Some(pilot) = &x.pilot {
            c.positive(p.key("pilot").key("days"), pilot.days, "days");
            let pilot_end_ok = match (effective, term_end) {
                (Some(s), Some(e)) => s
                    .checked_add(jiff::Span::new().days(i64::from(pilot.days)))
                    .is_ok_and(|end| end <= e),
                _ => term_days.is_none_or(|td| i64::from(pilot.days) < i64::from(td)),
            };
            if !pilot_end_ok {
                c.err(
                    p.key("pilot").key("days"),
                    format!("a {}-day pilot is not shorter than the term", pilot.days),
                    "the pilot must end before the term does",
                );
            }
        }
        if let Some(t) = &x.transition_assistance {
            c.positive(p.key("transition_assistance").key("days"), t.days, "days");
        }
        if let Some(t) = x.termination_for_convenience_days {
            c.positive(p.key("termination_for_convenience_days"), t, "days");
        }
    }
    if let Some(cm) = &deal.commercial {
        let p = root.key("commercial");
        if let Some(r) = &cm.rate_limits {
            for (k, v) in [
                ("requests_per_minute", r.requests_per_minute),
                ("tokens_per_minute", r.tokens_per_minute),
            ] {
                if v == Some(0) {
                    c.err(
                        p.key("rate_limits").key(k),
                        "must be more than 0",
                        "a positive whole number, or null if not limited",
                    );
                }
            }
        }
        if let Some(m) = cm.price_protection_months {
            c.positive(p.key("price_protection_months"), m, "months");
        }
        if let Some(v) = cm.max_annual_increase_pct {
            c.pct(p.key("max_annual_increase_pct"), v, false);
        }
    }
    if let Some(o) = &deal.onboarding
        && let Some(k) = o.kickoff_within_days
    {
        c.positive(root.key("onboarding").key("kickoff_within_days"), k, "days");
    }
    if let Some(g) = &deal.governance {
        let p = root.key("governance").key("escalation");
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
            c.text(p.index(i).key("customer_role"), &e.customer_role);
            c.text(p.index(i).key("vendor_role"), &e.vendor_role);
        }
    }
    if let Some(pos) = &deal.positions {
        for (id, stance) in pos {
            let p = root.key("positions").key(id);
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
    if let Some(units) = &deal.business_units {
        let mut seen = BTreeSet::new();
        for (i, u) in units.iter().enumerate() {
            let p = root.key("business_units").index(i);
            if !is_slug(&u.id) {
                c.err(
                    p.key("id"),
                    format!("\"{}\" is not a slug", u.id),
                    "lowercase letters, digits and single hyphens",
                );
            } else if !seen.insert(u.id.as_str()) {
                c.err(
                    p.key("id"),
                    format!("\"{}\" is used by an earlier business unit", u.id),
                    "business unit ids must be unique",
                );
            }
            c.text(p.key("name"), &u.name);
            if let Some(o) = &u.overrides
                && !o.is_object()
            {
                c.err(
                    p.key("overrides"),
                    "must be an object (a JSON Merge Patch of the deal)",
                    "e.g. {\"support\": {\"languages\": [\"German\"]}}",
                );
            }
        }
    }
    c.out
}

fn validate_sla(c: &mut Check, p: &JsonPath, sla: &Sla) {
    if let Some(u) = sla.uptime_pct
        && !(u > 90.0 && u < 100.0)
    {
        c.err(
            p.key("uptime_pct"),
            format!("{u} is out of range"),
            "allowed: strictly between 90 and 100, e.g. 99.9",
        );
    }
    if let Some(tiers) = &sla.credit_tiers {
        let tp = p.key("credit_tiers");
        if tiers.is_empty() {
            c.err(
                tp.clone(),
                "lists no tier",
                "give at least one tier, or set `credit_tiers` to null for no credits",
            );
        }
        for (i, t) in tiers.iter().enumerate() {
            c.pct(tp.index(i).key("below_pct"), t.below_pct, true);
            c.pct(tp.index(i).key("credit_pct"), t.credit_pct, true);
            if i > 0 {
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
    if let Some(cap) = sla.credit_cap_pct {
        c.pct(p.key("credit_cap_pct"), cap, true);
    }
    if let Some(u) = sla.uncapped_below_pct {
        c.pct(p.key("uncapped_below_pct"), u, true);
    }
    if let Some(d) = sla.claim_window_days {
        c.positive(p.key("claim_window_days"), d, "days");
    }
    if let Some(l) = &sla.latency {
        c.pct(p.key("latency").key("percentile"), l.percentile, true);
        c.positive(
            p.key("latency").key("threshold_ms"),
            l.threshold_ms,
            "milliseconds",
        );
    }
    if let Some(m) = &sla.maintenance {
        c.positive(
            p.key("maintenance").key("max_hours_per_month"),
            m.max_hours_per_month,
            "hours",
        );
        c.positive(
            p.key("maintenance").key("notice_days"),
            m.notice_days,
            "days",
        );
    }
    if let Some(ex) = &sla.exclusions {
        let mut seen = BTreeSet::new();
        for (i, e) in ex.iter().enumerate() {
            if !seen.insert(*e) {
                c.err(
                    p.key("exclusions").index(i),
                    "is listed twice",
                    "list each exclusion once",
                );
            }
        }
    }
    if let Some(cf) = &sla.chronic_failure {
        let cp = p.key("chronic_failure");
        c.positive(cp.key("breaches"), cf.breaches, "breaches");
        c.positive(cp.key("window_months"), cf.window_months, "months");
        if cf.breaches > cf.window_months {
            c.err(
                cp.key("breaches"),
                format!(
                    "{} breaches cannot happen within {} months",
                    cf.breaches, cf.window_months
                ),
                format!("allowed: at most {}", cf.window_months),
            );
        }
    }
    for (k, v, unit) in [
        (
            "incident_notice_minutes",
            sla.incident_notice_minutes,
            "minutes",
        ),
        ("rca_days", sla.rca_days, "days"),
    ] {
        if let Some(v) = v {
            c.positive(p.key(k), v, unit);
        }
    }
    if let Some(m) = &sla.model_error_fixes {
        c.positive(
            p.key("model_error_fixes").key("workaround_days"),
            m.workaround_days,
            "days",
        );
    }
}

fn validate_support(c: &mut Check, p: &JsonPath, s: &Support) {
    if let Some(sev) = &s.severities {
        let sp = p.key("severities");
        let mut seen = BTreeMap::new();
        for (i, v) in sev.iter().enumerate() {
            if let Some(first) = seen.insert(v.level, i) {
                c.err(
                    sp.index(i).key("level"),
                    format!("{:?} is already defined at severities[{first}]", v.level),
                    "each level once",
                );
            }
            c.text(sp.index(i).key("definition"), &v.definition);
            c.positive(
                sp.index(i).key("response_minutes"),
                v.response_minutes,
                "minutes",
            );
            if let Some(u) = v.update_minutes {
                c.positive(sp.index(i).key("update_minutes"), u, "minutes");
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
    if s.coverage == Some(Coverage::BusinessHours) && s.business_hours.is_none() {
        c.err(p.key("business_hours"), "is required when `coverage` is \"business_hours\"", "e.g. {\"timezone\": \"America/Los_Angeles\", \"start\": \"09:00\", \"end\": \"17:00\"}");
    }
    if let Some(bh) = &s.business_hours {
        let bp = p.key("business_hours");
        c.timezone(bp.key("timezone"), &bh.timezone);
        let start = parse_hhmm(&bh.start);
        let end = parse_hhmm(&bh.end);
        if start.is_none() {
            c.err(
                bp.key("start"),
                format!("\"{}\" is not a time", bh.start),
                "use HH:MM, 24-hour, e.g. \"09:00\"",
            );
        }
        if end.is_none() {
            c.err(
                bp.key("end"),
                format!("\"{}\" is not a time", bh.end),
                "use HH:MM, 24-hour, e.g. \"17:00\"",
            );
        }
        if let (Some(a), Some(b)) = (start, end)
            && a >= b
        {
            c.err(
                bp.key("end"),
                format!("ends ({}) before it starts ({})", bh.end, bh.start),
                "the end must be after the start",
            );
        }
    }
    if let Some(l) = &s.languages {
        c.texts(p.key("languages"), l);
    }
}

/// Minutes after midnight of an `HH:MM` time.
pub fn parse_hhmm(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
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
    }
}
