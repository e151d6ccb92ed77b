//! Article text cut into paragraphs, quoted and narrative segments, sentences and words.
//!
//! Quotes are found first, so that a quoted passage of several sentences stays inside the
//! sentence that attributes it (`"A. B," she said.` is one sentence), and the sentence splitter
//! knows abbreviations (`Dr.`, `U.S.`, initials) from sentence ends.

use std::ops::Range;

use super::lexicon;

/// A paragraph: its text (lines joined) and what it is made of.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub text: String,
    pub segments: Vec<Segment>,
    pub sentences: Vec<Range<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentKind {
    Narrative,
    /// Text between matching quotation marks (`inner` is without them).
    Quote,
    /// An opening quotation mark that is never closed in the paragraph: not extracted.
    Unclosed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub kind: SegmentKind,
    /// The whole segment, quotation marks included.
    pub outer: Range<usize>,
    /// The text inside the marks (for narrative, the same as `outer`).
    pub inner: Range<usize>,
}

/// A word or a punctuation mark, with its place in the text it was cut from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub word: bool,
}

impl Paragraph {
    pub fn new(text: &str) -> Paragraph {
        let segments = segments(text);
        let sentences = sentences(text, &segments);
        Paragraph {
            text: text.to_string(),
            segments,
            sentences,
        }
    }

    /// The indices of the segments that overlap `range`, in order. Segments are sorted and
    /// do not overlap, so this is a binary search, not a scan: a long paragraph stays cheap.
    pub fn segment_indices(&self, range: &Range<usize>) -> Range<usize> {
        let first = self
            .segments
            .partition_point(|s| s.outer.end <= range.start);
        let last = self.segments.partition_point(|s| s.outer.start < range.end);
        first..last.max(first)
    }

    /// The segments that overlap `range`, in order.
    pub fn segments_in(&self, range: &Range<usize>) -> impl Iterator<Item = &Segment> {
        self.segments[self.segment_indices(range)].iter()
    }

    /// The index of the sentence holding byte `at` (or the nearest before it).
    pub fn sentence_at(&self, at: usize) -> usize {
        self.sentences
            .partition_point(|r| r.start <= at)
            .saturating_sub(1)
    }

    /// The sentence's text with every quoted passage blanked out (same length, so offsets
    /// still hold): for rules that must only read the narrator's words.
    pub fn narrative(&self, range: &Range<usize>) -> String {
        let mut out = String::with_capacity(range.len());
        let mut quoted = self
            .segments_in(range)
            .filter(|s| s.kind != SegmentKind::Narrative)
            .map(|s| s.outer.clone())
            .peekable();
        for (i, c) in self.text[range.clone()].char_indices() {
            let at = range.start + i;
            while quoted.peek().is_some_and(|q| q.end <= at) {
                quoted.next();
            }
            if quoted.peek().is_some_and(|q| q.contains(&at)) {
                out.extend(std::iter::repeat_n(' ', c.len_utf8()));
            } else {
                out.push(c);
            }
        }
        out
    }

    /// Whether a quotation (closed or not) overlaps `range`.
    pub fn has_quote_in(&self, range: &Range<usize>) -> bool {
        self.segments_in(range)
            .any(|s| s.kind != SegmentKind::Narrative)
    }
}

/// Paragraphs: blocks separated by blank lines, their lines joined with spaces.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

fn closing_for(open: char) -> Option<char> {
    match open {
        '“' => Some('”'),
        '"' => Some('"'),
        '«' => Some('»'),
        '„' => Some('“'),
        _ => None,
    }
}

/// Whether a single quotation mark at this place opens a quotation rather than being an
/// apostrophe: it follows a space, an opening bracket, a dash or another quotation mark and
/// comes before a letter (`'We`, not `Asa'ib`, `Kurdistan's` or `'80s`).
fn opens_single(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_none_or(|p| p.is_whitespace() || "([{—–-\"“«".contains(p))
        && next.is_some_and(char::is_alphabetic)
}

/// Whether a single quotation mark at this place closes a quotation: after a word or a
/// stop, before a space, a stop or the end (`reform,'` and `reform'.`, not `Asa'ib`).
fn closes_single(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_some_and(|p| !p.is_whitespace()) && next.is_none_or(|n| !n.is_alphanumeric())
}

