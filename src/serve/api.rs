//! The workbench's JSON routes over the library: deals in the folder, the schema, the
//! preview with its diagnostics and findings, uploads and downloads. Each handler takes
//! the request and returns a reply; nothing here panics on bad input or prints.

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;
use std::time::Instant;

use serde_json::{Map, Value, json};

use super::State;
use super::files::{FileError, Saved, check_name};
use super::http::{Reply, Req, attachment};
use crate::check::rules::RuleSet;
use crate::deal::Source;
use crate::deal::model::Stance;
use crate::diagnostics::{Diagnostic, Diagnostics, Level};
use crate::library::Library;
use crate::render::Format;
use crate::resolve::Resolved;

/// The largest JSON request body: the largest deal file and room for the envelope.
pub const MAX_JSON_BODY: usize = crate::deal::load::MAX_DEAL_BYTES as usize + 64 * 1024;
/// The largest upload: the largest vendor paper the CLI reads.
pub const MAX_UPLOAD: usize = crate::paper::MAX_FILE_BYTES as usize;
/// How many uploads are kept (the oldest go first), and their largest total size.
const KEPT_UPLOADS: usize = 8;
const KEPT_UPLOAD_BYTES: usize = 256 * 1024 * 1024;

/// A diagnostic as the front end gets it. Without `placed`, the file and line are left
/// out (a posted draft has no file: its problems are at their fields).
pub fn diag(d: &Diagnostic, placed: bool) -> Value {
    let mut d = d.clone();
    if !placed {
        d.location.file = None;
        d.location.line_col = None;
    }
    let (line, column) = d.location.line_col.unzip();
    json!({
        "level": match d.level { Level::Error => "error", Level::Warning => "warning" },
        "path": d.location.path.as_ref().filter(|p| !p.is_root()).map(ToString::to_string),
        "line": line,
        "column": column,
        "message": d.message,
        "help": d.help.iter().collect::<Vec<_>>(),
        "text": d.to_string(),
    })
}

fn diags<'a>(ds: impl IntoIterator<Item = &'a Diagnostic>, placed: bool) -> Value {
    Value::Array(ds.into_iter().map(|d| diag(d, placed)).collect())
}

fn file_error(e: FileError) -> Reply {
    Reply::error(e.status(), e.message())
}

fn bad(d: &Diagnostics) -> Reply {
    let first = d
        .errors()
        .next()
        .map_or_else(|| "bad request".to_string(), |e| e.message.clone());
    Reply::error_with(400, first, diags(d.iter(), false))
}

/// `GET /api/deals`.
pub fn list(state: &State) -> Reply {
    let names = match state.folder.names() {
        Ok(n) => n,
        Err(e) => return file_error(e),
    };
    let mut deals = Vec::new();
    for name in names {
        let mut entry = match state.folder.read(&name) {
            Ok(bytes) => state.listing_entry(&name, bytes),
            // A file that cannot be read is listed with why.
            Err(e) => json!({ "name": name, "errors": 1, "warnings": 0, "blanks": 0,
                              "problem": e.message(), "units": [] }),
        };
        let modified = std::fs::symlink_metadata(state.folder.dir().join(&name))
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| jiff::Timestamp::try_from(t).ok())
            .map(|t| t.to_string());
        entry["modified"] = json!(modified);
        deals.push(entry);
    }
    Reply::json(
        200,
        &json!({ "dir": state.folder.dir().display().to_string(), "deals": deals }),
    )
}

