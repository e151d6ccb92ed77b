//! The commands other than the reader. Each writes to an `impl Write`, never to the terminal
//! directly, and returns the exit status the command contract gives.
//!
//! Errors are `Failure`s: an exit status and a message that `run` prints to stderr after
//! `brief: `. Output written to a closed pipe (`brief list | head -1`) ends the command quietly.

pub mod args;
mod check;
mod config;
mod docs;
mod flag;
mod flags;
mod import;
mod list;
mod output;
mod search;
mod show;
mod state;
mod team;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use args::{Cli, Command};

use crate::config::ColorMode;

use crate::briefing::sanitize::neutralize;
use crate::briefing::{self, Library, LoadError};

pub use crate::exit::{EXIT_PROBLEMS, EXIT_USAGE};

/// Where briefings are read from: PATH, else `$BRIEF_DIR`, else the `briefings` setting of the
/// configuration file (read once per process), else `./briefings`.
pub fn briefings_path(path: Option<PathBuf>) -> PathBuf {
    path.or_else(|| {
        std::env::var_os("BRIEF_DIR")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
    .or_else(|| crate::config::user().0.briefings.clone())
    .unwrap_or_else(|| PathBuf::from("briefings"))
}

/// Why a command stopped: the exit status and what to tell the user (without `brief: `).
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    /// `None` ends quietly (the reader of our output went away).
    pub message: Option<String>,
}

impl Failure {
    /// Exit status 1: the command ran and found problems.
    pub fn problems(message: impl Into<String>) -> Failure {
        Failure {
            code: EXIT_PROBLEMS,
            message: Some(message.into()),
        }
    }

    /// Exit status 2: usage, I/O or state error.
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            code: EXIT_USAGE,
            message: Some(message.into()),
        }
    }
}

impl From<std::io::Error> for Failure {
    /// Writing the output failed.
    fn from(e: std::io::Error) -> Failure {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure {
                code: 0,
                message: None,
            }
        } else {
            Failure::usage(format!("cannot write the output: {e}"))
        }
    }
}

pub type Result<T> = std::result::Result<T, Failure>;

/// How output should look, decided once from the command line and the environment.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Colour codes may be written.
    pub color: bool,
    /// Stdout is a terminal.
    pub terminal: bool,
}

impl Style {
    /// `--color always|never`, else the configuration's `color`, else `NO_COLOR`, else
    /// whether stdout is a terminal (see `crate::config::color_enabled`).
    pub fn detect(choice: ColorMode) -> Style {
        let terminal = std::io::stdout().is_terminal();
        let color = crate::config::user().0.use_color(choice, terminal);
        Style { color, terminal }
    }

    /// The terminal's width in columns, when stdout is one.
    pub fn terminal_width(&self) -> Option<usize> {
        if !self.terminal {
            return None;
        }
        ratatui::crossterm::terminal::size()
            .ok()
            .map(|(cols, _)| usize::from(cols))
            .filter(|&w| w > 0)
    }
}

/// Loads every briefing under `path` but keeps only their list fields; `Library::complete`
/// reads in full the few a command needs. Everything is checked all the same; an unreadable
/// path is a usage error.
pub(crate) fn load_lean(path: &Path) -> Result<Library> {
    briefing::Loader::lean(vec![path.to_path_buf()])
        .once()
        .load(&|_, _| {})
        .map_err(|e| cannot_read(&e))
}

pub(crate) fn cannot_read(e: &LoadError) -> Failure {
    Failure::usage(format!(
        "cannot read {}: {}; pass a briefings folder or file, or set BRIEF_DIR (or `briefings` in the configuration file, see brief config)",
        shown_path(&e.path),
        e.source
    ))
}

/// A path as it may be printed: never a control character.
pub(crate) fn shown_path(path: &Path) -> String {
    neutralize(&path.display().to_string()).into_owned()
}

/// Text the user typed (an id, a target), safe to echo.
pub(crate) fn shown(text: &str) -> String {
    neutralize(text).into_owned()
}

/// Tells the user, on stderr, that some files were left out, so stdout stays clean for scripts.
pub(crate) fn note_failed(library: &Library, err: &mut dyn Write) {
    let n = library.failed.len();
    if n > 0 {
        let files = if n == 1 { "file" } else { "files" };
        let _ = writeln!(err, "brief: {n} {files} failed to load; run brief check");
    }
}

