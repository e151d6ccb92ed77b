//! The open briefing: its header and the panes for summary, judgments, actors, quotes and
//! timeline. Wide windows show every pane at once; narrow ones show one pane under tabs.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use crate::briefing::{Actor, Briefing, Item, QuoteMode};

use super::super::model::{Model, Pane, ViewState};
use super::super::text::{truncate, wrap, wrap_styled};
use super::{flag_marker, pane_block, selection_style};

/// From this size on, every pane is on screen at once.
const WIDE_WIDTH: u16 = 110;
const WIDE_HEIGHT: u16 = 30;

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, view: &mut ViewState) {
    let Some(b) = model.briefing() else {
        let hint = if model.library.failed.is_empty() {
            "Add briefings (.toml or .json) to the folder and press r."
        } else {
            "Some files failed to load: press E to see why."
        };
        frame.render_widget(Paragraph::new(hint).wrap(Default::default()), area);
        return;
    };
    let header = header(model, b, area.width);
    let [head, body] =
        Layout::vertical([Constraint::Length(header.len() as u16), Constraint::Min(1)]).areas(area);
    frame.render_widget(Paragraph::new(header), head);

    if area.width >= WIDE_WIDTH && area.height >= WIDE_HEIGHT {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(body);
        let [summary, judgments, timeline] = Layout::vertical([
            Constraint::Percentage(45),
            Constraint::Percentage(25),
            Constraint::Percentage(30),
        ])
        .areas(left);
        let [actors, quotes] =
            Layout::vertical([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(right);
        for (pane, rect) in [
            (Pane::Summary, summary),
            (Pane::Judgments, judgments),
            (Pane::Actors, actors),
            (Pane::Quotes, quotes),
            (Pane::Timeline, timeline),
        ] {
            draw_pane(frame, rect, model, view, b, pane);
        }
        return;
    }

    let [tabs, pane_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
    frame.render_widget(Paragraph::new(tab_bar(model, b, tabs.width)), tabs);
    let pane = model.detail;
    // An actor's quotes under the actor list: what "selecting an actor highlights their quotes"
    // means when only one pane fits.
    if pane == Pane::Actors && pane_area.height >= 14 {
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(pane_area);
        draw_pane(frame, top, model, view, b, Pane::Actors);
        draw_actor_quotes(frame, bottom, model, b);
    } else {
        draw_pane(frame, pane_area, model, view, b, pane);
    }
}

fn header(model: &Model, b: &Briefing, width: u16) -> Vec<Line<'static>> {
    let theme = model.theme;
    let width = width as usize;
    let mut lines: Vec<Line> = wrap(&b.title, width.saturating_sub(2))
        .into_iter()
        .take(2)
        .map(|l| Line::from(vec![Span::raw(" "), Span::styled(l, theme.title())]))
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
    let tags: String = b.tags.iter().map(|t| format!(" #{t}")).collect();
    let used: usize = meta.iter().map(|s| s.width()).sum();
    meta.push(Span::styled(
        truncate(&tags, width.saturating_sub(used + 1)),
        theme.dim(),
    ));
    lines.push(Line::from(meta));
    if !b.sources.is_empty() {
        let sources = b
            .sources
            .iter()
            .map(|s| match s.reliability {
                Some(r) => format!("{} ({r})", s.name),
                None => s.name.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        lines.push(Line::from(vec![
            Span::styled(" Sources: ", theme.dim()),
            Span::raw(truncate(&sources, width.saturating_sub(11))),
        ]));
    }
    lines
}

fn tab_bar(model: &Model, b: &Briefing, width: u16) -> Line<'static> {
    let theme = model.theme;
    let panes = [
        (Pane::Summary, "Summary", "Sum", None),
        (Pane::Judgments, "Judgments", "Jdg", Some(b.judgments.len())),
        (Pane::Actors, "Actors", "Act", Some(b.actors.len())),
        (Pane::Quotes, "Quotes", "Quo", Some(b.quotes.len())),
        (Pane::Timeline, "Timeline", "Time", Some(b.events.len())),
    ];
    let full: usize = panes.iter().map(|p| p.1.len() + 2).sum();
    let short = full + 1 > width as usize;
    let mut spans = vec![Span::raw(" ")];
    for (pane, long, abbr, _) in panes {
        let label = if short { abbr } else { long };
        let style = if pane == model.detail {
            if model.focus == pane {
                theme.selected()
            } else {
                theme.selected_unfocused()
            }
        } else {
            theme.dim()
        };
        spans.push(Span::styled(format!(" {label} "), style));
    }
    Line::from(spans)
}

fn draw_pane(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    view: &mut ViewState,
    b: &Briefing,
    pane: Pane,
) {
    view.panes.push((pane, area));
    let inner_width = area.width.saturating_sub(2) as usize;
    let (items, state, selected, count): (Vec<ListItem>, &mut ListState, usize, usize) = match pane
    {
        Pane::List => return,
        Pane::Summary => {
            draw_summary(frame, area, model, view, b);
            return;
        }
        Pane::Judgments => (
            judgment_items(model, b, inner_width),
            &mut view.judgments,
            model.cursor.judgment,
            b.judgments.len(),
        ),
        Pane::Actors => (
            actor_items(model, b, inner_width),
            &mut view.actors,
            model.cursor.actor,
            b.actors.len(),
        ),
        Pane::Quotes => (
            quote_items(model, b, inner_width),
            &mut view.quotes,
            model.cursor.quote,
            b.quotes.len(),
        ),
        Pane::Timeline => (
            event_items(model, b, inner_width),
            &mut view.timeline,
            model.cursor.event,
            b.events.len(),
        ),
    };
    let block = pane_block(model, pane, format!(" {count}"));
    if items.is_empty() {
        let empty = format!("No {} in this briefing.", pane.title().to_lowercase());
        frame.render_widget(
            Paragraph::new(Line::styled(empty, model.theme.dim())).block(block),
            area,
        );
        return;
    }
    state.select(Some(selected));
    let list = List::new(items)
        .block(block)
        .highlight_style(selection_style(model, pane));
    frame.render_stateful_widget(list, area, state);
}

fn draw_summary(frame: &mut Frame, area: Rect, model: &Model, view: &mut ViewState, b: &Briefing) {
    let theme = model.theme;
    let width = area.width.saturating_sub(2) as usize;
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
                paragraph.trim(),
                theme.title(),
                width,
            ));
        } else {
            lines.extend(wrap(paragraph.trim(), width).into_iter().map(Line::raw));
        }
    }
    if let Some(note) = model
        .store
        .flag(&b.id)
        .map(|f| f.note.clone())
        .filter(|n| !n.is_empty())
    {
        lines.push(Line::raw(""));
        lines.extend(wrap_styled(
            vec![Span::styled("✎ ", theme.flag())],
            &note,
            theme.flag(),
            width,
        ));
    }
    let height = area.height.saturating_sub(2) as usize;
    view.summary_max_scroll = lines.len().saturating_sub(height);
    let scroll = model.cursor.summary_scroll.min(view.summary_max_scroll);
    let more = if view.summary_max_scroll > 0 {
        format!(" {}/{}", scroll + height.min(lines.len()), lines.len())
    } else {
        String::new()
    };
    let block = pane_block(model, Pane::Summary, more);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll as u16, 0)),
        area,
    );
}

