//! Open data: the site's positions, actors and sources as files researchers
//! can load directly (`/data/`), each JSON file with its JSON Schema beside
//! it. Built from the resolved site with serde_json and csv, not templates.

use std::io::{self, Write};

use serde::Serialize;

use crate::content::model::{Date, SourceKind, SourceMatter};
use crate::images::Role;
use crate::markdown::Inline;
use crate::resolve::{ActorIx, PositionRef, Site, chronological, ix};

use crate::output::Sink;

pub(crate) use crate::urls::DATA_DIR;

const SCHEMAS: &[(&str, &str)] = &[
    ("positions.schema.json", include_str!("schemas/positions.schema.json")),
    ("actors.schema.json", include_str!("schemas/actors.schema.json")),
    ("sources.schema.json", include_str!("schemas/sources.schema.json")),
];

#[derive(Serialize)]
struct PositionRow<'a> {
    actor: &'a str,
    actor_name: &'a str,
    question: Option<&'a str>,
    question_title: Option<&'a str>,
    stance: &'static str,
    date: String,
    summary: Option<&'a str>,
    quote: Option<&'a str>,
    changed_from: Option<&'static str>,
    sources: Vec<SourceRef<'a>>,
    briefing: &'a str,
    briefing_title: &'a str,
    briefing_url: String,
    /// The language of its words, on a site in several.
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    /// The quote as said, when `quote` is a translation of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    quote_original: Option<&'a str>,
}

#[derive(Serialize)]
struct SourceRef<'a> {
    title: &'a str,
    publisher: Option<&'a str>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct ActorRow<'a> {
    id: &'a str,
    name: &'a str,
    kind: Option<&'static str>,
    role: Option<&'a str>,
    aliases: &'a [String],
    affiliations: Vec<&'a str>,
    links: Vec<&'a str>,
    url: String,
    positions: usize,
    briefings: usize,
    /// The portrait: its largest file, alt text, caption and credit.
    image: Option<DataImage>,
    /// The language of its words, on a site in several.
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
}

#[derive(Serialize)]
struct DataImage {
    url: String,
    alt: String,
    caption: Option<String>,
    credit: Option<String>,
}

/// Makes every data file and writes each to `out` as it is made, the big
/// ones streamed: on a big site they run to tens of megabytes. Returns how
/// many there were, or the file that could not be written and why.
///
/// On a site in several languages each language has its files (under
/// `/<code>/data/` but the default's), their rows saying which language
/// their words are in.
pub(crate) fn files(site: &Site, out: Sink) -> Result<usize, (String, io::Error)> {
    let folder = match site.lang {
        0 => DATA_DIR.to_owned(),
        n => format!("{}/{DATA_DIR}", site.languages.list[n].code.to_ascii_lowercase()),
    };
    let put = |name: &str, write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>| {
        let rel = format!("{folder}/{name}");
        out.put_streamed(&rel, write).map_err(|e| (rel, e))
    };
    let rows = Rows { site, order: position_order(site) };
    put("positions.json", &mut |w| records(w, rows.iter()))?;
    put("positions.csv", &mut |w| positions_csv(w, &rows))?;
    put("actors.json", &mut |w| records(w, actors(site)))?;
    put("sources.csl.json", &mut |w| records(w, sources(site)))?;
    for (name, text) in SCHEMAS {
        let text = match site.languages.several() {
            true => with_languages(text),
            false => (*text).to_owned(),
        };
        put(name, &mut |w| w.write_all(text.as_bytes()))?;
    }
    Ok(4 + SCHEMAS.len())
}

/// A JSON list with one record per line: valid JSON for any tool, and
/// still a file to grep, diff and read. Indented, the positions were twice
/// the size, and serde_json spent most of its time writing spaces.
fn records<T: Serialize>(w: &mut dyn Write, items: impl IntoIterator<Item = T>) -> io::Result<()> {
    // serde_json writes a few bytes at a time (a quote, a comma): gathered
    // in a buffer of a known type, not one dynamic call each.
    let mut w = io::BufWriter::with_capacity(64 * 1024, w);
    let mut first = true;
    for item in items {
        w.write_all(if first { b"[\n" } else { b",\n" })?;
        first = false;
        serde_json::to_writer(&mut w, &item)?;
    }
    w.write_all(if first { b"[]\n" } else { b"\n]\n" })?;
    w.flush()
}

