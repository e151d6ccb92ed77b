//! The user's configuration file: key bindings, theme, colour, mouse and the briefings folder.
//!
//! Read from `$XDG_CONFIG_HOME/brief/config.toml`, else `~/.config/brief/config.toml`
//! ([`config_path`]). Every setting is optional; `brief config` prints the defaults with comments
//! ([`defaults_toml`]), and `brief config --check` validates the file.
//!
//! # Format
//!
//! ```toml
//! # briefings = "~/briefings"   # used when no PATH is given and BRIEF_DIR is not set
//! theme = "default"             # default | high-contrast | monochrome
//! color = "auto"                # auto | always | never
//! mouse = false                 # clicks and the wheel; off keeps the terminal's text selection
//! bidi = "transform"            # transform | terminal: who lays out right-to-left text
//! hyperlinks = true             # sources as links a click opens (OSC 8)
//!
//! [keys]                        # by action name; several keys per action
//! down = ["j", "Down"]
//! flag = ["f"]
//! ```
//!
//! - `briefings`: a leading `~` (alone, or `~/...`) is the home folder; a relative path is taken
//!   from the folder of the configuration file. Where briefings are read from: PATH, else
//!   `$BRIEF_DIR`, else this setting, else `./briefings`.
//! - `theme`: see `crate::theme`. Without colour (`NO_COLOR`, `--color never`), it is always
//!   monochrome.
//! - `color`: what `--color` is when not given, so the order is: `--color always|never`, else
//!   `color = "always"|"never"` here, else `NO_COLOR` (set and not empty: no colour), else colour
//!   only on a terminal. A configuration file overrides `NO_COLOR`, as <https://no-color.org>
//!   asks of user-level configuration.
//! - `bidi`: `transform` (the default): `brief` shapes Arabic and puts right-to-left text in
//!   display order itself, and tells the terminal so (`CSI 8 l`, undone with `CSI 8 h` on exit);
//!   `terminal`: text is sent in logical order with no mode switch, for terminals that lay out
//!   bidirectional text themselves (Konsole, mlterm, GNOME Terminal).
//! - `hyperlinks`: source names in the reader are OSC 8 hyperlinks to their URLs (terminals
//!   without support show the text alone); `false` sends the text alone everywhere.
//! - `[keys]`: `ACTION = ["KEY", ...]` replaces the action's default keys; an action left out
//!   keeps its defaults; `ACTION = []` unbinds it (not `quit`). One key may be written as a
//!   string (`help = "F1"`). Keys are written as help shows them: `j`, `G`, `?`, `Ctrl-d`,
//!   `Down`, `PageDown`, `Tab`, `Shift-Tab`, `Enter`, `Esc`, `Space`, `F1`...`F12`. A key taken
//!   by an action leaves the action that had it by default. The same key given to two actions
//!   in the file is a warning, and the later one in the file gets it. `done` applies in the
//!   follow-up view only, where it wins over the others.
//!
//! # Problems
//!
//! A bad file never stops the reader: [`load`] and [`parse`] always return a `Config`, with the
//! defaults for whatever was wrong, and the problems as [`Problem`]s located at the offending key
//! or value (`FILE:LINE:COL: error: MESSAGE`, the line, a hint):
//!
//! - a TOML syntax error: one problem where the parser stopped, and the defaults for everything;
//! - an unknown setting or action: "did you mean" the closest name;
//! - a value of the wrong type or outside its set of words: that setting keeps its default;
//! - a key that cannot be read: that action keeps all its default keys;
//! - `quit = []`, or bindings that take every key of `quit`: `quit` keeps its keys, as a user
//!   must always be able to quit;
//! - the same key for two actions: a warning (the later in the file wins).
//!
//! This module does no terminal I/O; it reads the file and the environment (`HOME`,
//! `XDG_CONFIG_HOME`, `NO_COLOR`) only.

use std::io::Read as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::briefing::sanitize::neutralize;
use crate::briefing::{Locator, Problem, Severity};
use crate::suggest::closest;
use ratatui::crossterm::event::KeyCode;

use crate::keymap::{Action, Key, Keymap, Scope};
use crate::theme::{Theme, ThemeName};

/// Files larger than this are refused rather than read (a configuration is a few hundred bytes).
pub const MAX_FILE_BYTES: u64 = 1 << 20;

/// The top-level settings, in the order `brief config` prints them.
pub const SETTINGS: [&str; 10] = [
    "briefings",
    "theme",
    "color",
    "mouse",
    "bidi",
    "hyperlinks",
    "team",
    "name",
    "share_red",
    "keys",
];

