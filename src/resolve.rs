//! Resolve: the user's deal file + the playbook → one validated, typed deal. Omitted fields
//! take the playbook default for the deal's stance, `null` stays "none", and each business
//! unit's overrides (a JSON Merge Patch) give a deal of its own.

use serde_json::Value;

use crate::deal::model::{BusinessUnit, DealFile, Stance};
use crate::deal::{Source, schema, validate};
use crate::diagnostics::{Diagnostic, Diagnostics, JsonPath, Seg};
use crate::library::{Library, Playbook};

pub use crate::deal::SCHEMA_VERSION;

/// A deal ready to assemble: typed, with defaults merged in, validated.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The deal with defaults.
    pub deal: DealFile,
    /// The deal's stance (after the unit's overrides).
    pub stance: Stance,
    /// The business unit this deal was resolved for, if any.
    pub unit: Option<BusinessUnit>,
    /// The file as the user wrote it (a unit's deal, and a batch's deal once its units are
    /// taken: without `business_units`).
    pub raw: Value,
    /// The file's name, for messages.
    pub source_name: String,
}

impl Resolved {
    /// Who, what and for how long: the deal file's `deal` object (its id, dates, parties).
    pub fn info(&self) -> &crate::deal::model::DealInfo {
        &self.deal.deal
    }

    /// The deal's id (a slug).
    pub fn id(&self) -> &str {
        &self.deal.deal.id
    }

    /// The position a clause takes: the deal's per-clause override, else the stance.
    pub fn position(&self, clause_id: &str) -> Stance {
        self.deal
            .positions
            .as_ref()
            .and_then(|p| p.get(clause_id))
            .copied()
            .unwrap_or(self.stance)
    }

    /// The business units of the deal.
    pub fn units(&self) -> &[BusinessUnit] {
        self.deal.business_units.as_deref().unwrap_or_default()
    }

    /// The deal with its defaults, as JSON (what a unit's overrides apply to).
    pub fn deal_json(&self) -> Value {
        serde_json::to_value(&self.deal).expect("a resolved deal serialises")
    }

    /// Whether the user's file sets the value at `path` (as opposed to a playbook default).
    pub fn user_sets(&self, path: &JsonPath) -> bool {
        path.lookup(&self.raw).is_some()
    }
}

