//! The actors of an article and how later references find them (what names and roles look
//! like is `names`' business).
//!
//! - One actor per person: a full name, the surname alone, a title with the name, all find
//!   the same actor. A pronoun finds the subject of the sentence before; when it has to look
//!   further back, the caller is told it is unsure.

use super::lexicon::{self, Pronoun, is_possessive, strip_possessive};
use super::names::{
    Head, NAME_CONNECTORS, Phrase, VERB_MARKS, acronyms, capitalize, corporate_names,
    cut_description, described_organizations, is_determiner, is_name_word, is_org_run,
    is_particle_name, lower, name_text, named_people, org_text, organizations,
    organizations_by_context, parse_head, role_after, run_end, split_run, subject_before,
    surname_with_capital_connector, title_by_shape_only,
};
use super::sentences::{Token, is_capitalized, tokens};
use crate::briefing::ActorKind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub name: String,
    pub kind: ActorKind,
    /// Roles in the order found (titles and appositions).
    pub roles: Vec<String>,
    /// A military rank seen before the name: the role when nothing else is known.
    pub rank: Option<String>,
    /// Other ways the article names the actor (with a title or form of address).
    pub aliases: Vec<String>,
    pub anonymous: bool,
    /// How the article describes an unnamed source.
    pub described: Option<String>,
    pub gender: Option<Pronoun>,
    /// A person the article shows to be one without a role or a quotation (a title, a form
    /// of address, an age after the name): worth an analyst's look.
    pub evident: bool,
    /// An unnamed speaker the article later names (`a ministry adviser` → `Dr Nadia
    /// Kareem`): the actor it turned out to be.
    pub merged_into: Option<usize>,
}

/// Whether the name that starts at byte `at` ends in a possessive (`Osk's lawyer`).
fn possessive_at(text: &str, at: usize) -> bool {
    let toks = tokens(&text[at..]);
    let end = super::names::run_end(&toks, 0).max(1);
    toks.get(end - 1)
        .is_some_and(|t| lexicon::is_possessive(t.text))
}

impl Actor {
    fn new(name: &str, kind: ActorKind) -> Actor {
        Actor {
            name: name.to_string(),
            kind,
            roles: Vec::new(),
            rank: None,
            aliases: Vec::new(),
            anonymous: false,
            described: None,
            gender: None,
            evident: false,
            merged_into: None,
        }
    }

    /// The words a later reference by surname may use: `Radi`; `al-Amiri` and `Amiri`.
    pub fn surnames(&self) -> Vec<String> {
        if self.kind != ActorKind::Person || self.anonymous {
            return Vec::new();
        }
        let Some(last) = self.name.split_whitespace().last() else {
            return Vec::new();
        };
        let mut out = vec![last.to_string()];
        // `Anna de Wit` → also `de Wit`; `Maria van der Berg` → `van der Berg`.
        let words: Vec<&str> = self.name.split_whitespace().collect();
        let connectors = words[..words.len() - 1]
            .iter()
            .rev()
            .take_while(|w| NAME_CONNECTORS.contains(w))
            .count();
        if connectors > 0 && connectors + 1 < words.len() {
            out.push(words[words.len() - 1 - connectors..].join(" "));
        }
        // `Lim Wei Han`, then `Lim`: three plain words may be a name written family name
        // first (a later `Lim` finds it only while no one else has that surname).
        if words.len() == 3
            && connectors == 0
            && words.iter().all(|w| w.chars().all(char::is_alphabetic))
        {
            out.push(words[0].to_string());
        }
        if let Some((_, bare)) = last.split_once('-')
            && is_capitalized(bare)
        {
            out.push(bare.to_string());
        }
        out
    }

    /// Adds a role unless an equal or longer one already says it.
    pub fn add_role(&mut self, role: &str) {
        let role = role.trim().trim_end_matches([',', '.', ';', ':']).trim();
        if role.is_empty() {
            return;
        }
        let lower = role.to_lowercase();
        if self.roles.iter().any(|r| r.to_lowercase().contains(&lower)) {
            return;
        }
        self.roles.retain(|r| !lower.contains(&r.to_lowercase()));
        self.roles.push(role.to_string());
    }

    fn add_alias(&mut self, alias: &str) {
        if alias != self.name && !self.aliases.iter().any(|a| a == alias) {
            self.aliases.push(alias.to_string());
        }
    }

    /// The role as written into the draft: roles joined, else the rank.
    pub fn role(&self) -> Option<String> {
        if self.roles.is_empty() {
            self.rank.clone()
        } else {
            Some(self.roles.join("; "))
        }
    }
}

/// Who a reference points at, and whether the rules are sure of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    pub actor: usize,
    pub confident: bool,
}

/// Where in the article a rule is reading: paragraph and sentence (numbered across the
/// whole article).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub paragraph: usize,
    pub sentence: usize,
}

/// The sentence subjects seen so far, for pronouns.
#[derive(Debug, Clone, Copy)]
struct Subject {
    place: Place,
    actor: usize,
}

/// The actors of an article, built while it is read from top to bottom.
#[derive(Debug, Default)]
pub struct Registry {
    pub actors: Vec<Actor>,
    /// Organisation names seen anywhere in the article (whether actors or not).
    organizations: Vec<String>,
    /// Organisations the article gives an acronym for: the name and the acronym.
    acronyms: Vec<(String, String)>,
    /// Organisations without a generic head word, known by what the article says of them,
    /// with the noun that describes them (`Nightingale Aid` → `charity`).
    described: Vec<(String, Option<String>)>,
    /// Organisations without a generic head word that the article shows to be
    /// organisations by what it does with them, but names by no noun of their own
    /// (`according to the Sarn Red Cross`, `an analyst at Corvel Partners`): never what a
    /// bare `the group` stands for.
    by_context: Vec<String>,
    subjects: Vec<Subject>,
    /// Sentences that open with a name no rule could make an actor of: a pronoun after one
    /// may be that person, so it never reaches back past it.
    unknown_subjects: Vec<usize>,
    /// Per actor: the sentence of its latest mention outside quotations.
    last_mention: Vec<Option<usize>>,
    /// The narrator's words read so far (for `the official` after `a senior official`).
    narrative: String,
    /// A role a sentence gave no name (`His captain was less forgiving.`), for the person
    /// named as a speaker in the next sentence of the paragraph.
    unnamed_role: Option<(String, Place)>,
}

