//! The exclusive lock around every read-merge-append of the journal.
//!
//! The lock lives in its own file (`state.lock`) rather than on the journal because compaction
//! replaces the journal by rename: a lock held on the old inode would not exclude a session that
//! opened the new one.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use super::error::StoreError;

/// Holds `state.lock` exclusively until dropped.
#[derive(Debug)]
pub(crate) struct LockGuard {
    file: File,
}

impl LockGuard {
    /// Blocks until the lock is ours. Sessions hold it only for one read-merge-append, so the
    /// wait is short; there is deliberately no timeout that could let a session write unlocked.
    pub(crate) fn exclusive(path: &Path) -> Result<LockGuard, StoreError> {
        Self::exclusive_with(path, 0o600, false)
    }

    /// [`LockGuard::exclusive`] where `mode` is for a lock file created now, and `shared` (a
    /// folder others can write to) refuses a symbolic link in its place.
    pub(crate) fn exclusive_with(
        path: &Path,
        mode: u32,
        shared: bool,
    ) -> Result<LockGuard, StoreError> {
        let mut options = OpenOptions::new();
        options
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            // Only the owner ever opens it: no one else can take the lock and stall us.
            .mode(mode & 0o600);
        if shared {
            options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
        }
        let file = options.open(path).map_err(|e| StoreError::io(path, e))?;
        loop {
            match file.lock() {
                Ok(()) => return Ok(LockGuard { file }),
                // A signal arriving while we wait is not a reason to give up.
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                // Anything else (ENOLCK on NFS without a lock daemon, EOPNOTSUPP, ...) means
                // we cannot exclude other sessions, so refuse rather than write unlocked.
                Err(source) => {
                    return Err(StoreError::Lock {
                        path: path.to_path_buf(),
                        source,
                    });
                }
            }
        }
    }
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        // Closing the file releases the lock anyway; unlocking first just makes it prompt even
        // if a clone of the descriptor were alive somewhere.
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::TryLockError;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn excludes_other_open_file_descriptions_until_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.lock");
        let guard = LockGuard::exclusive(&path).unwrap();
        // flock locks belong to the open file description, so a second open in the same process
        // stands in for another session.
        let other = File::open(&path).unwrap();
        assert!(matches!(other.try_lock(), Err(TryLockError::WouldBlock)));
        drop(guard);
        other.try_lock().unwrap();
    }

    #[test]
    fn lock_file_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.lock");
        let _guard = LockGuard::exclusive(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn lock_error_names_the_path_and_a_remedy() {
        let err = StoreError::Lock {
            path: "/nfs/home/me/.local/state/brief/state.lock".into(),
            source: io::Error::from_raw_os_error(37), // ENOLCK
        };
        let msg = err.to_string();
        assert!(
            msg.contains("/nfs/home/me/.local/state/brief/state.lock"),
            "{msg}"
        );
        assert!(msg.contains("--state-dir"), "{msg}");
    }

    #[test]
    fn missing_directory_is_an_io_error_naming_the_lock_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("absent").join("state.lock");
        match LockGuard::exclusive(&path) {
            Err(StoreError::Io { path: p, .. }) => assert_eq!(p, path),
            other => panic!("expected Io error, got {other:?}"),
        }
    }
}
