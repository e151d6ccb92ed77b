//! Right-to-left text for terminals that lay out nothing themselves (most of them): Arabic shaped
//! into its joined presentation forms (`ar-reshaper`), then each line put in display order by the
//! Unicode Bidirectional Algorithm (`unicode-bidi`, UAX #9, rules L1-L4).
//!
//! Knows nothing of briefings or of terminals: strings in logical order in, strings (or ranges
//! of them) in display order out. The order of the steps matters, and is the caller's: shape
//! first (a lam-alef pair becomes one character, so widths change), wrap by the shaped width,
//! then reorder each wrapped line with the direction of its whole paragraph. Reordering before
//! wrapping would put the wrong words on each line.
//!
//! Only display goes through here: what is copied, printed by the commands, searched or saved
//! keeps its logical order.

use std::ops::Range;
use std::sync::LazyLock;

use ar_reshaper::ArabicReshaper;
use ar_reshaper::config::{Ligatures, ReshaperConfig};
use ar_reshaper::prelude::LigatureNames;
use unicode_bidi::{Level, ParagraphBidiInfo};
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

/// The direction of a paragraph (UAX #9 P2/P3): that of its first strong character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Ltr,
    Rtl,
}

/// Whether the text may hold a right-to-left character: a byte scan, so that text without
/// any (nearly all of it) costs next to nothing. It may say yes for a few left-to-right
/// characters that share a block's lead bytes (Armenian, Latin ligatures); the transform
/// leaves those as they were, so that only costs time.
pub fn has_rtl(text: &str) -> bool {
    if text.is_ascii() {
        return false;
    }
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        match b {
            // U+0580-U+07FF: Hebrew, Arabic, Syriac, Arabic Supplement, Thaana, NKo.
            0xd6..=0xdf => true,
            // U+0800-U+08FF: Samaritan, Mandaic, Arabic Extended.
            0xe0 => (0xa0..=0xa3).contains(&next),
            // U+FB1D-U+FEFF: Hebrew and Arabic presentation forms.
            0xef => (0xac..=0xbb).contains(&next),
            // U+200F RIGHT-TO-LEFT MARK (the overrides and isolates never get this far: the
            // loader replaces them).
            0xe2 => next == 0x80 && bytes.get(i + 2) == Some(&0x8f),
            // U+10800-U+10FFF and U+1E800-U+1EFFF: historic scripts, Adlam, Arabic math.
            0xf0 => {
                (next == 0x90 && bytes.get(i + 2).is_some_and(|c| *c >= 0xa0))
                    || (next == 0x9e && bytes.get(i + 2).is_some_and(|c| *c >= 0xa0))
            }
            _ => false,
        }
    })
}

/// The direction of a paragraph from its first strong character; left to right when it has
/// none (P3).
pub fn direction(text: &str) -> Direction {
    match unicode_bidi::get_base_direction(text) {
        unicode_bidi::Direction::Rtl => Direction::Rtl,
        _ => Direction::Ltr,
    }
}

/// Text with its Arabic shaped, and where each of its bytes came from in the original (what
/// keeps a style, a search highlight say, on the letters it was given to).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shaped {
    pub text: String,
    /// For each byte of `text`, the byte offset in the original of the character it came from.
    origin: Vec<usize>,
}

impl Shaped {
    /// Where the byte at `at` of the shaped text came from in the original.
    pub fn origin(&self, at: usize) -> usize {
        self.origin
            .get(at)
            .or(self.origin.last())
            .copied()
            .unwrap_or(0)
    }
}

/// The shaper: harakat kept (they are part of the text; the terminal draws them on their
/// letter), and of the ligatures only lam-alef, the one every Arabic reader expects. The others
/// (ﷲ and the like) are drawn two columns wide by many fonts while counting one.
static RESHAPER: LazyLock<ArabicReshaper> = LazyLock::new(|| {
    let mut config = ReshaperConfig {
        delete_harakat: false,
        ligatures: Ligatures::empty(),
        ..ReshaperConfig::default()
    };
    for name in [
        LigatureNames::ARABIC_LIGATURE_LAM_WITH_ALEF,
        LigatureNames::ARABIC_LIGATURE_LAM_WITH_ALEF_WITH_HAMZA_ABOVE,
        LigatureNames::ARABIC_LIGATURE_LAM_WITH_ALEF_WITH_HAMZA_BELOW,
        LigatureNames::ARABIC_LIGATURE_LAM_WITH_ALEF_WITH_MADDA_ABOVE,
    ] {
        config.update_ligature(name, true);
    }
    ArabicReshaper::new(config)
});