impl Registry {
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Learns the organisation names of the whole article (for `the ministry` and for
    /// `Coalition member` → `State of Law Coalition member`).
    pub fn learn_organizations(&mut self, text: &str) {
        for (name, acronym) in acronyms(text) {
            if !self.acronyms.iter().any(|(_, a)| *a == acronym) {
                self.acronyms.push((name, acronym));
            }
        }
        // `Larkfield Home Goods, Inc. ("Larkfield")`: the full name, its shorter ones as
        // aliases (kept as acronyms are).
        for (full, aliases) in corporate_names(text) {
            for alias in aliases {
                if !self.acronyms.iter().any(|(n, a)| *n == full && *a == alias) {
                    self.acronyms.push((full.clone(), alias));
                }
            }
        }
        for (name, noun) in described_organizations(text) {
            self.describe(name, noun);
        }
        let named: Vec<String> = self
            .acronyms
            .iter()
            .map(|(n, _)| n.clone())
            .chain(self.described.iter().map(|(n, _)| n.clone()))
            .collect();
        for org in organizations(text).into_iter().chain(named) {
            self.remember_organization(org);
        }
    }

    /// Learns the organisations the whole article shows by what it does with them
    /// (`names::organizations_by_context`), after every paragraph's own were learnt.
    pub fn learn_article(&mut self, paragraphs: &[&str]) {
        for p in paragraphs {
            self.learn_contact_lines(p);
        }
        for (name, noun) in organizations_by_context(paragraphs) {
            // A name the article already knows some other way stays as it was known.
            if self.organizations.contains(&name) {
                continue;
            }
            match noun {
                Some(noun) => self.describe(name.clone(), Some(noun)),
                None if !self.by_context.contains(&name) => self.by_context.push(name.clone()),
                None => {}
            }
            self.remember_organization(name);
        }
    }

    /// `Media Contact: Maya Linde-Arkwright Director, Corporate Communications ...`: a
    /// press release's contact, a full name then a title opening with a role noun (the
    /// lines joined into one paragraph), is that person with that title.
    fn learn_contact_lines(&mut self, paragraph: &str) {
        let toks = tokens(paragraph);
        for k in 0..toks.len().saturating_sub(2) {
            let label = matches!(lower(toks[k].text).as_str(), "contact" | "contacts")
                && toks[k + 1].text == ":";
            if !label {
                continue;
            }
            let from = k + 2;
            let end = run_end(&toks, from);
            let Some(head) = (from + 2..end).find(|&h| lexicon::is_role_head(toks[h].text)) else {
                continue;
            };
            let name = name_text(&toks, from, head);
            let Some(Head::Person {
                name: person,
                title: None,
                address: None,
            }) = parse_head(&name)
            else {
                continue;
            };
            // The title, and its department after a comma: `Director, Corporate
            // Communications`.
            let mut role_end = end;
            if toks.get(end).is_some_and(|t| t.text == ",") {
                let more = run_end(&toks, end + 1);
                if more > end + 1 {
                    role_end = more;
                }
            }
            let role = paragraph[toks[head].start..toks[role_end - 1].end].to_string();
            let i = self.person(&person, None, None, &[role]);
            self.actors[i].evident = true;
        }
    }

    /// Whether a name is one the article gives an organisation, in full or as an alias.
    fn names_an_organization(&self, name: &str) -> bool {
        self.organizations.iter().any(|o| o == name)
            || self.known_organization(name)
            || self.acronyms.iter().any(|(n, a)| n == name || a == name)
    }

    /// Whether the article shows a name without a generic head to be an organisation's.
    fn known_organization(&self, name: &str) -> bool {
        self.described.iter().any(|(n, _)| n == name) || self.by_context.iter().any(|n| n == name)
    }

    /// Records a name the article shows to be an organisation's, with its noun if any.
    fn describe(&mut self, name: String, noun: Option<String>) {
        match self.described.iter_mut().find(|(n, _)| *n == name) {
            Some((_, known)) => {
                if known.is_none() {
                    *known = noun;
                }
            }
            None => self.described.push((name, noun)),
        }
    }

    fn remember_organization(&mut self, org: String) {
        // One name per organisation: the longest form (`Northern Army Group`, not also
        // `Northern Army`; `State of Law Coalition`, not also `Coalition`). A name the
        // article describes on its own (`Ashby Town` beside `Ashby Town Supporters'
        // Trust`) is an organisation of its own.
        let described = |name: &str| self.known_organization(name);
        let part_of = |short: &str, long: &str| {
            long.ends_with(&format!(" {short}"))
                || (long.starts_with(&format!("{short} ")) && !described(short))
        };
        let known = self
            .organizations
            .iter()
            .any(|o| *o == org || part_of(&org, o));
        if !known {
            let keep: Vec<String> = self
                .organizations
                .iter()
                .filter(|o| !part_of(o, &org))
                .cloned()
                .collect();
            self.organizations = keep;
            self.organizations.push(org);
        }
    }

    fn push(&mut self, actor: Actor) -> usize {
        self.actors.push(actor);
        self.last_mention.push(None);
        self.actors.len() - 1
    }

    /// The person with this full name (or alias), if known.
    pub fn find_name(&self, name: &str) -> Option<usize> {
        self.actors.iter().position(|a| {
            a.name.eq_ignore_ascii_case(name)
                || a.aliases.iter().any(|x| x.eq_ignore_ascii_case(name))
        })
    }

    /// The one organisation the article names (in two words or more) that opens with `word`.
    fn organization_by_first_word(&self, word: &str) -> Option<String> {
        let word = strip_possessive(word);
        let mut names: Vec<&String> = self
            .organizations
            .iter()
            .chain(self.described.iter().map(|(n, _)| n))
            .chain(self.by_context.iter())
            .filter(|n| {
                let mut words = n.split_whitespace();
                words.next() == Some(word) && words.next().is_some()
            })
            .collect();
        names.dedup();
        match names.as_slice() {
            [one] => Some((*one).clone()),
            _ => None,
        }
    }

    /// The one person whose longer full name ends with these words (`Te Awhina` for
    /// `Mereana Te Awhina`, a surname of two words); None when none or several.
    fn find_name_ending(&self, name: &str) -> Option<usize> {
        if name.split_whitespace().count() < 2 {
            return None;
        }
        let tail = format!(" {name}");
        let found: Vec<usize> = self
            .actors
            .iter()
            .enumerate()
            .filter(|(_, a)| a.kind == ActorKind::Person && !a.anonymous && a.name.ends_with(&tail))
            .map(|(i, _)| i)
            .collect();
        match found.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// The one person a surname names; None when none or several.
    pub fn find_surname(&self, word: &str) -> Option<usize> {
        let word = strip_possessive(word);
        let found: Vec<usize> = self
            .actors
            .iter()
            .enumerate()
            .filter(|(_, a)| a.surnames().iter().any(|s| s == word))
            .map(|(i, _)| i)
            .collect();
        match found.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// Adds or completes a named person.
    pub fn person(
        &mut self,
        name: &str,
        title: Option<&str>,
        address: Option<&str>,
        roles: &[String],
    ) -> usize {
        // `Abdirahman Ali Warsame` again, after the full name was learned: a first word
        // read as a title by its ending alone is the given name.
        if let Some(i) = title
            .filter(|t| super::names::title_by_shape_only(t))
            .and_then(|t| self.find_name(&format!("{t} {name}")))
        {
            return i;
        }
        let i = match self.find_name(name).or_else(|| self.find_name_ending(name)) {
            Some(i) => i,
            None => self.push(Actor::new(name, ActorKind::Person)),
        };
        let actor = &mut self.actors[i];
        if let Some(address) = address {
            actor.add_alias(&format!("{address} {name}"));
            let a = lower(address);
            if lexicon::is_rank(&a) && actor.rank.is_none() {
                actor.rank = Some(address.to_string());
            }
            if a.starts_with("mr") || a == "sir" || a == "lord" {
                actor.gender = Some(Pronoun::He);
            } else if a.starts_with("mrs")
                || a.starts_with("ms")
                || a == "miss"
                || a == "dame"
                || a == "lady"
            {
                actor.gender = Some(Pronoun::She);
            }
        }
        if let Some(title) = title {
            let expanded = self.expand(title);
            self.actors[i].add_role(&expanded);
        }
        for role in roles {
            let expanded = self.expand(role);
            self.actors[i].add_role(&expanded);
        }
        i
    }

    /// `Coalition member` → `State of Law Coalition member` when the article names exactly
    /// one organisation ending with that word.
    fn expand(&self, role: &str) -> String {
        let Some(first) = role.split_whitespace().next() else {
            return role.to_string();
        };
        if !is_capitalized(first) || !lexicon::is_org_head(first) {
            return role.to_string();
        }
        let matches: Vec<&String> = self
            .organizations
            .iter()
            .filter(|o| o.ends_with(&format!(" {first}")))
            .collect();
        match matches.as_slice() {
            [org] => format!("{org}{}", &role[first.len()..]),
            _ => role.to_string(),
        }
    }

    pub fn organization(&mut self, name: &str) -> usize {
        // `PMF` → `Popular Mobilization Forces`, with the acronym as an alias.
        if let Some((full, _)) = self
            .acronyms
            .iter()
            .find(|(n, a)| a == name || n == name)
            .cloned()
        {
            let i = self.organization_named(&full);
            let aliases: Vec<String> = self
                .acronyms
                .iter()
                .filter(|(n, _)| *n == full)
                .map(|(_, a)| a.clone())
                .collect();
            for alias in aliases {
                self.actors[i].add_alias(&alias);
            }
            return i;
        }
        self.organization_named(name)
    }

    /// Every organisation the article names with at least two words (or gives an acronym
    /// for), as actors: the ones not yet actors are added.
    pub fn name_organizations(&mut self) {
        // `Speaker of Parliament` is a title, not an organisation.
        let names: Vec<String> = self
            .organizations
            .iter()
            .filter(|o| {
                o.split_whitespace().count() >= 2
                    || self
                        .described
                        .iter()
                        .any(|(n, noun)| n == *o && noun.is_some())
            })
            .filter(|o| {
                !o.split_whitespace()
                    .next()
                    .is_some_and(lexicon::is_role_head)
            })
            .cloned()
            .collect();
        for name in names {
            self.organization(&name);
        }
    }

    fn organization_named(&mut self, name: &str) -> usize {
        if let Some(i) = self.actors.iter().position(|a| {
            a.kind == ActorKind::Organization
                && (a.name == name
                    || a.name.ends_with(&format!(" {name}"))
                    || name.ends_with(&format!(" {}", a.name)))
        }) {
            // Keep the longest form of the name.
            if name.len() > self.actors[i].name.len() {
                let old = std::mem::replace(&mut self.actors[i].name, name.to_string());
                self.actors[i].add_alias(&old);
            }
            return i;
        }
        let mut actor = Actor::new(name, ActorKind::Organization);
        if let Some((_, Some(noun))) = self.described.iter().find(|(n, _)| n == name) {
            actor.add_role(noun);
        }
        self.push(actor)
    }

    fn anonymous(&mut self, description: &str, plural: bool, written: &str) -> usize {
        let name = capitalize(description);
        if let Some(i) = self
            .actors
            .iter()
            .position(|a| a.anonymous && a.name.eq_ignore_ascii_case(&name))
        {
            return i;
        }
        let kind = if plural {
            ActorKind::Unknown
        } else {
            ActorKind::Person
        };
        let mut actor = Actor::new(&name, kind);
        actor.anonymous = true;
        actor.described = Some(written.to_string());
        self.push(actor)
    }

    /// Registers the people a sentence names with titles and appositions.
    pub fn learn_people(&mut self, text: &str) {
        for p in named_people(text) {
            // `SOURCE Larkfield Home Goods`: a name the article gives an organisation.
            if self.names_an_organization(&p.name) {
                continue;
            }
            let i = self.person(&p.name, p.title.as_deref(), p.address.as_deref(), &p.roles);
            self.actors[i].evident = true;
        }
        self.learn_surname_appositions(text);
        self.learn_named_pairs(text);
    }

    /// `founded by parents Lucía Vidal and Thomas Ridge`, `the lawyers Ana Brel and Omar
    /// Sayed`: two full names joined by `and` after a plural noun for people are two people.
    fn learn_named_pairs(&mut self, text: &str) {
        let toks = tokens(text);
        for k in 0..toks.len() {
            let w = toks[k].text;
            let plural_person = toks[k].word
                && !is_capitalized(w)
                && w.len() > 3
                && w.ends_with('s')
                && lexicon::is_person_noun(&w[..w.len() - 1]);
            if !plural_person {
                continue;
            }
            let first_end = run_end(&toks, k + 1);
            if toks.get(first_end).is_none_or(|t| t.text != "and") {
                continue;
            }
            let second_end = run_end(&toks, first_end + 1);
            let full = |from: usize, to: usize| {
                let name = name_text(&toks, from, to);
                let plain = (2..=4).contains(&(to - from))
                    && !is_possessive(toks[to - 1].text)
                    && toks[from..to].iter().all(|t| {
                        !lexicon::is_role_head(t.text)
                            && !lexicon::is_org_head(t.text)
                            && !lexicon::is_place_head(t.text)
                    });
                match parse_head(&name) {
                    Some(Head::Person {
                        name, title: None, ..
                    }) if plain => Some(name),
                    _ => None,
                }
            };
            if let (Some(a), Some(b)) = (full(k + 1, first_end), full(first_end + 1, second_end)) {
                for name in [a, b] {
                    if !self.known_organization(&name) {
                        let i = self.person(&name, None, None, &[]);
                        self.actors[i].evident = true;
                    }
                }
            }
        }
    }

    /// `Kowal, the defendant's lawyer, argued ...`, `Menon, a professor of biochemistry,
    /// declined ...`: a role set off by commas after the surname of one person already known
    /// (and only one) is that person's role. A surname inside a list (`Kowal, Menon and ...`)
    /// or after another name word is left alone.
    fn learn_surname_appositions(&mut self, text: &str) {
        let toks = tokens(text);
        for i in 0..toks.len() {
            let t = &toks[i];
            let alone = is_name_word(t)
                && !lexicon::is_not_name(t.text)
                && run_end(&toks, i) == i + 1
                && toks.get(i + 1).is_some_and(|c| c.text == ",")
                && i.checked_sub(1)
                    .is_none_or(|k| !toks[k].word && toks[k].text != ",");
            if !alone {
                continue;
            }
            let Some((role, _)) = role_after(text, &toks, i + 2) else {
                continue;
            };
            let known: Vec<usize> = self
                .actors
                .iter()
                .enumerate()
                .filter(|(_, a)| {
                    a.kind == ActorKind::Person
                        && a.name.split_whitespace().count() >= 2
                        && a.name.rsplit(' ').next().is_some_and(|last| last == t.text)
                })
                .map(|(k, _)| k)
                .collect();
            if let [one] = known.as_slice() {
                let expanded = self.expand(&role);
                self.actors[*one].add_role(&expanded);
            }
        }
    }

    /// Known actors a text names (full name, alias, or surname), with their byte offsets.
    pub fn mentions(&self, text: &str) -> Vec<(usize, usize)> {
        let toks = tokens(text);
        let mut out = Vec::new();
        let mut i = 0;
        'outer: while i < toks.len() {
            if !toks[i].word {
                i += 1;
                continue;
            }
            // Longest full name first.
            for len in (2..=6).rev() {
                if i + len > toks.len() {
                    continue;
                }
                let candidate = name_text(&toks, i, i + len);
                if let Some(a) = self
                    .find_name(&candidate)
                    .or_else(|| self.find_name(&org_text(&toks, i, i + len)))
                {
                    out.push((toks[i].start, a));
                    i += len;
                    continue 'outer;
                }
            }
            if is_name_word(&toks[i]) {
                let end = run_end(&toks, i);
                let split = split_run(&toks, i, end);
                // A full name nobody has (`Omar Haddad` when only `Sami Haddad` is known)
                // is someone else: its surname must not find the known one.
                if split.end - split.name >= 2 {
                    let full = name_text(&toks, split.name, split.end);
                    if let Some(a) = self.find_name(&full) {
                        out.push((toks[split.name].start, a));
                    }
                } else if split.end - split.name == 1 {
                    let word = toks[split.name].text;
                    if let Some(a) = self
                        .find_surname(word)
                        .or_else(|| self.find_name(strip_possessive(word)))
                    {
                        out.push((toks[split.name].start, a));
                    }
                }
                i = end.max(i + 1);
                continue;
            }
            if is_capitalized(toks[i].text)
                && let Some(a) = self.find_name(strip_possessive(toks[i].text))
            {
                out.push((toks[i].start, a));
            }
            i += 1;
        }
        out
    }

    /// `His captain was less forgiving.`, `Ashby Athletic's manager offered some sympathy.`:
    /// a sentence whose subject is a role with an owner and no name, no one known holding
    /// it. Returns the role (without `his`, `the`).
    fn role_without_a_name(&self, narrative: &str) -> Option<String> {
        let toks: Vec<Token> = tokens(narrative);
        let words: Vec<usize> = (0..toks.len()).filter(|&k| toks[k].word).collect();
        // The role noun among the first six words, then a lower-case verb that does not
        // report speech (`said` would make it a speaker of its own).
        let head = words.iter().take(6).position(|&k| {
            let t = &toks[k];
            !is_capitalized(t.text) && lexicon::is_role_head(t.text) && !is_possessive(t.text)
        })?;
        let at = words[head];
        let verb = &toks[*words.get(head + 1)?];
        if is_capitalized(verb.text)
            || lexicon::is_reporting_verb(verb.text)
            || matches!(
                lower(verb.text).as_str(),
                "of" | "for" | "at" | "and" | "or"
            )
        {
            return None;
        }
        let start = super::names::role_before(&toks, at + 1)?;
        // Nothing before the role but its owner: `His`, `The club's`, `Ashby Athletic's`.
        let owner = &toks[..start];
        let owned = match owner {
            [] => false,
            [one] => matches!(
                lower(one.text).as_str(),
                "his" | "her" | "their" | "its" | "the"
            ),
            _ => false,
        } || toks[start..at].iter().any(|t| is_possessive(t.text));
        if !owned || toks[..at].iter().any(|t| !t.word) {
            return None;
        }
        // Someone known already holds it: the sentence is about them.
        let noun = lower(strip_possessive(toks[at].text));
        if self.actors.iter().any(|a| {
            a.roles
                .iter()
                .chain(a.rank.iter())
                .any(|r| r.to_lowercase().contains(&noun))
        }) {
            return None;
        }
        Some(narrative[toks[start].start..toks[at].end].to_string())
    }

    /// Records the actors named outside quotations in a sentence.
    pub fn note_mentions(&mut self, narrative: &str, place: Place) {
        self.unnamed_role = self
            .role_without_a_name(narrative)
            .map(|role| (role, place))
            .or_else(|| {
                // Kept for the next sentence only.
                self.unnamed_role
                    .take()
                    .filter(|(_, p)| p.sentence + 1 == place.sentence)
            });
        for (_, a) in self.mentions(narrative) {
            self.last_mention[a] = Some(place.sentence);
        }
        self.narrative.push_str(narrative);
        self.narrative.push('\n');
    }

    /// Records who a sentence is about, for pronouns in the sentences after it.
    pub fn set_subject(&mut self, place: Place, actor: usize) {
        if self
            .subjects
            .last()
            .is_some_and(|s| s.place.sentence == place.sentence)
        {
            return;
        }
        self.subjects.push(Subject { place, actor });
        self.last_mention[actor] = Some(place.sentence);
    }

    /// Records a sentence whose subject is unknown when it opens with a full name (`Student
    /// Ilse Marren, 17, said ...` before the rules knew ages): `she said` after it must not
    /// find the speaker before.
    pub fn note_unknown_subject(&mut self, narrative: &str, place: Place) {
        let toks: Vec<Token> = tokens(narrative).into_iter().filter(|t| t.word).collect();
        let opening = toks.iter().take_while(|t| is_name_word(t)).count();
        if opening >= 2 {
            self.unknown_subjects.push(place.sentence);
        }
    }

    pub fn subject_of(&self, sentence: usize) -> Option<usize> {
        self.subjects
            .iter()
            .rev()
            .find(|s| s.place.sentence == sentence)
            .map(|s| s.actor)
    }

    /// Who a sentence without an attribution is about: the subject of its first reporting
    /// verb (`A nurse ... described scenes`), a leading pronoun, else the first person it names.
    pub fn sentence_subject(&mut self, narrative: &str, place: Place) -> Option<usize> {
        let toks: Vec<Token> = tokens(narrative).into_iter().filter(|t| t.word).collect();
        if let Some(v) = toks.iter().take(25).position(|t| {
            t.text.chars().next().is_some_and(char::is_lowercase)
                && lexicon::is_reporting_verb(t.text)
        }) && let Some(phrase) = subject_before(&narrative[..toks[v].start])
            && let Some(r) = self.resolve(&phrase, place)
        {
            return Some(r.actor);
        }
        if let Some(first) = toks.first()
            && let Some(p) = lexicon::pronoun(first.text)
            && let Some(r) = self.pronoun(p, place)
        {
            return Some(r.actor);
        }
        // `Omar Haddad, who runs the family firm, ...`: a sentence that opens with a name.
        let opening = narrative.split(',').next().unwrap_or("");
        let opening_words: Vec<Token> = tokens(opening).into_iter().filter(|t| t.word).collect();
        if opening_words.len() >= 2
            && opening_words.iter().all(is_name_word)
            && let Some(head @ Head::Person { .. }) = parse_head(opening)
        {
            let phrase = Phrase {
                head,
                roles: Vec::new(),
                written: opening.trim().to_string(),
                anonymity: false,
                introduced: None,
            };
            if let Some(r) = self.resolve(&phrase, place) {
                return Some(r.actor);
            }
        }
        if let Some(actor) = self.bare_named_subject(narrative) {
            return Some(actor);
        }
        // `Mr Osk's lawyer, Dana Ree, put it to ...`: a possessive names whose
        // something the sentence is about, not its subject.
        self.mentions(narrative)
            .into_iter()
            .filter(|&(at, _)| !possessive_at(narrative, at))
            .map(|(_, a)| a)
            .find(|&a| self.actors[a].kind == ActorKind::Person)
    }

    /// Finds (or adds) the actor a speaker phrase names.
    pub fn resolve(&mut self, phrase: &Phrase, place: Place) -> Option<Resolved> {
        let sure = |actor| {
            Some(Resolved {
                actor,
                confident: true,
            })
        };
        match &phrase.head {
            Head::Pronoun(p) => self.pronoun(*p, place),
            Head::Person {
                name,
                title,
                address,
            } => {
                // `Tarrant Mining said`: a name the article shows to be an organisation's.
                if (title.is_none() && self.known_organization(name))
                    || self.acronyms.iter().any(|(_, a)| a == name)
                {
                    return sure(self.organization(name));
                }
                // `De Wit said` opening a sentence, after `Anna de Wit`: the known surname.
                if title.is_none()
                    && address.is_none()
                    && let Some(i) = surname_with_capital_connector(name)
                        .and_then(|surname| self.find_surname(&surname))
                {
                    return sure(i);
                }
                let new = self.find_name(name).is_none();
                let i = self.person(name, title.as_deref(), address.as_deref(), &phrase.roles);
                // `His captain was less forgiving. "..." Lena Voss told reporters.`
                if new
                    && title.is_none()
                    && phrase.roles.is_empty()
                    && let Some((role, p)) = self.unnamed_role.take()
                    && p.paragraph == place.paragraph
                    && p.sentence + 1 == place.sentence
                {
                    let expanded = self.expand(&role);
                    self.actors[i].add_role(&expanded);
                }
                if let Some(words) = &phrase.introduced {
                    self.named_later(words, i);
                }
                // `Campaigner Elspeth Rann`: a title known by its shape alone may have been a
                // given name.
                Some(Resolved {
                    actor: i,
                    confident: !title.as_deref().is_some_and(title_by_shape_only),
                })
            }
            Head::Surname(word) => {
                // `said Hamid, who gave only his first name`, `Hamid, a farmer, said`: one
                // name the article says something of is a person of its own.
                let described = !phrase.roles.is_empty() || phrase.written.contains(", who ");
                let known = self.find_surname(word).or_else(|| {
                    self.find_name(word)
                        .filter(|&i| self.actors[i].kind != ActorKind::Person)
                });
                // `Kelvar said` after `Kelvar Motors`: the one organisation whose name opens
                // with the word, when no one has it for a name; likely, not sure.
                if known.is_none()
                    && !described
                    && let Some(org) = self.organization_by_first_word(word)
                {
                    let actor = self.organization(&org);
                    return Some(Resolved {
                        actor,
                        confident: false,
                    });
                }
                let i = known.or_else(|| described.then(|| self.person(word, None, None, &[])))?;
                for role in &phrase.roles {
                    let expanded = self.expand(role);
                    self.actors[i].add_role(&expanded);
                }
                sure(i)
            }
            Head::Organization(name) => sure(self.organization(name)),
            Head::Anonymous {
                description,
                plural,
            } => {
                let i = self.anonymous(description, *plural, &phrase.written);
                sure(i)
            }
            Head::Definite(words) => self.definite(words),
        }
    }

    /// `A ministry adviser said ... The adviser, Dr Nadia Kareem, said`: the latest unnamed
    /// person whose description has the description's words is `person`.
    fn named_later(&mut self, words: &[String], person: usize) {
        let has_all = |text: &str| {
            let lower = text.to_lowercase();
            let found: Vec<&str> = lower
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .collect();
            words.iter().all(|w| found.contains(&w.as_str()))
        };
        let unnamed = (0..self.actors.len()).rev().find(|&i| {
            let a = &self.actors[i];
            i != person
                && a.anonymous
                && a.kind == ActorKind::Person
                && a.merged_into.is_none()
                && has_all(&a.name)
        });
        if let Some(u) = unnamed {
            let description = self.actors[u].name.clone();
            self.actors[u].merged_into = Some(person);
            self.actors[person].add_role(&description);
        }
    }

    /// The actor an index stands for, after unnamed speakers were matched to their names.
    pub fn canonical(&self, mut i: usize) -> usize {
        while let Some(j) = self.actors[i].merged_into {
            i = j;
        }
        i
    }

    /// `the source`, `the finance ministry`: the actor whose name, role or alias has all the
    /// words, the latest mentioned first (people for people's nouns, organisations for
    /// `ministry`, `company`, ...); else an organisation the article named, or the unnamed
    /// source it introduced (`a security source told ...`).
    fn definite(&mut self, words: &[String]) -> Option<Resolved> {
        let noun = words.last()?.as_str();
        if lexicon::is_document(noun) {
            return self.author_of_document(&words[..words.len() - 1]);
        }
        // `the inspectorate` for the `Lorne Planning Inspectorate`: a noun that ends an
        // organisation's name stands for it, whatever the noun.
        let ends_a_name = |o: &String| {
            o.rsplit(' ')
                .next()
                .is_some_and(|last| last.eq_ignore_ascii_case(noun))
        };
        let org_noun = lexicon::is_org_head(noun)
            || lexicon::is_org_noun(noun)
            || self.organizations.iter().any(ends_a_name)
            || self
                .described
                .iter()
                .any(|(_, n)| n.as_deref() == Some(noun));
        let has_all = |text: &str| {
            let lower = text.to_lowercase();
            let found: Vec<&str> = lower
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .collect();
            words.iter().all(|w| found.contains(&w.as_str()))
        };
        let mut candidates: Vec<usize> = self
            .actors
            .iter()
            .enumerate()
            .filter(|(_, a)| (a.kind == ActorKind::Organization) == org_noun)
            .filter(|(_, a)| {
                has_all(&a.name)
                    || a.roles.iter().any(|r| has_all(r))
                    || a.aliases.iter().any(|x| has_all(x))
            })
            .map(|(i, _)| i)
            .collect();
        if candidates.is_empty() {
            let sure = |actor| {
                Some(Resolved {
                    actor,
                    confident: true,
                })
            };
            if org_noun {
                let orgs: Vec<String> = self
                    .organizations
                    .iter()
                    .filter(|o| has_all(o))
                    .cloned()
                    .collect();
                if let [org] = orgs.as_slice() {
                    return sure(self.organization(org));
                }
                // `Nightingale Aid, a charity, ...`, then `the charity`.
                let described: Vec<String> = self
                    .described
                    .iter()
                    .filter(|(_, n)| n.as_deref() == Some(noun))
                    .map(|(o, _)| o.clone())
                    .collect();
                if let [org] = described.as_slice() {
                    return sure(self.organization(org));
                }
                // `the company` when the article names one organisation without a generic
                // head and says nothing of it: likely, not sure.
                let undescribed: Vec<String> = self
                    .described
                    .iter()
                    .filter(|(_, n)| n.is_none())
                    .map(|(o, _)| o.clone())
                    .collect();
                return match (undescribed.as_slice(), lexicon::is_org_noun(noun)) {
                    ([org], true) if orgs.is_empty() && described.is_empty() => {
                        let actor = self.organization(org);
                        Some(Resolved {
                            actor,
                            confident: false,
                        })
                    }
                    _ => None,
                };
            }
            if lexicon::is_anonymous_head(noun) {
                let (description, written) = self.introduced(noun)?;
                if !has_all(&description) {
                    return None;
                }
                let plural = noun.ends_with('s');
                return sure(self.anonymous(&description, plural, &written));
            }
            return None;
        }
        candidates.sort_by_key(|&i| std::cmp::Reverse(self.last_mention[i]));
        let actor = *candidates.first()?;
        Some(Resolved {
            actor,
            confident: candidates.len() == 1,
        })
    }

    /// `the statement said`, `the bank's ruling read`: a document speaks for whoever issued
    /// it. With an owner (`the bank's`), the owner; without, the organisation the sentence
    /// before or the one before it was about. Never sure.
    fn author_of_document(&mut self, owner: &[String]) -> Option<Resolved> {
        let actor = if owner.is_empty() {
            let latest = self.subjects.last()?.place.sentence;
            self.subjects
                .iter()
                .rev()
                .take_while(|s| s.place.sentence + 2 >= latest)
                .find(|s| self.actors[s.actor].kind == ActorKind::Organization)?
                .actor
        } else {
            self.definite(owner)?.actor
        };
        Some(Resolved {
            actor,
            confident: false,
        })
    }

    /// The latest `a ... NOUN ...` the narrator wrote: its description and the words as
    /// written (`a security source told Shafaq News` → `security source`).
    fn introduced(&self, noun: &str) -> Option<(String, String)> {
        // The recent narrative only: an introduction is never far back, and a long article
        // must not be read again for every `the source`.
        let mut from = self.narrative.len().saturating_sub(6000);
        while !self.narrative.is_char_boundary(from) {
            from -= 1;
        }
        let narrative = &self.narrative[from..];
        let toks = tokens(narrative);
        // The latest mention of the noun that an `a` or `an` introduces.
        let (article, at) = toks
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, t)| t.word && lower(t.text) == noun)
            .find_map(|(at, _)| {
                let article = (at.saturating_sub(5)..at)
                    .rev()
                    .find(|&k| matches!(lower(toks[k].text).as_str(), "a" | "an"))?;
                let clean = toks[article + 1..at]
                    .iter()
                    .all(|t| t.word && !VERB_MARKS.contains(&lower(t.text).as_str()));
                clean.then_some((article, at))
            })?;
        let end = toks[at..]
            .iter()
            .position(|t| !t.word && matches!(t.text, "," | "." | ";" | ":"))
            .map_or(toks.len(), |p| at + p);
        let slice = &narrative[toks[article + 1].start..toks[end - 1].end];
        let words: Vec<Token> = tokens(slice).into_iter().filter(|t| t.word).collect();
        let description = cut_description(slice, &words)?;
        let written = narrative[toks[article].start..toks[end - 1].end].to_string();
        Some((description, written))
    }

