//! `dealdraft markup`: our positions marked on the vendor's own paper. Over the corpus's
//! Markdown and text papers and the examples: rejecting every change gives the paper as
//! it was, accepting every change gives the paper with each change made, every change has
//! its reason, a better term of theirs is kept, and the same input gives the same bytes.

use dealdraft::Resolved;
use dealdraft::markup::{Edit, Options, Output, Tracking, markup};
use dealdraft::paper::Paper;

use crate::common::{LIBRARY, cmd, example_json, resolve};
use crate::intake::corpus;

fn opts() -> Options {
    Options {
        tracking: Tracking {
            author: "Customer's counsel".into(),
            date: "2027-01-15".into(),
        },
        accept_existing: false,
    }
}

fn deal(name: &str) -> Resolved {
    resolve(&example_json(name)).unwrap()
}

/// The markup of a corpus paper against an example: the output, the marked paper and the
/// summary.
fn marked_case(case: &str, example: &str) -> (Output, String, String) {
    let case = corpus().into_iter().find(|c| c.name == case).unwrap();
    let out = markup(&case.path, &deal(example), &LIBRARY, &opts()).unwrap();
    let marked = String::from_utf8(out.files[0].1.clone()).unwrap();
    let summary = String::from_utf8(out.files[1].1.clone()).unwrap();
    (out, marked, summary)
}

/// Every `<tag>…</tag>` removed (`drop`) or unwrapped (`keep`), and the reasons
/// (`[^mN]` and their notes) removed: one view of a marked-up text.
fn view(marked: &str, drop: &str, keep: &str) -> String {
    let mut s = marked.to_string();
    let (open, close) = (format!("<{drop}>"), format!("</{drop}>"));
    while let Some(a) = s.find(&open) {
        let b = s[a..].find(&close).map(|i| a + i + close.len()).unwrap();
        s.replace_range(a..b, "");
    }
    s = s
        .replace(&format!("<{keep}>"), "")
        .replace(&format!("</{keep}>"), "");
    // The notes at the end, then the references.
    // A heading whose words are all inserted is an inserted heading.
    let lines: Vec<&str> = s
        .lines()
        .filter(|l| !l.starts_with("[^m"))
        .filter(|l| !(l.starts_with('#') && l.trim_start_matches('#').trim().is_empty()))
        .collect();
    let mut s = lines.join("\n");
    while let Some(a) = s.find("[^m") {
        let b = s[a..].find(']').map(|i| a + i + 1).unwrap();
        s.replace_range(a..b, "");
    }
    s
}

/// Markdown's backslash escapes and heading marks taken out.
fn plain(md: &str) -> String {
    let mut out = String::new();
    for line in md.split_inclusive('\n') {
        let line = match line.trim_start_matches('#') {
            rest if rest.len() < line.len() && rest.starts_with(' ') => &rest[1..],
            _ => line,
        };
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else {
                out.push(c);
            }
        }
    }
    out
}

fn paper_of(name: &str, text: &str) -> Paper {
    if name.ends_with(".txt") {
        Paper::text(name, text)
    } else {
        Paper::markdown(name, text)
    }
}

