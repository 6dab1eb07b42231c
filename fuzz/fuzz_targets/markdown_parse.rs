//! The Markdown → model parser (clause bodies), and the vendor-paper readers of .md/.txt.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    let _ = dealdraft::assemble::parse::parse(data);
    let _ = dealdraft::paper::Paper::markdown("fuzz.md", data);
    let _ = dealdraft::paper::Paper::text("fuzz.txt", data);
});
