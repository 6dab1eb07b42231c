//! A check [`Report`] as text (compact, one finding per block, like compiler diagnostics),
//! as a negotiation memo (Markdown a CIO can forward) or as JSON (`check.schema.json`).

use std::fmt::Write as _;

use super::rules::{Area, Severity};
use super::{DealReport, Finding, PaperReport, Report, SetBy};

/// How to print a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Compiler-style diagnostics.
    Text,
    /// The negotiation memo.
    Markdown,
    /// JSON, as `examples/schema/check.schema.json` describes.
    Json,
}

impl Format {
    /// Parses `text`, `md` or `json`.
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// The report in `format`.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Text => text(report),
        Format::Markdown => memo(report),
        Format::Json => json(report),
    }
}

/// The JSON report, pretty-printed, with a final newline.
pub fn json(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).expect("a report serialises");
    s.push('\n');
    s
}

fn where_text(f: &Finding, file: &str) -> String {
    match (&f.location, f.set_by) {
        (Some(p), _) => format!("{}:{}:{}: {}", p.file, p.line, p.column, f.path),
        (None, SetBy::PlaybookDefault) => {
            format!("{file}: {} (not set: playbook default)", f.path)
        }
        (None, _) => format!("{file}: {}", f.path),
    }
}

fn subject(d: &DealReport) -> String {
    let unit = d
        .unit
        .as_deref()
        .map(|u| format!(", unit {u}"))
        .unwrap_or_default();
    format!(
        "{} (deal {}{unit}, {} stance)",
        d.file,
        d.deal_id,
        d.stance.as_str()
    )
}

fn counts(c: &super::Counts) -> (usize, usize, usize) {
    (c.error, c.warning, c.info)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Compiler-style text: a block per finding, a summary line per deal and paper.
pub fn text(report: &Report) -> String {
    let mut s = String::new();
    for d in &report.deals {
        let _ = writeln!(s, "checking {}", subject(d));
        for f in &d.findings {
            let _ = writeln!(
                s,
                "{}[{}]: {} ({})",
                f.severity.as_str(),
                f.rule,
                f.title,
                f.coverage
            );
            let _ = writeln!(s, "  --> {}", where_text(f, &d.file));
            let _ = writeln!(s, "  = deal says: {}", f.deal_says);
            let _ = writeln!(s, "  = ask: {}", f.ask);
            let _ = writeln!(s, "  = fallback: {}", f.fallback);
            let _ = writeln!(s, "  = why: {}", f.why);
            let _ = writeln!(s, "  = clause: {}", f.clause);
            s.push('\n');
        }
        for b in &d.blanks {
            let _ = writeln!(
                s,
                "blank: `{}` is not set: the draft shows a blank [●] {}",
                b.field,
                if b.times == 1 {
                    "once".to_string()
                } else {
                    format!("{} times", b.times)
                }
            );
        }
        if !d.blanks.is_empty() {
            s.push('\n');
        }
        let (e, w, i) = counts(&d.counts);
        let _ = writeln!(
            s,
            "{}: {}, {}, {} info, {}; {} passed\n",
            d.file,
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings"),
            i,
            plural(d.blanks.len(), "blank position", "blank positions"),
            plural(d.passed.len(), "rule", "rules")
        );
    }
    for p in &report.papers {
        let _ = writeln!(
            s,
            "checking {} (vendor paper: {}; addresses {})",
            p.file,
            plural(p.terms_read, "term read", "terms read"),
            if p.areas.is_empty() {
                "no area the deal format holds".to_string()
            } else {
                crate::intake::area_names(&p.areas)
            }
        );
        for f in &p.findings {
            let _ = writeln!(
                s,
                "{}[{}]: {}{}",
                f.severity.as_str(),
                f.rule,
                f.title,
                if f.coverage.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", f.coverage)
                }
            );
            match &f.location {
                Some(l) => {
                    let _ = writeln!(
                        s,
                        "  --> {}:{}:{}{}",
                        l.file,
                        l.line,
                        l.column,
                        f.section
                            .as_deref()
                            .map(|x| format!(" ({x})"))
                            .unwrap_or_default()
                    );
                    let _ = writeln!(s, "  = paper says: \"{}\"", f.text);
                }
                None => {
                    let _ = writeln!(s, "  --> {}: the paper is silent", p.file);
                    let _ = writeln!(s, "  = silence means: {}", f.text);
                }
            }
            if !f.paper_says.is_empty() {
                let _ = writeln!(s, "  = read as: {}", f.paper_says);
            }
            if !f.also.is_empty() {
                let _ = writeln!(s, "  = also: {}", f.also.join(", "));
            }
            let _ = writeln!(s, "  = answer: {}", f.answer);
            if !f.fallback.is_empty() {
                let _ = writeln!(s, "  = fallback: {}", f.fallback);
            }
            let _ = writeln!(s, "  = why: {}", f.why);
            if !f.clause.is_empty() {
                let _ = writeln!(s, "  = clause: {}", f.clause);
            }
            s.push('\n');
        }
        if !p.not_checked.is_empty() {
            let _ = writeln!(
                s,
                "not checked: {} (the paper does not address them)",
                crate::intake::area_names(&p.not_checked)
            );
        }
        for u in &p.not_understood {
            let _ = writeln!(
                s,
                "not understood: {}:{}:{}: \"{}\"",
                u.location.file, u.location.line, u.location.column, u.text
            );
        }
        let (e, w, i) = counts(&p.counts);
        let _ = writeln!(
            s,
            "{}: {}, {}, {} info; {}, {} not understood\n",
            p.file,
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings"),
            i,
            plural(p.terms_read, "term read", "terms read"),
            plural(p.not_understood.len(), "sentence", "sentences")
        );
    }
    s
}

