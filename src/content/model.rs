//! The front matter users write, as typed structs.
//!
//! Every struct denies unknown keys (a misspelt key is an error with a hint,
//! never silently ignored); free-form data lives under `extra:`. Field types
//! carry their own checks ([`Id`], [`Date`], [`HttpUrl`]) so a bad value is
//! reported by the YAML layer with its exact line and column.

use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

/// Free-form data handed to templates as is.
pub type Extra = serde_json::Map<String, serde_json::Value>;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BriefingMatter {
    pub title: String,
    pub date: Date,
    pub updated: Option<Date>,
    pub summary: Option<String>,
    #[serde(default)]
    pub topics: Vec<Id>,
    pub status: Option<Status>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub actors: Vec<Id>,
    #[serde(default)]
    pub positions: Vec<PositionMatter>,
    #[serde(default)]
    pub sources: Vec<SourceMatter>,
    #[serde(default)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionMatter {
    pub actor: Id,
    pub question: Option<Id>,
    pub stance: Stance,
    pub summary: Option<String>,
    pub quote: Option<String>,
    pub date: Option<Date>,
    pub sources: Vec<Id>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceMatter {
    pub id: Id,
    pub title: String,
    pub publisher: Option<String>,
    pub url: Option<HttpUrl>,
    pub date: Option<Date>,
    pub accessed: Option<Date>,
    pub archive: Option<HttpUrl>,
    pub kind: Option<SourceKind>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorMatter {
    pub name: String,
    pub kind: Option<ActorKind>,
    pub role: Option<String>,
    #[serde(default)]
    pub affiliations: Vec<Id>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub image: Option<String>,
    #[serde(default)]
    pub links: Vec<HttpUrl>,
    #[serde(default)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionMatter {
    pub title: String,
    pub summary: Option<String>,
    #[serde(default)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicMatter {
    pub title: String,
    pub description: Option<String>,
    #[serde(default)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMatter {
    pub title: String,
    pub summary: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub extra: Extra,
}

macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
        #[serde(rename_all = "lowercase")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word users write in front matter.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

word_enum!(
    /// Where an actor stands on a question.
    Stance { Supports => "supports", Opposes => "opposes", Conditional => "conditional", Neutral => "neutral", Unclear => "unclear" }
);
word_enum!(Status { Developing => "developing", Settled => "settled" });
word_enum!(SourceKind { Primary => "primary", News => "news", Analysis => "analysis", Data => "data" });
word_enum!(ActorKind { Person => "person", State => "state", Organization => "organization", Group => "group" });

impl Stance {
    /// Human words for the stance, as shown beside its badge.
    pub fn label(self) -> &'static str {
        match self {
            Stance::Supports => "Supports",
            Stance::Opposes => "Opposes",
            Stance::Conditional => "Conditional",
            Stance::Neutral => "Neutral",
            Stance::Unclear => "Unclear",
        }
    }

    /// The badge's symbol: ✓ ✗ ± ○ ?
    pub fn mark(self) -> &'static str {
        match self {
            Stance::Supports => "✓",
            Stance::Opposes => "✗",
            Stance::Conditional => "±",
            Stance::Neutral => "○",
            Stance::Unclear => "?",
        }
    }
}

/// An id: lowercase ASCII letters, digits and `-`, as in a URL segment.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Id(String);

impl Id {
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

/// Deserializes a string through `parse`. The check runs inside the
/// visitor, so the YAML layer attaches the value's line and column to the
/// error (a check after deserializing would only know the document start).
fn parse_str<'de, D: Deserializer<'de>, T>(
    d: D,
    expecting: &'static str,
    parse: fn(&str) -> Result<T, String>,
) -> Result<T, D::Error> {
    struct Visitor<T> {
        expecting: &'static str,
        parse: fn(&str) -> Result<T, String>,
    }
    impl<T> de::Visitor<'_> for Visitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            (self.parse)(v).map_err(E::custom)
        }
    }
    d.deserialize_str(Visitor { expecting, parse })
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

/// A calendar date, `YYYY-MM-DD`; a full RFC 3339 time is accepted and kept.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    /// The time part (`T10:00:00Z`), when one was given.
    pub time: Option<String>,
}

