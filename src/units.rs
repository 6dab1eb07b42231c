//! Business units from a spreadsheet export (`batch --units UNITS.csv`).
//!
//! A column `id`, a column `name`, and any other column headed by a deal field path in the
//! deal's one path syntax ([`Pattern`]): `sla.uptime_pct`, `deal.customer.legal_name`,
//! `support.languages`, or a field of one list item by selector or index
//! (`support.severities[level=P1].response_minutes`, `sla.credit_tiers[0].credit_pct`). Each cell is typed
//! by the deal's JSON Schema — number, integer, `true`/`false`, text (or one of an enum's
//! values), or a `;`-separated list of text — and becomes part of the unit's `overrides`
//! (a JSON Merge Patch), exactly as if the unit had been written in the deal file. An
//! empty cell leaves the deal's value; `null` sets the field to none where the schema
//! allows it. A bad cell is reported at `UNITS.csv:row:column` with what is allowed, and
//! fails that unit only. A cell in a list item changes that item of the deal's list (the
//! deal's own or the playbook's, for the deal's stance): the unit's overrides carry the
//! whole list with the item changed, so [`CsvUnit::bind`] builds them for each deal.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::deal::model::BusinessUnit;
use crate::deal::path::{Pattern, Step};
use crate::deal::schema::{Node, deal_schema, describe_field};
use crate::diagnostics::{Diagnostic, Diagnostics, JsonPath, Seg};

/// One row of the spreadsheet.
#[derive(Debug, Clone)]
pub struct CsvUnit {
    /// The unit, its overrides built from the row's cells.
    pub unit: BusinessUnit,
    /// The row's line in the file (the header is line 1).
    pub line: usize,
    /// The field columns: (field path, 1-based column). A column into a list item has its
    /// concrete path once the row is bound to a deal ([`CsvUnit::bind`]); before, the
    /// path of its list.
    pub columns: Vec<(JsonPath, usize)>,
    /// Cells that set a field of one list item: (path, 1-based column, value), applied to
    /// a deal's list by [`CsvUnit::bind`].
    pub item_cells: Vec<(Pattern, usize, Value)>,
    /// Bad cells of this row; a row with problems is not rendered.
    pub problems: Diagnostics,
    /// The spreadsheet, for messages.
    pub file: PathBuf,
}

