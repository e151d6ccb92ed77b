//! What each action does to the model. No drawing and no terminal here: tests drive it with
//! actions and look at the model and the store.

mod assign;
pub mod edit;
mod overlays;
mod save;
mod team;
mod text;

use crate::briefing::{self, ItemKind, Target};
use crate::search::{ActorRef, DossierRows, SearchIndex};
use crate::store::{Change, session};

use super::input::LineEditor;
use super::model::{Cursor, FilterBox, Model, NoteEditor, Overlay, Pane, SearchBox};
use crate::keymap::Action;

pub use save::{Journal, retry_pending, save};
use save::{error, save_in, say};
pub use text::edit_input;

pub fn update(model: &mut Model, action: Action) {
    if action == Action::Quit {
        model.quit = true;
        return;
    }
    model.status = None;
    // The user has started reading elsewhere: a load still to come does not move them.
    model.pending_place = None;
    match model.overlay.take() {
        None => reader(model, action),
        Some(overlay) => model.overlay = overlays::action(model, overlay, action),
    }
    complete_selected(model);
    prepare_view(model);
}

/// Gets what the next frame shows ready, so that drawing only reads: the follow-up view's rows,
/// when the flags changed since they were built.
pub fn prepare_view(model: &mut Model) {
    if let Some(Overlay::FollowUp { selected }) = model.overlay {
        overlays::prepare_follow_ups(model, selected);
    }
}

fn reader(model: &mut Model, action: Action) {
    if matches!(
        action,
        Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom
            | Action::NextPane
            | Action::PrevPane
            | Action::Open
            | Action::Back
    ) {
        model.place_chosen = true;
    }
    match action {
        Action::EditFile => edit::request(model),
        Action::Down => move_by(model, 1),
        Action::Up => move_by(model, -1),
        Action::PageDown if model.focus != Pane::List => read_on(model),
        Action::PageUp if model.focus != Pane::List => read_back(model),
        Action::PageDown => move_by(model, model.page() as isize),
        Action::PageUp => move_by(model, -(model.page() as isize)),
        Action::Top => move_by(model, isize::MIN / 2),
        Action::Bottom => move_by(model, isize::MAX / 2),
        Action::NextPane => focus(model, model.focus.next()),
        Action::PrevPane => focus(model, model.focus.prev()),
        Action::Open => open(model),
        Action::Back if model.focus == Pane::List && model.filter.is_some() => {
            model.filter = None;
            refresh_visible(model);
            say(model, "Filter cleared".into());
        }
        Action::Back => focus(model, Pane::List),
        Action::ToggleFlag => {
            if let Some(target) = model.focused_item().map(|i| i.target()) {
                toggle_flag(model, &target);
            }
        }
        Action::EditNote => {
            if let Some(target) = model.focused_item().map(|i| i.target()) {
                model.overlay = Some(note_editor(model, target, None));
            }
        }
        Action::FollowUp => {
            complete_flagged(model);
            model.follow_up_rows.stale = true;
            overlays::prepare_follow_ups(model, 0);
            model.overlay = Some(Overlay::FollowUp { selected: 0 });
        }
        Action::Assign => {
            if let Some(target) = model.focused_item().map(|i| i.target()) {
                model.overlay = assign::open(model, target, None);
            }
        }
        Action::ToggleRead => toggle_read(model),
        Action::Reload => reload(model),
        Action::Problems => model.overlay = Some(Overlay::Problems { scroll: 0 }),
        Action::Help => model.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Search => open_search(model),
        Action::Copy => {
            if let Some(text) = model.focused_item().map(|i| i.citation()) {
                copy(model, text);
            }
        }
        Action::NextMatch => step_match(model, 1),
        Action::PrevMatch => step_match(model, -1),
        Action::Filter => {
            let text = model
                .filter
                .as_ref()
                .map(|f| f.0.clone())
                .unwrap_or_default();
            model.overlay = Some(Overlay::Filter(FilterBox {
                input: LineEditor::new(text),
                before: (model.filter.clone(), model.selected, model.cursor),
                ..FilterBox::default()
            }));
        }
        Action::Quit | Action::ToggleDone | Action::TeamView => {}
    }
}

