//! `schema`: the deal format as JSON Schema.

use dealdraft::Library;

use super::{Failure, out};
use crate::cli;

pub fn run(a: cli::SchemaArgs) -> Result<u8, Failure> {
    let library = Library::load(a.library.library.as_deref())?;
    out(&library.deal_schema_text())?;
    Ok(0)
}
