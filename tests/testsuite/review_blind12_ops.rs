//! Blind read 12 (customer-A, customer-B, vendor-A, vendor-B), the capacity, onboarding and
//! pilot items: onboarding's acceptance test at both stances (the trigger of the pilot
//! extension), the rate limits' "preview" carve-out, their scope in the minimal draft, what a
//! request and its tokens are, and the fallback pilot opt-out that Vendor could contest. Each
//! test runs over the shared variants (every example in both stances and every bank unit in
//! both stances): the quoted defect is gone everywhere and the fixed text is present where it
//! applies.

use serde_json::json;

use crate::common::{example_json, patched};
use crate::counsel::{VARIANTS, has, lacks, text, variants_named, variants_with, with_stance};

const ACCEPTANCE: &str = "Onboarding is complete only when Customer confirms in writing that each item above works in Customer's environment or, if Customer has neither confirmed it nor told Vendor in writing of an item that does not work within ten (10) days after Vendor notifies Customer in writing that onboarding is complete, at the end of that period.";

/// GB-F dropped the acceptance test, so Vendor could declare onboarding done and no delay in
/// onboarding would extend the Pilot Period; the fallback now keeps it, and its kickoff
/// agrees the pilot's success criteria.
#[test]
fn blind12_customer_a_5_onboarding_is_accepted_at_both_stances() {
    let vs = variants_with("Vendor shall complete onboarding");
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    assert!(vs.iter().any(|v| v.stance == "preferred"));
    for v in vs {
        has(v, ACCEPTANCE);
        has(
            v,
            "A delay by Vendor in onboarding extends the Pilot Period as Section 1.1 of Annex E provides.",
        );
        lacks(
            v,
            "extended by the period of Customer's delay. A delay by Vendor in onboarding",
        );
        if v.stance == "fallback" {
            has(
                v,
                "within forty-five (45) days after the Effective Date, unless Customer agrees a later date in writing or Customer's own delay prevents it, in which case that period is extended by the period of Customer's delay. Vendor meets that deadline only by",
            );
            has(
                v,
                "At that meeting the parties shall agree in writing the onboarding activities, their timetable and the people responsible for each, and the success criteria for the Pilot Period under Section 1.2 of Annex E.",
            );
        } else {
            lacks(v, "success criteria for the Pilot Period under");
        }
    }
}

const PREVIEW_DEF: &str = "A beta, preview or early-access feature or model is one that Vendor has designated in writing as such, for all its customers and before Customer began to use it, until Vendor first offers it to any customer other than as one;";

const PREVIEW: &str = "that Customer uses (not a beta, preview or early-access model, which Section 3.1 describes), separately, for Customer as a whole";

/// "Not one that it offers only as a preview" let Vendor keep a model outside the guarantee
/// by its label; a preview is now one designated in writing for all customers before Customer
/// used it, and only until Vendor offers it otherwise.
#[test]
fn blind12_vendor_a_40_a_preview_is_designated_before_use_and_ends() {
    for v in VARIANTS.iter() {
        lacks(v, "(not one that it offers only as a preview)");
    }
    for v in variants_with("These rate limits apply") {
        has(v, PREVIEW);
        // blind18 vendor-B 15: the test of a preview is stated once, in Section 3.1.
        has(v, PREVIEW_DEF);
    }
    // Every variant states limits (filled or blank), so every variant has the rule.
    assert_eq!(
        variants_with("These rate limits apply").len(),
        VARIANTS.len()
    );
}