fn open_search(model: &mut Model) {
    complete_flagged(model);
    index_notes(model);
    // Empty, as in vim and less: Up brings back the last query if that is what is wanted.
    let mut search = SearchBox::default();
    text::run_search(model, &mut search);
    model.overlay = Some(Overlay::Search(search));
}

/// Puts the notes of the user's flags, as they are now, into the search index (building it
/// if the loader did not hand one over). The flagged briefings must be read in full already
/// (`complete_flagged`): a note on an item of a stub has no item to point at.
fn index_notes(model: &mut Model) {
    if model.search_waits() {
        return;
    }
    // The user's notes: private ones, and with a team those in their team file, whose
    // briefings are read in full here (the private ones are by `complete_flagged`).
    let own = model.team.as_ref().and_then(|s| s.own());
    let noted: Vec<String> = own
        .into_iter()
        .flat_map(|o| o.state().flags.values())
        .filter(|f| !f.note.is_empty())
        .map(|f| f.target.split('/').next().unwrap_or(&f.target).to_string())
        .collect();
    for id in noted {
        model.library.complete(&id);
    }
    let own = model.team.as_ref().and_then(|s| s.own());
    // A flag in both stores is the team's: its private copy's note is not searched.
    let notes: Vec<(String, String)> = model
        .store
        .state()
        .flags
        .values()
        .filter(|f| own.is_none_or(|o| o.flag(&f.target).is_none()))
        .chain(own.into_iter().flat_map(|o| o.state().flags.values()))
        .filter(|f| !f.note.is_empty())
        .map(|f| (f.target.clone(), f.note.clone()))
        .collect();
    model.search_index();
    if let Some(index) = model.search_index.as_mut() {
        index.add_notes(
            &model.library,
            notes.iter().map(|(t, n)| (t.as_str(), n.as_str())),
        );
    }
}

/// `n` / `N`: the next or previous match of the last search.
fn step_match(model: &mut Model, delta: isize) {
    let Some(last) = model.last_search.as_mut() else {
        error(model, "No search yet: press / to search".into());
        return;
    };
    let n = last.matches.hits.len();
    if n == 0 {
        let query = last.query.clone();
        error(model, format!("No match for {query}"));
        return;
    }
    last.at = (last.at as isize + delta).rem_euclid(n as isize) as usize;
    let (at, hit) = (last.at, last.matches.hits[last.at]);
    // The item is known only once its briefing is read in full.
    read_in_full(model, hit.briefing);
    let Some(index) = model.search_index.as_ref() else {
        return;
    };
    let (target, field) = (index.target(&model.library, &hit), hit.field);
    jump(model, &target);
    say(model, format!("Match {} of {n} ({field})", at + 1));
}

/// Recomputes which briefings the list shows, keeping the selection when it still shows.
pub fn refresh_visible(model: &mut Model) {
    model.visible = match &model.filter {
        None => (0..model.library.briefings.len()).collect(),
        Some((_, filter)) => {
            // Read marks and flags first (they live in the store); then each briefing in full,
            // read from its file when the list holds only its list fields.
            // Only when the filter asks about them: each costs a look in the store.
            let marks: Vec<(bool, bool)> = if filter.unread.is_some() || filter.flagged {
                model
                    .library
                    .briefings
                    .iter()
                    .map(|b| (model.is_read(b), model.briefing_flagged(b)))
                    .collect()
            } else {
                vec![(false, false); model.library.briefings.len()]
            };
            // What briefings say is answered by the search index when it is this library's;
            // only without one are the files read.
            let indexed = filter.needs_content().then(|| {
                model
                    .search_index
                    .as_ref()
                    .and_then(|index| index.filter(&model.library, filter, |i| marks[i]))
            });
            let keep = if let Some(Some(keep)) = indexed {
                keep
            } else if model.filter_waits(filter) {
                vec![true; model.library.briefings.len()]
            } else if filter.needs_content() {
                model
                    .library
                    .each_full(|i, b| filter.matches(b, marks[i].0, marks[i].1))
            } else {
                // Tags, dates, marking and marks are list fields: the stubs answer.
                let briefings = &model.library.briefings;
                (0..briefings.len())
                    .map(|i| filter.matches(&briefings[i], marks[i].0, marks[i].1))
                    .collect()
            };
            keep.into_iter()
                .enumerate()
                .filter(|(_, keep)| *keep)
                .map(|(i, _)| i)
                .collect()
        }
    };
    if !model.visible.contains(&model.selected)
        && let Some(&first) = model.visible.first()
    {
        model.selected = first;
        model.cursor = Cursor::default();
    }
}

