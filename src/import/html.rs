//! A saved web page reduced to its article, with a real HTML parser (html5ever, through
//! `scraper`): the headline, the publication date and the site's name from the page's
//! metadata, and the article's paragraphs as plain text, entities decoded.
//!
//! What a page wraps around an article is left out: scripts, styles, navigation, headers and
//! footers, asides, forms, and any block whose class or id says it is a cookie banner, a
//! related-links box, a share bar, a newsletter box or the like.

use scraper::{ElementRef, Html, Selector};

use super::dates::parse_date_anywhere;
use crate::briefing::Date;

/// What a page says about its article, and the article's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub headline: Option<String>,
    pub date: Option<Date>,
    pub source: Option<String>,
    /// The paragraphs, in order.
    pub paragraphs: Vec<String>,
}

/// Whether a text is an HTML page rather than plain prose: it starts (after a byte-order
/// mark, blanks and comments) with a doctype or an `<html>`, `<head>` or `<body>` tag.
pub fn looks_like_html(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    while let Some(after) = rest.strip_prefix("<!--") {
        match after.find("-->") {
            Some(end) => rest = after[end + 3..].trim_start(),
            None => return false,
        }
    }
    let head: String = rest.chars().take(15).collect::<String>().to_lowercase();
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|t| head.starts_with(t))
}

/// Elements that never hold the article's prose.
const NEVER_PROSE: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "iframe",
    "svg",
    "figcaption",
    "menu",
    "dialog",
];

/// Words in a class or id that mark page furniture, not the article.
const FURNITURE: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "related",
    "share",
    "social",
    "newsletter",
    "subscribe",
    "promo",
    "advert",
    "sponsor",
    "comment",
    "footer",
    "breadcrumb",
    "menu",
    "sidebar",
    "byline",
    "caption",
    "more-from",
    "recommend",
    "popular",
    "paywall",
    "signup",
];

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| unreachable!("a fixed selector parses: {e:?}"))
}

/// Whether an element (or one of its ancestors below `root`) is page furniture.
fn is_furniture(element: ElementRef, root: ElementRef) -> bool {
    std::iter::once(element)
        .chain(
            element
                .ancestors()
                .take_while(|n| n.id() != root.id())
                .filter_map(ElementRef::wrap),
        )
        .any(|e| {
            let v = e.value();
            if NEVER_PROSE.contains(&v.name()) {
                return true;
            }
            let marks = [v.attr("class"), v.attr("id"), v.attr("role")];
            marks.iter().flatten().any(|m| {
                let m = m.to_lowercase();
                FURNITURE.iter().any(|f| m.contains(f))
                    || m.split_whitespace()
                        .any(|w| matches!(w, "nav" | "navigation" | "banner" | "contentinfo"))
            })
        })
}

/// An element's text with its whitespace collapsed (entities are decoded by the parser).
fn text_of(element: ElementRef) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn meta(page: &Html, keys: &[&str]) -> Option<String> {
    for key in keys {
        let css =
            format!("meta[property=\"{key}\"], meta[name=\"{key}\"], meta[itemprop=\"{key}\"]");
        if let Some(content) = page
            .select(&selector(&css))
            .find_map(|m| m.value().attr("content"))
            .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|c| !c.is_empty())
        {
            return Some(content);
        }
    }
    None
}

/// The publisher's name in the page's linked data (`<script type="application/ld+json">`,
/// schema.org's `publisher.name`), for pages without `og:site_name`.
fn linked_data_publisher(page: &Html) -> Option<String> {
    page.select(&selector("script[type=\"application/ld+json\"]"))
        .filter_map(|script| serde_json::from_str::<serde_json::Value>(&script.inner_html()).ok())
        .find_map(|data| {
            let name = data.get("publisher")?.get("name")?.as_str()?;
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            (!name.is_empty() && name.chars().count() <= 80).then_some(name)
        })
}

/// The article's date: its metadata, else the first `<time datetime>` (or its text).
fn page_date(page: &Html) -> Option<Date> {
    let from_meta = meta(
        page,
        &[
            "article:published_time",
            "datePublished",
            "date",
            "pubdate",
            "dc.date",
            "DC.date.issued",
        ],
    )
    .and_then(|d| parse_date_anywhere(&d));
    from_meta.or_else(|| {
        page.select(&selector("time")).find_map(|t| {
            t.value()
                .attr("datetime")
                .and_then(parse_date_anywhere)
                .or_else(|| parse_date_anywhere(&text_of(t)))
        })
    })
}

/// The page's `<title>` without the site's name after a separator.
fn title_without_site(title: &str, site: Option<&str>) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && (site.is_some_and(|s| tail.trim().eq_ignore_ascii_case(s)) || tail.len() < 40)
            && !head.trim().is_empty()
        {
            return head.trim().to_string();
        }
    }
    title.trim().to_string()
}

