//! Names found however they are spelled, and what that costs: the transliteration key of
//! `search::fold` measured on the briefings shipped with `brief`.
//!
//! `cargo test --test name_matching -- --nocapture` prints the figures.

use std::collections::BTreeSet;
use std::path::PathBuf;

use brief::briefing::{Library, load};
use brief::search::fold::{fold, fold_characters, fold_with_map};
use brief::search::{SearchIndex, pieces_of};

fn shipped() -> Library {
    load(&[PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("briefings")]).unwrap()
}

/// Spellings a reader may type, each with a spelling the shipped briefings use for the same
/// person or group.
const VARIANTS: [(&str, &str); 11] = [
    ("Qani", "Qaani"),
    ("Ghaani", "Qaani"),
    ("Qāʾānī", "Qaani"),
    ("Kazali", "al-Khazali"),
    ("Hameedawi", "al-Hamidawi"),
    ("Amiri", "al-Amiri"),
    ("Kataib", "Kata'ib"),
    ("Mashadani", "al-Mashhadani"),
    ("Mahmood", "Mahmoud"),
    ("Halbusi", "al-Halbousi"),
    ("Khazaali", "al-Khazali"),
];

#[test]
fn every_spelling_finds_the_name() {
    let library = shipped();
    let index = SearchIndex::build(&library);
    for (typed, written) in VARIANTS {
        let found = index.search(typed, usize::MAX);
        let wanted = index.search(written, usize::MAX);
        assert!(wanted.total > 0, "{written} is in the shipped briefings");
        let targets = |m: &brief::search::Matches| -> BTreeSet<String> {
            m.hits
                .iter()
                .map(|h| index.target(&library, h).to_string())
                .collect()
        };
        assert!(
            targets(&wanted).is_subset(&targets(&found)),
            "{typed} finds everything {written} finds"
        );
    }
}

/// Every word of the shipped briefings used as a query, once with the plain fold (case,
/// accents) and once with the transliteration key: how many more pieces match, and which.
/// The extra matches are printed so they can be judged; the test fails if they flood.
#[test]
fn the_key_adds_few_matches() {
    let library = shipped();
    let pieces: Vec<(String, String, String)> = library
        .briefings
        .iter()
        .flat_map(|b| pieces_of(b))
        .map(|(_, target, text)| {
            let plain = fold_characters(&text);
            (target.to_string(), text, plain)
        })
        .collect();
    let keyed: Vec<String> = pieces.iter().map(|(_, text, _)| fold(text)).collect();
    let words: BTreeSet<String> = pieces
        .iter()
        .flat_map(|(_, text, _)| {
            text.split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
                .map(|w| w.trim_matches(|c| c == '-' || c == '\'').to_lowercase())
                .collect::<Vec<_>>()
        })
        .filter(|w| {
            w.chars().count() >= 3 && w.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
        })
        .collect();
    let (mut plain_total, mut keyed_total, mut lost_total) = (0, 0, 0);
    let mut extra: Vec<(String, String)> = Vec::new();
    let mut queries_with_extra = 0;
    let mut lost: Vec<(String, String)> = Vec::new();
    for word in &words {
        let (p, k) = (fold_characters(word), fold(word));
        let mut added = false;
        for (i, (_, text, plain)) in pieces.iter().enumerate() {
            let by_plain = plain.contains(&p);
            let by_key = keyed[i].contains(&k);
            plain_total += by_plain as usize;
            keyed_total += by_key as usize;
            lost_total += (by_plain && !by_key) as usize;
            if by_plain && !by_key {
                lost.push((word.clone(), matched_word_plain(text, &p)));
            }
            if by_key && !by_plain {
                added = true;
                extra.push((word.clone(), matched_word(text, &k)));
            }
        }
        queries_with_extra += added as usize;
    }
    let added = extra.len();
    // Extra matches where the text's word is the query spelled another way: the same letters
    // once the key has folded both, and the query not simply a piece of a longer English word.
    let variants = extra
        .iter()
        .filter(|(query, found)| fold(found) == fold(query))
        .count();
    println!(
        "name matching on the shipped briefings ({} pieces)",
        pieces.len()
    );
    println!("  queries (every word of 3+ letters): {}", words.len());
    println!("  matches, plain fold: {plain_total}");
    println!("  matches, transliteration key: {keyed_total} (+{added} added, -{lost_total} lost)");
    println!("  queries that gain matches: {queries_with_extra}");
    println!(
        "  added matches where the text has the query's word spelled another way: {variants} of {added}"
    );
    println!(
        "  precision against the plain fold: {:.1}% of matches the plain fold also gives",
        100.0 * (keyed_total - added) as f64 / keyed_total as f64
    );
    let mut shown: Vec<String> = extra.iter().map(|(q, f)| format!("{q} -> {f}")).collect();
    shown.sort();
    shown.dedup();
    println!("  added matches (query -> word in the text):");
    for line in &shown {
        println!("    {line}");
    }
    let mut shown: Vec<String> = lost.iter().map(|(q, f)| format!("{q} -> {f}")).collect();
    shown.sort();
    shown.dedup();
    println!("  lost matches (query -> word in the text):");
    for line in &shown {
        println!("    {line}");
    }
    // No flood: the key adds less than a tenth to what the plain fold finds, and most
    // queries gain nothing.
    assert!(
        queries_with_extra * 20 < words.len(),
        "{queries_with_extra} queries gain"
    );
    assert!(
        (added as f64) < 0.1 * plain_total as f64,
        "{added} added to {plain_total}"
    );
}

/// The word of `text` where the folded `key` first matches.
fn matched_word(text: &str, key: &str) -> String {
    let (folded, map) = fold_with_map(text);
    let Some(at) = folded.find(key) else {
        return String::new();
    };
    let start = map[at];
    let from = text[..start]
        .rfind(|c: char| c.is_whitespace())
        .map_or(0, |i| i + 1);
    let to = text[start..]
        .find(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .map_or(text.len(), |i| start + i);
    text[from..to].to_string()
}

fn matched_word_plain(text: &str, plain: &str) -> String {
    let folded = fold_characters(text);
    folded
        .find(plain)
        .map(|at| {
            let from = folded[..at].rfind(' ').map_or(0, |i| i + 1);
            let to = folded[at..].find(' ').map_or(folded.len(), |i| at + i);
            folded[from..to].to_string()
        })
        .unwrap_or_default()
}
