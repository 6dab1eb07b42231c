//! User values are data: they come out literally, whatever they contain.

use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag};
use serde_json::json;

use crate::common::{example_json, markdown_text, patched, render_md};

const HOSTILE: &str = r"Acme #1 <EU> $AI *Group* _x_ @y \ {{ z }} [a](b)";

fn no_markup(md: &str) {
    for e in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match e {
            Event::Html(h) | Event::InlineHtml(h) => panic!("HTML in output: {h}"),
            Event::Start(Tag::Link { dest_url, .. }) => panic!("a link in output: {dest_url}"),
            Event::Start(Tag::Image { .. }) => panic!("an image in output"),
            Event::Code(c) => panic!("code in output: {c}"),
            _ => {}
        }
    }
}

#[test]
fn the_hostile_customer_name_round_trips_in_every_document() {
    let deal = patched(
        &example_json("global-bank.json"),
        json!({"deal": {"customer": {"legal_name": HOSTILE, "short_name": HOSTILE}, "title": HOSTILE}}),
    );
    for doc in crate::common::DOCUMENTS {
        let md = render_md(&deal, doc).unwrap();
        no_markup(&md);
        let text = markdown_text(&md);
        assert!(
            text.contains(&format!("Customer\n{HOSTILE}\n")),
            "{doc}: title block cell\n{text}"
        );
        if doc == "sow" {
            assert!(
                text.contains(&format!("made between {HOSTILE} (")),
                "{doc}: parties clause\n{text}"
            );
            assert!(
                text.contains(&format!("Statement of Work: {HOSTILE}")),
                "{doc}: title\n{text}"
            );
        }
    }
}

#[test]
fn values_never_reach_tera() {
    // A value that looks like a template is printed, not evaluated.
    let deal = patched(
        &example_json("global-bank.json"),
        json!({"deal": {"vendor": {"legal_name": "{% if true %}X{% endif %} {{ deal.id }}"}}}),
    );
    let md = render_md(&deal, "sow").unwrap();
    assert!(markdown_text(&md).contains("{% if true %}X{% endif %} {{ deal.id }}"));
}

fn reparsed_paragraph(md: &str) -> String {
    let mut s = String::new();
    for e in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match e {
            Event::Text(t) => s.push_str(&t),
            Event::Start(Tag::Paragraph) | Event::End(_) => {}
            other => return format!("<unexpected {other:?}>"),
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// The writer's escaping: any one-line text reads back as itself, at a line start or not.
    #[test]
    fn writer_escaping_round_trips(s in "[ -~äé€●]{1,40}") {
        let s = s.trim().to_string();
        prop_assume!(!s.is_empty());
        let md = dealdraft::render::markdown::escape_text(&s, true);
        prop_assert_eq!(reparsed_paragraph(&md), s.clone(), "escaped as {:?}", md);
        let md = format!("x {}", dealdraft::render::markdown::escape_text(&s, false));
        prop_assert_eq!(reparsed_paragraph(&md), format!("x {s}"), "escaped as {:?}", md);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Any customer name comes out of the whole pipeline literally.
    #[test]
    fn any_customer_name_renders_literally(name in "[!-~][ -~]{0,30}[!-~]") {
        let deal = patched(&example_json("minimal.json"), json!({"deal": {"customer": {"legal_name": name.clone()}}}));
        let md = render_md(&deal, "sow").unwrap();
        let text = markdown_text(&md);
        prop_assert!(text.contains(&format!("made between {name} (")), "{}", text);
    }
}
