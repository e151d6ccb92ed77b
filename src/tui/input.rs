//! Text being typed: one line (a search, a filter) or several (a flag's note).

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
    /// Up / Down: an earlier / later query in the search and filter boxes; the row above /
    /// below in the note editor.
    Up,
    Down,
    /// Enter: a new line in the note editor, what `Save` does in one-line boxes.
    Enter,
    /// Ctrl-s, Alt-Enter, Ctrl-Enter (where the terminal tells it from Enter).
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

    fn insert(&mut self, c: char) {
        let at = self.byte(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Applies a text edit; true if the text changed. Control characters are never let in:
    /// whatever is typed may be drawn later.
    pub fn edit(&mut self, edit: Edit) -> bool {
        let len = self.text.chars().count();
        match edit {
            Edit::Insert(c) if !crate::briefing::sanitize::is_forbidden(c) && c != '\n' => {
                self.insert(if c == '\t' { ' ' } else { c });
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

/// The note editor's widest window, in columns.
pub const NOTE_WINDOW: u16 = 76;

/// Columns a note's text is wrapped to in a terminal `columns` wide: the window less its
/// borders and margins, and one column for the cursor after the end of a full row.
pub fn note_text_width(columns: u16) -> usize {
    (NOTE_WINDOW.min(columns.saturating_sub(2)) as usize)
        .saturating_sub(5)
        .max(1)
}

/// Text of several lines being typed (a flag's note): wrapped to the box's width as it is
/// typed, so all of it stays in view; Enter starts a new line. The cursor is counted in
/// characters; the rows are worked out from the text and the width whenever needed, so
/// nothing about the layout is stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextArea {
    pub text: String,
    pub cursor: usize,
}

/// One row of a [`TextArea`] on screen: characters `start..end` of the text (a newline ending
/// it is not part of it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub start: usize,
    pub end: usize,
    /// The text goes on in the next row without a newline (the row was wrapped).
    pub wrapped: bool,
}

impl TextArea {
    pub fn new(text: String) -> TextArea {
        TextArea {
            cursor: text.chars().count(),
            text,
        }
    }

    /// The rows of the text at `width` columns: a row ends at a newline or, when it would be
    /// wider, after its last space (inside a word only if it has none).
    pub fn rows(&self, width: usize) -> Vec<Row> {
        use unicode_width::UnicodeWidthChar;
        let width = width.max(1);
        let chars: Vec<char> = self.text.chars().collect();
        let w = |c: char| c.width().unwrap_or(0);
        let mut rows = Vec::new();
        let (mut start, mut used, mut after_space) = (0, 0, None);
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '\n' {
                rows.push(Row {
                    start,
                    end: i,
                    wrapped: false,
                });
                (start, used, after_space) = (i + 1, 0, None);
                i += 1;
                continue;
            }
            if used + w(c) > width && i > start {
                let end = after_space.filter(|&s| s > start).unwrap_or(i);
                rows.push(Row {
                    start,
                    end,
                    wrapped: true,
                });
                start = end;
                used = chars[start..i].iter().map(|&c| w(c)).sum();
                after_space = None;
                continue;
            }
            used += w(c);
            if c == ' ' {
                after_space = Some(i + 1);
            }
            i += 1;
        }
        rows.push(Row {
            start,
            end: chars.len(),
            wrapped: false,
        });
        rows
    }

    /// The row the cursor is on and its column (in terminal columns) at `width`.
    pub fn cursor_position(&self, width: usize) -> (usize, usize) {
        use unicode_width::UnicodeWidthStr;
        let rows = self.rows(width);
        let row = rows
            .iter()
            .rposition(|r| r.start <= self.cursor)
            .unwrap_or(0);
        let r = rows[row];
        let before: String = self
            .text
            .chars()
            .skip(r.start)
            .take(self.cursor.saturating_sub(r.start))
            .collect();
        (row, before.width())
    }

    /// The last place the cursor can be on a row: its end, or before the start of the next row
    /// when the row was wrapped (that place is shown at the start of the next row).
    fn row_last(r: Row) -> usize {
        if r.wrapped && r.end > r.start {
            r.end - 1
        } else {
            r.end
        }
    }

    /// Applies an edit in a box `width` columns wide (rows matter for Up, Down, Home, End);
    /// true if the text changed. Control characters are never let in; a newline only by Enter.
    pub fn edit(&mut self, edit: Edit, width: usize) -> bool {
        use unicode_width::UnicodeWidthChar;
        let len = self.text.chars().count();
        match edit {
            Edit::Enter => self.by_character(|line| {
                line.insert('\n');
                true
            }),
            Edit::Home | Edit::End => {
                let rows = self.rows(width);
                let (row, _) = self.cursor_position(width);
                let r = rows[row];
                self.cursor = if edit == Edit::Home {
                    r.start
                } else {
                    TextArea::row_last(r)
                };
                false
            }
            Edit::Up | Edit::Down => {
                let rows = self.rows(width);
                let (row, column) = self.cursor_position(width);
                let target = if edit == Edit::Up {
                    row.checked_sub(1)
                } else {
                    Some(row + 1).filter(|&r| r < rows.len())
                };
                // On the first / last row, Up / Down go to its start / end, as text boxes do.
                let Some(target) = target else {
                    self.cursor = if edit == Edit::Up { 0 } else { len };
                    return false;
                };
                let r = rows[target];
                let mut at = r.start;
                let mut used = 0;
                for c in self.text.chars().skip(r.start).take(r.end - r.start) {
                    let w = c.width().unwrap_or(0);
                    if used + w > column {
                        break;
                    }
                    used += w;
                    at += 1;
                }
                self.cursor = at.min(TextArea::row_last(r));
                false
            }
            // Typing, deleting and moving by a character are what a line does.
            _ => self.by_character(|line| line.edit(edit)),
        }
    }

    /// Runs a one-line edit on the text and cursor, which are counted the same way.
    fn by_character(&mut self, edit: impl FnOnce(&mut LineEditor) -> bool) -> bool {
        let mut line = LineEditor {
            text: std::mem::take(&mut self.text),
            cursor: self.cursor,
        };
        let changed = edit(&mut line);
        (self.text, self.cursor) = (line.text, line.cursor);
        changed
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

    fn rows_text(area: &TextArea, width: usize) -> Vec<String> {
        let chars: Vec<char> = area.text.chars().collect();
        area.rows(width)
            .iter()
            .map(|r| chars[r.start..r.end].iter().collect())
            .collect()
    }

    #[test]
    fn a_note_wraps_at_spaces_and_keeps_its_newlines() {
        let area = TextArea::new("ask the desk about it\nthen call".into());
        assert_eq!(
            rows_text(&area, 10),
            ["ask the ", "desk ", "about it", "then call"]
        );
        assert_eq!(area.cursor_position(10), (3, 9));
        let long = TextArea::new("abcdefghijkl".into());
        assert_eq!(rows_text(&long, 5), ["abcde", "fghij", "kl"]);
        assert_eq!(rows_text(&TextArea::new(String::new()), 5), [""]);
        assert_eq!(rows_text(&TextArea::new("a\n".into()), 5), ["a", ""]);
        assert_eq!(TextArea::new("a\n".into()).cursor_position(5), (1, 0));
    }

    #[test]
    fn enter_up_down_home_end_move_by_rows() {
        let mut area = TextArea::default();
        for c in "first line".chars() {
            area.edit(Edit::Insert(c), 20);
        }
        assert!(area.edit(Edit::Enter, 20));
        for c in "second".chars() {
            area.edit(Edit::Insert(c), 20);
        }
        assert_eq!(area.text, "first line\nsecond");
        area.edit(Edit::Up, 20);
        assert_eq!(area.cursor_position(20), (0, 6));
        area.edit(Edit::Home, 20);
        area.edit(Edit::Insert('>'), 20);
        assert_eq!(area.text, ">first line\nsecond");
        area.edit(Edit::End, 20);
        area.edit(Edit::Down, 20);
        assert_eq!(area.cursor_position(20), (1, 6), "the end of a shorter row");
        area.edit(Edit::Down, 20);
        assert_eq!(area.cursor, area.text.chars().count());
        assert!(!area.edit(Edit::Insert('\u{1b}'), 20));
        assert!(
            !area.edit(Edit::Insert('\n'), 20),
            "only Enter makes a new line"
        );
        // Within a wrapped row, End stops before the space that starts the next row.
        let mut wrapped = TextArea::new("one two three".into());
        wrapped.cursor = 0;
        wrapped.edit(Edit::End, 8);
        assert_eq!(wrapped.cursor_position(8), (0, 7));
    }
}
