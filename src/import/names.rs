//! Name and role recognition: how news prose names people and organisations, read from the
//! words alone (the registry in `actors` decides who a name or a description points at).
//!
//! - Names with roles: a title before the name (`Coalition member Rasul Radi`, `General Ismail
//!   Qaani`, `Iran’s Supreme Leader Sayyed Ali Khamenei`), an apposition after it (`Hadi
//!   al-Amiri, head of the Badr Organization,`, `Karim Mahmoud, a crane operator,`) or before it
//!   (`The commission’s chairman, Jon Reyes,`).
//! - Organisations by their shape: capitalised runs ending in a generic head (`... Ministry`,
//!   `... Union`, `... Company`), `Ministry of ...`, and a name followed by its acronym in
//!   parentheses (`Popular Mobilization Forces (PMF)`), whatever the words of the name.
//! - Speaker phrases: the phrase before or after a speech verb, read as a name, a surname, a
//!   pronoun, a definite description (`the source`, `the ministry`), an organisation, or an
//!   unnamed source (`a well-informed political source`).

use super::lexicon::{self, Pronoun, is_possessive, strip_possessive};
use super::sentences::{Token, is_capitalized, tokens};

/// What a speaker phrase names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Head {
    Pronoun(Pronoun),
    /// A full name, with the title and form of address before it.
    Person {
        name: String,
        title: Option<String>,
        address: Option<String>,
    },
    /// One word: a surname (or a name already known).
    Surname(String),
    Organization(String),
    /// `the source`, `the finance ministry`: the noun and the words before it, lower case.
    Definite(Vec<String>),
    /// `a well-informed political source`: the description without its article.
    Anonymous {
        description: String,
        plural: bool,
    },
}

/// A speaker phrase: its head, the appositions and clauses around it, the words as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub head: Head,
    pub roles: Vec<String>,
    pub written: String,
    pub anonymity: bool,
    /// `The adviser, Dr Nadia Kareem,`: the description the name follows, whose unnamed
    /// speaker (`a ministry adviser said ...`) is this person.
    pub introduced: Option<Vec<String>>,
}

/// Words that may join the parts of a name: `Osama bin Laden`, `Ursula von der Leyen`.
pub(super) const NAME_CONNECTORS: &[&str] = &[
    "bin", "ibn", "bint", "de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "dos",
    "das", "del",
];

/// Arabic article prefixes that start a name word in lower case: `al-Amiri`.
pub(super) const PARTICLES: &[&str] = &[
    "al-", "el-", "ad-", "ash-", "as-", "an-", "ar-", "at-", "az-", "ul-", "ibn-", "bin-",
];

/// Words that mark a verb inside a phrase, so it cannot be a role.
pub(super) const VERB_MARKS: &[&str] = &[
    "is", "was", "were", "are", "be", "been", "has", "had", "have", "will", "would", "could",
    "should", "can", "did", "does", "do",
];

/// Lower-case words that never sit inside a title: prepositions, conjunctions.
pub(super) const BRIDGE_STOPS: &[&str] = &[
    "of", "in", "on", "at", "to", "for", "with", "by", "from", "and", "or", "but", "as", "after",
    "before", "about", "over", "under", "into", "than", "then", "also", "not", "who", "which",
];

pub(super) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "his", "her", "their", "our", "whose", "this", "that",
];

/// Words allowed before a speaker's name in its phrase: `Later Radi said`.
pub(super) const LEAD_INS: &[&str] = &[
    "later",
    "then",
    "also",
    "meanwhile",
    "where",
    "and",
    "but",
    "when",
    "while",
    "as",
    "so",
];

pub(super) fn lower(word: &str) -> String {
    word.to_lowercase()
}

pub(super) fn is_particle_name(word: &str) -> bool {
    PARTICLES.iter().any(|p| {
        word.len() > p.len()
            && word.to_lowercase().starts_with(p)
            && word[p.len()..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    })
}

/// A word that can be part of a name: capitalised and not a sentence opener, or `al-Amiri`.
pub fn is_name_word(t: &Token) -> bool {
    if !t.word || t.text.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let bare = strip_possessive(t.text);
    (is_capitalized(bare) && !lexicon::is_not_name(bare)) || is_particle_name(bare)
}

pub(super) fn is_determiner(word: &str) -> bool {
    DETERMINERS.contains(&lower(word).as_str())
}

pub(super) fn text_of(text: &str, toks: &[Token]) -> String {
    match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => text[a.start..b.end].to_string(),
        _ => String::new(),
    }
}

/// The most connectors in a row inside a name: `de la Cruz`, `van der Berg`.
const MAX_CONNECTORS: usize = 3;

pub(super) fn is_connector(t: &Token) -> bool {
    t.word && NAME_CONNECTORS.contains(&t.text)
}

/// How many connectors run backwards from `at` (inclusive).
fn connectors_back(toks: &[Token], at: usize) -> usize {
    (0..=at)
        .rev()
        .take(MAX_CONNECTORS + 1)
        .take_while(|&k| is_connector(&toks[k]))
        .count()
}

/// How many connectors run forwards from `at`.
fn connectors_ahead(toks: &[Token], at: usize) -> usize {
    toks[at..]
        .iter()
        .take(MAX_CONNECTORS + 1)
        .take_while(|t| is_connector(t))
        .count()
}

/// Where the run of name words ending at `end` (exclusive) starts. A possessive ends a run.
pub(super) fn run_start(toks: &[Token], end: usize) -> usize {
    let mut s = end;
    while s > 0 {
        let t = &toks[s - 1];
        let name = is_name_word(t) && (s == end || !is_possessive(t.text));
        if name {
            s -= 1;
            continue;
        }
        // `bin`, `von der`: only between name words.
        let n = if s < end {
            connectors_back(toks, s - 1)
        } else {
            0
        };
        if n > 0 && n <= MAX_CONNECTORS && s > n && is_name_word(&toks[s - 1 - n]) {
            s -= n;
        } else {
            break;
        }
    }
    s
}

/// `de Wit`, `van der Berg`: lower-case connectors that open a phrase before a surname.
/// Returns where they start when everything before `start` is such connectors.
pub(super) fn leading_connectors(toks: &[Token], start: usize) -> Option<usize> {
    let words: Vec<usize> = (0..start).filter(|&k| toks[k].word).collect();
    let first = *words.first()?;
    (words.len() <= MAX_CONNECTORS && words.iter().all(|&k| is_connector(&toks[k])))
        .then_some(first)
}

/// Where the run of name words starting at `start` ends (exclusive).
pub(super) fn run_end(toks: &[Token], start: usize) -> usize {
    let mut e = start;
    while e < toks.len() {
        let t = &toks[e];
        if is_name_word(t) {
            e += 1;
            if is_possessive(t.text) {
                break;
            }
        } else if e > start
            && let n = connectors_ahead(toks, e)
            && n > 0
            && n <= MAX_CONNECTORS
            && toks.get(e + n).is_some_and(is_name_word)
        {
            e += n;
        } else {
            break;
        }
    }
    e
}

/// A run of name words split into what comes before the name (title, form of address) and
/// the name itself (at most four words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NameSplit {
    /// Start of the form of address or rank right before the name (`General`, `Dr.`).
    pub(super) address: usize,
    pub(super) name: usize,
    pub(super) end: usize,
}

pub(super) fn split_run(toks: &[Token], start: usize, end: usize) -> NameSplit {
    let mut name = end;
    while name > start && end - name < 4 {
        let w = strip_possessive(toks[name - 1].text);
        if lexicon::is_role_head(w)
            || lexicon::is_honorific(w)
            || lexicon::is_rank(w)
            || lexicon::is_org_head(w)
            || (lexicon::is_role_modifier(w) && name < end)
            || role_word_before_full_name(toks, start, name - 1, end)
        {
            break;
        }
        name -= 1;
    }
    let mut address = name;
    while address > start
        && (lexicon::is_honorific(toks[address - 1].text)
            || lexicon::is_rank(toks[address - 1].text))
    {
        address -= 1;
    }
    NameSplit { address, name, end }
}

/// `Farmer Tomas Greel`, `Campaigner Elspeth Rann`: the first word of a run of three or more
/// is a role, not a given name, when it says what a person is (`is_person_noun`) or has the
/// shape of an agent noun, and a full name of two words or more follows it.
fn role_word_before_full_name(toks: &[Token], start: usize, at: usize, end: usize) -> bool {
    let w = strip_possessive(toks[at].text);
    // `the committee chairman, Abdirahman Ali Warsame,`: the role came before the comma, so
    // a first word known only by its ending is the given name.
    let role_before = start >= 2
        && toks[start - 1].text == ","
        && lexicon::is_person_noun(strip_possessive(toks[start - 2].text));
    // `By Osman Halvar Dirie`, `Reporting by ...`: a byline names its writers without roles,
    // so a first word known only by its ending is the given name there too.
    let byline = start >= 1 && lower(toks[start - 1].text) == "by";
    at == start
        && (!(role_before || byline) || lexicon::is_person_noun(w))
        && end - at >= 3
        && toks.get(at + 1).is_some_and(|n| is_capitalized(n.text))
        && !is_possessive(toks[at].text)
        && (lexicon::is_person_noun(w) || lexicon::has_agent_ending(w))
}

/// Whether a title was recognised by its shape alone (`Campaigner`, one word no list knows):
/// a speaker found with it must be checked.
pub fn title_by_shape_only(title: &str) -> bool {
    let words: Vec<&str> = title.split_whitespace().collect();
    matches!(words.as_slice(), [w] if is_capitalized(w)
        && !lexicon::is_person_noun(w)
        && !lexicon::is_rank(w)
        && !lexicon::is_honorific(w)
        && lexicon::has_agent_ending(w))
}

/// `52` in `Lena Hoskard, 52, a net maker`: an age set off by commas.
pub(super) fn is_age(part: &str) -> bool {
    let p = part.trim();
    (1..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit())
}

