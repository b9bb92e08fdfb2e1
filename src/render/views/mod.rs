//! View models: the plain data templates see.
//!
//! Short references to every entity (`ActorRef`, `BriefingRef`, …) are built
//! once and shared as `tera::Value`s, which clone by reference count: an
//! actor shown on ten thousand pages is serialized once, not ten thousand
//! times. Templates never see loader or resolver types.

mod again;
mod notice;
mod partials;
mod position;
mod preview;
mod shared;
mod sources;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Tera, Value};

use crate::content::model::{Date, Stance};
use crate::diagnostics::Diagnostic;
use crate::images::{PictureView, Role};
use crate::markdown::Inline;
use crate::resolve::{ActorIx, AuthorIx, Briefing, BriefingIx, Ix, PositionRef, QuestionIx, Site, Table, TopicIx, ix};
pub(in crate::render) use again::Kept;
pub(in crate::render) use partials::render_partial;
use partials::{BRIEFING_ITEM, FEED_ENTRY, POSITION, component};
use position::{PositionParts, PositionView, SourceLink};
use shared::Shared;
pub(super) use sources::SourceView;

/// Everything a page's view is made from: the site and the shared references.
pub(super) struct Ctx<'s> {
    pub site: &'s Site,
    pub refs: &'s Refs,
}

/// Serializes a view into a template value; shared `Value`s inside it are
/// reference-counted, not copied.
pub(super) fn value<T: Serialize>(view: &T) -> Value {
    Value::from_serializable(view)
}

/// Shared short references to every entity, indexed like `Site`'s lists.
pub(super) struct Refs {
    pub actors: Table<ActorIx, Value>,
    pub questions: Table<QuestionIx, Value>,
    pub topics: Table<TopicIx, Value>,
    pub authors: Table<AuthorIx, Value>,
    pub briefings: Table<BriefingIx, Value>,
    /// Per briefing, per position: its own parts, made once. The position as
    /// templates see it is put together when a page asks
    /// ([`Refs::position`]): held for every position through the build, those
    /// maps took a third of a large site's memory.
    positions: Table<BriefingIx, Vec<PositionParts>>,
    /// Per actor: the preview card shown over links to it (`html`), and
    /// the URL of those links (`url`).
    pub previews: Table<ActorIx, Value>,
    /// What directives in bodies place, made once the rest is (see
    /// `pages::embeds`).
    pub embeds: super::pages::Embeds,
    /// The briefings by year and month, which every page of the list of
    /// briefings shows: made when the first asks.
    pub archive: std::sync::OnceLock<Value>,
    shared: Shared,
}

#[derive(Serialize)]
struct ActorRef<'a> {
    id: &'a str,
    name: &'a str,
    url: String,
    kind: Option<&'static str>,
    kind_label: Option<String>,
    role: Option<&'a str>,
    /// The portrait.
    image: Option<PictureView>,
    /// The `actor_link` and `actor_card` components' HTML for the actor,
    /// rendered once: a page shows hundreds of links, and each component
    /// call costs more than the attribute lookup.
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    card: Option<Value>,
}

/// An author as bylines show them.
#[derive(Serialize)]
struct AuthorRef<'a> {
    id: &'a str,
    name: &'a str,
    url: String,
    /// Absolute URL (when `base_url` has a host), for feeds.
    permalink: String,
    role: Option<&'a str>,
    /// The portrait.
    image: Option<PictureView>,
}

#[derive(Serialize)]
struct QuestionRef<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
    /// A link to it, for messages that name it ("on { $question }").
    link: Value,
}

#[derive(Serialize)]
struct TopicRef<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
}

/// A briefing as lists and feeds show it.
#[derive(Serialize)]
struct BriefingRef<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
    /// A link to it, for messages that name it ("In { $briefing }").
    link: Value,
    /// Absolute URL (when `base_url` has a host), for feeds.
    permalink: String,
    date: Value,
    updated: Option<Value>,
    /// RFC 3339 times for feeds: first published, and last updated.
    published: String,
    modified: String,
    /// In words, for feeds; `summary_html` for pages.
    summary: Option<&'a str>,
    summary_html: Option<Value>,
    status: Option<&'static str>,
    /// The lead image, which lists show as a thumbnail.
    image: Option<PictureView>,
    topics: Vec<Value>,
    /// Its byline: who wrote it, in order.
    authors: Vec<Value>,
    /// `partials/briefing_item.html` rendered for it; absent while that renders.
    #[serde(skip_serializing_if = "Option::is_none")]
    html: Option<Value>,
    /// `partials/feed_entry.xml` rendered for it, when the site has feeds:
    /// a briefing is an entry of many feeds.
    #[serde(skip_serializing_if = "Option::is_none")]
    entry: Option<Value>,
}

impl Refs {
    /// Every value made once and shared by pages (see the module's text):
    /// first the references others hold, then the rest.
    pub(super) fn shared(&self) -> [Vec<&Value>; 2] {
        let parts = self.positions.iter().flatten().flat_map(|p| {
            let optional = [&p.summary, &p.quote, &p.original_quote, &p.corrections, &p.html];
            [&p.date, &p.sources].into_iter().chain(optional.into_iter().flatten())
        });
        let tables = [self.actors.iter(), self.questions.iter(), self.topics.iter(), self.authors.iter()];
        [
            tables.into_iter().flatten().collect(),
            self.briefings.iter().chain(self.previews.iter()).chain(parts).collect(),
        ]
    }