/// One deal file's line in the list: who, what, and how many problems.
pub fn entry(name: &str, bytes: Vec<u8>, library: &Library) -> Value {
    let mut e = json!({
        "name": name, "id": null, "title": null, "customer": null, "vendor": null,
        "stance": null, "units": [], "blanks": 0, "errors": 0, "warnings": 0, "problem": null,
    });
    let source = match Source::from_bytes(name, bytes) {
        Ok(s) => s,
        Err(d) => {
            e["errors"] = json!(1);
            e["problem"] = json!(d.to_string());
            return e;
        }
    };
    // What the file says, even if it does not validate.
    let raw = &source.json;
    let s = |p: &str| raw.pointer(p).and_then(Value::as_str).map(str::to_string);
    e["id"] = json!(s("/deal/id"));
    e["title"] = json!(s("/deal/title"));
    e["customer"] =
        json!(s("/deal/customer/short_name").or_else(|| s("/deal/customer/legal_name")));
    e["vendor"] = json!(s("/deal/vendor/short_name").or_else(|| s("/deal/vendor/legal_name")));
    e["stance"] = json!(s("/deal/stance"));
    if let Some(units) = raw.get("business_units").and_then(Value::as_array) {
        e["units"] = json!(
            units
                .iter()
                .filter_map(|u| u.get("id").and_then(Value::as_str))
                .collect::<Vec<_>>()
        );
    }
    let problems = match crate::resolve::resolve(&source, library) {
        Ok(deal) => {
            e["stance"] = json!(deal.stance.as_str());
            match crate::assemble::assemble(
                &deal,
                library,
                crate::MAIN_DOCUMENT,
                Default::default(),
            ) {
                Ok(set) => {
                    e["blanks"] = json!(set.blanks.len());
                    set.warnings
                }
                Err(d) => d,
            }
        }
        Err(d) => d,
    };
    e["errors"] = json!(problems.errors().count());
    e["warnings"] = json!(problems.iter().filter(|d| !d.is_error()).count());
    e["problem"] = json!(problems.errors().next().map(ToString::to_string));
    e
}

