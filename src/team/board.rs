//! The board: every member's journal in a team folder, read, checked and merged.
//!
//! A member `NAME` writes `DIR/NAME.jsonl` (a state journal, see `store`) and nothing else but
//! its lock, `DIR/NAME.lock`. Reading the folder never writes anything. Each journal is taken
//! only if:
//!
//! - its name is a member name (`member::is_valid_name`) and it is a regular file (symbolic
//!   links, FIFOs and folders are not followed or opened: `O_NOFOLLOW | O_NONBLOCK`, then
//!   `fstat` on what was opened);
//! - it is owned by the user whose login name it carries. In a git clone every file belongs to
//!   whoever cloned it, so there (the folder is inside a work tree whose `.git` the reader owns)
//!   files the reader owns count too: git is the boundary, through who may push. The reader's
//!   own journal (owned by them, named by their member name, [`Board::read_as`]) counts for
//!   them too, whatever their login name;
//! - it is at most [`MAX_FILE_BYTES`].
//!
//! Anything else is ignored with a warning naming the file (and its real owner). A damaged
//! journal gives what could be read of it, with a warning; it is never written by anyone but
//! its member, and then only once repaired (the store refuses).
//!
//! Refreshing re-reads only the files whose stamp (inode, size, modification time, owner)
//! changed, so a reader can look every two seconds at a folder of large journals.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::Read as _;
use std::os::unix::fs::{MetadataExt as _, OpenOptionsExt as _};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::briefing::sanitize::neutralize;
use crate::store::{Flag, FlagRef, FlagStatus, Snapshot, StoreError};

use super::member::{self, Owners};

/// A member journal larger than this is not read (10,000 flags with notes take about 5 MiB).
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// What identifies a version of a file cheaply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    mtime: i64,
    mtime_nsec: i64,
    uid: u32,
    mode: u32,
}

impl Stamp {
    fn of(meta: &fs::Metadata) -> Stamp {
        Stamp {
            dev: meta.dev(),
            ino: meta.ino(),
            len: meta.len(),
            mtime: meta.mtime(),
            mtime_nsec: meta.mtime_nsec(),
            uid: meta.uid(),
            mode: meta.mode(),
        }
    }
}

/// One `*.jsonl` file of the folder, as last read.
#[derive(Debug)]
struct Entry {
    stamp: Stamp,
    /// The member it counts for, with what it holds; `None` if it is ignored.
    member: Option<(String, Snapshot)>,
    /// Why it is ignored, or what is wrong with it.
    warning: Option<String>,
}

/// Who reads the folder: what counts depends on it (see the module docs).
#[derive(Clone, Debug)]
struct Reader {
    uid: u32,
    /// The folder is in a git clone the reader owns.
    git: bool,
    /// The reader's member name, when known: a journal of that name that the reader owns is
    /// theirs, whatever their login name (the others may not take it: `Team::name_problem`).
    me: Option<String>,
}

/// Every member's shared follow-ups, as the team folder holds them.
#[derive(Debug)]
pub struct Board {
    dir: PathBuf,
    reader: Reader,
    owners: Owners,
    /// By file name.
    entries: BTreeMap<OsString, Entry>,
    /// Why the folder itself could not be read, if it could not.
    folder_problem: Option<String>,
}

/// A member's flag with what the team made of it: its status is the later of its owner's and
/// its assignee's (the assignee marks it done or open again in their own journal).
#[derive(Clone, Copy, Debug)]
pub struct TeamFlag<'a> {
    /// The member who flagged it.
    pub by: &'a str,
    pub flag: FlagRef<'a>,
    pub status: FlagStatus,
    /// The later of the flag's last change and its assignee's mark.
    pub updated: &'a str,
    pub assigned_to: Option<&'a str>,
    /// Who set the status to done, when it is done.
    pub done_by: Option<&'a str>,
    /// In the team folder (`false`: in the user's private state, e.g. on a TLP:RED briefing).
    pub shared: bool,
}

impl<'a> TeamFlag<'a> {
    /// A flag of the user's private state, shown beside the team's.
    pub fn private(me: &'a str, flag: &'a Flag) -> TeamFlag<'a> {
        TeamFlag {
            by: me,
            flag: flag.into(),
            status: flag.status,
            updated: &flag.updated,
            assigned_to: None,
            done_by: (flag.status == FlagStatus::Done).then_some(me),
            shared: false,
        }
    }
}

impl Board {
    /// Reads every member journal in `dir`. Never fails: what cannot be read is a warning.
    pub fn read(dir: &Path) -> Board {
        Board::read_for(dir, None)
    }

