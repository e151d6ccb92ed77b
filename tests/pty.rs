//! End-to-end tests of the reader: the real binary in a real pseudo-terminal, its screen parsed
//! with `vt100`, keys typed as a terminal would send them.
//!
//! Every wait polls for something visible (a word on the screen, the process ending) with a
//! generous limit; no test asserts on how long anything takes. Each test has its own state
//! folder and home, and a harness that kills its child when dropped, so a failing test never
//! leaves a reader running.

#![cfg(unix)]

mod common;
use common::*;

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

const BIN: &str = env!("CARGO_BIN_EXE_brief");
const BRIEFINGS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/briefings");

/// How long a wait may take before the test fails. Generous on purpose: this is for a loaded
/// CI machine, not a measure of speed.
const TIMEOUT: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(20);

const QAANI_QUOTE: &str = "2024-09-18-qaani-baghdad/quote/radi-private-meetings";
/// The newest shipped briefing: the one selected when the reader opens.
const NEWEST: &str = "2026-01-20-valmora-grid-intrusion";

/// A temporary home for one test: state, configuration and cache all live in it.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn state_dir(&self) -> PathBuf {
        self.path().join("state")
    }

    fn state_file(&self) -> String {
        let path = self.state_dir().join("state.jsonl");
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// `brief ARGS` without a terminal, in this home.
    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_CACHE_HOME", self.path().join("cache"))
            .env("XDG_STATE_HOME", self.path().join("xdg-state"))
            .env("BRIEF_STATE_DIR", self.state_dir())
            .stdin(Stdio::null());
        cmd
    }

    /// `brief flags --json --state-dir DIR BRIEFINGS`, parsed.
    fn flags_json(&self, briefings: &str) -> Vec<serde_json::Value> {
        let state = self.state_dir();
        let out = self
            .command(&[
                "flags",
                "--json",
                "--state-dir",
                state.to_str().unwrap(),
                briefings,
            ])
            .output()
            .expect("run brief flags");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "brief flags failed: {:?}\nstdout:\n{stdout}\nstderr:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        let value: serde_json::Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("brief flags --json: {e}\n{stdout}"));
        value.as_array().expect("a JSON array").clone()
    }

    fn flagged_targets(&self, briefings: &str) -> Vec<String> {
        self.flags_json(briefings)
            .iter()
            .map(|f| {
                f["target"]
                    .as_str()
                    .expect("target is a string")
                    .to_string()
            })
            .collect()
    }
}

/// The output as `vt100` should get it. `vt100` drops U+FFFD instead of printing it (real
/// terminals print it in one column), which shifts the rest of the row and leaves stale cells
/// on the emulated screen; the reader uses U+FFFD as the placeholder for C1 and bidi controls.
/// So the emulator is fed `?` for it. The raw output is kept as it was.
#[derive(Default)]
struct ForEmulator {
    /// The start of a U+FFFD split between two reads.
    held: Vec<u8>,
}

impl ForEmulator {
    const REPLACEMENT: &'static [u8] = "\u{fffd}".as_bytes();

    fn convert(&mut self, bytes: &[u8]) -> Vec<u8> {
        let mut input = std::mem::take(&mut self.held);
        input.extend_from_slice(bytes);
        let mut out = Vec::with_capacity(input.len());
        let mut i = 0;
        while i < input.len() {
            let rest = &input[i..];
            if rest.starts_with(Self::REPLACEMENT) {
                out.push(b'?');
                i += Self::REPLACEMENT.len();
            } else if Self::REPLACEMENT.starts_with(rest) {
                self.held = rest.to_vec();
                break;
            } else {
                out.push(input[i]);
                i += 1;
            }
        }
        out
    }
}

/// What the emulated terminal was asked to do besides drawing: the things a hostile briefing
/// would try (window title, clipboard, bell) and anything `vt100` did not understand.
#[derive(Debug, Default)]
struct Events(Vec<String>);

impl vt100::Callbacks for Events {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.0.push("bell".into());
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.0.push("visual bell".into());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.0
            .push(format!("icon name {:?}", String::from_utf8_lossy(name)));
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.0
            .push(format!("window title {:?}", String::from_utf8_lossy(title)));
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.0
            .push(format!("clipboard {:?}", String::from_utf8_lossy(data)));
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8]) {
        self.0.push("clipboard paste".into());
    }
    fn unhandled_char(&mut self, _: &mut vt100::Screen, c: char) {
        // `vt100` reports C1 controls here (U+FFFD never arrives, see `ForEmulator`).
        self.0.push(format!("character U+{:04X}", c as u32));
    }
    fn unhandled_control(&mut self, _: &mut vt100::Screen, b: u8) {
        self.0.push(format!("control 0x{b:02x}"));
    }
    fn unhandled_escape(&mut self, _: &mut vt100::Screen, i1: Option<u8>, i2: Option<u8>, b: u8) {
        self.0.push(format!("escape {i1:?} {i2:?} {:?}", b as char));
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        let params: Vec<_> = params
            .iter()
            .map(|p| String::from_utf8_lossy(p).to_string())
            .collect();
        self.0.push(format!("OSC {params:?}"));
    }
}

/// How to start the reader.
struct Spawn<'a> {
    rows: u16,
    cols: u16,
    args: Vec<String>,
    env: Vec<(&'a str, &'a str)>,
}

impl<'a> Spawn<'a> {
    fn new(rows: u16, cols: u16) -> Spawn<'a> {
        Spawn {
            rows,
            cols,
            args: Vec::new(),
            env: Vec::new(),
        }
    }

    fn arg(mut self, arg: impl Into<String>) -> Spawn<'a> {
        self.args.push(arg.into());
        self
    }

    fn env(mut self, key: &'a str, value: &'a str) -> Spawn<'a> {
        self.env.push((key, value));
        self
    }

    fn run(self, home: &Home) -> Reader {
        Reader::spawn(home, self)
    }
}

/// The reader running in a pseudo-terminal.
struct Reader {
    master: Box<dyn MasterPty + Send>,
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    pid: u32,
    raw: Arc<Mutex<Vec<u8>>>,
    parser: Arc<Mutex<vt100::Parser<Events>>>,
    /// Set by the reading thread when the master side reached the end (the child is gone).
    drained: Arc<AtomicBool>,
    status: Option<ExitStatus>,
}

