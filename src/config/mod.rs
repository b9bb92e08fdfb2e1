//! `dossier.yaml`: the site's settings, every one with a default.

use crate::codes::Code;
use std::path::Path;

use serde::Deserialize;

mod languages;
mod nav;

pub use languages::Language;
pub use nav::{NavEntry, SECTIONS};

use crate::content::model::Extra;
use crate::content::{frontmatter, yaml};
use crate::diagnostics::Diagnostic;

/// The settings file, at the site root.
pub const CONFIG_FILE: &str = "dossier.yaml";

/// `dossier.yaml`: the site's settings, each with its default.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The site's name, in every page title.
    pub title: String,
    /// What the site is, for the home page and search engines.
    pub description: String,
    /// Where the site is published (`https://host/path/` or `/path/`), normalized.
    pub base_url: String,
    /// The content's language (BCP 47), for `lang` and the search index.
    pub language: String,
    /// The theme: built in (`default`, `broadsheet`) or a folder in `themes/`.
    pub theme: String,
    /// Link the first mention of each involved actor in briefing bodies.
    pub autolink: bool,
    /// Write a full-text search index and the `/search/` page. Off unless
    /// asked for (as in Zola): indexing costs several times the rest of a
    /// build. `dossier init` turns it on.
    pub search: bool,
    /// Clean raw HTML out of bodies (scripts, event handlers, `style`,
    /// frames): for sites whose contributors are not all trusted. Off by
    /// default: raw HTML in Markdown is the author's choice.
    pub safe_html: bool,
    /// Atom feeds: the site's and one per actor, question and topic,
    /// announced on their pages. On by default.
    pub feeds: bool,
    /// `sitemap.xml`, named in `robots.txt`. On by default.
    pub sitemap: bool,
    /// The site's data under `/data/` (positions, actors, sources as JSON
    /// and CSV). On by default; a site that must not hand out its data in
    /// bulk turns it off. (As Zola's `generate_feeds` and Hugo's
    /// `disableKinds`: what a site does not publish is not built.)
    pub open_data: bool,
    /// Files in the output folder that are not the build's and survive
    /// every build as they are: glob patterns relative to the output
    /// (`CNAME`, `.well-known/**`). `.git` always survives.
    pub keep: Vec<String>,
    /// Settings of the editorial checks `dossier check` runs.
    pub editorial: Editorial,
    /// Settings of `dossier check --links`.
    pub link_check: LinkCheck,
    /// How pictures are resized and encoded.
    pub images: Images,
    /// Draw a social card (the picture shared links show) for every
    /// briefing, actor, question and topic page without a picture of its
    /// own. Off unless asked for: a first build draws thousands on a big
    /// site. `dossier init` turns it on.
    pub social_cards: bool,
    /// Draw actors' portraits in the network's nodes, where they have one.
    pub network_portraits: bool,
    /// Entries per page of a list that grows with the site (the briefings
    /// index, a topic's briefings, a publisher's sources); page 1 is at the
    /// list's own URL, page 2 at `<list>/page/2/`.
    pub paginate_by: usize,
    /// Positions per page of an actor's or a question's page (and as many
    /// of its briefings, mentions and stance-table rows): larger than
    /// `paginate_by`, as those pages are read whole far more than browsed.
    pub positions_per_page: usize,
    /// Entries per Atom feed: the newest briefings.
    pub feed_entries: usize,
    /// Published pages taken down on purpose: each address gets a page
    /// saying so, and why, instead of failing the build as a broken URL.
    pub removed: Vec<Removed>,
    /// The header's entries, in order (`None`: the sections, then every
    /// plain page); plain pages can add themselves with `nav:` of their own.
    pub nav: Option<Vec<NavEntry>>,
    /// The languages content is translated into, beside `language` (which
    /// an entry may name, to give its name).
    pub languages: Vec<Language>,
    /// Anything else, handed to templates as `site.extra`.
    pub extra: Extra,
}

/// Settings of `dossier check`'s editorial checks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Editorial {
    /// In a briefing marked `status: developing`, a position older than this
    /// many days is flagged as possibly out of date.
    pub stale_after_days: u32,
    /// Warnings turned off site-wide, by code (`allow: [W0201]`).
    pub allow: Vec<Code>,
}

/// Settings of `dossier check --links`: how hard it may press on servers
/// and how long it remembers their answers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LinkCheck {
    /// Requests at once, over all hosts.
    pub concurrency: usize,
    /// Requests at once to one host.
    pub per_host: usize,
    /// Seconds before a request is given up on.
    pub timeout_seconds: u64,
    /// Tries after the first, for failures that may pass (no answer, a
    /// reset, a 5xx, a 429).
    pub retries: u32,
    /// Hours an answer is remembered (in `.dossier-cache/links.json`); 0
    /// asks again every time.
    pub cache_hours: u64,
    /// Addresses starting with any of these are not asked about.
    pub exclude: Vec<String>,
}

