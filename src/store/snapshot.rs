//! A journal read once and kept as it is: its flags point into the file's bytes instead of
//! each owning a copy of its texts.
//!
//! A team folder of 20 members holds 200,000 flags (BENCHMARKS.md). Replayed into a
//! [`State`](super::State), each is a [`Flag`] of ten strings of its own: about two million
//! allocations and three times the file's size in memory, most of the time it takes to read the
//! folder. A [`Snapshot`] keeps the file's bytes and, per flag, where each of its texts is in
//! them (only a text that had escapes in the file is unescaped, into a buffer of its own). It is
//! read-only: a member writes their own journal through the [`Store`](super::Store), never
//! through a snapshot.
//!
//! Replaying follows the store's rules record for record (`journal::apply_record`; a test
//! replays the same journals both ways): the same lines are refused, a torn last line is
//! ignored, a target flagged twice keeps its first flag. Read marks are not kept: nobody reads
//! another member's.

use std::borrow::Cow;
use std::hash::BuildHasher as _;
use std::path::Path;

use foldhash::HashMap;
use hashbrown::HashTable;

use super::journal::{self, RecordRef};
use super::{Flag, FlagStatus, Mark, StoreError};

/// Where a text is: `len` bytes from `start` in the file's bytes, or in [`Snapshot::unescaped`]
/// when `start` has [`Span::UNESCAPED`] set. A journal is at most 64 MiB, far below that bit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Span {
    start: u32,
    len: u32,
}

impl Span {
    const UNESCAPED: u32 = 1 << 31;
}

/// A flag as [`Flag`] has it, each text a [`Span`].
#[derive(Clone, Debug)]
struct Spans {
    target: Span,
    created: Span,
    updated: Span,
    status_at: Span,
    note: Span,
    fingerprint: Span,
    title: Span,
    text: Span,
    folder: Option<Span>,
    assigned_to: Option<Span>,
    status: FlagStatus,
    /// `false` once unflagged (the index no longer points at it).
    live: bool,
}

/// A member journal's flags and marks as read, borrowing their texts from the file's bytes.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// The file as read, when it is UTF-8 throughout (otherwise empty, and every text is in
    /// `unescaped`).
    bytes: String,
    /// Texts that are not, as they are, in `bytes`: those written with escapes.
    unescaped: String,
    /// In the order they were flagged, those unflagged since among them (not `live`).
    flags: Vec<Spans>,
    /// The live flags' indexes in `flags`, by target.
    by_target: HashTable<u32>,
    hasher: foldhash::fast::RandomState,
    /// Done / open marks set on other members' flags assigned to this one: by owner, by target.
    marks: HashMap<String, HashMap<String, Mark>>,
    live: usize,
}

/// One flag, borrowed from a [`Flag`] or from a [`Snapshot`]: what the team's listings and the
/// reader need of it, without copying its texts.
#[derive(Clone, Copy, Debug)]
pub struct FlagRef<'a>(Kept<'a>);

#[derive(Clone, Copy, Debug)]
enum Kept<'a> {
    Owned(&'a Flag),
    Read(&'a Snapshot, &'a Spans),
}

impl<'a> From<&'a Flag> for FlagRef<'a> {
    fn from(flag: &'a Flag) -> FlagRef<'a> {
        FlagRef(Kept::Owned(flag))
    }
}

impl<'a> FlagRef<'a> {
    fn text(self, own: impl FnOnce(&'a Flag) -> &'a str, span: fn(&Spans) -> Span) -> &'a str {
        match self.0 {
            Kept::Owned(flag) => own(flag),
            Kept::Read(snapshot, spans) => snapshot.text(span(spans)),
        }
    }

    fn maybe(
        self,
        own: impl FnOnce(&'a Flag) -> Option<&'a str>,
        span: fn(&Spans) -> Option<Span>,
    ) -> Option<&'a str> {
        match self.0 {
            Kept::Owned(flag) => own(flag),
            Kept::Read(snapshot, spans) => span(spans).map(|s| snapshot.text(s)),
        }
    }

