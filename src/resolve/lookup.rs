//! Id tables for every kind of entity, and the [`Links`] implementation the
//! Markdown adapters call to resolve `[[wikilinks]]` and `[@citations]`.

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

// FxHash: keys are ids and dates from the site itself, looked up per link.
use rustc_hash::FxHashMap as HashMap;

use crate::content::model::{ActorMatter, Date, Id, SourceMatter};
use crate::content::{Content, Document};
use crate::diagnostics::did_you_mean;
use crate::markdown::{Directive, Embed, Links, Target, Unresolved};
use crate::urls::Urls;

use super::ix::{ActorIx, AuthorIx, BriefingIx, Ix, QuestionIx, TopicIx};
use super::library::Library;
use super::links::{Check, Later};
use super::site::Entity;

/// The id tables of a site's documents, owned: made once per resolution
/// and kept by the [`super::Site`], so that rendering one body again
/// (`serve`, after an edit) looks ids up without walking every document
/// (on a large site, memory left idle for a while is slow to walk again).
#[derive(Debug)]
pub(crate) struct Tables {
    /// Topic ids, sorted by title, their titles, and the topic file of
    /// each that has one (its index in `Content::topics`).
    pub topic_ids: Vec<Id>,
    pub topic_titles: Vec<String>,
    pub topic_files: std::collections::HashMap<Id, usize>,
    /// Every content file (path from the site's root) and its page.
    pub files: HashMap<PathBuf, Entity>,
    /// Plain pages by id.
    pub pages: HashMap<Id, usize>,
    pub actors: HashMap<Id, ActorIx>,
    /// Lowercased names and aliases → actors carrying them.
    pub actor_names: HashMap<String, Vec<ActorIx>>,
    pub questions: HashMap<Id, QuestionIx>,
    pub question_titles: Vec<String>,
    pub briefings: HashMap<Id, BriefingIx>,
    pub briefing_titles: Vec<String>,
    pub topics: HashMap<Id, TopicIx>,
    pub authors: HashMap<Id, AuthorIx>,
    pub drafts: HashSet<Id>,
    /// Files that failed to load, by noun ("actor") and id (few: looked
    /// through only for an id not found).
    pub broken: Vec<(&'static str, Id)>,
}

impl Tables {
    /// The tables of `content`, whose topics are `topic_ids` (sorted as the
    /// site lists them) with `topic_titles` and `topic_files`.
    pub(crate) fn new(
        content: &Content,
        (topic_ids, topic_titles, topic_files): (Vec<Id>, Vec<String>, std::collections::HashMap<Id, usize>),
    ) -> Self {
        let mut actor_names: HashMap<String, Vec<ActorIx>> = HashMap::default();
        let mut name = |name: &str, i: ActorIx| {
            let entry = actor_names.entry(name.trim().to_lowercase()).or_default();
            if !entry.contains(&i) {
                entry.push(i);
            }
        };
        for (i, actor) in content.actors.iter().enumerate() {
            let names = std::iter::once(&actor.matter.name).chain(&actor.matter.aliases);
            for n in names.chain(&actor.matter.other_names) {
                name(n, ActorIx::new(i));
            }
        }
        // Its names in other languages (its translations'): a wikilink by
        // name works in a translated body too.
        let by_id: HashMap<&Id, ActorIx> =
            content.actors.iter().enumerate().map(|(i, a)| (&a.id, ActorIx::new(i))).collect();
        for t in content.translations.iter().filter(|t| t.kind == crate::content::Kind::Actor) {
            if let Some(&i) = by_id.get(&t.doc.id) {
                for n in t.doc.matter.name.iter().chain(&t.doc.matter.aliases) {
                    name(n, i);
                }
            }
        }
        let topics: HashMap<Id, TopicIx> =
            topic_ids.iter().enumerate().map(|(i, t)| (t.clone(), TopicIx::new(i))).collect();
        Tables {
            files: files(content, &topics),
            pages: content.pages.iter().enumerate().map(|(i, d)| (d.id.clone(), i)).collect(),
            actors: ids(&content.actors),
            actor_names,
            questions: ids(&content.questions),
            question_titles: content.questions.iter().map(|q| q.matter.title.clone()).collect(),
            briefings: ids(&content.briefings),
            briefing_titles: content.briefings.iter().map(|b| b.matter.title.clone()).collect(),
            topics,
            authors: ids(&content.authors),
            drafts: content.draft_briefings.iter().cloned().collect(),
            broken: content.broken.iter().map(|(kind, id)| (kind.noun(), id.clone())).collect(),
            topic_ids,
            topic_titles,
            topic_files,
        }
    }
}

/// The tables, and what resolving documents against them needs besides:
/// the content they were made from, the URLs, the source library, and
/// what the resolution gathers as it goes.
pub(crate) struct Lookup<'c> {
    pub urls: Urls,
    pub content: &'c Content,
    pub tables: Arc<Tables>,
    /// Checks links leave for when every page is rendered.
    pub later: Mutex<Vec<Later>>,
    pub actor_docs: &'c [Document<ActorMatter>],
    /// The source library, by id.
    pub library: Library<'c>,
    /// Whether briefing bodies link the first mention of each involved actor.
    pub autolink: bool,
    /// Whether bodies are sanitized (`safe_html`).
    pub safe_html: bool,
    /// Today (or `SOURCE_DATE_EPOCH`'s day): a position cannot be later.
    pub today: Date,
    /// The pictures processed for bodies (none while checking one file).
    pub images: Option<&'c crate::images::Images>,
    /// Each actor's latest position on each question (or on no question),
    /// made when a `::position` first asks.
    pub(super) latest: OnceLock<super::embeds::Latest>,
    /// Bodies rendered by the last resolution, and the digests of what the
    /// lookup answers (`serve`: see [`super::memo`]).
    pub(super) memo: Option<super::memo::Keys<'c>>,
    /// The briefings links led to, when keeping bodies: with the same
    /// answers to everything else, a document resolves as it did when
    /// these did not change ([`super::Site::briefings_read`]).
    pub(super) read: Mutex<Vec<BriefingIx>>,
}

