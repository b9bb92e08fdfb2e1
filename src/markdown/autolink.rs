//! With `autolink: true`, the first plain-text mention of each involved
//! actor's name or alias becomes a link. Text inside links, headings and
//! code is left alone, and an actor already linked by a wikilink is not
//! linked again.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::escape;

/// A name to look for and where it links; `key` groups an actor's names so
/// only the first mention of any of them is linked.
#[derive(Debug, Clone)]
pub struct AutoLink {
    pub name: String,
    pub url: String,
    pub key: usize,
}

pub fn link<'a, 'l>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)> + 'l,
    names: &'l [AutoLink],
    source: &str,
) -> impl Iterator<Item = (Event<'a>, Range<usize>)> + 'l
where
    'a: 'l,
{
    // Every text event is searched for every name still unlinked; a name
    // the source never spells out cannot match, so it is not searched for.
    // (Most sites have no names to link: then the source is not scanned.)
    let verbatim = || memchr::memchr2(b'&', b'\\', source.as_bytes()).is_none();
    let names: Vec<&AutoLink> = match names {
        [] => Vec::new(),
        _ if verbatim() => names.iter().filter(|n| may_occur(&n.name, source)).collect(),
        _ => names.iter().collect(),
    };
    let mut done: Vec<usize> = Vec::new();
    let mut skip_depth = 0usize;
    let mut events = events;
    // Pieces of a text cut around a link wait here; other events pass
    // straight through without allocating.
    let mut pending: std::collections::VecDeque<(Event<'a>, Range<usize>)> = Default::default();
    std::iter::from_fn(move || {
        if let Some(next) = pending.pop_front() {
            return Some(next);
        }
        let (event, range) = events.next()?;
        if names.is_empty() {
            return Some((event, range));
        }
        match &event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                // An explicit link to an actor counts as its first mention.
                names.iter().filter(|n| n.url == dest_url.as_ref()).for_each(|n| done.push(n.key));
                skip_depth += 1;
            }
            Event::InlineHtml(html) if html.contains("class=\"wikilink\"") => {
                names.iter().filter(|n| links_to(html, &n.url)).for_each(|n| done.push(n.key));
                skip_depth += 1;
            }
            Event::Start(Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::Image { .. }) => skip_depth += 1,
            Event::End(TagEnd::Link | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Image) => {
                skip_depth = skip_depth.saturating_sub(1)
            }
            _ => {}
        }
        match event {
            Event::Text(text) if skip_depth == 0 => {
                pending.extend(split(text, range, &names, &mut done));
                pending.pop_front()
            }
            other => Some((other, range)),
        }
    })
}

/// Whether the tag `html` has `href="url"`.
fn links_to(html: &str, url: &str) -> bool {
    html.match_indices(url).any(|(i, _)| html[..i].ends_with("href=\"") && html[i + url.len()..].starts_with('"'))
}

/// Whether `name` can show up in the text rendered from `source`, which
/// has no entity (`&eacute;`) or escape (`\.`): only smart punctuation
/// (`'` → `’`) makes text differ from the source then.
fn may_occur(name: &str, source: &str) -> bool {
    const SMART: &[char] = &['’', '‘', '“', '”', '–', '—', '…'];
    name.contains(SMART) || source.contains(name)
}

fn split<'a>(
    text: CowStr<'a>,
    range: Range<usize>,
    names: &[&AutoLink],
    done: &mut Vec<usize>,
) -> Vec<(Event<'a>, Range<usize>)> {
    // Earliest match first; on a tie, the longest name (names come longest first).
    let found = names
        .iter()
        .filter(|n| !done.contains(&n.key))
        .filter_map(|n| find_word(&text, &n.name).map(|at| (at, n)))
        .min_by_key(|(at, n)| (*at, std::cmp::Reverse(n.name.len())));
    let Some((at, n)) = found else { return vec![(Event::Text(text), range)] };
    done.push(n.key);
    let end = at + n.name.len();
    let html = format!(r#"<a href="{}" class="autolink">{}</a>"#, escape::html(&n.url), escape::html(&text[at..end]));
    let mut out = vec![
        (Event::Text(CowStr::from(text[..at].to_owned())), range.clone()),
        (Event::InlineHtml(CowStr::from(html)), range.clone()),
    ];
    out.extend(split(CowStr::from(text[end..].to_owned()), range, names, done));
    out
}

/// Byte offset of `word` in `text` as a whole word (not inside another word).
fn find_word(text: &str, word: &str) -> Option<usize> {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(word)
        .map(|(i, _)| i)
        .find(|&i| !is_word(text[..i].chars().next_back()) && !is_word(text[i + word.len()..].chars().next()))
}
