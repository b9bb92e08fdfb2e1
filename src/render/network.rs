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

use super::views::{Ctx, value};
use crate::resolve::Site;

/// Most actors the overview draws, and most neighbours an actor page draws.
pub const OVERVIEW_ACTORS: usize = 30;
pub const NEIGHBOURS: usize = 12;

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
pub enum Link {
    /// One actor lists the other among its affiliations (`from` → `to`).
    Affiliation,
    /// The two appear in the same briefings.
    Together,
}

/// Actors (by index in the site) and the links between them (by place in
/// `nodes`), each link once.
#[derive(Debug, Default, PartialEq)]
pub struct Graph {
    pub nodes: Vec<usize>,
    /// `(from, to, link, briefings together)`, sorted.
    pub edges: Vec<(usize, usize, Link, usize)>,
}

impl Graph {
    /// `actors` (sorted, no repeats), every affiliation among them, and
    /// the briefings shared by pairs (by place in `actors`).
    fn with_links(
        site: &Site,
        actors: Vec<usize>,
        place: &HashMap<usize, usize>,
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
    pub fn neighbours(site: &Site, a: usize) -> Vec<usize> {
        let ix = &site.index;
        let mut near: Vec<usize> = Vec::new();
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
    pub fn neighbourhood(site: &Site, a: usize) -> Graph {
        let nodes = Graph::neighbours(site, a);
        let place: HashMap<usize, usize> = nodes.iter().enumerate().map(|(i, &n)| (n, i)).collect();
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
    pub fn overview(site: &Site) -> Graph {
        let ix = &site.index;
        let mut actors: Vec<usize> = (0..site.actors.len())
            .filter(|&a| !ix.actor_briefings[a].is_empty() || !site.actors[a].affiliations.is_empty())
            .collect();
        actors.sort_by_key(|&a| (std::cmp::Reverse(ix.actor_briefings[a].len()), a));
        actors.truncate(OVERVIEW_ACTORS);
        actors.sort_unstable();
        let place: HashMap<usize, usize> = actors.iter().enumerate().map(|(i, &a)| (a, i)).collect();
        let together = together(site, &actors, &place);
        Graph::with_links(site, actors, &place, together)
    }
}

/// How many briefings each pair of `actors` shares, walking each actor's
/// briefings once; a pair is counted from the side in fewer briefings (so
/// once). For the overview only: one page.
fn together(site: &Site, actors: &[usize], place: &HashMap<usize, usize>) -> Vec<((usize, usize), usize)> {
    let ix = &site.index;
    let weight = |a: usize| (ix.actor_briefings[a].len(), a);
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

/// Points for `graph`'s nodes in a `WIDTH`×`HEIGHT` box. With `center`,
/// that node sits in the middle and the others on a ring around it;
/// without, a force-directed layout (Fruchterman–Reingold) from a circle.
pub fn layout(graph: &Graph, center: Option<usize>) -> Vec<(f64, f64)> {
    let n = graph.nodes.len();
    let (cx, cy) = (WIDTH / 2.0, HEIGHT / 2.0);
    let ring = |i: usize, count: usize| {
        let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / count as f64;
        (angle.cos(), angle.sin())
    };
    let (rx, ry) = (cx - MARGIN, cy - MARGIN / 2.0);
    if let Some(c) = center {
        let others = n - 1;
        return (0..n)
            .map(|i| match i.cmp(&c) {
                std::cmp::Ordering::Equal => (cx, cy),
                order => {
                    let k = if order == std::cmp::Ordering::Less { i } else { i - 1 };
                    let (x, y) = ring(k, others);
                    (cx + rx * x, cy + ry * y)
                }
            })
            .collect();
    }
    let mut pos: Vec<(f64, f64)> = (0..n).map(|i| ring(i, n.max(1))).map(|(x, y)| (x * rx, y * ry)).collect();
    let k = ((2.0 * rx) * (2.0 * ry) / n.max(1) as f64).sqrt() * 0.8;
    let steps = 200;
    for step in 0..steps {
        let mut shift = vec![(0.0f64, 0.0f64); n];
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d = (dx * dx + dy * dy).sqrt().max(1.0);
                let f = k * k / d;
                shift[i].0 += dx / d * f;
                shift[i].1 += dy / d * f;
                shift[j].0 -= dx / d * f;
                shift[j].1 -= dy / d * f;
            }
        }
        for &(i, j, _, _) in &graph.edges {
            let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
            let d = (dx * dx + dy * dy).sqrt().max(1.0);
            let f = d * d / k;
            shift[i].0 -= dx / d * f;
            shift[i].1 -= dy / d * f;
            shift[j].0 += dx / d * f;
            shift[j].1 += dy / d * f;
        }
        // Pull towards the middle, so unlinked actors stay in the picture.
        let gravity = 0.5 * k;
        for i in 0..n {
            shift[i].0 -= pos[i].0 * gravity / rx.max(1.0);
            shift[i].1 -= pos[i].1 * gravity / ry.max(1.0);
        }
        let temperature = rx * 0.1 * (1.0 - step as f64 / steps as f64) + 1.0;
        for i in 0..n {
            let (sx, sy) = shift[i];
            let length = (sx * sx + sy * sy).sqrt().max(1e-9);
            let moved = length.min(temperature);
            pos[i].0 += sx / length * moved;
            pos[i].1 += sy / length * moved;
        }
    }
    // Fit the result into the box.
    let (min_x, max_x) = pos.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| (lo.min(p.0), hi.max(p.0)));
    let (min_y, max_y) = pos.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| (lo.min(p.1), hi.max(p.1)));
    let scale = |v: f64, lo: f64, hi: f64, from: f64, to: f64| {
        if hi - lo < 1e-6 { (from + to) / 2.0 } else { from + (v - lo) / (hi - lo) * (to - from) }
    };
    pos.iter()
        .map(|&(x, y)| {
            (
                scale(x, min_x, max_x, MARGIN, WIDTH - MARGIN),
                scale(y, min_y, max_y, MARGIN / 2.0, HEIGHT - MARGIN / 2.0),
            )
        })
        .collect()
}

