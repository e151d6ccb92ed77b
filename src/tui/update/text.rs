//! Keys typed into a text box: a flag's note, a search, the list's filter.

use crate::search::Filter;
use crate::store::Change;
use crate::store::history::QueryBox;

use super::super::input::{Edit, LineEditor, note_text_width};
use super::super::model::{FilterBox, LastSearch, Model, NoteEditor, Overlay, SearchBox};
use super::save::{error, save_in, say};
use super::{complete_selected, flag, jump, refresh_visible};

/// How many search results are kept for the list (the count covers all).
const SHOWN_RESULTS: usize = 200;

/// A key while a text box is open.
pub fn edit_input(model: &mut Model, edit: Edit) {
    match model.overlay.take() {
        Some(Overlay::Note(note)) => note_key(model, note, edit),
        Some(Overlay::Search(search)) => search_key(model, search, edit),
        Some(Overlay::Filter(filter)) => filter_key(model, filter, edit),
        Some(Overlay::Assign(picker)) => model.overlay = super::assign::key(model, picker, edit),
        other => model.overlay = other,
    }
    // A filter narrowing as it is typed may select another briefing, shown beside the box:
    // it is read in full like any selection, never drawn from its list fields alone.
    complete_selected(model);
    super::prepare_view(model);
}

fn note_key(model: &mut Model, mut note: NoteEditor, edit: Edit) {
    match edit {
        Edit::Cancel => model.overlay = note.back.map(|b| *b),
        Edit::Save => {
            save_note(model, &note);
            model.overlay = note.back.map(|b| *b);
        }
        _ => {
            // Rows (for Up, Down, Home, End) as the window shows them at this size.
            note.input.edit(edit, note_text_width(model.size.0));
            model.overlay = Some(Overlay::Note(note));
        }
    }
}

fn save_note(model: &mut Model, editor: &NoteEditor) {
    let key = editor.target.to_string();
    let note = editor.input.text.trim().to_string();
    let flagged = model.flag_status(&key).is_some();
    let mut kept_private = None;
    if !flagged {
        match flag(model, &editor.target) {
            Some(why) => kept_private = why,
            None => {
                if model.status.is_none() {
                    error(
                        model,
                        format!("{key} no longer exists; the note was not saved"),
                    );
                }
                return;
            }
        }
    }
    let (journal, _) = super::team::journal_for(model, &editor.target);
    if save_in(
        model,
        journal,
        Change::Note {
            target: key.clone(),
            note,
        },
    ) {
        let text = match kept_private {
            Some(why) => format!("Note saved; {why} · {key}"),
            None => format!("Note saved on {key}"),
        };
        say(model, text);
    }
}

/// Keeps a query for Up / Down in later boxes and sessions. History is a convenience: if it
/// cannot be written the query is still recalled in this session, and the user is told.
fn remember(model: &mut Model, kind: QueryBox, query: &str) {
    if let Err(e) = model.history.record(kind, query) {
        error(model, format!("Query history not saved: {e}"));
    }
}

/// Runs the box's query against the index.
pub(super) fn run_search(model: &mut Model, search: &mut SearchBox) {
    let query = search.input.text.clone();
    if model.search_waits() {
        search.matches = Default::default();
        return;
    }
    search.matches = model.search_index().search(&query, SHOWN_RESULTS);
    search.selected = 0;
    read_results_shown(model, search);
}

/// The results show their items' text: read in full the briefings of those that can be on
/// screen around the selected one (a screen's worth either side), not of all of them: a
/// keystroke reads a few files, not hundreds.
fn read_results_shown(model: &mut Model, search: &SearchBox) {
    let rows = model.size.1 as usize;
    let hits = &search.matches.hits;
    let from = search.selected.saturating_sub(rows);
    let to = (search.selected + rows).min(hits.len());
    let mut shown: Vec<usize> = hits[from.min(to)..to].iter().map(|h| h.briefing).collect();
    shown.dedup();
    for briefing in shown {
        super::read_in_full(model, briefing);
    }
}

