//! The Tera context every template sees: the deal's sections (with blanks for missing
//! identity fields) and values derived from them (dates, downtime, resolved topics).

use serde_json::{Map, Value, json};

use crate::conventions::blank_marker;
use crate::dates::parse_date;
use crate::deal::model::BusinessUnit;
use crate::deal::validate::term_end;
use crate::library::Library;
use crate::resolve::Resolved;
use crate::wording as words;

/// Identity fields have no playbook default: when missing they render as blanks.
const IDENTITY_FIELDS: [&str; 8] = [
    "title",
    "effective_date",
    "term_months",
    "agreement_ref",
    "annual_commitment",
    "services",
    "customer.legal_name",
    "vendor.legal_name",
];

/// Identity fields for which an explicit `null` means "none", not "to be filled in".
const NO_BLANK_WHEN_NULL: [&str; 1] = ["annual_commitment"];

/// A part of the deal as JSON.
fn json<T: serde::Serialize>(part: &T) -> Value {
    serde_json::to_value(part).expect("a deal serialises")
}

/// Builds the context shared by all templates of a deal.
///
/// Top-level names: `deal`, `sla`, `support`, `training`, `data`, `exit`, `commercial`,
/// `onboarding`, `governance` (the deal's sections; `null` where the deal says none),
/// `derived` (computed values), `unit` (the business unit or null), `stance`.
pub fn base_context(deal: &Resolved, library: &Library) -> tera::Context {
    let d = &deal.deal;
    let mut info = json(&d.deal);
    for party in ["customer", "vendor"] {
        if info.get(party).is_none_or(Value::is_null) {
            info[party] = Value::Object(Map::new());
        }
    }
    for field in IDENTITY_FIELDS {
        let ptr = format!("/{}", field.replace('.', "/"));
        // `"annual_commitment": null` says "no commitment": it stays null, never a blank
        // that would read as a commitment still to be filled in (blind15 customer-A 5).
        let none = NO_BLANK_WHEN_NULL.contains(&field)
            && deal
                .raw
                .pointer(&format!("/deal{ptr}"))
                .is_some_and(Value::is_null);
        if !none && info.pointer(&ptr).is_none_or(Value::is_null) {
            set_pointer(
                &mut info,
                &ptr,
                Value::String(blank_marker(&format!("deal.{field}"))),
            );
        }
    }
    for party in ["customer", "vendor"] {
        if info[party].get("short_name").is_none_or(Value::is_null) {
            info[party]["short_name"] = info[party]["legal_name"].clone();
        }
    }

    let mut ctx = tera::Context::new();
    ctx.insert("deal", &info);
    // Section by section: the deal's business units (all of them, in a deal's own
    // documents) are not the templates' to read.
    ctx.insert("sla", &json(&d.sla));
    ctx.insert("support", &json(&d.support));
    ctx.insert("training", &json(&d.training));
    ctx.insert("data", &json(&d.data));
    ctx.insert("exit", &json(&d.exit));
    ctx.insert("commercial", &json(&d.commercial));
    ctx.insert("onboarding", &json(&d.onboarding));
    ctx.insert("governance", &json(&d.governance));
    ctx.insert("stance", deal.stance.as_str());
    // Every clause's position, so that a clause can agree with another clause's position.
    let positions: Map<String, Value> = library
        .clauses()
        .map(|c| {
            let id = c.meta.id.clone();
            let p = deal.position(&id).as_str();
            (id, Value::from(p))
        })
        .collect();
    ctx.insert("positions", &positions);
    // Every clause's parameters by clause id, so that one clause can agree with another's.
    ctx.insert(
        "all_params",
        deal.deal.params.as_ref().unwrap_or(&Default::default()),
    );
    ctx.insert("params", &Map::new());
    ctx.insert(
        "unit",
        &deal.unit.as_ref().map(|u| unit_info(deal, u, library)),
    );
    ctx.insert("derived", &derived(deal, library));
    ctx
}

