//! Drawing the network legibly: links bent around nodes they would pass
//! through, and labels placed clear of each other.

use super::{EDGE, HEIGHT, WIDTH};

/// How near a link may pass a node it does not join (node radius and a gap).
const CLEARANCE: f64 = 16.0;

/// The path of the link from node `i` to node `j`: a straight line, or a
/// curve bent away from the nearest other node the line would pass through.
pub(super) fn edge_path(points: &[(f64, f64)], i: usize, j: usize) -> String {
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
pub(super) struct Label {
    pub(super) x: f64,
    pub(super) y: f64,
    pub(super) anchor: &'static str,
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
pub(super) fn place_labels(points: &[(f64, f64)], widths: &[f64], center: Option<usize>) -> Vec<Label> {
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
pub(super) fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
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
