//! Writes N realistic briefings for benchmarks and tests, the same bytes for the same seed.
//!
//! ```text
//! cargo run --release --example gen_corpus -- N DIR [--seed S]
//! ```
//!
//! About 3.4 KB a briefing, three TOML files to one JSON file, 100 files a folder
//! (`DIR/d0000/`, `DIR/d0001/`, ...). Each briefing has 5 to 15 actors (some anonymous) drawn
//! from one pool of a few hundred invented people, organisations, groups and states, so the
//! same actor turns up across briefings, sometimes under another id or an alias; quotes,
//! events, judgments and sources; tags from a pool; dates from 2019 to 2026. Everything is
//! invented. Every file passes `brief check`.
//!
//! Briefing `i` depends only on the seed and `i`, so the first 1,000 of a 10,000 corpus are
//! the 1,000 corpus. The benches include this file as a module to make their corpora.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The seed used when `--seed` is not given.
pub const DEFAULT_SEED: u64 = 42;
/// Files per folder.
pub const PER_FOLDER: usize = 100;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || -> ! {
        eprintln!("usage: gen_corpus N DIR [--seed S]");
        std::process::exit(2)
    };
    let mut positional = Vec::new();
    let mut seed = DEFAULT_SEED;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--seed" => {
                seed = it
                    .next()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            "-h" | "--help" => usage(),
            _ => positional.push(arg.clone()),
        }
    }
    let [n, dir] = positional.as_slice() else {
        usage()
    };
    let Ok(n) = n.replace('_', "").parse::<usize>() else {
        usage()
    };
    let dir = PathBuf::from(dir);
    match generate(n, &dir, seed) {
        Ok(stats) => println!(
            "wrote {} briefings ({} TOML, {} JSON, {} bytes, {:.0} bytes each) in {} folders under {} (seed {seed})",
            stats.files,
            stats.toml,
            stats.json,
            stats.bytes,
            stats.bytes as f64 / stats.files.max(1) as f64,
            stats.folders,
            dir.display()
        ),
        Err(e) => {
            eprintln!("gen_corpus: {}: {e}", dir.display());
            std::process::exit(1)
        }
    }
}

/// What `generate` wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub files: usize,
    pub toml: usize,
    pub json: usize,
    pub bytes: u64,
    pub folders: usize,
}

/// Writes `n` briefings under `dir`, which must be missing or empty (nothing is overwritten).
pub fn generate(n: usize, dir: &Path, seed: u64) -> io::Result<Stats> {
    if dir.exists() && fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "the folder is not empty; give a new or empty one",
        ));
    }
    fs::create_dir_all(dir)?;
    let pool = Pool::new(seed);
    let mut stats = Stats::default();
    for i in 0..n {
        let (relative, text, json) = briefing_file(&pool, seed, i);
        let path = dir.join(relative);
        if i % PER_FOLDER == 0 {
            fs::create_dir_all(path.parent().expect("files live in a folder"))?;
            stats.folders += 1;
        }
        fs::write(&path, &text)?;
        stats.files += 1;
        stats.bytes += text.len() as u64;
        if json {
            stats.json += 1;
        } else {
            stats.toml += 1;
        }
    }
    Ok(stats)
}

/// Briefing `i`: its path under the corpus folder, its text, and whether it is JSON.
pub fn briefing_file(pool: &Pool, seed: u64, i: usize) -> (PathBuf, String, bool) {
    let mut rng = Rng::new(seed ^ (i as u64 + 1).wrapping_mul(0xA076_1D64_78BD_642F));
    let b = Briefing::invent(pool, &mut rng, i);
    let json = i % 4 == 3;
    let text = if json { b.to_json() } else { b.to_toml() };
    let name = format!(
        "d{:04}/{}.{}",
        i / PER_FOLDER,
        b.stem,
        if json { "json" } else { "toml" }
    );
    (PathBuf::from(name), text, json)
}

// ----- randomness -----

/// splitmix64: tiny, fast and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ----- word banks (all invented) -----

const FIRST: &[&str] = &[
    "Lina", "Tomas", "Amira", "Dario", "Selin", "Yusuf", "Mirela", "Karim", "Ines", "Pavel",
    "Noor", "Aurel", "Hana", "Matteo", "Leyla", "Bogdan", "Sana", "Ilias", "Vesna", "Omar",
    "Talia", "Goran", "Rania", "Emil", "Zeynep", "Farid", "Oksana", "Nabil", "Irena", "Samir",
    "Jana", "Kemal", "Dalia", "Viktor", "Maya", "Hadi", "Elif", "Ruslan", "Nadia", "Qasim",
    "Éloïse", "Anselm", "Željka", "Ibrahim", "Marta", "Soraya", "Teodor", "Layla",
];

const LAST: &[&str] = &[
    "Marovic",
    "Haddar",
    "Qarawi",
    "Steen",
    "Okonjo",
    "Ferrante",
    "Balan",
    "Sulaym",
    "Kovacs",
    "Darwish",
    "Lindqvist",
    "Tahiri",
    "Novak",
    "Aziz",
    "Petrescu",
    "Mansour",
    "Halloran",
    "Ivanek",
    "Rahimi",
    "Castell",
    "Demir",
    "Vukovic",
    "Nasser",
    "Oyelaran",
    "Brandt",
    "Qadiri",
    "Selmani",
    "Harrow",
    "Zubair",
    "Moreau",
    "Kaplan",
    "Ghassoub",
    "Varga",
    "Reyes",
    "Antal",
    "Saleh",
    "Dunmore",
    "Ilic",
    "Farouk",
    "Lambros",
    "Ōtani",
    "Çelik",
    "Quayle",
    "Brennan",
    "Sørlie",
    "Khatib",
    "Orsini",
    "Valdés",
];

