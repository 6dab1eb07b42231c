//! One navigator over a deal schema (as schemars writes it and [`super::schema`] publishes
//! it): `$ref`s, optional values (`anyOf` with `null`), alternatives (`anyOf` / `oneOf` /
//! `allOf`), fields, list items and map values. Every walker of the deal schema goes through
//! it, so they cannot disagree on how a `$ref` or a branch is followed.
//!
//! It lives in a file of its own (re-exported as `deal::schema::Node`) because the
//! single-field rules walk the schema too, and `schema.rs` builds on them.

use serde_json::{Map, Value};

use crate::diagnostics::{JsonPath, Seg};

/// How many `$ref`s (or optional wrappers) in a row are followed before giving up: the
/// deal schema has at most two.
const MAX_HOPS: usize = 8;

/// A node of a JSON Schema, with the root its `$ref`s point into and its JSON pointer.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    root: &'a Value,
    value: &'a Value,
    pointer: String,
}

impl<'a> Node<'a> {
    /// The schema's root node.
    pub fn root(root: &'a Value) -> Node<'a> {
        Node {
            root,
            value: root,
            pointer: String::new(),
        }
    }

    /// The schema JSON of this node.
    pub fn value(&self) -> &'a Value {
        self.value
    }

    /// This node's JSON pointer in the schema (`/$defs/Sla/properties/uptime_pct`).
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// The node `value`, reached from this one by `steps` (keys or indices).
    fn child(&self, value: &'a Value, steps: &[&str]) -> Node<'a> {
        let mut pointer = self.pointer.clone();
        for step in steps {
            pointer.push('/');
            pointer.push_str(&step.replace('~', "~0").replace('/', "~1"));
        }
        Node {
            root: self.root,
            value,
            pointer,
        }
    }

    /// The `$ref` of this node (`#/$defs/Sla`), if it has one.
    pub fn reference(&self) -> Option<&'a str> {
        self.value.get("$ref").and_then(Value::as_str)
    }

