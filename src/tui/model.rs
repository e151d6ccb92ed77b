//! Everything the reader shows, and nothing about how it is drawn.

use std::path::PathBuf;

use ratatui::widgets::ListState;

use crate::briefing::{Briefing, Item, ItemKind, Library, Target};
use crate::followup::{FollowUp, folder_key, follow_ups};
use crate::search::{ActorIndex, ActorRef, DossierRows, Filter, Matches, SearchIndex};
use crate::store::history::{History, Recall};
use crate::store::{Change, FlagStatus, Store};

use super::input::{LineEditor, TextArea};
use crate::keymap::Keymap;
use crate::theme::Theme;

/// The panes, in Tab order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    List,
    Summary,
    Judgments,
    Actors,
    Quotes,
    Timeline,
}

impl Pane {
    pub const ALL: [Pane; 6] = [
        Pane::List,
        Pane::Summary,
        Pane::Judgments,
        Pane::Actors,
        Pane::Quotes,
        Pane::Timeline,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Pane::List => "Briefings",
            Pane::Summary => "Summary",
            Pane::Judgments => "Judgments",
            Pane::Actors => "Actors",
            Pane::Quotes => "Quotes",
            Pane::Timeline => "Timeline",
        }
    }

    /// The pane's name in the session file.
    pub fn name(self) -> &'static str {
        match self {
            Pane::List => "list",
            Pane::Summary => "summary",
            Pane::Judgments => "judgments",
            Pane::Actors => "actors",
            Pane::Quotes => "quotes",
            Pane::Timeline => "timeline",
        }
    }

    pub fn from_name(name: &str) -> Option<Pane> {
        Pane::ALL.into_iter().find(|p| p.name() == name)
    }

    fn step(self, forward: bool) -> Pane {
        let i = Pane::ALL.iter().position(|p| *p == self).unwrap_or(0);
        let n = Pane::ALL.len();
        Pane::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }

    pub fn next(self) -> Pane {
        self.step(true)
    }

    pub fn prev(self) -> Pane {
        self.step(false)
    }

    /// The pane that shows items of this kind.
    pub fn of(kind: ItemKind) -> Pane {
        match kind {
            ItemKind::Judgment => Pane::Judgments,
            ItemKind::Actor => Pane::Actors,
            ItemKind::Quote => Pane::Quotes,
            ItemKind::Event => Pane::Timeline,
        }
    }
}

/// The selected item of each pane of the open briefing (the timeline's in date order).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    pub summary_scroll: usize,
    pub judgment: usize,
    pub actor: usize,
    pub quote: usize,
    pub event: usize,
}

/// A window over the panes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    FollowUp {
        selected: usize,
    },
    Problems {
        scroll: usize,
    },
    /// Every field of one item.
    Item {
        target: Target,
        scroll: usize,
    },
    Note(NoteEditor),
    Search(SearchBox),
    Filter(FilterBox),
    /// One actor across every briefing: appearances, quotes, a merged timeline.
    Dossier {
        actor: ActorRef,
        selected: usize,
    },
}

impl Overlay {
    /// Overlays that take typed text rather than actions.
    pub fn takes_text(&self) -> bool {
        matches!(
            self,
            Overlay::Note(_) | Overlay::Search(_) | Overlay::Filter(_)
        )
    }
}

/// Editing a flag's note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteEditor {
    pub target: Target,
    pub input: TextArea,
    /// Where Enter or Esc returns to.
    pub back: Option<Box<Overlay>>,
}

/// Searching across every briefing as you type.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchBox {
    pub input: LineEditor,
    /// Up / Down through earlier searches.
    pub recall: Recall,
    pub matches: Matches,
    pub selected: usize,
}

/// Typing a filter for the briefing list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterBox {
    pub input: LineEditor,
    /// Up / Down through earlier filters.
    pub recall: Recall,
    /// Why the query does not parse yet, shown as the user types.
    pub error: Option<String>,
    /// The list as it was when the box opened (its filter, selection and cursor), for Esc to
    /// restore: the filter applies as the user types.
    pub before: (Option<(String, Filter)>, usize, Cursor),
}