/// Surnames with a spelling in another script, used as aliases.
const NATIVE: &[(&str, &str)] = &[
    ("Haddar", "حدّار"),
    ("Qarawi", "القراوي"),
    ("Sulaym", "سليم"),
    ("Darwish", "درويش"),
    ("Tahiri", "الطاهري"),
    ("Mansour", "منصور"),
    ("Rahimi", "رحيمي"),
    ("Nasser", "ناصر"),
    ("Qadiri", "القادري"),
    ("Ghassoub", "غصوب"),
    ("Ivanek", "Иванек"),
    ("Vukovic", "Вуковић"),
    ("Petrescu", "Петреску"),
    ("Ilic", "Илић"),
    ("Khatib", "الخطيب"),
    ("Farouk", "فاروق"),
];

const STATES: &[(&str, &str)] = &[
    ("Veloria", "Velorian"),
    ("Tazmir", "Tazmiri"),
    ("Sorvane", "Sorvanian"),
    ("Lanxia", "Lanxian"),
    ("Valmora", "Valmoran"),
    ("Oruna", "Orunan"),
    ("Keshet", "Keshetite"),
    ("Bralinor", "Bralinese"),
    ("Ostrava Minor", "Ostravan"),
    ("Qadesh", "Qadeshi"),
    ("Marenthia", "Marenthian"),
    ("Durgal", "Durgali"),
    ("Illyne", "Illynian"),
    ("Santerra", "Santerran"),
    ("Vashkor", "Vashkori"),
    ("Neralia", "Neralian"),
    ("Khemet Ridge", "Khemeti"),
    ("Portavia", "Portavian"),
    ("Zarenia", "Zarenian"),
    ("Aldmere", "Aldmerian"),
    ("Cassivar", "Cassivaran"),
    ("Hollin", "Hollish"),
    ("Ysolde", "Ysoldan"),
    ("Tarsk", "Tarskan"),
];

const CITIES: &[&str] = &[
    "Port Selvan",
    "Wadi Serran",
    "Kestrel Bay",
    "Amberlin",
    "Dorsk",
    "Qal'at Miran",
    "Sevrin",
    "Halvik",
    "Marisco",
    "Trenova",
    "Oskarsholm",
    "Bel Harun",
    "Corran",
    "Xuelan",
    "Veyra",
    "Nordhaven",
    "Ras Tamir",
    "Lirica",
    "Gorun",
    "Montaval",
    "Ziyad",
    "Palmera",
    "Essig",
    "Brightwater",
    "Karst",
    "Tovar",
    "El Qasr",
    "Mirovo",
    "Sable Point",
    "Ardent Falls",
];

const ORG_KINDS: &[(&str, &str)] = &[
    ("Port Authority", "PA"),
    ("Dockworkers' Union", "DU"),
    ("Electoral Authority", "EA"),
    ("Grid Operator", "GO"),
    ("Water Board", "WB"),
    ("Chamber of Commerce", "CC"),
    ("Customs Service", "CS"),
    ("Interior Ministry", "IM"),
    ("Observer Mission", "OM"),
    ("Shipping Company", "SC"),
    ("Energy Consortium", "EC"),
    ("Farmers' Cooperative", "FC"),
    ("Maritime Security Bureau", "MSB"),
    ("National Bank", "NB"),
    ("Broadcasting Corporation", "BC"),
];

const GROUP_ADJ: &[&str] = &[
    "Free",
    "Northern",
    "Valley",
    "Coastal",
    "Popular",
    "Revolutionary",
    "Highland",
    "United",
    "Black Ridge",
    "Red Harbour",
];
const GROUP_NOUN: &[&str] = &[
    "Guards",
    "Front",
    "Brigades",
    "Movement",
    "Defence Committees",
    "Resistance",
    "Alliance",
    "Militia",
];

const TITLES: &[&str] = &[
    "Minister of Interior",
    "Prime Minister",
    "Spokesperson",
    "Head",
    "Deputy Director",
    "Secretary-General",
    "Chair",
    "Commander",
    "Governor",
    "Member of Parliament",
    "Union leader",
    "Chief Executive",
    "Senior adviser",
    "Tribal council head",
];

const OUTLETS: &[&str] = &[
    "Meridian Courier",
    "Harbour Wire",
    "Valley Broadcast Service",
    "Strait Watch Collective",
    "The Amberlin Ledger",
    "Coastal Monitor",
    "Open Tracker Network",
    "Nordhaven Daily",
    "Regional News Agency",
    "Sable Point Radio",
    "The Trenova Observer",
    "Field Notes Desk",
];

const TAGS: &[&str] = &[
    "maritime",
    "elections",
    "energy",
    "cyber",
    "protest",
    "labour",
    "sanctions",
    "smuggling",
    "water",
    "border",
    "militia",
    "corruption",
    "diplomacy",
    "trade",
    "shipping",
    "grid",
    "agriculture",
    "drought",
    "migration",
    "media",
    "judiciary",
    "policing",
    "ports",
    "finance",
    "telecoms",
    "disinformation",
    "tribal",
    "refugees",
    "mining",
    "fisheries",
    "aviation",
    "railways",
    "health",
    "currency",
    "strikes",
    "coalition",
    "parliament",
    "security",
    "armed-groups",
    "infrastructure",
    "انتخابات",
    "энергетика",
    "fictional",
];

/// What a briefing is about: a headline pattern and the nouns its prose uses.
struct Topic {
    tag: &'static str,
    headlines: &'static [&'static str],
    thing: &'static str,
    things: &'static [&'static str],
    verbs: &'static [&'static str],
}