/// Every position as (briefing, position) indices, oldest first; positions
/// of one day in briefing order, then list order.
fn position_order(site: &Site) -> Vec<PositionRef> {
    let mut order: Vec<PositionRef> = ix::all(site.briefings.len())
        .zip(&site.briefings)
        .flat_map(|(briefing, x)| (0..x.positions.len()).map(move |position| PositionRef { briefing, position }))
        .collect();
    order.sort_by_cached_key(|r| chronological(&site.briefings, r.briefing, r.position));
    order
}

/// The position rows in `order`, each made as it is written: on a big site
/// they would take tens of megabytes at once.
struct Rows<'a> {
    site: &'a Site,
    order: Vec<PositionRef>,
}

impl<'a> Rows<'a> {
    fn iter(&self) -> impl Iterator<Item = PositionRow<'a>> + '_ {
        self.order.iter().map(|&r| position_row(self.site, r))
    }
}

/// A schema whose rows also say their words' language, and the positions'
/// the quote as said: the fields a site in several languages adds.
fn with_languages(schema: &str) -> String {
    let Ok(mut json) = serde_json::from_str::<serde_json::Value>(schema) else { return schema.to_owned() };
    if let Some(properties) = json.pointer_mut("/items/properties").and_then(|p| p.as_object_mut()) {
        let language = "The language (BCP 47) of the row's words: its page's, or the default language's where the page is not translated.";
        properties.insert("language".into(), serde_json::json!({ "type": "string", "description": language }));
        if properties.contains_key("quote") {
            let original = "The quote as said, when `quote` is its translation.";
            properties
                .insert("quote_original".into(), serde_json::json!({ "type": "string", "description": original }));
        }
    }
    serde_json::to_string_pretty(&json).map_or_else(|_| schema.to_owned(), |s| s + "\n")
}

/// The language of an entity's words on a site in several: the site's
/// where it is translated, else the default's.
fn words_language(site: &Site, entity: crate::resolve::Entity) -> Option<&str> {
    let languages = &site.languages;
    let lang = if site.translated(entity) { site.lang } else { 0 };
    languages.several().then(|| languages.list[lang].code.as_str())
}

fn position_row(site: &Site, r: PositionRef) -> PositionRow<'_> {
    let u = &site.urls;
    let b = &site.briefings[r.briefing];
    let p = &b.positions[r.position];
    let actor = &site.actors[p.actor].doc;
    let question = p.question.map(|q| &site.questions[q].doc);
    PositionRow {
        actor: actor.id.as_str(),
        actor_name: &actor.matter.name,
        question: question.map(|q| q.id.as_str()),
        question_title: question.map(|q| q.matter.title.as_str()),
        stance: p.stance.as_str(),
        date: p.date.ymd(),
        summary: Inline::text_of(&p.summary),
        quote: Inline::text_of(&p.quote),
        changed_from: site.index.changed_from[r.briefing][r.position].map(|s| s.as_str()),
        sources: p.sources.iter().map(|&s| source_ref(&b.sources[s])).collect(),
        briefing: b.doc.id.as_str(),
        briefing_title: &b.doc.matter.title,
        briefing_url: u.absolute(&u.briefing(&b.doc.id)),
        language: words_language(site, crate::resolve::Entity::Briefing(r.briefing)),
        quote_original: Inline::text_of(&p.original_quote),
    }
}

fn source_ref(s: &SourceMatter) -> SourceRef<'_> {
    SourceRef { title: &s.title, publisher: s.publisher.as_deref(), url: s.url.as_ref().map(|u| u.as_str()) }
}

