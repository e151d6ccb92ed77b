//! The words the rules recognise: speech verbs, titles and role nouns, organisation heads,
//! descriptions of unnamed sources, months and weekdays. Written for English news prose.
//!
//! Every list is lower case; the predicates compare without regard to case.

/// Verbs that attribute speech: `X said`, `said X`, `X told Shafaq News`, `X added that`.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "added",
    "adds",
    "told",
    "tells",
    "stated",
    "states",
    "noted",
    "explained",
    "stressed",
    "emphasised",
    "emphasized",
    "affirmed",
    "confirmed",
    "revealed",
    "warned",
    "claimed",
    "insisted",
    "argued",
    "asserted",
    "announced",
    "declared",
    "remarked",
    "commented",
    "continued",
    "concluded",
    "acknowledged",
    "admitted",
    "disclosed",
    "indicated",
    "maintained",
    "wrote",
    "writes",
    "replied",
    "responded",
    "recalled",
    "clarified",
    "reiterated",
    "underlined",
    "highlighted",
    "mentioned",
    "observed",
    "asked",
    "tweeted",
    "posted",
    "cautioned",
    "estimated",
    "predicted",
    "suggested",
    "complained",
    "conceded",
    "countered",
    "pleaded",
    "lamented",
    "protested",
    "demanded",
    "testified",
    "recounted",
    "alleged",
    "contended",
    "boasted",
    "retorted",
    // Less common, and the present tense of features (`..., she recalls.`).
    "answered",
    "assured",
    "exclaimed",
    "joked",
    "quipped",
    "shouted",
    "whispered",
    "wondered",
    "notes",
    "explains",
    "warns",
    "argues",
    "insists",
    "recalls",
    "admits",
    "claims",
    "asks",
];

/// Verbs that report what someone said without being speech verbs themselves: the subject
/// of `X called the plan "a purge"` or `X accused the government of "sleepwalking"` is the
/// speaker of the quoted words.
const COMMUNICATION_VERBS: &[&str] = &[
    "called",
    "denied",
    "accused",
    "described",
    "urged",
    "rejected",
    "disputed",
    "defended",
    "denounced",
    "condemned",
    "criticised",
    "criticized",
    "praised",
    "promised",
    "pledged",
    "vowed",
    "dismissed",
    "welcomed",
    "branded",
    "labelled",
    "labeled",
    "termed",
    "hailed",
    "blamed",
    "slammed",
    "lauded",
    "thanked",
    "questioned",
    "challenged",
    "mocked",
];

/// Participles that report speech in a clause sharing the sentence's subject: `X blamed the
/// government, saying ...`, `..., adding that ...`.
const SPEECH_PARTICIPLES: &[&str] = &[
    "saying",
    "adding",
    "arguing",
    "warning",
    "insisting",
    "noting",
    "stressing",
    "claiming",
    "explaining",
    "calling",
    "describing",
    "accusing",
    "urging",
    "vowing",
    "promising",
    "telling",
    "writing",
    "declaring",
    "stating",
    "acknowledging",
    "admitting",
    "recalling",
    "complaining",
    "pledging",
    "cautioning",
];

/// Nouns that make a phrase a role: `head of the Badr Organization`, `Interior Minister`.
const ROLE_HEADS: &[&str] = &[
    "minister",
    "president",
    "vice-president",
    "leader",
    "commander",
    "chief",
    "head",
    "governor",
    "mayor",
    "judge",
    "speaker",
    "secretary",
    "secretary-general",
    "director",
    "director-general",
    "chairman",
    "chairwoman",
    "chairperson",
    "chair",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "envoy",
    "senator",
    "deputy",
    "mp",
    "lawmaker",
    "legislator",
    "member",
    "adviser",
    "advisor",
    "officer",
    "official",
    "executive",
    "representative",
    "prosecutor",
    "attorney",
    "king",
    "queen",
    "prince",
    "princess",
    "emir",
    "sultan",
    "founder",
    "co-founder",
    "coordinator",
    "organiser",
    "organizer",
    "manager",
    "administrator",
    "commissioner",
    "inspector",
    "negotiator",
    "mediator",
    "candidate",
    "lawyer",
    "professor",
    "scientist",
    "researcher",
    "analyst",
    "economist",
    "teacher",
    "schoolteacher",
    "journalist",
    "editor",
    "activist",
    "cleric",
    "predecessor",
    "successor",
    "owner",
    "partner",
    "expert",
    "general",
    "colonel",
    "captain",
    "admiral",
    "marshal",
    "chancellor",
    "premier",
    "councillor",
    "councilor",
    "counsel",
    "aide",
    "diplomat",
    "coach",
    "referee",
    "assistant",
    "investigator",
    "controller",
    // Titles as abbreviated before a name: `Gov. Mira Lund`, `State Sen. Ivo Brask`.
    "gov.",
    "sen.",
    "rep.",
];

