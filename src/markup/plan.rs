//! What to change in the vendor's paper: its terms (read by intake) weighed against our
//! resolved deal, its red-flag phrases, the exclusions our deal does not accept, and the
//! protections it is silent on that our deal has. Each change is placed in a paragraph
//! of the paper and explains itself.

use serde_json::Value;

use crate::Library;
use crate::check::rules::{Phrase, Rule, RuleSet, Severity};
use crate::intake::{Better, Intake, Terms};
use crate::paper::Paper;
use crate::resolve::Resolved;

use super::{Change, Edit};

/// One change, with what the summary says of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    /// The change.
    pub change: Change,
    /// The paper's clause it is made in ("4.2 Service Credits").
    pub section: String,
    /// What changes, in words ("99.5% → 99.9%", "struck: \"sole and exclusive remedy\"").
    pub what: String,
    /// Why, in one line.
    pub why: String,
    /// The rule (or phrase) id and its coverage row: `sla.uptime-low (SLA-1)`.
    pub rule: String,
    /// The deal field a changed value is of (`sla.uptime_pct`,
    /// `support.severities[level=P1].response_minutes`).
    pub field: Option<String>,
}

/// A term of the paper better for the customer than our deal's: kept, never lowered.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    /// The term, in words.
    pub label: String,
    /// The paper's value, in words.
    pub theirs: String,
    /// Our deal's, in words.
    pub ours: String,
    /// Where the paper states it.
    pub place: String,
}

/// Something of the paper markup saw and did not change, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Left {
    /// Where.
    pub place: String,
    /// What and why.
    pub note: String,
}

/// Everything markup will do to one paper.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// The changes, in paper order (inserts after the paragraph they follow).
    pub changes: Vec<Planned>,
    /// The paper's better terms, kept.
    pub kept: Vec<Kept>,
    /// What was seen and left alone.
    pub left: Vec<Left>,
}

