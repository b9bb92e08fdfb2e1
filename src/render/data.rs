//! Open data: the site's positions, actors and sources as files researchers
//! can load directly (`/data/`), each JSON file with its JSON Schema beside
//! it. Built from the resolved site with serde_json and csv, not templates.

use serde::Serialize;

use crate::content::model::{Date, SourceKind, SourceMatter};
use crate::resolve::Site;

/// The folder, under the output, that holds the data files.
pub const DATA_DIR: &str = "data";

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
}

/// Makes every data file and hands each to `put` (path relative to the
/// output folder, bytes) as soon as it is made, so that at most one is in
/// memory: on a big site they run to tens of megabytes. Returns how many
/// there were; a file that cannot be encoded becomes `encode_failed`'s error.
pub fn files<E>(
    site: &Site,
    mut put: impl FnMut(&str, Vec<u8>) -> Result<(), E>,
    encode_failed: impl Fn(String) -> E,
) -> Result<usize, E> {
    let positions = positions(site);
    put(&path("positions.json"), pretty(&positions).map_err(&encode_failed)?)?;
    put(&path("positions.csv"), positions_csv(&positions).map_err(&encode_failed)?)?;
    drop(positions);
    put(&path("actors.json"), pretty(&actors(site)).map_err(&encode_failed)?)?;
    put(&path("sources.csl.json"), pretty(&sources(site)).map_err(&encode_failed)?)?;
    for (name, text) in SCHEMAS {
        put(&path(name), text.as_bytes().to_vec())?;
    }
    Ok(4 + SCHEMAS.len())
}

fn path(name: &str) -> String {
    format!("{DATA_DIR}/{name}")
}

fn pretty<T: Serialize>(value: &T) -> Result<Vec<u8>, String> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Oldest first; positions of one day in briefing order, then list order.
fn positions(site: &Site) -> Vec<PositionRow<'_>> {
    let u = &site.urls;
    let mut rows: Vec<(&Date, usize, usize, PositionRow)> = Vec::new();
    for (bi, b) in site.briefings.iter().enumerate() {
        for (pi, p) in b.positions.iter().enumerate() {
            let actor = &site.actors[p.actor].doc;
            let question = p.question.map(|q| &site.questions[q].doc);
            let row = PositionRow {
                actor: actor.id.as_str(),
                actor_name: &actor.matter.name,
                question: question.map(|q| q.id.as_str()),
                question_title: question.map(|q| q.matter.title.as_str()),
                stance: p.stance.as_str(),
                date: p.date.ymd(),
                summary: p.summary.as_deref(),
                quote: p.quote.as_deref(),
                changed_from: site.index.changed_from[bi][pi].map(|s| s.as_str()),
                sources: p.sources.iter().map(|&s| source_ref(&b.sources[s])).collect(),
                briefing: b.doc.id.as_str(),
                briefing_title: &b.doc.matter.title,
                briefing_url: u.absolute(&u.briefing(&b.doc.id)),
            };
            rows.push((&p.date, bi, pi, row));
        }
    }
    // Briefings are newest first: a later one of the same day sorts first.
    rows.sort_by(|x, y| x.0.cmp(y.0).then(y.1.cmp(&x.1)).then(x.2.cmp(&y.2)));
    rows.into_iter().map(|(_, _, _, row)| row).collect()
}

fn source_ref(s: &SourceMatter) -> SourceRef<'_> {
    SourceRef { title: &s.title, publisher: s.publisher.as_deref(), url: s.url.as_ref().map(|u| u.as_str()) }
}

/// The same rows, flat: several sources of one position are joined with
/// " | " in `source_titles` and `source_urls` (empty for a source without
/// a URL), so the two columns line up.
fn positions_csv(rows: &[PositionRow]) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let e = |e: csv::Error| e.to_string();
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
    for r in rows {
        let titles: Vec<&str> = r.sources.iter().map(|s| s.title).collect();
        let urls: Vec<&str> = r.sources.iter().map(|s| s.url.unwrap_or("")).collect();
        w.write_record([
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
        ])
        .map_err(e)?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

fn actors(site: &Site) -> Vec<ActorRow<'_>> {
    let u = &site.urls;
    let ix = &site.index;
    site.actors
        .iter()
        .enumerate()
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
            items.push(CslItem {
                id: format!("{}/{}", site.briefings[b].doc.id, source.id),
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
