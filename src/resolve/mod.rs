//! Resolving: turn loaded documents into a [`Site`] where every reference is
//! checked and every cross-reference is indexed.
//!
//! Entities refer to each other by position in sorted lists (`usize`), not
//! by id, so later stages never look anything up and never meet a dangling
//! reference. Markdown bodies are rendered here, in parallel, because that is
//! where wikilinks and citations are checked; the render stage only fills
//! templates. Each kind of document is resolved by one function, which
//! [`resolve`] runs over the whole site and [`bodies_again`] over the
//! documents `serve` sees edited.

mod aliases;
mod body;
mod briefing;
mod check;
pub(crate) mod editorial;
mod embeds;
mod index;
pub mod ix;
mod languages;
mod library;
pub(crate) mod links;
pub(crate) mod lookup;
pub mod memo;
mod site;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::model::{ActorMatter, Id};
use crate::content::{Bodies, Content, Document, Loaded};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::Rendered;
use crate::urls::Urls;
pub use aliases::Redirect;
use body::render_body;
pub use index::{Index, PositionRef, SourceGroup, SourceUse, chronological};
pub use ix::{ActorIx, AuthorIx, BriefingIx, Ix, QuestionIx, Table, TopicIx};
pub use languages::{Languages, SiteLanguage};
pub use lookup::BodyRefs;
use lookup::{Lookup, Tables};
pub use site::{Actor, Author, Briefing, Entity, LibrarySource, Notice, Page, Position, Question, Site, Topic};

pub(crate) use crate::markdown::anchors::RESERVED as RESERVED_ANCHORS;
pub(crate) use editorial::one_side;

/// The language a site is resolved in: its interface's words, and which
/// of the site's languages it is.
pub struct Locale {
    /// The interface's words in the language.
    pub words: std::sync::Arc<crate::i18n::Words>,
    /// Every language of the site.
    pub languages: std::sync::Arc<Languages>,
    /// Which of them (0: the default, whose pages are at the base path).
    pub lang: usize,
}

impl Locale {
    /// The site's URLs in the language: its pages under `/<code>/` but
    /// the default's.
    fn urls(&self, base_url: &str) -> Urls {
        match self.lang {
            0 => Urls::new(base_url),
            n => Urls::new(base_url).in_language(&self.languages.list[n].code),
        }
    }
}

/// Resolves `content`; problems go to `diags`: with an error among them,
/// the site is not fit to render. Sorts `content` in place, in the
/// order the site lists it, so that a caller keeping it can find each
/// document at its entity's index.
pub fn resolve(
    config: Config,
    content: &mut Content,
    bodies: Bodies,
    images: crate::images::Images,
    locale: Locale,
    diags: &mut Diagnostics,
) -> Site {
    resolve_with(config, content, (bodies, None), images, locale, diags)
}

