//! The Tera environment: Markdown autoescaping of every printed value, the formatting
//! filters of [`crate::wording`], and the functions that mark cross-references (`ref`) and
//! definitions (`define`) for the assembler.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use tera::{Kwargs, State, Tera, Value};

use super::Playbook;
use crate::conventions::{DEF_DEST, REF_SCHEME, parse_blank_marker};
use crate::diagnostics::Diagnostic;
use crate::wording as words;

fn is_blank(v: &Value) -> bool {
    v.as_str().is_some_and(|s| parse_blank_marker(s).is_some())
}

struct RefFn(Arc<BTreeSet<String>>);

impl tera::Function<tera::TeraResult<Value>> for RefFn {
    fn call(&self, kwargs: Kwargs, _: &State) -> tera::TeraResult<Value> {
        let id: String = kwargs.must_get("id")?;
        if !self.0.contains(&id) {
            let hint = crate::diagnostics::did_you_mean(&id, self.0.iter().map(String::as_str))
                .map(|m| format!(" (did you mean \"{m}\"?)"))
                .unwrap_or_default();
            return Err(tera::Error::message(format!(
                "`ref` to an unknown clause or document \"{id}\"{hint}"
            )));
        }
        Ok(Value::safe_string(&format!("[]({REF_SCHEME}{id})")))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

struct DefineFn;

impl tera::Function<tera::TeraResult<Value>> for DefineFn {
    fn call(&self, kwargs: Kwargs, state: &State) -> tera::TeraResult<Value> {
        let term: String = kwargs.must_get("term")?;
        let escaped = state.escape(&term)?;
        Ok(Value::safe_string(&format!("[{escaped}]({DEF_DEST})")))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `blank(field="data.residency")`: the visible blank (`[●]`) for a position the deal leaves
/// open (or a row of a schedule the deal does not give), so that a starter draft shows the
/// gap instead of leaving the clause out; counted and refused by `--final` like every other
/// blank.
struct BlankFn;

impl tera::Function<tera::TeraResult<Value>> for BlankFn {
    fn call(&self, kwargs: Kwargs, _: &State) -> tera::TeraResult<Value> {
        let field: String = kwargs.must_get("field")?;
        Ok(Value::safe_string(&crate::conventions::blank_marker(
            &field,
        )))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

fn num(v: &Value, filter: &str) -> tera::TeraResult<f64> {
    v.as_f64()
        .ok_or_else(|| tera::Error::message(format!("`{filter}` needs a number, got {}", v.name())))
}

fn whole(v: &Value, filter: &str) -> tera::TeraResult<u64> {
    let x = num(v, filter)?;
    if x < 0.0 || x.fract() != 0.0 {
        return Err(tera::Error::message(format!(
            "`{filter}` needs a whole number, got {x}"
        )));
    }
    Ok(x as u64)
}

/// A list item as text: a string as it is, anything else as JSON.
fn text_of(x: &Value) -> String {
    x.as_str()
        .map(String::from)
        .unwrap_or_else(|| x.to_string())
}

/// Registers a filter that leaves blank markers alone.
fn filter<F>(tera: &mut Tera, name: &'static str, f: F)
where
    F: Fn(&Value, &Kwargs) -> tera::TeraResult<Value> + Send + Sync + 'static,
{
    tera.register_filter(
        name,
        move |v: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
            if is_blank(v) {
                Ok(v.clone())
            } else {
                f(v, &kwargs)
            }
        },
    );
}

/// Builds the Tera environment over all library sources.
pub fn build(
    sources: &BTreeMap<String, String>,
    ids: BTreeSet<String>,
    playbook: Option<&Playbook>,
) -> tera::TeraResult<Tera> {
    let mut tera = Tera::new();
    tera.set_escape_fn(crate::conventions::escape_value);
    tera.autoescape_on(vec![".md"]);

    filter(&mut tera, "words", |v, _| {
        Ok(words::number_and_digits(num(v, "words")?).into())
    });
    filter(&mut tera, "count", |v, k| {
        let one: String = k.must_get("one")?;
        let many: String = k.get("many")?.unwrap_or_else(|| format!("{one}s"));
        Ok(words::count(whole(v, "count")?, &one, &many).into())
    });
    filter(&mut tera, "minutes", |v, _| {
        Ok(words::duration_minutes(whole(v, "minutes")?).into())
    });
    filter(&mut tera, "hours", |v, _| {
        Ok(words::hours(num(v, "hours")?).into())
    });
    filter(&mut tera, "days", |v, _| {
        Ok(words::count(whole(v, "days")?, "day", "days").into())
    });
    filter(&mut tera, "months", |v, _| {
        Ok(words::count(whole(v, "months")?, "month", "months").into())
    });
    filter(&mut tera, "pct", |v, _| {
        Ok(words::percent(num(v, "pct")?).into())
    });
    filter(&mut tera, "num", |v, _| {
        Ok(words::decimal(num(v, "num")?).into())
    });
    filter(&mut tera, "money", |v, _| {
        let m = v
            .as_map()
            .ok_or_else(|| tera::Error::message("`money` needs {amount, currency}"))?;
        let amount = m
            .get(&"amount".into())
            .and_then(Value::as_f64)
            .ok_or_else(|| tera::Error::message("`money` needs an amount"))?;
        let currency = m
            .get(&"currency".into())
            .and_then(Value::as_str)
            .unwrap_or("");
        Ok(words::money(amount, currency).into())
    });
    filter(&mut tera, "date", |v, _| {
        let s = v
            .as_str()
            .ok_or_else(|| tera::Error::message("`date` needs a YYYY-MM-DD string"))?;
        let d = crate::dates::parse_date(s).ok_or_else(|| {
            tera::Error::message(format!("`date` needs a YYYY-MM-DD string, got \"{s}\""))
        })?;
        Ok(words::date_long(d).into())
    });
    filter(&mut tera, "weekdays", |v, k| {
        let every: bool = k.get("every")?.unwrap_or(false);
        let days: Vec<&str> = v
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        words::weekdays(&days, every)
            .map(Value::from)
            .ok_or_else(|| {
                tera::Error::message(format!(
                    "`weekdays` needs a list of day names (\"mon\" ... \"sun\"), got {v}"
                ))
            })
    });
    filter(&mut tera, "join_and", |v, k| {
        let conj: String = k.get("conj")?.unwrap_or_else(|| "and".into());
        let items: Vec<String> = v
            .as_array()
            .ok_or_else(|| {
                tera::Error::message(format!("`join_and` needs a list, got {}", v.name()))
            })?
            .iter()
            .map(text_of)
            .collect();
        Ok(words::join_and(&items, &conj).into())
    });
    let labels = Arc::new(playbook.map(|p| p.labels.clone()).unwrap_or_default());
    // Time zones by their labels, one zone named once: zones whose labels share a name
    // (`Central European Time (Europe/Berlin)`, `Central European Time (Europe/Madrid)`)
    // read as one, `Central European Time (Europe/Berlin and Europe/Madrid)`.
    let tz_map = Arc::clone(&labels);
    filter(&mut tera, "timezones", move |v, _| {
        let items = v.as_array().ok_or_else(|| {
            tera::Error::message(format!("`timezones` needs a list, got {}", v.name()))
        })?;
        let ids: Vec<String> = items.iter().map(text_of).collect();
        Ok(Value::from(words::group_timezones(&ids, |id| {
            tz_map.get("timezone").and_then(|m| m.get(id)).cloned()
        })))
    });
    let label_map = Arc::clone(&labels);
    filter(&mut tera, "label", move |v, k| {
        let kind: String = k.must_get("kind")?;
        // `missing="keep"`: a value with no label prints as it is (a time zone or region
        // the playbook does not name).
        let keep = k.get::<String>("missing")?.is_some_and(|m| m == "keep");
        let lookup = |key: &str| -> tera::TeraResult<String> {
            match label_map.get(&kind).and_then(|m| m.get(key)) {
                Some(l) => Ok(l.clone()),
                None if keep => Ok(key.to_string()),
                None => Err(tera::Error::message(format!(
                    "playbook.json has no label for {kind}.{key}"
                ))),
            }
        };
        if let Some(items) = v.as_array() {
            let out: tera::TeraResult<Vec<Value>> = items
                .iter()
                .map(|x| lookup(x.as_str().unwrap_or_default()).map(Value::from))
                .collect();
            Ok(Value::from(out?))
        } else {
            Ok(lookup(v.as_str().unwrap_or_default())?.into())
        }
    });
    // `safe` would splice a deal value into the Markdown unescaped: values stay data.
    tera.register_filter(
        "safe",
        |_: &Value, _: Kwargs, _: &State| -> tera::TeraResult<Value> {
            Err(tera::Error::message(
                "the `safe` filter is disabled: deal values are always printed literally",
            ))
        },
    );
    // Appended to every print of a deal field (see `mark_fields`): the value opens with
    // its field, which the assembler moves into the model.
    tera.register_filter(
        "field",
        |v: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
            if is_blank(v) || v.is_safe() || v.is_none() || v.is_undefined() {
                return Ok(v.clone());
            }
            let mut path: String = kwargs.must_get("path")?;
            // An item of a list: by its key (a severity level) or its place.
            if let Some(leaf) = kwargs.get::<String>("leaf")? {
                if let Some(key) = kwargs.get::<String>("key")? {
                    path = format!("{path}[level={key}].{leaf}");
                } else if let Some(i) = kwargs.get::<i64>("index")? {
                    path = format!("{path}[{i}].{leaf}");
                } else {
                    return Ok(v.clone());
                }
            }
            let text = match v.as_str() {
                Some(s) => s.to_string(),
                None => v.to_string(),
            };
            Ok(Value::from(format!(
                "{}{path}{}{text}",
                crate::conventions::FIELD_OPEN,
                crate::conventions::FIELD_CLOSE
            )))
        },
    );
    tera.register_function("ref", RefFn(Arc::new(ids)));
    tera.register_function("define", DefineFn);
    // A blank the deal leaves for a field with no value of its own to print (a row of a
    // schedule the deal does not give): `[●]`, counted and refused by `--final` like others.
    tera.register_function("blank", BlankFn);
    // `x is without_article`: a name that reads as a noun phrase only with "the" before it
    // ("Microsoft Customer Agreement dated ..."): not one that opens with an article or
    // determiner already, and not a blank.
    tera.register_test("without_article", |val: &str, _: Kwargs, _: &State| {
        let first = val.split_whitespace().next().unwrap_or("").to_lowercase();
        Ok(!val.starts_with(crate::conventions::BLANK_OPEN)
            && !val.is_empty()
            && ![
                "the", "a", "an", "this", "that", "its", "each", "their", "our",
            ]
            .contains(&first.as_str()))
    });
    tera.add_raw_templates(sources.iter())?;
    Ok(tera)
}

/// A Tera error as a diagnostic pointing at template, line and column.
pub fn template_error(e: &tera::Error) -> Diagnostic {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let report = e.to_string();
            let excerpt: Vec<&str> = report.lines().skip(2).collect();
            Diagnostic::error(format!("template error: {}", r.message()))
                .in_file(r.filename().trim_end_matches(" (when)"))
                .line_col(r.span().start_line, r.span().start_col + 1)
                .detail(excerpt.join("\n"))
        }
        _ => {
            let mut msg = e.to_string();
            let mut src = std::error::Error::source(e);
            while let Some(s) = src {
                msg.push_str(&format!(": {s}"));
                src = s.source();
            }
            Diagnostic::error(format!("template error: {msg}"))
        }
    }
}

/// A clause template with every print of a deal field marked with its field: `{{
/// sla.uptime_pct | pct }}` becomes `{{ sla.uptime_pct | pct | field(path="sla.uptime_pct")
/// }}`, a clause parameter `params.report_days` is `params.<clause>.report_days`, and a
/// name set from a field (`{% set cf = sla.chronic_failure %}`) stands for it. Prints of
/// anything else (loop items, computed values, expressions) are left as they are. Only
/// the insides of `{{ }}` change, never the lines, so line numbers in messages hold.
pub fn mark_fields(src: &str, clause: &str) -> String {
    let mut aliases: Vec<(String, String)> = Vec::new();
    // Loops over a list field: (item name, the list's field).
    let mut loops: Vec<(String, String)> = Vec::new();
    let mut out = String::with_capacity(src.len() + src.len() / 8);
    let mut rest = src;
    loop {
        let next_print = rest.find("{{");
        let next_stmt = rest.find("{%");
        match (next_print, next_stmt) {
            (Some(p), s) if s.is_none_or(|s| p < s) => {
                let Some(end) = rest[p..].find("}}").map(|e| p + e) else {
                    break;
                };
                out.push_str(&rest[..p + 2]);
                let inner = &rest[p + 2..end];
                out.push_str(&mark_print(inner, clause, &aliases, &loops));
                out.push_str("}}");
                rest = &rest[end + 2..];
            }
            (_, Some(s)) => {
                let Some(end) = rest[s..].find("%}").map(|e| s + e) else {
                    break;
                };
                let stmt = rest[s + 2..end].trim_matches(|c: char| c == '-' || c.is_whitespace());
                if let Some(l) = stmt.strip_prefix("for ")
                    && let Some((item, list)) = l.split_once(" in ")
                {
                    let (item, list) = (item.trim(), list.trim());
                    // A loop over anything else still opens one, so that endfor pairs up.
                    let path = field_of(list, clause, &aliases).unwrap_or_default();
                    loops.push((item.to_string(), path));
                } else if stmt == "endfor" {
                    loops.pop();
                } else if let Some(set) = stmt.strip_prefix("set ")
                    && let Some((name, value)) = set.split_once('=')
                {
                    let (name, value) = (name.trim(), value.trim());
                    aliases.retain(|(n, _)| n != name);
                    if let Some(path) = field_of(value, clause, &aliases)
                        && is_ident(name)
                    {
                        aliases.push((name.to_string(), path));
                    }
                }
                out.push_str(&rest[..end + 2]);
                rest = &rest[end + 2..];
            }
            _ => break,
        }
    }
    out.push_str(rest);
    out
}

fn is_ident(s: &str) -> bool {
    let mut c = s.chars();
    c.next()
        .is_some_and(|f| f.is_ascii_alphabetic() || f == '_')
        && c.all(|x| x.is_ascii_alphanumeric() || x == '_')
}

/// The deal field a plain dotted path names, if it names one.
fn field_of(expr: &str, clause: &str, aliases: &[(String, String)]) -> Option<String> {
    let parts: Vec<&str> = expr.split('.').collect();
    if parts.is_empty() || !parts.iter().all(|p| is_ident(p)) {
        return None;
    }
    let (root, tail) = (parts[0], &parts[1..]);
    // A field of the deal: under `deal` or one of its term sections.
    let base = if root == "deal" || crate::deal::model::SECTIONS.contains(&root) {
        root.to_string()
    } else if root == "params" && !tail.is_empty() {
        format!("params.{clause}")
    } else if let Some((_, p)) = aliases.iter().find(|(n, _)| n == root) {
        p.clone()
    } else {
        return None;
    };
    Some(
        std::iter::once(base.as_str())
            .chain(tail.iter().copied())
            .collect::<Vec<_>>()
            .join("."),
    )
}

/// The inside of a print, marked when it is a field through filters only: a deal field,
/// or a field of an item of a list field being looped over (a severity level by its
/// level, any other item by its place).
fn mark_print(
    inner: &str,
    clause: &str,
    aliases: &[(String, String)],
    loops: &[(String, String)],
) -> String {
    let lead = inner.len() - inner.trim_start_matches(['-', ' ', '\t']).len();
    let trail = inner.len() - inner.trim_end_matches(['-', ' ', '\t']).len();
    if lead + trail >= inner.len() {
        return inner.to_string();
    }
    let body = &inner[lead..inner.len() - trail];
    let (head, filters) = match body.find('|') {
        Some(i) => (body[..i].trim(), &body[i..]),
        None => (body, ""),
    };
    // An item of a list being looped over (the innermost loop of that name).
    let item = head.split_once('.').and_then(|(root, leaf)| {
        let (_, list) = loops.iter().rev().find(|(n, _)| n == root)?;
        (!list.is_empty() && leaf.split('.').all(is_ident)).then(|| {
            if list == "support.severities" {
                format!("path=\"{list}\", leaf=\"{leaf}\", key={root}.level")
            } else {
                format!("path=\"{list}\", leaf=\"{leaf}\", index=loop.index0")
            }
        })
    });
    let args = match item {
        Some(args) => args,
        None if loops
            .iter()
            .any(|(n, _)| head == n || head.starts_with(&format!("{n}."))) =>
        {
            return inner.to_string();
        }
        None => match field_of(head, clause, aliases) {
            Some(path) => format!("path=\"{path}\""),
            None => return inner.to_string(),
        },
    };
    // Filters only: no operator outside quotes and brackets ("a | f + 1" is not marked).
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for c in filters.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[') => depth += 1,
            (None, ')' | ']') => depth -= 1,
            (None, '+' | '-' | '*' | '/' | '~' | '<' | '>' | '=' | '!' | '%') if depth == 0 => {
                return inner.to_string();
            }
            _ => {}
        }
    }
    let words = filters.split_whitespace().collect::<Vec<_>>();
    if words
        .iter()
        .any(|w| matches!(*w, "and" | "or" | "if" | "else" | "not" | "in" | "is"))
    {
        return inner.to_string();
    }
    format!(
        "{}{body} | field({args}){}",
        &inner[..lead],
        &inner[inner.len() - trail..]
    )
}

#[cfg(test)]
mod field_tests {
    use super::mark_fields;

    #[test]
    fn prints_of_deal_fields_are_marked_with_their_field() {
        let src = "{%- set cf = sla.chronic_failure -%}\nat least {{ sla.uptime_pct | pct }} in {{ cf.window_months | words }} months, {{- params.report_days -}} days; {{ s.title }}, {{ ref(id=\"x\") }}, {{ sla.a + 1 }}";
        let out = mark_fields(src, "sla.reporting");
        assert_eq!(
            out,
            "{%- set cf = sla.chronic_failure -%}\nat least {{ sla.uptime_pct | pct | field(path=\"sla.uptime_pct\") }} in {{ cf.window_months | words | field(path=\"sla.chronic_failure.window_months\") }} months, {{- params.report_days | field(path=\"params.sla.reporting.report_days\") -}} days; {{ s.title }}, {{ ref(id=\"x\") }}, {{ sla.a + 1 }}"
        );
        // Lines stay where they were.
        assert_eq!(out.lines().count(), src.lines().count());
        // Items of a list field being looped over: a severity by its level, others by place.
        let src = "{% for s in support.severities %}{{ s.response_minutes | minutes }}{% endfor %}{% for t in sla.credit_tiers %}{{ t.credit_pct | pct }} {{ t }}{% endfor %}{{ s.level }}";
        assert_eq!(
            mark_fields(src, "x"),
            "{% for s in support.severities %}{{ s.response_minutes | minutes | field(path=\"support.severities\", leaf=\"response_minutes\", key=s.level) }}{% endfor %}{% for t in sla.credit_tiers %}{{ t.credit_pct | pct | field(path=\"sla.credit_tiers\", leaf=\"credit_pct\", index=loop.index0) }} {{ t }}{% endfor %}{{ s.level }}"
        );
    }
}