/// The last search, for `n` / `N`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LastSearch {
    pub query: String,
    pub matches: Matches,
    pub at: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// Widget state that drawing keeps between frames (scroll offsets), as ratatui intends.
#[derive(Debug, Default)]
pub struct ViewState {
    /// The first briefing row on screen.
    pub list_offset: usize,
    /// Where each pane was drawn, and how many rows a briefing takes in the list: for mouse
    /// clicks.
    pub panes: Vec<(Pane, ratatui::layout::Rect)>,
    pub list_rows_per_item: usize,
    pub judgments: ListState,
    pub actors: ListState,
    pub quotes: ListState,
    pub timeline: ListState,
    pub follow_up: ListState,
    /// How far the summary can scroll at the current size, measured when drawn.
    pub summary_max_scroll: usize,
    /// The summary's height inside its frame, when drawn: a page of it.
    pub summary_height: usize,
    /// Each item pane drawn: its first row on screen and how many rows are whole there, for
    /// paging through the briefing.
    pub pages: Vec<(Pane, usize, usize)>,
    /// The same for text overlays (help, problems, item).
    pub overlay_max_scroll: usize,
    /// Text drawn this frame that links somewhere (source names); made OSC 8 hyperlinks as
    /// the frame goes out, when they are on.
    pub links: Vec<super::view::link::Link>,
}

impl ViewState {
    /// The list state of an item pane (the list's own for the list and the summary, unused).
    pub fn list_state(&mut self, pane: Pane) -> &mut ListState {
        match pane {
            Pane::Judgments => &mut self.judgments,
            Pane::Actors => &mut self.actors,
            Pane::Timeline => &mut self.timeline,
            _ => &mut self.quotes,
        }
    }

    /// The first row on screen and the number of whole rows of a pane, when it was last drawn.
    pub fn page_of(&self, pane: Pane) -> Option<(usize, usize)> {
        self.pages
            .iter()
            .find(|(p, _, _)| *p == pane)
            .map(|&(_, first, whole)| (first, whole))
    }
}

/// The team the reader shows follow-ups of (`crate::team`), when there is one.
#[derive(Debug)]
pub struct TeamSession {
    pub team: crate::team::Team,
    /// Every member's journal, refreshed while the reader waits.
    pub board: crate::team::Board,
    /// What the follow-up view shows.
    pub scope: crate::team::Scope,
}

pub struct Model {
    pub library: Library,
    pub store: Store,
    /// The team folder's follow-ups, when working in a team.
    pub team: Option<TeamSession>,
    /// Earlier queries of the search and filter boxes, kept beside the store's state.
    pub history: History,
    /// Source names are OSC 8 hyperlinks (`hyperlinks` in the configuration).
    pub hyperlinks: bool,
    /// A file to open in the user's editor (`e`); the loop hands the terminal over.
    pub edit_request: Option<super::update::edit::EditRequest>,
    /// What the briefings were loaded from, for reloading.
    pub path: PathBuf,
    /// `path` as flags record it (see `followup::folder_key`), worked out once.
    pub folder: Option<String>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub focus: Pane,
    /// The detail pane shown when only one fits (the last one focused).
    pub detail: Pane,
    /// The item pane shown beside the summary (the last one focused), once the user chose one.
    pub side: Option<Pane>,
    /// Index of the selected briefing in `library.briefings`.
    pub selected: usize,
    pub cursor: Cursor,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    /// Changes the store could not write yet; retried before every other change.
    pub pending: Vec<Change>,
    pub quit: bool,
    /// The terminal's size, for paging.
    pub size: (u16, u16),
    pub view: ViewState,
    /// The list's filter, as typed and as parsed.
    pub filter: Option<(String, Filter)>,
    /// Indexes of the briefings the list shows (all, or those passing the filter).
    pub visible: Vec<usize>,
    pub last_search: Option<LastSearch>,
    /// Built on first use, so start-up never waits for them.
    pub search_index: Option<SearchIndex>,
    pub actor_index: Option<ActorIndex>,
    /// The open dossier's rows, built when it opens and again when the library changes, so
    /// drawing it never searches the library.
    pub dossier: DossierRows,
    /// Files read so far, of how many, while the briefings load in the background.
    pub loading: Option<(usize, usize)>,
    /// The user asked to read the files again (`r`); the loop passes it on to the loader.
    pub reload_requested: bool,
    /// Loads received from the loader so far (the first one completes the start-up).
    pub loads: usize,
    /// Text to put on the user's clipboard; the loop sends it to the terminal (OSC 52).
    pub clipboard: Option<String>,
    /// Briefings read in full on the way through the list, oldest first (see `forget_old`).
    pub read_in_full: std::collections::VecDeque<String>,
    /// Where the last session was left, while the briefing it names is still loading: the
    /// first load reopens it, unless the user has pressed a key by then.
    pub pending_place: Option<(Target, Pane)>,
    /// The user has moved (or a remembered place was reopened): the place is theirs, worth
    /// remembering at quit.
    pub place_chosen: bool,
    /// Up to how many briefings a filter on what they say (free words, `actor:`) applies as
    /// it is typed: such a filter reads every briefing's file, so beyond this it waits for
    /// Enter rather than make each keystroke wait for the whole folder.
    pub live_content_filter_max: usize,
}

