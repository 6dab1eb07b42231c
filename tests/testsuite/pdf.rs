//! PDF through Typst: a real PDF, read back with pdftotext (poppler-utils) where installed.

use std::path::Path;
use std::process::Command;

use serde_json::json;

use crate::common::{LIBRARY, cmd, example_json, exit_2, patched, resolve, root, write_deal};

const HOSTILE: &str = r"Acme #1 <EU> $AI *Group* _x_ @y \ {{ z }} [a](b)";

/// Text of a PDF via pdftotext, or `None` (with a loud note) if poppler is not installed.
pub fn pdftotext(pdf: &Path) -> Option<String> {
    match Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(pdf)
        .arg("-")
        .output()
    {
        Ok(o) if o.status.success() => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        Ok(o) => panic!(
            "pdftotext failed on {}: {}",
            pdf.display(),
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(_) => {
            crate::common::tool_missing(
                "pdftotext is not installed; `apt-get install poppler-utils` to check PDF text",
            );
            None
        }
    }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn render_pdf(deal: &serde_json::Value, document: &str) -> Vec<u8> {
    let d = resolve(deal).unwrap();
    let opts = dealdraft::RenderOptions {
        documents: vec![document.into()],
        formats: vec![dealdraft::Format::Pdf],
        ..Default::default()
    };
    dealdraft::render_deal(&d, &LIBRARY, &opts)
        .unwrap()
        .files
        .remove(0)
        .1
}

#[test]
fn the_sow_pdf_carries_the_text_literally() {
    let deal = patched(
        &example_json("global-bank.json"),
        json!({"deal": {"customer": {"legal_name": HOSTILE}}}),
    );
    let pdf = render_pdf(&deal, "sow");
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sow.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let Some(text) = pdftotext(&path) else { return };
    let flat = squash(&text);
    assert!(
        flat.contains(HOSTILE),
        "the customer name, character for character:\n{flat}"
    );
    assert!(flat.contains("99.9%"), "the uptime figure");
    let pages = text.matches('\u{c}').count();
    assert!(pages > 5, "a multi-page document: {pages} pages");
    assert!(
        flat.contains(&format!("Page 2 of {pages}")),
        "footer with page X of Y"
    );
    // Every section title of the SOW and its annexes, in order.
    let resolved = resolve(&deal).unwrap();
    let doc = dealdraft::assemble::assemble(&resolved, &LIBRARY, "sow", Default::default())
        .unwrap()
        .document("sow")
        .unwrap();
    let mut pos = flat.find("Contents").expect("a table of contents");
    for part in &doc.parts {
        for s in &part.sections {
            let title = format!("{}. {}", s.number, s.title);
            let at = flat[pos..]
                .find(&title)
                .unwrap_or_else(|| panic!("section title {title:?} missing after the contents"));
            pos += at;
            for c in &s.clauses {
                assert!(
                    flat.contains(&format!("{} {}", c.number, c.title)),
                    "clause heading {} {}",
                    c.number,
                    c.title
                );
            }
        }
    }
    assert!(flat.contains("Draft — subject to contract"));
    assert!(flat.contains("Signature"), "signature blocks");
}

#[test]
fn the_pdf_follows_the_deals_paper_size() {
    let media_box = |pdf: &[u8]| {
        let text = String::from_utf8_lossy(pdf);
        let at = text.find("/MediaBox[").expect("a media box");
        text[at..at + text[at..].find(']').unwrap() + 1].to_string()
    };
    let a4 = render_pdf(&example_json("minimal.json"), "sla-annex");
    assert_eq!(
        media_box(&a4),
        "/MediaBox[0 0 595.2756 841.8898]",
        "A4 by default"
    );
    let letter = render_pdf(
        &patched(
            &example_json("minimal.json"),
            json!({"deal": {"paper": "letter"}}),
        ),
        "sla-annex",
    );
    assert_eq!(media_box(&letter), "/MediaBox[0 0 612 792]", "US Letter");
}

#[test]
fn pdfs_are_byte_identical_across_runs() {
    let deal = example_json("healthcare-azure.json");
    let a = render_pdf(&deal, "sow");
    let b = render_pdf(&deal, "sow");
    assert!(a == b, "two renders differ");
    // And across processes.
    let d1 = tempfile::tempdir().unwrap();
    let d2 = tempfile::tempdir().unwrap();
    for d in [d1.path(), d2.path()] {
        cmd()
            .args(["render", "--format", "pdf", "--document", "all", "--out"])
            .arg(d)
            .arg(root().join("examples/healthcare-azure.json"))
            .assert()
            .success();
    }
    for doc in ["sow", "sla-annex", "exit-annex"] {
        let rel = format!("helios-health-azure-openai/{doc}.pdf");
        assert!(
            std::fs::read(d1.path().join(&rel)).unwrap()
                == std::fs::read(d2.path().join(&rel)).unwrap(),
            "{rel} differs"
        );
    }
}

#[test]
fn a_standalone_annex_has_its_own_title_block() {
    let pdf = render_pdf(&example_json("global-bank.json"), "support-annex");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let Some(text) = pdftotext(&path) else { return };
    let flat = squash(&text);
    assert!(
        flat.starts_with("Annex B — Support Enterprise AI Services"),
        "{flat}"
    );
    assert!(
        flat.contains("Attached to Statement of Work")
            && flat.contains("Northwind Bank plc")
            && flat.contains("OpenAI, L.L.C.")
    );
}

/// The standalone annex's running header names it as an attached annex's does, in the PDF
/// and in Word alike ("Annex A — Service Levels", then the marking).
#[test]
fn a_standalone_annex_runs_its_label_and_title_in_the_header_of_pdf_and_word() {
    let deal = example_json("global-bank.json");
    let d = resolve(&deal).unwrap();
    let opts = dealdraft::RenderOptions {
        documents: vec!["sla-annex".into()],
        formats: vec![dealdraft::Format::Docx],
        ..Default::default()
    };
    let docx = dealdraft::render_deal(&d, &LIBRARY, &opts)
        .unwrap()
        .files
        .remove(0)
        .1;
    let header = crate::redline::part(&docx, "word/header1.xml");
    assert!(
        header.contains(">Annex A — Service Levels<")
            && header.contains(">Draft — subject to contract<"),
        "Word's running header: {header}"
    );
    let pdf = render_pdf(&deal, "sla-annex");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let Some(text) = pdftotext(&path) else { return };
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert!(pages.len() > 2, "{} pages", pages.len());
    let last = pages
        .iter()
        .rev()
        .map(|p| squash(p))
        .find(|p| !p.is_empty())
        .unwrap();
    assert!(
        last.starts_with("Annex A — Service Levels Draft — subject to contract"),
        "the PDF's running header: {last}"
    );
}

/// Renders the minimal deal to PDF with a style of our own into `dir/out`; it must fail
/// with exit 2. Returns stderr.
fn render_with_style(dir: &Path, style: &Path) -> String {
    exit_2(
        cmd()
            .args(["render", "--format", "pdf", "--template"])
            .arg(style)
            .arg("--out")
            .arg(dir.join("out"))
            .arg(root().join("examples/minimal.json")),
    )
}

#[test]
fn a_broken_template_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let style = dir.path().join("style.typ");
    std::fs::write(
        &style,
        "#let render(doc) = {\n  doc.meta.title\n  #nonexistent-function()\n}\n",
    )
    .unwrap();
    let stderr = render_with_style(dir.path(), &style);
    assert!(
        stderr.contains(&format!("{}:3:", style.display())),
        "file and line: {stderr}"
    );
    assert!(stderr.contains("Typst: "), "{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("SourceDiagnostic"),
        "{stderr}"
    );
    assert!(!dir.path().join("out").exists(), "nothing written");
}

#[test]
fn typst_reads_no_file_outside_our_assets() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "secret").unwrap();
    let style = dir.path().join("style.typ");
    std::fs::write(
        &style,
        format!("#let render(doc) = read(\"{}\")\n", secret.display()),
    )
    .unwrap();
    let stderr = render_with_style(dir.path(), &style);
    assert!(
        stderr.contains("Typst: ") && stderr.contains("not found"),
        "{stderr}"
    );
}

