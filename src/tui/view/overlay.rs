//! Windows over the panes: help, the follow-up list, load problems, one item, the note editor.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Clear, List, ListItem, ListState, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::briefing::sanitize::neutralize;
use crate::briefing::{Item, Target};
use crate::followup::FollowUp;
use crate::store::FlagStatus;

use super::super::input::{LineEditor, NOTE_WINDOW, TextArea, note_text_width};
use super::super::model::{Model, NoteEditor, Overlay, ViewState};
use super::super::text::{input_view, note_row, truncate, wrap, wrap_styled};
use crate::keymap::{Action, Scope};

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, view: &mut ViewState) {
    if let Some(overlay) = &model.overlay {
        draw_overlay(frame, area, model, view, overlay);
    }
}

fn draw_overlay(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    view: &mut ViewState,
    overlay: &Overlay,
) {
    match overlay {
        Overlay::Help { scroll } => {
            // Every line is wrapped to the window: none is ever cut.
            let lines = help_lines(model, area.width.min(HELP_WIDTH).saturating_sub(4) as usize);
            text_window(
                frame,
                area,
                model,
                view,
                " Help: keys in force (j/k scroll, Esc closes) ",
                lines,
                *scroll,
                HELP_WIDTH,
            );
        }
        Overlay::Problems { scroll } => {
            let lines = problem_lines(model, area.width.saturating_sub(6) as usize);
            text_window(
                frame,
                area,
                model,
                view,
                " Problems (Esc closes; brief check lists them too) ",
                lines,
                *scroll,
                100,
            );
        }
        Overlay::Item { target, scroll } => {
            let lines = item_lines(model, target, area.width.min(90).saturating_sub(4) as usize);
            let mut keys = vec![(Action::ToggleFlag, "flag"), (Action::EditNote, "note")];
            if model.team.is_some() {
                keys.push((Action::Assign, "assign"));
            }
            keys.push((Action::Back, "back"));
            text_window(
                frame,
                area,
                model,
                view,
                &format!(" Item ({}) ", model.keymap.hints(&keys, false, ": ", ", ")),
                lines,
                *scroll,
                90,
            );
        }
        Overlay::FollowUp { selected } => follow_up(frame, area, model, view, *selected),
        Overlay::Note(editor) => note(frame, area, model, editor),
        Overlay::Search(search) => super::search::search(frame, area, model, view, search),
        Overlay::Filter(filter) => super::search::filter(frame, area, model, view, filter),
        Overlay::Dossier { actor, selected } => {
            super::search::dossier(frame, area, model, view, *actor, *selected)
        }
        Overlay::Assign(picker) => {
            // Over the window it was opened from (the dossier, the follow-up view, an item),
            // so that the row being assigned stays in sight around it.
            if let Some(back) = &picker.back {
                draw_overlay(frame, area, model, view, back);
            }
            super::assign::draw(frame, area, model, picker);
        }
    }
}

pub(super) fn window(area: Rect, max_width: u16, height: u16) -> Rect {
    let width = max_width.min(area.width.saturating_sub(2));
    let height = height.min(area.height.saturating_sub(2));
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(row);
    rect
}

/// Empties a window's area before it is drawn. A wide character just left of it (a CJK name in
/// the pane below) would otherwise cover the window's left border on screen: it is blanked too.
pub(super) fn clear(frame: &mut Frame, rect: Rect) {
    frame.render_widget(Clear, rect);
    if rect.x == 0 {
        return;
    }
    let buffer = frame.buffer_mut();
    for y in rect.top()..rect.bottom() {
        let cell = &mut buffer[(rect.x - 1, y)];
        if cell.symbol().width() > 1 {
            cell.set_symbol(" ");
        }
    }
}

pub(super) fn frame_block<'a>(model: &Model, title: &'a str) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Double)
        .border_style(model.theme.focused_border())
        .title(Span::styled(title, model.theme.title()))
}

#[allow(clippy::too_many_arguments)]
fn text_window(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    view: &mut ViewState,
    title: &str,
    lines: Vec<Line<'static>>,
    scroll: usize,
    max_width: u16,
) {
    let rect = window(area, max_width, area.height.saturating_sub(2));
    let inner_height = rect.height.saturating_sub(2) as usize;
    view.overlay_max_scroll = lines.len().saturating_sub(inner_height);
    let scroll = scroll.min(view.overlay_max_scroll);
    clear(frame, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(frame_block(model, title))
            .scroll((scroll as u16, 0)),
        rect,
    );
}

