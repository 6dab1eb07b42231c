//! The `word_diff` fuzz target: see `dealdraft_fuzz::word_diff` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &str| dealdraft_fuzz::word_diff(data));
