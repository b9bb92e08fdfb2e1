//! `languages:` in `dossier.yaml`: the languages the site's content is
//! translated into, beside the default `language`. Each has its code (BCP
//! 47), its name in itself (for a language switcher) and its direction.

use serde::Deserialize;

use super::{CONFIG_FILE, at_value};
use crate::codes::Code;
use crate::content::yaml::Seg;
use crate::diagnostics::Diagnostic;

/// One entry of `languages:`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// BCP 47: `fr`, `uk`, `pt-BR`. Translation files carry it:
    /// `summit.fr.md`.
    pub code: String,
    /// The language's name in itself ("Français"); the code's own when
    /// dossier knows it, else the code.
    pub name: Option<String>,
    /// `ltr` or `rtl`; by default the code's.
    pub dir: Option<String>,
    /// The site's title in the language; the default's unless given.
    pub title: Option<String>,
    /// The site's description in the language; the default's unless given.
    pub description: Option<String>,
}

/// Names of languages in themselves, for entries that give none.
const NAMES: &[(&str, &str)] = &[
    ("ar", "العربية"),
    ("de", "Deutsch"),
    ("en", "English"),
    ("es", "Español"),
    ("fa", "فارسی"),
    ("fr", "Français"),
    ("he", "עברית"),
    ("it", "Italiano"),
    ("pl", "Polski"),
    ("pt", "Português"),
    ("ru", "Русский"),
    ("tr", "Türkçe"),
    ("uk", "Українська"),
    ("zh", "中文"),
];

impl Language {
    /// Its name in itself.
    pub fn name(&self) -> &str {
        let primary = self.code.split('-').next().unwrap_or_default().to_ascii_lowercase();
        self.name
            .as_deref()
            .or_else(|| NAMES.iter().find(|(c, _)| *c == primary).map(|(_, n)| *n))
            .unwrap_or(&self.code)
    }
}

/// Checks each entry: a well-formed code, each once, a known direction.
/// (An entry may name the default `language`, to give its name.)
pub(super) fn check(text: &str, languages: &[Language]) -> Result<(), Diagnostic> {
    for (i, l) in languages.iter().enumerate() {
        let at = |key| [Seg::Key("languages"), Seg::Index(i), Seg::Key(key)];
        let well_formed = !l.code.is_empty()
            && l.code.split('-').all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
            && l.code.split('-').next().is_some_and(|p| p.chars().all(|c| c.is_ascii_alphabetic()));
        if !well_formed {
            let d = Diagnostic::new(Code::Config, CONFIG_FILE, format!("`{}` is not a language code", l.code))
                .hint("write a BCP 47 tag: `fr`, `uk`, `pt-BR`");
            return Err(at_value(text, &at("code"), d));
        }
        let same = |other: &str| other.eq_ignore_ascii_case(&l.code);
        if languages[..i].iter().any(|o| same(&o.code)) {
            let d = Diagnostic::new(Code::Config, CONFIG_FILE, format!("language `{}` is listed twice", l.code))
                .hint("list each language once");
            return Err(at_value(text, &at("code"), d));
        }
        if let Some(dir) = l.dir.as_deref().filter(|d| !matches!(*d, "ltr" | "rtl")) {
            let d = Diagnostic::new(Code::Config, CONFIG_FILE, format!("`dir: {dir}` is not a direction"))
                .hint("write `ltr` (left to right) or `rtl` (right to left), or leave it out to take the language's");
            return Err(at_value(text, &at("dir"), d));
        }
    }
    Ok(())
}