/// `GET /api/deals/{name}`: the file's text, its JSON, its version and what `validate`
/// says of it (a broken file: its errors with line and column).
pub fn open(state: &State, name: &str) -> Reply {
    let bytes = match state.folder.read(name) {
        Ok(b) => b,
        Err(e) => return file_error(e),
    };
    let version = super::files::version(&bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (deal, problems) = match Source::from_bytes(name, bytes) {
        Err(d) => (Value::Null, Diagnostics::from(d)),
        Ok(source) => {
            let problems = match crate::resolve::resolve(&source, &state.library) {
                Ok(deal) => match crate::assemble::assemble(
                    &deal,
                    &state.library,
                    crate::MAIN_DOCUMENT,
                    Default::default(),
                ) {
                    Ok(set) => set.warnings,
                    Err(d) => d,
                },
                Err(d) => d,
            };
            (source.json, problems)
        }
    };
    Reply::json(
        200,
        &json!({ "name": name, "text": text, "deal": deal, "version": version,
                 "diagnostics": diags(problems.iter(), true) }),
    )
}

/// The text a deal is saved as: pretty-printed with two spaces, the field order kept, a
/// final newline.
pub fn deal_text(deal: &Value) -> String {
    let mut s = serde_json::to_string_pretty(deal).expect("JSON serialises");
    s.push('\n');
    s
}

/// `PUT /api/deals/{name}`.
pub fn save(state: &State, name: &str, req: &Req) -> Reply {
    let body = match req.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let (Some(deal), Some(version)) = (
        body.get("deal").filter(|d| d.is_object()),
        body.get("version").and_then(Value::as_str),
    ) else {
        return Reply::error(
            400,
            "a save is {\"deal\": {...}, \"version\": \"<the version it was opened at>\"}",
        );
    };
    let text = deal_text(deal);
    if text.len() as u64 > crate::deal::load::MAX_DEAL_BYTES {
        return Reply::error(413, "the deal is larger than the largest deal file (4 MiB)");
    }
    match state.folder.save(name, version, text.as_bytes()) {
        Err(e) => file_error(e),
        Ok(Saved::Written { version, backup }) => {
            Reply::json(200, &json!({ "version": version, "backup": backup }))
        }
        Ok(Saved::Conflict { on_disk }) => {
            let now = super::files::version(&on_disk);
            let parse = |b: &[u8]| serde_json::from_slice::<Value>(b).unwrap_or(Value::Null);
            // The version opened, if this server saw it; else the draft being saved.
            let opened = state
                .folder
                .seen(version)
                .map_or_else(|| deal.clone(), |b| parse(&b));
            let changes = super::files::changes(&opened, &parse(&on_disk));
            Reply::json(
                409,
                &json!({
                    "error": format!("{name} changed on disk since you opened it"),
                    "version": now,
                    "changes": changes,
                }),
            )
        }
    }
}

/// The deal id a new file's name gives: its stem as a slug.
fn slug_of(name: &str) -> String {
    let stem = name
        .strip_suffix(".json")
        .unwrap_or(name)
        .to_ascii_lowercase();
    let mut out = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// `POST /api/deals`: a new deal file from `init`'s starter.
pub fn create(state: &State, req: &Req) -> Reply {
    let body = match req.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let name = body.get("name").and_then(Value::as_str).unwrap_or("");
    if let Err(e) = check_name(name) {
        return file_error(e);
    }
    let stance = match body.get("stance").and_then(Value::as_str) {
        None => state.library.playbook().default_stance,
        Some(s) => match Stance::ALL.into_iter().find(|x| x.as_str() == s) {
            Some(x) => x,
            None => return Reply::error(400, format!("no stance \"{s}\": preferred or fallback")),
        },
    };
    let vendor = body.get("vendor").and_then(Value::as_str);
    let started = match crate::init::starter(&state.library, &slug_of(name), stance, vendor) {
        Ok(s) => s,
        Err(d) => return bad(&d.into()),
    };
    match state.folder.create(name, started.text.as_bytes()) {
        Err(e) => file_error(e),
        Ok(false) => Reply::error(409, format!("{name} already exists")),
        Ok(true) => Reply::json(
            201,
            &json!({ "name": name, "version": super::files::version(started.text.as_bytes()) }),
        ),
    }
}

/// The groups of the form, in order, and the top-level fields of each.
const GROUPS: [(&str, &str, &[&str]); 9] = [
    (
        "deal",
        "Deal",
        &[
            "$schema",
            "$comment",
            "schema_version",
            "deal",
            "provenance",
        ],
    ),
    ("sla", "Service levels", &["sla"]),
    ("support", "Support", &["support", "governance"]),
    ("training", "Training", &["training", "onboarding"]),
    ("data", "Data", &["data"]),
    ("exit", "Exit", &["exit"]),
    ("commercial", "Commercial", &["commercial"]),
    ("units", "Business units", &["business_units"]),
    ("parameters", "Parameters", &["params", "positions"]),
];

/// `GET /api/schema`'s body: the schema, the playbook's defaults, the coverage rows by
/// field, the form's groups, the documents and the vendor profiles.
pub fn schema(library: &Library, rules: &RuleSet) -> Value {
    let schema = library.deal_schema();
    let playbook = library.playbook();
    let defaults: Map<String, Value> = playbook
        .defaults
        .iter()
        .map(|(s, v)| (s.as_str().to_string(), v.clone()))
        .collect();
    let mut coverage: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for rule in &rules.rules {
        if let Some(p) = &rule.path {
            let rows = coverage.entry(p.text.clone()).or_default();
            if !rows.contains(&rule.coverage) {
                rows.push(rule.coverage.clone());
            }
        }
    }
    // Every top-level field in exactly one group: any the table does not name goes to
    // the deal group.
    let top: Vec<String> = schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    let mut groups: Vec<Value> = GROUPS
        .iter()
        .map(|(id, title, fields)| {
            let fields: Vec<&str> = fields
                .iter()
                .copied()
                .filter(|f| top.iter().any(|t| t == f))
                .collect();
            json!({ "id": id, "title": title, "fields": fields })
        })
        .collect();
    for t in &top {
        if !GROUPS.iter().any(|(_, _, fs)| fs.contains(&t.as_str()))
            && let Some(fields) = groups[0]["fields"].as_array_mut()
        {
            fields.push(json!(t));
        }
    }
    // The main document first, then the annexes by their letter.
    let mut docs: Vec<_> = library.documents().map(|d| &d.meta).collect();
    docs.sort_by_key(|m| (m.id != crate::MAIN_DOCUMENT, m.annex.clone(), m.id.clone()));
    let documents: Vec<Value> = docs
        .iter()
        .map(|m| json!({ "id": m.id, "title": m.title, "annex": m.annex }))
        .collect();
    let vendors: Vec<&str> = library.vendor_profiles().map(|p| p.id.as_str()).collect();
    json!({
        "schema": schema,
        "playbook": defaults,
        "coverage": coverage,
        "groups": groups,
        "documents": documents,
        "vendors": vendors,
        "coverage_rows": playbook.coverage.iter()
            .map(|r| json!({ "id": r.id, "recommendation": r.recommendation }))
            .collect::<Vec<_>>(),
    })
}

/// A posted deal, read as the CLI reads a file (the same limits and checks) and resolved.
/// `Err` with its diagnostics (at their fields) when it does not validate.
fn resolve_posted(deal: &Value, library: &Library) -> Result<(Source, Resolved), Diagnostics> {
    let source = Source::from_bytes("deal", deal_text(deal).into_bytes())?;
    let resolved = crate::resolve::resolve(&source, library)?;
    Ok((source, resolved))
}

/// The deal for a unit of `deal` (or `deal` itself), and the unit's index.
fn for_unit(
    deal: Resolved,
    unit: Option<&str>,
    library: &Library,
) -> Result<(Resolved, Option<usize>), Diagnostics> {
    let Some(u) = unit else {
        return Ok((deal, None));
    };
    let index = deal.units().iter().position(|x| x.id == u);
    Ok((crate::resolve::for_unit(&deal, u, library)?, index))
}

fn finding(f: &crate::check::Finding) -> Value {
    let clause = (!f.clause.is_empty()).then_some(f.clause.as_str());
    json!({
        "rule": f.rule,
        "severity": f.severity.as_str(),
        "message": f.title,
        "path": (!f.path.is_empty()).then_some(f.path.as_str()),
        "clause": clause,
        "anchor": clause.map(crate::render::html::clause_anchor),
        "coverage": (!f.coverage.is_empty()).then_some(f.coverage.as_str()),
        "deal_says": f.deal_says,
        "ask": f.ask,
        "fallback": f.fallback,
        "why": f.why,
    })
}

/// `POST /api/preview`: the chosen document in the HTML writer, with the deal's
/// diagnostics and `check`'s findings. A draft that does not validate is answered 200
/// with `html: null` and the diagnostics that say why.
pub fn preview(state: &State, req: &Req) -> Reply {
    let started = Instant::now();
    let body = match req.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let Some(deal) = body.get("deal") else {
        return Reply::error(400, "a preview is {\"deal\": {...}, \"document\": \"sow\"}");
    };
    let document = body
        .get("document")
        .and_then(Value::as_str)
        .unwrap_or(crate::MAIN_DOCUMENT);
    let unit = body.get("unit").and_then(Value::as_str);
    let mut out = json!({ "html": null, "documents": [], "units": [], "diagnostics": [],
                          "findings": [] });
    let lib = &state.library;
    let answer = |mut out: Value| {
        out["ms"] = json!(started.elapsed().as_millis() as u64);
        Reply::json(200, &out)
    };
    let (source, base) = match resolve_posted(deal, lib) {
        Ok(x) => x,
        Err(d) => {
            out["diagnostics"] = diags(d.iter(), false);
            return answer(out);
        }
    };
    out["units"] = json!(
        base.units()
            .iter()
            .map(|u| u.id.as_str())
            .collect::<Vec<_>>()
    );
    let (deal, index) = match for_unit(base, unit, lib) {
        Ok(x) => x,
        Err(d) => {
            out["diagnostics"] = diags(d.iter(), false);
            return answer(out);
        }
    };
    let report = crate::check::check_deal(&source, &deal, index, &state.rules);
    out["findings"] = Value::Array(report.findings.iter().map(finding).collect());
    let set = match crate::assemble::assemble(&deal, lib, crate::MAIN_DOCUMENT, Default::default())
    {
        Ok(s) => s,
        Err(d) => {
            out["diagnostics"] = diags(d.iter(), false);
            return answer(out);
        }
    };
    out["diagnostics"] = diags(set.warnings.iter(), false);
    out["documents"] = Value::Array(
        set.document_ids()
            .iter()
            .filter_map(|id| set.document(id))
            .map(|d| json!({ "id": d.id, "title": d.meta.title }))
            .collect(),
    );
    match set.document(document) {
        Some(doc) => out["html"] = json!(crate::render::html::render(&doc)),
        None => {
            let (_, problems) = set.chosen(&[document.to_string()]);
            out["diagnostics"] = diags(problems.iter(), false);
        }
    }
    answer(out)
}

/// `POST /api/validate`: the diagnostics alone (no rendering).
pub fn validate(state: &State, req: &Req) -> Reply {
    let body = match req.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    let Some(deal) = body.get("deal") else {
        return Reply::error(400, "a validation is {\"deal\": {...}}");
    };
    let problems = match resolve_posted(deal, &state.library) {
        Ok(_) => Diagnostics::new(),
        Err(d) => d,
    };
    Reply::json(
        200,
        &json!({ "diagnostics": diags(problems.iter(), false) }),
    )
}

/// An uploaded file, kept in memory only.
#[derive(Debug, Clone)]
pub struct Upload {
    /// `u1`, `u2`, ...
    pub id: String,
    /// Its name as given (checked: a plain file name).
    pub name: String,
    /// What it is.
    pub kind: crate::paper::Kind,
    /// Its bytes.
    pub bytes: Arc<Vec<u8>>,
}

/// The uploads kept: the most recent few.
#[derive(Debug, Default)]
pub struct Uploads {
    next: u64,
    kept: VecDeque<Upload>,
}

impl Uploads {
    fn add(&mut self, name: String, kind: crate::paper::Kind, bytes: Vec<u8>) -> Upload {
        self.next += 1;
        let up = Upload {
            id: format!("u{}", self.next),
            name,
            kind,
            bytes: Arc::new(bytes),
        };
        self.kept.push_back(up.clone());
        while self.kept.len() > KEPT_UPLOADS
            || self.kept.iter().map(|u| u.bytes.len()).sum::<usize>() > KEPT_UPLOAD_BYTES
        {
            self.kept.pop_front();
        }
        up
    }

    fn get(&self, id: &str) -> Option<Upload> {
        self.kept.iter().find(|u| u.id == id).cloned()
    }
}

fn kind_name(kind: crate::paper::Kind) -> &'static str {
    match kind {
        crate::paper::Kind::Markdown => "md",
        crate::paper::Kind::Text => "txt",
        crate::paper::Kind::Word => "docx",
    }
}

/// Checks an upload's name: a plain file name (the characters of a deal file's name)
/// with a paper's extension.
fn upload_kind(name: &str) -> Result<crate::paper::Kind, Reply> {
    let plain = !name.is_empty()
        && name.len() <= 128
        && !name.starts_with('.')
        && !name.contains("..")
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ' '));
    if !plain {
        return Err(Reply::error(
            400,
            format!(
                "\"{}\" is not a file name: letters, digits, spaces, -, _ and ., no folders",
                name.escape_default()
            ),
        ));
    }
    crate::paper::Kind::of(std::path::Path::new(name)).ok_or_else(|| {
        Reply::error(
            400,
            "an upload is the vendor's paper or reply: a .docx, .md or .txt file",
        )
    })
}