    pub fn target(self) -> &'a str {
        self.text(|f| &f.target, |s| s.target)
    }

    /// RFC 3339, UTC.
    pub fn created(self) -> &'a str {
        self.text(|f| &f.created, |s| s.created)
    }

    /// RFC 3339, UTC: the last note, done or reopen (`created` if none).
    pub fn updated(self) -> &'a str {
        self.text(|f| &f.updated, |s| s.updated)
    }

    /// RFC 3339, UTC: when the status was last set.
    pub fn status_at(self) -> &'a str {
        self.text(|f| &f.status_at, |s| s.status_at)
    }

    pub fn note(self) -> &'a str {
        self.text(|f| &f.note, |s| s.note)
    }

    pub fn fingerprint(self) -> &'a str {
        self.text(|f| &f.fingerprint, |s| s.fingerprint)
    }

    pub fn title(self) -> &'a str {
        self.text(|f| &f.title, |s| s.title)
    }

    pub fn item_text(self) -> &'a str {
        self.text(|f| &f.text, |s| s.text)
    }

    pub fn folder(self) -> Option<&'a str> {
        self.maybe(|f| f.folder.as_deref(), |s| s.folder)
    }

    pub fn assigned_to(self) -> Option<&'a str> {
        self.maybe(|f| f.assigned_to.as_deref(), |s| s.assigned_to)
    }

    pub fn status(self) -> FlagStatus {
        match self.0 {
            Kept::Owned(flag) => flag.status,
            Kept::Read(_, spans) => spans.status,
        }
    }

    /// The flag with its own copies of its texts.
    pub fn to_flag(self) -> Flag {
        Flag {
            target: self.target().to_string(),
            created: self.created().to_string(),
            updated: self.updated().to_string(),
            note: self.note().to_string(),
            status: self.status(),
            fingerprint: self.fingerprint().to_string(),
            title: self.title().to_string(),
            text: self.item_text().to_string(),
            folder: self.folder().map(str::to_string),
            assigned_to: self.assigned_to().map(str::to_string),
            status_at: self.status_at().to_string(),
        }
    }
}

