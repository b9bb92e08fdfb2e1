//! `dossier check --links`: asks the web whether every source's `url` and
//! `archive`, every web address a body links to and every actor's and
//! author's `links:` still answers. Dead
//! ones are warnings where they are written; a source left with neither a
//! live `url` nor an `archive` is named. Only this asks the network:
//! `build` and plain `check` never do.

mod cache;
mod http;
mod schedule;

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use cache::FILE as CACHE_FILE;

use crate::codes::Code;
use crate::config::LinkCheck;
use crate::content::model::{HttpUrl, SourceMatter};
use crate::content::yaml::Seg;
use crate::content::{Content, Document};
use crate::diagnostics::{Diagnostic, Position};
use crate::progress::Progress;

/// What came of asking about an address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// It answers (after temporary redirects, if any).
    Alive,
    /// Every redirect on the way was permanent: it lives at `to` now.
    Moved {
        /// The address at the end of the redirects.
        to: String,
    },
    /// It does not answer, or answers with an error.
    Dead {
        /// The status or the failure: "404 Not Found", "connection reset".
        reason: String,
    },
    /// Turned away or asked to wait too long: neither dead nor alive.
    Unchecked {
        /// Why: "403 Forbidden", "429 Too Many Requests (asked to wait 600 s)".
        reason: String,
    },
}

/// What a run did, for the summary line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Stats {
    /// Distinct addresses.
    pub addresses: usize,
    /// Of those, answered from the cache.
    pub cached: usize,
    /// Dead ones.
    pub dead: usize,
    /// Moved ones.
    pub moved: usize,
    /// Ones that could not be checked, with why.
    pub unchecked: Vec<(String, String)>,
}

/// Where an address is written, and as what.
struct Place<'a> {
    path: &'a Path,
    at: Position,
    length: usize,
    what: What<'a>,
}

enum What<'a> {
    /// A source's `url`.
    Url(&'a SourceMatter),
    /// A source's `archive`.
    Archive(&'a SourceMatter),
    /// A link in a body, or in an actor's or author's `links:`.
    Link,
}

/// Checks the addresses of `content` (the site at `root`) with `settings`;
/// warnings for the dead and the moved, and what was done.
pub fn check(
    root: &Path,
    content: &Content,
    settings: &LinkCheck,
    progress: Option<&Progress>,
) -> (Vec<Diagnostic>, Stats) {
    let places = places(root, content, &settings.exclude);
    let mut by_url: HashMap<&str, Vec<&Place>> = HashMap::new();
    let mut urls: Vec<&str> = Vec::new();
    for (url, place) in &places {
        let written = by_url.entry(url.as_str()).or_default();
        if written.is_empty() {
            urls.push(url);
        }
        written.push(place);
    }
    let (outcomes, mut stats) = ask(root, &urls, settings, progress);
    stats.addresses = urls.len();
    let mut out = Vec::new();
    for url in urls {
        let outcome = &outcomes[url];
        match outcome {
            Outcome::Dead { .. } => stats.dead += 1,
            Outcome::Moved { .. } => stats.moved += 1,
            Outcome::Unchecked { reason } => stats.unchecked.push((url.to_owned(), reason.clone())),
            Outcome::Alive => {}
        }
        for place in &by_url[url] {
            out.extend(report(url, outcome, place, &outcomes));
        }
    }
    (out, stats)
}

/// Each address's outcome: from the cache when fresh, else asked (and
/// remembered).
fn ask(
    root: &Path,
    urls: &[&str],
    settings: &LinkCheck,
    progress: Option<&Progress>,
) -> (HashMap<String, Outcome>, Stats) {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let max_age = settings.cache_hours * 3600;
    let mut cache = cache::Cache::load(root);
    let mut outcomes = HashMap::new();
    let mut asking = Vec::new();
    for &url in urls {
        match cache.fresh(url, now, max_age) {
            Some(outcome) => drop(outcomes.insert(url.to_owned(), outcome.clone())),
            None => asking.push(url.to_owned()),
        }
    }
    let stats = Stats { cached: urls.len() - asking.len(), ..Stats::default() };
    crate::progress::start(progress, "Checking links", asking.len());
    let limits = schedule::Limits {
        concurrency: settings.concurrency,
        per_host: settings.per_host,
        retries: settings.retries,
        backoff: Duration::from_millis(500),
    };
    let client = http::Client::new(Duration::from_secs(settings.timeout_seconds));
    let tick = || progress.iter().for_each(|p| p.tick());
    for (url, outcome) in schedule::run(asking, &limits, &|url| client.get(url), &tick) {
        cache.put(url.clone(), outcome.clone(), now);
        outcomes.insert(url, outcome);
    }
    if max_age > 0 {
        // A cache that cannot be written only costs the next run time.
        let _ = cache.save(root, now, max_age);
    }
    (outcomes, stats)
}

/// The warning for `url` written at `place`, if any.
fn report(url: &str, outcome: &Outcome, place: &Place, outcomes: &HashMap<String, Outcome>) -> Option<Diagnostic> {
    let warning =
        |code, message: String| Diagnostic::new(code, place.path, message).at(place.at).spanning(place.length);
    let reason = match outcome {
        Outcome::Dead { reason } => reason,
        Outcome::Moved { to } => {
            return Some(
                warning(Code::Redirected, format!("`{url}` has moved for good to `{to}`"))
                    .hint(format!("write `{to}`")),
            );
        }
        Outcome::Alive | Outcome::Unchecked { .. } => return None,
    };
    Some(match place.what {
        What::Url(source) => {
            let archive = source.archive.as_ref().map(|a| outcomes.get(a.as_str()));
            match archive {
                Some(Some(Outcome::Dead { .. })) | None => warning(
                    Code::DeadLink,
                    format!("source `{}` has no live `url` ({url}: {reason}) and no live `archive`", source.id),
                )
                .hint(
                    "add `archive:` with a copy of the page saved in a web archive, or the page's new address as `url`",
                ),
                Some(_) => warning(
                    Code::DeadLink,
                    format!("`url` of source `{}` is dead ({reason}); readers still have its `archive`", source.id),
                )
                .hint("if the page has moved, write its new address"),
            }
        }
        What::Archive(source) => {
            warning(Code::DeadLink, format!("`archive` of source `{}` is dead ({reason})", source.id))
                .hint("save the page in a web archive again and write the copy's address")
        }
        What::Link => warning(Code::DeadLink, format!("link to `{url}` is dead ({reason})"))
            .hint("link to a copy saved in a web archive, to the page's new address, or remove the link"),
    })
}

/// Every address written in `content` (sources, then bodies, file by
/// file), with where; addresses starting with an `exclude` entry are left
/// out.
fn places<'a>(root: &Path, content: &'a Content, exclude: &[String]) -> Vec<(String, Place<'a>)> {
    let mut out = Vec::new();
    for doc in &content.briefings {
        for (i, source) in doc.matter.sources.iter().enumerate() {
            sources(doc, source, &[Seg::Key("sources"), Seg::Index(i)], &mut out);
        }
    }
    for doc in &content.library {
        for (i, source) in doc.matter.iter().enumerate() {
            sources(doc, source, &[Seg::Index(i)], &mut out);
        }
    }
    for doc in &content.actors {
        profile_links(doc, &doc.matter.links, &mut out);
    }
    for doc in &content.authors {
        profile_links(doc, &doc.matter.links, &mut out);
    }
    bodies(root, &content.briefings, &mut out);
    bodies(root, &content.actors, &mut out);
    bodies(root, &content.questions, &mut out);
    bodies(root, &content.topics, &mut out);
    bodies(root, &content.authors, &mut out);
    bodies(root, &content.pages, &mut out);
    out.retain(|(url, _)| !exclude.iter().any(|prefix| url.starts_with(prefix.as_str())));
    out
}

