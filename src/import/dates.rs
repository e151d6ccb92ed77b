//! Dates in news prose: the article's own date (`2024-09-18`, `18 September 2024`,
//! `September 18, 2024`) and the time expressions that place something relative to it
//! (`two days ago`, `on Tuesday`, `In late January`, `in April and May`, `Last year`).
//!
//! A month without a year is the latest such month not after the article's; vague
//! expressions (`late`, `last year`, `last week`) give approximate dates (`2024-01~`).

use std::ops::Range;

use time::Duration;

use super::lexicon;
use super::sentences::{Token, is_capitalized, tokens};
use crate::briefing::{Date, EventDate};

/// A time expression found in a text: where it is and the dates it names (two for
/// `in April and May`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpression {
    pub range: Range<usize>,
    pub dates: Vec<EventDate>,
}

impl TimeExpression {
    /// The exact day, when the expression names one (`on Tuesday`, `on 3 November`).
    pub fn day(&self) -> Option<Date> {
        match self.dates.as_slice() {
            [d] if !d.approximate => Date::new(d.year, d.month?, d.day?),
            _ => None,
        }
    }
}

fn to_time(date: Date) -> Option<time::Date> {
    let month = time::Month::try_from(date.month).ok()?;
    time::Date::from_calendar_date(date.year, month, date.day).ok()
}

fn from_time(date: time::Date) -> Date {
    Date {
        year: date.year(),
        month: date.month() as u8,
        day: date.day(),
    }
}

fn day(date: Date, approximate: bool) -> EventDate {
    EventDate {
        year: date.year,
        month: Some(date.month),
        day: Some(date.day),
        approximate,
    }
}

fn month_of(year: i32, month: u8, approximate: bool) -> EventDate {
    EventDate {
        year,
        month: Some(month),
        day: None,
        approximate,
    }
}

fn year_of(year: i32, approximate: bool) -> EventDate {
    EventDate {
        year,
        month: None,
        day: None,
        approximate,
    }
}

/// `n` days before `date`.
pub fn days_before(date: Date, n: i64) -> Option<Date> {
    to_time(date)?.checked_sub(Duration::days(n)).map(from_time)
}

/// The latest `weekday` (Monday = 0) on or before `date` (`strictly`: before it).
fn weekday_before(date: Date, weekday: u8, strictly: bool) -> Option<Date> {
    let today = to_time(date)?.weekday().number_days_from_monday();
    let mut back = (i64::from(today) - i64::from(weekday)).rem_euclid(7);
    if back == 0 && strictly {
        back = 7;
    }
    days_before(date, back)
}

/// The year of `month` (and `day`) when the text gives none: the latest not after the article.
fn year_for(article: Date, month: u8, day: Option<u8>, strictly: bool) -> i32 {
    let here = (article.month, article.day);
    let there = (month, day.unwrap_or(1));
    let after = if strictly {
        there >= (here.0, if day.is_some() { here.1 } else { 1 })
    } else {
        there > here || (day.is_none() && month > article.month)
    };
    if after {
        article.year - 1
    } else {
        article.year
    }
}

