//! Rendering: every page of a resolved [`Site`] through Tera, in parallel,
//! into memory. Nothing here touches the output folder.

pub mod assets;
mod budget;
pub(crate) mod data;
mod digest;
mod jsonld;
mod nav;
mod network;
mod pages;
mod stance_map;
pub mod templates;
mod versions;
mod views;

use crate::codes::Code;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostics::Diagnostic;
use crate::markdown::Rendered;
use crate::output::Sink;
use crate::resolve::{BriefingIx, Entity, Site};
use pages::{Job, Part};

/// The page at an old address that sends readers on to the new one.
const REDIRECT: &str = "redirect.html";
use views::{Ctx, Refs};

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    language: &'a str,
    /// `ltr` or `rtl`, from the language.
    direction: &'static str,
    extra: &'a crate::content::model::Extra,
}

/// Data every template sees: the site, section links, plain pages, assets.
/// Returns their digest.
fn globals(site: &Site, tera: &mut Tera, assets: &assets::Assets) -> Result<u64, Diagnostic> {
    let c = &site.config;
    let u = &site.urls;
    let mut g = digest::Values::default();
    g.put(
        "site",
        &SiteView {
            title: &c.title,
            description: &c.description,
            base_url: &c.base_url,
            language: &c.language,
            direction: c.direction(),
            extra: &c.extra,
        },
    );
    g.put("nav", &nav::links(site)?);
    g.put("home_url", &u.home());
    // Files every language shares (the favicon) are at the base path.
    g.put("root_url", &u.asset(""));
    // What the default language's words (a quote as said) are marked with.
    let original = site.languages.list.first();
    g.put("original_language", original.map_or(&c.language, |l| &l.code));
    g.put("original_direction", original.map_or(c.direction(), |l| l.dir));
    g.put("style_url", &u.asset(&assets.style));
    g.put("script_url", &u.asset(&assets.script));
    g.put("search_url", &c.search.then(|| u.path(&["search"])));
    g.put("network_portraits", &c.network_portraits);
    g.put("sitemap_url", &c.sitemap.then(|| u.absolute(&u.asset("sitemap.xml"))));
    g.set_in(tera.global_context());
    Ok(digest::of(&[], &g, &digest::Known::default()))
}

/// Everything needed to render any page of one site: the site, the
/// templates (with the site-wide globals set) and the shared entity
/// references. Kept between rebuilds by `serve`.
pub struct Renderer {
    site: Arc<Site>,
    tera: Tera,
    refs: Refs,
    /// What each page template reads of the values it may go without.
    reads: Vec<(&'static str, Reads)>,
    /// Every file of the site with its URL, made once: rendering, the
    /// clash check and `published-urls` all walk them.
    jobs: Vec<(Job, String)>,
    /// The social cards (none unless `social_cards` is on).
    cards: crate::cards::Cards,
    /// The renderers of the site's other languages (see [`Site::others`]).
    others: Vec<Renderer>,
    /// The digest of the values every page gets.
    globals: u64,
    /// The digests of the values pages share, made when first needed.
    known: std::sync::OnceLock<digest::Known>,
    /// The stylesheet's and script's names, and the site's folder (where
    /// its cards are cached): what [`Renderer::again`] makes another with.
    assets: assets::Assets,
    root: std::path::PathBuf,
}

/// Per-page values a template may not show: made only for templates that
/// name them. Tera lists the variables a template, its parents and its
/// includes read; a component's implicit (`@name`) argument reads its
/// caller's, so those names count as read by every template. A theme
/// without JSON-LD or preview cards does not pay for them on every page.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Reads {
    jsonld: bool,
    previews: bool,
}

impl Reads {
    const ALL: Reads = Reads { jsonld: true, previews: true };

    /// What each page template reads.
    fn of_templates(tera: &Tera) -> Vec<(&'static str, Reads)> {
        let implicit: Vec<String> = tera
            .get_component_names()
            .filter_map(|name| tera.get_component_definition(name))
            .flat_map(|c| c.args().iter().filter(|a| a.is_implicit()).map(|a| a.name().to_owned()).collect::<Vec<_>>())
            .collect();
        let reads = |template: &str| {
            let Ok(vars) = tera.get_template_variables(template) else { return Reads::ALL };
            let read = |name: &str| vars.contains(name) || implicit.iter().any(|i| i == name);
            Reads { jsonld: read("jsonld"), previews: read("previews") }
        };
        Job::templates().map(|t| (t, reads(t))).collect()
    }
}

