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
    let preferred = variants_with("A provision stating that Service Credits are not Customer's sole remedy keeps Customer's other remedies, despite any term of the Agreement that limits them to credits, but does not by itself take a liability outside those limitations and exclusions.");
    assert_eq!(preferred.len(), 6);
    for v in preferred {
        assert_eq!(v.stance, "preferred", "{}", v.name);
        has(v, "such as by stating that a liability is not limited by them or has its own limit; such a provision prevails over them");
    }
}
