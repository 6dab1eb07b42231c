//! Counsel's read (issue 14): no clause may contradict another. Each test renders the
//! variants where a contradiction could recur — every example in both stances, and every
//! business unit's SOW in both stances — and asserts the agreeing text and the absence of
//! the contradicting one. A render also runs the defined-terms lint and the cross-reference
//! check, so every variant here passes them.

use std::sync::LazyLock;

use serde_json::{Value, json};

use crate::common::{LIBRARY, example_json, patched, render_md, resolve};

/// All text of a Markdown document as a reader sees it: blocks end a line, bold and italics
/// do not (unlike `common::markdown_text`, which ends a line after each).
/// Quotation marks are folded to straight ones: the wording is what these tests read, and
/// the quote style has its own test (`quotes::one_typographic_style_in_every_format`).
pub(crate) fn markdown_text(md: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, TagEnd};
    let mut s = String::new();
    for e in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match e {
            Event::Text(t) => s.push_str(&t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            Event::End(TagEnd::Strong | TagEnd::Emphasis | TagEnd::Link) => {}
            Event::End(_) => s.push('\n'),
            _ => {}
        }
    }
    fold_quotes(&s)
}

/// Typographic quotation marks as straight ones.
pub(crate) fn fold_quotes(s: &str) -> String {
    s.replace(['“', '”'], "\"").replace(['‘', '’'], "'")
}

/// The SOW with its annexes, as a reader sees it.
pub(crate) fn text(json: &Value) -> String {
    markdown_text(&render_md(json, "sow").unwrap_or_else(|e| panic!("{e}")))
}

/// A business unit's SOW, as a reader sees it.
pub(crate) fn unit_text(json: &Value, unit: &str) -> String {
    let deal = resolve(json).unwrap_or_else(|e| panic!("{e}"));
    let u = dealdraft::resolve::for_unit(&deal, unit, &LIBRARY).unwrap_or_else(|e| panic!("{e}"));
    let r = dealdraft::render_deal(
        &u,
        &LIBRARY,
        &dealdraft::RenderOptions {
            documents: vec!["sow".into()],
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    markdown_text(&String::from_utf8(r.files[0].1.clone()).unwrap())
}

pub(crate) fn with_stance(json: &Value, stance: &str) -> Value {
    patched(json, json!({"deal": {"stance": stance}}))
}

/// One rendered variant: its name, stance and text (and its Markdown, for list checks).
pub(crate) struct Variant {
    pub(crate) name: String,
    pub(crate) stance: &'static str,
    pub(crate) text: String,
    pub(crate) md: String,
}

/// Every example in both stances, and every unit of the bank in both stances.
pub(crate) static VARIANTS: LazyLock<Vec<Variant>> = LazyLock::new(|| {
    let mut out = Vec::new();
    for ex in ["global-bank.json", "healthcare-azure.json", "minimal.json"] {
        for stance in ["preferred", "fallback"] {
            let json = with_stance(&example_json(ex), stance);
            let md = render_md(&json, "sow").unwrap_or_else(|e| panic!("{ex} {stance}: {e}"));
            out.push(Variant {
                name: format!("{ex} ({stance})"),
                stance,
                text: markdown_text(&md),
                md,
            });
        }
    }
    for unit in ["retail", "markets", "wealth"] {
        for stance in ["preferred", "fallback"] {
            let json = with_stance(&example_json("global-bank.json"), stance);
            let deal = resolve(&json).unwrap();
            let u = dealdraft::resolve::for_unit(&deal, unit, &LIBRARY).unwrap();
            let r = dealdraft::render_deal(
                &u,
                &LIBRARY,
                &dealdraft::RenderOptions {
                    documents: vec!["sow".into()],
                    ..Default::default()
                },
            )
            .unwrap_or_else(|e| panic!("unit {unit} {stance}: {e}"));
            let md = String::from_utf8(r.files[0].1.clone()).unwrap();
            out.push(Variant {
                name: format!("global-bank.json unit {unit} ({stance})"),
                stance,
                text: markdown_text(&md),
                md,
            });
        }
    }
    out
});

/// The variants whose text has `needle` — at least one: a loop over none checks nothing.
#[track_caller]
pub(crate) fn variants_with(needle: &str) -> Vec<&'static Variant> {
    let found: Vec<&Variant> = VARIANTS
        .iter()
        .filter(|v| v.text.contains(needle))
        .collect();
    assert!(!found.is_empty(), "no variant has \"{needle}\"");
    found
}

/// The variants whose name starts with `prefix` — at least one.
#[track_caller]
pub(crate) fn variants_named(prefix: &str) -> Vec<&'static Variant> {
    let found: Vec<&Variant> = VARIANTS
        .iter()
        .filter(|v| v.name.starts_with(prefix))
        .collect();
    assert!(!found.is_empty(), "no variant named {prefix}…");
    found
}

pub(crate) fn variant(name: &str) -> &'static Variant {
    VARIANTS
        .iter()
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("no variant {name}"))
}

#[track_caller]
pub(crate) fn has(v: &Variant, needle: &str) {
    assert!(v.text.contains(needle), "{}: expected \"{needle}\"", v.name);
}

#[track_caller]
pub(crate) fn lacks(v: &Variant, needle: &str) {
    assert!(
        !v.text.contains(needle),
        "{}: did not expect \"{needle}\"",
        v.name
    );
}

// ---- "Unlimited" vs charged volume ----

