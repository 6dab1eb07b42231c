//! Assemble: a resolved deal + the library → numbered documents of the model.
//!
//! Clauses are selected by document, section and `when`, rendered by Tera in their
//! position, parsed into blocks, numbered ("4.6"), cross-referenced ("Section 4.6 of
//! Annex A"), checked for defined terms, and scanned for blanks.

mod context;
pub mod parse;
mod terms;

use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::dates::parse_date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::library::{Clause, DocTemplate, Library, cache};
use crate::model::{
    Document, Inline, Meta, Part, Section, Signature, walk_inlines, walk_inlines_mut,
};
use crate::resolve::Resolved;
use crate::wording as words;

pub use context::base_context;

/// The main document template (`sow`).
pub const MAIN_DOCUMENT: &str = "sow";

/// How to assemble.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// A final draft: any blank is an error.
    pub final_draft: bool,
}

/// A set of documents: the main document (the SOW) and the annexes it attaches, numbered
/// and cross-referenced together.
#[derive(Debug, Clone)]
pub struct Assembly {
    meta: Meta,
    parts: Vec<Part>,
    titles: BTreeMap<String, String>,
    /// Warnings (blanks in a draft).
    pub warnings: Diagnostics,
    /// The fields the draft shows as a blank `[●]`, each with how many times.
    pub blanks: BTreeMap<String, usize>,
}

impl Assembly {
    /// Ids of every document in the set, main first.
    pub fn document_ids(&self) -> Vec<String> {
        self.parts.iter().map(|p| p.id.clone()).collect()
    }

    /// The documents `ids` names (none: the main one; `all`: every one), in that order, and
    /// an error with a suggestion for each id the set does not have.
    pub fn chosen(&self, ids: &[String]) -> (Vec<Document>, Diagnostics) {
        let all = self.document_ids();
        let wanted: Vec<String> = if ids.is_empty() {
            all.iter().take(1).cloned().collect()
        } else if ids.iter().any(|d| d == "all") {
            all.clone()
        } else {
            ids.to_vec()
        };
        let mut docs = Vec::new();
        let mut problems = Diagnostics::new();
        for id in &wanted {
            match self.document(id) {
                Some(doc) => docs.push(doc),
                None => {
                    let hint = crate::diagnostics::did_you_mean(id, all.iter().map(String::as_str))
                        .map(|m| format!("did you mean \"{m}\"? "))
                        .unwrap_or_default();
                    problems.push(
                        Diagnostic::error(format!("no document \"{id}\" for this deal"))
                            .help(format!("{hint}documents: {}, or all", all.join(", "))),
                    );
                }
            }
        }
        (docs, problems)
    }

    /// One document of the set: the main one with its annexes attached, or one annex on
    /// its own with a title block of its own.
    pub fn document(&self, id: &str) -> Option<Document> {
        let idx = self.parts.iter().position(|p| p.id == id)?;
        if idx == 0 {
            return Some(Document {
                id: id.to_string(),
                meta: self.meta.clone(),
                parts: self.parts.clone(),
            });
        }
        let part = self.parts[idx].clone();
        let mut meta = self.meta.clone();
        let main_title = self
            .titles
            .get(&self.parts[0].id)
            .cloned()
            .unwrap_or_default();
        meta.title = format!(
            "{} — {}",
            part.label.clone().unwrap_or_default(),
            part.title
        );
        // The running header names the annex as an attached annex's does: "Annex A — ...".
        meta.short_title = format!(
            "{} — {}",
            part.label.clone().unwrap_or_default(),
            self.titles.get(&part.id).cloned().unwrap_or_default()
        );
        meta.rows
            .insert(0, ("Attached to".into(), vec![Inline::text(main_title)]));
        Some(Document {
            id: id.to_string(),
            meta,
            parts: vec![part],
        })
    }
}

