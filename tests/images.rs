//! Pictures: found beside the file or in `assets/`, turned upright,
//! stripped of every piece of metadata, published at the promised widths
//! and formats, cached between builds; and refused, with file and reason,
//! when missing, damaged, too large or without alt text.

mod common;

use std::io::Cursor;
use std::path::Path;

use common::{TestSite, assert_ok, attr_values, stderr};
use image::{ImageEncoder, Rgb, RgbImage};

/// A JPEG `w`×`h`, left half red and right half blue, whose EXIF says to
/// turn it by `orientation` and where it was taken.
fn jpeg_with_exif(w: u32, h: u32, orientation: u16) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, _| if x < w / 2 { Rgb([220, 20, 20]) } else { Rgb([20, 20, 220]) });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90).encode_image(&img).unwrap();
    // TIFF, little-endian: IFD0 (Orientation, GPS pointer), then the GPS
    // IFD (latitude reference "N" and a latitude).
    let mut tiff: Vec<u8> = b"II*\0".to_vec();
    tiff.extend(8u32.to_le_bytes());
    let entry = |tag: u16, kind: u16, count: u32, value: u32| {
        let mut e = tag.to_le_bytes().to_vec();
        e.extend(kind.to_le_bytes());
        e.extend(count.to_le_bytes());
        e.extend(value.to_le_bytes());
        e
    };
    let gps_at = 8 + 2 + 2 * 12 + 4;
    tiff.extend(2u16.to_le_bytes());
    tiff.extend(entry(0x0112, 3, 1, u32::from(orientation)));
    tiff.extend(entry(0x8825, 4, 1, gps_at));
    tiff.extend(0u32.to_le_bytes());
    let rational_at = gps_at + 2 + 2 * 12 + 4;
    tiff.extend(2u16.to_le_bytes());
    tiff.extend(entry(0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0")));
    tiff.extend(entry(0x0002, 5, 3, rational_at));
    tiff.extend(0u32.to_le_bytes());
    for (n, d) in [(48u32, 1u32), (51, 1), (0, 1)] {
        tiff.extend(n.to_le_bytes());
        tiff.extend(d.to_le_bytes());
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 128]));
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out).write_image(&img, w, h, image::ExtendedColorType::Rgb8).unwrap();
    out
}

