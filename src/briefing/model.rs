//! The briefing as `brief` understands it, after loading and validation.
//!
//! Every string in these types has already been neutralised (see `sanitize`): nothing here can
//! carry a terminal control sequence, so views and plain-text output can print it as it is.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;
use serde_json::{Map, Value};

/// Keys starting with `x-`, kept as they were written so `brief show --json` can carry them.
///
/// Boxed, and absent when there are none: nearly every item has none, and an empty map inline
/// in each of a briefing's hundred items cost more memory than the items' own text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extensions(Option<Box<Map<String, Value>>>);

impl Extensions {
    pub fn new() -> Extensions {
        Extensions(None)
    }

    pub fn insert(&mut self, key: String, value: Value) {
        self.0.get_or_insert_default().insert(key, value);
    }

    pub fn is_empty(&self) -> bool {
        self.0.as_ref().is_none_or(|m| m.is_empty())
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.as_ref()?.get(key)
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().flat_map(|m| m.keys())
    }
}

impl Serialize for Extensions {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        for (k, v) in self.0.iter().flat_map(|m| m.iter()) {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A calendar date (`YYYY-MM-DD`), already checked to be a real day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Builds a date if it names a real calendar day.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let month_enum = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, month_enum, day).ok()?;
        Some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = digits(&text[0..4])?;
        let month = digits(&text[5..7])?;
        let day = digits(&text[8..10])?;
        Date::new(year as i32, month as u8, day as u8)
    }
}

fn digits(text: &str) -> Option<u32> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A timeline date: a year, a month or a day, possibly approximate (`2024-01~`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EventDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub approximate: bool,
}

impl EventDate {
    pub fn parse(text: &str) -> Option<EventDate> {
        let (body, approximate) = match text.strip_suffix('~') {
            Some(body) => (body, true),
            None => (text, false),
        };
        let date = match body.len() {
            4 => EventDate {
                year: digits(body)? as i32,
                month: None,
                day: None,
                approximate,
            },
            7 if body.as_bytes()[4] == b'-' => {
                let month = digits(&body[5..7])? as u8;
                if !(1..=12).contains(&month) {
                    return None;
                }
                EventDate {
                    year: digits(&body[0..4])? as i32,
                    month: Some(month),
                    day: None,
                    approximate,
                }
            }
            10 => {
                let d = Date::parse(body)?;
                EventDate {
                    year: d.year,
                    month: Some(d.month),
                    day: Some(d.day),
                    approximate,
                }
            }
            _ => return None,
        };
        Some(date)
    }

    /// Orders a timeline: a bare year sorts before its months, a month before its days.
    pub fn sort_key(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }
}

impl fmt::Display for EventDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        if self.approximate {
            f.write_str("~")?;
        }
        Ok(())
    }
}

impl Serialize for EventDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Declares a closed set of words a field may hold, with its spelling in files: each value's
/// word, then any other spellings that mean the same (`| "..."`), which are read but never
/// written (shown, printed and exported as the first word).
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $word:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The words, as they are written and listed.
            pub const WORDS: &'static [&'static str] = &[$($word),+];
            /// Every spelling read: the words, then the other spellings.
            pub const ACCEPTED: &'static [&'static str] = &[$($word),+ $($(, $alias)*)+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            pub fn parse(text: &str) -> Option<$name> {
                match text { $($word $(| $alias)* => Some($name::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// Traffic Light Protocol 2.0 marking.
    Handling { Clear = "CLEAR", Green = "GREEN", Amber = "AMBER", AmberStrict = "AMBER+STRICT", Red = "RED" }
}

vocabulary! {
    /// ICD 203 expressions of likelihood, from least to most likely. ICD 203 pairs each with
    /// a second term of the same meaning (`remote`, `probable`, ...): read, and shown as the
    /// first.
    Likelihood {
        AlmostNoChance = "almost no chance" | "remote",
        VeryUnlikely = "very unlikely" | "highly improbable",
        Unlikely = "unlikely" | "improbable",
        RoughlyEven = "roughly even chance" | "roughly even odds",
        Likely = "likely" | "probable",
        VeryLikely = "very likely" | "highly probable",
        AlmostCertain = "almost certain" | "nearly certain",
    }
}

vocabulary! {
    /// Analytic confidence, a separate axis from likelihood.
    Confidence { Low = "low", Moderate = "moderate", High = "high" }
}

vocabulary! {
    ActorKind { Person = "person", Organization = "organization", State = "state", Group = "group", Unknown = "unknown" }
}

vocabulary! {
    /// Whether a quote is verbatim or a paraphrase.
    QuoteMode { Direct = "direct", Indirect = "indirect" }
}

vocabulary! {
    /// Admiralty source reliability grade.
    Reliability { A = "A", B = "B", C = "C", D = "D", E = "E", F = "F" }
}

#[derive(Clone, Debug, Serialize)]
pub struct Briefing {
    pub format: u32,
    pub id: String,
    pub title: String,
    pub date: Date,
    pub summary: String,
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handling: Option<Handling>,
    pub judgments: Vec<Judgment>,
    pub sources: Vec<Source>,
    pub actors: Vec<Actor>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    #[serde(flatten)]
    pub extensions: Extensions,
    /// Where the briefing was read from; not part of the format.
    #[serde(skip)]
    pub path: PathBuf,
}

#[derive(Clone, Debug, Serialize)]
pub struct Judgment {
    pub id: String,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub likelihood: Option<Likelihood>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(flatten)]
    pub extensions: Extensions,
}

#[derive(Clone, Debug, Serialize)]
pub struct Source {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reliability: Option<Reliability>,
    #[serde(flatten)]
    pub extensions: Extensions,
}

#[derive(Clone, Debug, Serialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    pub aliases: Vec<String>,
    pub anonymous: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(flatten)]
    pub extensions: Extensions,
}

#[derive(Clone, Debug, Serialize)]
pub struct Quote {
    pub id: String,
    pub speaker: String,
    pub text: String,
    pub mode: QuoteMode,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub said: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub about: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credibility: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(flatten)]
    pub extensions: Extensions,
}

