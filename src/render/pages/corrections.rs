//! The corrections page (`/corrections/`): every correction on the site,
//! newest first, each with its briefing; made once there is one. Its feed
//! is [`super::Feed::Corrections`].

use serde::Serialize;
use tera::Value;

use super::paginate::{Paginator, page_count, paginate};
use super::{Feed, Meta, PageKind};
use crate::render::views::{Ctx, value};
use crate::resolve::{BriefingIx, Site};

pub(super) struct Corrections;

/// A correction as the page and the feed show it.
#[derive(Serialize)]
pub(super) struct CorrectionEntry<'a> {
    briefing: &'a Value,
    /// Its number among its briefing's corrections, from 1.
    number: usize,
    /// `date`, `text`, `html`.
    notice: Value,
    /// RFC 3339, for the feed.
    updated: String,
}

/// The entries for `list` (briefing, correction) of the site's corrections.
pub(super) fn entries<'a>(ctx: &'a Ctx, list: &[(BriefingIx, usize)]) -> Vec<CorrectionEntry<'a>> {
    list.iter()
        .map(|&(b, c)| {
            let n = &ctx.site.briefings[b].corrections[c];
            CorrectionEntry {
                briefing: &ctx.refs.briefings[b],
                number: c + 1,
                notice: ctx.refs.notice(n),
                updated: n.date.rfc3339(),
            }
        })
        .collect()
}

impl PageKind for Corrections {
    fn templates(&self) -> &'static [&'static str] {
        &["corrections.html"]
    }
    fn count(&self, site: &Site) -> usize {
        usize::from(!site.index.corrections.is_empty())
    }
    fn url(&self, site: &Site, _n: usize) -> String {
        site.urls.path(&["corrections"])
    }
    fn section(&self) -> &'static str {
        "corrections"
    }
    fn meta(&self, site: &Site, _n: usize) -> Meta {
        Meta::titled(
            site,
            &site.words.get("section-corrections"),
            site.words.with("description-corrections", &[("site", &site.config.title)]),
            "website",
        )
    }
    fn weight(&self, site: &Site, _n: usize) -> usize {
        site.index.corrections.len()
    }
    fn lastmod(&self, site: &Site, _n: usize) -> Option<String> {
        let &(b, c) = site.index.corrections.first()?;
        Some(site.briefings[b].corrections[c].date.ymd())
    }
    fn pages(&self, site: &Site, _n: usize) -> usize {
        page_count(site.config.paginate_by, site.index.corrections.len())
    }
    fn feed(&self, _n: usize) -> Option<Feed> {
        Some(Feed::Corrections)
    }

    fn view(&self, ctx: &Ctx, n: usize, page: usize) -> Value {
        #[derive(Serialize)]
        struct View<'a> {
            corrections: Vec<CorrectionEntry<'a>>,
            paginator: Paginator,
        }
        let (shown, paginator) =
            paginate(ctx.site, &self.url(ctx.site, n), &ctx.site.index.corrections, page, "correction");
        value(&View { corrections: entries(ctx, shown), paginator })
    }
}
