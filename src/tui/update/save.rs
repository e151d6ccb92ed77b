//! Writing the user's changes through the store, and the status line that reports them.

use crate::store::{Change, StoreError};

use super::super::model::{Model, Status};

/// Writes a change through the store. A change the store cannot write is kept and retried
/// before the next one, and the failure is shown: a flag the user made is never dropped.
pub fn save(model: &mut Model, change: Change) -> bool {
    if let Some(reason) = model.store.read_only() {
        let reason = reason.to_string();
        error(model, format!("Read-only: {reason}"));
        return false;
    }
    model.pending.push(change);
    retry_pending(model)
}

/// Writes the waiting changes in order; true when none is left.
pub fn retry_pending(model: &mut Model) -> bool {
    while let Some(change) = model.pending.first().cloned() {
        match model.store.apply(change) {
            Ok(()) => {
                model.pending.remove(0);
            }
            Err(StoreError::NoSuchFlag { .. }) => {
                // Someone else removed it first; nothing left to do for this change.
                model.pending.remove(0);
            }
            Err(e) => {
                let n = model.pending.len();
                error(
                    model,
                    format!("Not saved yet ({n} waiting, retried on the next change): {e}"),
                );
                return false;
            }
        }
    }
    true
}

pub(crate) fn say(model: &mut Model, text: String) {
    model.status = Some(Status { text, error: false });
}

pub(crate) fn error(model: &mut Model, text: String) {
    model.status = Some(Status { text, error: true });
}
