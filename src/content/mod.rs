//! Loading: walk `content/`, split each file, deserialize its front matter.
//!
//! Every problem becomes a [`Diagnostic`] with the file and position; a file
//! that fails to load is left out and loading goes on, so one run reports
//! every broken file.

pub mod frontmatter;
pub mod library;
mod load;
pub mod model;
pub mod translation;
pub mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::diagnostics::{Code, Diagnostic, Position};
pub use load::{check, is_markdown, load, load_one};
use model::{ActorMatter, AuthorMatter, BriefingMatter, Id, PageMatter, QuestionMatter, TopicMatter};

/// What a file under `content/` is, decided by the folder it sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Under `content/briefings/`.
    Briefing,
    /// Under `content/actors/`.
    Actor,
    /// Under `content/questions/`.
    Question,
    /// Under `content/topics/`.
    Topic,
    /// Under `content/authors/`.
    Author,
    /// Anywhere else: a plain page.
    Page,
}

impl Kind {
    /// The kind's name in messages: "briefing", "actor".
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Briefing => "briefing",
            Kind::Actor => "actor",
            Kind::Question => "question",
            Kind::Topic => "topic",
            Kind::Author => "author",
            Kind::Page => "page",
        }
    }

    fn of(relative: &Path) -> Kind {
        let mut parts = relative.components();
        let first = parts.next().and_then(|c| c.as_os_str().to_str());
        let nested = parts.next().is_some();
        match first {
            Some("briefings") if nested => Kind::Briefing,
            Some("actors") if nested => Kind::Actor,
            Some("questions") if nested => Kind::Question,
            Some("topics") if nested => Kind::Topic,
            Some("authors") if nested => Kind::Author,
            _ => Kind::Page,
        }
    }
}

/// Page URLs a plain page may not take: the generated sections own them.
pub const RESERVED_SECTIONS: &[&str] = &["briefings", "actors", "questions", "topics", "authors", "sources", "search"];

/// One loaded file: its id (the file stem), where it is and its typed front
/// matter. Its Markdown body is loaded beside it ([`Bodies`]), for the
/// resolve stage to render and let go.
#[derive(Debug, Clone)]
pub struct Document<M> {
    /// The file stem: the entity's id and URL segment.
    pub id: Id,
    /// Relative to the site root, as shown in diagnostics.
    pub path: PathBuf,
    /// The front matter, typed.
    pub matter: M,
    /// The front matter's text, to point diagnostics into.
    pub front_matter: String,
    /// Line (1-based) of the first front-matter line.
    pub front_matter_line: usize,
    /// Line (1-based) on which the body starts.
    pub body_line: usize,
    /// The front matter's outline, made on the first [`Document::locate`].
    outline: OnceLock<Arc<yaml::Outline>>,
}

/// A document as the stages after resolving keep it: which it is, where it
/// came from and what its front matter says. Its text is rendered by then,
/// and a large site should not hold every file twice.
#[derive(Debug, Clone)]
pub struct Entry<M> {
    /// The file stem: the entity's id and URL segment.
    pub id: Id,
    /// Relative to the site root.
    pub path: PathBuf,
    /// The front matter, or what of it the stage keeps.
    pub matter: M,
}

impl<M> Document<M> {
    /// The document as its translation `t` has it: its file, front
    /// matter's text and lines are the translation's (problems found in
    /// its words point there); its typed front matter stays, for the
    /// caller to lay the translation's words over.
    pub fn located_as<N>(&mut self, t: &Document<N>) {
        self.path.clone_from(&t.path);
        self.front_matter.clone_from(&t.front_matter);
        self.front_matter_line = t.front_matter_line;
        self.body_line = t.body_line;
        self.outline = OnceLock::new();
    }

    /// The document's entry, with `matter` (its own, or what of it is kept).
    pub fn entry<N>(&self, matter: N) -> Entry<N> {
        Entry { id: self.id.clone(), path: self.path.clone(), matter }
    }

    /// Position in the file of a value found by [`yaml::locate`]; else of
    /// the nearest value around it that can be found (a flow mapping's
    /// line, `- { id: x, url: … }`), else the first front-matter line.
    pub fn locate(&self, path: &[yaml::Seg]) -> (Position, usize) {
        let outline = self.outline.get_or_init(|| Arc::new(yaml::Outline::new(&self.front_matter)));
        let found = (1..=path.len()).rev().find_map(|n| outline.locate(&self.front_matter, &path[..n]));
        match found {
            Some(s) => (Position::new(s.line + self.front_matter_line - 1, s.column), s.length),
            None => (Position::new(self.front_matter_line.saturating_sub(1).max(1), 1), 3),
        }
    }

