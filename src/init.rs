//! `dealdraft init`: a starter deal with every playbook default spelled out.

use serde_json::{Value, json};

use crate::deal::SCHEMA_VERSION;
use crate::deal::model::Stance;
use crate::library::Library;
use crate::resolve::fill_defaults;

/// The JSON Schema file `init` writes beside the deal, and the deal's `"$schema"` names,
/// so that an editor completes and checks the file as it is typed.
pub const SCHEMA_FILE: &str = "deal.schema.json";

/// What to do next, after `init` wrote `path`.
pub fn next_steps(path: &str) -> String {
    format!(
        "next: fill in {path} (the fields set to null are the deal's own: names, dates, amounts, services); an editor that reads JSON Schema completes and checks it as you type ({SCHEMA_FILE})\n  dealdraft validate {path}\n  dealdraft check {path} --format md\n  dealdraft render {path} --format md,pdf,docx\n"
    )
}

/// The starter deal as pretty JSON. Identity fields the playbook cannot know (names,
/// dates, amounts) are `null`: drafts show them as blanks `[●]` until they are filled in.
pub fn starter_deal(library: &Library, id: &str, stance: Stance) -> String {
    let mut deal = json!({
        "$schema": SCHEMA_FILE,
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
    // No dormant values: a limit on emergency maintenance means something only where the
    // exclusion it limits is listed.
    if crate::deal::emergency_limit_is_dormant(&deal)
        && let Some(sla) = deal.get_mut("sla").and_then(Value::as_object_mut)
    {
        sla.remove("emergency_maintenance");
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