#[test]
fn the_typst_project_builds_with_the_typst_cli() {
    let dir = tempfile::tempdir().unwrap();
    let deal = write_deal(dir.path(), "d.json", &example_json("healthcare-azure.json"));
    cmd()
        .args(["render", "--format", "typ,pdf", "--out"])
        .arg(dir.path())
        .arg(&deal)
        .assert()
        .success();
    let proj = dir.path().join("helios-health-azure-openai");
    for f in ["dealdraft.typ", "sow.typ", "sow.json", "sow.pdf"] {
        assert!(proj.join(f).is_file(), "{f}");
    }
    let entry = std::fs::read_to_string(proj.join("sow.typ")).unwrap();
    assert!(entry.contains("json(\"sow.json\")"), "{entry}");
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(proj.join("sow.json")).unwrap()).unwrap();
    assert_eq!(data["meta"]["deal_id"], "helios-health-azure-openai");
    // An independent build of the project: the Typst CLI where it is installed, else the
    // Typst compiler's Python package (the same compiler, 0.15; `.ci/run` installs it).
    let cli_pdf = dir.path().join("cli.pdf");
    let built = if Command::new("typst").arg("--version").output().is_ok() {
        Command::new("typst")
            .arg("compile")
            .arg(proj.join("sow.typ"))
            .arg(&cli_pdf)
            .output()
            .unwrap()
    } else if Command::new("python3")
        .args(["-c", "import typst"])
        .output()
        .is_ok_and(|o| o.status.success())
    {
        Command::new("python3")
            .args([
                "-c",
                "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2])",
            ])
            .arg(proj.join("sow.typ"))
            .arg(&cli_pdf)
            .output()
            .unwrap()
    } else {
        crate::common::tool_missing(
            "neither the `typst` CLI nor the Typst Python package (`pip install typst==0.15.0`) is installed; the project was not built by Typst itself",
        );
        return;
    };
    assert!(
        built.status.success(),
        "typst compile: {}",
        String::from_utf8_lossy(&built.stderr)
    );
    let (Some(ours), Some(theirs)) = (pdftotext(&proj.join("sow.pdf")), pdftotext(&cli_pdf)) else {
        return;
    };
    assert_eq!(ours, theirs, "the Typst CLI builds the same pages");
}

