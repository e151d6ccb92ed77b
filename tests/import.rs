//! `brief import`: its quality measured on a corpus of articles written for it (with the
//! truth alongside), on the seed article when it is there, and the command on the real binary.
//!
//! `cargo test --test import -- --nocapture` prints the figures the README reports.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use brief::briefing::{QuoteMode, load_file};
use brief::import::{Draft, DraftActor, Options, import};
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::Value;

mod common;

// ---------------------------------------------------------------------------------------------
// The corpus and its truth
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Truth {
    date: String,
    source: Option<String>,
    #[serde(default)]
    quotes: Vec<TruthQuote>,
    #[serde(default)]
    indirect: Vec<TruthIndirect>,
    #[serde(default)]
    actors: Vec<TruthActor>,
    #[serde(default)]
    events: Vec<TruthEvent>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TruthQuote {
    speaker: String,
    text: String,
    /// The day it was said, when the article gives it (`said on Monday`).
    said: Option<String>,
    /// Words the quote's context must contain (any case).
    context: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TruthIndirect {
    speaker: String,
    starts: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TruthActor {
    name: String,
    /// Words the role must contain (any case).
    #[serde(default)]
    role: Vec<String>,
    #[serde(default)]
    anonymous: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TruthEvent {
    date: String,
    /// Words the event's text must contain (any case).
    has: String,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import_corpus")
}

/// Every `NAME.txt` of the corpus with its `NAME.truth.toml`.
fn corpus() -> Vec<(String, String, Truth)> {
    articles(&corpus_dir())
}

/// Every article of a folder (`NAME.txt`, or a saved page `NAME.html`) with its
/// `NAME.truth.toml`.
fn articles(dir: &Path) -> Vec<(String, String, Truth)> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html"))
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let truth_path = path.with_file_name(format!("{name}.truth.toml"));
        let truth: Truth = toml::from_str(&fs::read_to_string(&truth_path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", truth_path.display()));
        out.push((name, fs::read_to_string(&path).unwrap(), truth));
    }
    out
}

/// Text compared without regard to spacing, the final comma or full stop, or whether an
/// apostrophe is typographic (`’`) or typed (`'`): truth files are typed by hand.
fn norm(text: &str) -> String {
    let t = text
        .replace('\u{2019}', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    t.trim_end_matches([',', '.', ';', ':']).trim().to_string()
}

fn actor<'a>(draft: &'a Draft, id: &str) -> &'a DraftActor {
    draft
        .actors
        .iter()
        .find(|a| a.id == id)
        .expect("speaker is an actor")
}

fn names(a: &DraftActor, name: &str) -> bool {
    a.name.eq_ignore_ascii_case(name) || a.aliases.iter().any(|x| x.eq_ignore_ascii_case(name))
}

#[derive(Debug, Default, Clone, Copy)]
struct Score {
    expected_quotes: usize,
    found_quotes: usize,
    right_speaker: usize,
    extracted_direct: usize,
    expected_actors: usize,
    found_actors: usize,
    expected_roles: usize,
    right_roles: usize,
    expected_indirect: usize,
    found_indirect: usize,
    expected_events: usize,
    found_events: usize,
    /// The article's date, and each quote's `said` the truth gives.
    expected_dates: usize,
    right_dates: usize,
    /// Contexts the truth gives, and those the draft keeps.
    expected_contexts: usize,
    right_contexts: usize,
    right_sources: usize,
    articles: usize,
    imported: usize,
}

impl Score {
    fn add(&mut self, o: &Score) {
        self.expected_quotes += o.expected_quotes;
        self.found_quotes += o.found_quotes;
        self.right_speaker += o.right_speaker;
        self.extracted_direct += o.extracted_direct;
        self.expected_actors += o.expected_actors;
        self.found_actors += o.found_actors;
        self.expected_roles += o.expected_roles;
        self.right_roles += o.right_roles;
        self.expected_indirect += o.expected_indirect;
        self.found_indirect += o.found_indirect;
        self.expected_events += o.expected_events;
        self.found_events += o.found_events;
        self.expected_dates += o.expected_dates;
        self.right_dates += o.right_dates;
        self.expected_contexts += o.expected_contexts;
        self.right_contexts += o.right_contexts;
        self.right_sources += o.right_sources;
        self.articles += o.articles;
        self.imported += o.imported;
    }

    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 { 1.0 } else { a as f64 / b as f64 }
    }
    fn quote_recall(&self) -> f64 {
        Score::ratio(self.found_quotes, self.expected_quotes)
    }
    fn speaker_accuracy(&self) -> f64 {
        Score::ratio(self.right_speaker, self.found_quotes)
    }
    fn quote_precision(&self) -> f64 {
        Score::ratio(self.found_quotes, self.extracted_direct)
    }
    fn actor_recall(&self) -> f64 {
        Score::ratio(self.found_actors, self.expected_actors)
    }
    fn role_accuracy(&self) -> f64 {
        Score::ratio(self.right_roles, self.expected_roles)
    }
    fn indirect_recall(&self) -> f64 {
        Score::ratio(self.found_indirect, self.expected_indirect)
    }
    fn event_recall(&self) -> f64 {
        Score::ratio(self.found_events, self.expected_events)
    }
    fn dates_right(&self) -> f64 {
        Score::ratio(self.right_dates, self.expected_dates)
    }
    fn contexts_right(&self) -> f64 {
        Score::ratio(self.right_contexts, self.expected_contexts)
    }
    fn sources_right(&self) -> f64 {
        Score::ratio(self.right_sources, self.articles)
    }
    fn imported(&self) -> f64 {
        Score::ratio(self.imported, self.articles)
    }

    fn line(&self, name: &str) -> String {
        format!(
            "{name:<28} quotes {:>2}/{:<2} speakers {:>2}/{:<2} precision {:>2}/{:<2} actors {:>2}/{:<2} roles {:>2}/{:<2} indirect {:>2}/{:<2} events {:>2}/{:<2} dates {:>2}/{:<2}",
            self.found_quotes,
            self.expected_quotes,
            self.right_speaker,
            self.found_quotes,
            self.found_quotes,
            self.extracted_direct,
            self.found_actors,
            self.expected_actors,
            self.right_roles,
            self.expected_roles,
            self.found_indirect,
            self.expected_indirect,
            self.found_events,
            self.expected_events,
            self.right_dates,
            self.expected_dates,
        )
    }
}

/// Scores a draft against its truth; what was missed goes into `misses`.
fn score(draft: &Draft, truth: &Truth, misses: &mut Vec<String>) -> Score {
    let mut s = Score::default();
    let direct: Vec<_> = draft
        .quotes
        .iter()
        .filter(|q| q.mode == QuoteMode::Direct)
        .collect();
    s.extracted_direct = direct.len();
    for tq in &truth.quotes {
        s.expected_quotes += 1;
        match direct.iter().find(|q| norm(&q.text) == norm(&tq.text)) {
            Some(q) => {
                s.found_quotes += 1;
                if let Some(said) = &tq.said {
                    s.expected_dates += 1;
                    if q.said.map(|d| d.to_string()).as_ref() == Some(said) {
                        s.right_dates += 1;
                    } else {
                        misses.push(format!(
                            "said of {:?}: {:?} (expected {said})",
                            tq.text, q.said
                        ));
                    }
                }
                if let Some(context) = &tq.context {
                    s.expected_contexts += 1;
                    let kept = q.context.as_deref().unwrap_or_default().to_lowercase();
                    if kept.contains(&context.to_lowercase()) {
                        s.right_contexts += 1;
                    } else {
                        misses.push(format!(
                            "context of {:?}: {:?} (expected {context:?})",
                            tq.text, q.context
                        ));
                    }
                }
                let speaker = actor(draft, &q.speaker);
                if names(speaker, &tq.speaker) {
                    s.right_speaker += 1;
                } else {
                    misses.push(format!(
                        "wrong speaker: {:?} for {:?} (expected {:?})",
                        speaker.name, tq.text, tq.speaker
                    ));
                }
            }
            None => {
                s.expected_dates += usize::from(tq.said.is_some());
                s.expected_contexts += usize::from(tq.context.is_some());
                misses.push(format!("quote not found: {:?} ({})", tq.text, tq.speaker))
            }
        }
    }
    for q in &direct {
        if !truth
            .quotes
            .iter()
            .any(|tq| norm(&tq.text) == norm(&q.text))
        {
            misses.push(format!("extra quote: {:?} by {}", q.text, q.speaker));
        }
    }
    for q in draft
        .quotes
        .iter()
        .filter(|q| q.mode == QuoteMode::Indirect)
    {
        let expected = truth
            .indirect
            .iter()
            .any(|ti| q.text.to_lowercase().starts_with(&ti.starts.to_lowercase()));
        if !expected {
            misses.push(format!("extra indirect: {:?} by {}", q.text, q.speaker));
        }
    }
    for ti in &truth.indirect {
        s.expected_indirect += 1;
        let found = draft.quotes.iter().any(|q| {
            q.mode == QuoteMode::Indirect
                && q.text.to_lowercase().starts_with(&ti.starts.to_lowercase())
                && names(actor(draft, &q.speaker), &ti.speaker)
        });
        if found {
            s.found_indirect += 1;
        } else {
            misses.push(format!(
                "indirect not found: {:?} ({})",
                ti.starts, ti.speaker
            ));
        }
    }
    for ta in &truth.actors {
        s.expected_actors += 1;
        let Some(a) = draft.actors.iter().find(|a| names(a, &ta.name)) else {
            misses.push(format!("actor not found: {}", ta.name));
            continue;
        };
        s.found_actors += 1;
        if !ta.role.is_empty() || ta.anonymous {
            s.expected_roles += 1;
            let role = a.role.clone().unwrap_or_default().to_lowercase();
            let ok = ta.role.iter().all(|w| role.contains(&w.to_lowercase()))
                && a.anonymous == ta.anonymous;
            if ok {
                s.right_roles += 1;
            } else {
                misses.push(format!(
                    "role of {}: {:?} anonymous={} (expected {:?} anonymous={})",
                    ta.name, a.role, a.anonymous, ta.role, ta.anonymous
                ));
            }
        }
    }
    for a in &draft.actors {
        if !truth.actors.iter().any(|ta| names(a, &ta.name)) {
            misses.push(format!("extra actor: {} ({:?})", a.name, a.role));
        }
    }
    for te in &truth.events {
        s.expected_events += 1;
        let found = draft.events.iter().any(|e| {
            e.date.to_string() == te.date && e.text.to_lowercase().contains(&te.has.to_lowercase())
        });
        if found {
            s.found_events += 1;
        } else {
            misses.push(format!("event not found: {} {:?}", te.date, te.has));
        }
    }
    s
}

/// The draft written as TOML must load with no problem at all.
fn assert_loads(draft: &Draft, name: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{}.toml", draft.id));
    fs::write(&path, draft.to_toml()).unwrap();
    let result = load_file(&path);
    assert!(
        result.problems.is_empty(),
        "{name}: the draft has problems: {:#?}\n{}",
        result.problems,
        draft.to_toml()
    );
    let b = result.briefing.expect("loads");
    assert_eq!(b.id, draft.id);
    assert_eq!(b.tags, vec!["draft"]);
    assert!(b.actors.len() == draft.actors.len() && b.quotes.len() == draft.quotes.len());
}

/// What an article that could not be imported would have had to yield: all of it missed.
fn missed_entirely(truth: &Truth) -> Score {
    Score {
        expected_quotes: truth.quotes.len(),
        expected_actors: truth.actors.len(),
        expected_roles: truth
            .actors
            .iter()
            .filter(|a| !a.role.is_empty() || a.anonymous)
            .count(),
        expected_indirect: truth.indirect.len(),
        expected_events: truth.events.len(),
        expected_dates: 1 + truth.quotes.iter().filter(|q| q.said.is_some()).count(),
        expected_contexts: truth.quotes.iter().filter(|q| q.context.is_some()).count(),
        articles: 1,
        ..Score::default()
    }
}

/// Whether a set's details may be printed. A held-out set that was never tuned on prints its
/// totals alone, so that whoever tunes the rules cannot read its articles' names or misses by
/// running the tests.
#[derive(Clone, Copy, PartialEq)]
enum Shown {
    Details,
    TotalsOnly,
}

/// Imports every article of a folder and scores it; prints the details and the totals. An
/// article that fails to import counts as everything missed, so the figures stay honest.
fn measure(dir: &Path, label: &str) -> Score {
    measure_shown(dir, label, Shown::Details)
}

/// [`measure`] for a sealed held-out set: totals only.
fn measure_sealed(dir: &Path, label: &str) -> Score {
    measure_shown(dir, label, Shown::TotalsOnly)
}

fn measure_shown(dir: &Path, label: &str, shown: Shown) -> Score {
    let articles = articles(dir);
    assert!(!articles.is_empty(), "no articles in {}", dir.display());
    let mut total = Score::default();
    let mut report = Vec::new();
    for (name, text, truth) in &articles {
        let draft = match import(text, &Options::default()) {
            Ok(draft) => draft,
            Err(e) => {
                let s = missed_entirely(truth);
                report.push(s.line(name));
                report.push(format!("    import failed: {e}"));
                total.add(&s);
                continue;
            }
        };
        assert_loads(&draft, name);
        assert!(draft.title.chars().count() <= 200 && !draft.title.is_empty());
        let mut misses = Vec::new();
        let mut s = score(&draft, truth, &mut misses);
        s.articles = 1;
        s.imported = 1;
        s.expected_dates += 1;
        if draft.date.to_string() == truth.date {
            s.right_dates += 1;
        } else {
            misses.push(format!("date: {} (expected {})", draft.date, truth.date));
        }
        let source = draft.sources.first().map(|s| s.name.as_str());
        if source == truth.source.as_deref() {
            s.right_sources += 1;
        } else {
            misses.push(format!("source: {source:?} (expected {:?})", truth.source));
        }
        report.push(s.line(name));
        for m in misses {
            report.push(format!("    {m}"));
        }
        total.add(&s);
    }
    if shown == Shown::Details {
        println!("{}", report.join("\n"));
    }
    println!("{}", total.line("TOTAL"));
    println!(
        "{label} ({} articles, {} imported): quote recall {:.2}, speaker accuracy {:.2}, \
         quote precision {:.2}, actor recall {:.2}, role accuracy {:.2}, indirect recall {:.2}, \
         event recall {:.2}, dates right {:.2}, sources right {:.2}, contexts kept {:.2}",
        total.articles,
        total.imported,
        total.quote_recall(),
        total.speaker_accuracy(),
        total.quote_precision(),
        total.actor_recall(),
        total.role_accuracy(),
        total.indirect_recall(),
        total.event_recall(),
        total.dates_right(),
        total.sources_right(),
        total.contexts_right(),
    );
    total
}

/// The figures reached when this was written (README, "Importing articles"): a change that
/// lowers one of them fails here.
fn assert_at_least(total: &Score, figures: [f64; 10]) {
    let got = [
        ("quote recall", total.quote_recall()),
        ("speaker accuracy", total.speaker_accuracy()),
        ("quote precision", total.quote_precision()),
        ("actor recall", total.actor_recall()),
        ("role accuracy", total.role_accuracy()),
        ("indirect recall", total.indirect_recall()),
        ("event recall", total.event_recall()),
        ("dates right", total.dates_right()),
        ("sources right", total.sources_right()),
        ("articles imported", total.imported()),
    ];
    for ((what, value), floor) in got.into_iter().zip(figures) {
        assert!(
            value >= floor,
            "{what} fell to {value:.3} (pinned at {floor})"
        );
    }
}

// Each set's figures, pinned at what they reach (README, "Importing articles"), in the
// order: quote recall, speaker accuracy, quote precision, actor recall, role accuracy,
// indirect recall, event recall, dates right, sources right, articles imported.

/// The articles written alongside the rules.
#[test]
fn corpus_quality() {
    assert!(articles(&corpus_dir()).len() >= 8);
    let total = measure(&corpus_dir(), "corpus");
    assert_at_least(&total, [1.0; 10]);
}

/// Written after the first version of the rules. First measured before any tuning at
/// 0.85, 1.00, 1.00, 0.93, 0.85, 0.50, 0.91; the rules were then fixed for what it showed.
#[test]
fn round2_quality() {
    let total = measure(&corpus_dir().join("round2"), "round 2");
    assert_at_least(&total, [1.0; 10]);
}

/// Written after round 2 was tuned on. First measured before any tuning at 0.73, 0.88, 1.00,
/// 0.67, 0.88, 1.00, 0.60 (one wrong speaker: a second person with the same surname); the
/// rules were then fixed for what it showed.
#[test]
fn round3_quality() {
    let total = measure(&corpus_dir().join("round3"), "round 3");
    assert_at_least(&total, [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.8, 1.0, 1.0, 1.0]);
}

/// Written in the shapes articles really arrive in (title lines, bylines, timestamps, US
/// dates, saved pages, single quotation marks, organisations speaking, ...) before any rule
/// was changed for them; the rules were then fixed for what it showed. Before: not one of
/// its seven articles imported (`no date found`); with a `date` line added by hand, 0.68,
/// 0.87, 1.00, 0.68, 0.81, 0.25, 0.69, (dates given), 0.29. Indirect 12/12 once a role
/// was named by its title in the next sentence (`..., the foreign minister said. Foreign
/// Minister NAME ...`).
#[test]
fn round4_quality() {
    let total = measure(&corpus_dir().join("round4"), "round 4");
    assert_at_least(&total, [1.0, 1.0, 1.0, 0.96, 1.0, 1.0, 0.87, 1.0, 1.0, 1.0]);
}

/// Written for the gaps review found in the rules for round 4 (a speaker named after the
/// quoting sentence, indirect quotes with `adding that`, partial quotes inside indirect
/// sentences, organisations without a generic head word and `the company` for them, role
/// words before a name, ages after one, posts, plural possessives in names), before any rule
/// was changed for them; the rules were then fixed for what it showed. Before: 0.81, 0.77,
/// 1.00, 0.78, 0.89, 0.52, 1.00, 1.00 (five wrong speakers: role words and a plural possessive
/// read into names, and a pronoun given to the previous sentence's speaker). Indirect 21/21
/// with attributions after a report followed by more of the sentence and `said she would
/// appeal`.
#[test]
fn round5_quality() {
    let total = measure(&corpus_dir().join("round5"), "round 5");
    assert_at_least(&total, [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]);
}

/// Written after round 5 was tuned on, in shapes no rule had been written for (a quotation
/// after a colon, verbs of speech not yet known, `said on Monday it had ...`, an organisation
/// hailing or accusing, a month with `last year`), before any rule was changed for them; the
/// rules were then fixed for what it showed. Before: 0.73, 0.94, 1.00, 0.90, 1.00, 0.58, 0.92,
/// 1.00 (one wrong speaker: `The Central Bank of Ostmark` cut at its `of`).
#[test]
fn round6_quality() {
    let total = measure(&corpus_dir().join("round6"), "round 6");
    assert_at_least(&total, [1.0; 10]);
}

/// Written with round 4, in the same shapes, and put aside before any rule was changed:
/// never tuned on, so its figures say what a new article can expect. Before: not one of its
/// seven articles imported (`no date found`); with a `date` line added by hand, 0.58, 0.82,
/// 1.00, 0.60, 0.92, 0.29, 0.75, (dates given), 0.29. Measured once after the rules for
/// round 4 were written, and pinned there (README); indirect recall pinned higher as later
/// rules raised it (0.76 with those of round 7, 0.82 with attributions after a report
/// followed by more of the sentence, `..., the negotiator, Bram Okafor, said.`; 0.88 with
/// `told OUTLET` before a reported clause; 0.94 with a role named by its title in the next
/// sentence).
#[test]
fn heldout_quality() {
    let total = measure(&corpus_dir().join("heldout"), "held out");
    assert_at_least(
        &total,
        [0.89, 0.94, 1.0, 0.92, 0.93, 0.94, 0.93, 1.0, 1.0, 1.0],
    );
}

/// Written later by another author in every shape of issue 16 (eight articles: a court ruling,
/// a port strike, a health ministry statement, an election dispute, a flood, a takeover, a
/// militia clash, a central bank decision; two of them saved pages), before any rule was
/// changed for it. Held out until round 7, tuned on since. As a held-out set it measured,
/// with the rules of round 4, 34/43 quotes, 30/34 speakers, 53/59 actors, 12/12 dates; with
/// those of round 5, 34/43, 32/34, 54/59; with those of round 5's second step 35/43, 32/35,
/// 55/59; with those of round 6 (its last measurement as a held-out set) 34/43, 32/34, 55/59,
/// 12/12. Its articles and misses were then read and the rules written for the shapes they
/// show (names with connectors, a plural possessive inside a single quotation, one-word and
/// second partial quotes, a role named in the next sentence, a speaker named by the paragraph
/// after, organisations spelt by their acronym); pinned at what they measure now (README).
/// Actors 59/59 and roles 33/33 with organisations known by what the article does with them
/// (`a spokesman for X`, a closed apposition `X, the ... group,`) and `a spokesman for X,
/// NAME,` as a role. Indirect 25/25 once an acronym in capitals (`WHO`) was no longer read as
/// the relative pronoun `who`.
#[test]
fn heldout2_quality() {
    let total = measure(&corpus_dir().join("heldout2"), "held out 2");
    assert!(total.articles >= 8);
    assert_at_least(&total, [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.84, 1.0, 1.0, 1.0]);
}

/// Written by a third author in every shape of issue 16 (eight articles: an airline grounding,
/// a museum's restitution, a rocket failure, a city's car ban, a hospital data breach, a
/// prisoner exchange, a mine dam spill, a match-fixing ban; two of them saved pages), before
/// any rule was changed for it, by an author who had not read the rules: never tuned on.
/// First measured before any rule change this round (32/52 quotes, 32/32 speakers, 50/80
/// actors, 7/9 dates; one article not imported, `no date found`); with the rules of round 7,
/// 34/52, 34/34, 51/80, 7/9 (sources 4/8, were 3/8), and pinned there (README); sources 6/8
/// with the outlet rules of round 8, pinned there too; 39/52, 39/39, 59/80 after saved pages
/// were read by the prose they hold (a rule written for the structures of issue 16, not for
/// this set), pinned there; 61/80 actors and 26/37 roles with the actor rules written for
/// round 8's misses; 44/52, 44/44, 71/80, 9/9 dates, every article imported, once a date at an article's foot or in
/// its lede is taken when its top gives none (a rule of issue 16: no article refused for a
/// date it does give), pinned there. Only its totals were read, never its articles; no rule
/// was changed for it.
#[test]
fn heldout3_quality() {
    let total = measure_sealed(&corpus_dir().join("heldout3"), "held out 3");
    assert!(total.articles >= 8);
    assert_at_least(
        &total,
        [0.84, 1.0, 0.97, 0.88, 0.86, 0.87, 0.78, 1.0, 0.75, 1.0],
    );
}

/// A tuning set written after held out 3 was put aside, by its author, in shapes held out 3 does
/// not use (a US slash date, a live page, a day-month dateline with the year at the foot, a
/// wire footer, `said Tuesday`, `quoted ... as saying`, a court's questions and answers,
/// names family name first, a quote split mid-sentence, a post embedded without quotation
/// marks). First measured before any rule changed for it at 13/36 quotes, 13/13 speakers,
/// 23/55 actors, 3/7 dates (three of its six articles not imported: `no date found`); the
/// rules were then fixed for what it showed (slash dates, datelines with a region, bylines
/// and footers naming the outlet, a page's linked data, abbreviated titles, names family
/// name first, a possessive that is no sentence's subject, `quoted ... as saying`,
/// organisations named `of X and Y` or `for X`, embedded posts, an organisation by the first
/// word of its name), and it is pinned at what they measure: 36/36, 36/36, 51/55, 7/7
/// (README). Actors 55/55 and roles 30/30 with organisations named `an analyst at X` or `the
/// managing director of X`, and a role before a title (`Mr Yeo's lawyer, Senior Counsel
/// ...`). Events 14/19 with `last night`, `today` and `in the 2021 election`. Indirect 27/29
/// with attributions after a report followed by more of the sentence, `..., it said` and
/// past-tense reported clauses (`said repair crews expected to ...`); 28/29 with the report
/// before `, adding:`.
#[test]
fn round7_quality() {
    let total = measure(&corpus_dir().join("round7"), "round 7");
    assert!(total.articles >= 6);
    assert_at_least(&total, [1.0, 1.0, 1.0, 1.0, 1.0, 0.96, 0.73, 1.0, 1.0, 1.0]);
}

/// A tuning set written by an author who had not read the rules, in the shapes articles commonly
/// arrive in (people introduced by bare name and then by family name alone, speakers
/// alternating with pronouns, `according to`, an attribution between two pieces of a quote, a
/// role given a paragraph later, an organisation by its full and then its short name,
/// spokespeople and statements, `told reporters`, `in an interview with`, a press release, a
/// saved page with its clutter). First measured before any rule changed for it at 25/30 quotes,
/// 25/25 speakers, 33/46 actors, 6/7 dates (sources 2/6); the rules were then fixed for what it
/// showed (bare names, roles after a surname, an age after a name, contexts, outlets under
/// the title and after a byline's names), and it is pinned at what they measure: 28/30,
/// 28/28, 36/46, 6/7, sources 6/6 (README); 29/30 quotes with `the group said` for the
/// organisation the sentence before was about; indirect 20/23 with reported clauses whose
/// verb comes a few words in. Then 30/30 quotes, 21/23 indirect, 45/46 actors and 21/21
/// roles with organisations known by what the article does with them (a club that sacks its
/// coach and is then `the club`, `Pine & Crumb`, `an analyst at X`, `a spokesman for X`,
/// `according to the X. The aid group said`), a name with an age after it, `Fenn's
/// assistant, Luka Brandt,` and a role given in the sentence before a speaker's name. Dates
/// 7/7 once a bare `he said` took the day of the report just before it (`Speaking after
/// Saturday's match, Fenn insisted ...`).
#[test]
fn round8_quality() {
    let total = measure(&corpus_dir().join("round8"), "round 8");
    assert!(total.articles >= 6);
    assert_at_least(
        &total,
        [1.0, 1.0, 1.0, 0.97, 1.0, 0.91, 0.84, 1.0, 1.0, 1.0],
    );
}

/// A tuning set written by two authors who had not read the rules (eight articles, one half of
/// sixteen split at random before any rule changed for them; the other half is held out 4):
/// a militia's statement on Telegram, a court's release of a journalist, a coalition's collapse,
/// a product recall as a press release, and four saved pages (a camp's cholera outbreak with
/// its text in `<br>`-separated divisions, a central bank's AMP page, a vaccine trial on a
/// blog platform, a wildfire whose text is only in the page's linked data). First measured
/// before any rule changed for it at 33/59 quotes, 33/33 speakers, 53/94 actors, 7/13 dates,
/// sources 3/8 (three of its eight articles not imported: `no date found`). With the rules for
/// reported speech that followed (`told the court ...`, `had told`, `..., saying ...`,
/// `cautioned, however, that`, `said in a statement it ...`): 35/59 quotes, 35/35 speakers,
/// 35/68 indirect, 9/13 dates. With saved pages read by the prose they hold (text between
/// `<br>`s, AMP, a body only in linked data) and names followed by `, who` or given again
/// without their first word: 45/59, 45/45, 68/94, 47/68 indirect, 11/13 dates, seven
/// of eight imported; pinned there. With a quote's occasion carried from the report before it,
/// a person's workplace after the name and a participle after a determiner read as an
/// adjective: 46/59, 46/46, 48/68 indirect. With a press release's `News provided by` and
/// `/Wire/` dateline, an outlet in capitals beside a section and a page's site in its title:
/// 49/59, 49/49, 72/94, 50/68 indirect, 12/13 dates, sources 7/8, every article imported;
/// pinned there. With acronyms before `said` read as organisations, a role of a few words
/// before a full name, a second relative clause after a speaker and `the statement said` for
/// the issuer of the statement before: 52/59, 52/52, 73/94, 53/68 indirect. Events 34/56 with
/// `last night`, `today` and events counted from a named day (`a day after ...`). With people
/// by a plural role noun alone (`Prosecutors told ...`), `it said`, the report before `,
/// adding:` and a title named in the next sentence: 55/68 indirect, 77/94 actors.
/// Actors 89/94 and roles 42/43 with the actor rules written for its misses (a corporate
/// suffix and a defined short name, names listed before `stores`, `the X party`, `the X
/// Region government`, `X, which owns ...`, `who chairs X`, a court with its seat, an acronym
/// over an ampersand, a press release's contact, two names after `parents`, roles with an
/// owner or a complement, `Incident controller`). With a person's office or spokesman (`X's
/// office said`) speaking for the person: 56/68 indirect.
#[test]
fn round9_quality() {
    let total = measure(&corpus_dir().join("round9"), "round 9");
    assert!(total.articles >= 8);
    assert_at_least(
        &total,
        [0.88, 1.0, 1.0, 0.94, 0.97, 0.82, 0.6, 0.92, 0.87, 1.0],
    );
}

/// A tuning set of twelve articles by two more authors who had not read the rules (a mine
/// collapse, a university protest, water rationing, an election commission, an airline merger,
/// a tanker attack, a city budget, a nurses' strike, a heatwave, a ceasefire, a data leak, a
/// tennis player's retirement; four saved pages), written in the shapes of issue 16 with dates
/// and outlets in different places. First measured before any rule changed for it at 55/76
/// quotes, 54/55 speakers, 55/59 quote precision, 102/127 actors, 15/18 dates, sources 9/12,
/// every article imported. 105/127 actors and 56/56 speakers once two words after `and` may
/// finish an organisation's `of` complement (`Ministry of Forests and Upland Pasture`).
/// 59/76 quotes and 59/59 quote precision once apostrophes compare alike however typed and
/// words given again in translation are the quote. Sources 12/12 once a masthead above a
/// line of sections, a reporting credit's outlet and a publisher's copyright at the foot were
/// read. 61/76 quotes and 61/61 quote precision once words and their translation are two
/// quotes. 107/127 actors once `Infirmary` and `Limited` end organisations' names and no
/// person's name ends with a place of work (`Centre`, `Hospital`). 62/76 quotes once an
/// organiser is a role. Contexts kept 0.73 once `said X, her role, at a press briefing` keeps its
/// occasion; 0.82 once a bare `he wrote` takes the occasion of the sentence before.
#[test]
fn round10_quality() {
    let total = measure(&corpus_dir().join("round10"), "round 10");
    assert!(total.articles >= 12);
    assert_at_least(
        &total,
        [0.81, 1.0, 1.0, 0.84, 0.77, 0.63, 0.61, 0.83, 1.0, 1.0],
    );
}

/// The other half of the sixteen articles of round 9, put aside at random before any rule
/// changed for them, never read by whoever tunes the rules and never tuned on: the honest
/// estimate for a new article. Its test prints totals only. First measured, when it was put
/// aside, at 46/54 quotes, 42/46 speakers, 70/95 actors, 11/14 dates, sources 4/8, every
/// article imported. 73/95 actors with the actor rules written for round 8's misses.
#[test]
fn heldout4_quality() {
    let total = measure_sealed(&corpus_dir().join("heldout4"), "held out 4");
    assert!(total.articles >= 8);
    assert_at_least(
        &total,
        [0.85, 0.91, 1.0, 0.76, 0.93, 0.53, 0.52, 0.78, 0.5, 1.0],
    );
}

/// The rules recognise shapes, not the corpus's words: renaming a company or a person (in the
/// article and its truth) leaves every figure as it was. A name written with its acronym in
/// parentheses (`Popular Mobilization Forces (PMF)`) has its acronym renamed everywhere too.
#[test]
fn renaming_keeps_the_scores() {
    let renames = [
        (
            "halden-warehouse-fire",
            "Brightwater Logistics",
            "Brightwater Shipping",
        ),
        ("halden-warehouse-fire", "Hallander", "Valdes"),
        ("port-isolde-strike", "Albin", "Marsh"),
        ("vossberg-blackout", "Karesh Grid", "Karesh Power"),
        (
            "round4/kirkuk-checkpoint-handover",
            "Popular Mobilization Forces (PMF)",
            "Northern Defence Units (NDU)",
        ),
        // Held out 2's shapes, tuned on since: names with connectors, a role named in the
        // next sentence, a speaker named by the paragraph after, an organisation spelt by its
        // acronym acting `on Tuesday`, a number in a relative clause, partial quotes.
        ("heldout2/kostra-land-ruling", "de Vries", "van den Berg"),
        (
            "heldout2/kostra-land-ruling",
            "Kostra Farmers' Association (KFA)",
            "Lenne Growers' Alliance (LGA)",
        ),
        ("heldout2/kambe-election-dispute", "Sidibé", "Keita"),
        (
            "heldout2/kambe-election-dispute",
            "Moussa Traoré",
            "Ibrahim Sow",
        ),
        (
            "heldout2/kambe-election-dispute",
            "Union for Democracy and Progress (UDP)",
            "Front for Unity and Reform (FUR)",
        ),
        (
            "heldout2/kambe-election-dispute",
            "West African Election Network",
            "Sahel Civic Observers Network",
        ),
        ("heldout2/calder-dock-strike", "O’Hara", "Kerrigan"),
        (
            "heldout2/calder-dock-strike",
            "Tidewater Terminals",
            "Saltmarsh Haulage",
        ),
        (
            "heldout2/diyala-checkpoint-clash",
            "Joint Operations Command (JOC)",
            "Combined Security Headquarters (CSH)",
        ),
        // Round 7's: abbreviated titles, a possessive before the subject, `quoted ... as
        // saying`, organisations named `of X and Y` and `for X`.
        ("round7/calloway-heat-outages", "Quint", "Vance"),
        ("round7/kemaran-bribery-trial", "Ramasamy", "Ganesan"),
        ("round7/zaran-opposition-detention", "Nassar", "Hadid"),
        (
            "round7/zaran-opposition-detention",
            "Regional Council for Human Rights",
            "Eastern Council for Civil Liberties",
        ),
        (
            "round7/tessaly-locust-swarms",
            "Ministry of Agriculture and Livestock",
            "Ministry of Water and Irrigation",
        ),
        // Round 8's: a person introduced by bare name, a role after a known surname.
        ("round8/harwell-pine-crumb-deal", "Sorel", "Varga"),
        ("round8/breskow-hospital-fraud-sentence", "Kowal", "Brandl"),
        ("round8/tarrow-plastic-eating-bacterium", "Menon", "Okoro"),
        // Organisations without a generic head, known by what the article does with them.
        (
            "round8/rovena-united-sack-fenn",
            "Rovena United",
            "Marlow Wanderers",
        ),
        (
            "round8/harwell-pine-crumb-deal",
            "Pine & Crumb",
            "Salt & Rye",
        ),
        (
            "round8/harwell-pine-crumb-deal",
            "Nordkap Securities",
            "Fjell Partners",
        ),
        (
            "round7/brannick-motors-job-cuts",
            "Holloway Capital",
            "Dunmore Equity",
        ),
        (
            "round9/brightnest-highchair-recall",
            "KidsQuarter",
            "TotCorner",
        ),
        (
            "round9/baltava-coalition-collapse",
            "Civic Forward",
            "Free Citizens",
        ),
        (
            "round9/brightnest-highchair-recall",
            "Thomas Ridgeway",
            "Paul Osterhagen",
        ),
    ];
    for (name, from, to) in renames {
        let path = corpus_dir().join(format!("{name}.txt"));
        let text = fs::read_to_string(&path).unwrap();
        let truth_text = fs::read_to_string(path.with_file_name(format!(
            "{}.truth.toml",
            path.file_stem().unwrap().to_string_lossy()
        )))
        .unwrap();
        assert!(text.contains(from), "{name} does not name {from}");
        // `Name (ACR)` → (`Name`, `ACR`).
        let split = |s: &'static str| match s.strip_suffix(')').and_then(|s| s.rsplit_once(" (")) {
            Some((name, acronym)) => (name, Some(acronym)),
            None => (s, None),
        };
        let ((from_name, from_acr), (to_name, to_acr)) = (split(from), split(to));
        let rename = |s: &str| {
            let s = s.replace(from_name, to_name);
            match (from_acr, to_acr) {
                (Some(a), Some(b)) => s.replace(a, b),
                _ => s,
            }
        };
        let score_of = |text: &str, truth: &str| {
            let truth: Truth = toml::from_str(truth).unwrap();
            let draft = import(text, &Options::default()).unwrap();
            let s = score(&draft, &truth, &mut Vec::new());
            [
                s.found_quotes,
                s.right_speaker,
                s.extracted_direct,
                s.found_actors,
                s.right_roles,
                s.found_indirect,
                s.found_events,
            ]
        };
        let before = score_of(&text, &truth_text);
        let after = score_of(&rename(&text), &rename(&truth_text));
        assert_eq!(before, after, "{name}: {from} renamed {to}");
    }
}