impl Reader {
    fn spawn(home: &Home, spawn: Spawn<'_>) -> Reader {
        let size = PtySize {
            rows: spawn.rows,
            cols: spawn.cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system().openpty(size).expect("open a pty");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(&spawn.args);
        cmd.cwd(home.path());
        cmd.env_clear();
        cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        cmd.env("HOME", home.path());
        cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
        cmd.env("XDG_CACHE_HOME", home.path().join("cache"));
        cmd.env("XDG_STATE_HOME", home.path().join("xdg-state"));
        cmd.env("BRIEF_STATE_DIR", home.state_dir());
        cmd.env("TERM", "xterm-256color");
        for (key, value) in &spawn.env {
            cmd.env(key, value);
        }
        let child = pair
            .slave
            .spawn_command(cmd)
            .expect("spawn brief in the pty");
        // Only the child may hold the slave side, so that reading the master ends when it exits.
        drop(pair.slave);
        let pid = child.process_id().expect("the child's pid");
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");

        let raw = Arc::new(Mutex::new(Vec::new()));
        let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            spawn.rows,
            spawn.cols,
            0,
            Events::default(),
        )));
        let drained = Arc::new(AtomicBool::new(false));
        {
            let (raw, parser, drained) = (raw.clone(), parser.clone(), drained.clone());
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                let mut feed = ForEmulator::default();
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) => break,
                        Ok(n) => {
                            // One lock order everywhere: parser, then raw.
                            let mut parser = parser.lock().unwrap();
                            parser.process(&feed.convert(&buf[..n]));
                            raw.lock().unwrap().extend_from_slice(&buf[..n]);
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        // EIO once the child closed its side.
                        Err(_) => break,
                    }
                }
                drained.store(true, Ordering::SeqCst);
            });
        }
        Reader {
            master: pair.master,
            writer: Some(writer),
            child,
            pid,
            raw,
            parser,
            drained,
            status: None,
        }
    }

    /// Types keys (raw bytes as a terminal sends them).
    fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("pty writer");
        writer
            .write_all(keys.as_bytes())
            .expect("write keys to the pty");
        writer.flush().expect("flush keys");
    }

    /// Esc on its own. The reader can only tell a lone Esc from the start of an Alt-key or an
    /// escape sequence by the pause after it, so the next key must wait: callers follow this
    /// with a wait for what the Esc changes on screen, and it also pauses a little.
    fn send_esc(&mut self) {
        self.send("\x1b");
        thread::sleep(Duration::from_millis(300));
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// What the emulated terminal was asked to do besides drawing.
    fn events(&self) -> Vec<String> {
        self.parser.lock().unwrap().callbacks().0.clone()
    }

    /// Waits until the screen satisfies `ok`; fails with the screen after `TIMEOUT`.
    fn wait_until(&mut self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            if start.elapsed() > TIMEOUT {
                let exited = match self.child.try_wait() {
                    Ok(Some(status)) => format!("the reader exited: {status:?}"),
                    _ => "the reader is still running".to_string(),
                };
                panic!(
                    "timed out waiting for {what} ({exited}); the screen:\n{}",
                    dump(&screen)
                );
            }
            thread::sleep(POLL);
        }
    }

    fn wait_for(&mut self, text: &str) -> String {
        self.wait_until(&format!("{text:?} on screen"), |s| s.contains(text))
    }

    /// Waits until every one of `texts` is on the screen. A frame is written top to bottom, so
    /// everything that must be checked on one screen is waited for together: the first line of
    /// a window can be on screen before the rest of it.
    fn wait_for_all(&mut self, texts: &[&str]) -> String {
        self.wait_until(&format!("all of {texts:?} on screen"), |s| {
            texts.iter().all(|t| s.contains(t))
        })
    }

    fn wait_gone(&mut self, text: &str) -> String {
        self.wait_until(&format!("{text:?} to leave the screen"), |s| {
            !s.contains(text)
        })
    }

    /// Waits for the process to end and for its last output to be read.
    fn wait_exit(&mut self) -> ExitStatus {
        if let Some(status) = &self.status {
            return status.clone();
        }
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "the reader did not exit; the screen:\n{}",
                    dump(&self.screen())
                );
            }
            thread::sleep(POLL);
        };
        self.status = Some(status.clone());
        let start = Instant::now();
        while !self.drained.load(Ordering::SeqCst) {
            if start.elapsed() > TIMEOUT {
                panic!("the pty never reached its end after the reader exited");
            }
            thread::sleep(POLL);
        }
        status
    }

    /// Sends a signal with `kill(1)`.
    fn signal(&self, signal: &str) {
        let ok = Command::new("kill")
            .args([signal, &self.pid.to_string()])
            .status()
            .expect("run kill")
            .success();
        assert!(ok, "kill {signal} {} failed", self.pid);
    }

    fn resize(&mut self, rows: u16, cols: u16) {
        // The emulator first, so that the redraw that follows lands on a screen of its size.
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
    }

    fn quit(&mut self) -> ExitStatus {
        self.send("q");
        self.wait_exit()
    }
}

impl Drop for Reader {
    fn drop(&mut self) {
        if self.status.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            // SIGHUP, then SIGKILL after a grace period (portable-pty's `kill`).
            let _ = self.child.kill();
            let _ = Command::new("kill")
                .args(["-KILL", &self.pid.to_string()])
                .stderr(Stdio::null())
                .status();
            let _ = self.child.wait();
        }
        // Dropping the writer types EOF into the pty; only after the child is gone.
        self.writer.take();
    }
}

/// The terminal was given back: the alternate screen left and the cursor shown after the last
/// time the reader took it over, and the cursor not hidden again afterwards.
fn assert_restored(reader: &Reader) {
    assert_restored_terminal(&reader.raw(), reader.parser.lock().unwrap().screen());
}

