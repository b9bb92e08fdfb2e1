//! Old addresses: `aliases` (on an actor, `redirect_from`) name URLs a page
//! had before it was renamed or moved. Each becomes a [`Redirect`]; its
//! place in the front matter is kept so that a clash found when the site's
//! URLs are all known can still be reported at its line.

use crate::codes::Code;
use std::path::PathBuf;

use crate::content::yaml::Seg;
use crate::content::{Content, Document};
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::urls::Urls;

use super::ix::{ActorIx, AuthorIx, BriefingIx, Ix, QuestionIx, TopicIx};
use super::site::Entity;

/// An old URL that sends readers on to an entity's page.
#[derive(Debug, Clone)]
pub struct Redirect {
    /// The old URL, under the site's base path: `/briefings/old-name/`.
    pub from: String,
    /// Where it leads.
    pub to: Entity,
    /// The file that names it, and where.
    pub file: PathBuf,
    /// Line and column of the alias in that file.
    pub at: Position,
    /// Characters to underline there.
    pub span: usize,
}

/// Every alias of every document, checked; `topic_of` gives a topic file's
/// place among the site's topics. Bad ones go to `diags`.
pub(super) fn collect(
    content: &Content,
    urls: &Urls,
    topic_of: impl Fn(usize) -> TopicIx,
    diags: &mut Diagnostics,
) -> Vec<Redirect> {
    let mut out = Vec::new();
    let mut add = |doc: &dyn Located, key: &'static str, list: &[String], to: Entity, section: &str| {
        for (i, alias) in list.iter().enumerate() {
            let (at, span) = doc.locate(&[Seg::Key(key), Seg::Index(i)]);
            match url_of(urls, section, alias) {
                Ok(from) => out.push(Redirect { from, to, file: doc.path(), at, span }),
                Err((message, hint)) => {
                    diags.push(Diagnostic::new(Code::Address, doc.path(), message).at(at).spanning(span).hint(hint));
                }
            }
        }
    };
    for (i, d) in content.briefings.iter().enumerate() {
        add(d, "aliases", &d.matter.aliases, Entity::Briefing(BriefingIx::new(i)), "briefings");
    }
    for (i, d) in content.actors.iter().enumerate() {
        add(d, "redirect_from", &d.matter.redirect_from, Entity::Actor(ActorIx::new(i)), "actors");
    }
    for (i, d) in content.questions.iter().enumerate() {
        add(d, "aliases", &d.matter.aliases, Entity::Question(QuestionIx::new(i)), "questions");
    }
    for (i, d) in content.topics.iter().enumerate() {
        add(d, "aliases", &d.matter.aliases, Entity::Topic(topic_of(i)), "topics");
    }
    for (i, d) in content.pages.iter().enumerate() {
        add(d, "aliases", &d.matter.aliases, Entity::Page(i), "");
    }
    for (i, d) in content.authors.iter().enumerate() {
        add(d, "aliases", &d.matter.aliases, Entity::Author(AuthorIx::new(i)), "authors");
    }
    out
}

/// What [`collect`] needs of a document, whatever its front matter.
trait Located {
    fn locate(&self, path: &[Seg]) -> (Position, usize);
    fn path(&self) -> PathBuf;
}

impl<M> Located for Document<M> {
    fn locate(&self, path: &[Seg]) -> (Position, usize) {
        Document::locate(self, path)
    }
    fn path(&self) -> PathBuf {
        self.path.clone()
    }
}

/// The URL an alias names: an old id in the page's own section
/// (`old-name` → `/briefings/old-name/`), or a path from the site's root
/// (`/2024/old-name/`, `/old.html`). A path without a file extension is a
/// folder. On error, the message and a hint.
fn url_of(urls: &Urls, section: &str, alias: &str) -> Result<String, (String, String)> {
    let alias = alias.trim();
    if !alias.starts_with('/') {
        return match crate::content::model::Id::parse(alias) {
            Ok(id) if section.is_empty() => Ok(urls.page(&id)),
            Ok(id) => Ok(urls.path(&[section, id.as_str()])),
            Err(_) => Err((
                format!("alias `{alias}` is neither an id nor a path"),
                "write the old id (`old-name`) or the old path from the site's root (`/2024/old-name/`)".into(),
            )),
        };
    }
    urls.rooted(alias).ok_or_else(|| {
        (
            format!("alias `{alias}` is not a path dossier can write a page at"),
            "use letters, digits, `-`, `_`, `.` and `/` between folder names, no `..`, no `?` or `#`".into(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::url_of;
    use crate::urls::Urls;

    #[test]
    fn an_alias_is_an_old_id_in_its_section_or_a_path_from_the_root() {
        let urls = Urls::new("https://example.org/news/");
        assert_eq!(url_of(&urls, "briefings", "old-name").unwrap(), "/news/briefings/old-name/");
        assert_eq!(url_of(&urls, "", "old-page").unwrap(), "/news/old-page/");
        assert_eq!(url_of(&urls, "briefings", "/2024/old/").unwrap(), "/news/2024/old/");
        assert_eq!(url_of(&urls, "briefings", "/2024/old").unwrap(), "/news/2024/old/");
        assert_eq!(url_of(&urls, "briefings", "/old.html").unwrap(), "/news/old.html");
        for bad in ["Old Name", "/a/../b/", "/a//b/", "/a?b", "/", "/a b/", "/a#b"] {
            assert!(url_of(&urls, "briefings", bad).is_err(), "{bad}");
        }
    }
}