/// The paper an upload holds, read with the CLI's readers.
fn paper_of(up: &Upload) -> Result<crate::paper::Paper, Diagnostic> {
    use crate::paper::{Kind, Paper};
    match up.kind {
        Kind::Word => Paper::docx(&up.name, &up.bytes),
        Kind::Markdown | Kind::Text => {
            let text = std::str::from_utf8(&up.bytes).map_err(|e| {
                Diagnostic::error(format!("not UTF-8 text (byte {})", e.valid_up_to()))
                    .in_file(&up.name)
            })?;
            let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
            Ok(if up.kind == Kind::Markdown {
                Paper::markdown(&up.name, text)
            } else {
                Paper::text(&up.name, text)
            })
        }
    }
}

/// `POST /api/uploads?name=paper.docx`: the body kept in memory, once it reads.
pub fn upload(state: &State, req: &Req) -> Reply {
    let name = req.query.get("name").map(String::as_str).unwrap_or("");
    let kind = match upload_kind(name) {
        Ok(k) => k,
        Err(r) => return r,
    };
    let candidate = Upload {
        id: String::new(),
        name: name.to_string(),
        kind,
        bytes: Arc::new(req.body.clone()),
    };
    if let Err(d) = paper_of(&candidate) {
        return Reply::error_with(
            400,
            format!("cannot read {name}: {}", d.message),
            diags([&d], false),
        );
    }
    let size = req.body.len();
    let up = state.uploads.lock().unwrap_or_else(|e| e.into_inner()).add(
        name.to_string(),
        kind,
        req.body.clone(),
    );
    Reply::json(
        201,
        &json!({ "id": up.id, "name": up.name, "size": size, "kind": kind_name(kind) }),
    )
}

