//! The store's unit tests: journal replay, locking, torn tails, compaction, read-only mode.

use super::*;
use std::os::unix::fs::PermissionsExt as _;

fn flag(target: &str) -> Change {
    Change::Flag {
        target: target.into(),
        fingerprint: format!("fp-{target}"),
        title: "Title".into(),
        text: format!("text of {target}"),
        folder: None,
    }
}

fn note(target: &str, note: &str) -> Change {
    Change::Note {
        target: target.into(),
        note: note.into(),
    }
}

fn targets(store: &Store) -> Vec<&str> {
    store.state().flags.keys().map(String::as_str).collect()
}

/// Every line of the journal decodes and ends with a newline.
fn assert_valid_journal(path: &Path) -> usize {
    let bytes = fs::read(path).unwrap();
    assert_eq!(bytes.last(), Some(&b'\n'));
    let header_end = bytes.iter().position(|&b| b == b'\n').unwrap();
    journal::decode_header(path, &bytes[..header_end]).unwrap();
    let scan = journal::scan(&bytes[header_end + 1..], 2);
    assert!(scan.corrupt.is_none(), "{:?}", scan.corrupt);
    assert_eq!(scan.consumed, bytes.len() - header_end - 1);
    scan.lines
}

fn append_raw(path: &Path, bytes: &[u8]) {
    OpenOptions::new()
        .append(true)
        .open(path)
        .unwrap()
        .write_all(bytes)
        .unwrap();
}

#[test]
fn changes_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path()).unwrap();
    assert_eq!(s.read_only(), None);
    s.apply(flag("b1/quote/q1")).unwrap();
    s.apply(flag("b1/actor/a1")).unwrap();
    s.apply(flag("b2")).unwrap();
    s.apply(note("b1/quote/q1", "ask Dana\nabout \"this\""))
        .unwrap();
    s.apply(Change::Done {
        target: "b1/quote/q1".into(),
    })
    .unwrap();
    s.apply(Change::Done {
        target: "b1/actor/a1".into(),
    })
    .unwrap();
    s.apply(Change::Reopen {
        target: "b1/actor/a1".into(),
    })
    .unwrap();
    s.apply(Change::Unflag {
        target: "b2".into(),
    })
    .unwrap();
    s.apply(Change::Read {
        briefing: "b1".into(),
    })
    .unwrap();
    s.apply(Change::Read {
        briefing: "b2".into(),
    })
    .unwrap();
    s.apply(Change::Unread {
        briefing: "b2".into(),
    })
    .unwrap();

    let q = s.flag("b1/quote/q1").unwrap();
    assert_eq!(q.note, "ask Dana\nabout \"this\"");
    assert_eq!(q.status, FlagStatus::Done);
    assert_eq!(q.fingerprint, "fp-b1/quote/q1");
    assert_eq!(q.text, "text of b1/quote/q1");
    assert!(
        time::OffsetDateTime::parse(&q.created, &time::format_description::well_known::Rfc3339)
            .is_ok()
    );
    assert_eq!(s.flag("b1/actor/a1").unwrap().status, FlagStatus::Open);
    assert_eq!(s.flag("b2"), None);

    let reopened = Store::open(dir.path()).unwrap();
    assert_eq!(reopened.state(), s.state());
    assert_eq!(reopened.state().read.iter().collect::<Vec<_>>(), vec!["b1"]);
    assert_eq!(reopened.path(), dir.path().join("state.jsonl"));
    assert_valid_journal(reopened.path());
}

#[test]
fn journal_starts_with_the_header_and_is_readable_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path()).unwrap();
    s.apply(flag("b1/quote/q1")).unwrap();
    let text = fs::read_to_string(s.path()).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("{\"brief_state\":1,\"generation\":0}"));
    let record = lines.next().unwrap();
    assert!(
        record.starts_with("{\"op\":\"flag\",\"target\":\"b1/quote/q1\",\"at\":\""),
        "{record}"
    );
    assert!(
        record.ends_with(
            "\"fingerprint\":\"fp-b1/quote/q1\",\"title\":\"Title\",\"text\":\"text of b1/quote/q1\"}"
        ),
        "{record}"
    );
    assert_eq!(lines.next(), None);
}