/// The paragraphs' texts, spaces collapsed, empty ones (a struck list item) left out.
fn texts(p: &Paper) -> Vec<String> {
    p.paragraphs
        .iter()
        .map(|x| x.text.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .collect()
}

/// The paper's paragraphs with each change of `out` made, as accepting them should give.
fn expected_accept(paper: &Paper, out: &Output) -> Vec<String> {
    let mut paras: Vec<Vec<String>> = paper
        .paragraphs
        .iter()
        .map(|p| vec![p.text.clone()])
        .collect();
    let mut changes: Vec<_> = out.plan.changes.iter().map(|c| &c.change).collect();
    // Back to front within a paragraph.
    changes.sort_by_key(|c| std::cmp::Reverse((c.para, c.edit.range().map_or(0, |r| r.start))));
    for c in changes {
        match &c.edit {
            Edit::Replace { range, with } => {
                paras[c.para][0].replace_range(range.clone(), with);
            }
            Edit::Insert {
                heading,
                paragraphs,
            } => {
                let mut add: Vec<String> = heading.iter().map(|(_, t)| t.clone()).collect();
                add.extend(paragraphs.iter().cloned());
                // After the paragraph (or its table).
                let mut last = c.para;
                while paper.paragraphs[c.para].cells.is_some()
                    && paper
                        .paragraphs
                        .get(last + 1)
                        .is_some_and(|q| q.cells.is_some() && !q.header)
                {
                    last += 1;
                }
                paras[last].extend(add);
            }
            Edit::Answer { .. } => {}
        }
    }
    paras
        .into_iter()
        .flatten()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .collect()
}

#[test]
fn reject_all_gives_the_vendors_text_and_accept_all_our_positions() {
    let mut checked = 0;
    let mut changes = 0;
    for case in corpus() {
        let name = case.path.display().to_string();
        if name.ends_with(".docx") {
            continue;
        }
        let source = std::fs::read_to_string(&case.path).unwrap();
        let original = paper_of(&name, &source);
        for example in ["global-bank.json", "healthcare-azure.json", "minimal.json"] {
            let what = format!("{} against {example}", case.name);
            let out = markup(&case.path, &deal(example), &LIBRARY, &opts())
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            let Some((_, marked)) = out.files.iter().find(|(n, _)| n.ends_with(".markup.md"))
            else {
                panic!("{what}: no markup written: {:?}", out.plan.left);
            };
            let marked = String::from_utf8(marked.clone()).unwrap();
            let rejected = paper_of(&name, &view(&marked, "ins", "del"));
            assert_eq!(
                texts(&rejected),
                texts(&original),
                "{what}: reject all\n{marked}"
            );
            let mut accept = view(&marked, "del", "ins");
            if name.ends_with(".txt") {
                // The markup of a text paper is Markdown: read our escapes and headings as
                // the text they stand for.
                accept = plain(&accept);
            }
            let accepted = paper_of(&name, &accept);
            assert_eq!(
                texts(&accepted),
                expected_accept(&original, &out),
                "{what}: accept all\n{marked}"
            );
            // Every change has its reason, and only its own.
            for (i, c) in out.plan.changes.iter().enumerate() {
                let note = format!("[^m{}]: ", i + 1);
                let line = marked
                    .lines()
                    .find(|l| l.starts_with(&note))
                    .unwrap_or_else(|| panic!("{what}: change {} has no reason", i + 1));
                assert!(line.len() > note.len() + 20, "{what}: {line}");
                assert_eq!(
                    marked.matches(&format!("[^m{}]", i + 1)).count(),
                    2,
                    "{what}: change {} is referred to once and explained once",
                    i + 1
                );
                assert!(
                    !c.change.comment.is_empty() && !c.why.is_empty(),
                    "{what}: {c:?}"
                );
            }
            changes += out.plan.changes.len();
            checked += 1;
        }
    }
    assert!(checked >= 27, "{checked} markups checked");
    assert!(changes >= 100, "only {changes} changes over the corpus");
}

#[test]
fn a_term_of_theirs_better_than_ours_is_kept_and_never_lowered() {
    let case = corpus()
        .into_iter()
        .find(|c| c.name == "10-strong-vendor")
        .unwrap();
    let out = markup(
        &case.path,
        &deal("healthcare-azure.json"),
        &LIBRARY,
        &opts(),
    )
    .unwrap();
    assert!(
        out.plan.kept.iter().any(|k| k.theirs == "99.99%"),
        "{:?}",
        out.plan.kept
    );
    let marked = String::from_utf8(out.files[0].1.clone()).unwrap();
    assert!(!marked.contains("<del>99.99%</del>"), "{marked}");
    let summary = String::from_utf8(out.files[1].1.clone()).unwrap();
    assert!(
        summary.contains("99.99%") && summary.contains("kept, never lowered"),
        "{summary}"
    );
    // Nothing the paper gives better is changed.
    for c in &out.plan.changes {
        for k in &out.plan.kept {
            assert!(
                !c.what.starts_with(&format!("{}:", k.label)),
                "{} lowered: {}",
                k.label,
                c.what
            );
        }
    }
}

#[test]
fn a_number_short_of_our_deal_is_changed_where_it_stands_in_the_papers_form() {
    let (out, marked, _) = marked_case("02-web-page-sla", "global-bank.json");
    assert!(
        marked.contains("available <del>99.5%</del><ins>99.9%</ins>[^m"),
        "{marked}"
    );
    assert!(
        marked.contains("at least <del>48 hours</del><ins>7 days</ins>[^m"),
        "{marked}"
    );
    // Sole remedy, efforts and exclusions our deal does not accept are struck.
    assert!(
        marked.contains("- <del>Outages at our cloud hosting provider</del>[^m"),
        "{marked}"
    );
    // A protection the paper lacks is inserted after its section, as ours drafts it.
    assert!(
        marked.contains("### <ins>Termination for Chronic Failure</ins>"),
        "{marked}"
    );
    let summary = String::from_utf8(out.files[1].1.clone()).unwrap();
    assert!(
        summary.contains("| Uptime commitment: \"99.5%\" → \"99.9%\" |"),
        "{summary}"
    );
    // A target becomes a commitment.
    assert!(
        marked.contains("- <del>We aim to</del><ins>We will</ins>[^m"),
        "{marked}"
    );
    // What no change answers is said, not dropped.
    assert!(
        summary.contains("(sla.downtime-threshold, SLA-1): not changed by markup"),
        "{summary}"
    );
    assert!(
        !summary.contains("(sla.commitment-not-binding"),
        "{summary}"
    );
}

#[test]
fn markup_is_the_same_bytes_every_time() {
    let mut checked = 0;
    for case in corpus()
        .iter()
        .filter(|c| !c.path.to_string_lossy().ends_with(".docx"))
    {
        let a = markup(&case.path, &deal("global-bank.json"), &LIBRARY, &opts()).unwrap();
        let b = markup(&case.path, &deal("global-bank.json"), &LIBRARY, &opts()).unwrap();
        assert_eq!(a.files, b.files, "{}", case.name);
        checked += 1;
    }
    assert!(checked >= 9, "{checked} papers");
}

#[test]
fn a_paper_of_nothing_we_understand_gets_a_summary_that_says_so_and_no_markup() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("letter.md");
    std::fs::write(
        &p,
        "# A letter\n\nThank you for your order of the blue widgets.\n",
    )
    .unwrap();
    let out = markup(&p, &deal("global-bank.json"), &LIBRARY, &opts()).unwrap();
    assert_eq!(
        out.files.len(),
        1,
        "{:?}",
        out.files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    let summary = String::from_utf8(out.files[0].1.clone()).unwrap();
    assert!(
        summary.contains("no term of the deal format was understood"),
        "{summary}"
    );
}

#[test]
fn the_command_writes_the_markup_and_its_summary() {
    let dir = tempfile::tempdir().unwrap();
    let paper = crate::common::root().join("tests/papers/02-web-page-sla/paper.md");
    let deal = crate::common::root().join("examples/global-bank.json");
    let o = cmd()
        .args([
            "markup",
            paper.to_str().unwrap(),
            "--deal",
            deal.to_str().unwrap(),
            "--out",
        ])
        .arg(dir.path())
        .args(["--date", "2027-01-15"])
        .assert()
        .success();
    let stdout = String::from_utf8(o.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("paper.markup.md") && stdout.contains("paper.markup-summary.md"),
        "{stdout}"
    );
    assert!(dir.path().join("paper.markup.md").exists());
    // A bad date is bad usage.
    cmd()
        .args([
            "markup",
            paper.to_str().unwrap(),
            "--deal",
            deal.to_str().unwrap(),
            "--date",
            "15/01/2027",
            "--out",
        ])
        .arg(dir.path())
        .assert()
        .code(2);
}

// ---------------------------------------------------------------------------------------
// Word papers
// ---------------------------------------------------------------------------------------

use crate::redline::{View, paragraphs};

fn opts_accepting() -> Options {
    Options {
        accept_existing: true,
        ..opts()
    }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every part of a package, raw (compressed bytes as stored), by name.
fn raw_parts(docx: &[u8]) -> std::collections::BTreeMap<String, Vec<u8>> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index_raw(i).unwrap();
        let mut b = Vec::new();
        f.read_to_end(&mut b).unwrap();
        out.insert(f.name().unwrap().to_string(), b);
    }
    out
}

