//! The front matter users write, as typed structs.
//!
//! Every struct denies unknown keys (a misspelt key is an error with a hint,
//! never silently ignored); free-form data lives under `extra:`. Field types
//! carry their own checks ([`Id`], [`Date`], [`HttpUrl`]) so a bad value is
//! reported by the YAML layer with its exact line and column.

mod date;
mod id;
mod image;

use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

pub use date::Date;
pub use id::{HttpUrl, Id, MAX_SLUG, capped, slugify};
pub use image::ImageMatter;

/// Free-form data handed to templates as is.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// A briefing's front matter: what it is about, who is involved, the
/// positions they take and the sources behind them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BriefingMatter {
    /// The headline.
    pub title: String,
    /// When it was published.
    pub date: Date,
    /// When it last changed, if after `date`.
    pub updated: Option<Date>,
    /// One or two sentences for lists, feeds and social cards.
    pub summary: Option<String>,
    /// The lead image, shown under the headline and on shared links
    /// (boxed: most briefings have none).
    pub image: Option<Box<ImageMatter>>,
    /// Topic ids; a topic needs no file of its own.
    #[serde(default)]
    pub topics: Vec<Id>,
    /// Whether the story is still moving.
    pub status: Option<Status>,
    /// Left out of builds unless `--drafts` is given.
    #[serde(default)]
    pub draft: bool,
    /// Not built before this moment (a date, or an RFC 3339 time) unless
    /// `--drafts` is given.
    pub publish_date: Option<Date>,
    /// From this moment on it is archived: still built, marked as such,
    /// and left out of the home page and the feeds.
    pub expiry_date: Option<Date>,
    /// Old addresses of this page (an old id, or a path from the site's
    /// root like `/2024/old-name/`): each gets a page sending readers here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Who wrote it: ids of files under `content/authors/`.
    #[serde(default)]
    pub authors: Vec<Id>,
    /// Errors put right after publication, shown prominently.
    #[serde(default)]
    pub corrections: Vec<CorrectionMatter>,
    /// What was added or changed since publication.
    #[serde(default)]
    pub updates: Vec<UpdateMatter>,
    /// Actors involved besides those with positions.
    #[serde(default)]
    pub actors: Vec<Id>,
    /// Who stands where, each backed by sources.
    #[serde(default)]
    pub positions: Vec<PositionMatter>,
    /// Everything the briefing cites, by id.
    #[serde(default)]
    pub sources: Vec<SourceMatter>,
    /// Anything else, for templates.
    #[serde(default)]
    pub extra: Extra,
}

/// A briefing's front matter less its positions, sources and summary,
/// which the resolved briefing holds checked, numbered and rendered.
#[derive(Debug, Clone)]
pub struct BriefingInfo {
    /// The headline.
    pub title: String,
    /// When it was published.
    pub date: Date,
    /// When it last changed, if after `date`.
    pub updated: Option<Date>,
    /// The lead image.
    pub image: Option<Box<ImageMatter>>,
    /// Topic ids.
    pub topics: Vec<Id>,
    /// Whether the story is still moving.
    pub status: Option<Status>,
    /// Not public before this moment (shown early by `--drafts` only).
    pub publish_date: Option<Date>,
    /// Archived from this moment on.
    pub expiry_date: Option<Date>,
    /// Who wrote it (author ids).
    pub authors: Vec<Id>,
    /// Actors involved besides those with positions.
    pub actors: Vec<Id>,
    /// Anything else, for templates.
    pub extra: Extra,
}

impl BriefingMatter {
    /// Everything but the positions and sources.
    pub fn info(&self) -> BriefingInfo {
        BriefingInfo {
            title: self.title.clone(),
            date: self.date.clone(),
            updated: self.updated.clone(),
            image: self.image.clone(),
            topics: self.topics.clone(),
            status: self.status,
            publish_date: self.publish_date.clone(),
            expiry_date: self.expiry_date.clone(),
            authors: self.authors.clone(),
            actors: self.actors.clone(),
            extra: self.extra.clone(),
        }
    }
}

/// A correction: what was wrong and is now right, and when it was put right.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectionMatter {
    /// When it was corrected.
    pub date: Date,
    /// What was wrong, and what is right (inline Markdown).
    pub text: String,
    /// The position it corrects, numbered from 1 in `positions:`.
    pub position: Option<usize>,
}

/// An update: what was added or changed, and when.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateMatter {
    /// When it was updated.
    pub date: Date,
    /// What changed (inline Markdown).
    pub text: String,
}

/// One actor's stance on a question, as a briefing records it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionMatter {
    /// Who takes the position (an actor id).
    pub actor: Id,
    /// What it is about (a question id); none for a stance on the briefing's subject.
    pub question: Option<Id>,
    /// Where the actor stands.
    pub stance: Stance,
    /// The position in the briefing's words.
    pub summary: Option<String>,
    /// The actor's own words, verbatim.
    pub quote: Option<String>,
    /// The words as said, when `quote` is a translation's (set for the
    /// pages in another language, never read from front matter).
    #[serde(skip)]
    pub original_quote: Option<String>,
    /// When it was taken; the briefing's date if not given.
    pub date: Option<Date>,
    /// Ids of the briefing's sources behind it (at least one).
    pub sources: Vec<Id>,
}

