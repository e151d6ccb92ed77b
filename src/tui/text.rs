//! Briefing text as styled terminal lines (the measuring and wrapping itself is
//! `crate::text`, shared with the commands).

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

pub use crate::text::{displayable, truncate, wrap, wrap_indented};

/// Wrapped text as styled lines, the first line after `prefix`, the rest indented to match.
pub fn wrap_styled(
    prefix: Vec<Span<'static>>,
    text: &str,
    style: Style,
    width: usize,
) -> Vec<Line<'static>> {
    let indent: usize = prefix.iter().map(|s| s.content.width()).sum();
    let body = wrap(text, width.saturating_sub(indent).max(1));
    let mut prefix = Some(prefix);
    body.into_iter()
        .map(|l| {
            let mut spans = prefix
                .take()
                .unwrap_or_else(|| vec![Span::raw(" ".repeat(indent))]);
            spans.push(Span::styled(l, style));
            Line::from(spans)
        })
        .collect()
}