fn focus(model: &mut Model, pane: Pane) {
    model.focus = pane;
    if pane != Pane::List {
        model.detail = pane;
    }
    if !matches!(pane, Pane::List | Pane::Summary) {
        model.side = Some(pane);
    }
}

/// Moves the selection of the focused pane by `delta` items, clamped (or scrolls the summary).
fn move_by(model: &mut Model, delta: isize) {
    let step = |at: usize, len: usize| -> usize {
        if len == 0 {
            return 0;
        }
        (at as isize)
            .saturating_add(delta)
            .clamp(0, len as isize - 1) as usize
    };
    if model.focus == Pane::List {
        // `visible` is in library order: a binary search, not a pass over 100,000 entries.
        let at = model.visible.binary_search(&model.selected).unwrap_or(0);
        let Some(&next) = model.visible.get(step(at, model.visible.len())) else {
            return;
        };
        if next != model.selected {
            model.selected = next;
            model.cursor = Cursor::default();
        }
        return;
    }
    let Some(b) = model.briefing() else { return };
    let (judgments, actors, quotes, events) = (
        b.judgments.len(),
        b.actors.len(),
        b.quotes.len(),
        b.events.len(),
    );
    let max_scroll = model.view.summary_max_scroll;
    let c = &mut model.cursor;
    match model.focus {
        Pane::List => {}
        Pane::Summary => c.summary_scroll = step(c.summary_scroll, max_scroll + 1),
        Pane::Judgments => c.judgment = step(c.judgment, judgments),
        Pane::Actors => c.actor = step(c.actor, actors),
        Pane::Quotes => c.quote = step(c.quote, quotes),
        Pane::Timeline => c.event = step(c.event, events),
    }
}

/// The panes of an opened briefing in reading order.
const READING_ORDER: [Pane; 5] = [
    Pane::Summary,
    Pane::Judgments,
    Pane::Actors,
    Pane::Quotes,
    Pane::Timeline,
];

/// The items in a pane of the briefing (the summary counts as one).
fn items_in(b: &briefing::Briefing, pane: Pane) -> usize {
    match pane {
        Pane::List => 0,
        Pane::Summary => 1,
        Pane::Judgments => b.judgments.len(),
        Pane::Actors => b.actors.len(),
        Pane::Quotes => b.quotes.len(),
        Pane::Timeline => b.events.len(),
    }
}

fn cursor_of(cursor: &mut Cursor, pane: Pane) -> Option<&mut usize> {
    match pane {
        Pane::List => None,
        Pane::Summary => Some(&mut cursor.summary_scroll),
        Pane::Judgments => Some(&mut cursor.judgment),
        Pane::Actors => Some(&mut cursor.actor),
        Pane::Quotes => Some(&mut cursor.quote),
        Pane::Timeline => Some(&mut cursor.event),
    }
}

