//! The commands, run as the real binary against briefings written into temporary folders.
//! Every run gets its own state folder and home, so nothing touches the user's real state.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

mod common;
use unicode_width::UnicodeWidthStr;

/// A temporary world: a briefings folder, a state folder and a home.
struct World {
    dir: tempfile::TempDir,
}

impl World {
    fn new() -> World {
        let world = World {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        fs::create_dir_all(world.briefings()).unwrap();
        world
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn briefings(&self) -> PathBuf {
        self.root().join("b")
    }

    fn state(&self) -> PathBuf {
        self.root().join("state")
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.briefings().join(name);
        fs::write(&path, text).unwrap();
        path
    }

    /// Runs `brief ARGS` in the world's root, with its own state folder.
    fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
        cmd.args(args)
            .arg("--state-dir")
            .arg(self.state())
            .current_dir(self.root())
            .env_remove("BRIEF_DIR")
            .env_remove("BRIEF_STATE_DIR")
            .env_remove("NO_COLOR")
            .env("HOME", self.root().join("home"))
            .env("XDG_STATE_HOME", self.root().join("home/state"))
            .env("XDG_CONFIG_HOME", self.root().join("home/config"))
            .env("XDG_CACHE_HOME", self.root().join("home/cache"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        Run(cmd.output().expect("run brief"))
    }
}

struct Run(Output);

impl Run {
    fn code(&self) -> i32 {
        self.0.status.code().expect("exit code, not a signal")
    }

    fn stdout(&self) -> String {
        String::from_utf8(self.0.stdout.clone()).expect("UTF-8 stdout")
    }

    fn stderr(&self) -> String {
        String::from_utf8(self.0.stderr.clone()).expect("UTF-8 stderr")
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.0.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.stdout()))
    }

    /// Exit status as expected, and never a panic.
    fn expect(self, code: i32) -> Run {
        assert!(
            !self.stderr().contains("panicked"),
            "panic: {}",
            self.stderr()
        );
        assert_eq!(
            self.code(),
            code,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }
}

const MINIMAL: &str = r#"title = "Minimal"
date = 2024-01-02
summary = "Bottom line."
"#;

/// A briefing with every kind of item, one quote without an id (so its id is derived).
const FULL: &str = r#"id = "full"
title = "Full briefing"
date = 2024-09-18
handling = "AMBER"
tags = ["Iraq", "iran"]
summary = """
The bottom line.

More detail here."""
x-pipeline = { run = 7 }

[[judgments]]
id = "j1"
text = "Something will likely happen."
likelihood = "likely"
confidence = "moderate"

[[sources]]
id = "shafaq"
name = "Shafaq News"

[[actors]]
id = "qaani"
name = "Ismail Qaani"
role = "Commander"

[[actors]]
id = "src"
name = "A political source"
anonymous = true

[[quotes]]
speaker = "qaani"
text = "We came to talk."
source = "shafaq"

[[quotes]]
id = "q2"
speaker = "src"
mode = "indirect"
text = "He met the faction leaders."

[[events]]
id = "e2"
date = "2024-09-16"
text = "Arrives in Baghdad."

[[events]]
id = "e1"
date = "2024-01~"
text = "Earlier visit."
"#;

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

// ---------------------------------------------------------------- check

#[test]
fn check_clean_folder_exits_0_with_summary() {
    let w = World::new();
    w.write("a.toml", MINIMAL);
    w.write("full.toml", FULL);
    let run = w.run(&["check", "b"]).expect(0);
    assert_eq!(
        run.stdout().lines().last(),
        Some("checked 2 files: 2 briefings, 0 errors, 0 warnings")
    );
}

#[test]
fn check_unknown_field_has_exact_first_line_and_hint() {
    let w = World::new();
    w.write(
        "a.toml",
        "title = \"T\"\ndate = 2024-01-02\nsumary = \"typo\"\nsummary = \"x\"\n",
    );
    let run = w.run(&["check", "b"]).expect(1);
    let out = run.stdout();
    assert_eq!(
        first_line(&out),
        "b/a.toml:3:1: error: unknown field `sumary` in the briefing"
    );
    assert!(out.contains("help: did you mean `summary`?"), "{out}");
    assert!(out.contains("3 | sumary = \"typo\""), "context line: {out}");
    assert_eq!(
        out.lines().last(),
        Some("checked 1 file: 0 briefings, 1 error in 1 file, 0 warnings")
    );
}

#[test]
fn check_missing_title_is_an_error_at_the_table() {
    let w = World::new();
    w.write("a.toml", "date = 2024-01-02\nsummary = \"x\"\n");
    let out = w.run(&["check", "b"]).expect(1).stdout();
    assert_eq!(
        first_line(&out),
        "b/a.toml:1:1: error: the briefing lacks the required field `title`"
    );
}

#[test]
fn check_duplicate_briefing_id_errors_in_both_files() {
    let w = World::new();
    w.write("one.toml", &format!("id = \"same\"\n{MINIMAL}"));
    w.write(
        "two.json",
        r#"{"id": "same", "title": "T", "date": "2024-01-03", "summary": "s"}"#,
    );
    let out = w.run(&["check", "b"]).expect(1).stdout();
    let firsts: Vec<&str> = out.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(
        firsts,
        [
            "b/one.toml:1:6: error: briefing id `same` is also used by b/two.json",
            "b/two.json:1:8: error: briefing id `same` is also used by b/one.toml",
        ]
    );
}

#[test]
fn check_bad_reference_points_at_the_value() {
    let w = World::new();
    w.write(
        "a.toml",
        &format!("{MINIMAL}\n[[actors]]\nid = \"radi\"\nname = \"Rasul Radi\"\n\n[[quotes]]\nspeaker = \"rady\"\ntext = \"Hello\"\n"),
    );
    let out = w.run(&["check", "b"]).expect(1).stdout();
    assert_eq!(
        first_line(&out),
        "b/a.toml:10:11: error: `speaker` names no actor in this briefing: `rady`"
    );
    assert!(out.contains("did you mean `radi`?"), "{out}");
}

#[test]
fn check_escape_in_title_is_a_warning_and_never_printed_raw() {
    let w = World::new();
    w.write(
        "a.toml",
        "title = \"Bad \\u001b]52;c;aGk=\\u0007 title\"\ndate = 2024-01-02\nsummary = \"x\"\n",
    );
    w.write(
        "b.json",
        "{\"title\": \"E \\u001b[31m red\", \"date\": \"2024-01-01\", \"summary\": \"x\"}",
    );
    let run = w.run(&["check", "b"]).expect(0);
    let out = run.stdout();
    assert!(
        out.starts_with("b/a.toml:1:14: warning: control character U+001B (ESC) in `title`"),
        "{out}"
    );
    assert!(out.contains("b/b.json:1:14: warning: control character U+001B (ESC)"));
    assert!(!run.0.stdout.contains(&0x1b), "raw ESC in: {out}");
    assert!(!run.0.stdout.contains(&0x07), "raw BEL in: {out}");
    assert!(out.ends_with("checked 2 files: 2 briefings, 0 errors, 3 warnings\n"));
    // The loaded title carries a visible placeholder, in every output.
    for args in [
        &["list", "b"][..],
        &["show", "a", "b"],
        &["show", "a", "b", "--markdown"],
    ] {
        let run = w.run(args).expect(0);
        assert!(!run.0.stdout.contains(&0x1b), "{args:?}: {}", run.stdout());
        assert!(run.stdout().contains('\u{241b}'), "{args:?}");
    }
}

#[test]
fn check_unreadable_path_exits_2() {
    let w = World::new();
    let run = w.run(&["check", "no-such-folder"]).expect(2);
    assert!(
        run.stderr()
            .starts_with("brief: cannot read no-such-folder: "),
        "{}",
        run.stderr()
    );
    assert_eq!(run.stdout(), "");
}

#[test]
fn check_with_color_always_colours_only_the_context() {
    let w = World::new();
    w.write(
        "a.toml",
        "title = \"T\"\ndate = 2024-01-02\nsumary = \"x\"\n",
    );
    let run = w.run(&["check", "b", "--color", "always"]).expect(1);
    let out = run.stdout();
    assert!(out.contains('\x1b'), "{out}");
    // The first line keeps the contract's form even in colour.
    assert!(
        first_line(&out).starts_with("b/a.toml:1:1: error: ")
            || first_line(&out).starts_with("b/a.toml:3:1: error: ")
    );
}

#[test]
fn shipped_briefings_check_clean() {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    if !shipped.exists() {
        return common::cannot_run("the shipped briefings folder is missing");
    }
    let w = World::new();
    let run = w.run(&["check", shipped.to_str().unwrap()]).expect(0);
    assert!(run.stdout().contains(" 0 errors"), "{}", run.stdout());
}

// ---------------------------------------------------------------- list

fn three_briefings(w: &World) {
    w.write(
        "old.toml",
        "title = \"Old one\"\ndate = 2023-05-01\nsummary = \"x\"\ntags = [\"Iran\"]\n",
    );
    w.write("full.toml", FULL);
    w.write(
        "new.json",
        r#"{"title": "Newest", "date": "2025-02-03", "summary": "x", "handling": "RED",
            "actors": [{"id": "a", "name": "A"}], "quotes": [{"speaker": "a", "text": "t"}]}"#,
    );
}

#[test]
fn list_is_newest_first() {
    let w = World::new();
    three_briefings(&w);
    let run = w.run(&["list", "b"]).expect(0);
    let out = run.stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("2025-02-03  new "), "{out}");
    assert!(lines[1].starts_with("2024-09-18  full"), "{out}");
    assert!(lines[2].starts_with("2023-05-01  old "), "{out}");
    assert!(lines[0].contains("1 actor, 1 quote"), "{out}");
    assert!(lines[1].contains("2 actors, 2 quotes"), "{out}");
    assert_eq!(run.stderr(), "");
}