/// Parses a date at the very start of `text`: `2024-09-18`, `18 September 2024`,
/// `September 18, 2024`, `Sept. 18 2024`. Returns it and how many bytes it took.
pub fn parse_date_prefix(text: &str) -> Option<(Date, usize)> {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    if trimmed.len() >= 10
        && let Some(date) = trimmed.get(..10).and_then(Date::parse)
    {
        return Some((date, lead + 10));
    }
    if let Some((date, used)) = numeric_date_prefix(trimmed) {
        return Some((date, lead + used));
    }
    let toks: Vec<Token> = tokens(trimmed).into_iter().take(6).collect();
    // A weekday before the date: `Tue, 16 Sep 2025`, `Monday, March 3, 2025`.
    let skip = match toks.first() {
        Some(t)
            if t.word
                && (lexicon::weekday(t.text).is_some() || is_weekday_abbreviation(t.text)) =>
        {
            if toks.get(1).is_some_and(|t| !t.word && t.text == ",") {
                2
            } else {
                1
            }
        }
        _ => 0,
    };
    let toks = &toks[skip..];
    let word = |i: usize| toks.get(i).filter(|t| t.word).map(|t| t.text);
    let punct = |i: usize, p: &str| toks.get(i).is_some_and(|t| !t.word && t.text == p);
    // 18 September 2024 / 18 September, 2024 / 18th of September 2024
    let of = usize::from(word(1).is_some_and(|w| w.eq_ignore_ascii_case("of")));
    if let (Some(d), Some(m)) = (word(0), word(1 + of))
        && let (Some(d), Some(m)) = (day_number(d), lexicon::month(m))
    {
        let y_at = if punct(2 + of, ",") { 3 + of } else { 2 + of };
        if let Some(y) = word(y_at).and_then(year_number) {
            return Some((Date::new(y, m, d)?, lead + toks[y_at].end));
        }
    }
    // September 18, 2024 / September 18 2024
    if let (Some(m), Some(d)) = (word(0), word(1))
        && let (Some(m), Some(d)) = (lexicon::month(m), day_number(d))
    {
        let y_at = if punct(2, ",") { 3 } else { 2 };
        if let Some(y) = word(y_at).and_then(year_number) {
            return Some((Date::new(y, m, d)?, lead + toks[y_at].end));
        }
    }
    None
}

/// `19.08.2025`, `19/08/2025` or `19-08-2025` (day first, as outside the United States),
/// `08/19/2025` (month first: nineteen is no month), `2026/03/26`
/// (year first), at the start of `text`. A day and month that could be swapped
/// (`03/04/2025`) are read day first with dots, the form that is never month first, and
/// month first with slashes when a 12-hour clock follows (`07/08/2025 6:05 PM`, the United
/// States' way); otherwise not at all.
fn numeric_date_prefix(text: &str) -> Option<(Date, usize)> {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '/' | '-')))
        .unwrap_or(text.len());
    let head = text[..end].trim_end_matches(['.', '-']);
    let sep = if head.contains('.') {
        '.'
    } else if head.contains('/') {
        '/'
    } else {
        '-'
    };
    let parts: Vec<&str> = head.split(sep).collect();
    let two = |p: &str| !p.is_empty() && p.len() <= 2;
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && two(m) && two(d) => {
            let date = Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
            Some((date, head.len()))
        }
        [a, b, y] if y.len() == 4 && two(a) && two(b) => {
            let (a, b, y): (u8, u8, i32) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
            let (d, m) = if sep != '.' && a <= 12 && b <= 12 && a != b {
                // A 12-hour clock after it is the United States' way, month first; a
                // 24-hour clock (`17:40`) the rest of the world's, day first.
                if twelve_hour_clock_after(&text[end..]) {
                    (b, a)
                } else if twenty_four_hour_clock_after(&text[end..]) {
                    (a, b)
                } else {
                    return None;
                }
            } else if sep != '.' && a <= 12 && b > 12 {
                // `08/19/2025`: nineteen is no month.
                (b, a)
            } else {
                (a, b)
            };
            Some((Date::new(y, m, d)?, head.len()))
        }
        _ => None,
    }
}

/// `17:40`, `09:05` right after a date, with no `a.m.` or `p.m.` after it: a 24-hour clock.
fn twenty_four_hour_clock_after(rest: &str) -> bool {
    let rest = rest.trim_start_matches([',', ' ', '|', '-']);
    let Some(clock) = rest.split_whitespace().next() else {
        return false;
    };
    let clock = clock.trim_end_matches([',', ';']);
    let Some((h, m)) = clock.split_once(':') else {
        return false;
    };
    h.len() == 2
        && m.len() == 2
        && h.chars().chain(m.chars()).all(|c| c.is_ascii_digit())
        && h.parse::<u8>().is_ok_and(|h| h < 24)
        && !twelve_hour_clock_after(rest)
}

