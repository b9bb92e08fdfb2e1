//! View models: the plain data templates see.
//!
//! Short references to every entity (`ActorRef`, `BriefingRef`, …) are built
//! once and shared as `tera::Value`s, which clone by reference count: an
//! actor shown on ten thousand pages is serialized once, not ten thousand
//! times. Templates never see loader or resolver types.

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::diagnostics::Diagnostic;

use crate::content::model::{Date, SourceMatter, Stance};
use crate::resolve::{Position, Site, id_to_words};

/// Serializes a view into a template value; shared `Value`s inside it are
/// reference-counted, not copied.
pub fn value<T: Serialize>(view: &T) -> Value {
    Value::from_serializable(view)
}

/// Shared short references to every entity, indexed like `Site`'s lists.
pub struct Refs {
    pub actors: Vec<Value>,
    pub questions: Vec<Value>,
    pub topics: Vec<Value>,
    pub briefings: Vec<Value>,
    /// Per briefing, per position: its own parts, made once. The position as
    /// templates see it is put together when a page asks
    /// ([`Refs::position`]): held for every position through the build, those
    /// maps took a third of a large site's memory.
    positions: Vec<Vec<PositionParts>>,
    /// Per actor: the preview card shown over links to it (`html`), and
    /// the URL of those links (`url`).
    pub previews: Vec<Value>,
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
    image: Option<&'a str>,
    /// The `actor_link` and `actor_card` components' HTML for the actor,
    /// rendered once: a page shows hundreds of links, and each component
    /// call costs more than the attribute lookup.
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    card: Option<Value>,
}

#[derive(Serialize)]
struct QuestionRef<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
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
    /// Absolute URL (when `base_url` has a host), for feeds.
    permalink: String,
    date: Value,
    updated: Option<Value>,
    /// RFC 3339 times for feeds: first published, and last updated.
    published: String,
    modified: String,
    summary: Option<&'a str>,
    status: Option<&'static str>,
    topics: Vec<Value>,
    /// `partials/briefing_item.html` rendered for it; absent while that renders.
    #[serde(skip_serializing_if = "Option::is_none")]
    html: Option<Value>,
}

/// A date as templates want it: machine form for `<time datetime>` and
/// words for people.
#[derive(Serialize, Clone)]
struct DateView {
    iso: String,
    text: String,
    /// The `date` component's HTML for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    html: Option<Value>,
}

impl From<&Date> for DateView {
    fn from(d: &Date) -> Self {
        DateView { iso: d.ymd(), text: d.long(), html: None }
    }
}

/// A stance as a word (for the reader and screen readers), a key (for
/// the badge's CSS class) and the badge's symbol.
#[derive(Serialize, Clone)]
struct StanceView {
    key: &'static str,
    label: &'static str,
    mark: &'static str,
    /// The `stance_badge` component's HTML for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    badge: Option<Value>,
}

impl From<Stance> for StanceView {
    fn from(s: Stance) -> Self {
        StanceView { key: s.as_str(), label: s.label(), mark: s.mark(), badge: None }
    }
}

