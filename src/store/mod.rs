//! The state store: flags, notes and read marks, kept per user in one state directory.
//!
//! Targets and briefing ids are opaque strings here; the store knows nothing of briefings.
//!
//! # On disk
//!
//! `state.jsonl` in the state directory is an append-only journal of JSON lines (see
//! `journal.rs` for the format): a header `{"brief_state":1,"generation":N}`, then one line per
//! change. Opening replays it. Appending one line makes a change cost the same whatever the
//! size of the state. When the journal has grown to more than `max(1000, 4 × live records)`
//! lines, the writer that crossed the line rewrites it atomically as one line per flag and per
//! read mark, and bumps `generation`. `state.lock` beside it is the lock file. Files are created
//! mode 0600 and the directory 0700, as notes may concern sensitive material.
//!
//! # Promises
//!
//! - **Durable**: when [`Store::apply`] returns `Ok`, the change is in the file and fsynced.
//! - **No lost updates between sessions**: every write happens under an exclusive lock on
//!   `state.lock`, after first reading whatever other sessions appended since we last looked.
//!   [`Store::refresh`] picks those changes up without writing and without the lock, reading
//!   only whole lines. A session notices another's compaction by the file's inode, its
//!   `generation` or its size, and then re-reads the whole file.
//! - **Crash safety**: a process killed mid-write leaves at most a torn last line. That change
//!   was never acknowledged, so it is ignored when reading and cut off (under the lock) before
//!   the next append.
//! - **Never destroy what we do not understand**: a damaged line before the last, a damaged
//!   header, or a header from a newer format version opens the store read-only (see
//!   [`Store::read_only`]); such a file is never written, truncated or compacted.
//!
//! # Errors and retrying
//!
//! [`Store::open`] fails only when an existing journal cannot be read (`StoreError::Io`). A
//! state directory that cannot be created does not stop it: the store opens empty, and the
//! problem shows up on the first [`Store::apply`], which tries again to create the directory
//! each time. Whenever `apply` returns an error, the change is not in memory (changes by other
//! sessions that it picked up first may be), so the caller can show the error, keep the
//! `Change`, and apply it again later. `StoreError::Lock` means the file system cannot lock
//! (NFS without lock support): nothing is written then, rather than writing unlocked.
//!
//! # Format versions
//!
//! A journal with an older header version is upgraded when opened, under the lock, after
//! copying it to `state.jsonl.v{N}.bak` (see `journal::migrate`; v1 is the first format, so
//! there is nothing to upgrade yet). A newer version opens read-only with a message to upgrade
//! brief.

mod error;
pub mod history;
mod journal;
mod lock;
pub mod session;
mod snapshot;

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Read as _, Seek as _, SeekFrom, Write as _};
use std::os::unix::fs::{DirBuilderExt as _, FileExt as _, MetadataExt as _};
use std::path::{Path, PathBuf};

pub use error::StoreError;
pub use journal::is_plain_utc;
use journal::{Header, Record, VERSION};
use lock::LockGuard;
pub use snapshot::{FlagRef, Snapshot};

/// Everything the store keeps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct State {
    /// By target.
    pub flags: BTreeMap<String, Flag>,
    /// Ids of briefings marked read.
    pub read: BTreeSet<String>,
    /// Done / open marks set on other members' flags assigned to this one, by (owner, target).
    /// Only team journals have any.
    pub marks: BTreeMap<(String, String), Mark>,
}

/// A follow-up status set on another member's flag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub status: FlagStatus,
    /// RFC 3339, UTC.
    pub at: String,
}

