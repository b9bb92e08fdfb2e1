//! `sitemap.xml` (split in parts with an index past 50,000 URLs, as
//! sitemaps.org requires) and `robots.txt`, which names it.

use serde::Serialize;
use tera::Value;

use super::{Job, KINDS, Meta, PageKind};
use crate::render::views::{Ctx, value};
use crate::resolve::Site;

/// Most URLs one sitemap file may list (sitemaps.org).
const SITEMAP_LIMIT: usize = 50_000;

/// How many sitemap files `urls` URLs need; 0 means one plain sitemap.
fn sitemap_parts(urls: usize, limit: usize) -> usize {
    if urls <= limit { 0 } else { urls.div_ceil(limit) }
}

/// Every page the sitemap lists, in the site's order.
fn listed(site: &Site) -> impl Iterator<Item = Job> + '_ {
    KINDS.iter().filter(|k| k.listed()).flat_map(move |&kind| (0..kind.count(site)).map(move |n| Job { kind, n }))
}

/// Page 0 is the sitemap, or with parts the sitemap index naming them;
/// page `k` is part `k` (from 1).
pub(super) struct Sitemap;

impl Sitemap {
    fn parts(site: &Site) -> usize {
        let urls = KINDS.iter().filter(|k| k.listed()).map(|k| k.count(site)).sum();
        sitemap_parts(urls, SITEMAP_LIMIT)
    }
}

impl PageKind for Sitemap {
    fn templates(&self) -> &'static [&'static str] {
        &["sitemap.xml", "sitemap_index.xml"]
    }
    fn count(&self, site: &Site) -> usize {
        if site.config.sitemap { 1 + Sitemap::parts(site) } else { 0 }
    }
    fn template(&self, site: &Site, n: usize) -> &'static str {
        if n == 0 && Sitemap::parts(site) > 0 { "sitemap_index.xml" } else { "sitemap.xml" }
    }
    fn url(&self, site: &Site, n: usize) -> String {
        match n {
            0 => site.urls.asset("sitemap.xml"),
            k => site.urls.asset(&format!("sitemap-{k}.xml")),
        }
    }
    fn section(&self) -> &'static str {
        "sitemap"
    }
    fn meta(&self, site: &Site, _n: usize) -> Meta {
        Meta::machine(site)
    }
    fn weight(&self, site: &Site, _n: usize) -> usize {
        site.briefings.len()
    }
    fn listed(&self) -> bool {
        false
    }

    fn view(&self, ctx: &Ctx, n: usize) -> Value {
        let site = ctx.site;
        let parts = Sitemap::parts(site);
        if n == 0 && parts > 0 {
            #[derive(Serialize)]
            struct View {
                parts: Vec<String>,
            }
            let urls = (1..=parts).map(|k| site.urls.absolute(&self.url(site, k))).collect();
            return value(&View { parts: urls });
        }
        #[derive(Serialize)]
        struct Entry {
            loc: String,
            lastmod: Option<String>,
        }
        #[derive(Serialize)]
        struct View {
            entries: Vec<Entry>,
        }
        let (skip, take) = if n == 0 { (0, usize::MAX) } else { ((n - 1) * SITEMAP_LIMIT, SITEMAP_LIMIT) };
        let entries = listed(site)
            .skip(skip)
            .take(take)
            .map(|job| Entry { loc: site.urls.absolute(&job.url(site)), lastmod: job.kind.lastmod(site, job.n) })
            .collect();
        value(&View { entries })
    }
}

/// `robots.txt`.
pub(super) struct Robots;

impl PageKind for Robots {
    fn templates(&self) -> &'static [&'static str] {
        &["robots.txt"]
    }
    fn count(&self, _site: &Site) -> usize {
        1
    }
    fn url(&self, site: &Site, _n: usize) -> String {
        site.urls.asset("robots.txt")
    }
    fn section(&self) -> &'static str {
        "robots"
    }
    fn meta(&self, site: &Site, _n: usize) -> Meta {
        Meta::machine(site)
    }
    fn listed(&self) -> bool {
        false
    }
    fn view(&self, _ctx: &Ctx, _n: usize) -> Value {
        Value::none()
    }
}

#[cfg(test)]
mod tests {
    use super::sitemap_parts;

    #[test]
    fn sitemaps_split_past_the_limit() {
        assert_eq!(sitemap_parts(0, 50_000), 0);
        assert_eq!(sitemap_parts(50_000, 50_000), 0);
        assert_eq!(sitemap_parts(50_001, 50_000), 2);
        assert_eq!(sitemap_parts(150_000, 50_000), 3);
    }
}
