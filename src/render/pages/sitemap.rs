//! `sitemap.xml` (split in parts with an index past 50,000 URLs, as
//! sitemaps.org requires) and `robots.txt`, which names it.

use serde::Serialize;
use tera::Value;

use super::{Job, KINDS, Meta, PageKind, Part};
use crate::render::versions;
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
    KINDS
        .iter()
        .filter(|k| k.listed())
        .flat_map(move |&kind| (0..kind.count(site)).map(move |n| Job { kind, n, part: Part::Page(0) }))
}

/// A page's `<url>` entry.
#[derive(Serialize)]
struct Entry {
    loc: String,
    lastmod: Option<String>,
    /// The page in each language it is translated into, itself included
    /// (none on a site in one language).
    alternates: Vec<Alternate>,
}

/// One language's version of a page, as `xhtml:link` names it.
#[derive(Serialize, Clone)]
struct Alternate {
    code: String,
    href: String,
}

/// Every `<url>` of the sitemap, in the site's order: each page, then its
/// translations (a page shown untranslated is a copy, not listed).
fn entries(site: &Site) -> impl Iterator<Item = Entry> + '_ {
    listed(site).flat_map(move |job| {
        let url = job.url(site);
        let lastmod = job.kind.lastmod(site, job.n);
        let (versions, _) = versions::of(site, job, &url);
        if versions.is_empty() {
            return vec![Entry { loc: site.urls.absolute(&url), lastmod, alternates: Vec::new() }];
        }
        let alternates: Vec<Alternate> = versions
            .into_iter()
            .filter(|v| v.translated)
            .map(|v| Alternate { code: v.code.to_owned(), href: v.absolute })
            .collect();
        let alone = alternates.len() < 2;
        let each = |a: &Alternate| Entry {
            loc: a.href.clone(),
            lastmod: lastmod.clone(),
            alternates: if alone { Vec::new() } else { alternates.clone() },
        };
        alternates.iter().map(each).collect()
    })
}

/// Page 0 is the sitemap, or with parts the sitemap index naming them;
/// page `k` is part `k` (from 1), of at most `limit` URLs each.
pub(super) struct Sitemap {
    limit: usize,
}

/// The sitemap as sitemaps.org allows it.
pub(super) const SITEMAP: Sitemap = Sitemap { limit: SITEMAP_LIMIT };

impl Sitemap {
    fn parts(&self, site: &Site) -> usize {
        let urls = match site.languages.several() {
            false => KINDS.iter().filter(|k| k.listed()).map(|k| k.count(site)).sum(),
            true => entries(site).count(),
        };
        sitemap_parts(urls, self.limit)
    }
}

impl PageKind for Sitemap {
    fn shared(&self) -> bool {
        true
    }
    fn templates(&self) -> &'static [&'static str] {
        &["sitemap.xml", "sitemap_index.xml"]
    }
    fn count(&self, site: &Site) -> usize {
        if site.config.sitemap { 1 + self.parts(site) } else { 0 }
    }
    fn template(&self, site: &Site, n: usize) -> &'static str {
        if n == 0 && self.parts(site) > 0 { "sitemap_index.xml" } else { "sitemap.xml" }
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

    fn view(&self, ctx: &Ctx, n: usize, _page: usize) -> Value {
        let site = ctx.site;
        let parts = self.parts(site);
        if n == 0 && parts > 0 {
            #[derive(Serialize)]
            struct View {
                parts: Vec<String>,
            }
            let urls = (1..=parts).map(|k| site.urls.absolute(&self.url(site, k))).collect();
            return value(&View { parts: urls });
        }
        #[derive(Serialize)]
        struct View {
            entries: Vec<Entry>,
            /// Whether entries name their other languages' versions.
            alternates: bool,
        }
        let (skip, take) = if n == 0 { (0, usize::MAX) } else { ((n - 1) * self.limit, self.limit) };
        let entries = entries(site).skip(skip).take(take).collect();
        value(&View { entries, alternates: site.languages.several() })
    }
}

/// `robots.txt`.
pub(super) struct Robots;

impl PageKind for Robots {
    fn shared(&self) -> bool {
        true
    }
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
    fn view(&self, _ctx: &Ctx, _n: usize, _page: usize) -> Value {
        Value::none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::views::Refs;

    #[test]
    fn sitemaps_split_past_the_limit() {
        assert_eq!(sitemap_parts(0, 50_000), 0);
        assert_eq!(sitemap_parts(50_000, 50_000), 0);
        assert_eq!(sitemap_parts(50_001, 50_000), 2);
        assert_eq!(sitemap_parts(150_000, 50_000), 3);
    }

    #[test]
    fn a_split_sitemap_lists_every_page_once_across_its_parts() {
        let dir = tempfile::tempdir().unwrap();
        crate::scaffold::init(dir.path()).unwrap();
        let site = crate::load_site(&crate::BuildOptions::new(dir.path())).0.expect("the new site loads");
        let (tera, _) =
            crate::render::templates::load(dir.path(), "default", &Default::default(), &mut Vec::new()).unwrap();
        let refs = Refs::build(&site, &tera).unwrap();
        let ctx = Ctx { site: &site, refs: &refs };
        let json = |kind: &Sitemap, n| serde_json::to_value(kind.view(&ctx, n, 0)).unwrap();
        let locs = |v: serde_json::Value| -> Vec<String> {
            v["entries"].as_array().unwrap().iter().map(|e| e["loc"].as_str().unwrap().to_owned()).collect()
        };
        let whole = locs(json(&SITEMAP, 0));
        assert!(whole.len() > 5 && SITEMAP.count(&site) == 1 && SITEMAP.template(&site, 0) == "sitemap.xml");
        // Parts of at most 3 URLs: an index naming each part, then the parts,
        // which list every page of the whole sitemap once, in its order.
        let small = Sitemap { limit: 3 };
        let parts = whole.len().div_ceil(3);
        assert_eq!(small.count(&site), 1 + parts);
        assert_eq!(small.template(&site, 0), "sitemap_index.xml");
        assert_eq!(small.template(&site, 1), "sitemap.xml");
        let index = json(&small, 0);
        let named: Vec<&str> = index["parts"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
        assert_eq!(named.len(), parts);
        assert!(named[0].ends_with("/sitemap-1.xml") && small.url(&site, 1).ends_with("/sitemap-1.xml"), "{named:?}");
        let listed: Vec<String> = (1..=parts).flat_map(|k| locs(json(&small, k))).collect();
        assert_eq!(listed, whole);
        assert!((1..=parts).all(|k| locs(json(&small, k)).len() <= 3));
    }
}
