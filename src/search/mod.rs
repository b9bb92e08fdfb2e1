//! Full-text search for static hosting: one record per page, taken from the
//! resolved site (titles, summaries, quotes, body text) rather than from
//! re-parsed HTML, indexed into a Pagefind bundle (a chunked index the
//! browser fetches piece by piece, searched by Pagefind's script).
//!
//! Filters: `type` on every record; `actor`, `question`, `topic` and
//! `stance` on briefings (every actor involved, every question and stance of
//! its positions); each actor, question and topic page carries its own name
//! so that filtering by an actor also finds the actor's page.

#[cfg(feature = "search")]
mod index;
#[cfg(feature = "search")]
mod page;
#[cfg(feature = "search")]
mod pagefind;
#[cfg(feature = "search")]
mod words;

use std::collections::BTreeMap;

use crate::markdown::Inline;
use crate::resolve::{Entity, Ix, Site};

/// The folder, under the output, that holds the search bundle.
pub use crate::urls::SEARCH_BUNDLE_DIR as BUNDLE_DIR;

/// One searchable page.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Root-relative, with the site's base path.
    pub url: String,
    /// The page's title.
    pub title: String,
    /// Plain text, in reading order.
    pub text: String,
    /// Extra fields shown with a result (`kind`, `date`).
    pub meta: BTreeMap<String, String>,
    /// Filter values (actor, question, topic, stance) by filter name.
    pub filters: BTreeMap<String, Vec<String>>,
    /// `date`: YYYY-MM-DD on briefings; on other pages a value above every
    /// date, so a filter-only listing, newest first, starts with the actor's
    /// (question's, topic's) own page. Pagefind drops records without the
    /// key from sorted results, so every record has one.
    pub sort: BTreeMap<String, String>,
    /// The page's language (its site's): Pagefind indexes each language
    /// apart, and a page searches its own.
    pub language: String,
}

impl Record {
    fn new(url: String, title: &str, kind: &str) -> Self {
        let mut r = Record {
            url,
            title: title.to_owned(),
            text: String::new(),
            meta: BTreeMap::new(),
            filters: BTreeMap::new(),
            sort: BTreeMap::new(),
            language: String::new(),
        };
        r.meta.insert("kind".into(), kind.into());
        r.sort.insert("date".into(), "9999".into());
        r.filter("type", kind);
        r
    }

    /// The fields shown with a result: its own and its title.
    #[cfg(feature = "search")]
    fn shown(&self) -> BTreeMap<String, String> {
        let mut meta = self.meta.clone();
        meta.insert("title".into(), self.title.clone());
        meta
    }

    fn filter(&mut self, name: &str, value: &str) {
        let values = self.filters.entry(name.to_owned()).or_default();
        if !values.iter().any(|v| v == value) {
            values.push(value.to_owned());
        }
    }

    /// Appends a paragraph of plain text.
    fn say(&mut self, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.text.push_str(text.trim());
    }
}

/// Every page worth finding: briefings, actors, questions, topics, pages,
/// in the order of [`entities`].
pub fn records(site: &Site) -> Vec<Record> {
    use rayon::prelude::*;
    let entities: Vec<Entity> = entities(site).collect();
    entities.into_par_iter().map(|e| record(site, e)).collect()
}

/// Every entity with a page, in a fixed order: briefings, actors,
/// questions, topics, pages, authors.
pub fn entities(site: &Site) -> impl Iterator<Item = Entity> + '_ {
    site.entities()
}

/// Where `entity`'s record sits in [`records`].
pub fn record_index(site: &Site, entity: Entity) -> usize {
    let (b, a, q, t) = (site.briefings.len(), site.actors.len(), site.questions.len(), site.topics.len());
    match entity {
        Entity::Briefing(i) => i.get(),
        Entity::Actor(i) => b + i.get(),
        Entity::Question(i) => b + a + i.get(),
        Entity::Topic(i) => b + a + q + i.get(),
        Entity::Page(i) => b + a + q + t + i,
        Entity::Author(i) => b + a + q + t + site.pages.len() + i.get(),
    }
}

/// The search record of one entity's page.
pub fn record(site: &Site, entity: Entity) -> Record {
    Record { language: site.config.language.clone(), ..record_of(site, entity) }
}

/// [`record`], its language left empty.
fn record_of(site: &Site, entity: Entity) -> Record {
    let (u, w) = (&site.urls, |key: &str| site.words.get(key));
    match entity {
        Entity::Briefing(i) => briefing_record(site, i),
        Entity::Actor(i) => {
            let a = &site.actors[i];
            let m = &a.doc.matter;
            let aliases = m.aliases.join(", ");
            let lines = [m.role.as_deref(), Some(aliases.as_str())];
            entity_record(u.actor(&a.doc.id), &m.name, &w("page-actor"), Some("actor"), &lines, &a.body.html)
        }
        Entity::Question(i) => {
            let q = &site.questions[i];
            let m = &q.doc.matter;
            let lines = [m.summary.as_deref()];
            entity_record(u.question(&q.doc.id), &m.title, &w("page-question"), Some("question"), &lines, &q.body.html)
        }
        Entity::Topic(i) => {
            let t = &site.topics[i];
            let lines = [t.description.as_deref()];
            entity_record(u.topic(&t.id), &t.title, &w("page-topic"), Some("topic"), &lines, &t.body.html)
        }
        Entity::Page(i) => {
            let p = &site.pages[i];
            let m = &p.doc.matter;
            entity_record(u.page(&p.doc.id), &m.title, &w("page-page"), None, &[m.summary.as_deref()], &p.body.html)
        }
        Entity::Author(i) => {
            let a = &site.authors[i];
            let m = &a.doc.matter;
            let lines = [m.role.as_deref(), m.bio.as_deref()];
            entity_record(u.author(&a.doc.id), &m.name, &w("page-author"), Some("author"), &lines, &a.body.html)
        }
    }
}

