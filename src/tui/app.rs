//! The loop: draw, wait for the next event, update. No tick: the reader sleeps until a key,
//! a resize, news from the loader, or (every few seconds) a look at whether another session
//! changed the flags.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::events::{self, Events};
use super::input::Edit;
use super::model::{Model, Overlay, Status};
use super::update::{
    click, complete_flagged, edit_input, place, prepare_view, replace_library, retry_pending,
    update,
};
use crate::keymap::Action;
use crate::store::session::Place;

/// How often an idle reader looks for changes other sessions made to the flags.
const REFRESH_EVERY: Duration = Duration::from_secs(2);

/// Runs the reader until it quits. `last_place` follows the reading place after every event,
/// for the signal thread (see `tui::run`).
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    model: &mut Model,
    events: &Events,
    last_place: &Mutex<Option<Place>>,
) -> Result<(), B::Error> {
    let mut first_frame = true;
    let mut redraw = true;
    while !model.quit {
        // A signal is ending the process: leave the screen to the signal thread.
        while super::terminal::stopping() {
            std::thread::sleep(Duration::from_millis(20));
        }
        if std::mem::take(&mut redraw) {
            // A frame is written whole or not at all: the signal handler waits for this lock
            // before restoring the terminal (see `terminal.rs`).
            let _screen = std::io::stdout().lock();
            terminal.draw(|frame| {
                super::view::draw(frame, model);
                if model.hyperlinks {
                    super::view::link::apply(frame.buffer_mut(), &model.view.links);
                }
            })?;
            // With the frame out, the briefings a move would go to next are read behind it,
            // and those already read are laid out.
            events.prepare(super::update::neighbours_to_read(model));
            super::view::prepare_neighbours(model);
        }
        // The loader starts once the first frame is out, not competing with it for the cores.
        if std::mem::take(&mut first_frame) {
            events.started(model.loading.is_some());
        }
        redraw = match events.next(REFRESH_EVERY) {
            None => {
                idle(model);
                true
            }
            Some(event) => news(model, event),
        };
        prepare_view(model);
        if let Some(request) = model.edit_request.take() {
            edit_in_place(terminal, model, &request)?;
            redraw = true;
        }
        if std::mem::take(&mut model.reload_requested) {
            events.reload();
        }
        if let Some(text) = model.clipboard.take() {
            copy_to_clipboard(&text);
        }
        let place = place(model);
        let mut kept = last_place.lock().unwrap_or_else(PoisonError::into_inner);
        if *kept != place {
            *kept = place;
        }
    }
    Ok(())
}

/// `e`: the terminal goes to the user's editor (`$VISUAL`, else `$EDITOR`, else `vi`), opened
/// at the item's line with `+LINE` (which vi, vim, nvim, nano, emacs, micro and helix take),
/// and comes back whole: raw mode, the alternate screen, and a full redraw.
fn edit_in_place<B: Backend>(
    terminal: &mut Terminal<B>,
    model: &mut Model,
    request: &super::update::edit::EditRequest,
) -> Result<(), B::Error> {
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    let suspended = super::terminal::suspend();
    // Through the shell, as git and crontab do: EDITOR may carry arguments (`code --wait`).
    let outcome = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg("brief-editor")
        .arg(format!("+{}", request.line))
        .arg(&request.path)
        .status()
        .map_err(|e| format!("cannot start the editor ({editor}): {e}"));
    let resumed = super::terminal::resume(suspended);
    // Everything drawn again on the next frame. `resize` clears without asking the terminal
    // where its cursor is (as `clear` does): the answer would race the input thread.
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
    let outcome = match (outcome, resumed) {
        (Ok(status), Ok(())) if !status.success() => Err(format!(
            "the editor ({editor}) ended with {status}; the file is read again"
        )),
        (outcome, Ok(())) => outcome,
        (_, Err(e)) => Err(format!("could not take the terminal back: {e}")),
    };
    super::update::edit::edited(model, &request.path, outcome);
    Ok(())
}

/// One event from the channel. False when nothing on screen can have changed, so the loop
/// draws no frame for it (a briefing read ahead of the keys is not news to the screen).
pub fn news(model: &mut Model, event: events::Event) -> bool {
    match event {
        events::Event::Prepared { stub, full } => {
            if super::update::prepared(model, stub, full) {
                super::view::prepare_neighbours(model);
            }
            return model.overlay.is_some();
        }
        events::Event::Terminal(event) => handle(model, event),
        events::Event::Progress(done, total) => model.loading = Some((done, total)),
        events::Event::Partial(read) => add_partial(model, read),
        // The whole cached list behind its first page: quietly, the load still running.
        events::Event::Cached(library) => replace_library(model, library, None, false),
        events::Event::Loaded(Ok((library, index))) => {
            // The first load of a start completes a cached list quietly; later ones (`r`,
            // files changed on disk) say what they found.
            let announce = model.loads > 0;
            model.loads += 1;
            model.loading = None;
            replace_library(model, library, Some(index), announce);
        }
        events::Event::Loaded(Err(e)) => {
            model.loading = None;
            model.status = Some(Status {
                text: format!("Cannot read the briefings: {e}"),
                error: true,
            });
        }
    }
    true
}

