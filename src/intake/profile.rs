//! `intake PAPER --profile ID`: a vendor's published terms read from its paper (its public
//! SLA or data terms), written as a vendor profile (`vendors/ID.toml`) whose every value
//! names the sentence it was read from — to check, complete and keep in the library.

use jiff::civil::Date;
use serde_json::Value;
use toml::{Table, Value as Toml};

use super::Intake;
use crate::library::Library;
use crate::library::vendors::{FLOOR_FIELDS, OFFERED_FIELDS};

/// The profile as TOML text: the terms of `intake` that a profile can hold (a floor, or an
/// option the vendor offers), each with the paper's sentence as its source. `today` is the
/// profile's `as_of`.
pub fn profile_toml(intake: &Intake, library: &Library, id: &str, today: Date) -> String {
    let vendor = intake
        .parties
        .vendor_legal_name
        .clone()
        .or_else(|| {
            intake
                .deal
                .pointer("/deal/vendor/legal_name")
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .or_else(|| intake.parties.vendor.clone())
        .unwrap_or_else(|| id.to_string());
    let title = intake
        .sections
        .iter()
        .find_map(|s| s.heading.clone())
        .unwrap_or_else(|| intake.file.clone());
    let labels = &library.playbook().terms.fields;
    let mut terms: Vec<Toml> = Vec::new();
    let mut push = |field: &str, value: Value, quote: &str, place: &super::Place, offered: bool| {
        let Ok(value) = Toml::try_from(&value) else {
            return;
        };
        // The field's label: its own, or its list's with the item's key (`P1 response`).
        let (pattern, key) = match field.split_once("[level=") {
            Some((head, rest)) => match rest.split_once(']') {
                Some((k, tail)) => (format!("{head}[]{tail}"), k.to_string()),
                None => (field.to_string(), String::new()),
            },
            None => (field.to_string(), String::new()),
        };
        let label = labels
            .get(&pattern)
            .map(|l| l.replace("{key}", &key))
            .or_else(|| {
                let d = crate::deal::schema::describe_field(&crate::diagnostics::JsonPath::parse(
                    field,
                ));
                (!d.starts_with("see "))
                    .then(|| d.split(['.', ':']).next().unwrap_or_default().to_string())
            })
            .unwrap_or_else(|| field.to_string());
        let mut source = Table::new();
        source.insert("title".into(), Toml::String(title.clone()));
        source.insert("file".into(), Toml::String(intake.file.clone()));
        source.insert("quote".into(), Toml::String(quote.trim().to_string()));
        match (place.line, place.paragraph) {
            (Some(l), _) => {
                source.insert("line".into(), Toml::Integer(l as i64));
            }
            (None, Some(p)) => {
                source.insert("paragraph".into(), Toml::Integer(p as i64));
            }
            _ => {}
        }
        let mut t = Table::new();
        t.insert("field".into(), Toml::String(field.to_string()));
        if offered {
            t.insert("offered".into(), Toml::Boolean(true));
        }
        t.insert("value".into(), value);
        t.insert(
            "says".into(),
            Toml::String(format!("{label}, as the paper states it.")),
        );
        t.insert("source".into(), Toml::Table(source));
        terms.push(Toml::Table(t));
    };
    for f in &intake.found {
        let floor = FLOOR_FIELDS.iter().any(|(name, _)| *name == f.field);
        let offered = OFFERED_FIELDS.contains(&f.field.as_str())
            && (f.value == Value::Bool(true) || f.value.is_array());
        if floor || offered {
            push(&f.field, f.value.clone(), &f.quote, &f.place, offered);
        }
    }
    // Response times of the severity levels a floor can hold, where each is written.
    for pl in &intake.placed {
        if !FLOOR_FIELDS.iter().any(|(name, _)| *name == pl.field) {
            continue;
        }
        let Some(f) = intake.found.iter().find(|f| f.para == pl.para) else {
            continue;
        };
        let value = if pl.value.fract() == 0.0 {
            Value::from(pl.value as i64)
        } else {
            Value::from(pl.value)
        };
        push(&pl.field, value, &f.quote, &f.place, false);
    }
    let mut doc = Table::new();
    doc.insert("id".into(), Toml::String(id.to_string()));
    doc.insert("vendor".into(), Toml::String(vendor));
    doc.insert("services".into(), Toml::Array(Vec::new()));
    doc.insert("as_of".into(), Toml::String(today.to_string()));
    doc.insert("term".into(), Toml::Array(terms));
    let body = toml::to_string_pretty(&doc).expect("a profile serialises");
    format!(
        "# A vendor profile read from {} by `dealdraft intake --profile` on {today}: each term's\n\
         # source quotes the sentence it was read from. Check every value against the vendor's\n\
         # published page, replace each source's `file` with its `url` (https) and `title`, add the\n\
         # services, and keep the file as vendors/{id}.toml (with --library). Not legal advice.\n\n{body}",
        intake.file
    )
}