/// Assembles the document set whose main document is `main` (usually `sow`).
pub fn assemble(
    deal: &Resolved,
    library: &Library,
    main: &str,
    opts: Options,
) -> Result<Assembly, Diagnostics> {
    let mut problems = Diagnostics::new();
    let Some(main_doc) = library.document(main) else {
        return Err(Diagnostic::error(format!("no document template \"{main}\"")).into());
    };
    let mut docs: Vec<&DocTemplate> = vec![main_doc];
    docs.extend(
        main_doc
            .meta
            .attach
            .iter()
            .filter_map(|id| library.document(id)),
    );

    let ctx = base_context(deal, library);
    let mut parts = Vec::new();
    let mut budget = crate::limits::MAX_DOCUMENT_BYTES;
    // Digests of the context's paths as clauses ask for them (see `library::cache`).
    let mut digests = FxHashMap::default();
    // Each clause's render, for the terms lint.
    let mut renders = FxHashMap::default();
    for (i, doc) in docs.iter().enumerate() {
        match build_part(
            doc,
            deal,
            library,
            &ctx,
            &mut digests,
            &mut renders,
            &mut budget,
        ) {
            // An annex with no clause for this deal (e.g. `"sla": null`) is left out.
            Ok(p) if i > 0 && p.sections.is_empty() => {}
            Ok(p) => parts.push(p),
            Err(e) => problems.extend(e),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }

    resolve_refs(&mut parts, &docs, library, &mut problems);
    terms::lint(&parts, &docs, library, &renders, &mut problems);
    if problems.has_errors() {
        return Err(problems);
    }

    let meta = title_block(deal, main_doc, &ctx);
    let mut blanks: BTreeMap<String, usize> = BTreeMap::new();
    let mut count = |xs: &[Inline]| {
        walk_inlines(xs, &mut |x| {
            if let Inline::Blank { field } = x {
                *blanks.entry(field.clone()).or_default() += 1;
            }
        })
    };
    meta.for_each_inlines(&mut count);
    parts
        .iter()
        .for_each(|p| p.for_each_inlines(&mut |_, xs| count(xs)));
    let mut warnings = Diagnostics::new();
    for (field, n) in &blanks {
        let times = if *n == 1 {
            "once".to_string()
        } else {
            format!("{n} times")
        };
        // The field is the diagnostic's path, as for every other problem of a deal, so that
        // a reader (the workbench, `--format json`) finds it without parsing the words.
        let d = Diagnostic::warning(format!("not set: the draft shows a blank [●] ({times})"))
            .in_file(&deal.source_name)
            .at(crate::diagnostics::JsonPath::parse(field))
        .help(if field == "deal.annual_commitment" {
            // blind15 customer-A 5: a blank commitment reads as a commitment still to agree.
            "set `deal.annual_commitment` in the deal, or `null` for a deal without a commitment"
                .to_string()
        } else {
            format!("set `{field}` in the deal")
        });
        if opts.final_draft {
            problems.push(Diagnostic {
                level: crate::diagnostics::Level::Error,
                ..d
            });
        } else {
            warnings.push(d);
        }
    }
    for w in crate::deal::validate::warnings(&deal.deal) {
        warnings.push(w.in_file(&deal.source_name));
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let mut meta = meta;
    if opts.final_draft {
        meta.status = None;
    }
    Ok(Assembly {
        meta,
        titles: docs
            .iter()
            .map(|d| (d.meta.id.clone(), d.meta.title.clone()))
            .collect(),
        parts,
        warnings,
        blanks,
    })
}

fn build_part(
    doc: &DocTemplate,
    deal: &Resolved,
    library: &Library,
    base: &tera::Context,
    digests: &mut FxHashMap<Vec<String>, cache::Key>,
    renders: &mut FxHashMap<String, Arc<cache::Render>>,
    budget: &mut usize,
) -> Result<Part, Diagnostics> {
    let mut problems = Diagnostics::new();
    // What this document sets over the deal's context, and then each clause over that.
    let document_vars = [
        (
            "document",
            tera::Value::from_serializable(
                &serde_json::json!({"id": doc.meta.id, "title": doc.meta.title, "annex": doc.meta.annex}),
            ),
        ),
        ("position", tera::Value::from(deal.stance.as_str())),
    ];
    let ctx = with_vars(base, &document_vars);
    let intro = library.render(&doc.template, &ctx).and_then(|md| {
        parse::parse(&md).map_err(|e| Diagnostic::error(e).in_file(doc.origin.display()))
    });
    let intro = match intro {
        Ok(b) => b,
        Err(e) => {
            problems.push(e);
            Vec::new()
        }
    };

    let mut sections = Vec::new();
    for sdef in &doc.meta.sections {
        let mut clauses = Vec::new();
        for clause in library.section_clauses(&doc.meta.id, &sdef.id) {
            // The clause's position and its own parameters, resolved for its position.
            let own = deal
                .deal
                .params
                .as_ref()
                .and_then(|p| p.get(&clause.meta.id))
                .cloned()
                .unwrap_or_default();
            let clause_vars = [
                (
                    "position",
                    tera::Value::from(deal.position(&clause.meta.id).as_str()),
                ),
                ("params", tera::Value::from_serializable(&own)),
                (
                    "clause",
                    tera::Value::from_serializable(
                        &serde_json::json!({"id": clause.meta.id, "title": clause.meta.title}),
                    ),
                ),
            ];
            let reads = library.reads(clause);
            let key = clause_key(
                clause,
                reads,
                &[&clause_vars, &document_vars],
                base,
                digests,
            );
            let kept = key.and_then(|k| library.clause_cache().get(&k));
            let rendered = match kept {
                Some(r) => Ok(r),
                None => {
                    let r = render_clause(clause, library, &with_vars(&ctx, &clause_vars))
                        .map(Arc::new);
                    if let (Some(k), Ok(r)) = (key, &r) {
                        library.clause_cache().put(k, Arc::clone(r));
                    }
                    r
                }
            };
            let rendered = rendered.and_then(|r| {
                if !r.applies {
                    return Ok(None);
                }
                *budget = budget.checked_sub(r.markdown_len).ok_or_else(|| {
                    Diagnostic::error(format!(
                        "the document's clauses render more than {} bytes; refused",
                        crate::limits::MAX_DOCUMENT_BYTES
                    ))
                    .in_file(clause.origin.display())
                    .help(
                        "this clause went over the limit: look for a loop that prints without end",
                    )
                })?;
                Ok(Some(r))
            });
            match rendered {
                Ok(Some(r)) if !r.blocks.is_empty() => {
                    clauses.push(crate::model::Clause {
                        id: clause.meta.id.clone(),
                        number: String::new(),
                        title: clause.meta.title.clone(),
                        blocks: r.blocks.clone(),
                        revision: None,
                        title_was: None,
                    });
                    renders.insert(clause.meta.id.clone(), r);
                }
                Ok(_) => {}
                Err(e) => problems.push(e),
            }
        }
        if !clauses.is_empty() {
            sections.push(Section {
                id: sdef.id.clone(),
                number: String::new(),
                title: sdef.title.clone(),
                clauses,
                revision: None,
            });
        }
    }
    // Numbering after selection, so omitted clauses leave no gaps.
    for (i, s) in sections.iter_mut().enumerate() {
        s.number = (i + 1).to_string();
        for (j, c) in s.clauses.iter_mut().enumerate() {
            c.number = format!("{}.{}", i + 1, j + 1);
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let signature = doc.meta.signature.then(|| Signature {
        parties: vec![
            (
                "Customer".into(),
                value_or_blank(base, "deal.customer.legal_name"),
            ),
            (
                "Vendor".into(),
                value_or_blank(base, "deal.vendor.legal_name"),
            ),
        ],
        revision: None,
    });
    Ok(Part {
        id: doc.meta.id.clone(),
        label: doc.meta.annex.as_ref().map(|a| format!("Annex {a}")),
        title: doc.meta.title.clone(),
        intro,
        sections,
        signature,
        revision: None,
    })
}

/// The key of `clause`'s render: what it reads, digested. A variable `vars` set (the
/// clause's, then the document's) from its value there; any other from the deal's context
/// `base`, through `digests`, once for all the documents of the set. `None` when what the
/// clause reads cannot be known.
fn clause_key(
    clause: &Clause,
    reads: Option<&[Vec<String>]>,
    vars: &[&[(&'static str, tera::Value)]],
    base: &tera::Context,
    digests: &mut FxHashMap<Vec<String>, cache::Key>,
) -> Option<cache::Key> {
    let reads = reads?;
    let mut digest = |path: &Vec<String>| {
        let (root, attrs) = (path[0].as_str(), &path[1..]);
        if let Some((_, v)) = vars.iter().flat_map(|v| v.iter()).find(|(n, _)| *n == root) {
            return cache::path_digest(Some(v), attrs);
        }
        if let Some(d) = digests.get(path) {
            return *d;
        }
        let d = cache::path_digest(base.get(root), attrs);
        digests.insert(path.clone(), d);
        d
    };
    Some(cache::key(
        &clause.template,
        reads.iter().map(|path| (&path[..], digest(path))),
    ))
}

/// `ctx` with `vars` set over it.
fn with_vars(ctx: &tera::Context, vars: &[(&'static str, tera::Value)]) -> tera::Context {
    let mut ctx = ctx.clone();
    for (name, value) in vars {
        ctx.insert_value(*name, value.clone());
    }
    ctx
}

/// Renders and parses one clause in its context (whether it applies, and if so its
/// Markdown's length and blocks).
fn render_clause(
    clause: &Clause,
    library: &Library,
    ctx: &tera::Context,
) -> Result<cache::Render, Diagnostic> {
    if !library.applies(clause, ctx)? {
        return Ok(cache::Render::new(false, 0, Vec::new()));
    }
    let md = library.render(&clause.template, ctx)?;
    let blocks = parse::parse(&md).map_err(|e| {
        Diagnostic::error(format!("clause \"{}\": {e}", clause.meta.id))
            .in_file(clause.origin.display())
    })?;
    Ok(cache::Render::new(true, md.len(), blocks))
}

/// A context value as inlines: a deal value, or a blank.
fn value_or_blank(ctx: &tera::Context, dotted: &str) -> Vec<Inline> {
    let (head, rest) = dotted.split_once('.').unwrap_or((dotted, ""));
    let v = ctx.get(head).and_then(|v| {
        if rest.is_empty() {
            Some(v)
        } else {
            v.get_from_path(rest)
        }
    });
    let s = v.filter(|x| !x.is_none() && !x.is_undefined()).map(|x| {
        x.as_str()
            .map(String::from)
            .unwrap_or_else(|| x.to_string())
    });
    match s {
        Some(s) => match crate::conventions::parse_blank_marker(&s) {
            Some(field) => vec![Inline::Blank {
                field: field.to_string(),
            }],
            None => vec![Inline::Value {
                text: s,
                field: Some(dotted.to_string()),
            }],
        },
        None => vec![Inline::Blank {
            field: dotted.to_string(),
        }],
    }
}

fn title_block(deal: &Resolved, main: &DocTemplate, ctx: &tera::Context) -> Meta {
    let d = deal.info();
    let mut rows = vec![
        (
            "Customer".to_string(),
            value_or_blank(ctx, "deal.customer.legal_name"),
        ),
        (
            "Vendor".to_string(),
            value_or_blank(ctx, "deal.vendor.legal_name"),
        ),
        (
            "Agreement".to_string(),
            value_or_blank(ctx, "deal.agreement_ref"),
        ),
    ];
    if let Some(u) = &deal.unit {
        rows.push((
            "Business unit".into(),
            vec![Inline::Value {
                text: u.name.clone(),
                field: None,
            }],
        ));
    }
    let effective = match d.effective_date.as_deref().and_then(parse_date) {
        Some(date) => vec![Inline::Value {
            text: words::date_long(date),
            field: Some("deal.effective_date".into()),
        }],
        None => vec![Inline::Blank {
            field: "deal.effective_date".into(),
        }],
    };
    rows.push(("Effective Date".into(), effective));
    let term = match d.term_months {
        Some(m) => vec![Inline::Value {
            text: words::count(u64::from(m), "month", "months"),
            field: Some("deal.term_months".into()),
        }],
        None => vec![Inline::Blank {
            field: "deal.term_months".into(),
        }],
    };
    rows.push(("Term".into(), term));
    rows.push((
        "Reference".into(),
        vec![Inline::Value {
            text: deal_reference(deal),
            field: None,
        }],
    ));
    Meta {
        title: main.meta.title.clone(),
        subtitle: without_document_title(value_or_blank(ctx, "deal.title"), &main.meta.title),
        short_title: main.meta.short_title.clone(),
        rows,
        status: Some(DRAFT_STATUS.into()),
        deal_id: d.id.clone(),
        date: d.effective_date.clone(),
        paper: d.paper.unwrap_or_default(),
        redline: None,
        revision: None,
        plain_headings: false,
    }
}

/// The marking on a draft's cover; a final (`--final`) has none.
pub const DRAFT_STATUS: &str = "Draft — subject to contract";

/// A deal title that starts with the document's own title ("Statement of Work: Azure
/// OpenAI Enterprise Services") loses it, so that the title block does not read
/// "Statement of Work: Statement of Work: ...". A title that is the document's title and
/// nothing more gives no subtitle.
fn without_document_title(subtitle: Vec<Inline>, doc_title: &str) -> Vec<Inline> {
    let [Inline::Value { text, .. }] = subtitle.as_slice() else {
        return subtitle;
    };
    let t = text.trim();
    let Some(head) = t.get(..doc_title.len()) else {
        return subtitle;
    };
    if !head.eq_ignore_ascii_case(doc_title) {
        return subtitle;
    }
    let rest = &t[doc_title.len()..];
    let rest = rest.trim_start_matches([':', '-', '–', '—', ' ', '\u{a0}']);
    // "Statement of Workshops" is not the document title.
    if rest.len() == t.len() - doc_title.len() && !rest.is_empty() {
        return subtitle;
    }
    if rest.is_empty() {
        return Vec::new();
    }
    vec![Inline::Value {
        text: rest.to_string(),
        field: Some("deal.title".into()),
    }]
}

/// "acme-bank" or "acme-bank / retail" for a business unit.
pub fn deal_reference(deal: &Resolved) -> String {
    match &deal.unit {
        Some(u) => format!("{} / {}", deal.id(), u.id),
        None => deal.id().to_string(),
    }
}

fn resolve_refs(
    parts: &mut [Part],
    docs: &[&DocTemplate],
    library: &Library,
    problems: &mut Diagnostics,
) {
    let mut index: BTreeMap<String, (String, String)> = BTreeMap::new();
    for p in parts.iter() {
        for s in &p.sections {
            for c in &s.clauses {
                index.insert(c.id.clone(), (p.id.clone(), c.number.clone()));
            }
        }
    }
    let labels: BTreeMap<String, (Option<String>, String)> = parts
        .iter()
        .map(|p| (p.id.clone(), (p.label.clone(), p.title.clone())))
        .collect();
    let part_name = |id: &str, from: &str| -> String {
        let (label, title) = &labels[id];
        match label {
            Some(l) => l.clone(),
            None if id == from => format!("this {title}"),
            None => format!("the {title}"),
        }
    };
    let mut origins: BTreeMap<String, String> = docs
        .iter()
        .map(|d| (d.meta.id.clone(), d.origin.display()))
        .collect();
    origins.extend(
        library
            .clauses()
            .map(|c| (c.meta.id.clone(), c.origin.display())),
    );
    for p in parts.iter_mut() {
        let from = p.id.clone();
        p.for_each_inlines_mut(&mut |owner, xs| {
            walk_inlines_mut(xs, &mut |x| {
                let Inline::Ref { target, text } = x else { return };
                if labels.contains_key(target.as_str()) {
                    *text = part_name(target, &from);
                } else if let Some((part, number)) = index.get(target.as_str()) {
                    *text = if *part == from {
                        format!("Section {number}")
                    } else {
                        format!("Section {number} of {}", part_name(part, &from))
                    };
                } else {
                    problems.push(
                        Diagnostic::error(format!("\"{owner}\" refers to \"{target}\", which is not in this draft"))
                            .in_file(origins.get(owner).cloned().unwrap_or_default())
                            .help("the clause is omitted for this deal (its `when` is false, or it rendered empty): make the reference conditional too"),
                    );
                }
            })
        });
    }
}
