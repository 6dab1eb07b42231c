//! The `deal` fuzz target: see `dealdraft_fuzz::deal` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dealdraft_fuzz::deal(data));
