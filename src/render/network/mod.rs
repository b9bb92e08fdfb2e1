//! The actor network, laid out at build time for an SVG that needs no
//! script: actors linked by affiliation and by appearing in the same
//! briefings.
//!
//! Two views: an actor's neighbourhood (on its page), drawn radially with
//! the actor in the middle; and the overview (on `/actors/`), the most
//! involved actors placed by a force-directed layout. Both are
//! deterministic: nodes are taken in the site's order, the layout starts
//! from fixed points and runs a fixed number of steps, and coordinates are
//! rounded, so the same content gives the same picture.

use std::collections::HashMap;

use serde::Serialize;
use tera::Value;

mod draw;
mod layout;

use super::views::{Ctx, value};
use crate::resolve::{ActorIx, Site, ix};
use draw::{edge_path, place_labels, round};
use layout::layout;

/// Most actors the overview draws, and most neighbours an actor page draws.
pub(super) const OVERVIEW_ACTORS: usize = 30;
pub(super) const NEIGHBOURS: usize = 12;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 480.0;
/// Room for labels around the drawing.
const MARGIN: f64 = 90.0;
/// Labels keep this far from the picture's sides.
const EDGE: f64 = 6.0;
/// A generous width of one character of a label (bold, 14 units).
const LABEL_CHAR: f64 = 8.5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum Link {
    /// One actor lists the other among its affiliations (`from` → `to`).
    Affiliation,
    /// The two appear in the same briefings.
    Together,
}

/// Actors (by index in the site) and the links between them (by place in
/// `nodes`), each link once.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Graph {
    pub nodes: Vec<ActorIx>,
    /// `(from, to, link, briefings together)`, sorted.
    pub edges: Vec<(usize, usize, Link, usize)>,
}

impl Graph {
    /// `actors` (sorted, no repeats), every affiliation among them, and
    /// the briefings shared by pairs (by place in `actors`).
    fn with_links(
        site: &Site,
        actors: Vec<ActorIx>,
        place: &HashMap<ActorIx, usize>,
        together: Vec<((usize, usize), usize)>,
    ) -> Graph {
        let mut edges = Vec::new();
        for (i, &a) in actors.iter().enumerate() {
            for org in &site.actors[a].affiliations {
                if let Some(&j) = place.get(org) {
                    edges.push((i, j, Link::Affiliation, 0));
                }
            }
        }
        for ((i, j), count) in together {
            // An affiliation already links the pair: note the count on it.
            match edges.iter_mut().find(|e| (e.0 == i && e.1 == j) || (e.0 == j && e.1 == i)) {
                Some(e) => e.3 = count,
                None => edges.push((i, j, Link::Together, count)),
            }
        }
        edges.sort_unstable();
        Graph { nodes: actors, edges }
    }

    /// Actor `a` and its neighbours, sorted: its affiliations, its members
    /// and the actors it appears with most, at most [`NEIGHBOURS`] besides
    /// itself; empty when it has none.
    pub(super) fn neighbours(site: &Site, a: ActorIx) -> Vec<ActorIx> {
        let ix = &site.index;
        let mut near: Vec<ActorIx> = Vec::new();
        let related = site.actors[a].affiliations.iter().chain(&ix.actor_members[a]);
        for &n in related.chain(ix.actor_companions[a].iter().map(|(c, _)| c)) {
            if n != a && !near.contains(&n) && near.len() < NEIGHBOURS {
                near.push(n);
            }
        }
        if !near.is_empty() {
            near.push(a);
            near.sort_unstable();
        }
        near
    }

    /// [`Graph::neighbours`] and their links. Shared briefings come from
    /// each actor's list of those it appears with most (the index keeps
    /// it), so drawing a page costs a few dozen lookups however busy its
    /// actors are.
    pub(super) fn neighbourhood(site: &Site, a: ActorIx) -> Graph {
        let nodes = Graph::neighbours(site, a);
        let place: HashMap<ActorIx, usize> = nodes.iter().enumerate().map(|(i, &n)| (n, i)).collect();
        let mut together: HashMap<(usize, usize), usize> = HashMap::new();
        for (i, &n) in nodes.iter().enumerate() {
            for &(other, count) in &site.index.actor_companions[n] {
                if let Some(&j) = place.get(&other) {
                    together.insert((i.min(j), i.max(j)), count);
                }
            }
        }
        let mut together: Vec<_> = together.into_iter().collect();
        together.sort_unstable();
        Graph::with_links(site, nodes, &place, together)
    }

