//! `brief config`: the defaults as a commented configuration file, generated from the key map.

use crate::keymap::{Action, Key, Keymap, Scope};

use crate::theme::ThemeName;

use super::parse::KEY_EXAMPLES;
use super::{BidiMode, ColorMode, Config};

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
pub(super) fn action_order(map: &Keymap) -> Vec<Action> {
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

pub(super) fn default_keys(map: &Keymap, action: Action) -> Vec<Key> {
    map.bindings
        .iter()
        .filter(|b| b.action == action)
        .map(|b| b.key)
        .collect()
}

/// Where an action's keys apply: as in the default table (`done` in the follow-up view).
pub(super) fn scope_of(action: Action) -> Scope {
    Keymap::default()
        .bindings
        .iter()
        .find(|b| b.action == action)
        .map_or(Scope::Reader, |b| b.scope)
}

pub(super) fn labels(keys: &[Key]) -> String {
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
