//! Positions grouped into histories (an actor on a question, oldest first)
//! and counted by stance: what actor and question pages show, a page of
//! them at a time.

use std::ops::Range;

use serde::Serialize;
use tera::Value;

use crate::content::model::Stance;
use crate::render::views::{Ctx, Refs};
use crate::resolve::{ActorIx, PositionRef, QuestionIx, Site};

/// One line of history: an actor on a question, oldest position first.
/// On a page that shows part of it, `positions` are that part; `current`
/// and `changed` always speak of the whole.
#[derive(Serialize)]
pub(super) struct History<'a> {
    actor: Option<&'a Value>,
    question: Option<&'a Value>,
    current: &'a Value,
    changed: bool,
    positions: Vec<Value>,
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

/// Positions already made as template values: those of `refs[range]`.
pub(super) type Made<'a> = (Range<usize>, &'a [Value]);

/// A list of positions (oldest first) grouped into histories: indexes
/// into the list, group after group, each group in date order.
pub(super) struct Grouped<'s> {
    site: &'s Site,
    refs: &'s [PositionRef],
    /// Each group's key and the range of `order` it covers.
    groups: Vec<(Group, Range<usize>)>,
    order: Vec<usize>,
}

impl<'s> Grouped<'s> {
    /// Groups `refs` by question or by actor. Sorting each position's
    /// group with its place in the list keeps each group in date order.
    pub(super) fn new(site: &'s Site, refs: &'s [PositionRef], by: By) -> Self {
        let mut keyed: Vec<(Group, usize)> = (refs.iter().enumerate())
            .map(|(n, r)| {
                let p = &site.briefings[r.briefing].positions[r.position];
                let group = match (by, p.question) {
                    (By::Question, Some(q)) => Group::Question(q),
                    (By::Question, None) => Group::NoQuestion,
                    (By::Actor, _) => Group::Actor(p.actor),
                };
                (group, n)
            })
            .collect();
        keyed.sort_unstable();
        let mut groups: Vec<(Group, Range<usize>)> = Vec::new();
        for (at, &(key, _)) in keyed.iter().enumerate() {
            match groups.last_mut() {
                Some((k, range)) if *k == key => range.end = at + 1,
                _ => groups.push((key, at..at + 1)),
            }
        }
        Grouped { site, refs, groups, order: keyed.into_iter().map(|(_, n)| n).collect() }
    }

    /// How many histories there are.
    pub(super) fn len(&self) -> usize {
        self.groups.len()
    }

    /// The actors of the histories in `range` (when grouped by actor).
    pub(super) fn actors(&self, range: Range<usize>) -> impl Iterator<Item = ActorIx> + '_ {
        self.groups[range].iter().filter_map(|(k, _)| if let Group::Actor(a) = k { Some(*a) } else { None })
    }

    /// Each history's latest stance.
    pub(super) fn stances(&self) -> impl Iterator<Item = Stance> + '_ {
        self.groups.iter().map(|(_, range)| self.stance(range.end - 1))
    }

    /// The histories in `range` of the list, whole. `made` are positions
    /// already made as values (`values` of `refs[range]`), taken rather
    /// than made again.
    pub(super) fn histories<'v>(&self, ctx: &Ctx<'v>, range: Range<usize>, made: Made<'_>) -> Vec<History<'v>> {
        let groups = self.groups[range].iter();
        groups.map(|(k, group)| self.history(ctx, *k, group, group.clone(), &made)).collect()
    }

    /// The positions in `shown` (of all positions, group after group),
    /// in the histories they belong to.
    pub(super) fn positions_in<'v>(&self, ctx: &Ctx<'v>, shown: Range<usize>) -> Vec<History<'v>> {
        (self.groups.iter())
            .filter(|(_, group)| group.start < shown.end && shown.start < group.end)
            .map(|(k, group)| {
                let part = group.start.max(shown.start)..group.end.min(shown.end);
                self.history(ctx, *k, group, part, &(0..0, &[]))
            })
            .collect()
    }

    fn history<'v>(
        &self,
        ctx: &Ctx<'v>,
        key: Group,
        group: &Range<usize>,
        shown: Range<usize>,
        (range, values): &Made<'_>,
    ) -> History<'v> {
        let at = |k: usize| self.refs[self.order[k]];
        let changed = group.clone().any(|k| self.site.index.changed_from[at(k).briefing][at(k).position].is_some());
        let value = |k: usize| match self.order[k] {
            n if range.contains(&n) => values[n - range.start].clone(),
            _ => ctx.refs.position(self.site, at(k)),
        };
        History {
            actor: if let Group::Actor(a) = key { Some(&ctx.refs.actors[a]) } else { None },
            question: if let Group::Question(q) = key { Some(&ctx.refs.questions[q]) } else { None },
            current: ctx.refs.stance(self.stance(group.end - 1)),
            changed,
            positions: shown.map(value).collect(),
        }
    }

    fn stance(&self, k: usize) -> Stance {
        let r = self.refs[self.order[k]];
        self.site.briefings[r.briefing].positions[r.position].stance
    }
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
