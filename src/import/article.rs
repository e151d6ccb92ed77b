//! The parts of a raw article before its prose, wherever articles put them: a title line, a
//! byline, timestamps (`Updated 3:45 PM GMT+3, March 5, 2025`, `2025-03-03 10:12 UTC`,
//! `Tue, 16 Sep 2025 14:32:00 +0300`, `19.08.2025`), header lines (`Published 14 November
//! 2024`, `Source: ...`), the outlet's prefix (`Outlet/ 2025-05-21 ...`), the dateline
//! (`BAGHDAD, 18 September 2024 (Reuters) – ...`, or without its year, which then comes from
//! a timestamp elsewhere) and `told OUTLET`. What remains is the body.

use super::dates::{parse_date_anywhere, parse_date_prefix, parse_month_day_prefix};
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

/// Keys of header lines that carry the article's date: `Published 14 November 2024`,
/// `Updated 3:45 PM GMT+3, March 5, 2025`, `Date: Tue, 16 Sep 2025 14:32:00 +0300`.
const DATE_KEYS: &[&str] = &[
    "date",
    "dated",
    "published",
    "first published",
    "updated",
    "last updated",
    "posted",
    "sent",
];

/// Keys of header lines that name the outlet (`From` only with its colon, as in e-mail).
const SOURCE_KEYS: &[&str] = &["source", "outlet", "publisher", "from:"];

/// Keys of header lines that give the headline.
const HEADLINE_KEYS: &[&str] = &["subject:", "title:", "headline:"];

/// At most this many blocks at the top are read as a header (title, byline, timestamps).
const MAX_HEADER_BLOCKS: usize = 6;

/// What one line at the top of an article is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum HeaderLine {
    /// `Published 14 November 2024`, a timestamp, `19.08.2025 | Highland Ledger`.
    Date(Date, Option<String>),
    /// `date 2024-09-18 Shafaq News/ The visit ...`: a date, then the lede itself.
    DateThenProse(Date, String),
    Source(String),
    Headline(String),
    /// `By Sam Ortega | June 12, 2025`.
    /// `By Hannah Adeyemi for Marlow Business Daily`: a date and an outlet it may give.
    Byline(Option<Date>, Option<String>),
    /// A short line without a sentence's final stop: a title, a section's name, a name.
    Short(String),
    Prose,
}

/// Whether what follows a date on a header line is only a time, a zone or separators
/// (`, 09:14 GMT`, `T08:30:00+02:00`, `10:12 UTC`).
fn is_time_rest(rest: &str) -> bool {
    rest.split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '·' | '-' | '–' | '—'))
        .filter(|w| !w.is_empty())
        .all(|w| {
            w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ':' | '+' | '-' | '.' | 'T' | 'Z'))
                || (w.len() <= 5
                    && w.chars()
                        .all(|c| c.is_ascii_uppercase() || c == '+' || c.is_ascii_digit()))
                || matches!(
                    w.to_lowercase().as_str(),
                    "am" | "pm" | "a.m." | "p.m." | "at"
                )
        })
}

/// `, last updated 13 March 2025`, `Updated 13 March 2025 10:02`: after a header line's
/// date, a second one saying when the article was changed.
fn is_update_rest(rest: &str) -> bool {
    let rest = rest.trim_start_matches([',', '|', '·', ';', ' ']);
    word_count(rest) <= 10
        && header_value(
            rest,
            &["updated", "last updated", "modified", "last modified"],
        )
        .is_some_and(|date| parse_date_anywhere(date).is_some())
}

/// `... June 12, 2025 6:02 p.m.`: a line whose final stop is a clock's.
fn ends_with_a_clock(line: &str) -> bool {
    let lower = line.trim_end().to_lowercase();
    lower.ends_with("a.m.") || lower.ends_with("p.m.")
}

fn ends_like_a_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', '?', '!', ';', '"', '”', '’', '\'', '»'])
}

fn word_count(line: &str) -> usize {
    line.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Reads one line at the top of an article.
fn header_line(line: &str) -> HeaderLine {
    if let Some(rest) = header_value(line, DATE_KEYS) {
        if let Some((date, used)) = parse_date_prefix(rest) {
            let after = rest[used..].trim();
            return if after.is_empty() || is_time_rest(after) || is_update_rest(after) {
                HeaderLine::Date(date, None)
            } else if after.starts_with(['|', '·', '•']) {
                // `Published: 12.03.2025 | Dalmar Herald`: the outlet beside the date.
                HeaderLine::Date(date, outlet_beside_a_date(line))
            } else {
                HeaderLine::DateThenProse(date, after.to_string())
            };
        }
        if word_count(rest) <= 10
            && let Some(date) = parse_date_anywhere(rest)
        {
            return HeaderLine::Date(date, None);
        }
    }
    if let Some(rest) = header_value(line, SOURCE_KEYS)
        && !rest.is_empty()
        && word_count(rest) <= 6
    {
        return HeaderLine::Source(rest.to_string());
    }
    if let Some(rest) = header_value(line, HEADLINE_KEYS)
        && !rest.is_empty()
    {
        return HeaderLine::Headline(rest.to_string());
    }
    if let Some(rest) = line.strip_prefix("By ")
        && rest.chars().next().is_some_and(char::is_uppercase)
        && word_count(rest) <= 14
        && (!rest.trim_end().ends_with('.') || ends_with_a_clock(rest))
    {
        return HeaderLine::Byline(parse_date_anywhere(rest), byline_outlet(rest));
    }
    // `9.11.2025.`: a date alone, whatever stop ends it.
    if let Some((date, used)) = parse_date_prefix(line)
        && line[used..].trim().trim_end_matches('.').is_empty()
    {
        return HeaderLine::Date(date, None);
    }
    if word_count(line) <= 10
        && !ends_like_a_sentence(line)
        && let Some(date) = parse_date_anywhere(line)
    {
        return HeaderLine::Date(date, outlet_beside_a_date(line));
    }
    if word_count(line) <= 20 && !ends_like_a_sentence(line) && !line.contains(" - ") {
        return HeaderLine::Short(line.to_string());
    }
    HeaderLine::Prose
}

/// What the lines about an article (a saved page's byline, timestamp and header lines, read
/// apart from its prose) say of its date and its outlet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderFacts {
    pub date: Option<Date>,
    pub source: Option<String>,
}

