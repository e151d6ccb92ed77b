//! The loaded collection: briefings newest first, the problems of files that did not load, and
//! lookups by flag target.

use std::cmp::Reverse;
use std::path::PathBuf;
use std::sync::Arc;

use super::file::{FileResult, load_file};
use super::ids::{ItemKind, Target, stable_hash};
use super::model::*;
use super::problem::Problem;

/// The list's order: newest first, equal dates by id.
fn list_order(a: &Briefing, b: &Briefing) -> std::cmp::Ordering {
    (Reverse(a.date), &a.id).cmp(&(Reverse(b.date), &b.id))
}

#[derive(Debug, Default)]
pub struct Library {
    /// Newest first; equal dates by id, so the order never depends on the file system.
    /// Shared with the loader, which keeps them to skip unchanged files on the next load.
    pub briefings: Vec<Arc<Briefing>>,
    /// Every problem of every file, errors and warnings, in file order.
    pub problems: Vec<Problem>,
    /// Files that failed to load (had at least one error).
    pub failed: Vec<PathBuf>,
    /// How many briefing files were read (loaded or failed).
    pub files: usize,
}

impl Library {
    /// The library of every file's outcome, in file order, with `more` problems by the place
    /// of their file (in order): a file with any error is left out, its briefing too. The
    /// briefings are shared with the outcomes, not copied.
    pub(super) fn from_results(results: &[FileResult], more: Vec<(usize, Problem)>) -> Library {
        let mut library = Library {
            files: results.len(),
            ..Library::default()
        };
        let mut more = more.into_iter().peekable();
        for (i, r) in results.iter().enumerate() {
            let mut problems = r.problems.clone();
            while let Some((_, problem)) = more.next_if(|(at, _)| *at == i) {
                problems.push(problem);
            }
            if problems.iter().any(Problem::is_error) {
                library.failed.push(r.file().to_path_buf());
            } else {
                library.briefings.extend(r.briefing.iter().cloned());
            }
            library.problems.extend(problems);
        }
        library.sort();
        library
    }

    /// Newest first; equal dates by id, so the order never depends on the file system.
    pub fn sort(&mut self) {
        self.briefings.sort_by(|a, b| list_order(a, b));
    }

    /// Adds briefings to the library, keeping its order: a sort of the newcomers and one pass
    /// to merge them in, not a sort of everything (a list filling batch by batch would
    /// otherwise cost the square of its size).
    pub fn insert_sorted(&mut self, mut more: Vec<Arc<Briefing>>) {
        more.sort_by(|a, b| list_order(a, b));
        let old = std::mem::take(&mut self.briefings);
        // Where each newcomer goes among the old ones (ascending, as the newcomers are sorted).
        let cuts: Vec<usize> = more
            .iter()
            .map(|b| old.partition_point(|x| list_order(x, b).is_lt()))
            .collect();
        let mut merged = Vec::with_capacity(old.len() + more.len());
        // The old ones are moved, not cloned: no reference count touched per briefing.
        let mut old = old.into_iter();
        let mut moved = 0;
        for (b, cut) in more.into_iter().zip(cuts) {
            merged.extend(old.by_ref().take(cut - moved));
            moved = cut;
            merged.push(b);
        }
        merged.extend(old);
        self.briefings = merged;
    }

    /// Where a briefing is, found by its place in the order (a binary search, not a scan).
    pub fn position_of(&self, b: &Briefing) -> Option<usize> {
        self.briefings.binary_search_by(|x| list_order(x, b)).ok()
    }

    pub fn briefing(&self, id: &str) -> Option<&Briefing> {
        self.briefings.iter().find(|b| b.id == id).map(|b| &**b)
    }

    /// Reads in full a briefing held as a stub (by a lean load or the start-up cache); false
    /// when there is no such briefing, or its file no longer gives it.
    pub fn complete(&mut self, id: &str) -> bool {
        let Some(index) = self.position(id) else {
            return false;
        };
        let stub = &self.briefings[index];
        if !stub.is_stub() {
            return true;
        }
        match load_file(&stub.path).briefing {
            Some(full) if full.id == stub.id => {
                self.briefings[index] = full;
                true
            }
            _ => false,
        }
    }