#[test]
fn the_pdf_title_and_running_header_come_from_the_document() {
    // The style sets the title in a scope of its own and reads the header's short title
    // and status from metadata (so that Typst can reuse layout between documents): both
    // must still reach the PDF.
    let pdf = render_pdf(&example_json("global-bank.json"), "sow");
    let xmp = String::from_utf8_lossy(&pdf);
    assert!(
        xmp.contains("Statement of Work: Enterprise AI Services"),
        "the document title in the PDF's metadata"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sow.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let Some(text) = pdftotext(&path) else { return };
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert!(
        !pages[0].trim_start().starts_with("SOW"),
        "no running header on the cover"
    );
    let third = squash(pages[2]);
    assert!(
        third.starts_with("SOW Draft — subject to contract"),
        "running header: short title, then status: {third}"
    );
    let last = pages
        .iter()
        .rev()
        .map(|p| squash(p))
        .find(|p| !p.is_empty())
        .unwrap();
    assert!(
        last.starts_with("Annex E — Exit and Transition Draft — subject to contract"),
        "inside an annex, the annex's label and title: {last}"
    );
}

#[test]
fn pdfs_typeset_at_once_are_the_pdfs_typeset_alone() {
    // One engine serves every thread, each document under its own file names, and Typst's
    // cache carries layout between documents: none of that may change a byte.
    let deals: Vec<serde_json::Value> = (0..4)
        .map(|i| {
            patched(
                &example_json("global-bank.json"),
                json!({"deal": {"customer": {"legal_name": format!("Parallel Customer {i} Ltd")}},
                       "sla": {"uptime_pct": 99.9 + f64::from(i) * 0.01}}),
            )
        })
        .collect();
    let together: Vec<Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> = deals
            .iter()
            .map(|d| s.spawn(|| render_pdf(d, "sow")))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (i, (d, pdf)) in deals.iter().zip(&together).enumerate() {
        assert!(*pdf == render_pdf(d, "sow"), "document {i} differs");
    }
    let dir = tempfile::tempdir().unwrap();
    for (i, pdf) in together.iter().enumerate() {
        let path = dir.path().join(format!("{i}.pdf"));
        std::fs::write(&path, pdf).unwrap();
        let Some(text) = pdftotext(&path) else { return };
        let flat = squash(&text);
        for j in 0..4 {
            let name = format!("Parallel Customer {j} Ltd");
            assert_eq!(flat.contains(&name), i == j, "document {i} and {name}");
        }
    }
}