/// A flagged item and its follow-up.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Flag {
    pub target: String,
    /// RFC 3339, UTC.
    pub created: String,
    /// RFC 3339, UTC: the last note, done or reopen (`created` if none).
    pub updated: String,
    pub note: String,
    pub status: FlagStatus,
    /// As the caller gave it when flagging, to tell later whether the item changed.
    pub fingerprint: String,
    /// The briefing's title when flagged, shown if the item is gone.
    pub title: String,
    /// The item's text when flagged, shown if the item is gone.
    pub text: String,
    /// The folder (or file) the briefings were read from when it was flagged, as the flagging
    /// session gave it; `None` for flags made before this was recorded. It says where to look
    /// when the flag's briefing is not in the folder being read.
    pub folder: Option<String>,
    /// The member asked to follow it up (team journals only).
    pub assigned_to: Option<String>,
    /// RFC 3339, UTC: when `status` was last set or the flag last changed hands (`created` if
    /// never), which decides between the owner's status and the assignee's mark: only a mark
    /// made since counts.
    pub status_at: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FlagStatus {
    #[default]
    Open,
    Done,
}

/// A change to the state.
///
/// `Flag` of a target already flagged, `Note` with the note it already has, `Done` of a done
/// flag, `Reopen` of an open one, `Read` of a read briefing and `Unread` of an unread one change
/// nothing and write nothing. `Unflag`, `Note`, `Done` and `Reopen` of a target with no flag are
/// `StoreError::NoSuchFlag`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Flag {
        target: String,
        fingerprint: String,
        title: String,
        text: String,
        /// Where the briefings were read from (see [`Flag::folder`]).
        folder: Option<String>,
    },
    Unflag {
        target: String,
    },
    Note {
        target: String,
        note: String,
    },
    Done {
        target: String,
    },
    Reopen {
        target: String,
    },
    /// Takes in a flag kept in another store, whole: its note, status, times and item as they
    /// are (the user's private flag brought into their team journal). Nothing if the target is
    /// flagged here already.
    Adopt {
        flag: Box<Flag>,
    },
    /// Asks member `to` to follow the flag up (`None`: no one).
    Assign {
        target: String,
        to: Option<String>,
    },
    /// Sets the status of another member's flag (`owner`'s flag on `target`), as its assignee.
    Mark {
        owner: String,
        target: String,
        status: FlagStatus,
    },
    Read {
        briefing: String,
    },
    Unread {
        briefing: String,
    },
}

/// Journal lines below which compaction is not worth its rewrite.
const COMPACT_MIN_LINES: usize = 1000;

/// How far into which file we have read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Position {
    dev: u64,
    ino: u64,
    generation: u64,
    /// Byte offset just after the last whole line taken in.
    offset: u64,
    /// Lines after the header taken in.
    lines: usize,
}

/// The state of one user, backed by a journal file (or only by memory, for tests).
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    path: PathBuf,
    lock_path: PathBuf,
    /// Permissions of the journal and lock files this store creates.
    mode: u32,
    /// A shared journal: its folder is not ours to create, and no symbolic link is followed
    /// to or in place of its files.
    shared: bool,
    state: State,
    read_only: Option<String>,
    in_memory: bool,
    /// `None` until we have read a journal that exists.
    pos: Option<Position>,
    compact_min: usize,
}

/// What reading up to the end of the journal found.
struct CatchUp {
    changed: bool,
    /// Where an ignored torn tail begins, if there is one.
    torn_at: Option<u64>,
}

impl Store {
    fn new(dir: &Path, in_memory: bool) -> Store {
        let (path, lock_path) = if in_memory {
            (PathBuf::new(), PathBuf::new())
        } else {
            (dir.join(journal::FILE_NAME), dir.join(journal::LOCK_NAME))
        };
        Store {
            dir: dir.to_path_buf(),
            path,
            lock_path,
            mode: 0o600,
            shared: false,
            state: State::default(),
            read_only: None,
            in_memory,
            pos: None,
            compact_min: COMPACT_MIN_LINES,
        }
    }

