//! Folding text for matching: case, diacritics and the spelling variants of transliterated and
//! Arabic-script names, so `Qaani` finds `Qāʾānī` and `قاآني` finds `قاانی`.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Text folded for matching.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut |f| out.push(f));
    }
    out
}

/// Folded text and, for each byte of it, the byte offset in `text` of the character it came
/// from: what a view needs to highlight a match in the original.
pub fn fold_with_map(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        fold_char(c, &mut |f| {
            out.push(f);
            map.extend(std::iter::repeat_n(at, f.len_utf8()));
        });
    }
    (out, map)
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
        assert_eq!(fold("Qāʾānī"), "qaani");
        assert_eq!(fold("QAANI"), "qaani");
        assert_eq!(fold("Asa'eb Ahl al-Haq"), "asaeb ahl al-haq");
        assert_eq!(fold("Asa’eb"), "asaeb");
        assert_eq!(fold("Müller Straße"), "muller strasse");
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
    fn map_points_back_into_the_original() {
        let text = "Qāʾānī met";
        let (folded, map) = fold_with_map(text);
        assert_eq!(folded, "qaani met");
        let at = folded.find("met").unwrap();
        assert_eq!(&text[map[at]..], "met");
        assert_eq!(map.len(), folded.len());
    }
}
