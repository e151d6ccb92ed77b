//! Who said what: direct quotes and their speakers, indirect quotes (`X said that ...`).
//!
//! A quotation is attributed by the words right after it (`"...," X said.`, `"...?" Reyes
//! asked.`, `"...," according to X.`), else by the words before it in its sentence (`X told
//! Shafaq News, "..."`, `X added that "..."`, `According to X, "..."`, `X called the plan
//! "..."`). A quote split around its attribution (`"A," X said. "B."`) is joined. A paragraph
//! that is only a quotation continues the speaker of the sentence before it, marked for
//! checking. A quotation nobody can be found for is left out: a wrong speaker is worse than
//! a missing quote.

use super::actors::{Place, Registry, Resolved};
use super::dates::time_expressions;
use super::lexicon;
use super::names::{
    Head, Phrase, capitalize, names_a_person, opening_subjects, parse_head, subject_after,
    subject_before,
};
use super::sentences::{Paragraph, Segment, SegmentKind, Token, tokens};
use crate::briefing::{ActorKind, Date, QuoteMode};

/// A quote the rules found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundQuote {
    pub speaker: usize,
    pub text: String,
    pub mode: QuoteMode,
    /// The attribution's verb and what follows it: `told Shafaq News`.
    pub context: Option<String>,
    pub said: Option<Date>,
    /// The speaker was found by a rule that can be wrong (`check speaker`).
    pub unsure: bool,
    /// Joined from a quote split around its attribution.
    pub joined: bool,
}

/// What a sentence gave: its quotes and who it is about.
#[derive(Debug, Default)]
pub struct SentenceQuotes {
    pub quotes: Vec<FoundQuote>,
    /// The sentence's speaker (for pronouns in the sentences after it).
    pub subject: Option<usize>,
}

/// Verbs that introduce an indirect quote (`X said that ...`); `asked` and `posted` do not.
const INDIRECT_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "stated",
    "noted",
    "explained",
    "stressed",
    "confirmed",
    "revealed",
    "warned",
    "claimed",
    "insisted",
    "argued",
    "announced",
    "declared",
    "acknowledged",
    "admitted",
    "disclosed",
    "indicated",
    "maintained",
    "wrote",
    "replied",
    "reiterated",
    "estimated",
    "predicted",
    "suggested",
    "complained",
    "conceded",
    "countered",
    "pleaded",
    "lamented",
    "protested",
    "testified",
    "alleged",
    "contended",
    "cautioned",
];

/// Words after `said` that start an adverbial (`said on Tuesday that`), not the reported clause.
const ADVERBIAL_STARTS: &[&str] = &[
    "on",
    "in",
    "at",
    "during",
    "to",
    "after",
    "before",
    "late",
    "earlier",
    "later",
    "last",
    "yesterday",
    "today",
    "this",
    "from",
    "via",
    "through",
    "when",
    "while",
    "privately",
    "publicly",
    "separately",
    "also",
    "again",
];

/// Bare verbs that make no useful context on their own.
const PLAIN_VERBS: &[&str] = &["said", "says", "added", "adds"];

struct Reader<'a> {
    para: &'a Paragraph,
    /// The paragraph before this one, where a document a quote's attribution names may have
    /// been issued.
    previous: Option<&'a Paragraph>,
    /// The paragraph after this one, where an article may name who spoke.
    next: Option<&'a Paragraph>,
    /// The sentence being read, in the paragraph.
    index: usize,
    place: Place,
    article: Date,
}

/// The paragraphs either side of the one being read.
#[derive(Debug, Clone, Copy, Default)]
pub struct Neighbours<'a> {
    pub previous: Option<&'a Paragraph>,
    pub next: Option<&'a Paragraph>,
}

/// The quotes whose first part lies in sentence `index` of the paragraph. `consumed` marks
/// segments already used as the second half of a split quote.
pub fn in_sentence(
    para: &Paragraph,
    Neighbours { previous, next }: Neighbours,
    index: usize,
    place: Place,
    article: Date,
    registry: &mut Registry,
    consumed: &mut [bool],
) -> SentenceQuotes {
    let reader = Reader {
        para,
        previous,
        next,
        index,
        place,
        article,
    };
    let range = para.sentences[index].clone();
    let mut out = SentenceQuotes::default();
    let in_sentence: Vec<usize> = para
        .segment_indices(&range)
        .map(|i| (i, &para.segments[i]))
        .filter(|(_, s)| {
            s.kind == SegmentKind::Quote
                && s.outer.start >= range.start
                && s.outer.start < range.end
        })
        .map(|(i, _)| i)
        .collect();
    for qi in in_sentence {
        if consumed[qi] {
            continue;
        }
        if let Some(found) = reader.direct(qi, registry, consumed) {
            out.subject.get_or_insert(found.speaker);
            out.quotes.push(found);
        }
    }
    // A sentence with quotations is reported indirectly too when they are only words inside
    // its clause (`said the board had ignored the counts and called it "a death sentence"`).
    let embedded_only = para
        .segments_in(&range)
        .filter(|s| s.kind != SegmentKind::Narrative)
        .all(|s| reader.embedded(s, &range));
    let text = strip_full_stop(para.text[range.clone()].trim());
    // `X insisted that the ministry had acted, adding: "..."`: the report before the
    // quotation its speaker adds.
    // `In a letter, Brandt wrote:` reports nothing itself: its quotation follows.
    let introduces = text
        .strip_suffix(':')
        .and_then(|t| words(t).last().map(|w| w.text.to_lowercase()))
        .is_some_and(|w| lexicon::is_speech_verb(&w));
    let reported = if introduces {
        None
    } else if embedded_only {
        Some(text)
    } else {
        before_adding(para, &range)
    };
    if let Some(reported) = reported
        && let Some(found) = reader.indirect(reported, registry)
        && (!embedded_only || !para.has_quote_in(&range) || reported_before_quote(&found.text))
    {
        out.subject.get_or_insert(found.speaker);
        out.quotes.push(found);
    }
    out
}

/// The sentence's words before `, adding:` (or `, adding that`) when every quotation in the
/// sentence comes after it.
fn before_adding<'p>(para: &'p Paragraph, range: &std::ops::Range<usize>) -> Option<&'p str> {
    let text = &para.text[range.clone()];
    let at = text.find(", adding")?;
    let first_quote = para
        .segments_in(range)
        .find(|s| s.kind != SegmentKind::Narrative)?;
    (range.start + at < first_quote.outer.start).then(|| text[..at].trim())
}

/// Whether an indirect quote says something of its own before its first quotation (three
/// words at least), rather than only introducing it (`X added that "..."`).
fn reported_before_quote(text: &str) -> bool {
    let cut = text
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '“' | '"' | '«' | '‘')
                || (c == '\'' && (i == 0 || text[..i].ends_with(' ')))
        })
        .map_or(text.len(), |(i, _)| i);
    words(&text[..cut]).len() >= 2
}

/// The speaker phrase that ends where a speech verb starts, past an auxiliary (`Durrani had
/// told`, `Kestrel has said`) and, when the phrase is a name, past a place after it (`The
/// Joint Command in the capital said`).
fn speaker_before(text: &str) -> Option<Phrase> {
    let mut text = text.trim_end();
    while let Some((head, last)) = text.rsplit_once(' ')
        && matches!(last, "had" | "has" | "have")
    {
        text = head.trim_end();
    }
    // `Pell's office said`, `a spokesperson for Pell said`: the one spoken for (resolved, or
    // read as before, by `Reader::resolve`, which knows the shape by `written`).
    if let Some((_, owner)) = representative(text)
        && let Some(mut phrase) = subject_after(owner)
    {
        phrase.written = text.trim().to_string();
        return Some(phrase);
    }
    plain_speaker_before(text)
}

/// `speaker_before` without its reading of one who speaks for someone.
fn plain_speaker_before(text: &str) -> Option<Phrase> {
    // `Prosecutors told the court`, `Jail officials said`: people by a plural role noun
    // alone (with at most one word before it), unnamed; before any name is looked for, as
    // `Prosecutors` has a surname's shape.
    let toks_all = words(text);
    if let [first, .., last] | [first @ last] = toks_all.as_slice()
        && toks_all.len() <= 2
        && first.text.chars().next().is_some_and(char::is_uppercase)
        && toks_all[1..]
            .iter()
            .all(|t| t.text.chars().all(char::is_lowercase))
        && let Some(singular) = last.text.to_lowercase().strip_suffix('s')
        && (lexicon::is_role_head(singular)
            || lexicon::is_person_noun(singular)
            || lexicon::is_anonymous_head(&last.text.to_lowercase()))
        && !lexicon::is_not_name(first.text)
    {
        let description = text.trim().to_lowercase();
        return Some(Phrase {
            head: Head::Anonymous {
                description,
                plural: true,
            },
            roles: Vec::new(),
            written: text.trim().to_string(),
            anonymity: true,
            introduced: None,
        });
    }
    if let Some(phrase) = subject_before(text) {
        return Some(phrase);
    }
    // `..., it said`: an organisation's pronoun, resolved by `Reader::resolve`.
    if text.trim().eq_ignore_ascii_case("it") {
        return Some(Phrase {
            head: Head::Definite(vec!["it".to_string()]),
            roles: Vec::new(),
            written: text.trim().to_string(),
            anonymity: false,
            introduced: None,
        });
    }
    // `Oskavia's water minister said`: a role the possessive places, as `the water minister`.
    let toks = words(text);
    if let [owner, role @ ..] = toks.as_slice()
        && !role.is_empty()
        && owner.text.chars().next().is_some_and(char::is_uppercase)
        && (owner.text.ends_with("'s") || owner.text.ends_with("’s"))
        && role.iter().all(|t| t.text.chars().all(char::is_lowercase))
        && role.last().is_some_and(|t| lexicon::is_role_head(t.text))
    {
        return Some(Phrase {
            head: Head::Definite(role.iter().map(|t| t.text.to_string()).collect()),
            roles: Vec::new(),
            written: text.trim().to_string(),
            anonymity: false,
            introduced: None,
        });
    }
    // `A firefighter who ..., and who asked not to be named, said`: a second relative clause
    // says more of the same speaker.
    let parts: Vec<&str> = text.split(',').collect();
    let second_relative = |p: &&str| {
        let p = p.trim_start().to_lowercase();
        ["and who ", "and whose ", "and which "]
            .iter()
            .any(|r| p.starts_with(r))
    };
    if parts.iter().any(second_relative) {
        let kept: Vec<&str> = parts.into_iter().filter(|p| !second_relative(p)).collect();
        return subject_before(&kept.join(","));
    }
    let toks = words(text);
    // `Incident controller Ana Sorel said`: a role of a few words, the first capitalised as
    // the sentence's first, then the full name.
    let name_at = toks
        .iter()
        .rposition(|t| !t.text.chars().next().is_some_and(char::is_uppercase))
        .map(|i| i + 1);
    if let Some(at) = name_at
        && (1..=3).contains(&at)
        && toks.len() - at >= 2
        && !text.contains(',')
        && toks[1..at]
            .iter()
            .all(|t| t.text.chars().all(char::is_lowercase))
        && (lexicon::is_role_head(toks[at - 1].text) || agent_noun(toks[at - 1].text))
        && let Some(mut phrase) = subject_before(&text[toks[at].start..])
        && matches!(phrase.head, Head::Person { .. })
    {
        phrase
            .roles
            .insert(0, text[..toks[at].start].trim().to_lowercase());
        return Some(phrase);
    }
    // `Economist Lea Forn of the Sepand Institute said`: a person, then where they work.
    if let Some(at) = toks
        .iter()
        .position(|t| matches!(t.text, "of" | "from" | "at"))
        .filter(|&at| at > 1 && !text[toks[at].start..].contains(','))
    {
        let organization = toks[at + 1..]
            .iter()
            .skip_while(|t| t.text == "the")
            .all(|t| {
                t.text.chars().next().is_some_and(char::is_uppercase)
                    || matches!(t.text, "of" | "for" | "and")
            });
        if organization
            && let Some(phrase) = subject_before(&text[..toks[at].start])
            && matches!(phrase.head, Head::Person { .. })
        {
            return Some(phrase);
        }
    }
    let at = toks
        .iter()
        .rposition(|t| matches!(t.text, "in" | "at" | "from" | "near"))?;
    let place_is_plain = toks[at + 1..]
        .iter()
        .all(|t| t.text.chars().next().is_some_and(char::is_lowercase));
    if at == 0 || !place_is_plain || text[toks[at].start..].contains(',') {
        return None;
    }
    let phrase = subject_before(&text[..toks[at].start])?;
    matches!(phrase.head, Head::Organization(_) | Head::Person { .. }).then_some(phrase)
}

/// A noun of one who does something, by its shape: `controller`, `coordinator`,
/// `spokesperson`.
fn agent_noun(word: &str) -> bool {
    let w = word.to_lowercase();
    w.len() > 5
        && w.chars().all(char::is_alphabetic)
        && ["er", "or", "ist", "ian", "person", "man", "woman"]
            .iter()
            .any(|end| w.ends_with(end))
}

/// Whether a reported clause says enough to stand alone: four words, or three that are a
/// pronoun, an auxiliary and a verb (`she would appeal`).
fn long_enough(clause: &str) -> bool {
    let toks = words(clause);
    match toks.as_slice() {
        [_, _, _, _, ..] => true,
        [subject, auxiliary, _] => {
            lexicon::pronoun(subject.text).is_some()
                && AUXILIARIES.contains(&auxiliary.text.to_lowercase().as_str())
        }
        _ => false,
    }
}

/// `after Saturday's match` → `after on Saturday match`: a weekday's possessive read as the
/// day itself, in the form the day is read from (`on Saturday`).
fn weekday_possessives(text: &str) -> String {
    let mut out = text.to_string();
    for t in words(text).iter().rev() {
        for mark in ["'s", "’s"] {
            if let Some(day) = t.text.strip_suffix(mark)
                && lexicon::weekday(day).is_some()
            {
                out.replace_range(t.start..t.end, &format!("on {day}"));
            }
        }
    }
    out
}

/// Words of a text.
fn words(text: &str) -> Vec<Token<'_>> {
    tokens(text).into_iter().filter(|t| t.word).collect()
}

/// The quote's text as written, without the comma that stood for its full stop.
fn quote_text(raw: &str) -> String {
    let t = raw.trim();
    t.strip_suffix(',').unwrap_or(t).trim_end().to_string()
}

