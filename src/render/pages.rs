//! One context builder per kind of page. Each returns the template's data
//! as a `tera::Value`; shared entity references are cloned by refcount.

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use super::views::{Refs, SourceView, value};

/// Lists longer than this are made in parallel.
const LONG: usize = 512;
use crate::content::model::Stance;
use crate::markdown::TocEntry;
use crate::resolve::{Briefing, PositionRef, Site};

/// Everything a page builder needs: the site and the shared references.
pub struct Ctx<'s> {
    pub site: &'s Site,
    pub refs: &'s Refs,
}

#[derive(Serialize)]
struct Body<'a> {
    html: &'a str,
    toc: &'a [TocEntry],
}

/// One line of history: an actor on a question, oldest position first.
#[derive(Serialize)]
struct History<'a> {
    actor: Option<&'a Value>,
    question: Option<&'a Value>,
    current: &'a Value,
    /// `current`, for counting.
    #[serde(skip)]
    stance: Stance,
    changed: bool,
    positions: Vec<&'a Value>,
}

impl<'s> Ctx<'s> {
    /// Each of `refs` as a template value, in order.
    fn positions(&self, refs: &[PositionRef]) -> Vec<Value> {
        refs.iter().map(|r| self.refs.position(self.site, r.briefing, r.position)).collect()
    }

    /// Groups positions (oldest first; `values` are theirs, in the same
    /// order) by question or by actor; a stable sort keeps each group in
    /// date order, so one pass builds every group.
    fn histories<'v>(&'v self, refs: &[PositionRef], values: &'v [Value], by_question: bool) -> Vec<History<'v>> {
        let key = |n: &usize| {
            let r = &refs[*n];
            let p = &self.site.briefings[r.briefing].positions[r.position];
            if by_question { p.question.map_or(usize::MAX, |q| q) } else { p.actor }
        };
        let mut sorted: Vec<usize> = (0..refs.len()).collect();
        sorted.sort_by_key(key);
        sorted
            .chunk_by(|a, b| key(a) == key(b))
            .map(|group| {
                let k = key(&group[0]);
                let last = refs[group[group.len() - 1]];
                let stance = self.site.briefings[last.briefing].positions[last.position].stance;
                History {
                    actor: (!by_question).then(|| &self.refs.actors[k]),
                    question: (by_question && k != usize::MAX).then(|| &self.refs.questions[k]),
                    current: self.refs.stance(stance),
                    stance,
                    changed: group
                        .iter()
                        .any(|&n| self.site.index.changed_from[refs[n].briefing][refs[n].position].is_some()),
                    positions: group.iter().map(|&n| &values[n]).collect(),
                }
            })
            .collect()
    }

