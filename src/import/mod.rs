//! `brief import`'s domain: a raw news article in, a draft briefing out. No terminal, no I/O.
//!
//! The article is read top to bottom, sentence by sentence, with rules written for news prose
//! (see each module): the header and dateline (`article`), quotations and their speakers
//! (`quotes`), people and organisations (`actors`), time expressions (`dates`) and the
//! timeline (`timeline`). Precision comes before recall: a quotation whose speaker cannot be
//! found is left out, one found by a rule that can be wrong carries `note = "check speaker"`.
//!
//! The draft is a briefing in the format's TOML: `tags = ["draft"]`, a title and summary
//! from the lede marked for rewriting, an explicit id on every actor, quote and event.

mod actors;
mod article;
mod dates;
mod html;
mod lexicon;
mod names;
mod quotes;
mod sentences;
mod timeline;

use std::collections::HashSet;

use serde::Serialize;

use crate::briefing::ids::{is_valid_id, slug};
use crate::briefing::{ActorKind, Date, EventDate, QuoteMode};
use actors::{Place, Registry};
use sentences::Paragraph;

/// The longest title the format allows.
pub const MAX_TITLE: usize = 200;
/// The tag every draft carries until an analyst has rewritten it.
pub const DRAFT_TAG: &str = "draft";
/// The note on a quote whose speaker a rule may have got wrong.
pub const CHECK_SPEAKER: &str = "check speaker";
/// How every note the importer writes begins, so that its remarks are never taken for an
/// analyst's (`note = "brief import: check speaker"`).
pub const IMPORTER_NOTE: &str = "brief import: ";

/// A remark of the importer's, marked as such.
fn importer_note(remark: &str) -> String {
    format!("{IMPORTER_NOTE}{remark}")
}

/// Why an article cannot become a draft.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the article is empty")]
    Empty,
    #[error(
        "no date found in the article (no dateline, timestamp, `Published` line or page metadata): pass --date YYYY-MM-DD"
    )]
    NoDate,
    #[error(
        "no article text found in the page: none of its paragraphs, `<div>`s or linked data (`articleBody`) holds prose outside navigation, banners and link lists"
    )]
    NoArticleText,
    #[error(
        "`{0}` is not a valid briefing id (lower-case letters, digits, `.`, `_`, `-`; at most 80; starting with a letter or digit)"
    )]
    BadId(String),
}

/// What the caller decides.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The briefing id; by default `DATE-slug-of-title`.
    pub id: Option<String>,
    /// Where the article came from (a file name), kept in `x-imported-from`.
    pub origin: Option<String>,
    /// The article's date, over whatever the article says (`--date`).
    pub date: Option<Date>,
    /// The outlet's name, over whatever the article says (`--source`).
    pub source: Option<String>,
    /// Whether the text is a saved web page; `None`: decided from how the text starts.
    pub html: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftSource {
    pub id: String,
    pub name: String,
    pub published: Date,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftActor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub role: Option<String>,
    pub aliases: Vec<String>,
    pub anonymous: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftQuote {
    pub id: String,
    pub speaker: String,
    pub text: String,
    pub mode: QuoteMode,
    pub context: Option<String>,
    pub said: Option<Date>,
    pub source: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftEvent {
    pub id: String,
    pub date: EventDate,
    pub text: String,
    pub actors: Vec<String>,
    pub note: Option<String>,
}

/// A draft briefing, ready to be written as TOML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub id: String,
    pub title: String,
    pub date: Date,
    pub summary: String,
    pub tags: Vec<String>,
    pub sources: Vec<DraftSource>,
    pub actors: Vec<DraftActor>,
    pub quotes: Vec<DraftQuote>,
    pub events: Vec<DraftEvent>,
    pub origin: Option<String>,
}

/// Reads an article and builds its draft briefing.
pub fn import(text: &str, options: &Options) -> Result<Draft, ImportError> {
    if let Some(id) = &options.id
        && !is_valid_id(id)
    {
        return Err(ImportError::BadId(id.clone()));
    }
    let mut article = if options.html.unwrap_or_else(|| html::looks_like_html(text)) {
        let page = html::read(text);
        if page.paragraphs.is_empty() && !text.trim().is_empty() {
            return Err(ImportError::NoArticleText);
        }
        let mut article = article::parse(&page.paragraphs.join("\n\n"));
        // The page's metadata is more reliable than what its prose says of itself.
        article.date = page.date.or(article.date);
        article.source = page.source.or(article.source);
        article.headline = page.headline.or(article.headline);
        article
    } else {
        article::parse(text)
    };
    if let Some(date) = options.date {
        article.date = Some(date);
    }
    if let Some(source) = options
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        article.source = Some(source.to_string());
    }
    if article.paragraphs.is_empty() {
        return Err(if text.trim().is_empty() || article.date.is_some() {
            ImportError::Empty
        } else {
            ImportError::NoDate
        });
    }
    let date = article.date.ok_or(ImportError::NoDate)?;
    let paragraphs: Vec<Paragraph> = sentences::join_continued_quotes(article.paragraphs)
        .into_iter()
        .map(|p| Paragraph::new(&quotes::embedded_post(&p).unwrap_or(p)))
        .collect();
    let found = read(&paragraphs, date);

    let lede = paragraphs
        .first()
        .and_then(|p| {
            p.sentences
                .first()
                .map(|r| p.text[r.clone()].trim().to_string())
        })
        .unwrap_or_default();
    let title = match &article.headline {
        Some(h) => shorten_title(h),
        None => title_from_lede(&lede),
    };
    let id = match &options.id {
        Some(id) => id.clone(),
        None => default_id(date, &title),
    };
    let source = article.source.as_ref().map(|name| DraftSource {
        id: {
            let s = slug(name);
            if s.is_empty() {
                "source".to_string()
            } else {
                s
            }
        },
        name: name.clone(),
        published: date,
    });
    let mut draft = assemble(found, source, date);
    draft.summary = summary(&lede, &draft);
    draft.id = id;
    draft.title = title;
    draft.origin = options.origin.clone();
    Ok(draft)
}