fn process_exists(pid: u32) -> bool {
    Command::new("kill")
        .args(["-0", &pid.to_string()])
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// Every SGR (`ESC [ ... m`) parameter in the output that sets or resets a colour.
fn colour_codes(raw: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut i = 0;
    while i + 1 < raw.len() {
        if raw[i] != 0x1b || raw[i + 1] != b'[' {
            i += 1;
            continue;
        }
        let start = i + 2;
        let mut end = start;
        while end < raw.len() && (0x20..0x40).contains(&raw[end]) {
            end += 1;
        }
        if end < raw.len() && raw[end] == b'm' {
            let params = String::from_utf8_lossy(&raw[start..end]).to_string();
            let colour = params.split([';', ':']).any(|p| {
                matches!(
                    p.parse::<u32>(),
                    Ok(30..=39 | 40..=49 | 90..=97 | 100..=107)
                )
            });
            if colour {
                found.push(format!("ESC[{params}m"));
            }
        }
        i = end.max(i + 1);
    }
    found
}

/// Opens at 80x24 and waits for the list, or for the briefing an earlier session in the same
/// home was left reading (the list steps aside while a briefing is read at 80 columns).
fn open(home: &Home) -> Reader {
    let mut reader = Spawn::new(24, 80).arg(BRIEFINGS).run(home);
    reader.wait_until("the list or the briefing left open", |s| {
        s.contains("Briefings") || s.contains("▶ ")
    });
    reader
}

#[test]
fn the_reader_reopens_where_it_was_left() {
    let home = Home::new();
    let mut reader = open(&home);
    // The Qaani briefing is the sixth newest.
    reader.send("jjjjj\r");
    reader.wait_for("Quds Force chief Qaani");
    reader.send("\t\t");
    reader.wait_for("▶ Actors");
    assert!(reader.quit().success());

    let mut reader = open(&home);
    reader.wait_for_all(&["▶ Actors", "Quds Force chief Qaani"]);
    assert!(reader.quit().success());
}

/// An SSH connection dropping (SIGHUP) or a SIGTERM ends the reader from its signal thread; the
/// next start still reopens where it was.
fn reopens_where_a_signal_left_it(signal: &str) {
    let home = Home::new();
    let mut reader = open(&home);
    // The Qaani briefing is the sixth newest.
    reader.send("jjjjj\r");
    reader.wait_for("Quds Force chief Qaani");
    reader.send("\t\t");
    reader.wait_for("▶ Actors");
    reader.signal(signal);
    reader.wait_exit();
    assert_restored(&reader);

    let mut reader = open(&home);
    reader.wait_for_all(&["▶ Actors", "Quds Force chief Qaani"]);
    assert!(reader.quit().success());
}

#[test]
fn the_reader_reopens_where_a_hangup_left_it() {
    reopens_where_a_signal_left_it("-HUP");
}

#[test]
fn the_reader_reopens_where_sigterm_left_it() {
    reopens_where_a_signal_left_it("-TERM");
}

#[test]
fn flag_survives_restart() {
    let home = Home::new();
    let mut reader = open(&home);
    // The Qaani briefing is the sixth newest.
    reader.send("jjjjj\r");
    reader.wait_for("Quds Force chief Qaani");
    // Summary → Judgments → Actors → Quotes.
    reader.send("\t\t\t");
    reader.wait_for("▶ Quotes");
    reader.send("j");
    reader.send("f");
    // The status line, and the marker on the quote.
    reader.wait_for_all(&["Flagged", "⚑ Rasul Radi"]);
    let status = reader.quit();
    assert!(status.success(), "exit status {status:?}");

    let state = home.state_file();
    assert!(
        state.contains(r#""op":"flag""#),
        "no flag in the state file:\n{state}"
    );
    assert!(
        state.contains("/quote/"),
        "the flag is not on a quote:\n{state}"
    );
    assert!(
        state.contains(QAANI_QUOTE),
        "the flag is not on the second quote:\n{state}"
    );

    // A new session sees it in the follow-up view, and Enter goes back to the quote.
    let mut reader = open(&home);
    reader.send("F");
    reader.wait_for_all(&[
        "Follow-up: 1 open",
        "quote",
        "Rasul Radi",
        "Quds Force chief Qaani",
        "Qaani held private meetings",
    ]);
    reader.send("\r");
    reader.wait_gone("Follow-up:");
    reader.wait_for_all(&["▶ Quotes", "Quds Force chief Qaani", "⚑ Rasul Radi"]);
    let status = reader.quit();
    assert!(status.success(), "exit status {status:?}");

    assert_eq!(
        home.flagged_targets(BRIEFINGS),
        vec![QAANI_QUOTE.to_string()]
    );
}

#[test]
fn terminal_restored_on_quit() {
    let home = Home::new();
    let mut reader = open(&home);
    reader.send("j\t");
    reader.wait_for("▶ Summary");
    let status = reader.quit();
    assert!(status.success(), "exit status {status:?}");
    assert_restored(&reader);
}

/// Flags the selected briefing from the list, then ends the reader with `signal`.
fn flag_then_signal(signal: &str) -> (Home, Reader) {
    let home = Home::new();
    let mut reader = open(&home);
    reader.send("f");
    // The whole status line, the end of the frame: the signal should find the reader idle
    // (see `signal_during_redraw_leaves_no_frame_behind` for what happens otherwise).
    reader.wait_for_all(&["Flagged", "⚑ 1 "]);
    reader.signal(signal);
    reader.wait_exit();
    (home, reader)
}

fn assert_newest_flagged(home: &Home) {
    let state = home.state_file();
    assert!(
        state.contains(r#""op":"flag""#),
        "no flag in the state file:\n{state}"
    );
    assert!(
        state.contains(NEWEST),
        "the flag is not on {NEWEST}:\n{state}"
    );
    assert_eq!(home.flagged_targets(BRIEFINGS), vec![NEWEST.to_string()]);
}

#[test]
fn sighup_keeps_flags_and_restores() {
    let (home, reader) = flag_then_signal("-HUP");
    assert_newest_flagged(&home);
    assert_restored(&reader);
    assert!(
        !process_exists(reader.pid),
        "the reader is still running after SIGHUP"
    );
    let status = reader.status.clone().unwrap();
    assert_eq!(status.exit_code(), 128 + 1, "{status:?}");
}

#[test]
fn sigterm_keeps_flags_and_restores() {
    let (home, reader) = flag_then_signal("-TERM");
    assert_newest_flagged(&home);
    assert_restored(&reader);
    assert!(
        !process_exists(reader.pid),
        "the reader is still running after SIGTERM"
    );
    let status = reader.status.clone().unwrap();
    assert_eq!(status.exit_code(), 128 + 15, "{status:?}");
}

#[test]
fn kill9_after_keypress_keeps_flag() {
    let (home, reader) = flag_then_signal("-KILL");
    assert!(!reader.status.as_ref().unwrap().success());
    assert!(!process_exists(reader.pid), "the reader survived SIGKILL");
    assert_newest_flagged(&home);
}

const HOSTILE: &str = r#"title = "Hostile \u001b[31mRED\u001b[0m title \u001b]0;pwned\u0007 end"
date = 2024-06-03
tags = ["hostile"]
summary = """
Bottom line: \u001b]52;c;aGVsbG8=\u0007 clipboard, \u009b2J clear, \u202eevil\u202c bidi, \u001b]0;pwned\u0007 title.
"""

[[judgments]]
id = "j1"
text = "Judgment \u001b[5mblink\u001b[0m and \u009b31m C1."

[[actors]]
id = "mallory"
name = "Mal\u001b[31mlory\u202e \u001b]0;pwned\u0007"
role = "Role \u001b]52;c;aGVsbG8=\u0007"

[[quotes]]
id = "q1"
speaker = "mallory"
text = "Copy \u001b]52;c;aGVsbG8=\u0007 now \u009b2J and \u202e4321\u202c then \u001b]0;pwned\u0007."
context = "said \u001b[31mloudly"

[[events]]
date = "2024-06-02"
text = "Event \u001b]0;pwned\u0007 with \u009b2J and \u202eevil."
actors = ["mallory"]
"#;

#[test]
fn hostile_briefing_writes_no_escapes() {
    let home = Home::new();
    let folder = home.path().join("hostile");
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("2024-06-03-hostile.toml"), HOSTILE).unwrap();

    let mut reader = Spawn::new(24, 80).arg(folder.to_str().unwrap()).run(&home);
    reader.wait_for("Briefings");
    let screen = reader.wait_for("Hostile");
    assert!(
        !screen.contains("No briefings here"),
        "the hostile briefing did not load:\n{}",
        dump(&screen)
    );
    reader.send("\r");
    reader.wait_for("▶ Summary");
    for pane in ["Judgments", "Actors", "Quotes", "Timeline"] {
        reader.send("\t");
        reader.wait_for(&format!("▶ {pane}"));
        // The selected item in full (whatever window Enter opens for it: every overlay has a
        // double frame).
        reader.send("\r");
        reader.wait_for("╔");
        reader.send_esc();
        reader.wait_gone("╔");
    }
    reader.send("?");
    reader.wait_for("Help: keys in force");
    reader.send_esc();
    reader.wait_gone("Help: keys in force");
    reader.send("F");
    reader.wait_for("Follow-up:");
    reader.send_esc();
    reader.wait_gone("Follow-up:");
    // What was ESC is shown as ␛.
    reader.wait_until("a ␛ placeholder on screen", |s| s.contains('␛'));
    let status = reader.quit();
    assert!(status.success(), "exit status {status:?}");

    let raw = reader.raw();
    // The text after a neutralized ESC stays visible (`␛]52;c;…` is shown as it was written),
    // so `]52;` alone is harmless; what must never appear is a sequence that starts one.
    for (what, bytes) in [
        ("OSC (ESC ])", &b"\x1b]"[..]),
        ("OSC 52", b"\x1b]52;"),
        ("OSC 0 title", b"\x1b]0;pwned"),
        ("C1 CSI U+009B", b"\xc2\x9b"),
        ("C1 OSC U+009D", b"\xc2\x9d"),
        ("bidi override U+202E", b"\xe2\x80\xae"),
        ("BEL", b"\x07"),
    ] {
        assert!(
            find(&raw, bytes).is_none(),
            "{what} reached the terminal; output ends:\n{}",
            tail(&raw)
        );
    }
    for (at, pair) in raw.windows(2).enumerate() {
        if pair[0] == 0x1b {
            assert!(
                matches!(pair[1], b'[' | b'7' | b'8' | b'=' | b'>'),
                "ESC followed by {:?} at byte {at}: {}",
                pair[1] as char,
                String::from_utf8_lossy(&raw[at..(at + 20).min(raw.len())]).escape_debug()
            );
        }
    }
    assert_ne!(raw.last(), Some(&0x1b), "the output ends with a lone ESC");
    // C1 and bidi controls are shown as U+FFFD (which the harness feeds `vt100` as `?`).
    assert!(
        find(&raw, "\u{fffd}".as_bytes()).is_some(),
        "no U+FFFD placeholder in the output"
    );
    let events = reader.events();
    assert!(
        events.is_empty(),
        "the terminal was asked to do more than draw: {events:?}"
    );
}

/// Opens, moves around, flags, opens the follow-up view and help, quits; returns the output.
fn colour_tour(spawn: Spawn<'_>) -> Vec<u8> {
    let home = Home::new();
    let mut reader = spawn.arg(BRIEFINGS).run(&home);
    reader.wait_for("Briefings");
    reader.send("f");
    reader.wait_for("Flagged");
    reader.send("jj\r");
    reader.wait_for("▶ Summary");
    reader.send("\t\t");
    reader.wait_for("▶ Actors");
    reader.send("jf");
    reader.wait_for("Flagged");
    reader.send("F");
    reader.wait_for("Follow-up: 2 open");
    reader.send_esc();
    reader.wait_gone("Follow-up:");
    reader.send("?");
    reader.wait_for("Help: keys in force");
    reader.send_esc();
    reader.wait_gone("Help: keys in force");
    let status = reader.quit();
    assert!(status.success(), "exit status {status:?}");
    reader.raw()
}

#[test]
fn no_color_means_no_colour_codes() {
    let raw = colour_tour(Spawn::new(24, 80).env("NO_COLOR", "1"));
    let found = colour_codes(&raw);
    assert!(found.is_empty(), "colour codes under NO_COLOR: {found:?}");
}

#[test]
fn colour_by_default() {
    let raw = colour_tour(Spawn::new(24, 80));
    assert!(
        !colour_codes(&raw).is_empty(),
        "no colour codes at all without NO_COLOR"
    );
}

#[test]
fn color_never_means_no_colour_codes() {
    let raw = colour_tour(Spawn::new(24, 80).arg("--color").arg("never"));
    let found = colour_codes(&raw);
    assert!(
        found.is_empty(),
        "colour codes with --color never: {found:?}"
    );
}

#[test]
fn tiny_terminal_says_so() {
    let home = Home::new();
    let mut reader = Spawn::new(10, 40).arg(BRIEFINGS).run(&home);
    reader.wait_for_all(&["40x10", "brief needs at least"]);
    let status = reader.quit();
    assert!(status.success(), "exit status {status:?}");
    assert_restored(&reader);
}

#[test]
fn tiny_terminal_grows_into_the_reader() {
    let home = Home::new();
    let mut reader = Spawn::new(10, 40).arg(BRIEFINGS).run(&home);
    reader.wait_for("brief needs at least");
    reader.resize(24, 80);
    reader.wait_until("the reader instead of the message", |s| {
        s.contains("Briefings") && s.contains("?:help") && !s.contains("brief needs at least")
    });
    reader.resize(10, 40);
    reader.wait_for("brief needs at least");
    let status = reader.quit();
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn no_terminal_exits_2() {
    let home = Home::new();
    let out = home
        .command(&[BRIEFINGS])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("run brief");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(stderr.starts_with("brief: "), "stderr: {stderr}");
    assert!(stderr.contains("brief list"), "stderr: {stderr}");
    assert!(
        out.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn wide_and_large() {
    let home = Home::new();
    let mut reader = Spawn::new(60, 200).arg(BRIEFINGS).run(&home);
    // Every pane in its own frame at once (titles in top borders, not a tab bar), and the
    // status line under them.
    reader.wait_until("every pane and the status line drawn", |s| {
        s.contains("?:help")
            && [
                "Briefings",
                "Summary",
                "Judgments",
                "Actors",
                "Quotes",
                "Timeline",
            ]
            .iter()
            .all(|title| {
                s.lines().any(|l| {
                    l.contains(&format!("┌ {title}")) || l.contains(&format!("┏ ▶ {title}"))
                })
            })
    });
    let status = reader.quit();
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn help_lists_bindings() {
    let home = Home::new();
    let mut reader = open(&home);
    reader.send("?");
    reader.wait_for_all(&[
        "Help: keys in force",
        "Tab",
        "Shift-Tab",
        "Ctrl-d",
        "flag or unflag",
    ]);
    reader.send_esc();
    reader.wait_gone("Help: keys in force");
    let status = reader.quit();
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn harness_feeds_the_emulator_replacement_characters_as_question_marks() {
    let mut feed = ForEmulator::default();
    let text = "a\u{fffd}b\u{fffd}".as_bytes();
    // Every split point, including inside a U+FFFD.
    for at in 0..=text.len() {
        let mut out = feed.convert(&text[..at]);
        out.extend(feed.convert(&text[at..]));
        assert_eq!(out, b"a?b?", "split at {at}");
    }
    assert_eq!(feed.convert("é\u{fffc}".as_bytes()), "é\u{fffc}".as_bytes());
}

/// A signal that arrives while a frame is being written. The signal thread restores the
/// terminal while the main thread is still drawing, so the rest of the frame lands on the
/// user's screen after the reader has left the alternate screen (and can hide the cursor
/// again). Each round types a burst of keys, so that redraws are under way, then sends
/// SIGTERM. Probabilistic by nature: it passes by luck on a broken reader now and then, but it
/// can never fail on a correct one.
#[test]
fn signal_during_redraw_leaves_no_frame_behind() {
    for round in 0..40u64 {
        let home = Home::new();
        let mut reader = Spawn::new(60, 200).arg(BRIEFINGS).run(&home);
        reader.wait_for("Briefings");
        reader.send(&"\t".repeat(300));
        thread::sleep(Duration::from_millis(round % 10 * 3));
        reader.signal("-TERM");
        reader.wait_exit();
        let raw = reader.raw();
        if let Some(stray) = stray_after_leaving(&raw) {
            panic!("round {round}: the reader wrote {stray} after leaving the alternate screen");
        }
    }
}

/// A minimal briefing file, for folders the tests make.
fn write_briefing(dir: &Path, name: &str, title: &str, date: &str) {
    fs::write(
        dir.join(name),
        format!("title = \"{title}\"\ndate = {date}\nsummary = \"Summary of {title}.\"\n"),
    )
    .unwrap();
}

/// A briefing added, changed or removed while the reader runs shows up without a restart, and
/// the user keeps their place.
#[test]
fn live_updates_keep_the_place() {
    let home = Home::new();
    let folder = home.path().join("live");
    fs::create_dir(&folder).unwrap();
    write_briefing(&folder, "older.toml", "Older report", "2024-01-01");
    write_briefing(&folder, "newer.toml", "Newer report", "2024-06-01");
    let mut reader = Spawn::new(24, 80).arg(folder.to_str().unwrap()).run(&home);
    reader.wait_for_all(&["Briefings 2", "Newer report"]);
    // Select the older one: the place to keep.
    reader.send("j");
    reader.wait_for("Summary of Older report");
    write_briefing(&folder, "newest.toml", "Newest report", "2025-01-01");
    reader.wait_for_all(&["Briefings 3", "Newest report"]);
    let screen = reader.wait_for("Summary of Older report");
    assert!(
        screen.contains("Summary of Older report"),
        "{}",
        dump(&screen)
    );
    // Changed on disk: the new title appears.
    write_briefing(&folder, "older.toml", "Older report, revised", "2024-01-01");
    // The list wraps a title onto its second row where the first is full.
    reader.wait_for_all(&["Older report,", "revised"]);
    fs::remove_file(folder.join("newest.toml")).unwrap();
    reader.wait_for("Briefings 2");
    // And `r` reads again by hand.
    reader.send("r");
    reader.wait_for("2 briefings");
    assert!(reader.quit().success());
}

/// A large folder: the first start shows progress and never blocks the keyboard; the next
/// start shows the list from the cache at once, and a file changed in between is read again.
#[test]
fn large_folders_load_in_the_background_and_start_from_the_cache() {
    let home = Home::new();
    let folder = home.path().join("large");
    fs::create_dir(&folder).unwrap();
    for i in 0..1200 {
        let date = format!("20{:02}-{:02}-{:02}", 10 + i % 15, 1 + i % 12, 1 + i % 28);
        write_briefing(
            &folder,
            &format!("b{i:04}.toml"),
            &format!("Report number {i}"),
            &date,
        );
    }
    let mut reader = Spawn::new(24, 100).arg(folder.to_str().unwrap()).run(&home);
    reader.wait_for("Briefings 1200");
    // `?` works whether or not the load has finished.
    reader.send("?");
    reader.wait_for("Help");
    reader.send_esc();
    reader.wait_gone("Help: keys");
    assert!(reader.quit().success());
    let cache = home.path().join("cache/brief");
    assert!(
        fs::read_dir(&cache).map(|d| d.count()).unwrap_or(0) > 0,
        "the list cache was written"
    );

    write_briefing(
        &folder,
        "b0007.toml",
        "Report seven, rewritten",
        "2099-01-01",
    );
    // The cache's first page is shown, checked; the cache as a whole no longer holds, so the
    // files are read and the rewritten one takes its new place at the top (the list title
    // is cut over two rows).
    let mut again = Spawn::new(24, 100).arg(folder.to_str().unwrap()).run(&home);
    again.wait_for_all(&["Briefings 1200", "2099-01-01 Report seven,"]);
    assert!(again.quit().success());

    let mut third = Spawn::new(24, 100).arg(folder.to_str().unwrap()).run(&home);
    // From the cache this time: the list is there before any load.
    third.wait_for_all(&["Briefings 1200", "2099-01-01 Report seven,"]);
    third.send("j");
    third.wait_for("Summary of Report");
    assert!(third.quit().success());
}

/// With `--mouse`, a click focuses a pane and the wheel scrolls; without it, the terminal keeps
/// its own text selection (no mouse reporting is switched on).
#[test]
fn mouse_is_opt_in() {
    let home = Home::new();
    let mut plain = Spawn::new(24, 80).arg(BRIEFINGS).run(&home);
    plain.wait_for("Briefings");
    assert!(plain.quit().success());
    assert!(
        find(&plain.raw(), b"\x1b[?1000h").is_none(),
        "no mouse reporting by default"
    );

    let mut reader = Spawn::new(24, 80).arg("--mouse").arg(BRIEFINGS).run(&home);
    reader.wait_for("▶ Briefings");
    assert!(find(&reader.raw(), b"\x1b[?1000h").is_some());
    // Wheel down in the list moves to the second briefing.
    reader.send("\x1b[<65;5;5M");
    reader.wait_for("Kestrel Strait");
    // A click on the detail side focuses it.
    reader.send("\x1b[<0;50;12M\x1b[<0;50;12m");
    reader.wait_gone("▶ Briefings");
    let status = reader.quit();
    assert!(status.success());
    assert!(
        find(&reader.raw(), b"\x1b[?1000l").is_some(),
        "mouse reporting switched off"
    );
}

/// `y` sends the item to the user's clipboard with OSC 52, which crosses SSH and tmux.
#[test]
fn y_copies_with_osc_52() {
    let home = Home::new();
    let mut reader = Spawn::new(24, 80).arg(BRIEFINGS).run(&home);
    reader.wait_for("Briefings");
    reader.send("y");
    reader.wait_for("Copied");
    assert!(reader.quit().success());
    let raw = reader.raw();
    let at = find(&raw, b"\x1b]52;c;").expect("an OSC 52 clipboard write");
    let payload = &raw[at + 7..];
    let end = payload
        .iter()
        .position(|&b| b == 0x07 || b == 0x1b)
        .expect("a terminated sequence");
    assert!(end > 10, "a payload follows");
    assert!(
        payload[..end]
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(b)),
        "base64 only: no control character can ride along"
    );
    assert!(
        reader.events().iter().any(|e| e.contains("clipboard")),
        "{:?}",
        reader.events()
    );
}

/// A panic in the reader still gives the terminal back, and the flags made before it are on
/// disk. (Debug builds panic on F12 when BRIEF_TEST_PANIC is set; see `tui::app`.)
#[test]
fn panic_restores_the_terminal_and_keeps_flags() {
    let home = Home::new();
    let mut reader = Spawn::new(24, 80)
        .env("BRIEF_TEST_PANIC", "1")
        .arg(BRIEFINGS)
        .run(&home);
    reader.wait_for("Briefings");
    reader.send("f");
    reader.wait_for("Flagged");
    reader.send("\x1b[24~");
    let status = reader.wait_exit();
    assert!(!status.success(), "a panic is a failure exit");
    let raw = reader.raw();
    let entered = rfind(&raw, ENTER_ALT).expect("entered the alternate screen");
    let after = &raw[entered..];
    assert!(
        find(after, LEAVE_ALT).is_some(),
        "left the alternate screen"
    );
    assert!(find(after, SHOW_CURSOR).is_some(), "showed the cursor");
    assert!(
        String::from_utf8_lossy(&raw).contains("BRIEF_TEST_PANIC"),
        "the panic message is shown"
    );
    assert!(home.state_file().contains("\"op\":\"flag\""));
}

/// `brief --at TARGET` opens the reader on that item; an unknown target is exit 1 before the
/// terminal is touched.
#[test]
fn at_opens_the_reader_on_an_item() {
    let home = Home::new();
    let mut reader = Spawn::new(24, 80)
        .arg("--at")
        .arg(QAANI_QUOTE)
        .arg(BRIEFINGS)
        .run(&home);
    reader.wait_for_all(&["▶ Quotes", "Qaani held private meetings"]);
    reader.send("f");
    reader.wait_for("Flagged");
    assert!(reader.quit().success());
    assert_eq!(
        home.flagged_targets(BRIEFINGS),
        vec![QAANI_QUOTE.to_string()]
    );

    let mut wrong = Spawn::new(24, 80)
        .arg("--at")
        .arg("2024-09-18-qaani-baghdad/quote/nope")
        .arg(BRIEFINGS)
        .run(&home);
    let status = wrong.wait_exit();
    assert_eq!(status.exit_code(), 1);
    assert!(
        find(&wrong.raw(), ENTER_ALT).is_none(),
        "the terminal was never taken over"
    );
}

/// `/` opens empty after a search (typing does not append to the last query), and Up brings
/// the last query back, in a new session too.
#[test]
fn slash_starts_empty_and_up_recalls_the_last_search() {
    let home = Home::new();
    let mut reader = open(&home);
    reader.send("/");
    reader.wait_for("type to search titles");
    reader.send("Halvard");
    reader.wait_for("/ Halvard");
    reader.send("\r");
    reader.wait_gone("Search (Enter");
    reader.send("/");
    reader.wait_for("type to search titles");
    reader.send("reservoir");
    let screen = reader.wait_for("/ reservoir");
    assert!(!screen.contains("Halvardreservoir"), "{screen}");
    reader.send_esc();
    reader.wait_gone("Search (Enter");
    assert!(reader.quit().success());

    let mut reader = open(&home);
    reader.send("/");
    reader.wait_for("type to search titles");
    // Up (as a terminal sends it): the newest first, then the one before.
    reader.send("\x1b[A");
    reader.wait_for("/ reservoir");
    reader.send("\x1b[A");
    reader.wait_for("/ Halvard");
    reader.send_esc();
    reader.wait_gone("Search (Enter");
    assert!(reader.quit().success());
}

/// The shipped briefing in two scripts, and the name that must read right to left, joined.
const MASHHADANI: &str = "2024-10-31-iraq-speaker-mashhadani";
const NAME_LOGICAL: &str = "محمود المشهداني";
/// Explicit bidi mode (the application lays out), and implicit mode (the terminal does).
const EXPLICIT_BIDI: &[u8] = b"\x1b[8l";
const IMPLICIT_BIDI: &[u8] = b"\x1b[8h";

/// By default the reader lays out right-to-left text itself: it tells the terminal so before
/// drawing (`CSI 8 l`), sends Arabic shaped and in display order, and gives the terminal its
/// implicit mode back (`CSI 8 h`) on the way out: on quit and on a signal.
#[test]
fn explicit_bidi_mode_on_entry_and_implicit_on_every_exit() {
    let home = Home::new();
    let mut reader = Spawn::new(40, 120)
        .arg("--at")
        .arg(MASHHADANI)
        .arg(BRIEFINGS)
        .run(&home);
    reader.wait_for("Iraq's parliament elects");
    assert!(reader.quit().success());
    assert_restored(&reader);
    let raw = reader.raw();
    let explicit = find(&raw, EXPLICIT_BIDI).expect("CSI 8 l on entry");
    let title = find(&raw, b"Iraq's parliament").expect("the title drawn");
    assert!(explicit < title, "the mode is set before the first frame");
    let implicit = rfind(&raw, IMPLICIT_BIDI).expect("CSI 8 h on exit");
    assert!(implicit > rfind(&raw, EXPLICIT_BIDI).unwrap());
    // Shaped and reordered: the logical letters never go out, the presentation forms do
    // (the name's last letter, yeh, in its final form, U+FEF2).
    assert!(find(&raw, NAME_LOGICAL.as_bytes()).is_none());
    assert!(find(&raw, "\u{fef2}".as_bytes()).is_some());

    for signal in ["-TERM", "-HUP"] {
        let mut reader = Spawn::new(24, 80)
            .arg("--at")
            .arg(MASHHADANI)
            .arg(BRIEFINGS)
            .run(&home);
        reader.wait_for("Iraq's parliament");
        reader.signal(signal);
        reader.wait_exit();
        let raw = reader.raw();
        let explicit = rfind(&raw, EXPLICIT_BIDI).expect("CSI 8 l on entry");
        let implicit = rfind(&raw, IMPLICIT_BIDI);
        assert!(
            implicit.is_some_and(|i| i > explicit),
            "{signal}: CSI 8 h after CSI 8 l: {}",
            tail(&raw)
        );
    }
}

/// `bidi = "terminal"`: text goes out in logical order and the terminal's mode is left alone,
/// for terminals that lay out bidirectional text themselves.
#[test]
fn bidi_terminal_sends_logical_order_and_no_mode_switch() {
    let home = Home::new();
    let config = home.path().join("config/brief");
    fs::create_dir_all(&config).unwrap();
    fs::write(config.join("config.toml"), "bidi = \"terminal\"\n").unwrap();
    let mut reader = Spawn::new(40, 120)
        .arg("--at")
        .arg(MASHHADANI)
        .arg(BRIEFINGS)
        .run(&home);
    reader.wait_for("Iraq's parliament elects");
    assert!(reader.quit().success());
    assert_restored(&reader);
    let raw = reader.raw();
    assert!(find(&raw, EXPLICIT_BIDI).is_none(), "no CSI 8 l");
    assert!(find(&raw, IMPLICIT_BIDI).is_none(), "no CSI 8 h");
    assert!(
        find(&raw, NAME_LOGICAL.as_bytes()).is_some(),
        "the name in logical order"
    );
    assert!(
        find(&raw, "\u{fef2}".as_bytes()).is_none(),
        "nothing shaped"
    );
}

/// A briefing whose sources have URLs: one plain, one with an escape written into it.
const LINKED: &str = r#"id = "linked"
title = "Linked sources"
date = 2024-06-03
summary = "Two sources."

[[sources]]
id = "shafaq"
name = "Shafaq News"
url = "https://shafaq.com/en/Iraq/qaani-visit"

[[sources]]
id = "evil"
name = "Evil Wire"
url = "https://evil.example/\u001b]8;;https://other.example\u0007"
"#;

fn linked_home(config: Option<&str>) -> (Home, String) {
    let home = Home::new();
    let folder = home.path().join("linked");
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("linked.toml"), LINKED).unwrap();
    if let Some(config) = config {
        let dir = home.path().join("config/brief");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("config.toml"), config).unwrap();
    }
    let folder = folder.to_str().unwrap().to_string();
    (home, folder)
}

/// Source names are OSC 8 hyperlinks in the raw output; a URL with a control character in it
/// is never sent as a link; `hyperlinks = false` sends none at all.
#[test]
fn source_names_are_osc8_links_unless_turned_off() {
    let (home, folder) = linked_home(None);
    let mut reader = Spawn::new(40, 120).arg(&folder).run(&home);
    reader.wait_for("Sources: Shafaq News, Evil Wire");
    assert!(reader.quit().success());
    assert_restored(&reader);
    let raw = reader.raw();
    let open = b"\x1b]8;;https://shafaq.com/en/Iraq/qaani-visit\x1b\\";
    assert!(find(&raw, open).is_some(), "no OSC 8 link for the source");
    assert!(
        find(
            &raw,
            b"\x1b]8;;https://shafaq.com/en/Iraq/qaani-visit\x1b\\Sh"
        )
        .is_some(),
        "the link carries the name's text"
    );
    assert!(
        find(&raw, b"evil.example").is_none(),
        "an unsafe URL is never sent"
    );
    assert!(find(&raw, b"other.example").is_none());

    let (home, folder) = linked_home(Some("hyperlinks = false\n"));
    let mut reader = Spawn::new(40, 120).arg(&folder).run(&home);
    reader.wait_for("Sources: Shafaq News, Evil Wire");
    assert!(reader.quit().success());
    let raw = reader.raw();
    assert!(
        find(&raw, b"\x1b]8;").is_none(),
        "hyperlinks = false: no OSC 8"
    );
}

const EDITABLE: &str = r#"id = "editable"
title = "Old title"
date = 2024-06-03
summary = "One briefing to edit."

[[actors]]
id = "a1"
name = "Dana Roe"

[[actors]]
id = "a2"
name = "Sam Lee"
"#;

/// `e` hands the terminal to `$EDITOR` with `+LINE` of the focused item and the file, takes
/// it back, and reads the file again; an edit that breaks the file shows its problems.
#[test]
fn e_opens_the_editor_at_the_item_and_reloads() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new();
    let folder = home.path().join("edit");
    fs::create_dir_all(&folder).unwrap();
    let file = folder.join("editable.toml");
    fs::write(&file, EDITABLE).unwrap();
    // A stand-in editor: records its arguments, then changes the title, or breaks the file
    // once BREAK exists.
    let args = home.path().join("editor-args");
    let brk = home.path().join("BREAK");
    let script = home.path().join("editor.sh");
    fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\nif [ -e '{}' ]; then echo 'broken = [' >> \"$2\"; else sed -i 's/Old title/New title/' \"$2\"; fi\n",
            args.display(),
            brk.display()
        ),
    )
    .unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();

    let mut reader = Spawn::new(40, 120)
        .arg(folder.to_str().unwrap())
        .env("EDITOR", script.to_str().unwrap())
        .run(&home);
    reader.wait_for("Old title");
    // Open it, go to the actors, the second one.
    reader.send("\r");
    reader.wait_for("Summary");
    reader.send("\t\t");
    reader.wait_for("▶ Actors");
    reader.send("j");
    reader.send("e");
    reader.wait_for("New title");
    let recorded = fs::read_to_string(&args).unwrap();
    let line = EDITABLE.lines().position(|l| l == "id = \"a2\"").unwrap() + 1;
    assert_eq!(
        recorded,
        format!("+{line}\n{}\n", file.display()),
        "+LINE of the actor, then the file"
    );

    fs::write(&brk, "").unwrap();
    reader.send("e");
    reader.wait_for_all(&["Problems", "broken"]);
    reader.send_esc();
    reader.wait_gone("Problems (Esc");
    assert!(reader.quit().success());
    assert_restored(&reader);
    // The alternate screen was left for the editor and entered again, each time.
    let raw = reader.raw();
    let count = |what: &[u8]| raw.windows(what.len()).filter(|w| *w == what).count();
    assert_eq!(
        count(b"\x1b[?1049h"),
        3,
        "entered at start and after each edit"
    );
    assert_eq!(
        count(b"\x1b[?1049l"),
        3,
        "left for each edit and at the end"
    );
}

/// With a team folder, `A` assigns the focused briefing to a member picked from the list: the
/// flag and its assignment land in the user's file in the team folder, not in the private
/// state; on a TLP:RED briefing the key refuses, saying why.
#[test]
fn the_reader_assigns_a_flag_through_the_team_folder() {
    let home = Home::new();
    let clone = home.path().join("clone");
    let team = clone.join("team");
    // A clone's folder: every file there belongs to this test's user, and counts.
    fs::create_dir_all(clone.join(".git")).unwrap();
    fs::create_dir_all(&team).unwrap();
    fs::write(
        team.join("bob.jsonl"),
        "{\"brief_state\":1,\"generation\":0}\n",
    )
    .unwrap();
    let config = home.path().join("config").join("brief");
    fs::create_dir_all(&config).unwrap();
    fs::write(config.join("config.toml"), "name = \"me\"\n").unwrap();
    let team_dir = team.to_str().expect("a UTF-8 temp path");
    let mut reader = Spawn::new(24, 80)
        .arg(BRIEFINGS)
        .env("BRIEF_TEAM_DIR", team_dir)
        .run(&home);
    reader.wait_for("Briefings");
    // The newest briefing is TLP:RED: its flag would stay private, so it is not assigned.
    reader.send("A");
    reader.wait_for("Cannot assign: flag kept private");
    reader.send("j");
    reader.send("A");
    reader.wait_for_all(&["Assign to a member of the team", "bob"]);
    reader.send("\r");
    reader.wait_for("assigned to bob");
    assert!(reader.quit().success());

    let journal = fs::read_to_string(team.join("me.jsonl")).expect("the team file was written");
    let kestrel = "kestrel-strait-tanker-seizure";
    assert!(
        journal.contains(&format!("\"op\":\"flag\",\"target\":\"{kestrel}\""))
            && journal.contains(&format!("\"op\":\"assign\",\"target\":\"{kestrel}\""))
            && journal.contains("\"to\":\"bob\""),
        "{journal}"
    );
    assert!(
        home.flagged_targets(BRIEFINGS).is_empty(),
        "nothing in the private state"
    );
}
