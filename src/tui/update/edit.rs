//! Edit in place (`e`): which file and line the user's editor opens, and what the reader does
//! when it comes back. Running the editor is the loop's (`app.rs`): only it has the terminal.

use std::path::{Path, PathBuf};

use crate::briefing::Item;

use super::super::model::{Model, Overlay};
use super::save::{error, say};

/// A path as the status line may show it: never a control character.
fn shown(path: &Path) -> String {
    crate::briefing::sanitize::neutralize(&path.display().to_string()).into_owned()
}

/// A briefing file to open in the user's editor, at a line (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditRequest {
    pub path: PathBuf,
    pub line: usize,
}

/// `e`: asks the loop to open the focused item's file at its line.
pub(super) fn request(model: &mut Model) {
    let Some(item) = model.focused_item() else {
        error(model, "No briefing to edit".to_string());
        return;
    };
    let path = item.briefing().path.clone();
    let line = std::fs::read_to_string(&path)
        .map(|text| line_of(&text, &item))
        .unwrap_or(1);
    model.edit_request = Some(EditRequest { path, line });
}

/// The line of the file where `item` is written: its `id` when it has one written out, else
/// the line that holds the start of its text; the briefing itself at its first line.
pub fn line_of(text: &str, item: &Item<'_>) -> usize {
    let (id, words): (Option<&str>, &str) = match item {
        Item::Briefing(_) => return 1,
        Item::Judgment(_, j) => (Some(&j.id), &j.text),
        Item::Actor(_, a) => (Some(&a.id), &a.name),
        Item::Quote(_, q) => (Some(&q.id), &q.text),
        Item::Event(_, e) => (Some(&e.id), &e.text),
    };
    let lines: Vec<&str> = text.lines().collect();
    let find = |pred: &dyn Fn(&str) -> bool| lines.iter().position(|l| pred(l)).map(|i| i + 1);
    // `id = "x"` in TOML, `"id": "x"` in JSON (a derived id is written nowhere).
    let by_id = id.and_then(|id| {
        let quoted = format!("\"{id}\"");
        find(&|l: &str| {
            let l = l.trim_start();
            (l.starts_with("id") || l.starts_with("\"id\"")) && l.contains(&quoted)
        })
    });
    // The first few words of its text, as they would be written in a string.
    let start: String = words.chars().take(30).collect();
    let start = start.trim();
    by_id
        .or_else(|| {
            (!start.is_empty())
                .then(|| find(&|l: &str| l.contains(start)))
                .flatten()
        })
        .unwrap_or(1)
}

/// After the editor: the file is read again (the loader is asked to, for the list and every
/// view), and if the edit broke it the user sees its problems at once.
pub fn edited(model: &mut Model, path: &Path, outcome: Result<std::process::ExitStatus, String>) {
    model.reload_requested = true;
    if let Err(why) = outcome {
        error(model, why);
        return;
    }
    match crate::briefing::load(&[path.to_path_buf()]) {
        Ok(checked) if checked.failed.is_empty() => {
            say(model, format!("Edited {}: reloading", shown(path)));
        }
        Ok(checked) => {
            let errors = checked.errors();
            error(
                model,
                format!(
                    "{} has {errors} error(s) after the edit and is not shown; e edits it again",
                    shown(path)
                ),
            );
            model.overlay = Some(Overlay::Problems { scroll: 0 });
        }
        Err(e) => error(model, format!("cannot read {}: {}", shown(path), e.source)),
    }
}
