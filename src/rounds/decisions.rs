//! Counsel's decisions on a round (`round --decisions FILE`): a verdict that overrides the
//! playbook's, and an answer in counsel's words, by proposal id.
//!
//! ```json
//! {
//!   "r1-2": { "verdict": "accept" },
//!   "r1-5": "We can meet to discuss this clause next week.",
//!   "r1-3": { "verdict": "reject", "answer": "Our board requires 99.9%." }
//! }
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::{Proposal, ProposalKind, Verdict};
use crate::Diagnostic;
use crate::deal::Source;
use crate::diagnostics::{JsonPath, did_you_mean};

/// Counsel's word on one proposal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decision {
    /// The verdict, over the playbook's.
    pub verdict: Option<Verdict>,
    /// The answer, in counsel's words: the comment in the reply.
    pub answer: Option<String>,
}

/// Decisions by proposal id, with the file they came from (to point at an entry).
#[derive(Debug, Clone, Default)]
pub struct Decisions {
    /// By proposal id (`r1-3`).
    pub by_id: BTreeMap<String, Decision>,
    source: Option<Source>,
}

impl Decisions {
    /// Reads a decisions file.
    pub fn read(path: &Path) -> Result<Decisions, Diagnostic> {
        let source = Source::read(path)?;
        let mut by_id = BTreeMap::new();
        let at = |p: JsonPath, d: Diagnostic| source.place(d.at(p));
        let Value::Object(map) = &source.json else {
            return Err(at(
                JsonPath::root(),
                Diagnostic::error("the decisions file is not a JSON object")
                    .help("write {\"r1-3\": {\"verdict\": \"accept\"}, \"r1-5\": \"our answer\"}"),
            ));
        };
        for (id, v) in map {
            let here = JsonPath::root().key(id);
            let d = match v {
                Value::String(s) => Decision {
                    verdict: None,
                    answer: Some(s.clone()),
                },
                Value::Object(o) => {
                    let mut d = Decision::default();
                    for (k, x) in o {
                        let there = here.key(k);
                        match (k.as_str(), x) {
                            ("verdict", Value::String(s)) => {
                                d.verdict = Some(match s.as_str() {
                                    "accept" => Verdict::Accept,
                                    "acceptable" => Verdict::Acceptable,
                                    "reject" => Verdict::Reject,
                                    _ => {
                                        let mut e = Diagnostic::error(format!(
                                            "verdict \"{s}\" is not one of accept, acceptable, reject"
                                        ));
                                        if let Some(m) =
                                            did_you_mean(s, ["accept", "acceptable", "reject"])
                                        {
                                            e = e.help(format!("did you mean \"{m}\"?"));
                                        }
                                        return Err(at(there, e));
                                    }
                                });
                            }
                            ("answer", Value::String(s)) => d.answer = Some(s.clone()),
                            ("verdict" | "answer", _) => {
                                return Err(at(
                                    there,
                                    Diagnostic::error(format!("`{k}` must be a string")),
                                ));
                            }
                            _ => {
                                let mut e = Diagnostic::error(format!(
                                    "a decision has no field `{k}`; allowed: verdict, answer"
                                ));
                                if let Some(m) = did_you_mean(k, ["verdict", "answer"]) {
                                    e = e.help(format!("did you mean `{m}`?"));
                                }
                                return Err(at(there, e));
                            }
                        }
                    }
                    d
                }
                _ => {
                    return Err(at(
                        here,
                        Diagnostic::error(
                            "a decision is an answer (a string) or {\"verdict\": …, \"answer\": …}",
                        ),
                    ));
                }
            };
            if d.answer.as_deref().is_some_and(|a| a.trim().is_empty()) {
                return Err(at(here, Diagnostic::error("the answer is empty")));
            }
            by_id.insert(id.clone(), d);
        }
        Ok(Decisions {
            by_id,
            source: Some(source),
        })
    }

    /// Checks the decisions against the round's proposals: every id is one of them, a
    /// verdict is given only where a proposal can have one (not on a plain comment), and an
    /// answer only where the reply has a comment to carry it (their comment, or a change of
    /// theirs we revert).
    pub fn check(&self, proposals: &[Proposal]) -> Result<(), Diagnostic> {
        let ids: Vec<&str> = proposals.iter().map(|p| p.id.as_str()).collect();
        let at = |id: &str, d: Diagnostic| {
            let d = d.at(JsonPath::root().key(id));
            match &self.source {
                Some(s) => s.place(d),
                None => d,
            }
        };
        for (id, d) in &self.by_id {
            let Some(p) = proposals.iter().find(|p| p.id == *id) else {
                let mut e = Diagnostic::error(format!(
                    "this round has no proposal {id}; its proposals are {}",
                    summary(&ids)
                ));
                if let Some(m) = did_you_mean(id, ids.iter().copied()) {
                    e = e.help(format!("did you mean {m}?"));
                }
                return Err(at(id, e));
            };
            let plain_comment = p.kind == ProposalKind::Comment && p.field.is_none();
            if d.verdict.is_some() && plain_comment {
                return Err(at(
                    id,
                    Diagnostic::error(format!(
                        "{id} is a comment that proposes no term: it takes an answer, not a verdict"
                    )),
                ));
            }
            let verdict = d.verdict.or(p.verdict);
            if d.answer.is_some()
                && p.kind != ProposalKind::Comment
                && verdict != Some(Verdict::Reject)
            {
                return Err(at(
                    id,
                    Diagnostic::error(format!(
                        "{id} is accepted: the reply keeps their change and has no comment of ours to carry an answer"
                    ))
                    .help("answer a comment of theirs, or a change you reject"),
                ));
            }
        }
        Ok(())
    }
}

fn summary(ids: &[&str]) -> String {
    match ids {
        [] => "none".into(),
        [a] => (*a).into(),
        [a, .., z] => format!("{a} to {z}"),
    }
}