impl Refs {
    /// Builds every reference once; list items and positions are rendered
    /// through their partial templates here, once each, and reused by every
    /// page that shows them.
    pub fn build(site: &Site, tera: &Tera) -> Result<Refs, Diagnostic> {
        let urls = &site.urls;
        let shared = Shared::new(site, tera)?;
        let actors: Vec<Value> = site
            .actors
            .par_iter()
            .map(|a| {
                let m = &a.doc.matter;
                let mut actor = ActorRef {
                    id: a.doc.id.as_str(),
                    name: &m.name,
                    url: urls.actor(&a.doc.id),
                    kind: m.kind.map(|k| k.as_str()),
                    kind_label: m.kind.map(|k| id_to_words(k.as_str())),
                    role: m.role.as_deref(),
                    image: m.image.as_deref(),
                    link: None,
                    card: None,
                };
                let plain = value(&actor);
                actor.link = component(tera, "actor_link", "actor", &plain)?;
                actor.card = component(tera, "actor_card", "actor", &plain)?;
                Ok(value(&actor))
            })
            .collect::<Result<_, _>>()?;
        let questions: Vec<Value> = site
            .questions
            .iter()
            .map(|q| {
                value(&QuestionRef { id: q.doc.id.as_str(), title: &q.doc.matter.title, url: urls.question(&q.doc.id) })
            })
            .collect();
        let topics: Vec<Value> = site
            .topics
            .iter()
            .map(|t| value(&TopicRef { id: t.id.as_str(), title: &t.title, url: urls.topic(&t.id) }))
            .collect();
        let briefings: Vec<Value> = site
            .briefings
            .par_iter()
            .map(|b| {
                let m = &b.doc.matter;
                let mut item = BriefingRef {
                    id: b.doc.id.as_str(),
                    title: &m.title,
                    url: urls.briefing(&b.doc.id),
                    permalink: urls.absolute(&urls.briefing(&b.doc.id)),
                    published: m.date.rfc3339(),
                    modified: m.updated.as_ref().unwrap_or(&m.date).rfc3339(),
                    date: shared.date(&m.date),
                    updated: m.updated.as_ref().map(|d| shared.date(d)),
                    summary: m.summary.as_deref(),
                    status: m.status.map(|s| s.as_str()),
                    topics: b.topics.iter().map(|&t| topics[t].clone()).collect(),
                    html: None,
                };
                item.html = Some(render_partial(tera, BRIEFING_ITEM, "briefing", value(&item))?);
                Ok(value(&item))
            })
            .collect::<Result<_, _>>()?;
        let previews = (0..site.actors.len())
            .into_par_iter()
            .map(|a| preview(tera, site, &shared, a, (&actors, &questions)))
            .collect::<Result<_, _>>()?;
        let positions = site
            .briefings
            .par_iter()
            .map(|b| {
                // Links to the briefing's numbered sources, shared by its positions.
                let url = urls.briefing(&b.doc.id);
                let links: Vec<Value> = b
                    .sources
                    .iter()
                    .enumerate()
                    .map(|(n, s)| {
                        value(&SourceLink { number: n + 1, title: &s.title, url: format!("{url}#source-{}", s.id) })
                    })
                    .collect();
                b.positions.iter().map(|p| PositionParts::new(p, &links, &shared)).collect::<Vec<_>>()
            })
            .collect();
        let mut refs = Refs { actors, questions, topics, briefings, positions, previews, shared };
        // The partial sees the position as pages do, less its own `html`.
        // One flat list, so one briefing's many positions share the threads.
        let every: Vec<(usize, usize)> =
            refs.positions.iter().enumerate().flat_map(|(b, ps)| (0..ps.len()).map(move |p| (b, p))).collect();
        let html: Vec<Value> = every
            .par_iter()
            .with_min_len(64)
            .map(|&(b, p)| render_partial(tera, POSITION, "p", refs.position_view(site, b, p, None)))
            .collect::<Result<_, _>>()?;
        for ((b, p), html) in every.into_iter().zip(html) {
            refs.positions[b][p].html = Some(html);
        }
        Ok(refs)
    }

    /// The entries of `list` at `indices`, borrowed: serializing the page
    /// clones each once (by refcount), no need to before.
    pub fn pick(list: &[Value], indices: impl IntoIterator<Item = usize>) -> Vec<&Value> {
        indices.into_iter().map(|i| &list[i]).collect()
    }

    /// A stance as templates see it.
    pub fn stance(&self, s: Stance) -> &Value {
        self.shared.stance(s)
    }

    /// A date as templates see it.
    pub fn date(&self, d: &Date) -> Value {
        self.shared.date(d)
    }

    /// Position `p` of briefing `b` as every page shows it, with `html`.
    pub fn position(&self, site: &Site, b: usize, p: usize) -> Value {
        self.position_view(site, b, p, self.positions[b][p].html.as_ref())
    }

    /// Borrows every part: serializing into a `Value` clones each once
    /// (by refcount), and a page asks for hundreds of positions.
    fn position_view(&self, site: &Site, b: usize, p: usize, html: Option<&Value>) -> Value {
        let pos = &site.briefings[b].positions[p];
        let parts = &self.positions[b][p];
        value(&PositionView {
            actor: &self.actors[pos.actor],
            question: pos.question.map(|q| &self.questions[q]),
            stance: self.shared.stance(pos.stance),
            summary: parts.summary.as_ref(),
            quote: parts.quote.as_ref(),
            date: &parts.date,
            briefing: &self.briefings[b],
            sources: &parts.sources,
            changed_from: site.index.changed_from[b][p].map(|s| self.shared.stance(s)),
            html,
        })
    }
}