/// Words before a name that are forms of address, not roles (kept in the alias).
const HONORIFICS: &[&str] = &[
    "dr",
    "dr.",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "miss",
    "sheikh",
    "shaikh",
    "sayyed",
    "sayed",
    "sayyid",
    "sir",
    "dame",
    "lord",
    "lady",
    "haji",
    "hajji",
    "mullah",
    "ayatollah",
    "imam",
    "rev",
    "rev.",
    "prof",
    "prof.",
];

/// Military ranks before a name: a role only when nothing better is known.
const RANKS: &[&str] = &[
    "general",
    "gen",
    "gen.",
    "lieutenant",
    "lt",
    "lt.",
    "colonel",
    "col",
    "col.",
    "major",
    "maj",
    "maj.",
    "captain",
    "capt",
    "capt.",
    "brigadier",
    "admiral",
    "sergeant",
    "sgt",
    "sgt.",
    "marshal",
    "commodore",
];

/// Lower-case words that may stand before a role noun: `former deputy governor`.
const ROLE_MODIFIERS: &[&str] = &[
    "former",
    "new",
    "acting",
    "interim",
    "deputy",
    "vice",
    "assistant",
    "senior",
    "junior",
    "top",
    "chief",
    "prime",
    "opposition",
    "government",
    "managing",
    "executive",
    "general",
    "medical",
    "political",
    "military",
    "security",
    "foreign",
    "interior",
    "defence",
    "defense",
    "finance",
    "trade",
    "energy",
    "health",
    "transport",
    "justice",
    "education",
    "agriculture",
    "economy",
    "oil",
    "water",
    "parliamentary",
    "regional",
    "provincial",
    "local",
    "national",
    "party",
    "union",
    "coalition",
    "army",
    "police",
    "fire",
    "press",
    "communications",
    "foreign-affairs",
];

/// Last words of organisation names: `Badr Organization`, `State of Law Coalition`.
const ORG_HEADS: &[&str] = &[
    "organization",
    "organisation",
    "coalition",
    "movement",
    "party",
    "ministry",
    "council",
    "force",
    "forces",
    "framework",
    "front",
    "alliance",
    "army",
    "commission",
    "committee",
    "union",
    "bank",
    "agency",
    "office",
    "brigade",
    "brigades",
    "group",
    "authority",
    "company",
    "corporation",
    "university",
    "parliament",
    "assembly",
    "court",
    "institute",
    "association",
    "federation",
    "league",
    "bloc",
    "guard",
    "guards",
    "corps",
    "police",
    "service",
    "services",
    "department",
    "directorate",
    "chamber",
    "mobilization",
    "mobilisation",
    "cabinet",
    "government",
    "tribunal",
    "board",
    "foundation",
    "society",
    "network",
    "fund",
    "trust",
    "bureau",
    "command",
    "secretariat",
    "inspectorate",
    "infirmary",
    "limited",
];

/// Lower-case nouns that say a name is an organisation's when they describe it (`Nightingale
/// Aid, a charity that ...`, `the armed group Saraya al-Nasr`), and that stand for it later
/// (`the company said`). Only nouns no person is called.
const ORG_NOUNS: &[&str] = &[
    "company",
    "firm",
    "charity",
    "group",
    "militia",
    "faction",
    "airline",
    "bank",
    "insurer",
    "retailer",
    "manufacturer",
    "regulator",
    "broadcaster",
    "newspaper",
    "consortium",
    "conglomerate",
    "subsidiary",
    "utility",
    "organisation",
    "organization",
    "agency",
    "ngo",
    "cooperative",
    "co-operative",
    "association",
    "alliance",
    "movement",
    "party",
    "union",
    "network",
    "foundation",
    "institute",
    "body",
    "carmaker",
    "automaker",
    "lender",
    "watchdog",
    "exporter",
    "refiner",
    "supplier",
];

