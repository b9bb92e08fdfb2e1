//! Which position a `::position[actor]{question="…"}` directive shows: in a
//! briefing, the briefing's own; elsewhere (or when it has none) the
//! latest in any briefing; with `briefing="id"`, that briefing's.

use std::ops::Range;

use rustc_hash::FxHashMap as HashMap;

use crate::content::model::Date;
use crate::markdown::{Directive, Unresolved};

use super::ix::{ActorIx, BriefingIx, Ix, QuestionIx};
use super::lookup::Lookup;

/// Each actor's latest position on each question (or on none): the
/// briefing and the position's index in it.
pub(super) type Latest = HashMap<(ActorIx, Option<QuestionIx>), (BriefingIx, usize)>;

impl Lookup<'_> {
    /// The actor and position `d` shows, written in briefing `host` (if
    /// one); a problem points at what is wrong.
    pub(super) fn embedded_position(
        &self,
        d: &Directive,
        host: Option<BriefingIx>,
    ) -> Result<(ActorIx, BriefingIx, usize), (Range<usize>, Unresolved)> {
        let actor = self.actor(d.label.trim()).map_err(|p| (d.label_range(), p))?;
        let question = d.get("question").map(|a| self.question(a.value.trim()).map_err(|p| (a.at.clone(), p)));
        let question = question.transpose()?;
        let pinned = match d.get("briefing") {
            Some(a) => match self.tables.briefings.get(a.value.trim()) {
                Some(&b) => Some(b),
                None => return Err((a.at.clone(), self.unknown("briefing", a.value.trim(), &self.tables.briefings))),
            },
            None => None,
        };
        let found = match pinned {
            Some(b) => self.latest_in(b, actor, question),
            None => host.and_then(|b| self.latest_in(b, actor, question)).or_else(|| {
                let latest = self.latest.get_or_init(|| self.latest_positions());
                latest.get(&(actor, question)).copied()
            }),
        };
        let Some((briefing, position)) = found else {
            return Err((d.label_range(), self.no_position(actor, question, pinned)));
        };
        Ok((actor, briefing, position))
    }

    /// The latest of `actor`'s positions on `question` in briefing `b`.
    fn latest_in(&self, b: BriefingIx, actor: ActorIx, question: Option<QuestionIx>) -> Option<(BriefingIx, usize)> {
        let mine = self.positions_in(b).filter(|&(_, a, q, _)| a == actor && q == question);
        mine.max_by_key(|p| p.3).map(|p| (b, p.0))
    }

    /// Briefing `b`'s positions whose actor and question exist: index,
    /// actor, question, date.
    fn positions_in(&self, b: BriefingIx) -> impl Iterator<Item = (usize, ActorIx, Option<QuestionIx>, &Date)> + '_ {
        let doc = &self.content.briefings[b.get()];
        doc.matter.positions.iter().enumerate().filter_map(move |(i, p)| {
            let actor = *self.tables.actors.get(p.actor.as_str())?;
            let question = match &p.question {
                Some(q) => Some(*self.tables.questions.get(q.as_str())?),
                None => None,
            };
            Some((i, actor, question, p.date.as_ref().unwrap_or(&doc.matter.date)))
        })
    }

    /// Made once, when a directive first asks.
    fn latest_positions(&self) -> Latest {
        let mut latest: HashMap<(ActorIx, Option<QuestionIx>), (BriefingIx, usize, &Date)> = HashMap::default();
        for b in (0..self.content.briefings.len()).map(BriefingIx::new) {
            for (i, actor, question, date) in self.positions_in(b) {
                // Briefings are newest first: an older one's wins only by date.
                let entry = latest.entry((actor, question)).or_insert((b, i, date));
                if date > entry.2 || (entry.0 == b && date == entry.2) {
                    *entry = (b, i, date);
                }
            }
        }
        latest.into_iter().map(|(k, (b, i, _))| (k, (b, i))).collect()
    }

    /// "`bob` has no position on `tax-cut`", naming the questions he has
    /// positions on.
    fn no_position(&self, actor: ActorIx, question: Option<QuestionIx>, pinned: Option<BriefingIx>) -> Unresolved {
        let id = |q: QuestionIx| self.content.questions[q.get()].id.as_str();
        let name = &self.actor_docs[actor.get()].id;
        let on = question.map_or_else(|| "no question".to_owned(), |q| format!("`{}`", id(q)));
        let within = pinned.map(|b| format!(" in briefing `{}`", self.content.briefings[b.get()].id));
        let latest = self.latest.get_or_init(|| self.latest_positions());
        let mut taken: Vec<&str> = latest.keys().filter(|(a, _)| *a == actor).filter_map(|(_, q)| q.map(id)).collect();
        taken.sort_unstable();
        let hint = match taken.as_slice() {
            [] => format!("no briefing gives `{name}` a position yet"),
            some => {
                format!("`{name}` has positions on `{}`", some.iter().take(6).copied().collect::<Vec<_>>().join("`, `"))
            }
        };
        Unresolved::new(format!("`{name}` has no position on {on}{}", within.unwrap_or_default()), Some(hint))
    }
}
