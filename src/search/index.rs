//! Search across every briefing: titles, summaries, judgments, actors (names and aliases),
//! quotes, events, and the notes on the user's flags.
//!
//! The index holds each briefing's text folded once (`FoldedBriefing`), its pieces one after
//! the other in a single string, and nothing per piece: a keystroke is one scan of memory,
//! and a briefing without every word of the query is passed over with one look at its text.
//! Which item a piece is follows from its position, so a match is worked out only for the
//! pieces that match.

use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use crate::briefing::{Briefing, ItemKind, Library, Target};

use super::fold::fold;
use super::query::Filter;

/// Where in a briefing a match is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Title,
    Summary,
    Judgment,
    Actor,
    Quote,
    Event,
    /// The note on a user's flag.
    Note,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Summary => "summary",
            Field::Judgment => "judgment",
            Field::Actor => "actor",
            Field::Quote => "quote",
            Field::Event => "event",
            Field::Note => "note",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Ends each piece of a `FoldedBriefing`. Briefing text never holds it (control characters
/// are replaced when a file is read, and folding drops any left), so a query cannot match
/// across two pieces.
const END: char = '\0';

/// The kinds of item, in the order their pieces follow the title and the summary.
const KINDS: [(ItemKind, Field); 4] = [
    (ItemKind::Judgment, Field::Judgment),
    (ItemKind::Actor, Field::Actor),
    (ItemKind::Quote, Field::Quote),
    (ItemKind::Event, Field::Event),
];

/// One briefing's searchable text, folded: the title, the summary, then each judgment, quote
/// and event, each piece ended by `END`; its actors are numbers in an `ActorTable`, since the
/// same actor appears in many briefings and is folded and kept once. Made once per file read
/// (the reader makes it while loading, see `tui::events`), shared, never changed.
///
/// Held in one allocation, shared by cloning (the loader keeps it for the next load, the
/// index for searching): how many judgments, actors, quotes and events (what maps a piece
/// back to its item) and the length of the tags, as `u32`s, then each actor's number in the
/// table, then the tags (each folded and ended by `END`: what the filter's free words look in
/// beside the title and the summary), then the text. Four allocations and a reference count
/// a briefing cost more than the text of a short one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoldedBriefing(Arc<[u8]>);

/// The `u32`s before the actors: the four counts and the length of the tags.
const HEADER: usize = 5;

impl Default for FoldedBriefing {
    fn default() -> FoldedBriefing {
        FoldedBriefing::assemble([0; 4], &[], "", "")
    }
}

/// One actor as search and the filter see it, folded once however many briefings name it.
#[derive(Debug, PartialEq, Eq)]
pub struct FoldedActor {
    /// What search matches and shows: the name, the aliases and the role.
    piece: Box<str>,
    /// What `actor:` looks in: the id, the name and each alias, each ended by `END`.
    names: Box<str>,
}

/// Every distinct actor folded so far, numbered in the order first seen. Shared by the threads
/// that fold briefings (a lock taken once per briefing); it only grows, so a number once given
/// means the same actor for as long as the table lives.
#[derive(Debug, Default)]
pub struct ActorTable {
    inner: std::sync::Mutex<ActorTableInner>,
}

#[derive(Debug, Default)]
struct ActorTableInner {
    /// An actor's fields (id, name, aliases, role), each prefixed by its length.
    by_key: std::collections::HashMap<Box<str>, u32>,
    actors: Vec<Arc<FoldedActor>>,
}

impl ActorTable {
    /// The numbers of a briefing's actors, folding those not seen before.
    fn intern(&self, b: &Briefing) -> Box<[u32]> {
        use std::fmt::Write;
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let inner = &mut *inner;
        let mut key = String::new();
        b.actors
            .iter()
            .enumerate()
            .map(|(i, a)| {
                key.clear();
                // Lengths first: no field's text can be mistaken for a separator.
                for field in [&a.id, &a.name, a.role.as_deref().unwrap_or("\u{1}")]
                    .into_iter()
                    .chain(a.aliases.iter().map(String::as_str))
                {
                    let _ = write!(key, "{}:{field}", field.len());
                }
                if let Some(&n) = inner.by_key.get(key.as_str()) {
                    return n;
                }
                let n = inner.actors.len() as u32;
                inner.actors.push(Arc::new(FoldedActor::of(b, i)));
                inner.by_key.insert(key.as_str().into(), n);
                n
            })
            .collect()
    }

    /// The actors folded so far, by number.
    pub fn snapshot(&self) -> Arc<[Arc<FoldedActor>]> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.actors.iter().cloned().collect()
    }

    /// How many distinct actors it holds.
    pub fn len(&self) -> usize {
        self.inner
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .actors
            .len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Folded text with `END` replaced, so it never ends a piece early.
fn push_folded(out: &mut String, text: &str) {
    for c in fold(text).chars() {
        out.push(if c == END { ' ' } else { c });
    }
}

impl FoldedActor {
    fn of(b: &Briefing, i: usize) -> FoldedActor {
        let a = &b.actors[i];
        let mut piece = String::new();
        push_folded(
            &mut piece,
            &item_text(b, Some((ItemKind::Actor, i as u32)), Field::Actor),
        );
        let mut names = String::new();
        for name in [&a.id, &a.name].into_iter().chain(&a.aliases) {
            push_folded(&mut names, name);
            names.push(END);
        }
        FoldedActor {
            piece: piece.into_boxed_str(),
            names: names.into_boxed_str(),
        }
    }
}

impl FoldedBriefing {
    fn assemble(counts: [u32; 4], actors: &[u32], tags: &str, text: &str) -> FoldedBriefing {
        let mut bytes = Vec::with_capacity((HEADER + actors.len()) * 4 + tags.len() + text.len());
        for n in counts
            .into_iter()
            .chain([tags.len() as u32])
            .chain(actors.iter().copied())
        {
            bytes.extend_from_slice(&n.to_le_bytes());
        }
        bytes.extend_from_slice(tags.as_bytes());
        bytes.extend_from_slice(text.as_bytes());
        FoldedBriefing(bytes.into())
    }

    fn word(&self, at: usize) -> u32 {
        let b = &self.0[at * 4..at * 4 + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }

    /// How many judgments, actors, quotes and events.
    fn counts(&self) -> [u32; 4] {
        [self.word(0), self.word(1), self.word(2), self.word(3)]
    }

    /// Each actor's number in the table, in the briefing's order.
    fn actors(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.word(1) as usize).map(|i| self.word(HEADER + i))
    }

    fn actor_count(&self) -> usize {
        self.word(1) as usize
    }

    fn tags_at(&self) -> usize {
        (HEADER + self.actor_count()) * 4
    }

    /// The folded tags, each ended by `END`.
    fn tags(&self) -> &[u8] {
        let at = self.tags_at();
        &self.0[at..at + self.word(4) as usize]
    }

    /// The folded pieces, each ended by `END`.
    fn text(&self) -> &[u8] {
        &self.0[self.tags_at() + self.word(4) as usize..]
    }

    /// The bytes it holds.
    fn heap_bytes(&self) -> usize {
        self.0.len() + 2 * size_of::<usize>()
    }

    /// Folds a briefing, its actors into `actors`.
    pub fn of(b: &Briefing, actors: &ActorTable) -> FoldedBriefing {
        let counts = [
            b.judgments.len(),
            b.actors.len(),
            b.quotes.len(),
            b.events.len(),
        ];
        let mut text = String::new();
        for (item, field) in pieces(counts) {
            if field == Field::Actor {
                continue;
            }
            push_folded(&mut text, &item_text(b, item, field));
            text.push(END);
        }
        let mut tags = String::new();
        for tag in &b.tags {
            push_folded(&mut tags, tag);
            tags.push(END);
        }
        FoldedBriefing::assemble(counts.map(|n| n as u32), &actors.intern(b), &tags, &text)
    }

    /// The folded title and summary, the separator between them included (what the filter's
    /// free words look in: a word holds no separator, so it is found in one or the other).
    fn title_and_summary(&self) -> &[u8] {
        let text = self.text();
        let end = memchr::memchr_iter(END as u8, text)
            .nth(1)
            .unwrap_or(text.len());
        &text[..end]
    }

    /// The piece at `k`: which item, which field.
    fn piece(&self, k: usize) -> (Option<(ItemKind, u32)>, Field) {
        match k {
            0 => (None, Field::Title),
            1 => (None, Field::Summary),
            _ => {
                let mut at = (k - 2) as u32;
                for ((kind, field), count) in KINDS.into_iter().zip(self.counts()) {
                    if at < count {
                        return (Some((kind, at)), field);
                    }
                    at -= count;
                }
                (None, Field::Title)
            }
        }
    }

    /// The pieces that hold every term, by position, in order; `actor_matches[n]` says whether
    /// the actor numbered `n` holds them all.
    fn each_match(&self, terms: &Terms, actor_matches: &[bool], mut found: impl FnMut(usize)) {
        // Actors come after the judgments: text pieces from there on are numbered past them.
        let actors_at = 2 + self.word(0) as usize;
        let actor_count = self.actor_count();
        let mut actors_done = false;
        let actors = |found: &mut dyn FnMut(usize)| {
            for (slot, n) in self.actors().enumerate() {
                if actor_matches.get(n as usize).copied().unwrap_or(false) {
                    found(actors_at + slot);
                }
            }
        };
        self.each_text_match(terms, |t| {
            if t >= actors_at && !actors_done {
                actors_done = true;
                actors(&mut found);
            }
            found(if t >= actors_at { t + actor_count } else { t });
        });
        if !actors_done {
            actors(&mut found);
        }
    }

    /// The text pieces that hold every term, by their place in `text`, in order. One pass
    /// over the text: each place the first term occurs is mapped to its piece by counting
    /// separators, and only that piece is looked at for the other terms.
    fn each_text_match(&self, terms: &Terms, mut found: impl FnMut(usize)) {
        let text = self.text();
        let Some((first, others)) = terms.finders.split_first() else {
            return;
        };
        let end_byte = END as u8;
        // Where the piece `k` starts.
        let (mut from, mut k) = (0, 0);
        while let Some(offset) = first.find(&text[from..]) {
            let at = from + offset;
            k += memchr::memchr_iter(end_byte, &text[from..at]).count();
            let end = memchr::memchr(end_byte, &text[at..]).map_or(text.len(), |p| at + p);
            // One word (the first letters typed, the commonest query): the piece holds it.
            if others.is_empty() || {
                let start = memchr::memrchr(end_byte, &text[..at]).map_or(0, |p| p + 1);
                let piece = &text[start..end];
                others.iter().all(|f| f.find(piece).is_some())
            } {
                found(k);
            }
            // On to the next piece: one match per piece is enough.
            from = end + 1;
            k += 1;
            if from >= text.len() {
                break;
            }
        }
    }

    /// How many pieces `each_match` would give, without working out which: a match beyond
    /// the results kept is only counted, and counting skips what placing a match costs (the
    /// separators before it counted).
    fn count_matches(&self, terms: &Terms, actor_matches: &[bool]) -> usize {
        let actors = self
            .actors()
            .filter(|&n| actor_matches.get(n as usize).copied().unwrap_or(false))
            .count();
        let text = self.text();
        let Some((first, others)) = terms.finders.split_first() else {
            return actors;
        };
        let end_byte = END as u8;
        let (mut from, mut count) = (0, 0);
        // `from` is where a piece starts: the match's piece starts there or after.
        while let Some(offset) = first.find(&text[from..]) {
            let at = from + offset;
            let end = memchr::memchr(end_byte, &text[at..]).map_or(text.len(), |p| at + p);
            if others.is_empty() || {
                let start =
                    memchr::memrchr(end_byte, &text[from..at]).map_or(from, |p| from + p + 1);
                let piece = &text[start..end];
                others.iter().all(|f| f.find(piece).is_some())
            } {
                count += 1;
            }
            from = end + 1;
            if from >= text.len() {
                break;
            }
        }
        actors + count
    }

    /// `each_match`, collected.
    fn matching(&self, terms: &Terms, actor_matches: &[bool]) -> Vec<usize> {
        let mut found = Vec::new();
        self.each_match(terms, actor_matches, |k| found.push(k));
        found
    }
}

/// The words of a query, folded, each ready to be looked for; the longest first, since it
/// is likely the rarest and so rules out most text at once.
struct Terms {
    finders: Vec<memchr::memmem::Finder<'static>>,
}

impl Terms {
    fn new(query: &str) -> Terms {
        let mut words = terms(query);
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        words.dedup();
        Terms {
            finders: words
                .iter()
                .map(|w| memchr::memmem::Finder::new(w.as_bytes()).into_owned())
                .collect(),
        }
    }

    fn is_empty(&self) -> bool {
        self.finders.is_empty()
    }

    /// The byte of a query of one word of one byte (an ASCII letter, digit or sign).
    fn one_byte(&self) -> Option<u8> {
        match self.finders.as_slice() {
            [only] => match only.needle() {
                [b] => Some(*b),
                _ => None,
            },
            _ => None,
        }
    }

    fn all_in(&self, text: &str) -> bool {
        self.finders
            .iter()
            .all(|f| f.find(text.as_bytes()).is_some())
    }

    /// Which of these actors hold every term: looked at once per search, not once per
    /// briefing that names them.
    fn actor_matches(&self, actors: &[Arc<FoldedActor>]) -> Vec<bool> {
        actors.iter().map(|a| self.all_in(&a.piece)).collect()
    }
}

/// The item and field of each piece of a briefing with these counts, in order.
fn pieces(counts: [usize; 4]) -> impl Iterator<Item = (Option<(ItemKind, u32)>, Field)> {
    [(None, Field::Title), (None, Field::Summary)]
        .into_iter()
        .chain(
            KINDS
                .into_iter()
                .zip(counts)
                .flat_map(|((kind, field), count)| {
                    (0..count as u32).map(move |at| (Some((kind, at)), field))
                }),
        )
}

/// A note on one of the user's flags: notes live in the store, not in the briefings.
#[derive(Clone, Debug)]
struct Note {
    briefing: u32,
    item: Option<(ItemKind, u32)>,
    folded: Box<str>,
    text: Box<str>,
}

/// One match: which briefing, which item in it (or the briefing itself), which field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index into `Library::briefings`.
    pub briefing: usize,
    pub field: Field,
    item: Option<(ItemKind, u32)>,
    /// For a note, its place in `SearchIndex::notes`.
    note: Option<u32>,
}

#[derive(Debug, Default)]
pub struct SearchIndex {
    /// One per briefing of the library it was built for, in library order (shared with the
    /// counting of its letters, `letters_later`).
    briefings: Arc<Vec<FoldedBriefing>>,
    /// The actors the briefings' numbers refer to.
    actors: Arc<[Arc<FoldedActor>]>,
    /// In library order.
    notes: Vec<Note>,
    /// What a one-letter query needs to know without scanning everything (`LetterCounts`):
    /// counted when the index is built, or later by the loader (`letters_later`); until then
    /// a one-letter query scans like any other.
    letters: Arc<OnceLock<LetterCounts>>,
}

/// The count of a one-letter query, known in advance. The first letter typed matches almost
/// every briefing (`q` is in 970,000 pieces of the 100,000 corpus), and its count was a scan
/// of the whole index that worked out every match's piece; with these the results shown are
/// found in the first briefings and the scan stops there.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct LetterCounts {
    /// How many text pieces (of every briefing) hold each ASCII byte, by byte.
    pieces: Vec<u64>,
    /// How many times the briefings name each actor (a slot each), by the actor's number.
    actor_uses: Vec<u32>,
}

