//! The rules of the briefing format, applied to a parsed file.
//!
//! `decode` walks the syntax tree of one file, builds a `Briefing` and collects every problem it
//! finds on the way (not just the first), each at the span of the offending key or value.

use std::borrow::Cow;

use crate::suggest::closest;

use super::ids::{ItemKind, derived_id, is_valid_id, slug};
use super::model::*;
use super::node::{Entry, Node, NodeValue, Span};
use super::problem::Severity;
use super::sanitize::{describe, is_forbidden, locate_in_source, neutralize};

/// The newest format version this build of `brief` understands.
pub const FORMAT_VERSION: i64 = 1;

/// A problem found while decoding, before it is given a line and column.
#[derive(Debug, Clone)]
pub struct Issue {
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub hint: Option<String>,
}

/// The outcome for one file: the briefing (absent when any error was found) and the issues.
pub struct Decoded {
    pub briefing: Option<Briefing>,
    /// Where the briefing's id came from (the `id` value, or the file start when derived).
    pub id_span: Span,
    pub issues: Vec<Issue>,
}

/// Caps the warnings about control characters, so a hostile file cannot flood `brief check`.
const MAX_CONTROL_WARNINGS: usize = 50;
/// Caps the errors kept for one file: enough to fix a file, bounded for a hostile one.
const MAX_ERRORS: usize = 200;
/// References that get a "did you mean" hint (each costs a scan of every id).
const MAX_HINTED_REFERENCES: usize = 20;

const TOP: &[&str] = &[
    "format",
    "id",
    "title",
    "date",
    "summary",
    "tags",
    "handling",
    "judgments",
    "sources",
    "actors",
    "quotes",
    "events",
];
const JUDGMENT: &[&str] = &["id", "text", "likelihood", "confidence", "note"];
const SOURCE: &[&str] = &["id", "name", "url", "published", "reliability"];
const ACTOR: &[&str] = &[
    "id",
    "name",
    "kind",
    "role",
    "affiliation",
    "aliases",
    "anonymous",
    "note",
];
const QUOTE: &[&str] = &[
    "id",
    "speaker",
    "text",
    "mode",
    "context",
    "said",
    "source",
    "about",
    "credibility",
    "note",
];
const EVENT: &[&str] = &["id", "date", "text", "actors", "credibility", "note"];

pub fn decode(root: &Node, source: &str, fallback_id: Option<&str>) -> Decoded {
    let mut d = Decoder {
        source,
        issues: Vec::new(),
        control_warnings: 0,
        errors: 0,
        references: Vec::new(),
    };
    let (briefing, id_span) = d.briefing(root, fallback_id);
    if d.errors > MAX_ERRORS {
        d.issues.push(Issue {
            severity: Severity::Error,
            span: 0..0,
            message: format!(
                "{} more errors in this file are not listed",
                d.errors - MAX_ERRORS
            ),
            hint: Some("fix the ones above and check again".into()),
        });
    }
    let failed = d.issues.iter().any(|i| i.severity == Severity::Error);
    Decoded {
        briefing: if failed { None } else { briefing },
        id_span,
        issues: d.issues,
    }
}

/// An id written in one item that must name an item of another kind.
struct Reference {
    span: Span,
    id: String,
    to: RefersTo,
    field: &'static str,
}

#[derive(Clone, Copy, PartialEq)]
enum RefersTo {
    Actor,
    Source,
}

struct Decoder<'s> {
    source: &'s str,
    issues: Vec<Issue>,
    control_warnings: usize,
    errors: usize,
    references: Vec<Reference>,
}

/// The entries of one table, after unknown keys were reported and `x-` keys set aside.
struct Fields<'n> {
    span: Span,
    what: &'static str,
    entries: Vec<&'n Entry<'n>>,
    extensions: Extensions,
}

impl<'n> Fields<'n> {
    fn get(&self, key: &str) -> Option<&'n Node<'n>> {
        self.entries
            .iter()
            .find(|e| e.key == key)
            .map(|e| &e.value)
            // A JSON null is how pipelines say "absent"; treat it so.
            .filter(|n| !matches!(n.value, NodeValue::Null))
    }
}

