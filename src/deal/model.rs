//! The deal file's types: one struct per JSON object of `deal-format.md`.
//!
//! Every field but `schema_version` and `deal.id` is optional. In the user's file an omitted
//! field takes the playbook default for the deal's stance (see `clause-library/playbook.json`)
//! and `null` means "explicitly none". After [`crate::resolve`] has merged the defaults in,
//! `None` therefore means "none" for every field the playbook has a default for, and "not
//! yet known" (a blank in the draft) for the deal's identity fields, which have no default.
//!
//! The same types produce the JSON Schema (`dealdraft schema`), so doc comments here are
//! the published field documentation.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The sections of a deal file that hold its terms (the fields of [`DealFile`] after
/// `deal`), in order: the areas of a negotiation.
pub const SECTIONS: &[&str] = &[
    "sla",
    "support",
    "training",
    "data",
    "exit",
    "commercial",
    "onboarding",
    "governance",
];

/// One negotiation's positions: the root of a deal file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "dealdraft deal file")]
pub struct DealFile {
    /// Optional pointer to this schema, for editors.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// A note for the people who edit the file, not a term of the deal (`init` writes how to fill it in).
    #[serde(rename = "$comment", default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Version of the deal format.
    pub schema_version: u32,
    /// Who, what and for how long.
    pub deal: DealInfo,
    /// Service levels and service credits (Annex A). `null` = no SLA at all.
    #[serde(default)]
    pub sla: Option<Sla>,
    /// Support services (Annex B).
    #[serde(default)]
    pub support: Option<Support>,
    /// Training and enablement (Annex C).
    #[serde(default)]
    pub training: Option<Training>,
    /// Data protection and AI use (Annex D).
    #[serde(default)]
    pub data: Option<DataHandling>,
    /// Pilot, exit and transition (Annex E).
    #[serde(default)]
    pub exit: Option<Exit>,
    /// Pricing, limits and model lifecycle.
    #[serde(default)]
    pub commercial: Option<Commercial>,
    /// Kickoff, onboarding and rollout.
    #[serde(default)]
    pub onboarding: Option<Onboarding>,
    /// Liaisons, escalation and feedback.
    #[serde(default)]
    pub governance: Option<Governance>,
    /// Per-clause choice of position, overriding `deal.stance`, e.g. `{"sla.service_credits": "fallback"}`.
    #[serde(default)]
    #[schemars(example = serde_json::json!({"sla.service_credits": "fallback"}))]
    pub positions: Option<BTreeMap<String, Stance>>,
    /// Each clause's own parameters, by clause id and parameter name, e.g. `{"sla.credit_claims": {"review_days": 10}}`: the negotiable periods of a clause's text that no field above carries. The clause declares each (type and unit, and a default per position: an omitted parameter takes the default for the clause's position); `dealdraft clauses --params` lists them.
    #[serde(default)]
    #[schemars(example = serde_json::json!({"sla.credit_claims": {"review_days": 10}}))]
    pub params: Option<BTreeMap<String, BTreeMap<String, serde_json::Value>>>,
    /// Business units that each get their own SOW from this deal.
    #[serde(default)]
    pub business_units: Option<Vec<BusinessUnit>>,
    /// Where each value of a deal read from the vendor's paper comes from (`dealdraft intake` writes it); `render` and `check` ignore it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
}

/// The paper a deal was read from, and where in it each value stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The paper file.
    pub file: String,
    /// The words the paper uses for each side, e.g. `{"vendor": "we", "customer": "you"}`.
    #[serde(default)]
    pub parties: Option<PaperParties>,
    /// Each value read, by field path: where the paper states it and the sentence it came from.
    #[serde(default)]
    pub fields: BTreeMap<String, Stated>,
}

/// The words a paper uses for the parties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaperParties {
    /// The vendor ("we", "Provider").
    #[serde(default)]
    pub vendor: Option<String>,
    /// The customer ("you", "Customer").
    #[serde(default)]
    pub customer: Option<String>,
}

/// Where a paper states a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stated {
    /// Line in a Markdown or text paper.
    #[serde(default)]
    pub line: Option<u32>,
    /// Column (characters) in a Markdown or text paper.
    #[serde(default)]
    pub column: Option<u32>,
    /// Paragraph number in a Word paper.
    #[serde(default)]
    pub paragraph: Option<u32>,
    /// The sentence (or table row) the value comes from.
    pub quote: String,
}

/// Which set of playbook positions the deal takes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// The playbook's opening position: what the customer asks for.
    Preferred,
    /// The playbook's walk-away position: the least the customer accepts.
    Fallback,
}

impl Stance {
    /// Both stances, in a fixed order.
    pub const ALL: [Stance; 2] = [Stance::Preferred, Stance::Fallback];

    /// The name used in deal files and the playbook.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Preferred => "preferred",
            Stance::Fallback => "fallback",
        }
    }
}