/// How near a link may pass a node it does not join (node radius and a gap).
const CLEARANCE: f64 = 16.0;

/// The path of the link from node `i` to node `j`: a straight line, or a
/// curve bent away from the nearest other node the line would pass through.
fn edge_path(points: &[(f64, f64)], i: usize, j: usize) -> String {
    let ((x1, y1), (x2, y2)) = (points[i], points[j]);
    let (dx, dy) = (x2 - x1, y2 - y1);
    let length = (dx * dx + dy * dy).sqrt().max(1e-9);
    // The nearest node lying along the line, between its ends: its signed
    // distance from the line.
    let blocking = (0..points.len())
        .filter(|&k| k != i && k != j)
        .filter_map(|k| {
            let (px, py) = (points[k].0 - x1, points[k].1 - y1);
            let along = (px * dx + py * dy) / length;
            let side = (dx * py - dy * px) / length;
            (along > 0.0 && along < length && side.abs() < CLEARANCE).then_some(side)
        })
        .min_by(|a, b| a.abs().total_cmp(&b.abs()));
    let (a, b) = (format!("{},{}", round(x1), round(y1)), format!("{},{}", round(x2), round(y2)));
    match blocking {
        None => format!("M{a} L{b}"),
        Some(side) => {
            // A quadratic curve's middle lies halfway to its control point:
            // put that middle clear of the node, on the line's other side.
            let away = if side >= 0.0 { -1.0 } else { 1.0 };
            let bend = 2.0 * (CLEARANCE + side.abs()) * away;
            let (nx, ny) = (-dy / length, dx / length);
            let (cx, cy) = ((x1 + x2) / 2.0 + nx * bend, (y1 + y2) / 2.0 + ny * bend);
            format!("M{a} Q{},{} {b}", round(cx), round(cy))
        }
    }
}

/// Where a node's label goes: the point and which way the text reads.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Label {
    x: f64,
    y: f64,
    anchor: &'static str,
}

impl Label {
    /// The box the text takes (left, top, right, bottom), for text `w` wide.
    fn bounds(self, w: f64) -> (f64, f64, f64, f64) {
        let left = match self.anchor {
            "start" => self.x,
            "end" => self.x - w,
            _ => self.x - w / 2.0,
        };
        (left, self.y - 13.0, left + w, self.y + 4.0)
    }
}

