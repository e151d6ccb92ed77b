//! What each key means in the reader. One table, so the help overlay always shows the bindings in
//! force. It lives beside `config`, which reads the user's `[keys]` into it, so that the
//! configuration does not depend on the reader.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Something the user asked for, independent of the key that asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    NextPane,
    PrevPane,
    Open,
    Back,
    ToggleFlag,
    EditNote,
    FollowUp,
    ToggleRead,
    Reload,
    Problems,
    Help,
    Quit,
    /// In the follow-up view: mark done / open again.
    ToggleDone,
    /// In the follow-up view, with a team: mine / assigned to me / the whole team.
    TeamView,
    Search,
    NextMatch,
    PrevMatch,
    Filter,
    Copy,
    /// Open the briefing's file in the user's editor at the focused item.
    EditFile,
    /// With a team: flag the focused item (or the follow-up view's) for a member to follow up.
    Assign,
}

impl Action {
    pub const ALL: [Action; 27] = [
        Action::Down,
        Action::Up,
        Action::Top,
        Action::Bottom,
        Action::PageDown,
        Action::PageUp,
        Action::NextPane,
        Action::PrevPane,
        Action::Open,
        Action::Back,
        Action::ToggleFlag,
        Action::EditNote,
        Action::FollowUp,
        Action::ToggleRead,
        Action::Reload,
        Action::Problems,
        Action::Help,
        Action::Quit,
        Action::ToggleDone,
        Action::TeamView,
        Action::Search,
        Action::NextMatch,
        Action::PrevMatch,
        Action::Filter,
        Action::Copy,
        Action::EditFile,
        Action::Assign,
    ];

    /// The action's name in the configuration file (`[keys] flag = ["f"]`).
    pub fn name(self) -> &'static str {
        match self {
            Action::Down => "down",
            Action::Up => "up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageDown => "page-down",
            Action::PageUp => "page-up",
            Action::NextPane => "next-pane",
            Action::PrevPane => "previous-pane",
            Action::Open => "open",
            Action::Back => "back",
            Action::ToggleFlag => "flag",
            Action::EditNote => "note",
            Action::FollowUp => "follow-up",
            Action::ToggleRead => "toggle-read",
            Action::Reload => "reload",
            Action::Problems => "problems",
            Action::Help => "help",
            Action::Quit => "quit",
            Action::ToggleDone => "done",
            Action::TeamView => "team-view",
            Action::Search => "search",
            Action::NextMatch => "next-match",
            Action::PrevMatch => "previous-match",
            Action::Filter => "filter",
            Action::Copy => "copy",
            Action::EditFile => "edit",
            Action::Assign => "assign",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }

