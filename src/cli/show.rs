//! `brief show ID [PATH] [--json | --markdown] [--width N]`: one briefing.
//!
//! - Text (default): the TLP marking first, then the header (title, date, id, tags, sources)
//!   and every section that has content: Summary (BLUF first), Key judgments, Actors, Quotes,
//!   Timeline (chronological), each item with its notes and its address (`[quote/q-…]`, to be
//!   prefixed with the briefing id for `brief flag`). Wrapped so that no line is wider than
//!   `--width`, else the terminal, else 80 columns; long words are broken.
//! - `--json`: the normalized briefing, every id filled in (derived ones too), `x-` keys kept,
//!   `handling` carrying the TLP marking.
//! - `--markdown`: a document for a report, the TLP marking (`**TLP:AMBER**`) as its first line.
//!
//! An unknown ID exits 1 with the closest ids.

use std::io::Write;
use std::path::PathBuf;

use super::output::{did_you_mean, md, suggestions, tlp, tlp_colored, wrap};
use super::{Failure, Result, Style, load_lean, note_failed, shown};
use crate::briefing::{Actor, Briefing, Library, Quote, QuoteMode};

/// The narrowest text `show` wraps to.
pub const MIN_WIDTH: usize = 20;
/// The width when stdout is not a terminal and `--width` is not given.
pub const DEFAULT_WIDTH: usize = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

pub struct Options {
    pub id: String,
    pub path: PathBuf,
    pub format: Format,
    pub width: Option<usize>,
}