fn content_type(ext: &str) -> &'static str {
    match ext {
        "md" => "text/markdown; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "zip" => "application/zip",
        "json" => "application/json",
        _ => "application/octet-stream",
    }
}

fn download_reply(name: &str, bytes: Vec<u8>) -> Reply {
    let ext = name.rsplit('.').next().unwrap_or("");
    Reply::bytes(200, content_type(ext), bytes).with("Content-Disposition", attachment(name))
}

/// Files in a zip (for downloads that are several files: a markup, a round).
fn zipped(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, Reply> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().last_modified_time(zip::DateTime::default());
    for (name, bytes) in files {
        zip.start_file(name.as_str(), opts)
            .and_then(|()| zip.write_all(bytes).map_err(Into::into))
            .map_err(|e| Reply::error(500, format!("cannot zip {name}: {e}")))?;
    }
    zip.finish()
        .map(std::io::Cursor::into_inner)
        .map_err(|e| Reply::error(500, format!("cannot zip: {e}")))
}

/// An upload written to a private temporary folder (removed when dropped), for the library
/// calls that read the vendor's file from a path.
fn upload_file(up: &Upload) -> Result<(tempfile::TempDir, std::path::PathBuf), Reply> {
    let dir = tempfile::Builder::new()
        .prefix("dealdraft-serve-")
        .tempdir()
        .map_err(|e| Reply::error(500, format!("cannot make a temporary folder: {e}")))?;
    let path = dir.path().join(&up.name);
    std::fs::write(&path, up.bytes.as_slice())
        .map_err(|e| Reply::error(500, format!("cannot write a temporary file: {e}")))?;
    Ok((dir, path))
}

