//! Everything the reader shows, and nothing about how it is drawn.

use std::path::PathBuf;

use ratatui::widgets::ListState;

use crate::briefing::{Briefing, Item, ItemKind, Library, Target};
use crate::followup::{FollowUp, folder_key};
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
    /// Choosing the team member to assign a flag to.
    Assign(AssignPicker),
}

impl Overlay {
    /// Overlays that take typed text rather than actions.
    pub fn takes_text(&self) -> bool {
        matches!(
            self,
            Overlay::Note(_) | Overlay::Search(_) | Overlay::Filter(_) | Overlay::Assign(_)
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

/// Assigning the flag on an item to a member of the team: a list of the known members (see
/// `team::roster`), narrowed as a name is typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssignPicker {
    pub target: Target,
    /// The names offered, sorted.
    pub members: Vec<String>,
    /// Who the flag is assigned to now, if it is.
    pub current: Option<String>,
    /// The flag is kept privately (made before the team): assigning it shares it.
    pub private: bool,
    /// What is typed: narrows the list to the names containing it (case does not matter).
    pub input: LineEditor,
    /// A name is being typed: from the first key that is not a list key (or `/`), letters are
    /// letters, `j` and `k` too.
    pub typing: bool,
    /// Among [`AssignPicker::choices`].
    pub selected: usize,
    /// Where Enter or Esc returns to.
    pub back: Option<Box<Overlay>>,
}

/// One name the picker offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub name: String,
    /// A member the team folder knows; `false`: a name typed in full, assigned as
    /// `brief flag --to NAME` would (they see it once they use brief with the team).
    pub known: bool,
    /// Not a member: "nobody", which takes the assignment back (`brief flag --unassign`).
    pub nobody: bool,
}

impl AssignPicker {
    /// What the first entry, which takes the assignment back, is called.
    pub const NOBODY: &'static str = "nobody";

    /// The names shown: first "nobody" while the flag is assigned (unless what is typed rules
    /// it out), then the members whose name contains what is typed; when none does, what is
    /// typed itself if it can be a member name.
    pub fn choices(&self) -> Vec<Choice> {
        let typed = self.input.text.trim();
        let wanted = typed.to_lowercase();
        let mut choices = Vec::new();
        if self.current.is_some() && Self::NOBODY.contains(&wanted) {
            choices.push(Choice {
                name: Self::NOBODY.to_string(),
                known: true,
                nobody: true,
            });
        }
        choices.extend(
            self.members
                .iter()
                .filter(|m| m.to_lowercase().contains(&wanted))
                .map(|m| Choice {
                    name: m.clone(),
                    known: true,
                    nobody: false,
                }),
        );
        if choices.is_empty() && crate::team::member::is_valid_name(typed) {
            choices.push(Choice {
                name: typed.to_string(),
                known: false,
                nobody: false,
            });
        }
        choices
    }

    /// Where the selection starts: on the member the flag is assigned to now (Enter changes
    /// nothing), else on the first name.
    pub fn start(&self) -> usize {
        self.choices()
            .iter()
            .position(|c| !c.nobody && self.current.as_ref() == Some(&c.name))
            .unwrap_or(0)
    }
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
    /// Text laid out in earlier frames, kept while what it depends on is unchanged (see
    /// `view::pane_cache`).
    pub cache: super::view::pane_cache::PaneCache,
    /// Where the briefing was drawn beside the list in the last frame: where the briefings a
    /// move in the list goes to are laid out ahead of the key (`view::prepare_neighbours`).
    pub detail_area: Option<ratatui::layout::Rect>,
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
    /// The user's own journal in the team folder, where their shared flags, notes, assignments
    /// and done marks are written (as `brief flag` writes them); `Err`: why it cannot be
    /// opened, said when the user changes a flag.
    pub own: Result<Store, String>,
    /// Changes to `own` not written yet; retried before every other change.
    pub pending: Vec<Change>,
}

impl TeamSession {
    /// Reads the team folder and opens the user's journal in it.
    pub fn new(team: crate::team::Team) -> TeamSession {
        let own = team.open_own().map_err(|e| e.to_string());
        TeamSession {
            board: team.board(),
            own,
            team,
            scope: crate::team::Scope::Mine,
            pending: Vec::new(),
        }
    }

