//! The filter language of the briefing list:
//! `tag:iraq actor:khazali since:2024-09-01 until:2024-12-31 tlp:amber is:unread is:flagged`
//! and free words (matched in titles, summaries and tags). Terms combine with AND; a value with
//! spaces goes in double quotes (`actor:"al-Khazali"`).

use std::fmt;

use crate::briefing::{Briefing, Date, Handling};
use crate::suggest::closest;

use super::fold::fold;

const KEYS: &[&str] = &["tag", "actor", "since", "until", "is", "tlp"];
const STATES: &[&str] = &["read", "unread", "flagged"];

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub words: Vec<String>,
    pub tags: Vec<String>,
    pub actors: Vec<String>,
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub handling: Vec<Handling>,
    pub unread: Option<bool>,
    pub flagged: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryError {
    pub message: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for QueryError {}

fn error(message: String) -> QueryError {
    QueryError { message }
}

/// Splits a query into terms, keeping double-quoted values together.
fn tokens(query: &str) -> Result<Vec<String>, QueryError> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in query.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if quoted {
        return Err(error("a double quote is not closed".into()));
    }
    if !current.is_empty() {
        out.push(current);
    }
    Ok(out)
}

/// A day, or a month or a year as briefing dates allow: `since:` takes its first day, `until:`
/// its last, so `since:2024-09` keeps all of September.
fn bound(value: &str, first: bool) -> Option<Date> {
    if let Some(date) = Date::parse(value) {
        return Some(date);
    }
    let parts: Vec<&str> = value.split('-').collect();
    let number = |s: &str, digits: usize| {
        (s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i32>().ok())?
    };
    let (year, months) = match parts.as_slice() {
        [y] => (number(y, 4)?, 1..=12),
        [y, m] => {
            let m = u8::try_from(number(m, 2)?).ok()?;
            (number(y, 4)?, m..=m)
        }
        _ => return None,
    };
    if first {
        Date::new(year, *months.start(), 1)
    } else {
        (28..=31)
            .rev()
            .find_map(|day| Date::new(year, *months.end(), day))
    }
}

impl Filter {
    pub fn parse(query: &str) -> Result<Filter, QueryError> {
        let mut filter = Filter::default();
        for token in tokens(query)? {
            let Some((key, value)) = token.split_once(':') else {
                filter.words.push(folded_value(&token));
                continue;
            };
            let key = key.to_lowercase();
            if value.is_empty() {
                return Err(error(format!(
                    "`{key}:` needs a value, e.g. {}",
                    example(&key)
                )));
            }
            match key.as_str() {
                "tag" => filter.tags.push(fold(value)),
                "actor" => filter.actors.push(folded_value(value)),
                "since" | "until" => {
                    let date = bound(value, key == "since").ok_or_else(|| {
                        error(format!(
                            "`{key}:{value}` is not a date; write {key}:YYYY-MM-DD, YYYY-MM or YYYY"
                        ))
                    })?;
                    if key == "since" {
                        filter.since = Some(date);
                    } else {
                        filter.until = Some(date);
                    }
                }
                "tlp" => {
                    let word = value.to_uppercase();
                    let handling = Handling::parse(&word).ok_or_else(|| {
                        error(format!(
                            "`tlp:{value}` is not a TLP marking; one of {}",
                            Handling::WORDS.join(", ").to_lowercase()
                        ))
                    })?;
                    filter.handling.push(handling);
                }
                "is" => match value.to_lowercase().as_str() {
                    "read" => filter.unread = Some(false),
                    "unread" => filter.unread = Some(true),
                    "flagged" => filter.flagged = true,
                    other => {
                        let hint = closest(other, STATES)
                            .map(|s| format!("; did you mean `is:{s}`?"))
                            .unwrap_or_default();
                        return Err(error(format!(
                            "`is:{other}` is not known: is:read, is:unread or is:flagged{hint}"
                        )));
                    }
                },
                other => {
                    let hint = closest(other, KEYS)
                        .map(|k| format!("; did you mean `{k}:`?"))
                        .unwrap_or_default();
                    return Err(error(format!(
                        "`{other}:` is not a filter (tag, actor, since, until, tlp, is){hint}"
                    )));
                }
            }
        }
        if let (Some(s), Some(u)) = (filter.since, filter.until)
            && s > u
        {
            return Err(error(format!("since:{s} is after until:{u}")));
        }
        Ok(filter)
    }

    /// Whether the filter looks inside briefings (words, actors), beyond their list fields.
    pub fn needs_content(&self) -> bool {
        !self.words.is_empty() || !self.actors.is_empty()
    }

    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether a briefing passes; `read` and `flagged` come from the user's state. A
    /// briefing held as a stub (list fields only) passes only on what a stub holds: apply a
    /// filter that `needs_content` to briefings in full, or through `SearchIndex::filter`.
    pub fn matches(&self, b: &Briefing, read: bool, flagged: bool) -> bool {
        if !self.matches_list_fields(b, read, flagged) {
            return false;
        }
        if !self.actors.iter().all(|want| {
            b.actors.iter().any(|a| {
                [&a.id, &a.name]
                    .into_iter()
                    .chain(&a.aliases)
                    .any(|name| fold(name).contains(want.as_str()))
            })
        }) {
            return false;
        }
        if self.words.is_empty() {
            return true;
        }
        self.words_in(
            &fold(&b.title),
            &fold(&super::index::summary_line(&b.summary)),
            &b.tags,
        )
    }