/// Marker, first line, and continuation lines of one list item, with its note under it.
fn item(
    model: &Model,
    item: Item<'_>,
    first: Vec<Span<'static>>,
    body: Vec<Line<'static>>,
    width: usize,
) -> ListItem<'static> {
    let target = item.target().to_string();
    let mut head = vec![flag_marker(model, &target)];
    head.extend(first);
    let mut lines = vec![Line::from(head)];
    lines.extend(body);
    let note = model.note(&target);
    if !note.is_empty() {
        lines.extend(wrap_styled(
            vec![Span::raw("  "), Span::styled("✎ ", model.theme.flag())],
            &note,
            model.theme.flag(),
            width,
        ));
    }
    ListItem::new(Text::from(lines))
}

fn indented(text: &str, style: Style, width: usize) -> Vec<Line<'static>> {
    wrap_styled(vec![Span::raw("  ")], text, style, width)
}

fn judgment_items(model: &Model, b: &Briefing, width: usize) -> Vec<ListItem<'static>> {
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
            item(model, Item::Judgment(b, j), first, body, width)
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

fn actor_items(model: &Model, b: &Briefing, width: usize) -> Vec<ListItem<'static>> {
    b.actors
        .iter()
        .map(|a| {
            let (first, body) = actor_line(model, b, a, width);
            item(model, Item::Actor(b, a), first, body, width)
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
) -> (Vec<Span<'static>>, Vec<Line<'static>>) {
    let theme = model.theme;
    let speaker_style = if highlight {
        theme.highlight()
    } else {
        theme.speaker()
    };
    let mut first = Vec::new();
    if highlight {
        first.push(Span::styled("▶ ", theme.highlight()));
    }
    first.push(Span::styled(
        truncate(b.speaker_name(q), width.saturating_sub(4)),
        speaker_style,
    ));
    if b.actor(&q.speaker).is_some_and(|a| a.anonymous) {
        first.push(Span::styled(" [anonymous]", theme.warning()));
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
    let text = match q.mode {
        QuoteMode::Direct => format!("\u{201c}{}\u{201d}", q.text),
        QuoteMode::Indirect => q.text.clone(),
    };
    let mut body = indented(&text, theme.base(), width);
    body.extend(indented(&facts.join(" · "), theme.dim(), width));
    if let Some(note) = &q.note {
        body.extend(indented(&format!("Analyst: {note}"), theme.dim(), width));
    }
    (first, body)
}

fn quote_items(model: &Model, b: &Briefing, width: usize) -> Vec<ListItem<'static>> {
    let speaker = highlighted_speaker(model, b);
    b.quotes
        .iter()
        .map(|q| {
            let (first, body) =
                quote_lines(model, b, q, width, speaker == Some(q.speaker.as_str()));
            item(model, Item::Quote(b, q), first, body, width)
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
        let (first, body) = quote_lines(model, b, q, width, true);
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

fn event_items(model: &Model, b: &Briefing, width: usize) -> Vec<ListItem<'static>> {
    let theme = model.theme;
    b.timeline()
        .into_iter()
        .map(|e| {
            let date = format!("{:<11}", e.date.to_string());
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
            let names: Vec<&str> = e
                .actors
                .iter()
                .filter_map(|id| b.actor(id))
                .map(|a| a.name.as_str())
                .collect();
            if !names.is_empty() {
                body.extend(indented(&names.join(", "), theme.dim(), width));
            }
            if let Some(note) = &e.note {
                body.extend(indented(&format!("Analyst: {note}"), theme.dim(), width));
            }
            item(model, Item::Event(b, e), first, body, width)
        })
        .collect()
}
