//! Where the network's nodes go: a ring around the actor in the middle,
//! or a force-directed layout for the overview.

use super::{Graph, HEIGHT, Link, MARGIN, WIDTH};

/// Points for `graph`'s nodes in a `WIDTH`×`HEIGHT` box. With `center`,
/// that node sits in the middle and the others on a ring around it;
/// without, a force-directed layout (Fruchterman–Reingold) from a circle.
pub(super) fn layout(graph: &Graph, center: Option<usize>) -> Vec<(f64, f64)> {
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
    for step in 0..STEPS {
        let temperature = rx * 0.1 * (1.0 - step as f64 / STEPS as f64) + 1.0;
        force_step(&mut pos, &graph.edges, k, (rx, ry), temperature);
    }
    fit(&pos)
}

/// Steps of the force-directed layout.
const STEPS: usize = 200;

/// One step of Fruchterman–Reingold: every pair repels, linked nodes
/// attract, all are pulled to the middle; no node moves further than
/// `temperature`. `(rx, ry)`: the half-sizes of the box.
fn force_step(
    pos: &mut [(f64, f64)],
    edges: &[(usize, usize, Link, usize)],
    k: f64,
    (rx, ry): (f64, f64),
    temperature: f64,
) {
    let n = pos.len();
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
    for &(i, j, _, _) in edges {
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
    for i in 0..n {
        let (sx, sy) = shift[i];
        let length = (sx * sx + sy * sy).sqrt().max(1e-9);
        let moved = length.min(temperature);
        pos[i].0 += sx / length * moved;
        pos[i].1 += sy / length * moved;
    }
}

/// The points scaled into the box, inside its margins.
fn fit(pos: &[(f64, f64)]) -> Vec<(f64, f64)> {
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
