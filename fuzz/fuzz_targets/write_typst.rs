//! The `write_typst` fuzz target: see `dealdraft_fuzz::write_typst` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &str| dealdraft_fuzz::write_typst(data));
