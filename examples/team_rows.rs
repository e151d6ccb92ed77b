//! CPU time of building the reader's follow-up rows for a team folder (the cost of opening or
//! switching the team view), measured on this thread alone so that a loaded machine does not
//! inflate it. The criterion bench `team_view` in `benches/reader.rs` measures wall time.
//!
//! ```text
//! cargo run --release --example gen_corpus -- 1000 /tmp/tr/corpus
//! cargo run --release --example gen_team -- /tmp/tr/corpus /tmp/tr/team 20 10000
//! cargo run --release --example team_rows -- /tmp/tr/team member00
//! ```

use std::path::PathBuf;
use std::time::Duration;

use brief::store::Store;
use brief::team::{Board, Scope};
use brief::tui::follow_ups::Rows;

/// CPU time this thread has used (Linux: `/proc/thread-self/schedstat`).
fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").expect("Linux schedstat");
    let nanos = stat
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a number of nanoseconds");
    Duration::from_nanos(nanos)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(team), Some(me)) = (args.next(), args.next()) else {
        eprintln!("usage: team_rows TEAM_DIR MEMBER");
        std::process::exit(2);
    };
    let start = cpu();
    let board = Board::read(&PathBuf::from(team));
    println!(
        "reading the team folder: {:?} (at start-up, not when the view opens)",
        cpu() - start
    );
    let private = Store::open_in_memory();
    for scope in [Scope::Team, Scope::Mine, Scope::AssignedToMe] {
        let mut best = Duration::MAX;
        let mut n = 0;
        for _ in 0..5 {
            let start = cpu();
            let rows = Rows::team(&board, &private, &me, scope);
            best = best.min(cpu() - start);
            n = rows.rows.len();
        }
        println!("{:>15}: {n:>7} rows in {best:?} (best of 5)", scope.title());
    }
}
