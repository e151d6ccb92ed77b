//! `brief check [PATH...]`: every problem of every file, compiler style, then a summary.
//!
//! Each problem starts with the line `FILE:LINE:COL: error: MESSAGE` (or `warning:`), always
//! plain; the offending line with the spot underlined and a hint may follow, drawn by
//! `annotate-snippets` (in colour only when colour is on). A blank line ends each problem. The
//! last line is the summary, e.g. `checked 7 files: 6 briefings, 2 errors in 1 file, 0 warnings`.
//!
//! Exit status: 0 when there is no error (warnings alone are fine), 1 when there is any, 2 when
//! a path cannot be read at all.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::output::count;
use super::{Result, Style, briefings_path, cannot_read, shown_path};
use crate::briefing::{self, Problem, Severity};

pub fn run(
    paths: &[PathBuf],
    style: Style,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let mut wanted: Vec<PathBuf> = Vec::new();
    for path in paths {
        if !wanted.contains(path) {
            wanted.push(path.clone());
        }
    }
    if wanted.is_empty() {
        wanted.push(briefings_path(None));
    }
    // Folders and files may overlap (`brief check b b/x.toml`): the loader reads each file
    // once, so it does not clash with itself as a duplicate id.
    let library = briefing::Loader::lean(wanted.clone())
        .once()
        .load(&|_, _| {})
        .map_err(|e| cannot_read(&e))?;
    let files = library.files;
    let renderer = if style.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    // File by file as loaded; within a file, from top to bottom.
    let mut order: HashMap<&std::path::Path, usize> = HashMap::new();
    let mut problems: Vec<(usize, &Problem)> = Vec::new();
    for problem in &library.problems {
        let next = order.len();
        let index = *order.entry(problem.path.as_path()).or_insert(next);
        problems.push((index, problem));
    }
    problems.sort_by_key(|(i, p)| (*i, p.line, p.column));
    for (_, problem) in problems {
        writeln!(out, "{problem}")?;
        let context = render_context(problem, &renderer);
        if !context.trim().is_empty() {
            writeln!(out, "{}", context.trim_end_matches('\n'))?;
        }
        writeln!(out)?;
    }
    let errors = library.errors();
    let mut summary = format!(
        "checked {}: {}, {}",
        count(files, "file", "files"),
        count(library.briefings.len(), "briefing", "briefings"),
        count(errors, "error", "errors"),
    );
    if errors > 0 {
        summary.push_str(&format!(
            " in {}",
            count(library.failed.len(), "file", "files")
        ));
    }
    summary.push_str(&format!(
        ", {}",
        count(library.warnings(), "warning", "warnings")
    ));
    if files == 0 {
        let places: Vec<String> = wanted.iter().map(|p| shown_path(p)).collect();
        let _ = writeln!(
            err,
            "brief: no briefing files (*.toml, *.json) in {}; pass the folder that holds them",
            places.join(", ")
        );
    }
    writeln!(out, "{summary}")?;
    Ok(if errors > 0 { super::EXIT_PROBLEMS } else { 0 })
}

/// The offending line with the spot underlined, and the hint, without a title line (the first
/// line of the problem is written by us, in the contract's form).
pub(super) fn render_context(problem: &Problem, renderer: &Renderer) -> String {
    let level = match problem.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut group = Group::with_level(level.clone());
    if let Some(excerpt) = &problem.excerpt {
        let len = excerpt.text.len();
        let start = excerpt.underline.start.min(len);
        let end = excerpt.underline.end.clamp(start, len);
        group = group.element(
            Snippet::source(excerpt.text.as_str())
                .line_start(problem.line)
                .annotation(AnnotationKind::Primary.span(start..end)),
        );
    }
    if let Some(hint) = &problem.hint {
        group = group.element(Level::HELP.message(hint.as_str()));
    }
    if group.is_empty() {
        return String::new();
    }
    renderer.render(&[group])
}
