//! Structured data for search engines: JSON-LD `NewsArticle` for briefings
//! and `Person` / `Organization` / `Country` for actors.
//!
//! Built with serde_json, not a template: inside `<script>` HTML entities are
//! not decoded, so escaping must be JSON's own (`<` as `\u003c`).

use serde_json::{Value, json};

use crate::content::model::ActorKind;
use crate::resolve::Site;

/// The JSON-LD for a briefing page.
pub fn briefing(site: &Site, i: usize) -> String {
    let b = &site.briefings[i];
    let m = &b.doc.matter;
    let u = &site.urls;
    let url = u.absolute(&u.briefing(&b.doc.id));
    let with_positions: Vec<usize> = b.positions.iter().map(|p| p.actor).collect();
    let about: Vec<Value> =
        b.actors.iter().filter(|a| with_positions.contains(a)).map(|&a| actor_ref(site, a)).collect();
    let mentions: Vec<Value> = b
        .actors
        .iter()
        .chain(&b.refs.actors)
        .filter(|a| !with_positions.contains(a))
        .map(|&a| actor_ref(site, a))
        .collect();
    let citation: Vec<Value> = b
        .sources
        .iter()
        .map(|s| {
            let mut c = json!({ "@type": "CreativeWork", "name": s.title });
            if let Some(url) = &s.url {
                c["url"] = json!(url.as_str());
            }
            if let Some(p) = &s.publisher {
                c["publisher"] = json!({ "@type": "Organization", "name": p });
            }
            if let Some(d) = &s.date {
                c["datePublished"] = json!(d.ymd());
            }
            c
        })
        .collect();
    let mut doc = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": m.title,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": m.date.rfc3339(),
        "dateModified": m.updated.as_ref().unwrap_or(&m.date).rfc3339(),
        "inLanguage": site.config.language,
        "publisher": { "@type": "Organization", "name": site.config.title, "url": u.absolute(&u.home()) },
        "about": about,
        "mentions": mentions,
        "citation": citation,
        "keywords": b.topics.iter().map(|&t| site.topics[t].title.as_str()).collect::<Vec<_>>(),
    });
    if let Some(summary) = &m.summary {
        doc["description"] = json!(summary);
    }
    script_safe(&doc)
}

/// The JSON-LD for an actor page.
pub fn actor(site: &Site, i: usize) -> String {
    let a = &site.actors[i];
    let m = &a.doc.matter;
    let mut doc = actor_ref(site, i);
    doc["@context"] = json!("https://schema.org");
    if let Some(role) = &m.role {
        let key = if m.kind == Some(ActorKind::Person) { "jobTitle" } else { "description" };
        doc[key] = json!(role);
    }
    if !a.affiliations.is_empty() {
        let key = if m.kind == Some(ActorKind::Person) { "affiliation" } else { "memberOf" };
        doc[key] = json!(a.affiliations.iter().map(|&o| actor_ref(site, o)).collect::<Vec<_>>());
    }
    if !m.links.is_empty() {
        doc["sameAs"] = json!(m.links.iter().map(|l| l.as_str()).collect::<Vec<_>>());
    }
    if !m.aliases.is_empty() {
        doc["alternateName"] = json!(m.aliases);
    }
    script_safe(&doc)
}

fn actor_ref(site: &Site, i: usize) -> Value {
    let a = &site.actors[i];
    let kind = match a.doc.matter.kind {
        Some(ActorKind::Person) => "Person",
        Some(ActorKind::State) => "Country",
        _ => "Organization",
    };
    json!({ "@type": kind, "name": a.doc.matter.name, "url": site.urls.absolute(&site.urls.actor(&a.doc.id)) })
}

/// JSON that cannot end its `<script>` element early: `<`, `>` and `&` can
/// only occur inside JSON strings, where their `\u` escapes mean the same.
fn script_safe(doc: &Value) -> String {
    doc.to_string().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
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
