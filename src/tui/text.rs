//! Briefing text as styled terminal lines (the measuring and wrapping itself is
//! `crate::text`, shared with the commands).
//!
//! Right-to-left text is laid out here, for display only (`crate::bidi`): Arabic shaped, lines
//! wrapped by their shaped width, then put in display order; a paragraph whose first strong
//! character is right-to-left is right-aligned. Text without a right-to-left character takes
//! the plain path after one byte scan. With `bidi = "terminal"` nothing is transformed.

use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::bidi::{self, Direction};
pub use crate::text::displayable;

/// Whether `brief` lays out right-to-left text (the `bidi` setting); set once at start.
static TRANSFORM: AtomicBool = AtomicBool::new(true);

/// `true`: shape and reorder right-to-left text here (the default); `false`: leave it in
/// logical order for a terminal that lays it out itself.
pub fn set_bidi_transform(on: bool) {
    TRANSFORM.store(on, Ordering::Relaxed);
}

/// Whether this text needs the right-to-left layout.
fn transformed(text: &str) -> bool {
    bidi::has_rtl(text) && TRANSFORM.load(Ordering::Relaxed)
}

/// Cuts text to at most `max` columns (on one line), ending with `…` when it was longer: at
/// the logical end, so on the left of a right-to-left line.
pub fn truncate(text: &str, max: usize) -> String {
    if !transformed(text) {
        return crate::text::truncate(text, max);
    }
    let direction = bidi::direction(text);
    let shaped = bidi::shape(&displayable(text).replace('\n', " "));
    bidi::reorder(&crate::text::truncate(&shaped.text, max), direction)
}

/// Wraps text to `width` columns, keeping paragraphs and blank lines, long words broken; lines
/// as shown (see the module's notes).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    if !transformed(text) {
        return crate::text::wrap(text, width);
    }
    let text = displayable(text);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        if !bidi::has_rtl(paragraph) {
            lines.extend(crate::text::wrap(paragraph, width));
            continue;
        }
        let direction = bidi::direction(paragraph);
        let shaped = bidi::shape(paragraph);
        let analysed = bidi::Paragraph::new(&shaped.text, direction);
        let mut from = 0;
        for line in crate::text::wrap(&shaped.text, width) {
            // Each wrapped line is a piece of the shaped paragraph, reordered with the whole
            // paragraph's levels; one that is not (never so far) is reordered on its own.
            let mut shown = match shaped.text[from..].find(line.as_str()) {
                Some(at) => {
                    let range = from + at..from + at + line.len();
                    from = range.end;
                    analysed.line_text(range)
                }
                None => bidi::reorder(&line, direction),
            };
            if direction == Direction::Rtl {
                let room = width.saturating_sub(shown.width());
                shown.insert_str(0, &" ".repeat(room));
            }
            lines.push(shown);
        }
    }
    lines
}

/// Wraps text to `width` columns, each line starting with `first` (the first) or `rest` (the
/// others): the reader's own markers, left to right, before lines as shown.
pub fn wrap_indented(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    if !transformed(text) {
        return crate::text::wrap_indented(text, width, first, rest);
    }
    let indent = crate::text::width(first).max(crate::text::width(rest));
    wrap(text, width.saturating_sub(indent).max(1))
        .into_iter()
        .enumerate()
        .map(|(i, line)| format!("{}{line}", if i == 0 { first } else { rest }))
        .collect()
}

/// A piece of text the reader places itself (a name in a line it builds, a link), as shown:
/// laid out on its own when it holds right-to-left text, as it is otherwise.
pub fn piece(text: &str) -> String {
    if transformed(text) {
        bidi::display(text)
    } else {
        text.to_string()
    }
}

/// A piece of a list the reader builds (an alias, a tag), isolated so that its direction does
/// not carry the reader's separators along with it. As it was when nothing is transformed.
pub fn isolated(text: &str) -> String {
    if transformed(text) {
        bidi::isolate(text)
    } else {
        text.to_string()
    }
}