/// The Word papers of the corpus, each with the vendor's bytes.
fn word_papers() -> Vec<(crate::intake::Case, Vec<u8>)> {
    let papers: Vec<_> = corpus()
        .into_iter()
        .filter(|c| c.path.to_string_lossy().ends_with(".docx"))
        .map(|c| {
            let bytes = std::fs::read(&c.path).unwrap();
            (c, bytes)
        })
        .collect();
    assert!(papers.len() >= 2, "{} Word papers", papers.len());
    papers
}

#[test]
fn word_reject_all_gives_the_vendors_text_and_accept_all_our_positions() {
    let mut changes = 0;
    for (case, vendor) in word_papers() {
        let paper = Paper::docx("p.docx", &vendor).unwrap();
        for example in ["global-bank.json", "healthcare-azure.json", "minimal.json"] {
            let what = format!("{} against {example}", case.name);
            let out = markup(&case.path, &deal(example), &LIBRARY, &opts_accepting())
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            let (name, marked) = &out.files[0];
            assert!(name.ends_with(".markup.docx"), "{what}: {name}");
            // Reject all: the vendor's text (its own changes accepted, as --accept-existing
            // marks it up).
            assert_eq!(
                paragraphs(marked, View::Reject),
                paragraphs(&vendor, View::Accept),
                "{what}: reject all"
            );
            // Accept all: each change made where it stands, each insert present.
            let accepted: Vec<String> = paragraphs(marked, View::Accept)
                .iter()
                .map(|p| squash(p))
                .collect();
            let joined = accepted.join("\n");
            for c in &out.plan.changes {
                match &c.change.edit {
                    Edit::Replace { range, with } => {
                        let text = &paper.paragraphs[c.change.para].text;
                        // The words either side of the change, within its cell.
                        let before: String = text[..range.start]
                            .rsplit(" | ")
                            .next()
                            .unwrap()
                            .chars()
                            .rev()
                            .take(12)
                            .collect::<Vec<_>>()
                            .into_iter()
                            .rev()
                            .collect();
                        let after: String = text[range.end..]
                            .split(" | ")
                            .next()
                            .unwrap()
                            .chars()
                            .take(12)
                            .collect();
                        let want = squash(&format!("{before}{with}{after}"));
                        assert!(
                            joined.contains(&want),
                            "{what}: accept all lacks {want:?} ({})\n{joined}",
                            c.what
                        );
                    }
                    Edit::Insert {
                        heading,
                        paragraphs: ps,
                    } => {
                        for t in heading.iter().map(|h| &h.1).chain(ps) {
                            assert!(
                                accepted.iter().any(|a| a.ends_with(&squash(t))),
                                "{what}: accept all lacks {t:?}"
                            );
                        }
                    }
                    Edit::Answer { .. } => panic!("{what}: markup answers no comment"),
                }
            }
            assert!(!out.plan.changes.is_empty(), "{what}: nothing marked");
            changes += out.plan.changes.len();
        }
    }
    // Two papers, three deals: 16 changes when this was written.
    assert!(changes >= 15, "only {changes} changes over the Word papers");
}