/// Which pages [`Renderer::digests_of`] digests, given each one's output
/// file, what it is about (see `PageKind::about`), and whether it is a
/// list's second page or a later one.
pub type Pick<'p> = dyn Fn(&str, Option<(&Site, Entity)>, bool) -> bool + Sync + 'p;

/// Whether the document of that kind and id was edited, added or removed
/// (see [`Renderer::again`]).
pub type Edited<'e> = dyn Fn(crate::content::Kind, &crate::content::model::Id) -> bool + Sync + 'e;

/// One page to render: its URL and, through [`Renderer::render_page`], its HTML.
#[derive(Debug, Clone, Copy)]
pub struct PageJob(Job);

impl Renderer {
    /// The renderer for `site` with `tera`'s templates; renders every shared partial once.
    pub fn new(site: Arc<Site>, tera: Tera) -> Result<Self, Diagnostic> {
        Renderer::with_assets(site, tera, &assets::Assets::default(), Path::new("."))
    }

    /// [`Renderer::new`], with pages linking `assets` (fingerprinted names),
    /// for the site at `root` (where its cards are cached).
    pub fn with_assets(site: Arc<Site>, tera: Tera, assets: &assets::Assets, root: &Path) -> Result<Self, Diagnostic> {
        Renderer::with_refs(site, tera, (assets, root), Refs::build, (&crate::cards::Cards::default(), &|_| None))
    }

    /// [`Renderer::with_assets`], with the references `refs` makes, and
    /// the cards of briefings `cards` takes over (see [`crate::cards::Cards::again`]).
    fn with_refs(
        site: Arc<Site>,
        mut tera: Tera,
        (assets, root): (&assets::Assets, &Path),
        refs: impl FnOnce(&Site, &Tera) -> Result<Refs, Diagnostic>,
        cards: (&crate::cards::Cards, &(dyn Fn(BriefingIx) -> Option<BriefingIx> + Sync)),
    ) -> Result<Self, Diagnostic> {
        let globals = globals(&site, &mut tera, assets)?;
        let mut refs = refs(&site, &tera)?;
        refs.embeds = pages::render_all_embeds(&site, &tera, &refs)?;
        let reads = Reads::of_templates(&tera);
        let jobs = Job::all(&site).into_iter().map(|job| (job, job.url(&site))).collect();
        let cards = match site.config.social_cards {
            true => crate::cards::Cards::again(&site, &tera, root, cards)?,
            false => crate::cards::Cards::default(),
        };
        let (assets, root) = (assets.clone(), root.to_path_buf());
        Ok(Renderer {
            site,
            tera,
            refs,
            reads,
            jobs,
            cards,
            others: Vec::new(),
            globals,
            known: Default::default(),
            assets,
            root,
        })
    }

    /// A renderer for `site` (this one's after edits to its documents) with
    /// this one's templates and assets, taking over what this one made of
    /// the documents not `edited` where nothing they read changed.
    pub fn again(&self, site: Arc<Site>, edited: &Edited) -> Result<Renderer, Diagnostic> {
        let old = (&*self.site, &self.refs);
        let kept = views::Kept::of(&site, old.0, edited);
        let was = |b: BriefingIx| kept.as_ref().and_then(|kept| kept.briefing(b));
        let refs = |site: &Site, tera: &Tera| Refs::again(site, tera, old, kept.as_ref());
        let again =
            Renderer::with_refs(site, self.tera.clone(), (&self.assets, &self.root), refs, (&self.cards, &was))?;
        // This renderer's values are alive: a place it knows is one of
        // them, which the new one holds only if it took the value over.
        if let Some(known) = self.known.get() {
            _ = again.known.set(digest::Known::again(known, &again.refs.shared()));
        }
        Ok(again)
    }