/// A title on two rows: the first `width` columns less `first` (the markers before it), the
/// second `width` less `rest`, ending with `…` when the title does not fit. Cut in reading
/// order, then each row put in display order.
pub fn two_rows(text: &str, width: usize, first: usize, rest: usize) -> (String, String) {
    let text = displayable(text).replace('\n', " ");
    let transform = transformed(&text);
    let direction = bidi::direction(&text);
    let shaped = if transform {
        bidi::shape(&text).text
    } else {
        text
    };
    let lead = " ".repeat(first);
    let indent = " ".repeat(rest);
    let lines = crate::text::wrap_indented(&shaped, width, &lead, &indent);
    let one = lines.first().map_or("", |l| {
        l.strip_prefix(lead.as_str()).unwrap_or(l.trim_start())
    });
    let two = match lines.len() {
        0 | 1 => String::new(),
        2 => lines[1].trim_start().to_string(),
        _ => crate::text::truncate(
            &lines[1..]
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            width.saturating_sub(rest),
        ),
    };
    if !transform {
        return (one.to_string(), two);
    }
    (
        bidi::reorder(one, direction),
        bidi::reorder(&two, direction),
    )
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

/// A line being typed, as shown in a box `width` columns wide, and the column of the cursor
/// (`cursor` counts characters): scrolled so that the cursor is in view. Right-to-left text is
/// shaped, put in display order and aligned right, and the cursor stands on the cell where the
/// next letter typed will appear: left of the last Arabic letter, right of the last Latin one.
pub fn input_view(text: &str, cursor: usize, width: usize) -> (String, usize) {
    let room = width.saturating_sub(1);
    if !transformed(text) {
        let before: String = text.chars().take(cursor).collect();
        let skip = before.width().saturating_sub(room);
        let mut shown = String::new();
        let mut used = 0;
        for c in text.chars() {
            if used >= skip {
                shown.push(c);
            }
            used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        }
        let column = before.width().saturating_sub(skip).min(width);
        return (crate::text::truncate(&shown, width), column);
    }
    typed_line(text, cursor, width, bidi::direction(text), room)
}

/// One row of the note being typed (`row`, a piece of `paragraph`, already wrapped to `width`),
/// as shown, and the cursor's column if `cursor` (counted in characters of the row) is on it.
/// `None` when the paragraph needs no right-to-left layout: the row is shown as it is.
pub fn note_row(
    row: &str,
    cursor: Option<usize>,
    width: usize,
    paragraph: &str,
) -> Option<(String, Option<usize>)> {
    if !transformed(paragraph) {
        return None;
    }
    let (shown, column) = typed_line(
        row,
        cursor.unwrap_or(0),
        width,
        bidi::direction(paragraph),
        width,
    );
    Some((shown, cursor.map(|_| column)))
}

/// A typed line with right-to-left text, in a paragraph of `direction`: scrolled so that what
/// precedes the cursor fits in `room` columns, shaped, reordered, aligned, and the cursor's cell.
fn typed_line(
    text: &str,
    cursor: usize,
    width: usize,
    direction: Direction,
    room: usize,
) -> (String, usize) {
    let shaped = bidi::shape(text);
    let s = shaped.text.as_str();
    // The cursor in the shaped text: before the first character that came from at or after
    // the cursor's place in the original.
    let original = text
        .char_indices()
        .nth(cursor)
        .map_or(text.len(), |(i, _)| i);
    let at = s
        .char_indices()
        .find(|(i, _)| shaped.origin(*i) >= original)
        .map_or(s.len(), |(i, _)| i);
    // Scrolled in reading order: what comes before the cursor fits in `room` columns.
    let mut start = 0;
    while s[start..at].width() > room {
        start += s[start..].chars().next().map_or(1, char::len_utf8);
    }
    let mut end = start;
    let mut used = 0;
    for c in s[start..].chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        end += c.len_utf8();
    }
    let paragraph = bidi::Paragraph::new(s, direction);
    let mut shown = String::new();
    let mut column = None;
    let mut x = 0;
    let glyphs = paragraph.line(start..end);
    for g in &glyphs {
        let piece = match g.mirror {
            Some(c) => c.to_string(),
            None => s[g.range.clone()].to_string(),
        };
        let w = piece.width();
        if g.range.contains(&at) {
            column = Some(if g.rtl { x + w } else { x });
        } else if g.range.end == at && at == end {
            column = Some(if g.rtl { x } else { x + w });
        }
        shown.push_str(&piece);
        x += w;
    }
    let pad = if direction == Direction::Rtl {
        width.saturating_sub(x)
    } else {
        0
    };
    let caret = pad + column.unwrap_or(if direction == Direction::Rtl { 0 } else { x });
    // The cell where the next letter will appear: right of the caret in text aligned left
    // (what follows moves right), left of it in text aligned right (what precedes moves left).
    let cell = if direction == Direction::Rtl {
        caret.saturating_sub(1)
    } else {
        caret
    };
    (format!("{}{shown}", " ".repeat(pad)), cell.min(width))
}

