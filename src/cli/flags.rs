//! The follow-up list, `brief flags`: the user's own flags, or with a team those of its members
//! (see `super::team` for which), as text, JSON or Markdown.
//!
//! `brief flags --json` prints an array, oldest flag first (by `created`, then by target), of
//! objects with these keys:
//!
//! | key | value |
//! |---|---|
//! | `target` | the flag's address: `BRIEFING` or `BRIEFING/KIND/ID` |
//! | `briefing` | the briefing id part of the target |
//! | `kind` | `briefing`, `actor`, `quote`, `event` or `judgment` |
//! | `title` | the briefing's title (as it was when flagged, if the item is gone) |
//! | `text` | the item in one line (as it was when flagged, if the item is gone) |
//! | `note` | the user's note, `""` when there is none |
//! | `status` | `open` or `done` |
//! | `created`, `updated` | RFC 3339 times, UTC; `updated` is the last note, done or reopen |
//! | `orphaned` | the item no longer exists: its briefing is loaded and the item is not in it, or the briefing was removed from the folder it was flagged in |
//! | `loaded` | its briefing is in the folder being read; `false` and not `orphaned`: it is in another folder |
//! | `folder` | the folder (or file) the briefings were read from when it was flagged; `null` for flags made before brief recorded it |
//! | `changed` | the item still exists but its content changed since it was flagged |
//! | `handling` | the TLP marking of the briefing (`"AMBER"`, ...), `null` if it has none or is gone |
//!
//! With a team, each object adds `by` (the member who flagged it), `assigned_to` and `done_by`
//! (member names or `null`), and `shared` (`false` for a flag kept in the private state); rows
//! on the same target are ordered by member.
//!
//! Text: one block per flag (with a team, a last line saying whose it is); Markdown: a
//! checklist (with a team, a section per member), under the most restrictive TLP marking of the
//! briefings involved.
//!
//! Built for large teams (20 members with 10,000 flags each, BENCHMARKS.md): each item is
//! joined with the briefings once however many flags point at it, rows borrow from the flags
//! and the joined items, and the output is written row by row.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use foldhash::{HashMap, HashMapExt as _, HashSet};
use rayon::prelude::*;
use serde::Serialize;

use super::output::{md, tlp, tlp_colored, tlp_rank, wrap};
use super::state::open_store;
use super::team::{self, Choice};
use super::{Failure, Result, Style, load_lean, note_failed, shown};
use crate::briefing::Handling;
use crate::briefing::sanitize::neutralize;
use crate::followup::{FollowUp, folder_key};
use crate::store::FlagStatus;
use crate::team::{Scope, TeamFlag};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

pub struct ListOptions {
    pub path: PathBuf,
    pub state_dir: Option<PathBuf>,
    pub format: Format,
    pub all: bool,
}

/// One flag as listed: the flag with what the team made of it (its status, who did what), and
/// its item as the briefings say now, joined once and shared by every flag on the same item.
#[derive(Clone, Copy)]
struct Row<'a> {
    flag: &'a TeamFlag<'a>,
    item: &'a FollowUp,
    /// Which of the joined items it is (0 to their number).
    slot: usize,
}

impl Row<'_> {
    fn note(&self) -> Cow<'_, str> {
        neutralize(self.flag.flag.note())
    }

    fn created(&self) -> &str {
        self.flag.flag.created()
    }
}

