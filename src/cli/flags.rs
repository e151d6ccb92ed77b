//! The follow-up list (`brief flags`) and the commands that change it (`brief flag`, `unflag`,
//! `done`).
//!
//! `brief flags --json` prints an array, oldest flag first (by `created`, then by target), of
//! objects with these keys:
//!
//! | key | value |
//! |---|---|
//! | `target` | the flag's address: `BRIEFING` or `BRIEFING/KIND/ID` |
//! | `briefing` | the briefing id part of the target |
//! | `kind` | `briefing`, `actor`, `quote`, `event` or `judgment` |
//! | `title` | the briefing's title (as it was when flagged, if the item is gone) |
//! | `text` | the item in one line (as it was when flagged, if the item is gone) |
//! | `note` | the user's note, `""` when there is none |
//! | `status` | `open` or `done` |
//! | `created`, `updated` | RFC 3339 times, UTC; `updated` is the last note, done or reopen |
//! | `orphaned` | the item no longer exists: its briefing is loaded and the item is not in it, or the briefing was removed from the folder it was flagged in |
//! | `loaded` | its briefing is in the folder being read; `false` and not `orphaned`: it is in another folder |
//! | `folder` | the folder (or file) the briefings were read from when it was flagged; `null` for flags made before brief recorded it |
//! | `changed` | the item still exists but its content changed since it was flagged |
//! | `handling` | the TLP marking of the briefing (`"AMBER"`, ...), `null` if it has none or is gone |
//!
//! Text: one block per flag; Markdown: a checklist, under the most restrictive TLP marking of
//! the briefings involved.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::output::{did_you_mean, md, suggestions, tlp, tlp_colored, tlp_rank, wrap};
use super::{Failure, Result, Style, load_lean, note_failed, shown, shown_path};
use crate::briefing::{Handling, Item, Library, Target};
use crate::followup::{FollowUp, folder_key, follow_ups};
use crate::store::{self, Change, FlagStatus, Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

pub struct ListOptions {
    pub path: PathBuf,
    pub state_dir: Option<PathBuf>,
    pub format: Format,
    pub all: bool,
}

pub enum Action {
    Flag { note: Option<String> },
    Unflag,
    Done,
}

/// The state directory: `--state-dir` (or `$BRIEF_STATE_DIR`, which clap reads into it), else
/// `$XDG_STATE_HOME/brief`, else `~/.local/state/brief`.
pub(super) fn state_dir(dir: Option<PathBuf>) -> Option<PathBuf> {
    dir.filter(|d| !d.as_os_str().is_empty())
        .or_else(store::default_state_dir)
}

fn no_state_dir() -> Failure {
    Failure::usage(
        "there is no place to keep flags (no home directory found); \
         pass --state-dir DIR or set BRIEF_STATE_DIR",
    )
}

pub(super) fn store_failure(e: &StoreError) -> Failure {
    Failure::usage(super::shown(&e.to_string()))
}

pub(super) fn open_store(dir: Option<PathBuf>) -> Result<Store> {
    let dir = state_dir(dir).ok_or_else(no_state_dir)?;
    Store::open(&dir).map_err(|e| store_failure(&e))
}

/// What the state says about briefings, for `brief list`.
#[derive(Default)]
pub struct Marks {
    /// Open flags by briefing id (orphaned ones included).
    open: std::collections::HashMap<String, usize>,
    read: std::collections::BTreeSet<String>,
    /// Why the state cannot be changed (it was still read as far as possible).
    pub read_only: Option<String>,
}

impl Marks {
    /// Reads the state; with no state directory at all there is nothing to mark.
    pub fn read(dir: Option<PathBuf>) -> Result<Marks> {
        let Some(dir) = state_dir(dir) else {
            return Ok(Marks::default());
        };
        let store = Store::open(&dir).map_err(|e| store_failure(&e))?;
        let mut marks = Marks {
            read: store.state().read.clone(),
            read_only: store.read_only().map(shown),
            ..Marks::default()
        };
        for flag in store.state().flags.values() {
            if flag.status == FlagStatus::Open {
                let briefing = flag.target.split('/').next().unwrap_or(&flag.target);
                *marks.open.entry(briefing.to_string()).or_default() += 1;
            }
        }
        Ok(marks)
    }

    pub fn open_flags(&self, briefing: &str) -> usize {
        self.open.get(briefing).copied().unwrap_or(0)
    }

    pub fn is_read(&self, briefing: &str) -> bool {
        self.read.contains(briefing)
    }
}

/// `brief flags`.
pub fn list(
    options: &ListOptions,
    style: Style,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let mut library = load_lean(&options.path)?;
    let store = open_store(options.state_dir.clone())?;
    // Only the briefings that flags point into are needed in full.
    for target in store.state().flags.keys() {
        let briefing = target.split('/').next().unwrap_or(target);
        library.complete(briefing);
    }
    note_failed(&library, err);
    if let Some(reason) = store.read_only() {
        // Still worth showing what could be read; say why nothing can be changed.
        let _ = writeln!(err, "brief: {}", shown(reason));
    }
    let here = folder_key(&options.path);
    let rows = follow_ups(&library, store.state(), here.as_deref(), options.all);
    match options.format {
        Format::Json => {
            let values: Vec<serde_json::Value> = rows.iter().map(row_json).collect();
            let text = serde_json::to_string_pretty(&values)
                .map_err(|e| Failure::usage(format!("cannot write JSON: {e}")))?;
            writeln!(out, "{text}")?;
        }
        Format::Markdown => out.write_all(markdown(&rows, options.all).as_bytes())?,
        Format::Text => {
            if rows.is_empty() {
                writeln!(out, "{}", nothing_to_list(options.all))?;
            }
            let width = style.terminal_width().unwrap_or(80).max(20);
            for (i, row) in rows.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                for line in text_block(row, width, style.color) {
                    writeln!(out, "{line}")?;
                }
            }
        }
    }
    Ok(0)
}

