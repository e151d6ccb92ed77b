//! Team follow-ups: members sharing their flags through a team folder.
//!
//! A team folder `DIR` holds one journal per member, `DIR/NAME.jsonl`, in the state store's
//! format (`store::Store::open_shared`), with its lock `DIR/NAME.lock`. A member writes only
//! their own two files, so members on one host never write one file, and members sharing the
//! folder through git never conflict: every file has one writer.
//!
//! What is shared: flags with their notes, assignments (`to`) and statuses, and the marks an
//! assignee sets on someone else's flag (a `done` or `reopen` line with an `owner`). What is
//! not: read marks, and flags on TLP:RED briefings unless `share_red` (they stay in the private
//! state). [`board::Board`] reads the folder, decides which files to trust, and merges.
//!
//! No terminal code here: the reader and the commands both build on this.

pub mod board;
pub mod member;
pub mod policy;
pub mod roster;

use std::fs;
use std::io;
use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};

use crate::store::{State, Store, StoreError};

pub use board::{Board, TeamFlag};
pub use policy::{Home, NotShared};

/// The team the user works in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Team {
    pub dir: PathBuf,
    /// The user's member name.
    pub me: String,
    /// Flags on TLP:RED briefings go to the team folder too.
    pub share_red: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error(
        "cannot tell your member name: your user has no login name; \
         set name = \"...\" in the configuration file (brief config)"
    )]
    NoName,

    #[error(
        "`{0}` is not a member name: use letters, digits, `.`, `_` and `-` \
         (not first: `.` or `-`), at most 64"
    )]
    BadName(String),

    #[error(
        "{}: cannot use the team folder: {source}; create it (see \"Working as a team\" in \
         the README), or fix --team, BRIEF_TEAM_DIR or `team` in the configuration file",
        dir.display()
    )]
    Folder {
        dir: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error(
        "{}: your team file is owned by {owner}, not by you, so brief will not write to it; \
         ask whoever runs the team folder to remove it",
        path.display()
    )]
    NotYours { path: PathBuf, owner: String },

    #[error("{}: a symbolic link stands where your team file should be; brief does not follow links in the team folder: remove it", path.display())]
    Link { path: PathBuf },

    #[error("{0}")]
    Store(#[from] StoreError),
}

impl Team {
    /// The team in `dir`, the user named `name` (else their login name). The folder must
    /// exist: brief never creates it, as its permissions are what protects the members.
    pub fn new(dir: PathBuf, name: Option<&str>, share_red: bool) -> Result<Team, TeamError> {
        let me = match name {
            Some(name) => name.to_string(),
            None => member::login_name().ok_or(TeamError::NoName)?,
        };
        if !member::is_valid_name(&me) {
            return Err(TeamError::BadName(
                crate::briefing::sanitize::neutralize(&me).into_owned(),
            ));
        }
        match fs::metadata(&dir) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => {
                return Err(TeamError::Folder {
                    dir,
                    source: io::Error::from(io::ErrorKind::NotADirectory),
                });
            }
            Err(source) => return Err(TeamError::Folder { dir, source }),
        }
        Ok(Team { dir, me, share_red })
    }

    /// Why the other members of this host would take the user's journal for a forgery, if
    /// they would, with what to do: said once by each command that writes to the folder.
    ///
    /// On one host a journal counts only when its owner's login name is the name it carries
    /// ([`board`]). So a member name that is not the user's login name (a `name` in the
    /// configuration) makes everyone else ignore it, unless the folder is in a git clone of
    /// the user's own: there the others read the file from their own clones, where it counts.
    pub fn name_problem(&self) -> Option<String> {
        let login = member::login_name();
        if login.as_deref() == Some(self.me.as_str())
            || board::in_own_git_clone(&self.dir, member::current_uid())
        {
            return None;
        }
        let path =
            crate::briefing::sanitize::neutralize(&self.journal_path().display().to_string())
                .into_owned();
        Some(match login {
            Some(login) => format!(
                "your member name `{}` (`name` in the configuration file) is not your login \
                 name `{login}`, so the other members of this host will ignore {path} as a \
                 forgery (it is not in a git clone); remove `name` from the configuration \
                 file, or set it to `{login}`",
                self.me
            ),
            None => format!(
                "your user has no login name, so the other members of this host will ignore \
                 {path} (it is not in a git clone); ask whoever runs the host to give your \
                 user a login name"
            ),
        })
    }

    /// The team folder as the user sees it: every member's journal that counts, the user's own
    /// included whatever their login name.
    pub fn board(&self) -> Board {
        Board::read_as(&self.dir, &self.me)
    }

    /// The user's journal in the team folder.
    pub fn journal_path(&self) -> PathBuf {
        self.dir.join(format!("{}.jsonl", self.me))
    }

    /// Opens the user's own journal for writing. Refuses one that someone else owns (it would
    /// be ignored by everyone anyway) or a link in its place.
    pub fn open_own(&self) -> Result<Store, TeamError> {
        let uid = member::current_uid();
        for path in [
            self.journal_path(),
            self.dir.join(format!("{}.lock", self.me)),
        ] {
            check_own(&path, uid)?;
        }
        Ok(Store::open_shared(&self.dir, &self.me)?)
    }
}

fn check_own(path: &Path, uid: u32) -> Result<(), TeamError> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(TeamError::Link {
            path: path.to_path_buf(),
        }),
        Ok(meta) if meta.uid() != uid => Err(TeamError::NotYours {
            path: path.to_path_buf(),
            owner: member::Owners::default().describe(meta.uid()),
        }),
        _ => Ok(()),
    }
}

/// Which follow-ups to show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    /// The user's own flags, private and shared.
    #[default]
    Mine,
    /// Other members' flags assigned to the user.
    AssignedToMe,
    /// The user's own and those assigned to them: what `brief flags` shows with a team.
    MineAndAssigned,
    /// Every member's shared flags, and the user's private ones.
    Team,
}

impl Scope {
    /// How the reader's title says it.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Mine => "mine",
            Scope::AssignedToMe => "assigned to me",
            Scope::MineAndAssigned => "mine and assigned to me",
            Scope::Team => "team",
        }
    }

    /// The next view the reader's key switches to.
    pub fn next(self) -> Scope {
        match self {
            Scope::Mine => Scope::AssignedToMe,
            Scope::AssignedToMe => Scope::Team,
            Scope::MineAndAssigned | Scope::Team => Scope::Mine,
        }
    }
}

/// The flags in `scope`: the user's private ones (by `me`, not shared), then the board's. A
/// private flag the user's team journal holds too (brought in to be assigned, its private copy
/// not removed yet) is listed once, as the team's: the two never show side by side.
pub fn select<'a>(
    board: &'a Board,
    private: &'a State,
    me: &'a str,
    scope: Scope,
) -> impl Iterator<Item = TeamFlag<'a>> {
    let shared = board.state_of(me);
    let private = private
        .flags
        .values()
        .filter(move |flag| {
            scope != Scope::AssignedToMe && shared.is_none_or(|s| s.flag(&flag.target).is_none())
        })
        .map(move |flag| TeamFlag::private(me, flag));
    private.chain(board.flags().filter(move |f| {
        let mine = f.by == me;
        let to_me = !mine && f.assigned_to == Some(me);
        match scope {
            Scope::Mine => mine,
            Scope::AssignedToMe => to_me,
            Scope::MineAndAssigned => mine || to_me,
            Scope::Team => true,
        }
    }))
}