    /// `Ana Sorel ran the clinic ...`, `Ana Sorel, who ran the clinic, ...`: a person
    /// introduced by bare name, with neither title nor apposition, as the sentence's subject,
    /// so that a later `she` or her surname finds her. Only two or three name words right at
    /// the start, followed by a lower-case word that is no connector (a verb, or `who`); not an
    /// organisation's run nor a place's (`Port Isolde reopened`).
    fn bare_named_subject(&mut self, narrative: &str) -> Option<usize> {
        let toks = tokens(narrative);
        let len = toks.iter().take_while(|t| is_name_word(t)).count();
        if !(2..=3).contains(&len)
            || is_org_run(&toks[..len])
            || lexicon::is_possessive(toks[len - 1].text)
        {
            return None;
        }
        let first = lower(toks[0].text);
        if lexicon::is_place_prefix(&first) || lexicon::is_not_name(toks[0].text) {
            return None;
        }
        let next = match toks.get(len) {
            Some(t) if t.text == "," => toks.get(len + 1).filter(|t| lower(t.text) == "who")?,
            Some(t) => t,
            None => return None,
        };
        let opens_verb = next.word
            && next.text.chars().next().is_some_and(char::is_lowercase)
            && !is_particle_name(next.text)
            && !is_determiner(next.text)
            && !lexicon::is_possessive(next.text)
            && !matches!(lower(next.text).as_str(), "and" | "or" | "of" | "s");
        if !opens_verb {
            return None;
        }
        let name = name_text(&toks, 0, len);
        // `Ashby Town sacked its coach`: a name the article shows to be an organisation's.
        if self.known_organization(&name) {
            return Some(self.organization(&name));
        }
        let Some(Head::Person {
            title: None,
            address: None,
            ..
        }) = parse_head(&name)
        else {
            return None;
        };
        if toks[..len].iter().any(|t| {
            lexicon::is_role_head(t.text)
                || lexicon::is_rank(t.text)
                || lexicon::is_honorific(t.text)
                || lexicon::is_role_modifier(t.text)
        }) {
            return None;
        }
        Some(self.person(&name, None, None, &[]))
    }