pub(super) fn row_json(row: &FollowUp) -> serde_json::Value {
    json!({
        "target": row.target,
        "briefing": row.briefing(),
        "kind": row.kind(),
        "title": row.title,
        "text": row.text,
        "note": row.note,
        "status": row.status,
        "created": row.created,
        "updated": row.updated,
        "orphaned": row.orphaned,
        "changed": row.changed,
        "loaded": row.loaded,
        "folder": row.folder,
        "handling": row.handling,
    })
}

/// `2024-09-18T10:00:00Z` as `2024-09-18 10:00 UTC`; anything else as it is.
pub(super) fn when(rfc3339: &str) -> String {
    use time::format_description::well_known::Rfc3339;
    let Ok(t) = time::OffsetDateTime::parse(rfc3339, &Rfc3339) else {
        return shown(rfc3339);
    };
    let t = t.to_offset(time::UtcOffset::UTC);
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    t.format(&format).unwrap_or_else(|_| shown(rfc3339))
}

/// One flag as text:
///
/// ```text
/// ⚑ 2024-09-18-qaani-baghdad/quote/radi-1  [changed]
///   Quds Force chief Qaani makes unannounced Baghdad visit
///   Rasul Radi: “…”
///   Note: check the speaker
///   flagged 2024-09-18 10:00 UTC
/// ```
pub(super) fn text_block(row: &FollowUp, width: usize, color: bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut head = format!(
        "{} {}",
        if row.status == FlagStatus::Done {
            "✓"
        } else {
            "⚑"
        },
        shown(&row.target)
    );
    let mut markers = Vec::new();
    if row.status == FlagStatus::Done {
        markers.push("[done]");
    }
    let whereabouts = row.whereabouts().map(|w| format!("[{w}]"));
    markers.extend(whereabouts.as_deref());
    if row.changed {
        markers.push("[changed since flagged]");
    }
    if !markers.is_empty() {
        head.push_str("  ");
        head.push_str(&markers.join(" "));
    }
    lines.extend(wrap(&head, width, "", "  "));
    let mut title = shown(&row.title);
    if let Some(h) = row.handling {
        title = format!("{} · {title}", tlp(h));
    }
    let title_lines = wrap(&title, width, "  ", "  ");
    match (color, row.handling) {
        // Colour only the marking at the start of the first line; the rest is measured plain.
        (true, Some(h)) => {
            for (i, line) in title_lines.into_iter().enumerate() {
                if i == 0 {
                    lines.push(line.replacen(&tlp(h), &tlp_colored(h), 1));
                } else {
                    lines.push(line);
                }
            }
        }
        _ => lines.extend(title_lines),
    }
    if row.text != row.title {
        lines.extend(wrap(&shown(&row.text), width, "  ", "  "));
    }
    if !row.note.is_empty() {
        lines.extend(wrap(
            &format!("Note: {}", shown(&row.note)),
            width,
            "  ",
            "    ",
        ));
    }
    let mut dates = format!("flagged {}", when(&row.created));
    if row.updated != row.created {
        dates.push_str(&format!(", updated {}", when(&row.updated)));
    }
    lines.extend(wrap(&dates, width, "  ", "  "));
    lines
}

