//! Golden files: each example's SOW (with annexes attached) and each annex on its own.

use crate::common::{LIBRARY, resolve};

#[test]
fn every_example_renders_as_reviewed() {
    insta::glob!("../../examples", "*.json", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let deal = resolve(&serde_json::from_str(&text).unwrap()).unwrap();
        let rendered = dealdraft::render_deal(
            &deal,
            &LIBRARY,
            &dealdraft::RenderOptions {
                documents: vec!["all".into()],
                ..Default::default()
            },
        )
        .unwrap();
        for (name, bytes) in &rendered.files {
            let name = name.trim_end_matches(".md");
            insta::assert_snapshot!(name, String::from_utf8(bytes.clone()).unwrap());
        }
    });
}

#[test]
fn business_unit_sows_render_as_reviewed() {
    let text =
        std::fs::read_to_string(crate::common::root().join("examples/global-bank.json")).unwrap();
    let deal = resolve(&serde_json::from_str(&text).unwrap()).unwrap();
    let unit = dealdraft::resolve::for_unit(&deal, "markets", &LIBRARY).unwrap();
    let rendered = dealdraft::render_deal(&unit, &LIBRARY, &Default::default()).unwrap();
    insta::assert_snapshot!(
        "global-bank-markets-sow",
        String::from_utf8(rendered.files[0].1.clone()).unwrap()
    );
}