/// A single mark after an `s` and before a space and a lower-case word: `drivers’ wages`.
fn possessive_shape(chars: &[(usize, char)], k: usize) -> bool {
    k.checked_sub(1)
        .is_some_and(|j| matches!(chars[j].1, 's' | 'S'))
        && chars.get(k + 1).is_some_and(|&(_, c)| c == ' ')
        && chars.get(k + 2).is_some_and(|&(_, c)| c.is_lowercase())
}

/// `‘Our drivers’ wages have fallen ...’`: a mark after an `s` and before a lower-case word
/// (`chars[k]`, inside a single quotation opened at byte `open`) is a plural possessive, not
/// the closing mark, when a mark that can only close follows with no opening mark between, or
/// when none follows, the quotation opened a sentence and the next paragraph opens a quotation
/// (`runs_on`: it runs on into it).
fn plural_possessive(
    text: &str,
    chars: &[(usize, char)],
    k: usize,
    open: usize,
    runs_on: bool,
) -> bool {
    if !possessive_shape(chars, k) {
        return false;
    }
    // A quotation is never longer than this: a long paragraph is not read again for each mark.
    for j in k + 1..chars.len().min(k + 2000) {
        let c = chars[j].1;
        let before = j.checked_sub(1).map(|i| chars[i].1);
        let after = chars.get(j + 1).map(|&(_, n)| n);
        if matches!(c, '‘' | '\'') && opens_single(before, after) {
            return false;
        }
        // Only a mark that can be nothing but a closing one settles it: another after an
        // `s` (`the nurses’ pay`) may be a possessive too.
        if matches!(c, '’' | '\'') && closes_single(before, after) && !possessive_shape(chars, j)
        {
            return true;
        }
    }
    let lead = text[..open].trim_end();
    runs_on && (lead.is_empty() || lead.ends_with(['.', '!', '?', ':']))
}

/// Cuts a paragraph into narrative and quoted segments. Straight double quotes pair in
/// order; curly and angle quotes pair by shape; single quotation marks (`‘…’`, `'…'`) pair
/// when their places show they are not apostrophes.
pub fn segments(text: &str) -> Vec<Segment> {
    segments_of(text, false)
}

/// The segments of a paragraph; `runs_on`: the paragraph after it opens a quotation, so one
/// left open may run on into it.
fn segments_of(text: &str, runs_on: bool) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut narrative_start = 0;
    // The opening mark's place, its length, and whether it is a single quotation mark.
    let mut open: Option<(usize, char)> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(k + 1).map(|&(_, n)| n);
        match open {
            None => {
                let opens = closing_for(c).is_some()
                    || (matches!(c, '‘' | '\'') && opens_single(prev, next));
                if opens {
                    if narrative_start < i {
                        out.push(Segment {
                            kind: SegmentKind::Narrative,
                            outer: narrative_start..i,
                            inner: narrative_start..i,
                        });
                    }
                    open = Some((i, c));
                }
            }
            Some((start, mark)) => {
                let closes = match mark {
                    '‘' | '\'' => {
                        matches!(c, '’' | '\'')
                            && closes_single(prev, next)
                            && !plural_possessive(text, &chars, k, start, runs_on)
                    }
                    _ => Some(c) == closing_for(mark),
                };
                if closes {
                    let end = i + c.len_utf8();
                    out.push(Segment {
                        kind: SegmentKind::Quote,
                        outer: start..end,
                        inner: start + mark.len_utf8()..i,
                    });
                    open = None;
                    narrative_start = end;
                }
            }
        }
    }
    match open {
        Some((start, mark)) => out.push(Segment {
            kind: SegmentKind::Unclosed,
            outer: start..text.len(),
            inner: start + mark.len_utf8()..text.len(),
        }),
        None if narrative_start < text.len() => out.push(Segment {
            kind: SegmentKind::Narrative,
            outer: narrative_start..text.len(),
            inner: narrative_start..text.len(),
        }),
        None => {}
    }
    out
}

