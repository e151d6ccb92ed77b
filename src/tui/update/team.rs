//! Flags in a team: which store a change of the user's goes to, and what the follow-up view
//! lets the user do to a row that is another member's.
//!
//! The rule is the team's (`Team::home`, the one `brief flag` follows): a flag stays where it is;
//! a new one goes to the user's journal in the team folder, except on a TLP:RED briefing while
//! `share_red` is off. Read marks always stay private.

use crate::briefing::Target;
use crate::store::{Change, FlagStatus};
use crate::team::Home;

use super::super::follow_ups::Row;
use super::super::model::Model;
use super::overlays::shown;
use super::save::{Journal, error, save_in, say};
use crate::keymap::Action;

/// What the status line adds when a flag stays private because of its marking.
pub(super) const KEPT_PRIVATE: &str = "flag kept private: TLP:RED briefing (share_red is off)";

/// The store for a change to the user's flag on `target`, and whether a new flag there is kept
/// private because its briefing is TLP:RED.
pub(super) fn journal_for(model: &Model, target: &Target) -> (Journal, bool) {
    let Some(session) = &model.team else {
        return (Journal::Private, false);
    };
    let key = target.to_string();
    let handling = model
        .library
        .briefing(&target.briefing)
        .and_then(|b| b.handling);
    match session.team.home(
        model.private_status(&key).is_some(),
        model.team_status(&key).is_some(),
        handling,
    ) {
        Home::Private => (Journal::Private, false),
        Home::PrivateRed => (Journal::Private, true),
        Home::Team => (Journal::Team, false),
    }
}

/// The member who made a row's flag, when it is not the user.
pub(super) fn other_owner(model: &Model, row: &Row) -> Option<String> {
    let me = &model.team.as_ref()?.team.me;
    let by = model.follow_up_rows.name(row.by)?;
    (by != me).then(|| by.to_string())
}

/// An action of the follow-up view on another member's flag: `d` by its assignee marks it done
/// (or open again) for everyone, through the assignee's own journal; anything else that would
/// change it is refused, naming its owner, and changes nothing. `None`: the action does not
/// change flags, go on as usual.
pub(super) fn on_others_flag(
    model: &mut Model,
    row: &Row,
    target: &str,
    owner: &str,
    action: Action,
) -> Option<()> {
    let me = model.team.as_ref()?.team.me.clone();
    let assigned_to_me = model.follow_up_rows.name(row.assigned_to) == Some(me.as_str());
    let target = target.to_string();
    match action {
        Action::ToggleDone if assigned_to_me => {
            let status = match row.status {
                FlagStatus::Open => FlagStatus::Done,
                FlagStatus::Done => FlagStatus::Open,
            };
            let change = Change::Mark {
                owner: owner.to_string(),
                target: target.clone(),
                status,
            };
            if save_in(model, Journal::Team, change) {
                let text = match status {
                    FlagStatus::Done => format!(
                        "Done for the whole team ({owner}'s flag, assigned to you): {}",
                        shown(&target)
                    ),
                    FlagStatus::Open => format!(
                        "Open again ({owner}'s flag, assigned to you): {}",
                        shown(&target)
                    ),
                };
                say(model, text);
            }
        }
        Action::ToggleDone | Action::ToggleFlag | Action::EditNote | Action::Assign => {
            let what = match action {
                Action::ToggleDone => "mark it done",
                Action::ToggleFlag => "remove it",
                Action::EditNote => "change its note",
                _ => "assign it",
            };
            let done_key = model.keymap.key(Action::ToggleDone, true);
            let hint = match done_key {
                Some(key) if assigned_to_me && action != Action::ToggleDone => {
                    format!(" (it is assigned to you: {key} marks it done)")
                }
                _ => String::new(),
            };
            error(
                model,
                format!(
                    "{owner}'s flag: only {owner} can {what}{hint}; nothing changed · {}",
                    shown(&target)
                ),
            );
        }
        _ => return None,
    }
    Some(())
}

/// Removes the user's flag on `key` from `journal`, and from the private state too when it is
/// the team's and a private copy was left behind (a move into the team journal cut short):
/// else the private copy would show again once the team's is gone.
pub(super) fn unflag(model: &mut Model, journal: Journal, key: &str) -> bool {
    let target = key.to_string();
    if !save_in(model, journal, Change::Unflag { target }) {
        return false;
    }
    if journal == Journal::Team && model.private_status(key).is_some() {
        let target = key.to_string();
        return save_in(model, Journal::Private, Change::Unflag { target });
    }
    true
}

/// Brings the user's private flag on `key` (made before they joined the team) into their team
/// journal, whole, with its note as it is now, then removes the private copy: the team copy is
/// written first, and a flag in both is the team's, so it is never in neither nor shown twice.
/// False, having said why, if it could not be written.
pub(super) fn bring_in(model: &mut Model, key: &str) -> bool {
    let (Some(flag), Some(status)) = (model.store.flag(key).cloned(), model.private_status(key))
    else {
        error(
            model,
            format!("Not saved yet: {}; try again in a moment", shown(key)),
        );
        return false;
    };
    let note = model.note(key);
    let flag = crate::store::Flag {
        note,
        status,
        ..flag
    };
    if !save_in(
        model,
        Journal::Team,
        Change::Adopt {
            flag: Box::new(flag),
        },
    ) {
        return false;
    }
    let target = key.to_string();
    // Kept and retried if it cannot be written now: the team copy hides it meanwhile.
    save_in(model, Journal::Private, Change::Unflag { target });
    true
}