impl<'c> Lookup<'c> {
    /// A lookup into `content` through `tables` (made from it).
    pub(crate) fn new(content: &'c Content, tables: Arc<Tables>, urls: Urls) -> Self {
        Lookup {
            urls,
            content,
            tables,
            later: Mutex::new(Vec::new()),
            actor_docs: &content.actors,
            library: Library::new(content),
            autolink: false,
            safe_html: false,
            today: Date::from_days(content.now.div_euclid(86_400)),
            images: None,
            latest: OnceLock::new(),
            memo: None,
            read: Mutex::new(Vec::new()),
        }
    }

    /// Takes checks left for when every page is known.
    pub(super) fn leave(&self, later: Vec<Later>) {
        if !later.is_empty() {
            self.later.lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend(later);
        }
    }

    /// What resolving every document left: the checks for when every
    /// page is known, the briefings links led to, and the lookup's digest
    /// (with a memo: [`super::Site::lookup`]).
    pub(super) fn finish(self) -> (Vec<Later>, Vec<BriefingIx>, Option<u64>) {
        let later = self.later.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut read = self.read.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        read.sort_unstable();
        read.dedup();
        (later, read, self.memo.map(|keys| keys.lookup))
    }

    /// Notes the briefings a document's links led to (see [`Lookup::read`]).
    pub(super) fn note_read(&self, read: &[BriefingIx]) {
        if self.memo.is_some() && !read.is_empty() {
            self.read.lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend_from_slice(read);
        }
    }

    /// An "unknown X" problem with the nearest known id as a hint.
    pub(crate) fn unknown<V>(&self, noun: &str, wrong: &str, known: &HashMap<Id, V>) -> Unresolved {
        let mut hint = did_you_mean(wrong, known.keys().map(Id::as_str));
        if noun == "briefing" && self.tables.drafts.contains(wrong) {
            hint = Some(format!(
                "`{wrong}` is a draft or not published yet (`publish_date`); build with --drafts to include it"
            ));
        }
        if hint.is_none() && noun == "actor" {
            hint = Some(format!("create content/actors/{wrong}.md to add this actor"));
        }
        if hint.is_none() && noun == "author" {
            hint = Some(format!("create content/authors/{wrong}.md to add this author"));
        }
        if hint.is_none() && noun == "question" {
            hint = Some(format!("create content/questions/{wrong}.md to add this question"));
        }
        let broken = self.tables.broken.iter().any(|(n, id)| *n == noun && id.as_str() == wrong);
        Unresolved { message: format!("unknown {noun} `{wrong}`"), hint, broken, code: None }
    }