impl Model {
    pub fn new(library: Library, store: Store, path: PathBuf, theme: Theme) -> Model {
        let history = match store.path().parent() {
            Some(dir) if !dir.as_os_str().is_empty() => History::open(dir),
            _ => History::in_memory(),
        };
        Model {
            library,
            store,
            team: None,
            folder: folder_key(&path),
            history,
            hyperlinks: true,
            edit_request: None,
            path,
            keymap: Keymap::default(),
            theme,
            focus: Pane::List,
            detail: Pane::Summary,
            side: None,
            selected: 0,
            cursor: Cursor::default(),
            overlay: None,
            status: None,
            pending: Vec::new(),
            quit: false,
            size: (80, 24),
            view: ViewState::default(),
            filter: None,
            visible: Vec::new(),
            last_search: None,
            search_index: None,
            actor_index: None,
            dossier: DossierRows::default(),
            loading: None,
            reload_requested: false,
            loads: 0,
            clipboard: None,
            read_in_full: Default::default(),
            pending_place: None,
            place_chosen: false,
            live_content_filter_max: 2_000,
        }
        .with_all_visible()
    }

    fn with_all_visible(mut self) -> Model {
        self.visible = (0..self.library.briefings.len()).collect();
        self
    }

    /// The selected briefing, if the list shows any.
    pub fn briefing(&self) -> Option<&Briefing> {
        if self.filter.is_some() && !self.visible.contains(&self.selected) {
            return None;
        }
        self.library.briefings.get(self.selected).map(|b| &**b)
    }

    /// Whether search waits for the loader, which hands the index over with the library:
    /// while it reads, the box takes the query and shows the results when the load is done.
    pub fn search_waits(&self) -> bool {
        self.search_index.is_none() && self.loading.is_some()
    }

    /// Whether a filter waits for the load: one that looks inside briefings would read every
    /// file again for each batch the loader streams in, so it applies once the load is done.
    pub fn filter_waits(&self, filter: &Filter) -> bool {
        filter.needs_content() && self.loading.is_some()
    }

    /// The search index, built the first time it is needed.
    pub fn search_index(&mut self) -> &mut SearchIndex {
        let library = &self.library;
        self.search_index
            .get_or_insert_with(|| SearchIndex::build(library))
    }

    pub fn actor_index(&mut self) -> &ActorIndex {
        let library = &self.library;
        self.actor_index
            .get_or_insert_with(|| ActorIndex::build(library))
    }

