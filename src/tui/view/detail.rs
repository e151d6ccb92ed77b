//! The open briefing: its header and the panes for summary, judgments, actors, quotes and
//! timeline. Wide windows show every pane at once; narrow ones show one pane under tabs.

use std::sync::Arc;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::briefing::{Actor, Briefing, Item, QuoteMode};

use super::super::model::{Model, Pane, ViewState};
use super::super::text::{isolated, truncate, wrap, wrap_styled};
use super::lines::draw as draw_lines;
use super::pane_cache::{ItemText, PaneKey, PaneText};
use super::{flag_marker, pane_block, selection_style};

/// The lines of one item in a pane, as drawn.
type Row<'a> = Vec<Line<'a>>;

/// The briefing as the library holds it: the key of its kept text.
type Shared = Arc<Briefing>;

/// What an item shows that changes with the user's state, added to its kept text every frame:
/// the flag marker, and the note's lines under the item.
type Marks = (Span<'static>, Vec<Line<'static>>);

/// The arrangements of the detail side, from the most room to the least.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Arrangement {
    /// Every pane at once: summary, judgments and timeline on the left; actors and quotes on
    /// the right.
    All,
    /// The summary above the actors (or the judgments or the timeline, by a tab bar) beside
    /// the quotes.
    Trio,
    /// The summary beside one item pane, chosen by a tab bar over it.
    PairBeside,
    /// The summary above one item pane.
    PairStacked,
    /// One pane under a tab bar.
    Single,
}

impl Arrangement {
    /// The arrangement for the room under the header.
    fn fitting(body: Rect) -> Arrangement {
        if body.width >= 110 && body.height >= 26 {
            Arrangement::All
        } else if body.width >= 80 && body.height >= 30 {
            Arrangement::Trio
        } else if body.width >= 96 && body.height >= 12 {
            Arrangement::PairBeside
        } else if body.height >= 22 {
            Arrangement::PairStacked
        } else {
            Arrangement::Single
        }
    }
}

/// The item panes in reading order (the summary comes before them).
const ITEM_PANES: [Pane; 4] = [Pane::Judgments, Pane::Actors, Pane::Quotes, Pane::Timeline];

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, view: &mut ViewState) {
    let Some(b) = model.shared_briefing() else {
        let hint = if model.library.failed.is_empty() {
            "Add briefings (.toml or .json) to the folder and press r."
        } else {
            "Some files failed to load: press E to see why."
        };
        frame.render_widget(Paragraph::new(hint).wrap(Default::default()), area);
        return;
    };
    let header = header(model, view, b, area.width);
    let [head, body] =
        Layout::vertical([Constraint::Length(header.len() as u16), Constraint::Min(1)]).areas(area);
    draw_lines(frame.buffer_mut(), head, &header);
    if !b.sources.is_empty() && head.height > 0 {
        // The sources are the header's last line: their names link to their URLs.
        let (_, links) = super::link::sources_line(
            b,
            head.x + SOURCES_LABEL.len() as u16,
            head.y + head.height - 1,
            (area.width as usize).saturating_sub(11),
        );
        view.links.extend(links);
    }

    let arrangement = Arrangement::fitting(body);
    match arrangement {
        Arrangement::All => draw_all(frame, body, model, view, b),
        Arrangement::Trio => {
            // The summary takes what it needs, up to two fifths.
            let inner = body.width.saturating_sub(2) as usize;
            let need = needed_rows(model, view, b, Pane::Summary, inner, false).saturating_add(2);
            let top = need.clamp(5, body.height * 2 / 5);
            let [summary, below] =
                Layout::vertical([Constraint::Length(top), Constraint::Min(1)]).areas(body);
            let [slot, quotes] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                    .areas(below);
            draw_summary(frame, summary, model, view, b);
            let panes = [Pane::Judgments, Pane::Actors, Pane::Timeline];
            let shown = slot_pane(model, b, &panes, Pane::Actors);
            draw_slot(frame, slot, model, view, b, &panes, shown, false);
            // A tab bar's row above the quotes too, so the two panes line up.
            let [_, quotes] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(quotes);
            draw_pane(frame, quotes, model, view, b, Pane::Quotes);
        }
        Arrangement::PairBeside | Arrangement::PairStacked => {
            let [summary, slot] = if arrangement == Arrangement::PairBeside {
                Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                    .areas(body)
            } else {
                Layout::vertical([Constraint::Percentage(40), Constraint::Percentage(60)])
                    .areas(body)
            };
            draw_summary(frame, summary, model, view, b);
            let shown = slot_pane(model, b, &ITEM_PANES, Pane::Judgments);
            draw_slot(frame, slot, model, view, b, &ITEM_PANES, shown, true);
        }
        Arrangement::Single => {
            let [tabs, pane_area] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
            let pane = model.detail;
            frame.render_widget(
                Paragraph::new(tab_bar(model, b, &Pane::ALL[1..], pane, tabs.width)),
                tabs,
            );
            draw_single(frame, pane_area, model, view, b, pane);
        }
    }
}