/// `brief flags`: alone (`team` is `None`), or with a team.
pub fn list(
    options: &ListOptions,
    team: Option<&Choice>,
    style: Style,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let mut library = load_lean(&options.path)?;
    let private = open_store(options.state_dir.clone())?;
    let board = team.map(|choice| choice.team.board());
    if let Some(board) = &board {
        team::print_warnings(board, err);
    }
    if let Some(reason) = private.read_only() {
        // Still worth showing what could be read; say why nothing can be changed.
        let _ = writeln!(err, "brief: {}", shown(reason));
    }
    let scope = team.map(team::scope);
    let wanted = |f: &TeamFlag| options.all || f.status == FlagStatus::Open;
    let picked: Vec<TeamFlag> = match (team, &board, scope) {
        (Some(choice), Some(board), Some(scope)) => {
            crate::team::select(board, private.state(), &choice.team.me, scope)
                .filter(wanted)
                .collect()
        }
        _ => private
            .state()
            .flags
            .values()
            .map(|flag| TeamFlag::private("", flag))
            .filter(wanted)
            .collect(),
    };
    // Only the briefings that flags point into are needed in full.
    let briefings: HashSet<&str> = picked
        .iter()
        .map(|f| briefing_of(f.flag.target()))
        .collect();
    for id in briefings {
        library.complete(id);
    }
    note_failed(&library, err);

    // Members often flag the same items: join each item (by target, fingerprint and folder,
    // all it depends on) with the library once.
    let here = folder_key(&options.path);
    // A fast hash, seeded at random: the targets are the members' text.
    let mut slots: HashMap<(&str, &str, Option<&str>), usize> = HashMap::new();
    let mut items: Vec<FollowUp> = Vec::new();
    let item_of: Vec<usize> = picked
        .iter()
        .map(|f| {
            let flag = f.flag;
            let key = (flag.target(), flag.fingerprint(), flag.folder());
            *slots.entry(key).or_insert_with(|| {
                items.push(FollowUp::from_flag(flag, &library, here.as_deref()));
                items.len() - 1
            })
        })
        .collect();
    let rows: Vec<Row> = listing_order(&picked, &items, &item_of)
        .into_iter()
        .map(|i| {
            let slot = item_of[i as usize];
            Row {
                flag: &picked[i as usize],
                item: &items[slot],
                slot,
            }
        })
        .collect();

    let with_team = team.is_some();
    let written = write(&rows, &items, options, scope, with_team, style, out);
    // The process ends with the command: freeing 200,000 flags one by one would cost as much
    // as reading them.
    std::mem::forget(rows);
    std::mem::forget(picked);
    std::mem::forget(items);
    std::mem::forget(board);
    std::mem::forget(library);
    std::mem::forget(private);
    written?;
    Ok(0)
}

/// The listing's order of `flags`, as their indexes: by `created`, then target, then member.
///
/// 200,000 times and targets compared as text share their first bytes, and sorting the rows
/// themselves moved them dozens of times each; so when every `created` has the journal's shape
/// (`YYYY-MM-DDTHH:MM:SSZ`, in which text order is number order), as it does unless someone
/// edited a journal by hand, numbers are sorted: the time, the rank of the target among the
/// joined items' (`item_of` says which item each flag has), the index. Texts are compared only
/// between flags on the same target made in the same second, by member.
fn listing_order(flags: &[TeamFlag], items: &[FollowUp], item_of: &[usize]) -> Vec<u32> {
    let by_text = |a: &TeamFlag, b: &TeamFlag| {
        (a.flag.created(), a.flag.target(), a.by).cmp(&(b.flag.created(), b.flag.target(), b.by))
    };
    let numbers: Option<Vec<(u64, u32, u32)>> = {
        let rank = target_ranks(items);
        flags
            .iter()
            .zip(item_of)
            .enumerate()
            .map(|(i, (f, &slot))| {
                plain_utc_number(f.flag.created()).map(|n| (n, rank[slot], i as u32))
            })
            .collect()
    };
    let Some(mut keys) = numbers else {
        let mut order: Vec<u32> = (0..flags.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| by_text(&flags[a as usize], &flags[b as usize]));
        return order;
    };
    keys.sort_unstable();
    for run in keys.chunk_by_mut(|a, b| (a.0, a.1) == (b.0, b.1)) {
        if run.len() > 1 {
            run.sort_unstable_by(|a, b| by_text(&flags[a.2 as usize], &flags[b.2 as usize]));
        }
    }
    keys.into_iter().map(|(_, _, i)| i).collect()
}

/// Each item's target's rank among the items' targets in text order (the same target, the same
/// rank).
fn target_ranks(items: &[FollowUp]) -> Vec<u32> {
    let mut by_target: Vec<usize> = (0..items.len()).collect();
    by_target.sort_unstable_by(|&a, &b| items[a].target.cmp(&items[b].target));
    let mut rank = vec![0; items.len()];
    let mut next = 0;
    for pair in by_target.windows(2) {
        if items[pair[0]].target != items[pair[1]].target {
            next += 1;
        }
        rank[pair[1]] = next;
    }
    rank
}