/// Reads lines about an article, nearest to its text last: the date from the last line that
/// gives one (a page's byline and timestamp sit just above the text, a site's own date in
/// its masthead further up), the outlet from a `Source:` line, a byline or a date line.
pub fn header_facts(lines: &[String]) -> HeaderFacts {
    let mut facts = HeaderFacts::default();
    for line in lines.iter().rev() {
        let line = clean(line);
        let (date, source) = match header_line(line.trim()) {
            // Beside a date on a page's line, menus' words too (`Thursday, 14 November 2024
            // | Af-Soomaali | Contact`): only a name ending like an outlet's is one.
            HeaderLine::Date(d, o) => (Some(d), o.filter(|o| named_like_an_outlet(o))),
            HeaderLine::Byline(Some(d), o) => (Some(d), o),
            HeaderLine::Byline(None, o) => (None, o),
            HeaderLine::Source(s) => (None, Some(s)),
            _ => (None, None),
        };
        if facts.date.is_none() {
            facts.date = date;
        }
        if facts.source.is_none() {
            facts.source = source;
        }
    }
    facts
}

/// `19.08.2025 | Highland Ledger`: the outlet beside the date; one named like an outlet
/// (`The Orlen Ledger | Courts | ...`) before a section's name.
fn outlet_beside_a_date(line: &str) -> Option<String> {
    let parts: Vec<&str> = line
        .split(['|', '·', '•'])
        .map(str::trim)
        .filter(|part| parse_date_anywhere(part).is_none())
        .collect();
    parts
        .iter()
        .find(|part| named_like_an_outlet(part))
        .or_else(|| parts.iter().find(|part| is_outlet_name(part)))
        .map(|o| as_written_in_prose(o))
}

/// Splits an article into its header facts and its body paragraphs. The header is the
/// blocks at the top made only of header lines (dates, timestamps, bylines, `Source:`, a
/// title); the body starts at the first block of prose.
pub fn parse(text: &str) -> Article {
    let text = clean(text);
    let mut article = Article {
        date: None,
        source: None,
        headline: None,
        paragraphs: Vec::new(),
    };
    let blocks = blocks(&text);
    let mut first_body = blocks.len();
    let mut first_body_line: Option<String> = None;
    'blocks: for (b, block) in blocks.iter().enumerate() {
        if b >= MAX_HEADER_BLOCKS {
            first_body = b;
            break;
        }
        let read = read_block(block);
        if let Some(HeaderLine::DateThenProse(date, rest)) = read.first() {
            article.date.get_or_insert(*date);
            first_body = b;
            let mut lines = vec![rest.clone()];
            lines.extend(block[1..].iter().cloned());
            first_body_line = Some(lines.join("\n"));
            break 'blocks;
        }
        let facts = read
            .iter()
            .filter(|l| !matches!(l, HeaderLine::Short(_)))
            .count();
        let header = !read.contains(&HeaderLine::Prose)
            && !read
                .iter()
                .any(|l| matches!(l, HeaderLine::DateThenProse(..)))
            // A block of short lines whose last ends a sentence is wrapped prose.
            && (facts > 0 || !ends_like_a_sentence(block.last().map_or("", |l| l.as_str())));
        // The last block is the body, whatever it looks like.
        if !header || b + 1 == blocks.len() {
            first_body = b;
            break;
        }
        for line in read {
            match line {
                HeaderLine::Date(date, outlet) => {
                    article.date.get_or_insert(date);
                    if let Some(o) = outlet {
                        article.source.get_or_insert(o);
                    }
                }
                HeaderLine::Byline(date, outlet) => {
                    if let Some(d) = date {
                        article.date.get_or_insert(d);
                    }
                    if let Some(o) = outlet {
                        article.source.get_or_insert(o);
                    }
                }
                HeaderLine::Source(s) => {
                    article.source.get_or_insert(s);
                }
                HeaderLine::Headline(h) => {
                    article.headline.get_or_insert(h);
                }
                // A title has a few words; a section's name (`Politics`) or a lone byline
                // name (`Saad Jaber`) is not one.
                HeaderLine::Short(line) => {
                    if line.contains(['|', '·', '•'])
                        && let Some(outlet) = outlet_on_its_line(&line)
                    {
                        // `SALVIA DAILY | Politics`: the outlet and a section, above the
                        // title or under it.
                        article.source.get_or_insert(outlet);
                    } else if article.headline.is_none()
                        && article.source.is_none()
                        && b == 0
                        && word_count(&line) <= 5
                        && !line.contains(['|', '·', '•'])
                        && named_like_an_outlet(&line)
                    {
                        // `The Larkspur Sentinel` above everything else: the masthead, not
                        // the title (which follows it, often below a line of sections).
                        article.source = Some(as_written_in_prose(&line));
                    } else if article.headline.is_none() && word_count(&line) >= 3 {
                        article.headline = Some(line);
                    } else if article.headline.is_some()
                        && let Some(outlet) = outlet_on_its_line(&line)
                    {
                        // `The Marsh Echo`, `Football | The Northern Post`: under the
                        // title, a line (or a part of one) named like an outlet.
                        article.source.get_or_insert(outlet);
                    }
                }
                HeaderLine::DateThenProse(..) | HeaderLine::Prose => {}
            }
        }
    }
    let mut paras: Vec<String> = Vec::new();
    if let Some(first) = first_body_line {
        paras.extend(paragraphs(&first));
        paras.extend(blocks.iter().skip(first_body + 1).map(|b| b.join(" ")));
    } else {
        paras.extend(blocks.iter().skip(first_body).map(|b| b.join(" ")));
    }
    if let Some(first) = paras.first_mut() {
        let lede = strip_lede_prefix(first);
        match lede.date {
            Some(LedeDate::Full(d)) => {
                article.date.get_or_insert(d);
            }
            Some(LedeDate::MonthDay(month, day)) if article.date.is_none() => {
                article.date = year_elsewhere(&text).and_then(|y| Date::new(y, month, day));
            }
            Some(LedeDate::MonthDay(..)) => {}
            None => {}
        }
        if let Some(s) = lede.source {
            article.source.get_or_insert(s);
        }
        *first = lede.rest;
    }
    paras.retain(|p| !p.trim().is_empty());
    if let Some(full) = article.source.as_deref().and_then(|s| spelt_out(s, &text)) {
        article.source = Some(full);
    }
    if article.source.is_none() {
        article.source = outlet_at_the_foot(&text).or_else(|| told_outlet(&paras));
    }
    if article.date.is_none() {
        article.date = date_elsewhere(&text, &paras);
    }
    article.paragraphs = paras;
    article
}

