//! Context builders for the listing pages: home, the section indexes,
//! the sources index.

use serde::Serialize;
use tera::Value;

use super::pages::Ctx;
use super::views::{Refs, value};

const HOME_BRIEFINGS: usize = 10;
const HOME_ACTORS: usize = 8;
const HOME_QUESTIONS: usize = 6;

#[derive(Serialize)]
struct Counted {
    item: Value,
    positions: usize,
    briefings: usize,
}

impl Ctx<'_> {
    fn actor_counts(&self) -> Vec<Counted> {
        let ix = &self.site.index;
        (0..self.site.actors.len())
            .map(|a| Counted {
                item: self.refs.actors[a].clone(),
                positions: ix.actor_positions[a].len(),
                briefings: ix.actor_briefings[a].len() + ix.actor_mentions[a].len(),
            })
            .collect()
    }

    fn question_counts(&self) -> Vec<Counted> {
        let ix = &self.site.index;
        (0..self.site.questions.len())
            .map(|q| Counted {
                item: self.refs.questions[q].clone(),
                positions: ix.question_positions[q].len(),
                briefings: ix.question_briefings[q].len(),
            })
            .collect()
    }

    pub fn home(&self) -> Value {
        let mut actors = self.actor_counts();
        actors.sort_by_key(|a| std::cmp::Reverse(a.positions + a.briefings));
        actors.retain(|a| a.positions + a.briefings > 0);
        actors.truncate(HOME_ACTORS);
        // Open questions: those most recently argued over.
        let ix = &self.site.index;
        let mut questions: Vec<(usize, Counted)> =
            self.question_counts().into_iter().enumerate().filter(|(_, c)| c.positions > 0).collect();
        let latest = |q: usize| {
            ix.question_positions[q].last().map(|r| &self.site.briefings[r.briefing].positions[r.position].date)
        };
        questions.sort_by(|(x, _), (y, _)| latest(*y).cmp(&latest(*x)));
        #[derive(Serialize)]
        struct View {
            briefings: Vec<Value>,
            more_briefings: bool,
            actors: Vec<Counted>,
            questions: Vec<Counted>,
        }
        value(&View {
            briefings: self.refs.briefings.iter().take(HOME_BRIEFINGS).cloned().collect(),
            more_briefings: self.refs.briefings.len() > HOME_BRIEFINGS,
            actors,
            questions: questions.into_iter().take(HOME_QUESTIONS).map(|(_, c)| c).collect(),
        })
    }

    pub fn briefings_index(&self) -> Value {
        #[derive(Serialize)]
        struct Year {
            year: u16,
            briefings: Vec<Value>,
        }
        let mut years: Vec<Year> = Vec::new();
        for (i, b) in self.site.briefings.iter().enumerate() {
            let year = b.doc.matter.date.year;
            if years.last().is_none_or(|y| y.year != year) {
                years.push(Year { year, briefings: Vec::new() });
            }
            years.last_mut().expect("just pushed").briefings.push(self.refs.briefings[i].clone());
        }
        #[derive(Serialize)]
        struct View {
            years: Vec<Year>,
            count: usize,
        }
        value(&View { years, count: self.site.briefings.len() })
    }

    pub fn actors_index(&self) -> Value {
        #[derive(Serialize)]
        struct Group {
            kind: String,
            actors: Vec<Counted>,
        }
        let mut groups: Vec<Group> = Vec::new();
        let kinds = crate::content::model::ActorKind::ALL.iter().map(|k| Some(*k)).chain([None]);
        let counts = self.actor_counts();
        let mut counts: Vec<Option<Counted>> = counts.into_iter().map(Some).collect();
        for kind in kinds {
            let actors: Vec<Counted> = self
                .site
                .actors
                .iter()
                .enumerate()
                .filter(|(_, a)| a.doc.matter.kind == kind)
                .filter_map(|(i, _)| counts[i].take())
                .collect();
            if !actors.is_empty() {
                let label = match kind {
                    Some(crate::content::model::ActorKind::Person) => "People",
                    Some(crate::content::model::ActorKind::State) => "States",
                    Some(crate::content::model::ActorKind::Organization) => "Organizations",
                    Some(crate::content::model::ActorKind::Group) => "Groups",
                    None => "Others",
                };
                groups.push(Group { kind: label.into(), actors });
            }
        }
        #[derive(Serialize)]
        struct View {
            groups: Vec<Group>,
            count: usize,
            network: Value,
        }
        let network = self.network(&super::network::Graph::overview(self.site), None);
        value(&View { groups, count: self.site.actors.len(), network })
    }

    pub fn questions_index(&self) -> Value {
        #[derive(Serialize)]
        struct View {
            questions: Vec<Counted>,
            map: Value,
        }
        value(&View { questions: self.question_counts(), map: self.stance_map() })
    }

    pub fn topics_index(&self) -> Value {
        #[derive(Serialize)]
        struct TopicCount {
            topic: Value,
            count: usize,
        }
        #[derive(Serialize)]
        struct View {
            topics: Vec<TopicCount>,
        }
        let topics = (0..self.site.topics.len())
            .map(|t| TopicCount { topic: self.refs.topics[t].clone(), count: self.site.index.topic_briefings[t].len() })
            .collect();
        value(&View { topics })
    }

    pub fn sources_index(&self) -> Value {
        #[derive(Serialize)]
        struct Publisher<'a> {
            publisher: &'a str,
            url: String,
            count: usize,
        }
        #[derive(Serialize)]
        struct View<'a> {
            publishers: Vec<Publisher<'a>>,
            count: usize,
        }
        let groups = &self.site.index.sources;
        let publishers = groups
            .iter()
            .map(|g| Publisher {
                publisher: &g.publisher,
                url: self.site.urls.path(&["sources", &g.slug]),
                count: g.sources.len(),
            })
            .collect();
        value(&View { publishers, count: groups.iter().map(|g| g.sources.len()).sum() })
    }

    /// One publisher's sources, each with the briefings citing it.
    pub fn publisher(&self, i: usize) -> Value {
        #[derive(Serialize)]
        struct Entry<'a> {
            title: &'a str,
            url: Option<&'a str>,
            date: Option<Value>,
            kind: Option<&'static str>,
            citing: Vec<&'a Value>,
        }
        #[derive(Serialize)]
        struct View<'a> {
            publisher: &'a str,
            sources: Vec<Entry<'a>>,
        }
        let g = &self.site.index.sources[i];
        let sources = g
            .sources
            .iter()
            .map(|u| {
                let s = &self.site.briefings[u.first.0].sources[u.first.1];
                Entry {
                    title: &s.title,
                    url: s.url.as_ref().map(|u| u.as_str()),
                    date: s.date.as_ref().map(|d| self.refs.date(d)),
                    kind: s.kind.map(|k| k.as_str()),
                    citing: Refs::pick(&self.refs.briefings, u.citing.iter().copied()),
                }
            })
            .collect();
        value(&View { publisher: &g.publisher, sources })
    }
}
