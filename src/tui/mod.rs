//! The reader: panes for the briefing list, summary, judgments, actors, quotes and timeline.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::args::ColorChoice;

/// What the command line decided for the reader.
#[derive(Debug, Clone)]
pub struct ReaderOptions {
    pub path: PathBuf,
    pub state_dir: Option<PathBuf>,
    /// A target to open on (`brief --at TARGET`).
    pub at: Option<String>,
    pub color: ColorChoice,
}

/// Runs the reader until the user quits; returns the process exit status.
pub fn run(options: ReaderOptions) -> ExitCode {
    let _ = options;
    eprintln!("brief: the reader is not built yet");
    ExitCode::from(2)
}
