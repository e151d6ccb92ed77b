//! The same actor across briefings: matched by id, name or alias, with case and diacritics
//! folded. Anonymous sources are never matched: "a political source" in two reports is not
//! known to be one person.

use std::collections::HashMap;

use crate::briefing::{Briefing, Event, ItemKind, Library, Quote, Target};

use super::fold::fold;

/// An actor in one briefing: indexes into `Library::briefings` and that briefing's actors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ActorRef {
    pub briefing: usize,
    pub actor: usize,
}

#[derive(Debug, Default)]
pub struct ActorIndex {
    /// For each actor of each briefing, its group.
    group_of: HashMap<ActorRef, usize>,
    groups: Vec<Vec<ActorRef>>,
}

impl ActorIndex {
    /// Builds the index over every briefing, reading in full those held as stubs.
    pub fn build(library: &Library) -> ActorIndex {
        // Per actor: where it is, and its folded keys (none for an anonymous source).
        let per_briefing = library.each_full(|bi, b| {
            b.actors
                .iter()
                .enumerate()
                .map(|(ai, a)| {
                    let keys: Vec<String> = if a.anonymous {
                        Vec::new()
                    } else {
                        std::iter::once(&a.id)
                            .chain(std::iter::once(&a.name))
                            .chain(a.aliases.iter())
                            .map(|k| fold(k))
                            .filter(|k| !k.is_empty())
                            .collect()
                    };
                    (
                        ActorRef {
                            briefing: bi,
                            actor: ai,
                        },
                        keys,
                    )
                })
                .collect::<Vec<_>>()
        });
        let (actors, keys): (Vec<ActorRef>, Vec<Vec<String>>) =
            per_briefing.into_iter().flatten().unzip();
        // Union-find over "shares a folded id, name or alias".
        let mut parent: Vec<usize> = (0..actors.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        let mut owner: HashMap<String, usize> = HashMap::new();
        for (i, keys) in keys.into_iter().enumerate() {
            for key in keys {
                match owner.get(&key) {
                    Some(&j) => {
                        let (x, y) = (root(&mut parent, i), root(&mut parent, j));
                        parent[x] = y;
                    }
                    None => {
                        owner.insert(key, i);
                    }
                }
            }
        }
        let mut index = ActorIndex::default();
        let mut group_of_root: HashMap<usize, usize> = HashMap::new();
        for (i, r) in actors.iter().enumerate() {
            let root = root(&mut parent, i);
            let group = *group_of_root.entry(root).or_insert_with(|| {
                index.groups.push(Vec::new());
                index.groups.len() - 1
            });
            index.groups[group].push(*r);
            index.group_of.insert(*r, group);
        }
        index
    }

    /// Every appearance of the actor (itself included), newest briefing first.
    pub fn appearances(&self, actor: ActorRef) -> &[ActorRef] {
        self.group_of
            .get(&actor)
            .map_or(&[], |&g| self.groups[g].as_slice())
    }
}

/// What one actor said and did across briefings.
#[derive(Debug, Default)]
pub struct Dossier<'a> {
    pub appearances: Vec<(&'a Briefing, &'a crate::briefing::Actor)>,
    pub quotes: Vec<(&'a Briefing, &'a Quote)>,
    /// Events involving the actor, newest first.
    pub events: Vec<(&'a Briefing, &'a Event)>,
}

impl Dossier<'_> {
    /// What each row of the dossier points at, in the order it is shown: the briefings, then
    /// the quotes, then the timeline.
    pub fn targets(&self) -> Vec<Target> {
        let briefings = self
            .appearances
            .iter()
            .map(|(b, a)| Target::item(&b.id, ItemKind::Actor, &a.id));
        let quotes = self
            .quotes
            .iter()
            .map(|(b, q)| Target::item(&b.id, ItemKind::Quote, &q.id));
        let events = self
            .events
            .iter()
            .map(|(b, e)| Target::item(&b.id, ItemKind::Event, &e.id));
        briefings.chain(quotes).chain(events).collect()
    }
}

pub fn dossier<'a>(library: &'a Library, index: &ActorIndex, actor: ActorRef) -> Dossier<'a> {
    DossierRows::build(library, index, actor).resolve(library)
}