/// An organisation's name as written: its inner words keep their apostrophes (`Small Boat
/// Owners’ Association`), only the last loses a possessive (`the Union’s head`).
pub(super) fn org_text(toks: &[Token], from: usize, to: usize) -> String {
    toks[from..to]
        .iter()
        .enumerate()
        .map(|(k, t)| {
            if from + k + 1 == to {
                strip_possessive(t.text)
            } else {
                t.text
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn name_text(toks: &[Token], from: usize, to: usize) -> String {
    toks[from..to]
        .iter()
        .map(|t| strip_possessive(t.text))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The role phrase that ends at `end` (exclusive), read backwards: capitalised words, role
/// nouns and their modifiers, possessives, and `of` after a role noun (`commander of
/// the country’s Northern Army`). Returns where it starts; None when it holds no role noun.
pub(super) fn role_before(toks: &[Token], end: usize) -> Option<usize> {
    let mut j = complement_start(toks, end).unwrap_or(end);
    while j > 0 {
        let t = &toks[j - 1];
        if !t.word {
            break;
        }
        let w = lower(t.text);
        let head_before =
            |k: usize| k > 0 && toks[k - 1].word && lexicon::is_role_head(toks[k - 1].text);
        if (w == "of" || w == "for") && head_before(j - 1) {
            j -= 1;
            continue;
        }
        if w == "the"
            && j >= 2
            && matches!(lower(toks[j - 2].text).as_str(), "of" | "for")
            && head_before(j - 2)
        {
            j -= 2;
            continue;
        }
        if is_determiner(&w) || lexicon::is_reporting_verb(&w) {
            break;
        }
        let capital = is_capitalized(t.text) && !lexicon::is_not_name(strip_possessive(t.text));
        let lower_role = !is_capitalized(t.text)
            && (lexicon::is_role_head(&w) || lexicon::is_role_modifier(&w) || is_possessive(&w));
        // `chief of staff`: a lower-case word after a role noun's `of`.
        let complement = !is_capitalized(t.text)
            && j == end
            && j >= 3
            && lower(toks[j - 2].text) == "of"
            && lexicon::is_role_head(toks[j - 3].text)
            && !BRIDGE_STOPS.contains(&w.as_str())
            && !VERB_MARKS.contains(&w.as_str());
        // `Coast guard commander`: one lower-case word after a capitalised one.
        let bridge = !is_capitalized(t.text)
            && j < end
            && j >= 2
            && !BRIDGE_STOPS.contains(&w.as_str())
            && !VERB_MARKS.contains(&w.as_str())
            && !lexicon::is_reporting_verb(&w)
            && is_capitalized(toks[j - 2].text)
            && !lexicon::is_not_name(strip_possessive(toks[j - 2].text));
        if capital || lower_role || bridge || complement || is_particle_name(t.text) {
            j -= 1;
        } else {
            break;
        }
    }
    if j == end {
        return None;
    }
    // `A local tribal leader`, `Southfield's chief operating officer`: plain lower-case
    // words between an article or an owner and the role.
    let anchor = (j.saturating_sub(3)..j).rev().find(|&k| {
        toks[k].word
            && (matches!(lower(toks[k].text).as_str(), "a" | "an" | "the")
                || is_possessive(toks[k].text))
    });
    if let Some(a) = anchor
        && !is_capitalized(toks[j].text)
        && toks[a + 1..j].iter().all(|t| {
            let w = lower(t.text);
            t.word
                && !is_capitalized(t.text)
                && !is_possessive(t.text)
                && !BRIDGE_STOPS.contains(&w.as_str())
                && !VERB_MARKS.contains(&w.as_str())
                && !lexicon::is_reporting_verb(&w)
        })
    {
        j = if is_possessive(toks[a].text) {
            a
        } else {
            a + 1
        };
    }
    // `a spokeswoman for Interior Minister Adel Rahim`: the name holds the title after
    // `for`, not the role before it.
    if let Some(k) = (j..end).rev().find(|&k| {
        toks[k].word
            && matches!(lower(toks[k].text).as_str(), "of" | "for")
            && k + 1 < end
            && lexicon::is_role_head(toks[end - 1].text)
    }) {
        j = k + 1;
        if toks.get(j).is_some_and(|t| lower(t.text) == "the") {
            j += 1;
        }
        if j >= end {
            return None;
        }
    }
    let phrase = &toks[j..end];
    // The role noun ends the phrase, or is followed by `of ...` (`head of the General
    // Workers’ Federation`, whose `General` is no role).
    let ends_with_head = phrase.last().is_some_and(|t| lexicon::is_role_head(t.text));
    let head_of = phrase.windows(2).any(|w| {
        lexicon::is_role_head(w[0].text) && matches!(lower(w[1].text).as_str(), "of" | "for")
    });
    (ends_with_head || head_of).then_some(j)
}

/// `head of parliament's economic committee`, `head of office in Kelvale` ending at `end`:
/// a role noun, `of`, then up to three plain lower-case words or possessives, and perhaps
/// `in` or `at` and a place. Returns where the role noun is.
fn complement_start(toks: &[Token], end: usize) -> Option<usize> {
    let mut e = end;
    // `... in Kelvale`
    let place = run_start(toks, e);
    if place < e && place >= 1 && matches!(lower(toks[place - 1].text).as_str(), "in" | "at") {
        e = place - 1;
    }
    let of = (e.saturating_sub(4)..e)
        .rev()
        .find(|&k| lower(toks[k].text) == "of")?;
    let plain = toks[of + 1..e].iter().all(|t| {
        let w = lower(t.text);
        t.word
            && !is_capitalized(t.text)
            && !BRIDGE_STOPS.contains(&w.as_str())
            && !VERB_MARKS.contains(&w.as_str())
            && !lexicon::is_reporting_verb(&w)
            && !is_determiner(&w)
    });
    let head = of.checked_sub(1)?;
    (of + 1 < e && plain && toks[head].word && lexicon::is_role_head(toks[head].text))
        .then_some(head)
}

/// A role phrase starting at `from` (after an apposition's comma): optional article, a role
/// noun among the first five words, no verb, up to the next comma or stop. Returns its text
/// (without the article) and where it ends.
pub(super) fn role_after(text: &str, toks: &[Token], from: usize) -> Option<(String, usize)> {
    let mut i = from;
    if toks
        .get(i)
        .is_some_and(|t| matches!(lower(t.text).as_str(), "a" | "an" | "the"))
    {
        i += 1;
    }
    // `whose managing director`: a relative clause, not an apposition.
    if toks
        .get(i)
        .is_some_and(|t| lexicon::is_relative_start(t.text))
    {
        return None;
    }
    let start = i;
    let mut end = i;
    while end < toks.len() {
        let t = &toks[end];
        if !t.word {
            if matches!(t.text, "'" | "’") {
                end += 1;
                continue;
            }
            break;
        }
        if lexicon::is_relative_start(t.text) && end > start {
            break;
        }
        end += 1;
    }
    let words = &toks[start..end];
    if words.is_empty() || words.len() > 14 {
        return None;
    }
    if words.iter().any(|t| {
        VERB_MARKS.contains(&lower(t.text).as_str())
            || (lexicon::is_reporting_verb(t.text) && !is_capitalized(t.text))
    }) {
        return None;
    }
    if !words
        .iter()
        .take(5)
        .take_while(|t| !matches!(lower(t.text).as_str(), "of" | "in" | "at" | "for"))
        .any(|t| lexicon::is_role_head(t.text))
    {
        return None;
    }
    // `Mayor Healy`, `opposition leader Mira Kovac`: a title and then a name is someone
    // named, not a role.
    if let Some(head) = words.iter().rposition(|t| lexicon::is_role_head(t.text))
        && head + 1 < words.len()
        && words[head + 1..]
            .iter()
            .all(|t| is_name_word(t) && !lexicon::is_org_head(t.text))
    {
        return None;
    }
    if is_name_word(&words[0]) && !lexicon::is_role_head(words[0].text) {
        // `Ana Sorel, Jon Reyes ...`: a list of names, not a role.
        let run = run_end(words, 0);
        let split = split_run(words, 0, run);
        if split.name < split.end && split.end - split.name >= 2 {
            return None;
        }
    }
    Some((text_of(text, words), end))
}

/// `Iran’s Supreme Leader` → `Supreme Leader of Iran`; other titles as they are.
pub(super) fn title_text(text: &str, toks: &[Token]) -> String {
    if toks.len() >= 2 && is_possessive(toks[0].text) && is_capitalized(toks[0].text) {
        return format!(
            "{} of {}",
            text_of(text, &toks[1..]),
            strip_possessive(toks[0].text)
        );
    }
    text_of(text, toks)
}

/// A person named in a text, with what the text says about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedPerson {
    pub name: String,
    pub title: Option<String>,
    pub address: Option<String>,
    pub roles: Vec<String>,
}

/// Every person the text names with a title or an apposition, in order.
pub fn named_people(text: &str) -> Vec<NamedPerson> {
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut consumed_until = 0; // tokens before this are a previous apposition
    let mut i = 0;
    while i < toks.len() {
        if !is_name_word(&toks[i]) {
            i += 1;
            continue;
        }
        let end = run_end(&toks, i);
        let split = split_run(&toks, i, end);
        let name_len = split.end - split.name;
        if name_len < 2
            || is_org_run(&toks[split.name..split.end])
            || INSTITUTION_ENDS.contains(&lower(toks[split.end - 1].text).as_str())
        {
            i = end;
            continue;
        }
        let name = name_text(&toks, split.name, split.end);
        let address =
            (split.address < split.name).then(|| text_of(text, &toks[split.address..split.name]));
        // Title: the run's words before the address, and role words before the run.
        // `the head of Ashby Town`: a name right after `of` or `for` is what a role is
        // of, not who holds it.
        let complement =
            split.address == i && i > 0 && matches!(lower(toks[i - 1].text).as_str(), "of" | "for");
        let title_start = role_before(&toks, split.address)
            .filter(|&s| s < split.address && !complement)
            .or((split.address > i).then_some(i));
        let title = title_start.map(|s| title_text(text, &toks[s..split.address]));
        let mut roles = Vec::new();
        // Before: `The commission’s chairman, Jon Reyes,`, also before a title (`Mr Yeo's
        // lawyer, Senior Counsel Priya Ramasamy,`).
        let before_comma = title_start
            .unwrap_or(split.address)
            .checked_sub(1)
            .filter(|&c| toks[c].text == ",");
        let comma_after = toks.get(end).is_none_or(|t| matches!(t.text, "," | "."));
        if let Some(c) = before_comma
            && c >= consumed_until
            && comma_after
            && let Some(s) = role_before(&toks, c)
            && s >= consumed_until
        {
            let role_toks = &toks[s..c];
            roles.push(text_of(text, role_toks));
        }
        // After: `Hadi al-Amiri, head of the Badr Organization,`, past an age (`Lena
        // Hoskard, 52, a net maker`).
        let mut next = end;
        let aged = toks.get(end).is_some_and(|t| t.text == ",")
            && toks.get(end + 1).is_some_and(|t| is_age(t.text))
            && toks.get(end + 2).is_some_and(|t| t.text == ",");
        let end = if aged { end + 2 } else { end };
        if toks.get(end).is_some_and(|t| t.text == ",")
            && let Some((role, role_end)) = role_after(text, &toks, end + 1)
        {
            roles.push(role);
            consumed_until = role_end;
            next = role_end;
        } else if let Some(comma) = toks.get(end).filter(|t| t.text == ",") {
            // `Karim Mahmoud, a crane operator, said`
            let rest = &text[comma.end..];
            let part = rest.split([',', ';', '.', ':']).next().unwrap_or("");
            if let Some(role) = appositive(part) {
                let part_end = comma.end + part.len();
                roles.push(role);
                let role_end = toks.partition_point(|t| t.start < part_end);
                consumed_until = role_end;
                next = role_end;
            }
        }
        // `Viktor Halas, 58, had ...`: an age after a full name says it is a person's; so
        // does `, who` (`For Mereana Te Awhina, who chairs the board, ...`).
        let who = toks.get(end).is_some_and(|t| t.text == ",")
            && toks.get(end + 1).is_some_and(|t| t.text == "who");
        if title.is_some() || address.is_some() || !roles.is_empty() || aged || who {
            out.push(NamedPerson {
                name,
                title,
                address,
                roles,
            });
        }
        i = next.max(i + 1);
    }
    out
}

/// Last words of the names of places people work in, which no person's name ends with:
/// `Regional Weather Centre` is no `Weather Centre` with the title `Regional`.
const INSTITUTION_ENDS: &[&str] = &[
    "centre",
    "center",
    "hospital",
    "infirmary",
    "clinic",
    "college",
    "academy",
    "school",
    "limited",
];

pub(super) fn is_org_run(toks: &[Token]) -> bool {
    toks.last().is_some_and(|t| lexicon::is_org_head(t.text))
}

/// Organisation names in a text: capitalised runs ending with an organisation word (`State
/// of Law Coalition`, `Basra Dockworkers' Union`), or `Ministry of Trade` forms.
pub fn organizations(text: &str) -> Vec<String> {
    let toks = tokens(text);
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        // `St Anne's Regional Hospital`, `Dorran Football Club`: a kind of organisation
        // ends a name as a head does, after a name word.
        let kind = lexicon::is_org_kind(strip_possessive(t.text))
            && i > 0
            && (is_name_word(&toks[i - 1]) || is_possessive(toks[i - 1].text));
        if !(t.word && is_capitalized(t.text) && (lexicon::is_org_head(t.text) || kind)) {
            i += 1;
            continue;
        }
        // Left: capitalised words, `of`/`of the` between capitalised words.
        let mut s = i;
        while s > 0 {
            let p = &toks[s - 1];
            // `St Anne's Regional Hospital`: a saint's possessive is part of the name.
            let saint = s >= 2
                && matches!(lower(toks[s - 2].text).as_str(), "st" | "st." | "saint")
                && is_capitalized(toks[s - 2].text);
            if p.word && is_possessive(p.text) && !saint {
                break;
            }
            let name = is_name_word(p)
                || (p.word && is_capitalized(p.text) && lexicon::is_org_head(p.text));
            let connector = p.word
                && matches!(lower(p.text).as_str(), "of" | "for" | "and")
                && s >= 2
                && is_name_word(&toks[s - 2]);
            if name || connector {
                s -= 1;
            } else {
                break;
            }
        }
        while s < i && !is_name_word(&toks[s]) {
            s += 1;
        }
        // Right: `of (the) Capitalised...`, `for Capitalised...` (`Council for Human
        // Rights`) when the head has not ended in a possessive, and one more word after
        // `and` (`Ministry of Agriculture and Livestock`).
        let mut e = i + 1;
        if !is_possessive(t.text) {
            let mut k = e;
            if toks
                .get(k)
                .is_some_and(|x| matches!(lower(x.text).as_str(), "of" | "for"))
            {
                k += 1;
                if toks.get(k).is_some_and(|x| lower(x.text) == "the") {
                    k += 1;
                }
                let r = run_end(&toks, k);
                if r > k {
                    e = r;
                    let last_plain = !is_possessive(toks[r - 1].text);
                    if last_plain && toks.get(r).is_some_and(|x| x.text == "and") {
                        let tail = run_end(&toks, r + 1);
                        if tail == r + 2 && !lexicon::is_role_head(toks[r + 1].text) {
                            e = r + 2;
                        } else if tail == r + 3 && second_field_of_a_name(&toks, r + 1) {
                            e = r + 3;
                        }
                    }
                }
            }
        }
        // `the Regional Court in Kałowice Dolne`: a court named by generic words alone is
        // named with its seat.
        let generic = toks[s..e].iter().all(|t| {
            lexicon::is_role_modifier(t.text)
                || lexicon::is_org_head(t.text)
                || COURT_WORDS.contains(&lower(t.text).as_str())
        });
        if generic
            && matches!(lower(toks[e - 1].text).as_str(), "court" | "tribunal")
            && toks.get(e).is_some_and(|t| t.text == "in")
            && run_end(&toks, e + 1) > e + 1
        {
            e = run_end(&toks, e + 1);
        }
        let name = org_text(&toks, s, e);
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
        i = e;
    }
    out
}

/// `Ministry of Science and Higher Education`, `Federation of Mine and Metal Workers`: two
/// name words after `and` finish an organisation's `of` complement when neither is a role
/// word and the last never stands alone elsewhere in the text (a surname would: `the Ministry
/// of Defence and Ana Ruiz ... Ruiz said`).
fn second_field_of_a_name(toks: &[Token], at: usize) -> bool {
    let (first, last) = (&toks[at], &toks[at + 1]);
    if lexicon::is_role_head(first.text)
        || lexicon::is_role_head(last.text)
        || lexicon::is_honorific(first.text)
        || is_possessive(first.text)
        || is_possessive(last.text)
    {
        return false;
    }
    !toks.iter().enumerate().any(|(k, t)| {
        k != at + 1 && t.text == last.text && (k == 0 || toks[k - 1].text != first.text)
    })
}

/// Words of a court's generic name: `District Court`, `High Court`, `Court of Appeal`.
const COURT_WORDS: &[&str] = &[
    "district",
    "high",
    "supreme",
    "appeals",
    "appeal",
    "administrative",
    "criminal",
    "civil",
    "city",
    "county",
    "municipal",
    "federal",
    "state",
    "constitutional",
    "magistrates",
    "magistrates'",
];

/// Corporate suffixes written after a company's name: `Larkfield Home Goods, Inc.`.
const CORPORATE_SUFFIXES: &[&str] = &[
    "Inc", "Inc.", "Ltd", "Ltd.", "LLC", "plc", "PLC", "GmbH", "AG", "Corp", "Corp.", "Co.",
    "S.A.", "SA", "NV", "N.V.", "BV", "Pty",
];

/// `Larkfield Home Goods, Inc. ("Larkfield")`: companies written with a corporate
/// suffix, and the short names a text defines for them in quotation marks in parentheses.
/// Returns each full name (with its suffix) with the shorter names it goes by.
pub fn corporate_names(text: &str) -> Vec<(String, Vec<String>)> {
    let toks = tokens(text);
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !is_name_word(&toks[i]) || (i > 0 && is_name_word(&toks[i - 1])) {
            i += 1;
            continue;
        }
        let end = joined_run_end(&toks, i);
        // `SOURCE Larkfield ...`: a label in capitals before the name is no part of it.
        let shouting =
            |t: &Token| t.text.chars().count() >= 3 && !t.text.chars().any(char::is_lowercase);
        if end > i + 1 && shouting(&toks[i]) && !shouting(&toks[i + 1]) {
            i += 1;
        }
        // The suffix is read as a name word of the run (`Products Inc`) or after a comma.
        let mut short_end = end;
        while short_end > i + 1
            && CORPORATE_SUFFIXES.contains(&toks[short_end - 1].text.trim_end_matches('.'))
        {
            short_end -= 1;
        }
        let comma_suffix = toks.get(end).is_some_and(|t| t.text == ",")
            && toks
                .get(end + 1)
                .is_some_and(|t| CORPORATE_SUFFIXES.contains(&t.text));
        if short_end == end && !comma_suffix {
            i = end.max(i + 1);
            continue;
        }
        let short = org_text(&toks, i, short_end);
        let mut full_end = end;
        if comma_suffix {
            full_end = end + 2;
        }
        let mut full = text[toks[i].start..toks[full_end - 1].end].to_string();
        // `Inc` then a separate full stop.
        if toks.get(full_end).is_some_and(|t| t.text == ".")
            && !full.ends_with('.')
            && toks[full_end - 1].end == toks[full_end].start
        {
            full.push('.');
            full_end += 1;
        }
        let mut aliases = vec![short.clone()];
        // `("Larkfield")`: a short name defined in quotation marks.
        let quote = |t: &Token| matches!(t.text, "\"" | "“" | "”" | "'" | "‘" | "’");
        if toks.get(full_end).is_some_and(|t| t.text == "(")
            && toks.get(full_end + 1).is_some_and(quote)
        {
            let from = full_end + 2;
            let to = run_end(&toks, from);
            if to > from
                && toks.get(to).is_some_and(quote)
                && toks.get(to + 1).is_some_and(|t| t.text == ")")
            {
                let term = name_text(&toks, from, to);
                if short.starts_with(&term) {
                    aliases.push(term);
                }
            }
        }
        match out.iter_mut().find(|(n, _)| *n == full) {
            Some((_, known)) => {
                for a in aliases {
                    if !known.contains(&a) {
                        known.push(a);
                    }
                }
            }
            None => out.push((full, aliases)),
        }
        i = full_end.max(i + 1);
    }
    out
}

/// Organisations whose names have no generic head word, known by what the text says of them:
/// a role only an organisation has after the name's possessive (`Tarrant Mining's chief
/// executive`), an apposition whose head is an organisation noun (`Nightingale Aid, a charity
/// that runs two clinics,`), or such a noun right before the name (`the armed group Saraya
/// al-Nasr`). Returns each name with the noun that describes it, when there is one.
pub fn described_organizations(text: &str) -> Vec<(String, Option<String>)> {
    let toks = tokens(text);
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    let mut push = |name: String, noun: Option<String>| {
        if !name.is_empty() && !out.iter().any(|(n, _)| *n == name) {
            out.push((name, noun));
        }
    };
    let mut i = 0;
    while i < toks.len() {
        if !is_name_word(&toks[i]) || (i > 0 && is_name_word(&toks[i - 1])) {
            i += 1;
            continue;
        }
        // `Council for Human Rights`: the end of a longer name is no name of its own.
        if continues_a_name(&toks, i) {
            i = run_end(&toks, i);
            continue;
        }
        let end = joined_run_end(&toks, i);
        let run = &toks[i..end];
        // Titles and people's names are no organisations: a role word in the run, or a
        // run that is a title and a name (`Transport Minister Yusuf Ardent`).
        let personal = run.iter().any(|t| {
            lexicon::is_role_head(strip_possessive(t.text))
                || lexicon::is_honorific(t.text)
                || lexicon::is_org_head(t.text)
        });
        if personal {
            i = end;
            continue;
        }
        let name = org_text(&toks, i, end);
        let words = end - i;
        // `Tarrant Mining's chief executive`
        if words >= 2 && is_possessive(toks[end - 1].text) {
            let role = toks[end..]
                .iter()
                .take(3)
                .take_while(|t| t.word && !is_capitalized(t.text))
                .find(|t| !lexicon::is_role_modifier(t.text) || lexicon::is_org_only_role(t.text));
            if role.is_some_and(|t| lexicon::is_org_only_role(t.text)) {
                push(name.clone(), None);
            }
        }
        // `Nightingale Aid, a charity that runs two clinics,`; one word only when the
        // apposition is closed (`Tellis, the packaging group, agreed`), not a sentence's
        // opening word before its subject (`Yesterday, the group said`).
        if toks.get(end).is_some_and(|t| t.text == ",") {
            let head = apposition_head(&toks, end + 1);
            let closed = || {
                toks[end + 1..]
                    .iter()
                    .find(|t| !t.word)
                    .is_some_and(|t| matches!(t.text, "," | "."))
            };
            // `the Sejmik, the lower house.`: a legislature.
            let org =
                |n: &String| lexicon::is_org_noun(n) || lexicon::is_org_kind(n) || n == "house";
            if let Some(noun) = head.filter(org)
                && (words >= 2 || (closed() && !lexicon::is_not_name(run[0].text)))
            {
                push(name.clone(), Some(noun));
            }
        }
        // `Ash & Oak`: names joined by an ampersand are a firm's, never a person's.
        if run.iter().any(|t| t.text == "&") {
            push(name.clone(), None);
        }
        let last_plain = !is_possessive(toks[end - 1].text);
        // `the Civic Forward party`, `the Sadrist movement`: the kind of organisation after
        // the name, lower case; `the Tarsk Region government`, a place's government, keeps
        // the noun in its name.
        if last_plain
            && let Some(after) = toks.get(end).filter(|t| t.word && !is_capitalized(t.text))
            && !toks.get(end + 1).is_some_and(is_name_word)
        {
            let noun = lower(after.text);
            let the = i > 0 && lower(toks[i - 1].text) == "the";
            if the && NAMED_KINDS.contains(&noun.as_str()) {
                push(name.clone(), Some(noun));
            } else if words >= 2 && matches!(noun.as_str(), "government" | "administration") {
                push(format!("{name} {noun}"), Some(noun));
            }
        }
        // `Southfield Power, which owns the dam,`: what only an organisation does.
        if last_plain
            && toks.get(end).is_some_and(|t| t.text == ",")
            && toks.get(end + 1).is_some_and(|t| lower(t.text) == "which")
            && toks
                .get(end + 2)
                .is_some_and(|t| ORG_VERBS.contains(&lower(t.text).as_str()))
        {
            push(name.clone(), None);
        }
        // `the armed group Saraya al-Nasr`, `mining company Tarrant Mining`
        if let Some(before) = i.checked_sub(1).map(|b| &toks[b])
            && before.word
            && !is_capitalized(before.text)
            && (lexicon::is_org_noun(before.text) || lexicon::is_org_kind(before.text))
            && !(words == 1 && lexicon::is_not_name(run[0].text))
        {
            push(name, Some(lower(before.text)));
        }
        i = end;
    }
    for (name, noun) in who_chairs(&toks)
        .into_iter()
        .chain(listed_with_a_kind(&toks))
    {
        push(name, noun);
    }
    out
}

/// Kinds of organisation a name may be followed by in lower case: `the Civic Forward party`.
const NAMED_KINDS: &[&str] = &[
    "party",
    "movement",
    "group",
    "militia",
    "faction",
    "alliance",
    "coalition",
    "bloc",
    "front",
    "union",
    "company",
    "firm",
    "bank",
    "club",
    "chain",
    "channel",
    "network",
    "charity",
];

/// What `X, which ...` says only of an organisation: `which owns the dam`.
const ORG_VERBS: &[&str] = &[
    "owns",
    "runs",
    "operates",
    "employs",
    "manages",
    "manufactures",
    "makes",
    "sells",
    "supplies",
    "represents",
    "publishes",
    "broadcasts",
];

/// Plural nouns for an organisation's places of business: `sold at TinyHarbour and Nestling
/// Home stores`.
const OUTLET_NOUNS: &[&str] = &[
    "stores",
    "shops",
    "supermarkets",
    "branches",
    "restaurants",
    "hotels",
    "pharmacies",
    "outlets",
];

/// `who chairs Te Rūnanga o Ngāti Mōhio`, `who runs Ash & Oak`: what a person chairs,
/// leads or runs, written with capitals, is an organisation (short lower-case words may join
/// its capitalised words).
fn who_chairs(toks: &[Token]) -> Vec<(String, Option<String>)> {
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    for k in 0..toks.len().saturating_sub(2) {
        let leads = lower(toks[k].text) == "who"
            && matches!(
                lower(toks[k + 1].text).as_str(),
                "chairs" | "leads" | "heads" | "runs" | "directs" | "founded" | "manages" | "owns"
            );
        if !leads || !is_name_word(&toks[k + 2]) {
            continue;
        }
        let from = k + 2;
        let mut end = from;
        let mut j = from;
        while j < toks.len() {
            let t = &toks[j];
            if is_name_word(t) {
                j += 1;
                end = j;
                if is_possessive(t.text) {
                    break;
                }
            } else if t.text == "&"
                || (t.word && t.text.chars().count() <= 3 && !is_capitalized(t.text))
            {
                // `o`, `of`, `for`, `de`, `&`: only between capitalised words.
                j += 1;
            } else {
                break;
            }
        }
        if end == from || is_possessive(toks[end - 1].text) {
            continue;
        }
        let name = org_text(toks, from, end);
        if !out.iter().any(|(n, _)| *n == name) {
            out.push((name, None));
        }
    }
    out
}

/// `at Marsh & Reed, TinyHarbour and Nestling Home stores`: names listed before a plural
/// noun for places of business are organisations.
fn listed_with_a_kind(toks: &[Token]) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    for k in 1..toks.len() {
        if !(toks[k].word && OUTLET_NOUNS.contains(&toks[k].text) && is_name_word(&toks[k - 1])) {
            continue;
        }
        // Back over the list: NAME, NAME and NAME.
        let mut end = k;
        loop {
            let start = run_start_joined(toks, end);
            if start == end {
                break;
            }
            let first = toks[start].text;
            if lexicon::is_not_name(first) || lexicon::is_place_prefix(first) {
                break;
            }
            let kind = toks[k].text.trim_end_matches('s');
            out.push((org_text(toks, start, end), Some(kind.to_string())));
            match start.checked_sub(1).map(|b| toks[b].text) {
                Some(",") | Some("and") if start >= 2 && is_name_word(&toks[start - 2]) => {
                    end = start - 1;
                }
                _ => break,
            }
        }
    }
    out
}

/// Where the run of name words ending at `end` starts, over ampersands (`Marsh & Reed`).
fn run_start_joined(toks: &[Token], end: usize) -> usize {
    let mut s = run_start(toks, end);
    while s >= 2 && toks[s - 1].text == "&" && is_name_word(&toks[s - 2]) {
        s = run_start(toks, s - 1);
    }
    s
}

/// Whether token `k` opens a sentence (past an opening `The`).
fn opens_sentence(toks: &[Token], k: usize) -> bool {
    let stop = |t: &Token| matches!(t.text, "." | "!" | "?");
    let quote = |t: &Token| matches!(t.text, "\"" | "”" | "’" | "'");
    k == 0 || stop(&toks[k - 1]) || (k >= 2 && quote(&toks[k - 1]) && stop(&toks[k - 2]))
}

/// The org noun that opens the sentence starting at token `k` (`The aid group said`,
/// `The club said`): `The`, at most two lower-case words, the noun, then a lower-case word.
fn org_noun_opening(toks: &[Token], k: usize) -> Option<String> {
    if toks.get(k).is_none_or(|t| t.text != "The") {
        return None;
    }
    (k + 1..(k + 4).min(toks.len())).find_map(|n| {
        let t = &toks[n];
        if !t.word || is_capitalized(t.text) {
            return None;
        }
        let before_ok = toks[k + 1..n]
            .iter()
            .all(|w| w.word && !is_capitalized(w.text) && !VERB_MARKS.contains(&w.text));
        let then_verb = toks
            .get(n + 1)
            .is_some_and(|v| v.word && !is_capitalized(v.text));
        let noun = lexicon::is_org_noun(t.text) || lexicon::is_org_kind(t.text);
        (before_ok && then_verb && noun).then(|| lower(t.text))
    })
}

/// Where the sentence after the one holding token `k` starts: (paragraph, token).
fn next_sentence(all: &[Vec<Token>], p: usize, k: usize) -> Option<(usize, usize)> {
    let toks = &all[p];
    match toks[k..]
        .iter()
        .position(|t| matches!(t.text, "." | "!" | "?"))
    {
        Some(stop) => {
            let mut at = k + stop + 1;
            while toks
                .get(at)
                .is_some_and(|t| matches!(t.text, "\"" | "”" | "’" | "'"))
            {
                at += 1;
            }
            if at < toks.len() {
                Some((p, at))
            } else {
                (p + 1 < all.len()).then_some((p + 1, 0))
            }
        }
        None => (p + 1 < all.len()).then_some((p + 1, 0)),
    }
}

/// Organisations named without any generic head word (`Ashby Town`, `Ash & Oak`,
/// `Red Crescent`), recognised in a whole article by what it does with them: `a spokesman
/// for X`, `an analyst at X`, `the managing director of X`, `shares in X`, a name that ends a
/// sentence after `the` or opens one as its subject when the next sentence opens with `The`
/// and an organisation's noun (`... the Tessel Red Crescent. The aid group said`), `the X`
/// whose last word later speaks as `the operator said`. Only names of two words or more
/// that nothing shows to be a person's (a title before them, `, who`, an age after them,
/// their last word alone elsewhere) or a place's (`in X`, a street's or district's last
/// word, a place's first word). Returns each with the noun the article describes it by.
pub fn organizations_by_context(paragraphs: &[&str]) -> Vec<(String, Option<String>)> {
    let all: Vec<Vec<Token>> = paragraphs.iter().map(|p| tokens(p)).collect();
    // Every run of name words: paragraph, start, end, name.
    let mut runs: Vec<(usize, usize, usize, String)> = Vec::new();
    for (p, toks) in all.iter().enumerate() {
        let mut i = 0;
        while i < toks.len() {
            if !is_name_word(&toks[i]) || (i > 0 && is_name_word(&toks[i - 1])) {
                i += 1;
                continue;
            }
            let end = joined_run_end(toks, i);
            runs.push((p, i, end, org_text(toks, i, end)));
            i = end;
        }
    }
    let alone: Vec<&str> = runs
        .iter()
        .filter(|(p, s, e, _)| e - s == 1 && !continues_a_name(&all[*p], *s))
        .map(|(p, s, _, _)| strip_possessive(all[*p][*s].text))
        .collect();
    let lower_the_then_verb = |word: &str| {
        all.iter().any(|toks| {
            toks.windows(3).any(|w| {
                lower(w[0].text) == "the"
                    && w[1].text == word
                    && w[2].word
                    && !is_capitalized(w[2].text)
                    && lexicon::is_reporting_verb(w[2].text)
            })
        })
    };
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    for &(p, s, e, ref name) in &runs {
        let toks = &all[p];
        let run = &toks[s..e];
        let words: Vec<&Token> = run.iter().filter(|t| t.word).collect();
        if words.len() < 2 || out.iter().any(|(n, _)| n == name) {
            continue;
        }
        // `the X`: the word before the run, past `the`.
        let the = s > 0 && lower(toks[s - 1].text) == "the";
        let b = if the { s - 1 } else { s };
        let two_before = |first: &dyn Fn(&str) -> bool, second: &str| {
            b >= 2
                && toks[b - 1].word
                && lower(toks[b - 1].text) == second
                && toks[b - 2].word
                && first(toks[b - 2].text)
        };
        let spokesman = |w: &str| {
            matches!(
                lower(w).as_str(),
                "spokesman" | "spokeswoman" | "spokesperson" | "spokespeople"
            )
        };
        let holding = |w: &str| matches!(lower(w).as_str(), "shares" | "stake" | "stakes");
        let mut noun: Option<Option<String>> = None;
        if two_before(&spokesman, "for")
            || two_before(&|w| lexicon::is_role_head(w), "at")
            || two_before(&|w| lexicon::is_org_only_role(w), "of")
            || two_before(&holding, "in")
        {
            noun = Some(None);
        }
        // `... the Tessel Red Crescent. The aid group said`, `Ashby Town sacked its
        // coach ... The club said`.
        let subject = opens_sentence(toks, b)
            && toks
                .get(e)
                .is_some_and(|t| t.word && !is_capitalized(t.text));
        let ends_sentence = the && toks.get(e).is_some_and(|t| t.text == ".");
        if noun.is_none()
            && (subject || ends_sentence)
            && let Some((np, nk)) = next_sentence(&all, p, e)
            && let Some(org_noun) = org_noun_opening(&all[np], nk)
        {
            // `the group` may later stand for any organisation: only a noun of its own
            // (`club`, `charity`) describes it.
            let generic = matches!(
                org_noun.as_str(),
                "group" | "organisation" | "organization" | "body"
            );
            noun = Some((!generic).then_some(org_noun));
        }
        // `The Calloway Grid Operator ordered the cuts ... the operator said`.
        let last = words[words.len() - 1].text;
        if noun.is_none() && the && lower_the_then_verb(&lower(strip_possessive(last))) {
            noun = Some(None);
        }
        let Some(noun) = noun else {
            continue;
        };
        if !could_be_an_organization(&all, &runs, name, &alone) {
            continue;
        }
        out.push((name.clone(), noun));
    }
    out
}

/// Whether a name no rule knows the head of may be an organisation's: no title or role word,
/// no month, no place's first or last word, no dateline capitals; and nowhere in the article
/// a person's (a title or role noun right before it, `, who` or an age after it, its last
/// word alone) or a place's (`in X`, `near X`).
fn could_be_an_organization(
    all: &[Vec<Token>],
    runs: &[(usize, usize, usize, String)],
    name: &str,
    alone: &[&str],
) -> bool {
    let words: Vec<&str> = name.split_whitespace().filter(|w| *w != "&").collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    let shape_ok = !lexicon::is_honorific(first)
        && !lexicon::is_rank(first)
        && !words.iter().any(|w| {
            lexicon::is_role_head(w)
                || lexicon::is_org_head(w)
                || lexicon::is_not_name(w)
                || (w.chars().filter(|c| c.is_alphabetic()).count() >= 4
                    && !w.chars().any(char::is_lowercase))
        })
        && !lexicon::is_place_prefix(first)
        && !lexicon::is_place_head(last);
    if !shape_ok || alone.contains(last) {
        return false;
    }
    runs.iter()
        .filter(|(_, _, _, n)| n == name)
        .all(|&(p, s, e, _)| {
            let toks = &all[p];
            let before = s.checked_sub(1).map(|k| &toks[k]);
            let titled = before.is_some_and(|t| {
                t.word
                    && (lexicon::is_person_noun(t.text)
                        || lexicon::is_honorific(t.text)
                        || lexicon::is_rank(t.text))
            });
            let placed = before.is_some_and(|t| {
                matches!(
                    lower(t.text).as_str(),
                    "in" | "near" | "outside" | "around" | "across" | "towards" | "into"
                ) && !(s >= 2 && matches!(lower(toks[s - 2].text).as_str(), "shares" | "stake"))
            });
            let after = |k: usize| toks.get(e + k);
            let personal = after(0).is_some_and(|t| t.text == ",")
                && after(1).is_some_and(|t| lower(t.text) == "who" || is_age(t.text));
            !titled && !placed && !personal
        })
}

/// `Council for Human Rights`: a run right after `of` or `for` that follows a name
/// word or an organisation's head continues that name.
fn continues_a_name(toks: &[Token], start: usize) -> bool {
    start >= 2
        && toks[start - 1].word
        && matches!(lower(toks[start - 1].text).as_str(), "of" | "for")
        && (is_name_word(&toks[start - 2])
            || (is_capitalized(toks[start - 2].text) && lexicon::is_org_head(toks[start - 2].text)))
        && !is_possessive(toks[start - 2].text)
}

/// Where a run of name words starting at `start` ends, over ampersands between name words
/// (`Ash & Oak`).
pub(super) fn joined_run_end(toks: &[Token], start: usize) -> usize {
    let mut end = run_end(toks, start);
    while end > start
        && !is_possessive(toks[end - 1].text)
        && toks.get(end).is_some_and(|t| t.text == "&")
        && toks.get(end + 1).is_some_and(is_name_word)
    {
        end = run_end(toks, end + 1);
    }
    end
}

/// The head noun of an indefinite apposition starting at `from` (`a charity that runs ...`
/// → `charity`, `a member of the party` → `member`): the last word before a preposition, a
/// relative word or the end of the part.
fn apposition_head(toks: &[Token], from: usize) -> Option<String> {
    let first = toks.get(from)?;
    // `one of the factions that ...`: the plural noun, made singular.
    let one_of = lower(first.text) == "one"
        && toks.get(from + 1).is_some_and(|t| lower(t.text) == "of")
        && toks.get(from + 2).is_some_and(|t| lower(t.text) == "the");
    if one_of {
        let plural = apposition_head(toks, from + 2)?;
        return Some(match plural.strip_suffix("ies") {
            Some(stem) => format!("{stem}y"),
            None => plural.strip_suffix('s').unwrap_or(&plural).to_string(),
        });
    }
    if !matches!(lower(first.text).as_str(), "a" | "an" | "the") {
        return None;
    }
    let mut head = None;
    for (k, t) in toks.iter().enumerate().skip(from + 1) {
        let w = lower(t.text);
        // `the packaging and food group`: the noun after `and` is the head.
        let joins_nouns = matches!(w.as_str(), "and" | "or")
            && head.is_some()
            && toks
                .get(k + 1)
                .is_some_and(|n| n.word && !is_capitalized(n.text) && !is_determiner(n.text));
        if joins_nouns {
            continue;
        }
        if !t.word || BRIDGE_STOPS.contains(&w.as_str()) || lexicon::is_relative_start(&w) {
            break;
        }
        if VERB_MARKS.contains(&w.as_str()) {
            return None;
        }
        head = Some(w);
    }
    head
}

/// Whether a word is an acronym: two to eight letters, mostly capitals (`PMF`, `VERA`,
/// `MoMD`), starting with one.
pub(super) fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = word.chars().filter(|c| c.is_uppercase()).count();
    (2..=8).contains(&letters)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '&')
        && word.chars().next().is_some_and(char::is_uppercase)
        && capitals >= 2
        && capitals * 2 > letters
}

