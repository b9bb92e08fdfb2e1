//! The resolved site: every entity checked, with references to others by
//! index, and the cross-reference index over them.

use crate::config::Config;
use crate::content::model::{
    ActorMatter, AuthorMatter, BriefingInfo, Date, Id, PageMatter, QuestionMatter, SourceMatter, Stance, TopicMatter,
};
use crate::content::{Entry, Kind};
use crate::markdown::{Inline, Rendered};
use crate::urls::Urls;

use super::ix::{ActorIx, AuthorIx, BriefingIx, Ix, QuestionIx, TopicIx};
use super::{BodyRefs, Index};

/// A whole site, checked: what the render stage makes pages of.
#[derive(Debug)]
pub struct Site {
    /// `dossier.yaml`.
    pub config: Config,
    /// Every URL the site has, made one way.
    pub urls: Urls,
    /// Newest first.
    pub briefings: Vec<Briefing>,
    /// By name.
    pub actors: Vec<Actor>,
    /// By title.
    pub questions: Vec<Question>,
    /// By title: every topic a briefing names or a file describes.
    pub topics: Vec<Topic>,
    /// Plain pages, by id.
    pub pages: Vec<Page>,
    /// Who writes the briefings, by name (none on a site without bylines).
    pub authors: Vec<Author>,
    /// The source library (`content/sources/`), in file order.
    pub library: Vec<LibrarySource>,
    /// Who took which positions, who appears where, what cites what.
    pub index: Index,
    /// Old URLs (`aliases`, an actor's `redirect_from`) and where they lead.
    pub redirects: Vec<super::Redirect>,
    /// When its content was loaded, in seconds since 1970
    /// (`SOURCE_DATE_EPOCH` when set): what `publish_date` and
    /// `expiry_date` are compared with.
    pub now: i64,
    /// Root-relative links in bodies, checked against the files the build
    /// writes once they are known.
    pub(crate) rooted_links: Vec<super::links::Later>,
    /// Every picture front matter names, processed.
    pub images: crate::images::Images,
    /// The interface's words in the site's language.
    pub words: std::sync::Arc<crate::i18n::Words>,
    /// Every language the site's pages are published in.
    pub languages: std::sync::Arc<super::Languages>,
    /// Which of them this is (0: the default).
    pub lang: usize,
    /// The site in each other language, in `languages`' order (the
    /// default's site holds them; empty for a site in one language).
    pub others: Vec<std::sync::Arc<Site>>,
    /// When resolved for `serve` (with a memo of bodies), the digest of
    /// what resolving one document reads of the others but the briefings
    /// (see [`super::memo`]): with the same digest, and the same id, file
    /// and title of each briefing in `briefings_read`, a document that did
    /// not change resolves as it did.
    pub lookup: Option<u64>,
    /// The briefings some document's links led to (with a memo only).
    pub briefings_read: Vec<BriefingIx>,
    /// The id tables it was resolved with, for rendering a body again.
    pub(crate) tables: std::sync::Arc<super::lookup::Tables>,
}

/// A briefing with its references resolved and its body rendered.
#[derive(Debug)]
pub struct Briefing {
    /// Its file and front matter (positions, sources and summary are below).
    pub doc: Entry<BriefingInfo>,
    /// Who wrote it, in its byline's order.
    pub authors: Vec<AuthorIx>,
    /// Its corrections, in front-matter order.
    pub corrections: Vec<Notice>,
    /// Its updates, in front-matter order.
    pub updates: Vec<Notice>,
    /// When it last changed: the latest of its date, `updated`, and its
    /// corrections' and updates' dates.
    pub modified: Date,
    /// One or two sentences for lists and feeds, rendered inline.
    pub summary: Option<Inline>,
    /// Involved actors: those listed, then those with positions.
    pub actors: Vec<ActorIx>,
    /// Its topics, as front matter lists them.
    pub topics: Vec<TopicIx>,
    /// Its positions whose actor and question exist, in front-matter order.
    pub positions: Vec<Position>,
    /// Numbered in this order (1-based): cited ones first, by first citation.
    pub sources: Vec<SourceMatter>,
    /// Per source: its place in the site's library, when it is the library's.
    pub from_library: Vec<Option<usize>>,
    /// The Markdown body as HTML.
    pub body: Rendered,
    /// What the body links to and cites.
    pub refs: BodyRefs,
}

/// A correction or an update, rendered.
#[derive(Debug, Clone)]
pub struct Notice {
    /// When it was made.
    pub date: Date,
    /// What it says.
    pub text: Inline,
    /// The position a correction corrects (an index into `positions`).
    pub position: Option<usize>,
}

