//! Stable codes of diagnostics: `E` for errors, `W` for warnings. A code
//! names a kind of problem, never a message, so editors can look it up in
//! the README, filter `check --format json` by it and turn a warning off
//! with `editorial: { allow: [W0201] }`. Codes are never renumbered or
//! reused; a retired one stays in the list.

use std::fmt;

macro_rules! codes {
    ($($name:ident = $id:literal: $summary:literal,)*) => {
        /// What kind of problem a diagnostic reports.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Code {
            $(#[doc = $summary] $name,)*
        }

        impl Code {
            /// Every code, in the README's order.
            pub const ALL: &[Code] = &[$(Code::$name,)*];

            /// `E0101`, `W0201`, …
            pub fn id(self) -> &'static str {
                match self {
                    $(Code::$name => $id,)*
                }
            }

            /// What the code stands for, in a line.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Code::$name => $summary,)*
                }
            }
        }
    };
}

codes! {
    Io = "E0001": "a file or folder cannot be read or written",
    Encoding = "E0002": "a file is not UTF-8 text, or its name cannot be an id",
    Invocation = "E0003": "the command line or the site's folder cannot be used (`--base-url`, no `content/`)",
    Yaml = "E0101": "front matter or a YAML file does not parse: syntax, nesting, an unknown or missing field, a value of the wrong kind",
    FrontMatter = "E0102": "a file's front matter is not closed or not where it belongs",
    Duplicate = "E0103": "two files or two sources have the same id, or a page takes a generated section's address",
    Date = "E0104": "a date is in the future or before the briefing's own date",
    Unsourced = "E0105": "a position names no source",
    NoSuchPosition = "E0106": "a correction names a position the briefing does not have",
    SelfAffiliated = "E0107": "an actor is affiliated with itself",
    Translated = "E0108": "a translation of content gives a fact (facts are the original's), a position the original lacks, or has no original",
    Unknown = "E0201": "a reference points at nothing: an unknown actor, question, source, topic, author or page, or a linked file that is not there",
    Fragment = "E0202": "a link's `#fragment` is no heading or section of the page it links to",
    Address = "E0203": "two pages, or a page and an alias, have the same address",
    Unpublished = "E0204": "an address in `published-urls` is gone without a redirect or a `removed:` entry",
    Directive = "E0205": "a directive in a body (`::figure`, `::actor`, `::position`, `::stances`) is malformed: an unknown name, a missing or unknown attribute",
    Config = "E0301": "a setting in `dossier.yaml` is not valid",
    Nav = "E0302": "a `nav:` entry names no section, page or web address",
    Template = "E0401": "a template does not parse or fails to render",
    Search = "E0402": "the search index cannot be built",
    Translation = "E0403": "a table of the interface's words (`i18n/<lang>.ftl`) does not parse",
    Output = "E0501": "the output folder cannot be used: not a folder, unreadable, or holding files dossier did not write",
    Picture = "E0601": "a picture is missing, damaged, too large, or of a kind dossier does not publish",
    Symlink = "W0001": "a symbolic link is skipped: under `content/` always, elsewhere when it leads outside the site",
    PublishedList = "W0002": "`published-urls` cannot be updated",
    Kept = "W0003": "a file of the output folder matching `keep:` stands in place of one the build wrote",
    HostlessBase = "W0101": "`base_url` is a path, so feeds and the sitemap link to pages without a host",
    Untranslated = "W0102": "the site's `language` has no table of the interface's words, so its pages use English ones",
    Uncited = "W0201": "a source is never cited nor behind a position",
    Undated = "W0202": "a source has no `date`",
    Unreachable = "W0203": "a source has neither `url` nor `archive`",
    OneSided = "W0204": "only one side of a question is represented",
    OneSidedNote = "W0205": "both sides are represented, and `one_sided` still says why not",
    Stale = "W0206": "positions are old in a briefing marked `status: developing`",
    Silent = "W0207": "an actor has no positions",
    LoneTopic = "W0208": "a topic only one briefing uses has a near name others use",
    OnePublisher = "W0209": "every position of a briefing rests on one publisher",
    UnverifiableQuote = "W0210": "no source of a quote has a `url` or an `archive`",
    NotTranslated = "W0211": "pages have no translation into a language of `languages:` (one note per language)",
    StaleTranslation = "W0212": "a briefing changed after its translation was last brought up to date (`updated`)",
    Rooted = "W0301": "a root-relative link or image names no file the build writes",
    DeadLink = "W0302": "`check --links`: a web address does not answer, or answers with an error",
    Redirected = "W0303": "`check --links`: a web address redirects elsewhere",
    Budget = "W0401": "a page or feed is over the weight budget",
    NoAlt = "W0601": "a picture in a body has no alt text",
}

impl Code {
    /// Whether diagnostics of this code stop the build.
    pub fn is_error(self) -> bool {
        self.id().starts_with('E')
    }

    /// The code written as `id`, if there is one.
    pub fn parse(id: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.id().eq_ignore_ascii_case(id))
    }
}

/// As `dossier.yaml`'s `editorial: { allow: [W0201] }` names it: a warning's
/// code (an error cannot be turned off).
impl<'de> serde::Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let id = String::deserialize(d)?;
        match Code::parse(&id) {
            Some(code) if code.is_error() => {
                Err(serde::de::Error::custom(format!("`{code}` is an error, and only warnings can be allowed")))
            }
            Some(code) => Ok(code),
            None => Err(serde::de::Error::custom(format!(
                "unknown diagnostic code `{id}`: codes are a W and four digits, listed in README.md"
            ))),
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_well_formed_and_sorted_within_each_severity() {
        let ids: Vec<&str> = Code::ALL.iter().map(|c| c.id()).collect();
        for id in &ids {
            assert!(id.len() == 5 && (id.starts_with('E') || id.starts_with('W')), "{id}");
            assert!(id[1..].bytes().all(|b| b.is_ascii_digit()), "{id}");
        }
        let (errors, warnings): (Vec<&str>, Vec<&str>) = ids.iter().partition(|id| id.starts_with('E'));
        assert!(errors.windows(2).all(|w| w[0] < w[1]), "{errors:?}");
        assert!(warnings.windows(2).all(|w| w[0] < w[1]), "{warnings:?}");
        assert_eq!(Code::parse("w0201"), Some(Code::Uncited));
        assert_eq!(Code::parse("W9999"), None);
        assert!(Code::Yaml.is_error() && !Code::Uncited.is_error());
    }
}
