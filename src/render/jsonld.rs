//! Structured data for search engines: JSON-LD `NewsArticle` for briefings
//! (with its authors), `Person` / `Organization` / `Country` /
//! `GovernmentOrganization` for actors, and a `ProfilePage` for authors.
//!
//! Built with serde_json, not a template: inside `<script>` HTML entities are
//! not decoded, so escaping must be JSON's own (`<` as `\u003c`). Typed
//! structs written straight into the page's string: one pass, no tree.

use serde::Serialize;

use crate::content::model::{ActorKind, AuthorKind, HttpUrl};
use crate::images::Role;
use crate::markdown::Inline;
use crate::resolve::{ActorIx, AuthorIx, BriefingIx, Site};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Article<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    url: &'a str,
    main_entity_of_page: &'a str,
    date_published: String,
    date_modified: String,
    in_language: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Thing<'a>>,
    publisher: Publisher<'a>,
    about: Vec<Thing<'a>>,
    mentions: Vec<Thing<'a>>,
    citation: Vec<Citation<'a>>,
    keywords: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    correction: Vec<Correction<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<ImageObject>,
}

/// A lead image, as schema.org's `ImageObject`: its largest file, its
/// size, caption and credit.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ImageObject {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    width: u32,
    height: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    caption: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credit_text: Option<String>,
}

impl ImageObject {
    fn of(view: crate::images::PictureView) -> Self {
        let (caption, credit_text) = (view.caption, view.credit);
        ImageObject {
            kind: "ImageObject",
            url: view.absolute,
            width: view.width,
            height: view.height,
            caption,
            credit_text,
        }
    }
}

/// A correction, as schema.org's `CorrectionComment`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Correction<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    text: &'a str,
    date_published: String,
}

#[derive(Serialize)]
struct Publisher<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Citation<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a HttpUrl>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Publisher<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
}

/// An actor as named from another object: its schema.org type, name, page.
#[derive(Serialize)]
struct Thing<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ActorDoc<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(flatten)]
    thing: Thing<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    affiliation: Vec<Thing<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    member_of: Vec<Thing<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    same_as: &'a [HttpUrl],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    alternate_name: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<ImageObject>,
}

/// The JSON-LD for a briefing page.
pub(super) fn briefing(site: &Site, i: BriefingIx) -> String {
    let b = &site.briefings[i];
    let m = &b.doc.matter;
    let u = &site.urls;
    let url = u.absolute(&u.briefing(&b.doc.id));
    let has_position = |a: &ActorIx| b.positions.iter().any(|p| p.actor == *a);
    let about = b.actors.iter().filter(|a| has_position(a)).map(|&a| thing(site, a)).collect();
    // Involved without a position, or only named in the text: each once.
    let mut mentioned: Vec<ActorIx> = Vec::new();
    for &a in b.actors.iter().chain(&b.refs.actors) {
        if !has_position(&a) && !mentioned.contains(&a) {
            mentioned.push(a);
        }
    }
    let citation = b
        .sources
        .iter()
        .map(|s| Citation {
            kind: "CreativeWork",
            name: &s.title,
            url: s.url.as_ref(),
            publisher: s.publisher.as_deref().map(|name| Publisher { kind: "Organization", name, url: None }),
            date_published: s.date.as_ref().map(|d| d.ymd()),
        })
        .collect();
    script_safe(&Article {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: &m.title,
        description: Inline::text_of(&b.summary),
        url: &url,
        main_entity_of_page: &url,
        date_published: m.date.rfc3339(),
        date_modified: b.modified.rfc3339(),
        in_language: &site.config.language,
        author: b.authors.iter().map(|&a| author_thing(site, a)).collect(),
        publisher: Publisher { kind: "Organization", name: &site.config.title, url: Some(u.absolute(&u.home())) },
        about,
        mentions: mentioned.into_iter().map(|a| thing(site, a)).collect(),
        citation,
        keywords: b.topics.iter().map(|&t| site.topics[t].title.as_str()).collect(),
        correction: (b.corrections.iter())
            .map(|c| Correction { kind: "CorrectionComment", text: &c.text.text, date_published: c.date.rfc3339() })
            .collect(),
        image: site.images.value(&b.doc.path, m.image.as_deref(), Role::Wide, u).map(ImageObject::of),
    })
}