/// The lines of a text in blocks separated by blank lines, each line trimmed.
fn blocks(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line.to_string());
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The year of a wire dateline without one (`BASRA, March 5 (Reuters) -`): from a timestamp
/// line anywhere in the article (`2025-03-03 10:12 UTC`, `Last updated March 5, 2025`).
fn year_elsewhere(text: &str) -> Option<i32> {
    text.lines()
        .map(str::trim)
        .find_map(|line| match header_line(line) {
            HeaderLine::Date(d, _)
            | HeaderLine::Byline(Some(d), _)
            | HeaderLine::DateThenProse(d, _) => Some(d.year),
            _ => None,
        })
}

/// The date of an article that gives none at its top: a timestamp line anywhere (a wire's
/// footer, `This article was published on 9 November 2025.`), else the first full date in
/// its first three paragraphs (`On 3 March 2025, the council ...`), the nearest the prose
/// comes to saying when it was written.
fn date_elsewhere(text: &str, paragraphs: &[String]) -> Option<Date> {
    text.lines()
        .map(str::trim)
        .find_map(|line| match header_line(line) {
            HeaderLine::Date(d, _)
            | HeaderLine::Byline(Some(d), _)
            | HeaderLine::DateThenProse(d, _) => Some(d),
            _ => None,
        })
        .or_else(|| {
            paragraphs
                .iter()
                .take(3)
                .find_map(|p| parse_date_anywhere(p))
        })
}

/// An outlet named on a line of its own below the text: `© 2025 The Valley Courier. All rights
/// reserved.`, `Copyright 2025 Valley Courier Ltd`, `Source: Gulf Wire`, `This article first
/// appeared in the Harbour Times.`
fn outlet_at_the_foot(text: &str) -> Option<String> {
    text.lines().rev().map(str::trim).find_map(|line| {
        if let Some(rest) = header_value(line, SOURCE_KEYS)
            && word_count(rest) <= 6
            && is_outlet_name(rest.trim_end_matches('.'))
        {
            return Some(rest.trim_end_matches('.').to_string());
        }
        // ASCII case only, so that its byte offsets are the line's.
        let lower = line.to_ascii_lowercase();
        // `Reporting by Ada Brenn and Tom Vey, Larkspur Sentinel`: the reporters' outlet
        // after the last comma; a credit of people alone (`Reporting by ...; Editing by
        // ...`) names none.
        if lower.starts_with("reporting by ") || lower.starts_with("additional reporting by ") {
            let name = line.rsplit(',').next()?.trim().trim_end_matches('.');
            let name = name.strip_prefix("the ").unwrap_or(name);
            return (line.contains(',') && word_count(name) <= 5 && named_like_an_outlet(name))
                .then(|| name.to_string());
        }
        let copyright = line.starts_with('©') || lower.starts_with("copyright");
        let rest = if let Some(rest) = line
            .strip_prefix('©')
            .or_else(|| lower.starts_with("copyright").then(|| &line[9..]))
        {
            rest.trim_start_matches(|c: char| {
                c.is_ascii_digit() || c.is_whitespace() || matches!(c, '©' | '-' | '–' | ',')
            })
        } else {
            let at = [
                "first appeared in ",
                "originally appeared in ",
                "first published in ",
                "originally published in ",
                "first appeared on ",
                "originally published by ",
            ]
            .iter()
            .find_map(|k| lower.find(k).map(|i| i + k.len()))?;
            &line[at..]
        };
        let name = rest
            .split(['.', ',', '|', ';'])
            .next()?
            .trim()
            .trim_start_matches("the ");
        let company = COMPANY_SUFFIXES
            .iter()
            .find_map(|suffix| name.strip_suffix(suffix));
        let name = company.unwrap_or(name).trim();
        // `© Larkspur Avis AS`: the company holding the copyright publishes the article,
        // whatever its name ends with.
        let publisher = copyright && company.is_some() && is_outlet_name(name);
        (word_count(name) <= 5 && (publisher || named_like_an_outlet(name)))
            .then(|| name.to_string())
    })
}

/// Endings of a company's legal name: `Valley Courier Ltd`, `Larkspur Avis AS`.
const COMPANY_SUFFIXES: &[&str] = &[
    " Ltd", " Limited", " Inc", " LLC", " plc", " PLC", " AS", " ASA", " AB", " GmbH", " AG",
    " SA", " BV", " Pty",
];

/// Words that end the names of news outlets: `Tigris Observer`, `Riverside Bulletin`.
const OUTLET_HEADS: &[&str] = &[
    "news",
    "post",
    "times",
    "observer",
    "monitor",
    "herald",
    "bulletin",
    "wire",
    "daily",
    "press",
    "gazette",
    "journal",
    "tribune",
    "courier",
    "ledger",
    "newswire",
    "telegraph",
    "chronicle",
    "radio",
    "tv",
    "television",
    "broadcasting",
    "agency",
    "review",
    "standard",
    "express",
    "today",
    "online",
    "echo",
    "mail",
    "mirror",
    "star",
    "guardian",
    "independent",
    "sentinel",
    "dispatch",
    "inquirer",
    "examiner",
    "register",
    "globe",
    "desk",
    "weekly",
    "magazine",
];

