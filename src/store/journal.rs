//! The on-disk format: `state.jsonl`, one JSON object per line.
//!
//! ```text
//! {"brief_state":1,"generation":0}
//! {"op":"flag","target":"b1/quote/q1","at":"2026-11-24T15:00:00Z","fingerprint":"ab12","title":"Briefing title","text":"item text","folder":"/home/a/briefings"}
//! {"op":"note","target":"b1/quote/q1","at":"2026-11-24T15:01:00Z","note":"ask Dana"}
//! {"op":"done","target":"b1/quote/q1","at":"2026-11-25T09:00:00Z"}
//! {"op":"read","briefing":"b1","at":"2026-11-24T15:02:00Z"}
//! ```
//!
//! The first line is the header: `brief_state` is the format version, `generation` goes up by
//! one at every compaction so that a session holding a byte offset into an older file knows to
//! re-read from the start. Every other line is a change, replayed in order. A compacted journal
//! holds one `flag` line per flag (carrying `note`, `status` and `updated` when they differ from
//! a fresh flag) and one `read` line per read briefing.
//!
//! `folder` (where the briefings were read from when flagging) was added within v1: flags made
//! before it have none, and a build that predates it ignores it.
//!
//! Unknown fields are ignored so that a later v1 writer may add optional ones; an unknown `op`
//! is a corrupt line, because skipping a change we do not understand could show wrong state.

use std::borrow::Cow;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::error::StoreError;
use super::{Flag, FlagStatus, Mark, State};

/// The format version this build reads and writes.
pub(crate) const VERSION: u64 = 1;

pub(crate) const FILE_NAME: &str = "state.jsonl";
pub(crate) const LOCK_NAME: &str = "state.lock";

/// The first line of the journal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Header {
    pub brief_state: u64,
    pub generation: u64,
}

impl Header {
    pub(crate) fn current(generation: u64) -> Header {
        Header {
            brief_state: VERSION,
            generation,
        }
    }

    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut line = serde_json::to_vec(self).expect("a header always serializes");
        line.push(b'\n');
        line
    }
}

/// Decodes the header line (without its newline). A version newer than [`VERSION`] is reported
/// before anything else is looked at, since a newer format may have changed the rest of the
/// header too. An older version is returned as is; the caller decides whether to migrate.
pub(crate) fn decode_header(path: &Path, line: &[u8]) -> Result<Header, StoreError> {
    let corrupt = |message: String| StoreError::Corrupt {
        path: path.to_path_buf(),
        line: 1,
        message,
    };
    let value: serde_json::Value = serde_json::from_slice(line).map_err(|e| {
        corrupt(format!(
            "the first line is not a brief state header like {{\"brief_state\":{VERSION}}} ({e})"
        ))
    })?;
    let version = value
        .get("brief_state")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| {
            corrupt(format!(
                "the first line is not a brief state header like {{\"brief_state\":{VERSION}}}"
            ))
        })?;
    if version > VERSION {
        return Err(StoreError::NewerVersion {
            path: path.to_path_buf(),
            found: version,
            supported: VERSION,
        });
    }
    let generation = match value.get("generation") {
        None => 0,
        Some(g) => g
            .as_u64()
            .ok_or_else(|| corrupt("the header's \"generation\" is not a number".into()))?,
    };
    Ok(Header {
        brief_state: version,
        generation,
    })
}

/// One change as stored on a line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub(crate) enum Record {
    Flag {
        target: String,
        at: String,
        #[serde(default)]
        fingerprint: String,
        #[serde(default)]
        title: String,
        #[serde(default)]
        text: String,
        /// Where the briefings were read from; absent in flags made before it was recorded.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        folder: Option<String>,
        // The next three appear only in compacted journals, where one line stands for a flag's
        // whole history; a fresh flag leaves them out to keep lines short.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
        #[serde(default, skip_serializing_if = "is_open")]
        status: FlagStatus,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        updated: Option<String>,
        /// When `status` was last set, if not at `at` (compacted journals only).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        status_at: Option<String>,
        /// The member asked to follow the flag up (team journals only).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        to: Option<String>,
    },
    /// Asks a member to follow a flag up (`to`), or no one (`null`). Team journals only.
    Assign {
        target: String,
        at: String,
        to: Option<String>,
    },
    Unflag {
        target: String,
        at: String,
    },
    Note {
        target: String,
        at: String,
        note: String,
    },
    /// With `owner`: another member's flag, assigned to the writer, marked done (team journals).
    Done {
        target: String,
        at: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        owner: Option<String>,
    },
    Reopen {
        target: String,
        at: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        owner: Option<String>,
    },
    Read {
        briefing: String,
        at: String,
    },
    Unread {
        briefing: String,
        at: String,
    },
}