/// The follow-up list as a Markdown checklist, the most restrictive TLP marking first.
/// What the text listing says when no flag is shown.
pub(super) fn nothing_to_list(all: bool) -> &'static str {
    if all { "No flags." } else { "No open flags." }
}

fn markdown(rows: &[FollowUp], all: bool) -> String {
    let mut s = String::new();
    let highest: Option<Handling> = rows
        .iter()
        .filter_map(|r| r.handling)
        .max_by_key(|h| tlp_rank(*h));
    if let Some(h) = highest {
        s.push_str(&format!("**{}**\n\n", tlp(h)));
    }
    s.push_str("# Follow-up\n\n");
    if rows.is_empty() {
        s.push_str(if all {
            "No flags.\n"
        } else {
            "No open flags.\n"
        });
        return s;
    }
    for row in rows {
        s.push_str(&markdown_item(row));
    }
    s
}

/// One flag as a Markdown checklist item with its details.
pub(super) fn markdown_item(row: &FollowUp) -> String {
    let mut s = String::new();
    let check = if row.status == FlagStatus::Done {
        "x"
    } else {
        " "
    };
    let mut line = format!(
        "- [{check}] **{}**",
        md(&shown(&row.title)).replace('\n', " ")
    );
    // A quote is cited whole below, in a block quote, rather than in one line here.
    if row.text != row.title && row.quote.is_none() {
        line.push_str(&format!(" — {}", md(&shown(&row.text)).replace('\n', " ")));
    }
    if let Some(h) = row.handling {
        line.push_str(&format!(" ({})", tlp(h)));
    }
    s.push_str(&line);
    s.push('\n');
    if let Some(quote) = &row.quote {
        s.push_str(&format!(
            "  > {} — {}\n",
            md(&shown(&quote.words)).replace('\n', " "),
            md(&shown(&quote.attribution)).replace('\n', " ")
        ));
    }
    s.push_str(&format!(
        "  - Target: `{}`\n",
        shown(&row.target).replace('`', "'")
    ));
    if !row.note.is_empty() {
        s.push_str(&format!(
            "  - Note: {}\n",
            md(&shown(&row.note)).replace('\n', "\n    ")
        ));
    }
    if row.orphaned {
        s.push_str("  - *Orphaned: the item no longer exists.*\n");
    } else if row.elsewhere() {
        match &row.folder {
            Some(folder) => s.push_str(&format!(
                "  - *Not loaded here: flagged in `{}`.*\n",
                shown(folder).replace('`', "'")
            )),
            None => s.push_str("  - *Not loaded here: its briefing is in another folder.*\n"),
        }
    }
    if row.changed {
        s.push_str("  - *Changed since it was flagged.*\n");
    }
    s.push_str(&format!("  - Flagged {}\n", when(&row.created)));
    s
}

