//! A page's versions in the site's languages: the same address below each
//! language's home (every language has every page, in its words where
//! translated, else the default language's), for `hreflang` alternates
//! and the language switcher.

use serde::Serialize;

use super::pages::Job;
use crate::resolve::{Site, SiteLanguage};

/// The page in one language.
#[derive(Serialize)]
pub(super) struct Version<'s> {
    pub(super) code: &'s str,
    /// The language's name in itself.
    pub(super) name: &'s str,
    pub(super) dir: &'static str,
    pub(super) url: String,
    /// With the site's scheme and host, as `hreflang` links need.
    pub(super) absolute: String,
    /// Whether it is the page being rendered.
    pub(super) current: bool,
    /// Whether its words are in its language (not shown in the default's
    /// for want of a translation): only those are `hreflang` alternates.
    pub(super) translated: bool,
}

/// The page `job` at `url` in every language of `site` (none for a site
/// in one language), and the default language when the page shows its
/// words for want of a translation.
pub(super) fn of<'s>(site: &'s Site, job: Job, url: &str) -> (Vec<Version<'s>>, Option<&'s SiteLanguage>) {
    let languages = &site.languages;
    // A file for every language (the 404 page) has no versions.
    if !languages.several() || job.kind.shared() {
        return (Vec::new(), None);
    }
    // Pages of no one thing (lists, sources) are in each language's words.
    let entity = job.kind.entity(job.n);
    let below = site.urls.below_home(url);
    let versions: Vec<Version> = languages
        .list
        .iter()
        .enumerate()
        .map(|(n, l)| {
            let url = format!("{}{below}", l.home);
            Version {
                code: &l.code,
                name: &l.name,
                dir: l.dir,
                absolute: site.urls.absolute(&url),
                url,
                current: n == site.lang,
                translated: entity.is_none_or(|e| site.translated_in(e, n)),
            }
        })
        .collect();
    let fallback = !versions[site.lang].translated;
    (versions, fallback.then(|| &languages.list[0]))
}
