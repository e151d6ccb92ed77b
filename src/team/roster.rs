//! The names a flag can be assigned to, for the reader's list of members.

use std::collections::BTreeSet;

use super::Board;
use super::member;

/// Every member whose journal in the team folder counts (see `board`), and every name already
/// assigned in those journals (a member who has not used `brief` with the team yet), but not
/// `me`: sorted, each once. Only valid member names, so none carries a control character.
pub fn assignable(board: &Board, me: &str) -> Vec<String> {
    let mut names: BTreeSet<&str> = board.members().collect();
    for name in board.members() {
        if let Some(state) = board.state_of(name) {
            names.extend(state.flags().filter_map(|f| f.assigned_to()));
        }
    }
    names
        .into_iter()
        .filter(|n| *n != me && member::is_valid_name(n))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn members_and_names_already_assigned_but_not_me() {
        let root = tempfile::tempdir().unwrap();
        // A clone's folder: every file belongs to the test's user, and counts.
        fs::create_dir(root.path().join(".git")).unwrap();
        let header = "{\"brief_state\":1,\"generation\":0}\n";
        let flag = |to: &str| {
            format!(
                "{header}{{\"op\":\"flag\",\"target\":\"b1\",\"at\":\"2026-11-24T10:00:00Z\",\"to\":\"{to}\"}}\n"
            )
        };
        fs::write(root.path().join("alice.jsonl"), flag("dave")).unwrap();
        fs::write(root.path().join("me.jsonl"), flag("bob")).unwrap();
        fs::write(root.path().join("carol.jsonl"), flag("a\\u001b[31m")).unwrap();
        let board = Board::read(root.path());
        assert_eq!(assignable(&board, "me"), ["alice", "bob", "carol", "dave"]);
    }
}