    /// `he`, `she`: the subject of the sentence before (sure), or of an earlier sentence in
    /// this paragraph or the one before (unsure). `they` is never resolved.
    fn pronoun(&mut self, pronoun: Pronoun, place: Place) -> Option<Resolved> {
        if pronoun == Pronoun::They {
            return None;
        }
        let found = self
            .subjects
            .iter()
            .rev()
            .take_while(|s| s.place.paragraph + 1 >= place.paragraph)
            .find(|s| {
                s.place.sentence < place.sentence
                    && self.actors[s.actor].kind == ActorKind::Person
                    && self.actors[s.actor].gender.is_none_or(|g| g == pronoun)
            })?;
        let actor = found.actor;
        let between = found.place.sentence + 1..place.sentence;
        if self.unknown_subjects.iter().any(|s| between.contains(s)) {
            return None;
        }
        let confident = found.place.sentence + 1 == place.sentence
            && self.subjects.last().is_some_and(|s| s.actor == actor);
        if confident {
            self.actors[actor].gender.get_or_insert(pronoun);
        }
        Some(Resolved { actor, confident })
    }
}

#[cfg(test)]
mod tests {
    use super::super::names::subject_after;
    use super::*;

    fn place(paragraph: usize, sentence: usize) -> Place {
        Place {
            paragraph,
            sentence,
        }
    }