    /// Position in the file of byte `offset` of the body, `body`.
    pub fn body_position(&self, body: &str, offset: usize) -> Position {
        let p = Position::of_offset(body, offset);
        Position::new(p.line + self.body_line - 1, p.column)
    }

    /// A problem of kind `code` pointing at the value at `path` in the
    /// front matter.
    pub fn problem_at(&self, code: Code, path: &[yaml::Seg], message: impl Into<String>) -> Diagnostic {
        let (pos, len) = self.locate(path);
        Diagnostic::new(code, &self.path, message).at(pos).spanning(len)
    }
}

/// Everything under `content/`, typed, drafts already removed (unless asked for).
#[derive(Debug, Default, Clone)]
pub struct Content {
    /// Under `content/briefings/`, drafts left out unless asked for.
    pub briefings: Vec<Document<BriefingMatter>>,
    /// Under `content/actors/`.
    pub actors: Vec<Document<ActorMatter>>,
    /// Under `content/questions/`.
    pub questions: Vec<Document<QuestionMatter>>,
    /// Under `content/topics/`.
    pub topics: Vec<Document<TopicMatter>>,
    /// Under `content/authors/`.
    pub authors: Vec<Document<AuthorMatter>>,
    /// The source library: `content/sources/*.yaml`, each a list.
    pub library: Vec<Document<Vec<model::SourceMatter>>>,
    /// Everywhere else, drafts left out unless asked for.
    pub pages: Vec<Document<PageMatter>>,
    /// Translations of the above into the other languages of `languages:`.
    pub translations: Vec<translation::Translation>,
    /// Ids of briefings left out as drafts or not yet published (a
    /// `publish_date` to come), so a link to one gets a useful hint.
    pub draft_briefings: Vec<Id>,
    /// Plain pages left out as drafts (their translations too).
    pub draft_pages: Vec<Id>,
    /// Files that failed to load, by kind and id: the rest of the site is
    /// still checked, and a reference to one of them is not an error of its
    /// own (the file's error covers it).
    pub broken: Vec<(Kind, Id)>,
    /// When it was loaded, in seconds since 1970 (`SOURCE_DATE_EPOCH` when
    /// set): the one "now" that scheduling and the date checks compare with.
    pub now: i64,
    /// In the content of a translation's pages ([`translation::overlay`]):
    /// each document laid over, by its translation's file, and its
    /// original's file, which links name.
    pub laid_over: Vec<(PathBuf, PathBuf)>,
}

/// A document's Markdown body: shared, so that `serve` keeps the site's
/// bodies for its next resolution without copying them.
pub type Body = std::sync::Arc<String>;

/// The Markdown bodies of [`Content`]'s documents, each list in the same
/// order as the documents.
#[derive(Debug, Default, Clone)]
pub struct Bodies {
    /// Of `Content::briefings`.
    pub briefings: Vec<Body>,
    /// Of `Content::actors`.
    pub actors: Vec<Body>,
    /// Of `Content::questions`.
    pub questions: Vec<Body>,
    /// Of `Content::topics`.
    pub topics: Vec<Body>,
    /// Of `Content::authors`.
    pub authors: Vec<Body>,
    /// Of `Content::pages`.
    pub pages: Vec<Body>,
}

/// One loaded file, typed by the folder it sits in.
#[derive(Clone)]
pub enum Loaded {
    /// A briefing.
    Briefing(Document<BriefingMatter>),
    /// An actor.
    Actor(Document<ActorMatter>),
    /// A question.
    Question(Document<QuestionMatter>),
    /// A topic's own file.
    Topic(Document<TopicMatter>),
    /// An author.
    Author(Document<AuthorMatter>),
    /// A plain page.
    Page(Document<PageMatter>),
}

impl Loaded {
    /// The file's id (its stem).
    pub fn id(&self) -> &Id {
        match self {
            Loaded::Briefing(d) => &d.id,
            Loaded::Actor(d) => &d.id,
            Loaded::Question(d) => &d.id,
            Loaded::Topic(d) => &d.id,
            Loaded::Author(d) => &d.id,
            Loaded::Page(d) => &d.id,
        }
    }

