//! Blind read 12 (customer-A, customer-B, vendor-A, vendor-B), the SOW, commercial and
//! liability items: the "unlimited" carve-out, the IP indemnity's limit said once, the
//! fallback discount floor after a list-price cut, items with no list price, the reach of
//! Annex D's liability, the commitment on a partial termination, data access in a security
//! suspension, Customer's emailed notices and the amendment formalities. Each test runs over
//! the shared variants (every example in both stances and every bank unit in both stances):
//! the quoted defect is gone everywhere and the fixed text is present where it applies.

use crate::counsel::{VARIANTS, Variant, has, lacks, variants_named, variants_with};

fn all() -> impl Iterator<Item = &'static Variant> {
    VARIANTS.iter()
}

#[test]
fn blind12_customer_a_3_unlimited_has_no_carve_out_for_unquoted_limits() {
    for v in all() {
        lacks(v, "organisation-wide rate limits");
        lacks(v, "a dated copy of Vendor's documentation attached");
    }
    let unl = variants_with(
        "is sold to Customer on an unlimited basis, and \"unlimited\" means unlimited",
    );
    assert!(unl.iter().any(|v| v.stance == "fallback"));
    for v in unl {
        has(
            v,
            "or charge for its volume, under a fair-use policy or otherwise (except only during a suspension or restriction that Section 3.3 permits, on the terms of that Section, and, for the requests that it prevents Vendor from accepting, while maintenance that Annex A allows, or another cause that Annex A excludes from Downtime, makes the Covered Service concerned unavailable); Vendor shall not subject any individual user of ChatGPT Enterprise to a rate or usage limit of its own, and the rate limits below do not apply to it. The rate limits below are minimum guaranteed limits for the OpenAI API, not a ceiling on Customer's use",
        );
    }
}

#[test]
fn blind12_customer_a_4_ip_indemnity_limit_is_stated_once_and_read_by_every_clause() {
    for v in all() {
        lacks(
            v,
            "subject to the Agreement's limitation of liability, as that Section states",
        );
        lacks(v, "to which only the limits stated in that Section apply");
    }
    // Annex D's liability clause points to the indemnity's own Section, at both stances.
    let ld = variants_with("which is limited only as that Section provides, ");
    assert!(
        ld.iter().any(|v| v.stance == "preferred") && ld.iter().any(|v| v.stance == "fallback")
    );
    for v in ld {
        has(v, "but not its liability under Section ");
    }
    // SOW 1.2 at the fallback: the cap applies only as that Section provides.
    for v in variants_with("the indemnity in Section ") {
        if v.stance == "fallback" {
            has(
                v,
                "and which is subject to the Agreement's limitation of liability only so far as that Section provides and never below the minimum that it states;",
            );
            has(
                v,
                "Vendor's liability under this Section is subject to the limitation of liability in the Agreement only to the extent that the Agreement applies that limitation",
            );
        }
    }
}

#[test]
fn blind12_customer_b_2_fallback_floor_follows_a_falling_list_price() {
    for v in all() {
        lacks(v, "a later change of a list price does not change it");
        lacks(v, "are fixed for the first");
        lacks(v, "are fixed for the whole Term");
    }
    let fb = variants_with(
        "and again on each anniversary of the Effective Date, so that a reduction of a list price lowers the price charged for the item from the next anniversary",
    );
    for v in &fb {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(
            v,
            "Whether or not the Price Schedule states its price, no item is charged at more than Vendor's list price for it less ",
        );
        has(
            v,
            "when the list price rises, the price charged rises with the ceiling up to, and never above, Customer's price; each of Customer's prices changes only as Section 10.3 allows.",
        );
    }
    assert_eq!(fb.len(), all().filter(|v| v.stance == "fallback").count());
    // Price protection is a ceiling at both stances.
    for v in variants_with("Vendor shall not increase Customer's prices for the Services") {
        has(v, "shall not rise above its level on the Effective Date");
    }
}

