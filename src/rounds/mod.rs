//! `dealdraft round`: the counterparty's tracked changes and comments on our Word draft
//! read back as proposals — each tied to our clause and, inside a value's bookmark, to its
//! deal field — with our verdict on each, their position as a deal, our reply on their
//! document, and the history of every term across rounds.
//!
//! Their file must be our draft: read with every change of theirs accepted, it aligns with
//! our render of the deal paragraph by paragraph (see [`crate::redline`]'s own-draft
//! reading); their changes are then read where they stand in the Word XML.

pub mod changes;
pub mod decisions;

use std::path::Path;

use serde::Serialize;
use serde_json::{Value, json};

use crate::check::rules::{RuleSet, Severity};
use crate::intake::Better;
use crate::paper::{Kind, Paper};
use crate::{Diagnostic, Diagnostics, Library, Resolved};

/// What a proposal is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalKind {
    /// A value of the deal changed (inside its bookmark, or read from the changed words).
    Term,
    /// Words of a paragraph changed.
    Wording,
    /// A paragraph of theirs added.
    Insertion,
    /// Words or a paragraph of ours struck.
    Deletion,
    /// A comment.
    Comment,
    /// An edit made with Track Changes off: found by comparing their file, its tracked
    /// changes rejected, with our render.
    Untracked,
}

/// Our answer to a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// No worse than our position.
    Accept,
    /// Within the playbook's fallback.
    Acceptable,
    /// Below the walk-away, red-flag language, or a protection of ours struck.
    Reject,
}

/// One proposal of theirs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    /// `r<round>-<n>`.
    pub id: String,
    /// Our clause it is in.
    pub clause: Option<String>,
    /// What it is.
    pub kind: ProposalKind,
    /// For a term: the deal field (`sla.uptime_pct`, `params.<clause>.<name>`).
    pub field: Option<String>,
    /// For a term: our value.
    pub ours: Option<Value>,
    /// For a term: theirs.
    pub theirs: Option<Value>,
    /// The words they struck.
    pub deleted: String,
    /// The words they inserted (a comment's text).
    pub inserted: String,
    /// Who, and when.
    pub author: String,
    /// When, as their file says.
    pub date: String,
    /// Our verdict (none for a comment).
    pub verdict: Option<Verdict>,
    /// The rules (or phrases) behind it.
    pub rules: Vec<String>,
    /// Why, in a line.
    pub reason: String,
    /// The paper's paragraph it is in (index), for the reply.
    #[serde(skip)]
    pub para: Option<usize>,
    /// Where their inserted words stand in that paragraph's text (bytes); for words they
    /// struck, the empty stretch where they stood.
    #[serde(skip)]
    pub span: Option<std::ops::Range<usize>>,
    /// For a paragraph they struck whole: the paper's paragraph before it, for the reply.
    #[serde(skip)]
    pub after: Option<usize>,
    /// Our answer to their comment, or counsel's words on a change we revert: a comment in
    /// the reply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// Whose verdict and answer these are.
    pub decided_by: DecidedBy,
    /// Their comment's `w:id` and the `w14:paraId` a reply in its thread names.
    #[serde(skip)]
    pub thread: Option<(String, Option<String>)>,
    /// Their value as it reads, where its words and figures disagree ("sixty (90) days").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disagree: Option<String>,
}

impl Proposal {
    /// Proposal `k` (0-based) of round `n`, of `kind`, with nothing else known yet.
    fn new(n: usize, k: usize, kind: ProposalKind) -> Proposal {
        Proposal {
            id: format!("r{n}-{}", k + 1),
            clause: None,
            kind,
            field: None,
            ours: None,
            theirs: None,
            deleted: String::new(),
            inserted: String::new(),
            author: String::new(),
            date: String::new(),
            verdict: None,
            rules: Vec::new(),
            reason: String::new(),
            para: None,
            span: None,
            after: None,
            answer: None,
            decided_by: DecidedBy::Playbook,
            thread: None,
            disagree: None,
        }
    }

    /// It proposes a value for a deal field: a term changed, or a value stated in a comment.
    pub fn proposes_term(&self) -> bool {
        self.field.is_some() && matches!(self.kind, ProposalKind::Term | ProposalKind::Comment)
    }
}

/// Whose verdict a proposal carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DecidedBy {
    /// The playbook's rules.
    #[default]
    Playbook,
    /// Counsel, in the decisions file (`round --decisions`).
    Counsel,
}

/// How to read a round.
#[derive(Debug, Clone)]
pub struct Options {
    /// Who answers (our tracked changes and comments in the reply).
    pub author: String,
    /// The reply's date, `YYYY-MM-DD`.
    pub date: String,
    /// Counsel's decisions: verdicts over the playbook's, and answers in their words.
    pub decisions: decisions::Decisions,
}

/// A round read.
#[derive(Debug, Clone)]
pub struct Round {
    /// Its number.
    pub n: usize,
    /// Their proposals, in document order.
    pub proposals: Vec<Proposal>,
    /// Files to write, by path under the deal's folder: `round-<n>/proposals.json`,
    /// `round-<n>/proposals.md`, `round-<n>/their-position.json`, `round-<n>/reply.docx`,
    /// `negotiation.json`.
    pub files: Vec<(String, Vec<u8>)>,
}