    /// The picture its front matter names.
    pub fn picture(&self) -> Option<&str> {
        match self {
            Loaded::Briefing(d) => d.matter.image.as_ref().map(|i| i.src.as_str()),
            Loaded::Actor(d) => d.matter.image.as_ref().map(|i| i.src.as_str()),
            Loaded::Author(d) => d.matter.image.as_ref().map(|i| i.src.as_str()),
            Loaded::Question(_) | Loaded::Topic(_) | Loaded::Page(_) => None,
        }
    }

    /// Where the file is, the front matter's text, its first line and the
    /// body's first line: together, everything but the body.
    pub fn head(&self) -> Head<'_> {
        match self {
            Loaded::Briefing(d) => d.head(),
            Loaded::Actor(d) => d.head(),
            Loaded::Question(d) => d.head(),
            Loaded::Topic(d) => d.head(),
            Loaded::Author(d) => d.head(),
            Loaded::Page(d) => d.head(),
        }
    }
}

/// What a file holds besides its body (see [`Loaded::head`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head<'a> {
    /// Which folder it is in.
    pub kind: Kind,
    /// Relative to the site root.
    pub path: &'a Path,
    /// The front matter's text.
    pub front_matter: &'a str,
    /// Line (1-based) of the first front-matter line.
    pub front_matter_line: usize,
    /// Line (1-based) on which the body starts.
    pub body_line: usize,
}

impl<M: KindOf> Document<M> {
    fn head(&self) -> Head<'_> {
        Head {
            kind: M::KIND,
            path: &self.path,
            front_matter: &self.front_matter,
            front_matter_line: self.front_matter_line,
            body_line: self.body_line,
        }
    }
}

/// The kind of document a front-matter type belongs to.
pub trait KindOf {
    /// The kind.
    const KIND: Kind;
}

impl KindOf for BriefingMatter {
    const KIND: Kind = Kind::Briefing;
}
impl KindOf for ActorMatter {
    const KIND: Kind = Kind::Actor;
}
impl KindOf for QuestionMatter {
    const KIND: Kind = Kind::Question;
}
impl KindOf for TopicMatter {
    const KIND: Kind = Kind::Topic;
}
impl KindOf for AuthorMatter {
    const KIND: Kind = Kind::Author;
}
impl KindOf for PageMatter {
    const KIND: Kind = Kind::Page;
}

/// Puts `doc` and its `body` in place of document `index` of its kind, or
/// after the last (the order is [`crate::resolve::sort`]'s to make).
/// Returns the document and body it replaced.
pub fn replace(
    content: &mut Content,
    bodies: &mut Bodies,
    index: Option<usize>,
    doc: Loaded,
    body: Body,
) -> Option<(Loaded, Body)> {
    fn put<M>(
        (docs, bodies): (&mut Vec<Document<M>>, &mut Vec<Body>),
        index: Option<usize>,
        (doc, body): (Document<M>, Body),
        loaded: fn(Document<M>) -> Loaded,
    ) -> Option<(Loaded, Body)> {
        let Some(i) = index else {
            docs.push(doc);
            bodies.push(body);
            return None;
        };
        Some((loaded(std::mem::replace(&mut docs[i], doc)), std::mem::replace(&mut bodies[i], body)))
    }
    let (c, b) = (content, bodies);
    match doc {
        Loaded::Briefing(d) => put((&mut c.briefings, &mut b.briefings), index, (d, body), Loaded::Briefing),
        Loaded::Actor(d) => put((&mut c.actors, &mut b.actors), index, (d, body), Loaded::Actor),
        Loaded::Question(d) => put((&mut c.questions, &mut b.questions), index, (d, body), Loaded::Question),
        Loaded::Topic(d) => put((&mut c.topics, &mut b.topics), index, (d, body), Loaded::Topic),
        Loaded::Author(d) => put((&mut c.authors, &mut b.authors), index, (d, body), Loaded::Author),
        Loaded::Page(d) => put((&mut c.pages, &mut b.pages), index, (d, body), Loaded::Page),
    }
}

/// Takes document `index` of `kind`, and its body, away; returns them.
pub fn remove(content: &mut Content, bodies: &mut Bodies, kind: Kind, index: usize) -> (Loaded, Body) {
    fn take<M>(
        (docs, bodies): (&mut Vec<Document<M>>, &mut Vec<Body>),
        index: usize,
        loaded: fn(Document<M>) -> Loaded,
    ) -> (Loaded, Body) {
        (loaded(docs.remove(index)), bodies.remove(index))
    }
    let (c, b) = (content, bodies);
    match kind {
        Kind::Briefing => take((&mut c.briefings, &mut b.briefings), index, Loaded::Briefing),
        Kind::Actor => take((&mut c.actors, &mut b.actors), index, Loaded::Actor),
        Kind::Question => take((&mut c.questions, &mut b.questions), index, Loaded::Question),
        Kind::Topic => take((&mut c.topics, &mut b.topics), index, Loaded::Topic),
        Kind::Author => take((&mut c.authors, &mut b.authors), index, Loaded::Author),
        Kind::Page => take((&mut c.pages, &mut b.pages), index, Loaded::Page),
    }
}

