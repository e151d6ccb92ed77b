//! The follow-up list: the user's flags joined with the briefings they point at.
//!
//! Shared by the reader's follow-up view and `brief flags`, so both say the same thing about a
//! flag: its item's current text, and whether it is orphaned or changed since it was flagged.

use crate::briefing::sanitize::neutralize;
use crate::briefing::{Handling, Library, Target};
use crate::store::{Flag, FlagStatus, State};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowUp {
    pub target: String,
    /// The parsed target; `None` only if the state holds a target this version cannot read.
    pub parsed: Option<Target>,
    /// The briefing's title (as it was flagged, when orphaned).
    pub title: String,
    /// The item in one line (as it was flagged, when orphaned).
    pub text: String,
    pub note: String,
    pub status: FlagStatus,
    pub created: String,
    pub updated: String,
    /// The item no longer exists; the flag stays until the user removes it.
    pub orphaned: bool,
    /// The item's content changed since it was flagged.
    pub changed: bool,
    pub handling: Option<Handling>,
}

impl FollowUp {
    pub fn from_flag(flag: &Flag, library: &Library) -> FollowUp {
        let parsed: Option<Target> = flag.target.parse().ok();
        let item = parsed.as_ref().and_then(|t| library.resolve(t));
        // The state file is text a person can edit: what it holds is shown neutralised, like
        // anything read from a briefing.
        let clean = |text: &str| neutralize(text).into_owned();
        FollowUp {
            target: flag.target.clone(),
            title: item.map_or_else(|| clean(&flag.title), |i| i.briefing().title.clone()),
            text: item.map_or_else(|| clean(&flag.text), |i| i.describe()),
            note: clean(&flag.note),
            status: flag.status,
            created: flag.created.clone(),
            updated: flag.updated.clone(),
            orphaned: item.is_none(),
            changed: item.is_some_and(|i| i.fingerprint() != flag.fingerprint),
            handling: item.and_then(|i| i.briefing().handling),
            parsed,
        }
    }

    /// `briefing`, `actor`, `quote`, `event` or `judgment`.
    pub fn kind(&self) -> &'static str {
        match self.parsed.as_ref().and_then(|t| t.item.as_ref()) {
            Some((kind, _)) => kind.as_str(),
            None => "briefing",
        }
    }

    /// The briefing id part of the target.
    pub fn briefing(&self) -> &str {
        self.target.split('/').next().unwrap_or(&self.target)
    }
}

/// Every flag (open ones, or all with `include_done`), oldest first, then by target, so the
/// list reads as a queue of work in the order it arrived.
pub fn follow_ups(library: &Library, state: &State, include_done: bool) -> Vec<FollowUp> {
    let mut rows: Vec<FollowUp> = state
        .flags
        .values()
        .filter(|f| include_done || f.status == FlagStatus::Open)
        .map(|f| FollowUp::from_flag(f, library))
        .collect();
    rows.sort_by(|a, b| (&a.created, &a.target).cmp(&(&b.created, &b.target)));
    rows
}
