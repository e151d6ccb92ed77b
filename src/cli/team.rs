//! The team in force, and `brief flag`, `unflag` and `done` with it (see `crate::team`; the
//! listing is `super::flags`).
//!
//! - `--team DIR`, else `BRIEF_TEAM_DIR`, else `team` in the configuration; with `--team`
//!   typed, `brief flags` lists every member's follow-ups, else the user's own and those
//!   assigned to them.
//! - `brief flag` writes to the user's team journal, except on a TLP:RED briefing without
//!   `share_red` (private, and said so); `--to NAME` assigns it, `--unassign` takes the
//!   assignment back; only on the user's own flag (another member's is refused, or with
//!   `--to`, the user gets a flag of their own).
//! - `brief unflag` and `brief done` act on the user's own flags (`done` also on flags assigned
//!   to them); another member's flag is refused with exit 1, naming its owner, changing nothing.
//! - Writing to a folder where other members would take the user's file for a forgery (a
//!   configured `name` that is not the login name, on one host) is warned about, once.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::flag::{self, Action};
use super::flags::briefing_of;
use super::state::open_store;
use super::{Failure, Result, load_lean, note_failed, shown};
use crate::briefing::{Handling, Target};
use crate::followup::folder_key;
use crate::store::{Change, FlagStatus, Store, StoreError};
use crate::team::{Board, NotShared, Scope, Team, TeamError, TeamFlag, member};

/// The team in force, and whether `--team` was typed (then `brief flags` lists everyone's).
pub struct Choice {
    pub team: Team,
    pub typed: bool,
}

