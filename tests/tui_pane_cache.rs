//! The text the reader keeps laid out between frames (`view::pane_cache`): a frame drawn from
//! kept text is exactly the frame drawn from nothing, after each thing the text depends on
//! changes (a flag or a note, the window's size, the focus and the selection, the file read
//! again, the theme), and the briefings a move in the list goes to are laid out before the key.

use std::path::{Path, PathBuf};

use brief::briefing::{Target, load};
use brief::keymap::Action;
use brief::store::{Change, Store};
use brief::theme::Theme;
use brief::tui::model::{Model, Pane};
use brief::tui::update::{jump, replace_library, save, update};
use brief::tui::view::{draw, prepare_neighbours};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

const SEED: &str = "2024-09-18-qaani-baghdad";

fn shipped() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings")
}

fn model_of(dir: &Path) -> Model {
    let library = load(&[dir.to_path_buf()]).unwrap();
    Model::new(
        library,
        Store::open_in_memory(),
        dir.to_path_buf(),
        Theme::COLOR,
    )
}

/// A frame drawn with whatever the model keeps.
fn frame(model: &mut Model, width: u16, height: u16) -> Buffer {
    model.size = (width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| draw(f, model)).unwrap();
    terminal.backend().buffer().clone()
}

/// Draws a frame from kept text, then the same frame with nothing kept, and says they are the
/// same; returns the frame.
fn same_as_built_anew(model: &mut Model, width: u16, height: u16, what: &str) -> Buffer {
    let kept = frame(model, width, height);
    model.view.cache.clear();
    let anew = frame(model, width, height);
    assert!(
        kept == anew,
        "{what}: the frame drawn from kept text differs from the one built anew"
    );
    kept
}

fn text(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// The selected briefing open at 200x60 with every pane on screen, focus in `pane`, one frame
/// drawn so that its text is kept.
fn reading(pane: Pane) -> Model {
    let mut m = model_of(&shipped());
    jump(&mut m, &Target::briefing(SEED));
    m.focus = pane;
    frame(&mut m, 200, 60);
    assert!(!m.view.cache.is_empty(), "the first frame keeps its panes");
    m
}

#[test]
fn a_kept_pane_shows_a_flag_and_a_note_made_since() {
    let mut m = reading(Pane::Quotes);
    let before = text(&frame(&mut m, 200, 60));
    update(&mut m, Action::ToggleFlag);
    let target = m.focused_item().unwrap().target().to_string();
    assert!(save(
        &mut m,
        Change::Note {
            target,
            note: "Check the date against the ministry's own account".into(),
        }
    ));
    let after = text(&same_as_built_anew(&mut m, 200, 60, "flag and note"));
    assert_ne!(before, after);
    assert!(after.contains('⚑'), "the flag marker is drawn");
    assert!(
        after.contains("Check the date against"),
        "the note is drawn"
    );
    // And taken away again.
    update(&mut m, Action::ToggleFlag);
    let cleared = text(&same_as_built_anew(&mut m, 200, 60, "flag removed"));
    assert!(!cleared.contains("Check the date against"));
}

#[test]
fn a_kept_pane_is_laid_out_again_when_the_window_is_resized() {
    let mut m = reading(Pane::Actors);
    let wide = text(&frame(&mut m, 200, 60));
    for (w, h) in [(160, 50), (120, 40), (80, 24), (200, 60), (100, 30)] {
        let shown = text(&same_as_built_anew(&mut m, w, h, &format!("{w}x{h}")));
        if (w, h) != (200, 60) {
            assert_ne!(shown, wide, "{w}x{h}");
        }
    }
}

#[test]
fn a_kept_pane_follows_the_focus_and_the_selection() {
    // At 200x60 every pane is on screen; at 80x24 they share the window under tabs.
    for (w, h) in [(200, 60), (80, 24)] {
        let mut m = reading(Pane::Summary);
        let mut seen = vec![text(&frame(&mut m, w, h))];
        // The actors take the focus: their selected actor's quotes are picked out (`◆`), and
        // each move to another actor picks out others.
        let mut highlighted = 0;
        for action in [
            Action::NextPane,
            Action::NextPane,
            Action::Down,
            Action::Down,
            Action::Down,
            Action::Down,
            Action::Down,
            Action::Up,
            Action::NextPane,
            Action::Down,
            Action::Bottom,
            Action::NextPane,
            Action::PrevPane,
            Action::PrevPane,
            Action::Top,
        ] {
            update(&mut m, action);
            let what = format!("{w}x{h} after {action:?}");
            let shown = text(&same_as_built_anew(&mut m, w, h, &what));
            let marked = |screen: &str| screen.matches('◆').count();
            if m.focus == Pane::Actors && marked(&shown) != marked(seen.last().unwrap()) {
                highlighted += 1;
            }
            seen.push(shown);
        }
        // (At 80x24 the quotes pane is not beside the actors.)
        if w == 200 {
            assert!(
                highlighted >= 2,
                "moves between actors picked out other quotes"
            );
        }
        seen.dedup();
        assert!(seen.len() > 8, "{w}x{h}: the moves changed what is shown");
    }
}

#[test]
fn a_kept_pane_is_laid_out_again_when_its_file_is_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let file = format!("{SEED}.toml");
    let original = std::fs::read_to_string(shipped().join(&file)).unwrap();
    std::fs::write(dir.path().join(&file), &original).unwrap();
    let mut m = model_of(dir.path());
    jump(&mut m, &Target::briefing(SEED));
    m.focus = Pane::Summary;
    let before = text(&frame(&mut m, 200, 60));
    assert!(before.contains("unannounced"));
    let changed = original.replace("unannounced", "without warning");
    assert_ne!(changed, original);
    std::fs::write(dir.path().join(&file), changed).unwrap();
    let library = load(&[dir.path().to_path_buf()]).unwrap();
    replace_library(&mut m, library, None, false);
    let after = text(&same_as_built_anew(&mut m, 200, 60, "file read again"));
    assert!(after.contains("without warning"), "the new text is drawn");
    assert!(!after.contains("unannounced"), "the old text is gone");
}