/// The rows in the format asked for.
fn write(
    rows: &[Row],
    items: &[FollowUp],
    options: &ListOptions,
    scope: Option<Scope>,
    with_team: bool,
    style: Style,
    out: &mut dyn Write,
) -> Result<()> {
    match options.format {
        Format::Json => write_json(rows, items, with_team, out)?,
        Format::Markdown => write_markdown(rows, items.len(), options.all, scope, out)?,
        Format::Text => {
            if rows.is_empty() {
                writeln!(
                    out,
                    "{}",
                    if options.all {
                        "No flags."
                    } else {
                        "No open flags."
                    }
                )?;
            }
            let width = style.terminal_width().unwrap_or(80).max(20);
            // What a block says of its item is wrapped once for the open flags on it and once
            // for the done ones, however many members flagged it.
            let mut said: Vec<[Option<String>; 2]> = vec![[None, None]; items.len()];
            for (i, row) in rows.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                let done = row.flag.status == FlagStatus::Done;
                let about = said[row.slot][usize::from(done)]
                    .get_or_insert_with(|| about(row.item, done, width, style.color));
                write_text(row, about, width, with_team, out)?;
            }
        }
    }
    Ok(())
}

/// The briefing id part of a target.
pub(super) fn briefing_of(target: &str) -> &str {
    target.split('/').next().unwrap_or(target)
}

/// The rows as one JSON array of objects with the keys of the module docs, in that order,
/// pretty-printed as serde_json prints it (two spaces an indent), written row by row.
///
/// 200,000 rows make 125 MB of JSON, most of it their items' target, title and text: those
/// are escaped once per item (`JsonItem`), not once per row. serde_json escapes every value.
/// Rows are laid out on all cores, a batch at a time (a few MB held), and written in order.
fn write_json(
    rows: &[Row],
    items: &[FollowUp],
    with_team: bool,
    out: &mut dyn Write,
) -> Result<()> {
    /// Rows laid out before they are written, and in one piece of work.
    const BATCH: usize = 1 << 14;
    const PIECE: usize = 1 << 10;
    if rows.is_empty() {
        writeln!(out, "[]")?;
        return Ok(());
    }
    let said: Vec<JsonItem> = items
        .par_iter()
        .map(JsonItem::of)
        .collect::<serde_json::Result<_>>()
        .map_err(json_failure)?;
    let lay_out = |first: usize, piece: &[Row]| -> serde_json::Result<Vec<u8>> {
        let mut buf = Vec::with_capacity(piece.len() * 700);
        for (i, row) in piece.iter().enumerate() {
            buf.extend_from_slice(if first + i == 0 { b"[\n  {" } else { b",\n  {" });
            json_row(&mut buf, row, &said[row.slot], with_team)?;
            buf.extend_from_slice(b"\n  }");
        }
        Ok(buf)
    };
    for (b, batch) in rows.chunks(BATCH).enumerate() {
        let pieces: Vec<Vec<u8>> = batch
            .par_chunks(PIECE)
            .enumerate()
            .map(|(p, piece)| lay_out(b * BATCH + p * PIECE, piece))
            .collect::<serde_json::Result<_>>()
            .map_err(json_failure)?;
        for piece in pieces {
            out.write_all(&piece)?;
        }
    }
    out.write_all(b"\n]\n")?;
    Ok(())
}

/// A row's fields, its item's escaped already.
fn json_row(
    buf: &mut Vec<u8>,
    row: &Row,
    item: &JsonItem,
    with_team: bool,
) -> serde_json::Result<()> {
    let f = &row.flag;
    buf.extend_from_slice(&item.head);
    json_field(buf, "note", &row.note())?;
    json_field(buf, "status", &f.status)?;
    json_field(buf, "created", row.created())?;
    json_field(buf, "updated", f.updated)?;
    buf.extend_from_slice(&item.tail);
    if with_team {
        json_field(buf, "by", f.by)?;
        json_field(buf, "assigned_to", &f.assigned_to)?;
        json_field(buf, "done_by", &f.done_by)?;
        json_field(buf, "shared", &f.shared)?;
    }
    Ok(())
}

