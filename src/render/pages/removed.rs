//! Pages taken down on purpose (`removed:` in `dossier.yaml`): at each old
//! address, a notice that the page was removed, and why: the newsroom's
//! practice for a retraction, rather than a broken link.

use serde::Serialize;
use tera::Value;

use super::{Meta, PageKind};
use crate::render::views::{Ctx, value};
use crate::resolve::Site;

/// The section of removal notices, which alias clashes check too.
pub(super) const REMOVED: &str = "removed";

pub(super) struct Removed;

impl PageKind for Removed {
    fn shared(&self) -> bool {
        true
    }
    fn templates(&self) -> &'static [&'static str] {
        &["removed.html"]
    }
    fn count(&self, site: &Site) -> usize {
        site.config.removed.len()
    }
    fn url(&self, site: &Site, n: usize) -> String {
        // Checked when `dossier.yaml` was read.
        let url = &site.config.removed[n].url;
        site.urls.rooted(url).unwrap_or_else(|| site.urls.asset(url.trim_start_matches('/')))
    }
    fn section(&self) -> &'static str {
        REMOVED
    }
    fn meta(&self, site: &Site, n: usize) -> Meta {
        Meta::titled(site, &site.words.get("title-removed"), site.config.removed[n].reason.clone(), "website")
    }
    fn listed(&self) -> bool {
        false
    }
    fn view(&self, ctx: &Ctx, n: usize, _page: usize) -> Value {
        #[derive(Serialize)]
        struct View<'a> {
            reason: &'a str,
        }
        value(&View { reason: &ctx.site.config.removed[n].reason })
    }
}