#[test]
fn word_markup_changes_only_the_document_and_comment_parts_and_explains_each_change() {
    for (case, vendor) in word_papers() {
        let out = markup(
            &case.path,
            &deal("global-bank.json"),
            &LIBRARY,
            &opts_accepting(),
        )
        .unwrap();
        let marked = &out.files[0].1;
        let (before, after) = (raw_parts(&vendor), raw_parts(marked));
        let may_change = [
            "word/document.xml",
            "word/comments.xml",
            "word/_rels/document.xml.rels",
            "[Content_Types].xml",
            "word/settings.xml",
        ];
        for (name, bytes) in &before {
            if !may_change.contains(&name.as_str()) {
                assert_eq!(
                    after.get(name),
                    Some(bytes),
                    "{}: {name} changed",
                    case.name
                );
            }
        }
        for name in after.keys() {
            assert!(
                before.contains_key(name) || may_change.contains(&name.as_str()),
                "{}: {name} added",
                case.name
            );
        }
        // A comment per change, with its reason; ids unique.
        assert!(
            !out.plan.changes.is_empty(),
            "{}: nothing marked",
            case.name
        );
        let comments = crate::redline::part(marked, "word/comments.xml");
        let n = comments.matches("<w:comment ").count();
        assert_eq!(n, out.plan.changes.len(), "{}: {n} comments", case.name);
        for c in &out.plan.changes {
            let first = c.change.comment[0]
                .replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            let first = first.split(['"', '\'']).next().unwrap().to_string();
            assert!(
                comments.contains(&first),
                "{}: no comment says {first:?}",
                case.name
            );
        }
        let document = crate::redline::part(marked, "word/document.xml");
        let mut ids: Vec<&str> = Vec::new();
        for tag in ["<w:ins ", "<w:del "] {
            for (i, _) in document.match_indices(tag) {
                let rest = &document[i..];
                let id = rest
                    .split("w:id=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap();
                ids.push(id);
                assert!(
                    rest[..rest.find('>').unwrap()].contains("w:author=\"Customer's counsel\"")
                        || rest[..rest.find('>').unwrap()]
                            .contains("w:author=\"Customer&apos;s counsel\""),
                    "{}: {}",
                    case.name,
                    &rest[..80]
                );
            }
        }
        let unique: std::collections::BTreeSet<&&str> = ids.iter().collect();
        assert_eq!(
            unique.len(),
            ids.len(),
            "{}: revision ids repeat",
            case.name
        );
        assert!(
            crate::redline::part(marked, "word/settings.xml").contains("<w:trackRevisions"),
            "{}",
            case.name
        );
        // Same bytes twice.
        let again = markup(
            &case.path,
            &deal("global-bank.json"),
            &LIBRARY,
            &opts_accepting(),
        )
        .unwrap();
        assert_eq!(out.files, again.files, "{}", case.name);
    }
}

#[test]
fn a_word_paper_with_tracked_changes_of_its_own_is_refused_unless_accepted() {
    let (case, _) = word_papers().into_iter().next().unwrap();
    let e = markup(&case.path, &deal("global-bank.json"), &LIBRARY, &opts()).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("tracked change") && msg.contains("--accept-existing"),
        "{msg}"
    );
    assert!(
        markup(
            &case.path,
            &deal("global-bank.json"),
            &LIBRARY,
            &opts_accepting()
        )
        .is_ok()
    );
}

