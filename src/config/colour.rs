//! When `brief` writes colour: the `--color` flag, the `color` setting, `NO_COLOR` and `TERM`.

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