impl CsvUnit {
    /// This row for one deal: its cells in list items applied to the deal's lists (`deal`:
    /// the resolved deal, playbook defaults included, as JSON), each changed list carried
    /// whole in the overrides, and every column at its concrete path. A selector that
    /// matches no item of the deal's list is an error of this unit, at its cell.
    pub fn bind(&self, deal: &Value) -> Result<CsvUnit, Diagnostics> {
        if self.item_cells.is_empty() {
            return Ok(self.clone());
        }
        let mut patch = self
            .unit
            .overrides
            .clone()
            .unwrap_or(Value::Object(Map::new()));
        let mut working = deal.clone();
        json_patch::merge(&mut working, &patch);
        let mut problems = Diagnostics::new();
        let mut columns = self.columns.clone();
        for (pattern, col, value) in &self.item_cells {
            let list = list_prefix(pattern);
            let at = |msg: String| {
                Diagnostic::error(msg)
                    .in_file(&self.file)
                    .line_col(self.line, *col)
            };
            match pattern.get_mut(&mut working) {
                Some(slot) => *slot = value.clone(),
                None => {
                    let have = list_keys(pattern, &working);
                    problems.push(at(format!("the deal has no `{pattern}`")).help(
                        if have.is_empty() {
                            format!("`{list}` is empty in this deal; set the list in the deal file")
                        } else {
                            format!("`{list}` has: {}", have.join(", "))
                        },
                    ));
                    continue;
                }
            }
            // The whole list, item changed, into the overrides (a merge patch replaces lists).
            let list_path = JsonPath::parse(&list.to_string());
            if let Some(whole) = list_path.lookup(&working) {
                crate::deal::path::set_value(&mut patch, &list_path, whole.clone());
            }
            let mut concrete = None;
            pattern.each_value(&working, &mut |p, _| concrete = Some(p));
            if let (Some(c), Some(entry)) = (concrete, columns.iter_mut().find(|(_, c)| c == col)) {
                entry.0 = c;
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        let mut bound = self.clone();
        bound.unit.overrides = Some(patch);
        bound.columns = columns;
        Ok(bound)
    }

    /// The column of the cell that sets `path` (a field the row sets, or one inside it).
    pub fn column_of(&self, path: &str) -> Option<usize> {
        self.columns.iter().find_map(|(c, col)| {
            let c = c.to_string();
            let inside = path == c
                || path
                    .strip_prefix(c.as_str())
                    .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['));
            inside.then_some(*col)
        })
    }

    /// Places a problem of this unit's deal in the spreadsheet: at the cell whose field
    /// the problem is about (or under), else at the row.
    pub fn locate(&self, mut d: Diagnostic) -> Diagnostic {
        let col = d
            .location
            .path
            .as_ref()
            .and_then(|p| {
                self.columns
                    .iter()
                    .find(|(c, _)| p.0.starts_with(&c.0) || c.0.starts_with(&p.0))
            })
            .map_or(1, |(_, col)| *col);
        d.location.line_col = Some((self.line, col));
        d.in_file(&self.file)
    }
}

/// What a cell may hold, from the schema.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Number,
    Integer { minimum: Option<i64> },
    Boolean,
    Text { choices: Vec<String> },
    TextList { choices: Vec<String> },
}

impl Kind {
    /// What the cell should have been, in a few words.
    fn noun(&self) -> &'static str {
        match self {
            Kind::Number => "a number",
            Kind::Integer { .. } => "an allowed whole number",
            Kind::Boolean => "true or false",
            Kind::Text { choices } if choices.is_empty() => "text",
            Kind::Text { .. } => "one of the allowed values",
            Kind::TextList { .. } => "a list of allowed values",
        }
    }

    /// What is allowed, for the help line.
    fn rule(&self) -> String {
        match self {
            Kind::Number => "a number, e.g. 99.9".into(),
            Kind::Integer { minimum: Some(m) } => format!("a whole number, at least {m}"),
            Kind::Integer { minimum: None } => "a whole number".into(),
            Kind::Boolean => "true or false".into(),
            Kind::Text { choices } if choices.is_empty() => "text".into(),
            Kind::Text { choices } => format!("one of {}", choices.join(", ")),
            Kind::TextList { choices } if choices.is_empty() => {
                "a list of text, separated by ;".into()
            }
            Kind::TextList { choices } => {
                format!("a ;-separated list of {}", choices.join(", "))
            }
        }
    }

    fn parse(&self, cell: &str) -> Option<Value> {
        match self {
            Kind::Number => {
                if let Ok(i) = cell.parse::<i64>() {
                    return Some(Value::from(i));
                }
                let f: f64 = cell.parse().ok()?;
                serde_json::Number::from_f64(f).map(Value::Number)
            }
            Kind::Integer { minimum } => {
                let i: i64 = cell.parse().ok()?;
                (minimum.is_none_or(|m| i >= m)).then(|| Value::from(i))
            }
            Kind::Boolean => match cell.to_ascii_lowercase().as_str() {
                "true" => Some(Value::Bool(true)),
                "false" => Some(Value::Bool(false)),
                _ => None,
            },
            Kind::Text { choices } => {
                (choices.is_empty() || choices.iter().any(|c| c == cell)).then(|| cell.into())
            }
            Kind::TextList { choices } => {
                let items: Vec<&str> = cell
                    .split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect();
                items
                    .iter()
                    .all(|i| choices.is_empty() || choices.iter().any(|c| c == i))
                    .then(|| Value::from(items))
            }
        }
    }
}

fn types(node: &Value) -> Vec<&str> {
    match node.get("type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// The values of a string enum (`enum`, or `oneOf` of `const`s), empty if none.
fn choices(alts: &[Node<'static>]) -> Vec<String> {
    let mut out = Vec::new();
    for a in alts.iter().map(Node::value) {
        if let Some(c) = a.get("const").and_then(Value::as_str) {
            out.push(c.to_string());
        }
        if let Some(e) = a.get("enum").and_then(Value::as_array) {
            out.extend(e.iter().filter_map(Value::as_str).map(str::to_string));
        }
    }
    out
}

/// The part of a path before its first list step: the list a cell in a list item changes.
fn list_prefix(pattern: &Pattern) -> Pattern {
    let first = pattern
        .steps()
        .iter()
        .position(|s| !matches!(s, Step::Key(_)))
        .unwrap_or(pattern.steps().len());
    Pattern(pattern.steps()[..first].to_vec())
}

/// The items of the list a selector or index looks in, by the selector's field (`P1`,
/// `P2`) or by index: what the deal has, for the message when nothing matches.
fn list_keys(pattern: &Pattern, deal: &Value) -> Vec<String> {
    let list = list_prefix(pattern);
    let field = match pattern.steps().get(list.steps().len()) {
        Some(Step::Select(f, _)) => Some(f.clone()),
        _ => None,
    };
    let items = JsonPath::parse(&list.to_string())
        .lookup(deal)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    items
        .iter()
        .enumerate()
        .map(|(i, item)| match &field {
            Some(f) => format!(
                "[{f}={}]",
                item.get(f)
                    .map(crate::deal::path::scalar_text)
                    .unwrap_or_default()
            ),
            None => format!("[{i}]"),
        })
        .collect()
}

/// The kind of the field at `path`, and whether it may be `null`; or why a cell cannot
/// set it.
fn kind_of(path: &Pattern) -> Result<(Kind, bool), String> {
    let mut node = Node::root(deal_schema());
    let mut nullable = false;
    let mut seen = Vec::new();
    for step in path.steps() {
        let key = match step {
            Step::Key(key) => key,
            Step::Index(_) | Step::Select(..) => {
                // One item of a list: its fields are what the list's items have.
                let Some(items) = node.list_items() else {
                    return Err(format!("`{}` is not a list", Pattern(seen.clone())));
                };
                if let Step::Select(field, _) = step
                    && !items.variants().iter().any(|v| v.field(field).is_some())
                {
                    let names: Vec<String> = items
                        .variants()
                        .iter()
                        .flat_map(|v| v.fields().into_iter().flat_map(|m| m.keys().cloned()))
                        .collect();
                    let hint =
                        crate::diagnostics::did_you_mean(field, names.iter().map(String::as_str))
                            .map(|k| format!(" (did you mean `{k}`?)"))
                            .unwrap_or_default();
                    return Err(format!(
                        "the items of `{}` have no field `{field}` to select by{hint}",
                        Pattern(seen.clone())
                    ));
                }
                node = items;
                nullable = false;
                seen.push(step.clone());
                continue;
            }
            Step::Each | Step::Any => {
                return Err("a column names one field, not every item (`[]`, `*`)".into());
            }
        };
        // The fields a column may name at this level (not the deal's units or version).
        let fields: Vec<(&String, Node<'static>)> = node
            .variants()
            .into_iter()
            .flat_map(|alt| {
                let names = alt.fields().into_iter().flat_map(|p| p.keys());
                names.filter_map(move |k| Some((k, alt.field(k)?)))
            })
            .filter(|(k, _)| *k != "business_units" && *k != "schema_version")
            .collect();
        let Some((_, next)) = fields.iter().find(|(k, _)| *k == key) else {
            // The closest name at this level, with the path before it.
            let hint =
                crate::diagnostics::did_you_mean(key, fields.iter().map(|(k, _)| k.as_str()))
                    .map(|k| {
                        let near = Pattern(seen.clone()).key(k);
                        format!(" (did you mean `{near}`?)")
                    })
                    .unwrap_or_default();
            return Err(format!("the deal has no field `{path}`{hint}"));
        };
        nullable = next.nullable();
        node = next.clone();
        seen.push(step.clone());
    }
    let alts = node.variants();
    let found = choices(&alts);
    if !found.is_empty() {
        return Ok((Kind::Text { choices: found }, nullable));
    }
    let node = alts[0].value();
    let t = types(node);
    let kind = if t.contains(&"number") {
        Kind::Number
    } else if t.contains(&"integer") {
        Kind::Integer {
            minimum: node.get("minimum").and_then(Value::as_i64),
        }
    } else if t.contains(&"boolean") {
        Kind::Boolean
    } else if t.contains(&"string") {
        Kind::Text {
            choices: Vec::new(),
        }
    } else if t.contains(&"array") {
        let items = alts[0].items().map(|i| i.variants()).unwrap_or_default();
        let item_choices = choices(&items);
        if !item_choices.is_empty() {
            Kind::TextList {
                choices: item_choices,
            }
        } else if items
            .first()
            .is_some_and(|i| types(i.value()).contains(&"string"))
        {
            Kind::TextList {
                choices: Vec::new(),
            }
        } else {
            return Err(format!(
                "`{path}` is a list of objects, which a cell cannot hold; use the deal file"
            ));
        }
    } else {
        return Err(format!(
            "`{path}` is a group of fields; name one of them (`{path}.<field>`)"
        ));
    };
    Ok((kind, nullable))
}

/// Reads the units of a spreadsheet. Header problems (no `id` or `name` column, a
/// column that is not a deal field) and unreadable files are errors of the whole file;
/// bad cells stay with their row ([`CsvUnit::problems`]).
pub fn read_units(path: &Path) -> Result<Vec<CsvUnit>, Diagnostics> {
    read_units_with(path, None)
}

/// The cell separator of a spreadsheet export: the one of `,`, `;` and tab that occurs
/// most often outside quotes in its header row (Excel writes `;` where the decimal mark
/// is a comma, as in German and French); a comma when none does.
pub fn detect_delimiter(text: &str) -> u8 {
    let header = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in header.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(c) = counts.iter_mut().find(|c| c.0 == b) {
            c.1 += 1;
        }
    }
    counts
        .iter()
        .copied()
        .max_by_key(|&(d, n)| (n, d == b','))
        .filter(|c| c.1 > 0)
        .map_or(b',', |c| c.0)
}

/// [`read_units`] with the cell separator given (`None`: detected, see [`detect_delimiter`]).
pub fn read_units_with(path: &Path, delimiter: Option<u8>) -> Result<Vec<CsvUnit>, Diagnostics> {
    let file_error = |msg: String, line: Option<u64>| {
        let d = Diagnostic::error(msg).in_file(path);
        match line {
            Some(l) => d.line_col(l as usize, 1),
            None => d,
        }
    };
    let bytes =
        std::fs::read(path).map_err(|e| file_error(format!("cannot read the units: {e}"), None))?;
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(&String::from_utf8_lossy(&bytes)));
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(std::io::Cursor::new(bytes));
    let headers = reader
        .headers()
        .map_err(|e| file_error(format!("cannot read the header row: {e}"), Some(1)))?
        .clone();
    let mut problems = Diagnostics::new();
    let (mut id_col, mut name_col) = (None, None);
    let mut fields: Vec<(usize, Pattern, Kind, bool)> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        let h = h.trim_start_matches('\u{feff}');
        let at = |msg: String| Diagnostic::error(msg).in_file(path).line_col(1, i + 1);
        if headers
            .iter()
            .take(i)
            .any(|prev| prev.trim_start_matches('\u{feff}') == h)
        {
            problems.push(at(format!("column \"{h}\" appears twice")));
            continue;
        }
        match h {
            "id" => id_col = Some(i),
            "name" => name_col = Some(i),
            _ => match Pattern::parse_single(h).and_then(|p| Ok((kind_of(&p)?, p))) {
                Ok(((kind, nullable), p)) => fields.push((i, p, kind, nullable)),
                Err(why) => problems.push(at(format!("column \"{h}\": {why}")).help(
                    "columns: id, name, and deal field paths such as sla.uptime_pct or \
                     support.severities[level=P1].response_minutes (see `dealdraft schema`)",
                )),
            },
        }
    }
    for (col, name) in [(id_col, "id"), (name_col, "name")] {
        if col.is_none() {
            problems.push(
                file_error(format!("no column \"{name}\""), Some(1))
                    .help("the header row names the columns: id, name, then deal field paths"),
            );
        }
    }
    let (Some(id_col), Some(name_col)) = (id_col, name_col) else {
        return Err(problems);
    };
    if problems.has_errors() {
        return Err(problems);
    }

    let mut units = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line());
            file_error(format!("cannot read the row: {e}"), line)
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let mut row = Diagnostics::new();
        let cell_error = |col: usize, msg: String, help: String| {
            Diagnostic::error(msg)
                .in_file(path)
                .line_col(line, col + 1)
                .help(help)
        };
        if record.len() != headers.len() {
            let sep = match delimiter {
                b'\t' => "tab".to_string(),
                d => format!("\"{}\"", d as char),
            };
            row.push(
                Diagnostic::error(format!(
                    "this row has {} cells where the header row has {} (cells separated by {sep})",
                    record.len(),
                    headers.len()
                ))
                .in_file(path)
                .line_col(line, 1)
                .help(if delimiter == b',' {
                    "a decimal comma in an unquoted cell (99,9) splits it in two: write 99.9, quote the cell, or save the file with ; as the separator"
                } else {
                    "every row needs one cell per column of the header row"
                }),
            );
            units.push(CsvUnit {
                unit: BusinessUnit {
                    id: record.get(id_col).unwrap_or_default().to_string(),
                    name: record.get(name_col).unwrap_or_default().to_string(),
                    overrides: None,
                },
                line,
                columns: Vec::new(),
                item_cells: Vec::new(),
                problems: row,
                file: path.to_path_buf(),
            });
            continue;
        }
        let id = record.get(id_col).unwrap_or_default().to_string();
        if !crate::deal::rules::is_slug(&id) {
            row.push(cell_error(
                id_col,
                format!("id \"{id}\" is not a slug"),
                "lowercase letters, digits and single hyphens".into(),
            ));
        }
        let name = record.get(name_col).unwrap_or_default().to_string();
        if name.is_empty() {
            row.push(cell_error(
                name_col,
                "the unit has no name".into(),
                "the unit's display name, e.g. Retail Banking".into(),
            ));
        }
        let mut patch = Value::Object(Map::new());
        let mut columns = Vec::new();
        let mut item_cells = Vec::new();
        for (col, field, kind, nullable) in &fields {
            let in_item = list_prefix(field).steps().len() < field.steps().len();
            // Where the cell's field is: itself, or (in a list item, until bound) its list.
            let place = JsonPath::parse(
                &if in_item {
                    list_prefix(field)
                } else {
                    field.clone()
                }
                .to_string(),
            );
            columns.push((place.clone(), col + 1));
            let cell = record.get(*col).unwrap_or_default();
            if cell.is_empty() {
                continue;
            }
            let value = if cell == "null" && *nullable {
                Some(Value::Null)
            } else {
                kind.parse(cell)
            };
            match value {
                Some(v) if in_item => item_cells.push((field.clone(), col + 1, v)),
                Some(v) => crate::deal::path::set_value(&mut patch, &place, v),
                None => {
                    let described = describe_field(&schema_path(field));
                    // A decimal comma (99,9): say so, with the cell as it should read.
                    let comma = matches!(kind, Kind::Number | Kind::Integer { .. })
                        && cell.contains(',')
                        && kind.parse(&cell.replacen(',', ".", 1)).is_some();
                    let help = if comma {
                        format!(
                            "write the number with a decimal point: {} ({described})",
                            cell.replacen(',', ".", 1),
                        )
                    } else {
                        format!("{}; {described}", kind.rule())
                    };
                    row.push(
                        cell_error(*col, format!("\"{cell}\" is not {}", kind.noun()), help)
                            .at(place),
                    );
                }
            }
        }
        units.push(CsvUnit {
            unit: BusinessUnit {
                id,
                name,
                overrides: Some(patch),
            },
            line,
            columns,
            item_cells,
            problems: row,
            file: path.to_path_buf(),
        });
    }
    Ok(units)
}

