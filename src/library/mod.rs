//! The clause library and document templates: Markdown files with TOML front matter and a
//! Tera body, embedded in the binary and overlaid by id from `--library DIR`.
//!
//! Layout (built-in and overlay alike):
//! - `clause-library/**/*.md`: one clause per file (front matter: [`ClauseMeta`]).
//! - `clause-library/playbook.json`: the playbook defaults per stance, labels, topics.
//! - `templates/*.md`: document skeletons (front matter: [`DocMeta`]); in an overlay
//!   directory they live in its `templates/` subfolder.

pub mod cache;
pub mod listing;
mod tera_env;
pub mod vendors;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use serde::Deserialize;

use crate::deal::model::Stance;
use crate::deal::params::{ParamDecl, ParamTable};
use crate::deal::validate::Known;
use crate::diagnostics::{Diagnostic, Diagnostics, JsonPath};
use crate::limits;
use cache::ClauseCache;

static BUILTIN_CLAUSES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/clause-library");
static BUILTIN_TEMPLATES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// Front matter of a clause file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClauseMeta {
    /// Unique id, e.g. `sla.service_credits`; what `ref(id=...)` and `positions` use.
    pub id: String,
    /// Heading of the clause.
    pub title: String,
    /// The document it belongs to (a template id, e.g. `sow`, `sla-annex`).
    pub document: String,
    /// The section of that document (an id from the template's `sections`).
    pub section: String,
    /// Sort key within the section.
    pub order: i32,
    /// Positions the clause offers; `[]` for a clause that is the same in every stance.
    #[serde(default = "both_positions")]
    pub positions: Vec<Stance>,
    /// Playbook coverage ids (`SLA-2`, ...).
    #[serde(default)]
    pub coverage: Vec<String>,
    /// Defined terms this clause defines.
    #[serde(default)]
    pub defines: Vec<String>,
    /// Tera expression; the clause is included only when it is true.
    #[serde(default)]
    pub when: Option<String>,
    /// Negotiator notes per stance. Never printed in a draft.
    #[serde(default)]
    pub notes: BTreeMap<Stance, String>,
    /// The clause's parameters by name (`[params.review_days]`: type, description and a
    /// default per position), which a deal sets under `params."<clause id>"` and the text
    /// reads as `params.review_days`.
    #[serde(default)]
    pub params: BTreeMap<String, ParamDecl>,
}

fn both_positions() -> Vec<Stance> {
    Stance::ALL.to_vec()
}

/// A section of a document template.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    /// Id that clauses name in `section`.
    pub id: String,
    /// Heading.
    pub title: String,
}

/// Front matter of a document template.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocMeta {
    /// Id, also the output file stem (`sow` → `sow.md`).
    pub id: String,
    /// Title, e.g. "Statement of Work".
    pub title: String,
    /// Short title for running headers.
    pub short_title: String,
    /// Annex letter, for annexes.
    #[serde(default)]
    pub annex: Option<String>,
    /// Sections in order.
    pub sections: Vec<SectionDef>,
    /// Annexes (template ids) attached after this document.
    #[serde(default)]
    pub attach: Vec<String>,
    /// Whether the document ends with signature blocks.
    #[serde(default)]
    pub signature: bool,
    /// Defined terms the document's preamble defines.
    #[serde(default)]
    pub defines: Vec<String>,
}

/// Where a library file came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in the binary (path relative to the repository).
    Builtin(String),
    /// From `--library DIR`.
    User(PathBuf),
}

impl Origin {
    /// A printable path.
    pub fn display(&self) -> String {
        match self {
            Origin::Builtin(p) => p.clone(),
            Origin::User(p) => p.display().to_string(),
        }
    }
}

/// A clause of the library.
#[derive(Debug, Clone)]
pub struct Clause {
    /// Front matter.
    pub meta: ClauseMeta,
    /// Where it came from.
    pub origin: Origin,
    /// Its Tera template name.
    pub template: String,
    when_template: Option<String>,
}

/// A document template.
#[derive(Debug, Clone)]
pub struct DocTemplate {
    /// Front matter.
    pub meta: DocMeta,
    /// Where it came from.
    pub origin: Origin,
    /// Its Tera template name (the preamble).
    pub template: String,
}