/// Weighs the paper against our deal.
pub fn plan(
    paper: &Paper,
    intake: &Intake,
    ours: &Resolved,
    terms: &Terms,
    rules: &RuleSet,
    library: &Library,
) -> Plan {
    let mut plan = Plan::default();
    let our_json = serde_json::to_value(&ours.deal).unwrap_or(Value::Null);
    let at = |path: &str| path.split('.').try_fold(&our_json, |v, k| v.get(k));
    let section_of = |para: usize| {
        intake
            .sections
            .iter()
            .rev()
            .find(|s| s.first <= para)
            .map_or_else(|| "the opening text".to_string(), |s| s.title())
    };
    let names = Names::of(intake);

    // 1. Numbers and periods that fall short of our deal: changed where they stand.
    for f in &intake.found {
        let Some(better) = terms.field(&f.field).better else {
            continue;
        };
        // Where more is better and our deal sets no limit (`null`: no cap), the paper's
        // limit goes: the sentence that states it is struck, if it states nothing else.
        if better == Better::Higher
            && f.value.is_number()
            && at(&f.field).is_some_and(Value::is_null)
            && let Some(start) = paper.paragraphs[f.para].text.find(f.quote.as_str())
        {
            let para = &paper.paragraphs[f.para];
            let end = start + f.quote.len();
            let alone = !intake.found.iter().any(|g| {
                g.para == f.para
                    && g.field != f.field
                    && g.span
                        .as_ref()
                        .is_some_and(|r| start <= r.start && r.end <= end)
            });
            let label = crate::intake::report::label(library, &f.field);
            let theirs_words = crate::intake::report::describe(&f.field, &f.value);
            if !alone || para.cells.is_some() {
                plan.left.push(Left {
                    place: f.place.to_string(),
                    note: format!(
                        "{label}: the paper sets {theirs_words} and our deal none, but the sentence states more than that; strike the limit by hand"
                    ),
                });
                continue;
            }
            // The space before the sentence goes with it.
            let start = if start > 0 && para.text[..start].ends_with(' ') {
                start - 1
            } else {
                start
            };
            let rule = rule_for(rules, &f.field);
            let mut comment = vec![format!(
                "Struck: our deal sets no {} (the paper: {theirs_words}).",
                lower_first(&label)
            )];
            comment.extend(rule_comment(rule, &intake.deal));
            plan.changes.push(Planned {
                change: Change {
                    para: f.para,
                    edit: Edit::Replace {
                        range: start..end,
                        with: String::new(),
                    },
                    comment,
                },
                section: section_of(f.para),
                what: format!("{label}: struck \"{}\"", f.quote.trim()),
                why: rule.map_or_else(
                    || format!("Our deal sets no {}.", lower_first(&label)),
                    |r| first_sentence(&r.why),
                ),
                rule: rule.map_or_else(String::new, rule_id),
                field: Some(f.field.clone()),
            });
            continue;
        }
        let (Some(theirs), Some(mine)) = (f.value.as_f64(), at(&f.field).and_then(Value::as_f64))
        else {
            continue;
        };
        let label = crate::intake::report::label(library, &f.field);
        let theirs_words = crate::intake::report::describe(&f.field, &f.value);
        let ours_words = crate::intake::report::describe(&f.field, &serde_json::json!(mine));
        let ours_better = match better {
            Better::Higher => mine > theirs,
            Better::Lower => mine < theirs,
        };
        let theirs_better = match better {
            Better::Higher => theirs > mine,
            Better::Lower => theirs < mine,
        };
        if theirs_better {
            plan.kept.push(Kept {
                label,
                theirs: theirs_words,
                ours: ours_words,
                place: f.place.to_string(),
            });
            continue;
        }
        if !ours_better {
            continue;
        }
        let para = &paper.paragraphs[f.para];
        let restated = f
            .span
            .clone()
            .filter(|r| para.text.get(r.clone()).is_some())
            .and_then(|r| restate(&para.text[r.clone()], theirs, mine).map(|w| (r, w)));
        let Some((range, with)) = restated else {
            plan.left.push(Left {
                place: f.place.to_string(),
                note: format!(
                    "{label}: the paper's {theirs_words} falls short of our {ours_words}, but where it is written could not be told apart from the sentence; change it by hand"
                ),
            });
            continue;
        };
        let rule = rule_for(rules, &f.field);
        let was = para.text[range.clone()].to_string();
        let mut comment = vec![format!(
            "Our position: {} {ours_words} (the paper: {theirs_words}).",
            lower_first(&label)
        )];
        comment.extend(rule_comment(rule, &intake.deal));
        plan.changes.push(Planned {
            change: Change {
                para: f.para,
                edit: Edit::Replace {
                    range,
                    with: with.clone(),
                },
                comment,
            },
            section: section_of(f.para),
            what: format!("{label}: \"{was}\" → \"{with}\""),
            why: rule.map_or_else(
                || format!("Our deal asks {ours_words}."),
                |r| first_sentence(&r.why),
            ),
            rule: rule.map_or_else(String::new, rule_id),
            field: Some(f.field.clone()),
        });
    }

    // 1b. The times of the severity levels, where each is written.
    let our_levels: Vec<Value> = at("support.severities")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for pl in &intake.placed {
        let Some((level, leaf)) = pl
            .field
            .strip_prefix("support.severities[level=")
            .and_then(|r| r.split_once("]."))
        else {
            continue;
        };
        let Some(mine) = our_levels
            .iter()
            .find(|l| l["level"] == level)
            .and_then(|l| l[leaf].as_f64())
        else {
            continue;
        };
        let what_is = |m: f64| crate::wording::duration_minutes(m.round() as u64);
        let noun = if leaf == "response_minutes" {
            "response"
        } else {
            "status-update interval"
        };
        let label = format!("{level} {noun}");
        if pl.value < mine {
            plan.kept.push(Kept {
                label,
                theirs: what_is(pl.value),
                ours: what_is(mine),
                place: place(paper, pl.para, pl.span.start),
            });
            continue;
        }
        if pl.value <= mine {
            continue;
        }
        let para = &paper.paragraphs[pl.para];
        let Some(was) = para.text.get(pl.span.clone()) else {
            continue;
        };
        let Some(with) = restate(was, pl.value, mine) else {
            plan.left.push(Left {
                place: place(paper, pl.para, pl.span.start),
                note: format!(
                    "{label}: the paper's {} falls short of our {}, but could not be written in its form; change it by hand",
                    what_is(pl.value),
                    what_is(mine)
                ),
            });
            continue;
        };
        let rule = rule_at(rules, &format!("support.severities[level={level}].{leaf}"));
        let mut comment = vec![format!(
            "Our position: {label} {} (the paper: {}).",
            what_is(mine),
            what_is(pl.value)
        )];
        comment.extend(rule_comment(rule, &intake.deal));
        plan.changes.push(Planned {
            change: Change {
                para: pl.para,
                edit: Edit::Replace {
                    range: pl.span.clone(),
                    with: with.clone(),
                },
                comment,
            },
            section: section_of(pl.para),
            what: format!("{label}: \"{was}\" → \"{with}\""),
            why: rule.map_or_else(
                || format!("Our deal asks {}.", what_is(mine)),
                |r| first_sentence(&r.why),
            ),
            rule: rule.map_or_else(String::new, rule_id),
            field: Some(format!("support.severities[level={level}].{leaf}")),
        });
    }

    // 2. Red-flag phrases: struck, or replaced where the playbook has the words.
    let negation: Vec<String> = terms
        .words("negation")
        .iter()
        .filter(|w| w.len() == 1)
        .map(|w| w[0].clone())
        .collect();
    let phrases: Vec<&Phrase> = rules
        .phrases
        .iter()
        .filter(|p| p.severity != Severity::Off)
        .collect();
    for (i, para) in paper.paragraphs.iter().enumerate() {
        if para.heading.is_some() {
            continue;
        }
        for h in crate::check::paper_scan::scan(&para.text, &phrases) {
            if crate::check::negated(&para.text, h.start, &negation)
                || crate::check::in_quotes(&para.text, h.start, h.end)
            {
                continue;
            }
            let Some(p) = phrases.iter().find(|p| p.id == h.phrase) else {
                continue;
            };
            let place = place(paper, i, h.start);
            let Some((range, with)) = rewrite(&para.text, h.start, h.end, p) else {
                plan.left.push(Left {
                    place,
                    note: format!(
                        "\"{}\": {}; the playbook has no words to put in its place here, so it is flagged in the summary and left for counsel to redraft",
                        h.text,
                        lower_first(&p.title)
                    ),
                });
                continue;
            };
            let was = para.text[range.clone()].to_string();
            let what = if with.is_empty() {
                format!("struck: \"{was}\"")
            } else {
                format!("\"{was}\" → \"{with}\"")
            };
            let mut comment = vec![format!("{}.", p.title.trim_end_matches('.'))];
            comment.push(format!("The playbook asks: {}", p.answer));
            comment.push(format!("Why: {}", p.why));
            comment.push(format!("Phrase {} ({}).", p.id, p.coverage));
            plan.changes.push(Planned {
                change: Change {
                    para: i,
                    edit: Edit::Replace { range, with },
                    comment,
                },
                section: section_of(i),
                what,
                why: first_sentence(&p.why),
                rule: format!("{} ({})", p.id, p.coverage),
                field: None,
            });
        }
    }

    // 3. Exclusions our deal does not accept: struck (a list item whole, else its words).
    let accepted: Vec<String> = at("sla.exclusions")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    for e in &intake.excluded {
        if accepted.contains(&e.value) {
            continue;
        }
        let exclusion_rule = rule_for_item(rules, "sla.exclusions", &e.value);
        let para = &paper.paragraphs[e.para];
        let whole = para.list && para.cells.is_none();
        let range = if whole {
            0..para.text.len()
        } else if para.cells.is_some() {
            // A row: the cell that names it.
            cell_of(&para.text, e.words.clone())
        } else {
            e.words.clone()
        };
        let label =
            crate::intake::report::describe("sla.exclusions", &Value::from(e.value.clone()));
        let mut comment = vec![format!(
            "Struck: our deal does not accept {label} as an exclusion from downtime."
        )];
        comment.extend(rule_comment(exclusion_rule, &intake.deal));
        let was = para.text[range.clone()].to_string();
        plan.changes.push(Planned {
            change: Change {
                para: e.para,
                edit: Edit::Replace {
                    range,
                    with: String::new(),
                },
                comment,
            },
            section: section_of(e.para),
            what: format!("exclusion struck ({label}): \"{was}\""),
            why: exclusion_rule.map_or_else(
                || "Our deal does not accept it.".into(),
                |r| first_sentence(&r.why),
            ),
            rule: exclusion_rule.map_or_else(String::new, rule_id),
            field: Some("sla.exclusions".into()),
        });
    }

    // 4. Protections the paper is silent on that our deal has: our clause inserted after
    //    the paper's section on the subject.
    // Our drafts are assembled only when a protection is to be inserted.
    let mut drafts: Option<Drafts> = None;
    for s in &intake.silent {
        let Some(rule) = rule_for(rules, &s.field) else {
            continue;
        };
        let has = at(&s.field).is_some_and(|v| match v {
            Value::Null | Value::Bool(false) => false,
            Value::Array(a) => !a.is_empty(),
            _ => true,
        });
        if !has {
            continue;
        }
        let drafts = drafts.get_or_insert_with(|| Drafts::of(ours, library));
        let Some((title, paragraphs)) = drafts.clause(&rule.clause) else {
            plan.left.push(Left {
                place: "—".into(),
                note: format!(
                    "the paper is silent on {}, and our draft has no clause {} to insert",
                    lower_first(&crate::intake::report::label(library, &s.field)),
                    rule.clause
                ),
            });
            continue;
        };
        let paragraphs: Vec<String> = paragraphs.iter().map(|p| names.apply(p)).collect();
        let area = crate::intake::area_of(&s.field);
        let anchor = intake
            .found
            .iter()
            .filter(|f| crate::intake::area_of(&f.field) == area)
            .map(|f| f.section)
            .max()
            .map(|sec| last_paragraph_of(intake, paper, sec));
        let (para, heading) = match anchor {
            Some(p) => (p, Some((sub_level(paper, p), title.clone()))),
            None => (
                paper.paragraphs.len().saturating_sub(1),
                Some((top_level(paper), title.clone())),
            ),
        };
        let mut comment = vec![format!("Inserted: the paper is silent here. {}", s.means)];
        comment.extend(rule_comment(Some(rule), &intake.deal));
        if let Some(note) = names.note() {
            comment.push(note);
        }
        plan.changes.push(Planned {
            change: Change {
                para,
                edit: Edit::Insert {
                    heading,
                    paragraphs,
                },
                comment,
            },
            section: section_of(para),
            what: format!("inserted: {title}"),
            why: first_sentence(&rule.why),
            rule: rule_id(rule),
            field: Some(s.field.clone()),
        });
    }

    // Paper order; of two changes that overlap, the first stands.
    plan.changes.sort_by_key(|c| {
        (
            c.change.para,
            matches!(c.change.edit, Edit::Insert { .. }),
            c.change.edit.range().map_or(usize::MAX, |r| r.start),
        )
    });
    let mut kept: Vec<Planned> = Vec::new();
    for c in std::mem::take(&mut plan.changes) {
        let overlaps = kept.iter().any(|k| {
            k.change.para == c.change.para
                && match (k.change.edit.range(), c.change.edit.range()) {
                    (Some(a), Some(b)) => a.start < b.end && b.start < a.end,
                    _ => false,
                }
        });
        if overlaps {
            plan.left.push(Left {
                place: place(paper, c.change.para, 0),
                note: format!("{} (within a change already made)", c.what),
            });
            continue;
        }
        kept.push(c);
    }
    plan.changes = kept;

    // 5. What `check --paper` finds that no change answers: said, for counsel.
    let report = crate::check::check_paper(paper, intake, rules, terms, library);
    for f in report.findings {
        if !matches!(f.severity, Severity::Error | Severity::Warning) {
            continue;
        }
        // By the same rule or phrase, or by a change of the value the finding is about.
        let answered = plan.changes.iter().any(|c| {
            c.rule.split(' ').next() == Some(f.rule.as_str())
                || f.also
                    .iter()
                    .any(|a| c.rule.split(' ').next() == Some(a.as_str()))
                || (c.field.as_deref() != Some("sla.exclusions")
                    && c.field.is_some()
                    && c.field == f.path.as_deref().map(|p| by_level(p, &intake.deal)))
        });
        if answered {
            continue;
        }
        let place = match &f.location {
            Some(l) if paper.name.to_lowercase().ends_with(".docx") => {
                format!("{}, paragraph {}", l.file, l.line)
            }
            Some(l) => format!("{}:{}:{}", l.file, l.line, l.column),
            None => f.section.clone().unwrap_or_else(|| "(silent)".into()),
        };
        plan.left.push(Left {
            place,
            note: format!(
                "{} ({}, {}): not changed by markup. The playbook's answer: {}",
                f.title.trim_end_matches('.'),
                f.rule,
                f.coverage,
                f.answer
            ),
        });
    }
    plan
}

