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
pub(crate) mod own;
pub mod paper;
pub mod terms;
pub mod word_diff;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde_json::Value;

use crate::deal::model::Stance;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{
    Block, Clause, Document, Inline, Part, Redline, RedlineCounts, Revision, Section,
};
use crate::paper::Paper;
use crate::{Format, Library, Rendered, Resolved, assemble};
use align::{diff_blocks, diff_inlines, revised};

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
    /// Formats (Markdown, PDF, Word); empty = Markdown.
    pub formats: Vec<Format>,
    /// Author of the tracked changes.
    pub author: String,
    /// Assembly options.
    pub assemble: assemble::Options,
}

/// The redline of each chosen document, as `<document>.redline.<ext>` files.
/// The formats a redline is written in: Markdown, PDF and Word (a Typst project has no
/// way to show changes).
pub fn check_formats(formats: &[crate::Format]) -> Result<(), Diagnostic> {
    if formats.contains(&crate::Format::Typst) {
        return Err(Diagnostic::error("a redline is written as md, pdf or docx")
            .help("--format md,pdf,docx"));
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
/// (`support.severities[P1].definition`): a value the playbook filled in (a severity's
/// definition the paper does not give) is no term of the paper.
fn holds(deal: &Value, path: &str) -> bool {
    let bare = crate::intake::bare_path(path);
    let mut nodes = vec![deal];
    for key in bare.split('.') {
        let mut next = Vec::new();
        for n in nodes {
            match n {
                Value::Array(items) => next.extend(items.iter().filter_map(|i| i.get(key))),
                other => next.extend(other.get(key)),
            }
        }
        if next.is_empty() {
            return false;
        }
        nodes = next;
    }
    true
}

/// A clause of the baseline, where it stands.
#[derive(Debug, Clone, Copy)]
struct At {
    part: usize,
    section: usize,
    clause: usize,
}

/// Our document marked against the baseline document `theirs`; clauses answer to each
/// other by id. `structural`: parts and sections also answer by id (a baseline rendered
/// from a deal). Otherwise (the vendor's paper) only clauses are compared, and whatever is
/// ours alone is inserted — the title block, part and section headings, part intros,
/// signatures, a clause heading the paper words differently — and a clause that stands
/// out of the paper's order is deleted where the paper has it and inserted where ours
/// stands: rejecting every change gives the paper's text, in its order.
pub fn compare(ours: &Document, theirs: &Document, redline: Redline, structural: bool) -> Document {
    let mut counts = RedlineCounts::default();
    let their_at: HashMap<&str, At> = theirs
        .parts
        .iter()
        .enumerate()
        .flat_map(|(p, part)| {
            part.sections.iter().enumerate().flat_map(move |(s, sec)| {
                sec.clauses.iter().enumerate().map(move |(c, cl)| {
                    (
                        cl.id.as_str(),
                        At {
                            part: p,
                            section: s,
                            clause: c,
                        },
                    )
                })
            })
        })
        .collect();
    let our_ids: HashSet<&str> = ours
        .parts
        .iter()
        .flat_map(|p| p.sections.iter().flat_map(|s| &s.clauses))
        .map(|c| c.id.as_str())
        .collect();
    let moved = moved_clauses(ours, theirs);
    let their_clause = |at: &At| &theirs.parts[at.part].sections[at.section].clauses[at.clause];

    // Our document, each clause compared with its counterpart.
    let mut parts: Vec<Part> = Vec::new();
    for p in &ours.parts {
        let their_part = theirs.parts.iter().find(|t| t.id == p.id);
        // Against paper, every part of ours is new: the paper has none of our structure.
        let part_new = !structural || their_part.is_none();
        let mut changed = false;
        let intro = match their_part {
            Some(t) => diff_blocks(&t.intro, &p.intro, &mut changed),
            None if part_new && !p.intro.is_empty() => {
                vec![revised(Revision::Inserted, p.intro.clone())]
            }
            None => p.intro.clone(),
        };
        let sections = p
            .sections
            .iter()
            .map(|s| {
                let sec_new = !structural
                    || !their_part.is_some_and(|t| t.sections.iter().any(|ts| ts.id == s.id));
                let clauses = s
                    .clauses
                    .iter()
                    .map(|c| match their_at.get(c.id.as_str()) {
                        // Against paper, a clause out of the paper's order is inserted
                        // here and the paper's text deleted where it stood.
                        Some(_) if !structural && moved.contains(c.id.as_str()) => {
                            counts.moved += 1;
                            whole_clause(c, Revision::Inserted)
                        }
                        Some(at) => {
                            let theirs = their_clause(at);
                            let mut changed = false;
                            let blocks = diff_blocks(&theirs.blocks, &c.blocks, &mut changed);
                            let title_was = (!structural && !same_words(&theirs.title, &c.title))
                                .then(|| theirs.title.clone());
                            if moved.contains(c.id.as_str()) {
                                counts.moved += 1;
                            } else if changed || title_was.is_some() {
                                counts.changed += 1;
                            } else {
                                counts.unchanged += 1;
                            }
                            Clause {
                                blocks,
                                title_was,
                                ..c.clone()
                            }
                        }
                        None => {
                            counts.inserted += 1;
                            whole_clause(c, Revision::Inserted)
                        }
                    })
                    .collect();
                Section {
                    clauses,
                    revision: sec_new.then_some(Revision::Inserted),
                    ..s.clone()
                }
            })
            .collect();
        let signature = match (their_part.and_then(|t| t.signature.as_ref()), &p.signature) {
            (Some(t), Some(o)) => {
                let mut sig = o.clone();
                for (k, (_, name)) in sig.parties.iter_mut().enumerate() {
                    if let Some((_, tn)) = t.parties.get(k) {
                        *name = diff_inlines(tn, name, &mut changed);
                    }
                }
                Some(sig)
            }
            (_, o) => o.clone().map(|mut sig| {
                if part_new {
                    sig.revision = Some(Revision::Inserted);
                }
                sig
            }),
        };
        parts.push(Part {
            intro,
            sections,
            signature,
            revision: part_new.then_some(Revision::Inserted),
            ..p.clone()
        });
    }

    // The baseline's clauses we do not have, deleted where they stood: after the clause
    // of ours that answers to the nearest clause before them.
    let mut after = After::Start;
    for part in &theirs.parts {
        let our_part = parts.iter().position(|p| p.id == part.id);
        if structural && our_part.is_none() {
            // A part we do not have: deleted whole, after the part of the last anchor.
            let mut deleted = part.clone();
            deleted.revision = Some(Revision::Deleted);
            deleted.intro = whole_blocks(&part.intro, Revision::Deleted);
            for s in &mut deleted.sections {
                s.revision = Some(Revision::Deleted);
                s.clauses.retain(|c| !our_ids.contains(c.id.as_str()));
                for c in &mut s.clauses {
                    counts.deleted += 1;
                    *c = whole_clause(c, Revision::Deleted);
                }
            }
            let at = after.part().map_or(parts.len().min(1), |p| p + 1);
            parts.insert(at, deleted);
            after = After::Part(at);
            continue;
        }
        for sec in &part.sections {
            for c in &sec.clauses {
                let out_of_order = !structural && moved.contains(c.id.as_str());
                if !out_of_order && let Some((p, s, i)) = locate(&parts, &c.id) {
                    after = After::Clause(p, s, i);
                    continue;
                }
                if !out_of_order {
                    counts.deleted += 1;
                }
                // In the clause's own part if we have it, else where the last anchor is.
                let target = our_part.or(after.part()).unwrap_or(0);
                if let Some(tpart) = parts.get_mut(target) {
                    let mut deleted = whole_clause(c, Revision::Deleted);
                    if out_of_order {
                        // Its id is ours, inserted elsewhere: references go there.
                        deleted.id = format!("{}:as-it-stood", c.id);
                    }
                    after = place_deleted(tpart, target, after, sec, deleted, structural);
                }
            }
        }
    }
    if !structural {
        counts.deleted -= keep_matching_headings(&mut parts);
    }

    let mut meta = ours.meta.clone();
    meta.subtitle = diff_inlines(&theirs.meta.subtitle, &ours.meta.subtitle, &mut false);
    meta.rows = meta_rows(&theirs.meta.rows, &ours.meta.rows);
    meta.redline = Some(Redline { counts, ..redline });
    if !structural {
        meta.revision = Some(Revision::Inserted);
    }
    Document {
        id: ours.id.clone(),
        meta,
        parts,
    }
}

/// Whether two headings read the same, spaces aside.
fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// Against paper: a heading of the paper with nothing under it, deleted just before or
/// just after the heading of one of our sections that reads the same, is that heading —
/// the section's heading stays unmarked and the deleted copy goes. Returns how many went.
fn keep_matching_headings(parts: &mut [Part]) -> usize {
    let bare = |c: &Clause, title: &str| {
        c.revision == Some(Revision::Deleted)
            && c.blocks.is_empty()
            && c.id.starts_with("paper:")
            && same_words(&c.title, title)
    };
    let mut gone = 0;
    for part in parts.iter_mut() {
        for si in 0..part.sections.len() {
            let title = part.sections[si].title.clone();
            if part.sections[si].revision != Some(Revision::Inserted) {
                continue;
            }
            let first = part.sections[si]
                .clauses
                .first()
                .is_some_and(|c| bare(c, &title));
            let before = si > 0
                && part.sections[si - 1]
                    .clauses
                    .last()
                    .is_some_and(|c| bare(c, &title));
            if first {
                part.sections[si].clauses.remove(0);
            } else if before {
                part.sections[si - 1].clauses.pop();
            } else {
                continue;
            }
            part.sections[si].revision = None;
            gone += 1;
        }
    }
    gone
}

/// Where the last baseline clause seen stands in our document: the next clause the
/// baseline alone has is deleted after it.
#[derive(Debug, Clone, Copy)]
enum After {
    /// Nothing yet: the start of the document.
    Start,
    /// A part deleted whole, at this index.
    Part(usize),
    /// A clause: part, section and index.
    Clause(usize, usize, usize),
}

impl After {
    fn part(self) -> Option<usize> {
        match self {
            After::Start => None,
            After::Part(p) | After::Clause(p, _, _) => Some(p),
        }
    }

    /// The section and index of the anchor clause, if it stands in part `part`.
    fn clause_in(self, part: usize) -> Option<(usize, usize)> {
        match self {
            After::Clause(p, s, i) if p == part => Some((s, i)),
            _ => None,
        }
    }
}

/// Puts a clause the baseline alone has, deleted whole, into our part `part` (number
/// `index`) after `after`: into its own section if we have it; against a deal, into a
/// deleted section of its own if we do not; against paper, after the anchor clause.
/// Returns where it now stands.
fn place_deleted(
    part: &mut Part,
    index: usize,
    after: After,
    section: &Section,
    deleted: Clause,
    structural: bool,
) -> After {
    let own = structural
        .then(|| part.sections.iter().position(|s| s.id == section.id))
        .flatten();
    if let Some(si) = own {
        let at = match after.clause_in(index) {
            Some((s, i)) if s == si => i + 1,
            _ => 0,
        };
        part.sections[si].clauses.insert(at, deleted);
        return After::Clause(index, si, at);
    }
    if structural {
        // Its section is gone too: a deleted section after the anchor's (or the one made
        // for the clause before it).
        let si = after.clause_in(index).map_or(0, |(s, _)| s + 1);
        if si > 0
            && let Some(s) = part.sections.get_mut(si - 1)
            && s.id == section.id
            && s.revision == Some(Revision::Deleted)
        {
            s.clauses.push(deleted);
            return After::Clause(index, si - 1, s.clauses.len() - 1);
        }
        let si = si.min(part.sections.len());
        part.sections.insert(
            si,
            Section {
                clauses: vec![deleted],
                revision: Some(Revision::Deleted),
                ..section.clone()
            },
        );
        return After::Clause(index, si, 0);
    }
    // Paper: after the anchor clause, wherever it stands.
    let (si, at) = after.clause_in(index).map_or((0, 0), |(s, i)| (s, i + 1));
    match part.sections.get_mut(si) {
        Some(s) => {
            let at = at.min(s.clauses.len());
            s.clauses.insert(at, deleted);
            After::Clause(index, si, at)
        }
        None => {
            part.sections.push(Section {
                id: "baseline".into(),
                number: String::new(),
                title: String::new(),
                clauses: vec![deleted],
                revision: None,
            });
            After::Clause(index, part.sections.len() - 1, 0)
        }
    }
}

/// Where a clause of ours stands in `parts`: (part, section, index).
fn locate(parts: &[Part], id: &str) -> Option<(usize, usize, usize)> {
    parts.iter().enumerate().find_map(|(p, part)| {
        part.sections.iter().enumerate().find_map(|(s, sec)| {
            sec.clauses
                .iter()
                .position(|c| c.id == id && c.revision != Some(Revision::Deleted))
                .map(|c| (p, s, c))
        })
    })
}

/// Clauses in both documents that do not keep their order: the ones outside the longest
/// common sequence of the ids both have.
fn moved_clauses<'a>(ours: &'a Document, theirs: &Document) -> HashSet<&'a str> {
    let ids = |d: &Document| -> Vec<String> {
        d.parts
            .iter()
            .flat_map(|p| p.sections.iter().flat_map(|s| &s.clauses))
            .map(|c| c.id.clone())
            .collect()
    };
    let (o, t) = (ids(ours), ids(theirs));
    let (os, ts): (HashSet<&String>, HashSet<&String>) = (o.iter().collect(), t.iter().collect());
    let o: Vec<&String> = o.iter().filter(|i| ts.contains(i)).collect();
    let t: Vec<&String> = t.iter().filter(|i| os.contains(i)).collect();
    let mut in_order = HashSet::new();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &t, &o) {
        if let similar::DiffOp::Equal { new_index, len, .. } = op {
            for id in o.iter().skip(new_index).take(len) {
                in_order.insert(id.as_str());
            }
        }
    }
    ours.parts
        .iter()
        .flat_map(|p| p.sections.iter().flat_map(|s| &s.clauses))
        .map(|c| c.id.as_str())
        .filter(|id| ts.contains(&id.to_string()) && !in_order.contains(id))
        .collect()
}