    /// Calls `f` with every briefing in full, in library order, on all cores: a stub's file is
    /// read for the call and dropped after it, so a pass over a large collection (building an
    /// index, applying a filter) never holds it all. A stub whose file no longer gives it is
    /// passed as it is.
    pub fn each_full<T: Send>(&self, f: impl Fn(usize, &Briefing) -> T + Sync) -> Vec<T> {
        let call = |i: usize| {
            let b = &self.briefings[i];
            if b.is_stub()
                && let Some(full) = load_file(&b.path).briefing.filter(|f| f.id == b.id)
            {
                return f(i, &full);
            }
            f(i, b)
        };
        // rayon keeps the order and raises a worker's panic here: a pass never comes back
        // shorter than the library, which would make its results point at the wrong briefings.
        use rayon::prelude::*;
        (0..self.briefings.len())
            .into_par_iter()
            .map(call)
            .collect()
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.briefings.iter().position(|b| b.id == id)
    }

    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }

    /// The item a target points at, if it still exists.
    pub fn resolve(&self, target: &Target) -> Option<Item<'_>> {
        let b = self.briefing(&target.briefing)?;
        Some(match &target.item {
            None => Item::Briefing(b),
            Some((kind, id)) => match kind {
                ItemKind::Judgment => Item::Judgment(b, b.judgments.iter().find(|x| &x.id == id)?),
                ItemKind::Actor => Item::Actor(b, b.actor(id)?),
                ItemKind::Quote => Item::Quote(b, b.quotes.iter().find(|x| &x.id == id)?),
                ItemKind::Event => Item::Event(b, b.events.iter().find(|x| &x.id == id)?),
            },
        })
    }

    /// Every target that exists, for suggestions when a user mistypes one.
    pub fn targets(&self) -> impl Iterator<Item = Target> + '_ {
        self.briefings.iter().flat_map(|b| {
            std::iter::once(Target::briefing(&b.id))
                .chain(
                    b.judgments
                        .iter()
                        .map(|x| Target::item(&b.id, ItemKind::Judgment, &x.id)),
                )
                .chain(
                    b.actors
                        .iter()
                        .map(|x| Target::item(&b.id, ItemKind::Actor, &x.id)),
                )
                .chain(
                    b.quotes
                        .iter()
                        .map(|x| Target::item(&b.id, ItemKind::Quote, &x.id)),
                )
                .chain(
                    b.events
                        .iter()
                        .map(|x| Target::item(&b.id, ItemKind::Event, &x.id)),
                )
        })
    }
}

/// Something a flag can point at.
#[derive(Clone, Copy, Debug)]
pub enum Item<'a> {
    Briefing(&'a Briefing),
    Judgment(&'a Briefing, &'a Judgment),
    Actor(&'a Briefing, &'a Actor),
    Quote(&'a Briefing, &'a Quote),
    Event(&'a Briefing, &'a Event),
}

