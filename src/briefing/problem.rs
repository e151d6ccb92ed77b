//! Problems found in briefing files, located by line and column like a compiler's.

use std::fmt;
use std::path::PathBuf;

use super::node::Span;
use super::sanitize::neutralize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem in one file. Its text is already free of control characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub severity: Severity,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    pub message: String,
    /// What was probably meant, or what to do.
    pub hint: Option<String>,
    /// The offending line of the file and the byte range within it to underline.
    pub excerpt: Option<Excerpt>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt {
    pub text: String,
    pub underline: Span,
}

impl Problem {
    /// A problem of the whole file (too large, not UTF-8, empty): line 1, column 1.
    pub fn whole_file(path: PathBuf, message: impl Into<String>, hint: Option<String>) -> Problem {
        Problem {
            path,
            severity: Severity::Error,
            line: 1,
            column: 1,
            message: neutralize(&message.into()).into_owned(),
            hint: hint.map(|h| neutralize(&h).into_owned()),
            excerpt: None,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    /// The first line of every problem: `FILE:LINE:COL: error: MESSAGE`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            neutralize(&self.path.display().to_string()),
            self.line,
            self.column,
            self.severity,
            self.message
        )
    }
}

/// Characters of the offending line shown before and after the spot.
const EXCERPT_BEFORE: usize = 60;
const EXCERPT_AFTER: usize = 140;

/// Turns byte offsets into lines and columns; built only for files that have problems.
pub struct Locator<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Locator<'a> {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Locator { text, line_starts }
    }

    /// A problem at `span`, with the offending line as excerpt.
    pub fn problem(
        &self,
        path: PathBuf,
        severity: Severity,
        span: Span,
        message: &str,
        hint: Option<&str>,
    ) -> Problem {
        let start = floor_char_boundary(self.text, span.start.min(self.text.len()));
        let line_index = self.line_starts.partition_point(|&s| s <= start) - 1;
        let line_start = self.line_starts[line_index];
        let line_end = self.text[line_start..]
            .find('\n')
            .map_or(self.text.len(), |i| line_start + i);
        let line_text = self.text[line_start..line_end].trim_end_matches('\r');
        let column = self.text[line_start..start].chars().count() + 1;
        let line_end = (line_start + line_text.len()).max(start);
        let end = floor_char_boundary(self.text, span.end.clamp(start, line_end));
        // A window of the line around the spot: a minified file is one long line, and each of
        // its problems must not carry a copy of it.
        let at = (start - line_start).min(line_text.len());
        let from_byte = line_text[..at]
            .char_indices()
            .rev()
            .nth(EXCERPT_BEFORE - 1)
            .map_or(0, |(i, _)| i);
        let to_byte = line_text[at..]
            .char_indices()
            .nth(EXCERPT_AFTER)
            .map_or(line_text.len(), |(i, _)| at + i);
        let lead = if from_byte > 0 { "…" } else { "" };
        let trail = if to_byte < line_text.len() { "…" } else { "" };
        // Neutralising keeps one character for one, but not byte for byte: place the
        // underline on the cleaned text by character counts.
        let clean = format!(
            "{lead}{}{trail}",
            neutralize(&line_text[from_byte..to_byte])
        );
        let before = line_text[from_byte..at].chars().count() + lead.chars().count();
        let width = self.text[start..end].chars().count();
        let from = byte_of_char(&clean, before);
        let to = byte_of_char(&clean, before + width).min(clean.len() - trail.len());
        Problem {
            path,
            severity,
            line: line_index + 1,
            column,
            message: neutralize(message).into_owned(),
            hint: hint.map(|h| neutralize(h).into_owned()),
            excerpt: Some(Excerpt {
                underline: from..to.max(from),
                text: clean,
            }),
        }
    }
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn byte_of_char(text: &str, n: usize) -> usize {
    text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_line_and_character_column() {
        let text = "title = \"x\"\nسلام = 1\nsumary = \"y\"\n";
        let loc = Locator::new(text);
        let at = text.find("sumary").unwrap();
        let p = loc.problem(
            "f.toml".into(),
            Severity::Error,
            at..at + 6,
            "unknown",
            None,
        );
        assert_eq!((p.line, p.column), (3, 1));
        let at = text.find("= 1").unwrap();
        let p = loc.problem("f.toml".into(), Severity::Error, at..at + 1, "m", None);
        assert_eq!((p.line, p.column), (2, 6));
        assert_eq!(p.to_string(), "f.toml:2:6: error: m");
        let excerpt = p.excerpt.unwrap();
        assert_eq!(&excerpt.text[excerpt.underline], "=");
    }

    #[test]
    fn a_long_line_is_cut_to_a_window_around_the_spot() {
        let text = format!("{}BAD{}", "a".repeat(10_000), "b".repeat(10_000));
        let loc = Locator::new(&text);
        let p = loc.problem("f".into(), Severity::Error, 10_000..10_003, "m", None);
        assert_eq!(p.column, 10_001);
        let e = p.excerpt.unwrap();
        assert!(e.text.chars().count() < 210, "{}", e.text.len());
        assert_eq!(&e.text[e.underline], "BAD");
        assert!(e.text.starts_with('…') && e.text.ends_with('…'));
    }

    #[test]
    fn never_panics_on_odd_spans() {
        let text = "a\u{1b}b\r\nc";
        let loc = Locator::new(text);
        for start in 0..text.len() + 3 {
            for end in 0..text.len() + 3 {
                let _ = loc.problem("f".into(), Severity::Warning, start..end, "m", None);
            }
        }
    }
}
