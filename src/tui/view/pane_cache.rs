//! Text laid out for the screen, kept between frames: wrapping and measuring a briefing's
//! text is most of what a frame costs, and most frames show text already laid out (a move in
//! an item pane, the list scrolled by one row, the briefing a move goes to, laid out while the
//! reader waited for the key).
//!
//! What is kept is a pure function of its key, so a hit gives exactly what building again
//! would give. The key holds everything the text depends on: the briefing itself (compared by
//! identity: a briefing is never changed in place, a file read again or a stub read in full is
//! another `Arc`, and the entry's own `Arc` keeps the address from being reused), the width,
//! the row kept whole among compact ones, the highlighted speaker, and the theme. The flag
//! markers and notes, which change with the user's state, are not kept: they are added to the
//! kept text every frame.

use std::collections::VecDeque;
use std::sync::Arc;

use ratatui::text::{Line, Span};

use crate::briefing::Briefing;
use crate::theme::Theme;

use super::super::model::Pane;

/// One item of a pane as laid out, without its flag marker and note: the spans of its first
/// line (after the marker) and the lines under it.
#[derive(Debug)]
pub struct ItemText {
    pub first: Vec<Span<'static>>,
    pub body: Vec<Line<'static>>,
}

/// What a pane's kept text depends on besides the briefing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaneKey {
    pub pane: Pane,
    pub width: usize,
    /// The one row kept whole when the others are compact.
    pub compact_but: Option<usize>,
    /// The actor whose quotes are picked out (the quotes pane only).
    pub highlight: Option<usize>,
    pub theme: Theme,
}

/// A pane's kept text: the items of an item pane, or the summary's lines (in `body` of its one
/// item).
pub type PaneText = Arc<Vec<ItemText>>;

/// Panes kept: a few briefings' worth (five panes, some at two lengths), so the briefing on
/// screen and those a move goes to stay while older ones go. Each entry keeps its briefing
/// alive, so this also bounds the briefings held in full for the cache's sake.
const KEPT: usize = 40;

/// A list row's title on two rows, by briefing and width.
type KeptTitle = (Arc<Briefing>, usize, Arc<(String, String)>);

#[derive(Debug, Default)]
pub struct PaneCache {
    /// Least recently used first.
    panes: VecDeque<(Arc<Briefing>, PaneKey, PaneText)>,
    /// The list rows drawn last frame: each briefing's title cut to two rows at a width.
    titles: Vec<KeptTitle>,
    titles_next: Vec<KeptTitle>,
    /// The header's title wrapped at a width, for the last few briefings: the one on screen
    /// and those a move goes to (laid out while the reader waits for the key).
    headers: VecDeque<(Arc<Briefing>, usize, Arc<Vec<String>>)>,
}

/// Headers kept: the briefing on screen, the two a move goes to, and one more.
const HEADERS_KEPT: usize = 4;

impl PaneCache {
    /// The text of a pane of `briefing`, built by `build` unless kept.
    pub fn pane(
        &mut self,
        briefing: &Arc<Briefing>,
        key: PaneKey,
        build: impl FnOnce() -> Vec<ItemText>,
    ) -> PaneText {
        if let Some(at) = self
            .panes
            .iter()
            .position(|(b, k, _)| Arc::ptr_eq(b, briefing) && *k == key)
        {
            let entry = self.panes.remove(at).expect("found above");
            let text = Arc::clone(&entry.2);
            self.panes.push_back(entry);
            return text;
        }
        let text = Arc::new(build());
        self.panes
            .push_back((Arc::clone(briefing), key, Arc::clone(&text)));
        while self.panes.len() > KEPT {
            self.panes.pop_front();
        }
        text
    }

    /// Whether any pane of `briefing` is kept.
    pub fn holds(&self, briefing: &Arc<Briefing>) -> bool {
        self.panes.iter().any(|(b, _, _)| Arc::ptr_eq(b, briefing))
    }

    /// A list row's title on two rows at `width`, built by `build` unless drawn last frame.
    /// Only the rows of the last frame are kept (see [`PaneCache::frame_done`]).
    pub fn title(
        &mut self,
        briefing: &Arc<Briefing>,
        width: usize,
        build: impl FnOnce() -> (String, String),
    ) -> Arc<(String, String)> {
        let kept = self
            .titles
            .iter()
            .find(|(b, w, _)| Arc::ptr_eq(b, briefing) && *w == width)
            .map(|(_, _, t)| Arc::clone(t));
        let title = kept.unwrap_or_else(|| Arc::new(build()));
        self.titles_next
            .push((Arc::clone(briefing), width, Arc::clone(&title)));
        title
    }

    /// The header's title of `briefing` wrapped at `width`, built by `build` unless kept.
    pub fn header(
        &mut self,
        briefing: &Arc<Briefing>,
        width: usize,
        build: impl FnOnce() -> Vec<String>,
    ) -> Arc<Vec<String>> {
        if let Some((_, _, lines)) = self
            .headers
            .iter()
            .find(|(b, w, _)| Arc::ptr_eq(b, briefing) && *w == width)
        {
            return Arc::clone(lines);
        }
        let lines = Arc::new(build());
        if self.headers.len() == HEADERS_KEPT {
            self.headers.pop_front();
        }
        self.headers
            .push_back((Arc::clone(briefing), width, Arc::clone(&lines)));
        lines
    }

    /// The list has been drawn: its rows are what the next frame looks in. A frame that draws
    /// no list keeps the rows of the last one that did.
    pub fn frame_done(&mut self) {
        if !self.titles_next.is_empty() {
            std::mem::swap(&mut self.titles, &mut self.titles_next);
            self.titles_next.clear();
        }
    }

    /// Forgets everything (the tests' way to compare a frame drawn from kept text with one
    /// built from nothing).
    pub fn clear(&mut self) {
        *self = PaneCache::default();
    }

    /// How many panes are kept (for the tests).
    pub fn len(&self) -> usize {
        self.panes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.panes.is_empty()
    }
}
