//! The reader's logic, driven by actions: selection, focus, flags, notes, the follow-up view.

use std::path::{Path, PathBuf};

use brief::briefing::{ItemKind, Target, load};
use brief::keymap::Action;
use brief::store::{FlagStatus, Store};
use brief::theme::Theme;
use brief::tui::input::Edit;
use brief::tui::model::{Model, Overlay, Pane};
use brief::tui::update::{edit_input as edit_note, jump, update};

fn shipped() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings")
}

fn model_with(store: Store) -> Model {
    let library = load(&[shipped()]).unwrap();
    Model::new(library, store, shipped(), Theme::COLOR)
}

fn model() -> Model {
    model_with(Store::open_in_memory())
}

fn press(model: &mut Model, actions: &[Action]) {
    for a in actions {
        update(model, *a);
    }
}

const SEED: &str = "2024-09-18-qaani-baghdad";

fn open_seed(model: &mut Model) {
    assert!(jump(model, &Target::briefing(SEED)));
}

#[test]
fn list_moves_clamp_and_reset_item_cursors() {
    let mut m = model();
    let n = m.library.briefings.len();
    press(&mut m, &[Action::Up]);
    assert_eq!(m.selected, 0);
    press(&mut m, &[Action::Bottom]);
    assert_eq!(m.selected, n - 1);
    press(&mut m, &[Action::Down]);
    assert_eq!(m.selected, n - 1);
    press(&mut m, &[Action::Top, Action::Down]);
    assert_eq!(m.selected, 1);
    m.cursor.quote = 3;
    press(&mut m, &[Action::Down]);
    assert_eq!(
        m.cursor.quote, 0,
        "a new briefing starts at its first items"
    );
}

#[test]
fn tab_cycles_every_pane_and_back() {
    let mut m = model();
    let mut seen = vec![m.focus];
    for _ in 0..Pane::ALL.len() {
        press(&mut m, &[Action::NextPane]);
        seen.push(m.focus);
    }
    assert_eq!(&seen[..Pane::ALL.len()], &Pane::ALL);
    assert_eq!(m.focus, Pane::List);
    press(&mut m, &[Action::PrevPane]);
    assert_eq!(m.focus, Pane::Timeline);
    press(&mut m, &[Action::Back]);
    assert_eq!(m.focus, Pane::List);
}

#[test]
fn enter_opens_the_briefing_and_marks_it_read() {
    let mut m = model();
    let id = m.briefing().unwrap().id.clone();
    assert!(!m.store.state().read.contains(&id));
    press(&mut m, &[Action::Open]);
    assert_eq!(m.focus, Pane::Summary);
    assert!(m.store.state().read.contains(&id));
    press(&mut m, &[Action::Back, Action::ToggleRead]);
    assert!(!m.store.state().read.contains(&id));
}

#[test]
fn f_flags_the_focused_item_of_each_kind_and_unflags() {
    let mut m = model();
    open_seed(&mut m);
    let cases = [
        (Pane::List, None),
        (Pane::Judgments, Some(ItemKind::Judgment)),
        (Pane::Actors, Some(ItemKind::Actor)),
        (Pane::Quotes, Some(ItemKind::Quote)),
        (Pane::Timeline, Some(ItemKind::Event)),
    ];
    for (pane, kind) in cases {
        m.focus = pane;
        let target = m.focused_item().unwrap().target();
        assert_eq!(target.item.as_ref().map(|i| i.0), kind);
        press(&mut m, &[Action::ToggleFlag]);
        assert!(m.is_flagged(&target), "{target}");
        let flag = m.store.flag(&target.to_string()).unwrap();
        assert_eq!(flag.status, FlagStatus::Open);
        assert!(!flag.fingerprint.is_empty() && !flag.text.is_empty());
    }
    assert_eq!(m.store.state().flags.len(), 5);
    m.focus = Pane::Quotes;
    press(&mut m, &[Action::ToggleFlag]);
    assert_eq!(m.store.state().flags.len(), 4);
}

#[test]
fn a_writes_a_note_and_flags_the_item_if_needed() {
    let mut m = model();
    open_seed(&mut m);
    m.focus = Pane::Actors;
    press(&mut m, &[Action::Down, Action::EditNote]);
    assert!(matches!(m.overlay, Some(Overlay::Note(_))));
    for c in "check role".chars() {
        edit_note(&mut m, Edit::Insert(c));
    }
    edit_note(&mut m, Edit::Backspace);
    edit_note(&mut m, Edit::Insert('e'));
    edit_note(&mut m, Edit::Insert('\u{1b}'));
    edit_note(&mut m, Edit::Save);
    assert_eq!(m.overlay, None);
    let target = m.focused_item().unwrap().target().to_string();
    let flag = m.store.flag(&target).unwrap();
    assert_eq!(
        flag.note, "check role",
        "control characters never enter a note"
    );
    // Esc cancels without saving.
    press(&mut m, &[Action::EditNote]);
    edit_note(&mut m, Edit::Clear);
    edit_note(&mut m, Edit::Cancel);
    assert_eq!(m.store.flag(&target).unwrap().note, "check role");
}

/// The note editor takes several lines: Enter starts a new one, Up moves to the row above,
/// Ctrl-s (Save) keeps the note with its newlines, on disk; reopened, the text is all there.
#[test]
fn notes_are_edited_on_several_lines_and_kept_with_their_newlines() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = model_with(Store::open(dir.path()).unwrap());
    open_seed(&mut m);
    m.focus = Pane::Quotes;
    press(&mut m, &[Action::EditNote]);
    type_text(&mut m, "ask the desk");
    edit_note(&mut m, Edit::Enter);
    type_text(&mut m, "then Erbil");
    assert!(
        matches!(m.overlay, Some(Overlay::Note(_))),
        "Enter does not close the editor"
    );
    edit_note(&mut m, Edit::Up);
    edit_note(&mut m, Edit::End);
    type_text(&mut m, " office");
    edit_note(&mut m, Edit::Save);
    assert_eq!(m.overlay, None);
    let target = m.focused_item().unwrap().target().to_string();
    assert_eq!(
        m.store.flag(&target).unwrap().note,
        "ask the desk office\nthen Erbil"
    );
    let journal = std::fs::read_to_string(dir.path().join("state.jsonl")).unwrap();
    assert!(
        journal.contains(r#""note":"ask the desk office\nthen Erbil""#),
        "one JSON line, the newline escaped: {journal}"
    );
    press(&mut m, &[Action::EditNote]);
    let Some(Overlay::Note(editor)) = &m.overlay else {
        panic!("note editor")
    };
    assert_eq!(editor.input.text, "ask the desk office\nthen Erbil");
    // A long note wraps in the box: every word of it is drawn, none scrolled off sideways.
    let long = "word ".repeat(40);
    edit_note(&mut m, Edit::Clear);
    type_text(&mut m, &long);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| brief::tui::view::draw(f, &mut m))
        .unwrap();
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert_eq!(screen.matches("word").count(), 40, "{screen}");
    assert!(
        screen.contains("Ctrl-s"),
        "the save key is shown in the box"
    );
}

