//! `brief config`: the configuration file.
//!
//! - `brief config` prints the defaults as a configuration file with comments (every setting,
//!   every action with its default keys), ready to save as `$XDG_CONFIG_HOME/brief/config.toml`
//!   and edit. Exit 0.
//! - `brief config --path` prints where the file is read from (whether it exists or not). Exit
//!   0, or 2 when there is no home folder to put it in.
//! - `brief config --check` validates the file as `brief check` does briefings: one
//!   `FILE:LINE:COL: error: MESSAGE` (or `warning:`) line per problem, the line and a hint, then
//!   a summary. Exit 1 when there is an error, 0 otherwise (warnings alone are fine; no file is
//!   fine: the defaults are in use), 2 when the file cannot be read.

use std::io::Write;

use annotate_snippets::Renderer;

use super::check::render_context;
use super::output::count;
use super::{EXIT_PROBLEMS, Failure, Result, Style, shown_path};
use crate::config;

/// What `brief config` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Defaults,
    Path,
    Check,
}

pub fn run(mode: Mode, style: Style, out: &mut dyn Write) -> Result<u8> {
    match mode {
        Mode::Defaults => {
            out.write_all(config::defaults_toml().as_bytes())?;
            Ok(0)
        }
        Mode::Path => {
            let path = path()?;
            writeln!(out, "{}", shown_path(&path))?;
            Ok(0)
        }
        Mode::Check => check(style, out),
    }
}

fn path() -> Result<std::path::PathBuf> {
    config::config_path().ok_or_else(|| {
        Failure::usage(
            "cannot tell where the configuration file is: set XDG_CONFIG_HOME or HOME".to_string(),
        )
    })
}

fn check(style: Style, out: &mut dyn Write) -> Result<u8> {
    let path = path()?;
    let text = match config::read(&path) {
        Ok(Some(text)) => text,
        Ok(None) => {
            writeln!(
                out,
                "no configuration file at {}; defaults in use (brief config prints them)",
                shown_path(&path)
            )?;
            return Ok(0);
        }
        Err(e) => {
            return Err(Failure::usage(format!(
                "cannot read {}: {e}; fix it or remove it (the reader uses the defaults meanwhile)",
                shown_path(&path)
            )));
        }
    };
    let (_, problems) = config::parse(&text, &path);
    let renderer = if style.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for problem in &problems {
        writeln!(out, "{problem}")?;
        let context = render_context(problem, &renderer);
        if !context.trim().is_empty() {
            writeln!(out, "{}", context.trim_end_matches('\n'))?;
        }
        writeln!(out)?;
    }
    let errors = problems.iter().filter(|p| p.is_error()).count();
    writeln!(
        out,
        "checked {}: {}, {}",
        shown_path(&path),
        count(errors, "error", "errors"),
        count(problems.len() - errors, "warning", "warnings")
    )?;
    Ok(if errors > 0 { EXIT_PROBLEMS } else { 0 })
}

/// One line on stderr when the user's configuration file has errors, so a command that uses
/// it (the briefings folder, colour) does not surprise.
pub(crate) fn warn_if_broken(err: &mut dyn Write) {
    let problems = &config::user().1;
    let errors = problems.iter().filter(|p| p.is_error()).count();
    if let Some(first) = problems.iter().find(|p| p.is_error()) {
        let more = match errors {
            1 => String::new(),
            n => format!("and {} more; ", n - 1),
        };
        let _ = writeln!(
            err,
            "brief: warning: {first} ({more}brief config --check shows the details; defaults are used meanwhile)"
        );
    }
}
