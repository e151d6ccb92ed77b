//! The loop: draw, wait for the next event, update. No tick: the reader sleeps until a key,
//! a resize, or (every few seconds) a look at whether another session changed the flags.

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::input::Edit;
use super::model::{Model, Overlay};
use super::update::{edit_input, retry_pending, update};

/// How often an idle reader looks for changes other sessions made to the flags.
const REFRESH_EVERY: Duration = Duration::from_secs(2);

pub fn run<B: Backend>(terminal: &mut Terminal<B>, model: &mut Model) -> Result<(), B::Error> {
    while !model.quit {
        {
            // A frame is written whole or not at all: the signal handler waits for this lock
            // before restoring the terminal (see `terminal.rs`).
            let _screen = std::io::stdout().lock();
            terminal.draw(|frame| super::view::draw(frame, model))?;
        }
        let ready = event::poll(REFRESH_EVERY).unwrap_or(true);
        if !ready {
            idle(model);
            continue;
        }
        let Ok(event) = event::read() else { continue };
        handle(model, event);
    }
    Ok(())
}

/// Nothing happened for a while: pick up other sessions' changes, retry unsaved ones.
fn idle(model: &mut Model) {
    let _ = model.store.refresh();
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
        _ => {}
    }
}

fn key_press(model: &mut Model, key: KeyEvent) {
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
        KeyCode::Char('c') if ctrl => Edit::Cancel,
        KeyCode::Char('n') if ctrl => Edit::Next,
        KeyCode::Char('p') if ctrl => Edit::Prev,
        KeyCode::Down | KeyCode::Tab => Edit::Next,
        KeyCode::Up | KeyCode::BackTab => Edit::Prev,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char(c) => Edit::Insert(c),
        KeyCode::Backspace => Edit::Backspace,
        KeyCode::Delete => Edit::Delete,
        KeyCode::Left => Edit::Left,
        KeyCode::Right => Edit::Right,
        KeyCode::Home => Edit::Home,
        KeyCode::End => Edit::End,
        KeyCode::Enter => Edit::Save,
        KeyCode::Esc => Edit::Cancel,
        _ => return None,
    })
}