#[test]
fn changes_that_change_nothing_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path()).unwrap();
    s.apply(flag("x")).unwrap();
    s.apply(note("x", "n")).unwrap();
    let before = fs::read(s.path()).unwrap();
    let created = s.flag("x").unwrap().created.clone();

    s.apply(Change::Flag {
        target: "x".into(),
        fingerprint: "other".into(),
        title: "other".into(),
        text: "other".into(),
        folder: None,
    })
    .unwrap();
    s.apply(note("x", "n")).unwrap();
    s.apply(Change::Reopen { target: "x".into() }).unwrap();
    s.apply(Change::Unread {
        briefing: "b".into(),
    })
    .unwrap();

    assert_eq!(fs::read(s.path()).unwrap(), before);
    let x = s.flag("x").unwrap();
    assert_eq!(
        (x.created.as_str(), x.note.as_str()),
        (created.as_str(), "n")
    );
    assert_eq!(x.fingerprint, "fp-x");
}

#[test]
fn changes_to_a_missing_flag_are_errors_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path()).unwrap();
    s.apply(flag("x")).unwrap();
    let before = fs::read(s.path()).unwrap();
    for change in [
        note("y", "n"),
        Change::Unflag { target: "y".into() },
        Change::Done { target: "y".into() },
        Change::Reopen { target: "y".into() },
    ] {
        match s.apply(change) {
            Err(e @ StoreError::NoSuchFlag { .. }) => {
                assert!(e.to_string().contains('y'), "{e}")
            }
            other => panic!("expected NoSuchFlag, got {other:?}"),
        }
    }
    assert_eq!(fs::read(s.path()).unwrap(), before);
    assert_eq!(targets(&s), ["x"]);
}

#[test]
fn in_memory_store_validates_like_the_real_one() {
    let mut s = Store::open_in_memory();
    s.apply(flag("x")).unwrap();
    s.apply(note("x", "n")).unwrap();
    assert!(matches!(
        s.apply(note("y", "n")),
        Err(StoreError::NoSuchFlag { .. })
    ));
    assert_eq!(s.flag("x").unwrap().note, "n");
    assert!(!s.refresh().unwrap());
    assert_eq!(s.path(), Path::new(""));
    assert_eq!(s.read_only(), None);
}

#[test]
fn two_sessions_never_overwrite_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(dir.path()).unwrap();
    let mut b = Store::open(dir.path()).unwrap();
    assert!(!b.refresh().unwrap());

    a.apply(flag("x")).unwrap();
    // b has not seen x; its apply must pick x up rather than overwrite it.
    b.apply(flag("y")).unwrap();
    assert_eq!(targets(&b), ["x", "y"]);

    assert!(a.refresh().unwrap());
    assert_eq!(targets(&a), ["x", "y"]);
    assert!(!a.refresh().unwrap());
    assert_eq!(targets(&Store::open(dir.path()).unwrap()), ["x", "y"]);

    // A note from b on a's flag, then a's apply on top of it.
    b.apply(note("x", "from b")).unwrap();
    a.apply(Change::Done { target: "x".into() }).unwrap();
    let x = a.flag("x").unwrap();
    assert_eq!((x.note.as_str(), x.status), ("from b", FlagStatus::Done));
    assert_eq!(Store::open(dir.path()).unwrap().state(), a.state());
}

