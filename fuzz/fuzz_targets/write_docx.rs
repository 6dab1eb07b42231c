//! Model → DOCX: the package reads back with our own Word reader.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    let doc = dealdraft_fuzz::document(data);
    if let Ok(bytes) = dealdraft::render::docx::render(&doc) {
        if let Err(e) = dealdraft::paper::Paper::docx("sow.docx", &bytes) {
            panic!("our own DOCX does not read back: {}", e.message);
        }
    }
});
