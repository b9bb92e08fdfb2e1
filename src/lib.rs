//! dossier: a static-site generator for explainer briefings.
//!
//! The build is a one-way pipeline, one module per stage:
//!
//! ```text
//! content (load) → resolve (check + index) → render (templates) → output (atomic write)
//! ```
//!
//! [`build`] and [`check`] are what the command line and the tests call.

// The library's API is what is `pub` and reachable, and it is documented;
// everything else is `pub(crate)` or private.
#![warn(missing_docs, unreachable_pub)]

pub mod cards;
mod check;
pub mod codes;
pub mod config;
pub mod content;
pub mod deploy;
pub mod diagnostics;
pub(crate) mod escape;
pub mod i18n;
pub mod images;
pub mod linkcheck;
pub mod markdown;
pub mod memo;
pub mod output;
pub mod progress;
pub mod published;
pub mod render;
pub mod report;
pub mod resolve;
pub mod scaffold;
pub mod search;
#[cfg(feature = "serve")]
pub mod serve;
pub(crate) mod urls;
pub(crate) mod walk;

use crate::codes::Code;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use check::{check, check_links};
pub use config::Config;
pub use diagnostics::{Diagnostic, Diagnostics};
pub use resolve::Site;

/// What `dossier build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holding `dossier.yaml` and `content/`).
    pub root: PathBuf,
    /// Defaults to `root/public`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from `dossier.yaml`.
    pub base_url: Option<String>,
    /// Include briefings and pages marked `draft: true`.
    pub drafts: bool,
    /// Replace an output folder holding files no build wrote.
    pub force: bool,
    /// Counts the build's steps as it goes, for a progress display.
    pub progress: Option<std::sync::Arc<progress::Progress>>,
    /// Publish pictures missing from the cache as their source for now
    /// and leave them to process (`serve`: see [`images::prepare`]).
    pub pictures_later: bool,
}

impl BuildOptions {
    /// Options for building the site in `root` with every default.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            force: false,
            progress: None,
            pictures_later: false,
        }
    }

    /// Where the site is written: `--output`, or `public/` in the site.
    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.root.join("public"))
    }
}