/// Paragraphs with a quotation that runs on: a paragraph whose quotation is still open at its
/// end, followed by one that opens with a quotation mark (the news convention for a quotation
/// over several paragraphs), become one paragraph with the quotation closed.
pub fn join_continued_quotes(paragraphs: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in paragraphs {
        let mut chars = p.chars();
        let first = chars.next();
        let second = chars.next();
        let opens = first.is_some_and(|c| {
            closing_for(c).is_some() || (matches!(c, '‘' | '\'') && opens_single(None, second))
        });
        let continues = out.last().is_some_and(|last| {
            segments_of(last, opens)
                .last()
                .is_some_and(|s| s.kind == SegmentKind::Unclosed)
        });
        if continues
            && opens
            && let Some(last) = out.last_mut()
            && let Some(first) = first
        {
            last.push(' ');
            last.push_str(&p[first.len_utf8()..]);
        } else {
            out.push(p);
        }
    }
    out
}

/// Words that end with a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "st", "sen", "rep",
    "gov", "jr", "sr", "no", "mt", "ft", "inc", "co", "corp", "ltd", "vs", "rev", "hon", "adm",
    "brig", "cmdr", "jan", "feb", "aug", "sept", "sep", "oct", "nov", "dec", "approx", "est",
];

/// Whether the word that ends just before byte `dot` (a full stop) is an abbreviation.
fn is_abbreviation(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    // A number is no abbreviation: `its magnitude at 6.8. At least ...` ends a sentence.
    if word.is_empty() || word.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return false;
    }
    // Initials and dotted abbreviations: `J.`, `U.S.`, `U.N.`
    if word.contains('.') || (word.chars().count() == 1 && word.chars().all(char::is_uppercase)) {
        return true;
    }
    // `Dr.`, `No.`, `St.`: capitalised, so that `he said no.` still ends a sentence.
    is_capitalized(&word) && ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// Whether `text` from `at` starts a new sentence: spaces, then a capital, a digit or an
/// opening quotation mark.
fn starts_sentence(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() && !rest.is_empty() {
        return false; // no space after the stop: `3.5`, `U.S.`
    }
    let mut chars = trimmed.chars();
    match chars.next() {
        None => false,
        // `'We lose,' she said.`: a single quotation mark opens a sentence as a double does.
        Some('‘' | '\'') => opens_single(None, chars.next()),
        Some(c) => c.is_uppercase() || c.is_ascii_digit() || closing_for(c).is_some(),
    }
}

/// Whether the narrative right after a quotation attributes it (`"…?" Reyes asked.`): it
/// starts with a name (not `On`, `The`, ...) or a speech verb, and a speech verb or `according
/// to` comes among its first words.
fn attributes(text: &str, from: usize) -> bool {
    let rest = &text[from..];
    let clause = rest.split(['.', ';', '“', '"', '«']).next().unwrap_or("");
    let words: Vec<Token> = tokens(clause).into_iter().filter(|t| t.word).collect();
    let Some(first) = words.first() else {
        return false;
    };
    if first.text.eq_ignore_ascii_case("according") {
        return words.get(1).is_some_and(|w| w.text == "to");
    }
    if lexicon::is_speech_verb(first.text) {
        return true;
    }
    !lexicon::is_not_name(first.text)
        && words
            .iter()
            .take(8)
            .any(|w| lexicon::is_speech_verb(w.text))
}

