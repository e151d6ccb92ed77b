//! Folding text for matching: case, diacritics and the spelling variants of transliterated and
//! Arabic-script names, so `Qaani` finds `Qāʾānī` and `Ghaani`, `Kazali` finds `al-Khazali`, and
//! `قاآني` finds `قاانی`.
//!
//! Two steps. The first works on each character: lower case, accents and Arabic marks dropped,
//! letters that Arabic writes several ways made one. The second, the *transliteration key*,
//! works on the Latin letters that English spellings of Arabic and Persian names disagree on:
//!
//! - the article: `al-`, `el-`, `ul-` (and `al ` as a word) and its assimilated forms (`ash-Sh`,
//!   `ad-D`, `ar-R`...) at the start of a word are dropped;
//! - `q`, `kh` and `gh` are all `k` (ق, خ, غ, and Iraqi `g` for ق written `gh`);
//! - `dh` and `th` are `z` (ذ, ث, ظ);
//! - long vowels are short: `ee` is `i`, `oo` and `ou` are `u`, and a letter doubled is one
//!   (`aa`, `ii`, `mm`: vowel length and shadda), except at the start of a word, where these
//!   are English far more often than a name (`our`, `AAH`);
//! - ʿ and ʾ (and the apostrophes that stand for them) are dropped by the first step.
//!
//! Both the text and the query are folded the same way, so a match is a plain substring search
//! on folded text. The price is a few matches a plain fold would not give (`see` is `si`); how
//! many, on the shipped briefings, is measured by `tests/name_matching.rs`.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Text folded for matching: characters folded, then the transliteration key.
pub fn fold(text: &str) -> String {
    let chars = fold_characters(text);
    let mut out = String::with_capacity(chars.len());
    key(&chars, |c, _| out.push(c));
    out
}

/// Text with its characters folded but without the transliteration key: the plain fold that
/// the key is measured against (`tests/name_matching.rs`).
pub fn fold_characters(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut |f| out.push(f));
    }
    out
}

/// Folded text and, for each byte of it, the byte offset in `text` of the character it came
/// from: what a view needs to highlight a match in the original.
pub fn fold_with_map(text: &str) -> (String, Vec<usize>) {
    let mut chars = String::with_capacity(text.len());
    let mut chars_map = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        fold_char(c, &mut |f| {
            chars.push(f);
            chars_map.extend(std::iter::repeat_n(at, f.len_utf8()));
        });
    }
    let mut out = String::with_capacity(chars.len());
    let mut map = Vec::with_capacity(chars.len());
    key(&chars, |c, from| {
        out.push(c);
        map.extend(std::iter::repeat_n(chars_map[from], c.len_utf8()));
    });
    (out, map)
}

/// The transliteration key of text whose characters are folded (see the module's notes):
/// each character given to `push` with the byte offset in `folded` it came from.
fn key(folded: &str, mut push: impl FnMut(char, usize)) {
    let bytes = folded.as_bytes();
    let mut i = 0;
    // The last Latin letter given, so a doubled one is given once.
    let mut last: Option<u8> = None;
    while i < bytes.len() {
        let c = bytes[i];
        if !c.is_ascii() {
            let Some(ch) = folded[i..].chars().next() else {
                break;
            };
            push(ch, i);
            last = None;
            i += ch.len_utf8();
            continue;
        }
        let word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if word_start && let Some(skip) = article(&bytes[i..]) {
            i += skip;
            last = None;
            continue;
        }
        // Long vowels and doubled letters are folded after the first letter of a word only:
        // at its start they are English far more often than a name (`our`, `AAH`). Nothing
        // here may depend on what follows the word: a query is a prefix of the text's words.
        let inside = !word_start && i >= 2 && bytes[i - 2].is_ascii_alphanumeric();
        let (out, used) = match (c, bytes.get(i + 1).copied()) {
            (b'k' | b'g', Some(b'h')) => (b'k', 2),
            (b'q', _) => (b'k', 1),
            (b'd' | b't', Some(b'h')) => (b'z', 2),
            (b'e', Some(b'e')) if !word_start => (b'i', 2),
            (b'o', Some(b'o' | b'u')) if !word_start => (b'u', 2),
            _ => (c, 1),
        };
        let letter = out.is_ascii_alphabetic();
        if !(letter && last == Some(out) && inside) {
            push(out as char, i);
        }
        last = letter.then_some(out);
        i += used;
    }
}

/// How many bytes of Arabic article start `word` (folded): `al-`, `el-`, `ul-`, `al ` before
/// another word, or an assimilated article such as `ash-sh` (of which `ash-` goes).
fn article(word: &[u8]) -> Option<usize> {
    let followed = |at: usize| {
        word.get(at)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c >= 0x80)
    };
    match word {
        [b'a' | b'e' | b'u', b'l', b'-', ..] if followed(3) => return Some(3),
        [b'a' | b'e', b'l', b' ', ..] if followed(3) => return Some(3),
        _ => {}
    }
    // A sun letter takes the article's place: `ash-Shammari`, `ad-Dulaimi`, `ar-Rubaie`.
    let [b'a' | b'e', rest @ ..] = word else {
        return None;
    };
    const SUN: [&[u8]; 9] = [b"sh", b"th", b"dh", b"t", b"d", b"r", b"z", b"s", b"n"];
    SUN.iter().find_map(|sun| {
        let after = rest.strip_prefix(*sun)?.strip_prefix(b"-")?;
        after.starts_with(sun).then_some(1 + sun.len() + 1)
    })
}