/// Names followed by their acronym in parentheses, whose capitals the name's words begin
/// with: `Popular Mobilization Forces (PMF)`, `Ministry of Migration and Displacement
/// (MoMD)`. Returns the name and the acronym.
pub fn acronyms(text: &str) -> Vec<(String, String)> {
    let toks = tokens(text);
    let mut out = Vec::new();
    for k in 0..toks.len() {
        let (Some(open), Some(acr), Some(close)) = (toks.get(k), toks.get(k + 1), toks.get(k + 2))
        else {
            continue;
        };
        if open.text != "(" || close.text != ")" || !acr.word || !is_acronym(acr.text) {
            continue;
        }
        let capitals: Vec<char> = acr.text.chars().filter(|c| c.is_uppercase()).collect();
        // Read back over as many capitalised words as the acronym has capitals, with `of`,
        // `and`, `for`, `the` between them.
        let mut s = k;
        let mut initials = Vec::new();
        while s > 0 && initials.len() < capitals.len() {
            let t = &toks[s - 1];
            // `Drug and Food Control & Registration (NADFCR)`
            if t.text == "&" {
                s -= 1;
                continue;
            }
            if !t.word {
                break;
            }
            if is_capitalized(t.text) && !lexicon::is_not_name(t.text) {
                initials.push(t.text.chars().next().unwrap_or(' '));
                s -= 1;
            } else if matches!(lower(t.text).as_str(), "of" | "and" | "for" | "the" | "on") {
                s -= 1;
            } else {
                break;
            }
        }
        initials.reverse();
        if initials != capitals {
            continue;
        }
        while s < k && !is_capitalized(toks[s].text) {
            s += 1;
        }
        let name = org_text(&toks, s, k);
        if !name.is_empty() && !out.iter().any(|(n, _)| *n == name) {
            out.push((name, acr.text.to_string()));
        }
    }
    out
}

