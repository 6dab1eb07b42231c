//! The deal format as JSON Schema (generated from [`super::model`] by schemars), and the
//! structural check of a raw deal against it: unknown fields, wrong types and values outside
//! an enum, every one reported with its path and, for names, a "did you mean".
//!
//! Two schemas come from the model. The *shape* schema says what serde reads: types,
//! required and unknown fields, enums, the range of each integer type. The *published*
//! schema (`dealdraft schema`) is the shape plus the single-field rules of
//! [`super::rules`] (ranges, patterns, `const`, `minItems`...), which `validate` reports
//! with its own messages; so the structural check validates against the shape only.

use std::sync::LazyLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::model::DealFile;
pub use super::node::Node;
use super::params::ParamTable;
use super::rules;
use crate::diagnostics::{Diagnostic, JsonPath, did_you_mean};

/// The shape schema, with every description (the rules' sentences included).
static SHAPE: LazyLock<Value> = LazyLock::new(|| {
    let schema = schemars::schema_for!(DealFile);
    let mut value = serde_json::to_value(schema).expect("a schemars schema is JSON");
    if let Some(obj) = value.as_object_mut() {
        obj.insert(
            "description".into(),
            Value::String(
                "One negotiation's positions for dealdraft. Omitted fields take the playbook \
                 default for deal.stance; null means explicitly none."
                    .into(),
            ),
        );
    }
    bound_integers(&mut value);
    rules::describe(&mut value);
    value
});

/// The published schema: the shape plus every single-field rule.
static SCHEMA: LazyLock<Value> = LazyLock::new(|| {
    let mut value = SHAPE.clone();
    rules::publish(&mut value);
    value
});

static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    jsonschema::validator_for(&SHAPE).expect("the generated deal schema compiles")
});

/// The deal format's JSON Schema (draft 2020-12), as `dealdraft schema` publishes it.
pub fn deal_schema() -> &'static Value {
    &SCHEMA
}

/// The deal format's JSON Schema for a clause library: [`deal_schema`] with `params` spelled
/// out from the library's declarations (each clause id, each parameter with its type,
/// unit, description and defaults), so that an editor completes and checks parameters as
/// `dealdraft validate` does. `dealdraft schema [--library DIR]` prints it.
pub fn library_schema(params: &ParamTable, titles: &BTreeMap<String, String>) -> Value {
    let mut schema = SCHEMA.clone();
    let Some(node) = schema.pointer_mut("/properties/params") else {
        return schema;
    };
    let description = node.get("description").cloned().unwrap_or(Value::Null);
    let clauses: Map<String, Value> = params
        .iter()
        .map(|(id, declared)| {
            let props: Map<String, Value> = declared
                .iter()
                .map(|(name, decl)| {
                    let mut s = decl.schema();
                    let text = s
                        .as_object_mut()
                        .and_then(|o| o.remove("description"))
                        .unwrap_or(Value::Null);
                    let s = json!({
                        "description": text,
                        "anyOf": [s, {"type": "null"}]
                    });
                    (name.clone(), s)
                })
                .collect();
            let title = titles.get(id).cloned().unwrap_or_default();
            (
                id.clone(),
                json!({
                    "description": format!("Parameters of the clause \"{title}\" ({id}); null = the default for the clause's position."),
                    "type": "object",
                    "properties": props,
                    "additionalProperties": false
                }),
            )
        })
        .collect();
    *node = json!({
        "description": description,
        "type": ["object", "null"],
        "properties": clauses,
        "additionalProperties": false
    });
    schema
}

/// The deal format's shape alone (no single-field rules): what serde reads as the model.
pub fn shape_schema() -> &'static Value {
    &SHAPE
}

/// schemars marks `u32` and `u64` by `format` and `minimum: 0`; serde also refuses what is
/// above the type's maximum, so the shape says that too.
fn bound_integers(v: &mut Value) {
    match v {
        Value::Object(o) => {
            let max = match o.get("format").and_then(Value::as_str) {
                Some("uint32") => Some(Value::from(u32::MAX)),
                Some("uint64") => Some(Value::from(u64::MAX)),
                _ => None,
            };
            if let Some(max) = max {
                o.insert("maximum".into(), max);
            }
            o.values_mut().for_each(bound_integers);
        }
        Value::Array(a) => a.iter_mut().for_each(bound_integers),
        _ => {}
    }
}

