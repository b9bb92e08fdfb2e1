//! The header's entries: `nav:` of `dossier.yaml` (by default the
//! sections, then every plain page), and the plain pages that place
//! themselves with a `nav: { weight }` of their own, by weight.

use crate::codes::Code;
use serde::Serialize;

use crate::config::{CONFIG_FILE, NavEntry, SECTIONS};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::resolve::Site;

/// One entry of the header's menu.
#[derive(Serialize)]
pub(super) struct NavLink {
    title: String,
    url: String,
    /// The section it leads to (for `aria-current`): a section's name,
    /// `pages`, or empty for an address of `nav:`.
    section: &'static str,
}

/// The menu, in order. A `nav:` entry naming no plain page is an error at
/// the entry.
pub(super) fn links(site: &Site) -> Result<Vec<NavLink>, Diagnostic> {
    let mut listed = vec![false; site.pages.len()];
    // The sections, or `nav:`'s entries, weigh 10, 20, 30, … in order.
    let mut weighted: Vec<(i64, NavLink)> = Vec::new();
    match &site.config.nav {
        None => {
            let made = |name: &&&str| **name != "authors" || !site.authors.is_empty();
            let sections = SECTIONS.iter().filter(made).map(|&name| section(site, name, None));
            weighted.extend((10..).step_by(10).zip(sections));
        }
        Some(entries) => {
            for (entry, weight) in entries.iter().zip((10..).step_by(10)) {
                weighted.push((weight, entry_link(site, entry, &mut listed)?));
            }
        }
    }
    // Plain pages not listed: by their weight; without one, after the rest
    // in file order, unless `nav:` lists what the menu holds.
    for (i, page) in site.pages.iter().enumerate() {
        let own = &page.doc.matter.nav;
        let weight = match (own.weight, &site.config.nav) {
            _ if listed[i] || own.hide => continue,
            (Some(w), _) => w,
            (None, None) => i64::MAX,
            (None, Some(_)) => continue,
        };
        weighted.push((weight, page_link(site, i, own.title.as_deref())));
    }
    weighted.sort_by_key(|(weight, _)| *weight);
    Ok(weighted.into_iter().map(|(_, link)| link).collect())
}

fn entry_link(site: &Site, entry: &NavEntry, listed: &mut [bool]) -> Result<NavLink, Diagnostic> {
    if let Some(name) = &entry.section {
        let &name = SECTIONS.iter().find(|s| *s == name).expect("checked when dossier.yaml was read");
        if name == "authors" && site.authors.is_empty() {
            let d = Diagnostic::new(
                Code::Nav,
                CONFIG_FILE,
                "`nav:` names the section `authors`, and the site has no authors",
            )
            .hint("add an author under content/authors/ and name it in a briefing's `authors:`, or drop the entry");
            return Err(at_entry(d, entry));
        }
        return Ok(section(site, name, entry.title.clone()));
    }
    if let Some(id) = &entry.page {
        let Some(i) = site.pages.iter().position(|p| p.doc.id.as_str() == id) else {
            let ids = site.pages.iter().map(|p| p.doc.id.as_str());
            let hint = match did_you_mean(id, ids) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("a plain page `{id}` is the file content/{id}.md"),
            };
            let d = Diagnostic::new(Code::Nav, CONFIG_FILE, format!("`nav:` names the page `{id}`, and there is none"))
                .hint(hint);
            return Err(at_entry(d, entry));
        };
        listed[i] = true;
        return Ok(page_link(site, i, entry.title.as_deref()));
    }
    let (url, title) = (entry.url.clone(), entry.title.clone());
    Ok(NavLink { title: title.unwrap_or_default(), url: url.unwrap_or_default(), section: "" })
}

/// `d`, placed at the `nav:` entry when its place is known.
fn at_entry(d: Diagnostic, entry: &NavEntry) -> Diagnostic {
    match entry.at {
        Some(at) => d.at(at),
        None => d,
    }
}

/// A section's link, named `title` or in the interface's words.
fn section(site: &Site, name: &'static str, title: Option<String>) -> NavLink {
    let title = title.unwrap_or_else(|| site.words.get(&format!("section-{name}")).into_owned());
    NavLink { title, url: site.urls.path(&[name]), section: name }
}

fn page_link(site: &Site, i: usize, title: Option<&str>) -> NavLink {
    let page = &site.pages[i];
    let title = title.map_or_else(|| page.doc.matter.title.clone(), str::to_owned);
    NavLink { title, url: site.urls.page(&page.doc.id), section: "pages" }
}
