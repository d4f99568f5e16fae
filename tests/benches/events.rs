//! Reading webhook events: `seam_types::Event` against `serde_json::Value`
//! on the same bytes.
//!
//! `cargo bench -p seam-codegen-tests --bench events`
//!
//! The payloads are the shapes Seam sends: documented events with their
//! typed payload, listed events whose payload the docs do not describe, and
//! an event type the docs do not list; keys in the docs' (alphabetical)
//! order, so `event_type` is not the first key.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

pub fn payloads() -> Vec<String> {
    let ids = [
        "5a9c2c7e-3b5f-4b5c-9e5a-0f6f1a2b3c4d",
        "0e2c7f4a-1111-4c3b-9d2e-7a6b5c4d3e2f",
        "8d1f0a4b-2222-4e5f-8a9b-1c2d3e4f5a6b",
    ];
    let mut out = Vec::new();
    for (i, ty) in [
        "action_attempt.lock_door.succeeded",
        "action_attempt.lock_door.failed",
        "action_attempt.unlock_door.succeeded",
        "action_attempt.unlock_door.failed",
    ]
    .iter()
    .enumerate()
    {
        out.push(format!(
            r#"{{"action_attempt_id":"{}","action_type":"LOCK_DOOR","created_at":"2025-06-14T16:54:17.94624{i}Z","event_id":"{}","event_type":"{ty}","occurred_at":"2025-06-14T16:54:17.946242Z","status":"success","workspace_id":"{}"}}"#,
            ids[0], ids[1], ids[2]
        ));
    }
    for ty in ["access_code.created", "device.connected", "lock.unlocked", "connected_account.connected"] {
        out.push(format!(
            r#"{{"access_code_id":"{}","connected_account_id":"{}","created_at":"2025-06-14T16:54:17.946242Z","device_id":"{}","event_id":"{}","event_type":"{ty}","occurred_at":"2025-06-14T16:54:17.946242Z","workspace_id":"{}"}}"#,
            ids[0], ids[1], ids[2], ids[0], ids[1]
        ));
    }
    out.push(format!(
        r#"{{"created_at":"2025-06-14T16:54:17.946242Z","event_id":"{}","event_type":"space.renamed","occurred_at":"2025-06-14T16:54:17.946242Z","space_id":"{}","workspace_id":"{}"}}"#,
        ids[0], ids[1], ids[2]
    ));
    out
}

fn events(c: &mut Criterion) {
    let all = payloads();
    read(c, "read events (all)", &all);
    read(c, "read events (documented payloads)", &all[..4]);
    read(c, "read events (listed, payload undocumented)", &all[4..8]);
    read(c, "read events (unlisted type)", &all[8..]);
}

fn read(c: &mut Criterion, group: &str, payloads: &[String]) {
    let bytes: usize = payloads.iter().map(String::len).sum();
    // Every payload reads, and reads back unchanged.
    for p in payloads {
        let e: seam_types::Event = serde_json::from_str(p).unwrap();
        let v: serde_json::Value = serde_json::from_str(p).unwrap();
        assert_eq!(serde_json::to_value(&e).unwrap(), v);
    }
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("serde_json::Value", |b| {
        b.iter(|| {
            for p in payloads {
                black_box(serde_json::from_str::<serde_json::Value>(black_box(p)).unwrap());
            }
        })
    });
    g.bench_function("seam_types::Event", |b| {
        b.iter(|| {
            for p in payloads {
                black_box(serde_json::from_str::<seam_types::Event>(black_box(p)).unwrap());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, events);
criterion_main!(benches);
