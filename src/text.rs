//! Fitting text to terminal columns, for the reader and the commands alike: measured by display
//! width (wide characters count two), wrapped with textwrap, cut with an ellipsis.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Text as a terminal should get it: tabs as spaces (a tab's width depends on the column),
/// regional-indicator flags (🇮🇶) as their letters (`[IQ]`), since terminals disagree on
/// their width and a wrong guess shifts the rest of the line.
pub fn displayable(text: &str) -> Cow<'_, str> {
    let needs = if text.is_ascii() {
        text.contains('\t')
    } else {
        text.chars().any(|c| c == '\t' || is_regional_indicator(c))
    };
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
///
/// Lines break where the Unicode line breaking algorithm (UAX #14, through textwrap) allows, so
/// closing punctuation (`.` `,` `;` `:` `)` `»` `”` `’` ...) stays with the word before it, even
/// across a space (`« mot »`). A word wider than the line (a URL, say) is broken after a `/` or
/// a `-` when it has one, and never just before closing punctuation or a combining mark.
pub fn wrap_indented(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let width = width.max(1);
    let text = displayable(text);
    // Most lines fit as they are (a listing of 200,000 flags is mostly such lines): no need to
    // look for places to break them.
    if let Some(line) = fits_whole(&text, width, first) {
        return vec![line];
    }
    wrap_lines(&text, width, first, rest)
}

/// `first` and the text, when the text is one line that fits in `width` beside it as it is.
fn fits_whole(text: &str, width: usize, first: &str) -> Option<String> {
    let line = text.trim_end();
    let plain = !line.is_empty() && !line.contains(['\n', '\r', WORD_JOINER]);
    // Printable ASCII takes a column a byte.
    let columns = |s: &str| match s.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        true => s.len(),
        false => s.width(),
    };
    (plain && columns(first) + columns(line) <= width).then(|| format!("{first}{line}"))
}

fn wrap_lines(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let options = textwrap::Options::new(width)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::UnicodeBreakProperties)
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
        let glued = glue_closing_punctuation(line.trim_end());
        for (j, wrapped) in textwrap::wrap(&glued, options).into_iter().enumerate() {
            let wrapped = wrapped.replace(WORD_JOINER, "");
            let wrapped = wrapped.trim_end();
            let indent = if i == 0 && j == 0 { first } else { rest };
            if wrapped.width() <= width {
                lines.push(wrapped.to_string());
                continue;
            }
            // A word wider than the line: textwrap left it whole, on a line of its own.
            let body = wrapped.strip_prefix(indent).unwrap_or(wrapped);
            let room = width.saturating_sub(indent.width().max(rest.width()));
            if room == 0 {
                lines.push(wrapped.to_string());
                continue;
            }
            for (k, piece) in break_long_word(body, room).into_iter().enumerate() {
                lines.push(format!("{}{piece}", if k == 0 { indent } else { rest }));
            }
        }
    }
    lines
        .into_iter()
        .flat_map(|l| hard_split(&l, width))
        .collect()
}

/// U+2060, which forbids a line break on either side (UAX #14 class WJ) and takes no column.
const WORD_JOINER: char = '\u{2060}';

/// Punctuation that closes what comes before it: never the first thing on a line.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '»'
            | '›'
            | '”'
            | '’'
            | '…'
            | '،'
            | '؛'
            | '؟'
            | '۔'
    )
}