/// Labels for nodes at `points` whose names are `widths` wide: outside the
/// node, away from the middle, inside the picture, and clear of the labels
/// placed before (the centre's first): where the first choice overlaps one,
/// the other sides of the node are tried, then rows below it.
fn place_labels(points: &[(f64, f64)], widths: &[f64], center: Option<usize>) -> Vec<Label> {
    let (cx, cy) = (WIDTH / 2.0, HEIGHT / 2.0);
    let fit = |label: Label, w: f64| -> Label {
        // Keep the label inside the picture: flip it to the node's other
        // side, or slide a centred one, when it would run out.
        match label.anchor {
            "start" if label.x + w > WIDTH - EDGE => Label { anchor: "end", x: label.x - 28.0, ..label },
            "end" if label.x - w < EDGE => Label { anchor: "start", x: label.x + 28.0, ..label },
            "middle" => {
                Label { x: label.x.clamp(EDGE + w / 2.0, (WIDTH - EDGE - w / 2.0).max(EDGE + w / 2.0)), ..label }
            }
            _ => label,
        }
    };
    let candidates = |i: usize| -> Vec<Label> {
        let (x, y) = points[i];
        let beside = |anchor| Label { x: if anchor == "start" { x + 14.0 } else { x - 14.0 }, y: y + 5.0, anchor };
        let (below, above) = (Label { x, y: y + 26.0, anchor: "middle" }, Label { x, y: y - 16.0, anchor: "middle" });
        let mut first = match x - cx {
            _ if Some(i) == center => vec![below],
            d if d > 1.0 => vec![beside("start"), below, above, beside("end")],
            d if d < -1.0 => vec![beside("end"), below, above, beside("start")],
            _ if y <= cy => vec![above, below, beside("start"), beside("end")],
            _ => vec![below, above, beside("start"), beside("end")],
        };
        first.extend((1..4).map(|row| Label { y: y + 26.0 + 16.0 * row as f64, ..below }));
        first
    };
    let overlaps = |a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)| a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by_key(|&i| Some(i) != center);
    let mut placed: Vec<(usize, Label)> = Vec::with_capacity(points.len());
    for i in order {
        let options: Vec<Label> = candidates(i).into_iter().map(|l| fit(l, widths[i])).collect();
        let clear = options.iter().copied().find(|l| {
            let b = l.bounds(widths[i]);
            placed.iter().all(|&(k, other)| !overlaps(b, other.bounds(widths[k])))
        });
        placed.push((i, clear.unwrap_or(options[0])));
    }
    placed.sort_by_key(|&(i, _)| i);
    placed.into_iter().map(|(_, l)| l).collect()
}

/// One decimal: enough for a picture, and stable.
fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
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
pub fn view(ctx: &Ctx, graph: &Graph, center: Option<usize>) -> Value {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_that_would_pass_through_a_node_bends_around_it() {
        let points = [(100.0, 100.0), (300.0, 104.0), (500.0, 100.0), (300.0, 300.0)];
        assert_eq!(edge_path(&points, 0, 3), "M100,100 L300,300");
        let d = edge_path(&points, 0, 2);
        let control: Vec<f64> = d.split(['Q', ' ']).nth(2).unwrap().split(',').map(|v| v.parse().unwrap()).collect();
        // The node sits 4 below the line: the curve's middle (halfway to the
        // control point) passes above it, clear by the full margin.
        let middle_y = (100.0 + control[1]) / 2.0;
        assert!(d.starts_with("M100,100 Q") && middle_y <= 104.0 - CLEARANCE, "{d}");
    }

    #[test]
    fn labels_that_would_overlap_take_another_side() {
        // Two nodes side by side right of the middle: both labels would
        // start beside their node, the first over the second.
        let points = [(500.0, 200.0), (540.0, 202.0), (200.0, 400.0)];
        let widths = [120.0, 120.0, 60.0];
        let labels = place_labels(&points, &widths, None);
        let b: Vec<_> = labels.iter().zip(widths).map(|(l, w)| l.bounds(w)).collect();
        let apart =
            |a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)| a.2 <= b.0 || b.2 <= a.0 || a.3 <= b.1 || b.3 <= a.1;
        assert!(apart(b[0], b[1]) && apart(b[0], b[2]) && apart(b[1], b[2]), "{labels:?}");
        assert_eq!(labels[0], Label { x: 514.0, y: 205.0, anchor: "start" }, "the first keeps its first choice");
        assert!(labels.iter().all(|l| l.bounds(120.0).0 >= 0.0 && l.bounds(120.0).2 <= WIDTH), "{labels:?}");
    }
}
