//! The thirteenth blind read (customer's and vendor's counsel), the findings on service levels,
//! business units and capacity. Each test is named after its report and finding, asserts over
//! the shared variants (every example in both stances and every unit of the bank) that the
//! quoted defect is gone, and that the fixed text is there where it applies.

use crate::counsel::{VARIANTS, has, lacks, variants_named, variants_with};

/// A right to terminate a unit's call-off (its pilot opt-out included) is the unit's own and
/// spends no master right; the Annual Commitment is reduced by notice under the master only.
#[test]
fn blind13_customer_a_6_unit_termination_spends_no_master_right() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "exercisable once for Customer as a whole under either document and not once under each, except that",
        );
    }
    for v in variants_named("global-bank.json unit") {
        has(
            v,
            "is the right under the Master SOW, exercisable once for Customer as a whole and not once under each document, and a limit of liability that this SOW repeats from the Master SOW is the Master SOW's limit, calculated as the Master SOW calculates it (the fees paid and payable under this SOW counting among its fees, and no fee counting twice) and applying once to claims under this SOW and the Master SOW together, and Customer may reduce the Annual Commitment by notice only under the Master SOW",
        );
        has(
            v,
            "A right to terminate this SOW (at the end of a Pilot Period included) is, however, the Unit's own, as the Master SOW provides: exercising it ends the Unit's call-off only, as this Section provides, and does not exercise, exhaust or affect any right under the Master SOW or another call-off.",
        );
        // blind16 customer-A 2: the reduction on the end of the call-off holds at both stances.
        has(
            v,
            "(the reduction that this Section provides on the end of this SOW aside)",
        );
    }
}

/// A changed service level: measured once (the unit's requests under the call-off, the rest
/// under the master), credited on the unit's share of the master's base (the commitment share
/// included), which the master's base excludes, with the floor on that same share.
#[test]
fn blind13_customer_a_8_vendor_a_22_24_unit_credits_one_base_one_measurement() {
    for v in VARIANTS.iter() {
        lacks(v, "are the Unit Fees for the Covered Service concerned");
        lacks(
            v,
            "on the fees on which the Master SOW calculates Service Credits, had this SOW not changed",
        );
        lacks(
            v,
            "though the Call-Off's Service Credit for it is never smaller than the one this SOW would have given",
        );
    }
    for v in variants_with("For a service level that this SOW changes for the Unit") {
        has(
            v,
            "A request is the Unit's if one of the Unit's users makes it, or if it is made through one of the Unit's workspaces, projects, API keys or deployments that no other business unit uses",
        );
        has(
            v,
            "The fees on which a Service Credit for it under this SOW is calculated are the Unit's share of the fees on which the Master SOW calculates Service Credits for the Covered Service concerned (the monthly share of a commitment included)",
        );
        has(
            v,
            "the fees on which the Master SOW calculates a Service Credit for that service level exclude that share, so that no failure earns a Service Credit twice on the same fees, and a Service Credit under this SOW is never smaller than the one that the Master SOW would have given on that share for the same failure had this SOW not changed the service level.",
        );
        has(
            v,
            "For a service level that Section 1.2 of the Statement of Work changes for the Unit, the fees for a Covered Service are the Unit's share of them that that Section sets, and a Service Credit for it is calculated on that share only.",
        );
    }
    for v in variants_with("nothing is counted, credited or refunded twice") {
        has(
            v,
            "that service level is measured under the Call-Off for that business unit's users, deployments and requests and under this SOW without them, and the Service Credits for it under the Call-Off, calculated on that business unit's share of the fees on which this SOW calculates them, replace the Service Credits for it under this SOW on that share and are never smaller than those this SOW would have given on it",
        );
    }
}

/// Customer's own measurement of response time counts, rebuttable from Vendor's per-request
/// record, at both stances.
#[test]
fn blind13_customer_a_9_customer_measures_latency() {
    for v in variants_with("(the \"Latency Commitment\")") {
        has(
            v,
            "and give Customer its record of the response time of each request on request. Customer may also measure response times, from when its systems send a request",
        );
        has(
            v,
            "less 5% of the threshold above for the time spent in transit, is the response time of that request unless Vendor shows, in writing within fifteen (15) days after receiving Customer's measurement and from its record of that request, that Vendor's systems answered it within the threshold above and that the rest of the time that Customer measured was spent in Customer's own systems or network connection.",
        );
    }
}