#[test]
fn follow_up_view_jumps_marks_done_and_removes() {
    let mut m = model();
    open_seed(&mut m);
    m.focus = Pane::Quotes;
    press(&mut m, &[Action::Down, Action::ToggleFlag]);
    let quote = m.focused_item().unwrap().target();
    m.focus = Pane::Timeline;
    press(&mut m, &[Action::Bottom, Action::ToggleFlag]);
    let event = m.focused_item().unwrap().target();

    // Somewhere else entirely, then jump back through the follow-up list.
    press(&mut m, &[Action::Back, Action::Top, Action::FollowUp]);
    assert_eq!(m.overlay, Some(Overlay::FollowUp { selected: 0 }));
    let rows = m.follow_ups();
    let at = |t: &Target| rows.iter().position(|r| r.target == t.to_string()).unwrap();
    let (quote_row, event_row) = (at(&quote), at(&event));
    m.overlay = Some(Overlay::FollowUp {
        selected: quote_row,
    });
    press(&mut m, &[Action::Open]);
    assert_eq!(m.overlay, None);
    assert_eq!(m.focus, Pane::Quotes);
    assert_eq!(m.focused_item().unwrap().target(), quote);

    press(&mut m, &[Action::FollowUp]);
    m.overlay = Some(Overlay::FollowUp {
        selected: event_row,
    });
    press(&mut m, &[Action::ToggleDone]);
    assert_eq!(
        m.store.flag(&event.to_string()).unwrap().status,
        FlagStatus::Done
    );
    press(&mut m, &[Action::ToggleDone]);
    assert_eq!(
        m.store.flag(&event.to_string()).unwrap().status,
        FlagStatus::Open
    );
    press(&mut m, &[Action::ToggleFlag]);
    assert!(m.store.flag(&event.to_string()).is_none());
    press(&mut m, &[Action::Back]);
    assert_eq!(m.overlay, None);
}

#[test]
fn orphaned_flags_stay_and_cannot_be_jumped_to() {
    let mut m = model();
    m.store
        .apply(brief::store::Change::Flag {
            target: format!("{SEED}/quote/gone"),
            fingerprint: "0".into(),
            title: "Old title".into(),
            text: "A quote that was deleted".into(),
            folder: None,
        })
        .unwrap();
    let rows = m.follow_ups();
    assert!(rows[0].orphaned);
    press(&mut m, &[Action::FollowUp, Action::Open]);
    assert!(
        matches!(m.overlay, Some(Overlay::FollowUp { .. })),
        "stays in the list"
    );
    assert!(m.status.as_ref().unwrap().error);
    assert_eq!(m.store.state().flags.len(), 1, "never dropped silently");
}

/// A flag made while reading another folder is neither orphaned nor hidden: the follow-up view
/// says where it was flagged, and Enter says to open that folder instead of calling it gone.
#[test]
fn flags_from_another_folder_say_where_they_were_made() {
    let mut m = model();
    m.store
        .apply(brief::store::Change::Flag {
            target: "elsewhere-briefing/actor/a1".into(),
            fingerprint: "0".into(),
            title: "Kept elsewhere".into(),
            text: "Dana Roe (Envoy)".into(),
            folder: Some("/srv/briefings/archive".into()),
        })
        .unwrap();
    let rows = m.follow_ups();
    assert_eq!(rows.len(), 1);
    assert!(!rows[0].orphaned && !rows[0].loaded && rows[0].elsewhere());
    assert_eq!(
        rows[0].whereabouts().as_deref(),
        Some("not loaded here: flagged in /srv/briefings/archive")
    );
    press(&mut m, &[Action::FollowUp, Action::Open]);
    assert!(matches!(m.overlay, Some(Overlay::FollowUp { .. })));
    let status = m.status.as_ref().unwrap();
    assert!(
        status.text.contains("not loaded here") && status.text.contains("/srv/briefings/archive"),
        "{}",
        status.text
    );
    press(&mut m, &[Action::Back]);

    // A flag made here records this folder, and stays a plain flag.
    open_seed(&mut m);
    press(&mut m, &[Action::ToggleFlag]);
    let here = m.store.flag(SEED).unwrap().folder.clone();
    assert!(here.is_some());
    assert_eq!(here, m.folder);
    let seed = m
        .follow_ups()
        .into_iter()
        .find(|r| r.target == SEED)
        .unwrap();
    assert_eq!(seed.whereabouts(), None);
    assert_eq!(m.store.state().flags.len(), 2, "never dropped silently");
}

#[test]
fn flags_are_on_disk_when_the_action_returns() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = model_with(Store::open(dir.path()).unwrap());
    open_seed(&mut m);
    m.focus = Pane::Quotes;
    press(&mut m, &[Action::ToggleFlag]);
    let target = m.focused_item().unwrap().target().to_string();
    let again = Store::open(dir.path()).unwrap();
    assert!(again.flag(&target).is_some());
}

#[test]
fn a_failed_write_is_kept_shown_and_retried() {
    let dir = tempfile::tempdir().unwrap();
    let blocked = dir.path().join("state");
    // A file where the state folder should be: no user, root included, can write there.
    std::fs::write(&blocked, "").unwrap();
    let mut m = model_with(Store::open(&blocked.join("brief")).unwrap());
    open_seed(&mut m);
    press(&mut m, &[Action::ToggleFlag]);
    // Opening the briefing marked it read, and the flag: both wait.
    assert_eq!(m.pending.len(), 2);
    assert!(m.status.as_ref().unwrap().error);
    assert!(
        m.is_flagged(&Target::briefing(SEED)),
        "shown as flagged while waiting"
    );
    std::fs::remove_file(&blocked).unwrap();
    m.focus = Pane::Actors;
    press(&mut m, &[Action::ToggleFlag]);
    assert!(m.pending.is_empty());
    let again = Store::open(&blocked.join("brief")).unwrap();
    assert!(again.flag(SEED).is_some(), "the waiting flag was written");
    assert_eq!(again.state().flags.len(), 2);
}

#[test]
fn summary_scroll_is_clamped() {
    let mut m = model();
    m.view.summary_max_scroll = 3;
    m.view.summary_height = 10;
    press(&mut m, &[Action::NextPane, Action::PageDown]);
    assert_eq!(m.cursor.summary_scroll, 3);
    press(&mut m, &[Action::Down, Action::Down]);
    assert_eq!(m.cursor.summary_scroll, 3);
    press(&mut m, &[Action::Top]);
    assert_eq!(m.cursor.summary_scroll, 0);
}

#[test]
fn help_and_problems_open_and_close() {
    let mut m = model();
    press(&mut m, &[Action::Help]);
    assert!(matches!(m.overlay, Some(Overlay::Help { .. })));
    press(&mut m, &[Action::Back, Action::Problems]);
    assert!(matches!(m.overlay, Some(Overlay::Problems { .. })));
    press(&mut m, &[Action::Back]);
    assert_eq!(m.overlay, None);
    press(&mut m, &[Action::Quit]);
    assert!(m.quit);
}

#[test]
fn enter_on_an_item_shows_it_whole() {
    let mut m = model();
    open_seed(&mut m);
    m.focus = Pane::Quotes;
    press(&mut m, &[Action::Open]);
    assert!(matches!(m.overlay, Some(Overlay::Item { .. })));
    press(&mut m, &[Action::ToggleFlag, Action::Back]);
    assert_eq!(m.overlay, None);
    assert!(m.is_flagged(&m.focused_item().unwrap().target()));
}

fn type_text(m: &mut Model, text: &str) {
    for c in text.chars() {
        edit_note(m, Edit::Insert(c));
    }
}