/// Reads, validates and resolves a deal file, and checks every business unit too.
pub fn resolve(source: &Source, library: &Library) -> Result<Resolved, Diagnostics> {
    let resolved = resolve_base(source, library)?;
    // Every business unit must itself give a valid deal.
    let mut problems = Diagnostics::new();
    for (i, unit) in resolved.units().iter().enumerate() {
        if let Err(errs) = resolve_unit(source, &resolved, unit, Some(i), library) {
            problems.extend(errs);
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(resolved)
}

/// Reads, validates and resolves a deal file without its business units: `batch` renders
/// the deal even when one of its units is broken, and each unit on its own
/// ([`resolve_unit`]).
pub fn resolve_base(source: &Source, library: &Library) -> Result<Resolved, Diagnostics> {
    let resolved = resolve_parsed(source, library)?;
    Ok(Resolved {
        raw: source.json.clone(),
        ..resolved
    })
}

/// As [`resolve_base`], but the parsed file moves out of `source` (left `null`) into the
/// result instead of being copied: for a caller that keeps the source for its text only
/// (a deal with a thousand units is then held as JSON once, not twice).
pub fn resolve_base_taking(
    source: &mut Source,
    library: &Library,
) -> Result<Resolved, Diagnostics> {
    let resolved = resolve_parsed(source, library)?;
    Ok(Resolved {
        raw: std::mem::take(&mut source.json),
        ..resolved
    })
}

/// What [`resolve_base`] does, except that the result's `raw` is left `null` for the caller
/// to fill (with a copy of the file, or the file itself).
fn resolve_parsed(source: &Source, library: &Library) -> Result<Resolved, Diagnostics> {
    let raw = &source.json;
    let locate = |d: Diagnostic| source.place(d);

    let Some(obj) = raw.as_object() else {
        return Err(locate(
            Diagnostic::error("a deal file is a JSON object")
                .at(JsonPath::root())
                .help("start from `dealdraft init`"),
        )
        .into());
    };
    match obj.get("schema_version") {
        Some(v) if v.as_u64() == Some(SCHEMA_VERSION) => {}
        Some(v) => {
            return Err(locate(
                Diagnostic::error(format!("schema_version {v} is not supported"))
                    .at(JsonPath::root().key("schema_version"))
                    .help(format!(
                        "this dealdraft reads schema_version {SCHEMA_VERSION}"
                    )),
            )
            .into());
        }
        None => {
            return Err(locate(
                Diagnostic::error("missing required field `schema_version`")
                    .at(JsonPath::root())
                    .help(format!("add \"schema_version\": {SCHEMA_VERSION}")),
            )
            .into());
        }
    }

    let mut problems = Diagnostics::new();
    let structural = schema::check_structure(raw);
    if !structural.is_empty() {
        // Report the semantic problems too: leave out each malformed field (as if
        // omitted) and validate the rest, when that keeps every path meaningful.
        if let Some(pruned) = prune(raw, &structural)
            && let Err(errs) = build(&pruned, None, library)
        {
            for d in errs {
                if !structural
                    .iter()
                    .any(|s| s.location.path == d.location.path)
                {
                    problems.push(locate(annotate_default(d, raw, None)));
                }
            }
        }
        let mut all: Vec<Diagnostic> = structural.into_iter().map(&locate).collect();
        all.extend(problems.0);
        all.sort_by_key(|d| d.location.line_col);
        return Err(Diagnostics(all));
    }

    let resolved = match build(raw, None, library) {
        Ok(r) => r,
        Err(errs) => {
            for d in errs {
                problems.push(locate(annotate_default(d, raw, None)));
            }
            return Err(problems);
        }
    };
    Ok(Resolved {
        source_name: source.name.clone(),
        ..resolved
    })
}

/// A deal dealdraft built itself (one read from the vendor's paper by
/// [`crate::intake`]), without business units, resolved without the JSON Schema check of
/// its shape: the shape is right by construction, and serde and the deal's rules still
/// check every value. What `validate` says of the same deal as a file is the same, less
/// the check of its shape (a test holds intake's deals to the full `resolve`).
pub fn resolve_built(raw: &Value, library: &Library) -> Result<Resolved, Vec<Diagnostic>> {
    let mut r = build(raw, None, library)?;
    r.raw = raw.clone();
    Ok(r)
}

/// The deal for `unit` of `base` (resolved from `source` by [`resolve_base`]). `index` is
/// the unit's place in the file's `business_units`: its problems then point into the
/// file (path and line). A unit from elsewhere (`None`, e.g. a spreadsheet row) gets
/// its problems with the deal's field paths and no file, for the caller to place.
pub fn resolve_unit(
    source: &Source,
    base: &Resolved,
    unit: &BusinessUnit,
    index: Option<usize>,
    library: &Library,
) -> Result<Resolved, Diagnostics> {
    let raw = &base.raw;
    match build(raw, Some(unit), library) {
        Ok(r) => Ok(Resolved {
            source_name: base.source_name.clone(),
            ..r
        }),
        Err(errs) => Err(Diagnostics(
            errs.into_iter()
                .map(|d| match index {
                    Some(i) => {
                        let mut d = unit_error(d, i, unit, raw);
                        if let Some(path) = &d.location.path {
                            d.location.line_col = source.locate(path);
                        }
                        d.in_file(&source.name)
                    }
                    None => {
                        let mut d = d;
                        d.message = format!("business unit \"{}\": {}", unit.id, d.message);
                        d
                    }
                })
                .collect(),
        )),
    }
}

/// The deal for one business unit of an already resolved deal.
pub fn for_unit(
    deal: &Resolved,
    unit_id: &str,
    library: &Library,
) -> Result<Resolved, Diagnostics> {
    let Some(unit) = deal.units().iter().find(|u| u.id == unit_id) else {
        let ids: Vec<&str> = deal.units().iter().map(|u| u.id.as_str()).collect();
        let help = match crate::diagnostics::did_you_mean(unit_id, ids.iter().copied()) {
            Some(m) => format!("did you mean \"{m}\"?"),
            None if ids.is_empty() => "the deal has no business_units".into(),
            None => format!("units: {}", ids.join(", ")),
        };
        return Err(Diagnostic::error(format!("no business unit \"{unit_id}\""))
            .in_file(&deal.source_name)
            .help(help)
            .into());
    };
    build(&deal.raw, Some(unit), library)
        .map(|r| Resolved {
            source_name: deal.source_name.clone(),
            ..r
        })
        .map_err(|errs| {
            Diagnostics(
                errs.into_iter()
                    .map(|d| d.in_file(&deal.source_name))
                    .collect(),
            )
        })
}

/// `raw` without the fields that structural errors point at, or `None` if that would
/// shift array indices or remove the root.
fn prune(raw: &Value, errs: &[Diagnostic]) -> Option<Value> {
    let mut pruned = raw.clone();
    for d in errs {
        let path = d.location.path.as_ref()?;
        // A missing required field points at its object: leave the object out.
        let (Some(Seg::Key(last)), parent) = (
            path.0.last(),
            JsonPath(path.0[..path.0.len().saturating_sub(1)].to_vec()),
        ) else {
            return None;
        };
        if parent.is_root() && (last == "deal" || last == "schema_version") {
            return None;
        }
        let mut node = &mut pruned;
        for seg in &parent.0 {
            node = match seg {
                Seg::Key(k) => node.get_mut(k)?,
                Seg::Index(i) => node.get_mut(*i)?,
            };
        }
        node.as_object_mut()?.remove(last);
    }
    schema::check_structure(&pruned)
        .is_empty()
        .then_some(pruned)
}

fn stance_of(raw: &Value, playbook: &Playbook) -> Stance {
    raw.pointer("/deal/stance")
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .unwrap_or(playbook.default_stance)
}

/// Fills every field `target` omits from `defaults`; `null` and set values win. Of
/// alternatives (the keys of which the format asks exactly one, such as a maintenance
/// limit per month, quarter or year), a target that sets one takes none of the others.
pub fn fill_defaults(target: &mut Value, defaults: &Value) {
    fill_at(target, defaults, "");
}

fn fill_at(target: &mut Value, defaults: &Value, path: &str) {
    if let (Some(t), Some(d)) = (target.as_object_mut(), defaults.as_object()) {
        let alternatives = crate::deal::rules::alternatives(path);
        let chosen = alternatives
            .iter()
            .any(|k| t.get(*k).is_some_and(|v| !v.is_null()));
        for (k, dv) in d {
            if chosen && alternatives.contains(&k.as_str()) {
                continue;
            }
            match t.get_mut(k) {
                None => {
                    t.insert(k.clone(), dv.clone());
                }
                Some(tv) if tv.is_object() && dv.is_object() => {
                    let sub = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    fill_at(tv, dv, &sub)
                }
                Some(_) => {}
            }
        }
    }
}

/// The deal `raw`, or `unit`'s deal from it: defaults merged, typed, validated. The
/// result's `raw` is the unit's file (the deal's, without its units), or `null` for the
/// deal's own: [`resolve_base`] fills it.
fn build(
    raw: &Value,
    unit: Option<&BusinessUnit>,
    library: &Library,
) -> Result<Resolved, Vec<Diagnostic>> {
    let playbook = library.playbook();
    // A unit's deal is the deal without its units (a unit has none of its own), copied
    // without them: each unit of a deal with a thousand units copies and checks one deal,
    // not a thousand units.
    let own = unit.map(|_| without(raw, &["business_units"]));
    let mut base = own.clone().unwrap_or_else(|| raw.clone());
    let patch = unit
        .and_then(|u| u.overrides.clone())
        .unwrap_or(Value::Null);
    if let Some(o) = base.as_object_mut() {
        for key in crate::deal::EDITOR_KEYS {
            o.remove(*key);
        }
    }

    // A unit is the deal for one part of the customer: it cannot rename the deal (its
    // files go under the deal's folder), change the format or nest units of its own.
    let fixed = [
        ("schema_version", patch.get("schema_version").is_some()),
        ("business_units", patch.get("business_units").is_some()),
        ("deal.id", patch.pointer("/deal/id").is_some()),
    ];
    let errs: Vec<Diagnostic> = fixed
        .iter()
        .filter(|(_, set)| *set)
        .map(|(path, _)| {
            Diagnostic::error(format!("a business unit cannot override `{path}`"))
                .at(JsonPath::parse(path))
                .help("a unit changes the deal's terms; the deal's id and format stay the deal's")
        })
        .collect();
    if !errs.is_empty() {
        return Err(errs);
    }
    // The rate limits are Customer's as a whole, under the master SOW and every call-off
    // alike: a unit reserves a part of them (blind read 41: a unit's better service levels sat
    // on limits the other units could use up), and only a unit can.
    if unit.is_some() && patch.pointer("/commercial/rate_limits").is_some() {
        return Err(vec![
            Diagnostic::error("a business unit cannot override `commercial.rate_limits`")
                .at(JsonPath::parse("commercial.rate_limits"))
                .help(
                    "the rate limits are Customer's as a whole; set \
                     `commercial.reserved_rate_limits` for the part of them kept for the unit",
                ),
        ]);
    }
    if unit.is_none()
        && base
            .pointer("/commercial/reserved_rate_limits")
            .is_some_and(|v| !v.is_null())
    {
        return Err(vec![
            Diagnostic::error("`commercial.reserved_rate_limits` is set for the whole deal")
                .at(JsonPath::parse("commercial.reserved_rate_limits"))
                .help(
                    "only a business unit's `overrides` can reserve a part of the rate limits; \
                     move it there, or set `commercial.rate_limits`",
                ),
        ]);
    }

    // The unit's stance (if its patch sets one) picks the defaults.
    let stance = if patch.is_object() {
        let mut patched = base.clone();
        json_patch::merge(&mut patched, &patch);
        let errs = schema::check_structure(&patched);
        if !errs.is_empty() {
            return Err(errs);
        }
        stance_of(&patched, playbook)
    } else {
        stance_of(&base, playbook)
    };
    // What the user's file (and the unit's patch) set, for the vendor profile's floors.
    let base_user = base.clone();
    let mut merged = base;
    if let Some(defaults) = playbook.defaults.get(&stance) {
        fill_defaults(&mut merged, defaults);
    }
    // The patch goes on last, so `null` in it removes a value and means "none".
    if patch.is_object() {
        json_patch::merge(&mut merged, &patch);
    }
    raise_to_profile(&mut merged, &base_user, &patch, library);
    if let Some(defaults) = playbook.defaults.get(&stance) {
        fill_severity_definitions(&mut merged, defaults);
    }
    // Taken apart as it is read, so a large deal is not held twice here.
    let mut deal: DealFile = serde_path_to_error::deserialize(merged)
        .map_err(|e| vec![Diagnostic::error(e.inner().to_string()).at(serde_path(e.path()))])?;
    let units = deal.business_units.take();
    let errs = validate::validate(&deal, units.as_deref(), &library.known());
    if !errs.is_empty() {
        return Err(errs);
    }
    deal.business_units = units;
    derive_financial_regulation(&mut deal);
    fill_params(&mut deal, stance, library);
    Ok(Resolved {
        deal,
        stance,
        unit: unit.cloned(),
        // A unit's file: the deal's without its units. The deal's own: the caller's
        // (`resolve_base` copies it, once the merged deal is gone).
        raw: own.unwrap_or(Value::Null),
        source_name: String::new(),
    })
}

/// Words of an industry whose customers are regulated financial entities (banks, insurers,
/// investment firms, payment institutions): their supervisors require outsourcing terms.
const FINANCIAL_INDUSTRIES: [&str; 9] = [
    "bank",
    "insur",
    "financ",
    "payment",
    "invest",
    "asset management",
    "securities",
    "capital markets",
    "credit",
];

/// `data.security.financial_regulation` left open (omitted or `null`) is read from the
/// customer's industry: one fact, so every clause that states it reads one field.
fn derive_financial_regulation(deal: &mut DealFile) {
    let industry = deal
        .deal
        .customer
        .as_ref()
        .and_then(|c| c.industry.as_deref())
        .map(str::to_lowercase);
    if let Some(sec) = deal.data.as_mut().and_then(|d| d.security.as_mut())
        && sec.financial_regulation.is_none()
    {
        sec.financial_regulation = Some(
            industry
                .as_deref()
                .is_some_and(|i| FINANCIAL_INDUSTRIES.iter().any(|w| i.contains(w))),
        );
    }
}

/// A copy of the deal file `raw` without its top-level fields `fields` (copying nothing of
/// them: a deal's thousand units are left where they are).
pub fn without(raw: &Value, fields: &[&str]) -> Value {
    match raw.as_object() {
        Some(o) => Value::Object(
            o.iter()
                .filter(|(k, _)| !fields.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        None => raw.clone(),
    }
}

/// A severity given without `definition` takes the playbook's definition of its level.
fn fill_severity_definitions(deal: &mut Value, defaults: &Value) {
    let Some(playbook) = defaults
        .pointer("/support/severities")
        .and_then(Value::as_array)
    else {
        return;
    };
    let Some(list) = deal
        .pointer_mut("/support/severities")
        .and_then(Value::as_array_mut)
    else {
        return;
    };
    for sev in list.iter_mut().filter_map(Value::as_object_mut) {
        if sev.get("definition").is_some_and(|d| !d.is_null()) {
            continue;
        }
        let level = sev.get("level").cloned();
        if let Some(def) = playbook
            .iter()
            .find(|p| p.get("level") == level.as_ref())
            .and_then(|p| p.get("definition"))
            .filter(|d| d.is_string())
        {
            sev.insert("definition".into(), def.clone());
        }
    }
}

/// Every declared parameter, set: the deal's value, else the clause's default for its
/// position (the deal's stance unless `positions` names another). A resolved deal thus
/// states every parameter, as it states every field.
fn fill_params(deal: &mut DealFile, stance: Stance, library: &Library) {
    let position = |id: &str| {
        deal.positions
            .as_ref()
            .and_then(|p| p.get(id))
            .copied()
            .unwrap_or(stance)
    };
    let given = deal.params.take().unwrap_or_default();
    let mut all = std::collections::BTreeMap::new();
    for (id, declared) in library.params() {
        let pos = position(&id);
        let mut values = std::collections::BTreeMap::new();
        for (name, decl) in declared {
            let v = given
                .get(&id)
                .and_then(|m| m.get(&name))
                .filter(|v| !v.is_null())
                .cloned()
                .unwrap_or_else(|| decl.default_for(pos));
            values.insert(name, v);
        }
        all.insert(id, values);
    }
    deal.params = (!all.is_empty()).then_some(all);
}

fn serde_path(p: &serde_path_to_error::Path) -> JsonPath {
    use serde_path_to_error::Segment;
    JsonPath(
        p.iter()
            .filter_map(|s| match s {
                Segment::Seq { index } => Some(Seg::Index(*index)),
                Segment::Map { key } | Segment::Enum { variant: key } => {
                    Some(Seg::Key(key.clone()))
                }
                Segment::Unknown => None,
            })
            .collect(),
    )
}

/// A playbook default never asks for less than the deal's vendor profile publishes for every
/// customer: each floor of the profile that a default would go below is raised to it (for
/// credit tiers, the better of the two at every threshold). What the deal (or the unit's
/// patch) sets itself is left alone: `check` reports it.
pub fn raise_to_profile(merged: &mut Value, user: &Value, patch: &Value, library: &Library) {
    let Some(profile) = merged
        .pointer("/deal/vendor/profile")
        .and_then(Value::as_str)
        .and_then(|id| library.vendor_profile(id))
    else {
        return;
    };
    for term in &profile.terms {
        let path = JsonPath::parse(&term.field.to_string());
        let set_by_user = |doc: &Value| {
            let mut p = Some(JsonPath(Vec::new()));
            // Set, or an enclosing field set to `null` (explicitly none).
            for seg in &path.0 {
                let here = p.take().unwrap();
                if here.lookup(doc).is_some_and(Value::is_null) && !here.is_root() {
                    return true;
                }
                p = Some(JsonPath([here.0, vec![seg.clone()]].concat()));
            }
            p.is_some_and(|q| q.lookup(doc).is_some())
        };
        if set_by_user(user) || set_by_user(patch) || term.waived(merged) {
            continue;
        }
        let current = term.field.get_mut(merged).map(|v| v.clone());
        if term.asks_less(current.as_ref().filter(|v| !v.is_null())) != Some(true) {
            continue;
        }
        let mut raised = term.raised(current.as_ref());
        // Credit tiers under an uptime the deal sets lower than the profile's: no threshold
        // above the deal's own commitment (the lower uptime is reported by `check`).
        if let (Some(u), Value::Array(tiers)) = (
            merged.pointer("/sla/uptime_pct").and_then(Value::as_f64),
            &mut raised,
        ) {
            clip_tiers(tiers, u);
        }
        match term.field.get_mut(merged) {
            Some(slot) => *slot = raised,
            // A plain field the defaults leave out: set it.
            None if term
                .field
                .steps()
                .iter()
                .all(|s| matches!(s, crate::deal::path::Step::Key(_))) =>
            {
                crate::deal::path::set_value(merged, &path, raised);
            }
            None => {}
        }
    }
}

/// Credit tiers with no threshold above `uptime`: a higher one moves down to it, and of two
/// tiers at one threshold the larger credit stays.
fn clip_tiers(tiers: &mut Vec<Value>, uptime: f64) {
    for t in tiers.iter_mut() {
        if t["below_pct"].as_f64().is_some_and(|b| b > uptime) {
            t["below_pct"] = serde_json::json!(uptime);
        }
    }
    let mut kept: Vec<Value> = Vec::new();
    for t in tiers.drain(..) {
        match kept.last_mut() {
            Some(last) if last["below_pct"] == t["below_pct"] => {
                if t["credit_pct"].as_f64() > last["credit_pct"].as_f64() {
                    *last = t;
                }
            }
            _ => kept.push(t),
        }
    }
    *tiers = kept;
}

/// Notes that a bad value came from the playbook, not the user's file.
fn annotate_default(mut d: Diagnostic, raw: &Value, patch: Option<&Value>) -> Diagnostic {
    if let Some(path) = &d.location.path
        && !path.is_root()
        && path.lookup(raw).is_none()
        && patch.is_none_or(|p| path.lookup(p).is_none())
    {
        let note = "the value is the playbook default for this stance; set the field in the deal";
        d.help = Some(match d.help {
            Some(h) => format!("{h} ({note})"),
            None => note.to_string(),
        });
    }
    d
}

fn unit_error(d: Diagnostic, index: usize, unit: &BusinessUnit, raw: &Value) -> Diagnostic {
    let patch = unit.overrides.clone().unwrap_or(Value::Null);
    let mut d = annotate_default(d, raw, Some(&patch));
    let in_patch = d
        .location
        .path
        .as_ref()
        .is_some_and(|p| p.lookup(&patch).is_some());
    if in_patch {
        let prefix = JsonPath::root()
            .key("business_units")
            .index(index)
            .key("overrides");
        d.location.path = d.location.path.map(|p| p.under(&prefix));
    }
    d.message = format!("business unit \"{}\": {}", unit.id, d.message);
    d
}