/// A clause inserted or deleted whole: its heading marked and its body one revised block.
fn whole_clause(c: &Clause, rev: Revision) -> Clause {
    Clause {
        blocks: whole_blocks(&c.blocks, rev),
        revision: Some(rev),
        ..c.clone()
    }
}

fn whole_blocks(blocks: &[Block], rev: Revision) -> Vec<Block> {
    if blocks.is_empty() {
        Vec::new()
    } else {
        vec![revised(rev, blocks.to_vec())]
    }
}

/// Title-block rows aligned by label; a row only the baseline has is shown deleted.
fn meta_rows(
    theirs: &[(String, Vec<Inline>)],
    ours: &[(String, Vec<Inline>)],
) -> Vec<(String, Vec<Inline>)> {
    let mut out: Vec<(String, Vec<Inline>)> = Vec::new();
    for (label, value) in ours {
        let v = match theirs.iter().find(|(l, _)| l == label) {
            Some((_, tv)) => diff_inlines(tv, value, &mut false),
            None => vec![Inline::Ins {
                content: value.clone(),
            }],
        };
        out.push((label.clone(), v));
    }
    for (i, (label, value)) in theirs.iter().enumerate() {
        if !ours.iter().any(|(l, _)| l == label) {
            out.insert(
                i.min(out.len()),
                (
                    label.clone(),
                    vec![Inline::Del {
                        content: value.clone(),
                    }],
                ),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meta, PaperSize};

    fn clause(id: &str, text: &str) -> Clause {
        Clause {
            id: id.into(),
            number: String::new(),
            title: id.to_uppercase(),
            blocks: vec![Block::Paragraph {
                inlines: vec![Inline::text(text)],
            }],
            revision: None,
            title_was: None,
        }
    }

    fn doc(sections: Vec<(&str, Vec<Clause>)>) -> Document {
        Document {
            id: "sow".into(),
            meta: Meta {
                title: "T".into(),
                subtitle: vec![],
                short_title: "T".into(),
                rows: vec![],
                status: None,
                deal_id: "d".into(),
                date: None,
                paper: PaperSize::A4,
                redline: None,
                revision: None,
                plain_headings: false,
            },
            parts: vec![Part {
                id: "sow".into(),
                label: None,
                title: "T".into(),
                intro: vec![],
                sections: sections
                    .into_iter()
                    .map(|(id, clauses)| Section {
                        id: id.into(),
                        number: String::new(),
                        title: id.into(),
                        clauses,
                        revision: None,
                    })
                    .collect(),
                signature: None,
                revision: None,
            }],
        }
    }

    fn info() -> Redline {
        Redline {
            against: "b".into(),
            author: "a".into(),
            counts: RedlineCounts::default(),
            terms: vec![],
            notes: vec![],
        }
    }

    /// (section id, its clauses with their marks, the section's mark).
    type Shape = Vec<(String, Vec<(String, Option<Revision>)>, Option<Revision>)>;

    fn shape(d: &Document) -> Shape {
        d.parts[0]
            .sections
            .iter()
            .map(|s| {
                (
                    s.id.clone(),
                    s.clauses
                        .iter()
                        .map(|c| (c.id.clone(), c.revision))
                        .collect(),
                    s.revision,
                )
            })
            .collect()
    }

    #[test]
    fn clauses_align_by_id_moved_ones_once_where_they_stand() {
        let ours = doc(vec![(
            "s1",
            vec![clause("a", "x"), clause("b", "y"), clause("c", "z")],
        )]);
        let theirs = doc(vec![(
            "s1",
            vec![clause("b", "y"), clause("a", "x"), clause("d", "w")],
        )]);
        let r = compare(&ours, &theirs, info(), true);
        let c = r.meta.redline.as_ref().unwrap().counts;
        assert_eq!(
            (c.moved, c.inserted, c.deleted, c.unchanged, c.changed),
            (1, 1, 1, 1, 0)
        );
        // d stood after a in the baseline: it is deleted there; c is inserted.
        assert_eq!(
            shape(&r),
            vec![(
                "s1".into(),
                vec![
                    ("a".into(), None),
                    ("d".into(), Some(Revision::Deleted)),
                    ("b".into(), None),
                    ("c".into(), Some(Revision::Inserted)),
                ],
                None
            )]
        );
    }

    /// Against paper: a clause out of the paper's order is deleted where the paper has it
    /// and inserted where ours stands; a heading worded differently shows both; a bare
    /// heading of the paper that reads as our section's heading is that heading; and all our
    /// structure (title block, sections) is inserted.
    #[test]
    fn against_paper_rejecting_every_change_leaves_the_papers_order() {
        let ours = doc(vec![
            ("s1", vec![clause("a", "x"), clause("b", "y")]),
            ("s2", vec![clause("c", "z")]),
        ]);
        let mut heading = clause("paper:2", "");
        heading.title = "s2".into();
        heading.blocks.clear();
        let mut b = clause("b", "y");
        b.title = "Their B".into();
        // The paper: b (retitled), a bare "s2" heading, c, then a.
        let theirs = doc(vec![(
            "paper",
            vec![b, heading, clause("c", "z"), clause("a", "x")],
        )]);
        let r = compare(&ours, &theirs, info(), false);
        assert_eq!(r.meta.revision, Some(Revision::Inserted));
        assert_eq!(
            shape(&r),
            vec![
                (
                    "s1".into(),
                    vec![("a".into(), Some(Revision::Inserted)), ("b".into(), None)],
                    Some(Revision::Inserted)
                ),
                // The bare heading "s2" is the heading of s2: neither inserted nor deleted;
                // a stood after c in the paper, and is deleted there.
                (
                    "s2".into(),
                    vec![
                        ("c".into(), None),
                        ("a:as-it-stood".into(), Some(Revision::Deleted))
                    ],
                    None
                ),
            ]
        );
        let b = &r.parts[0].sections[0].clauses[1];
        assert_eq!(b.title_was.as_deref(), Some("Their B"));
        let c = r.meta.redline.unwrap().counts;
        assert_eq!(
            (c.moved, c.changed, c.unchanged, c.deleted, c.inserted),
            (1, 1, 1, 0, 0)
        );
    }

    #[test]
    fn a_section_only_the_baseline_has_is_deleted_whole_where_it_stood() {
        let ours = doc(vec![
            ("s1", vec![clause("a", "x")]),
            ("s3", vec![clause("c", "z")]),
        ]);
        let theirs = doc(vec![
            ("s1", vec![clause("a", "x")]),
            ("s2", vec![clause("b", "y"), clause("b2", "y2")]),
            ("s3", vec![clause("c", "z changed")]),
        ]);
        let r = compare(&ours, &theirs, info(), true);
        assert_eq!(
            shape(&r),
            vec![
                ("s1".into(), vec![("a".into(), None)], None),
                (
                    "s2".into(),
                    vec![
                        ("b".into(), Some(Revision::Deleted)),
                        ("b2".into(), Some(Revision::Deleted))
                    ],
                    Some(Revision::Deleted)
                ),
                ("s3".into(), vec![("c".into(), None)], None),
            ]
        );
        let c = r.meta.redline.unwrap().counts;
        assert_eq!((c.changed, c.deleted, c.unchanged), (1, 2, 1));
    }
}