    pub fn describe(self) -> &'static str {
        match self {
            Action::Down => "next item (scroll in text)",
            Action::Up => "previous item (scroll in text)",
            Action::Top => "first item",
            Action::Bottom => "last item",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::NextPane => "next pane",
            Action::PrevPane => "previous pane",
            Action::Open => "open the briefing / item",
            Action::Back => "close / back to the list",
            Action::ToggleFlag => "flag or unflag the focused item",
            Action::EditNote => "write the flag's note",
            Action::FollowUp => "follow-up list (every flag)",
            Action::ToggleRead => "mark briefing read / unread",
            Action::Reload => "reload briefings from disk",
            Action::Problems => "files that failed to load",
            Action::Help => "this help",
            Action::Quit => "quit",
            Action::ToggleDone => "mark done / open",
            Action::TeamView => "with a team: mine / assigned to me / team",
            Action::Search => "search every briefing",
            Action::NextMatch => "next match of the last search",
            Action::PrevMatch => "previous match",
            Action::Filter => "filter the list (tag: actor: since: until: tlp: is:)",
            Action::Copy => "copy the focused item to the clipboard (OSC 52)",
            Action::EditFile => "edit the briefing's file in $VISUAL / $EDITOR, at the item",
            Action::Assign => {
                "with a team: assign the item's flag to a member (flags it), or to nobody"
            }
        }
    }
}

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The panes, and every list overlay for movement keys.
    Reader,
    /// Only in the follow-up view (these win over `Reader` there).
    FollowUp,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    const fn plain(code: KeyCode) -> Key {
        Key { code, ctrl: false }
    }
    const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }
    const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
        }
    }

    pub fn from_event(event: &KeyEvent) -> Key {
        // Shift is part of the character already (`G`, `F`); BackTab carries it for Tab.
        Key {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        }
    }

    /// Reads a key as help shows it and the configuration writes it: `j`, `G`, `?`, `Ctrl-d`,
    /// `Down`, `PageDown`, `Tab`, `Shift-Tab`, `Enter`, `Esc`, `Space`, `F5`.
    pub fn parse(text: &str) -> Option<Key> {
        let (ctrl, rest) = match text
            .strip_prefix("Ctrl-")
            .or_else(|| text.strip_prefix("ctrl-"))
        {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            _ => match rest.to_ascii_lowercase().as_str() {
                "down" => KeyCode::Down,
                "up" => KeyCode::Up,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pagedown" => KeyCode::PageDown,
                "pageup" => KeyCode::PageUp,
                "tab" => KeyCode::Tab,
                "shift-tab" | "backtab" => KeyCode::BackTab,
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" => KeyCode::Delete,
                f if f.starts_with('f') => {
                    KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?)
                }
                _ => return None,
            },
        };
        Some(Key { code, ctrl })
    }

    /// How help shows the key.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Down => "Down".into(),
            KeyCode::Up => "Up".into(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageDown => "PageDown".into(),
            KeyCode::PageUp => "PageUp".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

#[derive(Clone, Debug)]
pub struct Binding {
    pub key: Key,
    pub scope: Scope,
    pub action: Action,
}

#[derive(Clone, Debug)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    /// The defaults of the command contract: vim keys and arrows both work.
    fn default() -> Keymap {
        use Action::*;
        use KeyCode as K;
        let reader: &[(Key, Action)] = &[
            (Key::ch('j'), Down),
            (Key::plain(K::Down), Down),
            (Key::ch('k'), Up),
            (Key::plain(K::Up), Up),
            (Key::ch('g'), Top),
            (Key::plain(K::Home), Top),
            (Key::ch('G'), Bottom),
            (Key::plain(K::End), Bottom),
            (Key::plain(K::PageDown), PageDown),
            (Key::ctrl('d'), PageDown),
            (Key::ch(' '), PageDown),
            (Key::plain(K::PageUp), PageUp),
            (Key::ctrl('u'), PageUp),
            (Key::plain(K::Tab), NextPane),
            (Key::plain(K::BackTab), PrevPane),
            (Key::plain(K::Enter), Open),
            (Key::plain(K::Esc), Back),
            (Key::ch('f'), ToggleFlag),
            (Key::ch('a'), EditNote),
            (Key::ch('F'), FollowUp),
            (Key::ch('u'), ToggleRead),
            (Key::ch('r'), Reload),
            (Key::ch('E'), Problems),
            (Key::ch('/'), Search),
            (Key::ch('n'), NextMatch),
            (Key::ch('N'), PrevMatch),
            (Key::ch('l'), Filter),
            (Key::ch('y'), Copy),
            (Key::ch('e'), EditFile),
            (Key::ch('A'), Assign),
            (Key::ch('?'), Help),
            (Key::ch('q'), Quit),
            (Key::ctrl('c'), Quit),
        ];
        let follow_up: &[(Key, Action)] = &[(Key::ch('d'), ToggleDone), (Key::ch('t'), TeamView)];
        let bindings = reader
            .iter()
            .map(|&(key, action)| Binding {
                key,
                scope: Scope::Reader,
                action,
            })
            .chain(follow_up.iter().map(|&(key, action)| Binding {
                key,
                scope: Scope::FollowUp,
                action,
            }))
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    /// Binds `keys` to `action` in place of its defaults; a key taken from another action is
    /// taken for good (the configuration said so), so one key never means two things.
    pub fn rebind(&mut self, action: Action, keys: &[Key]) {
        let scope = if matches!(action, Action::ToggleDone | Action::TeamView) {
            Scope::FollowUp
        } else {
            Scope::Reader
        };
        self.bindings
            .retain(|b| b.action != action && !(b.scope == scope && keys.contains(&b.key)));
        self.bindings
            .extend(keys.iter().map(|&key| Binding { key, scope, action }));
    }

    /// The action for a key; bindings of the more specific scope win.
    pub fn action(&self, event: &KeyEvent, in_follow_up: bool) -> Option<Action> {
        let key = Key::from_event(event);
        let find = |scope| {
            self.bindings
                .iter()
                .find(|b| b.scope == scope && b.key == key)
                .map(|b| b.action)
        };
        in_follow_up
            .then(|| find(Scope::FollowUp))
            .flatten()
            .or_else(|| find(Scope::Reader))
    }

    /// The first key bound to `action` (in the follow-up view, its own bindings first), as
    /// help writes it; `None` when the configuration unbound it.
    pub fn key(&self, action: Action, in_follow_up: bool) -> Option<String> {
        let find = |scope| {
            self.bindings
                .iter()
                .find(|b| b.scope == scope && b.action == action)
                .map(|b| b.key.label())
        };
        in_follow_up
            .then(|| find(Scope::FollowUp))
            .flatten()
            .or_else(|| find(Scope::Reader))
    }

    /// `KEY{between}WHAT` for each action that has a key, joined by `separator`: how the status
    /// bar and the windows' titles name the keys, always as they are bound.
    pub fn hints(
        &self,
        actions: &[(Action, &str)],
        in_follow_up: bool,
        between: &str,
        separator: &str,
    ) -> String {
        actions
            .iter()
            .filter_map(|&(action, what)| {
                let key = self.key(action, in_follow_up)?;
                Some(if what.is_empty() {
                    key
                } else {
                    format!("{key}{between}{what}")
                })
            })
            .collect::<Vec<_>>()
            .join(separator)
    }

    /// Each action of a scope with every key bound to it, in table order.
    pub fn help(&self, scope: Scope) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(Action, Vec<String>)> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.scope == scope) {
            match rows.iter_mut().find(|(a, _)| *a == b.action) {
                Some((_, keys)) => keys.push(b.key.label()),
                None => rows.push((b.action, vec![b.key.label()])),
            }
        }
        rows.into_iter()
            .map(|(action, keys)| (keys.join(" / "), action.describe()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn vim_and_arrow_keys_agree() {
        let map = Keymap::default();
        let none = KeyModifiers::NONE;
        assert_eq!(
            map.action(&key(KeyCode::Char('j'), none), false),
            Some(Action::Down)
        );
        assert_eq!(
            map.action(&key(KeyCode::Down, none), false),
            Some(Action::Down)
        );
        assert_eq!(
            map.action(&key(KeyCode::Char('d'), KeyModifiers::CONTROL), false),
            Some(Action::PageDown)
        );
        assert_eq!(
            map.action(&key(KeyCode::Char('G'), KeyModifiers::SHIFT), false),
            Some(Action::Bottom)
        );
        assert_eq!(
            map.action(&key(KeyCode::BackTab, KeyModifiers::SHIFT), false),
            Some(Action::PrevPane)
        );
    }

    #[test]
    fn follow_up_keys_only_in_follow_up() {
        let map = Keymap::default();
        let d = key(KeyCode::Char('d'), KeyModifiers::NONE);
        assert_eq!(map.action(&d, false), None);
        assert_eq!(map.action(&d, true), Some(Action::ToggleDone));
        let f = key(KeyCode::Char('f'), KeyModifiers::NONE);
        assert_eq!(map.action(&f, true), Some(Action::ToggleFlag));
    }

    #[test]
    fn rebinding_replaces_the_defaults_and_steals_the_key() {
        let mut map = Keymap::default();
        map.rebind(Action::ToggleFlag, &[Key::ch('x'), Key::ch('q')]);
        let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(map.action(&key('x'), false), Some(Action::ToggleFlag));
        assert_eq!(map.action(&key('q'), false), Some(Action::ToggleFlag));
        assert_eq!(map.action(&key('f'), false), None);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            map.action(&ctrl_c, false),
            Some(Action::Quit),
            "quit keeps its other key"
        );
    }

    #[test]
    fn keys_parse_back_from_their_labels() {
        for b in Keymap::default().bindings {
            assert_eq!(Key::parse(&b.key.label()), Some(b.key), "{}", b.key.label());
        }
        assert_eq!(Key::parse("ctrl-D"), Some(Key::ctrl('d')));
        assert_eq!(Key::parse("F5"), Some(Key::plain(KeyCode::F(5))));
        for bad in ["", "Ctrl-", "Hyper-x", "F13", "PgDn"] {
            assert_eq!(Key::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_action_has_a_unique_name_and_a_default_key() {
        let map = Keymap::default();
        for a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(a));
            assert!(
                map.bindings.iter().any(|b| b.action == a),
                "{a:?} has no key"
            );
        }
    }

    #[test]
    fn help_lists_every_binding() {
        let map = Keymap::default();
        let help = map.help(Scope::Reader);
        let all: String = help.iter().map(|(k, _)| k.clone() + " ").collect();
        for b in map.bindings.iter().filter(|b| b.scope == Scope::Reader) {
            assert!(all.contains(&b.key.label()), "{} missing", b.key.label());
        }
    }
}
