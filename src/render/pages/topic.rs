//! A topic's page: its description, its text, and its briefings.

use serde::Serialize;
use tera::Value;

use super::Feed;
use super::paginate::{Paginator, page_count, paginate};
use super::{Body, Meta, PageKind, newest};
use crate::render::views::{Ctx, Refs, value};
use crate::resolve::{Entity, Ix, Site, TopicIx};

pub(super) struct Topic;

impl PageKind for Topic {
    fn carded(&self, n: usize) -> Option<Entity> {
        Some(Entity::Topic(TopicIx::new(n)))
    }
    fn templates(&self) -> &'static [&'static str] {
        &["topic.html"]
    }
    fn count(&self, site: &Site) -> usize {
        site.topics.len()
    }
    fn url(&self, site: &Site, n: usize) -> String {
        site.urls.topic(&site.topics[n].id)
    }
    fn section(&self) -> &'static str {
        "topics"
    }
    fn meta(&self, site: &Site, n: usize) -> Meta {
        let t = &site.topics[n];
        let description =
            t.description.clone().unwrap_or_else(|| site.words.with("description-topic", &[("title", &t.title)]));
        Meta::titled(site, &t.title, description, "website")
    }
    fn weight(&self, site: &Site, n: usize) -> usize {
        let n = TopicIx::new(n);
        site.index.topic_briefings[n].len()
    }
    fn lastmod(&self, site: &Site, n: usize) -> Option<String> {
        let n = TopicIx::new(n);
        newest(site, &site.index.topic_briefings[n])
    }
    fn pages(&self, site: &Site, n: usize) -> usize {
        page_count(site.config.paginate_by, site.index.topic_briefings[TopicIx::new(n)].len())
    }
    fn feed(&self, n: usize) -> Option<Feed> {
        let n = TopicIx::new(n);
        Some(Feed::Topic(n))
    }

    fn view(&self, ctx: &Ctx, i: usize, page: usize) -> Value {
        let url = self.url(ctx.site, i);
        let i = TopicIx::new(i);
        let t = &ctx.site.topics[i];
        let (shown, paginator) = paginate(ctx.site, &url, &ctx.site.index.topic_briefings[i], page, "briefing");
        value(&View {
            topic: &ctx.refs.topics[i],
            description: t.description.as_deref(),
            body: Body::of(ctx, Entity::Topic(i)),
            briefings: Refs::pick(&ctx.refs.briefings, shown.iter().copied()),
            paginator,
        })
    }
}

#[derive(Serialize)]
struct View<'a> {
    topic: &'a Value,
    description: Option<&'a str>,
    body: Body<'a>,
    briefings: Vec<&'a Value>,
    paginator: Paginator,
}