/// Reads a page.
pub fn read(html: &str) -> Page {
    let page = Html::parse_document(html);
    let source = meta(&page, &["og:site_name", "application-name", "publisher"])
        .or_else(|| linked_data_publisher(&page));
    let root = ["article", "main", "[role=main]", "body"]
        .iter()
        .find_map(|css| page.select(&selector(css)).next());
    let headline = root
        .and_then(|r| r.select(&selector("h1")).next())
        .or_else(|| page.select(&selector("h1")).next())
        .map(text_of)
        .filter(|h| !h.is_empty())
        .or_else(|| meta(&page, &["og:title", "twitter:title"]))
        .or_else(|| {
            page.select(&selector("title"))
                .next()
                .map(text_of)
                .map(|t| title_without_site(&t, source.as_deref()))
        })
        .filter(|h| !h.is_empty());
    let mut paragraphs = Vec::new();
    if let Some(root) = root {
        let inner_paragraph = selector("p");
        for p in root.select(&selector("p, blockquote, li > p")) {
            if is_furniture(p, root) {
                continue;
            }
            // A quotation set off as `<blockquote>` with its words directly inside (with
            // paragraphs inside, those are read one by one).
            if p.value().name() == "blockquote" && p.select(&inner_paragraph).next().is_some() {
                continue;
            }
            let text = text_of(p);
            if !text.is_empty() && !paragraphs.contains(&text) {
                paragraphs.push(text);
            }
        }
    }
    Page {
        headline,
        date: page_date(&page),
        source,
        paragraphs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head>
<title>Fares frozen | The Valley Courier</title>
<meta property="og:site_name" content="The Valley Courier">
<meta property="article:published_time" content="2025-07-15T08:30:00+02:00">
<script>var x = "<p>not prose</p>";</script><style>p { color: red }</style>
</head><body>
<div class="cookie-banner"><p>We use cookies.</p></div>
<nav><p>Home | News</p></nav>
<article><h1>Fares frozen after &ldquo;protests&rdquo;</h1>
<p class="byline">By A. Writer</p>
<p>The council froze fares on Tuesday.</p>
<p>&ldquo;A victory,&rdquo; said Jonas Weil &amp; friends.</p>
<blockquote>&ldquo;We will rebuild,&rdquo; said Ada Roon.</blockquote>
<blockquote><p>&ldquo;Never again,&rdquo; said Ada Roon.</p></blockquote>
<aside class="related"><p>Other story</p></aside>
<div class="related-links"><p>Another story</p></div>
</article>
<footer><p>&copy; 2025</p></footer></body></html>"#;

    #[test]
    fn the_publisher_from_linked_data() {
        let page = read(
            r#"<html><head><script type="application/ld+json">{"@type":"LiveBlogPosting","datePublished":"2026-02-17T07:05:00-03:00","publisher":{"@type":"Organization","name":"Southern Veska Herald"}}</script></head>
<body><article><h1>Quake</h1><p>The ground shook on Tuesday.</p></article></body></html>"#,
        );
        assert_eq!(page.source.as_deref(), Some("Southern Veska Herald"));
    }

    #[test]
    fn a_page_is_reduced_to_its_article() {
        let page = read(PAGE);
        assert_eq!(
            page.headline.as_deref(),
            Some("Fares frozen after “protests”")
        );
        assert_eq!(page.date, Date::new(2025, 7, 15));
        assert_eq!(page.source.as_deref(), Some("The Valley Courier"));
        assert_eq!(
            page.paragraphs,
            vec![
                "The council froze fares on Tuesday.",
                "“A victory,” said Jonas Weil & friends.",
                "“We will rebuild,” said Ada Roon.",
                "“Never again,” said Ada Roon."
            ]
        );
    }

    #[test]
    fn a_time_element_dates_a_page_without_metadata() {
        let page = read(
            "<html><body><p>By X, <time datetime=\"2024-11-14\">14 Nov</time></p><p>Text.</p></body></html>",
        );
        assert_eq!(page.date, Date::new(2024, 11, 14));
        assert_eq!(page.headline, None);
    }

    #[test]
    fn the_title_loses_the_site_name() {
        let page = read(
            "<html><head><title>Bridge closed - Riverside Bulletin</title></head><body><p>Text.</p></body></html>",
        );
        assert_eq!(page.headline.as_deref(), Some("Bridge closed"));
    }

    #[test]
    fn html_is_recognised_by_its_start() {
        assert!(looks_like_html("\u{feff}  <!doctype html><html>"));
        assert!(looks_like_html("<!-- saved --><HTML lang=en>"));
        assert!(!looks_like_html("The <b>council</b> met."));
        assert!(!looks_like_html("<!-- never closed"));
    }
}