/// The help window's widest: room for the longest description at 200 columns.
const HELP_WIDTH: u16 = 90;

fn help_lines(model: &Model, width: usize) -> Vec<Line<'static>> {
    let theme = model.theme;
    let section = |title: &str, rows: Vec<(String, &'static str)>| {
        let mut lines = vec![Line::styled(title.to_string(), theme.title())];
        let keys_width = rows.iter().map(|r| r.0.width()).max().unwrap_or(0);
        // Narrow windows give the keys less room rather than leave none for what they do.
        let keys_width = keys_width.min(width / 3);
        for (keys, what) in rows {
            let prefix = if keys.width() > keys_width {
                // Keys too long for the column: on a line of their own, the words under them.
                lines.extend(wrap_styled(
                    vec![Span::raw("  ")],
                    &keys,
                    theme.key(),
                    width,
                ));
                " ".repeat(keys_width + 4)
            } else {
                format!("  {keys:<keys_width$}  ")
            };
            lines.extend(wrap_styled(
                vec![Span::styled(prefix, theme.key())],
                what,
                theme.base(),
                width,
            ));
        }
        lines.push(Line::raw(""));
        lines
    };
    let mut lines = section("Reader", model.keymap.help(Scope::Reader));
    lines.extend(section(
        "Follow-up list (F): also",
        model.keymap.help(Scope::FollowUp),
    ));
    lines.extend(section(
        "Note editor",
        vec![
            ("Ctrl-s / Alt-Enter".into(), "save the note"),
            ("Enter".into(), "a new line"),
            ("Esc".into(), "cancel"),
            ("Ctrl-u".into(), "clear"),
            ("arrows / Home / End".into(), "move"),
        ],
    ));
    lines.extend(section(
        "Search and filter boxes",
        vec![
            ("Up / Down".into(), "earlier / later queries"),
            ("Tab / Shift-Tab".into(), "next / previous result (search)"),
        ],
    ));
    lines.extend(wrap_styled(
        Vec::new(),
        "Markers: ⚑ flagged  ✓ done  ✎ note  • unread  ▶ focused pane",
        theme.dim(),
        width,
    ));
    lines.extend(wrap_styled(
        Vec::new(),
        &format!(
            "Flags are saved at once in {}",
            model.store.path().display()
        ),
        theme.dim(),
        width,
    ));
    lines
}

fn problem_lines(model: &Model, width: usize) -> Vec<Line<'static>> {
    let theme = model.theme;
    if model.library.problems.is_empty() {
        return vec![Line::raw("Every file loaded cleanly.")];
    }
    let mut lines = vec![Line::raw(format!(
        "{} file(s) failed to load; {} problem(s) in all.",
        model.library.failed.len(),
        model.library.problems.len()
    ))];
    for p in &model.library.problems {
        lines.push(Line::raw(""));
        let style = if p.is_error() {
            theme.error()
        } else {
            theme.warning()
        };
        lines.extend(
            wrap(&p.to_string(), width)
                .into_iter()
                .map(|l| Line::styled(l, style)),
        );
        if let Some(e) = &p.excerpt {
            lines.push(Line::styled(
                format!("  | {}", truncate(&e.text, width.saturating_sub(4))),
                theme.dim(),
            ));
        }
        if let Some(h) = &p.hint {
            lines.extend(
                wrap(&format!("  help: {h}"), width)
                    .into_iter()
                    .map(Line::raw),
            );
        }
    }
    lines
}

fn field(lines: &mut Vec<Line<'static>>, model: &Model, label: &str, value: &str, width: usize) {
    let prefix = vec![Span::styled(format!("{label:>12}: "), model.theme.label())];
    lines.extend(wrap_styled(prefix, value, model.theme.base(), width));
}