#[test]
fn unlimited_is_decided_per_service_and_said_once() {
    for stance in ["preferred", "fallback"] {
        let v = variant(&format!("global-bank.json ({stance})"));
        has(
            v,
            "ChatGPT Enterprise is sold to Customer on an unlimited basis under Section 10.2: its fees are only those that the Price Schedule states for it (such as a price per user), which cover every feature and model included in it; they do not vary with how much Customer's users use it, and no use or part of it is charged for separately or by volume",
        );
        has(
            v,
            "ChatGPT Enterprise is sold to Customer on an unlimited basis, and \"unlimited\" means unlimited",
        );
        has(
            v,
            "Customer's use of the OpenAI API above the Annual Commitment is charged",
        );
        lacks(
            v,
            "Customer's use of the Services above the Annual Commitment",
        );
        lacks(v, "charge extra for its volume");
    }
    // Every service unlimited (the field omitted): no volume charge anywhere.
    let mut all = example_json("global-bank.json");
    all["commercial"]
        .as_object_mut()
        .unwrap()
        .remove("unlimited_services");
    for stance in ["preferred", "fallback"] {
        let t = text(&with_stance(&all, stance));
        assert!(t.contains("The Services are sold to Customer on an unlimited basis under Section 10.2: their fees are only those that the Price Schedule states for them (such as a price per user), which cover every feature and model included in them; they do not vary with how much Customer's users use the Services"), "{stance}");
        assert!(
            !t.contains("above the Annual Commitment is charged"),
            "{stance}"
        );
    }
    // No unlimited plan: volume above the commitment is charged, and no clause says otherwise.
    for v in variants_named("healthcare") {
        has(
            v,
            "Customer's use of the Services above the Annual Commitment is charged",
        );
        lacks(v, "unlimited basis");
    }
}

#[test]
fn unlimited_services_must_name_services_of_the_deal() {
    let bad = patched(
        &example_json("global-bank.json"),
        json!({"commercial": {"unlimited_services": ["ChatGPT Enterprize"]}}),
    );
    let err = resolve(&bad).unwrap_err().to_string();
    assert!(err.contains("is not one of `deal.services`"), "{err}");
    assert!(err.contains("did you mean \"ChatGPT Enterprise\""), "{err}");
    // Without an unlimited plan the list says nothing: every service is charged by volume.
    let no_plan = patched(
        &example_json("global-bank.json"),
        json!({"commercial": {"unlimited_plan": false}}),
    );
    let t = text(&no_plan);
    assert!(!t.contains("unlimited basis"));
    assert!(t.contains("Customer's use of the Services above the Annual Commitment is charged"));
}

// ---- Maintenance vs Downtime ----

#[test]
fn emergency_maintenance_has_its_own_limit_and_the_two_clauses_agree() {
    for v in variants_with("Annex A") {
        lacks(
            v,
            "emergency maintenance to address a critical security vulnerability, notified as soon as practicable",
        );
        if v.text.contains("Emergency Maintenance") {
            lacks(v, "maintenance that is not Scheduled Maintenance");
        }
        if v.stance == "fallback" && !v.name.starts_with("minimal") {
            has(
                v,
                "Emergency Maintenance within the limits of this Annex; or",
            );
            // The Markets unit's one-hour Scheduled Maintenance limit also bounds its
            // Emergency Maintenance, which counts inside it (blind11 customer-A 7).
            let limit = if v.name.contains("unit markets") {
                "one (1) hour"
            } else {
                "two (2) hours"
            };
            has(
                v,
                &format!(
                    "Emergency Maintenance is excluded from Downtime for no more than {limit} in total in any calendar month for all Covered Services together, an hour counting once for each Covered Service that the maintenance affects, and every further minute of Emergency Maintenance in that month is Downtime. The hours of Emergency Maintenance that are excluded from Downtime count towards, and are not in addition to, the limit for Scheduled Maintenance: the two together are excluded from Downtime for no more than that limit in a calendar month, in whatever order they occur, and once they reach it every further minute of either in that month is Downtime."
                ),
            );
            has(
                v,
                "is nevertheless Downtime if it falls in maintenance that is neither Scheduled Maintenance nor Emergency Maintenance",
            );
        }
    }
    // The preferred stance excludes no emergency maintenance, and says nothing of it.
    let v = variant("global-bank.json (preferred)");
    lacks(v, "Emergency Maintenance");
    has(
        v,
        "is nevertheless Downtime if it falls in maintenance that is not Scheduled Maintenance, in Scheduled Maintenance beyond the monthly limit",
    );
    // With no limit for emergency maintenance, the draft says the exclusion is unlimited.
    let json = patched(
        &with_stance(&example_json("healthcare-azure.json"), "fallback"),
        json!({"sla": {"emergency_maintenance": null}}),
    );
    let t = text(&json);
    assert!(t.contains("Emergency Maintenance is excluded from Downtime without a monthly limit."));
    // With no limit for scheduled maintenance, the emergency limit stands alone.
    let json = patched(
        &with_stance(&example_json("healthcare-azure.json"), "fallback"),
        json!({"sla": {"maintenance": null}}),
    );
    let t = text(&json);
    assert!(t.contains("Emergency Maintenance is excluded from Downtime for no more than two (2) hours in total in any calendar month for all Covered Services together, an hour counting once for each Covered Service that the maintenance affects, and every further minute"), "{t}");
}

// ---- Residency ----

