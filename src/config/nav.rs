//! `nav:` in `dossier.yaml`: the header's entries, in order, each a
//! section, a plain page or any address, renamed at will; what is left out
//! is hidden.

use crate::codes::Code;
use serde::Deserialize;

use super::{CONFIG_FILE, at_value};
use crate::content::yaml::{self, Seg};
use crate::diagnostics::{Diagnostic, Position, did_you_mean};

/// The sections the header can link, in their default order (`authors`
/// only on a site that has authors); their names are the interface's
/// words `section-<name>`.
pub const SECTIONS: [&str; 6] = ["briefings", "actors", "questions", "topics", "sources", "authors"];

/// One entry of `nav:`: exactly one of `section`, `page` and `url`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NavEntry {
    /// A section by name: `briefings`, `actors`, `questions`, `topics`,
    /// `sources`, `authors`.
    pub section: Option<String>,
    /// A plain page, by its id (`about` for `content/about.md`).
    pub page: Option<String>,
    /// Any address, `https://…` or a path from the host's root (with a
    /// `title`).
    pub url: Option<String>,
    /// The entry's words; the section's or page's own by default.
    pub title: Option<String>,
    /// Where the entry is in `dossier.yaml`, for errors about its page.
    #[serde(skip)]
    pub at: Option<Position>,
}

/// Checks each entry of `nav:` (in `text`, the file) and notes where it is.
pub(super) fn check(text: &str, nav: &mut [NavEntry]) -> Result<(), Diagnostic> {
    for (i, entry) in nav.iter_mut().enumerate() {
        let here = [Seg::Key("nav"), Seg::Index(i)];
        entry.at = yaml::locate(text, &here).map(|s| Position::new(s.line, s.column));
        let named = [entry.section.is_some(), entry.page.is_some(), entry.url.is_some()];
        if named.iter().filter(|&&n| n).count() != 1 {
            let d = Diagnostic::new(Code::Nav, CONFIG_FILE, "a `nav:` entry names one of `section`, `page` or `url`")
                .hint("e.g. `- section: briefings`, `- page: about`, or `- { url: \"https://…\", title: Newsletter }`");
            return Err(at_value(text, &here, d));
        }
        if let Some(section) = &entry.section
            && !SECTIONS.contains(&section.as_str())
        {
            let names = SECTIONS;
            let hint = match did_you_mean(section, names) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the sections are {}", names.map(|s| format!("`{s}`")).join(", ")),
            };
            let d = Diagnostic::new(Code::Nav, CONFIG_FILE, format!("there is no section `{section}`")).hint(hint);
            return Err(at_value(text, &[Seg::Key("nav"), Seg::Index(i), Seg::Key("section")], d));
        }
        if let Some(url) = &entry.url
            && !(url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/'))
        {
            let d = Diagnostic::new(Code::Nav, CONFIG_FILE, format!("`{url}` is not a web address"))
                .hint("write `https://…`, or a path from the host's root such as `/newsletter/`");
            return Err(at_value(text, &[Seg::Key("nav"), Seg::Index(i), Seg::Key("url")], d));
        }
        if entry.url.is_some() && entry.title.is_none() {
            let d = Diagnostic::new(Code::Nav, CONFIG_FILE, "a `nav:` entry with a `url` needs a `title`")
                .hint("add the words the header shows: `title: Newsletter`");
            return Err(at_value(text, &here, d));
        }
    }
    Ok(())
}