impl<'s> Decoder<'s> {
    fn error(&mut self, span: Span, message: String, hint: Option<String>) {
        self.errors += 1;
        if self.errors > MAX_ERRORS {
            return;
        }
        self.issues.push(Issue {
            severity: Severity::Error,
            span,
            message,
            hint,
        });
    }

    fn expected(&mut self, node: &Node, field: &str, expected: &str) {
        self.error(
            node.span.clone(),
            format!("`{field}` must be {expected}, found {}", node.value.kind()),
            None,
        );
    }

    fn briefing(&mut self, root: &Node, fallback_id: Option<&str>) -> (Option<Briefing>, Span) {
        let file_start = 0..0;
        let Some(top) = self.table(root, "the briefing", TOP, &["title", "date", "summary"]) else {
            return (None, file_start);
        };

        let format = match top.get("format") {
            None => FORMAT_VERSION,
            Some(node) => match self.integer(node, "format") {
                Some(v) if v > FORMAT_VERSION => {
                    self.error(
                        node.span.clone(),
                        format!(
                            "format version {v} is newer than this brief understands (version {FORMAT_VERSION})"
                        ),
                        Some("upgrade brief to read this briefing".into()),
                    );
                    // A newer format may mean anything; checking further would only add noise.
                    return (None, file_start);
                }
                Some(v) if v >= 1 => v,
                Some(v) => {
                    self.error(
                        node.span.clone(),
                        format!("format version {v} does not exist; versions start at 1"),
                        Some("remove `format`, or write `format = 1`".into()),
                    );
                    FORMAT_VERSION
                }
                None => FORMAT_VERSION,
            },
        };

        let (id, id_span) = match top.get("id") {
            Some(node) => (self.id(node, "id"), node.span.clone()),
            None => match fallback_id {
                Some(stem) if is_valid_id(stem) => (Some(stem.to_string()), file_start.clone()),
                Some(stem) => {
                    self.error(
                        0..0,
                        format!("the file name `{stem}` cannot serve as the briefing's id (ids match ^[a-z0-9][a-z0-9._-]{{0,79}}$)"),
                        Some(format!("add `id = \"{}\"` or rename the file", slug(stem))),
                    );
                    (None, file_start.clone())
                }
                None => {
                    self.error(
                        0..0,
                        "the briefing has no `id`".into(),
                        Some("add an `id`".into()),
                    );
                    (None, file_start.clone())
                }
            },
        };

        let title = top.get("title").and_then(|n| self.title(n));
        let date = top.get("date").and_then(|n| self.date(n, "date"));
        let summary = top
            .get("summary")
            .and_then(|n| self.text(n, "summary", true));
        let tags = top
            .get("tags")
            .map(|n| self.strings(n, "tags"))
            .unwrap_or_default();
        let handling = top.get("handling").and_then(|n| {
            self.word(
                n,
                "handling",
                Handling::parse,
                Handling::WORDS,
                Handling::ACCEPTED,
            )
        });

        let judgments = self.items(&top, "judgments", |d, node| d.judgment(node));
        let sources = self.items(&top, "sources", |d, node| d.source_entry(node));
        let actors = self.items(&top, "actors", |d, node| d.actor(node));
        let quotes = self.items(&top, "quotes", |d, node| d.quote(node));
        let events = self.items(&top, "events", |d, node| d.event(node));

        self.unique_ids(judgments.iter().map(|(j, s)| (&j.id, s)), "judgment");
        self.unique_ids(sources.iter().map(|(x, s)| (&x.id, s)), "source");
        self.unique_ids(actors.iter().map(|(x, s)| (&x.id, s)), "actor");
        self.unique_ids(quotes.iter().map(|(x, s)| (&x.id, s)), "quote");
        self.unique_ids(events.iter().map(|(x, s)| (&x.id, s)), "event");
        self.resolve_references(&actors, &sources);

        let briefing = (|| {
            Some(Briefing {
                format: format as u32,
                id: id?,
                title: title?,
                date: date?,
                summary: summary?,
                tags,
                handling,
                judgments: judgments.into_iter().map(|x| x.0).collect(),
                sources: sources.into_iter().map(|x| x.0).collect(),
                actors: actors.into_iter().map(|x| x.0).collect(),
                quotes: quotes.into_iter().map(|x| x.0).collect(),
                events: events.into_iter().map(|x| x.0).collect(),
                extensions: top.extensions,
                path: Default::default(),
            })
        })();
        (briefing, id_span)
    }