    /// Opens the state in `dir`, creating the directory (mode 0700) if it is missing.
    ///
    /// A damaged journal or one from a newer brief still opens, read-only, with what could be
    /// read of it: check [`Store::read_only`]. A directory that cannot be created is not an
    /// error here (there is nothing to read); [`Store::apply`] reports it. The only error is an
    /// existing journal that cannot be read.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        let mut store = Store::new(dir, false);
        // Best effort: a reader that only shows flags should work even where nothing can be
        // written; apply retries and reports the failure when the user changes something.
        let _ = create_dir(dir);
        store.load()?;
        Ok(store)
    }

    /// Opens the journal `NAME.jsonl` in `dir`, a folder shared with others, keeping the store's
    /// promises (locking on `NAME.lock`, durability, crash safety, a damaged file never
    /// written). Files are created readable by the folder's group (mode 0640) and writable by
    /// their owner only; symbolic links are never followed; `dir` must exist already. The
    /// caller checks that `name` is a plain file name.
    pub fn open_shared(dir: &Path, name: &str) -> Result<Store, StoreError> {
        let mut store = Store::new(dir, false);
        store.path = dir.join(format!("{name}.jsonl"));
        store.lock_path = dir.join(format!("{name}.lock"));
        store.mode = 0o640;
        store.shared = true;
        store.load()?;
        Ok(store)
    }

    /// A store that keeps everything in memory and never touches the disk, for tests of other
    /// modules. It behaves like [`Store::open`] otherwise (same validation and errors).
    pub fn open_in_memory() -> Store {
        Store::new(Path::new(""), true)
    }

    /// Why the store will not write, as a message for the user (names the file, what is wrong
    /// and what to do); `None` if it is writable.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn flag(&self, target: &str) -> Option<&Flag> {
        self.state.flags.get(target)
    }

    /// The journal file (empty for an in-memory store).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Makes a change, first picking up other sessions' changes. On `Ok` the change is on disk
    /// and fsynced. On `Err` the change is not in memory; see the module docs on retrying.
    pub fn apply(&mut self, change: Change) -> Result<(), StoreError> {
        if let Some(reason) = &self.read_only {
            return Err(StoreError::ReadOnly {
                reason: reason.clone(),
            });
        }
        if self.in_memory {
            if let Some(record) = plan(&self.state, change)? {
                journal::apply_record(&mut self.state, record);
            }
            return Ok(());
        }
        if !self.shared {
            create_dir(&self.dir)?;
        }
        let _lock = LockGuard::exclusive_with(&self.lock_path, self.mode, self.shared)?;
        let file = self.open_for_append()?;
        let caught = self.catch_up(&file)?;
        if let Some(end) = caught.torn_at {
            // The torn tail was never acknowledged to anyone; appending after it would turn it
            // into a corrupt middle line.
            file.set_len(end)
                .map_err(|e| StoreError::io(&self.path, e))?;
        }
        let Some(record) = plan(&self.state, change)? else {
            return Ok(());
        };
        let mut pos = self
            .pos
            .expect("catch_up has read the journal open_for_append made sure exists");
        let line = record.encode();
        // fdatasync is enough: it also flushes the file size, which is what makes the line
        // readable after a crash; the modification time can be lost.
        if let Err(e) = (&file).write_all(&line).and_then(|()| file.sync_data()) {
            // Take back whatever part reached the file, so that a change reported as failed is
            // not found by the next reader (best effort: the disk is already misbehaving).
            let _ = file.set_len(pos.offset);
            let _ = file.sync_data();
            return Err(StoreError::io(&self.path, e));
        }
        journal::apply_record(&mut self.state, record);
        pos.offset += line.len() as u64;
        pos.lines += 1;
        self.pos = Some(pos);
        if self.wants_compaction() {
            // The change is already durable, so a failed compaction must not turn this into an
            // error; the journal stays valid and the next apply tries again.
            let _ = self.compact();
        }
        Ok(())
    }

    /// Picks up changes other sessions made since we last looked, without writing or locking.
    /// Returns whether the state changed. A read-only or in-memory store never changes; to retry
    /// a read-only one (say after the file was moved aside), open it again.
    pub fn refresh(&mut self) -> Result<bool, StoreError> {
        if self.in_memory || self.read_only.is_some() {
            return Ok(false);
        }
        match self.open_read() {
            Ok(file) => Ok(self.catch_up(&file)?.changed),
            Err(e) if is_missing(&e) => Ok(self.forget_file()),
            Err(e) => Err(StoreError::io(&self.path, e)),
        }
    }

    /// Opens the journal for reading; a shared one only if it is a regular file.
    fn open_read(&self) -> io::Result<File> {
        let mut options = OpenOptions::new();
        options.read(true);
        if self.shared {
            nofollow(&mut options);
        }
        let file = options.open(&self.path)?;
        if self.shared && !file.metadata()?.is_file() {
            return Err(io::Error::other("not a regular file"));
        }
        Ok(file)
    }

    fn load(&mut self) -> Result<(), StoreError> {
        let file = match self.open_read() {
            Ok(file) => file,
            Err(e) if is_missing(&e) => return Ok(()),
            Err(e) => return Err(StoreError::io(&self.path, e)),
        };
        let len = file
            .metadata()
            .map_err(|e| StoreError::io(&self.path, e))?
            .len();
        if len > 0 {
            match read_header(&self.path, &file) {
                Ok((header, _)) if header.brief_state < VERSION => {
                    drop(file);
                    self.upgrade();
                    if self.read_only.is_some() {
                        return Ok(());
                    }
                    return self.load_after_upgrade();
                }
                Ok(_) => {}
                Err(e @ (StoreError::Corrupt { .. } | StoreError::NewerVersion { .. })) => {
                    self.read_only = Some(e.to_string());
                    return Ok(());
                }
                Err(e) => return Err(e),
            }
        }
        self.initial_catch_up(&file)
    }

    fn load_after_upgrade(&mut self) -> Result<(), StoreError> {
        let file = self
            .open_read()
            .map_err(|e| StoreError::io(&self.path, e))?;
        self.initial_catch_up(&file)
    }

    fn initial_catch_up(&mut self, file: &File) -> Result<(), StoreError> {
        match self.catch_up(file) {
            Ok(_) => Ok(()),
            // catch_up has made the store read-only with the reason; the caller still gets a
            // store, so the flags that could be read can be shown.
            Err(StoreError::Corrupt { .. } | StoreError::NewerVersion { .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Migrates an older journal to the current format; on failure the store becomes read-only
    /// with the reason.
    fn upgrade(&mut self) {
        let result = (|| {
            if !self.shared {
                create_dir(&self.dir)?;
            }
            let _lock = LockGuard::exclusive_with(&self.lock_path, self.mode, self.shared)?;
            // Another session may have upgraded it while we waited for the lock.
            let file = self
                .open_read()
                .map_err(|e| StoreError::io(&self.path, e))?;
            let (header, _) = read_header(&self.path, &file)?;
            if header.brief_state < VERSION {
                journal::migrate(&self.path, header.brief_state)?;
            }
            Ok::<(), StoreError>(())
        })();
        if let Err(e) = result {
            self.read_only = Some(format!(
                "cannot upgrade the state to this brief's format: {e}"
            ));
        }
    }

    /// Opens the journal for appending, creating it (header only) if it is missing or empty.
    fn open_for_append(&self) -> Result<File, StoreError> {
        let open = || {
            let mut options = OpenOptions::new();
            options.read(true).append(true);
            if self.shared {
                nofollow(&mut options);
            }
            let file = options.open(&self.path)?;
            if self.shared && !file.metadata()?.is_file() {
                return Err(io::Error::other("not a regular file"));
            }
            Ok(file)
        };
        let io_err = |e| StoreError::io(&self.path, e);
        match open() {
            Ok(file) if file.metadata().map_err(io_err)?.len() > 0 => return Ok(file),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_err(e)),
        }
        // A new generation number tells a session that read a previous file of the same inode
        // number (deleted since, and the number reused) that this one is different.
        let generation = self.pos.map_or(0, |p| p.generation + 1);
        // Written atomically so that no one ever sees a journal without its header.
        journal::write_atomic_mode(&self.path, &Header::current(generation).encode(), self.mode)
            .map_err(io_err)?;
        open().map_err(io_err)
    }

    /// Reads `file` (just opened at `self.path`) up to its last whole line into memory: only
    /// what is new if it is the file we read before, else all of it.
    fn catch_up(&mut self, file: &File) -> Result<CatchUp, StoreError> {
        let path = self.path.clone();
        let io_err = |e| StoreError::io(&path, e);
        let meta = file.metadata().map_err(io_err)?;
        if meta.len() == 0 {
            return Ok(CatchUp {
                changed: self.forget_file(),
                torn_at: None,
            });
        }
        let (header, header_len) =
            read_header(&self.path, file).map_err(|e| self.become_read_only(e))?;
        if header.brief_state < VERSION {
            // Only possible if an old file was put in place while we run; upgrading happens in
            // `open`, where no session of ours holds state from the newer file.
            return Err(self.become_read_only(StoreError::Corrupt {
                path: self.path.clone(),
                line: 1,
                message: format!(
                    "state format version {} replaced the current one while brief was running; \
                     start brief again to upgrade it",
                    header.brief_state
                ),
            }));
        }
        let same_file = self.pos.filter(|p| {
            p.dev == meta.dev()
                && p.ino == meta.ino()
                && p.generation == header.generation
                && p.offset <= meta.len()
        });
        let (start, lines_before) = match same_file {
            Some(p) => (p.offset, p.lines),
            None => (header_len, 0),
        };
        let buf = read_from(file, start).map_err(io_err)?;
        // Line 1 is the header.
        let scan = journal::scan(&buf, lines_before + 2);
        let mut changed = false;
        if same_file.is_some() {
            for record in scan.records {
                changed |= journal::apply_record(&mut self.state, record);
            }
        } else {
            let mut state = State::default();
            for record in scan.records {
                journal::apply_record(&mut state, record);
            }
            changed = state != self.state;
            self.state = state;
        }
        let end = start + scan.consumed as u64;
        self.pos = Some(Position {
            dev: meta.dev(),
            ino: meta.ino(),
            generation: header.generation,
            offset: end,
            lines: lines_before + scan.lines,
        });
        if let Some((line, message)) = scan.corrupt {
            return Err(self.become_read_only(StoreError::Corrupt {
                path: self.path.clone(),
                line,
                message,
            }));
        }
        Ok(CatchUp {
            changed,
            torn_at: (end < start + buf.len() as u64).then_some(end),
        })
    }

    /// The journal is gone (or empty): so is the state it held.
    fn forget_file(&mut self) -> bool {
        let changed = self.state != State::default();
        self.state = State::default();
        self.pos = None;
        changed
    }

    fn become_read_only(&mut self, e: StoreError) -> StoreError {
        if matches!(
            e,
            StoreError::Corrupt { .. } | StoreError::NewerVersion { .. }
        ) {
            self.read_only = Some(e.to_string());
        }
        e
    }

    fn wants_compaction(&self) -> bool {
        // Each flag and each read mark is one line once compacted.
        let live = self.state.flags.len() + self.state.read.len() + self.state.marks.len();
        self.pos
            .is_some_and(|p| p.lines > self.compact_min.max(4 * live))
    }

    /// Rewrites the journal as one line per flag and read mark. Called under the lock, with
    /// memory caught up to the file.
    fn compact(&mut self) -> Result<(), StoreError> {
        let io_err = |e| StoreError::io(&self.path, e);
        let Some(pos) = self.pos else { return Ok(()) };
        let file_name = self.path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        journal::remove_stale_temp_files_named(&self.dir, file_name);
        let generation = pos.generation + 1;
        let bytes = journal::compacted(&self.state, generation, &journal::now());
        journal::write_atomic_mode(&self.path, &bytes, self.mode).map_err(io_err)?;
        // If this stat failed, the stale position would make the next catch-up re-read the
        // whole (new) file, which is still right.
        let meta = fs::metadata(&self.path).map_err(io_err)?;
        self.pos = Some(Position {
            dev: meta.dev(),
            ino: meta.ino(),
            generation,
            offset: bytes.len() as u64,
            lines: self.state.flags.len() + self.state.read.len() + self.state.marks.len(),
        });
        Ok(())
    }
}

/// The record for `change` given the current state; `None` if it changes nothing.
fn plan(state: &State, change: Change) -> Result<Option<Record>, StoreError> {
    let at = journal::now();
    let existing = |target: &str| {
        state
            .flags
            .get(target)
            .ok_or_else(|| StoreError::NoSuchFlag {
                target: target.to_owned(),
            })
    };
    Ok(match change {
        Change::Flag {
            target,
            fingerprint,
            title,
            text,
            folder,
        } => (!state.flags.contains_key(&target)).then(|| Record::Flag {
            target,
            at,
            fingerprint,
            title,
            text,
            folder,
            note: String::new(),
            status: FlagStatus::Open,
            updated: None,
            status_at: None,
            to: None,
        }),
        Change::Adopt { flag } => {
            let flag = *flag;
            (!state.flags.contains_key(&flag.target)).then(|| Record::Flag {
                updated: (flag.updated != flag.created).then_some(flag.updated),
                status_at: (flag.status_at != flag.created).then_some(flag.status_at),
                target: flag.target,
                at: flag.created,
                fingerprint: flag.fingerprint,
                title: flag.title,
                text: flag.text,
                folder: flag.folder,
                note: flag.note,
                status: flag.status,
                to: flag.assigned_to,
            })
        }
        Change::Unflag { target } => {
            existing(&target)?;
            Some(Record::Unflag { target, at })
        }
        Change::Note { target, note } => {
            (existing(&target)?.note != note).then_some(Record::Note { target, at, note })
        }
        Change::Done { target } => {
            (existing(&target)?.status != FlagStatus::Done).then_some(Record::Done {
                target,
                at,
                owner: None,
            })
        }
        Change::Reopen { target } => {
            (existing(&target)?.status != FlagStatus::Open).then_some(Record::Reopen {
                target,
                at,
                owner: None,
            })
        }
        Change::Assign { target, to } => {
            (existing(&target)?.assigned_to != to).then_some(Record::Assign { target, at, to })
        }
        Change::Mark {
            owner,
            target,
            status,
        } => {
            let current = state
                .marks
                .get(&(owner.clone(), target.clone()))
                .map_or(FlagStatus::Open, |m| m.status);
            let owner = Some(owner);
            let record = match status {
                FlagStatus::Done => Record::Done { target, at, owner },
                FlagStatus::Open => Record::Reopen { target, at, owner },
            };
            (current != status).then_some(record)
        }
        Change::Read { briefing } => {
            (!state.read.contains(&briefing)).then_some(Record::Read { briefing, at })
        }
        Change::Unread { briefing } => state
            .read
            .contains(&briefing)
            .then_some(Record::Unread { briefing, at }),
    })
}

/// Creates the state directory, owner-only, if missing.
fn create_dir(dir: &Path) -> Result<(), StoreError> {
    if dir.is_dir() {
        return Ok(());
    }
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| StoreError::io(dir, e))?;
    // A journal fsynced inside a directory whose own entry is not yet on disk could vanish
    // with it in a crash.
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Ok(parent) = File::open(parent) {
        let _ = parent.sync_all();
    }
    Ok(())
}

/// Makes `options` refuse a symbolic link in the file's place (`O_NOFOLLOW`): in a folder others
/// can write to, a link could point our writes at a file of theirs, or theirs at ours.
fn nofollow(options: &mut OpenOptions) {
    use std::os::unix::fs::OpenOptionsExt as _;
    // O_NONBLOCK too: opening a FIFO put in the journal's place must not hang.
    options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
}

/// What a journal holds, read from its bytes (the whole file) without writing anything: the
/// state, and the first problem found (a damaged or newer-format file), if any. The state is
/// whatever could be read. Other people's journals are read as a [`Snapshot`]; this is what a
/// snapshot must agree with.
#[cfg(test)]
pub(crate) fn replay(path: &Path, bytes: &[u8]) -> (State, Option<StoreError>) {
    let mut state = State::default();
    if bytes.is_empty() {
        return (state, None);
    }
    let Some(header_end) = bytes.iter().position(|&b| b == b'\n') else {
        let problem = StoreError::Corrupt {
            path: path.to_path_buf(),
            line: 1,
            message: "the first line is not a complete brief state header".into(),
        };
        return (state, Some(problem));
    };
    if let Err(e) = journal::decode_header(path, &bytes[..header_end]) {
        return (state, Some(e));
    }
    let scan = journal::scan(&bytes[header_end + 1..], 2);
    for record in scan.records {
        journal::apply_record(&mut state, record);
    }
    let problem = scan.corrupt.map(|(line, message)| StoreError::Corrupt {
        path: path.to_path_buf(),
        line,
        message,
    });
    (state, problem)
}

/// Reads and decodes the header line; returns it with the offset just past it.
fn read_header(path: &Path, file: &File) -> Result<(Header, u64), StoreError> {
    const MAX: usize = 64 * 1024;
    let mut line = Vec::new();
    let mut chunk = [0u8; 256];
    loop {
        let n = match file.read_at(&mut chunk, line.len() as u64) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(StoreError::io(path, e)),
        };
        if let Some(i) = chunk[..n].iter().position(|&b| b == b'\n') {
            line.extend_from_slice(&chunk[..i]);
            let header = journal::decode_header(path, &line)?;
            return Ok((header, line.len() as u64 + 1));
        }
        if n == 0 || line.len() + n > MAX {
            // The header is written in one atomic replace, so a first line without a newline
            // is not a torn write of ours.
            return Err(StoreError::Corrupt {
                path: path.to_path_buf(),
                line: 1,
                message: "the first line is not a complete brief state header".into(),
            });
        }
        line.extend_from_slice(&chunk[..n]);
    }
}