/// The JSON-LD for an actor page.
pub(super) fn actor(site: &Site, i: ActorIx) -> String {
    let a = &site.actors[i];
    let m = &a.doc.matter;
    let person = m.kind == Some(ActorKind::Person);
    let affiliations = || a.affiliations.iter().map(|&o| thing(site, o)).collect();
    script_safe(&ActorDoc {
        context: "https://schema.org",
        thing: thing(site, i),
        job_title: m.role.as_deref().filter(|_| person),
        description: m.role.as_deref().filter(|_| !person),
        affiliation: if person { affiliations() } else { Vec::new() },
        member_of: if person { Vec::new() } else { affiliations() },
        same_as: &m.links,
        alternate_name: &m.aliases,
        image: site.images.value(&a.doc.path, m.image.as_ref(), Role::Portrait, &site.urls).map(ImageObject::of),
    })
}

/// The JSON-LD for an author's page: a `ProfilePage` about a `Person` (or
/// an `Organization`).
pub(super) fn author(site: &Site, i: AuthorIx) -> String {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Person<'a> {
        #[serde(flatten)]
        thing: Thing<'a>,
        #[serde(skip_serializing_if = "Option::is_none")]
        job_title: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<&'a str>,
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        same_as: &'a [HttpUrl],
        #[serde(skip_serializing_if = "Option::is_none")]
        works_for: Option<Publisher<'a>>,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Profile<'a> {
        #[serde(rename = "@context")]
        context: &'static str,
        #[serde(rename = "@type")]
        kind: &'static str,
        url: String,
        main_entity: Person<'a>,
    }
    let (m, u) = (&site.authors[i].doc.matter, &site.urls);
    let home = Some(u.absolute(&u.home()));
    // A job title and an employer are a person's; a desk's role describes it.
    let person = m.kind != Some(AuthorKind::Organization);
    let person = Person {
        thing: author_thing(site, i),
        job_title: m.role.as_deref().filter(|_| person),
        description: m.bio.as_deref().or(m.role.as_deref().filter(|_| !person)),
        same_as: &m.links,
        works_for: person.then(|| Publisher { kind: "Organization", name: &site.config.title, url: home }),
    };
    let url = person.thing.url.clone();
    script_safe(&Profile { context: "https://schema.org", kind: "ProfilePage", url, main_entity: person })
}

/// An author as a `Person` (or an `Organization`: a desk, an agency) with
/// the URL of their page, as search engines expect of an article's `author`.
fn author_thing(site: &Site, i: AuthorIx) -> Thing<'_> {
    let a = &site.authors[i];
    let kind = match a.doc.matter.kind {
        Some(AuthorKind::Organization) => "Organization",
        _ => "Person",
    };
    Thing { kind, name: &a.doc.matter.name, url: site.urls.absolute(&site.urls.author(&a.doc.id)) }
}

fn thing(site: &Site, i: ActorIx) -> Thing<'_> {
    let a = &site.actors[i];
    let kind = match a.doc.matter.kind {
        Some(ActorKind::Person) => "Person",
        Some(ActorKind::State) => "Country",
        Some(ActorKind::Institution) => "GovernmentOrganization",
        _ => "Organization",
    };
    Thing { kind, name: &a.doc.matter.name, url: site.urls.absolute(&site.urls.actor(&a.doc.id)) }
}

/// JSON that cannot end its `<script>` element early: `<`, `>` and `&` can
/// only occur inside JSON strings, where their `\u` escapes mean the same.
fn script_safe(doc: &impl Serialize) -> String {
    let mut json = Vec::with_capacity(2048);
    // Writing to memory cannot fail, nor can these plain structs refuse to serialize.
    let _ = serde_json::to_writer(&mut json, doc);
    // One scan of the whole text: serde_json writes it a few bytes at a time.
    let mut rest = &json[..];
    let mut out = Vec::new();
    while let Some(i) = memchr::memchr3(b'<', b'>', b'&', rest) {
        out.extend_from_slice(&rest[..i]);
        out.extend_from_slice(match rest[i] {
            b'<' => b"\\u003c",
            b'>' => b"\\u003e",
            _ => b"\\u0026",
        });
        rest = &rest[i + 1..];
    }
    let safe = if out.is_empty() {
        json
    } else {
        out.extend_from_slice(rest);
        out
    };
    // serde_json writes UTF-8 and the escapes are ASCII.
    String::from_utf8(safe).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn script_content_cannot_close_the_tag() {
        let out = super::script_safe(&serde_json::json!({ "a": "</script><b>&" }));
        assert!(!out.contains('<') && !out.contains('>') && !out.contains('&'), "{out}");
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["a"], "</script><b>&");
    }
}
