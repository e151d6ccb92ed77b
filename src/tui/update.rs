//! What each action does to the model. No drawing and no terminal here: tests drive it with
//! actions and look at the model and the store.

use crate::briefing::{self, Item, ItemKind, Target};
use crate::store::{Change, FlagStatus};

use super::keymap::Action;
use super::model::{Cursor, Model, NoteEditor, Overlay, Pane, Status};

/// A key while the note editor is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    Clear,
    Save,
    Cancel,
}

pub fn update(model: &mut Model, action: Action) {
    if action == Action::Quit {
        model.quit = true;
        return;
    }
    model.status = None;
    match model.overlay.take() {
        None => reader(model, action),
        Some(overlay) => model.overlay = overlay_action(model, overlay, action),
    }
}

fn reader(model: &mut Model, action: Action) {
    match action {
        Action::Down => move_by(model, 1),
        Action::Up => move_by(model, -1),
        Action::PageDown => move_by(model, model.page() as isize),
        Action::PageUp => move_by(model, -(model.page() as isize)),
        Action::Top => move_by(model, isize::MIN / 2),
        Action::Bottom => move_by(model, isize::MAX / 2),
        Action::NextPane => focus(model, model.focus.next()),
        Action::PrevPane => focus(model, model.focus.prev()),
        Action::Open => open(model),
        Action::Back => focus(model, Pane::List),
        Action::ToggleFlag => {
            if let Some(target) = model.focused_item().map(|i| i.target()) {
                toggle_flag(model, &target);
            }
        }
        Action::EditNote => {
            if let Some(target) = model.focused_item().map(|i| i.target()) {
                model.overlay = Some(note_editor(model, target, None));
            }
        }
        Action::FollowUp => model.overlay = Some(Overlay::FollowUp { selected: 0 }),
        Action::ToggleRead => toggle_read(model),
        Action::Reload => reload(model),
        Action::Problems => model.overlay = Some(Overlay::Problems { scroll: 0 }),
        Action::Help => model.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Quit | Action::ToggleDone => {}
    }
}

fn focus(model: &mut Model, pane: Pane) {
    model.focus = pane;
    if pane != Pane::List {
        model.detail = pane;
    }
}

/// Moves the selection of the focused pane by `delta` items, clamped (or scrolls the summary).
fn move_by(model: &mut Model, delta: isize) {
    let step = |at: usize, len: usize| -> usize {
        if len == 0 {
            return 0;
        }
        (at as isize)
            .saturating_add(delta)
            .clamp(0, len as isize - 1) as usize
    };
    if model.focus == Pane::List {
        let before = model.selected;
        model.selected = step(model.selected, model.library.briefings.len());
        if model.selected != before {
            model.cursor = Cursor::default();
        }
        return;
    }
    let Some(b) = model.briefing() else { return };
    let (judgments, actors, quotes, events) = (
        b.judgments.len(),
        b.actors.len(),
        b.quotes.len(),
        b.events.len(),
    );
    let max_scroll = model.view.summary_max_scroll;
    let c = &mut model.cursor;
    match model.focus {
        Pane::List => {}
        Pane::Summary => c.summary_scroll = step(c.summary_scroll, max_scroll + 1),
        Pane::Judgments => c.judgment = step(c.judgment, judgments),
        Pane::Actors => c.actor = step(c.actor, actors),
        Pane::Quotes => c.quote = step(c.quote, quotes),
        Pane::Timeline => c.event = step(c.event, events),
    }
}

fn open(model: &mut Model) {
    match model.focus {
        Pane::List => {
            if let Some(id) = model.briefing().map(|b| b.id.clone()) {
                if !model.store.state().read.contains(&id) {
                    save(model, Change::Read { briefing: id });
                }
                focus(model, model.detail);
            }
        }
        Pane::Summary => {}
        _ => {
            if let Some(target) = model.focused_item().map(|i| i.target()) {
                model.overlay = Some(Overlay::Item { target, scroll: 0 });
            }
        }
    }
}