impl Default for LinkCheck {
    fn default() -> Self {
        LinkCheck { concurrency: 8, per_host: 2, timeout_seconds: 20, retries: 2, cache_hours: 24, exclude: Vec::new() }
    }
}

/// How pictures are published: every JPEG, PNG or WebP is written at
/// these widths (never wider than it is), as WebP and as JPEG or PNG.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Images {
    /// Widths, in pixels, of lead images and pictures in bodies.
    pub widths: Vec<u32>,
    /// Widths of portraits (actors', authors').
    pub portrait_widths: Vec<u32>,
    /// Lossy encoding quality, 1 to 100 (JPEG, and WebP made from JPEG).
    pub quality: u8,
}

impl Default for Images {
    fn default() -> Self {
        Images { widths: vec![480, 960, 1440], portrait_widths: vec![96, 192, 384], quality: 80 }
    }
}

/// A page taken down on purpose (`removed:` in `dossier.yaml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Removed {
    /// Its address, from the site's root: `/briefings/old-name/`.
    pub url: String,
    /// Why, in a sentence readers will see.
    pub reason: String,
    /// Where `url` is in `dossier.yaml`, for errors about it.
    #[serde(skip)]
    pub at: Option<crate::diagnostics::Position>,
}

impl Default for Editorial {
    fn default() -> Self {
        Editorial { stale_after_days: 30, allow: Vec::new() }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Briefings".into(),
            description: String::new(),
            base_url: "/".into(),
            language: "en".into(),
            theme: "default".into(),
            autolink: false,
            search: false,
            safe_html: false,
            feeds: true,
            sitemap: true,
            open_data: true,
            keep: Vec::new(),
            editorial: Editorial::default(),
            link_check: LinkCheck::default(),
            images: Images::default(),
            social_cards: false,
            network_portraits: false,
            paginate_by: 25,
            positions_per_page: 100,
            feed_entries: 50,
            removed: Vec::new(),
            nav: None,
            languages: Vec::new(),
            extra: Extra::new(),
        }
    }
}

/// A `keep:` pattern as the output stage matches it: relative to the
/// output folder, `*` within one folder, `**` across.
pub(crate) fn keep_glob(pattern: &str) -> Result<globset::Glob, globset::Error> {
    globset::GlobBuilder::new(pattern.trim_start_matches('/')).literal_separator(true).build()
}

impl Config {
    /// The direction the site's language is written in: `rtl` for Arabic,
    /// Hebrew, Persian, Urdu and the other right-to-left languages (or a
    /// tag naming a right-to-left script, `az-Arab`), else `ltr`.
    pub fn direction(&self) -> &'static str {
        let entry = self.languages.iter().find(|l| l.code.eq_ignore_ascii_case(&self.language));
        match entry.and_then(|l| l.dir.as_deref()) {
            Some("rtl") => return "rtl",
            Some("ltr") => return "ltr",
            _ => {}
        }
        const RTL_LANGUAGES: &[&str] =
            &["ar", "arc", "ckb", "dv", "fa", "he", "iw", "khw", "ks", "ps", "sd", "syr", "ug", "ur", "yi"];
        const RTL_SCRIPTS: &[&str] = &["arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "mand", "samr"];
        let tag = self.language.to_ascii_lowercase().replace('_', "-");
        let mut parts = tag.split('-');
        let primary = parts.next().unwrap_or_default();
        let script = parts.find(|p| p.len() == 4 && p.bytes().all(|b| b.is_ascii_alphabetic()));
        let rtl = match script {
            Some(s) => RTL_SCRIPTS.contains(&s),
            None => RTL_LANGUAGES.contains(&primary),
        };
        if rtl { "rtl" } else { "ltr" }
    }

