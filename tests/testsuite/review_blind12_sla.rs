//! The twelfth blind read (customer's and vendor's counsel), the findings on Annex A (service
//! levels). Each test is named after its report and finding, asserts over the shared variants
//! (every example in both stances and every unit of the bank) that the quoted defect is gone,
//! and that the fixed text is there where it applies.

use crate::counsel::{VARIANTS, has, lacks, variants_with};

const AVAILABLE: &str = "\"Available\" means, for a Covered Service in a given minute, that none of the following occurs in that minute: (a) ";

/// "Available" sets one test at both stances: access, or failed requests (every failed request
/// at preferred, the threshold's share at fallback); no second, laxer "so degraded" test beside
/// it, and Customer's records prove Downtime by the same test.
#[test]
fn blind12_customer_a_2_available_sets_one_test() {
    for v in VARIANTS.iter() {
        lacks(v, "so degraded that it cannot reasonably be used");
        lacks(
            v,
            "and that it processes requests without server-side errors or Time-outs",
        );
        lacks(
            v,
            "and that it processes them without server-side errors or Time-outs",
        );
        lacks(
            v,
            "show that requests made to a Covered Service in that minute by Customer's systems or users failed",
        );
        has(v, AVAILABLE);
        has(
            v,
            "show that a Covered Service was not Available, because requests made to it in that minute by Customer's systems or users failed with server-side errors, were Time-outs or could not connect to it",
        );
        if v.stance == "preferred" {
            has(
                v,
                "(a) Customer or any of its users cannot access the Covered Service through an interface of it that Customer uses, in any region of it that Customer uses or from any of Customer's regions; or (b) any request that Customer's systems and users submit in that minute to it, or to any model or deployment of it that Customer uses, fails with a server-side error, cannot connect to it or is a Time-out.",
            );
        } else {
            has(
                v,
                "(a) 2% or more of Customer's users who try in that minute to access the Covered Service, or to submit requests to it, cannot do so; or (b) 2% or more of the requests that Customer's systems and users submit in that minute to it fail with server-side errors, are Time-outs or cannot connect to it.",
            );
        }
    }
}

/// The force-majeure carve-outs apply for all purposes of the SOW, not only to Downtime, and
/// Annex D's continuity sentence reads the defined term.
#[test]
fn blind12_customer_a_9_force_majeure_carve_outs_apply_to_the_whole_sow() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "For the purposes of this Annex, none of the following is a Force Majeure Event",
        );
        lacks(v, "is not a force majeure event");
    }
    for v in variants_with("\"Force Majeure Event\" has the meaning given to it in the Agreement") {
        has(
            v,
            "For all purposes of this SOW and its annexes, despite anything in the Agreement, none of the following is a Force Majeure Event or otherwise excuses Vendor's performance: a cyber-attack or other security incident that reasonable security measures would have prevented;",
        );
    }
    for v in
        variants_with("an event that the Continuity Plan should have allowed Vendor to withstand")
    {
        has(
            v,
            "an event that the Continuity Plan should have allowed Vendor to withstand is not a Force Majeure Event under Section 5.2 of Annex A.",
        );
    }
}

/// "Available" no longer turns on Vendor's undated documentation; a function that a Model
/// Error may concern is one the documentation describes at any time from the Effective Date.
#[test]
fn blind12_vendor_a_38_available_does_not_turn_on_undated_documentation() {
    for v in VARIANTS.iter() {
        lacks(v, "work as described in Vendor's documentation");
        lacks(v, "the failure of a documented function");
    }
    for v in variants_with("\"Model Error\" means") {
        has(
            v,
            "the failure of a function (such as structured outputs or function calling) that Vendor's documentation describes at any time from the Effective Date",
        );
    }
}

