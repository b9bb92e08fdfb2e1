//! Every file the site generates, as a job: which template renders it, at
//! which URL, with what data and what metadata for sharing.

use serde::Serialize;

use super::pages::Ctx;
use crate::resolve::Site;

/// A feed: the whole site's, or one actor's, question's or topic's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feed {
    Site,
    Actor(usize),
    Question(usize),
    Topic(usize),
}

impl Feed {
    /// Every feed of the site: its own, then one per actor, question, topic.
    fn all(site: &Site) -> impl Iterator<Item = Feed> + '_ {
        std::iter::once(Feed::Site)
            .chain((0..site.actors.len()).map(Feed::Actor))
            .chain((0..site.questions.len()).map(Feed::Question))
            .chain((0..site.topics.len()).map(Feed::Topic))
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Job {
    Home,
    Briefings,
    Briefing(usize),
    Actors,
    Actor(usize),
    Questions,
    Question(usize),
    Topics,
    Topic(usize),
    Sources,
    Publisher(usize),
    Page(usize),
    /// The search page, when `search` is on.
    Search,
    NotFound,
    Feed(Feed),
    /// The sitemap; with a count of parts, the sitemap index naming them.
    Sitemap(usize),
    /// Part `k` (from 0) of a sitemap split in parts.
    SitemapPart(usize),
    Robots,
}

/// Most URLs one sitemap file may list (sitemaps.org).
pub const SITEMAP_LIMIT: usize = 50_000;

/// How many sitemap files `urls` URLs need; 0 means one plain sitemap.
pub fn sitemap_parts(urls: usize, limit: usize) -> usize {
    if urls <= limit { 0 } else { urls.div_ceil(limit) }
}

/// What `<head>` says about a page: title, description, Open Graph type.
#[derive(Serialize)]
pub struct Meta {
    title: String,
    description: String,
    kind: &'static str,
}

/// A feed to announce with `<link rel="alternate">`.
#[derive(Serialize)]
pub struct FeedLink {
    title: String,
    url: String,
}

impl Job {
    /// Every template [`Job::target`] names (one missing here is treated
    /// as reading everything).
    pub const TEMPLATES: [&'static str; 18] = [
        "index.html",
        "briefings.html",
        "briefing.html",
        "actors.html",
        "actor.html",
        "questions.html",
        "question.html",
        "topics.html",
        "topic.html",
        "sources.html",
        "publisher.html",
        "page.html",
        "search.html",
        "404.html",
        "atom.xml",
        "sitemap.xml",
        "sitemap_index.xml",
        "robots.txt",
    ];

    pub fn all(site: &Site) -> Vec<Job> {
        let mut jobs = vec![
            Job::Home,
            Job::Briefings,
            Job::Actors,
            Job::Questions,
            Job::Topics,
            Job::Sources,
            Job::NotFound,
            Job::Robots,
        ];
        jobs.extend((0..site.briefings.len()).map(Job::Briefing));
        jobs.extend((0..site.actors.len()).map(Job::Actor));
        jobs.extend((0..site.questions.len()).map(Job::Question));
        jobs.extend((0..site.topics.len()).map(Job::Topic));
        jobs.extend((0..site.index.sources.len()).map(Job::Publisher));
        jobs.extend((0..site.pages.len()).map(Job::Page));
        if site.config.search {
            jobs.push(Job::Search);
        }
        if site.config.feeds {
            jobs.extend(Feed::all(site).map(Job::Feed));
        }
        if site.config.sitemap {
            let parts = sitemap_parts(jobs.iter().filter(|j| j.is_listed_page()).count(), SITEMAP_LIMIT);
            jobs.push(Job::Sitemap(parts));
            jobs.extend((0..parts).map(Job::SitemapPart));
        }
        jobs
    }