    /// Adds the renderer of one of the site's other languages: its pages
    /// render and count with this one's.
    pub fn add_language(&mut self, other: Renderer) {
        self.others.push(other);
    }

    /// This renderer and those of the other languages.
    fn every_language(&self) -> impl Iterator<Item = &Renderer> {
        std::iter::once(self).chain(&self.others)
    }

    /// The social cards.
    pub fn cards(&self) -> impl Iterator<Item = &crate::cards::Cards> {
        self.every_language().map(|r| &r.cards)
    }

    /// The site it renders.
    pub fn site(&self) -> &Arc<Site> {
        &self.site
    }

    /// Swaps in a new body for `entity`; returns its page, the only one
    /// showing the body (lists, feeds and position partials show titles,
    /// dates and summaries, which live in the front matter), and the old
    /// body. `None` when the site is shared and cannot change in place.
    pub fn replace_body(&mut self, entity: Entity, body: Rendered) -> Option<(PageJob, Rendered)> {
        let old = std::mem::replace(Arc::get_mut(&mut self.site)?.body_mut(entity), body);
        // Its embeds too; a template failing on them is left to a full
        // build to report.
        match pages::render_embeds(&self.site, &self.tera, &self.refs, entity) {
            Ok(embeds) if embeds.is_empty() => _ = self.refs.embeds.remove(&entity),
            Ok(embeds) => _ = self.refs.embeds.insert(entity, embeds),
            Err(_) => {
                *Arc::get_mut(&mut self.site)?.body_mut(entity) = old;
                return None;
            }
        }
        Some((PageJob(Job::of(entity)), old))
    }

    /// Errors for aliases that clash with a page or with each other.
    pub fn clashes(&self) -> Vec<Diagnostic> {
        Job::clashes(&self.site, &self.jobs)
    }

    /// Every address the site serves (pages, list pages, redirects,
    /// removal notices, files), from the base path.
    pub fn served(&self) -> Vec<String> {
        let urls = &self.site.urls;
        let jobs = self.every_language().flat_map(|r| &r.jobs);
        jobs.map(|(_, url)| urls.below_base(url).to_owned()).collect()
    }

    /// The addresses of the pages that must stay once published, from the
    /// base path: what `published-urls` keeps (listed pages but publishers).
    pub fn listed(&self) -> Vec<String> {
        let urls = &self.site.urls;
        let jobs = self.every_language().flat_map(|r| &r.jobs);
        let listed = jobs.filter(|(job, _)| job.kind.permanent() && job.part == Part::Page(0));
        listed.map(|(_, url)| urls.below_base(url).to_owned()).collect()
    }

    /// Every page of the site in this renderer's language (the default's
    /// renderer renders the other languages' too: [`Renderer::render_all`]).
    pub fn pages(&self) -> Vec<PageJob> {
        self.jobs.iter().map(|&(job, _)| PageJob(job)).collect()
    }

    /// The page's URL, e.g. `/actors/vladimir-putin/`.
    pub fn url(&self, page: PageJob) -> String {
        page.0.url(&self.site)
    }

    /// Renders one page into `buffer` (cleared first); returns its output path.
    pub fn render_page(&self, page: PageJob, buffer: &mut Vec<u8>) -> Result<String, Diagnostic> {
        let (template, url, values) = self.prepare(page);
        self.render_into(template, &url, &values.into_context(), buffer)?;
        Ok(self.site.urls.output_file(&url))
    }

    /// A digest of everything page's bytes are made from besides the
    /// templates and the site-wide values ([`Renderer::globals`]): its
    /// template's name and the values it gets. Two renderers with the same
    /// templates give a page the same bytes when its digest is the same, so
    /// `serve` renders after an edit only the pages whose digest changed.
    pub fn digest(&self, page: PageJob) -> u64 {
        let (template, url, values) = self.prepare(page);
        let known = self.known.get_or_init(|| digest::Known::of(&self.refs.shared()));
        digest::of(&[template, &url], &values, known)
    }

    /// Every page's [`Renderer::digest`], by output file, in every language.
    pub fn digests(&self) -> rustc_hash::FxHashMap<String, u64> {
        self.digests_of(&|_, _, _| true)
    }