#[test]
fn a_word_file_that_is_not_one_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("fake.docx");
    std::fs::write(&p, b"this is not a zip file").unwrap();
    let e = markup(&p, &deal("global-bank.json"), &LIBRARY, &opts())
        .unwrap_err()
        .to_string();
    assert!(e.contains("not a Word (.docx) file"), "{e}");
}

/// The markup without its comments' anchors and references (LibreOffice 7.4 headless
/// cannot load a document with comments through UNO; see `redline::without_comment`).
pub(crate) fn without_comments(docx: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut s = Vec::new();
        f.read_to_end(&mut s).unwrap();
        if name == "word/document.xml" {
            let mut t = String::from_utf8(s).unwrap();
            for open in ["<w:commentRangeStart ", "<w:commentRangeEnd "] {
                while let Some(a) = t.find(open) {
                    let b = a + t[a..].find("/>").unwrap() + 2;
                    t.replace_range(a..b, "");
                }
            }
            while let Some(r) = t.find("<w:commentReference ") {
                let a = t[..r]
                    .rfind("<w:r>")
                    .or_else(|| t[..r].rfind("<w:r "))
                    .unwrap();
                let b = r + t[r..].find("</w:r>").unwrap() + "</w:r>".len();
                t.replace_range(a..b, "");
            }
            s = t.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&s).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn libreoffice_reject_all_gives_the_vendors_word_text_and_accept_all_our_positions() {
    let dir = tempfile::tempdir().unwrap();
    let (case, vendor_bytes) = word_papers().into_iter().next().unwrap();
    let out = markup(
        &case.path,
        &deal("global-bank.json"),
        &LIBRARY,
        &opts_accepting(),
    )
    .unwrap();
    let marked = without_comments(&out.files[0].1);
    let vendor = dir.path().join("vendor.docx");
    std::fs::write(&vendor, &vendor_bytes).unwrap();
    let (r, a) = (dir.path().join("r.docx"), dir.path().join("a.docx"));
    std::fs::write(&r, &marked).unwrap();
    std::fs::write(&a, &marked).unwrap();
    if crate::docx::libreoffice_text_after(Some("--reject"), std::slice::from_ref(&r)).is_none() {
        return;
    }
    crate::docx::libreoffice_text_after(Some("--accept"), &[vendor.clone(), a.clone()]).unwrap();
    let read = |p: &std::path::Path| -> Vec<String> {
        std::fs::read_to_string(p)
            .unwrap()
            .lines()
            .map(|l| squash(l.trim_start_matches('\u{feff}')))
            .filter(|l| !l.is_empty())
            .collect()
    };
    let theirs = read(&dir.path().join("vendor.accept.txt"));
    assert!(theirs.len() > 10, "{theirs:?}");
    assert_eq!(
        read(&dir.path().join("r.reject.txt")),
        theirs,
        "LibreOffice: reject all"
    );
    let accepted = read(&dir.path().join("a.accept.txt")).join("\n");
    let mut replaced = 0;
    for c in &out.plan.changes {
        if let Edit::Replace { with, .. } = &c.change.edit
            && !with.is_empty()
        {
            assert!(
                accepted.contains(with.as_str()),
                "LibreOffice: accept all lacks {with:?}\n{accepted}"
            );
            replaced += 1;
        }
        if let Edit::Insert { paragraphs: ps, .. } = &c.change.edit {
            assert!(
                accepted.contains(&squash(&ps[0])),
                "LibreOffice: accept all lacks {:?}",
                ps[0]
            );
        }
    }
    assert!(replaced >= 1, "{:?}", out.plan.changes);
}

#[test]
fn a_severity_levels_time_is_changed_in_its_row_and_no_cap_strikes_the_cap() {
    let (out, marked, _) = marked_case("04-support-policy-plain", "global-bank.json");
    // P1 within four hours becomes one hour where the paper says it; the summary names
    // the level, and the finding it answers is not listed again.
    assert!(
        marked.contains("<del>4 hours</del><ins>1 hour</ins>[^m"),
        "{marked}"
    );
    let summary = String::from_utf8(out.files[1].1.clone()).unwrap();
    assert!(
        summary.contains("| P1 response: \"4 hours\" → \"1 hour\" |"),
        "{summary}"
    );
    assert!(!summary.contains("(support.p1-slow"), "{summary}");
    // Our deal has no credit cap: the paper's cap goes, sentence and all.
    let (_, marked, _) = marked_case("02-web-page-sla", "global-bank.json");
    assert!(
        marked.contains(
            "<del>Credits for any one month are capped at 20% of your monthly fee.</del>[^m"
        ),
        "{marked}"
    );
}
