//! The briefing list: newest first, with flag and unread markers.
//!
//! Only the rows on screen are built, so a frame costs the same with ten briefings or a
//! hundred thousand.

use std::sync::Arc;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

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
            Paragraph::new(text).block(block).wrap(Default::default()),
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
    let items: Vec<ListItem> = model.visible[offset..end]
        .iter()
        .map(|&i| row(model, view, &model.library.briefings[i], width))
        .collect();
    let highlight = if model.focus == Pane::List {
        theme.selected()
    } else {
        theme.selected_unfocused()
    };
    let mut state = ListState::default().with_selected(Some(position - offset));
    frame.render_stateful_widget(
        List::new(items).block(block).highlight_style(highlight),
        area,
        &mut state,
    );
}

fn row(model: &Model, view: &mut ViewState, b: &Arc<Briefing>, width: usize) -> ListItem<'static> {
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
    let date = format!("{} ", b.date);
    // The title wrapped as if the markers and the date were its first words, then those
    // columns given back to them; what does not fit on two rows ends with `…`.
    // Kept from the last frame when it drew this row: a move scrolls the list by a row at most.
    let title = view.cache.title(b, width, || {
        two_rows(&b.title, width, 2 + width_of(&date), 2)
    });
    let (first, second) = (title.0.clone(), title.1.clone());
    ListItem::new(vec![
        Line::from(vec![
            flag,
            unread,
            Span::styled(date, theme.dim()),
            Span::styled(first, title_style),
        ]),
        Line::from(vec![Span::raw("  "), Span::styled(second, title_style)]),
    ])
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