/// A position, resolved: an actor's stance on a question, dated and sourced.
#[derive(Debug, Clone)]
pub struct Position {
    /// Who takes it.
    pub actor: ActorIx,
    /// On what; none for a stance on the briefing's subject.
    pub question: Option<QuestionIx>,
    /// Where the actor stands.
    pub stance: Stance,
    /// The position in the briefing's words.
    pub summary: Option<Inline>,
    /// The actor's own words (in a translation's pages, the translation's
    /// rendering of them).
    pub quote: Option<Inline>,
    /// The words as said, when `quote` is a translation of them.
    pub original_quote: Option<Inline>,
    /// When it was taken (the briefing's date unless given).
    pub date: Date,
    /// Indices into the briefing's `sources`.
    pub sources: Vec<usize>,
    /// The briefing's corrections of this position (indices into its
    /// `corrections`).
    pub corrected: Vec<usize>,
}

/// A source of the library: any briefing may cite it by id.
#[derive(Debug)]
pub struct LibrarySource {
    /// The library file defining it.
    pub path: std::path::PathBuf,
    /// Its fields, as a briefing's own source has them.
    pub source: SourceMatter,
}

/// An author, with the biography in the body rendered.
#[derive(Debug)]
pub struct Author {
    /// Its file and front matter.
    pub doc: Entry<AuthorMatter>,
    /// The Markdown body as HTML.
    pub body: Rendered,
}

/// An actor, with its affiliations resolved and its body rendered.
#[derive(Debug)]
pub struct Actor {
    /// Its file and front matter.
    pub doc: Entry<ActorMatter>,
    /// The actors it belongs to.
    pub affiliations: Vec<ActorIx>,
    /// The Markdown body as HTML.
    pub body: Rendered,
}

/// A question, with its body rendered.
#[derive(Debug)]
pub struct Question {
    /// Its file and front matter.
    pub doc: Entry<QuestionMatter>,
    /// The Markdown body as HTML.
    pub body: Rendered,
}

/// A topic: named by briefings, described by a file of its own or not.
#[derive(Debug)]
pub struct Topic {
    /// Its id, as briefings name it.
    pub id: Id,
    /// From its file, or its id in words.
    pub title: String,
    /// From its file, if any.
    pub description: Option<String>,
    /// Its file, if it has one.
    pub doc: Option<Entry<TopicMatter>>,
    /// Its file's body as HTML (empty without a file).
    pub body: Rendered,
}

/// A plain page, with its body rendered.
#[derive(Debug)]
pub struct Page {
    /// Its file and front matter.
    pub doc: Entry<PageMatter>,
    /// The Markdown body as HTML.
    pub body: Rendered,
}

/// One thing with a page and a Markdown body, by its index in the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entity {
    /// A briefing.
    Briefing(BriefingIx),
    /// An actor.
    Actor(ActorIx),
    /// A question.
    Question(QuestionIx),
    /// A topic.
    Topic(TopicIx),
    /// A plain page, by its index in the site's list.
    Page(usize),
    /// An author.
    Author(AuthorIx),
}

impl Site {
    /// The day of [`Site::now`]: what the editorial checks count ages from.
    pub fn today(&self) -> crate::content::model::Date {
        crate::content::model::Date::from_days(self.now.div_euclid(86_400))
    }

    /// Whether briefing `b`'s `expiry_date` has come: it stays, marked as
    /// archived, off the home page and the feeds.
    pub fn archived(&self, b: BriefingIx) -> bool {
        self.briefings[b].doc.matter.expiry_date.as_ref().is_some_and(|e| e.seconds() <= self.now)
    }

    /// Whether briefing `b`'s `publish_date` is still to come (it is built
    /// only with `--drafts`, for a preview).
    pub fn scheduled(&self, b: BriefingIx) -> bool {
        self.briefings[b].doc.matter.publish_date.as_ref().is_some_and(|p| p.seconds() > self.now)
    }

    /// The entity whose file is document `index` of `kind` in the content
    /// this site was resolved from.
    pub fn entity(&self, kind: Kind, index: usize, id: &Id) -> Option<Entity> {
        Some(match kind {
            Kind::Briefing => Entity::Briefing(BriefingIx::new(index)),
            Kind::Actor => Entity::Actor(ActorIx::new(index)),
            Kind::Question => Entity::Question(QuestionIx::new(index)),
            Kind::Page => Entity::Page(index),
            Kind::Author => Entity::Author(AuthorIx::new(index)),
            // Topics are listed by id, files or not.
            Kind::Topic => Entity::Topic(TopicIx::new(self.topics.iter().position(|t| t.id == *id)?)),
        })
    }

