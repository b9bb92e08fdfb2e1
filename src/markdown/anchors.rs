//! Stable `id`s on headings and the table of contents built from them.

use std::collections::{HashSet, VecDeque};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::TocEntry;

/// An anchor from heading text: lowercase letters and digits (any script)
/// joined by `-`; punctuation such as apostrophes is dropped.
pub fn slug(text: &str) -> String {
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
pub fn add<'a, 't>(
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
        let base = id.map(|i| i.to_string()).unwrap_or_else(|| slug(&title));
        let mut unique = base.clone();
        let mut n = 0;
        while reserved.contains(&unique.as_str()) || !used.insert(unique.clone()) {
            n += 1;
            unique = format!("{base}-{n}");
        }
        toc.push(TocEntry { level: level as u8, id: unique.clone(), title: title.trim().to_owned() });
        Some((Event::Start(Tag::Heading { level, id: Some(CowStr::from(unique)), classes, attrs }), range))
    })
}
