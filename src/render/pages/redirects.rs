//! Old addresses: a page at each alias sending readers on (a `meta
//! refresh` with a canonical link, `noindex`), and `_redirects`, the file
//! Netlify and Cloudflare Pages read to answer them with a 301 instead.

use crate::codes::Code;
use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use tera::Value;

use super::{Job, Meta, PageKind, Part};
use crate::diagnostics::Diagnostic;
use crate::render::views::{Ctx, value};
use crate::resolve::{Entity, Ix, Site};

/// The section of the pages at aliases, which [`clashes`] checks.
const ALIAS: &str = "alias";

/// The page at each alias.
pub(super) struct Aliases;

impl PageKind for Aliases {
    fn shared(&self) -> bool {
        true
    }
    fn templates(&self) -> &'static [&'static str] {
        &["redirect.html"]
    }
    fn count(&self, site: &Site) -> usize {
        site.redirects.len()
    }
    fn url(&self, site: &Site, n: usize) -> String {
        site.redirects[n].from.clone()
    }
    fn section(&self) -> &'static str {
        ALIAS
    }
    fn meta(&self, site: &Site, _n: usize) -> Meta {
        Meta::machine(site)
    }
    fn listed(&self) -> bool {
        false
    }
    /// An old address stays served once published, like a page.
    fn permanent(&self) -> bool {
        true
    }
    fn redirect(&self, site: &Site, n: usize) -> Option<String> {
        Some(Job::of(site.redirects[n].to).url(site))
    }
    fn view(&self, _ctx: &Ctx, _n: usize, _page: usize) -> Value {
        Value::none()
    }
}

/// `_redirects`: every alias and every list's `page/1/`, one per line.
pub(super) struct RedirectsFile;

impl PageKind for RedirectsFile {
    fn shared(&self) -> bool {
        true
    }
    fn templates(&self) -> &'static [&'static str] {
        &["_redirects"]
    }
    fn count(&self, _site: &Site) -> usize {
        1
    }
    fn url(&self, site: &Site, _n: usize) -> String {
        site.urls.asset("_redirects")
    }
    fn section(&self) -> &'static str {
        "redirects"
    }
    fn meta(&self, site: &Site, _n: usize) -> Meta {
        Meta::machine(site)
    }
    fn listed(&self) -> bool {
        false
    }
    fn view(&self, ctx: &Ctx, _n: usize, _page: usize) -> Value {
        #[derive(Serialize)]
        struct Rule {
            from: String,
            to: String,
        }
        let site = ctx.site;
        let rules: Vec<Rule> = Job::all(site)
            .into_iter()
            .filter_map(|job| {
                let to = match job.part {
                    Part::FirstPageRedirect => job.kind.url(site, job.n),
                    Part::Page(_) => job.kind.redirect(site, job.n)?,
                };
                Some(Rule { from: job.url(site), to })
            })
            .collect();
        #[derive(Serialize)]
        struct View {
            rules: Vec<Rule>,
        }
        value(&View { rules })
    }
}

/// Every address a page (not an alias or a notice) has, with the file it
/// is made from, if any; and the addresses two pages have.
fn addresses<'s>(site: &'s Site, jobs: &[(Job, String)]) -> (HashMap<String, Option<&'s Path>>, Vec<String>) {
    let mut taken: HashMap<String, Option<&Path>> = HashMap::new();
    let own = [ALIAS, super::removed::REMOVED];
    // Two pages at one address (a briefing named `2025.md` and the year's
    // archive): the later would replace the earlier.
    let mut twice = Vec::new();
    for (_, url) in jobs.iter().filter(|(job, _)| !own.contains(&job.kind.section())) {
        if taken.insert(url.clone(), None).is_some() {
            twice.push(url.clone());
        }
    }
    // Pages made from a file are named by it.
    let files = (site.briefings.iter().enumerate()).map(|(i, b)| (Entity::Briefing(Ix::new(i)), &b.doc.path));
    let files = files.chain(site.actors.iter().enumerate().map(|(i, a)| (Entity::Actor(Ix::new(i)), &a.doc.path)));
    let files =
        files.chain(site.questions.iter().enumerate().map(|(i, q)| (Entity::Question(Ix::new(i)), &q.doc.path)));
    let files = files.chain(
        (site.topics.iter().enumerate()).filter_map(|(i, t)| Some((Entity::Topic(Ix::new(i)), &t.doc.as_ref()?.path))),
    );
    let files = files.chain(site.pages.iter().enumerate().map(|(i, p)| (Entity::Page(i), &p.doc.path)));
    for (entity, file) in files {
        taken.insert(Job::of(entity).url(site), Some(file));
    }
    (taken, twice)
}

/// An error for each alias or removal notice whose URL a page, or an
/// earlier alias, already has (naming the alias's file and line, and the
/// other's file), and for two pages at one address.
pub(super) fn clashes(site: &Site, jobs: &[(Job, String)]) -> Vec<Diagnostic> {
    let (mut taken, twice) = addresses(site, jobs);
    let mut problems: Vec<Diagnostic> = twice
        .into_iter()
        .map(|url| {
            let file = taken.get(&url).copied().flatten().unwrap_or(Path::new(crate::config::CONFIG_FILE));
            Diagnostic::new(
                Code::Address,
                file,
                format!("two pages have the address `{url}`: this one and one dossier makes"),
            )
            .hint("rename the file: ids that are years or `page` name archive and list pages")
        })
        .collect();
    for (n, r) in site.config.removed.iter().enumerate() {
        let url = super::removed::Removed.url(site, n);
        if let Some(owner) = taken.get(&url) {
            let owner = owner.map_or_else(|| "a page dossier makes".to_owned(), |f| format!("`{}`", f.display()));
            let d = Diagnostic::new(
                Code::Address,
                crate::config::CONFIG_FILE,
                format!("`removed:` lists `{url}`, the address of {owner}"),
            )
            .hint("a removal notice stands where no page is: take the entry out, or move the page");
            problems.push(match r.at {
                Some(at) => d.at(at),
                None => d,
            });
        }
        taken.insert(url, Some(Path::new(crate::config::CONFIG_FILE)));
    }
    for r in &site.redirects {
        let owner = match taken.get(&r.from) {
            None => {
                taken.insert(r.from.clone(), Some(&r.file));
                continue;
            }
            Some(Some(file)) => format!("`{}`", file.display()),
            Some(None) => "a page dossier makes".to_owned(),
        };
        problems.push(
            Diagnostic::new(Code::Address, &r.file, format!("alias `{}` is already the address of {owner}", r.from))
                .at(r.at)
                .spanning(r.span)
                .hint("an old address can lead to one page only, and never over a page that is there now"),
        );
    }
    problems
}