/// `6:05 PM`, `10.30 a.m.` right after a date: a 12-hour clock.
fn twelve_hour_clock_after(rest: &str) -> bool {
    rest.split_whitespace().take(3).any(|w| {
        matches!(
            w.trim_end_matches([',', ';']).to_lowercase().as_str(),
            "am" | "pm" | "a.m." | "p.m."
        ) || {
            let lower = w.to_lowercase();
            lower.ends_with("am") || lower.ends_with("pm")
        } && w.chars().next().is_some_and(|c| c.is_ascii_digit())
    })
}

/// The first date with a year anywhere in `text`: a timestamp (`2025-06-10T08:30:00+02:00`,
/// `Tue, 16 Sep 2025 14:32:00 +0300`, `Updated 3:45 PM GMT+3, March 5, 2025`), a date in
/// words or in figures (`19.08.2025`).
pub fn parse_date_anywhere(text: &str) -> Option<Date> {
    let text = text.trim();
    let mut starts: Vec<usize> = vec![0];
    let mut previous: Option<char> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() && !previous.is_some_and(char::is_alphanumeric) && i > 0 {
            starts.push(i);
        }
        previous = Some(c);
    }
    starts.into_iter().find_map(|i| {
        let rest = &text[i..];
        parse_date_prefix(rest)
            .map(|(d, _)| d)
            .or_else(|| numeric_date_prefix(rest).map(|(d, _)| d))
    })
}

/// `March 5` or `5 March` at the start of `text`, without a year (a wire dateline's date):
/// the month, the day and how many bytes they took.
pub fn parse_month_day_prefix(text: &str) -> Option<(u8, u8, usize)> {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    let toks: Vec<Token> = tokens(trimmed).into_iter().take(3).collect();
    let word = |i: usize| toks.get(i).filter(|t| t.word).map(|t| t.text);
    if let (Some(m), Some(d)) = (word(0), word(1))
        && let (Some(m), Some(d)) = (month_word(m), day_number(d))
    {
        return Some((m, d, lead + toks[1].end));
    }
    if let (Some(d), Some(m)) = (word(0), word(1))
        && let (Some(d), Some(m)) = (day_number(d), month_word(m))
    {
        return Some((m, d, lead + toks[1].end));
    }
    None
}

fn day_number(word: &str) -> Option<u8> {
    let w = word
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    let n: u8 = w.parse().ok()?;
    (1..=31).contains(&n).then_some(n)
}

fn year_number(word: &str) -> Option<i32> {
    if word.len() != 4 {
        return None;
    }
    let n: i32 = word.parse().ok()?;
    (1900..=2100).contains(&n).then_some(n)
}

/// `Mon`, `Tue.`: the weekdays of e-mail and feed timestamps.
fn is_weekday_abbreviation(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.').to_lowercase().as_str(),
        "mon" | "tue" | "tues" | "wed" | "thu" | "thur" | "thurs" | "fri" | "sat" | "sun"
    )
}

/// A month name as written in prose: capitalised (`May`, never the verb `may`).
fn month_word(word: &str) -> Option<u8> {
    if is_capitalized(word) {
        lexicon::month(word)
    } else {
        None
    }
}

/// `early`, `mid`, `late` before a month or a year: the date is approximate.
fn is_vague(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "early" | "mid" | "late" | "around" | "about"
    )
}

