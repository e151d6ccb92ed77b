//! Search across every briefing: titles, summaries, judgments, actors (names and aliases),
//! quotes, events. The index holds each item's text folded once, so a keystroke is one scan of
//! memory, with no parsing and no allocation per item.

use std::fmt;

use crate::briefing::{ItemKind, Library, Target};

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

/// One searchable piece of text.
#[derive(Clone, Debug)]
pub struct Record {
    /// Index into `Library::briefings`.
    pub briefing: usize,
    pub target: Target,
    pub field: Field,
    /// The text as shown (one line).
    pub text: String,
    folded: String,
}

#[derive(Debug, Default)]
pub struct SearchIndex {
    records: Vec<Record>,
}

/// The outcome of a search: the first matches, in library order, and how many there were.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Matches {
    pub hits: Vec<usize>,
    pub total: usize,
}

impl SearchIndex {
    pub fn build(library: &Library) -> SearchIndex {
        let mut records = Vec::new();
        for (i, b) in library.briefings.iter().enumerate() {
            let mut add = |target: Target, field: Field, text: String| {
                records.push(Record {
                    briefing: i,
                    folded: fold(&text),
                    text,
                    target,
                    field,
                });
            };
            let whole = Target::briefing(&b.id);
            add(whole.clone(), Field::Title, b.title.clone());
            add(
                whole,
                Field::Summary,
                b.summary.split_whitespace().collect::<Vec<_>>().join(" "),
            );
            for j in &b.judgments {
                add(
                    Target::item(&b.id, ItemKind::Judgment, &j.id),
                    Field::Judgment,
                    j.text.clone(),
                );
            }
            for a in &b.actors {
                let mut text = a.name.clone();
                if !a.aliases.is_empty() {
                    text.push_str(&format!(" ({})", a.aliases.join(", ")));
                }
                if let Some(role) = &a.role {
                    text.push_str(&format!(" - {role}"));
                }
                add(
                    Target::item(&b.id, ItemKind::Actor, &a.id),
                    Field::Actor,
                    text,
                );
            }
            for q in &b.quotes {
                let text = format!("{}: {}", b.speaker_name(q), q.text);
                add(
                    Target::item(&b.id, ItemKind::Quote, &q.id),
                    Field::Quote,
                    text,
                );
            }
            for e in &b.events {
                add(
                    Target::item(&b.id, ItemKind::Event, &e.id),
                    Field::Event,
                    format!("{} {}", e.date, e.text),
                );
            }
        }
        SearchIndex { records }
    }

    /// Adds the notes of the user's flags (they live in the store, not the briefings).
    pub fn add_notes<'a>(
        &mut self,
        library: &Library,
        notes: impl Iterator<Item = (&'a str, &'a str)>,
    ) {
        self.records.retain(|r| r.field != Field::Note);
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
            self.records.push(Record {
                briefing,
                target: parsed,
                field: Field::Note,
                folded: fold(note),
                text: note.to_string(),
            });
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
            if terms.iter().all(|t| r.folded.contains(t.as_str())) {
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
        let target = format!("{}/actor/qaani", library.briefings[0].id);
        index.add_notes(
            &library,
            [(target.as_str(), "Call the Baghdad desk")].into_iter(),
        );
        let m = index.search("baghdad desk", 10);
        assert_eq!(m.total, 1);
        assert_eq!(index.record(m.hits[0]).field, Field::Note);
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
