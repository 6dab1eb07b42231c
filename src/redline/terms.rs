//! The changed-terms table of a redline against a deal: every field of the two resolved
//! deals compared, each difference in words ("P1 response: eight (8) hours → one (1)
//! hour"). The labels are data: `terms` in the library's `playbook.json`.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::deal::path::{Pattern, Step};
use crate::deal::schema::Node;
use crate::model::TermChange;
use crate::wording as words;

pub use crate::library::TermLabels;

/// The deal file's keys that are no terms of the deal: the schema pointer and note, and
/// where a deal read from the vendor's paper found each value.
const NOT_TERMS: &[&str] = &["$schema", "$comment", "provenance"];

/// One field's value in a resolved deal: its pattern (for the label) and key.
#[derive(Debug, Clone)]
struct Leaf {
    pattern: Pattern,
    key: Option<String>,
    value: Value,
    /// For a business unit's override: the unit's id (its label names the unit).
    unit: Option<String>,
}

/// Every field of a deal as (path → leaf), in document order.
fn leaves(v: &Value, labels: &TermLabels) -> Vec<(String, Leaf)> {
    let mut out = Vec::new();
    walk(v, "", &Pattern(Vec::new()), None, labels, &mut out);
    out
}

fn join(base: &str, k: &str) -> String {
    if base.is_empty() {
        k.to_string()
    } else {
        format!("{base}.{k}")
    }
}

fn walk(
    v: &Value,
    path: &str,
    pattern: &Pattern,
    key: Option<&str>,
    labels: &TermLabels,
    out: &mut Vec<(String, Leaf)>,
) {
    let leaf = |value: &Value, out: &mut Vec<(String, Leaf)>| {
        out.push((
            path.to_string(),
            Leaf {
                pattern: pattern.clone(),
                key: key.map(str::to_string),
                value: value.clone(),
                unit: None,
            },
        ))
    };
    // A business unit's overrides are terms of the deal for that unit: each is labelled as
    // the deal field it changes, naming the unit (not one row of raw JSON).
    let text = pattern.to_string();
    if text == "business_units[].overrides" && v.is_object() {
        for (p, mut l) in leaves(v, labels) {
            l.unit = key.map(str::to_string);
            out.push((format!("{path}.{p}"), l));
        }
        return;
    }
    // An object labelled whole is one term (an amount with its currency).
    let is_map = labels.maps.contains(&text);
    if v.is_object() && !is_map && labels.fields.contains_key(&text) {
        return leaf(v, out);
    }
    match v {
        Value::Object(o) if is_map => {
            for (k, v) in o {
                // In a map of maps (`params`: clause id → name → value) the key names both.
                let name = match key {
                    Some(outer) if pattern.ends_in_any() => format!("{outer}.{k}"),
                    _ => k.clone(),
                };
                walk(
                    v,
                    &format!("{path}.{k}"),
                    &pattern.then(Step::Any),
                    Some(&name),
                    labels,
                    out,
                );
            }
        }
        Value::Object(o) => {
            for (k, v) in o {
                if path.is_empty() && NOT_TERMS.contains(&k.as_str()) {
                    continue;
                }
                // The deal's id names the file, and its vendor profile the vendor's public
                // terms: neither is a term of the deal.
                if (path == "deal" && k == "id") || (path == "deal.vendor" && k == "profile") {
                    continue;
                }
                walk(v, &join(path, k), &pattern.key(k), key, labels, out);
            }
        }
        Value::Array(a) if a.iter().any(Value::is_object) => {
            let key_field = labels.keys.get(&text);
            for (i, v) in a.iter().enumerate() {
                let named = key_field.and_then(|f| Some((f, v.get(f)?.as_str()?)));
                // The label names an item by its key (or place, from 1); the path is in the
                // deal's path syntax: a selector (`[level=P1]`) or an index (from 0).
                let (k, step) = match named {
                    Some((f, k)) => (k.to_string(), format!("[{f}={k}]")),
                    None => ((i + 1).to_string(), format!("[{i}]")),
                };
                // The field that names the element is in every label already.
                let mut v = v.clone();
                if let (Some(f), Some(o)) = (key_field, v.as_object_mut()) {
                    o.shift_remove(f);
                }
                walk(
                    &v,
                    &format!("{path}{step}"),
                    &pattern.then(Step::Each),
                    Some(&k),
                    labels,
                    out,
                );
            }
        }
        _ => leaf(v, out),
    }
}