pub fn run(
    options: &Options,
    style: Style,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    if let Some(w) = options.width.filter(|&w| w < MIN_WIDTH) {
        return Err(Failure::usage(format!(
            "--width must be at least {MIN_WIDTH} columns, not {w}"
        )));
    }
    let mut library = load_lean(&options.path)?;
    library.complete(&options.id);
    let Some(briefing) = library.briefing(&options.id) else {
        note_failed(&library, err);
        return Err(unknown_id(&library, &options.id));
    };
    match options.format {
        Format::Json => {
            let text = serde_json::to_string_pretty(briefing)
                .map_err(|e| Failure::usage(format!("cannot write JSON: {e}")))?;
            writeln!(out, "{text}")?;
        }
        Format::Markdown => out.write_all(markdown(briefing).as_bytes())?,
        Format::Text => {
            let width = options
                .width
                .or_else(|| style.terminal_width())
                .unwrap_or(DEFAULT_WIDTH)
                .max(MIN_WIDTH);
            for line in text(briefing, width, style.color) {
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(0)
}

fn unknown_id(library: &Library, id: &str) -> Failure {
    let near = suggestions(id, library.briefings.iter().map(|b| b.id.as_str()), 3);
    let mut message = format!("no briefing with id `{}`{}", shown(id), did_you_mean(&near));
    if near.is_empty() {
        message.push_str("; brief list shows every id");
    }
    Failure::problems(message)
}

/// Builds wrapped lines; every push goes through `wrap`, so no line is wider than `width`.
struct Page {
    width: usize,
    color: bool,
    lines: Vec<String>,
}

impl Page {
    fn para(&mut self, text: &str, first: &str, rest: &str) {
        self.lines.extend(wrap(text, self.width, first, rest));
    }

    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    fn heading(&mut self, title: &str) {
        self.blank();
        let lines = wrap(&title.to_uppercase(), self.width, "", "");
        for line in lines {
            if self.color {
                self.lines.push(format!("\x1b[1m{line}\x1b[0m"));
            } else {
                self.lines.push(line);
            }
        }
    }

    /// A labelled field under an item: `    Note: ...`.
    fn field(&mut self, label: &str, value: &str) {
        self.para(&format!("{label}: {value}"), "    ", "      ");
    }
}

/// The briefing as plain text lines, none wider than `width` columns.
pub fn text(b: &Briefing, width: usize, color: bool) -> Vec<String> {
    let mut page = Page {
        width,
        color,
        lines: Vec::new(),
    };
    if let Some(h) = b.handling {
        page.lines.push(if color { tlp_colored(h) } else { tlp(h) });
    }
    if color {
        for line in wrap(&b.title, width, "", "") {
            page.lines.push(format!("\x1b[1m{line}\x1b[0m"));
        }
    } else {
        page.para(&b.title, "", "");
    }
    page.para(&format!("Date: {}", b.date), "", "  ");
    page.para(&format!("Id: {}", b.id), "", "  ");
    if !b.tags.is_empty() {
        page.para(&format!("Tags: {}", b.tags.join(", ")), "", "  ");
    }

    page.heading("Summary");
    let mut paragraphs = b
        .summary
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty());
    if let Some(bluf) = paragraphs.next() {
        page.para(
            &format!("BLUF: {}", crate::briefing::unlabelled_bluf(bluf)),
            "",
            "",
        );
    }
    for p in paragraphs {
        page.blank();
        page.para(p, "", "");
    }

    if !b.judgments.is_empty() {
        page.heading("Key judgments");
        for j in &b.judgments {
            page.para(&j.text, "  - ", "    ");
            let mut meta = Vec::new();
            if let Some(l) = j.likelihood {
                meta.push(l.to_string());
            }
            if let Some(c) = j.confidence {
                meta.push(format!("{c} confidence"));
            }
            meta.push(format!("[judgment/{}]", j.id));
            page.para(&meta.join(" · "), "    ", "    ");
            if let Some(note) = &j.note {
                page.field("Note", note);
            }
        }
    }

    if !b.sources.is_empty() {
        page.heading("Sources");
        for s in &b.sources {
            let mut line = s.name.clone();
            if let Some(r) = s.reliability {
                line.push_str(&format!(" (reliability {r})"));
            }
            if let Some(p) = s.published {
                line.push_str(&format!(", published {p}"));
            }
            page.para(&line, "  - ", "    ");
            if let Some(url) = &s.url {
                page.para(url, "    ", "    ");
            }
        }
    }

    if !b.actors.is_empty() {
        page.heading("Actors");
        for a in &b.actors {
            let mut head = format!("{} ({})", a.name, a.kind);
            if a.anonymous {
                head.push_str(" (anonymous)");
            }
            page.para(&head, "  - ", "    ");
            if let Some(role) = &a.role {
                page.para(role, "    ", "    ");
            }
            if let Some(aff) = &a.affiliation {
                page.field("Affiliation", &affiliation(b, aff));
            }
            if !a.aliases.is_empty() {
                page.field("Aliases", &a.aliases.join(", "));
            }
            if let Some(note) = &a.note {
                page.field("Note", note);
            }
            page.para(&format!("[actor/{}]", a.id), "    ", "    ");
        }
    }

    if !b.quotes.is_empty() {
        page.heading("Quotes");
        for q in &b.quotes {
            page.para(&quote_head(b, q), "  - ", "    ");
            page.para(&quote_text(q), "    ", "    ");
            if !q.about.is_empty() {
                page.field("About", &actor_names(b, &q.about));
            }
            if let Some(c) = q.credibility {
                page.field("Credibility", &c.to_string());
            }
            if let Some(note) = &q.note {
                page.field("Note", note);
            }
            page.para(&format!("[quote/{}]", q.id), "    ", "    ");
        }
    }

    let timeline = b.timeline();
    if !timeline.is_empty() {
        page.heading("Timeline");
        for e in timeline {
            page.para(&format!("{}  {}", e.date, e.text), "  - ", "    ");
            if !e.actors.is_empty() {
                page.field("Actors", &actor_names(b, &e.actors));
            }
            if let Some(c) = e.credibility {
                page.field("Credibility", &c.to_string());
            }
            if let Some(note) = &e.note {
                page.field("Note", note);
            }
            page.para(&format!("[event/{}]", e.id), "    ", "    ");
        }
    }

    if !b.extensions.is_empty() {
        page.heading("Extensions");
        let keys: Vec<&str> = b.extensions.keys().map(String::as_str).collect();
        page.para(
            &format!("{} (see brief show --json)", keys.join(", ")),
            "",
            "",
        );
    }
    page.lines
}

/// `Name (id)` when the affiliation names another actor of the briefing, else the text.
fn affiliation(b: &Briefing, text: &str) -> String {
    match b.actor(text) {
        Some(other) => format!("{} ({})", other.name, other.id),
        None => text.to_string(),
    }
}

fn actor_names(b: &Briefing, ids: &[String]) -> String {
    ids.iter()
        .map(|id| b.actor(id).map_or(id.as_str(), |a: &Actor| a.name.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `Rasul Radi (anonymous), direct, told Shafaq News, said 2024-09-16, Shafaq News`.
fn quote_head(b: &Briefing, q: &Quote) -> String {
    let mut parts = vec![speaker(b, q)];
    parts.push(q.mode.to_string());
    if let Some(context) = &q.context {
        parts.push(context.clone());
    }
    if let Some(said) = q.said {
        parts.push(format!("said {said}"));
    }
    if let Some(source) = &q.source {
        parts.push(format!(
            "source: {}",
            b.source(source)
                .map_or(source.as_str(), |s| s.name.as_str())
        ));
    }
    parts.join(", ")
}

fn speaker(b: &Briefing, q: &Quote) -> String {
    let name = b.speaker_name(q).to_string();
    if b.actor(&q.speaker).is_some_and(|a| a.anonymous) {
        format!("{name} (anonymous)")
    } else {
        name
    }
}

/// Verbatim quotes in quotation marks; paraphrases without.
fn quote_text(q: &Quote) -> String {
    match q.mode {
        QuoteMode::Direct => format!("\u{201c}{}\u{201d}", q.text),
        QuoteMode::Indirect => q.text.clone(),
    }
}

/// The briefing as a Markdown document, the TLP marking on the first line.
pub fn markdown(b: &Briefing) -> String {
    let mut s = String::new();
    let mut push = |line: &str| {
        s.push_str(line);
        s.push('\n');
    };
    if let Some(h) = b.handling {
        push(&format!("**{}**", tlp(h)));
        push("");
    }
    push(&format!("# {}", md(&b.title)));
    push("");
    push(&format!("- **Date:** {}", b.date));
    push(&format!("- **Id:** `{}`", b.id));
    if !b.tags.is_empty() {
        push(&format!("- **Tags:** {}", md(&b.tags.join(", "))));
    }
    push("");
    push("## Summary");
    push("");
    let mut paragraphs = b
        .summary
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty());
    if let Some(bluf) = paragraphs.next() {
        push(&format!(
            "**BLUF:** {}",
            md(crate::briefing::unlabelled_bluf(bluf))
        ));
        push("");
    }
    for p in paragraphs {
        push(&md(p));
        push("");
    }
    if !b.judgments.is_empty() {
        push("## Key judgments");
        push("");
        for j in &b.judgments {
            let mut meta = Vec::new();
            if let Some(l) = j.likelihood {
                meta.push(format!("*{l}*"));
            }
            if let Some(c) = j.confidence {
                meta.push(format!("{c} confidence"));
            }
            let meta = if meta.is_empty() {
                String::new()
            } else {
                format!(" ({})", meta.join(", "))
            };
            push(&format!("- {}{meta}", indent_md(&md(&j.text))));
            if let Some(note) = &j.note {
                push(&format!("  - *Note:* {}", indent_md(&md(note))));
            }
        }
        push("");
    }
    if !b.sources.is_empty() {
        push("## Sources");
        push("");
        for src in &b.sources {
            let name = match &src.url {
                Some(url) => format!("[{}](<{}>)", md(&src.name), url.replace(['<', '>'], "")),
                None => md(&src.name),
            };
            let mut line = format!("- {name}");
            if let Some(r) = src.reliability {
                line.push_str(&format!(", reliability {r}"));
            }
            if let Some(p) = src.published {
                line.push_str(&format!(", published {p}"));
            }
            push(&line);
        }
        push("");
    }
    if !b.actors.is_empty() {
        push("## Actors");
        push("");
        for a in &b.actors {
            let mut line = format!("- **{}** ({})", md(&a.name), a.kind);
            if a.anonymous {
                line.push_str(", anonymous");
            }
            if let Some(role) = &a.role {
                line.push_str(&format!(": {}", md(role)));
            }
            push(&indent_md(&line));
            if let Some(aff) = &a.affiliation {
                push(&format!("  - *Affiliation:* {}", md(&affiliation(b, aff))));
            }
            if !a.aliases.is_empty() {
                push(&format!("  - *Aliases:* {}", md(&a.aliases.join(", "))));
            }
            if let Some(note) = &a.note {
                push(&format!("  - *Note:* {}", indent_md(&md(note))));
            }
        }
        push("");
    }
    if !b.quotes.is_empty() {
        push("## Quotes");
        push("");
        for q in &b.quotes {
            for line in md(&quote_text(q)).split('\n') {
                push(format!("> {line}").trim_end());
            }
            push(">");
            push(&format!("> — {}", md(&quote_head(b, q))));
            if let Some(note) = &q.note {
                push(">");
                push(&format!("> *Note:* {}", md(note).replace('\n', "\n> ")));
            }
            push("");
        }
    }
    let timeline = b.timeline();
    if !timeline.is_empty() {
        push("## Timeline");
        push("");
        for e in timeline {
            push(&format!("- **{}** {}", e.date, indent_md(&md(&e.text))));
            if let Some(note) = &e.note {
                push(&format!("  - *Note:* {}", indent_md(&md(note))));
            }
        }
        push("");
    }
    while s.ends_with("\n\n") {
        s.pop();
    }
    s
}

/// Continues a list item's text on following lines.
fn indent_md(text: &str) -> String {
    text.replace('\n', "\n  ")
}