/// How the fields of a deal are named in the changed-terms table (`playbook.json`,
/// `terms`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermLabels {
    /// Free text; ignored.
    #[serde(default, rename = "$comment")]
    pub comment: Option<serde_json::Value>,
    /// A label per field pattern: `"support.severities[].response_minutes": "{key}
    /// response"`; `[]` stands for any element of a list, `*` for any key of a map, and
    /// `{key}` in the label for that element's key (or its number).
    pub fields: BTreeMap<String, String>,
    /// The field that names each element of a list of objects (`"support.severities":
    /// "level"`); lists not named here are numbered from 1.
    #[serde(default)]
    pub keys: BTreeMap<String, String>,
    /// Maps whose keys are names, not fields (`"positions"`).
    #[serde(default)]
    pub maps: Vec<String>,
    /// What "none" (`null`, or absent) reads as for a field: `"sla.credit_cap_pct":
    /// "uncapped"`.
    #[serde(default)]
    pub none: BTreeMap<String, String>,
    /// Each clause parameter's label (`clause id.name` → "its clause's title: what it
    /// sets"), from the clauses' front matter when the library loads.
    #[serde(skip)]
    pub params: BTreeMap<String, String>,
}

/// The playbook: defaults per stance and the words used for enum values.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Playbook {
    /// Free text; ignored.
    #[serde(default, rename = "$comment")]
    pub comment: Option<serde_json::Value>,
    /// Stance of a deal that names none.
    pub default_stance: Stance,
    /// Defaults per stance: a partial deal (everything but `schema_version` and `deal.id`).
    pub defaults: BTreeMap<Stance, serde_json::Value>,
    /// Words for enum values per kind, e.g. `labels.exclusion.force_majeure`.
    pub labels: BTreeMap<String, BTreeMap<String, String>>,
    /// Standard topics per training kind.
    pub training_topics: BTreeMap<String, Vec<String>>,
    /// The playbook's recommendations, in order (`playbook-coverage.md`). `dealdraft check`'s
    /// rules and thresholds are in `rules/*.toml`.
    pub coverage: Vec<CoverageRow>,
    /// Labels of the deal's fields in a redline's changed-terms table.
    #[serde(default)]
    pub terms: TermLabels,
}

/// One recommendation of the playbook.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverageRow {
    /// `SLA-1`.
    pub id: String,
    /// The recommendation in one line.
    pub recommendation: String,
    /// The check that reviews a deal for it, if any.
    #[serde(default)]
    pub check: Option<String>,
}

