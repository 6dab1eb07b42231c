//! Blind reads 26-32 (issue 26): each a read of only the passages changed since the read
//! before, one reader per side. Every test asserts, over every example in both stances and
//! every unit of the bank, that the quoted defect cannot come back and that the fixed text
//! is there where it applies.

use crate::counsel::{VARIANTS, has, lacks, variant, variants_with};

/// blind26 customer 1-3, vendor 2-3 (and blind27-31 after them): "or in a minute that Annex A
/// excludes from Downtime" read as a licence to throttle all of Customer's traffic in any
/// minute that one exclusion touched, against Section 3.3's closed list and the unlimited
/// ChatGPT promise. One list of exceptions, printed verbatim wherever the duty is stated: a
/// permitted suspension on its terms, and an unavailability that allowed maintenance or an
/// excluded cause brings about, only for the requests it prevents Vendor from accepting.
#[test]
fn b26_an_excluded_minute_is_never_a_licence_to_throttle() {
    const EXC: &str = "(except only during a suspension or restriction that Section 3.3 permits, on the terms of that Section, and, for the requests that it prevents Vendor from accepting, while maintenance that Annex A allows, or another cause that Annex A excludes from Downtime, makes the Covered Service concerned unavailable)";
    for v in VARIANTS.iter() {
        lacks(v, "or in a minute that Annex A excludes from Downtime");
        lacks(
            v,
            "excuses only what the first paragraph of this Section says",
        );
        lacks(v, "is not a rejection, queuing, slowing, throttling");
    }
    let vs = variants_with("Usage Limits");
    assert!(vs.iter().any(|v| v.stance == "preferred"));
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    for v in &vs {
        has(v, EXC);
        // Vendor's own decision to throttle is never such a cause (blind28 customer 1).
        has(
            v,
            "on whatever ground, is a suspension or restriction that only Section 3.3 can permit, except ",
        );
        // blind29 vendor 1: the retirement of a model is governed by its own Section, as 3.3 says.
        has(
            v,
            "the retirement of a model or model version under Section 10.6, which",
        );
    }
    // blind29 vendor 2: the unlimited Service yields to allowed maintenance too, never to more.
    for v in variants_with("\"unlimited\" means unlimited") {
        has(
            v,
            &format!("or charge for its volume, under a fair-use policy or otherwise {EXC}"),
        );
        has(v, "to ChatGPT Enterprise or otherwise, on whatever ground");
    }
}

/// blind30 customer 5, vendor 1: slowing above the limits was allowed by 10.2 but not named by
/// Section 3.3 or Annex A; only rejection or queuing is, and queuing is defined.
/// blind31 customer 3: a capacity shortfall below the limits is a breach and Downtime, a slow
/// answer for another reason the Latency Commitment's.
#[test]
fn b30_above_the_limits_only_rejection_or_defined_queuing() {
    for v in VARIANTS.iter() {
        lacks(v, "Vendor may reject, queue or slow Customer's requests");
    }
    let vs = variants_with("Above these limits, Vendor may reject or queue Customer's requests");
    assert!(vs.len() >= 6, "{}", vs.len());
    for v in vs {
        has(
            v,
            "To queue a request above these limits is to hold it until Customer's requests are again within them and then to process it as any other.",
        );
        // blind33 both 7/8: no absolute bar on queuing that catches a batch job, and no
        // definition that empties the guarantee below the limits.
        has(
            v,
            "shall not hold them back for later processing unless Customer submits them for it (such as in a batch job)",
        );
        has(
            v,
            "(by rate-limiting, throttling or deprioritising them, by holding them back for later processing, or by rejecting them for want of capacity, not a response that takes long for another reason",
        );
    }
}

