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