#[test]
fn list_json_fields() {
    let w = World::new();
    three_briefings(&w);
    let json = w.run(&["list", "b", "--json"]).expect(0).json();
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["new", "full", "old"]);
    insta::assert_snapshot!("list_json", serde_json::to_string_pretty(&json).unwrap());
}

#[test]
fn list_filters() {
    let w = World::new();
    three_briefings(&w);
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["list", "b", "--json"];
        all.extend_from_slice(args);
        w.run(&all)
            .expect(0)
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&["--tag", "IRAN"]), ["full", "old"]);
    assert_eq!(ids(&["--tag", "iran", "--tag", "iraq"]), ["full"]);
    assert_eq!(ids(&["--since", "2024-01-01"]), ["new", "full"]);
    assert_eq!(ids(&["--until", "2024-09-18"]), ["full", "old"]);
    let run = w.run(&["list", "b", "--since", "yesterday"]).expect(2);
    assert!(
        run.stderr().starts_with("brief: --since"),
        "{}",
        run.stderr()
    );
}

#[test]
fn list_leaves_failed_files_to_stderr() {
    let w = World::new();
    w.write("good.toml", MINIMAL);
    w.write("bad.toml", "title = \"no date\"\n");
    let run = w.run(&["list", "b"]).expect(0);
    assert_eq!(run.stdout().lines().count(), 1);
    assert_eq!(
        run.stderr(),
        "brief: 1 file failed to load; run brief check\n"
    );
    let json = w.run(&["list", "b", "--json"]).expect(0).json();
    assert_eq!(json.as_array().unwrap().len(), 1);
}