    pub fn briefing(&self, i: usize) -> Value {
        let b: &Briefing = &self.site.briefings[i];
        let m = &b.doc.matter;
        // In parallel when long: a briefing may hold many thousands of
        // positions and sources, and its page is then the build's longest
        // task. (Short lists are quicker made in place.)
        let position = |p| self.refs.position(self.site, i, p);
        let positions: Vec<Value> = match b.positions.len() {
            n if n > LONG => (0..n).into_par_iter().with_min_len(LONG).map(position).collect(),
            n => (0..n).map(position).collect(),
        };
        let mut timeline: Vec<usize> = (0..positions.len()).collect();
        timeline.sort_by(|&x, &y| b.positions[x].date.cmp(&b.positions[y].date).then(x.cmp(&y)));
        let source = |(n, s)| value(&SourceView::new(self.refs, n + 1, s, n < b.refs.cited.len()));
        let sources: Vec<Value> = match b.sources.len() {
            n if n > LONG => b.sources.par_iter().with_min_len(LONG).enumerate().map(source).collect(),
            _ => b.sources.iter().enumerate().map(source).collect(),
        };
        let mentioned = b.refs.actors.iter().copied().filter(|a| !b.actors.contains(a));
        #[derive(Serialize)]
        struct View<'a> {
            briefing: &'a Value,
            body: Body<'a>,
            actors: Vec<&'a Value>,
            mentioned: Vec<&'a Value>,
            positions: Vec<Value>,
            timeline: Vec<usize>,
            sources: Vec<Value>,
            related: Vec<&'a Value>,
            backlinks: Vec<&'a Value>,
            extra: &'a crate::content::model::Extra,
        }
        value(&View {
            briefing: &self.refs.briefings[i],
            body: Body { html: &b.body.html, toc: &b.body.toc },
            actors: Refs::pick(&self.refs.actors, b.actors.iter().copied()),
            mentioned: Refs::pick(&self.refs.actors, mentioned),
            positions,
            timeline,
            sources,
            related: Refs::pick(&self.refs.briefings, self.site.index.briefing_related[i].iter().copied()),
            backlinks: Refs::pick(&self.refs.briefings, self.site.index.briefing_backlinks[i].iter().copied()),
            extra: &m.extra,
        })
    }

    pub fn actor(&self, i: usize) -> Value {
        let a = &self.site.actors[i];
        let ix = &self.site.index;
        #[derive(Serialize)]
        struct Companion<'a> {
            actor: &'a Value,
            count: usize,
        }
        #[derive(Serialize)]
        struct View<'a> {
            actor: &'a Value,
            body: Body<'a>,
            aliases: &'a [String],
            links: Vec<&'a str>,
            affiliations: Vec<&'a Value>,
            members: Vec<&'a Value>,
            histories: Vec<History<'a>>,
            position_count: usize,
            briefings: Vec<&'a Value>,
            mentions: Vec<&'a Value>,
            companions: Vec<Companion<'a>>,
            network: Value,
            extra: &'a crate::content::model::Extra,
        }
        let graph = super::network::Graph::neighbourhood(self.site, i);
        let positions = self.positions(&ix.actor_positions[i]);
        value(&View {
            actor: &self.refs.actors[i],
            body: Body { html: &a.body.html, toc: &a.body.toc },
            aliases: &a.doc.matter.aliases,
            links: a.doc.matter.links.iter().map(|l| l.as_str()).collect(),
            affiliations: Refs::pick(&self.refs.actors, a.affiliations.iter().copied()),
            members: Refs::pick(&self.refs.actors, ix.actor_members[i].iter().copied()),
            histories: self.histories(&ix.actor_positions[i], &positions, true),
            position_count: ix.actor_positions[i].len(),
            briefings: Refs::pick(&self.refs.briefings, ix.actor_briefings[i].iter().copied()),
            mentions: Refs::pick(&self.refs.briefings, ix.actor_mentions[i].iter().copied()),
            companions: ix.actor_companions[i]
                .iter()
                .map(|&(c, count)| Companion { actor: &self.refs.actors[c], count })
                .collect(),
            network: self.network(&graph, Some(i)),
            extra: &a.doc.matter.extra,
        })
    }

    pub fn question(&self, i: usize) -> Value {
        let q = &self.site.questions[i];
        let ix = &self.site.index;
        let timeline = self.positions(&ix.question_positions[i]);
        let histories = self.histories(&ix.question_positions[i], &timeline, false);
        let tally = tally(self.refs, histories.iter().map(|h| h.stance));
        #[derive(Serialize)]
        struct View<'a> {
            question: &'a Value,
            summary: Option<&'a str>,
            body: Body<'a>,
            histories: Vec<History<'a>>,
            tally: Vec<Tally<'a>>,
            /// Every position on the question, oldest first.
            timeline: &'a [Value],
            briefings: Vec<&'a Value>,
            extra: &'a crate::content::model::Extra,
        }
        value(&View {
            question: &self.refs.questions[i],
            summary: q.doc.matter.summary.as_deref(),
            body: Body { html: &q.body.html, toc: &q.body.toc },
            histories,
            tally,
            timeline: &timeline,
            briefings: Refs::pick(&self.refs.briefings, ix.question_briefings[i].iter().copied()),
            extra: &q.doc.matter.extra,
        })
    }

    pub fn topic(&self, i: usize) -> Value {
        let t = &self.site.topics[i];
        #[derive(Serialize)]
        struct View<'a> {
            topic: &'a Value,
            description: Option<&'a str>,
            body: Body<'a>,
            briefings: Vec<&'a Value>,
        }
        value(&View {
            topic: &self.refs.topics[i],
            description: t.description.as_deref(),
            body: Body { html: &t.body.html, toc: &t.body.toc },
            briefings: Refs::pick(&self.refs.briefings, self.site.index.topic_briefings[i].iter().copied()),
        })
    }

    /// The search page: where the index lives and which filters it has.
    pub fn search(&self) -> Value {
        #[derive(Serialize)]
        struct Filter {
            name: &'static str,
            label: &'static str,
        }
        #[derive(Serialize)]
        struct View {
            bundle: String,
            filters: [Filter; 5],
        }
        let f = |name, label| Filter { name, label };
        value(&View {
            bundle: self.site.urls.asset(&format!("{}/pagefind.js", crate::search::BUNDLE_DIR)),
            filters: [
                f("type", "Type"),
                f("actor", "Actor"),
                f("question", "Question"),
                f("topic", "Topic"),
                f("stance", "Stance"),
            ],
        })
    }

    pub fn page(&self, i: usize) -> Value {
        let p = &self.site.pages[i];
        #[derive(Serialize)]
        struct View<'a> {
            title: &'a str,
            summary: Option<&'a str>,
            body: Body<'a>,
            extra: &'a crate::content::model::Extra,
        }
        value(&View {
            title: &p.doc.matter.title,
            summary: p.doc.matter.summary.as_deref(),
            body: Body { html: &p.body.html, toc: &p.body.toc },
            extra: &p.doc.matter.extra,
        })
    }
}

#[derive(Serialize)]
struct Tally<'a> {
    stance: &'a Value,
    count: usize,
}

/// Counts of each stance, in the order stances are defined, zeros left out.
fn tally(refs: &Refs, stances: impl Iterator<Item = Stance>) -> Vec<Tally<'_>> {
    let stances: Vec<Stance> = stances.collect();
    Stance::ALL
        .iter()
        .map(|&s| Tally { stance: refs.stance(s), count: stances.iter().filter(|&&k| k == s).count() })
        .filter(|t| t.count > 0)
        .collect()
}
