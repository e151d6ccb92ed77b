//! The commands other than the reader. Each writes to an `impl Write`, never to the terminal
//! directly, and returns the exit status the command contract gives.

pub mod args;

use std::path::PathBuf;

/// Exit status: the command ran and found problems (a `check` error, an unknown id or target).
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit status: usage, I/O or state error.
pub const EXIT_USAGE: u8 = 2;

/// Where briefings are read from: PATH, else `$BRIEF_DIR`, else `./briefings`.
pub fn briefings_path(path: Option<PathBuf>) -> PathBuf {
    path.or_else(|| std::env::var_os("BRIEF_DIR").filter(|v| !v.is_empty()).map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("briefings"))
}

use std::process::ExitCode;

use args::{Cli, Command};

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        None => crate::tui::run(crate::tui::ReaderOptions {
            path: briefings_path(cli.path),
            state_dir: cli.global.state_dir,
            at: cli.at,
            color: cli.global.color,
        }),
        Some(_command) => {
            eprintln!("brief: not built yet");
            ExitCode::from(EXIT_USAGE)
        }
    }
}