/// `The Veldt Energy Regulatory Authority (VERA)` → without the acronym in parentheses.
pub(super) fn without_acronym(part: &str) -> &str {
    let trimmed = part.trim_end();
    if let Some(inner) = trimmed.strip_suffix(')')
        && let Some((head, acr)) = inner.rsplit_once('(')
        && is_acronym(acr.trim())
    {
        return head.trim_end();
    }
    part
}

/// The comma-separated parts of a phrase, commas inside no quotation.
pub(super) fn parts(text: &str) -> Vec<&str> {
    // `4,000 members`: a comma between digits is part of a number.
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    for (i, _) in text.match_indices(',') {
        let in_number = i > 0
            && bytes[i - 1].is_ascii_digit()
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        if !in_number {
            out.push(&text[from..i]);
            from = i + 1;
        }
    }
    out.push(&text[from..]);
    out
}

pub(super) fn first_word(part: &str) -> Option<String> {
    tokens(part)
        .into_iter()
        .find(|t| t.word)
        .map(|t| lower(t.text))
}

/// The role an apposition part of a speaker phrase gives (`a 34-year-old teacher who swam
/// for two hours` → `34-year-old teacher`), or None when the part is no role.
pub(super) fn role_part(part: &str) -> Option<String> {
    // `president of the Food Workers Union (FWU)`: the acronym names the organisation only.
    let part = without_acronym(part);
    let toks = tokens(part);
    let (role, end) = role_after(part, &toks, 0)?;
    let rest: Vec<&Token> = toks[end..].iter().filter(|t| t.word).collect();
    match rest.first() {
        None => Some(role),
        Some(t) if lexicon::is_relative_start(t.text) => Some(role),
        Some(_) => None,
    }
}

