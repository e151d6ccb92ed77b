//! The store's error type.
//!
//! Every message is meant to be shown to a person as is: it names the file, says what is wrong and
//! what to do. The OS error is part of the message (a TUI status line shows `to_string()` only), so
//! a caller printing a whole `source()` chain will see it twice; print `{}` of this type alone.

use std::io;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file or directory of the state could not be created, read or written. Nothing was
    /// changed in memory; the caller may keep the change and retry later.
    #[error(
        "{}: {source}; check that the state directory is readable and writable by you, \
         or choose another with --state-dir or BRIEF_STATE_DIR",
        path.display()
    )]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// The lock file could not be locked, typically because the file system does not support
    /// locks (NFS without a lock daemon). Writing without the lock could lose other sessions'
    /// changes, so nothing was written.
    #[error(
        "{}: cannot lock the state: {source}; the file system may not support file locks \
         (NFS without lock support?): put the state on a local disk with --state-dir or \
         BRIEF_STATE_DIR",
        path.display()
    )]
    Lock {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// A line other than the last one cannot be read. The file is left untouched.
    #[error(
        "{}:{line}: {message}; the state file is damaged and brief will not change it: \
         repair that line, or move the file aside (for example add `.bad` to its name) \
         to start with an empty state",
        path.display()
    )]
    Corrupt {
        path: PathBuf,
        line: usize,
        message: String,
    },

    /// The header names a format version this build does not know. The file is left untouched.
    #[error(
        "{}: state format version {found} is newer than this brief supports ({supported}); \
         upgrade brief to change flags, notes or read marks (this brief will not modify the file)",
        path.display()
    )]
    NewerVersion {
        path: PathBuf,
        found: u64,
        supported: u64,
    },

    /// The store was opened read-only (see [`super::Store::read_only`]); `reason` says why.
    #[error("the state is read-only: {reason}")]
    ReadOnly { reason: String },

    /// Unflag, note, done or reopen on a target that has no flag.
    #[error("{target} is not flagged; flag it first")]
    NoSuchFlag { target: String },
}

impl StoreError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: io::Error) -> Self {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }
}
