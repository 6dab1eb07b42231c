//! Redlines: our draft marked against a baseline — another deal (the vendor's position,
//! the last signed deal), the playbook's defaults for a stance, or the vendor's own paper.
//!
//! Both sides are documents of the one [`model`](crate::model); the redline is a document
//! too, with [`Inline::Ins`](crate::model::Inline::Ins) / `Del` marks, blocks and table rows
//! inserted or deleted whole, and clauses and sections marked on their headings, so the
//! Markdown, Typst and Word writers print it like any other.
//!
//! 1. **Clauses align by id** against a deal (a clause that stands elsewhere is shown once,
//!    where it now stands); against paper, by heading number and text, then by how alike
//!    their text is ([`paper`]).
//! 2. **Blocks** of two aligned clauses align by kind and likeness, list items by likeness,
//!    table rows by their first cell ([`align`]).
//! 3. **Words** of two aligned paragraphs or cells are compared and made readable
//!    ([`words`]).
//!
//! Baseline content with no counterpart is deleted where it stood.

pub mod align;
mod compare;
pub(crate) mod own;
pub mod paper;
pub mod terms;
pub mod word_diff;

use std::collections::HashSet;
use std::path::Path;

use serde_json::Value;

use crate::deal::model::Stance;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Clause, Document, Redline, RedlineCounts};
use crate::paper::Paper;
use crate::{Format, Library, Rendered, Resolved, assemble};
pub use compare::compare;

/// What a draft is marked against.
#[derive(Debug, Clone)]
pub enum Baseline {
    /// Another deal, or the deal at the playbook's defaults, rendered through the same
    /// library.
    Deal(Box<Resolved>),
    /// The vendor's own paper.
    Paper(Paper),
}

/// A baseline and how the redline names it.
#[derive(Debug, Clone)]
pub struct Against {
    /// The baseline.
    pub baseline: Baseline,
    /// "vendor-position.json", "the playbook's preferred positions", ...
    pub name: String,
}

impl Against {
    /// Reads `--against`: `playbook:preferred`, `playbook:fallback`, a deal file
    /// (`.json`) or the vendor's paper (`.md`, `.txt`, `.docx`).
    pub fn load(spec: &str, ours: &Resolved, library: &Library) -> Result<Against, Diagnostics> {
        if let Some(name) = spec.strip_prefix("playbook:") {
            let Some(stance) = Stance::ALL.into_iter().find(|s| s.as_str() == name) else {
                return Err(Diagnostic::error(format!("no playbook stance \"{name}\""))
                    .help("use playbook:preferred or playbook:fallback")
                    .into());
            };
            return Ok(Against {
                baseline: Baseline::Deal(Box::new(playbook_deal(ours, stance, library)?)),
                name: format!("the playbook's {} positions", stance.as_str()),
            });
        }
        let path = Path::new(spec);
        let name = path
            .file_name()
            .map_or_else(|| spec.to_string(), |f| f.to_string_lossy().into_owned());
        let is_deal = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let baseline = if is_deal {
            Baseline::Deal(Box::new(crate::load_deal(path, library)?))
        } else if crate::paper::Kind::of(path).is_some() {
            Baseline::Paper(Paper::read(path)?)
        } else {
            return Err(Diagnostic::error(format!("cannot redline against \"{spec}\""))
                .help(
                    "--against takes a deal file (.json), the vendor's paper (.md, .txt, .docx), \
                     playbook:preferred or playbook:fallback",
                )
                .into());
        };
        Ok(Against { baseline, name })
    }
}

/// The deal with every field the playbook has a default for at that stance's default (and
/// no per-clause positions): what the deal would say had nothing been negotiated.
pub fn playbook_deal(
    ours: &Resolved,
    stance: Stance,
    library: &Library,
) -> Result<Resolved, Diagnostics> {
    let mut raw = ours.raw.clone();
    if let Some(defaults) = library.playbook().defaults.get(&stance) {
        strip(&mut raw, defaults);
    }
    if let Some(o) = raw.as_object_mut() {
        o.remove("positions");
    }
    if let Some(deal) = raw.get_mut("deal").and_then(Value::as_object_mut) {
        deal.insert("stance".into(), Value::String(stance.as_str().into()));
    }
    let text = serde_json::to_string_pretty(&raw).unwrap_or_default();
    let name = format!("playbook:{}", stance.as_str());
    let source = crate::deal::Source::parse(&name, text).map_err(Diagnostics::from)?;
    crate::resolve::resolve(&source, library)
}

/// Removes from `target` every field `defaults` sets: a section (`sla`, `support`, ...)
/// field by field, and within a section an object the defaults set whole (the default
/// object as a whole: a part of one, such as a maintenance window left without the limit
/// and notice beside it, would not be a valid deal).
fn strip(target: &mut Value, defaults: &Value) {
    strip_at(target, defaults, 0);
}

