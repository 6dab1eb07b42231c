//! A check [`Report`] as text (compact, one finding per block, like compiler diagnostics),
//! as a negotiation memo (a [`Document`] the writers of `render` write: Markdown a CIO can
//! forward, a Word file, a PDF) or as JSON (`check.schema.json`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::rules::{Area, Severity};
use super::{DealReport, Finding, PaperReport, Report, SetBy};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Block, Clause, Document, Inline, Meta, Part, Section};

/// How to print a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Compiler-style diagnostics.
    Text,
    /// The negotiation memo.
    Markdown,
    /// JSON, as `examples/schema/check.schema.json` describes.
    Json,
    /// The negotiation memo as a Word file.
    Docx,
    /// The negotiation memo as a PDF.
    Pdf,
    /// The negotiation memo as one self-contained HTML page.
    Html,
}

impl Format {
    /// Parses `text`, `md`, `json`, `docx`, `pdf` or `html`.
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "docx" | "word" => Some(Format::Docx),
            "pdf" => Some(Format::Pdf),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    /// Whether the format is a binary file (Word, PDF), which needs `--out`.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Docx | Format::Pdf)
    }

    /// The file written in a folder given as `--out`.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Text => "check.txt",
            Format::Markdown => "memo.md",
            Format::Json => "check.json",
            Format::Docx => "memo.docx",
            Format::Pdf => "memo.pdf",
            Format::Html => "memo.html",
        }
    }
}

/// Where the report in `format` goes: standard output (`None`) or the file `out` names
/// (`out` itself, or `format`'s file in it when it is a folder or ends with `/`). A Word
/// file or a PDF is never written to standard output (a terminal would show bytes, and
/// `>` is easy to forget): without `--out` it is an error.
pub fn destination(format: Format, out: Option<&Path>) -> Result<Option<PathBuf>, Diagnostic> {
    match out {
        None if format.is_binary() => {
            let (name, what) = match format {
                Format::Docx => ("docx", "a Word file"),
                _ => ("pdf", "a PDF"),
            };
            Err(Diagnostic::error(format!(
                "check --format {name} writes {what}, which is not written to standard output"
            ))
            .help(format!(
                "give --out FILE, or --out FOLDER (the memo is then FOLDER/{})",
                format.file_name()
            )))
        }
        None => Ok(None),
        Some(p) if p.is_dir() || p.as_os_str().to_string_lossy().ends_with('/') => {
            Ok(Some(p.join(format.file_name())))
        }
        Some(p) => Ok(Some(p.to_path_buf())),
    }
}

