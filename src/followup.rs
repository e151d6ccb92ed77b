//! The follow-up list: the user's flags joined with the briefings they point at.
//!
//! Shared by the reader's follow-up view and `brief flags`, so both say the same thing about a
//! flag: its item's current text, and whether it is orphaned or changed since it was flagged.
//!
//! A flag is orphaned only when its item is really gone: its briefing is loaded and the item is
//! not in it, or the briefing is missing from the very folder it was flagged in. A flag whose
//! briefing is simply not in the folder being read (the user opened another one) is *not
//! loaded here*, and says in which folder it was flagged when that was recorded.

use std::path::Path;

use crate::briefing::sanitize::neutralize;
use crate::briefing::{Handling, Item, Library, QuoteMode, Target};
use crate::store::{FlagRef, FlagStatus, State};

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
    /// Its briefing is in the folder being read (false for a flag made while reading another
    /// folder, and for an orphaned flag whose briefing was removed).
    pub loaded: bool,
    /// The folder (or file) the briefings were read from when it was flagged, if recorded;
    /// neutralised, as it comes from the state file.
    pub folder: Option<String>,
    /// The item's content changed since it was flagged.
    pub changed: bool,
    pub handling: Option<Handling>,
    /// In a team: the member who flagged it, who is asked to follow it up, and who marked it
    /// done (`crate::team`); `None` alone.
    pub by: Option<String>,
    pub assigned_to: Option<String>,
    pub done_by: Option<String>,
    /// In a team: kept out of the team folder, in the user's own state (a TLP:RED flag without
    /// `share_red`, or one made before joining), so no other member sees it.
    pub private: bool,
    /// For a quote still in its briefing: its words and who said them, so an export can cite
    /// it whole (`QuoteCitation`).
    pub quote: Option<QuoteCitation>,
}

/// A flagged quote's words (in quotation marks when verbatim) and its attribution: the speaker
/// with their role, and the source's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteCitation {
    pub words: String,
    pub attribution: String,
}

impl FollowUp {
    /// `here` is the folder being read, as [`folder_key`] gives it (`None` if unknown).
    pub fn from_flag<'a>(
        flag: impl Into<FlagRef<'a>>,
        library: &Library,
        here: Option<&str>,
    ) -> FollowUp {
        let flag: FlagRef = flag.into();
        let target = flag.target();
        let parsed: Option<Target> = target.parse().ok();
        let item = parsed.as_ref().and_then(|t| library.resolve(t));
        let briefing = target.split('/').next().unwrap_or(target);
        let loaded = library.briefing(briefing).is_some();
        let flagged_here = here.is_some() && flag.folder() == here;
        // The state file is text a person can edit: what it holds is shown neutralised, like
        // anything read from a briefing.
        let clean = |text: &str| neutralize(text).into_owned();
        FollowUp {
            target: target.to_string(),
            title: item.map_or_else(|| clean(flag.title()), |i| i.briefing().title.clone()),
            text: item.map_or_else(|| clean(flag.item_text()), |i| i.describe()),
            note: clean(flag.note()),
            status: flag.status(),
            created: flag.created().to_string(),
            updated: flag.updated().to_string(),
            orphaned: item.is_none() && (loaded || flagged_here),
            loaded,
            folder: flag.folder().map(clean),
            changed: item.is_some_and(|i| i.fingerprint() != flag.fingerprint()),
            handling: item.and_then(|i| i.briefing().handling),
            parsed,
            by: None,
            assigned_to: None,
            done_by: None,
            private: false,
            quote: match item {
                Some(Item::Quote(b, q)) => Some(QuoteCitation {
                    words: match q.mode {
                        QuoteMode::Direct => format!("\u{201c}{}\u{201d}", q.text),
                        QuoteMode::Indirect => q.text.clone(),
                    },
                    attribution: b.attribution(q),
                }),
                _ => None,
            },
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

    /// Its briefing is not in the folder being read, and the item is not known to be gone.
    pub fn elsewhere(&self) -> bool {
        !self.loaded && !self.orphaned
    }

    /// Where the item is, in a few words, when it is not simply here: `None` for an item in a
    /// loaded briefing. The same words in the follow-up view and in `brief flags`.
    pub fn whereabouts(&self) -> Option<String> {
        if self.orphaned {
            Some(if self.loaded {
                "orphaned: item gone".to_string()
            } else {
                "orphaned: briefing gone".to_string()
            })
        } else if self.loaded {
            None
        } else {
            Some(match &self.folder {
                Some(folder) => format!("not loaded here: flagged in {folder}"),
                None => "not loaded here: its briefing is in another folder".to_string(),
            })
        }
    }
}

/// The folder being read, as flags record it: its canonical path as text (absolute when it
/// cannot be resolved), so two sessions on the same folder agree.
pub fn folder_key(path: &Path) -> Option<String> {
    let path = std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .ok()?;
    Some(path.to_string_lossy().into_owned())
}

/// Every flag (open ones, or all with `include_done`), oldest first, then by target, so the
/// list reads as a queue of work in the order it arrived. `here` is the folder being read (see
/// [`folder_key`]).
pub fn follow_ups(
    library: &Library,
    state: &State,
    here: Option<&str>,
    include_done: bool,
) -> Vec<FollowUp> {
    let mut rows: Vec<FollowUp> = state
        .flags
        .values()
        .filter(|f| include_done || f.status == FlagStatus::Open)
        .map(|f| FollowUp::from_flag(f, library, here))
        .collect();
    rows.sort_by(|a, b| (&a.created, &a.target).cmp(&(&b.created, &b.target)));
    rows
}