/// A cell a spreadsheet will not run as a formula: text starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, as
/// OWASP recommends against CSV injection (a quote reading
/// `=HYPERLINK(…)` would otherwise be a live link in the researcher's sheet).
fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// The same rows, flat: several sources of one position are joined with
/// " | " in `source_titles` and `source_urls` (empty for a source without
/// a URL), so the two columns line up.
fn positions_csv(out: &mut dyn Write, rows: &Rows) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let e = io::Error::other;
    w.write_record([
        "actor",
        "actor_name",
        "question",
        "question_title",
        "stance",
        "date",
        "summary",
        "quote",
        "changed_from",
        "source_titles",
        "source_urls",
        "briefing",
        "briefing_title",
        "briefing_url",
    ])
    .map_err(e)?;
    for r in rows.iter() {
        let titles: Vec<&str> = r.sources.iter().map(|s| s.title).collect();
        let urls: Vec<&str> = r.sources.iter().map(|s| s.url.unwrap_or("")).collect();
        let record = [
            r.actor,
            r.actor_name,
            r.question.unwrap_or(""),
            r.question_title.unwrap_or(""),
            r.stance,
            &r.date,
            r.summary.unwrap_or(""),
            r.quote.unwrap_or(""),
            r.changed_from.unwrap_or(""),
            &titles.join(" | "),
            &urls.join(" | "),
            r.briefing,
            r.briefing_title,
            &r.briefing_url,
        ];
        let cells = record.map(inert);
        w.write_record(cells.iter().map(|c| c.as_bytes())).map_err(e)?;
    }
    w.flush()
}

fn actors(site: &Site) -> Vec<ActorRow<'_>> {
    let u = &site.urls;
    let ix = &site.index;
    ix::all::<ActorIx>(site.actors.len())
        .zip(&site.actors)
        .map(|(i, a)| {
            let m = &a.doc.matter;
            ActorRow {
                id: a.doc.id.as_str(),
                name: &m.name,
                kind: m.kind.map(|k| k.as_str()),
                role: m.role.as_deref(),
                aliases: &m.aliases,
                affiliations: a.affiliations.iter().map(|&o| site.actors[o].doc.id.as_str()).collect(),
                links: m.links.iter().map(|l| l.as_str()).collect(),
                url: u.absolute(&u.actor(&a.doc.id)),
                positions: ix.actor_positions[i].len(),
                briefings: ix.actor_briefings[i].len() + ix.actor_mentions[i].len(),
                image: site.images.value(&a.doc.path, m.image.as_ref(), Role::Portrait, u).map(|v| DataImage {
                    url: v.absolute,
                    alt: v.alt,
                    caption: v.caption,
                    credit: v.credit,
                }),
                language: words_language(site, crate::resolve::Entity::Actor(i)),
            }
        })
        .collect()
}

/// One source as CSL-JSON (the citation format Zotero and Pandoc read).
/// A struct rather than a JSON tree: a big site has tens of thousands.
#[derive(Serialize)]
struct CslItem<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<CslDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accessed: Option<CslDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(Serialize)]
struct CslDate {
    #[serde(rename = "date-parts")]
    parts: [[u16; 3]; 1],
}

impl From<&Date> for CslDate {
    fn from(d: &Date) -> Self {
        CslDate { parts: [[d.year, d.month.into(), d.day.into()]] }
    }
}

/// One CSL-JSON item per source (as the sources index counts them: the same
/// URL, or the same title and publisher, is one source), publishers in
/// alphabetical order. The id is the first citing briefing's and the
/// source's, which stays put as long as that briefing cites it.
fn sources(site: &Site) -> Vec<CslItem<'_>> {
    let mut items = Vec::new();
    for group in &site.index.sources {
        for used in &group.sources {
            let (b, s) = used.first;
            let source = &site.briefings[b].sources[s];
            let kind = match source.kind {
                Some(SourceKind::News) => "article-newspaper",
                Some(SourceKind::Analysis) => "article",
                Some(SourceKind::Data) => "dataset",
                Some(SourceKind::Primary) => "document",
                None if source.url.is_some() => "webpage",
                None => "document",
            };
            // A library source's id is its own, wherever it is cited.
            let id = match used.library {
                Some(_) => source.id.to_string(),
                None => format!("{}/{}", site.briefings[b].doc.id, source.id),
            };
            items.push(CslItem {
                id,
                kind,
                title: &source.title,
                publisher: source.publisher.as_deref(),
                url: source.url.as_ref().map(|u| u.as_str()),
                issued: source.date.as_ref().map(Into::into),
                accessed: source.accessed.as_ref().map(Into::into),
                note: source.archive.as_ref().map(|a| format!("Archived copy: {}", a.as_str())),
            });
        }
    }
    items
}