const TOPICS: &[Topic] = &[
    Topic {
        tag: "ports",
        headlines: &[
            "dockworkers strike halts container traffic at {city}",
            "port authority suspends night shifts at {city} after sabotage claims",
            "{org} seizes cargo at {city} over unpaid duties",
        ],
        thing: "the strike",
        things: &[
            "container terminals",
            "berths",
            "cargo manifests",
            "night shifts",
            "cranes",
        ],
        verbs: &["halted", "delayed", "rerouted", "inspected", "blocked"],
    },
    Topic {
        tag: "elections",
        headlines: &[
            "opposition rejects count in {city} as ruling alliance leads",
            "{org} delays final results after turnout anomalies in {city}",
            "recount ordered in {city} amid fraud allegations",
        ],
        thing: "the count",
        things: &[
            "ballot boxes",
            "polling stations",
            "turnout figures",
            "voter rolls",
            "tally sheets",
        ],
        verbs: &["disputed", "recounted", "sealed", "audited", "annulled"],
    },
    Topic {
        tag: "cyber",
        headlines: &[
            "grid intrusion cuts power to {city} for nine hours",
            "{org} confirms breach of billing systems",
            "ransomware hits {city} water treatment controls",
        ],
        thing: "the intrusion",
        things: &[
            "substations",
            "control systems",
            "billing records",
            "backup servers",
            "network logs",
        ],
        verbs: &["compromised", "isolated", "restored", "encrypted", "traced"],
    },
    Topic {
        tag: "water",
        headlines: &[
            "dispute over {city} reservoir releases escalates",
            "{org} rations water in {city} as drought deepens",
            "farmers block canal works near {city}",
        ],
        thing: "the dispute",
        things: &[
            "reservoir releases",
            "irrigation quotas",
            "canal works",
            "wells",
            "pumping stations",
        ],
        verbs: &["cut", "diverted", "rationed", "contested", "metered"],
    },
    Topic {
        tag: "smuggling",
        headlines: &[
            "fuel smuggling network uncovered at {city}",
            "{org} arrests customs officers in {city} bribery case",
            "tanker with dark AIS record detained off {city}",
        ],
        thing: "the network",
        things: &[
            "fuel shipments",
            "customs seals",
            "tracking gaps",
            "front companies",
            "cash transfers",
        ],
        verbs: &["seized", "concealed", "falsified", "tracked", "detained"],
    },
    Topic {
        tag: "militia",
        headlines: &[
            "armed group clashes with police near {city}",
            "{group} threatens to march on the capital from {city}",
            "ceasefire around {city} frays after ambush",
        ],
        thing: "the clashes",
        things: &[
            "checkpoints",
            "convoys",
            "supply roads",
            "patrols",
            "weapons caches",
        ],
        verbs: &[
            "attacked",
            "withdrew from",
            "reinforced",
            "surrounded",
            "abandoned",
        ],
    },
    Topic {
        tag: "energy",
        headlines: &[
            "{org} signs gas transit deal through {city}",
            "pipeline shutdown near {city} squeezes winter supply",
            "price cap row strains {org}",
        ],
        thing: "the deal",
        things: &[
            "transit fees",
            "pipeline capacity",
            "storage levels",
            "tariffs",
            "supply contracts",
        ],
        verbs: &[
            "renegotiated",
            "suspended",
            "expanded",
            "capped",
            "guaranteed",
        ],
    },
    Topic {
        tag: "protest",
        headlines: &[
            "protests spread from {city} after fuel price rise",
            "students occupy ministry in {city}",
            "{org} bans rallies in {city} ahead of vote",
        ],
        thing: "the protests",
        things: &["rallies", "road blockades", "sit-ins", "arrests", "curfews"],
        verbs: &["dispersed", "organised", "banned", "joined", "called off"],
    },
];

const LIKELIHOOD: &[&str] = &[
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
];
const CONFIDENCE: &[&str] = &["low", "moderate", "high"];
const HANDLING: &[&str] = &[
    "CLEAR",
    "GREEN",
    "GREEN",
    "AMBER",
    "AMBER",
    "AMBER+STRICT",
    "RED",
];
const RELIABILITY: &[&str] = &["A", "B", "B", "C", "C", "C", "D", "E", "F"];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const ANONYMOUS: &[&str] = &[
    "Senior port official",
    "Well-informed political source",
    "Official of the electoral authority",
    "Diplomat in the capital",
    "Local journalist",
    "Security source",
    "Resident of the district",
    "Engineer at the operator",
];
const NUMBERS: &[&str] = &[
    "three",
    "four",
    "nine",
    "twelve",
    "nineteen",
    "forty",
    "several hundred",
    "about two thousand",
];

// ----- the actor pool -----

/// One actor everybody may write about.
pub struct PoolActor {
    pub id: String,
    pub name: String,
    kind: &'static str,
    role: Option<String>,
    affiliation: Option<String>,
    aliases: Vec<String>,
    /// Another id some authors give the same actor.
    other_id: String,
}

/// The people, organisations, groups and states of the corpus.
pub struct Pool {
    pub actors: Vec<PoolActor>,
    /// By home state: indexes into `actors` of people, and of organisations and groups.
    people_of: Vec<Vec<usize>>,
    orgs_of: Vec<Vec<usize>>,
}