    /// The user's journal, if it opened.
    pub fn own(&self) -> Option<&Store> {
        self.own.as_ref().ok()
    }
}

pub struct Model {
    pub library: Library,
    pub store: Store,
    /// The team folder's follow-ups, when working in a team.
    pub team: Option<TeamSession>,
    /// The follow-up view's rows, built when it opens and when the flags change.
    pub follow_up_rows: super::follow_ups::Rows,
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
    /// Briefings read in full on the way through the list, oldest first (see `forget_old`),
    /// each as the stub it replaced: the list fields, which find its place by the list order.
    pub read_in_full: std::collections::VecDeque<std::sync::Arc<Briefing>>,
    /// Where the last session was left, while the briefing it names is still loading: the
    /// first load reopens it, unless the user has pressed a key by then.
    pub pending_place: Option<(Target, Pane)>,
    /// The user has moved (or a remembered place was reopened): the place is theirs, worth
    /// remembering at quit.
    pub place_chosen: bool,
    /// Up to how many briefings a filter on what they say (free words, `actor:`) applies as
    /// it is typed while there is no search index to answer it (it then reads every
    /// briefing's file): beyond this it waits for Enter rather than make each keystroke wait
    /// for the whole folder. With the index, which the load hands over, it applies as typed
    /// at any size.
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
            follow_up_rows: super::follow_ups::Rows::new(),
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
        self.shared_briefing().map(|b| &**b)
    }

    /// The selected briefing as the library holds it (what the view's kept text is keyed by).
    pub fn shared_briefing(&self) -> Option<&std::sync::Arc<Briefing>> {
        // `visible` is in library order: a binary search, not a pass over the whole list.
        if self.filter.is_some() && self.visible.binary_search(&self.selected).is_err() {
            return None;
        }
        self.library.briefings.get(self.selected)
    }

    /// Whether search waits for the loader, which hands the index over with the library:
    /// while it reads, the box takes the query and shows the results when the load is done.
    pub fn search_waits(&self) -> bool {
        self.search_index.is_none() && self.loading.is_some()
    }

    /// Whether a filter waits for the load: one that looks inside briefings would read every
    /// file again for each batch the loader streams in, so it applies once the load is done.
    pub fn filter_waits(&self, filter: &Filter) -> bool {
        filter.needs_content() && self.loading.is_some() && !self.index_answers()
    }

