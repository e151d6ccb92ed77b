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

mod colour;
mod parse;
mod print;
#[cfg(test)]
mod tests;

use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::briefing::Problem;
use crate::keymap::{Action, Key, Keymap};
use crate::theme::{Theme, ThemeName};

pub use colour::{ColorMode, color_enabled, dumb_terminal, no_color_env};
pub use parse::parse;
pub use print::defaults_toml;
use print::{action_order, default_keys};

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