    #[test]
    fn one_actor_per_person() {
        let mut r = Registry::new();
        r.learn_organizations("a member of the State of Law Coalition revealed");
        r.learn_people("visit of Iranian Quds Force Commander, General Ismail Qaani, to Baghdad");
        r.learn_people("Coalition member Rasul Radi told Shafaq News");
        let radi = subject_before("Radi ").unwrap();
        let found = r.resolve(&radi, place(1, 1)).unwrap();
        assert_eq!(r.actors[found.actor].name, "Rasul Radi");
        assert_eq!(
            r.actors[found.actor].role().as_deref(),
            Some("State of Law Coalition member")
        );
        let qaani = r.find_surname("Qaani’s").unwrap();
        assert_eq!(r.actors[qaani].aliases, vec!["General Ismail Qaani"]);
        assert_eq!(r.actors.len(), 2);
    }

    #[test]
    fn a_full_name_given_again_without_its_first_word() {
        let mut r = Registry::new();
        let full = r.person("Anya Te Vask", None, None, &[]);
        assert_eq!(r.person("Te Vask", None, None, &[]), full);
        // Its first word read as a title by its ending alone: still the same person.
        let chair = r.person("Tolliman Vesk Arun", None, None, &["chairman".into()]);
        assert_eq!(r.person("Vesk Arun", Some("Tolliman"), None, &[]), chair);
        assert_eq!(r.actors[chair].role().as_deref(), Some("chairman"));
        assert_eq!(r.actors.len(), 2);
    }

