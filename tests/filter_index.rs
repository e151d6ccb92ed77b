//! The list filter answered from the search index gives exactly what reading every file gives:
//! on a generated corpus, for `actor:` values and free words taken from the briefings
//! themselves (names, aliases in Latin and Arabic script, ids, words of titles, summaries and
//! tags), alone and combined with the list fields (tags, dates, marking, marks).

#[path = "../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

use brief::briefing::{Library, Loader, load};
use brief::search::{Filter, SearchIndex};

/// A generated corpus of `n` briefings in a folder of its own.
fn corpus(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("c");
    gen_corpus::generate(n, &root, gen_corpus::DEFAULT_SEED).unwrap();
    dir
}

/// Queries made of what the briefings say, every few briefings, plus a few that match
/// nothing or everything.
fn queries(library: &Library) -> Vec<String> {
    let mut out: Vec<String> = ["", "a", "e", "zzqx", "actor:zzqx", "actor:a", "al", "said"]
        .map(String::from)
        .to_vec();
    for (i, b) in library.briefings.iter().enumerate().step_by(13) {
        // A colon would make a word a filter term: words are taken without.
        let quoted = |s: &str| format!("\"{}\"", s.replace(['"', ':'], ""));
        if let Some(a) = b.actors.get(i % b.actors.len().max(1)) {
            out.push(format!("actor:{}", quoted(&a.name)));
            out.push(format!("actor:{}", quoted(&a.id)));
            if let Some(alias) = a.aliases.first() {
                out.push(format!("actor:{}", quoted(alias)));
            }
            // Part of a name: the last word of it.
            if let Some(word) = a.name.split_whitespace().last() {
                out.push(format!("actor:{}", quoted(word)));
            }
            if let Some(role) = &a.role {
                // A role is not a name: the filter must not find actors by it.
                out.push(format!("actor:{}", quoted(role)));
            }
        }
        let title_words: Vec<&str> = b.title.split_whitespace().collect();
        if let Some(w) = title_words.get(i % title_words.len().max(1)) {
            out.push(quoted(w));
        }
        let summary_words: Vec<&str> = b.summary.split_whitespace().collect();
        if summary_words.len() > 3 {
            let at = i % (summary_words.len() - 2);
            out.push(quoted(summary_words[at]));
            // Two words in quotes: a phrase, across a line break in the file or not.
            out.push(quoted(&summary_words[at..at + 2].join(" ")));
        }
        if let Some(tag) = b.tags.first() {
            out.push(quoted(tag));
            out.push(format!(
                "tag:{} {}",
                quoted(tag),
                quoted(title_words.first().unwrap_or(&"x"))
            ));
        }
        if let Some(a) = b.actors.first() {
            out.push(format!(
                "actor:{} since:{} is:unread",
                quoted(&a.name),
                b.date
            ));
            let tags: Vec<String> = b.tags.iter().map(|t| quoted(t)).collect();
            out.push(format!(
                "actor:{} until:2022 {}",
                quoted(&a.id),
                tags.join(" ")
            ));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Read marks and flags that differ from briefing to briefing.
fn marks(i: usize) -> (bool, bool) {
    (i.is_multiple_of(3), i.is_multiple_of(5))
}

#[test]
fn the_index_filters_as_reading_every_file_does() {
    let dir = corpus(400);
    let paths = vec![dir.path().join("c")];
    let full = load(&paths).unwrap();
    assert_eq!(full.briefings.len(), 400, "every generated briefing loads");
    // The reader's library: stubs, with the index made from the files as they are read.
    let stubs = Loader::lean(paths).load(&|_, _| {}).unwrap();
    let index = SearchIndex::build(&stubs);
    let queries = queries(&full);
    assert!(queries.len() > 150, "{} queries", queries.len());
    let mut kept_some = 0;
    for query in &queries {
        let filter = Filter::parse(query).unwrap_or_else(|e| panic!("{query}: {e}"));
        let by_reading: Vec<bool> = full
            .briefings
            .iter()
            .enumerate()
            .map(|(i, b)| filter.matches(b, marks(i).0, marks(i).1))
            .collect();
        let by_index = index.filter(&stubs, &filter, marks).expect("same library");
        assert_eq!(by_index, by_reading, "{query}");
        let kept = by_index.iter().filter(|k| **k).count();
        if kept > 0 && kept < full.briefings.len() {
            kept_some += 1;
        }
    }
    // The queries tell briefings apart: most keep some and drop others.
    assert!(
        kept_some * 2 > queries.len(),
        "{kept_some} of {}",
        queries.len()
    );
}

#[test]
fn an_index_of_another_library_does_not_answer() {
    let dir = corpus(30);
    let paths = vec![dir.path().join("c")];
    let library = load(&paths).unwrap();
    let index = SearchIndex::build(&library);
    let mut fewer = load(&paths).unwrap();
    fewer.briefings.pop();
    let filter = Filter::parse("actor:a").unwrap();
    assert!(index.filter(&fewer, &filter, marks).is_none());
    assert!(index.filter(&library, &filter, marks).is_some());
}

/// An actor named the same way (id, name, aliases, role) in many briefings is folded and
/// kept once.
#[test]
fn actors_are_kept_once() {
    let dir = corpus(300);
    let library = load(&[dir.path().join("c")]).unwrap();
    let slots: usize = library.briefings.iter().map(|b| b.actors.len()).sum();
    let distinct: std::collections::HashSet<_> = library
        .briefings
        .iter()
        .flat_map(|b| &b.actors)
        .map(|a| (&a.id, &a.name, &a.aliases, &a.role))
        .collect();
    let index = SearchIndex::build(&library);
    assert_eq!(index.actors(), distinct.len());
    assert!(distinct.len() < slots, "{} of {slots}", distinct.len());
}
