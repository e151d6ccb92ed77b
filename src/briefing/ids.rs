//! Ids, derived ids, and the flag targets that address items by id.

use std::fmt;
use std::str::FromStr;

/// `^[a-z0-9][a-z0-9._-]{0,79}$`: the pattern of briefing and item ids.
pub fn is_valid_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    matches!(bytes.first(), Some(b) if b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.len() <= 80
        && bytes.iter().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

/// A valid id built from free text (a file name, a mistyped id), for "did you mean" hints.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '_') {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    trimmed.chars().take(80).collect()
}

/// A stable 64-bit FNV-1a hash. Derived ids and fingerprints are stored in users' flags, so the
/// function must never change between releases or platforms: std's hashers promise neither.
pub fn stable_hash(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            // A unit separator keeps ("ab", "c") and ("a", "bc") apart.
            hash ^= 0x1f;
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        for byte in part.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The id of an item written without one: a prefix naming its kind and eight hex digits of
/// its own content, so reordering or editing other items never changes it.
pub fn derived_id(kind: ItemKind, content: &[&str]) -> String {
    format!("{}-{:08x}", kind.prefix(), stable_hash(content) >> 32)
}

/// The kinds of item inside a briefing that a flag can point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    Judgment,
    Actor,
    Quote,
    Event,
}

impl ItemKind {
    pub const ALL: [ItemKind; 4] = [
        ItemKind::Judgment,
        ItemKind::Actor,
        ItemKind::Quote,
        ItemKind::Event,
    ];

    /// The word used in targets: `BRIEFING/quote/ID`.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Judgment => "judgment",
            ItemKind::Actor => "actor",
            ItemKind::Quote => "quote",
            ItemKind::Event => "event",
        }
    }

    fn prefix(self) -> &'static str {
        match self {
            ItemKind::Judgment => "j",
            ItemKind::Actor => "a",
            ItemKind::Quote => "q",
            ItemKind::Event => "e",
        }
    }

    pub fn parse(word: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.as_str() == word)
    }
}

impl fmt::Display for ItemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The address of a flag: a briefing, or one item inside it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Target {
    pub briefing: String,
    pub item: Option<(ItemKind, String)>,
}

impl Target {
    pub fn briefing(id: &str) -> Target {
        Target {
            briefing: id.to_string(),
            item: None,
        }
    }

    pub fn item(briefing: &str, kind: ItemKind, id: &str) -> Target {
        Target {
            briefing: briefing.to_string(),
            item: Some((kind, id.to_string())),
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.item {
            None => f.write_str(&self.briefing),
            Some((kind, id)) => write!(f, "{}/{}/{}", self.briefing, kind, id),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{text}` is not a flag target: {why} (targets look like BRIEFING or BRIEFING/quote/ID, with actor, quote, event or judgment)"
)]
pub struct TargetError {
    pub text: String,
    pub why: &'static str,
}

impl FromStr for Target {
    type Err = TargetError;

    fn from_str(text: &str) -> Result<Target, TargetError> {
        let fail = |why| TargetError {
            text: text.to_string(),
            why,
        };
        let parts: Vec<&str> = text.split('/').collect();
        match parts.as_slice() {
            [briefing] if is_valid_id(briefing) => Ok(Target::briefing(briefing)),
            [briefing, kind, id] => {
                let kind = ItemKind::parse(kind).ok_or_else(|| fail("unknown item kind"))?;
                if !is_valid_id(briefing) || !is_valid_id(id) {
                    return Err(fail("an id does not match the id pattern"));
                }
                Ok(Target::item(briefing, kind, id))
            }
            [_] => Err(fail("the briefing id does not match the id pattern")),
            _ => Err(fail("wrong number of parts")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_pattern() {
        for ok in ["a", "2024-09-18-qaani", "x.y_z-1", &"a".repeat(80)] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in ["", "-a", "A", "a b", "é", ".hidden", &"a".repeat(81), "a/b"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn slug_makes_valid_ids() {
        assert_eq!(slug("Qaani Visit (Draft)"), "qaani-visit-draft");
        assert!(is_valid_id(&slug("  --Report 2024!! ")));
    }

    #[test]
    fn stable_hash_is_fnv1a_64() {
        // Published FNV-1a test vectors.
        assert_eq!(stable_hash(&[""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stable_hash(&["a"]), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(stable_hash(&["foobar"]), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn derived_ids_are_stable_across_releases() {
        // Pinned: changing these values would orphan every user's flag on a derived id.
        assert_eq!(
            derived_id(ItemKind::Quote, &["radi", "Hello"]),
            "q-f4487526"
        );
        assert_eq!(
            derived_id(ItemKind::Event, &["2024-01~", "A visit"]),
            "e-6bde811c"
        );
        assert_ne!(
            derived_id(ItemKind::Quote, &["ab", "c"]),
            derived_id(ItemKind::Quote, &["a", "bc"])
        );
    }

    #[test]
    fn targets_round_trip() {
        for text in [
            "b1",
            "b1/quote/q-1",
            "b1/actor/qaani",
            "b1/event/e1",
            "b1/judgment/j",
        ] {
            let target: Target = text.parse().unwrap();
            assert_eq!(target.to_string(), text);
        }
    }

    #[test]
    fn bad_targets_are_rejected() {
        for text in ["", "B1", "b1/quotes/q", "b1/quote", "b1/quote/Q", "a/b/c/d"] {
            assert!(text.parse::<Target>().is_err(), "{text}");
        }
    }
}