/// `told the Riverside Bulletin`: an outlet the article says it spoke to, when nothing
/// else names the source. Only a name ending like an outlet's counts.
fn told_outlet(paragraphs: &[String]) -> Option<String> {
    for p in paragraphs {
        let mut rest = p.as_str();
        while let Some(at) = rest.find("told ") {
            let after = &rest[at + 5..];
            let after = after.strip_prefix("the ").unwrap_or(after);
            let name: Vec<&str> = after
                .split_whitespace()
                .take_while(|w| {
                    let w = w.trim_end_matches([',', '.', ':', ';']);
                    is_capitalized(w) && !lexicon::is_not_name(w)
                })
                .take(4)
                .collect();
            let name = name.join(" ");
            let name = name.trim_end_matches([',', '.', ':', ';']);
            if let Some(last) = name.split_whitespace().last()
                && OUTLET_HEADS.contains(&last.to_lowercase().as_str())
                && is_outlet_name(name)
            {
                return Some(name.to_string());
            }
            rest = &rest[at + 5..];
        }
    }
    None
}

/// `Published: 2 June 2025` → `2 June 2025` when the line starts with one of `keys`.
fn header_value<'a>(line: &'a str, keys: &[&str]) -> Option<&'a str> {
    let line = line.trim();
    for key in keys {
        let Some(head) = line.get(..key.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(key) {
            continue;
        }
        let after = &line[key.len()..];
        if key.ends_with(':') {
            return Some(after.trim_start());
        }
        let rest = after.strip_prefix(':').unwrap_or(after);
        if after.starts_with(':') || rest.starts_with(char::is_whitespace) || rest.is_empty() {
            return Some(rest.trim_start());
        }
    }
    None
}

/// The date a dateline gives: whole, or without its year (`BASRA, March 5 (Reuters) -`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LedeDate {
    Full(Date),
    MonthDay(u8, u8),
}

/// The lede without its outlet prefix and dateline, and what they said.
struct Lede {
    rest: String,
    date: Option<LedeDate>,
    source: Option<String>,
}