impl LetterCounts {
    /// One pass over the folded text, on the calling thread: the loader's, once the reader
    /// has the index (a core is left to the reader).
    fn of(briefings: &[FoldedBriefing], actors: usize) -> LetterCounts {
        let mut counts = LetterCounts {
            pieces: vec![0; 128],
            actor_uses: vec![0; actors],
        };
        for b in briefings {
            count_pieces_by_byte(b.text(), &mut counts.pieces);
            for n in b.actors() {
                if let Some(uses) = counts.actor_uses.get_mut(n as usize) {
                    *uses += 1;
                }
            }
        }
        counts
    }

    /// How many pieces of text and actor slots hold `byte`, given which actors do: what the
    /// scan would count for a query of that one letter, notes aside.
    fn count(&self, byte: u8, actor_matches: &[bool]) -> Option<usize> {
        let text = *self.pieces.get(usize::from(byte))?;
        let actors: u64 = self
            .actor_uses
            .iter()
            .zip(actor_matches)
            .filter(|(_, m)| **m)
            .map(|(uses, _)| u64::from(*uses))
            .sum();
        usize::try_from(text + actors).ok()
    }
}

/// The letters of an index still to be counted: what `SearchIndex::letters_later` hands the
/// loader, to count once the reader has the index.
pub struct LettersToCount {
    briefings: Arc<Vec<FoldedBriefing>>,
    actors: usize,
    into: Arc<OnceLock<LetterCounts>>,
}

