//! One line of text being typed: a note, a search, a filter.

/// A key while a text box has focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    Clear,
    /// Next / previous result, where the box has results (search).
    Next,
    Prev,
    /// Up / Down: an earlier / later query in the search and filter boxes.
    Up,
    Down,
    Save,
    Cancel,
}

/// The text and a cursor counted in characters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineEditor {
    pub text: String,
    pub cursor: usize,
}

impl LineEditor {
    pub fn new(text: String) -> LineEditor {
        LineEditor {
            cursor: text.chars().count(),
            text,
        }
    }

    fn byte(&self, at: usize) -> usize {
        self.text
            .char_indices()
            .nth(at)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Applies a text edit; true if the text changed. Control characters are never let in:
    /// whatever is typed may be drawn later.
    pub fn edit(&mut self, edit: Edit) -> bool {
        let len = self.text.chars().count();
        match edit {
            Edit::Insert(c) if !crate::briefing::sanitize::is_forbidden(c) && c != '\n' => {
                let at = self.byte(self.cursor);
                self.text.insert(at, if c == '\t' { ' ' } else { c });
                self.cursor += 1;
                true
            }
            Edit::Backspace if self.cursor > 0 => {
                let at = self.byte(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
                true
            }
            Edit::Delete if self.cursor < len => {
                let at = self.byte(self.cursor);
                self.text.remove(at);
                true
            }
            Edit::Clear if !self.text.is_empty() => {
                self.text.clear();
                self.cursor = 0;
                true
            }
            Edit::Left => {
                self.cursor = self.cursor.saturating_sub(1);
                false
            }
            Edit::Right => {
                self.cursor = (self.cursor + 1).min(len);
                false
            }
            Edit::Home => {
                self.cursor = 0;
                false
            }
            Edit::End => {
                self.cursor = len;
                false
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_by_character_not_byte() {
        let mut e = LineEditor::new("قاآني".into());
        assert_eq!(e.cursor, 5);
        e.edit(Edit::Left);
        e.edit(Edit::Backspace);
        assert_eq!(e.text, "قاآي");
        e.edit(Edit::Home);
        e.edit(Edit::Insert('x'));
        e.edit(Edit::Delete);
        assert_eq!(e.text, "xاآي");
        assert!(!e.edit(Edit::Insert('\u{1b}')));
        e.edit(Edit::End);
        e.edit(Edit::Insert('\t'));
        assert_eq!(e.text, "xاآي ");
        assert!(e.edit(Edit::Clear));
        assert_eq!((e.text.as_str(), e.cursor), ("", 0));
    }
}