/// The next (or previous) pane in reading order that has anything in it.
fn neighbour(b: &briefing::Briefing, pane: Pane, forward: bool) -> Option<Pane> {
    let at = READING_ORDER.iter().position(|&p| p == pane)?;
    let mut others: Vec<Pane> = if forward {
        READING_ORDER[at + 1..].to_vec()
    } else {
        READING_ORDER[..at].to_vec()
    };
    if !forward {
        others.reverse();
    }
    others.into_iter().find(|&p| items_in(b, p) > 0)
}

/// `PageDown` / `Space` in an opened briefing: the next screen of the focused pane, and at its
/// end the first of the next pane, so the whole briefing reads from top to bottom without Tab.
/// The reading position is the selected item: `f`, `a` and `y` act on it.
fn read_on(model: &mut Model) {
    let Some(b) = model.briefing() else { return };
    let pane = model.focus;
    let len = items_in(b, pane);
    let next = neighbour(b, pane, true);
    if pane == Pane::Summary {
        let max = model.view.summary_max_scroll;
        let at = model.cursor.summary_scroll.min(max);
        if at < max {
            let page = model.view.summary_height.saturating_sub(1).max(1);
            model.cursor.summary_scroll = (at + page).min(max);
            return;
        }
    } else if len > 0 {
        let selected = cursor_of(&mut model.cursor, pane).map_or(0, |c| *c);
        // The first item not wholly on screen, when the pane was drawn; else a page of items.
        let unseen = match model.view.page_of(pane) {
            Some((first, whole)) => first + whole,
            None => selected + model.page(),
        };
        if unseen < len {
            let to = unseen.max(selected + 1).min(len - 1);
            if let Some(c) = cursor_of(&mut model.cursor, pane) {
                *c = to;
            }
            // The new page starts with it.
            *model.view.list_state(pane).offset_mut() = to;
            return;
        }
    }
    match next {
        Some(next) => {
            focus(model, next);
            if let Some(c) = cursor_of(&mut model.cursor, next) {
                *c = 0;
            }
            *model.view.list_state(next).offset_mut() = 0;
            say(
                model,
                format!("{} ({})", next.title(), reading_place(model, next)),
            );
        }
        None => {
            // The reading position goes to the last item, which is on screen.
            if let Some(c) = cursor_of(&mut model.cursor, pane).filter(|_| pane != Pane::Summary) {
                *c = len.saturating_sub(1);
            }
            say(model, "End of the briefing (PageUp goes back)".into());
        }
    }
}

/// Where a pane is in the briefing, for the status bar as the reading moves into it.
fn reading_place(model: &Model, pane: Pane) -> String {
    let at = READING_ORDER.iter().position(|&p| p == pane).unwrap_or(0) + 1;
    let n = model.briefing().map_or(0, |b| items_in(b, pane));
    let items = match n {
        1 => "1 item".to_string(),
        n => format!("{n} items"),
    };
    format!("part {at} of {}, {items}", READING_ORDER.len())
}

/// `PageUp` in an opened briefing: the screen before, and from the top of a pane the end of
/// the one before it.
fn read_back(model: &mut Model) {
    let Some(b) = model.briefing() else { return };
    let pane = model.focus;
    let previous = neighbour(b, pane, false).map(|p| (p, items_in(b, p).saturating_sub(1)));
    if pane == Pane::Summary {
        let at = model
            .cursor
            .summary_scroll
            .min(model.view.summary_max_scroll);
        let page = model.view.summary_height.saturating_sub(1).max(1);
        model.cursor.summary_scroll = at.saturating_sub(page);
        return;
    }
    let selected = cursor_of(&mut model.cursor, pane).map_or(0, |c| *c);
    let (first, whole) = model.view.page_of(pane).unwrap_or((selected, model.page()));
    if first > 0 || selected > 0 {
        let to = if first > 0 {
            first.saturating_sub(whole.max(1))
        } else {
            0
        };
        if let Some(c) = cursor_of(&mut model.cursor, pane) {
            *c = to;
        }
        *model.view.list_state(pane).offset_mut() = to;
        return;
    }
    let Some((previous, last)) = previous else {
        return;
    };
    focus(model, previous);
    if previous == Pane::Summary {
        // Its end: drawing holds the scroll to what the summary has.
        model.cursor.summary_scroll = usize::MAX / 2;
    } else {
        if let Some(c) = cursor_of(&mut model.cursor, previous) {
            *c = last;
        }
        *model.view.list_state(previous).offset_mut() = last;
    }
}