#[test]
fn eight_concurrent_sessions_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let dir = dir.path().to_path_buf();
            std::thread::spawn(move || {
                let mut s = Store::open(&dir).unwrap();
                for i in 0..100 {
                    s.apply(flag(&format!("b{t}/quote/q{i}"))).unwrap();
                }
                // Everyone also flags and notes the same target.
                s.apply(flag("shared")).unwrap();
                s.apply(note("shared", &format!("from {t}"))).unwrap();
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let s = Store::open(dir.path()).unwrap();
    assert_eq!(s.state().flags.len(), 801);
    for t in 0..8 {
        for i in 0..100 {
            assert!(s.flag(&format!("b{t}/quote/q{i}")).is_some());
        }
    }
    assert!(s.flag("shared").unwrap().note.starts_with("from "));
    // One flag line each, one shared flag, eight notes.
    assert_eq!(assert_valid_journal(s.path()), 800 + 1 + 8);
}

#[test]
fn concurrent_sessions_survive_each_others_compactions() {
    let dir = tempfile::tempdir().unwrap();
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let dir = dir.path().to_path_buf();
            std::thread::spawn(move || {
                let mut s = Store::open(&dir).unwrap();
                s.compact_min = 20;
                for i in 0..50 {
                    let target = format!("t{t}-{i}");
                    s.apply(flag(&target)).unwrap();
                    s.apply(note(&target, &format!("n{i}"))).unwrap();
                    if i % 2 == 0 {
                        s.apply(Change::Unflag { target }).unwrap();
                    }
                }
                // Others may still be writing; what this session wrote is settled.
                s.refresh().unwrap();
                let mine: Vec<Flag> = s
                    .state()
                    .flags
                    .values()
                    .filter(|f| f.target.starts_with(&format!("t{t}-")))
                    .cloned()
                    .collect();
                (t, mine)
            })
        })
        .collect();
    let seen: Vec<(usize, Vec<Flag>)> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let s = Store::open(dir.path()).unwrap();
    assert_eq!(s.state().flags.len(), 4 * 25);
    for t in 0..4 {
        for i in (1..50).step_by(2) {
            assert_eq!(s.flag(&format!("t{t}-{i}")).unwrap().note, format!("n{i}"));
        }
    }
    for (t, mine) in seen {
        let expected: Vec<&Flag> = s
            .state()
            .flags
            .values()
            .filter(|f| f.target.starts_with(&format!("t{t}-")))
            .collect();
        assert!(
            mine.iter().eq(expected),
            "session {t} saw its own flags differently"
        );
    }
    let text = fs::read_to_string(s.path()).unwrap();
    assert!(
        !text.starts_with("{\"brief_state\":1,\"generation\":0}"),
        "no compaction happened"
    );
    assert_valid_journal(s.path());
}

#[test]
fn torn_tail_is_ignored_then_cut_off() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(dir.path()).unwrap();
    a.apply(flag("x")).unwrap();
    let good = fs::read(a.path()).unwrap();
    append_raw(a.path(), b"{\"op\":\"flag\",\"target\":\"y\",\"at\":\"20");

    let mut b = Store::open(dir.path()).unwrap();
    assert_eq!(b.read_only(), None);
    assert_eq!(targets(&b), ["x"]);
    assert!(!a.refresh().unwrap());

    b.apply(flag("z")).unwrap();
    let after = fs::read(b.path()).unwrap();
    assert!(after.starts_with(&good));
    assert_eq!(assert_valid_journal(b.path()), 2);
    assert_eq!(targets(&Store::open(dir.path()).unwrap()), ["x", "z"]);
    assert!(a.refresh().unwrap());
    assert_eq!(targets(&a), ["x", "z"]);
}

#[test]
fn unparsable_last_line_is_ignored_then_cut_off() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(dir.path()).unwrap();
    a.apply(flag("x")).unwrap();
    append_raw(a.path(), b"\0\0\0\0\0\0\n");
    let mut b = Store::open(dir.path()).unwrap();
    assert_eq!(b.read_only(), None);
    b.apply(flag("y")).unwrap();
    assert_eq!(assert_valid_journal(b.path()), 2);
    assert_eq!(targets(&Store::open(dir.path()).unwrap()), ["x", "y"]);
}

#[test]
fn corrupt_middle_line_opens_read_only_and_file_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(dir.path()).unwrap();
    a.apply(flag("x")).unwrap();
    append_raw(
        a.path(),
        b"this is not json\n{\"op\":\"flag\",\"target\":\"z\",\"at\":\"2026-11-24T15:00:00Z\"}\n",
    );
    let before = fs::read(a.path()).unwrap();
    // a finds the damage under the lock, before appending anything.
    assert!(matches!(
        a.apply(flag("y")),
        Err(StoreError::Corrupt { line: 3, .. })
    ));
    assert!(a.read_only().is_some());
    assert_eq!(fs::read(a.path()).unwrap(), before);

    let mut s = Store::open(dir.path()).unwrap();
    let reason = s.read_only().expect("should be read-only").to_string();
    assert!(reason.contains(&s.path().display().to_string()), "{reason}");
    assert!(reason.contains(":3:"), "{reason}");
    assert!(reason.contains("move the file aside"), "{reason}");
    // What could be read is still shown.
    assert_eq!(targets(&s), ["x", "z"]);

    match s.apply(flag("w")) {
        Err(StoreError::ReadOnly { reason: r }) => assert_eq!(r, reason),
        other => panic!("expected ReadOnly, got {other:?}"),
    }
    assert!(!s.refresh().unwrap());
    drop(s);
    assert_eq!(fs::read(dir.path().join("state.jsonl")).unwrap(), before);
}