/// Free rows below a short pane worth filling: a box of fewer shows next to nothing.
const ROOM_WORTH_FILLING: u16 = 6;

/// One pane at a time (a small window): the focused pane, and when it is short, what comes
/// next under it so the window is not left half blank: the selected actor's quotes under the
/// actors, the following panes in reading order under any other.
fn draw_single(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    view: &mut ViewState,
    b: &Shared,
    pane: Pane,
) {
    let inner = area.width.saturating_sub(2) as usize;
    let need = needed_rows(model, view, b, pane, inner, false).saturating_add(2);
    if need.saturating_add(ROOM_WORTH_FILLING) > area.height {
        draw_with_quotes_by(frame, area, model, view, b, pane);
        return;
    }
    let [top, mut rest] =
        Layout::vertical([Constraint::Length(need), Constraint::Min(1)]).areas(area);
    draw_pane(frame, top, model, view, b, pane);
    if pane == Pane::Actors {
        draw_actor_quotes(frame, rest, model, b);
        return;
    }
    let order = &Pane::ALL[1..];
    let at = order.iter().position(|&p| p == pane).unwrap_or(0);
    let following = order[at + 1..]
        .iter()
        .chain(&order[..at])
        .copied()
        .filter(|&p| p == Pane::Summary || item_count(b, p) > 0);
    let mut following = following.peekable();
    while let Some(next) = following.next() {
        let need = needed_rows(model, view, b, next, inner, false).saturating_add(2);
        // The last pane that fits takes the rest: nothing blank below it.
        let last =
            following.peek().is_none() || rest.height.saturating_sub(need) < ROOM_WORTH_FILLING;
        let height = if last { rest.height } else { need };
        let [this, below] =
            Layout::vertical([Constraint::Length(height), Constraint::Min(0)]).areas(rest);
        draw_pane(frame, this, model, view, b, next);
        if last {
            break;
        }
        rest = below;
    }
}

/// Every pane at once, each column shared out by what its panes hold: a short pane takes no
/// more than it needs and leaves the rest to the others.
fn draw_all(frame: &mut Frame, body: Rect, model: &Model, view: &mut ViewState, b: &Shared) {
    for (pane, rect) in places_of_all(model, view, b, body) {
        draw_pane(frame, rect, model, view, b, pane);
    }
}

/// Where each pane goes when every pane is on screen, by what each holds: the measuring half
/// of [`draw_all`], which lays the panes' text out (and keeps it).
fn places_of_all(model: &Model, view: &mut ViewState, b: &Shared, body: Rect) -> Vec<(Pane, Rect)> {
    let mut places = Vec::new();
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
    // The summary is what is read first: half its column if it needs it.
    for (column, panes, floors) in [
        (
            left,
            &[Pane::Summary, Pane::Judgments, Pane::Timeline][..],
            &[left.height / 2, 0, 0][..],
        ),
        (right, &[Pane::Actors, Pane::Quotes][..], &[0, 0][..]),
    ] {
        let inner = column.width.saturating_sub(2) as usize;
        let needs: Vec<u16> = panes
            .iter()
            .map(|&p| needed_rows(model, view, b, p, inner, false).saturating_add(2))
            .collect();
        let mut heights = share(column.height, &needs, floors);
        // A pane given less than it needs shows compact rows, which may need less than it was
        // given: share again with that, so the room goes to a pane that can use it.
        if heights.iter().zip(&needs).any(|(h, n)| h < n) {
            let needs: Vec<u16> = panes
                .iter()
                .zip(heights.iter().zip(&needs))
                .map(|(&p, (h, n))| {
                    if h < n {
                        needed_rows(model, view, b, p, inner, true).saturating_add(2)
                    } else {
                        *n
                    }
                })
                .collect();
            heights = share(column.height, &needs, floors);
        }
        let mut y = column.y;
        for (&pane, height) in panes.iter().zip(heights) {
            places.push((pane, Rect::new(column.x, y, column.width, height)));
            y += height;
        }
    }
    places
}

