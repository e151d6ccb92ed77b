//! `brief import` on saved web pages built the ways sites really build them: an article in a
//! blog engine's `entry-content`, in nested sections split by an advertisement, as text
//! between `<br>`s in a table, an AMP page, a teaser with the body in the linked data, a live
//! blog's posts. Each page (in `tests/import_pages/`, invented for these tests) carries the
//! clutter sites put around an article, and its small truth is written below: the date, the
//! outlet, the quotes with their speakers, and text that must not reach the draft.

use std::path::Path;
use std::process::Command;

use brief::import::{Draft, ImportError, Options, import};

/// What a page's draft must hold.
struct Truth {
    page: &'static str,
    date: &'static str,
    source: Option<&'static str>,
    title: &'static str,
    /// (speaker id, words of the quote).
    quotes: &'static [(&'static str, &'static str)],
    /// Actors' names.
    actors: &'static [&'static str],
    /// Text of the page's furniture that no field of the draft may contain.
    absent: &'static [&'static str],
}

const PAGES: &[Truth] = &[
    Truth {
        page: "wordpress-entry-content.html",
        date: "2025-04-02",
        source: Some("The Islands Ledger"),
        title: "Ferry service to Skerra resumes after storm",
        quotes: &[("mara-linde", "two extra sailings")],
        actors: &["Mara Linde"],
        absent: &[
            "cookies",
            "Accept all",
            "caption writer",
            "Storm damage",
            "Share this",
            "Petra Quill",
            "Gus Fenwick",
            "Sign up",
            "All rights reserved",
            "Posted in",
        ],
    },
    Truth {
        page: "nested-sections.html",
        date: "2025-10-14",
        source: Some("Vessmark Evening Post"),
        title: "Vessmark council approves tram extension",
        quotes: &[
            ("oren-basse", "biggest investment"),
            ("lina-stroud", "vanity project"),
        ],
        actors: &["Oren Basse", "Lina Stroud"],
        absent: &[
            "Advertisement",
            "Most read",
            "Bakery fire",
            "inbox",
            "Copy link",
        ],
    },
    Truth {
        page: "br-separated.html",
        date: "2025-03-12",
        source: Some("Dalmar Herald"),
        title: "Miners end sit-in at Kovar pit",
        quotes: &[
            ("tomas-reyk", "a day longer"),
            ("ilja-marten", "Nobody wins"),
        ],
        actors: &["Tomas Reyk", "Ilja Marten"],
        absent: &["Archive", "Contact", "Published:"],
    },
    Truth {
        page: "amp-article.html",
        date: "2025-08-19",
        source: Some("Riverton Times"),
        title: "Drought forces water cuts in Lessa",
        quotes: &[("anneke-voss", "autumn rains")],
        actors: &["Anneke Voss"],
        absent: &[
            "cookies",
            "Front page",
            "Advertisement loading",
            "font-family",
        ],
    },
    Truth {
        page: "linked-data-body.html",
        date: "2025-06-05",
        source: Some("Marsh Gazette"),
        title: "Court blocks Orlen dam permit",
        quotes: &[
            ("halla-brenner", "spawning grounds"),
            ("viktor-salm", "higher court"),
        ],
        actors: &["Halla Brenner", "Viktor Salm"],
        absent: &["subscribers", "Subscribe now"],
    },
    Truth {
        page: "live-blog.html",
        date: "2025-11-03",
        source: Some("Harbour Wire"),
        title: "Strike shuts Tamar port",
        quotes: &[
            ("dora-kemp", "Four percent"),
            ("rui-calder", "Nothing goes in"),
        ],
        actors: &["Dora Kemp", "Rui Calder"],
        absent: &[
            "15:20 GMT",
            "Key events",
            "More on this story",
            "pay talks explained",
        ],
    },
];

fn page(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/import_pages")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn draft_of(name: &str) -> Draft {
    import(&page(name), &Options::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_page_gives_its_date_outlet_and_title() {
    for truth in PAGES {
        let draft = draft_of(truth.page);
        assert_eq!(draft.date.to_string(), truth.date, "{}", truth.page);
        assert_eq!(
            draft.sources.first().map(|s| s.name.as_str()),
            truth.source,
            "{}",
            truth.page
        );
        assert_eq!(draft.title, truth.title, "{}", truth.page);
    }
}

#[test]
fn every_page_gives_its_quotes_with_their_speakers() {
    for truth in PAGES {
        let draft = draft_of(truth.page);
        for (speaker, words) in truth.quotes {
            assert!(
                draft
                    .quotes
                    .iter()
                    .any(|q| q.speaker == *speaker && q.text.contains(words)),
                "{}: no quote by {speaker} with {words:?} in {:#?}",
                truth.page,
                draft.quotes
            );
        }
        for quote in &draft.quotes {
            assert!(
                truth.quotes.iter().any(|(s, _)| *s == quote.speaker)
                    || draft.actors.iter().any(|a| a.id == quote.speaker),
                "{}: a quote by an unknown speaker {quote:?}",
                truth.page
            );
        }
    }
}

#[test]
fn every_page_gives_its_people() {
    for truth in PAGES {
        let draft = draft_of(truth.page);
        for name in truth.actors {
            assert!(
                draft.actors.iter().any(|a| a.name == *name),
                "{}: {name} missing from {:?}",
                truth.page,
                draft.actors.iter().map(|a| &a.name).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn no_page_furniture_reaches_the_draft() {
    for truth in PAGES {
        let text = draft_of(truth.page).to_toml();
        for furniture in truth.absent {
            assert!(
                !text.contains(furniture),
                "{}: {furniture:?} in the draft:\n{text}",
                truth.page
            );
        }
    }
}

#[test]
fn a_page_without_article_text_is_refused_as_such() {
    let error = import(&page("only-furniture.html"), &Options::default()).unwrap_err();
    assert_eq!(error, ImportError::NoArticleText);
    assert!(error.to_string().contains("no article text"), "{error}");
}

#[test]
fn the_command_says_a_page_has_no_article_text_and_writes_nothing() {
    let out = std::env::temp_dir().join(format!("brief-import-pages-{}", std::process::id()));
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import_pages/only-furniture.html");
    let o = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args([
            "import",
            page.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("only-furniture.html") && stderr.contains("no article text"),
        "{stderr}"
    );
    let written = std::fs::read_dir(&out).map(|d| d.count()).unwrap_or(0);
    let _ = std::fs::remove_dir_all(&out);
    assert_eq!(
        written, 0,
        "a draft was written for a page without article text"
    );
}
