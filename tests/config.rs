//! The configuration file: parsing (through the library) and its use by the real binary. Every
//! run of the binary gets its own home and XDG folders, so the user's own configuration is
//! never read and never touched.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use brief::briefing::{Problem, Severity};
use brief::config::{self, ColorMode, Config, defaults_toml};
use brief::keymap::{Action, Key, Keymap, Scope};
use brief::theme::{Theme, ThemeName};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const PATH: &str = "/home/u/.config/brief/config.toml";

fn parse(text: &str) -> (Config, Vec<Problem>) {
    config::parse(text, Path::new(PATH))
}

/// Bindings as comparable rows.
fn rows(map: &Keymap) -> Vec<(String, Scope, Action)> {
    map.bindings
        .iter()
        .map(|b| (b.key.label(), b.scope, b.action))
        .collect()
}

fn action(map: &Keymap, key: &str) -> Option<Action> {
    let key = Key::parse(key).expect("a key");
    let modifiers = if key.ctrl {
        KeyModifiers::CONTROL
    } else {
        KeyModifiers::NONE
    };
    map.action(&KeyEvent::new(key.code, modifiers), false)
}

fn keys_of(map: &Keymap, action: Action) -> Vec<String> {
    map.bindings
        .iter()
        .filter(|b| b.action == action)
        .map(|b| b.key.label())
        .collect()
}

/// The one problem of a parse, as its first line.
fn only_problem(problems: &[Problem]) -> &Problem {
    assert_eq!(problems.len(), 1, "{problems:#?}");
    &problems[0]
}

#[test]
fn the_defaults_parse_back_to_exactly_the_default_keymap() {
    let (config, problems) = parse(&defaults_toml());
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(rows(&config.keymap()), rows(&Keymap::default()));
    assert_eq!(config.theme, ThemeName::Default);
    assert_eq!(config.color, ColorMode::Auto);
    assert!(!config.mouse);
    assert_eq!(config.briefings, None);
    // Every action is listed, with its default keys.
    let text = defaults_toml();
    for a in Action::ALL {
        let keys: Vec<String> = keys_of(&Keymap::default(), a)
            .iter()
            .map(|k| format!("{k:?}"))
            .collect();
        let line = format!("\n{} = [{}]", a.name(), keys.join(", "));
        assert!(text.contains(&line), "{line} missing from\n{text}");
    }
}

#[test]
fn a_missing_file_is_the_defaults_without_problems() {
    let dir = tempfile::tempdir().unwrap();
    let (config, problems) = config::load_from(&dir.path().join("config.toml"));
    assert_eq!(config, Config::default());
    assert!(problems.is_empty());
}

#[test]
fn an_unreadable_file_is_the_defaults_and_one_problem() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the file should be.
    let path = dir.path().join("config.toml");
    fs::create_dir(&path).unwrap();
    let (config, problems) = config::load_from(&path);
    assert_eq!(config, Config::default());
    assert!(only_problem(&problems).to_string().starts_with(&format!(
        "{}:1:1: error: cannot read the configuration file",
        path.display()
    )));
    fs::remove_dir(&path).unwrap();
    fs::write(&path, b"theme = \"\xff\"").unwrap();
    let (_, problems) = config::load_from(&path);
    assert!(only_problem(&problems).message.contains("not UTF-8"));
}

#[test]
fn settings_are_read() {
    let (config, problems) = parse(
        "briefings = \"/srv/briefings\"\ntheme = \"high-contrast\"\ncolor = \"never\"\nmouse = true\n",
    );
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(config.briefings, Some(PathBuf::from("/srv/briefings")));
    assert_eq!(config.theme, ThemeName::HighContrast);
    assert_eq!(config.color, ColorMode::Never);
    assert!(config.mouse);
    assert_eq!(config.theme(true), Theme::HIGH_CONTRAST);
    assert_eq!(
        config.theme(false),
        Theme::MONOCHROME,
        "no colour, no theme"
    );
}

#[test]
fn a_rebinding_replaces_the_defaults_of_that_action_only() {
    let (config, problems) = parse("[keys]\nflag = [\"x\"]\n");
    assert!(problems.is_empty(), "{problems:#?}");
    let map = config.keymap();
    assert_eq!(action(&map, "x"), Some(Action::ToggleFlag));
    assert_eq!(action(&map, "f"), None, "f no longer flags");
    assert_eq!(action(&map, "j"), Some(Action::Down), "others keep theirs");
    assert_eq!(keys_of(&map, Action::Quit), ["q", "Ctrl-c"]);
    // Help lists actions in the order of the default table whatever the file's order.
    let order = |map: &Keymap| {
        let mut seen: Vec<Action> = Vec::new();
        for b in &map.bindings {
            if !seen.contains(&b.action) {
                seen.push(b.action);
            }
        }
        seen
    };
    assert_eq!(order(&map), order(&Keymap::default()));
}

