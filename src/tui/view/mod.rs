//! Drawing the model. Views read the model; the only thing they write is `ViewState`
//! (scroll offsets), which ratatui's stateful widgets keep between frames.

mod assign;
mod detail;
mod lines;
pub mod link;
mod list;
mod overlay;
pub mod pane_cache;
mod search;
mod status;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget, Wrap};

use super::model::{Cursor, Model, Pane};
use crate::theme::Theme;

/// Below this the panes cannot show anything useful; the reader says so instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

pub fn draw(frame: &mut Frame, model: &mut Model) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, model.theme);
        return;
    }
    if model.theme.high_contrast {
        frame.render_widget(Block::new().style(model.theme.screen()), area);
    }
    let mut view = std::mem::take(&mut model.view);
    view.panes.clear();
    view.pages.clear();
    view.links.clear();
    let [main, status_row] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    view.detail_area = None;
    if list_steps_aside(model, main.width) {
        detail::draw(frame, main, model, &mut view);
    } else {
        let list_width = (main.width * 3 / 10).clamp(28, 60);
        let [list_area, detail_area] =
            Layout::horizontal([Constraint::Length(list_width), Constraint::Min(1)]).areas(main);
        view.panes.push((Pane::List, list_area));
        list::draw(frame, list_area, model, &mut view);
        detail::draw(frame, detail_area, model, &mut view);
        view.detail_area = Some(detail_area);
    }
    status::draw(frame, status_row, model);
    overlay::draw(frame, area, model, &mut view);
    view.cache.frame_done();
    model.view = view;
}

/// Lays out, while the reader waits for its next key, the briefings a move in the list goes
/// to (those already read in full: see `update::neighbours_to_read`), so that the move's frame
/// finds their panes laid out: each measured as the move's frame would measure it (selected,
/// its cursor at the start, in the place the last frame gave the briefing beside the list).
/// Nothing is drawn; only the kept text changes.
pub fn prepare_neighbours(model: &mut Model) {
    if model.overlay.is_some() || model.focus != Pane::List {
        return;
    }
    let Some(area) = model.view.detail_area else {
        return;
    };
    let Ok(at) = model.visible.binary_search(&model.selected) else {
        return;
    };
    let neighbours: Vec<usize> = [at.checked_add(1), at.checked_sub(1)]
        .into_iter()
        .flatten()
        .filter_map(|i| model.visible.get(i).copied())
        .filter(|&i| {
            let b = &model.library.briefings[i];
            !b.is_stub() && !model.view.cache.holds(b)
        })
        .collect();
    if neighbours.is_empty() {
        return;
    }
    let (selected, cursor) = (model.selected, model.cursor);
    let mut view = std::mem::take(&mut model.view);
    for index in neighbours {
        model.selected = index;
        model.cursor = Cursor::default();
        detail::prepare(model, &mut view, area);
    }
    (model.selected, model.cursor) = (selected, cursor);
    model.view = view;
}

/// From this width on, the list stays on screen while a briefing is read.
pub const LIST_STAYS_WIDTH: u16 = 160;

/// Whether the list makes room for the briefing being read (focus in its panes): below
/// [`LIST_STAYS_WIDTH`] the briefing reads better at the full width; `Esc` brings the list back.
pub fn list_steps_aside(model: &Model, width: u16) -> bool {
    model.focus != Pane::List && model.briefing().is_some() && width < LIST_STAYS_WIDTH
}

fn too_small(frame: &mut Frame, area: Rect, theme: Theme) {
    let text = vec![
        Line::styled("brief", theme.title()),
        Line::raw(format!("The window is {}x{}.", area.width, area.height)),
        Line::raw(format!("brief needs at least {MIN_WIDTH}x{MIN_HEIGHT}.")),
        Line::raw("Enlarge it, or press q to quit."),
    ];
    let height = (text.len() as u16).min(area.height);
    let y = area.y + area.height.saturating_sub(height) / 2;
    frame.render_widget(
        Paragraph::new(text)
            .alignment(ratatui::layout::Alignment::Center)
            .wrap(Wrap { trim: true }),
        Rect::new(area.x, y, area.width, height),
    );
}

/// The frame around a pane: its title, a count, and the focus shown by colour and by weight
/// (so it is visible without colour too).
pub(crate) fn pane_block<'a>(model: &Model, pane: Pane, extra: String) -> PaneFrame<'a> {
    let focused = model.focus == pane;
    let theme = model.theme;
    let (border, marker) = if focused {
        (theme.focused_border(), "▶ ")
    } else {
        (theme.border(), "")
    };
    let title = Line::from(vec![
        Span::styled(
            format!(" {marker}{}", pane.title()),
            if focused { border } else { theme.title() },
        ),
        Span::styled(
            format!("{extra} "),
            if focused { border } else { theme.dim() },
        ),
    ]);
    PaneFrame {
        border_type: if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        },
        border,
        title,
    }
}

