//! A briefing's page: its text, who is involved, their positions (as a
//! list and a timeline), its numbered sources and related briefings.

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use super::{Body, Meta, PageKind, body_weight, latest};
use crate::images::{PictureView, Role};
use crate::markdown::Inline;
use crate::render::jsonld;
use crate::render::views::{Ctx, Refs, SourceView, value};
use crate::resolve::{ActorIx, BriefingIx, Entity, Ix, PositionRef, Site};

/// Lists longer than this are made in parallel.
const LONG: usize = 512;

pub(super) struct Briefing;

impl PageKind for Briefing {
    fn carded(&self, n: usize) -> Option<Entity> {
        Some(Entity::Briefing(BriefingIx::new(n)))
    }
    fn templates(&self) -> &'static [&'static str] {
        &["briefing.html"]
    }
    fn count(&self, site: &Site) -> usize {
        site.briefings.len()
    }
    fn url(&self, site: &Site, n: usize) -> String {
        site.urls.briefing(&site.briefings[n].doc.id)
    }
    fn section(&self) -> &'static str {
        "briefings"
    }
    fn meta(&self, site: &Site, n: usize) -> Meta {
        let b = &site.briefings[n];
        let m = &b.doc.matter;
        let description = Inline::text_of(&b.summary).map_or_else(|| site.config.description.clone(), str::to_owned);
        let image = site.images.value(&b.doc.path, m.image.as_deref(), Role::Wide, &site.urls);
        Meta::titled(site, &m.title, description, "article").pictured(image, true)
    }
    fn weight(&self, site: &Site, n: usize) -> usize {
        let n = BriefingIx::new(n);
        let b = &site.briefings[n];
        2 * b.positions.len() + b.sources.len() + body_weight(&b.body)
    }
    fn lastmod(&self, site: &Site, n: usize) -> Option<String> {
        let n = BriefingIx::new(n);
        Some(latest(site, n))
    }
    fn previewed(&self, site: &Site, n: usize, _page: usize) -> Vec<ActorIx> {
        let n = BriefingIx::new(n);
        let b = &site.briefings[n];
        b.actors.iter().chain(&b.refs.actors).copied().collect()
    }
    fn jsonld(&self, site: &Site, n: usize) -> Option<String> {
        let n = BriefingIx::new(n);
        Some(jsonld::briefing(site, n))
    }

    fn view(&self, ctx: &Ctx, i: usize, _page: usize) -> Value {
        let i = BriefingIx::new(i);
        let b = &ctx.site.briefings[i];
        // In parallel when long: a briefing may hold many thousands of
        // positions and sources, and its page is then the build's longest
        // task. (Short lists are quicker made in place.)
        let position = |position| ctx.refs.position(ctx.site, PositionRef { briefing: i, position });
        let positions: Vec<Value> = match b.positions.len() {
            n if n > LONG => (0..n).into_par_iter().with_min_len(LONG).map(position).collect(),
            n => (0..n).map(position).collect(),
        };
        let mut timeline: Vec<usize> = (0..positions.len()).collect();
        timeline.sort_by(|&x, &y| b.positions[x].date.cmp(&b.positions[y].date).then(x.cmp(&y)));
        let page = |n: usize| b.from_library[n].map(|l| ctx.site.urls.source(&ctx.site.library[l].source.id));
        let source = |(n, s)| value(&SourceView::new(ctx.refs, n + 1, s, n < b.refs.cited.len(), page(n)));
        let sources: Vec<Value> = match b.sources.len() {
            n if n > LONG => b.sources.par_iter().with_min_len(LONG).enumerate().map(source).collect(),
            _ => b.sources.iter().enumerate().map(source).collect(),
        };
        let mentioned = b.refs.actors.iter().copied().filter(|a| !b.actors.contains(a));
        let (site, ix) = (ctx.site, &ctx.site.index);
        let m = &b.doc.matter;
        value(&View {
            scheduled: m.publish_date.as_ref().filter(|_| site.scheduled(i)).map(|d| site.words.date(d)),
            archived: m.expiry_date.as_ref().filter(|_| site.archived(i)).map(|d| site.words.date(d)),
            briefing: &ctx.refs.briefings[i],
            corrections: b.corrections.iter().map(|n| ctx.refs.notice(n)).collect(),
            updates: b.updates.iter().map(|n| ctx.refs.notice(n)).collect(),
            corrections_url: site.urls.path(&["corrections"]),
            sourcing: sourcing(&b.sources),
            image: site.images.value(&b.doc.path, m.image.as_deref(), Role::Wide, &site.urls),
            body: Body::of(ctx, Entity::Briefing(i)),
            actors: Refs::pick(&ctx.refs.actors, b.actors.iter().copied()),
            mentioned: Refs::pick(&ctx.refs.actors, mentioned),
            positions,
            timeline,
            sources,
            related: Refs::pick(&ctx.refs.briefings, ix.briefing_related[i].iter().copied()),
            backlinks: Refs::pick(&ctx.refs.briefings, ix.briefing_backlinks[i].iter().copied()),
            extra: &b.doc.matter.extra,
        })
    }
}

#[derive(Serialize)]
struct View<'a> {
    /// When it will be published, while that is to come (a `--drafts` preview).
    scheduled: Option<String>,
    /// Since when it is archived (`expiry_date`), once it is.
    archived: Option<String>,
    briefing: &'a Value,
    /// Its corrections and updates (`date`, `text`, `html`), and the page of every correction.
    corrections: Vec<Value>,
    updates: Vec<Value>,
    corrections_url: String,
    sourcing: Sourcing,
    /// The lead image.
    image: Option<PictureView>,
    body: Body<'a>,
    actors: Vec<&'a Value>,
    mentioned: Vec<&'a Value>,
    positions: Vec<Value>,
    timeline: Vec<usize>,
    sources: Vec<Value>,
    related: Vec<&'a Value>,
    backlinks: Vec<&'a Value>,
    extra: &'a crate::content::model::Extra,
}

/// How a briefing is sourced, at a glance: its sources by kind, and how
/// many publishers they come from.
#[derive(Serialize)]
struct Sourcing {
    count: usize,
    /// Each kind with sources, in the order kinds are listed: `kind` and
    /// `count` (in words: the message `sourcing-<kind>` with `n=count`).
    kinds: Vec<KindCount>,
    /// Sources of no stated kind.
    other: usize,
    /// Distinct publishers named.
    publishers: usize,
}

#[derive(Serialize)]
struct KindCount {
    kind: &'static str,
    count: usize,
}

fn sourcing(sources: &[crate::content::model::SourceMatter]) -> Sourcing {
    use crate::content::model::SourceKind;
    let kinds = SourceKind::ALL
        .iter()
        .map(|&k| (k, sources.iter().filter(|s| s.kind == Some(k)).count()))
        .filter(|&(_, n)| n > 0)
        .map(|(k, count)| KindCount { kind: k.as_str(), count })
        .collect();
    let mut publishers: Vec<&str> = sources.iter().filter_map(|s| s.publisher.as_deref()).collect();
    publishers.sort_unstable();
    publishers.dedup();
    Sourcing {
        count: sources.len(),
        kinds,
        other: sources.iter().filter(|s| s.kind.is_none()).count(),
        publishers: publishers.len(),
    }
}