/// Lays out the panes of the selected briefing as a frame drawn in `area` would, without
/// drawing: the text is kept for the frame that shows it. Only where every pane is on screen
/// (a wide window), where a move costs the most; elsewhere nothing is laid out ahead.
pub fn prepare(model: &Model, view: &mut ViewState, area: Rect) {
    let Some(b) = model.shared_briefing() else {
        return;
    };
    let header = header(model, view, b, area.width);
    let [_, body] =
        Layout::vertical([Constraint::Length(header.len() as u16), Constraint::Min(1)]).areas(area);
    if Arrangement::fitting(body) != Arrangement::All {
        return;
    }
    for (pane, rect) in places_of_all(model, view, b, body) {
        let inner_width = rect.width.saturating_sub(2) as usize;
        if pane == Pane::Summary {
            summary_text(model, view, b, inner_width);
        } else {
            pane_rows_text(
                model,
                view,
                b,
                pane,
                inner_width,
                rect.height.saturating_sub(2) as usize,
            );
        }
    }
}

/// An item pane's marks and its text in full, or with compact rows when in full it does not
/// fit in `inner_height` rows.
fn pane_rows_text(
    model: &Model,
    view: &mut ViewState,
    b: &Shared,
    pane: Pane,
    inner_width: usize,
    inner_height: usize,
) -> (Vec<Marks>, PaneText) {
    let marks = marks(model, b, pane, inner_width);
    let full = pane_text(model, view, b, pane, inner_width, None);
    if rows_needed(&full, &marks) <= inner_height {
        return (marks, full);
    }
    let compact = pane_text(
        model,
        view,
        b,
        pane,
        inner_width,
        Some(selected_in(model, pane)),
    );
    (marks, compact)
}

/// Shares `total` rows among panes that need `needs` rows each. Each first gets its floor
/// (`floors`, at most what it needs, and at least four rows if it needs them); the rest is
/// shared out evenly, a pane that needs less than an even share taking only what it needs, and
/// any room no pane needs goes to the last (blank at the bottom, nothing hidden).
fn share(total: u16, needs: &[u16], floors: &[u16]) -> Vec<u16> {
    let n = needs.len();
    if n == 0 {
        return Vec::new();
    }
    let mut heights: Vec<u16> = needs
        .iter()
        .zip(floors)
        .map(|(&need, &floor)| floor.max(4).min(need))
        .collect();
    let floored: u16 = heights.iter().sum();
    if floored > total {
        // Not even the floors fit: equal shares.
        return (0..n)
            .map(|i| total / n as u16 + u16::from((i as u16) < total % n as u16))
            .collect();
    }
    let mut left = total - floored;
    let mut open: Vec<usize> = (0..n).filter(|&i| needs[i] > heights[i]).collect();
    while !open.is_empty() {
        let fair = left / open.len() as u16;
        let (fits, rest): (Vec<usize>, Vec<usize>) =
            open.iter().partition(|&&i| needs[i] - heights[i] <= fair);
        if fits.is_empty() {
            let extra = left % rest.len() as u16;
            for (k, &i) in rest.iter().enumerate() {
                heights[i] += fair + u16::from((k as u16) < extra);
            }
            return heights;
        }
        for &i in &fits {
            left -= needs[i] - heights[i];
            heights[i] = needs[i];
        }
        open = rest;
    }
    heights[n - 1] += left;
    heights
}

/// The rows a pane's content takes at full length, or with compact rows.
fn needed_rows(
    model: &Model,
    view: &mut ViewState,
    b: &Shared,
    pane: Pane,
    width: usize,
    compact: bool,
) -> u16 {
    let rows = match pane {
        Pane::List => 0,
        Pane::Summary => {
            summary_text(model, view, b, width)[0].body.len() + summary_note(model, b, width).len()
        }
        _ => {
            let text = pane_text(
                model,
                view,
                b,
                pane,
                width,
                compact.then(|| selected_in(model, pane)),
            );
            rows_needed(&text, &marks(model, b, pane, width)).max(1)
        }
    };
    rows.min(u16::MAX as usize) as u16
}

/// An item pane's text as laid out (kept from an earlier frame, or built now), without the
/// flag markers and notes ([`marks`]).
fn pane_text(
    model: &Model,
    view: &mut ViewState,
    b: &Shared,
    pane: Pane,
    width: usize,
    compact_but: Option<usize>,
) -> PaneText {
    let key = PaneKey {
        pane,
        width,
        compact_but,
        // The quotes pane picks out the selected actor's quotes while the actors have focus.
        highlight: (pane == Pane::Quotes && model.focus == Pane::Actors)
            .then_some(model.cursor.actor),
        theme: model.theme,
    };
    view.cache
        .pane(b, key, || items(model, b, pane, width, compact_but))
}