/// The loaded library: clauses, document templates, playbook and the compiled templates.
pub struct Library {
    clauses: BTreeMap<String, Clause>,
    documents: BTreeMap<String, DocTemplate>,
    playbook: Playbook,
    playbook_origin: Origin,
    /// The templates' sources, by template name.
    sources: BTreeMap<String, String>,
    /// The templates compiled and what each clause reads: by [`Library::load`], or when
    /// first needed by a library from [`Library::load_for_reading`].
    compiled: std::sync::OnceLock<Result<Compiled, Diagnostic>>,
    /// Worked out when first asked for: most commands never need it.
    digest: std::sync::OnceLock<String>,
    overlay: Option<std::path::PathBuf>,
    rule_files: Vec<(Origin, String)>,
    intake_files: Vec<(Origin, String)>,
    vendors: BTreeMap<String, vendors::VendorProfile>,
    cache: ClauseCache,
}

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Library")
            .field("clauses", &self.clauses.keys().collect::<Vec<_>>())
            .field("documents", &self.documents.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// A library's templates, compiled.
struct Compiled {
    tera: tera::Tera,
    /// Per clause id: the context paths its template and `when` read, sorted (see
    /// [`cache`]); a clause whose reads cannot be known is not here, and its renders are not
    /// kept.
    reads: HashMap<String, Vec<Vec<String>>>,
}

impl Compiled {
    fn build(
        sources: &BTreeMap<String, String>,
        clauses: &BTreeMap<String, Clause>,
        documents: &BTreeMap<String, DocTemplate>,
        playbook: Option<&Playbook>,
    ) -> Result<Compiled, Diagnostic> {
        let mut ids: BTreeSet<String> = clauses.keys().cloned().collect();
        ids.extend(documents.keys().cloned());
        let tera =
            tera_env::build(sources, ids, playbook).map_err(|e| tera_env::template_error(&e))?;
        // What each clause reads, where that can be known: not if a template names Tera's
        // own context (`__tera_context`), whose variables Tera does not list, nor if the
        // library defines components, whose bodies Tera does not follow (see `cache`).
        let followable = tera.get_component_names().next().is_none()
            && !sources.values().any(|s| s.contains("__tera"));
        let reads = if followable {
            clauses
                .values()
                .filter_map(|c| template_reads(&tera, sources, c).map(|r| (c.meta.id.clone(), r)))
                .collect()
        } else {
            HashMap::new()
        };
        Ok(Compiled { tera, reads })
    }
}

struct RawFile {
    origin: Origin,
    text: String,
}

impl Library {
    /// The built-in library only.
    pub fn builtin() -> Result<Library, Diagnostics> {
        Library::load(None)
    }

    /// The built-in library with `overlay` (a `--library DIR`) laid over it by id, its
    /// templates compiled: every problem of the library is reported here.
    pub fn load(overlay: Option<&Path>) -> Result<Library, Diagnostics> {
        Library::load_with(overlay, true)
    }

    /// [`Library::load`] for a command that reads the library but renders nothing
    /// (`intake`, `check --paper`): the templates are compiled only if something renders,
    /// and a template error is then reported by that render.
    pub fn load_for_reading(overlay: Option<&Path>) -> Result<Library, Diagnostics> {
        Library::load_with(overlay, false)
    }

    fn load_with(overlay: Option<&Path>, compile: bool) -> Result<Library, Diagnostics> {
        let mut problems = Diagnostics::new();
        let files = Files::collect(overlay, &mut problems);
        let (playbook, playbook_origin) = load_playbook(&files.playbook, &mut problems);
        let mut sources: BTreeMap<String, String> = BTreeMap::new();
        let clauses = load_clauses(files.clauses, &mut sources, &mut problems);
        let documents = load_documents(files.documents, &mut sources, &mut problems);
        check_structure(&clauses, &documents, &mut problems);
        check_params(&clauses, &mut problems);
        let vendor_files: Vec<(Origin, String)> = files
            .vendors
            .into_iter()
            .map(|f| (f.origin, f.text))
            .collect();
        let vendors = vendors::load(
            &vendor_files,
            crate::deal::schema::deal_schema(),
            &mut problems,
        );

        let compiled = std::sync::OnceLock::new();
        if compile {
            match Compiled::build(&sources, &clauses, &documents, playbook.as_ref()) {
                Ok(c) => {
                    let _ = compiled.set(Ok(c));
                }
                Err(e) => problems.push(e),
            }
        }
        match playbook {
            Some(mut playbook) if !problems.has_errors() => {
                label_params(&mut playbook, &clauses);
                Ok(Library {
                    clauses,
                    documents,
                    playbook,
                    playbook_origin,
                    sources,
                    compiled,
                    digest: std::sync::OnceLock::new(),
                    overlay: overlay.map(Path::to_path_buf),
                    rule_files: files
                        .rules
                        .into_iter()
                        .map(|f| (f.origin, f.text))
                        .collect(),
                    intake_files: files
                        .intake
                        .into_iter()
                        .map(|f| (f.origin, f.text))
                        .collect(),
                    vendors,
                    cache: ClauseCache::default(),
                })
            }
            _ => Err(problems),
        }
    }

    /// The compiled templates (compiled now if the library was loaded for reading).
    fn compiled(&self) -> Result<&Compiled, &Diagnostic> {
        self.compiled
            .get_or_init(|| {
                Compiled::build(
                    &self.sources,
                    &self.clauses,
                    &self.documents,
                    Some(&self.playbook),
                )
            })
            .as_ref()
    }

    /// The context paths a clause reads (`["support", "hours"]`), if they can be known.
    pub fn reads(&self, clause: &Clause) -> Option<&[Vec<String>]> {
        self.compiled()
            .ok()?
            .reads
            .get(&clause.meta.id)
            .map(Vec::as_slice)
    }

    /// All clauses, by id.
    pub fn clauses(&self) -> impl Iterator<Item = &Clause> {
        self.clauses.values()
    }

    /// One clause.
    pub fn clause(&self, id: &str) -> Option<&Clause> {
        self.clauses.get(id)
    }

    /// SHA-256 (hex) of everything the library was built from: dealdraft's version, every
    /// embedded file (clauses, playbook, templates, the Typst style) and every overlay
    /// file, by path relative to its root, in sorted order. Equal digests, equal
    /// library: `batch --changed-only` relies on it.
    pub fn digest(&self) -> &str {
        self.digest.get_or_init(|| digest(self.overlay.as_deref()))
    }

    /// All document templates, by id.
    pub fn documents(&self) -> impl Iterator<Item = &DocTemplate> {
        self.documents.values()
    }

    /// One document template.
    pub fn document(&self, id: &str) -> Option<&DocTemplate> {
        self.documents.get(id)
    }

    /// The rules files of `dealdraft check` (`rules/*.toml`): built-in ones first, then the
    /// overlay's, each in path order. [`crate::check::rules::RuleSet::load`] reads them.
    pub fn rule_files(&self) -> &[(Origin, String)] {
        &self.rule_files
    }

    /// The intake files (`intake/*.toml`: how the vendor's paper is read as deal terms),
    /// built-in first, then the overlay's, each with its text.
    pub fn intake_files(&self) -> &[(Origin, String)] {
        &self.intake_files
    }

    /// The playbook.
    pub fn playbook(&self) -> &Playbook {
        &self.playbook
    }

    /// Where the playbook came from (for messages).
    pub fn playbook_origin(&self) -> &Origin {
        &self.playbook_origin
    }

    /// The vendor profiles (`vendors/*.toml`), by id.
    pub fn vendor_profiles(&self) -> impl Iterator<Item = &vendors::VendorProfile> {
        self.vendors.values()
    }

    /// The vendor profile a deal names.
    pub fn vendor_profile(&self, id: &str) -> Option<&vendors::VendorProfile> {
        self.vendors.get(id)
    }

    /// What deal validation needs to know of the library.
    pub fn known(&self) -> Known {
        Known {
            clause_positions: self
                .clauses
                .values()
                .map(|c| (c.meta.id.clone(), c.meta.positions.clone()))
                .collect(),
            clause_params: self.params(),
            vendor_profiles: self.vendors.keys().cloned().collect(),
        }
    }

    /// [`Library::deal_schema`] as the file `dealdraft schema` prints and `init` writes.
    pub fn deal_schema_text(&self) -> String {
        let mut s = serde_json::to_string_pretty(&self.deal_schema()).expect("schema serialises");
        s.push('\n');
        s
    }

    /// The deal format's JSON Schema with this library's clause parameters
    /// ([`crate::deal::schema::library_schema`]).
    pub fn deal_schema(&self) -> serde_json::Value {
        let titles = self
            .clauses
            .values()
            .map(|c| (c.meta.id.clone(), c.meta.title.clone()))
            .collect();
        crate::deal::schema::library_schema(&self.params(), &titles)
    }

    /// Every clause's parameters, by clause id (clauses without any left out).
    pub fn params(&self) -> ParamTable {
        self.clauses
            .values()
            .filter(|c| !c.meta.params.is_empty())
            .map(|c| (c.meta.id.clone(), c.meta.params.clone()))
            .collect()
    }

    /// Clauses of one section of one document, in order.
    pub fn section_clauses(&self, document: &str, section: &str) -> Vec<&Clause> {
        let mut v: Vec<&Clause> = self
            .clauses
            .values()
            .filter(|c| c.meta.document == document && c.meta.section == section)
            .collect();
        v.sort_by(|a, b| (a.meta.order, &a.meta.id).cmp(&(b.meta.order, &b.meta.id)));
        v
    }

    /// Renders a template (clause body or document preamble) to Markdown: at most
    /// [`limits::MAX_CLAUSE_BYTES`], in at most [`limits::TEMPLATE_TIME`].
    pub fn render(&self, template: &str, ctx: &tera::Context) -> Result<String, Diagnostic> {
        let _watch = limits::watch(
            format!("the template {}", template.trim_end_matches(" (when)")),
            limits::template_time(),
        );
        let mut out = limits::Capped::new(limits::MAX_CLAUSE_BYTES);
        let tera = &self.compiled().map_err(Clone::clone)?.tera;
        match tera.render_to(template, ctx, &mut out) {
            Ok(()) => String::from_utf8(out.bytes)
                .map_err(|_| Diagnostic::error("template error: the output is not UTF-8")),
            Err(_) if out.over => Err(Diagnostic::error(format!(
                "template error: the template renders more than {} bytes; refused",
                limits::MAX_CLAUSE_BYTES
            ))
            .in_file(template.trim_end_matches(" (when)"))
            .help("a clause is a few paragraphs: look for a loop that prints without end")),
            Err(e) => Err(tera_env::template_error(&e)),
        }
    }

    /// Clause renders kept between documents.
    pub fn clause_cache(&self) -> &ClauseCache {
        &self.cache
    }

    /// Whether a clause applies to the deal in `ctx` (its `when` expression).
    pub fn applies(&self, clause: &Clause, ctx: &tera::Context) -> Result<bool, Diagnostic> {
        match &clause.when_template {
            None => Ok(true),
            Some(t) => self
                .render(t, ctx)
                .map(|s| s == "true")
                .map_err(|e| e.help("in the clause's `when` expression")),
        }
    }
}

/// The context paths a clause's templates (body and `when`) read (see [`cache`]).
fn template_reads(
    tera: &tera::Tera,
    sources: &BTreeMap<String, String>,
    clause: &Clause,
) -> Option<Vec<Vec<String>>> {
    let mut reads = Vec::new();
    for t in std::iter::once(&clause.template).chain(&clause.when_template) {
        let mut vars: Vec<String> = tera
            .get_template_variables(t)
            .ok()?
            .into_iter()
            .map(String::from)
            .collect();
        vars.sort();
        reads.extend(cache::read_paths(sources.get(t)?, &vars));
    }
    Some(cache::covering(reads))
}

fn digest(overlay: Option<&Path>) -> String {
    use sha2::{Digest, Sha256};
    fn walk(d: &'static Dir<'static>, out: &mut Vec<&'static include_dir::File<'static>>) {
        out.extend(d.files());
        for sub in d.dirs() {
            walk(sub, out);
        }
    }
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (prefix, dir) in [
        ("clause-library", &BUILTIN_CLAUSES),
        ("templates", &BUILTIN_TEMPLATES),
    ] {
        let mut found = Vec::new();
        walk(dir, &mut found);
        for f in found {
            let path = f.path().to_string_lossy().replace('\\', "/");
            files.push((format!("builtin/{prefix}/{path}"), f.contents().to_vec()));
        }
    }
    if let Some(dir) = overlay {
        for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let rel = rel.to_string_lossy().replace('\\', "/");
            // Unreadable files fail Library::load itself; hash what can be read.
            let bytes = std::fs::read(entry.path()).unwrap_or_default();
            files.push((format!("overlay/{rel}"), bytes));
        }
    }
    files.sort();
    let mut h = Sha256::new();
    h.update(format!("dealdraft {}\n", env!("CARGO_PKG_VERSION")));
    for (name, bytes) in &files {
        h.update((name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    crate::output::hex(&h.finalize())
}

/// The library's files, built-in then the overlay's, by kind.
struct Files {
    clauses: Vec<RawFile>,
    documents: Vec<RawFile>,
    playbook: Vec<RawFile>,
    rules: Vec<RawFile>,
    intake: Vec<RawFile>,
    vendors: Vec<RawFile>,
}

impl Files {
    fn collect(overlay: Option<&Path>, problems: &mut Diagnostics) -> Files {
        let mut f = Files {
            clauses: Vec::new(),
            documents: Vec::new(),
            playbook: Vec::new(),
            rules: Vec::new(),
            intake: Vec::new(),
            vendors: Vec::new(),
        };
        collect_builtin(
            &BUILTIN_CLAUSES,
            "clause-library",
            &mut f.clauses,
            &mut f.playbook,
            (&mut f.rules, &mut f.intake, &mut f.vendors),
        );
        collect_builtin(
            &BUILTIN_TEMPLATES,
            "templates",
            &mut f.documents,
            &mut Vec::new(),
            (&mut Vec::new(), &mut Vec::new(), &mut Vec::new()),
        );
        if let Some(dir) = overlay {
            collect_overlay(
                dir,
                &mut f.clauses,
                &mut f.documents,
                &mut f.playbook,
                (&mut f.rules, &mut f.intake, &mut f.vendors),
                problems,
            );
        }
        f
    }
}

/// The playbook: built-in, then the overlay's as a JSON Merge Patch; and the file the
/// last change came from (for messages).
fn load_playbook(files: &[RawFile], problems: &mut Diagnostics) -> (Option<Playbook>, Origin) {
    let mut playbook_json = serde_json::Value::Null;
    let mut origin = Origin::Builtin("clause-library/playbook.json".into());
    for f in files {
        match serde_json::from_str::<serde_json::Value>(&f.text) {
            Ok(v) if playbook_json.is_null() => playbook_json = v,
            Ok(v) => {
                json_patch::merge(&mut playbook_json, &v);
                origin = f.origin.clone();
            }
            Err(e) => problems.push(
                Diagnostic::error(format!("invalid JSON: {e}"))
                    .in_file(f.origin.display())
                    .line_col(e.line(), e.column()),
            ),
        }
    }
    let playbook = match serde_path_to_error::deserialize(&playbook_json) {
        Ok(p) => Some(p),
        Err(e) => {
            problems.push(
                Diagnostic::error(format!("invalid playbook: {}", e.inner()))
                    .in_file(origin.display())
                    .at(JsonPath::parse(&e.path().to_string())),
            );
            None
        }
    };
    (playbook, origin)
}

/// The clauses by id (an overlay's replacing the built-in one of its id), their templates'
/// sources added to `sources`.
fn load_clauses(
    files: Vec<RawFile>,
    sources: &mut BTreeMap<String, String>,
    problems: &mut Diagnostics,
) -> BTreeMap<String, Clause> {
    let mut clauses: BTreeMap<String, Clause> = BTreeMap::new();
    for f in files {
        let Some((meta, body)) = parse_front_matter::<ClauseMeta>(&f, problems) else {
            continue;
        };
        let template = format!("{}.md", f.origin.display().trim_end_matches(".md"));
        if let Some(prev) = clauses.get(&meta.id)
            && matches!(
                (&prev.origin, &f.origin),
                (Origin::User(_), Origin::User(_))
            )
        {
            problems.push(
                Diagnostic::error(format!(
                    "clause id \"{}\" is also used by {}",
                    meta.id,
                    prev.origin.display()
                ))
                .in_file(f.origin.display())
                .help("each clause id once per library"),
            );
            continue;
        }
        if let Some(prev) = clauses.remove(&meta.id) {
            sources.remove(&prev.template);
            if let Some(w) = prev.when_template {
                sources.remove(&w);
            }
        }
        let when_template = meta.when.as_ref().map(|expr| {
            let name = format!("{template} (when)");
            sources.insert(name.clone(), format!("{{% if {expr} %}}true{{% endif %}}"));
            name
        });
        // Our own clauses mark every print of a deal field with its field (a user's are
        // left as written, so that a message about them points where they wrote).
        let body = match &f.origin {
            Origin::Builtin(_) => tera_env::mark_fields(&body, &meta.id),
            Origin::User(_) => body,
        };
        sources.insert(template.clone(), body);
        clauses.insert(
            meta.id.clone(),
            Clause {
                meta,
                origin: f.origin,
                template,
                when_template,
            },
        );
    }
    clauses
}

/// The document templates by id, their sources added to `sources`.
fn load_documents(
    files: Vec<RawFile>,
    sources: &mut BTreeMap<String, String>,
    problems: &mut Diagnostics,
) -> BTreeMap<String, DocTemplate> {
    let mut documents: BTreeMap<String, DocTemplate> = BTreeMap::new();
    for f in files {
        let Some((meta, body)) = parse_front_matter::<DocMeta>(&f, problems) else {
            continue;
        };
        let template = format!("{}.md", f.origin.display().trim_end_matches(".md"));
        if let Some(prev) = documents.remove(&meta.id) {
            sources.remove(&prev.template);
        }
        sources.insert(template.clone(), body);
        documents.insert(
            meta.id.clone(),
            DocTemplate {
                meta,
                origin: f.origin,
                template,
            },
        );
    }
    documents
}

/// Every clause parameter's declaration is sound.
fn check_params(clauses: &BTreeMap<String, Clause>, problems: &mut Diagnostics) {
    for c in clauses.values() {
        for (name, decl) in &c.meta.params {
            for p in decl.problems(name) {
                problems.push(
                    Diagnostic::error(format!("clause \"{}\": {p}", c.meta.id))
                        .in_file(c.origin.display()),
                );
            }
        }
    }
}

/// A clause parameter's label in the changed-terms table: its clause and what it sets.
fn label_params(playbook: &mut Playbook, clauses: &BTreeMap<String, Clause>) {
    for c in clauses.values() {
        for (name, d) in &c.meta.params {
            playbook.terms.params.insert(
                format!("{}.{name}", c.meta.id),
                format!("{}: {}", c.meta.title, d.description.trim_end_matches('.')),
            );
        }
    }
}

fn collect_builtin(
    dir: &'static Dir<'static>,
    prefix: &str,
    md: &mut Vec<RawFile>,
    json: &mut Vec<RawFile>,
    (rules, intake, vendors): (&mut Vec<RawFile>, &mut Vec<RawFile>, &mut Vec<RawFile>),
) {
    let mut files = Vec::new();
    fn walk(d: &'static Dir<'static>, out: &mut Vec<&'static include_dir::File<'static>>) {
        for f in d.files() {
            out.push(f);
        }
        for sub in d.dirs() {
            walk(sub, out);
        }
    }
    walk(dir, &mut files);
    files.sort_by_key(|f| f.path());
    for f in files {
        let path = format!("{prefix}/{}", f.path().display());
        let Some(text) = f.contents_utf8() else {
            continue;
        };
        let raw = RawFile {
            origin: Origin::Builtin(path.clone()),
            text: text.to_string(),
        };
        if path.ends_with(".md") && !path.ends_with("README.md") {
            md.push(raw);
        } else if path.ends_with("playbook.json") {
            json.push(raw);
        } else if path.starts_with(&format!("{prefix}/rules/")) && path.ends_with(".toml") {
            rules.push(raw);
        } else if path.starts_with(&format!("{prefix}/intake/")) && path.ends_with(".toml") {
            intake.push(raw);
        } else if path.starts_with(&format!("{prefix}/vendors/")) && path.ends_with(".toml") {
            vendors.push(raw);
        }
    }
}

fn collect_overlay(
    dir: &Path,
    clauses: &mut Vec<RawFile>,
    docs: &mut Vec<RawFile>,
    playbooks: &mut Vec<RawFile>,
    (rules, intake, vendors): (&mut Vec<RawFile>, &mut Vec<RawFile>, &mut Vec<RawFile>),
    problems: &mut Diagnostics,
) {
    if !dir.is_dir() {
        problems.push(Diagnostic::error("the --library directory does not exist").in_file(dir));
        return;
    }
    let templates_dir = dir.join("templates");
    let rules_dir = dir.join("rules");
    let intake_dir = dir.join("intake");
    let vendors_dir = dir.join("vendors");
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems
                    .push(Diagnostic::error(format!("cannot read the library: {e}")).in_file(dir));
                continue;
            }
        };
        let path = entry.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if !entry.file_type().is_file() || name == "README.md" {
            continue;
        }
        let is_md = name.ends_with(".md");
        let is_rules = name.ends_with(".toml") && path.starts_with(&rules_dir);
        let is_intake = name.ends_with(".toml") && path.starts_with(&intake_dir);
        let is_vendor = name.ends_with(".toml") && path.starts_with(&vendors_dir);
        if !is_md && !is_rules && !is_intake && !is_vendor && name != "playbook.json" {
            continue;
        }
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                problems.push(Diagnostic::error(format!("cannot read: {e}")).in_file(path));
                continue;
            }
        };
        let raw = RawFile {
            origin: Origin::User(path.to_path_buf()),
            text,
        };
        if is_rules {
            rules.push(raw);
        } else if is_vendor {
            vendors.push(raw);
        } else if is_intake {
            intake.push(raw);
        } else if !is_md {
            playbooks.push(raw);
        } else if path.starts_with(&templates_dir) {
            docs.push(raw);
        } else {
            clauses.push(raw);
        }
    }
}