    /// Reads every member journal in `dir` for member `me` (see [`super::Team::board`]).
    pub fn read_as(dir: &Path, me: &str) -> Board {
        Board::read_for(dir, Some(me.to_string()))
    }

    fn read_for(dir: &Path, me: Option<String>) -> Board {
        let uid = member::current_uid();
        let mut board = Board {
            dir: dir.to_path_buf(),
            reader: Reader {
                uid,
                git: in_own_git_clone(dir, uid),
                me,
            },
            owners: Owners::default(),
            entries: BTreeMap::new(),
            folder_problem: None,
        };
        board.refresh();
        board
    }

    /// Picks up what changed in the folder since the last look; returns whether anything did.
    pub fn refresh(&mut self) -> bool {
        let listing = match fs::read_dir(&self.dir) {
            Ok(listing) => listing,
            Err(e) => {
                let problem = format!(
                    "{}: cannot read the team folder: {e}",
                    shown_path(&self.dir)
                );
                let changed = self.folder_problem.as_ref() != Some(&problem);
                self.folder_problem = Some(problem);
                return changed;
            }
        };
        let mut changed = self.folder_problem.take().is_some();
        let mut present: BTreeMap<OsString, Stamp> = BTreeMap::new();
        for dirent in listing.flatten() {
            let file_name = dirent.file_name();
            let Some(name) = file_name.to_str() else {
                continue;
            };
            // Hidden files are temporary files of a journal being rewritten, or git's.
            if name.starts_with('.') || !name.ends_with(".jsonl") {
                continue;
            }
            if let Ok(meta) = fs::symlink_metadata(dirent.path()) {
                present.insert(file_name, Stamp::of(&meta));
            }
        }
        let before = self.entries.len();
        self.entries.retain(|name, _| present.contains_key(name));
        changed |= self.entries.len() != before;
        let stale: Vec<(OsString, Stamp)> = present
            .into_iter()
            .filter(|(name, stamp)| self.entries.get(name).is_none_or(|e| e.stamp != *stamp))
            .collect();
        if stale.is_empty() {
            return changed;
        }
        let dir = self.dir.clone();
        // The trust decision needs owner names; look them up once, before reading in parallel.
        let checked: Vec<(OsString, Stamp, Result<String, String>)> = stale
            .into_iter()
            .map(|(file_name, stamp)| {
                let verdict = self.admit(&dir.join(&file_name), &file_name, &stamp);
                (file_name, stamp, verdict)
            })
            .collect();
        let read = read_all(&dir, checked, &mut self.owners, &self.reader);
        for (file_name, entry) in read {
            self.entries.insert(file_name, entry);
        }
        true
    }

    /// Whether the file, as its stamp describes it, counts for the member it names: `Ok(name)`
    /// or `Err(warning)`.
    fn admit(
        &mut self,
        path: &Path,
        file_name: &OsString,
        stamp: &Stamp,
    ) -> Result<String, String> {
        let name = file_name
            .to_str()
            .and_then(|n| n.strip_suffix(".jsonl"))
            .unwrap_or_default();
        if !member::is_valid_name(name) {
            return Err(format!(
                "{}: not a member's file (a member name is letters, digits, `.`, `_` and `-`); ignored",
                shown_path(path)
            ));
        }
        let kind = stamp.mode & libc::S_IFMT;
        if kind == libc::S_IFLNK {
            return Err(format!(
                "{}: a symbolic link in the team folder; not followed, ignored",
                shown_path(path)
            ));
        }
        if kind != libc::S_IFREG {
            return Err(format!("{}: not a regular file; ignored", shown_path(path)));
        }
        trust(&mut self.owners, &self.reader, path, name, stamp.uid)
    }

    /// Warnings about the folder and its files (ignored files, damaged journals), one line each,
    /// ready to print after `brief: warning: `.
    pub fn warnings(&self) -> Vec<&str> {
        self.folder_problem
            .iter()
            .map(String::as_str)
            .chain(self.entries.values().filter_map(|e| e.warning.as_deref()))
            .collect()
    }

    /// Files ignored as not trustworthy or unreadable (not merely damaged), for the reader's
    /// status bar.
    pub fn ignored(&self) -> usize {
        self.entries.values().filter(|e| e.member.is_none()).count()
    }

    /// The members whose journals count, by name.
    pub fn members(&self) -> impl Iterator<Item = &str> {
        self.entries
            .values()
            .filter_map(|e| e.member.as_ref().map(|(name, _)| name.as_str()))
    }

