//! Measures the reader from outside, as a user feels it: the real binary in a pseudo-terminal,
//! its output timed as it arrives and fed to a terminal emulator (`vt100`). Run by
//! `scripts/bench.sh`; the figures are in BENCHMARKS.md.
//!
//! ```text
//! pty_bench startup BIN DIR --count N [--runs R] [--cols C] [--rows R] [--cache DIR]
//! pty_bench keys    BIN DIR --count N [--moves M] [--cols C] [--rows R] [--query TEXT]
//! pty_bench peer    BIN ARG --until TEXT [--runs R] [--cols C] [--rows R]
//! pty_bench team    BIN DIR --team TEAM_DIR [--runs R] [--cols C] [--rows R]
//! ```
//!
//! `peer`: another program's first screen, for comparison (`scripts/bench.sh` runs jless and
//! newsboat on the same corpus): from spawning `BIN ARG` to the screen first showing `TEXT`.
//!
//! `startup`: from spawning `BIN DIR` to the first byte written, to the list's first row on the
//! screen, and to the list's title showing all N briefings; then, once the reader has used no
//! CPU for half a second (its background load is over), its peak memory (VmHWM) and the CPU
//! time it used (user + system, all threads: what the load of the machine does not change). Each run starts with an empty `$XDG_CACHE_HOME`, unless `--cache DIR` names one to
//! keep between runs (a warm start).
//!
//! `keys`: once the list is shown, presses `j` M times; for each press, the time from writing
//! the key to the first byte read back, the bytes written until the output is quiet, and the
//! cells that changed on the emulated screen. Then opens search and types `--query` a letter at
//! a time, timed the same way; with `--filter TEXT`, then the list filter (`l`) the same way.
//! `--settle yes` first waits until the reader is idle (its load over, the search index in
//! hand), so the search and the filter are measured as they answer, not as they wait.
//!
//! `team`: the reader with a team folder (`BRIEF_TEAM_DIR`), once idle: opens the follow-up
//! view (`F`, the user's own flags) and switches it (`t`) to *assigned to me*, then times the
//! next `t`, to the whole team's flags: from writing the key to the first byte back and to the
//! frame complete (the last byte before the output is quiet), R times in one session.
//!
//! The last line of output is `JSON {...}` with every figure, for the script.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use serde_json::{Value, json};

/// No output for this long after a key means the frame is complete.
const QUIET: Duration = Duration::from_millis(60);
/// How long any one wait may take before the measurement is abandoned.
const TIMEOUT: Duration = Duration::from_secs(300);

struct Options {
    mode: String,
    bin: PathBuf,
    dir: PathBuf,
    count: usize,
    runs: usize,
    moves: usize,
    cols: u16,
    rows: u16,
    cache: Option<PathBuf>,
    query: String,
    until: Option<String>,
    filter: Option<String>,
    /// Before pressing keys, wait until the background load is over (its search index in hand).
    settle: bool,
    /// The team folder (`team` mode).
    team: Option<PathBuf>,
}

fn options() -> Options {
    let usage = || -> ! {
        eprintln!(
            "usage: pty_bench startup|keys|peer|team BIN DIR --count N [--runs R] [--moves M] [--cols C] [--rows R] [--cache DIR] [--query TEXT] [--filter TEXT] [--settle yes] [--until TEXT] [--team DIR]"
        );
        std::process::exit(2)
    };
    let mut positional = Vec::new();
    let mut named: BTreeMap<String, String> = BTreeMap::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if let Some(name) = arg.strip_prefix("--") {
            named.insert(name.to_string(), args.next().unwrap_or_else(|| usage()));
        } else {
            positional.push(arg);
        }
    }
    let [mode, bin, dir] = positional.as_slice() else {
        usage()
    };
    let number = |name: &str, default: usize| -> usize {
        named
            .get(name)
            .map_or(Some(default), |v| v.parse().ok())
            .unwrap_or_else(|| usage())
    };
    Options {
        mode: mode.clone(),
        // The reader runs in a temporary home: relative paths would not resolve there.
        bin: absolute(bin),
        dir: absolute(dir),
        count: number("count", 0),
        runs: number("runs", 5),
        moves: number("moves", 50),
        cols: number("cols", 200) as u16,
        rows: number("rows", 60) as u16,
        cache: named.get("cache").map(PathBuf::from),
        query: named.get("query").cloned().unwrap_or_else(|| "qadi".into()),
        until: named.get("until").cloned(),
        filter: named.get("filter").cloned(),
        settle: named.get("settle").is_some_and(|v| v == "yes"),
        team: named.get("team").map(|t| absolute(t)),
    }
}

