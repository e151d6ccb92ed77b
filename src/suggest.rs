//! "Did you mean": one rule for how close a mistyped word must be to a known one, used by the
//! format's rules, the configuration, the list's filter language and the commands.

/// The largest longer-word length compared in full: a longer (hostile) word is cut here, since
/// the comparison costs the product of the lengths.
const COMPARED_CHARS: usize = 200;

/// Words people write for a word of a closed list, that no spelling rule finds: the TLP 1.0
/// name for CLEAR, the everyday word for an analytic term.
const SYNONYMS: &[(&str, &str)] = &[
    ("white", "CLEAR"),
    ("medium", "moderate"),
    ("middle", "moderate"),
    ("paraphrase", "indirect"),
    ("paraphrased", "indirect"),
    ("reported", "indirect"),
    ("verbatim", "direct"),
    ("exact", "direct"),
    ("country", "state"),
    ("nation", "state"),
    ("government", "state"),
    ("company", "organization"),
    ("possible", "roughly even chance"),
    ("impossible", "almost no chance"),
];

/// How far `a` is from `b` (Damerau-Levenshtein), when it is close enough to be a likely typo:
/// within a third of the longer word, at least 1 and at most 8.
fn typo_distance(a: &str, b: &str) -> Option<usize> {
    let (la, lb) = (a.chars().count(), b.chars().count());
    let limit = (la.max(lb) / 3).clamp(1, 8);
    // The distance is at least the difference in length: when that alone is too far, skip the
    // comparison (a long hostile string against thousands of ids would take minutes).
    if la.abs_diff(lb) > limit {
        return None;
    }
    let distance = strsim::damerau_levenshtein(a, b);
    (distance <= limit).then_some(distance)
}

/// The candidate closest to `word` (ignoring case) when it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .iter()
        .filter_map(|c| typo_distance(&word, &c.to_lowercase()).map(|d| (d, *c)))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// Up to `max` candidates close to `word`, best first. Targets are compared whole and by their
/// last part (the item id), so `qaany` finds `b/actor/qaani`. Likely typos come first, the
/// closest of them only; when there is none, candidates that contain the word.
pub fn suggestions<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    max: usize,
) -> Vec<String> {
    let word = word.to_lowercase();
    if word.is_empty() {
        return Vec::new();
    }
    let last = |s: &str| s.rsplit('/').next().unwrap_or("").to_string();
    let word_last = last(&word);
    let mut typos: Vec<(usize, &str)> = Vec::new();
    let mut containing: Vec<(usize, &str)> = Vec::new();
    for c in candidates {
        let lower = c.to_lowercase();
        let score = [
            typo_distance(&word, &lower),
            typo_distance(&word_last, &last(&lower)),
        ]
        .into_iter()
        .flatten()
        .min();
        if let Some(score) = score {
            typos.push((score, c));
        } else if lower.contains(&word) {
            containing.push((lower.len(), c));
        }
    }
    let pick = |mut list: Vec<(usize, &str)>, spread: usize| -> Vec<String> {
        list.sort();
        list.dedup_by(|a, b| a.1 == b.1);
        let best = list.first().map_or(0, |f| f.0);
        list.into_iter()
            .filter(|(score, _)| *score <= best + spread)
            .take(max)
            .map(|(_, c)| c.to_string())
            .collect()
    };
    if typos.is_empty() {
        pick(containing, usize::MAX / 2)
    } else {
        pick(typos, 1)
    }
}

/// A word refused by a closed list (`words`, as the message lists them; `accepted`, every
/// spelling the field takes, which may hold more): the message, and a "did you mean" that is
/// always there, since the list is short and one of its words was meant. The same word in
/// another case first, then a likely typo, then a usual synonym, then a word that contains it or that it contains
/// (letters and digits only: `amber strict` is `AMBER+STRICT`), else the nearest.
pub fn refused_word(
    field: &str,
    shown: &str,
    text: &str,
    words: &[&str],
    accepted: &[&str],
) -> (String, String) {
    let list = words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let message = format!("`{field}` must be one of {list}; found `{shown}`");
    let text: String = text.trim().chars().take(COMPARED_CHARS).collect();
    let letters = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let bare = letters(&text);
    let near = accepted
        .iter()
        .find(|w| w.eq_ignore_ascii_case(&text))
        .copied()
        .or_else(|| closest(&text, accepted))
        .or_else(|| {
            let lower = text.to_lowercase();
            SYNONYMS
                .iter()
                .filter(|(said, _)| *said == lower)
                .find_map(|(_, meant)| accepted.iter().copied().find(|w| w == meant))
        })
        .or_else(|| {
            accepted.iter().copied().find(|w| {
                let w = letters(w);
                !bare.is_empty() && (w.contains(&bare) || bare.contains(&w))
            })
        })
        .or_else(|| {
            let lower = text.to_lowercase();
            accepted
                .iter()
                .copied()
                .min_by_key(|w| strsim::damerau_levenshtein(&lower, &w.to_lowercase()))
        });
    let hint = near.map_or_else(String::new, |w| format!("did you mean `{w}`?"));
    (message, hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_is_found_and_a_stranger_is_not() {
        assert_eq!(closest("sumary", &["summary", "title"]), Some("summary"));
        assert_eq!(closest("Titel", &["summary", "title"]), Some("title"));
        assert_eq!(closest("zzzzzz", &["summary", "title"]), None);
        let long = "x".repeat(100_000);
        assert_eq!(closest(&long, &["summary"]), None);
    }

    #[test]
    fn every_refused_word_gets_a_did_you_mean() {
        let hint =
            |text: &str, accepted: &[&str]| refused_word("f", text, text, accepted, accepted).1;
        assert_eq!(
            hint("Likely", &["likely", "unlikely"]),
            "did you mean `likely`?"
        );
        assert_eq!(
            hint("persn", &["person", "group"]),
            "did you mean `person`?"
        );
        assert_eq!(
            hint("amber strict", &["AMBER", "AMBER+STRICT"]),
            "did you mean `AMBER+STRICT`?"
        );
        assert_eq!(
            hint("medium", &["low", "moderate", "high"]),
            "did you mean `moderate`?"
        );
        assert_eq!(
            hint("paraphrase", &["direct", "indirect"]),
            "did you mean `indirect`?"
        );
        // Nothing alike: still the nearest, never no hint.
        assert!(hint("zzz", &["low", "moderate", "high"]).starts_with("did you mean `"));
        let (message, _) = refused_word(
            "mode",
            "x",
            "x",
            &["direct", "indirect"],
            &["direct", "indirect"],
        );
        assert_eq!(
            message,
            "`mode` must be one of `direct`, `indirect`; found `x`"
        );
    }

    #[test]
    fn suggestions_compare_targets_by_their_last_part() {
        let near = suggestions("qaany", ["b/actor/qaani", "b/actor/radi"], 3);
        assert_eq!(near, ["b/actor/qaani"]);
        assert!(suggestions("", ["a"], 3).is_empty());
    }
}
