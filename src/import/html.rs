//! A saved web page reduced to its article, with a real HTML parser (html5ever, through
//! `scraper`): the headline, the publication date and the site's name from the page's
//! metadata, and the article's paragraphs as plain text, entities decoded.
//!
//! Pages are built in many ways (`<p>`s in an `<article>`, in nested `<section>`s and `<div>`s,
//! text between `<br>`s with no `<p>` at all, AMP's custom elements, a live blog's posts, a
//! body only in the linked data's `articleBody`), so the article is found by its structure,
//! not by class names: the page is read as a browser lays it out, into blocks of text, and
//! the element that holds the most prose (long blocks, few of their words in links) is the
//! article's container, with its siblings that hold prose too (a live blog's posts).
//!
//! What a page wraps around an article is left out before that: scripts, styles, navigation,
//! forms, figures and their captions, and any block whose tag, role or class says it is a
//! cookie banner, a related-links box, a share bar, a newsletter box, a footer or the like;
//! blocks mostly made of links (lists of other stories) are never prose.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Node, Selector};

use super::article::{header_facts, named_like_an_outlet};
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
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "textarea",
    "input",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "video",
    "audio",
    "picture",
    "img",
    "figcaption",
    "menu",
    "dialog",
    "head",
    "title",
    // AMP's elements for ads, consent notices, menus, share bars and media.
    "amp-ad",
    "amp-embed",
    "amp-sticky-ad",
    "amp-analytics",
    "amp-pixel",
    "amp-consent",
    "amp-user-notification",
    "amp-sidebar",
    "amp-social-share",
    "amp-img",
    "amp-video",
    "amp-iframe",
    "amp-youtube",
    "amp-carousel",
    "amp-lightbox",
    "amp-geo",
    "amp-install-serviceworker",
];

/// Words of a class, id or role that mark page furniture, not the article: whole words
/// (`ad`, `nav`), as class names are split at dashes, underscores and capitals.
const FURNITURE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "nav",
    "navbar",
    "menu",
    "bio",
    "tags",
    "skip",
    "login",
    "print",
    "banner",
    "modal",
    "popup",
    "overlay",
    "toolbar",
    "credit",
    "credits",
    "contentinfo",
    "complementary",
    "widget",
    "masthead",
];

/// Parts of a class or id that mark page furniture wherever they appear in it
/// (`jp-relatedposts`, `sharedaddy`, `cookieNotice`).
const FURNITURE_PARTS: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "related",
    "share",
    "social",
    "newsletter",
    "subscri",
    "signup",
    "promo",
    "advert",
    "sponsor",
    "comment",
    "disqus",
    "footer",
    "breadcrumb",
    "sidebar",
    "caption",
    "recommend",
    "popular",
    "trending",
    "paywall",
    "outbrain",
    "taboola",
    "navigation",
    "readmore",
    "read-more",
    "more-from",
    "most-read",
];

/// Words of a class or id that mark the lines about an article (who wrote it, when), which
/// are read for its date but are not its prose.
const ABOUT_THE_ARTICLE: &[&str] = &[
    "byline",
    "author",
    "authors",
    "meta",
    "date",
    "time",
    "timestamp",
    "published",
    "updated",
    "kicker",
    "eyebrow",
];

/// Elements whose text runs on inside the block around them.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
    "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
    "wbr", "label", "nobr", "tt", "big",
];

/// Elements that are a paragraph of their own: their text is one block, scored for the
/// element around them.
const PARAGRAPHS: &[&str] = &["p", "blockquote", "li", "dd", "pre", "td"];

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| unreachable!("a fixed selector parses: {e:?}"))
}

/// The words of a class, id or role: `article-body__shareBar` → `article`, `body`, `share`,
/// `bar`.
fn mark_words(mark: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in mark.chars() {
        if !c.is_alphanumeric() {
            previous_lower = false;
            if !word.is_empty() {
                words.push(std::mem::take(&mut word).to_lowercase());
            }
            continue;
        }
        // camelCase: `shareBar` is `share` and `bar`.
        if c.is_uppercase() && previous_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word).to_lowercase());
        }
        previous_lower = c.is_lowercase();
        word.push(c);
    }
    if !word.is_empty() {
        words.push(word.to_lowercase());
    }
    words
}