/// Reads their returned Word file `path` against our deal; `history` is the deal's
/// `negotiation.json` so far (if any).
pub fn round(
    path: &Path,
    ours: &Resolved,
    library: &Library,
    opts: &Options,
    history: Option<&str>,
) -> Result<Round, Diagnostics> {
    let name = path.display().to_string();
    if Kind::of(path) != Some(Kind::Word) {
        return Err(Diagnostic::error(
            "a round reads their Word file (.docx) with its tracked changes",
        )
        .in_file(path)
        .into());
    }
    let bytes = crate::paper::read_bytes(path)?;
    let paper = Paper::docx(&name, &bytes)?;
    let err = |m: String| Diagnostic::error(m).in_file(path);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice()))
        .map_err(|e| err(format!("not a Word (.docx) file: {e}")))?;
    let document = crate::paper::read_part(&mut zip, "word/document.xml")
        .map_err(&err)?
        .ok_or_else(|| err("not a Word (.docx) file: it has no word/document.xml".into()))?;
    let (tracked, anchors, values) =
        changes::tracked(&document).map_err(|m| err(format!("word/document.xml: {m}")))?;
    let comments = match crate::paper::read_part(&mut zip, "word/comments.xml").map_err(&err)? {
        Some(x) => {
            changes::comments(&x, &anchors).map_err(|m| err(format!("word/comments.xml: {m}")))?
        }
        None => Vec::new(),
    };

    // Our draft, its clauses and the fields of its values — as we sent it: a file without
    // the draft's marking was rendered with `--final` (where the deal has no blank left).
    let sent_final = !paper
        .paragraphs
        .iter()
        .any(|p| p.text.contains(crate::assemble::DRAFT_STATUS));
    let assembled = |final_draft| {
        crate::assemble::assemble(
            ours,
            library,
            crate::assemble::MAIN_DOCUMENT,
            crate::assemble::Options { final_draft },
        )
    };
    let set = match sent_final {
        true => assembled(true).or_else(|_| assembled(false))?,
        false => assembled(false)?,
    };
    let doc = set
        .document(crate::assemble::MAIN_DOCUMENT)
        .ok_or_else(|| Diagnostic::error("the deal has no main document"))?;
    // Our draft rendered and read back once: for their paragraphs' clauses and, below, for
    // what they changed with Track Changes off.
    let own = crate::redline::own::Own::read(&doc, Kind::Word);
    let clause_of = own.as_ref().and_then(|o| o.clauses_of(&paper)).ok_or_else(|| {
        err(format!(
            "this is not our draft of {}: read with its changes accepted, most of its paragraphs should be ours",
            ours.id()
        ))
        .help("for the vendor's own paper use `dealdraft markup` or `redline --against`")
    })?;
    let fields = value_fields(&doc);
    // Each w:p's paper paragraph.
    let para_of = |p: usize| -> Option<usize> {
        paper
            .paragraphs
            .iter()
            .position(|x| x.line == p || x.sources.iter().any(|s| s.p == p))
    };
    let n = round_number(history, &crate::output::sha256_hex(&bytes));
    let terms = crate::intake::Terms::load(library)?;
    let rules = RuleSet::load(library)?;
    let our_json = serde_json::to_value(&ours.deal).unwrap_or(Value::Null);
    let fallback = library
        .playbook()
        .defaults
        .get(&crate::deal::Stance::Fallback)
        .cloned()
        .unwrap_or(Value::Null);
    let phrases: Vec<&crate::check::rules::Phrase> = rules
        .phrases
        .iter()
        .filter(|p| p.severity != Severity::Off)
        .collect();

    // Their changes, grouped: a strike and the insertion right after it in one place are one.
    let mut proposals: Vec<Proposal> = Vec::new();
    let mut i = 0;
    while i < tracked.len() {
        let t = &tracked[i];
        let para = para_of(t.p);
        // A paragraph they struck whole reads as none: it stands in the clause of the
        // paragraph before it.
        let clause = (1..=t.p)
            .rev()
            .find_map(para_of)
            .and_then(|k| clause_of.get(k).cloned().flatten());
        let mut deleted = String::new();
        let mut inserted = String::new();
        let mut bookmarks = t.bookmarks.clone();
        let mut at = t.at;
        let mut j = i;
        if t.paragraph_mark {
            // A paragraph of theirs: every insertion in it.
            j += 1;
            while j < tracked.len() && tracked[j].p == t.p && tracked[j].inserted {
                inserted.push_str(&tracked[j].text);
                j += 1;
            }
            let text = para.map_or(inserted.clone(), |k| paper.paragraphs[k].text.clone());
            proposals.push(Proposal {
                clause,
                inserted: text,
                author: t.author.clone(),
                date: t.date.clone(),
                para,
                ..Proposal::new(n, proposals.len(), ProposalKind::Insertion)
            });
            i = j;
            continue;
        }
        while j < tracked.len()
            && tracked[j].p == t.p
            && !tracked[j].paragraph_mark
            && (j == i || tracked[j].at == at)
        {
            let x = &tracked[j];
            if x.inserted {
                inserted.push_str(&x.text);
            } else {
                deleted.push_str(&x.text);
            }
            at = if x.inserted {
                x.at + x.text.len()
            } else {
                x.at
            };
            for b in &x.bookmarks {
                if !bookmarks.contains(b) {
                    bookmarks.push(b.clone());
                }
            }
            j += 1;
        }
        let field = bookmarks.iter().find_map(|b| field_of_bookmark(b, &fields));
        // Where their words stand in the paragraph read with their changes accepted.
        let span = para.and_then(|k| {
            if inserted.is_empty() {
                point(&paper.paragraphs[k], t.p, t.at).map(|x| x..x)
            } else {
                place(&paper.paragraphs[k], t.p, t.at, &inserted)
            }
        });
        let after = para
            .is_none()
            .then(|| (1..t.p).rev().find_map(para_of))
            .flatten();
        let kind = match (&field, inserted.is_empty(), para) {
            (Some(_), _, _) => ProposalKind::Term,
            (None, true, None) => ProposalKind::Deletion,
            (None, true, Some(_)) if !deleted.trim().is_empty() => ProposalKind::Deletion,
            _ => ProposalKind::Wording,
        };
        let mut p = Proposal {
            clause,
            deleted,
            inserted,
            author: t.author.clone(),
            date: t.date.clone(),
            para,
            span,
            ..Proposal::new(n, proposals.len(), kind)
        };
        // Their value: what its bookmark holds with their changes accepted (a change to
        // part of the value, "9%" of "99.9%", is a change of the whole value).
        let held = bookmarks
            .iter()
            .filter(|b| field_of_bookmark(b, &fields).as_ref() == field.as_ref())
            .filter_map(|b| values.iter().rev().find(|v| v.0 == *b))
            .find_map(|(_, text)| {
                let f = field.as_ref()?;
                Some((crate::intake::value_in(text, f)?, text.clone()))
            });
        if let Some((v, text)) = held {
            p.theirs = Some(v);
            // Words changed and figures not (or the other way): the value is in doubt.
            if crate::intake::words_and_figures_disagree(&text) {
                p.disagree = Some(text);
            }
        }
        p.field = field;
        p.after = after;
        proposals.push(p);
        i = j.max(i + 1);
    }
    for c in &comments {
        let para = para_of(c.p);
        // The values their comment is anchored on; a value of one of them stated in its
        // words ("we can offer 99.5%") is a term they propose.
        let anchored: Vec<String> = c
            .bookmarks
            .iter()
            .filter_map(|b| field_of_bookmark(b, &fields))
            .fold(Vec::new(), |mut v, f| {
                if !v.contains(&f) {
                    v.push(f);
                }
                v
            });
        let stated = anchored.iter().find_map(|f| {
            crate::intake::value_in(&c.text, f)
                .filter(|v| get_field(&our_json, f) != Some(v))
                .map(|v| (f.clone(), v))
        });
        let mut p = Proposal {
            clause: para.and_then(|k| clause_of.get(k).cloned().flatten()),
            inserted: c.text.clone(),
            author: c.author.clone(),
            date: c.date.clone(),
            para,
            thread: Some((c.id.clone(), c.para_id.clone())),
            ..Proposal::new(n, proposals.len(), ProposalKind::Comment)
        };
        match stated {
            Some((f, v)) => {
                p.field = Some(f);
                p.theirs = Some(v);
            }
            None => {
                // What the answer restates: our values where their comment stands.
                p.ours = (!anchored.is_empty()).then(|| {
                    Value::Object(
                        anchored
                            .iter()
                            .filter_map(|f| get_field(&our_json, f).map(|v| (f.clone(), v.clone())))
                            .collect(),
                    )
                });
            }
        }
        proposals.push(p);
    }

    // Edits made with Track Changes off: their file with every tracked change rejected
    // should be our render exactly.
    if let (Some(rejected), Some(own)) = (rejected_view(&bytes, &document), &own) {
        for (clause, ours_text, theirs_text) in own.untracked(&rejected) {
            proposals.push(Proposal {
                clause,
                deleted: ours_text,
                inserted: theirs_text,
                ..Proposal::new(n, proposals.len(), ProposalKind::Untracked)
            });
        }
    }

    // A value changed outside its bookmark (retyped over it, or in a sentence of theirs):
    // where intake reads a deal value in the words they changed, and it is not ours, the
    // change is a term of that field.
    let mut read: Option<crate::intake::Intake> = None;
    for p in proposals
        .iter_mut()
        .filter(|p| p.kind == ProposalKind::Wording)
    {
        let (Some(k), Some(span)) = (p.para, p.span.clone()) else {
            continue;
        };
        let intake =
            read.get_or_insert_with(|| crate::intake::intake(&paper, Kind::Word, &terms, library));
        let stated = intake
            .found
            .iter()
            .chain(intake.dropped.iter().map(|d| &d.found))
            .find(|f| {
                f.para == k
                    && f.value.is_number()
                    && f.span
                        .as_ref()
                        .is_some_and(|r| r.start < span.end && span.start < r.end)
                    && get_field(&our_json, &f.field) != Some(&f.value)
            });
        if let Some(f) = stated {
            p.kind = ProposalKind::Term;
            p.field = Some(f.field.clone());
            p.theirs = Some(f.value.clone());
        }
    }

    // Verdicts: the playbook's, then counsel's where the decisions file gives one; and our
    // answers to their comments.
    for p in &mut proposals {
        judge(p, &our_json, &fallback, &terms, &rules, &phrases);
    }
    opts.decisions.check(&proposals)?;
    for p in &mut proposals {
        if let Some(d) = opts.decisions.by_id.get(&p.id) {
            p.decided_by = DecidedBy::Counsel;
            if let Some(v) = d.verdict
                && p.verdict != Some(v)
            {
                p.reason = format!("counsel's decision (the playbook: {})", p.reason);
                p.verdict = Some(v);
            }
            p.answer = d.answer.clone();
        }
        if p.kind == ProposalKind::Comment && p.answer.is_none() {
            p.answer = Some(answer(p, &fallback).join(" "));
        }
    }

    // Their position: our deal with their terms.
    let mut position = ours.raw.clone();
    // A value stated in a comment first, then the text they changed: where both name one
    // field, the text they would sign is their position.
    let (stated, changed): (Vec<&Proposal>, Vec<&Proposal>) = proposals
        .iter()
        .filter(|p| p.proposes_term())
        .partition(|p| p.kind == ProposalKind::Comment);
    for p in stated.into_iter().chain(changed) {
        if let (Some(f), Some(v)) = (&p.field, &p.theirs) {
            set_field(&mut position, f, v.clone());
        }
    }
    let adjusted = follow_uptime(&mut position, &our_json);
    let valid = crate::resolve::resolve_built(&position, library)
        .map(|_| ())
        .map_err(|ds| {
            ds.iter()
                .map(|d| d.message.clone())
                .collect::<Vec<_>>()
                .join("; ")
        });

    // The reply: their changes accepted, each rejected one reverted as our tracked change.
    let mut replies: Vec<crate::markup::Change> = Vec::new();
    for p in proposals
        .iter()
        .filter(|p| p.verdict == Some(Verdict::Reject))
    {
        // Where ours goes back: over their words, or after the paragraph before one they
        // struck whole.
        let edit = match (p.para, p.span.clone(), p.after) {
            (Some(para), Some(range), _) => (
                para,
                crate::markup::Edit::Replace {
                    range,
                    with: p.deleted.clone(),
                },
            ),
            (None, _, Some(after)) if !p.deleted.trim().is_empty() => (
                after,
                crate::markup::Edit::Insert {
                    heading: None,
                    paragraphs: vec![p.deleted.trim().to_string()],
                },
            ),
            _ => continue,
        };
        let mut comment = Vec::new();
        if let Some(a) = &p.answer {
            comment.push(a.clone());
        }
        comment.extend(not_accepted(p, &fallback));
        replies.push(crate::markup::Change {
            para: edit.0,
            edit: edit.1,
            comment,
        });
    }
    // Their comments answered, each in its thread.
    for p in proposals.iter().filter(|p| p.kind == ProposalKind::Comment) {
        let (Some((to, parent)), Some(answer)) = (&p.thread, &p.answer) else {
            continue;
        };
        replies.push(crate::markup::Change {
            para: p.para.unwrap_or(0),
            edit: crate::markup::Edit::Answer {
                to: to.clone(),
                parent: parent.clone(),
            },
            comment: vec![answer.clone()],
        });
    }
    replies.sort_by_key(|c| (c.para, c.edit.range().map_or(0, |r| r.start)));
    replies.dedup_by(|a, b| {
        a.para == b.para
            && matches!((a.edit.range(), b.edit.range()), (Some(x), Some(y)) if x.start < y.end && y.start < x.end)
    });
    let tracking = crate::markup::Tracking {
        author: opts.author.clone(),
        date: opts.date.clone(),
    };
    let reply = crate::markup::docx::apply(&bytes, &paper, &replies, &tracking, true)
        .map_err(|d| d.in_file(path))?;

    // The files.
    let dir = format!("round-{n}");
    let mut files = Vec::new();
    let proposals_json = serde_json::to_string_pretty(&json!({
        "round": n,
        "file": name,
        "sha256": crate::output::sha256_hex(&bytes),
        "proposals": proposals,
    }))
    .unwrap_or_default();
    files.push((
        format!("{dir}/proposals.json"),
        format!("{proposals_json}\n").into_bytes(),
    ));
    files.push((
        format!("{dir}/proposals.md"),
        markdown(n, &name, &proposals, &adjusted, &valid).into_bytes(),
    ));
    let mut position_text = serde_json::to_string_pretty(&position).unwrap_or_default();
    position_text.push('\n');
    files.push((
        format!("{dir}/their-position.json"),
        position_text.into_bytes(),
    ));
    files.push((format!("{dir}/reply.docx"), reply));
    files.push((
        "negotiation.json".into(),
        history_after(history, n, &name, &bytes, &proposals, &our_json, ours.id()).into_bytes(),
    ));
    Ok(Round {
        n,
        proposals,
        files,
    })
}