#[test]
fn residency_binds_vendor_its_personnel_and_subprocessors_only() {
    for v in variants_with("Approved Region") {
        lacks(v, "allow any person to access it");
        has(
            v,
            "This Section restricts Vendor, its personnel and its sub-processors only: it does not restrict where Customer and its users access or use the Services or Customer Data.",
        );
    }
    // The preferred stance still lets round-the-clock support in every language work, from
    // the countries Customer approves (blind read 7, customer-A 9).
    let v = variant("global-bank.json (preferred)");
    has(
        v,
        "except that Vendor's support personnel may view the Customer Data that Customer supplies with a support request, from a country that Customer has approved in writing for that purpose (an approval that Customer shall not unreasonably withhold), to provide the support in Annex B (in its hours of coverage and languages)",
    );
    let v = variant("healthcare-azure.json (fallback)");
    has(
        v,
        "Vendor shall not transfer Customer Data outside the Approved Region, except that Vendor's personnel and sub-processors may access Customer Data from outside the Approved Region to the extent needed to provide support in accordance with Annex B",
    );
}

// ---- Precedence ----

#[test]
fn precedence_in_both_stances() {
    for v in VARIANTS.iter() {
        if !v.name.starts_with("minimal") || v.text.contains("Annex A") {
            // blind14 vendor-A 32: a call-off names its own Section's precedence here.
            has(
                v,
                if v.name.contains(" unit ") {
                    "If the body of this SOW conflicts with one of its annexes, the annex prevails as to its own subject matter, except that this Section and Section 1.2 prevail over the annexes."
                } else {
                    "If the body of this SOW conflicts with one of its annexes, the annex prevails as to its own subject matter, except that this Section prevails over the annexes."
                },
            );
        }
        lacks(
            v,
            "except where this SOW expressly states that it overrides",
        );
        if v.stance == "preferred" {
            has(
                v,
                "conflicts with the Agreement, this SOW prevails as to the Services and every matter it covers",
            );
            has(
                v,
                "The limitations and exclusions of liability in the Agreement apply to liability under this SOW except where a provision of this SOW provides otherwise",
            );
            has(
                v,
                "such a provision prevails over them (as Section 4.3 of Annex D does for the breaches of Annex D that it covers and for the losses that it states to be direct losses).",
            );
        } else {
            has(
                v,
                "conflicts with the Agreement, the Agreement prevails only as to governing law, jurisdiction and dispute resolution, the limitation and exclusion of liability (but not force majeure or any other excuse of a party's performance), indemnities (other than an indemnity that this SOW gives, which this SOW governs, any limit that this SOW states for that indemnity included, the Agreement's procedure for indemnified claims applying to it where this SOW sets none), and the Agreement's general terms",
            );
            has(
                v,
                "On every other matter this SOW covers, including the scope of the Services, service levels, support, training, the handling of Customer Data, fees and prices, the pilot, termination and transition, this SOW prevails.",
            );
        }
    }
}

// ---- Business units ----

#[test]
fn a_unit_sow_is_a_call_off_under_the_master_sow() {
    let changes = [
        (
            "retail",
            vec!["this SOW changes the languages of support, as set out in this SOW."],
        ),
        (
            "markets",
            vec![
                "the monthly uptime commitment;",
                "the service credit table;",
                // The terms that change with the uptime are changed too (counsel review
                // 2026-12-06, finding 8).
                "what is a Service Level Failure for the Unit;",
                "termination for chronic failure, which counts those Service Level Failures; and",
                "the service level reports, which report against the service levels as changed.",
            ],
        ),
        // The wealth unit's override sets what the master already has (tailored training
        // content is the preferred default): it changes nothing, and its call-off says so
        // (blind read: "changes the tailoring of training content" with the master's text).
        (
            "wealth",
            vec!["This SOW changes no term of the Master SOW."],
        ),
    ];
    for (unit, expected) in changes {
        for stance in ["preferred", "fallback"] {
            let v = variant(&format!("global-bank.json unit {unit} ({stance})"));
            has(
                v,
                "This SOW is a call-off under the Statement of Work between the parties for Enterprise AI Services, effective 1 January 2027 (reference northwind-bank-openai-2027) (the \"Master SOW\")",
            );
            has(
                v,
                "This SOW sets no commitment of its own: the Unit's use of the Services counts toward the annual commitment of the Master SOW, and counts once.",
            );
            has(
                v,
                "The Unit's use of the Services counts toward the commitment under the Master SOW to spend USD 1,500,000",
            );
            lacks(v, "Customer commits to spend");
            has(
                v,
                "On every other matter the Master SOW governs the Unit's use of the Services",
            );
            has(v, "not additional ones");
            // Blind read (customer's and vendor's counsel alike): ending a unit's call-off
            // must not delete the whole bank's data or release the master commitment.
            has(
                v,
                "applies only to the Unit's use of the Services and to the Unit Data, never to Customer's use of the Services under the Master SOW or any other call-off.",
            );
            has(
                v,
                "The Customer Data submitted in the Unit's use of the Services is the \"Unit Data\"",
            );
            // The master commitment: reduced by the Unit's share only, on any termination
            // of the call-off, at both stances (blind16 customer-A 2).
            has(
                v,
                "and the annual commitment of the Master SOW is reduced, for the rest of the period in which termination takes effect (pro rata) and for every later period, by the Unit's share of it only, on a termination of this SOW on whatever ground",
            );
            // ... and the annexes, which prevail over the body as to their subject matter
            // (their deletion and release clauses are unqualified), do not undo it (blind
            // read 4, both counsel).
            has(
                v,
                "This Section prevails over every other provision of this SOW, its annexes included.",
            );
            has(
                v,
                "If the body of this SOW conflicts with one of its annexes, the annex prevails",
            );
            for e in &expected {
                // At the fallback stance the master does not tailor the training, so the
                // wealth unit's override does change it.
                if unit == "wealth" && stance == "fallback" {
                    has(
                        v,
                        "this SOW changes the tailoring of training content, as set out in this SOW.",
                    );
                    continue;
                }
                has(v, e);
            }
        }
    }
    // The master SOW is no call-off.
    lacks(variant("global-bank.json (preferred)"), "Master SOW");
    // A unit with a commitment of its own says so, and its use still counts toward the master's
    // in the preferred stance.
    let json = patched(
        &example_json("global-bank.json"),
        json!({"business_units": [{"id": "lab", "name": "AI Lab", "overrides": {"deal": {"annual_commitment": {"amount": 200000, "currency": "USD"}}}}]}),
    );
    let t = unit_text(&json, "lab");
    assert!(t.contains("This SOW sets an Annual Commitment of its own for the Unit's use of the Services, and that use counts toward both that Annual Commitment and the annual commitment of the Master SOW."), "{t}");
    assert!(t.contains("Customer commits to spend USD 200,000"));
    assert!(t.contains("this SOW changes the annual commitment, as set out in this SOW."));
}

