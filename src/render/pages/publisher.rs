//! The sources index (`/sources/`: every publisher cited, with counts) and
//! each publisher's page (its sources, each with the briefings citing it).

use serde::Serialize;
use tera::Value;

use super::lists::section_page;
use super::paginate::{Paginator, page_count, paginate};
use super::{Meta, PageKind};
use crate::render::views::{Ctx, Refs, value};
use crate::resolve::Site;

pub(super) struct Sources;

impl PageKind for Sources {
    section_page!("sources.html", "sources", "section-sources");

    fn weight(&self, site: &Site, _n: usize) -> usize {
        site.index.sources.len()
    }

    fn view(&self, ctx: &Ctx, _n: usize, _page: usize) -> Value {
        #[derive(Serialize)]
        struct Publisher<'a> {
            publisher: &'a str,
            url: String,
            count: usize,
        }
        #[derive(Serialize)]
        struct View<'a> {
            publishers: Vec<Publisher<'a>>,
            count: usize,
        }
        let groups = &ctx.site.index.sources;
        let publishers = groups
            .iter()
            .map(|g| Publisher {
                publisher: &g.publisher,
                url: ctx.site.urls.path(&["sources", &g.slug]),
                count: g.sources.len(),
            })
            .collect();
        value(&View { publishers, count: groups.iter().map(|g| g.sources.len()).sum() })
    }
}

pub(super) struct Publisher;

impl PageKind for Publisher {
    fn templates(&self) -> &'static [&'static str] {
        &["publisher.html"]
    }
    fn count(&self, site: &Site) -> usize {
        site.index.sources.len()
    }
    fn url(&self, site: &Site, n: usize) -> String {
        site.urls.path(&["sources", &site.index.sources[n].slug])
    }
    fn section(&self) -> &'static str {
        "sources"
    }
    fn meta(&self, site: &Site, n: usize) -> Meta {
        let p = &site.index.sources[n].publisher;
        let unnamed = site.words.get("publisher-not-named");
        let name: &str = if p.is_empty() { &unnamed } else { p };
        let description = site.words.with("description-publisher", &[("name", name), ("site", &site.config.title)]);
        Meta::titled(site, name, description, "website")
    }
    fn weight(&self, site: &Site, n: usize) -> usize {
        site.index.sources[n].sources.len()
    }
    /// Publishers come and go with the sources cited, their address made
    /// from a name, and no file to give them aliases.
    fn permanent(&self) -> bool {
        false
    }
    fn pages(&self, site: &Site, n: usize) -> usize {
        page_count(site.config.paginate_by, site.index.sources[n].sources.len())
    }

    fn view(&self, ctx: &Ctx, i: usize, page: usize) -> Value {
        #[derive(Serialize)]
        struct Entry<'a> {
            title: &'a str,
            /// Its page, when it is the library's.
            page: Option<String>,
            url: Option<&'a str>,
            date: Option<Value>,
            kind: Option<&'static str>,
            citing: Vec<&'a Value>,
        }
        #[derive(Serialize)]
        struct View<'a> {
            publisher: &'a str,
            sources: Vec<Entry<'a>>,
            count: usize,
            paginator: Paginator,
        }
        let g = &ctx.site.index.sources[i];
        let (shown, paginator) = paginate(ctx.site, &self.url(ctx.site, i), &g.sources, page, "source");
        let sources = shown
            .iter()
            .map(|u| {
                let s = &ctx.site.briefings[u.first.0].sources[u.first.1];
                Entry {
                    title: &s.title,
                    page: u.library.map(|l| ctx.site.urls.source(&ctx.site.library[l].source.id)),
                    url: s.url.as_ref().map(|u| u.as_str()),
                    date: s.date.as_ref().map(|d| ctx.refs.date(d)),
                    kind: s.kind.map(|k| k.as_str()),
                    citing: Refs::pick(&ctx.refs.briefings, u.citing.iter().copied()),
                }
            })
            .collect();
        value(&View { publisher: &g.publisher, sources, count: g.sources.len(), paginator })
    }
}
