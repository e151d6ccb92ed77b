//! Assigning a flag from the reader (`A`): a list of the team's members, narrowed as a name is
//! typed; Enter flags the item in the user's team journal, if it is not flagged yet (a flag kept
//! privately from before the team is brought in, note and all), and asks the chosen member to
//! follow it up, as `brief flag TARGET --to NAME` does; "nobody" takes the assignment back.

use crate::briefing::{Handling, Target};
use crate::store::Change;
use crate::team::roster;

use super::super::input::Edit;
use super::super::model::{AssignPicker, Model, Overlay};
use super::overlays::shown;
use super::save::{Journal, error, save_in, say};
use super::team::journal_for;
use crate::keymap::Action;

/// Opens the picker for the flag on `target`, or says in the status line why it cannot be
/// assigned (no team, a flag kept private) and gives `None`.
pub(super) fn open(model: &mut Model, target: Target, back: Option<Overlay>) -> Option<Overlay> {
    let key = target.to_string();
    let Some(session) = &model.team else {
        error(
            model,
            "No team is configured, so there is no one to assign to: --team DIR, BRIEF_TEAM_DIR \
             or team = \"DIR\" in the configuration"
                .into(),
        );
        return None;
    };
    if let Err(reason) = &session.own {
        let text = format!("Cannot assign: your team file cannot be written: {reason}");
        error(model, text);
        return None;
    }
    let red = model
        .library
        .briefing(&target.briefing)
        .is_some_and(|b| b.handling == Some(Handling::Red));
    if red && !session.team.share_red {
        error(
            model,
            format!(
                "Cannot assign: flag kept private: TLP:RED briefing (share_red is off) · {key}"
            ),
        );
        return None;
    }
    // A private flag (made before the team) is brought into the team journal on Enter, if its
    // briefing is here to tell its marking (RED is refused above).
    let private = journal_for(model, &target).0 == Journal::Private;
    if private && model.library.briefing(&target.briefing).is_none() {
        error(
            model,
            format!(
                "Cannot assign a flag kept private whose briefing is not loaded here: its TLP \
                 marking cannot be told · {key}"
            ),
        );
        return None;
    }
    if model.library.resolve(&target).is_none() && model.flag_status(&key).is_none() {
        error(model, format!("{key} no longer exists"));
        return None;
    }
    let session = model.team.as_ref()?;
    let current = session
        .own()
        .and_then(|own| own.flag(&key))
        .and_then(|f| f.assigned_to.clone());
    let mut picker = AssignPicker {
        members: roster::assignable(&session.board, &session.team.me),
        current,
        private,
        target,
        input: Default::default(),
        typing: false,
        selected: 0,
        back: back.map(Box::new),
    };
    picker.selected = picker.start();
    Some(Overlay::Assign(picker))
}

/// A list action while the picker is open (movement keys, before anything is typed).
pub(super) fn action(
    model: &mut Model,
    mut picker: AssignPicker,
    action: Action,
) -> Option<Overlay> {
    let n = picker.choices().len();
    if let Some(to) = super::overlays::moved(picker.selected, n, action, model.page()) {
        picker.selected = to;
        return Some(Overlay::Assign(picker));
    }
    match action {
        Action::Back => picker.back.map(|b| *b),
        Action::Open => commit(model, picker),
        _ => Some(Overlay::Assign(picker)),
    }
}

/// A key typed while the picker is open.
pub(super) fn key(model: &mut Model, mut picker: AssignPicker, edit: Edit) -> Option<Overlay> {
    let n = picker.choices().len();
    let last = n.saturating_sub(1);
    match edit {
        Edit::Cancel => return picker.back.map(|b| *b),
        Edit::Enter | Edit::Save => return commit(model, picker),
        Edit::Down | Edit::Next => picker.selected = (picker.selected + 1).min(last),
        Edit::Up | Edit::Prev => picker.selected = picker.selected.saturating_sub(1),
        // `/` only says a name comes next, as in a search.
        Edit::Insert('/') if !picker.typing => picker.typing = true,
        other => {
            picker.typing = true;
            if picker.input.edit(other) {
                picker.selected = 0;
            }
        }
    }
    Some(Overlay::Assign(picker))
}

/// Enter: assigns the flag to the chosen member, flagging the item first if it is not flagged.
fn commit(model: &mut Model, picker: AssignPicker) -> Option<Overlay> {
    let back = picker.back.clone().map(|b| *b);
    let Some(choice) = picker.choices().into_iter().nth(picker.selected) else {
        error(
            model,
            "No member by that name: type a member's name in full to assign to them".into(),
        );
        return Some(Overlay::Assign(picker));
    };
    let key = picker.target.to_string();
    if choice.nobody {
        return take_back(model, picker);
    }
    let flagged = model.team_status(&key).is_some();
    let private = !flagged && model.private_status(&key).is_some();
    if private {
        if !super::team::bring_in(model, &key) {
            return back;
        }
    } else if !flagged && super::flag(model, &picker.target).is_none() {
        if model.status.is_none() {
            error(model, format!("{} no longer exists", shown(&key)));
        }
        return back;
    }
    let change = Change::Assign {
        target: key.clone(),
        to: Some(choice.name.clone()),
    };
    if save_in(model, Journal::Team, change) {
        let mut text = if flagged {
            format!("Assigned {} to {}", shown(&key), choice.name)
        } else if private {
            format!(
                "Shared with the team and assigned to {}: {}",
                choice.name,
                shown(&key)
            )
        } else {
            format!("Flagged {}, assigned to {}", shown(&key), choice.name)
        };
        let has_file = model
            .team
            .as_ref()
            .is_some_and(|s| s.board.members().any(|m| m == choice.name));
        if !has_file {
            text.push_str(" (no team file yet: they see it once they use brief with the team)");
        }
        say(model, text);
    }
    back
}

/// "nobody": takes the assignment of the user's flag back, as `brief flag --unassign` does.
fn take_back(model: &mut Model, picker: AssignPicker) -> Option<Overlay> {
    let key = picker.target.to_string();
    let change = Change::Assign {
        target: key.clone(),
        to: None,
    };
    if save_in(model, Journal::Team, change) {
        let text = match &picker.current {
            Some(was) => format!("{} is no longer assigned to {was}", shown(&key)),
            None => format!("{} is not assigned to anyone", shown(&key)),
        };
        say(model, text);
    }
    picker.back.map(|b| *b)
}
