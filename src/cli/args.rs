//! The command line, as clap sees it. Help texts here are the ones users read.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::config::ColorMode;

#[derive(Debug, Parser)]
#[command(
    name = "brief",
    // The crate's version and the commit it was built from (build.rs).
    version = env!("BRIEF_VERSION"),
    about = "A terminal reader for structured briefings",
    long_about = "A terminal reader for structured briefings: summary, key judgments, actors, quotes and \
                  timeline in panes, and a follow-up list of flagged items.\n\n\
                  Without a command, opens the reader on PATH (a folder or one file); else on $BRIEF_DIR; \
                  else on the `briefings` setting of the configuration file (brief config); \
                  else on ./briefings."
)]
// Not `args_conflicts_with_subcommands`: with it, clap refuses global options given before the
// command (`brief --state-dir DIR flags`). `cli::run` refuses PATH and --at with a command.
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Briefings folder or file to read
    pub path: Option<PathBuf>,

    /// Open the reader on this item (BRIEFING or BRIEFING/quote/ID, actor, event, judgment)
    #[arg(long, value_name = "TARGET")]
    pub at: Option<String>,

    /// Let the mouse scroll and click in the reader (off by default, so the terminal's own
    /// text selection keeps working; `mouse = true` in the configuration turns it on too)
    #[arg(long)]
    pub mouse: bool,

    #[command(flatten)]
    pub global: Global,
}