/// `a crane operator`, `an engineer with the Teller Guild`, `a pharmacist who runs a clinic`:
/// an indefinite noun phrase set off after a name says what the person is. The role is the
/// phrase without its article, up to a relative clause; a verb inside makes it no role.
pub fn appositive(part: &str) -> Option<String> {
    let toks: Vec<Token> = tokens(part).into_iter().filter(|t| t.word).collect();
    let first = toks.first()?;
    // `Rhys Talbot, 58, one of the dismissed men,`
    if lower(first.text) == "one" && toks.get(1).is_some_and(|t| lower(t.text) == "of") {
        let words = toks.len();
        let verb = toks
            .iter()
            .any(|t| VERB_MARKS.contains(&lower(t.text).as_str()));
        return (words <= 10 && !verb).then(|| part.trim().to_string());
    }
    if !matches!(lower(first.text).as_str(), "a" | "an") {
        return None;
    }
    let mut end = 1;
    while end < toks.len() && !lexicon::is_relative_start(toks[end].text) {
        let w = lower(toks[end].text);
        if VERB_MARKS.contains(&w.as_str())
            || (lexicon::is_reporting_verb(&w) && !is_capitalized(toks[end].text))
        {
            return None;
        }
        end += 1;
    }
    if end == 1 || end > 14 {
        return None;
    }
    Some(part[toks[1].start..toks[end - 1].end].trim().to_string())
}

/// Whether a part of a phrase names a person (a full name or a surname).
pub(super) fn names_a_person(part: &str) -> bool {
    matches!(
        parse_head(part),
        Some(Head::Person { .. } | Head::Surname(_))
    )
}

/// A phrase without the adverbs that end it: `Brandt later` → `Brandt`, `the minister
/// reportedly` → `the minister`.
fn without_trailing_adverbs(part: &str) -> &str {
    let mut rest = part.trim_end();
    while let Some((head, last)) = rest.rsplit_once(' ') {
        let adverb = last.chars().all(|c| c.is_lowercase())
            && (LEAD_INS.contains(&last) || (last.len() > 4 && last.ends_with("ly")));
        if !adverb {
            break;
        }
        rest = head.trim_end();
    }
    rest
}

/// The speaker phrase that ends where the speech verb starts, read backwards over its
/// commas: `Ana Sorel, leader of the Green Party,` or `On Tuesday, a
/// well-informed political source`.
pub fn subject_before(text: &str) -> Option<Phrase> {
    let all = parts(text);
    let mut roles = Vec::new();
    let mut anonymity = false;
    let mut k = all.len();
    while k > 0 {
        k -= 1;
        let part = all[k].trim();
        if part.is_empty() {
            continue;
        }
        let first = first_word(part).unwrap_or_default();
        if lexicon::is_relative_start(&first) {
            anonymity |= lexicon::marks_anonymity(part);
            continue;
        }
        // `Student Ilse Marren, 17, said`; `Kovac, in a letter to the president, wrote`
        let parenthetical = matches!(
            first.as_str(),
            "in" | "at" | "on" | "during" | "from" | "with" | "after" | "before" | "via"
        );
        if k > 0 && (is_age(part) || parenthetical) && all[..k].iter().any(|p| !p.trim().is_empty())
        {
            continue;
        }
        // `Brandt later said`, `Kovac also said`: the adverb is not part of the name.
        let part = without_trailing_adverbs(part);
        let titled_name_after_definite = k > 0
            && matches!(parse_head(part), Some(Head::Person { .. }))
            && matches!(parse_head(all[k - 1].trim()), Some(Head::Definite(_)));
        if k > 0
            && !titled_name_after_definite
            && all[..k].iter().any(|p| !p.trim().is_empty())
            && let Some(role) = role_part(part)
        {
            roles.insert(0, role);
            continue;
        }
        // `Oleg Sarin, a wheat farmer from the plain,`: what the named person is.
        if k > 0
            && let Some(role) = appositive(part)
            && all[..k]
                .iter()
                .rev()
                .find(|p| !p.trim().is_empty() && !is_age(p))
                .is_some_and(|p| {
                    names_a_person(p) || matches!(parse_head(p), Some(Head::Organization(_)))
                })
        {
            roles.insert(0, role);
            continue;
        }
        let head = parse_head(part)?;
        // `The adviser, Dr Nadia Kareem,`: a definite description, then the name.
        let introduced = match (&head, k.checked_sub(1).map(|j| parse_head(all[j].trim()))) {
            (Head::Person { .. }, Some(Some(Head::Definite(words)))) => Some(words),
            _ => None,
        };
        let from = if introduced.is_some() { k - 1 } else { k };
        let written = all[from..]
            .join(",")
            .trim()
            .trim_end_matches(',')
            .trim()
            .to_string();
        anonymity |= lexicon::marks_anonymity(&written);
        return Some(Phrase {
            head,
            roles,
            written,
            anonymity,
            introduced,
        });
    }
    None
}

