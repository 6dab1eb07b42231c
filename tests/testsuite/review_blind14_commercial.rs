//! Blind read 14 (customer-A, customer-B, vendor-A, vendor-B), the commercial items: the SOW
//! body, pricing, renewal, suspension, rate limits, precedence and the business-unit call-off.
//! Each test runs over the shared variants (every example in both stances and every bank unit
//! in both stances): the quoted defect is gone everywhere and the fixed text is present where
//! it applies.

use crate::counsel::{VARIANTS, Variant, has, lacks, variants_named, variants_with};

fn all() -> impl Iterator<Item = &'static Variant> {
    VARIANTS.iter()
}

#[test]
fn blind14_vendor_b_1_not_sole_remedy_is_no_exception_to_the_caps() {
    for v in all() {
        lacks(v, "or that Service Credits are not Customer's sole remedy;");
    }
    let preferred = variants_with(
        // blind15 customer-B 1: the damages it keeps are direct losses, as at the fallback.
        "A provision stating that Service Credits are not Customer's sole remedy keeps Customer's other remedies, despite any term of the Agreement that limits them to credits. Customer's damages for Downtime",
    );
    assert_eq!(preferred.len(), 6);
    for v in preferred {
        assert_eq!(v.stance, "preferred", "{}", v.name);
        has(
            v,
            "such as by stating that a liability is not limited by them, has its own limit or is a direct loss; such a provision prevails over them",
        );
    }
}

#[test]
fn blind14_vendor_b_17_the_ceiling_limits_the_price_charged_and_is_no_ratchet() {
    for v in all() {
        lacks(v, "lowers Customer's price");
    }
    let ceiling = "The ceiling only limits the price charged and does not change Customer's price for the item: when the list price rises, the price charged rises with the ceiling up to, and never above, Customer's price";
    let with = variants_with(ceiling);
    // Every SOW with a price ceiling: each example at both stances and every unit.
    assert_eq!(with.len(), VARIANTS.len());
    for v in with {
        has(
            v,
            "no list-price change, indexation clause or other term of the Agreement or of Vendor's policies increases them",
        );
        if v.stance == "preferred" {
            has(
                v,
                "so that a reduction of the list price lowers the price charged for the item at once and a rise of the list price never raises the ceiling beyond what (b) allows.",
            );
        } else {
            has(
                v,
                "so that a reduction of a list price lowers the price charged for the item from the next anniversary.",
            );
        }
    }
}

#[test]
fn blind14_vendor_b_18_customer_a_7_customer_b_12_renewal_on_its_terms_includes_the_capped_increase_at_both_stances()
 {
    for v in all() {
        lacks(v, "renewal or extension");
        lacks(v, "once, on its terms, for a further period");
        // The Term refers to renewals, so every SOW has a renewal mechanism.
        has(
            v,
            "and for any renewal of it under Section 10.3 (together, the \"Term\")",
        );
        if v.name.contains(" unit ") {
            has(v, "This SOW is renewed only with the Master SOW");
        } else {
            has(
                v,
                "Customer may renew this SOW once, for a further period of twelve (12) months, on its terms (including any increase of its prices that this Section allows), by written notice to Vendor",
            );
        }
    }
    for v in variants_with("At the start of a renewal, Vendor may increase them once") {
        assert_eq!(v.stance, "preferred", "{}", v.name);
        has(v, "except at the start of a renewal as this Section allows");
    }
    for v in variants_with(
        "and the limits of this Section apply during the renewal as during the rest of the Term (any part of a period that this Section sets that falls in the renewal included).",
    ) {
        if v.name.starts_with("global-bank") || v.name.starts_with("healthcare") {
            assert_eq!(v.stance, "fallback", "{}", v.name);
        }
    }
}

#[test]
fn blind14_vendor_b_19_every_ground_names_the_rejection_above_the_rate_limits() {
    for v in all() {
        lacks(
            v,
            "This Section states every ground on which Vendor may suspend or restrict the Services, and every other provision",
        );
        has(
            v,
            "This Section states every ground on which Vendor may suspend or restrict the Services, besides the rejection or queuing of Customer's requests above the rate limits that Section 10.2 allows and the retirement of a model or model version under Section 10.6, which those Sections alone govern, and every other provision of this SOW that refers to a suspension or restriction of the Services refers to one that this Section permits or to that rejection, queuing or retirement.",
        );
        has(
            v,
            "Above these limits, Vendor may reject or queue Customer's requests to ",
        );
    }
}

#[test]
fn blind14_vendor_b_27_the_non_payment_period_is_for_payment_and_a_dispute_stops_suspension() {
    for v in all() {
        lacks(v, "that Customer has not disputed in good faith, within");
        has(v, "because Customer has not paid, within ");
        has(
            v,
            "stating that Vendor may suspend the Services if it is not paid), an overdue amount invoiced under this SOW that Customer does not dispute in good faith; such a suspension ends when Customer pays the amount or disputes it in good faith.",
        );
    }
}

