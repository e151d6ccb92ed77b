//! What `brief` promises about the user's flags, proved with the real binary: concurrent
//! sessions lose nothing, `kill -9` never loses an acknowledged flag, a state file brief cannot
//! fully read is never written, a state folder that cannot be made is a clear error, files are
//! private, and flags whose items went away or changed say so.
//!
//! Every run gets a temporary state folder (`--state-dir`) and home, never the real ones, and a
//! deadline. The store's own unit tests (src/store) cover the journal's mechanics: torn tails,
//! compaction, locks, read-only modes; these tests hold the command line to the same promises.

#![cfg(unix)]

use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_brief");
/// A deadline for one run of the binary; far above what any run here needs.
const DEADLINE: Duration = Duration::from_secs(30);

/// `brief ARGS` for a world rooted at `root`, with `state` as its state folder; `umask`, when
/// given, is set in a shell first.
fn command(root: &Path, state: &Path, args: &[&str], umask: Option<&str>) -> Command {
    let mut cmd = match umask {
        Some(mask) => {
            let mut c = Command::new("sh");
            c.arg("-c")
                .arg(format!("umask {mask} && exec \"$0\" \"$@\""))
                .arg(BIN);
            c
        }
        None => Command::new(BIN),
    };
    cmd.args(args)
        .arg("--state-dir")
        .arg(state)
        .arg("--color")
        .arg("never")
        .current_dir(root)
        .env_remove("BRIEF_DIR")
        .env_remove("BRIEF_STATE_DIR")
        .env("HOME", root.join("home"))
        .env("XDG_STATE_HOME", root.join("home/state"))
        .stdin(Stdio::null());
    cmd
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Exited with `code` (not killed by a signal), without a panic.
    fn expect(self, code: i32) -> Run {
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        assert_eq!(
            self.code,
            Some(code),
            "stdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.stdout))
    }
}

/// Runs a command to its end, or kills it and fails at the deadline.
fn finish(mut cmd: Command) -> Run {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run brief");
    let read = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        })
    };
    let stdout = read(Box::new(child.stdout.take().unwrap()));
    let stderr = read(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} still running after {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    Run {
        code: status.code(),
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

/// A temporary world: briefings in `b/`, the state in `state/` unless told otherwise.
struct World {
    dir: tempfile::TempDir,
    state: PathBuf,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("b")).unwrap();
        let state = dir.path().join("state");
        World { dir, state }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, name: &str, text: &str) {
        fs::write(self.root().join("b").join(name), text).unwrap();
    }

    fn journal(&self) -> PathBuf {
        self.state.join("state.jsonl")
    }

    fn command(&self, args: &[&str]) -> Command {
        command(self.root(), &self.state, args, None)
    }

    fn run(&self, args: &[&str]) -> Run {
        finish(self.command(args))
    }

    /// The targets of `brief flags --json --all`, which must succeed with nothing on stderr
    /// (a store that opened read-only would say why there).
    fn flagged(&self) -> BTreeSet<String> {
        let run = self.run(&["flags", "b", "--json", "--all"]).expect(0);
        assert_eq!(run.stderr, "", "the state did not load cleanly");
        run.json()
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["target"].as_str().unwrap().to_string())
            .collect()
    }
}

/// A briefing with `n` actors `a000`, `a001`, ...
fn crowd(n: usize) -> String {
    let mut text = String::from(
        "id = \"crowd\"\ntitle = \"Crowd\"\ndate = 2024-01-02\nsummary = \"Many actors.\"\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "\n[[actors]]\nid = \"a{i:03}\"\nname = \"Actor {i}\"\n"
        ));
    }
    text
}

fn actor(i: usize) -> String {
    format!("crowd/actor/a{i:03}")
}

// ---------------------------------------------------------------- concurrent sessions

