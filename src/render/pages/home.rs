//! The home page: the newest briefings, the actors most present and the
//! questions most recently argued over.

use serde::Serialize;
use tera::Value;

use super::lists::{Counted, counted_actor, counted_question};
use super::{Meta, PageKind, latest};
use crate::render::views::{Ctx, value};
use crate::resolve::{BriefingIx, Ix, QuestionIx, Site, ix};

const HOME_BRIEFINGS: usize = 10;
const HOME_ACTORS: usize = 8;
const HOME_QUESTIONS: usize = 6;

pub(super) struct Home;

impl PageKind for Home {
    fn templates(&self) -> &'static [&'static str] {
        &["index.html"]
    }
    fn count(&self, _site: &Site) -> usize {
        1
    }
    fn url(&self, site: &Site, _n: usize) -> String {
        site.urls.home()
    }
    fn section(&self) -> &'static str {
        "home"
    }
    fn meta(&self, site: &Site, _n: usize) -> Meta {
        let c = &site.config;
        Meta::new(c.title.clone(), c.description.clone(), "website")
    }
    fn weight(&self, site: &Site, _n: usize) -> usize {
        site.briefings.len()
    }
    fn lastmod(&self, site: &Site, _n: usize) -> Option<String> {
        (!site.briefings.is_empty()).then(|| latest(site, BriefingIx::new(0)))
    }

    fn view(&self, ctx: &Ctx, _n: usize, _page: usize) -> Value {
        let site = ctx.site;
        let mut actors: Vec<Counted> = ix::all(site.actors.len()).map(|a| counted_actor(ctx, a)).collect();
        actors.sort_by_key(|a| std::cmp::Reverse(a.positions + a.briefings));
        actors.retain(|a| a.positions + a.briefings > 0);
        actors.truncate(HOME_ACTORS);
        // Open questions: those most recently argued over.
        let mut questions: Vec<(QuestionIx, Counted)> = (ix::all(site.questions.len()))
            .map(|q| (q, counted_question(ctx, q)))
            .filter(|(_, c)| c.positions > 0)
            .collect();
        let latest = |q: QuestionIx| {
            site.index.question_positions[q].last().map(|r| &site.briefings[r.briefing].positions[r.position].date)
        };
        questions.sort_by(|(x, _), (y, _)| latest(*y).cmp(&latest(*x)));
        // Archived briefings (`expiry_date` passed) are left to the lists.
        let current: Vec<BriefingIx> = ix::all(site.briefings.len()).filter(|&b| !site.archived(b)).collect();
        #[derive(Serialize)]
        struct View {
            briefings: Vec<Value>,
            more_briefings: bool,
            actors: Vec<Counted>,
            questions: Vec<Counted>,
        }
        value(&View {
            briefings: current.iter().take(HOME_BRIEFINGS).map(|&b| ctx.refs.briefings[b].clone()).collect(),
            more_briefings: current.len() > HOME_BRIEFINGS,
            actors,
            questions: questions.into_iter().take(HOME_QUESTIONS).map(|(_, c)| c).collect(),
        })
    }
}
