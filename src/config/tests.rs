use super::parse::key_suggestion;
use super::*;
use crate::keymap::Scope;

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