    #[test]
    fn pronouns_take_the_previous_subject() {
        let mut r = Registry::new();
        let okoro = r.person("Senna Okoro", None, None, &[]);
        r.set_subject(place(0, 0), okoro);
        let he = subject_before("She ").unwrap();
        let found = r.resolve(&he, place(1, 1)).unwrap();
        assert_eq!(
            found,
            Resolved {
                actor: okoro,
                confident: true
            }
        );
        assert_eq!(r.actors[okoro].gender, Some(Pronoun::She));
        // Further back: still found, but unsure.
        let found = r.resolve(&he, place(1, 3)).unwrap();
        assert!(!found.confident);
        // `he` cannot be her.
        assert_eq!(r.resolve(&subject_before("he").unwrap(), place(1, 2)), None);
    }

    #[test]
    fn a_pronoun_never_reaches_past_an_unknown_name() {
        let mut r = Registry::new();
        let vade = r.person("Corin Vade", Some("Minister"), None, &[]);
        r.set_subject(place(0, 0), vade);
        r.note_unknown_subject("Pupil Ilse Marren wept.", place(1, 1));
        assert_eq!(
            r.resolve(&subject_before("she").unwrap(), place(1, 2)),
            None
        );
        // Words that are no name do not block.
        let mut r = Registry::new();
        let vade = r.person("Corin Vade", None, None, &[]);
        r.set_subject(place(0, 0), vade);
        r.note_unknown_subject("The crowd wept.", place(1, 1));
        assert!(
            r.resolve(&subject_before("she").unwrap(), place(1, 2))
                .is_some()
        );
    }

