//! Blind read 19 (customer-A, customer-B, vendor-B), the commercial items: moving to a newer
//! model release, the account manager's authority, the IP indemnity's cap and the pilot
//! opt-out. Each test runs over the shared variants (every example in both stances and every
//! bank unit in both stances): the quoted defect is gone everywhere and the fixed text is present
//! where it applies.

use crate::counsel::{VARIANTS, Variant, has, lacks, variants_with};

fn all() -> impl Iterator<Item = &'static Variant> {
    VARIANTS.iter()
}

/// customer-A 8: the fallback's move to a newer release needed 30 days' notice, a move to the
/// successor model none. One rule: no notice for either.
#[test]
fn blind19_customer_a_8_move_to_a_newer_release_needs_no_notice() {
    for v in all() {
        lacks(v, "written notice, move all or part of its use of a model");
    }
    let with = variants_with(
        "Customer may at any time during the Term, without notice, move all or part of its use of a model included in the Services to a newer release of that model, without penalty and without any new or increased commitment",
    );
    assert!(with.len() >= 4, "{}", with.len());
    for v in with {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(v, "Customer may move that use to the successor model");
    }
}

/// vendor-B 30: Annex B gave the account manager "authority to commit Vendor on service and
/// commercial matters", the Changes clause denied it the power to change the SOW. The authority
/// is now stated once, in the Changes clause, which Annex B names.
#[test]
fn blind19_vendor_b_30_account_manager_authority_is_stated_once() {
    for v in all() {
        lacks(v, "authority to commit Vendor");
    }
    let with = variants_with("with the authority to act for Vendor that Section 12.");
    assert!(!with.is_empty());
    for v in with {
        assert_eq!(v.stance, "preferred", "{}", v.name);
        has(
            v,
            "has authority to give for Vendor, in writing, a notice, consent, agreement or quotation that this SOW provides for, which takes effect as the next sentence states; it is no authority to change this SOW or the Agreement.",
        );
    }
}

/// customer-A 6: at the fallback, whether the IP indemnity was capped turned on an unread
/// Agreement. The indemnity now states a floor that no limitation in the Agreement goes below,
/// and Section 1.2 names it.
#[test]
fn blind19_customer_a_6_ip_indemnity_cap_has_a_floor() {
    let with = variants_with(
        "only to the extent that the Agreement applies that limitation to Vendor's obligations to defend and indemnify against claims by third parties",
    );
    assert!(!with.is_empty());
    for v in with {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(
            v,
            &crate::counsel::caps_as_in(
                v,
                "and no such limitation limits it, in total for all IP Claims, to less than three (3) times the greater of (a) the fees paid and payable under this SOW in the twelve (12) months before the first IP Claim is made and (b) ",
            ),
        );
        has(
            v,
            "and which is subject to the Agreement's limitation of liability only so far as that Section provides and never below the minimum that it states",
        );
    }
}

/// customer-B 11: Vendor's dispute of a fallback pilot opt-out did not say what it did. It never
/// delays the termination; bad faith gives Vendor only what a termination for convenience costs.
#[test]
fn blind19_customer_b_11_pilot_opt_out_is_not_stalled_by_a_dispute() {
    let with = variants_with(
        "Vendor may dispute Customer's decision only on the ground that Customer did not make it in good faith.",
    );
    assert!(!with.is_empty());
    for v in with {
        has(
            v,
            "Vendor may dispute Customer's decision only on the ground that Customer did not make it in good faith. A dispute does not delay or prevent the termination, which takes effect as this Section states",
        );
        // s38 (blind21 customer 1): bad faith costs only the shortfall the opt-out waived.
        assert!(
            v.text
                .contains("Customer shall pay the shortfall that the termination waived")
                || v.text.contains("gives Vendor no claim to any amount")
                || v.text.contains(
                    "the annual commitment of the Master SOW is reduced on the termination only as"
                ),
            "{}",
            v.name
        );
    }
}
