//! Actions inside the windows over the panes: help, problems, one item, the follow-up list,
//! an actor's dossier.

use crate::search::ActorRef;
use crate::store::{Change, FlagStatus};

use super::super::model::{Model, Overlay};
use super::save::{error, save, say};
use super::{jump, note_editor, toggle_flag};
use crate::keymap::Action;

pub(super) fn action(model: &mut Model, overlay: Overlay, action: Action) -> Option<Overlay> {
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
            Action::Copy => {
                if let Some(text) = model.library.resolve(&target).map(|i| i.citation()) {
                    super::copy(model, text);
                }
                Some(Overlay::Item { target, scroll })
            }
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
        Overlay::Dossier { actor, selected } => dossier_action(model, actor, selected, action),
        // Text boxes take raw keys (see `edit_input`); actions do not reach them.
        text @ (Overlay::Note(_) | Overlay::Search(_) | Overlay::Filter(_)) => Some(text),
    }
}

fn follow_up_action(model: &mut Model, selected: usize, action: Action) -> Option<Overlay> {
    let rows = model.follow_ups();
    let len = rows.len();
    let row = rows.get(selected);
    let here = |selected| Some(Overlay::FollowUp { selected });
    if let Some(moved) = moved(selected, len, action, model.page()) {
        return here(moved);
    }
    // Another member's flag, or one in the team folder: the reader changes the private state
    // only, so it says what to run instead of changing nothing quietly.
    let me = model.team.as_ref().map(|s| s.team.me.clone());
    if let (Some(me), Some(row)) = (&me, row)
        && matches!(
            action,
            Action::ToggleDone | Action::ToggleFlag | Action::EditNote
        )
        && row.by.is_some()
        && !model.store.state().flags.contains_key(&row.target)
    {
        let by = row.by.clone().unwrap_or_default();
        let text = if &by == me || row.assigned_to.as_deref() == Some(me.as_str()) {
            format!(
                "{}: a team flag; change it with brief done / unflag / flag --note {}",
                row.target, row.target
            )
        } else {
            format!("{}: {by}'s flag; only {by} can change it", row.target)
        };
        error(model, text);
        return here(selected);
    }
    match action {
        Action::Back | Action::FollowUp => None,
        Action::TeamView => {
            match &mut model.team {
                Some(session) => session.scope = session.scope.next(),
                None => error(
                    model,
                    "No team folder: --team DIR, BRIEF_TEAM_DIR or team = \"DIR\" in the configuration".into(),
                ),
            }
            here(0)
        }
        Action::Open => {
            let Some(row) = row else {
                return here(selected);
            };
            match row.parsed.clone() {
                Some(target) if !row.orphaned && jump(model, &target) => None,
                _ if row.elsewhere() => {
                    let folder = row
                        .folder
                        .as_deref()
                        .map_or_else(|| "another folder".to_string(), |f| format!("brief {f}"));
                    error(
                        model,
                        format!(
                            "{}: its briefing is not loaded here; open {folder} to read it",
                            row.target
                        ),
                    );
                    here(selected)
                }
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
            here(selected.min(len.saturating_sub(2)))
        }
        Action::EditNote => match row.and_then(|r| r.parsed.clone()) {
            Some(target) => {
                let back = Box::new(Overlay::FollowUp { selected });
                Some(note_editor(model, target, Some(back)))
            }
            None => here(selected),
        },
        Action::Help => Some(Overlay::Help { scroll: 0 }),
        Action::Copy => {
            if let Some(row) = row {
                let text = row.target.clone();
                super::copy(model, text);
            }
            here(selected)
        }
        _ => here(selected),
    }
}

/// Moves in an actor's dossier; Enter opens the briefing, quote or event under the cursor.
fn dossier_action(
    model: &mut Model,
    actor: ActorRef,
    selected: usize,
    action: Action,
) -> Option<Overlay> {
    let targets = model.dossier.resolve(&model.library).targets();
    let here = |selected| Some(Overlay::Dossier { actor, selected });
    if let Some(moved) = moved(selected, targets.len(), action, model.page()) {
        return here(moved);
    }
    match action {
        Action::Back => None,
        Action::Open => match targets.get(selected) {
            Some(target) if jump(model, target) => None,
            _ => here(selected),
        },
        Action::ToggleFlag => {
            if let Some(target) = targets.get(selected) {
                toggle_flag(model, target);
            }
            here(selected)
        }
        Action::Help => Some(Overlay::Help { scroll: 0 }),
        _ => here(selected),
    }
}

/// Where a movement action takes the selection of a list of `len` rows; `None` for any other
/// action.
fn moved(selected: usize, len: usize, action: Action, page: usize) -> Option<usize> {
    let last = len.saturating_sub(1) as isize;
    let to = |i: isize| Some(i.clamp(0, last) as usize);
    let at = selected as isize;
    match action {
        Action::Down => to(at + 1),
        Action::Up => to(at - 1),
        Action::PageDown => to(at + page as isize),
        Action::PageUp => to(at - page as isize),
        Action::Top => Some(0),
        Action::Bottom => to(last),
        _ => None,
    }
}
