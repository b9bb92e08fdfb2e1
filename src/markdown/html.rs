//! A body's HTML as it is held until its page is written: packed with LZ4
//! when it is more than a few lines. A large site holds every body through
//! the render, and they were its largest part (10,000 briefings: 78 MB of
//! HTML); packed, they take a third to a half of that, and unpacking one
//! for its page costs microseconds. The only user of `lz4_flex`.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// Bodies shorter than this are held as text: packing saves little there.
const PACK_FROM: usize = 512;

/// A body's HTML. Shared (a clone is a count), as `serve` keeps each body
/// for the next resolution.
#[derive(Clone, Default)]
pub struct Html(Arc<Held>);

#[derive(Default)]
enum Held {
    #[default]
    Empty,
    Text(Box<str>),
    /// LZ4 block of `len` bytes of UTF-8.
    Packed {
        len: usize,
        bytes: Box<[u8]>,
    },
}

impl Html {
    /// Holds `html`, packed when long enough to gain.
    pub fn new(html: String) -> Html {
        let held = match html.len() {
            0 => Held::Empty,
            n if n < PACK_FROM => Held::Text(html.into_boxed_str()),
            len => Held::Packed { len, bytes: lz4_flex::block::compress(html.as_bytes()).into_boxed_slice() },
        };
        Html(Arc::new(held))
    }

    /// The HTML.
    pub fn text(&self) -> Cow<'_, str> {
        match &*self.0 {
            Held::Empty => Cow::Borrowed(""),
            Held::Text(text) => Cow::Borrowed(text),
            Held::Packed { len, bytes } => {
                // Packed from a `String` here: unpacking gives its bytes back.
                let unpacked = lz4_flex::block::decompress(bytes, *len).unwrap_or_default();
                Cow::Owned(String::from_utf8(unpacked).unwrap_or_default())
            }
        }
    }

    /// The HTML's length in bytes.
    pub fn len(&self) -> usize {
        match &*self.0 {
            Held::Empty => 0,
            Held::Text(text) => text.len(),
            Held::Packed { len, .. } => *len,
        }
    }

    /// Whether there is no HTML.
    pub fn is_empty(&self) -> bool {
        matches!(*self.0, Held::Empty)
    }
}

impl fmt::Display for Html {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl fmt::Debug for Html {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.text(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_of_every_length_comes_back_as_it_went_in() {
        let long = "<p>Ünïcödé, “quotes”, emoji 🇺🇦 and <a href=\"/x/\">links</a>.</p>\n".repeat(40);
        let (under, at) = ("x".repeat(PACK_FROM - 1), "é".repeat(PACK_FROM / 2));
        for text in ["", "<p>short</p>", &under, &at, &long] {
            let html = Html::new(text.to_owned());
            assert_eq!(html.text(), text);
            assert_eq!((html.len(), html.is_empty()), (text.len(), text.is_empty()));
        }
        let Held::Packed { bytes, .. } = &*Html::new(long.clone()).0 else { panic!("a long body is not packed") };
        assert!(bytes.len() < long.len() / 2, "{} of {}", bytes.len(), long.len());
    }
}