    /// The digests of the pages `pick` names, given each page's output
    /// file and the entity it is the page of (`None`: a page of no one
    /// entity, such as a list, a feed or the sitemap).
    pub fn digests_of(&self, pick: &Pick) -> rustc_hash::FxHashMap<String, u64> {
        let pages: Vec<(&Renderer, PageJob, String)> = self
            .every_language()
            .flat_map(|r| r.jobs.iter().map(move |(job, url)| (r, PageJob(*job), r.site.urls.output_file(url))))
            .filter(|(r, page, file)| {
                let later = matches!(page.0.part, pages::Part::Page(k) if k > 0);
                pick(file, page.0.kind.about(&r.site, page.0.n).map(|e| (&*r.site, e)), later)
            })
            .collect();
        pages.par_iter().with_max_len(1).map(|(r, page, file)| (file.clone(), r.digest(*page))).collect()
    }

    /// Every page's output file, in every language.
    pub fn files(&self) -> rustc_hash::FxHashSet<String> {
        self.every_language().flat_map(|r| r.jobs.iter().map(|(_, url)| r.site.urls.output_file(url))).collect()
    }

    /// Renders the pages, in every language, whose output file is
    /// `wanted`; returns each file and its bytes.
    pub fn render_only(&self, wanted: &(dyn Fn(&str) -> bool + Sync)) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
        let pages: Vec<(&Renderer, PageJob)> =
            self.every_language().flat_map(|r| r.pages().into_iter().map(move |p| (r, p))).collect();
        pages
            .par_iter()
            .filter(|&&(r, page)| wanted(&r.site.urls.output_file(&r.url(page))))
            .map(|&(r, page)| {
                let mut buffer = Vec::new();
                r.render_page(page, &mut buffer).map(|file| (file, buffer))
            })
            .collect()
    }

    /// A digest of the values every page gets (the site, its navigation,
    /// the assets' names), in every language.
    pub fn globals(&self) -> u64 {
        self.every_language().fold(0, |all, r| all.rotate_left(1) ^ r.globals)
    }

    /// The output file of `entity`'s page.
    pub fn file_of(&self, entity: Entity) -> String {
        self.site.urls.output_file(&self.url(PageJob(Job::of(entity))))
    }

    /// The template, the URL and the values of one page.
    fn prepare(&self, page: PageJob) -> (&'static str, String, digest::Values) {
        let (site, Job { kind, n, part }) = (&*self.site, page.0);
        let url = page.0.url(site);
        let mut context = digest::Values::default();
        let (k, target) = match part {
            // `page/1/` of a list: sends readers to the list.
            Part::FirstPageRedirect => (0, Some(kind.url(site, n))),
            Part::Page(k) => (k, kind.redirect(site, n)),
        };
        if let Some(target) = target {
            context.put("canonical", &site.urls.absolute(&target));
            context.put("target", &target);
            return (REDIRECT, url, context);
        }
        let template = kind.template(site, n);
        context.put_value("page", kind.view(&Ctx { site, refs: &self.refs }, n, k));
        context.put("url", &url);
        let (versions, fallback) = versions::of(site, page.0, &url);
        // A page in the default language's words is a copy: search engines
        // are sent to the original.
        let canonical = match fallback {
            Some(_) => versions[0].absolute.clone(),
            None => site.urls.absolute(&url),
        };
        context.put("canonical", &canonical);
        context.put("versions", &versions);
        context.put("fallback", &fallback);
        context.put("section", kind.section());
        context.put("meta", &page.0.meta(site, &self.cards));
        context.put("feeds", &page.0.feeds(site));
        let reads = self.reads.iter().find(|(t, _)| *t == template).map_or(Reads::ALL, |(_, r)| *r);
        let mut previewed = if reads.previews { kind.previewed(site, n, k) } else { Vec::new() };
        previewed.sort_unstable();
        previewed.dedup();
        let previews: Vec<&tera::Value> = previewed.into_iter().map(|a| &self.refs.previews[a]).collect();
        context.put("previews", &previews);
        let structured = if reads.jsonld { kind.jsonld(site, n) } else { None };
        context.put_value("jsonld", structured.map_or_else(tera::Value::none, |j| tera::Value::safe_string(&j)));
        (template, url, context)
    }

    /// The template the page renders with.
    fn template(&self, page: Job) -> &'static str {
        match page.part {
            Part::Page(_) => page.kind.template(&self.site, page.n),
            Part::FirstPageRedirect => REDIRECT,
        }
    }

    /// Renders `template` for the page at `url` into `buffer` (cleared first).
    fn render_into(
        &self,
        template: &str,
        url: &str,
        context: &Context,
        buffer: &mut Vec<u8>,
    ) -> Result<(), Diagnostic> {
        buffer.clear();
        self.tera.render_to(template, context, &mut *buffer).map_err(|e| {
            let message = format!("cannot render {url}: {}", templates::error_chain(&e));
            Diagnostic::new(Code::Template, Path::new("templates").join(template), message)
                .hint("check the template against the data documented in README.md")
        })?;
        // NUL is never valid in HTML or XML; front matter can still spell
        // one with a YAML escape (`"\0"`).
        if memchr::memchr(0, buffer).is_some() {
            let cleaned = String::from_utf8_lossy(buffer).replace('\0', "\u{fffd}");
            *buffer = cleaned.into_bytes();
        }
        Ok(())
    }

    /// Renders every page and hands each to `sink` as soon as it is done,
    /// so pages never pile up in memory. Returns the number of pages and a
    /// warning per template making pages over the page-weight budget;
    /// template errors are collected, one per template. The first file
    /// that cannot be written (`write_error` says how) stops the rest: on a
    /// full disk every other would fail too.
    pub fn render_all(
        &self,
        sink: Sink,
        write_error: &(dyn Fn(&str, &std::io::Error) -> Diagnostic + Sync),
        progress: Option<&crate::progress::Progress>,
    ) -> Result<(usize, Vec<Diagnostic>), Vec<Diagnostic>> {
        let renderers: Vec<&Renderer> = self.every_language().collect();
        let mut pages: Vec<(&Renderer, PageJob)> =
            renderers.iter().flat_map(|&r| r.pages().into_iter().map(move |p| (r, p))).collect();
        let budget = budget::Budget::default();
        crate::progress::start(progress, "Rendering pages", pages.len());
        let count = pages.len();
        // Costliest first (longest processing time first): a large page
        // started last would run alone while the other threads idle.
        pages.sort_by_cached_key(|(r, p)| std::cmp::Reverse(p.0.weight(&r.site)));
        let stopped = AtomicBool::new(false);
        // One page per task: pages differ a hundredfold in cost (an
        // actor's against a briefing's) and up to ten thousandfold (a
        // briefing of 100,000 positions), and two costly pages in one batch
        // keep the other thread idle. Each thread keeps a page buffer; it is
        // taken out while in use, as a thread waiting inside a page (its
        // views are made in parallel) may render another meanwhile.
        thread_local! {
            static BUFFER: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
        }
        let problems: Vec<Diagnostic> = pages
            .par_iter()
            .with_max_len(1)
            .map(|&(r, page)| {
                if stopped.load(Ordering::Relaxed) {
                    return None;
                }
                let mut buffer = BUFFER.take();
                let file = match r.render_page(page, &mut buffer) {
                    Ok(file) => file,
                    Err(d) => return Some(d),
                };
                budget.check(r.template(page.0), buffer.len(), || page.0.url(&r.site));
                let written = sink.put(&file, &buffer);
                if let Some(p) = progress {
                    p.tick();
                }
                // The threads outlive the build in `serve`: a huge page's
                // buffer is not kept.
                if buffer.capacity() <= 16 << 20 {
                    BUFFER.set(buffer);
                }
                let e = written.err()?;
                // Only the first is reported; others may race it.
                (!stopped.swap(true, Ordering::Relaxed)).then(|| write_error(&file, &e))
            })
            .flatten()
            .collect();
        // One broken template fails every page using it; report it once.
        let mut unique: Vec<Diagnostic> = Vec::new();
        for d in problems {
            if !unique.iter().any(|p| p.path == d.path) {
                unique.push(d);
            }
        }
        if unique.is_empty() { Ok((count, budget.warnings())) } else { Err(unique) }
    }
}