    /// Template, URL and section name (for navigation highlighting).
    pub fn target(self, site: &Site) -> (&'static str, String, &'static str) {
        let u = &site.urls;
        match self {
            Job::Home => ("index.html", u.home(), "home"),
            Job::Briefings => ("briefings.html", u.path(&["briefings"]), "briefings"),
            Job::Briefing(i) => ("briefing.html", u.briefing(&site.briefings[i].doc.id), "briefings"),
            Job::Actors => ("actors.html", u.path(&["actors"]), "actors"),
            Job::Actor(i) => ("actor.html", u.actor(&site.actors[i].doc.id), "actors"),
            Job::Questions => ("questions.html", u.path(&["questions"]), "questions"),
            Job::Question(i) => ("question.html", u.question(&site.questions[i].doc.id), "questions"),
            Job::Topics => ("topics.html", u.path(&["topics"]), "topics"),
            Job::Topic(i) => ("topic.html", u.topic(&site.topics[i].id), "topics"),
            Job::Sources => ("sources.html", u.path(&["sources"]), "sources"),
            Job::Publisher(i) => ("publisher.html", u.path(&["sources", &site.index.sources[i].slug]), "sources"),
            Job::Page(i) => ("page.html", u.page(&site.pages[i].doc.id), "pages"),
            Job::Search => ("search.html", u.path(&["search"]), "search"),
            Job::NotFound => ("404.html", u.asset("404.html"), "404"),
            Job::Feed(feed) => ("atom.xml", feed_url(site, feed), "feed"),
            Job::Sitemap(0) => ("sitemap.xml", u.asset("sitemap.xml"), "sitemap"),
            Job::Sitemap(_) => ("sitemap_index.xml", u.asset("sitemap.xml"), "sitemap"),
            Job::SitemapPart(k) => ("sitemap.xml", u.asset(&format!("sitemap-{}.xml", k + 1)), "sitemap"),
            Job::Robots => ("robots.txt", u.asset("robots.txt"), "robots"),
        }
    }

    pub fn view(self, ctx: &Ctx) -> tera::Value {
        match self {
            Job::Home => ctx.home(),
            Job::Briefings => ctx.briefings_index(),
            Job::Briefing(i) => ctx.briefing(i),
            Job::Actors => ctx.actors_index(),
            Job::Actor(i) => ctx.actor(i),
            Job::Questions => ctx.questions_index(),
            Job::Question(i) => ctx.question(i),
            Job::Topics => ctx.topics_index(),
            Job::Topic(i) => ctx.topic(i),
            Job::Sources => ctx.sources_index(),
            Job::Publisher(i) => ctx.publisher(i),
            Job::Page(i) => ctx.page(i),
            Job::Search => ctx.search(),
            Job::NotFound | Job::Robots => tera::Value::none(),
            Job::Feed(feed) => ctx.feed(feed),
            Job::Sitemap(0) => ctx.sitemap(None),
            Job::Sitemap(parts) => ctx.sitemap_index(parts),
            Job::SitemapPart(k) => ctx.sitemap(Some(k)),
        }
    }

    /// Actors whose preview cards the page carries: those it links to
    /// besides lists of every actor (the card is for links in running text,
    /// tables and boxes, where a reader wonders who someone is).
    pub fn previewed_actors(self, site: &Site) -> Vec<usize> {
        let ix = &site.index;
        let mut actors: Vec<usize> = match self {
            Job::Briefing(i) => {
                let b = &site.briefings[i];
                b.actors.iter().chain(&b.refs.actors).copied().collect()
            }
            Job::Actor(i) => super::network::Graph::neighbours(site, i),
            Job::Question(i) => ix.question_positions[i]
                .iter()
                .map(|r| site.briefings[r.briefing].positions[r.position].actor)
                .collect(),
            _ => Vec::new(),
        };
        actors.sort_unstable();
        actors.dedup();
        actors
    }

    /// A rough cost of rendering the job (the entries it shows; a body
    /// counts a unit per 512 bytes), only to start the costliest first: the
    /// build ends when its longest page does.
    pub fn weight(self, site: &Site) -> usize {
        let ix = &site.index;
        let body = |html: &str| html.len() / 512;
        1 + match self {
            Job::Briefing(i) => {
                let b = &site.briefings[i];
                2 * b.positions.len() + b.sources.len() + body(&b.body.html)
            }
            Job::Actor(i) => {
                2 * ix.actor_positions[i].len()
                    + ix.actor_briefings[i].len()
                    + ix.actor_mentions[i].len()
                    + body(&site.actors[i].body.html)
            }
            Job::Question(i) => 2 * ix.question_positions[i].len() + ix.question_briefings[i].len(),
            Job::Topic(i) => ix.topic_briefings[i].len(),
            Job::Publisher(i) => ix.sources[i].sources.len(),
            Job::Page(i) => body(&site.pages[i].body.html),
            Job::Home | Job::Briefings | Job::Sitemap(_) | Job::SitemapPart(_) => site.briefings.len(),
            Job::Actors => site.actors.len(),
            Job::Questions => site.questions.len(),
            Job::Topics => site.topics.len(),
            Job::Sources => ix.sources.len(),
            Job::Search | Job::NotFound | Job::Robots | Job::Feed(_) => 0,
        }
    }

