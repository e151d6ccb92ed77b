//! One change to the user's state (`Store::apply`: lock, catch up, append, fdatasync) with 100
//! and with 100,000 flags and read marks already in the journal. The cost must not grow with
//! the state. Also opening the store, which reads the whole journal once.
//!
//! ```text
//! cargo bench --bench store
//! ```
//!
//! The journals live under `target/` (the same disk as the project), since fsync on tmpfs would
//! cost nothing.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

use brief::store::{Change, Store};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

const SIZES: [usize; 2] = [100, 100_000];

/// A journal with `records` lines after the header: half flags (with notes on some), half read
/// marks, as a compacted journal holds them.
fn write_journal(dir: &Path, records: usize) {
    let mut text = String::from("{\"brief_state\":1,\"generation\":0}\n");
    for i in 0..records {
        let briefing = format!("2024-01-01-briefing-{i:06}");
        if i % 2 == 0 {
            let _ = writeln!(
                text,
                "{{\"op\":\"flag\",\"target\":\"{briefing}/quote/q{i}\",\"at\":\"2026-01-01T00:00:00Z\",\"fingerprint\":\"{i:016x}\",\"title\":\"Briefing number {i}\",\"text\":\"The text of quote {i}, as it was when flagged.\"{}}}",
                if i % 10 == 0 {
                    ",\"note\":\"ask the desk\""
                } else {
                    ""
                }
            );
        } else {
            let _ = writeln!(
                text,
                "{{\"op\":\"read\",\"briefing\":\"{briefing}\",\"at\":\"2026-01-01T00:00:00Z\"}}"
            );
        }
    }
    std::fs::write(dir.join("state.jsonl"), text).expect("journal written");
}

fn temp_dir() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&root).expect("target folder");
    tempfile::Builder::new()
        .prefix("bench-store-")
        .tempdir_in(root)
        .expect("temp dir")
}

fn open(dir: &Path, records: usize) -> Store {
    let store = Store::open(dir).expect("store opens");
    assert_eq!(
        store.state().flags.len() + store.state().read.len(),
        records,
        "the journal was read whole"
    );
    assert!(store.read_only().is_none(), "{:?}", store.read_only());
    store
}

fn apply(c: &mut Criterion) {
    let mut group = c.benchmark_group("store_apply");
    for records in SIZES {
        let dir = temp_dir();
        write_journal(dir.path(), records);
        let mut store = open(dir.path(), records);

        // A read mark set and taken back: two changes per iteration pair.
        let mut read = false;
        group.bench_function(BenchmarkId::new("read", records), |b| {
            b.iter(|| {
                let briefing = "2025-06-01-new-briefing".to_string();
                let change = if read {
                    Change::Unread { briefing }
                } else {
                    Change::Read { briefing }
                };
                read = !read;
                store.apply(black_box(change)).expect("applied");
            })
        });

        // A flag, as `f` in the reader makes it, and its removal.
        let target = "2025-06-01-new-briefing/quote/radi".to_string();
        let mut flagged = false;
        group.bench_function(BenchmarkId::new("flag", records), |b| {
            b.iter(|| {
                let change = if flagged {
                    Change::Unflag {
                        target: target.clone(),
                    }
                } else {
                    Change::Flag {
                        target: target.clone(),
                        fingerprint: "0123456789abcdef".into(),
                        title: "A new briefing".into(),
                        text: "The quote as it was when flagged.".into(),
                        folder: None,
                    }
                };
                flagged = !flagged;
                store.apply(black_box(change)).expect("applied");
            })
        });

        // A note on an existing flag, changed every time.
        let noted = "2024-01-01-briefing-000000/quote/q0".to_string();
        let mut n = 0u64;
        group.bench_function(BenchmarkId::new("note", records), |b| {
            b.iter(|| {
                n += 1;
                store
                    .apply(black_box(Change::Note {
                        target: noted.clone(),
                        note: format!("call the desk, try {n}"),
                    }))
                    .expect("applied");
            })
        });
    }
    group.finish();
}

/// Opening the store reads the journal once: this one does grow with the state.
fn open_store(c: &mut Criterion) {
    let mut group = c.benchmark_group("store_open");
    for records in SIZES {
        let dir = temp_dir();
        write_journal(dir.path(), records);
        group.bench_function(BenchmarkId::from_parameter(records), |b| {
            b.iter(|| open(black_box(dir.path()), records))
        });
    }
    group.finish();
}

criterion_group!(benches, apply, open_store);
criterion_main!(benches);