#[test]
fn damaged_header_opens_read_only() {
    for header in [&b"garbage\n"[..], b"{\"brief_state\":1", b"{}\n"] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.jsonl");
        fs::write(&path, header).unwrap();
        let mut s = Store::open(dir.path()).unwrap();
        assert!(
            s.read_only().unwrap().contains(":1:"),
            "{:?}",
            s.read_only()
        );
        assert!(s.apply(flag("x")).is_err());
        assert_eq!(fs::read(&path).unwrap(), header);
    }
}

#[test]
fn newer_version_opens_read_only_and_file_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.jsonl");
    let content = b"{\"brief_state\":2,\"generation\":0}\n{\"op\":\"bookmark\",\"x\":1}\n";
    fs::write(&path, content).unwrap();

    let mut s = Store::open(dir.path()).unwrap();
    let reason = s.read_only().expect("should be read-only");
    assert!(reason.contains("upgrade brief"), "{reason}");
    assert!(reason.contains("version 2"), "{reason}");
    assert!(matches!(
        s.apply(flag("x")),
        Err(StoreError::ReadOnly { .. })
    ));
    assert_eq!(fs::read(&path).unwrap(), content);
    assert!(!dir.path().join("state.jsonl.v2.bak").exists());
}

#[test]
fn newer_version_written_while_running_stops_writes() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path()).unwrap();
    s.apply(flag("x")).unwrap();
    let content = b"{\"brief_state\":2}\n";
    journal::write_atomic(s.path(), content).unwrap();
    match s.apply(flag("y")) {
        Err(e @ StoreError::NewerVersion { .. }) => {
            assert!(e.to_string().contains("upgrade brief"))
        }
        other => panic!("expected NewerVersion, got {other:?}"),
    }
    assert!(s.read_only().is_some());
    assert_eq!(fs::read(s.path()).unwrap(), content);
}

#[test]
fn older_version_without_a_migration_opens_read_only_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.jsonl");
    fs::write(&path, "{\"brief_state\":0}\n").unwrap();
    let s = Store::open(dir.path()).unwrap();
    let reason = s.read_only().expect("should be read-only");
    assert!(reason.contains("version 0"), "{reason}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "{\"brief_state\":0}\n");
    assert!(!dir.path().join("state.jsonl.v0.bak").exists());
}

#[test]
fn compaction_keeps_the_state_and_other_sessions_follow() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(dir.path()).unwrap();
    for t in 0..10 {
        a.apply(flag(&format!("t{t}"))).unwrap();
    }
    a.apply(Change::Read {
        briefing: "b1".into(),
    })
    .unwrap();
    // b reads now and then holds an offset into a file that will be replaced.
    let mut b = Store::open(dir.path()).unwrap();
    let mut stale = Store::open(dir.path()).unwrap();

    for i in 0..5000 {
        let target = format!("t{}", i % 10);
        let change = match i % 7 {
            0 => Change::Done { target },
            1 => Change::Reopen { target },
            _ => note(&target, &format!("note {i}")),
        };
        a.apply(change).unwrap();
        if i % 700 == 0 {
            b.refresh().unwrap();
            assert_eq!(b.state(), a.state());
        }
    }
    // Memory in a was built change by change, never from the compacted file.
    let fresh = Store::open(dir.path()).unwrap();
    assert_eq!(fresh.state(), a.state());
    assert_eq!(fresh.state().flags.len(), 10);
    assert!(fresh.state().flags.values().any(|f| !f.note.is_empty()));

    let lines = assert_valid_journal(a.path());
    assert!(lines <= COMPACT_MIN_LINES, "{lines} lines");
    let header = fs::read_to_string(a.path()).unwrap();
    let header =
        journal::decode_header(a.path(), header.lines().next().unwrap().as_bytes()).unwrap();
    assert!(header.generation >= 4, "{header:?}");

    assert!(stale.refresh().unwrap());
    assert_eq!(stale.state(), a.state());
    b.refresh().unwrap();
    assert_eq!(b.state(), a.state());
    // And the stale session can write again.
    stale.apply(note("t0", "after")).unwrap();
    a.refresh().unwrap();
    assert_eq!(a.flag("t0").unwrap().note, "after");
}