/// One line of styled pieces (in logical order) as shown, cut to `width` columns with `…`
/// in `cut` style: Arabic shaped across the pieces (a highlighted letter still joins its
/// neighbours), then reordered, each piece's style staying on its own characters.
pub fn styled_line(pieces: &[(String, Style)], width: usize, cut: Style) -> Vec<Span<'static>> {
    let text: String = pieces.iter().map(|(t, _)| t.as_str()).collect();
    // The style of each byte of `text`, by where its piece starts.
    let starts: Vec<(usize, Style)> = pieces
        .iter()
        .scan(0, |at, (t, style)| {
            let start = *at;
            *at += t.len();
            Some((start, *style))
        })
        .collect();
    let style_at = |at: usize| {
        let i = starts.partition_point(|(start, _)| *start <= at);
        starts.get(i.saturating_sub(1)).map_or(cut, |(_, s)| *s)
    };
    if !transformed(&text) {
        // The plain path: pieces cut one after the other.
        let mut spans = Vec::new();
        let mut used = 0;
        for (piece, style) in pieces {
            let shown = crate::text::truncate(piece, width.saturating_sub(used));
            used += shown.width();
            let whole = shown.len() == piece.len();
            spans.push(Span::styled(shown, *style));
            if !whole {
                break;
            }
        }
        return spans;
    }
    let direction = bidi::direction(&text);
    let shaped = bidi::shape(&text);
    let fitted = crate::text::truncate(&shaped.text, width);
    // A cut keeps a prefix of the shaped text and adds `…`.
    let kept = if fitted == shaped.text {
        fitted.len()
    } else {
        fitted.len().saturating_sub('…'.len_utf8())
    };
    let paragraph = bidi::Paragraph::new(&fitted, direction);
    let mut spans: Vec<Span<'static>> = Vec::new();
    for glyph in paragraph.line(0..fitted.len()) {
        let style = if glyph.range.start >= kept {
            cut
        } else {
            style_at(shaped.origin(glyph.range.start))
        };
        let piece = match glyph.mirror {
            Some(c) => c.to_string(),
            None => fitted[glyph.range].to_string(),
        };
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(&piece),
            _ => spans.push(Span::styled(piece, style)),
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bidi::shape;
    use ratatui::style::{Color, Modifier};

    #[test]
    fn latin_goes_the_plain_way() {
        assert_eq!(truncate("abcdefgh", 5), "abcd…");
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
    }

    #[test]
    fn an_arabic_paragraph_is_right_aligned_and_reads_right_to_left() {
        let lines = wrap("محمود المشهداني", 20);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].width(), 20);
        assert!(lines[0].starts_with("     "));
        // The first word of the name is on the right.
        assert!(lines[0].ends_with(&bidi::display("محمود")));
    }

    #[test]
    fn wrapping_keeps_the_first_words_on_the_first_line() {
        let lines = wrap("واحد اثنان ثلاثة أربعة", 12);
        assert_eq!(lines.len(), 2);
        assert!(lines[0].ends_with(&bidi::display("واحد")), "{lines:?}");
        assert!(lines[1].ends_with(&bidi::display("ثلاثة")), "{lines:?}");
        for l in &lines {
            assert!(l.width() <= 12);
        }
    }

    #[test]
    fn the_ellipsis_is_at_the_end_of_the_reading() {
        // Arabic reads right to left: what is cut is on the left.
        let cut = truncate("محمود المشهداني رئيس البرلمان", 10);
        assert_eq!(cut.width(), 10);
        assert!(cut.starts_with('…'), "{cut}");
        // English with Arabic: cut on the right.
        let cut = truncate("Mahmoud (محمود المشهداني) spoke", 12);
        assert!(cut.ends_with('…'), "{cut}");
    }

    #[test]
    fn the_cursor_is_where_the_next_letter_goes() {
        // Latin: after the text.
        assert_eq!(input_view("abc", 3, 10), ("abc".to_string(), 3));
        assert_eq!(input_view("abc", 1, 10).1, 1);
        // Arabic: right-aligned, the cursor on the cell left of the last letter typed.
        let (shown, column) = input_view("سلام", 4, 10);
        assert_eq!(shown.width(), 10);
        assert_eq!(column, 10 - shape("سلام").text.width() - 1);
        // At the start of the Arabic text: the rightmost cell, where a letter typed there goes.
        assert_eq!(input_view("سلام", 0, 10).1, 9);
        // Arabic in English: after "abc ", inside the Arabic word, the cursor is right of the
        // letter it precedes.
        let (shown, column) = input_view("abc سلم", 5, 20);
        assert!(shown.starts_with("abc "));
        // سلم shown as three glyphs in columns 4-6, seen right to left: after the first letter
        // typed (س, the rightmost, column 6), the cursor is on its left.
        assert_eq!(column, 6);
    }

    #[test]
    fn a_note_row_takes_its_paragraphs_direction() {
        // A Latin row of a paragraph that starts in Arabic is aligned right like the rest.
        let (shown, column) = note_row("and more", Some(8), 12, "سلام and more").unwrap();
        assert_eq!(shown, "    and more");
        assert_eq!(column, Some(11));
        // A paragraph with no right-to-left text is left as the editor drew it.
        assert_eq!(note_row("plain", Some(0), 12, "plain"), None);
    }

    #[test]
    fn a_long_arabic_line_scrolls_to_keep_the_cursor_in_view() {
        let text = "كلمة ".repeat(10);
        let n = text.chars().count();
        let (shown, column) = input_view(&text, n, 12);
        assert!(shown.width() <= 12);
        assert!(column <= 12);
    }

    #[test]
    fn styles_stay_on_their_letters() {
        let hit = Style::default()
            .fg(Color::Yellow)
            .add_modifier(Modifier::BOLD);
        let base = Style::default();
        let pieces = vec![
            ("قال ".to_string(), base),
            ("محمود".to_string(), hit),
            (" اليوم".to_string(), base),
        ];
        let spans = styled_line(&pieces, 40, base);
        let highlighted: Vec<&Span> = spans.iter().filter(|s| s.style == hit).collect();
        assert_eq!(highlighted.len(), 1);
        assert_eq!(highlighted[0].content, bidi::display("محمود"));
        // Shown right to left: the last word on the left.
        assert!(spans[0].content.starts_with(&bidi::display("اليوم")));
    }
}