    /// Builds every reference once; list items and positions are rendered
    /// through their partial templates here, once each, and reused by every
    /// page that shows them.
    pub(super) fn build(site: &Site, tera: &Tera) -> Result<Refs, Diagnostic> {
        let shared = Shared::new(site, tera)?;
        let actors = (ix::all(site.actors.len()).collect::<Vec<_>>().into_par_iter())
            .map(|a| actor_ref(site, tera, a))
            .collect::<Result<_, _>>()?;
        let questions = ix::all(site.questions.len()).map(|q| question_ref(site, q)).collect();
        let topics = ix::all(site.topics.len()).map(|t| topic_ref(site, t)).collect();
        let authors = ix::all(site.authors.len()).map(|a| author_ref(site, a)).collect();
        let briefings = site
            .briefings
            .par_iter()
            .map(|b| briefing_ref(tera, site, &shared, (&topics, &authors), b))
            .collect::<Result<_, _>>()?;
        let positions = site.briefings.par_iter().map(|b| position_parts(site, &shared, b)).collect();
        let tables = Tables { actors, questions, topics, authors, briefings, positions };
        Refs::assemble(site, tera, tables, shared)
    }

    /// The references of `tables` with the actors' previews, and every
    /// position's partial rendered that has none yet.
    fn assemble(site: &Site, tera: &Tera, t: Tables, shared: Shared) -> Result<Refs, Diagnostic> {
        let previews = (0..site.actors.len())
            .into_par_iter()
            .map(|a| preview::preview(tera, site, &shared, ActorIx::new(a), (&t.actors, &t.questions)))
            .collect::<Result<_, _>>()?;
        let Tables { actors, questions, topics, authors, briefings, positions } = t;
        let embeds = Default::default();
        let archive = std::sync::OnceLock::new();
        let mut refs =
            Refs { actors, questions, topics, authors, briefings, positions, previews, embeds, archive, shared };
        refs.render_positions(site, tera)?;
        Ok(refs)
    }

    /// Renders the partial of every position that has none. The partial
    /// sees the position as pages do, less its own `html`. One flat list,
    /// so one briefing's many positions share the threads.
    fn render_positions(&mut self, site: &Site, tera: &Tera) -> Result<(), Diagnostic> {
        let every: Vec<PositionRef> = (self.positions.enumerate())
            .flat_map(|(briefing, ps)| {
                let missing = ps.iter().enumerate().filter(|(_, p)| p.html.is_none());
                missing.map(move |(position, _)| PositionRef { briefing, position })
            })
            .collect();
        let html: Vec<Value> = every
            .par_iter()
            .with_min_len(64)
            .map(|&r| render_partial(tera, POSITION, "p", self.position_view(site, r, None)))
            .collect::<Result<_, _>>()?;
        for (r, html) in every.into_iter().zip(html) {
            self.positions[r.briefing][r.position].html = Some(html);
        }
        Ok(())
    }

    /// The entries of `list` at `indices`, borrowed: serializing the page
    /// clones each once (by refcount), no need to before.
    pub(super) fn pick<I: Ix>(list: &Table<I, Value>, indices: impl IntoIterator<Item = I>) -> Vec<&Value> {
        indices.into_iter().map(|i| &list[i]).collect()
    }

    /// A stance as templates see it.
    pub(super) fn stance(&self, s: Stance) -> &Value {
        self.shared.stance(s)
    }

    /// A date as templates see it.
    pub(super) fn date(&self, d: &Date) -> Value {
        self.shared.date(d)
    }

    /// A correction or update as templates see it.
    pub(super) fn notice(&self, n: &crate::resolve::Notice) -> Value {
        notice::notice(&self.shared, n)
    }

    /// The position as every page shows it, with `html`.
    pub(super) fn position(&self, site: &Site, r: PositionRef) -> Value {
        self.position_view(site, r, self.positions[r.briefing][r.position].html.as_ref())
    }

    /// Borrows every part: serializing into a `Value` clones each once
    /// (by refcount), and a page asks for hundreds of positions.
    fn position_view(&self, site: &Site, r: PositionRef, html: Option<&Value>) -> Value {
        let (b, p) = (r.briefing, r.position);
        let pos = &site.briefings[b].positions[p];
        let parts = &self.positions[b][p];
        value(&PositionView {
            actor: &self.actors[pos.actor],
            question: pos.question.map(|q| &self.questions[q]),
            stance: self.shared.stance(pos.stance),
            summary: parts.summary.as_ref(),
            quote: parts.quote.as_ref(),
            original_quote: parts.original_quote.as_ref(),
            date: &parts.date,
            briefing: &self.briefings[b],
            sources: &parts.sources,
            changed_from: site.index.changed_from[b][p].map(|s| self.shared.stance(s)),
            corrections: parts.corrections.as_ref(),
            html,
        })
    }
}