/// A finished build: how many files, how long, and the warnings.
#[derive(Debug)]
pub struct BuildReport {
    /// Files written (pages, feeds, data files).
    pub pages: usize,
    /// From start to the output folder swapped in.
    pub elapsed: Duration,
    /// Every warning (a build with errors returns them instead).
    pub warnings: Diagnostics,
    /// How many editorial notes `check` would add (not printed by builds).
    pub notes: usize,
    /// The addresses that must stay once published (pages and aliases,
    /// from the base path), for `published-urls`.
    pub published: Vec<String>,
    /// Time spent in each stage, in pipeline order.
    pub stages: Vec<(&'static str, Duration)>,
}

/// Loads and resolves the site. Returns the site only when there are no
/// errors; the diagnostics hold warnings either way.
pub fn load_site(options: &BuildOptions) -> (Option<Site>, Diagnostics) {
    let (loaded, diags) = load(options);
    (loaded.map(|(site, _)| site), diags)
}

/// [`load_site`], also returning the content the site was resolved from:
/// sorted as the site lists it, front matter only (the bodies are rendered
/// by then). `serve` keeps it to tell which edits leave the front matter
/// alone.
pub fn load(options: &BuildOptions) -> (Option<(Site, content::Content)>, Diagnostics) {
    let (loaded, diags) = load_kept(options, None);
    (loaded.map(|(site, content, _)| (site, content)), diags)
}

/// [`load`], for `serve`: with `memo`, it also returns the bodies'
/// Markdown, and keeps the rendered bodies there for
/// [`resolve_again`] (which takes them over where nothing changed).
pub fn load_kept(
    options: &BuildOptions,
    memo: Option<&resolve::memo::Bodies>,
) -> (Option<(Site, content::Content, content::Bodies)>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut config = match Config::load(&options.root) {
        Ok(c) => c,
        Err(d) => {
            diags.push(d);
            return (None, diags);
        }
    };
    if let Some(url) = &options.base_url {
        match config::normalize_base_url(url) {
            Ok(u) => config.base_url = u,
            Err(msg) => {
                diags.push(
                    Diagnostic::new(Code::Invocation, "--base-url", msg)
                        .hint("pass a URL like https://example.org/ or a path like /briefings/"),
                );
                return (None, diags);
            }
        }
    }
    if !options.root.join("content").is_dir() {
        diags.push(
            Diagnostic::new(Code::Invocation, options.root.join("content"), "no content/ folder here")
                .hint("run dossier in a site folder, pass --root DIR, or create one with `dossier init DIR`"),
        );
        return (None, diags);
    }
    let Some(words) = load_words(&options.root, &config, &config.language, &mut diags) else {
        return (None, diags);
    };
    let allowed = config.editorial.allow.clone();
    let (mut content, bodies) = content::load(&options.root, options.drafts, &config.translations(), &mut diags);
    let images =
        images::prepare(&options.root, &config.images, (&content, &bodies), options.pictures_later, &mut diags);
    let languages = Arc::new(resolve::Languages::new(&config, &content));
    // Each other language's pages show the same facts in its words: the
    // content with the translations laid over, resolved on its own.
    let overlaid: Vec<_> = config
        .site_languages()
        .into_iter()
        .skip(1)
        .filter(|_| languages.several())
        .map(|l| {
            let laid = content::translation::overlay(&content, &bodies, &l.code.to_ascii_lowercase());
            (config.in_language(&l), laid)
        })
        .collect();
    // Files that failed to load are left out; the rest are still checked,
    // so one run reports every file's problems.
    let locale = resolve::Locale { words, languages: languages.clone(), lang: 0 };
    let others_images = languages.several().then(|| images.clone());
    let mut bodies = bodies;
    let kept = memo
        .map(|_| {
            resolve::sort(&mut content, &mut bodies);
            bodies.clone()
        })
        .unwrap_or_default();
    let site = resolve::resolve_with(config, &mut content, (bodies, memo), images, locale, &mut diags);
    let site = (!diags.has_errors()).then_some(site);
    let site = site.and_then(|site| with_languages(options, site, overlaid, others_images, &mut diags));
    (site.map(|s| (s, content, kept)), diags.allow(&allowed).sorted())
}

/// `site` resolved again from `content` and `bodies` (sorted as `site`
/// lists them, with edits applied), with its settings, interface words,
/// pictures and "now": `serve`, after edits to documents of a site in one
/// language. Bodies `memo` kept are taken over where nothing they are
/// rendered from changed. Returns the site (`None` on errors) and the
/// content sorted anew either way; the diagnostics hold the warnings
/// either way (but those of loading files, which the edits do not change).
pub fn resolve_again(
    site: &Site,
    mut content: content::Content,
    mut bodies: content::Bodies,
    memo: &resolve::memo::Bodies,
) -> (Option<Site>, content::Content, content::Bodies, Diagnostics) {
    let mut diags = Diagnostics::default();
    content::check(&content, &mut diags);
    resolve::sort(&mut content, &mut bodies);
    let kept = bodies.clone();
    let locale = resolve::Locale { words: site.words.clone(), languages: site.languages.clone(), lang: 0 };
    let (config, images) = (site.config.clone(), site.images.clone());
    let again = resolve::resolve_with(config, &mut content, (bodies, Some(memo)), images, locale, &mut diags);
    let again = (!diags.has_errors()).then_some(again);
    (again, content, kept, diags.allow(&site.config.editorial.allow).sorted())
}

/// `site` with the site in each other language (`overlaid`: its settings,
/// content and bodies), resolved with `images`; `None` if one fails.
fn with_languages(
    options: &BuildOptions,
    mut site: Site,
    overlaid: Vec<(Config, (content::Content, content::Bodies))>,
    images: Option<images::Images>,
    diags: &mut Diagnostics,
) -> Option<Site> {
    for (n, (config, (mut content, bodies))) in overlaid.into_iter().enumerate() {
        let language = config.language.clone();
        let words = load_words(&options.root, &config, &language, diags)?;
        let locale = resolve::Locale { words, languages: site.languages.clone(), lang: n + 1 };
        let images = images.clone().unwrap_or_default();
        // The default language's run reported the problems of every
        // original and translation but one: a link to another page's
        // heading, which is the translation's there. An untranslated page
        // linking to one the translation lacks only loses its fragment.
        let mut problems = Diagnostics::default();
        let translations: std::collections::HashSet<PathBuf> =
            content.laid_over.iter().map(|(t, _)| t.clone()).collect();
        let other = resolve::resolve(config, &mut content, bodies, images, locale, &mut problems);
        let errors: Vec<Diagnostic> =
            problems.into_iter().filter(|d| d.is_error() && translations.contains(&d.path)).collect();
        if !errors.is_empty() {
            diags.extend(errors);
            return None;
        }
        site.others.push(Arc::new(other));
    }
    Some(site)
}

/// The interface's words in `language` (the site's or a theme's tables
/// over the built-in ones); `None` when a table does not parse.
fn load_words(
    root: &std::path::Path,
    config: &Config,
    language: &str,
    diags: &mut Diagnostics,
) -> Option<Arc<i18n::Words>> {
    let mut warnings = Vec::new();
    let words = i18n::Words::load(root, &config.theme, language, &mut warnings);
    diags.extend(warnings);
    match words {
        Ok(w) => Some(Arc::new(w)),
        Err(problems) => {
            diags.extend(problems);
            None
        }
    }
}

/// Produces every file of the site and hands each to `sink` (path relative
/// to the output folder, bytes): see [`generate_pages`], then the search
/// bundle. Writes nothing itself; [`build`] gives it a staging folder.
pub fn generate(options: &BuildOptions, sink: output::Sink) -> Result<BuildReport, Diagnostics> {
    let (mut report, renderer) = generate_pages(options, sink)?;
    let lap = Instant::now();
    let site = renderer.site();
    let search = site.config.search.then(|| {
        progress::start(options.progress.as_deref(), "Indexing for search", 0);
        let mut records = search::records(site);
        site.others.iter().for_each(|other| records.extend(search::records(other)));
        let records: Vec<Arc<search::Record>> = records.into_iter().map(Arc::new).collect();
        (records, site.one_language().map(str::to_owned))
    });
    // Freeing a big site's many small allocations takes a noticeable
    // moment: do it off the build's path (and, with search on, while the
    // index is made from the records, which hold all it needs).
    std::thread::spawn(move || drop(renderer));
    if let Some((records, one_language)) = search {
        let bundle = search_bundle(&mut search::Indexer::default(), &records, one_language.as_deref());
        let written = bundle.and_then(|files| put_all(options, sink, &files));
        if let Err(d) = written {
            report.warnings.push(d);
            return Err(report.warnings);
        }
        report.stages.push(("search", lap.elapsed()));
        report.elapsed += lap.elapsed();
    }
    Ok(report)
}

/// Everything but the search index: loads the site, then [`render_site`].
/// Returns the renderer too (it holds the site), for the search index.
pub fn generate_pages(
    options: &BuildOptions,
    sink: output::Sink,
) -> Result<(BuildReport, render::Renderer), Diagnostics> {
    let started = Instant::now();
    progress::start(options.progress.as_deref(), "Loading", 0);
    let (loaded, mut diags) = load(options);
    let Some((site, content)) = loaded else { return Err(diags) };
    diags.extend(config::base_url_warning(&options.root, &site.config));
    let mut stages = vec![("load+resolve", started.elapsed())];
    let lap = Instant::now();
    let site = Arc::new(site);
    // The editorial notes are only counted, and the front matter only
    // freed: both beside the render, not before it (on one thread each,
    // they were a tenth of a large build's time with a core idle).
    let (notes, rendered) = rayon::join(
        || {
            let notes = resolve::editorial::count(&site, &content, &site.today());
            drop(content);
            notes
        },
        || render_site(options, Arc::clone(&site), diags, sink),
    );
    let (pages, renderer, warnings) = rendered?;
    stages.push(("render+write", lap.elapsed()));
    let published = renderer.listed();
    Ok((BuildReport { pages, elapsed: started.elapsed(), warnings, notes, published, stages }, renderer))
}

/// Renders a resolved site: theme static files, pages, then the site's own
/// `static/`, last, so its files win (a `static/robots.txt` replaces the
/// generated one). `diags` (the warnings so far) come back with any
/// problems added. Returns the number of pages and the renderer.
pub fn render_site(
    options: &BuildOptions,
    site: Arc<Site>,
    diags: Diagnostics,
    sink: output::Sink,
) -> Result<(usize, render::Renderer, Diagnostics), Diagnostics> {
    let allowed = site.config.editorial.allow.clone();
    match render_checked(options, site, diags, sink) {
        Ok((pages, renderer, diags)) => Ok((pages, renderer, diags.allow(&allowed))),
        Err(diags) => Err(diags.allow(&allowed)),
    }
}

/// [`render_site`], before the warnings the site allows are left out.
fn render_checked(
    options: &BuildOptions,
    site: Arc<Site>,
    diags: Diagnostics,
    sink: output::Sink,
) -> Result<(usize, render::Renderer, Diagnostics), Diagnostics> {
    // Root-relative links in bodies are checked against every file written.
    let recording = (!site.rooted_links.is_empty()).then(|| output::Recording::new(sink));
    let sink: output::Sink = match &recording {
        Some(r) => r,
        None => sink,
    };
    let (renderer, mut diags) = renderer(options, site, diags, sink)?;
    let fail = |mut diags: Diagnostics, d: Diagnostic| {
        diags.push(d);
        Err(diags)
    };
    // Pages go to the sink as they render, never all in memory at once.
    // The open data files (one thread's work) and the social cards not
    // drawn yet are made meanwhile.
    let unwritten = |rel: &str, e: &std::io::Error| write_error(options, rel, e);
    let ((pages, data), cards) = rayon::join(
        || {
            rayon::join(
                || renderer.render_all(sink, &|rel, e| write_error(options, rel, e), options.progress.as_deref()),
                || match renderer.site().config.open_data {
                    true => {
                        let sites = std::iter::once(renderer.site()).chain(&renderer.site().others);
                        let written = sites.map(|site| render::data::files(site, sink)).sum::<Result<usize, _>>();
                        written.map_err(|(rel, e)| write_error(options, &rel, &e))
                    }
                    false => Ok(0),
                },
            )
        },
        || renderer.cards().try_for_each(|cards| cards.write(&options.root, sink, &unwritten).map(drop)),
    );
    let pages = match pages {
        Ok((pages, over_budget)) => {
            diags.extend(over_budget);
            pages
        }
        Err(problems) => {
            diags.extend(problems);
            return Err(diags);
        }
    };
    let data = match (data, cards) {
        (Ok(count), Ok(_)) => count,
        (Err(d), _) | (_, Err(d)) => return fail(diags, d),
    };
    if let Err(d) = renderer.site().images.write(sink, &unwritten) {
        return fail(diags, d);
    }
    let statics = options.root.join("static");
    let mut put = |rel: &str, bytes: &[u8]| sink.put(rel, bytes).map_err(|e| write_error(options, rel, &e));
    let mut skipped = Vec::new();
    let copied = walk::each_file(&options.root, &statics, &mut skipped, &mut put);
    diags.extend(skipped);
    if let Err(d) = copied {
        return fail(diags, d);
    }
    if let Some(written) = &recording {
        let site = renderer.site();
        let search = |p: &str| site.config.search && p.starts_with(urls::SEARCH_BUNDLE_DIR);
        diags.extend(resolve::links::rooted(&site.rooted_links, |p| written.has(p) || search(p)));
    }
    Ok((pages + data, renderer, diags))
}

/// The renderer for `site`, its theme's static files handed to `sink`;
/// errors when the templates do not load or aliases clash with pages.
fn renderer(
    options: &BuildOptions,
    site: Arc<Site>,
    mut diags: Diagnostics,
    sink: output::Sink,
) -> Result<(render::Renderer, Diagnostics), Diagnostics> {
    let mut skipped = Vec::new();
    let loaded = render::templates::load(&options.root, &site.config.theme, &site.words, &mut skipped);
    diags.extend(skipped);
    let made = (|| {
        let (tera, mut theme_static) = loaded?;
        let assets = render::assets::fingerprint(&options.root, &mut theme_static);
        put_all(options, sink, &theme_static).map_err(|d| vec![d])?;
        let mut renderer =
            render::Renderer::with_assets(site.clone(), tera, &assets, &options.root).map_err(|d| vec![d])?;
        for other in &site.others {
            // The same templates, saying their words in the language.
            let (tera, _) = render::templates::load(&options.root, &site.config.theme, &other.words, &mut Vec::new())?;
            let made = render::Renderer::with_assets(other.clone(), tera, &assets, &options.root);
            renderer.add_language(made.map_err(|d| vec![d])?);
        }
        let mut problems = renderer.clashes();
        let published = published::read(&options.root).map_err(|d| vec![d])?;
        problems.extend(published::gone(&published, &renderer.served().iter().map(String::as_str).collect()));
        if problems.is_empty() { Ok(renderer) } else { Err(problems) }
    })();
    match made {
        Ok(renderer) => Ok((renderer, diags)),
        Err(problems) => {
            diags.extend(problems);
            Err(diags)
        }
    }
}

/// The site's search bundle: paths relative to the output folder, bytes.
/// With `one_language`, every record is indexed in it; else each in its own.
pub fn search_bundle(
    indexer: &mut search::Indexer,
    records: &[Arc<search::Record>],
    one_language: Option<&str>,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    indexer.bundle(records, one_language).map_err(|msg| {
        Diagnostic::new(Code::Search, config::CONFIG_FILE, format!("cannot build the search index: {msg}"))
            .hint("set `search: false` in dossier.yaml to build without search")
    })
}

/// Hands generated files (path relative to the output folder, bytes) to `sink`.
fn put_all(options: &BuildOptions, sink: output::Sink, files: &[(String, Vec<u8>)]) -> Result<(), Diagnostic> {
    files.iter().try_for_each(|(rel, bytes)| sink.put(rel, bytes).map_err(|e| write_error(options, rel, &e)))
}

fn write_error(options: &BuildOptions, rel: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::new(Code::Io, options.output_dir().join(rel), format!("cannot write: {e}"))
        .hint("check that the output folder is writable and its disk has room; the previous output was left as it was")
}

/// Builds the site into its output folder; on any error the folder is left
/// untouched and every problem is returned.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// dossier::scaffold::init(&dir.path().join("site"))?;
/// let options = dossier::BuildOptions {
///     base_url: Some("https://example.org/".into()),
///     ..dossier::BuildOptions::new(dir.path().join("site"))
/// };
/// let report = dossier::build(&options).expect("builds");
/// assert!(report.pages > 5 && report.warnings.is_empty());
/// let page = std::fs::read_to_string(dir.path().join("site/public/actors/jane-doe/index.html"))?;
/// assert!(page.contains("Mayor of Example City"));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let mut report = build_with(options, |sink| generate(options, sink))?;
    // Drafts are not published: a build showing them leaves the list be.
    if !options.drafts
        && let Err(e) = published::update(&options.root, &report.published)
    {
        report.warnings.push(
            Diagnostic::new(Code::PublishedList, options.root.join(published::FILE), format!("cannot update: {e}"))
                .hint("the site was built; check that the site folder is writable"),
        );
    }
    Ok(report)
}