/// blind26 customer 4-6, vendor 6-7, and every read to blind32: the urgent fix of an exploited
/// vulnerability and the Scheduled Maintenance definition set two rules ("within its notice
/// and its monthly limit", an hours exception in one place only, notice after the start in
/// the other). Now: the definition keeps the hours limit and counts toward the monthly limit;
/// the fix is allowed at any time on conditions that decide it, notified, shown on request,
/// and its minutes are Downtime unless it is Scheduled Maintenance; other maintenance that
/// takes a Covered Service down is a breach and Downtime.
#[test]
fn b26_urgent_maintenance_one_rule() {
    for v in VARIANTS.iter() {
        lacks(v, "(within its notice and its monthly limit)");
        lacks(
            v,
            "That permission only keeps the maintenance from being a breach",
        );
        lacks(v, "This Section limits Scheduled Maintenance only");
    }
    let pref = variants_with("is also Scheduled Maintenance if Vendor notifies it");
    assert!(
        pref.iter()
            .any(|v| v.name == "global-bank.json (preferred)")
    );
    for v in pref {
        has(
            v,
            "it is subject to every other limit on Scheduled Maintenance in Section 5.3 (including the hours in which Scheduled Maintenance may be carried out), its hours count towards the limit there on the hours of Scheduled Maintenance",
        );
        has(
            v,
            "That maintenance is allowed only if those conditions are met and that notice is given, and Vendor shall show Customer in writing, within ten (10) days after Customer asks (if Customer asks within sixty (60) days after the maintenance), that they were met; if Vendor does not so show, it was not allowed.",
        );
        has(
            v,
            "Maintenance that makes a Covered Service not Available is allowed only as Scheduled Maintenance within the limits of this Section or as the maintenance against an actively exploited vulnerability that this Section allows; other maintenance that does so is a breach of this Section",
        );
    }
    // blind32 customer 7, vendor 3: Emergency Maintenance beyond its excluded hours is allowed
    // and Downtime, never also "not allowed".
    let fb = variants_with("\"Emergency Maintenance\" means");
    assert!(fb.iter().any(|v| v.name == "global-bank.json (fallback)"));
    for v in fb {
        has(
            v,
            "or Emergency Maintenance carried out at a time that this Section allows for it (its minutes beyond the monthly limit on its exclusion being Downtime)",
        );
    }
}

/// blind31 vendor 24, blind32 customer 1 and vendor 1: a score that Vendor gives made a
/// vulnerability critical and so bought an exclusion from Downtime; a second test in Annex A
/// then contradicted Annex D's. One test, in Annex D: Vendor's own score does not count for
/// an exclusion from Downtime.
#[test]
fn b31_vendors_own_score_buys_no_exclusion() {
    for v in VARIANTS.iter() {
        lacks(v, "does not make a vulnerability critical for this purpose");
    }
    let vs = variants_with(
        "including for maintenance under Annex A, a security vulnerability is critical",
    );
    assert!(vs.iter().any(|v| v.stance == "preferred"));
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    for v in vs {
        has(
            v,
            // blind33 vendor 3: the National Vulnerability Database's score counts (Microsoft
            // scores its own vulnerabilities as their numbering authority); Vendor's own does not,
            // nor its own word that a vulnerability is exploited.
            "(but, for whether maintenance is excluded from Downtime under Annex A, a score counts only as the U.S. National Vulnerability Database publishes it or, where that database has not scored the vulnerability, as a supplier of the affected component other than Vendor or an affiliate of Vendor gives it, and a vulnerability is being actively exploited only if a source independent of Vendor, such as a government catalogue of known exploited vulnerabilities, says so or Vendor shows Customer evidence of it)",
        );
    }
}

