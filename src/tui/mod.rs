//! The reader: panes for the briefing list, summary, judgments, actors, quotes and timeline,
//! and the follow-up list. `model` is the state, `update` what keys do to it, `view` how it is
//! drawn, `app` the loop, `terminal` the set-up and the guaranteed restore.

pub mod app;
pub mod events;
pub mod follow_ups;
pub mod input;
pub mod model;
pub mod terminal;
pub mod text;
pub mod update;
pub mod view;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};

use crate::briefing::{self, Target};
use crate::config::ColorMode;
use crate::exit::{EXIT_PROBLEMS, EXIT_USAGE};
use crate::store::Store;

use model::Model;

/// Up to this many files, the reader reads them all before its first frame (tens of
/// milliseconds); beyond, it starts at once and loads in the background.
const READ_FIRST: usize = 500;

/// What the command line decided for the reader.
#[derive(Debug, Clone)]
pub struct ReaderOptions {
    pub path: PathBuf,
    pub state_dir: Option<PathBuf>,
    /// A target to open on (`brief --at TARGET`).
    pub at: Option<String>,
    pub color: ColorMode,
    /// Mouse support (`--mouse`); off by default so the terminal's own text selection works.
    pub mouse: bool,
    /// The team whose follow-ups the follow-up view can show.
    pub team: Option<crate::team::Team>,
}

fn fail(code: u8, message: impl std::fmt::Display) -> ExitCode {
    eprintln!("brief: {message}");
    ExitCode::from(code)
}

/// The files of the briefings a library holds.
fn model_paths(library: &briefing::Library) -> Vec<PathBuf> {
    library.briefings.iter().map(|b| b.path.clone()).collect()
}

