//! What both fuzz targets check: the bytes are written to a briefing file (the loader reads
//! files, and nothing new is exposed for fuzzing) and loaded through `briefing::load`, the path
//! every command takes. Then the promises of the loader are asserted:
//!
//! - no panic, no stack overflow (the load runs on a thread with the 2 MiB stack the real
//!   loader's worker threads get), no hang (run with `-timeout`), bounded memory (`-rss_limit_mb`);
//! - a file either loads or has at least one error, never neither;
//! - every string of a loaded briefing, `x-` extensions included, and every problem (message,
//!   hint, excerpt) is free of the characters `sanitize::is_forbidden` names;
//! - problems have 1-based lines and columns and an underline inside their excerpt;
//! - every item of a loaded briefing has a valid id and a target that parses back to itself.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use brief::briefing::sanitize::is_forbidden;
use brief::briefing::{self, Briefing, ItemKind, Library, Target};

/// The file's extension decides the parser.
#[allow(dead_code)] // each target uses one of the two
#[derive(Clone, Copy)]
pub enum Ext {
    Toml,
    Json,
}

/// The stack a worker thread of `briefing::load` gets (Rust's default for spawned threads).
const WORKER_STACK: usize = 2 * 1024 * 1024;

struct Scratch {
    _dir: tempfile::TempDir,
    toml: PathBuf,
    json: PathBuf,
}

fn scratch() -> &'static Scratch {
    static SCRATCH: OnceLock<Scratch> = OnceLock::new();
    SCRATCH.get_or_init(|| {
        // A memory-backed folder when there is one: a file is written per input.
        let shm = Path::new("/dev/shm");
        let dir = if shm.is_dir() {
            tempfile::Builder::new()
                .prefix("brief-fuzz")
                .tempdir_in(shm)
        } else {
            tempfile::Builder::new().prefix("brief-fuzz").tempdir()
        }
        .expect("a scratch folder");
        Scratch {
            toml: dir.path().join("fuzz-input.toml"),
            json: dir.path().join("fuzz-input.json"),
            _dir: dir,
        }
    })
}

pub fn check(data: &[u8], ext: Ext) {
    let s = scratch();
    let path = match ext {
        Ext::Toml => s.toml.clone(),
        Ext::Json => s.json.clone(),
    };
    std::fs::write(&path, data).expect("write the input file");
    let worker = std::thread::Builder::new()
        .stack_size(WORKER_STACK)
        .spawn(move || {
            let library = briefing::load(std::slice::from_ref(&path)).expect("the file exists");
            check_library(&library);
        })
        .expect("spawn a worker");
    if let Err(panic) = worker.join() {
        std::panic::resume_unwind(panic);
    }
}

fn assert_clean(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| is_forbidden(c)) {
        panic!("forbidden character U+{:04X} in {what}: {text:?}", c as u32);
    }
}

fn assert_clean_json(what: &str, value: &serde_json::Value) {
    use serde_json::Value;
    // Iterative: a deeply nested `x-` value must not make the checker overflow.
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::String(s) => assert_clean(what, s),
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => {
                for (k, v) in map {
                    assert_clean(what, k);
                    stack.push(v);
                }
            }
            _ => {}
        }
    }
}

fn check_library(library: &Library) {
    assert!(
        !library.briefings.is_empty() || !library.failed.is_empty(),
        "a file neither loaded nor failed"
    );
    for p in &library.problems {
        assert!(p.line >= 1 && p.column >= 1, "{p:?}");
        assert_clean("a problem", &p.to_string());
        if let Some(hint) = &p.hint {
            assert_clean("a hint", hint);
        }
        if let Some(e) = &p.excerpt {
            assert_clean("an excerpt", &e.text);
            assert!(
                e.underline.start <= e.underline.end
                    && e.underline.end <= e.text.len()
                    && e.text.is_char_boundary(e.underline.start)
                    && e.text.is_char_boundary(e.underline.end),
                "underline {:?} outside its excerpt {:?}",
                e.underline,
                e.text
            );
        }
    }
    for b in &library.briefings {
        // Works whether the library holds briefings or shared pointers to them.
        let b: &Briefing = std::borrow::Borrow::borrow(b);
        // Serialising covers every field, `x-` extensions included (the JSON of `show --json`).
        let json = serde_json::to_value(b).expect("a briefing serialises");
        assert_clean_json("a loaded briefing", &json);
        let mut targets = vec![Target::briefing(&b.id)];
        targets.extend(
            b.judgments
                .iter()
                .map(|x| Target::item(&b.id, ItemKind::Judgment, &x.id)),
        );
        targets.extend(
            b.actors
                .iter()
                .map(|x| Target::item(&b.id, ItemKind::Actor, &x.id)),
        );
        targets.extend(
            b.quotes
                .iter()
                .map(|x| Target::item(&b.id, ItemKind::Quote, &x.id)),
        );
        targets.extend(
            b.events
                .iter()
                .map(|x| Target::item(&b.id, ItemKind::Event, &x.id)),
        );
        for target in targets {
            let text = target.to_string();
            let parsed: Target = text
                .parse()
                .unwrap_or_else(|e| panic!("target {text:?} does not parse: {e}"));
            assert_eq!(parsed, target);
            let item = library
                .resolve(&target)
                .unwrap_or_else(|| panic!("{text} does not resolve"));
            assert_clean("an item's description", &item.describe());
            let _ = item.fingerprint();
        }
    }
}