    /// Reads `root/dossier.yaml`; a missing file means every default.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let file = root.join(CONFIG_FILE);
        let text = match std::fs::read(&file) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
                Diagnostic::new(Code::Encoding, CONFIG_FILE, "the file is not valid UTF-8").hint("save it as UTF-8")
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(Diagnostic::new(Code::Io, CONFIG_FILE, format!("cannot read: {e}"))),
        };
        let text = frontmatter::normalize(&text);
        let mut config: Config = yaml::parse(&text, Path::new(CONFIG_FILE), 1)?;
        config.base_url = normalize_base_url(&config.base_url).map_err(|msg| {
            let d = Diagnostic::new(Code::Config, CONFIG_FILE, msg)
                .hint("write a URL like `https://example.org/briefings/` or a path like `/briefings/`");
            at_value(&text, &[yaml::Seg::Key("base_url")], d)
        })?;
        counts_at_least_one(&text, &config)?;
        let urls = crate::urls::Urls::new(&config.base_url);
        for (i, removed) in config.removed.iter_mut().enumerate() {
            let at = |key| [yaml::Seg::Key("removed"), yaml::Seg::Index(i), yaml::Seg::Key(key)];
            removed.at = yaml::locate(&text, &at("url")).map(|s| crate::diagnostics::Position::new(s.line, s.column));
            if urls.rooted(&removed.url).is_none() {
                let d = Diagnostic::new(
                    Code::Config,
                    CONFIG_FILE,
                    format!("`{}` is not an address of this site", removed.url),
                )
                .hint("write the address as published, from the site's root: `/briefings/old-name/`");
                return Err(at_value(&text, &at("url"), d));
            }
        }
        nav::check(&text, config.nav.as_deref_mut().unwrap_or_default())?;
        languages::check(&text, &config.languages)?;
        for (i, pattern) in config.keep.iter().enumerate() {
            if let Err(problem) = keep_glob(pattern) {
                let problem = problem.kind();
                let d = Diagnostic::new(
                    Code::Config,
                    CONFIG_FILE,
                    format!("invalid `keep:` pattern `{pattern}`: {problem}"),
                )
                .hint("write a path relative to the output folder; `*` matches within a folder, `**` across");
                return Err(at_value(&text, &[yaml::Seg::Key("keep"), yaml::Seg::Index(i)], d));
            }
        }
        Ok(config)
    }

    /// The settings of the site in `language` (one of `languages`): its
    /// title and description in it. Removal notices are the default
    /// language's alone (they are at the addresses that were published).
    pub fn in_language(&self, language: &Language) -> Config {
        let mut config = self.clone();
        config.language.clone_from(&language.code);
        if let Some(title) = &language.title {
            config.title.clone_from(title);
        }
        if let Some(description) = &language.description {
            config.description.clone_from(description);
        }
        config.removed.clear();
        config
    }

    /// The languages pages are published in: the default, then the
    /// others in `languages:`' order (an entry naming the default gives
    /// its name).
    pub fn site_languages(&self) -> Vec<Language> {
        let default = self.languages.iter().find(|l| l.code.eq_ignore_ascii_case(&self.language));
        let default = default.cloned().unwrap_or(Language {
            code: self.language.clone(),
            name: None,
            dir: None,
            title: None,
            description: None,
        });
        let others = self.languages.iter().filter(|l| !l.code.eq_ignore_ascii_case(&self.language)).cloned();
        std::iter::once(default).chain(others).collect()
    }

    /// The codes of the languages content is translated into (lowercase),
    /// the default `language` left out: the suffixes of translation files.
    pub fn translations(&self) -> Vec<String> {
        let default = self.language.to_ascii_lowercase();
        self.languages.iter().map(|l| l.code.to_ascii_lowercase()).filter(|c| *c != default).collect()
    }

    /// The path part of `base_url`, always starting and ending with `/`:
    /// every internal link starts with it, so a site can live in a sub-folder.
    pub fn base_path(&self) -> &str {
        let url = &self.base_url;
        match url.find("://") {
            Some(i) => url[i + 3..].find('/').map_or("/", |j| &url[i + 3 + j..]),
            None => url,
        }
    }
}

/// The site `from` is in: the nearest folder, `from` itself or one above
/// it, that holds `dossier.yaml` or `content/`. `.` when that is `from`, so
/// paths print as they did.
pub fn find_site(from: &Path) -> Option<std::path::PathBuf> {
    let found = from.ancestors().find(|dir| dir.join(CONFIG_FILE).is_file() || dir.join("content").is_dir())?;
    Some(if found == from { ".".into() } else { found.to_path_buf() })
}

