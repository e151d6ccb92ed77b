//! The member picker (`A`): whom to ask to follow a flag up.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::super::model::{AssignPicker, Model};
use super::super::text::truncate;
use super::overlay::{clear, frame_block, input_cursor, input_line, window};
use crate::keymap::Action;

/// The widest the picker gets: member names are at most 64 characters.
const WIDTH: u16 = 72;

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, picker: &AssignPicker) {
    let theme = model.theme;
    let choices = picker.choices();
    // The item, who has it now, the name typed, the names (at least a few rows), the keys.
    let list_rows = choices.len().clamp(3, 12) as u16;
    let rect = window(area, WIDTH, list_rows + 6);
    let width = rect.width.saturating_sub(4) as usize;
    clear(frame, rect);
    let block = frame_block(model, " Assign to a member of the team ")
        .padding(ratatui::widgets::Padding::horizontal(1));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);

    let kind = picker
        .target
        .item
        .as_ref()
        .map_or("briefing", |(k, _)| k.as_str());
    // The briefing too: a dossier's rows are one actor in several briefings.
    let what = match model.library.resolve(&picker.target) {
        Some(item) if picker.target.item.is_some() => {
            let b = item.briefing();
            format!("{kind}: {} · {} {}", item.describe(), b.date, b.title)
        }
        Some(item) => format!("{kind}: {}", item.describe()),
        None => picker.target.to_string(),
    };
    // Names come from files in the team folder: only valid member names are offered (letters,
    // digits, `.`, `_`, `-`), and they go through the same cut as any text shown.
    let now = match &picker.current {
        Some(name) => format!("now assigned to {}", truncate(name, 64)),
        None if picker.private => {
            "kept private (flagged before the team): assigning shares it".to_string()
        }
        None => "not assigned yet".to_string(),
    };
    let mut name = vec![Span::styled("Name: ", theme.key())];
    name.extend(input_line(&picker.input, width.saturating_sub(7), theme.base()).spans);
    let head = vec![
        Line::styled(truncate(&what, width), theme.title()),
        Line::styled(truncate(&now, width), theme.dim()),
        Line::from(name),
    ];
    let head_area = Rect { height: 3, ..inner };
    frame.render_widget(Paragraph::new(head), head_area);
    frame.set_cursor_position((
        inner.x + 6 + input_cursor(&picker.input, width.saturating_sub(7)),
        inner.y + 2,
    ));

    let list_area = Rect {
        y: inner.y + 3,
        height: inner.height.saturating_sub(4),
        ..inner
    };
    if choices.is_empty() {
        let text = if picker.members.is_empty() {
            "No other member has a file in the team folder yet: type a name"
        } else {
            "No member's name contains that, and it cannot be a member name"
        };
        frame.render_widget(
            Paragraph::new(Line::styled(truncate(text, width), theme.warning())),
            list_area,
        );
    } else {
        let items: Vec<ListItem> = choices
            .iter()
            .map(|c| {
                let mut spans = vec![Span::styled(
                    truncate(&c.name, width.saturating_sub(4)),
                    theme.base(),
                )];
                if c.nobody {
                    spans.push(Span::styled(" (take the assignment back)", theme.dim()));
                } else if !c.known {
                    spans.push(Span::styled(" (new: no team file yet)", theme.dim()));
                } else if picker.current.as_deref() == Some(c.name.as_str()) {
                    spans.push(Span::styled(" (now)", theme.dim()));
                }
                ListItem::new(Line::from(spans))
            })
            .collect();
        let mut state =
            ListState::default().with_selected(Some(picker.selected.min(choices.len() - 1)));
        frame.render_stateful_widget(
            List::new(items)
                .highlight_style(theme.selected())
                .highlight_symbol("▶ "),
            list_area,
            &mut state,
        );
    }
    let keys = if !picker.typing {
        let nav = model
            .keymap
            .hints(&[(Action::Down, ""), (Action::Up, "")], false, "", "/");
        format!("{nav}: move · type or / to narrow · Enter: assign · Esc: cancel")
    } else {
        "↑/↓: move · Enter: assign · Esc: cancel".to_string()
    };
    let keys_area = Rect {
        y: inner.y + inner.height.saturating_sub(1),
        height: 1.min(inner.height),
        ..inner
    };
    frame.render_widget(
        Paragraph::new(Line::styled(truncate(&keys, width), theme.dim())),
        keys_area,
    );
}