fn strip_at(target: &mut Value, defaults: &Value, depth: usize) {
    let (Some(t), Some(d)) = (target.as_object_mut(), defaults.as_object()) else {
        return;
    };
    for (k, dv) in d {
        match t.get_mut(k) {
            Some(tv) if tv.is_object() && dv.is_object() && depth == 0 => {
                strip_at(tv, dv, depth + 1);
                // Nothing of the user's left: the default section as a whole.
                if tv.as_object().is_some_and(|o| o.is_empty()) {
                    t.remove(k);
                }
            }
            Some(_) => {
                t.remove(k);
            }
            None => {}
        }
    }
}

/// How to redline.
#[derive(Debug, Clone)]
pub struct Options {
    /// Document ids; empty = the main document; `["all"]` = every document.
    pub documents: Vec<String>,
    /// Formats (Markdown, PDF, Word, HTML); empty = Markdown.
    pub formats: Vec<Format>,
    /// Author of the tracked changes.
    pub author: String,
    /// Assembly options.
    pub assemble: assemble::Options,
}

/// The redline of each chosen document, as `<document>.redline.<ext>` files.
/// The formats a redline is written in: Markdown, PDF, Word and HTML (a Typst project has
/// no way to show changes).
pub fn check_formats(formats: &[crate::Format]) -> Result<(), Diagnostic> {
    if formats.contains(&crate::Format::Typst) {
        return Err(
            Diagnostic::error("a redline is written as md, pdf, docx or html")
                .help("--format md,pdf,docx,html"),
        );
    }
    Ok(())
}

