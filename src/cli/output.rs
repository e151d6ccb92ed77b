//! Small helpers shared by the commands: counting words, measuring and fitting text to
//! columns, TLP colours, Markdown escaping.

use crate::briefing::Handling;

/// `1 actor`, `2 actors`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

pub use crate::text::{pad, truncate, width, wrap_indented as wrap};

/// `TLP:AMBER`.
pub fn tlp(handling: Handling) -> String {
    format!("TLP:{}", handling.as_str())
}

/// The TLP marking in its TLP 2.0 colour (on black), for a terminal.
pub fn tlp_colored(handling: Handling) -> String {
    let fg = match handling {
        Handling::Red => "38;2;255;43;43",
        Handling::Amber | Handling::AmberStrict => "38;2;255;192;0",
        Handling::Green => "38;2;51;255;0",
        Handling::Clear => "38;2;255;255;255",
    };
    format!("\x1b[1;{fg};48;2;0;0;0m{}\x1b[0m", tlp(handling))
}

/// How restrictive a marking is, to pick the highest among several.
pub fn tlp_rank(handling: Handling) -> u8 {
    match handling {
        Handling::Clear => 0,
        Handling::Green => 1,
        Handling::Amber => 2,
        Handling::AmberStrict => 3,
        Handling::Red => 4,
    }
}

/// Text made safe for Markdown: characters with a meaning there are backslash-escaped, and a
/// line that would start a heading, list or quote is defused.
pub fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        out.push_str(&line[..line.len() - trimmed.len()]);
        for (j, c) in trimmed.chars().enumerate() {
            let escape = matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~'
            ) || (j == 0 && matches!(c, '#' | '-' | '+' | '='));
            if escape {
                out.push('\\');
            }
            out.push(c);
        }
    }
    escape_numbered(&out)
}

/// `12. text` at the start of a line would become a numbered list: escape its dot.
fn escape_numbered(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            let trimmed = line.trim_start();
            let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 && matches!(trimmed.as_bytes().get(digits), Some(b'.' | b')')) {
                let at = line.len() - trimmed.len() + digits;
                format!("{}\\{}", &line[..at], &line[at..])
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub use crate::suggest::suggestions;

/// `; did you mean: a, b` or nothing.
pub fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        return String::new();
    }
    format!("; did you mean: {}", suggestions.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_never_exceeds_width() {
        let text = format!(
            "{} 日本語のテキストはとても長いです。日本語のテキストはとても長いです。\tend",
            "x".repeat(100)
        );
        for w in 20..60 {
            for line in wrap(&text, w, "  - ", "    ") {
                assert!(width(&line) <= w, "{w}: {line:?}");
            }
        }
    }

    #[test]
    fn truncate_fits() {
        assert_eq!(truncate("hello world", 8), "hello w…");
        assert_eq!(truncate("日本語日本語", 5), "日本…");
        assert_eq!(truncate("short", 10), "short");
    }

    #[test]
    fn markdown_is_escaped() {
        assert_eq!(md("# not a heading"), "\\# not a heading");
        assert_eq!(md("a *b* [c](d)"), "a \\*b\\* \\[c\\](d)");
        assert_eq!(md("1. first"), "1\\. first");
        assert_eq!(md("al-Amiri"), "al-Amiri");
    }
}
