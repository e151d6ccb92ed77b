//! Hostile and broken input: the loader never panics, never overflows the stack, keeps to its
//! size limits with bounded memory, and nothing a briefing holds reaches plain output raw.
//!
//! Everything here is bounded so the file runs in seconds in a debug build on two cores: the
//! property tests try a few thousand files per run (a new random sample every run; a failure
//! prints the smallest input proptest found), and every run of the real binary has a deadline.
//! Deep nesting is loaded by the real binary in a child process, so a stack overflow fails one
//! test instead of aborting them all. The reader's raw bytes on a pseudo-terminal are tested in
//! `pty.rs`; the fuzz targets in `fuzz/` cover the same loader for much longer runs.

#![cfg(unix)]

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use brief::briefing::sanitize::{is_forbidden, placeholder};
use brief::briefing::{Briefing, ItemKind, MAX_FILE_BYTES, Problem, Severity, Target, load_file};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestError, TestRunner};
use serde_json::{Map, Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_brief");
/// A deadline for one run of the binary; far above what any run here needs.
const DEADLINE: Duration = Duration::from_secs(20);

// ---------------------------------------------------------------- helpers

/// Every string in `value`, keys included; iterative, as values may be deep.
fn json_strings(value: &Value) -> Vec<&str> {
    let mut out = Vec::new();
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::String(s) => out.push(s.as_str()),
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => {
                for (k, v) in map {
                    out.push(k.as_str());
                    stack.push(v);
                }
            }
            _ => {}
        }
    }
    out
}

fn forbidden_in(text: &str) -> Option<char> {
    text.chars().find(|&c| is_forbidden(c))
}

/// Every string of a loaded briefing (through its JSON, so `x-` extensions count too) and of
/// every problem is free of forbidden characters; problems are located from 1:1.
fn assert_clean(briefing: Option<&Briefing>, problems: &[Problem]) {
    if let Some(b) = briefing {
        let json = serde_json::to_value(b).expect("a briefing serialises");
        for s in json_strings(&json) {
            if let Some(c) = forbidden_in(s) {
                panic!("U+{:04X} in a loaded string: {s:?}", c as u32);
            }
        }
    }
    for p in problems {
        assert!(p.line >= 1 && p.column >= 1, "{p:?}");
        let mut texts = vec![p.to_string()];
        texts.extend(p.hint.clone());
        texts.extend(p.excerpt.as_ref().map(|e| e.text.clone()));
        for t in texts {
            if let Some(c) = forbidden_in(&t) {
                panic!("U+{:04X} in a problem: {t:?}", c as u32);
            }
        }
    }
}

/// The shipped briefings and the tests' fixtures: (file name, bytes).
fn seeds() -> &'static [(String, Vec<u8>)] {
    static SEEDS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut folders = vec![root.join("briefings"), root.join("tests/fixtures")];
        while let Some(folder) = folders.pop() {
            for entry in fs::read_dir(&folder).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    folders.push(path);
                } else if matches!(
                    path.extension().and_then(OsStr::to_str),
                    Some("toml" | "json")
                ) {
                    let name = path.file_name().unwrap().to_str().unwrap().to_string();
                    files.push((name, fs::read(&path).unwrap()));
                }
            }
        }
        files.sort();
        assert!(files.len() >= 10, "seeds not found: {files:?}");
        files
    })
}

/// What a run of the binary gave back.
struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    /// The largest resident set seen (`VmHWM`, polled while it ran), in KiB; `None` when no
    /// reading was taken. (`wait4`'s `ru_maxrss` would be exact, but it counts the memory of
    /// this test process, which the child shared until its `exec`.)
    peak_rss_kib: Option<u64>,
}

impl Run {
    fn out(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    fn err(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    /// Exited with `code` (not a signal, so no overflow and no abort), and no panic.
    fn expect(self, code: i32) -> Run {
        assert!(
            !self.err().contains("panicked") && !self.err().contains("overflow"),
            "stderr: {}",
            self.err()
        );
        assert_eq!(
            self.code,
            Some(code),
            "stdout:\n{}\nstderr:\n{}",
            truncate(&self.out()),
            truncate(&self.err())
        );
        self
    }

    /// Neither stream carries a byte that a terminal would act on.
    fn assert_no_controls(&self, what: &str) {
        assert_no_controls(&format!("{what} (stdout)"), &self.stdout);
        assert_no_controls(&format!("{what} (stderr)"), &self.stderr);
    }
}

fn truncate(text: &str) -> String {
    if text.len() <= 4000 {
        return text.to_string();
    }
    let mut end = 4000;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &text[..end], text.len())
}

/// No ESC, no other C0 but newline and tab, no DEL, no C1 (as UTF-8 `C2 80`-`C2 9F`), no bidi
/// embedding, override or isolate: checked on the raw bytes.
fn assert_no_controls(what: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| {
        panic!(
            "{what}: not UTF-8 ({e}): {:?}",
            String::from_utf8_lossy(bytes)
        )
    });
    assert!(!bytes.contains(&0x1b), "{what}: raw ESC in {text:?}");
    let c1 = bytes
        .windows(2)
        .any(|w| w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1]));
    assert!(!c1, "{what}: raw C1 control in {text:?}");
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| is_forbidden(c)) {
        panic!(
            "{what}: U+{:04X} at byte {at} in {:?}",
            c as u32,
            truncate(text)
        );
    }
}