/// Their position made whole where their uptime falls below our first credit tier: a
/// month above their commitment is no breach, so every tier's threshold above their
/// uptime comes down to it, and tiers that then share a threshold keep the highest
/// credit. What was adjusted, in a line each (none when nothing needed to be).
fn follow_uptime(position: &mut Value, ours: &Value) -> Vec<String> {
    let Some(uptime) = position["sla"]["uptime_pct"].as_f64() else {
        return Vec::new();
    };
    // Their tiers: as the position states them, else ours as resolved.
    let tiers = position["sla"]["credit_tiers"]
        .as_array()
        .or_else(|| ours["sla"]["credit_tiers"].as_array())
        .cloned()
        .unwrap_or_default();
    let pairs: Vec<(f64, f64)> = tiers
        .iter()
        .filter_map(|t| Some((t["below_pct"].as_f64()?, t["credit_pct"].as_f64()?)))
        .collect();
    if pairs.len() != tiers.len() || !pairs.iter().any(|(b, _)| *b > uptime) {
        return Vec::new();
    }
    let mut out: Vec<(f64, f64)> = Vec::new();
    for (below, credit) in &pairs {
        let below = below.min(uptime);
        match out.last_mut() {
            Some(last) if last.0 == below => last.1 = last.1.max(*credit),
            _ => out.push((below, *credit)),
        }
    }
    let show = |ts: &[(f64, f64)]| {
        ts.iter()
            .map(|(b, c)| format!("below {b}% {c}%"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let line = format!(
        "sla.credit_tiers follow their uptime of {uptime}% ({} → {})",
        show(&pairs),
        show(&out)
    );
    position["sla"]["credit_tiers"] = Value::Array(
        out.iter()
            .map(|(b, c)| json!({"below_pct": b, "credit_pct": c}))
            .collect(),
    );
    vec![line]
}

/// Why we do not accept a proposal, in the reply: the reason, our fallback where the
/// playbook has one, the rules.
fn not_accepted(p: &Proposal, fallback: &Value) -> Vec<String> {
    let mut out = vec![format!("Not accepted: {}.", p.reason.trim_end_matches('.'))];
    if let Some(f) = &p.field
        && let Some(fb) = get_field(fallback, f)
        && Some(fb) != p.ours.as_ref()
        && Some(fb) != p.theirs.as_ref()
    {
        out.push(format!(
            "We could accept {} (the playbook's fallback).",
            crate::intake::report::describe(f, fb)
        ));
    }
    if !p.rules.is_empty() {
        out.push(format!("Rules: {}.", p.rules.join(", ")));
    }
    out
}

/// Our answer to their comment, from its verdict: a term it proposes accepted (to be
/// made in the text) or not (with our fallback), red-flag language refused, or else our
/// position where it stands restated.
fn answer(p: &Proposal, fallback: &Value) -> Vec<String> {
    let says = |f: &str, v: &Value| crate::intake::report::describe(f, v);
    match (p.verdict, &p.field, &p.theirs) {
        (Some(Verdict::Reject), _, _) => not_accepted(p, fallback),
        (Some(_), Some(f), Some(v)) => vec![format!(
            "We can agree to {}: {}. Please make the change in the text, tracked, so that both sides sign the same words.",
            says(f, v),
            p.reason.trim_end_matches('.')
        )],
        _ => {
            let values: Vec<String> = p
                .ours
                .as_ref()
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|(f, v)| says(f, v))
                .collect();
            if values.is_empty() {
                vec!["Noted. Our position here stands as drafted.".into()]
            } else {
                vec![format!(
                    "Noted. Our position here stands as drafted: {}.",
                    values.join("; ")
                )]
            }
        }
    }
}

/// The verdict on one proposal, with its rules and reason.
fn judge(
    p: &mut Proposal,
    ours: &Value,
    fallback: &Value,
    terms: &crate::intake::Terms,
    rules: &RuleSet,
    phrases: &[&crate::check::rules::Phrase],
) {
    // The red-flag phrases in their words: (ids, what each is).
    let red_flags = |text: &str| -> (Vec<String>, String) {
        let hits = crate::check::paper_scan::scan(text, phrases);
        let mut ids: Vec<String> = Vec::new();
        let mut what: Vec<&str> = Vec::new();
        for h in hits {
            if let Some(ph) = phrases.iter().find(|x| x.id == h.phrase)
                && !ids.contains(&ph.id)
            {
                ids.push(ph.id.clone());
                what.push(ph.title.as_str());
            }
        }
        (ids, what.join("; "))
    };
    match p.kind {
        ProposalKind::Comment if p.field.is_none() => {
            let (flags, what) = red_flags(&p.inserted);
            if flags.is_empty() {
                p.reason = "their comment: our position restated in the reply (give your own answer with --decisions)".into();
            } else {
                p.verdict = Some(Verdict::Reject);
                p.reason = format!("red-flag language ({what})");
                p.rules = flags;
            }
        }
        ProposalKind::Term | ProposalKind::Comment => {
            let f = p.field.clone().unwrap_or_default();
            p.ours = get_field(ours, &f).cloned();
            p.theirs = p
                .theirs
                .clone()
                .or_else(|| crate::intake::value_in(&p.inserted, &f))
                .or_else(|| (!p.inserted.trim().is_empty()).then(|| json!(p.inserted.trim())));
            let bare = crate::intake::bare_path(&f);
            // The rules on this very field (a level's own rules for a severity level's time).
            let exact = |x: &str| x == f;
            let general = |x: &str| !x.contains('[') && crate::intake::bare_path(x) == bare;
            let on = |test: &dyn Fn(&str) -> bool| -> Vec<String> {
                rules
                    .rules
                    .iter()
                    .filter(|r| r.path.as_ref().is_some_and(|x| test(&x.text)))
                    .map(|r| format!("{} ({})", r.id, r.coverage))
                    .collect()
            };
            p.rules = on(&exact);
            if p.rules.is_empty() {
                p.rules = on(&general);
            }
            let (theirs, mine) = (
                p.theirs.as_ref().and_then(Value::as_f64),
                p.ours.as_ref().and_then(Value::as_f64),
            );
            let fb = get_field(fallback, &f).and_then(Value::as_f64);
            let better = terms.field(&bare).better;
            let no_worse = |t: f64, o: f64| match better {
                Some(Better::Higher) => t >= o,
                Some(Better::Lower) => t <= o,
                None => t == o,
            };
            let says = |v: Option<&Value>| {
                v.map_or_else(|| "none".into(), |v| crate::intake::report::describe(&f, v))
            };
            (p.verdict, p.reason) = match (theirs, mine) {
                _ if p.disagree.is_some() => (
                    Some(Verdict::Reject),
                    format!(
                        "the words and figures of their value disagree (\"{}\"): a value in doubt is read against us; state one",
                        p.disagree.as_deref().unwrap_or_default().trim()
                    ),
                ),
                _ if p.inserted.trim().is_empty() => (
                    Some(Verdict::Reject),
                    format!("they strike our {} ({})", bare, says(p.ours.as_ref())),
                ),
                (Some(t), Some(o)) if no_worse(t, o) => (
                    Some(Verdict::Accept),
                    format!(
                        "{} is no worse than our {}",
                        says(p.theirs.as_ref()),
                        says(p.ours.as_ref())
                    ),
                ),
                (Some(t), Some(_)) if better.is_some() && fb.is_some_and(|fb| no_worse(t, fb)) => (
                    Some(Verdict::Acceptable),
                    format!(
                        "{} is within the playbook's fallback ({})",
                        says(p.theirs.as_ref()),
                        says(get_field(fallback, &f))
                    ),
                ),
                _ => (
                    Some(Verdict::Reject),
                    format!(
                        "{} is below our walk-away position ({} at worst; we ask {})",
                        says(p.theirs.as_ref()),
                        says(get_field(fallback, &f)),
                        says(p.ours.as_ref())
                    ),
                ),
            };
        }
        ProposalKind::Wording | ProposalKind::Insertion => {
            let (flags, what) = red_flags(&p.inserted);
            if flags.is_empty() {
                p.verdict = Some(Verdict::Acceptable);
                p.reason = "their wording, with no red-flag language: read it".into();
            } else {
                p.verdict = Some(Verdict::Reject);
                p.reason = format!("red-flag language ({what})");
                p.rules = flags;
            }
        }
        ProposalKind::Deletion => {
            p.verdict = Some(Verdict::Reject);
            p.reason = "they strike words of our draft".into();
        }
        ProposalKind::Untracked => {
            p.verdict = Some(Verdict::Reject);
            let (flags, what) = red_flags(&p.inserted);
            p.reason = if flags.is_empty() {
                "changed with Track Changes off: not a proposal we can see marked; ask for it tracked".into()
            } else {
                format!("changed with Track Changes off, with red-flag language ({what})")
            };
            p.rules = flags;
        }
    }
}

/// Their file read with every tracked change rejected: insertions dropped, deletions kept,
/// a paragraph whose mark they inserted gone with its text.
fn rejected_view(bytes: &[u8], document: &str) -> Option<Paper> {
    use std::io::{Read, Write};
    let mut x = document.to_string();
    // Paragraphs whose mark they inserted: emptied (the reader leaves empty ones out).
    let mut from = 0;
    while let Some(i) = x[from..].find("<w:rPr><w:ins ").map(|i| from + i) {
        let start = x[..i].rfind("<w:p>").or_else(|| x[..i].rfind("<w:p "))?;
        let end = i + x[i..].find("</w:p>")? + "</w:p>".len();
        x.replace_range(start..end, "<w:p/>");
        from = start + 6;
    }
    // Insertions out, deletions in.
    while let Some(a) = x.find("<w:ins ") {
        let open_end = a + x[a..].find('>')?;
        if x[..=open_end].ends_with("/>") {
            x.replace_range(a..=open_end, "");
            continue;
        }
        let b = open_end + x[open_end..].find("</w:ins>")? + "</w:ins>".len();
        x.replace_range(a..b, "");
    }
    while let Some(a) = x.find("<w:del ") {
        let open_end = a + x[a..].find('>')?;
        x.replace_range(a..=open_end, "");
    }
    let x = x
        .replace("</w:del>", "")
        .replace("<w:delText", "<w:t")
        .replace("</w:delText>", "</w:t>")
        .replace("<w:delInstrText", "<w:instrText")
        .replace("</w:delInstrText>", "</w:instrText>");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).ok()?;
        let name = f.name().ok()?.to_string();
        if !(name == "word/document.xml"
            || name == "word/styles.xml"
            || name == "[Content_Types].xml")
        {
            continue;
        }
        let mut b = Vec::new();
        (&mut f)
            .take(crate::paper::MAX_PART_BYTES + 1)
            .read_to_end(&mut b)
            .ok()?;
        if name == "word/document.xml" {
            b = x.clone().into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .ok()?;
        out.write_all(&b).ok()?;
    }
    let bytes = out.finish().ok()?.into_inner();
    Paper::docx("rejected.docx", &bytes).ok()
}

/// The fields of our draft's values, by the hex of their bookmarks' names.
fn value_fields(doc: &crate::model::Document) -> Vec<(String, String)> {
    use crate::model::{Block, Inline};
    fn inl(xs: &[Inline], out: &mut Vec<String>) {
        for x in xs {
            match x {
                Inline::Value { field: Some(f), .. } => out.push(f.clone()),
                Inline::Strong { content } | Inline::Emph { content } | Inline::Ins { content } => {
                    inl(content, out)
                }
                _ => {}
            }
        }
    }
    fn blocks(bs: &[Block], out: &mut Vec<String>) {
        for b in bs {
            match b {
                Block::Paragraph { inlines } => inl(inlines, out),
                Block::List { items, .. } => items.iter().for_each(|i| blocks(i, out)),
                Block::Table { header, rows, .. } => {
                    for c in header.iter().chain(rows.iter().flatten()) {
                        inl(c, out);
                    }
                }
                Block::Revised { blocks: bs, .. } => blocks(bs, out),
            }
        }
    }
    let mut fields = Vec::new();
    inl(&doc.meta.subtitle, &mut fields);
    for (_, r) in &doc.meta.rows {
        inl(r, &mut fields);
    }
    for part in &doc.parts {
        blocks(&part.intro, &mut fields);
        for c in part.sections.iter().flat_map(|s| &s.clauses) {
            blocks(&c.blocks, &mut fields);
        }
    }
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .map(|f| {
            let name = crate::render::docx::value_bookmark(&f, 1);
            (name[4..12].to_string(), f)
        })
        .collect()
}

fn field_of_bookmark(name: &str, fields: &[(String, String)]) -> Option<String> {
    let hex = name.strip_prefix("_dd_")?.get(..8)?;
    fields
        .iter()
        .find(|(h, _)| h == hex)
        .map(|(_, f)| f.clone())
}

/// Where the raw offset `at` of `w:p` `p` falls in a paragraph's text.
fn point(para: &crate::paper::Paragraph, p: usize, at: usize) -> Option<usize> {
    para.sources
        .iter()
        .filter(|s| s.p == p && s.linear())
        .find(|s| s.raw.start <= at && at <= s.raw.end)
        .map(|s| s.text.start + (at - s.raw.start))
        .filter(|x| para.text.is_char_boundary(*x))
}

/// Where `inserted` stands in a paragraph's text: from the raw offset in `w:p` `p`, through
/// the paragraph's source map; else where those words are in it.
fn place(
    para: &crate::paper::Paragraph,
    p: usize,
    at: usize,
    inserted: &str,
) -> Option<std::ops::Range<usize>> {
    let want = inserted.split_whitespace().collect::<Vec<_>>().join(" ");
    if want.is_empty() {
        return None;
    }
    let text = &para.text;
    for s in para.sources.iter().filter(|s| s.p == p) {
        if s.raw.start <= at && at <= s.raw.end && s.linear() {
            let start = s.text.start + (at - s.raw.start);
            let end = start + want.len();
            if text.get(start..end) == Some(want.as_str()) {
                return Some(start..end);
            }
        }
    }
    text.find(&want).map(|i| i..i + want.len())
}

/// A deal field's value: `params.<clause>.<name>` (clause ids have dots) or a dotted path.
fn get_field<'v>(deal: &'v Value, field: &str) -> Option<&'v Value> {
    if let Some(rest) = field.strip_prefix("params.") {
        let (clause, name) = rest.rsplit_once('.')?;
        return deal.get("params")?.get(clause)?.get(name);
    }
    if field.contains('[') {
        // A list item by its key or place: `support.severities[level=P1].response_minutes`.
        return crate::check::rules::RulePath::parse(field)
            .ok()?
            .resolve(deal)
            .1;
    }
    field.split('.').try_fold(deal, |v, k| v.get(k))
}