/// Nouns that say what kind of organisation a name is when they describe it (`the bakery
/// chain Ash & Oak`, `Ashby Athletic, the club,`), but that alone (`the club said`) stand
/// only for an organisation the article described so: a sports federation is no club.
const ORG_KINDS: &[&str] = &[
    "club", "chain", "brand", "maker", "hospital", "clinic", "school", "exchange", "channel",
];

/// Roles only an organisation has: `Tarrant Mining's chief executive` says Tarrant Mining
/// is an organisation (a politician has a spokesman, not a chief executive).
const ORG_ONLY_ROLES: &[&str] = &[
    "executive",
    "director",
    "chairman",
    "chairwoman",
    "chairperson",
    "founder",
    "co-founder",
    "owner",
    "owners",
    "manager",
    "shareholders",
    "employees",
    "board",
    "headquarters",
];

/// Nouns that describe an unnamed source: `a well-informed political source`.
const ANONYMOUS_HEADS: &[&str] = &[
    "source",
    "sources",
    "official",
    "officials",
    "diplomat",
    "diplomats",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "engineer",
    "nurse",
    "doctor",
    "organiser",
    "organizer",
    "officer",
    "officers",
    "aide",
    "aides",
    "adviser",
    "advisor",
    "lawmaker",
    "member",
    "members",
    "resident",
    "residents",
    "witness",
    "witnesses",
    "commander",
    "analyst",
    "observer",
    "observers",
    "monitor",
    "monitors",
    "employee",
    "worker",
    "insider",
    "expert",
    "leader",
    "figure",
    "activist",
    "person",
    "man",
    "woman",
    "fighter",
    "soldier",
    "driver",
    "farmer",
    "trader",
    "shopkeeper",
    "minister",
    "teacher",
    "parent",
    "survivor",
    "victim",
    "villager",
    "protester",
    "student",
    "journalist",
    "lawyer",
    "judge",
    "guard",
    "policeman",
    "negotiator",
];

/// First words of place names (`Port Isolde`, `New Averly`, `Lake Varn`): a run opening with
/// one is no person's name.
const PLACE_PREFIXES: &[&str] = &[
    "port", "new", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "upper", "lower", "lake", "mount", "fort", "cape", "san", "santa", "saint", "st",
    "el", "al", "los", "las", "greater", "old", "little", "great", "isle", "bay", "river", "point",
    "glen",
];

/// Last words of place names (`High Street`, `Mill Road`, `Qaraz District`): a run ending
/// in one is a place, no actor.
const PLACE_HEADS: &[&str] = &[
    "street",
    "road",
    "avenue",
    "lane",
    "square",
    "way",
    "drive",
    "boulevard",
    "bridge",
    "station",
    "airport",
    "park",
    "harbour",
    "harbor",
    "district",
    "province",
    "region",
    "county",
    "city",
    "town",
    "village",
    "valley",
    "island",
    "islands",
    "coast",
    "beach",
    "hills",
    "mountains",
    "desert",
    "sea",
    "ocean",
    "gulf",
    "east",
    "west",
    "north",
    "south",
    "approach",
    "quay",
    "crossing",
    "camp",
    "gate",
    "gates",
];

/// Capitalised words that start sentences but never names.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "but",
    "and",
    "or",
    "if",
    "as",
    "after",
    "before",
    "when",
    "while",
    "according",
    "asked",
    "speaking",
    "last",
    "next",
    "earlier",
    "later",
    "meanwhile",
    "however",
    "also",
    "there",
    "here",
    "for",
    "from",
    "with",
    "by",
    "to",
    "of",
    "since",
    "during",
    "until",
    "although",
    "though",
    "yet",
    "so",
    "not",
    "no",
    "yes",
    "both",
    "all",
    "some",
    "many",
    "most",
    "every",
    "each",
    "one",
    "two",
    "three",
    "who",
    "what",
    "where",
    "why",
    "how",
    "whose",
    "which",
    "except",
    "including",
    "despite",
    "under",
    "over",
    "about",
    "among",
    "between",
    "without",
    "within",
    "through",
];

/// Words that end a description of an unnamed source: `a source who asked not to be named`.
pub const RELATIVE_STARTS: &[&str] = &[
    "who",
    "which",
    "whose",
    "that",
    "speaking",
    "requesting",
    "asking",
    "declining",
];

/// Words that mean the source asked to stay unnamed.
const ANONYMITY_MARKS: &[&str] = &[
    "not to be named",
    "not want to be named",
    "declined to be named",
    "anonymity",
    "not authorised",
    "not authorized",
    "requested anonymity",
];