/// The report in `format`, as the bytes to print or write: text, the memo (Markdown, or
/// [`memo_document`] as a Word file, a PDF or an HTML page through `render`'s writers) or
/// JSON.
pub fn output(report: &Report, format: Format) -> Result<Vec<u8>, Diagnostics> {
    let binary = match format {
        Format::Text => return Ok(text(report).into_bytes()),
        Format::Markdown => return Ok(memo(report).into_bytes()),
        Format::Json => return Ok(json(report).into_bytes()),
        Format::Docx => crate::render::Format::Docx,
        Format::Pdf => crate::render::Format::Pdf,
        Format::Html => crate::render::Format::Html,
    };
    let doc = memo_document(report);
    let files = crate::render::render_document(&doc, &doc.id, &[binary], None)?;
    Ok(files
        .into_iter()
        .next()
        .map(|(_, bytes)| bytes)
        .unwrap_or_default())
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

/// Inlines built piece by piece: the memo's wording around deal values, which stay
/// values (printed literally by every writer, never read as markup).
#[derive(Default)]
struct Line(Vec<Inline>);

impl Line {
    fn strong(mut self, s: impl Into<String>) -> Line {
        self.0.push(Inline::Strong {
            content: vec![Inline::text(s)],
        });
        self
    }

    fn text(mut self, s: impl Into<String>) -> Line {
        let s = s.into();
        // Wording next to wording is one run (one escape, one Word run).
        if let Some(Inline::Text { text }) = self.0.last_mut() {
            text.push_str(&s);
        } else if !s.is_empty() {
            self.0.push(Inline::text(s));
        }
        self
    }

    fn value(mut self, s: impl Into<String>) -> Line {
        self.0.push(Inline::value(s));
        self
    }

    fn code(mut self, s: impl Into<String>) -> Line {
        self.0.push(Inline::code(s));
        self
    }

    /// The blank mark `[●]` as the draft shows it.
    fn blank(mut self) -> Line {
        self.0.push(Inline::Blank {
            field: String::new(),
        });
        self
    }

    /// Each of `xs` added by `f`, with `sep` between them.
    fn joined<T>(mut self, xs: &[T], sep: &str, f: impl Fn(Line, &T) -> Line) -> Line {
        for (i, x) in xs.iter().enumerate() {
            if i > 0 {
                self = self.text(sep);
            }
            self = f(self, x);
        }
        self
    }

    fn paragraph(self) -> Block {
        Block::Paragraph { inlines: self.0 }
    }
}

/// A bulleted list of `items`, each a list of blocks.
fn bullets(items: Vec<Vec<Block>>) -> Block {
    Block::List {
        ordered: false,
        items,
    }
}

/// A list item: its first line and, under it, a bulleted list of details (none: no list).
fn item(first: Line, details: Vec<Line>) -> Vec<Block> {
    let mut blocks = vec![first.paragraph()];
    if !details.is_empty() {
        blocks.push(bullets(
            details.into_iter().map(|d| vec![d.paragraph()]).collect(),
        ));
    }
    blocks
}

/// A section of the memo (unnumbered) holding `clauses`.
fn section(id: String, title: &str, clauses: Vec<Clause>) -> Section {
    Section {
        id,
        number: String::new(),
        title: title.to_string(),
        clauses,
        revision: None,
    }
}

/// An unnumbered clause: a heading (none for an empty `title`) and its blocks.
fn clause(id: String, title: &str, blocks: Vec<Block>) -> Clause {
    Clause {
        id,
        number: String::new(),
        title: title.to_string(),
        blocks,
        revision: None,
        title_was: None,
    }
}

/// One memo: its title, the subtitle naming what it reviews, and its body as a part.
struct Memo {
    title: &'static str,
    subtitle: Vec<Inline>,
    deal_id: String,
    part: Part,
}

/// The negotiation memo as a document ([`crate::model::Document`]): per deal, a verdict,
/// the findings by area with what to ask for and the fallback, then the deal's strongest
/// points; per vendor paper, its red flags with the playbook's answer. The first memo is
/// the document itself (its title block names it); each further memo is a part titled
/// "Negotiation memo: …". Every writer of `render` writes it (Markdown, Word, PDF).
pub fn memo_document(report: &Report) -> Document {
    let memos: Vec<Memo> = report
        .deals
        .iter()
        .map(deal_memo)
        .chain(report.papers.iter().map(paper_memo))
        .enumerate()
        .map(|(n, mut m)| {
            // Ids unique in the document (Word bookmarks, Typst labels).
            let prefix = format!("memo-{}", n + 1);
            m.part.id = prefix.clone();
            for s in &mut m.part.sections {
                s.id = format!("{prefix}-{}", s.id);
                for c in &mut s.clauses {
                    c.id = format!("{prefix}-{}", c.id);
                }
            }
            m
        })
        .collect();
    let (title, subtitle, deal_id) = match memos.first() {
        Some(m) => (m.title, m.subtitle.clone(), m.deal_id.clone()),
        None => ("Negotiation memo", Vec::new(), String::new()),
    };
    let parts = memos
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            let mut part = m.part;
            if i > 0 {
                part.title = format!("{}: {}", m.title, crate::model::plain_text(&m.subtitle));
            }
            part
        })
        .collect();
    Document {
        id: "memo".to_string(),
        meta: Meta {
            title: title.to_string(),
            subtitle,
            short_title: title.to_string(),
            rows: Vec::new(),
            status: None,
            deal_id,
            date: None,
            paper: crate::model::PaperSize::default(),
            redline: None,
            revision: None,
            plain_headings: true,
        },
        parts,
    }
}

/// The negotiation memo in Markdown: [`memo_document`] through the Markdown writer.
pub fn memo(report: &Report) -> String {
    crate::render::markdown::render(&memo_document(report))
}