/// The parties, the services and the commercial frame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DealInfo {
    /// The deal's id, used in output folder and file names.
    #[schemars(example = &"northwind-bank-openai-2027")]
    pub id: String,
    /// Title of the SOW, e.g. "Enterprise AI Services".
    #[serde(default)]
    pub title: Option<String>,
    /// Date the SOW takes effect; training deadlines count from it.
    #[serde(default)]
    #[schemars(example = &"2027-01-01")]
    pub effective_date: Option<String>,
    /// Length of the initial term in months.
    #[serde(default)]
    pub term_months: Option<u32>,
    /// `preferred` or `fallback`: which playbook defaults fill omitted fields.
    #[serde(default)]
    pub stance: Option<Stance>,
    /// The customer (the buyer).
    #[serde(default)]
    pub customer: Option<Customer>,
    /// The vendor (the AI service provider).
    #[serde(default)]
    pub vendor: Option<Vendor>,
    /// The services bought, e.g. `["ChatGPT Enterprise", "API"]`.
    #[serde(default)]
    pub services: Option<Vec<String>>,
    /// Committed annual spend: omitted = a blank to fill in, `null` = no commitment.
    #[serde(default)]
    #[schemars(example = serde_json::json!({"amount": 1500000, "currency": "USD"}))]
    pub annual_commitment: Option<Money>,
    /// The master agreement this SOW sits under, e.g. "Master Services Agreement dated 1 March 2026".
    #[serde(default)]
    pub agreement_ref: Option<String>,
    /// Paper size of the PDF and Word documents: `a4` (the default) or `letter`.
    #[serde(default)]
    pub paper: Option<crate::model::PaperSize>,
}

/// The customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    /// Full legal name.
    #[serde(default)]
    pub legal_name: Option<String>,
    /// Short name for headers, e.g. "Acme".
    #[serde(default)]
    pub short_name: Option<String>,
    /// Regions the customer operates in, e.g. `["North America", "EMEA", "APAC"]`.
    #[serde(default)]
    pub regions: Option<Vec<String>>,
    /// IANA time zones of the customer's users, e.g. `["America/New_York", "Europe/London"]`.
    #[serde(default)]
    #[schemars(example = ["America/New_York", "Europe/London"])]
    pub timezones: Option<Vec<String>>,
    /// Industry, for industry-specific training content, e.g. "banking".
    #[serde(default)]
    pub industry: Option<String>,
}

/// The vendor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vendor {
    /// Full legal name.
    #[serde(default)]
    pub legal_name: Option<String>,
    /// Short name for headers, e.g. "OpenAI".
    #[serde(default)]
    pub short_name: Option<String>,
    /// The cloud provider the vendor runs the services on, e.g. "Microsoft Azure".
    #[serde(default)]
    pub cloud_provider: Option<String>,
    /// The vendor profile: what the vendor publishes for every customer, a floor for the deal's terms (`dealdraft clauses --vendors`), e.g. "azure-openai".
    #[serde(default)]
    #[schemars(example = "azure-openai")]
    pub profile: Option<String>,
}

/// An amount of money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Money {
    /// Amount in whole or fractional units of the currency, e.g. 1500000.
    #[schemars(example = 1500000)]
    pub amount: f64,
    /// The currency, e.g. "USD".
    #[schemars(example = &"USD", example = &"EUR")]
    pub currency: String,
}