// ---- Interpretation and grammar ----

#[test]
fn an_interpretation_clause_defines_months_business_days_and_headings() {
    for v in VARIANTS.iter() {
        has(
            v,
            "a month or calendar month is a calendar month, and a day is a calendar day, each beginning and ending at midnight Coordinated Universal Time (UTC)",
        );
        has(
            v,
            "a calendar month that falls only partly within the Term counts only for its part within the Term",
        );
        has(v, "a business day is a day from Monday to Friday");
        has(
            v,
            "normal business hours are 08:00 to 18:00, Monday to Friday, in the time zone concerned;",
        );
        lacks(v, "Customer's business hours");
        has(
            v,
            "headings, the table of contents and the cover page do not affect the interpretation of this SOW.",
        );
    }
    // blind16 customer-A 10: both parties' places, one clock, never the first time zone.
    has(
        variant("healthcare-azure.json (fallback)"),
        "not a public holiday at the place of Customer's registered office or at that of Vendor's, beginning and ending at midnight local time at the place of Customer's registered office;",
    );
    // The uptime definition measures a partial month the way the interpretation clause does.
    for v in variants_with("\"Monthly Uptime Percentage\"") {
        has(
            v,
            "for a calendar month only partly within the Term, each of those numbers counts only the minutes within the Term.",
        );
    }
    has(
        variant("global-bank.json (preferred)"),
        "not a public holiday at the place of Customer's registered office or at that of Vendor's, beginning and ending at midnight local time at the place of Customer's registered office;",
    );
    lacks(
        variant("global-bank.json (preferred)"),
        "beginning and ending at midnight Eastern Time (America/New_York);",
    );
}

#[test]
fn time_zones_are_printed_as_names_a_reader_knows() {
    let zones = [
        "America/New_York",
        "Europe/London",
        "Asia/Singapore",
        "Europe/Berlin",
        "Europe/Madrid",
    ];
    for v in VARIANTS.iter() {
        for z in zones {
            // In the brackets after a zone's name, alone or with others of that name
            // ("(Europe/Berlin and Europe/Madrid)").
            for (i, _) in v.text.match_indices(z) {
                let before = &v.text[..i];
                let after = &v.text[i + z.len()..];
                let open = before.rfind('(').is_some_and(|o| {
                    before.rfind(')').is_none_or(|c| c < o)
                        && before[o + 1..]
                            .split([',', ' '])
                            .all(|w| w.is_empty() || w == "and" || zones.contains(&w))
                });
                let close = after.find(')').is_some_and(|c| {
                    after.find('(').is_none_or(|o| c < o)
                        && after[..c]
                            .split([',', ' '])
                            .all(|w| w.is_empty() || w == "and" || zones.contains(&w))
                });
                assert!(open && close, "{}: bare time zone {z}", v.name);
            }
        }
    }
    has(
        variant("healthcare-azure.json (fallback)"),
        "Central European Time (Europe/Berlin and Europe/Madrid), and any other that Customer notifies to Vendor in writing)",
    );
    has(
        variant("global-bank.json (fallback)"),
        "those time zones are Eastern Time (America/New_York), UK time (Europe/London) and Singapore Time (Asia/Singapore)",
    );
    // Business-hours coverage names its zone too.
    let json = patched(
        &example_json("healthcare-azure.json"),
        json!({"support": {"coverage": "business_hours", "business_hours": {"timezone": "Europe/Berlin", "start": "08:00", "end": "18:00"}}}),
    );
    let t = text(&json);
    assert!(t.contains("Vendor shall provide support for P1 and P2 requests at all times, including at night, at weekends and on public holidays, and for requests of the other Severity Levels from 08:00 to 18:00, Central European Time (Europe/Berlin), on every business day."), "{t}");
    assert!(t.contains("except that for the hours of support coverage it is such a day in the time zone of those hours"));
}

