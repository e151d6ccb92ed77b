//! The bottom line: what just happened, or the keys that matter, and the counts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::store::FlagStatus;

use super::super::model::Model;
use super::super::text::truncate;

pub fn draw(frame: &mut Frame, area: Rect, model: &Model) {
    let theme = model.theme;
    // The user's open flags: private, and shared in their team journal.
    let open_in = |store: &crate::store::Store| {
        store
            .state()
            .flags
            .values()
            .filter(|f| f.status == FlagStatus::Open)
            .count()
    };
    let team = model.team.as_ref();
    let open = open_in(&model.store) + team.and_then(|s| s.own()).map_or(0, open_in);
    let mut right = vec![Span::styled(format!(" ⚑ {open} "), theme.status())];
    let unsaved = model.pending.len() + team.map_or(0, |s| s.pending.len());
    if unsaved > 0 {
        right.push(Span::styled(
            format!(" ! {unsaved} unsaved "),
            theme.error(),
        ));
    }
    if model.store.read_only().is_some() {
        right.push(Span::styled(" READ-ONLY ", theme.error()));
    }
    if let Some((text, _)) = &model.filter {
        let shown = format!(
            " {}/{} ",
            model.visible.len(),
            model.library.briefings.len()
        );
        right.insert(
            0,
            Span::styled(format!(" filter: {} ", truncate(text, 24)), theme.label()),
        );
        right.insert(1, Span::styled(shown, theme.dim()));
    }
    if let Some((done, total)) = model.loading {
        right.insert(
            0,
            Span::styled(
                format!(" reading {} ", super::list::progress(done, total)),
                theme.label(),
            ),
        );
    }
    // Team files ignored as forged or unreadable (`brief flags --team` names each one).
    let ignored = model.team.as_ref().map_or(0, |s| s.board.ignored());
    if ignored > 0 {
        right.push(Span::styled(
            format!(
                " ✗ {ignored} team file{} ignored ",
                if ignored == 1 { "" } else { "s" }
            ),
            theme.error(),
        ));
    }
    let failed = model.library.failed.len();
    if failed > 0 {
        right.push(Span::styled(
            format!(
                " ✗ {failed} file{} failed (E) ",
                if failed == 1 { "" } else { "s" }
            ),
            theme.error(),
        ));
    }
    let right_width: usize = right.iter().map(|s| s.content.width()).sum();
    let left_width = (area.width as usize).saturating_sub(right_width);
    let left = match &model.status {
        Some(status) => Span::styled(
            format!(" {}", truncate(&status.text, left_width.saturating_sub(1))),
            if status.error {
                theme.error()
            } else {
                theme.base()
            },
        ),
        None => {
            use crate::keymap::Action::*;
            let hints = model.keymap.hints(
                &[
                    (Help, "help"),
                    (NextPane, "pane"),
                    (ToggleFlag, "flag"),
                    (EditNote, "note"),
                    (FollowUp, "follow-up"),
                    (Search, "search"),
                    (Filter, "filter"),
                    (Quit, "quit"),
                ],
                false,
                ":",
                "  ",
            );
            Span::styled(truncate(&format!(" {hints}"), left_width), theme.dim())
        }
    };
    let pad = left_width.saturating_sub(left.content.width());
    let mut spans = vec![left, Span::raw(" ".repeat(pad))];
    spans.extend(right);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