#[test]
fn several_keys_per_action_and_keys_taken_from_defaults() {
    let (config, problems) = parse(
        "[keys]\ndown = [\"j\", \"Down\", \"Ctrl-n\", \"Space\"]\nhelp = \"F1\"\nsearch = [\"s\", \"k\"]\n",
    );
    assert!(problems.is_empty(), "{problems:#?}");
    let map = config.keymap();
    for key in ["j", "Down", "Ctrl-n", "Space"] {
        assert_eq!(action(&map, key), Some(Action::Down), "{key}");
    }
    assert_eq!(
        action(&map, "F1"),
        Some(Action::Help),
        "a single string is one key"
    );
    assert_eq!(action(&map, "?"), None);
    assert_eq!(action(&map, "k"), Some(Action::Search), "taken from up");
    assert_eq!(keys_of(&map, Action::Up), ["Up"], "up keeps its other key");
    assert_eq!(
        config.keys,
        vec![
            (
                Action::Down,
                ["j", "Down", "Ctrl-n", "Space"]
                    .map(|k| Key::parse(k).unwrap())
                    .to_vec()
            ),
            (Action::Help, vec![Key::parse("F1").unwrap()]),
            (
                Action::Search,
                ["s", "k"].map(|k| Key::parse(k).unwrap()).to_vec()
            ),
        ]
    );
}

#[test]
fn an_empty_list_unbinds_an_action() {
    let (config, problems) = parse("[keys]\nproblems = []\n");
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(keys_of(&config.keymap(), Action::Problems).is_empty());
}

#[test]
fn done_is_bound_in_the_follow_up_view() {
    let (config, problems) = parse("[keys]\ndone = [\"x\"]\n");
    assert!(problems.is_empty(), "{problems:#?}");
    let map = config.keymap();
    let x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
    assert_eq!(map.action(&x, true), Some(Action::ToggleDone));
    assert_eq!(map.action(&x, false), None);
}

#[test]
fn a_bad_key_is_located_listed_with_examples_and_the_action_keeps_its_defaults() {
    let text = "theme = \"default\"\n[keys]\nup = [\"k\", \"PgUp\"]\ndown = [\"Ctrl+n\"]\n";
    let (config, problems) = parse(text);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_eq!(
        problems[0].to_string(),
        format!(
            "{PATH}:3:12: error: `PgUp` is not a key brief knows; `up` keeps its default keys (k, Up)"
        )
    );
    let hint = problems[0].hint.as_deref().unwrap();
    assert!(
        hint.contains("Ctrl-d") && hint.contains("PageDown"),
        "{hint}"
    );
    assert_eq!((problems[1].line, problems[1].column), (4, 9));
    assert!(
        problems[1]
            .hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean `Ctrl-n`?"),
        "{problems:#?}"
    );
    let excerpt = problems[0].excerpt.as_ref().unwrap();
    assert_eq!(&excerpt.text[excerpt.underline.clone()], "\"PgUp\"");
    let map = config.keymap();
    assert_eq!(keys_of(&map, Action::Up), ["k", "Up"]);
    assert_eq!(keys_of(&map, Action::Down), ["j", "Down"]);
}

#[test]
fn an_unknown_action_or_setting_gets_a_did_you_mean() {
    let (config, problems) =
        parse("theem = \"monochrome\"\n\n[keys]\nflg = [\"x\"]\nquit = [\"Q\"]\n");
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_eq!(
        problems[0].to_string(),
        format!("{PATH}:1:1: error: unknown setting `theem`")
    );
    assert_eq!(problems[0].hint.as_deref(), Some("did you mean `theme`?"));
    assert_eq!(
        problems[1].to_string(),
        format!("{PATH}:4:1: error: unknown action `flg`")
    );
    assert_eq!(problems[1].hint.as_deref(), Some("did you mean `flag`?"));
    // The rest of the file still counts.
    assert_eq!(keys_of(&config.keymap(), Action::Quit), ["Q"]);
    // Nothing close: the whole list.
    let (_, problems) = parse("[keys]\nzzzzzzzz = [\"x\"]\n");
    let hint = only_problem(&problems).hint.clone().unwrap();
    assert!(
        hint.contains("page-down") && hint.contains("follow-up"),
        "{hint}"
    );
}