    /// Whether the job writes an HTML page a reader (and a sitemap) would list.
    pub fn is_listed_page(self) -> bool {
        !matches!(
            self,
            Job::NotFound | Job::Search | Job::Feed(_) | Job::Sitemap(_) | Job::SitemapPart(_) | Job::Robots
        )
    }

    pub fn meta(self, site: &Site) -> Meta {
        let c = &site.config;
        let titled = |t: &str| format!("{t} — {}", c.title);
        let (title, description, kind) = match self {
            Job::Briefing(i) => {
                let m = &site.briefings[i].doc.matter;
                (titled(&m.title), m.summary.clone().unwrap_or_else(|| c.description.clone()), "article")
            }
            Job::Actor(i) => {
                let m = &site.actors[i].doc.matter;
                let who = m.role.as_ref().map_or_else(|| m.name.clone(), |r| format!("{}, {r}", m.name));
                (titled(&m.name), format!("{who}: positions, quotes and sources."), "profile")
            }
            Job::Question(i) => {
                let m = &site.questions[i].doc.matter;
                let d = m.summary.clone().unwrap_or_else(|| format!("Who stands where on: {}", m.title));
                (titled(&m.title), d, "website")
            }
            Job::Topic(i) => {
                let t = &site.topics[i];
                let d = t.description.clone().unwrap_or_else(|| format!("Briefings on {}.", t.title));
                (titled(&t.title), d, "website")
            }
            Job::Page(i) => {
                let m = &site.pages[i].doc.matter;
                (titled(&m.title), m.summary.clone().unwrap_or_else(|| c.description.clone()), "website")
            }
            Job::Publisher(i) => {
                let p = &site.index.sources[i].publisher;
                let name = if p.is_empty() { "Publisher not named" } else { p };
                (titled(name), format!("Sources from {name} cited on {}.", c.title), "website")
            }
            Job::Home => (c.title.clone(), c.description.clone(), "website"),
            Job::Briefings => (titled("Briefings"), c.description.clone(), "website"),
            Job::Actors => (titled("Actors"), c.description.clone(), "website"),
            Job::Questions => (titled("Questions"), c.description.clone(), "website"),
            Job::Topics => (titled("Topics"), c.description.clone(), "website"),
            Job::Sources => (titled("Sources"), c.description.clone(), "website"),
            Job::NotFound => (titled("Page not found"), c.description.clone(), "website"),
            Job::Search => (titled("Search"), format!("Search {}.", c.title), "website"),
            Job::Feed(_) | Job::Sitemap(_) | Job::SitemapPart(_) | Job::Robots => {
                (c.title.clone(), String::new(), "website")
            }
        };
        Meta { title, description, kind }
    }

    /// Feeds announced on this page: the site's, and the page's own; none
    /// when the site has feeds off.
    pub fn feeds(self, site: &Site) -> Vec<FeedLink> {
        if !site.config.feeds {
            return Vec::new();
        }
        let own = match self {
            Job::Actor(i) => Some(Feed::Actor(i)),
            Job::Question(i) => Some(Feed::Question(i)),
            Job::Topic(i) => Some(Feed::Topic(i)),
            _ => None,
        };
        std::iter::once(Feed::Site)
            .chain(own)
            .map(|f| FeedLink { title: feed_title(site, f), url: feed_url(site, f) })
            .collect()
    }
}

pub fn feed_url(site: &Site, feed: Feed) -> String {
    let u = &site.urls;
    let page = match feed {
        Feed::Site => u.home(),
        Feed::Actor(i) => u.actor(&site.actors[i].doc.id),
        Feed::Question(i) => u.question(&site.questions[i].doc.id),
        Feed::Topic(i) => u.topic(&site.topics[i].id),
    };
    format!("{page}atom.xml")
}

pub fn feed_title(site: &Site, feed: Feed) -> String {
    let name = match feed {
        Feed::Site => return site.config.title.clone(),
        Feed::Actor(i) => &site.actors[i].doc.matter.name,
        Feed::Question(i) => &site.questions[i].doc.matter.title,
        Feed::Topic(i) => &site.topics[i].title,
    };
    format!("{name} — {}", site.config.title)
}

#[cfg(test)]
mod tests {
    use super::sitemap_parts;

    #[test]
    fn sitemaps_split_past_the_limit() {
        assert_eq!(sitemap_parts(0, 50_000), 0);
        assert_eq!(sitemap_parts(50_000, 50_000), 0);
        assert_eq!(sitemap_parts(50_001, 50_000), 2);
        assert_eq!(sitemap_parts(150_000, 50_000), 3);
    }
}