impl Pool {
    pub fn new(seed: u64) -> Pool {
        let mut rng = Rng::new(seed ^ 0x5EED_F00D_CAFE_0001);
        let mut actors = Vec::new();
        let mut ids = HashSet::new();
        let mut people_of = vec![Vec::new(); STATES.len()];
        let mut orgs_of = vec![Vec::new(); STATES.len()];
        for (state, _) in STATES {
            let id = slug(state);
            ids.insert(id.clone());
            actors.push(PoolActor {
                other_id: format!("{id}-state"),
                id,
                name: (*state).to_string(),
                kind: "state",
                role: None,
                affiliation: None,
                aliases: vec![
                    format!("Republic of {state}"),
                    format!("{state} government"),
                ],
            });
        }
        // Organisations: a place and a kind, with an acronym.
        while actors.len() < STATES.len() + 90 {
            let home = rng.below(STATES.len());
            let (kind, acronym) = *rng.pick(ORG_KINDS);
            let place = if rng.chance(50) {
                STATES[home].0
            } else {
                rng.pick(CITIES)
            };
            let name = format!("{place} {kind}");
            let id = slug(&name);
            if !ids.insert(id.clone()) {
                continue;
            }
            let initials: String = place
                .split_whitespace()
                .filter_map(|w| w.chars().next())
                .collect();
            orgs_of[home].push(actors.len());
            actors.push(PoolActor {
                other_id: format!("{}-{}", slug(&initials), slug(acronym)),
                id,
                aliases: vec![format!("{initials}{acronym}"), kind.to_string()],
                name,
                kind: "organization",
                role: None,
                affiliation: Some(slug(STATES[home].0)),
            });
        }
        // Armed and political groups.
        let mut groups = 0;
        while groups < 40 {
            let home = rng.below(STATES.len());
            let name = format!(
                "{} {} {}",
                rng.pick(GROUP_ADJ),
                if rng.chance(50) {
                    rng.pick(CITIES)
                } else {
                    STATES[home].1
                },
                rng.pick(GROUP_NOUN)
            );
            let id = slug(&name);
            if !ids.insert(id.clone()) {
                continue;
            }
            groups += 1;
            let acronym: String = name
                .split_whitespace()
                .filter_map(|w| w.chars().next())
                .filter(|c| c.is_uppercase())
                .collect();
            orgs_of[home].push(actors.len());
            actors.push(PoolActor {
                other_id: format!("{}-group", slug(&acronym)),
                id,
                aliases: vec![acronym],
                name,
                kind: "group",
                role: Some("Armed group".into()),
                affiliation: None,
            });
        }
        // People.
        let mut people = 0;
        while people < 340 {
            let first = *rng.pick(FIRST);
            let last = *rng.pick(LAST);
            let name = format!("{first} {last}");
            let id = slug(&name);
            if !ids.insert(id.clone()) {
                continue;
            }
            people += 1;
            let home = rng.below(STATES.len());
            let mut aliases = Vec::new();
            if rng.chance(60) {
                aliases.push(format!("{}. {last}", first.chars().next().unwrap_or('X')));
            }
            if let Some((_, native)) = NATIVE.iter().find(|(l, _)| *l == last) {
                aliases.push(format!("{first} {native}"));
            }
            if rng.chance(30) {
                aliases.push(last.replace("ou", "u").replace('a', "aa"));
            }
            let org = orgs_of[home].first().map(|&o| actors[o].id.clone());
            let role = format!("{}, {}", rng.pick(TITLES), STATES[home].0);
            people_of[home].push(actors.len());
            actors.push(PoolActor {
                other_id: slug(last),
                id,
                name,
                kind: "person",
                role: Some(role),
                affiliation: org.or_else(|| Some(slug(STATES[home].0))),
                aliases,
            });
        }
        Pool {
            actors,
            people_of,
            orgs_of,
        }
    }
}

// ----- one briefing -----

struct Actor {
    id: String,
    name: String,
    kind: &'static str,
    role: Option<String>,
    affiliation: Option<String>,
    aliases: Vec<String>,
    anonymous: bool,
    note: Option<String>,
}

struct Judgment {
    id: Option<String>,
    text: String,
    likelihood: Option<&'static str>,
    confidence: Option<&'static str>,
    note: Option<String>,
}

struct Source {
    id: String,
    name: String,
    url: Option<String>,
    published: Option<Day>,
    reliability: Option<&'static str>,
}

struct Quote {
    id: Option<String>,
    speaker: String,
    text: String,
    mode: &'static str,
    context: Option<String>,
    said: Option<Day>,
    source: Option<String>,
    about: Vec<String>,
    credibility: Option<u8>,
}

struct Event {
    id: Option<String>,
    date: String,
    text: String,
    actors: Vec<String>,
    note: Option<String>,
}

#[derive(Clone, Copy)]
struct Day {
    year: u32,
    month: u32,
    day: u32,
}

impl Day {
    fn random(rng: &mut Rng) -> Day {
        let year = rng.range(2019, 2026) as u32;
        let month = rng.range(1, 12) as u32;
        let day = rng.range(1, days_in(year, month) as usize) as u32;
        Day { year, month, day }
    }

    /// A day up to `back` days before this one (months counted as 30 days).
    fn before(self, rng: &mut Rng, back: usize) -> Day {
        let mut days = self.year as i64 * 360 + (self.month as i64 - 1) * 30 + self.day as i64 - 1;
        days -= rng.below(back + 1) as i64;
        let year = (days / 360) as u32;
        let month = ((days % 360) / 30) as u32 + 1;
        let day = ((days % 30) as u32 + 1).min(days_in(year, month));
        Day { year, month, day }
    }

