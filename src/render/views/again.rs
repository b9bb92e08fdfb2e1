//! The shared references again, after edits to some documents (`serve`):
//! a reference whose inputs did not change is taken over from the last
//! renderer — the same value, so that pages digest it by its place — and
//! only the others are made.
//!
//! A document resolves as it did when it did not change and what it reads
//! of the others did not either ([`Site::lookup`], and the briefings links
//! led to: [`Site::briefings_read`]). Then its references
//! are what they were, given theirs: a briefing's list item shows its
//! topics' and authors' references; a position's partial shows its
//! actor's, its question's, its briefing's, and the stance it changed
//! from (which other briefings' positions decide).

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use tera::Tera;

use super::position::PositionParts;
use super::{Refs, Shared, Tables, actor_ref, author_ref, briefing_ref, position_parts, question_ref, topic_ref};
use crate::content::Kind;
use crate::content::model::Id;
use crate::diagnostics::Diagnostic;
use crate::render::Edited;
use crate::resolve::{ActorIx, AuthorIx, BriefingIx, Ix, QuestionIx, Site, Table, TopicIx, ix};

impl Refs {
    /// [`Refs::build`] for `site`, an edit of `old_site` (the same
    /// settings, words, pictures and templates), taking over what `old`
    /// made of the documents `kept` names.
    pub(in crate::render) fn again(
        site: &Site,
        tera: &Tera,
        (old_site, old): (&Site, &Refs),
        kept: Option<&Kept>,
    ) -> Result<Refs, Diagnostic> {
        let Some(kept) = kept else { return Refs::build(site, tera) };
        let shared = Shared::again(site, tera, &old.shared)?;
        let actors = (kept.actors.enumerate().collect::<Vec<_>>().into_par_iter())
            .map(|(a, was)| was.map_or_else(|| actor_ref(site, tera, a), |o| Ok(old.actors[o].clone())))
            .collect::<Result<_, _>>()?;
        let questions = (kept.questions.enumerate())
            .map(|(q, was)| was.map_or_else(|| question_ref(site, q), |o| old.questions[o].clone()))
            .collect();
        let topics = (kept.topics.enumerate())
            .map(|(t, was)| was.map_or_else(|| topic_ref(site, t), |o| old.topics[o].clone()))
            .collect();
        let authors = (kept.authors.enumerate())
            .map(|(a, was)| was.map_or_else(|| author_ref(site, a), |o| old.authors[o].clone()))
            .collect();
        let briefings = (site.briefings.par_iter().enumerate())
            .map(|(b, briefing)| match kept.item(site, BriefingIx::new(b)) {
                Some(o) => Ok(old.briefings[o].clone()),
                None => briefing_ref(tera, site, &shared, (&topics, &authors), briefing),
            })
            .collect::<Result<_, _>>()?;
        let positions = (ix::all(site.briefings.len()).collect::<Vec<BriefingIx>>().into_par_iter())
            .map(|b| match kept.briefings[b] {
                Some(o) => kept.parts(site, (old_site, old), b, o),
                None => position_parts(site, &shared, &site.briefings[b]),
            })
            .collect();
        let tables = Tables { actors, questions, topics, authors, briefings, positions };
        Refs::assemble(site, tera, tables, shared)
    }
}

/// For each entity of a kind, its index in the old site when its
/// document was not edited: its references can be taken over.
pub(in crate::render) struct Kept {
    actors: Table<ActorIx, Option<ActorIx>>,
    questions: Table<QuestionIx, Option<QuestionIx>>,
    topics: Table<TopicIx, Option<TopicIx>>,
    authors: Table<AuthorIx, Option<AuthorIx>>,
    briefings: Table<BriefingIx, Option<BriefingIx>>,
}

impl Kept {
    /// What of `old` can be taken over for `site`; `None` when what every
    /// document reads of the others changed ([`Site::lookup`]), or a
    /// briefing some link leads to.
    pub(in crate::render) fn of(site: &Site, old: &Site, edited: &Edited) -> Option<Kept> {
        let same = site.lookup.is_some() && site.lookup == old.lookup && linked_alike(site, old);
        same.then(|| Kept {
            actors: kept((site, old), Kind::Actor, edited),
            questions: kept((site, old), Kind::Question, edited),
            topics: kept((site, old), Kind::Topic, edited),
            authors: kept((site, old), Kind::Author, edited),
            briefings: kept((site, old), Kind::Briefing, edited),
        })
    }

    /// Briefing `b`'s index in the old site, when its document was not edited.
    pub(in crate::render) fn briefing(&self, b: BriefingIx) -> Option<BriefingIx> {
        self.briefings[b]
    }

    /// Briefing `b`'s index in the old site when its list item can be
    /// taken over: it shows its topics and byline too.
    fn item(&self, site: &Site, b: BriefingIx) -> Option<BriefingIx> {
        let briefing = &site.briefings[b];
        self.briefings[b].filter(|_| {
            briefing.topics.iter().all(|&t| self.topics[t].is_some())
                && briefing.authors.iter().all(|&a| self.authors[a].is_some())
        })
    }

    /// The positions' parts of briefing `b` (`o` in the old site) taken
    /// over, each with its partial unless what that shows changed.
    fn parts(&self, site: &Site, (old_site, old): (&Site, &Refs), b: BriefingIx, o: BriefingIx) -> Vec<PositionParts> {
        let item = self.item(site, b).is_some();
        let mut parts = old.positions[o].clone();
        for (p, part) in parts.iter_mut().enumerate() {
            let position = &site.briefings[b].positions[p];
            let same = item
                && self.actors[position.actor].is_some()
                && position.question.is_none_or(|q| self.questions[q].is_some())
                && site.index.changed_from[b][p] == old_site.index.changed_from[o][p];
            if !same {
                part.html = None;
            }
        }
        parts
    }
}

/// Whether every briefing `site`'s links lead to has the id, file and
/// title it had in `old`: what a link to it shows.
fn linked_alike(site: &Site, old: &Site) -> bool {
    if site.briefings_read.is_empty() {
        return true;
    }
    let before: FxHashMap<&Id, &crate::resolve::Briefing> = old.briefings.iter().map(|b| (&b.doc.id, b)).collect();
    site.briefings_read.iter().all(|&b| {
        let now = &site.briefings[b].doc;
        before.get(&now.id).is_some_and(|was| was.doc.path == now.path && was.doc.matter.title == now.matter.title)
    })
}

/// For each of `site`'s entities of `kind`, its index among `old`'s,
/// unless its document was edited.
fn kept<I: Ix>((site, old): (&Site, &Site), kind: Kind, edited: &Edited) -> Table<I, Option<I>> {
    // `entities` lists each kind's in index order.
    fn ids(site: &Site, kind: Kind) -> impl Iterator<Item = &Id> {
        site.entities().map(|e| site.key(e)).filter(move |(k, _)| *k == kind).map(|(_, id)| id)
    }
    let before: FxHashMap<&Id, usize> = ids(old, kind).enumerate().map(|(i, id)| (id, i)).collect();
    ids(site, kind).map(|id| before.get(id).filter(|_| !edited(kind, id)).map(|&i| I::new(i))).collect()
}