impl<'a> Item<'a> {
    pub fn briefing(&self) -> &'a Briefing {
        match *self {
            Item::Briefing(b)
            | Item::Judgment(b, _)
            | Item::Actor(b, _)
            | Item::Quote(b, _)
            | Item::Event(b, _) => b,
        }
    }

    pub fn target(&self) -> Target {
        let b = &self.briefing().id;
        match self {
            Item::Briefing(_) => Target::briefing(b),
            Item::Judgment(_, x) => Target::item(b, ItemKind::Judgment, &x.id),
            Item::Actor(_, x) => Target::item(b, ItemKind::Actor, &x.id),
            Item::Quote(_, x) => Target::item(b, ItemKind::Quote, &x.id),
            Item::Event(_, x) => Target::item(b, ItemKind::Event, &x.id),
        }
    }

    /// The item in one line of words, as the follow-up list shows it.
    pub fn describe(&self) -> String {
        match self {
            Item::Briefing(b) => b.title.clone(),
            Item::Judgment(_, j) => j.text.clone(),
            Item::Actor(_, a) => match &a.role {
                Some(role) => format!("{} ({role})", a.name),
                None => a.name.clone(),
            },
            Item::Quote(b, q) => match q.mode {
                QuoteMode::Direct => format!("{}: \u{201c}{}\u{201d}", b.speaker_name(q), q.text),
                QuoteMode::Indirect => format!("{} (paraphrase): {}", b.speaker_name(q), q.text),
            },
            Item::Event(_, e) => format!("{} {}", e.date, e.text),
        }
    }

    /// The item as text to paste elsewhere (`y`): what it says, who said it, where it is from,
    /// its target, and the briefing's TLP marking first when it has one other than CLEAR,
    /// because the marking travels with the material.
    pub fn citation(&self) -> String {
        let b = self.briefing();
        let body = match self {
            Item::Briefing(b) => format!("{} ({})", b.title, b.date),
            Item::Judgment(_, j) => {
                let mut words = Vec::new();
                if let Some(l) = j.likelihood {
                    words.push(l.to_string());
                }
                if let Some(c) = j.confidence {
                    words.push(format!("{c} confidence"));
                }
                if words.is_empty() {
                    j.text.clone()
                } else {
                    format!("{} ({})", j.text, words.join(", "))
                }
            }
            Item::Actor(_, a) => {
                let mut text = a.name.clone();
                if let Some(role) = &a.role {
                    text.push_str(&format!(", {role}"));
                }
                if a.anonymous {
                    text.push_str(" (anonymous source)");
                }
                text
            }
            Item::Quote(b, q) => {
                let mut facts = vec![b.speaker_name(q).to_string()];
                facts.extend(q.context.clone());
                facts.extend(q.said.map(|d| d.to_string()));
                facts.extend(
                    q.source
                        .as_deref()
                        .and_then(|s| b.source(s))
                        .map(|s| s.name.clone()),
                );
                match q.mode {
                    QuoteMode::Direct => {
                        format!("\u{201c}{}\u{201d} ({})", q.text, facts.join(", "))
                    }
                    QuoteMode::Indirect => format!("{} (paraphrase: {})", q.text, facts.join(", ")),
                }
            }
            Item::Event(_, e) => format!("{}: {}", e.date, e.text),
        };
        let marking = match b.handling {
            Some(h) if h != Handling::Clear => format!("TLP:{h} "),
            _ => String::new(),
        };
        format!("{marking}{body} [{}]", self.target())
    }

    /// A digest of the content a flag was about, to tell the user it changed since.
    pub fn fingerprint(&self) -> String {
        let hash = match self {
            Item::Briefing(b) => stable_hash(&[&b.title, &b.summary]),
            Item::Judgment(_, j) => stable_hash(&[
                &j.text,
                j.likelihood.map_or("", |l| l.as_str()),
                j.confidence.map_or("", |c| c.as_str()),
            ]),
            Item::Actor(_, a) => {
                stable_hash(&[&a.name, a.role.as_deref().unwrap_or(""), a.kind.as_str()])
            }
            Item::Quote(_, q) => stable_hash(&[&q.speaker, &q.text, q.mode.as_str()]),
            Item::Event(_, e) => stable_hash(&[&e.date.to_string(), &e.text]),
        };
        format!("{hash:016x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stub(id: &str, date: &str) -> Arc<Briefing> {
        Arc::new(Briefing::stub(
            id.into(),
            id.into(),
            Date::parse(date).unwrap(),
            None,
            Vec::new(),
            PathBuf::from(format!("{id}.toml")),
        ))
    }

    /// Batches merged in one by one give the order of one sort of everything, and each
    /// briefing is found where it is.
    #[test]
    fn batches_merged_in_keep_the_list_order() {
        let all: Vec<Arc<Briefing>> = (0..500)
            .map(|i| {
                // Dates repeat, so the id decides between equals; ids are not in date order.
                let day = 1 + (i * 7919) % 28;
                stub(
                    &format!("b{:03}", (i * 31) % 500),
                    &format!("2024-03-{day:02}"),
                )
            })
            .collect();
        let mut filled = Library::default();
        for batch in all.chunks(37) {
            filled.insert_sorted(batch.to_vec());
        }
        let mut sorted = Library {
            briefings: all.clone(),
            ..Library::default()
        };
        sorted.sort();
        let ids = |l: &Library| l.briefings.iter().map(|b| b.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&filled), ids(&sorted));
        for (i, b) in sorted.briefings.iter().enumerate() {
            assert_eq!(filled.position_of(b), Some(i));
        }
        assert_eq!(filled.position_of(&stub("nope", "2024-03-01")), None);
    }
}