fn toggle_flag(model: &mut Model, target: &Target) {
    let key = target.to_string();
    if model.is_flagged(target) || model.flag_status(&key) == Some(FlagStatus::Done) {
        if save(
            model,
            Change::Unflag {
                target: key.clone(),
            },
        ) {
            say(model, format!("Unflagged {key}"));
        }
    } else if flag(model, target) {
        say(
            model,
            format!("Flagged {key}  (a: add a note, F: follow-up list)"),
        );
    }
}

/// Flags a target that exists in the library; false if it could not be saved.
fn flag(model: &mut Model, target: &Target) -> bool {
    let Some(item) = model.library.resolve(target) else {
        return false;
    };
    let change = Change::Flag {
        target: target.to_string(),
        fingerprint: item.fingerprint(),
        title: item.briefing().title.clone(),
        text: item.describe(),
    };
    save(model, change)
}

fn note_editor(model: &Model, target: Target, back: Option<Box<Overlay>>) -> Overlay {
    let text = model.note(&target.to_string());
    Overlay::Note(NoteEditor {
        cursor: text.chars().count(),
        text,
        target,
        back,
    })
}

fn toggle_read(model: &mut Model) {
    let Some(b) = model.briefing() else { return };
    let (id, read) = (b.id.clone(), model.is_read(b));
    let change = if read {
        Change::Unread {
            briefing: id.clone(),
        }
    } else {
        Change::Read {
            briefing: id.clone(),
        }
    };
    if save(model, change) {
        say(
            model,
            format!("Marked {id} {}", if read { "unread" } else { "read" }),
        );
    }
}

pub fn reload(model: &mut Model) {
    let keep = model.briefing().map(|b| b.id.clone());
    match briefing::load(std::slice::from_ref(&model.path)) {
        Ok(library) => {
            model.library = library;
            model.selected = keep.and_then(|id| model.library.position(&id)).unwrap_or(0);
            clamp_cursor(model);
            let failed = model.library.failed.len();
            let text = format!(
                "Reloaded {} briefings{}",
                model.library.briefings.len(),
                if failed > 0 {
                    format!("; {failed} files failed to load (E)")
                } else {
                    String::new()
                }
            );
            say(model, text);
        }
        Err(e) => error(model, format!("Cannot reload: {e}")),
    }
    // Others may have changed flags too.
    let _ = model.store.refresh();
}

fn clamp_cursor(model: &mut Model) {
    let Some(b) = model.briefing() else {
        model.cursor = Cursor::default();
        return;
    };
    let clamp = |at: usize, len: usize| at.min(len.saturating_sub(1));
    let (j, a, q, e) = (
        b.judgments.len(),
        b.actors.len(),
        b.quotes.len(),
        b.events.len(),
    );
    let c = &mut model.cursor;
    c.judgment = clamp(c.judgment, j);
    c.actor = clamp(c.actor, a);
    c.quote = clamp(c.quote, q);
    c.event = clamp(c.event, e);
}

/// Opens the item a target points at: selects its briefing, focuses its pane, selects it.
pub fn jump(model: &mut Model, target: &Target) -> bool {
    let Some(index) = model.library.position(&target.briefing) else {
        return false;
    };
    if model.library.resolve(target).is_none() {
        return false;
    }
    model.selected = index;
    model.cursor = Cursor::default();
    let b = &model.library.briefings[index];
    match &target.item {
        None => focus(model, Pane::Summary),
        Some((kind, id)) => {
            let at = match kind {
                ItemKind::Judgment => b.judgments.iter().position(|x| &x.id == id),
                ItemKind::Actor => b.actors.iter().position(|x| &x.id == id),
                ItemKind::Quote => b.quotes.iter().position(|x| &x.id == id),
                ItemKind::Event => b.timeline().iter().position(|x| &x.id == id),
            }
            .unwrap_or(0);
            let c = &mut model.cursor;
            match kind {
                ItemKind::Judgment => c.judgment = at,
                ItemKind::Actor => c.actor = at,
                ItemKind::Quote => c.quote = at,
                ItemKind::Event => c.event = at,
            }
            focus(model, Pane::of(*kind));
        }
    }
    true
}

