//! Actions inside the windows over the panes: help, problems, one item, the follow-up list,
//! an actor's dossier.

use crate::briefing::Target;
use crate::search::ActorRef;
use crate::store::{Change, FlagStatus};

use super::super::follow_ups::Row;
use super::super::model::{Model, Overlay};
use super::save::{Journal, error, save_in, say};
use super::{jump, note_editor, team, toggle_flag};
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
            Action::Assign => {
                let back = Overlay::Item {
                    target: target.clone(),
                    scroll,
                };
                super::assign::open(model, target.clone(), Some(back))
                    .or(Some(Overlay::Item { target, scroll }))
            }
            _ => Some(Overlay::Item {
                target,
                scroll: scrolled(scroll, max),
            }),
        },
        Overlay::FollowUp { selected } => follow_up_action(model, selected, action),
        Overlay::Dossier { actor, selected } => dossier_action(model, actor, selected, action),
        // Text boxes take raw keys (see `edit_input`); actions do not reach them.
        Overlay::Assign(picker) => super::assign::action(model, picker, action),
        text @ (Overlay::Note(_) | Overlay::Search(_) | Overlay::Filter(_)) => Some(text),
    }
}

fn follow_up_action(model: &mut Model, selected: usize, action: Action) -> Option<Overlay> {
    prepare_follow_ups(model, selected);
    let len = model.follow_up_rows.rows.len();
    let row = model.follow_up_rows.rows.get(selected).copied();
    let target = row.map(|r| model.follow_up_rows.target(&r).to_string());
    let here = |selected| Some(Overlay::FollowUp { selected });
    if let Some(moved) = moved(selected, len, action, model.page()) {
        return here(moved);
    }
    // Another member's flag: only its assignee's `d` goes through; the rest is refused.
    if let Some(row) = &row
        && let Some(owner) = team::other_owner(model, row)
        && let Some(target) = &target
        && team::on_others_flag(model, row, target, &owner, action).is_some()
    {
        return here(selected);
    }
    let journal = |row: &Row| {
        if row.shared {
            Journal::Team
        } else {
            Journal::Private
        }
    };
    match action {
        Action::Back | Action::FollowUp => None,
        Action::TeamView => {
            match &mut model.team {
                Some(session) => {
                    session.scope = session.scope.next();
                    model.follow_up_rows.stale = true;
                }
                None => error(
                    model,
                    "No team folder: --team DIR, BRIEF_TEAM_DIR or team = \"DIR\" in the configuration".into(),
                ),
            }
            here(0)
        }
        Action::Open => {
            let Some(row) = row.and_then(|r| model.follow_up(&model.follow_up_rows, &r)) else {
                return here(selected);
            };
            let target_shown = shown(&row.target);
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
                            "{target_shown}: its briefing is not loaded here; open {folder} to read it"
                        ),
                    );
                    here(selected)
                }
                _ => {
                    error(
                        model,
                        format!("{target_shown} no longer exists (orphaned); f removes the flag"),
                    );
                    here(selected)
                }
            }
        }
        Action::ToggleDone => {
            if let (Some(row), Some(target)) = (row, target) {
                let text = shown(&target);
                let (change, word) = if row.status == FlagStatus::Done {
                    (Change::Reopen { target }, "Reopened")
                } else {
                    (Change::Done { target }, "Done:")
                };
                let text = format!("{word} {text}");
                if save_in(model, journal(&row), change) {
                    say(model, text);
                }
            }
            here(selected)
        }
        Action::ToggleFlag => {
            if let (Some(row), Some(target)) = (row, target) {
                let text = format!("Removed the flag on {}", shown(&target));
                if team::unflag(model, journal(&row), &target) {
                    say(model, text);
                }
            }
            here(selected.min(len.saturating_sub(2)))
        }
        Action::EditNote => match target.and_then(|t| t.parse::<Target>().ok()) {
            Some(target) => {
                let back = Box::new(Overlay::FollowUp { selected });
                Some(note_editor(model, target, Some(back)))
            }
            None => here(selected),
        },
        Action::Assign => match target.and_then(|t| t.parse::<Target>().ok()) {
            Some(target) => {
                let back = Overlay::FollowUp { selected };
                super::assign::open(model, target, Some(back)).or_else(|| here(selected))
            }
            None => here(selected),
        },
        Action::Help => Some(Overlay::Help { scroll: 0 }),
        Action::Copy => {
            if let Some(text) = target {
                super::copy(model, text);
            }
            here(selected)
        }
        _ => here(selected),
    }
}

/// The follow-up view's rows, built again if the flags changed since (or never built), and the
/// briefings of the rows around the selection read in full, so that what is drawn shows their
/// items (a flag on an item of a briefing held as a stub would look orphaned).
pub(super) fn prepare_follow_ups(model: &mut Model, selected: usize) {
    if model.follow_up_rows.stale {
        model.follow_up_rows = model.build_follow_ups();
    }
    if model.follow_up_rows.completed_around == Some(selected) {
        return;
    }
    // A screen's height of rows either side: more than any frame can show.
    let reach = usize::from(model.size.1).max(1);
    let rows = &model.follow_up_rows;
    let from = selected.min(rows.rows.len()).saturating_sub(reach);
    let to = (selected + reach).min(rows.rows.len());
    let mut ids: Vec<String> = rows.rows[from..to]
        .iter()
        .map(|r| {
            let target = rows.target(r);
            target.split('/').next().unwrap_or(target).to_string()
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        if let Some(index) = model.library.position(&id) {
            super::read_in_full(model, index);
        }
    }
    model.follow_up_rows.completed_around = Some(selected);
}

/// A target as a status line shows it: a team journal is text another member wrote.
pub(super) fn shown(target: &str) -> String {
    crate::briefing::sanitize::neutralize(target).into_owned()
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
        // As `f` flags the item under the cursor, `A` assigns it; Enter or Esc in the picker
        // comes back here.
        Action::Assign => match targets.get(selected) {
            Some(target) => {
                let back = Overlay::Dossier { actor, selected };
                super::assign::open(model, target.clone(), Some(back)).or_else(|| here(selected))
            }
            None => here(selected),
        },
        Action::Help => Some(Overlay::Help { scroll: 0 }),
        _ => here(selected),
    }
}

/// Where a movement action takes the selection of a list of `len` rows; `None` for any other
/// action.
pub(super) fn moved(selected: usize, len: usize, action: Action, page: usize) -> Option<usize> {
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
