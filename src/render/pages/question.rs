//! A question's page: who stands where on it (a history per actor, a
//! tally of stances), every position in date order, and its briefings. A
//! question many actors took positions on gets pages: each shows the next
//! `positions_per_page` actors, positions and briefings side by side; the tally
//! counts them all.

use serde::Serialize;
use tera::Value;

use super::Feed;
use super::history::{By, Grouped, History, Tally, tally};
use super::paginate::{Paginator, page_count_of, pager, range};
use super::{Body, Meta, PageKind, newest};
use crate::render::views::{Ctx, Refs, value};
use crate::resolve::{ActorIx, Entity, Ix, PositionRef, QuestionIx, Site, one_side};

pub(super) struct Question;

impl PageKind for Question {
    fn carded(&self, n: usize) -> Option<Entity> {
        Some(Entity::Question(QuestionIx::new(n)))
    }
    fn templates(&self) -> &'static [&'static str] {
        &["question.html"]
    }
    fn count(&self, site: &Site) -> usize {
        site.questions.len()
    }
    fn url(&self, site: &Site, n: usize) -> String {
        site.urls.question(&site.questions[n].doc.id)
    }
    fn section(&self) -> &'static str {
        "questions"
    }
    fn meta(&self, site: &Site, n: usize) -> Meta {
        let m = &site.questions[n].doc.matter;
        let description =
            m.summary.clone().unwrap_or_else(|| site.words.with("description-question", &[("title", &m.title)]));
        Meta::titled(site, &m.title, description, "website")
    }
    fn weight(&self, site: &Site, n: usize) -> usize {
        let n = QuestionIx::new(n);
        2 * site.index.question_positions[n].len() + site.index.question_briefings[n].len()
    }
    fn lastmod(&self, site: &Site, n: usize) -> Option<String> {
        let n = QuestionIx::new(n);
        newest(site, &site.index.question_briefings[n])
    }
    fn pages(&self, site: &Site, n: usize) -> usize {
        let n = QuestionIx::new(n);
        let ix = &site.index;
        // Each actor in the table has a position, so there are never more
        // rows than positions.
        page_count_of(site.config.positions_per_page, &[ix.question_positions[n].len(), ix.question_briefings[n].len()])
    }
    fn feed(&self, n: usize) -> Option<Feed> {
        let n = QuestionIx::new(n);
        Some(Feed::Question(n))
    }
    /// The actors in the page's rows of the table and its part of the timeline.
    fn previewed(&self, site: &Site, n: usize, page: usize) -> Vec<ActorIx> {
        let all = &site.index.question_positions[QuestionIx::new(n)];
        let grouped = Grouped::new(site, all, By::Actor);
        let per = site.config.positions_per_page;
        let timeline = all[range(per, all.len(), page)].iter();
        let actor = |r: &PositionRef| site.briefings[r.briefing].positions[r.position].actor;
        grouped.actors(range(per, grouped.len(), page)).chain(timeline.map(actor)).collect()
    }

    fn view(&self, ctx: &Ctx, i: usize, page: usize) -> Value {
        let url = self.url(ctx.site, i);
        let total = self.pages(ctx.site, i);
        let i = QuestionIx::new(i);
        let site = ctx.site;
        let q = &site.questions[i];
        let ix = &site.index;
        let all = &ix.question_positions[i];
        let grouped = Grouped::new(site, all, By::Actor);
        let per = site.config.positions_per_page;
        let rows = range(per, grouped.len(), page);
        let shown = range(per, all.len(), page);
        let briefings = &ix.question_briefings[i][range(per, ix.question_briefings[i].len(), page)];
        let timeline: Vec<Value> = all[shown.clone()].iter().map(|&r| ctx.refs.position(site, r)).collect();
        value(&View {
            question: &ctx.refs.questions[i],
            summary: q.doc.matter.summary.as_deref(),
            // Shown while it is true: once both sides are, `check` asks for its removal.
            one_sided: q.doc.matter.editorial.one_sided.as_deref().filter(|_| one_side(site, i).is_some()),
            body: if page == 0 { Body::of(ctx, Entity::Question(i)) } else { Body::default() },
            histories: grouped.histories(ctx, rows, (shown.clone(), &timeline)),
            tally: tally(ctx.refs, grouped.stances()),
            timeline: &timeline,
            briefings: Refs::pick(&ctx.refs.briefings, briefings.iter().copied()),
            extra: &q.doc.matter.extra,
            paginator: pager(&url, page, total, (all.len(), "position"), shown),
        })
    }
}

#[derive(Serialize)]
struct View<'a> {
    question: &'a Value,
    summary: Option<&'a str>,
    /// Why only one side is represented, while only one is.
    one_sided: Option<&'a str>,
    body: Body<'a>,
    histories: Vec<History<'a>>,
    tally: Vec<Tally<'a>>,
    /// The page's part of every position on the question, oldest first.
    timeline: &'a [Value],
    briefings: Vec<&'a Value>,
    extra: &'a crate::content::model::Extra,
    paginator: Paginator,
}