    /// The actors in the most briefings, at most [`OVERVIEW_ACTORS`].
    pub(super) fn overview(site: &Site) -> Graph {
        let ix = &site.index;
        let mut actors: Vec<ActorIx> = ix::all(site.actors.len())
            .filter(|&a| !ix.actor_briefings[a].is_empty() || !site.actors[a].affiliations.is_empty())
            .collect();
        actors.sort_by_key(|&a| (std::cmp::Reverse(ix.actor_briefings[a].len()), a));
        actors.truncate(OVERVIEW_ACTORS);
        actors.sort_unstable();
        let place: HashMap<ActorIx, usize> = actors.iter().enumerate().map(|(i, &a)| (a, i)).collect();
        let together = together(site, &actors, &place);
        Graph::with_links(site, actors, &place, together)
    }
}

/// How many briefings each pair of `actors` shares, walking each actor's
/// briefings once; a pair is counted from the side in fewer briefings (so
/// once). For the overview only: one page.
fn together(site: &Site, actors: &[ActorIx], place: &HashMap<ActorIx, usize>) -> Vec<((usize, usize), usize)> {
    let ix = &site.index;
    let weight = |a: ActorIx| (ix.actor_briefings[a].len(), a);
    let mut counts: HashMap<(usize, usize), usize> = HashMap::new();
    for (i, &a) in actors.iter().enumerate() {
        for &b in &ix.actor_briefings[a] {
            for &other in &site.briefings[b].actors {
                if let Some(&j) = place.get(&other).filter(|_| weight(a) < weight(other)) {
                    *counts.entry((i.min(j), i.max(j))).or_default() += 1;
                }
            }
        }
    }
    let mut list: Vec<_> = counts.into_iter().collect();
    list.sort_unstable();
    list
}

#[derive(Serialize)]
struct NodeView {
    actor: Value,
    kind: &'static str,
    x: f64,
    y: f64,
    /// Where the label goes, and which way it reads from there.
    label_x: f64,
    label_y: f64,
    anchor: &'static str,
    center: bool,
}

#[derive(Serialize)]
struct EdgeView {
    from: Value,
    to: Value,
    link: Link,
    /// Briefings the two share.
    count: usize,
    x1: f64,
    y1: f64,
    x2: f64,
    y2: f64,
    /// The SVG path: straight, or bent around a node it would pass through
    /// (it would read as that node's link).
    d: String,
    /// Stroke width: grows with the briefings shared, within bounds.
    width: f64,
}

#[derive(Serialize)]
struct NetworkView {
    width: f64,
    height: f64,
    nodes: Vec<NodeView>,
    edges: Vec<EdgeView>,
}

/// The template data for `graph` (empty when it has no links).
pub(super) fn view(ctx: &Ctx, graph: &Graph, center: Option<ActorIx>) -> Value {
    if graph.edges.is_empty() {
        return Value::none();
    }
    let center = center.and_then(|a| graph.nodes.iter().position(|&n| n == a));
    let points = layout(graph, center);
    let widths: Vec<f64> =
        graph.nodes.iter().map(|&a| LABEL_CHAR * ctx.site.actors[a].doc.matter.name.chars().count() as f64).collect();
    let labels = place_labels(&points, &widths, center);
    let nodes = graph
        .nodes
        .iter()
        .zip(points.iter().zip(labels))
        .enumerate()
        .map(|(i, (&a, (&(x, y), label)))| NodeView {
            actor: ctx.refs.actors[a].clone(),
            kind: ctx.site.actors[a].doc.matter.kind.map_or("other", |k| k.as_str()),
            x: round(x),
            y: round(y),
            label_x: round(label.x),
            label_y: round(label.y),
            anchor: label.anchor,
            center: Some(i) == center,
        })
        .collect();
    let edges = graph
        .edges
        .iter()
        .map(|&(i, j, link, count)| EdgeView {
            from: ctx.refs.actors[graph.nodes[i]].clone(),
            to: ctx.refs.actors[graph.nodes[j]].clone(),
            link,
            count,
            x1: round(points[i].0),
            y1: round(points[i].1),
            x2: round(points[j].0),
            y2: round(points[j].1),
            d: edge_path(&points, i, j),
            width: round(1.0 + (count as f64).ln_1p().min(3.0)),
        })
        .collect();
    value(&NetworkView { width: WIDTH, height: HEIGHT, nodes, edges })
}