impl Snapshot {
    /// Replays a journal's bytes (header first) as the store would, keeping them. Returns what
    /// could be read, and what is wrong with the file if anything is (the lines before and
    /// after a damaged one are read; a damaged header gives nothing).
    pub fn replay(path: &Path, bytes: Vec<u8>) -> (Snapshot, Option<StoreError>) {
        let mut snapshot = Snapshot::default();
        if bytes.is_empty() {
            return (snapshot, None);
        }
        let Some(header_end) = memchr::memchr(b'\n', &bytes) else {
            let problem = StoreError::Corrupt {
                path: path.to_path_buf(),
                line: 1,
                message: "the first line is not a complete brief state header".into(),
            };
            return (snapshot, Some(problem));
        };
        if let Err(e) = journal::decode_header(path, &bytes[..header_end]) {
            return (snapshot, Some(e));
        }
        // A file that is not UTF-8 throughout (a damaged line) still gives its good lines,
        // their texts copied.
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let bytes = e.into_bytes();
                let scan = snapshot.scan(&bytes[header_end + 1..], "");
                return (snapshot, corrupt(path, scan));
            }
        };
        let scan = snapshot.scan(&text.as_bytes()[header_end + 1..], &text);
        snapshot.bytes = text;
        (snapshot, corrupt(path, scan))
    }

    /// Replays `lines`, a part of `file`: texts borrowed from them are kept as spans of `file`
    /// (pass `""` to copy every text).
    fn scan(&mut self, lines: &[u8], file: &str) -> journal::Scan {
        // A line is at most a flag: room for them all at once, not grown ten times over.
        let most = memchr::memchr_iter(b'\n', lines).count();
        let Snapshot {
            by_target,
            flags,
            hasher,
            unescaped,
            ..
        } = self;
        by_target.reserve(most, |&i| {
            hasher.hash_one(resolve(file, unescaped, flags[i as usize].target))
        });
        journal::scan_each(lines, 2, |record| self.apply(record, file))
    }

    /// The text a span stands for.
    fn text(&self, span: Span) -> &str {
        resolve(&self.bytes, &self.unescaped, span)
    }

    /// Where `text` is: in `file` if it was borrowed from it, or copied to `unescaped`.
    fn span(&mut self, text: Cow<str>, file: &str) -> Span {
        if text.is_empty() {
            return Span::default();
        }
        let len = text.len() as u32;
        if let Cow::Borrowed(s) = &text {
            let offset = (s.as_ptr() as usize).wrapping_sub(file.as_ptr() as usize);
            if offset < file.len() {
                return Span {
                    start: offset as u32,
                    len,
                };
            }
        }
        let start = self.unescaped.len() as u32 | Span::UNESCAPED;
        self.unescaped.push_str(&text);
        Span { start, len }
    }

    fn hash(&self, target: &str) -> u64 {
        self.hasher.hash_one(target)
    }

    /// The index in `flags` of the live flag on `target`, the file's text being `file`.
    fn find(&self, file: &str, target: &str) -> Option<usize> {
        let hash = self.hash(target);
        self.by_target
            .find(hash, |&i| {
                resolve(file, &self.unescaped, self.flags[i as usize].target) == target
            })
            .map(|&i| i as usize)
    }

    /// One record, as `journal::apply_record` applies it to a [`State`](super::State).
    fn apply(&mut self, record: RecordRef, file: &str) {
        match record {
            RecordRef::Flag {
                target,
                at,
                fingerprint,
                title,
                text,
                folder,
                note,
                status,
                updated,
                status_at,
                to,
            } => {
                let hash = self.hash(&target);
                if self.find(file, &target).is_some() {
                    return;
                }
                let created = self.span(at, file);
                let spans = Spans {
                    target: self.span(target, file),
                    updated: updated.map_or(created, |u| self.span(u, file)),
                    status_at: status_at.map_or(created, |s| self.span(s, file)),
                    created,
                    note: self.span(note, file),
                    fingerprint: self.span(fingerprint, file),
                    title: self.span(title, file),
                    text: self.span(text, file),
                    folder: folder.map(|f| self.span(f, file)),
                    assigned_to: to.map(|t| self.span(t, file)),
                    status,
                    live: true,
                };
                let index = self.flags.len() as u32;
                self.flags.push(spans);
                let Snapshot {
                    by_target,
                    flags,
                    hasher,
                    unescaped,
                    ..
                } = self;
                by_target.insert_unique(hash, index, |&i| {
                    hasher.hash_one(resolve(file, unescaped, flags[i as usize].target))
                });
                self.live += 1;
            }
            RecordRef::Assign { target, at, to } => {
                if let Some(i) = self.find(file, &target) {
                    // As `journal::apply_record`: a new assignee starts a new request.
                    let held = self.flags[i]
                        .assigned_to
                        .map(|span| resolve(file, &self.unescaped, span));
                    let changes_hands = held != to.as_deref();
                    let to = to.map(|t| self.span(t, file));
                    let at = self.span(at, file);
                    let flag = &mut self.flags[i];
                    flag.assigned_to = to;
                    flag.updated = at;
                    if changes_hands {
                        flag.status_at = at;
                    }
                }
            }
            RecordRef::Unflag { target, .. } => {
                if let Some(i) = self.find(file, &target) {
                    let hash = self.hash(&target);
                    if let Ok(entry) = self.by_target.find_entry(hash, |&j| j as usize == i) {
                        entry.remove();
                    }
                    self.flags[i].live = false;
                    self.live -= 1;
                }
            }
            RecordRef::Note { target, at, note } => {
                if let Some(i) = self.find(file, &target) {
                    let (note, at) = (self.span(note, file), self.span(at, file));
                    let flag = &mut self.flags[i];
                    flag.note = note;
                    flag.updated = at;
                }
            }
            RecordRef::Done {
                target,
                at,
                owner: Some(owner),
            } => self.mark(owner, target, FlagStatus::Done, at),
            RecordRef::Reopen {
                target,
                at,
                owner: Some(owner),
            } => self.mark(owner, target, FlagStatus::Open, at),
            RecordRef::Done {
                target,
                at,
                owner: None,
            } => self.set_status(&target, FlagStatus::Done, at, file),
            RecordRef::Reopen {
                target,
                at,
                owner: None,
            } => self.set_status(&target, FlagStatus::Open, at, file),
            RecordRef::Read { .. } | RecordRef::Unread { .. } => {}
        }
    }

    fn set_status(&mut self, target: &str, status: FlagStatus, at: Cow<str>, file: &str) {
        if let Some(i) = self.find(file, target) {
            let at = self.span(at, file);
            let flag = &mut self.flags[i];
            flag.status = status;
            flag.status_at = at;
            flag.updated = at;
        }
    }

    fn mark(&mut self, owner: Cow<str>, target: Cow<str>, status: FlagStatus, at: Cow<str>) {
        let mark = Mark {
            status,
            at: at.into_owned(),
        };
        self.marks
            .entry(owner.into_owned())
            .or_default()
            .insert(target.into_owned(), mark);
    }

    /// The live flags, in the order they were flagged.
    pub fn flags(&self) -> impl Iterator<Item = FlagRef<'_>> {
        self.flags
            .iter()
            .filter(|s| s.live)
            .map(move |s| FlagRef(Kept::Read(self, s)))
    }

    /// The flag on `target`, if there is one.
    pub fn flag(&self, target: &str) -> Option<FlagRef<'_>> {
        self.find(&self.bytes, target)
            .map(|i| FlagRef(Kept::Read(self, &self.flags[i])))
    }

    /// How many flags there are.
    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// The mark this member set on `owner`'s flag on `target` (assigned to them), if any.
    pub fn mark_on(&self, owner: &str, target: &str) -> Option<&Mark> {
        self.marks.get(owner)?.get(target)
    }
}

