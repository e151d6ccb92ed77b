//! The briefing list: newest first, with flag and unread markers.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, Paragraph};

use super::super::model::{Model, Pane, ViewState};
use super::super::text::truncate;
use super::{pane_block, selection_style};

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, view: &mut ViewState) {
    let theme = model.theme;
    let count = model.library.briefings.len();
    let shown = if model.filter.is_some() {
        format!(" {}/{count}", model.visible.len())
    } else {
        format!(" {count}")
    };
    let block = pane_block(model, Pane::List, shown);
    if count == 0 {
        let text = vec![
            Line::raw("No briefings here."),
            Line::raw(""),
            Line::styled(format!("Folder: {}", model.path.display()), theme.dim()),
        ];
        frame.render_widget(
            Paragraph::new(text).block(block).wrap(Default::default()),
            area,
        );
        return;
    }
    let width = area.width.saturating_sub(2) as usize;
    let items: Vec<ListItem> = model
        .visible
        .iter()
        .map(|&i| &model.library.briefings[i])
        .map(|b| {
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
            let date = Span::styled(format!("{} ", b.date), theme.dim());
            // A narrow list gives the title a line of its own rather than a dozen columns.
            if width < 40 {
                ListItem::new(vec![
                    Line::from(vec![flag, unread, date]),
                    Line::from(vec![
                        Span::raw("  "),
                        Span::styled(truncate(&b.title, width.saturating_sub(2)), title_style),
                    ]),
                ])
            } else {
                ListItem::new(Line::from(vec![
                    flag,
                    unread,
                    date,
                    Span::styled(truncate(&b.title, width.saturating_sub(13)), title_style),
                ]))
            }
        })
        .collect();
    view.list
        .select(model.visible.iter().position(|&i| i == model.selected));
    let list =
        List::new(items)
            .block(block)
            .highlight_style(selection_style(model, Pane::List).patch(
                if model.focus == Pane::List {
                    theme.selected()
                } else {
                    theme.selected_unfocused()
                },
            ));
    frame.render_stateful_widget(list, area, &mut view.list);
}