/// `--team`, else `$BRIEF_TEAM_DIR`, else `team` in the configuration; `None`: working alone.
pub fn resolve(arg: Option<PathBuf>) -> Result<Option<Choice>> {
    let config = &crate::config::user().0;
    let typed = arg.is_some();
    let dir = arg
        .filter(|d| !d.as_os_str().is_empty())
        .or_else(|| {
            std::env::var_os("BRIEF_TEAM_DIR")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(|| config.team.clone());
    let Some(dir) = dir else {
        return Ok(None);
    };
    let team =
        Team::new(dir, config.name.as_deref(), config.share_red).map_err(|e| team_failure(&e))?;
    Ok(Some(Choice { team, typed }))
}

fn team_failure(e: &TeamError) -> Failure {
    match e {
        TeamError::Store(StoreError::Io { path, source }) => Failure::usage(format!(
            "{}: {source}; check that you can write in the team folder (see \"Working as a \
             team\" in the README)",
            super::shown_path(path)
        )),
        other => Failure::usage(shown(&other.to_string())),
    }
}

pub(super) fn print_warnings(board: &Board, err: &mut dyn Write) {
    for warning in board.warnings() {
        let _ = writeln!(err, "brief: warning: {warning}");
    }
}

/// What `brief flags` lists with this team: every member's flags when `--team` was typed, else
/// the user's own and those assigned to them.
pub(super) fn scope(choice: &Choice) -> Scope {
    if choice.typed {
        Scope::Team
    } else {
        Scope::MineAndAssigned
    }
}

/// What `brief flag` does to whom a flag is assigned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Assignment {
    /// Nothing: no `--to`, no `--unassign`.
    Unchanged,
    /// `--to NAME`.
    To(String),
    /// `--unassign`: no one.
    Nobody,
}

/// `brief flag`, `unflag`, `done` with a team.
#[allow(clippy::too_many_arguments)]
pub fn change(
    action: Action,
    assignment: Assignment,
    target_text: &str,
    path: &Path,
    state_dir: Option<PathBuf>,
    team: &Team,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    if let Assignment::To(to) = &assignment
        && !member::is_valid_name(to)
    {
        return Err(Failure::usage(shown(
            &TeamError::BadName(to.clone()).to_string(),
        )));
    }
    let unassign = assignment == Assignment::Nobody;
    let to = match assignment {
        Assignment::To(to) => Some(to),
        Assignment::Unchanged | Assignment::Nobody => None,
    };
    let mut library = load_lean(path)?;
    let mut private = open_store(state_dir)?;
    if let Some(reason) = private.read_only() {
        return Err(Failure::usage(format!(
            "cannot change flags: {}",
            shown(reason)
        )));
    }
    let mut own = team.open_own().map_err(|e| team_failure(&e))?;
    if let Some(problem) = team.name_problem() {
        let _ = writeln!(err, "brief: warning: {problem}");
    }
    if let Some(reason) = own.read_only() {
        return Err(Failure::usage(format!(
            "cannot change flags: {}",
            shown(reason)
        )));
    }
    let board = team.board();
    print_warnings(&board, err);
    let parsed: std::result::Result<Target, _> = target_text.parse();
    library.complete(briefing_of(target_text));
    let key = match &parsed {
        Ok(t) => t.to_string(),
        Err(_) => target_text.to_string(),
    };
    let shown_target = shown(&key);

    // The user's own flag: kept privately (TLP:RED, or from before the team) or shared.
    let mut in_private = private.flag(&key).map(|f| f.status);
    let in_team = own.flag(&key).map(|f| f.status);
    if in_team.is_some() && in_private.is_some() {
        // In both: bringing it into the team journal was cut short after the team copy was
        // written. The team's is the flag; the private copy goes now.
        flag::apply(
            &mut private,
            Change::Unflag {
                target: key.clone(),
            },
        )?;
        in_private = None;
    }
    if let Some(status) = in_private {
        if unassign {
            return unassigned(&mut private, &action, &key, out);
        }
        if let (Action::Flag { note }, Some(to)) = (&action, &to) {
            let handling = parsed
                .as_ref()
                .ok()
                .and_then(|t| library.briefing(&t.briefing))
                .map(|b| b.handling);
            return share_and_assign(
                ShareAndAssign {
                    private: &mut private,
                    own: &mut own,
                    key: &key,
                    note: note.as_deref(),
                    to,
                    handling,
                    path,
                },
                &board,
                team,
                out,
                err,
            );
        }
        return flag::own_change(&mut private, action, &key, status, out);
    }
    if let Some(status) = in_team {
        if unassign {
            return unassigned(&mut own, &action, &key, out);
        }
        if let (Action::Flag { note }, Some(to)) = (&action, &to) {
            if let Some(note) = note {
                flag::apply(&mut own, flag::note_change(&key, note))?;
            }
            assign(&mut own, &key, to, &board, team, err)?;
            writeln!(out, "{shown_target} assigned to {to}")?;
            return Ok(0);
        }
        // Its status as the team sees it: the assignee may have marked it done.
        let seen = board
            .flags()
            .find(|f| f.by == team.me && f.flag.target() == key)
            .map_or(status, |f| f.status);
        if let (Action::Flag { note: None }, FlagStatus::Done, FlagStatus::Open) =
            (&action, seen, status)
        {
            // Done by the assignee, open in the user's own journal, where reopening an open
            // flag writes nothing: marked done and reopened, the reopening is later than the
            // assignee's mark and wins.
            flag::apply(
                &mut own,
                Change::Done {
                    target: key.clone(),
                },
            )?;
            flag::apply(
                &mut own,
                Change::Reopen {
                    target: key.clone(),
                },
            )?;
            writeln!(out, "reopened {shown_target}")?;
            return Ok(0);
        }
        return flag::own_change(&mut own, action, &key, seen, out);
    }

    // Someone else's flag: only `done` by its assignee goes through.
    let others: Vec<TeamFlag> = board
        .flags()
        .filter(|f| f.flag.target() == key && f.by != team.me)
        .collect();
    match action {
        Action::Done => {
            let mine: Vec<&TeamFlag> = others
                .iter()
                .filter(|f| f.assigned_to == Some(team.me.as_str()))
                .collect();
            if !mine.is_empty() {
                for f in &mine {
                    flag::apply(
                        &mut own,
                        Change::Mark {
                            owner: f.by.to_string(),
                            target: key.clone(),
                            status: FlagStatus::Done,
                        },
                    )?;
                }
                let owners: Vec<&str> = mine.iter().map(|f| f.by).collect();
                writeln!(
                    out,
                    "done {shown_target} ({} flag, assigned to you)",
                    possessive(&owners)
                )?;
                return Ok(0);
            }
            if !others.is_empty() {
                return Err(not_yours(&others, &team.me, &shown_target, "mark it done"));
            }
        }
        Action::Unflag => {
            if !others.is_empty() {
                return Err(not_yours(&others, &team.me, &shown_target, "remove it"));
            }
        }
        Action::Flag { .. } if unassign => {
            if !others.is_empty() {
                return Err(not_yours(
                    &others,
                    &team.me,
                    &shown_target,
                    "take its assignment back",
                ));
            }
        }
        Action::Flag { note } => {
            // A new flag of the user's own, even if others flagged the same item.
            let Some(item) = parsed.as_ref().ok().and_then(|t| library.resolve(t)) else {
                note_failed(&library, err);
                return Err(flag::unknown_target(
                    &library,
                    &private,
                    target_text,
                    parsed.err(),
                ));
            };
            let red = item.briefing().handling == Some(Handling::Red);
            if red && !team.share_red {
                if to.is_some() {
                    return Err(Failure::usage(format!(
                        "{shown_target} is on a TLP:RED briefing, whose flags stay private \
                         (RED is for named recipients only), so it cannot be assigned; \
                         set share_red = true in the configuration file to share them"
                    )));
                }
                flag::apply(
                    &mut private,
                    flag::flag_change(&key, item, folder_key(path)),
                )?;
                if let Some(note) = note {
                    flag::apply(&mut private, flag::note_change(&key, &note))?;
                }
                writeln!(out, "flagged {shown_target}")?;
                let _ = writeln!(
                    err,
                    "brief: {shown_target} is on a TLP:RED briefing: the flag stays private, \
                     not shared with the team (share_red = true in the configuration shares them)"
                );
                return Ok(0);
            }
            flag::apply(&mut own, flag::flag_change(&key, item, folder_key(path)))?;
            if let Some(note) = note {
                flag::apply(&mut own, flag::note_change(&key, &note))?;
            }
            match &to {
                Some(to) => {
                    assign(&mut own, &key, to, &board, team, err)?;
                    writeln!(out, "flagged {shown_target}, assigned to {to}")?;
                    // `--to` cannot re-assign another member's flag: it made the user's own.
                    if !others.is_empty() {
                        let owners: Vec<&str> = others.iter().map(|f| f.by).collect();
                        let _ = writeln!(
                            err,
                            "brief: {shown_target} is {} flag too: yours is a flag of your own, \
                             assigned to {to}; only its owner can re-assign {}",
                            possessive(&owners),
                            if owners.len() == 1 {
                                "theirs"
                            } else {
                                "each of theirs"
                            }
                        );
                    }
                }
                None => writeln!(out, "flagged {shown_target}")?,
            }
            return Ok(0);
        }
    }
    if parsed
        .as_ref()
        .ok()
        .and_then(|t| library.resolve(t))
        .is_none()
    {
        note_failed(&library, err);
        return Err(flag::unknown_target(
            &library,
            &private,
            target_text,
            parsed.err(),
        ));
    }
    Err(Failure::problems(format!(
        "{shown_target} is not flagged; brief flags lists the flags"
    )))
}

/// Exit 1: the flag is another member's; says whose.
fn not_yours(others: &[TeamFlag], me: &str, shown_target: &str, what: &str) -> Failure {
    let owners: Vec<&str> = others.iter().map(|f| f.by).collect();
    let only = if owners.len() == 1 {
        format!("only {} can {what}", owners[0])
    } else {
        format!("only its owners can {what}")
    };
    let assigned = others.iter().filter_map(|f| f.assigned_to).next();
    let hint = match (assigned, what) {
        (Some(to), "remove it" | "take its assignment back") if to == me => {
            format!(" (it is assigned to you: brief done {shown_target} marks it done)")
        }
        (Some(to), "mark it done") => format!(", or {to}, to whom it is assigned"),
        _ => String::new(),
    };
    Failure::problems(format!(
        "{shown_target} is {} flag, not yours: {only}{hint}; nothing was changed",
        possessive(&owners)
    ))
}

/// `alice's`, `alice's and bob's`.
fn possessive(names: &[&str]) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("{n}'s")).collect();
    names.join(" and ")
}

