//! `brief list [PATH] [--json] [--tag TAG]... [--since DATE] [--until DATE] [--flagged]`.
//!
//! Text: one line per briefing, newest first (equal dates by id): date, id, title, counts of
//! actors and quotes, and `⚑` when the briefing or an item in it has an open flag. On a terminal
//! the title is cut to fit the width; in a pipe nothing is cut.
//!
//! `--json`: an array, in the same order, of objects with these keys:
//!
//! | key | value |
//! |---|---|
//! | `id`, `title`, `date`, `tags` | as in the briefing (`date` is `YYYY-MM-DD`) |
//! | `handling` | the TLP marking (`"AMBER"`, ...) or `null` when the briefing has none |
//! | `path` | the file the briefing was read from, as found under PATH |
//! | `judgments`, `sources`, `actors`, `quotes`, `events` | how many of each |
//! | `flagged` | whether the briefing or any item in it has an open flag |
//! | `flags` | how many open flags point into the briefing (orphaned ones included) |
//! | `read` | whether the briefing is marked read |
//!
//! Filters combine: every `--tag` must be present (case is ignored), dates are inclusive.
//! Files that failed to load are left out; stderr says how many, and `brief check` says why.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

use serde_json::json;

use super::output::{count, pad, truncate, width};
use super::state::Marks;
use super::{Failure, Result, Style, cannot_read, note_failed, shown};
use crate::briefing::{Briefing, Date, Loader};

pub struct Options {
    pub path: PathBuf,
    pub json: bool,
    pub tags: Vec<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub flagged: bool,
    pub state_dir: Option<PathBuf>,
}

pub fn run(
    options: &Options,
    style: Style,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let since = parse_day("--since", options.since.as_deref())?;
    let until = parse_day("--until", options.until.as_deref())?;
    // Each briefing is counted as it is read and then dropped to its list fields: the list
    // never holds the whole collection in full.
    let counted: Mutex<HashMap<PathBuf, Counts>> = Mutex::new(HashMap::new());
    let library = Loader::lean(vec![options.path.clone()])
        .once()
        .load_watched(&|_, _| {}, &|b| {
            let mut counted = counted.lock().unwrap_or_else(|e| e.into_inner());
            counted.insert(b.path.clone(), Counts::of(b));
        })
        .map_err(|e| cannot_read(&e))?;
    let counted = counted.into_inner().unwrap_or_else(|e| e.into_inner());
    let counts_of = |b: &Briefing| counted.get(&b.path).copied().unwrap_or_default();
    let marks = Marks::read(options.state_dir.clone())?;
    let wanted_tags: Vec<String> = options.tags.iter().map(|t| t.to_lowercase()).collect();
    let shown_briefings: Vec<&Briefing> = library
        .briefings
        .iter()
        .filter(|b| since.is_none_or(|d| b.date >= d))
        .filter(|b| until.is_none_or(|d| b.date <= d))
        .filter(|b| {
            wanted_tags
                .iter()
                .all(|t| b.tags.iter().any(|bt| bt.to_lowercase() == *t))
        })
        .filter(|b| !options.flagged || marks.open_flags(&b.id) > 0)
        .map(|b| &**b)
        .collect();
    note_failed(&library, err);
    if let Some(reason) = &marks.read_only {
        let _ = writeln!(err, "brief: {reason}");
    }
    if options.json {
        let rows: Vec<serde_json::Value> = shown_briefings
            .iter()
            .map(|b| {
                let flags = marks.open_flags(&b.id);
                let n = counts_of(b);
                json!({
                    "id": b.id,
                    "title": b.title,
                    "date": b.date,
                    "tags": b.tags,
                    "handling": b.handling,
                    "path": b.path.display().to_string(),
                    "judgments": n.judgments,
                    "sources": n.sources,
                    "actors": n.actors,
                    "quotes": n.quotes,
                    "events": n.events,
                    "flagged": flags > 0,
                    "flags": flags,
                    "read": marks.is_read(&b.id),
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&rows)
            .map_err(|e| Failure::usage(format!("cannot write JSON: {e}")))?;
        writeln!(out, "{text}")?;
        return Ok(0);
    }
    write_table(&shown_briefings, &counts_of, &marks, style, out)?;
    Ok(0)
}

/// How many items of each kind a briefing has.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    judgments: usize,
    sources: usize,
    actors: usize,
    quotes: usize,
    events: usize,
}

impl Counts {
    fn of(b: &Briefing) -> Counts {
        Counts {
            judgments: b.judgments.len(),
            sources: b.sources.len(),
            actors: b.actors.len(),
            quotes: b.quotes.len(),
            events: b.events.len(),
        }
    }
}

fn parse_day(option: &str, value: Option<&str>) -> Result<Option<Date>> {
    match value {
        None => Ok(None),
        Some(text) => Date::parse(text.trim()).map(Some).ok_or_else(|| {
            Failure::usage(format!(
                "{option} wants a day written YYYY-MM-DD, e.g. 2024-09-18, not `{}`",
                shown(text)
            ))
        }),
    }
}

fn write_table(
    briefings: &[&Briefing],
    counts_of: &dyn Fn(&Briefing) -> Counts,
    marks: &Marks,
    style: Style,
    out: &mut dyn Write,
) -> Result<()> {
    let counts: Vec<String> = briefings
        .iter()
        .map(|b| {
            let n = counts_of(b);
            format!(
                "{}, {}",
                count(n.actors, "actor", "actors"),
                count(n.quotes, "quote", "quotes")
            )
        })
        .collect();
    let id_width = briefings.iter().map(|b| width(&b.id)).max().unwrap_or(0);
    let counts_width = counts.iter().map(|c| width(c)).max().unwrap_or(0);
    let widest_title = briefings.iter().map(|b| width(&b.title)).max().unwrap_or(0);
    let title_width = match style.terminal_width() {
        // date, id, title, counts and the marker, two spaces apart.
        Some(columns) => {
            let fixed = 10 + 2 + id_width + 2 + 2 + counts_width + 2;
            widest_title.min(columns.saturating_sub(fixed).max(10))
        }
        None => widest_title,
    };
    for (b, counts) in briefings.iter().zip(&counts) {
        // Titles are one line by the format's rules; a tab is drawn wider than it measures.
        let title = b.title.replace('\t', " ");
        let title = if style.terminal {
            truncate(&title, title_width)
        } else {
            title
        };
        let marker = if marks.open_flags(&b.id) > 0 {
            "⚑"
        } else {
            ""
        };
        let line = format!(
            "{}  {}  {}  {}  {}",
            b.date,
            pad(&b.id, id_width),
            pad(&title, title_width),
            pad(counts, counts_width),
            marker
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