/// `POST /api/download`: a document, a redline, the check memo, a markup or a round.
pub fn download(state: &State, req: &Req) -> Reply {
    let body = match req.json() {
        Ok(b) => b,
        Err(r) => return r,
    };
    match download_inner(state, &body) {
        Ok(r) | Err(r) => r,
    }
}

fn download_inner(state: &State, body: &Value) -> Result<Reply, Reply> {
    let lib = &state.library;
    let s = |k: &str| body.get(k).and_then(Value::as_str);
    let deal = body
        .get("deal")
        .ok_or_else(|| Reply::error(400, "a download is {\"deal\": {...}, \"kind\": ...}"))?;
    let kind = s("kind").unwrap_or("document");
    let format_name = s("format").unwrap_or("md");
    let format = Format::parse(format_name)
        .filter(|f| {
            matches!(
                f,
                Format::Markdown | Format::Pdf | Format::Docx | Format::Html
            )
        })
        .ok_or_else(|| {
            Reply::error(
                400,
                format!("no format \"{format_name}\": md, pdf, docx or html"),
            )
        })?;
    let document = s("document").unwrap_or(crate::MAIN_DOCUMENT).to_string();
    let (source, base) = resolve_posted(deal, lib).map_err(|d| bad(&d))?;
    let (deal, index) = for_unit(base, s("unit"), lib).map_err(|d| bad(&d))?;
    let stem = match &deal.unit {
        Some(u) => format!("{}-{}", deal.id(), u.id),
        None => deal.id().to_string(),
    };
    let ext = format_name.replace("markdown", "md");
    crate::render::prepare(&[format], None);
    match kind {
        "document" => {
            let set =
                crate::assemble::assemble(&deal, lib, crate::MAIN_DOCUMENT, Default::default())
                    .map_err(|d| bad(&d))?;
            let (docs, problems) = set.chosen(std::slice::from_ref(&document));
            let doc = docs.into_iter().next().ok_or_else(|| bad(&problems))?;
            let files = crate::render::render_document(&doc, &doc.id, &[format], None)
                .map_err(|d| bad(&d))?;
            let (_, bytes) = files
                .into_iter()
                .next()
                .ok_or_else(|| Reply::error(500, "nothing rendered"))?;
            Ok(download_reply(&format!("{stem}-{document}.{ext}"), bytes))
        }
        "redline" => {
            let spec = s("against").unwrap_or("playbook:fallback");
            let against = against(state, spec, &deal)?;
            let opts = crate::redline::Options {
                documents: vec![document.clone()],
                formats: vec![format],
                author: "dealdraft".into(),
                assemble: Default::default(),
            };
            let rendered =
                crate::redline::redline(&deal, lib, &against, &opts).map_err(|d| bad(&d))?;
            let (name, bytes) = rendered.files.into_iter().next().ok_or_else(|| {
                Reply::error(400, format!("a redline is not written as {format_name}"))
            })?;
            Ok(download_reply(&format!("{stem}-{name}"), bytes))
        }
        "memo" => {
            let report = crate::check::Report {
                version: crate::check::REPORT_VERSION,
                deals: vec![crate::check::check_deal(
                    &source,
                    &deal,
                    index,
                    &state.rules,
                )],
                papers: Vec::new(),
            };
            let bytes = match format {
                Format::Html => {
                    crate::render::html::render(&crate::check::report::memo_document(&report))
                        .into_bytes()
                }
                _ => {
                    let f = crate::check::report::Format::parse(&ext)
                        .ok_or_else(|| Reply::error(400, "no such memo format"))?;
                    crate::check::report::output(&report, f).map_err(|d| bad(&d))?
                }
            };
            Ok(download_reply(&format!("{stem}-check-memo.{ext}"), bytes))
        }
        "markup" | "round" => {
            let id = s("upload").unwrap_or("");
            let up = state.upload(id)?;
            let (_dir, path) = upload_file(&up)?;
            let date = crate::dates::changes_date(None, deal.info().effective_date.as_deref())
                .map_err(|d| bad(&d.into()))?;
            let files = if kind == "markup" {
                let opts = crate::markup::Options {
                    tracking: crate::markup::Tracking {
                        author: "Customer".into(),
                        date,
                    },
                    accept_existing: body
                        .get("accept_existing")
                        .and_then(Value::as_bool)
                        .unwrap_or(false),
                };
                crate::markup::markup(&path, &deal, lib, &opts)
                    .map_err(|d| bad(&d))?
                    .files
            } else {
                let opts = crate::rounds::Options {
                    author: "Customer".into(),
                    date,
                    decisions: Default::default(),
                };
                crate::rounds::round(&path, &deal, lib, &opts, None)
                    .map_err(|d| bad(&d))?
                    .files
            };
            let bytes = zipped(&files)?;
            Ok(download_reply(&format!("{stem}-{kind}.zip"), bytes))
        }
        other => Err(Reply::error(
            400,
            format!("no download kind \"{other}\": document, redline, memo, markup or round"),
        )),
    }
}

