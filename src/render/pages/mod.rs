//! Every kind of page the site has, one module each. A kind ([`PageKind`])
//! says how many pages of it the site has and, for each, its URL, its
//! template, the data the template gets and what `<head>` says about it.
//! [`KINDS`] lists the kinds in the order the sitemap lists their pages:
//! adding a kind of page is one module here and one line there.

mod actor;
mod archive;
mod author;
mod briefing;
mod corrections;
mod embeds;
mod feed;
mod history;
mod home;
mod library;
mod lists;
mod paginate;
mod plain;
mod publisher;
mod question;
mod redirects;
mod removed;
mod search;
mod sitemap;
mod topic;

use serde::Serialize;
use tera::Value;

use super::views::Ctx;
use crate::images::PictureView;
use crate::resolve::{ActorIx, BriefingIx, Entity, Ix, Site};
pub(super) use embeds::{Embeds, render as render_embeds, render_all as render_all_embeds};
pub(super) use feed::Feed;

/// One kind of page. `n` numbers the kind's pages from 0 (for entity pages,
/// the entity's index in the site).
pub(super) trait PageKind: Sync {
    /// Every template the kind renders with.
    fn templates(&self) -> &'static [&'static str];
    /// How many pages of this kind the site has.
    fn count(&self, site: &Site) -> usize;
    /// The template page `n` renders with.
    fn template(&self, _site: &Site, _n: usize) -> &'static str {
        self.templates()[0]
    }
    fn url(&self, site: &Site, n: usize) -> String;
    /// The navigation section the page belongs to (for highlighting).
    fn section(&self) -> &'static str;
    /// How many pages page `n` spans: lists that grow with the site are
    /// cut into pages of `paginate_by`.
    fn pages(&self, _site: &Site, _n: usize) -> usize {
        1
    }
    /// The data the template gets as `page`, on page `page` (from 0) of `n`.
    fn view(&self, ctx: &Ctx, n: usize, page: usize) -> Value;
    fn meta(&self, site: &Site, n: usize) -> Meta;
    /// A rough cost of rendering the page (the entries it shows; a body
    /// counts a unit per 512 bytes), only to start the costliest first.
    fn weight(&self, _site: &Site, _n: usize) -> usize {
        0
    }
    /// Whether it is an HTML page a reader (and the sitemap) would list.
    fn listed(&self) -> bool {
        true
    }
    /// Whether its address, once published, must stay (`published-urls`).
    fn permanent(&self) -> bool {
        self.listed()
    }
    /// The page's last change, as a sitemap `lastmod` date.
    fn lastmod(&self, _site: &Site, _n: usize) -> Option<String> {
        None
    }
    /// The page's own feed, announced besides the site's.
    fn feed(&self, _n: usize) -> Option<Feed> {
        None
    }
    /// Actors whose preview cards the page carries: those it links to
    /// besides lists of every actor (the card is for links in running
    /// text, tables and boxes, where a reader wonders who someone is), on
    /// page `page` (from 0) of `n`.
    fn previewed(&self, _site: &Site, _n: usize, _page: usize) -> Vec<ActorIx> {
        Vec::new()
    }
    /// Where the page sends readers, when it is only a redirect.
    fn redirect(&self, _site: &Site, _n: usize) -> Option<String> {
        None
    }
    /// The page's JSON-LD, when it describes a thing of its own.
    fn jsonld(&self, _site: &Site, _n: usize) -> Option<String> {
        None
    }
    /// The thing the page is about, when it may have a social card.
    fn carded(&self, _n: usize) -> Option<Entity> {
        None
    }
    /// The thing whose page it is, when it is one's (its words may be
    /// translated or not).
    fn entity(&self, n: usize) -> Option<Entity> {
        self.carded(n)
    }
    /// The thing the page shows first of all (its page's, or its feed's):
    /// `serve` compares such pages of the things an edit touches first.
    fn about(&self, _site: &Site, n: usize) -> Option<Entity> {
        self.entity(n)
    }
    /// Whether it is one file for every language (the sitemap, the 404
    /// page, redirects from old addresses) rather than one per language.
    fn shared(&self) -> bool {
        false
    }
}

