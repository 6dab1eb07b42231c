//! `dealdraft round`: our own Word draft, marked by a script as Word marks it (a value
//! changed inside its bookmark, a sentence inserted, a paragraph struck), read back as
//! proposals tied to our clauses and fields, with verdicts, their position, our reply and
//! the history.

use std::io::{Read, Write};

use dealdraft::rounds::{Options, ProposalKind, Verdict, round};

use crate::common::{LIBRARY, example_json, resolve};
use crate::redline::{View, paragraphs, part};

const BY: &str = r#"w:author="Vendor Legal" w:date="2027-01-20T00:00:00Z""#;

/// Our bank SOW as Word, with `edit` applied to its document.xml.
fn marked(edit: impl Fn(String) -> String) -> (Vec<u8>, Vec<u8>) {
    marked_deal(&resolve(&example_json("global-bank.json")).unwrap(), edit)
}

/// A deal's SOW as Word, with `edit` applied to its document.xml: (ours, theirs).
fn marked_deal(deal: &dealdraft::Resolved, edit: impl Fn(String) -> String) -> (Vec<u8>, Vec<u8>) {
    let deal = deal.clone();
    let ours = dealdraft::render_deal(
        &deal,
        &LIBRARY,
        &dealdraft::RenderOptions {
            formats: vec![dealdraft::Format::Docx],
            ..Default::default()
        },
    )
    .unwrap()
    .files[0]
        .1
        .clone();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(ours.as_slice())).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut b = Vec::new();
        f.read_to_end(&mut b).unwrap();
        if name == "word/document.xml" {
            b = edit(String::from_utf8(b).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&b).unwrap();
    }
    (ours, out.finish().unwrap().into_inner())
}

/// The run inside a value's bookmark, struck and replaced (as Word records it).
pub(crate) fn change_value(x: String, field: &str, from: &str, to: &str, id: u32) -> String {
    let name = dealdraft::render::docx::value_bookmark(field, 1);
    let at = x.find(&format!("w:name=\"{name}\"")).unwrap();
    let a = at + x[at..].find("<w:r>").unwrap();
    let b = a + x[a..].find("</w:r>").unwrap() + "</w:r>".len();
    let run = &x[a..b];
    assert!(run.contains(from), "{run}");
    let del = run
        .replace("<w:t ", "<w:delText ")
        .replace("</w:t>", "</w:delText>");
    let ins = run.replace(from, to);
    format!(
        "{}<w:del w:id=\"{id}\" {BY}>{del}</w:del><w:ins w:id=\"{}\" {BY}>{ins}</w:ins>{}",
        &x[..a],
        id + 1,
        &x[b..]
    )
}

/// Where `near` first stands in the body, after the table of contents (which repeats the
/// headings: the edits these tests make are the vendor's edits to the text).
fn in_body(x: &str, near: &str) -> usize {
    let toc = x.find("> TOC ").expect("a table of contents");
    let body = toc + x[toc..].find("w:fldCharType=\"end\"").unwrap();
    body + x[body..].find(near).unwrap()
}

/// A sentence inserted at the end of the paragraph that has `near`.
fn insert_after(x: String, near: &str, text: &str, id: u32) -> String {
    let k = in_body(&x, near);
    let e = k + x[k..].find("</w:p>").unwrap();
    format!(
        "{}<w:ins w:id=\"{id}\" {BY}><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:ins>{}",
        &x[..e],
        &x[e..]
    )
}

/// The runs of the paragraph that has `near` struck.
fn strike_paragraph(x: String, near: &str, id: u32) -> String {
    let k = in_body(&x, near);
    let start = x[..k]
        .rfind("<w:p>")
        .or_else(|| x[..k].rfind("<w:p "))
        .unwrap();
    let end = k + x[k..].find("</w:p>").unwrap();
    let para = &x[start..end];
    let body_at = para
        .find("</w:pPr>")
        .map_or(para.find('>').unwrap() + 1, |i| i + "</w:pPr>".len());
    let (head, runs) = para.split_at(body_at);
    let runs = runs
        .replace("<w:t ", "<w:delText ")
        .replace("</w:t>", "</w:delText>");
    format!(
        "{}{head}<w:del w:id=\"{id}\" {BY}>{runs}</w:del>{}",
        &x[..start],
        &x[end..]
    )
}

fn opts() -> Options {
    Options {
        author: "Northwind Legal".into(),
        date: "2027-01-25".into(),
        decisions: Default::default(),
    }
}

/// A comment's anchor (as Word writes it) around the first print of `field`'s value.
fn comment_on_value(x: String, field: &str, id: u32) -> String {
    let name = dealdraft::render::docx::value_bookmark(field, 1);
    let at = x.find(&format!("w:name=\"{name}\"")).unwrap();
    let start = x[..at].rfind('<').unwrap();
    let bid = {
        let i = x[start..].find("w:id=\"").unwrap() + start + 6;
        x[i..i + x[i..].find('"').unwrap()].to_string()
    };
    let end_tag = format!("<w:bookmarkEnd w:id=\"{bid}\"/>");
    let e = at + x[at..].find(&end_tag).unwrap() + end_tag.len();
    format!(
        "{}<w:commentRangeStart w:id=\"{id}\"/>{}<w:commentRangeEnd w:id=\"{id}\"/><w:r><w:commentReference w:id=\"{id}\"/></w:r>{}",
        &x[..start],
        &x[start..e],
        &x[e..]
    )
}

/// A comment's anchor around the run that has the words `near`.
fn comment_on_words(x: String, near: &str, id: u32) -> String {
    let k = in_body(&x, near);
    let run = x[..k]
        .rfind("<w:r>")
        .or_else(|| x[..k].rfind("<w:r "))
        .unwrap();
    let end = k + x[k..].find("</w:r>").unwrap() + "</w:r>".len();
    format!(
        "{}<w:commentRangeStart w:id=\"{id}\"/>{}<w:commentRangeEnd w:id=\"{id}\"/><w:r><w:commentReference w:id=\"{id}\"/></w:r>{}",
        &x[..run],
        &x[run..end],
        &x[end..]
    )
}

