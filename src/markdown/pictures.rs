//! Pictures in bodies: `![alt](photo.jpg "title")` naming a file the site
//! processed becomes a `<picture>` with every width, WebP first, and its
//! size (see [`super::Links::picture`]); any other image stays as written.

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::SharedLinks;

pub(super) fn replace<'a, 'l, 'm: 'l>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)> + 'l,
    links: &'l SharedLinks<'m>,
) -> impl Iterator<Item = (Event<'a>, Range<usize>)> + 'l
where
    'a: 'l,
{
    Pictures { events, links, ready: VecDeque::new() }
}

struct Pictures<'l, 'm, I> {
    events: I,
    links: &'l SharedLinks<'m>,
    ready: VecDeque<(Event<'static>, Range<usize>)>,
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for Pictures<'_, '_, I> {
    type Item = (Event<'a>, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(ready) = self.ready.pop_front() {
            return Some(ready);
        }
        let (event, range) = self.events.next()?;
        let Event::Start(Tag::Image { dest_url, title, .. }) = &event else { return Some((event, range)) };
        // The image's events up to its end: their text is the alt text.
        let mut inner = Vec::new();
        let mut depth = 1;
        for (e, r) in self.events.by_ref() {
            match &e {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) => depth -= 1,
                _ => {}
            }
            inner.push((e, r));
            if depth == 0 {
                break;
            }
        }
        let alt: String = inner
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Text(t) | Event::Code(t) => Some(&**t),
                Event::SoftBreak | Event::HardBreak => Some(" "),
                _ => None,
            })
            .collect();
        if let Some(html) = self.links.borrow_mut().picture(dest_url, &alt, title) {
            return Some((Event::InlineHtml(CowStr::from(html)), range));
        }
        self.ready.extend(inner.into_iter().map(|(e, r)| (e.into_static(), r)));
        Some((event, range))
    }
}