/// A PNG whose header claims `w`×`h` pixels over a few bytes of data.
fn png_bomb(w: u32, h: u32) -> Vec<u8> {
    let mut bytes = png(1, 1);
    bytes[16..20].copy_from_slice(&w.to_be_bytes());
    bytes[20..24].copy_from_slice(&h.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn exif_of(bytes: &[u8]) -> Option<exif::Exif> {
    exif::Reader::new().read_from_container(&mut Cursor::new(bytes)).ok()
}

fn site_with_pictures() -> TestSite {
    let site = TestSite::new();
    site.write_bytes("content/briefings/summit/photo.jpg", &jpeg_with_exif(600, 400, 6));
    site.write_bytes("assets/map.png", &png(2000, 1000));
    site.write_bytes("assets/portraits/ann.jpg", &jpeg_with_exif(500, 500, 1));
    site.write(
        "content/briefings/summit/index.md",
        "---\ntitle: Summit\ndate: 2025-09-04\nimage:\n  src: photo.jpg\n  alt: Leaders at the table\n  caption: The summit's opening session.\n  credit: \"Photo: Desk\"\n---\nText.\n",
    );
    site.write(
        "content/briefings/map.md",
        "---\ntitle: Map\ndate: 2025-09-05\nimage: { src: /map.png, alt: A map of the front line }\n---\nText.\n",
    );
    site.actor("ann", "name: Ann\nimage: { src: /portraits/ann.jpg, alt: \"Ann, smiling\", credit: Own work }");
    site
}

fn decode(path: &Path) -> image::DynamicImage {
    image::ImageReader::open(path).unwrap().with_guessed_format().unwrap().decode().unwrap()
}

#[test]
fn pictures_are_upright_stripped_and_published_at_every_width() {
    let site = site_with_pictures();
    let source = std::fs::read(site.root().join("content/briefings/summit/photo.jpg")).unwrap();
    let exif = exif_of(&source).expect("the fixture has EXIF");
    assert!(exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY).is_some());
    assert!(exif.get_field(exif::Tag::GPSLatitudeRef, exif::In::PRIMARY).is_some(), "the fixture has a GPS position");
    assert_ok(&site.build());
    let out = site.root().join("public/images");
    let mut files: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    // Not a byte of metadata survives, in any format.
    for f in &files {
        let bytes = std::fs::read(out.join(f)).unwrap();
        assert!(exif_of(&bytes).is_none(), "{f} has EXIF");
        assert!(!bytes.windows(4).any(|w| w == b"Exif" || w == b"XMP "), "{f} has metadata");
    }
    // The photo was 600×400 with "turn 90° clockwise": now 400×600, red on top.
    let photo: Vec<&String> = files.iter().filter(|f| f.starts_with("photo-")).collect();
    assert_eq!(photo.len(), 2, "{files:?}: one width (never upscaled), WebP and JPEG");
    for f in &photo {
        let img = decode(&out.join(f)).to_rgb8();
        assert_eq!(img.dimensions(), (400, 600), "{f}");
        let (top, bottom) = (img.get_pixel(200, 100), img.get_pixel(200, 500));
        assert!(top[0] > 150 && top[2] < 100, "{f}: top is {top:?}, not red");
        assert!(bottom[2] > 150 && bottom[0] < 100, "{f}: bottom is {bottom:?}, not blue");
    }
    // The map, 2000 wide: 480, 960 and 1440, as WebP and PNG.
    for w in [480u32, 960, 1440] {
        for ext in ["webp", "png"] {
            let f = files.iter().find(|f| f.starts_with("map-") && f.ends_with(&format!("-{w}.{ext}")));
            let f = f.unwrap_or_else(|| panic!("no map at {w} as {ext}: {files:?}"));
            assert_eq!(decode(&out.join(f)).width(), w);
            assert_eq!(image::guess_format(&std::fs::read(out.join(f)).unwrap()).unwrap().extensions_str()[0], ext);
        }
    }
    // Portraits take their own, smaller widths.
    let ann: Vec<&String> = files.iter().filter(|f| f.starts_with("ann-")).collect();
    assert_eq!(ann.len(), 6, "{files:?}");
}

#[test]
fn pages_say_every_pictures_size_and_credit() {
    let site = site_with_pictures();
    assert_ok(&site.build());
    let page = site.page("briefings/summit/index.html");
    assert!(page.contains(r#"<source type="image/webp""#), "{page}");
    assert!(page.contains("opening session."), "{page}");
    assert!(page.contains("Photo: Desk"));
    assert!(page.contains(r#"alt="Leaders at the table""#));
    assert!(page.contains(r#"<meta name="twitter:card" content="summary_large_image">"#));
    assert!(page.contains(r#"<meta property="og:image" content="/images/photo-"#), "{page}");
    let map = site.page("briefings/map/index.html");
    let srcset = attr_values(&map, "srcset");
    assert!(srcset.iter().any(|s| s.contains("480w") && s.contains("960w") && s.contains("1440w")), "{srcset:?}");
    let actor = site.page("actors/ann/index.html");
    assert!(actor.contains(r#"alt="Ann, smiling""#) && actor.contains("Own work"), "{actor}");
    // Lists show lead images as thumbnails, decorative beside the headline.
    let list = site.page("briefings/index.html");
    assert_eq!(list.matches(r#"<span class="thumb"><picture>"#).count(), 2, "{list}");
    assert_eq!(list.matches(r#"alt="" decoding="async" loading="lazy""#).count(), 2, "{list}");
    // Every <img> on every page has its size (no layout shift), and each
    // file it names was written.
    for (rel, bytes) in common::files_under(&site.root().join("public")) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for tag in html.split("<img").skip(1).map(|t| &t[..t.find('>').unwrap()]) {
            assert!(tag.contains(" width=\"") && tag.contains(" height=\""), "{rel}: <img{tag}>");
            let src = &tag[tag.find("src=\"").unwrap() + 5..];
            let src = &src[..src.find('"').unwrap()];
            assert!(site.root().join("public").join(src.trim_start_matches('/')).is_file(), "{rel}: {src}");
        }
    }
}

#[test]
fn the_broadsheet_front_page_leads_with_the_newest_briefings_picture() {
    let site = site_with_pictures();
    site.write("dossier.yaml", "title: Pictures\ntheme: broadsheet\n");
    assert_ok(&site.build());
    let home = site.page("index.html");
    let lead = &home[home.find(r#"<section class="front-lead""#).unwrap()..];
    let lead = &lead[..lead.find("</section>").unwrap()];
    assert!(lead.contains(r#"<figure class="front-lead-image"><picture>"#), "{lead}");
    assert!(lead.contains(r#"fetchpriority="high""#) && lead.contains("map-"), "the newest briefing's: {lead}");
}

#[test]
fn a_second_build_reads_the_cache() {
    let site = site_with_pictures();
    assert_ok(&site.build());
    let cache = site.root().join(".dossier-cache/images");
    let entries: Vec<_> = std::fs::read_dir(&cache).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(entries.len(), 3, "{entries:?}");
    // Mark each cached file: the next build publishes the marked bytes, so
    // it made nothing again.
    for dir in &entries {
        for f in std::fs::read_dir(dir).unwrap() {
            let f = f.unwrap().path();
            if f.file_name().unwrap() != "meta" {
                std::fs::write(&f, b"cached").unwrap();
            }
        }
    }
    assert_ok(&site.build());
    for (rel, bytes) in common::files_under(&site.root().join("public/images")) {
        assert_eq!(bytes, b"cached", "{rel} was made again");
    }
    // Other settings are other pictures: made afresh.
    site.write("dossier.yaml", "images: { widths: [300, 600] }\n");
    assert_ok(&site.build());
    let map = site.page("briefings/map/index.html");
    assert!(map.contains("600w") && !map.contains("1440w"), "{map}");
}

#[test]
fn bad_pictures_are_refused_with_file_line_and_reason() {
    let site = TestSite::new();
    site.write_bytes("assets/bomb.png", &png_bomb(100_000, 100_000));
    let mut truncated = jpeg_with_exif(400, 300, 1);
    truncated.truncate(truncated.len() / 2);
    site.write_bytes("assets/cut.jpg", &truncated);
    site.write_bytes("assets/photo.jpg", &jpeg_with_exif(40, 30, 1));
    site.briefing("bomb", "title: Bomb\ndate: 2025-09-04\nimage: { src: /bomb.png, alt: A bomb }", "");
    site.briefing("cut", "title: Cut\ndate: 2025-09-04\nimage: { src: /cut.jpg, alt: Cut }", "");
    site.briefing("gone", "title: Gone\ndate: 2025-09-04\nimage:\n  src: phot.jpg\n  alt: Gone", "");
    site.briefing("bare", "title: Bare\ndate: 2025-09-04\nimage: photo.jpg", "");
    site.briefing("noalt", "title: No alt\ndate: 2025-09-04\nimage:\n  src: /photo.jpg", "");
    let out = site.build();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("content/briefings/bomb.md:4:") && err.contains("100000×100000"), "{err}");
    assert!(err.contains("content/briefings/cut.md:4:") && err.contains("damaged or truncated"), "{err}");
    assert!(err.contains("content/briefings/gone.md:5:8") && err.contains("`phot.jpg` not found"), "{err}");
    assert!(err.contains("did you mean `/photo.jpg`?"), "{err}");
    assert!(err.contains("content/briefings/bare.md:4:") && err.contains("has no alt text"), "{err}");
    assert!(err.contains("content/briefings/noalt.md:") && err.contains("missing field `alt`"), "{err}");
    assert!(!site.root().join("public").exists(), "nothing is published when a picture is refused");

    // Never read through a symbolic link, even one leading to a real picture.
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.jpg"), jpeg_with_exif(40, 30, 1)).unwrap();
    let site = TestSite::new();
    std::fs::create_dir_all(site.root().join("assets")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.root().join("assets/elsewhere")).unwrap();
    site.briefing(
        "linked",
        "title: Linked\ndate: 2025-09-04\nimage: { src: /elsewhere/secret.jpg, alt: A secret }",
        "",
    );
    let err = stderr(&site.build());
    assert!(err.contains("content/briefings/linked.md:4:") && err.contains("symbolic link"), "{err}");
}

#[test]
fn pictures_in_bodies_are_processed_and_checked() {
    let site = TestSite::new();
    site.write("dossier.yaml", "base_url: https://example.org/\nsafe_html: true\n");
    site.write_bytes("content/briefings/talks/chart.png", &png(1200, 600));
    site.write(
        "content/briefings/talks/index.md",
        "---\ntitle: Talks\ndate: 2025-09-04\n---\nBefore.\n\n![Seats by group](chart.png \"Seats\")\n\nAgain: ![](chart.png)\n",
    );
    let out = site.build();
    let err = assert_ok(&out);
    assert!(
        err.contains("content/briefings/talks/index.md:9:8: warning: picture `chart.png` has no alt text [W0601]"),
        "{err}"
    );
    let page = site.page("briefings/talks/index.html");
    let pictures = page.matches("<picture>").count();
    assert_eq!(pictures, 2, "{page}");
    assert!(page.contains(r#"alt="Seats by group""#) && page.contains(r#"title="Seats""#), "{page}");
    assert!(page.contains(r#"width="1200" height="600""#) && page.contains(r#"loading="lazy""#), "{page}");
    assert!(page.contains("/images/chart-") && page.contains("960w"), "{page}");
    let check = site.run(&["check"]);
    assert!(stderr(&check).contains("[W0601]"), "{}", stderr(&check));

    site.write(
        "content/briefings/talks/index.md",
        "---\ntitle: Talks\ndate: 2025-09-04\n---\nBefore.\n\n![Seats](chard.png)\n",
    );
    let out = site.build();
    let err = stderr(&out);
    assert!(
        !out.status.success()
            && err.contains("content/briefings/talks/index.md:7:10: error: picture `chard.png` not found"),
        "{err}"
    );
    assert!(err.contains("did you mean `chart.png`?"), "{err}");
}

#[test]
fn the_network_shows_portraits_when_asked() {
    let site = site_with_pictures();
    site.actor("bloc", "name: Bloc\nkind: group");
    site.actor("bob", "name: Bob\naffiliations: [bloc, ann]");
    assert_ok(&site.build());
    assert!(site.page("actors/bob/index.html").contains("network-svg"));
    assert!(!site.page("actors/bob/index.html").contains("node-portrait"), "off by default");
    site.write("dossier.yaml", "network_portraits: true\n");
    assert_ok(&site.build());
    let actors = site.page("actors/bob/index.html");
    let portraits: Vec<&str> = attr_values(&actors, "href").into_iter().filter(|h| h.starts_with("/images/")).collect();
    assert_eq!(portraits.len(), 1, "only Ann has a portrait: {portraits:?}");
    assert!(
        portraits[0].starts_with("/images/ann-") && portraits[0].ends_with("-96.jpg"),
        "the smallest: {portraits:?}"
    );
    assert!(site.root().join("public").join(&portraits[0][1..]).is_file());
}