fn overlay_action(model: &mut Model, overlay: Overlay, action: Action) -> Option<Overlay> {
    let scrolled = |scroll: usize, max: usize| -> usize {
        match action {
            Action::Down => scroll + 1,
            Action::Up => scroll.saturating_sub(1),
            Action::PageDown => scroll + model.page(),
            Action::PageUp => scroll.saturating_sub(model.page()),
            Action::Top => 0,
            Action::Bottom => max,
            _ => scroll,
        }
        .min(max)
    };
    let max = model.view.overlay_max_scroll;
    match overlay {
        Overlay::Help { scroll } => match action {
            Action::Back | Action::Help => None,
            _ => Some(Overlay::Help {
                scroll: scrolled(scroll, max),
            }),
        },
        Overlay::Problems { scroll } => match action {
            Action::Back | Action::Problems => None,
            _ => Some(Overlay::Problems {
                scroll: scrolled(scroll, max),
            }),
        },
        Overlay::Item { target, scroll } => match action {
            Action::Back | Action::Open => None,
            Action::ToggleFlag => {
                toggle_flag(model, &target);
                Some(Overlay::Item { target, scroll })
            }
            Action::EditNote => {
                let back = Box::new(Overlay::Item {
                    target: target.clone(),
                    scroll,
                });
                Some(note_editor(model, target, Some(back)))
            }
            _ => Some(Overlay::Item {
                target,
                scroll: scrolled(scroll, max),
            }),
        },
        Overlay::FollowUp { selected } => follow_up_action(model, selected, action),
        // The note editor takes raw keys (see `edit_note`); actions do not reach it.
        note @ Overlay::Note(_) => Some(note),
    }
}

fn follow_up_action(model: &mut Model, selected: usize, action: Action) -> Option<Overlay> {
    let rows = model.follow_ups();
    let len = rows.len();
    let clamp = |i: isize| -> usize { i.clamp(0, len.saturating_sub(1) as isize) as usize };
    let row = rows.get(selected);
    let here = |selected| Some(Overlay::FollowUp { selected });
    match action {
        Action::Down => here(clamp(selected as isize + 1)),
        Action::Up => here(clamp(selected as isize - 1)),
        Action::PageDown => here(clamp((selected + model.page()) as isize)),
        Action::PageUp => here(clamp(selected as isize - model.page() as isize)),
        Action::Top => here(0),
        Action::Bottom => here(clamp(len as isize - 1)),
        Action::Back | Action::FollowUp => None,
        Action::Open => {
            let Some(row) = row else {
                return here(selected);
            };
            match row.parsed.clone() {
                Some(target) if !row.orphaned && jump(model, &target) => None,
                _ => {
                    error(
                        model,
                        format!(
                            "{} no longer exists (orphaned); f removes the flag",
                            row.target
                        ),
                    );
                    here(selected)
                }
            }
        }
        Action::ToggleDone => {
            if let Some(row) = row {
                let (change, word) = if row.status == FlagStatus::Done {
                    (
                        Change::Reopen {
                            target: row.target.clone(),
                        },
                        "Reopened",
                    )
                } else {
                    (
                        Change::Done {
                            target: row.target.clone(),
                        },
                        "Done:",
                    )
                };
                let text = format!("{word} {}", row.target);
                if save(model, change) {
                    say(model, text);
                }
            }
            here(selected)
        }
        Action::ToggleFlag => {
            if let Some(row) = row {
                let target = row.target.clone();
                if save(
                    model,
                    Change::Unflag {
                        target: target.clone(),
                    },
                ) {
                    say(model, format!("Removed the flag on {target}"));
                }
            }
            here(clamp(selected as isize).min(len.saturating_sub(2)))
        }
        Action::EditNote => match row.and_then(|r| r.parsed.clone()) {
            Some(target) => {
                let back = Box::new(Overlay::FollowUp { selected });
                Some(note_editor(model, target, Some(back)))
            }
            None => here(selected),
        },
        Action::Help => Some(Overlay::Help { scroll: 0 }),
        _ => here(selected),
    }
}