/// Keeps closing punctuation that follows a space (`« mot »`, `votes .`) on the line of the
/// word before it, where UAX #14 alone would allow a break after the space.
fn glue_closing_punctuation(line: &str) -> std::borrow::Cow<'_, str> {
    let mut chars = line.char_indices().peekable();
    let mut needs = false;
    while let Some((_, c)) = chars.next() {
        if c == ' ' && chars.peek().is_some_and(|&(_, n)| is_closing(n)) {
            needs = true;
            break;
        }
    }
    if !needs {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == ' ' && chars.peek().is_some_and(|&n| is_closing(n)) && !out.trim().is_empty() {
            out.push(WORD_JOINER);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Breaks one word wider than `max` columns into pieces that fit: after the last `/` or `-`
/// that fits (a URL, a path, a compound), else after as many characters as fit, moved back so
/// that a piece never starts with closing punctuation or a combining mark.
fn break_long_word(word: &str, max: usize) -> Vec<String> {
    let chars: Vec<(char, usize)> = word.chars().map(|c| (c, c.width().unwrap_or(0))).collect();
    let mut pieces = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        // How many characters fit from `start`.
        let mut end = start;
        let mut used = 0;
        while end < chars.len() && used + chars[end].1 <= max {
            used += chars[end].1;
            end += 1;
        }
        if end == chars.len() {
            pieces.push(chars[start..].iter().map(|(c, _)| c).collect());
            break;
        }
        let mut cut = (start + 1..end)
            .rev()
            .find(|&i| matches!(chars[i - 1].0, '/' | '-') && !bad_start(chars[i].0))
            .or_else(|| (start + 1..=end).rev().find(|&i| !bad_start(chars[i].0)))
            .unwrap_or(end);
        if cut <= start {
            // One character wider than the line (only when `max` is 1): let it through.
            cut = start + 1;
        }
        pieces.push(chars[start..cut].iter().map(|(c, _)| c).collect());
        start = cut;
    }
    pieces
}

/// A piece of a broken word must not start with this.
fn bad_start(c: char) -> bool {
    is_closing(c) || c.width() == Some(0)
}

/// The last guard: splits a line that is still too wide at character boundaries (only a line
/// whose indent leaves no room gets here).
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

    const CLOSING: [char; 8] = ['.', ',', ';', ':', ')', '»', '”', '’'];

    /// Every line but the first starts with something other than closing punctuation, none is
    /// wider than `width`, and no visible character is lost.
    #[test]
    fn a_line_that_fits_is_kept_as_the_full_wrap_would_keep_it() {
        for text in [
            "plain words",
            "  leading spaces and  two inside  ",
            "« mot » , fin .",
            "日本語のテキスト",
            "tab\there",
            "🇮🇶 flag",
            "x",
        ] {
            for (first, rest) in [("", ""), ("  ", "    "), ("Note: ", "  ")] {
                for w in 1..40 {
                    let shown = displayable(text);
                    assert_eq!(
                        wrap_indented(text, w, first, rest),
                        wrap_lines(&shown, w, first, rest),
                        "{text:?} at {w}"
                    );
                }
            }
        }
    }

    fn check_wrap(text: &str, width: usize) -> Vec<String> {
        let lines = wrap(text, width);
        for (i, l) in lines.iter().enumerate() {
            assert!(l.width() <= width, "{width}: {l:?} in {lines:?}");
            if i > 0 {
                assert!(
                    !l.starts_with(CLOSING),
                    "width {width}: line {i} starts with punctuation: {lines:?}"
                );
            }
        }
        let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(visible(&lines.concat()), visible(text), "{width}");
        lines
    }

    /// The reported case: a summary ending in an Arabic parenthesis and a full stop left the
    /// stop alone on a line. At every width, and with the Arabic word wider than the line.
    #[test]
    fn closing_punctuation_stays_with_the_word_before() {
        let texts = [
            "Parliament elected Mahmoud al-Mashhadani (محمود المشهداني) speaker with a majority of 165 votes (بأغلبية 165 صوتاً).",
            "He won a majority of 165 votes (بأغلبية).",
            "He said: « nous ne signerons pas » , then “we will not sign”; ‘never’: done.",
            "Lists (a), (b) and (c). Then [x]. End…",
        ];
        for text in texts {
            for width in 4..130 {
                check_wrap(text, width);
            }
        }
        assert_eq!(
            wrap("a majority of 165 votes (بأغلبية).", 9),
            ["a", "majority", "of 165", "votes", "(بأغلبي", "ة)."]
        );
        assert_eq!(wrap("He said « oui » .", 14), ["He said", "« oui » ."]);
    }

    #[test]
    fn a_url_breaks_after_a_slash_or_a_hyphen() {
        let url = "https://www.example.org/reports/2024/baghdad-visit-of-the-quds-force-commander";
        for width in 12..url.len() {
            let lines = check_wrap(&format!("See {url}."), width);
            for l in &lines[..lines.len() - 1] {
                if l.starts_with("https:") || l.contains('/') && !l.starts_with("See") {
                    assert!(l.ends_with(['/', '-']), "width {width}: {l:?} in {lines:?}");
                }
            }
        }
        assert_eq!(
            wrap(url, 30),
            [
                "https://www.example.org/",
                "reports/2024/",
                "baghdad-visit-of-the-quds-",
                "force-commander"
            ]
        );
    }

    #[test]
    fn a_broken_word_keeps_combining_marks_with_their_letter() {
        for width in 2..8 {
            for l in wrap("صوتاًصوتاًصوتاً", width) {
                assert!(!l.starts_with('\u{64b}'), "{width}: {l:?}");
            }
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
