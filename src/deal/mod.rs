//! The deal: its types ([`model`]), reading with line and column ([`load`]), the JSON
//! Schema and structural check ([`schema`]), the single-field rules that the schema and
//! validation share ([`rules`]) and the semantic rules ([`validate`]).

pub mod load;
pub mod model;
pub mod params;
pub mod rules;
pub mod schema;
pub mod validate;

/// The only `schema_version` this build reads: the deal format's own version.
pub const SCHEMA_VERSION: u64 = 1;

pub use load::Source;
pub use model::{DealFile, Stance};