/// A redline's baseline: the playbook, another deal in the folder or an uploaded paper.
fn against(state: &State, spec: &str, ours: &Resolved) -> Result<crate::redline::Against, Reply> {
    use crate::redline::{Against, Baseline};
    if spec.starts_with("playbook:") {
        return Against::load(spec, ours, &state.library).map_err(|d| bad(&d));
    }
    if let Some(name) = spec.strip_prefix("deal:") {
        let bytes = state.folder.read(name).map_err(file_error)?;
        let source = Source::from_bytes(name, bytes).map_err(|d| bad(&d.into()))?;
        let other = crate::resolve::resolve(&source, &state.library).map_err(|d| bad(&d))?;
        return Ok(Against {
            baseline: Baseline::Deal(Box::new(other)),
            name: name.to_string(),
        });
    }
    if let Some(id) = spec.strip_prefix("upload:") {
        let up = state.upload(id)?;
        let paper = paper_of(&up).map_err(|d| bad(&d.into()))?;
        return Ok(Against {
            baseline: Baseline::Paper(paper),
            name: up.name.clone(),
        });
    }
    Err(Reply::error(
        400,
        format!(
            "cannot redline against \"{spec}\": playbook:preferred, playbook:fallback, \
             deal:<file in the folder> or upload:<id>"
        ),
    ))
}

impl State {
    /// An upload by id, or 404.
    fn upload(&self, id: &str) -> Result<Upload, Reply> {
        self.uploads
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(id)
            .ok_or_else(|| {
                Reply::error(
                    404,
                    format!(
                        "no upload \"{id}\" (uploads are kept in memory, the last {KEPT_UPLOADS})"
                    ),
                )
            })
    }

    /// A deal file's list entry, worked out once per version.
    fn listing_entry(&self, name: &str, bytes: Vec<u8>) -> Value {
        let version = super::files::version(&bytes);
        let key = format!("{name}\n{version}");
        if let Some(e) = self
            .listing
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return e.clone();
        }
        let e = entry(name, bytes, &self.library);
        let mut cache = self.listing.lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() > 1024 {
            cache.clear();
        }
        cache.insert(key, e.clone());
        e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug_of("Acme_Deal.v2.json"), "acme-deal-v2");
        assert_eq!(slug_of("x.json"), "x");
    }

    #[test]
    fn upload_names() {
        assert!(upload_kind("paper.docx").is_ok());
        assert!(upload_kind("Vendor paper.md").is_ok());
        for bad in [
            "../x.docx",
            "/etc/passwd",
            "a\\b.docx",
            "x.exe",
            ".x.docx",
            "",
        ] {
            assert!(upload_kind(bad).is_err(), "{bad}");
        }
    }
}
