//! Timeline events: sentences that place something in time relative to the article (`In late
//! January, Qaani visited Baghdad`, `He later visited Iraq in April and May`, `Last year, ...`).
//!
//! Only the narrator's words are read (quotations are someone's claim, not the timeline), and
//! only the first time expression of a sentence dates it (`in April and May` gives one event
//! per month). Not an event: the article's own day (the reporting itself), the article's year
//! alone, anything after the article's date, anything after `will`, `would`, `next`, ...

use super::dates::{TimeExpression, days_before, time_expressions};
use super::lexicon;
use super::names::capitalize;
use super::sentences::{Paragraph, tokens};
use crate::briefing::{Date, EventDate};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundEvent {
    pub date: EventDate,
    pub text: String,
    pub note: Option<String>,
}

/// Whether an event date falls after the article's day (not yet happened).
fn after(date: &EventDate, article: Date) -> bool {
    let key = (date.year, date.month.unwrap_or(0), date.day.unwrap_or(0));
    let (ay, am, ad) = (article.year, article.month, article.day);
    match (date.month, date.day) {
        (None, _) => date.year > ay,
        (Some(_), None) => (key.0, key.1) > (ay, am),
        (Some(_), Some(_)) => key > (ay, am, ad),
    }
}

/// Whether an expression dates nothing new: the article's day, or its year alone.
fn is_the_article(e: &TimeExpression, article: Date) -> bool {
    match e.dates.as_slice() {
        [d] => {
            (d.day.is_some() && e.day() == Some(article))
                || (d.month.is_none() && d.year == article.year)
        }
        _ => false,
    }
}

/// Whether the words just before an expression report speech (`said on Wednesday`, `told
/// reporters on Thursday`): on the article's own day that is the reporting, not an event.
fn reports_speech(narrative: &str, e: &TimeExpression) -> bool {
    let toks = tokens(&narrative[..e.range.start]);
    toks.iter()
        .rev()
        .filter(|t| t.word)
        .take(4)
        .any(|t| lexicon::is_reporting_verb(t.text))
}

/// Where the clauses of a sentence start and end: it is cut after `, and `, `, but `,
/// `, while ` and `; `, so that each dated clause becomes an event with its own words.
fn clauses(narrative: &str) -> Vec<std::ops::Range<usize>> {
    let mut cuts = vec![0];
    for sep in [", and ", ", but ", ", while ", "; "] {
        let mut from = 0;
        while let Some(at) = narrative[from..].find(sep) {
            cuts.push(from + at + 1);
            from += at + sep.len();
        }
    }
    cuts.sort_unstable();
    cuts.push(narrative.len());
    cuts.windows(2).map(|w| w[0]..w[1]).collect()
}