#[test]
fn in_place_rewrite_with_new_generation_is_read_whole() {
    // Stands in for a compaction whose new file got the old inode number back.
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(dir.path()).unwrap();
    a.apply(flag("x")).unwrap();
    a.apply(flag("y")).unwrap();
    let ino = fs::metadata(a.path()).unwrap().ino();
    let replacement = format!(
        "{{\"brief_state\":1,\"generation\":9}}\n\
         {{\"op\":\"flag\",\"target\":\"z\",\"at\":\"2026-11-24T15:00:00Z\",\"title\":\"{}\"}}\n",
        "long ".repeat(100)
    );
    fs::write(a.path(), replacement).unwrap();
    assert_eq!(fs::metadata(a.path()).unwrap().ino(), ino);
    assert!(a.refresh().unwrap());
    assert_eq!(targets(&a), ["z"]);
}

#[test]
fn deleted_journal_means_empty_state() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(dir.path()).unwrap();
    a.apply(flag("x")).unwrap();
    fs::remove_file(a.path()).unwrap();
    assert!(a.refresh().unwrap());
    assert!(a.state().flags.is_empty());
    a.apply(flag("y")).unwrap();
    assert_eq!(targets(&Store::open(dir.path()).unwrap()), ["y"]);
}

#[test]
fn files_are_private() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("state").join("brief");
    let mut s = Store::open(&dir).unwrap();
    s.compact_min = 2;
    s.apply(flag("x")).unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("state.jsonl")), 0o600);
    assert_eq!(mode(&dir.join("state.lock")), 0o600);
    // Compaction replaces the file; the new one must be private too.
    s.apply(note("x", "1")).unwrap();
    s.apply(note("x", "2")).unwrap();
    s.apply(note("x", "3")).unwrap();
    s.apply(note("x", "4")).unwrap();
    assert!(
        fs::read_to_string(s.path())
            .unwrap()
            .contains("\"generation\":1")
    );
    assert_eq!(mode(&dir.join("state.jsonl")), 0o600);
}

#[test]
fn shared_journal_is_group_readable_and_refuses_links() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open_shared(dir.path(), "alice").unwrap();
    s.apply(flag("x")).unwrap();
    s.apply(Change::Assign {
        target: "x".into(),
        to: Some("bob".into()),
    })
    .unwrap();
    s.apply(Change::Mark {
        owner: "carol".into(),
        target: "y".into(),
        status: FlagStatus::Done,
    })
    .unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir.path().join("alice.jsonl")), 0o640);
    assert_eq!(mode(&dir.path().join("alice.lock")), 0o600);
    let again = Store::open_shared(dir.path(), "alice").unwrap();
    assert_eq!(again.flag("x").unwrap().assigned_to.as_deref(), Some("bob"));
    assert_eq!(again.state().marks.len(), 1);
    // Compaction keeps the mode and everything in it.
    s.compact_min = 2;
    for i in 0..6 {
        s.apply(note("x", &i.to_string())).unwrap();
    }
    assert_eq!(mode(&dir.path().join("alice.jsonl")), 0o640);
    assert_eq!(
        Store::open_shared(dir.path(), "alice").unwrap().state(),
        s.state()
    );

    // A link in the journal's place is neither read nor written through.
    let other = tempfile::tempdir().unwrap();
    let target = other.path().join("victim");
    fs::write(&target, "precious").unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("bob.jsonl")).unwrap();
    assert!(Store::open_shared(dir.path(), "bob").is_err());
    assert_eq!(fs::read_to_string(&target).unwrap(), "precious");
    // Nor is a shared folder created.
    let missing = dir.path().join("missing");
    let mut m = Store::open_shared(&missing, "alice").unwrap();
    assert!(m.apply(flag("x")).is_err());
    assert!(!missing.exists());
}

#[test]
fn unwritable_directory_fails_apply_and_keeps_memory() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("locked");
    fs::create_dir(&dir).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o500)).unwrap();
    if File::create(dir.join("probe")).is_ok() {
        eprintln!("skipped: permissions are not enforced here (running as root?)");
        return;
    }
    let mut s = Store::open(&dir).unwrap();
    let err = s.apply(flag("x")).unwrap_err();
    assert!(matches!(err, StoreError::Io { .. }), "{err:?}");
    assert!(err.to_string().contains("locked"), "{err}");
    assert!(s.state().flags.is_empty());
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).unwrap();
    s.apply(flag("x")).unwrap();
}

