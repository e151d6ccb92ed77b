//! Fitting text to terminal columns, for the reader and the commands alike: measured by display
//! width (wide characters count two), wrapped with textwrap, cut with an ellipsis.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Text as a terminal should get it: tabs as spaces (a tab's width depends on the column),
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

/// Columns the text takes in a terminal.
pub fn width(text: &str) -> usize {
    displayable(text).width()
}

/// Cuts text to at most `max` columns (on one line), ending with `…` when it was longer.
pub fn truncate(text: &str, max: usize) -> String {
    let text = displayable(text).replace('\n', " ");
    if text.width() <= max {
        return text;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// Pads text with spaces to `columns` columns.
pub fn pad(text: &str, columns: usize) -> String {
    let mut out = text.to_string();
    out.extend(std::iter::repeat_n(
        ' ',
        columns.saturating_sub(width(text)),
    ));
    out
}

/// Wraps text to `width` columns, keeping paragraphs and blank lines, long words broken.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_indented(text, width, "", "")
}

/// Wraps text to `width` columns, each line starting with `first` (the first) or `rest` (the
/// others); newlines in the text are kept as line breaks. No line of the result is wider than
/// `width`, whatever the text holds.
pub fn wrap_indented(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let width = width.max(1);
    let text = displayable(text);
    let options = textwrap::Options::new(width)
        .break_words(true)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .initial_indent(first)
        .subsequent_indent(rest);
    let mut lines: Vec<String> = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        if line.trim().is_empty() {
            lines.push(String::new());
            continue;
        }
        let options = if i == 0 {
            options.clone()
        } else {
            options.clone().initial_indent(rest)
        };
        lines.extend(
            textwrap::wrap(line.trim_end(), options)
                .into_iter()
                .map(|l| l.trim_end().to_string()),
        );
    }
    lines
        .into_iter()
        .flat_map(|l| hard_split(&l, width))
        .collect()
}

/// The last guard: splits a line that is still too wide at character boundaries.
fn hard_split(line: &str, max: usize) -> Vec<String> {
    if line.width() <= max {
        return vec![line.to_string()];
    }
    let mut out = vec![String::new()];
    let mut used = 0;
    for c in line.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max && used > 0 {
            out.push(String::new());
            used = 0;
        }
        if let Some(last) = out.last_mut() {
            last.push(c);
        }
        used += w;
    }
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
    fn indents_and_never_exceeds_the_width() {
        let lines = wrap_indented("one two three\nfour 漢字漢字漢字漢字", 8, "- ", "  ");
        assert_eq!(lines[0], "- one");
        for l in &lines {
            assert!(l.width() <= 8, "{l:?}");
        }
    }

    #[test]
    fn flags_become_letters_and_tabs_spaces() {
        assert_eq!(displayable("Iraq 🇮🇶\tx"), "Iraq [IQ]    x");
        assert_eq!(width("🇮🇶"), 4);
    }

    #[test]
    fn truncates_to_width() {
        assert_eq!(truncate("قاآني زار بغداد", 6).width(), 6);
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("abcdefgh", 5), "abcd…");
        assert_eq!(pad("漢", 4), "漢  ");
    }
}
