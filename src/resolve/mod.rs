//! Resolving: turn loaded documents into a [`Site`] where every reference is
//! checked and every cross-reference is indexed.
//!
//! Entities refer to each other by position in sorted lists (`usize`), not
//! by id, so later stages never look anything up and never meet a dangling
//! reference. Markdown bodies are rendered here, in parallel, because that is
//! where wikilinks and citations are checked; the render stage only fills
//! templates.

mod check;
pub mod editorial;
mod index;
pub mod lookup;

use std::collections::HashMap;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::model::{
    ActorMatter, BriefingMatter, Date, Id, PageMatter, QuestionMatter, SourceMatter, Stance, TopicMatter,
};
use crate::content::{Content, Document, Kind, Loaded};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, AutoLink, Rendered};
use crate::urls::Urls;
pub use index::{Index, PositionRef, SourceGroup, SourceUse, chronological};
pub use lookup::BodyRefs;
use lookup::{BodyLinks, Lookup};

pub use crate::markdown::anchors::RESERVED as RESERVED_ANCHORS;

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub urls: Urls,
    /// Newest first.
    pub briefings: Vec<Briefing>,
    /// By name.
    pub actors: Vec<Actor>,
    /// By title.
    pub questions: Vec<Question>,
    /// By title.
    pub topics: Vec<Topic>,
    pub pages: Vec<Page>,
    pub index: Index,
}

#[derive(Debug)]
pub struct Briefing {
    pub doc: Document<BriefingMatter>,
    /// Involved actors: those listed, then those with positions.
    pub actors: Vec<usize>,
    pub topics: Vec<usize>,
    pub positions: Vec<Position>,
    /// Numbered in this order (1-based): cited ones first, by first citation.
    pub sources: Vec<SourceMatter>,
    pub body: Rendered,
    pub refs: BodyRefs,
}

#[derive(Debug, Clone)]
pub struct Position {
    pub actor: usize,
    pub question: Option<usize>,
    pub stance: Stance,
    pub summary: Option<String>,
    pub quote: Option<String>,
    pub date: Date,
    /// Indices into the briefing's `sources`.
    pub sources: Vec<usize>,
}

#[derive(Debug)]
pub struct Actor {
    pub doc: Document<ActorMatter>,
    pub affiliations: Vec<usize>,
    pub body: Rendered,
}

#[derive(Debug)]
pub struct Question {
    pub doc: Document<QuestionMatter>,
    pub body: Rendered,
}

#[derive(Debug)]
pub struct Topic {
    pub id: Id,
    pub title: String,
    pub description: Option<String>,
    pub doc: Option<Document<TopicMatter>>,
    pub body: Rendered,
}

#[derive(Debug)]
pub struct Page {
    pub doc: Document<PageMatter>,
    pub body: Rendered,
}

/// One thing with a page and a Markdown body, by its index in the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Briefing(usize),
    Actor(usize),
    Question(usize),
    Topic(usize),
    Page(usize),
}

impl Site {
    /// The entity whose file is document `index` of `kind` in the content
    /// this site was resolved from.
    pub fn entity(&self, kind: Kind, index: usize, id: &Id) -> Option<Entity> {
        Some(match kind {
            Kind::Briefing => Entity::Briefing(index),
            Kind::Actor => Entity::Actor(index),
            Kind::Question => Entity::Question(index),
            Kind::Page => Entity::Page(index),
            // Topics are listed by id, files or not.
            Kind::Topic => Entity::Topic(self.topics.iter().position(|t| t.id == *id)?),
        })
    }

    /// The entity's rendered body.
    pub fn body_mut(&mut self, entity: Entity) -> &mut Rendered {
        match entity {
            Entity::Briefing(i) => &mut self.briefings[i].body,
            Entity::Actor(i) => &mut self.actors[i].body,
            Entity::Question(i) => &mut self.questions[i].body,
            Entity::Topic(i) => &mut self.topics[i].body,
            Entity::Page(i) => &mut self.pages[i].body,
        }
    }
}