fn set_field(deal: &mut Value, field: &str, value: Value) {
    if let Some(rest) = field.strip_prefix("params.")
        && let Some((clause, name)) = rest.rsplit_once('.')
    {
        let params = deal
            .as_object_mut()
            .map(|o| o.entry("params").or_insert_with(|| json!({})));
        if let Some(Value::Object(p)) = params {
            let c = p.entry(clause.to_string()).or_insert_with(|| json!({}));
            if let Value::Object(c) = c {
                c.insert(name.to_string(), value);
            }
        }
        return;
    }
    if field.contains('[') {
        // A list item by its key or place: `support.severities[level=P1].response_minutes`.
        let slot = crate::deal::path::Pattern::parse_single(field)
            .ok()
            .and_then(|p| p.get_mut(deal));
        if let Some(slot) = slot {
            *slot = value;
        }
        return;
    }
    crate::intake::set_path(deal, field, value);
}

/// How many rounds `negotiation.json` records.
fn round_number(history: Option<&str>, sha: &str) -> usize {
    let h = history.and_then(|h| serde_json::from_str::<Value>(h).ok());
    let rounds = h.as_ref().and_then(|v| v["rounds"].as_array());
    // The same file read again (with counsel's decisions, say) is the same round.
    rounds
        .and_then(|rs| {
            rs.iter()
                .find(|r| r["sha256"].as_str() == Some(sha))
                .and_then(|r| r["round"].as_u64())
        })
        .map(|r| r as usize)
        .unwrap_or_else(|| rounds.map_or(0, Vec::len) + 1)
}

