//! The reader in a team: where its flags, notes, done marks and read marks are written (the
//! user's team journal or the private state), TLP:RED flags kept private, other members' flags
//! left alone, and the member picker (`A`) that assigns a flag.
//!
//! The team folder sits in a directory with a `.git` of the test's user, as in a git clone:
//! there every member file counts whoever owns it (real users are `tests/team.rs`'s business).

use std::fs;
use std::path::{Path, PathBuf};

use brief::briefing::{Target, load};
use brief::keymap::Action;
use brief::store::{FlagStatus, State, Store};
use brief::team::{Board, Scope, Team};
use brief::theme::Theme;
use brief::tui::app::handle;
use brief::tui::input::Edit;
use brief::tui::model::{Model, Overlay, TeamSession};
use brief::tui::update::{edit_input, jump, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const KESTREL: &str = "kestrel-strait-tanker-seizure";
const VELORIA: &str = "2025-03-02-veloria-port-strike";
/// A TLP:RED briefing.
const VALMORA: &str = "2026-01-20-valmora-grid-intrusion";
const HEADER: &str = "{\"brief_state\":1,\"generation\":0}\n";

fn shipped() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings")
}

/// A journal line flagging `target`, assigned to `to` if given.
fn flag_line(target: &str, to: Option<&str>) -> String {
    let to = to.map_or(String::new(), |to| format!(",\"to\":\"{to}\""));
    format!("{{\"op\":\"flag\",\"target\":\"{target}\",\"at\":\"2026-11-24T10:00:00Z\"{to}}}\n")
}

/// A team folder inside a clone, holding the given member journals.
struct Folder {
    _root: tempfile::TempDir,
    dir: PathBuf,
}

fn folder(members: &[(&str, String)]) -> Folder {
    let root = tempfile::tempdir().unwrap();
    fs::create_dir(root.path().join(".git")).unwrap();
    let dir = root.path().join("team");
    fs::create_dir(&dir).unwrap();
    for (name, lines) in members {
        fs::write(
            dir.join(format!("{name}.jsonl")),
            format!("{HEADER}{lines}"),
        )
        .unwrap();
    }
    Folder { _root: root, dir }
}

/// The reader of member `me`, with a private state in memory.
fn reader(folder: &Folder, share_red: bool) -> Model {
    let library = load(&[shipped()]).unwrap();
    let mut model = Model::new(library, Store::open_in_memory(), shipped(), Theme::COLOR);
    let team = Team::new(folder.dir.clone(), Some("me"), share_red).unwrap();
    model.team = Some(TeamSession::new(team));
    model
}

/// What `me`'s journal in the team folder holds, read from disk.
fn my_journal(folder: &Folder) -> State {
    Store::open_shared(&folder.dir, "me")
        .unwrap()
        .state()
        .clone()
}