// ---------------------------------------------------------------------------------------------
// The seed article (tests/import_seed)
// ---------------------------------------------------------------------------------------------

/// The article the first shipped briefing was drawn from (Shafaq News, 18 September 2024),
/// kept as the importer's reference case.
fn seed() -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/import_seed/shafaq-news-2024-09-18-qaani-baghdad.txt");
    fs::read_to_string(path).ok()
}

#[test]
fn seed_article_every_quote_and_person() {
    let Some(text) = seed() else {
        return common::cannot_run("tests/import_seed holds no seed article");
    };
    let draft = import(&text, &Options::default()).unwrap();
    assert_loads(&draft, "seed");
    assert_eq!(draft.date.to_string(), "2024-09-18");
    assert_eq!(draft.sources[0].name, "Shafaq News");
    let speaker_of = |start: &str| {
        let q = draft
            .quotes
            .iter()
            .find(|q| q.mode == QuoteMode::Direct && q.text.starts_with(start))
            .unwrap_or_else(|| panic!("no direct quote starting {start:?}: {:#?}", draft.quotes));
        actor(&draft, &q.speaker)
    };
    let radi1 = speaker_of("Qaani visited Baghdad to further strengthen");
    let radi2 = speaker_of("Qaani held private meetings");
    let source = speaker_of("The commander met with political and faction leaders");
    assert_eq!(radi1.name, "Rasul Radi");
    assert_eq!(radi2.name, "Rasul Radi");
    assert!(source.anonymous, "{source:?}");
    assert_eq!(source.name, "Well-informed political source");
    let direct = draft
        .quotes
        .iter()
        .filter(|q| q.mode == QuoteMode::Direct)
        .count();
    assert_eq!(direct, 3, "{:#?}", draft.quotes);
    let people = [
        ("Ismail Qaani", &["Commander", "Quds Force"][..]),
        ("Rasul Radi", &["State of Law Coalition", "member"][..]),
        ("Hadi al-Amiri", &["head of the Badr Organization"][..]),
        (
            "Qais al-Khazali",
            &["Secretary-General of Asa'eb Ahl al-Haq"][..],
        ),
        (
            "Hussein al-Hamidawi",
            &["commander of Kata'ib Hezbollah"][..],
        ),
        ("Ali Khamenei", &["Supreme Leader"][..]),
    ];
    for (name, role_words) in people {
        let a = draft
            .actors
            .iter()
            .find(|a| a.name == name)
            .unwrap_or_else(|| panic!("{name} not found: {:#?}", draft.actors));
        let role = a.role.clone().unwrap_or_default();
        for w in role_words {
            assert!(role.contains(w), "{name}: role {role:?} lacks {w:?}");
        }
    }
    let dates: Vec<String> = draft.events.iter().map(|e| e.date.to_string()).collect();
    for d in ["2024-09-16", "2024-09-17", "2024-01~", "2024-04", "2024-05"] {
        assert!(dates.iter().any(|x| x == d), "no event on {d}: {dates:?}");
    }
    println!(
        "seed: 3/3 direct quotes, 3/3 speakers, 6/6 named people with their roles; {} actors, {} quotes, {} events",
        draft.actors.len(),
        draft.quotes.len(),
        draft.events.len()
    );
}