    /// Whether the search index is there and is the list's (it answers the filter on what
    /// briefings say without reading their files).
    pub fn index_answers(&self) -> bool {
        self.search_index
            .as_ref()
            .is_some_and(|i| i.len() == self.library.briefings.len())
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

    /// A flag's status as the user last set it, counting changes still waiting to be saved: in
    /// the private state, else in the user's team journal.
    pub fn flag_status(&self, target: &str) -> Option<FlagStatus> {
        // A flag in both (a move into the team journal cut short) is the team's.
        self.team_status(target)
            .or_else(|| self.private_status(target))
    }

    /// The status of the user's flag in the private state.
    pub fn private_status(&self, target: &str) -> Option<FlagStatus> {
        status_in(Some(&self.store), &self.pending, target)
    }

    /// The status of the user's flag in their team journal (`None` without a team).
    pub fn team_status(&self, target: &str) -> Option<FlagStatus> {
        let session = self.team.as_ref()?;
        status_in(session.own(), &session.pending, target)
    }

    pub fn is_flagged(&self, target: &Target) -> bool {
        self.flag_status(&target.to_string()) == Some(FlagStatus::Open)
    }

    /// The flag's note, counting unsaved changes (from the store that holds the flag).
    pub fn note(&self, target: &str) -> String {
        let (store, pending) = match &self.team {
            Some(session)
                if self.team_status(target).is_some() || self.private_status(target).is_none() =>
            {
                (session.own(), session.pending.as_slice())
            }
            _ => (Some(&self.store), self.pending.as_slice()),
        };
        let mut note = store
            .and_then(|s| s.flag(target))
            .map(|f| f.note.clone())
            .unwrap_or_default();
        for change in pending {
            if let Change::Note { target: t, note: n } = change
                && t == target
            {
                note = n.clone();
            }
        }
        note
    }

    /// Whether the briefing, or anything in it, has an open flag of the user's.
    pub fn briefing_flagged(&self, briefing: &Briefing) -> bool {
        let team = self.team.as_ref();
        flagged_in(Some(&self.store), &self.pending, &briefing.id)
            || team.is_some_and(|s| flagged_in(s.own(), &s.pending, &briefing.id))
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

    /// The follow-up view's rows as the flags are now (with a team, those of the view's scope).
    pub fn build_follow_ups(&self) -> super::follow_ups::Rows {
        use super::follow_ups::Rows;
        match &self.team {
            Some(session) => {
                Rows::team(&session.board, &self.store, &session.team.me, session.scope)
            }
            None => Rows::alone(&self.store),
        }
    }

    /// What the follow-up view shows for one of its rows: the flag joined with its item (whose
    /// briefing should be read in full by now); `None` if the flag is gone since the rows were
    /// built.
    pub fn follow_up(
        &self,
        rows: &super::follow_ups::Rows,
        row: &super::follow_ups::Row,
    ) -> Option<FollowUp> {
        let flag = if row.shared {
            let session = self.team.as_ref()?;
            session
                .board
                .state_of(rows.name(row.by)?)?
                .flag(rows.target(row))?
        } else {
            self.store.flag(rows.target(row))?.into()
        };
        let mut shown = FollowUp::from_flag(flag, &self.library, self.folder.as_deref());
        shown.status = row.status;
        shown.by = rows.name(row.by).map(str::to_string);
        shown.assigned_to = rows.name(row.assigned_to).map(str::to_string);
        shown.done_by = rows.name(row.done_by).map(str::to_string);
        shown.private = self.team.is_some() && !row.shared;
        Some(shown)
    }

    /// Every row of the follow-up view, built afresh and shown in full (for tests and exports;
    /// the view itself shows only the rows on screen).
    pub fn follow_ups(&self) -> Vec<FollowUp> {
        let rows = self.build_follow_ups();
        rows.rows
            .iter()
            .filter_map(|row| self.follow_up(&rows, row))
            .collect()
    }

    /// Rows a page moves: half the screen, as `less` does.
    pub fn page(&self) -> usize {
        usize::from(self.size.1 / 2).max(1)
    }
}

/// A flag's status in a store, counting the changes still waiting to be written to it.
fn status_in(store: Option<&Store>, pending: &[Change], target: &str) -> Option<FlagStatus> {
    let mut status = store.and_then(|s| s.flag(target)).map(|f| f.status);
    for change in pending {
        match change {
            Change::Flag { target: t, .. } if t == target => {
                status = status.or(Some(FlagStatus::Open))
            }
            Change::Adopt { flag } if flag.target == target => {
                status = status.or(Some(flag.status))
            }
            Change::Unflag { target: t } if t == target => status = None,
            Change::Done { target: t } if t == target => status = Some(FlagStatus::Done),
            Change::Reopen { target: t } if t == target => status = Some(FlagStatus::Open),
            _ => {}
        }
    }
    status
}

/// Whether a store (with its waiting changes) holds an open flag on the briefing or its items.
fn flagged_in(store: Option<&Store>, pending: &[Change], id: &str) -> bool {
    // The briefing itself, or one of its items (`ID/...`); no string built (once a list row).
    let on = |target: &str| {
        target
            .strip_prefix(id)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    store.is_some_and(|store| {
        use std::ops::Bound;
        store
            .state()
            .flags
            .range::<str, _>((Bound::Included(id), Bound::Unbounded))
            // Every target that starts with the id, which may be another briefing's
            // (`ID-2` sorts between `ID` and `ID/...`): skipped, not the end of the search.
            .take_while(|(t, _)| t.starts_with(id))
            .any(|(t, f)| on(t) && f.status == FlagStatus::Open)
    }) || pending.iter().any(|c| {
        let target = match c {
            Change::Flag { target, .. } => target,
            Change::Adopt { flag } if flag.status == FlagStatus::Open => &flag.target,
            _ => return false,
        };
        on(target)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_items_flag_counts_for_its_briefing_past_a_longer_id_sorted_between() {
        let mut store = Store::open_in_memory();
        let flag = |target: &str| Change::Flag {
            target: target.into(),
            fingerprint: String::new(),
            title: String::new(),
            text: String::new(),
            folder: None,
        };
        // `2024-11-05-tazmir-2` sorts between `2024-11-05-tazmir` and its items.
        store.apply(flag("2024-11-05-tazmir-2")).unwrap();
        store.apply(flag("2024-11-05-tazmir/j1")).unwrap();
        assert!(flagged_in(Some(&store), &[], "2024-11-05-tazmir"));
        assert!(flagged_in(Some(&store), &[], "2024-11-05-tazmir-2"));
        assert!(!flagged_in(Some(&store), &[], "2024-11-05-tazmi"));
        assert!(!flagged_in(Some(&store), &[], "2024-11-05"));
        // A flag waiting to be saved counts the same way.
        let empty = Store::open_in_memory();
        assert!(flagged_in(Some(&empty), &[flag("b/q3")], "b"));
        assert!(!flagged_in(Some(&empty), &[flag("b-2/q3")], "b"));
    }
}