#[test]
fn blind12_vendor_a_39_an_item_with_no_list_price_is_priced_only_in_writing() {
    for v in all() {
        has(
            v,
            // blind16 vendor-A 13: never owed and unchargeable at once.
            "Any other item for which there is no list price is charged at the price that the Price Schedule, or else the Agreement or an ordering document under it, states for it; where none of them states one",
        );
        // blind18 vendor-B 14: where the models Section prices an included item, its price governs.
        has(
            v,
            // blind23 vendor-A 22: a required item is provided, free until priced; any other is withheld.
            "is still provided as this SOW requires, free of charge until the parties agree its price in writing; Vendor need not supply any other such item until then",
        );
        has(
            v,
            "Vendor need not supply any other such item until then, but charges nothing for any use of it",
        );
        has(
            v,
            ", but charges nothing for any use of it that Vendor allows before then.",
        );
    }
    // Where the Price Schedule states list prices, they stand in whenever Vendor publishes none.
    let listed: Vec<_> = all().filter(|v| v.md.contains("| List price |")).collect();
    assert!(!listed.is_empty());
    for v in listed {
        has(
            v,
            "on the Effective Date it is the list price that the Price Schedule states for it, where it states one, and at any later time when Vendor publishes none, it is the lower of (a) the last such price that Vendor published for it and (b) the list price that the Price Schedule states for it, that list price being reduced by the largest percentage (if any) by which a list price that Vendor publishes for the same item in another currency, deployment type or region is then below its level on the Effective Date",
        );
    }
}

#[test]
fn blind12_vendor_a_2_annex_d_liability_reaches_the_data_obligations_only() {
    for v in all() {
        lacks(v, "Vendor's liability for breaches of Annex D,");
        lacks(v, "Vendor's liability for breaches of Annex D (");
    }
    for v in variants_with("Vendor's liability for any breach of this Annex") {
        has(
            v,
            "is not a breach of this Annex for the purposes of this Section, unless it is also a breach of another of its provisions",
        );
        has(
            v,
            "causes a loss or corruption of Customer Data stored in the Services that Section 6.3 does not allow",
        );
        has(
            v,
            ": the Agreement's terms on liability apply to it as they do to any other breach of this SOW, except that the fines and penalties that a regulator imposes on Customer or an affiliate of Customer because of it",
        );
    }
    // blind23 customer-A A1: at preferred only continuity is carved out.
    for v in variants_named("global-bank.json") {
        has(
            v,
            if v.stance == "preferred" {
                "A breach of Section 6.3 is not a breach of this Annex"
            } else {
                "A breach of Section 6.3, Section 7.1 or Section 8.2 is not a breach of this Annex"
            },
        );
    }
    for v in variants_with(
        "Section 4.3 of Annex D: Vendor's liability for the breaches of Annex D that it covers",
    ) {
        has(
            v,
            "a loss that it states to be a direct loss, including for a breach that it otherwise leaves to the Agreement's terms on liability",
        );
    }
    for v in all() {
        if v.stance == "preferred" {
            has(
                v,
                "such a provision prevails over them (as Section 4.3 of Annex D does for the breaches of Annex D that it covers and for the losses that it states to be direct losses).",
            );
        }
    }
}

#[test]
fn blind12_vendor_a_16_a_partial_termination_reduces_the_commitment_as_the_fees_section_says() {
    // Wherever a termination as to some of the Services is possible (or in a call-off), the
    // "only" names it too; a single-Service SOW has no such termination.
    for v in all().filter(|v| {
        v.name.contains(" unit ")
            || v.text
                .contains("On any termination of this SOW as to some of the Services")
    }) {
        lacks(
            v,
            "which Customer may reduce only as the next paragraph provides: while",
        );
    }
    let found = variants_with(
        "Section 12.2 of the Statement of Work provides, or by a termination of this SOW",
    );
    // A call-off reduces the Master SOW's commitment only as its Section 1.2 says, never by
    // "the next paragraph" (blind14 customer-A 2).
    assert!(!found.iter().any(|v| v.name.contains(" unit ")));
    for v in all().filter(|v| v.name.contains(" unit ") && v.stance == "preferred") {
        has(
            v,
            "which Customer may reduce only under the Master SOW or by a termination of this SOW, each only as Section 1.2 of the Statement of Work provides",
        );
    }
    for v in found {
        if v.name.contains(" unit ") {
            has(
                v,
                "or by a termination of this SOW, which reduces it only as Section 1.2 of the Statement of Work provides",
            );
        } else {
            has(
                v,
                "or by a termination of this SOW as to some of the Services, which reduces it as Section 10.1 of the Statement of Work provides",
            );
            has(
                v,
                "On any termination of this SOW as to some of the Services (such as a model included in them), on whatever ground, the Annual Commitment for every later period",
            );
        }
    }
}

