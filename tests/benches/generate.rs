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

criterion_group!(benches, generate);
criterion_main!(benches);