    /// An "unknown source" problem for a briefing whose own are `sources`.
    pub(crate) fn unknown_source(&self, key: &str, sources: &[SourceMatter]) -> Unresolved {
        let own = sources.iter().map(|s| s.id.as_str());
        let hint = did_you_mean(key, own.chain(self.library.by_id.keys().copied())).unwrap_or_else(|| {
            format!("add a source with `id: {key}` under `sources:`, or to the library in content/sources/")
        });
        Unresolved::new(format!("unknown source `{key}`"), Some(hint))
    }

    /// A question by id.
    pub(crate) fn question(&self, key: &str) -> Result<QuestionIx, Unresolved> {
        self.tables.questions.get(key).copied().ok_or_else(|| self.unknown("question", key, &self.tables.questions))
    }

    /// An actor by id, name or alias (case-insensitive for the latter two).
    pub(crate) fn actor(&self, key: &str) -> Result<ActorIx, Unresolved> {
        if let Some(&i) = self.tables.actors.get(key) {
            return Ok(i);
        }
        match self.tables.actor_names.get(&key.to_lowercase()).map(Vec::as_slice) {
            Some([one]) => Ok(*one),
            Some(many) if many.len() > 1 => {
                let ids: Vec<String> = many.iter().map(|&i| format!("`{}`", self.actor_docs[i.get()].id)).collect();
                Err(Unresolved::new(
                    format!("`{key}` is ambiguous: it names {}", ids.join(" and ")),
                    Some("link by id instead, e.g. [[actor-id|text]]".into()),
                ))
            }
            _ => {
                let mut problem = self.unknown("actor", key, &self.tables.actors);
                let elsewhere = [
                    ("questions", self.tables.questions.contains_key(key)),
                    ("briefings", self.tables.briefings.contains_key(key)),
                    ("topics", self.tables.topics.contains_key(key)),
                ];
                if let Some((section, _)) = elsewhere.iter().find(|(_, found)| *found) {
                    problem.hint =
                        Some(format!("to link the {} write [[{section}/{key}]]", &section[..section.len() - 1]));
                }
                Err(problem)
            }
        }
    }
}

fn ids<M, I: Ix>(docs: &[Document<M>]) -> HashMap<Id, I> {
    docs.iter().enumerate().map(|(i, d)| (d.id.clone(), I::new(i))).collect()
}

/// Every content file's page, by the file's path.
fn files(content: &Content, topics: &HashMap<Id, TopicIx>) -> HashMap<PathBuf, Entity> {
    let mut files = HashMap::default();
    let mut add = |path: &PathBuf, dest| files.insert(path.clone(), dest);
    content.briefings.iter().enumerate().for_each(|(i, d)| _ = add(&d.path, Entity::Briefing(BriefingIx::new(i))));
    content.actors.iter().enumerate().for_each(|(i, d)| _ = add(&d.path, Entity::Actor(ActorIx::new(i))));
    content.questions.iter().enumerate().for_each(|(i, d)| _ = add(&d.path, Entity::Question(QuestionIx::new(i))));
    content.pages.iter().enumerate().for_each(|(i, d)| _ = add(&d.path, Entity::Page(i)));
    content.authors.iter().enumerate().for_each(|(i, d)| _ = add(&d.path, Entity::Author(AuthorIx::new(i))));
    for d in &content.topics {
        if let Some(&i) = topics.get(d.id.as_str()) {
            add(&d.path, Entity::Topic(i));
        }
    }
    // A translation's pages link by the original's file.
    for (translation, original) in &content.laid_over {
        if let Some(&e) = files.get(translation.as_path()) {
            files.insert(original.clone(), e);
        }
    }
    files
}