/// Takes the outlet prefix (`Shafaq News/ `, `Tigris Observer/ 2025-05-21 `) and the dateline
/// (`BAGHDAD, 18 September 2024 (Reuters) – `, `MARROW, March 3 (Reuters) - `, `BAGHDAD
/// (Reuters) - `) off the lede.
fn strip_lede_prefix(lede: &str) -> Lede {
    let mut text = lede.trim_start();
    let mut date = None;
    let mut source = None;
    if let Some((name, rest)) = text.split_once('/')
        && is_outlet_name(name)
    {
        source = Some(name.trim().to_string());
        text = rest.trim_start();
        // `Tigris Observer/ 2025-05-21 The ...`
        if let Some((d, used)) = parse_date_prefix(text) {
            date = Some(LedeDate::Full(d));
            text = text[used..].trim_start();
            text = strip_dash(text).unwrap_or(text);
        }
    }
    if let Some((place, rest)) = text.split_once(',')
        && is_place(place)
    {
        // `BASRA, March 5 (Reuters) -`, `MORO, Veska, Dec 2 (VAP) -`, `PORT HALE,
        // Veska (Coast Press) —`: a place (and its region), a date or an outlet, a dash.
        let region = rest
            .split_once(',')
            .filter(|(region, _)| is_place(region))
            .map(|(_, after)| after);
        if let Some((d, outlet, tail)) =
            dateline_rest(rest).or_else(|| region.and_then(dateline_rest))
        {
            date = date.or(d);
            source = source.or(outlet);
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
        source = source.or(Some(name.trim().to_string()));
        text = tail;
    }
    Lede {
        rest: text.to_string(),
        date,
        source,
    }
}

/// What follows a dateline's place: a date (with or without its year) or an outlet in
/// parentheses, or both, then a dash. Returns them and the text after the dash.
fn dateline_rest(rest: &str) -> Option<(Option<LedeDate>, Option<String>, &str)> {
    let found = parse_date_prefix(rest)
        .map(|(d, used)| (LedeDate::Full(d), used))
        .or_else(|| {
            parse_month_day_prefix(rest).map(|(m, d, used)| (LedeDate::MonthDay(m, d), used))
        });
    let mut after = match found {
        Some((_, used)) => rest[used..].trim_start(),
        None => rest.trim_start(),
    };
    // `Veska (Coast Press) —`: the place's region before the outlet.
    if found.is_none()
        && let Some((region, _)) = after.split_once('(')
        && is_place(region)
    {
        after = &after[region.len()..];
    }
    let mut outlet = None;
    // `(Reuters)`, or a press release's `/Newsfeed Wire/`.
    for (open, close) in [('(', ')'), ('/', '/')] {
        if let Some(inner) = after.strip_prefix(open)
            && let Some((name, tail)) = inner.split_once(close)
            && is_outlet_name(name.trim())
        {
            outlet = Some(name.trim().to_string());
            after = tail.trim_start();
            break;
        }
    }
    let date = found.map(|(d, _)| d);
    if date.is_none() && outlet.is_none() {
        return None;
    }
    Some((date, outlet, strip_dash(after)?))
}

fn strip_dash(text: &str) -> Option<&str> {
    let rest = text
        .strip_prefix('–')
        .or_else(|| text.strip_prefix('—'))
        .or_else(|| text.strip_prefix("--"))
        .or_else(|| text.strip_prefix('-'))?;
    Some(rest.trim_start())
}

/// A header line below the title, or one of its `|`-separated parts, named like an outlet.
fn outlet_on_its_line(line: &str) -> Option<String> {
    line.split(['|', '·', '•'])
        .map(str::trim)
        .find(|part| named_like_an_outlet(part))
        .map(as_written_in_prose)
}

/// An outlet's name as prose writes it: `SALVIA DAILY` → `Salvia Daily`, `KPA NEWSWIRE` →
/// `KPA Newswire` (a word of three letters or fewer in capitals is an acronym); a name not
/// all in capitals is kept as it is.
fn as_written_in_prose(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    name.split_whitespace()
        .map(|w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            if letters <= 3 && w != "THE" {
                return w.to_string();
            }
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_string() + &chars.as_str().to_lowercase())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads a block's lines. A press release names its issuer on the line after `News provided
/// by`.
fn read_block(block: &[String]) -> Vec<HeaderLine> {
    let mut read: Vec<HeaderLine> = block.iter().map(|l| header_line(l)).collect();
    for i in 0..block.len().saturating_sub(1) {
        let key = block[i].trim().trim_end_matches(':').to_lowercase();
        if matches!(key.as_str(), "news provided by" | "provided by") {
            read[i] = HeaderLine::Short(block[i].clone());
            read[i + 1] = HeaderLine::Source(block[i + 1].trim().to_string());
        }
    }
    read
}

/// The outlet a byline names: `... for Marlow Business Daily`, or its last words when they
/// are named like an outlet (`By ANA REIS and TOM HALE Coast Press`), or a part after the
/// names named like one (`By Oskar Lind, Ostmark Business News`).
fn byline_outlet(byline: &str) -> Option<String> {
    let mut parts = byline.split(['|', '·', '•', ',']);
    let names = parts.next()?.trim();
    if let Some(outlet) = parts.map(str::trim).find(|part| named_like_an_outlet(part)) {
        return Some(outlet.to_string());
    }
    if let Some((_, outlet)) = names.rsplit_once(" for ")
        && named_like_an_outlet(outlet.trim())
    {
        return Some(outlet.trim().to_string());
    }
    let words: Vec<&str> = names.split_whitespace().collect();
    // The trailing words written as a name (not in capitals, as bylines write people).
    let tail = words
        .iter()
        .rev()
        .take_while(|w| is_capitalized(w) && w.chars().any(char::is_lowercase))
        .count();
    // Two words at least, after the names in capitals: never a surname such as `Post`.
    let outlet = words[words.len() - tail..].join(" ");
    (tail >= 2 && tail < words.len() && named_like_an_outlet(&outlet)).then_some(outlet)
}

/// `The Orlen Ledger`, `Coast Press`: an outlet's name (an article before it allowed)
/// whose last word ends the names of outlets.
pub fn named_like_an_outlet(name: &str) -> bool {
    let bare = name.strip_prefix("The ").unwrap_or(name);
    is_outlet_name(bare)
        && bare
            .split_whitespace()
            .last()
            .is_some_and(|w| OUTLET_HEADS.contains(&w.to_lowercase().as_str()))
}

/// `VAP` for `Veska Agence Presse`: a line of the article (a wire's footer, a byline)
/// that opens with the name an outlet's acronym spells.
fn spelt_out(acronym: &str, text: &str) -> Option<String> {
    let letters = acronym.chars().count();
    if !(2..=5).contains(&letters) || !acronym.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    text.lines().find_map(|line| {
        let head = line.trim().split([',', '|', '·', '•']).next()?.trim();
        let initials: String = head
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .collect();
        (initials == acronym && is_outlet_name(head)).then(|| head.to_string())
    })
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

/// `BAGHDAD`, `Port Said`, `NEW YORK`: one to four capitalised words.
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
    fn slash_dates_bylines_and_datelines_with_a_region() {
        // Year first; the outlet named like one before a section's name.
        let a = parse(
            "Court hears bribery case\nThe Orlen Ledger | Courts | 2026/03/26 19:04\n\nA witness spoke.",
        );
        assert_eq!(a.date, Date::new(2026, 3, 26));
        assert_eq!(a.source.as_deref(), Some("The Orlen Ledger"));
        // Month first with a 12-hour clock; the outlet after the names in capitals.
        let a = parse(
            "Blackouts spread\nBy ANA REIS and TOM HALE Coast Press\nPosted 07/08/2025 6:05 PM\n\nPower failed.",
        );
        assert_eq!(a.date, Date::new(2025, 7, 8));
        assert_eq!(a.source.as_deref(), Some("Coast Press"));
        // Ambiguous without a clock: no date from it.
        assert_eq!(parse("Posted 07/08/2025\n\nPower failed.").date, None);
        // `By NAME for OUTLET`; a surname like an outlet's word is no outlet.
        let a = parse(
            "Plant to close\nBy Hana Ade for Orlen Business Daily\nWednesday, 6 May 2026\n\nJobs go.",
        );
        assert_eq!(a.source.as_deref(), Some("Orlen Business Daily"));
        assert_eq!(
            parse("Plant to close\nBy Sam Post\n6 May 2026\n\nJobs go.").source,
            None
        );
        // A place with its region, an outlet without a date.
        let a =
            parse("Posted 07/08/2025 6:05 PM\n\nPORT HALE, Veska (Coast Press) — Power failed.");
        assert_eq!(a.source.as_deref(), Some("Coast Press"));
        assert_eq!(a.paragraphs, vec!["Power failed."]);
        // A dateline without its year, the year and the outlet's full name at the foot.
        let a = parse(
            "MORO, Veska, Dec 2 (VAP) - Locusts swept in.\n\nVeska Agence Presse, 2025-12-02 08:15 GMT",
        );
        assert_eq!(a.date, Date::new(2025, 12, 2));
        assert_eq!(a.source.as_deref(), Some("Veska Agence Presse"));
        assert_eq!(a.paragraphs[0], "Locusts swept in.");
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
    fn title_byline_and_timestamp_above_a_dateline_without_its_year() {
        let a = parse(
            "Port cuts night shifts\nBy Layla Haddad, Gulf Wire\nUpdated 3:45 PM GMT+3, March 5, 2025\n\n\
             BASRA, March 5 (Gulf Wire) - The port will cut shifts.\n\nMore follows.",
        );
        assert_eq!(a.date, Date::new(2025, 3, 5));
        assert_eq!(a.source.as_deref(), Some("Gulf Wire"));
        assert_eq!(a.headline.as_deref(), Some("Port cuts night shifts"));
        assert_eq!(
            a.paragraphs,
            vec!["The port will cut shifts.", "More follows."]
        );
    }

    #[test]
    fn a_dateline_without_its_year_takes_it_from_a_timestamp() {
        let a = parse(
            "Doctors strike over pay\nSaad Jaber\n2025-03-03 10:12 UTC\n\nMARROW, March 3 (Reuters) - Doctors struck.",
        );
        assert_eq!(a.date, Date::new(2025, 3, 3));
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        // With no year anywhere, there is no date.
        let a = parse("MARROW, March 3 (Reuters) - Doctors struck.");
        assert_eq!(a.date, None);
    }

    #[test]
    fn dates_in_the_forms_pages_and_feeds_use() {
        let cases = [
            (
                "Vote delayed again\nPublished 14 November 2024\n\nThe vote was delayed.",
                (2024, 11, 14),
            ),
            (
                "ORSK — 19.08.2025\n\nTalks resume, Orsk says\n\nTalks will resume.",
                (2025, 8, 19),
            ),
            (
                "Date: Tue, 16 Sep 2025 14:32:00 +0300\nFrom: Riverside Bulletin\n\nA bridge fell.",
                (2025, 9, 16),
            ),
            (
                "Fire halts refinery\nBy Sam Ortega | June 12, 2025\n\nA fire broke out.",
                (2025, 6, 12),
            ),
            (
                "Published 2 February 2025, 09:14 GMT\n\nSchools will close.",
                (2025, 2, 2),
            ),
            ("Kessra, March 3, 2025 - A court ruled.", (2025, 3, 3)),
            (
                "Ferry fares rise\nPublished 7:15 AM EDT, Wed May 7, 2025\n\nFares rose.",
                (2025, 5, 7),
            ),
            (
                "Ferry fares rise\nAda Brenn Transport correspondent\nWed 7 May 2025 07.15 BST\n\nFares rose.",
                (2025, 5, 7),
            ),
            (
                "Ferry fares rise\nUpdated: May 07, 2025 11:05 IST\n\nFares rose.",
                (2025, 5, 7),
            ),
            (
                "Ferry fares rise\n07.05.2025, 11:05 (UTC+5)\n\nFares rose.",
                (2025, 5, 7),
            ),
        ];
        for (text, (y, m, d)) in cases {
            let a = parse(text);
            assert_eq!(a.date, Date::new(y, m, d), "{text}");
            assert_eq!(a.paragraphs.len(), 1, "{text}: {:?}", a.paragraphs);
        }
        let a = parse(
            "Date: Tue, 16 Sep 2025 14:32:00 +0300\nFrom: Riverside Bulletin\n\nA bridge fell.",
        );
        assert_eq!(a.source.as_deref(), Some("Riverside Bulletin"));
        let a =
            parse("Miners occupy pit\n\n27.10.2024 | Highland Ledger\n\nMiners occupied the pit.");
        assert_eq!(a.source.as_deref(), Some("Highland Ledger"));
        assert_eq!(a.headline.as_deref(), Some("Miners occupy pit"));
    }

    #[test]
    fn an_outlet_prefix_with_a_date_on_the_third_line() {
        let a = parse(
            "Factions hand over checkpoints\nPolitics\n\nTigris Observer/ 2025-05-21 The forces left the road.",
        );
        assert_eq!(a.date, Date::new(2025, 5, 21));
        assert_eq!(a.source.as_deref(), Some("Tigris Observer"));
        assert_eq!(
            a.headline.as_deref(),
            Some("Factions hand over checkpoints")
        );
        assert_eq!(a.paragraphs, vec!["The forces left the road."]);
    }

    #[test]
    fn the_outlet_the_article_spoke_to() {
        let a = parse(
            "date 2025-01-02 A bridge fell.\n\n\"We warned them,\" an engineer told the Riverside Bulletin.",
        );
        assert_eq!(a.source.as_deref(), Some("Riverside Bulletin"));
        let a =
            parse("date 2025-01-02 A bridge fell.\n\nShe told Transport Minister Dita Kral so.");
        assert_eq!(a.source, None);
    }

    #[test]
    fn hard_wrapped_prose_is_not_a_title() {
        let a =
            parse("date 2025-01-02\n\nThe council met on Monday\nand agreed the budget.\n\nMore.");
        assert_eq!(a.headline, None);
        assert_eq!(
            a.paragraphs[0],
            "The council met on Monday and agreed the budget."
        );
    }

    #[test]
    fn a_slash_later_in_the_lede_is_not_an_outlet() {
        let a = parse("date 2024-01-02 The 24/7 service stopped.");
        assert_eq!(a.source, None);
        assert_eq!(a.paragraphs, vec!["The 24/7 service stopped."]);
    }

    #[test]
    fn outlets_under_the_title_and_after_a_bylines_names() {
        let a = parse(
            "Council approves new road\nBy Ruth Amsel, Local Reporter\nThe Varna Echo\nThursday 5 June 2025\n\nThe council voted.\n\nIt met.",
        );
        assert_eq!(a.source.as_deref(), Some("The Varna Echo"));
        let a = parse(
            "Club sacks coach\nFootball | The Eastern Post\nSun 9 Nov 2025 21.14 GMT\n\nThe club acted.\n\nIt said so.",
        );
        assert_eq!(a.source.as_deref(), Some("The Eastern Post"));
        let a = parse(
            "Baker bought by food group\nBy Ola Lind, Nordvik Business News\n14 October 2025\n\nThe deal was done.\n\nIt closes soon.",
        );
        assert_eq!(a.source.as_deref(), Some("Nordvik Business News"));
        let a = parse(
            "Bacterium eats foam\nMeridian Science Desk\nPublished: 2026-01-22 10:30\n\nResearchers found it.\n\nIt eats foam.",
        );
        assert_eq!(a.source.as_deref(), Some("Meridian Science Desk"));
        assert_eq!(a.headline.as_deref(), Some("Bacterium eats foam"));
    }

    /// Lines people really write above an article, each under a title and above a body:
    /// the date each gives.
    #[test]
    fn a_table_of_date_lines() {
        let lines: &[(&str, (i32, u8, u8))] = &[
            ("Published 14 November 2024", (2024, 11, 14)),
            ("Published: 14 Nov 2024, 09:14 GMT", (2024, 11, 14)),
            ("Updated 3:45 PM GMT+3, March 5, 2025", (2025, 3, 5)),
            ("Last updated: March 5, 2025 at 3:45 p.m. EST", (2025, 3, 5)),
            ("2025-03-03 10:12 UTC", (2025, 3, 3)),
            ("2025-03-03T10:12:00Z", (2025, 3, 3)),
            ("2025-03-03T10:12:00+03:00", (2025, 3, 3)),
            ("Tue, 16 Sep 2025 14:32:00 +0300", (2025, 9, 16)),
            ("Tuesday 16 September 2025", (2025, 9, 16)),
            ("Tuesday, September 16, 2025", (2025, 9, 16)),
            ("16 September 2025", (2025, 9, 16)),
            ("September 16, 2025", (2025, 9, 16)),
            ("Sept. 16, 2025", (2025, 9, 16)),
            ("Sep 16 2025", (2025, 9, 16)),
            ("16 Sep. 2025", (2025, 9, 16)),
            ("16th September 2025", (2025, 9, 16)),
            ("September 16th, 2025", (2025, 9, 16)),
            ("19 August, 2025", (2025, 8, 19)),
            ("19.08.2025", (2025, 8, 19)),
            ("19.08.2025 | Highland Ledger", (2025, 8, 19)),
            ("19/08/2025", (2025, 8, 19)),
            ("08/19/2025", (2025, 8, 19)),
            ("2025/08/19", (2025, 8, 19)),
            ("Updated: 05/06/2025 17:40", (2025, 6, 5)),
            ("Posted 07/08/2025 6:05 PM", (2025, 7, 8)),
            ("By Sam Ortega | June 12, 2025", (2025, 6, 12)),
            (
                "By Sam Ortega, Staff Writer | Updated June 12, 2025 6:02 p.m.",
                (2025, 6, 12),
            ),
            ("Posted on 2 April 2025 by Ines Harlow", (2025, 4, 2)),
            ("Date: 2025-06-02", (2025, 6, 2)),
            ("Dated 2 June 2025", (2025, 6, 2)),
            ("First published on Mon 2 Jun 2025 08.30 BST", (2025, 6, 2)),
            ("Mon 9 Jun 2025 21.14 BST", (2025, 6, 9)),
            ("June 2, 2025 / 8:30 AM / Updated 2 hours ago", (2025, 6, 2)),
            ("2 June 2025 — 08:30", (2025, 6, 2)),
            ("Jun 2, 2025, 8:30 AM ET", (2025, 6, 2)),
            ("Mar 03, 2026, 09:00 ET", (2026, 3, 3)),
            ("02 Jun 2025", (2025, 6, 2)),
            ("2nd June 2025", (2025, 6, 2)),
            ("Monday 2 June 2025 08:30", (2025, 6, 2)),
            ("THURSDAY, JUNE 5, 2025", (2025, 6, 5)),
            ("5 JUNE 2025", (2025, 6, 5)),
            ("Published June 5th, 2025 at 10:00", (2025, 6, 5)),
            ("Wednesday 12 March 2025 / 10:03 AM", (2025, 3, 12)),
            ("12 March 2025 | 10:03", (2025, 3, 12)),
            ("Published at 10:03 on 12 March 2025", (2025, 3, 12)),
            (
                "Published 12 March 2025 Updated 13 March 2025",
                (2025, 3, 12),
            ),
            (
                "Published 12 March 2025, last updated 13 March 2025",
                (2025, 3, 12),
            ),
            (
                "19.08.2025, 21:47 | updated 19.08.2025, 23:05",
                (2025, 8, 19),
            ),
            ("Aug. 19, 2025", (2025, 8, 19)),
            ("AUG 19, 2025", (2025, 8, 19)),
            ("August 19 2025 10:00 GMT", (2025, 8, 19)),
            ("Posted: Aug 19, 2025 10:00 pm", (2025, 8, 19)),
            ("Tue 19 Aug 2025 10.00 BST", (2025, 8, 19)),
            ("2025-08-19 10:00:00", (2025, 8, 19)),
            ("Thursday, 14 November 2024 | Contact | RSS", (2024, 11, 14)),
            (
                "HARBOUR WIRE | COURTS | 19.08.2025 | 15:47 local time",
                (2025, 8, 19),
            ),
            ("Shafaq News/ 2025-05-21", (2025, 5, 21)),
            ("19-08-2025 10:00", (2025, 8, 19)),
            ("2025.08.19", (2025, 8, 19)),
            ("(Published on 19 August 2025)", (2025, 8, 19)),
            ("Updated on: 19 August 2025", (2025, 8, 19)),
            ("Nov 9th 2025", (2025, 11, 9)),
            ("9th of November 2025", (2025, 11, 9)),
            ("Sunday, 9th November 2025", (2025, 11, 9)),
            ("2025-11-09 at 10:00", (2025, 11, 9)),
            ("9.11.2025.", (2025, 11, 9)),
            ("Published: Sunday 9 November 2025 - 10:00", (2025, 11, 9)),
            ("November 9, 2025 10:00 a.m. CET", (2025, 11, 9)),
            ("Posted by Ana Vell on November 9, 2025", (2025, 11, 9)),
            ("Written by Ana Vell, 9 November 2025", (2025, 11, 9)),
            ("Last modified: 9 November 2025", (2025, 11, 9)),
        ];
        let mut wrong = Vec::new();
        for (line, (y, m, d)) in lines {
            let text = format!(
                "Council agrees the budget\n{line}\n\nThe council met and agreed the budget.\n\nIt will be published."
            );
            let a = parse(&text);
            if a.date != Date::new(*y, *m, *d) {
                wrong.push(format!("{line}: {:?}", a.date));
            }
            if a.paragraphs.first().map(String::as_str)
                != Some("The council met and agreed the budget.")
            {
                wrong.push(format!("{line}: body {:?}", a.paragraphs));
            }
        }
        assert!(lines.len() >= 40);
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// A lede, the date and the outlet its dateline gives.
    type Dateline = (&'static str, Option<(i32, u8, u8)>, Option<&'static str>);

    /// Datelines as wires, papers and press releases write them.
    #[test]
    fn a_table_of_datelines() {
        let ledes: &[Dateline] = &[
            (
                "KOVAR, 12 March 2025 - Miners left.",
                Some((2025, 3, 12)),
                None,
            ),
            (
                "KOVAR, March 12, 2025 (Gulf Wire) - Miners left.",
                Some((2025, 3, 12)),
                Some("Gulf Wire"),
            ),
            ("KOVAR (Gulf Wire) - Miners left.", None, Some("Gulf Wire")),
            (
                "CALDER FALLS, Ore., March 3, 2026 /Newsfeed Wire/ -- Miners left.",
                Some((2026, 3, 3)),
                Some("Newsfeed Wire"),
            ),
            (
                "PORT HALE, Veska, 3 March 2026 — Miners left.",
                Some((2026, 3, 3)),
                None,
            ),
            (
                "Tigris Observer/ 2025-05-21 Miners left.",
                Some((2025, 5, 21)),
                Some("Tigris Observer"),
            ),
            (
                "KOVAR, Aug 19, 2025 (HPA) - Miners left.",
                Some((2025, 8, 19)),
                Some("HPA"),
            ),
        ];
        for (lede, date, source) in ledes {
            let a = parse(lede);
            assert_eq!(
                a.date,
                date.and_then(|(y, m, d)| Date::new(y, m, d)),
                "{lede}"
            );
            assert_eq!(a.source.as_deref(), *source, "{lede}");
            assert_eq!(a.paragraphs, vec!["Miners left."], "{lede}");
        }
    }

    #[test]
    fn a_date_at_the_foot_or_in_the_lede_when_the_top_gives_none() {
        let a = parse(
            "The bridge fell.\n\nIt was old.\n\nThis article was published on 9 November 2025.",
        );
        assert_eq!(a.date, Date::new(2025, 11, 9));
        let a = parse("On 3 March 2025, the council voted to close the bridge.\n\nIt was old.");
        assert_eq!(a.date, Date::new(2025, 3, 3));
        // A header's date comes first, a later one in the prose does not replace it.
        let a = parse("Published 4 March 2025\n\nOn 3 March 2024, the council voted.");
        assert_eq!(a.date, Date::new(2025, 3, 4));
        // A dateline without its year, the year in a timestamp at the foot.
        for foot in [
            "Last modified: Wed 7 May 2025 07.58 SAST",
            "Keywords: KOVAR/MINE\nWed May 7 2025 14:20:11 GMT",
        ] {
            let a = parse(&format!(
                "(Story filed 14:20 GMT)\n\nKOVAR, May 7 (Gulf Wire) - Miners left.\n\nThey were tired.\n\n{foot}"
            ));
            assert_eq!(a.date, Date::new(2025, 5, 7), "{foot}");
        }
    }

    #[test]
    fn an_outlet_named_at_the_foot() {
        for (foot, outlet) in [
            (
                "© 2025 The Valley Courier. All rights reserved.",
                "The Valley Courier",
            ),
            ("Copyright 2025 Valley Courier Ltd", "Valley Courier"),
            ("Source: Gulf Wire", "Gulf Wire"),
            (
                "This article first appeared in the Harbour Times.",
                "Harbour Times",
            ),
        ] {
            let a = parse(&format!(
                "date 2025-01-02 A bridge fell.\n\nIt was old.\n\n{foot}"
            ));
            assert_eq!(a.source.as_deref(), Some(outlet), "{foot}");
        }
        // A copyright that names no outlet is none.
        let a = parse("date 2025-01-02 A bridge fell.\n\n© 2025 Jane Doe");
        assert_eq!(a.source, None);
    }

    #[test]
    fn a_reporting_credit_or_a_publishers_copyright_at_the_foot() {
        for (foot, outlet) in [
            (
                "Reporting by Ada Brenn and Tom Vey, Larkspur Sentinel",
                Some("Larkspur Sentinel"),
            ),
            // People alone are no outlet.
            ("Reporting by Ada Brenn; Editing by Tom Vey", None),
            ("(With inputs from agencies)", None),
            // A company's copyright names the publisher, whatever its name ends with.
            (
                "© Larkspur Avis AS. Tips: tips@larkspur.example",
                Some("Larkspur Avis"),
            ),
        ] {
            let a = parse(&format!(
                "date 2025-01-02 A bridge fell.\n\nIt was old.\n\n{foot}"
            ));
            assert_eq!(a.source.as_deref(), outlet, "{foot}");
        }
    }

    #[test]
    fn a_masthead_above_a_line_of_sections_and_the_title() {
        let a = parse(
            "The Larkspur Sentinel\n\nNews | Health | Dovercombe\n\nNurses walk out over pay\n\nAda Brenn Health correspondent\nMon 3 Mar 2025 18.02 GMT\n\nNurses walked out on Monday.\n\nMore.",
        );
        assert_eq!(a.source.as_deref(), Some("The Larkspur Sentinel"));
        assert_eq!(a.headline.as_deref(), Some("Nurses walk out over pay"));
        assert_eq!(a.date, Date::new(2025, 3, 3));
    }

    #[test]
    fn press_releases_and_outlets_in_capitals() {
        let a = parse(
            "NEWS PROVIDED BY\nLarkspur Toys, Inc.\nMar 03, 2026, 09:00 ET\n\nLarkspur recalls kites\n\nDOVER, Del., March 3, 2026 /Newsfeed Wire/ -- Larkspur recalled kites.\n\nMore.",
        );
        assert_eq!(a.date, Date::new(2026, 3, 3));
        assert_eq!(a.source.as_deref(), Some("Larkspur Toys, Inc."));
        assert_eq!(a.paragraphs[0], "Larkspur recalled kites.");
        let a = parse(
            "ORLEN DAILY  |  Politics\n\nCoalition collapses over trial\n\n19.08.2025, 21:47\n\nThe coalition fell.\n\nMore.",
        );
        assert_eq!(a.source.as_deref(), Some("Orlen Daily"));
        assert_eq!(
            a.headline.as_deref(),
            Some("Coalition collapses over trial")
        );
        assert_eq!(as_written_in_prose("KPA NEWSWIRE"), "KPA Newswire");
    }
}
