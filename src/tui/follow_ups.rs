//! The follow-up view's rows: which flags it lists, in which order, built once when the view
//! opens, switches (mine / assigned to me / team) or the flags change, never on every frame. A
//! team of 20 members holds 200,000 flags: a row here is a few words about a flag, and the text
//! shown for it (`FollowUp`, its item looked up in the library) is made only for the rows on
//! screen.

use std::collections::HashMap;

use crate::store::{FlagStatus, Store};
use crate::team::{self, Board, Scope};

/// One flag of the view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub target: String,
    pub created: String,
    /// With its assignee's mark merged in (see `team::board`).
    pub status: FlagStatus,
    /// Indexes into [`Rows::names`]; `by` is `None` without a team.
    pub by: Option<u32>,
    pub assigned_to: Option<u32>,
    pub done_by: Option<u32>,
    /// In the team folder (`false`: in the user's private state).
    pub shared: bool,
}

/// The rows of the follow-up view, oldest first.
#[derive(Clone, Debug, Default)]
pub struct Rows {
    pub rows: Vec<Row>,
    /// Member names the rows point at, each once.
    pub names: Vec<String>,
    pub open: usize,
    /// The flags changed (or the view switched) since the rows were built.
    pub stale: bool,
    /// The selection whose neighbourhood was last read in full (see `update`), if any.
    pub completed_around: Option<usize>,
}

impl Rows {
    /// Rows to be built before the view next shows them.
    pub fn new() -> Rows {
        Rows {
            stale: true,
            ..Rows::default()
        }
    }

    pub fn name(&self, index: Option<u32>) -> Option<&str> {
        index
            .and_then(|i| self.names.get(i as usize))
            .map(String::as_str)
    }

    /// The user's own flags, open and done, alone.
    pub fn alone(store: &Store) -> Rows {
        let mut rows: Vec<Row> = store
            .state()
            .flags
            .values()
            .map(|f| Row {
                target: f.target.clone(),
                created: f.created.clone(),
                status: f.status,
                by: None,
                assigned_to: None,
                done_by: None,
                shared: false,
            })
            .collect();
        rows.sort_unstable_by(|a, b| (&a.created, &a.target).cmp(&(&b.created, &b.target)));
        Rows::finish(rows, Vec::new())
    }

    /// The flags of `scope`: the user's private ones and the team folder's.
    pub fn team(board: &Board, private: &Store, me: &str, scope: Scope) -> Rows {
        let picked = team::select(board, private.state(), me, scope);
        let mut names: Vec<String> = Vec::new();
        let mut index: HashMap<&str, u32> = HashMap::new();
        let mut intern = |name| intern(&mut index, &mut names, name);
        let mut keyed: Vec<(&str, &str, u32, Row)> = Vec::with_capacity(picked.len());
        for f in picked {
            let by = intern(f.by);
            keyed.push((
                f.flag.created.as_str(),
                f.flag.target.as_str(),
                by,
                Row {
                    target: f.flag.target.clone(),
                    created: f.flag.created.clone(),
                    status: f.status,
                    by: Some(by),
                    assigned_to: f.assigned_to.map(&mut intern),
                    done_by: f.done_by.map(&mut intern),
                    shared: f.shared,
                },
            ));
        }
        // Oldest first, then by target, then by member: the order `brief flags` lists them in.
        keyed.sort_unstable_by(|a, b| {
            (a.0, a.1)
                .cmp(&(b.0, b.1))
                .then_with(|| names[a.2 as usize].cmp(&names[b.2 as usize]))
        });
        let rows = keyed.into_iter().map(|(_, _, _, row)| row).collect();
        Rows::finish(rows, names)
    }

    fn finish(rows: Vec<Row>, names: Vec<String>) -> Rows {
        let open = rows.iter().filter(|r| r.status == FlagStatus::Open).count();
        Rows {
            rows,
            names,
            open,
            stale: false,
            completed_around: None,
        }
    }
}

/// The index of a member's name in `names`, adding it the first time.
fn intern<'a>(index: &mut HashMap<&'a str, u32>, names: &mut Vec<String>, name: &'a str) -> u32 {
    *index.entry(name).or_insert_with(|| {
        names.push(name.to_string());
        (names.len() - 1) as u32
    })
}