/// Where in the paper: `file:line:column`, or `file, paragraph N` for Word.
fn place(paper: &Paper, para: usize, offset: usize) -> String {
    let Some(p) = paper.paragraphs.get(para) else {
        return paper.name.clone();
    };
    let (line, column) = p.place(offset);
    if paper.name.to_lowercase().ends_with(".docx") {
        format!("{}, paragraph {line}", paper.name)
    } else {
        format!("{}:{line}:{column}", paper.name)
    }
}

/// The rule that tests a field (a comparison on that path), preferring errors.
fn rule_for<'r>(rules: &'r RuleSet, field: &str) -> Option<&'r Rule> {
    let bare = crate::intake::bare_path(field);
    let mut found: Vec<&Rule> = rules
        .rules
        .iter()
        .filter(|r| r.severity != Severity::Off)
        .filter(|r| {
            r.path
                .as_ref()
                .is_some_and(|p| crate::intake::bare_path(&p.text) == bare)
        })
        .collect();
    found.sort_by_key(|r| (r.severity != Severity::Error, r.id.clone()));
    found.into_iter().next()
}

/// A path into the severity levels by index (`support.severities[0].response_minutes`, as
/// `check` reports it) by level instead (`support.severities[level=P1].response_minutes`),
/// the level read from `deal`.
fn by_level(path: &str, deal: &Value) -> String {
    let Some(rest) = path.strip_prefix("support.severities[") else {
        return path.to_string();
    };
    let Some((index, tail)) = rest.split_once(']') else {
        return path.to_string();
    };
    match index
        .parse::<usize>()
        .ok()
        .and_then(|i| deal["support"]["severities"][i]["level"].as_str())
    {
        Some(level) => format!("support.severities[level={level}]{tail}"),
        None => path.to_string(),
    }
}