/// Sentence ranges. Breaks only in narrative text, or after a quotation ending in `.?!` that
/// is not followed by its attribution.
pub fn sentences(text: &str, segments: &[Segment]) -> Vec<Range<usize>> {
    let mut breaks = Vec::new();
    for seg in segments {
        match seg.kind {
            SegmentKind::Narrative => {
                let part = &text[seg.outer.clone()];
                for (i, c) in part.char_indices() {
                    let at = seg.outer.start + i;
                    if matches!(c, '.' | '?' | '!') {
                        let after = at + 1;
                        if after < text.len() && !starts_sentence(text, after) {
                            continue;
                        }
                        if c == '.' && is_abbreviation(text, at) {
                            continue;
                        }
                        breaks.push(after);
                    }
                }
            }
            SegmentKind::Quote => {
                let inner = text[seg.inner.clone()].trim_end();
                let ends_sentence = inner.ends_with(['.', '?', '!']);
                if ends_sentence
                    && seg.outer.end < text.len()
                    && starts_sentence(text, seg.outer.end)
                    && !attributes(text, seg.outer.end)
                {
                    breaks.push(seg.outer.end);
                }
            }
            SegmentKind::Unclosed => {}
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    for b in breaks {
        if b > start {
            out.push(start..b);
            start = b;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    // Leading spaces belong to no sentence.
    out.into_iter()
        .map(|r| {
            let lead = text[r.clone()].len() - text[r.clone()].trim_start().len();
            r.start + lead..r.end
        })
        .filter(|r| !text[r.clone()].trim().is_empty())
        .collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '\u{2011}')
}

/// Words and punctuation marks. A word keeps its apostrophes and hyphens (`Asa'eb`,
/// `al-Amiri`, `Iraq’s`), inner full stops (`U.S.`), and the full stop of an abbreviation
/// (`Dr.`); other punctuation marks are tokens of their own; spaces are dropped.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if is_word_char(c) && c != '-' && c != '\'' && c != '’' {
            let mut j = i + 1;
            while j < chars.len() {
                let (_, d) = chars[j];
                let next_alnum = chars.get(j + 1).is_some_and(|(_, n)| n.is_alphanumeric());
                let joiner = matches!(d, '\'' | '’' | '-' | '\u{2011}') && next_alnum;
                // `U.S`, `3.5`: a full stop between letters or digits.
                let inner_stop = d == '.' && next_alnum && chars[j - 1].1.is_alphanumeric();
                if d.is_alphanumeric() || joiner || inner_stop {
                    j += 1;
                } else {
                    break;
                }
            }
            let mut end = chars.get(j).map_or(text.len(), |(b, _)| *b);
            // The full stop of `U.S.` or `Dr.` belongs to the word.
            if chars.get(j).is_some_and(|(_, d)| *d == '.') && is_abbreviation(text, end) {
                end += 1;
                j += 1;
            }
            // A closing apostrophe of a plural possessive: `Dockworkers’`.
            if chars.get(j).is_some_and(|(_, d)| matches!(d, '’' | '\''))
                && text[start..end].ends_with('s')
                && !chars.get(j + 1).is_some_and(|(_, n)| n.is_alphanumeric())
            {
                end += chars[j].1.len_utf8();
                j += 1;
            }
            out.push(Token {
                text: &text[start..end],
                start,
                end,
                word: true,
            });
            i = j;
        } else {
            let end = start + c.len_utf8();
            out.push(Token {
                text: &text[start..end],
                start,
                end,
                word: false,
            });
            i += 1;
        }
    }
    out
}