/// What a body's links resolved to, gathered while its Markdown renders.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BodyRefs {
    /// Actors linked, in order of first link.
    pub actors: Vec<ActorIx>,
    /// Questions linked.
    pub questions: Vec<QuestionIx>,
    /// Briefings linked.
    pub briefings: Vec<BriefingIx>,
    /// Indices into the briefing's `sources`, in order of first citation;
    /// `sources.len() + j` is the library's source `j`.
    pub cited: Vec<usize>,
}

/// Resolves one body's links against the site; `sources` is the briefing's
/// source list, besides which it cites the library (none for other pages,
/// where citations are an error).
pub(crate) struct BodyLinks<'l, 'c> {
    lookup: &'l Lookup<'c>,
    /// The linking file, from the site's root.
    doc: &'l Path,
    sources: Option<&'l [SourceMatter]>,
    pub refs: BodyRefs,
    /// What its links leave to check later, with their place in the body.
    pub checks: Vec<(Range<usize>, Check)>,
    /// Made at the first citation: a body may cite thousands of sources.
    cites: Option<Cites<'l>>,
    /// The briefings its links led to, by wikilink or by file.
    pub read: Vec<BriefingIx>,
}

/// A briefing's sources by id, and the number each was first cited as.
struct Cites<'l> {
    index: HashMap<&'l str, usize>,
    /// By source index; 0 while not cited.
    number: Vec<usize>,
    /// The library's sources cited, by index in the library, and their numbers.
    library: Vec<(usize, usize)>,
}

impl<'l, 'c> BodyLinks<'l, 'c> {
    pub(crate) fn new(lookup: &'l Lookup<'c>, doc: &'l Path, sources: Option<&'l [SourceMatter]>) -> Self {
        BodyLinks { lookup, doc, sources, refs: BodyRefs::default(), checks: Vec::new(), cites: None, read: Vec::new() }
    }
}

fn push_unique<T: PartialEq>(list: &mut Vec<T>, i: T) {
    if !list.contains(&i) {
        list.push(i);
    }
}

impl Links for BodyLinks<'_, '_> {
    fn wikilink(&mut self, target: &str) -> Result<Target, Unresolved> {
        let (target, fragment) = match target.split_once('#') {
            Some((t, f)) => (t.trim(), format!("#{}", f.trim())),
            None => (target, String::new()),
        };
        let l = self.lookup;
        let (section, key) = match target.split_once('/') {
            Some((s, k)) => (s.trim(), k.trim()),
            // A bare id is an actor's, or else a plain page's.
            None if !l.tables.actors.contains_key(target) && l.tables.pages.contains_key(target) => ("pages", target),
            None => ("actors", target),
        };
        let resolved = match section {
            "actors" => l.actor(key).map(|i| {
                push_unique(&mut self.refs.actors, i);
                let doc = &l.actor_docs[i.get()];
                // A link by id shows the name; by name or alias, the words as written.
                let label = if doc.id.as_str() == key { doc.matter.name.clone() } else { key.to_owned() };
                Target { url: l.urls.actor(&doc.id), label }
            }),
            "questions" => l.question(key).map(|i| {
                push_unique(&mut self.refs.questions, i);
                Target { url: l.urls.question(key), label: l.tables.question_titles[i.get()].to_owned() }
            }),
            "briefings" => match l.tables.briefings.get(key) {
                Some(&i) => {
                    push_unique(&mut self.refs.briefings, i);
                    push_unique(&mut self.read, i);
                    Ok(Target { url: l.urls.briefing(key), label: l.tables.briefing_titles[i.get()].to_owned() })
                }
                None => Err(l.unknown("briefing", key, &l.tables.briefings)),
            },
            "topics" => match l.tables.topics.get(key) {
                Some(&i) => Ok(Target { url: l.urls.topic(key), label: l.tables.topic_titles[i.get()].clone() }),
                None => Err(l.unknown("topic", key, &l.tables.topics)),
            },
            "authors" => match l.tables.authors.get(key) {
                Some(&i) => {
                    let author = &l.content.authors[i.get()];
                    Ok(Target { url: l.urls.author(key), label: author.matter.name.clone() })
                }
                None => Err(l.unknown("author", key, &l.tables.authors)),
            },
            "pages" => match l.tables.pages.get(key) {
                Some(&i) => {
                    let page = &l.content.pages[i];
                    Ok(Target { url: l.urls.page(key), label: page.matter.title.clone() })
                }
                None => Err(l.unknown("page", key, &l.tables.pages)),
            },
            other => Err(Unresolved::new(
                format!("unknown link section `{other}/` in [[{target}]]"),
                Some("link [[actor-id]], [[questions/id]], [[briefings/id]], [[topics/id]], [[authors/id]] or [[pages/id]]".into()),
            )),
        };
        resolved.map(|mut t| {
            t.url.push_str(&fragment);
            t
        })
    }