/// What a JSON row says of its item, escaped once: the fields before the flag's own (`head`:
/// target, briefing, kind, title, text) and after them (`tail`: orphaned, changed, loaded,
/// folder, handling).
struct JsonItem {
    head: Vec<u8>,
    tail: Vec<u8>,
}

impl JsonItem {
    fn of(item: &FollowUp) -> serde_json::Result<JsonItem> {
        let mut head = Vec::new();
        json_field(&mut head, "target", &item.target)?;
        json_field(&mut head, "briefing", item.briefing())?;
        json_field(&mut head, "kind", item.kind())?;
        json_field(&mut head, "title", &item.title)?;
        json_field(&mut head, "text", &item.text)?;
        // The first field of an object follows its `{` without a comma.
        head.remove(0);
        let mut tail = Vec::new();
        json_field(&mut tail, "orphaned", &item.orphaned)?;
        json_field(&mut tail, "changed", &item.changed)?;
        json_field(&mut tail, "loaded", &item.loaded)?;
        json_field(&mut tail, "folder", &item.folder)?;
        json_field(&mut tail, "handling", &item.handling)?;
        Ok(JsonItem { head, tail })
    }
}

/// A comma, then one key and its value, as serde_json's pretty printer lays out a field of an
/// object inside an array.
fn json_field<T: Serialize + ?Sized>(
    buf: &mut Vec<u8>,
    key: &str,
    value: &T,
) -> serde_json::Result<()> {
    buf.extend_from_slice(b",\n    \"");
    buf.extend_from_slice(key.as_bytes());
    buf.extend_from_slice(b"\": ");
    serde_json::to_writer(&mut *buf, value)
}

fn json_failure(e: serde_json::Error) -> Failure {
    Failure::usage(format!("cannot write JSON: {e}"))
}

/// `2024-09-18T10:00:00Z` as `2024-09-18 10:00 UTC`; anything else as it is.
pub(super) fn when(rfc3339: &str) -> String {
    use time::format_description::well_known::Rfc3339;
    // The journal writes UTC whole seconds (`YYYY-MM-DDTHH:MM:SSZ`): said without a parser.
    if let Some(short) = plain_utc(rfc3339) {
        return short;
    }
    let Ok(t) = time::OffsetDateTime::parse(rfc3339, &Rfc3339) else {
        return shown(rfc3339);
    };
    let t = t.to_offset(time::UtcOffset::UTC);
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    t.format(&format).unwrap_or_else(|_| shown(rfc3339))
}

/// `YYYY-MM-DDTHH:MM:SSZ` as the number `YYYYMMDDHHMMSS`.
fn plain_utc_number(s: &str) -> Option<u64> {
    crate::store::is_plain_utc(s).then(|| {
        s.bytes()
            .filter(u8::is_ascii_digit)
            .fold(0, |n, d| n * 10 + u64::from(d - b'0'))
    })
}

/// `YYYY-MM-DDTHH:MM:SSZ` (a time as the journal writes it) as `YYYY-MM-DD HH:MM UTC`.
fn plain_utc(s: &str) -> Option<String> {
    crate::store::is_plain_utc(s).then(|| format!("{} {} UTC", &s[..10], &s[11..16]))
}