/// blind26 customer 7, vendor 4-5, 11 and the reads after: a Call-Off's termination counted as
/// a partial termination "for every provision of this SOW on the Annual Commitment" (a partial
/// convenience termination by the back door at the fallback), its expiry reduced nothing, and a
/// release on its chronic-failure termination could be read as a release of the whole
/// commitment. Decided once, in the Call-Off Section alone.
#[test]
fn b26_a_call_offs_end_reduces_the_commitment_once_and_no_further() {
    for v in VARIANTS.iter() {
        lacks(v, "its termination (not its expiry)");
        lacks(
            v,
            "for as long as that business unit does not use the Services",
        );
        lacks(v, "expires only with the Master SOW");
    }
    let vs = variants_with("(a \"Call-Off\")");
    let mut n = 0;
    for v in vs {
        if !v.text.contains("(the \"Annual Commitment\")") {
            continue;
        }
        n += 1;
        has(
            v,
            "neither its end nor its termination as to some of the Services is a termination of this SOW as to some of the Services, and, unless the Call-Off provides for a greater reduction, its expiry before this SOW ends",
        );
        has(
            v,
            "(and its termination as to some of the Services reduces it in the same way from when that termination takes effect, on the fees attributable to that business unit for those Services over the same period before it)",
        );
        has(
            v,
            "releases it by that reduction and no further, and that business unit's later use of the Services under this SOW counts toward the Annual Commitment as any other use does",
        );
    }
    assert!(n >= 4, "{n}");
    // The unit's own document points at the master's rule for a call-off.
    has(
        variant("global-bank.json unit markets (preferred)"),
        "as the Master SOW reduces it on the end of a call-off:",
    );
}

/// blind26 customer 8-10, vendor 1, 15 and the reads after: the objected sub-processor "never
/// processes, any transition assistance included" made the transition impossible, and
/// "accepts a change" lifted the ban on a remedy proposal. The hold is on the change objected
/// to, lifted only by a withdrawal; after termination the change is made only with Customer's
/// agreement, and otherwise, where Vendor has shown it cannot do without it, the terminated
/// Services are not continued (despite Annex E), the rest of the transition continuing.
#[test]
fn b26_the_objected_change_waits_and_the_transition_still_works() {
    for v in VARIANTS.iter() {
        lacks(v, "unless Customer accepts a change");
        lacks(v, "any transition assistance included");
        lacks(
            v,
            "Vendor shall make the change in providing transition assistance only if",
        );
    }
    let vs = variants_with("the objection does not lapse by the passing of time");
    assert!(vs.iter().any(|v| v.stance == "preferred"));
    assert!(vs.iter().any(|v| v.stance == "fallback"));
    for v in vs {
        has(
            v,
            "Vendor shall not make the change to which Customer objected (the new sub-processor's processing of Customer Data, or the existing sub-processor's processing of it for the new purpose or in the new location) unless Customer withdraws its objection in writing",
        );
        if !v.text.contains("Transition Assistance") {
            continue;
        }
        // blind34 customer-B 2, blind35 both 2: one rule at both stances: the Services run
        // through the transition without the change, except so far as Vendor has shown it
        // cannot, when Customer owes nothing for them and the rest of the transition goes on.
        has(
            v,
            "it shall continue the terminated Services without the change during the transition as Section 4.1 of Annex E provides, except that, so far as Vendor has shown Customer in writing, with reasonable supporting detail, that it cannot provide them without the change and Customer does not so agree, Vendor need not continue them, or meet their service levels, during the transition, Customer owes nothing for them, and the rest of its transition assistance (the return and export of Customer Data included) continues.",
        );
    }
}

/// blind26 customer 11: the payments sentence's own "by this reference to it" at the fallback
/// only made the preferred read as weaker. The preferred makes this Section the express
/// reference for every departure (a unit's no further than the Master SOW's).
#[test]
fn b26_the_preferred_refers_to_the_agreement_for_every_departure() {
    for v in VARIANTS.iter() {
        let general = "This Section is, for every provision of this SOW that departs from the Agreement, an express reference to the Agreement";
        if v.stance == "preferred" && v.text.contains("### 1.") {
            has(v, general);
        }
        if v.stance == "fallback" {
            lacks(v, general);
            has(
                v,
                "Despite any term of the Agreement, and by this reference to it,",
            );
        }
    }
    has(
        variant("global-bank.json unit markets (preferred)"),
        // blind33 both 12: the unit's reference is not limited a second time, which read as
        // cancelling its own changes; the first sentence of the Section already limits it.
        "for every provision of this SOW that departs from the Agreement, an express reference to the Agreement.",
    );
}

