//! Text listings of the library for `dealdraft clauses`.

use std::fmt::Write as _;

use super::Library;

/// One line per clause: id, document/section, positions, coverage, title.
pub fn clause_table(library: &Library, notes: bool) -> String {
    let mut clauses: Vec<_> = library.clauses().collect();
    clauses.sort_by(|a, b| {
        let doc_rank = |d: &str| {
            library
                .documents()
                .position(|x| x.meta.id == d)
                .unwrap_or(usize::MAX)
        };
        let sec_rank = |d: &str, s: &str| {
            library
                .document(d)
                .and_then(|x| x.meta.sections.iter().position(|y| y.id == s))
                .unwrap_or(usize::MAX)
        };
        (
            doc_rank(&a.meta.document),
            sec_rank(&a.meta.document, &a.meta.section),
            a.meta.order,
            &a.meta.id,
        )
            .cmp(&(
                doc_rank(&b.meta.document),
                sec_rank(&b.meta.document, &b.meta.section),
                b.meta.order,
                &b.meta.id,
            ))
    });
    let w_id = clauses
        .iter()
        .map(|c| c.meta.id.len())
        .max()
        .unwrap_or(2)
        .max(2);
    let w_where = clauses
        .iter()
        .map(|c| c.meta.document.len() + c.meta.section.len() + 1)
        .max()
        .unwrap_or(5)
        .max(5);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:w_id$}  {:w_where$}  {:18}  {:16}  TITLE",
        "ID", "WHERE", "POSITIONS", "COVERAGE"
    );
    for c in clauses {
        let positions = if c.meta.positions.is_empty() {
            "fixed".to_string()
        } else {
            c.meta
                .positions
                .iter()
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join(",")
        };
        let coverage = if c.meta.coverage.is_empty() {
            "-".to_string()
        } else {
            c.meta.coverage.join(",")
        };
        let place = format!("{}/{}", c.meta.document, c.meta.section);
        let origin = match &c.origin {
            super::Origin::User(p) => format!("  [{}]", p.display()),
            super::Origin::Builtin(_) => String::new(),
        };
        let _ = writeln!(
            s,
            "{:w_id$}  {place:w_where$}  {positions:18}  {coverage:16}  {}{origin}",
            c.meta.id, c.meta.title
        );
        if notes {
            for (stance, note) in &c.meta.notes {
                let _ = writeln!(
                    s,
                    "{:w_id$}    note ({}): {}",
                    "",
                    stance.as_str(),
                    note.trim()
                );
            }
        }
    }
    s
}

/// The coverage table: each recommendation, the clauses that carry it, its check and the
/// ids of the `dealdraft check` rules that check it (`rules`: coverage id → rule ids, from
/// [`crate::check::rules::RuleSet::by_coverage`]).
pub fn coverage_table(
    library: &Library,
    rules: &std::collections::BTreeMap<String, Vec<String>>,
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "| ID | Recommendation | Clauses | Check | Rules |");
    let _ = writeln!(s, "|---|---|---|---|---|");
    for row in &library.playbook().coverage {
        let clauses = clauses_for(library, &row.id);
        let clauses = if clauses.is_empty() {
            "(none)".to_string()
        } else {
            clauses.join(", ")
        };
        let check = row.check.as_deref().unwrap_or("-");
        let rule_ids = rules
            .get(&row.id)
            .filter(|r| !r.is_empty())
            .map_or_else(|| "-".to_string(), |r| r.join(", "));
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            row.id, row.recommendation, clauses, check, rule_ids
        );
    }
    s
}

/// Ids of the clauses that carry a coverage row.
pub fn clauses_for(library: &Library, coverage_id: &str) -> Vec<String> {
    library
        .clauses()
        .filter(|c| c.meta.coverage.iter().any(|x| x == coverage_id))
        .map(|c| c.meta.id.clone())
        .collect()
}

/// One line per clause parameter: clause, name, unit, default per position, description.
/// The vendor profiles: each with its vendor, services and date, then its terms — the deal
/// field, the value, what it is, in our words, and where the vendor publishes it. A profile
/// checked more than a year before `today` is marked stale.
pub fn vendor_table(library: &Library, today: jiff::civil::Date) -> String {
    use super::vendors::TermKind;
    let mut out = String::new();
    let profiles: Vec<_> = library.vendor_profiles().collect();
    if profiles.is_empty() {
        return "no vendor profiles\n".into();
    }
    for p in profiles {
        let stale = if p.stale_on(today) {
            " — STALE: checked more than a year ago; verify before relying on it"
        } else {
            ""
        };
        out.push_str(&format!(
            "{}: {} — as of {}{stale} ({})\n",
            p.id,
            p.display_name(),
            p.as_of,
            p.origin.display()
        ));
        for t in &p.terms {
            let kind = match t.kind {
                TermKind::Floor(_) => "floor",
                TermKind::Offered => "offered",
            };
            let service = t
                .service
                .as_ref()
                .map(|s| format!(" [{s}]"))
                .unwrap_or_default();
            out.push_str(&format!(
                "  {} = {} ({kind}){service}\n    {}\n    source: {}, {}{}\n",
                t.field,
                t.words(Some(&t.value)),
                t.says.trim_end_matches('.'),
                t.source.title,
                t.source.url,
                t.source
                    .dated
                    .map(|d| format!(", dated {d}"))
                    .unwrap_or_default()
            ));
            if let Some(q) = &t.source.quote {
                out.push_str(&format!("    quote: “{q}”\n"));
            }
        }
        out.push('\n');
    }
    out.push_str(
        "Profiles are facts only, each from the vendor's own page as of its date: a starting point to \
         verify, not legal advice. Update one in vendors/<id>.toml (overlaid by --library).\n",
    );
    out
}

pub fn param_table(library: &Library) -> String {
    use crate::deal::model::Stance;
    let mut rows: Vec<[String; 7]> = Vec::new();
    for (id, declared) in library.params() {
        for (name, decl) in declared {
            let show = |s: Stance| {
                let v = decl.default_for(s);
                match v {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                }
            };
            rows.push([
                id.clone(),
                name,
                decl.kind.name().to_string(),
                show(Stance::Preferred),
                show(Stance::Fallback),
                decl.better.map(|b| b.as_str()).unwrap_or("").to_string(),
                decl.description.clone(),
            ]);
        }
    }
    let header = [
        "CLAUSE",
        "PARAMETER",
        "UNIT",
        "PREFERRED",
        "FALLBACK",
        "BETTER",
        "DESCRIPTION",
    ];
    let widths: Vec<usize> = (0..6)
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([header[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut s = String::new();
    let line = |cells: [&str; 7], s: &mut String| {
        for (i, w) in widths.iter().enumerate() {
            let _ = write!(s, "{:w$}  ", cells[i]);
        }
        let _ = writeln!(s, "{}", cells[6]);
    };
    line(header, &mut s);
    for r in &rows {
        line([&r[0], &r[1], &r[2], &r[3], &r[4], &r[5], &r[6]], &mut s);
    }
    s
}