/// [`resolve`], taking over the bodies `memo` kept from the last
/// resolution where nothing they are rendered from changed, and keeping
/// this one's there.
pub fn resolve_with(
    config: Config,
    content: &mut Content,
    (mut bodies, memo): (Bodies, Option<&memo::Bodies>),
    images: crate::images::Images,
    locale: Locale,
    diags: &mut Diagnostics,
) -> Site {
    sort(content, &mut bodies);
    let content = &*content;
    let urls = locale.urls(&config.base_url);
    let tables = Arc::new(Tables::new(content, collect_topics(content)));
    let mut lookup = lookup_for(&config, content, Arc::clone(&tables), urls.clone(), &images);
    lookup.memo = memo.map(|bodies| memo::Keys::new(bodies, &lookup));
    diags.extend(lookup.library.problems(content));

    // Each body is freed as soon as it is rendered, rather than all of them
    // held until every one is done: on a big site they are most of the text.
    let briefings: Vec<(Briefing, Vec<Diagnostic>)> = content
        .briefings
        .par_iter()
        .zip(bodies.briefings)
        .map(|(doc, body)| briefing::resolve(doc, &body, &lookup))
        .collect();
    let actors: Vec<(Actor, Vec<Diagnostic>)> =
        content.actors.par_iter().zip(bodies.actors).map(|(d, body)| actor(d, &body, &lookup)).collect();
    let questions = content.questions.iter().zip(bodies.questions);
    let questions = questions.map(|(d, body)| plain(d, &body, &lookup, |doc, body| Question { doc, body }));
    let questions = gather(questions.collect(), diags);
    let topics = topics(content, &bodies.topics, &lookup, diags);
    let topic_of = |f: usize| tables.topics.get(&content.topics[f].id).copied().unwrap_or(TopicIx::new(0));
    let redirects = aliases::collect(content, &urls, topic_of, diags);
    let pages = content.pages.iter().zip(bodies.pages);
    let pages = pages.map(|(d, body)| plain(d, &body, &lookup, |doc, body| Page { doc, body }));
    let pages = gather(pages.collect(), diags);
    let authors = content.authors.iter().zip(bodies.authors);
    let authors = authors.map(|(d, body)| plain(d, &body, &lookup, |doc, body| Author { doc, body }));
    let authors = gather(authors.collect(), diags);
    let library = library(content, &lookup);
    // Checked once, in the default language's run.
    if locale.lang == 0 {
        diags.extend(translation_bodies(content, &lookup));
    }
    let (later, briefings_read, lookup) = lookup.finish();

    let briefings = gather(briefings, diags);
    let actors = gather(actors, diags);
    let index = Index::build(&briefings, &actors, (questions.len(), topics.len(), authors.len()), &library);
    let mut site = Site {
        config,
        urls,
        briefings,
        actors,
        questions,
        topics,
        pages,
        authors,
        library,
        index,
        redirects,
        now: content.now,
        rooted_links: Vec::new(),
        images,
        words: locale.words,
        languages: locale.languages,
        lang: locale.lang,
        others: Vec::new(),
        lookup,
        briefings_read,
        tables,
    };
    heading_links(&mut site, later, diags);
    site
}

/// Checks links to other pages' headings, now that every page is
/// rendered; keeps root-relative links for when the files are known.
fn heading_links(site: &mut Site, later: Vec<links::Later>, diags: &mut Diagnostics) {
    let (missing, rooted) = links::fragments(later, |e| &site.body(e).toc);
    match site.lang {
        0 => diags.extend(missing.into_iter().map(|m| m.problem)),
        _ => diags.extend(untranslated_fragments(site, missing)),
    }
    site.rooted_links = rooted;
}

/// In a translation's pages, links to headings their pages lack: a
/// translation's are its problems; a page shown untranslated (its links
/// checked in the default language) links to a translated page, whose
/// headings are other words, so its link leads to the page's top.
fn untranslated_fragments(site: &mut Site, missing: Vec<links::Missing>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for m in missing {
        let source = site.entities().find(|&e| site.file(e) == Some(m.problem.path.as_path()));
        match source.filter(|&e| !site.translated(e)) {
            Some(e) => {
                let url = site.url(m.dest);
                let body = &mut site.body_mut(e).html;
                let html = body.text().replace(&format!("href=\"{url}#{}\"", m.fragment), &format!("href=\"{url}\""));
                *body = crate::markdown::Html::new(html);
            }
            None => problems.push(m.problem),
        }
    }
    problems
}

/// The library's sources, each with the file defining it.
fn library(content: &Content, lookup: &Lookup) -> Vec<LibrarySource> {
    let library = lookup.library.sources.iter();
    library.map(|&(s, f)| LibrarySource { path: content.library[f].path.clone(), source: s.clone() }).collect()
}

