//! The parts of a raw article before its prose: the date line (`date 2024-09-18`), header
//! lines (`Published: 2 June 2025`, `Source: Karesh Daily`), the outlet's prefix
//! (`Shafaq News/ ...`), the dateline (`BAGHDAD, 18 September 2024 (Reuters) – ...`) and a
//! headline line. What remains is the body.

use super::dates::parse_date_prefix;
use super::lexicon;
use super::sentences::{is_capitalized, paragraphs};
use crate::briefing::Date;

/// An article split into what it says about itself and its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub date: Option<Date>,
    /// The outlet, e.g. `Shafaq News`.
    pub source: Option<String>,
    /// A headline given on a line of its own.
    pub headline: Option<String>,
    /// The prose, paragraphs separated by blank lines.
    pub paragraphs: Vec<String>,
}

/// Removes what must not reach a briefing: control characters (tabs become spaces, line
/// ends are kept), bidi overrides and isolates, a byte-order mark; unifies line ends.
pub fn clean(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' | '\u{a0}' | '\u{2007}' | '\u{202f}' => Some(' '),
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Splits an article into its header facts and its body paragraphs.
pub fn parse(text: &str) -> Article {
    let text = clean(text);
    let mut article = Article {
        date: None,
        source: None,
        headline: None,
        paragraphs: Vec::new(),
    };
    let mut lines: Vec<&str> = text.lines().collect();
    // Header lines: `date ...`, `Published: ...`, `Source: ...`, blank lines between them.
    let mut first_body_line = String::new();
    while let Some(line) = lines.first().copied() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            lines.remove(0);
            continue;
        }
        if let Some(rest) = header_value(trimmed, &["date", "dated", "published", "updated"])
            && let Some((date, used)) = parse_date_prefix(rest)
        {
            article.date.get_or_insert(date);
            lines.remove(0);
            let rest = rest[used..].trim();
            if !rest.is_empty() {
                // `date 2024-09-18 Shafaq News/ The unannounced visit ...`: prose follows.
                first_body_line = rest.to_string();
                break;
            }
            continue;
        }
        // A line that is only a date: `18 September 2024`.
        if let Some((date, used)) = parse_date_prefix(trimmed)
            && trimmed[used..].trim().is_empty()
        {
            article.date.get_or_insert(date);
            lines.remove(0);
            continue;
        }
        if let Some(rest) = header_value(trimmed, &["source", "outlet"])
            && !rest.is_empty()
        {
            article.source.get_or_insert(rest.to_string());
            lines.remove(0);
            continue;
        }
        break;
    }
    let mut body = first_body_line;
    for line in lines {
        body.push('\n');
        body.push_str(line);
    }
    let mut paras = paragraphs(&body);
    // A headline: a first paragraph of one short line without a sentence's final stop.
    if paras.len() > 1
        && let Some(first) = paras.first()
        && first.chars().count() <= 200
        && !first.ends_with(['.', '?', '!', '"', '”', ':'])
        && !first.contains('/')
        && body.trim_start().starts_with(first.as_str())
        && body.trim_start()[first.len()..].starts_with("\n\n")
    {
        article.headline = Some(paras.remove(0));
    }
    if let Some(first) = paras.first_mut() {
        let (rest, date, source) = strip_lede_prefix(first);
        if let Some(d) = date {
            article.date.get_or_insert(d);
        }
        if let Some(s) = source {
            article.source.get_or_insert(s);
        }
        *first = rest;
    }
    paras.retain(|p| !p.trim().is_empty());
    article.paragraphs = paras;
    article
}

/// `Published: 2 June 2025` → `2 June 2025` when the line starts with one of `keys`.
fn header_value<'a>(line: &'a str, keys: &[&str]) -> Option<&'a str> {
    for key in keys {
        let Some(head) = line.get(..key.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(key) {
            continue;
        }
        let after = &line[key.len()..];
        let rest = after.strip_prefix(':').unwrap_or(after);
        if after.starts_with(':') || rest.starts_with(char::is_whitespace) || rest.is_empty() {
            return Some(rest.trim_start());
        }
    }
    None
}

