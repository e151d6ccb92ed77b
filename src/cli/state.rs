//! The user's private state as the commands open it: where it is, and what `brief list` marks
//! from it (open flags and read briefings).

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use super::{Failure, Result, shown};
use crate::store::{self, FlagStatus, Store, StoreError};

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
    Failure::usage(shown(&e.to_string()))
}

pub(super) fn open_store(dir: Option<PathBuf>) -> Result<Store> {
    let dir = state_dir(dir).ok_or_else(no_state_dir)?;
    Store::open(&dir).map_err(|e| store_failure(&e))
}

/// What the state says about briefings, for `brief list`.
#[derive(Default)]
pub struct Marks {
    /// Open flags by briefing id (orphaned ones included).
    open: HashMap<String, usize>,
    read: BTreeSet<String>,
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