    fn picture(&mut self, dest: &str, alt: &str, title: &str) -> Option<String> {
        let picture = self.lookup.images?.get(self.doc, dest, crate::images::Role::Wide)?;
        Some(picture.html(alt, title, &self.lookup.urls))
    }

    fn embed(&mut self, d: &Directive) -> Result<Embed, (Range<usize>, Unresolved)> {
        let l = self.lookup;
        let at_label = |p| (d.label_range(), p);
        let id = d.label.trim();
        match d.name {
            "figure" => {
                let src = d.get("src").map_or("", |a| a.value);
                // A picture that is not there was reported where it is named.
                if l.images.is_some_and(|i| i.get(self.doc, src, crate::images::Role::Wide).is_none()) {
                    let problem = Unresolved { broken: true, ..Unresolved::new(format!("no picture `{src}`"), None) };
                    return Err(at_label(problem));
                }
                Ok(Embed::Figure {
                    src: src.to_owned(),
                    alt: d.get("alt").map_or("", |a| a.value).to_owned(),
                    caption: None,
                    credit: d.get("credit").map(|a| a.value.to_owned()).filter(|c| !c.trim().is_empty()),
                })
            }
            "actor" => {
                let a = l.actor(id).map_err(at_label)?;
                push_unique(&mut self.refs.actors, a);
                Ok(Embed::Actor(a.get()))
            }
            "stances" => {
                let q = l.question(id).map_err(at_label)?;
                push_unique(&mut self.refs.questions, q);
                Ok(Embed::Stances(q.get()))
            }
            _ => {
                let host = match l.tables.files.get(self.doc) {
                    Some(Entity::Briefing(b)) => Some(*b),
                    _ => None,
                };
                let (actor, briefing, position) = l.embedded_position(d, host)?;
                push_unique(&mut self.refs.actors, actor);
                Ok(Embed::Position { briefing: briefing.get(), position })
            }
        }
    }

    fn destination(&mut self, dest: &str, at: Range<usize>) -> Option<Result<String, Unresolved>> {
        let to = self.lookup.destination(self.doc, dest)?;
        if let Some(Entity::Briefing(b)) = to.page {
            push_unique(&mut self.read, b);
        }
        self.checks.extend(to.check.map(|c| (at, c)));
        Some(to.url)
    }

    fn citation(&mut self, key: &str) -> Result<(usize, String), Unresolved> {
        let Some(sources) = self.sources else {
            let hint = "citations go in briefings, which list their sources (or cite the library's)";
            return Err(Unresolved::new(format!("unknown source `{key}`"), Some(hint.into())));
        };
        let cites = self.cites.get_or_insert_with(|| Cites {
            index: sources.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect(),
            number: vec![0; sources.len()],
            library: Vec::new(),
        });
        let number = match cites.index.get(key) {
            Some(&i) => {
                if cites.number[i] == 0 {
                    self.refs.cited.push(i);
                    cites.number[i] = self.refs.cited.len();
                }
                cites.number[i]
            }
            None => match self.lookup.library.by_id.get(key) {
                Some(&j) => match cites.library.iter().find(|(l, _)| *l == j) {
                    Some(&(_, number)) => number,
                    None => {
                        self.refs.cited.push(sources.len() + j);
                        cites.library.push((j, self.refs.cited.len()));
                        self.refs.cited.len()
                    }
                },
                None => return Err(self.lookup.unknown_source(key, sources)),
            },
        };
        let mut anchor = String::with_capacity(7 + key.len());
        anchor.push_str("source-");
        anchor.push_str(key);
        Ok((number, anchor))
    }
}
