//! Drawing a card's SVG as a PNG: the only file that knows resvg. Only the
//! fonts compiled in are used, never the machine's, so a card's bytes are
//! the same on every machine.

use std::sync::{Arc, LazyLock};

use resvg::{tiny_skia, usvg};

/// Noto Sans and Noto Sans Arabic, regular and bold (SIL Open Font
/// License 1.1: `fonts/OFL.txt`).
const FONTS: &[&[u8]] = &[
    include_bytes!("fonts/NotoSans-Regular.ttf"),
    include_bytes!("fonts/NotoSans-Bold.ttf"),
    include_bytes!("fonts/NotoSansArabic-Regular.ttf"),
    include_bytes!("fonts/NotoSansArabic-Bold.ttf"),
];

/// The family templates name; `sans-serif` means it too.
pub(super) const FAMILY: &str = "Noto Sans";

static OPTIONS: LazyLock<usvg::Options<'static>> = LazyLock::new(|| {
    let mut fonts = usvg::fontdb::Database::new();
    for font in FONTS {
        fonts.load_font_data(font.to_vec());
    }
    fonts.set_sans_serif_family(FAMILY);
    let mut options = usvg::Options { font_family: FAMILY.into(), ..usvg::Options::default() };
    options.fontdb = Arc::new(fonts);
    // A card names no file: nothing outside the SVG is read.
    options.resources_dir = None;
    options
});

fn tree(svg: &str) -> Result<usvg::Tree, String> {
    usvg::Tree::from_str(svg, &OPTIONS).map_err(|e| format!("the card's SVG does not parse: {e}"))
}

/// The PNG of `svg`, at the size it says.
pub(super) fn png(svg: &str) -> Result<Vec<u8>, String> {
    let tree = tree(svg)?;
    let size = tree.size().to_int_size();
    if size.width() > 4096 || size.height() > 4096 {
        return Err(format!("a card of {}×{} pixels is too large (4096 at most)", size.width(), size.height()));
    }
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("the card has no size")?;
    // Drawn on white: a card is opaque, whatever its SVG leaves bare.
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    let rgb: Vec<u8> = pixmap.data().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    let mut out = Vec::with_capacity(64 * 1024);
    let mut encoder = png::Encoder::new(&mut out, size.width(), size.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Balanced);
    encoder.set_filter(png::Filter::Adaptive);
    let written = encoder.write_header().and_then(|mut w| w.write_image_data(&rgb));
    written.map_err(|e| format!("cannot encode the card: {e}"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The glyphs `text` is drawn with: font glyph ids, 0 for a missing one.
    fn glyphs(text: &str) -> Vec<u32> {
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="900" height="100"><text x="10" y="60" font-size="40" font-weight="700">{text}</text></svg>"#
        );
        let tree = tree(&svg).unwrap();
        let mut out = Vec::new();
        for node in tree.root().children() {
            if let usvg::Node::Text(t) = node {
                for span in t.layouted() {
                    out.extend(span.positioned_glyphs.iter().map(|g| g.id.0));
                }
            }
        }
        out
    }

    #[test]
    fn cyrillic_greek_and_arabic_titles_have_every_glyph() {
        for title in ["Двадцять шість країн", "Чи потрібні війська?", "Ελλάδα", "ستة وعشرون دولة تتعهد بإرسال قوات"]
        {
            let ids = glyphs(title);
            assert!(!ids.is_empty() && !ids.contains(&0), "{title}: {ids:?}");
        }
        // What the fonts lack shows as missing: the check can fail.
        let cjk = glyphs("日本");
        assert!(cjk.is_empty() || cjk.contains(&0), "{cjk:?}");
    }

    #[test]
    fn arabic_letters_are_joined() {
        // A letter alone and inside a word are different glyphs once shaped.
        let alone = glyphs("ب");
        let joined = glyphs("ببب");
        assert_eq!(joined.len(), 3);
        assert!(joined.iter().all(|g| *g != alone[0]), "{alone:?} {joined:?}");
    }

    #[test]
    fn the_same_card_is_the_same_bytes() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100"><rect width="300" height="100" fill="#eee"/><text x="10" y="60" font-size="30">Київ · كييف</text></svg>"##;
        let (a, b) = (png(svg).unwrap(), png(svg).unwrap());
        assert!(a.len() > 500 && a == b);
        assert!(png("<svg").is_err());
    }
}