/// What reading the article found, before ids are given.
struct Found {
    registry: Registry,
    quotes: Vec<quotes::FoundQuote>,
    events: Vec<(timeline::FoundEvent, Vec<usize>)>,
}

/// Reads every sentence in order: people first (so a sentence's own appositions are known
/// to its attribution), then quotes, then who the sentence is about, then events.
fn read(paragraphs: &[Paragraph], date: Date) -> Found {
    let mut registry = Registry::new();
    for p in paragraphs {
        registry.learn_organizations(&p.text);
    }
    let texts: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
    registry.learn_article(&texts);
    let mut found = Found {
        registry,
        quotes: Vec::new(),
        events: Vec::new(),
    };
    let mut sentence = 0;
    for (pi, para) in paragraphs.iter().enumerate() {
        let mut consumed = vec![false; para.segments.len()];
        for si in 0..para.sentences.len() {
            let place = Place {
                paragraph: pi,
                sentence,
            };
            let range = para.sentences[si].clone();
            let reg = &mut found.registry;
            reg.learn_people(&para.text[range.clone()]);
            let narrative = para.narrative(&range);
            reg.note_mentions(&narrative, place);
            let next = paragraphs.get(pi + 1);
            let around = quotes::Neighbours {
                previous: pi.checked_sub(1).map(|i| &paragraphs[i]),
                next,
            };
            let result = quotes::in_sentence(para, around, si, place, date, reg, &mut consumed);
            let subject = result
                .subject
                .or_else(|| reg.sentence_subject(&narrative, place));
            match subject {
                Some(s) => reg.set_subject(place, s),
                None => reg.note_unknown_subject(&narrative, place),
            }
            found.quotes.extend(result.quotes);
            for event in timeline::in_sentence(para, si, date) {
                let mut involved: Vec<usize> = Vec::new();
                if let Some(s) = subject.filter(|_| starts_with_pronoun(&narrative)) {
                    involved.push(s);
                }
                for (_, a) in found.registry.mentions(&narrative) {
                    if !involved.contains(&a) {
                        involved.push(a);
                    }
                }
                found.events.push((event, involved));
            }
            sentence += 1;
        }
    }
    found
}

fn starts_with_pronoun(narrative: &str) -> bool {
    sentences::tokens(narrative)
        .into_iter()
        .find(|t| t.word)
        .is_some_and(|t| lexicon::pronoun(t.text).is_some())
}