/// Marks the selected briefing read, as opening it does from anywhere.
fn mark_read(model: &mut Model) {
    let Some(b) = model.briefing() else { return };
    if !model.is_read(b) {
        let id = b.id.clone();
        save(model, Change::Read { briefing: id });
    }
}

fn open(model: &mut Model) {
    match model.focus {
        Pane::List => {
            if model.briefing().is_some() {
                mark_read(model);
                focus(model, model.detail);
            }
        }
        Pane::Summary => {}
        Pane::Actors => {
            let (briefing, actor) = (model.selected, model.cursor.actor);
            if model.briefing().is_some_and(|b| actor < b.actors.len()) {
                let apps = model
                    .actor_index()
                    .appearances(ActorRef { briefing, actor })
                    .to_vec();
                for r in apps {
                    read_in_full(model, r.briefing);
                }
                let actor = ActorRef { briefing, actor };
                build_dossier(model, actor);
                model.overlay = Some(Overlay::Dossier { actor, selected: 0 });
            }
        }
        _ => {
            if let Some(target) = model.focused_item().map(|i| i.target()) {
                model.overlay = Some(Overlay::Item { target, scroll: 0 });
            }
        }
    }
}

pub(super) fn toggle_flag(model: &mut Model, target: &Target) {
    let key = target.to_string();
    let (journal, _) = team::journal_for(model, target);
    if model.flag_status(&key).is_some() {
        if team::unflag(model, journal, &key) {
            say(model, format!("Unflagged {key}"));
        }
    } else if let Some(kept_private) = flag(model, target) {
        let text = match kept_private {
            Some(why) => format!("Flagged; {why} · {key}"),
            None => format!("Flagged {key}  (a: add a note, F: follow-up list)"),
        };
        say(model, text);
    }
}

/// Flags a target that exists in the library, in the store its flag belongs in (see
/// `team::journal_for`). `None` if it could not be saved; else why the flag is kept private
/// when a team would otherwise see it (a TLP:RED briefing), for the status line.
pub(super) fn flag(model: &mut Model, target: &Target) -> Option<Option<&'static str>> {
    let item = model.library.resolve(target)?;
    let change = Change::Flag {
        target: target.to_string(),
        fingerprint: item.fingerprint(),
        title: item.briefing().title.clone(),
        text: item.describe(),
        folder: model.folder.clone(),
    };
    let (journal, red) = team::journal_for(model, target);
    save_in(model, journal, change).then_some(red.then_some(team::KEPT_PRIVATE))
}

pub(super) fn note_editor(model: &Model, target: Target, back: Option<Box<Overlay>>) -> Overlay {
    let text = model.note(&target.to_string());
    Overlay::Note(NoteEditor {
        input: super::input::TextArea::new(text),
        target,
        back,
    })
}

fn toggle_read(model: &mut Model) {
    let Some(b) = model.briefing() else { return };
    let (id, read) = (b.id.clone(), model.is_read(b));
    let change = if read {
        Change::Unread {
            briefing: id.clone(),
        }
    } else {
        Change::Read {
            briefing: id.clone(),
        }
    };
    if save(model, change) {
        say(
            model,
            format!("Marked {id} {}", if read { "unread" } else { "read" }),
        );
    }
}

/// `r`: the loop asks the loader to read the files again; the result arrives as a new library.
pub fn reload(model: &mut Model) {
    model.reload_requested = true;
    say(model, "Reading the briefings again…".into());
    // Others may have changed flags too.
    let _ = model.store.refresh();
}