/// Splits `+++` TOML front matter from the body. The body keeps blank lines in place of the
/// front matter, so template errors report the line numbers of the file.
fn parse_front_matter<T: serde::de::DeserializeOwned>(
    f: &RawFile,
    problems: &mut Diagnostics,
) -> Option<(T, String)> {
    let file = f.origin.display();
    let text = f.text.replace("\r\n", "\n");
    let Some(rest) = text.strip_prefix("+++\n") else {
        problems.push(
            Diagnostic::error("missing front matter")
                .in_file(&file)
                .line_col(1, 1)
                .help("start the file with a `+++` line, TOML fields, and another `+++` line"),
        );
        return None;
    };
    let Some(end) = rest
        .find("\n+++\n")
        .map(|i| i + 1)
        .or_else(|| rest.ends_with("\n+++").then(|| rest.len() - 3))
    else {
        problems.push(
            Diagnostic::error("front matter is not closed")
                .in_file(&file)
                .help("end it with a `+++` line"),
        );
        return None;
    };
    let fm = &rest[..end];
    let body_start = (end + 4).min(rest.len());
    let body = &rest[body_start..];
    match toml::from_str::<T>(fm) {
        Ok(meta) => {
            let lines_before = text[..4 + body_start].matches('\n').count();
            Some((meta, format!("{}{body}", "\n".repeat(lines_before))))
        }
        Err(e) => {
            let mut d =
                Diagnostic::error(format!("invalid front matter: {}", e.message())).in_file(&file);
            if let Some(span) = e.span() {
                let before = &fm[..span.start.min(fm.len())];
                let line = before.matches('\n').count() + 2;
                let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                d = d.line_col(line, col);
            }
            problems.push(d);
            None
        }
    }
}