fn item_lines(model: &Model, target: &Target, width: usize) -> Vec<Line<'static>> {
    let Some(item) = model.library.resolve(target) else {
        return vec![Line::raw("This item no longer exists.")];
    };
    let mut lines = Vec::new();
    let mut f = |label: &str, value: &str| field(&mut lines, model, label, value, width);
    let b = item.briefing();
    match item {
        Item::Briefing(_) => f("title", &b.title),
        Item::Judgment(_, j) => {
            f("judgment", &j.text);
            if let Some(l) = j.likelihood {
                f("likelihood", l.as_str())
            }
            if let Some(c) = j.confidence {
                f("confidence", c.as_str())
            }
            if let Some(n) = &j.note {
                f("note", n)
            }
        }
        Item::Actor(_, a) => {
            f("name", &a.name);
            f("kind", a.kind.as_str());
            if let Some(r) = &a.role {
                f("role", r)
            }
            if let Some(x) = &a.affiliation {
                let shown = b
                    .actor(x)
                    .map_or(x.clone(), |o| format!("{} ({x})", o.name));
                f("affiliation", &shown)
            }
            if !a.aliases.is_empty() {
                f("aliases", &a.aliases.join(", "))
            }
            if a.anonymous {
                f("anonymous", "yes: an unnamed source")
            }
            if let Some(n) = &a.note {
                f("note", n)
            }
            let quotes = b.quotes_by(&a.id).count();
            let about = b.quotes.iter().filter(|q| q.about.contains(&a.id)).count();
            let events = b.events.iter().filter(|e| e.actors.contains(&a.id)).count();
            f(
                "appears",
                &format!("{quotes} quotes by, {about} quotes about, {events} events"),
            );
        }
        Item::Quote(_, q) => {
            f("speaker", b.speaker_name(q));
            f("text", &q.text);
            f("mode", q.mode.as_str());
            if let Some(c) = &q.context {
                f("context", c)
            }
            if let Some(d) = q.said {
                f("said", &d.to_string())
            }
            if let Some(s) = q.source.as_deref().and_then(|s| b.source(s)) {
                f("source", &s.name)
            }
            if !q.about.is_empty() {
                let names: Vec<&str> = q
                    .about
                    .iter()
                    .map(|id| b.actor(id).map_or(id.as_str(), |a| a.name.as_str()))
                    .collect();
                f("about", &names.join(", "))
            }
            if let Some(c) = q.credibility {
                f("credibility", &c.to_string())
            }
            if let Some(n) = &q.note {
                f("note", n)
            }
        }
        Item::Event(_, e) => {
            f("date", &e.date.to_string());
            f("text", &e.text);
            if !e.actors.is_empty() {
                let names: Vec<&str> = e
                    .actors
                    .iter()
                    .map(|id| b.actor(id).map_or(id.as_str(), |a| a.name.as_str()))
                    .collect();
                f("actors", &names.join(", "))
            }
            if let Some(c) = e.credibility {
                f("credibility", &c.to_string())
            }
            if let Some(n) = &e.note {
                f("note", n)
            }
        }
    }
    let key = target.to_string();
    f("target", &key);
    match model.flag_status(&key) {
        Some(FlagStatus::Open) => f("flag", "⚑ open"),
        Some(FlagStatus::Done) => f("flag", "✓ done"),
        None => f("flag", "not flagged (f flags it)"),
    }
    let note = model.note(&key);
    if !note.is_empty() {
        f("flag note", &note);
    }
    lines
}

fn follow_up(frame: &mut Frame, area: Rect, model: &Model, view: &mut ViewState, selected: usize) {
    let theme = model.theme;
    let rect = window(area, 110, area.height.saturating_sub(2));
    let width = rect.width.saturating_sub(4) as usize;
    // Built when the view opened or the flags changed (`update::prepare_view`), never here.
    let all = &model.follow_up_rows;
    let open = all.open;
    // With a team, the title says whose follow-ups these are and how to switch.
    let whose = match &model.team {
        Some(session) => match model.keymap.key(Action::TeamView, true) {
            Some(key) => format!(" ({}; {key} switches)", session.scope.title()),
            None => format!(" ({})", session.scope.title()),
        },
        None => String::new(),
    };
    let mut keys = vec![
        (Action::Open, "go"),
        (Action::ToggleDone, "done"),
        (Action::ToggleFlag, "remove"),
        (Action::EditNote, "note"),
    ];
    if model.team.is_some() {
        keys.push((Action::Assign, "assign"));
    }
    keys.push((Action::Back, ""));
    let counts = format!(
        " Follow-up{whose}: {open} open, {} done ",
        all.rows.len() - open
    );
    let hints: Vec<String> = keys
        .iter()
        .map(|&key| model.keymap.hints(&[key], true, ": ", ""))
        .filter(|hint| !hint.is_empty())
        .collect();
    clear(frame, rect);
    let block = titled_with_keys(frame_block(model, ""), model, rect, &counts, &hints);
    if all.rows.is_empty() {
        let text = vec![
            Line::raw("Nothing flagged yet."),
            Line::raw(""),
            Line::styled(
                "Press f on a briefing, actor, quote, event or judgment to flag it.",
                theme.dim(),
            ),
        ];
        frame.render_widget(Paragraph::new(text).block(block), rect);
        return;
    }
    // Only the rows that can be on screen are made into lines: a screen's height of rows either
    // side of the selection (every row takes at least two lines). The list's offset is kept in
    // row numbers of the whole list, and handed to the widget relative to this window.
    let selected = selected.min(all.rows.len() - 1);
    let reach = usize::from(rect.height).max(1);
    let from = selected.saturating_sub(reach);
    let to = (selected + reach + 1).min(all.rows.len());
    let items: Vec<ListItem> = all.rows[from..to]
        .iter()
        .map(|row| match model.follow_up(all, row) {
            Some(r) => follow_up_item(model, &r, width),
            // Gone since the rows were built: they are built again on the next change.
            None => ListItem::new(Line::styled(
                truncate(
                    &format!("  {} (changed, refreshing)", neutralize(all.target(row))),
                    width,
                ),
                theme.dim(),
            )),
        })
        .collect();
    let offset = view.follow_up.offset().clamp(from, selected);
    let mut state = ListState::default()
        .with_offset(offset - from)
        .with_selected(Some(selected - from));
    let list = List::new(items)
        .block(block)
        .highlight_style(theme.selected());
    frame.render_stateful_widget(list, rect, &mut state);
    *view.follow_up.offset_mut() = from + state.offset();
    view.follow_up.select(Some(selected));
}