/// `negotiation.json` with this round added: per round its file and SHA-256, per term its
/// value in each round and who proposed it.
fn history_after(
    history: Option<&str>,
    n: usize,
    file: &str,
    bytes: &[u8],
    proposals: &[Proposal],
    ours: &Value,
    deal_id: &str,
) -> String {
    let mut h: Value = history
        .and_then(|h| serde_json::from_str(h).ok())
        .unwrap_or_else(|| json!({"deal": deal_id, "rounds": [], "terms": {}}));
    // A round read again replaces what it recorded.
    if let Some(rounds) = h["rounds"].as_array_mut() {
        rounds.retain(|r| r["round"].as_u64() != Some(n as u64));
    }
    if let Some(terms) = h["terms"].as_object_mut() {
        for values in terms.values_mut() {
            if let Some(a) = values.as_array_mut() {
                a.retain(|v| v["round"].as_u64() != Some(n as u64));
            }
        }
        terms.retain(|_, v| v.as_array().is_none_or(|a| a.len() > 1));
    }
    if let Some(rounds) = h["rounds"].as_array_mut() {
        rounds.push(json!({
            "round": n,
            "file": file,
            "sha256": crate::output::sha256_hex(bytes),
            "proposals": proposals.len(),
            "rejected": proposals.iter().filter(|p| p.verdict == Some(Verdict::Reject)).count(),
        }));
        rounds.sort_by_key(|r| r["round"].as_u64());
    }
    for p in proposals.iter().filter(|p| p.proposes_term()) {
        let Some(f) = &p.field else { continue };
        let entry = h["terms"]
            .as_object_mut()
            .map(|t| t.entry(f.clone()).or_insert_with(|| json!([])));
        if let Some(Value::Array(a)) = entry {
            if a.is_empty() {
                a.push(json!({"round": 0, "value": get_field(ours, f), "by": "us"}));
            }
            a.push(json!({"round": n, "value": p.theirs, "by": p.author, "verdict": p.verdict}));
            a.sort_by_key(|v| v["round"].as_u64());
        }
    }
    let mut s = serde_json::to_string_pretty(&h).unwrap_or_default();
    s.push('\n');
    s
}