/// Every kind of page, in the order the sitemap lists them: the section
/// pages first, then each entity's.
pub(super) const KINDS: &[&dyn PageKind] = &[
    &home::Home,
    &lists::Briefings,
    &lists::Actors,
    &lists::Questions,
    &lists::Topics,
    &author::Authors,
    &publisher::Sources,
    &corrections::Corrections,
    &plain::NotFound,
    &sitemap::Robots,
    &archive::Year,
    &briefing::Briefing,
    &actor::Actor,
    &question::Question,
    &topic::Topic,
    &publisher::Publisher,
    &library::LibrarySource,
    &plain::Page,
    &author::Author,
    &search::Search,
    &feed::Feeds,
    &sitemap::SITEMAP,
    &redirects::Aliases,
    &redirects::RedirectsFile,
    &removed::Removed,
];

/// One file to write: a page of a kind, by its number among the kind's
/// pages, and which part of it.
#[derive(Clone, Copy)]
pub(super) struct Job {
    pub kind: &'static dyn PageKind,
    pub n: usize,
    pub part: Part,
}

/// A page of a paginated list, or the redirect at its `page/1/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Part {
    /// Page `k` (from 0); 0 for a page that is not a list.
    Page(usize),
    /// `<list>/page/1/`, which sends readers to the list itself.
    FirstPageRedirect,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}#{} {:?}", self.kind.templates()[0], self.n, self.part)
    }
}

impl Job {
    /// Every file of the site, kind by kind in [`KINDS`]' order: each
    /// page, each page of a list, and a redirect at `page/1/` of a list
    /// with more than one page.
    pub(super) fn all(site: &Site) -> Vec<Job> {
        let mut jobs = Vec::new();
        for &kind in KINDS.iter().filter(|k| site.lang == 0 || !k.shared()) {
            for n in 0..kind.count(site) {
                let pages = kind.pages(site, n);
                jobs.extend((0..pages).map(|k| Job { kind, n, part: Part::Page(k) }));
                if pages > 1 {
                    jobs.push(Job { kind, n, part: Part::FirstPageRedirect });
                }
            }
        }
        jobs
    }

    /// The page showing `entity` (and its body).
    pub(super) fn of(entity: Entity) -> Job {
        let (kind, n): (&'static dyn PageKind, usize) = match entity {
            Entity::Briefing(i) => (&briefing::Briefing, i.get()),
            Entity::Actor(i) => (&actor::Actor, i.get()),
            Entity::Question(i) => (&question::Question, i.get()),
            Entity::Topic(i) => (&topic::Topic, i.get()),
            Entity::Page(i) => (&plain::Page, i),
            Entity::Author(i) => (&author::Author, i.get()),
        };
        Job { kind, n, part: Part::Page(0) }
    }

    /// Errors for aliases that clash with a page or with each other.
    /// `jobs` are every file of the site with its URL.
    pub(super) fn clashes(site: &Site, jobs: &[(Job, String)]) -> Vec<crate::diagnostics::Diagnostic> {
        redirects::clashes(site, jobs)
    }