/// The minimal draft's blank table had no scope sentence, so the limits read as one pool.
#[test]
fn blind12_vendor_a_41_vendor_b_30_blank_rate_limits_have_a_scope() {
    for v in variants_named("minimal.json") {
        assert!(v.md.contains("| Requests per minute | [●] |"), "{}", v.name);
        has(
            v,
            "These rate limits apply to each model of the Services that Customer uses (not a beta, preview or early-access model, which Section 3.1 describes)",
        );
        has(
            v,
            "whichever of Customer's accounts, projects, deployments or regions it uses: Customer's use of one model does not count against the limits of another.",
        );
    }
    // The no-reduction sentence is said once, after the scope, filled or blank.
    for v in VARIANTS.iter() {
        assert_eq!(
            v.text
                .matches("Vendor shall not reduce these limits during the Term.")
                .count(),
            1,
            "{}",
            v.name
        );
    }
}

const REQUEST: &str = "For these limits, a request is one call that Customer makes to an API of the Services or one prompt or message that a user submits through an interface of Vendor (not each call that Vendor's systems make to serve it, such as a tool call or the loading of a page)";
const TOKENS: &str = ", and its tokens are the input and output tokens that it actually uses (not an estimate, or the maximum output that the request allows); a request that Vendor does not measure in tokens (such as one that generates an image) counts against the request limit only.";

/// "Requests per minute" was undefined for ChatGPT, and "tokens" for an endpoint that
/// produces none.
#[test]
fn blind12_vendor_a_21_rate_metrics_are_defined() {
    for v in variants_with("These rate limits apply") {
        has(v, &format!("{REQUEST}{TOKENS}"));
    }
    // No token limit stated: no token rule either.
    for stance in ["preferred", "fallback"] {
        let t = text(&with_stance(
            &patched(
                &example_json("healthcare-azure.json"),
                json!({"commercial": {"rate_limits": {"requests_per_minute": 1200, "tokens_per_minute": null}}}),
            ),
            stance,
        ));
        assert!(t.contains(&format!("{REQUEST}.")), "{stance}");
        assert!(!t.contains(TOKENS), "{stance}");
        assert!(!t.contains("| Tokens per minute |"), "{stance}");
    }
}

/// The fallback opt-out turned on "Customer's reasonable business requirements", which
/// Vendor could dispute until the free exit was a dispute; now the criteria are set at the
/// kickoff on Customer's proposal and Customer's good-faith decision is final.
#[test]
fn blind12_vendor_b_32_fallback_pilot_opt_out_is_not_contestable() {
    for v in VARIANTS.iter() {
        lacks(v, "reasonable business requirements");
        lacks(
            v,
            "stating in reasonable detail the requirements that have not been met",
        );
    }
    let vs = variants_with("do not meet the success criteria for the Pilot Period");
    assert!(vs.len() >= 3);
    for v in vs {
        assert_eq!(v.stance, "fallback", "{}", v.name);
        has(
            v,
            "If Customer decides in good faith that the Services, the support or the training do not meet the success criteria for the Pilot Period, Customer may terminate this SOW by written notice to Vendor given at any time during the Pilot Period or within ten (10) days after it ends, stating in reasonable detail the criteria that have not been met.",
        );
        has(
            v,
            "The success criteria are those that the parties agree in writing at the kickoff meeting under Section 9.1 of the Statement of Work, which Customer shall propose and Vendor shall not unreasonably refuse, or, if they agree none by then, Customer's business requirements for the Services as the notice states them. Vendor may dispute Customer's decision only on the ground that Customer did not make it in good faith.",
        );
    }
    // Every fallback variant with the opt-out has the fallback test.
    for v in variants_with("given at any time during the Pilot Period") {
        if v.stance == "fallback" {
            has(
                v,
                "Vendor may dispute Customer's decision only on the ground",
            );
        } else {
            has(v, "If Customer decides, in its sole discretion,");
        }
    }
    // Without a kickoff meeting, the criteria are agreed within a stated period.
    let t = text(&patched(
        &with_stance(&example_json("healthcare-azure.json"), "fallback"),
        json!({"onboarding": null}),
    ));
    assert!(t.contains("The success criteria are those that the parties agree in writing within twenty (20) days after the Effective Date, which Customer shall propose and Vendor shall not unreasonably refuse, or,"));
}