    #[test]
    fn a_document_speaks_for_whoever_issued_it_unsure() {
        let mut r = Registry::new();
        r.learn_organizations("The Central Bank of Ostvia held rates.");
        let bank = r
            .resolve(
                &subject_before("The Central Bank of Ostvia ").unwrap(),
                place(0, 0),
            )
            .unwrap();
        r.set_subject(place(0, 0), bank.actor);
        let statement = subject_before("the statement ").unwrap();
        assert_eq!(
            r.resolve(&statement, place(1, 1)),
            Some(Resolved {
                actor: bank.actor,
                confident: false
            })
        );
        let owned = subject_before("the bank's statement ").unwrap();
        assert_eq!(r.resolve(&owned, place(1, 2)).unwrap().actor, bank.actor);
        // A person's sentence before: nobody issued it that the rules know.
        let mut r = Registry::new();
        let p = r.person("Ana Vell", None, None, &[]);
        r.set_subject(place(0, 0), p);
        assert_eq!(r.resolve(&statement, place(1, 1)), None);
    }

    #[test]
    fn definite_descriptions() {
        let mut r = Registry::new();
        r.learn_organizations("The Isolde Harbour Company did not respond.");
        let src = subject_before("a security source").unwrap();
        let s = r.resolve(&src, place(0, 0)).unwrap().actor;
        let the = subject_before("The source, who asked not to be named,").unwrap();
        assert_eq!(r.resolve(&the, place(1, 1)).unwrap().actor, s);
        let company = subject_before("the company").unwrap();
        let c = r.resolve(&company, place(1, 2)).unwrap().actor;
        assert_eq!(r.actors[c].name, "Isolde Harbour Company");
        assert_eq!(r.actors[c].kind, ActorKind::Organization);
    }

    #[test]
    fn definite_descriptions_find_what_the_narrator_introduced() {
        let mut r = Registry::new();
        r.note_mentions(
            "The talks resumed on Monday, a senior government official told Shafaq News.",
            place(0, 0),
        );
        r.note_mentions(
            "The official, who requested anonymity, said more.",
            place(1, 1),
        );
        let the = subject_before("The official, who requested anonymity,").unwrap();
        let found = r.resolve(&the, place(1, 1)).unwrap();
        assert_eq!(r.actors[found.actor].name, "Senior government official");
        assert!(r.actors[found.actor].anonymous);
    }

    #[test]
    fn an_organisation_noun_never_finds_a_person() {
        let mut r = Registry::new();
        r.learn_organizations("Interior Ministry spokesman Col. Daro Venn said so.");
        r.learn_people("Interior Ministry spokesman Col. Daro Venn said so.");
        assert_eq!(
            r.actors[0].role().as_deref(),
            Some("Interior Ministry spokesman")
        );
        let finance = subject_after("the finance ministry").unwrap();
        assert_eq!(r.resolve(&finance, place(1, 1)), None);
        let ministry = subject_after("the ministry").unwrap();
        let found = r.resolve(&ministry, place(1, 2)).unwrap();
        assert_eq!(r.actors[found.actor].kind, ActorKind::Organization);
    }

    #[test]
    fn a_different_full_name_is_a_different_person() {
        let mut r = Registry::new();
        r.learn_people("Amal Nasser, the group’s chairman, spoke.");
        assert!(
            r.mentions("Karim Nasser, who runs the shipping arm, denied it.")
                .is_empty()
        );
        let karim = r
            .sentence_subject(
                "Karim Nasser, who runs the shipping arm, left.",
                place(1, 1),
            )
            .unwrap();
        assert_eq!(r.actors[karim].name, "Karim Nasser");
        // Now `Nasser` alone could be either: it finds nobody.
        assert_eq!(r.find_surname("Nasser"), None);
    }

    #[test]
    fn acronyms_in_parentheses_are_aliases() {
        assert_eq!(
            acronyms(
                "The Popular Mobilization Forces (PMF) left. The Ministry of Migration and Displacement (MoMD) said. He (AB) went."
            ),
            vec![
                ("Popular Mobilization Forces".to_string(), "PMF".to_string()),
                (
                    "Ministry of Migration and Displacement".to_string(),
                    "MoMD".to_string()
                )
            ]
        );
        let mut r = Registry::new();
        r.learn_organizations("The Veldt Energy Regulatory Authority (VERA) raised prices.");
        let the = subject_before("In a statement, the VERA ").unwrap();
        let found = r.resolve(&the, place(0, 1)).unwrap();
        assert_eq!(
            r.actors[found.actor].name,
            "Veldt Energy Regulatory Authority"
        );
        assert_eq!(r.actors[found.actor].aliases, vec!["VERA"]);
        let long = subject_before("The Veldt Energy Regulatory Authority (VERA) ").unwrap();
        assert_eq!(r.resolve(&long, place(0, 2)).unwrap().actor, found.actor);
    }

    #[test]
    fn the_company_finds_an_organisation_without_a_generic_head() {
        let mut r = Registry::new();
        r.learn_organizations(
            "Tarrow Copper will close the pit. Tarrow Copper's chief executive left.",
        );
        let company = subject_before("The company ").unwrap();
        let found = r.resolve(&company, place(0, 1)).unwrap();
        assert_eq!(r.actors[found.actor].name, "Tarrow Copper");
        assert_eq!(r.actors[found.actor].kind, ActorKind::Organization);
        // Nothing described it: found, but to be checked.
        assert!(!found.confident);
        // Named as a speaker, it is the organisation, not a person.
        let named = subject_before("Tarrow Copper ").unwrap();
        assert_eq!(r.resolve(&named, place(0, 2)).unwrap().actor, found.actor);

        let mut r = Registry::new();
        r.learn_organizations(
            "Bright Lantern Aid, a charity, Tarrow Copper's owners and Vell Freight's board met the Vell Planning Inspectorate (VPI).",
        );
        let charity = subject_before("the charity ").unwrap();
        let found = r.resolve(&charity, place(0, 1)).unwrap();
        assert_eq!(r.actors[found.actor].name, "Bright Lantern Aid");
        assert_eq!(r.actors[found.actor].role().as_deref(), Some("charity"));
        assert!(found.confident);
        // Two organisations the article says nothing of: `the company` is neither.
        assert_eq!(
            r.resolve(&subject_before("the company ").unwrap(), place(0, 2)),
            None
        );
        // A noun that ends an organisation's name stands for it.
        let the = subject_before("the inspectorate ").unwrap();
        let found = r.resolve(&the, place(0, 3)).unwrap();
        assert_eq!(r.actors[found.actor].name, "Vell Planning Inspectorate");
    }