    /// Every template some page names (one missing here is treated as
    /// reading everything).
    pub(super) fn templates() -> impl Iterator<Item = &'static str> {
        KINDS.iter().flat_map(|k| k.templates().iter().copied())
    }

    pub(super) fn url(self, site: &Site) -> String {
        let base = self.kind.url(site, self.n);
        match self.part {
            Part::Page(k) => paginate::page_url(&base, k + 1),
            Part::FirstPageRedirect => format!("{base}page/1/"),
        }
    }

    /// What `<head>` says about it; a list's later pages say which page.
    /// A page without a picture of its own shows its social card.
    pub(super) fn meta(self, site: &Site, cards: &crate::cards::Cards) -> Meta {
        let mut meta = self.kind.meta(site, self.n);
        if meta.image.is_none() {
            let card = self.kind.carded(self.n).and_then(|e| cards.picture(site, e));
            meta = meta.pictured(card, true);
        }
        if let Part::Page(k) = self.part
            && k > 0
        {
            meta.title = site.words.with("title-page-of", &[("n", &(k + 1).to_string()), ("title", &meta.title)]);
        }
        meta
    }

    /// A rough cost, to start the costliest first (see [`PageKind::weight`]).
    pub(super) fn weight(self, site: &Site) -> usize {
        match self.part {
            Part::Page(_) => 1 + self.kind.weight(site, self.n) / self.kind.pages(site, self.n),
            Part::FirstPageRedirect => 1,
        }
    }

    /// Feeds announced on this page: the site's, and the page's own; none
    /// when the site has feeds off.
    pub(super) fn feeds(self, site: &Site) -> Vec<FeedLink> {
        if !site.config.feeds {
            return Vec::new();
        }
        std::iter::once(Feed::Site)
            .chain(self.kind.feed(self.n))
            .map(|f| FeedLink { title: f.title(site), url: f.url(site) })
            .collect()
    }
}

/// What `<head>` says about a page: title, description, Open Graph type,
/// and the picture shared links show.
#[derive(Serialize)]
pub(super) struct Meta {
    title: String,
    description: String,
    kind: &'static str,
    /// The picture shared links show.
    image: Option<PictureView>,
    /// `summary_large_image` for a lead image, else `summary`.
    card: &'static str,
}

impl Meta {
    /// A page titled `title` as it is.
    fn new(title: String, description: String, kind: &'static str) -> Meta {
        Meta { title, description, kind, image: None, card: "summary" }
    }

    /// A page of its own: "Title — Site".
    fn titled(site: &Site, title: &str, description: String, kind: &'static str) -> Meta {
        Meta::new(format!("{title} — {}", site.config.title), description, kind)
    }

    /// The page's own picture for shared links (not an SVG: networks do
    /// not show those); `large` for a lead image.
    fn pictured(mut self, image: Option<PictureView>, large: bool) -> Meta {
        self.image = image.filter(|v| v.mime != "image/svg+xml");
        if self.image.is_some() && large {
            self.card = "summary_large_image";
        }
        self
    }

    /// A section's page: "Briefings — Site", with the site's description.
    fn section(site: &Site, title: &str) -> Meta {
        Meta::titled(site, title, site.config.description.clone(), "website")
    }

    /// A file for machines (feed, sitemap): the site's title alone.
    fn machine(site: &Site) -> Meta {
        Meta::new(site.config.title.clone(), String::new(), "website")
    }
}

/// A feed to announce with `<link rel="alternate">`.
#[derive(Serialize)]
pub(super) struct FeedLink {
    title: String,
    url: String,
}

/// A body as templates see it: its HTML and its table of contents (both
/// empty by default: later pages of a list leave the body to the first).
#[derive(Serialize)]
struct Body<'a> {
    /// Marked safe once here, so a template shows it without `| safe`
    /// (which would copy the whole body again on every page).
    html: tera::Value,
    toc: &'a [crate::markdown::TocEntry],
}

impl Default for Body<'_> {
    fn default() -> Self {
        Body { html: tera::Value::from(""), toc: &[] }
    }
}

impl<'a> Body<'a> {
    /// The body of `entity`, what its directives place put in.
    fn of(ctx: &Ctx<'a>, entity: Entity) -> Self {
        let r = ctx.site.body(entity);
        Body { html: tera::Value::safe_string(&embeds::spliced(ctx, entity, r)), toc: &r.toc }
    }
}

/// A body's weight: a unit per 512 bytes of HTML.
fn body_weight(r: &crate::markdown::Rendered) -> usize {
    r.html.len() / 512
}

/// A briefing's last change, as a sitemap `lastmod` date.
fn latest(site: &Site, b: BriefingIx) -> String {
    site.briefings[b].modified.ymd()
}

/// The newest of `briefings` (newest first), as a sitemap `lastmod` date.
fn newest(site: &Site, briefings: &[BriefingIx]) -> Option<String> {
    briefings.first().map(|&b| latest(site, b))
}
