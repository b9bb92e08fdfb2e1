//! Which entities' pages an edit to some documents most likely changes:
//! those pages' values are compared first, so the preview shows them at
//! once; every other page's are compared right after ([`super::Session::settle`]),
//! so a page this misses is late, never wrong.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::content::Kind;
use crate::content::model::Id;
use crate::resolve::{ActorIx, Entity, Site};

/// An entity as both sites name it (indices differ between them).
pub(super) type Key = (Kind, Id);

/// The entities of `edited` (documents edited, added or removed) in
/// `site`, what each names and what names it, and the briefings whose
/// pages carry the preview card of an actor among them.
pub(super) fn related(site: &Site, edited: &[Key]) -> FxHashSet<Key> {
    let by_key: FxHashMap<(Kind, &Id), Entity> = site.entities().map(|e| (site.key(e), e)).collect();
    let mut found: Vec<Entity> = Vec::new();
    for (kind, id) in edited {
        if let Some(&e) = by_key.get(&(*kind, id)) {
            found.push(e);
            neighbours(site, e, &mut found);
        }
    }
    let actors: Vec<ActorIx> =
        found.iter().filter_map(|e| if let Entity::Actor(a) = e { Some(*a) } else { None }).collect();
    for a in actors {
        let ix = &site.index;
        found.extend(ix.actor_briefings[a].iter().chain(&ix.actor_mentions[a]).map(|&b| Entity::Briefing(b)));
    }
    found.into_iter().map(|e| site.key(e)).map(|(kind, id)| (kind, id.clone())).collect()
}

/// What `e` names, and what names it.
fn neighbours(site: &Site, e: Entity, found: &mut Vec<Entity>) {
    let ix = &site.index;
    match e {
        Entity::Briefing(b) => {
            let briefing = &site.briefings[b];
            found.extend(briefing.actors.iter().chain(&briefing.refs.actors).map(|&a| Entity::Actor(a)));
            let questions =
                briefing.positions.iter().filter_map(|p| p.question).chain(briefing.refs.questions.iter().copied());
            found.extend(questions.map(Entity::Question));
            found.extend(briefing.topics.iter().map(|&t| Entity::Topic(t)));
            found.extend(briefing.authors.iter().map(|&a| Entity::Author(a)));
            let briefings =
                briefing.refs.briefings.iter().chain(&ix.briefing_backlinks[b]).chain(&ix.briefing_related[b]);
            found.extend(briefings.map(|&other| Entity::Briefing(other)));
        }
        Entity::Actor(a) => {
            found.extend(ix.actor_briefings[a].iter().chain(&ix.actor_mentions[a]).map(|&b| Entity::Briefing(b)));
            found.extend(ix.actor_members[a].iter().map(|&m| Entity::Actor(m)));
            found.extend(ix.actor_companions[a].iter().map(|&(c, _)| Entity::Actor(c)));
            let questions =
                ix.actor_positions[a].iter().filter_map(|r| site.briefings[r.briefing].positions[r.position].question);
            found.extend(questions.map(Entity::Question));
        }
        Entity::Question(q) => {
            found.extend(ix.question_briefings[q].iter().map(|&b| Entity::Briefing(b)));
            let actors =
                ix.question_positions[q].iter().map(|r| site.briefings[r.briefing].positions[r.position].actor);
            found.extend(actors.map(Entity::Actor));
        }
        Entity::Topic(t) => found.extend(ix.topic_briefings[t].iter().map(|&b| Entity::Briefing(b))),
        Entity::Author(a) => found.extend(ix.author_briefings[a].iter().map(|&b| Entity::Briefing(b))),
        Entity::Page(_) => {}
    }
}