fn sources<'a, M>(doc: &'a Document<M>, source: &'a SourceMatter, at: &[Seg], out: &mut Vec<(String, Place<'a>)>) {
    let fields =
        [(source.url.as_ref(), "url", What::Url(source)), (source.archive.as_ref(), "archive", What::Archive(source))];
    for (url, key, what) in fields {
        if let Some(url) = url {
            let (position, length) = doc.locate(&[at, &[Seg::Key(key)]].concat());
            out.push((url.as_str().to_owned(), Place { path: &doc.path, at: position, length, what }));
        }
    }
}

/// An actor's or author's `links:` (official site, profiles).
fn profile_links<'a, M>(doc: &'a Document<M>, links: &[HttpUrl], out: &mut Vec<(String, Place<'a>)>) {
    for (i, url) in links.iter().enumerate() {
        let (at, length) = doc.locate(&[Seg::Key("links"), Seg::Index(i)]);
        out.push((url.as_str().to_owned(), Place { path: &doc.path, at, length, what: What::Link }));
    }
}

/// The web links of each document's body, read again from its file (the
/// load let bodies go once rendered).
fn bodies<'a, M>(root: &Path, docs: &'a [Document<M>], out: &mut Vec<(String, Place<'a>)>) {
    for doc in docs {
        let Ok(text) = std::fs::read_to_string(root.join(&doc.path)) else { continue };
        let start = line_start(&text, doc.body_line);
        let body = &text[start..];
        for (range, url) in crate::markdown::external_links(body) {
            let at = doc.body_position(body, range.start);
            let length = body[range].chars().count();
            out.push((url, Place { path: &doc.path, at, length, what: What::Link }));
        }
    }
}

/// The byte where line `line` (from 1) of `text` starts.
fn line_start(text: &str, line: usize) -> usize {
    match line {
        0 | 1 => 0,
        _ => memchr::memchr_iter(b'\n', text.as_bytes()).nth(line - 2).map_or(text.len(), |i| i + 1),
    }
}
