//! Turning briefing text into terminal lines: wrapping by display width, tabs and flags made
//! safe to measure.

use std::borrow::Cow;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Text as the terminal should get it: tabs as spaces (a tab's width depends on the column),
/// regional-indicator flags (🇮🇶) as their letters (`[IQ]`), since terminals disagree on
/// their width and a wrong guess shifts the rest of the line.
pub fn displayable(text: &str) -> Cow<'_, str> {
    let needs = text.chars().any(|c| c == '\t' || is_regional_indicator(c));
    if !needs {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\t' {
            out.push_str("    ");
        } else if is_regional_indicator(c) {
            out.push('[');
            out.push(letter(c));
            if let Some(&next) = chars.peek().filter(|n| is_regional_indicator(**n)) {
                out.push(letter(next));
                chars.next();
            }
            out.push(']');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1f1e6}'..='\u{1f1ff}').contains(&c)
}

fn letter(c: char) -> char {
    char::from_u32('A' as u32 + (c as u32 - 0x1f1e6)).unwrap_or('?')
}

/// Wraps text to `width` columns (wide characters counted as two), keeping paragraphs.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let text = displayable(text);
    let options = textwrap::Options::new(width).break_words(true);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        if paragraph.trim().is_empty() {
            lines.push(String::new());
            continue;
        }
        lines.extend(
            textwrap::wrap(paragraph, &options)
                .into_iter()
                .map(|l| l.into_owned()),
        );
    }
    lines
}

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

/// Cuts text to at most `width` columns, ending with `…` when it was longer.
pub fn truncate(text: &str, width: usize) -> String {
    let text = displayable(text);
    let text = text.replace('\n', " ");
    if text.width() <= width {
        return text;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_by_display_width() {
        let lines = wrap("漢字漢字漢字 abc", 6);
        for l in &lines {
            assert!(l.width() <= 6, "{l:?}");
        }
        assert_eq!(lines.concat().replace(' ', ""), "漢字漢字漢字abc");
    }

    #[test]
    fn breaks_long_words_and_keeps_blank_lines() {
        let lines = wrap("aaaaaaaaaa\n\nb", 4);
        assert_eq!(lines, vec!["aaaa", "aaaa", "aa", "", "b"]);
    }

    #[test]
    fn flags_become_letters_and_tabs_spaces() {
        assert_eq!(displayable("Iraq 🇮🇶\tx"), "Iraq [IQ]    x");
    }

    #[test]
    fn truncates_to_width() {
        assert_eq!(truncate("قاآني زار بغداد", 6).width(), 6);
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("abcdefgh", 5), "abcd…");
    }
}