/// The proposals as Markdown.
fn markdown(
    n: usize,
    file: &str,
    proposals: &[Proposal],
    adjusted: &[String],
    valid: &Result<(), String>,
) -> String {
    let esc = |s: &str| crate::render::markdown::escape_text(s, false);
    let mut s = format!("# Round {n}: their proposals in {}\n\n", esc(file));
    let count = |v: Verdict| proposals.iter().filter(|p| p.verdict == Some(v)).count();
    s.push_str(&format!(
        "{} proposal{} ({} of them comments): {} to accept, {} acceptable (within the fallback), {} to reject, {} with no verdict (answered in the reply).\n\n",
        proposals.len(),
        if proposals.len() == 1 { "" } else { "s" },
        proposals.iter().filter(|p| p.kind == ProposalKind::Comment).count(),
        count(Verdict::Accept),
        count(Verdict::Acceptable),
        count(Verdict::Reject),
        proposals.iter().filter(|p| p.verdict.is_none()).count()
    ));
    for a in adjusted {
        s.push_str(&format!(
            "Their position, to be a whole deal: {}\n\n",
            esc(a)
        ));
    }
    if let Err(e) = valid {
        s.push_str(&format!(
            "Their position is not a valid deal as it stands: {}\n\n",
            esc(e)
        ));
    }
    s.push_str("| Id | Clause | Kind | Field | Ours → theirs | Verdict | Why |\n|---|---|---|---|---|---|---|\n");
    for p in proposals {
        let change = match p.kind {
            _ if p.proposes_term() => format!(
                "{} → {}",
                p.ours.as_ref().map_or("none".into(), |v| v.to_string()),
                p.theirs.as_ref().map_or("none".into(), |v| v.to_string())
            ),
            _ => format!("\"{}\" → \"{}\"", p.deleted.trim(), p.inserted.trim()),
        };
        let verdict = p.verdict.map_or("—", |v| match v {
            Verdict::Accept => "accept",
            Verdict::Acceptable => "acceptable",
            Verdict::Reject => "reject",
        });
        let kind = serde_json::to_value(p.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            p.id,
            esc(p.clause.as_deref().unwrap_or("—")),
            kind,
            esc(p.field.as_deref().unwrap_or("")),
            esc(&change),
            verdict,
            esc(&p.reason)
        ));
    }
    let answered: Vec<&Proposal> = proposals.iter().filter(|p| p.answer.is_some()).collect();
    if !answered.is_empty() {
        s.push_str("\n## Our answers in the reply\n\n| Id | Theirs | Our answer | By |\n|---|---|---|---|\n");
        for p in answered {
            let theirs = if p.kind == ProposalKind::Comment || p.deleted.trim().is_empty() {
                p.inserted.trim().to_string()
            } else {
                format!("\"{}\" → \"{}\"", p.deleted.trim(), p.inserted.trim())
            };
            s.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                p.id,
                esc(&theirs),
                esc(p.answer.as_deref().unwrap_or("")),
                match p.decided_by {
                    DecidedBy::Playbook => "playbook",
                    DecidedBy::Counsel => "counsel",
                }
            ));
        }
    }
    s
}

