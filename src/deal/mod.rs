//! The deal: its types ([`model`]), reading with line and column ([`load`]), the JSON
//! Schema and structural check ([`schema`]) and the semantic rules ([`validate`]).

pub mod load;
pub mod model;
pub mod schema;
pub mod validate;

pub use load::Source;
pub use model::{DealFile, Stance};