/// A record as a line holds it, each text borrowed from the line unless it had to be unescaped:
/// the store keeps it as a [`Record`] ([`RecordRef::into_owned`]); a read-only snapshot of a
/// journal (`snapshot`) points into the file's bytes instead of copying them.
#[derive(Debug)]
pub(crate) enum RecordRef<'a> {
    Flag {
        target: Cow<'a, str>,
        at: Cow<'a, str>,
        /// `""` when absent, as for `title`, `text` and `note`.
        fingerprint: Cow<'a, str>,
        title: Cow<'a, str>,
        text: Cow<'a, str>,
        folder: Option<Cow<'a, str>>,
        note: Cow<'a, str>,
        status: FlagStatus,
        updated: Option<Cow<'a, str>>,
        status_at: Option<Cow<'a, str>>,
        to: Option<Cow<'a, str>>,
    },
    Assign {
        target: Cow<'a, str>,
        at: Cow<'a, str>,
        to: Option<Cow<'a, str>>,
    },
    Unflag {
        target: Cow<'a, str>,
        at: Cow<'a, str>,
    },
    Note {
        target: Cow<'a, str>,
        at: Cow<'a, str>,
        note: Cow<'a, str>,
    },
    Done {
        target: Cow<'a, str>,
        at: Cow<'a, str>,
        owner: Option<Cow<'a, str>>,
    },
    Reopen {
        target: Cow<'a, str>,
        at: Cow<'a, str>,
        owner: Option<Cow<'a, str>>,
    },
    Read {
        briefing: Cow<'a, str>,
        at: Cow<'a, str>,
    },
    Unread {
        briefing: Cow<'a, str>,
        at: Cow<'a, str>,
    },
}

impl RecordRef<'_> {
    fn times(&self) -> impl Iterator<Item = &str> {
        let (at, updated, status_at) = match self {
            RecordRef::Flag {
                at,
                updated,
                status_at,
                ..
            } => (at, updated.as_deref(), status_at.as_deref()),
            RecordRef::Assign { at, .. }
            | RecordRef::Unflag { at, .. }
            | RecordRef::Note { at, .. }
            | RecordRef::Done { at, .. }
            | RecordRef::Reopen { at, .. }
            | RecordRef::Read { at, .. }
            | RecordRef::Unread { at, .. } => (at, None, None),
        };
        std::iter::once(&**at).chain(updated).chain(status_at)
    }

    /// The record with its texts copied out of the line.
    pub(crate) fn into_owned(self) -> Record {
        fn own(text: Option<Cow<str>>) -> Option<String> {
            text.map(Cow::into_owned)
        }
        match self {
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
            } => Record::Flag {
                target: target.into_owned(),
                at: at.into_owned(),
                fingerprint: fingerprint.into_owned(),
                title: title.into_owned(),
                text: text.into_owned(),
                folder: own(folder),
                note: note.into_owned(),
                status,
                updated: own(updated),
                status_at: own(status_at),
                to: own(to),
            },
            RecordRef::Assign { target, at, to } => Record::Assign {
                target: target.into_owned(),
                at: at.into_owned(),
                to: own(to),
            },
            RecordRef::Unflag { target, at } => Record::Unflag {
                target: target.into_owned(),
                at: at.into_owned(),
            },
            RecordRef::Note { target, at, note } => Record::Note {
                target: target.into_owned(),
                at: at.into_owned(),
                note: note.into_owned(),
            },
            RecordRef::Done { target, at, owner } => Record::Done {
                target: target.into_owned(),
                at: at.into_owned(),
                owner: own(owner),
            },
            RecordRef::Reopen { target, at, owner } => Record::Reopen {
                target: target.into_owned(),
                at: at.into_owned(),
                owner: own(owner),
            },
            RecordRef::Read { briefing, at } => Record::Read {
                briefing: briefing.into_owned(),
                at: at.into_owned(),
            },
            RecordRef::Unread { briefing, at } => Record::Unread {
                briefing: briefing.into_owned(),
                at: at.into_owned(),
            },
        }
    }
}

fn is_open(status: &FlagStatus) -> bool {
    *status == FlagStatus::Open
}

impl Record {
    pub(crate) fn encode(&self) -> Vec<u8> {
        // serde_json escapes control characters inside strings, so the only raw newline in the
        // output is the terminator we add: one record, one line.
        let mut line = serde_json::to_vec(self).expect("a record always serializes");
        line.push(b'\n');
        line
    }
}

/// The current time as the journal writes it: RFC 3339, UTC, whole seconds (easier to read, and
/// nothing needs finer order than the journal's own line order).
pub(crate) fn now() -> String {
    let now = OffsetDateTime::now_utc();
    let now = now.replace_nanosecond(0).unwrap_or(now);
    now.format(&Rfc3339)
        .expect("a UTC time always formats as RFC 3339")
}