    /// The item the focused pane points at: what `f`, `a` and Enter act on.
    pub fn focused_item(&self) -> Option<Item<'_>> {
        let b = self.briefing()?;
        Some(match self.focus {
            Pane::List | Pane::Summary => Item::Briefing(b),
            Pane::Judgments => Item::Judgment(b, b.judgments.get(self.cursor.judgment)?),
            Pane::Actors => Item::Actor(b, b.actors.get(self.cursor.actor)?),
            Pane::Quotes => Item::Quote(b, b.quotes.get(self.cursor.quote)?),
            Pane::Timeline => Item::Event(b, *b.timeline().get(self.cursor.event)?),
        })
    }

    /// A flag's status as the user last set it, counting changes still waiting to be saved.
    pub fn flag_status(&self, target: &str) -> Option<FlagStatus> {
        let mut status = self.store.flag(target).map(|f| f.status);
        for change in &self.pending {
            match change {
                Change::Flag { target: t, .. } if t == target => {
                    status = status.or(Some(FlagStatus::Open))
                }
                Change::Unflag { target: t } if t == target => status = None,
                Change::Done { target: t } if t == target => status = Some(FlagStatus::Done),
                Change::Reopen { target: t } if t == target => status = Some(FlagStatus::Open),
                _ => {}
            }
        }
        status
    }

    pub fn is_flagged(&self, target: &Target) -> bool {
        self.flag_status(&target.to_string()) == Some(FlagStatus::Open)
    }

    /// The flag's note, counting unsaved changes.
    pub fn note(&self, target: &str) -> String {
        let mut note = self
            .store
            .flag(target)
            .map(|f| f.note.clone())
            .unwrap_or_default();
        for change in &self.pending {
            if let Change::Note { target: t, note: n } = change
                && t == target
            {
                note = n.clone();
            }
        }
        note
    }

    /// Whether the briefing, or anything in it, has an open flag.
    pub fn briefing_flagged(&self, briefing: &Briefing) -> bool {
        let prefix = format!("{}/", briefing.id);
        self.store
            .state()
            .flags
            .range(briefing.id.clone()..)
            .take_while(|(t, _)| *t == &briefing.id || t.starts_with(&prefix))
            .any(|(_, f)| f.status == FlagStatus::Open)
            || self.pending.iter().any(|c| matches!(c, Change::Flag { target, .. } if target == &briefing.id || target.starts_with(&prefix)))
    }

    pub fn is_read(&self, briefing: &Briefing) -> bool {
        let mut read = self.store.state().read.contains(&briefing.id);
        for change in &self.pending {
            match change {
                Change::Read { briefing: b } if b == &briefing.id => read = true,
                Change::Unread { briefing: b } if b == &briefing.id => read = false,
                _ => {}
            }
        }
        read
    }

    /// Every flag, open and done, for the follow-up view; with a team, those of the view's
    /// scope, each with its member.
    pub fn follow_ups(&self) -> Vec<FollowUp> {
        if let Some(session) = &self.team {
            let me = session.team.me.as_str();
            let picked = crate::team::select(&session.board, self.store.state(), me, session.scope);
            let mut rows: Vec<FollowUp> = picked
                .into_iter()
                .map(|f| {
                    let mut row =
                        FollowUp::from_flag(f.flag, &self.library, self.folder.as_deref());
                    row.status = f.status;
                    row.updated = f.updated.to_string();
                    row.by = Some(f.by.to_string());
                    row.assigned_to = f.assigned_to.map(str::to_string);
                    row.done_by = f.done_by.map(str::to_string);
                    row
                })
                .collect();
            rows.sort_by(|a, b| {
                (&a.created, &a.target, &a.by).cmp(&(&b.created, &b.target, &b.by))
            });
            return rows;
        }
        follow_ups(
            &self.library,
            self.store.state(),
            self.folder.as_deref(),
            true,
        )
    }

    /// Rows a page moves: half the screen, as `less` does.
    pub fn page(&self) -> usize {
        usize::from(self.size.1 / 2).max(1)
    }
}
