//! Where a user's own flag is kept: in their team journal, shared, or in their private state.
//!
//! One rule for `brief flag` and the reader alike: a flag stays where it already is (a flag made
//! before the user joined the team stays private until it is assigned, which brings it into the
//! team journal, or removed); a new one is shared, except on a TLP:RED briefing (for named
//! recipients only) unless the configuration says `share_red`. A flag in both stores (a move
//! into the team journal cut short before its private copy was removed) is the team's: the
//! team copy was written first, and the lists show only it (`super::select`).

use crate::briefing::Handling;

use super::Team;

/// The store that holds (or will hold) one of the user's flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Home {
    /// The private state folder: seen by no one else.
    Private,
    /// The user's journal in the team folder.
    Team,
    /// A new flag on a TLP:RED briefing, kept private because `share_red` is off: the user is
    /// told so.
    PrivateRed,
}

impl Team {
    /// Where a change to the user's flag on an item goes: `in_private` / `in_team` say where it
    /// is flagged already, `handling` is its briefing's marking.
    pub fn home(&self, in_private: bool, in_team: bool, handling: Option<Handling>) -> Home {
        if in_team {
            Home::Team
        } else if in_private {
            Home::Private
        } else if handling == Some(Handling::Red) && !self.share_red {
            Home::PrivateRed
        } else {
            Home::Team
        }
    }

    /// Whether the user's private flag on an item of a briefing marked `handling` may be brought
    /// into their team journal (to assign it): not on a TLP:RED briefing unless `share_red`,
    /// nor when its briefing is not at hand, as its marking cannot be told then.
    pub fn may_share(&self, handling: Option<Option<Handling>>) -> Result<(), NotShared> {
        match handling {
            None => Err(NotShared::Unknown),
            Some(Some(Handling::Red)) if !self.share_red => Err(NotShared::Red),
            Some(_) => Ok(()),
        }
    }
}

/// Why a private flag stays private.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotShared {
    /// Its briefing is TLP:RED and `share_red` is off.
    Red,
    /// Its briefing is not loaded (gone, or in another folder): its marking is unknown.
    Unknown,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn red_stays_private_unless_shared_and_flags_stay_where_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let team = Team::new(dir.path().to_path_buf(), Some("me"), false).unwrap();
        let red = Some(Handling::Red);
        assert_eq!(team.home(false, false, None), Home::Team);
        assert_eq!(team.home(false, false, Some(Handling::Amber)), Home::Team);
        assert_eq!(team.home(false, false, red), Home::PrivateRed);
        assert_eq!(team.home(true, false, None), Home::Private);
        assert_eq!(team.home(false, true, red), Home::Team);
        // In both: the team's copy, written first when the flag was brought in.
        assert_eq!(team.home(true, true, None), Home::Team);
        let sharing = Team {
            share_red: true,
            ..team
        };
        assert_eq!(sharing.home(false, false, red), Home::Team);
    }

    #[test]
    fn a_private_flag_is_shared_only_when_its_marking_allows() {
        let dir = tempfile::tempdir().unwrap();
        let team = Team::new(dir.path().to_path_buf(), Some("me"), false).unwrap();
        assert_eq!(team.may_share(Some(None)), Ok(()));
        assert_eq!(team.may_share(Some(Some(Handling::Amber))), Ok(()));
        assert_eq!(
            team.may_share(Some(Some(Handling::Red))),
            Err(NotShared::Red)
        );
        assert_eq!(team.may_share(None), Err(NotShared::Unknown));
        let sharing = Team {
            share_red: true,
            ..team
        };
        assert_eq!(sharing.may_share(Some(Some(Handling::Red))), Ok(()));
        assert_eq!(sharing.may_share(None), Err(NotShared::Unknown));
    }
}