/// A private flag to bring into the team journal and assign.
struct ShareAndAssign<'a> {
    private: &'a mut Store,
    own: &'a mut Store,
    key: &'a str,
    note: Option<&'a str>,
    to: &'a str,
    /// Its briefing's marking; `None`: its briefing is not in the folder read.
    handling: Option<Option<Handling>>,
    path: &'a Path,
}

/// `brief flag TARGET --to NAME` on a flag kept privately (made before the user joined the
/// team): it is brought into the user's team journal whole (note, status, times), then
/// assigned, and only then removed from the private state, so that at no moment is it in
/// neither. A flag in both is the team's (`Team::home`, `team::select`), so a removal that fails
/// leaves nothing to disagree. Refused, changing nothing, on a TLP:RED briefing without
/// `share_red`, or when its briefing is not at hand to tell.
fn share_and_assign(
    job: ShareAndAssign<'_>,
    board: &Board,
    team: &Team,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let shown_target = shown(job.key);
    match team.may_share(job.handling) {
        Ok(()) => {}
        Err(NotShared::Red) => {
            return Err(Failure::usage(format!(
                "{shown_target} is on a TLP:RED briefing, whose flags stay private (RED is for \
                 named recipients only), so it cannot be assigned; set share_red = true in the \
                 configuration file to share them"
            )));
        }
        Err(NotShared::Unknown) => {
            return Err(Failure::problems(format!(
                "{shown_target} is flagged privately and its briefing is not in {}, so its TLP \
                 marking cannot be told: it stays private and is not assigned; give the folder \
                 that holds its briefing (brief flag TARGET PATH --to NAME)",
                super::shown_path(job.path)
            )));
        }
    }
    let Some(flag) = job.private.flag(job.key).cloned() else {
        return Err(Failure::problems(format!(
            "{shown_target} is not flagged; brief flags lists the flags"
        )));
    };
    flag::apply(
        job.own,
        Change::Adopt {
            flag: Box::new(flag),
        },
    )?;
    if let Some(note) = job.note {
        flag::apply(job.own, flag::note_change(job.key, note))?;
    }
    assign(job.own, job.key, job.to, board, team, err)?;
    if let Err(failure) = flag::apply(
        job.private,
        Change::Unflag {
            target: job.key.to_string(),
        },
    ) {
        // Shared and assigned all the same; the private copy is hidden behind the team's.
        let why = failure.message.unwrap_or_default();
        let _ = writeln!(
            err,
            "brief: warning: the private copy of {shown_target} could not be removed ({why}); \
             the team's copy is the one shown and changed, and the private one is removed the \
             next time you change this flag"
        );
    }
    writeln!(
        out,
        "{shown_target} assigned to {}; your private flag on it, with its note, is now shared \
         with the team",
        job.to
    )?;
    Ok(0)
}