/// Joins the halves of a split quote: `"Fair," she added. "Temporary."` → `Fair. Temporary.`;
/// `"We are closer," he said, "and much closer."` → `We are closer and much closer.`
fn join(first: &str, second: &str) -> String {
    let a = first.trim();
    let b = second.trim();
    let continues = b.chars().next().is_some_and(char::is_lowercase);
    match a.strip_suffix(',') {
        Some(stem) if continues => format!("{} {b}", stem.trim_end()),
        Some(stem) => format!("{}. {b}", stem.trim_end()),
        None => format!("{a} {b}"),
    }
}

/// Words before a title that make it another, lesser post: `deputy prime minister`.
const SECOND_IN_RANK: &[&str] = &[
    "deputy",
    "vice",
    "assistant",
    "associate",
    "acting",
    "interim",
    "former",
    "under",
];

fn role_words(role: &str) -> Vec<String> {
    role.to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether a role holds a whole title, its words together and no lesser post's word before
/// them: `Prime Minister` and `minister of finance` hold `minister`; `deputy prime minister`
/// does not hold `prime minister`.
fn holds(role: &str, title: &[String]) -> bool {
    let words = role_words(role);
    !title.is_empty()
        && words.windows(title.len()).enumerate().any(|(i, w)| {
            w == title
                && !(i > 0
                    && (SECOND_IN_RANK.contains(&words[i - 1].as_str())
                        || words[i - 1].starts_with("vice-")))
        })
}

/// Nouns for those who speak for someone: `Pell's office`, `a spokesperson for the board`.
const REPRESENTATIVES: &[&str] = &["office", "spokesman", "spokeswoman", "spokesperson"];

/// `Pell's office`, `the board's spokeswoman`, `a spokesperson for Pell`: the whole phrase
/// one who speaks for someone, the owner named; Some((the noun, the owner)).
fn representative(text: &str) -> Option<(&'static str, &str)> {
    let text = text.trim();
    let toks = words(text);
    let last = toks.last()?;
    if toks.len() >= 2
        && let Some(&noun) = REPRESENTATIVES.iter().find(|n| **n == last.text)
    {
        let owner = text[..last.start].trim_end();
        let owner = owner
            .strip_suffix("'s")
            .or_else(|| owner.strip_suffix("’s"))?;
        return (!owner.contains(',')).then_some((noun, owner));
    }
    let [a, noun, r#for, ..] = toks.as_slice() else {
        return None;
    };
    let &noun = REPRESENTATIVES
        .iter()
        .find(|n| **n == noun.text && **n != "office")?;
    (matches!(a.text, "A" | "a") && r#for.text == "for" && !text.contains(','))
        .then(|| (noun, text[r#for.end..].trim()))
}

impl Reader<'_> {
    fn text(&self) -> &str {
        &self.para.text
    }

    /// Whether a quotation sits inside the narrator's clause: closed, words of the sentence
    /// before it, and neither a colon, a comma, `that` nor a speech verb right before it
    /// (those introduce a quotation of its own).
    fn embedded(&self, seg: &Segment, sentence: &std::ops::Range<usize>) -> bool {
        if seg.kind != SegmentKind::Quote || seg.outer.start <= sentence.start {
            return false;
        }
        let before = self.text()[sentence.start..seg.outer.start].trim_end();
        if before.ends_with([',', ':', ';']) {
            return false;
        }
        let toks = words(before);
        let Some(last) = toks.last() else {
            return false;
        };
        let lower = last.text.to_lowercase();
        toks.len() >= 3 && lower != "that" && !lexicon::is_speech_verb(&lower)
    }

    /// The speaker of a verb that shares the sentence's opening subject (`... met union
    /// leaders and said`, `..., saying`): the first opening phrase that names someone known
    /// or new by name.
    fn opening_speaker(&self, sentence: &str, registry: &mut Registry) -> Option<Resolved> {
        for phrase in opening_subjects(sentence) {
            let usable = match &phrase.head {
                Head::Person { .. }
                | Head::Organization(_)
                | Head::Pronoun(_)
                | Head::Definite(_) => true,
                Head::Surname(w) => registry.find_surname(w).is_some(),
                Head::Anonymous { .. } => false,
            };
            if usable {
                return registry.resolve(&phrase, self.place);
            }
        }
        None
    }

    fn sentence_end(&self, at: usize) -> usize {
        self.para.sentences[self.para.sentence_at(at)].end
    }

    /// The first exact day named in a text (`on Tuesday`), for `said`.
    fn day_in(&self, text: &str) -> Option<Date> {
        time_expressions(text, self.article)
            .iter()
            .find_map(|e| e.day())
    }

    fn direct(
        &self,
        qi: usize,
        registry: &mut Registry,
        consumed: &mut [bool],
    ) -> Option<FoundQuote> {
        let seg = &self.para.segments[qi];
        let raw = &self.text()[seg.inner.clone()];
        let count = words(raw).len();
        if count == 0 || self.scare_quote(qi) {
            return None;
        }
        // `the board called the offer "generous"`: one word is a quote only inside a
        // clause its speaker's verb reports, never on its own.
        if count == 1 {
            let sentence = &self.para.sentences[self.para.sentence_at(seg.outer.start)];
            let lower_word = raw.trim().chars().next().is_some_and(char::is_lowercase);
            if !(lower_word && self.embedded(seg, sentence)) {
                return None;
            }
            let found = self.before(qi, registry)?;
            return Some(FoundQuote {
                speaker: found.resolved.actor,
                text: quote_text(raw),
                mode: QuoteMode::Direct,
                context: found.context,
                said: found.said,
                unsure: !found.resolved.confident,
                joined: false,
            });
        }
        let (attribution, mut unsure) = match self.after(qi, registry) {
            Some(found) => (found, false),
            None => match self.before(qi, registry) {
                // `X said: "A." "B."`: a whole sentence quoted may run on in the next
                // quotation, as after an attribution that follows it.
                Some(mut found) => {
                    if raw.trim_end().ends_with(['.', '?', '!']) {
                        found.ends_at = Some(seg.outer.end);
                    }
                    (found, false)
                }
                None => match self.after_colon(qi, registry) {
                    Some(found) => (found, false),
                    None => (self.continuation(qi, registry)?, true),
                },
            },
        };
        let Attribution {
            resolved,
            mut context,
            mut said,
            ends_at,
        } = attribution;
        unsure |= !resolved.confident;
        // `"...," he wrote.` says less than the sentence before, `X wrote on Y that ...`.
        let bare = context.as_deref().is_some_and(|c| !c.contains(' '));
        if (context.is_none() || bare || said.is_none())
            && let Some((place, day)) = self.occasion(qi, resolved.actor, registry)
        {
            context = if bare {
                place.or(context)
            } else {
                context.or(place)
            };
            said = said.or(day);
        }
        let mut text = raw.trim().to_string();
        let mut joined = false;
        // `"A," X said. "B."` and `"A," he said, "and B."`: the rest of a split quote.
        if let Some(end) = ends_at
            && let Some(mut next) = self.next_quote(qi)
            && let Some(seg2) = self.split_continuation(next, end)
            // `«Ciao,» she said, then translating: "Hello."`: the words and their
            // translation are two quotes, not one run together.
            && !self.text()[seg.outer.end..seg2.outer.start]
                .to_lowercase()
                .contains("translat")
        {
            text = join(&text, &self.text()[seg2.inner.clone()]);
            consumed[next] = true;
            joined = true;
            // `"A," X said. "B." "C."`: quotations that follow with nothing between.
            let mut end = seg2.outer.end;
            while let Some(after) = self.next_quote(next)
                && self.text()[end..self.para.segments[after].outer.start]
                    .trim()
                    .is_empty()
                && self.attribution_after(after).is_none()
            {
                let seg3 = &self.para.segments[after];
                text = join(&text, &self.text()[seg3.inner.clone()]);
                consumed[after] = true;
                end = seg3.outer.end;
                next = after;
            }
        }
        Some(FoundQuote {
            speaker: resolved.actor,
            text: quote_text(&text),
            mode: QuoteMode::Direct,
            context,
            said,
            unsure,
            joined,
        })
    }

    /// `X told analysts on a call that ... "...," she said.`: a quote whose own attribution
    /// says nothing of where or when, right after a sentence of the same paragraph that reports
    /// its speaker, was said on the same occasion: that sentence's context and day.
    fn occasion(
        &self,
        qi: usize,
        speaker: usize,
        registry: &Registry,
    ) -> Option<(Option<String>, Option<Date>)> {
        let index = self.para.sentence_at(self.para.segments[qi].outer.start);
        let previous = self.para.sentences.get(index.checked_sub(1)?)?;
        if registry.subject_of(self.place.sentence.checked_sub(1)?) != Some(speaker) {
            return None;
        }
        let narrative = self.para.narrative(previous);
        let toks = words(&narrative);
        let verb = first_verb(&toks, &narrative, lexicon::is_reporting_verb, 25)?;
        let v = &toks[verb];
        let told = context_after(&narrative, v, None).filter(|c| c.contains(' '));
        let place = circumstance(&narrative[..v.start]);
        // The day from the attribution's own words, not from what was reported:
        // `Speaking after Saturday's match, X insisted ...`, `X told analysts on Monday`.
        let own = match reported_clause(&toks, &narrative, verb) {
            Some(clause) => narrative[..toks[clause].start].to_string(),
            None => format!(
                "{} {}",
                &narrative[..v.start],
                told.as_deref().unwrap_or_default()
            ),
        };
        let day = self
            .day_in(&own)
            .or_else(|| self.day_in(&weekday_possessives(&narrative[..v.start])));
        let context = match (told, place) {
            (Some(t), Some(p)) => Some(format!("{p}, {t}")),
            (t, p) => t.or(p),
        };
        Some((context, day))
    }

    /// `so-called "quiet streets"`: words the narrator borrows, not a quote.
    fn scare_quote(&self, qi: usize) -> bool {
        let start = self.para.segments[qi].outer.start;
        // Only the last words matter: never read the whole paragraph again.
        let mut from = start.saturating_sub(40);
        while !self.text().is_char_boundary(from) {
            from -= 1;
        }
        let before = &self.text()[from..start];
        let last = words(before).last().map(|t| t.text.to_lowercase());
        matches!(
            last.as_deref(),
            Some("so-called" | "dubbed" | "titled" | "named" | "entitled")
        )
    }

    /// The next closed quotation after segment `qi`.
    fn next_quote(&self, qi: usize) -> Option<usize> {
        (qi + 1..self.para.segments.len())
            .find(|&i| self.para.segments[i].kind == SegmentKind::Quote)
    }

    /// Whether quotation `next` continues a split quote whose attribution ends at
    /// `attribution_end`: it follows right after (a comma, a full stop or nothing between)
    /// and has no attribution of its own.
    fn split_continuation(&self, next: usize, attribution_end: usize) -> Option<&Segment> {
        let seg = self.para.segments.get(next)?;
        if attribution_end > seg.outer.start {
            return None;
        }
        let gap = self.text()[attribution_end..seg.outer.start].trim();
        if !(gap.is_empty() || gap == "," || gap == "." || gap == ":") {
            return None;
        }
        // `"A," she said, adding that the police were "B"`: the words between must end
        // the attribution (`she said,`), not lead into the next quotation.
        let between = self.text()[..seg.outer.start].trim_end();
        if !between.ends_with([',', '.', ':', '—', '–'])
            && !between.ends_with(['”', '"', '’', '\''])
        {
            return None;
        }
        if self.attribution_after(next).is_some() {
            return None;
        }
        Some(seg)
    }

    /// The narrative right after quotation `qi`, to the next quotation or the sentence end.
    fn after_text(&self, qi: usize) -> (usize, usize) {
        let seg = &self.para.segments[qi];
        let start = seg.outer.end;
        let mut end = self.sentence_end(seg.outer.start).max(start);
        if let Some(next) = self.para.segments[qi + 1..]
            .iter()
            .find(|s| s.kind != SegmentKind::Narrative)
        {
            end = end.min(next.outer.start);
        }
        (start, end.max(start))
    }

    /// Parses the attribution after quotation `qi`, without resolving it.
    fn attribution_after(&self, qi: usize) -> Option<(Phrase, Option<String>, usize, String)> {
        let seg = &self.para.segments[qi];
        let inner = self.text()[seg.inner.clone()].trim_end();
        let (start, end) = self.after_text(qi);
        let after = &self.text()[start..end];
        let attaches = inner.ends_with([',', '?', '!', '—', '–', '-', '…'])
            || after.trim_start().starts_with(',');
        if !attaches {
            return None;
        }
        let lead = after.len() - after.trim_start_matches([',', ' ']).len();
        let clause_start = start + lead;
        let clause = self.text()[clause_start..end].trim_end();
        let clause = clause
            .strip_suffix([',', ':', ';'])
            .unwrap_or(clause)
            .trim_end();
        let clause = strip_full_stop(clause);
        let lower = clause.to_lowercase();
        if let Some(rest) = lower.strip_prefix("according to ") {
            let rest = &clause[clause.len() - rest.len()..];
            let phrase = subject_after(issuer(rest))?;
            return Some((phrase, None, end, clause.to_string()));
        }
        let toks = words(clause);
        let verb = first_verb(&toks, clause, lexicon::is_speech_verb, 12)?;
        let v = &toks[verb];
        let phrase = if verb == 0 {
            subject_after(&clause[v.end..])?
        } else {
            speaker_before(&clause[..v.start])?
        };
        // `said union leader Piet Carrow`: after a leading verb come the speaker's words,
        // no context.
        let context = if verb > 0 {
            context_after(clause, v, Some(clause.len()))
        } else {
            occasion_last(&clause[v.end..])
        };
        Some((phrase, context, end, clause.to_string()))
    }

    /// `"...," X said.`
    fn after(&self, qi: usize, registry: &mut Registry) -> Option<Attribution> {
        let (phrase, context, end, clause) = self.attribution_after(qi)?;
        let resolved = match self.resolve(&phrase, registry) {
            Some(resolved) => resolved,
            None => self.named_next(&phrase, end, registry)?,
        };
        Some(Attribution {
            resolved,
            context: with_place(context, &clause),
            said: self.day_in(&clause),
            ends_at: Some(end),
        })
    }

    /// `X told Shafaq News, "..."`, `X added that "..."`, `According to X, "..."`.
    fn before(&self, qi: usize, registry: &mut Registry) -> Option<Attribution> {
        let seg = &self.para.segments[qi];
        let sentence = &self.para.sentences[self.para.sentence_at(seg.outer.start)];
        // From the sentence start, or from the end of an earlier quotation in it.
        let start = self.para.segments[..qi]
            .iter()
            .rev()
            .find(|s| s.kind != SegmentKind::Narrative)
            .filter(|s| s.outer.end > sentence.start)
            .map_or(sentence.start, |s| s.outer.end);
        let before = &self.text()[start..seg.outer.start];
        if let Some(found) = self.before_in(qi, start, before, registry) {
            return Some(found);
        }
        // `X said the offer was "too small" and that the closure was "against the rules"`: a second
        // quotation inside the same reported clause, with no one else named between the two,
        // is the clause's speaker's (read from the sentence start, the quotations blanked).
        // (`the disputed applications`: a verb's participle after a determiner is no verb.)
        let toks = words(before);
        let no_one_between = toks.iter().enumerate().all(|(i, t)| {
            let adjective =
                i > 0 && DETERMINERS.contains(&toks[i - 1].text.to_lowercase().as_str());
            t.text.chars().next().is_some_and(char::is_lowercase)
                && lexicon::pronoun(t.text).is_none()
                && (adjective || !lexicon::is_reporting_verb(t.text))
        });
        if start == sentence.start || !no_one_between || !self.embedded(seg, sentence) {
            return None;
        }
        let narrative = self.para.narrative(&(sentence.start..seg.outer.start));
        self.before_in(qi, sentence.start, &narrative, registry)
    }

    /// The attribution in `before`, the sentence's words from byte `start` to quotation `qi`.
    fn before_in(
        &self,
        qi: usize,
        start: usize,
        before: &str,
        registry: &mut Registry,
    ) -> Option<Attribution> {
        let seg = &self.para.segments[qi];
        let sentence = &self.para.sentences[self.para.sentence_at(seg.outer.start)];
        let toks = words(before);
        // According to X, ...
        if let Some(at) = toks
            .windows(2)
            .position(|w| w[0].text.eq_ignore_ascii_case("according") && w[1].text == "to")
        {
            let rest = &before[toks[at + 1].end..];
            let phrase = subject_after(issuer(rest))?;
            let resolved = self.resolve(&phrase, registry)?;
            return Some(Attribution {
                resolved,
                context: None,
                said: self.day_in(before),
                ends_at: None,
            });
        }
        // `State television quoted Gen. Ivo Brask, the army's chief, as saying ...`: the one
        // quoted is the speaker, not the one quoting.
        if let Some(q) = toks.iter().position(|t| t.text == "quoted")
            && let Some(at) = toks[q + 1..]
                .windows(2)
                .position(|w| w[0].text == "as" && w[1].text == "saying")
                .map(|p| p + q + 1)
            && let Some(phrase) = subject_after(
                before[toks[q].end..toks[at].start]
                    .trim()
                    .trim_end_matches(','),
            )
            && let Some(resolved) = registry.resolve(&phrase, self.place)
        {
            return Some(Attribution {
                resolved,
                context: Some(before[toks[q].start..toks[at + 1].end].to_string()),
                said: self.day_in(before),
                ends_at: None,
            });
        }
        // The first reporting verb whose subject names someone: `In a statement posted on
        // its website on Sunday, the company said ...` (not `posted`).
        for verb in verbs(&toks, before, lexicon::is_reporting_verb, usize::MAX) {
            let v = &toks[verb];
            let Some(phrase) = speaker_before(&before[..v.start]) else {
                continue;
            };
            if let Some(resolved) = self.resolve(&phrase, registry) {
                return Some(Attribution {
                    resolved,
                    context: match (
                        context_after(before, v, Some(before.len())),
                        circumstance(&before[..v.start]),
                    ) {
                        // `Kovac, in a letter to the president, wrote:`
                        (Some(verb), Some(place)) if !verb.contains(' ') => {
                            Some(format!("{verb}, {place}"))
                        }
                        (verb, place) => verb.or(place),
                    },
                    said: self.day_in(before),
                    ends_at: None,
                });
            }
        }
        // `The judge was scathing about the conduct: "..."`: a quotation the sentence
        // introduces with a colon is its subject's.
        if before.trim_end().ends_with(':')
            && start == sentence.start
            && let Some(resolved) = self.opening_speaker(before, registry)
        {
            return Some(Attribution {
                resolved,
                context: None,
                said: self.day_in(before),
                ends_at: None,
            });
        }
        // `X blamed the government, saying it had cut the budget "to the bone"`: a speech
        // participle after a comma shares the sentence's subject.
        let at = toks
            .iter()
            .position(|t| lexicon::is_speech_participle(t.text))?;
        // From the sentence's start: `X said the camps were "full", adding: "..."`; the
        // narrator's words only (quoted ones blanked), so no name inside a quotation is read
        // as the subject.
        let upto = start + toks[at].start;
        if !self.text()[sentence.start..upto]
            .trim_end()
            .ends_with([',', '”', '"'])
        {
            return None;
        }
        let narrative = self.para.narrative(&(sentence.start..upto));
        let resolved = self.opening_speaker(narrative.trim_start(), registry)?;
        Some(Attribution {
            resolved,
            context: None,
            said: self.day_in(before),
            ends_at: None,
        })
    }

    /// The sentence after the one holding byte `at`: in this paragraph, else the first of
    /// the next.
    fn following_sentence(&self, at: usize) -> Option<String> {
        let index = self.para.sentence_at(at) + 1;
        match self.para.sentences.get(index) {
            Some(range) => Some(self.para.narrative(range)),
            None => {
                let next = self.next?;
                Some(next.narrative(next.sentences.first()?))
            }
        }
    }

    /// `"...," said the party's secretary-general. The secretary-general, Ama Sidi, ...`: a
    /// role nobody known holds, named in the next sentence by the same role noun.
    fn named_next(&self, phrase: &Phrase, at: usize, registry: &mut Registry) -> Option<Resolved> {
        let Head::Definite(words) = &phrase.head else {
            return None;
        };
        let noun = words.last()?;
        if !(lexicon::is_role_head(noun) || lexicon::is_person_noun(noun)) {
            return None;
        }
        let next = self.following_sentence(at)?;
        if let Some(person) = named_after_description(&next, noun) {
            return registry.resolve(&person, self.place);
        }
        // `..., the foreign minister said. Foreign Minister Ana Sorel added ...`: the same
        // words as a title before a name (likely, not sure).
        let person = titled_in(&next, words)?;
        let resolved = registry.resolve(&person, self.place)?;
        Some(Resolved {
            confident: false,
            ..resolved
        })
    }

    /// A paragraph that is only a quotation continues the speaker of the sentence before it.
    /// Whether quotation `qi` opens a paragraph of quotations only, after the first sentence.
    fn quotes_alone(&self, qi: usize) -> bool {
        qi == 0
            && self.place.sentence != 0
            && self.para.segments.iter().all(|s| {
                s.kind == SegmentKind::Quote || self.text()[s.outer.clone()].trim().is_empty()
            })
    }

    /// `In its ruling, the court wrote:` then the quotation in paragraphs of its own: the
    /// speaker is the one the colon's attribution names.
    fn after_colon(&self, qi: usize, registry: &mut Registry) -> Option<Attribution> {
        if !self.quotes_alone(qi) {
            return None;
        }
        let previous = self.previous?;
        let last = previous.sentences.last()?;
        let resolved = self.colon_speaker(&previous.narrative(last), registry)?;
        Some(Attribution {
            resolved,
            context: None,
            said: None,
            ends_at: None,
        })
    }

    fn continuation(&self, qi: usize, registry: &mut Registry) -> Option<Attribution> {
        if !self.quotes_alone(qi) {
            return None;
        }
        // `That was the view of Ama Sidi, a lawyer`: the paragraph after says whose
        // words they were; one that points back without a name leaves the speaker unknown.
        if let Some(next) = self.next
            && let Some(first) = next.sentences.first()
            && let Some(reference) = points_back(&next.narrative(first))
        {
            let resolved = registry.resolve(&reference?, self.place)?;
            return Some(Attribution {
                resolved,
                context: None,
                said: None,
                ends_at: None,
            });
        }
        let actor = registry.subject_of(self.place.sentence - 1)?;
        Some(Attribution {
            resolved: Resolved {
                actor,
                confident: false,
            },
            context: None,
            said: None,
            ends_at: None,
        })
    }

    /// The speaker of a sentence that ends by introducing a quotation with a speech verb and
    /// a colon (`In a letter, Brandt wrote:`, `The ruling said:`).
    fn colon_speaker(&self, sentence: &str, registry: &mut Registry) -> Option<Resolved> {
        let text = sentence.trim_end().strip_suffix(':')?;
        let toks = words(text);
        let verb = toks.last()?;
        if !lexicon::is_speech_verb(&verb.text.to_lowercase()) {
            return None;
        }
        let before = text[..verb.start].trim_end();
        // `In a letter to the council, Brandt wrote:`: past the circumstance before the name.
        let phrase = speaker_before(before).or_else(|| {
            let (_, tail) = before.rsplit_once(',')?;
            speaker_before(tail)
        })?;
        self.resolve(&phrase, registry)
    }

    /// `X said that ...`, `X told Shafaq News that ...`, `..., according to X.`
    fn indirect(&self, sentence: &str, registry: &mut Registry) -> Option<FoundQuote> {
        let toks = words(sentence);
        // `According to Mr. Endrin, the attack came from ...`
        if toks.len() > 2 && toks[0].text.eq_ignore_ascii_case("according") && toks[1].text == "to"
        {
            let rest = &sentence[toks[1].end..];
            let phrase = subject_after(issuer(rest))?;
            let at = rest.find(phrase.written.as_str())? + phrase.written.len();
            let mut clause = rest[at..].trim_start_matches([',', ' ']).trim();
            // `According to the union's lawyer, Pavel Rusk, the vote ...`: past the name too.
            if let Some((name, after)) = clause.split_once(',')
                && names_a_person(name)
            {
                clause = after.trim();
            }
            if words(clause).len() < 4 {
                return None;
            }
            let resolved = self.resolve(&phrase, registry)?;
            return Some(FoundQuote {
                speaker: resolved.actor,
                text: format!("{}.", capitalize(clause)),
                mode: QuoteMode::Indirect,
                context: None,
                said: None,
                unsure: !resolved.confident,
                joined: false,
            });
        }
        // `..., according to a judicial source.`
        if let Some(at) = toks
            .windows(2)
            .rposition(|w| w[0].text.eq_ignore_ascii_case("according") && w[1].text == "to")
            && at > 0
            && sentence[..toks[at].start].trim_end().ends_with(',')
        {
            let phrase = subject_after(issuer(&sentence[toks[at + 1].end..]))?;
            let resolved = self.resolve(&phrase, registry)?;
            let clause = sentence[..toks[at].start].trim_end().trim_end_matches(',');
            if words(clause).len() < 4 {
                return None;
            }
            return Some(FoundQuote {
                speaker: resolved.actor,
                text: format!("{}.", capitalize(clause.trim())),
                mode: QuoteMode::Indirect,
                context: None,
                said: None,
                unsure: !resolved.confident,
                joined: false,
            });
        }
        if let Some(found) = self.attribution_at_end(sentence, registry) {
            return Some(found);
        }
        let Some(verb) = first_verb(&toks, sentence, |w| INDIRECT_VERBS.contains(&w), 20) else {
            return self.saying(sentence, &toks, registry);
        };
        let v = &toks[verb];
        // `Education Minister Corin Vade met union leaders and said ...`: the verb shares
        // the sentence's subject.
        let shared = verb > 0
            && toks[verb - 1].text == "and"
            && !sentence[..toks[verb - 1].start].trim_end().ends_with(',');
        let phrase = if shared {
            None
        } else {
            Some(speaker_before(&sentence[..v.start])?)
        };
        let clause_start = reported_clause(&toks, sentence, verb)?;
        let clause = sentence[toks[clause_start].start..].trim();
        if !long_enough(clause) {
            return None;
        }
        let resolved = match phrase {
            Some(phrase) => self.resolve(&phrase, registry)?,
            None => self.opening_speaker(&sentence[..toks[verb - 1].start], registry)?,
        };
        let context = context_after(sentence, v, Some(toks[clause_start].start));
        Some(FoundQuote {
            speaker: resolved.actor,
            text: format!("{}.", capitalize(clause)),
            mode: QuoteMode::Indirect,
            context,
            said: self.day_in(&sentence[..toks[clause_start].start]),
            unsure: !resolved.confident,
            joined: false,
        })
    }
}

impl Reader<'_> {
    /// `The governor defended the decision on Monday, saying the old rate had become a gift
    /// to importers`: what follows `saying` is reported for the sentence's subject.
    fn saying(
        &self,
        sentence: &str,
        toks: &[Token],
        registry: &mut Registry,
    ) -> Option<FoundQuote> {
        let at = toks.iter().position(|t| t.text == "saying")?;
        let lead = &sentence[..toks[at].start];
        if at < 3 || !lead.trim_end().ends_with(',') {
            return None;
        }
        let clause_start = reported_clause(toks, sentence, at)?;
        let clause = sentence[toks[clause_start].start..].trim();
        if words(clause).len() < 4 {
            return None;
        }
        let resolved = self.opening_speaker(lead, registry)?;
        Some(FoundQuote {
            speaker: resolved.actor,
            text: format!("{}.", capitalize(clause)),
            mode: QuoteMode::Indirect,
            context: None,
            said: self.day_in(lead),
            unsure: !resolved.confident,
            joined: false,
        })
    }

    /// `The talks will resume next week, the minister said.`, `Prices will rise, the
    /// chamber warned on Monday, after ...`, `Stocks are low, the negotiator, Ana Sorel,
    /// said.`: a report, then a comma and its attribution (a speaker, a speech verb, and at
    /// most a few words of time or place after it, up to the next comma or the end).
    fn attribution_at_end(&self, sentence: &str, registry: &mut Registry) -> Option<FoundQuote> {
        let toks = words(sentence);
        for (i, v) in toks.iter().enumerate().rev() {
            let lowercase = v.text.chars().next().is_some_and(char::is_lowercase);
            if !lowercase || i == 0 || !INDIRECT_VERBS.contains(&v.text.to_lowercase().as_str()) {
                continue;
            }
            // What follows the verb, up to the next comma: time or place, or who was told.
            let upto = sentence[v.end..]
                .find(',')
                .map_or(sentence.len(), |c| v.end + c);
            let after: Vec<String> = words(&sentence[v.end..upto])
                .iter()
                .map(|t| t.text.to_lowercase())
                .collect();
            if after.len() > 6 || after.iter().any(|w| w == "that") {
                continue;
            }
            if let Some(first) = after.first()
                && !ADVERBIAL_STARTS.contains(&first.as_str())
                && lexicon::weekday(first).is_none()
                && !(v.text == "told" && after.len() <= 3)
            {
                continue;
            }
            // The speaker phrase: all the words from a comma to the verb (`the negotiator,
            // Ana Sorel,`), after the first comma from which they are one phrase.
            let Some((at, phrase)) = sentence[..v.start]
                .match_indices(',')
                .map(|(c, _)| c)
                .filter_map(|c| {
                    let tail = &sentence[c + 1..v.start];
                    let phrase = speaker_before(tail)?;
                    let whole = tail.trim().trim_end_matches(',').trim_end();
                    (!whole.is_empty() && phrase.written == whole).then_some((c, phrase))
                })
                .next()
            else {
                continue;
            };
            let clause = sentence[..at].trim();
            let opener = words(clause)
                .first()
                .map(|t| t.text.to_lowercase())
                .unwrap_or_default();
            if words(clause).len() < 4
                || clause.contains(['“', '”', '"', '«', '»'])
                || SUBORDINATORS.contains(&opener.as_str())
            {
                continue;
            }
            let here = self.para.sentences[self.index].start;
            let resolved = match self.resolve(&phrase, registry) {
                Some(resolved) => resolved,
                None => self.named_next(&phrase, here, registry)?,
            };
            return Some(FoundQuote {
                speaker: resolved.actor,
                text: format!("{}.", capitalize(clause)),
                mode: QuoteMode::Indirect,
                context: context_after(sentence, v, Some(upto)),
                said: self.day_in(&sentence[at..upto]),
                unsure: !resolved.confident,
                joined: false,
            });
        }
        None
    }

    /// The actor a speaker phrase names; else, for `the group said`, `the company said` that
    /// names no one the article knows by that noun, or `it said`, the organisation the
    /// sentence before was about (likely, not sure: marked for checking).
    fn resolve(&self, phrase: &Phrase, registry: &mut Registry) -> Option<Resolved> {
        // `Pell's spokesman said`: the one the article names as spokesman, if it does; else
        // Pell when Pell is a person, only likely (it may be anyone on the staff). For an
        // organisation the spokesperson stays someone of their own, as before.
        if let Some((noun, _)) = representative(&phrase.written) {
            let named = registry
                .actors
                .iter()
                .any(|a| a.roles.iter().any(|r| r.to_lowercase().contains(noun)));
            if !named
                && let Some(resolved) = registry.resolve(phrase, self.place)
                && registry.actors[resolved.actor].kind == ActorKind::Person
            {
                return Some(Resolved {
                    actor: resolved.actor,
                    confident: false,
                });
            }
            let plain = plain_speaker_before(&phrase.written)?;
            return self.resolve_plain(&plain, registry);
        }
        self.resolve_plain(phrase, registry)
    }

    /// `resolve` for any phrase but one who speaks for someone.
    fn resolve_plain(&self, phrase: &Phrase, registry: &mut Registry) -> Option<Resolved> {
        let resolved = self.resolve_any(phrase, registry)?;
        // `the prime minister said`: a title alone is the one person whose role holds the
        // whole title, never a deputy's (`deputy prime minister`); with two such, nobody.
        if let Head::Definite(title) = &phrase.head
            && registry.actors[resolved.actor].kind == ActorKind::Person
            && title.last().is_some_and(|w| lexicon::is_role_head(w))
        {
            let holders: Vec<usize> = registry
                .actors
                .iter()
                .enumerate()
                .filter(|(_, a)| {
                    a.kind == ActorKind::Person && a.roles.iter().any(|r| holds(r, title))
                })
                .map(|(i, _)| i)
                .collect();
            let loosely = registry.actors[resolved.actor]
                .roles
                .iter()
                .any(|r| title.iter().all(|w| role_words(r).contains(w)));
            return match holders.as_slice() {
                [one] if *one == resolved.actor => Some(resolved),
                [] if !loosely => Some(resolved),
                _ => None,
            };
        }
        Some(resolved)
    }

    fn resolve_any(&self, phrase: &Phrase, registry: &mut Registry) -> Option<Resolved> {
        if let Some(resolved) = registry.resolve(phrase, self.place) {
            return Some(resolved);
        }
        // `GFR said`: a word in capitals is an organisation's acronym (spelt out, when the
        // article gives it, by the registry), never a person's name.
        if let Head::Surname(word) = &phrase.head
            && word.chars().count() >= 2
            && word.chars().all(|c| c.is_ascii_uppercase())
        {
            let organization = Phrase {
                head: Head::Organization(word.clone()),
                roles: Vec::new(),
                written: phrase.written.clone(),
                anonymity: false,
                introduced: None,
            };
            return registry.resolve(&organization, self.place);
        }
        let Head::Definite(words) = &phrase.head else {
            return None;
        };
        if let [noun] = words.as_slice()
            && lexicon::is_document(noun)
        {
            return self.issuer_before(noun, registry);
        }
        let [noun] = words.as_slice() else {
            return None;
        };
        // `it said`: the organisation the sentence before was about, as for `the group`.
        if !(lexicon::is_org_noun(noun) || lexicon::is_org_head(noun) || noun == "it") {
            return None;
        }
        let actor = registry.subject_of(self.place.sentence.checked_sub(1)?)?;
        (registry.actors[actor].kind == ActorKind::Organization).then_some(Resolved {
            actor,
            confident: false,
        })
    }
}

/// Words before a noun: a verb's participle after one is an adjective (`the disputed
/// applications`).
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "these",
];

impl Reader<'_> {
    /// `In a statement, the Harbour Front said ... "...," the statement said.`: a document
    /// with no owner named speaks for the subject of the sentence just before, when that
    /// sentence names the same kind of document (likely, not sure).
    fn issuer_before(&self, noun: &str, registry: &Registry) -> Option<Resolved> {
        let before = self.place.sentence.checked_sub(1)?;
        // The sentence before: earlier in this paragraph, else the last of the one before.
        let text = match self.index.checked_sub(1) {
            Some(i) => self.para.narrative(&self.para.sentences[i]),
            None => {
                let previous = self.previous?;
                previous.narrative(previous.sentences.last()?)
            }
        };
        let named = words(&text)
            .iter()
            .any(|t| t.text.eq_ignore_ascii_case(noun));
        let actor = registry.subject_of(before)?;
        named.then_some(Resolved {
            actor,
            confident: false,
        })
    }
}

/// Words that open a subordinate clause, which is no report of its own: `When the talks
/// began, the minister said ...`.
const SUBORDINATORS: &[&str] = &[
    "when", "as", "if", "although", "though", "while", "because", "since", "after", "before",
    "once", "unless", "until", "whether",
];

/// `That was the view of Ama Sidi, ...`, `Those were the words of the mayor`: a
/// sentence opening by pointing back at what was just quoted. Some(the phrase after `of` or
/// `by`) when it names someone, Some(None) when it points back without a name.
fn points_back(sentence: &str) -> Option<Option<Phrase>> {
    let toks = words(sentence);
    let demonstrative = matches!(
        toks.first()?.text.to_lowercase().as_str(),
        "that" | "this" | "those" | "these" | "such"
    );
    let be = matches!(
        toks.get(1)?.text.to_lowercase().as_str(),
        "was" | "were" | "is" | "are"
    );
    if !(demonstrative && be) {
        return None;
    }
    let of = toks
        .iter()
        .take(7)
        .skip(2)
        .position(|t| matches!(t.text, "of" | "by"))
        .map(|p| p + 2);
    Some(of.and_then(|at| subject_after(&sentence[toks[at].end..])))
}

/// `We stand with you. — Ana Sorel (@AnaSorel) February 17, 2026`: an embedded post, its
/// words then a dash, its author and handle and its date, as pages show them. Returns the
/// paragraph as prose the rules read (`Ana Sorel wrote in a post: “We stand with you.”`).
pub fn embedded_post(paragraph: &str) -> Option<String> {
    let (body, author) = paragraph.rsplit_once(" — ")?;
    let body = body.trim();
    let (name, rest) = author.split_once(" (@")?;
    let (handle, after) = rest.split_once(')')?;
    let after = after.trim();
    let handle_ok = !handle.is_empty()
        && handle
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    let dated = after.is_empty() || super::dates::parse_date_anywhere(after).is_some();
    let named = names_a_person(name.trim());
    let plain = !body.is_empty() && !body.contains(['“', '”', '"', '«', '»']);
    (handle_ok && dated && named && plain)
        .then(|| format!("{} wrote in a post: “{body}”", name.trim()))
}

/// `The secretary-general, Ama Sidi, who ran the campaign, added ...`: the person a sentence
/// names right after a definite description ending in `noun`.
fn named_after_description(sentence: &str, noun: &str) -> Option<Phrase> {
    let mut parts = sentence.trim_start().splitn(3, ',');
    let description = parts.next()?;
    let name = parts.next()?;
    match parse_head(description.trim())? {
        Head::Definite(words) if words.last().map(String::as_str) == Some(noun) => {}
        _ => return None,
    }
    let head = parse_head(name.trim())?;
    matches!(head, Head::Person { .. }).then(|| Phrase {
        head,
        roles: Vec::new(),
        written: name.trim().to_string(),
        anonymity: false,
        introduced: None,
    })
}

/// `Foreign Minister Ana Sorel` in a sentence, for the description `foreign minister`: the
/// description's words, capitalised as a title, right before a person's full name.
fn titled_in(sentence: &str, description: &[String]) -> Option<Phrase> {
    let toks = words(sentence);
    let n = description.len();
    let capitalised = |t: &Token| t.text.chars().next().is_some_and(char::is_uppercase);
    (0..toks.len().saturating_sub(n)).find_map(|i| {
        let title = &toks[i..i + n];
        let matches = title
            .iter()
            .zip(description)
            .all(|(t, w)| capitalised(t) && t.text.eq_ignore_ascii_case(w));
        let name = toks[i + n..].iter().take_while(|t| capitalised(t)).count();
        if !matches || !(2..=3).contains(&name) {
            return None;
        }
        let written = &sentence[toks[i].start..toks[i + n + name - 1].end];
        let head = parse_head(written)?;
        matches!(head, Head::Person { title: Some(_), .. }).then(|| Phrase {
            head,
            roles: Vec::new(),
            written: written.to_string(),
            anonymity: false,
            introduced: None,
        })
    })
}

/// `according to a statement from the ministry` → `the ministry`: a document's issuer
/// speaks through it.
fn issuer(phrase: &str) -> &str {
    let toks = words(phrase);
    let opens = toks.len() > 3
        && matches!(toks[0].text.to_lowercase().as_str(), "a" | "an" | "the")
        && lexicon::is_document(toks[1].text);
    if !opens {
        return phrase;
    }
    toks.iter()
        .take(5)
        .position(|t| matches!(t.text, "from" | "by" | "of"))
        .and_then(|at| toks.get(at + 1))
        .map_or(phrase, |t| &phrase[t.start..])
}

/// `he said, speaking outside the port gates`, `he said, standing in knee-deep water`: where
/// the words were said, kept in the context: a participle after a comma, followed by a
/// preposition (or `speaking`, `addressing` on their own).
fn speaking_place(clause: &str) -> Option<String> {
    const PREPOSITIONS: &[&str] = &[
        "in", "at", "on", "outside", "inside", "near", "by", "beside", "before", "from", "to",
        "during", "after", "behind", "under", "among", "amid", "next", "across", "over",
    ];
    let mut search = 0;
    while let Some(found) = clause[search..].find(", ") {
        let at = search + found + 2;
        search = at;
        let rest = strip_full_stop(clause[at..].trim());
        let toks = words(rest);
        let [participle, second, ..] = toks.as_slice() else {
            continue;
        };
        let p = participle.text.to_lowercase();
        let placed = matches!(p.as_str(), "speaking" | "addressing")
            || (p.ends_with("ing")
                && p.len() > 5
                && !lexicon::is_speech_participle(&p)
                && !matches!(
                    p.as_str(),
                    "referring" | "responding" | "pointing" | "according"
                )
                && PREPOSITIONS.contains(&second.text.to_lowercase().as_str()));
        if placed && toks.len() <= 12 {
            return Some(rest.to_string());
        }
    }
    None
}

/// `Interior Minister Ola Brandt, speaking at a news conference,`, `In an interview with the
/// Vell Herald, Brandt`: the circumstance set off by commas in a speaker's phrase.
/// `said Ana Pell, the mayor, at a news conference`: the occasion that closes an attribution
/// whose verb comes first, after the speaker and their role.
fn occasion_last(rest: &str) -> Option<String> {
    let (_, last) = rest.rsplit_once(',')?;
    let last = last.trim();
    let lower = last.to_lowercase();
    ((lower.starts_with("at a ") || lower.starts_with("at an ")) && words(last).len() <= 8)
        .then(|| last.to_string())
}

fn circumstance(phrase: &str) -> Option<String> {
    const OPENINGS: &[&str] = &[
        "speaking ",
        "addressing ",
        "writing ",
        "in an interview",
        "in a letter",
        "in a speech",
        "in a post",
        "in a video",
        "in a televised",
        "in a statement",
    ];
    phrase
        .split(',')
        .map(str::trim)
        .find(|p| {
            let lower = p.to_lowercase();
            OPENINGS.iter().any(|o| lower.starts_with(o)) && words(p).len() <= 12
        })
        .map(str::to_string)
}

/// The context with where the words were said added to it.
fn with_place(context: Option<String>, clause: &str) -> Option<String> {
    match (context, speaking_place(clause)) {
        (Some(c), Some(p)) => Some(format!("{c}, {p}")),
        (None, Some(p)) => Some(p),
        (c, None) => c,
    }
}

/// An attribution found for a quotation.
struct Attribution {
    resolved: Resolved,
    context: Option<String>,
    said: Option<Date>,
    /// Where the attribution after the quotation ends (for split quotes).
    ends_at: Option<usize>,
}

/// `the Basra Harbour Company.` → without the final full stop (but `U.N.` keeps its own).
fn strip_full_stop(text: &str) -> &str {
    match text.strip_suffix('.') {
        Some(stem) if !stem.ends_with(|c: char| c.is_uppercase()) || stem.len() < 2 => stem,
        _ => text,
    }
}

/// The words `is_verb` accepts among the first `limit` words, in order, skipping relative
/// clauses: up to their closing comma (`The source, who asked not to be named, said`), or,
/// when none closes them, only their own first word (`a union organiser who did not want to
/// be named said`).
fn verbs(toks: &[Token], text: &str, is_verb: impl Fn(&str) -> bool, limit: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut skip_until: Option<usize> = None;
    let mut i = 0;
    // Words inside a relative clause do not count towards the limit: `Ana Sorel, who had
    // argued for the government at every hearing since March, said ...`.
    let mut counted = 0;
    while i < toks.len() && counted < limit {
        let t = &toks[i];
        let lower = t.text.to_lowercase();
        if let Some(until) = skip_until {
            if t.start < until {
                i += 1;
                continue;
            }
            skip_until = None;
        }
        counted += 1;
        // (`The World Health Organization (WHO) said`: an acronym is no `who`.)
        let lowercase = t.text.chars().next().is_some_and(char::is_lowercase);
        if lowercase && lexicon::is_relative_start(&lower) && i > 0 {
            skip_until = Some(match text[t.end..].find(',') {
                Some(comma) => t.end + comma,
                None => toks.get(i + 1).map_or(t.end, |n| n.end),
            });
            i += 1;
            continue;
        }
        if t.text.chars().next().is_some_and(char::is_lowercase) && is_verb(&lower) {
            out.push(i);
        }
        i += 1;
    }
    out
}

fn first_verb(
    toks: &[Token],
    text: &str,
    is_verb: impl Fn(&str) -> bool,
    limit: usize,
) -> Option<usize> {
    verbs(toks, text, is_verb, limit).first().copied()
}

/// Auxiliaries and other words that show a clause has its verb.
const AUXILIARIES: &[&str] = &[
    "had", "has", "have", "was", "were", "is", "are", "would", "will", "could", "can", "did",
    "should", "might", "must", "may",
];

/// Words that open a reported clause without `that`: `said the outbreak began`.
const CLAUSE_OPENERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "about", "there", "it", "no", "some",
    "all", "only", "more", "most", "several", "many", "this", "these", "those",
];

