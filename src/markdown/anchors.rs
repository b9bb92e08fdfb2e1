//! Stable `id`s on headings and the table of contents built from them.

use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::TocEntry;

/// Ids the page templates give their own sections and controls; body
/// headings never take them (a `## Briefings` heading becomes
/// `briefings-1`), so no page has one id twice.
pub(crate) const RESERVED: &[&str] = &[
    "main",
    "archive",
    "top",
    "summary",
    "contents",
    "notice-corrections",
    "notice-updates",
    "elsewhere",
    "actors",
    "active-actors",
    "all-questions",
    "affiliations",
    "appears-with",
    "briefings",
    "latest",
    "members",
    "mentioned-in",
    "network",
    "network-arrow",
    "network-portrait",
    "open-questions",
    "over-time",
    "positions",
    "preview-card",
    "reference",
    "related",
    "search-app",
    "search-q",
    "site-search-q",
    "sources",
    "stance-map",
    "timeline",
    "where-they-stand",
];

/// The ids of a page's source entries start so (`source-<id>`): citations
/// link to them and preview cards copy them.
pub(crate) const SOURCE_PREFIX: &str = "source-";

/// Whether the page keeps `id` for itself: one of `reserved` (the
/// template's), or a source entry's. A body's headings never take such an
/// id, and `safe_html` removes it from a body's raw HTML, where it could
/// stand in for the real element (`<a id="source-s1">` spoofing a
/// citation's preview card, `<div id="search-app">` breaking the search).
pub(crate) fn taken_by_page(id: &str, reserved: &[&str]) -> bool {
    id.starts_with(SOURCE_PREFIX) || reserved.contains(&id)
}

/// An anchor from heading text: lowercase letters and digits (any script)
/// joined by `-`; punctuation such as apostrophes is dropped.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '_' {
            gap = true;
        }
    }
    if out.is_empty() { "section".into() } else { out }
}

/// Buffers each heading's events, names it, and emits it with its `id`.
pub(crate) fn add<'a, 't>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)> + 't,
    reserved: &'t [&'t str],
    toc: &'t mut Vec<TocEntry>,
) -> impl Iterator<Item = (Event<'a>, Range<usize>)> + 't
where
    'a: 't,
{
    // Ids headings took; the reserved ones are checked where they are
    // (most bodies have a few headings, and the template's ids are many).
    let mut used: HashSet<String> = HashSet::new();
    // The next suffix to try for each base id: 20,000 headings with the
    // same text would otherwise each count up from 1 again (quadratic).
    let mut next: HashMap<String, usize> = HashMap::new();
    let mut events = events;
    // A heading's events wait here once its id is known; every other event
    // passes straight through without allocating.
    let mut pending: VecDeque<(Event<'a>, Range<usize>)> = VecDeque::new();
    std::iter::from_fn(move || {
        if let Some(next) = pending.pop_front() {
            return Some(next);
        }
        let (event, range) = events.next()?;
        let Event::Start(Tag::Heading { level, id, classes, attrs }) = event else {
            return Some((event, range));
        };
        let mut title = String::new();
        for (e, r) in events.by_ref() {
            let end = matches!(e, Event::End(TagEnd::Heading(_)));
            if let Event::Text(t) | Event::Code(t) = &e {
                title.push_str(t);
            }
            pending.push_back((e, r));
            if end {
                break;
            }
        }
        let mut base = id.map(|i| i.to_string()).unwrap_or_else(|| slug(&title));
        // No suffix frees a name in the source entries' or the footnotes'
        // space: move it out.
        if base.starts_with(SOURCE_PREFIX) || super::footnotes::PREFIXES.iter().any(|p| base.starts_with(p)) {
            base.insert_str(0, "section-");
        }
        let mut unique = base.clone();
        if taken_by_page(&unique, reserved) || !used.insert(unique.clone()) {
            let n = next.entry(base.clone()).or_insert(0);
            loop {
                *n += 1;
                unique = format!("{base}-{n}");
                if !taken_by_page(&unique, reserved) && used.insert(unique.clone()) {
                    break;
                }
            }
        }
        toc.push(TocEntry { level: level as u8, id: unique.clone(), title: title.trim().to_owned() });
        Some((Event::Start(Tag::Heading { level, id: Some(CowStr::from(unique)), classes, attrs }), range))
    })
}
