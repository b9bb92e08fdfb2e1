//! Ids (the names in URLs and file names), names made into ids, and
//! web addresses: the string types whose check runs where they are read.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use super::parse_str;

/// An id: lowercase ASCII letters, digits and `-`, as in a URL segment.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Id(String);

impl Id {
    /// Checks `s` is an id; says what is wrong and suggests one otherwise.
    pub fn parse(s: &str) -> Result<Id, String> {
        let valid = !s.is_empty()
            && s.len() <= 200
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid {
            return Err(format!("invalid id `{s}`: ids use lowercase letters, digits and `-` (try `{}`)", slugify(s)));
        }
        if WINDOWS_RESERVED.contains(&s) || windows_device(s) {
            return Err(format!(
                "invalid id `{s}`: Windows reserves the name `{s}`, so a checkout or copy of the site there fails (try `{s}-1`)"
            ));
        }
        Ok(Id(s.to_owned()))
    }

    /// The id as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_str(d, "an id (lowercase letters, digits and `-`)", Id::parse)
    }
}

/// Names Windows gives devices: no file or folder can have them there.
const WINDOWS_RESERVED: &[&str] = &["con", "prn", "aux", "nul"];

/// `com1`…`com9`, `lpt1`…`lpt9`.
fn windows_device(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 4 && (s.starts_with("com") || s.starts_with("lpt")) && (b'1'..=b'9').contains(&b[3])
}

/// Turns any text into an id: lowercase words joined by `-`, every script
/// transliterated to Latin letters (`Віталій Кличко` → `vitalii-klichko`,
/// `习近平` → `xi-jin-ping`) by deunicode.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let push = |c: char, out: &mut String| {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    };
    for c in text.chars() {
        match c.is_ascii() || !c.is_alphanumeric() {
            true => push(c, &mut out),
            false => deunicode::deunicode_char(c).unwrap_or("").chars().for_each(|t| push(t, &mut out)),
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The longest generated URL name (publishers, new files' ids): file
/// systems refuse names over 255 bytes, and URLs that long help no one.
pub const MAX_SLUG: usize = 80;

/// `slug`, made from `text`, cut to [`MAX_SLUG`] bytes when longer: the
/// first words, then a short hash of the whole text, so that two long
/// names sharing a beginning stay apart.
pub fn capped(slug: String, text: &str) -> String {
    if slug.len() <= MAX_SLUG {
        return slug;
    }
    let mut cut = MAX_SLUG - 9;
    while !slug.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = slug[..cut].trim_end_matches('-');
    let head = head.rsplit_once('-').filter(|(h, _)| h.len() >= cut / 2).map_or(head, |(h, _)| h);
    format!("{head}-{:08x}", fnv1a(text.as_bytes()) as u32)
}

/// FNV-1a: a hash that is the same on every machine and in every version.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// An absolute `http://` or `https://` URL; other schemes (`javascript:`,
/// `data:`, `file:`) are refused where they are written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct HttpUrl(String);

impl HttpUrl {
    /// Checks `s` is an absolute http(s) URL.
    pub fn parse(s: &str) -> Result<HttpUrl, String> {
        let s = s.trim();
        let lower = s.to_ascii_lowercase();
        let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
        match rest {
            Some(r) if !r.is_empty() && !r.starts_with('/') && !s.chars().any(char::is_whitespace) => {
                Ok(HttpUrl(s.to_owned()))
            }
            _ => Err(format!("invalid URL `{s}`: only absolute http:// or https:// addresses are allowed")),
        }
    }

    /// The URL as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for HttpUrl {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_str(d, "an http:// or https:// URL", HttpUrl::parse)
    }
}