/// Words that put the rest of a sentence in the future: no timeline event from there on.
const FUTURE_MARKS: &[&str] = &[
    "will",
    "would",
    "next",
    "plans",
    "planned",
    "plan",
    "scheduled",
    "expected",
    "due",
    "intends",
    "upcoming",
    "shall",
];

/// Prepositions after which a time expression does not date an event: `since 1961`.
pub const NOT_EVENT_PREPOSITIONS: &[&str] = &[
    "since",
    "until",
    "till",
    "between",
    "from",
    "by",
    "before",
    "through",
    "throughout",
];

const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// Days of the week, Monday = 0.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

const NUMBER_WORDS: &[&str] = &[
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve",
];

fn contains(list: &[&str], word: &str) -> bool {
    let lower = word.to_lowercase();
    list.contains(&lower.as_str())
}

pub fn is_speech_verb(word: &str) -> bool {
    contains(SPEECH_VERBS, word)
}

pub fn is_speech_participle(word: &str) -> bool {
    contains(SPEECH_PARTICIPLES, word)
}

pub fn is_communication_verb(word: &str) -> bool {
    contains(COMMUNICATION_VERBS, word)
}

/// A speech verb or a verb that reports speech.
pub fn is_reporting_verb(word: &str) -> bool {
    is_speech_verb(word) || is_communication_verb(word)
}

pub fn is_role_head(word: &str) -> bool {
    let w = strip_possessive(word);
    // `microbiologist`, `epidemiologist`: a science's practitioner, by the shape of the word.
    let practitioner = w.len() > 9 && w.to_lowercase().ends_with("ologist");
    practitioner
        || contains(ROLE_HEADS, w)
        || w.to_lowercase()
            .rsplit('-')
            .next()
            .is_some_and(|last| ROLE_HEADS.contains(&last))
}

/// Whether a word says what a person is or does: a role noun, a noun for an unnamed source
/// (`farmer`, `student`), or a compound ending in one of at least five letters
/// (`headteacher`, `co-chairman`).
pub fn is_person_noun(word: &str) -> bool {
    let w = strip_possessive(word).to_lowercase();
    if is_role_head(&w) || (is_anonymous_head(&w) && !w.ends_with('s')) {
        return true;
    }
    ROLE_HEADS
        .iter()
        .chain(ANONYMOUS_HEADS)
        .filter(|h| h.len() >= 5 && !h.ends_with('s'))
        .any(|h| w.len() >= h.len() + 3 && w.ends_with(h))
}

/// Whether a word has the shape of an agent noun (`campaigner`, `pensioner`, `activist`,
/// `fisherman`, `auctioneer`): how a role word before a name is recognised when no list
/// knows it. Names share these endings (`Walter`, `Victor`), so a rule that relies on this
/// alone must say it is unsure.
pub fn has_agent_ending(word: &str) -> bool {
    let w = strip_possessive(word).to_lowercase();
    let letters = w.chars().count();
    letters >= 5
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
        && ["er", "or", "ist", "eer", "man", "woman"]
            .iter()
            .any(|e| w.ends_with(e))
}

pub fn is_honorific(word: &str) -> bool {
    contains(HONORIFICS, word)
}

pub fn is_rank(word: &str) -> bool {
    contains(RANKS, word)
}

pub fn is_role_modifier(word: &str) -> bool {
    contains(ROLE_MODIFIERS, word)
}

pub fn is_org_head(word: &str) -> bool {
    contains(ORG_HEADS, strip_possessive(word))
}

/// Documents that `say` things for whoever issued them: `the ruling said`.
pub fn is_document(word: &str) -> bool {
    contains(
        &[
            "statement",
            "ruling",
            "judgment",
            "judgement",
            "verdict",
            "decision",
            "report",
            "communique",
            "communiqué",
            "letter",
        ],
        word,
    )
}

pub fn is_org_noun(word: &str) -> bool {
    contains(ORG_NOUNS, word)
}

pub fn is_org_kind(word: &str) -> bool {
    contains(ORG_KINDS, word)
}

pub fn is_org_only_role(word: &str) -> bool {
    contains(ORG_ONLY_ROLES, word)
}

pub fn is_anonymous_head(word: &str) -> bool {
    contains(ANONYMOUS_HEADS, word)
}

