//! What the reader draws, on a TestBackend: snapshots of whole screens at every layout (80x24,
//! 100x30, 120x40, 160x50, 200x60), and the styles that carry meaning (flag marker, focused
//! pane, TLP, no colour at all).

use std::path::{Path, PathBuf};

use brief::briefing::{Target, load};
use brief::keymap::Action;
use brief::store::Store;
use brief::theme::Theme;
use brief::tui::model::{Model, Pane};
use brief::tui::update::{jump, update};
use brief::tui::view::draw;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

fn shipped() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings")
}

fn model(theme: Theme) -> Model {
    let library = load(&[shipped()]).unwrap();
    Model::new(library, Store::open_in_memory(), shipped(), theme)
}

/// A briefing of forty actors, eight quotes and twelve events.
fn crowded() -> Model {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/crowded");
    let library = load(std::slice::from_ref(&dir)).unwrap();
    Model::new(library, Store::open_in_memory(), dir, Theme::COLOR)
}

/// The window sizes every layout is pinned at.
const SIZES: [(u16, u16); 5] = [(80, 24), (100, 30), (120, 40), (160, 50), (200, 60)];

fn render(model: &mut Model, width: u16, height: u16) -> Buffer {
    model.size = (width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| draw(f, model)).unwrap();
    terminal.backend().buffer().clone()
}

/// The screen as text, with flag times (which change every run) blanked.
fn text(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        for x in 0..buffer.area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    regex_lite_time(&out)
}