#[test]
fn blind12_vendor_a_15_data_access_yields_only_at_the_threatening_credentials() {
    for v in all() {
        lacks(
            v,
            "shall prevent Customer from accessing or retrieving Customer Data.",
        );
    }
    for v in variants_with(
        "No suspension or restriction, including one that this Section permits, shall prevent Customer from accessing or retrieving Customer Data",
    ) {
        has(
            v,
            "except that, while it responds to an imminent threat under the first ground above, Vendor may block access to Customer Data through the users, keys or credentials from which the threat comes (such as compromised credentials), provided that Customer can still access and retrieve Customer Data through its other users, keys or credentials.",
        );
    }
    // Annex D's no-lock-out clause reads the same exception, by reference.
    for v in variants_with("Vendor shall not withhold that access for any reason") {
        has(
            v,
            "may restrict Customer's use of the Services, but not its retrieval of Customer Data, except that Vendor may block that access through the users, keys or credentials from which a security threat comes, as that Section provides.",
        );
    }
}

#[test]
fn blind12_vendor_a_42_customer_notices_by_email_count_at_both_stances() {
    for v in all() {
        has(
            v,
            "a written notice that Customer gives under this SOW (such as a claim, a notice of termination or an objection) may be given by email to the address that Vendor designates in writing for notices under this SOW",
        );
        has(
            v,
            "as well as in any way that the Agreement provides for notices, and is given when the email reaches that address;",
        );
        if v.stance == "fallback" {
            has(
                v,
                "the giving of Customer's written notices under this SOW by email as Section 1.",
            );
            has(
                v,
                " provides, in addition to the ways that the Agreement provides for notices",
            );
        }
    }
}

#[test]
fn blind12_vendor_a_43_the_sow_meets_the_agreements_amendment_formalities() {
    for v in all() {
        has(
            v,
            if v.name.contains(" unit ") {
                // blind16 customer-A 16: a call-off amends the Agreement only for its Unit.
                "The parties sign this SOW also as an amendment of the Agreement, for the Unit's use of the Services only and, beyond the Master SOW's amendment of it, only as to the terms that this SOW changes for the Unit as the Master SOW allows, so that this SOW prevails"
            } else {
                "The parties sign this SOW also as an amendment of the Agreement, so that this SOW prevails"
            },
        );
        has(
            v,
            "Each party confirms that the persons who sign this SOW for it are authorised to amend the Agreement for it and that this SOW meets every requirement of the Agreement for an amendment of it, and shall not contend that this SOW does not amend the Agreement for want of a form, signatory or reference that the Agreement requires.",
        );
    }
}

/// A call-off under a master SOW with no title and no date names it by its reference alone,
/// with no doubled space where the title would stand.
#[test]
fn a_call_off_under_an_untitled_master_reads_cleanly() {
    let deal = crate::common::patched(
        &crate::common::example_json("minimal.json"),
        serde_json::json!({"business_units": [{"id": "ops", "name": "Operations"}]}),
    );
    let resolved = crate::common::resolve(&deal).unwrap();
    let unit = dealdraft::resolve::for_unit(&resolved, "ops", &crate::common::LIBRARY).unwrap();
    let r = dealdraft::render_deal(&unit, &crate::common::LIBRARY, &Default::default()).unwrap();
    let md = String::from_utf8(r.files[0].1.clone()).unwrap();
    assert!(
        md.contains("a call-off under the Statement of Work between the parties (reference minimal) (the **“Master SOW”**)"),
        "{}",
        md.lines().find(|l| l.contains("call-off under")).unwrap_or_default()
    );
    assert!(!md.contains("parties  ("));
}