// ---------------------------------------------------------------------------------------------
// Any text at all: never a panic, and a draft that is made always loads
// ---------------------------------------------------------------------------------------------

/// Pieces of news prose and of everything that can go wrong in it.
const PIECES: &[&str] = &[
    "date 2024-09-18 ",
    "Shafaq News/ ",
    "BAGHDAD, 18 September 2024 (Reuters) – ",
    "\n\n",
    "\n",
    " ",
    ", ",
    ". ",
    "? ",
    "! ",
    ": ",
    "; ",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    "„",
    "—",
    "–",
    "-",
    "(",
    ")",
    "\\",
    "/",
    "Rasul Radi",
    "Radi",
    "General Ismail Qaani",
    "Qaani",
    "Hadi al-Amiri",
    "head of the Badr Organization",
    "Coalition member",
    "the State of Law Coalition",
    "a well-informed political source",
    "the source",
    "he",
    "she",
    "they",
    "He",
    "She",
    "said",
    "told Shafaq News",
    "added that",
    "according to",
    "According to",
    "who asked not to be named",
    "In late January",
    "in April and May",
    "Last year",
    "two days ago",
    "on Tuesday",
    "in 2019",
    "since 2021",
    "will",
    "Dr.",
    "U.S.",
    "Mr.",
    "the ministry",
    "the Karesh Ministry of Trade",
    "so-called",
    "one official",
    "Iran’s Supreme Leader Sayyed Ali Khamenei",
    "Asa'eb Ahl al-Haq",
    "اسماعيل قاآني",
    "日本語",
    "🇮🇶",
    "\u{1b}[31m",
    "\u{7}",
    "\u{202e}",
    "\t",
    "\r\n",
    "\u{0}",
    "\u{feff}",
    "e\u{301}",
    "x",
    "1",
    "12",
    "May",
    "Tuesday",
    "of",
    "the",
    "and",
    "that",
];