#[test]
fn list_shipped_briefings_json_has_the_fields() {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    if !shipped.exists() {
        return common::cannot_run("the shipped briefings folder is missing");
    }
    let w = World::new();
    let json = w
        .run(&["list", shipped.to_str().unwrap(), "--json"])
        .expect(0)
        .json();
    let rows = json.as_array().unwrap();
    assert!(!rows.is_empty());
    let mut previous = "9999-99-99".to_string();
    for row in rows {
        for key in [
            "id", "title", "date", "tags", "path", "actors", "quotes", "flagged",
        ] {
            assert!(row.get(key).is_some(), "{key} missing in {row}");
        }
        let date = row["date"].as_str().unwrap().to_string();
        assert!(date <= previous, "not newest first");
        previous = date;
    }
}

// ---------------------------------------------------------------- show

#[test]
fn show_text_never_exceeds_the_width() {
    let w = World::new();
    let long_word = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung";
    let cjk = "澜夏海事安全局在海峡东航道登临并扣留了油轮极光佩尔号，称其为环境检查。";
    w.write(
        "wide.toml",
        &format!(
            "title = \"{cjk} {long_word}\"\ndate = 2024-01-02\nhandling = \"GREEN\"\ntags = [\"{long_word}\", \"海事\"]\nsummary = \"\"\"\n{cjk}{cjk}\n\n{long_word} and\ttabs {long_word}\"\"\"\n\n[[actors]]\nid = \"x\"\nname = \"{cjk}\"\nrole = \"{long_word}\"\naliases = [\"{long_word}\"]\n\n[[quotes]]\nspeaker = \"x\"\ntext = \"{cjk} {long_word}\"\ncontext = \"{long_word}\"\n\n[[events]]\ndate = \"2024-01~\"\ntext = \"{long_word}{cjk}\"\n"
        ),
    );
    for width in [20usize, 33, 40] {
        let run = w
            .run(&["show", "wide", "b", "--width", &width.to_string()])
            .expect(0);
        let out = run.stdout();
        assert!(out.contains("TLP:GREEN"));
        assert!(out.contains("Timeline") || out.contains("TIMELINE"));
        for line in out.lines() {
            assert!(
                line.width() <= width,
                "{width}: {line:?} is {} wide",
                line.width()
            );
        }
    }
    let run = w.run(&["show", "wide", "b", "--width", "5"]).expect(2);
    assert!(
        run.stderr().starts_with("brief: --width"),
        "{}",
        run.stderr()
    );
}

#[test]
fn show_text_has_every_section() {
    let w = World::new();
    w.write("full.toml", FULL);
    let out = w.run(&["show", "full", "b"]).expect(0).stdout();
    assert_eq!(first_line(&out), "TLP:AMBER");
    for needle in [
        "Full briefing",
        "BLUF: The bottom line.",
        "More detail here.",
        "likely · moderate confidence",
        "Ismail Qaani (person)",
        "A political source (person) (anonymous)",
        "“We came to talk.”",
        "source: Shafaq News",
        "indirect",
        "[quote/q2]",
    ] {
        assert!(out.contains(needle), "{needle} missing:\n{out}");
    }
    // Timeline in date order, whatever the file's order.
    assert!(out.find("Earlier visit").unwrap() < out.find("Arrives in Baghdad").unwrap());
    for line in out.lines() {
        assert!(line.width() <= 80, "{line}");
    }
}

#[test]
fn show_json_fills_derived_ids_and_keeps_extensions() {
    let w = World::new();
    w.write("full.toml", FULL);
    let json = w.run(&["show", "full", "b", "--json"]).expect(0).json();
    let quote_id = json["quotes"][0]["id"].as_str().unwrap();
    assert!(
        quote_id.starts_with("q-") && quote_id.len() == 10,
        "{quote_id}"
    );
    assert_eq!(json["handling"], "AMBER");
    assert_eq!(json["x-pipeline"]["run"], 7);
    insta::assert_snapshot!("show_json", serde_json::to_string_pretty(&json).unwrap());
}

#[test]
fn show_markdown_starts_with_the_tlp_marking() {
    let w = World::new();
    w.write("full.toml", FULL);
    let out = w
        .run(&["show", "full", "b", "--markdown"])
        .expect(0)
        .stdout();
    assert_eq!(first_line(&out), "**TLP:AMBER**");
    assert!(out.contains("\n# Full briefing\n"));
    assert!(out.contains("\n> “We came to talk.”\n"));
    insta::assert_snapshot!("show_markdown", out);
}

