//! A library source's page (`/sources/<id>/`): the source, its publisher's
//! page, and every briefing and position citing it, `positions_per_page`
//! of each side by side.

use serde::Serialize;
use tera::Value;

use super::paginate::{Paginator, page_count_of, pager, range};
use super::{Meta, PageKind, newest};
use crate::render::views::{Ctx, Refs, value};
use crate::resolve::Site;

pub(super) struct LibrarySource;

impl PageKind for LibrarySource {
    fn templates(&self) -> &'static [&'static str] {
        &["source.html"]
    }
    fn count(&self, site: &Site) -> usize {
        site.library.len()
    }
    fn url(&self, site: &Site, n: usize) -> String {
        site.urls.source(&site.library[n].source.id)
    }
    fn section(&self) -> &'static str {
        "sources"
    }
    fn meta(&self, site: &Site, n: usize) -> Meta {
        let s = &site.library[n].source;
        let (w, on) = (&site.words, ("site", site.config.title.as_str()));
        let description = match s.publisher.as_deref() {
            Some(p) => w.with("description-source-by", &[on, ("title", &s.title), ("publisher", p)]),
            None => w.with("description-source", &[on, ("title", &s.title)]),
        };
        Meta::titled(site, &s.title, description, "website")
    }
    fn weight(&self, site: &Site, n: usize) -> usize {
        site.index.library_positions[n].len() + site.index.library_briefings[n].len()
    }
    fn lastmod(&self, site: &Site, n: usize) -> Option<String> {
        newest(site, &site.index.library_briefings[n])
    }
    fn pages(&self, site: &Site, n: usize) -> usize {
        let ix = &site.index;
        page_count_of(site.config.positions_per_page, &[ix.library_positions[n].len(), ix.library_briefings[n].len()])
    }

    fn view(&self, ctx: &Ctx, n: usize, page: usize) -> Value {
        #[derive(Serialize)]
        struct View<'a> {
            title: &'a str,
            publisher: Option<&'a str>,
            publisher_url: Option<String>,
            url: Option<&'a str>,
            archive: Option<&'a str>,
            date: Option<Value>,
            accessed: Option<Value>,
            kind: Option<&'static str>,
            briefings: Vec<&'a Value>,
            positions: Vec<Value>,
            paginator: Paginator,
        }
        let (site, ix) = (ctx.site, &ctx.site.index);
        let s = &site.library[n].source;
        let per = site.config.positions_per_page;
        let (positions, briefings) = (&ix.library_positions[n], &ix.library_briefings[n]);
        let shown = range(per, positions.len(), page);
        let publisher = ix.library_publisher[n].map(|g| site.urls.path(&["sources", &ix.sources[g].slug]));
        value(&View {
            title: &s.title,
            publisher: s.publisher.as_deref(),
            publisher_url: publisher,
            url: s.url.as_ref().map(|u| u.as_str()),
            archive: s.archive.as_ref().map(|u| u.as_str()),
            date: s.date.as_ref().map(|d| ctx.refs.date(d)),
            accessed: s.accessed.as_ref().map(|d| ctx.refs.date(d)),
            kind: s.kind.map(|k| k.as_str()),
            briefings: Refs::pick(&ctx.refs.briefings, briefings[range(per, briefings.len(), page)].iter().copied()),
            positions: positions[shown.clone()].iter().map(|&r| ctx.refs.position(site, r)).collect(),
            paginator: pager(&self.url(site, n), page, self.pages(site, n), (positions.len(), "position"), shown),
        })
    }
}
