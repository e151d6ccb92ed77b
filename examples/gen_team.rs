//! Writes a team folder for benchmarks: MEMBERS member journals of FLAGS flags each, on real
//! items of a corpus (as `gen_corpus` writes it), a tenth of them assigned to another member
//! with a note, a tenth of those marked done by their assignee.
//!
//! ```text
//! cargo run --release --example gen_corpus -- 1000 /tmp/corpus
//! cargo run --release --example gen_team -- /tmp/corpus /tmp/team [MEMBERS=20] [FLAGS=10000]
//! ```
//!
//! The team folder gets an empty `.git` beside it, so that the files (all owned by whoever
//! runs this) count as a git clone's do.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: gen_team CORPUS TEAM_DIR [MEMBERS] [FLAGS]");
        std::process::exit(2);
    }
    let corpus = PathBuf::from(&args[0]);
    let team = PathBuf::from(&args[1]);
    let members: usize = args.get(2).map_or(20, |a| a.parse().expect("MEMBERS"));
    let flags: usize = args.get(3).map_or(10_000, |a| a.parse().expect("FLAGS"));
    let items = generate(&corpus, &team, members, flags);
    println!(
        "{members} members x {flags} flags in {} ({items} items in the corpus)",
        team.display(),
    );
}

/// Writes the team folder `team` for the corpus in `corpus`; returns how many items the corpus
/// has. The benches call it too.
pub fn generate(corpus: &Path, team: &Path, members: usize, flags: usize) -> usize {
    let library = brief::briefing::load(&[corpus.to_path_buf()]).expect("the corpus loads");
    let targets: Vec<String> = library.targets().map(|t| t.to_string()).collect();
    assert!(
        targets.len() >= flags,
        "the corpus has {} items; FLAGS must not exceed it",
        targets.len()
    );
    fs::create_dir_all(team).unwrap();
    fs::create_dir_all(team.join(".git")).unwrap();
    let names: Vec<String> = (0..members).map(|m| format!("member{m:02}")).collect();
    for (m, name) in names.iter().enumerate() {
        let mut out = String::from("{\"brief_state\":1,\"generation\":0}\n");
        for i in 0..flags {
            // Each member starts at another place in the corpus, so members overlap partly.
            let target = &targets[(i + m * flags / members.max(1)) % targets.len()];
            let at = format!("2026-11-{:02}T{:02}:{:02}:00Z", 1 + i % 28, i % 24, m % 60);
            writeln!(
                out,
                "{{\"op\":\"flag\",\"target\":\"{target}\",\"at\":\"{at}\",\"fingerprint\":\"0\",\"title\":\"A briefing title of a usual length\",\"text\":\"An item text of a usual length, say a sentence or two of a quote.\"}}"
            )
            .unwrap();
            if i % 10 == 0 {
                let to = &names[(m + 1) % members];
                writeln!(
                    out,
                    "{{\"op\":\"note\",\"target\":\"{target}\",\"at\":\"{at}\",\"note\":\"please check the source\"}}\n{{\"op\":\"assign\",\"target\":\"{target}\",\"at\":\"{at}\",\"to\":\"{to}\"}}"
                )
                .unwrap();
            }
        }
        // Done marks on what the previous member assigned to this one.
        let from = (m + members - 1) % members;
        for i in (0..flags).step_by(100) {
            let target = &targets[(i + from * flags / members.max(1)) % targets.len()];
            writeln!(
                out,
                "{{\"op\":\"done\",\"target\":\"{target}\",\"at\":\"2026-11-30T12:00:00Z\",\"owner\":\"{}\"}}",
                names[from]
            )
            .unwrap();
        }
        fs::write(team.join(format!("{name}.jsonl")), out).unwrap();
    }
    targets.len()
}
