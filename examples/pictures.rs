//! Draws the example site's pictures: `cargo run --example pictures`.
//!
//! Every picture in `content/` and `assets/` is made here from code, so the
//! site owns them outright: they are dedicated to the public domain (CC0),
//! like this file. Flags are drawn from their public specifications.

use std::f64::consts::PI;
use std::path::Path;

use image::{Rgb, RgbImage};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let save = |rel: &str, img: &RgbImage| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        img.save(&path).unwrap();
        println!("wrote {rel}");
    };
    save("content/briefings/coalition-pledges-troops/pledges.png", &pledges());
    save("assets/contrails.jpg", &contrails());
    save("assets/one-day-apart.png", &day_apart());
    save("assets/flags/france.png", &stripes(&[[0, 85, 164], [255, 255, 255], [239, 65, 53]], true));
    save("assets/flags/ukraine.png", &stripes(&[[0, 87, 183], [255, 215, 0]], false));
    save("assets/flags/russia.png", &stripes(&[[255, 255, 255], [0, 57, 166], [213, 43, 30]], false));
    std::fs::write(root.join("assets/flags/european-union.svg"), eu_flag()).unwrap();
    println!("wrote assets/flags/european-union.svg");
}

/// 35 circles, one per country at the Paris summit; the 26 that pledged
/// troops filled.
fn pledges() -> RgbImage {
    let (w, h) = (1600, 800);
    let mut img = RgbImage::from_pixel(w, h, Rgb([246, 244, 238]));
    let (cols, rows, cell) = (7u32, 5u32, 150.0);
    let (x0, y0) = ((w as f64 - cols as f64 * cell) / 2.0, (h as f64 - rows as f64 * cell) / 2.0);
    for i in 0..35u32 {
        let (cx, cy) = (x0 + (i % cols) as f64 * cell + cell / 2.0, y0 + (i / cols) as f64 * cell + cell / 2.0);
        let pledged = i < 26;
        disc(&mut img, cx, cy, 56.0, if pledged { Rgb([26, 79, 156]) } else { Rgb([200, 196, 186]) });
        if !pledged {
            disc(&mut img, cx, cy, 48.0, Rgb([246, 244, 238]));
        }
    }
    img
}

/// A sky at dusk crossed by the trails of aircraft.
fn contrails() -> RgbImage {
    let (w, h) = (2400, 1350);
    let mut img = RgbImage::from_fn(w, h, |x, y| {
        let t = y as f64 / h as f64;
        let glow = (-((x as f64 / w as f64 - 0.7).powi(2)) * 6.0).exp() * t;
        let r = 30.0 + 150.0 * t + 60.0 * glow;
        let g = 60.0 + 100.0 * t + 30.0 * glow;
        let b = 120.0 + 60.0 * (1.0 - t);
        Rgb([r.min(255.0) as u8, g.min(255.0) as u8, b.min(255.0) as u8])
    });
    for (x1, y1, x2, y2) in
        [(-100.0, 900.0, 2500.0, 250.0), (300.0, 1400.0, 2000.0, -50.0), (-50.0, 400.0, 2450.0, 520.0)]
    {
        let steps = 4000;
        for s in 0..steps {
            let t = s as f64 / steps as f64;
            let (cx, cy) = (x1 + (x2 - x1) * t, y1 + (y2 - y1) * t);
            blend_disc(&mut img, cx, cy, 4.0 + 10.0 * t, 0.08);
        }
    }
    img
}

/// A timeline of two days: a mark for the Paris summit (blue), one for
/// the answer from Vladivostok (red) a day later, an arc between them.
fn day_apart() -> RgbImage {
    let (w, h) = (1600, 600);
    let paper = Rgb([246, 244, 238]);
    let mut img = RgbImage::from_pixel(w, h, paper);
    let (left, right, axis) = (200.0, 1400.0, 420.0);
    for x in (left as u32 - 80)..(right as u32 + 80) {
        for y in (axis as u32 - 3)..(axis as u32 + 3) {
            img.put_pixel(x, y, Rgb([120, 116, 108]));
        }
    }
    // A tick at midnight between the two days.
    let midnight = ((left + right) / 2.0) as u32;
    for y in (axis as u32 - 24)..(axis as u32 + 24) {
        for x in midnight - 2..midnight + 2 {
            img.put_pixel(x, y, Rgb([120, 116, 108]));
        }
    }
    let steps = 3000;
    for s in 0..=steps {
        let t = s as f64 / steps as f64;
        let x = left + (right - left) * t;
        let y = axis - 300.0 * (std::f64::consts::PI * t).sin();
        disc(&mut img, x, y, 5.0, Rgb([92, 88, 82]));
    }
    disc(&mut img, left, axis, 44.0, Rgb([26, 79, 156]));
    disc(&mut img, right, axis, 44.0, Rgb([163, 38, 27]));
    img
}

/// A flag of equal stripes, 3:2: vertical or horizontal.
fn stripes(colours: &[[u8; 3]], vertical: bool) -> RgbImage {
    let (w, h) = (600u32, 400u32);
    let n = colours.len() as u32;
    RgbImage::from_fn(w, h, |x, y| {
        let i = if vertical { x * n / w } else { y * n / h };
        Rgb(colours[i as usize])
    })
}

/// The flag of Europe: twelve gold stars in a circle on blue, 3:2.
fn eu_flag() -> String {
    let mut stars = String::new();
    for k in 0..12 {
        let a = k as f64 * PI / 6.0;
        let (cx, cy) = (150.0 + 66.67 * a.sin(), 100.0 - 66.67 * a.cos());
        let points: Vec<String> = (0..10)
            .map(|i| {
                let r = if i % 2 == 0 { 11.11 } else { 11.11 * 0.382 };
                let t = i as f64 * PI / 5.0;
                format!("{:.2},{:.2}", cx + r * t.sin(), cy - r * t.cos())
            })
            .collect();
        stars.push_str(&format!("<polygon points=\"{}\"/>", points.join(" ")));
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 200\" width=\"300\" height=\"200\">\
<rect width=\"300\" height=\"200\" fill=\"#003399\"/><g fill=\"#ffcc00\">{stars}</g></svg>\n"
    )
}

fn disc(img: &mut RgbImage, cx: f64, cy: f64, r: f64, colour: Rgb<u8>) {
    for y in (cy - r).max(0.0) as u32..((cy + r) as u32).min(img.height()) {
        for x in (cx - r).max(0.0) as u32..((cx + r) as u32).min(img.width()) {
            if (x as f64 - cx).powi(2) + (y as f64 - cy).powi(2) <= r * r {
                img.put_pixel(x, y, colour);
            }
        }
    }
}

fn blend_disc(img: &mut RgbImage, cx: f64, cy: f64, r: f64, alpha: f64) {
    for y in (cy - r).max(0.0) as u32..((cy + r).max(0.0) as u32).min(img.height()) {
        for x in (cx - r).max(0.0) as u32..((cx + r).max(0.0) as u32).min(img.width()) {
            if (x as f64 - cx).powi(2) + (y as f64 - cy).powi(2) <= r * r {
                let p = img.get_pixel_mut(x, y);
                for c in 0..3 {
                    p.0[c] = (p.0[c] as f64 * (1.0 - alpha) + 255.0 * alpha) as u8;
                }
            }
        }
    }
}
