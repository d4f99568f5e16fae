//! Written by `cargo xtask bench-events`: how fast a generated crate reads
//! JSON, against `serde_json::Value` on the same bytes. The readers are
//! interleaved in every round (their order rotating), so that a machine
//! that slows down or speeds up mid-run moves them all alike; each round
//! gives every reader's time and its ratio to `Value` in that round, and
//! the report is the median over the rounds.
use std::hint::black_box;
use std::time::{Duration, Instant};

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct Envelope {
    event_id: String,
    event_type: String,
    workspace_id: String,
    created_at: String,
    occurred_at: String,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct BorrowedEnvelope<'a> {
    event_id: &'a str,
    event_type: &'a str,
    workspace_id: &'a str,
    created_at: &'a str,
    occurred_at: &'a str,
}

/// Every top-level property of every payload, in one struct serde derives:
/// what a serde-driven typed reader could at best do through
/// `serde_json::from_str` (no tag to dispatch on, strings kept as
/// `String`, nested values skipped, nothing kept for writing back).
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct Flat {
    // FLAT
}

type Reader = fn(&str, &str) -> bool;

// TYPIFY

fn value(_: &str, p: &str) -> bool {
    black_box(serde_json::from_str::<serde_json::Value>(p)).is_ok()
}
fn event(_: &str, p: &str) -> bool {
    black_box(serde_json::from_str::<seam_types::Event>(p)).is_ok()
}
fn event_from_str(_: &str, p: &str) -> bool {
    black_box(seam_types::from_str::<seam_types::Event>(p)).is_ok()
}
fn ignored(_: &str, p: &str) -> bool {
    black_box(serde_json::from_str::<serde::de::IgnoredAny>(p)).is_ok()
}
fn flat(_: &str, p: &str) -> bool {
    black_box(serde_json::from_str::<Flat>(p)).is_ok()
}
fn envelope(_: &str, p: &str) -> bool {
    black_box(serde_json::from_str::<Envelope>(p)).is_ok()
}
fn borrowed_envelope(_: &str, p: &str) -> bool {
    black_box(serde_json::from_str::<BorrowedEnvelope>(p)).is_ok()
}

/// Each resource example, read into its type.
fn resource(ty: &str, p: &str) -> bool {
    match ty {
        // RESOURCES
        _ => false,
    }
}

