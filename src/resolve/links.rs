//! Links a body writes as paths: `[see](other.md#part)` to another content
//! file (relative to the linking file, or `@/` for `content/`), rewritten to
//! that page's URL; and root-relative ones (`/about/`, `/img/x.svg`), put
//! under the site's base path. What cannot be known while one body renders
//! (the other page's headings, the files the build writes) is checked
//! afterwards, from the [`Later`] each link leaves.

use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::{Diagnostic, nearest};
use crate::markdown::{TocEntry, Unresolved};

use super::RESERVED_ANCHORS;
use super::ix::Ix;
use super::lookup::Lookup;
use super::site::Entity;

/// A check a link leaves for when every page is known.
#[derive(Debug, Clone)]
pub(crate) enum Check {
    /// `#fragment` must be a heading (or a section the template makes) of the page.
    Fragment(Entity, String),
    /// A root-relative path (below the base path, fragment and query cut)
    /// must be a file the build writes.
    Rooted(String),
}

/// A [`Check`], and the problem to report where the link is when it fails.
#[derive(Debug, Clone)]
pub(crate) struct Later {
    pub check: Check,
    pub problem: Diagnostic,
}

/// Where a link leads.
pub(crate) struct Destination {
    pub url: Result<String, Unresolved>,
    /// What is left to check about it when every page is known.
    pub check: Option<Check>,
    /// The page of a content file it names.
    pub page: Option<Entity>,
}

/// A link's destination split into path, and fragment without its `#`.
fn split(dest: &str) -> (&str, Option<&str>) {
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    (path.split_once('?').map_or(path, |(p, _)| p), fragment)
}