#[test]
fn regions_take_their_article_and_agree_in_number() {
    let v = variant("global-bank.json (preferred)");
    has(
        v,
        "only in data centres located in the following regions (each an \"Approved Region\"): the United States and the European Union.",
    );
    let v = variant("healthcare-azure.json (fallback)");
    has(
        v,
        "only in data centres located in the European Union (the \"Approved Region\").",
    );
    has(v, "Customer's region is the European Union.");
    has(
        v,
        "outside the Approved Region except as Section 3.2 permits",
    );
    has(
        v,
        "across its operations in the European Union in the healthcare sector",
    );
    for v in VARIANTS.iter() {
        lacks(v, "following region (");
        lacks(v, "in European Union");
        lacks(v, "Approved Regions\"");
    }
}

#[test]
fn the_services_agree_in_number_with_the_deal() {
    has(
        variant("healthcare-azure.json (fallback)"),
        "Vendor shall provide Azure OpenAI Service, together with every update and new version of it (however Vendor names, packages or markets it) that Vendor makes generally available during the Term, everything that Section 10.5 includes in it and every beta, preview or early-access feature or model of it that Customer uses",
    );
    has(
        variant("global-bank.json (preferred)"),
        "ChatGPT Enterprise and the OpenAI API, together with every update, new version, feature, function and model of them",
    );
    for v in VARIANTS.iter() {
        lacks(v, "model release of them");
    }
}

/// The bulleted lists of a Markdown document: each a list of item texts.
fn bullet_lists(md: &str) -> Vec<Vec<String>> {
    let mut lists = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    for line in md.lines() {
        if let Some(item) = line.strip_prefix("- ") {
            cur.push(item.trim_end().to_string());
        } else if !cur.is_empty() {
            lists.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        lists.push(cur);
    }
    lists
}

#[test]
fn every_cumulative_list_ends_with_and_before_its_last_item() {
    for v in VARIANTS.iter() {
        for list in bullet_lists(&v.md) {
            if list.len() < 2 {
                continue;
            }
            let pen = &list[list.len() - 2];
            assert!(
                pen.ends_with("; and") || pen.ends_with("; or"),
                "{}: the item before the last should end \"; and\": {pen}\n{list:#?}",
                v.name
            );
            for item in &list[..list.len() - 2] {
                assert!(
                    item.ends_with(';'),
                    "{}: a list item should end \";\": {item}",
                    v.name
                );
            }
        }
    }
}

#[test]
fn figures_are_in_words_and_figures_throughout() {
    let bare = regex_lite_find_bare_figures;
    for v in VARIANTS.iter() {
        if let Some(hit) = bare(&v.text) {
            panic!("{}: a figure without words: \"{hit}\"", v.name);
        }
    }
    let v = variant("global-bank.json (preferred)");
    has(v, "one and a half (1.5) hours");
    has(v, "eighteen and a half (18.5) hours of training in total");
    has(
        v,
        "allows at most forty-three point two (43.2) minutes of Downtime of a Covered Service in a month of thirty (30) days",
    );
    has(v, "within two thousand (2,000) milliseconds");
}

/// The first "1.5 hours"-style figure (digits then a unit, not inside "(...)").
fn regex_lite_find_bare_figures(t: &str) -> Option<String> {
    let units = [" hour", " minute", " day", " month", " millisecond"];
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit()
            && (i == 0 || !(b[i - 1].is_ascii_digit() || b[i - 1] == b'.' || b[i - 1] == b','))
        {
            let start = i;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' || b[i] == b',') {
                i += 1;
            }
            let preceded = start > 0 && b[start - 1] == b'(';
            let rest = &t[i..];
            if !preceded && units.iter().any(|u| rest.starts_with(u)) {
                return Some(t[start..(i + 12).min(t.len())].to_string());
            }
        } else {
            i += 1;
        }
    }
    None
}

#[test]
fn the_training_schedule_runs_in_due_date_order_without_repeating_titles() {
    for stance in ["preferred", "fallback"] {
        let v = variant(&format!("global-bank.json ({stance})"));
        let dates = [
            "31 January 2027",
            "2 March 2027",
            "31 March 2027",
            "1 April 2027 (ninety (90) days",
        ];
        let table = &v.md[v.md.find("| Session |").unwrap()..];
        let at: Vec<usize> = dates
            .iter()
            .map(|d| table.find(d).unwrap_or_else(|| panic!("{d}")))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{}: {at:?}", v.name);
        lacks(v, "Administrator onboarding\nAdministrator onboarding");
        assert!(
            v.md.contains("| Administrator onboarding | two (2) |"),
            "{}",
            v.name
        );
        assert!(v.md.contains("| Prompt best practices for end users (End-user training) |"));
        assert!(v.md.contains("| Prompt engineering for risk and compliance teams | two (2) |"));
    }
}

// ---- Beyond the list: found on the full read ----

#[test]
fn fallback_fees_cannot_charge_for_what_an_annex_includes() {
    let v = variant("healthcare-azure.json (fallback)");
    has(
        v,
        "unless this SOW expressly states a charge for it or, for an item that this SOW does not state to be included in the fees for the Services or provided at no extra charge, the Agreement does.",
    );
    lacks(
        v,
        "unless this SOW or the Agreement expressly states a charge for it",
    );
}

#[test]
fn claims_and_termination_run_from_the_report_that_shows_the_failure() {
    for v in variants_with("Claiming and Applying Service Credits") {
        has(
            v,
            "after the day by which Vendor's report under Section 6.3 covering that month is due or, if Vendor sends it late, after Customer receives it",
        );
    }
    has(
        variant("healthcare-azure.json (fallback)"),
        "within ninety (90) days after the day by which Vendor's report under Section 6.3 covering the last of those months is due or, if Vendor sends it late, after Customer receives it",
    );
    has(
        variant("global-bank.json (preferred)"),
        "at any time within six (6) months after the day by which Vendor's report under Section 6.3 covering the last of those months is due or, if Vendor sends it late, after Customer receives it",
    );
}

