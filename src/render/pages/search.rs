//! The search page, when `search` is on: where the index lives and which
//! filters it offers.

use serde::Serialize;
use tera::Value;

use super::{Meta, PageKind};
use crate::render::views::{Ctx, value};
use crate::resolve::Site;
use crate::urls::SEARCH_BUNDLE_DIR;

pub(super) struct Search;

impl PageKind for Search {
    fn templates(&self) -> &'static [&'static str] {
        &["search.html"]
    }
    fn count(&self, site: &Site) -> usize {
        usize::from(site.config.search)
    }
    fn url(&self, site: &Site, _n: usize) -> String {
        site.urls.path(&["search"])
    }
    fn section(&self) -> &'static str {
        "search"
    }
    fn meta(&self, site: &Site, _n: usize) -> Meta {
        let c = &site.config;
        Meta::titled(
            site,
            &site.words.get("section-search"),
            site.words.with("description-search", &[("site", &c.title)]),
            "website",
        )
    }
    fn listed(&self) -> bool {
        false
    }

    fn view(&self, ctx: &Ctx, _n: usize, _page: usize) -> Value {
        #[derive(Serialize)]
        struct Filter {
            name: &'static str,
            label: String,
        }
        #[derive(Serialize)]
        struct View {
            bundle: String,
            filters: [Filter; 5],
        }
        let f = |name, key: &str| Filter { name, label: ctx.site.words.get(key).into_owned() };
        value(&View {
            bundle: ctx.site.urls.asset(&format!("{SEARCH_BUNDLE_DIR}/pagefind.js")),
            filters: [
                f("type", "search-type"),
                f("actor", "page-actor"),
                f("question", "page-question"),
                f("topic", "page-topic"),
                f("stance", "column-stance"),
            ],
        })
    }
}