/// Why a line could not be used.
#[derive(Debug, PartialEq, Eq)]
enum Bad {
    /// Not JSON at all: what a write cut short (or a crash that left zeros) looks like.
    NotJson(String),
    /// Well-formed JSON that is not a record we know: never a torn write.
    NotRecord(String),
}

#[cfg(test)]
fn decode_record(line: &[u8]) -> Result<Record, Bad> {
    decode_line(line).map(RecordRef::into_owned)
}

/// One line's record, borrowing from the line (see [`RecordRef`]).
fn decode_line(line: &[u8]) -> Result<RecordRef<'_>, Bad> {
    match serde_json::from_slice::<Line>(line) {
        Ok(line) => {
            let record = line
                .into_record()
                .map_err(|e| Bad::NotRecord(format!("not a brief state change ({e})")))?;
            for t in record.times() {
                if !is_rfc3339(t) {
                    return Err(Bad::NotRecord(format!("{t:?} is not an RFC 3339 time")));
                }
            }
            Ok(record)
        }
        Err(e) => {
            if serde_json::from_slice::<serde::de::IgnoredAny>(line).is_ok() {
                Err(Bad::NotRecord(format!("not a brief state change ({e})")))
            } else {
                Err(Bad::NotJson(format!("not valid JSON ({e})")))
            }
        }
    }
}

/// A line as read: every field any record has, each borrowed from the line when it holds no
/// escape. Decoding straight into the tagged [`Record`] would first copy each object into
/// serde's buffer of keys and values (the `op` may come last); a team folder of 200,000 flags
/// is read several times faster this way. Fields a record does not have are ignored, as
/// unknown fields are.
#[derive(Deserialize)]
struct Line<'a> {
    #[serde(borrow)]
    op: Cow<'a, str>,
    #[serde(borrow, default)]
    target: Option<Text<'a>>,
    #[serde(borrow, default)]
    at: Option<Text<'a>>,
    #[serde(borrow, default)]
    fingerprint: Option<Text<'a>>,
    #[serde(borrow, default)]
    title: Option<Text<'a>>,
    #[serde(borrow, default)]
    text: Option<Text<'a>>,
    #[serde(borrow, default)]
    folder: Option<Text<'a>>,
    #[serde(borrow, default)]
    note: Option<Text<'a>>,
    #[serde(default)]
    status: Option<FlagStatus>,
    #[serde(borrow, default)]
    updated: Option<Text<'a>>,
    #[serde(borrow, default)]
    status_at: Option<Text<'a>>,
    #[serde(borrow, default)]
    to: Option<Text<'a>>,
    #[serde(borrow, default)]
    owner: Option<Text<'a>>,
    #[serde(borrow, default)]
    briefing: Option<Text<'a>>,
}

/// A string of a line, borrowed unless it had to be unescaped (serde borrows a `Cow` only as a
/// field of its own, not inside an `Option`).
#[derive(Deserialize)]
struct Text<'a>(#[serde(borrow)] Cow<'a, str>);

impl<'a> Line<'a> {
    fn into_record(self) -> Result<RecordRef<'a>, String> {
        fn text(text: Option<Text>) -> Option<Cow<str>> {
            text.map(|t| t.0)
        }
        fn needed<'a>(text: Option<Text<'a>>, field: &str) -> Result<Cow<'a, str>, String> {
            text.map(|t| t.0)
                .ok_or_else(|| format!("missing field `{field}`"))
        }
        fn or_empty(text: Option<Text>) -> Cow<str> {
            text.map_or(Cow::Borrowed(""), |t| t.0)
        }
        let Line {
            op,
            target,
            at,
            fingerprint,
            title,
            text: item_text,
            folder,
            note,
            status,
            updated,
            status_at,
            to,
            owner,
            briefing,
        } = self;
        // Every record has a time; all but read marks have a target.
        let at = needed(at, "at")?;
        let target = || needed(target, "target");
        let briefing = || needed(briefing, "briefing");
        Ok(match &*op {
            "flag" => RecordRef::Flag {
                target: target()?,
                at,
                fingerprint: or_empty(fingerprint),
                title: or_empty(title),
                text: or_empty(item_text),
                folder: text(folder),
                note: or_empty(note),
                status: status.unwrap_or_default(),
                updated: text(updated),
                status_at: text(status_at),
                to: text(to),
            },
            "assign" => RecordRef::Assign {
                target: target()?,
                at,
                to: text(to),
            },
            "unflag" => RecordRef::Unflag {
                target: target()?,
                at,
            },
            "note" => RecordRef::Note {
                target: target()?,
                at,
                note: needed(note, "note")?,
            },
            "done" => RecordRef::Done {
                target: target()?,
                at,
                owner: text(owner),
            },
            "reopen" => RecordRef::Reopen {
                target: target()?,
                at,
                owner: text(owner),
            },
            "read" => RecordRef::Read {
                briefing: briefing()?,
                at,
            },
            "unread" => RecordRef::Unread {
                briefing: briefing()?,
                at,
            },
            other => {
                return Err(format!(
                    "unknown op `{other}`, expected flag, assign, unflag, note, done, reopen, \
                     read or unread"
                ));
            }
        })
    }
}

