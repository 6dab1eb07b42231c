//! The checks against the deal's vendor profile ([`crate::library::vendors`]): a term that
//! asks less than the vendor publishes for every customer, a profile not checked for over a
//! year, and what the vendor offers that the deal does not use.

use serde_json::Value;

use crate::diagnostics::JsonPath;
use crate::library::vendors::{ProfileTerm, TermKind, VendorProfile};

/// The deal's profile, if it names one the library has.
fn profile_of<'p>(json: &Value, profiles: &'p [VendorProfile]) -> Option<&'p VendorProfile> {
    let id = json.pointer("/deal/vendor/profile")?.as_str()?;
    profiles.iter().find(|p| p.id == id)
}

/// Where the vendor publishes a term, and as of when the profile has it.
pub fn cited(profile: &VendorProfile, term: &ProfileTerm) -> String {
    let dated = term
        .source
        .dated
        .map(|d| format!(", dated {d}"))
        .unwrap_or_default();
    format!(
        "“{}”, {}{dated}; profile as of {}",
        term.source.title, term.source.url, profile.as_of
    )
}

/// Terms of the deal below the profile's floors: the value's path and what the deal says
/// against what the vendor publishes.
pub fn below_floor(json: &Value, profiles: &[VendorProfile]) -> Option<Vec<(JsonPath, String)>> {
    let profile = profile_of(json, profiles)?;
    let mut out = Vec::new();
    for term in profile.terms.iter().filter(|t| !t.waived(json)) {
        let mut found = None;
        term.field
            .each_value(json, &mut |p, v| found = Some((p, v.clone())));
        let (path, value) = match found {
            Some((p, v)) => (p, Some(v)),
            None => (JsonPath::parse(&term.field.to_string()), None),
        };
        if term.asks_less(value.as_ref().filter(|v| !v.is_null())) == Some(true) {
            let service = term
                .service
                .as_deref()
                .or(profile.services.first().map(String::as_str))
                .unwrap_or("its services");
            out.push((
                path,
                format!(
                    "{} — {} publishes {} for {service} to every customer ({})",
                    term.words(value.as_ref()),
                    profile.vendor,
                    term.words(Some(&term.value)),
                    cited(profile, term)
                ),
            ));
        }
    }
    Some(out)
}

/// The profile, when its terms were checked more than a year before today.
pub fn stale(json: &Value, profiles: &[VendorProfile]) -> Option<Vec<(JsonPath, String)>> {
    let profile = profile_of(json, profiles)?;
    let today = crate::dates::today();
    let path = JsonPath::root().key("deal").key("vendor").key("profile");
    let starts = json
        .pointer("/deal/effective_date")
        .and_then(Value::as_str)
        .and_then(crate::dates::parse_date);
    Some(if profile.stale_on(today) {
        vec![(
            path,
            format!(
                "profile \"{}\" as of {}, more than a year ago: its terms may have changed",
                profile.id, profile.as_of
            ),
        )]
    } else if let Some(d) = starts.filter(|d| profile.stale_on(*d)) {
        vec![(
            path,
            format!(
                "profile \"{}\" as of {}, more than a year before the deal takes effect ({d}): its terms may have changed by then",
                profile.id, profile.as_of
            ),
        )]
    } else {
        Vec::new()
    })
}

/// Residency regions the deal asks for that the vendor does not list among its options.
pub fn residency_not_offered(
    json: &Value,
    profiles: &[VendorProfile],
) -> Option<Vec<(JsonPath, String)>> {
    let profile = profile_of(json, profiles)?;
    let term = profile
        .terms
        .iter()
        .find(|t| t.kind == TermKind::Offered && t.field.to_string() == "data.residency")?;
    let offered: Vec<String> = term
        .value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(region_key)
        .collect();
    let asked = json.pointer("/data/residency").and_then(Value::as_array)?;
    let mut out = Vec::new();
    for (i, r) in asked.iter().enumerate() {
        let Some(r) = r.as_str() else { continue };
        if !offered.contains(&region_key(r)) {
            out.push((
                JsonPath::root().key("data").key("residency").index(i),
                format!(
                    "{r} — {} lists {} as its residency options ({})",
                    profile.vendor,
                    term.words(Some(&term.value)),
                    cited(profile, term)
                ),
            ));
        }
    }
    Some(out)
}

/// Zero data retention the vendor offers that the deal does not ask for.
pub fn zdr_not_asked(json: &Value, profiles: &[VendorProfile]) -> Option<Vec<(JsonPath, String)>> {
    let profile = profile_of(json, profiles)?;
    let term = profile.terms.iter().find(|t| {
        t.kind == TermKind::Offered
            && t.field.to_string() == "data.zero_data_retention"
            && t.value == Value::Bool(true)
            && covers_deal(profile, t, json)
    })?;
    let asked = json.pointer("/data/zero_data_retention") == Some(&Value::Bool(true));
    Some(if asked {
        Vec::new()
    } else {
        vec![(
            JsonPath::root().key("data").key("zero_data_retention"),
            format!("not asked — {} ({})", term.says, cited(profile, term)),
        )]
    })
}

/// Whether a term the vendor publishes for one of its services covers every service of the
/// profile that the deal buys (`deal.services`, matched by name): an option offered for the
/// API only cannot be asked of a deal that also buys the vendor's other services, whose
/// terms (one `data.zero_data_retention` for the deal) would then bind those too. A term
/// for no particular service, or a deal whose services name none of the profile's, covers.
fn covers_deal(profile: &VendorProfile, term: &ProfileTerm, json: &Value) -> bool {
    let Some(service) = &term.service else {
        return true;
    };
    let bought: Vec<String> = json
        .pointer("/deal/services")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_lowercase)
        .collect();
    let of_profile: Vec<&String> = profile
        .services
        .iter()
        .filter(|s| bought.iter().any(|b| b.contains(&s.to_lowercase())))
        .collect();
    of_profile.iter().all(|s| *s == service)
}

/// A region's name folded for comparison: the usual short forms of a region read as its
/// full name ("EU", "European Union").
fn region_key(name: &str) -> String {
    let folded = name.trim().to_lowercase();
    match folded.as_str() {
        "eu" | "e.u." | "european union" | "europe (eu)" => "european union".into(),
        "us" | "u.s." | "usa" | "united states of america" | "united states" => {
            "united states".into()
        }
        "uk" | "u.k." | "united kingdom" | "great britain" => "united kingdom".into(),
        _ => folded,
    }
}

#[cfg(test)]
mod tests {
    use super::region_key;

    #[test]
    fn short_forms_of_a_region_fold_to_its_name() {
        assert_eq!(region_key("EU"), region_key("European Union"));
        assert_eq!(region_key(" US "), region_key("United States"));
        assert_ne!(region_key("EU"), region_key("United Kingdom"));
    }
}