fn check_structure(
    clauses: &BTreeMap<String, Clause>,
    documents: &BTreeMap<String, DocTemplate>,
    problems: &mut Diagnostics,
) {
    for c in clauses.values() {
        let file = c.origin.display();
        match documents.get(&c.meta.document) {
            None => problems.push(
                Diagnostic::error(format!(
                    "clause \"{}\" names an unknown document \"{}\"",
                    c.meta.id, c.meta.document
                ))
                .in_file(&file)
                .help(format!(
                    "documents: {}",
                    documents.keys().cloned().collect::<Vec<_>>().join(", ")
                )),
            ),
            Some(d) if !d.meta.sections.iter().any(|s| s.id == c.meta.section) => problems.push(
                Diagnostic::error(format!(
                    "clause \"{}\" names an unknown section \"{}\" of \"{}\"",
                    c.meta.id, c.meta.section, d.meta.id
                ))
                .in_file(&file)
                .help(format!(
                    "sections: {}",
                    d.meta
                        .sections
                        .iter()
                        .map(|s| s.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            ),
            Some(_) => {}
        }
    }
    for d in documents.values() {
        for a in &d.meta.attach {
            match documents.get(a) {
                None => problems.push(
                    Diagnostic::error(format!(
                        "document \"{}\" attaches an unknown document \"{a}\"",
                        d.meta.id
                    ))
                    .in_file(d.origin.display()),
                ),
                Some(annex) if annex.meta.annex.is_none() => problems.push(
                    Diagnostic::error(format!(
                        "document \"{}\" attaches \"{a}\", which has no annex letter",
                        d.meta.id
                    ))
                    .in_file(d.origin.display()),
                ),
                Some(_) => {}
            }
        }
    }
}