fn absolute(path: &str) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|e| {
        eprintln!("pty_bench: {path}: {e}");
        std::process::exit(2)
    })
}

fn main() {
    let o = options();
    let result = match o.mode.as_str() {
        "startup" => startup(&o),
        "keys" => keys(&o),
        "peer" => peer(&o),
        "team" => team(&o),
        other => {
            eprintln!("pty_bench: unknown mode {other}");
            std::process::exit(2)
        }
    };
    println!("JSON {result}");
}

/// What arrived from the terminal, and when.
struct Chunk {
    at: Instant,
    bytes: Vec<u8>,
}

/// The reader running in a pseudo-terminal, its screen emulated.
struct Session {
    _home: tempfile::TempDir,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    rx: Receiver<Chunk>,
    parser: vt100::Parser,
    pid: u32,
    started: Instant,
    /// Bytes read so far.
    total: usize,
    /// When the last chunk arrived.
    last_chunk_at: Option<Instant>,
}

impl Session {
    fn spawn(o: &Options, cache: Option<&Path>) -> Session {
        let home = tempfile::tempdir().expect("temp dir");
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: o.rows,
                cols: o.cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(&o.bin);
        cmd.arg(&o.dir);
        cmd.cwd(home.path());
        cmd.env_clear();
        cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        cmd.env("HOME", home.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("XDG_CONFIG_HOME", home.path().join("config"));
        cmd.env("XDG_STATE_HOME", home.path().join("state"));
        cmd.env("BRIEF_STATE_DIR", home.path().join("state/brief"));
        if let Some(team) = &o.team {
            cmd.env("BRIEF_TEAM_DIR", team);
        }
        cmd.env(
            "XDG_CACHE_HOME",
            cache.map_or_else(|| home.path().join("cache"), Path::to_path_buf),
        );
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let (tx, rx) = mpsc::channel();
        // The clock starts just before the process does.
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("spawn the reader");
        drop(pair.slave);
        std::thread::spawn(move || {
            let _master = pair.master;
            let mut buf = vec![0u8; 1 << 16];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let chunk = Chunk {
                            at: Instant::now(),
                            bytes: buf[..n].to_vec(),
                        };
                        if tx.send(chunk).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        let pid = child.process_id().unwrap_or(0);
        Session {
            _home: home,
            child,
            writer,
            rx,
            parser: vt100::Parser::new(o.rows, o.cols, 0),
            pid,
            started,
            total: 0,
            last_chunk_at: None,
        }
    }

    /// The next chunk, fed to the emulator; `None` after `wait` without one.
    fn next(&mut self, wait: Duration) -> Option<Chunk> {
        match self.rx.recv_timeout(wait) {
            Ok(chunk) => {
                self.parser.process(&chunk.bytes);
                self.total += chunk.bytes.len();
                self.last_chunk_at = Some(chunk.at);
                Some(chunk)
            }
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => {
                panic!("the reader closed the terminal:\n{}", self.screen_text())
            }
        }
    }

    /// When the screen first satisfied `done`, as the time its last chunk arrived.
    fn wait_until(&mut self, done: impl Fn(&vt100::Screen) -> bool) -> Instant {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "timed out; screen:\n{}",
                self.screen_text()
            );
            if let Some(chunk) = self.next(left)
                && done(self.parser.screen())
            {
                return chunk.at;
            }
        }
    }

    /// Reads until nothing arrives for `QUIET`; returns the chunks' bytes and first arrival.
    fn until_quiet(&mut self, first_wait: Duration) -> (usize, Option<Instant>) {
        let mut bytes = 0;
        let mut first = None;
        let mut wait = first_wait;
        while let Some(chunk) = self.next(wait) {
            first.get_or_insert(chunk.at);
            bytes += chunk.bytes.len();
            wait = QUIET;
        }
        (bytes, first)
    }

    fn press(&mut self, keys: &[u8]) -> Instant {
        let at = Instant::now();
        self.writer.write_all(keys).expect("write a key");
        self.writer.flush().expect("flush a key");
        at
    }

    fn screen_text(&self) -> String {
        self.parser.screen().contents()
    }

    /// CPU time the reader has used so far, in clock ticks (user + system, all threads).
    fn cpu_ticks(&self) -> Option<u64> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)).ok()?;
        // Fields after the command name (which may hold spaces) in parentheses.
        let rest = &stat[stat.rfind(')')? + 2..];
        let fields: Vec<&str> = rest.split_whitespace().collect();
        Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
    }

    /// CPU time the reader's main thread (the one that handles keys and draws) has used so far,
    /// in clock ticks (user + system).
    fn main_thread_ticks(&self) -> Option<u64> {
        let stat = std::fs::read_to_string(format!("/proc/{0}/task/{0}/stat", self.pid)).ok()?;
        let rest = &stat[stat.rfind(')')? + 2..];
        let fields: Vec<&str> = rest.split_whitespace().collect();
        Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
    }

    /// Waits until the reader has done its work in the background (loading, indexing, writing
    /// its cache): no CPU time used for half a second. Reading the peak memory before that
    /// would miss it. Output meanwhile is read and kept.
    fn wait_idle(&mut self) {
        let deadline = Instant::now() + TIMEOUT;
        let mut last = self.cpu_ticks();
        let mut still = 0;
        while still < 5 && Instant::now() < deadline {
            let _ = self.next(Duration::from_millis(100));
            let now = self.cpu_ticks();
            still = if now == last { still + 1 } else { 0 };
            last = now;
        }
    }

    /// Peak resident memory of the reader so far, in KiB.
    fn vm_hwm(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid)).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))?
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()
    }

    fn quit(mut self) {
        let _ = self.press(b"\x1b");
        let _ = self.press(b"q");
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            let _ = self.rx.recv_timeout(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A row of the list: a date `YYYY-MM-DD` anywhere on the screen.
fn shows_a_date(screen: &vt100::Screen) -> bool {
    screen.contents().lines().any(|line| {
        let b = line.as_bytes();
        b.windows(10).any(|w| {
            w[..4].iter().all(u8::is_ascii_digit)
                && w[4] == b'-'
                && w[5..7].iter().all(u8::is_ascii_digit)
                && w[7] == b'-'
                && w[8..].iter().all(u8::is_ascii_digit)
        })
    })
}

/// The list's title counts all `n` briefings (and no other number: not `3000/10000`).
fn shows_all(screen: &vt100::Screen, n: usize) -> bool {
    screen
        .contents()
        .lines()
        .filter(|line| line.contains("Briefings"))
        .any(|line| {
            let numbers: Vec<String> = line
                .split(|c: char| !(c.is_ascii_digit() || c == ','))
                .map(|s| s.replace(',', ""))
                .filter(|s| !s.is_empty())
                .collect();
            !numbers.is_empty() && numbers.iter().all(|s| s == &n.to_string())
        })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Median, p95 (nearest rank) and maximum.
fn summary(values: &[f64]) -> Value {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let rank = |q: f64| v[((q * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1];
    if v.is_empty() {
        return Value::Null;
    }
    json!({"median": rank(0.5), "p95": rank(0.95), "max": v[v.len() - 1], "min": v[0], "n": v.len()})
}

fn startup(o: &Options) -> Value {
    let mut first_byte = Vec::new();
    let mut list = Vec::new();
    let mut all = Vec::new();
    let mut rss = Vec::new();
    let mut cpu = Vec::new();
    let mut frame_bytes = Vec::new();
    if let Some(cache) = &o.cache {
        // A warm start needs one start before it to leave its cache behind (not timed).
        std::fs::create_dir_all(cache).expect("cache folder");
        let mut s = Session::spawn(o, Some(cache));
        s.wait_until(|screen| shows_all(screen, o.count));
        // The cache is written once the background load is over: quitting before would
        // leave none, and the first timed start would be a first start.
        s.wait_idle();
        s.quit();
    }
    for run in 0..o.runs {
        let mut s = Session::spawn(o, o.cache.as_deref());
        let first = s.next(TIMEOUT).expect("some output").at;
        let shown = if shows_a_date(s.parser.screen()) {
            first
        } else {
            s.wait_until(shows_a_date)
        };
        let complete = if shows_all(s.parser.screen(), o.count) {
            shown
        } else {
            s.wait_until(|screen| shows_all(screen, o.count))
        };
        let (_, _) = s.until_quiet(QUIET);
        let (f, l, a) = (
            ms(first - s.started),
            ms(shown - s.started),
            ms(complete - s.started),
        );
        eprintln!(
            "run {}: first byte {f:.1} ms, list shown {l:.1} ms, all {} shown {a:.1} ms",
            run + 1,
            o.count
        );
        first_byte.push(f);
        list.push(l);
        all.push(a);
        frame_bytes.push(s.total as f64);
        s.wait_idle();
        if let Some(kib) = s.vm_hwm() {
            rss.push(kib as f64);
        }
        // /proc counts in USER_HZ, 100 a second on Linux whatever the kernel's own tick.
        if let Some(ticks) = s.cpu_ticks() {
            cpu.push(ticks as f64 * 10.0);
        }
        s.quit();
    }
    json!({
        "mode": "startup",
        "count": o.count,
        "size": format!("{}x{}", o.cols, o.rows),
        "warm_cache": o.cache.is_some(),
        "first_byte_ms": summary(&first_byte),
        "list_shown_ms": summary(&list),
        "all_shown_ms": summary(&all),
        "first_screen_bytes": summary(&frame_bytes),
        "reader_vm_hwm_kib": summary(&rss),
        "reader_cpu_ms": summary(&cpu),
    })
}

/// Another program's first screen: until the screen shows `--until`.
fn peer(o: &Options) -> Value {
    let Some(until) = o.until.as_deref() else {
        eprintln!("pty_bench peer: --until TEXT is needed");
        std::process::exit(2)
    };
    let mut shown = Vec::new();
    let mut cpu = Vec::new();
    let mut rss = Vec::new();
    for run in 0..o.runs {
        let mut s = Session::spawn(o, None);
        let at = s.wait_until(|screen| screen.contents().contains(until));
        let l = ms(at - s.started);
        eprintln!("run {}: {until:?} shown {l:.1} ms", run + 1);
        shown.push(l);
        let _ = s.until_quiet(QUIET);
        if let Some(ticks) = s.cpu_ticks() {
            cpu.push(ticks as f64 * 10.0);
        }
        if let Some(kib) = s.vm_hwm() {
            rss.push(kib as f64);
        }
        s.quit();
    }
    json!({
        "mode": "peer",
        "program": o.bin.display().to_string(),
        "size": format!("{}x{}", o.cols, o.rows),
        "first_screen_ms": summary(&shown),
        "cpu_ms": summary(&cpu),
        "vm_hwm_kib": summary(&rss),
    })
}

/// Cells that differ between two screens (text or attributes).
fn team(o: &Options) -> Value {
    if o.team.is_none() {
        eprintln!("pty_bench team: --team DIR is needed");
        std::process::exit(2)
    }
    let mut s = Session::spawn(o, None);
    s.wait_until(shows_a_date);
    s.wait_idle();
    // The view remembers its scope: open it and switch to the team once, untimed.
    for keys in [&b"F"[..], b"t", b"t", b"\x1b"] {
        s.press(keys);
        s.until_quiet(TIMEOUT);
    }
    let (mut open_first, mut open_frame) = (Vec::new(), Vec::new());
    let (mut switch_first, mut switch_frame) = (Vec::new(), Vec::new());
    for _ in 0..o.runs {
        // `F` opens it on the team; `t` twice goes round mine and assigned to me, the third
        // comes back to the team.
        let (first, frame) = timed_frame(&mut s, b"F");
        open_first.push(first);
        open_frame.push(frame);
        for keys in [&b"t"[..], b"t"] {
            s.press(keys);
            s.until_quiet(TIMEOUT);
        }
        let (first, frame) = timed_frame(&mut s, b"t");
        switch_first.push(first);
        switch_frame.push(frame);
        s.press(b"\x1b");
        s.until_quiet(TIMEOUT);
    }
    s.quit();
    json!({
        "open_first_byte_ms": summary(&open_first),
        "open_frame_ms": summary(&open_frame),
        "switch_first_byte_ms": summary(&switch_first),
        "switch_frame_ms": summary(&switch_frame),
    })
}

/// Presses `keys` and times the frame that follows: to its first byte and to its last one
/// (the output then quiet), in milliseconds. The screen must then show the team view.
fn timed_frame(s: &mut Session, keys: &[u8]) -> (f64, f64) {
    let pressed = s.press(keys);
    let (_, first) = s.until_quiet(TIMEOUT);
    let first = first.expect("a frame");
    let last = s.last_chunk_at.expect("a frame");
    let screen = s.screen_text();
    assert!(
        screen.contains("(team"),
        "the team view is not shown:\n{screen}"
    );
    (ms(first - pressed), ms(last - pressed))
}

fn changed_cells(before: &vt100::Screen, after: &vt100::Screen, rows: u16, cols: u16) -> usize {
    let mut n = 0;
    for row in 0..rows {
        for col in 0..cols {
            if before.cell(row, col) != after.cell(row, col) {
                n += 1;
            }
        }
    }
    n
}

/// One key press: latency to the first byte, bytes until quiet, cells changed.
struct Press {
    latency_ms: Option<f64>,
    bytes: usize,
    cells: usize,
}

fn measure(s: &mut Session, o: &Options, keys: &[u8]) -> Press {
    let before = s.parser.screen().clone();
    let at = s.press(keys);
    let (bytes, first) = s.until_quiet(Duration::from_secs(5));
    Press {
        latency_ms: first.map(|f| ms(f - at)),
        bytes,
        cells: changed_cells(&before, s.parser.screen(), o.rows, o.cols),
    }
}

fn presses_summary(presses: &[Press]) -> Value {
    let latency: Vec<f64> = presses.iter().filter_map(|p| p.latency_ms).collect();
    let bytes: Vec<f64> = presses.iter().map(|p| p.bytes as f64).collect();
    let cells: Vec<f64> = presses.iter().map(|p| p.cells as f64).collect();
    let total_bytes: usize = presses.iter().map(|p| p.bytes).sum();
    let total_cells: usize = presses.iter().map(|p| p.cells).sum();
    json!({
        "presses": presses.len(),
        "answered": latency.len(),
        "latency_ms": summary(&latency),
        "bytes": summary(&bytes),
        "changed_cells": summary(&cells),
        "bytes_per_changed_cell": if total_cells > 0 { Value::from(total_bytes as f64 / total_cells as f64) } else { Value::Null },
    })
}

fn keys(o: &Options) -> Value {
    let mut s = Session::spawn(o, o.cache.as_deref());
    let ready = s.wait_until(|screen| shows_all(screen, o.count));
    s.until_quiet(Duration::from_millis(300));
    if o.settle {
        s.wait_idle();
    }
    eprintln!(
        "{} briefings shown after {:.1} ms",
        o.count,
        ms(ready - s.started)
    );
    let mut moves = Vec::new();
    let ticks = s.main_thread_ticks();
    for _ in 0..o.moves {
        moves.push(measure(&mut s, o, b"j"));
    }
    // The main thread's CPU time a move (all it does for one: the update, the frame, and what
    // it does while waiting for the next key), whatever the load of the machine. In ticks of
    // 10 ms: a hundred moves or more make it precise.
    let cpu_per_move = ticks
        .zip(s.main_thread_ticks())
        .map(|(before, after)| (after - before) as f64 * 10.0 / o.moves.max(1) as f64);
    let mut moved = presses_summary(&moves);
    moved["main_thread_cpu_ms_per_move"] = json!(cpu_per_move);
    eprintln!("moves: {moved}");

    let open = measure(&mut s, o, b"/");
    let mut typed = Vec::new();
    for c in o.query.chars() {
        let mut buf = [0u8; 4];
        typed.push(measure(&mut s, o, c.encode_utf8(&mut buf).as_bytes()));
    }
    let searched = presses_summary(&typed);
    eprintln!("search keystrokes: {searched}");
    let per_letter: Vec<Value> = typed
        .iter()
        .map(|p| json!({"latency_ms": p.latency_ms, "bytes": p.bytes, "changed_cells": p.cells}))
        .collect();
    // The list filter (`--filter`): Esc closes the search, `l` opens the filter box, the
    // query is typed a letter at a time, then Enter, each timed to its first byte back.
    let filtered = o.filter.as_deref().map(|query| {
        let _ = measure(&mut s, o, b"\x1b");
        let _ = measure(&mut s, o, b"l");
        let mut letters = Vec::new();
        for c in query.chars() {
            let mut buf = [0u8; 4];
            letters.push(measure(&mut s, o, c.encode_utf8(&mut buf).as_bytes()));
        }
        let enter = measure(&mut s, o, b"\r");
        let summary = presses_summary(&letters);
        eprintln!(
            "filter keystrokes: {summary}; Enter {:.1} ms",
            enter.latency_ms.unwrap_or(f64::NAN)
        );
        json!({"query": query, "keystrokes": summary, "enter_ms": enter.latency_ms,
               "per_letter_ms": letters.iter().map(|p| p.latency_ms).collect::<Vec<_>>()})
    });
    s.wait_idle();
    let rss = s.vm_hwm();
    s.quit();
    json!({
        "mode": "keys",
        "filter": filtered,
        "count": o.count,
        "size": format!("{}x{}", o.cols, o.rows),
        "moves": moved,
        "search_open": {"latency_ms": open.latency_ms, "bytes": open.bytes, "changed_cells": open.cells},
        "search_query": o.query,
        "search_keystrokes": searched,
        "search_per_letter": per_letter,
        "reader_vm_hwm_kib": rss,
    })
}
