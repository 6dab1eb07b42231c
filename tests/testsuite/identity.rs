//! Our own draft reads back as itself: `redline DEAL --against OWN`, where OWN is our own
//! render of the deal (Markdown or Word, the SOW with its annexes), gives no change for
//! every example, a business unit, one document or all of them, and random variants of
//! the examples; an edit made to our render shows as that edit alone, in its clause.

use std::collections::BTreeMap;

use dealdraft::redline::Against;
use dealdraft::{Format, Resolved};
use proptest::prelude::*;

use crate::common::{LIBRARY, example_json, resolve};

/// Our render of `deal`: the SOW with its annexes, as `format`.
fn render(deal: &Resolved, format: Format) -> Vec<u8> {
    let r = dealdraft::render_deal(
        deal,
        &LIBRARY,
        &dealdraft::RenderOptions {
            formats: vec![format],
            ..Default::default()
        },
    )
    .unwrap();
    r.files[0].1.clone()
}

/// The redline of `deal` against a file written with `bytes`, as Markdown, per document.
fn against_file(
    deal: &Resolved,
    name: &str,
    bytes: &[u8],
    documents: &str,
) -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let against = Against::load(path.to_str().unwrap(), deal, &LIBRARY).unwrap();
    let opts = dealdraft::redline::Options {
        documents: vec![documents.into()],
        formats: vec![Format::Markdown, Format::Docx],
        author: "test".into(),
        assemble: Default::default(),
    };
    let out = dealdraft::redline::redline(deal, &LIBRARY, &against, &opts)
        .unwrap_or_else(|e| panic!("redline failed: {e}"));
    let mut docx_marks = 0;
    let mut md = BTreeMap::new();
    for (n, b) in out.files {
        if n.ends_with(".docx") {
            let xml = crate::redline::part(&b, "word/document.xml");
            docx_marks += xml.matches("<w:ins ").count() + xml.matches("<w:del ").count();
        } else {
            md.insert(n, String::from_utf8(b).unwrap());
        }
    }
    md.insert("docx marks".into(), docx_marks.to_string());
    md
}

/// Asserts that every document of the redline shows no change at all.
fn assert_no_change(out: &BTreeMap<String, String>, what: &str) {
    assert_eq!(
        out["docx marks"], "0",
        "{what}: tracked changes in the Word redline"
    );
    let docs: Vec<_> = out.iter().filter(|(n, _)| n.ends_with(".md")).collect();
    assert!(!docs.is_empty(), "{what}");
    for (name, md) in docs {
        assert!(
            md.contains("Clauses: 0 changed, 0 inserted, 0 deleted, 0 moved,"),
            "{what}, {name}:\n{}",
            &md[..md.len().min(3000)]
        );
        // The legend names the marks once; the body has none, and there is no terms table.
        let body = md.split_once("\n---\n").map_or(md.as_str(), |x| x.1);
        assert!(
            !body.contains("<ins>") && !body.contains("<del>"),
            "{what}, {name}"
        );
        assert!(
            !md.contains("| Term | Baseline | Our draft |"),
            "{what}, {name}: a terms table"
        );
    }
}

#[test]
fn every_example_read_back_from_our_own_render_is_no_change() {
    for name in ["global-bank.json", "healthcare-azure.json", "minimal.json"] {
        let deal = resolve(&example_json(name)).unwrap();
        for (format, file) in [(Format::Markdown, "own.md"), (Format::Docx, "own.docx")] {
            let bytes = render(&deal, format);
            for documents in ["sow", "all"] {
                let what = format!("{name} against its own {file}, --document {documents}");
                assert_no_change(&against_file(&deal, file, &bytes, documents), &what);
            }
        }
    }
}

#[test]
fn a_business_units_own_render_is_no_change() {
    let deal = resolve(&example_json("global-bank.json")).unwrap();
    assert!(!deal.units().is_empty());
    for unit in deal.units() {
        let u = dealdraft::resolve::for_unit(&deal, &unit.id, &LIBRARY).unwrap();
        for (format, file) in [(Format::Markdown, "unit.md"), (Format::Docx, "unit.docx")] {
            let bytes = render(&u, format);
            assert_no_change(
                &against_file(&u, file, &bytes, "sow"),
                &format!("unit {} ({file})", unit.id),
            );
        }
    }
}

#[test]
fn an_edit_to_our_own_render_shows_as_that_edit_alone() {
    let deal = resolve(&example_json("global-bank.json")).unwrap();
    let md = String::from_utf8(render(&deal, Format::Markdown)).unwrap();
    // A figure changed, a sentence added after a paragraph, a list item taken out.
    let figure = md
        .find("Service Credits that rise as uptime falls")
        .unwrap();
    let line_start = md[..figure].rfind('\n').unwrap() + 1;
    let line_end = figure + md[figure..].find('\n').unwrap();
    let line = &md[line_start..line_end];
    assert!(line.contains("99.9%"), "{line}");
    let edited_line = line.replacen("99.9%", "99.5%", 1);
    let mut edited = format!(
        "{}{}\n\nVendor may suspend the Services for planned work on notice.{}",
        &md[..line_start],
        edited_line,
        &md[line_end..]
    );
    let item = edited
        .lines()
        .find(|l| l.starts_with("- ") && l.len() > 40)
        .unwrap()
        .to_string();
    edited = edited.replacen(&format!("{item}\n"), "", 1);
    let out = against_file(&deal, "edited.md", edited.as_bytes(), "sow");
    let sow = &out["sow.redline.md"];
    // The figure and the sentence are in one clause, the list item in another.
    assert!(
        sow.contains("Clauses: 2 changed, 0 inserted, 0 deleted, 0 moved,"),
        "{}",
        &sow[..600]
    );
    let body = sow.split_once("\n---\n").unwrap().1;
    assert!(
        body.contains("<del>99.5%,</del><ins>99.9%,</ins>"),
        "{body}"
    );
    assert!(
        body.contains("<del>Vendor may suspend the Services for planned work on notice.</del>"),
        "{body}"
    );
    let item_text = item.trim_start_matches("- ");
    assert!(
        body.contains(&format!("<ins>{}", &item_text[..20])),
        "{item_text}\n{body}"
    );
    // Nothing else is marked: three changes, each one place.
    assert_eq!(
        body.matches("<del>").count() + body.matches("<ins>").count(),
        4,
        "{body}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// Random variants of the examples: each read back from its own Word render is no
    /// change.
    #[test]
    fn a_random_deals_own_render_is_no_change(t in crate::redline::arb_variant()) {
        let names = ["global-bank.json", "healthcare-azure.json", "minimal.json"];
        let v = crate::redline::variant(&example_json(names[t.example % 3]), &t);
        let deal = resolve(&v);
        prop_assume!(deal.is_ok());
        let deal = deal.unwrap();
        for (format, file) in [(Format::Markdown, "own.md"), (Format::Docx, "own.docx")] {
            let bytes = render(&deal, format);
            assert_no_change(&against_file(&deal, file, &bytes, "sow"), &format!("{t:?} ({file})"));
        }
    }
}
