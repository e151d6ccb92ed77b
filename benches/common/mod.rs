//! What the benches share: generated corpora, made once and kept under `target/`.

#![allow(dead_code)]

use std::path::PathBuf;

#[path = "../../examples/gen_corpus.rs"]
mod gen_corpus;

#[path = "../../examples/gen_team.rs"]
mod gen_team;

/// The generator's source, so a corpus made by an older generator is never reused.
const GENERATOR: &str = include_str!("../../examples/gen_corpus.rs");

/// Whether the slow 100,000-briefing cases run (`BRIEF_BENCH_100K=1`).
pub fn want_100k() -> bool {
    std::env::var_os("BRIEF_BENCH_100K").is_some_and(|v| !v.is_empty() && v != "0")
}

/// A folder of `n` generated briefings (seed 42), made on first use.
pub fn corpus(n: usize) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-corpus");
    let version = brief::briefing::ids::stable_hash(&[GENERATOR]) >> 40;
    let dir = root.join(format!(
        "n{n}-seed{}-g{version:06x}",
        gen_corpus::DEFAULT_SEED
    ));
    if dir.is_dir() {
        return dir;
    }
    // Made beside and renamed, so an interrupted run never leaves a partial corpus behind.
    let partial = root.join(format!(".partial-{n}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&partial);
    let stats = gen_corpus::generate(n, &partial, gen_corpus::DEFAULT_SEED)
        .unwrap_or_else(|e| panic!("cannot generate {}: {e}", partial.display()));
    std::fs::rename(&partial, &dir)
        .unwrap_or_else(|e| panic!("cannot rename to {}: {e}", dir.display()));
    eprintln!(
        "generated {} briefings ({} bytes) in {}",
        stats.files,
        stats.bytes,
        dir.display()
    );
    dir
}

/// A team folder of `members` journals of `flags` flags each on the `n`-briefing corpus (see
/// `examples/gen_team.rs`), made on first use. It holds a `.git`, so every file counts as a
/// clone's do.
pub fn team(n: usize, members: usize, flags: usize) -> (PathBuf, PathBuf) {
    let corpus = corpus(n);
    let version =
        brief::briefing::ids::stable_hash(&[include_str!("../../examples/gen_team.rs")]) >> 40;
    let dir = corpus.with_file_name(format!(
        "team-{}-{members}x{flags}-g{version:06x}",
        corpus.file_name().unwrap().to_string_lossy()
    ));
    if !dir.is_dir() {
        let partial = dir.with_extension(format!("partial-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&partial);
        gen_team::generate(&corpus, &partial, members, flags);
        std::fs::rename(&partial, &dir)
            .unwrap_or_else(|e| panic!("cannot rename to {}: {e}", dir.display()));
        eprintln!("generated a team folder in {}", dir.display());
    }
    (corpus, dir)
}

/// The bytes of every file in a corpus.
pub fn corpus_bytes(dir: &std::path::Path) -> u64 {
    brief::briefing::discover(dir)
        .expect("corpus readable")
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .sum()
}