/// Fallback "Available": a loss of access through one interface (sign-in included) or in one
/// region counts, and requests that cannot connect count as failed.
#[test]
fn blind13_customer_a_11_fallback_available_counts_interface_and_region() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "(a) Customer cannot access the Covered Service or submit requests to it; or (b)",
        );
    }
    for v in variants_with("\"Available\" means") {
        if v.stance == "fallback" {
            has(
                v,
                "(a) 2% or more of Customer's users who try in that minute to access the Covered Service, or to submit requests to it, cannot do so; or (b) 2% or more of the requests",
            );
            has(
                v,
                "fail with server-side errors, are Time-outs or cannot connect to it.",
            );
        } else {
            has(
                v,
                "fails with a server-side error, cannot connect to it or is a Time-out.",
            );
        }
    }
}

/// Two Covered Services committed together that both miss latency earn one latency credit on
/// the shared fees, as for Downtime.
#[test]
fn blind13_vendor_a_9_one_latency_credit_per_bundle() {
    for v in variants_with(
        "Vendor shall give Customer a Service Credit of 10% of the fees for that Covered Service for that month, in addition to any Service Credit for Downtime",
    ) {
        if v.text
            .contains("the fees for it are the fees for all the services so priced or committed")
        {
            has(
                v,
                "earn a Service Credit for Downtime, or for the Latency Commitment, in the same month, Customer receives one Service Credit of each kind on those fees, at the highest percentage that any of them earns.",
            );
        }
    }
    for v in variants_named("global-bank.json (preferred)") {
        lacks(
            v,
            "Customer receives one Service Credit for Downtime on those fees",
        );
    }
}

/// A request that Customer's client abandons before the Time-out period is a Time-out if
/// Vendor does not answer it within the period all the same.
#[test]
fn blind13_vendor_a_41_abandoned_slow_request_can_be_a_time_out() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "stop waiting for before that period has run is not a Time-out",
        );
    }
    for v in variants_with("\"Time-out\" means") {
        has(
            v,
            "except that a request that Customer's own systems stop waiting for before that period has run is a Time-out if, and only if, they had waited at least ",
        );
        has(
            v,
            "and Vendor's records do not show that Vendor's systems had by then begun to answer it or to generate output for it.",
        );
    }
}

/// The duty to accept requests up to the guaranteed limits gives way to maintenance that
/// Annex A allows and to a cause it excludes from Downtime (force majeure), but since blind
/// 26-30 only for the requests that the cause prevents Vendor from accepting, never as a
/// licence to throttle the rest of Customer's traffic in that minute.
#[test]
fn blind13_vendor_b_6_capacity_duty_gives_way_in_excluded_minutes() {
    let vs = variants_with("accept Customer's requests");
    assert!(vs.len() >= 6, "{}", vs.len());
    for v in vs {
        lacks(v, "permits), and shall not");
        lacks(v, "permits, and shall not");
        lacks(v, "or in a minute that Annex A excludes from Downtime");
        has(
            v,
            "and, for the requests that it prevents Vendor from accepting, while maintenance that Annex A allows, or another cause that Annex A excludes from Downtime, makes the Covered Service concerned unavailable)",
        );
    }
}

/// A rate that the capacity table leaves blank sets no limit, so the permission to reject
/// above the limits is not live while the guarantee is blank; a filled table has no such words.
#[test]
fn blind13_customer_a_34_blank_rate_sets_no_limit() {
    for v in variants_named("minimal.json") {
        has(
            v,
            "A rate not yet stated in the table sets no ceiling: until it is stated, Vendor may not reject or queue a request as above it.",
        );
    }
    for v in variants_named("global-bank.json") {
        lacks(v, "A rate not yet stated in the table sets no ceiling");
    }
}
