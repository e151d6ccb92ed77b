//! Where a user's own flag is kept: in their team journal, shared, or in their private state.
//!
//! One rule for `brief flag` and the reader alike: a flag stays where it already is (a flag made
//! before the user joined the team stays private until removed); a new one is shared, except on
//! a TLP:RED briefing (for named recipients only) unless the configuration says `share_red`.

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
        if in_private {
            Home::Private
        } else if in_team {
            Home::Team
        } else if handling == Some(Handling::Red) && !self.share_red {
            Home::PrivateRed
        } else {
            Home::Team
        }
    }
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
        let sharing = Team {
            share_red: true,
            ..team
        };
        assert_eq!(sharing.home(false, false, red), Home::Team);
    }
}