/// A dossier's rows as positions in the library (briefing, then item within it), in the order
/// shown: owned, so the reader builds it once when the dossier opens (and again when the
/// library changes) and only looks the rows up to draw them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DossierRows {
    appearances: Vec<ActorRef>,
    quotes: Vec<(usize, usize)>,
    events: Vec<(usize, usize)>,
}

impl DossierRows {
    pub fn build(library: &Library, index: &ActorIndex, actor: ActorRef) -> DossierRows {
        let mut d = DossierRows::default();
        let refs = index.appearances(actor);
        let refs: Vec<ActorRef> = if refs.is_empty() {
            vec![actor]
        } else {
            refs.to_vec()
        };
        for r in refs {
            let Some(b) = library.briefings.get(r.briefing) else {
                continue;
            };
            // A briefing still held as a stub shows nothing yet (the reader completes them
            // first).
            let Some(a) = b.actors.get(r.actor) else {
                continue;
            };
            d.appearances.push(r);
            d.quotes.extend(
                b.quotes
                    .iter()
                    .enumerate()
                    .filter(|(_, q)| q.speaker == a.id)
                    .map(|(i, _)| (r.briefing, i)),
            );
            d.events.extend(
                b.events
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.actors.contains(&a.id))
                    .map(|(i, _)| (r.briefing, i)),
            );
        }
        let briefings = &library.briefings;
        let event_date = |&(b, i): &(usize, usize)| &briefings[b].events[i].date;
        d.events
            .sort_by_key(|at| std::cmp::Reverse(event_date(at).sort_key()));
        d.quotes.sort_by_key(|&(b, i)| {
            let b = &briefings[b];
            std::cmp::Reverse(b.quotes[i].said.unwrap_or(b.date))
        });
        d
    }

    /// The rows in the library; a row the library no longer holds is left out.
    pub fn resolve<'a>(&self, library: &'a Library) -> Dossier<'a> {
        let briefings = &library.briefings;
        Dossier {
            appearances: self
                .appearances
                .iter()
                .filter_map(|r| {
                    let b: &Briefing = briefings.get(r.briefing)?;
                    Some((b, b.actors.get(r.actor)?))
                })
                .collect(),
            quotes: self
                .quotes
                .iter()
                .filter_map(|&(b, i)| {
                    let b: &Briefing = briefings.get(b)?;
                    Some((b, b.quotes.get(i)?))
                })
                .collect(),
            events: self
                .events
                .iter()
                .filter_map(|&(b, i)| {
                    let b: &Briefing = briefings.get(b)?;
                    Some((b, b.events.get(i)?))
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::load;
    use std::path::Path;

    #[test]
    fn the_same_actor_is_found_across_briefings() {
        let library = load(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings")]).unwrap();
        let index = ActorIndex::build(&library);
        // The two Veloria briefings share actors by id and alias.
        let mut shared = 0;
        for (bi, b) in library.briefings.iter().enumerate() {
            for (ai, a) in b.actors.iter().enumerate() {
                let apps = index.appearances(ActorRef {
                    briefing: bi,
                    actor: ai,
                });
                assert!(apps.contains(&ActorRef {
                    briefing: bi,
                    actor: ai
                }));
                if a.anonymous {
                    assert_eq!(apps.len(), 1, "anonymous sources are never merged");
                }
                if apps.iter().any(|r| r.briefing != bi) {
                    shared += 1;
                }
            }
        }
        assert!(shared >= 2, "the shipped briefings share some actors");
    }

    #[test]
    fn dossier_merges_quotes_and_events_newest_first() {
        let library = load(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings")]).unwrap();
        let index = ActorIndex::build(&library);
        let bi = library.position("2024-09-18-qaani-baghdad").unwrap();
        let ai = library.briefings[bi]
            .actors
            .iter()
            .position(|a| a.name == "Ismail Qaani")
            .unwrap();
        let d = dossier(
            &library,
            &index,
            ActorRef {
                briefing: bi,
                actor: ai,
            },
        );
        assert!(!d.events.is_empty());
        assert!(
            d.events
                .windows(2)
                .all(|w| w[0].1.date.sort_key() >= w[1].1.date.sort_key())
        );
    }
}