struct Set {
    name: &'static str,
    unit: &'static str,
    payloads: Vec<(&'static str, &'static str)>,
    readers: Vec<(&'static str, Reader)>,
}

fn pass(set: &Set, read: Reader) {
    for (ty, p) in &set.payloads {
        black_box(read(ty, black_box(p)));
    }
}

fn measure(set: &Set, rounds: usize) {
    if set.payloads.is_empty() {
        return;
    }
    // Passes per timing: about 2 ms for the average reader.
    let start = Instant::now();
    let mut n = 0u32;
    while start.elapsed() < Duration::from_millis(100) {
        set.readers.iter().for_each(|(_, r)| pass(set, *r));
        n += 1;
    }
    let per_pass = start.elapsed().as_secs_f64() / f64::from(n) / set.readers.len() as f64;
    let reps = ((0.002 / per_pass).ceil() as u32).max(1);
    let k = set.readers.len();
    let mut times = vec![Vec::with_capacity(rounds); k];
    let mut ratios = vec![Vec::with_capacity(rounds); k];
    for round in 0..rounds {
        let mut t = vec![0.0; k];
        for j in 0..k {
            let i = (round + j) % k;
            let read = set.readers[i].1;
            let s = Instant::now();
            for _ in 0..reps {
                pass(set, read);
            }
            t[i] = s.elapsed().as_secs_f64() / f64::from(reps);
        }
        for i in 0..k {
            times[i].push(t[i]);
            ratios[i].push(t[0] / t[i]);
        }
    }
    let bytes: usize = set.payloads.iter().map(|(_, p)| p.len()).sum();
    let n = set.payloads.len() as f64;
    println!(
        "\n{} ({} {}, {bytes} bytes; {rounds} rounds of {reps} passes, readers interleaved)",
        set.name,
        set.payloads.len(),
        set.unit
    );
    println!("  {:<32} {:>12} {:>10} {:>14}", "reader", format!("{}/s", set.unit), "MiB/s", "vs Value");
    for i in 0..k {
        let t = median(&mut times[i]);
        let r = median(&mut ratios[i]);
        println!("  {:<32} {:>12.0} {:>10.1} {:>13.2}x", set.readers[i].0, n / t, bytes as f64 / t / 1048576.0, r);
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn lines(text: &'static str) -> Vec<(&'static str, &'static str)> {
    text.lines().filter(|l| !l.is_empty()).map(|l| l.split_once('\t').expect("type, tab, JSON")).collect()
}

fn main() {
    let arg = std::env::args().nth(1).unwrap_or_default();
    let real = lines(include_str!("../events-real.tsv"));
    // `profile`: only `Event` over the real payloads, for a profiler.
    if arg == "profile" {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            real.iter().for_each(|(ty, p)| {
                event(ty, p);
            });
        }
        return;
    }
    let rounds: usize = arg.parse().unwrap_or(51).max(1);
    let synthesised = lines(include_str!("../events-synthesised.tsv"));
    let resources = lines(include_str!("../resources.tsv"));
    // Every payload reads, known event types into their own variant, and
    // writes back the same JSON; the tests assert this too, per tree.
    let mut unknown = 0;
    for (_, p) in real.iter().chain(&synthesised) {
        let e: seam_types::Event = serde_json::from_str(p).unwrap_or_else(|e| panic!("{e}: {p}"));
        if matches!(e.payload, seam_types::EventPayload::Unknown(_)) {
            unknown += 1;
        }
        let back = serde_json::to_value(&e).unwrap();
        assert_eq!(back, serde_json::from_str::<serde_json::Value>(p).unwrap(), "not lossless: {p}");
    }
    let shown = resources.len();
    let resources: Vec<_> = resources.into_iter().filter(|(ty, p)| resource(ty, p)).collect();
    if resources.len() < shown {
        println!("{} of {shown} resource examples do not read into their type: left out", shown - resources.len());
    }
    println!(
        "{} real and {} synthesised event payloads ({unknown} of a type this crate does not know, read as Unknown)",
        real.len(),
        synthesised.len()
    );
    let readers: Vec<(&'static str, Reader)> = vec![
        ("serde_json::Value", value),
        ("Event, serde_json::from_str", event),
        ("Event, seam_types::from_str", event_from_str),
        ("every property, serde derive", flat),
        ("IgnoredAny (serde_json's check)", ignored),
        ("5-String envelope", envelope),
        ("borrowed 5-&str envelope", borrowed_envelope),
        // TYPIFY READER
    ];
    // A reader that failed part way would look fast: each reads them all,
    // but for a peer's (typify's), whose rejections are counted.
    for (name, read) in &readers {
        // The `event_type`s of the payloads `read` rejects.
        let failed = |set: &[(&str, &str)]| -> Vec<String> {
            set.iter()
                .filter(|(ty, p)| !read(ty, p))
                .map(|(_, p)| {
                    let v: serde_json::Value = serde_json::from_str(p).unwrap_or_default();
                    v["event_type"].as_str().unwrap_or("?").to_owned()
                })
                .collect()
        };
        let (real_failed, synthesised_failed) = (failed(&real), failed(&synthesised));
        if name.starts_with("typify") {
            println!(
                "{name} rejects {} of {} real payloads {real_failed:?} and {} of {} synthesised {synthesised_failed:?}",
                real_failed.len(),
                real.len(),
                synthesised_failed.len(),
                synthesised.len()
            );
        } else {
            let all = real_failed.is_empty() && synthesised_failed.is_empty();
            assert!(all, "{name} does not read {real_failed:?} {synthesised_failed:?}");
        }
    }
    measure(
        &Set {
            name: "real event payloads (the docs' examples)",
            unit: "events",
            payloads: real,
            readers: readers.clone(),
        },
        rounds,
    );
    measure(
        &Set {
            name: "synthesised event payloads (one per documented type)",
            unit: "events",
            payloads: synthesised,
            readers,
        },
        rounds,
    );
    measure(
        &Set {
            name: "resource examples, each into its type (Device, AccessCode, ...)",
            unit: "objects",
            payloads: resources,
            readers: vec![("serde_json::Value", value), ("seam_types resource types", resource)],
        },
        rounds,
    );
}
