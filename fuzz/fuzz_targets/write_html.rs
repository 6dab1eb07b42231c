//! The `write_html` fuzz target: see `dealdraft_fuzz::write_html` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &str| dealdraft_fuzz::write_html(data));
