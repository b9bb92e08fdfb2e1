//! Where ordinary links and images point: `[see](other.md#part)` becomes the
//! other page's URL, `/about/` gains the site's base path. The site decides
//! ([`super::Links::destination`]); this adapter only finds the
//! destinations and reports the ones the site refuses, at the destination
//! as written rather than the whole link.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag};

use super::{Problems, SharedLinks};

pub(super) fn rewrite<'a, 'l, 'm: 'l>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)> + 'l,
    source: &'l str,
    links: &'l SharedLinks<'m>,
    problems: &'l Problems,
) -> impl Iterator<Item = (Event<'a>, Range<usize>)> + 'l
where
    'a: 'l,
{
    events.map(move |(event, range)| {
        let event = match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) if written(link_type) => {
                let dest_url = destination(dest_url, &range, source, links, problems);
                Event::Start(Tag::Link { link_type, dest_url, title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) if written(link_type) => {
                let dest_url = destination(dest_url, &range, source, links, problems);
                Event::Start(Tag::Image { link_type, dest_url, title, id })
            }
            other => other,
        };
        (event, range)
    })
}

/// Links whose destination the author wrote as a path or URL (not
/// wikilinks, which have their own adapter, nor `<https://…>` autolinks).
fn written(link_type: LinkType) -> bool {
    matches!(
        link_type,
        LinkType::Inline
            | LinkType::Reference
            | LinkType::ReferenceUnknown
            | LinkType::Collapsed
            | LinkType::CollapsedUnknown
            | LinkType::Shortcut
            | LinkType::ShortcutUnknown
    )
}

/// The site's destination for `dest`, or `dest` as it was; a refusal is a
/// problem spanning `dest` in the source when it is found there.
fn destination<'a>(
    dest: CowStr<'a>,
    range: &Range<usize>,
    source: &str,
    links: &SharedLinks<'_>,
    problems: &Problems,
) -> CowStr<'a> {
    if dest.is_empty() {
        return dest;
    }
    let at = source
        .get(range.clone())
        .and_then(|link| link.rfind(&*dest))
        .map_or_else(|| range.clone(), |i| range.start + i..range.start + i + dest.len());
    match links.borrow_mut().destination(&dest, at.clone()) {
        None => dest,
        Some(Ok(url)) => CowStr::from(url),
        Some(Err(problem)) => {
            problems.borrow_mut().push((at, problem));
            dest
        }
    }
}