/// The speaker phrase that starts a text, read forwards: after a verb (`said Jon Reyes,
/// head of ...`) or after `according to`.
pub fn subject_after(text: &str) -> Option<Phrase> {
    let all = parts(text);
    let head_part = all.first()?.trim();
    let mut roles = Vec::new();
    let mut used = 1;
    // `said one docker, Ali Reza`, `said the union's leader, Ana Dova`: a description of a
    // person, then the person's name, who is the speaker.
    let named = all.get(1).and_then(|p| match parse_head(p.trim()) {
        Some(person @ Head::Person { .. }) => describes_a_person(head_part).map(|d| (person, d)),
        _ => None,
    });
    let head = match named {
        Some((person, description)) => {
            roles.push(description);
            used = 2;
            person
        }
        None => parse_head(head_part)?,
    };
    let mut anonymity = lexicon::marks_anonymity(head_part);
    for part in &all[used..] {
        let p = part.trim();
        if p.is_empty() {
            break;
        }
        let first = first_word(p).unwrap_or_default();
        if is_age(p) {
            // `said Jonas Brekk, 47, a crane operator`
        } else if lexicon::is_relative_start(&first) {
            anonymity |= lexicon::marks_anonymity(p);
        } else if let Some(role) = role_part(p) {
            roles.push(role);
        } else if let Some(role) = appositive(p).filter(|_| names_a_person(head_part)) {
            roles.push(role);
        } else {
            break;
        }
        used += 1;
    }
    let written = all[..used].join(",").trim().to_string();
    Some(Phrase {
        head,
        roles,
        written,
        anonymity,
        introduced: None,
    })
}

/// The phrases that may be the subject opening a sentence, for a verb that shares it
/// (`Education Minister Corin Vade met union leaders and said ...`, `Opposition leader Dana
/// Firuz blamed the government, saying ...`): for each lower-case word after a name among the
/// first words, the speaker phrase before it; a leading pronoun alone. The caller takes the
/// first it can resolve.
pub fn opening_subjects(sentence: &str) -> Vec<Phrase> {
    let toks: Vec<Token> = tokens(sentence).into_iter().filter(|t| t.word).collect();
    let Some(first) = toks.first() else {
        return Vec::new();
    };
    if lexicon::pronoun(first.text).is_some() {
        return subject_before(&sentence[..first.end]).into_iter().collect();
    }
    let mut out = Vec::new();
    // `The judge was scathing`: a definite description, up to its verb.
    if matches!(lower(first.text).as_str(), "the" | "its" | "their") {
        let verb = toks.iter().take(6).skip(2).find(|t| {
            let w = lower(t.text);
            VERB_MARKS.contains(&w.as_str()) || lexicon::is_reporting_verb(&w)
        });
        if let Some(v) = verb
            && let Some(phrase) = subject_before(&sentence[..v.start])
        {
            out.push(phrase);
        }
    }
    for k in 1..toks.len().min(12) {
        let t = &toks[k];
        // `The Central Bank of Ostmark kept`: `of` joins a name, `kept` follows it.
        let opens_verb = t.text.chars().next().is_some_and(char::is_lowercase)
            && !is_particle_name(t.text)
            && !NAME_CONNECTORS.contains(&lower(t.text).as_str())
            && !BRIDGE_STOPS.contains(&lower(t.text).as_str())
            && !is_determiner(t.text);
        if !opens_verb {
            continue;
        }
        // `The Union for Renewal (URJ) rejected`, `..., the Union for Renewal (URJ), on
        // Tuesday rejected`: the subject ends at an acronym, or before a day it acted on.
        let subject_end =
            if is_name_word(&toks[k - 1]) || sentence[..t.start].trim_end().ends_with(')') {
                Some(t.start)
            } else {
                day_before(&toks, k).map(|on| toks[on].start)
            };
        if let Some(end) = subject_end
            && let Some(phrase) = subject_before(&sentence[..end])
        {
            out.push(phrase);
        }
    }
    out
}

/// `on Tuesday`, `on Monday night` right before word `k`: where its `on` is.
fn day_before(toks: &[Token], k: usize) -> Option<usize> {
    let mut j = k.checked_sub(1)?;
    if matches!(
        lower(toks[j].text).as_str(),
        "night" | "morning" | "evening" | "afternoon"
    ) {
        j = j.checked_sub(1)?;
    }
    let on = j.checked_sub(1)?;
    (lexicon::weekday(toks[j].text).is_some() && lower(toks[on].text) == "on").then_some(on)
}

/// `one docker`, `the union's leader`, `a local farmer`: a description whose last word says
/// what a person is, without its article (`docker`, `union's leader`).
fn describes_a_person(part: &str) -> Option<String> {
    let toks: Vec<Token> = tokens(part).into_iter().filter(|t| t.word).collect();
    let first = lower(toks.first()?.text);
    let last = toks.last()?;
    let opens = matches!(
        first.as_str(),
        "a" | "an" | "one" | "the" | "its" | "their" | "his" | "her"
    ) || is_possessive(toks[0].text);
    let skip = usize::from(!is_possessive(toks[0].text));
    let person = lexicon::is_person_noun(last.text) || lexicon::has_agent_ending(last.text);
    let plain = toks.len() <= 6
        && toks[1..].iter().all(|t| {
            let w = lower(t.text);
            !VERB_MARKS.contains(&w.as_str()) && !lexicon::is_relative_start(&w)
        });
    (opens && person && plain && toks.len() > skip)
        .then(|| part[toks[skip].start..last.end].trim().to_string())
}

/// Reads one part of a speaker phrase.
pub fn parse_head(part: &str) -> Option<Head> {
    // `The Joint Border Command (JBC)`: a name its acronym spells is an organisation's,
    // whatever its last word.
    if let Some((name, _)) = acronyms(part).pop()
        && without_acronym(part).ends_with(name.as_str())
        && part.trim_end().ends_with(')')
    {
        let lead = without_acronym(part)
            .strip_suffix(name.as_str())
            .unwrap_or_default();
        let lead_words: Vec<Token> = tokens(lead).into_iter().filter(|t| t.word).collect();
        if lead_words
            .iter()
            .all(|t| is_determiner(t.text) || LEAD_INS.contains(&lower(t.text).as_str()))
        {
            return Some(Head::Organization(name));
        }
    }
    let part = without_acronym(part);
    let toks: Vec<Token> = tokens(part).into_iter().filter(|t| t.word).collect();
    let first = toks.first()?;
    if toks.len() == 1
        && let Some(p) = lexicon::pronoun(first.text)
    {
        return Some(Head::Pronoun(p));
    }
    let first_lower = lower(first.text);
    // An unnamed source: `a well-informed political source`, `sources close to ...`.
    let article = matches!(first_lower.as_str(), "a" | "an")
        || (first_lower == "one" && toks.get(1).is_some_and(|t| lower(t.text) != "of"));
    let plural_start = !article
        && lexicon::is_anonymous_head(first.text)
        && first_lower.ends_with('s')
        && toks.len() > 1;
    if article || plural_start {
        let from = if article { 1 } else { 0 };
        let description = cut_description(part, &toks[from..])?;
        let words: Vec<&str> = description.split_whitespace().collect();
        let head_at = words.iter().take(5).position(|w| {
            lexicon::is_anonymous_head(w.trim_matches(|c: char| !c.is_alphanumeric()))
        })?;
        let plural = words[head_at].ends_with('s');
        return Some(Head::Anonymous {
            description,
            plural,
        });
    }
    if matches!(first_lower.as_str(), "the" | "its" | "their") {
        let rest = &toks[1..];
        if rest.is_empty() {
            return None;
        }
        // `the PMF`
        if let [only] = rest
            && is_acronym(only.text)
        {
            return Some(Head::Organization(only.text.to_string()));
        }
        // `the Red Valley Brigades`, `the Iraqi Ministry of Trade`
        let text_rest = &part[rest[0].start..];
        if let Some(org) = organizations(text_rest).into_iter().next()
            && text_rest
                .trim_end()
                .ends_with(org.split_whitespace().last().unwrap_or(""))
        {
            return Some(Head::Organization(org));
        }
        // `the source`, `the ministry`, `the grid operator`: the words up to a preposition.
        let nouns: Vec<&Token> = rest
            .iter()
            .take_while(|t| {
                !matches!(
                    lower(t.text).as_str(),
                    "of" | "in" | "at" | "from" | "with" | "for" | "who"
                )
            })
            .collect();
        let noun = nouns.last()?;
        if is_capitalized(noun.text) || nouns.len() > 4 {
            return None;
        }
        return Some(Head::Definite(
            nouns
                .iter()
                .map(|t| lower(strip_possessive(t.text)))
                .collect(),
        ));
    }
    // A name at the end of the phrase, after its title.
    let words: Vec<Token> = tokens(part).into_iter().collect();
    let end = words.iter().rposition(|t| t.word)? + 1;
    let start = run_start(&words, end);
    if start == end {
        return None;
    }
    // `de Wit told the court`, `De Wit said`: a surname with its connectors.
    if let Some(surname) = connected_surname(part, &words, start, end) {
        return Some(Head::Surname(surname));
    }
    let run = &words[start..end];
    let org_at_end = is_org_run(run)
        || organizations(part)
            .iter()
            .any(|o| part.trim_end().ends_with(o.as_str()));
    // `Economist Ana Sorel of the Basra Institute`, `Ana Petrov of the Valley Red Cross`:
    // a person, with the organisation.
    {
        let mut k = start;
        if k > 0 && lower(words[k - 1].text) == "the" {
            k -= 1;
        }
        if k > 0
            && matches!(lower(words[k - 1].text).as_str(), "of" | "at" | "from")
            && let Some(Head::Person {
                name,
                title,
                address,
            }) = parse_head(&part[..words[k - 1].start])
        {
            let org = part[words[k - 1].start..].trim();
            let title = Some(match title {
                Some(t) => format!("{t} {org}"),
                None => org.to_string(),
            });
            return Some(Head::Person {
                name,
                title,
                address,
            });
        }
    }
    // Only lead-ins, titles and their modifiers may come before the name.
    let only_lead_ins = |from: usize| {
        !words[..from]
            .iter()
            .any(|t| t.word && !LEAD_INS.contains(&lower(t.text).as_str()))
    };
    let mut title_start = role_before(&words, start).unwrap_or(start);
    if !only_lead_ins(title_start) {
        // `bloc leader Maja Lindqvist`: lower-case words before the title.
        title_start = lower_case_role_before(&words, start).filter(|&s| only_lead_ins(s))?;
    }
    if org_at_end {
        let org = organizations(part).into_iter().last()?;
        return Some(Head::Organization(org));
    }
    let split = split_run(&words, start, end);
    let name_len = split.end - split.name;
    if name_len == 0 {
        return None;
    }
    let title_toks = &words[title_start..split.address];
    let title = (!title_toks.is_empty()).then(|| title_text(part, title_toks));
    if name_len == 1 {
        return Some(Head::Surname(
            strip_possessive(words[split.name].text).to_string(),
        ));
    }
    let address =
        (split.address < split.name).then(|| text_of(part, &words[split.address..split.name]));
    Some(Head::Person {
        name: name_text(&words, split.name, split.end),
        title,
        address,
    })
}

/// `de Wit`, `van der Berg`: lower-case connectors, then one name word, and nothing else in
/// the phrase.
fn connected_surname(part: &str, words: &[Token], start: usize, end: usize) -> Option<String> {
    let from = leading_connectors(words, start)?;
    (end - start == 1).then(|| {
        format!(
            "{} {}",
            text_of(part, &words[from..start]),
            strip_possessive(words[start].text)
        )
    })
}

/// `De Wit` opening a sentence: the surname `de Wit` it may be (a capitalised connector, then
/// one name word), for the registry to look up.
pub fn surname_with_capital_connector(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let (last, connectors) = words.split_last()?;
    let all_connectors = !connectors.is_empty()
        && connectors.len() <= MAX_CONNECTORS
        && connectors
            .iter()
            .all(|w| NAME_CONNECTORS.contains(&lower(w).as_str()));
    (all_connectors && is_capitalized(connectors[0])).then(|| {
        let mut out: Vec<String> = connectors.iter().map(|w| lower(w)).collect();
        out.push((*last).to_string());
        out.join(" ")
    })
}