/// A key in the note editor.
pub fn edit_note(model: &mut Model, edit: Edit) {
    let Some(Overlay::Note(mut editor)) = model.overlay.take() else {
        return;
    };
    let byte = |e: &NoteEditor, at: usize| {
        e.text
            .char_indices()
            .nth(at)
            .map_or(e.text.len(), |(i, _)| i)
    };
    let len = editor.text.chars().count();
    match edit {
        Edit::Insert(c) if !crate::briefing::sanitize::is_forbidden(c) && c != '\n' => {
            let at = byte(&editor, editor.cursor);
            editor.text.insert(at, c);
            editor.cursor += 1;
        }
        Edit::Insert(_) => {}
        Edit::Backspace if editor.cursor > 0 => {
            let at = byte(&editor, editor.cursor - 1);
            editor.text.remove(at);
            editor.cursor -= 1;
        }
        Edit::Backspace => {}
        Edit::Delete if editor.cursor < len => {
            let at = byte(&editor, editor.cursor);
            editor.text.remove(at);
        }
        Edit::Delete => {}
        Edit::Left => editor.cursor = editor.cursor.saturating_sub(1),
        Edit::Right => editor.cursor = (editor.cursor + 1).min(len),
        Edit::Home => editor.cursor = 0,
        Edit::End => editor.cursor = len,
        Edit::Clear => {
            editor.text.clear();
            editor.cursor = 0;
        }
        Edit::Cancel => {
            model.overlay = editor.back.map(|b| *b);
            return;
        }
        Edit::Save => {
            save_note(model, &editor);
            model.overlay = editor.back.map(|b| *b);
            return;
        }
    }
    model.overlay = Some(Overlay::Note(editor));
}

fn save_note(model: &mut Model, editor: &NoteEditor) {
    let key = editor.target.to_string();
    let note = editor.text.trim().to_string();
    let flagged = model.flag_status(&key).is_some();
    if !flagged && !flag(model, &editor.target) {
        if model.status.is_none() {
            error(
                model,
                format!("{key} no longer exists; the note was not saved"),
            );
        }
        return;
    }
    if save(
        model,
        Change::Note {
            target: key.clone(),
            note,
        },
    ) {
        say(model, format!("Note saved on {key}"));
    }
}

/// Writes a change through the store. A change the store cannot write is kept and retried
/// before the next one, and the failure is shown: a flag the user made is never dropped.
pub fn save(model: &mut Model, change: Change) -> bool {
    if let Some(reason) = model.store.read_only() {
        let reason = reason.to_string();
        error(model, format!("Read-only: {reason}"));
        return false;
    }
    model.pending.push(change);
    retry_pending(model)
}

/// Writes the waiting changes in order; true when none is left.
pub fn retry_pending(model: &mut Model) -> bool {
    while let Some(change) = model.pending.first().cloned() {
        match model.store.apply(change) {
            Ok(()) => {
                model.pending.remove(0);
            }
            Err(crate::store::StoreError::NoSuchFlag { .. }) => {
                // Someone else removed it first; nothing left to do for this change.
                model.pending.remove(0);
            }
            Err(e) => {
                let n = model.pending.len();
                error(
                    model,
                    format!("Not saved yet ({n} waiting, retried on the next change): {e}"),
                );
                return false;
            }
        }
    }
    true
}

fn say(model: &mut Model, text: String) {
    model.status = Some(Status { text, error: false });
}

fn error(model: &mut Model, text: String) {
    model.status = Some(Status { text, error: true });
}

/// Used by views: the target of an item, for marker lookups.
pub fn target_of(item: &Item<'_>) -> String {
    item.target().to_string()
}