    fn month_name(self) -> &'static str {
        MONTHS[self.month as usize - 1]
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

struct Briefing {
    stem: String,
    id: Option<String>,
    title: String,
    date: Day,
    handling: Option<&'static str>,
    tags: Vec<String>,
    summary: Vec<String>,
    judgments: Vec<Judgment>,
    sources: Vec<Source>,
    actors: Vec<Actor>,
    quotes: Vec<Quote>,
    events: Vec<Event>,
    pipeline: Option<(String, u32)>,
}

/// The words a briefing's sentences are made of.
struct Scene<'a> {
    topic: &'a Topic,
    state: &'static str,
    adjective: &'static str,
    city: &'static str,
    named: Vec<String>,
    orgs: Vec<String>,
}

impl Scene<'_> {
    fn person(&self, rng: &mut Rng) -> String {
        rng.pick(&self.named).clone()
    }

    fn org(&self, rng: &mut Rng) -> String {
        if self.orgs.is_empty() {
            format!("the {} government", self.adjective)
        } else {
            rng.pick(&self.orgs).clone()
        }
    }

    /// One sentence of analytic prose.
    fn sentence(&self, rng: &mut Rng, date: Day) -> String {
        let t = self.topic;
        match rng.below(10) {
            0 => format!(
                "{} said on {} {} that {} had {} {} {} in {}.",
                self.person(rng),
                date.day,
                date.month_name(),
                self.org(rng),
                rng.pick(t.verbs),
                rng.pick(NUMBERS),
                rng.pick(t.things),
                self.city
            ),
            1 => format!(
                "Local reporting suggests that {} near {} were {} before {} began.",
                rng.pick(t.things),
                self.city,
                rng.pick(t.verbs),
                t.thing
            ),
            2 => format!(
                "{} denies any role in {}, but {} points to {} {} in the weeks before.",
                self.org(rng),
                t.thing,
                self.person(rng),
                rng.pick(NUMBERS),
                rng.pick(t.things)
            ),
            3 => format!(
                "The {} authorities have {} {} and say the situation in {} is under control.",
                self.adjective,
                rng.pick(t.verbs),
                rng.pick(t.things),
                self.city
            ),
            4 => format!(
                "{} and {} met in {} in {}; neither side has published an account of the talks.",
                self.person(rng),
                self.person(rng),
                self.city,
                date.month_name()
            ),
            5 => format!(
                "{} is the {} time this year that {} have been {} in {}.",
                cap(t.thing),
                rng.pick(&["second", "third", "fourth", "fifth"]),
                rng.pick(t.things),
                rng.pick(t.verbs),
                self.state
            ),
            6 => format!(
                "Observers note that {} has long relied on {} for {} and is unlikely to change course quickly.",
                self.org(rng),
                self.person(rng),
                rng.pick(t.things)
            ),
            7 => format!(
                "Figures from {} show {} {} {} since {}, far more than officials admit.",
                self.org(rng),
                rng.pick(NUMBERS),
                rng.pick(t.things),
                rng.pick(t.verbs),
                date.month_name()
            ),
            8 => format!(
                "The risk lies in {}, where {} could turn {} into a wider crisis for {}.",
                self.city,
                self.person(rng),
                t.thing,
                self.state
            ),
            _ => format!(
                "{}'s account of {} cannot be checked independently; {} are still {}.",
                self.person(rng),
                t.thing,
                rng.pick(t.things),
                rng.pick(t.verbs)
            ),
        }
    }

    /// What someone is quoted as saying.
    fn quote(&self, rng: &mut Rng) -> String {
        let t = self.topic;
        match rng.below(6) {
            0 => format!(
                "We will not accept that {} are {} while {} stays silent. The people of {} deserve an answer.",
                rng.pick(t.things),
                rng.pick(t.verbs),
                self.org(rng),
                self.city
            ),
            1 => format!(
                "Nobody ordered {} {} to be {}; whoever says so is spreading rumours.",
                rng.pick(NUMBERS),
                rng.pick(t.things),
                rng.pick(t.verbs)
            ),
            2 => format!(
                "{} is a matter for the courts, and {} will cooperate fully with any inquiry in {}.",
                cap(t.thing),
                self.org(rng),
                self.city
            ),
            3 => format!(
                "I saw {} {} with my own eyes in {}, and I told {} the same day.",
                rng.pick(t.things),
                rng.pick(t.verbs),
                self.city,
                self.person(rng)
            ),
            4 => format!(
                "The {} side has {} {} before, and it will do so again unless someone stops it.",
                self.adjective,
                rng.pick(t.verbs),
                rng.pick(t.things)
            ),
            _ => format!(
                "Calm is in everyone's interest. We asked {} to keep {} open and to talk, not to threaten.",
                self.person(rng),
                rng.pick(t.things)
            ),
        }
    }
}