/// The flag marker and note lines of each item of an item pane, as the user's state is now.
fn marks(model: &Model, b: &Briefing, pane: Pane, width: usize) -> Vec<Marks> {
    let targets: Vec<String> = match pane {
        Pane::List | Pane::Summary => Vec::new(),
        Pane::Judgments => b
            .judgments
            .iter()
            .map(|j| Item::Judgment(b, j).target().to_string())
            .collect(),
        Pane::Actors => b
            .actors
            .iter()
            .map(|a| Item::Actor(b, a).target().to_string())
            .collect(),
        Pane::Quotes => b
            .quotes
            .iter()
            .map(|q| Item::Quote(b, q).target().to_string())
            .collect(),
        Pane::Timeline => b
            .timeline()
            .into_iter()
            .map(|e| Item::Event(b, e).target().to_string())
            .collect(),
    };
    targets
        .iter()
        .map(|target| {
            let note = model.note(target);
            let lines = if note.is_empty() {
                Vec::new()
            } else {
                wrap_styled(
                    vec![Span::raw("  "), Span::styled("✎ ", model.theme.flag())],
                    &note,
                    model.theme.flag(),
                    width,
                )
            };
            (flag_marker(model, target), lines)
        })
        .collect()
}

/// The rows an item pane's text takes with its marks.
fn rows_needed(text: &[ItemText], marks: &[Marks]) -> usize {
    text.iter()
        .zip(marks)
        .map(|(t, (_, note))| 1 + t.body.len() + note.len())
        .sum()
}

/// An item pane's rows as drawn: each item's marker before its first line, its note under it.
fn rows_of<'a>(text: &'a [ItemText], marks: &'a [Marks]) -> Vec<Row<'a>> {
    text.iter()
        .zip(marks)
        .map(|(t, (marker, note))| {
            let mut head = vec![marker.clone()];
            head.extend(t.first.iter().map(borrowed_span));
            let mut lines = vec![Line::from(head)];
            lines.extend(t.body.iter().map(borrowed));
            lines.extend(note.iter().map(borrowed));
            lines
        })
        .collect()
}

/// A kept line, borrowed for one frame (no text copied).
fn borrowed<'a>(line: &'a Line<'static>) -> Line<'a> {
    Line {
        spans: line.spans.iter().map(borrowed_span).collect(),
        style: line.style,
        alignment: line.alignment,
    }
}

fn borrowed_span<'a>(span: &'a Span<'static>) -> Span<'a> {
    Span::styled(span.content.as_ref(), span.style)
}

/// An item pane beside or under the summary, one of `panes` chosen by a tab bar over it; the
/// actors with their quotes under them if `quotes_by` and there is room.
#[allow(clippy::too_many_arguments)]
fn draw_slot(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    view: &mut ViewState,
    b: &Shared,
    panes: &[Pane],
    shown: Pane,
    quotes_by: bool,
) {
    let [tabs, pane_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(tab_bar(model, b, panes, shown, tabs.width)),
        tabs,
    );
    if quotes_by {
        draw_with_quotes_by(frame, pane_area, model, view, b, shown);
    } else {
        draw_pane(frame, pane_area, model, view, b, shown);
    }
}

/// Which of `panes` a slot shows: the focused one, or the last one focused, or `preferred`
/// if it has anything in it, or the first that has.
fn slot_pane(model: &Model, b: &Briefing, panes: &[Pane], preferred: Pane) -> Pane {
    if panes.contains(&model.detail) {
        return model.detail;
    }
    if let Some(side) = model.side.filter(|p| panes.contains(p)) {
        return side;
    }
    std::iter::once(preferred)
        .chain(panes.iter().copied())
        .find(|&p| item_count(b, p) > 0)
        .unwrap_or(preferred)
}

/// The selected item of an item pane.
fn selected_in(model: &Model, pane: Pane) -> usize {
    match pane {
        Pane::Judgments => model.cursor.judgment,
        Pane::Actors => model.cursor.actor,
        Pane::Quotes => model.cursor.quote,
        Pane::Timeline => model.cursor.event,
        Pane::List | Pane::Summary => 0,
    }
}

fn item_count(b: &Briefing, pane: Pane) -> usize {
    match pane {
        Pane::Judgments => b.judgments.len(),
        Pane::Actors => b.actors.len(),
        Pane::Quotes => b.quotes.len(),
        Pane::Timeline => b.events.len(),
        Pane::List | Pane::Summary => 0,
    }
}

/// One pane; the actors with the selected actor's quotes under them when there is room for
/// both (what "selecting an actor highlights their quotes" means when the quotes pane is not
/// on screen).
fn draw_with_quotes_by(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    view: &mut ViewState,
    b: &Shared,
    pane: Pane,
) {
    if pane == Pane::Actors && area.height >= 26 {
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
        draw_pane(frame, top, model, view, b, Pane::Actors);
        draw_actor_quotes(frame, bottom, model, b);
    } else {
        draw_pane(frame, area, model, view, b, pane);
    }
}

const SOURCES_LABEL: &str = " Sources: ";