/// Documents' bodies rendered again exactly as [`resolve`] renders them, for
/// edits that left their front matter alone: against `site` and the
/// `content` it was resolved from (as sorted by `resolve`, front matter
/// kept). Returns, per document, the body, the references it makes (a
/// briefing's feed the cross-reference index), and every problem
/// [`resolve`] would report for the document.
pub fn bodies_again(
    site: &Site,
    content: &Content,
    docs: &[Loaded],
) -> Vec<(Rendered, Option<BodyRefs>, Vec<Diagnostic>)> {
    // The site's topics are `collect_topics`' result, without its scan of
    // every briefing.
    let topic_ids: Vec<Id> = site.topics.iter().map(|t| t.id.clone()).collect();
    let topic_titles = site.topics.iter().map(|t| t.title.clone()).collect();
    let lookup = lookup_for(&site.config, content, &topic_ids, topic_titles, site.urls.clone());
    docs.iter()
        .map(|doc| match doc {
            Loaded::Briefing(d) => {
                let (b, problems) = resolve_briefing(d, &d.body, &lookup);
                (b.body, Some(b.refs), problems)
            }
            Loaded::Actor(d) => {
                let (_, mut problems) = check::affiliations(d, &lookup);
                let (body, more) = render_body(d, &lookup);
                problems.extend(more);
                (body, None, problems)
            }
            Loaded::Question(d) => with_refs(render_body(d, &lookup)),
            Loaded::Topic(d) => with_refs(render_body(d, &lookup)),
            Loaded::Page(d) => with_refs(render_body(d, &lookup)),
        })
        .collect()
}

/// The lookup, with the options from `dossier.yaml` that shape bodies.
fn lookup_for<'c>(
    config: &Config,
    content: &'c Content,
    topic_ids: &'c [Id],
    titles: Vec<String>,
    urls: Urls,
) -> Lookup<'c> {
    let mut lookup = Lookup::new(content, topic_ids, titles, urls);
    lookup.autolink = config.autolink;
    lookup.safe_html = config.safe_html;
    lookup
}

fn with_refs((body, problems): (Rendered, Vec<Diagnostic>)) -> (Rendered, Option<BodyRefs>, Vec<Diagnostic>) {
    (body, None, problems)
}