/// Whether `t` is an RFC 3339 time. The journal writes `YYYY-MM-DDTHH:MM:SSZ`: that shape is
/// checked by hand, anything else by the full parser.
fn is_rfc3339(t: &str) -> bool {
    is_plain_utc(t) || OffsetDateTime::parse(t, &Rfc3339).is_ok()
}

/// Whether `t` is `YYYY-MM-DDTHH:MM:SSZ` with a day every month has (1 to 28): a valid RFC 3339
/// time, told without a parser (`false` says nothing either way).
pub fn is_plain_utc(t: &str) -> bool {
    const SHAPE: &[u8; 20] = b"0000-00-00T00:00:00Z";
    let Ok(b) = <&[u8; 20]>::try_from(t.as_bytes()) else {
        return false;
    };
    let shaped = b.iter().zip(SHAPE).all(|(&c, &s)| {
        if s == b'0' {
            c.is_ascii_digit()
        } else {
            c == s
        }
    });
    let two = |at: usize| u32::from(b[at] - b'0') * 10 + u32::from(b[at + 1] - b'0');
    shaped
        && (1..=12).contains(&two(5))
        && (1..=28).contains(&two(8))
        && two(11) < 24
        && two(14) < 60
        && two(17) < 60
}

/// The result of reading a run of journal bytes.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub records: Vec<Record>,
    /// Bytes of whole lines taken in; anything after is a torn tail to ignore (and to truncate
    /// before the next append).
    pub consumed: usize,
    /// Lines taken in, blank ones included (they count towards compaction and line numbers).
    pub lines: usize,
    /// The first bad line that is not the last one: (line number in the file, what is wrong).
    pub corrupt: Option<(usize, String)>,
}

/// Splits `buf` into lines and decodes them. `first_line` is the file line number of the first
/// byte of `buf`, for messages.
///
/// The tail rules: bytes after the last newline are a write that never completed, so they are
/// ignored. A last complete line that is not even JSON is treated the same way (a crash can
/// leave a newline-terminated run of zeros on some file systems). Any other bad line means the
/// file was damaged or written by someone else, and is reported as corrupt; decoding goes on
/// past it so a read-only view can still show as much as possible.
pub(crate) fn scan(buf: &[u8], first_line: usize) -> Scan {
    let mut records = Vec::new();
    let mut scan = scan_each(buf, first_line, |record| {
        records.push(record.into_owned());
    });
    scan.records = records;
    scan
}

/// [`scan`], handing each record as the line holds it to `each` instead of keeping it
/// (`records` stays empty).
pub(crate) fn scan_each<'b>(
    buf: &'b [u8],
    first_line: usize,
    mut each: impl FnMut(RecordRef<'b>),
) -> Scan {
    let complete = match buf.iter().rposition(|&b| b == b'\n') {
        Some(last_newline) => last_newline + 1,
        None => 0,
    };
    let mut scan = Scan::default();
    let mut start = 0;
    while start < complete {
        let end = start + memchr::memchr(b'\n', &buf[start..complete]).unwrap_or(complete - start);
        let line = &buf[start..end];
        let line_no = first_line + scan.lines;
        let is_last = end + 1 == buf.len();
        if !line.iter().all(u8::is_ascii_whitespace) {
            match decode_line(line) {
                Ok(record) => each(record),
                Err(Bad::NotJson(_)) if is_last => break,
                Err(Bad::NotJson(message) | Bad::NotRecord(message)) => {
                    scan.corrupt.get_or_insert((line_no, message));
                }
            }
        }
        start = end + 1;
        scan.lines += 1;
        scan.consumed = start;
    }
    scan
}