/// What is a position's own, as template values, made once: other fields
/// are shared references.
struct PositionParts {
    /// The shared date value, looked up once rather than on every page.
    date: Value,
    summary: Option<Value>,
    quote: Option<Value>,
    sources: Value,
    html: Option<Value>,
}

impl PositionParts {
    /// `links` are the position's briefing's sources.
    fn new(p: &Position, links: &[Value], shared: &Shared) -> Self {
        PositionParts {
            date: shared.date(&p.date),
            summary: p.summary.as_deref().map(Value::from),
            quote: p.quote.as_deref().map(Value::from),
            sources: Value::from(p.sources.iter().map(|&s| links[s].clone()).collect::<Vec<_>>()),
            html: None,
        }
    }
}

/// Stances and dates as template values, made once each: 40,000 positions
/// share five stances and a few thousand days.
struct Shared {
    stances: Vec<Value>,
    dates: HashMap<Date, Value>,
}

impl Shared {
    fn new(site: &Site, tera: &Tera) -> Result<Self, Diagnostic> {
        let stances = Stance::ALL
            .iter()
            .map(|&s| {
                let mut view = StanceView::from(s);
                view.badge = component(tera, "stance_badge", "stance", &value(&view))?;
                Ok(value(&view))
            })
            .collect::<Result<_, _>>()?;
        let mut days: Vec<&Date> = Vec::new();
        for b in &site.briefings {
            days.extend(b.positions.iter().map(|p| &p.date));
            days.extend([&b.doc.matter.date].into_iter().chain(&b.doc.matter.updated));
            days.extend(b.sources.iter().flat_map(|s| s.date.iter().chain(&s.accessed)));
        }
        days.sort_unstable();
        days.dedup();
        let dates = days
            .into_par_iter()
            .map(|d| {
                let mut view = DateView::from(d);
                view.html = component(tera, "date", "d", &value(&view))?;
                Ok((d.clone(), value(&view)))
            })
            .collect::<Result<_, _>>()?;
        Ok(Shared { stances, dates })
    }

    fn stance(&self, s: Stance) -> &Value {
        &self.stances[s as usize]
    }

    /// Every date of the site's briefings, positions and sources is made
    /// in advance; another (none yet) goes without `html`.
    fn date(&self, d: &Date) -> Value {
        self.dates.get(d).cloned().unwrap_or_else(|| value(&DateView::from(d)))
    }
}

/// A source as listed under a briefing, numbered.
#[derive(Serialize)]
pub struct SourceView<'a> {
    pub number: usize,
    pub id: &'a str,
    pub anchor: String,
    pub title: &'a str,
    pub publisher: Option<&'a str>,
    pub url: Option<&'a str>,
    pub archive: Option<&'a str>,
    pub date: Option<Value>,
    pub accessed: Option<Value>,
    pub kind: Option<&'static str>,
    /// Whether the text cites it, so the list can link back to the citation.
    pub cited: bool,
}

impl<'a> SourceView<'a> {
    pub fn new(refs: &Refs, number: usize, s: &'a SourceMatter, cited: bool) -> Self {
        SourceView {
            number,
            id: s.id.as_str(),
            anchor: format!("source-{}", s.id),
            title: &s.title,
            publisher: s.publisher.as_deref(),
            url: s.url.as_ref().map(|u| u.as_str()),
            archive: s.archive.as_ref().map(|u| u.as_str()),
            date: s.date.as_ref().map(|d| refs.date(d)),
            accessed: s.accessed.as_ref().map(|d| refs.date(d)),
            kind: s.kind.map(|k| k.as_str()),
            cited,
        }
    }
}

/// A link to a numbered source in some briefing's list.
#[derive(Serialize)]
pub struct SourceLink<'a> {
    pub number: usize,
    pub title: &'a str,
    pub url: String,
}