/// The problems of translations' bodies: their links, citations and
/// directives resolve as their originals' would (a briefing's translation
/// cites the original's sources). Links to another page's heading are
/// left unchecked: that page's headings in the language are its
/// translation's, which pages in other languages will show.
fn translation_bodies(content: &Content, lookup: &Lookup) -> Vec<Diagnostic> {
    if content.translations.is_empty() {
        return Vec::new();
    }
    let originals = content.by_id();
    let before = lookup.later.lock().map_or(0, |l| l.len());
    let problems: Vec<Diagnostic> = content
        .translations
        .par_iter()
        .flat_map_iter(|t| {
            let briefing = (t.kind == crate::content::Kind::Briefing)
                .then(|| {
                    originals.get(&(t.kind, &t.doc.id)).map(|&(i, _)| content.briefings[i].matter.sources.as_slice())
                })
                .flatten();
            body::render_with_refs(&t.doc, &t.body, lookup, briefing, &[]).1
        })
        .collect();
    if let Ok(mut later) = lookup.later.lock() {
        let mut n = 0;
        later.retain(|l| {
            n += 1;
            n <= before || !matches!(l.check, links::Check::Fragment(..))
        });
    }
    problems
}

/// Every topic (named by briefings or given a file, see `collect_topics`:
/// the lookup's), its file's body rendered.
fn topics(content: &Content, bodies: &[crate::content::Body], lookup: &Lookup, diags: &mut Diagnostics) -> Vec<Topic> {
    let tables = &lookup.tables;
    let files = &tables.topic_files;
    tables
        .topic_ids
        .iter()
        .zip(&tables.topic_titles)
        .map(|(id, title)| {
            let file = files.get(id).map(|&f| &content.topics[f]);
            let body = files.get(id).map(|&f| &bodies[f]);
            let (body, problems) = file.zip(body).map(|(d, body)| render_body(d, body, lookup)).unwrap_or_default();
            diags.extend(problems);
            let description = file.and_then(|d| d.matter.description.clone());
            let doc = file.map(|d| d.entry(d.matter.clone()));
            Topic { id: id.clone(), title: title.clone(), description, doc, body }
        })
        .collect()
}

/// The items, their problems moved to `diags`.
fn gather<T>(results: Vec<(T, Vec<Diagnostic>)>, diags: &mut Diagnostics) -> Vec<T> {
    results
        .into_iter()
        .map(|(item, problems)| {
            diags.extend(problems);
            item
        })
        .collect()
}

/// An actor: its affiliations checked, its body rendered.
fn actor(doc: &Document<ActorMatter>, body: &str, lookup: &Lookup) -> (Actor, Vec<Diagnostic>) {
    let (affiliations, mut problems) = check::affiliations(doc, lookup);
    let (body, more) = render_body(doc, body, lookup);
    problems.extend(more);
    (Actor { doc: doc.entry(doc.matter.clone()), affiliations, body }, problems)
}

/// A document with nothing to resolve but its body, made by `make`.
fn plain<M: Clone, T>(
    doc: &Document<M>,
    body: &str,
    lookup: &Lookup,
    make: fn(crate::content::Entry<M>, Rendered) -> T,
) -> (T, Vec<Diagnostic>) {
    let (body, problems) = render_body(doc, body, lookup);
    (make(doc.entry(doc.matter.clone()), body), problems)
}