/// The label of a field pattern, `{key}` filled in; a readable path when the library has
/// none.
fn label(labels: &TermLabels, pattern: &Pattern, key: Option<&str>) -> String {
    let pattern = pattern.to_string();
    if pattern == "params.*.*"
        && let Some(l) = key.and_then(|k| labels.params.get(k))
    {
        return l.clone();
    }
    match labels.fields.get(&pattern) {
        Some(l) => l.replace("{key}", key.unwrap_or("")),
        None => pattern.replace("[]", &format!("[{}]", key.unwrap_or(""))),
    }
}

/// A value in words, by what its field measures (its name's unit).
fn words_for(labels: &TermLabels, pattern: &Pattern, v: Option<&Value>) -> String {
    let none = || {
        // The nearest field pattern with a word for "none".
        let mut p = Some(pattern.clone());
        while let Some(here) = p {
            if let Some(n) = labels.none.get(&here.to_string()) {
                return n.clone();
            }
            p = here.parent();
        }
        "none".into()
    };
    let Some(v) = v else { return none() };
    let field = pattern.last_field();
    let field = field.as_str();
    match v {
        Value::Null => none(),
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or_default();
            let whole = (x.fract() == 0.0 && x >= 0.0).then_some(x as u64);
            let unit = |one: &str, many: &str| match whole {
                Some(w) => words::count(w, one, many),
                None => format!("{} {many}", words::number_and_digits(x)),
            };
            if field.ends_with("_hours_per_month") {
                format!("{} a month", unit("hour", "hours"))
            } else if field.ends_with("_pct") {
                words::percent(x)
            } else if field.ends_with("_minutes") {
                whole.map_or_else(|| unit("minute", "minutes"), words::duration_minutes)
            } else if field.ends_with("_hours") || field == "hours_each" {
                words::hours(x)
            } else if field.ends_with("_business_days") {
                unit("business day", "business days")
            } else if field.ends_with("_days") || field == "days" {
                unit("day", "days")
            } else if field.ends_with("_months") {
                unit("month", "months")
            } else if field.ends_with("_seconds") {
                unit("second", "seconds")
            } else if field.ends_with("_ms") {
                unit("millisecond", "milliseconds")
            } else if field == "count" {
                words::number_and_digits(x)
            } else {
                words::decimal(x)
            }
        }
        // An enum value ("follow_the_sun") in words; text as it is.
        Value::String(s) if !s.contains(' ') && s.contains('_') => s.replace('_', " "),
        // A date in words ("31 March 2027").
        Value::String(s) if s.len() == 10 && s.parse::<jiff::civil::Date>().is_ok() => s
            .parse()
            .map(words::date_long)
            .unwrap_or_else(|_| s.clone()),
        Value::String(s) => s.clone(),
        Value::Array(a) if a.is_empty() => none(),
        Value::Array(a) => a
            .iter()
            .map(|x| words_for(labels, pattern, Some(x)))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(o) => match (o.get("amount").and_then(Value::as_f64), o.get("currency")) {
            (Some(a), Some(Value::String(c))) => words::money(a, c),
            _ => serde_json::to_string(v).unwrap_or_default(),
        },
    }
}