#[test]
fn wrong_types_keep_the_defaults_of_what_is_wrong() {
    let text = "theme = 3\ncolor = \"sometimes\"\nmouse = \"yes\"\nbriefings = false\n[keys]\ndown = \"j\"\nup = 7\nflag = [\"x\", 1]\n";
    let (config, problems) = parse(text);
    let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        lines,
        [
            format!(
                "{PATH}:1:9: error: `theme` must be a string, found an integer; it keeps its default"
            ),
            format!(
                "{PATH}:2:9: error: `color` must be one of `auto`, `always`, `never`; found `sometimes`; it keeps its default"
            ),
            format!(
                "{PATH}:3:9: error: `mouse` must be true or false, found a string; it keeps its default"
            ),
            format!(
                "{PATH}:4:13: error: `briefings` must be a string, found a boolean; it keeps its default"
            ),
            format!(
                "{PATH}:7:6: error: `up` must be a list of keys, found an integer; `up` keeps its default keys (k, Up)"
            ),
            format!(
                "{PATH}:8:14: error: a key of `flag` must be a string, found an integer; `flag` keeps its default keys (f)"
            ),
        ],
        "{problems:#?}"
    );
    assert!(problems.iter().all(Problem::is_error));
    let map = config.keymap();
    assert_eq!(keys_of(&map, Action::Down), ["j"], "a string is one key");
    assert_eq!(keys_of(&map, Action::Up), ["k", "Up"]);
    assert_eq!(keys_of(&map, Action::ToggleFlag), ["f"]);
    assert_eq!(
        Config {
            keys: config.keys.clone(),
            ..Config::default()
        },
        config
    );
}

#[test]
fn a_syntax_error_is_located_and_everything_is_default() {
    let text = "theme = \"monochrome\"\n[keys]\nflag = [\"x\"\n";
    let (config, problems) = parse(text);
    let problem = only_problem(&problems);
    assert!(problem.is_error());
    assert_eq!(problem.line, 3, "{problem:#?}");
    assert!(
        problem.to_string().starts_with(&format!("{PATH}:3:")),
        "{problem}"
    );
    assert!(problem.message.starts_with("syntax error: "), "{problem}");
    assert_eq!(config, Config::default());
}

#[test]
fn quit_cannot_be_unbound() {
    let (config, problems) = parse("[keys]\nquit = []\n");
    let problem = only_problem(&problems);
    assert_eq!(
        problem.to_string(),
        format!(
            "{PATH}:2:8: error: `quit` needs at least one key; it keeps its defaults (q, Ctrl-c)"
        )
    );
    assert_eq!(keys_of(&config.keymap(), Action::Quit), ["q", "Ctrl-c"]);

    // Nor left without a key by others taking all of them.
    let (config, problems) = parse("[keys]\nflag = [\"q\", \"Ctrl-c\"]\n");
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems.iter().all(|p| p.is_error() && p.line == 2));
    let map = config.keymap();
    assert_eq!(keys_of(&map, Action::Quit), ["q", "Ctrl-c"]);
    assert!(keys_of(&map, Action::ToggleFlag).is_empty());

    // Taking one of two is fine.
    let (config, problems) = parse("[keys]\nflag = [\"q\"]\n");
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(keys_of(&config.keymap(), Action::Quit), ["Ctrl-c"]);

    // A quit rebound elsewhere frees its defaults.
    let (config, problems) = parse("[keys]\nflag = [\"q\", \"Ctrl-c\"]\nquit = [\"Ctrl-q\"]\n");
    assert!(problems.is_empty(), "{problems:#?}");
    let map = config.keymap();
    assert_eq!(keys_of(&map, Action::Quit), ["Ctrl-q"]);
    assert_eq!(keys_of(&map, Action::ToggleFlag), ["q", "Ctrl-c"]);

    // Whatever a Config holds, the keymap has a quit key.
    let config = Config {
        keys: vec![
            (Action::Quit, vec![]),
            (
                Action::ToggleFlag,
                vec![Key::parse("q").unwrap(), Key::parse("Ctrl-c").unwrap()],
            ),
        ],
        ..Config::default()
    };
    assert_eq!(keys_of(&config.keymap(), Action::Quit), ["q", "Ctrl-c"]);
}

#[test]
fn the_same_key_for_two_actions_is_a_warning_and_the_later_wins() {
    let (config, problems) = parse("[keys]\nflag = [\"x\"]\ntop = [\"g\", \"x\"]\n");
    let problem = only_problem(&problems);
    assert_eq!(problem.severity, Severity::Warning);
    assert_eq!(
        problem.to_string(),
        format!(
            "{PATH}:3:13: warning: `x` is bound to `flag` on line 2 too; the later binding wins, so it means `top`"
        )
    );
    let map = config.keymap();
    assert_eq!(action(&map, "x"), Some(Action::Top));
    assert!(keys_of(&map, Action::ToggleFlag).is_empty());
}

