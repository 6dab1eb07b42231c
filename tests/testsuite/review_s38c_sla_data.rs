//! Blind read 23 (issue 26, session 38, third round): Annex A's Time-out definition and
//! exclusions, and Annex D's liability Section. Each test asserts, over every example in both
//! stances and every unit of the bank, that the quoted defect is gone and the fixed text is
//! present where it applies.

use crate::counsel::{VARIANTS, has, lacks, variants_with};

/// The rule for a request that Customer's client abandons before the Time-out period.
pub(crate) const ABANDONED: &str = "or end without an answer, except that a request that Customer's own systems stop waiting for before that period has run is a Time-out if, and only if, they had waited at least ";
pub(crate) const NOT_BEGUN: &str = " for it and Vendor's records do not show that Vendor's systems had by then begun to answer it or to generate output for it.";

/// vendor-B 31: a request that Customer's client gave up on within the stream-start period
/// (one or two minutes) was never a Time-out if Vendor then stopped processing it, so the
/// ordinary 30-60 second client time-out turned every hang into a non-event. One rule: a
/// request abandoned early is a Time-out if the client waited an ordinary client's wait and
/// no answer or output had begun.
#[test]
fn b23_vendor_b_31_hang_abandoned_by_an_ordinary_client_is_a_time_out() {
    let vs = variants_with("\"Time-out\" means");
    assert_eq!(vs.len(), VARIANTS.len());
    for v in &vs {
        lacks(
            v,
            "stopped processing it because Customer's systems stopped waiting for it",
        );
        lacks(
            v,
            "and one that they stop waiting for after that period has run is a Time-out",
        );
        let wait = if v.stance == "preferred" {
            "thirty (30) seconds"
        } else {
            "sixty (60) seconds"
        };
        has(v, &format!("{ABANDONED}{wait}{NOT_BEGUN}"));
    }
}

/// vendor-B 32: Annex A excluded a whole minute for a "restriction" that the usage-limit
/// Section permits, while that Section leaves out only the throttled requests. One rule: a
/// rejection or queuing above the rate limits excludes no minute.
#[test]
fn b23_vendor_b_32_rate_limiting_excludes_requests_not_minutes() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "or Section 10.2 of the Statement of Work expressly permits",
        );
    }
    let vs = variants_with("A minute is also excluded from Downtime while");
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    for v in &vs {
        has(
            v,
            "because of a suspension or restriction of the Services that Section 3.3 of the Statement of Work expressly permits, for as long as and to the extent that it is so permitted. A rejection or queuing of Customer's requests above the rate limits that Section 10.2 of the Statement of Work allows excludes no minute: only the requests so rejected or queued do not count as failed, as that Section provides.",
        );
        // The usage-limit Section says the same.
        has(
            v,
            "a request so rejected or queued does not count as failed in determining Downtime, while every other request in the same minute counts as usual",
        );
    }
}

/// customer-A A1: Annex D's liability Section carved the financial-regulation Section (data
/// return and access on insolvency, monthly copy, regulator access, exit plan) and the
/// AI-regulation Section out of its regime, leaving them under the general cap. At preferred
/// only continuity (an outage, with Annex A's remedies) stays out; at fallback the data,
/// regulator-access and exit obligations stay within the super-cap.
#[test]
fn b23_customer_a_a1_financial_regulation_obligations_inside_annex_d_liability() {
    let vs = variants_with("is not a breach of this Annex for the purposes of this Section");
    assert_eq!(vs.len(), VARIANTS.len());
    let mut bank_fallback = 0;
    for v in &vs {
        if v.stance == "preferred" {
            has(
                v,
                "A breach of Section 6.3 is not a breach of this Annex for the purposes of this Section, unless it is also a breach of another of its provisions or causes a loss or corruption of Customer Data stored in the Services that Section 6.3 does not allow:",
            );
            lacks(v, "Section 7.1 or Section 8.2 is not a breach");
            lacks(v, "Section 7.2 is not a breach");
        } else if v.name.starts_with("global-bank.json") {
            bank_fallback += 1;
            has(
                v,
                "A breach of Section 6.3, Section 7.1 or Section 8.2 is not a breach of this Annex for the purposes of this Section, unless it is also a breach of another of its provisions, causes a loss or corruption of Customer Data stored in the Services that Section 6.3 does not allow or is a failure of the access to Customer Data, its return or copies of it, the access of Customer's regulators or the exit plan that Section 7.1 requires:",
            );
        } else {
            lacks(v, "is a failure of the access to Customer Data");
        }
    }
    assert_eq!(bank_fallback, 4);
}
