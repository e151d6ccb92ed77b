//! A one-letter search (its count known in advance, its scan stopped once the results kept are
//! found) and a longer one (the matches beyond the results kept counted, not placed) give
//! exactly what the scan that places every match gives: the same results, in the same order,
//! and the same count, notes on flags included, on a generated corpus large enough to be
//! searched on several cores and on one small enough for one.

#[path = "../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

use brief::briefing::{Library, load};
use brief::search::{Matches, SearchIndex};

/// A generated corpus of `n` briefings, loaded in full.
fn library(n: usize) -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("c");
    gen_corpus::generate(n, &root, gen_corpus::DEFAULT_SEED).unwrap();
    let library = load(&[root]).unwrap();
    assert_eq!(library.briefings.len(), n, "every generated briefing loads");
    (dir, library)
}

/// Notes on flags every few briefings (on a briefing, on an actor, on a quote), some with a
/// letter the briefings rarely hold, so a note is sometimes a one-letter query's only match.
fn with_notes(index: &mut SearchIndex, library: &Library) {
    let mut notes: Vec<(String, String)> = Vec::new();
    for (i, b) in library.briefings.iter().enumerate().step_by(97) {
        notes.push((b.id.clone(), format!("Call the desk #{i}")));
        if let Some(a) = b.actors.first() {
            notes.push((format!("{}/actor/{}", b.id, a.id), "Zqx; ask Jürgen".into()));
        }
        if let Some(q) = b.quotes.last() {
            notes.push((
                format!("{}/quote/{}", b.id, q.id),
                "~ check the source".into(),
            ));
        }
    }
    index.add_notes(library, notes.iter().map(|(t, n)| (t.as_str(), n.as_str())));
}

/// Every one-character query of printable ASCII (capitals fold to small letters), a few
/// written another way (spaces around, twice), letters of other scripts, and queries of more
/// than one letter, which take the full scan either way.
fn queries() -> Vec<String> {
    let mut out: Vec<String> = (0x21u8..0x7f).map(|b| char::from(b).to_string()).collect();
    out.extend(
        [
            " q ",
            "q q",
            "Q",
            "é",
            "ü",
            "ق",
            "ا",
            "qa",
            "qadi",
            "a e",
            "zz",
            "#1",
            "al",
            "the",
            "said",
            "e a",
            "an al",
            "ministry of",
            "zzqx",
        ]
        .map(String::from),
    );
    out
}

fn compare(index: &SearchIndex, limits: &[usize]) {
    let mut many = 0;
    for query in queries() {
        // Every match, by the full scan; kept to a limit, the first ones and the same count.
        let all = index.search_scanning_all(&query, usize::MAX);
        for &limit in limits {
            let expected = Matches {
                hits: all.hits[..limit.min(all.hits.len())].to_vec(),
                total: all.total,
            };
            let fast = index.search(&query, limit);
            assert_eq!(fast, expected, "{query:?} with at most {limit} kept");
        }
        if all.total > 2_000 {
            many += 1;
        }
    }
    // Letters that are everywhere: where the scan stops earliest.
    assert!(many > 10, "{many} queries with over 2,000 matches");
}

#[test]
fn one_letter_gives_what_the_full_scan_gives_on_several_cores() {
    // Above the size searched on several cores (a slice of 2,000 briefings each).
    let (_dir, library) = library(4_500);
    let mut index = SearchIndex::build(&library);
    with_notes(&mut index, &library);
    compare(&index, &[0, 7, 200, usize::MAX]);
}

#[test]
fn one_letter_gives_what_the_full_scan_gives_on_one_core() {
    let (_dir, library) = library(600);
    let mut index = SearchIndex::build(&library);
    compare(&index, &[0, 1, 200, usize::MAX]);
    with_notes(&mut index, &library);
    compare(&index, &[0, 3, 200, usize::MAX]);
}
