//! `[@source-id]` and `[@a; @b]`: Pandoc-style citations, rendered as
//! numbered links to the briefing's source list.
//!
//! pulldown-cmark hands the brackets over as plain text, in pieces that
//! [`super::merge`] has joined by the time they get here.

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{Links, Problems, SharedLinks, Unresolved};
use crate::escape;

pub(super) fn resolve<'a, 'l, 'm: 'l>(
    mut events: impl Iterator<Item = (Event<'a>, Range<usize>)> + 'l,
    source: &'l str,
    links: &'l SharedLinks<'m>,
    problems: &'l Problems,
) -> impl Iterator<Item = (Event<'a>, Range<usize>)> + 'l
where
    'a: 'l,
{
    let mut cited_before = Vec::new();
    let mut in_code = false;
    // Pieces of a text cut around citations wait here; other events pass
    // straight through without allocating.
    let mut pending: VecDeque<(Event<'a>, Range<usize>)> = VecDeque::new();
    std::iter::from_fn(move || {
        if let Some(next) = pending.pop_front() {
            return Some(next);
        }
        let (event, range) = events.next()?;
        match &event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            _ => {}
        }
        let Event::Text(text) = event else { return Some((event, range)) };
        if in_code {
            return Some((Event::Text(text), range));
        }
        if find_open(&text).is_none() {
            return Some((Event::Text(text), range));
        }
        split_citations(
            text,
            &range,
            source,
            &mut **links.borrow_mut(),
            &mut problems.borrow_mut(),
            &mut cited_before,
            &mut pending,
        );
        pending.pop_front()
    })
}

/// Where `[@` first occurs: `[` is rare in prose, so memchr finds it fast.
fn find_open(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'[', bytes).find(|&i| bytes.get(i + 1) == Some(&b'@'))
}

/// Where `@key` first occurs in `text`.
fn find_key(text: &str, key: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'@', bytes).find(|&i| bytes[i + 1..].starts_with(key.as_bytes()))
}

/// Cuts `text` around its citations into `out`; each becomes inline HTML.
/// The text between them stays borrowed when `text` is (usually: a slice
/// of the source), not copied.
fn split_citations<'a>(
    text: CowStr<'a>,
    range: &Range<usize>,
    source: &str,
    links: &mut dyn Links,
    problems: &mut Vec<(Range<usize>, Unresolved)>,
    cited_before: &mut Vec<usize>,
    out: &mut VecDeque<(Event<'a>, Range<usize>)>,
) {
    // `piece(a..b)` is `text[a..b]`, borrowed when `text` is.
    let borrowed: Option<&'a str> = match &text {
        CowStr::Borrowed(s) => Some(s),
        _ => None,
    };
    let piece = |r: Range<usize>| match borrowed {
        Some(s) => CowStr::Borrowed(&s[r]),
        None => CowStr::from(text[r].to_owned()),
    };
    let mut at = 0;
    let mut rest = &text[..];
    let mut search_from = range.start;
    while let Some(open) = find_open(rest) {
        let Some(close) = memchr::memchr(b']', &rest.as_bytes()[open..]).map(|c| open + c) else { break };
        let inner = &rest[open + 1..close];
        let keys = inner.split(';').map(str::trim);
        if !keys.clone().all(|k| k.len() > 1 && k.starts_with('@') && !k.contains(char::is_whitespace)) {
            out.push_back((Event::Text(piece(at..at + close + 1)), range.clone()));
            rest = &rest[close + 1..];
            at += close + 1;
            continue;
        }
        if open > 0 {
            out.push_back((Event::Text(piece(at..at + open)), range.clone()));
        }
        let html = citation_html(keys, range, source, &mut search_from, links, problems, cited_before);
        out.push_back((Event::InlineHtml(CowStr::from(html)), range.clone()));
        rest = &rest[close + 1..];
        at += close + 1;
    }
    if !rest.is_empty() {
        out.push_back((Event::Text(piece(at..text.len())), range.clone()));
    }
}

/// One `[@a; @b]` as a `<sup>` of numbered links to the sources; a key
/// naming no source is a problem at its place in `source` (looked for from
/// `search_from` on, which moves past it).
fn citation_html<'k>(
    keys: impl Iterator<Item = &'k str>,
    range: &Range<usize>,
    source: &str,
    search_from: &mut usize,
    links: &mut dyn Links,
    problems: &mut Vec<(Range<usize>, Unresolved)>,
    cited_before: &mut Vec<usize>,
) -> String {
    let mut html = String::with_capacity(80);
    let mut digits = itoa::Buffer::new();
    html.push_str(r#"<sup class="cite">"#);
    for (i, key) in keys.enumerate() {
        let key = &key[1..];
        // Locate the key in the source for error positions. The text
        // may differ from the source (smart punctuation turns `'` into
        // a three-byte `’`): not found as written, the problem spans the
        // whole text, never a guessed length that could run past it.
        let found = source.get(*search_from..range.end.max(*search_from)).and_then(|s| find_key(s, key));
        let span = match found {
            Some(i) => {
                *search_from += i + 1;
                *search_from - 1..*search_from + key.len()
            }
            None => range.clone(),
        };
        match links.citation(key) {
            Ok((number, anchor)) => {
                if i > 0 {
                    html.push_str(", ");
                }
                html.push_str(r##"<a href="#"##);
                escape::push_html(&mut html, &anchor);
                html.push('"');
                if !cited_before.contains(&number) {
                    cited_before.push(number);
                    html.push_str(r#" id="cite-"#);
                    html.push_str(digits.format(number));
                    html.push('"');
                }
                html.push('>');
                html.push_str(digits.format(number));
                html.push_str("</a>");
            }
            Err(problem) => problems.push((span, problem)),
        }
    }
    html.push_str("</sup>");
    html
}
