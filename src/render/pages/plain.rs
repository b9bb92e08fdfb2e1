//! Plain pages (`content/pages/`: about, methodology) and the page shown
//! for a URL that does not exist.

use serde::Serialize;
use tera::Value;

use super::{Body, Meta, PageKind, body_weight};
use crate::render::views::{Ctx, value};
use crate::resolve::{Entity, Site};

pub(super) struct Page;

impl PageKind for Page {
    fn entity(&self, n: usize) -> Option<Entity> {
        Some(Entity::Page(n))
    }
    fn templates(&self) -> &'static [&'static str] {
        &["page.html"]
    }
    fn count(&self, site: &Site) -> usize {
        site.pages.len()
    }
    fn url(&self, site: &Site, n: usize) -> String {
        site.urls.page(&site.pages[n].doc.id)
    }
    fn section(&self) -> &'static str {
        "pages"
    }
    fn meta(&self, site: &Site, n: usize) -> Meta {
        let m = &site.pages[n].doc.matter;
        let description = m.summary.clone().unwrap_or_else(|| site.config.description.clone());
        Meta::titled(site, &m.title, description, "website")
    }
    fn weight(&self, site: &Site, n: usize) -> usize {
        body_weight(&site.pages[n].body)
    }

    fn view(&self, ctx: &Ctx, i: usize, _page: usize) -> Value {
        let p = &ctx.site.pages[i];
        #[derive(Serialize)]
        struct View<'a> {
            title: &'a str,
            summary: Option<&'a str>,
            body: Body<'a>,
            extra: &'a crate::content::model::Extra,
        }
        value(&View {
            title: &p.doc.matter.title,
            summary: p.doc.matter.summary.as_deref(),
            body: Body::of(ctx, Entity::Page(i)),
            extra: &p.doc.matter.extra,
        })
    }
}

/// `404.html`, which static hosts serve for a missing URL.
pub(super) struct NotFound;

impl PageKind for NotFound {
    fn shared(&self) -> bool {
        true
    }
    fn templates(&self) -> &'static [&'static str] {
        &["404.html"]
    }
    fn count(&self, _site: &Site) -> usize {
        1
    }
    fn url(&self, site: &Site, _n: usize) -> String {
        site.urls.asset("404.html")
    }
    fn section(&self) -> &'static str {
        "404"
    }
    fn meta(&self, site: &Site, _n: usize) -> Meta {
        Meta::section(site, &site.words.get("not-found"))
    }
    fn listed(&self) -> bool {
        false
    }
    fn view(&self, _ctx: &Ctx, _n: usize, _page: usize) -> Value {
        Value::none()
    }
}