/// Blind read (customer's counsel, 2026-12-06): payment "within thirty (30) days after the
/// claim is accepted" never fell due while Vendor stayed silent on a claim. In every stance an
/// unanswered claim becomes accepted: at once in the preferred stance, after a reminder in
/// the fallback.
#[test]
fn a_claim_vendor_leaves_unanswered_is_accepted() {
    let mut seen = 0;
    for v in variants_with("Claiming and Applying Service Credits") {
        seen += 1;
        if v.stance == "preferred" {
            has(
                v,
                "A claim that Vendor does not reject in that way within that period is accepted.",
            );
        } else {
            has(
                v,
                "If Vendor has not answered a claim within that period, Customer may remind Vendor of it in writing, and a claim that Vendor does not reject in that way within ten (10) days after receiving the reminder is accepted.",
            );
        }
    }
    assert!(seen >= 6, "only {seen} drafts have a claims clause");
}

#[test]
fn customer_classifies_severity_and_fixed_severities_are_floors() {
    for v in variants_with("Priority Fixes for Model Errors") {
        has(
            v,
            "or of any higher Severity Level that Customer assigns to it under that Annex,",
        );
    }
    let json = with_stance(&example_json("global-bank.json"), "fallback");
    let json = patched(
        &json,
        json!({"sla": {"latency": {"percentile": 95, "threshold_ms": 2000}}}),
    );
    let t = text(&json);
    assert!(t.contains("Vendor shall treat the failure as an incident of severity P2 under Annex B, or of any higher Severity Level that Customer assigns to it under that Annex"));
    // The latency exclusions follow the SOW's guaranteed rate limits, not Vendor's documentation.
    assert!(t.contains("Where Customer's requests to a model of a Covered Service in a minute exceed the minimum guaranteed rate limits that apply to them under Section 10.2 of the Statement of Work, the requests that Customer submits to that model in that minute after those limits have been reached are not counted, and nor are requests larger than the limit on request size that Vendor's documentation states for the model concerned or for the interface through which the request is made, each limit being the largest that Vendor's documentation has stated for it at any time since the Effective Date;"), "{t}");
    // A request for information counts as a response only as Annex B provides; nothing suspends it.
    assert!(t.contains("a request for further information counts as Vendor's response to a support request only as Section 2.2 of Annex B provides"));
    assert!(!t.contains("is suspended only to the extent"));
}

#[test]
fn the_services_do_not_include_new_models_the_models_clause_excludes() {
    let json = patched(
        &example_json("healthcare-azure.json"),
        json!({"commercial": {"new_models_included": false, "model_swap": false}}),
    );
    let t = text(&json);
    assert!(t.contains("together with every update and new version of it (however Vendor names, packages or markets it) that Vendor makes generally available during the Term and every beta, preview or early-access feature or model of it that Customer uses (the \"Services\")"), "{t}");
    assert!(!t.contains("model release"));
}

#[test]
fn a_credit_cap_that_cannot_bind_carries_no_illusory_carve_out() {
    // Cap 35%, top tier 30% plus the fallback's 5% latency credit (blind14 customer-A 6): the
    // cap never binds, so "uncapped below 99%" is idle.
    let json = patched(
        &example_json("healthcare-azure.json"),
        json!({"sla": {"credit_cap_pct": 35}}),
    );
    let t = text(&json);
    assert!(t.contains(
        "shall not in total exceed 35% of the fees for that Covered Service for that month. No other limit applies to Service Credits, whether for a year or in aggregate. Service Credits do not count towards, and are not limited by, any limitation of Vendor's liability in the Agreement."
    ));
    assert!(!t.contains("That limit does not apply to a month"));
    // A cap below the top tier binds, and the carve-out for severe failures is stated.
    let json = patched(
        &example_json("healthcare-azure.json"),
        json!({"sla": {"credit_cap_pct": 25}}),
    );
    let t = text(&json);
    assert!(t.contains("That limit does not apply to a month in which the Monthly Uptime Percentage of the Covered Service is below 99%"));
}

#[test]
fn an_extendable_pilot_says_so_wherever_its_end_is_stated() {
    // Vendor's delays extend the pilot at both stances (counsel review 2026-12-06, item 6):
    // the extension is stated once, in Annex E, and the SOW body and onboarding point to it.
    for name in [
        "global-bank.json (preferred)",
        "healthcare-azure.json (fallback)",
    ] {
        let v = variant(name);
        has(
            v,
            "unless it is extended for a delay by Vendor, and is governed by Section 1.1 of Annex E",
        );
        has(v, "or on the later date to which it is extended below");
        has(
            v,
            "The Pilot Period is extended by one day for each day on which onboarding remains incomplete after the deadline for it under",
        );
        has(
            v,
            "A delay by Vendor in onboarding extends the Pilot Period as Section 1.1 of Annex E provides.",
        );
        lacks(v, "(unless extended under Section 9.1)");
    }
    let v = variant("global-bank.json (preferred)");
    has(
        v,
        "ends on 1 April 2027, ninety (90) days after it, or on the later date to which it is extended below",
    );
}