fn deal_memo(d: &DealReport) -> Memo {
    let title = d.title.as_deref().unwrap_or(&d.deal_id);
    let mut subtitle = Line::default().value(title);
    if let Some(v) = &d.vendor {
        subtitle = subtitle.text(" with ").value(v.as_str());
    }
    if let Some(u) = &d.unit {
        subtitle = subtitle.text(" — business unit ").value(u.as_str());
    }
    let intro = Line::default()
        .text("Deal ")
        .code(d.deal_id.as_str())
        .text(" (")
        .value(d.file.as_str())
        .text(format!(
            "), checked against the playbook in its {} stance.",
            d.stance.as_str()
        ));
    let mut sections = vec![section(
        "verdict".into(),
        "Verdict",
        vec![clause(
            "verdict".into(),
            "",
            vec![deal_verdict(d).paragraph()],
        )],
    )];
    sections.extend(what_to_negotiate(d));
    sections.extend(strengths(d));
    Memo {
        title: "Negotiation memo",
        subtitle: subtitle.0,
        deal_id: d.deal_id.clone(),
        part: Part {
            id: String::new(),
            label: None,
            title: String::new(),
            intro: vec![intro.paragraph()],
            sections,
            signature: None,
            revision: None,
        },
    }
}

/// The fields a deal leaves blank, as code: "`deal.title`, `deal.effective_date`".
fn blank_fields(line: Line, d: &DealReport) -> Line {
    line.joined(&d.blanks, ", ", |l, b| l.code(b.field.as_str()))
}

/// The deal's verdict: do not sign, acceptable, not ready (blanks) or ready, with the
/// areas that decide it and how many checks pass.
fn deal_verdict(d: &DealReport) -> Line {
    let (e, w, i) = counts(&d.counts);
    let sev = || d.findings.iter().map(|f| (f.severity, f.area));
    let strong = d.passed.len();
    let line = if e > 0 {
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
        Line::default().strong("Do not sign as drafted.").text(format!(
            " {} below the playbook's walk-away position ({}) and must be fixed before signature.{warn} {} of the playbook's checks pass.",
            if e == 1 {
                "One point falls".to_string()
            } else {
                format!("{e} points fall")
            },
            area_list(&areas_of(sev(), Severity::Error)),
            strong
        ))
    } else if w > 0 {
        Line::default().strong("Acceptable, with room to improve.").text(format!(
            " The deal meets the playbook's walk-away position on every point checked; {} weaker than the playbook's opening position ({}) and worth negotiating before signature. {} of the playbook's checks pass.",
            if w == 1 {
                "one point is".to_string()
            } else {
                format!("{w} points are")
            },
            area_list(&areas_of(sev(), Severity::Warning)),
            strong
        ))
    } else if !d.blanks.is_empty() {
        let line = Line::default()
            .strong(format!(
                "Not ready to sign: {} still blank.",
                plural(d.blanks.len(), "position is", "positions are")
            ))
            .text(format!(
                " The deal meets the playbook on every point it states ({strong} checks pass), but the draft shows a blank "
            ))
            .blank()
            .text(" for ");
        blank_fields(line, d).text("; fill them in and check again.")
    } else {
        Line::default()
            .strong("Ready to sign on these terms.")
            .text(format!(
                " The deal meets the playbook on every point checked ({strong} checks pass){}.",
                if i > 0 {
                    format!(
                        "; {} noted for information",
                        plural(i, "point is", "points are")
                    )
                } else {
                    String::new()
                }
            ))
    };
    if !d.blanks.is_empty() && (e > 0 || w > 0) {
        let line = line
            .text(" The draft also shows a blank ")
            .blank()
            .text(format!(
                " for {}: ",
                plural(d.blanks.len(), "position", "positions")
            ));
        blank_fields(line, d).text(".")
    } else {
        line
    }
}