#[test]
fn search_as_you_type_jumps_and_n_moves_between_matches() {
    let mut m = model();
    press(&mut m, &[Action::Search]);
    type_text(&mut m, "QĀʾĀNĪ radi");
    let Some(Overlay::Search(search)) = &m.overlay else {
        panic!("search box")
    };
    let total = search.matches.total;
    assert!(total >= 2, "{total}");
    edit_note(&mut m, Edit::Next);
    edit_note(&mut m, Edit::Save);
    assert_eq!(m.overlay, None);
    assert_eq!(m.briefing().unwrap().id, SEED);
    let first = m.focused_item().map(|i| i.target());
    press(&mut m, &[Action::NextMatch]);
    let second = m.focused_item().map(|i| i.target());
    assert_ne!(first, second);
    press(&mut m, &[Action::PrevMatch]);
    assert_eq!(m.focused_item().map(|i| i.target()), first);
    // The box opens empty again; Esc closes it without moving.
    press(&mut m, &[Action::Search]);
    let Some(Overlay::Search(search)) = &m.overlay else {
        panic!("search box")
    };
    assert_eq!(search.input.text, "");
    edit_note(&mut m, Edit::Cancel);
    assert_eq!(m.overlay, None);
    assert_eq!(m.focused_item().map(|i| i.target()), first);
}

fn search_text(m: &Model) -> String {
    match &m.overlay {
        Some(Overlay::Search(search)) => search.input.text.clone(),
        Some(Overlay::Filter(filter)) => filter.input.text.clone(),
        other => panic!("a text box, not {other:?}"),
    }
}

/// The reported case: after a search, `/` and typing `technical agreement` searches for that
/// alone, not for the last query with it appended. Up / Down walk earlier searches newest first, only those starting
/// with what is typed, and come back to the typed text.
#[test]
fn slash_starts_empty_and_up_down_recall_earlier_searches() {
    let mut m = model();
    for query in ["Halvard", "Qaani", "technical"] {
        press(&mut m, &[Action::Search]);
        assert_eq!(search_text(&m), "", "/ starts empty");
        type_text(&mut m, query);
        edit_note(&mut m, Edit::Save);
        press(&mut m, &[Action::Back]);
    }
    press(&mut m, &[Action::Search]);
    type_text(&mut m, "technical agreement");
    assert_eq!(search_text(&m), "technical agreement");
    edit_note(&mut m, Edit::Clear);

    edit_note(&mut m, Edit::Up);
    assert_eq!(search_text(&m), "technical");
    let Some(Overlay::Search(search)) = &m.overlay else {
        panic!("search box")
    };
    assert!(search.matches.total > 0, "a recalled query is searched");
    edit_note(&mut m, Edit::Up);
    assert_eq!(search_text(&m), "Qaani");
    edit_note(&mut m, Edit::Up);
    assert_eq!(search_text(&m), "Halvard");
    edit_note(&mut m, Edit::Up);
    assert_eq!(search_text(&m), "Halvard", "nothing older");
    edit_note(&mut m, Edit::Down);
    assert_eq!(search_text(&m), "Qaani");
    edit_note(&mut m, Edit::Down);
    edit_note(&mut m, Edit::Down);
    assert_eq!(search_text(&m), "", "back to what was typed");

    // Typed text narrows the recall to queries that start with it.
    type_text(&mut m, "Ha");
    edit_note(&mut m, Edit::Up);
    assert_eq!(search_text(&m), "Halvard");
    edit_note(&mut m, Edit::Down);
    assert_eq!(search_text(&m), "Ha");
    // Esc keeps a typed query too, as the newest.
    edit_note(&mut m, Edit::Cancel);
    assert_eq!(
        m.history.entries(brief::store::history::QueryBox::Search),
        ["Halvard", "Qaani", "technical", "Ha"]
    );
}

/// Filters have their own history (only filters that applied), and both are kept across
/// sessions in the state folder.
#[test]
fn query_history_is_kept_across_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = model_with(Store::open(dir.path()).unwrap());
    press(&mut m, &[Action::Filter]);
    type_text(&mut m, "tag:iraq");
    edit_note(&mut m, Edit::Save);
    press(&mut m, &[Action::Filter]);
    edit_note(&mut m, Edit::Clear);
    type_text(&mut m, "tga:bad");
    edit_note(&mut m, Edit::Save);
    edit_note(&mut m, Edit::Cancel);
    press(&mut m, &[Action::Search]);
    type_text(&mut m, "radi");
    edit_note(&mut m, Edit::Save);
    drop(m);

    let mut next = model_with(Store::open(dir.path()).unwrap());
    press(&mut next, &[Action::Search]);
    edit_note(&mut next, Edit::Up);
    assert_eq!(search_text(&next), "radi");
    edit_note(&mut next, Edit::Cancel);
    press(&mut next, &[Action::Filter]);
    edit_note(&mut next, Edit::Clear);
    edit_note(&mut next, Edit::Up);
    assert_eq!(
        search_text(&next),
        "tag:iraq",
        "a filter that failed is not kept"
    );
    edit_note(&mut next, Edit::Up);
    assert_eq!(search_text(&next), "tag:iraq");
}

#[test]
fn search_finds_flag_notes() {
    let mut m = model();
    open_seed(&mut m);
    m.focus = Pane::Quotes;
    press(&mut m, &[Action::EditNote]);
    type_text(&mut m, "ask the Erbil office");
    edit_note(&mut m, Edit::Save);
    press(&mut m, &[Action::Back, Action::Top, Action::Search]);
    type_text(&mut m, "erbil office");
    let Some(Overlay::Search(search)) = &m.overlay else {
        panic!("search box")
    };
    assert_eq!(search.matches.total, 1);
}

#[test]
fn filter_limits_the_list_and_esc_clears_it() {
    let mut m = model();
    let all = m.library.briefings.len();
    press(&mut m, &[Action::Filter]);
    type_text(&mut m, "tga:iraq");
    let Some(Overlay::Filter(filter)) = &m.overlay else {
        panic!("filter box")
    };
    assert!(
        filter
            .error
            .as_ref()
            .unwrap()
            .contains("did you mean `tag:`")
    );
    edit_note(&mut m, Edit::Save);
    assert!(
        matches!(m.overlay, Some(Overlay::Filter(_))),
        "a bad filter is not applied"
    );
    edit_note(&mut m, Edit::Clear);
    type_text(&mut m, "tag:iraq actor:khazali");
    edit_note(&mut m, Edit::Save);
    assert_eq!(m.overlay, None);
    assert_eq!(m.visible.len(), 1);
    assert_eq!(m.briefing().unwrap().id, SEED);
    press(&mut m, &[Action::Down, Action::Up]);
    assert_eq!(
        m.briefing().unwrap().id,
        SEED,
        "moves stay inside the filter"
    );
    press(&mut m, &[Action::Back]);
    assert!(m.filter.is_none());
    assert_eq!(m.visible.len(), all);
}

/// The filter narrows the list as it is typed and may select another briefing, drawn beside
/// the box: it is read in full then, not shown from its list fields (an empty summary).
#[test]
fn a_briefing_the_filter_selects_while_typing_is_read_in_full() {
    let mut m = model();
    let stubs: Vec<_> = m
        .library
        .briefings
        .iter()
        .map(|b| std::sync::Arc::new(b.to_stub()))
        .collect();
    m.library.briefings = stubs;
    press(&mut m, &[Action::Filter]);
    type_text(&mut m, "tag:parliament");
    assert!(
        matches!(m.overlay, Some(Overlay::Filter(_))),
        "still typing"
    );
    assert_eq!(m.visible.len(), 1);
    assert!(!m.library.briefings[m.selected].is_stub());
}

