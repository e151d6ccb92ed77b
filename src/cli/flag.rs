//! The commands that change flags: `brief flag`, `unflag` and `done`, for a user working
//! alone, and the pieces the team's versions (`super::team`) share with them.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::output::{did_you_mean, suggestions};
use super::state::{open_store, store_failure};
use super::{Failure, Result, load_lean, note_failed, shown, shown_path};
use crate::briefing::{Item, Library, Target};
use crate::followup::folder_key;
use crate::store::{Change, FlagStatus, Store, StoreError};

pub enum Action {
    Flag { note: Option<String> },
    Unflag,
    Done,
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
    own_change(&mut store, action, &key, status, out)
}

/// A change to one of the user's own flags, in the store that holds it (the private state, or
/// their journal in the team folder).
pub(super) fn own_change(
    store: &mut Store,
    action: Action,
    key: &str,
    status: FlagStatus,
    out: &mut dyn Write,
) -> Result<u8> {
    let shown_target = shown(key);
    let target = key.to_string();
    match action {
        Action::Flag { note: Some(note) } => {
            apply(store, note_change(key, &note))?;
            writeln!(out, "note set on {shown_target}")?;
        }
        Action::Flag { note: None } if status == FlagStatus::Done => {
            apply(store, Change::Reopen { target })?;
            writeln!(out, "reopened {shown_target}")?;
        }
        Action::Flag { note: None } => writeln!(out, "{shown_target} is already flagged")?,
        Action::Unflag => {
            apply(store, Change::Unflag { target })?;
            writeln!(out, "unflagged {shown_target}")?;
        }
        Action::Done => {
            apply(store, Change::Done { target })?;
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