impl LettersToCount {
    /// Counts them; from then on the index answers one letter without a full scan.
    pub fn count(self) {
        self.into
            .get_or_init(|| LetterCounts::of(&self.briefings, self.actors));
    }
}

/// Adds to `counts[b]` one for each piece of `text` (pieces ended by `END`, the last one
/// perhaps not) that holds the ASCII byte `b`, however often it holds it.
fn count_pieces_by_byte(text: &[u8], counts: &mut [u64]) {
    // Each byte's bit in the set of bytes a piece holds: bytes 0 to 63 in the low word, 64 to
    // 127 in the high one; bytes of other characters (128 and above) in neither, as a one-byte
    // term is ASCII. Looked up rather than shifted: a lookup and an `or` a byte.
    const fn bits(word: u8) -> [u64; 256] {
        let mut table = [0; 256];
        let mut b = 0;
        while b < 128 {
            if b / 64 == word as usize {
                table[b] = 1 << (b % 64);
            }
            b += 1;
        }
        table
    }
    const LOW: [u64; 256] = bits(0);
    const HIGH: [u64; 256] = bits(1);
    let mut add = |piece: &[u8]| {
        let (mut low, mut high) = (0u64, 0u64);
        for &b in piece {
            low |= LOW[usize::from(b)];
            high |= HIGH[usize::from(b)];
        }
        for (word, mut seen) in [(0, low), (64, high)] {
            while seen != 0 {
                counts[word + seen.trailing_zeros() as usize] += 1;
                seen &= seen - 1;
            }
        }
    };
    let mut from = 0;
    for end in memchr::memchr_iter(END as u8, text) {
        add(&text[from..end]);
        from = end + 1;
    }
    if from < text.len() {
        add(&text[from..]);
    }
}