/// The tops articles really arrive with: each gives a date, so the text after it reaches
/// the rules instead of stopping at `no date found`.
const DATED_TOPS: &[&str] = &[
    "date 2024-09-18 ",
    "BAGHDAD, 18 September 2024 (Reuters) – ",
    "Kessra, March 3, 2025 - ",
    "Published 14 November 2024\n\n",
    "Port cuts shifts\nBy Layla Haddad\n2025-03-03 10:12 UTC\n\nMARROW, March 3 (Reuters) - ",
    "Date: Tue, 16 Sep 2025 14:32:00 +0300\nFrom: Riverside Bulletin\n\n",
    "Title line here\nPolitics\n\nTigris Observer/ 2025-05-21 ",
    "ORSK — 19.08.2025\n\n",
    "<html><head><meta property=\"article:published_time\" content=\"2025-06-10\"></head><body><p>",
];

/// A dated top, then any pieces at all.
fn arbitrary_article() -> impl Strategy<Value = String> {
    (
        prop::sample::select(DATED_TOPS),
        prop::collection::vec(prop::sample::select(PIECES), 0..120),
    )
        .prop_map(|(top, p)| format!("{top}{}", p.concat()))
}

/// A corpus article with random pieces put in at random places.
fn mutated_article() -> impl Strategy<Value = String> {
    let texts: Vec<String> = corpus().into_iter().map(|(_, t, _)| t).collect();
    (
        prop::sample::select(texts),
        prop::collection::vec(
            (any::<prop::sample::Index>(), prop::sample::select(PIECES)),
            1..12,
        ),
    )
        .prop_map(|(text, edits)| {
            let mut text = text;
            for (at, piece) in edits {
                let mut i = at.index(text.len() + 1);
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                text.insert_str(i, piece);
            }
            text
        })
}

