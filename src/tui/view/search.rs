//! The search window, the filter box, and an actor's dossier across briefings.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{List, ListItem, Paragraph};

use crate::search::{ActorRef, fold_with_map, terms};

use super::super::model::{FilterBox, Model, Pane, SearchBox, ViewState};
use super::super::text::{displayable, styled_line, truncate};
use super::overlay::{clear, frame_block, input_cursor, input_line, window};

pub fn search(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    view: &mut ViewState,
    search: &SearchBox,
) {
    let theme = model.theme;
    let rect = window(area, 110, area.height.saturating_sub(2));
    let width = rect.width.saturating_sub(2) as usize;
    clear(frame, rect);
    let m = &search.matches;
    let count = if model.search_waits() {
        let (done, total) = model.loading.unwrap_or_default();
        let read = if total > 0 {
            format!(" ({done} of {total})")
        } else {
            String::new()
        };
        format!("reading the briefings{read}: the results come when all are read")
    } else if search.input.text.trim().is_empty() {
        "type to search titles, summaries, judgments, actors, quotes, events, notes".to_string()
    } else if m.total > m.hits.len() {
        format!("{} matches, first {} shown", m.total, m.hits.len())
    } else {
        format!("{} match{}", m.total, if m.total == 1 { "" } else { "es" })
    };
    let block = frame_block(
        model,
        " Search (Enter: go, Tab/S-Tab: choose, ↑/↓: earlier searches, Esc) ",
    );
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let prompt = Rect { height: 2, ..inner };
    let mut first = vec![Span::styled("/ ", theme.key())];
    first.extend(input_line(&search.input, width.saturating_sub(3), theme.base()).spans);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(first),
            Line::styled(truncate(&count, width), theme.dim()),
        ]),
        prompt,
    );
    frame.set_cursor_position((
        inner.x + 2 + input_cursor(&search.input, width.saturating_sub(3)),
        inner.y,
    ));
    let results = Rect {
        y: inner.y + 2,
        height: inner.height.saturating_sub(2),
        ..inner
    };
    let Some(index) = model.search_index.as_ref() else {
        return;
    };
    let words = terms(&search.input.text);
    let items: Vec<ListItem> = m
        .hits
        .iter()
        .map(|hit| {
            let b = &model.library.briefings[hit.briefing];
            let head = Line::from(vec![
                Span::styled(format!("{:<9}", hit.field.as_str()), theme.label()),
                Span::styled(format!("{} ", b.date), theme.dim()),
                Span::styled(truncate(&b.title, width.saturating_sub(21)), theme.title()),
            ]);
            let snippet = highlighted(
                &index.text(&model.library, hit),
                &words,
                width.saturating_sub(2),
                theme.base(),
                theme.highlight(),
            );
            let mut spans = vec![Span::raw("  ")];
            spans.extend(snippet);
            ListItem::new(Text::from(vec![head, Line::from(spans)]))
        })
        .collect();
    view.follow_up
        .select(Some(search.selected.min(items.len().saturating_sub(1))));
    frame.render_stateful_widget(
        List::new(items).highlight_style(theme.selected()),
        results,
        &mut view.follow_up,
    );
}

/// One line of `text` around its first match, every match of `words` in the match style.
fn highlighted(
    text: &str,
    words: &[String],
    width: usize,
    base: Style,
    hit: Style,
) -> Vec<Span<'static>> {
    let text = displayable(text).replace('\n', " ");
    let (folded, map) = fold_with_map(&text);
    // Byte ranges of matches in the original text.
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for w in words.iter().filter(|w| !w.is_empty()) {
        for (at, _) in folded.match_indices(w.as_str()) {
            let start = map[at];
            let end = map.get(at + w.len()).copied().unwrap_or(text.len());
            ranges.push((start, end.max(start + 1).min(text.len())));
        }
    }
    ranges.sort();
    // Start a little before the first match so it is on screen.
    let first = ranges.first().map_or(0, |r| r.0);
    let mut from = text[..first]
        .char_indices()
        .rev()
        .nth(20)
        .map_or(0, |(i, _)| i);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    // The pieces in reading order, then laid out as one line (right-to-left text shaped and
    // reordered with the highlights on the same letters).
    let mut pieces: Vec<(String, Style)> = Vec::new();
    if from > 0 {
        pieces.push(("…".to_string(), base));
    }
    let mut at = from;
    for (start, end) in ranges {
        if end <= at {
            continue;
        }
        let start = start.max(at);
        pieces.push((text[at..start].to_string(), base));
        pieces.push((text[start..end].to_string(), hit));
        at = end;
    }
    pieces.push((text[at..].to_string(), base));
    pieces.retain(|(piece, _)| !piece.is_empty());
    styled_line(&pieces, width, base)
}