/// How keys are written, for hints.
const KEY_EXAMPLES: &str = "Keys are written as help shows them: j, G, ?, Ctrl-d, Down, Up, Left, Right, \
     Home, End, PageDown, PageUp, Tab, Shift-Tab, Enter, Esc, Space, Backspace, Delete, F1 to F12";

/// Named keys, for "did you mean".
const KEY_NAMES: [&str; 15] = [
    "Down",
    "Up",
    "Left",
    "Right",
    "Home",
    "End",
    "PageDown",
    "PageUp",
    "Tab",
    "Shift-Tab",
    "Enter",
    "Esc",
    "Space",
    "Backspace",
    "Delete",
];

/// When to write colour: the `--color` flag and the `color` setting, which is what `--color` is
/// when it is not given (see [`color_enabled`] for the order).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorMode {
    /// As the flag: the configuration's `color`, if set. As the setting (or when the
    /// configuration leaves it at `auto`): colour on a terminal, unless `NO_COLOR` is set.
    #[default]
    #[value(
        help = "The configuration's `color` if set, else colour on a terminal unless NO_COLOR is set"
    )]
    Auto,
    Always,
    Never,
}

impl ColorMode {
    pub const ALL: [ColorMode; 3] = [ColorMode::Auto, ColorMode::Always, ColorMode::Never];

    pub fn name(self) -> &'static str {
        match self {
            ColorMode::Auto => "auto",
            ColorMode::Always => "always",
            ColorMode::Never => "never",
        }
    }

    pub fn from_name(name: &str) -> Option<ColorMode> {
        ColorMode::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// The `bidi` setting: who lays out right-to-left text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BidiMode {
    /// `brief` shapes and reorders it (most terminals do neither).
    #[default]
    Transform,
    /// The terminal does: text goes out in logical order.
    Terminal,
}

impl BidiMode {
    pub const ALL: [BidiMode; 2] = [BidiMode::Transform, BidiMode::Terminal];

    pub fn name(self) -> &'static str {
        match self {
            BidiMode::Transform => "transform",
            BidiMode::Terminal => "terminal",
        }
    }

    pub fn from_name(name: &str) -> Option<BidiMode> {
        BidiMode::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// Whether to write colour: `flag` (`--color`) `always`/`never` wins; else the configuration's
/// `always`/`never`; else `NO_COLOR` (set and not empty) means no; else colour on a terminal.
pub fn color_enabled(flag: ColorMode, config: ColorMode, no_color: bool, terminal: bool) -> bool {
    match (flag, config) {
        (ColorMode::Always, _) => true,
        (ColorMode::Never, _) => false,
        (ColorMode::Auto, ColorMode::Always) => true,
        (ColorMode::Auto, ColorMode::Never) => false,
        (ColorMode::Auto, ColorMode::Auto) => terminal && !no_color,
    }
}

/// `TERM=dumb` (or no `TERM`): a terminal that announces no capabilities gets no colour codes.
/// The 16 ANSI colours are all `brief` ever uses otherwise, so any other terminal has them.
pub fn dumb_terminal() -> bool {
    std::env::var_os("TERM").is_none_or(|t| t.is_empty() || t == "dumb")
}

/// `NO_COLOR` is set to something (an empty value counts as unset, as no-color.org says).
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The user's configuration, read and checked once per process, on first use: the commands,
/// the reader and the briefings folder all take it from here.
pub fn user() -> &'static (Config, Vec<Problem>) {
    static USER: std::sync::OnceLock<(Config, Vec<Problem>)> = std::sync::OnceLock::new();
    USER.get_or_init(load)
}

/// The configuration in force: the defaults, and what the file changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The briefings folder (`~` expanded, relative paths made relative to the file's folder);
    /// `None`: not set.
    pub briefings: Option<PathBuf>,
    pub theme: ThemeName,
    pub color: ColorMode,
    /// Mouse support in the reader (off by default so the terminal's text selection works).
    pub mouse: bool,
    pub bidi: BidiMode,
    /// Source names are OSC 8 hyperlinks in the reader (on by default).
    pub hyperlinks: bool,
    /// The team folder (as `briefings`), used when neither `--team` nor `BRIEF_TEAM_DIR` is
    /// given; `None`: working alone.
    pub team: Option<PathBuf>,
    /// The member name in a team, instead of the login name (for git; on one host the team
    /// trusts a file only if its owner's login name is the name it carries).
    pub name: Option<String>,
    /// Flags on TLP:RED briefings are shared with the team too (by default they stay private).
    pub share_red: bool,
    /// Rebindings in file order; each replaces its action's default keys (see
    /// [`Config::keymap`]). Only valid ones are kept: no unknown key, no empty `quit`.
    pub keys: Vec<(Action, Vec<Key>)>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            briefings: None,
            theme: ThemeName::default(),
            color: ColorMode::default(),
            mouse: false,
            bidi: BidiMode::default(),
            hyperlinks: true,
            team: None,
            name: None,
            share_red: false,
            keys: Vec::new(),
        }
    }
}

