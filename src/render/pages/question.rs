//! A question's page: who stands where on it (a history per actor, a
//! tally of stances), every position in date order, and its briefings.

use serde::Serialize;
use tera::Value;

use super::Feed;
use super::history::{By, History, Tally, histories, positions, tally};
use super::{Body, Meta, PageKind, newest};
use crate::render::views::{Ctx, Refs, value};
use crate::resolve::{ActorIx, Ix, QuestionIx, Site};

pub(super) struct Question;

impl PageKind for Question {
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
        let description = m.summary.clone().unwrap_or_else(|| format!("Who stands where on: {}", m.title));
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
    fn feed(&self, n: usize) -> Option<Feed> {
        let n = QuestionIx::new(n);
        Some(Feed::Question(n))
    }
    fn previewed(&self, site: &Site, n: usize) -> Vec<ActorIx> {
        let n = QuestionIx::new(n);
        let position = |r: &crate::resolve::PositionRef| &site.briefings[r.briefing].positions[r.position];
        site.index.question_positions[n].iter().map(|r| position(r).actor).collect()
    }

    fn view(&self, ctx: &Ctx, i: usize, _page: usize) -> Value {
        let i = QuestionIx::new(i);
        let q = &ctx.site.questions[i];
        let ix = &ctx.site.index;
        let timeline = positions(ctx, &ix.question_positions[i]);
        let histories = histories(ctx, &ix.question_positions[i], &timeline, By::Actor);
        let tally = tally(ctx.refs, histories.iter().map(|h| h.stance));
        value(&View {
            question: &ctx.refs.questions[i],
            summary: q.doc.matter.summary.as_deref(),
            body: Body::from(&q.body),
            histories,
            tally,
            timeline: &timeline,
            briefings: Refs::pick(&ctx.refs.briefings, ix.question_briefings[i].iter().copied()),
            extra: &q.doc.matter.extra,
        })
    }
}

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
