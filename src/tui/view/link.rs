//! Source names as OSC 8 hyperlinks, so a click opens them in terminals that support it.
//!
//! ratatui measures a cell's symbol to know how many columns it takes, so an escape sequence
//! inside a `Span` would be counted as text and shift the rest of the line. Instead, once a frame
//! is drawn, the cells showing a link's text are rewritten in place: each group of up to two
//! columns gets a symbol that opens the link, holds the group's characters and closes the link,
//! marked with the width it really takes (`CellDiffOption::ForcedWidth`). This is how the
//! ratatui project's own hyperlink example does it. Terminals that do not know OSC 8 ignore it
//! and show the text.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use unicode_width::UnicodeWidthStr;

use crate::briefing::Briefing;

/// Text drawn at a place on screen that links to a URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub x: u16,
    pub y: u16,
    /// The text as drawn there; the link is applied only if the cells still show it (a window
    /// drawn over it leaves it alone).
    pub text: String,
    pub url: String,
}

/// A URL that may go into an escape sequence: one of the schemes a reader would open, and
/// nothing but visible ASCII (no control character, space or placeholder that could end the
/// sequence early or smuggle another one in; other characters must be percent-encoded).
pub fn is_safe_url(url: &str) -> bool {
    let scheme_ok = ["https://", "http://", "mailto:", "ftp://"]
        .iter()
        .any(|s| url.len() > s.len() && url[..s.len()].eq_ignore_ascii_case(s));
    scheme_ok && url.len() <= 2048 && url.bytes().all(|b| b.is_ascii_graphic())
}

/// A briefing's sources in one line (`Name (B), Other`) as the header shows them, and the
/// links of those with a URL, placed as if the line were drawn at (`x`, `y`) and cut to `max`
/// columns (with an ellipsis, as `truncate` does).
pub fn sources_line(b: &Briefing, x: u16, y: u16, max: usize) -> (String, Vec<Link>) {
    let mut line = String::new();
    let mut placed: Vec<(usize, String, Option<&str>)> = Vec::new();
    for (i, s) in b.sources.iter().enumerate() {
        if i > 0 {
            line.push_str(", ");
        }
        // Each name laid out on its own (right-to-left text shaped and reordered), so that the
        // link covers the cells that show it.
        let name = super::super::text::piece(&s.name);
        line.push_str(&name);
        placed.push((line.width() - name.width(), name, s.url.as_deref()));
        if let Some(r) = s.reliability {
            line.push_str(&format!(" ({r})"));
        }
    }
    let shown = crate::text::truncate(&line, max);
    // Columns of the line that are its own text, not the ellipsis.
    let visible = if shown == line {
        shown.width()
    } else {
        shown.width().saturating_sub(1)
    };
    let links = placed
        .into_iter()
        .filter_map(|(at, name, url)| {
            let url = url?;
            // The part of the name that is on screen.
            let mut text = String::new();
            let mut used = at;
            for c in name.chars() {
                let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                if used + w > visible {
                    break;
                }
                text.push(c);
                used += w;
            }
            (!text.is_empty()).then(|| Link {
                x: x.saturating_add(at as u16),
                y,
                text,
                url: url.to_string(),
            })
        })
        .collect();
    (shown, links)
}

/// Rewrites the cells of each link drawn as planned. Links with an unsafe URL, or whose text is
/// no longer what the cells show, are skipped: the text stays plain.
pub fn apply(buffer: &mut Buffer, links: &[Link]) {
    for link in links {
        if !is_safe_url(&link.url) {
            continue;
        }
        // The link's cells: one per character, the columns a wide character covers skipped.
        let mut cells: Vec<(u16, String, u16)> = Vec::new();
        let mut x = link.x;
        let end = link.x.saturating_add(link.text.width() as u16);
        while x < end {
            let Some(cell) = buffer.cell((x, link.y)) else {
                break;
            };
            let symbol = cell.symbol().to_string();
            let width = symbol.width().max(1) as u16;
            cells.push((x, symbol, width));
            x = x.saturating_add(width);
        }
        let shown: String = cells.iter().map(|(_, s, _)| s.as_str()).collect();
        if shown != link.text {
            continue;
        }
        let mut i = 0;
        while i < cells.len() {
            // Two narrow characters, or one wide one, per group.
            let take = if cells[i].2 == 1 && cells.get(i + 1).is_some_and(|c| c.2 == 1) {
                2
            } else {
                1
            };
            let group = &cells[i..i + take];
            let text: String = group.iter().map(|(_, s, _)| s.as_str()).collect();
            let width: u16 = group.iter().map(|c| c.2).sum();
            let symbol = format!("\x1b]8;;{}\x1b\\{text}\x1b]8;;\x1b\\", link.url);
            if let (Some(width), Some(cell)) = (
                NonZeroU16::new(width),
                buffer.cell_mut((group[0].0, link.y)),
            ) {
                cell.set_symbol(&symbol)
                    .set_diff_option(CellDiffOption::ForcedWidth(width));
            }
            i += take;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn only_plain_web_and_mail_urls_are_links() {
        assert!(is_safe_url("https://shafaq.com/en/Iraq/x?y=1&z=%20"));
        assert!(is_safe_url("mailto:desk@example.org"));
        for bad in [
            "https://example.org/\x1b]8;;evil\x07",
            "https://example.org/a b",
            "https://example.org/\u{241b}",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://",
            "https://example.org/\u{7}",
        ] {
            assert!(!is_safe_url(bad), "{bad:?}");
        }
    }

    #[test]
    fn cells_carry_the_link_in_groups_of_two_columns() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 20, 1));
        buffer.set_string(2, 0, "Shafaq 新闻", Style::default());
        let link = Link {
            x: 2,
            y: 0,
            text: "Shafaq 新闻".into(),
            url: "https://shafaq.com/en".into(),
        };
        apply(&mut buffer, std::slice::from_ref(&link));
        let open = "\x1b]8;;https://shafaq.com/en\x1b\\";
        assert_eq!(buffer[(2, 0)].symbol(), format!("{open}Sh\x1b]8;;\x1b\\"));
        assert_eq!(
            buffer[(8, 0)].symbol(),
            format!("{open} \x1b]8;;\x1b\\"),
            "a narrow character before a wide one goes alone"
        );
        assert_eq!(buffer[(9, 0)].symbol(), format!("{open}新\x1b]8;;\x1b\\"));
        assert_eq!(
            buffer[(2, 0)].diff_option,
            CellDiffOption::ForcedWidth(NonZeroU16::new(2).unwrap())
        );
        // Text no longer there (a window over it), or an unsafe URL: nothing changes.
        let mut covered = Buffer::empty(Rect::new(0, 0, 20, 1));
        covered.set_string(2, 0, "Something else", Style::default());
        let before = covered.clone();
        apply(&mut covered, std::slice::from_ref(&link));
        assert_eq!(covered, before);
        let mut plain = Buffer::empty(Rect::new(0, 0, 20, 1));
        plain.set_string(2, 0, "Shafaq 新闻", Style::default());
        let before = plain.clone();
        let evil = Link {
            url: "https://x.org/\x07".into(),
            ..link
        };
        apply(&mut plain, &[evil]);
        assert_eq!(plain, before);
    }
}