/// What to negotiate: per area, one entry per rule that fires (at every place it fires),
/// with what the deal says, what to ask for, the fallback, why, and our clause.
fn what_to_negotiate(d: &DealReport) -> Option<Section> {
    if d.findings.is_empty() {
        return None;
    }
    let mut clauses = Vec::new();
    for area in Area::ALL {
        let mut fs: Vec<&Finding> = d.findings.iter().filter(|f| f.area == area).collect();
        if fs.is_empty() {
            continue;
        }
        fs.sort_by_key(|f| f.severity);
        let mut items = Vec::new();
        // One entry per rule: a rule that fires at several places lists them all.
        let mut seen: Vec<&str> = Vec::new();
        for f in &fs {
            if seen.contains(&f.rule.as_str()) {
                continue;
            }
            seen.push(&f.rule);
            let same: Vec<&&Finding> = fs.iter().filter(|g| g.rule == f.rule).collect();
            let mut places: Vec<(&str, String)> = Vec::new();
            for g in &same {
                let p = match &g.location {
                    Some(p) => (g.path.as_str(), format!(", line {}", p.line)),
                    None => (g.path.as_str(), ", playbook default".to_string()),
                };
                if !places.contains(&p) {
                    places.push(p);
                }
            }
            let says: Vec<&str> = same
                .iter()
                .map(|g| g.deal_says.trim_end_matches('.'))
                .collect();
            let first = Line::default()
                .strong(f.title.as_str())
                .text(format!(" ({}, {}; ", f.severity.as_str(), f.coverage))
                .joined(&places, "; ", |l, (path, at)| {
                    l.code(*path).text(at.as_str())
                })
                .text("). The deal says: ")
                .joined(&says, "; ", |l, s| l.value(*s))
                .text(".");
            items.push(item(
                first,
                vec![
                    Line::default().text("Ask for: ").value(f.ask.as_str()),
                    Line::default()
                        .text("Fallback: ")
                        .value(f.fallback.as_str()),
                    Line::default().text("Why: ").value(f.why.as_str()),
                    Line::default().text("Clause: ").code(f.clause.as_str()),
                ],
            ));
        }
        clauses.push(clause(
            area.as_str().to_string(),
            area.heading(),
            vec![bullets(items)],
        ));
    }
    Some(section("negotiate".into(), "What to negotiate", clauses))
}

/// The deal's strongest points: the rules it passes that name a strength, by area.
fn strengths(d: &DealReport) -> Option<Section> {
    let strengths: Vec<&super::Passed> = d
        .passed
        .iter()
        .filter(|p| p.strength.is_some() && p.severity != Severity::Info)
        .collect();
    if strengths.is_empty() {
        return None;
    }
    let mut items = Vec::new();
    for area in Area::ALL {
        for p in strengths.iter().filter(|p| p.area == area) {
            items.push(item(
                Line::default()
                    .text(format!("{}: ", area.heading()))
                    .value(p.strength.as_deref().unwrap_or_default())
                    .text(format!(" ({})", p.coverage)),
                Vec::new(),
            ));
        }
    }
    Some(section(
        "strengths".into(),
        "Strongest points",
        vec![clause("strengths".into(), "", vec![bullets(items)])],
    ))
}

fn paper_memo(p: &PaperReport) -> Memo {
    let mut sections = vec![section(
        "verdict".into(),
        "Verdict",
        vec![clause(
            "verdict".into(),
            "",
            vec![paper_verdict(p).paragraph()],
        )],
    )];
    sections.extend(clause_by_clause(p));
    sections.extend(silences(p));
    sections.extend(not_checked(p));
    Memo {
        title: "Vendor paper review",
        subtitle: Line::default().value(p.file.as_str()).0,
        deal_id: String::new(),
        part: Part {
            id: String::new(),
            label: None,
            title: String::new(),
            intro: Vec::new(),
            sections,
            signature: None,
            revision: None,
        },
    }
}

/// The paper's verdict, how many terms were read, and whether the review is partial.
fn paper_verdict(p: &PaperReport) -> Line {
    let (e, w, _) = counts(&p.counts);
    let sev = || p.findings.iter().map(|f| (f.severity, f.area));
    let (headline, mut rest) = if e > 0 {
        (
            "Do not sign as drafted.",
            format!(
                " {} below the playbook's walk-away position ({}).{}",
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
            ),
        )
    } else if w > 0 {
        (
            "Acceptable on the terms read, with room to improve.",
            format!(
                " {} weaker than the playbook asks ({}).",
                plural(w, "point is", "points are"),
                area_list(&areas_of(sev(), Severity::Warning))
            ),
        )
    } else if p.terms_read == 0 {
        (
            "Not reviewed.",
            " No term of the deal format could be read from this paper: read it yourself."
                .to_string(),
        )
    } else {
        ("Meets the playbook on every term read.", String::new())
    };
    let _ = write!(
        rest,
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
            rest,
            "; {} more than the playbook asks (keep {})",
            if keep == 1 {
                "one gives".to_string()
            } else {
                format!("{keep} give")
            },
            if keep == 1 { "it" } else { "them" }
        );
    }
    rest.push('.');
    if !p.not_understood.is_empty() || !p.not_checked.is_empty() {
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
            rest,
            " This review is partial: {}; see the end of this memo.",
            gaps.join("; ")
        );
    }
    Line::default().strong(headline).text(rest)
}

