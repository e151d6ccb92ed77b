//! Neutralising control characters in briefing text.
//!
//! A briefing can come from anywhere, and an escape sequence in it is an attack on the reader's
//! terminal (title changes, clipboard writes with OSC 52, fake output). Every string taken from a
//! file passes through `neutralize` at load time, so nothing downstream needs to care.

use std::borrow::Cow;

/// True for the characters that must never reach a terminal: C0 controls other than newline and
/// tab, DEL, C1 controls, and the bidi embedding, override and isolate controls. The marks
/// U+200E, U+200F and U+061C are legitimate in Arabic text and are kept.
pub fn is_forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The visible stand-in shown where a forbidden character was.
pub fn placeholder(c: char) -> char {
    match c {
        // Control Pictures: ␀ … ␟ for C0, ␡ for DEL; a reader can tell which byte it was.
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// A short name for a forbidden character, for warnings.
pub fn describe(c: char) -> String {
    let name = match c {
        '\u{1b}' => " (ESC)",
        '\u{7}' => " (BEL)",
        '\u{d}' => " (carriage return)",
        '\u{9b}' => " (CSI)",
        '\u{9d}' => " (OSC)",
        '\u{7f}' => " (DEL)",
        '\u{202e}' => " (right-to-left override)",
        '\u{202d}' => " (left-to-right override)",
        _ => "",
    };
    format!("U+{:04X}{name}", c as u32)
}

/// Whether any forbidden character is in `text`, judged on its UTF-8 bytes: every string of
/// every briefing goes through here, and decoding each character cost more than parsing.
pub fn has_forbidden(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Nearly all text is printable ASCII with newlines: a check the compiler vectorises.
    if bytes
        .iter()
        .all(|&b| (0x20..0x7f).contains(&b) || b == b'\n' || b == b'\t')
    {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\t' | b'\n' => {}
            0x00..=0x1f | 0x7f => return true,
            // C1 controls are U+0080-U+009F: C2 80 to C2 9F.
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => return true,
            // U+202A-U+202E are E2 80 AA-AE; U+2066-U+2069 are E2 81 A6-A9.
            0xe2 => match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9)) => return true,
                _ => {}
            },
            _ => {}
        }
        i += 1;
    }
    false
}

/// Replaces every forbidden character with its placeholder. Windows line ends become plain
/// newlines first, so a file saved on Windows is not littered with placeholders.
pub fn neutralize(text: &str) -> Cow<'_, str> {
    if !has_forbidden(text) {
        return Cow::Borrowed(text);
    }
    let text = text.replace("\r\n", "\n");
    Cow::Owned(
        text.chars()
            .map(|c| if is_forbidden(c) { placeholder(c) } else { c })
            .collect(),
    )
}

/// Byte offsets, within the raw source of a quoted string, of each forbidden character it
/// decodes to, whether written raw or as an escape (`\u001b`, `\U0000001B`, `\x1b`, `\e`,
/// `\b`, `\f`, `\r`).
/// Used only to point `brief check` warnings at the exact spot.
pub fn locate_in_source(raw: &str) -> Vec<(usize, char)> {
    let mut found = Vec::new();
    let mut chars = raw.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c != '\\' {
            if is_forbidden(c) && !(c == '\r' && chars.peek().map(|p| p.1) == Some('\n')) {
                found.push((at, c));
            }
            continue;
        }
        let Some((_, kind)) = chars.next() else { break };
        let len = match kind {
            'u' => 4,
            'U' => 8,
            'x' => 2,
            'e' | 'b' | 'f' | 'r' => {
                let c = match kind {
                    'e' => '\u{1b}',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    _ => '\r',
                };
                found.push((at, c));
                continue;
            }
            _ => continue,
        };
        let hex: String = (0..len).filter_map(|_| chars.next().map(|p| p.1)).collect();
        if let Some(decoded) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
            && is_forbidden(decoded)
        {
            found.push((at, decoded));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_scan_agrees_with_the_character_test() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(has_forbidden(&text), is_forbidden(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn clean_text_is_borrowed_unchanged() {
        let text = "Qaani met al-Amiri in Baghdad\n\tand left. إسماعيل قاآني \u{200f}";
        assert!(matches!(neutralize(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn escape_sequences_become_visible() {
        let out = neutralize("a\u{1b}[31mred\u{1b}]52;c;aGk=\u{7}b");
        assert_eq!(out, "a\u{241b}[31mred\u{241b}]52;c;aGk=\u{2407}b");
        assert!(!out.chars().any(is_forbidden));
    }

    #[test]
    fn c1_del_and_bidi_overrides_are_replaced() {
        for c in [
            '\u{9b}', '\u{85}', '\u{7f}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{0}',
        ] {
            let input = format!("x{c}y");
            let out = neutralize(&input);
            assert!(!out.contains(c), "{c:?} survived");
            assert_eq!(out.chars().count(), 3);
        }
    }

    #[test]
    fn arabic_marks_newline_and_tab_are_kept() {
        for c in ['\u{200e}', '\u{200f}', '\u{61c}', '\n', '\t'] {
            assert!(!is_forbidden(c));
        }
    }

    #[test]
    fn crlf_becomes_lf_but_lone_cr_is_neutralised() {
        assert_eq!(neutralize("a\r\nb\u{1b}"), "a\nb\u{241b}");
        assert_eq!(neutralize("a\rb"), "a\u{240d}b");
    }

    #[test]
    fn finds_raw_and_escaped_controls_in_source() {
        let raw = "\"a\\u001b[31m b\\e c\u{1b} d\\U0000202E \\n\"";
        let found: Vec<char> = locate_in_source(raw).into_iter().map(|f| f.1).collect();
        assert_eq!(found, vec!['\u{1b}', '\u{1b}', '\u{1b}', '\u{202e}']);
    }
}
