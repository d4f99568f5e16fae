//! Splitting run-together enum values (page text) as lists grow: the time
//! per value should stay about flat (near-linear splitting).
//!
//! `cargo bench -p seam-codegen-tests --bench split`

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use seam_codegen::frontend::split::{Knowledge, split};

/// A docs-like list of `n` values run together: namespaces of two words,
/// each with a few segments (a fixed pseudo-random choice).
fn list(n: usize) -> String {
    const NOUNS: &[&str] = &["access", "code", "grant", "device", "lock", "sensor", "user", "system", "door", "hub"];
    const VERBS: &[&str] = &["created", "deleted", "changed", "added", "removed", "failed", "synced", "expired"];
    let mut seed = 11u64;
    let mut next = |m: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize % m
    };
    let (mut out, mut count, mut group) = (String::new(), 0, 0);
    while count < n {
        group += 1;
        let ns = format!("{}_{}{group}", NOUNS[next(NOUNS.len())], NOUNS[next(NOUNS.len())]);
        for _ in 0..2 + next(4) {
            out.push_str(&format!("{ns}.{}_{}", NOUNS[next(NOUNS.len())], VERBS[next(VERBS.len())]));
            count += 1;
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("split");
    g.sample_size(10);
    for n in [200, 800, 3200] {
        let text = list(n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| b.iter(|| split(text, &Knowledge::new())));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