/// In a library too large to read on every keystroke, a filter on what briefings say waits
/// for Enter (filters on list fields still apply as typed).
#[test]
fn a_filter_on_content_waits_for_enter_in_a_large_library() {
    let mut m = model();
    let all = m.library.briefings.len();
    m.live_content_filter_max = 1;
    press(&mut m, &[Action::Filter]);
    type_text(&mut m, "tag:iraq");
    let iraq = m.visible.clone();
    assert!(iraq.len() < all, "list fields still apply as typed");
    type_text(&mut m, " actor:khazali");
    assert_eq!(m.visible, iraq, "a content filter waits");
    assert!(m.status.as_ref().unwrap().text.contains("Enter applies it"));
    edit_note(&mut m, Edit::Save);
    assert_eq!(m.visible.len(), 1, "Enter applies it");
}

/// With the search index in hand, a filter on what briefings say applies as typed at any
/// size, answered from the index: the briefings here are stubs whose files are gone, so any
/// file read would find nothing.
#[test]
fn a_filter_on_content_applies_as_typed_from_the_index_in_a_large_library() {
    let mut m = model();
    let index = brief::search::SearchIndex::build(&m.library);
    for b in &mut m.library.briefings {
        let mut stub = b.to_stub();
        stub.path = std::path::PathBuf::from("/nonexistent").join(&stub.id);
        *b = std::sync::Arc::new(stub);
    }
    m.search_index = Some(index);
    m.live_content_filter_max = 1;
    press(&mut m, &[Action::Filter]);
    type_text(&mut m, "tag:iraq actor:khazali");
    assert!(
        matches!(m.overlay, Some(Overlay::Filter(_))),
        "still typing"
    );
    assert_eq!(m.visible.len(), 1, "applied as typed, from the index");
    edit_note(&mut m, Edit::Clear);
    type_text(&mut m, "qaani");
    assert!(!m.visible.is_empty() && m.visible.len() < m.library.briefings.len());
}

#[test]
fn filter_applies_as_typed_keeps_the_last_good_result_and_esc_restores_the_list() {
    let mut m = model();
    let all = m.library.briefings.len();
    let before = m.selected;
    press(&mut m, &[Action::Filter]);
    type_text(&mut m, "tag:iraq");
    assert!(
        matches!(m.overlay, Some(Overlay::Filter(_))),
        "still typing"
    );
    let iraq = m.visible.clone();
    assert!(
        !iraq.is_empty() && iraq.len() < all,
        "narrowed before Enter"
    );
    type_text(&mut m, " actor:khazali");
    assert_eq!(m.visible.len(), 1, "narrows on each keystroke");
    // A query that does not parse says why and keeps the last list that did.
    edit_note(&mut m, Edit::Clear);
    type_text(&mut m, "tag:iraq");
    edit_note(&mut m, Edit::Home);
    type_text(&mut m, "x");
    let Some(Overlay::Filter(filter)) = &m.overlay else {
        panic!("filter box")
    };
    assert!(filter.error.is_some());
    assert_eq!(m.visible, iraq, "the last good result stays");
    // Esc: the list as it was before the box opened.
    edit_note(&mut m, Edit::Cancel);
    assert_eq!(m.overlay, None);
    assert!(m.filter.is_none());
    assert_eq!(m.visible.len(), all);
    assert_eq!(m.selected, before);
    // Enter keeps what is typed.
    press(&mut m, &[Action::Filter]);
    type_text(&mut m, "tag:iraq");
    edit_note(&mut m, Edit::Save);
    assert_eq!(m.overlay, None);
    assert_eq!(m.visible, iraq);
    assert_eq!(m.filter.as_ref().unwrap().0, "tag:iraq");
}

#[test]
fn filter_by_read_state() {
    let mut m = model();
    press(&mut m, &[Action::Open, Action::Back, Action::Filter]);
    type_text(&mut m, "is:unread");
    edit_note(&mut m, Edit::Save);
    assert_eq!(m.visible.len(), m.library.briefings.len() - 1);
}

#[test]
fn enter_on_an_actor_opens_their_dossier_across_briefings() {
    let mut m = model();
    let (bi, ai) = m
        .library
        .briefings
        .iter()
        .enumerate()
        .find_map(|(bi, b)| {
            b.actors
                .iter()
                .position(|a| a.id == "veloria")
                .map(|ai| (bi, ai))
        })
        .expect("a shared actor in the shipped briefings");
    m.selected = bi;
    m.focus = Pane::Actors;
    m.cursor.actor = ai;
    press(&mut m, &[Action::Open]);
    let Some(Overlay::Dossier { actor, .. }) = m.overlay else {
        panic!("dossier")
    };
    // Built once as it opens and kept in the model; drawing only looks its rows up.
    let index = brief::search::ActorIndex::build(&m.library);
    assert_eq!(
        m.dossier,
        brief::search::DossierRows::build(&m.library, &index, actor)
    );
    assert!(m.dossier.resolve(&m.library).appearances.len() >= 2);
    // The second row is the same actor in another briefing: Enter goes there.
    press(&mut m, &[Action::Down, Action::Open]);
    assert_eq!(m.overlay, None);
    assert_ne!(m.selected, bi);
    assert_eq!(m.focus, Pane::Actors);
    assert_eq!(
        m.focused_item().unwrap().target().item.unwrap().1,
        "veloria"
    );
}

#[test]
fn y_copies_the_focused_item_with_its_source_and_marking() {
    let mut m = model();
    open_seed(&mut m);
    m.focus = Pane::Quotes;
    press(&mut m, &[Action::Copy]);
    let text = m.clipboard.take().expect("something to copy");
    assert!(text.starts_with('\u{201c}'), "{text}");
    assert!(
        text.contains("Rasul Radi") && text.contains("Shafaq News"),
        "{text}"
    );
    assert!(
        text.ends_with(&format!("[{}]", m.focused_item().unwrap().target())),
        "{text}"
    );
    assert!(m.status.as_ref().unwrap().text.starts_with("Copied"));
    // An AMBER briefing's marking travels with what is copied.
    let amber = m
        .library
        .briefings
        .iter()
        .position(|b| b.handling == Some(brief::briefing::Handling::Amber))
        .unwrap();
    m.selected = amber;
    m.focus = Pane::List;
    press(&mut m, &[Action::Copy]);
    assert!(m.clipboard.take().unwrap().starts_with("TLP:AMBER "));
    // In the follow-up list, the flag's target.
    m.focus = Pane::Quotes;
    open_seed(&mut m);
    m.focus = Pane::Quotes;
    press(
        &mut m,
        &[Action::ToggleFlag, Action::FollowUp, Action::Copy],
    );
    assert_eq!(m.clipboard.take().unwrap(), m.follow_ups()[0].target);
}