/// Whether `dest` names a scheme (`https:`, `mailto:`) or a host (`//x`).
fn external(dest: &str) -> bool {
    let scheme = dest.split_once(':').is_some_and(|(s, _)| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    scheme || dest.starts_with("//")
}

/// `dir` joined with `relative`, `..` and `.` folded; `None` when it climbs
/// above the site's root.
fn join(dir: &Path, relative: &str) -> Option<PathBuf> {
    let mut out: Vec<&std::ffi::OsStr> = Vec::new();
    for part in dir.components().chain(Path::new(relative).components()) {
        match part {
            Component::Normal(p) => out.push(p),
            Component::ParentDir => {
                out.pop()?;
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out.iter().collect())
}

/// The way from folder `from` to `to`, both relative to the site's root.
fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".into(); from.len() - common];
    parts.extend(to[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.join("/")
}

impl Lookup<'_> {
    /// What a body in the file at `doc` makes of the destination `dest`
    /// (see [`crate::markdown::Links::destination`]); `None` for a link
    /// left as written.
    pub(crate) fn destination(&self, doc: &Path, dest: &str) -> Option<Destination> {
        if external(dest) || dest.starts_with('#') {
            return None;
        }
        let (path, fragment) = split(dest);
        if let Some(rooted) = dest.strip_prefix('/') {
            let url = self.urls.asset(rooted);
            let below = split(rooted).0;
            return Some(Destination { url: Ok(url), check: Some(Check::Rooted(below.to_owned())), page: None });
        }
        let lower = path.to_ascii_lowercase();
        if !(lower.ends_with(".md") || lower.ends_with(".markdown")) {
            return None;
        }
        let dir = doc.parent().unwrap_or(Path::new(""));
        let file = match path.strip_prefix("@/") {
            Some(from_content) => join(Path::new("content"), from_content),
            None => join(dir, path),
        };
        let Some(target) = file.as_deref().and_then(|f| self.tables.files.get(f)) else {
            return Some(Destination {
                url: Err(self.missing_file(dir, path, file.as_deref())),
                check: None,
                page: None,
            });
        };
        let mut url = self.dest_url(*target);
        let check = fragment.filter(|f| !f.is_empty()).map(|f| {
            url.push('#');
            url.push_str(f);
            Check::Fragment(*target, f.to_owned())
        });
        Some(Destination { url: Ok(url), check, page: Some(*target) })
    }

    /// A link to a file the site does not have: the nearest file by name,
    /// as the linking file would write it.
    fn missing_file(&self, dir: &Path, written: &str, file: Option<&Path>) -> Unresolved {
        let message = format!("no content file `{written}`");
        let Some(file) = file else {
            return Unresolved::new(message, Some("the path climbs above the site's folder".into()));
        };
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or(written);
        let names = self.tables.files.keys().filter_map(|p| p.file_name()?.to_str());
        let hint = match nearest(name, names) {
            Some(near) => {
                let found = self.tables.files.keys().find(|p| p.file_name().and_then(|n| n.to_str()) == Some(near));
                found.map(|p| format!("did you mean `{}`?", relative(dir, p)))
            }
            None => None,
        };
        let draft = file.starts_with("content/briefings")
            && file.file_stem().and_then(|s| s.to_str()).is_some_and(|s| self.tables.drafts.contains(s));
        let hint = match draft {
            true => Some("that briefing is a draft or not published yet; build with --drafts to include it".into()),
            false => hint.or_else(|| Some("link to a file under content/, relative to this one".into())),
        };
        Unresolved::new(message, hint)
    }

    /// The URL of the page `dest`.
    pub(crate) fn dest_url(&self, dest: Entity) -> String {
        let c = self.content;
        match dest {
            Entity::Briefing(i) => self.urls.briefing(&c.briefings[i.get()].id),
            Entity::Actor(i) => self.urls.actor(&c.actors[i.get()].id),
            Entity::Question(i) => self.urls.question(&c.questions[i.get()].id),
            Entity::Topic(i) => self.urls.topic(&self.tables.topic_ids[i.get()]),
            Entity::Page(i) => self.urls.page(&c.pages[i].id),
            Entity::Author(i) => self.urls.author(&c.authors[i.get()].id),
        }
    }
}

/// The problems of `later`'s fragment checks, `toc` giving each page's
/// headings; the rooted checks are left for when the files are known.
pub(crate) fn fragments<'t>(later: Vec<Later>, toc: impl Fn(Entity) -> &'t [TocEntry]) -> (Vec<Missing>, Vec<Later>) {
    let mut problems = Vec::new();
    let mut rooted = Vec::new();
    for item in later {
        match &item.check {
            Check::Fragment(dest, fragment) => {
                let toc = toc(*dest);
                // Generated pages have the sections their templates make;
                // a plain page has its headings and the base template's `main`.
                let made = match dest {
                    Entity::Page(_) => fragment == "main",
                    _ => RESERVED_ANCHORS.contains(&fragment.as_str()),
                };
                if !made && !toc.iter().any(|t| t.id == *fragment) {
                    let problem = item.problem.hint(headings_hint(fragment, toc));
                    problems.push(Missing { problem, dest: *dest, fragment: fragment.clone() });
                }
            }
            Check::Rooted(_) => rooted.push(item),
        }
    }
    (problems, rooted)
}

/// A link to a heading its page does not have.
pub(crate) struct Missing {
    pub problem: Diagnostic,
    /// The page linked to.
    pub dest: Entity,
    /// The heading's anchor, without `#`.
    pub fragment: String,
}

/// The nearest heading's anchor, or the page's headings.
fn headings_hint(fragment: &str, toc: &[TocEntry]) -> String {
    if let Some(near) = nearest(fragment, toc.iter().map(|t| t.id.as_str())) {
        return format!("did you mean `#{near}`?");
    }
    match toc {
        [] => "the page has no headings: link to it without `#…`".into(),
        _ => {
            let ids: Vec<String> = toc.iter().take(6).map(|t| format!("`#{}`", t.id)).collect();
            format!("its headings are {}{}", ids.join(", "), if toc.len() > 6 { ", …" } else { "" })
        }
    }
}

/// The problems of rooted checks whose path is not among the files the
/// build wrote (`written`, relative to the output folder).
pub(crate) fn rooted(later: &[Later], written: impl Fn(&str) -> bool) -> Vec<Diagnostic> {
    later
        .iter()
        .filter(|item| match &item.check {
            Check::Rooted(path) => {
                let page = |p: &str| written(&format!("{}index.html", p));
                let produced = match path.as_str() {
                    "" => page(""),
                    p if p.ends_with('/') => page(p),
                    p => written(p) || page(&format!("{p}/")),
                };
                !produced
            }
            Check::Fragment(..) => false,
        })
        .map(|item| {
            item.problem
                .clone()
                .hint("no page or file of this site has this address; check the path, or add the file under static/")
        })
        .collect()
}

/// The message of a link that fails `check`.
pub(crate) fn message(check: &Check, written: &str) -> String {
    match check {
        Check::Fragment(..) => format!("`{written}`: the page has no such heading"),
        Check::Rooted(_) => format!("`{written}` is no page or file of this site"),
    }
}

/// Where `range` lies, for the problem's span.
pub(crate) fn width(body: &str, range: &Range<usize>) -> usize {
    body.get(range.clone()).map_or(1, |s| s.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_fold_and_never_climb_out() {
        assert_eq!(join(Path::new("content/briefings"), "../about.md"), Some(PathBuf::from("content/about.md")));
        assert_eq!(join(Path::new("content/briefings"), "./x/../y.md"), Some(PathBuf::from("content/briefings/y.md")));
        assert_eq!(join(Path::new("content"), "../../etc/passwd.md"), None);
        assert_eq!(relative(Path::new("content/briefings"), Path::new("content/about.md")), "../about.md");
        assert_eq!(relative(Path::new("content"), Path::new("content/actors/x.md")), "actors/x.md");
    }

    #[test]
    fn only_paths_are_destinations() {
        for dest in ["https://x.org/a.md", "mailto:a@b.c", "//cdn.org/a.md", "tel:+1"] {
            assert!(external(dest), "{dest}");
        }
        for dest in ["a.md", "../a.md#x", "/about/", "c:d.md"] {
            assert_eq!(external(dest), dest == "c:d.md", "{dest}");
        }
        assert_eq!(split("a.md?x=1#part"), ("a.md", Some("part")));
    }
}
