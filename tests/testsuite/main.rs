//! dealdraft's integration tests: one crate, a module per feature.

mod batch;
mod check;
mod clause_cache;
mod cli;
mod common;
mod corpus;
mod counsel;
mod coverage;
mod determinism;
mod docx;
mod escaping;
mod fuzz_regressions;
mod hostile_library;
mod hostile_values;
mod intake;
mod kill_safety;
mod library;
mod lint_variants;
mod markup;
mod params;
mod pdf;
mod redline;
mod schema_rules;
mod semantics;
mod snapshots;
mod validation;