impl Date {
    pub fn parse(s: &str) -> Result<Date, String> {
        let bad = || format!("invalid date `{s}`: dates are written YYYY-MM-DD, like 2025-09-04");
        let (day_part, time) = match s.find(['T', 't', ' ']) {
            Some(i) => (&s[..i], Some(&s[i + 1..])),
            None => (s, None),
        };
        let mut parts = day_part.split('-');
        let (Some(y), Some(m), Some(d), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let (year, month, day): (u16, u8, u8) =
            (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(format!("invalid date `{s}`: {year}-{month:02} has no day {day}"));
        }
        if time.is_some_and(|t| !valid_time(t)) {
            return Err(format!(
                "invalid time in `{s}`: write a date (2025-09-04) or an RFC 3339 time (2025-09-04T10:00:00Z)"
            ));
        }
        Ok(Date { year, month, day, time: time.map(str::to_owned) })
    }

    /// RFC 3339, as feeds want it: the given time, or midnight UTC.
    pub fn rfc3339(&self) -> String {
        match &self.time {
            Some(t) => {
                let t = t.replace('z', "Z");
                let zoned = t.ends_with('Z') || t[8..].contains(['+', '-']);
                format!("{}T{t}{}", self.ymd(), if zoned { "" } else { "Z" })
            }
            None => format!("{}T00:00:00Z", self.ymd()),
        }
    }

    /// `YYYY-MM-DD`.
    pub fn ymd(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// "4 September 2025".
    pub fn long(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        format!("{} {} {}", self.day, MONTHS[usize::from(self.month) - 1], self.year)
    }
}

impl Date {
    /// Today (UTC), or the day of `SOURCE_DATE_EPOCH` when it is set, as
    /// reproducible builds expect: checks that depend on the date can be
    /// run as of a fixed day.
    pub fn today() -> Date {
        let secs =
            std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or_else(|| {
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
            });
        Date::from_days(secs.div_euclid(86_400))
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)).clamp(0, 9999) as u16;
        Date { year, month, day, time: None }
    }

    /// Days since 1970-01-01 (the inverse of [`Date::from_days`]); the time
    /// part is ignored.
    pub fn days(&self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `HH:MM:SS` with optional fraction and a `Z` or `±HH:MM` offset.
fn valid_time(t: &str) -> bool {
    let b = t.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if b.len() < 8 || !digits(0..2) || b[2] != b':' || !digits(3..5) || b[5] != b':' || !digits(6..8) {
        return false;
    }
    let mut rest = &t[8..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    matches!(rest, "Z" | "z" | "")
        || (rest.len() == 6
            && matches!(rest.as_bytes()[0], b'+' | b'-')
            && rest.as_bytes()[3] == b':'
            && rest[1..3].bytes().chain(rest[4..].bytes()).all(|c| c.is_ascii_digit()))
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_str(d, "a date like 2025-09-04", |s| Date::parse(s.trim()))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.ymd())
    }
}

/// An absolute `http://` or `https://` URL; other schemes (`javascript:`,
/// `data:`, `file:`) are refused where they are written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct HttpUrl(String);

impl HttpUrl {
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

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for HttpUrl {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_str(d, "an http:// or https:// URL", HttpUrl::parse)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_url_safe() {
        assert!(Id::parse("vladimir-putin").is_ok());
        for bad in ["", "Putin", "../etc", "a b", "a/b", "é"] {
            assert!(Id::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(slugify("Émmanuel  Macron!"), "emmanuel-macron");
        assert_eq!(slugify("Віталій Кличко"), "vitalii-klichko");
        assert_eq!(slugify("习近平"), "xi-jin-ping");
        assert!(!slugify("محمد بن سلمان").is_empty());
        let long = "The Ministry of Foreign Affairs of a Country With a Very Long Name, Department ".repeat(4);
        let (a, b) = (capped(slugify(&long), &long), capped(slugify(&(long.clone() + "2")), &(long + "2")));
        assert!(a.len() <= MAX_SLUG && b.len() <= MAX_SLUG, "{a} {b}");
        assert!(a.starts_with("the-ministry-of-foreign-affairs") && a != b, "{a} {b}");
        assert_eq!(capped("short".into(), "Short"), "short");
    }

    #[test]
    fn days_and_dates_convert_both_ways() {
        assert_eq!(Date::from_days(0).ymd(), "1970-01-01");
        assert_eq!(Date::from_days(20_336).ymd(), "2025-09-05");
        assert_eq!(Date::parse("2024-03-01").unwrap().days() - Date::parse("2024-02-28").unwrap().days(), 2);
        for days in (-719_000..2_900_000).step_by(997) {
            assert_eq!(Date::from_days(days).days(), days);
        }
    }

    #[test]
    fn dates_are_checked_against_the_calendar() {
        assert_eq!(Date::parse("2025-09-04").unwrap().long(), "4 September 2025");
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2025-02-30").unwrap_err().contains("no day 30"));
        assert!(Date::parse("2025-9-4").is_err());
        assert!(Date::parse("2025-09-04T10:00:00Z").is_ok());
        assert!(Date::parse("2025-09-04T10:00:00+02:00").is_ok());
        assert!(Date::parse("2025-09-04Tlunch").is_err());
        assert_eq!(Date::parse("2025-09-04").unwrap().rfc3339(), "2025-09-04T00:00:00Z");
        assert_eq!(Date::parse("2025-09-04 10:00:00").unwrap().rfc3339(), "2025-09-04T10:00:00Z");
        assert_eq!(Date::parse("2025-09-04T10:00:00+02:00").unwrap().rfc3339(), "2025-09-04T10:00:00+02:00");
    }

    #[test]
    fn urls_must_be_http() {
        assert!(HttpUrl::parse("https://example.org/a").is_ok());
        for bad in ["javascript:alert(1)", "data:text/html,x", "ftp://x", "https://", "//x"] {
            assert!(HttpUrl::parse(bad).is_err(), "{bad}");
        }
    }
}