    /// A member's shared flags and marks, if their journal counts.
    pub fn state_of(&self, name: &str) -> Option<&Snapshot> {
        self.entries
            .values()
            .filter_map(|e| e.member.as_ref())
            .find(|(n, _)| n == name)
            .map(|(_, state)| state)
    }

    /// Every member's flags, their status merged with their assignee's marks.
    pub fn flags(&self) -> impl Iterator<Item = TeamFlag<'_>> {
        let by_name: BTreeMap<&str, &Snapshot> = self
            .entries
            .values()
            .filter_map(|e| e.member.as_ref().map(|(n, s)| (n.as_str(), s)))
            .collect();
        let members: Vec<(&str, &Snapshot)> = by_name.iter().map(|(n, s)| (*n, *s)).collect();
        members.into_iter().flat_map(move |(by, state)| {
            let by_name = by_name.clone();
            state.flags().map(move |flag| merge(by, flag, &by_name))
        })
    }

    /// The folder this board reads.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// Who owns a file claiming to be `name`'s decides whether it counts.
fn trust(
    owners: &mut Owners,
    reader: &Reader,
    path: &Path,
    name: &str,
    uid: u32,
) -> Result<String, String> {
    let readers_own = uid == reader.uid && (reader.git || reader.me.as_deref() == Some(name));
    if readers_own || owners.name(uid) == Some(name) {
        return Ok(name.to_string());
    }
    Err(format!(
        "{}: claims to be {name}'s but is owned by {}; ignored",
        shown_path(path),
        neutralize(&owners.describe(uid))
    ))
}

/// Reads the admitted files.
fn read_all(
    dir: &Path,
    checked: Vec<(OsString, Stamp, Result<String, String>)>,
    owners: &mut Owners,
    reader: &Reader,
) -> Vec<(OsString, Entry)> {
    // Each journal on its own: a large folder is read on all cores.
    let read: Vec<(OsString, Stamp, Outcome)> = checked
        .into_par_iter()
        .map(|(file_name, stamp, verdict)| {
            let outcome = verdict
                .and_then(|name| read_journal(&dir.join(&file_name)).map(|read| (name, read)));
            (file_name, stamp, outcome)
        })
        .collect();
    read.into_iter()
        .map(|(file_name, stamp, outcome)| {
            let path = dir.join(&file_name);
            // What was opened may not be what was listed: check its owner again.
            let outcome = outcome.and_then(|(name, read)| {
                trust(owners, reader, &path, &name, read.uid).map(|name| (name, read))
            });
            let entry = match outcome {
                Ok((name, read)) => Entry {
                    stamp,
                    warning: read.problem.map(|p| damage(&path, &name, reader, p)),
                    member: Some((name, read.state)),
                },
                Err(warning) => Entry {
                    stamp,
                    member: None,
                    warning: Some(warning),
                },
            };
            (file_name, entry)
        })
        .collect()
}

/// A member's name and journal, or why the file is ignored.
type Outcome = Result<(String, ReadOk), String>;

struct ReadOk {
    uid: u32,
    state: Snapshot,
    problem: Option<StoreError>,
}

/// Reads one member journal without following links, refusing anything but a regular file
/// of at most [`MAX_FILE_BYTES`].
fn read_journal(path: &Path) -> Result<ReadOk, String> {
    let shown = shown_path(path);
    let file: File = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| format!("{shown}: cannot be read: {e}; ignored"))?;
    let meta = file
        .metadata()
        .map_err(|e| format!("{shown}: cannot be read: {e}; ignored"))?;
    if !meta.is_file() {
        return Err(format!("{shown}: not a regular file; ignored"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "{shown}: larger than {} MiB; ignored",
            MAX_FILE_BYTES >> 20
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{shown}: cannot be read: {e}; ignored"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "{shown}: larger than {} MiB; ignored",
            MAX_FILE_BYTES >> 20
        ));
    }
    let (state, problem) = Snapshot::replay(path, bytes);
    Ok(ReadOk {
        uid: meta.uid(),
        state,
        problem,
    })
}

/// What is wrong with `name`'s journal, said to the reader: to its member, what the store says
/// (how to repair it); to the others, that only its member can.
fn damage(path: &Path, name: &str, reader: &Reader, problem: StoreError) -> String {
    match problem {
        StoreError::Corrupt { line, message, .. } if line > 1 => {
            let repair = if reader.me.as_deref() == Some(name) {
                "repair that line, or move the file aside (for example add `.bad` to its name)"
                    .to_string()
            } else {
                format!("only {name} can repair it")
            };
            format!(
                "{}:{line}: {}; its other lines are shown; {repair}",
                shown_path(path),
                neutralize(&message)
            )
        }
        other => neutralize(&other.to_string()).into_owned(),
    }
}