    /// The terms a stub can answer: dates, marks, TLP marking and tags.
    pub(crate) fn matches_list_fields(&self, b: &Briefing, read: bool, flagged: bool) -> bool {
        if self.since.is_some_and(|d| b.date < d) || self.until.is_some_and(|d| b.date > d) {
            return false;
        }
        if self.unread.is_some_and(|want_unread| want_unread == read) || (self.flagged && !flagged)
        {
            return false;
        }
        if !self.handling.is_empty() && !b.handling.is_some_and(|h| self.handling.contains(&h)) {
            return false;
        }
        if self.tags.is_empty() {
            return true;
        }
        let tags: Vec<String> = b.tags.iter().map(|t| fold(t)).collect();
        self.tags.iter().all(|t| tags.contains(t))
    }

    /// Whether every free word is in the folded title, the folded summary (on one line, see
    /// `search::index`) or one of the tags: each looked at on its own, so a word never
    /// matches across two of them.
    fn words_in(&self, title: &str, summary: &str, tags: &[String]) -> bool {
        if self.words.is_empty() {
            return true;
        }
        let tags: Vec<String> = tags.iter().map(|t| fold(t)).collect();
        self.words.iter().all(|w| {
            title.contains(w.as_str())
                || summary.contains(w.as_str())
                || tags.iter().any(|t| t.contains(w.as_str()))
        })
    }
}

/// A value folded for matching, without NUL: the search index ends each piece of text with
/// one, so a value holding it could match across two names (briefing text never holds it).
fn folded_value(value: &str) -> String {
    fold(value).replace('\0', "")
}

fn example(key: &str) -> &'static str {
    match key {
        "tag" => "tag:iraq",
        "actor" => "actor:khazali",
        "since" => "since:2024-09-01",
        "until" => "until:2024-12-31",
        "tlp" => "tlp:amber",
        _ => "is:unread",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A month or a year, as briefing dates are written: `since:` from its first day,
    /// `until:` to its last.
    #[test]
    fn since_and_until_take_a_month_or_a_year() {
        let f = Filter::parse("since:2024-09 until:2024-02").unwrap_err();
        assert!(f.message.contains("after"), "{}", f.message);
        let f = Filter::parse("since:2024-09 until:2024-09").unwrap();
        assert_eq!(f.since, Date::new(2024, 9, 1));
        assert_eq!(f.until, Date::new(2024, 9, 30));
        let f = Filter::parse("since:2024 until:2024-02").unwrap();
        assert_eq!(f.since, Date::new(2024, 1, 1));
        assert_eq!(f.until, Date::new(2024, 2, 29));
        let f = Filter::parse("until:2023").unwrap();
        assert_eq!(f.until, Date::new(2023, 12, 31));
        for bad in [
            "since:2024-13",
            "since:24-09",
            "since:2024-9",
            "since:2024-09-31",
        ] {
            assert!(Filter::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn parses_every_kind_of_term() {
        let f = Filter::parse("tag:Iraq actor:\"al-Khazali\" since:2024-09-01 until:2024-12-31 is:unread is:flagged tlp:amber visit").unwrap();
        // Folded with the transliteration key, as the briefings' text is.
        assert_eq!(f.tags, vec!["irak"]);
        assert_eq!(f.actors, vec!["kazali"]);
        assert_eq!(f.since, Date::parse("2024-09-01"));
        assert_eq!(f.until, Date::parse("2024-12-31"));
        assert_eq!(f.unread, Some(true));
        assert!(f.flagged);
        assert_eq!(f.handling, vec![Handling::Amber]);
        assert_eq!(f.words, vec!["visit"]);
        assert!(Filter::parse("").unwrap().is_empty());
    }

    #[test]
    fn bad_queries_say_what_is_wrong() {
        let cases = [
            ("tga:iraq", "did you mean `tag:`"),
            ("since:yesterday", "YYYY-MM-DD"),
            ("since:2024-02-30", "not a date"),
            ("is:unred", "did you mean `is:unread`"),
            ("tag:", "needs a value"),
            ("actor:\"al", "not closed"),
            ("tlp:purple", "not a TLP marking"),
            ("since:2025-01-01 until:2024-01-01", "after"),
        ];
        for (query, expected) in cases {
            let e = Filter::parse(query).unwrap_err();
            assert!(e.message.contains(expected), "{query}: {e}");
        }
    }

    #[test]
    fn matches_briefings() {
        use crate::briefing::load;
        let library =
            load(&[std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings")]).unwrap();
        let count = |q: &str| {
            let f = Filter::parse(q).unwrap();
            library
                .briefings
                .iter()
                .filter(|b| f.matches(b, false, false))
                .count()
        };
        assert_eq!(count(""), library.briefings.len());
        assert_eq!(count("tag:IRAQ actor:khazali"), 1);
        assert_eq!(count("actor:qāʾānī since:2024-09-01 until:2024-09-30"), 1);
        // However the name is spelled.
        assert_eq!(count("actor:Kazali"), count("actor:al-Khazali"));
        assert_eq!(count("actor:Ghani since:2024-09-01 until:2024-09-30"), 1);
        assert_eq!(count("is:flagged"), 0);
        assert_eq!(count("is:unread"), library.briefings.len());
        assert_eq!(count("is:read"), 0);
        assert!(count("tag:fictional") >= 5);
        assert_eq!(count("since:2030-01-01"), 0);
    }
}