fn key(model: &mut Model, code: KeyCode) {
    handle(model, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn status(model: &Model) -> String {
    model
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn select_row(model: &mut Model, by: &str, target: &str) {
    let rows = model.follow_ups();
    let at = rows
        .iter()
        .position(|r| r.by.as_deref() == Some(by) && r.target == target)
        .unwrap_or_else(|| panic!("no row of {by} on {target}"));
    model.overlay = Some(Overlay::FollowUp { selected: at });
}

#[test]
fn flags_notes_and_done_marks_go_to_the_team_journal_and_read_marks_stay_private() {
    let folder = folder(&[]);
    let mut m = reader(&folder, false);
    let actor = format!("{KESTREL}/actor/lanxia");
    assert!(jump(&mut m, &actor.parse::<Target>().unwrap()));
    update(&mut m, Action::ToggleFlag);
    assert!(m.store.state().flags.is_empty(), "not in the private state");
    assert!(my_journal(&folder).flags.contains_key(&actor));
    assert!(m.is_flagged(&actor.parse().unwrap()), "shown as flagged");

    // A note on it is written beside it.
    update(&mut m, Action::EditNote);
    for c in "ask the harbour desk".chars() {
        edit_input(&mut m, Edit::Insert(c));
    }
    edit_input(&mut m, Edit::Save);
    assert_eq!(
        my_journal(&folder).flags[&actor].note,
        "ask the harbour desk"
    );

    // Done and removed from the follow-up view, in the same journal.
    update(&mut m, Action::FollowUp);
    select_row(&mut m, "me", &actor);
    update(&mut m, Action::ToggleDone);
    assert_eq!(my_journal(&folder).flags[&actor].status, FlagStatus::Done);
    update(&mut m, Action::ToggleFlag);
    assert!(!my_journal(&folder).flags.contains_key(&actor));
    assert!(m.store.state().flags.is_empty());

    // Opening a briefing marks it read in the private state only.
    update(&mut m, Action::Back);
    assert!(jump(&mut m, &Target::briefing(VELORIA)));
    assert!(m.store.state().read.contains(VELORIA));
    assert!(my_journal(&folder).read.is_empty());
}

#[test]
fn a_flag_on_a_red_briefing_stays_private_and_the_status_line_says_so() {
    let folder = folder(&[]);
    let mut m = reader(&folder, false);
    assert!(jump(&mut m, &Target::briefing(VALMORA)));
    update(&mut m, Action::ToggleFlag);
    assert!(m.store.state().flags.contains_key(VALMORA), "kept private");
    assert!(my_journal(&folder).flags.is_empty(), "not shared");
    assert!(
        status(&m).contains("flag kept private: TLP:RED briefing (share_red is off)"),
        "{}",
        status(&m)
    );
    // The follow-up view says so too, as `brief flags` does.
    key(&mut m, KeyCode::Char('F'));
    let shown = screen(&mut m, 120, 40);
    assert!(shown.contains("by me (private)"), "{shown}");
    key(&mut m, KeyCode::Esc);
    // It cannot be assigned either: that would share it.
    update(&mut m, Action::Assign);
    assert!(m.overlay.is_none());
    assert!(status(&m).contains("TLP:RED"), "{}", status(&m));
    // Unflagged where it is.
    update(&mut m, Action::ToggleFlag);
    assert!(m.store.state().flags.is_empty());

    // With share_red, a RED flag is shared like any.
    let folder = self::folder(&[]);
    let mut m = reader(&folder, true);
    assert!(jump(&mut m, &Target::briefing(VALMORA)));
    update(&mut m, Action::ToggleFlag);
    assert!(m.store.state().flags.is_empty());
    assert!(my_journal(&folder).flags.contains_key(VALMORA));
    assert!(!status(&m).contains("private"), "{}", status(&m));
    key(&mut m, KeyCode::Char('F'));
    let shown = screen(&mut m, 120, 40);
    assert!(shown.contains("by me ·"), "{shown}");
    assert!(!shown.contains("(private)"), "{shown}");
}

#[test]
fn another_members_flag_is_refused_naming_its_owner_and_nothing_changes() {
    let alices = format!(
        "{}{}",
        flag_line(VELORIA, Some("carol")),
        flag_line(KESTREL, Some("me"))
    );
    let folder = folder(&[("alice", alices)]);
    let before = fs::read(folder.dir.join("alice.jsonl")).unwrap();
    let mut m = reader(&folder, false);
    update(&mut m, Action::FollowUp);
    update(&mut m, Action::TeamView);
    update(&mut m, Action::TeamView);
    assert_eq!(m.team.as_ref().unwrap().scope, Scope::Team);
    for action in [
        Action::ToggleDone,
        Action::ToggleFlag,
        Action::EditNote,
        Action::Assign,
    ] {
        select_row(&mut m, "alice", VELORIA);
        update(&mut m, action);
        let s = m.status.clone().unwrap();
        assert!(s.error, "{action:?}: {}", s.text);
        assert!(
            s.text.contains("alice's flag") && s.text.contains("only alice can"),
            "{action:?}: {}",
            s.text
        );
        assert!(
            matches!(m.overlay, Some(Overlay::FollowUp { .. })),
            "{action:?} opened nothing"
        );
    }
    // Removing one assigned to me is refused too, and says what the assignee can do.
    select_row(&mut m, "alice", KESTREL);
    update(&mut m, Action::ToggleFlag);
    assert!(
        status(&m).contains("only alice can remove it"),
        "{}",
        status(&m)
    );
    assert!(status(&m).contains("assigned to you"), "{}", status(&m));
    assert_eq!(fs::read(folder.dir.join("alice.jsonl")).unwrap(), before);
    assert!(!folder.dir.join("me.jsonl").exists(), "nothing written");
    assert!(m.store.state().flags.is_empty());
}

#[test]
fn done_on_a_flag_assigned_to_me_marks_it_done_for_everyone() {
    let folder = folder(&[("alice", flag_line(KESTREL, Some("me")))]);
    let mut m = reader(&folder, false);
    update(&mut m, Action::FollowUp);
    update(&mut m, Action::TeamView);
    assert_eq!(m.team.as_ref().unwrap().scope, Scope::AssignedToMe);
    select_row(&mut m, "alice", KESTREL);
    update(&mut m, Action::ToggleDone);
    assert!(status(&m).contains("for the whole team"), "{}", status(&m));
    // Alice's file is alice's: the mark is in mine, and everyone's board merges it.
    let marks = my_journal(&folder).marks;
    assert_eq!(
        marks[&("alice".to_string(), KESTREL.to_string())].status,
        FlagStatus::Done
    );
    let board = Board::read(&folder.dir);
    let flag = board.flags().find(|f| f.flag.target() == KESTREL).unwrap();
    assert_eq!((flag.status, flag.done_by), (FlagStatus::Done, Some("me")));
    // The view shows it done, without waiting for the next look at the folder.
    assert_eq!(m.follow_up_rows.open, 0);
    // `d` again opens it again.
    update(&mut m, Action::ToggleDone);
    let marks = my_journal(&folder).marks;
    assert_eq!(
        marks[&("alice".to_string(), KESTREL.to_string())].status,
        FlagStatus::Open
    );
}

/// The picker's members: alice and bob have journals, carol is only assigned to; `me` is not
/// offered.
fn picker_folder() -> Folder {
    folder(&[
        ("alice", flag_line(VELORIA, Some("carol"))),
        ("bob", String::new()),
        ("me", String::new()),
    ])
}

#[test]
fn the_picker_moves_with_list_keys_narrows_as_typed_and_assigns() {
    let folder = picker_folder();
    let mut m = reader(&folder, false);
    let actor = format!("{KESTREL}/actor/lanxia");
    assert!(jump(&mut m, &actor.parse::<Target>().unwrap()));
    key(&mut m, KeyCode::Char('A'));
    let Some(Overlay::Assign(picker)) = &m.overlay else {
        panic!("no picker: {}", status(&m));
    };
    assert_eq!(picker.members, ["alice", "bob", "carol"]);
    // List keys move before anything is typed.
    key(&mut m, KeyCode::Char('j'));
    key(&mut m, KeyCode::Down);
    key(&mut m, KeyCode::Char('k'));
    let Some(Overlay::Assign(picker)) = &m.overlay else {
        panic!("the picker closed");
    };
    assert_eq!(picker.selected, 1);
    assert!(picker.input.text.is_empty());
    // Typing narrows (case ignored), and j is then a letter.
    key(&mut m, KeyCode::Char('B'));
    let Some(Overlay::Assign(picker)) = &m.overlay else {
        panic!("the picker closed");
    };
    let names: Vec<(String, bool)> = picker
        .choices()
        .into_iter()
        .map(|c| (c.name, c.known))
        .collect();
    assert_eq!(names, [("bob".into(), true)]);
    key(&mut m, KeyCode::Enter);
    assert!(m.overlay.is_none());
    assert!(status(&m).contains("assigned to bob"), "{}", status(&m));
    // Flagged and assigned in my journal, as `brief flag --to bob` does.
    let journal = my_journal(&folder);
    assert_eq!(journal.flags[&actor].assigned_to.as_deref(), Some("bob"));
    assert!(m.store.state().flags.is_empty());

    // Again, from the follow-up view, to a name typed in full: Esc goes back to the view.
    update(&mut m, Action::FollowUp);
    select_row(&mut m, "me", &actor);
    key(&mut m, KeyCode::Char('A'));
    assert!(matches!(m.overlay, Some(Overlay::Assign(_))));
    key(&mut m, KeyCode::Esc);
    assert!(matches!(m.overlay, Some(Overlay::FollowUp { .. })));
    key(&mut m, KeyCode::Char('A'));
    // `/` first: a name that starts with a list key. No member is called so: the name typed
    // is offered, as a member to come.
    for c in "/jo".chars() {
        key(&mut m, KeyCode::Char(c));
    }
    let Some(Overlay::Assign(picker)) = &m.overlay else {
        panic!("the picker closed");
    };
    let names: Vec<(String, bool)> = picker
        .choices()
        .into_iter()
        .map(|c| (c.name, c.known))
        .collect();
    assert_eq!(names, [("jo".into(), false)]);
    key(&mut m, KeyCode::Enter);
    assert!(matches!(m.overlay, Some(Overlay::FollowUp { .. })));
    assert!(status(&m).contains("Assigned"), "{}", status(&m));
    assert!(status(&m).contains("no team file yet"), "{}", status(&m));
    assert_eq!(
        my_journal(&folder).flags[&actor].assigned_to.as_deref(),
        Some("jo")
    );
}

#[test]
fn without_a_team_the_assign_key_says_no_team_is_configured() {
    let library = load(&[shipped()]).unwrap();
    let mut m = Model::new(library, Store::open_in_memory(), shipped(), Theme::COLOR);
    assert!(jump(&mut m, &Target::briefing(KESTREL)));
    update(&mut m, Action::Assign);
    assert!(m.overlay.is_none());
    let s = m.status.clone().unwrap();
    assert!(
        s.error && s.text.contains("No team is configured"),
        "{}",
        s.text
    );
    assert!(m.store.state().flags.is_empty(), "nothing flagged");
}

fn screen(model: &mut Model, width: u16, height: u16) -> String {
    model.size = (width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| brief::tui::view::draw(f, model)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        for x in 0..width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn member_picker_80x24() {
    let folder = picker_folder();
    let mut m = reader(&folder, false);
    m.theme = Theme::MONOCHROME;
    assert!(jump(
        &mut m,
        &format!("{KESTREL}/actor/lanxia").parse::<Target>().unwrap()
    ));
    key(&mut m, KeyCode::Char('A'));
    key(&mut m, KeyCode::Char('j'));
    insta::assert_snapshot!(screen(&mut m, 80, 24));
}

/// At 80 columns the team view's title and its keys do not fit on one border: the keys go to
/// the bottom border, whole, and no word of either is cut.
#[test]
fn the_team_view_names_its_keys_whole_at_80x24() {
    let folder = picker_folder();
    let mut m = reader(&folder, false);
    key(&mut m, KeyCode::Char('F'));
    for (width, height) in [(80, 24), (120, 40)] {
        let shown = screen(&mut m, width, height);
        assert!(
            shown.contains("Follow-up (mine; t switches): 0 open, 0 done"),
            "{shown}"
        );
        assert!(
            shown.contains("Enter: go, d: done, f: remove, a: note, A: assign, Esc"),
            "{width}x{height}: the keys are cut\n{shown}"
        );
    }
}

/// Opens the dossier of the actor `veloria`, shared by several briefings, from its pane.
fn open_veloria_dossier(m: &mut Model) {
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
    let target = format!("{}/actor/veloria", m.library.briefings[bi].id);
    assert!(jump(m, &target.parse::<Target>().unwrap()));
    assert_eq!(m.cursor.actor, ai);
    update(m, Action::Open);
    assert!(
        matches!(m.overlay, Some(Overlay::Dossier { .. })),
        "no dossier"
    );
}

/// Picks `name` in the open member picker (typing it) and presses Enter.
fn pick(m: &mut Model, name: &str) {
    assert!(
        matches!(m.overlay, Some(Overlay::Assign(_))),
        "no picker: {}",
        status(m)
    );
    for c in format!("/{name}").chars() {
        key(m, KeyCode::Char(c));
    }
    key(m, KeyCode::Enter);
}

/// `A` works wherever `f` flags an item: the briefing's panes, the item window, the actor's
/// dossier and the follow-up view; each time the picker comes back to where it was opened.
#[test]
fn a_assigns_the_selected_item_wherever_f_flags_it() {
    let folder = picker_folder();
    let mut m = reader(&folder, false);

    // A pane.
    let lanxia = format!("{KESTREL}/actor/lanxia");
    assert!(jump(&mut m, &lanxia.parse::<Target>().unwrap()));
    key(&mut m, KeyCode::Char('A'));
    pick(&mut m, "bob");
    assert!(m.overlay.is_none());
    assert_eq!(
        my_journal(&folder).flags[&lanxia].assigned_to.as_deref(),
        Some("bob")
    );

    // The item window (Enter on a judgment).
    let judgment = format!("{KESTREL}/judgment/legal-basis");
    assert!(jump(&mut m, &judgment.parse::<Target>().unwrap()));
    key(&mut m, KeyCode::Enter);
    assert!(matches!(m.overlay, Some(Overlay::Item { .. })));
    key(&mut m, KeyCode::Char('A'));
    pick(&mut m, "alice");
    assert!(
        matches!(m.overlay, Some(Overlay::Item { .. })),
        "back in the item window"
    );
    assert_eq!(
        my_journal(&folder).flags[&judgment].assigned_to.as_deref(),
        Some("alice")
    );

    // The dossier: the row under the cursor (the second), as `f` would flag it.
    update(&mut m, Action::Back);
    open_veloria_dossier(&mut m);
    update(&mut m, Action::Down);
    let Some(Overlay::Dossier { selected, .. }) = m.overlay else {
        panic!("no dossier");
    };
    let second = m.dossier.resolve(&m.library).targets()[selected].to_string();
    key(&mut m, KeyCode::Char('A'));
    pick(&mut m, "carol");
    let Some(Overlay::Dossier { selected: back, .. }) = m.overlay else {
        panic!("not back in the dossier: {:?}", m.overlay);
    };
    assert_eq!(back, selected, "on the same row");
    let journal = my_journal(&folder);
    assert_eq!(journal.flags[&second].assigned_to.as_deref(), Some("carol"));
    assert_eq!(
        journal.flags.len(),
        3,
        "that row only: {:?}",
        journal.flags.keys()
    );
    assert!(status(&m).contains("assigned to carol"), "{}", status(&m));

    // The follow-up view.
    update(&mut m, Action::Back);
    update(&mut m, Action::FollowUp);
    select_row(&mut m, "me", &second);
    key(&mut m, KeyCode::Char('A'));
    pick(&mut m, "bob");
    assert!(matches!(m.overlay, Some(Overlay::FollowUp { .. })));
    assert_eq!(
        my_journal(&folder).flags[&second].assigned_to.as_deref(),
        Some("bob")
    );
}

#[test]
fn actor_dossier_names_the_assign_key_with_a_team_80x24() {
    let folder = picker_folder();
    let mut m = reader(&folder, false);
    m.theme = Theme::MONOCHROME;
    open_veloria_dossier(&mut m);
    insta::assert_snapshot!(screen(&mut m, 80, 24));
}

/// In the picker of an assigned flag, "nobody" comes first and takes the assignment back; the
/// selection starts on the member it is assigned to, so Enter alone changes nothing.
#[test]
fn nobody_in_the_picker_takes_the_assignment_back() {
    let folder = picker_folder();
    let mut m = reader(&folder, false);
    let lanxia = format!("{KESTREL}/actor/lanxia");
    assert!(jump(&mut m, &lanxia.parse::<Target>().unwrap()));
    // Not assigned: nothing to take back, so no "nobody".
    key(&mut m, KeyCode::Char('A'));
    let Some(Overlay::Assign(picker)) = &m.overlay else {
        panic!("no picker: {}", status(&m));
    };
    assert!(picker.choices().iter().all(|c| !c.nobody));
    pick(&mut m, "bob");

    key(&mut m, KeyCode::Char('A'));
    let Some(Overlay::Assign(picker)) = &m.overlay else {
        panic!("no picker: {}", status(&m));
    };
    let names: Vec<(String, bool)> = picker
        .choices()
        .into_iter()
        .map(|c| (c.name, c.nobody))
        .collect();
    assert_eq!(
        names,
        [
            ("nobody".into(), true),
            ("alice".into(), false),
            ("bob".into(), false),
            ("carol".into(), false)
        ]
    );
    assert_eq!(picker.selected, 2, "on bob, who has it now");
    key(&mut m, KeyCode::Enter);
    assert_eq!(
        my_journal(&folder).flags[&lanxia].assigned_to.as_deref(),
        Some("bob"),
        "Enter on the member who has it changes nothing"
    );

    // Up to "nobody", Enter: taken back, the flag itself kept, in my journal.
    key(&mut m, KeyCode::Char('A'));
    key(&mut m, KeyCode::Char('g'));
    key(&mut m, KeyCode::Enter);
    assert!(m.overlay.is_none());
    assert_eq!(
        status(&m),
        format!("{lanxia} is no longer assigned to bob"),
        "{}",
        status(&m)
    );
    let journal = my_journal(&folder);
    assert_eq!(journal.flags[&lanxia].assigned_to, None);
    assert_eq!(journal.flags[&lanxia].status, FlagStatus::Open);
    assert!(m.store.state().flags.is_empty());
    // Bob no longer finds it among those assigned to him.
    let board = Board::read(&folder.dir);
    assert!(board.flags().all(|f| f.assigned_to != Some("bob")));

    // Typing "nob" keeps it offered (never a new member called so); a name rules it out.
    key(&mut m, KeyCode::Char('A'));
    pick(&mut m, "carol");
    key(&mut m, KeyCode::Char('A'));
    for c in "/nob".chars() {
        key(&mut m, KeyCode::Char(c));
    }
    let Some(Overlay::Assign(picker)) = &m.overlay else {
        panic!("the picker closed");
    };
    let choices = picker.choices();
    assert_eq!(choices.len(), 1);
    assert!(choices[0].nobody && choices[0].known);
    key(&mut m, KeyCode::Esc);
    assert_eq!(
        my_journal(&folder).flags[&lanxia].assigned_to.as_deref(),
        Some("carol"),
        "Esc changes nothing"
    );
}

#[test]
fn member_picker_of_an_assigned_flag_offers_nobody_first_80x24() {
    let folder = picker_folder();
    let mut m = reader(&folder, false);
    m.theme = Theme::MONOCHROME;
    let lanxia = format!("{KESTREL}/actor/lanxia");
    assert!(jump(&mut m, &lanxia.parse::<Target>().unwrap()));
    key(&mut m, KeyCode::Char('A'));
    pick(&mut m, "bob");
    key(&mut m, KeyCode::Char('A'));
    insta::assert_snapshot!(screen(&mut m, 80, 24));
}

/// A flag of the private state (as one made before joining the team).
fn flag_privately(m: &mut Model, target: &str, note: &str) {
    let item = m.library.resolve(&target.parse().unwrap()).unwrap();
    let change = brief::store::Change::Flag {
        target: target.to_string(),
        fingerprint: item.fingerprint(),
        title: item.briefing().title.clone(),
        text: item.describe(),
        folder: None,
    };
    m.store.apply(change).unwrap();
    m.store
        .apply(brief::store::Change::Note {
            target: target.to_string(),
            note: note.to_string(),
        })
        .unwrap();
}

/// The follow-up view's rows on `target`, in the current scope.
fn rows_on(m: &mut Model, target: &str) -> usize {
    m.follow_ups().iter().filter(|r| r.target == target).count()
}

/// Assigning a flag made privately before joining the team brings it into the team journal
/// with its note, then assigns it; it is listed once. On a TLP:RED briefing (no `share_red`)
/// it is refused with the reason and stays private.
#[test]
fn a_private_flag_assigned_is_brought_into_the_team_journal_once() {
    let folder = picker_folder();
    let mut m = reader(&folder, false);
    let lanxia = format!("{KESTREL}/actor/lanxia");
    flag_privately(&mut m, &lanxia, "from before");
    assert!(jump(&mut m, &lanxia.parse::<Target>().unwrap()));
    key(&mut m, KeyCode::Char('A'));
    pick(&mut m, "bob");
    assert!(
        status(&m).contains("Shared with the team and assigned to bob"),
        "{}",
        status(&m)
    );
    let journal = my_journal(&folder);
    let flag = &journal.flags[&lanxia];
    assert_eq!(
        (flag.note.as_str(), flag.assigned_to.as_deref()),
        ("from before", Some("bob"))
    );
    assert!(m.store.state().flags.is_empty(), "no private copy left");
    assert!(m.is_flagged(&lanxia.parse().unwrap()));
    update(&mut m, Action::FollowUp);
    assert_eq!(rows_on(&mut m, &lanxia), 1);
    update(&mut m, Action::TeamView);
    update(&mut m, Action::TeamView);
    assert_eq!(m.team.as_ref().unwrap().scope, Scope::Team);
    assert_eq!(rows_on(&mut m, &lanxia), 1);
    update(&mut m, Action::Back);

    // TLP:RED without share_red: refused, kept private, nothing shared.
    flag_privately(&mut m, VALMORA, "red note");
    assert!(jump(&mut m, &Target::briefing(VALMORA)));
    key(&mut m, KeyCode::Char('A'));
    assert!(m.overlay.is_none(), "no picker");
    assert!(status(&m).contains("TLP:RED"), "{}", status(&m));
    assert!(m.store.state().flags.contains_key(VALMORA));
    assert!(!my_journal(&folder).flags.contains_key(VALMORA));
}

/// A flag in both stores (a move into the team journal cut short) is one flag: the team's,
/// listed once, its note shown; `f` removes both copies.
#[test]
fn a_flag_left_in_both_stores_is_listed_once_and_removed_from_both() {
    let folder = folder(&[("me", flag_line(&format!("{KESTREL}/actor/lanxia"), None))]);
    let mut m = reader(&folder, false);
    let lanxia = format!("{KESTREL}/actor/lanxia");
    flag_privately(&mut m, &lanxia, "stale copy");
    update(&mut m, Action::FollowUp);
    assert_eq!(rows_on(&mut m, &lanxia), 1);
    let row = m
        .follow_ups()
        .into_iter()
        .find(|r| r.target == lanxia)
        .unwrap();
    assert!(row.note.is_empty(), "the team's note, not the stale one");
    update(&mut m, Action::Back);
    assert_eq!(m.note(&lanxia), "");
    assert!(jump(&mut m, &lanxia.parse::<Target>().unwrap()));
    update(&mut m, Action::ToggleFlag);
    assert!(!m.is_flagged(&lanxia.parse().unwrap()), "{}", status(&m));
    assert!(!my_journal(&folder).flags.contains_key(&lanxia));
    assert!(m.store.state().flags.is_empty());
}

/// The picker opened from the dossier stays over it, names the row's briefing (a dossier's
/// rows are one actor in several), and says that assigning a private flag shares it.
#[test]
fn member_picker_over_the_dossier_on_a_private_flag_80x24() {
    let folder = picker_folder();
    let mut m = reader(&folder, false);
    m.theme = Theme::MONOCHROME;
    open_veloria_dossier(&mut m);
    update(&mut m, Action::Down);
    let second = m.dossier.resolve(&m.library).targets()[1].to_string();
    flag_privately(&mut m, &second, "from before");
    key(&mut m, KeyCode::Char('A'));
    let shown = screen(&mut m, 80, 24);
    assert!(shown.contains("assigning shares it"), "{shown}");
    insta::assert_snapshot!(shown);
}