/// The text `span` stands for, in `file` or in `unescaped`.
fn resolve<'s>(file: &'s str, unescaped: &'s str, span: Span) -> &'s str {
    let (text, start) = if span.start & Span::UNESCAPED == 0 {
        (file, span.start)
    } else {
        (unescaped, span.start & !Span::UNESCAPED)
    };
    let (start, len) = (start as usize, span.len as usize);
    text.get(start..start + len).unwrap_or_default()
}

fn corrupt(path: &Path, scan: journal::Scan) -> Option<StoreError> {
    scan.corrupt.map(|(line, message)| StoreError::Corrupt {
        path: path.to_path_buf(),
        line,
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{State, replay};

    const HEADER: &str = "{\"brief_state\":1,\"generation\":0}\n";

    /// What a snapshot holds, as the store's own types, to compare with `store::replay`.
    fn as_state(snapshot: &Snapshot) -> State {
        let mut state = State::default();
        for flag in snapshot.flags() {
            state
                .flags
                .insert(flag.target().to_string(), flag.to_flag());
        }
        for (owner, marks) in &snapshot.marks {
            for (target, mark) in marks {
                state
                    .marks
                    .insert((owner.clone(), target.clone()), mark.clone());
            }
        }
        state
    }

    fn both_ways(journal: &[u8]) -> (State, State, Option<String>, Option<String>) {
        let path = Path::new("alice.jsonl");
        let (mut state, problem) = replay(path, journal);
        // Nobody reads another member's read marks: a snapshot does not keep them.
        state.read.clear();
        let (snapshot, snapshot_problem) = Snapshot::replay(path, journal.to_vec());
        assert_eq!(snapshot.len(), snapshot.flags().count());
        (
            state,
            as_state(&snapshot),
            problem.map(|p| p.to_string()),
            snapshot_problem.map(|p| p.to_string()),
        )
    }

    fn assert_same(journal: &[u8]) {
        let (state, snapshot, problem, snapshot_problem) = both_ways(journal);
        assert_eq!(snapshot, state, "{}", String::from_utf8_lossy(journal));
        assert_eq!(snapshot_problem, problem);
    }

    #[test]
    fn a_snapshot_replays_every_record_as_the_store_does() {
        let lines = [
            // Escapes are unescaped into a buffer of their own; the rest stays in the file.
            r#"{"op":"flag","target":"b1/quote/q1","at":"2026-11-24T10:00:00Z","fingerprint":"f1","title":"A \"title\"","text":"line\none","folder":"/srv/b"}"#,
            r#"{"op":"flag","target":"b2","at":"2026-11-24T10:00:01Z"}"#,
            // A second flag of the same target changes nothing.
            r#"{"op":"flag","target":"b2","at":"2026-11-24T10:00:02Z","title":"later"}"#,
            r#"{"op":"note","target":"b1/quote/q1","at":"2026-11-24T10:01:00Z","note":"ask \u0044ana"}"#,
            r#"{"op":"assign","target":"b1/quote/q1","at":"2026-11-24T10:02:00Z","to":"bob"}"#,
            // The same member again: not a new request, its status time stays.
            r#"{"op":"assign","target":"b1/quote/q1","at":"2026-11-24T10:02:30Z","to":"bob"}"#,
            r#"{"op":"done","target":"b2","at":"2026-11-24T10:03:00Z"}"#,
            r#"{"op":"reopen","target":"b2","at":"2026-11-24T10:04:00Z"}"#,
            r#"{"op":"done","target":"b9","at":"2026-11-24T10:04:00Z","owner":"carol"}"#,
            r#"{"op":"reopen","target":"b9","at":"2026-11-24T10:05:00Z","owner":"carol"}"#,
            r#"{"op":"done","target":"b8","at":"2026-11-24T10:05:00Z","owner":"carol"}"#,
            r#"{"op":"read","briefing":"b1","at":"2026-11-24T10:05:00Z"}"#,
            // Gone, then flagged again: the new flag, from scratch.
            r#"{"op":"flag","target":"b3","at":"2026-11-24T10:06:00Z","to":"dan"}"#,
            r#"{"op":"unflag","target":"b3","at":"2026-11-24T10:07:00Z"}"#,
            r#"{"op":"note","target":"b3","at":"2026-11-24T10:07:30Z","note":"on nothing"}"#,
            r#"{"op":"flag","target":"b3","at":"2026-11-24T10:08:00Z"}"#,
            // A compacted line: note, status and the times carried.
            r#"{"op":"flag","target":"b\u00e9","at":"2026-11-24T10:09:00Z","note":"n","status":"done","updated":"2026-11-24T11:00:00Z","status_at":"2026-11-24T10:30:00Z","to":"bob","unknown":[1,2]}"#,
            r#"{"op":"assign","target":"bé","at":"2026-11-24T12:00:00Z","to":null}"#,
        ];
        let journal = format!("{HEADER}{}\n", lines.join("\n"));
        let (state, _, _, _) = both_ways(journal.as_bytes());
        assert_eq!(state.flags.len(), 4, "the journal means something");
        assert_eq!(state.marks.len(), 2);
        assert_same(journal.as_bytes());
        let snapshot = Snapshot::replay(Path::new("a"), journal.into_bytes()).0;
        let flag = snapshot.flag("b1/quote/q1").expect("flagged");
        assert_eq!((flag.title(), flag.note()), ("A \"title\"", "ask Dana"));
        assert_eq!(flag.assigned_to(), Some("bob"));
        assert_eq!(
            flag.status_at(),
            "2026-11-24T10:02:00Z",
            "changed hands once"
        );
        assert_eq!(
            snapshot.flag("bé").unwrap().status_at(),
            "2026-11-24T12:00:00Z"
        );
        assert!(snapshot.flag("b4").is_none());
        assert_eq!(
            snapshot.mark_on("carol", "b9").map(|m| m.status),
            Some(FlagStatus::Open)
        );
    }

    #[test]
    fn a_snapshot_refuses_and_tolerates_what_the_store_does() {
        let flag = |t: &str| {
            format!("{{\"op\":\"flag\",\"target\":\"{t}\",\"at\":\"2026-11-24T10:00:00Z\"}}\n")
        };
        let cases: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"{\"brief_state\":1".to_vec(),
            b"{\"brief_state\":99,\"generation\":0}\n".to_vec(),
            // A damaged line in the middle: reported, the others read.
            format!("{HEADER}{}garbage\n{}", flag("b1"), flag("b2")).into_bytes(),
            format!(
                "{HEADER}{}{{\"op\":\"zap\",\"at\":\"2026-11-24T10:00:00Z\"}}\n{}",
                flag("b1"),
                flag("b2")
            )
            .into_bytes(),
            format!(
                "{HEADER}{}{{\"op\":\"flag\",\"target\":\"b3\",\"at\":\"yesterday\"}}\n",
                flag("b1")
            )
            .into_bytes(),
            // A torn last line, and a last line of zeros: never written, ignored.
            format!("{HEADER}{}{{\"op\":\"fl", flag("b1")).into_bytes(),
            [
                format!("{HEADER}{}", flag("b1")).as_bytes(),
                &[0, 0, 0, b'\n'],
            ]
            .concat(),
            // Not UTF-8 on one line: that line is damaged, the texts of the others still read.
            [
                format!("{HEADER}{}", flag("b1")).as_bytes(),
                b"{\"op\":\"flag\",\"target\":\"b\xff\",\"at\":\"2026-11-24T10:00:00Z\"}\n",
                flag("b\\\"2").as_bytes(),
            ]
            .concat(),
        ];
        for journal in cases {
            assert_same(&journal);
        }
    }
}