/// Whether a reported clause starts at word `i`: an opener, a pronoun, a name or a number,
/// or a verb among its first six words (`police had been told`, `clinics in rural districts
/// were`).
fn opens_clause(toks: &[Token], i: usize) -> bool {
    let Some(first) = toks.get(i) else {
        return false;
    };
    let lower = first.text.to_lowercase();
    lexicon::pronoun(&lower).is_some()
        || CLAUSE_OPENERS.contains(&lower.as_str())
        || first
            .text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        || toks[i + 1..]
            .iter()
            .take(5)
            .any(|t| AUXILIARIES.contains(&t.text.to_lowercase().as_str()))
        // `said repair crews expected to ...`: a verb in the past after a plural subject.
        || toks[i + 1..].iter().take(2).any(|t| {
            let w = t.text;
            w.len() > 5 && w.ends_with("ed") && w.chars().all(char::is_lowercase)
        }) && toks.get(i + 1).is_some_and(|t| t.text.ends_with('s'))
}

/// Where the reported clause starts after the verb at `verb`: after `that` (with an object
/// or an adverbial before it, but no comma: `told lawmakers, in a move that` is no report),
/// or right after the verb or its one-word object (`said the outbreak began`, `told reporters
/// the ship had been ...`).
fn reported_clause(toks: &[Token], text: &str, verb: usize) -> Option<usize> {
    let v = toks[verb].text.to_lowercase();
    let told = v == "told" || v == "tells";
    let next = toks.get(verb + 1)?.text.to_lowercase();
    if let Some(that) = toks[verb + 1..]
        .iter()
        .take(9)
        .position(|t| t.text == "that")
        .map(|p| verb + 1 + p)
    {
        let between = &text[toks[verb].end..toks[that].start];
        // `cautioned, however, that`: one adverb set off by commas.
        let aside = between.trim().strip_prefix(',').is_some_and(|b| {
            let b = b.trim().trim_end_matches(',').trim_end();
            !b.is_empty() && b.chars().all(char::is_lowercase) && between.trim().ends_with(',')
        });
        if (aside || !between.contains([',', ';', ':']))
            && (that == verb + 1 || told || aside || ADVERBIAL_STARTS.contains(&next.as_str()))
        {
            return (that + 1 < toks.len()).then_some(that + 1);
        }
    }
    if ADVERBIAL_STARTS.contains(&next.as_str()) {
        // `said on Monday it had agreed`: the clause starts after the day.
        let after_day = match next.as_str() {
            "on" if toks
                .get(verb + 2)
                .is_some_and(|t| lexicon::weekday(t.text).is_some()) =>
            {
                let part_of_day = toks.get(verb + 3).is_some_and(|t| {
                    matches!(
                        t.text.to_lowercase().as_str(),
                        "morning" | "afternoon" | "evening" | "night"
                    )
                });
                verb + 3 + usize::from(part_of_day)
            }
            "yesterday" | "today" => verb + 2,
            "last" => verb + 3,
            // `said in a statement it had ...`: a pronoun opens the clause after the phrase.
            "in" | "at"
                if toks
                    .get(verb + 2)
                    .is_some_and(|t| matches!(t.text.to_lowercase().as_str(), "a" | "an")) =>
            {
                let pronoun = (verb + 3..toks.len().min(verb + 6))
                    .find(|&i| matches!(toks[i].text, "it" | "he" | "she" | "they" | "we"))?;
                let phrase_ok = toks[verb + 3..pronoun]
                    .iter()
                    .all(|t| t.text.chars().all(char::is_lowercase));
                if !phrase_ok {
                    return None;
                }
                pronoun
            }
            _ => return None,
        };
        let gap = text[toks[verb].end..toks.get(after_day)?.start].contains([',', ';', ':']);
        return (!gap && opens_clause(toks, after_day)).then_some(after_day);
    }
    let start = if told {
        let object = told_object(toks, verb)?;
        // After an object of more than one word or a name (`told the court`, `told Dijla
        // Post`), the clause must show its own start: a pronoun or an opener, and a verb soon
        // after.
        let named = toks[verb + 1]
            .text
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if object > verb + 2 || named {
            let first = toks.get(object)?.text.to_lowercase();
            let plain_start =
                lexicon::pronoun(&first).is_some() || CLAUSE_OPENERS.contains(&first.as_str());
            let has_verb = toks[object..]
                .iter()
                .take(6)
                .any(|t| AUXILIARIES.contains(&t.text.to_lowercase().as_str()));
            if !(plain_start && has_verb) {
                return None;
            }
        }
        object
    } else {
        verb + 1
    };
    let gap = text[toks[verb].end..toks.get(start)?.start].contains([',', ';', ':']);
    // `declared a state of emergency`, `warned the gallery to stay silent`: after a verb
    // that also takes a plain object, a clause without `that` must show its own verb.
    let plain_object = !matches!(
        v.as_str(),
        "said" | "says" | "saying" | "told" | "tells" | "added"
    );
    let own_verb = toks[start..]
        .iter()
        .take(6)
        .any(|t| AUXILIARIES.contains(&t.text.to_lowercase().as_str()));
    (!gap && opens_clause(toks, start) && (!plain_object || own_verb)).then_some(start)
}

