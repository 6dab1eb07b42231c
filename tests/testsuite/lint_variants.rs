//! The defined-terms lint and cross-references hold for every example, in both stances,
//! with each optional field or section switched off (null), with every clause in its other
//! position, and for random combinations of switched-off fields.

use dealdraft::deal::model::Stance;
use dealdraft::deal::schema::Node;
use proptest::prelude::*;
use serde_json::{Map, Value, json};

use crate::common::{LIBRARY, examples, patched, resolve};

fn nullable(node: &Value) -> bool {
    node.get("anyOf")
        .and_then(Value::as_array)
        .is_some_and(|b| b.iter().any(|x| x.get("type") == Some(&json!("null"))))
        || node
            .get("type")
            .and_then(Value::as_array)
            .is_some_and(|t| t.contains(&json!("null")))
}

/// The fields of which the format asks for one (or exactly one) of a set, such as
/// `sla.maintenance.max_hours_per_month`: switched off alone, they leave a deal the format
/// refuses by design.
fn one_of_a_set() -> Vec<String> {
    use dealdraft::deal::rules::{RULES, Rule};
    RULES
        .iter()
        .filter_map(|(path, rule)| match rule {
            Rule::ExactlyOne { keys, .. } | Rule::AnyOf { keys, .. } => {
                Some(keys.iter().map(move |k| format!("{path}.{k}")))
            }
            _ => None,
        })
        .flatten()
        .collect()
}

/// Every path (below the deal's sections) whose value is set and may be null, but for
/// [`one_of_a_set`].
fn nullable_paths(deal: &Value) -> Vec<Vec<String>> {
    let schema = dealdraft::deal::schema::deal_schema();
    let mut out = Vec::new();
    fn walk(node: Node<'_>, value: &Value, here: Vec<String>, out: &mut Vec<Vec<String>>) {
        let node = node.set();
        let (Some(props), Some(obj)) = (node.fields(), value.as_object()) else {
            return;
        };
        for k in props.keys() {
            let (Some(v), Some(sub)) = (obj.get(k), node.field(k)) else {
                continue;
            };
            if v.is_null() || k == "business_units" || k == "positions" || k == "$schema" {
                continue;
            }
            let mut p = here.clone();
            p.push(k.clone());
            if nullable(sub.value()) {
                out.push(p.clone());
            }
            walk(sub, v, p, out);
        }
    }
    walk(Node::root(schema), deal, Vec::new(), &mut out);
    let sets = one_of_a_set();
    out.retain(|p| !sets.contains(&p.join(".")));
    out
}

fn null_patch(paths: &[Vec<String>]) -> Value {
    let mut patch = Value::Object(Map::new());
    for path in paths {
        let mut node = &mut patch;
        for (i, k) in path.iter().enumerate() {
            if i + 1 == path.len() {
                node[k] = Value::Null;
            } else {
                if !node.get(k).is_some_and(Value::is_object) {
                    node[k] = json!({});
                }
                node = &mut node[k];
            }
        }
    }
    patch
}

fn assert_renders(deal: &Value, what: &str) {
    let resolved = match resolve(deal) {
        Ok(r) => r,
        Err(e) => panic!("{what}: the deal does not validate:\n{e}"),
    };
    let set = match dealdraft::assemble::assemble(&resolved, &LIBRARY, "sow", Default::default()) {
        Ok(set) => set,
        Err(e) => panic!("{what}: the draft does not assemble:\n{e}"),
    };
    // The SOW lists exactly the annexes attached to it.
    let doc = set.document("sow").unwrap();
    let attached: Vec<String> = doc.parts[1..]
        .iter()
        .filter_map(|p| p.label.clone())
        .collect();
    // The clause `sow.annexes` refers to each listed annex, in order.
    let mut listed: Vec<String> = Vec::new();
    doc.parts[0].for_each_inlines(&mut |owner, xs| {
        if owner == "sow.annexes" {
            dealdraft::model::walk_inlines(xs, &mut |x| {
                if let dealdraft::model::Inline::Ref { text, .. } = x {
                    listed.push(text.clone());
                }
            })
        }
    });
    assert_eq!(listed, attached, "{what}: the SOW's list of annexes");
}

