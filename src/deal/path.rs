//! One path language over a deal: a [`Pattern`] such as `sla.credit_tiers[].credit_pct`
//! (every tier), `support.severities[level=P1].response_minutes` (the tier whose `level` is
//! `P1`), `params.*.*` (every key of a map) or `sla.credit_tiers[0]`. A concrete path (keys
//! and indices only) is a [`JsonPath`], which prints in the same syntax.

use std::fmt;

use serde_json::Value;

use crate::deal::node::Node;
use crate::diagnostics::{JsonPath, Seg};

/// A path pattern into a deal (see the module's documentation).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Pattern(pub Vec<Step>);

/// One step of a [`Pattern`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    /// An object key: `sla`.
    Key(String),
    /// One element of a list: `[0]`.
    Index(usize),
    /// Every element of a list: `[]`.
    Each,
    /// The first element of a list whose field equals a value: `[level=P1]`.
    Select(String, String),
    /// Every value of a map: `*`.
    Any,
}

impl Pattern {
    /// Parses a pattern: keys (letters, digits, `_`) separated by `.`, each followed by any
    /// number of `[]`, `[0]` or `[field=value]`; `*` for every key of a map.
    pub fn parse(text: &str) -> Result<Pattern, String> {
        parse(text, true)
    }

    /// Parses a path that leads to at most one value: keys, indices and selectors, no `[]`
    /// or `*` (the messages say why such a step is refused).
    pub fn parse_single(text: &str) -> Result<Pattern, String> {
        parse(text, false)
    }

    /// The steps.
    pub fn steps(&self) -> &[Step] {
        &self.0
    }

    /// Calls `f` with every value the pattern reaches below `value`, and its concrete path,
    /// in document order. A selector picks the first element that matches.
    pub fn each_value<'v>(&self, value: &'v Value, f: &mut impl FnMut(JsonPath, &'v Value)) {
        each_value(value, &self.0, JsonPath::root(), f);
    }
}

impl Pattern {
    /// Checks the path against the deal's JSON Schema: every key a field, selectors and
    /// indices on lists only.
    pub fn check_schema(&self, schema: &Value) -> Result<(), String> {
        let mut node = Node::root(schema);
        let mut walked = String::new();
        for step in self.steps() {
            match step {
                Step::Key(k) => {
                    let object = node.object();
                    match object.as_ref().and_then(|o| o.field(k)) {
                        Some(p) => node = p,
                        None => {
                            let names: Vec<&str> = object
                                .as_ref()
                                .and_then(Node::fields)
                                .map(|p| p.keys().map(String::as_str).collect())
                                .unwrap_or_default();
                            let hint = crate::diagnostics::did_you_mean(k, names.iter().copied())
                                .map(|m| format!(" (did you mean \"{m}\"?)"))
                                .unwrap_or_default();
                            let at = if walked.is_empty() {
                                "the deal".to_string()
                            } else {
                                format!("`{walked}`")
                            };
                            return Err(format!("{at} has no field \"{k}\"{hint}"));
                        }
                    }
                    if !walked.is_empty() {
                        walked.push('.');
                    }
                    walked.push_str(k);
                }
                Step::Index(_) | Step::Select(..) | Step::Each => match node.list_items() {
                    Some(items) => {
                        if let Step::Select(f, _) = step
                            && items
                                .object()
                                .is_none_or(|o| o.fields().is_none_or(|p| !p.contains_key(f)))
                        {
                            return Err(format!("the items of `{walked}` have no field \"{f}\""));
                        }
                        node = items;
                        walked.push_str("[]");
                    }
                    None => return Err(format!("`{walked}` is not a list")),
                },
                Step::Any => return Err(format!("`{walked}.*`: `*` names no field")),
            }
        }
        Ok(())
    }

    /// This pattern with a key appended.
    pub fn key(&self, key: &str) -> Pattern {
        self.then(Step::Key(key.to_string()))
    }