/// Their comments added to the package as Word writes them: `comments.xml` (each comment's
/// paragraph with its `w14:paraId`), `commentsExtended.xml`, their relationships and types.
fn with_comments(docx: &[u8], comments: &[(u32, &str, &str)]) -> Vec<u8> {
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let w14 = "http://schemas.microsoft.com/office/word/2010/wordml";
    let w15 = "http://schemas.microsoft.com/office/word/2012/wordml";
    let head = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";
    let mut xml = format!("{head}<w:comments xmlns:w=\"{w}\" xmlns:w14=\"{w14}\">");
    let mut ex = format!("{head}<w15:commentsEx xmlns:w15=\"{w15}\">");
    for (id, text, para_id) in comments {
        xml.push_str(&format!(
            "<w:comment w:id=\"{id}\" w:author=\"Vendor Legal\" w:date=\"2027-01-20T00:00:00Z\" w:initials=\"VL\"><w:p w14:paraId=\"{para_id}\" w14:textId=\"77777777\"><w:r><w:annotationRef/></w:r><w:r><w:t>{text}</w:t></w:r></w:p></w:comment>"
        ));
        ex.push_str(&format!(
            "<w15:commentEx w15:paraId=\"{para_id}\" w15:done=\"0\"/>"
        ));
    }
    xml.push_str("</w:comments>");
    ex.push_str("</w15:commentsEx>");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut b = Vec::new();
        f.read_to_end(&mut b).unwrap();
        let mut t = String::from_utf8(b).unwrap();
        if name == "[Content_Types].xml" {
            t = t.replace("</Types>", "<Override PartName=\"/word/comments.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/><Override PartName=\"/word/commentsExtended.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml\"/></Types>");
        }
        if name == "word/_rels/document.xml.rels" {
            t = t.replace("</Relationships>", "<Relationship Id=\"rId90\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" Target=\"comments.xml\"/><Relationship Id=\"rId91\" Type=\"http://schemas.microsoft.com/office/2011/relationships/commentsExtended\" Target=\"commentsExtended.xml\"/></Relationships>");
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(t.as_bytes()).unwrap();
    }
    for (name, text) in [
        ("word/comments.xml", xml),
        ("word/commentsExtended.xml", ex),
    ] {
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Our bank SOW as Word with `edit` made and three comments of theirs: a lower uptime
/// offered in words on the uptime; efforts language on the data clause; a question on the
/// pilot.
fn commented(edit: impl Fn(String) -> String) -> Vec<u8> {
    let (_, theirs) = marked(|x| {
        let x = edit(x);
        let x = comment_on_value(x, "sla.uptime_pct", 8001);
        let x = comment_on_words(x, "Vendor shall not transfer Customer Data outside", 8002);
        comment_on_words(x, "Pilot", 8003)
    });
    with_comments(
        &theirs,
        &[
            (
                8001,
                "Our standard is 99.5% for every customer.",
                "1A2B3C01",
            ),
            (
                8002,
                "We will use commercially reasonable efforts to keep data in region.",
                "1A2B3C02",
            ),
            (8003, "Why does the pilot need its own exit?", "1A2B3C03"),
        ],
    )
}

#[test]
fn their_tracked_changes_are_proposals_with_clauses_fields_and_verdicts() {
    let deal = resolve(&example_json("global-bank.json")).unwrap();
    let (_, theirs) = marked(|x| {
        let x = change_value(x, "sla.uptime_pct", "99.9%", "99.0%", 9001);
        let x = insert_after(
            x,
            "Service Credits that rise as uptime falls",
            " Service Credits are Customer&apos;s sole and exclusive remedy.",
            9003,
        );
        let x = insert_after(
            x,
            "Pilot",
            " The parties shall meet once a quarter to review the Services.",
            9004,
        );
        strike_paragraph(
            x,
            "Vendor shall not transfer Customer Data outside the Approved Regions",
            9005,
        )
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("theirs.docx");
    std::fs::write(&path, &theirs).unwrap();
    let r = round(&path, &deal, &LIBRARY, &opts(), None).unwrap();
    assert_eq!(r.n, 1);
    let p = &r.proposals;
    // The value, inside its bookmark: a term of sla.uptime_pct, below the walk-away.
    let term = p.iter().find(|x| x.kind == ProposalKind::Term).unwrap();
    assert_eq!(term.field.as_deref(), Some("sla.uptime_pct"), "{p:#?}");
    assert_eq!(term.ours, Some(serde_json::json!(99.9)));
    assert_eq!(term.theirs.as_ref().and_then(|v| v.as_f64()), Some(99.0));
    assert_eq!(term.verdict, Some(Verdict::Reject), "{term:?}");
    assert!(
        term.rules.iter().any(|r| r.starts_with("sla.uptime-low")),
        "{term:?}"
    );
    assert_eq!(term.author, "Vendor Legal");
    // The sole-remedy sentence: wording with red-flag language, rejected.
    let sole = p
        .iter()
        .find(|x| x.inserted.contains("sole and exclusive"))
        .unwrap();
    assert_eq!(
        (sole.kind, sole.verdict),
        (ProposalKind::Wording, Some(Verdict::Reject))
    );
    assert_eq!(sole.rules, vec!["paper.sole-remedy".to_string()]);
    assert!(sole.clause.is_some(), "{sole:?}");
    // A harmless sentence: acceptable.
    let meet = p
        .iter()
        .find(|x| x.inserted.contains("once a quarter"))
        .unwrap();
    assert_eq!(meet.verdict, Some(Verdict::Acceptable), "{meet:?}");
    // A paragraph of ours struck: a deletion, rejected, in its clause.
    let gone = p
        .iter()
        .find(|x| {
            x.deleted
                .contains("Vendor shall not transfer Customer Data outside")
        })
        .unwrap();
    assert_eq!(
        (gone.kind, gone.verdict),
        (ProposalKind::Deletion, Some(Verdict::Reject)),
        "{gone:?}"
    );
    assert!(
        gone.clause
            .as_deref()
            .is_some_and(|c| c.starts_with("data.")),
        "{gone:?}"
    );
    assert_eq!(p.len(), 4, "{p:#?}");

    let files: std::collections::BTreeMap<_, _> = r.files.iter().cloned().collect();
    // Their position: our deal with their uptime.
    let position: serde_json::Value =
        serde_json::from_slice(&files["round-1/their-position.json"]).unwrap();
    assert_eq!(position["sla"]["uptime_pct"], 99.0);
    let md = String::from_utf8(files["round-1/proposals.md"].clone()).unwrap();
    assert!(
        md.contains("| sla.uptime_pct | 99.9 → 99 | reject |"),
        "{md}"
    );
    // The reply: rejecting all our changes gives their text (theirs accepted); accepting all
    // puts back our uptime and strikes their sole-remedy sentence, and keeps their harmless one.
    let reply = &files["round-1/reply.docx"];
    assert_eq!(
        paragraphs(reply, View::Reject),
        paragraphs(&theirs, View::Accept)
    );
    let accepted = paragraphs(reply, View::Accept).join("\n");
    assert!(
        !accepted.contains("sole and exclusive remedy."),
        "{accepted}"
    );
    assert!(accepted.contains("once a quarter to review the Services."));
    // The paragraph they struck is put back.
    assert!(
        accepted.contains("Vendor shall not transfer Customer Data outside the Approved Regions"),
        "{accepted}"
    );
    // (The first print of the uptime, which they changed, is the SOW's summary of the SLA.)
    let uptime_line = accepted
        .lines()
        .find(|l| l.contains("Service Credits that rise as uptime falls"))
        .unwrap();
    assert!(
        uptime_line.contains("uptime commitment of 99.9%,"),
        "{uptime_line}"
    );
    let theirs_line = paragraphs(reply, View::Reject)
        .into_iter()
        .find(|l| l.contains("Service Credits that rise as uptime falls"))
        .unwrap();
    assert!(
        theirs_line.contains("uptime commitment of 99.0%,"),
        "{theirs_line}"
    );
    // Each of our changes explains itself, with the fallback we could accept.
    let comments = part(reply, "word/comments.xml");
    assert!(comments.contains("We could accept 99.5%"), "{comments}");
    assert!(
        comments.contains("Not accepted: red-flag language (Service credits as the sole and exclusive remedy).</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">Rules: paper.sole-remedy."),
        "{comments}"
    );
}

#[test]
fn rounds_count_on_and_the_history_keeps_every_terms_value() {
    let deal = resolve(&example_json("global-bank.json")).unwrap();
    let (_, one) = marked(|x| change_value(x, "sla.uptime_pct", "99.9%", "99.5%", 9001));
    let (_, two) = marked(|x| change_value(x, "sla.uptime_pct", "99.9%", "99.95%", 9001));
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("one.docx"), dir.path().join("two.docx"));
    std::fs::write(&a, &one).unwrap();
    std::fs::write(&b, &two).unwrap();
    let r1 = round(&a, &deal, &LIBRARY, &opts(), None).unwrap();
    let history = String::from_utf8(
        r1.files
            .iter()
            .find(|f| f.0 == "negotiation.json")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    let r2 = round(&b, &deal, &LIBRARY, &opts(), Some(&history)).unwrap();
    assert_eq!((r1.n, r2.n), (1, 2));
    assert_eq!(r1.proposals[0].verdict, Some(Verdict::Acceptable));
    assert_eq!(r2.proposals[0].verdict, Some(Verdict::Accept));
    let h = String::from_utf8(
        r2.files
            .iter()
            .find(|f| f.0 == "negotiation.json")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&h).unwrap();
    assert_eq!(v["rounds"].as_array().unwrap().len(), 2);
    let values: Vec<f64> = v["terms"]["sla.uptime_pct"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["value"].as_f64().unwrap())
        .collect();
    assert_eq!(values, vec![99.9, 99.5, 99.95]);
    let table = dealdraft::rounds::history_table(&h).unwrap();
    assert!(
        table.contains("| sla.uptime_pct | 2 | 99.95 | Vendor Legal | accept |"),
        "{table}"
    );
}

#[test]
fn a_file_that_is_not_our_draft_is_refused() {
    let deal = resolve(&example_json("global-bank.json")).unwrap();
    let case = crate::intake::corpus()
        .into_iter()
        .find(|c| c.path.to_string_lossy().ends_with(".docx"))
        .unwrap();
    let e = round(&case.path, &deal, &LIBRARY, &opts(), None)
        .unwrap_err()
        .to_string();
    assert!(e.contains("this is not our draft"), "{e}");
}

#[test]
fn libreoffice_reads_the_reply_as_their_text_rejected_and_ours_accepted() {
    let deal = resolve(&example_json("global-bank.json")).unwrap();
    let (_, theirs) = marked(|x| {
        let x = change_value(x, "sla.uptime_pct", "99.9%", "99.0%", 9001);
        insert_after(
            x,
            "Service Credits that rise as uptime falls",
            " Service Credits are Customer&apos;s sole and exclusive remedy.",
            9003,
        )
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("theirs.docx");
    std::fs::write(&path, &theirs).unwrap();
    let r = round(&path, &deal, &LIBRARY, &opts(), None).unwrap();
    let reply = crate::markup::without_comments(
        &r.files
            .iter()
            .find(|f| f.0.ends_with("reply.docx"))
            .unwrap()
            .1,
    );
    let (rj, ac, th) = (
        dir.path().join("r.docx"),
        dir.path().join("a.docx"),
        dir.path().join("t.docx"),
    );
    std::fs::write(&rj, &reply).unwrap();
    std::fs::write(&ac, &reply).unwrap();
    std::fs::write(&th, &theirs).unwrap();
    if crate::docx::libreoffice_text_after(Some("--reject"), std::slice::from_ref(&rj)).is_none() {
        return;
    }
    crate::docx::libreoffice_text_after(Some("--accept"), &[ac.clone(), th.clone()]).unwrap();
    let read = |p: &str| {
        std::fs::read_to_string(dir.path().join(p))
            .unwrap()
            .replace('\u{feff}', "")
    };
    // Rejecting our reply's changes gives their text (their own changes accepted).
    assert_eq!(read("r.reject.txt"), read("t.accept.txt"));
    let accepted = read("a.accept.txt");
    assert!(
        !accepted.contains("sole and exclusive remedy."),
        "{accepted}"
    );
    assert!(
        accepted.contains("uptime commitment of 99.9%,"),
        "{accepted}"
    );
}

#[test]
fn an_edit_made_with_track_changes_off_is_found_and_flagged() {
    let deal = resolve(&example_json("global-bank.json")).unwrap();
    let (_, theirs) = marked(|x| {
        let x = change_value(x, "sla.uptime_pct", "99.9%", "99.5%", 9001);
        assert!(x.contains("Vendor shall not reduce these limits during the Term"));
        x.replacen(
            "Vendor shall not reduce these limits during the Term",
            "Vendor may reduce these limits on notice",
            1,
        )
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("theirs.docx");
    std::fs::write(&path, &theirs).unwrap();
    let r = round(&path, &deal, &LIBRARY, &opts(), None).unwrap();
    let quiet: Vec<_> = r
        .proposals
        .iter()
        .filter(|p| p.kind == ProposalKind::Untracked)
        .collect();
    assert_eq!(quiet.len(), 1, "{:#?}", r.proposals);
    let q = quiet[0];
    assert!(
        q.deleted
            .contains("Vendor shall not reduce these limits during the Term"),
        "{q:?}"
    );
    assert!(
        q.inserted
            .contains("Vendor may reduce these limits on notice"),
        "{q:?}"
    );
    assert_eq!(q.verdict, Some(Verdict::Reject));
    assert!(q.reason.contains("Track Changes off"), "{q:?}");
    assert!(
        q.clause.as_deref().is_some_and(|c| c.starts_with("sow.")),
        "{q:?}"
    );
    // The tracked change beside it is read as before.
    assert!(
        r.proposals
            .iter()
            .any(|p| p.kind == ProposalKind::Term && p.verdict == Some(Verdict::Acceptable))
    );
}

#[test]
fn a_severity_levels_time_changed_in_its_row_is_a_term_of_that_level() {
    let deal = resolve(&example_json("global-bank.json")).unwrap();
    let field = "support.severities[level=P2].response_minutes";
    let (_, theirs) = marked(|x| {
        let name = dealdraft::render::docx::value_bookmark(field, 1);
        let at = x
            .find(&format!("w:name=\"{name}\""))
            .unwrap_or_else(|| panic!("{name}"));
        let a = at
            + x[at..].find("<w:t xml:space=\"preserve\">").unwrap()
            + "<w:t xml:space=\"preserve\">".len();
        let b = a + x[a..].find("</w:t>").unwrap();
        let written = x[a..b].to_string();
        change_value(x, field, &written, "twenty-four (24) hours", 9001)
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("theirs.docx");
    std::fs::write(&path, &theirs).unwrap();
    let r = round(&path, &deal, &LIBRARY, &opts(), None).unwrap();
    let term = r
        .proposals
        .iter()
        .find(|p| p.kind == ProposalKind::Term)
        .unwrap();
    assert_eq!(term.field.as_deref(), Some(field), "{:#?}", r.proposals);
    assert_eq!(
        term.theirs.as_ref().and_then(|v| v.as_f64()),
        Some(1440.0),
        "{term:?}"
    );
    assert_eq!(
        term.ours.as_ref().and_then(|v| v.as_f64()),
        Some(240.0),
        "{term:?}"
    );
    assert_eq!(term.verdict, Some(Verdict::Reject), "{term:?}");
    assert_eq!(term.clause.as_deref(), Some("support.severity"), "{term:?}");
}

/// Our draft edited in LibreOffice with change recording on (`tests/tools/lo_edit.py`), as
/// a counterparty does: `None` where LibreOffice's Python bridge is missing (said loudly).
fn edited_in_libreoffice(ours: &[u8], edits: &[&str]) -> Option<Vec<u8>> {
    let python = "/usr/bin/python3";
    let bridge = std::process::Command::new(python)
        .args(["-c", "import uno"])
        .output();
    if !bridge.is_ok_and(|o| o.status.success()) {
        crate::common::tool_missing(
            "LibreOffice's Python bridge is not installed; `apt-get install libreoffice-writer-nogui python3-uno` to edit our draft as a counterparty",
        );
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let (src, dst) = (dir.path().join("ours.docx"), dir.path().join("theirs.docx"));
    std::fs::write(&src, ours).unwrap();
    let o = std::process::Command::new(python)
        .arg(crate::common::root().join("tests/tools/lo_edit.py"))
        .arg(dir.path().join("profile"))
        .arg(&src)
        .arg(&dst)
        .args(edits)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "LibreOffice: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    Some(std::fs::read(&dst).unwrap())
}

#[test]
fn a_draft_edited_in_libreoffice_reads_as_its_edits() {
    let deal = resolve(&example_json("global-bank.json")).unwrap();
    let (ours, _) = marked(|x| x);
    let Some(theirs) = edited_in_libreoffice(
        &ours,
        &[
            "replace:99.9%=>99.0%",
            "after:Service Credits that rise as uptime falls=> and at Vendor's sole discretion",
        ],
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("theirs.docx");
    std::fs::write(&path, &theirs).unwrap();
    let r = round(&path, &deal, &LIBRARY, &opts(), None).unwrap();
    // LibreOffice rewrites the whole file: still our draft, with exactly its two edits and
    // nothing read as changed with Track Changes off.
    assert_eq!(r.proposals.len(), 2, "{:#?}", r.proposals);
    let term = &r.proposals[0];
    assert_eq!(term.kind, ProposalKind::Term);
    assert_eq!(term.field.as_deref(), Some("sla.uptime_pct"), "{term:?}");
    assert_eq!(term.verdict, Some(Verdict::Reject));
    let words = &r.proposals[1];
    assert_eq!(words.kind, ProposalKind::Wording);
    assert!(
        words.inserted.contains("at Vendor's sole discretion"),
        "{words:?}"
    );
    assert_eq!(words.clause, term.clause);
    // Discretion over what we wrote as a commitment is red-flag language.
    assert_eq!(words.verdict, Some(Verdict::Reject), "{words:?}");
    assert_eq!(words.rules, vec!["paper.unilateral-changes".to_string()]);
}

#[test]
fn a_value_they_write_outside_its_bookmark_is_read_as_a_term() {
    let deal = resolve(&example_json("global-bank.json")).unwrap();
    let (_, theirs) = marked(|x| {
        insert_after(
            x,
            "Service Credits that rise as uptime falls",
            " Vendor shall give Customer a written root-cause analysis within thirty (30) days after the incident.",
            9001,
        )
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("theirs.docx");
    std::fs::write(&path, &theirs).unwrap();
    let r = round(&path, &deal, &LIBRARY, &opts(), None).unwrap();
    let term = r
        .proposals
        .iter()
        .find(|p| p.kind == ProposalKind::Term)
        .unwrap_or_else(|| panic!("{:#?}", r.proposals));
    assert_eq!(term.field.as_deref(), Some("sla.rca_days"), "{term:?}");
    assert_eq!(term.theirs.as_ref().and_then(|v| v.as_f64()), Some(30.0));
    assert_eq!(term.verdict, Some(Verdict::Reject), "{term:?}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 4, ..Default::default() })]

    /// Random variants of the examples: their uptime changed inside its bookmark is read as
    /// a term of sla.uptime_pct with both values, whatever the deal and however it prints.
    #[test]
    fn a_changed_uptime_is_read_as_its_term_for_random_deals(t in crate::redline::arb_variant()) {
        let names = ["global-bank.json", "healthcare-azure.json", "minimal.json"];
        let v = crate::redline::variant(&example_json(names[t.example % 3]), &t);
        let deal = resolve(&v);
        proptest::prop_assume!(deal.is_ok());
        let deal = deal.unwrap();
        let (_, theirs) = marked_deal(&deal, |x| {
            let name = dealdraft::render::docx::value_bookmark("sla.uptime_pct", 1);
            let at = x.find(&format!("w:name=\"{name}\"")).unwrap_or_else(|| panic!("{name}"));
            let open = "<w:t xml:space=\"preserve\">";
            let a = at + x[at..].find(open).unwrap() + open.len();
            let b = a + x[a..].find("</w:t>").unwrap();
            let written = x[a..b].to_string();
            change_value(x, "sla.uptime_pct", &written, "97%", 9001)
        });
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("theirs.docx");
        std::fs::write(&path, &theirs).unwrap();
        let r = round(&path, &deal, &LIBRARY, &opts(), None).unwrap();
        let terms: Vec<_> = r.proposals.iter().filter(|p| p.kind == ProposalKind::Term).collect();
        proptest::prop_assert_eq!(terms.len(), 1, "{:#?}", r.proposals);
        proptest::prop_assert_eq!(terms[0].field.as_deref(), Some("sla.uptime_pct"));
        proptest::prop_assert_eq!(terms[0].theirs.as_ref().and_then(|v| v.as_f64()), Some(97.0));
        proptest::prop_assert_eq!(terms[0].ours.as_ref().and_then(|v| v.as_f64()), Some(t.uptime));
        proptest::prop_assert_eq!(terms[0].verdict, Some(Verdict::Reject));
        // Nothing else is read as changed.
        proptest::prop_assert_eq!(r.proposals.len(), 1, "{:#?}", r.proposals);
    }
}

#[test]
fn their_comments_are_read_judged_and_answered_in_their_threads() {
    let deal = resolve(&example_json("global-bank.json")).unwrap();
    let theirs = commented(|x| x);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("theirs.docx");
    std::fs::write(&path, &theirs).unwrap();
    let r = round(&path, &deal, &LIBRARY, &opts(), None).unwrap();
    let p = &r.proposals;
    assert_eq!(p.len(), 3, "{p:#?}");
    assert!(p.iter().all(|x| x.kind == ProposalKind::Comment), "{p:#?}");
    // A value stated in a comment on the uptime: a term they propose, within the fallback.
    let uptime = p.iter().find(|x| x.inserted.contains("99.5%")).unwrap();
    assert_eq!(
        uptime.field.as_deref(),
        Some("sla.uptime_pct"),
        "{uptime:?}"
    );
    assert_eq!(uptime.theirs, Some(serde_json::json!(99.5)));
    assert_eq!(uptime.verdict, Some(Verdict::Acceptable), "{uptime:?}");
    let agreed = uptime.answer.as_deref().unwrap();
    assert!(agreed.starts_with("We can agree to 99.5%"), "{agreed}");
    // Efforts language: refused, with the phrase's rule.
    let efforts = p.iter().find(|x| x.inserted.contains("efforts")).unwrap();
    assert_eq!(efforts.verdict, Some(Verdict::Reject), "{efforts:?}");
    assert_eq!(
        efforts.rules,
        vec!["paper.commercially-reasonable-efforts".to_string()]
    );
    assert!(
        efforts.answer.as_deref().unwrap().starts_with(
            "Not accepted: red-flag language (Efforts language in place of a commitment)."
        ),
        "{efforts:?}"
    );
    // A question: no verdict; the answer restates our position.
    let why = p.iter().find(|x| x.inserted.starts_with("Why")).unwrap();
    assert_eq!((why.verdict, why.field.as_deref()), (None, None), "{why:?}");
    assert_eq!(
        why.answer.as_deref(),
        Some("Noted. Our position here stands as drafted.")
    );
    // Their position takes the uptime their comment offers.
    let files: std::collections::BTreeMap<_, _> = r.files.iter().cloned().collect();
    let position: serde_json::Value =
        serde_json::from_slice(&files["round-1/their-position.json"]).unwrap();
    assert_eq!(position["sla"]["uptime_pct"], 99.5);

    // The reply: each answer a comment of ours in their comment's thread, anchored in
    // theirs; their comments kept as they were; the text untouched by answers.
    let reply = &files["round-1/reply.docx"];
    let comments = part(reply, "word/comments.xml");
    let before = part(&theirs, "word/comments.xml");
    assert!(
        comments.starts_with(before.trim_end_matches("</w:comments>")),
        "their comments are kept byte for byte"
    );
    let ours: Vec<&str> = comments
        .split("<w:comment ")
        .skip(1)
        .filter(|c| c.contains("w:author=\"Northwind Legal\""))
        .collect();
    assert_eq!(ours.len(), 3, "{comments}");
    let ex = part(reply, "word/commentsExtended.xml");
    for parent in ["1A2B3C01", "1A2B3C02", "1A2B3C03"] {
        assert_eq!(
            ex.matches(&format!("w15:paraIdParent=\"{parent}\""))
                .count(),
            1,
            "{ex}"
        );
    }
    // Each answer's thread entry names its own last paragraph.
    for c in &ours {
        let id = c
            .split("w14:paraId=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert!(
            ex.contains(&format!("w15:paraId=\"{id}\" w15:paraIdParent=")),
            "{ex}"
        );
    }
    let doc = part(reply, "word/document.xml");
    for theirs_id in [8001, 8002, 8003] {
        let start =
            format!("<w:commentRangeStart w:id=\"{theirs_id}\"/><w:commentRangeStart w:id=\"");
        assert!(
            doc.contains(&start),
            "our answer's range opens inside theirs ({theirs_id})"
        );
    }
    assert_eq!(
        paragraphs(reply, View::Accept),
        paragraphs(&theirs, View::Accept)
    );
    assert_eq!(
        paragraphs(reply, View::Reject),
        paragraphs(&theirs, View::Accept)
    );
}

#[test]
fn counsels_decisions_override_the_verdicts_and_answer_in_their_words() {
    let deal = resolve(&example_json("global-bank.json")).unwrap();
    let theirs = commented(|x| x);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("theirs.docx");
    std::fs::write(&path, &theirs).unwrap();
    let r1 = round(&path, &deal, &LIBRARY, &opts(), None).unwrap();
    let id = |needle: &str| {
        r1.proposals
            .iter()
            .find(|p| p.inserted.contains(needle))
            .unwrap()
            .id
            .clone()
    };
    let (uptime, why) = (id("99.5%"), id("Why"));
    let history = String::from_utf8(
        r1.files
            .iter()
            .find(|f| f.0 == "negotiation.json")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    let decisions = dir.path().join("decisions.json");
    std::fs::write(
        &decisions,
        format!(
            "{{\n  \"{uptime}\": {{\"verdict\": \"reject\", \"answer\": \"Our board requires 99.9%.\"}},\n  \"{why}\": \"The pilot is how we decide; it needs its own exit.\"\n}}\n"
        ),
    )
    .unwrap();
    let mut o = opts();
    o.decisions = dealdraft::rounds::decisions::Decisions::read(&decisions).unwrap();
    // The same file read again is the same round, rewritten.
    let r = round(&path, &deal, &LIBRARY, &o, Some(&history)).unwrap();
    assert_eq!(r.n, 1);
    let up = r.proposals.iter().find(|p| p.id == uptime).unwrap();
    assert_eq!(up.verdict, Some(Verdict::Reject));
    assert_eq!(up.decided_by, dealdraft::rounds::DecidedBy::Counsel);
    assert!(
        up.reason.starts_with("counsel's decision (the playbook: "),
        "{up:?}"
    );
    assert_eq!(up.answer.as_deref(), Some("Our board requires 99.9%."));
    let files: std::collections::BTreeMap<_, _> = r.files.iter().cloned().collect();
    let comments = part(&files["round-1/reply.docx"], "word/comments.xml");
    assert!(comments.contains("Our board requires 99.9%."), "{comments}");
    assert!(comments.contains("The pilot is how we decide; it needs its own exit."));
    assert!(!comments.contains("Noted. Our position here stands as drafted."));
    // The history keeps one round, with the verdict counsel gave.
    let h: serde_json::Value = serde_json::from_slice(&files["negotiation.json"]).unwrap();
    assert_eq!(h["rounds"].as_array().unwrap().len(), 1, "{h}");
    let values = h["terms"]["sla.uptime_pct"].as_array().unwrap();
    assert_eq!(values.len(), 2, "{h}");
    assert_eq!(values[1]["verdict"], "reject");
    let md = String::from_utf8(files["round-1/proposals.md"].clone()).unwrap();
    assert!(
        md.contains("| Our board requires 99.9%. | counsel |"),
        "{md}"
    );

    // A decision for a proposal the round does not have: where, and what it may have meant.
    std::fs::write(&decisions, "{\n  \"r1-22\": \"Fine.\"\n}\n").unwrap();
    o.decisions = dealdraft::rounds::decisions::Decisions::read(&decisions).unwrap();
    let e = round(&path, &deal, &LIBRARY, &o, Some(&history)).unwrap_err();
    let text = e
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("decisions.json:2:"), "{text}");
    assert!(
        text.contains("this round has no proposal r1-22; its proposals are r1-1 to r1-3"),
        "{text}"
    );
    // A verdict on a question, and a verdict misspelt.
    std::fs::write(
        &decisions,
        format!("{{\"{why}\": {{\"verdict\": \"accept\"}}}}"),
    )
    .unwrap();
    o.decisions = dealdraft::rounds::decisions::Decisions::read(&decisions).unwrap();
    let e = round(&path, &deal, &LIBRARY, &o, Some(&history)).unwrap_err();
    assert!(
        e.iter()
            .any(|d| d.message.contains("takes an answer, not a verdict")),
        "{e:?}"
    );
    std::fs::write(
        &decisions,
        format!("{{\"{uptime}\": {{\"verdict\": \"acept\"}}}}"),
    )
    .unwrap();
    let e = dealdraft::rounds::decisions::Decisions::read(&decisions).unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("verdict \"acept\" is not one of accept, acceptable, reject"),
        "{text}"
    );
    assert!(text.contains("did you mean \"accept\"?"), "{text}");
}

/// The comments LibreOffice reads in a Word file (converted to ODF by `soffice`): each
/// one's author and text, in the order of the document.
fn libreoffice_comments(docx: &[u8]) -> Option<Vec<(String, String)>> {
    let have = std::process::Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have {
        crate::common::tool_missing(
            "LibreOffice (soffice) is not installed; `apt-get install libreoffice-writer-nogui` to read the reply's comments",
        );
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    let file = dir.path().join("reply.docx");
    std::fs::write(&file, docx).unwrap();
    let o = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "odt", "--outdir"])
        .arg(dir.path())
        .arg(&file)
        .output()
        .unwrap();
    let odt = std::fs::read(dir.path().join("reply.odt")).unwrap_or_else(|_| {
        panic!(
            "LibreOffice did not convert the reply: {}",
            String::from_utf8_lossy(&o.stderr)
        )
    });
    let content = part(&odt, "content.xml");
    let mut out = Vec::new();
    for a in content.split("<office:annotation").skip(1) {
        let Some(body) = a.split("</office:annotation>").next() else {
            continue;
        };
        let author = body
            .split("<dc:creator>")
            .nth(1)
            .and_then(|x| x.split("</dc:creator>").next())
            .unwrap_or_default()
            .to_string();
        let text: String = body
            .split("<text:p")
            .skip(1)
            .map(|p| {
                let p = p.split_once('>').map_or("", |x| x.1);
                let mut t = String::new();
                let mut tag = false;
                for c in p.chars() {
                    match c {
                        '<' => tag = true,
                        '>' => tag = false,
                        _ if !tag => t.push(c),
                        _ => {}
                    }
                }
                t
            })
            .collect::<Vec<_>>()
            .join(" ");
        out.push((
            author,
            text.replace("&apos;", "'")
                .replace("&quot;", "\"")
                .replace("&amp;", "&"),
        ));
    }
    Some(out)
}

#[test]
fn libreoffice_reads_their_comments_and_our_answers_in_the_reply() {
    let deal = resolve(&example_json("global-bank.json")).unwrap();
    // With a change of theirs we reject, so that the reply carries both kinds of comment.
    let theirs = commented(|x| change_value(x, "sla.uptime_pct", "99.9%", "99.0%", 9001));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("theirs.docx");
    std::fs::write(&path, &theirs).unwrap();
    let r = round(&path, &deal, &LIBRARY, &opts(), None).unwrap();
    let reply = &r
        .files
        .iter()
        .find(|f| f.0.ends_with("reply.docx"))
        .unwrap()
        .1;
    let Some(comments) = libreoffice_comments(reply) else {
        return;
    };
    let by = |who: &str| {
        comments
            .iter()
            .filter(|c| c.0 == who)
            .map(|c| c.1.as_str())
            .collect::<Vec<_>>()
    };
    let theirs_read = by("Vendor Legal");
    assert_eq!(theirs_read.len(), 3, "{comments:?}");
    assert!(theirs_read.contains(&"Why does the pilot need its own exit?"));
    let ours = by("Northwind Legal");
    // Three answers and the reason for reverting their uptime.
    assert_eq!(ours.len(), 4, "{comments:?}");
    assert!(
        ours.contains(&"Noted. Our position here stands as drafted."),
        "{ours:?}"
    );
    assert!(
        ours.iter().any(|c| c.starts_with(
            "Not accepted: red-flag language (Efforts language in place of a commitment)."
        )),
        "{ours:?}"
    );
    assert!(
        ours.iter()
            .any(|c| c.starts_with("Not accepted: 99% is below our walk-away position")),
        "{ours:?}"
    );
}

#[test]
fn the_command_writes_the_round_rewrites_it_with_decisions_and_refuses_bad_ones() {
    let theirs = commented(|x| x);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("theirs.docx");
    std::fs::write(&path, &theirs).unwrap();
    let deal = crate::common::root().join("examples/global-bank.json");
    let out = dir.path().join("rounds");
    let run = |extra: &[&std::ffi::OsStr]| {
        crate::common::cmd()
            .arg("round")
            .arg(&path)
            .arg("--deal")
            .arg(&deal)
            .arg("--out")
            .arg(&out)
            .args(extra)
            .output()
            .unwrap()
    };
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let folder = out.join("northwind-bank-openai-2027");
    assert!(folder.join("round-1/reply.docx").is_file());
    let decisions = dir.path().join("decisions.json");
    std::fs::write(
        &decisions,
        "{\"r1-3\": \"We will explain on the next call.\"}\n",
    )
    .unwrap();
    let o = run(&[std::ffi::OsStr::new("--decisions"), decisions.as_os_str()]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    // The same file again: round 1 rewritten, no round 2.
    assert!(!folder.join("round-2").exists());
    let md = std::fs::read_to_string(folder.join("round-1/proposals.md")).unwrap();
    assert!(
        md.contains("| We will explain on the next call. | counsel |"),
        "{md}"
    );
    std::fs::write(&decisions, "{\"r1-3\": {\"verdit\": \"accept\"}}\n").unwrap();
    let o = run(&[std::ffi::OsStr::new("--decisions"), decisions.as_os_str()]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("decisions.json:1:") && err.contains("did you mean `verdict`?"),
        "{err}"
    );
    // Nothing of the earlier round was touched by the refused run.
    let again = std::fs::read_to_string(folder.join("round-1/proposals.md")).unwrap();
    assert_eq!(md, again);
}

/// The run inside a value's bookmark split in two at `cut` (as Word splits a run where an
/// edit starts), and the second part struck and replaced by `to`.
fn change_part_of_value(x: String, field: &str, cut: usize, to: &str, id: u32) -> String {
    let name = dealdraft::render::docx::value_bookmark(field, 1);
    let at = x.find(&format!("w:name=\"{name}\"")).unwrap();
    let a = at + x[at..].find("<w:r>").unwrap();
    let b = a + x[a..].find("</w:r>").unwrap() + "</w:r>".len();
    let run = &x[a..b];
    let t0 = run.find("<w:t").unwrap();
    let t1 = t0 + run[t0..].find('>').unwrap() + 1;
    let t2 = run.find("</w:t>").unwrap();
    let (head, text) = (&run[..t0], &run[t1..t2]);
    let (keep, change) = text.split_at(cut);
    let rpr = head.trim_start_matches("<w:r>");
    format!(
        "{}<w:r>{rpr}<w:t xml:space=\"preserve\">{keep}</w:t></w:r><w:del w:id=\"{id}\" {BY}><w:r>{rpr}<w:delText xml:space=\"preserve\">{change}</w:delText></w:r></w:del><w:ins w:id=\"{}\" {BY}><w:r>{rpr}<w:t xml:space=\"preserve\">{to}</w:t></w:r></w:ins>{}",
        &x[..a],
        id + 1,
        &x[b..]
    )
}

#[test]
fn a_value_changed_in_part_across_runs_is_a_term_of_its_whole_value() {
    let deal = resolve(&example_json("global-bank.json")).unwrap();
    // "99.9%" split as Word splits it, "99." kept and "9%" changed to "5%": 99.5%.
    let (_, theirs) = marked(|x| change_part_of_value(x, "sla.uptime_pct", 3, "5%", 9001));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("theirs.docx");
    std::fs::write(&path, &theirs).unwrap();
    let r = round(&path, &deal, &LIBRARY, &opts(), None).unwrap();
    assert_eq!(r.proposals.len(), 1, "{:#?}", r.proposals);
    let p = &r.proposals[0];
    assert_eq!(
        (
            p.kind,
            p.field.as_deref(),
            p.deleted.as_str(),
            p.inserted.as_str()
        ),
        (ProposalKind::Term, Some("sla.uptime_pct"), "9%", "5%")
    );
    assert_eq!(p.theirs, Some(serde_json::json!(99.5)), "{p:?}");
    assert_eq!(p.verdict, Some(Verdict::Acceptable), "{p:?}");
}

#[test]
fn their_position_is_a_valid_deal_with_our_credit_tiers_following_their_uptime() {
    let deal = resolve(&example_json("global-bank.json")).unwrap();
    for (to, tiers) in [
        // Our tiers: below 99.9% 10%, below 99% 25%, below 95% 50%. A month at 99.6% is no
        // breach of their 99.5%: the first tier starts below it.
        ("99.5%", vec![(99.5, 10.0), (99.0, 25.0), (95.0, 50.0)]),
        // Two tiers brought down to 98% share it, with the higher credit.
        ("98.0%", vec![(98.0, 25.0), (95.0, 50.0)]),
    ] {
        let (_, theirs) = marked(|x| change_value(x, "sla.uptime_pct", "99.9%", to, 9001));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("theirs.docx");
        std::fs::write(&path, &theirs).unwrap();
        let r = round(&path, &deal, &LIBRARY, &opts(), None).unwrap();
        let files: std::collections::BTreeMap<_, _> = r.files.iter().cloned().collect();
        let position: serde_json::Value =
            serde_json::from_slice(&files["round-1/their-position.json"]).unwrap();
        let resolved = dealdraft::resolve::resolve_built(&position, &LIBRARY)
            .unwrap_or_else(|e| panic!("{to}: their position is not a valid deal: {e:?}"));
        let got: Vec<(f64, f64)> = resolved
            .deal
            .sla
            .iter()
            .flat_map(|s| s.credit_tiers.iter().flatten())
            .map(|t| (t.below_pct, t.credit_pct))
            .collect();
        assert_eq!(got, tiers, "{to}");
        let md = String::from_utf8(files["round-1/proposals.md"].clone()).unwrap();
        assert!(
            md.contains(
                "Their position, to be a whole deal: sla.credit_tiers follow their uptime of"
            ),
            "{md}"
        );
        assert!(!md.contains("not a valid deal"), "{md}");
    }
}

#[test]
fn a_value_changed_in_words_but_not_in_figures_is_a_term_in_doubt_and_rejected() {
    let deal = resolve(&example_json("global-bank.json")).unwrap();
    // "ninety (90) days" of the pilot: the words changed, the figures left.
    let (_, theirs) =
        marked(|x| change_value(x, "exit.pilot.days", "ninety (90)", "sixty (90)", 9001));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("theirs.docx");
    std::fs::write(&path, &theirs).unwrap();
    let r = round(&path, &deal, &LIBRARY, &opts(), None).unwrap();
    assert_eq!(r.proposals.len(), 1, "{:#?}", r.proposals);
    let p = &r.proposals[0];
    assert_eq!(
        (p.kind, p.field.as_deref()),
        (ProposalKind::Term, Some("exit.pilot.days"))
    );
    assert_eq!(p.disagree.as_deref(), Some("sixty (90) days"));
    assert_eq!(p.verdict, Some(Verdict::Reject), "{p:?}");
    assert!(
        p.reason
            .starts_with("the words and figures of their value disagree (\"sixty (90) days\")"),
        "{p:?}"
    );
}