/// Service levels and service credits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sla {
    /// Committed Monthly Uptime Percentage, e.g. 99.9.
    #[serde(default)]
    #[schemars(example = 99.9)]
    pub uptime_pct: Option<f64>,
    /// How firmly the vendor stands behind `uptime_pct`: `binding` (it will meet it, and a month below it is a breach), `target` (it aims to meet it) or `efforts` (it uses commercially reasonable or best efforts to meet it).
    #[serde(default)]
    pub commitment: Option<Commitment>,
    /// When unavailability counts as Downtime at all; `null` = every minute in which a Covered Service is not Available counts.
    #[serde(default)]
    #[schemars(example = serde_json::json!({"consecutive_minutes": 5}))]
    pub downtime_threshold: Option<DowntimeThreshold>,
    /// Whose availability the Monthly Uptime Percentage measures: `customer` (the customer's own use of each service) or `all_customers` (the service as a whole, across the vendor's customers).
    #[serde(default)]
    pub measurement_scope: Option<MeasurementScope>,
    /// Downtime counts only when the vendor's own infrastructure causes it (not its cloud or model providers, nor anything else).
    #[serde(default)]
    pub vendor_infrastructure_only: Option<bool>,
    /// Credit tiers: below each threshold the credit applies. Thresholds falling, credits rising.
    #[serde(default)]
    #[schemars(example = serde_json::json!([{"below_pct": 99.9, "credit_pct": 10}, {"below_pct": 99.0, "credit_pct": 25}]))]
    pub credit_tiers: Option<Vec<CreditTier>>,
    /// Maximum credits in a month as % of monthly fees; `null` = uncapped.
    #[serde(default)]
    pub credit_cap_pct: Option<f64>,
    /// Below this uptime the cap does not apply (uncapped credits for severe failures).
    #[serde(default)]
    pub uncapped_below_pct: Option<f64>,
    /// Days after month end within which the customer may claim credits.
    #[serde(default)]
    pub claim_window_days: Option<u32>,
    /// Credits applied automatically on the next invoice, without a claim.
    #[serde(default)]
    pub credits_automatic: Option<bool>,
    /// What service credits are against the customer's other remedies: `not_sole` (one remedy among all the others), `sole_monetary` (the only money for Downtime, termination and other rights kept) or `sole` (the sole and exclusive remedy).
    #[serde(default)]
    pub credit_remedy: Option<CreditRemedy>,
    /// Credits are granted at the vendor's discretion.
    #[serde(default)]
    pub credits_discretionary: Option<bool>,
    /// Optional performance (latency) commitment.
    #[serde(default)]
    pub latency: Option<Latency>,
    /// Limits on scheduled maintenance.
    #[serde(default)]
    pub maintenance: Option<Maintenance>,
    /// Limit on the `emergency_maintenance` exclusion; `null` = no limit.
    #[serde(default)]
    pub emergency_maintenance: Option<EmergencyMaintenance>,
    /// Events excluded from Downtime. Only these are excluded.
    #[serde(default)]
    pub exclusions: Option<Vec<Exclusion>>,
    /// Termination right for chronic SLA failure.
    #[serde(default)]
    pub chronic_failure: Option<ChronicFailure>,
    /// Minutes within which the vendor notifies the customer of an incident.
    #[serde(default)]
    pub incident_notice_minutes: Option<u32>,
    /// Days within which the vendor delivers a written root-cause analysis.
    #[serde(default)]
    pub rca_days: Option<u32>,
    /// A real-time service status dashboard.
    #[serde(default)]
    pub status_dashboard: Option<bool>,
    /// How often the vendor sends written status and SLA reports.
    #[serde(default)]
    pub status_reports: Option<Cadence>,
    /// Service level and root-cause reports are given only when the customer asks for them.
    #[serde(default)]
    pub reports_on_request: Option<bool>,
    /// Priority fixing of model errors that severely affect the customer's use case.
    #[serde(default)]
    pub model_error_fixes: Option<ModelErrorFixes>,
}

/// How firmly the vendor stands behind its uptime figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Commitment {
    /// The vendor will meet it; a month below it is a breach.
    Binding,
    /// The vendor aims to meet it (a target, not a promise).
    Target,
    /// The vendor uses (commercially reasonable or best) efforts to meet it.
    Efforts,
}

/// When unavailability counts as Downtime.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DowntimeThreshold {
    /// Unavailability counts only once it has lasted this many consecutive minutes.
    #[serde(default)]
    pub consecutive_minutes: Option<u32>,
    /// A minute counts only when at least this share (%) of requests fail.
    #[serde(default)]
    pub error_rate_pct: Option<f64>,
}

/// Whose availability is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeasurementScope {
    /// The customer's own use of each service.
    Customer,
    /// The service as a whole, across all of the vendor's customers.
    AllCustomers,
}

/// What service credits are against the customer's other remedies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CreditRemedy {
    /// One remedy among all the others.
    NotSole,
    /// The only monetary remedy for Downtime; termination and other rights are kept.
    SoleMonetary,
    /// The sole and exclusive remedy.
    Sole,
}

/// One service-credit tier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CreditTier {
    /// The tier applies when the Monthly Uptime Percentage is below this.
    pub below_pct: f64,
    /// Credit as % of the monthly fees for the affected service.
    pub credit_pct: f64,
}

/// A latency commitment, e.g. 95% of requests under 2,000 ms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Latency {
    /// Share of requests (%) that must meet the threshold, e.g. 95.
    pub percentile: f64,
    /// Response-time threshold in milliseconds.
    pub threshold_ms: u32,
}

/// Scheduled maintenance limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Maintenance {
    /// Most hours of scheduled maintenance in a calendar month (exactly one of `max_hours_per_month`, `max_hours_per_quarter` and `max_hours_per_year`).
    #[serde(default)]
    pub max_hours_per_month: Option<u32>,
    /// Most hours of scheduled maintenance in a calendar quarter, for a limit the vendor states per quarter.
    #[serde(default)]
    pub max_hours_per_quarter: Option<u32>,
    /// Most hours of scheduled maintenance in a calendar year, for a limit the vendor states per year.
    #[serde(default)]
    pub max_hours_per_year: Option<u32>,
    /// Days of advance written notice.
    pub notice_days: u32,
    /// The hours, in each time zone of the customer's users, that scheduled maintenance stays out of: from `start` to `end` on `days`. Omitted = normal business hours as the SOW defines them (its interpretation clause: 08:00 to 18:00, Monday to Friday, unless the deal's `params` say otherwise).
    #[serde(default)]
    #[schemars(example = serde_json::json!({"start": "07:00", "end": "20:00", "days": ["mon", "tue", "wed", "thu", "fri", "sat"]}))]
    pub window: Option<MaintenanceWindow>,
}