/// Nothing happened for a while: pick up other sessions' changes, retry unsaved ones.
fn idle(model: &mut Model) {
    // Other members' flags, assignments and done marks (only changed files are read again),
    // and the user's own journal as other sessions of theirs changed it.
    if let Some(session) = &mut model.team {
        let mut changed = session.board.refresh();
        if let Ok(own) = &mut session.own {
            changed |= own.refresh().unwrap_or(false);
        }
        model.follow_up_rows.stale |= changed;
    }
    if model.store.refresh().unwrap_or(false) {
        model.follow_up_rows.stale = true;
        // Another session may have flagged items in briefings held as stubs.
        complete_flagged(model);
    }
    if !model.pending.is_empty() {
        retry_pending(model);
    }
}

/// One terminal event. Separate from the loop so tests can feed events without a terminal.
pub fn handle(model: &mut Model, event: Event) {
    match event {
        // Key releases and repeats-as-releases from terminals with the kitty protocol would
        // double every action.
        Event::Key(key) if key.kind != KeyEventKind::Release => key_press(model, key),
        Event::Resize(width, height) => model.size = (width, height),
        Event::Mouse(mouse) => {
            use ratatui::crossterm::event::{MouseButton, MouseEventKind};
            match mouse.kind {
                MouseEventKind::ScrollDown => update(model, Action::Down),
                MouseEventKind::ScrollUp => update(model, Action::Up),
                MouseEventKind::Down(MouseButton::Left) => click(model, mouse.column, mouse.row),
                _ => {}
            }
        }
        _ => {}
    }
}

fn key_press(model: &mut Model, key: KeyEvent) {
    // The end-to-end tests prove the terminal comes back after a panic: debug builds (the ones
    // tests run) panic on F12 when BRIEF_TEST_PANIC is set. Release builds have no such key.
    #[cfg(debug_assertions)]
    if key.code == KeyCode::F(12) && std::env::var_os("BRIEF_TEST_PANIC").is_some() {
        panic!("BRIEF_TEST_PANIC: a panic on purpose, to test that the terminal is restored");
    }
    // The member picker moves with the list keys (j, k, ...) until a name is being typed.
    if let Some(Overlay::Assign(picker)) = &model.overlay
        && !picker.typing
        && let Some(action) = model.keymap.action(&key, false).filter(|a| {
            matches!(
                a,
                Action::Down
                    | Action::Up
                    | Action::Top
                    | Action::Bottom
                    | Action::Open
                    | Action::Back
            )
        })
    {
        update(model, action);
        return;
    }
    if model.overlay.as_ref().is_some_and(Overlay::takes_text) {
        if let Some(edit) = editing(&key) {
            edit_input(model, edit);
        }
        return;
    }
    let in_follow_up = matches!(model.overlay, Some(Overlay::FollowUp { .. }));
    if let Some(action) = model.keymap.action(&key, in_follow_up) {
        update(model, action);
    }
}

fn editing(key: &KeyEvent) -> Option<Edit> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('u') if ctrl => Edit::Clear,
        KeyCode::Char('s') if ctrl => Edit::Save,
        KeyCode::Char('c') if ctrl => Edit::Cancel,
        KeyCode::Char('n') if ctrl => Edit::Next,
        KeyCode::Char('p') if ctrl => Edit::Prev,
        KeyCode::Tab => Edit::Next,
        KeyCode::BackTab => Edit::Prev,
        KeyCode::Up => Edit::Up,
        KeyCode::Down => Edit::Down,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char(c) => Edit::Insert(c),
        KeyCode::Backspace => Edit::Backspace,
        KeyCode::Delete => Edit::Delete,
        KeyCode::Left => Edit::Left,
        KeyCode::Right => Edit::Right,
        KeyCode::Home => Edit::Home,
        KeyCode::End => Edit::End,
        // Alt-Enter, and Ctrl-Enter where the terminal reports it (kitty's protocol), save a
        // note; a plain Enter starts a new line in it, and saves a one-line box.
        KeyCode::Enter if ctrl || key.modifiers.contains(KeyModifiers::ALT) => Edit::Save,
        KeyCode::Enter => Edit::Enter,
        KeyCode::Esc => Edit::Cancel,
        _ => return None,
    })
}

/// OSC 52: the terminal puts the text on the clipboard of the machine it runs on, so a copy
/// made on a remote server over SSH lands on the user's own desktop. tmux passes it on with
/// `set-clipboard on`.
fn copy_to_clipboard(text: &str) {
    use ratatui::crossterm::clipboard::CopyToClipboard;
    let mut out = std::io::stdout().lock();
    let _ = ratatui::crossterm::execute!(out, CopyToClipboard::to_clipboard_from(text));
}

/// Briefings a first load has read so far: shown in the list at once, in order, the selection
/// kept on the briefing it was on. The full library replaces them when the load ends.
fn add_partial(model: &mut Model, read: Vec<std::sync::Arc<crate::briefing::Briefing>>) {
    if model.loads > 0 {
        return;
    }
    let keep = model.library.briefings.get(model.selected).cloned();
    model.library.insert_sorted(read);
    model.selected = keep
        .and_then(|b| model.library.position_of(&b))
        .unwrap_or(0);
    super::update::refresh_visible(model);
    super::update::complete_selected(model);
}