#[test]
fn a_first_load_fills_the_list_as_it_reads() {
    use brief::tui::app::news;
    use brief::tui::events::Event;
    let full = load(&[shipped()]).unwrap();
    let mut m = Model::new(
        Default::default(),
        Store::open_in_memory(),
        shipped(),
        Theme::COLOR,
    );
    let shipped_count = full.briefings.len();
    m.loading = Some((0, shipped_count));
    // What the loader streams: stubs, the list fields only.
    let stubs: Vec<std::sync::Arc<brief::briefing::Briefing>> = full
        .briefings
        .iter()
        .map(|b| std::sync::Arc::new(b.to_stub()))
        .collect();
    let mut batches = stubs.chunks(3);
    news(&mut m, Event::Partial(batches.next().unwrap().to_vec()));
    assert_eq!(m.library.briefings.len(), 3);
    assert_eq!(m.visible.len(), 3);
    // The selected briefing is read in full at once, so its panes can show.
    assert!(!m.briefing().unwrap().is_stub());
    let selected = m.briefing().unwrap().id.clone();
    for batch in batches {
        news(&mut m, Event::Partial(batch.to_vec()));
    }
    assert_eq!(
        m.briefing().unwrap().id,
        selected,
        "the selection stays put"
    );
    let index = brief::search::SearchIndex::build(&full);
    news(&mut m, Event::Loaded(Ok((full, index))));
    assert_eq!(m.library.briefings.len(), shipped_count);
    assert_eq!(m.loading, None);
    assert_eq!(m.briefing().unwrap().id, selected);
}

/// The loader folds each file's text for search as it reads it, so the first `/` finds the
/// index ready; after a file changes, the index it hands over knows the new text.
#[test]
fn the_loader_hands_over_a_search_index_that_follows_the_files() {
    use brief::tui::events::{Event, Events, ListCache};
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(shipped()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    let events = Events::start(
        brief::briefing::Loader::lean(vec![dir.path().into()]),
        ListCache::Off,
    );
    events.started(true);
    let next_load = || loop {
        match events.next(std::time::Duration::from_secs(30)) {
            Some(Event::Loaded(loaded)) => return loaded.unwrap(),
            Some(_) => continue,
            None => panic!("no load within 30 s"),
        }
    };
    let (library, index) = next_load();
    assert!(library.briefings.iter().all(|b| b.is_stub()));
    assert_eq!(index.len(), library.briefings.len());
    // The same matches as an index built by reading every file again.
    let rebuilt = brief::search::SearchIndex::build(&library);
    for query in ["qaani radi", "baghdad", "veloria", "a", "zzzq"] {
        assert_eq!(
            index.search(query, 1000),
            rebuilt.search(query, 1000),
            "{query}"
        );
    }
    assert_eq!(
        index.search("qaani", 1000).total,
        rebuilt.search("qaani", 1000).total
    );
    // A briefing rewritten on disk: the next index has its new text, and only it was read.
    let file = dir.path().join("2025-03-02-veloria-port-strike.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains("Quillfeather"));
    std::fs::write(
        &file,
        text.replacen("title = \"", "title = \"Quillfeather: ", 1),
    )
    .unwrap();
    events.reload();
    let (library, index) = loop {
        let (library, index) = next_load();
        if index.search("quillfeather", 10).total > 0 {
            break (library, index);
        }
    };
    let hit = index.search("quillfeather", 10).hits[0];
    assert_eq!(hit.field, brief::search::Field::Title);
    assert!(
        library.briefings[hit.briefing]
            .title
            .starts_with("Quillfeather")
    );
}

/// While the first load runs, `/` opens the box and takes the query (a `q` typed into it is
/// text, not quit); the results come with the library and its index.
#[test]
fn search_typed_while_loading_shows_results_when_the_load_is_done() {
    use brief::tui::app::news;
    use brief::tui::events::Event;
    let mut m = Model::new(
        Default::default(),
        Store::open_in_memory(),
        shipped(),
        Theme::COLOR,
    );
    m.loading = Some((3, 7));
    press(&mut m, &[Action::Search]);
    type_text(&mut m, "qaani");
    assert!(!m.quit);
    let Some(Overlay::Search(search)) = &m.overlay else {
        panic!("the search box opens while loading")
    };
    assert_eq!(search.matches.total, 0);
    assert!(m.search_index.is_none(), "nothing read for it meanwhile");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| brief::tui::view::draw(f, &mut m))
        .unwrap();
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(
        screen.contains("reading the briefings (3 of 7)"),
        "{screen}"
    );
    let full = load(&[shipped()]).unwrap();
    let index = brief::search::SearchIndex::build(&full);
    news(&mut m, Event::Loaded(Ok((full, index))));
    let Some(Overlay::Search(search)) = &m.overlay else {
        panic!("still open")
    };
    assert!(search.matches.total > 0);
    assert_eq!(search.input.text, "qaani");
}

/// The filter too takes its query while the first load runs: one on list fields applies at
/// once, one that looks inside briefings when the load is done.
#[test]
fn a_filter_typed_while_loading_applies_when_it_can() {
    use brief::tui::app::news;
    use brief::tui::events::Event;
    let full = load(&[shipped()]).unwrap();
    let stubs = full
        .briefings
        .iter()
        .map(|b| std::sync::Arc::new(b.to_stub()))
        .collect();
    let mut m = Model::new(
        Default::default(),
        Store::open_in_memory(),
        shipped(),
        Theme::COLOR,
    );
    let shipped_count = full.briefings.len();
    m.loading = Some((shipped_count, shipped_count));
    news(&mut m, Event::Partial(stubs));
    press(&mut m, &[Action::Filter]);
    type_text(&mut m, "actor:khazali");
    edit_note(&mut m, Edit::Save);
    assert!(!m.quit);
    assert_eq!(m.visible.len(), shipped_count, "waits for the load");
    assert!(
        m.status
            .as_ref()
            .unwrap()
            .text
            .contains("when they are all read")
    );
    let index = brief::search::SearchIndex::build(&full);
    news(&mut m, Event::Loaded(Ok((full, index))));
    assert_eq!(m.visible.len(), 1);
    assert!(
        m.status
            .as_ref()
            .unwrap()
            .text
            .starts_with(&format!("1 of {shipped_count} briefings match"))
    );
    assert!(m.filter.is_some(), "the filter stays");
}

/// New files arrive while the search box is open: its results are worked out again against
/// the new library, never left pointing into the old one.
#[test]
fn an_open_search_follows_a_new_library() {
    let mut m = model();
    press(&mut m, &[Action::Search]);
    type_text(&mut m, "qaani");
    let before = match &m.overlay {
        Some(Overlay::Search(search)) => search.matches.total,
        _ => panic!("search box"),
    };
    assert!(before > 0);
    // The files now hold only the briefings without Qaani.
    let mut fewer = load(&[shipped()]).unwrap();
    fewer.briefings.retain(|b| b.id != SEED);
    let index = brief::search::SearchIndex::build(&fewer);
    brief::tui::update::replace_library(&mut m, fewer, Some(index), true);
    let Some(Overlay::Search(search)) = &m.overlay else {
        panic!("the search box stays open")
    };
    assert!(search.matches.total < before);
    assert!(
        search
            .matches
            .hits
            .iter()
            .all(|h| h.briefing < m.library.briefings.len())
    );
    // Any other window stays as it was.
    edit_note(&mut m, Edit::Cancel);
    press(&mut m, &[Action::Help]);
    let same = load(&[shipped()]).unwrap();
    brief::tui::update::replace_library(&mut m, same, None, true);
    assert!(
        matches!(m.overlay, Some(Overlay::Help { .. })),
        "{:?}",
        m.overlay
    );
    press(&mut m, &[Action::Back, Action::Search]);
    type_text(&mut m, "qaani");
    // Drawing it does not look outside the library.
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| brief::tui::view::draw(f, &mut m))
        .unwrap();
}