/// Documents' bodies rendered again by the functions [`resolve`] renders
/// them with, for edits that left their front matter alone: against `site`
/// and the `content` it was resolved from (as sorted by `resolve`, front
/// matter kept). Returns, per document, the body, the references it makes
/// (a briefing's feed the cross-reference index), and every problem
/// [`resolve`] would report for the document.
pub fn bodies_again(
    site: &Site,
    content: &Content,
    docs: &[(Loaded, String)],
) -> Vec<(Rendered, Option<BodyRefs>, Vec<Diagnostic>)> {
    // The tables the site was resolved with: no walk of every document.
    let lookup = lookup_for(&site.config, content, Arc::clone(&site.tables), site.urls.clone(), &site.images);
    let rendered = docs.iter().map(|(doc, body)| {
        let (body, refs, mut problems) = body_again(doc, body, &lookup);
        // The links' checks against the other pages as the site has them
        // (root-relative links wait for a full build).
        let later = std::mem::take(&mut *lookup.later.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        problems.extend(links::fragments(later, |e| &site.body(e).toc).0.into_iter().map(|m| m.problem));
        (body, refs, problems)
    });
    rendered.collect()
}

/// One document's body rendered as [`resolve`] renders it.
fn body_again(doc: &Loaded, body: &str, lookup: &Lookup) -> (Rendered, Option<BodyRefs>, Vec<Diagnostic>) {
    match doc {
        Loaded::Briefing(d) => {
            let (b, problems) = briefing::resolve(d, body, lookup);
            (b.body, Some(b.refs), problems)
        }
        Loaded::Actor(d) => {
            let (a, problems) = actor(d, body, lookup);
            (a.body, None, problems)
        }
        Loaded::Question(d) => {
            let (q, problems) = plain(d, body, lookup, |doc, body| Question { doc, body });
            (q.body, None, problems)
        }
        Loaded::Topic(d) => {
            let (body, problems) = render_body(d, body, lookup);
            (body, None, problems)
        }
        Loaded::Page(d) => {
            let (p, problems) = plain(d, body, lookup, |doc, body| Page { doc, body });
            (p.body, None, problems)
        }
        Loaded::Author(d) => {
            let (a, problems) = plain(d, body, lookup, |doc, body| Author { doc, body });
            (a.body, None, problems)
        }
    }
}

/// The lookup, with the options from `dossier.yaml` that shape bodies and
/// the pictures processed for them.
fn lookup_for<'c>(
    config: &Config,
    content: &'c Content,
    tables: Arc<Tables>,
    urls: Urls,
    images: &'c crate::images::Images,
) -> Lookup<'c> {
    let mut lookup = Lookup::new(content, tables, urls);
    lookup.images = Some(images);
    lookup.autolink = config.autolink;
    lookup.safe_html = config.safe_html;
    lookup
}

/// "security-guarantees" → "Security guarantees".
pub fn id_to_words(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Puts the documents (and their bodies) in the order the site lists them:
/// briefings newest first, actors and authors by name, questions by title,
/// pages by id.
pub fn sort(content: &mut Content, bodies: &mut Bodies) {
    sort_with(&mut content.briefings, &mut bodies.briefings, |a, b| {
        b.matter
            .date
            .cmp(&a.matter.date)
            .then_with(|| a.matter.title.cmp(&b.matter.title))
            .then_with(|| a.id.cmp(&b.id))
    });
    sort_with(&mut content.actors, &mut bodies.actors, |a, b| {
        a.matter.name.to_lowercase().cmp(&b.matter.name.to_lowercase()).then_with(|| a.id.cmp(&b.id))
    });
    sort_with(&mut content.questions, &mut bodies.questions, |a, b| {
        a.matter.title.cmp(&b.matter.title).then_with(|| a.id.cmp(&b.id))
    });
    sort_with(&mut content.pages, &mut bodies.pages, |a, b| a.id.cmp(&b.id));
    sort_with(&mut content.authors, &mut bodies.authors, |a, b| {
        a.matter.name.to_lowercase().cmp(&b.matter.name.to_lowercase()).then_with(|| a.id.cmp(&b.id))
    });
}

/// Sorts `docs` by `order`, each body staying with its document. The
/// order is found on indices and each document moved once: a document is
/// large, and sorting them in place moved each many times.
fn sort_with<M>(
    docs: &mut Vec<Document<M>>,
    bodies: &mut Vec<crate::content::Body>,
    mut order: impl FnMut(&Document<M>, &Document<M>) -> std::cmp::Ordering,
) {
    let mut sorted: Vec<usize> = (0..docs.len()).collect();
    sorted.sort_by(|&a, &b| order(&docs[a], &docs[b]));
    if sorted.iter().enumerate().all(|(i, &n)| i == n) {
        return;
    }
    let mut slots: Vec<Option<(Document<M>, crate::content::Body)>> =
        std::mem::take(docs).into_iter().zip(std::mem::take(bodies)).map(Some).collect();
    (*docs, *bodies) = sorted.into_iter().filter_map(|n| slots[n].take()).unzip();
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