impl Config {
    /// The defaults with the file's rebindings applied, in the order of the default table (so
    /// help lists actions in the same order whatever the file says). `quit` always keeps a key:
    /// if the rebindings took all of them, it takes back its own (those the file gave it, else
    /// its defaults).
    pub fn keymap(&self) -> Keymap {
        let mut map = Keymap::default();
        let order = action_order(&map);
        for (action, keys) in &self.keys {
            if *action == Action::Quit && keys.is_empty() {
                continue;
            }
            map.rebind(*action, keys);
        }
        if !map.bindings.iter().any(|b| b.action == Action::Quit) {
            map.rebind(Action::Quit, &self.quit_keys());
        }
        map.bindings.sort_by_key(|b| {
            order
                .iter()
                .position(|a| *a == b.action)
                .unwrap_or(usize::MAX)
        });
        map
    }

    /// The theme to draw with: the configured one, or monochrome when colour is off.
    pub fn theme(&self, color: bool) -> Theme {
        if color {
            self.theme.theme()
        } else {
            Theme::MONOCHROME
        }
    }

    /// Whether to use colour, given `--color` (as a [`ColorMode`]) and whether the output is a
    /// terminal; reads `NO_COLOR`. See [`color_enabled`] for the order.
    pub fn use_color(&self, flag: ColorMode, terminal: bool) -> bool {
        color_enabled(
            flag,
            self.color,
            no_color_env() || dumb_terminal(),
            terminal,
        )
    }

    /// The keys `quit` must keep: the last non-empty list the file gave it, else its defaults.
    fn quit_keys(&self) -> Vec<Key> {
        self.keys
            .iter()
            .rev()
            .find(|(a, keys)| *a == Action::Quit && !keys.is_empty())
            .map(|(_, keys)| keys.clone())
            .unwrap_or_else(|| default_keys(&Keymap::default(), Action::Quit))
    }
}

/// Where the configuration file is: `$XDG_CONFIG_HOME/brief/config.toml` (when that is an
/// absolute path), else `~/.config/brief/config.toml`; `None` when there is no home either.
pub fn config_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy as _;
    let strategy = etcetera::choose_base_strategy().ok()?;
    Some(strategy.config_dir().join("brief").join("config.toml"))
}

/// The user's configuration. Never fails: no file (or no home) gives the defaults and no
/// problems; a bad file gives the defaults for what is bad, and the problems.
pub fn load() -> (Config, Vec<Problem>) {
    match config_path() {
        Some(path) => load_from(&path),
        None => (Config::default(), Vec::new()),
    }
}

/// The configuration in `path`, as [`load`] does it.
pub fn load_from(path: &Path) -> (Config, Vec<Problem>) {
    match read(path) {
        Ok(Some(text)) => parse(&text, path),
        Ok(None) => (Config::default(), Vec::new()),
        Err(e) => (
            Config::default(),
            vec![Problem::whole_file(
                path.to_path_buf(),
                format!("cannot read the configuration file: {e}"),
                Some("fix it or remove it; until then the defaults are in use".into()),
            )],
        ),
    }
}

/// The text of the configuration file; `Ok(None)` when there is none. Refuses a file larger
/// than [`MAX_FILE_BYTES`] or not UTF-8.
pub fn read(path: &Path) -> std::io::Result<Option<String>> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(std::io::Error::other(format!(
            "it is larger than {} KiB",
            MAX_FILE_BYTES / 1024
        )));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "it is not UTF-8 text"))
}

/// Reads a configuration from `text`; `path` is where problems say they are (and the folder a
/// relative `briefings` is taken from).
pub fn parse(text: &str, path: &Path) -> (Config, Vec<Problem>) {
    let mut parser = Parser {
        text,
        path,
        locator: Locator::new(text),
        problems: Vec::new(),
    };
    let config = parser.config();
    let mut problems = parser.problems;
    problems.sort_by_key(|p| (p.line, p.column));
    (config, problems)
}