/// Every time expression in `text`, resolved against the article's date, in order.
pub fn time_expressions(text: &str, article: Date) -> Vec<TimeExpression> {
    let toks = tokens(text);
    let words: Vec<Token> = toks.iter().copied().filter(|t| t.word).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match expression_at(&words, i, article) {
            Some((end, dates)) => {
                let blocked = preposition_before(&words, i);
                if !blocked && !dates.is_empty() {
                    out.push(TimeExpression {
                        range: words[i].start..words[end - 1].end,
                        dates,
                    });
                }
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// Whether the expression starting at word `i` follows `since`, `until`, `between`, ...
/// (skipping `in`, `on`, `early`, `late`, `the`).
fn preposition_before(words: &[Token], i: usize) -> bool {
    let mut j = i;
    while j > 0 {
        j -= 1;
        let w = words[j].text.to_lowercase();
        if matches!(w.as_str(), "in" | "on" | "the" | "of") || is_vague(&w) {
            continue;
        }
        return lexicon::is_not_event_preposition(&w);
    }
    false
}

/// Tries to read a time expression starting at word `i`: where it ends and its dates.
fn expression_at(words: &[Token], i: usize, article: Date) -> Option<(usize, Vec<EventDate>)> {
    let w = |k: usize| words.get(k).map(|t| t.text);
    let lower = |k: usize| w(k).map(str::to_lowercase);
    let first = lower(i)?;

    // yesterday; last night
    if first == "yesterday" {
        return Some((i + 1, vec![day(days_before(article, 1)?, false)]));
    }
    if first == "last" && lower(i + 1).as_deref() == Some("night") {
        return Some((i + 2, vec![day(days_before(article, 1)?, false)]));
    }
    // today, tonight, this morning: the article's own day
    if matches!(first.as_str(), "today" | "tonight") {
        return Some((i + 1, vec![day(article, false)]));
    }
    if first == "this"
        && matches!(
            lower(i + 1).as_deref(),
            Some("morning" | "afternoon" | "evening")
        )
    {
        return Some((i + 2, vec![day(article, false)]));
    }
    // N days / weeks / months / years ago
    if let (Some(n), Some(unit), Some(ago)) = (
        w(i).and_then(|x| {
            if x.eq_ignore_ascii_case("a") {
                Some(1)
            } else {
                lexicon::number(x)
            }
        }),
        lower(i + 1),
        lower(i + 2),
    ) && ago == "ago"
    {
        let n = i64::from(n);
        let dates = match unit.trim_end_matches('s') {
            "day" => vec![day(days_before(article, n)?, false)],
            "week" => vec![day(days_before(article, 7 * n)?, true)],
            "month" => {
                let total = i64::from(article.year) * 12 + i64::from(article.month) - 1 - n;
                vec![month_of(
                    (total.div_euclid(12)) as i32,
                    (total.rem_euclid(12) + 1) as u8,
                    true,
                )]
            }
            "year" => vec![year_of(article.year - n as i32, true)],
            _ => return None,
        };
        return Some((i + 3, dates));
    }
    // earlier this month
    if first == "earlier"
        && lower(i + 1).as_deref() == Some("this")
        && lower(i + 2).as_deref() == Some("month")
    {
        return Some((i + 3, vec![month_of(article.year, article.month, true)]));
    }
    // last week / month / year / Tuesday / January
    if first == "last"
        && let Some(next) = w(i + 1)
    {
        let n = next.to_lowercase();
        let dates = match n.as_str() {
            "week" => vec![day(days_before(article, 7)?, true)],
            "month" => {
                let (y, m) = if article.month == 1 {
                    (article.year - 1, 12)
                } else {
                    (article.year, article.month - 1)
                };
                vec![month_of(y, m, true)]
            }
            "year" => vec![year_of(article.year - 1, true)],
            _ => {
                if let Some(wd) = lexicon::weekday(next) {
                    vec![day(weekday_before(article, wd, true)?, false)]
                } else if let Some(m) = month_word(next) {
                    vec![month_of(year_for(article, m, None, true), m, false)]
                } else {
                    return None;
                }
            }
        };
        return Some((i + 2, dates));
    }
    // on Tuesday / Tuesday night
    if let Some(wd) = w(i)
        .filter(|x| is_capitalized(x))
        .and_then(lexicon::weekday)
    {
        let on = i > 0 && words[i - 1].text.eq_ignore_ascii_case("on");
        let part_of_day = lower(i + 1).is_some_and(|n| {
            matches!(
                n.as_str(),
                "night" | "morning" | "evening" | "afternoon" | "night’s" | "night's"
            )
        });
        if on || part_of_day {
            let date = weekday_before(article, wd, false)?;
            return Some((i + 1, vec![day(date, false)]));
        }
        return None;
    }
    // 3 November [2024]
    if let (Some(d), Some(m)) = (w(i).and_then(day_number), w(i + 1).and_then(month_word)) {
        if let Some(y) = w(i + 2).and_then(year_number) {
            return Some((i + 3, vec![day(Date::new(y, m, d)?, false)]));
        }
        let y = year_for(article, m, Some(d), false);
        return Some((i + 2, vec![day(Date::new(y, m, d)?, false)]));
    }
    // early / mid / late, then a month or a year; `mid-September`
    let (vague, at) = if is_vague(&first) {
        (true, i + 1)
    } else if first.starts_with("mid-") {
        (true, i)
    } else {
        (false, i)
    };
    let word_at = |k: usize| -> Option<&str> {
        let x = w(k)?;
        if k == i && first.starts_with("mid-") {
            Some(&x[4..])
        } else {
            Some(x)
        }
    };
    if let Some(m) = word_at(at).and_then(month_word) {
        // March 12[, 2025]
        if !vague && let Some(d) = w(at + 1).and_then(day_number) {
            if let Some(y) = w(at + 2).and_then(year_number) {
                return Some((at + 3, vec![day(Date::new(y, m, d)?, false)]));
            }
            let y = year_for(article, m, Some(d), false);
            return Some((at + 2, vec![day(Date::new(y, m, d)?, false)]));
        }
        // January 2024
        if let Some(y) = w(at + 1).and_then(year_number) {
            return Some((at + 2, vec![month_of(y, m, vague)]));
        }
        // April and May; March, April and May
        let mut months = vec![m];
        let mut end = at + 1;
        let mut k = at + 1;
        while let Some(next) = lower(k) {
            if next == "and" || next == "or" {
                if let Some(m2) = w(k + 1).and_then(month_word) {
                    months.push(m2);
                    end = k + 2;
                    k += 2;
                    continue;
                }
            } else if let Some(m2) = w(k).and_then(month_word)
                && words[k - 1].end < words[k].start
            {
                months.push(m2);
                end = k + 1;
                k += 1;
                continue;
            }
            break;
        }
        let mut year = w(end).and_then(year_number);
        if year.is_some() {
            end += 1;
        } else if matches!(lower(end).as_deref(), Some("last" | "this"))
            && lower(end + 1).as_deref() == Some("year")
        {
            // `in February last year`, `in May this year`
            let last = lower(end).as_deref() == Some("last");
            year = Some(article.year - i32::from(last));
            end += 2;
        }
        // `in January and May` only: a lone capitalised `May` elsewhere stays a name.
        let preceded_by_in =
            at > 0 && matches!(lower(at - 1).as_deref(), Some("in" | "during" | "of"));
        if !vague && months.len() == 1 && year.is_none() && !preceded_by_in {
            return None;
        }
        let dates = months
            .iter()
            .map(|&m| {
                let y = year.unwrap_or_else(|| year_for(article, m, None, false));
                month_of(y, m, vague)
            })
            .collect();
        return Some((end, dates));
    }
    // in [early] 2019; in the 2021 election
    if let Some(y) = word_at(at).and_then(year_number) {
        let preceded_by_in = i > 0 && lower(i - 1).as_deref() == Some("in")
            || (i > 1
                && lower(i - 1).as_deref() == Some("the")
                && lower(i - 2).as_deref() == Some("in")
                && w(i + 1).is_some_and(|n| n.chars().all(char::is_lowercase)));
        if vague || preceded_by_in {
            return Some((at + 1, vec![year_of(y, vague)]));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Date {
        Date::new(2024, 9, 18).unwrap() // a Wednesday
    }

    fn dates(text: &str) -> Vec<String> {
        time_expressions(text, article())
            .iter()
            .flat_map(|e| e.dates.iter().map(|d| d.to_string()))
            .collect()
    }

    #[test]
    fn article_dates_in_three_spellings() {
        let d = Date::new(2024, 9, 18).unwrap();
        assert_eq!(parse_date_prefix("2024-09-18 rest"), Some((d, 10)));
        assert_eq!(parse_date_prefix("18 September 2024 (X)").unwrap().0, d);
        assert_eq!(parse_date_prefix("September 18, 2024 –").unwrap().0, d);
        assert_eq!(parse_date_prefix("Sept. 18, 2024").unwrap().0, d);
        assert_eq!(parse_date_prefix("Baghdad"), None);
        assert_eq!(parse_date_prefix("31 February 2024"), None);
    }

    #[test]
    fn relative_days() {
        assert_eq!(dates("the visit two days ago"), vec!["2024-09-16"]);
        assert_eq!(dates("On Tuesday, a source"), vec!["2024-09-17"]);
        assert_eq!(dates("revealed on Wednesday"), vec!["2024-09-18"]);
        assert_eq!(dates("yesterday"), vec!["2024-09-17"]);
        assert_eq!(dates("last week"), vec!["2024-09-11~"]);
        assert_eq!(dates("Tuesday night"), vec!["2024-09-17"]);
        assert!(dates("Tuesday’s meeting").is_empty());
    }

    #[test]
    fn the_article_s_own_day_and_the_night_before() {
        assert_eq!(dates("farmers banged pots last night"), vec!["2024-09-17"]);
        assert_eq!(
            dates("the firm today announced a recall"),
            vec!["2024-09-18"]
        );
        assert_eq!(dates("the vote this morning"), vec!["2024-09-18"]);
        assert!(dates("this year").is_empty());
    }

    #[test]
    fn a_year_naming_an_occasion() {
        assert_eq!(
            dates("came second in the 2021 presidential election"),
            vec!["2021"]
        );
        assert!(dates("in the 2021 Budget").is_empty());
    }

    #[test]
    fn months_resolve_to_the_latest_before_the_article() {
        assert_eq!(dates("In late January, Qaani"), vec!["2024-01~"]);
        assert_eq!(
            dates("visited Iraq in April and May"),
            vec!["2024-04", "2024-05"]
        );
        assert_eq!(dates("in October"), vec!["2023-10"]);
        assert_eq!(dates("in mid-September"), vec!["2024-09~"]);
        assert_eq!(
            dates("in March, April and May"),
            vec!["2024-03", "2024-04", "2024-05"]
        );
        assert_eq!(dates("in January 2021"), vec!["2021-01"]);
        assert_eq!(dates("in February last year"), vec!["2023-02"]);
        assert_eq!(dates("in May this year"), vec!["2024-05"]);
    }

    #[test]
    fn days_of_months() {
        assert_eq!(dates("on 3 November"), vec!["2023-11-03"]);
        assert_eq!(dates("on 11 September"), vec!["2024-09-11"]);
        assert_eq!(dates("on March 12, 2021"), vec!["2021-03-12"]);
        assert_eq!(dates("on 1 May 2020"), vec!["2020-05-01"]);
    }

    #[test]
    fn years() {
        assert_eq!(dates("Last year, the same"), vec!["2023~"]);
        assert_eq!(dates("in 2019, when"), vec!["2019"]);
        assert_eq!(dates("in late 2019"), vec!["2019~"]);
        assert_eq!(dates("last month"), vec!["2024-08~"]);
        assert_eq!(dates("Earlier this month, the"), vec!["2024-09~"]);
        assert!(dates("60 people in 300 homes").is_empty());
    }

    #[test]
    fn not_event_dates() {
        assert!(dates("closed since 2021").is_empty());
        assert!(dates("between 2021 and 2023").is_empty());
        assert!(dates("since January").is_empty());
        assert!(dates("it may rain").is_empty());
        assert!(dates("Theresa May said").is_empty());
    }

    #[test]
    fn exact_days_are_days() {
        let e = &time_expressions("on Tuesday", article())[0];
        assert_eq!(e.day(), Date::new(2024, 9, 17));
        let e = &time_expressions("last year", article())[0];
        assert_eq!(e.day(), None);
    }
}