fn search_key(model: &mut Model, mut search: SearchBox, edit: Edit) {
    let n = search.matches.hits.len();
    // One line: Enter is what saves.
    let edit = if edit == Edit::Enter {
        Edit::Save
    } else {
        edit
    };
    match edit {
        Edit::Cancel => remember(model, QueryBox::Search, &search.input.text),
        Edit::Up | Edit::Down => {
            let entries = model.history.entries(QueryBox::Search);
            if let Some(text) = search
                .recall
                .step(entries, &search.input.text, edit == Edit::Up)
            {
                search.input = LineEditor::new(text);
                run_search(model, &mut search);
            }
            model.overlay = Some(Overlay::Search(search));
        }
        Edit::Next => {
            search.selected = (search.selected + 1).min(n.saturating_sub(1));
            read_results_shown(model, &search);
            model.overlay = Some(Overlay::Search(search));
        }
        Edit::Prev => {
            search.selected = search.selected.saturating_sub(1);
            read_results_shown(model, &search);
            model.overlay = Some(Overlay::Search(search));
        }
        Edit::Save => {
            let hit = search.matches.hits.get(search.selected).copied();
            if let Some(hit) = hit {
                super::read_in_full(model, hit.briefing);
            }
            let target = match (hit, model.search_index.as_ref()) {
                (Some(hit), Some(index)) => Some(index.target(&model.library, &hit)),
                _ => None,
            };
            remember(model, QueryBox::Search, &search.input.text);
            model.last_search = Some(LastSearch {
                query: search.input.text.clone(),
                matches: search.matches.clone(),
                at: search.selected,
            });
            match target {
                Some(target) => {
                    jump(model, &target);
                    say(
                        model,
                        format!(
                            "Match {} of {n}: n / N for the next / previous",
                            search.selected + 1
                        ),
                    );
                }
                None => {
                    model.overlay = Some(Overlay::Search(search));
                }
            }
        }
        _ => {
            if search.input.edit(edit) {
                search.recall.reset();
                run_search(model, &mut search);
            }
            model.overlay = Some(Overlay::Search(search));
        }
    }
}

fn filter_key(model: &mut Model, mut filter: FilterBox, edit: Edit) {
    let edit = if edit == Edit::Enter {
        Edit::Save
    } else {
        edit
    };
    match edit {
        Edit::Cancel => {
            // The list as it was before the box opened.
            let (before, selected, cursor) = filter.before;
            model.filter = before;
            refresh_visible(model);
            if model.visible.contains(&selected) {
                model.selected = selected;
                model.cursor = cursor;
            }
        }
        Edit::Up | Edit::Down => {
            let entries = model.history.entries(QueryBox::Filter);
            if let Some(text) = filter
                .recall
                .step(entries, &filter.input.text, edit == Edit::Up)
            {
                filter.input = LineEditor::new(text);
                apply_as_typed(model, &mut filter, true);
            }
            model.overlay = Some(Overlay::Filter(filter));
        }
        Edit::Save => {
            apply_as_typed(model, &mut filter, false);
            if filter.error.is_some() {
                model.overlay = Some(Overlay::Filter(filter));
                return;
            }
            let Some((text, parsed)) = &model.filter else {
                return;
            };
            let text = text.clone();
            let waits = model.filter_waits(parsed);
            remember(model, QueryBox::Filter, &text);
            let (shown, all) = (model.visible.len(), model.library.briefings.len());
            let text = if waits {
                "Still reading the briefings: the filter applies when they are all read".to_string()
            } else {
                format!("{shown} of {all} briefings match; Esc in the list clears the filter")
            };
            say(model, text);
        }
        _ => {
            if filter.input.edit(edit) {
                filter.recall.reset();
                apply_as_typed(model, &mut filter, true);
            }
            model.overlay = Some(Overlay::Filter(filter));
        }
    }
}

/// Applies the query in the box to the list when it parses; when it does not, says why and
/// leaves the list on the last query that did. While typing (`typing`), a query on what the
/// briefings say waits for Enter in a library too large to read on every keystroke.
fn apply_as_typed(model: &mut Model, filter: &mut FilterBox, typing: bool) {
    let text = filter.input.text.trim().to_string();
    match Filter::parse(&text) {
        Ok(parsed) => {
            filter.error = None;
            let all = model.library.briefings.len();
            // The search index answers at any size; without it the files must be read.
            let indexed = model.index_answers();
            if typing && parsed.needs_content() && !indexed && all > model.live_content_filter_max {
                say(
                    model,
                    format!("Enter applies it: words and actor: read all {all} briefings"),
                );
                return;
            }
            let next = (!parsed.is_empty()).then_some((text, parsed));
            if model.filter != next {
                model.filter = next;
                refresh_visible(model);
            }
        }
        Err(e) => filter.error = Some(e.message),
    }
}