#[test]
fn a_missed_latency_month_is_a_service_level_failure_by_definition() {
    let v = variant("global-bank.json (preferred)");
    has(
        v,
        "is a \"Service Level Failure\" for that Covered Service, and so is a calendar month in which 0.5% or more of all the requests that Customer's systems and users submit to it in that month, other than in minutes excluded under Section 5.1, fail with server-side errors, are Time-outs or cannot connect to it, and so is a calendar month in which the Latency Commitment is not met for it under Section 4.1, and so is a calendar month during any part of which a fix, workaround or permanent fix that Section 4.2 requires for a Model Error in that Covered Service is overdue, and so is a calendar month in which Vendor misses the Response Time for a support request of the highest Severity Level in the table in Section 2.1 of Annex B, or the Response Times for two (2) or more support requests of the second-highest Severity Level in it, that concern that Covered Service.",
    );
    has(
        v,
        "That month is also a Service Level Failure for that Covered Service, as Section 2.1 provides.",
    );
}

#[test]
fn a_workaround_changes_the_severity_only_as_the_severity_clause_allows() {
    for v in variants_with("Critical Requests") {
        // Counsel's review, item 41: the severity clause changes no level by itself, so
        // this Section does, on Customer's confirmation (blind37 customer 8, vendor 5: no
        // Customer duty to reclassify).
        has(
            v,
            "When Customer so confirms, the request becomes a P2 request",
        );
        lacks(v, "Customer shall reclassify");
        lacks(
            v,
            "its Severity Level being changed as Section 2.1 provides",
        );
        lacks(v, "resolved by a workaround becomes a P2 request");
    }
}

#[test]
fn incident_updates_and_support_updates_agree() {
    has(
        variant("global-bank.json (preferred)"),
        "Vendor shall then update Customer at least every thirty (30) minutes until the Covered Service is fully restored, even where Section 2.1 of Annex B allows a longer interval between updates on a related support request",
    );
    let v = variant("healthcare-azure.json (fallback)");
    has(
        v,
        "Vendor shall then update Customer at least every four (4) hours, the interval for status updates on a P1 request under Section 2.1 of Annex B, until the Covered Service is restored",
    );
    lacks(v, "at regular intervals");
}

#[test]
fn service_credits_are_one_defined_term_in_the_body_and_every_annex() {
    for v in variants_with("\"Service Credit\"") {
        lacks(v, "service credits");
        lacks(v, "Service credits");
    }
}

#[test]
fn transition_after_chronic_failure_is_charged_as_the_exit_annex_says() {
    let v = variant("global-bank.json (preferred)");
    has(
        v,
        "Customer may require the transition assistance provided for in Annex E, with no charge for it beyond the fees for the Services that Customer uses during the Transition Period.",
    );
    lacks(v, "Annex E, at no charge to Customer");
    // Where transition assistance is otherwise charged, the chronic-failure rule says it wins.
    let json = patched(
        &example_json("global-bank.json"),
        json!({"exit": {"transition_assistance": {"days": 180, "included_in_fees": false}}}),
    );
    let t = text(&json);
    assert!(t.contains("during the Transition Period, whatever Section 4.1 of Annex E provides on charges for other terminations."), "{t}");
}

#[test]
fn every_clause_starts_the_response_clock_at_the_same_moment() {
    for v in variants_with("\"Response Time\"") {
        lacks(v, "from the moment Vendor receives a request");
        lacks(v, "from the moment Customer reports the request");
        has(
            v,
            "A Response Time runs from the moment Customer submits the request",
        );
        if v.text.contains("Support Channels") {
            has(
                v,
                "the Response Time runs from the moment Customer submits a request",
            );
        }
        if v.text.contains("Documentation of Support Requests") {
            has(v, "run from the submission of the request");
        }
    }
}

#[test]
fn a_unit_lists_a_clause_position_it_changes_by_the_clause_heading() {
    let json = patched(
        &example_json("global-bank.json"),
        json!({"business_units": [{"id": "lab", "name": "AI Lab", "overrides": {"positions": {"sla.service_credits": "fallback"}, "support": {"languages": ["English"]}}}]}),
    );
    let t = unit_text(&json, "lab");
    assert!(
        t.contains("the terms headed \"Service Credits\"; and"),
        "{t}"
    );
    assert!(t.contains("the languages of support."));
}

#[test]
fn charged_transition_assistance_leaves_the_free_exports_free() {
    let json = patched(
        &with_stance(&example_json("healthcare-azure.json"), "fallback"),
        json!({"exit": {"transition_assistance": {"days": 90, "included_in_fees": false}}}),
    );
    let t = text(&json);
    assert!(t.contains(
        "Vendor shall provide at no extra charge every export requested on or after termination or expiry"
    ));
    assert!(t.contains("and for the other transition assistance (except the exports, which Section 2.3 of Annex D provides at no extra charge) at the lower of Vendor's standard rates for professional services to its enterprise customers on the date of termination or expiry"), "{t}");
}

#[test]
fn notices_the_sow_provides_for_are_not_changes_that_need_both_signatures() {
    for v in VARIANTS.iter() {
        has(
            v,
            "A notice, request, consent or agreement that this SOW itself provides for (such as ",
        );
        // blind15 customer-A 10: the examples are the draft's own (see review_blind15_commercial).
        has(
            v,
            "naming a liaison or moving a training date) is not a change to this SOW and takes effect as the provision concerned states.",
        );
    }
}

