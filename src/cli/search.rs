//! `brief search QUERY [PATH] [--json]`: every item that contains every word of QUERY, with the
//! reader's matching rules (case, diacritics and Arabic spelling variants folded).
//!
//! Text: one line per match, newest briefing first: date, target, field, and the text around
//! the match (cut to the terminal's width on a terminal). `--json`: an array of objects
//! with `target`, `briefing`, `title`, `date`, `field` (`title`, `summary`, `judgment`, `actor`,
//! `quote`, `event`) and `text`.
//!
//! Exit status, as grep's: 0 when something matched, 1 when nothing did.

use std::io::Write;
use std::path::PathBuf;

use serde_json::json;

use super::output::{pad, truncate, width};
use super::{Failure, Result, Style, load_library, note_failed};
use crate::search::{SearchIndex, snippet};

pub struct Options {
    pub query: String,
    pub path: PathBuf,
    pub json: bool,
}

pub fn run(
    options: &Options,
    style: Style,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    if options.query.trim().is_empty() {
        return Err(Failure::usage(
            "the search query is empty; e.g. brief search khazali",
        ));
    }
    let library = load_library(&options.path)?;
    note_failed(&library, err);
    let index = SearchIndex::build(&library);
    let matches = index.search(&options.query, usize::MAX);
    // Each match: the record, its target and its text, read back from the library.
    let rows: Vec<_> = matches
        .hits
        .iter()
        .map(|&i| {
            (
                index.record(i),
                index.target(&library, i),
                index.text(&library, i),
            )
        })
        .collect();
    if options.json {
        let rows: Vec<_> = rows
            .iter()
            .map(|(r, target, text)| {
                let b = &library.briefings[r.briefing];
                json!({
                    "target": target.to_string(),
                    "briefing": b.id,
                    "title": b.title,
                    "date": b.date.to_string(),
                    "field": r.field.as_str(),
                    "text": text,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows).map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else {
        let target_width = rows
            .iter()
            .map(|(_, target, _)| width(&target.to_string()))
            .max()
            .unwrap_or(0);
        for (r, target, text) in &rows {
            let b = &library.briefings[r.briefing];
            let line = format!(
                "{}  {}  {}  {}",
                b.date,
                pad(&target.to_string(), target_width),
                pad(r.field.as_str(), 8),
                snippet(text, &options.query, 160)
            );
            match style.terminal_width() {
                Some(w) => writeln!(out, "{}", truncate(&line, w))?,
                None => writeln!(out, "{line}")?,
            }
        }
    }
    Ok(if matches.total == 0 {
        super::EXIT_PROBLEMS
    } else {
        0
    })
}