/// The references of each kind, before the previews (made from them).
struct Tables {
    actors: Table<ActorIx, Value>,
    questions: Table<QuestionIx, Value>,
    topics: Table<TopicIx, Value>,
    authors: Table<AuthorIx, Value>,
    briefings: Table<BriefingIx, Value>,
    positions: Table<BriefingIx, Vec<PositionParts>>,
}

/// An actor's reference, with its link and card components rendered.
fn actor_ref(site: &Site, tera: &Tera, a: ActorIx) -> Result<Value, Diagnostic> {
    let (urls, a) = (&site.urls, &site.actors[a]);
    let m = &a.doc.matter;
    let mut actor = ActorRef {
        id: a.doc.id.as_str(),
        name: &m.name,
        url: urls.actor(&a.doc.id),
        kind: m.kind.map(|k| k.as_str()),
        kind_label: m.kind.map(|k| site.words.get(&format!("kind-{}", k.as_str())).into_owned()),
        role: m.role.as_deref(),
        image: site.images.value(&a.doc.path, m.image.as_ref(), Role::Portrait, urls),
        link: None,
        card: None,
    };
    let plain = value(&actor);
    actor.link = component(tera, "actor_link", "actor", &plain)?;
    actor.card = component(tera, "actor_card", "actor", &plain)?;
    Ok(value(&actor))
}

fn question_ref(site: &Site, q: QuestionIx) -> Value {
    let q = &site.questions[q];
    let (url, title) = (site.urls.question(&q.doc.id), &q.doc.matter.title);
    value(&QuestionRef { id: q.doc.id.as_str(), title, link: link(&url, title), url })
}

fn topic_ref(site: &Site, t: TopicIx) -> Value {
    let t = &site.topics[t];
    value(&TopicRef { id: t.id.as_str(), title: &t.title, url: site.urls.topic(&t.id) })
}

fn author_ref(site: &Site, a: AuthorIx) -> Value {
    let a = &site.authors[a];
    let (id, m) = (a.doc.id.as_str(), &a.doc.matter);
    let url = site.urls.author(id);
    let permalink = site.urls.absolute(&url);
    let image = site.images.value(&a.doc.path, m.image.as_ref(), Role::Portrait, &site.urls);
    value(&AuthorRef { id, name: &m.name, url, permalink, role: m.role.as_deref(), image })
}

/// `<a href="url">title</a>`, escaped as templates escape: what messages
/// take where their words name a page ("on { $question }").
fn link(url: &str, title: &str) -> Value {
    let mut html = Vec::with_capacity(url.len() + title.len() + 16);
    html.extend_from_slice(b"<a href=\"");
    // Writing to a Vec cannot fail.
    let _ = tera::escape_html(url, &mut html);
    html.extend_from_slice(b"\">");
    let _ = tera::escape_html(title, &mut html);
    html.extend_from_slice(b"</a>");
    Value::safe_string(&String::from_utf8_lossy(&html))
}

/// A briefing's reference, with its list item rendered.
fn briefing_ref(
    tera: &Tera,
    site: &Site,
    shared: &Shared,
    (topics, authors): (&Table<TopicIx, Value>, &Table<AuthorIx, Value>),
    b: &Briefing,
) -> Result<Value, Diagnostic> {
    let urls = &site.urls;
    let m = &b.doc.matter;
    let url = urls.briefing(&b.doc.id);
    let mut item = BriefingRef {
        id: b.doc.id.as_str(),
        title: &m.title,
        link: link(&url, &m.title),
        url,
        permalink: urls.absolute(&urls.briefing(&b.doc.id)),
        published: m.date.rfc3339(),
        modified: b.modified.rfc3339(),
        date: shared.date(&m.date),
        updated: m.updated.as_ref().map(|d| shared.date(d)),
        summary: Inline::text_of(&b.summary),
        summary_html: b.summary.as_ref().map(|s| Value::safe_string(s.html())),
        status: m.status.map(|s| s.as_str()),
        image: site.images.value(&b.doc.path, m.image.as_deref(), Role::Wide, urls),
        topics: b.topics.iter().map(|&t| topics[t].clone()).collect(),
        authors: b.authors.iter().map(|&a| authors[a].clone()).collect(),
        html: None,
        entry: None,
    };
    let plain = value(&item);
    item.html = Some(render_partial(tera, BRIEFING_ITEM, "briefing", plain.clone())?);
    if site.config.feeds {
        item.entry = Some(render_partial(tera, FEED_ENTRY, "b", plain)?);
    }
    Ok(value(&item))
}

/// The own parts of a briefing's positions, with links to its numbered
/// sources (shared by its positions).
fn position_parts(site: &Site, shared: &Shared, b: &Briefing) -> Vec<PositionParts> {
    let url = site.urls.briefing(&b.doc.id);
    let links: Vec<Value> = b
        .sources
        .iter()
        .enumerate()
        .map(|(n, s)| value(&SourceLink { number: n + 1, title: &s.title, url: format!("{url}#source-{}", s.id) }))
        .collect();
    b.positions.iter().map(|p| PositionParts::new(p, (&links, &b.corrections), shared)).collect()
}
