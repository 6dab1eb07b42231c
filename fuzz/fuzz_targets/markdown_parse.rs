//! The `markdown_parse` fuzz target: see `dealdraft_fuzz::markdown_parse` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &str| dealdraft_fuzz::markdown_parse(data));