#[test]
fn show_unknown_id_exits_1_with_suggestion() {
    let w = World::new();
    w.write("full.toml", FULL);
    let run = w.run(&["show", "ful", "b"]).expect(1);
    assert_eq!(run.stdout(), "");
    assert_eq!(
        run.stderr(),
        "brief: no briefing with id `ful`; did you mean: full\n"
    );
}

// ---------------------------------------------------------------- colour

#[test]
fn piped_output_has_no_colour_codes() {
    let w = World::new();
    w.write("full.toml", FULL);
    w.write(
        "bad.toml",
        "title = \"T\"\ndate = 2024-01-02\nsumary = \"x\"\n",
    );
    for args in [
        &["check", "b"][..],
        &["list", "b"],
        &["show", "full", "b"],
        &["show", "full", "b", "--markdown"],
        &["flags", "b"],
    ] {
        for env in [&[][..], &[("NO_COLOR", "1")]] {
            let run = w.run_env(args, env);
            assert!(!run.0.stdout.contains(&0x1b), "{args:?}: {}", run.stdout());
            assert!(!run.0.stderr.contains(&0x1b), "{args:?}: {}", run.stderr());
        }
    }
    let run = w.run(&["check", "b", "--color", "never"]);
    assert!(!run.0.stdout.contains(&0x1b));
}

// ---------------------------------------------------------------- flags

/// Flags JSON with the times replaced, after checking they are RFC 3339.
fn redact_times(mut json: Value) -> Value {
    use time::format_description::well_known::Rfc3339;
    for flag in json.as_array_mut().unwrap() {
        for key in ["created", "updated"] {
            let t = flag[key].as_str().unwrap();
            assert!(
                time::OffsetDateTime::parse(t, &Rfc3339).is_ok(),
                "{key}: {t}"
            );
            flag[key] = Value::String("[time]".into());
        }
        // The folder is the world's own temporary one.
        if let Some(folder) = flag["folder"].as_str() {
            assert!(folder.ends_with("/b"), "folder: {folder}");
            flag["folder"] = Value::String("[folder]/b".into());
        }
    }
    json
}

#[test]
fn flag_life_cycle() {
    let w = World::new();
    w.write("full.toml", FULL);
    w.write("old.toml", MINIMAL);

    let run = w.run(&["flags", "b"]).expect(0);
    assert_eq!(run.stdout(), "No open flags.\n");
    assert_eq!(
        w.run(&["flags", "b", "--json"]).expect(0).json(),
        serde_json::json!([])
    );

    // Flagged in target order, so the order by creation time is the same whatever the clock.
    for target in ["full", "full/actor/qaani", "full/quote/q2"] {
        let run = w.run(&["flag", target, "b"]).expect(0);
        assert_eq!(run.stdout(), format!("flagged {target}\n"));
    }
    let run = w
        .run(&["flag", "full/actor/qaani", "b", "--note", "check the role"])
        .expect(0);
    assert_eq!(run.stdout(), "note set on full/actor/qaani\n");
    let run = w.run(&["done", "full", "b"]).expect(0);
    assert_eq!(run.stdout(), "done full\n");

    let open = w.run(&["flags", "b", "--json"]).expect(0).json();
    let targets: Vec<&str> = open
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["target"].as_str().unwrap())
        .collect();
    assert_eq!(targets, ["full/actor/qaani", "full/quote/q2"]);
    let all = w.run(&["flags", "b", "--json", "--all"]).expect(0).json();
    insta::assert_snapshot!(
        "flags_json_all",
        serde_json::to_string_pretty(&redact_times(all)).unwrap()
    );

    let text = w.run(&["flags", "b"]).expect(0).stdout();
    assert!(text.contains("⚑ full/actor/qaani"), "{text}");
    assert!(text.contains("Note: check the role"), "{text}");
    assert!(!text.contains("⚑ full\n"), "done flags are hidden: {text}");
    let text = w.run(&["flags", "b", "--all"]).expect(0).stdout();
    assert!(text.contains("full  [done]"), "{text}");

    let md = w
        .run(&["flags", "b", "--markdown", "--all"])
        .expect(0)
        .stdout();
    assert_eq!(first_line(&md), "**TLP:AMBER**");
    assert!(md.contains("\n- [x] **Full briefing**"), "{md}");
    assert!(
        md.contains("\n- [ ] **Full briefing** — Ismail Qaani (Commander)"),
        "{md}"
    );

    // The list shows which briefings have open flags.
    let list = w.run(&["list", "b", "--json"]).expect(0).json();
    assert_eq!(list[0]["id"], "full");
    assert_eq!(list[0]["flagged"], true);
    assert_eq!(list[0]["flags"], 2);
    assert_eq!(list[1]["flagged"], false);
    let text = w.run(&["list", "b"]).expect(0).stdout();
    assert!(text.lines().next().unwrap().ends_with('⚑'), "{text}");
    assert!(!text.lines().nth(1).unwrap().contains('⚑'), "{text}");
    let flagged = w
        .run(&["list", "b", "--flagged", "--json"])
        .expect(0)
        .json();
    assert_eq!(flagged.as_array().unwrap().len(), 1);

    let run = w.run(&["unflag", "full/quote/q2", "b"]).expect(0);
    assert_eq!(run.stdout(), "unflagged full/quote/q2\n");
    let run = w.run(&["unflag", "full/quote/q2", "b"]).expect(1);
    assert_eq!(
        run.stderr(),
        "brief: full/quote/q2 is not flagged; brief flags lists the flags\n"
    );
    let run = w.run(&["done", "full/actor/src", "b"]).expect(1);
    assert!(run.stderr().contains("is not flagged"), "{}", run.stderr());

    // Flagging a done flag again reopens it.
    let run = w.run(&["flag", "full", "b"]).expect(0);
    assert_eq!(run.stdout(), "reopened full\n");
}