#[test]
fn uncreatable_directory_opens_empty_and_apply_can_be_retried() {
    // A path under a regular file cannot be created even by root.
    let parent = tempfile::tempdir().unwrap();
    let blocker = parent.path().join("blocker");
    fs::write(&blocker, "").unwrap();
    let dir = blocker.join("brief");

    let mut s = Store::open(&dir).unwrap();
    assert_eq!(s.read_only(), None);
    let change = flag("x");
    match s.apply(change.clone()) {
        Err(e @ StoreError::Io { .. }) => {
            assert!(e.to_string().contains(&dir.display().to_string()), "{e}")
        }
        other => panic!("expected Io, got {other:?}"),
    }
    assert!(s.state().flags.is_empty());
    assert!(!s.refresh().unwrap());

    // The user fixes it; the kept change goes through.
    fs::remove_file(&blocker).unwrap();
    s.apply(change).unwrap();
    assert_eq!(targets(&Store::open(&dir).unwrap()), ["x"]);
}

/// A real writer process killed with SIGKILL at arbitrary points (appending, fsyncing or
/// compacting) leaves a journal that opens writable, with no change lost that was
/// acknowledged, and that takes the next append cleanly.
#[test]
fn killed_writer_leaves_a_usable_journal() {
    const CHILD: &str = "BRIEF_STORE_TEST_KILLED_WRITER";
    if let Some(arg) = std::env::var_os(CHILD) {
        // The child: write until killed (bounded, in case the parent died first).
        let arg = arg.into_string().unwrap();
        let (round, dir) = arg.split_once(':').unwrap();
        let mut s = Store::open(Path::new(dir)).unwrap();
        s.compact_min = 40;
        for i in 0..200_000 {
            let target = format!("c{}", i % 30);
            if s.flag(&target).is_none() {
                s.apply(flag(&target)).unwrap();
            }
            s.apply(note(&target, &format!("r{round}-{i}"))).unwrap();
        }
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for round in 0..5 {
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["killed_writer_leaves_a_usable_journal", "--test-threads=1"])
            .env(CHILD, format!("{round}:{}", dir.path().display()))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Let it get well into its work (past a few compactions) before killing it.
        let progressed = |s: &Store| {
            s.state().flags.values().any(|f| {
                f.note
                    .strip_prefix(&format!("r{round}-"))
                    .and_then(|i| i.parse::<usize>().ok())
                    .is_some_and(|i| i >= 150 + 37 * round)
            })
        };
        let mut watcher = Store::open(dir.path()).unwrap();
        while !progressed(&watcher) {
            assert!(
                child.try_wait().unwrap().is_none(),
                "the writer process exited before it was killed"
            );
            std::thread::yield_now();
            watcher.refresh().unwrap();
        }
        child.kill().unwrap();
        child.wait().unwrap();

        let mut s = Store::open(dir.path()).unwrap();
        assert_eq!(s.read_only(), None);
        assert_eq!(s.state().flags.len(), 30);
        // Nothing the watcher saw (all acknowledged) is missing.
        for (target, seen) in &watcher.state().flags {
            let now = s.flag(target).unwrap();
            let number = |f: &Flag| f.note.rsplit('-').next().unwrap().parse::<usize>().unwrap();
            let this_round = |f: &Flag| f.note.starts_with(&format!("r{round}-"));
            assert!(
                !this_round(seen) || (this_round(now) && number(now) >= number(seen)),
                "{target}: {:?} then {:?}",
                seen.note,
                now.note
            );
        }
        s.apply(note("c0", &format!("after kill {round}"))).unwrap();
        assert_valid_journal(s.path());
    }
}

#[test]
fn state_dir_precedence() {
    let xdg = || Some(PathBuf::from("/home/u/.local/state"));
    assert_eq!(
        state_dir_from(Some("/s".into()), xdg),
        Some(PathBuf::from("/s"))
    );
    assert_eq!(
        state_dir_from(Some("".into()), xdg),
        Some(PathBuf::from("/home/u/.local/state/brief"))
    );
    assert_eq!(
        state_dir_from(None, xdg),
        Some(PathBuf::from("/home/u/.local/state/brief"))
    );
    assert_eq!(state_dir_from(None, || None), None);
}

