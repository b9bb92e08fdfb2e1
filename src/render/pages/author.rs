//! Bylines' pages: the authors index (`/authors/`, made only when the site
//! has authors) and each author's page (biography, links, briefings, feed).

use serde::Serialize;
use tera::Value;

use super::paginate::{Paginator, page_count, paginate};
use super::{Body, Feed, Meta, PageKind, newest};
use crate::content::model::HttpUrl;
use crate::images::Role;
use crate::render::views::{Ctx, Refs, value};
use crate::resolve::{AuthorIx, Entity, Ix, Site, ix};

pub(super) struct Authors;

impl PageKind for Authors {
    fn templates(&self) -> &'static [&'static str] {
        &["authors.html"]
    }
    /// A site without bylines has no authors page.
    fn count(&self, site: &Site) -> usize {
        usize::from(!site.authors.is_empty())
    }
    fn url(&self, site: &Site, _n: usize) -> String {
        site.urls.path(&["authors"])
    }
    fn section(&self) -> &'static str {
        "authors"
    }
    fn meta(&self, site: &Site, _n: usize) -> Meta {
        let w = &site.words;
        Meta::titled(
            site,
            &w.get("section-authors"),
            w.with("description-authors", &[("site", &site.config.title)]),
            "website",
        )
    }
    fn weight(&self, site: &Site, _n: usize) -> usize {
        site.authors.len()
    }
    fn pages(&self, site: &Site, _n: usize) -> usize {
        page_count(site.config.paginate_by, site.authors.len())
    }

    fn view(&self, ctx: &Ctx, n: usize, page: usize) -> Value {
        #[derive(Serialize)]
        struct Listed<'a> {
            author: &'a Value,
            briefings: usize,
        }
        #[derive(Serialize)]
        struct View<'a> {
            authors: Vec<Listed<'a>>,
            paginator: Paginator,
        }
        let all: Vec<AuthorIx> = ix::all(ctx.site.authors.len()).collect();
        let (shown, paginator) = paginate(ctx.site, &self.url(ctx.site, n), &all, page, "author");
        let authors = shown
            .iter()
            .map(|&a| Listed { author: &ctx.refs.authors[a], briefings: ctx.site.index.author_briefings[a].len() })
            .collect();
        value(&View { authors, paginator })
    }
}

pub(super) struct Author;

impl PageKind for Author {
    fn entity(&self, n: usize) -> Option<Entity> {
        Some(Entity::Author(AuthorIx::new(n)))
    }
    fn templates(&self) -> &'static [&'static str] {
        &["author.html"]
    }
    fn count(&self, site: &Site) -> usize {
        site.authors.len()
    }
    fn url(&self, site: &Site, n: usize) -> String {
        site.urls.author(&site.authors[n].doc.id)
    }
    fn section(&self) -> &'static str {
        "authors"
    }
    fn meta(&self, site: &Site, n: usize) -> Meta {
        let doc = &site.authors[n].doc;
        let m = &doc.matter;
        let description = m.bio.clone().or_else(|| m.role.clone());
        let description = description.unwrap_or_else(|| {
            site.words.with("description-author", &[("name", &m.name), ("site", &site.config.title)])
        });
        let image = site.images.value(&doc.path, m.image.as_ref(), Role::Portrait, &site.urls);
        Meta::titled(site, &m.name, description, "profile").pictured(image, false)
    }
    fn weight(&self, site: &Site, n: usize) -> usize {
        site.index.author_briefings[AuthorIx::new(n)].len()
    }
    fn lastmod(&self, site: &Site, n: usize) -> Option<String> {
        newest(site, &site.index.author_briefings[AuthorIx::new(n)])
    }
    fn pages(&self, site: &Site, n: usize) -> usize {
        page_count(site.config.paginate_by, site.index.author_briefings[AuthorIx::new(n)].len())
    }
    fn feed(&self, n: usize) -> Option<Feed> {
        Some(Feed::Author(AuthorIx::new(n)))
    }
    fn jsonld(&self, site: &Site, n: usize) -> Option<String> {
        Some(crate::render::jsonld::author(site, AuthorIx::new(n)))
    }

    fn view(&self, ctx: &Ctx, i: usize, page: usize) -> Value {
        #[derive(Serialize)]
        struct View<'a> {
            author: &'a Value,
            bio: Option<&'a str>,
            links: &'a [HttpUrl],
            body: Body<'a>,
            briefings: Vec<&'a Value>,
            paginator: Paginator,
        }
        let url = self.url(ctx.site, i);
        let i = AuthorIx::new(i);
        let m = &ctx.site.authors[i].doc.matter;
        let (shown, paginator) = paginate(ctx.site, &url, &ctx.site.index.author_briefings[i], page, "briefing");
        value(&View {
            author: &ctx.refs.authors[i],
            bio: m.bio.as_deref(),
            links: &m.links,
            body: if page == 0 { Body::of(ctx, Entity::Author(i)) } else { Body::default() },
            briefings: Refs::pick(&ctx.refs.briefings, shown.iter().copied()),
            paginator,
        })
    }
}