/// A capitalised word that cannot be part of a name (`The`, `In`, `According`, a month).
pub fn is_not_name(word: &str) -> bool {
    // A month's three-letter abbreviation without its stop is a given name too (`Jan
    // Ostrowy`, `Dec`); `May` is a month's whole name.
    let abbreviation = word.len() == 3 && !word.eq_ignore_ascii_case("may");
    contains(NOT_NAMES, word) || (month(word).is_some() && !abbreviation) || weekday(word).is_some()
}

pub fn is_place_head(word: &str) -> bool {
    contains(PLACE_HEADS, strip_possessive(word))
}

pub fn is_place_prefix(word: &str) -> bool {
    contains(PLACE_PREFIXES, word)
}

pub fn is_relative_start(word: &str) -> bool {
    contains(RELATIVE_STARTS, word)
}

pub fn marks_anonymity(text: &str) -> bool {
    let lower = text.to_lowercase();
    ANONYMITY_MARKS.iter().any(|m| lower.contains(m))
}

pub fn is_future_mark(word: &str) -> bool {
    contains(FUTURE_MARKS, word)
}

pub fn is_not_event_preposition(word: &str) -> bool {
    contains(NOT_EVENT_PREPOSITIONS, word)
}

/// `he`, `she` or `they` as a subject.
pub fn pronoun(word: &str) -> Option<Pronoun> {
    match word.to_lowercase().as_str() {
        "he" => Some(Pronoun::He),
        "she" => Some(Pronoun::She),
        "they" => Some(Pronoun::They),
        _ => None,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pronoun {
    He,
    She,
    They,
}

/// The month a word names (`January`, `Jan`, `Sept.`), 1-12.
pub fn month(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(name, _)| *name == w).map(|(_, m)| *m)
}

/// The weekday a word names, Monday = 0.
pub fn weekday(word: &str) -> Option<u8> {
    let w = word.to_lowercase();
    WEEKDAYS.iter().position(|d| *d == w).map(|i| i as u8)
}

/// `two` → 2, `12` → 12.
pub fn number(word: &str) -> Option<u32> {
    if let Ok(n) = word.parse::<u32>() {
        return Some(n);
    }
    let w = word.to_lowercase();
    NUMBER_WORDS.iter().position(|n| *n == w).map(|i| i as u32)
}

/// `Iraq’s` → `Iraq`; other words unchanged.
pub fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .or_else(|| word.strip_suffix('’'))
        .unwrap_or(word)
}

pub fn is_possessive(word: &str) -> bool {
    word.ends_with("’s") || word.ends_with("'s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_compared_without_case() {
        assert!(is_speech_verb("Said"));
        assert!(is_role_head("Secretary-General"));
        assert!(is_role_head("commander"));
        assert!(is_org_head("Organization"));
        assert!(is_anonymous_head("source"));
        assert!(!is_speech_verb("visited"));
    }

    #[test]
    fn person_nouns_by_list_and_by_shape() {
        assert!(is_person_noun("Farmer"));
        assert!(is_person_noun("Headteacher"));
        assert!(is_person_noun("student"));
        assert!(!is_person_noun("sources"));
        assert!(!is_person_noun("Tomas"));
        assert!(has_agent_ending("Campaigner"));
        assert!(has_agent_ending("Pensioner"));
        assert!(has_agent_ending("Activist"));
        assert!(has_agent_ending("Fisherman"));
        assert!(!has_agent_ending("Ruth"));
        assert!(!has_agent_ending("Greel"));
    }

    #[test]
    fn months_weekdays_numbers() {
        assert_eq!(month("Sept."), Some(9));
        assert_eq!(month("may"), Some(5));
        assert_eq!(month("Mayor"), None);
        assert_eq!(weekday("Tuesday"), Some(1));
        assert_eq!(number("two"), Some(2));
        assert_eq!(number("14"), Some(14));
    }

    #[test]
    fn possessives() {
        assert_eq!(strip_possessive("Oskavia’s"), "Oskavia");
        assert_eq!(strip_possessive("Stanek's"), "Stanek");
        assert!(is_possessive("Iran’s"));
        assert!(!is_possessive("Iran"));
    }

    #[test]
    fn sentence_openers_are_not_names() {
        assert!(is_not_name("The"));
        assert!(is_not_name("January"));
        assert!(is_not_name("Sept."));
        assert!(!is_not_name("Jan"));
        assert!(!is_not_name("Radi"));
    }
}
