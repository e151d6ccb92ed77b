//! Laid-out lines drawn straight into the frame's buffer.
//!
//! The panes' text is laid out (and kept) at the pane's width, so drawing it needs neither
//! wrapping nor a widget: a ratatui `Paragraph` of the same lines would first style its whole
//! area twice with the default style (a pass over every cell that changes none) and gather
//! each line's graphemes in a vector before writing them. On the key path, with the text kept
//! between frames, that was most of what was left before the first byte. This writes the same
//! cells, cell for cell, as `Paragraph::new(lines)` without wrap, scroll or style does in
//! ratatui 0.30 (the tests below compare the two).

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, StyledGrapheme};

/// Draws `lines` from the top of `area`, one a row, each cut where the next grapheme would not
/// fit; rows past the last line are left as they are.
pub fn draw<'a, 'b: 'a>(
    buf: &mut Buffer,
    area: Rect,
    lines: impl IntoIterator<Item = &'a Line<'b>>,
) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    for (y, line) in (area.top()..area.bottom()).zip(lines) {
        draw_line(buf, area, y, line);
    }
}

fn draw_line(buf: &mut Buffer, area: Rect, y: u16, line: &Line<'_>) {
    let max = area.width;
    // What fits, as a paragraph cuts a line: a grapheme wider than the whole row is left out,
    // the first one that would overflow ends the line.
    let fitting = || {
        let mut used = 0u16;
        line.styled_graphemes(Style::default())
            .filter(|g| g.symbol.cell_width() <= max)
            .map_while(move |g| {
                let width = g.symbol.cell_width();
                used = used.checked_add(width).filter(|&u| u <= max)?;
                Some((g, width))
            })
    };
    let mut x = match line.alignment.unwrap_or(Alignment::Left) {
        Alignment::Left => 0,
        other => {
            let width: u16 = fitting().map(|(_, w)| w).sum();
            match other {
                Alignment::Center => (max / 2).saturating_sub(width / 2),
                _ => max.saturating_sub(width),
            }
        }
    };
    for (StyledGrapheme { symbol, style }, width) in fitting() {
        // Zero-width graphemes take no cell.
        if width == 0 {
            continue;
        }
        buf[(area.x + x, y)].set_symbol(symbol).set_style(style);
        x += width;
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier};
    use ratatui::text::Span;
    use ratatui::widgets::{Paragraph, Widget};

    use super::*;

    /// Draws `lines` both ways over a buffer already styled (as the high-contrast screen is) and
    /// asserts every cell is the same.
    fn assert_same_as_paragraph(lines: Vec<Line<'static>>, width: u16, height: u16) {
        let area = Rect::new(0, 0, width + 4, height + 2);
        let inner = Rect::new(2, 1, width, height);
        let mut ground = Buffer::empty(area);
        ground.set_style(area, Style::new().bg(Color::Black).fg(Color::White));
        let mut by_paragraph = ground.clone();
        Paragraph::new(lines.clone()).render(inner, &mut by_paragraph);
        let mut direct = ground;
        draw(&mut direct, inner, &lines);
        assert_eq!(direct, by_paragraph);
    }

    #[test]
    fn plain_and_styled_lines_match_a_paragraph() {
        let lines = vec![
            Line::raw("The convoy left at dawn."),
            Line::from(vec![
                Span::styled("⚑ ", Style::new().red()),
                Span::styled("Actor", Style::new().add_modifier(Modifier::BOLD)),
                Span::raw(" — minister"),
            ])
            .style(Style::new().italic()),
            Line::raw(""),
        ];
        assert_same_as_paragraph(lines, 30, 5);
    }

    #[test]
    fn lines_longer_than_the_area_are_cut_like_a_paragraph() {
        let lines = vec![
            Line::raw("a line much longer than the area it is drawn into"),
            Line::raw("東京で会議が開かれた"),
            Line::raw("x東京"),
        ];
        for width in 1..12 {
            assert_same_as_paragraph(lines.clone(), width, 3);
        }
    }

    #[test]
    fn more_lines_than_rows_stop_at_the_bottom() {
        let lines: Vec<Line> = (0..10).map(|i| Line::raw(format!("row {i}"))).collect();
        assert_same_as_paragraph(lines, 10, 4);
    }

    #[test]
    fn wide_zero_width_and_combining_graphemes_match_a_paragraph() {
        let lines = vec![
            Line::raw("e\u{301}te\u{200b}x 😀 family 👨‍👩‍👧 ﾊﾞ"),
            Line::raw("مرحبا بالعالم"),
        ];
        for width in [1, 2, 3, 7, 40] {
            assert_same_as_paragraph(lines.clone(), width, 2);
        }
    }

    #[test]
    fn aligned_lines_match_a_paragraph() {
        let lines = vec![
            Line::raw("right").right_aligned(),
            Line::raw("centre").centered(),
            Line::raw("a right-aligned line too long").right_aligned(),
        ];
        for width in [3, 10, 11, 30] {
            assert_same_as_paragraph(lines.clone(), width, 3);
        }
    }
}