/// The bytes this thread has read and written through system calls so far (`rchar`, `wchar`
/// of `/proc/thread-self/io`): per thread, so the other tests running meanwhile do not count.
#[cfg(target_os = "linux")]
fn io_of_this_thread() -> (u64, u64) {
    let io = fs::read_to_string("/proc/thread-self/io").unwrap();
    let field = |name: &str| -> u64 {
        io.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| panic!("no {name} in /proc/thread-self/io:\n{io}"))
    };
    (field("rchar:"), field("wchar:"))
}

/// One change costs the same however large the journal: `apply` reads the header and what
/// others appended since, and writes one line; it never reads or rewrites what it already
/// holds. Counted in bytes, which do not depend on the machine (the time is in BENCHMARKS.md).
#[cfg(target_os = "linux")]
#[test]
fn apply_cost_does_not_grow_with_the_journal() {
    let per_change = |existing: usize| -> (u64, u64) {
        let dir = tempfile::tempdir().unwrap();
        let mut journal = Header::current(0).encode();
        for i in 0..existing {
            let record = Record::Flag {
                target: format!("b{}/quote/q{i}", i % 97),
                at: "2026-11-24T15:00:00Z".into(),
                fingerprint: format!("{i:x}"),
                title: "A briefing title of a usual length".into(),
                text: "An item text of a usual length, say a sentence or two of a quote.".into(),
                folder: None,
                note: String::new(),
                status: FlagStatus::Open,
                updated: None,
                status_at: None,
                to: None,
            };
            journal.extend(record.encode());
        }
        fs::write(dir.path().join("state.jsonl"), &journal).unwrap();
        let mut s = Store::open(dir.path()).unwrap();
        let changes = 50;
        let (read_before, written_before) = io_of_this_thread();
        for i in 0..changes {
            s.apply(Change::Read {
                briefing: format!("r{i:02}"),
            })
            .unwrap();
        }
        let (read_after, written_after) = io_of_this_thread();
        assert_eq!(s.state().read.len(), changes);
        (
            (read_after - read_before) / changes as u64,
            (written_after - written_before) / changes as u64,
        )
    };
    let small = per_change(100);
    let large = per_change(20_000);
    // The same, but for a byte or two: the counters' own text, read in the measure, grows a
    // digit with them. Reading the journal again would cost a megabyte.
    assert!(
        small.0.abs_diff(large.0) <= 2 && small.1 == large.1,
        "bytes read and written per change: {small:?} with 100 records, {large:?} with 20,000"
    );
    let (read, written) = large;
    assert!(read < 1024, "{read} bytes read per change");
    assert!(written < 256, "{written} bytes written per change");
}

#[test]
fn an_adopted_flag_keeps_its_note_status_and_times_in_one_durable_line() {
    let private = tempfile::tempdir().unwrap();
    let mut from = Store::open(private.path()).unwrap();
    from.apply(flag("b1/quote/q1")).unwrap();
    from.apply(note("b1/quote/q1", "ask Dana")).unwrap();
    from.apply(Change::Done {
        target: "b1/quote/q1".into(),
    })
    .unwrap();
    let kept = from.flag("b1/quote/q1").unwrap().clone();

    let team = tempfile::tempdir().unwrap();
    let mut to = Store::open_shared(team.path(), "me").unwrap();
    to.apply(Change::Adopt {
        flag: Box::new(kept.clone()),
    })
    .unwrap();
    assert_eq!(to.flag("b1/quote/q1"), Some(&kept));
    let path = team.path().join("me.jsonl");
    assert_eq!(assert_valid_journal(&path), 1, "one line");
    // As written, so read by a session opened later.
    let reopened = Store::open_shared(team.path(), "me").unwrap();
    assert_eq!(reopened.flag("b1/quote/q1"), Some(&kept));
    // A target flagged there already is left as it is, and nothing is written.
    let before = fs::read(&path).unwrap();
    let mut other = kept.clone();
    other.note = "something else".into();
    to.apply(Change::Adopt {
        flag: Box::new(other),
    })
    .unwrap();
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(to.flag("b1/quote/q1").unwrap().note, "ask Dana");
}