/// Hours of the week, in each customer time zone, kept free of scheduled maintenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MaintenanceWindow {
    /// Start, e.g. "08:00".
    #[schemars(example = &"08:00")]
    pub start: String,
    /// End, e.g. "18:00".
    #[schemars(example = &"18:00")]
    pub end: String,
    /// The days, e.g. `["mon", "tue", "wed", "thu", "fri"]`.
    pub days: Vec<Weekday>,
}

/// A day of the week.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

/// An amount of money charged for something (a fee): its own type, so that the rules on
/// each fee's fields stay apart from `deal.annual_commitment`'s.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct Fee {
    /// Amount, e.g. 120000.
    pub amount: f64,
    /// The currency, e.g. "USD".
    pub currency: String,
}

/// The limit on the `emergency_maintenance` exclusion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmergencyMaintenance {
    /// Most hours of emergency maintenance excluded from Downtime in a calendar month.
    pub max_hours_per_month: u32,
}

/// An SLA exclusion.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    /// Force majeure events.
    ForceMajeure,
    /// Outages caused by the customer's systems or breach.
    CustomerCaused,
    /// Scheduled maintenance within the limits of `sla.maintenance`.
    ScheduledMaintenance,
    /// Emergency maintenance.
    EmergencyMaintenance,
    /// Preview, beta or experimental features.
    PreviewFeatures,
    /// Outages of the vendor's cloud provider (the playbook says these should count).
    ThirdPartyCloud,
    /// A widespread failure of the public internet outside either party's control.
    InternetOutage,
    /// Suspension of the services for the customer's breach.
    Suspension,
}

/// Chronic failure termination right.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChronicFailure {
    /// Number of missed months that triggers the right.
    pub breaches: u32,
    /// Within this many consecutive months.
    pub window_months: u32,
}

/// Priority fixes for model errors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelErrorFixes {
    /// Severity at which such errors are handled, e.g. "P2".
    pub severity: Level,
    /// Days within which a fix or workaround is delivered.
    pub workaround_days: u32,
}

/// A support severity level.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum Level {
    /// Critical.
    P1,
    /// High.
    P2,
    /// Medium.
    P3,
    /// Low.
    P4,
}

/// How often something recurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    /// Every week.
    Weekly,
    /// Every two weeks.
    Fortnightly,
    /// Every month.
    Monthly,
    /// Every three months.
    Quarterly,
    /// Every six months.
    SemiAnnual,
    /// Every year.
    Annual,
}

/// Support services.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Support {
    /// Support tier bought.
    #[serde(default)]
    pub tier: Option<SupportTier>,
    /// A dedicated account team.
    #[serde(default)]
    pub account_team: Option<bool>,
    /// Hours of coverage.
    #[serde(default)]
    pub coverage: Option<Coverage>,
    /// Business hours, when `coverage` is `business_hours`.
    #[serde(default)]
    pub business_hours: Option<BusinessHours>,
    /// Channels through which support is available.
    #[serde(default)]
    pub channels: Option<Vec<Channel>>,
    /// 24/7 phone and on-call engineers for P1 incidents, whatever the coverage.
    #[serde(default)]
    pub p1_phone_24x7: Option<bool>,
    /// Severity levels with definitions and response times.
    #[serde(default)]
    pub severities: Option<Vec<Severity>>,
    /// Technical Account Manager.
    #[serde(default)]
    pub tam: Option<Tam>,
    /// A named support engineer for dedicated capacity or a private instance.
    #[serde(default)]
    pub named_support_engineer: Option<bool>,
    /// Languages in which support is given.
    #[serde(default)]
    pub languages: Option<Vec<String>>,
    /// Support (tier, TAM and all) is included in the fees at no extra charge.
    #[serde(default)]
    pub included_in_fees: Option<bool>,
    /// The annual fee for support, when it is not included in the fees (`included_in_fees` false); omitted = the fee is left to the Agreement.
    #[serde(default)]
    #[schemars(example = serde_json::json!({"amount": 120000, "currency": "USD"}))]
    pub fee: Option<Fee>,
    /// Cadence of check-in meetings with the account team.
    #[serde(default)]
    pub check_ins: Option<Cadence>,
    /// Cadence of business reviews.
    #[serde(default)]
    pub business_reviews: Option<Cadence>,
    /// Cadence of support performance reports against the SLA.
    #[serde(default)]
    pub performance_reports: Option<Cadence>,
}

/// Support tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SupportTier {
    /// The vendor's standard support.
    Standard,
    /// An enhanced tier.
    Enhanced,
    /// The vendor's enterprise support.
    Enterprise,
    /// The vendor's highest tier.
    Premium,
}