/// Replays one record into `state`; returns whether anything changed. Records that do not apply
/// (a note on a flag that is gone, a second flag of the same target) change nothing: the
/// writer never produces them, and a hand-edited journal should not become unreadable for them.
pub(crate) fn apply_record(state: &mut State, record: Record) -> bool {
    match record {
        Record::Flag {
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
            // One search of the map, not one to look and one to insert.
            let std::collections::btree_map::Entry::Vacant(slot) = state.flags.entry(target) else {
                return false;
            };
            let flag = Flag {
                target: slot.key().clone(),
                updated: updated.unwrap_or_else(|| at.clone()),
                status_at: status_at.unwrap_or_else(|| at.clone()),
                created: at,
                note,
                status,
                fingerprint,
                title,
                text,
                folder,
                assigned_to: to,
            };
            slot.insert(flag);
            true
        }
        Record::Assign { target, at, to } => match state.flags.get_mut(&target) {
            Some(flag) => {
                // A new assignee (or none) starts a new request: a done mark made before it, by
                // whoever held the flag before or by the same member before the assignment was
                // taken back, no longer decides its status (`team::board::merge`).
                if flag.assigned_to != to {
                    flag.status_at = at.clone();
                }
                flag.assigned_to = to;
                flag.updated = at;
                true
            }
            None => false,
        },
        Record::Unflag { target, .. } => state.flags.remove(&target).is_some(),
        Record::Note { target, at, note } => match state.flags.get_mut(&target) {
            Some(flag) => {
                flag.note = note;
                flag.updated = at;
                true
            }
            None => false,
        },
        Record::Done {
            target,
            at,
            owner: Some(owner),
        } => set_mark(state, owner, target, FlagStatus::Done, at),
        Record::Reopen {
            target,
            at,
            owner: Some(owner),
        } => set_mark(state, owner, target, FlagStatus::Open, at),
        Record::Done {
            target,
            at,
            owner: None,
        } => set_status(state, &target, FlagStatus::Done, at),
        Record::Reopen {
            target,
            at,
            owner: None,
        } => set_status(state, &target, FlagStatus::Open, at),
        Record::Read { briefing, .. } => state.read.insert(briefing),
        Record::Unread { briefing, .. } => state.read.remove(&briefing),
    }
}

fn set_status(state: &mut State, target: &str, status: FlagStatus, at: String) -> bool {
    match state.flags.get_mut(target) {
        Some(flag) => {
            flag.status = status;
            flag.status_at = at.clone();
            flag.updated = at;
            true
        }
        None => false,
    }
}

fn set_mark(
    state: &mut State,
    owner: String,
    target: String,
    status: FlagStatus,
    at: String,
) -> bool {
    let mark = Mark { status, at };
    state.marks.insert((owner, target), mark.clone()) != Some(mark)
}

/// The whole journal for `state` in the fewest lines: one per flag, one per read briefing.
/// `now` stands in for the read marks' times, which the state does not keep.
pub(crate) fn compacted(state: &State, generation: u64, now: &str) -> Vec<u8> {
    let mut out = Header::current(generation).encode();
    for flag in state.flags.values() {
        let record = Record::Flag {
            target: flag.target.clone(),
            at: flag.created.clone(),
            fingerprint: flag.fingerprint.clone(),
            title: flag.title.clone(),
            text: flag.text.clone(),
            folder: flag.folder.clone(),
            note: flag.note.clone(),
            status: flag.status,
            updated: (flag.updated != flag.created).then(|| flag.updated.clone()),
            status_at: (flag.status_at != flag.created).then(|| flag.status_at.clone()),
            to: flag.assigned_to.clone(),
        };
        out.extend(record.encode());
    }
    for ((owner, target), mark) in &state.marks {
        let (target, at, owner) = (target.clone(), mark.at.clone(), Some(owner.clone()));
        let record = match mark.status {
            FlagStatus::Done => Record::Done { target, at, owner },
            FlagStatus::Open => Record::Reopen { target, at, owner },
        };
        out.extend(record.encode());
    }
    for briefing in &state.read {
        let record = Record::Read {
            briefing: briefing.clone(),
            at: now.to_string(),
        };
        out.extend(record.encode());
    }
    out
}

/// Replaces `path` with `bytes` so that a reader sees either the old file or the new one, never
/// a mix: temp file in the same directory, write, fsync, rename, fsync the directory.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_mode(path, bytes, 0o600)
}