#[test]
fn flags_markdown_cites_a_quote_with_its_speakers_role_and_source() {
    let w = World::new();
    w.write("full.toml", FULL);
    let shown = w.run(&["show", "full", "b", "--json"]).expect(0).json();
    let quote = shown["quotes"][0]["id"].as_str().unwrap().to_string();
    for target in [format!("full/quote/{quote}"), "full/quote/q2".to_string()] {
        w.run(&["flag", &target, "b"]).expect(0);
    }

    let md = w.run(&["flags", "b", "--markdown"]).expect(0).stdout();
    // Verbatim words in quotation marks; the speaker with their role, then the source's name.
    assert!(
        md.contains("\n  > “We came to talk.” — Ismail Qaani, Commander (Shafaq News)\n"),
        "{md}"
    );
    // A paraphrase without quotation marks; no role or source, none added.
    assert!(
        md.contains("\n  > He met the faction leaders. — A political source\n"),
        "{md}"
    );
    // The quote is cited once, in the block quote, not again on the checklist line.
    assert_eq!(md.matches("We came to talk.").count(), 1, "{md}");
}

#[test]
fn orphaned_and_changed_flags_are_marked() {
    let w = World::new();
    w.write("full.toml", FULL);
    for target in ["full/actor/qaani", "full/quote/q2"] {
        w.run(&["flag", target, "b"]).expect(0);
    }
    // Edit the actor's role; remove the quote.
    let edited = FULL
        .replace("role = \"Commander\"", "role = \"Former commander\"")
        .replace(
            "[[quotes]]\nid = \"q2\"\nspeaker = \"src\"\nmode = \"indirect\"\ntext = \"He met the faction leaders.\"\n",
            "",
        );
    assert_ne!(edited, FULL);
    w.write("full.toml", &edited);
    w.run(&["check", "b"]).expect(0);

    let json = w.run(&["flags", "b", "--json"]).expect(0).json();
    let by_target = |t: &str| {
        json.as_array()
            .unwrap()
            .iter()
            .find(|f| f["target"] == t)
            .unwrap()
            .clone()
    };
    let actor = by_target("full/actor/qaani");
    assert_eq!(
        (actor["orphaned"].clone(), actor["changed"].clone()),
        (Value::Bool(false), Value::Bool(true))
    );
    assert_eq!(actor["text"], "Ismail Qaani (Former commander)");
    let quote = by_target("full/quote/q2");
    assert_eq!(
        (quote["orphaned"].clone(), quote["changed"].clone()),
        (Value::Bool(true), Value::Bool(false))
    );
    // The snapshot taken when flagging stands in for the gone item.
    assert_eq!(
        quote["text"],
        "A political source (paraphrase): He met the faction leaders."
    );
    assert_eq!(quote["title"], "Full briefing");
    assert_eq!(quote["handling"], Value::Null);
    assert_eq!(quote["kind"], "quote");
    assert_eq!(quote["briefing"], "full");

    let text = w.run(&["flags", "b"]).expect(0).stdout();
    assert!(text.contains("⚑ full/quote/q2  [orphaned"), "{text}");
    assert!(text.contains("⚑ full/actor/qaani  [changed"), "{text}");

    // An orphaned flag can still get a note, be marked done, and be removed.
    let run = w
        .run(&["flag", "full/quote/q2", "b", "--note", "gone?"])
        .expect(0);
    assert_eq!(run.stdout(), "note set on full/quote/q2\n");
    w.run(&["done", "full/quote/q2", "b"]).expect(0);
    let run = w.run(&["unflag", "full/quote/q2", "b"]).expect(0);
    assert_eq!(run.stdout(), "unflagged full/quote/q2\n");
    // Now it is neither an item nor a flag.
    w.run(&["unflag", "full/quote/q2", "b"]).expect(1);
}

