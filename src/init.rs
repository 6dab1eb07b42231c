//! `dealdraft init`: a starter deal with every playbook default spelled out.

use serde_json::{Value, json};

use crate::deal::SCHEMA_VERSION;
use crate::deal::model::Stance;
use crate::library::Library;
use crate::resolve::fill_defaults;

/// The starter deal as pretty JSON. Identity fields the playbook cannot know (names,
/// dates, amounts) are `null`: drafts show them as blanks `[●]` until they are filled in.
pub fn starter_deal(library: &Library, id: &str, stance: Stance) -> String {
    let mut deal = json!({
        "schema_version": SCHEMA_VERSION,
        "deal": {
            "id": id,
            "title": null,
            "effective_date": null,
            "term_months": null,
            "stance": stance.as_str(),
            "customer": {"legal_name": null, "short_name": null, "regions": [], "timezones": [], "industry": null},
            "vendor": {"legal_name": null, "short_name": null, "cloud_provider": null},
            "services": null,
            "annual_commitment": null,
            "agreement_ref": null
        }
    });
    if let Some(defaults) = library.playbook().defaults.get(&stance) {
        fill_defaults(&mut deal, defaults);
    }
    // Every clause parameter too, at its default for the stance.
    let params: serde_json::Map<String, Value> = library
        .params()
        .into_iter()
        .map(|(id, declared)| {
            let values: serde_json::Map<String, Value> = declared
                .iter()
                .map(|(name, d)| (name.clone(), d.default_for(stance)))
                .collect();
            (id, Value::Object(values))
        })
        .collect();
    if let Value::Object(o) = &mut deal {
        if !params.is_empty() {
            o.insert("params".into(), Value::Object(params));
        }
        o.insert("business_units".into(), json!([]));
    }
    let mut s = serde_json::to_string_pretty(&deal).expect("JSON serialises");
    s.push('\n');
    s
}