/// Puts `doc` and its `body` back at `index` of its kind's list (where
/// [`remove`] took them from).
pub fn insert(content: &mut Content, bodies: &mut Bodies, index: usize, doc: Loaded, body: Body) {
    fn put<M>((docs, bodies): (&mut Vec<Document<M>>, &mut Vec<Body>), index: usize, doc: Document<M>, body: Body) {
        let index = index.min(docs.len());
        docs.insert(index, doc);
        bodies.insert(index, body);
    }
    let (c, b) = (content, bodies);
    match doc {
        Loaded::Briefing(d) => put((&mut c.briefings, &mut b.briefings), index, d, body),
        Loaded::Actor(d) => put((&mut c.actors, &mut b.actors), index, d, body),
        Loaded::Question(d) => put((&mut c.questions, &mut b.questions), index, d, body),
        Loaded::Topic(d) => put((&mut c.topics, &mut b.topics), index, d, body),
        Loaded::Author(d) => put((&mut c.authors, &mut b.authors), index, d, body),
        Loaded::Page(d) => put((&mut c.pages, &mut b.pages), index, d, body),
    }
}

impl Content {
    /// Every document: its kind, its index in that kind's list, its id and
    /// its file (relative to the site root).
    pub fn documents(&self) -> impl Iterator<Item = (Kind, usize, &Id, &Path)> {
        fn of<M: KindOf>(docs: &[Document<M>]) -> impl Iterator<Item = (Kind, usize, &Id, &Path)> {
            docs.iter().enumerate().map(|(i, d)| (M::KIND, i, &d.id, d.path.as_path()))
        }
        of(&self.briefings)
            .chain(of(&self.actors))
            .chain(of(&self.questions))
            .chain(of(&self.topics))
            .chain(of(&self.authors))
            .chain(of(&self.pages))
    }

    /// The id of document `index` of `kind`.
    pub fn id(&self, kind: Kind, index: usize) -> &Id {
        match kind {
            Kind::Briefing => &self.briefings[index].id,
            Kind::Actor => &self.actors[index].id,
            Kind::Question => &self.questions[index].id,
            Kind::Topic => &self.topics[index].id,
            Kind::Author => &self.authors[index].id,
            Kind::Page => &self.pages[index].id,
        }
    }

    /// The picture document `index` of `kind` names in its front matter.
    pub fn picture(&self, kind: Kind, index: usize) -> Option<&str> {
        match kind {
            Kind::Briefing => self.briefings[index].matter.image.as_ref().map(|i| i.src.as_str()),
            Kind::Actor => self.actors[index].matter.image.as_ref().map(|i| i.src.as_str()),
            Kind::Author => self.authors[index].matter.image.as_ref().map(|i| i.src.as_str()),
            Kind::Question | Kind::Topic | Kind::Page => None,
        }
    }

    /// The index of the document at `path` in its kind's list.
    pub fn index_of(&self, path: &Path) -> Option<(Kind, usize)> {
        self.documents().find(|&(.., p)| p == path).map(|(kind, i, ..)| (kind, i))
    }

    /// Every document's path, with its kind and its index in that kind's list.
    pub fn paths(&self) -> HashMap<PathBuf, (Kind, usize)> {
        self.documents().map(|(kind, i, _, path)| (path.to_path_buf(), (kind, i))).collect()
    }

    /// Every document by kind and id: its index in its kind's list, and
    /// its file.
    pub fn by_id(&self) -> HashMap<(Kind, &Id), (usize, &Path)> {
        self.documents().map(|(kind, i, id, path)| ((kind, id), (i, path))).collect()
    }

    /// The head of document `index` of `kind` (see [`Content::paths`]).
    pub fn head(&self, kind: Kind, index: usize) -> Head<'_> {
        match kind {
            Kind::Briefing => self.briefings[index].head(),
            Kind::Actor => self.actors[index].head(),
            Kind::Question => self.questions[index].head(),
            Kind::Topic => self.topics[index].head(),
            Kind::Author => self.authors[index].head(),
            Kind::Page => self.pages[index].head(),
        }
    }
}