/// Support coverage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Coverage {
    /// Twenty-four hours a day, seven days a week.
    #[serde(rename = "24x7")]
    TwentyFourSeven,
    /// Follow-the-sun across the customer's time zones.
    #[serde(rename = "follow_the_sun")]
    FollowTheSun,
    /// Business hours in a named time zone.
    #[serde(rename = "business_hours")]
    BusinessHours,
}

/// Business hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BusinessHours {
    /// IANA time zone, e.g. "America/Los_Angeles".
    #[schemars(example = &"America/Los_Angeles", example = &"Europe/London")]
    pub timezone: String,
    /// Start of the business day, e.g. "09:00".
    #[schemars(example = &"09:00")]
    pub start: String,
    /// End of the business day, e.g. "17:00".
    #[schemars(example = &"17:00")]
    pub end: String,
    /// The days of coverage, e.g. `["mon", "tue", "wed", "thu", "fri", "sat"]`; omitted = every business day (Monday to Friday, public holidays excepted).
    #[serde(default)]
    pub days: Option<Vec<Weekday>>,
}

/// A support channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Telephone.
    Phone,
    /// Email.
    Email,
    /// Web support portal.
    Portal,
    /// Live chat.
    Chat,
    /// Shared messaging channel (e.g. Slack or Teams).
    SharedChannel,
}

/// A severity level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Severity {
    /// P1 (critical) to P4 (low).
    pub level: Level,
    /// What makes an incident this severe; omitted = the playbook's definition of the level (for the deal's stance), so that a vendor's bare response table can be entered as it is.
    #[serde(default)]
    pub definition: Option<String>,
    /// First response time in minutes.
    pub response_minutes: u32,
    /// Interval between status updates in minutes.
    #[serde(default)]
    pub update_minutes: Option<u32>,
}

/// Technical Account Manager.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tam {
    /// A named individual TAM.
    pub named: bool,
}

/// Training and enablement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Training {
    /// The training schedule.
    #[serde(default)]
    pub sessions: Option<Vec<Session>>,
    /// Training included in the fees, not bought a la carte.
    #[serde(default)]
    pub included_in_fees: Option<bool>,
    /// The fee for the training of the Annex, when it is not included in the fees (`included_in_fees` false); omitted = the fee is left to the Agreement.
    #[serde(default)]
    #[schemars(example = serde_json::json!({"amount": 25000, "currency": "USD"}))]
    pub fee: Option<Fee>,
    /// Written materials supplied for later onboarding.
    #[serde(default)]
    pub materials: Option<bool>,
    /// Content tailored to the customer's industry and teams.
    #[serde(default)]
    pub tailored_content: Option<bool>,
}

/// One line of the training schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// What kind of training.
    pub kind: SessionKind,
    /// Title, e.g. "Prompt engineering for analysts".
    pub title: String,
    /// Number of sessions.
    pub count: u32,
    /// Onsite, virtual or recorded.
    pub format: SessionFormat,
    /// Who attends, e.g. "IT administrators".
    pub audience: String,
    /// Length of each session in hours.
    pub hours_each: f64,
    /// Deadline: `{"within_days": 60}` after the effective date or `{"by": "2027-03-31"}`.
    #[schemars(example = serde_json::json!({"within_days": 60}), example = serde_json::json!({"by": "2027-03-31"}))]
    pub due: Due,
    /// Sessions are recorded and the recordings supplied.
    #[serde(default)]
    pub recorded: Option<bool>,
    /// Regions or departments the sessions are run for.
    #[serde(default)]
    pub regions: Option<Vec<String>>,
    /// Topics; omitted = the playbook's topics for the kind.
    #[serde(default)]
    pub topics: Option<Vec<String>>,
}

/// Kind of training session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// Administrator onboarding.
    AdminOnboarding,
    /// Prompt-engineering workshop.
    PromptEngineering,
    /// Developer enablement.
    DeveloperEnablement,
    /// End-user training.
    EndUser,
    /// Anything else.
    Custom,
}

/// Training delivery format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SessionFormat {
    /// At the customer's premises.
    Onsite,
    /// Live and online.
    Virtual,
    /// Pre-recorded.
    Recorded,
}

/// A deadline: exactly one of `within_days` and `by`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Due {
    /// Days after the effective date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_days: Option<u32>,
    /// A calendar date, e.g. "2027-03-31".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"2027-03-31")]
    pub by: Option<String>,
}