    /// This pattern with a step appended.
    pub fn then(&self, step: Step) -> Pattern {
        let mut p = self.clone();
        p.0.push(step);
        p
    }

    /// Whether the last step is `*` (a map's values).
    pub fn ends_in_any(&self) -> bool {
        matches!(self.0.last(), Some(Step::Any))
    }

    /// Where the last key (or `*`) starts.
    fn last_key(&self) -> Option<usize> {
        self.0
            .iter()
            .rposition(|s| matches!(s, Step::Key(_) | Step::Any))
    }

    /// The pattern of the field this one's last key lies in (`a.b[].c` → `a.b[]`, `a.b[]`
    /// → `a`); `None` at the top.
    pub fn parent(&self) -> Option<Pattern> {
        let i = self.last_key().filter(|i| *i > 0)?;
        Some(Pattern(self.0[..i].to_vec()))
    }

    /// The last field as written, with its brackets (`c`, `b[]`, `*`).
    pub fn last_field(&self) -> String {
        let i = self.last_key().unwrap_or(0);
        Pattern(self.0[i..].to_vec()).to_string()
    }

    /// The value a single-value path (keys, indices, selectors) reaches, for writing; `None`
    /// when the deal has no such value, or for `[]` and `*`.
    pub fn get_mut<'v>(&self, mut value: &'v mut Value) -> Option<&'v mut Value> {
        for step in &self.0 {
            value = match step {
                Step::Key(k) => value.get_mut(k)?,
                Step::Index(i) => value.get_mut(*i)?,
                Step::Select(field, want) => value
                    .as_array_mut()?
                    .iter_mut()
                    .find(|x| x.get(field).is_some_and(|v| scalar_text(v) == *want))?,
                Step::Each | Step::Any => return None,
            };
        }
        Some(value)
    }
}

fn parse(text: &str, wild: bool) -> Result<Pattern, String> {
    if text.trim().is_empty() {
        return Err("the path is empty".into());
    }
    let mut steps = Vec::new();
    for part in text.split('.') {
        if wild && part == "*" {
            steps.push(Step::Any);
            continue;
        }
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err(format!("\"{part}\" is not a field name"));
        }
        steps.push(Step::Key(key.to_string()));
        while let Some(r) = rest.strip_prefix('[') {
            let close = r
                .find(']')
                .ok_or_else(|| format!("\"{part}\" has an unclosed ["))?;
            let inner = &r[..close];
            if let Ok(i) = inner.parse::<usize>() {
                steps.push(Step::Index(i));
            } else if let Some((f, v)) = inner.split_once('=') {
                steps.push(Step::Select(f.trim().to_string(), v.trim().to_string()));
            } else if wild && inner.is_empty() {
                steps.push(Step::Each);
            } else {
                return Err(format!(
                    "\"[{inner}]\" is neither an index nor a selector like [level=P1]"
                ));
            }
            rest = &r[close + 1..];
        }
        if !rest.is_empty() {
            return Err(format!("unexpected \"{rest}\" in \"{part}\""));
        }
    }
    Ok(Pattern(steps))
}

fn each_value<'v>(
    value: &'v Value,
    steps: &[Step],
    here: JsonPath,
    f: &mut impl FnMut(JsonPath, &'v Value),
) {
    let Some((step, rest)) = steps.split_first() else {
        return f(here, value);
    };
    match step {
        Step::Key(k) => {
            if let Some(v) = value.get(k) {
                each_value(v, rest, here.key(k), f);
            }
        }
        Step::Index(i) => {
            if let Some(v) = value.get(*i) {
                each_value(v, rest, here.index(*i), f);
            }
        }
        Step::Each => {
            for (i, v) in value.as_array().into_iter().flatten().enumerate() {
                each_value(v, rest, here.index(i), f);
            }
        }
        Step::Select(field, want) => {
            let found = value.as_array().and_then(|a| {
                a.iter()
                    .position(|x| x.get(field).is_some_and(|v| scalar_text(v) == *want))
            });
            if let Some(i) = found {
                each_value(&value[i], rest, here.index(i), f);
            }
        }
        Step::Any => {
            for (k, v) in value.as_object().into_iter().flatten() {
                each_value(v, rest, here.key(k), f);
            }
        }
    }
}