/// Every structural problem of a raw deal (before defaults are merged in).
pub fn check_structure(raw: &Value) -> Vec<Diagnostic> {
    // A deal that serde reads as the typed model is structurally valid: the shape schema
    // is generated from those types (a property test keeps the two in step). The schema
    // validator, which takes longer to compile than a whole deal takes to check, is then
    // needed only to explain a deal that does not read.
    if reads_as_model(raw) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for err in VALIDATOR.iter_errors(raw) {
        let path = JsonPath::from_pointer(err.instance_path().as_str());
        convert(&path, err.kind(), err.instance(), &mut out);
    }
    out.sort_by(|a, b| a.location.path.cmp(&b.location.path));
    out.dedup();
    out
}

/// Whether serde reads `raw` as a [`DealFile`], each object from an object. (serde also
/// reads a struct from an array of its fields, which the schema rightly refuses.)
///
/// The business units are compared one by one: a deal can have thousands, and the deal
/// is then not held as JSON three times at once (as written, typed, and typed as JSON).
fn reads_as_model(raw: &Value) -> bool {
    use serde::Deserialize;
    let Ok(mut deal) = DealFile::deserialize(raw) else {
        return false;
    };
    let units = deal.business_units.take().unwrap_or_default();
    // serde read them, so the file has as many, in order.
    let raw_units = raw.get("business_units").and_then(Value::as_array);
    serde_json::to_value(&deal).is_ok_and(|typed| same_shape(raw, &typed))
        && raw_units
            .into_iter()
            .flatten()
            .zip(&units)
            .all(|(r, unit)| serde_json::to_value(unit).is_ok_and(|typed| same_shape(r, &typed)))
}

/// Whether no array in `raw` stands where `typed` has an object.
fn same_shape(raw: &Value, typed: &Value) -> bool {
    match (raw, typed) {
        (Value::Array(_), Value::Object(_)) => false,
        (Value::Object(r), Value::Object(t)) => r
            .iter()
            .all(|(k, v)| t.get(k).is_none_or(|w| same_shape(v, w))),
        (Value::Array(r), Value::Array(t)) => {
            r.len() == t.len() && r.iter().zip(t).all(|(a, b)| same_shape(a, b))
        }
        _ => true,
    }
}