/// Points `d` at the value at `path` in the file's `text`, when found.
/// Counts that must be at least 1 (a page of 0 entries never ends).
fn counts_at_least_one(text: &str, config: &Config) -> Result<(), Diagnostic> {
    let defaults = Config::default();
    let (links, default_links) = (&config.link_check, &defaults.link_check);
    let counts = [
        (None, "paginate_by", config.paginate_by, defaults.paginate_by),
        (None, "positions_per_page", config.positions_per_page, defaults.positions_per_page),
        (None, "feed_entries", config.feed_entries, defaults.feed_entries),
        (Some("link_check"), "concurrency", links.concurrency, default_links.concurrency),
        (Some("link_check"), "per_host", links.per_host, default_links.per_host),
        (Some("link_check"), "timeout_seconds", links.timeout_seconds as usize, default_links.timeout_seconds as usize),
    ];
    let (images, default_images) = (&config.images, &defaults.images);
    let sizes = [
        ("widths", images.widths.iter().all(|w| (16..=8192).contains(w)) && !images.widths.is_empty()),
        (
            "portrait_widths",
            images.portrait_widths.iter().all(|w| (16..=8192).contains(w)) && !images.portrait_widths.is_empty(),
        ),
        ("quality", (1..=100).contains(&images.quality)),
    ];
    for (key, fine) in sizes {
        if !fine {
            let d = Diagnostic::new(Code::Config, CONFIG_FILE, format!("`images.{key}` is out of range"))
                .hint(format!("widths are 16 to 8192 pixels and quality 1 to 100; the defaults are widths {:?}, portrait_widths {:?}, quality {}", default_images.widths, default_images.portrait_widths, default_images.quality));
            return Err(at_value(text, &[yaml::Seg::Key("images"), yaml::Seg::Key(key)], d));
        }
    }
    for (parent, key, value, default) in counts {
        if value == 0 {
            let d = Diagnostic::new(Code::Config, CONFIG_FILE, format!("`{key}` must be at least 1"))
                .hint(format!("leave `{key}` out for the default ({default})"));
            let at: Vec<yaml::Seg> = parent.into_iter().chain([key]).map(yaml::Seg::Key).collect();
            return Err(at_value(text, &at, d));
        }
    }
    Ok(())
}

/// A warning when feeds or the sitemap are on and `base_url` is a path: their
/// links then lack a host, and feed readers and search engines reject them.
/// `root` holds the `dossier.yaml` the warning points into.
pub fn base_url_warning(root: &Path, config: &Config) -> Option<Diagnostic> {
    let absolute = config.base_url.starts_with("https://") || config.base_url.starts_with("http://");
    if absolute || !(config.feeds || config.sitemap) {
        return None;
    }
    let d = Diagnostic::new(Code::HostlessBase,
        CONFIG_FILE,
        format!(
            "`base_url: {}` is a path, so the feeds and the sitemap link to pages without a host, which feed readers and search engines reject",
            config.base_url
        ),
    )
    .hint("set the address the site is published at, e.g. `base_url: https://example.org/`, or pass `--base-url` to `build`");
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
    Some(at_value(&text, &[yaml::Seg::Key("base_url")], d))
}

fn at_value(text: &str, path: &[yaml::Seg], d: Diagnostic) -> Diagnostic {
    match yaml::locate(text, path) {
        Some(s) => d.at(crate::diagnostics::Position::new(s.line, s.column)).spanning(s.length),
        None => d,
    }
}

/// Accepts `https://host/path`, `http://…` or `/path`, and adds the trailing `/`.
pub fn normalize_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let ok = url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/');
    if !ok || url.contains(char::is_whitespace) || url.contains(['"', '<', '>', '\'']) {
        return Err(format!("invalid base_url `{url}`"));
    }
    let mut url = url.to_owned();
    let has_path = url.find("://").is_none_or(|i| url[i + 3..].contains('/'));
    if !has_path || !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    #[test]
    fn right_to_left_languages_and_scripts_are_known_from_the_tag() {
        for (tag, dir) in
            [("ar", "rtl"), ("ar-EG", "rtl"), ("he", "rtl"), ("fa-IR", "rtl"), ("az-Arab", "rtl"), ("ar-Latn", "ltr")]
        {
            let config = Config { language: tag.into(), ..Config::default() };
            assert_eq!(config.direction(), dir, "{tag}");
        }
        for tag in ["en", "uk", "fr-CA", "zh-Hant", "arn"] {
            assert_eq!(Config { language: tag.into(), ..Config::default() }.direction(), "ltr", "{tag}");
        }
    }

    use super::*;

    #[test]
    fn base_path_comes_from_base_url() {
        let mut c = Config::default();
        assert_eq!(c.base_path(), "/");
        c.base_url = normalize_base_url("https://example.org/briefings").unwrap();
        assert_eq!(c.base_url, "https://example.org/briefings/");
        assert_eq!(c.base_path(), "/briefings/");
        c.base_url = normalize_base_url("https://example.org").unwrap();
        assert_eq!(c.base_path(), "/");
        assert!(normalize_base_url("javascript:x").is_err());
    }
}
