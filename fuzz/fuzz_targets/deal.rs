//! Deal loading, validation and resolution: any bytes give a deal or diagnostics.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

static LIBRARY: LazyLock<dealdraft::Library> =
    LazyLock::new(|| dealdraft::Library::builtin().expect("built-in library"));

fuzz_target!(|data: &[u8]| {
    let Ok(source) = dealdraft::deal::Source::from_bytes("fuzz.json", data.to_vec()) else {
        return;
    };
    if let Ok(deal) = dealdraft::resolve::resolve(&source, &LIBRARY) {
        // A deal that resolves also assembles (or reports why not), without a panic.
        let _ = dealdraft::assemble::assemble(&deal, &LIBRARY, "sow", Default::default());
    }
});
