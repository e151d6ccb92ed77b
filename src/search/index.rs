//! Search across every briefing: titles, summaries, judgments, actors (names and aliases),
//! quotes, events. The index holds each item's text folded once, so a keystroke is one scan of
//! memory, with no parsing and no allocation per item.

use std::fmt;

use crate::briefing::{Briefing, ItemKind, Library, Target};

use super::fold::fold;

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

/// One searchable piece of text. Small on purpose: a large collection has hundreds of
/// thousands; the text shown for a match is read back from the library (`SearchIndex::text`).
#[derive(Clone, Debug)]
pub struct Record {
    /// Index into `Library::briefings`.
    pub briefing: usize,
    /// The item inside it, by kind and position; `None` for the briefing itself.
    item: Option<(ItemKind, u32)>,
    pub field: Field,
    /// Where its folded text is in `SearchIndex::folded`.
    start: u32,
    len: u32,
}

#[derive(Debug, Default)]
pub struct SearchIndex {
    records: Vec<Record>,
    /// Each briefing's folded text, its records' one after the other: one allocation per
    /// briefing, not one per record, and never the whole collection copied twice.
    folded: Vec<String>,
    /// The folded text of the flag notes.
    notes_folded: String,
    /// The text of the flag notes, by record (notes live in the store, not in the library).
    notes: std::collections::HashMap<usize, Box<str>>,
}

/// The outcome of a search: the first matches, in library order, and how many there were.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Matches {
    pub hits: Vec<usize>,
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

/// The text of an item as search sees and shows it.
fn item_text(b: &Briefing, item: Option<(ItemKind, u32)>, field: Field) -> String {
    let at = |i: u32| i as usize;
    match (field, item) {
        (Field::Title, _) => b.title.clone(),
        (Field::Summary, _) => b.summary.split_whitespace().collect::<Vec<_>>().join(" "),
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
        let per_briefing = library.each_full(|i, b| {
            let mut records = Vec::new();
            let mut text = String::new();
            let mut add = |item: Option<(ItemKind, u32)>, field: Field| {
                let folded = fold(&item_text(b, item, field));
                records.push(Record {
                    briefing: i,
                    item,
                    field,
                    start: text.len() as u32,
                    len: folded.len() as u32,
                });
                text.push_str(&folded);
            };
            add(None, Field::Title);
            add(None, Field::Summary);
            let kinds = [
                (ItemKind::Judgment, b.judgments.len(), Field::Judgment),
                (ItemKind::Actor, b.actors.len(), Field::Actor),
                (ItemKind::Quote, b.quotes.len(), Field::Quote),
                (ItemKind::Event, b.events.len(), Field::Event),
            ];
            for (kind, count, field) in kinds {
                for at in 0..count {
                    add(Some((kind, at as u32)), field);
                }
            }
            text.shrink_to_fit();
            (records, text)
        });
        let mut index = SearchIndex::default();
        for (records, text) in per_briefing {
            index.records.extend(records);
            index.folded.push(text);
        }
        index
    }

    fn folded(&self, r: &Record) -> &str {
        let start = r.start as usize;
        let text = if r.field == Field::Note {
            &self.notes_folded
        } else {
            &self.folded[r.briefing]
        };
        &text[start..start + r.len as usize]
    }

    /// Adds the notes of the user's flags (they live in the store, not the briefings).
    pub fn add_notes<'a>(
        &mut self,
        library: &Library,
        notes: impl Iterator<Item = (&'a str, &'a str)>,
    ) {
        // Notes come last: drop the previous ones (and their text) before adding them again.
        if let Some(first) = self.records.iter().position(|r| r.field == Field::Note) {
            self.records.truncate(first);
        }
        self.notes.clear();
        self.notes_folded.clear();
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
            self.notes.insert(self.records.len(), note.into());
            let folded = fold(note);
            self.records.push(Record {
                briefing,
                item,
                field: Field::Note,
                start: self.notes_folded.len() as u32,
                len: folded.len() as u32,
            });
            self.notes_folded.push_str(&folded);
        }
    }

    /// The target a record points at.
    pub fn target(&self, library: &Library, at: usize) -> Target {
        let r = &self.records[at];
        target_of(&library.briefings[r.briefing], r.item)
    }

    /// The text of a record, as shown for a match (one line).
    pub fn text(&self, library: &Library, at: usize) -> String {
        let r = &self.records[at];
        match self.notes.get(&at) {
            Some(note) => note.to_string(),
            None => item_text(&library.briefings[r.briefing], r.item, r.field),
        }
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    pub fn record(&self, at: usize) -> &Record {
        &self.records[at]
    }

    /// Records that contain every word of the query (folded), newest briefing first, at most
    /// `limit` of them kept; `total` counts all.
    pub fn search(&self, query: &str, limit: usize) -> Matches {
        let terms = terms(query);
        let mut matches = Matches::default();
        if terms.is_empty() {
            return matches;
        }
        for (i, r) in self.records.iter().enumerate() {
            let folded = self.folded(r);
            if terms.iter().all(|t| folded.contains(t.as_str())) {
                matches.total += 1;
                if matches.hits.len() < limit {
                    matches.hits.push(i);
                }
            }
        }
        // Notes are appended last; keep every result in library order all the same.
        matches.hits.sort_by_key(|&i| (self.records[i].briefing, i));
        matches
    }
}

/// Every match of the query in one briefing: field, target and text, in the order search
/// shows them. For a pass over files that never holds them all (`brief search`).
pub fn matches_in(b: &Briefing, query: &str) -> Vec<(Field, Target, String)> {
    let terms = terms(query);
    if terms.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut test = |item: Option<(ItemKind, u32)>, field: Field| {
        let text = item_text(b, item, field);
        let folded = fold(&text);
        if terms.iter().all(|t| folded.contains(t.as_str())) {
            found.push((field, target_of(b, item), text));
        }
    };
    test(None, Field::Title);
    test(None, Field::Summary);
    for (kind, count, field) in [
        (ItemKind::Judgment, b.judgments.len(), Field::Judgment),
        (ItemKind::Actor, b.actors.len(), Field::Actor),
        (ItemKind::Quote, b.quotes.len(), Field::Quote),
        (ItemKind::Event, b.events.len(), Field::Event),
    ] {
        for at in 0..count {
            test(Some((kind, at as u32)), field);
        }
    }
    found
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
    fold(query).split_whitespace().map(str::to_string).collect()
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
        let fields: Vec<Field> = m.hits.iter().map(|&i| index.record(i).field).collect();
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
        assert_eq!(index.record(m.hits[0]).field, Field::Note);
    }

    #[test]
    fn one_briefing_at_a_time_finds_what_the_index_finds() {
        let library = shipped();
        let index = SearchIndex::build(&library);
        let m = index.search("qaani radi", 1000);
        let from_index: Vec<Target> = m.hits.iter().map(|&i| index.target(&library, i)).collect();
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

    #[test]
    fn limit_keeps_the_count() {
        let library = shipped();
        let index = SearchIndex::build(&library);
        let m = index.search("a", 3);
        assert_eq!(m.hits.len(), 3);
        assert!(m.total > 3);
    }
}
