//! The follow-up view's rows: which flags it lists, in which order, built once when the view
//! opens, switches (mine / assigned to me / team) or the flags change, never on every frame. A
//! team of 20 members holds 200,000 flags: a row here is a few words about a flag, and the text
//! shown for it (`FollowUp`, its item looked up in the library) is made only for the rows on
//! screen.

use foldhash::HashMap;

use crate::store::{FlagStatus, Store};
use crate::team::{self, Board, Scope};

/// One flag of the view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    /// Where its target is in [`Rows::targets`] (see [`Rows::target`]): one text for all the
    /// targets, not 200,000 of them.
    target: (u32, u32),
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
    /// Every row's target, one after the other.
    targets: String,
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

    /// The target of one of the rows.
    pub fn target(&self, row: &Row) -> &str {
        let (start, len) = (row.target.0 as usize, row.target.1 as usize);
        self.targets.get(start..start + len).unwrap_or_default()
    }

    pub fn name(&self, index: Option<u32>) -> Option<&str> {
        index
            .and_then(|i| self.names.get(i as usize))
            .map(String::as_str)
    }

    /// The user's own flags, open and done, alone.
    pub fn alone(store: &Store) -> Rows {
        let mut rows = Rows::default();
        let mut order = Order::default();
        for f in store.state().flags.values() {
            order.push(&f.created, &f.target, "");
            let row = rows.row(&f.target, f.status, None, None, None, false);
            rows.rows.push(row);
        }
        rows.finish(order)
    }

    /// The flags of `scope`: the user's private ones and the team folder's.
    pub fn team(board: &Board, private: &Store, me: &str, scope: Scope) -> Rows {
        let mut rows = Rows::default();
        // A team has a few dozen names: a short list, looked through from the newest (a
        // member's flags come together), beats hashing each of 200,000 names.
        let mut index: Vec<(&str, u32)> = Vec::new();
        let mut order = Order::default();
        for f in team::select(board, private.state(), me, scope) {
            let mut intern = |name| intern(&mut index, &mut rows.names, name);
            let (by, to, done_by) = (
                intern(f.by),
                f.assigned_to.map(&mut intern),
                f.done_by.map(&mut intern),
            );
            let target = f.flag.target();
            order.push(f.flag.created(), target, f.by);
            let row = rows.row(target, f.status, Some(by), to, done_by, f.shared);
            rows.rows.push(row);
        }
        rows.finish(order)
    }

    /// A row for `target`, its text added to [`Rows::targets`].
    fn row(
        &mut self,
        target: &str,
        status: FlagStatus,
        by: Option<u32>,
        assigned_to: Option<u32>,
        done_by: Option<u32>,
        shared: bool,
    ) -> Row {
        let start = self.targets.len() as u32;
        self.targets.push_str(target);
        Row {
            target: (start, target.len() as u32),
            status,
            by,
            assigned_to,
            done_by,
            shared,
        }
    }

    /// Puts the rows in order: oldest first, then by target, then by member, the order
    /// `brief flags` lists them in. The keys sort by the time as a number first; the texts
    /// are compared only between flags made in the same second.
    fn finish(mut self, order: Order<'_>) -> Rows {
        let keys = order.sorted();
        self.rows = keys.iter().map(|&row| self.rows[row as usize]).collect();
        self.open = self
            .rows
            .iter()
            .filter(|r| r.status == FlagStatus::Open)
            .count();
        self.stale = false;
        self.completed_around = None;
        self
    }
}

/// What the rows sort by, row by row. Numbers are sorted: the time, the rank of the target
/// among the targets in text order, the row's index; member and time as written are compared
/// as text only between rows on the same target made in the same second. A team's 200,000 flags
/// are made in a few thousand distinct seconds, and their targets share their first bytes:
/// compared as text, they were most of the sort.
#[derive(Default)]
struct Order<'a> {
    /// The time, the target (an index in `targets` until [`Order::sorted`] ranks them), the row.
    keys: Vec<(u64, u32, u32)>,
    /// Each row's member and time as written.
    texts: Vec<(&'a str, &'a str)>,
    /// Each target once, and where.
    targets: Vec<&'a str>,
    target_ids: HashMap<&'a str, u32>,
}

impl<'a> Order<'a> {
    fn push(&mut self, created: &'a str, target: &'a str, by: &'a str) {
        let next = self.targets.len() as u32;
        let id = *self.target_ids.entry(target).or_insert(next);
        if id == next {
            self.targets.push(target);
        }
        self.keys
            .push((seconds(created), id, self.keys.len() as u32));
        self.texts.push((by, created));
    }

