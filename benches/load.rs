//! Loading and validating generated corpora: `briefing::load`, what `brief check`, `brief list`
//! and the reader all start with. Also one file on its own, the per-file cost without threads.
//!
//! ```text
//! cargo bench --bench load                      # 1,000 and 10,000 briefings
//! BRIEF_BENCH_100K=1 cargo bench --bench load   # and 100,000 (slow: about a minute)
//! ```

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn load(c: &mut Criterion) {
    let mut sizes = vec![1_000, 10_000];
    if common::want_100k() {
        sizes.push(100_000);
    }
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for n in sizes {
        let dir = common::corpus(n);
        group.throughput(Throughput::Bytes(common::corpus_bytes(&dir)));
        group.measurement_time(Duration::from_secs(if n >= 100_000 { 60 } else { 10 }));
        group.bench_function(format!("{n}"), |b| {
            b.iter(|| {
                let library = brief::briefing::load(black_box(std::slice::from_ref(&dir)))
                    .expect("corpus loads");
                assert_eq!(library.briefings.len(), n);
                library
            })
        });
    }
    group.finish();
}

/// One file, parsed and checked on this thread: the unit the loader spreads over cores.
fn one_file(c: &mut Criterion) {
    let dir = common::corpus(1_000);
    let files = brief::briefing::discover(&dir).expect("corpus readable");
    let mut group = c.benchmark_group("load_file");
    for ext in ["toml", "json"] {
        let file = files
            .iter()
            .find(|f| f.extension().is_some_and(|e| e == ext))
            .expect("both formats in the corpus");
        let bytes = std::fs::metadata(file).map_or(0, |m| m.len());
        group.throughput(Throughput::Bytes(bytes));
        group.bench_function(ext, |b| {
            b.iter(|| {
                let result = brief::briefing::load_file(black_box(file));
                assert!(result.briefing.is_some());
                result
            })
        });
    }
    group.finish();
}

criterion_group!(benches, load, one_file);
criterion_main!(benches);