/// [`write_atomic`] with the new file's permissions given: a team journal is readable by the
/// team.
pub(crate) fn write_atomic_mode(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    use atomic_write_file::unix::OpenOptionsExt as _;
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;

    let mut options = atomic_write_file::OpenOptions::new();
    // Always owner-only, even if the file being replaced was made wider by hand: it may hold
    // notes on sensitive material.
    options.preserve_mode(false).mode(mode);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// Removes temporary files that `write_atomic` left behind when its process was killed between
/// creating and renaming them (they may hold notes). Only call under the lock: then no live
/// writer owns one.
/// `name` is the file's name (`state.jsonl`, a member's journal, ...).
pub(crate) fn remove_stale_temp_files_named(dir: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(suffix) = name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        // atomic-write-file names them `.{name}.` plus six random letters and digits.
        if suffix.len() == 6 && suffix.bytes().all(|b| b.is_ascii_alphanumeric()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// A format upgrade: the whole journal text at one version in, the text at the next version out
/// (header included). `Err` carries a message for the user.
type Migration = fn(&str) -> Result<String, String>;

/// `(from_version, step)`: how to bring a journal of `from_version` to `from_version + 1`.
/// Empty while v1 is the only format. When v2 arrives: bump [`VERSION`] to 2 and add
/// `(1, v1_to_v2)` here; older brief builds will then open v2 journals read-only.
const MIGRATIONS: &[(u64, Migration)] = &[];

/// Upgrades the journal at `path`, written at format version `found`, to [`VERSION`], keeping a
/// copy of the original as `state.jsonl.v{found}.bak` beside it. The caller holds the lock.
pub(crate) fn migrate(path: &Path, found: u64) -> Result<(), StoreError> {
    migrate_with(path, found, MIGRATIONS)
}

fn migrate_with(path: &Path, found: u64, steps: &[(u64, Migration)]) -> Result<(), StoreError> {
    let corrupt = |message: String| StoreError::Corrupt {
        path: path.to_path_buf(),
        line: 1,
        message,
    };
    // Find every step before touching anything, so an unknown version leaves no stray backup.
    let mut chain = Vec::new();
    let mut version = found;
    while version < VERSION {
        let step = steps
            .iter()
            .find(|(from, _)| *from == version)
            .map(|(_, step)| *step)
            .ok_or_else(|| {
                corrupt(format!(
                    "state format version {version} is not one this brief can upgrade"
                ))
            })?;
        chain.push(step);
        version += 1;
    }
    let old = fs::read(path).map_err(|e| StoreError::io(path, e))?;
    let backup = backup_path(path, found);
    write_atomic(&backup, &old).map_err(|e| StoreError::io(&backup, e))?;
    let mut text =
        String::from_utf8(old).map_err(|_| corrupt("the state file is not UTF-8 text".into()))?;
    for step in chain {
        text = step(&text).map_err(|message| {
            corrupt(format!(
                "{message} (the original is kept as {})",
                backup.display()
            ))
        })?;
    }
    write_atomic(path, text.as_bytes()).map_err(|e| StoreError::io(path, e))
}

pub(crate) fn backup_path(path: &Path, version: u64) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".v{version}.bak"));
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    const T: &str = "2026-11-24T15:00:00Z";

    fn flag(target: &str) -> Record {
        Record::Flag {
            target: target.into(),
            at: T.into(),
            fingerprint: "ab12".into(),
            title: "Briefing title".into(),
            text: "item text".into(),
            folder: None,
            note: String::new(),
            status: FlagStatus::Open,
            updated: None,
            status_at: None,
            to: None,
        }
    }

    #[test]
    fn fresh_flag_encodes_as_documented() {
        let line = flag("b1/quote/q1").encode();
        assert_eq!(
            String::from_utf8(line).unwrap(),
            "{\"op\":\"flag\",\"target\":\"b1/quote/q1\",\"at\":\"2026-11-24T15:00:00Z\",\
             \"fingerprint\":\"ab12\",\"title\":\"Briefing title\",\"text\":\"item text\"}\n"
        );
        assert_eq!(
            Header::current(3).encode(),
            b"{\"brief_state\":1,\"generation\":3}\n"
        );
    }

    /// Flags written before `folder` was recorded read as `None`; a flag with a folder keeps
    /// it through replay and compaction.
    #[test]
    fn folder_is_optional_and_survives_compaction() {
        let old = br#"{"op":"flag","target":"b1","at":"2026-11-24T15:00:00Z","fingerprint":"f","title":"t","text":"x"}"#;
        let Ok(Record::Flag { folder, .. }) = decode_record(old) else {
            panic!("an old flag line must decode");
        };
        assert_eq!(folder, None);

        let mut state = State::default();
        let mut record = flag("b2");
        if let Record::Flag { folder, .. } = &mut record {
            *folder = Some("/srv/briefings/2024".into());
        }
        assert!(apply_record(&mut state, record));
        assert_eq!(
            state.flags["b2"].folder.as_deref(),
            Some("/srv/briefings/2024")
        );
        let journal = String::from_utf8(compacted(&state, 1, T)).unwrap();
        assert!(
            journal.contains(r#""folder":"/srv/briefings/2024""#),
            "{journal}"
        );
    }

    #[test]
    fn every_record_round_trips_on_one_line() {
        let records = vec![
            flag("b1"),
            Record::Flag {
                target: "b1/actor/a\nb".into(),
                at: T.into(),
                fingerprint: String::new(),
                title: "t\u{2028}".into(),
                text: "x\r\n".into(),
                folder: Some("/home/a/briefings\nold".into()),
                note: "multi\nline".into(),
                status: FlagStatus::Done,
                updated: Some("2026-11-25T00:00:00Z".into()),
                status_at: Some("2026-11-25T00:00:00Z".into()),
                to: Some("bob".into()),
            },
            Record::Unflag {
                target: "b1".into(),
                at: T.into(),
            },
            Record::Note {
                target: "b1".into(),
                at: T.into(),
                note: "n".into(),
            },
            Record::Done {
                target: "b1".into(),
                at: T.into(),
                owner: None,
            },
            Record::Reopen {
                target: "b1".into(),
                at: T.into(),
                owner: Some("alice".into()),
            },
            Record::Assign {
                target: "b1".into(),
                at: T.into(),
                to: Some("bob".into()),
            },
            Record::Read {
                briefing: "b1".into(),
                at: T.into(),
            },
            Record::Unread {
                briefing: "b1".into(),
                at: T.into(),
            },
        ];
        for record in records {
            let line = record.encode();
            assert_eq!(line.iter().filter(|&&b| b == b'\n').count(), 1);
            assert_eq!(decode_record(&line[..line.len() - 1]), Ok(record));
        }
    }

    #[test]
    fn a_missing_field_is_not_a_record_and_times_are_checked_by_the_calendar() {
        let no_at = br#"{"op":"note","target":"b","note":"n"}"#;
        assert!(matches!(decode_record(no_at), Err(Bad::NotRecord(m)) if m.contains("`at`")));
        let no_note = br#"{"op":"note","target":"b","at":"2026-11-24T15:00:00Z"}"#;
        assert!(matches!(decode_record(no_note), Err(Bad::NotRecord(_))));
        for (t, valid) in [
            ("2026-11-24T15:00:00Z", true),
            ("2024-02-29T23:59:59Z", true),
            ("2026-11-24T15:00:00.25+01:00", true),
            ("2023-02-29T10:00:00Z", false),
            ("2026-11-31T10:00:00Z", false),
            ("2026-11-24T24:00:00Z", false),
        ] {
            assert_eq!(is_rfc3339(t), valid, "{t}");
            assert_eq!(
                is_rfc3339(t),
                OffsetDateTime::parse(t, &Rfc3339).is_ok(),
                "{t}"
            );
        }
    }

    #[test]
    fn unknown_fields_are_ignored_but_unknown_ops_and_bad_times_are_not() {
        let ok = br#"{"op":"read","briefing":"b","at":"2026-11-24T15:00:00Z","by":"later"}"#;
        assert!(decode_record(ok).is_ok());
        let op = br#"{"op":"star","target":"b","at":"2026-11-24T15:00:00Z"}"#;
        assert!(matches!(decode_record(op), Err(Bad::NotRecord(_))));
        let at = br#"{"op":"read","briefing":"b","at":"yesterday"}"#;
        assert!(matches!(decode_record(at), Err(Bad::NotRecord(_))));
        assert!(matches!(
            decode_record(b"{\"op\":\"re"),
            Err(Bad::NotJson(_))
        ));
    }

    #[test]
    fn header_versions() {
        let p = Path::new("/s/state.jsonl");
        assert_eq!(
            decode_header(p, br#"{"brief_state":1}"#).unwrap(),
            Header::current(0)
        );
        assert_eq!(
            decode_header(p, br#"{"brief_state":1,"generation":7}"#).unwrap(),
            Header::current(7)
        );
        assert_eq!(
            decode_header(p, br#"{"brief_state":0}"#)
                .unwrap()
                .brief_state,
            0
        );
        assert!(matches!(
            decode_header(p, br#"{"brief_state":2,"generation":"x"}"#),
            Err(StoreError::NewerVersion {
                found: 2,
                supported: 1,
                ..
            })
        ));
        for bad in [
            &b"hello"[..],
            br#"{"version":1}"#,
            br#"{"brief_state":1,"generation":-1}"#,
        ] {
            assert!(matches!(
                decode_header(p, bad),
                Err(StoreError::Corrupt { line: 1, .. })
            ));
        }
    }

    #[test]
    fn scan_ignores_a_torn_tail() {
        let mut buf = flag("a").encode();
        let whole = buf.len();
        buf.extend_from_slice(b"{\"op\":\"fla");
        let s = scan(&buf, 2);
        assert_eq!((s.records.len(), s.consumed, s.lines), (1, whole, 1));
        assert!(s.corrupt.is_none());
    }

    #[test]
    fn scan_ignores_a_last_line_of_garbage_but_not_a_middle_one() {
        let mut buf = flag("a").encode();
        let whole = buf.len();
        buf.extend_from_slice(b"\0\0\0\0\n");
        let s = scan(&buf, 2);
        assert_eq!((s.records.len(), s.consumed), (1, whole));
        assert!(s.corrupt.is_none());

        buf.extend(flag("b").encode());
        let s = scan(&buf, 2);
        assert_eq!(s.records.len(), 2, "decoding goes on past the bad line");
        assert_eq!(s.corrupt.map(|c| c.0), Some(3));
    }

    #[test]
    fn scan_reports_a_last_line_that_is_json_but_no_record() {
        // Truncating it would throw away something a newer brief wrote.
        let mut buf = flag("a").encode();
        buf.extend_from_slice(
            b"{\"op\":\"star\",\"target\":\"a\",\"at\":\"2026-11-24T15:00:00Z\"}\n",
        );
        assert_eq!(scan(&buf, 2).corrupt.map(|c| c.0), Some(3));
    }

    #[test]
    fn scan_skips_blank_lines_but_counts_them() {
        let mut buf = b"\n".to_vec();
        buf.extend(flag("a").encode());
        let s = scan(&buf, 2);
        assert_eq!((s.records.len(), s.lines, s.consumed), (1, 2, buf.len()));
    }

    #[test]
    fn compaction_replays_to_the_same_state() {
        let mut state = State::default();
        let records = [
            flag("a"),
            flag("b"),
            Record::Note {
                target: "a".into(),
                at: "2026-11-24T16:00:00Z".into(),
                note: "call back".into(),
            },
            Record::Done {
                target: "b".into(),
                at: "2026-11-24T17:00:00Z".into(),
                owner: None,
            },
            Record::Assign {
                target: "b".into(),
                at: "2026-11-24T17:30:00Z".into(),
                to: Some("bob".into()),
            },
            Record::Done {
                target: "c".into(),
                at: "2026-11-24T18:00:00Z".into(),
                owner: Some("carol".into()),
            },
            Record::Read {
                briefing: "b1".into(),
                at: T.into(),
            },
        ];
        for r in records {
            assert!(apply_record(&mut state, r));
        }
        let bytes = compacted(&state, 4, T);
        let header_end = bytes.iter().position(|&b| b == b'\n').unwrap();
        assert_eq!(
            decode_header(Path::new("x"), &bytes[..header_end]).unwrap(),
            Header::current(4)
        );
        let s = scan(&bytes[header_end + 1..], 2);
        assert_eq!(
            s.lines, 4,
            "two flags, a mark on another member's flag, a read mark"
        );
        let mut replayed = State::default();
        for r in s.records {
            apply_record(&mut replayed, r);
        }
        assert_eq!(replayed, state);
    }

    #[test]
    fn migration_keeps_a_backup_and_rewrites_the_journal() {
        fn v0_to_v1(old: &str) -> Result<String, String> {
            let mut lines = old.lines();
            lines.next();
            let mut out = String::from("{\"brief_state\":1,\"generation\":0}\n");
            for line in lines {
                out.push_str(&line.replace("\"star\"", "\"flag\""));
                out.push('\n');
            }
            Ok(out)
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let old = "{\"brief_state\":0}\n{\"op\":\"star\",\"target\":\"b1\",\"at\":\"2026-11-24T15:00:00Z\"}\n";
        fs::write(&path, old).unwrap();

        migrate_with(&path, 0, &[(0, v0_to_v1)]).unwrap();

        let backup = dir.path().join("state.jsonl.v0.bak");
        assert_eq!(fs::read_to_string(&backup).unwrap(), old);
        let new = fs::read_to_string(&path).unwrap();
        assert!(new.starts_with("{\"brief_state\":1,"), "{new}");
        assert!(new.contains("\"op\":\"flag\""), "{new}");
        for p in [&path, &backup] {
            assert_eq!(fs::metadata(p).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn stale_temp_files_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let keep = [
            FILE_NAME,
            LOCK_NAME,
            "state.jsonl.v0.bak",
            ".state.jsonl.toolong1",
            "notes",
        ];
        for name in keep.iter().chain(&[".state.jsonl.aB3dE9"]) {
            fs::write(dir.path().join(name), "").unwrap();
        }
        remove_stale_temp_files_named(dir.path(), FILE_NAME);
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        let mut keep = keep.map(String::from).to_vec();
        keep.sort();
        assert_eq!(left, keep);
    }

    #[test]
    fn migration_without_a_step_touches_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        fs::write(&path, "{\"brief_state\":0}\n").unwrap();
        let err = migrate(&path, 0).unwrap_err();
        assert!(err.to_string().contains("version 0"), "{err}");
        assert!(!backup_path(&path, 0).exists());
        assert_eq!(fs::read_to_string(&path).unwrap(), "{\"brief_state\":0}\n");
    }
}
