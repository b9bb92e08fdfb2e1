//! An actor's page: who it is, its positions grouped by question, the
//! briefings it is in, who it appears with, and its network. An actor in
//! hundreds of briefings gets pages: each shows the next
//! `positions_per_page` of its positions, briefings, mentions and members
//! side by side.

use serde::Serialize;
use tera::Value;

use super::Feed;
use super::history::{By, Grouped, History};
use super::paginate::{Paginator, page_count_of, pager, range};
use super::{Body, Meta, PageKind, body_weight, newest};
use crate::images::Role;
use crate::render::jsonld;
use crate::render::network::{self, Graph};
use crate::render::views::{Ctx, Refs, value};
use crate::resolve::{ActorIx, Entity, Ix, Site};

pub(super) struct Actor;

impl PageKind for Actor {
    fn carded(&self, n: usize) -> Option<Entity> {
        Some(Entity::Actor(ActorIx::new(n)))
    }
    fn templates(&self) -> &'static [&'static str] {
        &["actor.html"]
    }
    fn count(&self, site: &Site) -> usize {
        site.actors.len()
    }
    fn url(&self, site: &Site, n: usize) -> String {
        site.urls.actor(&site.actors[n].doc.id)
    }
    fn section(&self) -> &'static str {
        "actors"
    }
    fn meta(&self, site: &Site, n: usize) -> Meta {
        let doc = &site.actors[n].doc;
        let m = &doc.matter;
        let who = m.role.as_ref().map_or_else(|| m.name.clone(), |r| format!("{}, {r}", m.name));
        let image = site.images.value(&doc.path, m.image.as_ref(), Role::Portrait, &site.urls);
        Meta::titled(site, &m.name, format!("{who}: positions, quotes and sources."), "profile").pictured(image, false)
    }
    fn weight(&self, site: &Site, n: usize) -> usize {
        let n = ActorIx::new(n);
        let ix = &site.index;
        2 * ix.actor_positions[n].len()
            + ix.actor_briefings[n].len()
            + ix.actor_mentions[n].len()
            + body_weight(&site.actors[n].body)
    }
    fn lastmod(&self, site: &Site, n: usize) -> Option<String> {
        let n = ActorIx::new(n);
        newest(site, &site.index.actor_briefings[n])
    }
    fn pages(&self, site: &Site, n: usize) -> usize {
        page_count_of(site.config.positions_per_page, &lists(site, ActorIx::new(n)))
    }
    fn feed(&self, n: usize) -> Option<Feed> {
        let n = ActorIx::new(n);
        Some(Feed::Actor(n))
    }
    fn previewed(&self, site: &Site, n: usize, _page: usize) -> Vec<ActorIx> {
        let n = ActorIx::new(n);
        Graph::neighbours(site, n)
    }
    fn jsonld(&self, site: &Site, n: usize) -> Option<String> {
        let n = ActorIx::new(n);
        Some(jsonld::actor(site, n))
    }

    fn view(&self, ctx: &Ctx, i: usize, page: usize) -> Value {
        let url = self.url(ctx.site, i);
        let i = ActorIx::new(i);
        let site = ctx.site;
        let a = &site.actors[i];
        let ix = &site.index;
        let refs = ctx.refs;
        let [positions, ..] = lists(site, i);
        let per = site.config.positions_per_page;
        let shown = range(per, positions, page);
        let paginator = pager(&url, page, self.pages(site, i.get()), (positions, "position"), shown.clone());
        let briefings = |list: &[crate::resolve::BriefingIx]| {
            Refs::pick(&refs.briefings, list[range(per, list.len(), page)].iter().copied())
        };
        let first = page == 0;
        value(&View {
            actor: &refs.actors[i],
            body: if first { Body::of(ctx, Entity::Actor(i)) } else { Body::default() },
            aliases: &a.doc.matter.aliases,
            links: a.doc.matter.links.iter().map(|l| l.as_str()).collect(),
            affiliations: Refs::pick(&refs.actors, a.affiliations.iter().copied()),
            members: Refs::pick(
                &refs.actors,
                ix.actor_members[i][range(per, ix.actor_members[i].len(), page)].iter().copied(),
            ),
            histories: Grouped::new(site, &ix.actor_positions[i], By::Question).positions_in(ctx, shown),
            position_count: positions,
            briefings: briefings(&ix.actor_briefings[i]),
            mentions: briefings(&ix.actor_mentions[i]),
            companions: ix.actor_companions[i]
                .iter()
                .map(|&(c, count)| Companion { actor: &refs.actors[c], count })
                .collect(),
            network: if first { network::view(ctx, &Graph::neighbourhood(site, i), Some(i)) } else { Value::none() },
            extra: &a.doc.matter.extra,
            paginator,
        })
    }
}

/// The lengths of the lists an actor's page shows side by side: its
/// positions (first: the pager counts them), briefings, mentions, members.
fn lists(site: &Site, i: ActorIx) -> [usize; 4] {
    let ix = &site.index;
    [ix.actor_positions[i].len(), ix.actor_briefings[i].len(), ix.actor_mentions[i].len(), ix.actor_members[i].len()]
}

#[derive(Serialize)]
struct Companion<'a> {
    actor: &'a Value,
    count: usize,
}

#[derive(Serialize)]
struct View<'a> {
    actor: &'a Value,
    body: Body<'a>,
    aliases: &'a [String],
    links: Vec<&'a str>,
    affiliations: Vec<&'a Value>,
    members: Vec<&'a Value>,
    histories: Vec<History<'a>>,
    position_count: usize,
    briefings: Vec<&'a Value>,
    mentions: Vec<&'a Value>,
    companions: Vec<Companion<'a>>,
    network: Value,
    extra: &'a crate::content::model::Extra,
    paginator: Paginator,
}