/// A flag made while reading one folder, listed while reading another: not orphaned, not
/// hidden, and every format says which folder it was flagged in. A briefing removed from the
/// folder it was flagged in is orphaned.
#[test]
fn flags_whose_briefing_is_in_another_folder_say_where() {
    let w = World::new();
    w.write("full.toml", FULL);
    let other = w.root().join("other");
    fs::create_dir_all(&other).unwrap();
    fs::write(
        other.join("watch.toml"),
        "id = \"watch\"\ntitle = \"Watch list\"\ndate = 2024-05-01\nsummary = \"s\"\n",
    )
    .unwrap();
    w.run(&["flag", "full/actor/qaani", "b"]).expect(0);
    w.run(&["flag", "watch", "other"]).expect(0);
    let b = fs::canonicalize(w.briefings()).unwrap();
    let b = b.to_str().unwrap();

    let json = w.run(&["flags", "other", "--json"]).expect(0).json();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 2, "no flag is hidden: {json}");
    let actor = rows
        .iter()
        .find(|r| r["target"] == "full/actor/qaani")
        .unwrap();
    assert_eq!(actor["orphaned"], false);
    assert_eq!(actor["loaded"], false);
    assert_eq!(actor["folder"], b);
    assert_eq!(
        actor["text"], "Ismail Qaani (Commander)",
        "the text kept when flagged"
    );
    let watch = rows.iter().find(|r| r["target"] == "watch").unwrap();
    assert_eq!(
        (&watch["orphaned"], &watch["loaded"]),
        (&Value::Bool(false), &Value::Bool(true))
    );

    let text = w.run(&["flags", "other"]).expect(0).stdout();
    assert!(
        text.contains(&format!(
            "⚑ full/actor/qaani  [not loaded here: flagged in {b}]"
        )),
        "{text}"
    );
    assert!(!text.contains("orphaned"), "{text}");
    let markdown = w.run(&["flags", "other", "--markdown"]).expect(0).stdout();
    assert!(
        markdown.contains(&format!("*Not loaded here: flagged in `{b}`.*")),
        "{markdown}"
    );
    assert!(!markdown.contains("Orphaned"), "{markdown}");

    // Read from its own folder it is just a flag; removed from there, it is orphaned.
    let json = w.run(&["flags", "b", "--json"]).expect(0).json();
    let actor = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["target"] == "full/actor/qaani")
        .unwrap()
        .clone();
    assert_eq!(
        (&actor["orphaned"], &actor["loaded"]),
        (&Value::Bool(false), &Value::Bool(true))
    );
    fs::remove_file(w.briefings().join("full.toml")).unwrap();
    w.write(
        "other.toml",
        "id = \"x\"\ntitle = \"X\"\ndate = 2024-01-01\nsummary = \"s\"\n",
    );
    let text = w.run(&["flags", "b"]).expect(0).stdout();
    assert!(
        text.contains("⚑ full/actor/qaani  [orphaned: briefing gone]"),
        "{text}"
    );
}

#[test]
fn unknown_or_malformed_targets_exit_1_with_suggestions() {
    let w = World::new();
    w.write("full.toml", FULL);
    let run = w.run(&["flag", "full/actor/qaany", "b"]).expect(1);
    assert_eq!(
        run.stderr(),
        "brief: no item `full/actor/qaany`; did you mean: full/actor/qaani\n"
    );
    let run = w.run(&["flag", "ful", "b"]).expect(1);
    assert!(
        run.stderr().contains("did you mean: full"),
        "{}",
        run.stderr()
    );
    let run = w.run(&["flag", "full/actors/qaani", "b"]).expect(1);
    assert!(
        run.stderr()
            .starts_with("brief: `full/actors/qaani` is not a flag target: unknown item kind"),
        "{}",
        run.stderr()
    );
    assert!(
        run.stderr().contains("did you mean: full/actor/qaani"),
        "{}",
        run.stderr()
    );
    let run = w.run(&["done", "Full/quote/Q2", "b"]).expect(1);
    assert!(run.stderr().starts_with("brief: "), "{}", run.stderr());
    // Nothing was written.
    assert_eq!(
        w.run(&["flags", "b", "--json", "--all"]).expect(0).json(),
        serde_json::json!([])
    );
}

#[test]
fn damaged_state_refuses_changes_with_exit_2() {
    let w = World::new();
    w.write("full.toml", FULL);
    w.run(&["flag", "full", "b"]).expect(0);
    let journal = w.state().join("state.jsonl");
    let text = fs::read_to_string(&journal).unwrap();
    fs::write(
        &journal,
        format!("{text}garbage{{\n{}", text.lines().nth(1).unwrap()),
    )
    .unwrap();
    let run = w.run(&["flag", "full/actor/qaani", "b"]).expect(2);
    let err = run.stderr();
    assert!(err.starts_with("brief: "), "{err}");
    assert!(err.contains("state.jsonl"), "{err}");
    assert!(err.contains("move the file aside"), "{err}");
    // Reading still works, and says why nothing can be changed.
    let run = w.run(&["flags", "b", "--json"]).expect(0);
    assert_eq!(run.json().as_array().unwrap().len(), 1);
    assert!(run.stderr().contains("state.jsonl"), "{}", run.stderr());
    assert_eq!(
        fs::read_to_string(&journal).unwrap().lines().count(),
        4,
        "file untouched"
    );
}

#[test]
fn global_options_go_before_or_after_the_command() {
    let w = World::new();
    w.write("full.toml", FULL);
    let state = w.state();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
    let out = cmd
        .args(["--color", "never", "--state-dir"])
        .arg(&state)
        .args(["flag", "full", "b"])
        .current_dir(w.root())
        .env("HOME", w.root().join("home"))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "flagged full\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        w.run(&["flags", "b", "--json"]).expect(0).json()[0]["target"],
        "full"
    );
    // PATH belongs after the command.
    let run = w.run(&["b", "list"]).expect(2);
    assert!(
        run.stderr()
            .starts_with("brief: PATH goes after the command"),
        "{}",
        run.stderr()
    );
}

// ---------------------------------------------------------------- on a terminal

