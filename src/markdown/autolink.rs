//! With `autolink: true`, the first plain-text mention of each involved
//! actor's name or alias becomes a link. Text inside links, headings and
//! code is left alone, and an actor already linked by a wikilink is not
//! linked again.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::escape;

/// A name to look for and where it links; `key` groups an actor's names so
/// only the first mention of any of them is linked.
#[derive(Debug, Clone, Hash)]
pub struct AutoLink {
    /// The name or alias to find in text.
    pub name: String,
    /// Where its first mention links to.
    pub url: String,
    /// Whose name it is: one link per key.
    pub key: usize,
}

pub(super) fn link<'a, 'l>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)> + 'l,
    names: &'l [AutoLink],
    source: &str,
) -> impl Iterator<Item = (Event<'a>, Range<usize>)> + 'l
where
    'a: 'l,
{
    // Most sites have no names to link, and most bodies mention few of
    // their actors: then nothing is built and texts pass straight through.
    let finder = Finder::new(names, source);
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
        let Some(finder) = &finder else { return Some((event, range)) };
        match &event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                // An explicit link to an actor counts as its first mention.
                done.extend(finder.by_url.get(dest_url.as_ref()));
                skip_depth += 1;
            }
            Event::InlineHtml(html) if html.contains("class=\"wikilink\"") => {
                done.extend(href(html).and_then(|url| finder.by_url.get(url)));
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
                pending.extend(split(text, range, finder, &mut done));
                pending.pop_front()
            }
            other => Some((other, range)),
        }
    })
}

/// The `href="…"` of the tag `html`, as a wikilink writes it.
fn href(html: &str) -> Option<&str> {
    let start = html.find("href=\"")? + 6;
    html[start..].find('"').map(|end| &html[start..start + end])
}

/// The names to link in a body, found in one pass over a text: at each
/// word start whose first character begins some name, the slices up to the
/// next few word ends are looked up in a table. Linear in the text however
/// many names there are (an actor may have thousands of aliases); a
/// multi-pattern automaton (aho-corasick) took seconds to build for 100,000.
struct Finder<'l> {
    names: Vec<&'l AutoLink>,
    /// Index into `names` by the name's text.
    by_name: HashMap<&'l str, usize>,
    /// The characters names start with, and the longest name in bytes.
    starts: HashSet<char>,
    longest: usize,
    /// Each actor's key by its URL: a link to it counts as its mention.
    by_url: HashMap<&'l str, usize>,
}

impl<'l> Finder<'l> {
    fn new(all: &'l [AutoLink], source: &str) -> Option<Self> {
        // A name the source never spells out cannot match. Asking is one
        // fast substring search per name: worth it for the usual handful,
        // not for thousands of aliases (quadratic: names × text).
        let verbatim = || memchr::memchr2(b'&', b'\\', source.as_bytes()).is_none();
        let names: Vec<&AutoLink> = match all.len() <= 32 && verbatim() {
            true => all.iter().filter(|n| may_occur(&n.name, source)).collect(),
            false => all.iter().collect(),
        };
        if names.is_empty() {
            return None;
        }
        // Names come longest first: for a text two names share, the first.
        let mut by_name = HashMap::with_capacity(names.len());
        for (i, n) in names.iter().enumerate() {
            by_name.entry(n.name.as_str()).or_insert(i);
        }
        let starts = names.iter().filter_map(|n| n.name.chars().next()).collect();
        let longest = names.iter().map(|n| n.name.len()).max().unwrap_or(0);
        let by_url = all.iter().map(|n| (n.url.as_str(), n.key)).collect();
        Some(Finder { names, by_name, starts, longest, by_url })
    }

    /// The earliest whole-word mention in `text` of a name whose actor is
    /// not `done`; where several start together, the longest.
    fn first(&self, text: &str, done: &[usize]) -> Option<(usize, &'l AutoLink)> {
        let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut prev = None;
        for (start, c) in text.char_indices() {
            let at_word_start = !is_word(prev);
            prev = Some(c);
            if !at_word_start || !self.starts.contains(&c) {
                continue;
            }
            let mut limit = (start + self.longest).min(text.len());
            while !text.is_char_boundary(limit) {
                limit -= 1;
            }
            let ends = text[start..limit].char_indices().skip(1).map(|(i, c)| (start + i, Some(c)));
            let found = ends
                .chain(std::iter::once((limit, text[limit..].chars().next())))
                .filter(|&(_, next)| !is_word(next))
                .filter_map(|(end, _)| self.by_name.get(&text[start..end]))
                .map(|&i| self.names[i])
                .filter(|n| !done.contains(&n.key))
                .last();
            if let Some(n) = found {
                return Some((start, n));
            }
        }
        None
    }
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
    finder: &Finder,
    done: &mut Vec<usize>,
) -> Vec<(Event<'a>, Range<usize>)> {
    let Some((at, n)) = finder.first(&text, done) else { return vec![(Event::Text(text), range)] };
    done.push(n.key);
    let end = at + n.name.len();
    let html = format!(r#"<a href="{}" class="autolink">{}</a>"#, escape::html(&n.url), escape::html(&text[at..end]));
    let mut out = vec![
        (Event::Text(CowStr::from(text[..at].to_owned())), range.clone()),
        (Event::InlineHtml(CowStr::from(html)), range.clone()),
    ];
    out.extend(split(CowStr::from(text[end..].to_owned()), range, finder, done));
    out
}