/// A freshly loaded library (at start, on `r`, or because files changed), with its search
/// index if the loader made one: the user keeps their place, the briefing and the item they
/// were on, whatever moved around them, and an open search shows what the new files hold.
pub fn replace_library(
    model: &mut Model,
    library: briefing::Library,
    search_index: Option<SearchIndex>,
    announce: bool,
) {
    let place = model.focused_item().map(|i| i.target());
    let keep = model.briefing().map(|b| b.id.clone());
    let before = model.library.briefings.len();
    model.library = library;
    model.search_index = search_index;
    model.actor_index = None;
    model.last_search = None;
    // The follow-up rows on screen show items of the new library: read theirs in full again.
    model.follow_up_rows.completed_around = None;
    if let Some(Overlay::Dossier { actor, .. }) = model.overlay {
        build_dossier(model, actor);
    }
    model.selected = keep.and_then(|id| model.library.position(&id)).unwrap_or(
        model
            .selected
            .min(model.library.briefings.len().saturating_sub(1)),
    );
    refresh_visible(model);
    clamp_cursor(model);
    // Back on the item the user was on, if the list still shows its briefing: a filter the
    // user set stays (only a jump the user asks for makes a filter give way).
    if let Some(target) = place
        && model.library.resolve(&target).is_some()
        && model
            .library
            .position(&target.briefing)
            .is_some_and(|i| model.visible.contains(&i))
    {
        place_at(model, &target);
    }
    // The first load of a start may hold the briefing the last session was left on.
    if let Some((target, pane)) = model.pending_place.take()
        && place_at(model, &target)
    {
        focus(model, pane);
        model.place_chosen = true;
    }
    complete_selected(model);
    complete_flagged(model);
    // The results of an open search point into the old library: search the new one.
    if let Some(Overlay::Search(mut search)) =
        model.overlay.take_if(|o| matches!(o, Overlay::Search(_)))
    {
        index_notes(model);
        text::run_search(model, &mut search);
        model.overlay = Some(Overlay::Search(search));
    }
    if let Some((text, _)) = &model.filter {
        let (shown, all) = (model.visible.len(), model.library.briefings.len());
        say(model, format!("{shown} of {all} briefings match {text}"));
    } else if announce {
        let now = model.library.briefings.len();
        let failed = model.library.failed.len();
        let mut text = format!("{now} briefings");
        if now != before {
            text.push_str(&format!(" ({:+})", now as isize - before as isize));
        }
        if failed > 0 {
            text.push_str(&format!("; {failed} files failed to load (E)"));
        }
        say(model, text);
    }
}

/// The briefings the user's flags point into, read in full: the follow-up list shows their
/// items, and an item of a stub would look orphaned.
pub fn complete_flagged(model: &mut Model) {
    let mut ids: Vec<String> = model
        .store
        .state()
        .flags
        .keys()
        .map(|t| t.split('/').next().unwrap_or(t).to_string())
        .collect();
    ids.dedup();
    for id in ids {
        model.library.complete(&id);
    }
}

/// The selected briefing is held as a stub (the list fields only): read its file now, so the
/// panes can show it.
pub fn complete_selected(model: &mut Model) {
    read_in_full(model, model.selected);
    forget_old(model);
}

/// Reads in full the briefing at `index` if it is held as a stub, and queues it to go back to
/// a stub once it is among the oldest read (`forget_old`, which runs when no window shows it).
/// The file is read by the index the caller has, never found again by its id: a look-up by id
/// is a pass over the whole list, which at 100,000 briefings costs more than the read.
pub(super) fn read_in_full(model: &mut Model, index: usize) {
    let Some(stub) = model.library.briefings.get(index).filter(|b| b.is_stub()) else {
        return;
    };
    let stub = std::sync::Arc::clone(stub);
    if let Some(full) = briefing::load_file(&stub.path)
        .briefing
        .filter(|full| full.id == stub.id)
    {
        install(model, index, stub, full);
    }
}