/// A position as every page shows it; with `html`, `partials/position.html`
/// rendered for it.
#[derive(Serialize)]
struct PositionView<'a> {
    actor: &'a Value,
    question: Option<&'a Value>,
    stance: &'a Value,
    summary: Option<&'a Value>,
    quote: Option<&'a Value>,
    date: &'a Value,
    briefing: &'a Value,
    sources: &'a Value,
    /// The actor's previous stance on this question, when this one changed it.
    changed_from: Option<&'a Value>,
    /// `partials/position.html` rendered for it; absent while that renders.
    #[serde(skip_serializing_if = "Option::is_none")]
    html: Option<&'a Value>,
}

/// Most stances an actor's preview card lists.
const PREVIEW_STANCES: usize = 3;

#[derive(Serialize)]
struct PreviewStance {
    question: Value,
    stance: Value,
    date: Value,
}

#[derive(Serialize)]
struct ActorPreview {
    actor: Value,
    /// The latest stance on each question, newest first.
    stances: Vec<PreviewStance>,
    positions: usize,
    briefings: usize,
}

fn preview(
    tera: &Tera,
    site: &Site,
    shared: &Shared,
    a: usize,
    (actors, questions): (&[Value], &[Value]),
) -> Result<Value, Diagnostic> {
    let ix = &site.index;
    let mut stances: Vec<PreviewStance> = Vec::new();
    let mut seen: Vec<usize> = Vec::new();
    // Positions are oldest first: walking back, the first one met on each
    // question is the latest.
    for r in ix.actor_positions[a].iter().rev() {
        let p = &site.briefings[r.briefing].positions[r.position];
        let Some(q) = p.question.filter(|q| !seen.contains(q)) else { continue };
        seen.push(q);
        stances.push(PreviewStance {
            question: questions[q].clone(),
            stance: shared.stance(p.stance).clone(),
            date: shared.date(&p.date),
        });
        if stances.len() == PREVIEW_STANCES {
            break;
        }
    }
    let view = ActorPreview {
        actor: actors[a].clone(),
        stances,
        positions: ix.actor_positions[a].len(),
        briefings: ix.actor_briefings[a].len() + ix.actor_mentions[a].len(),
    };
    let html = partial(tera, ACTOR_PREVIEW, "a", &view)?;
    Ok(value(&Preview { url: site.urls.actor(&site.actors[a].doc.id), html }))
}

/// An actor's preview card and the URL of the links it belongs to.
#[derive(Serialize)]
struct Preview {
    url: String,
    html: Value,
}

const ACTOR_PREVIEW: &str = "partials/actor_preview.html";
const BRIEFING_ITEM: &str = "partials/briefing_item.html";
const POSITION: &str = "partials/position.html";

/// The component `name` rendered with `view` as its argument `arg`, as HTML
/// that is not escaped again; `None` when the templates define no such
/// component (a theme may drop the built-in ones with the pages using them).
fn component(tera: &Tera, name: &str, arg: &'static str, view: &Value) -> Result<Option<Value>, Diagnostic> {
    if !tera.contains_component(name) {
        return Ok(None);
    }
    let mut context = Context::new();
    context.insert_value(arg, view.clone());
    let html = tera.render_component(name, &context, None, true).map_err(|e| {
        Diagnostic::error("templates/macros.html", super::templates::error_chain(&e))
            .hint(format!("the `{name}` component gets `{arg}`; see templates/macros.html"))
    })?;
    Ok(Some(Value::safe_string(&html)))
}

/// `template` rendered with `view` as `name`, as HTML that is not escaped again.
fn partial<T: Serialize>(tera: &Tera, template: &str, name: &'static str, view: &T) -> Result<Value, Diagnostic> {
    render_partial(tera, template, name, value(view))
}

fn render_partial(tera: &Tera, template: &str, name: &'static str, view: Value) -> Result<Value, Diagnostic> {
    let mut context = Context::new();
    context.insert_value(name, view);
    let html = tera.render(template, &context).map_err(|e| {
        Diagnostic::error(std::path::Path::new("templates").join(template), super::templates::error_chain(&e))
            .hint("partial templates get one item; see templates/partials/ for the fields")
    })?;
    Ok(Value::safe_string(&html))
}