/// Takes the outlet prefix and the dateline off the lede: returns the lede and what they said.
fn strip_lede_prefix(lede: &str) -> (String, Option<Date>, Option<String>) {
    let mut text = lede.trim_start();
    let mut date = None;
    let mut source = None;
    // `Shafaq News/ The unannounced ...`
    if let Some((name, rest)) = text.split_once('/')
        && is_outlet_name(name)
    {
        source = Some(name.trim().to_string());
        text = rest.trim_start();
    }
    // `BAGHDAD, 18 September 2024 (Reuters) – ...`, `Kessra, March 3, 2025 – ...`
    if let Some((place, rest)) = text.split_once(',')
        && is_place(place)
        && let Some((d, used)) = parse_date_prefix(rest)
    {
        let mut after = rest[used..].trim_start();
        let mut outlet = None;
        if let Some(inner) = after.strip_prefix('(')
            && let Some((name, tail)) = inner.split_once(')')
        {
            outlet = Some(name.trim().to_string());
            after = tail.trim_start();
        }
        if let Some(tail) = strip_dash(after) {
            date = Some(d);
            if outlet.is_some() {
                source = source.or(outlet);
            }
            text = tail;
        }
    } else if let Some((place, rest)) = text.split_once('(')
        && is_place(place)
        && place
            .trim()
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        && let Some((name, tail)) = rest.split_once(')')
        && let Some(tail) = strip_dash(tail.trim_start())
    {
        // `BAGHDAD (Reuters) – ...`
        source = source.or(Some(name.trim().to_string()));
        text = tail;
    }
    (text.to_string(), date, source)
}

fn strip_dash(text: &str) -> Option<&str> {
    let rest = text
        .strip_prefix('–')
        .or_else(|| text.strip_prefix('—'))
        .or_else(|| text.strip_prefix("--"))
        .or_else(|| text.strip_prefix('-'))?;
    Some(rest.trim_start())
}

/// `Shafaq News`, `Reuters`: one to five capitalised words, not a sentence's first words.
fn is_outlet_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 5
        && name.chars().count() <= 60
        && !lexicon::is_not_name(words[0])
        && words.iter().all(|w| {
            *w == "&"
                || (is_capitalized(w)
                    && w.chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '\'' | '’')))
        })
}

/// `BAGHDAD`, `Port Isolde`, `KESSRA`: one to four capitalised words.
fn is_place(place: &str) -> bool {
    let words: Vec<&str> = place.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && words.iter().all(|w| {
            is_capitalized(w)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_style_date_line_and_outlet_prefix() {
        let a = parse(" date 2024-09-18 Shafaq News/ The visit aimed high.\n\nRadi spoke.");
        assert_eq!(a.date, Date::new(2024, 9, 18));
        assert_eq!(a.source.as_deref(), Some("Shafaq News"));
        assert_eq!(a.paragraphs, vec!["The visit aimed high.", "Radi spoke."]);
        assert_eq!(a.headline, None);
    }

    #[test]
    fn dateline_with_outlet() {
        let a = parse("DUNMERE, 12 November 2024 (Northgate Post) – The party will boycott.");
        assert_eq!(a.date, Date::new(2024, 11, 12));
        assert_eq!(a.source.as_deref(), Some("Northgate Post"));
        assert_eq!(a.paragraphs, vec!["The party will boycott."]);
    }

    #[test]
    fn dateline_us_style_and_hyphen() {
        let a = parse("Kessra, March 3, 2025 - A court ruled.");
        assert_eq!(a.date, Date::new(2025, 3, 3));
        assert_eq!(a.source, None);
        assert_eq!(a.paragraphs, vec!["A court ruled."]);
    }

    #[test]
    fn header_lines_and_headline() {
        let text = "Published: 2 June 2025\nSource: Karesh Daily\n\nFarmers block the highway\n\nFarmers blocked the highway on Sunday.\n";
        let a = parse(text);
        assert_eq!(a.date, Date::new(2025, 6, 2));
        assert_eq!(a.source.as_deref(), Some("Karesh Daily"));
        assert_eq!(a.headline.as_deref(), Some("Farmers block the highway"));
        assert_eq!(a.paragraphs, vec!["Farmers blocked the highway on Sunday."]);
    }

    #[test]
    fn a_date_on_its_own_line() {
        let a = parse("18 September 2024\n\nThe visit aimed high.");
        assert_eq!(a.date, Date::new(2024, 9, 18));
        assert_eq!(a.paragraphs, vec!["The visit aimed high."]);
    }

    #[test]
    fn no_date_is_none() {
        let a = parse("Something happened somewhere.");
        assert_eq!(a.date, None);
    }

    #[test]
    fn control_characters_are_removed() {
        assert_eq!(clean("a\u{1b}[31mb\r\nc\u{202e}d\te"), "a[31mb\ncd e");
    }

    #[test]
    fn a_slash_later_in_the_lede_is_not_an_outlet() {
        let a = parse("date 2024-01-02 The 24/7 service stopped.");
        assert_eq!(a.source, None);
        assert_eq!(a.paragraphs, vec!["The 24/7 service stopped."]);
    }
}