/// Whether a word starts with a capital letter (after any `al-` style particle).
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_texts(text: &str) -> Vec<String> {
        let p = Paragraph::new(text);
        p.sentences
            .iter()
            .map(|r| p.text[r.clone()].to_string())
            .collect()
    }

    #[test]
    fn a_single_quotation_mark_opens_a_sentence() {
        assert_eq!(
            sentence_texts("Ines Varo spoke. 'We lose either way,' she said. ‘Never,’ he said."),
            vec![
                "Ines Varo spoke.",
                "'We lose either way,' she said.",
                "‘Never,’ he said."
            ]
        );
        // An apostrophe after a stop is no quotation: `'80s`.
        assert_eq!(sentence_texts("It ended. '80s music played.").len(), 1);
    }

    #[test]
    fn a_plural_possessive_does_not_close_a_single_quotation() {
        let quotes = |text: &str| -> Vec<String> {
            segments(text)
                .iter()
                .filter(|s| s.kind == SegmentKind::Quote)
                .map(|s| text[s.inner.clone()].to_string())
                .collect()
        };
        // A closing mark follows, with no opening mark between.
        assert_eq!(
            quotes("He said: ‘The members’ pay is low, and we know it.’"),
            vec!["The members’ pay is low, and we know it."]
        );
        // Only marks after an `s` follow: each may be a possessive, so the first closes.
        assert_eq!(
            quotes(
                "She called the cuts ‘an attack on workers’ and said the nurses’ pay would fall."
            ),
            vec!["an attack on workers"]
        );
        // An opening mark follows first: the mark closed the quotation.
        assert_eq!(
            quotes("He called them ‘the bosses’ and the union said ‘no deal’ was possible."),
            vec!["the bosses", "no deal"]
        );
        // None follows, the quotation opened a sentence and the next paragraph opens one: it
        // runs on; else the mark closed it.
        let text = "It ended. ‘Our drivers’ wages have fallen.";
        assert_eq!(
            segments_of(text, true).last().unwrap().kind,
            SegmentKind::Unclosed
        );
        assert_eq!(quotes(text), vec!["Our drivers"]);
        let joined = join_continued_quotes(vec![text.to_string(), "‘We are tired.’".to_string()]);
        assert_eq!(
            joined,
            vec!["It ended. ‘Our drivers’ wages have fallen. We are tired.’"]
        );
    }

    #[test]
    fn paragraphs_join_wrapped_lines() {
        let text = "One line\nstill one.\n\n\nTwo.\n";
        assert_eq!(paragraphs(text), vec!["One line still one.", "Two."]);
    }

    #[test]
    fn quotes_straight_curly_and_unclosed() {
        let text = "He said \"yes, no\" and “maybe”. Then “never";
        let segs = segments(text);
        let kinds: Vec<_> = segs.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            vec![
                SegmentKind::Narrative,
                SegmentKind::Quote,
                SegmentKind::Narrative,
                SegmentKind::Quote,
                SegmentKind::Narrative,
                SegmentKind::Unclosed
            ]
        );
        assert_eq!(&text[segs[1].inner.clone()], "yes, no");
        assert_eq!(&text[segs[3].inner.clone()], "maybe");
    }

    #[test]
    fn apostrophes_do_not_open_quotes() {
        let text =
            "Tehran’s stance, Iran's role, Asa'ib Ahl al-Haq, the '80s and the workers' pay.";
        assert_eq!(segments(text).len(), 1);
        // Single quotation marks where quotations open and close are quotations.
        let text = "Tehran’s stance, ‘so-called’ here, and 'in quotes,' he said.";
        let quotes: Vec<&str> = segments(text)
            .iter()
            .filter(|s| s.kind == SegmentKind::Quote)
            .map(|s| &text[s.inner.clone()])
            .collect();
        assert_eq!(quotes, vec!["so-called", "in quotes,"]);
    }

    #[test]
    fn sentences_keep_quotes_with_their_attribution() {
        let text = "“We are tired. Very tired,” said Albin. “Who pays?” Albin asked. It ended.";
        assert_eq!(
            sentence_texts(text),
            vec![
                "“We are tired. Very tired,” said Albin.",
                "“Who pays?” Albin asked.",
                "It ended."
            ]
        );
    }

    #[test]
    fn sentences_skip_abbreviations() {
        let text = "Dr. Senna Okoro met U.S. forces in Brell. Mr. Stanek left. The end.";
        assert_eq!(
            sentence_texts(text),
            vec![
                "Dr. Senna Okoro met U.S. forces in Brell.",
                "Mr. Stanek left.",
                "The end."
            ]
        );
    }

    #[test]
    fn a_number_before_a_full_stop_ends_the_sentence() {
        assert_eq!(
            sentence_texts("The quake measured 6.8. At least nine aftershocks followed."),
            vec![
                "The quake measured 6.8.",
                "At least nine aftershocks followed."
            ]
        );
    }

    #[test]
    fn a_quote_ending_a_sentence_ends_it() {
        let text = "Radi added that “Qaani held meetings.” On Tuesday, a source spoke.";
        assert_eq!(sentence_texts(text).len(), 2);
    }

    #[test]
    fn tokens_keep_names_whole() {
        let words: Vec<&str> = tokens("Hadi al-Amiri, Asa'eb Ahl al-Haq, U.S. Dr. Okoro’s 3.5")
            .iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            words,
            vec![
                "Hadi",
                "al-Amiri",
                ",",
                "Asa'eb",
                "Ahl",
                "al-Haq",
                ",",
                "U.S.",
                "Dr.",
                "Okoro’s",
                "3.5"
            ]
        );
    }

    #[test]
    fn plural_possessives_keep_their_apostrophe() {
        let words: Vec<&str> = tokens("the Isolde Dockworkers' Union")
            .iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(words, vec!["the", "Isolde", "Dockworkers'", "Union"]);
    }

    #[test]
    fn narrative_blanks_quotes() {
        let p = Paragraph::new("He said “no” twice.");
        let n = p.narrative(&(0..p.text.len()));
        assert_eq!(n.len(), p.text.len());
        assert!(!n.contains("no"));
        assert!(n.contains("twice"));
    }
}