fn convert(
    path: &JsonPath,
    kind: &ValidationErrorKind,
    instance: &Value,
    out: &mut Vec<Diagnostic>,
) {
    // A value outside an enum (schemars writes documented enums as `oneOf` of consts,
    // wrapped in `anyOf` with null when optional): name what is allowed.
    if matches!(
        kind,
        ValidationErrorKind::AnyOf { .. }
            | ValidationErrorKind::OneOfNotValid { .. }
            | ValidationErrorKind::Enum { .. }
            | ValidationErrorKind::Constant { .. }
            | ValidationErrorKind::Type { .. }
    ) && !instance.is_object()
        && !instance.is_array()
    {
        let allowed = allowed_values(path);
        if !allowed.is_empty() {
            let shown: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
            let mut help = format!("allowed: {}", shown.join(", "));
            if let Some(m) = instance
                .as_str()
                .and_then(|s| did_you_mean(s, allowed.iter().map(String::as_str)))
            {
                help = format!("did you mean \"{m}\"? {help}");
            }
            out.push(
                Diagnostic::error(format!("{} is not allowed", show_value(instance)))
                    .at(path.clone())
                    .help(help),
            );
            return;
        }
    }
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let known = fields_at(path);
            for name in unexpected {
                let field = path.key(name);
                let mut d = Diagnostic::error(format!("unknown field `{name}`")).at(field);
                if let Some(s) = did_you_mean(name, known.iter().map(String::as_str)) {
                    d = d.help(format!("did you mean `{s}`?"));
                } else if let Some(elsewhere) = find_field_elsewhere(name) {
                    d = d.help(format!("`{name}` belongs in `{elsewhere}`"));
                } else if !known.is_empty() {
                    d = d.help(format!("allowed here: {}", known.join(", ")));
                }
                out.push(d);
            }
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            out.push(
                Diagnostic::error(format!("missing required field `{name}`"))
                    .at(path.clone())
                    .help(describe_field(&path.key(name))),
            );
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => t.to_string(),
                TypeKind::Multiple(ts) => ts
                    .iter()
                    .map(|t| t.to_string())
                    .filter(|t| t != "null")
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            out.push(type_error(path, &expected, instance));
        }
        ValidationErrorKind::Enum { options } => {
            let allowed: Vec<String> = options
                .as_array()
                .map(|a| a.iter().filter(|v| !v.is_null()).map(show_value).collect())
                .unwrap_or_default();
            let mut d = Diagnostic::error(format!("{} is not allowed", show_value(instance)))
                .at(path.clone())
                .help(format!("allowed: {}", allowed.join(", ")));
            if let Some(s) = instance.as_str() {
                let names: Vec<String> = options
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str().map(String::from))
                            .collect()
                    })
                    .unwrap_or_default();
                if let Some(m) = did_you_mean(s, names.iter().map(String::as_str)) {
                    d = d.help(format!(
                        "did you mean \"{m}\"? allowed: {}",
                        allowed.join(", ")
                    ));
                }
            }
            out.push(d);
        }
        ValidationErrorKind::Minimum { limit } => out.push(
            Diagnostic::error(format!("{} is too small", show_value(instance)))
                .at(path.clone())
                .help(format!("must be at least {limit}")),
        ),
        ValidationErrorKind::Maximum { limit } => out.push(
            Diagnostic::error(format!("{} is too large", show_value(instance)))
                .at(path.clone())
                .help(format!("must be at most {limit}")),
        ),
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            // Option<Struct> is `anyOf: [{$ref}, {type: null}]`: report the errors of the
            // branch that got past the type check, not an opaque "no branch matched".
            let useful: Vec<_> = context
                .iter()
                .filter(|branch| {
                    !branch.iter().all(|e| {
                        matches!(e.kind(), ValidationErrorKind::Type { .. })
                            && JsonPath::from_pointer(e.instance_path().as_str()) == *path
                    })
                })
                .collect();
            if let [branch] = useful.as_slice() {
                for e in branch.iter() {
                    let p = JsonPath::from_pointer(e.instance_path().as_str());
                    convert(&p, e.kind(), e.instance(), out);
                }
            } else {
                out.push(
                    Diagnostic::error(format!(
                        "{} does not have the expected shape",
                        show_value(instance)
                    ))
                    .at(path.clone())
                    .help(describe_field(path)),
                );
            }
        }
        other => out.push(
            Diagnostic::error(format!(
                "{} is not valid ({})",
                show_value(instance),
                other.keyword()
            ))
            .at(path.clone())
            .help(describe_field(path)),
        ),
    }
}

fn type_error(path: &JsonPath, expected: &str, instance: &Value) -> Diagnostic {
    let found = match instance {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a decimal number",
        Value::Number(n) if n.as_i64().is_some_and(|i| i < 0) => "a negative number",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    let expected = match expected {
        "integer" => "a whole number",
        "number" => "a number",
        "string" => "a string",
        "boolean" => "true or false",
        "array" => "an array",
        "object" => "an object",
        other => other,
    };
    let shown = match instance {
        Value::Null => String::new(),
        v => format!(" {}", show_value(v)),
    };
    Diagnostic::error(format!("expected {expected}, found {found}{shown}"))
        .at(path.clone())
        .help(describe_field(path))
}

fn show_value(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        let cut: String = s.chars().take(57).collect();
        format!("{cut}...")
    } else {
        s
    }
}

/// The (shape) schema node describing the value at `path`, when set (`$ref`s and optional
/// values followed).
fn schema_at(path: &JsonPath) -> Option<&'static Value> {
    Some(Node::root(&SHAPE).at(path)?.set().value())
}