#[test]
fn blind14_vendor_b_21_customer_confirmation_window_does_not_make_vendor_late() {
    // blind18 vendor-B 16: the notice meets the deadline only if Customer does not contest it.
    let met = "(Customer's confirmation, or the end of that period, may come after the deadline); if Customer does, onboarding is late from the deadline until it is complete. Onboarding is complete only when Customer confirms in writing";
    let with = variants_with("Vendor shall complete onboarding in accordance with");
    assert_eq!(with.len(), VARIANTS.len());
    for v in with {
        has(v, met);
    }
}

#[test]
fn blind14_vendor_a_4_an_unlimited_service_has_no_rate_limit_beside_metered_ones() {
    for v in variants_named("global-bank.json") {
        lacks(
            v,
            "These rate limits apply to each of the Services separately",
        );
        lacks(
            v,
            "The rate limits below are minimum guaranteed limits, not a ceiling",
        );
        has(
            v,
            "Vendor shall not subject any individual user of ChatGPT Enterprise to a rate or usage limit of its own, and the rate limits below do not apply to it. The rate limits below are minimum guaranteed limits for the OpenAI API, not a ceiling on Customer's use: Vendor shall ",
        );
        has(v, "accept Customer's requests to it up to them");
        has(
            v,
            "These rate limits apply to each model of the OpenAI API that Customer uses",
        );
        has(
            v,
            "Above these limits, Vendor may reject or queue Customer's requests to the OpenAI API: that is not a breach of this SOW",
        );
    }
    // Without an unlimited Service the limits apply to every Service.
    for v in variants_named("healthcare-azure.json") {
        has(
            v,
            "These rate limits apply to each model of the Services that Customer uses",
        );
    }
}

#[test]
fn blind14_vendor_a_34_a_rate_not_yet_stated_sets_no_ceiling() {
    for v in all() {
        lacks(v, "A rate that the table leaves blank sets no limit");
    }
    let blank = variants_with(
        "A rate not yet stated in the table sets no ceiling: until it is stated, Vendor may not reject or queue a request as above it.",
    );
    for v in &blank {
        assert!(v.name.starts_with("minimal.json"), "{}", v.name);
        assert!(v.md.contains("| Requests per minute | [●] |"), "{}", v.name);
    }
    assert_eq!(blank.len(), 2);
}

#[test]
fn blind14_vendor_a_8_the_account_manager_signs_no_change() {
    for v in all() {
        lacks(v, "and to sign a change to this SOW for Vendor");
        has(
            v,
            "A change to this SOW or its annexes is effective only if it is in writing and signed by authorised representatives of both parties",
        );
    }
    for v in variants_with("with the authority to act for Vendor that Section 12.") {
        has(
            v,
            "which takes effect as the next sentence states; it is no authority to change this SOW or the Agreement.",
        );
    }
}

#[test]
fn blind14_vendor_a_32_call_off_precedence_is_named_in_the_order_of_precedence() {
    for v in all().filter(|v| v.name.contains(" unit ")) {
        has(
            v,
            "This Section prevails over every other provision of this SOW, its annexes included.",
        );
        has(
            v,
            "If the body of this SOW conflicts with one of its annexes, the annex prevails as to its own subject matter, except that this Section and Section 1.2 prevail over the annexes.",
        );
    }
    for v in all().filter(|v| !v.name.contains(" unit ")) {
        lacks(v, "prevails over both");
        lacks(v, "Section 1.2 prevail");
    }
}

#[test]
fn blind14_vendor_a_33_customer_a_3_the_units_share_is_taken_service_by_service() {
    for v in all() {
        lacks(
            v,
            "the Unit Fees for the Services concerned bear to all the fees charged for them",
        );
        lacks(v, "where those fees do not depend on users, of its usage.");
    }
    for v in variants_with("are the \"Unit Fees\": the fees") {
        has(
            v,
            "where those fees do not depend on users, of the usage of that Service (such as its requests or tokens).",
        );
    }
    for v in variants_named("global-bank.json unit markets") {
        has(
            v,
            "that share being the proportion that the Unit Fees for that Covered Service bear to all the fees charged for that Covered Service in that month",
        );
    }
    // A termination of the call-off for some Services reduces by their share, from the period
    // in which it takes effect.
    let reduced = variants_with(
        "and the annual commitment of the Master SOW is reduced, for the rest of the period in which termination takes effect (pro rata) and for every later period, by the Unit's share of it only",
    );
    // blind16 customer-A 2: at both stances, on any termination of the call-off.
    assert_eq!(reduced.len(), 6);
    for v in reduced {
        has(
            v,
            "that share is the proportion that the Unit Fees for the Services that the termination ends bore to all the fees for the Services under the Master SOW",
        );
    }
}