/// Where the words after `told` start, past its object: one lower-case word (`told
/// reporters`), `the` and one lower-case word (`told the court`), or a run of capitalised
/// words with or without `the` (`told Dijla Post`, `told the Harbour Times`).
fn told_object(toks: &[Token], verb: usize) -> Option<usize> {
    let capitalised = |t: &Token| {
        t.text.chars().next().is_some_and(char::is_uppercase) && lexicon::weekday(t.text).is_none()
    };
    let lower = |i: usize| toks.get(i).map(|t| t.text.to_lowercase());
    let next = toks.get(verb + 1)?;
    let mut at = verb + 1;
    if lower(at).as_deref() == Some("the") {
        at += 1;
        let word = toks.get(at)?;
        if !capitalised(word) {
            return Some(at + 1);
        }
    } else if !capitalised(next) {
        return (!CLAUSE_OPENERS.contains(&lower(at)?.as_str())).then_some(at + 1);
    }
    let run = toks[at..].iter().take_while(|t| capitalised(t)).count();
    (run > 0 && run <= 4).then_some(at + run)
}

/// `told Shafaq News`, `said in a statement`: the verb and the words after it up to a comma,
/// a colon, `that`, or `until` (a byte offset in `text`); None for a bare `said`.
fn context_after(text: &str, verb: &Token, until: Option<usize>) -> Option<String> {
    let end = until.unwrap_or(text.len()).min(text.len());
    let rest = &text[verb.end..end.max(verb.end)];
    let mut phrase = verb.text.to_string();
    let mut count = 0;
    for t in tokens(rest) {
        if !t.word {
            if matches!(t.text, "," | ":" | ";" | "“" | "\"" | "." | "—" | "–") {
                break;
            }
            continue;
        }
        let lower = t.text.to_lowercase();
        if lower == "that" {
            break;
        }
        // `told reporters on Tuesday`: the day is the quote's own field, not its context.
        if lexicon::weekday(t.text).is_some()
            || matches!(
                lower.as_str(),
                "yesterday" | "today" | "tonight" | "earlier"
            )
            || (lower == "on"
                && rest[t.end..]
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| lexicon::weekday(w.trim_end_matches([',', '.'])).is_some()))
        {
            break;
        }
        if [
            "is", "was", "were", "are", "had", "has", "have", "would", "will", "could",
        ]
        .contains(&lower.as_str())
        {
            return None;
        }
        count += 1;
        if count > 8 {
            return None;
        }
        phrase.push(' ');
        phrase.push_str(t.text);
    }
    if count == 0 && PLAIN_VERBS.contains(&verb.text.to_lowercase().as_str()) {
        return None;
    }
    Some(phrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Run {
        registry: Registry,
        quotes: Vec<FoundQuote>,
    }

    impl Run {
        fn speaker(&self, i: usize) -> &str {
            &self.registry.actors[self.quotes[i].speaker].name
        }
    }

    fn read(paragraphs: &[&str]) -> Run {
        let article = Date::new(2024, 9, 18).unwrap();
        let mut registry = Registry::new();
        for p in paragraphs {
            registry.learn_organizations(p);
        }
        let mut quotes = Vec::new();
        let mut sentence = 0;
        for (pi, text) in paragraphs.iter().enumerate() {
            let para = Paragraph::new(text);
            let mut consumed = vec![false; para.segments.len()];
            for si in 0..para.sentences.len() {
                let place = Place {
                    paragraph: pi,
                    sentence,
                };
                let range = para.sentences[si].clone();
                registry.learn_people(&para.text[range.clone()]);
                let next = paragraphs.get(pi + 1).map(|t| Paragraph::new(t));
                let previous = pi
                    .checked_sub(1)
                    .and_then(|i| paragraphs.get(i))
                    .map(|t| Paragraph::new(t));
                let neighbours = Neighbours {
                    previous: previous.as_ref(),
                    next: next.as_ref(),
                };
                let found = in_sentence(
                    &para,
                    neighbours,
                    si,
                    place,
                    article,
                    &mut registry,
                    &mut consumed,
                );
                let narrative = para.narrative(&range);
                let subject = found
                    .subject
                    .or_else(|| registry.sentence_subject(&narrative, place));
                match subject {
                    Some(s) => registry.set_subject(place, s),
                    None => registry.note_unknown_subject(&narrative, place),
                }
                quotes.extend(found.quotes);
                sentence += 1;
            }
        }
        Run { registry, quotes }
    }

    #[test]
    fn told_outlet_comma_quote() {
        let r = read(&[
            "Coalition member Rasul Radi told Shafaq News, “Qaani visited Baghdad. He left.”",
        ]);
        assert_eq!(r.quotes.len(), 1);
        assert_eq!(r.speaker(0), "Rasul Radi");
        assert_eq!(r.quotes[0].text, "Qaani visited Baghdad. He left.");
        assert_eq!(r.quotes[0].context.as_deref(), Some("told Shafaq News"));
    }

    #[test]
    fn surname_added_that() {
        let r = read(&[
            "Coalition member Rasul Radi told Shafaq News, “Qaani visited Baghdad.”",
            "Radi added that “Qaani held private meetings with factions.”",
        ]);
        assert_eq!(r.quotes.len(), 2);
        assert_eq!(r.speaker(1), "Rasul Radi");
        assert!(!r.quotes[1].unsure);
    }

    #[test]
    fn anonymous_source_then_the_source_added() {
        let r = read(&[
            "On Tuesday, a well-informed political source told Shafaq News that Qaani arrived in Baghdad and began meetings.",
            "“The commander met with political and faction leaders, among others,” the source added.",
        ]);
        assert_eq!(r.quotes.len(), 2);
        assert_eq!(r.quotes[0].mode, QuoteMode::Indirect);
        assert_eq!(
            r.quotes[0].text,
            "Qaani arrived in Baghdad and began meetings."
        );
        assert_eq!(r.quotes[0].said, Date::new(2024, 9, 17));
        assert_eq!(r.speaker(1), "Well-informed political source");
        assert_eq!(
            r.quotes[1].text,
            "The commander met with political and faction leaders, among others"
        );
        let source = &r.registry.actors[r.quotes[1].speaker];
        assert!(source.anonymous);
        assert_eq!(source.kind, ActorKind::Person);
    }

    #[test]
    fn split_quotes_are_joined() {
        let r = read(&[
            "Interior Minister Talia Renn spoke on Tuesday.",
            "\"Rationing will be fair, and it will be temporary,\" she added. \"Hospitals will keep their supply.\"",
        ]);
        assert_eq!(r.quotes.len(), 1);
        assert_eq!(r.speaker(0), "Talia Renn");
        assert_eq!(
            r.quotes[0].text,
            "Rationing will be fair, and it will be temporary. Hospitals will keep their supply."
        );
        assert!(r.quotes[0].joined);
        let r = read(&[
            "Trade Minister Joren Alcott said the talks would resume in September. “We are closer than in March,” he said, “and much closer than last year.”",
        ]);
        let direct: Vec<_> = r
            .quotes
            .iter()
            .filter(|q| q.mode == QuoteMode::Direct)
            .collect();
        assert_eq!(
            direct[0].text,
            "We are closer than in March and much closer than last year."
        );
        assert_eq!(r.registry.actors[direct[0].speaker].name, "Joren Alcott");
    }

    #[test]
    fn verb_first_with_apposition_and_question() {
        let r = read(&[
            "\"We are tired of promises,\" said Ferro Albin, head of the Isolde Dockworkers' Union. \"The company signed nothing.\"",
            "\"Who will pay for the ships?\" Albin asked. \"Not the workers.\"",
        ]);
        assert_eq!(r.quotes.len(), 2);
        assert_eq!(r.speaker(0), "Ferro Albin");
        assert_eq!(
            r.quotes[0].text,
            "We are tired of promises. The company signed nothing."
        );
        assert_eq!(r.speaker(1), "Ferro Albin");
        assert_eq!(
            r.quotes[1].text,
            "Who will pay for the ships? Not the workers."
        );
        let albin = &r.registry.actors[r.quotes[0].speaker];
        assert_eq!(
            albin.role().as_deref(),
            Some("head of the Isolde Dockworkers' Union")
        );
    }

    #[test]
    fn two_speakers_are_not_joined() {
        let r =
            read(&["“We will win,” Mara Ketteridge said. “You will not,” Osric Vallance replied."]);
        assert_eq!(r.quotes.len(), 2);
        assert_eq!(r.speaker(0), "Mara Ketteridge");
        assert_eq!(r.speaker(1), "Osric Vallance");
    }

    #[test]
    fn according_to_and_partial_quotes() {
        let r = read(&[
            "According to Nadia Ferrant, a political scientist at Oskavia State University, “The president is preparing.”",
            "Speaker of Parliament Ilan Voss called on both sides to “lower their voices” before the run-off.",
        ]);
        assert_eq!(r.speaker(0), "Nadia Ferrant");
        assert_eq!(r.speaker(1), "Ilan Voss");
        assert_eq!(r.quotes[1].text, "lower their voices");
    }

    #[test]
    fn unattributed_quotes_are_left_out() {
        let r = read(&[
            "The minister ran the so-called “quiet streets” programme. “Nobody knows who said this.”",
        ]);
        assert!(r.quotes.is_empty());
        let r = read(&["It is “a lovely day” for it."]);
        assert!(r.quotes.is_empty());
    }

    #[test]
    fn a_quote_paragraph_continues_the_last_speaker_unsure() {
        let r = read(&[
            "Dr. Senna Okoro, chief medical officer of Tarvan Province, said the lessons had not been learned.",
            "“We wrote a report in 2020. The wells were never dug.”",
        ]);
        assert_eq!(r.quotes.len(), 2);
        assert_eq!(r.speaker(1), "Senna Okoro");
        assert!(r.quotes[1].unsure);
    }

    #[test]
    fn pronoun_speakers() {
        let r = read(&[
            "A nurse at the Brell clinic described scenes of chaos. “We had forty patients and eleven beds,” she said.",
        ]);
        assert_eq!(r.quotes.len(), 1);
        assert_eq!(r.speaker(0), "Nurse at the Brell clinic");
    }

    #[test]
    fn they_is_never_guessed() {
        let r = read(&["The farmers marched. “We will be back,” they said."]);
        assert!(r.quotes.is_empty());
    }

    #[test]
    fn indirect_forms() {
        let r = read(&[
            "Transport Minister Hedda Strand told parliament that the government was ready to mediate.",
            "She said she had spoken to both sides over the weekend.",
            "Judge Amsel Korhonen issued the warrant after Stanek failed to appear, according to a judicial source.",
            "According to Judge Korhonen, the warrant was issued without a hearing.",
            "Coast guard commander Rafe Olander told reporters the ship had been overloaded.",
            "He said investigators had recovered the recorder.",
            "Finance Minister Petra Lunden told lawmakers on Tuesday, in a move that the union vowed to fight.",
        ]);
        assert_eq!(r.quotes.len(), 6, "{:#?}", r.quotes);
        assert_eq!(r.speaker(3), "Amsel Korhonen");
        assert_eq!(
            r.quotes[3].text,
            "The warrant was issued without a hearing."
        );
        assert_eq!(r.quotes[4].text, "The ship had been overloaded.");
        assert_eq!(r.speaker(5), "Rafe Olander");
        assert!(r.quotes.iter().all(|q| q.mode == QuoteMode::Indirect));
        assert_eq!(r.quotes[0].text, "The government was ready to mediate.");
        assert_eq!(r.quotes[0].context.as_deref(), Some("told parliament"));
        assert_eq!(r.speaker(1), "Hedda Strand");
        assert_eq!(r.speaker(2), "Judicial source");
    }

    #[test]
    fn single_quotation_marks_but_not_apostrophes() {
        let r = read(&[
            "'We cannot hold a vote,' the chairwoman, Ines Marlow, told reporters. 'A delay is bad.'",
            "Asa'ib Ahl al-Haq and Kurdistan's government stayed silent about the '80s, Marlow said.",
            "Marlow said the ballots were ‘lost on purpose’ and called for an inquiry.",
        ]);
        let direct: Vec<_> = r
            .quotes
            .iter()
            .filter(|q| q.mode == QuoteMode::Direct)
            .collect();
        assert_eq!(direct.len(), 2, "{:#?}", r.quotes);
        assert_eq!(direct[0].text, "We cannot hold a vote. A delay is bad.");
        assert_eq!(r.registry.actors[direct[0].speaker].name, "Ines Marlow");
        assert_eq!(direct[1].text, "lost on purpose");
    }

    #[test]
    fn a_quotation_over_two_paragraphs() {
        let paragraphs = crate::import::sentences::join_continued_quotes(vec![
            "The officer, Commander Petra Vell, said: “We have questioned the staff.".to_string(),
            "“Nobody has been charged.”".to_string(),
        ]);
        assert_eq!(paragraphs.len(), 1);
        let texts: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        let r = read(&texts);
        assert_eq!(r.quotes.len(), 1);
        assert_eq!(
            r.quotes[0].text,
            "We have questioned the staff. Nobody has been charged."
        );
        assert_eq!(r.speaker(0), "Petra Vell");
    }

    #[test]
    fn a_plural_possessive_inside_a_quotation_over_two_paragraphs() {
        let paragraphs = crate::import::sentences::join_continued_quotes(vec![
            "Union leader Pat Breslin spoke. ‘We have waited a year,’ Breslin told the Courier. ‘Our drivers’ wages have fallen.".to_string(),
            "‘If the owners want lorries, they know where we are.’".to_string(),
        ]);
        assert_eq!(paragraphs.len(), 1);
        let texts: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        let r = read(&texts);
        assert_eq!(r.quotes.len(), 1, "{:#?}", r.quotes);
        assert_eq!(
            r.quotes[0].text,
            "We have waited a year. Our drivers’ wages have fallen. If the owners want lorries, they know where we are."
        );
        assert_eq!(r.speaker(0), "Pat Breslin");
    }

    #[test]
    fn surnames_with_connectors() {
        let r = read(&[
            "Judge Maria van der Berg heard the case. \"The law is clear,\" van der Berg told the court. \"This appeal fails.\"",
            "“This is a good day,” Kelvar’s chief executive, Jonas de la Cruz, said on a call. “We will grow.”",
            "Dora de Wit, head of the Tram Workers Union, said she feared the depot would close. “We have heard this before,” she said.",
        ]);
        assert_eq!(r.quotes.len(), 4, "{:#?}", r.quotes);
        assert_eq!(r.speaker(0), "Maria van der Berg");
        assert_eq!(r.quotes[0].text, "The law is clear. This appeal fails.");
        assert_eq!(r.speaker(1), "Jonas de la Cruz");
        assert_eq!(r.speaker(2), "Dora de Wit");
        assert_eq!(r.speaker(3), "Dora de Wit");
        // `De Wit` opening a sentence is the known surname, not a new person.
        let r = read(&[
            "Judge Anna de Wit read the ruling.",
            "De Wit said the law had “no purpose at all”.",
        ]);
        assert_eq!(r.quotes.len(), 2, "{:#?}", r.quotes);
        assert_eq!(r.speaker(0), "Anna de Wit");
        assert_eq!(r.registry.actors.len(), 1);
    }

    #[test]
    fn one_word_and_second_partial_quotes_in_a_reported_clause() {
        let r = read(&[
            "Brantley Mills said in a statement that its board considered the offer “generous” and would accept it.",
            "The Harbour Workers Union said its offer was ‘too small’ and that the closure was ‘against the rules’.",
            "The “reform” failed.",
            "Ana Sorel said the plan was “dead” but Ivo Brask called it “a start”.",
        ]);
        let direct: Vec<(&str, &str)> = r
            .quotes
            .iter()
            .filter(|q| q.mode == QuoteMode::Direct)
            .map(|q| (q.text.as_str(), r.registry.actors[q.speaker].name.as_str()))
            .collect();
        assert_eq!(
            direct,
            vec![
                ("generous", "Brantley Mills"),
                ("too small", "Harbour Workers Union"),
                ("against the rules", "Harbour Workers Union"),
                ("dead", "Ana Sorel"),
                ("a start", "Ivo Brask"),
            ]
        );
    }

    #[test]
    fn organisations_named_with_an_acronym_a_day_or_a_number() {
        let r = read(&[
            "The Joint Border Command (JBC) said in a statement that troops had \"regained control\" of the area.",
            "Dalmore’s main party, the Union for Renewal and Justice (URJ), on Tuesday rejected the count, saying its observers had seen “serious fraud” there.",
            "The Coastal Farmers Alliance, which has 4,000 members, said it had seen “serious damage” but no losses.",
        ]);
        let direct: Vec<(&str, &str)> = r
            .quotes
            .iter()
            .filter(|q| q.mode == QuoteMode::Direct)
            .map(|q| (q.text.as_str(), r.registry.actors[q.speaker].name.as_str()))
            .collect();
        assert_eq!(
            direct,
            vec![
                ("regained control", "Joint Border Command"),
                ("serious fraud", "Union for Renewal and Justice"),
                ("serious damage", "Coastal Farmers Alliance"),
            ]
        );
    }

    #[test]
    fn a_role_with_an_acronym_after_a_name() {
        let r = read(&[
            "Dora Lind, president of the Food Workers Union (FWU), said she feared that the plants would close.",
        ]);
        assert_eq!(r.quotes.len(), 1, "{:#?}", r.quotes);
        assert_eq!(r.speaker(0), "Dora Lind");
    }

    #[test]
    fn a_role_named_in_the_next_sentence() {
        let r = read(&[
            "“We were cheated at every step,” said the movement’s deputy leader. The deputy leader, Tomas Ekwe, who ran the campaign, added that the count had been rigged.",
            "“This is a fraud,” said the party’s treasurer. The count went on.",
        ]);
        assert_eq!(r.quotes.len(), 2, "{:#?}", r.quotes);
        assert_eq!(r.quotes[0].text, "We were cheated at every step");
        assert_eq!(r.speaker(0), "Tomas Ekwe");
        assert!(!r.quotes[0].unsure);
        // The indirect quote of the next sentence; the treasurer, never named, is left out.
        assert_eq!(r.speaker(1), "Tomas Ekwe");
        assert_eq!(r.quotes[1].mode, QuoteMode::Indirect);
    }

    #[test]
    fn a_quotation_paragraph_whose_next_paragraph_names_the_speaker() {
        let r = read(&[
            "Tomas Ekwe said the count had been rigged in the east.",
            "“The numbers are wrong. Turnout was 130 percent.”",
            "That was the view of Petra Lind, an auditor for the party, who spoke on Tuesday.",
            "“Nobody will accept it.”",
            "That is the question now facing the commission.",
        ]);
        let direct: Vec<_> = r
            .quotes
            .iter()
            .filter(|q| q.mode == QuoteMode::Direct)
            .collect();
        // The second quotation is nobody's: the sentence after points back without a name.
        assert_eq!(direct.len(), 1, "{:#?}", r.quotes);
        assert_eq!(
            direct[0].text,
            "The numbers are wrong. Turnout was 130 percent."
        );
        assert_eq!(r.registry.actors[direct[0].speaker].name, "Petra Lind");
    }

    #[test]
    fn abbreviated_titles_family_names_first_and_possessives() {
        let r = read(&[
            "Gov. Mira Lund declared an emergency. “Stay indoors,” Lund said.",
            "Lim Wei Han, a contractor, is the main witness against Mr Osk. Lim said the cash was paid in a car park every Friday.",
            "Later, Mr Osk's lawyer, Senior Counsel Dana Ree, put it to Lim that he lied. “You kept the money,” she said.",
        ]);
        let speakers: Vec<&str> = (0..r.quotes.len()).map(|i| r.speaker(i)).collect();
        assert_eq!(
            speakers,
            vec!["Mira Lund", "Lim Wei Han", "Dana Ree"],
            "{:#?}",
            r.quotes
        );
    }

    #[test]
    fn quoted_as_saying_and_long_organisation_names() {
        let r = read(&[
            "State radio quoted Maj. Gen. Ivo Brask, the army's chief of staff, as saying Osk had been \"held for his safety\" after the threats.",
            "The Ministry of Fisheries and Forests said the catch had fallen and that it was \"certain to fall further\".",
            "The Northern Council for Civil Liberties, a monitoring group, said in a statement that it was \"deeply alarmed\" by the arrest.",
        ]);
        let direct: Vec<(&str, &str)> = r
            .quotes
            .iter()
            .filter(|q| q.mode == QuoteMode::Direct)
            .map(|q| (q.text.as_str(), r.registry.actors[q.speaker].name.as_str()))
            .collect();
        assert_eq!(
            direct,
            vec![
                ("held for his safety", "Ivo Brask"),
                (
                    "certain to fall further",
                    "Ministry of Fisheries and Forests"
                ),
                ("deeply alarmed", "Northern Council for Civil Liberties"),
            ]
        );
    }

    #[test]
    fn an_embedded_post() {
        let text =
            embedded_post("We stand with you tonight. — Ana Sorel (@AnaSorel) February 17, 2026")
                .unwrap();
        let r = read(&["President Ana Sorel spoke on Tuesday.", &text]);
        assert_eq!(r.quotes.len(), 1, "{:#?}", r.quotes);
        assert_eq!(r.quotes[0].text, "We stand with you tonight.");
        assert_eq!(r.speaker(0), "Ana Sorel");
        // No handle, or a body already quoted: not a post.
        assert_eq!(embedded_post("Prices rose. — Ana Sorel, February 17"), None);
        assert_eq!(embedded_post("“Yes.” — Ana Sorel (@AnaSorel)"), None);
    }

    #[test]
    fn an_organisation_by_the_first_word_of_its_name_unsure() {
        let r = read(&[
            "Kelvar Motors, the country's last carmaker, will cut 900 jobs.",
            "In a press release, Kelvar said rising costs had left it \"no other choice\".",
            "Orrin said the plan was \"a disgrace\".",
        ]);
        let direct: Vec<_> = r
            .quotes
            .iter()
            .filter(|q| q.mode == QuoteMode::Direct)
            .collect();
        // `Orrin`, named nowhere else, speaks for no one.
        assert_eq!(direct.len(), 1, "{:#?}", r.quotes);
        assert_eq!(direct[0].text, "no other choice");
        assert_eq!(r.registry.actors[direct[0].speaker].name, "Kelvar Motors");
        assert!(direct[0].unsure);
    }

    #[test]
    fn present_tense_and_less_common_verbs_of_speech() {
        let r = read(&[
            "Ana Sorel, a driver, ran the depot for twenty years. “We were a family,” she recalls.",
            "“Not today,” joked Ivo Brask, the depot's manager.",
            "Mira Holt wrote to the council, telling it: “The depot must stay open.”",
        ]);
        let speakers: Vec<&str> = (0..r.quotes.len()).map(|i| r.speaker(i)).collect();
        assert_eq!(
            speakers,
            vec!["Ana Sorel", "Ivo Brask", "Mira Holt"],
            "{:#?}",
            r.quotes
        );
    }

    #[test]
    fn roles_after_a_name_are_not_speakers() {
        let r = read(&[
            "\"I cannot wait for diplomats,\" said Oleg Sarin, a wheat farmer from the Orsk plain.",
            "Goran Pavic, an engineer with the Civil Engineers' Guild, said the bridge was unsafe for years.",
        ]);
        assert_eq!(r.speaker(0), "Oleg Sarin");
        assert_eq!(r.speaker(1), "Goran Pavic");
        let sarin = &r.registry.actors[r.quotes[0].speaker];
        assert_eq!(
            sarin.role().as_deref(),
            Some("wheat farmer from the Orsk plain")
        );
        assert!(!sarin.anonymous);
    }

    #[test]
    fn a_speaker_introduced_by_title_then_named() {
        let r = read(&[
            "A ministry adviser said the delay was caused by a dispute over the budget.",
            "The adviser, Dr Nadia Kareem, said: “The money exists.”",
        ]);
        assert_eq!(r.quotes.len(), 2);
        let adviser = r.registry.canonical(r.quotes[0].speaker);
        let kareem = r.registry.canonical(r.quotes[1].speaker);
        assert_eq!(adviser, kareem);
        assert_eq!(r.registry.actors[kareem].name, "Nadia Kareem");
    }

    #[test]
    fn indirect_sentences_with_partial_quotes() {
        let r = read(&[
            "Shopkeeper Ivo Brask said the council had ignored the traders and called the plan “a slow death”.",
            "Mira Holt told the Vell Gazette that the market had left “without a word”.",
            "Ana Sorel added that “the market will reopen.”",
        ]);
        let indirect: Vec<_> = r
            .quotes
            .iter()
            .filter(|q| q.mode == QuoteMode::Indirect)
            .collect();
        assert_eq!(indirect.len(), 2, "{:#?}", r.quotes);
        assert!(
            indirect[0]
                .text
                .starts_with("The council had ignored the traders")
        );
        assert_eq!(r.registry.actors[indirect[0].speaker].name, "Ivo Brask");
        assert!(indirect[1].text.starts_with("The market had left"));
        // `X added that "..."` says nothing of its own before its quotation: direct only.
        assert_eq!(r.quotes.len(), 5);
    }

    #[test]
    fn a_verb_that_shares_the_sentence_s_subject() {
        let r = read(&[
            "Health Minister Oda Varn met the nurses on Monday and said the wards would reopen soon.",
            "Opposition leader Tomas Brel blamed the government, saying it had cut the budget “to the bone”.",
            "Rescuers pulled Ilan Reyes from the water and said the river was still rising.",
        ]);
        assert_eq!(r.quotes.len(), 3, "{:#?}", r.quotes);
        assert_eq!(r.speaker(0), "Oda Varn");
        assert_eq!(r.quotes[0].text, "The wards would reopen soon.");
        assert_eq!(r.speaker(1), "Tomas Brel");
        assert_eq!(r.quotes[1].text, "to the bone");
        // What follows `saying` is reported too.
        assert_eq!(r.speaker(2), "Tomas Brel");
        assert_eq!(r.quotes[2].text, "It had cut the budget “to the bone”.");
    }

    #[test]
    fn a_quotation_after_a_colon_and_circumstances() {
        let r = read(&[
            "Judge Amra Venn heard the case on Monday.",
            "The judge was blunt about the evidence: “Nothing was proved.”",
            "Interior Minister Ola Brisk, speaking at a news conference, said: “The border stays shut.”",
            "“We need money,” Brisk told parliament on Tuesday, adding that the police were “stretched thin”.",
            "Brisk later said on state radio that “nothing has changed”.",
            "Brisk, in a letter to the president, wrote: “I will stay.”",
        ]);
        let texts: Vec<(&str, &str)> = r
            .quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.mode == QuoteMode::Direct)
            .map(|(i, q)| (r.speaker(i), q.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            vec![
                ("Amra Venn", "Nothing was proved."),
                ("Ola Brisk", "The border stays shut."),
                // Not joined across `adding that the police were`.
                ("Ola Brisk", "We need money"),
                ("Ola Brisk", "stretched thin"),
                ("Ola Brisk", "nothing has changed"),
                ("Ola Brisk", "I will stay."),
            ]
        );
        let direct: Vec<&FoundQuote> = r
            .quotes
            .iter()
            .filter(|q| q.mode == QuoteMode::Direct)
            .collect();
        assert_eq!(
            direct[1].context.as_deref(),
            Some("speaking at a news conference")
        );
        assert_eq!(
            direct[5].context.as_deref(),
            Some("wrote, in a letter to the president")
        );
    }

    #[test]
    fn one_name_said_of_adding_and_quotations_in_a_row() {
        let r = read(&[
            "“The river came in the night,” said Hamid, who gave only his first name.",
            "Relief coordinator Sana Idris said the camps were “full beyond capacity”, adding: “We need tents now.”",
            "Mayor Ilan Dovrin said: “The dam held.” “The town did not.”",
            "“Ilan Dovrin lied,” said Tarek, adding: “Ask anyone.”",
        ]);
        let said: Vec<(&str, &str)> = r
            .quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.mode == QuoteMode::Direct)
            .map(|(i, q)| (r.speaker(i), q.text.as_str()))
            .collect();
        assert_eq!(said[0], ("Hamid", "The river came in the night"));
        assert_eq!(said[1], ("Sana Idris", "full beyond capacity"));
        assert_eq!(said[2], ("Sana Idris", "We need tents now."));
        assert_eq!(said[3], ("Ilan Dovrin", "The dam held. The town did not."));
        // A name inside a quotation is never the subject of `adding`.
        assert!(
            !said
                .iter()
                .any(|(who, text)| *who == "Ilan Dovrin" && *text == "Ask anyone."),
            "{said:?}"
        );
    }

    #[test]
    fn according_to_a_statement_from_its_issuer() {
        let r = read(&[
            "The Vell Health Ministry opened two clinics.",
            "“Cases are falling,” according to a statement from the ministry.",
            "According to a report by the Vell Health Ministry, the clinics were full all week.",
        ]);
        assert_eq!(r.quotes.len(), 2, "{:#?}", r.quotes);
        assert_eq!(r.speaker(0), "Vell Health Ministry");
        assert_eq!(r.speaker(1), "Vell Health Ministry");
        assert_eq!(issuer("the ministry"), "the ministry");
    }

    #[test]
    fn joining_rules() {
        assert_eq!(join("Fair,", "Temporary."), "Fair. Temporary.");
        assert_eq!(join("Closer,", "and closer."), "Closer and closer.");
        assert_eq!(join("Who pays?", "Not us."), "Who pays? Not us.");
    }

    #[test]
    fn bare_name_introduction_then_she() {
        let r = read(&[
            "Mira Talvenko ran the night shelter on the east bank for six years.",
            "“We had nowhere to send them,” she said.",
        ]);
        assert_eq!(r.quotes.len(), 1);
        assert_eq!(r.speaker(0), "Mira Talvenko");
    }

    #[test]
    fn bare_name_introduction_then_surname() {
        let r = read(&[
            "Oskar Brenholt drove the first lorry across the bridge on Monday.",
            "“The road held,” Brenholt said.",
        ]);
        assert_eq!(r.quotes.len(), 1);
        assert_eq!(r.speaker(0), "Oskar Brenholt");
    }

    #[test]
    fn context_speaking_outside() {
        let r = read(&[
            "“We will not go back,” said union leader Piet Carrow, speaking outside the factory gates.",
        ]);
        assert_eq!(r.quotes.len(), 1);
        assert_eq!(r.speaker(0), "Piet Carrow");
        assert_eq!(
            r.quotes[0].context.as_deref(),
            Some("speaking outside the factory gates")
        );
    }

    #[test]
    fn context_in_an_interview_with() {
        let r = read(&[
            "“The figures are wrong,” Deputy Mayor Lena Ostrova said in an interview with the Harbour Times.",
        ]);
        assert_eq!(r.quotes.len(), 1);
        assert_eq!(r.speaker(0), "Lena Ostrova");
        assert_eq!(
            r.quotes[0].context.as_deref(),
            Some("said in an interview with the Harbour Times")
        );
    }

    #[test]
    fn context_told_reporters() {
        let r = read(&[
            "“Nobody has been charged,” police chief Anton Vell told reporters on Tuesday.",
        ]);
        assert_eq!(r.quotes.len(), 1);
        assert_eq!(r.speaker(0), "Anton Vell");
        assert_eq!(r.quotes[0].context.as_deref(), Some("told reporters"));
    }

    #[test]
    fn a_place_or_a_title_opening_a_sentence_is_no_bare_name() {
        let r = read(&[
            "Port Halvard reopened its docks on Monday.",
            "“We lost a week,” she said.",
        ]);
        assert!(r.quotes.is_empty());
        let r = read(&[
            "Judge Amra Venn closed the hearing.",
            "“Nothing was proved,” she said.",
        ]);
        assert_eq!(r.speaker(0), "Amra Venn");
    }

    #[test]
    fn a_participle_of_speech_after_the_quote_is_no_place() {
        let r = read(&["“We are ready,” Ola Brisk said, adding that talks would go on."]);
        assert_eq!(r.quotes[0].context, None);
    }

    fn indirect(r: &Run) -> Vec<(String, String)> {
        r.quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.mode == QuoteMode::Indirect)
            .map(|(i, q)| (r.speaker(i).to_string(), q.text.clone()))
            .collect()
    }

    #[test]
    fn an_attribution_after_the_report_with_more_after_it() {
        let r = read(&[
            "Foreign Minister Ilse Dorn arrived in Selk.",
            "The ferry will sail again by the spring, the minister said on Monday, after a week of repairs.",
            "Two of the five cranes were idle, she said, because of a shortage of parts.",
        ]);
        assert_eq!(
            indirect(&r),
            vec![
                (
                    "Ilse Dorn".to_string(),
                    "The ferry will sail again by the spring.".to_string()
                ),
                (
                    "Ilse Dorn".to_string(),
                    "Two of the five cranes were idle.".to_string()
                )
            ]
        );
        assert_eq!(r.quotes[0].said, Date::new(2024, 9, 16));
    }

    #[test]
    fn an_attribution_after_the_report_by_description_and_name() {
        let r = read(&["The border crossings are still closed, the envoy, Ruth Amsel, said."]);
        assert_eq!(
            indirect(&r),
            vec![(
                "Ruth Amsel".to_string(),
                "The border crossings are still closed.".to_string()
            )]
        );
    }

    #[test]
    fn a_subordinate_clause_before_the_attribution_is_no_report() {
        let r = read(&["When the border crossings closed, the envoy Ruth Amsel said nothing."]);
        assert!(indirect(&r).is_empty());
    }

    #[test]
    fn the_group_said_is_the_organisation_the_sentence_before_was_about() {
        let r = read(&[
            "The Southern Harvest Front (SHF) denied the attack.",
            "In a post on its Telegram channel, the group said the army had “broken its word”.",
        ]);
        assert_eq!(r.quotes.len(), 2);
        assert_eq!(r.speaker(0), "Southern Harvest Front");
        assert_eq!(r.quotes[0].text, "broken its word");
        assert!(r.quotes[0].unsure);
        // No organisation before: nobody.
        let r = read(&[
            "Ana Sorel denied the attack.",
            "The group said the army had “broken its word”.",
        ]);
        assert!(r.quotes.is_empty());
    }

    #[test]
    fn told_with_an_object_of_more_than_one_word() {
        let r = read(&[
            "Defence lawyer Mara Quell told the court her client had never seen the contracts.",
            "Union leader Ivo Brandt told Harbour Radio the strike would go on.",
            "Ivo Brandt told the crowd waiting outside to go home.",
        ]);
        assert_eq!(
            indirect(&r),
            vec![
                (
                    "Mara Quell".to_string(),
                    "Her client had never seen the contracts.".to_string()
                ),
                (
                    "Ivo Brandt".to_string(),
                    "The strike would go on.".to_string()
                )
            ]
        );
    }

    #[test]
    fn a_speaker_before_an_auxiliary_or_with_a_place_after_the_name() {
        let r = read(&[
            "Judge Irma Lanz sat in Orlen.",
            "Lanz had told the hearing on Monday that the evidence was thin.",
            "The Harbour Safety Council in the old town said on Tuesday that it had closed the quay.",
        ]);
        let found = indirect(&r);
        assert_eq!(found[0].0, "Irma Lanz");
        assert_eq!(found[0].1, "The evidence was thin.");
        assert_eq!(found[1].0, "Harbour Safety Council");
        assert_eq!(found[1].1, "It had closed the quay.");
    }

    #[test]
    fn reported_clauses_after_an_aside_a_phrase_or_saying() {
        let r = read(&[
            "Professor Tam Odell, who had led the trial at four clinics across the northern provinces, said the doses were safe.",
            "Odell cautioned, however, that the protection might fade.",
            "The Vell Chamber of Commerce said in a statement it backed a single rate.",
            "Governor Ada Rusk defended the decision on Monday, saying the old rate had become a gift to importers.",
            "Economist Lea Forn said scrapping the old rate was overdue.",
        ]);
        let found = indirect(&r);
        let texts: Vec<&str> = found.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "The doses were safe.",
                "The protection might fade.",
                "It backed a single rate.",
                "The old rate had become a gift to importers.",
                "Scrapping the old rate was overdue."
            ]
        );
        assert_eq!(found[0].0, "Tam Odell");
        assert_eq!(found[1].0, "Tam Odell");
        assert_eq!(found[2].0, "Vell Chamber of Commerce");
        assert_eq!(found[3].0, "Ada Rusk");
        assert_eq!(r.quotes[2].context.as_deref(), Some("said in a statement"));
    }

    #[test]
    fn a_participle_after_a_determiner_is_no_other_speaker_s_verb() {
        let r = read(&[
            "Counsel Mira Hale told the court the firm had ‘never seen the files’ and that the disputed payments came from men ‘looking for a deal’.",
        ]);
        let direct: Vec<&str> = r
            .quotes
            .iter()
            .filter(|q| q.mode == QuoteMode::Direct)
            .map(|q| q.text.as_str())
            .collect();
        assert_eq!(direct, vec!["never seen the files", "looking for a deal"]);
        assert_eq!(r.speaker(1), "Mira Hale");
    }

    #[test]
    fn a_person_then_where_they_work() {
        let r = read(&[
            "Analyst Tove Brink of the Harbour Institute for Trade said the tariff was overdue.",
        ]);
        assert_eq!(
            indirect(&r),
            vec![(
                "Tove Brink".to_string(),
                "The tariff was overdue.".to_string()
            )]
        );
    }

    #[test]
    fn a_bare_attribution_keeps_the_occasion_of_the_report_before_it() {
        let r = read(&[
            "Chief executive Alma Reyes told investors on a call on Monday that the plant would close. “We waited too long,” she said.",
            "Speaking outside the court, lawyer Ivo Marsh said the trial was unfair. “It was a farce,” Marsh said.",
            "Ivo Marsh left. “Nobody listened,” Alma Reyes said.",
        ]);
        let q = |text: &str| r.quotes.iter().find(|q| q.text == text).unwrap();
        assert_eq!(
            q("We waited too long").context.as_deref(),
            Some("told investors on a call")
        );
        assert_eq!(q("We waited too long").said, Date::new(2024, 9, 16));
        assert_eq!(
            q("It was a farce").context.as_deref(),
            Some("Speaking outside the court")
        );
        // The sentence before is about someone else: nothing carried.
        assert_eq!(q("Nobody listened").context, None);
    }

    #[test]
    fn an_acronym_before_said_is_an_organisation() {
        let r = read(&[
            "The Harbour Relief Fund (HRF) runs the clinics.",
            "In a statement, HRF said it had run out of money.",
        ]);
        assert_eq!(
            indirect(&r),
            vec![(
                "Harbour Relief Fund".to_string(),
                "It had run out of money.".to_string()
            )]
        );
    }

    #[test]
    fn a_role_of_a_few_words_before_a_full_name() {
        let r = read(&["Site coordinator Lena Marsh said the firebreaks had held overnight."]);
        assert_eq!(
            indirect(&r),
            vec![(
                "Lena Marsh".to_string(),
                "The firebreaks had held overnight.".to_string()
            )]
        );
        assert!(
            r.registry.actors[r.quotes[0].speaker]
                .role()
                .is_some_and(|role| role.to_lowercase().contains("site coordinator"))
        );
    }

    #[test]
    fn the_statement_speaks_for_whoever_issued_the_statement_before() {
        let r = read(&[
            "In a statement posted on its channel, Kata'ib Nasr al-Din said it had no part in the attack.",
            "“Our weapons point elsewhere,” the statement said.",
        ]);
        let quote = r
            .quotes
            .iter()
            .position(|q| q.text == "Our weapons point elsewhere")
            .unwrap();
        assert_eq!(r.speaker(quote), "Kata'ib Nasr al-Din");
        assert!(r.quotes[quote].unsure);
        // The sentence before names no statement: nobody.
        let r = read(&[
            "Ana Sorel visited the site on Monday.",
            "“Our weapons point elsewhere,” the statement said.",
        ]);
        assert!(r.quotes.is_empty());
    }

    #[test]
    fn a_second_relative_clause_says_more_of_the_same_speaker() {
        let r = read(&[
            "A senior official who has worked on the file since March, and who asked not to be named, said the talks had stalled.",
        ]);
        assert_eq!(indirect(&r)[0].1, "The talks had stalled.");
    }

    #[test]
    fn an_acronym_in_capitals_is_no_relative_pronoun() {
        let r = read(&["The World Food Agency (WHO) said it had sent 300 tonnes of flour."]);
        assert_eq!(
            indirect(&r),
            vec![(
                "World Food Agency".to_string(),
                "It had sent 300 tonnes of flour.".to_string()
            )]
        );
    }

    #[test]
    fn it_said_is_the_organisation_the_sentence_before_was_about() {
        let r = read(&[
            "The Ministry of Water said the dam had held. Two of the six pumps were broken, it said.",
        ]);
        let found = indirect(&r);
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].0, "Ministry of Water");
        assert_eq!(found[1].1, "Two of the six pumps were broken.");
        assert!(r.quotes[1].unsure);
    }

    #[test]
    fn short_and_past_tense_reported_clauses() {
        let r = read(&[
            "The farmer, Ana Rusk, whose family has farmed the hill for a century, said she would appeal.",
            "Engineer Tom Vell said repair crews expected to finish by Friday.",
            "Tom Vell said he agreed.",
        ]);
        let texts: Vec<String> = indirect(&r).into_iter().map(|(_, t)| t).collect();
        assert_eq!(
            texts,
            vec![
                "She would appeal.",
                "Repair crews expected to finish by Friday."
            ]
        );
    }

    #[test]
    fn a_role_named_by_its_title_in_the_next_sentence() {
        let r = read(&[
            "The ferry link will reopen next month, the transport minister said on Monday, after a week of repairs.",
            "Transport Minister Edda Lorn said the new quay was ready.",
            "Prices will rise in the spring, Vell's finance minister said.",
            "Finance Minister Oto Brak told reporters the budget was tight.",
        ]);
        let found = indirect(&r);
        assert_eq!(
            found[0],
            (
                "Edda Lorn".to_string(),
                "The ferry link will reopen next month.".to_string()
            )
        );
        assert!(r.quotes[0].unsure);
        assert_eq!(found[2].0, "Oto Brak");
        assert_eq!(found[2].1, "Prices will rise in the spring.");
        // Another title in the next sentence: nobody.
        let r = read(&[
            "The ferry link will reopen next month, the transport minister said.",
            "Finance Minister Oto Brak said the budget was tight.",
        ]);
        assert_eq!(indirect(&r).len(), 1);
    }

    #[test]
    fn the_report_before_adding_and_its_quotation() {
        let r = read(&[
            "Minister Ivo Tarn insisted that the ministry had acted in time, adding: “Nobody could have known.”",
        ]);
        assert_eq!(
            indirect(&r),
            vec![(
                "Ivo Tarn".to_string(),
                "The ministry had acted in time.".to_string()
            )]
        );
        assert!(
            r.quotes
                .iter()
                .any(|q| q.text == "Nobody could have known.")
        );
    }

    #[test]
    fn a_weekday_s_possessive_before_the_report_gives_its_day() {
        let r = read(&[
            "Speaking after Saturday's match, coach Ola Fenn insisted he would stay. “We will fight,” he said.",
        ]);
        let q = r.quotes.iter().find(|q| q.text == "We will fight").unwrap();
        assert_eq!(q.said, Date::new(2024, 9, 14));
        assert_eq!(
            q.context.as_deref(),
            Some("Speaking after Saturday's match")
        );
    }

    #[test]
    fn a_verb_with_a_plain_object_reports_nothing() {
        let r = read(&[
            "Governor Ada Rusk declared a state of emergency and asked residents to stay home.",
            "Judge Ivo Tarn warned the public gallery to stay silent.",
            "Ivo Tarn warned the appeal would fail.",
        ]);
        assert_eq!(
            indirect(&r),
            vec![("Ivo Tarn".to_string(), "The appeal would fail.".to_string())]
        );
    }

    #[test]
    fn people_by_a_plural_role_noun_alone() {
        let r = read(&[
            "Prosecutors told the court on Monday that the grants had gone to shell companies.",
            "Prison officials said the reporter would be released by the evening.",
        ]);
        let found = indirect(&r);
        assert_eq!(found[0].0, "Prosecutors");
        assert_eq!(found[1].0, "Prison officials");
        assert!(r.registry.actors[r.quotes[0].speaker].anonymous);
    }

    #[test]
    fn a_quotation_over_paragraphs_after_a_colon() {
        let paragraphs = crate::import::sentences::join_continued_quotes(vec![
            "Mayor Ilse Brandt closed the bridge on Monday. In a letter to the council, Brandt wrote:".to_string(),
            "“The river has never been this high. We cannot take the risk.".to_string(),
            "“Nobody should cross it until the engineers say so.”".to_string(),
        ]);
        let texts: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        let r = read(&texts);
        assert_eq!(r.quotes.len(), 1, "{:#?}", r.quotes);
        assert_eq!(
            r.quotes[0].text,
            "The river has never been this high. We cannot take the risk. Nobody should cross it until the engineers say so."
        );
        assert_eq!(r.speaker(0), "Ilse Brandt");
        // The colon's attribution names her: no guess.
        assert!(!r.quotes[0].unsure);
    }

    #[test]
    fn a_ruling_quoted_over_paragraphs_after_a_colon() {
        let paragraphs = crate::import::sentences::join_continued_quotes(vec![
            "The Harlow High Court said on Friday that the permit was unlawful. The ruling said:"
                .to_string(),
            "“The council never weighed the harm to the marsh.".to_string(),
            "“Its decision cannot stand.”".to_string(),
        ]);
        let texts: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        let r = read(&texts);
        let direct: Vec<&FoundQuote> = r
            .quotes
            .iter()
            .filter(|q| q.mode == QuoteMode::Direct)
            .collect();
        assert_eq!(direct.len(), 1, "{:#?}", r.quotes);
        assert_eq!(
            direct[0].text,
            "The council never weighed the harm to the marsh. Its decision cannot stand."
        );
        assert_eq!(
            r.registry.actors[direct[0].speaker].name,
            "Harlow High Court"
        );
        // A document speaks for its issuer only likely.
        assert!(direct[0].unsure);
    }

    #[test]
    fn an_office_or_spokesperson_speaks_for_the_one_it_serves() {
        let r = read(&[
            "Governor Ana Pell toured the flooded district on Sunday.",
            "Pell's office said the coast road would reopen on Monday.",
        ]);
        let found = indirect(&r);
        assert_eq!(found.len(), 1, "{:#?}", r.quotes);
        assert_eq!(r.speaker(0), "Ana Pell");
        // Her office, not her: the link is inferred.
        assert!(r.quotes[0].unsure);
        let r = read(&[
            "Governor Ana Pell toured the flooded district on Sunday.",
            "“The road is safe again,” Pell's spokesman said.",
        ]);
        assert_eq!(r.quotes.len(), 1, "{:#?}", r.quotes);
        assert_eq!(r.speaker(0), "Ana Pell");
        assert!(r.quotes[0].unsure);
        let r = read(&[
            "Governor Ana Pell toured the flooded district on Sunday.",
            "A spokesperson for Pell said the coast road would reopen on Monday.",
        ]);
        assert_eq!(r.quotes.len(), 1, "{:#?}", r.quotes);
        assert_eq!(r.speaker(0), "Ana Pell");
        assert!(r.quotes[0].unsure);
        // An organisation's spokesperson stays someone of their own.
        let r = read(&["A spokesperson for the Harlow Water Board said the pipes were safe."]);
        assert_eq!(r.quotes.len(), 1, "{:#?}", r.quotes);
        assert_ne!(r.speaker(0), "Harlow Water Board");
    }

    #[test]
    fn a_named_spokesperson_speaks_for_themself() {
        let r = read(&[
            "Governor Ana Pell toured the flooded district on Sunday.",
            "Pell's spokesman, Tomas Reed, said the coast road would reopen on Monday.",
        ]);
        assert_eq!(r.quotes.len(), 1, "{:#?}", r.quotes);
        assert_eq!(r.speaker(0), "Tomas Reed");
    }

    #[test]
    fn a_title_alone_is_its_one_holder() {
        let r = read(&[
            "Prime Minister Oskar Venn met the unions on Monday.",
            "The prime minister said the strike would end soon.",
        ]);
        assert_eq!(r.quotes.len(), 1, "{:#?}", r.quotes);
        assert_eq!(r.speaker(0), "Oskar Venn");
        // Only a deputy holds the title's words: nobody.
        let r = read(&[
            "Deputy Prime Minister Lena Fask met the unions on Monday.",
            "The prime minister said the strike would end soon.",
        ]);
        assert!(
            r.quotes
                .iter()
                .all(|q| r.registry.actors[q.speaker].name != "Lena Fask"),
            "{:#?}",
            r.quotes
        );
        // Two judges named: `the judge` is either, so nobody.
        let r = read(&[
            "Judge Mara Holt and Judge Ines Carr heard the appeal on Monday.",
            "The judge said the law was clear.",
        ]);
        assert!(r.quotes.is_empty(), "{:#?}", r.quotes);
    }

    #[test]
    fn a_role_holds_a_title_only_whole() {
        let title = |t: &str| t.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert!(holds("Prime Minister", &title("prime minister")));
        assert!(holds("Minister of Finance", &title("minister")));
        assert!(!holds("Deputy Prime Minister", &title("prime minister")));
        assert!(!holds("vice-chairman", &title("chairman")));
    }

    #[test]
    fn words_and_their_translation_are_two_quotes() {
        let r = read(&[
            "Her trainer, Lucien Varenne-Oduya, praised the team. «Nous avons gagné,» he said, before translating for the crowd: “We won.”",
        ]);
        assert_eq!(r.quotes.len(), 2, "{:#?}", r.quotes);
        assert_eq!(r.speaker(0), "Lucien Varenne-Oduya");
        assert_eq!(r.quotes[0].text, "Nous avons gagné");
        assert_eq!(r.speaker(1), "Lucien Varenne-Oduya");
        assert_eq!(r.quotes[1].text, "We won.");
    }

    #[test]
    fn an_organiser_named_after_a_comma_speaks() {
        let r = read(&[
            "Lena Brandt, the union's regional organiser, said members had been “worn down” by cuts.",
        ]);
        assert!(
            r.quotes
                .iter()
                .any(|q| q.text == "worn down" && q.mode == QuoteMode::Direct),
            "{:#?}",
            r.quotes
        );
        assert!((0..r.quotes.len()).all(|i| r.speaker(i) == "Lena Brandt"));
    }

    #[test]
    fn an_occasion_after_a_speaker_and_role_is_the_context() {
        let r = read(&[
            "“The roads will close at noon,” said Ana Pell, head of the council, at a news conference on Friday.",
        ]);
        assert_eq!(r.quotes.len(), 1, "{:#?}", r.quotes);
        assert_eq!(r.speaker(0), "Ana Pell");
        assert!(
            r.quotes[0]
                .context
                .as_deref()
                .is_some_and(|c| c.contains("news conference")),
            "{:#?}",
            r.quotes
        );
    }

    #[test]
    fn a_bare_wrote_keeps_where_the_sentence_before_was_written() {
        let r = read(&[
            "The engineer Ivo Tamm wrote on his blog that the bridge was unsafe. “Nobody listened to me,” he wrote.",
        ]);
        let direct: Vec<_> = r
            .quotes
            .iter()
            .filter(|q| q.mode == QuoteMode::Direct)
            .collect();
        assert_eq!(direct.len(), 1, "{:#?}", r.quotes);
        assert!(
            direct[0]
                .context
                .as_deref()
                .is_some_and(|c| c.contains("on his blog")),
            "{:#?}",
            direct
        );
    }
}
