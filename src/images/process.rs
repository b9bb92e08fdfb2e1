//! Decoding, turning upright, resizing and encoding one picture: the only
//! file that knows the `image` and `webp` crates.
//!
//! Output is made from pixels alone, so nothing of the source's metadata
//! (EXIF, GPS position, XMP, comments, colour profiles) reaches it.

use std::io::Cursor;

use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// Sides longer than this are refused before decoding (WebP's own limit is
/// 16,383); so are pictures of more than [`MAX_PIXELS`].
pub(super) const MAX_SIDE: u32 = 16_383;
/// 80 megapixels: more than any camera a newsroom uses, far less than the
/// memory a decompression bomb would ask for.
pub(super) const MAX_PIXELS: u64 = 80_000_000;

/// The fallback format, for browsers without WebP: the source's family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fallback {
    /// Photographs (JPEG sources, opaque WebP).
    Jpeg,
    /// Graphics and anything with transparency.
    Png,
}

impl Fallback {
    /// The file extension.
    pub(super) fn ext(self) -> &'static str {
        match self {
            Fallback::Jpeg => "jpg",
            Fallback::Png => "png",
        }
    }

    /// Back from [`Fallback::ext`].
    pub(super) fn from_ext(ext: &str) -> Option<Self> {
        match ext {
            "jpg" => Some(Fallback::Jpeg),
            "png" => Some(Fallback::Png),
            _ => None,
        }
    }
}

/// One width of a picture, encoded twice.
pub(super) struct Encoded {
    /// Its size in pixels.
    pub(super) width: u32,
    /// Its height, in proportion.
    pub(super) height: u32,
    /// As WebP.
    pub(super) webp: Vec<u8>,
    /// As JPEG or PNG.
    pub(super) fallback: Vec<u8>,
}

/// A picture made ready to publish.
pub(super) struct Processed {
    /// The fallback's format.
    pub(super) fallback: Fallback,
    /// Narrowest first.
    pub(super) variants: Vec<Encoded>,
}

/// The widths a picture `width` pixels wide is published at: those of
/// `wanted` below its own width, and its own width when the largest wanted
/// is wider (never upscaled).
pub(super) fn widths_for(width: u32, wanted: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = wanted.iter().copied().filter(|&w| w < width).collect();
    let largest = wanted.iter().copied().max().unwrap_or(width);
    out.push(width.min(largest));
    out.sort_unstable();
    out.dedup();
    out
}

/// Decodes `bytes` (JPEG, PNG or WebP), turns it upright by its EXIF
/// orientation and encodes it at `widths` (see [`widths_for`]). Errors say
/// why in words for the writer.
pub(super) fn process(bytes: &[u8], widths: &[u32], quality: u8) -> Result<Processed, String> {
    let format = image::guess_format(bytes).map_err(|_| "this is not a picture dossier can read".to_string())?;
    let fallback = match format {
        ImageFormat::Jpeg => Fallback::Jpeg,
        ImageFormat::Png => Fallback::Png,
        ImageFormat::WebP => Fallback::Jpeg,
        other => {
            return Err(format!(
                "{} pictures are not processed: save it as JPEG, PNG, WebP or SVG",
                other.extensions_str().first().unwrap_or(&"these").to_uppercase()
            ));
        }
    };
    let mut image = decode(bytes, format)?;
    let alpha = image.color().has_alpha() && image.to_rgba8().pixels().any(|p| p.0[3] != 255);
    let fallback = if alpha { Fallback::Png } else { fallback };
    let lossless = format == ImageFormat::Png;
    image = if alpha { DynamicImage::ImageRgba8(image.to_rgba8()) } else { DynamicImage::ImageRgb8(image.to_rgb8()) };
    let (width, height) = (image.width(), image.height());
    let mut variants = Vec::new();
    // Widest first, each made from the one before: fewer pixels to filter.
    let mut from = image;
    for w in widths_for(width, widths).into_iter().rev() {
        let h = ((u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width)).max(1) as u32;
        let sized = if w == from.width() { from } else { from.resize_exact(w, h, FilterType::Lanczos3) };
        variants.push(Encoded {
            width: w,
            height: sized.height(),
            webp: webp(&sized, alpha, lossless, quality)?,
            fallback: encode(&sized, fallback, quality)?,
        });
        from = sized;
    }
    variants.reverse();
    Ok(Processed { fallback, variants })
}

/// What a picture's header says, without decoding it: its size upright,
/// and its file extension and MIME type. `None` for anything [`process`]
/// would refuse on the header alone (its error says why).
pub(super) fn header(bytes: &[u8]) -> Option<(u32, u32, &'static str, &'static str)> {
    let format = image::guess_format(bytes).ok()?;
    let (ext, mime) = match format {
        ImageFormat::Jpeg if jpeg_is_whole(bytes) => ("jpg", "image/jpeg"),
        ImageFormat::Png => ("png", "image/png"),
        ImageFormat::WebP => ("webp", "image/webp"),
        _ => return None,
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.no_limits();
    let mut decoder = reader.into_decoder().ok()?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return None;
    }
    use image::metadata::Orientation::{Rotate90, Rotate90FlipH, Rotate270, Rotate270FlipH};
    let turned = matches!(decoder.orientation().ok()?, Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH);
    let (w, h) = if turned { (h, w) } else { (w, h) };
    Some((w, h, ext, mime))
}