/// Runs the reader until the user quits; returns the process exit status.
///
/// Start-up never waits for the whole folder: the list comes from the cache of the last run
/// when no file changed since (see `briefing::cache`), and everything is read and checked again
/// in the background, with progress in the status bar, while the keyboard works.
pub fn run(options: ReaderOptions) -> ExitCode {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return fail(
            EXIT_USAGE,
            "the reader needs a terminal on stdin and stdout; for scripts, use `brief list`, `brief show ID` or `brief flags`",
        );
    }
    let paths = vec![options.path.clone()];
    if let Err(e) = std::fs::metadata(&options.path) {
        return fail(
            EXIT_USAGE,
            format_args!(
                "cannot read {}: {e}; pass a briefings folder, or set BRIEF_DIR",
                options.path.display()
            ),
        );
    }
    let (config, config_problems) = crate::config::user();
    let Some(state_dir) = options
        .state_dir
        .clone()
        .or_else(crate::store::default_state_dir)
    else {
        return fail(
            EXIT_USAGE,
            "cannot tell where to keep flags: set BRIEF_STATE_DIR or HOME",
        );
    };
    let store = match Store::open(&state_dir) {
        Ok(store) => store,
        Err(e) => return fail(EXIT_USAGE, format_args!("{e}")),
    };
    // A small folder is read before the first frame (it takes milliseconds, and the first
    // keys then act on what is shown); so is any folder for `--at`, which needs the item.
    // A large one shows the first page of the cached list (its files checked, nothing else
    // read), or progress, while it loads behind.
    let cache_dir = briefing::cache::default_dir();
    let page = match (&cache_dir, &options.at) {
        (Some(dir), None) => briefing::cache::first_page(dir, std::slice::from_ref(&options.path))
            .filter(|page| page.files > READ_FIRST),
        _ => None,
    };
    // The reader keeps each briefing's list fields and reads one in full when it is shown
    // (`Library::complete`): a large collection is never held whole.
    let mut loader = briefing::Loader::lean(paths);
    let (library, load_now) = match page {
        Some(page) => (page.library, true),
        None => {
            // Only whether there are more than `READ_FIRST`: the loader lists them all.
            let files = match briefing::discover_up_to(&options.path, READ_FIRST + 1) {
                Ok(files) => files,
                Err(e) => return fail(EXIT_USAGE, e),
            };
            if files.len() <= READ_FIRST || options.at.is_some() {
                match loader.load(&|_, _| {}) {
                    Ok(library) => (library, false),
                    Err(e) => return fail(EXIT_USAGE, e),
                }
            } else {
                (briefing::Library::default(), true)
            }
        }
    };
    // The rows on screen before the loader starts: the first page of the cache, if any.
    let page_shown: Vec<PathBuf> = match load_now {
        true => model_paths(&library),
        false => Vec::new(),
    };
    let color = config.use_color(options.color, true);
    let theme = config.theme(color);
    let mut model = Model::new(library, store, options.path.clone(), theme);
    model.keymap = config.keymap();
    model.team = options.team.clone().map(model::TeamSession::new);
    if load_now {
        model.loading = Some((0, 0));
    } else {
        model.loads = 1;
    }
    if let Some(at) = &options.at {
        let target: Target = match at.parse() {
            Ok(t) => t,
            Err(e) => return fail(EXIT_PROBLEMS, e),
        };
        if !update::jump(&mut model, &target) {
            return fail(
                EXIT_PROBLEMS,
                format_args!("no item `{target}` in {}", options.path.display()),
            );
        }
    }
    // Back where the last session in this folder was left (`--at` asks for another place).
    if options.at.is_none() {
        match crate::store::session::load(&state_dir, &options.path) {
            Ok(Some(place)) => {
                update::reopen(&mut model, &place);
            }
            Ok(None) => {}
            Err(e) => {
                model.status = Some(model::Status {
                    text: e,
                    error: true,
                })
            }
        }
    }
    update::complete_selected(&mut model);
    update::complete_flagged(&mut model);
    if let Some(reason) = model.store.read_only() {
        model.status = Some(model::Status {
            text: format!("READ-ONLY: {reason}"),
            error: true,
        });
    } else if let Some(problem) = config_problems.iter().find(|p| p.is_error()) {
        model.status = Some(model::Status {
            text: format!("Configuration: {problem} (brief config --check); defaults in use"),
            error: true,
        });
    }
    let mouse = options.mouse || config.mouse;
    model.hyperlinks = config.hyperlinks;
    let transform = config.bidi == crate::config::BidiMode::Transform;
    text::set_bidi_transform(transform);
    let mut screen = match terminal::enter(theme.color, mouse, transform) {
        Ok(screen) => screen,
        Err(e) => return fail(EXIT_USAGE, format_args!("cannot set up the terminal: {e}")),
    };
    if let Ok(size) = screen.size() {
        model.size = (size.width, size.height);
    }
    // The loader starts reading once the first frame is drawn (see `app::run`).
    let list_cache = match cache_dir {
        Some(dir) => events::ListCache::Write {
            dir,
            held: None,
            page: page_shown,
        },
        None => events::ListCache::Off,
    };
    let events = events::Events::start(loader, list_cache);
    // SIGHUP (an SSH connection dropping) and SIGTERM end the process from the signal thread,
    // which keeps the reading place as of the last event the loop handled, as a quit would.
    let last_place = Arc::new(Mutex::new(None));
    {
        let last_place = Arc::clone(&last_place);
        let state_dir = state_dir.clone();
        let folder = options.path.clone();
        terminal::on_signal(move || {
            let place = last_place
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            if let Some(place) = place {
                // Nobody to tell if this fails: the terminal may be gone.
                let _ = crate::store::session::save(&state_dir, &folder, place);
            }
        });
    }
    let result = app::run(&mut screen, &mut model, &events, &last_place);
    terminal::restore();
    if let Some(place) = update::place(&model)
        && let Err(e) = crate::store::session::save(&state_dir, &options.path, place)
    {
        eprintln!("brief: could not keep where the reader was left: {e}");
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(EXIT_USAGE, format_args!("terminal error: {e}")),
    }
}
