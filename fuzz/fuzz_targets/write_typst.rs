//! Model → Typst data and project files: valid JSON that reads back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    let doc = dealdraft_fuzz::document(data);
    let data = dealdraft::render::typst::document_data(&doc);
    let files = dealdraft::render::typst::project_files(
        &doc,
        dealdraft::render::typst::DEFAULT_STYLE,
    );
    let json = files
        .iter()
        .find(|(n, _)| n.ends_with(".json"))
        .expect("a data file");
    let back: serde_json::Value = serde_json::from_slice(&json.1).expect("data file is JSON");
    assert_eq!(back, data);
});