fn with_stance(deal: &Value, stance: Stance) -> Value {
    patched(deal, json!({"deal": {"stance": stance.as_str()}}))
}

fn example_deals() -> Vec<(String, Value)> {
    examples()
        .into_iter()
        .map(|p| {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            (p.file_name().unwrap().to_string_lossy().into_owned(), v)
        })
        .collect()
}

#[test]
fn every_example_in_both_stances_with_each_field_switched_off() {
    let mut variants = 0;
    for (name, raw) in example_deals() {
        for stance in Stance::ALL {
            let deal = with_stance(&raw, stance);
            assert_renders(&deal, &format!("{name} ({})", stance.as_str()));
            let full = serde_json::to_value(&resolve(&deal).unwrap().deal).unwrap();
            let paths = nullable_paths(&full);
            assert!(
                paths.len() > 60,
                "{name}: only {} optional fields found",
                paths.len()
            );
            for path in &paths {
                let variant = patched(&deal, null_patch(std::slice::from_ref(path)));
                assert_renders(
                    &variant,
                    &format!(
                        "{name} ({}) with {} = null",
                        stance.as_str(),
                        path.join(".")
                    ),
                );
                variants += 1;
            }
        }
    }
    assert!(variants > 300, "only {variants} variants");
}

#[test]
fn every_section_switched_off_at_once() {
    for (name, raw) in example_deals() {
        for stance in Stance::ALL {
            let all_off = json!({"sla": null, "support": null, "training": null, "data": null, "exit": null, "commercial": null, "onboarding": null, "governance": null});
            assert_renders(
                &patched(&with_stance(&raw, stance), all_off),
                &format!("{name} ({}) with every section null", stance.as_str()),
            );
        }
    }
}

#[test]
fn every_clause_in_its_other_position() {
    for (name, raw) in example_deals() {
        for stance in Stance::ALL {
            let other = if stance == Stance::Preferred {
                Stance::Fallback
            } else {
                Stance::Preferred
            };
            let positions: Map<String, Value> = LIBRARY
                .clauses()
                .filter(|c| c.meta.positions.contains(&other))
                .map(|c| (c.meta.id.clone(), json!(other.as_str())))
                .collect();
            let deal = patched(&with_stance(&raw, stance), json!({"positions": positions}));
            assert_renders(
                &deal,
                &format!(
                    "{name} ({} stance, every clause {})",
                    stance.as_str(),
                    other.as_str()
                ),
            );
        }
    }
}

#[test]
fn every_business_unit_renders() {
    for (name, raw) in example_deals() {
        let deal = resolve(&raw).unwrap();
        for unit in deal.units() {
            let u = dealdraft::resolve::for_unit(&deal, &unit.id, &LIBRARY).unwrap();
            dealdraft::assemble::assemble(&u, &LIBRARY, "sow", Default::default())
                .unwrap_or_else(|e| panic!("{name} / {}: {e}", unit.id));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Random combinations: any subset of optional fields switched off, either stance.
    #[test]
    fn random_combinations_of_switched_off_fields(example in 0usize..3, preferred in any::<bool>(), seed in any::<u64>()) {
        let deals = example_deals();
        let (name, raw) = &deals[example % deals.len()];
        let stance = if preferred { Stance::Preferred } else { Stance::Fallback };
        let deal = with_stance(raw, stance);
        let full = serde_json::to_value(&resolve(&deal).unwrap().deal).unwrap();
        let paths = nullable_paths(&full);
        // A cheap deterministic subset from the seed: each path off with probability 1/4.
        let mut x = seed | 1;
        let chosen: Vec<Vec<String>> = paths.into_iter().filter(|_| { x ^= x << 13; x ^= x >> 7; x ^= x << 17; x % 4 == 0 }).collect();
        let variant = patched(&deal, null_patch(&chosen));
        let names: Vec<String> = chosen.iter().map(|p| p.join(".")).collect();
        assert_renders(&variant, &format!("{name} ({}) with null: {}", stance.as_str(), names.join(", ")));
    }
}