/// A path for the schema: a selector stands for any item of its list (index 0).
fn schema_path(pattern: &Pattern) -> JsonPath {
    JsonPath(
        pattern
            .steps()
            .iter()
            .map(|s| match s {
                Step::Key(k) => Seg::Key(k.clone()),
                Step::Index(i) => Seg::Index(*i),
                _ => Seg::Index(0),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(p: &str) -> Result<Kind, String> {
        kind_of(&Pattern::parse_single(p)?).map(|(k, _)| k)
    }

    #[test]
    fn cells_are_typed_by_the_schema() {
        assert_eq!(kind("sla.uptime_pct"), Ok(Kind::Number));
        assert_eq!(kind("sla.credits_automatic"), Ok(Kind::Boolean));
        assert_eq!(
            kind("deal.customer.legal_name"),
            Ok(Kind::Text { choices: vec![] })
        );
        assert_eq!(
            kind("support.languages"),
            Ok(Kind::TextList { choices: vec![] })
        );
        assert!(matches!(
            kind("sla.claim_window_days"),
            Ok(Kind::Integer { .. })
        ));
        assert!(
            matches!(kind("support.tier"), Ok(Kind::Text { choices }) if choices.contains(&"premium".to_string()))
        );
        assert!(
            matches!(kind("support.channels"), Ok(Kind::TextList { choices }) if choices.contains(&"email".to_string()))
        );
        assert!(kind("sla").is_err());
        assert!(kind("sla.credit_tiers").is_err());
        assert!(kind("sla.nope").is_err());
        assert!(kind("business_units").is_err());
        // One field of one list item, by selector or index.
        assert!(matches!(
            kind("support.severities[level=P1].response_minutes"),
            Ok(Kind::Integer { .. })
        ));
        assert_eq!(kind("sla.credit_tiers[0].credit_pct"), Ok(Kind::Number));
        assert!(kind("support.severities[levl=P1].response_minutes").is_err());
        assert!(kind("sla.uptime_pct[0]").is_err());
        assert!(kind("sla.credit_tiers[].credit_pct").is_err());
    }

    #[test]
    fn cells_parse_or_refuse() {
        assert_eq!(Kind::Number.parse("99.9"), Some(Value::from(99.9)));
        assert_eq!(Kind::Number.parse("abc"), None);
        let langs = Kind::TextList { choices: vec![] };
        assert_eq!(
            langs.parse("English; French"),
            Some(serde_json::json!(["English", "French"]))
        );
        assert_eq!(Kind::Integer { minimum: Some(0) }.parse("-1"), None);
        assert_eq!(Kind::Boolean.parse("TRUE"), Some(Value::Bool(true)));
    }
}
