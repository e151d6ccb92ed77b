//! Earlier queries of the search and filter boxes, recalled with Up / Down as in a shell.
//!
//! Kept in `history.json` in the state directory, beside the flags and with the same care:
//! every change is a read-merge-write under an exclusive lock on `history.lock`, written
//! atomically (temporary file, fsync, rename, fsync of the directory) and owner-only, so two
//! sessions never lose each other's entries and a crash leaves the old file or the new one.
//! Each box keeps its last [`LIMIT`] distinct queries, oldest first.
//!
//! ```text
//! {"brief_history":1,"search":["Mashhadani","technical agreement"],"filter":["tag:iraq"]}
//! ```
//!
//! A history file that cannot be read (damaged, or from a newer format) is left alone and not
//! written: history is a convenience, never a reason to destroy a file.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::StoreError;
use super::journal::{remove_stale_temp_files_named, write_atomic};
use super::lock::LockGuard;

pub(crate) const FILE_NAME: &str = "history.json";
const LOCK_NAME: &str = "history.lock";
const VERSION: u64 = 1;

/// Queries kept per box: enough for weeks of reading, small enough to rewrite on every Enter.
pub const LIMIT: usize = 200;

/// Which box a query was typed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryBox {
    Search,
    Filter,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Entries {
    #[serde(default)]
    search: Vec<String>,
    #[serde(default)]
    filter: Vec<String>,
}

impl Entries {
    fn of(&self, kind: QueryBox) -> &Vec<String> {
        match kind {
            QueryBox::Search => &self.search,
            QueryBox::Filter => &self.filter,
        }
    }

    fn of_mut(&mut self, kind: QueryBox) -> &mut Vec<String> {
        match kind {
            QueryBox::Search => &mut self.search,
            QueryBox::Filter => &mut self.filter,
        }
    }

    /// Adds `query` as the newest entry: an earlier copy moves up rather than repeating, and
    /// the oldest fall off beyond [`LIMIT`].
    fn push(&mut self, kind: QueryBox, query: &str) {
        let list = self.of_mut(kind);
        list.retain(|q| q != query);
        list.push(query.to_string());
        let extra = list.len().saturating_sub(LIMIT);
        list.drain(..extra);
    }

    /// Drops what could not have been typed (control characters, over-long lines): the file is
    /// text a person can edit, and what it holds is drawn in the box.
    fn cleaned(mut self) -> Entries {
        for kind in [QueryBox::Search, QueryBox::Filter] {
            let list = self.of_mut(kind);
            list.retain(|q| is_recordable(q));
            let extra = list.len().saturating_sub(LIMIT);
            list.drain(..extra);
        }
        self
    }
}

#[derive(Serialize, Deserialize)]
struct HistoryFile {
    brief_history: u64,
    #[serde(flatten)]
    entries: Entries,
}

fn is_recordable(query: &str) -> bool {
    !query.trim().is_empty()
        && query.len() <= 1024
        && !query
            .chars()
            .any(|c| c == '\n' || crate::briefing::sanitize::is_forbidden(c))
}

/// The query history of one user: in memory, and on disk when it has a state directory.
#[derive(Clone, Debug, Default)]
pub struct History {
    dir: Option<PathBuf>,
    entries: Entries,
    /// Why the file on disk is not written (it could not be read); `None` if it is fine.
    broken: Option<String>,
}

impl History {
    /// Only in memory, for tests and sessions without a state directory.
    pub fn in_memory() -> History {
        History::default()
    }

    /// The history kept in `dir` (the state directory). A missing file is an empty history;
    /// an unreadable one is kept as it is and this session's queries stay in memory.
    pub fn open(dir: &Path) -> History {
        let mut history = History {
            dir: Some(dir.to_path_buf()),
            ..History::default()
        };
        match read(&dir.join(FILE_NAME)) {
            Ok(entries) => history.entries = entries,
            Err(why) => history.broken = Some(why),
        }
        history
    }