/// What a unit's SOW says about itself: the unit, the master SOW it calls off, and the terms
/// its overrides change (each field path with its words from `playbook.json` `labels.field`).
fn unit_info(deal: &Resolved, unit: &BusinessUnit, library: &Library) -> Value {
    let master = deal.raw.get("deal").cloned().unwrap_or(Value::Null);
    let text = |k: &str| master.get(k).and_then(Value::as_str).map(String::from);
    let mut paths = Vec::new();
    if let Some(o) = &unit.overrides {
        leaf_paths(o, String::new(), &mut paths);
    }
    let labels = library.playbook().labels.get("field");
    // What the master SOW holds at a path: its deal file's value, else the playbook's default
    // for its stance. An override that sets what the master already holds changes nothing,
    // and the call-off must not say it does (blind read: "changes the tailoring of training
    // content" with the master's own text).
    let stance = deal
        .deal
        .deal
        .stance
        .unwrap_or(crate::deal::Stance::Preferred);
    let defaults = library.playbook().defaults.get(&stance);
    let at = |v: Option<&Value>, path: &str| -> Option<Value> {
        let mut found = None;
        crate::deal::path::Pattern::parse_single(path)
            .ok()?
            .each_value(v?, &mut |_, x| found = Some(x.clone()));
        found
    };
    let unit_json = serde_json::to_value(&deal.deal).unwrap_or(Value::Null);
    let changes_nothing = |path: &str| -> bool {
        if path.starts_with("positions.") || path.starts_with("params.") {
            return false;
        }
        let master_value = at(Some(&deal.raw), path).or_else(|| at(defaults, path));
        master_value.is_some() && master_value == at(Some(&unit_json), path)
    };
    // A reservation of rate limits is a change only as far as it binds (validate warns of the
    // rest, and no clause states it).
    let reserved = crate::deal::validate::binding_reservation(&deal.deal);
    let idle = |path: &str| -> bool {
        path.strip_prefix("commercial.reserved_rate_limits")
            .is_some_and(|rest| match (&reserved, rest) {
                (None, _) => true,
                (Some(r), ".requests_per_minute") => r.requests_per_minute.is_none(),
                (Some(r), ".tokens_per_minute") => r.tokens_per_minute.is_none(),
                _ => false,
            })
    };
    let mut changes: Vec<Value> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for path in paths.iter().filter(|p| !changes_nothing(p) && !idle(p)) {
        // The label of the longest prefix of the path that has one.
        let mut key = path.as_str();
        let label = loop {
            if let Some(l) = labels.and_then(|m| m.get(key)) {
                break Some(l.clone());
            }
            match key.rfind('.') {
                Some(i) => key = &key[..i],
                None => break None,
            }
        };
        // A position override changes one clause: name it by its heading.
        let clause_title = path
            .strip_prefix("positions.")
            .and_then(|id| library.clause(id))
            .or_else(|| {
                // `params.<clause id>.<name>`: the clause id is all but the last segment.
                let rest = path.strip_prefix("params.")?;
                library.clause(rest.rsplit_once('.')?.0)
            })
            .map(|c| format!("the terms headed \"{}\"", c.meta.title));
        let label = clause_title
            .or(label)
            .unwrap_or_else(|| path.replace(['.', '_'], " "));
        if seen.insert(label.clone()) {
            changes.push(json!({"path": path, "label": label}));
        }
    }
    let own_commitment = paths
        .iter()
        .any(|p| p.starts_with("deal.annual_commitment"));
    json!({
        "id": unit.id,
        "name": unit.name,
        "changes": changes,
        "own_commitment": own_commitment,
        "reserved_rate_limits": reserved,
        "master": {
            "id": text("id"),
            "title": text("title"),
            "effective_date": text("effective_date").filter(|d| parse_date(d).is_some()),
        },
    })
}

/// The dotted paths of the values a JSON Merge Patch sets (a list or `null` is one value).
fn leaf_paths(v: &Value, here: String, out: &mut Vec<String>) {
    match v.as_object() {
        Some(obj) if !obj.is_empty() => {
            for (k, sub) in obj {
                let p = if here.is_empty() {
                    k.clone()
                } else {
                    format!("{here}.{k}")
                };
                leaf_paths(sub, p, out);
            }
        }
        _ if !here.is_empty() => out.push(here),
        _ => {}
    }
}