/// The defaults as a configuration file, with comments: every setting, and every action with
/// its default keys (generated from `Keymap::default()`, so it never drifts). Parsing it gives
/// the defaults and no problems.
pub fn defaults_toml() -> String {
    let map = Keymap::default();
    let mut out = String::from(
        "# brief's configuration: $XDG_CONFIG_HOME/brief/config.toml (else ~/.config/brief/config.toml).\n\
         # These are the defaults. Keep only what you change; `brief config --check` checks the file.\n\
         \n\
         # The briefings folder, used when no PATH is given and BRIEF_DIR is not set (else ./briefings).\n\
         # A leading ~ is your home folder; a relative path is taken from this file's folder.\n\
         # briefings = \"~/briefings\"\n\
         \n\
         # default | high-contrast | monochrome (NO_COLOR and --color never always give monochrome).\n",
    );
    out.push_str(&format!("theme = \"{}\"\n\n", ThemeName::default().name()));
    out.push_str(
        "# auto | always | never: what --color is when not given. --color always|never wins over\n\
         # this; this wins over NO_COLOR; auto means colour on a terminal unless NO_COLOR is set.\n",
    );
    out.push_str(&format!("color = \"{}\"\n\n", ColorMode::default().name()));
    out.push_str(
        "# Clicks and the wheel in the reader. Off keeps the terminal's own text selection working.\n",
    );
    out.push_str(&format!("mouse = {}\n\n", Config::default().mouse));
    out.push_str(
        "# transform | terminal: who lays out right-to-left text (Arabic, Hebrew). transform: brief\n\
         # joins Arabic letters and shows each line right to left itself, for terminals that do\n\
         # neither (most). terminal: text goes out in logical order, for Konsole, mlterm, GNOME Terminal.\n",
    );
    out.push_str(&format!("bidi = \"{}\"\n\n", BidiMode::default().name()));
    out.push_str(
        "# Source names in the reader as links a click opens (OSC 8), in terminals that support them\n\
         # (through tmux 3.4+ with: set -as terminal-features ',*:hyperlinks'). false: text alone.\n",
    );
    out.push_str(&format!(
        "hyperlinks = {}\n\n",
        Config::default().hyperlinks
    ));
    out.push_str(
        "# Team follow-ups (see \"Working as a team\" in the README): the team folder, used when\n\
         # neither --team nor BRIEF_TEAM_DIR is given; your member name (default: your login name);\n\
         # whether flags on TLP:RED briefings are shared too (by default they stay private).\n\
         # team = \"/srv/brief-team\"\n\
         # name = \"alice\"\n",
    );
    out.push_str(&format!("share_red = {}\n\n", Config::default().share_red));
    out.push_str(
        "# Key bindings by action: ACTION = [KEYS]. Several keys per action; an action left out keeps\n\
         # its defaults; ACTION = [] unbinds it (quit always keeps a key). A key given to an action\n\
         # leaves the action that had it; the same key for two actions here: the later one wins.\n",
    );
    out.push_str(&comment_lines(&format!("{KEY_EXAMPLES}."), 96));
    out.push_str("[keys]\n");
    let rows: Vec<(String, String)> = action_order(&map)
        .into_iter()
        .map(|action| {
            let keys: Vec<String> = default_keys(&map, action)
                .iter()
                .map(|k| toml_string(&k.label()))
                .collect();
            let line = format!("{} = [{}]", action.name(), keys.join(", "));
            let scope = map
                .bindings
                .iter()
                .find(|b| b.action == action)
                .map(|b| b.scope);
            let comment = match scope {
                Some(Scope::FollowUp) => format!("in the follow-up view: {}", action.describe()),
                _ => action.describe().to_string(),
            };
            (line, comment)
        })
        .collect();
    let width = rows.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
    for (line, comment) in rows {
        out.push_str(&format!("{line:<width$}  # {comment}\n"));
    }
    out
}