/// Runs `brief ARGS` in `cwd` with `state` as its state folder, a home inside `cwd`, and a
/// deadline; with `vmem_mib`, under a virtual-memory limit (`ulimit -v`), so that a run that
/// would need unbounded memory fails instead of swapping.
fn brief_in(cwd: &Path, state: &Path, args: &[&OsStr], vmem_mib: Option<u64>) -> Run {
    let mut cmd = match vmem_mib {
        Some(mib) => {
            let mut c = Command::new("sh");
            c.arg("-c")
                .arg(format!("ulimit -v {} && exec \"$0\" \"$@\"", mib * 1024))
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
        .current_dir(cwd)
        .env_remove("BRIEF_DIR")
        .env_remove("BRIEF_STATE_DIR")
        .env("HOME", cwd.join("home"))
        .env("XDG_STATE_HOME", cwd.join("home/state"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run brief");
    let reader = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = reader(Box::new(child.stdout.take().unwrap()));
    let stderr = reader(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_rss_kib: Option<u64> = None;
    let status = loop {
        // VmHWM only grows; the last reading before the process ends is (nearly) its peak.
        if let Some(kib) = fs::read_to_string(&status_file).ok().and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        }) {
            peak_rss_kib = peak_rss_kib.max(Some(kib));
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("brief {args:?} still running after {DEADLINE:?}: a hang");
        }
        // Often, so that even a short run is read several times, the last close to its end.
        std::thread::sleep(Duration::from_millis(1));
    };
    Run {
        code: status.code(),
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
        peak_rss_kib,
    }
}

/// A temporary folder of briefings (`b/`), with its own state folder.
struct World {
    dir: tempfile::TempDir,
}

impl World {
    fn new() -> World {
        let w = World {
            dir: tempfile::tempdir().unwrap(),
        };
        fs::create_dir(w.briefings()).unwrap();
        w
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn briefings(&self) -> PathBuf {
        self.root().join("b")
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.briefings().join(name);
        fs::write(&path, bytes).unwrap();
        path
    }

    fn run(&self, args: &[&str]) -> Run {
        let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
        brief_in(self.root(), &self.root().join("state"), &args, None)
    }

    fn run_limited(&self, args: &[&str], vmem_mib: u64) -> Run {
        let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
        brief_in(
            self.root(),
            &self.root().join("state"),
            &args,
            Some(vmem_mib),
        )
    }
}

fn errors(problems: &[Problem]) -> Vec<&Problem> {
    problems.iter().filter(|p| p.is_error()).collect()
}

fn warnings(problems: &[Problem]) -> Vec<&Problem> {
    problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .collect()
}

/// A TOML basic string holding `text`, every control character escaped (C1 and bidi controls
/// are legal raw in TOML and are left raw).
fn toml_str(text: &str) -> String {
    let mut s = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\t' => s.push_str("\\t"),
            '\r' => s.push_str("\\r"),
            '\u{8}' => s.push_str("\\b"),
            '\u{c}' => s.push_str("\\f"),
            c if c < ' ' || c == '\u{7f}' => write!(s, "\\u{:04X}", c as u32).unwrap(),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// `value` as TOML: a document of `"key" = inline-value` lines (no nulls expected).
fn to_toml(value: &Value) -> String {
    fn inline(v: &Value, out: &mut String) {
        match v {
            Value::Null => out.push_str("\"\""),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => out.push_str(&n.to_string()),
            Value::String(s) => out.push_str(&toml_str(s)),
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    inline(item, out);
                }
                out.push(']');
            }
            Value::Object(map) => {
                out.push('{');
                for (i, (k, v)) in map.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write!(out, " {} = ", toml_str(k)).unwrap();
                    inline(v, out);
                }
                out.push_str(" }");
            }
        }
    }
    let mut out = String::new();
    for (k, v) in value.as_object().expect("a table") {
        write!(out, "{} = ", toml_str(k)).unwrap();
        inline(v, &mut out);
        out.push('\n');
    }
    out
}

/// Loads `bytes` as the file `name` in a fresh folder.
fn load_bytes(dir: &Path, name: &str, bytes: &[u8]) -> (Option<Briefing>, Vec<Problem>) {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    let r = load_file(&path);
    (r.briefing.map(|b| (*b).clone()), r.problems)
}

// ---------------------------------------------------------------- mutated files

/// One edit of a file's bytes. Positions are fractions of the current length.
#[derive(Clone, Debug)]
enum Mutation {
    FlipBit(Index, u8),
    SetByte(Index, u8),
    Truncate(Index),
    Insert(Index, Vec<u8>),
    DeleteRange(Index, usize),
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
}

/// Bytes that tend to matter to the parsers, the rules and the sanitiser.
const TOKENS: &[&str] = &[
    "\"",
    "'",
    "[",
    "]",
    "{",
    "}",
    "[[",
    "]]",
    "\"\"\"",
    "'''",
    "\\",
    "=",
    ",",
    ":",
    "#",
    "\n",
    "\r\n",
    "\t",
    "null",
    "true",
    "1e999",
    "99999999999999999999",
    "-0",
    "nan",
    "inf",
    "\u{1b}",
    "\u{1b}[31m",
    "\u{1b}]52;c;aGk=\u{7}",
    "\u{9b}",
    "\u{85}",
    "\u{202e}",
    "\u{2066}",
    "\u{200f}",
    "\u{feff}",
    "\u{0}",
    "\u{7f}",
    "\\u001b",
    "\\u009b",
    "\\u202E",
    "\\e",
    "\\x1b",
    "\\U0001F600",
    "\\ud800",
    "\\u0000",
    "[[actors]]\n",
    "[[quotes]]\n",
    "[[events]]\n",
    "id = \"a\"\n",
    "x-k = 1\n",
    "\"x-\u{1b}\" = 1\n",
    "\"x-j\": [1, {\"a\": null}],",
    "speaker = \"nobody\"\n",
    "date = 2024-02-30\n",
    "1979-05-27T07:32:00Z",
    "a.b.c = 1\n",
    "\u{10ffff}",
    "é",
    "ش",
    "😀",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    let insert = prop_oneof![
        3 => prop::sample::select(TOKENS).prop_map(|t| t.as_bytes().to_vec()),
        2 => prop::collection::vec(any::<u8>(), 1..6),
        1 => (0u8..0x20).prop_map(|b| vec![b]),
    ];
    prop_oneof![
        3 => (any::<Index>(), 0u8..8).prop_map(|(i, b)| Mutation::FlipBit(i, b)),
        2 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::SetByte(i, b)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        5 => (any::<Index>(), insert).prop_map(|(i, b)| Mutation::Insert(i, b)),
        2 => (any::<Index>(), 1usize..64).prop_map(|(i, n)| Mutation::DeleteRange(i, n)),
        2 => any::<Index>().prop_map(Mutation::DeleteLine),
        2 => any::<Index>().prop_map(Mutation::DuplicateLine),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

/// Byte ranges of the lines of `bytes`, each with its newline.
fn lines(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < bytes.len() {
        out.push(start..bytes.len());
    }
    out
}

fn mutate(bytes: &mut Vec<u8>, m: &Mutation) {
    let at = |i: &Index, len: usize| if len == 0 { 0 } else { i.index(len + 1) };
    match m {
        Mutation::FlipBit(i, bit) if !bytes.is_empty() => {
            let at = i.index(bytes.len());
            bytes[at] ^= 1 << bit;
        }
        Mutation::SetByte(i, b) if !bytes.is_empty() => {
            let at = i.index(bytes.len());
            bytes[at] = *b;
        }
        Mutation::Truncate(i) => bytes.truncate(at(i, bytes.len())),
        Mutation::Insert(i, new) => {
            let at = at(i, bytes.len());
            bytes.splice(at..at, new.iter().copied());
        }
        Mutation::DeleteRange(i, n) => {
            let at = at(i, bytes.len());
            let end = (at + n).min(bytes.len());
            bytes.drain(at..end);
        }
        Mutation::DeleteLine(i) | Mutation::DuplicateLine(i) => {
            let lines = lines(bytes);
            if lines.is_empty() {
                return;
            }
            let line = lines[i.index(lines.len())].clone();
            if matches!(m, Mutation::DeleteLine(_)) {
                bytes.drain(line);
            } else {
                let copy = bytes[line.clone()].to_vec();
                bytes.splice(line.start..line.start, copy);
            }
        }
        Mutation::SwapLines(a, b) => {
            let lines = lines(bytes);
            if lines.len() < 2 {
                return;
            }
            let (mut a, mut b) = (
                lines[a.index(lines.len())].clone(),
                lines[b.index(lines.len())].clone(),
            );
            if a.start > b.start {
                std::mem::swap(&mut a, &mut b);
            }
            if a.start == b.start {
                return;
            }
            let mut out = bytes[..a.start].to_vec();
            out.extend_from_slice(&bytes[b.clone()]);
            out.extend_from_slice(&bytes[a.end..b.start]);
            out.extend_from_slice(&bytes[a.clone()]);
            out.extend_from_slice(&bytes[b.end..]);
            *bytes = out;
        }
        _ => {}
    }
}

fn run_property<S: Strategy>(
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    // PROPTEST_CASES=N runs a longer hunt than CI's.
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    let config = Config {
        cases,
        // A failure is printed with its smallest input; nothing is written into the tree.
        failure_persistence: None,
        max_shrink_iters: 2000,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    match runner.run(&strategy, test) {
        Ok(()) => {}
        Err(TestError::Fail(why, input)) => panic!("{why}\nsmallest failing input: {input:#?}"),
        Err(e) => panic!("{e}"),
    }
}

/// Thousands of mutations of real briefings and fixtures: the loader never panics, and what
/// it returns never carries a forbidden character.
#[test]
fn mutated_briefings_never_panic_and_stay_clean() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = seeds();
    let strategy = (
        0..seeds.len(),
        prop::collection::vec(mutation(), 1..8),
        prop::bool::weighted(0.1),
    );
    run_property(2500, strategy, |(seed, mutations, swap_format)| {
        let (name, original) = &seeds[seed];
        let mut bytes = original.clone();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        // Now and then, the bytes of one format under the other's name.
        let name = match (swap_format, name.strip_suffix(".toml")) {
            (false, _) => name.clone(),
            (true, Some(stem)) => format!("{stem}.json"),
            (true, None) => name.replace(".json", ".toml"),
        };
        let (briefing, problems) = load_bytes(dir.path(), &name, &bytes);
        prop_assert!(
            briefing.is_some() || !errors(&problems).is_empty(),
            "neither loaded nor an error"
        );
        assert_clean(briefing.as_ref(), &problems);
        Ok(())
    });
}

// ---------------------------------------------------------------- structured random briefings

const TOP: &[&str] = &[
    "format",
    "id",
    "title",
    "date",
    "summary",
    "tags",
    "handling",
    "judgments",
    "sources",
    "actors",
    "quotes",
    "events",
];
const JUDGMENT: &[&str] = &["id", "text", "likelihood", "confidence", "note"];
const SOURCE: &[&str] = &["id", "name", "url", "published", "reliability"];
const ACTOR: &[&str] = &[
    "id",
    "name",
    "kind",
    "role",
    "affiliation",
    "aliases",
    "anonymous",
    "note",
];
const QUOTE: &[&str] = &[
    "id",
    "speaker",
    "text",
    "mode",
    "context",
    "said",
    "source",
    "about",
    "credibility",
    "note",
];
const EVENT: &[&str] = &["id", "date", "text", "actors", "credibility", "note"];

/// Characters for random text: plain, scripts, quotes and escapes, and every kind of
/// forbidden character.
const CHARS: &[char] = &[
    'a', 'b', 'z', 'A', ' ', ' ', '.', '-', '\n', '\t', '"', '\\', '\'', '[', '{', '#', 'ش', 'é',
    '😀', '\u{200f}', '\u{200e}', '\u{61c}', '\u{1b}', '\u{7}', '\u{0}', '\r', '\u{8}', '\u{7f}',
    '\u{85}', '\u{9b}', '\u{9d}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{feff}',
];

fn text() -> BoxedStrategy<String> {
    prop::collection::vec(prop::sample::select(CHARS), 0..10)
        .prop_map(String::from_iter)
        .boxed()
}

/// Ids: mostly a few valid ones (so references often resolve and ids collide), some invalid.
fn id() -> BoxedStrategy<Value> {
    prop_oneof![
        6 => prop::sample::select(&["a", "b", "src", "q1", "e1", "j-1", "x.y_z"][..])
            .prop_map(|s| json!(s)),
        1 => prop::sample::select(&["", "A", "a b", "-a", "é", "a/b", "\u{1b}a"][..])
            .prop_map(|s| json!(s)),
        1 => text().prop_map(Value::String),
    ]
    .boxed()
}

fn words(list: &'static [&'static str]) -> BoxedStrategy<Value> {
    prop_oneof![
        5 => prop::sample::select(list).prop_map(|s| json!(s)),
        1 => text().prop_map(Value::String),
    ]
    .boxed()
}

fn date() -> BoxedStrategy<Value> {
    prop::sample::select(
        &[
            "2024-09-18",
            "2024-02-29",
            "2023-02-29",
            "2024-13-01",
            "0000-01-01",
            "9999-12-31",
            "24-1-1",
            "",
            "2024-01-02T03:04:05Z",
            "2024-1-02",
        ][..],
    )
    .prop_map(|s| json!(s))
    .boxed()
}

fn event_date() -> BoxedStrategy<Value> {
    prop::sample::select(
        &[
            "2024",
            "2024-01",
            "2024-01~",
            "2024-01-31~",
            "2024~",
            "2024-00",
            "2024-02-30",
            "~",
            "",
            "20245",
        ][..],
    )
    .prop_map(|s| json!(s))
    .boxed()
}

/// Any value at all, nested a little.
fn anything() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|i| json!(i)),
        (-1e6f64..1e6).prop_map(|f| json!(f)),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((text(), inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
    .boxed()
}

/// A value for `field`: usually of the right kind, sometimes anything.
fn value_for(field: &str) -> BoxedStrategy<Value> {
    let strings = |s: BoxedStrategy<Value>| prop::collection::vec(s, 0..3).prop_map(Value::Array);
    let right: BoxedStrategy<Value> = match field {
        "format" => (-1i64..3).prop_map(|i| json!(i)).boxed(),
        "id" | "speaker" | "source" => id(),
        "date" | "said" | "published" => date(),
        "tags" | "aliases" => strings(text().prop_map(Value::String).boxed()).boxed(),
        "about" | "actors" => strings(id()).boxed(),
        "handling" => words(&["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED", "amber"]),
        "likelihood" => words(&["likely", "very unlikely", "almost certain", "Likely"]),
        "confidence" => words(&["low", "moderate", "high"]),
        "kind" => words(&["person", "organization", "state", "group", "unknown"]),
        "mode" => words(&["direct", "indirect"]),
        "reliability" => words(&["A", "B", "F", "G"]),
        "anonymous" => any::<bool>().prop_map(Value::Bool).boxed(),
        "credibility" => (-1i64..8).prop_map(|i| json!(i)).boxed(),
        _ => text().prop_map(Value::String).boxed(),
    };
    prop_oneof![8 => right, 1 => anything()].boxed()
}

/// A table with a random subset of `fields` (each `required` one usually there), sometimes
/// an unknown key or an extension.
fn table(
    fields: &'static [&'static str],
    required: &'static [&'static str],
) -> BoxedStrategy<Value> {
    let entries: Vec<BoxedStrategy<Option<(String, Value)>>> = fields
        .iter()
        .map(|&f| {
            let p = if required.contains(&f) { 0.9 } else { 0.4 };
            // An event's date is a timeline date; every other date is a calendar day.
            let value = if std::ptr::eq(fields, EVENT) && f == "date" {
                event_date()
            } else {
                value_for(f)
            };
            prop::option::weighted(p, value.prop_map(move |v| (f.to_string(), v))).boxed()
        })
        .collect();
    let extra = prop::option::weighted(
        0.15,
        (
            prop::sample::select(
                &[
                    "x-data",
                    "x-",
                    "sumary",
                    "ID",
                    "x-\u{1b}]0;t\u{7}",
                    "\u{9b}k",
                ][..],
            ),
            anything(),
        ),
    );
    (entries, extra)
        .prop_map(|(entries, extra)| {
            let mut map = Map::new();
            for (k, v) in entries.into_iter().flatten() {
                map.insert(k, v);
            }
            if let Some((k, v)) = extra {
                map.insert(k.to_string(), v);
            }
            Value::Object(map)
        })
        .boxed()
}

fn briefing_value() -> BoxedStrategy<Value> {
    let items = |s: BoxedStrategy<Value>| prop::collection::vec(s, 0..4).prop_map(Value::Array);
    (
        table(TOP, &["title", "date", "summary"]),
        prop::option::weighted(0.6, items(table(JUDGMENT, &["text"]))),
        prop::option::weighted(0.5, items(table(SOURCE, &["id", "name"]))),
        prop::option::weighted(0.7, items(table(ACTOR, &["id", "name"]))),
        prop::option::weighted(0.7, items(table(QUOTE, &["speaker", "text"]))),
        prop::option::weighted(0.6, items(table(EVENT, &["date", "text"]))),
    )
        .prop_map(|(mut top, j, s, a, q, e)| {
            let map = top.as_object_mut().unwrap();
            for (key, items) in [
                ("judgments", j),
                ("sources", s),
                ("actors", a),
                ("quotes", q),
                ("events", e),
            ] {
                if let Some(items) = items {
                    map.insert(key.to_string(), items);
                }
            }
            top
        })
        .boxed()
}

/// The outcome of a load with what may differ between formats (spans, excerpts) left out.
fn outcome(briefing: &Option<Briefing>, problems: &[Problem]) -> (Option<Value>, Vec<String>) {
    let mut messages: Vec<String> = problems
        .iter()
        .map(|p| {
            // A duplicate names where the first one is: a place in the file, which differs.
            let message = match p.message.split_once(" (the first is at ") {
                Some((head, _)) => head,
                None => &p.message,
            };
            format!("{}: {message} ({:?})", p.severity, p.hint)
        })
        .collect();
    messages.sort();
    (
        briefing.as_ref().map(|b| serde_json::to_value(b).unwrap()),
        messages,
    )
}

/// Random briefings built from the format's field names, written both as TOML and as JSON:
/// never a panic, never a forbidden character out, and both formats say exactly the same
/// (the format promises the same fields and the same rules for both).
#[test]
fn random_structured_briefings_load_alike_in_both_formats() {
    let dir = tempfile::tempdir().unwrap();
    run_property(600, briefing_value(), |value| {
        let toml = to_toml(&value);
        let json = serde_json::to_string_pretty(&value).unwrap();
        let (tb, tp) = load_bytes(dir.path(), "random.toml", toml.as_bytes());
        let (jb, jp) = load_bytes(dir.path(), "random.json", json.as_bytes());
        assert_clean(tb.as_ref(), &tp);
        assert_clean(jb.as_ref(), &jp);
        prop_assert!(
            !tp.iter().any(|p| p.message.starts_with("syntax error")),
            "the generated TOML does not parse: {tp:#?}\n{toml}"
        );
        prop_assert_eq!(
            outcome(&tb, &tp),
            outcome(&jb, &jp),
            "TOML and JSON differ:\n{}\n{}",
            toml,
            json
        );
        if let Some(b) = &tb {
            // Every item has an id that makes a target which parses back.
            let ids = b
                .judgments
                .iter()
                .map(|x| (ItemKind::Judgment, &x.id))
                .chain(b.actors.iter().map(|x| (ItemKind::Actor, &x.id)))
                .chain(b.quotes.iter().map(|x| (ItemKind::Quote, &x.id)))
                .chain(b.events.iter().map(|x| (ItemKind::Event, &x.id)));
            for (kind, id) in ids {
                let target = Target::item(&b.id, kind, id);
                prop_assert_eq!(target.to_string().parse::<Target>().ok(), Some(target));
            }
        }
        Ok(())
    });
}

// ---------------------------------------------------------------- size limits

const MIB: usize = 1024 * 1024;

/// A valid briefing whose summary pads the file to exactly `size` bytes.
fn padded_briefing(size: usize) -> String {
    let head = "title = \"Big\"\ndate = 2024-01-02\nsummary = \"";
    let tail = "\"\n";
    let mut text = String::with_capacity(size);
    text.push_str(head);
    text.push_str(&"a".repeat(size - head.len() - tail.len()));
    text.push_str(tail);
    assert_eq!(text.len(), size);
    text
}

#[test]
fn a_file_over_4_mib_is_rejected_at_1_1() {
    let dir = tempfile::tempdir().unwrap();
    let (b, p) = load_bytes(dir.path(), "five.toml", padded_briefing(5 * MIB).as_bytes());
    assert!(b.is_none());
    assert_eq!(p.len(), 1, "{p:#?}");
    assert_eq!((p[0].line, p[0].column), (1, 1));
    assert!(p[0].is_error());
    assert_eq!(
        p[0].message,
        "the file is 5.0 MiB; briefings are limited to 4 MiB"
    );
    assert_eq!(
        p[0].hint.as_deref(),
        Some("split it into several briefings")
    );
    assert!(p[0].excerpt.is_none());

    // The limit is inclusive: one byte more is too large, exactly the limit is read.
    let limit = MAX_FILE_BYTES as usize;
    let (b, p) = load_bytes(
        dir.path(),
        "over.toml",
        padded_briefing(limit + 1).as_bytes(),
    );
    assert!(b.is_none());
    assert!(p[0].message.contains("limited to 4 MiB"), "{p:#?}");
    let (b, p) = load_bytes(dir.path(), "at.toml", padded_briefing(limit).as_bytes());
    assert!(p.is_empty(), "{p:#?}");
    // 45 bytes of the file are not the summary.
    assert_eq!(b.unwrap().summary.len(), limit - 45);
}

/// The size is checked before reading: a sparse 64 GiB file is rejected at once, by the real
/// binary under a 1 GiB memory limit, and the other files still load.
#[test]
fn a_huge_sparse_file_is_never_read() {
    let w = World::new();
    let huge = w.write("huge.toml", b"");
    fs::OpenOptions::new()
        .write(true)
        .open(&huge)
        .unwrap()
        .set_len(64 << 30)
        .unwrap();
    w.write(
        "ok.toml",
        "title = \"Fine\"\ndate = 2024-01-02\nsummary = \"s\"\n",
    );
    let run = w.run_limited(&["check", "b"], 1024).expect(1);
    assert!(
        run.out().starts_with(
            "b/huge.toml:1:1: error: the file is 65536.0 MiB; briefings are limited to 4 MiB\n"
        ),
        "{}",
        run.out()
    );
    assert!(
        run.out()
            .ends_with("checked 2 files: 1 briefing, 1 error in 1 file, 0 warnings\n"),
        "{}",
        run.out()
    );
    let run = w.run_limited(&["list", "b"], 1024).expect(0);
    assert!(run.out().contains("Fine"), "{}", run.out());
}

#[test]
fn strings_of_a_million_characters() {
    let dir = tempfile::tempdir().unwrap();
    let million: String = "شa".repeat(500_000);
    // As the summary: loads, whole.
    for (name, text) in [
        (
            "long.toml",
            format!("title = \"T\"\ndate = 2024-01-02\nsummary = \"{million}\"\n"),
        ),
        (
            "long.json",
            json!({"title": "T", "date": "2024-01-02", "summary": million}).to_string(),
        ),
    ] {
        let (b, p) = load_bytes(dir.path(), name, text.as_bytes());
        assert!(p.is_empty(), "{name}: {p:#?}");
        assert_eq!(b.unwrap().summary.chars().count(), 1_000_000, "{name}");
    }
    // As the title: a clear error at the value.
    let text = format!("title = \"{million}\"\ndate = 2024-01-02\nsummary = \"s\"\n");
    let (b, p) = load_bytes(dir.path(), "title.toml", text.as_bytes());
    assert!(b.is_none());
    assert_eq!(
        (p[0].line, p[0].column, p[0].message.as_str()),
        (
            1,
            9,
            "`title` is 1000000 characters long; at most 200 are allowed"
        )
    );
    // As a key, an id, a word of a vocabulary, a date and a reference: clear errors, and no
    // "did you mean" search that grows with the length of the text.
    let long = "k".repeat(1_000_000);
    for (what, text) in [
        ("key", format!("\"{long}\" = 1\n")),
        ("id", format!("id = \"{long}\"\n")),
        ("handling", format!("handling = \"{long}\"\n")),
        ("date", format!("date = \"{long}\"\n")),
        (
            "speaker",
            format!(
                "actors = [{{ id = \"k\", name = \"K\" }}]\nquotes = [{{ speaker = \"{long}\", text = \"t\" }}]\n"
            ),
        ),
    ] {
        let text = format!("title = \"T\"\nsummary = \"s\"\n{text}");
        let text = if what == "date" {
            text
        } else {
            format!("date = 2024-01-02\n{text}")
        };
        let start = Instant::now();
        let (b, p) = load_bytes(dir.path(), "keys.toml", text.as_bytes());
        assert!(b.is_none(), "{what}");
        assert_eq!(errors(&p).len(), 1, "{what}: {p:#?}");
        assert_clean(None, &p);
        eprintln!("{what}: {:?}", start.elapsed());
    }
}

/// `n` actors as one TOML array of inline tables (short lines, small file).
fn many_actors_toml(n: usize) -> String {
    let mut text = String::from(
        "id = \"crowd\"\ntitle = \"Crowd\"\ndate = 2024-01-02\nsummary = \"s\"\nactors = [\n",
    );
    for i in 0..n {
        writeln!(text, "{{ id = \"a{i}\", name = \"n\" }},").unwrap();
    }
    text.push_str("]\n");
    text
}

#[test]
fn a_hundred_thousand_actors_load() {
    let dir = tempfile::tempdir().unwrap();
    let n = 100_000;
    // Every actor is also named by an event, so each reference is resolved.
    let mut toml = many_actors_toml(n);
    toml.push_str("[[events]]\ndate = \"2024\"\ntext = \"everyone\"\nactors = [\n");
    for i in 0..n {
        writeln!(toml, "\"a{i}\",").unwrap();
    }
    toml.push_str("]\n");
    assert!(toml.len() < MAX_FILE_BYTES as usize, "{}", toml.len());
    let start = Instant::now();
    let (b, p) = load_bytes(dir.path(), "crowd.toml", toml.as_bytes());
    eprintln!("100,000 actors, TOML: {:?}", start.elapsed());
    assert!(p.is_empty(), "{:#?}", &p[..p.len().min(5)]);
    let b = b.unwrap();
    assert_eq!(b.actors.len(), n);
    assert_eq!(b.events[0].actors.len(), n);

    let actors: Vec<Value> = (0..n)
        .map(|i| json!({"id": format!("a{i}"), "name": "n"}))
        .collect();
    let json = json!({"id": "crowd", "title": "Crowd", "date": "2024-01-02", "summary": "s", "actors": actors})
        .to_string();
    let start = Instant::now();
    let (b, p) = load_bytes(dir.path(), "crowd.json", json.as_bytes());
    eprintln!("100,000 actors, JSON: {:?}", start.elapsed());
    assert!(p.is_empty(), "{:#?}", &p[..p.len().min(5)]);
    assert_eq!(b.unwrap().actors.len(), n);
}

/// Duplicate ids at scale: each duplicate's message names where the first one is; finding
/// that place must not cost a scan of the file per duplicate without bound.
#[test]
fn fifty_thousand_duplicate_actor_ids_are_capped_and_quick() {
    let w = World::new();
    let mut text = many_actors_toml(50_000);
    text.truncate(text.len() - 2);
    for i in 0..50_000 {
        writeln!(text, "{{ id = \"a{i}\", name = \"n\" }},").unwrap();
    }
    text.push_str("]\n");
    w.write("dupes.toml", &text);
    let run = w.run(&["check", "b"]).expect(1);
    let out = run.out();
    assert!(
        out.contains("two actors have the id `a0` (the first is at 6:"),
        "{}",
        truncate(&out)
    );
    assert!(
        out.contains("49800 more errors in this file are not listed"),
        "{}",
        truncate(&out)
    );
}

/// 100,000 references to actors that do not exist: 200 errors are listed, then one line that
/// says how many more there are.
#[test]
fn a_hundred_thousand_bad_references_are_capped() {
    let w = World::new();
    let mut text = String::from(
        "title = \"T\"\ndate = 2024-01-02\nsummary = \"s\"\n\n[[actors]]\nid = \"a\"\nname = \"A\"\n\n[[quotes]]\nspeaker = \"a\"\ntext = \"t\"\nabout = [\n",
    );
    for i in 0..100_000 {
        writeln!(text, "  \"n{i}\",").unwrap();
    }
    text.push_str("]\n");
    let path = w.write("refs.toml", &text);
    let r = load_file(&path);
    assert!(r.briefing.is_none());
    let p = r.problems;
    assert_eq!(p.len(), 201);
    assert!(p.iter().all(Problem::is_error));
    assert_eq!(
        (p[0].line, p[0].column, p[0].message.as_str()),
        (13, 3, "`about` names no actor in this briefing: `n0`")
    );
    assert_eq!(
        p[199].message,
        "`about` names no actor in this briefing: `n199`"
    );
    let last = &p[200];
    assert_eq!(
        (last.line, last.column, last.message.as_str()),
        (1, 1, "99800 more errors in this file are not listed")
    );
    assert_eq!(
        last.hint.as_deref(),
        Some("fix the ones above and check again")
    );
    // "Did you mean" hints only for the first few.
    assert!(p[..20].iter().all(|p| p.hint.is_some()));
    assert!(p[20..200].iter().all(|p| p.hint.is_none()));

    let run = w.run(&["check", "b"]).expect(1);
    let out = run.out();
    assert!(
        out.ends_with("checked 1 file: 0 briefings, 201 errors in 1 file, 0 warnings\n"),
        "{}",
        truncate(&out)
    );
    assert!(
        out.lines().count() < 201 * 8,
        "{} lines",
        out.lines().count()
    );
}

/// The same on one line, as a pipeline writes minified JSON. Each problem's excerpt is the
/// offending line: it must be cut to a window around the spot, or 200 problems hold (and
/// process) 200 copies of the whole file, about 200 times its size in memory.
#[test]
fn problems_on_one_long_line_stay_small() {
    let w = World::new();
    let about: Vec<String> = (0..15_000).map(|i| format!("n{i}")).collect();
    let json = json!({
        "title": "T", "date": "2024-01-02", "summary": "s",
        "actors": [{"id": "a", "name": "A"}],
        "quotes": [{"speaker": "a", "text": "t", "about": about}],
    })
    .to_string();
    assert_eq!(json.lines().count(), 1);
    w.write("minified.json", &json);
    let run = w.run(&["check", "b"]).expect(1);
    assert!(
        run.out()
            .ends_with("checked 1 file: 0 briefings, 201 errors in 1 file, 0 warnings\n"),
        "{}",
        truncate(&run.out())
    );
    assert!(
        run.stdout.len() < 2 * MIB,
        "brief check printed {} bytes for 201 problems in a {} byte file",
        run.stdout.len(),
        json.len()
    );
    // A run never read would pass any limit: no reading is a failure.
    let peak = run
        .peak_rss_kib
        .expect("brief check ended before its memory was read once");
    assert!(
        // Loading this file needs a few MiB; 200 copies of its one line need several times more.
        peak < 32 * 1024,
        "brief check of a {} KiB file peaked at {peak} KiB",
        json.len() / 1024,
    );
}

/// "Did you mean" compares a bad reference with every id of its kind; a long bad reference in
/// a briefing with many actors must not make that search run for minutes.
#[test]
fn long_bad_references_among_many_actors_do_not_hang() {
    let w = World::new();
    let mut text = many_actors_toml(20_000);
    let long = "z".repeat(20_000);
    for _ in 0..20 {
        writeln!(text, "[[quotes]]\nspeaker = \"{long}\"\ntext = \"t\"").unwrap();
    }
    w.write("refs.toml", &text);
    let start = Instant::now();
    let run = w.run(&["check", "b"]).expect(1);
    eprintln!(
        "20 long references among 20,000 actors: {:?}",
        start.elapsed()
    );
    assert!(
        run.out()
            .contains("`speaker` names no actor in this briefing")
    );
}

// ---------------------------------------------------------------- nesting depth

/// `depth` arrays (or tables) nested in `x-deep` as TOML and as JSON, and the same as a dotted
/// key and a table header in TOML.
fn deep_files(depth: usize) -> Vec<(String, String)> {
    let head = "title = \"T\"\ndate = 2024-01-02\nsummary = \"s\"\n";
    let json_head = "{\"title\": \"T\", \"date\": \"2024-01-02\", \"summary\": \"s\", \"x-deep\": ";
    vec![
        (
            "arrays.toml".into(),
            format!(
                "{head}x-deep = {}1{}\n",
                "[".repeat(depth),
                "]".repeat(depth)
            ),
        ),
        (
            "tables.toml".into(),
            format!(
                "{head}x-deep = {}1{}\n",
                "{ a = ".repeat(depth),
                " }".repeat(depth)
            ),
        ),
        (
            "dotted.toml".into(),
            format!("{head}x-deep{} = 1\n", ".a".repeat(depth)),
        ),
        (
            "header.toml".into(),
            format!("{head}[x-deep{}]\nb = 1\n", ".a".repeat(depth)),
        ),
        (
            "arrays.json".into(),
            format!("{json_head}{}1{}}}", "[".repeat(depth), "]".repeat(depth)),
        ),
        (
            "objects.json".into(),
            format!(
                "{json_head}{}1{}}}",
                "{\"a\": ".repeat(depth),
                "}".repeat(depth)
            ),
        ),
    ]
}

/// Nesting 10,000 deep is a clear error, never a stack overflow. Loaded by the real binary
/// (a child process: an overflow fails this test, not the whole file), both one file at a time
/// (on the main thread) and as a folder (on the loader's worker threads, with smaller stacks).
#[test]
fn nesting_ten_thousand_deep_is_a_clear_error() {
    let w = World::new();
    let files = deep_files(10_000);
    for (name, text) in &files {
        w.write(name, text);
    }
    for (name, _) in &files {
        let path = format!("b/{name}");
        let run = w.run(&["check", &path]).expect(1);
        let first = run.out().lines().next().unwrap_or("").to_string();
        assert!(
            first.starts_with(&format!("{path}:")) && first.contains(": error: "),
            "{name}: {}",
            truncate(&run.out())
        );
    }
    let run = w.run(&["check", "b"]).expect(1);
    assert!(
        run.out().ends_with(&format!(
            "checked {n} files: 0 briefings, {n} errors in {n} files, 0 warnings\n",
            n = files.len()
        )),
        "{}",
        truncate(&run.out())
    );
}

/// Nesting as deep as the parsers allow loads, keeps the `x-` value, and prints as JSON.
#[test]
fn nesting_as_deep_as_allowed_loads_and_prints() {
    let w = World::new();
    // jsonc-parser allows 512 levels, toml 80: stay just under.
    let json = format!(
        "{{\"id\": \"deep\", \"title\": \"T\", \"date\": \"2024-01-02\", \"summary\": \"s\", \"x-deep\": {}1{}}}",
        "[".repeat(500),
        "]".repeat(500)
    );
    w.write("deep.json", &json);
    let toml = format!(
        "id = \"shallow\"\ntitle = \"T\"\ndate = 2024-01-02\nsummary = \"s\"\nx-deep = {}1{}\n",
        "[".repeat(70),
        "]".repeat(70)
    );
    w.write("shallow.toml", &toml);
    w.run(&["check", "b"]).expect(0);
    let run = w.run(&["show", "deep", "b", "--json"]).expect(0);
    // serde_json refuses to read back more than 128 levels; count the brackets instead.
    let out = run.out();
    let value = &out[out.find("\"x-deep\": ").expect("x-deep is kept") + 10..];
    let opening = value
        .chars()
        .filter(|c| !c.is_whitespace())
        .take_while(|&c| c == '[')
        .count();
    assert_eq!(opening, 500);
    w.run(&["show", "shallow", "b"]).expect(0);
}

// ---------------------------------------------------------------- control characters

/// Attacks on a terminal, one per field in turn; each holds one or two forbidden characters.
const PAYLOADS: &[(&str, &str)] = &[
    ("OSC 52 clipboard write", "\u{1b}]52;c;aGVsbG8=\u{7}"),
    ("OSC 0 title change", "\u{1b}]0;pwned\u{7}"),
    ("CSI clear screen", "\u{1b}[2J"),
    ("C1 CSI", "\u{9b}31m"),
    ("C1 OSC", "\u{9d}0;t"),
    ("bidi override", "\u{202e}4321"),
    ("bidi isolate", "\u{2066}iso\u{2069}"),
    ("carriage return", "\rFAKE OUTPUT"),
    ("NUL", "\u{0}x"),
    ("DEL and backspace", "\u{7f}\u{8}"),
    ("C1 NEL", "\u{85}"),
    ("DCS", "\u{1b}P+q"),
    ("SGR colour", "\u{1b}[31mred"),
    ("bidi embedding", "\u{202a}x\u{202c}"),
];

/// Each text field of the format: a label, the key its warning names, and where it lives.
const TEXT_FIELDS: &[(&str, &str)] = &[
    ("title", "title"),
    ("summary", "summary"),
    ("tag", "tags"),
    ("judgment text", "text"),
    ("judgment note", "note"),
    ("source name", "name"),
    ("source url", "url"),
    ("actor name", "name"),
    ("actor role", "role"),
    ("actor affiliation", "affiliation"),
    ("actor alias", "aliases"),
    ("actor note", "note"),
    ("quote text", "text"),
    ("quote context", "context"),
    ("quote note", "note"),
    ("event text", "text"),
    ("event note", "note"),
];

/// The value written into field number `i`: a marker to find it by, then a payload.
fn hostile_value(i: usize) -> String {
    format!("F{i:02}: {}", PAYLOADS[i % PAYLOADS.len()].1)
}

/// A briefing with an attack in every text field, as a JSON value (written as TOML or JSON).
fn hostile_briefing() -> Value {
    let v = |label: &str| {
        let i = TEXT_FIELDS.iter().position(|f| f.0 == label).unwrap();
        Value::String(hostile_value(i))
    };
    json!({
        "id": "hostile",
        "title": v("title"),
        "date": "2024-06-03",
        "summary": v("summary"),
        "tags": [v("tag")],
        "handling": "AMBER",
        "judgments": [{"id": "j1", "text": v("judgment text"), "note": v("judgment note")}],
        "sources": [{"id": "s1", "name": v("source name"), "url": v("source url")}],
        "actors": [{
            "id": "a1", "name": v("actor name"), "role": v("actor role"),
            "affiliation": v("actor affiliation"), "aliases": [v("actor alias")],
            "note": v("actor note"),
        }],
        "quotes": [{
            "id": "q1", "speaker": "a1", "source": "s1", "text": v("quote text"),
            "context": v("quote context"), "note": v("quote note"),
        }],
        "events": [{
            "id": "e1", "date": "2024-06-02", "actors": ["a1"], "text": v("event text"),
            "note": v("event note"),
        }],
    })
}

/// The loaded value of each text field, by label.
fn loaded_fields(b: &Briefing) -> Vec<(&'static str, String)> {
    let (j, s, a, q, e) = (
        &b.judgments[0],
        &b.sources[0],
        &b.actors[0],
        &b.quotes[0],
        &b.events[0],
    );
    vec![
        ("title", b.title.clone()),
        ("summary", b.summary.clone()),
        ("tag", b.tags[0].clone()),
        ("judgment text", j.text.clone()),
        ("judgment note", j.note.clone().unwrap()),
        ("source name", s.name.clone()),
        ("source url", s.url.clone().unwrap()),
        ("actor name", a.name.clone()),
        ("actor role", a.role.clone().unwrap()),
        ("actor affiliation", a.affiliation.clone().unwrap()),
        ("actor alias", a.aliases[0].clone()),
        ("actor note", a.note.clone().unwrap()),
        ("quote text", q.text.clone()),
        ("quote context", q.context.clone().unwrap()),
        ("quote note", q.note.clone().unwrap()),
        ("event text", e.text.clone()),
        ("event note", e.note.clone().unwrap()),
    ]
}

/// 1-based line and character column of the unique `marker` in `source`.
fn find_marker(source: &str, marker: &str) -> (usize, usize) {
    assert_eq!(source.matches(marker).count(), 1, "{marker} not unique");
    let at = source.find(marker).unwrap();
    let before = &source[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, column)
}

/// Where `brief check` must report each forbidden character of `value` (which starts with a
/// unique marker) in `source`: `(line, column, char)`. `render` writes a string's content as
/// the format escapes it.
fn expected_warnings(
    source: &str,
    value: &str,
    render: &dyn Fn(&str) -> String,
) -> Vec<(usize, usize, char)> {
    let marker = value.split(' ').next().unwrap();
    let (line, column) = find_marker(source, marker);
    value
        .char_indices()
        .filter(|&(_, c)| is_forbidden(c))
        .map(|(at, c)| (line, column + render(&value[..at]).chars().count(), c))
        .collect()
}

fn toml_content(text: &str) -> String {
    let s = toml_str(text);
    s[1..s.len() - 1].to_string()
}

fn json_content(text: &str) -> String {
    let s = serde_json::to_string(text).unwrap();
    s[1..s.len() - 1].to_string()
}

/// Every text field of the format, in TOML and in JSON: loaded neutralised (each attack
/// replaced by visible placeholders), `brief check` warns at FILE:LINE:COL of each forbidden
/// character, and no output of any command carries one.
#[test]
fn control_characters_in_every_text_field() {
    let value = hostile_briefing();
    for (name, source, render) in [
        (
            "hostile.toml",
            to_toml(&value),
            &toml_content as &dyn Fn(&str) -> String,
        ),
        (
            "hostile.json",
            serde_json::to_string_pretty(&value).unwrap(),
            &json_content,
        ),
    ] {
        let w = World::new();
        let path = w.write(name, &source);
        let r = load_file(&path);
        let b = r
            .briefing
            .unwrap_or_else(|| panic!("{name}: {:#?}", r.problems));
        assert_clean(Some(&b), &r.problems);
        assert!(errors(&r.problems).is_empty(), "{:#?}", r.problems);
        for (i, (label, loaded)) in loaded_fields(&b).into_iter().enumerate() {
            assert_eq!(label, TEXT_FIELDS[i].0);
            let raw = hostile_value(i);
            let expected: String = raw
                .chars()
                .map(|c| if is_forbidden(c) { placeholder(c) } else { c })
                .collect();
            assert_eq!(loaded, expected, "{name}: {label}");
        }

        let check = w.run(&["check", "b"]).expect(0);
        check.assert_no_controls(&format!("check {name}"));
        let out = check.out();
        let mut count = 0;
        for (i, (label, field)) in TEXT_FIELDS.iter().enumerate() {
            for (line, column, c) in expected_warnings(&source, &hostile_value(i), render) {
                let head = format!(
                    "b/{name}:{line}:{column}: warning: control character U+{:04X}",
                    c as u32
                );
                let found = out
                    .lines()
                    .find(|l| l.starts_with(&head))
                    .unwrap_or_else(|| panic!("{name}: no warning for {label}: {head}\n{out}"));
                assert!(found.contains(&format!("in `{field}`")), "{found}");
                count += 1;
            }
        }
        assert!(
            out.ends_with(&format!(
                "checked 1 file: 1 briefing, 0 errors, {count} warnings\n"
            )),
            "{out}"
        );

        let id = "hostile";
        for args in [
            &["list", "b"][..],
            &["list", "b", "--json"],
            &["show", id, "b"],
            &["show", id, "b", "--width", "20"],
            &["show", id, "b", "--markdown"],
            &["show", id, "b", "--json"],
        ] {
            let run = w.run(args).expect(0);
            run.assert_no_controls(&format!("{args:?} on {name}"));
            assert!(run.out().contains('\u{241b}'), "{args:?}: {}", run.out());
        }
    }
}

/// The escapes TOML 1.1 adds (`\e`, `\xHH`) and the long `\U` form are control characters too.
#[test]
fn every_toml_escape_of_a_control_character_is_caught() {
    let w = World::new();
    let path = w.write(
        "esc.toml",
        "title = \"T\"\ndate = 2024-01-02\nsummary = \"a\\eb \\x1b c \\U0000001B d \\x9b e \\u202E\"\n",
    );
    let r = load_file(&path);
    let b = r.briefing.expect("loads");
    assert_eq!(
        b.summary,
        "a\u{241b}b \u{241b} c \u{241b} d \u{fffd} e \u{fffd}"
    );
    let at: Vec<(usize, usize)> = warnings(&r.problems)
        .iter()
        .map(|p| (p.line, p.column))
        .collect();
    assert_eq!(at, [(3, 13), (3, 17), (3, 24), (3, 37), (3, 44)]);
    w.run(&["check", "b"])
        .expect(0)
        .assert_no_controls("check esc.toml");
}

/// `x-` extension keys and values (at the top, in items, nested) are briefing content too: kept
/// for `brief show --json`, but neutralised and warned about like every other string.
#[test]
fn control_characters_in_extensions() {
    let value = json!({
        "id": "ext",
        "title": "T",
        "date": "2024-06-03",
        "summary": "s",
        "x-top": "X01: \u{1b}]52;c;aGk=\u{7}",
        "x-X02: \u{1b}]0;title\u{7}": 1,
        "x-nested": {"list": ["X03: \u{9b}2J", {"X04: \u{202e}k": "X05: \u{1b}[31m"}]},
        "actors": [{"id": "a1", "name": "A", "x-note": "X06: \u{85}\u{1b}[H"}],
    });
    for (name, source) in [
        ("ext.toml", to_toml(&value)),
        ("ext.json", serde_json::to_string_pretty(&value).unwrap()),
    ] {
        let w = World::new();
        let path = w.write(name, &source);
        let r = load_file(&path);
        let b = r
            .briefing
            .unwrap_or_else(|| panic!("{name}: {:#?}", r.problems));
        // Kept, with placeholders.
        let shown = serde_json::to_value(&*b).unwrap();
        assert_eq!(shown["x-top"], "X01: \u{241b}]52;c;aGk=\u{2407}", "{name}");
        assert_eq!(
            shown["actors"][0]["x-note"], "X06: \u{fffd}\u{241b}[H",
            "{name}"
        );
        assert_clean(Some(&b), &r.problems);
        // A warning at each forbidden character, in keys and values alike.
        let warned: Vec<(usize, usize)> = warnings(&r.problems)
            .iter()
            .map(|p| (p.line, p.column))
            .collect();
        let render: &dyn Fn(&str) -> String = if name.ends_with(".toml") {
            &toml_content
        } else {
            &json_content
        };
        let mut expected = 0;
        for text in json_strings(&value) {
            // The attacks are the strings with a marker (keys `x-X02: …` too).
            let Some(at) = text
                .find('X')
                .filter(|&at| text[at..].len() > 3 && text[at + 1..].starts_with('0'))
            else {
                continue;
            };
            let text = &text[at..];
            for (line, column, c) in expected_warnings(&source, text, render) {
                assert!(
                    warned.contains(&(line, column)),
                    "{name}: no warning for U+{:04X} of {text:?} at {line}:{column}: {:#?}",
                    c as u32,
                    r.problems
                );
                expected += 1;
            }
        }
        assert_eq!(expected, 9);
        assert_eq!(warned.len(), expected, "{name}: {:#?}", r.problems);
        for args in [
            &["check", "b"][..],
            &["show", "ext", "b"],
            &["show", "ext", "b", "--json"],
        ] {
            w.run(args)
                .assert_no_controls(&format!("{args:?} on {name}"));
        }
    }
}

/// Control characters where only an id, a key, a word of a vocabulary, a date or a reference
/// may stand are errors; their messages (which quote the bad text) and everything else printed
/// stay clean. A file name with an escape in it is printed safely too.
#[test]
fn control_characters_in_ids_keys_and_words_are_clean_errors() {
    let esc = "\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}";
    let value = json!({
        "id": format!("bad{esc}"),
        "title": "T",
        "date": format!("2024-01-02{esc}"),
        "summary": "s",
        "handling": format!("AMBER{esc}"),
        format!("unknown{esc}"): 1,
        "judgments": [{"id": format!("j{esc}"), "text": "t", "likelihood": format!("likely{esc}")}],
        "actors": [{"id": format!("a{esc}"), "name": "A", "kind": esc, format!("{esc}"): "v"}],
        "quotes": [{
            "speaker": format!("a{esc}"), "text": "t", "about": [esc], "source": esc,
            "said": esc, "mode": esc,
        }],
        "events": [{"date": format!("2024{esc}"), "text": "t", "actors": [esc]}],
    });
    let w = World::new();
    w.write("ids.toml", to_toml(&value));
    w.write("ids.json", serde_json::to_string_pretty(&value).unwrap());
    // A file name is hostile input too.
    w.write(
        "name\u{1b}]0;x\u{7}\u{9b}.toml",
        "title = \"T\"\ndate = 2024-01-02\nsummary = \"s\"\n",
    );
    let run = w.run(&["check", "b"]).expect(1);
    run.assert_no_controls("check");
    let out = run.out();
    assert!(out.matches(": error: ").count() >= 2 * 15, "{out}");
    assert!(
        out.contains("b/name\u{241b}]0;x\u{2407}\u{fffd}.toml:1:1: error: "),
        "{out}"
    );
    for args in [
        &["list", "b"][..],
        &["list", "b", "--json"],
        &["show", "bad", "b"],
    ] {
        w.run(args).assert_no_controls(&format!("{args:?}"));
    }
}

/// `brief flag`, then `brief flags` in every format, on items whose text holds attacks, with a
/// note typed with escapes in it, before and after the items are removed (orphaned flags show
/// the text kept when flagging).
#[test]
fn flags_output_never_carries_control_characters() {
    let w = World::new();
    let value = hostile_briefing();
    w.write("hostile.toml", to_toml(&value));
    for target in [
        "hostile",
        "hostile/quote/q1",
        "hostile/actor/a1",
        "hostile/event/e1",
    ] {
        w.run(&["flag", target, "b"])
            .expect(0)
            .assert_no_controls(target);
    }
    w.run(&["flag", "hostile/judgment/j1", "b", "--note", "ask the desk"])
        .expect(0)
        .assert_no_controls("flag --note");
    w.run(&["done", "hostile/event/e1", "b"]).expect(0);
    let listings: &[&[&str]] = &[
        &["flags", "b"],
        &["flags", "b", "--all"],
        &["flags", "b", "--json", "--all"],
        &["flags", "b", "--markdown", "--all"],
        &["list", "b", "--flagged"],
    ];
    for args in listings {
        let run = w.run(args).expect(0);
        run.assert_no_controls(&format!("{args:?}"));
        assert!(run.out().contains("F00"), "{args:?}: {}", run.out());
    }
    // The items go away: the flags stay, orphaned, with the text kept when flagged.
    let mut gone = value.clone();
    gone["quotes"] = json!([]);
    gone["judgments"] = json!([]);
    w.write("hostile.toml", to_toml(&gone));
    let json = w.run(&["flags", "b", "--json"]).expect(0);
    let rows: Value = serde_json::from_slice(&json.stdout).unwrap();
    let quote = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["target"] == "hostile/quote/q1")
        .unwrap();
    assert_eq!(quote["orphaned"], true);
    assert!(quote["text"].as_str().unwrap().contains("F12"), "{quote}");
    for args in listings {
        w.run(args)
            .expect(0)
            .assert_no_controls(&format!("orphaned {args:?}"));
    }
}

/// A note typed on the command line with escapes in it: `brief flag --note` either refuses it
/// (as the reader's note editor refuses control characters) or keeps it neutralised; either
/// way no listing prints it raw, JSON included (serde_json escapes C0 but writes C1 and bidi
/// controls as they are).
#[test]
fn a_note_with_control_characters_never_comes_out_raw() {
    let w = World::new();
    w.write(
        "n.toml",
        "title = \"T\"\ndate = 2024-01-02\nsummary = \"s\"\n",
    );
    w.run(&["flag", "n", "b"]).expect(0);
    let note = "see \u{1b}]52;c;aGk=\u{7} \u{9b}2J \u{202e}reversed";
    let run = w.run(&["flag", "n", "b", "--note", note]);
    run.assert_no_controls("flag --note");
    assert!(
        matches!(run.code, Some(0 | 2)),
        "exit {:?}: {}",
        run.code,
        run.err()
    );
    for args in [
        &["flags", "b"][..],
        &["flags", "b", "--json"],
        &["flags", "b", "--markdown"],
    ] {
        w.run(args)
            .expect(0)
            .assert_no_controls(&format!("{args:?}"));
    }
}