/// A flag with its status merged with its assignee's mark, the later one winning (the
/// assignee's on a tie: they acted on what they saw).
fn merge<'a>(
    by: &'a str,
    flag: FlagRef<'a>,
    members: &BTreeMap<&str, &'a Snapshot>,
) -> TeamFlag<'a> {
    let assigned_to = flag.assigned_to().filter(|a| member::is_valid_name(a));
    let mut status = flag.status();
    let mut status_at = flag.status_at();
    let mut updated = flag.updated();
    let mut who = by;
    if let Some(assignee) = assigned_to.filter(|a| *a != by)
        && let Some(mark) = members
            .get(assignee)
            .and_then(|s| s.mark_on(by, flag.target()))
        && mark.at.as_str() >= status_at
    {
        status = mark.status;
        status_at = &mark.at;
        who = assignee;
        updated = updated.max(status_at);
    }
    TeamFlag {
        by,
        flag,
        status,
        updated,
        assigned_to,
        done_by: (status == FlagStatus::Done).then_some(who),
        shared: true,
    }
}

/// Whether `dir` is inside a git work tree whose `.git` belongs to `uid`.
pub(super) fn in_own_git_clone(dir: &Path, uid: u32) -> bool {
    let Ok(dir) = dir.canonicalize() else {
        return false;
    };
    dir.ancestors()
        .any(|d| fs::symlink_metadata(d.join(".git")).is_ok_and(|m| m.uid() == uid))
}

