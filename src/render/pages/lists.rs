//! The section pages listing every briefing (by year), actor (by kind,
//! with the network), question (with the stance map) and topic.

use serde::Serialize;
use tera::Value;

use super::paginate::{Paginator, page_count, paginate, paginate_len};
use super::{Meta, PageKind, latest};
use crate::render::network::{self, Graph};
use crate::render::stance_map;
use crate::render::views::{Ctx, value};
use crate::resolve::{ActorIx, BriefingIx, Ix, QuestionIx, Site, TopicIx, ix};

/// An actor or question with how many positions and briefings it has.
#[derive(Serialize)]
pub(super) struct Counted {
    item: Value,
    pub(super) positions: usize,
    pub(super) briefings: usize,
}

pub(super) fn counted_actor(ctx: &Ctx, a: ActorIx) -> Counted {
    let ix = &ctx.site.index;
    Counted {
        item: ctx.refs.actors[a].clone(),
        positions: ix.actor_positions[a].len(),
        briefings: ix.actor_briefings[a].len() + ix.actor_mentions[a].len(),
    }
}

pub(super) fn counted_question(ctx: &Ctx, q: QuestionIx) -> Counted {
    let ix = &ctx.site.index;
    Counted {
        item: ctx.refs.questions[q].clone(),
        positions: ix.question_positions[q].len(),
        briefings: ix.question_briefings[q].len(),
    }
}

/// The section's page: one, at `/<name>/`, titled `title`.
macro_rules! section_page {
    ($template:literal, $name:literal, $title:literal) => {
        fn templates(&self) -> &'static [&'static str] {
            &[$template]
        }
        fn count(&self, _site: &Site) -> usize {
            1
        }
        fn url(&self, site: &Site, _n: usize) -> String {
            site.urls.path(&[$name])
        }
        fn section(&self) -> &'static str {
            $name
        }
        fn meta(&self, site: &Site, _n: usize) -> Meta {
            Meta::section(site, &site.words.get($title))
        }
    };
}
pub(super) use section_page;

pub(super) struct Briefings;

impl PageKind for Briefings {
    section_page!("briefings.html", "briefings", "section-briefings");

    fn weight(&self, site: &Site, _n: usize) -> usize {
        site.briefings.len()
    }
    fn lastmod(&self, site: &Site, _n: usize) -> Option<String> {
        (!site.briefings.is_empty()).then(|| latest(site, BriefingIx::new(0)))
    }
    fn pages(&self, site: &Site, _n: usize) -> usize {
        page_count(site.config.paginate_by, site.briefings.len())
    }

    fn view(&self, ctx: &Ctx, n: usize, page: usize) -> Value {
        #[derive(Serialize)]
        struct Year {
            year: u16,
            briefings: Vec<Value>,
        }
        let site = ctx.site;
        let (shown, paginator) = paginate_len(site, &self.url(site, n), site.briefings.len(), page, "briefing");
        let mut years: Vec<Year> = Vec::new();
        for i in shown.map(BriefingIx::new) {
            let year = site.briefings[i].doc.matter.date.year;
            if years.last().is_none_or(|y| y.year != year) {
                years.push(Year { year, briefings: Vec::new() });
            }
            years.last_mut().expect("just pushed").briefings.push(ctx.refs.briefings[i].clone());
        }
        #[derive(Serialize)]
        struct View {
            years: Vec<Year>,
            count: usize,
            paginator: Paginator,
            archive: Value,
        }
        // Every page shows the same archive, of every briefing: made once.
        let archive = ctx.refs.archive.get_or_init(|| value(&super::archive::index(site))).clone();
        value(&View { years, count: site.briefings.len(), paginator, archive })
    }
}

pub(super) struct Actors;

impl PageKind for Actors {
    section_page!("actors.html", "actors", "section-actors");

    fn weight(&self, site: &Site, _n: usize) -> usize {
        site.actors.len()
    }
    fn pages(&self, site: &Site, _n: usize) -> usize {
        page_count(site.config.paginate_by, site.actors.len())
    }

    /// Actors by kind, a page of them at a time; the network on the first.
    fn view(&self, ctx: &Ctx, n: usize, page: usize) -> Value {
        #[derive(Serialize)]
        struct Group {
            /// `person`, …, `other`: and in words, plural ("People").
            key: &'static str,
            kind: String,
            actors: Vec<Counted>,
        }
        let site = ctx.site;
        let (shown, paginator) = paginate(site, &self.url(site, n), &site.index.actors_by_kind, page, "actor");
        let mut groups: Vec<Group> = Vec::new();
        for &a in shown {
            let kind = match site.actors[a].doc.matter.kind {
                Some(kind) => kind.as_str(),
                None => "other",
            };
            if groups.last().is_none_or(|g| g.key != kind) {
                let words = site.words.get(&format!("kinds-{kind}")).into_owned();
                groups.push(Group { key: kind, kind: words, actors: Vec::new() });
            }
            groups.last_mut().expect("just pushed").actors.push(counted_actor(ctx, a));
        }
        #[derive(Serialize)]
        struct View {
            groups: Vec<Group>,
            count: usize,
            network: Value,
            paginator: Paginator,
        }
        let network = if page == 0 { network::view(ctx, &Graph::overview(site), None) } else { Value::none() };
        value(&View { groups, count: site.actors.len(), network, paginator })
    }
}

pub(super) struct Questions;

impl PageKind for Questions {
    section_page!("questions.html", "questions", "section-questions");

    fn weight(&self, site: &Site, _n: usize) -> usize {
        site.questions.len()
    }
    fn pages(&self, site: &Site, _n: usize) -> usize {
        page_count(site.config.paginate_by, site.questions.len())
    }

    /// The stance map on the first page; every question, a page at a time.
    fn view(&self, ctx: &Ctx, n: usize, page: usize) -> Value {
        #[derive(Serialize)]
        struct View {
            questions: Vec<Counted>,
            map: Value,
            paginator: Paginator,
        }
        let site = ctx.site;
        let (shown, paginator) = paginate_len(site, &self.url(site, n), site.questions.len(), page, "question");
        let map = if page == 0 { stance_map::view(ctx) } else { Value::none() };
        value(&View { questions: shown.map(|q| counted_question(ctx, QuestionIx::new(q))).collect(), map, paginator })
    }
}

pub(super) struct Topics;

impl PageKind for Topics {
    section_page!("topics.html", "topics", "section-topics");

    fn weight(&self, site: &Site, _n: usize) -> usize {
        site.topics.len()
    }

    fn view(&self, ctx: &Ctx, _n: usize, _page: usize) -> Value {
        #[derive(Serialize)]
        struct TopicCount {
            topic: Value,
            count: usize,
        }
        #[derive(Serialize)]
        struct View {
            topics: Vec<TopicCount>,
        }
        let topics = ix::all::<TopicIx>(ctx.site.topics.len())
            .map(|t| TopicCount { topic: ctx.refs.topics[t].clone(), count: ctx.site.index.topic_briefings[t].len() })
            .collect();
        value(&View { topics })
    }
}