/// The reader holds stubs (list fields only) and reads a briefing in full when it needs it:
/// everything that looks inside briefings still works on such a library.
#[test]
fn a_library_of_stubs_reads_briefings_in_full_when_needed() {
    let lean = || {
        brief::briefing::Loader::lean(vec![shipped()])
            .load(&|_, _| {})
            .unwrap()
    };
    let mut m = Model::new(lean(), Store::open_in_memory(), shipped(), Theme::COLOR);
    assert!(m.library.briefings.iter().all(|b| b.is_stub()));
    // Jumping to an item reads its briefing.
    assert!(jump(
        &mut m,
        &Target::item(SEED, ItemKind::Quote, "radi-private-meetings")
    ));
    press(&mut m, &[Action::ToggleFlag]);
    // A new load (files changed on disk) brings stubs again; the flag is not orphaned.
    brief::tui::update::replace_library(&mut m, lean(), None, false);
    press(&mut m, &[Action::Back, Action::Top, Action::FollowUp]);
    let rows = m.follow_ups();
    assert_eq!(rows.len(), 1);
    assert!(!rows[0].orphaned, "{rows:?}");
    press(&mut m, &[Action::Back]);
    // Search reads every briefing for its index, and the results' briefings for their text.
    press(&mut m, &[Action::Search]);
    type_text(&mut m, "private meetings");
    let Some(Overlay::Search(search)) = &m.overlay else {
        panic!("search box")
    };
    assert!(search.matches.total >= 1);
    edit_note(&mut m, Edit::Save);
    assert_eq!(m.briefing().unwrap().id, SEED);
    // The filter looks at actors and summaries too.
    press(&mut m, &[Action::Filter]);
    type_text(&mut m, "actor:khazali");
    edit_note(&mut m, Edit::Save);
    assert_eq!(m.visible.len(), 1);
    press(&mut m, &[Action::Back, Action::Back]);
    assert!(m.filter.is_none());
    // The dossier of an actor shared across briefings.
    let (bi, ai) = m
        .library
        .briefings
        .iter()
        .position(|b| b.id.contains("veloria"))
        .map(|bi| (bi, 0))
        .unwrap();
    m.selected = bi;
    brief::tui::update::complete_selected(&mut m);
    let ai = m.library.briefings[bi]
        .actors
        .iter()
        .position(|a| a.id == "veloria")
        .unwrap_or(ai);
    m.focus = Pane::Actors;
    m.cursor.actor = ai;
    press(&mut m, &[Action::Open]);
    assert!(matches!(m.overlay, Some(Overlay::Dossier { .. })));
    press(&mut m, &[Action::Down, Action::Open]);
    assert_ne!(m.selected, bi, "went to the other briefing");
}

#[test]
fn briefings_read_on_the_way_go_back_to_stubs() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        std::fs::write(
            dir.path().join(format!("b{i:03}.toml")),
            format!("title = \"B {i}\"\ndate = 2024-01-01\nsummary = \"S {i}\"\n"),
        )
        .unwrap();
    }
    let path = dir.path().to_path_buf();
    let lean = brief::briefing::Loader::lean(vec![path.clone()])
        .load(&|_, _| {})
        .unwrap();
    let mut m = Model::new(lean, Store::open_in_memory(), path, Theme::COLOR);
    brief::tui::update::complete_selected(&mut m);
    for _ in 0..299 {
        press(&mut m, &[Action::Down]);
    }
    assert!(m.read_in_full.len() <= 256, "{}", m.read_in_full.len());
    let full = m.library.briefings.iter().filter(|b| !b.is_stub()).count();
    assert!(full <= 257, "{full} held in full");
    assert!(
        m.library.briefings[0].is_stub(),
        "the first one went back to a stub"
    );
    assert!(!m.briefing().unwrap().is_stub(), "never the selected one");
    // Going back reads it again.
    press(&mut m, &[Action::Top]);
    assert!(!m.briefing().unwrap().is_stub());
}

/// A search over stubs reads in full only the briefings of the results that can be on screen,
/// queues them to go back to stubs like any other, and `n` still lands on the matching item.
#[test]
fn search_reads_only_the_results_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        std::fs::write(
            dir.path().join(format!("b{i:03}.toml")),
            format!(
                "title = \"B {i}\"\ndate = 2024-01-01\nsummary = \"S {i}\"\n\n\
                 [[judgments]]\ntext = \"Wharf closure likely, case {i}\"\nlikelihood = \"likely\"\n"
            ),
        )
        .unwrap();
    }
    let path = dir.path().to_path_buf();
    let lean = brief::briefing::Loader::lean(vec![path.clone()])
        .load(&|_, _| {})
        .unwrap();
    let mut m = Model::new(lean, Store::open_in_memory(), path, Theme::COLOR);
    m.size = (80, 24);
    press(&mut m, &[Action::Search]);
    type_text(&mut m, "wharf closure");
    let Some(Overlay::Search(search)) = &m.overlay else {
        panic!("search box")
    };
    assert_eq!(search.matches.total, 300);
    let full = m.library.briefings.iter().filter(|b| !b.is_stub()).count();
    assert!(
        (1..=25).contains(&full),
        "{full} briefings read for a 24-row screen"
    );
    assert!(
        m.read_in_full.len() >= full - 1,
        "queued to go back to stubs"
    );
    // Moving down the results reads the ones coming into view.
    for _ in 0..40 {
        edit_note(&mut m, Edit::Next);
    }
    let Some(Overlay::Search(search)) = &m.overlay else {
        panic!("search box")
    };
    let at = search.matches.hits[search.selected].briefing;
    assert!(!m.library.briefings[at].is_stub());
    edit_note(&mut m, Edit::Save);
    assert_eq!(m.overlay, None);
    // `n` far down the list: the briefing is read, and the jump is to the judgment itself.
    press(&mut m, &[Action::Back]);
    for _ in 0..150 {
        press(&mut m, &[Action::NextMatch]);
    }
    assert_eq!(
        m.focus,
        Pane::Judgments,
        "on the item, not just its briefing"
    );
    assert!(!m.briefing().unwrap().is_stub());
}

// ------------------------------------------------------------- reading from top to bottom

/// Draws the model at a size, as the loop does between keys: paging reads what is on screen.
fn draw_at(m: &mut Model, width: u16, height: u16) {
    use ratatui::{Terminal, backend::TestBackend};
    m.size = (width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| brief::tui::view::draw(f, m)).unwrap();
}

/// Presses a key and draws the screen after it.
fn press_drawn(m: &mut Model, action: Action, (w, h): (u16, u16)) {
    update(m, action);
    draw_at(m, w, h);
}

/// The panes passed through, in order, pressing `action` from an opened briefing until it
/// stops moving.
fn read_through(m: &mut Model, action: Action, size: (u16, u16)) -> Vec<Pane> {
    let mut seen = vec![m.focus];
    for _ in 0..200 {
        let before = (m.focus, m.cursor);
        press_drawn(m, action, size);
        if *seen.last().unwrap() != m.focus {
            seen.push(m.focus);
        }
        if (m.focus, m.cursor) == before {
            break;
        }
    }
    seen
}

