//! Every URL the site generates, in one place, so links and output paths
//! always agree. URLs are pretty (`/actors/<id>/`) and start with the
//! `base_url`'s path, so a site can live in a sub-folder.

/// The folder, under the output, holding the search bundle.
pub const SEARCH_BUNDLE_DIR: &str = "pagefind";

/// The folder, under the output, holding the open data files.
pub(crate) const DATA_DIR: &str = "data";

#[derive(Debug, Clone)]
pub struct Urls {
    /// Where pages start: the base path, then `<code>/` for a language
    /// other than the default.
    base: String,
    /// The base path: where files shared by every language live (styles,
    /// scripts, pictures, the search bundle, the sitemap).
    root: String,
    /// `https://host` when `base_url` is absolute; empty when it is a path.
    origin: String,
}

impl Urls {
    /// `base_url` as normalized by the config: `https://host/path/` or `/path/`.
    pub fn new(base_url: &str) -> Self {
        let (origin, base) = match base_url.find("://") {
            Some(i) => match base_url[i + 3..].find('/') {
                Some(j) => (&base_url[..i + 3 + j], &base_url[i + 3 + j..]),
                None => (base_url, "/"),
            },
            None => ("", base_url),
        };
        Urls { base: base.to_owned(), root: base.to_owned(), origin: origin.to_owned() }
    }

    /// The URLs of the site's pages in another language: under
    /// `/<code>/` (lowercase), files shared with the default's.
    pub fn in_language(&self, code: &str) -> Urls {
        let base = format!("{}{}/", self.root, code.to_ascii_lowercase());
        Urls { base, root: self.root.clone(), origin: self.origin.clone() }
    }

    /// `url` (one of this language's pages) below its home: the part that
    /// is the same in every language.
    pub(crate) fn below_home<'u>(&self, url: &'u str) -> &'u str {
        url.strip_prefix(&self.base).unwrap_or(url)
    }

    /// The URL with the site's scheme and host, for feeds, sitemaps and
    /// canonical links; root-relative when `base_url` has no host.
    pub fn absolute(&self, url: &str) -> String {
        format!("{}{url}", self.origin)
    }

    pub fn home(&self) -> String {
        self.base.clone()
    }

    /// A section or entity URL: `base` + `parts` joined by `/` + `/`.
    pub fn path(&self, parts: &[&str]) -> String {
        let mut url = String::with_capacity(self.base.len() + parts.iter().map(|p| p.len() + 1).sum::<usize>());
        url.push_str(&self.base);
        for p in parts {
            url.push_str(p);
            url.push('/');
        }
        url
    }

    pub fn briefing(&self, id: impl AsRef<str>) -> String {
        self.path(&["briefings", id.as_ref()])
    }
    pub fn actor(&self, id: impl AsRef<str>) -> String {
        self.path(&["actors", id.as_ref()])
    }
    pub fn question(&self, id: impl AsRef<str>) -> String {
        self.path(&["questions", id.as_ref()])
    }
    pub fn topic(&self, id: impl AsRef<str>) -> String {
        self.path(&["topics", id.as_ref()])
    }
    /// A library source's page.
    pub fn source(&self, id: impl AsRef<str>) -> String {
        self.path(&["sources", id.as_ref()])
    }
    pub fn author(&self, id: impl AsRef<str>) -> String {
        self.path(&["authors", id.as_ref()])
    }
    pub fn page(&self, id: impl AsRef<str>) -> String {
        self.path(&[id.as_ref()])
    }
    /// A static file, e.g. `style.css`: the same for every language.
    pub fn asset(&self, file: &str) -> String {
        format!("{}{file}", self.root)
    }

    /// The URL of `path`, written from the site's root (`/2024/story/`,
    /// `/old.html`): under the base path; a path without a file extension
    /// is a folder. `None` when it is no path a page can be written at
    /// (empty, `..`, `//`, a query, a space).
    pub(crate) fn rooted(&self, path: &str) -> Option<String> {
        let path = path.strip_prefix('/')?;
        let segments: Vec<&str> = path.split('/').collect();
        let last = segments.len() - 1;
        let bad = |(i, s): (usize, &&str)| {
            (s.is_empty() && i != last)
                || *s == "."
                || *s == ".."
                || !s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b))
        };
        if path.is_empty() || segments.iter().enumerate().any(bad) {
            return None;
        }
        let file = segments[last].contains('.');
        Some(if path.ends_with('/') || file { self.asset(path) } else { self.asset(&format!("{path}/")) })
    }

    /// `url` without the base path, from `/`: how `published-urls` keeps
    /// it, so that moving the site to another base path changes nothing.
    pub(crate) fn below_base<'u>(&self, url: &'u str) -> &'u str {
        url.strip_prefix(self.root.trim_end_matches('/')).unwrap_or(url)
    }

    /// The output file for a URL made by this struct: `a/b/` → `a/b/index.html`.
    pub fn output_file(&self, url: &str) -> String {
        let rel = url.strip_prefix(&self.root).unwrap_or(url);
        if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_owned() }
    }
}