/// One flag of the follow-up view: its kind and briefing, where it is when not here, the item,
/// its note, and who flagged it, for whom, and who did it.
fn follow_up_item(model: &Model, r: &FollowUp, width: usize) -> ListItem<'static> {
    let theme = model.theme;
    let (marker, style) = match r.status {
        FlagStatus::Open => ("⚑ ", theme.flag()),
        FlagStatus::Done => ("✓ ", theme.done()),
    };
    // The tag is short and the title gives way to it, so it is never cut off.
    let tag = if r.orphaned {
        Some((" [orphaned]", theme.orphaned()))
    } else if r.elsewhere() {
        Some((" [not loaded here]", theme.warning()))
    } else if r.changed {
        Some((" [changed]", theme.warning()))
    } else {
        None
    };
    let tag_width = tag.map_or(0, |(t, _)| t.width());
    let mut head = vec![
        Span::styled(marker, style),
        Span::styled(format!("{:<9}", r.kind()), theme.label()),
        Span::styled(
            truncate(&r.title, width.saturating_sub(12 + tag_width)),
            theme.title(),
        ),
    ];
    head.extend(tag.map(|(t, style)| Span::styled(t, style)));
    let mut lines = vec![Line::from(head)];
    // Where it is, in full, when it is not simply here: which folder it was flagged in.
    if let Some(whereabouts) = r.whereabouts() {
        let style = if r.orphaned {
            theme.orphaned()
        } else {
            theme.warning()
        };
        lines.extend(wrap_styled(
            vec![Span::raw("  ")],
            &whereabouts,
            style,
            width,
        ));
    }
    lines.extend(
        wrap_styled(vec![Span::raw("  ")], &r.text, theme.base(), width)
            .into_iter()
            .take(3),
    );
    if !r.note.is_empty() {
        lines.extend(wrap_styled(
            vec![Span::raw("  "), Span::styled("✎ ", theme.flag())],
            &r.note,
            theme.flag(),
            width,
        ));
    }
    let when = r.created.get(..16).unwrap_or(&r.created).replace('T', " ");
    let mut meta = format!("  flagged {when}");
    // Member names are checked names (letters, digits, `.`, `_`, `-`); the target is text a
    // member's journal holds, neutralised like any.
    if let Some(by) = &r.by {
        meta.push_str(&format!(" by {by}"));
    }
    if let Some(to) = &r.assigned_to {
        meta.push_str(&format!(" → {to}"));
    }
    if let Some(done_by) = &r.done_by {
        meta.push_str(&format!(" · done by {done_by}"));
    }
    // As `brief flags` says it: in a team, a flag no other member can see.
    if r.private {
        meta.push_str(" (private)");
    }
    meta.push_str(&format!(" · {}", neutralize(&r.target)));
    lines.push(Line::styled(truncate(&meta, width), theme.dim()));
    ListItem::new(Text::from(lines))
}