/// The picture's pixels, upright, within the limits.
fn decode(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, String> {
    if format == ImageFormat::Jpeg && !jpeg_is_whole(bytes) {
        return Err("the file is damaged or truncated: the JPEG has no end".into());
    }
    // The header is read without limits, so a refusal can name the size;
    // the limits are set before a single pixel is decoded.
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.no_limits();
    let mut decoder = reader.into_decoder().map_err(|e| broken(&e))?;
    let (w, h) = decoder.dimensions();
    if w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!(
            "the picture says it is {w}×{h} pixels, more than dossier decodes ({MAX_SIDE} pixels a side, {} megapixels): a decompression bomb, or a picture to make smaller first",
            MAX_PIXELS / 1_000_000
        ));
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    decoder.set_limits(limits).map_err(|e| broken(&e))?;
    let orientation = decoder.orientation().map_err(|e| broken(&e))?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| broken(&e))?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// Whether a JPEG has its end marker after its last scan: decoders fill a
/// cut-off file's missing rows with grey rather than fail. (Entropy-coded
/// data never holds `FF D9`; bytes after the marker are allowed.)
fn jpeg_is_whole(bytes: &[u8]) -> bool {
    let last_scan = bytes.windows(2).rposition(|w| w == [0xFF, 0xDA]).unwrap_or(0);
    bytes[last_scan..].windows(2).any(|w| w == [0xFF, 0xD9])
}

fn broken(e: &image::ImageError) -> String {
    match e {
        image::ImageError::Limits(_) => {
            format!("refused: {e} (a decompression bomb, or a picture to make smaller first)")
        }
        _ => format!("the file is damaged or truncated: {e}"),
    }
}

fn webp(image: &DynamicImage, alpha: bool, lossless: bool, quality: u8) -> Result<Vec<u8>, String> {
    let (w, h) = (image.width(), image.height());
    let encoder = match alpha {
        true => webp::Encoder::from_rgba(image.as_bytes(), w, h),
        false => webp::Encoder::from_rgb(image.as_bytes(), w, h),
    };
    let encoded =
        encoder.encode_simple(lossless, f32::from(quality)).map_err(|e| format!("cannot encode WebP: {e:?}"))?;
    Ok(encoded.to_vec())
}

fn encode(image: &DynamicImage, fallback: Fallback, quality: u8) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let result = match fallback {
        Fallback::Jpeg => image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality).encode_image(image),
        Fallback::Png => image.write_with_encoder(image::codecs::png::PngEncoder::new(&mut out)),
    };
    result.map_err(|e| format!("cannot encode {}: {e}", fallback.ext()))?;
    Ok(out)
}

/// The size an SVG says it is drawn at: `width` and `height` in pixels,
/// else its `viewBox`.
pub(super) fn svg_size(text: &str) -> Option<(u32, u32)> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let attr = |name: &str| {
        let at = tag.find(&format!(" {name}="))? + name.len() + 2;
        let quote = tag[at..].chars().next()?;
        let rest = &tag[at + 1..];
        Some(&rest[..rest.find(quote)?])
    };
    let number = |v: &str| v.trim().trim_end_matches("px").parse::<f64>().ok().filter(|n| *n > 0.0);
    if let (Some(w), Some(h)) = (attr("width").and_then(number), attr("height").and_then(number)) {
        return Some((w.round() as u32, h.round() as u32));
    }
    let view: Vec<f64> =
        attr("viewBox")?.split([' ', ',']).filter(|s| !s.is_empty()).filter_map(|s| s.parse().ok()).collect();
    match view[..] {
        [_, _, w, h] if w > 0.0 && h > 0.0 => Some((w.round().max(1.0) as u32, h.round().max(1.0) as u32)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_never_made_wider() {
        assert_eq!(widths_for(2000, &[480, 960, 1440]), [480, 960, 1440]);
        assert_eq!(widths_for(1000, &[480, 960, 1440]), [480, 960, 1000]);
        assert_eq!(widths_for(300, &[480, 960, 1440]), [300]);
        assert_eq!(widths_for(960, &[480, 960, 1440]), [480, 960]);
    }

    #[test]
    fn a_jpeg_cut_short_is_seen() {
        let whole = [0xFF, 0xD8, 0xFF, 0xDA, 1, 2, 0xFF, 0x00, 3, 0xFF, 0xD9, 0];
        assert!(jpeg_is_whole(&whole));
        assert!(!jpeg_is_whole(&whole[..9]));
    }

    #[test]
    fn svg_sizes_come_from_width_and_height_or_the_view_box() {
        assert_eq!(svg_size(r#"<?xml?><svg xmlns="x" width="120px" height='80'>"#), Some((120, 80)));
        assert_eq!(svg_size(r#"<svg viewBox="0 0 640 360" xmlns="x">"#), Some((640, 360)));
        assert_eq!(svg_size(r#"<svg width="100%" viewBox="0,0,10.4,20">"#), Some((10, 20)));
        assert_eq!(svg_size(r#"<svg xmlns="x">"#), None);
    }
}