/// Data protection and AI use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataHandling {
    /// Whether the vendor may train or improve models on customer data (playbook: false).
    #[serde(default)]
    pub training_on_customer_data: Option<bool>,
    /// Days the vendor may retain customer data for abuse monitoring; `null` = not stated.
    #[serde(default)]
    pub retention_days: Option<u32>,
    /// Zero data retention: prompts and outputs not stored after processing.
    #[serde(default)]
    pub zero_data_retention: Option<bool>,
    /// Regions where customer data is stored and processed, e.g. `["EU"]`.
    #[serde(default)]
    pub residency: Option<Vec<String>>,
    /// Hours within which a personal-data or security breach is notified.
    #[serde(default)]
    pub breach_notice_hours: Option<u32>,
    /// Days of notice before a new sub-processor is engaged.
    #[serde(default)]
    pub subprocessor_notice_days: Option<u32>,
    /// The customer may object to a new sub-processor.
    #[serde(default)]
    pub subprocessor_objection: Option<bool>,
    /// The vendor and its sub-processors may process customer data in any country where they operate; with `residency`, the data is stored (at rest) in those regions and processed anywhere.
    #[serde(default)]
    pub processing_anywhere: Option<bool>,
    /// Days after termination within which customer data is deleted (after export).
    #[serde(default)]
    pub deletion_after_termination_days: Option<u32>,
    /// Export of customer data.
    #[serde(default)]
    pub portability: Option<Portability>,
    /// What the customer owns, e.g. `["inputs", "outputs", "fine_tuned_models", "conversation_logs"]`.
    #[serde(default)]
    pub customer_owns: Option<Vec<Owned>>,
    /// Security, resilience and audit: certifications, penetration tests, encryption, audit and inspection rights, business continuity, and the outsourcing terms of regulated financial customers. `null` = none of these terms.
    #[serde(default)]
    pub security: Option<Security>,
    /// The terms data-protection law requires of a processor, international transfers, and special-category data. `null` = none of these terms.
    #[serde(default)]
    pub protection: Option<Protection>,
    /// AI assurance: an indemnity for intellectual-property claims over the Services and their outputs, and cooperation with AI regulation. `null` = none of these terms.
    #[serde(default)]
    pub ai_assurance: Option<AiAssurance>,
}

/// Security, resilience and audit (a section of Annex D).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Security {
    /// Certifications and independent reports the vendor keeps current for the services, e.g. `["iso_27001", "soc2_type2"]`.
    #[serde(default)]
    pub standards: Option<Vec<SecurityStandard>>,
    /// Months between independent penetration tests of the services; `null` = none promised.
    #[serde(default)]
    pub penetration_test_months: Option<u32>,
    /// Customer data encrypted in transit and at rest.
    #[serde(default)]
    pub encryption: Option<bool>,
    /// Audit and inspection rights. `null` = none.
    #[serde(default)]
    pub audit: Option<Audit>,
    /// Business continuity and disaster recovery. `null` = no commitment.
    #[serde(default)]
    pub continuity: Option<Continuity>,
    /// The contractual terms the supervisors of regulated financial customers require of an ICT or outsourcing provider (DORA Article 30, the EBA outsourcing guidelines, PRA SS2/21). Omitted or `null`: from `deal.customer.industry` (banking, insurance, financial services, payments, investment, asset management); `false` = not regulated.
    #[serde(default)]
    pub financial_regulation: Option<bool>,
}

/// A security certification or independent report.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SecurityStandard {
    /// ISO/IEC 27001 certification of the vendor's information security management system.
    #[serde(rename = "iso_27001")]
    Iso27001,
    /// ISO/IEC 27017 (security controls for cloud services).
    #[serde(rename = "iso_27017")]
    Iso27017,
    /// ISO/IEC 27018 (protection of personal data in public clouds).
    #[serde(rename = "iso_27018")]
    Iso27018,
    /// ISO/IEC 42001 (AI management system).
    #[serde(rename = "iso_42001")]
    Iso42001,
    /// A SOC 2 Type II report on the services.
    Soc2Type2,
    /// A BSI C5 (Cloud Computing Compliance Criteria Catalogue) Type 2 attestation report on the services, which German health and public-sector customers need.
    #[serde(rename = "bsi_c5")]
    BsiC5,
}

/// Audit and inspection rights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Audit {
    /// The customer (or an auditor it appoints) may audit and inspect, beyond the vendor's reports.
    pub customer: bool,
    /// The customer's regulators may audit, inspect and obtain information directly.
    pub regulators: bool,
    /// Days of notice before an audit by the customer (not needed for a regulator, or after a security breach).
    pub notice_days: u32,
}

/// Business continuity and disaster recovery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Continuity {
    /// Recovery time objective: hours within which the services are restored after a disaster.
    pub rto_hours: u32,
    /// Recovery point objective: hours of customer data that a disaster may lose at most.
    pub rpo_hours: u32,
    /// Months between tests of the plan (results shared with the customer).
    pub test_months: u32,
}

/// Data-protection law (a section of Annex D).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Protection {
    /// The customer is controller and the vendor its processor for personal data in customer data, on the terms of Article 28(3) GDPR and UK GDPR.
    #[serde(default)]
    pub processor_terms: Option<bool>,
    /// How personal data may lawfully leave the residency regions (or be accessed from outside them), e.g. `["adequacy", "sccs", "uk_idta"]`; `null` or `[]` = not at all.
    #[serde(default)]
    pub transfer_mechanisms: Option<Vec<TransferMechanism>>,
    /// Customer data includes special-category personal data (health data, Article 9 GDPR): accessed only from the residency regions, by support only with the customer's consent.
    #[serde(default)]
    pub special_category: Option<bool>,
}