/// Blanks `flagged YYYY-MM-DD HH:MM`: flag times change with every run.
fn regex_lite_time(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("flagged ") {
        let (head, tail) = rest.split_at(at + "flagged ".len());
        out.push_str(head);
        let stamp: String = tail.chars().take(16).collect();
        let is_time = stamp.len() == 16
            && stamp.chars().enumerate().all(|(k, c)| match k {
                4 | 7 => c == '-',
                10 => c == ' ',
                13 => c == ':',
                _ => c.is_ascii_digit(),
            });
        if is_time {
            out.push_str("YYYY-MM-DD HH:MM");
            rest = &tail[16..];
        } else {
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

fn find(buffer: &Buffer, needle: &str) -> (u16, u16) {
    for y in 0..buffer.area.height {
        let row: Vec<&str> = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        for x in 0..row.len() {
            let mut s = String::new();
            for cell in &row[x..] {
                s.push_str(cell);
                if s.len() >= needle.len() {
                    break;
                }
            }
            if s.starts_with(needle) {
                return (x as u16, y);
            }
        }
    }
    panic!("{needle:?} not on screen:\n{}", text(buffer));
}

const SEED: &str = "2024-09-18-qaani-baghdad";

#[test]
fn first_screen_80x24() {
    let mut m = model(Theme::COLOR);
    insta::assert_snapshot!(text(&render(&mut m, 80, 24)));
}

#[test]
fn actors_pane_with_their_quotes_80x24() {
    let mut m = model(Theme::COLOR);
    jump(&mut m, &Target::briefing(SEED));
    m.focus = Pane::Actors;
    m.detail = Pane::Actors;
    update(&mut m, Action::Down);
    update(&mut m, Action::ToggleFlag);
    let buffer = render(&mut m, 80, 24);
    insta::assert_snapshot!(text(&buffer));
    // The flag marker: a symbol (visible without colour), in the flag colour, bold.
    let (x, y) = find(&buffer, "⚑ Rasul Radi");
    let cell = &buffer[(x, y)];
    assert_eq!(cell.fg, Color::Yellow);
    assert!(cell.modifier.contains(Modifier::BOLD));
    // The focused pane: thick border in the focus colour, and a ▶ in its title.
    let (x, y) = find(&buffer, "▶ Actors");
    assert_eq!(buffer[(x, y)].fg, Color::Cyan);
    assert_eq!(buffer[(x - 2, y)].symbol(), "┏");
}

#[test]
fn every_pane_at_once_120x40() {
    let mut m = model(Theme::COLOR);
    jump(&mut m, &Target::briefing(SEED));
    m.focus = Pane::Quotes;
    update(&mut m, Action::ToggleFlag);
    let buffer = render(&mut m, 120, 40);
    insta::assert_snapshot!(text(&buffer));
    let shown: Vec<Pane> = m.view.panes.iter().map(|(p, _)| *p).collect();
    for pane in [
        Pane::Summary,
        Pane::Judgments,
        Pane::Actors,
        Pane::Quotes,
        Pane::Timeline,
    ] {
        assert!(shown.contains(&pane), "{pane:?} not on screen");
        find(&buffer, pane.title());
    }
    // While a briefing is read at 120 columns, the list steps aside for it.
    assert!(!shown.contains(&Pane::List));
    // TLP handling in its colour.
    let (x, y) = find(&buffer, "TLP:CLEAR");
    assert_eq!(buffer[(x, y)].bg, Color::White);
}

/// Browsing the list: the list and the selected briefing, at every size.
#[test]
fn layouts_browsing_the_list() {
    for (w, h) in SIZES {
        let mut m = model(Theme::COLOR);
        jump(&mut m, &Target::briefing(SEED));
        m.focus = Pane::List;
        let buffer = render(&mut m, w, h);
        insta::assert_snapshot!(format!("browsing_{w}x{h}"), text(&buffer));
        let shown: Vec<Pane> = m.view.panes.iter().map(|(p, _)| *p).collect();
        assert!(shown.contains(&Pane::List));
        // From 120x40 the summary, the actors and the quotes are beside the list.
        if w >= 120 {
            for pane in [Pane::Summary, Pane::Actors, Pane::Quotes] {
                assert!(shown.contains(&pane), "{w}x{h}: {shown:?}");
            }
        }
        // From 160x50 nothing is behind a tab: every pane is on screen.
        if w >= 160 {
            assert_eq!(shown.len(), Pane::ALL.len(), "{w}x{h}: {shown:?}");
        }
    }
}

/// Reading an opened briefing, focus on its actors, at every size: which panes share the
/// screen is the layout.
#[test]
fn layouts_reading_a_briefing() {
    for (w, h) in SIZES {
        let mut m = model(Theme::COLOR);
        jump(&mut m, &Target::briefing(SEED));
        update(&mut m, Action::NextPane);
        update(&mut m, Action::NextPane);
        assert_eq!(m.focus, Pane::Actors);
        let buffer = render(&mut m, w, h);
        insta::assert_snapshot!(format!("reading_{w}x{h}"), text(&buffer));
        let shown: Vec<Pane> = m.view.panes.iter().map(|(p, _)| *p).collect();
        // Below 160 columns the list steps aside while reading; from 160 it stays.
        assert_eq!(shown.contains(&Pane::List), w >= 160, "{w}x{h}: {shown:?}");
        // From about 100x30 the summary shares the screen with the item pane.
        assert_eq!(
            shown.contains(&Pane::Summary),
            w >= 100,
            "{w}x{h}: {shown:?}"
        );
        // From 120x40 every pane of the briefing is on screen, nothing behind a tab.
        if w >= 120 {
            for pane in &Pane::ALL[1..] {
                assert!(shown.contains(pane), "{w}x{h}: {shown:?}");
            }
        }
    }
}

/// A briefing of forty actors, read at every size: compact rows show many of them at once.
#[test]
fn layouts_of_forty_actors() {
    for (w, h) in SIZES {
        let mut m = crowded();
        m.focus = Pane::List;
        update(&mut m, Action::Open);
        update(&mut m, Action::NextPane);
        update(&mut m, Action::NextPane);
        update(&mut m, Action::Down);
        assert_eq!(m.focus, Pane::Actors);
        let buffer = render(&mut m, w, h);
        let screen = text(&buffer);
        insta::assert_snapshot!(format!("forty_actors_{w}x{h}"), screen);
        let names = m.briefing().unwrap().actors.iter();
        let on_screen = names.filter(|a| screen.contains(&a.name)).count();
        assert!(
            on_screen >= 5,
            "{w}x{h}: {on_screen} actors on screen\n{screen}"
        );
    }
}

/// At 80x24 the actors are a line each (name and role), and the selected one in full.
#[test]
fn compact_actor_rows_80x24() {
    let mut m = crowded();
    update(&mut m, Action::Open);
    update(&mut m, Action::NextPane);
    update(&mut m, Action::NextPane);
    update(&mut m, Action::Down);
    let screen = text(&render(&mut m, 80, 24));
    // An unselected actor: name and role on one line.
    assert!(screen.contains("Ana Arden · Harbour master"), "{screen}");
    // The selected one in full: its role on a line of its own and its kind.
    let selected = &m.briefing().unwrap().actors[1];
    assert!(screen.contains(&format!("  {}\n", selected.name)) || screen.contains(&selected.name));
    assert!(screen.contains("person"), "{screen}");
    let rows = screen.lines().filter(|l| l.contains(" · ")).count();
    assert!(rows >= 5, "{screen}");
}

#[test]
fn follow_up_view_80x24() {
    let mut m = model(Theme::COLOR);
    jump(&mut m, &Target::briefing(SEED));
    m.focus = Pane::Quotes;
    update(&mut m, Action::ToggleFlag);
    update(&mut m, Action::FollowUp);
    insta::assert_snapshot!(text(&render(&mut m, 80, 24)));
}

#[test]
fn help_80x24() {
    let mut m = model(Theme::COLOR);
    update(&mut m, Action::Help);
    let buffer = render(&mut m, 80, 24);
    insta::assert_snapshot!(text(&buffer));
}

/// Every help line is wrapped to the window, none cut: the longest one (the filter's) is whole
/// at 200x60, and wrapped with nothing lost at 80x24.
#[test]
fn help_lines_are_wrapped_never_cut() {
    for (width, height) in [(200, 60), (120, 40), (80, 24)] {
        let mut m = model(Theme::COLOR);
        update(&mut m, Action::Help);
        // Scroll so the filter line is on screen even at 24 rows (how far it can scroll is
        // measured when drawn).
        render(&mut m, width, height);
        for _ in 0..8 {
            update(&mut m, Action::Down);
        }
        let screen = text(&render(&mut m, width, height));
        let flat: String = screen
            .lines()
            .map(|l| l.replace(['║', '┃', '│'], " ").trim().to_string())
            .collect::<Vec<_>>()
            .join(" ");
        let flat = flat.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("filter the list (tag: actor: since: until: tlp: is:)"),
            "{width}x{height}:\n{screen}"
        );
    }
}

#[test]
fn too_small_says_so_and_never_panics() {
    let mut m = model(Theme::COLOR);
    let screen = text(&render(&mut m, 40, 10));
    assert!(screen.contains("needs at least"), "{screen}");
    for (w, h) in [
        (0, 0),
        (1, 1),
        (59, 15),
        (60, 14),
        (60, 15),
        (61, 16),
        (300, 100),
        (80, 24),
    ] {
        for focus in Pane::ALL {
            m.focus = focus;
            m.detail = if focus == Pane::List {
                Pane::Summary
            } else {
                focus
            };
            render(&mut m, w, h);
        }
    }
    for overlay in [Action::FollowUp, Action::Help, Action::Problems] {
        update(&mut m, overlay);
        for (w, h) in [(60, 15), (80, 24), (200, 60)] {
            render(&mut m, w, h);
        }
        update(&mut m, Action::Back);
    }
}

#[test]
fn monochrome_has_no_colour_but_keeps_markers() {
    let mut m = model(Theme::MONOCHROME);
    jump(&mut m, &Target::briefing(SEED));
    m.focus = Pane::Quotes;
    update(&mut m, Action::ToggleFlag);
    let buffer = render(&mut m, 120, 40);
    for cell in buffer.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
    }
    let (x, y) = find(&buffer, "⚑");
    assert!(buffer[(x, y)].modifier.contains(Modifier::BOLD));
    let (x, y) = find(&buffer, "TLP:CLEAR");
    assert!(buffer[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn wide_characters_stay_inside_their_panes() {
    let mut m = model(Theme::COLOR);
    for i in 0..m.library.briefings.len() {
        m.selected = i;
        for focus in Pane::ALL {
            m.focus = focus;
            m.detail = if focus == Pane::List {
                Pane::Summary
            } else {
                focus
            };
            for (w, h) in [(80, 24), (120, 40)] {
                let buffer = render(&mut m, w, h);
                // Each pane's right border is in the same column on every row.
                for &(pane, r) in &m.view.panes {
                    let edge = r.x + r.width - 1;
                    for y in r.y + 1..r.y + r.height - 1 {
                        let s = buffer[(edge, y)].symbol();
                        assert!(
                            s == "│" || s == "┃",
                            "{w}x{h}, {pane:?}, row {y} of briefing {i}: {s:?}\n{}",
                            text(&buffer)
                        );
                    }
                }
            }
        }
    }
}

/// After `[keys]` remaps them, the status bar and the windows' titles name the keys in force,
/// as help does: never a default that no longer does anything.
#[test]
fn remapped_keys_are_named_as_they_are_bound() {
    use brief::keymap::Key;
    let mut m = model(Theme::COLOR);
    m.keymap
        .rebind(Action::ToggleFlag, &[Key::parse("m").unwrap()]);
    m.keymap
        .rebind(Action::EditNote, &[Key::parse("F2").unwrap()]);
    m.keymap.rebind(Action::Filter, &[]);
    let screen = text(&render(&mut m, 120, 40));
    let status = screen.lines().last().unwrap();
    assert!(
        status.contains("m:flag") && status.contains("F2:note"),
        "{status}"
    );
    assert!(
        !status.contains("f:flag") && !status.contains("a:note"),
        "{status}"
    );
    assert!(
        !status.contains(":filter"),
        "an unbound action is not offered: {status}"
    );
    jump(&mut m, &Target::briefing(SEED));
    m.focus = Pane::Quotes;
    update(&mut m, Action::ToggleFlag);
    update(&mut m, Action::FollowUp);
    let screen = text(&render(&mut m, 120, 40));
    assert!(screen.contains("m: remove, F2: note"), "{screen}");
    assert!(!screen.contains("f: remove"), "{screen}");
}

// Right-to-left text: the shipped briefing in two scripts, shaped and in display order in
// every pane; highlights on the right letters; an Arabic paragraph right-aligned.

const ARABIC: &str = "2024-10-31-iraq-speaker-mashhadani";
const NAME: &str = "محمود المشهداني";

/// A model opened on the briefing in two scripts with the given pane focused.
fn arabic(focus: Pane) -> Model {
    let mut m = model(Theme::COLOR);
    assert!(jump(&mut m, &Target::briefing(ARABIC)));
    m.focus = focus;
    m.detail = focus;
    m
}

#[test]
fn arabic_reads_right_to_left_in_every_pane() {
    let shown_name = brief::bidi::display(NAME);
    for (w, h) in [(80, 24), (120, 40)] {
        for focus in [Pane::Summary, Pane::Actors, Pane::Quotes, Pane::Timeline] {
            let mut m = arabic(focus);
            let screen = text(&render(&mut m, w, h));
            if (w, h) == (120, 40) {
                insta::assert_snapshot!(format!("arabic_{focus:?}_{w}x{h}"), screen);
            }
            // Joined and right to left, never letter by letter in logical order.
            assert!(screen.contains(&shown_name), "{focus:?} {w}x{h}:\n{screen}");
            assert!(!screen.contains(NAME), "{focus:?} {w}x{h}:\n{screen}");
        }
    }
}

#[test]
fn an_arabic_quote_is_right_aligned_in_its_pane() {
    let mut m = arabic(Pane::Quotes);
    let buffer = render(&mut m, 80, 24);
    let quote_pane = m
        .view
        .panes
        .iter()
        .find(|(p, _)| *p == Pane::Quotes)
        .map(|(_, r)| *r)
        .unwrap();
    // The first line of the Arabic quote ends at the pane's right border; it starts (on the
    // right) with the opening quotation mark.
    let inner_right = quote_pane.x + quote_pane.width - 2;
    let (_, y) = find(&buffer, &brief::bidi::display("انتخاب"));
    assert_eq!(
        buffer[(inner_right, y)].symbol(),
        "“",
        "\n{}",
        text(&buffer)
    );
}

#[test]
fn search_highlights_stay_on_the_arabic_letters() {
    let mut m = model(Theme::COLOR);
    update(&mut m, Action::Search);
    for c in "المشهداني".chars() {
        brief::tui::update::edit_input(&mut m, brief::tui::input::Edit::Insert(c));
    }
    let buffer = render(&mut m, 120, 40);
    insta::assert_snapshot!("arabic_search_120x40", text(&buffer));
    // On each result line, the highlighted cells spell the word searched for, shaped and
    // reversed as one run.
    let word = brief::bidi::display("المشهداني");
    let highlight = Theme::COLOR.highlight();
    let mut highlighted_rows = 0;
    for y in 0..buffer.area.height {
        let cells: String = (0..buffer.area.width)
            .map(|x| &buffer[(x, y)])
            .filter(|c| Some(c.fg) == highlight.fg && c.modifier.contains(Modifier::BOLD))
            .map(|c| c.symbol().to_string())
            .collect();
        if cells.contains(&word) {
            highlighted_rows += 1;
        }
    }
    assert!(highlighted_rows >= 3, "\n{}", text(&buffer));
}

#[test]
fn an_arabic_quote_in_the_follow_up_view() {
    let mut m = arabic(Pane::Quotes);
    update(&mut m, Action::ToggleFlag);
    update(&mut m, Action::FollowUp);
    let screen = text(&render(&mut m, 80, 24));
    insta::assert_snapshot!("arabic_follow_up_80x24", screen);
    assert!(
        screen.contains(&brief::bidi::display("انتخاب رئيس")),
        "{screen}"
    );
}

/// The filter box opens beside the top of the list it filters when there is room (not in the
/// middle of a wide screen), and on a small screen along the list's bottom, never over the
/// first briefings, which narrow as the user types.
#[test]
fn filter_box_opens_by_the_list_and_leaves_its_first_rows_in_sight() {
    for (w, h) in [(200, 60), (80, 24)] {
        let mut m = model(Theme::COLOR);
        update(&mut m, Action::Filter);
        let screen = render(&mut m, w, h);
        let (list_x, list_y) = find(&screen, "Briefings");
        let (x, y) = find(&screen, "Filter the list");
        let shown = text(&screen);
        let first_row = shown.lines().nth(usize::from(list_y) + 1).unwrap();
        assert!(
            first_row.contains('•'),
            "the first briefing stays in sight:\n{shown}"
        );
        if w == 200 {
            assert_eq!(y, list_y, "level with the list's top:\n{shown}");
            assert!(x > list_x && x < 70, "just right of the list:\n{shown}");
        } else {
            assert!(y > h / 2, "along the list's bottom:\n{shown}");
        }
    }
}

/// At 80x24 one pane is shown at a time; a short one is followed under it by what comes next
/// in reading order (the selected actor's quotes under the actors), never half a blank window.
#[test]
fn a_short_pane_at_80x24_is_followed_by_what_comes_next() {
    let mut m = arabic(Pane::Judgments);
    let screen = text(&render(&mut m, 80, 24));
    insta::assert_snapshot!("short_judgments_then_actors_80x24", screen);
    // The judgments, focused, whole; the actors after them, not focused.
    assert!(screen.contains("▶ Judgments 2"), "{screen}");
    assert!(screen.contains("┌ Actors 7"), "{screen}");

    // The timeline is the last pane: the summary follows it.
    let mut m = arabic(Pane::Timeline);
    let screen = text(&render(&mut m, 80, 24));
    assert!(screen.contains("▶ Timeline 2"), "{screen}");
    assert!(screen.contains("┌ Summary"), "{screen}");

    // No more than five blank rows inside the panes, whichever pane has the focus.
    for focus in [
        Pane::Summary,
        Pane::Judgments,
        Pane::Actors,
        Pane::Quotes,
        Pane::Timeline,
    ] {
        let mut m = arabic(focus);
        let screen = text(&render(&mut m, 80, 24));
        let blank = screen
            .lines()
            .filter(|l| matches!(l.trim(), "┃┃" | "││") || l.trim().is_empty())
            .count();
        assert!(blank <= 5, "{focus:?}: {blank} blank rows\n{screen}");
    }
}