/// `brief flag TARGET --unassign` on one of the user's own flags (with `--note`, its note is
/// set too): no one is asked to follow it up any more. A flag assigned to no one is left as it
/// is, and said so.
fn unassigned(store: &mut Store, action: &Action, key: &str, out: &mut dyn Write) -> Result<u8> {
    let shown_target = shown(key);
    if let Action::Flag { note: Some(note) } = action {
        flag::apply(store, flag::note_change(key, note))?;
        writeln!(out, "note set on {shown_target}")?;
    }
    match store.flag(key).and_then(|f| f.assigned_to.clone()) {
        Some(was) => {
            flag::apply(
                store,
                Change::Assign {
                    target: key.to_string(),
                    to: None,
                },
            )?;
            writeln!(
                out,
                "{shown_target} is no longer assigned to {}",
                shown(&was)
            )?;
        }
        None => writeln!(out, "{shown_target} is not assigned to anyone")?,
    }
    Ok(0)
}

/// Asks member `to` to follow the user's flag on `key` up; warns when `to` has no file in the
/// folder yet.
fn assign(
    own: &mut Store,
    key: &str,
    to: &str,
    board: &Board,
    team: &Team,
    err: &mut dyn Write,
) -> Result<()> {
    flag::apply(
        own,
        Change::Assign {
            target: key.to_string(),
            to: Some(to.to_string()),
        },
    )?;
    warn_if_unknown(board, team, to, err);
    Ok(())
}

fn warn_if_unknown(board: &Board, team: &Team, to: &str, err: &mut dyn Write) {
    if to != team.me && !board.members().any(|m| m == to) {
        let _ = writeln!(
            err,
            "brief: warning: {to} has no file in the team folder yet; they will see the flag \
             once they use brief with the team"
        );
    }
}