/// Every request has an end point for the Latency Commitment: one with no token of output, an
/// asynchronous job, and a message in a user interface (not a call that only loads it).
#[test]
fn blind12_vendor_a_21_latency_has_an_end_point_for_every_request() {
    for v in variants_with("(the \"Latency Commitment\")") {
        has(
            v,
            "For a request whose answer has no token of output (such as a request for an embedding or a moderation result, or a file operation), response time runs until Vendor's systems begin to return the answer, and a request that starts an asynchronous job (such as a batch or fine-tuning job) is answered when Vendor's systems acknowledge it.",
        );
        has(
            v,
            "Where a Covered Service is used through a user interface, each message or other prompt that a user submits is a request, and a call that only loads the interface (such as a page, script or image of it) is not.",
        );
    }
}

/// A Model Error and Downtime are told apart by one test: an error in what a model answers is
/// not a server-side error; a Model Error is Downtime only where it makes the service not
/// Available, and then both regimes apply.
#[test]
fn blind12_vendor_b_5_model_error_and_downtime_are_told_apart() {
    for v in variants_with("\"Model Error\" means") {
        has(
            v,
            "A Model Error is also Downtime only in a minute in which it makes the Covered Service not Available, and then this Annex's provisions on Downtime and on Model Errors both apply to it.",
        );
        has(
            v,
            "an answer declining a request on the ground of its content, whether given by a model or by a content filter, is not a server-side error but may be a Model Error.",
        );
        lacks(v, "that all of its material functions work");
    }
}

/// A jointly committed fee is shared between the Covered Services over the twelve months
/// before the credit month, so the credit base does not shrink with the outage's own month.
#[test]
fn blind12_vendor_b_31_credit_share_is_not_taken_from_the_outage_month() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "the share of the combined fees that Section 10.1 of the Statement of Work attributes to it, and no fee",
        );
        lacks(
            v,
            "including for calculating Service Credits, is the proportion",
        );
    }
    for v in variants_with(
        "the share of the combined fees that Section 10.1 of the Statement of Work attributes to it",
    ) {
        has(
            v,
            "attributes to it, taking as the period for that attribution the twelve (12) months before that month or, where fewer months of the Term have passed, the months of the Term before it, and no fee is attributed to more than one Covered Service.",
        );
    }
    // The SOW's one attribution rule reads that period for Service Credits.
    for v in variants_with("including for calculating Service Credits") {
        has(
            v,
            "including for calculating Service Credits (over the period that Section 3.1 of Annex A states), is the proportion",
        );
    }
}

/// A credit that Vendor's own records show is applied without a claim even where its report
/// leaves it out; a claim window never releases such a credit.
#[test]
fn blind12_vendor_b_33_a_credit_vendors_records_show_needs_no_claim() {
    for v in VARIANTS.iter() {
        lacks(
            v,
            "each Service Credit that a report of Vendor under Section 6.3 shows as due",
        );
    }
    for v in variants_with("To receive any other Service Credit") {
        has(
            v,
            "each Service Credit that a report of Vendor under Section 6.3 or Vendor's own records under Section 2.2 show as due. To receive any other Service Credit, Customer shall claim it",
        );
    }
    for v in variants_with(
        "If Vendor does not apply a Service Credit that is due, Customer may claim it",
    ) {
        has(
            v,
            "That time limit applies only to a claim: it does not release Vendor from applying a Service Credit that its own records under Section 2.2 show as due.",
        );
    }
}

/// "Server-side error" is defined, at both stances: every error answer except one the request
/// itself causes or a rate limit the SOW allows.
#[test]
fn blind12_vendor_b_34_server_side_error_is_defined() {
    for v in VARIANTS.iter() {
        has(v, AVAILABLE);
        has(
            v,
            "A request fails with a server-side error where Vendor's systems answer it with an error other than one caused by the request being malformed, unauthorised, over a rate limit that Section 10.2 of the Statement of Work allows Vendor to apply, or larger than the limit on request size that Vendor's documentation states for the model concerned or for the interface through which the request is made, each limit being the largest that Vendor's documentation has stated for it at any time since the Effective Date;",
        );
    }
}
