//! `brief flags`, `flag`, `unflag` and `done` with a team folder (see `crate::team`).
//!
//! - `brief flags --team DIR` lists every member's follow-ups; with the team from
//!   `BRIEF_TEAM_DIR` or the configuration, `brief flags` lists the user's own and those
//!   assigned to them. JSON objects add `by`, `assigned_to`, `done_by` (and `shared`: `false`
//!   for a flag kept in the private state); Markdown is grouped by member.
//! - `brief flag` writes to the user's team journal, except on a TLP:RED briefing without
//!   `share_red` (private, and said so); `--to NAME` assigns it.
//! - `brief unflag` and `brief done` act on the user's own flags (`done` also on flags assigned
//!   to them); another member's flag is refused with exit 1, naming its owner, changing nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::flags::{self, Action, Format, ListOptions};
use super::output::{tlp, tlp_rank};
use super::{Failure, Result, Style, load_lean, note_failed, shown};
use crate::briefing::{Handling, Target};
use crate::followup::{FollowUp, folder_key};
use crate::store::{Change, FlagStatus, Store, StoreError};
use crate::team::{self, Board, Scope, Team, TeamError, TeamFlag, member};

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

fn print_warnings(board: &Board, err: &mut dyn Write) {
    for warning in board.warnings() {
        let _ = writeln!(err, "brief: warning: {warning}");
    }
}

/// The briefing id part of a target.
fn briefing_of(target: &str) -> &str {
    target.split('/').next().unwrap_or(target)
}

/// `brief flags` with a team.
pub fn list(
    options: &ListOptions,
    choice: &Choice,
    style: Style,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let team = &choice.team;
    let mut library = load_lean(&options.path)?;
    let private = flags::open_store(options.state_dir.clone())?;
    let board = Board::read(&team.dir);
    print_warnings(&board, err);
    if let Some(reason) = private.read_only() {
        let _ = writeln!(err, "brief: {}", shown(reason));
    }
    let scope = if choice.typed {
        Scope::Team
    } else {
        Scope::MineAndAssigned
    };
    let mut picked = team::select(&board, private.state(), &team.me, scope);
    picked.retain(|f| options.all || f.status == FlagStatus::Open);
    // Only the briefings that flags point into are needed in full.
    let briefings: BTreeSet<&str> = picked.iter().map(|f| briefing_of(&f.flag.target)).collect();
    for id in briefings {
        library.complete(id);
    }
    note_failed(&library, err);
    let here = folder_key(&options.path);
    // Members often flag the same items: join each item with the library once, and reuse it
    // for every flag that recorded the same fingerprint and folder.
    let mut joined: HashMap<(&str, &str, Option<&str>), FollowUp> = HashMap::new();
    let mut rows: Vec<(FollowUp, TeamFlag)> = picked
        .into_iter()
        .map(|f| {
            let flag = f.flag;
            let key = (
                flag.target.as_str(),
                flag.fingerprint.as_str(),
                flag.folder.as_deref(),
            );
            let mut row = match joined.get(&key) {
                Some(row) => {
                    let mut row = row.clone();
                    row.note = shown(&flag.note);
                    row.created = flag.created.clone();
                    row
                }
                None => {
                    let row = FollowUp::from_flag(flag, &library, here.as_deref());
                    joined.insert(key, row.clone());
                    row
                }
            };
            row.status = f.status;
            row.updated = f.updated.to_string();
            (row, f)
        })
        .collect();
    rows.sort_by(|(a, fa), (b, fb)| {
        (&a.created, &a.target, fa.by).cmp(&(&b.created, &b.target, fb.by))
    });
    match options.format {
        Format::Json => {
            // One object at a time: 200,000 flags never sit in memory as JSON values at once.
            if rows.is_empty() {
                writeln!(out, "[]")?;
            } else {
                writeln!(out, "[")?;
                for (i, (row, f)) in rows.iter().enumerate() {
                    let mut value = flags::row_json(row);
                    if let Some(object) = value.as_object_mut() {
                        object.insert("by".into(), f.by.into());
                        object.insert("assigned_to".into(), f.assigned_to.into());
                        object.insert("done_by".into(), f.done_by.into());
                        object.insert("shared".into(), f.shared.into());
                    }
                    let text = serde_json::to_string_pretty(&value)
                        .map_err(|e| Failure::usage(format!("cannot write JSON: {e}")))?;
                    let separator = if i + 1 < rows.len() { "," } else { "" };
                    writeln!(out, "  {}{separator}", text.replace('\n', "\n  "))?;
                }
                writeln!(out, "]")?;
            }
        }
        Format::Markdown => out.write_all(markdown(&rows, options.all, scope).as_bytes())?,
        Format::Text => {
            if rows.is_empty() {
                writeln!(out, "{}", flags::nothing_to_list(options.all))?;
            }
            let width = style.terminal_width().unwrap_or(80).max(20);
            for (i, (row, f)) in rows.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                for line in flags::text_block(row, width, style.color) {
                    writeln!(out, "{line}")?;
                }
                writeln!(out, "  {}", who(f))?;
            }
        }
    }
    Ok(0)
}