    /// Earlier queries of `kind`, oldest first.
    pub fn entries(&self, kind: QueryBox) -> &[String] {
        self.entries.of(kind)
    }

    /// Why the history is not saved, if it is not.
    pub fn broken(&self) -> Option<&str> {
        self.broken.as_deref()
    }

    /// Records a query typed in a box (blank ones and ones that could not have been typed are
    /// ignored), merged under the lock with what other sessions recorded since, and written
    /// before this returns. On error the query is still recalled in this session.
    pub fn record(&mut self, kind: QueryBox, query: &str) -> Result<(), StoreError> {
        let query = query.trim();
        if !is_recordable(query) {
            return Ok(());
        }
        self.entries.push(kind, query);
        let Some(dir) = self.dir.clone() else {
            return Ok(());
        };
        if self.broken.is_some() {
            return Ok(());
        }
        let path = dir.join(FILE_NAME);
        let io_err = |e: io::Error| StoreError::io(&path, e);
        {
            use std::os::unix::fs::DirBuilderExt as _;
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(&dir)
                .map_err(io_err)?;
        }
        let _lock = LockGuard::exclusive(&dir.join(LOCK_NAME))?;
        remove_stale_temp_files_named(&dir, FILE_NAME);
        let mut merged = match read(&path) {
            Ok(entries) => entries,
            Err(why) => {
                self.broken = Some(why);
                return Ok(());
            }
        };
        merged.push(kind, query);
        let file = HistoryFile {
            brief_history: VERSION,
            entries: merged,
        };
        let mut bytes = serde_json::to_vec(&file).expect("a history always serializes");
        bytes.push(b'\n');
        write_atomic(&path, &bytes).map_err(io_err)?;
        self.entries = file.entries;
        Ok(())
    }
}

/// The entries of the file at `path`; a missing file is empty. `Err` says why it is unusable.
fn read(path: &Path) -> Result<Entries, String> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Entries::default()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let file: HistoryFile = serde_json::from_slice(&bytes)
        .map_err(|e| format!("{}: not a query history ({e})", path.display()))?;
    if file.brief_history > VERSION {
        return Err(format!(
            "{}: written by a newer brief (format {})",
            path.display(),
            file.brief_history
        ));
    }
    Ok(file.entries.cleaned())
}

/// Walking through earlier queries from a box, as a shell's Up / Down do: the text typed
/// before the first Up is kept and comes back after the last Down, and only entries that start
/// with it are visited (as in vim), newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Recall {
    /// What was typed before the first Up; `None` while not recalling.
    draft: Option<String>,
    /// The entry shown, as an index into the entries.
    at: Option<usize>,
}

impl Recall {
    /// The text to show after Up (`older`) or Down, given the box's current text; `None` when
    /// there is nothing further that way (the text stays as it is).
    pub fn step(&mut self, entries: &[String], current: &str, older: bool) -> Option<String> {
        let draft = self
            .draft
            .get_or_insert_with(|| current.to_string())
            .clone();
        let matches = |q: &String| q.starts_with(&draft) && *q != draft;
        if older {
            let before = self.at.unwrap_or(entries.len());
            let found = entries[..before.min(entries.len())]
                .iter()
                .rposition(matches)?;
            self.at = Some(found);
            Some(entries[found].clone())
        } else {
            let at = self.at?;
            match entries
                .iter()
                .enumerate()
                .skip(at + 1)
                .find(|(_, q)| matches(q))
            {
                Some((found, q)) => {
                    self.at = Some(found);
                    Some(q.clone())
                }
                None => {
                    // Past the newest: back to what was typed.
                    self.at = None;
                    self.draft = None;
                    Some(draft)
                }
            }
        }
    }