/// The terms that differ between the baseline's deal and ours, in our deal's order, then
/// the baseline's fields we no longer have.
pub fn changed_terms(theirs: &Value, ours: &Value, labels: &TermLabels) -> Vec<TermChange> {
    let (theirs, ours) = (without_dormant(theirs), without_dormant(ours));
    let (tl, ol) = (leaves(&theirs, labels), leaves(&ours, labels));
    let tmap: BTreeMap<&str, &Leaf> = tl.iter().map(|(p, l)| (p.as_str(), l)).collect();
    let omap: BTreeMap<&str, &Leaf> = ol.iter().map(|(p, l)| (p.as_str(), l)).collect();
    // A field one side has where the other has its whole parent as none: compare with none.
    let parent_none = |map: &BTreeMap<&str, &Leaf>, path: &str| {
        map.range(..path).any(|(p, l)| {
            l.value.is_null() && path.starts_with(p) && path[p.len()..].starts_with(['.', '['])
        })
    };
    let has_children = |map: &BTreeMap<&str, &Leaf>, path: &str| {
        map.keys()
            .any(|p| p.starts_with(path) && p[path.len()..].starts_with(['.', '[']))
    };
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (path, leaf) in ol.iter().chain(tl.iter()) {
        if !seen.insert(path.as_str()) {
            continue;
        }
        let (t, o) = (tmap.get(path.as_str()), omap.get(path.as_str()));
        // `null` against an object: its fields speak for it.
        if (t.is_none() && has_children(&tmap, path)) || (o.is_none() && has_children(&omap, path))
        {
            continue;
        }
        if t.is_none() && !parent_none(&tmap, path) && o.is_some_and(|l| l.value.is_null()) {
            continue;
        }
        let (tv, ov) = (t.map(|l| &l.value), o.map(|l| &l.value));
        if tv == ov || (tv.is_none_or(Value::is_null) && ov.is_none_or(Value::is_null)) {
            continue;
        }
        // A map's value is measured by its key's unit (`params.*.*`: `review_days`).
        let unit = match (&leaf.key, leaf.pattern.ends_in_any()) {
            (Some(k), true) => leaf.pattern.key(k.rsplit('.').next().unwrap_or(k)),
            _ => leaf.pattern.clone(),
        };
        let from = words_for(labels, &unit, tv);
        let to = words_for(labels, &unit, ov);
        if from == to {
            continue;
        }
        out.push(TermChange {
            path: path.clone(),
            label: match &leaf.unit {
                Some(u) => format!(
                    "Business unit {u}: {}",
                    label(labels, &leaf.pattern, leaf.key.as_deref())
                ),
                None => label(labels, &leaf.pattern, leaf.key.as_deref()),
            },
            from,
            to,
        });
    }
    out
}

/// A deal with the values that have no effect in it read as what they mean: a limit on
/// emergency maintenance where that exclusion is not listed limits nothing — emergency
/// maintenance is Downtime (the draft states no limit).
fn without_dormant(deal: &Value) -> Value {
    let mut d = deal.clone();
    if crate::deal::emergency_limit_is_dormant(deal)
        && let Some(sla) = d.get_mut("sla").and_then(Value::as_object_mut)
    {
        sla.insert(
            "emergency_maintenance".into(),
            serde_json::json!({"max_hours_per_month": "not excluded: it is Downtime"}),
        );
    }
    d
}

/// Every field pattern of the published deal schema (`sla.credit_tiers[].credit_pct`):
/// what the labels must cover.
pub fn schema_patterns(labels: &TermLabels) -> Vec<String> {
    let schema = crate::deal::schema::deal_schema();
    let mut out = Vec::new();
    schema_walk(
        Node::root(schema),
        &Pattern(Vec::new()),
        labels,
        &mut out,
        0,
    );
    out.sort();
    out.dedup();
    out
}

fn schema_walk(
    node: Node<'_>,
    pattern: &Pattern,
    labels: &TermLabels,
    out: &mut Vec<String>,
    depth: usize,
) {
    if depth > 24 {
        return;
    }
    let node = node.deref();
    if node.is_null() {
        return;
    }
    let branches = node.branches();
    let branched = !branches.is_empty();
    for b in branches {
        schema_walk(b, pattern, labels, out, depth + 1);
    }
    let text = pattern.to_string();
    if labels.fields.contains_key(&text) && node.fields().is_some() {
        // A field labelled whole (an amount with its currency).
        out.push(text);
        return;
    }
    if let Some(props) = node.fields() {
        if labels.maps.contains(&text) {
            out.push(pattern.then(Step::Any).to_string());
            return;
        }
        for k in props.keys() {
            if pattern.0.is_empty() && NOT_TERMS.contains(&k.as_str()) {
                continue;
            }
            if let Some(field) = node.field(k) {
                schema_walk(field, &pattern.key(k), labels, out, depth + 1);
            }
        }
    } else if let Some(items) = node.items() {
        let inner = items.deref();
        if inner.fields().is_some() {
            schema_walk(inner, &pattern.then(Step::Each), labels, out, depth + 1);
        } else if !branched {
            out.push(text);
        }
    } else if node.values().is_some() {
        // A map of maps (`params`) is labelled by its inner pattern.
        let inner = pattern.then(Step::Any);
        if labels.maps.contains(&inner.to_string()) {
            out.push(inner.then(Step::Any).to_string());
        } else {
            out.push(inner.to_string());
        }
    } else if !branched && !pattern.0.is_empty() {
        out.push(text);
    }
}