fn marks(element: ElementRef) -> Vec<String> {
    let v = element.value();
    [v.attr("class"), v.attr("id"), v.attr("role")]
        .into_iter()
        .flatten()
        .flat_map(mark_words)
        .collect()
}

/// What a block of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A `<p>`, a `<blockquote>`'s own words, a list item.
    Paragraph,
    /// Text between `<br>`s or straight inside a `<div>`.
    Loose,
    Heading,
    /// A byline, a timestamp, a section's name: about the article, not of it.
    About,
}

/// One block of text as a browser lays the page out.
#[derive(Debug, Clone)]
struct Block<'a> {
    text: String,
    /// The element whose own text this is.
    holder: ElementRef<'a>,
    kind: Kind,
    /// How many of its characters are inside links.
    linked: usize,
}

impl Block<'_> {
    fn chars(&self) -> usize {
        self.text.chars().count()
    }

    fn mostly_links(&self) -> bool {
        self.linked * 2 > self.chars()
    }

    /// Long enough, and with a sentence's words, to count towards a container's prose.
    fn is_prose(&self) -> bool {
        matches!(self.kind, Kind::Paragraph | Kind::Loose)
            && !self.mostly_links()
            && !is_boilerplate(&self.text)
            && (self.chars() >= 40 || ends_like_a_sentence(&self.text))
            && self.text.split_whitespace().count() >= 3
    }

    /// Whether the block is kept as one of the article's paragraphs when it is inside the
    /// article's container: paragraphs whatever their length; loose text and list items
    /// only when they read as sentences (not `14:40`, not `Share`).
    fn is_kept(&self) -> bool {
        if self.mostly_links() || is_boilerplate(&self.text) {
            return false;
        }
        let words = self.text.split_whitespace().count();
        match self.kind {
            Kind::Paragraph if self.holder.value().name() == "li" => {
                ends_like_a_sentence(&self.text) || words >= 8
            }
            Kind::Paragraph => true,
            Kind::Loose => ends_like_a_sentence(&self.text) || words >= 6,
            Kind::Heading | Kind::About => false,
        }
    }
}

fn ends_like_a_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['.', '?', '!', '"', '”', '’', '\'', '»', ':', ';'])
}

/// Lines every site prints around its articles (`Read more: ...`, `Sign up for ...`,
/// `Advertisement`), even where no class marks them.
fn is_boilerplate(text: &str) -> bool {
    const OPENINGS: &[&str] = &[
        "advertisement",
        "read more",
        "read next",
        "also read",
        "see also",
        "related:",
        "sign up",
        "subscribe",
        "follow us",
        "share this",
        "share on",
        "click here",
        "we use cookies",
        "this site uses cookies",
        "all rights reserved",
        "©",
    ];
    let lower = text.trim().to_lowercase();
    text.split_whitespace().count() <= 30 && OPENINGS.iter().any(|o| lower.starts_with(o))
}

/// Reads the page into blocks, leaving page furniture out.
struct Layout<'a> {
    blocks: Vec<Block<'a>>,
    run: String,
    linked: usize,
    /// `<time datetime>` outside the furniture, in order.
    times: Vec<String>,
    body_chars: usize,
    /// How many elements deep the layout is.
    depth: usize,
}

/// How deep the layout follows a page's elements.
const MAX_DEPTH: usize = 200;

impl<'a> Layout<'a> {
    fn new(body: ElementRef<'a>) -> Self {
        Layout {
            blocks: Vec::new(),
            run: String::new(),
            linked: 0,
            times: Vec::new(),
            body_chars: body.text().map(|t| t.trim().len()).sum(),
            depth: 0,
        }
    }

