//! A picture in front matter: an actor's or author's portrait, a
//! briefing's lead image.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess};

/// `image: { src: photo.jpg, alt: …, caption: …, credit: … }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageMatter {
    /// The file: relative to the content file (a page bundle's folder),
    /// or to the site's `assets/` folder when it starts with `/`.
    pub src: String,
    /// What it shows, for readers who cannot see it (`""` for a picture
    /// that only decorates).
    pub alt: String,
    /// Shown under it (inline Markdown is not rendered: plain words).
    pub caption: Option<String>,
    /// Who made it ("Photo: Ann Smith / Agency"), shown under it and in
    /// the page's structured data and the open data.
    pub credit: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fields {
    src: String,
    alt: String,
    caption: Option<String>,
    credit: Option<String>,
}

/// A bare path is refused in words that say what to write instead: every
/// picture dossier publishes has alt text.
impl<'de> Deserialize<'de> for ImageMatter {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> de::Visitor<'de> for Visitor {
            type Value = ImageMatter;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an image: `{ src: …, alt: … }`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ImageMatter, E> {
                Err(E::custom(format!(
                    "image `{v}` has no alt text: write `image: {{ src: {v}, alt: \"what it shows\" }}`"
                )))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ImageMatter, A::Error> {
                let f = Fields::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(ImageMatter { src: f.src, alt: f.alt, caption: f.caption, credit: f.credit })
            }
        }
        d.deserialize_any(Visitor)
    }
}
