//! The briefing list: newest first, with flag and unread markers.
//!
//! Only the rows on screen are built, so a frame costs the same with ten briefings or a
//! hundred thousand.

use std::sync::Arc;

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::briefing::Briefing;

use super::super::model::{Model, Pane, ViewState};
use super::super::text::two_rows;
use super::pane_block;
use crate::text::width as width_of;

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, view: &mut ViewState) {
    let theme = model.theme;
    let count = model.library.briefings.len();
    let shown = if model.filter.is_some() {
        format!(" {}/{count}", model.visible.len())
    } else {
        format!(" {count}")
    };
    let block = pane_block(model, Pane::List, shown);
    if model.visible.is_empty() {
        let text = match (model.loading, model.filter.is_some()) {
            (Some((done, total)), _) => vec![
                Line::raw("Reading the briefings…"),
                Line::styled(progress(done, total), theme.dim()),
            ],
            (None, true) => vec![
                Line::raw("No briefing passes the filter."),
                Line::styled("Esc clears it; l changes it.", theme.dim()),
            ],
            (None, false) => vec![
                Line::raw("No briefings here."),
                Line::raw(""),
                Line::styled(format!("Folder: {}", model.path.display()), theme.dim()),
            ],
        };
        frame.render_widget(
            Paragraph::new(text)
                .block(block.block())
                .wrap(Default::default()),
            area,
        );
        return;
    }
    let width = area.width.saturating_sub(2) as usize;
    // Two rows a briefing: the title starts after the date and wraps onto the second row.
    let rows_per_item = 2;
    let capacity = (usize::from(area.height.saturating_sub(2)) / rows_per_item).max(1);
    // `visible` is in library order: a binary search, not a pass over the whole list.
    let position = model.visible.binary_search(&model.selected).unwrap_or(0);
    // Scroll only as far as needed to keep the selection on screen.
    let mut offset = view.list_offset.min(position);
    if position >= offset + capacity {
        offset = position + 1 - capacity;
    }
    offset = offset.min(model.visible.len().saturating_sub(capacity));
    view.list_offset = offset;
    view.list_rows_per_item = rows_per_item;
    let end = (offset + capacity).min(model.visible.len());
    let highlight = if model.focus == Pane::List {
        theme.selected()
    } else {
        theme.selected_unfocused()
    };
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let buf = frame.buffer_mut();
    // One buffer for every row's date: the rows are drawn one after the other.
    let mut date = String::new();
    for (slot, &i) in model.visible[offset..end].iter().enumerate() {
        let y = inner.y + (slot * rows_per_item) as u16;
        let rows = Rect::new(inner.x, y, inner.width, rows_per_item as u16).intersection(inner);
        let b = &model.library.briefings[i];
        date.clear();
        let _ = write!(date, "{} ", b.date);
        let title = row_title(view, b, &date, width);
        // Each line drawn as ratatui's `List` draws an item's lines (`Line::render`, row by
        // row), then the selection styled as it styles it; without the list's passes that
        // style its whole area and each row with the default style (changing no cell), nor
        // an item built every frame.
        for (line, row) in row_lines(model, b, &date, &title).iter().zip(rows.rows()) {
            line.render(row, buf);
        }
        if offset + slot == position {
            buf.set_style(rows, highlight);
        }
    }
}

/// A row's title on two rows: wrapped as if the markers and the date were its first words,
/// then those columns given back to them; what does not fit on two rows ends with `…`.
/// Kept from the last frame when it drew this row: a move scrolls the list by a row at most.
fn row_title(
    view: &mut ViewState,
    b: &Arc<Briefing>,
    date: &str,
    width: usize,
) -> Arc<(String, String)> {
    view.cache.title(b, width, || {
        two_rows(&b.title, width, 2 + width_of(date), 2)
    })
}

/// A briefing's two rows: the flag and unread markers, the date, and the title.
fn row_lines<'a>(
    model: &Model,
    b: &Briefing,
    date: &'a str,
    title: &'a (String, String),
) -> [Line<'a>; 2] {
    let theme = model.theme;
    let flag = if model.briefing_flagged(b) {
        Span::styled("⚑", theme.flag())
    } else {
        Span::raw(" ")
    };
    let read = model.is_read(b);
    let unread = if read {
        Span::raw(" ")
    } else {
        Span::styled("•", theme.unread())
    };
    let title_style = if read { theme.base() } else { theme.unread() };
    [
        Line::from(vec![
            flag,
            unread,
            Span::styled(date, theme.dim()),
            Span::styled(title.0.as_str(), title_style),
        ]),
        Line::from(vec![
            Span::raw("  "),
            Span::styled(title.1.as_str(), title_style),
        ]),
    ]
}

