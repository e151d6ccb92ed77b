//! Every style the reader uses, in one place. Colours come from the 16-colour palette only
//! (SSH does not forward COLORTERM, so true colour is never assumed); the monochrome theme for
//! `NO_COLOR` uses bold, reverse and underline alone, and markers stay symbols.
//!
//! Three themes, chosen by name in the configuration file (`theme = "..."`):
//!
//! - `default` ([`Theme::COLOR`]): the terminal's own foreground and background, accents from
//!   the 16 colours.
//! - `high-contrast` ([`Theme::HIGH_CONTRAST`]): bright white on black (see [`Theme::screen`]),
//!   no dark grey, bright accents (bright yellow for flags), bold for every accent.
//! - `monochrome` ([`Theme::MONOCHROME`]): no colour at all; also what `NO_COLOR` and
//!   `--color never` give whatever the theme.

use ratatui::style::{Color, Modifier, Style};

use crate::briefing::Handling;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Colour codes may be used (false: the monochrome theme).
    pub color: bool,
    /// The high-contrast variant of the colours (only matters with `color`).
    pub high_contrast: bool,
}

/// A theme as the configuration file names it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThemeName {
    #[default]
    Default,
    HighContrast,
    Monochrome,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [
        ThemeName::Default,
        ThemeName::HighContrast,
        ThemeName::Monochrome,
    ];

    /// The name in the configuration file.
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::HighContrast => "high-contrast",
            ThemeName::Monochrome => "monochrome",
        }
    }

    pub fn from_name(name: &str) -> Option<ThemeName> {
        ThemeName::ALL.into_iter().find(|t| t.name() == name)
    }

    pub fn theme(self) -> Theme {
        match self {
            ThemeName::Default => Theme::COLOR,
            ThemeName::HighContrast => Theme::HIGH_CONTRAST,
            ThemeName::Monochrome => Theme::MONOCHROME,
        }
    }
}

impl Theme {
    /// The `default` theme.
    pub const COLOR: Theme = Theme {
        color: true,
        high_contrast: false,
    };
    /// The `monochrome` theme, and what `NO_COLOR` gives.
    pub const MONOCHROME: Theme = Theme {
        color: false,
        high_contrast: false,
    };
    /// The `high-contrast` theme.
    pub const HIGH_CONTRAST: Theme = Theme {
        color: true,
        high_contrast: true,
    };

    /// The theme of a name: `default`, `high-contrast` or `monochrome`.
    pub fn named(name: &str) -> Option<Theme> {
        ThemeName::from_name(name).map(ThemeName::theme)
    }

    /// The theme's name in the configuration file.
    pub fn name(&self) -> &'static str {
        match (self.color, self.high_contrast) {
            (false, _) => ThemeName::Monochrome.name(),
            (true, false) => ThemeName::Default.name(),
            (true, true) => ThemeName::HighContrast.name(),
        }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// `normal` in the default theme, `bright` (and bold) in the high-contrast one.
    fn accent(&self, normal: Color, bright: Color) -> Style {
        if self.high_contrast && self.color {
            Style::new().fg(bright).add_modifier(Modifier::BOLD)
        } else {
            self.fg(normal)
        }
    }

    /// The whole screen, drawn first: the high-contrast theme paints bright white on black;
    /// the others leave the terminal's own colours.
    pub fn screen(&self) -> Style {
        if self.high_contrast && self.color {
            Style::new().fg(Color::White).bg(Color::Black)
        } else {
            Style::new()
        }
    }

    pub fn base(&self) -> Style {
        Style::new()
    }