/// `text` as `# ` comment lines no wider than `width`.
fn comment_lines(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::from("#");
    for word in text.split(' ') {
        if line.len() + 1 + word.len() > width && line != "#" {
            out.push_str(&line);
            out.push('\n');
            line = String::from("#");
        }
        line.push(' ');
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// Every action, in the order of the default table (first binding first).
fn action_order(map: &Keymap) -> Vec<Action> {
    let mut order: Vec<Action> = Vec::new();
    for b in &map.bindings {
        if !order.contains(&b.action) {
            order.push(b.action);
        }
    }
    for a in Action::ALL {
        if !order.contains(&a) {
            order.push(a);
        }
    }
    order
}

fn default_keys(map: &Keymap, action: Action) -> Vec<Key> {
    map.bindings
        .iter()
        .filter(|b| b.action == action)
        .map(|b| b.key)
        .collect()
}

/// Where an action's keys apply: as in the default table (`done` in the follow-up view).
fn scope_of(action: Action) -> Scope {
    Keymap::default()
        .bindings
        .iter()
        .find(|b| b.action == action)
        .map_or(Scope::Reader, |b| b.scope)
}

fn labels(keys: &[Key]) -> String {
    keys.iter().map(Key::label).collect::<Vec<_>>().join(", ")
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn kind(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number with a fraction",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

type Span = Range<usize>;

/// One action's keys as the file gave them, each with where it was written.
struct Rebinding {
    action: Action,
    keys: Vec<(Key, Span)>,
}

struct Parser<'a> {
    text: &'a str,
    path: &'a Path,
    locator: Locator<'a>,
    problems: Vec<Problem>,
}

impl Parser<'_> {
    fn problem(&mut self, severity: Severity, span: Span, message: &str, hint: Option<&str>) {
        let problem = self
            .locator
            .problem(self.path.to_path_buf(), severity, span, message, hint);
        self.problems.push(problem);
    }

    fn error(&mut self, span: Span, message: &str, hint: Option<&str>) {
        self.problem(Severity::Error, span, message, hint);
    }

    fn line_of(&self, span: &Span) -> usize {
        let end = span.start.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    }

    fn config(&mut self) -> Config {
        let mut config = Config::default();
        let root = match DeTable::parse(self.text) {
            Ok(root) => root,
            Err(e) => {
                let message = format!(
                    "syntax error: {}; the defaults are in use for everything",
                    e.message().trim()
                );
                let hint = "the file is TOML: `setting = value`, strings in double quotes, \
                            key bindings under [keys]";
                match e.span() {
                    Some(span) => self.error(span, &message, Some(hint)),
                    None => self.problems.push(Problem::whole_file(
                        self.path.to_path_buf(),
                        message,
                        Some(hint.into()),
                    )),
                }
                return config;
            }
        };
        for (key, value) in root.get_ref().iter() {
            let name: &str = key.get_ref();
            match name {
                "briefings" => {
                    if let Some(path) = self.briefings(value) {
                        config.briefings = Some(path);
                    }
                }
                "theme" => {
                    let names = ThemeName::ALL.map(ThemeName::name);
                    if let Some(theme) = self.word(value, "theme", ThemeName::from_name, &names) {
                        config.theme = theme;
                    }
                }
                "color" => {
                    let names = ColorMode::ALL.map(ColorMode::name);
                    if let Some(color) = self.word(value, "color", ColorMode::from_name, &names) {
                        config.color = color;
                    }
                }
                "mouse" => {
                    if let Some(mouse) = self.boolean(value, "mouse") {
                        config.mouse = mouse;
                    }
                }
                "hyperlinks" => {
                    if let Some(on) = self.boolean(value, "hyperlinks") {
                        config.hyperlinks = on;
                    }
                }
                "bidi" => {
                    let names = BidiMode::ALL.map(BidiMode::name);
                    if let Some(bidi) = self.word(value, "bidi", BidiMode::from_name, &names) {
                        config.bidi = bidi;
                    }
                }
                "team" => {
                    if let Some(path) = self.folder(value, "team") {
                        config.team = Some(path);
                    }
                }
                "name" => {
                    if let Some(name) = self.member_name(value) {
                        config.name = Some(name);
                    }
                }
                "share_red" => {
                    if let Some(share) = self.boolean(value, "share_red") {
                        config.share_red = share;
                    }
                }
                "keys" => config.keys = self.keys(value),
                other => {
                    let hint = match (Action::from_name(other), closest(other, &SETTINGS)) {
                        (Some(_), _) => format!(
                            "key bindings go under [keys]: move `{}` below the [keys] line",
                            neutralize(other)
                        ),
                        (None, Some(near)) => format!("did you mean `{near}`?"),
                        (None, None) => format!(
                            "the settings are: {}; `brief config` prints them all",
                            SETTINGS.join(", ")
                        ),
                    };
                    self.error(
                        key.span(),
                        &format!("unknown setting `{other}`"),
                        Some(&hint),
                    );
                }
            }
        }
        config
    }

    fn string<'v>(&mut self, value: &'v Spanned<DeValue<'_>>, field: &str) -> Option<&'v str> {
        match value.get_ref() {
            DeValue::String(s) => Some(s.as_ref()),
            other => {
                self.error(
                    value.span(),
                    &format!(
                        "`{field}` must be a string, found {}; it keeps its default",
                        kind(other)
                    ),
                    Some(&format!("write {field} = \"...\", in double quotes")),
                );
                None
            }
        }
    }

    fn boolean(&mut self, value: &Spanned<DeValue<'_>>, field: &str) -> Option<bool> {
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                let hint = match other {
                    DeValue::String(s) if matches!(s.as_ref(), "true" | "false") => {
                        format!("write {field} = {s}, without quotes")
                    }
                    _ => format!("write {field} = true or {field} = false"),
                };
                self.error(
                    value.span(),
                    &format!(
                        "`{field}` must be true or false, found {}; it keeps its default",
                        kind(other)
                    ),
                    Some(&hint),
                );
                None
            }
        }
    }

    /// One of a closed set of words.
    fn word<T>(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        field: &str,
        parse: fn(&str) -> Option<T>,
        words: &[&str],
    ) -> Option<T> {
        let text = self.string(value, field)?;
        if let Some(found) = parse(text) {
            return Some(found);
        }
        let (message, hint) = crate::suggest::refused_word(field, text, text, words, words);
        self.error(
            value.span(),
            &format!("{message}; it keeps its default"),
            Some(&hint),
        );
        None
    }

    fn member_name(&mut self, value: &Spanned<DeValue<'_>>) -> Option<String> {
        let text = self.string(value, "name")?;
        if crate::team::member::is_valid_name(text) {
            return Some(text.to_string());
        }
        self.error(
            value.span(),
            &format!(
                "`{}` is not a member name; your login name is used",
                neutralize(text)
            ),
            Some("use letters, digits, `.`, `_` and `-` (not first: `.` or `-`), at most 64"),
        );
        None
    }

    fn briefings(&mut self, value: &Spanned<DeValue<'_>>) -> Option<PathBuf> {
        self.folder(value, "briefings")
    }

    /// A folder setting: `~` expanded, a relative path taken from the file's folder.
    fn folder(&mut self, value: &Spanned<DeValue<'_>>, field: &str) -> Option<PathBuf> {
        let text = self.string(value, field)?;
        if text.trim().is_empty() {
            self.error(
                value.span(),
                &format!("`{field}` is empty"),
                Some(&format!(
                    "name a folder, e.g. {field} = \"~/{field}\", or remove the line"
                )),
            );
            return None;
        }
        let path = match text.strip_prefix('~') {
            Some(rest) if rest.is_empty() || rest.starts_with('/') => {
                let Ok(home) = etcetera::home_dir() else {
                    self.error(
                        value.span(),
                        "cannot expand `~`: the home folder is unknown (HOME is not set)",
                        Some("write the full path"),
                    );
                    return None;
                };
                home.join(rest.trim_start_matches('/'))
            }
            _ => PathBuf::from(text),
        };
        if path.is_relative() {
            let folder = self.path.parent().unwrap_or(Path::new(""));
            return Some(folder.join(path));
        }
        Some(path)
    }

    /// The `[keys]` table: valid rebindings in file order. Conflicts between them are warned
    /// about; `quit` losing every key is an error (and [`Config::keymap`] gives them back).
    fn keys(&mut self, value: &Spanned<DeValue<'_>>) -> Vec<(Action, Vec<Key>)> {
        let DeValue::Table(table) = value.get_ref() else {
            self.error(
                value.span(),
                &format!(
                    "`keys` must be a table, found {}; the default keys are in use",
                    kind(value.get_ref())
                ),
                Some(
                    "write a [keys] line, then one line per action, e.g. down = [\"j\", \"Down\"]",
                ),
            );
            return Vec::new();
        };
        let defaults = Keymap::default();
        let names = Action::ALL.map(Action::name);
        let mut accepted: Vec<Rebinding> = Vec::new();
        // Keys the file gave so far: (key, scope) -> action, span.
        let mut given: Vec<(Key, Scope, Action, Span)> = Vec::new();
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            let Some(action) = Action::from_name(name) else {
                let hint = if SETTINGS.contains(&name) {
                    format!("`{name}` is a setting, not an action: move it above the [keys] line")
                } else if let Some(near) = closest(name, &names) {
                    format!("did you mean `{near}`?")
                } else {
                    format!("the actions are: {}", names.join(", "))
                };
                self.error(key.span(), &format!("unknown action `{name}`"), Some(&hint));
                continue;
            };
            let Some(keys) = self.key_list(action, value, &defaults) else {
                continue;
            };
            if action == Action::Quit && keys.is_empty() {
                self.error(
                    value.span(),
                    &format!(
                        "`quit` needs at least one key; it keeps its defaults ({})",
                        labels(&default_keys(&defaults, Action::Quit))
                    ),
                    Some("a user must always be able to quit: give it another key instead"),
                );
                continue;
            }
            let scope = scope_of(action);
            for (k, span) in &keys {
                if let Some(i) = given
                    .iter()
                    .position(|(g, s, a, _)| g == k && *s == scope && *a != action)
                {
                    let (_, _, other, other_span) = given.remove(i);
                    let line = self.line_of(&other_span);
                    self.problem(
                        Severity::Warning,
                        span.clone(),
                        &format!(
                            "`{}` is bound to `{}` on line {line} too; the later binding wins, so it means `{}`",
                            k.label(),
                            other.name(),
                            action.name()
                        ),
                        Some("give each key to one action"),
                    );
                }
                given.push((*k, scope, action, span.clone()));
            }
            accepted.push(Rebinding { action, keys });
        }
        let rebinds: Vec<(Action, Vec<Key>)> = accepted
            .iter()
            .map(|r| (r.action, r.keys.iter().map(|(k, _)| *k).collect()))
            .collect();
        self.check_quit(&accepted, &rebinds);
        rebinds
    }

    /// The keys of one action: `None` (and problems) when any is bad, so the action keeps its
    /// defaults. Keys listed twice are kept once.
    fn key_list(
        &mut self,
        action: Action,
        value: &Spanned<DeValue<'_>>,
        defaults: &Keymap,
    ) -> Option<Vec<(Key, Span)>> {
        let name = action.name();
        let keeps = format!(
            "`{name}` keeps its default keys ({})",
            labels(&default_keys(defaults, action))
        );
        let items: Vec<&Spanned<DeValue<'_>>> = match value.get_ref() {
            DeValue::String(_) => vec![value],
            DeValue::Array(items) => items.iter().collect(),
            other => {
                self.error(
                    value.span(),
                    &format!(
                        "`{name}` must be a list of keys, found {}; {keeps}",
                        kind(other)
                    ),
                    Some(&format!("e.g. {name} = [\"x\", \"Ctrl-x\"]")),
                );
                return None;
            }
        };
        let mut keys: Vec<(Key, Span)> = Vec::new();
        let mut ok = true;
        for item in items {
            let DeValue::String(text) = item.get_ref() else {
                self.error(
                    item.span(),
                    &format!(
                        "a key of `{name}` must be a string, found {}; {keeps}",
                        kind(item.get_ref())
                    ),
                    Some("write keys in double quotes, e.g. \"j\" or \"Ctrl-d\""),
                );
                ok = false;
                continue;
            };
            // A control character would reach the terminal raw when help shows the key.
            let parsed =
                Key::parse(text).filter(|k| !matches!(k.code, KeyCode::Char(c) if c.is_control()));
            match parsed {
                Some(key) => {
                    if !keys.iter().any(|(k, _)| *k == key) {
                        keys.push((key, item.span()));
                    }
                }
                None => {
                    let hint = match key_suggestion(text) {
                        Some(near) => format!("did you mean `{near}`? {KEY_EXAMPLES}"),
                        None => KEY_EXAMPLES.to_string(),
                    };
                    self.error(
                        item.span(),
                        &format!("`{text}` is not a key brief knows; {keeps}"),
                        Some(&hint),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(keys)
    }

    /// `quit` must keep a key: if the file's bindings take all of them, say where.
    fn check_quit(&mut self, accepted: &[Rebinding], rebinds: &[(Action, Vec<Key>)]) {
        let mut map = Keymap::default();
        for (action, keys) in rebinds {
            map.rebind(*action, keys);
        }
        if map.bindings.iter().any(|b| b.action == Action::Quit) {
            return;
        }
        let wanted = Config {
            keys: rebinds.to_vec(),
            ..Config::default()
        }
        .quit_keys();
        let scope = scope_of(Action::Quit);
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for rebinding in accepted {
            if rebinding.action == Action::Quit || scope_of(rebinding.action) != scope {
                continue;
            }
            for (key, span) in &rebinding.keys {
                if wanted.contains(key) {
                    let at = self.problems.len();
                    self.error(
                        span.clone(),
                        &format!(
                            "this takes `{}` from `quit`, which would have no key left; `quit` keeps it",
                            key.label()
                        ),
                        Some(&format!(
                            "a user must always be able to quit: give `quit` other keys, e.g. quit = [\"Ctrl-q\"] (its keys now: {})",
                            labels(&wanted)
                        )),
                    );
                    taken.push((self.problems[at].line, self.problems[at].column));
                }
            }
        }
        // "The later binding wins" is not true of these: quit keeps them.
        self.problems
            .retain(|p| p.severity != Severity::Warning || !taken.contains(&(p.line, p.column)));
    }
}

/// What a key the user wrote probably meant: `ctrl+d` → `Ctrl-d`, `Shift-g` → `G`, `Escape`
/// spelt slightly wrong → `Esc`...
fn key_suggestion(text: &str) -> Option<String> {
    let mut fixed = text.trim().replace('+', "-");
    for prefix in ["Control-", "control-", "CTRL-", "C-", "^"] {
        if let Some(rest) = fixed.strip_prefix(prefix) {
            fixed = format!("Ctrl-{rest}");
            break;
        }
    }
    for prefix in ["Shift-", "shift-", "S-"] {
        if let Some(rest) = fixed.strip_prefix(prefix) {
            let mut chars = rest.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                fixed = c.to_uppercase().to_string();
            }
            break;
        }
    }
    if let Some(key) = Key::parse(&fixed) {
        return Some(key.label());
    }
    let (ctrl, rest) = match fixed.strip_prefix("Ctrl-") {
        Some(rest) => ("Ctrl-", rest),
        None => ("", fixed.as_str()),
    };
    closest(rest, &KEY_NAMES).map(|name| format!("{ctrl}{name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> (Config, Vec<Problem>) {
        parse(text, Path::new("/c/config.toml"))
    }

    fn bindings(map: &Keymap) -> Vec<(String, Scope, Action)> {
        map.bindings
            .iter()
            .map(|b| (b.key.label(), b.scope, b.action))
            .collect()
    }

    #[test]
    fn defaults_parse_back_to_the_defaults() {
        let (config, problems) = parse_str(&defaults_toml());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(bindings(&config.keymap()), bindings(&Keymap::default()));
        assert_eq!(config.theme, ThemeName::Default);
        assert_eq!(config.color, ColorMode::Auto);
        assert!(!config.mouse);
        assert_eq!(config.briefings, None);
        for action in Action::ALL {
            assert!(
                defaults_toml().contains(&format!("\n{} = [", action.name())),
                "{action:?} missing"
            );
        }
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert_eq!(parse_str(""), (Config::default(), Vec::new()));
        assert_eq!(
            bindings(&Config::default().keymap()),
            bindings(&Keymap::default())
        );
    }

    #[test]
    fn color_precedence() {
        use ColorMode::*;
        // The flag wins.
        assert!(color_enabled(Always, Never, true, false));
        assert!(!color_enabled(Never, Always, false, true));
        // Then the file, over NO_COLOR and the terminal.
        assert!(color_enabled(Auto, Always, true, false));
        assert!(!color_enabled(Auto, Never, false, true));
        // Then NO_COLOR, then the terminal.
        assert!(!color_enabled(Auto, Auto, true, true));
        assert!(color_enabled(Auto, Auto, false, true));
        assert!(!color_enabled(Auto, Auto, false, false));
    }

    #[test]
    fn theme_follows_colour() {
        let config = Config {
            theme: ThemeName::HighContrast,
            ..Config::default()
        };
        assert_eq!(config.theme(true), Theme::HIGH_CONTRAST);
        assert_eq!(config.theme(false), Theme::MONOCHROME);
    }

    #[test]
    fn control_characters_are_not_keys() {
        let (config, problems) = parse_str("[keys]\nflag = [\"\\u001b\"]\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(!problems[0].to_string().contains('\u{1b}'));
        assert!(config.keys.is_empty());
    }

    #[test]
    fn key_suggestions() {
        assert_eq!(key_suggestion("ctrl+d").as_deref(), Some("Ctrl-d"));
        assert_eq!(key_suggestion("Control-x").as_deref(), Some("Ctrl-x"));
        assert_eq!(key_suggestion("Shift-g").as_deref(), Some("G"));
        assert_eq!(key_suggestion("Dwn").as_deref(), Some("Down"));
        assert_eq!(key_suggestion("Hyper-zz"), None);
    }

    #[test]
    fn relative_briefings_are_taken_from_the_files_folder() {
        let (config, problems) = parse_str("briefings = \"notes/b\"");
        assert!(problems.is_empty());
        assert_eq!(config.briefings, Some(PathBuf::from("/c/notes/b")));
        let (config, _) = parse_str("briefings = \"/srv/b\"");
        assert_eq!(config.briefings, Some(PathBuf::from("/srv/b")));
    }

    #[test]
    fn a_setting_under_keys_is_pointed_out() {
        let (_, problems) = parse_str("[keys]\ntheme = \"monochrome\"\n");
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("above the [keys] line"),
            "{problems:?}"
        );
        let (_, problems) = parse_str("flag = [\"x\"]\n");
        assert!(
            problems[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("under [keys]")
        );
    }
}