#[test]
fn a_kept_pane_takes_the_new_theme() {
    let mut m = reading(Pane::Actors);
    let coloured = frame(&mut m, 200, 60);
    for theme in [Theme::MONOCHROME, Theme::HIGH_CONTRAST, Theme::COLOR] {
        m.theme = theme;
        let shown = same_as_built_anew(&mut m, 200, 60, &format!("{theme:?}"));
        if theme == Theme::MONOCHROME {
            assert!(shown != coloured, "no colour is not the coloured frame");
            let area = shown.area;
            let any_colour = (0..area.height).any(|y| {
                (0..area.width).any(|x| {
                    let cell = &shown[(x, y)];
                    cell.fg != ratatui::style::Color::Reset
                        || cell.bg != ratatui::style::Color::Reset
                })
            });
            assert!(!any_colour, "kept text drawn under NO_COLOR has no colour");
        }
    }
}

#[test]
fn the_briefings_a_move_goes_to_are_laid_out_before_the_key() {
    let mut m = model_of(&shipped());
    m.focus = Pane::List;
    frame(&mut m, 200, 60);
    // Every briefing of the shipped folder is read in full here: both neighbours qualify.
    let kept = m.view.cache.len();
    prepare_neighbours(&mut m);
    assert!(
        m.view.cache.len() > kept,
        "the next briefing's panes are kept before the move"
    );
    let selected = m.selected;
    // Laid out off screen, the selection and the screen left as they were.
    assert_eq!(m.selected, selected);
    let mut last = text(&frame(&mut m, 200, 60));
    for action in [
        Action::Down,
        Action::Down,
        Action::Up,
        Action::Bottom,
        Action::Up,
    ] {
        prepare_neighbours(&mut m);
        update(&mut m, action);
        let shown = text(&same_as_built_anew(
            &mut m,
            200,
            60,
            &format!("list after {action:?}"),
        ));
        assert_ne!(shown, last, "{action:?} showed another briefing");
        last = shown;
    }
}