fn header(model: &Model, view: &mut ViewState, b: &Shared, width: u16) -> Vec<Line<'static>> {
    let theme = model.theme;
    let width = width as usize;
    // Kept between frames: a move finds the title of the briefing it goes to wrapped.
    let title = view.cache.header(b, width, || {
        let mut rows = wrap(&b.title, width.saturating_sub(2));
        rows.truncate(2);
        rows
    });
    let mut lines: Vec<Line> = title
        .iter()
        .map(|l| Line::from(vec![Span::raw(" "), Span::styled(l.clone(), theme.title())]))
        .collect();
    let mut meta = vec![
        Span::raw(" "),
        flag_marker(model, &b.id),
        Span::styled(b.date.to_string(), theme.label()),
    ];
    if let Some(h) = b.handling {
        meta.push(Span::raw("  "));
        meta.push(Span::styled(format!(" TLP:{h} "), theme.handling(h)));
    }
    let tags: String = b
        .tags
        .iter()
        .map(|t| format!(" #{}", isolated(t)))
        .collect();
    let used: usize = meta.iter().map(|s| s.width()).sum();
    meta.push(Span::styled(
        truncate(&tags, width.saturating_sub(used + 1)),
        theme.dim(),
    ));
    lines.push(Line::from(meta));
    if !b.sources.is_empty() {
        // Where it is drawn is not known here; `draw` places the links.
        let (sources, _) = super::link::sources_line(b, 0, 0, width.saturating_sub(11));
        lines.push(Line::from(vec![
            Span::styled(SOURCES_LABEL, theme.dim()),
            Span::raw(sources),
        ]));
    }
    lines
}

/// The tabs of `panes`, `shown` picked out; abbreviated when the names do not fit.
fn tab_bar(model: &Model, b: &Briefing, panes: &[Pane], shown: Pane, width: u16) -> Line<'static> {
    let theme = model.theme;
    let label = |pane: Pane, short: bool| -> String {
        let name = match (pane, short) {
            (Pane::Summary, true) => "Sum",
            (Pane::Judgments, true) => "Jdg",
            (Pane::Actors, true) => "Act",
            (Pane::Quotes, true) => "Quo",
            (Pane::Timeline, true) => "Time",
            (pane, _) => pane.title(),
        };
        match (pane, item_count(b, pane)) {
            (Pane::Summary, _) => name.to_string(),
            (_, n) if short => format!("{name} {n}"),
            (_, n) => format!("{name} ({n})"),
        }
    };
    let full: usize = panes.iter().map(|&p| label(p, false).len() + 2).sum();
    let short = full + 1 > width as usize;
    let mut spans = vec![Span::raw(" ")];
    for &pane in panes {
        let style = if pane == shown {
            if model.focus == pane {
                theme.selected()
            } else {
                theme.selected_unfocused()
            }
        } else {
            theme.dim()
        };
        spans.push(Span::styled(format!(" {} ", label(pane, short)), style));
    }
    Line::from(spans)
}

/// An item pane's rows; with `compact_but`, every row but that one is cut short (an actor to
/// a line, a quote without its facts, an event without its actors), so more fit.
fn items(
    model: &Model,
    b: &Briefing,
    pane: Pane,
    width: usize,
    compact_but: Option<usize>,
) -> Vec<ItemText> {
    match pane {
        Pane::List | Pane::Summary => Vec::new(),
        Pane::Judgments => judgment_items(model, b, width),
        Pane::Actors => actor_items(model, b, width, compact_but),
        Pane::Quotes => quote_items(model, b, width, compact_but),
        Pane::Timeline => event_items(model, b, width, compact_but),
    }
}