/// The Arabic blocks the shaper knows (presentation forms included, which it passes through).
fn is_arabic(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06ff}'
        | '\u{0750}'..='\u{077f}'
        | '\u{08a0}'..='\u{08ff}'
        | '\u{fb50}'..='\u{fdff}'
        | '\u{fe70}'..='\u{fefc}')
}

/// The lam-alef ligatures: one character for two letters.
fn is_lam_alef(c: char) -> bool {
    ('\u{fef5}'..='\u{fefc}').contains(&c)
}

/// Arabic letters in their contextual forms (initial, medial, final, isolated) and lam-alef
/// pairs as one ligature; everything else as it was, but a paragraph separator, which becomes
/// a space (a line is one paragraph here).
pub fn shape(text: &str) -> Shaped {
    let mut out = Shaped {
        text: String::with_capacity(text.len() * 3 / 2),
        origin: Vec::with_capacity(text.len() * 3 / 2),
    };
    let push = |out: &mut Shaped, c: char, from: usize| {
        out.text.push(c);
        out.origin.extend(std::iter::repeat_n(from, c.len_utf8()));
    };
    let mut rest = text;
    let mut base = 0;
    while !rest.is_empty() {
        let run = rest.find(|c| !is_arabic(c)).unwrap_or(rest.len());
        if run == 0 {
            let c = rest.chars().next().unwrap_or(' ');
            push(&mut out, if c == '\u{2029}' { ' ' } else { c }, base);
            base += c.len_utf8();
            rest = &rest[c.len_utf8()..];
            continue;
        }
        // A run of Arabic: marks with no letter before them are left as they are (the shaper
        // wants a letter first), the rest shaped as one, since letters join only within it.
        let (arabic, after) = rest.split_at(run);
        let letters = arabic
            .find(|c| !is_combining_mark(c))
            .unwrap_or(arabic.len());
        for (at, c) in arabic[..letters].char_indices() {
            push(&mut out, c, base + at);
        }
        if letters < arabic.len() {
            let from = base + letters;
            let source: Vec<(usize, char)> = arabic[letters..]
                .char_indices()
                .map(|(at, c)| (from + at, c))
                .collect();
            // The shaped text is the source with letters replaced by their forms, in the same
            // order, but for a lam-alef ligature, which stands for the lam and for the alef
            // (after any marks between them, which the shaper puts after the ligature).
            let mut i = 0;
            let mut owed_alef = false;
            for c in RESHAPER.reshape(&arabic[letters..]).chars() {
                if owed_alef && source.get(i).is_some_and(|(_, s)| !is_combining_mark(*s)) {
                    i += 1;
                    owed_alef = false;
                }
                let at = source.get(i).or(source.last()).map_or(from, |(at, _)| *at);
                push(&mut out, c, at);
                i += 1;
                owed_alef |= is_lam_alef(c);
            }
        }
        base += run;
        rest = after;
    }
    out
}

/// First-strong isolate and pop directional isolate (UAX #9 X5c, X6a): what `isolate` puts
/// around a piece of text. Only ever added here, for layout, and never shown (the loader
/// replaces any that a file holds).
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// The text as one isolated piece in the paragraph around it, with its own direction: an
/// Arabic name in a list that the reader separates with commas keeps the commas where the
/// list puts them. For text on its way to `Paragraph`; the marks are dropped from the glyphs.
pub fn isolate(text: &str) -> String {
    format!("{FSI}{text}{PDI}")
}

fn is_isolate_mark(g: &str) -> bool {
    g.chars().all(|c| c == FSI || c == PDI)
}

/// One grapheme of a line in display order: where it is in the text, and the character shown
/// in its place when a right-to-left run mirrors it (`(` as `)`, rule L4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Glyph {
    pub range: Range<usize>,
    pub mirror: Option<char>,
    /// In a right-to-left run: a cursor before it in reading order is on its right.
    pub rtl: bool,
}

/// A paragraph (one line of text without line breaks, already shaped) analysed once, so that
/// each of its wrapped lines can be put in display order.
pub struct Paragraph<'a> {
    text: &'a str,
    info: ParagraphBidiInfo<'a>,
}

