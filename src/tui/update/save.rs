//! Writing the user's changes through the store that keeps them (the private state, or the
//! user's journal in the team folder), and the status line that reports them.

use crate::store::{Change, Store, StoreError};

use super::super::model::{Model, Status};

/// Where a change is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Journal {
    /// The private state: read marks, and flags not shared with a team.
    Private,
    /// The user's journal in the team folder (see `crate::team`).
    Team,
}

/// Writes a change through the private store. A change the store cannot write is kept and
/// retried before the next one, and the failure is shown: a flag the user made is never dropped.
pub fn save(model: &mut Model, change: Change) -> bool {
    save_in(model, Journal::Private, change)
}

/// Writes a change through the store `journal` names, as [`save`] does.
pub fn save_in(model: &mut Model, journal: Journal, change: Change) -> bool {
    match journal {
        Journal::Private => {
            if let Some(reason) = model.store.read_only() {
                let reason = reason.to_string();
                error(model, format!("Read-only: {reason}"));
                return false;
            }
            model.pending.push(change);
        }
        Journal::Team => {
            let Some(session) = model.team.as_mut() else {
                error(model, "No team is configured".into());
                return false;
            };
            let refusal = match &session.own {
                Err(reason) => Some(format!(
                    "Nothing changed: your team file cannot be written: {reason}"
                )),
                Ok(own) => own.read_only().map(|reason| {
                    format!("Nothing changed: your team file is read-only: {reason}")
                }),
            };
            if let Some(text) = refusal {
                error(model, text);
                return false;
            }
            session.pending.push(change);
        }
    }
    retry_pending(model)
}

/// Writes the waiting changes of both stores in order; true when none is left.
pub fn retry_pending(model: &mut Model) -> bool {
    let private = drain(&mut model.store, &mut model.pending);
    let mut wrote = private.wrote;
    let mut failure = private.failure;
    if let Some(session) = model.team.as_mut()
        && let Ok(own) = session.own.as_mut()
    {
        let team = drain(own, &mut session.pending);
        if team.wrote {
            // The board shows the user's own flags too: read the user's file again now, not
            // at the next look at the folder.
            session.board.refresh();
        }
        wrote |= team.wrote;
        failure = failure.or(team.failure);
    }
    if wrote {
        model.follow_up_rows.stale = true;
    }
    match failure {
        Some(e) => {
            let n = model.pending.len() + model.team.as_ref().map_or(0, |s| s.pending.len());
            error(
                model,
                format!("Not saved yet ({n} waiting, retried on the next change): {e}"),
            );
            false
        }
        None => true,
    }
}

struct Drained {
    wrote: bool,
    failure: Option<StoreError>,
}

/// Writes `pending` through `store` in order, stopping at the first failure.
fn drain(store: &mut Store, pending: &mut Vec<Change>) -> Drained {
    let mut wrote = false;
    while let Some(change) = pending.first().cloned() {
        match store.apply(change) {
            Ok(()) => {
                pending.remove(0);
                wrote = true;
            }
            Err(StoreError::NoSuchFlag { .. }) => {
                // Someone else removed it first; nothing left to do for this change.
                pending.remove(0);
            }
            Err(e) => {
                return Drained {
                    wrote,
                    failure: Some(e),
                };
            }
        }
    }
    Drained {
        wrote,
        failure: None,
    }
}

pub(crate) fn say(model: &mut Model, text: String) {
    model.status = Some(Status { text, error: false });
}

pub(crate) fn error(model: &mut Model, text: String) {
    model.status = Some(Status { text, error: true });
}