/// `commuter Nell Ambry`, `retired pharmacist Omar Bell`: one or two lower-case words that
/// open the phrase right before a name, the last of them saying what a person is (a person
/// noun, or an agent noun by its shape). Returns where they start.
fn lower_case_role_before(words: &[Token], start: usize) -> Option<usize> {
    let before: Vec<&Token> = words[..start].iter().filter(|t| t.word).collect();
    let last = before.last()?;
    let plain = |t: &Token| {
        let w = lower(t.text);
        !is_capitalized(t.text)
            && t.text.chars().all(|c| c.is_alphabetic() || c == '-')
            && !BRIDGE_STOPS.contains(&w.as_str())
            && !VERB_MARKS.contains(&w.as_str())
            && !is_determiner(&w)
            && !LEAD_INS.contains(&w.as_str())
            && !lexicon::is_reporting_verb(&w)
    };
    let is_role = lexicon::is_person_noun(last.text) || lexicon::has_agent_ending(last.text);
    if before.len() > 2 || !before.iter().all(|t| plain(t)) || !is_role {
        return None;
    }
    words.iter().position(|t| t.word)
}

/// The description of an unnamed source, up to a relative clause: `senior official in the
/// Basra Water Authority` (from `a senior official in the Basra Water Authority who ...`).
pub(super) fn cut_description(part: &str, toks: &[Token]) -> Option<String> {
    let first = toks.first()?;
    let mut last = first;
    for t in toks {
        if lexicon::is_relative_start(t.text) || lexicon::is_reporting_verb(t.text) {
            break;
        }
        last = t;
    }
    let text = part[first.start..last.end].trim();
    if text.is_empty() {
        None
    } else {
        Some(text.to_string())
    }
}