/// 8 processes at a time flag 100 different targets between them: all 100 are there after.
#[test]
fn eight_processes_flagging_a_hundred_targets_lose_none() {
    const WORKERS: usize = 8;
    const TARGETS: usize = 100;
    let w = World::new();
    w.write("crowd.toml", &crowd(TARGETS));
    let start = Arc::new(Barrier::new(WORKERS));
    let (root, state) = (w.root().to_path_buf(), w.state.clone());
    let workers: Vec<_> = (0..WORKERS)
        .map(|k| {
            let (start, root, state) = (start.clone(), root.clone(), state.clone());
            std::thread::spawn(move || {
                start.wait();
                // Worker k flags targets k, k + 8, k + 16, ...: one process after another, so
                // that eight run at any moment.
                for i in (k..TARGETS).step_by(WORKERS) {
                    let target = actor(i);
                    let run = finish(command(&root, &state, &["flag", &target, "b"], None));
                    let run = run.expect(0);
                    assert_eq!(run.stdout, format!("flagged {target}\n"));
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().expect("a worker failed");
    }
    let expected: BTreeSet<String> = (0..TARGETS).map(actor).collect();
    assert_eq!(w.flagged(), expected);
    // Each flag was written once: no session re-wrote another's change.
    let journal = fs::read_to_string(w.journal()).unwrap();
    assert_eq!(journal.lines().count(), 1 + TARGETS, "{journal}");
}

// ---------------------------------------------------------------- kill -9

/// `brief flag` killed with SIGKILL at moments spread over its whole run, again and again: the
/// state always loads (writable), and every flag whose command exited 0 is there.
#[test]
fn kill_9_never_loses_an_acknowledged_flag() {
    const ROUNDS: usize = 20;
    let w = World::new();
    w.write("crowd.toml", &crowd(ROUNDS + 1));
    // How long one run takes here (the median of three), so that the kills land all over it.
    let mut times: Vec<Duration> = (0..3)
        .map(|_| {
            let begun = Instant::now();
            w.run(&["flag", &actor(ROUNDS), "b"]).expect(0);
            begun.elapsed()
        })
        .collect();
    times.sort();
    let typical = times[1];
    let mut acknowledged = BTreeSet::from([actor(ROUNDS)]);
    let mut killed = 0;
    for round in 0..ROUNDS {
        let target = actor(round);
        let mut child: Child = w
            .command(&["flag", &target, "b"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // From 0.2 to 1.2 times a typical run, in steps: the change is written at the end.
        std::thread::sleep(typical * (2 + round as u32 % 11) / 10);
        let status = match child.try_wait().unwrap() {
            Some(status) => status,
            None => {
                child.kill().unwrap();
                killed += 1;
                child.wait().unwrap()
            }
        };
        // Killed or not: it may have exited 0 just before the signal landed.
        if status.success() {
            acknowledged.insert(target.clone());
        }
        let flagged = w.flagged();
        let lost: Vec<_> = acknowledged.difference(&flagged).collect();
        assert!(
            lost.is_empty(),
            "round {round}: acknowledged flags lost: {lost:?}"
        );
    }
    eprintln!(
        "{killed} of {ROUNDS} runs killed; {} flags acknowledged",
        acknowledged.len()
    );
    assert!(killed > 0, "no run was killed: the test proved nothing");
    // Still writable, and the next change lands.
    for round in 0..ROUNDS {
        let run = w.run(&["flag", &actor(round), "b"]).expect(0);
        assert!(run.stdout.starts_with("flagged ") || run.stdout.ends_with("is already flagged\n"));
    }
    assert_eq!(w.flagged().len(), ROUNDS + 1);
}

// ---------------------------------------------------------------- damaged or newer state

/// The changes a user can ask for; each must be refused on a state brief cannot fully read,
/// with the reason (exit 2), even when the flag it names is in the part brief cannot read.
const CHANGES: &[&[&str]] = &[
    &["flag", "crowd/actor/a003", "b"],
    &["flag", "crowd/actor/a000", "b", "--note", "n"],
    &["unflag", "crowd/actor/a000", "b"],
    &["done", "crowd/actor/a000", "b"],
];

/// Writes `bytes` as the journal, then checks that every change exits 2 with a message that
/// names the file and says what to do (`remedy`), that the state folder is left exactly as it
/// was, and that `brief flags` still shows the `readable` flags and says why on stderr.
fn assert_never_written(w: &World, bytes: &[u8], remedy: &str, readable: &[&str]) {
    fs::write(w.journal(), bytes).unwrap();
    let listing = |dir: &Path| {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        names.sort();
        names
    };
    let before = listing(&w.state);
    let journal = w.journal().display().to_string();
    for args in CHANGES {
        let run = w.run(args).expect(2);
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(
            run.stderr.starts_with("brief: cannot change flags: "),
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(&journal), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(remedy), "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert_eq!(
            fs::read(w.journal()).unwrap(),
            bytes,
            "{args:?} changed the file"
        );
        assert_eq!(listing(&w.state), before, "{args:?} left files behind");
    }
    // Reading still works: what could be read is shown, and stderr says why nothing can change.
    let run = w.run(&["flags", "b", "--json", "--all"]).expect(0);
    let shown: Vec<String> = run
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["target"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(shown, readable);
    assert!(run.stderr.starts_with("brief: "), "{}", run.stderr);
    assert!(run.stderr.contains(&journal), "{}", run.stderr);
    assert!(run.stderr.contains(remedy), "{}", run.stderr);
    w.run(&["list", "b"]).expect(0);
    w.run(&["flags", "b"]).expect(0);
    assert_eq!(fs::read(w.journal()).unwrap(), bytes);
}

#[test]
fn a_state_file_with_a_damaged_line_is_never_written() {
    let w = World::new();
    w.write("crowd.toml", &crowd(5));
    for i in 0..3 {
        w.run(&["flag", &actor(i), "b"]).expect(0);
    }
    let text = fs::read_to_string(w.journal()).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    // The middle flag's line: garbage, then the last line intact.
    lines[2] = "{\"op\":\"flag\",\"target\":\"crowd/act\u{0}GARBAGE";
    let damaged = format!("{}\n", lines.join("\n"));
    // The lines around the damaged one are still read (and shown), but nothing is written.
    assert_never_written(
        &w,
        damaged.as_bytes(),
        "move the file aside",
        &[&actor(0), &actor(2)],
    );
}

#[test]
fn a_state_file_from_a_newer_brief_is_never_written() {
    let w = World::new();
    w.write("crowd.toml", &crowd(5));
    w.run(&["flag", &actor(0), "b"]).expect(0);
    let text = fs::read_to_string(w.journal()).unwrap();
    let (_, records) = text.split_once('\n').unwrap();
    let newer = format!("{{\"brief_state\":99}}\n{records}");
    assert_never_written(&w, newer.as_bytes(), "upgrade brief", &[]);
}

#[test]
fn a_state_file_without_a_header_is_never_written() {
    let w = World::new();
    w.write("crowd.toml", &crowd(5));
    w.run(&["flag", &actor(0), "b"]).expect(0);
    assert_never_written(
        &w,
        b"these are my notes, not a brief state\n",
        "move the file aside",
        &[],
    );
}

// ---------------------------------------------------------------- the state folder

/// A state folder under a regular file cannot be created (by anyone, root included): changes
/// exit 2 with a message naming the folder and what to do; reading shows no flags.
#[test]
fn a_state_folder_that_cannot_be_created_is_a_clear_error() {
    let mut w = World::new();
    w.write("crowd.toml", &crowd(2));
    let blocker = w.root().join("blocker");
    fs::write(&blocker, "").unwrap();
    w.state = blocker.join("sub").join("brief");
    let run = w.run(&["flag", &actor(0), "b"]).expect(2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.starts_with("brief: "), "{}", run.stderr);
    assert!(
        run.stderr.contains(&w.state.display().to_string())
            || run
                .stderr
                .contains(&blocker.join("sub").display().to_string()),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--state-dir"), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    // Reading has nothing to read, and says so the usual way.
    let run = w.run(&["flags", "b"]).expect(0);
    assert_eq!(run.stdout, "No open flags.\n");
    assert_eq!(
        w.run(&["flags", "b", "--json"]).expect(0).json(),
        serde_json::json!([])
    );
    w.run(&["list", "b"]).expect(0);
    assert!(blocker.is_file() && fs::read(&blocker).unwrap().is_empty());
}

/// Notes may concern AMBER or RED material: the state folder is 0700 and its files 0600, even
/// when brief runs with a umask that would let everyone read them.
#[test]
fn state_files_are_private_even_with_a_permissive_umask() {
    let mut w = World::new();
    w.write("crowd.toml", &crowd(2));
    w.state = w.root().join("new").join("state");
    for args in [
        &["flag", "crowd/actor/a000", "b", "--note", "RED source"][..],
        &["flag", "crowd", "b"],
        &["done", "crowd", "b"],
    ] {
        finish(command(w.root(), &w.state, args, Some("000"))).expect(0);
    }
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&w.state), 0o700);
    let mut files = 0;
    for entry in fs::read_dir(&w.state).unwrap().flatten() {
        assert_eq!(mode(&entry.path()), 0o600, "{}", entry.path().display());
        files += 1;
    }
    assert!(files >= 2, "state.jsonl and state.lock");
    assert_eq!(mode(&w.journal()), 0o600);
    assert_eq!(w.flagged().len(), 2);
}

// ---------------------------------------------------------------- orphaned and changed

const WATCH: &str = r#"id = "watch"
title = "Watch list"
date = 2024-05-01
summary = "What to watch."

[[judgments]]
id = "j1"
text = "Talks will stall."
likelihood = "likely"

[[judgments]]
text = "A judgment without an id."

[[actors]]
id = "a1"
name = "Dana Roe"
role = "Envoy"

[[actors]]
id = "a2"
name = "Sam Lee"

[[quotes]]
id = "q1"
speaker = "a1"
text = "We will not sign."

[[events]]
id = "e1"
date = "2024-04"
text = "Talks opened."

[[events]]
date = "2024-04-20~"
text = "An event without an id."

[[events]]
date = "2024-04-25"
text = "Another event without an id."
"#;

/// Every kind of item, flagged, then its briefing edited: removed items (and items whose
/// derived id went with their text) are orphaned and keep the text they had; edited ones are
/// changed; untouched ones, even moved about, are neither. Undoing an edit undoes `changed`.
#[test]
fn orphaned_and_changed_flags_for_every_kind_of_item() {
    let w = World::new();
    w.write("watch.toml", WATCH);
    w.write(
        "gone.toml",
        "id = \"gone\"\ntitle = \"Gone soon\"\ndate = 2024-01-01\nhandling = \"RED\"\nsummary = \"s\"\n\n[[actors]]\nid = \"x\"\nname = \"X\"\n",
    );
    let shown = w.run(&["show", "watch", "b", "--json"]).expect(0).json();
    let derived_judgment = format!(
        "watch/judgment/{}",
        shown["judgments"][1]["id"].as_str().unwrap()
    );
    let derived_event = format!("watch/event/{}", shown["events"][1]["id"].as_str().unwrap());
    let targets = [
        "watch",
        "watch/judgment/j1",
        &derived_judgment,
        "watch/actor/a1",
        "watch/actor/a2",
        "watch/quote/q1",
        "watch/event/e1",
        &derived_event,
        "gone",
        "gone/actor/x",
    ];
    for t in targets {
        w.run(&["flag", t, "b"]).expect(0);
    }
    w.run(&["done", "gone/actor/x", "b"]).expect(0);
    let before = w.run(&["flags", "b", "--json", "--all"]).expect(0).json();

    // Edit: the title, j1's text, the derived judgment's text (so its id), a1's role; remove
    // q1; swap the two events without ids (their ids must not change); delete gone.toml.
    let edited = WATCH
        .replace("title = \"Watch list\"", "title = \"Watch list (revised)\"")
        .replace("Talks will stall.", "Talks will collapse.")
        .replace("A judgment without an id.", "A judgment without an id, edited.")
        .replace("role = \"Envoy\"", "role = \"Former envoy\"")
        .replace("[[quotes]]\nid = \"q1\"\nspeaker = \"a1\"\ntext = \"We will not sign.\"\n\n", "")
        .replace(
            "[[events]]\ndate = \"2024-04-20~\"\ntext = \"An event without an id.\"\n\n[[events]]\ndate = \"2024-04-25\"\ntext = \"Another event without an id.\"\n",
            "[[events]]\ndate = \"2024-04-25\"\ntext = \"Another event without an id.\"\n\n[[events]]\ndate = \"2024-04-20~\"\ntext = \"An event without an id.\"\n",
        );
    assert_eq!(
        edited.matches("[[").count(),
        WATCH.matches("[[").count() - 1
    );
    w.write("watch.toml", &edited);
    fs::remove_file(w.root().join("b/gone.toml")).unwrap();
    w.run(&["check", "b"]).expect(0);

    let rows = w.run(&["flags", "b", "--json", "--all"]).expect(0).json();
    let rows = rows.as_array().unwrap();
    let row = |t: &str| {
        rows.iter()
            .find(|r| r["target"] == t)
            .unwrap_or_else(|| panic!("{t} missing"))
    };
    let marks = |t: &str| {
        (
            row(t)["orphaned"].as_bool().unwrap(),
            row(t)["changed"].as_bool().unwrap(),
        )
    };
    assert_eq!(rows.len(), targets.len(), "no flag is ever dropped");
    assert_eq!(marks("watch"), (false, true));
    assert_eq!(marks("watch/judgment/j1"), (false, true));
    assert_eq!(marks(&derived_judgment), (true, false));
    assert_eq!(marks("watch/actor/a1"), (false, true));
    assert_eq!(marks("watch/actor/a2"), (false, false));
    assert_eq!(marks("watch/quote/q1"), (true, false));
    assert_eq!(marks("watch/event/e1"), (false, false));
    assert_eq!(marks(&derived_event), (false, false));
    assert_eq!(marks("gone"), (true, false));
    assert_eq!(marks("gone/actor/x"), (true, false));
    // Changed items show their text now; orphaned ones the text they had when flagged.
    assert_eq!(row("watch/judgment/j1")["text"], "Talks will collapse.");
    assert_eq!(row("watch/actor/a1")["text"], "Dana Roe (Former envoy)");
    let was = |t: &str| {
        before
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["target"] == t)
            .unwrap()
            .clone()
    };
    for t in [
        derived_judgment.as_str(),
        "watch/quote/q1",
        "gone",
        "gone/actor/x",
    ] {
        assert_eq!(row(t)["text"], was(t)["text"], "{t}");
        assert_eq!(row(t)["title"], was(t)["title"], "{t}");
        assert_eq!(row(t)["created"], was(t)["created"], "{t}");
    }
    assert_eq!(row("gone/actor/x")["status"], "done");
    assert_eq!(row("gone")["handling"], Value::Null);
    assert_eq!(
        row("watch/quote/q1")["text"],
        "Dana Roe: \u{201c}We will not sign.\u{201d}"
    );

    // The text listing says the same with its markers.
    let text = w.run(&["flags", "b", "--all"]).expect(0).stdout;
    assert!(
        text.contains("⚑ watch/quote/q1  [orphaned: item gone]"),
        "{text}"
    );
    assert!(
        text.contains("⚑ watch/actor/a1  [changed since flagged]"),
        "{text}"
    );
    assert!(
        text.contains("✓ gone/actor/x  [done] [orphaned: briefing gone]"),
        "{text}"
    );
    assert!(text.contains("⚑ watch/actor/a2\n"), "{text}");

    // Undo the edits that made flags "changed": they are no longer changed.
    w.write("watch.toml", WATCH);
    let rows = w.run(&["flags", "b", "--json", "--all"]).expect(0).json();
    for r in rows.as_array().unwrap() {
        assert_eq!(r["changed"], false, "{r}");
    }
}