fn draw_pane(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    view: &mut ViewState,
    b: &Shared,
    pane: Pane,
) {
    view.panes.push((pane, area));
    let inner_width = area.width.saturating_sub(2) as usize;
    let inner_height = area.height.saturating_sub(2) as usize;
    match pane {
        Pane::List => return,
        Pane::Summary => {
            draw_summary(frame, area, model, view, b);
            return;
        }
        _ => {}
    }
    let (selected, count) = (selected_in(model, pane), item_count(b, pane));
    let (marks, text) = pane_rows_text(model, view, b, pane, inner_width, inner_height);
    let rows = rows_of(&text, &marks);
    let block = pane_block(model, pane, format!(" {count}"));
    if rows.is_empty() {
        let empty = format!("No {} in this briefing.", pane.title().to_lowercase());
        frame.render_widget(
            Paragraph::new(Line::styled(empty, model.theme.dim())).block(block.block()),
            area,
        );
        view.pages.push((pane, 0, 0));
        return;
    }
    let selected = selected.min(rows.len() - 1);
    let heights: Vec<usize> = rows.iter().map(Vec::len).collect();
    let state = view.list_state(pane);
    let first = first_on_screen(&heights, state.offset(), selected, inner_height);
    *state.offset_mut() = first;
    state.select(Some(selected));
    // Rows as lines: the last one on screen may be cut (a pager's way; a list would leave its
    // room blank), and the selected one is marked across the pane's width.
    let mut lines: Vec<Line> = Vec::new();
    let mut marked = 0..0;
    for (i, row) in rows.into_iter().enumerate().skip(first) {
        if lines.len() >= inner_height {
            break;
        }
        if i == selected {
            marked = lines.len()..lines.len() + row.len();
        }
        lines.extend(row);
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    draw_lines(frame.buffer_mut(), inner, &lines);
    let style = selection_style(model, pane);
    for y in marked.filter(|&y| y < inner.height as usize) {
        frame.buffer_mut().set_style(
            Rect::new(inner.x, inner.y + y as u16, inner.width, 1),
            style,
        );
    }
    let mut used = 0;
    let whole = heights[first..]
        .iter()
        .take_while(|&&h| {
            used += h;
            used <= inner_height
        })
        .count();
    view.pages.push((pane, first, whole));
}

/// The first row to show: where the pane was, moved as little as needed to show the selected
/// row whole (or from its top when it is taller than the pane), and back up if the rows from
/// there leave room unused at the bottom.
fn first_on_screen(heights: &[usize], was: usize, selected: usize, height: usize) -> usize {
    let mut first = was.min(selected);
    while first < selected && heights[first..=selected].iter().sum::<usize>() > height {
        first += 1;
    }
    while first > 0 && heights[first - 1..].iter().sum::<usize>() <= height {
        first -= 1;
    }
    first
}

/// The summary's text at `width` (kept, or built now): the bottom line first, then the other
/// paragraphs, as the lines of its one item.
fn summary_text(model: &Model, view: &mut ViewState, b: &Shared, width: usize) -> PaneText {
    let key = PaneKey {
        pane: Pane::Summary,
        width,
        compact_but: None,
        highlight: None,
        theme: model.theme,
    };
    view.cache.pane(b, key, || {
        let theme = model.theme;
        let mut lines: Vec<Line> = Vec::new();
        for (i, paragraph) in b
            .summary
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .enumerate()
        {
            if i > 0 {
                lines.push(Line::raw(""));
            }
            if i == 0 {
                lines.extend(wrap_styled(
                    vec![Span::styled("BLUF ", theme.label())],
                    crate::briefing::unlabelled_bluf(paragraph.trim()),
                    theme.title(),
                    width,
                ));
            } else {
                lines.extend(wrap(paragraph.trim(), width).into_iter().map(Line::raw));
            }
        }
        vec![ItemText {
            first: Vec::new(),
            body: lines,
        }]
    })
}

/// The lines under the summary for the briefing's own note, as the user's state is now.
fn summary_note(model: &Model, b: &Briefing, width: usize) -> Vec<Line<'static>> {
    let note = model.note(&b.id);
    if note.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![Line::raw("")];
    lines.extend(wrap_styled(
        vec![Span::styled("✎ ", model.theme.flag())],
        &note,
        model.theme.flag(),
        width,
    ));
    lines
}

fn draw_summary(frame: &mut Frame, area: Rect, model: &Model, view: &mut ViewState, b: &Shared) {
    if !view.panes.iter().any(|(p, _)| *p == Pane::Summary) {
        view.panes.push((Pane::Summary, area));
    }
    let width = area.width.saturating_sub(2) as usize;
    let text = summary_text(model, view, b, width);
    let note = summary_note(model, b, width);
    let lines = || text[0].body.iter().chain(&note);
    let count = text[0].body.len() + note.len();
    let height = area.height.saturating_sub(2) as usize;
    view.summary_max_scroll = count.saturating_sub(height);
    view.summary_height = height;
    let scroll = model.cursor.summary_scroll.min(view.summary_max_scroll);
    let more = if view.summary_max_scroll > 0 {
        // The lines on screen as a range: "line 16 of 29" read as if the reader were at line
        // 16 when the pane showed lines 1 to 16.
        format!(
            " lines {}–{} of {}",
            scroll + 1,
            scroll + height.min(count),
            count
        )
    } else {
        String::new()
    };
    let block = pane_block(model, Pane::Summary, more);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    draw_lines(frame.buffer_mut(), inner, lines().skip(scroll));
}

fn indented(text: &str, style: Style, width: usize) -> Vec<Line<'static>> {
    wrap_styled(vec![Span::raw("  ")], text, style, width)
}