/// The paper's red flags where it states them, under the paper's own section headings.
fn clause_by_clause(p: &PaperReport) -> Option<Section> {
    let mut clauses: Vec<Clause> = Vec::new();
    let mut last: Option<&str> = None;
    for f in p.findings.iter().filter(|f| f.location.is_some()) {
        let heading = f.section.as_deref().unwrap_or("the opening text");
        if last != Some(heading) {
            clauses.push(clause(
                format!("paper-{}", clauses.len() + 1),
                heading,
                vec![bullets(Vec::new())],
            ));
            last = Some(heading);
        }
        let l = f.location.as_ref().expect("stated");
        let first = Line::default()
            .strong(f.title.as_str())
            .text(format!(
                " ({}, {}; line {}, column {}): \"",
                f.severity.as_str(),
                if f.coverage.is_empty() {
                    "—"
                } else {
                    &f.coverage
                },
                l.line,
                l.column
            ))
            .value(f.text.as_str())
            .text("\"");
        let mut details = Vec::new();
        if !f.paper_says.is_empty() {
            details.push(
                Line::default()
                    .text("Read as: ")
                    .value(f.paper_says.as_str()),
            );
        }
        details.push(Line::default().text("Answer: ").value(f.answer.as_str()));
        if !f.fallback.is_empty() {
            details.push(
                Line::default()
                    .text("Fallback: ")
                    .value(f.fallback.as_str()),
            );
        }
        details.push(Line::default().text("Why: ").value(f.why.as_str()));
        if !f.clause.is_empty() {
            details.push(Line::default().text("Our clause: ").code(f.clause.as_str()));
        }
        if let Some(Block::List { items, .. }) =
            clauses.last_mut().and_then(|c| c.blocks.last_mut())
        {
            items.push(item(first, details));
        }
    }
    (!clauses.is_empty()).then(|| section("paper".into(), "Clause by clause", clauses))
}

/// What the paper is silent on, with the playbook's answer.
fn silences(p: &PaperReport) -> Option<Section> {
    let items: Vec<Vec<Block>> = p
        .findings
        .iter()
        .filter(|f| f.location.is_none())
        .map(|f| {
            item(
                Line::default()
                    .strong(f.title.as_str())
                    .text(format!(" ({}, {}): ", f.severity.as_str(), f.coverage))
                    .value(f.text.as_str()),
                vec![
                    Line::default().text("Answer: ").value(f.answer.as_str()),
                    Line::default()
                        .text("Fallback: ")
                        .value(f.fallback.as_str()),
                    Line::default().text("Our clause: ").code(f.clause.as_str()),
                ],
            )
        })
        .collect();
    (!items.is_empty()).then(|| {
        section(
            "silent".into(),
            "What the paper is silent on",
            vec![clause("silent".into(), "", vec![bullets(items)])],
        )
    })
}

/// The areas the paper does not address and the sentences that were not understood.
fn not_checked(p: &PaperReport) -> Option<Section> {
    if p.not_checked.is_empty() && p.not_understood.is_empty() {
        return None;
    }
    let mut blocks = Vec::new();
    if !p.not_checked.is_empty() {
        blocks.push(
            Line::default()
                .text(format!(
                    "The paper does not address {}: none of the playbook's terms there were checked.",
                    crate::intake::area_names(&p.not_checked)
                ))
                .paragraph(),
        );
    }
    if !p.not_understood.is_empty() {
        blocks.push(
            Line::default()
                .text("These sentences read like commitments but no term of the deal format was read from them; read them yourself:")
                .paragraph(),
        );
        blocks.push(bullets(
            p.not_understood
                .iter()
                .map(|u| {
                    item(
                        Line::default()
                            .text(format!(
                                "line {}, column {}: \"",
                                u.location.line, u.location.column
                            ))
                            .value(u.text.as_str())
                            .text("\""),
                        Vec::new(),
                    )
                })
                .collect(),
        ));
    }
    Some(section(
        "unchecked".into(),
        "What was not checked",
        vec![clause("unchecked".into(), "", blocks)],
    ))
}