/// blind25 customer 4: a list price that Vendor cut and then stopped publishing went back to
/// the Price Schedule's. Now the last published price counts, and the Schedule's only as
/// reduced by a fall elsewhere, the lower governing (blind27-32: the reduction is the
/// Schedule's alone; a later-published price counts from its first level).
#[test]
fn b25_a_cut_price_that_vendor_stops_publishing_keeps_the_cut() {
    let vs = variants_with("at any later time when Vendor publishes none");
    assert_eq!(vs.len(), VARIANTS.len());
    for v in vs {
        has(
            v,
            "it is the lower of (a) the last such price that Vendor published for it and (b) the list price that the Price Schedule states for it, that list price being reduced",
        );
        has(v, "where only one of (a) and (b) exists, it is that one.");
        lacks(
            v,
            "whenever Vendor publishes none, it is the list price that the Price Schedule states",
        );
    }
}

/// Blind read 34 (the full read after blind 33; four readers): the points fixed.
/// vendor-B 23, customer-B 14: a time of day "Central European Time" read literally as UTC+1
/// all year, moving the protected hours by an hour in summer.
#[test]
fn b34_a_time_of_day_is_the_local_clock_time() {
    let vs = variants_with("a time of day is the local time in the time zone stated with it");
    assert_eq!(vs.len(), VARIANTS.len());
    for v in vs {
        has(
            v,
            // blind35 both 4/8: a time stated in UTC stays UTC.
            "in each time zone to which the provision concerned applies, as the clocks there show it (summer time included), whatever name is given to the time zone, except that a time stated in Coordinated Universal Time (UTC) is in UTC;",
        );
    }
}

/// customer-B 6: at the fallback a charge for a further export read as a condition of access
/// that the access Section forbids. customer-B 11: zero data retention and the consent to keep
/// flagged health content read as two rules.
#[test]
fn b34_an_export_charge_is_no_condition_and_the_consent_is_the_one_exception() {
    let fb = variants_with("For any other export during the Term, Vendor may charge");
    assert!(!fb.is_empty());
    for v in fb {
        has(
            v,
            // blind35 vendor 3: on the terms of that Section, quote and acceptance included.
            "A charge for an export that Section 2.3 lets Vendor make, on the terms of that Section, is not a condition of access under this Section.",
        );
    }
    let hf = variant("healthcare-azure.json (fallback)");
    has(
        hf,
        // blind35 both 3/6: an exception, not "the one" (the Section's other storage stands).
        "without Customer's prior written consent in each case (a consent that is, for the item concerned only, an exception to the preceding sentence)",
    );
}

/// vendor-A 27: "to no greater extent than the Master SOW amends it" read as cancelling the
/// Markets unit's stricter service levels against the Agreement; blind35 both 5/7: with no
/// limit at all the unit read as a second, independent amendment. The unit amends the
/// Agreement beyond the master only as to the terms the master lets it change.
/// (vendor-A 28, notification costs, is answered in the note: the reimbursement is an
/// obligation of Annex D on Security Breaches, which its liability Section covers; blind35
/// both 1 read "whichever breach" as a contradiction.)
#[test]
fn b34_the_units_own_changes_amend_the_agreement_and_no_more() {
    for v in VARIANTS.iter() {
        lacks(v, "to no greater extent than the Master SOW amends it");
        lacks(v, "whichever breach of this SOW causes the Security Breach");
    }
    has(
        variant("global-bank.json unit markets (preferred)"),
        "The parties sign this SOW also as an amendment of the Agreement, for the Unit's use of the Services only and, beyond the Master SOW's amendment of it, only as to the terms that this SOW changes for the Unit as the Master SOW allows, so that",
    );
}