fn fields_at(path: &JsonPath) -> Vec<String> {
    schema_at(path)
        .and_then(|n| n.get("properties"))
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// The values an enum field allows (from `enum` or `oneOf`/`anyOf` of `const`s).
fn allowed_values(path: &JsonPath) -> Vec<String> {
    let Some(node) = schema_at(path) else {
        return Vec::new();
    };
    let as_text = |v: &Value| {
        v.as_str()
            .map(String::from)
            .unwrap_or_else(|| v.to_string())
    };
    if let Some(e) = node.get("enum").and_then(Value::as_array) {
        return e.iter().filter(|v| !v.is_null()).map(as_text).collect();
    }
    ["oneOf", "anyOf"]
        .iter()
        .filter_map(|k| node.get(*k).and_then(Value::as_array))
        .flatten()
        .filter_map(|b| b.get("const"))
        .map(as_text)
        .collect()
}

/// The schema's description of a field, as a hint.
pub fn describe_field(path: &JsonPath) -> String {
    let Some(node) = schema_at(path) else {
        return "see `dealdraft schema`".into();
    };
    let mut hint = String::new();
    if let Some(d) = node.get("description").and_then(Value::as_str) {
        hint.push_str(d.lines().next().unwrap_or(""));
    }
    if let Some(e) = node.get("enum").and_then(Value::as_array) {
        let vals: Vec<String> = e.iter().filter(|v| !v.is_null()).map(show_value).collect();
        if !hint.is_empty() {
            hint.push(' ');
        }
        hint.push_str(&format!("(one of {})", vals.join(", ")));
    }
    if hint.is_empty() {
        "see `dealdraft schema`".into()
    } else {
        hint
    }
}

/// Where else in the format a field of this exact name lives, e.g. `uptime_pct` → `sla`.
fn find_field_elsewhere(name: &str) -> Option<String> {
    fn walk(node: Node<'_>, here: &JsonPath, name: &str, depth: usize) -> Option<JsonPath> {
        if depth > 6 {
            return None;
        }
        let node = node.set();
        if let Some(props) = node.fields() {
            if props.contains_key(name) {
                return Some(here.clone());
            }
            for k in props.keys() {
                let field = node.field(k)?;
                if let Some(found) = walk(field, &here.key(k), name, depth + 1) {
                    return Some(found);
                }
            }
        }
        if let Some(items) = node.items() {
            return walk(items, &here.index(0), name, depth + 1);
        }
        None
    }
    let found = walk(Node::root(&SHAPE), &JsonPath::root(), name, 0)?;
    let shown = found.to_string().replace("[0]", "[]");
    Some(if found.is_root() {
        "the top level".into()
    } else {
        shown
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    /// The examples, read once for all cases.
    static EXAMPLES: LazyLock<Vec<Value>> = LazyLock::new(|| {
        ["global-bank", "healthcare-azure", "minimal"]
            .iter()
            .map(|n| {
                let path = format!("{}/examples/{n}.json", env!("CARGO_MANIFEST_DIR"));
                serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
            })
            .collect()
    });

    /// Every node of a JSON value, as a JSON pointer.
    fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
        out.push(at.clone());
        match v {
            Value::Object(o) => o.iter().for_each(|(k, x)| {
                pointers(
                    x,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                )
            }),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, x)| pointers(x, format!("{at}/{i}"), out)),
            _ => {}
        }
    }

    fn any_value() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            (-2i64..200).prop_map(Value::from),
            // No whole floats: JSON Schema counts `1.0` as the integer 1, serde reads no
            // integer type from it, and no JSON Schema keyword tells the two apart. Such a
            // value in an integer field is the one thing the published schema accepts and
            // `dealdraft validate` refuses (as a type error).
            any::<f64>()
                .prop_filter("finite, not whole", |f| f.is_finite() && f.fract() != 0.0)
                .prop_map(Value::from),
            (0.0f64..101.0)
                .prop_filter("not whole", |f| f.fract() != 0.0)
                .prop_map(Value::from),
            prop::sample::select(vec![
                "preferred",
                "fallback",
                "p1",
                "24x7",
                "business_hours",
                "monthly",
                "x",
                "",
                " ",
                "a--b",
                "\u{7}",
                "2027-01-01",
                "2027-02-30",
                "09:00",
                "24:00",
                "USD",
                "EURO",
            ])
            .prop_map(Value::from),
            Just(json!([])),
            Just(json!(["x"])),
            Just(json!(["x", "x"])),
            Just(json!({})),
            Just(json!({"unknown_field": 1})),
        ]
    }

    /// The concrete paths of `deal` that the navigator does not find in `schema`: every
    /// node of the deal is a place of the schema, or lies inside an object the schema
    /// leaves open (a unit's `overrides`, a merge patch checked by resolving).
    fn unfound(schema: &Value, deal: &Value) -> Vec<String> {
        let root = Node::root(schema);
        let open = |path: &JsonPath| {
            (0..path.0.len()).any(|n| {
                root.at(&JsonPath(path.0[..n].to_vec()))
                    .is_some_and(|node| node.variants().iter().any(Node::is_open))
            })
        };
        let mut all = Vec::new();
        pointers(deal, String::new(), &mut all);
        all.iter()
            .map(|p| JsonPath::from_pointer(p))
            .filter(|path| root.at(path).is_none() && !open(path))
            .map(|path| path.to_string())
            .collect()
    }

    /// `deal` as serde reads it and writes it back: every field of the model, set or not.
    fn as_serde_writes(deal: &Value) -> Value {
        use serde::Deserialize;
        serde_json::to_value(DealFile::deserialize(deal).unwrap()).unwrap()
    }

    /// Every path serde reads in the examples (each node of each example, and of each as
    /// serde writes it back) is found by the one navigator, in the shape and in the
    /// published schema.
    #[test]
    fn every_path_of_the_examples_is_found_by_the_navigator() {
        for ex in EXAMPLES.iter() {
            for deal in [ex.clone(), as_serde_writes(ex)] {
                for schema in [shape_schema(), deal_schema()] {
                    let missing = unfound(schema, &deal);
                    assert!(missing.is_empty(), "not found: {missing:?}");
                }
            }
        }
        // And a path that is no field is not found.
        let root = Node::root(deal_schema());
        assert!(root.at(&JsonPath::parse("sla.uptime_percent")).is_none());
        assert!(root.at(&JsonPath::parse("sla.credit_tiers.x")).is_none());
    }

    #[test]
    fn the_examples_read_as_the_model_and_satisfy_both_schemas() {
        let published = jsonschema::validator_for(deal_schema()).unwrap();
        for ex in EXAMPLES.iter() {
            assert!(reads_as_model(ex));
            assert!(VALIDATOR.is_valid(ex));
            assert!(published.is_valid(ex));
        }
    }

    #[test]
    fn a_unit_written_as_an_array_is_not_the_model() {
        // serde reads a struct from an array of its fields; the units are compared with
        // their typed form one by one, and the second one is such an array.
        let mut deal = EXAMPLES[0].clone();
        deal["business_units"] = json!([
            {"id": "retail", "name": "Retail"},
            ["markets", "Markets"],
        ]);
        assert!(!reads_as_model(&deal));
        deal["business_units"][1] = json!({"id": "markets", "name": "Markets"});
        assert!(reads_as_model(&deal));
        deal["business_units"][1]["overrides"] = json!({"sla": [99.9]});
        assert!(
            reads_as_model(&deal),
            "a patch is any JSON object: checked by resolving"
        );
    }

    /// The published schema's validator, compiled once for all cases.
    static PUBLISHED: LazyLock<jsonschema::Validator> =
        LazyLock::new(|| jsonschema::validator_for(deal_schema()).unwrap());

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(768))]
        /// The two schemas against serde and the single-field rules, on deals that differ
        /// from an example in one node: a new value of any type, a removed field, or an
        /// unknown field.
        ///
        /// - Whatever serde reads as the model, the shape schema accepts: the fast path of
        ///   `check_structure` is sound.
        /// - Whatever the published schema accepts, serde reads: it promises nothing that
        ///   `dealdraft validate` refuses as malformed.
        /// - Of what serde reads, the published schema accepts exactly what the
        ///   single-field rules accept: editor and `validate` agree on every such rule.
        /// Every path of a deal serde reads (an example with one node given a new value)
        /// is found by the navigator in both schemas.
        #[test]
        fn every_path_serde_reads_is_found_by_the_navigator(
            which in 0usize..3,
            node in any::<prop::sample::Index>(),
            value in any_value(),
        ) {
            let mut deal = EXAMPLES[which].clone();
            let mut all = Vec::new();
            pointers(&deal, String::new(), &mut all);
            let at = node.get(&all).clone();
            *deal.pointer_mut(&at).unwrap() = value;
            if reads_as_model(&deal) {
                for d in [as_serde_writes(&deal), deal] {
                    for schema in [shape_schema(), deal_schema()] {
                        let missing = unfound(schema, &d);
                        prop_assert!(missing.is_empty(), "{} changed: not found {:?}", at, missing);
                    }
                }
            }
        }

        #[test]
        fn the_schemas_agree_with_serde_and_the_rules(
            which in 0usize..3,
            node in any::<prop::sample::Index>(),
            edit in 0u8..3,
            value in any_value(),
        ) {
            let mut deal = EXAMPLES[which].clone();
            let mut all = Vec::new();
            pointers(&deal, String::new(), &mut all);
            let at = node.get(&all).clone();
            let (parent, key) = at.rsplit_once('/').unwrap_or(("", ""));
            match edit {
                0 => *deal.pointer_mut(&at).unwrap() = value,
                1 => {
                    if let Some(Value::Object(o)) = deal.pointer_mut(parent) {
                        o.remove(&key.replace("~1", "/").replace("~0", "~"));
                    }
                }
                _ => {
                    if let Some(Value::Object(o)) = deal.pointer_mut(&at) {
                        o.insert("unexpected".into(), value);
                    }
                }
            }
            let reads = reads_as_model(&deal);
            let published: Vec<String> =
                PUBLISHED.iter_errors(&deal).map(|e| format!("{e} at {}", e.instance_path())).collect();
            if reads {
                let errors: Vec<String> =
                    VALIDATOR.iter_errors(&deal).map(|e| e.to_string()).collect();
                prop_assert!(errors.is_empty(), "serde reads {at} (edit {edit}) but the shape schema says {errors:?}");
                let rules: Vec<String> = rules::check_all(&deal)
                    .iter()
                    .map(|d| format!("{}: {}", d.location.path.as_ref().unwrap(), d.message))
                    .collect();
                prop_assert_eq!(
                    published.is_empty(),
                    rules.is_empty(),
                    "{} (edit {}): the published schema says {:?}, the rules say {:?}",
                    at, edit, published, rules
                );
            } else {
                prop_assert!(!published.is_empty(), "the published schema accepts {at} (edit {edit}), which serde does not read");
            }
        }
    }

    #[test]
    fn unknown_fields_are_named_with_a_suggestion() {
        let raw = json!({"schema_version": 1, "deal": {"id": "x"}, "sla": {"uptime_pc": 99.9}});
        let errs = check_structure(&raw);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(
            errs[0].location.path.as_ref().unwrap().to_string(),
            "sla.uptime_pc"
        );
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `uptime_pct`?"));
    }

    #[test]
    fn misplaced_fields_point_to_their_home() {
        let raw = json!({"schema_version": 1, "deal": {"id": "x", "rca_days": 5}});
        let errs = check_structure(&raw);
        assert_eq!(errs[0].help.as_deref(), Some("`rca_days` belongs in `sla`"));
    }

    #[test]
    fn errors_inside_optional_objects_are_reported_at_their_own_path() {
        let raw = json!({"schema_version": 1, "deal": {"id": "x"},
            "sla": {"latency": {"percentile": "high", "threshold_ms": 2000, "extra": 1}}});
        let errs = check_structure(&raw);
        let paths: Vec<String> = errs
            .iter()
            .map(|e| e.location.path.as_ref().unwrap().to_string())
            .collect();
        assert_eq!(
            paths,
            ["sla.latency.extra", "sla.latency.percentile"],
            "{errs:?}"
        );
        assert!(
            errs[1]
                .message
                .starts_with("expected a number, found a string")
        );
    }

    #[test]
    fn enums_list_what_is_allowed() {
        let raw = json!({"schema_version": 1, "deal": {"id": "x", "stance": "prefered"}});
        let errs = check_structure(&raw);
        assert_eq!(errs.len(), 1, "{errs:?}");
        let help = errs[0].help.as_deref().unwrap();
        assert_eq!(
            help,
            "did you mean \"preferred\"? allowed: \"preferred\", \"fallback\""
        );
        assert_eq!(errs[0].message, "\"prefered\" is not allowed");
    }
}