fn judgment_items(model: &Model, b: &Briefing, width: usize) -> Vec<ItemText> {
    let theme = model.theme;
    b.judgments
        .iter()
        .map(|j| {
            let mut body = indented(&j.text, theme.base(), width);
            let first = body.remove(0).spans.split_off(1);
            let mut assessment = Vec::new();
            if let Some(l) = j.likelihood {
                assessment.push(l.to_string());
            }
            if let Some(c) = j.confidence {
                assessment.push(format!("{c} confidence"));
            }
            if !assessment.is_empty() {
                body.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(assessment.join(" · "), theme.label()),
                ]));
            }
            if let Some(note) = &j.note {
                body.extend(indented(&format!("Analyst: {note}"), theme.dim(), width));
            }
            ItemText { first, body }
        })
        .collect()
}

fn actor_line(
    model: &Model,
    b: &Briefing,
    a: &Actor,
    width: usize,
) -> (Vec<Span<'static>>, Vec<Line<'static>>) {
    let theme = model.theme;
    let mut first = vec![Span::styled(
        truncate(&a.name, width.saturating_sub(2)),
        theme.speaker(),
    )];
    if a.anonymous {
        first.push(Span::styled(" [anonymous]", theme.warning()));
    }
    let mut body = Vec::new();
    if let Some(role) = &a.role {
        body.extend(indented(role, theme.base(), width));
    }
    if !a.aliases.is_empty() {
        body.extend(indented(
            &format!(
                "also {}",
                a.aliases
                    .iter()
                    .map(|x| isolated(x))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            theme.dim(),
            width,
        ));
    }
    let quotes = b.quotes_by(&a.id).count();
    let mut facts = vec![a.kind.to_string()];
    if let Some(aff) = &a.affiliation {
        let shown = b.actor(aff).map_or(aff.as_str(), |x| x.name.as_str());
        facts.push(format!("of {shown}"));
    }
    if quotes > 0 {
        facts.push(format!(
            "{quotes} quote{}",
            if quotes == 1 { "" } else { "s" }
        ));
    }
    body.extend(indented(&facts.join(" · "), theme.dim(), width));
    (first, body)
}

/// An actor on one line: the name, and the role in what room is left.
fn actor_compact(model: &Model, a: &Actor, width: usize) -> Vec<Span<'static>> {
    let theme = model.theme;
    let room = width.saturating_sub(2);
    // That a source is anonymous matters more than the end of its description.
    let tag = if a.anonymous && room >= 20 {
        " [anonymous]"
    } else {
        ""
    };
    let name = truncate(&a.name, room - tag.len());
    let mut spans = vec![Span::styled(name.clone(), theme.speaker())];
    let mut used = crate::text::width(&name);
    if !tag.is_empty() {
        spans.push(Span::styled(tag, theme.warning()));
        used += tag.len();
    }
    if let Some(role) = &a.role
        && used + 6 <= room
    {
        spans.push(Span::styled(" · ", theme.dim()));
        spans.push(Span::styled(truncate(role, room - used - 3), theme.dim()));
    }
    spans
}

fn actor_items(
    model: &Model,
    b: &Briefing,
    width: usize,
    compact_but: Option<usize>,
) -> Vec<ItemText> {
    b.actors
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let (first, body) = if compact_but.is_some_and(|s| s != i) {
                (actor_compact(model, a, width), Vec::new())
            } else {
                actor_line(model, b, a, width)
            };
            ItemText { first, body }
        })
        .collect()
}

/// The actor whose quotes are highlighted: the selected one, while the actor pane has focus.
fn highlighted_speaker<'a>(model: &Model, b: &'a Briefing) -> Option<&'a str> {
    (model.focus == Pane::Actors)
        .then(|| b.actors.get(model.cursor.actor).map(|a| a.id.as_str()))
        .flatten()
}

fn quote_lines(
    model: &Model,
    b: &Briefing,
    q: &crate::briefing::Quote,
    width: usize,
    highlight: bool,
    compact: bool,
) -> (Vec<Span<'static>>, Vec<Line<'static>>) {
    let theme = model.theme;
    let speaker_style = if highlight {
        theme.highlight()
    } else {
        theme.speaker()
    };
    let mut first = Vec::new();
    if highlight {
        // Not the focus marker (`▶`): this picks out the selected actor's quotes.
        first.push(Span::styled("◆ ", theme.highlight()));
    }
    first.push(Span::styled(
        truncate(b.speaker_name(q), width.saturating_sub(4)),
        speaker_style,
    ));
    if b.actor(&q.speaker).is_some_and(|a| a.anonymous) {
        first.push(Span::styled(" [anonymous]", theme.warning()));
    }
    let text = match q.mode {
        QuoteMode::Direct => format!("\u{201c}{}\u{201d}", q.text),
        QuoteMode::Indirect => q.text.clone(),
    };
    let mut body = indented(&text, theme.base(), width);
    if compact {
        return (first, body);
    }
    let mut facts = vec![match q.mode {
        QuoteMode::Direct => "direct".to_string(),
        QuoteMode::Indirect => "indirect".to_string(),
    }];
    if let Some(c) = &q.context {
        facts.push(c.clone());
    }
    if let Some(d) = q.said {
        facts.push(d.to_string());
    }
    if let Some(s) = q.source.as_deref().and_then(|s| b.source(s)) {
        facts.push(s.name.clone());
    }
    body.extend(indented(&facts.join(" · "), theme.dim(), width));
    if let Some(note) = &q.note {
        body.extend(indented(&format!("Analyst: {note}"), theme.dim(), width));
    }
    (first, body)
}