/// Puts `full` in the library at `index` in place of `stub`, and queues it to go back to a
/// stub (`forget_old`). The queue keeps the stub, which holds the list fields only and finds
/// its place again by the list order (a binary search).
fn install(
    model: &mut Model,
    index: usize,
    stub: std::sync::Arc<briefing::Briefing>,
    full: std::sync::Arc<briefing::Briefing>,
) {
    model.library.briefings[index] = full;
    model.read_in_full.push_back(stub);
}

/// The briefings next to the selection in the list (the ones `j` and `k` go to) that are held
/// as stubs: the loop has them read in the background once the frame is out
/// (`tui::events::Events::prepare`), so the next move does not wait for a file.
pub fn neighbours_to_read(model: &Model) -> Vec<std::sync::Arc<briefing::Briefing>> {
    if model.overlay.is_some() || model.focus != Pane::List {
        return Vec::new();
    }
    let Ok(at) = model.visible.binary_search(&model.selected) else {
        return Vec::new();
    };
    [at.checked_sub(1), at.checked_add(1)]
        .into_iter()
        .flatten()
        .filter_map(|i| model.visible.get(i))
        .map(|&i| &model.library.briefings[i])
        .filter(|b| b.is_stub())
        .cloned()
        .collect()
}

/// A briefing read in full in the background for `stub` (see `neighbours_to_read`): put in
/// the library if that exact stub is still there. A library loaded since holds another stub
/// for a file that changed (the loader keeps the stub of a file only while its stamp is
/// unchanged), so text read before a change never replaces what the new load found. False
/// when it was not used.
pub fn prepared(
    model: &mut Model,
    stub: std::sync::Arc<briefing::Briefing>,
    full: std::sync::Arc<briefing::Briefing>,
) -> bool {
    let Some(index) = model.library.position_of(&stub) else {
        return false;
    };
    if !std::sync::Arc::ptr_eq(&model.library.briefings[index], &stub) || full.id != stub.id {
        return false;
    }
    install(model, index, stub, full);
    forget_old(model);
    true
}

/// Briefings read in full as the user moves through the list go back to stubs, oldest first,
/// beyond a few hundred: a long session does not come to hold the whole collection. Not while
/// a window is open (a dossier or search results show briefings besides the selected one),
/// and never the selected briefing or one with a flag.
fn forget_old(model: &mut Model) {
    const KEPT: usize = 256;
    if model.overlay.is_some() {
        return;
    }
    while model.read_in_full.len() > KEPT {
        let Some(stub) = model.read_in_full.pop_front() else {
            break;
        };
        // Found by the list order; gone (another library since) or already a stub: nothing to do.
        let Some(i) = model.library.position_of(&stub) else {
            continue;
        };
        let b = &model.library.briefings[i];
        if b.is_stub() || i == model.selected || model.briefing_flagged(b) {
            continue;
        }
        model.library.briefings[i] = std::sync::Arc::new(b.to_stub());
    }
}

fn clamp_cursor(model: &mut Model) {
    let Some(b) = model.briefing() else {
        model.cursor = Cursor::default();
        return;
    };
    let clamp = |at: usize, len: usize| at.min(len.saturating_sub(1));
    let (j, a, q, e) = (
        b.judgments.len(),
        b.actors.len(),
        b.quotes.len(),
        b.events.len(),
    );
    let c = &mut model.cursor;
    c.judgment = clamp(c.judgment, j);
    c.actor = clamp(c.actor, a);
    c.quote = clamp(c.quote, q);
    c.event = clamp(c.event, e);
}

/// Opens the item a target points at: selects its briefing, focuses its pane, selects it,
/// and marks the briefing read (from search, a dossier, the follow-up view or `--at` alike).
pub fn jump(model: &mut Model, target: &Target) -> bool {
    if !place_at(model, target) {
        return false;
    }
    match &target.item {
        None => focus(model, Pane::Summary),
        Some((kind, _)) => focus(model, Pane::of(*kind)),
    }
    mark_read(model);
    model.place_chosen = true;
    true
}

