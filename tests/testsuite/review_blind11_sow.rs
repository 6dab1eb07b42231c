//! Blind read 11 (customer-A, customer-B, vendor-A, vendor-B), the SOW and commercial items:
//! a call-off's exits against the master commitment, the Price Schedule against the minimum
//! discount, the renewal against the price freeze, the shortfall on termination, the IP
//! indemnity's cap at the fallback, and the remedies kept for a suspension or throttling the
//! SOW does not allow. Each test runs over the shared variants (every example in both stances
//! and every bank unit in both stances): the quoted defect is gone everywhere and the fixed
//! text is present where it applies.

use serde_json::{Value, json};

use crate::common::{LIBRARY, example_json, patched, render_md, resolve};
use crate::counsel::{VARIANTS, Variant, has, lacks, variants_named, variants_with};

fn all() -> impl Iterator<Item = &'static Variant> {
    VARIANTS.iter()
}

fn is_unit(v: &Variant) -> bool {
    v.name.contains(" unit ")
}

/// The warnings a render of the deal reports (those `dealdraft validate` prints).
fn warnings(json: &Value) -> Vec<String> {
    let deal = resolve(json).unwrap_or_else(|e| panic!("{e}"));
    dealdraft::assemble::assemble(
        &deal,
        &LIBRARY,
        dealdraft::MAIN_DOCUMENT,
        Default::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
    .warnings
    .iter()
    .map(|d| d.to_string())
    .collect()
}

#[test]
fn blind11_customer_a_2_call_off_exits_release_the_master_commitment_only_as_the_call_off_says() {
    // Annex A's chronic-failure release and Annex E's pilot opt-out, read alone, released the
    // bank-wide commitment; in a call-off each now defers to the call-off clause.
    let units: Vec<_> = all().filter(|v| is_unit(v)).collect();
    assert_eq!(units.len(), 6);
    for v in units {
        has(
            v,
            "released from every minimum spend, volume or other purchase commitment for the period after termination, except that the annual commitment of the Master SOW is released or reduced only as Section 1.2 of the Statement of Work provides;",
        );
        has(
            v,
            "minimum-commitment shortfall or other amount is payable for the remainder of the Term, the annual commitment of the Master SOW being released or reduced only as Section 1.2 of the Statement of Work provides.",
        );
        lacks(
            v,
            "purchase commitment for the period after termination, to the extent it relates to the terminated Covered Services",
        );
    }
    // The master drafts keep their own rule (the fees Section), not the call-off's.
    for v in all().filter(|v| !is_unit(v)) {
        lacks(v, "annual commitment of the Master SOW");
    }
}

#[test]
fn blind11_customer_b_2_price_schedule_never_above_the_floor() {
    // The examples price below list less the floor, and state the list price.
    for v in variants_named("global-bank") {
        assert!(
            v.md.contains("| Service | Item | List price | Price | Per |"),
            "{}",
            v.name
        );
        assert!(
            v.md.contains(
                "| the OpenAI API | Input tokens, GPT-4.1 | USD 2 | USD 1.70 | 1,000,000 tokens |"
            ),
            "{}",
            v.name
        );
        assert!(!v.md.contains("| USD 2 | 1,000,000 tokens |"), "{}", v.name);
    }
    for v in variants_named("healthcare") {
        assert!(
            v.md.contains("| EUR 2.20 | EUR 1.98 | 1,000,000 tokens |"),
            "{}",
            v.name
        );
        assert!(
            !v.md.contains("| EUR 2.20 | 1,000,000 tokens |"),
            "{}",
            v.name
        );
    }
    // At the fallback the floor binds the scheduled prices on the Effective Date: no carve-out.
    for v in all() {
        lacks(v, "to which that minimum does not apply");
    }
    // blind12 customer-B 2: measured on the Effective Date and again on each anniversary.
    for v in variants_with("The prices that the Price Schedule states are agreed net prices.") {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(
            v,
            "Whether or not the Price Schedule states its price, no item is charged at more than Vendor's list price for it less",
        );
        has(
            v,
            "measured on the Effective Date (or, for an item first made available to Customer later, on the day it is first made available) and again on each anniversary of the Effective Date",
        );
        lacks(v, "a later change of a list price does not change it.");
    }
    // "List price" is defined wherever the floor is, once.
    for v in variants_with("Vendor's list price for an item is the price, before any discount") {
        assert_eq!(
            v.text
                .matches("Vendor's list price for an item is the price")
                .count(),
            1,
            "{}",
            v.name
        );
    }
    for v in all() {
        has(
            v,
            "Vendor's list price for an item is the price, before any discount, that Vendor publishes for it for the same deployment type and region, in the currency in which Customer pays for it",
        );
    }
}

#[test]
fn blind11_customer_b_2_guard_warns_on_a_scheduled_price_above_the_floor() {
    let mut bad = example_json("global-bank.json");
    bad["commercial"]["price_schedule"][1]["price"]["amount"] = json!(2);
    let found = warnings(&bad);
    assert!(
        found
            .iter()
            .any(|w| w.contains("commercial.price_schedule[1].price")
                && w.contains("above the list price less the minimum discount of 15%")),
        "{found:?}"
    );
    // The examples as shipped carry no such warning.
    for ex in ["global-bank.json", "healthcare-azure.json"] {
        let w = warnings(&example_json(ex));
        assert!(
            !w.iter().any(|w| w.contains("above the list price")),
            "{ex}: {w:?}"
        );
    }
    // Without a list price the table keeps its four columns.
    let plain = patched(
        &example_json("healthcare-azure.json"),
        json!({"commercial": {"price_schedule": [
            {"service": "Azure OpenAI Service", "item": "Input tokens, GPT-4.1", "price": {"amount": 2, "currency": "EUR"}, "per": "1,000,000 tokens"}
        ]}}),
    );
    let md = render_md(&plain, "sow").unwrap();
    assert!(md.contains("| Service | Item | Price | Per |"));
    assert!(!md.contains("List price |"));
}

#[test]
fn blind11_vendor_a_10_renewal_is_part_of_the_term_and_the_freeze_yields_to_it() {
    for v in all() {
        lacks(v, "over the prices in effect at the end of the Term");
        lacks(v, "During the whole Term, each of Customer's prices");
        lacks(v, "are fixed for the whole Term, each");
        lacks(v, "Customer may renew this SOW on its terms for");
        has(
            v,
            "and for any renewal of it under Section 10.3 (together, the \"Term\")",
        );
    }
    // blind14 customer-A 7, customer-B 12: the renewal option holds at both stances.
    let renewing = variants_with("Customer may renew this SOW once, for a further period");
    assert_eq!(renewing.len(), 6);
    for v in renewing {
        assert!(!v.name.contains(" unit "), "{}", v.name);
        has(v, "before the Term would otherwise end (a renewal)");
    }
    for v in variants_with("At the start of a renewal, Vendor may increase them once") {
        has(v, "except at the start of a renewal as this Section allows");
        has(
            v,
            "before the Term would otherwise end; without that notice they do not change.",
        );
    }
}

#[test]
fn blind11_vendor_a_32_shortfall_on_termination_binds_exactly_when_stated() {
    for v in all() {
        lacks(v, "whichever party terminates it and whatever the ground");
    }
    let masters: Vec<_> = variants_with(
        "If this SOW terminates as a whole, the period in which termination takes effect ends on that date",
    );
    for v in &masters {
        assert!(!is_unit(v), "{}", v.name);
        has(
            v,
            "a shortfall for it is payable, on its Annual Commitment reduced pro rata to the part of the period that has passed, only where Customer terminates for its convenience or Vendor terminates for Customer's breach",
        );
        // Annex E agrees: the convenience exit keeps that shortfall, the refunds clause points to it.
        has(
            v,
            "a shortfall for the period before termination takes effect is payable only as Section 10.1 of the Statement of Work provides",
        );
    }
    assert_eq!(masters.len(), 6);
    for v in variants_with("for convenience at any time by written notice") {
        if is_unit(v) {
            lacks(
                v,
                "remains payable as Section 10.1 of the Statement of Work provides",
            );
        } else {
            has(
                v,
                "a shortfall of the Annual Commitment for the part of the period before termination takes effect remains payable as Section 10.1 of the Statement of Work provides, and is not such a charge",
            );
        }
    }
}

#[test]
fn blind11_vendor_b_40_remedies_for_unallowed_suspension_survive_the_agreements_exclusions() {
    let fallback: Vec<_> = all().filter(|v| v.stance == "fallback").collect();
    assert_eq!(fallback.len(), 6);
    for v in fallback {
        has(
            v,
            "Customer's rights and remedies for a suspension or restriction of the Services that Section 3.3 does not permit, and for a rejection, queuing, slowing or restriction of its requests that Section 10.2 does not allow, in addition to any Service Credits for them",
        );
        has(
            v,
            "no term of the Agreement, or of a document that it incorporates, that limits Customer's remedies for such a breach to credits applies to them",
        );
    }
    for v in all().filter(|v| v.stance == "preferred") {
        lacks(v, "limits Customer's remedies for such a breach to credits");
    }
}

#[test]
fn blind11_customer_b_7_ip_indemnity_capped_only_as_the_agreement_caps_it() {
    for v in all() {
        lacks(
            v,
            "Vendor's liability under this Section is subject to the limitation of liability in the Agreement.",
        );
    }
    for v in
        variants_with("subject to the limitation of liability in the Agreement only to the extent")
    {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(
            v,
            "only to the extent that the Agreement applies that limitation to Vendor's obligations to defend and indemnify against claims by third parties",
        );
        has(
            v,
            "and which is subject to the Agreement's limitation of liability only so far as that Section provides",
        );
    }
    for v in
        variants_with("This Section applies in addition to any indemnity or copyright commitment")
    {
        has(v, "IP Claim");
    }
}

#[test]
fn blind11_vendor_b_18_successor_model_is_defined() {
    for v in variants_with("Customer may move that use to the successor model") {
        has(
            v,
            "make the successor model (the model that replaces or supersedes the retired one under Section 10.5 or, if none does, the model of the Services closest to it in capability that Customer reasonably chooses) available to Customer",
        );
        has(
            v,
            "A model replaces or supersedes another if Vendor retires or withdraws the other in its favour",
        );
    }
    // The fallback's separately sold product never covers a model that replaces one.
    for v in variants_with("Customer may order from Vendor a separate product") {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(
            v,
            "nothing that this Section includes in the Services is a separate product, and nor is a Service that Vendor renames, repackages or provides through another platform or product.",
        );
    }
}