    /// Whether an element is page furniture: by its tag, its role or `hidden`, or by the
    /// words of its class or id, unless it holds most of the page's text (a wrapper named
    /// `page-with-sidebar` is not a sidebar).
    fn is_furniture(&self, element: ElementRef) -> bool {
        let v = element.value();
        let name = v.name();
        if NEVER_PROSE.contains(&name) {
            // A form around the whole page (as some site builders write them) holds the
            // article; a form beside it is a search box or a sign-up.
            return name != "form" || self.share(element) * 2 < self.body_chars.max(1);
        }
        // A figure is an image and its caption, unless it sets off a quotation.
        if name == "figure" && element.select(&selector("blockquote")).next().is_none() {
            return true;
        }
        if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
            return true;
        }
        if matches!(name, "body" | "html" | "main" | "article") {
            return false;
        }
        let v = element.value();
        let raw = [v.attr("class"), v.attr("id"), v.attr("role")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if !FURNITURE_PARTS.iter().any(|p| raw.contains(p))
            && !marks(element)
                .iter()
                .any(|w| FURNITURE_WORDS.contains(&w.as_str()))
        {
            return false;
        }
        self.share(element) * 2 < self.body_chars.max(1)
    }

    /// How much text an element holds.
    fn share(&self, element: ElementRef) -> usize {
        element.text().map(|t| t.trim().len()).sum()
    }

    fn flush(&mut self, holder: ElementRef<'a>, kind: Kind) {
        let text = self.run.split_whitespace().collect::<Vec<_>>().join(" ");
        self.run.clear();
        let linked = std::mem::take(&mut self.linked);
        if text.chars().any(char::is_alphanumeric) {
            self.blocks.push(Block {
                text,
                holder,
                kind,
                linked,
            });
        }
    }

    /// Lays out an element's content: text and inline elements run on; a `<br>` or a block
    /// element ends the run.
    fn walk(&mut self, element: ElementRef<'a>, holder: ElementRef<'a>, kind: Kind, link: bool) {
        // A page nested deeper than any real one (a hostile or broken page) is read flat
        // below this depth, so that no page can exhaust the stack.
        if self.depth >= MAX_DEPTH {
            self.run.push(' ');
            self.run.extend(element.text());
            return;
        }
        self.depth += 1;
        self.walk_children(element, holder, kind, link);
        self.depth -= 1;
    }

    fn walk_children(
        &mut self,
        element: ElementRef<'a>,
        holder: ElementRef<'a>,
        kind: Kind,
        link: bool,
    ) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => {
                    self.run.push_str(text);
                    if link {
                        self.linked += text
                            .split_whitespace()
                            .map(|w| w.chars().count() + 1)
                            .sum::<usize>();
                    }
                }
                Node::Element(e) => {
                    let Some(child) = ElementRef::wrap(child) else {
                        continue;
                    };
                    let name = e.name();
                    if name == "br" {
                        self.flush(holder, kind);
                        continue;
                    }
                    if self.is_furniture(child) {
                        // Furniture inside a paragraph (a share icon) does not cut it.
                        if !INLINE.contains(&name) {
                            self.flush(holder, kind);
                        }
                        continue;
                    }
                    if name == "time"
                        && let Some(at) = e.attr("datetime")
                    {
                        self.times.push(at.to_string());
                    }
                    if INLINE.contains(&name) {
                        self.walk(child, holder, kind, link || name == "a");
                        continue;
                    }
                    self.flush(holder, kind);
                    let inner = inner_kind(child, kind);
                    self.walk(child, child, inner, link);
                    self.flush(child, inner);
                }
                _ => {}
            }
        }
    }
}

/// The kind of the blocks inside a block element, within blocks of `outer` kind. A class
/// word marks lines about the article only on a short element (a byline, a timestamp),
/// never on one that could hold the article.
fn inner_kind(element: ElementRef, outer: Kind) -> Kind {
    let name = element.value().name();
    if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
        return Kind::Heading;
    }
    if matches!(outer, Kind::About | Kind::Heading) || name == "header" {
        return Kind::About;
    }
    if marks(element)
        .iter()
        .any(|w| ABOUT_THE_ARTICLE.contains(&w.as_str()))
        && element.text().map(|t| t.trim().len()).sum::<usize>() <= 300
    {
        return Kind::About;
    }
    if PARAGRAPHS.contains(&name) {
        Kind::Paragraph
    } else {
        Kind::Loose
    }
}