/// Keeps the actors worth an analyst's look (speakers, people with a role, and the
/// organisations the article names), gives everything an id, and builds the draft's lists.
fn assemble(found: Found, source: Option<DraftSource>, date: Date) -> Draft {
    let Found {
        mut registry,
        quotes,
        events,
    } = found;
    registry.name_organizations();
    let speakers: HashSet<usize> = quotes
        .iter()
        .map(|q| registry.canonical(q.speaker))
        .collect();
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut actor_ids: Vec<Option<String>> = vec![None; registry.actors.len()];
    let mut actors = Vec::new();
    // The outlet the article comes from is its source, not one of its actors (`told the
    // Valley Courier`, a dateline's `(Gulf Wire News Agency)`), unless the article quotes it.
    // A source not named like an outlet (a press release's company) stays an actor too.
    let is_outlet = |a: &actors::Actor| {
        source.as_ref().is_some_and(|s| {
            article::named_like_an_outlet(&s.name) && a.name.eq_ignore_ascii_case(&s.name)
                || a.aliases.iter().any(|x| x.eq_ignore_ascii_case(&s.name))
        })
    };
    for (i, a) in registry.actors.iter().enumerate() {
        let role = a.role();
        let named_organization = a.kind == ActorKind::Organization && !a.anonymous;
        if a.merged_into.is_some()
            || (!speakers.contains(&i) && is_outlet(a))
            || (!speakers.contains(&i)
                && !named_organization
                && !a.evident
                && (role.is_none() || a.anonymous))
        {
            continue;
        }
        let id = unique(&mut used_ids, &base_id(&a.name, "actor"));
        actor_ids[i] = Some(id.clone());
        actors.push(DraftActor {
            id,
            name: a.name.clone(),
            kind: a.kind,
            role,
            aliases: a.aliases.clone(),
            anonymous: a.anonymous,
            note: a
                .described
                .as_ref()
                .map(|d| importer_note(&format!("unnamed in the article: “{d}”."))),
        });
    }
    let source_id = source.as_ref().map(|s| s.id.clone());
    let mut counts: Vec<usize> = vec![0; registry.actors.len()];
    let mut seen_texts: HashSet<(usize, String)> = HashSet::new();
    let mut draft_quotes = Vec::new();
    for mut q in quotes {
        q.speaker = registry.canonical(q.speaker);
        let Some(speaker) = actor_ids[q.speaker].clone() else {
            continue;
        };
        if !q.text.chars().any(char::is_alphanumeric) {
            continue;
        }
        if !seen_texts.insert((q.speaker, q.text.clone())) {
            continue;
        }
        counts[q.speaker] += 1;
        let id = unique(&mut used_ids, &format!("{speaker}-{}", counts[q.speaker]));
        let mut notes = Vec::new();
        if q.unsure {
            notes.push(CHECK_SPEAKER);
        }
        if q.joined {
            notes.push("joined from a quote split around its attribution");
        }
        draft_quotes.push(DraftQuote {
            id,
            speaker,
            text: q.text,
            mode: q.mode,
            context: q.context,
            said: q.said,
            source: source_id.clone(),
            note: (!notes.is_empty()).then(|| importer_note(&notes.join("; "))),
        });
    }
    let mut draft_events = Vec::new();
    for (e, involved) in events {
        if !e.text.chars().any(char::is_alphanumeric) {
            continue;
        }
        let words: Vec<String> = slug(&e.text)
            .split('-')
            .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
            .take(4)
            .map(str::to_string)
            .collect();
        let date_part = e.date.to_string().trim_end_matches('~').to_string();
        let id = unique(&mut used_ids, &format!("{date_part}-{}", words.join("-")));
        draft_events.push(DraftEvent {
            id,
            date: e.date,
            text: e.text,
            actors: {
                let mut ids: Vec<String> = Vec::new();
                for &a in &involved {
                    if let Some(id) = &actor_ids[registry.canonical(a)]
                        && !ids.contains(id)
                    {
                        ids.push(id.clone());
                    }
                }
                ids
            },
            note: e.note.as_deref().map(importer_note),
        });
    }
    Draft {
        id: String::new(),
        title: String::new(),
        date,
        summary: String::new(),
        tags: vec![DRAFT_TAG.to_string()],
        sources: source.into_iter().collect(),
        actors,
        quotes: draft_quotes,
        events: draft_events,
        origin: None,
    }
}

/// Words left out of ids built from text.
const STOP_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "at", "and", "or", "for", "with", "by", "from",
    "that", "this", "is", "was", "it", "its", "as", "be", "has", "had", "have", "been",
];