fn imports_cleanly(text: &str) -> Result<(), TestCaseError> {
    let Ok(draft) = import(text, &Options::default()) else {
        return Ok(());
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{}.toml", draft.id));
    fs::write(&path, draft.to_toml()).unwrap();
    let result = load_file(&path);
    prop_assert!(
        result.problems.is_empty(),
        "problems {:?} for the draft of {:?}:\n{}",
        result
            .problems
            .iter()
            .map(|p| &p.message)
            .collect::<Vec<_>>(),
        text,
        draft.to_toml()
    );
    Ok(())
}

/// The property tests only check the rules when the generated articles import: most must.
#[test]
fn most_generated_articles_import() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = arbitrary_article();
    let cases = 300;
    let mut imported = 0;
    for _ in 0..cases {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        imported += usize::from(import(&text, &Options::default()).is_ok());
    }
    println!("{imported} of {cases} generated articles imported");
    assert!(
        imported * 10 >= cases * 8,
        "only {imported} of {cases} imported"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_text_imports_or_fails_cleanly(text in arbitrary_article()) {
        imports_cleanly(&text)?;
    }

    #[test]
    fn damaged_articles_import_or_fail_cleanly(text in mutated_article()) {
        imports_cleanly(&text)?;
    }
}

// ---------------------------------------------------------------------------------------------
// The command
// ---------------------------------------------------------------------------------------------

/// A date split by a clause's semicolon (`1; May`) once made the importer cut a clause's text
/// past its own end, and panic (found by `damaged_articles_import_or_fail_cleanly`).
#[test]
fn a_date_across_a_semicolon_imports() {
    let text = "Published 3 March 2025\n\nThe government announced the tax in April, and it \
                took effect on 1;  May.\n";
    assert!(import(text, &Options::default()).is_ok());
    imports_cleanly(text).unwrap();
}

const ARTICLE: &str = "karesh-water-rationing.txt";

/// A temporary world: its own current folder, state folder and home.
struct World {
    dir: tempfile::TempDir,
}

impl World {
    fn new() -> World {
        World {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn article(&self) -> PathBuf {
        let path = self.root().join(ARTICLE);
        fs::copy(corpus_dir().join(ARTICLE), &path).unwrap();
        path
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_brief"));
        cmd.args(args)
            .current_dir(self.root())
            .env_remove("BRIEF_DIR")
            .env_remove("BRIEF_STATE_DIR")
            .env_remove("NO_COLOR")
            .env("BRIEF_STATE_DIR", self.root().join("state"))
            .env("HOME", self.root().join("home"))
            .env("XDG_STATE_HOME", self.root().join("home/state"))
            .env("XDG_CONFIG_HOME", self.root().join("home/config"))
            .env("XDG_CACHE_HOME", self.root().join("home/cache"));
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).stdin(Stdio::null()).output().unwrap()
    }

    fn run_stdin(&self, args: &[&str], input: &str) -> Output {
        use std::io::Write;
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// The one `.toml` file in a folder.
fn only_toml(dir: &Path) -> PathBuf {
    let files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

#[test]
fn import_writes_a_draft_that_check_accepts() {
    let w = World::new();
    let article = w.article();
    let o = w.run(&["import", article.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Default folder: ./briefings, created; the file is named after the id.
    let file = only_toml(&w.root().join("briefings"));
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("2025-03-04-"), "{name}");
    assert!(
        stdout(&o).starts_with("wrote briefings/2025-03-04-"),
        "{}",
        stdout(&o)
    );
    let check = w.run(&["check", "briefings"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    assert!(stdout(&check).contains("0 errors"), "{}", stdout(&check));
    // No scratch file is left behind.
    let hidden: Vec<_> = fs::read_dir(w.root().join("briefings"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with('.')
        })
        .collect();
    assert!(hidden.is_empty());
    // $BRIEF_DIR is the default folder when set.
    let o = w
        .command(&["import", article.to_str().unwrap()])
        .env("BRIEF_DIR", w.root().join("elsewhere"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    only_toml(&w.root().join("elsewhere"));
}

#[test]
fn import_never_overwrites_without_force() {
    let w = World::new();
    let article = w.article();
    let a = article.to_str().unwrap();
    assert_eq!(w.run(&["import", a, "--out", "b"]).status.code(), Some(0));
    let file = only_toml(&w.root().join("b"));
    fs::write(&file, "# the analyst's edits\n").unwrap();
    let o = w.run(&["import", a, "--out", "b"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with("brief: ") && err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        "# the analyst's edits\n"
    );
    let o = w.run(&["import", a, "--out", "b", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(fs::read_to_string(&file).unwrap().contains("[[quotes]]"));
}

#[test]
fn import_reads_standard_input_and_takes_an_id() {
    let w = World::new();
    let text = fs::read_to_string(corpus_dir().join(ARTICLE)).unwrap();
    let o = w.run_stdin(&["import", "-", "--out", "b", "--id", "water"], &text);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = fs::read_to_string(w.root().join("b/water.toml")).unwrap();
    assert!(written.contains("id = \"water\""));
    assert!(
        !written.contains("x-imported-from"),
        "stdin has no file name"
    );
    let o = w.run_stdin(&["import", "-", "--id", "Not An Id"], &text);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--id"), "{}", stderr(&o));
}

#[test]
fn import_json_is_the_normalized_briefing() {
    let w = World::new();
    let article = w.article();
    let o = w.run(&["import", article.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["date"], "2025-03-04");
    assert_eq!(v["tags"], serde_json::json!(["draft"]));
    assert_eq!(v["format"], 1);
    assert!(
        v["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["id"].is_string() && q["mode"].is_string())
    );
    assert!(
        v["actors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["name"] == "Talia Renn")
    );
    assert_eq!(v["x-imported-from"], ARTICLE);
    // Nothing is written.
    assert!(!w.root().join("briefings").exists());
}

#[test]
fn import_then_list_shows_the_draft() {
    let w = World::new();
    let article = w.article();
    let o = w.run(&["import", article.to_str().unwrap(), "--out", "desk"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let id = only_toml(&w.root().join("desk"))
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let list = w.run(&["list", "desk"]);
    assert_eq!(list.status.code(), Some(0), "{}", stderr(&list));
    assert!(stdout(&list).contains(&id), "{}", stdout(&list));
    let show = w.run(&["show", &id, "desk", "--json"]);
    assert_eq!(show.status.code(), Some(0), "{}", stderr(&show));
}

#[test]
fn import_refuses_an_id_another_file_has() {
    let w = World::new();
    let article = w.article();
    let a = article.to_str().unwrap();
    assert_eq!(
        w.run(&["import", a, "--out", "b", "--id", "same"])
            .status
            .code(),
        Some(0)
    );
    fs::rename(
        w.root().join("b/same.toml"),
        w.root().join("b/renamed.toml"),
    )
    .unwrap();
    let o = w.run(&["import", a, "--out", "b", "--id", "same"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("renamed.toml"), "{}", stderr(&o));
}

#[test]
fn import_without_a_date_or_a_file_says_what_to_do() {
    let w = World::new();
    let o = w.run_stdin(&["import", "-"], "Something happened somewhere.\n");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--date YYYY-MM-DD"), "{}", stderr(&o));
    let o = w.run(&["import", "missing.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("brief: cannot read missing.txt"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn import_escapes_hostile_and_awkward_text() {
    let w = World::new();
    let text = "date 2024-05-01 Test Wire/ A \\ backslash, an \u{1b}[31mescape and ‘quotes’ reached Dunmere, a source said on Wednesday.\n\n\
        Interior Minister Talia Renn told Test Wire, \"It's a test of C:\\path and “curly” quotes, 日本語 too.\"\n";
    let o = w.run_stdin(&["import", "-", "--out", "b"], text);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let file = only_toml(&w.root().join("b"));
    let written = fs::read_to_string(&file).unwrap();
    assert!(!written.contains('\u{1b}'));
    let check = w.run(&["check", "b"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    assert!(stdout(&check).contains("0 warnings"), "{}", stdout(&check));
    let parsed: toml::Table = written.parse().unwrap();
    let quote = parsed["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["mode"].as_str() == Some("direct"))
        .expect("the direct quote")["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        quote.contains("C:\\path") && quote.contains("“curly”") && quote.contains("日本語"),
        "{quote}"
    );
}

#[test]
fn import_date_and_source_override_the_article() {
    let w = World::new();
    let o = w.run_stdin(
        &[
            "import",
            "-",
            "--out",
            "b",
            "--date",
            "2025-02-03",
            "--source",
            "Desk Notes",
        ],
        "Something happened somewhere, a minister said on Monday.\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = fs::read_to_string(only_toml(&w.root().join("b"))).unwrap();
    assert!(written.contains("date = 2025-02-03"), "{written}");
    assert!(written.contains("name = \"Desk Notes\""), "{written}");
    // Refused before any article is read (so nothing is written to its standard input).
    let o = w.run(&["import", "-", "--date", "2025-02-30"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("YYYY-MM-DD"), "{}", stderr(&o));
}

#[test]
fn import_reads_a_saved_page() {
    let w = World::new();
    let page = corpus_dir().join("round4/veldt-power-tariffs.html");
    let o = w.run(&["import", page.to_str().unwrap(), "--out", "b"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = fs::read_to_string(only_toml(&w.root().join("b"))).unwrap();
    assert!(written.contains("date = 2025-06-10"), "{written}");
    assert!(written.contains("Coastline Herald"), "{written}");
    assert!(written.contains("title = \"Veldt power tariffs to rise 18% from July\""));
    for furniture in [
        "cookie",
        "dataLayer",
        "Related",
        "All rights reserved",
        "Home",
    ] {
        assert!(!written.contains(furniture), "{furniture} in {written}");
    }
}

#[test]
fn import_takes_several_articles_and_folders_and_goes_on_after_a_failure() {
    let w = World::new();
    let dir = w.root().join("in");
    fs::create_dir(&dir).unwrap();
    fs::copy(corpus_dir().join(ARTICLE), dir.join("a.txt")).unwrap();
    fs::copy(
        corpus_dir().join("round4/veldt-power-tariffs.html"),
        dir.join("b.html"),
    )
    .unwrap();
    fs::write(dir.join("c.txt"), "No date anywhere in this one.\n").unwrap();
    fs::write(dir.join("notes.md"), "not an article").unwrap();
    let extra = w.article();
    let o = w.run(&["import", "in", extra.to_str().unwrap(), "--out", "b"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let err = stderr(&o);
    assert_eq!(
        out.lines().filter(|l| l.starts_with("wrote ")).count(),
        2,
        "{out}"
    );
    assert!(
        err.contains("cannot import in/c.txt") && err.contains("--date"),
        "{err}"
    );
    assert!(err.contains("2 of 4 articles"), "{err}");
    // The same article twice: the second would overwrite the first, and is refused.
    assert!(err.contains("already exists"), "{err}");
    let files = fs::read_dir(w.root().join("b")).unwrap().count();
    assert_eq!(files, 2);
    let o = w.run(&["import", "in", "--id", "x", "--out", "b2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--id"), "{}", stderr(&o));
}

/// Keeps the figures in one place for the README: the corpus counts, per article.
#[test]
fn corpus_articles_have_truth() {
    let mut by_name = BTreeMap::new();
    for (name, _, truth) in corpus() {
        by_name.insert(name, truth.quotes.len());
    }
    assert!(by_name.values().all(|&n| n > 0), "{by_name:?}");
}