/// Back where the reader was left (see `store::session`): the briefing, its pane and the item
/// in it. Nothing is marked read: it was when it was opened. While the briefings are still
/// loading, the place waits for them; false if it is gone.
pub fn reopen(model: &mut Model, place: &session::Place) -> bool {
    let (Ok(target), Some(pane)) = (place.target.parse::<Target>(), Pane::from_name(&place.pane))
    else {
        return false;
    };
    if place_at(model, &target) {
        focus(model, pane);
        model.place_chosen = true;
        return true;
    }
    if model.loading.is_some() {
        model.pending_place = Some((target, pane));
    }
    false
}

/// Where the reader is, to reopen there next time: the item at the reading position (or the
/// briefing) and the focused pane. None if the user never moved: the selection is then only
/// where the list happened to start (on a large folder, wherever the first files read put it),
/// and the place of an earlier session is kept.
pub fn place(model: &Model) -> Option<session::Place> {
    if !model.place_chosen {
        return None;
    }
    let target = model.focused_item()?.target();
    Some(session::Place {
        target: target.to_string(),
        pane: model.focus.name().to_string(),
        left: 0,
    })
}

/// Selects the target's briefing and the item in its pane, leaving the focus where it is.
fn place_at(model: &mut Model, target: &Target) -> bool {
    let Some(index) = model.library.position(&target.briefing) else {
        return false;
    };
    let previous = std::mem::replace(&mut model.selected, index);
    complete_selected(model);
    if model.library.resolve(target).is_none() {
        model.selected = previous;
        return false;
    }
    if !model.visible.contains(&index) {
        // The user asked for this item; a filter that hides it gives way.
        model.filter = None;
        refresh_visible(model);
    }
    if previous != index {
        model.cursor = Cursor::default();
    }
    let b = &model.library.briefings[index];
    if let Some((kind, id)) = &target.item {
        let at = match kind {
            ItemKind::Judgment => b.judgments.iter().position(|x| &x.id == id),
            ItemKind::Actor => b.actors.iter().position(|x| &x.id == id),
            ItemKind::Quote => b.quotes.iter().position(|x| &x.id == id),
            ItemKind::Event => b.timeline().iter().position(|x| &x.id == id),
        }
        .unwrap_or(0);
        let c = &mut model.cursor;
        match kind {
            ItemKind::Judgment => c.judgment = at,
            ItemKind::Actor => c.actor = at,
            ItemKind::Quote => c.quote = at,
            ItemKind::Event => c.event = at,
        }
    }
    true
}

/// A mouse click at a cell: focuses the pane there, and in the list selects the briefing.
pub fn click(model: &mut Model, column: u16, row: u16) {
    if model.overlay.is_some() {
        return;
    }
    let hit = model
        .view
        .panes
        .iter()
        .find(|(_, r)| r.contains(ratatui::layout::Position { x: column, y: row }))
        .copied();
    let Some((pane, area)) = hit else { return };
    model.place_chosen = true;
    focus(model, pane);
    if pane == Pane::List && row > area.y {
        let per = model.view.list_rows_per_item.max(1);
        let at = model.view.list_offset + usize::from(row - area.y - 1) / per;
        if let Some(&index) = model.visible.get(at)
            && index != model.selected
        {
            model.selected = index;
            model.cursor = Cursor::default();
            complete_selected(model);
        }
    }
}

/// Puts text on the clipboard (the loop writes it as OSC 52, which travels over SSH to the
/// user's own terminal) and says what was copied.
pub(super) fn copy(model: &mut Model, text: String) {
    let shown = crate::tui::text::truncate(&text, 60);
    model.clipboard = Some(text);
    say(model, format!("Copied: {shown}"));
}

/// The dossier's rows for `actor`, kept in the model while the dossier is open.
pub(crate) fn build_dossier(model: &mut Model, actor: ActorRef) {
    model.actor_index();
    if let Some(index) = model.actor_index.as_ref() {
        model.dossier = DossierRows::build(&model.library, index, actor);
    }
}