/// Blind read 36 (the full read after blind 35; four readers), customer-A 2: at the fallback
/// the Agreement prevails on liability except for a list, and Customer's right to recover its
/// affiliates' losses as its own was not on it, so an Agreement excluding third parties'
/// losses would take it away.
#[test]
fn b36_the_fallback_keeps_the_affiliates_losses_against_the_agreement() {
    let vs = variants_with("the Agreement prevails only as to governing law");
    assert!(vs.iter().all(|v| v.stance == "fallback"));
    assert!(vs.len() >= 3);
    for v in vs {
        has(
            v,
            "Customer's right under Section 3.1 to enforce this SOW for its affiliates and the employees and contractors of Customer and of its affiliates, and to recover their losses as its own, without double recovery of the same loss, which no term of the Agreement that excludes the losses of a third party or of an affiliate of Customer excludes, those losses being subject to the terms on liability that would apply to the same loss of Customer",
        );
    }
}

/// blind36 vendor-B 34: the pilot's and a phase's one-level uplift read as a way of handling
/// a request in one Section and as a change of its Severity Level in two others.
#[test]
fn b36_the_rollout_uplift_is_a_severity_level() {
    let vs = variants_with(
        "one Severity Level above the Severity Level that its impact alone would justify",
    );
    assert!(vs.iter().any(|v| v.stance == "preferred"));
    for v in vs {
        lacks(v, "- handle each support request that Customer reports");
        has(
            v,
            "a phase as of one Severity Level above the Severity Level that its impact alone would justify under Annex B, for every purpose of that Annex (its Response Times included)",
        );
    }
}

/// blind36 customer-B 6: at the fallback the P2 row has no "P1 with a workaround", so the
/// reclassification to P2 read as open to a further downgrade; customer-B 7: Scheduled and
/// Emergency Maintenance shared one allowance only in one order; vendor-A 7: a per-user limit
/// that the unlimited promise forbids read as an individual answer if Vendor had it before.
#[test]
fn b36_reclassification_shared_allowance_and_forbidden_limits() {
    for v in variants_with("When Customer so confirms, Customer shall reclassify the request as P2")
    {
        has(
            v,
            "Customer shall reclassify the request as P2, whatever the definitions in the table (a security incident that affects or is reasonably suspected to affect Customer Data aside, which stays P1, and on which Vendor works continuously until it is resolved), and it stays open as a P2 request until Vendor delivers a permanent fix, returning to P1 if the workaround stops working.",
        );
    }
    let em = variants_with(
        "its hours count towards, and are not in addition to, the limit for Scheduled Maintenance",
    );
    assert!(em.iter().any(|v| v.name == "global-bank.json (fallback)"));
    for v in em {
        has(
            v,
            "so that the two together are excluded for no more than that limit in a month, in whatever order they occur, and once they reach it every further minute of either in that month is Downtime",
        );
    }
    let vs = variants_with(
        "Vendor's answer to an individual request that Annex A does not count as a server-side error",
    );
    assert!(vs.len() >= 6);
    for v in vs {
        has(
            v,
            // blind37 vendor 5: a rate, usage or quota limit, never the size limit of one request.
            "unless the answer applies a rate, usage or quota limit that this Section forbids (not a limit on the size of an individual request that Annex A allows), or a block of users",
        );
    }
}

