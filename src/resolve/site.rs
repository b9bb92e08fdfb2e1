//! The resolved site: every entity checked, with references to others by
//! index, and the cross-reference index over them.

use crate::config::Config;
use crate::content::model::{
    ActorMatter, BriefingInfo, Date, Id, PageMatter, QuestionMatter, SourceMatter, Stance, TopicMatter,
};
use crate::content::{Entry, Kind};
use crate::markdown::Rendered;
use crate::urls::Urls;

use super::ix::{ActorIx, BriefingIx, Ix, QuestionIx, TopicIx};
use super::{BodyRefs, Index};

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
    pub doc: Entry<BriefingInfo>,
    /// Involved actors: those listed, then those with positions.
    pub actors: Vec<ActorIx>,
    pub topics: Vec<TopicIx>,
    pub positions: Vec<Position>,
    /// Numbered in this order (1-based): cited ones first, by first citation.
    pub sources: Vec<SourceMatter>,
    pub body: Rendered,
    pub refs: BodyRefs,
}

#[derive(Debug, Clone)]
pub struct Position {
    pub actor: ActorIx,
    pub question: Option<QuestionIx>,
    pub stance: Stance,
    pub summary: Option<String>,
    pub quote: Option<String>,
    pub date: Date,
    /// Indices into the briefing's `sources`.
    pub sources: Vec<usize>,
}

#[derive(Debug)]
pub struct Actor {
    pub doc: Entry<ActorMatter>,
    pub affiliations: Vec<ActorIx>,
    pub body: Rendered,
}

#[derive(Debug)]
pub struct Question {
    pub doc: Entry<QuestionMatter>,
    pub body: Rendered,
}

#[derive(Debug)]
pub struct Topic {
    pub id: Id,
    pub title: String,
    pub description: Option<String>,
    pub doc: Option<Entry<TopicMatter>>,
    pub body: Rendered,
}

#[derive(Debug)]
pub struct Page {
    pub doc: Entry<PageMatter>,
    pub body: Rendered,
}

/// One thing with a page and a Markdown body, by its index in the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Briefing(BriefingIx),
    Actor(ActorIx),
    Question(QuestionIx),
    Topic(TopicIx),
    Page(usize),
}

impl Site {
    /// The entity whose file is document `index` of `kind` in the content
    /// this site was resolved from.
    pub fn entity(&self, kind: Kind, index: usize, id: &Id) -> Option<Entity> {
        Some(match kind {
            Kind::Briefing => Entity::Briefing(BriefingIx::new(index)),
            Kind::Actor => Entity::Actor(ActorIx::new(index)),
            Kind::Question => Entity::Question(QuestionIx::new(index)),
            Kind::Page => Entity::Page(index),
            // Topics are listed by id, files or not.
            Kind::Topic => Entity::Topic(TopicIx::new(self.topics.iter().position(|t| t.id == *id)?)),
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