/// A block's weight as prose: one for being there, one per comma, up to three for its length.
fn weight(block: &Block) -> f64 {
    let commas = block.text.matches([',', '،']).count() as f64;
    1.0 + commas + (block.chars() as f64 / 100.0).min(3.0)
}

/// The element a block's weight goes to: the element around a paragraph, or the element
/// whose loose text it is.
fn scorer<'a>(block: &Block<'a>) -> Option<ElementRef<'a>> {
    if PARAGRAPHS.contains(&block.holder.value().name()) {
        block.holder.parent().and_then(ElementRef::wrap)
    } else {
        Some(block.holder)
    }
}

fn is_inside(element: ElementRef, container: ElementRef) -> bool {
    element.id() == container.id() || element.ancestors().any(|a| a.id() == container.id())
}

/// The elements that hold the article: the one that holds the most prose (its own blocks'
/// weight, and half that of its children's), with those of its siblings that hold a fair
/// share too (a live blog's posts, a body split around an advertisement).
fn containers<'a>(blocks: &[Block<'a>]) -> Vec<ElementRef<'a>> {
    let mut score: HashMap<_, f64> = HashMap::new();
    let mut order: Vec<ElementRef<'a>> = Vec::new();
    for block in blocks.iter().filter(|b| b.is_prose()) {
        let Some(first) = scorer(block) else {
            continue;
        };
        let w = weight(block);
        let parent = first.parent().and_then(ElementRef::wrap);
        for (element, share) in [(Some(first), w), (parent, w / 2.0)] {
            let Some(element) = element else { continue };
            let entry = score.entry(element.id()).or_insert_with(|| {
                order.push(element);
                0.0
            });
            *entry += share;
        }
    }
    let Some(top) = order.iter().copied().reduce(|best, e| {
        if score[&e.id()] > score[&best.id()] {
            e
        } else {
            best
        }
    }) else {
        return Vec::new();
    };
    // A live blog's posts, a body in several sections: the branch the best element is in
    // has siblings of its own shape (tag and class) that hold prose too.
    let mut total: HashMap<_, f64> = HashMap::new();
    for block in blocks.iter().filter(|b| b.is_prose()) {
        let w = weight(block);
        for element in std::iter::once(block.holder)
            .chain(block.holder.ancestors().filter_map(ElementRef::wrap))
        {
            *total.entry(element.id()).or_insert(0.0) += w;
        }
    }
    let holds_prose = |e: &ElementRef| total.get(&e.id()).is_some_and(|t| *t > 0.0);
    let mut branch = top;
    for _ in 0..3 {
        let Some(parent) = branch.parent().and_then(ElementRef::wrap) else {
            break;
        };
        let branch_total = total.get(&branch.id()).copied().unwrap_or(0.0);
        // A sibling with a class of its own shape is a post however short; one told apart by
        // its tag alone (`<section>`) must hold a fair share, not a teaser's line.
        let alike = |s: &ElementRef| {
            s.id() == branch.id()
                || (same_shape(*s, branch)
                    && holds_prose(s)
                    && (s.value().attr("class").is_some()
                        || marked_alike(s.value(), branch.value())
                        || total[&s.id()] * 4.0 >= branch_total))
        };
        if parent
            .child_elements()
            .any(|s| s.id() != branch.id() && alike(&s))
        {
            return parent.child_elements().filter(|s| alike(s)).collect();
        }
        branch = parent;
    }
    let best = score[&top.id()];
    let Some(parent) = top.parent() else {
        return vec![top];
    };
    parent
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|sibling| {
            sibling.id() == top.id()
                || score
                    .get(&sibling.id())
                    .is_some_and(|s| *s >= (best * 0.2).max(2.0))
                || blocks.iter().any(|b| {
                    b.holder.id() == sibling.id()
                        && b.kind == Kind::Paragraph
                        && b.is_prose()
                        && b.chars() >= 80
                })
        })
        .collect()
}