/// Sets `value` at `path` in a JSON object, creating objects on the way.
pub fn set_value(root: &mut Value, path: &JsonPath, value: Value) {
    let mut node = root;
    for (i, seg) in path.0.iter().enumerate() {
        let Seg::Key(k) = seg else { return };
        let Some(obj) = node.as_object_mut() else {
            return;
        };
        if i + 1 == path.0.len() {
            obj.insert(k.clone(), value);
            return;
        }
        node = obj
            .entry(k.clone())
            .or_insert_with(|| Value::Object(serde_json::Map::new()));
    }
}

/// A scalar as text (strings without quotes), as a selector compares it.
pub fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

impl From<&JsonPath> for Pattern {
    fn from(path: &JsonPath) -> Pattern {
        Pattern(
            path.0
                .iter()
                .map(|s| match s {
                    Seg::Key(k) => Step::Key(k.clone()),
                    Seg::Index(i) => Step::Index(*i),
                })
                .collect(),
        )
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            let dot = if i == 0 { "" } else { "." };
            match step {
                Step::Key(k) => write!(f, "{dot}{k}")?,
                Step::Any => write!(f, "{dot}*")?,
                Step::Index(n) => write!(f, "[{n}]")?,
                Step::Each => f.write_str("[]")?,
                Step::Select(k, v) => write!(f, "[{k}={v}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_form_parses_and_prints_back() {
        for text in [
            "sla.uptime_pct",
            "sla.credit_tiers[].credit_pct",
            "support.severities[level=P1].response_minutes",
            "sla.credit_tiers[0]",
            "params.*.*",
            "business_units[].overrides",
        ] {
            let p = Pattern::parse(text).unwrap();
            assert_eq!(p.to_string(), text);
        }
        assert_eq!(
            Pattern::parse("support.severities[level=P1]").unwrap().0,
            vec![
                Step::Key("support".into()),
                Step::Key("severities".into()),
                Step::Select("level".into(), "P1".into())
            ]
        );
        // A concrete path prints the same as a pattern.
        let p = JsonPath::parse("sla.credit_tiers[1].credit_pct");
        assert_eq!(Pattern::from(&p).to_string(), p.to_string());
    }

    #[test]
    fn a_single_value_path_refuses_wildcards_and_every_pattern_refuses_bad_steps() {
        assert_eq!(
            Pattern::parse_single("a[].b").unwrap_err(),
            "\"[]\" is neither an index nor a selector like [level=P1]"
        );
        assert_eq!(
            Pattern::parse_single("params.*").unwrap_err(),
            "\"*\" is not a field name"
        );
        assert_eq!(Pattern::parse(" ").unwrap_err(), "the path is empty");
        assert_eq!(
            Pattern::parse("a.b-c").unwrap_err(),
            "\"b-c\" is not a field name"
        );
        assert_eq!(
            Pattern::parse("a[1").unwrap_err(),
            "\"a[1\" has an unclosed ["
        );
        assert_eq!(
            Pattern::parse("a[1]x").unwrap_err(),
            "unexpected \"x\" in \"a[1]x\""
        );
    }

    #[test]
    fn each_value_reaches_every_match_with_its_concrete_path() {
        let deal = json!({"s": {"t": [{"l": "P1", "m": 5}, {"l": "P2", "m": 7}]},
                          "params": {"a": {"x": 1}, "b": {"y": 2}}});
        let at = |text: &str| {
            let mut out = Vec::new();
            Pattern::parse(text)
                .unwrap()
                .each_value(&deal, &mut |p, v| out.push(format!("{p}={v}")));
            out
        };
        assert_eq!(at("s.t[].m"), ["s.t[0].m=5", "s.t[1].m=7"]);
        assert_eq!(at("s.t[l=P2].m"), ["s.t[1].m=7"]);
        assert_eq!(at("s.t[1].l"), ["s.t[1].l=\"P2\""]);
        assert_eq!(at("params.*.*"), ["params.a.x=1", "params.b.y=2"]);
        assert!(at("s.nope[]").is_empty());
        let mut deal = deal;
        let p1 = Pattern::parse_single("s.t[l=P2].m").unwrap();
        *p1.get_mut(&mut deal).unwrap() = json!(9);
        assert_eq!(deal["s"]["t"][1]["m"], 9);
        let first = Pattern::parse_single("s.t[0].l").unwrap();
        assert_eq!(first.get_mut(&mut deal).unwrap(), "P1");
        assert!(
            Pattern::parse_single("s.t[l=P3].m")
                .unwrap()
                .get_mut(&mut deal)
                .is_none()
        );
        assert!(
            Pattern::parse("s.t[].m")
                .unwrap()
                .get_mut(&mut deal)
                .is_none()
        );
    }

    #[test]
    fn parents_and_last_fields_are_taken_at_keys() {
        let p = Pattern::parse("support.severities[].response_minutes").unwrap();
        assert_eq!(p.last_field(), "response_minutes");
        let up = p.parent().unwrap();
        assert_eq!(up.to_string(), "support.severities[]");
        assert_eq!(up.last_field(), "severities[]");
        assert_eq!(up.parent().unwrap().to_string(), "support");
        assert!(up.parent().unwrap().parent().is_none());
        let params = Pattern::parse("params.*").unwrap().then(Step::Any);
        assert!(params.ends_in_any());
        assert_eq!(
            params.key("review_days").to_string(),
            "params.*.*.review_days"
        );
        assert_eq!(params.parent().unwrap().to_string(), "params.*");
    }

    /// Every string under `path` or `requires` in a rules file (a check rule's
    /// path, its prerequisites, its conditions and operands).
    fn rule_paths(v: &toml::Value, key: Option<&str>, out: &mut Vec<String>) {
        match v {
            toml::Value::String(s) if matches!(key, Some("path" | "requires")) => {
                out.push(s.clone())
            }
            toml::Value::Array(a) => a.iter().for_each(|x| rule_paths(x, key, out)),
            toml::Value::Table(t) => t.iter().for_each(|(k, x)| rule_paths(x, Some(k), out)),
            _ => {}
        }
    }

    /// The paths the rules files use (the built-in check rules, the single-field rules, the
    /// changed-terms labels) parse and print back as written.
    #[test]
    fn the_paths_the_rules_files_use_print_back_as_written() {
        let lib = concat!(env!("CARGO_MANIFEST_DIR"), "/clause-library");
        let mut paths = Vec::new();
        for e in std::fs::read_dir(format!("{lib}/rules")).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            let table: toml::Table = toml::from_str(&text).unwrap();
            rule_paths(&toml::Value::Table(table), None, &mut paths);
        }
        let selectors = paths.iter().filter(|p| p.contains('=')).count();
        assert!(selectors > 0 && paths.len() > 50, "{paths:?}");
        for p in &paths {
            assert_eq!(Pattern::parse_single(p).unwrap().to_string(), *p);
        }
        let mut patterns: Vec<String> = crate::deal::rules::RULES
            .iter()
            .map(|(p, _)| p.to_string())
            .chain(
                crate::deal::rules::VALIDATE_ONLY
                    .iter()
                    .map(|(p, _)| p.to_string()),
            )
            .collect();
        let playbook: Value =
            serde_json::from_str(&std::fs::read_to_string(format!("{lib}/playbook.json")).unwrap())
                .unwrap();
        let terms = &playbook["terms"];
        for k in ["fields", "keys", "none"] {
            patterns.extend(terms[k].as_object().unwrap().keys().cloned());
        }
        patterns.extend(
            terms["maps"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m.as_str().unwrap().into()),
        );
        for p in &patterns {
            assert_eq!(Pattern::parse(p).map(|x| x.to_string()).as_ref(), Ok(p));
        }
    }
}