#[test]
fn page_down_reads_the_whole_briefing_and_page_up_goes_back() {
    let every_pane = [
        Pane::Summary,
        Pane::Judgments,
        Pane::Actors,
        Pane::Quotes,
        Pane::Timeline,
    ];
    for size in [(80, 24), (100, 30), (120, 40), (200, 60)] {
        let mut m = model();
        open_seed(&mut m);
        draw_at(&mut m, size.0, size.1);
        let down = read_through(&mut m, Action::PageDown, size);
        assert_eq!(down, every_pane, "{size:?}");
        // At the end: the last event, and the status says so.
        let b = m.briefing().unwrap();
        assert_eq!(m.cursor.event, b.events.len() - 1, "{size:?}");
        assert!(
            m.status
                .as_ref()
                .unwrap()
                .text
                .contains("End of the briefing")
        );
        let mut up = read_through(&mut m, Action::PageUp, size);
        up.reverse();
        assert_eq!(up, every_pane, "{size:?}");
        assert_eq!(m.cursor.summary_scroll.min(m.view.summary_max_scroll), 0);
    }
}

#[test]
fn page_down_steps_through_a_long_pane_a_screen_at_a_time() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/crowded");
    let library = load(std::slice::from_ref(&dir)).unwrap();
    let mut m = Model::new(library, Store::open_in_memory(), dir, Theme::COLOR);
    press(&mut m, &[Action::Open]);
    m.focus = Pane::Actors;
    draw_at(&mut m, 80, 24);
    let mut stops = vec![m.cursor.actor];
    while m.focus == Pane::Actors {
        press_drawn(&mut m, Action::PageDown, (80, 24));
        if m.focus == Pane::Actors {
            stops.push(m.cursor.actor);
        }
    }
    // Forty actors in pages of more than five, each page starting after the last one seen.
    assert!(stops.len() >= 3 && stops.len() <= 8, "{stops:?}");
    assert!(stops.windows(2).all(|w| w[1] - w[0] >= 5), "{stops:?}");
    assert_eq!(m.focus, Pane::Quotes);
}

#[test]
fn space_pages_down_as_page_down_does() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let m = model();
    let space = KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE);
    assert_eq!(m.keymap.action(&space, false), Some(Action::PageDown));
}

#[test]
fn f_a_and_y_act_on_the_item_at_the_reading_position() {
    let mut m = model();
    open_seed(&mut m);
    draw_at(&mut m, 80, 24);
    while m.focus != Pane::Quotes {
        press_drawn(&mut m, Action::PageDown, (80, 24));
    }
    let b = m.briefing().unwrap();
    let quote = Target::item(SEED, ItemKind::Quote, &b.quotes[m.cursor.quote].id);
    press(&mut m, &[Action::ToggleFlag]);
    assert!(m.is_flagged(&quote), "{quote}");
    press(&mut m, &[Action::Copy]);
    assert!(m.clipboard.take().unwrap().contains("Rasul Radi"));
    press(&mut m, &[Action::EditNote]);
    let Some(Overlay::Note(editor)) = &m.overlay else {
        panic!("note editor")
    };
    assert_eq!(editor.target, quote);
}

// ------------------------------------------------------------- marked read from anywhere

fn unread_model() -> Model {
    let m = model();
    assert!(m.store.state().read.is_empty());
    m
}

fn is_read(m: &Model, id: &str) -> bool {
    m.store.state().read.contains(id)
}

#[test]
fn a_briefing_opened_from_search_is_marked_read() {
    let mut m = unread_model();
    press(&mut m, &[Action::Search]);
    type_text(&mut m, "Khazali");
    let Some(Overlay::Search(search)) = &m.overlay else {
        panic!("search box")
    };
    assert!(search.matches.total >= 1);
    edit_note(&mut m, Edit::Save);
    assert_eq!(m.overlay, None);
    let id = m.briefing().unwrap().id.clone();
    assert!(is_read(&m, &id), "{id}");
}

#[test]
fn a_briefing_opened_from_a_dossier_is_marked_read() {
    let mut m = unread_model();
    let (bi, ai) = m
        .library
        .briefings
        .iter()
        .enumerate()
        .find_map(|(bi, b)| {
            b.actors
                .iter()
                .position(|a| a.id == "veloria")
                .map(|ai| (bi, ai))
        })
        .unwrap();
    m.selected = bi;
    m.focus = Pane::Actors;
    m.cursor.actor = ai;
    press(&mut m, &[Action::Open, Action::Down, Action::Open]);
    assert_ne!(m.selected, bi);
    let id = m.briefing().unwrap().id.clone();
    assert!(is_read(&m, &id), "{id}");
}

#[test]
fn a_briefing_opened_from_the_follow_up_view_is_marked_read() {
    let mut m = unread_model();
    open_seed(&mut m);
    m.focus = Pane::Quotes;
    press(
        &mut m,
        &[Action::ToggleFlag, Action::Back, Action::ToggleRead],
    );
    assert!(!is_read(&m, SEED));
    press(&mut m, &[Action::Bottom, Action::FollowUp, Action::Open]);
    assert_eq!(m.briefing().unwrap().id, SEED);
    assert!(is_read(&m, SEED));
}

#[test]
fn jump_which_brief_at_uses_marks_the_briefing_read() {
    // `brief --at TARGET` opens the reader with `update::jump` to the target.
    let mut m = unread_model();
    let target: Target = format!("{SEED}/quote/radi-private-meetings")
        .parse()
        .unwrap();
    assert!(jump(&mut m, &target));
    assert!(is_read(&m, SEED));
}

// ------------------------------------------------------------- reopening where it was left

#[test]
fn the_reader_reopens_on_the_briefing_and_pane_where_it_was_left() {
    use brief::store::session;
    use brief::tui::update::{place, reopen};
    let state = tempfile::tempdir().unwrap();
    let mut m = model();
    open_seed(&mut m);
    m.focus = Pane::Quotes;
    press(&mut m, &[Action::Down]);
    let left = m.focused_item().unwrap().target();
    session::save(state.path(), &shipped(), place(&m).unwrap()).unwrap();

    // A new start on the same folder.
    let mut m = model();
    let at = session::load(state.path(), &shipped()).unwrap().unwrap();
    assert!(reopen(&mut m, &at));
    assert_eq!(m.focus, Pane::Quotes);
    assert_eq!(m.focused_item().unwrap().target(), left);
    // Another folder has no place of its own.
    assert_eq!(session::load(state.path(), state.path()).unwrap(), None);
}

#[test]
fn a_place_in_briefings_still_loading_is_reopened_when_they_arrive() {
    use brief::store::session;
    use brief::tui::update::{reopen, replace_library};
    let place = session::Place {
        target: format!("{SEED}/actor/hadi-al-amiri"),
        pane: "actors".into(),
        left: 0,
    };
    let mut m = Model::new(
        Default::default(),
        Store::open_in_memory(),
        shipped(),
        Theme::COLOR,
    );
    m.loading = Some((0, 0));
    assert!(!reopen(&mut m, &place));
    replace_library(&mut m, load(&[shipped()]).unwrap(), None, false);
    assert_eq!(m.focus, Pane::Actors);
    assert_eq!(m.focused_item().unwrap().target().to_string(), place.target);

    // A key pressed before the load means the user went elsewhere: the load leaves them there.
    let mut m = Model::new(
        Default::default(),
        Store::open_in_memory(),
        shipped(),
        Theme::COLOR,
    );
    m.loading = Some((0, 0));
    reopen(&mut m, &place);
    press(&mut m, &[Action::Help]);
    replace_library(&mut m, load(&[shipped()]).unwrap(), None, false);
    assert_eq!(m.focus, Pane::List);
}