    pub fn dim(&self) -> Style {
        if !self.color {
            Style::new()
        } else if self.high_contrast {
            // Light grey on black: quieter than the text, still easy to read.
            Style::new().fg(Color::Gray)
        } else {
            Style::new().fg(Color::DarkGray)
        }
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The border and title of the focused pane.
    pub fn focused_border(&self) -> Style {
        self.accent(Color::Cyan, Color::LightYellow)
            .add_modifier(Modifier::BOLD)
    }

    pub fn border(&self) -> Style {
        self.dim()
    }

    /// The selected row of the focused pane.
    pub fn selected(&self) -> Style {
        if self.high_contrast && self.color {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The selected row of a pane without focus: visible, quieter.
    pub fn selected_unfocused(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn flag(&self) -> Style {
        self.accent(Color::Yellow, Color::LightYellow)
            .add_modifier(Modifier::BOLD)
    }

    pub fn done(&self) -> Style {
        self.accent(Color::Green, Color::LightGreen)
    }

    pub fn orphaned(&self) -> Style {
        self.accent(Color::Red, Color::LightRed)
            .add_modifier(Modifier::BOLD)
    }

    pub fn unread(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn speaker(&self) -> Style {
        self.accent(Color::Cyan, Color::LightCyan)
            .add_modifier(Modifier::BOLD)
    }

    /// Quotes of the selected actor.
    pub fn highlight(&self) -> Style {
        self.accent(Color::Yellow, Color::LightYellow)
            .add_modifier(Modifier::BOLD)
    }

    pub fn label(&self) -> Style {
        // Blue is hard to read on black: bright white in the high-contrast theme.
        self.accent(Color::Blue, Color::White)
            .add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.accent(Color::Red, Color::LightRed)
            .add_modifier(Modifier::BOLD)
    }

    pub fn warning(&self) -> Style {
        self.accent(Color::Yellow, Color::LightYellow)
    }

    pub fn key(&self) -> Style {
        self.accent(Color::Cyan, Color::LightCyan)
            .add_modifier(Modifier::BOLD)
    }

    pub fn status(&self) -> Style {
        if self.high_contrast && self.color {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// TLP marking in its colour: black on the TLP colour, as the standard shows it.
    pub fn handling(&self, handling: Handling) -> Style {
        if !self.color {
            return Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED);
        }
        let bg = match (handling, self.high_contrast) {
            (Handling::Red, false) => Color::Red,
            (Handling::Red, true) => Color::LightRed,
            (Handling::Amber | Handling::AmberStrict, false) => Color::Yellow,
            (Handling::Amber | Handling::AmberStrict, true) => Color::LightYellow,
            (Handling::Green, false) => Color::Green,
            (Handling::Green, true) => Color::LightGreen,
            (Handling::Clear, _) => Color::White,
        };
        Style::new()
            .fg(Color::Black)
            .bg(bg)
            .add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_by_name() {
        assert_eq!(Theme::named("default"), Some(Theme::COLOR));
        assert_eq!(Theme::named("high-contrast"), Some(Theme::HIGH_CONTRAST));
        assert_eq!(Theme::named("monochrome"), Some(Theme::MONOCHROME));
        assert_eq!(Theme::named("solarized"), None);
        for name in ThemeName::ALL {
            assert_eq!(name.theme().name(), name.name());
        }
    }

    /// Every style of a theme, to check what they are made of.
    fn styles(theme: Theme) -> Vec<Style> {
        let mut all = vec![
            theme.screen(),
            theme.base(),
            theme.dim(),
            theme.title(),
            theme.focused_border(),
            theme.border(),
            theme.selected(),
            theme.selected_unfocused(),
            theme.flag(),
            theme.done(),
            theme.orphaned(),
            theme.unread(),
            theme.speaker(),
            theme.highlight(),
            theme.label(),
            theme.error(),
            theme.warning(),
            theme.key(),
            theme.status(),
        ];
        all.extend(
            [
                Handling::Red,
                Handling::Amber,
                Handling::AmberStrict,
                Handling::Green,
                Handling::Clear,
            ]
            .map(|h| theme.handling(h)),
        );
        all
    }

    fn is_ansi16(color: Option<Color>) -> bool {
        !matches!(color, Some(Color::Rgb(..) | Color::Indexed(_)))
    }

    #[test]
    fn high_contrast_uses_the_16_colours_bold_and_reverse() {
        for style in styles(Theme::HIGH_CONTRAST) {
            assert!(is_ansi16(style.fg) && is_ansi16(style.bg), "{style:?}");
            assert_ne!(style.fg, Some(Color::DarkGray), "no dark grey: {style:?}");
            assert_ne!(style.fg, Some(Color::Blue), "no dark blue: {style:?}");
        }
        assert_eq!(Theme::HIGH_CONTRAST.screen().bg, Some(Color::Black));
        assert_eq!(Theme::HIGH_CONTRAST.flag().fg, Some(Color::LightYellow));
    }

    #[test]
    fn monochrome_has_no_colour() {
        for style in styles(Theme::MONOCHROME) {
            assert!(
                style.bg.is_none() && style.fg.is_none(),
                "{style:?} has a colour"
            );
        }
    }
}