/// A pane's borders and title: what `Block::bordered()` with this border type, border style
/// and title draws, drawn straight into the buffer. The block would first style its whole area
/// with its own style, the default, which changes no cell: on a wide screen that pass over
/// every cell of every pane was a tenth of a key's frame.
pub(crate) struct PaneFrame<'a> {
    border_type: BorderType,
    border: Style,
    title: Line<'a>,
}

impl<'a> PaneFrame<'a> {
    /// The same frame as a ratatui block, for widgets that take one.
    pub fn block(self) -> Block<'a> {
        Block::bordered()
            .border_type(self.border_type)
            .border_style(self.border)
            .title(self.title)
    }

    /// The room inside the borders.
    pub fn inner(&self, area: Rect) -> Rect {
        Block::bordered().inner(area)
    }
}

impl Widget for PaneFrame<'_> {
    /// As ratatui 0.30's `Block` draws its borders (the sides, then the corners, each cell's
    /// symbol replaced and the border style patched in) and a left-aligned title on the top row
    /// between the corners.
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let set = self.border_type.to_border_set();
        let (left, top) = (area.left(), area.top());
        let (right, bottom) = (
            area.right().saturating_sub(1),
            area.bottom().saturating_sub(1),
        );
        let mut put = |x: u16, y: u16, symbol: &str| {
            buf[(x, y)].set_symbol(symbol).set_style(self.border);
        };
        for y in top..=bottom {
            put(left, y, set.vertical_left);
        }
        for x in left..=right {
            put(x, top, set.horizontal_top);
        }
        for y in top..=bottom {
            put(right, y, set.vertical_right);
        }
        for x in left..=right {
            put(x, bottom, set.horizontal_bottom);
        }
        put(right, bottom, set.bottom_right);
        put(right, top, set.top_right);
        put(left, bottom, set.bottom_left);
        put(left, top, set.top_left);
        let room = Rect::new(left.saturating_add(1), top, area.width.saturating_sub(2), 1);
        if !room.is_empty() {
            let width = self.title.width().min(usize::from(u16::MAX)) as u16;
            self.title.render(
                Rect {
                    width: width.min(room.width),
                    ..room
                },
                buf,
            );
        }
    }
}

/// The flag marker of a target: `⚑` open, `✓` done, blank otherwise; always two columns.
pub(crate) fn flag_marker(model: &Model, target: &str) -> Span<'static> {
    use crate::store::FlagStatus;
    match model.flag_status(target) {
        Some(FlagStatus::Open) => Span::styled("⚑ ", model.theme.flag()),
        Some(FlagStatus::Done) => Span::styled("✓ ", model.theme.done()),
        None => Span::raw("  "),
    }
}

pub(crate) fn selection_style(model: &Model, pane: Pane) -> Style {
    if model.focus == pane {
        model.theme.selected()
    } else {
        Style::new()
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier};

    use super::*;

    #[test]
    fn a_pane_frame_draws_the_cells_of_its_ratatui_block() {
        let titles = [
            Line::from(vec![
                Span::styled(" ▶ Actors", Style::new().yellow().bold()),
                Span::styled(" 12 ", Style::new().dim()),
            ]),
            Line::raw(" 東京の会議 and a title longer than most panes are wide "),
            Line::raw(""),
        ];
        for border_type in [BorderType::Plain, BorderType::Thick] {
            for title in &titles {
                for (width, height) in [(1, 1), (2, 1), (1, 3), (3, 2), (3, 3), (9, 4), (30, 6)] {
                    let area = Rect::new(0, 0, width + 2, height + 1);
                    let pane = Rect::new(1, 1, width, height);
                    // Drawn over a styled screen, as the high-contrast theme's is.
                    let mut ground = Buffer::empty(area);
                    ground.set_style(area, Style::new().bg(Color::Black).fg(Color::White));
                    ground.set_style(pane, Style::new().add_modifier(Modifier::ITALIC));
                    let frame = || PaneFrame {
                        border_type,
                        border: Style::new().cyan().add_modifier(Modifier::BOLD),
                        title: title.clone(),
                    };
                    let mut by_block = ground.clone();
                    frame().block().render(pane, &mut by_block);
                    let mut direct = ground;
                    frame().render(pane, &mut direct);
                    assert_eq!(direct, by_block, "{border_type:?} {width}x{height} {title}");
                    assert_eq!(frame().inner(pane), frame().block().inner(pane));
                }
            }
        }
    }
}