/// A valid id from a name (at most 60 characters, so suffixes fit), or `fallback` when the
/// name has no Latin letters or digits.
fn base_id(name: &str, fallback: &str) -> String {
    let s = slug(name);
    let s: String = s.chars().take(60).collect();
    let s = s
        .trim_end_matches(|c: char| !c.is_ascii_alphanumeric())
        .to_string();
    if s.is_empty() {
        fallback.to_string()
    } else {
        s
    }
}

/// `id`, else `id-2`, `id-3`, ... whichever is free.
fn unique(used: &mut HashSet<String>, id: &str) -> String {
    let id = id.trim_end_matches('-');
    let mut candidate = id.to_string();
    let mut n = 2;
    while used.contains(&candidate) || !is_valid_id(&candidate) {
        candidate = format!("{id}-{n}");
        n += 1;
        if !is_valid_id(&candidate) {
            candidate = format!("item-{n}");
        }
    }
    used.insert(candidate.clone());
    candidate
}

/// `DATE-slug-of-title`: the date and the title's first significant words, at most 80
/// characters.
pub fn default_id(date: Date, title: &str) -> String {
    let mut id = date.to_string();
    for word in slug(title)
        .split('-')
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
        .take(6)
    {
        if id.len() + 1 + word.len() > 80 {
            break;
        }
        id.push('-');
        id.push_str(word);
    }
    id
}

/// The lede without its trailing attribution (`..., a member ... revealed on Wednesday.`),
/// cut at a clause boundary to fit the format's 200 characters.
pub fn title_from_lede(lede: &str) -> String {
    let mut title = lede.trim().trim_end_matches(['.', '!']).trim().to_string();
    while let Some((head, tail)) = title.rsplit_once(", ") {
        let cut = is_attribution(tail) || title.chars().count() > MAX_TITLE;
        if !cut || head.split_whitespace().count() < 4 {
            break;
        }
        title = head.trim_end_matches(',').trim().to_string();
    }
    shorten_title(&title)
}

/// `a member of the State of Law Coalition revealed on Wednesday`: a speaker and a speech
/// verb, with nothing reported after it.
fn is_attribution(clause: &str) -> bool {
    let toks: Vec<_> = sentences::tokens(clause)
        .into_iter()
        .filter(|t| t.word)
        .collect();
    let Some(v) = toks.iter().position(|t| {
        t.text.chars().next().is_some_and(char::is_lowercase) && lexicon::is_speech_verb(t.text)
    }) else {
        return false;
    };
    v > 0 && v <= 10 && !toks[v + 1..].iter().any(|t| t.text == "that")
}

/// One line of at most 200 characters, cut at a word with `…` when too long.
fn shorten_title(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= MAX_TITLE {
        return if line.is_empty() {
            "Untitled article".to_string()
        } else {
            line
        };
    }
    let mut out = String::new();
    for word in line.split(' ') {
        if out.chars().count() + word.chars().count() + 2 > MAX_TITLE {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = line.chars().take(MAX_TITLE - 1).collect();
    }
    out.push('…');
    out
}

/// The summary placeholder: the lede, marked as a draft, and what was found.
fn summary(lede: &str, draft: &Draft) -> String {
    let direct = draft
        .quotes
        .iter()
        .filter(|q| q.mode == QuoteMode::Direct)
        .count();
    let indirect = draft.quotes.len() - direct;
    let unsure = draft
        .quotes
        .iter()
        .filter(|q| q.note.as_deref().is_some_and(|n| n.contains(CHECK_SPEAKER)))
        .count();
    let from = draft
        .sources
        .first()
        .map_or("an article".to_string(), |s| s.name.clone());
    let lede = if lede.is_empty() {
        "(no lede found)"
    } else {
        lede
    };
    let mut text = format!(
        "DRAFT: rewrite this summary before use. The article's lede: {lede}\n\n\
         Imported by `brief import` from {from} of {date}: {direct} direct and {indirect} indirect \
         quotes, {actors} actors and {events} events, found by rule. Check every speaker, role and \
         date against the article",
        date = draft.date,
        actors = draft.actors.len(),
        events = draft.events.len(),
    );
    if unsure > 0 {
        text.push_str(&format!(
            " ({unsure} quote{} noted \"{CHECK_SPEAKER}\")",
            if unsure == 1 { "" } else { "s" }
        ));
    }
    text.push_str(", then write the bottom line up front here and remove the \"draft\" tag.");
    text
}

fn datetime(date: Date) -> toml::value::Datetime {
    date.to_string()
        .parse()
        .unwrap_or_else(|e| unreachable!("a checked date is a TOML date: {e}"))
}

#[derive(Serialize)]
struct TomlDraft<'a> {
    format: i64,
    id: &'a str,
    title: &'a str,
    date: toml::value::Datetime,
    tags: &'a [String],
    #[serde(rename = "x-imported-from", skip_serializing_if = "Option::is_none")]
    imported_from: Option<&'a str>,
    summary: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<TomlSource<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    actors: Vec<TomlActor<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    quotes: Vec<TomlQuote<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    events: Vec<TomlEvent<'a>>,
}