pub fn redline(
    ours: &Resolved,
    library: &Library,
    against: &Against,
    opts: &Options,
) -> Result<Rendered, Diagnostics> {
    check_formats(&opts.formats)?;
    let main = crate::assemble::MAIN_DOCUMENT;
    // Our own draft read back (perhaps edited): compared as our document.
    if let Baseline::Paper(p) = &against.baseline
        && let Some(kind) = crate::paper::Kind::of(Path::new(&p.name))
    {
        let set = assemble::assemble(ours, library, main, opts.assemble)?;
        let (docs, problems) = set.chosen(&opts.documents);
        let owns: Option<Vec<(Document, Vec<usize>)>> =
            docs.iter().map(|d| own::baseline(d, p, kind)).collect();
        if let Some(owns) = owns {
            return own_redline(
                ours, library, against, opts, &set, &docs, owns, problems, kind,
            );
        }
    }
    // Against the vendor's paper: its terms read, and where the vendor gives more than
    // our deal asks, its term kept (a redline never silently lowers the vendor's offer).
    let read = match &against.baseline {
        Baseline::Paper(p) => Some(read_paper(p, library)?),
        Baseline::Deal(_) => None,
    };
    let (kept_deal, mut notes) = match &read {
        Some(r) => keep_better(ours, &r.intake, &r.terms, library),
        None => (None, Vec::new()),
    };
    let ours = kept_deal.as_ref().unwrap_or(ours);
    let set = assemble::assemble(ours, library, main, opts.assemble)?;
    // The baseline: its document set and the changed terms (a deal), or the paper.
    enum Theirs<'a> {
        Deal(Box<assemble::Assembly>),
        Paper(&'a Paper),
    }
    let to_json = |r: &Resolved| serde_json::to_value(&r.deal).unwrap_or(Value::Null);
    let (theirs, terms) = match (&against.baseline, &read) {
        (Baseline::Deal(d), _) => {
            let terms =
                terms::changed_terms(&to_json(d), &to_json(ours), &library.playbook().terms);
            let set = assemble::assemble(d, library, main, opts.assemble)?;
            (Theirs::Deal(Box::new(set)), terms)
        }
        (Baseline::Paper(p), Some(r)) => {
            // Their terms as the paper states them, in the areas it addresses.
            let terms = match &r.deal {
                Some(d) => {
                    terms::changed_terms(&to_json(d), &to_json(ours), &library.playbook().terms)
                        .into_iter()
                        .filter(|t| {
                            r.intake.addresses(crate::intake::area_of(&t.path))
                                && holds(&r.intake.deal, &t.path)
                        })
                        .collect()
                }
                None => Vec::new(),
            };
            if !r.intake.not_covered.is_empty() {
                notes.push(format!(
                    "The paper does not address {}; those terms are not compared.",
                    crate::intake::area_names(&r.intake.not_covered)
                ));
            }
            (Theirs::Paper(p), terms)
        }
        (Baseline::Paper(p), None) => (Theirs::Paper(p), Vec::new()),
    };
    let (docs, mut problems) = set.chosen(&opts.documents);
    // Each section of the paper answers to one clause of ours over every document
    // redlined, so that each document is marked against its share of the paper.
    let mut read = read;
    if let (Some(r), Theirs::Paper(p)) = (read.as_mut(), &theirs) {
        let mut all: Vec<&Clause> = Vec::new();
        for d in &docs {
            for c in d
                .parts
                .iter()
                .flat_map(|p| p.sections.iter().flat_map(|s| &s.clauses))
            {
                if !all.iter().any(|x| x.id == c.id) {
                    all.push(c);
                }
            }
        }
        let units = paper::units(p);
        r.clause_of = paper::align_units(p, &units, &all, Some(&r.subjects))
            .into_iter()
            .map(|m| m.map(|c| all[c].id.clone()))
            .collect();
    }
    let formats = Format::or_markdown(&opts.formats);
    let mut rendered = Rendered {
        warnings: set.warnings.clone(),
        ..Rendered::default()
    };
    for doc in &docs {
        let info = Redline {
            against: against.name.clone(),
            author: opts.author.clone(),
            counts: RedlineCounts::default(),
            terms: terms.clone(),
            notes: notes.clone(),
        };
        let marked = match &theirs {
            Theirs::Deal(set) => {
                // A document the baseline does not have: everything in ours is inserted.
                let theirs = set.document(&doc.id).unwrap_or_else(|| Document {
                    parts: Vec::new(),
                    ..doc.clone()
                });
                compare(doc, &theirs, info, true)
            }
            Theirs::Paper(paper) => {
                let r = read.as_ref().expect("a paper baseline is read");
                let keep = |u: usize| r.belongs(u, doc, &docs);
                compare(
                    doc,
                    &paper::as_baseline(paper, doc, Some(&r.subjects), &keep),
                    info,
                    false,
                )
            }
        };
        let stem = format!("{}.redline", doc.id);
        match crate::render::render_document(&marked, &stem, &formats, None) {
            Ok(files) => rendered.files.extend(files),
            Err(e) => problems.extend(e),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(rendered)
}

/// The redline of our documents against our own draft read back: model to model, the
/// terms changed those stated in the paragraphs that differ from ours.
#[allow(clippy::too_many_arguments)]
fn own_redline(
    ours: &Resolved,
    library: &Library,
    against: &Against,
    opts: &Options,
    set: &assemble::Assembly,
    docs: &[Document],
    owns: Vec<(Document, Vec<usize>)>,
    mut problems: Diagnostics,
    kind: crate::paper::Kind,
) -> Result<Rendered, Diagnostics> {
    let Baseline::Paper(paper) = &against.baseline else {
        unreachable!("own_redline is called for a paper")
    };
    let to_json = |r: &Resolved| serde_json::to_value(&r.deal).unwrap_or(Value::Null);
    let mine = to_json(ours);
    // Their terms: ours, with what the differing paragraphs state.
    let differs: HashSet<usize> = owns.iter().flat_map(|(_, d)| d.iter().copied()).collect();
    let mut theirs = mine.clone();
    if !differs.is_empty() {
        let terms = crate::intake::Terms::load(library)?;
        let intake = crate::intake::intake(paper, kind, &terms, library);
        // A value stated again in a paragraph they changed is theirs even where the
        // paper states ours first (intake keeps the first and reports the other).
        let stated = intake
            .found
            .iter()
            .chain(intake.dropped.iter().map(|d| &d.found));
        for f in stated.filter(|f| differs.contains(&f.para)) {
            crate::intake::set_path(&mut theirs, &f.field, f.value.clone());
        }
    }
    let terms = terms::changed_terms(&theirs, &mine, &library.playbook().terms);
    let formats = Format::or_markdown(&opts.formats);
    let mut rendered = Rendered {
        warnings: set.warnings.clone(),
        ..Rendered::default()
    };
    for (doc, (base, _)) in docs.iter().zip(&owns) {
        let info = Redline {
            against: against.name.clone(),
            author: opts.author.clone(),
            counts: RedlineCounts::default(),
            terms: terms.clone(),
            notes: Vec::new(),
        };
        let marked = compare(doc, base, info, true);
        let stem = format!("{}.redline", doc.id);
        match crate::render::render_document(&marked, &stem, &formats, None) {
            Ok(files) => rendered.files.extend(files),
            Err(e) => problems.extend(e),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(rendered)
}

/// The vendor's paper as read for a redline: its terms, its deal, what each section is
/// about, and each section's clause of ours over all our documents.
struct ReadPaper {
    intake: crate::intake::Intake,
    terms: crate::intake::Terms,
    deal: Option<Resolved>,
    subjects: paper::Subjects,
    /// Per unit of the paper: its clause of ours (by id), over all the documents
    /// redlined.
    clause_of: Vec<Option<String>>,
    /// Per unit: the document its subject belongs to when no clause answers to it.
    area_doc: Vec<Option<&'static str>>,
}

fn read_paper(p: &Paper, library: &Library) -> Result<ReadPaper, Diagnostics> {
    let kind = crate::paper::Kind::of(Path::new(&p.name)).unwrap_or(crate::paper::Kind::Text);
    let terms = crate::intake::Terms::load(library)?;
    let intake = crate::intake::intake(p, kind, &terms, library);
    let deal = intake.resolved(library);
    let subjects = paper::Subjects::new(p, &intake, library);
    let units = paper::units(p);
    let area_doc = units
        .iter()
        .map(|u| {
            let fields = u
                .body
                .iter()
                .chain(u.heading.iter())
                .flat_map(|&i| subjects.fields.get(i).into_iter().flatten());
            fields
                .map(|f| match crate::intake::area_of(f) {
                    "sla" => "sla-annex",
                    "support" => "support-annex",
                    "training" => "training-annex",
                    "data" => "data-annex",
                    "exit" => "exit-annex",
                    _ => crate::assemble::MAIN_DOCUMENT,
                })
                .next()
        })
        .collect();
    Ok(ReadPaper {
        clause_of: vec![None; units.len()],
        area_doc,
        intake,
        terms,
        deal,
        subjects,
    })
}

impl ReadPaper {
    /// Whether unit `u` of the paper belongs in the redline of `doc`: its clause of ours is
    /// in it; or no clause answers to it and its subject's document is `doc` or attached
    /// to it; or it has no subject and `doc` is the main document (or the only one).
    fn belongs(&self, u: usize, doc: &Document, docs: &[Document]) -> bool {
        if docs.len() == 1 {
            return true;
        }
        let has_clause = |d: &Document, id: &str| {
            d.parts
                .iter()
                .flat_map(|p| p.sections.iter().flat_map(|s| &s.clauses))
                .any(|c| c.id == id)
        };
        match (
            &self.clause_of.get(u).cloned().flatten(),
            self.area_doc.get(u).copied().flatten(),
        ) {
            (Some(id), _) => has_clause(doc, id),
            (None, Some(area)) => doc.id == area || doc.parts.iter().any(|p| p.id == area),
            (None, None) => doc.id == crate::assemble::MAIN_DOCUMENT,
        }
    }
}

/// Our deal with each term where the vendor's paper gives more than our deal asks (by the
/// direction the intake files give the field) taken from the paper, where the deal stays
/// valid; and a note for each. `None` when nothing is kept.
fn keep_better(
    ours: &Resolved,
    intake: &crate::intake::Intake,
    terms: &crate::intake::Terms,
    library: &Library,
) -> (Option<Resolved>, Vec<String>) {
    use crate::intake::Better;
    let our_json = serde_json::to_value(&ours.deal).unwrap_or(Value::Null);
    let mut raw = ours.raw.clone();
    let mut notes = Vec::new();
    let mut kept = None;
    for f in &intake.found {
        let Some(b) = terms.field(&f.field).better else {
            continue;
        };
        let mine = f.field.split('.').try_fold(&our_json, |v, k| v.get(k));
        let (Some(t), Some(o)) = (f.value.as_f64(), mine.and_then(Value::as_f64)) else {
            continue;
        };
        let better = match b {
            Better::Higher => t > o,
            Better::Lower => t < o,
        };
        if !better {
            continue;
        }
        let mut trial = raw.clone();
        crate::intake::set_path(&mut trial, &f.field, f.value.clone());
        let text = serde_json::to_string_pretty(&trial).unwrap_or_default();
        let resolved = crate::deal::Source::parse(&ours.source_name, text)
            .ok()
            .and_then(|src| crate::resolve::resolve(&src, library).ok());
        let label = crate::intake::report::label(library, &f.field);
        let theirs = crate::intake::report::describe(&f.field, &f.value);
        let mine = crate::intake::report::describe(&f.field, &serde_json::json!(o));
        match resolved {
            Some(r) => {
                raw = trial;
                kept = Some(r);
                notes.push(format!(
                    "{label}: the paper's {theirs} is better than our deal's {mine}, and is kept ({}).",
                    f.place
                ));
            }
            None => notes.push(format!(
                "{label}: the paper's {theirs} is better than our deal's {mine}, but our deal cannot take it as it stands: keep it when you revise the deal ({}).",
                f.place
            )),
        }
    }
    (kept, notes)
}

/// Whether a deal read from paper holds the field at a changed-terms path
/// (`support.severities[level=P1].definition`): a value the playbook filled in (a severity's
/// definition the paper does not give) is no term of the paper.
fn holds(deal: &Value, path: &str) -> bool {
    let Ok(pattern) = crate::deal::path::Pattern::parse(path) else {
        return false;
    };
    let mut found = false;
    pattern.each_value(deal, &mut |_, _| found = true);
    found
}