/// The history of `negotiation.json` as a table: per term, its value in each round.
/// `round --history DIR`: the table of `DIR/negotiation.json`.
pub fn history_of(dir: &std::path::Path) -> Result<String, Diagnostic> {
    let path = dir.join("negotiation.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Diagnostic::error(format!("cannot read the history: {e}")).in_file(&path))?;
    history_table(&text).map_err(|m| Diagnostic::error(m).in_file(&path))
}

pub fn history_table(text: &str) -> Result<String, String> {
    let h: Value =
        serde_json::from_str(text).map_err(|e| format!("not a negotiation history: {e}"))?;
    let rounds = h["rounds"].as_array().map_or(0, Vec::len);
    let mut s = format!(
        "Deal {}: {} round{}\n\n",
        h["deal"].as_str().unwrap_or("?"),
        rounds,
        if rounds == 1 { "" } else { "s" }
    );
    for r in h["rounds"].as_array().into_iter().flatten() {
        s.push_str(&format!(
            "round {}: {} (sha256 {}), {} proposals, {} rejected\n",
            r["round"],
            r["file"].as_str().unwrap_or(""),
            r["sha256"].as_str().unwrap_or(""),
            r["proposals"],
            r["rejected"]
        ));
    }
    s.push_str("\n| Term | Round | Value | By | Verdict |\n|---|---|---|---|---|\n");
    for (field, values) in h["terms"].as_object().into_iter().flatten() {
        for v in values.as_array().into_iter().flatten() {
            s.push_str(&format!(
                "| {field} | {} | {} | {} | {} |\n",
                v["round"],
                v["value"],
                v["by"].as_str().unwrap_or(""),
                v["verdict"].as_str().unwrap_or("")
            ));
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A proposal on a list item by its key or place is written to that item, in the path
    /// language `check` reads it in.
    #[test]
    fn a_field_of_a_list_item_is_set_by_its_key_or_place() {
        let mut deal = json!({"support": {"severities": [
            {"level": "P1", "response_minutes": 60},
            {"level": "P2", "response_minutes": 240}
        ]}});
        set_field(
            &mut deal,
            "support.severities[level=P2].response_minutes",
            json!(120),
        );
        set_field(
            &mut deal,
            "support.severities[0].response_minutes",
            json!(30),
        );
        set_field(
            &mut deal,
            "support.severities[level=P9].response_minutes",
            json!(1),
        );
        assert_eq!(
            deal["support"]["severities"],
            json!([
                {"level": "P1", "response_minutes": 30},
                {"level": "P2", "response_minutes": 120}
            ])
        );
        let path = "support.severities[level=P2].response_minutes";
        assert_eq!(get_field(&deal, path), Some(&json!(120)));
    }
}