/// A briefing's search record: its words, and filters by actor, author,
/// stance, question and topic.
fn briefing_record(site: &Site, i: crate::resolve::BriefingIx) -> Record {
    let b = &site.briefings[i];
    let m = &b.doc.matter;
    let mut r = Record::new(site.urls.briefing(&b.doc.id), &m.title, &site.words.get("page-briefing"));
    r.meta.insert("date".into(), m.date.ymd());
    r.sort.insert("date".into(), m.date.ymd());
    r.say(&m.title);
    r.say(Inline::text_of(&b.summary).unwrap_or_default());
    for &a in &b.actors {
        r.filter("actor", &site.actors[a].doc.matter.name);
    }
    for &a in &b.authors {
        r.filter("author", &site.authors[a].doc.matter.name);
    }
    for p in &b.positions {
        r.filter("stance", &site.words.stance(p.stance));
        if let Some(q) = p.question {
            r.filter("question", &site.questions[q].doc.matter.title);
        }
        r.say(Inline::text_of(&p.summary).unwrap_or_default());
        r.say(Inline::text_of(&p.quote).unwrap_or_default());
    }
    for &t in &b.topics {
        r.filter("topic", &site.topics[t].title);
    }
    r.say(&body_text(&b.body.html));
    r
}

/// A record for a page about one thing: its title (also filed under
/// `filter`, if given, so filtering by an actor finds the actor's page),
/// then `lines`, then the body's text.
fn entity_record(
    url: String,
    title: &str,
    kind: &str,
    filter: Option<&str>,
    lines: &[Option<&str>],
    body: &crate::markdown::Html,
) -> Record {
    let mut r = Record::new(url, title, kind);
    if let Some(name) = filter {
        r.filter(name, title);
    }
    r.say(title);
    for line in lines.iter().flatten() {
        r.say(line);
    }
    r.say(&body_text(body));
    r
}

/// Makes search bundles; one kept between bundles reads again only the
/// records that changed (`serve`, after each edit).
#[derive(Default)]
pub struct Indexer {
    #[cfg(feature = "search")]
    inner: index::Indexer,
}

impl Indexer {
    /// The search bundle for `records`: paths relative to the output
    /// folder (under [`BUNDLE_DIR`]) and their bytes.
    ///
    /// With `one_language`, every record is indexed in it (a site in one
    /// language); else each in its own, as separate indexes.
    pub fn bundle(
        &mut self,
        records: &[std::sync::Arc<Record>],
        one_language: Option<&str>,
    ) -> Result<Vec<(String, Vec<u8>)>, String> {
        #[cfg(feature = "search")]
        {
            let languages = match one_language {
                Some(language) => std::iter::once(language.to_owned()).collect(),
                None => records.iter().map(|r| r.language.to_ascii_lowercase()).collect(),
            };
            let runtime = pagefind::runtime(&languages)?;
            let files = self.inner.bundle(records, one_language, &runtime);
            let dir = std::path::Path::new(BUNDLE_DIR);
            Ok(files.into_iter().map(|(name, bytes)| (dir.join(name).to_string_lossy().into_owned(), bytes)).collect())
        }
        #[cfg(not(feature = "search"))]
        {
            let _ = (records, one_language);
            Err("this dossier was built without the `search` feature".into())
        }
    }

    /// How many records the last bundle read, of how many it indexed.
    pub fn last_read(&self) -> (usize, usize) {
        #[cfg(feature = "search")]
        return self.inner.last_read;
        #[cfg(not(feature = "search"))]
        (0, 0)
    }
}

/// A body's words, without what its directives place (cards, tables:
/// other pages' words).
fn body_text(html: &crate::markdown::Html) -> String {
    html_text(&crate::markdown::splice(&html.text(), |_| None))
}

/// The text of an HTML fragment as a reader sees it: tags dropped (block
/// tags become line breaks), `script` and `style` contents skipped, the
/// entities Markdown rendering produces decoded.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        let Some(gt) = rest.find('>') else {
            break; // a stray `<` in raw HTML: the rest is text
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if (name == "script" || name == "style") && !tag.starts_with('/') {
            let close = format!("</{name}");
            let end = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
            rest = &rest[end..];
            continue;
        }
        if is_block(&name) && !out.ends_with(['\n', ' ']) && !out.is_empty() {
            out.push('\n');
        }
    }
    push_decoded(&mut out, rest);
    out.truncate(out.trim_end().len());
    out
}

fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "br"
            | "div"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "section"
            | "figure"
            | "figcaption"
            | "hr"
            | "dt"
            | "dd"
    )
}

fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let entity = rest.find(';').filter(|&i| i <= 10).map(|i| (&rest[1..i], i + 1));
        let decoded = entity.and_then(|(name, len)| {
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" | "#39" | "#x27" => '\'',
                "nbsp" => ' ',
                _ => return None,
            };
            Some((c, len))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::html_text;

    #[test]
    fn html_text_keeps_words_and_drops_markup() {
        let html = "<h2 id=\"a\">Talks &amp; deals</h2>\n<p>One <em>two</em> &lt;three&gt;</p><script>var x = '<p>';</script><p>four&nbsp;five &unknown; a&b</p>";
        assert_eq!(html_text(html), "Talks & deals\n\nOne two <three>\nfour five &unknown; a&b");
    }

    #[test]
    fn html_text_survives_broken_markup() {
        assert_eq!(html_text("a < b"), "a < b");
        assert_eq!(html_text("<p>x<script>never closed"), "x");
        assert_eq!(html_text("<STYLE>p{}</STYLE>ok"), "ok");
    }
}