/// "security-guarantees" → "Security guarantees".
pub fn id_to_words(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Resolves `content`; problems go to `diags`. Returns `None` when an error
/// makes the site unusable for rendering. Sorts `content` in place, in the order the site lists it, so that a
/// caller keeping it can find each document at its entity's index.
pub fn resolve(config: Config, content: &mut Content, diags: &mut Diagnostics) -> Option<Site> {
    sort(content);
    // Each briefing's Markdown is freed as soon as it is rendered, rather
    // than all of it held until every body is done: on a big site it is
    // most of the text.
    let briefing_bodies: Vec<String> = content.briefings.iter_mut().map(|d| std::mem::take(&mut d.body)).collect();
    let content = &*content;
    let urls = Urls::new(&config.base_url);
    let (topic_ids, topic_titles, topic_files) = collect_topics(content);
    let lookup = lookup_for(&config, content, &topic_ids, topic_titles.clone(), urls.clone());

    let briefing_results: Vec<(Briefing, Vec<Diagnostic>)> = content
        .briefings
        .par_iter()
        .zip(briefing_bodies)
        .map(|(doc, body)| resolve_briefing(doc, &body, &lookup))
        .collect();
    let actor_results: Vec<(Actor, Vec<Diagnostic>)> = content
        .actors
        .par_iter()
        .map(|doc| {
            let (affiliations, mut problems) = check::affiliations(doc, &lookup);
            let (body, more) = render_body(doc, &lookup);
            problems.extend(more);
            (Actor { doc: doc.without_text(), affiliations, body }, problems)
        })
        .collect();
    let questions = render_all(&content.questions, &lookup, diags, |doc, body| Question { doc, body });
    let topics: Vec<Topic> = topic_ids
        .iter()
        .zip(topic_titles)
        .map(|(id, title)| {
            let file = topic_files.get(id).map(|&f| &content.topics[f]);
            let body = file.map(|d| {
                let (body, problems) = render_body(d, &lookup);
                diags.extend(problems);
                body
            });
            let description = file.and_then(|d| d.matter.description.clone());
            let doc = file.map(Document::without_text);
            Topic { id: id.clone(), title, description, doc, body: body.unwrap_or_default() }
        })
        .collect();
    let pages = render_all(&content.pages, &lookup, diags, |doc, body| Page { doc, body });
    drop(lookup);

    let mut briefings = Vec::with_capacity(briefing_results.len());
    for (b, problems) in briefing_results {
        diags.extend(problems);
        briefings.push(b);
    }
    let mut actors = Vec::with_capacity(actor_results.len());
    for (a, problems) in actor_results {
        diags.extend(problems);
        actors.push(a);
    }
    if diags.has_errors() {
        return None;
    }
    let index = Index::build(&briefings, &actors, questions.len(), topics.len());
    Some(Site { config, urls, briefings, actors, questions, topics, pages, index })
}

fn sort(content: &mut Content) {
    content.briefings.sort_by(|a, b| {
        b.matter
            .date
            .cmp(&a.matter.date)
            .then_with(|| a.matter.title.cmp(&b.matter.title))
            .then_with(|| a.id.cmp(&b.id))
    });
    content
        .actors
        .sort_by(|a, b| a.matter.name.to_lowercase().cmp(&b.matter.name.to_lowercase()).then_with(|| a.id.cmp(&b.id)));
    content.questions.sort_by(|a, b| a.matter.title.cmp(&b.matter.title).then_with(|| a.id.cmp(&b.id)));
    content.pages.sort_by(|a, b| a.id.cmp(&b.id));
}

/// Topic ids used by briefings or given a file, sorted by title; their
/// titles (from the file, or the id in words); and which file each has.
fn collect_topics(content: &Content) -> (Vec<Id>, Vec<String>, HashMap<Id, usize>) {
    let files: HashMap<Id, usize> = content.topics.iter().enumerate().map(|(i, t)| (t.id.clone(), i)).collect();
    let mut ids: Vec<Id> = content.briefings.iter().flat_map(|b| b.matter.topics.iter().cloned()).collect();
    ids.extend(files.keys().cloned());
    ids.sort();
    ids.dedup();
    let mut titled: Vec<(String, Id)> = ids
        .into_iter()
        .map(|id| {
            let title =
                files.get(&id).map_or_else(|| id_to_words(id.as_str()), |&f| content.topics[f].matter.title.clone());
            (title, id)
        })
        .collect();
    titled.sort_by_cached_key(|(title, id)| (title.to_lowercase(), id.clone()));
    let (titles, ids) = titled.into_iter().unzip();
    (ids, titles, files)
}

/// Renders a body that may link but not cite (actors, questions, topics, pages).
fn render_body<M>(doc: &Document<M>, lookup: &Lookup) -> (Rendered, Vec<Diagnostic>) {
    let (rendered, _) = render_with_refs(doc, &doc.body, lookup, &[], RESERVED_ANCHORS, &[]);
    rendered
}

/// Renders each document's body and wraps it with `make`; problems go to `diags`.
fn render_all<M: Clone, T>(
    docs: &[Document<M>],
    lookup: &Lookup,
    diags: &mut Diagnostics,
    make: fn(Document<M>, Rendered) -> T,
) -> Vec<T> {
    docs.iter()
        .map(|doc| {
            let (body, problems) = render_body(doc, lookup);
            diags.extend(problems);
            make(doc.without_text(), body)
        })
        .collect()
}

type BodyResult = ((Rendered, Vec<Diagnostic>), BodyRefs);

fn render_with_refs<M>(
    doc: &Document<M>,
    body: &str,
    lookup: &Lookup,
    sources: &[SourceMatter],
    reserved: &[&str],
    autolinks: &[AutoLink],
) -> BodyResult {
    let mut links = BodyLinks::new(lookup, sources);
    let mut rendered = markdown::render(body, &mut links, reserved, autolinks);
    if lookup.safe_html {
        rendered.html = markdown::sanitize::clean(&rendered.html);
    }
    let problems = rendered
        .problems
        .iter()
        .filter(|(_, problem)| !problem.broken)
        .map(|(range, problem)| {
            Diagnostic::error(&doc.path, &problem.message)
                .at(doc.body_position(body, range.start))
                .spanning(body.get(range.clone()).map_or(1, |s| s.chars().count()))
                .maybe_hint(problem.hint.clone())
        })
        .collect();
    ((rendered, problems), links.refs)
}

/// Resolves a briefing whose Markdown is `body`.
fn resolve_briefing(doc: &Document<BriefingMatter>, body: &str, lookup: &Lookup) -> (Briefing, Vec<Diagnostic>) {
    let mut problems = check::briefing(doc, lookup);
    let autolinks = if lookup.autolink { autolinks(doc, lookup) } else { Vec::new() };
    let ((body, body_problems), refs) =
        render_with_refs(doc, body, lookup, &doc.matter.sources, RESERVED_ANCHORS, &autolinks);
    problems.extend(body_problems);

    // Number sources: cited ones in order of first citation, then the rest.
    let mut cited = vec![false; doc.matter.sources.len()];
    refs.cited.iter().for_each(|&i| cited[i] = true);
    let mut order = refs.cited.clone();
    order.extend((0..doc.matter.sources.len()).filter(|&i| !cited[i]));
    let sources: Vec<SourceMatter> = order.iter().map(|&i| doc.matter.sources[i].clone()).collect();
    let numbers: HashMap<&Id, usize> = sources.iter().enumerate().map(|(n, s)| (&s.id, n)).collect();
    let number_of = |id: &Id| numbers.get(id).copied();
    problems.extend(check::unused_sources(doc, &cited));

    let mut actors: Vec<usize> = Vec::new();
    let mut add_actor = |i: usize| {
        if !actors.contains(&i) {
            actors.push(i);
        }
    };
    doc.matter.actors.iter().filter_map(|a| lookup.actors.get(a.as_str())).for_each(|&i| add_actor(i));
    let positions: Vec<Position> = doc
        .matter
        .positions
        .iter()
        .filter_map(|p| {
            let actor = *lookup.actors.get(p.actor.as_str())?;
            add_actor(actor);
            let question = match &p.question {
                Some(q) => Some(*lookup.questions.get(q.as_str())?),
                None => None,
            };
            Some(Position {
                actor,
                question,
                stance: p.stance,
                summary: p.summary.clone(),
                quote: p.quote.clone(),
                date: p.date.clone().unwrap_or_else(|| doc.matter.date.clone()),
                sources: {
                    let mut numbers: Vec<usize> = p.sources.iter().filter_map(number_of).collect();
                    numbers.sort_unstable();
                    numbers.dedup();
                    numbers
                },
            })
        })
        .collect();
    let topics = doc.matter.topics.iter().filter_map(|t| lookup.topics.get(t.as_str()).copied()).collect();
    (Briefing { doc: kept(doc), actors, topics, positions, sources, body, refs }, problems)
}

/// The briefing's document as the site keeps it: its positions and sources
/// live on resolved in [`Briefing`], not twice.
fn kept(doc: &Document<BriefingMatter>) -> Document<BriefingMatter> {
    let m = &doc.matter;
    doc.with_matter(BriefingMatter {
        title: m.title.clone(),
        date: m.date.clone(),
        updated: m.updated.clone(),
        summary: m.summary.clone(),
        topics: m.topics.clone(),
        status: m.status,
        draft: m.draft,
        actors: m.actors.clone(),
        positions: Vec::new(),
        sources: Vec::new(),
        extra: m.extra.clone(),
    })
}

/// Names and aliases of the briefing's involved actors, longest first.
fn autolinks(doc: &Document<BriefingMatter>, lookup: &Lookup) -> Vec<AutoLink> {
    let involved = doc.matter.actors.iter().chain(doc.matter.positions.iter().map(|p| &p.actor));
    let mut names: Vec<AutoLink> = involved
        .filter_map(|id| lookup.actors.get(id.as_str()).copied())
        .flat_map(|i| {
            let actor = &lookup.actor_docs[i];
            let url = lookup.urls.actor(&actor.id);
            std::iter::once(&actor.matter.name)
                .chain(&actor.matter.aliases)
                .filter(|name| !name.trim().is_empty())
                .map(move |name| AutoLink { name: name.trim().to_owned(), url: url.clone(), key: i })
        })
        .collect();
    names.sort_by(|a, b| b.name.len().cmp(&a.name.len()).then_with(|| a.name.cmp(&b.name)).then(a.key.cmp(&b.key)));
    names.dedup_by(|a, b| a.name == b.name && a.key == b.key);
    // A name two involved actors share could mean either: link neither.
    let shared: Vec<String> = names.windows(2).filter(|w| w[0].name == w[1].name).map(|w| w[0].name.clone()).collect();
    names.retain(|n| !shared.contains(&n.name));
    names
}

#[cfg(test)]
mod tests {
    use super::RESERVED_ANCHORS;

    #[test]
    fn every_fixed_id_in_the_built_in_templates_is_reserved() {
        for (name, text) in crate::render::templates::BUILTIN {
            for piece in text.split("id=\"").skip(1) {
                let id = &piece[..piece.find('"').unwrap()];
                if !id.contains('{') {
                    assert!(RESERVED_ANCHORS.contains(&id), "{name} uses id `{id}`: add it to RESERVED_ANCHORS");
                }
            }
        }
    }
}
