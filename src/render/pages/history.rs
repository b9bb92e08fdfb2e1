//! Positions grouped into histories (an actor on a question, oldest first)
//! and counted by stance: what actor and question pages show.

use serde::Serialize;
use tera::Value;

use crate::content::model::Stance;
use crate::render::views::{Ctx, Refs};
use crate::resolve::{ActorIx, PositionRef, QuestionIx};

/// One line of history: an actor on a question, oldest position first.
#[derive(Serialize)]
pub(super) struct History<'a> {
    actor: Option<&'a Value>,
    question: Option<&'a Value>,
    current: &'a Value,
    /// `current`, for counting.
    #[serde(skip)]
    pub(super) stance: Stance,
    changed: bool,
    positions: Vec<&'a Value>,
}

/// Each of `refs` as a template value, in order.
pub(super) fn positions(ctx: &Ctx, refs: &[PositionRef]) -> Vec<Value> {
    refs.iter().map(|&r| ctx.refs.position(ctx.site, r)).collect()
}

/// What positions are grouped by.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum By {
    Actor,
    Question,
}

/// What one history is of. Positions on no question group last.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    Actor(ActorIx),
    Question(QuestionIx),
    NoQuestion,
}

/// Groups positions (oldest first; `values` are theirs, in the same order)
/// by question or by actor; a stable sort keeps each group in date order,
/// so one pass builds every group.
pub(super) fn histories<'v>(ctx: &Ctx<'v>, refs: &[PositionRef], values: &'v [Value], by: By) -> Vec<History<'v>> {
    let site = ctx.site;
    let position = |n: usize| &site.briefings[refs[n].briefing].positions[refs[n].position];
    let key = |n: &usize| match (by, position(*n).question) {
        (By::Question, Some(q)) => Group::Question(q),
        (By::Question, None) => Group::NoQuestion,
        (By::Actor, _) => Group::Actor(position(*n).actor),
    };
    let mut sorted: Vec<usize> = (0..refs.len()).collect();
    sorted.sort_by_key(key);
    sorted
        .chunk_by(|a, b| key(a) == key(b))
        .map(|group| {
            let k = key(&group[0]);
            let stance = position(group[group.len() - 1]).stance;
            History {
                actor: if let Group::Actor(a) = k { Some(&ctx.refs.actors[a]) } else { None },
                question: if let Group::Question(q) = k { Some(&ctx.refs.questions[q]) } else { None },
                current: ctx.refs.stance(stance),
                stance,
                changed: group.iter().any(|&n| site.index.changed_from[refs[n].briefing][refs[n].position].is_some()),
                positions: group.iter().map(|&n| &values[n]).collect(),
            }
        })
        .collect()
}

#[derive(Serialize)]
pub(super) struct Tally<'a> {
    stance: &'a Value,
    count: usize,
}

/// Counts of each stance, in the order stances are defined, zeros left out.
pub(super) fn tally(refs: &Refs, stances: impl Iterator<Item = Stance>) -> Vec<Tally<'_>> {
    let stances: Vec<Stance> = stances.collect();
    Stance::ALL
        .iter()
        .map(|&s| Tally { stance: refs.stance(s), count: stances.iter().filter(|&&k| k == s).count() })
        .filter(|t| t.count > 0)
        .collect()
}