    /// What this node's `$ref` points to (one step), if it has a local one.
    pub fn target(&self) -> Option<Node<'a>> {
        let ptr = self.reference()?.strip_prefix('#')?;
        Some(Node {
            root: self.root,
            value: self.root.pointer(ptr)?,
            pointer: ptr.to_string(),
        })
    }

    /// This node with its `$ref`s followed.
    pub fn deref(&self) -> Node<'a> {
        let mut node = self.clone();
        for _ in 0..MAX_HOPS {
            match node.target() {
                Some(t) => node = t,
                None => break,
            }
        }
        node
    }

    /// Whether this node is `{"type": "null"}` (the absent branch of an optional value).
    pub fn is_null(&self) -> bool {
        self.value.get("type").and_then(Value::as_str) == Some("null")
    }

    /// Whether the value here may be `null` (`"type": [..., "null"]`, or a `null` branch of
    /// `anyOf` / `oneOf`).
    pub fn nullable(&self) -> bool {
        let in_type = match self.value.get("type") {
            Some(Value::String(s)) => s == "null",
            Some(Value::Array(a)) => a.iter().any(|t| t == "null"),
            _ => false,
        };
        in_type
            || ["anyOf", "oneOf"].iter().any(|k| {
                self.value
                    .get(*k)
                    .and_then(Value::as_array)
                    .is_some_and(|a| a.iter().any(|b| b.get("type") == Some(&"null".into())))
            })
    }

    /// The branches of `key` (`anyOf`, `oneOf`, `allOf`) that are not `null`, as written.
    fn branches_of(&self, key: &str) -> Vec<Node<'a>> {
        let Some(Value::Array(a)) = self.value.get(key) else {
            return Vec::new();
        };
        a.iter()
            .enumerate()
            .map(|(i, b)| self.child(b, &[key, &i.to_string()]))
            .filter(|b| !b.is_null())
            .collect()
    }

    /// The non-null branches of this node's `anyOf`, `oneOf` and `allOf` (in that order),
    /// as written (not dereferenced).
    pub fn branches(&self) -> Vec<Node<'a>> {
        ["anyOf", "oneOf", "allOf"]
            .iter()
            .flat_map(|k| self.branches_of(k))
            .collect()
    }

    /// The first non-null branch of an optional value's `anyOf`, one step; `None` for a
    /// node without `anyOf` (or with only `null` in it).
    pub fn some(&self) -> Option<Node<'a>> {
        self.value.get("anyOf")?;
        self.branches_of("anyOf").into_iter().next()
    }

    /// The schema of the value when it is set: `$ref`s followed and, for an optional value
    /// (`anyOf` with `null`), its non-null branch. Enums (`oneOf` of `const`s) and other
    /// alternatives are left as they are.
    pub fn set(&self) -> Node<'a> {
        let mut node = self.clone();
        for _ in 0..MAX_HOPS {
            match node.target().or_else(|| node.some()) {
                Some(next) => node = next,
                None => break,
            }
        }
        node
    }

    /// The alternatives a value here may take: the non-null branches of `anyOf`, `oneOf`
    /// and `allOf`, nested ones flattened, each dereferenced; this node (dereferenced) when
    /// it has none.
    pub fn variants(&self) -> Vec<Node<'a>> {
        let mut out = Vec::new();
        self.collect_variants(&mut out, 0);
        out
    }

    fn collect_variants(&self, out: &mut Vec<Node<'a>>, depth: usize) {
        let node = self.deref();
        let branches = node.branches();
        if branches.is_empty() || depth > MAX_HOPS {
            out.push(node);
        } else {
            for b in branches {
                b.collect_variants(out, depth + 1);
            }
        }
    }

    /// The fields of an object node (`properties`), in schema order.
    pub fn fields(&self) -> Option<&'a Map<String, Value>> {
        self.value.get("properties").and_then(Value::as_object)
    }

    /// The node of the field `name` (in `properties`), as written.
    pub fn field(&self, name: &str) -> Option<Node<'a>> {
        let v = self.fields()?.get(name)?;
        Some(self.child(v, &["properties", name]))
    }

    /// The item node of a list (`items`), as written.
    pub fn items(&self) -> Option<Node<'a>> {
        self.value.get("items").map(|v| self.child(v, &["items"]))
    }

    /// The value node of a map (`additionalProperties` when it is a schema), as written.
    pub fn values(&self) -> Option<Node<'a>> {
        self.value
            .get("additionalProperties")
            .filter(|v| v.is_object())
            .map(|v| self.child(v, &["additionalProperties"]))
    }

    /// The node of the value at a concrete path below this one (`sla.credit_tiers[1]`), as
    /// written: each key a field (or a map's value) and each index a list's item, of the
    /// first of [`Node::variants`] that has one. `None` when the schema has no such place.
    pub fn at(&self, path: &JsonPath) -> Option<Node<'a>> {
        let mut node = self.clone();
        for seg in &path.0 {
            node = match seg {
                Seg::Key(k) => {
                    let variants = node.variants();
                    let field = variants.iter().find_map(|v| v.field(k));
                    field.or_else(|| variants.iter().find_map(Node::values))?
                }
                Seg::Index(_) => node.list_items()?,
            };
        }
        Some(node)
    }

    /// Whether the schema here says nothing of what lies below a value: no `properties`,
    /// `items`, `additionalProperties` schema (or `false`), `$ref`, branches or values, and a
    /// type, if any, of object or list, as a business unit's `overrides` (a merge patch, checked by resolving it).
    pub fn is_open(&self) -> bool {
        let v = self.value;
        let typed = |t: &str| match v.get("type") {
            None => true,
            Some(Value::String(s)) => s == t,
            Some(Value::Array(a)) => a.iter().any(|x| x == t),
            _ => false,
        };
        v == &Value::Bool(true)
            || (v.is_object()
                && (typed("object") || typed("array"))
                && [
                    "properties",
                    "items",
                    "$ref",
                    "anyOf",
                    "oneOf",
                    "allOf",
                    "enum",
                    "const",
                ]
                .iter()
                .all(|k| v.get(*k).is_none())
                && v.get("additionalProperties")
                    .is_none_or(|a| a == &Value::Bool(true)))
    }

    /// The first of [`Node::variants`] (through `$ref`s) that has fields, and its fields.
    pub fn object(&self) -> Option<Node<'a>> {
        self.variants().into_iter().find(|n| n.fields().is_some())
    }

    /// The item node of the first of [`Node::variants`] that is a list.
    pub fn list_items(&self) -> Option<Node<'a>> {
        self.variants().into_iter().find_map(|n| n.items())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema() -> Value {
        json!({
            "properties": {
                "sla": {"anyOf": [{"$ref": "#/$defs/Sla"}, {"type": "null"}]},
                "tags": {"type": "array", "items": {"type": "string"}},
                "params": {"type": "object", "additionalProperties": {"type": "integer"}},
                "stance": {"oneOf": [{"const": "a"}, {"const": "b"}]}
            },
            "$defs": {
                "Sla": {"type": "object", "properties": {"uptime_pct": {"type": "number"}}}
            }
        })
    }

    #[test]
    fn follows_refs_optional_values_fields_items_and_values() {
        let s = schema();
        let root = Node::root(&s);
        let sla = root.field("sla").unwrap();
        assert_eq!(sla.pointer(), "/properties/sla");
        assert!(sla.nullable());
        assert_eq!(sla.set().pointer(), "/$defs/Sla");
        assert_eq!(sla.variants().len(), 1);
        assert_eq!(sla.object().unwrap().pointer(), "/$defs/Sla");
        let up = sla.set().field("uptime_pct").unwrap();
        assert_eq!(up.pointer(), "/$defs/Sla/properties/uptime_pct");
        assert_eq!(up.value()["type"], "number");
        let tags = root.field("tags").unwrap();
        assert_eq!(tags.items().unwrap().value()["type"], "string");
        assert_eq!(
            tags.list_items().unwrap().pointer(),
            "/properties/tags/items"
        );
        assert_eq!(
            root.field("params").unwrap().values().unwrap().value()["type"],
            "integer"
        );
        // An enum is not an optional value: `set` leaves it whole.
        let stance = root.field("stance").unwrap();
        assert_eq!(stance.set().pointer(), "/properties/stance");
        assert_eq!(stance.variants().len(), 2);
        assert!(root.field("nope").is_none());
    }
}
