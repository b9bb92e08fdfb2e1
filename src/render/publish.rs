//! Views for what machines read: Atom feeds and the sitemap.

use serde::Serialize;
use tera::Value;

use super::jobs::{Feed, Job, SITEMAP_LIMIT, feed_title, feed_url};
use super::pages::Ctx;
use super::views::{Refs, value};

/// Entries per feed: the newest briefings.
const FEED_ENTRIES: usize = 20;

impl Ctx<'_> {
    pub fn feed(&self, feed: Feed) -> Value {
        let site = self.site;
        let ix = &site.index;
        let (page_url, briefings): (String, &[usize]) = match feed {
            Feed::Site => (site.urls.home(), &[]),
            Feed::Actor(i) => (site.urls.actor(&site.actors[i].doc.id), &ix.actor_briefings[i]),
            Feed::Question(i) => (site.urls.question(&site.questions[i].doc.id), &ix.question_briefings[i]),
            Feed::Topic(i) => (site.urls.topic(&site.topics[i].id), &ix.topic_briefings[i]),
        };
        let chosen: Vec<usize> = match feed {
            Feed::Site => (0..site.briefings.len().min(FEED_ENTRIES)).collect(),
            _ => briefings.iter().copied().take(FEED_ENTRIES).collect(),
        };
        let updated = chosen
            .iter()
            .map(|&b| {
                let m = &site.briefings[b].doc.matter;
                m.updated.as_ref().unwrap_or(&m.date)
            })
            .max()
            .map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), |d| d.rfc3339());
        #[derive(Serialize)]
        struct View<'a> {
            title: String,
            page_url: String,
            feed_url: String,
            updated: String,
            entries: Vec<&'a Value>,
        }
        value(&View {
            title: feed_title(site, feed),
            page_url: site.urls.absolute(&page_url),
            feed_url: site.urls.absolute(&feed_url(site, feed)),
            updated,
            entries: Refs::pick(&self.refs.briefings, chosen),
        })
    }

    /// The sitemap's entries: all of them, or part `k` of a split sitemap.
    pub fn sitemap(&self, part: Option<usize>) -> Value {
        let site = self.site;
        let ix = &site.index;
        let newest = |list: &[usize]| list.first().map(|&b| latest(site, b));
        #[derive(Serialize)]
        struct Entry {
            loc: String,
            lastmod: Option<String>,
        }
        let (skip, take) = part.map_or((0, usize::MAX), |k| (k * SITEMAP_LIMIT, SITEMAP_LIMIT));
        let entries: Vec<Entry> = Job::all(site)
            .into_iter()
            .filter(|job| job.is_listed_page())
            .skip(skip)
            .take(take)
            .map(|job| {
                let lastmod = match job {
                    Job::Briefing(b) => Some(latest(site, b)),
                    Job::Actor(i) => newest(&ix.actor_briefings[i]),
                    Job::Question(i) => newest(&ix.question_briefings[i]),
                    Job::Topic(i) => newest(&ix.topic_briefings[i]),
                    Job::Home | Job::Briefings => (!site.briefings.is_empty()).then(|| latest(site, 0)),
                    _ => None,
                };
                Entry { loc: site.urls.absolute(&job.target(site).1), lastmod }
            })
            .collect();
        #[derive(Serialize)]
        struct View {
            entries: Vec<Entry>,
        }
        value(&View { entries })
    }
}

impl Ctx<'_> {
    /// The sitemap index: one entry per part file.
    pub fn sitemap_index(&self, parts: usize) -> Value {
        #[derive(Serialize)]
        struct View {
            parts: Vec<String>,
        }
        let u = &self.site.urls;
        value(&View { parts: (1..=parts).map(|k| u.absolute(&u.asset(&format!("sitemap-{k}.xml")))).collect() })
    }
}

/// A briefing's last change, as a sitemap `lastmod` date.
fn latest(site: &crate::resolve::Site, b: usize) -> String {
    let m = &site.briefings[b].doc.matter;
    m.updated.as_ref().unwrap_or(&m.date).ymd()
}
