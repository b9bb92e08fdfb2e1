//! The languages a site's pages are published in, and which documents
//! have a translation in each: what a page needs to link its versions in
//! other languages and to say when it is shown in the default one.

use std::collections::HashSet;

use crate::config::Config;
use crate::content::model::Id;
use crate::content::{Content, Kind};

/// Every language of the site, shared by the site in each of them.
#[derive(Debug, Default)]
pub struct Languages {
    /// The default first, then the others in `languages:`' order; empty
    /// for a site in one language.
    pub list: Vec<SiteLanguage>,
    /// The documents with a translation, by kind, id and language (an
    /// index into `list`).
    translated: HashSet<(Kind, Id, usize)>,
}

/// One language pages are published in.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SiteLanguage {
    /// As `dossier.yaml` writes it (`pt-BR`): what `lang` attributes say.
    pub code: String,
    /// Its name in itself, for the language switcher.
    pub name: String,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// Its home page's URL (the base path, or `/<code>/` below it).
    pub home: String,
}

impl Languages {
    /// The site's languages, from its settings and the translations
    /// `content` holds (those whose original is in `content`).
    pub fn new(config: &Config, content: &Content) -> Languages {
        let all = config.site_languages();
        if all.len() < 2 {
            return Languages::default();
        }
        let urls = crate::urls::Urls::new(&config.base_url);
        let list: Vec<SiteLanguage> = all
            .iter()
            .enumerate()
            .map(|(n, l)| SiteLanguage {
                code: l.code.clone(),
                name: l.name().to_owned(),
                dir: config.in_language(l).direction(),
                home: if n == 0 { urls.home() } else { urls.in_language(&l.code).home() },
            })
            .collect();
        let originals = content.by_id();
        let lowercase: Vec<String> = list.iter().map(|l| l.code.to_ascii_lowercase()).collect();
        let translated = content
            .translations
            .iter()
            .filter(|t| originals.contains_key(&(t.kind, &t.doc.id)))
            .filter_map(|t| Some((t.kind, t.doc.id.clone(), lowercase.iter().position(|c| *c == t.language)?)))
            .collect();
        Languages { list, translated }
    }

    /// Whether the site has pages in more than one language.
    pub fn several(&self) -> bool {
        self.list.len() > 1
    }

    /// Whether the document of `kind` and `id` has its words in language
    /// `lang` (the default's are the original's).
    pub fn has(&self, kind: Kind, id: &Id, lang: usize) -> bool {
        lang == 0 || self.translated.contains(&(kind, id.clone(), lang))
    }
}