/// blind37 (changed passages after blind 36), customer 2 and vendor 2-3: the rollout uplift
/// read as Annex B's only, leaving open whether a missed Response Time on an uplifted request
/// is a Service Level Failure; said at the preferred: it is. customer 1, vendor 1, compare:
/// the reclassification to P2 "whatever the definitions" took a security incident out of P1.
#[test]
fn b37_the_uplift_counts_and_a_security_incident_stays_p1() {
    let vs = variants_with(
        "as of one Severity Level above the Severity Level that its impact alone would justify",
    );
    assert!(!vs.is_empty());
    for v in vs
        .iter()
        .filter(|v| v.text.contains("\"Service Level Failure\""))
    {
        has(
            v,
            "for every purpose of that Annex (its Response Times included) and of Annex A (a missed Response Time on it counting toward a Service Level Failure as on any request of that level)",
        );
    }
    for v in variants_with("shall reclassify the request as P2") {
        has(
            v,
            "(a security incident that affects or is reasonably suspected to affect Customer Data aside, which stays P1, and on which Vendor works continuously until it is resolved)",
        );
    }
}

/// blind37 comparison read: five points where the preferred was weaker than its fallback,
/// each now said at both stances (the affiliates' losses against the Agreement, the time to
/// ask for the exit export never shorter than sixty days, the discount on a separate product,
/// expenses within the fees, the record of a review of flagged content on request).
#[test]
fn b37_compare_the_preferred_is_never_weaker() {
    for v in VARIANTS.iter() {
        has(
            v,
            "no term of the Agreement that excludes the losses of a third party or of an affiliate of Customer excludes them.",
        );
    }
    // blind38 customer 1: nothing is deleted while the time to ask for an export runs.
    for v in variants_with("the delivery of the last export that Customer requests") {
        lacks(
            v,
            "which Customer may request until thirty (30) days after the end of the Term",
        );
        has(
            v,
            "after the later of the end of the time in which Customer may request an export under Section 2.3 after the Term, which is sixty (60) days after the end of the Term, and the delivery of the last export that Customer requests",
        );
    }
    for v in
        variants_with("shall not make any of them available to Customer only under a higher tier")
    {
        if v.stance == "preferred" {
            has(
                v,
                "Without limiting what Section 3.1 and this Section include in the Services, Customer may buy a product of Vendor that is not part of the Services at Vendor's prices for it, less the discounts that apply to Customer under this SOW.",
            );
        }
    }
    for v in variants_with("unless this SOW expressly states a charge for it") {
        has(v, "travel and other expenses that Vendor incurs");
    }
    has(
        variant("global-bank.json (preferred)"),
        "notify Customer of any review that concerns Customer's use and give Customer the record of it on request",
    );
}

/// blind37 customer 4: at the fallback "Scheduled Maintenance within these limits" read as
/// excluded although Emergency Maintenance had used the shared monthly allowance.
#[test]
fn b37_the_shared_allowance_is_the_limit_of_both() {
    let vs = variants_with(
        "its hours count towards, and are not in addition to, the limit for Scheduled Maintenance",
    );
    assert!(!vs.is_empty());
    for v in vs {
        if v.text.contains("in total in any calendar month for all Covered Services together, an hour counting once for each Covered Service that the maintenance affects; and") {
            has(
                v,
                "Scheduled Maintenance carried out within these limits (the monthly limit counting the hours of Emergency Maintenance too) is excluded from Downtime.",
            );
        }
        has(
            v,
            "once they reach it every further minute of either in that month is Downtime",
        );
    }
}

/// blind38 customer 4, 6, 7: the separate-product sentence read as a way around what the
/// Services include; "by Customer alone" read as taking away an affiliate's own indemnity; and
/// a unit's call-off brought every affiliate's use under the Unit's terms.
#[test]
fn b38_separate_products_affiliates_and_the_units_users() {
    for v in variants_with("Customer may buy a product of Vendor that is not part of the Services")
    {
        has(
            v,
            "Without limiting what Section 3.1 and this Section include in the Services,",
        );
    }
    for v in VARIANTS.iter() {
        lacks(v, "by Customer alone");
        has(
            v,
            "(without double recovery of the same loss, and without limiting any provision of this SOW expressed to benefit them directly, such as an indemnity)",
        );
    }
    has(
        variant("global-bank.json unit markets (preferred)"),
        "may use the Services under this SOW for the work of the Unit (their other use being under the Master SOW)",
    );
}