    /// The rows' indexes in order: oldest first, then by target, member and time as written.
    fn sorted(self) -> Vec<u32> {
        let Order {
            mut keys,
            texts,
            targets,
            ..
        } = self;
        let mut by_text: Vec<u32> = (0..targets.len() as u32).collect();
        by_text.sort_unstable_by_key(|&id| targets[id as usize]);
        let mut rank = vec![0; targets.len()];
        for (r, &id) in by_text.iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        for key in &mut keys {
            key.1 = rank[key.1 as usize];
        }
        keys.sort_unstable();
        for run in keys.chunk_by_mut(|a, b| (a.0, a.1) == (b.0, b.1)) {
            if run.len() > 1 {
                run.sort_unstable_by_key(|&(_, _, row)| texts[row as usize]);
            }
        }
        keys.into_iter().map(|(_, _, row)| row).collect()
    }
}

/// `YYYY-MM-DDTHH:MM:SS...` as a number that sorts as the text does (0 for anything else, which
/// then sorts by its text among the others that are not times).
fn seconds(rfc3339: &str) -> u64 {
    let b = rfc3339.as_bytes();
    let digits = |from: usize, to: usize| -> Option<u64> {
        b.get(from..to)?.iter().try_fold(0u64, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u64::from(c - b'0'))
        })
    };
    let parts = [(0, 4), (5, 7), (8, 10), (11, 13), (14, 16), (17, 19)];
    let mut n = 0u64;
    for (from, to) in parts {
        let Some(d) = digits(from, to) else { return 0 };
        n = n * 100 + d;
    }
    n
}

/// The index of a member's name in `names`, adding it the first time.
fn intern<'a>(index: &mut Vec<(&'a str, u32)>, names: &mut Vec<String>, name: &'a str) -> u32 {
    if let Some(&(_, i)) = index
        .iter()
        .rev()
        .find(|(n, _)| std::ptr::eq(*n, name) || *n == name)
    {
        return i;
    }
    names.push(name.to_string());
    let i = (names.len() - 1) as u32;
    index.push((name, i));
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Change;

    #[test]
    fn times_sort_as_numbers_as_they_do_as_text() {
        let times = [
            "2025-12-31T23:59:59Z",
            "2026-01-01T00:00:00Z",
            "2026-01-01T00:00:01.5Z",
            "2026-11-24T10:00:00Z",
        ];
        for pair in times.windows(2) {
            assert!(seconds(pair[0]) < seconds(pair[1]), "{pair:?}");
        }
        assert_eq!(seconds("yesterday"), 0);
        assert_eq!(seconds("2026-1"), 0);
    }

    /// Ranking the targets as numbers gives the order the texts give: by the time, then
    /// target, member and time as written.
    #[test]
    fn rows_sort_by_time_then_target_member_and_time_as_text() {
        let rows = [
            ("2026-11-24T10:00:00Z", "b2", "bob"),
            ("2026-11-24T10:00:00Z", "b1/quote/q1", "alice"),
            ("2026-11-24T10:00:00Z", "b1", "bob"),
            ("2026-11-24T10:00:00Z", "b1", "alice"),
            ("2026-11-24T10:00:00.5Z", "b1", "alice"),
            ("2026-11-24T09:59:59Z", "b3", "carol"),
            ("yesterday", "b4", "carol"),
            ("2026-11-24T10:00:01Z", "b0", "alice"),
        ];
        let mut order = Order::default();
        for (created, target, by) in rows {
            order.push(created, target, by);
        }
        let sorted: Vec<_> = order
            .sorted()
            .into_iter()
            .map(|i| rows[i as usize])
            .collect();
        let mut expected = rows.to_vec();
        expected.sort_by_key(|&(created, target, by)| (seconds(created), target, by, created));
        assert_eq!(sorted, expected);
    }

    #[test]
    fn rows_keep_every_target_oldest_first_and_count_the_open_ones() {
        let mut store = Store::open_in_memory();
        for target in ["b2", "a1", "c3"] {
            store
                .apply(Change::Flag {
                    target: target.into(),
                    fingerprint: "0".into(),
                    title: String::new(),
                    text: String::new(),
                    folder: None,
                })
                .unwrap();
        }
        store
            .apply(Change::Done {
                target: "c3".into(),
            })
            .unwrap();
        let rows = Rows::alone(&store);
        // Flagged within the same second or in this order: by target then.
        let mut targets: Vec<&str> = rows.rows.iter().map(|r| rows.target(r)).collect();
        let created: Vec<u64> = rows
            .rows
            .iter()
            .map(|r| seconds(&store.flag(rows.target(r)).unwrap().created))
            .collect();
        assert!(created.windows(2).all(|w| w[0] <= w[1]), "{created:?}");
        targets.sort_unstable();
        assert_eq!(targets, ["a1", "b2", "c3"]);
        assert_eq!((rows.open, rows.rows.len()), (2, 3));
        assert!(!rows.stale);
    }
}