/// `by alice, assigned to bob, done by bob` (`private` for a flag kept out of the team folder).
fn who(f: &TeamFlag) -> String {
    let mut s = format!("by {}", f.by);
    if let Some(to) = f.assigned_to {
        s.push_str(&format!(", assigned to {to}"));
    }
    if let Some(done_by) = f.done_by {
        s.push_str(&format!(", done by {done_by}"));
    }
    if !f.shared {
        s.push_str(" (private)");
    }
    s
}

/// The follow-ups as Markdown, one section per member, under the most restrictive TLP marking.
fn markdown(rows: &[(FollowUp, TeamFlag)], all: bool, scope: Scope) -> String {
    let mut s = String::new();
    let highest: Option<Handling> = rows
        .iter()
        .filter_map(|(r, _)| r.handling)
        .max_by_key(|h| tlp_rank(*h));
    if let Some(h) = highest {
        s.push_str(&format!("**{}**\n\n", tlp(h)));
    }
    s.push_str(&format!("# Follow-up ({})\n\n", scope.title()));
    if rows.is_empty() {
        s.push_str(if all {
            "No flags.\n"
        } else {
            "No open flags.\n"
        });
        return s;
    }
    let mut by_member: BTreeMap<&str, Vec<&(FollowUp, TeamFlag)>> = BTreeMap::new();
    for row in rows {
        by_member.entry(row.1.by).or_default().push(row);
    }
    for (i, (name, rows)) in by_member.into_iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        s.push_str(&format!("## {name}\n\n"));
        for (row, f) in rows {
            s.push_str(&flags::markdown_item(row));
            let mut details = Vec::new();
            if let Some(to) = f.assigned_to {
                details.push(format!("Assigned to {to}"));
            }
            if let Some(done_by) = f.done_by {
                details.push(format!("Done by {done_by}"));
            }
            if !f.shared {
                details.push("Private (not shared with the team)".to_string());
            }
            if !details.is_empty() {
                s.push_str(&format!("  - {}\n", details.join("; ")));
            }
        }
    }
    s
}

