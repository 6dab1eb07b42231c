//! The intake report: what the paper states (label in words, value, where, quote), what
//! it is silent on and what that means for the customer, and what was not understood —
//! as Markdown (`intake --format md`) or as short text for the terminal.

use std::fmt::Write as _;

use serde_json::Value;

use super::{Intake, area_names};
use crate::library::Library;
use crate::wording as words;

/// A field's label in words: the changed-terms label of the playbook where it has one,
/// else its description in `labels.field`, else the path.
pub fn label(library: &Library, field: &str) -> String {
    let pb = library.playbook();
    if let Some(l) = pb.terms.fields.get(field) {
        return l.replace("{key} ", "").replace("{key}", "");
    }
    if let Some(l) = pb.labels.get("field").and_then(|m| m.get(field)) {
        let mut c = l.chars();
        return match c.next() {
            Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
            None => field.to_string(),
        };
    }
    field.to_string()
}

fn num(v: &Value) -> String {
    v.as_f64()
        .map(words::decimal)
        .unwrap_or_else(|| v.to_string())
}

/// A value of a field in words: `99.9%`, `60 minutes`, a credit table as its rows.
pub fn describe(field: &str, v: &Value) -> String {
    let leaf = field.rsplit('.').next().unwrap_or(field);
    match v {
        Value::Null => "none".into(),
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::String(s) => s.replace('_', " "),
        Value::Number(_) => {
            let n = num(v);
            if leaf.ends_with("_pct") {
                format!("{n}%")
            } else if leaf.contains("minutes") {
                format!("{n} minutes")
            } else if leaf.contains("hours") {
                format!("{n} hours")
            } else if leaf.contains("days") || leaf == "days" {
                format!("{n} days")
            } else if leaf.contains("months") {
                format!("{n} months")
            } else {
                n
            }
        }
        Value::Array(items) if field == "sla.credit_tiers" => items
            .iter()
            .map(|t| {
                format!(
                    "below {}%: {}%",
                    num(&t["below_pct"]),
                    num(&t["credit_pct"])
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        Value::Array(items) if field == "support.severities" => items
            .iter()
            .map(|s| {
                let mut out = format!(
                    "{} {}",
                    s["level"].as_str().unwrap_or("?"),
                    words::duration_minutes(s["response_minutes"].as_u64().unwrap_or(0))
                );
                if let Some(u) = s.get("update_minutes").and_then(Value::as_u64) {
                    let _ = write!(out, " (updates every {})", words::duration_minutes(u));
                }
                out
            })
            .collect::<Vec<_>>()
            .join("; "),
        Value::Array(items) if items.is_empty() => "none".into(),
        Value::Array(items) => items
            .iter()
            .map(|x| describe(field, x))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(o) if o.contains_key("amount") && o.contains_key("currency") => format!(
            "{} {}",
            o["currency"].as_str().unwrap_or(""),
            num(&o["amount"])
        ),
        Value::Object(o) => o
            .iter()
            .filter(|(_, x)| !x.is_null())
            .map(|(k, x)| {
                format!(
                    "{} {}",
                    k.replace('_', " "),
                    describe(&format!("{field}.{k}"), x)
                )
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// Text from the paper as Markdown: the characters that could open emphasis, a link, code,
/// HTML or a table cell escaped, line breaks as spaces (the text always follows other text
/// in its line, so it cannot start a block).
fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '&' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The report as Markdown.
pub fn markdown(intake: &Intake, library: &Library) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# The vendor's paper read as terms: {}\n",
        cell(&intake.file)
    );
    let _ = writeln!(
        s,
        "{} {} found, {} left out, {} silent, {} {} not understood.",
        intake.found.len(),
        if intake.found.len() == 1 {
            "term"
        } else {
            "terms"
        },
        intake.dropped.len(),
        intake.silent.len(),
        intake.unread.len(),
        if intake.unread.len() == 1 {
            "sentence"
        } else {
            "sentences"
        },
    );
    let p = &intake.parties;
    if p.vendor.is_some() || p.customer.is_some() {
        let _ = writeln!(
            s,
            "The paper calls the vendor {} and the customer {}.",
            p.vendor
                .as_deref()
                .map_or("(not found)".into(), |v| format!("\"{}\"", cell(v))),
            p.customer
                .as_deref()
                .map_or("(not found)".into(), |v| format!("\"{}\"", cell(v))),
        );
    }
    if intake.areas.is_empty() {
        let _ = writeln!(s, "It states no term the deal format holds.");
    } else {
        let _ = writeln!(s, "It addresses {}.", area_names(&intake.areas));
    }
    if !intake.not_covered.is_empty() {
        let _ = writeln!(
            s,
            "It does not address {}: those terms are not checked.",
            area_names(&intake.not_covered)
        );
    }
    if !intake.found.is_empty() {
        let _ = writeln!(s, "\n## Terms found\n");
        let _ = writeln!(s, "| Term | Value | Where | The paper says |");
        let _ = writeln!(s, "|---|---|---|---|");
        for f in &intake.found {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                cell(&label(library, &f.field)),
                cell(&describe(&f.field, &f.value)),
                cell(&f.place.to_string()),
                cell(&f.quote)
            );
        }
    }
    if !intake.dropped.is_empty() {
        let _ = writeln!(s, "\n## Read, but not in the deal\n");
        for d in &intake.dropped {
            let _ = writeln!(
                s,
                "- **{}**: {} ({}, \"{}\"): {}",
                cell(&label(library, &d.found.field)),
                cell(&describe(&d.found.field, &d.found.value)),
                cell(&d.found.place.to_string()),
                cell(&d.found.quote),
                cell(&d.why)
            );
        }
    }
    if !intake.silent.is_empty() {
        let _ = writeln!(s, "\n## What the paper is silent on\n");
        let _ = writeln!(
            s,
            "| Term | The deal holds | What the silence means for the customer |"
        );
        let _ = writeln!(s, "|---|---|---|");
        for x in &intake.silent {
            let _ = writeln!(
                s,
                "| {} | {} | {} |",
                cell(&label(library, &x.field)),
                cell(&describe(&x.field, &x.value)),
                cell(&x.means)
            );
        }
    }
    if !intake.unread.is_empty() {
        let _ = writeln!(s, "\n## Not understood\n");
        let _ = writeln!(
            s,
            "These read like commitments, or state a number, but no term of the deal format was read from them: read them yourself.\n"
        );
        for u in &intake.unread {
            let note = if u.note.is_empty() {
                String::new()
            } else {
                format!(" ({})", cell(&u.note))
            };
            let _ = writeln!(
                s,
                "- {}: \"{}\"{note}",
                cell(&u.place.to_string()),
                cell(&u.text)
            );
        }
    }
    s
}

/// A few lines for the terminal (stderr) when the deal goes to a file.
pub fn summary(intake: &Intake) -> String {
    let mut s = format!(
        "{}: {} terms found, {} left out, {} silent, {} not understood",
        intake.file,
        intake.found.len(),
        intake.dropped.len(),
        intake.silent.len(),
        intake.unread.len()
    );
    for d in &intake.dropped {
        let _ = write!(
            s,
            "\n  left out: {} at {}: {}",
            d.found.field, d.found.place, d.why
        );
    }
    for u in &intake.unread {
        let _ = write!(s, "\n  not understood: {}: \"{}\"", u.place, u.text);
    }
    if !intake.not_covered.is_empty() {
        let _ = write!(
            s,
            "\n  not covered (not checked): {}",
            area_names(&intake.not_covered)
        );
    }
    s
}