/// Runs `brief ARGS` on a pseudo-terminal `cols` wide; returns its output with escape
/// sequences kept, and `\r\n` turned into `\n`.
fn on_terminal(w: &World, args: &[&str], cols: u16, env: &[(&str, &str)]) -> String {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_brief"));
    cmd.args(args);
    cmd.arg("--state-dir");
    cmd.arg(w.state());
    cmd.cwd(w.root());
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("BRIEF_DIR");
    cmd.env_remove("BRIEF_STATE_DIR");
    cmd.env("HOME", w.root().join("home"));
    cmd.env("TERM", "xterm-256color");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = pair.slave.spawn_command(cmd).expect("spawn on the pty");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut bytes = Vec::new();
    let mut buf = [0u8; 4096];
    // Linux reports EIO on the master once the child has gone: that is the end.
    while let Ok(n) = reader.read(&mut buf) {
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&buf[..n]);
    }
    child.wait().unwrap();
    String::from_utf8(bytes).unwrap().replace("\r\n", "\n")
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn on_a_terminal_titles_are_cut_and_text_fits_the_width() {
    let w = World::new();
    w.write("full.toml", FULL);
    w.write(
        "long.toml",
        &format!(
            "title = \"{}\"\ndate = 2024-02-02\nsummary = \"{}\"\n",
            "A very long title about the strait ".repeat(4).trim(),
            "word ".repeat(60)
        ),
    );
    let out = on_terminal(&w, &["list", "b"], 60, &[]);
    assert!(out.contains('…'), "{out}");
    for line in out.lines() {
        assert!(line.width() <= 60, "{line:?}");
    }
    let out = on_terminal(&w, &["show", "full", "b"], 50, &[]);
    assert!(out.contains("\x1b["), "colour on a terminal: {out:?}");
    for line in strip_ansi(&out).lines() {
        assert!(line.width() <= 50, "{line:?}");
    }
    for (args, env) in [
        (&["show", "full", "b"][..], &[("NO_COLOR", "1")][..]),
        (&["show", "full", "b", "--color", "never"], &[]),
        (&["check", "b"], &[("NO_COLOR", "1")]),
    ] {
        let out = on_terminal(&w, args, 50, env);
        assert!(!out.contains('\x1b'), "{args:?} {env:?}: {out:?}");
    }
}

// ---------------------------------------------------------------- shipped fixtures

fn fixtures(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let has_files = fs::read_dir(&dir).ok()?.flatten().next().is_some();
    has_files.then_some(dir)
}

fn forbidden(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c < ' ' && c != '\n' && c != '\t')
                || ('\u{7f}'..='\u{9f}').contains(&c)
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .collect()
}

#[test]
fn hostile_fixtures_never_reach_the_terminal() {
    let Some(dir) = fixtures("hostile") else {
        return common::cannot_run("tests/fixtures/hostile is missing or empty");
    };
    let w = World::new();
    let dir = dir.to_str().unwrap();
    let list = w.run(&["list", dir, "--json"]).json();
    let mut runs = vec![w.run(&["check", dir]), w.run(&["list", dir])];
    for b in list.as_array().unwrap() {
        let id = b["id"].as_str().unwrap();
        runs.push(w.run(&["show", id, dir]).expect(0));
        runs.push(w.run(&["show", id, dir, "--markdown"]).expect(0));
        runs.push(w.run(&["show", id, dir, "--width", "20"]).expect(0));
    }
    for run in runs {
        assert!(forbidden(&run.stdout()).is_empty(), "{}", run.stdout());
        assert!(forbidden(&run.stderr()).is_empty(), "{}", run.stderr());
    }
}

#[test]
fn invalid_fixtures_fail_check_with_the_contract_first_line() {
    let Some(dir) = fixtures("invalid") else {
        return common::cannot_run("tests/fixtures/invalid is missing or empty");
    };
    let w = World::new();
    let dir_text = dir.to_str().unwrap();
    for entry in fs::read_dir(&dir).unwrap().flatten() {
        let path = entry.path();
        let name = path.to_str().unwrap();
        if !(name.ends_with(".toml") || name.ends_with(".json")) {
            continue;
        }
        let run = w.run(&["check", name]).expect(1);
        let out = run.stdout();
        let first = first_line(&out);
        let rest = first
            .strip_prefix(&format!("{name}:"))
            .unwrap_or_else(|| panic!("{first}"));
        let mut parts = rest.splitn(3, ':');
        let line = parts.next().unwrap();
        let column = parts.next().unwrap();
        let message = parts.next().unwrap();
        assert!(line.parse::<usize>().is_ok_and(|n| n >= 1), "{first}");
        assert!(column.parse::<usize>().is_ok_and(|n| n >= 1), "{first}");
        assert!(
            message.starts_with(" error: ") || message.starts_with(" warning: "),
            "{first}"
        );
    }
    // list shows none of them, and says so on stderr only.
    let run = w.run(&["list", dir_text, "--json"]).expect(0);
    assert_eq!(run.json(), serde_json::json!([]));
    assert!(run.stderr().starts_with("brief: "), "{}", run.stderr());
}