#[test]
fn the_readme_example_is_valid() {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme
        .split("## Configuration")
        .nth(1)
        .expect("a Configuration section");
    let example = section
        .split("```toml\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("a TOML example");
    let (config, problems) = parse(example);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(config.theme, ThemeName::HighContrast);
    assert_eq!(action(&config.keymap(), "Ctrl-n"), Some(Action::Down));
}

#[test]
fn themes_by_name() {
    for name in ["default", "high-contrast", "monochrome"] {
        assert_eq!(Theme::named(name).map(|t| t.name()), Some(name));
    }
    assert_eq!(Theme::named("dark"), None);
    assert_eq!((Theme::COLOR.color, Theme::MONOCHROME.color), (true, false));
}

// The real binary.

/// A temporary home with its own XDG folders and a briefings folder.
struct World {
    dir: tempfile::TempDir,
}

const BRIEFING: &str = r#"id = "one"
title = "The one briefing"
date = 2024-01-02
summary = "Bottom line."
"#;

impl World {
    fn new() -> World {
        let world = World {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        fs::create_dir_all(world.root().join("work")).unwrap();
        world
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn home(&self) -> PathBuf {
        self.root().join("home")
    }

    fn config_file(&self) -> PathBuf {
        self.home().join("config/brief/config.toml")
    }

    fn write_config(&self, text: &str) {
        let path = self.config_file();
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// A folder holding one briefing with this id.
    fn briefings(&self, name: &str, id: &str) -> PathBuf {
        let dir = self.root().join(name);
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join(format!("{id}.toml")),
            BRIEFING.replace("\"one\"", &format!("\"{id}\"")),
        )
        .unwrap();
        dir
    }

    /// Runs `brief ARGS` in `work/` (which has no `briefings` folder).
    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
        cmd.args(args)
            .current_dir(self.root().join("work"))
            .env_remove("BRIEF_DIR")
            .env_remove("NO_COLOR")
            .env("BRIEF_STATE_DIR", self.root().join("state"))
            .env("HOME", self.home())
            .env("XDG_STATE_HOME", self.home().join("state"))
            .env("XDG_CONFIG_HOME", self.home().join("config"))
            .env("XDG_CACHE_HOME", self.home().join("cache"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let output = cmd.output().expect("run brief");
        assert!(
            !String::from_utf8_lossy(&output.stderr).contains("panicked"),
            "{output:?}"
        );
        output
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("an exit code")
}

#[test]
fn brief_config_prints_defaults_that_parse_back() {
    let world = World::new();
    let output = world.run(&["config"], &[]);
    assert_eq!(code(&output), 0, "{output:?}");
    let text = stdout(&output);
    assert_eq!(text, defaults_toml());
    let (config, problems) = parse(&text);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(rows(&config.keymap()), rows(&Keymap::default()));
    // Saved as the configuration file, it checks clean.
    world.write_config(&text);
    let output = world.run(&["config", "--check"], &[]);
    assert_eq!(code(&output), 0, "{output:?}");
    assert!(
        stdout(&output).ends_with(": 0 errors, 0 warnings\n"),
        "{output:?}"
    );
}

#[test]
fn brief_config_path_follows_xdg_config_home_then_home() {
    let world = World::new();
    let output = world.run(&["config", "--path"], &[]);
    assert_eq!(code(&output), 0, "{output:?}");
    assert_eq!(
        stdout(&output),
        format!("{}\n", world.config_file().display())
    );
    let output = world.run(&["config", "--path"], &[("XDG_CONFIG_HOME", "")]);
    assert_eq!(
        stdout(&output),
        format!(
            "{}\n",
            world.home().join(".config/brief/config.toml").display()
        )
    );
}

#[test]
fn brief_config_check_reports_like_brief_check() {
    let world = World::new();
    let output = world.run(&["config", "--check"], &[]);
    assert_eq!(code(&output), 0, "{output:?}");
    assert_eq!(
        stdout(&output),
        format!(
            "no configuration file at {}; defaults in use (brief config prints them)\n",
            world.config_file().display()
        )
    );

    world.write_config("theme = \"hi-contrast\"\n[keys]\nflag = [\"x\"]\ntop = [\"x\"]\n");
    let output = world.run(&["config", "--check"], &[]);
    assert_eq!(code(&output), 1, "{output:?}");
    let text = stdout(&output);
    let file = world.config_file().display().to_string();
    assert!(
        text.starts_with(&format!("{file}:1:9: error: `theme` must be one of")),
        "{text}"
    );
    assert!(text.contains("did you mean `high-contrast`?"), "{text}");
    assert!(
        text.contains(&format!("{file}:4:8: warning: `x` is bound to `flag`")),
        "{text}"
    );
    assert!(
        text.ends_with(&format!("checked {file}: 1 error, 1 warning\n")),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "no colour codes in a pipe");

    // Warnings alone: exit 0.
    world.write_config("[keys]\nflag = [\"x\"]\ntop = [\"x\"]\n");
    assert_eq!(code(&world.run(&["config", "--check"], &[])), 0);
}

#[test]
fn the_briefings_setting_is_used_without_path_or_brief_dir() {
    let world = World::new();
    let from_config = world.briefings("from-config", "configured");
    world.write_config(&format!(
        "briefings = {:?}\n",
        from_config.display().to_string()
    ));
    let output = world.run(&["list"], &[]);
    assert_eq!(code(&output), 0, "{output:?}");
    assert!(stdout(&output).contains("configured"), "{output:?}");
    assert_eq!(stderr(&output), "");

    // BRIEF_DIR beats the configuration; PATH beats both.
    let from_env = world.briefings("from-env", "environment");
    let env = from_env.display().to_string();
    let output = world.run(&["list"], &[("BRIEF_DIR", &env)]);
    assert_eq!(code(&output), 0, "{output:?}");
    assert!(stdout(&output).contains("environment"), "{output:?}");
    assert!(!stdout(&output).contains("configured"), "{output:?}");
    let from_path = world.briefings("from-path", "argument");
    let output = world.run(
        &["list", from_path.to_str().unwrap()],
        &[("BRIEF_DIR", &env)],
    );
    assert!(stdout(&output).contains("argument"), "{output:?}");
    assert!(!stdout(&output).contains("environment"), "{output:?}");

    // `brief check` without a path reads the same folder.
    let output = world.run(&["check"], &[]);
    assert_eq!(code(&output), 0, "{output:?}");
    assert!(stdout(&output).contains("1 briefing"), "{output:?}");
}

#[test]
fn a_tilde_in_briefings_is_the_home_folder() {
    let world = World::new();
    world.briefings("home/notes", "tilde");
    world.write_config("briefings = \"~/notes\"\n");
    let output = world.run(&["list"], &[]);
    assert_eq!(code(&output), 0, "{output:?}");
    assert!(stdout(&output).contains("tilde"), "{output:?}");
}

#[test]
fn a_broken_configuration_is_one_warning_and_the_defaults() {
    let world = World::new();
    world.briefings("work/briefings", "default-folder");
    world.write_config("briefings = \"/nowhere\"\ncolour = \"never\"\n");
    let output = world.run(&["list"], &[]);
    // The valid setting still counts; the bad one is reported on stderr.
    assert_eq!(code(&output), 2, "{output:?}");
    let err = stderr(&output);
    assert!(
        err.starts_with(&format!(
            "brief: warning: {}:2:1: error: unknown setting `colour`",
            world.config_file().display()
        )),
        "{err}"
    );
    assert!(err.contains("/nowhere"), "{err}");

    // A syntax error: the defaults for everything, so ./briefings.
    world.write_config("briefings = \"/nowhere\"\n[keys\n");
    let output = world.run(&["list"], &[]);
    assert_eq!(code(&output), 0, "{output:?}");
    assert!(stdout(&output).contains("default-folder"), "{output:?}");
    assert!(stderr(&output).contains("syntax error"), "{output:?}");
}

#[test]
fn the_colour_setting_is_the_default_of_color() {
    let world = World::new();
    world.briefings("work/briefings", "one");
    fs::write(world.root().join("work/briefings/bad.toml"), "title = 3\n").unwrap();
    let has_colour = |env: &[(&str, &str)], args: &[&str]| {
        let output = world.run(args, env);
        assert_eq!(code(&output), 1, "{output:?}");
        output.stdout.contains(&0x1b)
    };
    assert!(!has_colour(&[], &["check"]), "a pipe: no colour");
    world.write_config("color = \"always\"\n");
    assert!(has_colour(&[], &["check"]));
    assert!(
        has_colour(&[("NO_COLOR", "1")], &["check"]),
        "the file beats NO_COLOR"
    );
    assert!(
        !has_colour(&[], &["check", "--color", "never"]),
        "the flag beats the file"
    );
    world.write_config("color = \"never\"\n");
    assert!(!has_colour(&[], &["check", "--color", "auto"]));
    assert!(has_colour(&[], &["check", "--color", "always"]));
}