/// The vendor's terms (a deal of the vendor's position, as `intake` writes one) read as one
/// position throughout (blind reads of 2026-12-06): the SOW says of credits what the annex
/// says; a single tier does not "rise"; availability across all customers is not defined
/// by Customer's access; one error-rate test; only the vendor's own infrastructure counts
/// everywhere; discretionary credits are not "owed"; claims do not wait for reports sent
/// only on request, nor are some credits "claimed" where all are.
#[test]
fn vendor_terms_read_as_one_position() {
    let base = example_json("healthcare-azure.json");
    let vendor = patched(
        &base,
        json!({"sla": {
            "credit_tiers": [{"below_pct": 99.5, "credit_pct": 5}],
            "credit_cap_pct": 5,
            "credit_remedy": "sole",
            "credits_discretionary": true,
            "credits_automatic": false,
            "measurement_scope": "all_customers",
            "downtime_threshold": {"consecutive_minutes": 5, "error_rate_pct": 25},
            "vendor_infrastructure_only": true,
            "reports_on_request": true,
            "status_reports": "quarterly"
        }}),
    );
    let t = text(&vendor);
    assert!(
        // Blind read 18 (customer-B 5): the body names Annex A's rule instead of summarising it.
        t.contains("Section 3.1 of Annex A alone states to what extent they are Customer's remedy for Downtime"),
        "{t}"
    );
    assert!(!t.contains("not Customer's sole remedy"), "{t}");
    assert!(
        !t.contains("Service Credits that rise as uptime falls"),
        "{t}"
    );
    assert!(t.contains("a Service Credit when it is missed"), "{t}");
    assert!(
        !t.contains("Customer can access the Covered Service"),
        "{t}"
    );
    assert!(
        t.contains("Availability is judged across all of Vendor's customers"),
        "{t}"
    );
    assert!(!t.contains("material proportion"), "{t}");
    assert!(t.contains("(b) 25% or more of the requests that Vendor's customers submit in that minute to it fail with server-side errors or are Time-outs."), "{t}");
    assert!(
        !t.contains("hosting provider or supplier of Vendor is Downtime"),
        "{t}"
    );
    assert!(t.contains("is not Downtime"), "{t}");
    assert!(
        t.contains("a credit of fees that Vendor grants Customer"),
        "{t}"
    );
    assert!(!t.contains("Vendor owes Customer"), "{t}");
    assert!(!t.contains("receipt of Vendor's report"), "{t}");
    assert!(
        !t.contains("for a Service Credit that Customer has claimed"),
        "{t}"
    );
}

// ---- Typography ----

/// Blind read 16 (customer-A, customer-B): "a Call-Off … provides for.Each right of Customer"
/// — a template comment that trimmed the space after a full stop. No sentence of any variant
/// runs into the next: a full stop (or closing bracket and stop) directly before a capital
/// and a lower-case letter.
#[test]
fn no_sentence_runs_into_the_next() {
    for v in VARIANTS.iter() {
        let chars: Vec<char> = v.text.chars().collect();
        for w in chars.windows(4) {
            if (w[0].is_lowercase() || w[0] == ')')
                && w[1] == '.'
                && w[2].is_uppercase()
                && w[3].is_lowercase()
            {
                let at: String = w.iter().collect();
                let i = v.text.find(&at).unwrap_or(0);
                let from = v.text.floor_char_boundary(i.saturating_sub(60));
                panic!(
                    "{}: a sentence runs into the next: …{}…",
                    v.name,
                    &v.text[from..i + at.len()]
                );
            }
        }
    }
}

/// How Annex E's no-charges bullet ends: at both stances, Vendor's damages for Customer's breach
/// are a separate sentence after the list (blind17 customer-A 1, customer-B 1, vendor-A 19).
pub(crate) fn refunds_bullet_end(_v: &Variant) -> &'static str {
    "; and"
}

/// `needle` as a business unit's SOW words it where `v` is one: a call-off's liability caps
/// are the Master SOW's one limit, on the fees of the Master SOW and its call-offs (blind60
/// vendor-B 4), and the rest of the needle is the same.
pub(crate) fn caps_as_in(v: &Variant, needle: &str) -> String {
    if !v.name.contains(" unit ") {
        return needle.to_string();
    }
    const TOGETHER: &str = " (under this SOW and the Master SOW together, as Section 1.2 of the Statement of Work provides), to";
    needle
        .replace(
            "in total for all claims for the breaches that this Section covers, to",
            &format!("in total for all claims for the breaches that this Section covers{TOGETHER}"),
        )
        .replace(
            "in total for all IP Claims, to",
            &format!("in total for all IP Claims{TOGETHER}"),
        )
        .replace(
            "and (b) the Annual Commitment",
            "and (b) the Annual Commitment of the Master SOW",
        )
        .replace(
            "the fees paid and payable under this SOW in the",
            "the fees paid and payable under the Master SOW and every call-off under it (this SOW included), each fee counted once, in the",
        )
}

/// `needle` as `v` words it: the time to refer a dispute waits for the escalation path only
/// where that path bars formal proceedings (the fallback's), so a variant without that bar
/// has no such words (blind70 customer-B 1).
pub(crate) fn escalation_as_in(v: &Variant, needle: &str) -> String {
    const WAIT: &str = " (or, if later, after Section 9.3 of the Statement of Work first allows formal proceedings on it)";
    if v.text.contains("first allows formal proceedings on it") {
        needle.to_string()
    } else {
        needle.replace(WAIT, "")
    }
}