fn fold_char(c: char, push: &mut impl FnMut(char)) {
    if c.is_ascii() {
        // The fast path: most text is ASCII, and only apostrophes vanish there.
        match c {
            '\'' | '`' => {}
            _ => push(c.to_ascii_lowercase()),
        }
        return;
    }
    for d in std::iter::once(c).nfd() {
        if is_combining_mark(d) || is_ignored(d) {
            continue;
        }
        match d {
            'ß' => {
                push('s');
                push('s');
            }
            'æ' | 'Æ' => {
                push('a');
                push('e');
            }
            'œ' | 'Œ' => {
                push('o');
                push('e');
            }
            'ø' | 'Ø' => push('o'),
            'đ' | 'Đ' => push('d'),
            'ł' | 'Ł' => push('l'),
            'ı' => push('i'),
            // Arabic letters written several ways: alef wasla, alef maqsura, ta marbuta,
            // Persian yeh and kaf.
            'ٱ' => push('ا'),
            'ى' | 'ی' => push('ي'),
            'ة' => push('ه'),
            'ک' => push('ك'),
            _ => d.to_lowercase().for_each(&mut *push),
        }
    }
}

/// Marks that transliterations and Arabic script add or drop freely.
fn is_ignored(c: char) -> bool {
    matches!(
        c,
        '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{02be}' | '\u{02bf}' | '\u{00b4}' | '\u{02b9}'
        // Tatweel, and the direction marks that Arabic text legitimately carries.
        | '\u{0640}' | '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{200c}' | '\u{200d}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_diacritics() {
        assert_eq!(fold("Qāʾānī"), "kani");
        assert_eq!(fold("QAANI"), "kani");
        assert_eq!(fold("Asa'eb Ahl al-Haq"), "asaeb ahl hak");
        assert_eq!(fold("Asa’eb"), "asaeb");
        assert_eq!(fold("Müller Straße"), "muler strase");
        assert_eq!(fold("Łódź"), "lodz");
    }

    #[test]
    fn arabic_spelling_variants() {
        // Hamza forms of alef, alef maqsura, harakat and tatweel all fold away.
        assert_eq!(fold("إسماعيل"), fold("اسماعيل"));
        assert_eq!(fold("قاآني"), fold("قاانی"));
        assert_eq!(fold("مُحَمَّد"), fold("محمد"));
        assert_eq!(fold("مـحـمـد"), fold("محمد"));
        assert_eq!(fold("مصطفى"), fold("مصطفي"));
    }

    #[test]
    fn transliterations_of_one_name_fold_alike() {
        for (a, b) in [
            ("Qani", "Qaani"),
            ("Qani", "Ghaani"),
            ("Qani", "Qāʾānī"),
            ("Kazali", "al-Khazali"),
            ("Hameedawi", "al-Hamidawi"),
            ("Mohammed", "Mohamed"),
            ("Hamoudi", "Hamudi"),
            ("Dhiyab", "Ziyab"),
            ("al-Shammari", "ash-Shammari"),
            ("ad-Dulaimi", "Dulaimi"),
            ("El-Sisi", "Sisi"),
            ("Ahl al Haq", "Ahl al-Haq"),
            ("Saʿd", "Sa'd"),
        ] {
            assert_eq!(fold(a), fold(b), "{a} / {b}");
        }
        // Substrings: the short spelling is found in the long one.
        assert!(fold("Qais al-Khazali").contains(&fold("Kazali")));
    }

    #[test]
    fn the_key_leaves_other_text_alone() {
        assert_eq!(fold("Baghdad 2024-09-18"), "bakdad 2024-09-18");
        // `al` inside a word, or alone at the end, is not an article.
        assert_eq!(fold("Mosul alone"), "mosul alone");
        assert_eq!(fold("bal-x"), "bal-x");
        assert_eq!(fold("al"), "al");
        // An article before Arabic script is dropped too; Arabic is untouched.
        assert_eq!(fold("al-قاآني"), fold("قاآني"));
    }

    #[test]
    fn the_key_maps_back_into_the_original() {
        let text = "Qais al-Khazali said";
        let (folded, map) = fold_with_map(text);
        assert_eq!(folded, "kais kazali said");
        let at = folded.find("kazali").unwrap();
        assert_eq!(&text[map[at]..], "Khazali said");
        assert_eq!(map.len(), folded.len());
    }

    #[test]
    fn map_points_back_into_the_original() {
        let text = "Qāʾānī met";
        let (folded, map) = fold_with_map(text);
        assert_eq!(folded, "kani met");
        let at = folded.find("met").unwrap();
        assert_eq!(&text[map[at]..], "met");
        assert_eq!(map.len(), folded.len());
    }
}
