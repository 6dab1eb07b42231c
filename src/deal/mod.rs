//! The deal: its types ([`model`]), reading with line and column ([`load`]), the JSON
//! Schema and structural check ([`schema`]), the single-field rules that the schema and
//! validation share ([`rules`]) and the semantic rules ([`validate`]).

pub mod load;
pub mod model;
pub mod node;
pub mod params;
pub mod path;
pub mod rules;
pub mod schema;
pub mod validate;

/// The only `schema_version` this build reads: the deal format's own version.
pub const SCHEMA_VERSION: u64 = 1;

/// The deal file's keys for editors and readers, not terms of the deal: the schema
/// pointer and a note.
pub const EDITOR_KEYS: &[&str] = &["$schema", "$comment"];

/// Whether the deal (as JSON) holds a limit on emergency maintenance that has no effect:
/// the limit bounds the `emergency_maintenance` exclusion, and that exclusion is not listed
/// (emergency maintenance is then Downtime, and the draft states no limit).
pub fn emergency_limit_is_dormant(deal: &serde_json::Value) -> bool {
    let Some(sla) = deal.get("sla").and_then(serde_json::Value::as_object) else {
        return false;
    };
    sla.get("emergency_maintenance")
        .is_some_and(|v| !v.is_null())
        && !sla
            .get("exclusions")
            .and_then(serde_json::Value::as_array)
            .is_some_and(|x| x.iter().any(|e| e == "emergency_maintenance"))
}

pub use load::Source;
pub use model::{DealFile, Stance};