/// `brief flag`, `brief unflag`, `brief done`.
pub fn change(
    action: Action,
    target_text: &str,
    path: &Path,
    state_dir: Option<PathBuf>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let mut library = load_lean(path)?;
    let mut store = open_store(state_dir)?;
    // A state file this brief cannot fully read is never written, and what it seems to hold
    // is no ground for "not flagged": say so first.
    if let Some(reason) = store.read_only() {
        return Err(Failure::usage(format!(
            "cannot change flags: {}",
            shown(reason)
        )));
    }
    let parsed: std::result::Result<Target, _> = target_text.parse();
    // The briefing named first is read in full, even when the rest is mistyped: its items are
    // what the suggestions come from.
    library.complete(target_text.split('/').next().unwrap_or(target_text));
    // A stored flag is found by its exact text, even one this version cannot parse.
    let key = match &parsed {
        Ok(t) => t.to_string(),
        Err(_) => target_text.to_string(),
    };
    let flagged = store.flag(&key).map(|f| f.status);
    let item = parsed.as_ref().ok().and_then(|t| library.resolve(t));
    let shown_target = shown(&key);
    let Some(status) = flagged else {
        // Not flagged: only `flag` of an existing item makes sense.
        let Some(item) = item else {
            note_failed(&library, err);
            return Err(unknown_target(&library, &store, target_text, parsed.err()));
        };
        let Action::Flag { note } = action else {
            return Err(Failure::problems(format!(
                "{shown_target} is not flagged; brief flags lists the flags"
            )));
        };
        apply(&mut store, flag_change(&key, item, folder_key(path)))?;
        if let Some(note) = note {
            apply(&mut store, note_change(&key, &note))?;
        }
        writeln!(out, "flagged {shown_target}")?;
        return Ok(0);
    };
    // An existing flag, orphaned or not.
    match action {
        Action::Flag { note: Some(note) } => {
            apply(&mut store, note_change(&key, &note))?;
            writeln!(out, "note set on {shown_target}")?;
        }
        Action::Flag { note: None } if status == FlagStatus::Done => {
            apply(
                &mut store,
                Change::Reopen {
                    target: key.clone(),
                },
            )?;
            writeln!(out, "reopened {shown_target}")?;
        }
        Action::Flag { note: None } => writeln!(out, "{shown_target} is already flagged")?,
        Action::Unflag => {
            apply(
                &mut store,
                Change::Unflag {
                    target: key.clone(),
                },
            )?;
            writeln!(out, "unflagged {shown_target}")?;
        }
        Action::Done => {
            apply(
                &mut store,
                Change::Done {
                    target: key.clone(),
                },
            )?;
            writeln!(out, "done {shown_target}")?;
        }
    }
    Ok(0)
}

pub(super) fn flag_change(target: &str, item: Item<'_>, folder: Option<String>) -> Change {
    Change::Flag {
        target: target.to_string(),
        fingerprint: item.fingerprint(),
        title: item.briefing().title.clone(),
        text: item.describe(),
        folder,
    }
}

/// Sets a flag's note. What is typed is shown later: it never keeps a control character.
pub(super) fn note_change(key: &str, note: &str) -> Change {
    Change::Note {
        target: key.to_string(),
        note: shown(note),
    }
}

/// Applies a change; a read-only store says why and what to do.
pub(super) fn apply(store: &mut Store, change: Change) -> Result<()> {
    if let Some(reason) = store.read_only() {
        return Err(Failure::usage(format!(
            "cannot change flags: {}",
            shown(reason)
        )));
    }
    store.apply(change).map_err(|e| match e {
        StoreError::ReadOnly { reason } => Failure::usage(format!(
            "cannot change flags: {} ({})",
            shown(&reason),
            shown_path(store.path())
        )),
        other => store_failure(&other),
    })
}

pub(super) fn unknown_target(
    library: &Library,
    store: &Store,
    text: &str,
    parse_error: Option<crate::briefing::TargetError>,
) -> Failure {
    let mut candidates: Vec<String> = library.targets().map(|t| t.to_string()).collect();
    candidates.extend(store.state().flags.keys().cloned());
    let mut near = suggestions(text, candidates.iter().map(String::as_str), 3);
    if near.is_empty() {
        // The item right but the briefing wrong: the same `kind/id` in other briefings.
        if let Some((_, item)) = text.split_once('/') {
            near = candidates
                .iter()
                .filter(|c| c.split_once('/').is_some_and(|(_, i)| i == item))
                .take(3)
                .cloned()
                .collect();
        }
    }
    let mut message = match parse_error {
        Some(e) => shown(&e.to_string()),
        None => format!("no item `{}`", shown(text)),
    };
    message.push_str(&did_you_mean(&near));
    if near.is_empty() {
        message.push_str("; brief show ID lists a briefing's items with their addresses");
    }
    Failure::problems(message)
}
