//! Reading a configuration file: every setting checked, every problem located at its key or
//! value, the defaults kept for whatever is wrong.

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::briefing::sanitize::neutralize;
use crate::briefing::{Locator, Problem, Severity};
use crate::suggest::closest;
use ratatui::crossterm::event::KeyCode;

use crate::keymap::{Action, Key, Keymap, Scope};
use crate::theme::ThemeName;

use super::print::{default_keys, labels, scope_of};
use super::*;

/// How keys are written, for hints.
pub(super) const KEY_EXAMPLES: &str = "Keys are written as help shows them: j, G, ?, Ctrl-d, Down, Up, Left, Right, \
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
pub(super) fn key_suggestion(text: &str) -> Option<String> {
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