/// A source a briefing cites.
#[derive(Debug, Clone, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceMatter {
    /// How the briefing cites it: `[@id]`.
    pub id: Id,
    /// The document's title.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// Where it is.
    pub url: Option<HttpUrl>,
    /// When it was published.
    pub date: Option<Date>,
    /// When it was read at `url`.
    pub accessed: Option<Date>,
    /// An archived copy, for when `url` goes dead.
    pub archive: Option<HttpUrl>,
    /// Primary document, news, analysis or data.
    pub kind: Option<SourceKind>,
}

/// An actor's front matter: a person, state, organization or group.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorMatter {
    /// The name pages show.
    pub name: String,
    /// Person, state, organization or group.
    pub kind: Option<ActorKind>,
    /// What the actor is, in a few words ("Prime Minister of Estonia").
    pub role: Option<String>,
    /// Actors it belongs to (ids).
    #[serde(default)]
    pub affiliations: Vec<Id>,
    /// Other names it goes by: wikilinks and autolinks find it by them.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Its names in the site's other languages, on the pages of a
    /// translation: wikilinks find it by them, pages do not show them (set
    /// when translations are laid over, never read from front matter).
    #[serde(skip)]
    pub other_names: Vec<String>,
    /// Old addresses of the actor's page (an old id, or a path from the
    /// site's root): `aliases` are its other names, so these have a key of
    /// their own.
    #[serde(default)]
    pub redirect_from: Vec<String>,
    /// A portrait, with its alt text, caption and credit.
    pub image: Option<ImageMatter>,
    /// Its pages elsewhere (official site, Wikipedia).
    #[serde(default)]
    pub links: Vec<HttpUrl>,
    /// Anything else, for templates.
    #[serde(default)]
    pub extra: Extra,
}

/// An author's front matter (`content/authors/<id>.md`); the body is the
/// longer biography.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorMatter {
    /// The name bylines show.
    pub name: String,
    /// A person (the default) or an organization (a desk, an agency).
    pub kind: Option<AuthorKind>,
    /// What they do ("Security correspondent").
    pub role: Option<String>,
    /// A sentence about them, for their page's lede and description.
    pub bio: Option<String>,
    /// Their pages elsewhere (a profile, a social account).
    #[serde(default)]
    pub links: Vec<HttpUrl>,
    /// A portrait, with its alt text, caption and credit.
    pub image: Option<ImageMatter>,
    /// Old addresses of this page (an old id, or a path from the site's
    /// root): each gets a page sending readers here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Anything else, for templates.
    #[serde(default)]
    pub extra: Extra,
}

/// A question actors take positions on.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionMatter {
    /// The question, as a question.
    pub title: String,
    /// What is at stake, in a sentence or two.
    pub summary: Option<String>,
    /// Old addresses of this page (an old id, or a path from the site's
    /// root like `/2024/old-name/`): each gets a page sending readers here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The editor's answers to `check`'s questions about it.
    #[serde(default)]
    pub editorial: QuestionEditorial,
    /// Anything else, for templates.
    #[serde(default)]
    pub extra: Extra,
}

/// A question's answers to the editorial checks.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionEditorial {
    /// Why only one side is represented, when it is: answers `check`'s
    /// warning and is shown to readers on the question's page.
    pub one_sided: Option<String>,
}

/// A topic's own file: its title and description (a topic needs none).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicMatter {
    /// The title pages show.
    pub title: String,
    /// What the topic covers.
    pub description: Option<String>,
    /// Old addresses of this page (an old id, or a path from the site's
    /// root like `/2024/old-name/`): each gets a page sending readers here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Anything else, for templates.
    #[serde(default)]
    pub extra: Extra,
}

/// A plain page (about, methodology).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMatter {
    /// The title.
    pub title: String,
    /// A sentence for the page's description.
    pub summary: Option<String>,
    /// Left out of builds unless `--drafts` is given.
    #[serde(default)]
    pub draft: bool,
    /// Old addresses of this page (an old id, or a path from the site's
    /// root like `/2024/old-name/`): each gets a page sending readers here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Its entry in the header's menu.
    #[serde(default)]
    pub nav: PageNav,
    /// Anything else, for templates.
    #[serde(default)]
    pub extra: Extra,
}

/// A plain page's entry in the header's menu (`nav: { weight: 30 }`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageNav {
    /// Where it goes among the entries: the sections weigh 10, 20, 30, …
    /// in their order; a page with a weight is in the menu even when
    /// `dossier.yaml`'s `nav:` does not list it.
    pub weight: Option<i64>,
    /// The words the menu shows; the page's title by default.
    pub title: Option<String>,
    /// Keeps it out of the menu (plain pages are in it by default).
    #[serde(default)]
    pub hide: bool,
}

macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
        #[serde(rename_all = "lowercase")]
        pub enum $name { $(#[doc = concat!("`", $word, "`")] $variant),+ }

        impl $name {
            /// Every value, in the order pages list them.
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
word_enum!(
    /// Whether a briefing's story is still moving.
    Status { Developing => "developing", Settled => "settled" }
);
word_enum!(
    /// What kind of document a source is.
    SourceKind { Primary => "primary", News => "news", Analysis => "analysis", Data => "data" }
);
word_enum!(
    /// Who an author is: a person, or an organization (a desk, an agency).
    AuthorKind { Person => "person", Organization => "organization" }
);
word_enum!(
    /// What kind of actor an actor is.
    ActorKind {
        Person => "person",
        State => "state",
        Institution => "institution",
        Organization => "organization",
        Group => "group",
    }
);

impl Stance {
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