#[test]
fn blind14_customer_a_1_unit_downtime_still_reduces_the_master_commitment() {
    let unit = "Downtime under this SOW reduces the annual commitment of the Master SOW all the same: for each Covered Service, the Unit's share of the part of that commitment attributable to it (the proportion that the Unit Fees for that Covered Service bore to all the fees for it in the period) reduces by the proportion of the minutes of the period that were Downtime of it under this SOW, and only the rest of that part reduces for Downtime under the Master SOW, so that no minute reduces the same share twice.";
    let with = variants_with(unit);
    assert_eq!(with.len(), 1);
    for v in with {
        assert_eq!(v.name, "global-bank.json unit markets (preferred)");
        has(
            v,
            "Downtime that affects only the Unit's requests is therefore not Downtime under the Master SOW",
        );
    }
    for v in variants_named("global-bank.json unit markets (fallback)") {
        lacks(
            v,
            "It reduces the annual commitment of the Master SOW all the same",
        );
    }
    // The master says so once for every call-off, at the stance with the Downtime reduction.
    for v in variants_named("global-bank.json (preferred)") {
        has(
            v,
            "is not Downtime under this SOW, and the Annual Commitment reduces, on that business unit's share of the part attributable to the Covered Service (the proportion that the fees attributable to the business unit for that Covered Service bore to all the fees for it in the period), for the Downtime that the Call-Off measures (whether or not it also affects others), and on the rest of that part for Downtime under this SOW, each as Section 10.1 reduces it for Downtime, so that each minute reduces each share once;",
        );
        has(
            v,
            "by the proportion of the minutes of the period that were Downtime of it under Annex A",
        );
    }
    for v in variants_named("global-bank.json (fallback)") {
        lacks(
            v,
            "but it reduces that business unit's share of the Annual Commitment",
        );
    }
}

#[test]
fn blind14_customer_b_16_an_outage_never_shrinks_its_own_credit_base() {
    for v in all() {
        lacks(v, "the Term up to the end of that month");
    }
    let equal = "except that, for calculating Service Credits, the shares are equal where any of those Services was not used in each of the three (3) calendar months before the month concerned (such as early in the Term, after a long outage or for a Service newly added), and no part of it is attributed to more than one Service.";
    let with = variants_with(equal);
    for v in &with {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(
            v,
            "including for calculating Service Credits (over the period that Section 3.1 of Annex A states)",
        );
        has(
            v,
            "taking as the period for that attribution the twelve (12) months before that month or, where fewer months of the Term have passed, the months of the Term before it,",
        );
    }
    // Every fallback SOW with several Services: the bank at fallback and its units, and the
    // minimal draft.
    assert!(with.iter().any(|v| v.name.starts_with("minimal.json")));
    assert!(with.iter().any(|v| v.name == "global-bank.json (fallback)"));
    for v in variants_named("healthcare-azure.json") {
        lacks(v, "the shares are equal where any of those Services");
    }
}

#[test]
fn blind14_vendor_b_23_a_separate_product_is_not_reached_through_the_services() {
    for v in all() {
        lacks(
            v,
            "(such as a new modality or a product under its own subscription)",
        );
    }
    let sep = variants_with(
        "Customer may order from Vendor a separate product, being an AI model, AI service or AI product that Vendor sells to all its enterprise customers only under a subscription or order of its own, for a charge beyond their fees for the Services, and that is not used through the interfaces or APIs of the Services (a model that Customer can use through them is never a separate product)",
    );
    for v in sep {
        assert_eq!(v.stance, "fallback", "{}", v.name);
    }
}

#[test]
fn blind14_vendor_a_10_service_levels_and_support_run_through_the_transition_period() {
    let with = variants_with(
        "This SOW continues to apply during the Transition Period, and each obligation of Vendor that it states for the Term or for a month of the Term (the service levels, Service Credits and support included) applies during the Transition Period as during the Term",
    );
    assert_eq!(with.len(), VARIANTS.len());
    for v in with {
        has(v, "every calendar month of the Term");
    }
}

#[test]
fn blind14_vendor_a_11_the_dora_location_notice_is_an_operative_duty() {
    for v in all() {
        lacks(
            v,
            "and Vendor's duty to notify Customer before they change, are in",
        );
    }
    let with = variants_with(
        "the locations where Customer Data is stored and processed are stated in Section 3.2 and Section 4.2, and Vendor shall notify Customer in writing at least ",
    );
    for v in with {
        assert!(v.name.starts_with("global-bank"), "{}", v.name);
        has(
            v,
            "before it changes the country in which it, or any of its sub-processors, stores or processes Customer Data (for a sub-processor, by the notice under Section 4.2, with the right to object that it gives);",
        );
    }
}

#[test]
fn blind14_customer_a_18_a_first_assignment_notice_applies_from_the_start() {
    // blind16 customer-A 1: the Unit's scope is fixed from the first day, by Customer's
    // notice at signature or else its records; a later change applies from the next month.
    let with = variants_with(
        "The Unit's users, workspaces, projects, API keys and deployments are those that Customer lists in a written notice to Vendor given on or before the day this SOW takes effect, as Customer changes them by later written notice, and, until Customer gives such a notice and wherever a notice leaves it unclear, those that Customer's records (such as its single sign-on groups and its records of the projects, API keys and deployments that it set up for the Unit) assign to the Unit; a change by later notice applies from the first calendar month that starts after Vendor receives it.",
    );
    assert_eq!(with.len(), 6);
    for v in with {
        assert!(v.name.contains(" unit "), "{}", v.name);
    }
}
