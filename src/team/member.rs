//! Who a member is: names, and the user accounts behind the files of a team folder.
//!
//! A member's name is their login name (looked up from the process's real uid, never from
//! `$USER`, which anyone can set), or the configuration's `name`. On one host, the name of the
//! user who owns a file is the truth about whose file it is.

use std::collections::HashMap;

use nix::unistd::{Uid, User};

/// The longest member name taken (login names are at most 32 bytes on Linux).
pub const MAX_NAME_BYTES: usize = 64;

/// Whether `name` can be a member name: a plain file name of letters, digits, `.`, `_` and
/// `-`, not starting with `.` or `-`, at most [`MAX_NAME_BYTES`]. Anything else (a path, an
/// escape sequence, a hidden file) is never a member.
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME_BYTES
        && !name.starts_with(['.', '-'])
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// The login name of the user running `brief`, from the password database.
pub fn login_name() -> Option<String> {
    user_name(Uid::current().as_raw())
}

/// The login name of `uid`, from the password database (`None` if it has none).
pub fn user_name(uid: u32) -> Option<String> {
    User::from_uid(Uid::from_raw(uid))
        .ok()
        .flatten()
        .map(|u| u.name)
}

/// The uid `brief` runs as.
pub fn current_uid() -> u32 {
    Uid::current().as_raw()
}

/// Remembers uid-to-name lookups: a team folder has a handful of owners and many reads.
#[derive(Debug, Default)]
pub struct Owners {
    names: HashMap<u32, Option<String>>,
}

impl Owners {
    /// The owner's login name, if the user has one.
    pub fn name(&mut self, uid: u32) -> Option<&str> {
        self.names
            .entry(uid)
            .or_insert_with(|| user_name(uid))
            .as_deref()
    }

    /// The owner as a warning names them: the login name, else the bare uid.
    pub fn describe(&mut self, uid: u32) -> String {
        match self.name(uid) {
            Some(name) => name.to_string(),
            None => format!("uid {uid}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_plain_file_names() {
        for good in ["alice", "bob.smith", "j_doe-2", "A1"] {
            assert!(is_valid_name(good), "{good}");
        }
        let long = "a".repeat(MAX_NAME_BYTES + 1);
        for bad in [
            "",
            ".alice",
            "-rf",
            "a/b",
            "..",
            "al ice",
            "a\u{1b}[31m",
            "é",
            &long,
        ] {
            assert!(!is_valid_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn the_current_user_has_a_name() {
        let uid = current_uid();
        let mut owners = Owners::default();
        assert_eq!(owners.name(uid).map(str::to_string), login_name());
        // A uid no account has is described by its number.
        assert_eq!(owners.describe(4_000_000_000), "uid 4000000000");
    }
}