/// The outcome of a search: the first matches, in library order, and how many there were.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Matches {
    pub hits: Vec<Hit>,
    pub total: usize,
}

/// The target of the briefing, or of the item at a position in it (the briefing itself when
/// it is held as a stub: complete it first to point at the item).
fn target_of(b: &Briefing, item: Option<(ItemKind, u32)>) -> Target {
    let Some((kind, i)) = item else {
        return Target::briefing(&b.id);
    };
    let i = i as usize;
    let id = match kind {
        ItemKind::Judgment => b.judgments.get(i).map(|x| &x.id),
        ItemKind::Actor => b.actors.get(i).map(|x| &x.id),
        ItemKind::Quote => b.quotes.get(i).map(|x| &x.id),
        ItemKind::Event => b.events.get(i).map(|x| &x.id),
    };
    match id {
        Some(id) => Target::item(&b.id, kind, id),
        None => Target::briefing(&b.id),
    }
}

fn item_exists(b: &Briefing, kind: ItemKind, i: usize) -> bool {
    i < match kind {
        ItemKind::Judgment => b.judgments.len(),
        ItemKind::Actor => b.actors.len(),
        ItemKind::Quote => b.quotes.len(),
        ItemKind::Event => b.events.len(),
    }
}

/// The summary as search and the filter see it: one line, its runs of white space one space.
pub(crate) fn summary_line(summary: &str) -> String {
    summary.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of an item as search sees and shows it.
fn item_text(b: &Briefing, item: Option<(ItemKind, u32)>, field: Field) -> String {
    let at = |i: u32| i as usize;
    match (field, item) {
        (Field::Title, _) => b.title.clone(),
        (Field::Summary, _) => summary_line(&b.summary),
        // A stub has no items yet: its title stands in until it is completed.
        (_, Some((kind, i))) if !item_exists(b, kind, at(i)) => b.title.clone(),
        (_, Some((ItemKind::Judgment, i))) => b.judgments[at(i)].text.clone(),
        (_, Some((ItemKind::Actor, i))) => {
            let a = &b.actors[at(i)];
            let mut text = a.name.clone();
            if !a.aliases.is_empty() {
                text.push_str(&format!(" ({})", a.aliases.join(", ")));
            }
            if let Some(role) = &a.role {
                text.push_str(&format!(" - {role}"));
            }
            text
        }
        (_, Some((ItemKind::Quote, i))) => {
            let q = &b.quotes[at(i)];
            format!("{}: {}", b.speaker_name(q), q.text)
        }
        (_, Some((ItemKind::Event, i))) => {
            let e = &b.events[at(i)];
            format!("{} {}", e.date, e.text)
        }
        (_, None) => b.title.clone(),
    }
}

impl SearchIndex {
    /// Builds the index over every briefing, reading in full those held as stubs.
    pub fn build(library: &Library) -> SearchIndex {
        let actors = ActorTable::default();
        let briefings = library.each_full(|_, b| FoldedBriefing::of(b, &actors));
        SearchIndex::of(briefings, actors.snapshot())
    }

    /// The index of these texts, its letters counted.
    fn of(briefings: Vec<FoldedBriefing>, actors: Arc<[Arc<FoldedActor>]>) -> SearchIndex {
        let index = SearchIndex::uncounted(briefings, actors);
        if let Some(later) = index.letters_later() {
            later.count();
        }
        index
    }

    fn uncounted(briefings: Vec<FoldedBriefing>, actors: Arc<[Arc<FoldedActor>]>) -> SearchIndex {
        SearchIndex {
            briefings: Arc::new(briefings),
            actors,
            notes: Vec::new(),
            letters: Arc::default(),
        }
    }

    /// The counting of its letters, to be done on another thread while the index is in use
    /// (the reader's loader does it once the reader has the index); `None` once done.
    pub fn letters_later(&self) -> Option<LettersToCount> {
        if self.letters.get().is_some() {
            return None;
        }
        Some(LettersToCount {
            briefings: Arc::clone(&self.briefings),
            actors: self.actors.len(),
            into: Arc::clone(&self.letters),
        })
    }

    /// Builds the index from texts folded earlier (as the files were read) with `actors`,
    /// asking `known` for each briefing's; a briefing it does not know is read again. Its
    /// letters are not counted yet: see `letters_later`.
    pub fn build_with(
        library: &Library,
        actors: &ActorTable,
        known: impl Fn(&Briefing) -> Option<FoldedBriefing>,
    ) -> SearchIndex {
        let briefings = library
            .briefings
            .iter()
            .map(|b| {
                known(b).unwrap_or_else(|| {
                    let full = b
                        .is_stub()
                        .then(|| crate::briefing::load_file(&b.path).briefing);
                    match full.flatten().filter(|f| f.id == b.id) {
                        Some(full) => FoldedBriefing::of(&full, actors),
                        None => FoldedBriefing::of(b, actors),
                    }
                })
            })
            .collect();
        SearchIndex::uncounted(briefings, actors.snapshot())
    }

    /// The bytes it holds (folded text, actor numbers, the actors once each), for measuring.
    pub fn heap_bytes(&self) -> usize {
        let per_briefing: usize = self.briefings.iter().map(FoldedBriefing::heap_bytes).sum();
        let actors: usize = self
            .actors
            .iter()
            .map(|a| a.piece.len() + a.names.len() + size_of::<FoldedActor>())
            .sum();
        per_briefing + actors
    }

    /// Adds the notes of the user's flags (they live in the store, not the briefings),
    /// replacing those added before.
    pub fn add_notes<'a>(
        &mut self,
        library: &Library,
        notes: impl Iterator<Item = (&'a str, &'a str)>,
    ) {
        self.notes.clear();
        for (target, note) in notes {
            if note.is_empty() {
                continue;
            }
            let Ok(parsed) = target.parse::<Target>() else {
                continue;
            };
            let Some(briefing) = library.position(&parsed.briefing) else {
                continue;
            };
            let b = &library.briefings[briefing];
            let item = match &parsed.item {
                None => None,
                Some((kind, id)) => {
                    let at = match kind {
                        ItemKind::Judgment => b.judgments.iter().position(|x| &x.id == id),
                        ItemKind::Actor => b.actors.iter().position(|x| &x.id == id),
                        ItemKind::Quote => b.quotes.iter().position(|x| &x.id == id),
                        ItemKind::Event => b.events.iter().position(|x| &x.id == id),
                    };
                    // A note on an item that is gone (orphaned) has nothing to jump to.
                    let Some(at) = at else { continue };
                    Some((*kind, at as u32))
                }
            };
            self.notes.push(Note {
                briefing: briefing as u32,
                item,
                folded: fold(note).into_boxed_str(),
                text: note.into(),
            });
        }
        // Searched alongside their briefings, so kept in library order.
        self.notes.sort_by_key(|n| n.briefing);
    }

    /// The target a match points at.
    pub fn target(&self, library: &Library, hit: &Hit) -> Target {
        target_of(&library.briefings[hit.briefing], hit.item)
    }

    /// The text of a match, as shown (one line).
    pub fn text(&self, library: &Library, hit: &Hit) -> String {
        match hit.note.and_then(|n| self.notes.get(n as usize)) {
            Some(note) => note.text.to_string(),
            None => item_text(&library.briefings[hit.briefing], hit.item, hit.field),
        }
    }

    /// How many distinct actors its briefings name.
    pub fn actors(&self) -> usize {
        self.actors.len()
    }

    /// How many briefings it covers.
    pub fn len(&self) -> usize {
        self.briefings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.briefings.is_empty()
    }

    /// Pieces that contain every word of the query (folded), in library order, each
    /// briefing's notes after its own text; at most `limit` kept, `total` counts all.
    pub fn search(&self, query: &str, limit: usize) -> Matches {
        let terms = Terms::new(query);
        if terms.is_empty() {
            return Matches::default();
        }
        let actor_matches = terms.actor_matches(&self.actors);
        // One letter: its count is known, so the scan stops once the results kept are found
        // (in the first few briefings, for a letter that is everywhere).
        let counted = terms
            .one_byte()
            .and_then(|b| self.letters.get()?.count(b, &actor_matches));
        let Some(counted) = counted else {
            return self.scan(&terms, &actor_matches, limit, Scan::CountBeyondLimit);
        };
        let mut matches = self.scan(&terms, &actor_matches, limit, Scan::StopAtLimit);
        let notes = self
            .notes
            .iter()
            .filter(|n| terms.all_in(&n.folded))
            .count();
        matches.total = counted + notes;
        matches
    }

    /// What `search` gives, by the scan every query took before: every briefing looked at and
    /// every match placed, whatever the query. Kept as the reference the faster paths are
    /// tested against (`tests/search_letters.rs`) and measured against (BENCHMARKS.md).
    #[doc(hidden)]
    pub fn search_scanning_all(&self, query: &str, limit: usize) -> Matches {
        let terms = Terms::new(query);
        if terms.is_empty() {
            return Matches::default();
        }
        let actor_matches = terms.actor_matches(&self.actors);
        self.scan(&terms, &actor_matches, limit, Scan::PlaceEveryMatch)
    }

    /// The matches in library order, the first `limit` kept; all of them counted, or, with
    /// `Scan::StopAtLimit`, only those seen before the scan stopped at the `limit`th.
    fn scan(&self, terms: &Terms, actor_matches: &[bool], limit: usize, how: Scan) -> Matches {
        let stop_at_limit = how == Scan::StopAtLimit;
        let n = self.briefings.len();
        if n < PARALLEL_FROM * 2 {
            return self.search_in(terms, actor_matches, 0..n, limit, how);
        }
        // A large collection is scanned on all cores, a slice each; rayon puts the slices'
        // matches back in library order and raises a worker's panic here rather than losing
        // its slice. A scan that stops takes as many slices at a time as there are cores, in
        // order, until the results kept are found.
        use rayon::prelude::*;
        let slices = n.div_ceil(PARALLEL_FROM);
        let at_once = if stop_at_limit {
            rayon::current_num_threads().max(1)
        } else {
            slices
        };
        let mut matches = Matches::default();
        for first in (0..slices).step_by(at_once) {
            let parts: Vec<Matches> = (first..(first + at_once).min(slices))
                .into_par_iter()
                .map(|w| {
                    self.search_in(
                        terms,
                        actor_matches,
                        w * PARALLEL_FROM..((w + 1) * PARALLEL_FROM).min(n),
                        limit,
                        how,
                    )
                })
                .collect();
            for part in parts {
                matches.total += part.total;
                let room = limit - matches.hits.len();
                matches.hits.extend(part.hits.into_iter().take(room));
            }
            if stop_at_limit && matches.hits.len() >= limit {
                break;
            }
        }
        matches
    }

    /// `search` over the briefings in `range`.
    fn search_in(
        &self,
        terms: &Terms,
        actor_matches: &[bool],
        range: Range<usize>,
        limit: usize,
        how: Scan,
    ) -> Matches {
        let mut matches = Matches::default();
        // Beyond `limit` a match is only counted: which item it is is worked out for those kept.
        let keep = |matches: &mut Matches, hit: &dyn Fn() -> Hit| {
            matches.total += 1;
            if matches.hits.len() < limit {
                matches.hits.push(hit());
            }
        };
        let first_note = self
            .notes
            .partition_point(|n| (n.briefing as usize) < range.start);
        let mut notes = self.notes.iter().enumerate().skip(first_note).peekable();
        for i in range {
            let full = matches.hits.len() >= limit;
            if full && how == Scan::StopAtLimit {
                break;
            }
            let folded = &self.briefings[i];
            if full && how == Scan::CountBeyondLimit {
                matches.total += folded.count_matches(terms, actor_matches);
            } else {
                folded.each_match(terms, actor_matches, |k| {
                    keep(&mut matches, &|| {
                        let (item, field) = folded.piece(k);
                        Hit {
                            briefing: i,
                            field,
                            item,
                            note: None,
                        }
                    })
                });
            }
            while let Some((n, note)) = notes.next_if(|(_, n)| n.briefing as usize <= i) {
                if terms.all_in(&note.folded) {
                    keep(&mut matches, &|| Hit {
                        briefing: i,
                        field: Field::Note,
                        item: note.item,
                        note: Some(n as u32),
                    });
                }
            }
        }
        matches
    }

    /// Which briefings of `library` (the one the index was built for) pass `filter`, in
    /// library order, answered from the folded text and the actor table without reading a
    /// file; `marks(i)` gives the read mark and the flag of the briefing at `i`. `None` when
    /// the index is not that library's (another length): the caller reads the files instead.
    /// Gives what `Filter::matches` gives on each briefing in full (`tests/filter_index.rs`).
    pub fn filter(
        &self,
        library: &Library,
        filter: &Filter,
        marks: impl Fn(usize) -> (bool, bool) + Sync,
    ) -> Option<Vec<bool>> {
        if self.briefings.len() != library.briefings.len() {
            return None;
        }
        // Each `actor:` value looked for once in each distinct actor, not once per briefing.
        let wanted: Vec<Vec<bool>> = filter
            .actors
            .iter()
            .map(|want| {
                let finder = memchr::memmem::Finder::new(want.as_bytes());
                self.actors
                    .iter()
                    .map(|a| finder.find(a.names.as_bytes()).is_some())
                    .collect()
            })
            .collect();
        let words: Vec<memchr::memmem::Finder> = filter
            .words
            .iter()
            .map(|w| memchr::memmem::Finder::new(w.as_bytes()))
            .collect();
        let keep = |i: usize| {
            let b = &library.briefings[i];
            let folded = &self.briefings[i];
            let (read, flagged) = marks(i);
            if !filter.matches_list_fields(b, read, flagged) {
                return false;
            }
            let has_actor = |actors: &Vec<bool>| {
                folded
                    .actors()
                    .any(|n| actors.get(n as usize).copied().unwrap_or(false))
            };
            if !wanted.iter().all(has_actor) {
                return false;
            }
            if words.is_empty() {
                return true;
            }
            let (head, tags) = (folded.title_and_summary(), folded.tags());
            words
                .iter()
                .all(|w| w.find(head).is_some() || w.find(tags).is_some())
        };
        // On all cores, in library order (rayon keeps it, and raises a worker's panic here).
        use rayon::prelude::*;
        Some(
            (0..library.briefings.len())
                .into_par_iter()
                .with_min_len(4_096)
                .map(keep)
                .collect(),
        )
    }
}