/// A lawful basis for a transfer of personal data to a third country.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TransferMechanism {
    /// An adequacy decision (or UK adequacy regulations) for the country.
    Adequacy,
    /// The European Commission's standard contractual clauses.
    Sccs,
    /// The UK International Data Transfer Agreement.
    UkIdta,
    /// The UK Addendum to the standard contractual clauses.
    UkAddendum,
}

/// AI assurance (a section of Annex D).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AiAssurance {
    /// The vendor defends and indemnifies the customer against third-party intellectual-property claims over the services, the models and their outputs.
    #[serde(default)]
    pub ip_indemnity: Option<bool>,
    /// That indemnity is not limited by the agreement's cap on liability.
    #[serde(default)]
    pub ip_indemnity_uncapped: Option<bool>,
    /// The vendor supports the customer's obligations under the EU AI Act and similar law: documentation, logging, human oversight, content-filter configuration.
    #[serde(default)]
    pub ai_act_cooperation: Option<bool>,
}

/// Data export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Portability {
    /// Export formats, e.g. `["JSON", "CSV"]`.
    pub formats: Vec<String>,
    /// Days after a request within which the export is delivered.
    pub within_days: u32,
}

/// Something the customer owns.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Owned {
    /// Prompts and other inputs.
    Inputs,
    /// Outputs generated for the customer.
    Outputs,
    /// Models fine-tuned on customer data, with their weights where the vendor can deliver them.
    FineTunedModels,
    /// Conversation logs.
    ConversationLogs,
    /// Embeddings and vector indexes built from customer data.
    Embeddings,
    /// Custom GPTs, assistants and prompt libraries the customer builds.
    CustomAssistants,
}

/// Pilot, exit and transition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exit {
    /// A pilot period at the start of the term.
    #[serde(default)]
    pub pilot: Option<Pilot>,
    /// Assistance with moving to another provider at the end.
    #[serde(default)]
    pub transition_assistance: Option<TransitionAssistance>,
    /// Days of notice for termination for convenience.
    #[serde(default)]
    pub termination_for_convenience_days: Option<u32>,
    /// Right to downgrade tiers or reduce volumes without penalty.
    #[serde(default)]
    pub downgrade_without_penalty: Option<bool>,
}

/// A pilot period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pilot {
    /// Length in days (the playbook suggests 60 to 90).
    pub days: u32,
    /// The customer may opt out at the end if requirements are not met.
    pub opt_out: bool,
    /// Full enterprise support and training during the pilot.
    pub full_support: bool,
}

/// Transition assistance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionAssistance {
    /// Days of assistance after termination or expiry.
    pub days: u32,
    /// At no extra charge.
    pub included_in_fees: bool,
}

/// Commercial terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Commercial {
    /// The plan is sold as "unlimited".
    #[serde(default)]
    pub unlimited_plan: Option<bool>,
    /// The services the unlimited plan covers (fees not by volume); omitted = all of them.
    #[serde(default)]
    #[schemars(example = ["ChatGPT Enterprise"])]
    pub unlimited_services: Option<Vec<String>>,
    /// Rate and throughput limits stated in writing.
    #[serde(default)]
    pub rate_limits: Option<RateLimits>,
    /// Only in a business unit's `overrides`: the part of `rate_limits` reserved for the unit's requests, each figure at most the deal's own.
    #[serde(default)]
    #[schemars(example = serde_json::json!({"requests_per_minute": 2000, "tokens_per_minute": 400000}))]
    pub reserved_rate_limits: Option<ReservedRateLimits>,
    /// Months during which prices are fixed.
    #[serde(default)]
    pub price_protection_months: Option<u32>,
    /// Cap on any annual increase after price protection, in %.
    #[serde(default)]
    pub max_annual_increase_pct: Option<f64>,
    /// The smallest discount below Vendor's list price, in %, at which any item is charged (a Price Schedule price above the list price less it gives way to that figure); `null` = a blank [●] in the draft.
    #[serde(default)]
    pub min_discount_pct: Option<f64>,
    /// Days of notice on which the vendor may change its prices on its own; `null` = prices change only as price protection allows.
    #[serde(default)]
    pub price_change_notice_days: Option<u32>,
    /// The SOW renews automatically unless a party gives notice; `null` = no automatic renewal.
    #[serde(default)]
    #[schemars(example = serde_json::json!({"renewal_months": 12, "notice_days": 60}))]
    pub auto_renewal: Option<AutoRenewal>,
    /// New model releases and upgrades included at no extra charge.
    #[serde(default)]
    pub new_models_included: Option<bool>,
    /// Right to swap to newer models within the commitment.
    #[serde(default)]
    pub model_swap: Option<bool>,
    /// Services the vendor provides in exchange for the volume commitment.
    #[serde(default)]
    pub commitment_services: Option<CommitmentServices>,
    /// The prices on the effective date, net of every discount (the Price Schedule); `null` = a blank [●] row per service.
    #[serde(default)]
    #[schemars(example = serde_json::json!([{"service": "the OpenAI API", "item": "Input tokens, GPT-4.1", "price": {"amount": 2.0, "currency": "USD"}, "per": "1,000,000 tokens"}]))]
    pub price_schedule: Option<Vec<PriceLine>>,
}

