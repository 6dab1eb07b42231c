//! The vendor paper's Word reader: any bytes give paragraphs or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = dealdraft::paper::Paper::docx("fuzz.docx", data);
});