#[derive(Clone, Debug, Serialize)]
pub struct Event {
    pub id: String,
    pub date: EventDate,
    pub text: String,
    pub actors: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credibility: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl Briefing {
    /// A briefing with its list fields only (no summary, no items): what the start-up cache
    /// and `brief check` keep. A loaded briefing always has a summary, a stub never.
    pub fn stub(
        id: String,
        title: String,
        date: Date,
        handling: Option<Handling>,
        tags: Vec<String>,
        path: PathBuf,
    ) -> Briefing {
        Briefing {
            format: 1,
            id,
            title,
            date,
            summary: String::new(),
            tags,
            handling,
            judgments: Vec::new(),
            sources: Vec::new(),
            actors: Vec::new(),
            quotes: Vec::new(),
            events: Vec::new(),
            extensions: Extensions::new(),
            path,
        }
    }

    /// This briefing's list fields only.
    pub fn to_stub(&self) -> Briefing {
        Briefing::stub(
            self.id.clone(),
            self.title.clone(),
            self.date,
            self.handling,
            self.tags.clone(),
            self.path.clone(),
        )
    }

    /// Whether `other` has the same list fields (what a stub holds) and the same path.
    pub fn same_list_fields(&self, other: &Briefing) -> bool {
        self.id == other.id
            && self.title == other.title
            && self.date == other.date
            && self.handling == other.handling
            && self.tags == other.tags
            && self.path == other.path
    }

    pub fn is_stub(&self) -> bool {
        self.summary.is_empty()
    }

    /// The bottom line up front: the summary's first paragraph.
    pub fn bluf(&self) -> &str {
        self.summary
            .split("\n\n")
            .map(str::trim)
            .find(|p| !p.is_empty())
            .unwrap_or("")
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The speaker's display name, falling back to the id (never fails: references are checked
    /// at load time, but a view should not have to trust that).
    pub fn speaker_name<'a>(&'a self, quote: &'a Quote) -> &'a str {
        self.actor(&quote.speaker)
            .map(|a| a.name.as_str())
            .unwrap_or(&quote.speaker)
    }

    /// Who said a quote and where it is from, as a citation names them:
    /// `Rasul Radi, Member, State of Law Coalition (Shafaq News)`.
    pub fn attribution(&self, quote: &Quote) -> String {
        let mut text = self.speaker_name(quote).to_string();
        if let Some(role) = self.actor(&quote.speaker).and_then(|a| a.role.as_deref()) {
            text.push_str(&format!(", {role}"));
        }
        if let Some(source) = quote.source.as_deref() {
            let name = self.source(source).map_or(source, |s| s.name.as_str());
            text.push_str(&format!(" ({name})"));
        }
        text
    }

    /// Quotes spoken by the actor, in file order.
    pub fn quotes_by<'a>(&'a self, actor_id: &'a str) -> impl Iterator<Item = &'a Quote> + 'a {
        self.quotes.iter().filter(move |q| q.speaker == actor_id)
    }

    /// Events in chronological order (stable for equal dates).
    pub fn timeline(&self) -> Vec<&Event> {
        let mut events: Vec<&Event> = self.events.iter().collect();
        events.sort_by_key(|e| e.date.sort_key());
        events
    }
}

/// The bottom line as a view shows it under its own `BLUF` label: `text` without a leading
/// label that writers often put there (`BLUF:`, `BLUF -`, `BLUF —`, `Bottom line:`,
/// `Bottom line up front:`, in any case); the text itself if it has none or is only a label.
pub fn unlabelled_bluf(text: &str) -> &str {
    let trimmed = text.trim_start();
    for label in ["bottom line up front", "bottom line", "bluf"] {
        let Some(head) = trimmed.get(..label.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(label) {
            continue;
        }
        let after = &trimmed[label.len()..];
        let rest = after.trim_start();
        let Some(sep) = rest
            .chars()
            .next()
            .filter(|c| matches!(c, ':' | '-' | '–' | '—'))
        else {
            continue;
        };
        let body = rest[sep.len_utf8()..].trim_start();
        if !body.is_empty() {
            return body;
        }
    }
    text
}

#[cfg(test)]
mod bluf_tests {
    use super::unlabelled_bluf;

    #[test]
    fn a_bluf_label_in_the_text_is_dropped_once() {
        for text in [
            "BLUF: Qaani visited Baghdad.",
            "BLUF - Qaani visited Baghdad.",
            "bluf — Qaani visited Baghdad.",
            "Bottom line: Qaani visited Baghdad.",
            "Bottom line up front: Qaani visited Baghdad.",
            "  BLUF:Qaani visited Baghdad.",
        ] {
            assert_eq!(unlabelled_bluf(text), "Qaani visited Baghdad.", "{text:?}");
        }
        for text in [
            "Qaani visited Baghdad.",
            "Bluffing is not analysis.",
            "BLUF:",
            "Bottom lines differ: two readings.",
            "BLUFF: no",
        ] {
            assert_eq!(unlabelled_bluf(text), text, "{text:?}");
        }
    }
}
