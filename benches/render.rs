//! Criterion benchmarks of the pipeline stages, in-process: assemble, Markdown, PDF, HTML;
//! and the Markdown and HTML writers alone on one assembled document.
//! `cargo bench --bench render`

use criterion::{Criterion, criterion_group, criterion_main};
use dealdraft::{Format, Library, RenderOptions};

fn stages(c: &mut Criterion) {
    let library = Library::builtin().expect("built-in library");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in ["global-bank", "healthcare-azure", "minimal"] {
        let deal = dealdraft::load_deal(&root.join(format!("examples/{name}.json")), &library)
            .expect("example deal");
        c.bench_function(&format!("{name}/load+validate"), |b| {
            b.iter(|| {
                dealdraft::load_deal(&root.join(format!("examples/{name}.json")), &library).unwrap()
            })
        });
        c.bench_function(&format!("{name}/assemble"), |b| {
            b.iter(|| {
                dealdraft::assemble::assemble(&deal, &library, "sow", Default::default()).unwrap()
            })
        });
        let set =
            dealdraft::assemble::assemble(&deal, &library, "sow", Default::default()).unwrap();
        let (docs, _) = set.chosen(&["sow".to_string()]);
        c.bench_function(&format!("{name}/writer/markdown"), |b| {
            b.iter(|| dealdraft::render::markdown::render(&docs[0]))
        });
        c.bench_function(&format!("{name}/writer/html"), |b| {
            b.iter(|| dealdraft::render::html::render(&docs[0]))
        });
        for (label, format) in [
            ("markdown", Format::Markdown),
            ("pdf", Format::Pdf),
            ("html", Format::Html),
        ] {
            let opts = RenderOptions {
                formats: vec![format],
                ..Default::default()
            };
            c.bench_function(&format!("{name}/{label}"), |b| {
                b.iter(|| dealdraft::render_deal(&deal, &library, &opts).unwrap())
            });
        }
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = stages
}
criterion_main!(benches);
