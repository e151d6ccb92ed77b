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
use std::sync::Mutex;

use serde_json::json;

use super::output::{pad, truncate, width};
use super::{Failure, Result, Style, cannot_read, note_failed};
use crate::briefing::{Loader, Target};
use crate::search::{Field, matches_in, snippet};

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
    // Each briefing is searched as it is read and then dropped to its list fields: the
    // collection is never held in full.
    let found: Mutex<Vec<(Field, Target, String)>> = Mutex::new(Vec::new());
    let library = Loader::lean(vec![options.path.clone()])
        .once()
        .load_watched(&|_, _| {}, &|b| {
            let hits = matches_in(b, &options.query);
            if !hits.is_empty() {
                found.lock().unwrap_or_else(|e| e.into_inner()).extend(hits);
            }
        })
        .map_err(|e| cannot_read(&e))?;
    note_failed(&library, err);
    // Newest briefing first, as the reader shows them; within one, in the order found.
    let mut rows = found.into_inner().unwrap_or_else(|e| e.into_inner());
    rows.retain(|(_, target, _)| library.position(&target.briefing).is_some());
    rows.sort_by_key(|(_, target, _)| library.position(&target.briefing));
    let total = rows.len();
    let rows: Vec<_> = rows
        .into_iter()
        .map(|(field, target, text)| {
            let b = library.briefing(&target.briefing).expect("kept above");
            (field, target, text, b)
        })
        .collect();
    if options.json {
        let rows: Vec<_> = rows
            .iter()
            .map(|(field, target, text, b)| {
                json!({
                    "target": target.to_string(),
                    "briefing": b.id,
                    "title": b.title,
                    "date": b.date.to_string(),
                    "field": field.as_str(),
                    "text": text,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows).map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else {
        let target_width = rows
            .iter()
            .map(|(_, target, _, _)| width(&target.to_string()))
            .max()
            .unwrap_or(0);
        for (field, target, text, b) in &rows {
            let line = format!(
                "{}  {}  {}  {}",
                b.date,
                pad(&target.to_string(), target_width),
                pad(field.as_str(), 8),
                snippet(text, &options.query, 160)
            );
            match style.terminal_width() {
                Some(w) => writeln!(out, "{}", truncate(&line, w))?,
                None => writeln!(out, "{line}")?,
            }
        }
    }
    Ok(if total == 0 { super::EXIT_PROBLEMS } else { 0 })
}