#[derive(Debug, Args, Clone)]
pub struct Global {
    /// Where flags, notes and read marks are kept [default: $XDG_STATE_HOME/brief]
    #[arg(long, global = true, value_name = "DIR", env = "BRIEF_STATE_DIR")]
    pub state_dir: Option<PathBuf>,

    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorMode::Auto)]
    pub color: ColorMode,

    /// The team folder: share follow-ups with the team; `brief flags` lists every member's
    /// [default: $BRIEF_TEAM_DIR, else `team` in the configuration]
    // Not clap's `env`: `brief flags` lists the whole team only when --team is typed.
    #[arg(long, global = true, value_name = "DIR")]
    pub team: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate briefings: one line per problem, FILE:LINE:COL: error: MESSAGE
    Check {
        /// Folders or files [default: $BRIEF_DIR, else the configuration's `briefings`, else ./briefings]
        paths: Vec<PathBuf>,
    },
    /// One line per briefing, newest first
    List {
        /// Briefings folder or file [default: $BRIEF_DIR, else the configuration's `briefings`, else ./briefings]
        path: Option<PathBuf>,
        /// Print a JSON array
        #[arg(long)]
        json: bool,
        /// Only briefings with this tag (case is ignored); repeat to require several
        #[arg(long, value_name = "TAG")]
        tag: Vec<String>,
        /// Only briefings dated on or after this day (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Only briefings dated on or before this day (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
        /// Only briefings with at least one open flag
        #[arg(long)]
        flagged: bool,
    },
    /// One briefing as plain wrapped text, JSON or Markdown
    Show {
        /// The briefing's id
        id: String,
        /// Briefings folder or file [default: $BRIEF_DIR, else the configuration's `briefings`, else ./briefings]
        path: Option<PathBuf>,
        /// The normalized briefing as JSON, every id filled in
        #[arg(long, conflicts_with = "markdown")]
        json: bool,
        /// A Markdown document to paste into a report
        #[arg(long)]
        markdown: bool,
        /// Wrap at this many columns [default: the terminal's width, else 80]
        #[arg(long, value_name = "N")]
        width: Option<usize>,
    },
    /// The follow-up list: open flags (with --all, done ones too); with --team, every member's
    Flags {
        /// Briefings folder or file [default: $BRIEF_DIR, else the configuration's `briefings`, else ./briefings]
        path: Option<PathBuf>,
        /// Print a JSON array
        #[arg(long, conflicts_with = "markdown")]
        json: bool,
        /// Print a Markdown checklist
        #[arg(long)]
        markdown: bool,
        /// Include flags marked done
        #[arg(long)]
        all: bool,
    },
    /// Flag a briefing or an item for follow-up; with --note on an existing flag, set its note
    Flag {
        /// BRIEFING, or BRIEFING/actor|quote|event|judgment/ID
        target: String,
        /// Briefings folder or file [default: $BRIEF_DIR, else the configuration's `briefings`, else ./briefings]
        path: Option<PathBuf>,
        /// A note for the follow-up
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Ask team member NAME to follow it up (needs a team folder)
        #[arg(long, value_name = "NAME")]
        to: Option<String>,
        /// Take the flag's assignment back: no one is asked to follow it up any more (only
        /// the member who flagged it may)
        #[arg(long, conflicts_with = "to")]
        unassign: bool,
    },
    /// Remove a flag (an orphaned one too)
    Unflag {
        target: String,
        /// Briefings folder or file [default: $BRIEF_DIR, else the configuration's `briefings`, else ./briefings]
        path: Option<PathBuf>,
    },
    /// Mark a flag's follow-up as done
    Done {
        target: String,
        /// Briefings folder or file [default: $BRIEF_DIR, else the configuration's `briefings`, else ./briefings]
        path: Option<PathBuf>,
    },
    /// Every item that contains every word of QUERY (case and diacritics ignored)
    Search {
        /// Words to find, e.g. "qaani baghdad"
        query: String,
        /// Briefings folder or file [default: $BRIEF_DIR, else the configuration's `briefings`, else ./briefings]
        path: Option<PathBuf>,
        /// Print a JSON array
        #[arg(long)]
        json: bool,
    },
    /// Turn raw news articles (plain text or saved web pages) into draft briefings (TOML)
    Import {
        /// Articles as plain text or saved web pages (.html, .htm); a folder imports the
        /// articles in it; - reads standard input
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Where to write the draft [default: $BRIEF_DIR, else ./briefings]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// The draft's briefing id [default: DATE-slug-of-title]
        #[arg(long, value_name = "ID")]
        id: Option<String>,
        /// The article's date, over whatever the article says
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = article_date)]
        date: Option<crate::briefing::Date>,
        /// The outlet's name, over whatever the article says
        #[arg(long, value_name = "NAME")]
        source: Option<String>,
        /// Overwrite a draft that already exists
        #[arg(long)]
        force: bool,
        /// Print the draft as JSON (as brief show --json would) instead of writing it
        #[arg(long, conflicts_with_all = ["out", "force"])]
        json: bool,
    },
    /// Print a shell completion script (e.g. `brief completions bash > ~/.local/share/bash-completion/completions/brief`)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `brief man | man -l -`
    Man,
    /// Print the default configuration file, with comments (--check: validate yours)
    Config {
        /// Validate your configuration file: one line per problem, FILE:LINE:COL: error: MESSAGE
        #[arg(long, conflicts_with = "path")]
        check: bool,
        /// Print where the configuration file is read from ($XDG_CONFIG_HOME/brief/config.toml)
        #[arg(long)]
        path: bool,
    },
}

impl Command {
    /// The command's name, as typed.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Check { .. } => "check",
            Command::List { .. } => "list",
            Command::Show { .. } => "show",
            Command::Flags { .. } => "flags",
            Command::Flag { .. } => "flag",
            Command::Unflag { .. } => "unflag",
            Command::Done { .. } => "done",
            Command::Search { .. } => "search",
            Command::Import { .. } => "import",
            Command::Completions { .. } => "completions",
            Command::Man => "man",
            Command::Config { .. } => "config",
        }
    }
}

/// `--date YYYY-MM-DD`: a real calendar day.
fn article_date(text: &str) -> Result<crate::briefing::Date, String> {
    crate::briefing::Date::parse(text)
        .ok_or_else(|| format!("`{text}` is not a date written YYYY-MM-DD"))
}
