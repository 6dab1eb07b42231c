//! The `write_markdown` fuzz target: see `dealdraft_fuzz::write_markdown` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &str| dealdraft_fuzz::write_markdown(data));