/// One line of the price schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceLine {
    /// The service the price is for, one of `deal.services`.
    pub service: String,
    /// What is priced, e.g. "Seat" or "Input tokens, GPT-4.1": name the model (and, where prices differ by deployment type, the deployment type), never a generic "standard model".
    pub item: String,
    /// The net unit price, after every discount that applies to Customer.
    pub price: Fee,
    /// The unit the price is for, e.g. "user per month" or "1,000,000 tokens".
    pub per: String,
    /// Vendor's list price for the item on the effective date, before any discount; shown in the Price Schedule, and `validate` warns when `price` is above it less `commercial.min_discount_pct`. Omitted = not stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_price: Option<Fee>,
}

/// Automatic renewal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AutoRenewal {
    /// Length of each renewal term in months.
    pub renewal_months: u32,
    /// Days before the end of a term by which notice of non-renewal must be given.
    pub notice_days: u32,
}

/// Rate limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RateLimits {
    /// Requests per minute.
    #[serde(default)]
    pub requests_per_minute: Option<u64>,
    /// Tokens per minute.
    #[serde(default)]
    pub tokens_per_minute: Option<u64>,
}

/// The part of the rate limits reserved for a business unit (its own type: the schema's rules
/// for it are not those of the limits themselves).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReservedRateLimits {
    /// Requests per minute reserved for the unit; `null` = none reserved.
    #[serde(default)]
    pub requests_per_minute: Option<u64>,
    /// Tokens per minute reserved for the unit; `null` = none reserved.
    #[serde(default)]
    pub tokens_per_minute: Option<u64>,
}

/// Services in exchange for the commitment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommitmentServices {
    /// Onsite onboarding for the customer's teams.
    #[serde(default)]
    pub onsite_onboarding: Option<bool>,
    /// Check-ins with a solutions architect.
    #[serde(default)]
    pub architect_check_ins: Option<Cadence>,
}

/// Kickoff and onboarding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Onboarding {
    /// Days after the effective date within which the kickoff meeting is held.
    #[serde(default)]
    pub kickoff_within_days: Option<u32>,
    /// Onboarding at no extra charge.
    #[serde(default)]
    pub included_in_fees: Option<bool>,
    /// What onboarding covers.
    #[serde(default)]
    pub scope: Option<Vec<OnboardingItem>>,
    /// A phased rollout with heightened support in each phase.
    #[serde(default)]
    pub phased_rollout: Option<bool>,
    /// Cadence of TAM check-ins during the pilot and rollout.
    #[serde(default)]
    pub pilot_check_ins: Option<Cadence>,
}

/// An onboarding activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OnboardingItem {
    /// Provisioning the enterprise workspace.
    Provisioning,
    /// Single sign-on integration.
    Sso,
    /// Domain verification and controls.
    DomainVerification,
    /// API keys and projects.
    ApiKeys,
    /// Dedicated infrastructure or capacity.
    DedicatedInfrastructure,
    /// Admin guides and best-practice documents for enterprise use.
    EnterpriseDocumentation,
}

/// Governance of the relationship.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Governance {
    /// Each party names a liaison.
    #[serde(default)]
    pub named_liaisons: Option<bool>,
    /// Escalation path, level 1 first.
    #[serde(default)]
    pub escalation: Option<Vec<Escalation>>,
    /// The customer supplies logs and examples with tickets; the vendor may not delay on that ground once supplied.
    #[serde(default)]
    pub ticket_documentation: Option<bool>,
    /// A designated feedback channel with responses.
    #[serde(default)]
    pub feedback_channel: Option<bool>,
    /// Access to beta and early-access programmes.
    #[serde(default)]
    pub beta_access: Option<bool>,
}

/// One level of escalation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    /// Level, 1 first.
    pub level: u32,
    /// The customer's role at this level.
    pub customer_role: String,
    /// The vendor's role at this level.
    pub vendor_role: String,
}

/// A business unit that gets its own SOW.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BusinessUnit {
    /// The unit's id, used in output folder names.
    #[schemars(example = &"retail-banking")]
    pub id: String,
    /// Display name, e.g. "Retail Banking".
    pub name: String,
    /// A JSON Merge Patch (RFC 7396) of the whole deal for this unit; `null` in it removes a value (= none).
    #[serde(default)]
    #[schemars(example = serde_json::json!({"support": {"languages": ["German"]}}))]
    pub overrides: Option<serde_json::Value>,
}