#[test]
fn no_place_is_remembered_until_the_user_moves() {
    use brief::tui::update::place;
    // Where the list happens to start (on a large folder, wherever the first files read put
    // the selection) is not a place the user chose; an earlier session's place is kept.
    let mut m = model();
    press(&mut m, &[Action::Help, Action::Back]);
    assert_eq!(place(&m), None);
    press(&mut m, &[Action::Down]);
    let at = place(&m).unwrap();
    assert_eq!(at.pane, "list");
    assert_eq!(at.target, m.briefing().unwrap().id);
}

/// Three briefings, newest first b0, b1, b2, each summary saying `what` and its number.
fn three_briefings(dir: &Path, what: &str) {
    for i in 0..3 {
        std::fs::write(
            dir.join(format!("b{i}.toml")),
            format!(
                "title = \"B {i}\"\ndate = 2024-01-0{}\nsummary = \"{what} {i}\"\n",
                3 - i
            ),
        )
        .unwrap();
    }
}

/// With the frame out, the briefings next to the selection are read in the background; the
/// one a move then goes to is the briefing read ahead, not the file read again, and taking it
/// in draws no frame.
#[test]
fn the_briefings_next_to_the_selection_are_read_ahead_and_used() {
    use brief::tui::app::news;
    use brief::tui::events::{Event, Events, ListCache};
    use brief::tui::update::neighbours_to_read;
    let dir = tempfile::tempdir().unwrap();
    three_briefings(dir.path(), "first");
    let path = dir.path().to_path_buf();
    let lean = brief::briefing::Loader::lean(vec![path.clone()])
        .load(&|_, _| {})
        .unwrap();
    let mut m = Model::new(lean, Store::open_in_memory(), path.clone(), Theme::COLOR);
    brief::tui::update::complete_selected(&mut m);
    press(&mut m, &[Action::Down]);
    assert_eq!(m.briefing().unwrap().id, "b1");
    let ahead = neighbours_to_read(&m);
    let ids: Vec<&str> = ahead.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(
        ids,
        ["b2"],
        "b0 was read when it was selected; b2 was not yet"
    );
    let events = Events::start(brief::briefing::Loader::lean(vec![path]), ListCache::Off);
    events.prepare(ahead);
    let prepared = loop {
        match events.next(std::time::Duration::from_secs(10)) {
            Some(event @ Event::Prepared { .. }) => break event,
            Some(_) => continue,
            None => panic!("the briefing read ahead never came"),
        }
    };
    assert!(!news(&mut m, prepared), "nothing on screen changed");
    let read_ahead = m.library.briefings[2].clone();
    assert!(!read_ahead.is_stub());
    assert!(neighbours_to_read(&m).is_empty());
    press(&mut m, &[Action::Down]);
    assert!(std::sync::Arc::ptr_eq(
        &m.library.briefings[m.selected],
        &read_ahead
    ));
    assert_eq!(m.briefing().unwrap().summary, "first 2");
}

/// Text read ahead before its file changed never replaces what the load after the change
/// found: live reload shows the new text.
#[test]
fn a_briefing_read_ahead_before_its_file_changed_is_not_shown() {
    use brief::tui::app::news;
    use brief::tui::events::Event;
    use brief::tui::update::neighbours_to_read;
    let dir = tempfile::tempdir().unwrap();
    three_briefings(dir.path(), "first");
    let path = dir.path().to_path_buf();
    let mut loader = brief::briefing::Loader::lean(vec![path.clone()]);
    let lean = loader.load(&|_, _| {}).unwrap();
    let mut m = Model::new(lean, Store::open_in_memory(), path, Theme::COLOR);
    brief::tui::update::complete_selected(&mut m);
    // Read ahead (as the thread does), but not yet taken in by the loop...
    let stub = neighbours_to_read(&m).pop().unwrap();
    assert_eq!(stub.id, "b1");
    let old = brief::briefing::load_file(&stub.path).briefing.unwrap();
    // ...when the file changes and the loader hands over the library it read since.
    std::fs::write(
        &stub.path,
        "title = \"B 1\"\ndate = 2024-01-02\nsummary = \"second, longer 1\"\n",
    )
    .unwrap();
    let reloaded = loader.load(&|_, _| {}).unwrap();
    let index = brief::search::SearchIndex::build(&reloaded);
    news(&mut m, Event::Loaded(Ok((reloaded, index))));
    news(&mut m, Event::Prepared { stub, full: old });
    assert!(
        m.library.briefings[1].is_stub(),
        "the old text was not put in"
    );
    press(&mut m, &[Action::Down]);
    assert_eq!(m.briefing().unwrap().summary, "second, longer 1");
    // A briefing read ahead of an unchanged file is still taken after the reload.
    let stub = neighbours_to_read(&m)
        .into_iter()
        .find(|b| b.id == "b2")
        .unwrap();
    let full = brief::briefing::load_file(&stub.path).briefing.unwrap();
    news(&mut m, Event::Prepared { stub, full });
    assert_eq!(m.library.briefings[2].summary, "first 2");
}

/// A first start shows its first rows from the first files found, before the whole folder is
/// listed, then streams the rest: once the load is over, every briefing was streamed once,
/// and the library handed over holds the very stubs the list was given.
#[test]
fn a_first_start_streams_each_briefing_once_and_the_library_holds_the_same_stubs() {
    use brief::tui::events::{Event, Events, ListCache};
    use std::collections::HashMap;
    let dir = tempfile::tempdir().unwrap();
    for i in 0..700 {
        let folder = dir.path().join(format!("d{}", i / 100));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join(format!("b{i:04}.toml")),
            format!(
                "id = \"b{i:04}\"\ntitle = \"T {i}\"\ndate = 2024-01-{:02}\nsummary = \"S {i}\"\n",
                1 + i % 28
            ),
        )
        .unwrap();
    }
    let events = Events::start(
        brief::briefing::Loader::lean(vec![dir.path().into()]),
        ListCache::Off,
    );
    events.started(true);
    let mut batches = Vec::new();
    let (library, index) = loop {
        match events.next(std::time::Duration::from_secs(60)) {
            Some(Event::Partial(batch)) => batches.push(batch),
            Some(Event::Loaded(loaded)) => break loaded.unwrap(),
            Some(_) => continue,
            None => panic!("no load within 60 s"),
        }
    };
    let first = batches.first().expect("rows streamed").len();
    assert!(
        first > 0 && first <= brief::briefing::cache::PAGE,
        "{first}"
    );
    let streamed: Vec<_> = batches.into_iter().flatten().collect();
    assert_eq!(library.briefings.len(), 700);
    assert_eq!(streamed.len(), 700, "each briefing streamed once");
    let held: HashMap<&str, &std::sync::Arc<brief::briefing::Briefing>> = library
        .briefings
        .iter()
        .map(|b| (b.id.as_str(), b))
        .collect();
    for stub in &streamed {
        assert!(
            std::sync::Arc::ptr_eq(stub, held[stub.id.as_str()]),
            "{} streamed as a copy",
            stub.id
        );
    }
    // The texts folded for the first rows are the index's, as if every file were read again.
    let rebuilt = brief::search::SearchIndex::build(&library);
    for query in ["t 1", "s 69", "t", "zzz"] {
        assert_eq!(
            index.search(query, 10_000),
            rebuilt.search(query, 10_000),
            "{query}"
        );
    }
}
