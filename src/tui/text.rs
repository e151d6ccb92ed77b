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