fn note(frame: &mut Frame, area: Rect, model: &Model, editor: &NoteEditor) {
    let theme = model.theme;
    // The same width the editor moves by (Up, Down, Home, End), so rows agree.
    let text_width = note_text_width(area.width);
    let rows = editor.input.rows(text_width).len();
    // The item, a blank line, the text, the keys and the borders: the text gets what is left
    // of the screen, up to 12 rows, and at least 3 so the box looks like one.
    let room = (area.height as usize).saturating_sub(2 + 5).clamp(1, 12);
    let height = rows.max(3).min(room);
    let rect = window(area, NOTE_WINDOW, height as u16 + 5);
    let width = rect.width.saturating_sub(4) as usize;
    clear(frame, rect);
    let what = model
        .library
        .resolve(&editor.target)
        .map(|i| i.describe())
        .unwrap_or_else(|| editor.target.to_string());
    let (body, (column, row)) = note_text(&editor.input, text_width, height, theme.base());
    let mut text = vec![
        Line::styled(truncate(&what, width), theme.dim()),
        Line::raw(""),
    ];
    text.extend(body);
    text.push(Line::styled(
        truncate(
            "Enter: new line · Ctrl-s or Alt-Enter: save · Esc: cancel",
            width,
        ),
        theme.dim(),
    ));
    let block = frame_block(model, " Note on flag (Ctrl-s saves) ");
    let inner = block.inner(rect);
    frame.render_widget(Paragraph::new(text).block(block), rect);
    frame.set_cursor_position((inner.x + column, inner.y + 2 + row));
}

/// The note being typed as its box shows it: `height` rows of the text wrapped to `width`,
/// scrolled so the cursor's row is in view, and where the cursor is among them (column, row).
/// All the drawing of the note's text is here, so a change to how text is shown (right-to-left
/// scripts, say) is made in one place.
pub(super) fn note_text(
    input: &TextArea,
    width: usize,
    height: usize,
    style: ratatui::style::Style,
) -> (Vec<Line<'static>>, (u16, u16)) {
    let rows = input.rows(width);
    let (row, column) = input.cursor_position(width);
    let first = (row + 1).saturating_sub(height.max(1));
    let chars: Vec<char> = input.text.chars().collect();
    let mut column = column;
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (k, r) in rows.iter().enumerate().skip(first).take(height) {
        let text: String = chars[r.start..r.end].iter().collect();
        // Right-to-left text takes its paragraph's direction (the text between newlines).
        let from = chars[..r.start]
            .iter()
            .rposition(|&c| c == '\n')
            .map_or(0, |i| i + 1);
        let to = chars[r.end..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |i| r.end + i);
        let paragraph: String = chars[from..to].iter().collect();
        let cursor = (k == row).then(|| input.cursor.saturating_sub(r.start));
        match note_row(&text, cursor, width, &paragraph) {
            Some((shown, at)) => {
                if let Some(at) = at {
                    column = at;
                }
                lines.push(Line::styled(shown, style));
            }
            None => lines.push(Line::styled(text, style)),
        }
    }
    lines.resize(height, Line::raw(""));
    (lines, (column as u16, (row - first) as u16))
}

/// The visible part of a text box: the end of a long text, where the cursor usually is.
pub(super) fn input_line(
    input: &LineEditor,
    width: usize,
    style: ratatui::style::Style,
) -> Line<'static> {
    Line::styled(input_view(&input.text, input.cursor, width).0, style)
}

/// The cursor's column within a text box of `width`.
pub(super) fn input_cursor(input: &LineEditor, width: usize) -> u16 {
    input_view(&input.text, input.cursor, width).1 as u16
}

/// A window's title with its keys after it, `TITLE(KEY: what, ...) `: on the top border when
/// both fit, else (80 columns) the title on top and the keys on the bottom border, as many
/// whole hints as fit, never a word cut in two.
pub(super) fn titled_with_keys<'a>(
    block: Block<'a>,
    model: &Model,
    rect: Rect,
    title: &str,
    hints: &[String],
) -> Block<'a> {
    let theme = model.theme;
    let room = rect.width.saturating_sub(2) as usize;
    let whole = format!("{title}({}) ", hints.join(", "));
    if whole.width() <= room {
        return block.title(Span::styled(whole, theme.title()));
    }
    let mut bottom = String::new();
    for hint in hints {
        let next = if bottom.is_empty() {
            format!(" {hint} ")
        } else {
            format!("{}, {hint} ", bottom.trim_end())
        };
        if next.width() > room {
            break;
        }
        bottom = next;
    }
    block
        .title(Span::styled(truncate(title, room), theme.title()))
        .title_bottom(Span::styled(bottom, theme.title()))
}