fn shown_path(path: &Path) -> String {
    neutralize(&path.display().to_string()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "{\"brief_state\":1,\"generation\":0}\n";

    fn flag_line(target: &str, at: &str, to: Option<&str>) -> String {
        let to = to.map_or(String::new(), |to| format!(",\"to\":\"{to}\""));
        format!("{{\"op\":\"flag\",\"target\":\"{target}\",\"at\":\"{at}\"{to}}}\n")
    }

    /// A team folder inside a git clone the test owns, so that every file counts.
    fn clone_folder(files: &[(&str, String)]) -> tempfile::TempDir {
        let root = tempfile::tempdir().unwrap();
        fs::create_dir(root.path().join(".git")).unwrap();
        for (name, text) in files {
            fs::write(root.path().join(name), text).unwrap();
        }
        root
    }

    #[test]
    fn the_later_of_owner_and_assignee_sets_the_status() {
        let alice = format!(
            "{HEADER}{}{}",
            flag_line("b1", "2026-11-24T10:00:00Z", Some("bob")),
            flag_line("b2", "2026-11-24T10:00:00Z", Some("carol")),
        );
        let bob = format!(
            "{HEADER}{{\"op\":\"done\",\"target\":\"b1\",\"at\":\"2026-11-24T11:00:00Z\",\"owner\":\"alice\"}}\n\
             {{\"op\":\"done\",\"target\":\"b2\",\"at\":\"2026-11-24T11:00:00Z\",\"owner\":\"alice\"}}\n"
        );
        let dir = clone_folder(&[("alice.jsonl", alice.clone()), ("bob.jsonl", bob)]);
        let mut board = Board::read(dir.path());
        assert!(board.warnings().is_empty(), "{:?}", board.warnings());
        let status = |board: &Board, target: &str| {
            let f = board.flags().find(|f| f.flag.target() == target).unwrap();
            (f.status, f.done_by.map(str::to_string))
        };
        assert_eq!(status(&board, "b1"), (FlagStatus::Done, Some("bob".into())));
        // Bob's mark on a flag assigned to carol counts for nothing.
        assert_eq!(status(&board, "b2"), (FlagStatus::Open, None));

        // Alice reopens it later: her status wins.
        let reopened = format!(
            "{alice}{{\"op\":\"reopen\",\"target\":\"b1\",\"at\":\"2026-11-24T12:00:00Z\"}}\n"
        );
        fs::write(dir.path().join("alice.jsonl"), reopened).unwrap();
        assert!(board.refresh());
        assert_eq!(status(&board, "b1"), (FlagStatus::Open, None));
        assert!(!board.refresh(), "nothing changed since");
    }

    #[test]
    fn a_done_mark_from_before_the_flag_changed_hands_no_longer_counts() {
        let assign = |to: &str, at: &str| {
            format!("{{\"op\":\"assign\",\"target\":\"b1\",\"at\":\"{at}\",\"to\":{to}}}\n")
        };
        let done = |at: &str| {
            format!("{{\"op\":\"done\",\"target\":\"b1\",\"at\":\"{at}\",\"owner\":\"alice\"}}\n")
        };
        let flagged = format!(
            "{HEADER}{}",
            flag_line("b1", "2026-11-24T10:00:00Z", Some("bob"))
        );
        let bob_done = format!("{HEADER}{}", done("2026-11-24T11:00:00Z"));
        let dir = clone_folder(&[
            ("alice.jsonl", flagged.clone()),
            ("bob.jsonl", bob_done.clone()),
        ]);
        let mut board = Board::read(dir.path());
        let status = |board: &Board| {
            let f = board.flags().find(|f| f.flag.target() == "b1").unwrap();
            (f.status, f.done_by.map(str::to_string))
        };
        assert_eq!(status(&board), (FlagStatus::Done, Some("bob".into())));

        // Asked again with nothing changed (the same member): still done.
        let again = format!("{flagged}{}", assign("\"bob\"", "2026-11-24T11:30:00Z"));
        fs::write(dir.path().join("alice.jsonl"), &again).unwrap();
        board.refresh();
        assert_eq!(status(&board), (FlagStatus::Done, Some("bob".into())));

        // Taken back, then given to bob again: a new request, open until bob marks it anew.
        let anew = format!(
            "{again}{}{}",
            assign("null", "2026-11-24T12:00:00Z"),
            assign("\"bob\"", "2026-11-24T12:30:00Z")
        );
        fs::write(dir.path().join("alice.jsonl"), &anew).unwrap();
        board.refresh();
        assert_eq!(status(&board), (FlagStatus::Open, None));
        let bob_again = format!("{bob_done}{}", done("2026-11-24T13:00:00Z"));
        fs::write(dir.path().join("bob.jsonl"), bob_again).unwrap();
        board.refresh();
        assert_eq!(status(&board), (FlagStatus::Done, Some("bob".into())));
    }

    #[test]
    fn odd_files_are_ignored_with_warnings_and_damage_is_reported() {
        let alice = format!(
            "{HEADER}{}garbage\n{}",
            flag_line("b1", "2026-11-24T10:00:00Z", None),
            flag_line("b2", "2026-11-24T10:00:00Z", None)
        );
        let dir = clone_folder(&[
            ("alice.jsonl", alice),
            ("-rf.jsonl", HEADER.to_string()),
            ("notes.txt", "not a journal".to_string()),
            (".alice.jsonl.aB3dE9", "temporary".to_string()),
        ]);
        std::os::unix::fs::symlink("/etc/passwd", dir.path().join("eve.jsonl")).unwrap();
        let board = Board::read(dir.path());
        let warnings = board.warnings().join("\n");
        assert!(
            warnings.contains("-rf.jsonl: not a member's file"),
            "{warnings}"
        );
        assert!(
            warnings.contains("eve.jsonl: a symbolic link"),
            "{warnings}"
        );
        assert!(warnings.contains("alice.jsonl:3:"), "{warnings}");
        assert!(
            warnings.contains("its other lines are shown; only alice can repair it"),
            "{warnings}"
        );
        // Alice herself is told how.
        let own = Board::read_as(dir.path(), "alice").warnings().join("\n");
        assert!(own.contains("repair that line"), "{own}");
        assert_eq!(board.warnings().len(), 3, "{warnings}");
        assert_eq!(board.ignored(), 2);
        // What comes before and after the damaged line is still shown.
        assert_eq!(board.flags().count(), 2);
        assert_eq!(board.members().collect::<Vec<_>>(), ["alice"]);
    }

    #[test]
    fn outside_a_clone_only_files_owned_by_their_member_count() {
        let dir = tempfile::tempdir().unwrap();
        let me = member::login_name().unwrap();
        let line = flag_line("b1", "2026-11-24T10:00:00Z", None);
        fs::write(
            dir.path().join(format!("{me}.jsonl")),
            format!("{HEADER}{line}"),
        )
        .unwrap();
        // Owned by the test's user, but claiming another name.
        let other = if me == "nobody-else" {
            "somebody"
        } else {
            "nobody-else"
        };
        fs::write(
            dir.path().join(format!("{other}.jsonl")),
            format!("{HEADER}{line}"),
        )
        .unwrap();
        let board = Board::read(dir.path());
        assert_eq!(board.members().collect::<Vec<_>>(), [me.as_str()]);
        let warnings = board.warnings().join("\n");
        assert!(
            warnings.contains(&format!("claims to be {other}'s but is owned by {me}")),
            "{warnings}"
        );
    }
}
