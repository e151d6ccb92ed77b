//! What the reader draws, on a TestBackend: snapshots of whole screens at 80x24 and 120x40,
//! and the styles that carry meaning (flag marker, focused pane, TLP, no colour at all).

use std::path::{Path, PathBuf};

use brief::briefing::{Target, load};
use brief::store::Store;
use brief::tui::keymap::Action;
use brief::tui::model::{Model, Pane};
use brief::tui::theme::Theme;
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
    for title in [
        "Summary",
        "Judgments",
        "Actors",
        "Quotes",
        "Timeline",
        "Briefings",
    ] {
        find(&buffer, title);
    }
    // TLP handling in its colour.
    let (x, y) = find(&buffer, "TLP:CLEAR");
    assert_eq!(buffer[(x, y)].bg, Color::White);
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
            let buffer = render(&mut m, 80, 24);
            // The right border of the list pane is in the same column on every row.
            let list_edge = (0..80)
                .find(|&x| buffer[(x, 1)].symbol() == "│" || buffer[(x, 1)].symbol() == "┃")
                .unwrap();
            for y in 1..22 {
                let s = buffer[(list_edge, y)].symbol();
                assert!(
                    s == "│" || s == "┃",
                    "row {y} of briefing {i}: {s:?}\n{}",
                    text(&buffer)
                );
            }
        }
    }
}