/// How a search scans the briefings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scan {
    /// Every match placed (which piece it is), those beyond the limit only counted after.
    PlaceEveryMatch,
    /// Matches beyond the limit counted without being placed.
    CountBeyondLimit,
    /// Stopped once the limit is reached: the count is known in advance.
    StopAtLimit,
}

/// Below this many briefings a slice, a second core costs more than it saves.
const PARALLEL_FROM: usize = 2_000;

/// Every match of the query in one briefing: field, target and text, in the order search
/// shows them. For a pass over files that never holds them all (`brief search`).
pub fn matches_in(b: &Briefing, query: &str) -> Vec<(Field, Target, String)> {
    let terms = Terms::new(query);
    if terms.is_empty() {
        return Vec::new();
    }
    let actors = ActorTable::default();
    let folded = FoldedBriefing::of(b, &actors);
    folded
        .matching(&terms, &terms.actor_matches(&actors.snapshot()))
        .into_iter()
        .map(|k| {
            let (item, field) = folded.piece(k);
            (field, target_of(b, item), item_text(b, item, field))
        })
        .collect()
}

/// Every piece of a briefing as search sees it (field, target, text), in order: what a match
/// can be. For measuring matching (`tests/name_matching.rs`).
pub fn pieces_of(b: &Briefing) -> Vec<(Field, Target, String)> {
    let counts = [
        b.judgments.len(),
        b.actors.len(),
        b.quotes.len(),
        b.events.len(),
    ];
    pieces(counts)
        .map(|(item, field)| (field, target_of(b, item), item_text(b, item, field)))
        .collect()
}