/// `senior official` → `Senior official`.
pub(super) fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(text: &str) -> Vec<(String, Option<String>, Vec<String>)> {
        named_people(text)
            .into_iter()
            .map(|p| (p.name, p.title, p.roles))
            .collect()
    }

    #[test]
    fn a_given_name_with_a_role_s_ending_after_the_role() {
        let found = people("The board's chairman, Tolliman Vesk Arun, said so.");
        assert_eq!(found[0].0, "Tolliman Vesk Arun");
        assert_eq!(found[0].2, vec!["board's chairman"]);
    }

    #[test]
    fn a_name_followed_by_who_is_a_person() {
        let found = people("For Anya Rel Vask, who runs the clinic, it was late.");
        assert_eq!(found, vec![("Anya Rel Vask".into(), None, vec![])]);
    }

    #[test]
    fn appositions_in_a_list() {
        let text = "including Hadi al-Amiri, head of the Badr Organization, Qais al-Khazali, Secretary-General of Asa'eb Ahl al-Haq, and Hussein al-Hamidawi, commander of Kata'ib Hezbollah, among others";
        let found = people(text);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].0, "Hadi al-Amiri");
        assert_eq!(found[0].2, vec!["head of the Badr Organization"]);
        assert_eq!(found[1].0, "Qais al-Khazali");
        assert_eq!(found[1].2, vec!["Secretary-General of Asa'eb Ahl al-Haq"]);
        assert_eq!(found[2].0, "Hussein al-Hamidawi");
        assert_eq!(found[2].2, vec!["commander of Kata'ib Hezbollah"]);
    }

    #[test]
    fn titles_before_names() {
        let found = people("Coalition member Rasul Radi told Shafaq News");
        assert_eq!(
            found,
            vec![("Rasul Radi".into(), Some("Coalition member".into()), vec![])]
        );
        let found =
            people("left a positive impression on Iran’s Supreme Leader Sayyed Ali Khamenei.");
        assert_eq!(found[0].0, "Ali Khamenei");
        assert_eq!(found[0].1.as_deref(), Some("Supreme Leader of Iran"));
        let found = people("Speaker of Parliament Ilan Voss called on both sides");
        assert_eq!(found[0].1.as_deref(), Some("Speaker of Parliament"));
        let found = people("the arrest of former deputy governor Aurel Stanek on charges");
        assert_eq!(found[0].1.as_deref(), Some("former deputy governor"));
    }

    #[test]
    fn apposition_before_the_name() {
        let found = people(
            "The unannounced visit of Iranian Quds Force Commander, General Ismail Qaani, to Baghdad",
        );
        assert_eq!(found[0].0, "Ismail Qaani");
        assert_eq!(found[0].2, vec!["Iranian Quds Force Commander"]);
        let found = people("The commission’s chairman, Osric Vallance, rejected the demand.");
        assert_eq!(found[0].2, vec!["commission’s chairman"]);
        let found = people(
            "The commander of Oskavia’s Northern Army Group, General Dovan Rusk, held talks",
        );
        assert_eq!(
            found[0].2,
            vec!["commander of Oskavia’s Northern Army Group"]
        );
    }

    #[test]
    fn names_without_roles_are_not_people_here() {
        assert!(people("Rusk met Teshi Amaro at a farm. Shafaq News reported it.").is_empty());
        assert!(
            people("Iraqi Shia political parties, the Coordination Framework, and others")
                .is_empty()
        );
    }

    #[test]
    fn organization_names() {
        let orgs = organizations(
            "a member of the State of Law Coalition met the Karesh Ministry of Trade and the Isolde Dockworkers' Union’s head",
        );
        assert_eq!(
            orgs,
            vec![
                "State of Law Coalition",
                "Karesh Ministry of Trade",
                "Isolde Dockworkers' Union"
            ]
        );
    }

    #[test]
    fn two_words_after_and_finish_an_of_complement_unless_a_surname() {
        assert_eq!(
            organizations("The Ministry of Forests and Upland Pasture said so."),
            vec!["Ministry of Forests and Upland Pasture"]
        );
        assert_eq!(
            organizations("The Federation of Glass and Ceramic Workers met."),
            vec!["Federation of Glass and Ceramic Workers"]
        );
        // `Ruiz` stands alone later: a person, not part of the ministry's name.
        assert_eq!(
            organizations("The Ministry of Defence and Ana Ruiz met. Ruiz left."),
            vec!["Ministry of Defence"]
        );
        assert_eq!(
            organizations("The Ministry of Defence and Deputy Minister Ruiz met."),
            vec!["Ministry of Defence"]
        );
    }

    #[test]
    fn a_run_ending_in_an_institution_is_no_persons_name() {
        for text in [
            "The Regional Weather Centre (RWC) said so.",
            "Staff at Dunmoor Royal Infirmary walked out.",
            "The power firm, Lantern Grid Supply Limited, said so.",
        ] {
            assert!(named_people(text).is_empty(), "{text}");
        }
        assert_eq!(
            organizations("Staff at Dunmoor Royal Infirmary walked out."),
            vec!["Dunmoor Royal Infirmary"]
        );
        assert_eq!(
            organizations("The power firm, Lantern Grid Supply Limited, said so."),
            vec!["Lantern Grid Supply Limited"]
        );
    }

    #[test]
    fn a_given_name_shaped_like_an_agent_noun_after_by_is_no_role() {
        assert!(named_people("By Osman Halvar Dirie").is_empty());
        assert!(named_people("Reporting by Osman Halvar Dirie in Lodar").is_empty());
        // Elsewhere the shape still reads as a role.
        let people = named_people("Campaigner Elspeth Rann said so.");
        assert_eq!(people[0].title.as_deref(), Some("Campaigner"));
    }

    #[test]
    fn heads_of_speaker_phrases() {
        assert_eq!(parse_head("he"), Some(Head::Pronoun(Pronoun::He)));
        assert_eq!(parse_head("Radi"), Some(Head::Surname("Radi".into())));
        assert_eq!(
            parse_head("the source"),
            Some(Head::Definite(vec!["source".into()]))
        );
        assert_eq!(
            parse_head("the finance ministry"),
            Some(Head::Definite(vec!["finance".into(), "ministry".into()]))
        );
        assert_eq!(
            parse_head("Economist Hanna Brejcha of the Vessa Institute"),
            Some(Head::Person {
                name: "Hanna Brejcha".into(),
                title: Some("Economist of the Vessa Institute".into()),
                address: None
            })
        );
        assert_eq!(
            parse_head("a well-informed political source"),
            Some(Head::Anonymous {
                description: "well-informed political source".into(),
                plural: false
            })
        );
        assert_eq!(
            parse_head("Sources close to the investigation"),
            Some(Head::Anonymous {
                description: "Sources close to the investigation".into(),
                plural: true
            })
        );
        assert_eq!(
            parse_head("the Red Valley Brigades"),
            Some(Head::Organization("Red Valley Brigades".into()))
        );
        assert_eq!(
            parse_head("Coalition member Rasul Radi"),
            Some(Head::Person {
                name: "Rasul Radi".into(),
                title: Some("Coalition member".into()),
                address: None
            })
        );
        assert_eq!(
            parse_head("figures from the Karesh Chamber of Commerce"),
            None
        );
    }

    #[test]
    fn subjects_read_over_appositions_and_clauses() {
        let p = subject_before("Mara Ketteridge, leader of the Green Harbour Party, ").unwrap();
        assert!(matches!(p.head, Head::Person { ref name, .. } if name == "Mara Ketteridge"));
        assert_eq!(p.roles, vec!["leader of the Green Harbour Party"]);
        let p = subject_before("A union organiser who did not want to be named ").unwrap();
        assert!(
            matches!(p.head, Head::Anonymous { ref description, .. } if description == "union organiser")
        );
        assert!(p.anonymity);
        let p = subject_before("On Tuesday, a well-informed political source ").unwrap();
        assert!(matches!(p.head, Head::Anonymous { .. }));
        let p = subject_after("Ferro Albin, head of the Isolde Dockworkers' Union.").unwrap();
        assert!(matches!(p.head, Head::Person { ref name, .. } if name == "Ferro Albin"));
        assert_eq!(p.roles, vec!["head of the Isolde Dockworkers' Union"]);
        let p = subject_after("Juno Petrak, a 34-year-old teacher who swam for two hours").unwrap();
        assert_eq!(p.roles, vec!["34-year-old teacher"]);
    }

    #[test]
    fn titles_with_a_lower_case_word_and_of() {
        let found = people("Coast guard commander Rafe Olander told reporters");
        assert_eq!(found[0].1.as_deref(), Some("Coast guard commander"));
        let found =
            people("The head of the General Workers’ Federation, Mirek Sova, told Meridian Wire");
        assert_eq!(found[0].2, vec!["head of the General Workers’ Federation"]);
    }

    #[test]
    fn role_words_before_a_full_name() {
        let person = |name: &str, title: &str| Head::Person {
            name: name.into(),
            title: Some(title.into()),
            address: None,
        };
        // Known person nouns, and compounds ending in one.
        assert_eq!(
            parse_head("Shopkeeper Ivo Brask"),
            Some(person("Ivo Brask", "Shopkeeper"))
        );
        assert_eq!(
            parse_head("Headteacher Alma Roost"),
            Some(person("Alma Roost", "Headteacher"))
        );
        // An agent noun no list knows, by its shape: unsure, so the title says so.
        assert_eq!(
            parse_head("Pensioner Odile Varst"),
            Some(person("Odile Varst", "Pensioner"))
        );
        assert!(title_by_shape_only("Pensioner"));
        assert!(!title_by_shape_only("Farmer"));
        // A lower-case role word opening the phrase.
        assert_eq!(
            parse_head("commuter Pia Lunden"),
            Some(person("Pia Lunden", "commuter"))
        );
        // Two words are a name; a role word needs a full name after it.
        assert!(
            matches!(parse_head("Walter Brenn"), Some(Head::Person { ref name, title: None, .. }) if name == "Walter Brenn")
        );
        assert_eq!(people("Farmer Brask said it rained."), vec![]);
        let found = people("Fisherman Aled Tarrow said the catch was poor.");
        assert_eq!(found[0].0, "Aled Tarrow");
        assert_eq!(found[0].1.as_deref(), Some("Fisherman"));
    }

    #[test]
    fn a_title_and_a_surname_after_a_comma_are_the_speaker() {
        let p = subject_before("Speaking to the Vell Echo, Mayor Brisk ").unwrap();
        assert_eq!(p.head, Head::Surname("Brisk".into()));
        assert!(p.roles.is_empty());
        let p = subject_before("Mira Vost, in a letter to the president, ").unwrap();
        assert!(matches!(p.head, Head::Person { ref name, .. } if name == "Mira Vost"));
        assert_eq!(
            subject_before("Vost later ").unwrap().head,
            Head::Surname("Vost".into())
        );
        let p = subject_before("Addressing a rally, opposition leader Mira Vost ").unwrap();
        assert!(matches!(p.head, Head::Person { ref name, .. } if name == "Mira Vost"));
        // A title alone is still a role.
        let p = subject_before("Ana Sorel, Interior Minister, ").unwrap();
        assert_eq!(p.roles, vec!["Interior Minister"]);
    }

    #[test]
    fn a_description_then_the_name_after_the_verb() {
        let p = subject_after("one docker, Ali Varga.").unwrap();
        assert!(matches!(p.head, Head::Person { ref name, .. } if name == "Ali Varga"));
        assert_eq!(p.roles, vec!["docker"]);
        let p = subject_after("the union's leader, Ana Dova, in a phone call").unwrap();
        assert!(matches!(p.head, Head::Person { ref name, .. } if name == "Ana Dova"));
        assert_eq!(p.roles, vec!["union's leader"]);
        // A description with a verb in it is no title for the name after it.
        assert_eq!(describes_a_person("the man who was hurt"), None);
    }

    #[test]
    fn an_age_between_a_name_and_its_role() {
        let p = subject_after("Joren Falk, 47, a crane operator.").unwrap();
        assert_eq!(p.roles, vec!["crane operator"]);
        let p = subject_before("Mira Holt, 52, a net maker whose shop is shut, ").unwrap();
        assert!(matches!(p.head, Head::Person { ref name, .. } if name == "Mira Holt"));
        assert_eq!(p.roles, vec!["net maker"]);
        let found = people("Mira Holt, 52, a net maker, said orders had stopped.");
        assert_eq!(found[0].2, vec!["net maker"]);
    }

    #[test]
    fn organisations_without_a_generic_head_by_what_is_said_of_them() {
        let found = |text: &str| described_organizations(text);
        assert_eq!(
            found("Tarrow Copper's chief executive, Ula Brisk, resigned."),
            vec![("Tarrow Copper".to_string(), None)]
        );
        assert_eq!(
            found("Bright Lantern Aid, a charity that runs clinics, said so."),
            vec![(
                "Bright Lantern Aid".to_string(),
                Some("charity".to_string())
            )]
        );
        assert_eq!(
            found("Kata'ib Umm al-Rih, one of the militias that held the road, left."),
            vec![(
                "Kata'ib Umm al-Rih".to_string(),
                Some("militia".to_string())
            )]
        );
        assert_eq!(
            found("Fighters of the armed group Saraya al-Fath withdrew."),
            vec![("Saraya al-Fath".to_string(), Some("group".to_string()))]
        );
        // People: a role noun in the apposition, a politician's spokesman, a title.
        assert!(found("Omar Vell, a member of the party, spoke.").is_empty());
        assert!(found("Omar Vell's spokesman declined to comment.").is_empty());
        assert!(found("Transport Minister Ida Renn's chief of staff left.").is_empty());
        assert!(found("Lise Marr, a crane operator, said so.").is_empty());
    }

    #[test]
    fn plural_possessives_stay_in_organisation_names() {
        assert_eq!(
            organizations("the Small Boat Owners’ Association and the Brask Drivers' Union’s head"),
            vec!["Small Boat Owners’ Association", "Brask Drivers' Union"]
        );
    }

    #[test]
    fn people_of_an_organisation_and_unnamed_ones() {
        assert_eq!(
            parse_head("Ana Petrov of the Valley Red Cross"),
            Some(Head::Person {
                name: "Ana Petrov".into(),
                title: Some("of the Valley Red Cross".into()),
                address: None
            })
        );
        assert_eq!(
            parse_head("one shopkeeper"),
            Some(Head::Anonymous {
                description: "shopkeeper".into(),
                plural: false
            })
        );
        let found = people("The president’s chief of staff, Yvo Marten, told reporters");
        assert_eq!(found[0].2, vec!["president’s chief of staff"]);
    }

    #[test]
    fn an_age_after_a_full_name_makes_a_person() {
        let found = people("Judge Ema Rusk said Tomas Welk, 58, had kept the money.");
        assert!(
            found.iter().any(|(name, _, _)| name == "Tomas Welk"),
            "{found:?}"
        );
    }

    #[test]
    fn organisations_known_by_what_the_article_does_with_them() {
        let found = |paragraphs: &[&str]| -> Vec<String> {
            organizations_by_context(paragraphs)
                .into_iter()
                .map(|(n, _)| n)
                .collect()
        };
        assert_eq!(
            found(&["Ilse Varn, an economist at Corvel Partners, said rates would rise."]),
            vec!["Corvel Partners"]
        );
        assert_eq!(
            found(&["A spokeswoman for Tessel Coaches said services would change."]),
            vec!["Tessel Coaches"]
        );
        assert_eq!(
            found(&["He was the managing director of Brisk Amber Works until May."]),
            vec!["Brisk Amber Works"]
        );
        assert_eq!(
            found(&["Shares in Halloran Meats fell by a tenth."]),
            vec!["Halloran Meats"]
        );
        // A name the next sentence calls by an organisation's noun, after `the` at the end
        // of a sentence or as a sentence's subject (in the paragraph after, too).
        assert_eq!(
            organizations_by_context(&[
                "Food arrived, according to the Selvan Green Cross. The aid group said more would come."
            ]),
            vec![("Selvan Green Cross".to_string(), None)]
        );
        assert_eq!(
            organizations_by_context(&[
                "Dunmore Rangers sacked their coach on Monday.",
                "The club said it was grateful for his work."
            ]),
            vec![("Dunmore Rangers".to_string(), Some("club".to_string()))]
        );
        // `The X ... the operator said`: the run's last word speaks for it.
        assert_eq!(
            found(&["The Halden Grid Operator ordered cuts. Power returned, the operator said."]),
            vec!["Halden Grid Operator"]
        );
        // People and places are none: `, who` after the name, its surname alone, a
        // street's last word, `in X`.
        assert!(
            found(&["A spokesman for Mira Dahl, who leads the opposition, said no."]).is_empty()
        );
        assert!(found(&["A spokesman for Oren Tamm said no.", "Tamm was abroad."]).is_empty());
        assert!(found(&["A guard at Mill Road said nothing."]).is_empty());
        assert!(
            found(&[
                "An analyst at Corran Vale said so.",
                "Prices rose in Corran Vale."
            ])
            .is_empty()
        );
        assert!(
            found(&[
                "Tomas Brell left on Monday.",
                "The club said he would be missed. Brell declined to comment."
            ])
            .is_empty()
        );
    }

    #[test]
    fn organisations_by_an_ampersand_or_a_closed_apposition() {
        let found = |text: &str| described_organizations(text);
        assert_eq!(
            found("She founded Salt & Rye in a rented kitchen."),
            vec![("Salt & Rye".to_string(), None)]
        );
        assert_eq!(
            found("Velloc, the Danish shipping and logistics group, agreed to the deal."),
            vec![("Velloc".to_string(), Some("group".to_string()))]
        );
        assert_eq!(
            found("It bought the frozen-pizza maker Bellora in 2022."),
            vec![("Bellora".to_string(), Some("maker".to_string()))]
        );
        // One word and an apposition never closed is a sentence's opening, not a name.
        assert!(found("Yesterday, the group said it would appeal.").is_empty());
        // The end of a longer name is no organisation of its own.
        assert!(
            found("The Eastern Council for Civic Rights, a monitoring group, said so.").is_empty()
        );
    }

    #[test]
    fn a_saints_name_stays_in_an_organisations_name() {
        assert_eq!(
            organizations("staff at St Brigid's General Hospital said"),
            vec!["St Brigid's General Hospital"]
        );
    }

    #[test]
    fn roles_before_a_name_with_their_adjectives_titles_and_for() {
        let found = people("A local fishing captain, Oren Malk, said the boats stayed in.");
        assert_eq!(found[0].2, vec!["local fishing captain"]);
        let found = people("Ms Dane's lawyer, Senior Counsel Rui Tamm, asked why.");
        assert_eq!(found[0].1.as_deref(), Some("Senior Counsel"));
        assert_eq!(found[0].2, vec!["Ms Dane's lawyer"]);
        let found = people("A spokesman for the Vell Front, Amir Sadd, wrote on Telegram.");
        assert_eq!(found[0].2, vec!["spokesman for the Vell Front"]);
        let found = people("Her assistant, Luca Brann, will take over.");
        assert_eq!(found[0].2, vec!["assistant"]);
    }

    #[test]
    fn organisations_by_a_kind_after_them_what_they_do_and_who_chairs_them() {
        let found = |text: &str| described_organizations(text);
        assert_eq!(
            found("Ola Berg, who leads the Green Dawn party, said no."),
            vec![("Green Dawn".to_string(), Some("party".to_string()))]
        );
        assert_eq!(
            found("Vell Region government spokesman Ari Tam spoke."),
            vec![(
                "Vell Region government".to_string(),
                Some("government".to_string())
            )]
        );
        assert_eq!(
            found("Norra Power, which owns the dam, shut it."),
            vec![("Norra Power".to_string(), None)]
        );
        assert_eq!(
            found("Mere Tane, who chairs Te Whare o Rongo, spoke."),
            vec![("Te Whare o Rongo".to_string(), None)]
        );
        assert_eq!(
            found("It sold at Alder & Vine, KidsCorner and Nest Home stores."),
            vec![
                ("Alder & Vine".to_string(), None),
                ("Nest Home".to_string(), Some("store".to_string())),
                ("KidsCorner".to_string(), Some("store".to_string())),
            ]
        );
        assert_eq!(
            found("It holds 40 seats in the Volkrat, the upper house."),
            vec![("Volkrat".to_string(), Some("house".to_string()))]
        );
        // A place's name before a lower-case word, and a place `which lies` somewhere.
        assert!(found("Floods hit the Vell Region villages.").is_empty());
        assert!(found("Marrow Bay, which lies to the north, flooded.").is_empty());
    }

    #[test]
    fn companies_with_a_corporate_suffix_and_a_defined_short_name() {
        assert_eq!(
            corporate_names("Larkspur Toys, Inc. (\"Larkspur\") announced a recall."),
            vec![(
                "Larkspur Toys, Inc.".to_string(),
                vec!["Larkspur Toys".to_string(), "Larkspur".to_string()]
            )]
        );
        assert_eq!(
            corporate_names("SOURCE Larkspur Toys, Inc."),
            vec![(
                "Larkspur Toys, Inc.".to_string(),
                vec!["Larkspur Toys".to_string()]
            )]
        );
        assert!(corporate_names("Ana Pell, a toy maker, spoke.").is_empty());
    }

    #[test]
    fn acronyms_over_an_ampersand_and_courts_with_their_seat() {
        assert_eq!(
            acronyms("the Board for Seed and Plant Testing & Licensing (BSPTL) said"),
            vec![(
                "Board for Seed and Plant Testing & Licensing".to_string(),
                "BSPTL".to_string()
            )]
        );
        assert_eq!(
            organizations("They told the District Court in Varna Nova on Monday."),
            vec!["District Court in Varna Nova"]
        );
        // A ministry keeps its own name.
        assert_eq!(
            organizations("the Interior Ministry in Dorun said"),
            vec!["Interior Ministry"]
        );
    }

    #[test]
    fn roles_with_an_owner_and_a_complement() {
        let found = people("Harlow's chief operating officer, Ana Pell, said so.");
        assert_eq!(found[0].2, vec!["Harlow's chief operating officer"]);
        let found = people("The head of parliament's budget committee, Ivo Rask, said so.");
        assert_eq!(found[0].2, vec!["head of parliament's budget committee"]);
        let found = people("The agency's head of mission in Corran, Lia Berg, said so.");
        assert_eq!(found[0].2, vec!["agency's head of mission in Corran"]);
        let found = people("Incident controller Tama Rewi said the line held.");
        assert_eq!(found[0].1.as_deref(), Some("Incident controller"));
    }
}
