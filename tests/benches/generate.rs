//! Generation speed: a whole docs tree, from files on disk to the crate's
//! files in memory (reading, parsing, merging, emitting, formatting).
//!
//! `cargo bench -p seam-codegen-tests --bench generate`
//!
//! `spec/` (the seeds and the July 2026 Mintlify tree with its 3.5 MB
//! `openapi.json`), and the corpus trees from `../shared/corpus` when they
//! are there: the GitBook trees of 2025 and the Mintlify trees of 2026.

use criterion::{Criterion, criterion_group, criterion_main};

fn trees() -> Vec<(String, std::path::PathBuf)> {
    let root = seam_codegen_tests::root();
    let mut trees = vec![("spec".to_owned(), root.join("spec"))];
    for name in ["seam-docs-2025-05", "seam-docs-2025-07", "seam-mintlify-2026-06", "seam-mintlify-2026-07"] {
        let dir = root.join("../shared/corpus").join(name);
        if dir.is_dir() {
            trees.push((name.to_owned(), dir));
        } else {
            eprintln!("{} not found: benchmarking without it", dir.display());
        }
    }
    trees
}

fn generate(c: &mut Criterion) {
    for (name, dir) in trees() {
        let pages = seam_codegen::load_spec(&dir).unwrap().pages.len();
        c.bench_function(&format!("generate/{name} ({pages} pages, end to end)"), |b| {
            b.iter(|| {
                let spec = seam_codegen::load_spec(&dir).unwrap();
                seam_codegen::generate(&spec, "spec/").unwrap()
            })
        });
        let spec = seam_codegen::load_spec(&dir).unwrap();
        c.bench_function(&format!("model/{name} (parse and merge only)"), |b| {
            b.iter(|| seam_codegen::build_model(&spec))
        });
    }
}

/// A synthetic condensed-layout page with `n` properties, in a fresh
/// folder: how generation scales with the size of one object (it should be
/// linear: twice the properties, twice the time).
fn big_page(n: usize) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("seam-codegen-bench-{n}-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("widgets")).unwrap();
    let mut page = String::from("# Widgets\n\n## The widget Object\n\nA widget.\n\n---\n## Properties\n\n");
    for i in 0..n {
        let ty = ["String", "UUID", "Boolean", "Number", "Datetime"][i % 5];
        page.push_str(&format!("**`prop_{i}`** *{ty}*\n\nThe property number {i} of a widget.\n\n---\n\n"));
    }
    page.push_str("## Endpoints\n\n");
    std::fs::write(dir.join("widgets/README.md"), page).unwrap();
    dir
}

fn scaling(c: &mut Criterion) {
    let mut g = c.benchmark_group("one big object");
    g.sample_size(10);
    for n in [2_500, 10_000] {
        let dir = big_page(n);
        let spec = seam_codegen::load_spec(&dir).unwrap();
        g.bench_function(format!("generate/condensed page, {n} properties"), |b| {
            b.iter(|| seam_codegen::generate(&spec, "spec/").unwrap())
        });
        std::fs::remove_dir_all(&dir).unwrap();
    }
    g.finish();
}

criterion_group!(benches, generate, scaling);
criterion_main!(benches);
