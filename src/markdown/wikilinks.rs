//! `[[target]]` and `[[target|text]]`: pulldown-cmark parses them as wiki
//! links; this adapter points them at the site's pages.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::{Problems, SharedLinks};
use crate::escape;

pub(super) fn resolve<'a, 'l, 'm: 'l>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)> + 'l,
    links: &'l SharedLinks<'m>,
    problems: &'l Problems,
) -> impl Iterator<Item = (Event<'a>, Range<usize>)> + 'l
where
    'a: 'l,
{
    // After a bare `[[id]]` resolves, its text becomes the target's label.
    let mut label: Option<String> = None;
    // An unresolved link keeps its text but loses its tags; links don't nest,
    // so one flag is enough.
    let mut dropping = false;
    events.filter_map(move |(event, range)| match event {
        Event::Start(Tag::Link { link_type: LinkType::WikiLink { has_pothole }, dest_url, .. }) => {
            match links.borrow_mut().wikilink(dest_url.trim()) {
                Ok(target) => {
                    if !has_pothole {
                        label = Some(target.label);
                    }
                    // Raw HTML so the link can carry a class; the matching
                    // End(Link) still renders as `</a>`.
                    let mut html = String::with_capacity(target.url.len() + 32);
                    html.push_str(r#"<a href=""#);
                    escape::push_html(&mut html, &target.url);
                    html.push_str(r#"" class="wikilink">"#);
                    Some((Event::InlineHtml(CowStr::from(html)), range))
                }
                Err(problem) => {
                    problems.borrow_mut().push((range.clone(), problem));
                    dropping = true;
                    None
                }
            }
        }
        Event::Text(_) if label.is_some() => Some((Event::Text(CowStr::from(label.take()?)), range)),
        Event::End(TagEnd::Link) if dropping => {
            dropping = false;
            None
        }
        other => Some((other, range)),
    })
}