fn quote_items(
    model: &Model,
    b: &Briefing,
    width: usize,
    compact_but: Option<usize>,
) -> Vec<ItemText> {
    let speaker = highlighted_speaker(model, b);
    b.quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let compact = compact_but.is_some_and(|s| s != i);
            let (first, body) = quote_lines(
                model,
                b,
                q,
                width,
                speaker == Some(q.speaker.as_str()),
                compact,
            );
            ItemText { first, body }
        })
        .collect()
}

fn draw_actor_quotes(frame: &mut Frame, area: Rect, model: &Model, b: &Briefing) {
    let theme = model.theme;
    let width = area.width.saturating_sub(2) as usize;
    let Some(actor) = b.actors.get(model.cursor.actor) else {
        return;
    };
    let mut lines = Vec::new();
    for q in b.quotes_by(&actor.id) {
        let (first, body) = quote_lines(model, b, q, width, true, false);
        let mut head = vec![flag_marker(model, &Item::Quote(b, q).target().to_string())];
        head.extend(first);
        lines.push(Line::from(head));
        lines.extend(body);
    }
    if lines.is_empty() {
        lines.push(Line::styled("No quotes from this actor.", theme.dim()));
    }
    let title = Line::from(vec![
        Span::styled(" Quotes by ", theme.title()),
        Span::styled(
            truncate(&actor.name, width.saturating_sub(14)),
            theme.highlight(),
        ),
        Span::raw(" "),
    ]);
    let block = ratatui::widgets::Block::bordered()
        .border_style(theme.border())
        .title(title);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn event_items(
    model: &Model,
    b: &Briefing,
    width: usize,
    compact_but: Option<usize>,
) -> Vec<ItemText> {
    let theme = model.theme;
    let events = b.timeline();
    // The dates in a column as wide as the widest, then a space (`2024-09-16~ Qaani ...`).
    let column = events
        .iter()
        .map(|e| e.date.to_string().len())
        .max()
        .unwrap_or(0)
        + 1;
    events
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            let date = format!("{:<column$}", e.date.to_string());
            let mut text = wrap_styled(
                vec![Span::styled(date, theme.label())],
                &e.text,
                theme.base(),
                width.saturating_sub(2),
            );
            let first = text.remove(0).spans;
            let mut body: Vec<Line> = text
                .into_iter()
                .map(|l| {
                    let mut spans = vec![Span::raw("  ")];
                    spans.extend(l.spans);
                    Line::from(spans)
                })
                .collect();
            if compact_but.is_none_or(|s| s == i) {
                let names: Vec<String> = e
                    .actors
                    .iter()
                    .filter_map(|id| b.actor(id))
                    .map(|a| isolated(&a.name))
                    .collect();
                if !names.is_empty() {
                    body.extend(indented(&names.join(", "), theme.dim(), width));
                }
                if let Some(note) = &e.note {
                    body.extend(indented(&format!("Analyst: {note}"), theme.dim(), width));
                }
            }
            ItemText { first, body }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::share;

    #[test]
    fn share_gives_short_panes_what_they_need_and_the_rest_evenly() {
        // Everything fits: each what it needs, the spare rows at the bottom.
        assert_eq!(share(30, &[10, 6, 8], &[0, 0, 0]), vec![10, 6, 14]);
        // One short pane; two long ones share the rest.
        assert_eq!(share(30, &[40, 6, 40], &[0, 0, 0]), vec![12, 6, 12]);
        // Floors first (the summary's half, four rows each for the others), then even shares.
        assert_eq!(share(40, &[60, 30, 30], &[20, 0, 0]), vec![24, 8, 8]);
        // A floor above the need is the need.
        assert_eq!(share(40, &[8, 30, 30], &[20, 0, 0]), vec![8, 16, 16]);
        // Every row is given out, whatever the needs.
        for total in [0u16, 3, 9, 17, 55] {
            let got = share(total, &[1, 50, 3, 90], &[0, 10, 0, 0]);
            assert_eq!(got.iter().sum::<u16>(), total, "{total}: {got:?}");
        }
    }
}