/// `brief flag`, `unflag`, `done` with a team.
#[allow(clippy::too_many_arguments)]
pub fn change(
    action: Action,
    to: Option<String>,
    target_text: &str,
    path: &Path,
    state_dir: Option<PathBuf>,
    team: &Team,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    if let Some(to) = &to
        && !member::is_valid_name(to)
    {
        return Err(Failure::usage(shown(
            &TeamError::BadName(to.clone()).to_string(),
        )));
    }
    let mut library = load_lean(path)?;
    let mut private = flags::open_store(state_dir)?;
    if let Some(reason) = private.read_only() {
        return Err(Failure::usage(format!(
            "cannot change flags: {}",
            shown(reason)
        )));
    }
    let mut own = team.open_own().map_err(|e| team_failure(&e))?;
    if let Some(reason) = own.read_only() {
        return Err(Failure::usage(format!(
            "cannot change flags: {}",
            shown(reason)
        )));
    }
    let board = Board::read(&team.dir);
    print_warnings(&board, err);
    let parsed: std::result::Result<Target, _> = target_text.parse();
    library.complete(briefing_of(target_text));
    let key = match &parsed {
        Ok(t) => t.to_string(),
        Err(_) => target_text.to_string(),
    };
    let shown_target = shown(&key);

    // The user's own flag: kept privately (TLP:RED, or from before the team) or shared.
    let in_private = private.flag(&key).map(|f| f.status);
    let in_team = own.flag(&key).map(|f| f.status);
    if let Some(status) = in_private {
        if to.is_some() {
            return Err(Failure::usage(format!(
                "{shown_target} is flagged privately (a TLP:RED briefing, or flagged before you \
                 joined the team), so it cannot be assigned; brief unflag {shown_target}, then \
                 flag it again with --to"
            )));
        }
        return own_change(&mut private, action, &key, status, out);
    }
    if let Some(status) = in_team {
        if let (Action::Flag { note }, Some(to)) = (&action, &to) {
            if let Some(note) = note {
                flags::apply(&mut own, flags::note_change(&key, note))?;
            }
            flags::apply(
                &mut own,
                Change::Assign {
                    target: key.clone(),
                    to: Some(to.clone()),
                },
            )?;
            warn_if_unknown(&board, team, to, err);
            writeln!(out, "{shown_target} assigned to {to}")?;
            return Ok(0);
        }
        return own_change(&mut own, action, &key, status, out);
    }

    // Someone else's flag: only `done` by its assignee goes through.
    let others: Vec<TeamFlag> = board
        .flags()
        .filter(|f| f.flag.target == key && f.by != team.me)
        .collect();
    match action {
        Action::Done => {
            let mine: Vec<&TeamFlag> = others
                .iter()
                .filter(|f| f.assigned_to == Some(team.me.as_str()))
                .collect();
            if !mine.is_empty() {
                for f in &mine {
                    flags::apply(
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
        Action::Flag { note } => {
            // A new flag of the user's own, even if others flagged the same item.
            let Some(item) = parsed.as_ref().ok().and_then(|t| library.resolve(t)) else {
                note_failed(&library, err);
                return Err(flags::unknown_target(
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
                flags::apply(
                    &mut private,
                    flags::flag_change(&key, item, folder_key(path)),
                )?;
                if let Some(note) = note {
                    flags::apply(&mut private, flags::note_change(&key, &note))?;
                }
                writeln!(out, "flagged {shown_target}")?;
                let _ = writeln!(
                    err,
                    "brief: {shown_target} is on a TLP:RED briefing: the flag stays private, \
                     not shared with the team (share_red = true in the configuration shares them)"
                );
                return Ok(0);
            }
            flags::apply(&mut own, flags::flag_change(&key, item, folder_key(path)))?;
            if let Some(note) = note {
                flags::apply(&mut own, flags::note_change(&key, &note))?;
            }
            match &to {
                Some(to) => {
                    flags::apply(
                        &mut own,
                        Change::Assign {
                            target: key.clone(),
                            to: Some(to.clone()),
                        },
                    )?;
                    warn_if_unknown(&board, team, to, err);
                    writeln!(out, "flagged {shown_target}, assigned to {to}")?;
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
        return Err(flags::unknown_target(
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

/// A change to one of the user's own flags, in the store that holds it.
fn own_change(
    store: &mut Store,
    action: Action,
    key: &str,
    status: FlagStatus,
    out: &mut dyn Write,
) -> Result<u8> {
    let shown_target = shown(key);
    let target = key.to_string();
    match action {
        Action::Flag { note: Some(note) } => {
            flags::apply(store, flags::note_change(key, &note))?;
            writeln!(out, "note set on {shown_target}")?;
        }
        Action::Flag { note: None } if status == FlagStatus::Done => {
            flags::apply(store, Change::Reopen { target })?;
            writeln!(out, "reopened {shown_target}")?;
        }
        Action::Flag { note: None } => writeln!(out, "{shown_target} is already flagged")?,
        Action::Unflag => {
            flags::apply(store, Change::Unflag { target })?;
            writeln!(out, "unflagged {shown_target}")?;
        }
        Action::Done => {
            flags::apply(store, Change::Done { target })?;
            writeln!(out, "done {shown_target}")?;
        }
    }
    Ok(0)
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
    let hint = match assigned {
        Some(to) if to == me && what == "remove it" => {
            format!(" (it is assigned to you: brief done {shown_target} marks it done)")
        }
        Some(to) if what != "remove it" => format!(", or {to}, to whom it is assigned"),
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

fn warn_if_unknown(board: &Board, team: &Team, to: &str, err: &mut dyn Write) {
    if to != team.me && !board.members().any(|m| m == to) {
        let _ = writeln!(
            err,
            "brief: warning: {to} has no file in the team folder yet; they will see the flag \
             once they use brief with the team"
        );
    }
}