fn area_list(areas: &[Area]) -> String {
    let names: Vec<String> = areas.iter().map(|a| a.noun().to_string()).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn areas_of<'a>(
    severities: impl Iterator<Item = (Severity, Area)> + 'a,
    want: Severity,
) -> Vec<Area> {
    let mut v: Vec<Area> = severities
        .filter(|(s, _)| *s == want)
        .map(|(_, a)| a)
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Deal values in the memo are data, not markup: escaped by the Markdown writer's own
/// escaper, as if each began a line (a value with a line break cannot open a list item or
/// a heading, and a leading `#`, `-` or `1.` is literal).
fn md(s: &str) -> String {
    crate::render::markdown::escape_text(s, true)
}

/// The fields a deal leaves blank, as code: "`deal.title`, `deal.effective_date`".
fn blank_fields(d: &DealReport) -> String {
    d.blanks
        .iter()
        .map(|b| format!("`{}`", b.field))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The negotiation memo: per deal, a verdict, the findings by area with what to ask for
/// and the fallback, then the deal's strongest points; per vendor paper, its red flags
/// with the playbook's answer.
pub fn memo(report: &Report) -> String {
    let mut parts = Vec::new();
    for d in &report.deals {
        parts.push(deal_memo(d));
    }
    for p in &report.papers {
        parts.push(paper_memo(p));
    }
    parts.join("\n---\n\n")
}

fn deal_memo(d: &DealReport) -> String {
    let mut s = String::new();
    let title = d.title.as_deref().unwrap_or(&d.deal_id);
    let vendor = d
        .vendor
        .as_deref()
        .map(|v| format!(" with {}", md(v)))
        .unwrap_or_default();
    let unit = d
        .unit
        .as_deref()
        .map(|u| format!(" — business unit {}", md(u)))
        .unwrap_or_default();
    let _ = writeln!(s, "# Negotiation memo: {}{vendor}{unit}\n", md(title));
    let _ = writeln!(
        s,
        "Deal `{}` ({}), checked against the playbook in its {} stance.\n",
        d.deal_id,
        md(&d.file),
        d.stance.as_str()
    );
    let (e, w, i) = counts(&d.counts);
    let sev = || d.findings.iter().map(|f| (f.severity, f.area));
    let strong = d.passed.len();
    let verdict = if e > 0 {
        let warn = if w > 0 {
            format!(
                " {} weaker than the playbook asks and worth trading for.",
                if w == 1 {
                    "One more point is".to_string()
                } else {
                    format!("{w} more points are")
                }
            )
        } else {
            String::new()
        };
        format!(
            "**Do not sign as drafted.** {} below the playbook's walk-away position ({}) and must be fixed before signature.{warn} {} of the playbook's checks pass.",
            if e == 1 {
                "One point falls".to_string()
            } else {
                format!("{e} points fall")
            },
            area_list(&areas_of(sev(), Severity::Error)),
            strong
        )
    } else if w > 0 {
        format!(
            "**Acceptable, with room to improve.** The deal meets the playbook's walk-away position on every point checked; {} weaker than the playbook's opening position ({}) and worth negotiating before signature. {} of the playbook's checks pass.",
            if w == 1 {
                "one point is".to_string()
            } else {
                format!("{w} points are")
            },
            area_list(&areas_of(sev(), Severity::Warning)),
            strong
        )
    } else if !d.blanks.is_empty() {
        format!(
            "**Not ready to sign: {} still blank.** The deal meets the playbook on every point it states ({strong} checks pass), but the draft shows a blank [●] for {}; fill them in and check again.",
            plural(d.blanks.len(), "position is", "positions are"),
            blank_fields(d)
        )
    } else {
        format!(
            "**Ready to sign on these terms.** The deal meets the playbook on every point checked ({strong} checks pass){}.",
            if i > 0 {
                format!(
                    "; {} noted for information",
                    plural(i, "point is", "points are")
                )
            } else {
                String::new()
            }
        )
    };
    let verdict = if !d.blanks.is_empty() && (e > 0 || w > 0) {
        format!(
            "{verdict} The draft also shows a blank [●] for {}: {}.",
            plural(d.blanks.len(), "position", "positions"),
            blank_fields(d)
        )
    } else {
        verdict
    };
    let _ = writeln!(s, "## Verdict\n\n{verdict}\n");

    if !d.findings.is_empty() {
        let _ = writeln!(s, "## What to negotiate\n");
        for area in Area::ALL {
            let mut fs: Vec<&Finding> = d.findings.iter().filter(|f| f.area == area).collect();
            if fs.is_empty() {
                continue;
            }
            fs.sort_by_key(|f| f.severity);
            let _ = writeln!(s, "### {}\n", area.heading());
            // One entry per rule: a rule that fires at several places lists them all.
            let mut seen: Vec<&str> = Vec::new();
            for f in &fs {
                if seen.contains(&f.rule.as_str()) {
                    continue;
                }
                seen.push(&f.rule);
                let same: Vec<&&Finding> = fs.iter().filter(|g| g.rule == f.rule).collect();
                let mut places: Vec<String> = Vec::new();
                for g in &same {
                    let p = match &g.location {
                        Some(p) => format!("`{}`, line {}", g.path, p.line),
                        None => format!("`{}`, playbook default", g.path),
                    };
                    if !places.contains(&p) {
                        places.push(p);
                    }
                }
                let says: Vec<String> = same
                    .iter()
                    .map(|g| md(g.deal_says.trim_end_matches('.')))
                    .collect();
                let _ = writeln!(
                    s,
                    "- **{}** ({}, {}; {}). The deal says: {}.\n  - Ask for: {}\n  - Fallback: {}\n  - Why: {}\n  - Clause: `{}`",
                    md(&f.title),
                    f.severity.as_str(),
                    f.coverage,
                    places.join("; "),
                    says.join("; "),
                    md(&f.ask),
                    md(&f.fallback),
                    md(&f.why),
                    f.clause
                );
            }
            s.push('\n');
        }
    }

    let strengths: Vec<&super::Passed> = d
        .passed
        .iter()
        .filter(|p| p.strength.is_some() && p.severity != Severity::Info)
        .collect();
    if !strengths.is_empty() {
        let _ = writeln!(s, "## Strongest points\n");
        for area in Area::ALL {
            for p in strengths.iter().filter(|p| p.area == area) {
                let _ = writeln!(
                    s,
                    "- {}: {} ({})",
                    area.heading(),
                    md(p.strength.as_deref().unwrap_or_default()),
                    p.coverage
                );
            }
        }
    }
    s
}

fn paper_memo(p: &PaperReport) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Vendor paper review: {}\n", md(&p.file));
    let (e, w, _) = counts(&p.counts);
    let sev = || p.findings.iter().map(|f| (f.severity, f.area));
    let partial = !p.not_understood.is_empty() || !p.not_checked.is_empty();
    let mut verdict = if e > 0 {
        format!(
            "**Do not sign as drafted.** {} below the playbook's walk-away position ({}).{}",
            if e == 1 {
                "One point falls".to_string()
            } else {
                format!("{e} points fall")
            },
            area_list(&areas_of(sev(), Severity::Error)),
            if w > 0 {
                format!(
                    " {} weaker than the playbook asks.",
                    plural(w, "more point is", "more points are")
                )
            } else {
                String::new()
            }
        )
    } else if w > 0 {
        format!(
            "**Acceptable on the terms read, with room to improve.** {} weaker than the playbook asks ({}).",
            plural(w, "point is", "points are"),
            area_list(&areas_of(sev(), Severity::Warning))
        )
    } else if p.terms_read == 0 {
        "**Not reviewed.** No term of the deal format could be read from this paper: read it yourself.".to_string()
    } else {
        "**Meets the playbook on every term read.**".to_string()
    };
    let _ = write!(
        verdict,
        " {} read from the paper",
        plural(p.terms_read, "term was", "terms were")
    );
    let keep = p
        .findings
        .iter()
        .filter(|f| f.rule == "paper.keep-theirs")
        .count();
    if keep > 0 {
        let _ = write!(
            verdict,
            "; {} more than the playbook asks (keep {})",
            if keep == 1 {
                "one gives".to_string()
            } else {
                format!("{keep} give")
            },
            if keep == 1 { "it" } else { "them" }
        );
    }
    verdict.push('.');
    if partial {
        let mut gaps = Vec::new();
        if !p.not_understood.is_empty() {
            gaps.push(format!(
                "{} not understood",
                plural(p.not_understood.len(), "sentence was", "sentences were")
            ));
        }
        if !p.not_checked.is_empty() {
            gaps.push(format!(
                "{} not covered by it and not checked",
                crate::intake::area_names(&p.not_checked)
            ));
        }
        let _ = write!(
            verdict,
            " This review is partial: {}; see the end of this memo.",
            gaps.join("; ")
        );
    }
    let _ = writeln!(s, "## Verdict\n\n{verdict}\n");
    let stated: Vec<&super::PaperFinding> =
        p.findings.iter().filter(|f| f.location.is_some()).collect();
    if !stated.is_empty() {
        let _ = writeln!(s, "## Clause by clause\n");
        let mut last: Option<&str> = None;
        for f in stated {
            let section = f.section.as_deref().unwrap_or("the opening text");
            if last != Some(section) {
                let _ = writeln!(s, "### {}\n", md(section));
                last = Some(section);
            }
            let l = f.location.as_ref().expect("stated");
            let _ = writeln!(
                s,
                "- **{}** ({}, {}; line {}, column {}): \"{}\"",
                md(&f.title),
                f.severity.as_str(),
                if f.coverage.is_empty() {
                    "—"
                } else {
                    &f.coverage
                },
                l.line,
                l.column,
                md(&f.text)
            );
            if !f.paper_says.is_empty() {
                let _ = writeln!(s, "  - Read as: {}", md(&f.paper_says));
            }
            let _ = writeln!(s, "  - Answer: {}", md(&f.answer));
            if !f.fallback.is_empty() {
                let _ = writeln!(s, "  - Fallback: {}", md(&f.fallback));
            }
            let _ = writeln!(s, "  - Why: {}", md(&f.why));
            if !f.clause.is_empty() {
                let _ = writeln!(s, "  - Our clause: `{}`", f.clause);
            }
        }
        s.push('\n');
    }
    let silent: Vec<&super::PaperFinding> =
        p.findings.iter().filter(|f| f.location.is_none()).collect();
    if !silent.is_empty() {
        let _ = writeln!(s, "## What the paper is silent on\n");
        for f in silent {
            let _ = writeln!(
                s,
                "- **{}** ({}, {}): {}\n  - Answer: {}\n  - Fallback: {}\n  - Our clause: `{}`",
                md(&f.title),
                f.severity.as_str(),
                f.coverage,
                md(&f.text),
                md(&f.answer),
                md(&f.fallback),
                f.clause
            );
        }
        s.push('\n');
    }
    if !p.not_checked.is_empty() || !p.not_understood.is_empty() {
        let _ = writeln!(s, "## What was not checked\n");
        if !p.not_checked.is_empty() {
            let _ = writeln!(
                s,
                "The paper does not address {}: none of the playbook's terms there were checked.\n",
                crate::intake::area_names(&p.not_checked)
            );
        }
        if !p.not_understood.is_empty() {
            let _ = writeln!(
                s,
                "These sentences read like commitments but no term of the deal format was read from them; read them yourself:\n"
            );
            for u in &p.not_understood {
                let _ = writeln!(
                    s,
                    "- line {}, column {}: \"{}\"",
                    u.location.line,
                    u.location.column,
                    md(&u.text)
                );
            }
            s.push('\n');
        }
    }
    s
}