#[test]
fn valid_and_duplicate_fixtures() {
    let w = World::new();
    if let Some(dir) = fixtures("valid") {
        let run = w.run(&["check", dir.to_str().unwrap()]).expect(0);
        assert!(run.stdout().contains(", 0 errors"), "{}", run.stdout());
        let list = w
            .run(&["list", dir.to_str().unwrap(), "--json"])
            .expect(0)
            .json();
        for b in list.as_array().unwrap() {
            let id = b["id"].as_str().unwrap();
            let json = w
                .run(&["show", id, dir.to_str().unwrap(), "--json"])
                .expect(0)
                .json();
            for kind in ["judgments", "quotes", "events", "actors"] {
                for item in json[kind].as_array().unwrap() {
                    assert!(item["id"].as_str().is_some_and(|s| !s.is_empty()), "{item}");
                }
            }
        }
    }
    if let Some(dir) = fixtures("dupes") {
        let run = w.run(&["check", dir.to_str().unwrap()]).expect(1);
        let errors = run
            .stdout()
            .lines()
            .filter(|l| l.contains(": error: briefing id ") && l.contains(" is also used by "))
            .count();
        assert_eq!(errors, 2, "{}", run.stdout());
    }
}

#[test]
fn completions_and_man_page_come_from_the_same_definitions() {
    let w = World::new();
    for shell in ["bash", "zsh", "fish"] {
        let run = w.run(&["completions", shell]);
        assert_eq!(run.code(), 0, "{shell}: {}", run.stderr());
        for command in ["check", "list", "show", "flags", "flag", "unflag", "done"] {
            assert!(
                run.stdout().contains(command),
                "{shell} completion lacks {command}"
            );
        }
    }
    let man = w.run(&["man"]);
    assert_eq!(man.code(), 0);
    assert!(man.stdout().starts_with(".ie") || man.stdout().contains(".TH brief 1"));
    assert!(man.stdout().contains("follow"));
    let bad = w.run(&["completions", "tcsh"]);
    assert_eq!(bad.code(), 2);
}

#[test]
fn every_command_that_reads_briefings_says_what_its_path_is() {
    let w = World::new();
    for command in ["list", "show", "flags", "flag", "unflag", "done", "search"] {
        let help = w.run(&[command, "--help"]);
        assert_eq!(help.code(), 0, "{command} --help");
        let text = help.stdout();
        let after = text
            .split("[PATH]")
            .nth(2)
            .unwrap_or_else(|| panic!("{command}: no [PATH] argument listed: {text}"));
        assert!(
            after.trim_start().starts_with("Briefings folder or file"),
            "{command}: {text}"
        );
    }
}

#[test]
fn every_command_has_help_and_there_is_a_version() {
    let w = World::new();
    for command in [
        "check",
        "list",
        "show",
        "flags",
        "flag",
        "unflag",
        "done",
        "completions",
        "man",
    ] {
        let run = w.run(&[command, "--help"]);
        assert_eq!(run.code(), 0, "{command} --help");
        assert!(
            run.stdout().contains("Usage: brief"),
            "{command}: {}",
            run.stdout()
        );
    }
    let version = w.run(&["--version"]);
    assert_eq!(version.code(), 0);
    assert!(version.stdout().starts_with("brief "));
}

#[test]
fn search_finds_across_briefings_with_folded_matching() {
    let w = World::new();
    let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/briefings");
    let text = w.run(&["search", "QĀʾĀNĪ radi", shipped]).expect(0);
    assert!(text.stdout().contains("/quote/"), "{}", text.stdout());
    let json = w
        .run(&["search", "khazali", shipped, "--json"])
        .expect(0)
        .json();
    let rows = json.as_array().unwrap();
    assert!(rows.iter().any(|r| r["field"] == "actor"));
    for r in rows {
        for key in ["target", "briefing", "title", "date", "field", "text"] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
    }
    // Arabic script is searchable, whatever way the alef is written.
    w.run(&["search", "الخزعلي", shipped]).expect(0);
    // Like grep: nothing found is exit 1, an empty query a usage error.
    w.run(&["search", "zzzqqq", shipped]).expect(1);
    w.run(&["search", " ", shipped]).expect(2);
}

#[test]
fn version_names_the_crate_version_and_the_commit_when_built_from_git() {
    let w = World::new();
    let stdout = w.run(&["--version"]).expect(0).stdout();
    let line = stdout.trim_end();
    let name = concat!("brief ", env!("CARGO_PKG_VERSION"));
    assert!(line.starts_with(name), "{line}");
    // build.rs names the commit whenever git can say what it is: then it must be this one.
    let head = std::process::Command::new("git")
        .args([
            "-C",
            env!("CARGO_MANIFEST_DIR"),
            "rev-parse",
            "--short",
            "HEAD",
        ])
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string());
    match head {
        Some(hash) => {
            let clean = format!("{name} (commit {hash})");
            let dirty = format!("{name} (commit {hash}-dirty)");
            assert!(line == clean || line == dirty, "{line}, HEAD is {hash}");
        }
        None => assert_eq!(line, name),
    }
}

/// A summary that labels its own bottom line is labelled once, in text and in Markdown.
#[test]
fn a_summary_that_begins_bluf_is_labelled_once() {
    let w = World::new();
    w.write(
        "own.toml",
        "id = \"own\"\ntitle = \"Own label\"\ndate = 2024-01-02\nsummary = \"BLUF: Talks stall.\\n\\nMore.\"\n",
    );
    let text = w.run(&["show", "own", "b"]).expect(0).stdout();
    assert!(text.contains("BLUF: Talks stall."), "{text}");
    assert!(!text.contains("BLUF: BLUF"), "{text}");
    let markdown = w
        .run(&["show", "own", "b", "--markdown"])
        .expect(0)
        .stdout();
    assert!(markdown.contains("**BLUF:** Talks stall."), "{markdown}");
}
