//! An actor's page: who it is, its positions grouped by question, the
//! briefings it is in, who it appears with, and its network.

use serde::Serialize;
use tera::Value;

use super::Feed;
use super::history::{By, History, histories, positions};
use super::{Body, Meta, PageKind, body_weight, newest};
use crate::render::jsonld;
use crate::render::network::{self, Graph};
use crate::render::views::{Ctx, Refs, value};
use crate::resolve::{ActorIx, Ix, Site};

pub(super) struct Actor;

impl PageKind for Actor {
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
        let m = &site.actors[n].doc.matter;
        let who = m.role.as_ref().map_or_else(|| m.name.clone(), |r| format!("{}, {r}", m.name));
        Meta::titled(site, &m.name, format!("{who}: positions, quotes and sources."), "profile")
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
    fn feed(&self, n: usize) -> Option<Feed> {
        let n = ActorIx::new(n);
        Some(Feed::Actor(n))
    }
    fn previewed(&self, site: &Site, n: usize) -> Vec<ActorIx> {
        let n = ActorIx::new(n);
        Graph::neighbours(site, n)
    }
    fn jsonld(&self, site: &Site, n: usize) -> Option<String> {
        let n = ActorIx::new(n);
        Some(jsonld::actor(site, n))
    }

    fn view(&self, ctx: &Ctx, i: usize, _page: usize) -> Value {
        let i = ActorIx::new(i);
        let a = &ctx.site.actors[i];
        let ix = &ctx.site.index;
        let refs = ctx.refs;
        let graph = Graph::neighbourhood(ctx.site, i);
        let positions = positions(ctx, &ix.actor_positions[i]);
        value(&View {
            actor: &refs.actors[i],
            body: Body::from(&a.body),
            aliases: &a.doc.matter.aliases,
            links: a.doc.matter.links.iter().map(|l| l.as_str()).collect(),
            affiliations: Refs::pick(&refs.actors, a.affiliations.iter().copied()),
            members: Refs::pick(&refs.actors, ix.actor_members[i].iter().copied()),
            histories: histories(ctx, &ix.actor_positions[i], &positions, By::Question),
            position_count: ix.actor_positions[i].len(),
            briefings: Refs::pick(&refs.briefings, ix.actor_briefings[i].iter().copied()),
            mentions: Refs::pick(&refs.briefings, ix.actor_mentions[i].iter().copied()),
            companions: ix.actor_companions[i]
                .iter()
                .map(|&(c, count)| Companion { actor: &refs.actors[c], count })
                .collect(),
            network: network::view(ctx, &graph, Some(i)),
            extra: &a.doc.matter.extra,
        })
    }
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
}