/// The rule on exactly this path (`support.severities[level=P1].response_minutes`),
/// preferring errors.
fn rule_at<'r>(rules: &'r RuleSet, path: &str) -> Option<&'r Rule> {
    let mut found: Vec<&Rule> = rules
        .rules
        .iter()
        .filter(|r| r.severity != Severity::Off && r.path.as_ref().is_some_and(|p| p.text == path))
        .collect();
    found.sort_by_key(|r| (r.severity != Severity::Error, r.id.clone()));
    found.into_iter().next()
}

fn rule_id(r: &Rule) -> String {
    format!("{} ({})", r.id, r.coverage)
}

/// A rule's part of a comment: what the playbook asks, why, the fallback, the rule; its
/// `{value}` and `{threshold}` filled in from the vendor's position (`theirs`, the deal
/// intake read) as `check --paper` fills them.
fn rule_comment(rule: Option<&Rule>, theirs: &Value) -> Vec<String> {
    let Some(r) = rule else {
        return Vec::new();
    };
    let value = r.path.as_ref().and_then(|p| p.resolve(theirs).1);
    let fill = |t: &str| crate::check::fill(t, r, value, theirs);
    let mut out = vec![format!("The playbook asks: {}", fill(&r.ask))];
    out.push(format!("Why: {}", fill(&r.why)));
    if !r.fallback.is_empty() {
        out.push(format!("Fallback we would accept: {}", fill(&r.fallback)));
    }
    out.push(format!("Rule {} ({}).", r.id, r.coverage));
    out
}