impl Briefing {
    fn invent(pool: &Pool, rng: &mut Rng, index: usize) -> Briefing {
        let topic = rng.pick(TOPICS);
        let home = rng.below(STATES.len());
        let (state, adjective) = STATES[home];
        let city = *rng.pick(CITIES);
        let date = Day::random(rng);

        // Actors: the state, some of its organisations and people, a few from elsewhere, and
        // sometimes an unnamed source.
        let total = rng.range(5, 15);
        let anonymous = if rng.chance(60) { rng.range(1, 2) } else { 0 };
        let mut chosen: Vec<usize> = vec![home];
        let mut tries = 0;
        while chosen.len() < total - anonymous && tries < 200 {
            tries += 1;
            let near = rng.chance(75);
            let from = if near { home } else { rng.below(STATES.len()) };
            let candidate = if rng.chance(25) {
                pool.orgs_of[from]
                    .get(rng.below(pool.orgs_of[from].len().max(1)))
                    .copied()
            } else if rng.chance(8) {
                Some(from)
            } else {
                pool.people_of[from]
                    .get(rng.below(pool.people_of[from].len().max(1)))
                    .copied()
            };
            if let Some(c) = candidate
                && !chosen.contains(&c)
            {
                chosen.push(c);
            }
        }
        let mut ids = HashSet::new();
        let mut actors = Vec::new();
        for &c in &chosen {
            let p = &pool.actors[c];
            let mut id = if rng.chance(15) {
                p.other_id.clone()
            } else {
                p.id.clone()
            };
            if !ids.insert(id.clone()) {
                id = p.id.clone();
                if !ids.insert(id.clone()) {
                    continue;
                }
            }
            let mut aliases: Vec<String> = p
                .aliases
                .iter()
                .filter(|_| rng.chance(40))
                .cloned()
                .collect();
            // Some authors write the name as an alias gives it, and keep the usual one aside.
            let name = if !p.aliases.is_empty() && p.kind == "person" && rng.chance(8) {
                let alias = rng.pick(&p.aliases).clone();
                aliases.retain(|a| a != &alias);
                aliases.push(p.name.clone());
                alias
            } else {
                p.name.clone()
            };
            actors.push(Actor {
                id,
                name,
                kind: p.kind,
                role: p.role.clone().filter(|_| rng.chance(40)),
                affiliation: p.affiliation.clone().filter(|_| rng.chance(30)),
                aliases,
                anonymous: false,
                note: None,
            });
        }
        for k in 0..anonymous {
            let name = *rng.pick(ANONYMOUS);
            let id = format!("{}-{}", slug(name), k + 1);
            ids.insert(id.clone());
            actors.push(Actor {
                id,
                name: name.to_string(),
                kind: if rng.chance(80) { "person" } else { "unknown" },
                role: None,
                affiliation: None,
                aliases: Vec::new(),
                anonymous: true,
                note: rng.chance(40).then(|| {
                    format!(
                        "Unnamed source quoted on {} {}; no indication of affiliation.",
                        date.day,
                        date.month_name()
                    )
                }),
            });
        }
        let orgs: Vec<String> = actors
            .iter()
            .filter(|a| a.kind == "organization" || a.kind == "group")
            .map(|a| format!("the {}", a.name))
            .collect();
        let named: Vec<String> = actors
            .iter()
            .filter(|a| a.kind == "person" && !a.anonymous)
            .map(|a| a.name.clone())
            .chain(std::iter::once(format!("the {adjective} government")))
            .collect();
        let scene = Scene {
            topic,
            state,
            adjective,
            city,
            named,
            orgs,
        };

        let org_name = scene.org(rng);
        let group = actors
            .iter()
            .find(|a| a.kind == "group")
            .map_or_else(|| format!("{adjective} armed group"), |a| a.name.clone());
        let headline = rng
            .pick(topic.headlines)
            .replace("{city}", city)
            .replace("{org}", org_name.trim_start_matches("the "))
            .replace("{group}", &group);
        let title = format!("{state}: {headline}");

        let stem = format!(
            "{date}-{}-{index:06}",
            slug(&format!("{state} {city} {}", topic.tag))
        );
        let id = rng
            .chance(30)
            .then(|| format!("{}-{index:06}", slug(&format!("{} {}", topic.tag, city))));

        let mut tags: Vec<String> = vec![topic.tag.to_string(), slug(state)];
        for _ in 0..rng.range(1, 4) {
            let tag = rng.pick(TAGS).to_string();
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }

        let paragraphs = rng.range(1, 2);
        let summary = (0..paragraphs)
            .map(|_| {
                (0..rng.range(2, 3))
                    .map(|_| scene.sentence(rng, date))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();

        let mut texts = HashSet::new();
        let mut judgments = Vec::new();
        for k in 0..rng.range(1, 2) {
            let text = format!(
                "{} will {} {} in {} within {} months.",
                cap(&scene.org(rng)),
                rng.pick(&[
                    "keep",
                    "lose control of",
                    "reopen",
                    "escalate over",
                    "settle"
                ]),
                rng.pick(topic.things),
                city,
                rng.range(1, 12)
            );
            let explicit = rng.chance(70) || !texts.insert(text.clone());
            judgments.push(Judgment {
                id: explicit.then(|| format!("j{}-{}", k + 1, slug(topic.thing))),
                text,
                likelihood: rng.chance(90).then(|| *rng.pick(LIKELIHOOD)),
                confidence: rng.chance(80).then(|| *rng.pick(CONFIDENCE)),
                note: rng.chance(25).then(|| scene.sentence(rng, date)),
            });
        }

        let mut sources = Vec::new();
        let mut source_ids = HashSet::new();
        for _ in 0..rng.range(1, 2) {
            let name = *rng.pick(OUTLETS);
            let id = slug(name);
            if !source_ids.insert(id.clone()) {
                continue;
            }
            sources.push(Source {
                url: rng
                    .chance(60)
                    .then(|| format!("https://{id}.example/{}/{}", date.year, slug(&headline))),
                published: rng.chance(70).then(|| date.before(rng, 3)),
                reliability: rng.chance(80).then(|| *rng.pick(RELIABILITY)),
                id,
                name: name.to_string(),
            });
        }

        let speakers: Vec<usize> = (0..actors.len())
            .filter(|&a| actors[a].kind == "person" || actors[a].anonymous)
            .collect();
        let mut quotes = Vec::new();
        if !speakers.is_empty() {
            for k in 0..rng.range(1, 3) {
                let speaker = actors[*rng.pick(&speakers)].id.clone();
                let mut text = scene.quote(rng);
                if rng.chance(15) {
                    text.push(' ');
                    text.push_str(&scene.quote(rng));
                }
                let explicit = rng.chance(70) || !texts.insert(format!("{speaker}\u{1f}{text}"));
                let about = some_ids(rng, &actors, 0, 2);
                let source =
                    (!sources.is_empty() && rng.chance(70)).then(|| rng.pick(&sources).id.clone());
                quotes.push(Quote {
                    id: explicit.then(|| format!("q{}-{}", k + 1, slug(&speaker))),
                    mode: if rng.chance(70) { "direct" } else { "indirect" },
                    context: rng.chance(60).then(|| {
                        format!(
                            "told {}",
                            source
                                .as_ref()
                                .and_then(|s| sources.iter().find(|x| &x.id == s))
                                .map_or("reporters", |s| s.name.as_str())
                        )
                    }),
                    said: rng.chance(70).then(|| date.before(rng, 5)),
                    source,
                    about,
                    credibility: rng.chance(30).then(|| rng.range(1, 6) as u8),
                    speaker,
                    text,
                });
            }
        }

        let mut events = Vec::new();
        for k in 0..rng.range(2, 3) {
            let day = date.before(rng, 540);
            let when = match rng.below(10) {
                0 => format!("{}", day.year),
                1 | 2 => format!("{:04}-{:02}", day.year, day.month),
                3 => format!("{day}~"),
                _ => day.to_string(),
            };
            let text = scene.sentence(rng, day);
            let explicit = rng.chance(60) || !texts.insert(format!("{when}\u{1f}{text}"));
            let involved = some_ids(rng, &actors, 1, 3);
            events.push(Event {
                id: explicit.then(|| format!("e{}-{}", k + 1, slug(topic.tag))),
                date: when,
                text,
                actors: involved,
                note: rng
                    .chance(15)
                    .then(|| "Date inferred from the report; the exact day is not given.".into()),
            });
        }

        Briefing {
            stem,
            id,
            title,
            date,
            handling: rng.chance(85).then(|| *rng.pick(HANDLING)),
            tags,
            summary,
            judgments,
            sources,
            actors,
            quotes,
            events,
            pipeline: rng
                .chance(50)
                .then(|| ("desk-ingest".to_string(), rng.range(1, 9) as u32)),
        }
    }

    fn to_toml(&self) -> String {
        let mut o = String::with_capacity(4096);
        o.push_str("# Generated by examples/gen_corpus.rs: invented people and places.\n");
        o.push_str("format = 1\n");
        if let Some(id) = &self.id {
            kv(&mut o, "id", id);
        }
        kv(&mut o, "title", &self.title);
        let _ = writeln!(o, "date = {}", self.date);
        if let Some(h) = self.handling {
            kv(&mut o, "handling", h);
        }
        list(&mut o, "tags", &self.tags);
        if let Some((name, v)) = &self.pipeline {
            let _ = writeln!(
                o,
                "x-pipeline = {{ name = {}, version = {v} }}",
                quoted(name)
            );
        }
        o.push_str("summary = \"\"\"\n");
        o.push_str(&escape(&self.summary.join("\n\n")));
        o.push_str("\n\"\"\"\n");
        for j in &self.judgments {
            o.push_str("\n[[judgments]]\n");
            opt(&mut o, "id", j.id.as_deref());
            kv(&mut o, "text", &j.text);
            opt(&mut o, "likelihood", j.likelihood);
            opt(&mut o, "confidence", j.confidence);
            opt(&mut o, "note", j.note.as_deref());
        }
        for s in &self.sources {
            o.push_str("\n[[sources]]\n");
            kv(&mut o, "id", &s.id);
            kv(&mut o, "name", &s.name);
            opt(&mut o, "url", s.url.as_deref());
            if let Some(p) = s.published {
                let _ = writeln!(o, "published = {p}");
            }
            opt(&mut o, "reliability", s.reliability);
        }
        for a in &self.actors {
            o.push_str("\n[[actors]]\n");
            kv(&mut o, "id", &a.id);
            kv(&mut o, "name", &a.name);
            kv(&mut o, "kind", a.kind);
            opt(&mut o, "role", a.role.as_deref());
            opt(&mut o, "affiliation", a.affiliation.as_deref());
            if !a.aliases.is_empty() {
                list(&mut o, "aliases", &a.aliases);
            }
            if a.anonymous {
                o.push_str("anonymous = true\n");
            }
            opt(&mut o, "note", a.note.as_deref());
        }
        for q in &self.quotes {
            o.push_str("\n[[quotes]]\n");
            opt(&mut o, "id", q.id.as_deref());
            kv(&mut o, "speaker", &q.speaker);
            kv(&mut o, "mode", q.mode);
            kv(&mut o, "text", &q.text);
            opt(&mut o, "context", q.context.as_deref());
            if let Some(d) = q.said {
                let _ = writeln!(o, "said = {d}");
            }
            opt(&mut o, "source", q.source.as_deref());
            if !q.about.is_empty() {
                list(&mut o, "about", &q.about);
            }
            if let Some(c) = q.credibility {
                let _ = writeln!(o, "credibility = {c}");
            }
        }
        for e in &self.events {
            o.push_str("\n[[events]]\n");
            opt(&mut o, "id", e.id.as_deref());
            kv(&mut o, "date", &e.date);
            kv(&mut o, "text", &e.text);
            list(&mut o, "actors", &e.actors);
            opt(&mut o, "note", e.note.as_deref());
        }
        o
    }

    fn to_json(&self) -> String {
        let mut o = String::with_capacity(4096);
        o.push_str("{\n  \"format\": 1");
        let top = |o: &mut String, key: &str, value: String| {
            let _ = write!(o, ",\n  {}: {value}", quoted(key));
        };
        if let Some(id) = &self.id {
            top(&mut o, "id", quoted(id));
        }
        top(&mut o, "title", quoted(&self.title));
        top(&mut o, "date", quoted(&self.date.to_string()));
        if let Some(h) = self.handling {
            top(&mut o, "handling", quoted(h));
        }
        top(&mut o, "tags", json_list(&self.tags));
        if let Some((name, v)) = &self.pipeline {
            top(
                &mut o,
                "x-pipeline",
                format!("{{\"name\": {}, \"version\": {v}}}", quoted(name)),
            );
        }
        top(&mut o, "summary", quoted(&self.summary.join("\n\n")));
        let items = |o: &mut String, key: &str, objects: Vec<Vec<(&str, String)>>| {
            if objects.is_empty() {
                return;
            }
            let _ = write!(o, ",\n  {}: [", quoted(key));
            for (n, fields) in objects.iter().enumerate() {
                o.push_str(if n == 0 { "\n    {" } else { ",\n    {" });
                for (m, (k, v)) in fields.iter().enumerate() {
                    let _ = write!(
                        o,
                        "{}\n      {}: {v}",
                        if m == 0 { "" } else { "," },
                        quoted(k)
                    );
                }
                o.push_str("\n    }");
            }
            o.push_str("\n  ]");
        };
        let s = |v: &str| quoted(v);
        let os = |v: Option<&str>| v.map(quoted);
        let fields = |pairs: Vec<(&'static str, Option<String>)>| -> Vec<(&'static str, String)> {
            pairs
                .into_iter()
                .filter_map(|(k, v)| v.map(|v| (k, v)))
                .collect()
        };
        items(
            &mut o,
            "judgments",
            self.judgments
                .iter()
                .map(|j| {
                    fields(vec![
                        ("id", os(j.id.as_deref())),
                        ("text", Some(s(&j.text))),
                        ("likelihood", os(j.likelihood)),
                        ("confidence", os(j.confidence)),
                        ("note", os(j.note.as_deref())),
                    ])
                })
                .collect(),
        );
        items(
            &mut o,
            "sources",
            self.sources
                .iter()
                .map(|x| {
                    fields(vec![
                        ("id", Some(s(&x.id))),
                        ("name", Some(s(&x.name))),
                        ("url", os(x.url.as_deref())),
                        ("published", x.published.map(|d| s(&d.to_string()))),
                        ("reliability", os(x.reliability)),
                    ])
                })
                .collect(),
        );
        items(
            &mut o,
            "actors",
            self.actors
                .iter()
                .map(|a| {
                    fields(vec![
                        ("id", Some(s(&a.id))),
                        ("name", Some(s(&a.name))),
                        ("kind", Some(s(a.kind))),
                        ("role", os(a.role.as_deref())),
                        ("affiliation", os(a.affiliation.as_deref())),
                        (
                            "aliases",
                            (!a.aliases.is_empty()).then(|| json_list(&a.aliases)),
                        ),
                        ("anonymous", a.anonymous.then(|| "true".to_string())),
                        ("note", os(a.note.as_deref())),
                    ])
                })
                .collect(),
        );
        items(
            &mut o,
            "quotes",
            self.quotes
                .iter()
                .map(|q| {
                    fields(vec![
                        ("id", os(q.id.as_deref())),
                        ("speaker", Some(s(&q.speaker))),
                        ("mode", Some(s(q.mode))),
                        ("text", Some(s(&q.text))),
                        ("context", os(q.context.as_deref())),
                        ("said", q.said.map(|d| s(&d.to_string()))),
                        ("source", os(q.source.as_deref())),
                        ("about", (!q.about.is_empty()).then(|| json_list(&q.about))),
                        ("credibility", q.credibility.map(|c| c.to_string())),
                    ])
                })
                .collect(),
        );
        items(
            &mut o,
            "events",
            self.events
                .iter()
                .map(|e| {
                    fields(vec![
                        ("id", os(e.id.as_deref())),
                        ("date", Some(s(&e.date))),
                        ("text", Some(s(&e.text))),
                        ("actors", Some(json_list(&e.actors))),
                        ("note", os(e.note.as_deref())),
                    ])
                })
                .collect(),
        );
        o.push_str("\n}\n");
        o
    }
}

/// Between `lo` and `hi` different actor ids.
fn some_ids(rng: &mut Rng, actors: &[Actor], lo: usize, hi: usize) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for _ in 0..rng.range(lo, hi) {
        let id = &actors[rng.below(actors.len())].id;
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    ids
}

// ----- text helpers -----

/// A valid id from free text: lowercase ASCII letters and digits joined by `-`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'é' | 'è' | 'ë' => 'e',
            'ï' | 'í' => 'i',
            'ō' | 'ö' | 'ø' => 'o',
            'ç' => 'c',
            'ž' => 'z',
            'á' => 'a',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.truncate(60);
    out.trim_end_matches('-').to_string()
}

fn cap(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Escapes text for a TOML basic string or a JSON string (the same rules suffice for both).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push('\n'),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", escape(text).replace('\n', "\\n"))
}

fn kv(o: &mut String, key: &str, value: &str) {
    let _ = writeln!(o, "{key} = {}", quoted(value));
}

fn opt(o: &mut String, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        kv(o, key, v);
    }
}

fn list(o: &mut String, key: &str, values: &[String]) {
    let _ = writeln!(o, "{key} = {}", json_list(values));
}

/// `["a", "b"]`: the same in TOML and JSON.
fn json_list(values: &[String]) -> String {
    let items: Vec<String> = values.iter().map(|v| quoted(v)).collect();
    format!("[{}]", items.join(", "))
}