/// The journal is not there, or its directory is not (or is a file): nothing to read.
fn is_missing(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
    )
}

fn read_from(mut file: &File, offset: u64) -> io::Result<Vec<u8>> {
    file.seek(SeekFrom::Start(offset))?;
    let mut buf = Vec::new();
    file.read_to_end(&mut buf)?;
    Ok(buf)
}

/// Where the state lives when no `--state-dir` is given: `$BRIEF_STATE_DIR`, else
/// `$XDG_STATE_HOME/brief`, else `~/.local/state/brief`. `None` if there is no home directory
/// to fall back on.
pub fn default_state_dir() -> Option<PathBuf> {
    state_dir_from(std::env::var_os("BRIEF_STATE_DIR"), || {
        use etcetera::BaseStrategy as _;
        etcetera::choose_base_strategy().ok()?.state_dir()
    })
}

fn state_dir_from(
    brief_state_dir: Option<OsString>,
    xdg_state_dir: impl FnOnce() -> Option<PathBuf>,
) -> Option<PathBuf> {
    // An empty variable counts as unset, as shells make it easy to set one by accident.
    match brief_state_dir.filter(|d| !d.is_empty()) {
        Some(dir) => Some(PathBuf::from(dir)),
        None => xdg_state_dir().map(|d| d.join("brief")),
    }
}

#[cfg(test)]
mod tests;