    /// The user typed: the next Up starts from the new text.
    pub fn reset(&mut self) {
        *self = Recall::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn up_and_down_walk_newest_first_and_come_back_to_the_draft() {
        let entries = strings(&["alpha", "beta", "alpine"]);
        let mut r = Recall::default();
        assert_eq!(r.step(&entries, "", true).as_deref(), Some("alpine"));
        assert_eq!(r.step(&entries, "alpine", true).as_deref(), Some("beta"));
        assert_eq!(r.step(&entries, "beta", true).as_deref(), Some("alpha"));
        assert_eq!(r.step(&entries, "alpha", true), None, "nothing older");
        assert_eq!(r.step(&entries, "alpha", false).as_deref(), Some("beta"));
        assert_eq!(r.step(&entries, "beta", false).as_deref(), Some("alpine"));
        assert_eq!(r.step(&entries, "alpine", false).as_deref(), Some(""));
        assert_eq!(
            r.step(&entries, "", false),
            None,
            "not recalling: Down does nothing"
        );
    }

    #[test]
    fn typed_text_recalls_only_entries_that_start_with_it() {
        let entries = strings(&["alpha", "beta", "alpine", "al"]);
        let mut r = Recall::default();
        assert_eq!(r.step(&entries, "al", true).as_deref(), Some("alpine"));
        assert_eq!(r.step(&entries, "alpine", true).as_deref(), Some("alpha"));
        assert_eq!(r.step(&entries, "alpha", true), None);
        assert_eq!(r.step(&entries, "alpha", false).as_deref(), Some("alpine"));
        assert_eq!(r.step(&entries, "alpine", false).as_deref(), Some("al"));
    }

    #[test]
    fn entries_move_up_instead_of_repeating_and_are_bounded() {
        let mut h = History::in_memory();
        for q in ["a", "b", "a", "  ", "c\u{1b}[2J"] {
            h.record(QueryBox::Search, q).unwrap();
        }
        assert_eq!(h.entries(QueryBox::Search), ["b", "a"]);
        assert!(h.entries(QueryBox::Filter).is_empty());
        for i in 0..LIMIT + 10 {
            h.record(QueryBox::Filter, &format!("tag:t{i}")).unwrap();
        }
        let filter = h.entries(QueryBox::Filter);
        assert_eq!(filter.len(), LIMIT);
        assert_eq!(filter.last().unwrap(), &format!("tag:t{}", LIMIT + 9));
        assert_eq!(filter[0], "tag:t10");
    }

    /// Two sessions recording in turn each keep the other's queries, and a new session sees
    /// both; the file is private.
    #[test]
    fn sessions_merge_and_the_file_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let mut one = History::open(dir.path());
        let mut two = History::open(dir.path());
        one.record(QueryBox::Search, "Mashhadani").unwrap();
        two.record(QueryBox::Search, "technical agreement").unwrap();
        one.record(QueryBox::Filter, "tag:iraq").unwrap();
        let three = History::open(dir.path());
        assert_eq!(
            three.entries(QueryBox::Search),
            ["Mashhadani", "technical agreement"]
        );
        assert_eq!(three.entries(QueryBox::Filter), ["tag:iraq"]);
        assert_eq!(
            one.entries(QueryBox::Search),
            three.entries(QueryBox::Search)
        );
        let mode = fs::metadata(dir.path().join(FILE_NAME))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    /// A damaged history file (or one from a newer brief) is never overwritten; the session
    /// still recalls its own queries.
    #[test]
    fn an_unreadable_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        for text in ["{not json", "{\"brief_history\":9,\"search\":[\"x\"]}"] {
            fs::write(&path, text).unwrap();
            let mut h = History::open(dir.path());
            assert!(h.broken().is_some());
            h.record(QueryBox::Search, "kept in memory").unwrap();
            assert_eq!(h.entries(QueryBox::Search), ["kept in memory"]);
            assert_eq!(fs::read_to_string(&path).unwrap(), text);
        }
    }

    #[test]
    fn entries_that_could_not_be_typed_are_dropped_on_reading() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join(FILE_NAME),
            "{\"brief_history\":1,\"search\":[\"ok\",\"\\u001b[31mred\",\"two\\nlines\"]}",
        )
        .unwrap();
        let h = History::open(dir.path());
        assert_eq!(h.entries(QueryBox::Search), ["ok"]);
    }
}