fn set_pointer(v: &mut Value, ptr: &str, new: Value) {
    let mut cur = v;
    let segs: Vec<&str> = ptr.split('/').skip(1).collect();
    for (i, s) in segs.iter().enumerate() {
        if i + 1 == segs.len() {
            cur[*s] = new;
            return;
        }
        if cur.get(*s).is_none_or(|x| !x.is_object()) {
            cur[*s] = Value::Object(Map::new());
        }
        cur = &mut cur[*s];
    }
}

fn derived(deal: &Resolved, library: &Library) -> Value {
    let d = &deal.deal;
    let start = d.deal.effective_date.as_deref().and_then(parse_date);
    let date_or_blank = |date: Option<jiff::civil::Date>| -> Value {
        match date {
            Some(x) => Value::String(x.to_string()),
            None => Value::String(blank_marker("deal.effective_date")),
        }
    };
    let add_days =
        |days: u32| start.and_then(|s| s.checked_add(jiff::Span::new().days(i64::from(days))).ok());

    let downtime = d.sla.as_ref().and_then(|s| s.uptime_pct).map(|u| {
        json!({
            "month_30_minutes": words::allowed_downtime_minutes(u, 30.0),
            "month_average_minutes": words::allowed_downtime_minutes(u, 365.25 / 12.0),
        })
    });

    let topics = &library.playbook().training_topics;
    let sessions: Vec<Value> = d
        .training
        .as_ref()
        .and_then(|t| t.sessions.as_ref())
        .map(|ss| {
            ss.iter()
                .map(|s| {
                    let mut v = serde_json::to_value(s).expect("a session serialises");
                    let due = match (&s.due.by, s.due.within_days) {
                        (Some(by), _) => Value::String(by.clone()),
                        (None, Some(days)) => date_or_blank(add_days(days)),
                        (None, None) => Value::Null,
                    };
                    v["due_date"] = due;
                    let kind = serde_json::to_value(s.kind)
                        .ok()
                        .and_then(|k| k.as_str().map(String::from))
                        .unwrap_or_default();
                    v["topics"] = json!(
                        s.topics
                            .clone()
                            .or_else(|| topics.get(&kind).cloned())
                            .unwrap_or_default()
                    );
                    v["total_hours"] = json!(f64::from(s.count) * s.hours_each);
                    v
                })
                .collect()
        })
        .unwrap_or_default();
    // The schedule runs in due-date order (a stable sort: equal dates keep the deal's order;
    // a blank date, which starts with no digit, goes after the real ones).
    let mut sessions = sessions;
    // Without an effective date (blank due dates), the days after it still give the order.
    sessions.sort_by_key(|s| {
        let d = s["due_date"].as_str().unwrap_or_default();
        let dated = d.starts_with(|c: char| c.is_ascii_digit());
        let days = s["due"]["within_days"].as_u64().unwrap_or(u64::MAX);
        (
            !dated,
            if dated { d.to_string() } else { String::new() },
            days,
        )
    });
    let total_hours: f64 = sessions
        .iter()
        .filter_map(|s| s["total_hours"].as_f64())
        .sum();

    let pilot_end = d
        .exit
        .as_ref()
        .and_then(|x| x.pilot.as_ref())
        .map(|p| date_or_blank(add_days(p.days)));
    let term_end = d.deal.term_months.map(|_| date_or_blank(term_end(&d.deal)));
    let kickoff = d
        .onboarding
        .as_ref()
        .and_then(|o| o.kickoff_within_days)
        .map(|k| date_or_blank(add_days(k)));

    json!({
        "downtime": downtime,
        "sessions": sessions,
        "training_hours": total_hours,
        "pilot_end": pilot_end,
        "term_end": term_end,
        "kickoff_by": kickoff,
    })
}