/// The event text for an expression: the words after a leading time phrase (`In late
/// January, Qaani visited ...` → `Qaani visited ...`), else all of `range`.
fn event_text(
    para: &Paragraph,
    sentence: &std::ops::Range<usize>,
    narrative: &str,
    range: std::ops::Range<usize>,
    first: &TimeExpression,
) -> String {
    // A time expression found across a clause boundary (`1; May`) is not inside its clause:
    // the sentence is the event's text then, rather than a slice that does not exist.
    if first.range.start < range.start || first.range.end > range.end {
        return para.text[sentence.clone()].trim().to_string();
    }
    let whole = range.start == 0 && range.end == narrative.len();
    if whole && !narrative[first.range.end..].trim_start().starts_with(',') {
        return para.text[sentence.clone()].trim().to_string();
    }
    let words = para.text[sentence.start + range.start..sentence.start + range.end]
        .trim()
        .trim_start_matches(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .trim_start_matches("and ")
        .trim_start_matches("but ")
        .trim_end_matches([',', ';'])
        .trim()
        .to_string();
    let lead = narrative[range.start..first.range.start]
        .trim()
        .trim_start_matches([',', ';'])
        .trim();
    let lead = lead
        .strip_prefix("and ")
        .or_else(|| lead.strip_prefix("but "))
        .unwrap_or(lead);
    let rest = narrative[first.range.end..range.end].trim_start();
    if matches!(
        lead.to_lowercase().as_str(),
        "" | "in" | "on" | "by" | "during"
    ) && rest.starts_with(',')
    {
        let cut = range.end - rest.len() + 1;
        let after = para.text[sentence.start + cut..sentence.start + range.end].trim();
        let after = if whole {
            after
        } else {
            after.trim_end_matches([',', ';']).trim_end()
        };
        if after.chars().any(char::is_alphanumeric) {
            return capitalize(after);
        }
    }
    if whole {
        return para.text[sentence.clone()].trim().to_string();
    }
    capitalize(&words)
}

/// `..., a day after the minister went on trial`, `on May 12, two days after the channel
/// aired his report`: an event placed by its distance from a day the sentence names before
/// it, with the words after `after` (or `before`) as its text.
fn counted_from_a_day(
    para: &Paragraph,
    sentence: &std::ops::Range<usize>,
    narrative: &str,
    article: Date,
) -> Option<FoundEvent> {
    let words: Vec<_> = tokens(narrative).into_iter().filter(|t| t.word).collect();
    let days = time_expressions(narrative, article);
    for k in 0..words.len().saturating_sub(3) {
        let count = match words[k].text.to_lowercase().as_str() {
            "a" | "an" | "one" => 1,
            w => match lexicon::number(w) {
                Some(n) if (1..=60).contains(&n) => i64::from(n),
                _ => continue,
            },
        };
        let unit = match words[k + 1].text.to_lowercase().as_str() {
            "day" | "days" => 1,
            "week" | "weeks" => 7,
            _ => continue,
        };
        let sign = match words[k + 2].text.to_lowercase().as_str() {
            "after" => 1,
            "before" => -1,
            _ => continue,
        };
        let Some(anchor) = days
            .iter()
            .filter(|e| e.range.end <= words[k].start)
            .filter_map(TimeExpression::day)
            .next_back()
        else {
            continue;
        };
        let date = days_before(anchor, sign * count * unit)?;
        let text = para.text[sentence.start + words[k + 2].end..sentence.end]
            .trim()
            .trim_end_matches(['.', ',', ';'])
            .trim();
        if date > article || text.split_whitespace().count() < 3 {
            return None;
        }
        return Some(FoundEvent {
            date: EventDate {
                year: date.year,
                month: Some(date.month),
                day: Some(date.day),
                approximate: false,
            },
            text: capitalize(text),
            note: None,
        });
    }
    None
}

/// The events sentence `index` of the paragraph gives: one per dated clause (two dates in
/// one clause, `in April and May`, give two events with the same words), and one placed by
/// its distance from a day the sentence names (`two days after ...`).
pub fn in_sentence(para: &Paragraph, index: usize, article: Date) -> Vec<FoundEvent> {
    let range = para.sentences[index].clone();
    let narrative = para.narrative(&range);
    let mut out = dated_clauses(para, &range, &narrative, article);
    out.extend(counted_from_a_day(para, &range, &narrative, article));
    out
}

/// One event per dated clause of a sentence.
fn dated_clauses(
    para: &Paragraph,
    range: &std::ops::Range<usize>,
    narrative: &str,
    article: Date,
) -> Vec<FoundEvent> {
    let range = range.clone();
    let narrative = narrative.to_string();
    let future_at = tokens(&narrative)
        .into_iter()
        .find(|t| {
            t.word && t.text.chars().all(char::is_lowercase) && lexicon::is_future_mark(t.text)
        })
        .map(|t| t.start);
    let expressions: Vec<TimeExpression> = time_expressions(&narrative, article)
        .into_iter()
        .filter(|e| {
            let today = is_the_article(e, article);
            let year_only = e.dates.iter().all(|d| d.month.is_none());
            !(today && (year_only || reports_speech(&narrative, e)))
                && future_at.is_none_or(|f| f > e.range.start)
                && e.dates.iter().all(|d| !after(d, article))
        })
        .collect();
    if expressions.is_empty() {
        return Vec::new();
    }
    // The clauses that hold an expression; one such clause keeps the whole sentence.
    let dated: Vec<(std::ops::Range<usize>, Vec<&TimeExpression>)> = clauses(&narrative)
        .into_iter()
        .map(|c| {
            let inside: Vec<&TimeExpression> = expressions
                .iter()
                .filter(|e| c.contains(&e.range.start))
                .collect();
            (c, inside)
        })
        .filter(|(_, inside)| !inside.is_empty())
        .collect();
    let whole = 0..narrative.len();
    let parts: Vec<(std::ops::Range<usize>, Vec<&TimeExpression>)> = if dated.len() > 1 {
        dated
    } else {
        vec![(whole, expressions.iter().collect())]
    };
    let mut out = Vec::new();
    for (clause, inside) in parts {
        let text = event_text(para, &range, &narrative, clause, inside[0]);
        let mut dates: Vec<EventDate> = Vec::new();
        for d in inside.iter().flat_map(|e| e.dates.iter()) {
            if !dates.contains(d) {
                dates.push(*d);
            }
        }
        let note = (dates.len() > 1).then(|| {
            let named: Vec<String> = inside
                .iter()
                .map(|e| format!("“{}”", &narrative[e.range.clone()]))
                .collect();
            format!(
                "One of {} events from one clause ({}).",
                dates.len(),
                named.join(", ")
            )
        });
        out.extend(dates.into_iter().map(|date| FoundEvent {
            date,
            text: text.clone(),
            note: note.clone(),
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(text: &str) -> Vec<(String, String)> {
        let article = Date::new(2024, 9, 18).unwrap();
        let para = Paragraph::new(text);
        (0..para.sentences.len())
            .flat_map(|i| in_sentence(&para, i, article))
            .map(|e| (e.date.to_string(), e.text))
            .collect()
    }

    #[test]
    fn an_event_counted_from_a_day_the_sentence_names() {
        let found =
            events("The coalition fell on Tuesday, a day after the deputy leader went on trial.");
        assert_eq!(
            found,
            vec![
                (
                    "2024-09-17".into(),
                    "The coalition fell on Tuesday, a day after the deputy leader went on trial."
                        .into()
                ),
                (
                    "2024-09-16".into(),
                    "The deputy leader went on trial".into()
                ),
            ]
        );
        let found =
            events("He was arrested on 12 May, two days after the channel aired his report.");
        assert_eq!(found[1].0, "2024-05-10");
        assert_eq!(found[1].1, "The channel aired his report");
        // Nothing counted from a day the sentence does not name.
        assert_eq!(events("A day after the vote, the party split.").len(), 0);
    }

    #[test]
    fn leading_time_phrases_are_dated_and_cut() {
        assert_eq!(
            events("In late January, Qaani visited Baghdad, leading to a halt."),
            vec![(
                "2024-01~".into(),
                "Qaani visited Baghdad, leading to a halt.".into()
            )]
        );
        assert_eq!(
            events("Last year, Karesh recorded its driest summer since 1961."),
            vec![(
                "2023~".into(),
                "Karesh recorded its driest summer since 1961.".into()
            )]
        );
    }

    #[test]
    fn two_months_two_events() {
        let found = events("He later visited Iraq in April and May, with one visit unannounced.");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, "2024-04");
        assert_eq!(found[1].0, "2024-05");
        assert!(found[0].1.starts_with("He later visited Iraq"));
    }

    #[test]
    fn a_time_phrase_alone_keeps_its_words() {
        assert_eq!(events("In mid-June,")[0].1, "In mid-June,");
    }

    #[test]
    fn every_date_of_a_sentence() {
        let found = events("The ferry was built in 1989 and failed an inspection in 2022.");
        let dates: Vec<&str> = found.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(dates, vec!["1989", "2022"]);
    }

    #[test]
    fn not_events() {
        assert!(events("It is Qaani’s fourth visit to Baghdad in 2024.").is_empty());
        assert!(events("A member revealed on Wednesday that he left.").is_empty());
        assert!(events("The talks ended in 2024, a member said.").is_empty());
        assert!(events("Alcott said the talks would resume in September.").is_empty());
        assert!(events("“We wrote a report in 2020,” she said.").is_empty());
        assert!(events("The plant has been closed since 2021.").is_empty());
    }

    #[test]
    fn one_event_per_dated_clause_with_its_own_words() {
        let found = events(
            "In January, the authority announced the cuts, and last year the port handled 2.1 million containers.",
        );
        assert_eq!(
            found,
            vec![
                ("2024-01".into(), "The authority announced the cuts".into()),
                (
                    "2023~".into(),
                    "Last year the port handled 2.1 million containers.".into()
                ),
            ]
        );
    }

    #[test]
    fn the_article_s_own_day_is_an_event_unless_it_dates_the_reporting() {
        assert_eq!(
            events("Doctors went on strike on Wednesday, saying they were unpaid.")[0].0,
            "2024-09-18"
        );
        assert!(events("The port will close, the authority said on Wednesday.").is_empty());
    }

    #[test]
    fn the_first_expression_that_is_not_today() {
        assert_eq!(
            events("The visit two days ago aimed high, a member revealed on Wednesday.")[0].0,
            "2024-09-16"
        );
        assert_eq!(
            events("Mayor Ingrid Solvay said on Tuesday that the city would review it.")[0].0,
            "2024-09-17"
        );
    }
}