/// Whether two elements are built alike: the same tag and the same class, one given (a live
/// blog's `<div class="post">`s), or `<section>`s or `<article>`s without one.
fn same_shape(a: ElementRef, b: ElementRef) -> bool {
    let (a, b) = (a.value(), b.value());
    a.name() == b.name()
        && a.attr("class") == b.attr("class")
        && (a.attr("class").is_some_and(|c| !c.trim().is_empty())
            || matches!(a.name(), "section" | "article")
            || marked_alike(a, b))
}

/// `<div id="p3" data-sort-time="...">` beside `<div id="p2" data-sort-time="...">` (AMP's
/// live list): no class, but the same attributes, a data attribute among them.
fn marked_alike(a: &scraper::node::Element, b: &scraper::node::Element) -> bool {
    let names = |e: &scraper::node::Element| {
        let mut names: Vec<String> = e.attrs().map(|(n, _)| n.to_string()).collect();
        names.sort();
        names
    };
    let (na, nb) = (names(a), names(b));
    na == nb && na.iter().any(|n| n.starts_with("data-"))
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

/// Every object of the page's linked data (`<script type="application/ld+json">`), those
/// inside lists and `@graph`s too.
fn linked_data(page: &Html) -> Vec<serde_json::Value> {
    fn flatten(value: serde_json::Value, out: &mut Vec<serde_json::Value>) {
        match value {
            serde_json::Value::Array(items) => {
                for item in items {
                    flatten(item, out);
                }
            }
            serde_json::Value::Object(mut object) => {
                if let Some(graph) = object.remove("@graph") {
                    flatten(graph, out);
                }
                out.push(serde_json::Value::Object(object));
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for script in page.select(&selector("script[type=\"application/ld+json\"]")) {
        if let Ok(value) = serde_json::from_str(&script.inner_html()) {
            flatten(value, &mut out);
        }
    }
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The publisher's name in the page's linked data (schema.org's `publisher.name`), for pages
/// without `og:site_name`.
fn linked_data_publisher(data: &[serde_json::Value]) -> Option<String> {
    data.iter().find_map(|d| {
        let name = one_line(d.get("publisher")?.get("name")?.as_str()?);
        (!name.is_empty() && name.chars().count() <= 80).then_some(name)
    })
}

fn linked_data_field(data: &[serde_json::Value], field: &str) -> Option<String> {
    data.iter()
        .find_map(|d| d.get(field)?.as_str().map(one_line))
        .filter(|s| !s.is_empty())
}

/// The article's body as the linked data gives it (`articleBody`, or a live blog's
/// updates' bodies), in paragraphs.
fn linked_data_body(data: &[serde_json::Value]) -> Vec<String> {
    let mut bodies: Vec<String> = Vec::new();
    for d in data {
        if let Some(body) = d.get("articleBody").and_then(|b| b.as_str()) {
            bodies.push(body.to_string());
        }
        if let Some(updates) = d.get("liveBlogUpdate").and_then(|u| u.as_array()) {
            for update in updates {
                if let Some(body) = update.get("articleBody").and_then(|b| b.as_str()) {
                    bodies.push(body.to_string());
                }
            }
        }
    }
    let mut paragraphs = Vec::new();
    for body in bodies {
        if body.contains('<') {
            // A body written as HTML: laid out as the page is.
            let fragment = Html::parse_fragment(&body);
            let root = fragment.root_element();
            let mut layout = Layout::new(root);
            layout.walk(root, root, Kind::Loose, false);
            layout.flush(root, Kind::Loose);
            paragraphs.extend(
                layout
                    .blocks
                    .into_iter()
                    .filter(|b| !b.mostly_links() && !is_boilerplate(&b.text))
                    .map(|b| b.text),
            );
        } else {
            paragraphs.extend(body.lines().map(one_line).filter(|l| !l.is_empty()));
        }
    }
    paragraphs
}

/// The page's `<title>` without the site's name: the longest of its parts that is neither
/// the site's name nor named like an outlet (`Dalmar Herald :: Headline`, `Headline |
/// Section | Site`).
fn title_without_site(title: &str, site: Option<&str>) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        let parts: Vec<&str> = title
            .split(sep)
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() < 2 {
            continue;
        }
        let not_site: Vec<&str> = parts
            .iter()
            .copied()
            .filter(|p| {
                !site.is_some_and(|s| p.eq_ignore_ascii_case(s)) && !named_like_an_outlet(p)
            })
            .collect();
        if let Some(longest) = not_site.iter().max_by_key(|p| p.chars().count()) {
            return longest.to_string();
        }
    }
    title.trim().to_string()
}

fn text_of(element: ElementRef) -> String {
    one_line(&element.text().collect::<String>())
}

/// Reads a page.
pub fn read(html: &str) -> Page {
    let page = Html::parse_document(html);
    let data = linked_data(&page);
    let source = meta(&page, &["og:site_name", "application-name", "publisher"])
        .or_else(|| linked_data_publisher(&data));
    let body = page
        .select(&selector("body"))
        .next()
        .unwrap_or_else(|| page.root_element());
    let mut layout = Layout::new(body);
    layout.walk(body, body, Kind::Loose, false);
    layout.flush(body, Kind::Loose);
    let blocks = layout.blocks;
    let containers = containers(&blocks);
    let inside = |b: &Block| containers.iter().any(|c| is_inside(b.holder, *c));

    let mut paragraphs: Vec<String> = Vec::new();
    let mut first_paragraph = blocks.len();
    for (i, block) in blocks.iter().enumerate() {
        if inside(block) && block.is_kept() && !paragraphs.contains(&block.text) {
            first_paragraph = first_paragraph.min(i);
            paragraphs.push(block.text.clone());
        }
    }
    // A page that shows a teaser and keeps the body in its linked data.
    let from_data = linked_data_body(&data);
    let length = |ps: &[String]| ps.iter().map(|p| p.chars().count()).sum::<usize>();
    if length(&from_data) > 2 * length(&paragraphs) {
        paragraphs = from_data;
    }

    // The lines above the article's text, nearest last: a byline, a timestamp.
    let above: Vec<String> = blocks[..first_paragraph]
        .iter()
        .filter(|b| !b.mostly_links() && b.text.split_whitespace().count() <= 20)
        .map(|b| b.text.clone())
        .collect();
    let above_facts = header_facts(&above);

    // The first `<h1>` in the article's container, else in the nearest element around it.
    let h1 = selector("h1");
    let headline = containers
        .first()
        .and_then(|c| {
            std::iter::once(*c)
                .chain(c.ancestors().filter_map(ElementRef::wrap))
                .find_map(|e| e.select(&h1).next())
        })
        .or_else(|| page.select(&h1).next())
        .map(text_of)
        .filter(|h| !h.is_empty())
        .or_else(|| meta(&page, &["og:title", "twitter:title"]))
        .or_else(|| linked_data_field(&data, "headline"))
        .or_else(|| {
            page.select(&selector("title"))
                .next()
                .map(text_of)
                .map(|t| title_without_site(&t, source.as_deref()))
        })
        .filter(|h| !h.is_empty());
    // `Horn Dispatch :: Headline`: a part of the title named like an outlet.
    let site_in_title = page.select(&selector("title")).next().and_then(|t| {
        let title = text_of(t);
        [" | ", " - ", " – ", " — ", " :: "].iter().find_map(|sep| {
            let parts: Vec<&str> = title.split(sep).map(str::trim).collect();
            (parts.len() > 1)
                .then(|| parts.into_iter().find(|p| named_like_an_outlet(p)))
                .flatten()
                .map(str::to_string)
        })
    });
    let published = meta(
        &page,
        &[
            "article:published_time",
            "datePublished",
            "date",
            "pubdate",
            "publish-date",
            "dc.date",
            "DC.date.issued",
            "dcterms.created",
        ],
    )
    .or_else(|| linked_data_field(&data, "datePublished"))
    .or_else(|| linked_data_field(&data, "dateCreated"))
    .and_then(|d| parse_date_anywhere(&d));
    let date = published
        .or(above_facts.date)
        .or_else(|| layout.times.iter().find_map(|t| parse_date_anywhere(t)));
    Page {
        headline,
        date,
        source: source.or(site_in_title).or(above_facts.source),
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
        assert_eq!(page.date, Date::new(2026, 2, 17));
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
    fn titles_with_the_site_first_or_a_section() {
        assert_eq!(
            title_without_site("Dalmar Herald :: Miners end sit-in", None),
            "Miners end sit-in"
        );
        assert_eq!(
            title_without_site("Pits close | Business | Kovar", Some("Kovar")),
            "Pits close"
        );
    }

    #[test]
    fn text_between_line_breaks_without_paragraphs() {
        let page = read(
            "<html><body><div id=\"story\">The mill closed on Friday, its owner said.<br><br>\
             &#8220;We tried everything,&#8221; said Ona Reik.<br>14:40<br>Workers will be paid.</div></body></html>",
        );
        assert_eq!(
            page.paragraphs,
            vec![
                "The mill closed on Friday, its owner said.",
                "“We tried everything,” said Ona Reik.",
                "Workers will be paid."
            ]
        );
    }

    #[test]
    fn nested_sections_split_by_an_advertisement() {
        let page = read(
            r#"<html><body><div class="wrap"><div class="story"><section class="part">
<div><p>The dam opened its gates on Monday, flooding two fields.</p></div>
<div><p>Farmers said they had not been warned, and asked for compensation.</p></div></section>
<div class="ad-slot"><p>Advertisement</p></div>
<section class="part"><div><p>The operator said it had followed the rules.</p></div></section>
</div></div><div class="rail"><ul><li><a href="/x">Another story entirely about something</a></li></ul></div></body></html>"#,
        );
        assert_eq!(
            page.paragraphs,
            vec![
                "The dam opened its gates on Monday, flooding two fields.",
                "Farmers said they had not been warned, and asked for compensation.",
                "The operator said it had followed the rules."
            ]
        );
    }

    #[test]
    fn a_live_blog_keeps_every_post_and_drops_their_times() {
        let page = read(
            r##"<html><body><h1>Flood live</h1><div class="feed">
<div class="post"><div class="when"><time datetime="2025-01-02T10:00Z">10:00</time></div><h2>Rain stops</h2>
<div class="text"><p>The rain stopped at noon, forecasters said.</p></div><a class="share" href="#">Share</a></div>
<div class="post"><div class="when"><time datetime="2025-01-02T08:00Z">08:00</time></div>
<div class="text"><p>Rivers rose overnight across the valley, and roads closed.</p><p>Schools are shut.</p></div></div>
</div></body></html>"##,
        );
        assert_eq!(
            page.paragraphs,
            vec![
                "The rain stopped at noon, forecasters said.",
                "Rivers rose overnight across the valley, and roads closed.",
                "Schools are shut."
            ]
        );
        assert_eq!(page.date, Date::new(2025, 1, 2));
        assert_eq!(page.headline.as_deref(), Some("Flood live"));
    }

    #[test]
    fn a_teaser_gives_way_to_the_linked_data_s_body() {
        let page = read(
            r#"<html><head><script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2025-03-04","articleBody":"The bridge reopened on Tuesday after repairs.\n\nDrivers said the detour had cost them an hour a day, and more."}]}</script></head>
<body><p class="teaser">The bridge reopened on Tuesday&hellip;</p></body></html>"#,
        );
        assert_eq!(
            page.paragraphs,
            vec![
                "The bridge reopened on Tuesday after repairs.",
                "Drivers said the detour had cost them an hour a day, and more."
            ]
        );
        assert_eq!(page.date, Date::new(2025, 3, 4));
    }

    #[test]
    fn a_wrapper_named_like_furniture_that_holds_the_article_is_read() {
        let page = read(
            r#"<html><body><div class="layout-with-sidebar"><p>The port reopened on Monday after a week, officials said.</p>
<p>Ships queued outside the harbour for days, and crews waited.</p></div>
<div class="sidebar"><p>Other news from elsewhere.</p></div></body></html>"#,
        );
        assert_eq!(page.paragraphs.len(), 2, "{:?}", page.paragraphs);
    }

    #[test]
    fn a_byline_line_above_the_text_dates_the_page() {
        let page = read(
            r#"<html><body><div class="masthead-date">Monday 9 June 2025</div><article><div class="meta">By Ana Vell | Published 3 June 2025</div>
<p>The strike ended on Tuesday, the union said.</p></article></body></html>"#,
        );
        assert_eq!(page.date, Date::new(2025, 6, 3));
        assert_eq!(
            page.paragraphs,
            vec!["The strike ended on Tuesday, the union said."]
        );
    }

    #[test]
    fn a_form_around_the_whole_page_is_read() {
        let page = read(
            r#"<html><body><form id="page" action="/x"><div class="top"><input name="q"></div>
<div id="story"><p>The ferry sank on Monday night, coastguards said.</p><p>Twelve people were rescued, and two are missing.</p></div>
<div><form class="search"><p>Search the whole site for more news.</p></form></div></form></body></html>"#,
        );
        assert_eq!(
            page.paragraphs,
            vec![
                "The ferry sank on Monday night, coastguards said.",
                "Twelve people were rescued, and two are missing."
            ]
        );
    }

    #[test]
    fn paragraphs_as_divisions_and_teasers_beside_the_article() {
        let page = read(
            r#"<html><body><main><article><h1>Ferry sinks</h1>
<div class="para">The ferry sank on Monday night, coastguards said.</div>
<div class="para">Twelve people were rescued, and two are missing.</div>
<div class="para">&#x201C;The sea was wild,&#x201D; said Ona Reik, a fisherman.</div></article>
<article><h3><a href="/a">Storm warning</a></h3><p>Winds will rise.</p></article></main></body></html>"#,
        );
        assert_eq!(
            page.paragraphs,
            vec![
                "The ferry sank on Monday night, coastguards said.",
                "Twelve people were rescued, and two are missing.",
                "“The sea was wild,” said Ona Reik, a fisherman."
            ]
        );
        assert_eq!(page.headline.as_deref(), Some("Ferry sinks"));
    }

    #[test]
    fn a_page_nested_beyond_reason_is_read_without_exhausting_the_stack() {
        let depth = 3_000;
        let page = format!(
            "<html><body>{}The ferry sank on Monday night, coastguards said.{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let page = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || read(&page))
            .unwrap()
            .join()
            .expect("no stack overflow");
        assert_eq!(
            page.paragraphs,
            vec!["The ferry sank on Monday night, coastguards said."]
        );
    }

    #[test]
    fn an_amp_live_list_keeps_every_post() {
        let page = read(
            r#"<html amp><body><amp-live-list id="live" data-poll-interval="15000"><div items>
<div id="p2" data-sort-time="2"><div class="meta">10:00</div><div class="body"><p>The rain stopped at noon, and rivers fell.</p><p>Roads reopened.</p></div></div>
<div id="p1" data-sort-time="1"><div class="meta">08:00</div><div class="body"><p>Schools are shut.</p></div></div>
</div></amp-live-list></body></html>"#,
        );
        assert_eq!(
            page.paragraphs,
            vec![
                "The rain stopped at noon, and rivers fell.",
                "Roads reopened.",
                "Schools are shut."
            ]
        );
    }

    #[test]
    fn html_is_recognised_by_its_start() {
        assert!(looks_like_html("\u{feff}  <!doctype html><html>"));
        assert!(looks_like_html("<!-- saved --><HTML lang=en>"));
        assert!(!looks_like_html("The <b>council</b> met."));
        assert!(!looks_like_html("<!-- never closed"));
    }

    #[test]
    fn class_words_are_split_at_dashes_underscores_and_capitals() {
        assert_eq!(
            mark_words("article-body__shareBar js-x"),
            vec!["article", "body", "share", "bar", "js", "x"]
        );
        assert!(!mark_words("shadow header").contains(&"ad".to_string()));
    }

    #[test]
    fn boilerplate_lines() {
        assert!(is_boilerplate("Read more: the council's plan"));
        assert!(is_boilerplate("Sign up for our morning briefing"));
        assert!(!is_boilerplate(
            "Read the full statement, she said, and weep."
        ));
    }
}