    #[test]
    fn organisations_by_their_shape_become_actors() {
        let mut r = Registry::new();
        r.learn_organizations(
            "The opposition Civic Front and the Lakeshore Chamber of Commerce met the Oil Ministry.",
        );
        r.name_organizations();
        let names: Vec<&str> = r.actors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "Civic Front",
                "Lakeshore Chamber of Commerce",
                "Oil Ministry"
            ]
        );
        assert!(r.actors.iter().all(|a| a.kind == ActorKind::Organization));
    }

    #[test]
    fn a_role_after_a_known_surname_is_the_persons() {
        let mut r = Registry::new();
        r.learn_people("Judge Ema Rusk said Tomas Welk, 58, had kept the money.");
        r.learn_people("Lars Kowal, 41, said he would appeal.");
        r.learn_people("Kowal, Welk's lawyer since his arrest, had argued otherwise.");
        r.learn_people("Rusk, Kowal and others left.");
        let kowal = r.find_name("Lars Kowal").unwrap();
        assert!(r.actors[kowal].roles.iter().any(|x| x.contains("lawyer")));
        let rusk = r.find_name("Ema Rusk").unwrap();
        assert_eq!(r.actors[rusk].roles, vec!["Judge".to_string()]);
    }

    #[test]
    fn a_science_practitioner_is_a_role_by_shape() {
        assert!(lexicon::is_role_head("microbiologist"));
        assert!(lexicon::is_role_head("epidemiologist"));
        assert!(!lexicon::is_role_head("ecology"));
    }

    #[test]
    fn an_age_after_a_bare_name_makes_a_person_worth_listing() {
        let mut r = Registry::new();
        r.learn_people("Judge Ines Hald said Oskar Wend, 61, had lied.");
        let wend = r.find_name("Oskar Wend").unwrap();
        assert!(r.actors[wend].evident);
        assert_eq!(r.actors[wend].role(), None);
        // A bare name without one is no one the rules can vouch for.
        let mut r = Registry::new();
        r.learn_people("The court heard that Tomas Brell had signed every contract.");
        assert!(r.actors.is_empty());
    }

    #[test]
    fn a_role_in_the_sentence_before_is_the_next_named_speakers() {
        let mut r = Registry::new();
        r.note_mentions("Her deputy was blunter.", place(2, 5));
        let kald = subject_before("Ines Kald ").unwrap();
        let found = r.resolve(&kald, place(2, 6)).unwrap();
        assert_eq!(r.actors[found.actor].roles, vec!["deputy".to_string()]);
        // Not in the next paragraph, not a sentence later.
        let mut r = Registry::new();
        r.note_mentions("Her deputy was blunter.", place(2, 5));
        let found = r.resolve(&kald, place(3, 6)).unwrap();
        assert!(r.actors[found.actor].roles.is_empty());
        let mut r = Registry::new();
        r.note_mentions("The club's manager offered sympathy.", place(1, 1));
        r.note_mentions("Nobody listened.", place(1, 2));
        let found = r.resolve(&kald, place(1, 3)).unwrap();
        assert!(r.actors[found.actor].roles.is_empty());
        // Someone known holds it: the sentence was about them.
        let mut r = Registry::new();
        r.learn_people("Her deputy, Ola Brin, spoke first.");
        r.note_mentions("Her deputy was blunter.", place(2, 5));
        let found = r.resolve(&kald, place(2, 6)).unwrap();
        assert!(r.actors[found.actor].roles.is_empty());
    }

    #[test]
    fn the_group_never_stands_for_an_organisation_known_by_context_alone() {
        let mut r = Registry::new();
        let paragraphs =
            ["Aid came, according to the Sarn Red Cross. The aid group said more would come."];
        r.learn_organizations(paragraphs[0]);
        r.learn_article(&paragraphs);
        // Known as an organisation when named ...
        let named = subject_before("Sarn Red Cross ").unwrap();
        let found = r.resolve(&named, place(0, 1)).unwrap();
        assert_eq!(r.actors[found.actor].kind, ActorKind::Organization);
        // ... but `the group` could be any: left to the sentence before.
        let group = subject_before("In a statement, the group ").unwrap();
        assert_eq!(r.resolve(&group, place(1, 5)), None);
    }

    #[test]
    fn an_organisation_known_by_context_is_no_person() {
        let mut r = Registry::new();
        let paragraphs = [
            "Dunmore Rangers sacked their coach on Monday.",
            "The club said it was grateful for his work.",
        ];
        for p in paragraphs {
            r.learn_organizations(p);
        }
        r.learn_article(&paragraphs);
        let subject = r.sentence_subject(paragraphs[0], place(0, 0)).unwrap();
        assert_eq!(r.actors[subject].name, "Dunmore Rangers");
        assert_eq!(r.actors[subject].kind, ActorKind::Organization);
        let club = subject_before("The club ").unwrap();
        assert_eq!(r.resolve(&club, place(1, 1)).unwrap().actor, subject);
        // One word, described: listed as an organisation too.
        let mut r = Registry::new();
        r.learn_organizations("Velloc, the shipping group, bought it.");
        r.name_organizations();
        assert_eq!(r.actors[0].name, "Velloc");
        assert_eq!(r.actors[0].role().as_deref(), Some("group"));
    }

    #[test]
    fn a_press_release_contact_is_a_person_with_a_title() {
        let mut r = Registry::new();
        r.learn_article(&[
            "Media Contact: Ana Pell Director, Public Affairs press@larkspur.example (503) 555-0100",
        ]);
        let pell = r.find_name("Ana Pell").unwrap();
        assert_eq!(
            r.actors[pell].roles,
            vec!["Director, Public Affairs".to_string()]
        );
        assert!(r.actors[pell].evident);
    }

    #[test]
    fn two_names_after_a_plural_noun_for_people_are_two_people() {
        let mut r = Registry::new();
        r.learn_people("It was founded in 2001 by parents Omar Dahl and Yusuf Dahl in a garage.");
        assert!(r.actors[r.find_name("Omar Dahl").unwrap()].evident);
        assert!(r.actors[r.find_name("Yusuf Dahl").unwrap()].evident);
        // Not after a noun for things.
        let mut r = Registry::new();
        r.learn_people("It sells tables Oak Line and Birch Line across the region.");
        assert!(r.actors.is_empty());
    }

    #[test]
    fn a_companys_name_is_never_a_persons() {
        let mut r = Registry::new();
        let text = "SOURCE Larkspur Toys, Inc.";
        r.learn_organizations(text);
        r.learn_people(text);
        assert!(r.actors.is_empty());
        let named = subject_before("Larkspur ").unwrap();
        let found = r.resolve(&named, place(0, 1)).unwrap();
        assert_eq!(r.actors[found.actor].name, "Larkspur Toys, Inc.");
        assert_eq!(r.actors[found.actor].kind, ActorKind::Organization);
    }
}