/// `brief flag`, `unflag`, `done`: alone, or in the team in force.
#[allow(clippy::too_many_arguments)]
fn change(
    action: flag::Action,
    assignment: team::Assignment,
    target: &str,
    path: &Path,
    state_dir: Option<PathBuf>,
    team_arg: Option<PathBuf>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    match team::resolve(team_arg)? {
        Some(choice) => team::change(
            action,
            assignment,
            target,
            path,
            state_dir,
            &choice.team,
            out,
            err,
        ),
        None if assignment != team::Assignment::Unchanged => {
            let option = match assignment {
                team::Assignment::Nobody => "--unassign takes a flag's assignment back",
                _ => "--to assigns a flag to a team member",
            };
            Err(Failure::usage(format!(
                "{option} and needs a team folder: pass --team DIR, set BRIEF_TEAM_DIR, or \
                 `team` in the configuration file (see \"Working as a team\" in the README)"
            )))
        }
        None => flag::change(action, target, path, state_dir, out, err),
    }
}

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> ExitCode {
    let Some(command) = cli.command else {
        let team = match team::resolve(cli.global.team) {
            Ok(choice) => choice.map(|c| {
                // The reader writes to the folder too; said before it takes the screen, so it
                // is there once the reader is left.
                if let Some(problem) = c.team.name_problem() {
                    eprintln!("brief: warning: {problem}");
                }
                c.team
            }),
            Err(failure) => {
                if let Some(message) = failure.message {
                    eprintln!("brief: {message}");
                }
                return ExitCode::from(failure.code);
            }
        };
        return crate::tui::run(crate::tui::ReaderOptions {
            team,
            path: briefings_path(cli.path),
            state_dir: cli.global.state_dir,
            at: cli.at,
            color: cli.global.color,
            mouse: cli.mouse,
        });
    };
    if let Some(path) = &cli.path {
        eprintln!(
            "brief: PATH goes after the command, e.g. brief {} {}",
            command.name(),
            shown_path(path)
        );
        return ExitCode::from(EXIT_USAGE);
    }
    if cli.at.is_some() {
        eprintln!("brief: --at is for the reader (brief --at TARGET); it takes no command");
        return ExitCode::from(EXIT_USAGE);
    }
    let style = Style::detect(cli.global.color);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    let state_dir = cli.global.state_dir;
    let team_arg = cli.global.team;
    if !matches!(command, Command::Config { .. }) {
        config::warn_if_broken(&mut err);
    }
    let result = match command {
        Command::Check { paths } => check::run(&paths, style, &mut out, &mut err),
        Command::List {
            path,
            json,
            tag,
            since,
            until,
            flagged,
        } => list::run(
            &list::Options {
                path: briefings_path(path),
                json,
                tags: tag,
                since,
                until,
                flagged,
                state_dir,
            },
            style,
            &mut out,
            &mut err,
        ),
        Command::Show {
            id,
            path,
            json,
            markdown,
            width,
        } => show::run(
            &show::Options {
                id,
                path: briefings_path(path),
                format: if json {
                    show::Format::Json
                } else if markdown {
                    show::Format::Markdown
                } else {
                    show::Format::Text
                },
                width,
            },
            style,
            &mut out,
            &mut err,
        ),
        Command::Flags {
            path,
            json,
            markdown,
            all,
        } => {
            let options = flags::ListOptions {
                path: briefings_path(path),
                state_dir,
                format: if json {
                    flags::Format::Json
                } else if markdown {
                    flags::Format::Markdown
                } else {
                    flags::Format::Text
                },
                all,
            };
            team::resolve(team_arg).and_then(|choice| {
                flags::list(&options, choice.as_ref(), style, &mut out, &mut err)
            })
        }
        Command::Flag {
            target,
            path,
            note,
            to,
            unassign,
        } => change(
            flag::Action::Flag { note },
            match (to, unassign) {
                (Some(name), _) => team::Assignment::To(name),
                (None, true) => team::Assignment::Nobody,
                (None, false) => team::Assignment::Unchanged,
            },
            &target,
            &briefings_path(path),
            state_dir,
            team_arg,
            &mut out,
            &mut err,
        ),
        Command::Unflag { target, path } => change(
            flag::Action::Unflag,
            team::Assignment::Unchanged,
            &target,
            &briefings_path(path),
            state_dir,
            team_arg,
            &mut out,
            &mut err,
        ),
        Command::Done { target, path } => change(
            flag::Action::Done,
            team::Assignment::Unchanged,
            &target,
            &briefings_path(path),
            state_dir,
            team_arg,
            &mut out,
            &mut err,
        ),
        Command::Search { query, path, json } => search::run(
            &search::Options {
                query,
                path: briefings_path(path),
                json,
            },
            style,
            &mut out,
            &mut err,
        ),
        Command::Import {
            files,
            out: dir,
            id,
            date,
            source,
            force,
            json,
        } => import::run(
            &import::Options {
                inputs: files,
                out: briefings_path(dir),
                id,
                date,
                source,
                force,
                json,
            },
            &mut std::io::stdin().lock(),
            &mut out,
            &mut err,
        ),
        Command::Completions { shell } => docs::completions(shell, &mut out),
        Command::Man => docs::man(&mut out),
        Command::Config { check, path } => config::run(
            match (check, path) {
                (true, _) => config::Mode::Check,
                (false, true) => config::Mode::Path,
                (false, false) => config::Mode::Defaults,
            },
            style,
            &mut out,
        ),
    };
    let result = result.and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            // Whatever was written before the failure still goes out.
            let _ = out.flush();
            if let Some(message) = failure.message {
                let _ = writeln!(err, "brief: {message}");
            }
            ExitCode::from(failure.code)
        }
    }
}
