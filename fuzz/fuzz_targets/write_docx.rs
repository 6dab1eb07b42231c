//! The `write_docx` fuzz target: see `dealdraft_fuzz::write_docx` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &str| dealdraft_fuzz::write_docx(data));