/// The rule on a list field that is about one of its items (`contains` it).
fn rule_for_item<'r>(rules: &'r RuleSet, field: &str, item: &str) -> Option<&'r Rule> {
    use crate::check::rules::{Logic, Test};
    rules.rules.iter().find(|r| {
        r.severity != Severity::Off
            && r.path.as_ref().is_some_and(|p| p.text == field)
            && match &r.logic {
                Logic::Compare(Test::Contains(v)) => v.as_str() == Some(item),
                Logic::Compare(Test::ContainsAny(vs)) => {
                    vs.iter().any(|v| v.as_str() == Some(item))
                }
                _ => false,
            }
    })
}

fn first_sentence(s: &str) -> String {
    match s.find(". ") {
        Some(i) => s[..=i].to_string(),
        None => s.to_string(),
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        // An acronym ("SLA", "P1") keeps its capitals.
        Some(_) if c.clone().next().is_some_and(char::is_uppercase) => s.to_string(),
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Our value written as the paper wrote theirs: `written` is the paper's words for
/// `theirs` ("99.5%", "thirty (30) days", "4 hours"); the unit the paper used is kept
/// where our value is a whole number of it, and figures in words are written in words and
/// figures again. `None` when the words are not one value.
pub fn restate(written: &str, theirs: f64, ours: f64) -> Option<String> {
    use crate::intake::lex::{Tok, lex};
    let toks = lex(written);
    let [t] = toks.as_slice() else {
        return None;
    };
    let words_and_figures = written.contains('(') && written.chars().any(|c| c.is_alphabetic());
    let whole = |x: f64| (x - x.round()).abs() < 1e-9 && (0.0..1e15).contains(&x);
    let figure = |x: f64| crate::wording::decimal(x);
    let both = |x: f64| {
        if words_and_figures && whole(x) {
            format!(
                "{} ({})",
                crate::wording::number_words(x.round() as u64),
                figure(x)
            )
        } else {
            figure(x)
        }
    };
    match &t.tok {
        Tok::Percent(p) => {
            // The paper's value may be a share read from the percent (the same number).
            let x = if (*p - theirs).abs() < 1e-9 {
                ours
            } else {
                ours * p / theirs
            };
            let lower = written.to_lowercase();
            let words = |x: f64| crate::wording::number_words(x.round() as u64);
            if words_and_figures && whole(x) && lower.contains("%)") {
                // "seven percent (7%)"
                let per = if lower.contains("per cent") {
                    "per cent"
                } else {
                    "percent"
                };
                Some(format!("{} {per} ({}%)", words(x), figure(x)))
            } else if lower.contains("per cent") {
                Some(format!("{} per cent", both(x)))
            } else if lower.contains("percent") {
                Some(format!("{} percent", both(x)))
            } else if words_and_figures && whole(x) {
                Some(format!(
                    "{} percent ({}%)",
                    crate::wording::number_words(x.round() as u64),
                    figure(x)
                ))
            } else {
                Some(format!("{}%", figure(x)))
            }
        }
        Tok::Duration { value, .. } => {
            if theirs == 0.0 {
                return None;
            }
            let x = ours * value / theirs;
            if !whole(x) || x == 0.0 {
                return None;
            }
            // The unit as the paper wrote it: the words after the figures.
            let unit = written
                .rsplit(|c: char| c.is_ascii_digit() || c == ')')
                .next()
                .map(str::trim)
                .filter(|u| {
                    !u.is_empty() && u.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-')
                })?;
            // A whole number of a larger unit reads better ("7 days", not "168 hours").
            let lower = unit.to_lowercase();
            let (x, unit) = match lower.as_str() {
                // "24 hours", "48 hours" and "72 hours" are how such periods are written.
                "hours" | "hour" | "clock hours" if x > 72.0 && whole(x / 24.0) => {
                    (x / 24.0, "days")
                }
                "minutes" | "minute" if x >= 60.0 && whole(x / 60.0) => (x / 60.0, "hours"),
                _ => (x, unit),
            };
            let unit = if x == 1.0 {
                unit.strip_suffix('s').unwrap_or(unit).to_string()
            } else if *value == 1.0 && !unit.ends_with('s') {
                format!("{unit}s")
            } else {
                unit.to_string()
            };
            // "an hour": the article stood for the figure.
            Some(format!("{} {unit}", both(x)))
        }
        Tok::Number(n) => {
            if theirs == 0.0 {
                return None;
            }
            Some(both(ours * n / theirs))
        }
        _ => None,
    }
}

/// A rewrite of a red-flag phrase at `start..end` of `text`: the phrase's own words for
/// it where it has them (`replace` in the rules file: a wider stretch around it, and what
/// to put in its place), else nothing.
fn rewrite(
    text: &str,
    start: usize,
    end: usize,
    p: &Phrase,
) -> Option<(std::ops::Range<usize>, String)> {
    let words = crate::check::paper_scan::words(text);
    for (from, to) in &p.replace {
        let want = crate::check::paper_scan::words_of(from);
        let n = want.len();
        for i in 0..words.len() {
            if i + n > words.len() {
                break;
            }
            let (a, b) = (words[i].start, words[i + n - 1].end);
            if a > start || b < end {
                continue;
            }
            if want
                .iter()
                .zip(&words[i..i + n])
                .all(|(w, x)| w == "*" || *w == x.lower)
            {
                // Striking words out of a sentence takes the space before them too.
                let (a, to) = if to.is_empty() && a > 0 && text[..a].ends_with(' ') {
                    (a - 1, String::new())
                } else {
                    (a, same_case(&text[a..b], to))
                };
                return Some((a..b, to));
            }
        }
    }
    None
}

/// `to` capitalised as `was` is.
fn same_case(was: &str, to: &str) -> String {
    if was.chars().next().is_some_and(char::is_uppercase) {
        let mut c = to.chars();
        match c.next() {
            Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
            None => String::new(),
        }
    } else {
        to.to_string()
    }
}

/// The cell of a row's text (cells joined by ` | `) that holds `r`.
fn cell_of(text: &str, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let start = text[..r.start].rfind(" | ").map_or(0, |i| i + 3);
    let end = text[r.end..].find(" | ").map_or(text.len(), |i| r.end + i);
    start..end
}

/// The last paragraph of a section of the paper (before the next heading).
fn last_paragraph_of(intake: &Intake, paper: &Paper, section: usize) -> usize {
    let next = intake
        .sections
        .get(section + 1)
        .map_or(paper.paragraphs.len(), |s| s.first);
    next.saturating_sub(1)
}

/// The heading level one below the heading above paragraph `p` (a subsection of it).
fn sub_level(paper: &Paper, p: usize) -> u8 {
    paper.paragraphs[..=p.min(paper.paragraphs.len().saturating_sub(1))]
        .iter()
        .rev()
        .find_map(|x| x.heading)
        .map_or(1, |l| (l + 1).min(9))
}

/// The paper's top heading level in use (2 when its title is the only level 1).
fn top_level(paper: &Paper) -> u8 {
    let levels: Vec<u8> = paper.paragraphs.iter().filter_map(|p| p.heading).collect();
    let ones = levels.iter().filter(|l| **l == 1).count();
    match levels.iter().min() {
        Some(1) if ones == 1 && levels.contains(&2) => 2,
        Some(l) => *l,
        None => 1,
    }
}

/// The paper's names for the parties, put into our drafting.
struct Names {
    vendor: Option<String>,
    customer: Option<String>,
}

impl Names {
    fn of(intake: &Intake) -> Names {
        // A defined name ("Provider", "Quillfeather"); "we"/"you" papers keep ours.
        let proper = |n: &Option<String>| {
            n.as_ref()
                .filter(|n| {
                    n.chars().next().is_some_and(char::is_uppercase)
                        && !matches!(n.to_lowercase().as_str(), "we" | "you" | "us" | "our")
                })
                .cloned()
        };
        Names {
            vendor: proper(&intake.parties.vendor),
            customer: proper(&intake.parties.customer),
        }
    }

    /// Our text with "Vendor" and "Customer" as the paper calls them.
    fn apply(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (ours, theirs) in [("Vendor", &self.vendor), ("Customer", &self.customer)] {
            if let Some(t) = theirs
                && t != ours
            {
                out = replace_word(&out, ours, t);
            }
        }
        out
    }

    /// What the comment says when the paper's names could not be used.
    fn note(&self) -> Option<String> {
        (self.vendor.is_none() || self.customer.is_none()).then(|| {
            "\"Vendor\" and \"Customer\" in the inserted text are the parties as this paper names them.".to_string()
        })
    }
}

/// `text` with each whole word `word` replaced by `with`.
fn replace_word(text: &str, word: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(word) {
        let before = rest[..i].chars().next_back();
        let after = rest[i + word.len()..].chars().next();
        out.push_str(&rest[..i]);
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            out.push_str(word);
        } else {
            out.push_str(with);
        }
        rest = &rest[i + word.len()..];
    }
    out.push_str(rest);
    out
}

/// Our drafts, rendered once, for the clauses an insert takes.
struct Drafts {
    docs: Vec<crate::model::Document>,
}

impl Drafts {
    fn of(ours: &Resolved, library: &Library) -> Drafts {
        let docs = crate::assemble::assemble(
            ours,
            library,
            crate::assemble::MAIN_DOCUMENT,
            crate::assemble::Options::default(),
        )
        .map(|a| {
            let ids = a.document_ids();
            a.chosen(&ids).0
        })
        .unwrap_or_default();
        Drafts { docs }
    }

    /// A clause's title and its paragraphs as plain text (list items as paragraphs of
    /// their own; a reference to another of our clauses by that clause's title).
    fn clause(&self, id: &str) -> Option<(String, Vec<String>)> {
        let clauses = || {
            self.docs
                .iter()
                .flat_map(|d| &d.parts)
                .flat_map(|p| &p.sections)
                .flat_map(|s| &s.clauses)
        };
        let c = clauses().find(|c| c.id == id)?;
        let title_of = |target: &str| {
            clauses()
                .find(|c| c.id == target)
                .map(|c| format!("the {} clause", c.title))
        };
        let mut out = Vec::new();
        blocks_text(&c.blocks, &title_of, &mut out);
        (!out.is_empty()).then(|| (c.title.clone(), out))
    }
}

fn blocks_text(
    blocks: &[crate::model::Block],
    title_of: &dyn Fn(&str) -> Option<String>,
    out: &mut Vec<String>,
) {
    use crate::model::Block;
    for b in blocks {
        match b {
            Block::Paragraph { inlines } => out.push(inline_text(inlines, title_of)),
            Block::List { items, .. } => {
                for item in items {
                    blocks_text(item, title_of, out);
                }
            }
            Block::Table { header, rows, .. } => {
                for row in std::iter::once(header).chain(rows) {
                    out.push(
                        row.iter()
                            .map(|c| inline_text(c, title_of))
                            .collect::<Vec<_>>()
                            .join(" | "),
                    );
                }
            }
            Block::Revised { blocks, .. } => blocks_text(blocks, title_of, out),
        }
    }
}

fn inline_text(
    inlines: &[crate::model::Inline],
    title_of: &dyn Fn(&str) -> Option<String>,
) -> String {
    use crate::model::Inline;
    let mut s = String::new();
    for i in inlines {
        match i {
            Inline::Text { text } | Inline::Value { text, .. } | Inline::Code { text } => {
                s.push_str(text)
            }
            Inline::Strong { content } | Inline::Emph { content } | Inline::Ins { content } => {
                s.push_str(&inline_text(content, title_of))
            }
            Inline::Definition { term } => s.push_str(term),
            Inline::Ref { target, text } => match title_of(target) {
                Some(t) => s.push_str(&t),
                None => s.push_str(text),
            },
            Inline::Blank { .. } => s.push_str("[●]"),
            Inline::Break => s.push(' '),
            Inline::Del { .. } => {}
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_value_is_written_in_the_papers_form() {
        assert_eq!(restate("99.5%", 99.5, 99.9).as_deref(), Some("99.9%"));
        assert_eq!(
            restate("thirty (30) days", 30.0, 10.0).as_deref(),
            Some("ten (10) days")
        );
        assert_eq!(restate("4 hours", 240.0, 60.0).as_deref(), Some("1 hour"));
        assert_eq!(
            restate("seven percent (7%)", 7.0, 3.0).as_deref(),
            Some("three percent (3%)")
        );
        assert_eq!(
            restate("seven (7) percent", 7.0, 3.0).as_deref(),
            Some("three (3) percent")
        );
        assert_eq!(restate("48 hours", 48.0, 24.0).as_deref(), Some("24 hours"));
        assert_eq!(restate("96 hours", 96.0, 120.0).as_deref(), Some("5 days"));
        assert_eq!(restate("48 hours", 2.0, 7.0).as_deref(), Some("7 days"));
        assert_eq!(restate("8 hours", 8.0, 4.0).as_deref(), Some("4 hours"));
        assert_eq!(
            restate("five percent", 5.0, 10.0).as_deref(),
            Some("10 percent")
        );
        // Thirty minutes is no whole number of hours: not restated in hours.
        assert_eq!(restate("4 hours", 240.0, 30.0), None);
        assert_eq!(restate("99.5% and 10%", 99.5, 99.9), None);
    }

    #[test]
    fn a_party_name_is_replaced_only_as_a_whole_word() {
        assert_eq!(
            replace_word(
                "Vendor shall notify Vendors' Customer",
                "Vendor",
                "Provider"
            ),
            "Provider shall notify Vendors' Customer"
        );
        assert_eq!(
            replace_word("Vendor's staff", "Vendor", "Provider"),
            "Provider's staff"
        );
    }
}
