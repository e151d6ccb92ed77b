//! The reader: panes for the briefing list, summary, judgments, actors, quotes and timeline,
//! and the follow-up list. `model` is the state, `update` what keys do to it, `view` how it is
//! drawn, `app` the loop, `terminal` the set-up and the guaranteed restore.

pub mod app;
pub mod input;
pub mod keymap;
pub mod model;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod update;
pub mod view;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::briefing::{self, Target};
use crate::cli::args::ColorChoice;
use crate::cli::{EXIT_PROBLEMS, EXIT_USAGE};
use crate::store::Store;

use model::Model;
use theme::Theme;

/// What the command line decided for the reader.
#[derive(Debug, Clone)]
pub struct ReaderOptions {
    pub path: PathBuf,
    pub state_dir: Option<PathBuf>,
    /// A target to open on (`brief --at TARGET`).
    pub at: Option<String>,
    pub color: ColorChoice,
}

/// Whether to use colour: `--color`, else `NO_COLOR` (any non-empty value) turns it off.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

fn fail(code: u8, message: impl std::fmt::Display) -> ExitCode {
    eprintln!("brief: {message}");
    ExitCode::from(code)
}

/// Runs the reader until the user quits; returns the process exit status.
pub fn run(options: ReaderOptions) -> ExitCode {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return fail(
            EXIT_USAGE,
            "the reader needs a terminal on stdin and stdout; for scripts, use `brief list`, `brief show ID` or `brief flags`",
        );
    }
    let library = match briefing::load(std::slice::from_ref(&options.path)) {
        Ok(library) => library,
        Err(e) => {
            return fail(
                EXIT_USAGE,
                format_args!("{e}; pass a briefings folder, or set BRIEF_DIR"),
            );
        }
    };
    let Some(state_dir) = options
        .state_dir
        .clone()
        .or_else(crate::store::default_state_dir)
    else {
        return fail(
            EXIT_USAGE,
            "cannot tell where to keep flags: set BRIEF_STATE_DIR or HOME",
        );
    };
    let store = match Store::open(&state_dir) {
        Ok(store) => store,
        Err(e) => return fail(EXIT_USAGE, format_args!("{e}")),
    };
    let theme = if use_color(options.color) {
        Theme::COLOR
    } else {
        Theme::MONOCHROME
    };
    let mut model = Model::new(library, store, options.path.clone(), theme);
    if let Some(at) = &options.at {
        let target: Target = match at.parse() {
            Ok(t) => t,
            Err(e) => return fail(EXIT_PROBLEMS, e),
        };
        if !update::jump(&mut model, &target) {
            return fail(
                EXIT_PROBLEMS,
                format_args!("no item `{target}` in {}", options.path.display()),
            );
        }
    }
    if let Some(reason) = model.store.read_only() {
        model.status = Some(model::Status {
            text: format!("READ-ONLY: {reason}"),
            error: true,
        });
    }
    let mut screen = match terminal::enter(theme.color) {
        Ok(screen) => screen,
        Err(e) => return fail(EXIT_USAGE, format_args!("cannot set up the terminal: {e}")),
    };
    if let Ok(size) = screen.size() {
        model.size = (size.width, size.height);
    }
    let result = app::run(&mut screen, &mut model);
    terminal::restore();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(EXIT_USAGE, format_args!("terminal error: {e}")),
    }
}