#[derive(Serialize)]
struct TomlSource<'a> {
    id: &'a str,
    name: &'a str,
    published: toml::value::Datetime,
}

#[derive(Serialize)]
struct TomlActor<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    aliases: &'a [String],
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    anonymous: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct TomlQuote<'a> {
    id: &'a str,
    speaker: &'a str,
    mode: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    context: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    said: Option<toml::value::Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct TomlEvent<'a> {
    id: &'a str,
    date: String,
    text: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    actors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

impl Draft {
    /// The draft as a briefing file: a comment saying what it is, then pretty TOML whose
    /// strings the `toml` serializer escapes.
    pub fn to_toml(&self) -> String {
        let doc = TomlDraft {
            format: crate::briefing::FORMAT_VERSION,
            id: &self.id,
            title: &self.title,
            date: datetime(self.date),
            tags: &self.tags,
            imported_from: self.origin.as_deref(),
            summary: &self.summary,
            sources: self
                .sources
                .iter()
                .map(|s| TomlSource {
                    id: &s.id,
                    name: &s.name,
                    published: datetime(s.published),
                })
                .collect(),
            actors: self
                .actors
                .iter()
                .map(|a| TomlActor {
                    id: &a.id,
                    name: &a.name,
                    kind: a.kind.as_str(),
                    role: a.role.as_deref(),
                    aliases: &a.aliases,
                    anonymous: a.anonymous,
                    note: a.note.as_deref(),
                })
                .collect(),
            quotes: self
                .quotes
                .iter()
                .map(|q| TomlQuote {
                    id: &q.id,
                    speaker: &q.speaker,
                    mode: q.mode.as_str(),
                    text: &q.text,
                    context: q.context.as_deref(),
                    said: q.said.map(datetime),
                    source: q.source.as_deref(),
                    note: q.note.as_deref(),
                })
                .collect(),
            events: self
                .events
                .iter()
                .map(|e| TomlEvent {
                    id: &e.id,
                    date: e.date.to_string(),
                    text: &e.text,
                    actors: &e.actors,
                    note: e.note.as_deref(),
                })
                .collect(),
        };
        let body = toml::to_string_pretty(&doc).unwrap_or_else(|e| {
            // Every field is a string, a date, a bool or a list of them: this cannot fail.
            unreachable!("a draft always serializes to TOML: {e}")
        });
        format!(
            "# Draft imported by `brief import`: every item was found by rule, not by an analyst.\n\
             # Check speakers, roles and dates against the article, rewrite the title and\n\
             # summary, then remove the \"draft\" tag.\n{body}"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "date 2024-09-18 Shafaq News/ The unannounced visit of Iranian Quds Force Commander, General Ismail Qaani, to Baghdad two days ago aimed to strengthen relations, a member of the State of Law Coalition revealed on Wednesday.\n\n\
        Coalition member Rasul Radi told Shafaq News, \"Qaani visited Baghdad \\ to talk. He said ‘calm’ – “fine”.\"\n";

    #[test]
    fn the_outlet_the_article_comes_from_is_its_source_not_an_actor() {
        let text = "PORT AVERLY, March 3, 2025 (Coast News Agency) - The harbour closed on \
            Monday, the port authority said.\n\n\
            \"We had no choice,\" said Dana Kell, the harbour master.\n\n\
            Kell told Coast News Agency the port would reopen.\n";
        let draft = import(text, &Options::default()).unwrap();
        assert_eq!(draft.sources[0].name, "Coast News Agency");
        assert!(
            draft.actors.iter().all(|a| a.name != "Coast News Agency"),
            "{:?}",
            draft.actors
        );
        assert!(draft.actors.iter().any(|a| a.name == "Dana Kell"));
        // A source not named like an outlet (a press release's company) may be an actor too.
        assert!(!article::named_like_an_outlet("Larkfield Home Goods, Inc."));
    }

    #[test]
    fn titles_lose_their_attribution_and_fit() {
        assert_eq!(
            title_from_lede(
                "The visit aimed to strengthen ties, a member of the coalition revealed on Wednesday."
            ),
            "The visit aimed to strengthen ties"
        );
        let long = format!("{} end", "word ".repeat(60));
        let t = title_from_lede(&long);
        assert!(t.chars().count() <= MAX_TITLE);
        assert!(t.ends_with('…'));
        // A clause that reports something is not an attribution.
        assert_eq!(
            title_from_lede("Karesh will ration water, the minister said that it would."),
            "Karesh will ration water, the minister said that it would"
        );
    }

    #[test]
    fn default_ids_fit_the_pattern() {
        let d = Date::new(2024, 9, 18).unwrap();
        let id = default_id(
            d,
            "The unannounced visit of Iranian Quds Force Commander, General Ismail Qaani",
        );
        assert_eq!(
            id,
            "2024-09-18-unannounced-visit-iranian-quds-force-commander"
        );
        assert!(is_valid_id(&id));
        let id = default_id(d, &"verylongword".repeat(20));
        assert!(is_valid_id(&id) && id.len() <= 80, "{id}");
        assert!(is_valid_id(&default_id(d, "اسماعيل قاآني")));
    }

    #[test]
    fn a_draft_has_ids_tags_and_a_marked_summary() {
        let draft = import(SAMPLE, &Options::default()).unwrap();
        assert_eq!(draft.tags, vec!["draft"]);
        assert!(draft.summary.starts_with("DRAFT"));
        assert_eq!(draft.sources[0].id, "shafaq-news");
        assert!(draft.actors.iter().all(|a| is_valid_id(&a.id)));
        assert!(draft.quotes.iter().all(|q| is_valid_id(&q.id)));
        assert!(draft.events.iter().all(|e| is_valid_id(&e.id)));
        // The lede's attribution (`..., a member ... revealed on Wednesday`) is an indirect
        // quote; the one direct quote is Radi's.
        let direct: Vec<&DraftQuote> = draft
            .quotes
            .iter()
            .filter(|q| q.mode == QuoteMode::Direct)
            .collect();
        assert_eq!(direct.len(), 1);
        assert_eq!(direct[0].speaker, "rasul-radi");
        assert_eq!(draft.events[0].date.to_string(), "2024-09-16");
    }

    #[test]
    fn toml_escapes_quotes_backslashes_and_unicode() {
        let draft = import(SAMPLE, &Options::default()).unwrap();
        let text = draft.to_toml();
        let value: toml::Table = text.parse().expect("valid TOML");
        let quotes = value["quotes"].as_array().unwrap();
        let direct = quotes
            .iter()
            .find(|q| q["mode"].as_str() == Some("direct"))
            .unwrap();
        assert_eq!(
            direct["text"].as_str().unwrap(),
            "Qaani visited Baghdad \\ to talk. He said ‘calm’ – “fine”."
        );
        assert_eq!(value["tags"].as_array().unwrap()[0].as_str(), Some("draft"));
    }

    #[test]
    fn the_importer_s_remarks_are_marked_as_its_own() {
        let text = "date 2024-09-18 A source said on Tuesday that talks began. In April and May, talks failed.\n\n\
            Rasul Radi, a coalition member, spoke.\n\n“We will be back.”";
        let draft = import(text, &Options::default()).unwrap();
        let notes: Vec<&str> = draft
            .actors
            .iter()
            .filter_map(|a| a.note.as_deref())
            .chain(draft.quotes.iter().filter_map(|q| q.note.as_deref()))
            .chain(draft.events.iter().filter_map(|e| e.note.as_deref()))
            .collect();
        assert!(notes.len() >= 2, "{draft:#?}");
        assert!(
            notes.iter().all(|n| n.starts_with(IMPORTER_NOTE)),
            "{notes:?}"
        );
    }

    #[test]
    fn errors() {
        assert_eq!(import("  \n", &Options::default()), Err(ImportError::Empty));
        assert_eq!(
            import("Something happened.", &Options::default()),
            Err(ImportError::NoDate)
        );
        let bad = Options {
            id: Some("Bad Id".into()),
            ..Options::default()
        };
        assert_eq!(
            import(SAMPLE, &bad),
            Err(ImportError::BadId("Bad Id".into()))
        );
    }
}