/// About `chars` characters of `text` around the first match of the query, with `…` where
/// text was cut: what a one-line result shows of a long summary.
pub fn snippet(text: &str, query: &str, chars: usize) -> String {
    let (folded, map) = super::fold::fold_with_map(text);
    let first = terms(query)
        .iter()
        .filter_map(|t| folded.find(t.as_str()).map(|at| map[at]))
        .min()
        .unwrap_or(0);
    let start = text[..first]
        .char_indices()
        .rev()
        .nth(chars / 4)
        .map_or(0, |(i, _)| i);
    let body: String = text[start..].chars().take(chars).collect();
    let cut_end = start + body.len() < text.len();
    format!(
        "{}{}{}",
        if start > 0 { "…" } else { "" },
        body,
        if cut_end { "…" } else { "" }
    )
}

/// The folded words of a query.
pub fn terms(query: &str) -> Vec<String> {
    fold(query)
        .split_whitespace()
        .map(|t| t.replace(END, ""))
        .filter(|t| !t.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::load;
    use std::path::Path;

    fn shipped() -> Library {
        load(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings")]).unwrap()
    }

    #[test]
    fn finds_across_fields_ignoring_case_and_diacritics() {
        let library = shipped();
        let index = SearchIndex::build(&library);
        let m = index.search("QĀʾĀNĪ", 1000);
        let fields: Vec<Field> = m.hits.iter().map(|h| h.field).collect();
        assert!(fields.contains(&Field::Actor));
        assert!(fields.contains(&Field::Quote));
        assert!(fields.contains(&Field::Title));
        assert_eq!(m.total, m.hits.len());
    }

    #[test]
    fn every_word_must_match() {
        let library = shipped();
        let index = SearchIndex::build(&library);
        let both = index.search("radi baghdad", 1000);
        let one = index.search("radi", 1000);
        assert!(both.total > 0 && both.total < one.total);
        assert_eq!(index.search("", 10).total, 0);
        assert_eq!(index.search("zzzqqq", 10).total, 0);
    }

    #[test]
    fn arabic_script_is_searchable() {
        let library = shipped();
        let index = SearchIndex::build(&library);
        // The seed briefing carries Qaani's name in Arabic as an alias; written here with a
        // plain alef where the file has alef with madda.
        assert!(index.search("قااني", 10).total > 0);
    }

    #[test]
    fn notes_are_searchable() {
        let library = shipped();
        let mut index = SearchIndex::build(&library);
        let b = &library.briefings[0];
        let target = format!("{}/actor/{}", b.id, b.actors[0].id);
        index.add_notes(
            &library,
            [(target.as_str(), "Call the Baghdad desk")].into_iter(),
        );
        let m = index.search("baghdad desk", 10);
        assert_eq!(m.total, 1);
        assert_eq!(m.hits[0].field, Field::Note);
    }

    #[test]
    fn one_briefing_at_a_time_finds_what_the_index_finds() {
        let library = shipped();
        let index = SearchIndex::build(&library);
        let m = index.search("qaani radi", 1000);
        let from_index: Vec<Target> = m.hits.iter().map(|h| index.target(&library, h)).collect();
        let one_by_one: Vec<Target> = library
            .briefings
            .iter()
            .flat_map(|b| matches_in(b, "qaani radi"))
            .map(|(_, t, _)| t)
            .collect();
        assert_eq!(from_index, one_by_one);
    }

    #[test]
    fn snippets_show_the_match() {
        let text = format!("{} Qāʾānī arrived {}", "a ".repeat(200), "b ".repeat(200));
        let s = snippet(&text, "qaani", 60);
        assert!(s.contains("Qāʾānī"), "{s}");
        assert!(s.starts_with('…') && s.ends_with('…'));
        assert_eq!(snippet("short", "x", 60), "short");
    }

    /// The one-pass search gives what looking at each piece on its own gives, for words that
    /// occur often, rarely, at the edges of pieces, several times in one, or in different ones.
    #[test]
    fn one_pass_matches_piece_by_piece() {
        let library = shipped();
        let queries = [
            "a",
            "e",
            "qaani",
            "radi baghdad",
            "the of",
            "minister",
            "2024-09",
            "s",
            "al",
            "quds force",
            "x",
            "said",
            ")",
            "zz",
        ];
        let actors = ActorTable::default();
        for b in &library.briefings {
            let folded = FoldedBriefing::of(b, &actors);
            let table = actors.snapshot();
            for query in queries {
                let words = terms(query);
                // Every piece folded on its own, actors included, in the order of `pieces`.
                let naive: Vec<usize> = pieces_of(b)
                    .iter()
                    .map(|(_, _, text)| fold(text))
                    .enumerate()
                    .filter(|(_, p)| words.iter().all(|w| p.contains(w.as_str())))
                    .map(|(k, _)| k)
                    .collect();
                let terms = Terms::new(query);
                assert_eq!(
                    folded.matching(&terms, &terms.actor_matches(&table)),
                    naive,
                    "{query} in {}",
                    b.id
                );
            }
        }
    }

    /// An index whose letters are counted later answers one letter the same before (by a
    /// full scan) and after.
    #[test]
    fn letters_counted_later_give_the_same_answers() {
        let library = shipped();
        let actors = ActorTable::default();
        let index = SearchIndex::build_with(&library, &actors, |_| None);
        let scanned: Vec<Matches> = ["a", "q", ")"].iter().map(|q| index.search(q, 3)).collect();
        index.letters_later().expect("not counted yet").count();
        assert!(index.letters_later().is_none());
        for (q, before) in ["a", "q", ")"].iter().zip(&scanned) {
            assert_eq!(&index.search(q, 3), before, "{q}");
            assert_eq!(&index.search_scanning_all(q, 3), before, "{q}");
        }
        assert!(scanned[0].total > 3);
    }

    /// Counting the matches of a briefing gives as many as placing each one does.
    #[test]
    fn counting_matches_agrees_with_placing_them() {
        let library = shipped();
        let actors = ActorTable::default();
        let folded: Vec<FoldedBriefing> = library
            .briefings
            .iter()
            .map(|b| FoldedBriefing::of(b, &actors))
            .collect();
        let table = actors.snapshot();
        for query in [
            "a",
            "e",
            "qaani",
            "radi baghdad",
            "the of",
            "s",
            "al",
            "quds force",
            "x",
            ")",
            "zz",
            "a e i",
            "2024",
        ] {
            let terms = Terms::new(query);
            let actor_matches = terms.actor_matches(&table);
            for (b, f) in library.briefings.iter().zip(&folded) {
                assert_eq!(
                    f.count_matches(&terms, &actor_matches),
                    f.matching(&terms, &actor_matches).len(),
                    "{query} in {}",
                    b.id
                );
            }
        }
    }

    /// The one allocation a folded briefing is gives back each of its parts as folded.
    #[test]
    fn a_folded_briefing_keeps_each_part() {
        let library = shipped();
        let actors = ActorTable::default();
        for b in &library.briefings {
            let folded = FoldedBriefing::of(b, &actors);
            let counts = [
                b.judgments.len(),
                b.actors.len(),
                b.quotes.len(),
                b.events.len(),
            ];
            assert_eq!(folded.counts(), counts.map(|n| n as u32));
            let table = actors.snapshot();
            let names: Vec<&str> = folded.actors().map(|n| &*table[n as usize].names).collect();
            let expected: Vec<String> = b
                .actors
                .iter()
                .map(|a| {
                    [&a.id, &a.name]
                        .into_iter()
                        .chain(&a.aliases)
                        .map(|n| format!("{}{END}", fold(n)))
                        .collect()
                })
                .collect();
            assert_eq!(names, expected);
            let tags: String = b.tags.iter().map(|t| format!("{}{END}", fold(t))).collect();
            assert_eq!(folded.tags(), tags.as_bytes());
            let text = std::str::from_utf8(folded.text()).unwrap();
            assert!(
                text.starts_with(&format!("{}{END}", fold(&b.title))),
                "{text}"
            );
            assert_eq!(
                text.matches(END).count(),
                2 + counts[0] + counts[2] + counts[3]
            );
        }
        let empty = FoldedBriefing::default();
        assert_eq!(
            (empty.counts(), empty.tags(), empty.text()),
            ([0; 4], &[][..], &[][..])
        );
    }

    #[test]
    fn a_match_never_spans_two_pieces() {
        let library = shipped();
        let b = &library.briefings[0];
        let actors = ActorTable::default();
        let folded = FoldedBriefing::of(b, &actors);
        let title = fold(&b.title);
        let summary = fold(&b.summary);
        // The end of the title run into the start of the summary.
        let across = format!(
            "{}{}",
            &title[title.len() - 3..],
            &summary[..summary.find(' ').unwrap()]
        );
        let text = std::str::from_utf8(folded.text()).unwrap();
        assert!(!text.split(END).any(|p| p.contains(&across)));
        assert_eq!(
            folded.matching(&Terms::new(&across), &[]),
            Vec::<usize>::new()
        );
        // Each piece maps back to its item: the last one is the last event.
        let last = text.split_terminator(END).count() + b.actors.len() - 1;
        assert_eq!(
            folded.piece(last),
            (
                Some((ItemKind::Event, b.events.len() as u32 - 1)),
                Field::Event
            )
        );
        assert_eq!(folded.piece(2).1, Field::Judgment);
    }

    /// A collection large enough to be searched on several cores gives what one core gives:
    /// the same matches, in library order, the same count, notes included.
    #[test]
    fn a_search_on_several_cores_keeps_library_order() {
        let library = shipped();
        let one = SearchIndex::build(&library);
        let copies = PARALLEL_FROM * 2 / library.briefings.len() + 1;
        let mut many = SearchIndex::of(
            (0..copies)
                .flat_map(|_| one.briefings.iter().cloned())
                .collect(),
            one.actors.clone(),
        );
        let note = Note {
            briefing: (many.briefings.len() - 1) as u32,
            item: None,
            folded: fold("Qaani memo").into(),
            text: "Qaani memo".into(),
        };
        many.notes.push(note);
        let all = many.search("qaani", usize::MAX);
        let per_copy = one.search("qaani", usize::MAX).total;
        assert_eq!(all.total, per_copy * copies + 1);
        assert!(all.hits.windows(2).all(|w| w[0].briefing <= w[1].briefing));
        assert_eq!(all.hits.last().unwrap().field, Field::Note);
        let first = many.search("qaani", 5);
        assert_eq!(first.total, all.total);
        assert_eq!(first.hits, all.hits[..5]);
    }

    #[test]
    fn limit_keeps_the_count() {
        let library = shipped();
        let index = SearchIndex::build(&library);
        let m = index.search("a", 3);
        assert_eq!(m.hits.len(), 3);
        assert!(m.total > 3);
    }
}
