//! `dealdraft init`: a starter deal with every playbook default spelled out.

use serde_json::{Value, json};

use crate::deal::SCHEMA_VERSION;
use crate::deal::model::Stance;
use crate::library::Library;
use crate::resolve::fill_defaults;

/// The JSON Schema file `init` writes beside the deal, and the deal's `"$schema"` names,
/// so that an editor completes and checks the file as it is typed.
pub const SCHEMA_FILE: &str = "deal.schema.json";

/// What `init` writes as the deal's `"$comment"`: how the file is filled in. The deal's own
/// values are left out, not written as `null`, which means "explicitly none".
pub const COMMENT: &str = "Fill in the deal's own values (names, dates, services, amounts): until then the draft shows each as a blank [●], and `dealdraft validate` lists them. An omitted field takes the playbook's value for the stance; null means explicitly none.";

/// What to do next, after `init` wrote `path`, whose draft leaves `open` fields blank.
pub fn next_steps(path: &str, open: &[String]) -> String {
    let fill = if open.is_empty() {
        String::new()
    } else {
        let fields: String = open.iter().map(|f| format!("  {f}\n")).collect();
        format!(
            "fill in {path} (each shows as [●] in the draft until set; an editor that reads JSON Schema completes and checks the file as you type, from {SCHEMA_FILE}):\n{fields}"
        )
    };
    format!(
        "{fill}next:\n  dealdraft validate {path}\n  dealdraft check {path} --format md\n  dealdraft render {path} --format md,pdf,docx\n"
    )
}

/// The fields the starter deal `text` leaves blank in its draft, by their paths.
pub fn open_fields(library: &Library, text: &str) -> Vec<String> {
    let Ok(source) = crate::deal::Source::parse("starter", text.to_string()) else {
        return Vec::new();
    };
    let Ok(deal) = crate::resolve::resolve(&source, library) else {
        return Vec::new();
    };
    crate::assemble::assemble(
        &deal,
        library,
        crate::assemble::MAIN_DOCUMENT,
        Default::default(),
    )
    .map(|set| set.blanks.into_keys().collect())
    .unwrap_or_default()
}

/// The starter deal as pretty JSON: every playbook default for the stance spelled out.
/// What the playbook cannot know (names, dates, services, amounts) is left out — not
/// `null`, which means "explicitly none" — and the draft shows it as a blank `[●]` until it
/// is filled in; the deal's `"$comment"` says so.
///
/// With a vendor profile (`init --vendor`), the deal names it and the vendor, and every
/// default the profile's published terms better is written at the profile's level.
pub fn starter_deal(
    library: &Library,
    id: &str,
    stance: Stance,
    profile: Option<&crate::library::vendors::VendorProfile>,
) -> String {
    let mut deal = json!({
        "$schema": SCHEMA_FILE,
        "$comment": COMMENT,
        "schema_version": SCHEMA_VERSION,
        "deal": {
            "id": id,
            "stance": stance.as_str()
        }
    });
    if let Some(p) = profile {
        deal["deal"]["vendor"] = json!({"short_name": p.vendor, "profile": p.id});
    }
    if let Some(defaults) = library.playbook().defaults.get(&stance) {
        fill_defaults(&mut deal, defaults);
    }
    crate::resolve::raise_to_profile(&mut deal, &Value::Null, &Value::Null, library);
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

/// What [`write_starter`] wrote: the deal's text and the fields its draft leaves blank.
pub struct Started {
    /// The deal file's text.
    pub text: String,
    /// The fields to fill in, by path.
    pub open: Vec<String>,
}

/// `init`: writes the starter deal to `path` (refusing to overwrite a file unless `force`)
/// and the deal format's schema beside it, for the editor (a schema already there is left
/// alone).
pub fn write_starter(
    path: &std::path::Path,
    library: &Library,
    (id, stance, vendor): (&str, Stance, Option<&str>),
    force: bool,
) -> Result<Started, crate::Diagnostic> {
    let started = starter(library, id, stance, vendor)?;
    if path.exists() && !force {
        return Err(crate::Diagnostic::error("the file exists")
            .in_file(path)
            .help("pass --force to overwrite it"));
    }
    let write = |p: &std::path::Path, bytes: &[u8]| {
        crate::output::write_atomic(p, bytes)
            .map_err(|e| crate::Diagnostic::error(format!("cannot write: {e}")).in_file(p))
    };
    write(path, started.text.as_bytes())?;
    let schema = path
        .parent()
        .unwrap_or(std::path::Path::new(""))
        .join(SCHEMA_FILE);
    if !schema.exists() {
        write(&schema, library.deal_schema_text().as_bytes())?;
    }
    Ok(started)
}

/// The starter deal for `id` (a slug) at `stance`, starting from the vendor profile
/// `vendor` if given, and its open fields.
pub fn starter(
    library: &Library,
    id: &str,
    stance: Stance,
    vendor: Option<&str>,
) -> Result<Started, crate::Diagnostic> {
    if !crate::deal::rules::is_slug(id) {
        return Err(crate::Diagnostic::error(format!("\"{id}\" is not a slug"))
            .help("lowercase letters, digits and single hyphens"));
    }
    let profile = match vendor {
        None => None,
        Some(v) => Some(library.vendor_profile(v).ok_or_else(|| {
            let ids: Vec<&str> = library.vendor_profiles().map(|p| p.id.as_str()).collect();
            let hint = crate::diagnostics::did_you_mean(v, ids.iter().copied())
                .map(|m| format!("did you mean \"{m}\"? "))
                .unwrap_or_default();
            crate::Diagnostic::error(format!("there is no vendor profile \"{v}\"")).help(format!(
                "{hint}profiles: {} (`dealdraft clauses --vendors`)",
                ids.join(", ")
            ))
        })?),
    };
    let text = starter_deal(library, id, stance, profile);
    let open = open_fields(library, &text);
    Ok(Started { text, open })
}
