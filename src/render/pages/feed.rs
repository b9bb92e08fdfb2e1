//! Atom feeds: the site's, and one per actor, question, topic and author,
//! each of the newest briefings.

use serde::Serialize;
use tera::Value;

use super::corrections::{CorrectionEntry, entries};
use super::{Meta, PageKind};
use crate::render::views::{Ctx, Refs, value};
use crate::resolve::{ActorIx, AuthorIx, BriefingIx, Entity, Ix, QuestionIx, Site, TopicIx, ix};

/// A feed: the whole site's, or one actor's, question's, topic's or author's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Feed {
    Site,
    Actor(ActorIx),
    Question(QuestionIx),
    Topic(TopicIx),
    Author(AuthorIx),
    /// Every correction, as entries of their own.
    Corrections,
}

impl Feed {
    /// Feed `n` of the site: its own, the corrections' (when there are
    /// any), then one per actor, question, topic, author.
    fn nth(site: &Site, n: usize) -> Feed {
        let (a, q, t) = (site.actors.len(), site.questions.len(), site.topics.len());
        let corrections = usize::from(!site.index.corrections.is_empty());
        let n = match n {
            0 => return Feed::Site,
            1 if corrections == 1 => return Feed::Corrections,
            n => n - corrections,
        };
        match n {
            0 => Feed::Site,
            n if n <= a => Feed::Actor(Ix::new(n - 1)),
            n if n <= a + q => Feed::Question(Ix::new(n - 1 - a)),
            n if n <= a + q + t => Feed::Topic(Ix::new(n - 1 - a - q)),
            n => Feed::Author(Ix::new(n - 1 - a - q - t)),
        }
    }

    /// The page the feed belongs to.
    fn page(self, site: &Site) -> String {
        let u = &site.urls;
        match self {
            Feed::Site => u.home(),
            Feed::Actor(i) => u.actor(&site.actors[i].doc.id),
            Feed::Question(i) => u.question(&site.questions[i].doc.id),
            Feed::Topic(i) => u.topic(&site.topics[i].id),
            Feed::Author(i) => u.author(&site.authors[i].doc.id),
            Feed::Corrections => u.path(&["corrections"]),
        }
    }

    pub(crate) fn url(self, site: &Site) -> String {
        format!("{}atom.xml", self.page(site))
    }

    pub(crate) fn title(self, site: &Site) -> String {
        let name = match self {
            Feed::Site => return site.config.title.clone(),
            Feed::Actor(i) => &site.actors[i].doc.matter.name,
            Feed::Question(i) => &site.questions[i].doc.matter.title,
            Feed::Topic(i) => &site.topics[i].title,
            Feed::Author(i) => &site.authors[i].doc.matter.name,
            Feed::Corrections => &site.words.get("section-corrections").into_owned(),
        };
        format!("{name} — {}", site.config.title)
    }

    /// The briefings it has entries for: the newest `feed_entries` not
    /// archived.
    fn briefings(self, site: &Site) -> Vec<BriefingIx> {
        let (index, entries) = (&site.index, site.config.feed_entries);
        let current = |b: &BriefingIx| !site.archived(*b);
        let list = match self {
            Feed::Site => return ix::all(site.briefings.len()).filter(current).take(entries).collect(),
            Feed::Actor(i) => &index.actor_briefings[i],
            Feed::Question(i) => &index.question_briefings[i],
            Feed::Topic(i) => &index.topic_briefings[i],
            Feed::Author(i) => &index.author_briefings[i],
            Feed::Corrections => return Vec::new(),
        };
        list.iter().copied().filter(current).take(entries).collect()
    }
}

/// Every feed, when `feeds` is on.
pub(super) struct Feeds;

impl PageKind for Feeds {
    fn templates(&self) -> &'static [&'static str] {
        &["atom.xml"]
    }
    fn count(&self, site: &Site) -> usize {
        match site.config.feeds {
            true => {
                let corrections = usize::from(!site.index.corrections.is_empty());
                1 + corrections + site.actors.len() + site.questions.len() + site.topics.len() + site.authors.len()
            }
            false => 0,
        }
    }
    fn url(&self, site: &Site, n: usize) -> String {
        Feed::nth(site, n).url(site)
    }
    fn section(&self) -> &'static str {
        "feed"
    }
    fn meta(&self, site: &Site, _n: usize) -> Meta {
        Meta::machine(site)
    }
    fn listed(&self) -> bool {
        false
    }
    fn about(&self, site: &Site, n: usize) -> Option<Entity> {
        match Feed::nth(site, n) {
            Feed::Site | Feed::Corrections => None,
            Feed::Actor(i) => Some(Entity::Actor(i)),
            Feed::Question(i) => Some(Entity::Question(i)),
            Feed::Topic(i) => Some(Entity::Topic(i)),
            Feed::Author(i) => Some(Entity::Author(i)),
        }
    }

    fn view(&self, ctx: &Ctx, n: usize, _page: usize) -> Value {
        let site = ctx.site;
        let feed = Feed::nth(site, n);
        let chosen = feed.briefings(site);
        let corrections = match feed {
            Feed::Corrections => &site.index.corrections[..site.index.corrections.len().min(site.config.feed_entries)],
            _ => &[],
        };
        let changed = chosen.iter().map(|&b| &site.briefings[b].modified);
        let updated = changed
            .chain(corrections.iter().map(|&(b, c)| &site.briefings[b].corrections[c].date))
            .max()
            .map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), |d| d.rfc3339());
        #[derive(Serialize)]
        struct View<'a> {
            title: String,
            page_url: String,
            feed_url: String,
            updated: String,
            entries: Vec<&'a Value>,
            /// The corrections feed's entries, one per correction.
            corrections: Vec<CorrectionEntry<'a>>,
        }
        value(&View {
            title: feed.title(site),
            page_url: site.urls.absolute(&feed.page(site)),
            feed_url: site.urls.absolute(&feed.url(site)),
            updated,
            entries: Refs::pick(&ctx.refs.briefings, chosen),
            corrections: entries(ctx, corrections),
        })
    }
}