    /// Every entity with a page and a body: briefings, actors, questions,
    /// topics, pages, authors, each in the site's order.
    pub fn entities(&self) -> impl Iterator<Item = Entity> {
        super::ix::all(self.briefings.len())
            .map(Entity::Briefing)
            .chain(super::ix::all(self.actors.len()).map(Entity::Actor))
            .chain(super::ix::all(self.questions.len()).map(Entity::Question))
            .chain(super::ix::all(self.topics.len()).map(Entity::Topic))
            .chain((0..self.pages.len()).map(Entity::Page))
            .chain(super::ix::all(self.authors.len()).map(Entity::Author))
    }

    /// The site's language when it has only one: what its search index
    /// is made in (a site in several indexes each page in its own).
    pub fn one_language(&self) -> Option<&str> {
        (!self.languages.several()).then_some(self.config.language.as_str())
    }

    /// The URL of the entity's page.
    pub fn url(&self, entity: Entity) -> String {
        let u = &self.urls;
        match self.key(entity) {
            (Kind::Briefing, id) => u.briefing(id),
            (Kind::Actor, id) => u.actor(id),
            (Kind::Question, id) => u.question(id),
            (Kind::Topic, id) => u.topic(id),
            (Kind::Page, id) => u.page(id),
            (Kind::Author, id) => u.author(id),
        }
    }

    /// The entity's kind and id, the same in every language.
    pub fn key(&self, entity: Entity) -> (Kind, &Id) {
        match entity {
            Entity::Briefing(i) => (Kind::Briefing, &self.briefings[i].doc.id),
            Entity::Actor(i) => (Kind::Actor, &self.actors[i].doc.id),
            Entity::Question(i) => (Kind::Question, &self.questions[i].doc.id),
            Entity::Topic(i) => (Kind::Topic, &self.topics[i].id),
            Entity::Page(i) => (Kind::Page, &self.pages[i].doc.id),
            Entity::Author(i) => (Kind::Author, &self.authors[i].doc.id),
        }
    }

    /// Whether the entity's words are in the site's language: false when
    /// its page shows the default language's for want of a translation.
    pub fn translated(&self, entity: Entity) -> bool {
        self.translated_in(entity, self.lang)
    }

    /// Whether the entity's words are in language `lang` (an index into
    /// the site's languages). A topic without a file has no words to
    /// translate.
    pub fn translated_in(&self, entity: Entity, lang: usize) -> bool {
        if let Entity::Topic(i) = entity
            && self.topics[i].doc.is_none()
        {
            return true;
        }
        let (kind, id) = self.key(entity);
        self.languages.has(kind, id, lang)
    }

    /// The file the entity comes from (none for a topic without one).
    pub fn file(&self, entity: Entity) -> Option<&std::path::Path> {
        Some(match entity {
            Entity::Briefing(i) => &self.briefings[i].doc.path,
            Entity::Actor(i) => &self.actors[i].doc.path,
            Entity::Question(i) => &self.questions[i].doc.path,
            Entity::Topic(i) => &self.topics[i].doc.as_ref()?.path,
            Entity::Page(i) => &self.pages[i].doc.path,
            Entity::Author(i) => &self.authors[i].doc.path,
        })
    }

    /// The entity's rendered body.
    pub fn body(&self, entity: Entity) -> &Rendered {
        match entity {
            Entity::Briefing(i) => &self.briefings[i].body,
            Entity::Actor(i) => &self.actors[i].body,
            Entity::Question(i) => &self.questions[i].body,
            Entity::Topic(i) => &self.topics[i].body,
            Entity::Page(i) => &self.pages[i].body,
            Entity::Author(i) => &self.authors[i].body,
        }
    }

    /// The entity's rendered body, to replace it.
    pub fn body_mut(&mut self, entity: Entity) -> &mut Rendered {
        match entity {
            Entity::Briefing(i) => &mut self.briefings[i].body,
            Entity::Actor(i) => &mut self.actors[i].body,
            Entity::Question(i) => &mut self.questions[i].body,
            Entity::Topic(i) => &mut self.topics[i].body,
            Entity::Page(i) => &mut self.pages[i].body,
            Entity::Author(i) => &mut self.authors[i].body,
        }
    }
}
