//! The `docx_reader` fuzz target: see `dealdraft_fuzz::docx_reader` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dealdraft_fuzz::docx_reader(data));