/// One flag as text:
///
/// ```text
/// ⚑ 2024-09-18-qaani-baghdad/quote/radi-1  [changed]
///   Quds Force chief Qaani makes unannounced Baghdad visit
///   Rasul Radi: “…”
///   Note: check the speaker
///   flagged 2024-09-18 10:00 UTC
///   by alice, assigned to bob            (with a team)
/// ```
fn write_text(
    row: &Row,
    about: &str,
    width: usize,
    with_team: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let f = &row.flag;
    fn put(out: &mut dyn Write, lines: Vec<String>) -> std::io::Result<()> {
        for line in lines {
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
    out.write_all(about.as_bytes())?;
    let note = row.note();
    if !note.is_empty() {
        put(out, wrap(&format!("Note: {note}"), width, "  ", "    "))?;
    }
    let mut dates = format!("flagged {}", when(row.created()));
    if f.updated != row.created() {
        dates.push_str(&format!(", updated {}", when(f.updated)));
    }
    put(out, wrap(&dates, width, "  ", "  "))?;
    if with_team {
        writeln!(out, "  {}", who(f))?;
    }
    Ok(())
}

/// What a flag's text block says of its item, wrapped to `width`, each line ending in a
/// newline: its target with the markers (done, where it is, changed), its title (after its TLP
/// marking, coloured when `color`) and its text.
fn about(item: &FollowUp, done: bool, width: usize, color: bool) -> String {
    let mut head = format!("{} {}", if done { "✓" } else { "⚑" }, shown(&item.target));
    let mut markers = Vec::new();
    if done {
        markers.push("[done]");
    }
    let whereabouts = item.whereabouts().map(|w| format!("[{w}]"));
    markers.extend(whereabouts.as_deref());
    if item.changed {
        markers.push("[changed since flagged]");
    }
    if !markers.is_empty() {
        head.push_str("  ");
        head.push_str(&markers.join(" "));
    }
    let mut lines = wrap(&head, width, "", "  ");
    let mut title = shown(&item.title);
    if let Some(h) = item.handling {
        title = format!("{} · {title}", tlp(h));
    }
    let mut title_lines = wrap(&title, width, "  ", "  ");
    // Colour only the marking at the start of the first line; the rest is measured plain.
    if let (true, Some(h), Some(first)) = (color, item.handling, title_lines.first_mut()) {
        *first = first.replacen(&tlp(h), &tlp_colored(h), 1);
    }
    lines.extend(title_lines);
    if item.text != item.title {
        lines.extend(wrap(&shown(&item.text), width, "  ", "  "));
    }
    let mut said = String::new();
    for line in lines {
        said.push_str(&line);
        said.push('\n');
    }
    said
}

/// `by alice, assigned to bob, done by bob` (`private` for a flag kept out of the team folder).
fn who(f: &TeamFlag) -> String {
    let mut s = format!("by {}", f.by);
    if let Some(to) = f.assigned_to {
        s.push_str(&format!(", assigned to {to}"));
    }
    if let Some(done_by) = f.done_by {
        s.push_str(&format!(", done by {done_by}"));
    }
    if !f.shared {
        s.push_str(" (private)");
    }
    s
}

/// The follow-ups as a Markdown checklist under the most restrictive TLP marking; with a team
/// (`scope`), one section per member.
fn write_markdown(
    rows: &[Row],
    items: usize,
    all: bool,
    scope: Option<Scope>,
    out: &mut dyn Write,
) -> Result<()> {
    let highest: Option<Handling> = rows
        .iter()
        .filter_map(|r| r.item.handling)
        .max_by_key(|h| tlp_rank(*h));
    if let Some(h) = highest {
        write!(out, "**{}**\n\n", tlp(h))?;
    }
    match scope {
        Some(scope) => write!(out, "# Follow-up ({})\n\n", scope.title())?,
        None => write!(out, "# Follow-up\n\n")?,
    }
    if rows.is_empty() {
        writeln!(out, "{}", if all { "No flags." } else { "No open flags." })?;
        return Ok(());
    }
    // What an item says is escaped once, however many flags point at it.
    let mut said: Vec<Option<MarkdownItem>> = std::iter::repeat_with(|| None).take(items).collect();
    let mut item = |row: &Row, out: &mut dyn Write| -> std::io::Result<()> {
        let said = said[row.slot].get_or_insert_with(|| MarkdownItem::of(row.item));
        out.write_all(markdown_item(row, said, scope.is_some()).as_bytes())
    };
    if scope.is_none() {
        for row in rows {
            item(row, out)?;
        }
        return Ok(());
    }
    let mut by_member: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for row in rows {
        by_member.entry(row.flag.by).or_default().push(row);
    }
    for (i, (name, rows)) in by_member.into_iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        write!(out, "## {name}\n\n")?;
        for row in rows {
            item(row, out)?;
        }
    }
    Ok(())
}

/// What a Markdown checklist item says of its item: `first` after the checkbox (its title, its
/// text unless it is a quote, its TLP marking; the quote cited whole; its target), `state`
/// below the note (orphaned, elsewhere, changed).
struct MarkdownItem {
    first: String,
    state: String,
}

impl MarkdownItem {
    fn of(item: &FollowUp) -> MarkdownItem {
        let mut first = format!("**{}**", md(&shown(&item.title)).replace('\n', " "));
        // A quote is cited whole below, in a block quote, rather than in one line here.
        if item.text != item.title && item.quote.is_none() {
            first.push_str(&format!(" — {}", md(&shown(&item.text)).replace('\n', " ")));
        }
        if let Some(h) = item.handling {
            first.push_str(&format!(" ({})", tlp(h)));
        }
        first.push('\n');
        if let Some(quote) = &item.quote {
            first.push_str(&format!(
                "  > {} — {}\n",
                md(&shown(&quote.words)).replace('\n', " "),
                md(&shown(&quote.attribution)).replace('\n', " ")
            ));
        }
        first.push_str(&format!(
            "  - Target: `{}`\n",
            shown(&item.target).replace('`', "'")
        ));
        let mut state = String::new();
        if item.orphaned {
            state.push_str("  - *Orphaned: the item no longer exists.*\n");
        } else if item.elsewhere() {
            match &item.folder {
                Some(folder) => state.push_str(&format!(
                    "  - *Not loaded here: flagged in `{}`.*\n",
                    shown(folder).replace('`', "'")
                )),
                None => {
                    state.push_str("  - *Not loaded here: its briefing is in another folder.*\n")
                }
            }
        }
        if item.changed {
            state.push_str("  - *Changed since it was flagged.*\n");
        }
        MarkdownItem { first, state }
    }
}

/// One flag as a Markdown checklist item with its details (with a team, who it is assigned
/// to and who did it).
fn markdown_item(row: &Row, item: &MarkdownItem, with_team: bool) -> String {
    let f = &row.flag;
    let check = if f.status == FlagStatus::Done {
        "x"
    } else {
        " "
    };
    let mut s = format!("- [{check}] {}", item.first);
    let note = row.note();
    if !note.is_empty() {
        s.push_str(&format!(
            "  - Note: {}\n",
            md(&note).replace('\n', "\n    ")
        ));
    }
    s.push_str(&item.state);
    s.push_str(&format!("  - Flagged {}\n", when(row.created())));
    if with_team {
        let mut details = Vec::new();
        if let Some(to) = f.assigned_to {
            details.push(format!("Assigned to {to}"));
        }
        if let Some(done_by) = f.done_by {
            details.push(format!("Done by {done_by}"));
        }
        if !f.shared {
            details.push("Private (not shared with the team)".to_string());
        }
        if !details.is_empty() {
            s.push_str(&format!("  - {}\n", details.join("; ")));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Flag;

    /// The JSON rows, laid out by hand from pieces serde_json escapes, are what serde_json's
    /// pretty printer makes of the same objects, escapes and nulls included.
    #[test]
    fn json_rows_are_laid_out_as_serde_json_lays_them_out() {
        let flag = |target: &str, note: &str, folder: Option<&str>| Flag {
            target: target.into(),
            created: "2026-11-24T10:00:00Z".into(),
            updated: "2026-11-25T10:00:00Z".into(),
            note: note.into(),
            status: FlagStatus::Open,
            fingerprint: "f".into(),
            title: "A \"title\"\twith\u{1b}[31m escapes".into(),
            text: "text\nover lines \u{2028} é".into(),
            folder: folder.map(str::to_string),
            assigned_to: None,
            status_at: "2026-11-24T10:00:00Z".into(),
        };
        let flags = [
            flag("b1/quote/q1", "", None),
            flag("b2", "a note\u{7}", Some("/srv/\"x\"")),
        ];
        let items: Vec<FollowUp> = flags
            .iter()
            .map(|f| FollowUp::from_flag(f, &crate::briefing::Library::default(), None))
            .collect();
        let mut shared = TeamFlag::private("alice", &flags[1]);
        shared.assigned_to = Some("bob");
        shared.done_by = Some("bob");
        shared.shared = true;
        let alone = TeamFlag::private("alice", &flags[0]);
        let rows = [
            Row {
                flag: &alone,
                item: &items[0],
                slot: 0,
            },
            Row {
                flag: &shared,
                item: &items[1],
                slot: 1,
            },
        ];
        for with_team in [false, true] {
            let expected: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| {
                    let mut v = serde_json::json!({
                        "target": r.item.target,
                        "briefing": r.item.briefing(),
                        "kind": r.item.kind(),
                        "title": r.item.title,
                        "text": r.item.text,
                        "note": r.note(),
                        "status": r.flag.status,
                        "created": r.created(),
                        "updated": r.flag.updated,
                        "orphaned": r.item.orphaned,
                        "changed": r.item.changed,
                        "loaded": r.item.loaded,
                        "folder": r.item.folder,
                        "handling": r.item.handling,
                    });
                    if with_team {
                        let o = v.as_object_mut().unwrap();
                        o.insert("by".into(), r.flag.by.into());
                        o.insert("assigned_to".into(), r.flag.assigned_to.into());
                        o.insert("done_by".into(), r.flag.done_by.into());
                        o.insert("shared".into(), r.flag.shared.into());
                    }
                    v
                })
                .collect();
            let mut out = Vec::new();
            write_json(&rows, &items, with_team, &mut out).unwrap();
            let expected = serde_json::to_string_pretty(&expected).unwrap() + "\n";
            assert_eq!(String::from_utf8(out).unwrap(), expected);
        }
        let mut out = Vec::new();
        write_json(&[], &[], true, &mut out).unwrap();
        assert_eq!(out, b"[]\n");
    }

    #[test]
    fn journal_times_are_said_like_any_other() {
        for t in [
            "2024-09-18T10:00:00Z",
            "2026-11-28T23:59:59Z",
            "2024-02-29T10:00:00Z",
            "2024-09-18T10:00:00+02:00",
            "2024-09-18T10:00:00.5Z",
            "2023-02-29T10:00:00Z",
            "2024-13-01T10:00:00Z",
            "not a time",
        ] {
            let full = {
                use time::format_description::well_known::Rfc3339;
                match time::OffsetDateTime::parse(t, &Rfc3339) {
                    Ok(parsed) => parsed
                        .to_offset(time::UtcOffset::UTC)
                        .format(time::macros::format_description!(
                            "[year]-[month]-[day] [hour]:[minute] UTC"
                        ))
                        .unwrap(),
                    Err(_) => t.to_string(),
                }
            };
            assert_eq!(when(t), full, "{t}");
        }
    }

    /// Sorting numbers gives the order comparing texts gives: by `created`, target, member,
    /// with times in the journal's shape or not (a hand-edited journal), many in one second.
    #[test]
    fn the_listing_order_is_by_time_target_and_member_as_text() {
        let flag = |target: &str, created: &str| Flag {
            target: target.into(),
            created: created.into(),
            updated: created.into(),
            note: String::new(),
            status: FlagStatus::Open,
            fingerprint: String::new(),
            title: String::new(),
            text: String::new(),
            folder: None,
            assigned_to: None,
            status_at: created.into(),
        };
        let plain = [
            ("b2", "2026-11-24T10:00:00Z"),
            ("b1/quote/q1", "2026-11-24T10:00:00Z"),
            ("b1", "2026-11-24T10:00:00Z"),
            ("b3", "2026-11-24T09:59:59Z"),
            ("b1", "2026-11-24T10:00:01Z"),
        ];
        let odd = [
            ("b0", "2026-11-24T10:00:00.5Z"),
            ("b9", "2026-11-24T09:00:00+00:00"),
        ];
        for flags in [plain.to_vec(), [&plain[..], &odd[..]].concat()] {
            let flags: Vec<Flag> = flags.iter().map(|(t, c)| flag(t, c)).collect();
            // Two members flagged each of them.
            let picked: Vec<TeamFlag> = ["bob", "alice"]
                .iter()
                .flat_map(|by| flags.iter().map(|f| TeamFlag::private(by, f)))
                .collect();
            let library = crate::briefing::Library::default();
            let items: Vec<FollowUp> = flags
                .iter()
                .map(|f| FollowUp::from_flag(f, &library, None))
                .collect();
            let item_of: Vec<usize> = (0..picked.len()).map(|i| i % flags.len()).collect();
            let listed: Vec<(&str, &str, &str)> = listing_order(&picked, &items, &item_of)
                .into_iter()
                .map(|i| {
                    let f = &picked[i as usize];
                    (f.flag.created(), f.flag.target(), f.by)
                })
                .collect();
            let mut expected = listed.clone();
            expected.sort_unstable();
            assert_eq!(listed, expected);
            assert_eq!(listed.len(), picked.len());
        }
    }
}