    /// Checks that `node` is a table, reports unknown and missing keys.
    fn table<'n>(
        &mut self,
        node: &'n Node,
        what: &'static str,
        known: &[&str],
        required: &[&str],
    ) -> Option<Fields<'n>> {
        let NodeValue::Table(entries) = &node.value else {
            self.error(
                node.span.clone(),
                format!(
                    "{what} must be a table (a JSON object), found {}",
                    node.value.kind()
                ),
                None,
            );
            return None;
        };
        let mut fields = Fields {
            span: node.span.clone(),
            what,
            entries: Vec::with_capacity(entries.len()),
            extensions: Extensions::new(),
        };
        for (i, entry) in entries.iter().enumerate() {
            // Tables hold a dozen keys at most: a scan beats hashing. (TOML itself rejects
            // duplicates; JSON does not.)
            if entries[..i].iter().any(|e| e.key == entry.key) {
                self.error(
                    entry.key_span.clone(),
                    format!("`{}` is given twice in {what}", quoted(&entry.key)),
                    None,
                );
                continue;
            }
            if entry.key.starts_with("x-") {
                if entry.key.chars().any(is_forbidden) {
                    self.warn_controls_at(&entry.key, entry.key_span.clone(), "a key");
                }
                self.warn_controls_within(&entry.value, &entry.key);
                fields
                    .extensions
                    .insert(neutralize(&entry.key).into_owned(), entry.value.to_json());
            } else if known.contains(&entry.key.as_ref()) {
                fields.entries.push(entry);
            } else {
                let hint = closest(&entry.key, known)
                    .map(|k| format!("did you mean `{k}`?"))
                    .or_else(|| {
                        Some(format!(
                            "known fields here: {}; custom data goes under keys starting with `x-`",
                            known.join(", ")
                        ))
                    });
                self.error(
                    entry.key_span.clone(),
                    format!("unknown field `{}` in {what}", quoted(&entry.key)),
                    hint,
                );
            }
        }
        for key in required {
            if fields.get(key).is_none() {
                self.error(
                    fields.span.clone(),
                    format!("{} lacks the required field `{key}`", fields.what),
                    None,
                );
            }
        }
        Some(fields)
    }

    /// Decodes an array of tables, keeping each item's span for later checks.
    fn items<T>(
        &mut self,
        top: &Fields<'_>,
        field: &str,
        mut one: impl FnMut(&mut Self, &Node) -> Option<T>,
    ) -> Vec<(T, Span)> {
        let Some(node) = top.get(field) else {
            return Vec::new();
        };
        let NodeValue::Array(items) = &node.value else {
            self.expected(node, field, "an array of tables");
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| one(self, item).map(|x| (x, id_span(item))))
            .collect()
    }

    fn judgment(&mut self, node: &Node) -> Option<Judgment> {
        let f = self.table(node, "a judgment", JUDGMENT, &["text"])?;
        let text = f.get("text").and_then(|n| self.text(n, "text", true));
        let explicit = f.get("id").map(|n| self.id(n, "id"));
        let likelihood = f.get("likelihood").and_then(|n| {
            self.word(
                n,
                "likelihood",
                Likelihood::parse,
                Likelihood::WORDS,
                Likelihood::ACCEPTED,
            )
        });
        let confidence = f.get("confidence").and_then(|n| {
            self.word(
                n,
                "confidence",
                Confidence::parse,
                Confidence::WORDS,
                Confidence::ACCEPTED,
            )
        });
        let note = self.optional_text(&f, "note");
        let text = text?;
        Some(Judgment {
            id: match explicit {
                Some(id) => id?,
                None => derived_id(ItemKind::Judgment, &[&text]),
            },
            text,
            likelihood,
            confidence,
            note,
            extensions: f.extensions,
        })
    }

    fn source_entry(&mut self, node: &Node) -> Option<Source> {
        let f = self.table(node, "a source", SOURCE, &["id", "name"])?;
        let id = f.get("id").and_then(|n| self.id(n, "id"));
        let name = f.get("name").and_then(|n| self.text(n, "name", true));
        let url = self.optional_text(&f, "url");
        let published = f.get("published").and_then(|n| self.date(n, "published"));
        let reliability = f.get("reliability").and_then(|n| {
            self.word(
                n,
                "reliability",
                Reliability::parse,
                Reliability::WORDS,
                Reliability::ACCEPTED,
            )
        });
        Some(Source {
            id: id?,
            name: name?,
            url,
            published,
            reliability,
            extensions: f.extensions,
        })
    }

    fn actor(&mut self, node: &Node) -> Option<Actor> {
        let f = self.table(node, "an actor", ACTOR, &["id", "name"])?;
        let id = f.get("id").and_then(|n| self.id(n, "id"));
        let name = f.get("name").and_then(|n| self.text(n, "name", true));
        let kind = f
            .get("kind")
            .and_then(|n| {
                self.word(
                    n,
                    "kind",
                    ActorKind::parse,
                    ActorKind::WORDS,
                    ActorKind::ACCEPTED,
                )
            })
            .unwrap_or(ActorKind::Person);
        let role = self.optional_text(&f, "role");
        let affiliation = self.optional_text(&f, "affiliation");
        let aliases = f
            .get("aliases")
            .map(|n| self.strings(n, "aliases"))
            .unwrap_or_default();
        let anonymous = f
            .get("anonymous")
            .and_then(|n| self.boolean(n, "anonymous"))
            .unwrap_or(false);
        let note = self.optional_text(&f, "note");
        Some(Actor {
            id: id?,
            name: name?,
            kind,
            role,
            affiliation,
            aliases,
            anonymous,
            note,
            extensions: f.extensions,
        })
    }

    fn quote(&mut self, node: &Node) -> Option<Quote> {
        let f = self.table(node, "a quote", QUOTE, &["speaker", "text"])?;
        let speaker = f
            .get("speaker")
            .and_then(|n| self.reference(n, "speaker", RefersTo::Actor));
        let text = f.get("text").and_then(|n| self.text(n, "text", true));
        let about = f
            .get("about")
            .map(|n| self.references(n, "about", RefersTo::Actor))
            .unwrap_or_default();
        let explicit = f.get("id").map(|n| self.id(n, "id"));
        let mode = f
            .get("mode")
            .and_then(|n| {
                self.word(
                    n,
                    "mode",
                    QuoteMode::parse,
                    QuoteMode::WORDS,
                    QuoteMode::ACCEPTED,
                )
            })
            .unwrap_or(QuoteMode::Direct);
        let context = self.optional_text(&f, "context");
        let said = f.get("said").and_then(|n| self.date(n, "said"));
        let source = f
            .get("source")
            .and_then(|n| self.reference(n, "source", RefersTo::Source));
        let credibility = f.get("credibility").and_then(|n| self.credibility(n));
        let note = self.optional_text(&f, "note");
        let (speaker, text) = (speaker?, text?);
        Some(Quote {
            id: match explicit {
                Some(id) => id?,
                None => derived_id(ItemKind::Quote, &[&speaker, &text]),
            },
            speaker,
            text,
            mode,
            context,
            said,
            source,
            about,
            credibility,
            note,
            extensions: f.extensions,
        })
    }

    fn event(&mut self, node: &Node) -> Option<Event> {
        let f = self.table(node, "an event", EVENT, &["date", "text"])?;
        let date = f.get("date").and_then(|n| self.event_date(n));
        let text = f.get("text").and_then(|n| self.text(n, "text", true));
        let actors = f
            .get("actors")
            .map(|n| self.references(n, "actors", RefersTo::Actor))
            .unwrap_or_default();
        let explicit = f.get("id").map(|n| self.id(n, "id"));
        let credibility = f.get("credibility").and_then(|n| self.credibility(n));
        let note = self.optional_text(&f, "note");
        let (date, text) = (date?, text?);
        Some(Event {
            id: match explicit {
                Some(id) => id?,
                None => derived_id(ItemKind::Event, &[&date.to_string(), &text]),
            },
            date,
            text,
            actors,
            credibility,
            note,
            extensions: f.extensions,
        })
    }

    // ----- values -----

    /// A string, neutralised; `required` also rejects one that is empty or only spaces.
    fn text(&mut self, node: &Node, field: &str, required: bool) -> Option<String> {
        let NodeValue::String(raw) = &node.value else {
            self.expected(node, field, "a string");
            return None;
        };
        if required && raw.trim().is_empty() {
            self.error(node.span.clone(), format!("`{field}` is empty"), None);
            return None;
        }
        let clean = neutralize(raw);
        if matches!(clean, Cow::Owned(_)) {
            self.warn_controls(node, field);
        }
        Some(clean.into_owned())
    }

    fn optional_text(&mut self, fields: &Fields<'_>, field: &str) -> Option<String> {
        fields.get(field).and_then(|n| self.text(n, field, false))
    }

    /// Extension values are carried, not read, but their text is shown by `brief show --json`:
    /// control characters in them are neutralised and reported like any others.
    fn warn_controls_within(&mut self, node: &Node, field: &str) {
        match &node.value {
            NodeValue::String(s) if s.chars().any(is_forbidden) => self.warn_controls(node, field),
            NodeValue::Array(items) => {
                for item in items {
                    self.warn_controls_within(item, field);
                }
            }
            NodeValue::Table(entries) => {
                for e in entries {
                    if e.key.chars().any(is_forbidden) {
                        self.warn_controls_at(&e.key, e.key_span.clone(), "a key");
                    }
                    self.warn_controls_within(&e.value, field);
                }
            }
            _ => {}
        }
    }

    fn warn_controls(&mut self, node: &Node, field: &str) {
        let text = match &node.value {
            NodeValue::String(s) => s.as_ref(),
            _ => "",
        };
        self.warn_controls_at(text, node.span.clone(), field);
    }

    /// Warns about each forbidden character of `text`, written in the file at `span`.
    fn warn_controls_at(&mut self, text: &str, span: Span, field: &str) {
        let raw = self.source.get(span.clone()).unwrap_or("");
        let mut found = locate_in_source(raw);
        if found.is_empty() {
            // Spans always cover the string in practice; fall back to the value's start.
            found = text
                .chars()
                .filter(|c| is_forbidden(*c))
                .map(|c| (0, c))
                .collect();
        }
        let field = quoted(field);
        for (offset, c) in found {
            self.control_warnings += 1;
            if self.control_warnings > MAX_CONTROL_WARNINGS {
                continue;
            }
            let at = span.start + offset;
            self.issues.push(Issue {
                severity: Severity::Warning,
                span: at..at + 1,
                message: format!(
                    "control character {} in `{field}`; it is shown as a placeholder and never sent to the terminal",
                    describe(c)
                ),
                hint: (self.control_warnings == MAX_CONTROL_WARNINGS)
                    .then(|| "further control characters in this file are not listed".to_string()),
            });
        }
    }

    fn title(&mut self, node: &Node) -> Option<String> {
        let title = self.text(node, "title", true)?;
        let length = title.chars().count();
        if title.contains('\n') {
            self.error(
                node.span.clone(),
                "`title` must be one line".into(),
                Some("move the detail into `summary`".into()),
            );
            return None;
        }
        if length > 200 {
            self.error(
                node.span.clone(),
                format!("`title` is {length} characters long; at most 200 are allowed"),
                Some("shorten the title; the detail belongs in `summary`".into()),
            );
            return None;
        }
        Some(title)
    }

    fn id(&mut self, node: &Node, field: &str) -> Option<String> {
        let NodeValue::String(id) = &node.value else {
            self.expected(node, field, "a string");
            return None;
        };
        if is_valid_id(id) {
            return Some(id.to_string());
        }
        let suggestion = slug(id);
        self.error(
            node.span.clone(),
            format!(
                "`{}` is not a valid id: ids are 1-80 lowercase letters, digits, `.`, `_` or `-`, starting with a letter or digit",
                quoted(id)
            ),
            (!suggestion.is_empty()).then(|| format!("did you mean `{suggestion}`?")),
        );
        None
    }

    /// An id that must name an actor or source; checked once all items are known.
    fn reference(&mut self, node: &Node, field: &'static str, to: RefersTo) -> Option<String> {
        let NodeValue::String(id) = &node.value else {
            self.expected(node, field, "a string (an id)");
            return None;
        };
        self.references.push(Reference {
            span: node.span.clone(),
            id: id.to_string(),
            to,
            field,
        });
        Some(neutralize(id).into_owned())
    }

    fn references(&mut self, node: &Node, field: &'static str, to: RefersTo) -> Vec<String> {
        let NodeValue::Array(items) = &node.value else {
            self.expected(node, field, "an array of ids");
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.reference(item, field, to))
            .collect()
    }

    fn strings(&mut self, node: &Node, field: &str) -> Vec<String> {
        let NodeValue::Array(items) = &node.value else {
            self.expected(node, field, "an array of strings");
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.text(item, field, true))
            .collect()
    }

    fn date(&mut self, node: &Node, field: &str) -> Option<Date> {
        match &node.value {
            NodeValue::Date(d) => Some(*d),
            NodeValue::String(s) => {
                let date = Date::parse(s);
                if date.is_none() {
                    self.error(
                        node.span.clone(),
                        format!("`{field}` is not a real calendar date: `{}`", quoted(s)),
                        Some("write a date as YYYY-MM-DD, e.g. 2024-09-18".into()),
                    );
                }
                date
            }
            NodeValue::DateTime(s) => {
                self.error(
                    node.span.clone(),
                    format!("`{field}` must be a date without a time: `{s}`"),
                    Some("write a date as YYYY-MM-DD, e.g. 2024-09-18".into()),
                );
                None
            }
            _ => {
                self.expected(node, field, "a date (YYYY-MM-DD)");
                None
            }
        }
    }

    fn event_date(&mut self, node: &Node) -> Option<EventDate> {
        let text = match &node.value {
            NodeValue::String(s) => s.to_string(),
            // A bare TOML date is what an author means by a day; accept it.
            NodeValue::Date(d) => d.to_string(),
            _ => {
                self.expected(
                    node,
                    "date",
                    "a string such as \"2024\", \"2024-01\" or \"2024-01-31~\"",
                );
                return None;
            }
        };
        let date = EventDate::parse(&text);
        if date.is_none() {
            self.error(
                node.span.clone(),
                format!("event `date` is not a real date: `{}`", quoted(&text)),
                Some("write YYYY, YYYY-MM or YYYY-MM-DD, with `~` after it when approximate (\"2024-01~\")".into()),
            );
        }
        date
    }

    fn integer(&mut self, node: &Node, field: &str) -> Option<i64> {
        match node.value {
            NodeValue::Integer(Some(v)) => Some(v),
            NodeValue::Integer(None) => {
                self.error(
                    node.span.clone(),
                    format!("`{field}` is out of range"),
                    None,
                );
                None
            }
            _ => {
                self.expected(node, field, "an integer");
                None
            }
        }
    }

    fn credibility(&mut self, node: &Node) -> Option<u8> {
        let value = self.integer(node, "credibility")?;
        if (1..=6).contains(&value) {
            return Some(value as u8);
        }
        self.error(
            node.span.clone(),
            format!("`credibility` must be from 1 to 6, found {value}"),
            Some("Admiralty credibility: 1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged".into()),
        );
        None
    }

    fn boolean(&mut self, node: &Node, field: &str) -> Option<bool> {
        match node.value {
            NodeValue::Bool(b) => Some(b),
            _ => {
                self.expected(node, field, "true or false");
                None
            }
        }
    }

    /// One of a closed set of words, with a hint at the closest when it is not.
    fn word<T>(
        &mut self,
        node: &Node,
        field: &str,
        parse: fn(&str) -> Option<T>,
        words: &[&str],
        accepted: &[&str],
    ) -> Option<T> {
        let NodeValue::String(text) = &node.value else {
            self.expected(node, field, "a string");
            return None;
        };
        if let Some(value) = parse(text) {
            return Some(value);
        }
        let (message, hint) =
            crate::suggest::refused_word(field, &quoted(text), text, words, accepted);
        self.error(node.span.clone(), message, Some(hint));
        None
    }

    // ----- whole-briefing rules -----

    fn unique_ids<'a>(&mut self, ids: impl Iterator<Item = (&'a String, &'a Span)>, what: &str) {
        // Sorting finds the duplicates without hashing every id of every file; a stable sort
        // keeps each id's first occurrence first.
        let mut sorted: Vec<(&String, &Span)> = ids.collect();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        let mut duplicates = Vec::new();
        for group in sorted.chunk_by(|a, b| a.0 == b.0) {
            for (id, span) in &group[1..] {
                duplicates.push(((*id).clone(), (*span).clone(), group[0].1.clone()));
            }
        }
        duplicates.sort_by_key(|d| d.1.start);
        for (id, span, earlier) in duplicates {
            if self.errors >= MAX_ERRORS {
                // Past the cap the error is only counted: do not scan the file to locate the
                // first one (a scan per duplicate is quadratic in a file of duplicates).
                self.errors += 1;
                continue;
            }
            let first = position(self.source, earlier.start);
            self.error(
                span,
                format!("two {what}s have the id `{id}` (the first is at {first})"),
                Some(format!(
                    "give each {what} its own `id`; items without one get an id from their content, so identical items collide"
                )),
            );
        }
    }

    fn resolve_references<'a>(
        &mut self,
        actors: &'a [(Actor, Span)],
        sources: &'a [(Source, Span)],
    ) {
        let actor_ids: Vec<&str> = actors.iter().map(|a| a.0.id.as_str()).collect();
        let source_ids: Vec<&str> = sources.iter().map(|s| s.0.id.as_str()).collect();
        let sorted = |ids: &[&'a str]| {
            let mut ids = ids.to_vec();
            ids.sort_unstable();
            ids
        };
        let (actor_set, source_set) = (sorted(&actor_ids), sorted(&source_ids));
        let mut hinted = 0;
        for r in std::mem::take(&mut self.references) {
            let (known, set, kind, a_kind) = match r.to {
                RefersTo::Actor => (&actor_ids, &actor_set, "actor", "an actor"),
                RefersTo::Source => (&source_ids, &source_set, "source", "a source"),
            };
            if set.binary_search(&r.id.as_str()).is_ok() {
                continue;
            }
            // Hints cost a scan of every id; a hostile file with thousands of bad references
            // gets them for the first few only.
            hinted += 1;
            let hint = if hinted > MAX_HINTED_REFERENCES {
                None
            } else {
                // Writing the name instead of the id is the usual slip: point at the id.
                let by_name = match r.to {
                    RefersTo::Actor => actors
                        .iter()
                        .find(|(a, _)| {
                            a.name.eq_ignore_ascii_case(&r.id)
                                || a.aliases.iter().any(|x| x.eq_ignore_ascii_case(&r.id))
                        })
                        .map(|(a, _)| a.id.clone()),
                    RefersTo::Source => sources
                        .iter()
                        .find(|(s, _)| s.name.eq_ignore_ascii_case(&r.id))
                        .map(|(s, _)| s.id.clone()),
                };
                by_name
                    .or_else(|| closest(&r.id, known).map(str::to_string))
                    .map(|id| format!("did you mean `{id}`?"))
                    .or_else(|| Some(format!("add {a_kind} with `id = \"{}\"`", quoted(&r.id))))
            };
            self.error(
                r.span,
                format!(
                    "`{}` names no {kind} in this briefing: `{}`",
                    r.field,
                    quoted(&r.id)
                ),
                hint,
            );
        }
    }
}

/// A value from the file as a message shows it: neutralised, and cut short, since a message
/// that repeats a million-character value helps nobody.
fn quoted(text: &str) -> String {
    const SHOWN: usize = 60;
    let clean = neutralize(text);
    match clean.char_indices().nth(SHOWN) {
        Some((at, _)) => format!("{}…", &clean[..at]),
        None => clean.into_owned(),
    }
}

/// Where an item's id is written, or the item itself when its id is derived.
fn id_span(item: &Node) -> Span {
    match &item.value {
        NodeValue::Table(entries) => entries
            .iter()
            .find(|e| e.key == "id")
            .map_or(item.span.clone(), |e| e.value.span.clone()),
        _ => item.span.clone(),
    }
}

/// `LINE:COL` of a byte offset, for messages that point at a second place in the file.
fn position(source: &str, offset: usize) -> String {
    let mut at = offset.min(source.len());
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    let before = &source[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{line}:{column}")
}