impl<'a> Paragraph<'a> {
    pub fn new(text: &'a str, direction: Direction) -> Paragraph<'a> {
        let level = match direction {
            Direction::Ltr => Level::ltr(),
            Direction::Rtl => Level::rtl(),
        };
        Paragraph {
            text,
            info: ParagraphBidiInfo::new(text, Some(level)),
        }
    }

    /// The graphemes of the bytes `line` of the paragraph, left to right as they are shown:
    /// runs ordered by their levels (L1, L2), a right-to-left run reversed by grapheme so
    /// marks stay on their letter (L3), mirrored characters swapped (L4).
    pub fn line(&self, line: Range<usize>) -> Vec<Glyph> {
        let line = line.start.min(self.text.len())..line.end.min(self.text.len());
        if line.is_empty() {
            return Vec::new();
        }
        let mut glyphs = Vec::new();
        let text = self.text;
        let forward = |run: &Range<usize>| {
            let start = run.start;
            text[run.clone()]
                .grapheme_indices(true)
                .filter(|(_, g)| !is_isolate_mark(g))
                .map(move |(at, g)| (start + at, g))
        };
        if !self.info.has_rtl() {
            glyphs.extend(forward(&line).map(|(at, g)| Glyph {
                range: at..at + g.len(),
                mirror: None,
                rtl: false,
            }));
            return glyphs;
        }
        let (levels, runs) = self.info.visual_runs(line);
        for run in runs {
            if levels.get(run.start).is_some_and(|l| l.is_rtl()) {
                let mut chars: Vec<(usize, &str)> = forward(&run).collect();
                chars.reverse();
                glyphs.extend(chars.into_iter().map(|(at, g)| {
                    let mut cs = g.chars();
                    let mirror = match (cs.next(), cs.next()) {
                        (Some(c), None) => unicode_bidi_mirroring::get_mirrored(c),
                        _ => None,
                    };
                    Glyph {
                        range: at..at + g.len(),
                        mirror,
                        rtl: true,
                    }
                }));
            } else {
                glyphs.extend(forward(&run).map(|(at, g)| Glyph {
                    range: at..at + g.len(),
                    mirror: None,
                    rtl: false,
                }));
            }
        }
        glyphs
    }

    /// The bytes `line` of the paragraph as shown, left to right.
    pub fn line_text(&self, line: Range<usize>) -> String {
        let mut out = String::with_capacity(line.len());
        for g in self.line(line) {
            match g.mirror {
                Some(c) => out.push(c),
                None => out.push_str(&self.text[g.range]),
            }
        }
        out
    }
}

/// One line of text (already shaped) as shown, in a paragraph of the given direction.
pub fn reorder(text: &str, direction: Direction) -> String {
    Paragraph::new(text, direction).line_text(0..text.len())
}

/// One line of text as shown: shaped, then reordered in the direction of its own first strong
/// character. Text with no right-to-left character comes back as it was.
pub fn display(text: &str) -> String {
    if !has_rtl(text) {
        return text.to_string();
    }
    reorder(&shape(text).text, direction(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    /// The letters of shaped text, unshaped again (NFKC maps presentation forms back to the
    /// letters), so a test can say which letters are where without spelling glyphs.
    fn letters(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        text.nfkc().collect()
    }

    #[test]
    fn latin_is_left_alone_and_costs_a_scan() {
        assert!(!has_rtl("Qaani met al-Khazali in Baghdad (2024)"));
        assert!(!has_rtl("Müller — 漢字 🇮🇶"));
        assert_eq!(display("Qaani (165)"), "Qaani (165)");
        assert!(has_rtl("قاآني"));
        assert!(has_rtl("שלום"));
        assert!(has_rtl("a\u{200f}b"));
    }

    #[test]
    fn direction_is_that_of_the_first_strong_character() {
        assert_eq!(direction("«محمود» said"), Direction::Rtl);
        assert_eq!(direction("Mahmoud (محمود)"), Direction::Ltr);
        assert_eq!(direction("165 ..."), Direction::Ltr);
        assert_eq!(direction("שלום world"), Direction::Rtl);
    }

    #[test]
    fn all_arabic_is_joined_and_reversed() {
        let name = "محمود المشهداني";
        let shown = display(name);
        // Every letter in a contextual form: none left in the plain Arabic block.
        assert!(
            shown
                .chars()
                .all(|c| c == ' ' || ('\u{fe70}'..='\u{feff}').contains(&c))
        );
        // Right to left: read backwards, the letters are the name.
        let back: String = letters(&shown).chars().rev().collect();
        assert_eq!(back, name);
        // The first letter of the name (meem, initial form) is the rightmost glyph.
        assert_eq!(shown.chars().last(), Some('\u{fee3}'));
        assert_eq!(shown.width(), name.width());
    }

    #[test]
    fn english_with_an_arabic_parenthesis_keeps_its_order() {
        let shown = display("Mahmoud al-Mashhadani (محمود المشهداني) spoke");
        assert!(shown.starts_with("Mahmoud al-Mashhadani ("), "{shown}");
        assert!(shown.ends_with(") spoke"), "{shown}");
        // Inside the parenthesis the Arabic words run right to left: the second word first.
        let inner = &shown["Mahmoud al-Mashhadani (".len()..shown.len() - ") spoke".len()];
        assert_eq!(letters(inner), "ينادهشملا دومحم");
    }

    #[test]
    fn numbers_keep_their_order_in_arabic() {
        let shown = display("قتل 165 شخصا");
        assert!(shown.contains("165"), "{shown}");
        // 165 sits between the two words; the first word is on the right.
        let parts: Vec<&str> = shown.split(' ').collect();
        assert_eq!(parts.len(), 3);
        assert_eq!(letters(parts[2]), "لتق");
        assert_eq!(parts[1], "165");
        // Arabic-Indic digits too.
        assert!(display("عام ٢٠٢٤").starts_with("٢٠٢٤"));
    }

    #[test]
    fn lam_alef_is_one_ligature() {
        let shaped = shape("السلام");
        assert!(shaped.text.contains('\u{fefc}'), "{}", shaped.text);
        assert_eq!(shaped.text.chars().count(), 5);
        assert_eq!(shaped.text.width(), 5);
        // Every byte of the ligature comes from the lam.
        let at = shaped.text.find('\u{fefc}').unwrap();
        assert_eq!(&"السلام"[shaped.origin(at)..], "لام");
        let after = at + '\u{fefc}'.len_utf8();
        assert_eq!(&"السلام"[shaped.origin(after)..], "م");
        // Lam with hamza-alef and madda-alef too.
        assert!(shape("لأن").text.contains('\u{fef7}'));
        assert!(shape("لآ").text.contains('\u{fef5}'));
    }

    #[test]
    fn harakat_stay_on_their_letter() {
        let text = "مُحَمَّد";
        let shown = display(text);
        // Each mark follows its base letter in the reversed line, as a terminal draws it.
        let graphemes: Vec<&str> = shown.graphemes(true).collect();
        assert_eq!(graphemes.len(), 4);
        assert_eq!(letters(graphemes[3]).chars().next(), Some('م'));
        assert!(graphemes[3].ends_with('\u{064f}'));
        assert!(graphemes[1].ends_with("\u{064e}\u{0651}"));
        assert_eq!(shown.width(), 4);
        // A mark with no letter before it does not trouble the shaper.
        assert_eq!(shape("\u{064e}ب").text.chars().next(), Some('\u{064e}'));
        assert!(!display(" \u{064e}\u{064e}").is_empty());
    }

    #[test]
    fn persian_letters_are_shaped() {
        let shown = display("پژوهشگر چگونه");
        assert!(
            shown
                .chars()
                .all(|c| c == ' ' || !('\u{0600}'..='\u{06ff}').contains(&c))
        );
        let back: String = letters(&shown).chars().rev().collect();
        assert_eq!(back, "پژوهشگر چگونه");
    }

    #[test]
    fn hebrew_is_reversed_and_not_shaped() {
        assert_eq!(display("שלום"), "םולש");
        assert_eq!(display("Shalom (שלום) 2024"), "Shalom (םולש) 2024");
    }

    #[test]
    fn brackets_are_mirrored_in_a_right_to_left_run() {
        // Logically "(" then Arabic then ")": shown right to left, the opening bracket is on
        // the right and must look like one.
        let shown = display("قال (نعم)");
        assert!(shown.starts_with('('), "{shown}");
        assert!(shown.contains(')'));
        assert_eq!(
            letters(&shown).chars().rev().collect::<String>(),
            "قال )نعم("
        );
    }

    #[test]
    fn a_neutralised_control_character_is_just_a_symbol() {
        // The loader replaces an unmatched embedding or override with a visible placeholder
        // (U+FFFD, or a control picture); it must not flip anything after it.
        let shown = display("سلام \u{fffd} world");
        assert!(shown.starts_with("world"), "{shown}");
        let shown = display("hello \u{fffd} سلام end");
        assert!(shown.starts_with("hello \u{fffd} "), "{shown}");
        assert!(shown.ends_with(" end"), "{shown}");
    }

    #[test]
    fn isolated_pieces_keep_the_separators_between_them() {
        let list = format!("also {}, {}", isolate("إسماعيل قاآني"), isolate("قاآنی"));
        let shown = reorder(&shape(&list).text, direction(&list));
        // Each name reversed on its own, in list order, the comma after the first.
        let first = display("إسماعيل قاآني");
        let second = display("قاآنی");
        assert_eq!(shown, format!("also {first}, {second}"));
    }

    #[test]
    fn wrapped_lines_are_reordered_with_their_paragraphs_direction() {
        let text = shape("الأمن 12 hello");
        let p = Paragraph::new(&text.text, direction("الأمن 12 hello"));
        // Each part of a wrapped paragraph alone; the line of Latin keeps a right-to-left
        // paragraph's direction (it would sit at the right of an all-Arabic pane).
        let space = text.text.rfind(' ').unwrap();
        assert_eq!(p.line_text(space + 1..text.text.len()), "hello");
        let first = p.line_text(0..space);
        assert!(first.starts_with("12 "), "{first}");
    }
}