/// [`build`], with the files made by `make` (given the staging folder to
/// write to): tests put a failing writer between the two.
pub fn build_with(
    options: &BuildOptions,
    make: impl FnOnce(output::Sink) -> Result<BuildReport, Diagnostics>,
) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    let output = options.output_dir();
    let failed = |d: Diagnostic| with(Diagnostics::default(), d);
    let config = Config::load(&options.root).map_err(failed)?;
    let keep = output::Keep::new(&config.keep)
        .map_err(|msg| failed(Diagnostic::new(Code::Config, config::CONFIG_FILE, msg)))?;
    let waiting = || eprintln!("Waiting for another build into {} to finish…", output.display());
    let target = output::Target::take(&options.root, &output, waiting).map_err(failed)?;
    let staging = target.staging().map_err(|e| write_failed(Diagnostics::default(), &output, &e))?;
    // What the old output holds is looked at while the site renders: a
    // refusal comes at the end, but nothing waits for the walk.
    let (previous, made) = std::thread::scope(|s| {
        let inspecting = s.spawn(|| target.inspect(&keep, options.force));
        let made = make(&staging);
        let previous = inspecting.join().unwrap_or_else(|_| {
            Err(Diagnostic::new(Code::Output, &output, "cannot read the output folder").hint("try again"))
        });
        (previous, made)
    });
    let (previous, mut report) = match (previous, made) {
        (Ok(previous), Ok(report)) => (previous, report),
        (Err(refusal), Ok(report)) => return Err(with(report.warnings, refusal)),
        (Err(refusal), Err(diags)) => return Err(with(diags, refusal)),
        (Ok(_), Err(diags)) => return Err(diags),
    };
    let swap = Instant::now();
    match target.commit(staging, &previous) {
        Ok(warnings) => report.warnings.extend(warnings),
        Err(e) => return Err(write_failed(report.warnings, &output, &e)),
    }
    report.stages.push(("swap", swap.elapsed()));
    report.elapsed = started.elapsed();
    Ok(report)
}

fn with(mut diags: Diagnostics, d: Diagnostic) -> Diagnostics {
    diags.push(d);
    diags
}

fn write_failed(diags: Diagnostics, output: &std::path::Path, e: &std::io::Error) -> Diagnostics {
    with(
        diags,
        Diagnostic::new(Code::Io, output, format!("cannot write the site: {e}"))
            .hint("check that the folder is writable"),
    )
}