pub fn filter(frame: &mut Frame, area: Rect, model: &Model, view: &ViewState, filter: &FilterBox) {
    let theme = model.theme;
    let rect = beside_the_list(area, view).unwrap_or_else(|| window(area, 80, 8));
    let width = rect.width.saturating_sub(4) as usize;
    clear(frame, rect);
    let status = match &filter.error {
        Some(e) => Line::styled(truncate(e, width), theme.error()),
        None => Line::styled(
            "Enter keeps · Esc puts the list back · ↑/↓ earlier filters · empty shows all",
            theme.dim(),
        ),
    };
    let text = vec![
        input_line(&filter.input, width, theme.base()),
        status,
        Line::raw(""),
        Line::styled(
            truncate(
                "tag:iraq actor:khazali since:2024-09-01 until:2024-12-31",
                width,
            ),
            theme.dim(),
        ),
        Line::styled(
            truncate("tlp:amber is:unread is:read is:flagged, and words", width),
            theme.dim(),
        ),
    ];
    let block = frame_block(model, " Filter the list ");
    let inner = block.inner(rect);
    frame.render_widget(Paragraph::new(text).block(block), rect);
    frame.set_cursor_position((inner.x + input_cursor(&filter.input, width), inner.y));
}

/// The filter box where the eye is, next to the list it filters rather than in the middle of
/// a wide screen, and never over the list's first rows, which narrow as the user types: at the
/// list's top right when there is room beside it, else along the bottom of the list.
fn beside_the_list(area: Rect, view: &ViewState) -> Option<Rect> {
    let list = view.panes.iter().find(|(p, _)| *p == Pane::List)?.1;
    let beside = area.right().saturating_sub(list.right());
    if beside >= 60 {
        let width = 80.min(beside.saturating_sub(1));
        let height = 8.min(list.height);
        return Some(Rect::new(list.right(), list.y, width, height));
    }
    let width = 80.min(area.width.saturating_sub(2));
    let height = 8.min(list.height.saturating_sub(2));
    let y = list.bottom().saturating_sub(height + 1);
    (height >= 4).then_some(Rect::new(list.x + 1, y, width, height))
}

pub fn dossier(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    view: &mut ViewState,
    actor: ActorRef,
    selected: usize,
) {
    let theme = model.theme;
    let rect = window(area, 110, area.height.saturating_sub(2));
    let width = rect.width.saturating_sub(4) as usize;
    clear(frame, rect);
    let Some(a) = model
        .library
        .briefings
        .get(actor.briefing)
        .and_then(|b| b.actors.get(actor.actor))
    else {
        return;
    };
    let d = model.dossier.resolve(&model.library);
    use crate::keymap::Action;
    let mut keys = vec![(Action::Open, "go"), (Action::ToggleFlag, "flag")];
    if model.team.is_some() {
        keys.push((Action::Assign, "assign"));
    }
    keys.push((Action::Back, ""));
    let title = format!(
        " {} across briefings: {} briefing{}, {} quotes, {} events ",
        a.name,
        d.appearances.len(),
        if d.appearances.len() == 1 { "" } else { "s" },
        d.quotes.len(),
        d.events.len(),
    );
    let hints: Vec<String> = keys
        .iter()
        .map(|&key| model.keymap.hints(&[key], false, ": ", ""))
        .filter(|hint| !hint.is_empty())
        .collect();
    let block =
        super::overlay::titled_with_keys(frame_block(model, ""), model, rect, &title, &hints);
    let marker = |target: String| super::flag_marker(model, &target);
    let mut items: Vec<ListItem> = Vec::new();
    for (b, who) in &d.appearances {
        let target = format!("{}/actor/{}", b.id, who.id);
        let mut head = vec![
            marker(target),
            Span::styled(format!("{} ", b.date), theme.label()),
        ];
        head.push(Span::styled(
            truncate(&b.title, width.saturating_sub(14)),
            theme.title(),
        ));
        let role = match &who.role {
            Some(role) => format!("as {} ({role})", who.name),
            None => format!("as {}", who.name),
        };
        items.push(ListItem::new(Text::from(vec![
            Line::from(head),
            Line::styled(
                format!("  {}", truncate(&role, width.saturating_sub(2))),
                theme.dim(),
            ),
        ])));
    }
    for (b, q) in &d.quotes {
        let target = format!("{}/quote/{}", b.id, q.id);
        let when = q.said.unwrap_or(b.date);
        let head = vec![
            marker(target),
            Span::styled(format!("{when} "), theme.label()),
            Span::styled("quote ", theme.speaker()),
            Span::styled(truncate(&b.title, width.saturating_sub(20)), theme.dim()),
        ];
        let text = format!("\u{201c}{}\u{201d}", q.text);
        items.push(ListItem::new(Text::from(vec![
            Line::from(head),
            Line::raw(format!("  {}", truncate(&text, width.saturating_sub(2)))),
        ])));
    }
    for (b, e) in &d.events {
        let target = format!("{}/event/{}", b.id, e.id);
        items.push(ListItem::new(Line::from(vec![
            marker(target),
            Span::styled(format!("{:<11}", e.date.to_string()), theme.label()),
            Span::raw(truncate(&e.text, width.saturating_sub(13))),
        ])));
    }
    view.follow_up
        .select(Some(selected.min(items.len().saturating_sub(1))));
    frame.render_stateful_widget(
        List::new(items)
            .block(block)
            .highlight_style(theme.selected()),
        rect,
        &mut view.follow_up,
    );
}