/// `1,234 of 10,000`, or just started.
pub fn progress(done: usize, total: usize) -> String {
    if total == 0 {
        return "starting".into();
    }
    format!("{} of {} files", thousands(done), thousands(total))
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;
    use ratatui::widgets::{Block, List, ListItem, ListState};

    use super::*;
    use crate::briefing::load;
    use crate::keymap::Action;
    use crate::store::Store;
    use crate::theme::Theme;
    use crate::tui::update::update;

    /// The list as ratatui's `List` widget drew it before the rows were written straight into
    /// the buffer: the reference the rows are compared with. It scrolls to the offset the
    /// last frame (`draw`) left in `view`: the cells are what is compared here.
    fn by_list_widget(frame: &mut Frame, area: Rect, model: &Model, view: &mut ViewState) {
        let count = model.library.briefings.len();
        let block = pane_block(model, Pane::List, format!(" {count}"));
        let capacity = usize::from(area.height.saturating_sub(2)) / 2;
        let position = model.visible.binary_search(&model.selected).unwrap();
        let offset = view.list_offset;
        let end = (offset + capacity).min(model.visible.len());
        let rows: Vec<(String, Arc<(String, String)>)> = model.visible[offset..end]
            .iter()
            .map(|&i| {
                let b = &model.library.briefings[i];
                let date = format!("{} ", b.date);
                let title = row_title(view, b, &date, usize::from(area.width - 2));
                (date, title)
            })
            .collect();
        let items: Vec<ListItem> = model.visible[offset..end]
            .iter()
            .zip(&rows)
            .map(|(&i, (date, title))| {
                ListItem::new(row_lines(model, &model.library.briefings[i], date, title).to_vec())
            })
            .collect();
        let highlight = if model.focus == Pane::List {
            model.theme.selected()
        } else {
            model.theme.selected_unfocused()
        };
        let mut state = ListState::default().with_selected(Some(position - offset));
        let list = List::new(items)
            .block(block.block())
            .highlight_style(highlight);
        frame.render_stateful_widget(list, area, &mut state);
    }

    /// Draws the list both ways over a screen already styled (as the high-contrast one is).
    fn both_ways(model: &mut Model, width: u16, height: u16) -> (Buffer, Buffer) {
        let area = Rect::new(0, 0, width, height);
        let mut drawn = Vec::new();
        for reference in [false, true] {
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            let mut view = std::mem::take(&mut model.view);
            terminal
                .draw(|frame| {
                    frame.render_widget(Block::new().style(model.theme.screen()), area);
                    if reference {
                        by_list_widget(frame, area, model, &mut view);
                    } else {
                        draw(frame, area, model, &mut view);
                    }
                })
                .unwrap();
            model.view = view;
            drawn.push(terminal.backend().buffer().clone());
        }
        let reference = drawn.pop().unwrap();
        (drawn.pop().unwrap(), reference)
    }

    #[test]
    fn rows_are_the_cells_ratatuis_list_draws_with_their_styles() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
        for theme in [Theme::COLOR, Theme::HIGH_CONTRAST, Theme::MONOCHROME] {
            let library = load(std::slice::from_ref(&dir)).unwrap();
            let mut model = Model::new(library, Store::open_in_memory(), dir.clone(), theme);
            assert!(
                model.visible.len() > 4,
                "the shipped briefings fill a few rows"
            );
            // A flagged briefing, a read one, the selection moved past a short list's end so
            // the list scrolls, and the focus both on the list and away from it.
            update(&mut model, Action::ToggleFlag);
            update(&mut model, Action::Down);
            update(&mut model, Action::ToggleRead);
            update(&mut model, Action::Down);
            update(&mut model, Action::Down);
            for (width, height) in [(40, 9), (28, 14), (60, 40)] {
                for focus in [Pane::List, Pane::Summary] {
                    model.focus = focus;
                    let (direct, reference) = both_ways(&mut model, width, height);
                    assert_eq!(
                        direct, reference,
                        "{theme:?} at {width}x{height}, {focus:?}"
                    );
                }
                // Three briefings a screen at 40x9: the fourth selected scrolls the list.
                if height == 9 {
                    assert!(model.view.list_offset > 0, "the 40x9 list scrolled");
                }
            }
        }
    }
}
