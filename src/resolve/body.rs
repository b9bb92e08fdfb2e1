//! Rendering a document's Markdown body against the lookup: wikilinks and
//! citations are checked here, and every broken one becomes a diagnostic
//! at its place in the file.

use crate::codes::Code;
use crate::content::Document;
use crate::content::model::SourceMatter;
use crate::content::yaml::Seg;
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, AutoLink, Inline, Rendered};

use std::sync::Arc;

use super::RESERVED_ANCHORS;
use super::ix::BriefingIx;
use super::links::{Check, Later, message, width};
use super::lookup::{BodyLinks, BodyRefs, Lookup};
use super::memo::Kept;

/// Renders a body that may link but not cite (actors, questions, topics, pages).
pub(super) fn render_body<M>(doc: &Document<M>, body: &str, lookup: &Lookup) -> (Rendered, Vec<Diagnostic>) {
    let (rendered, problems, _) = render_with_refs(doc, body, lookup, None, &[]);
    (rendered, problems)
}

/// Renders `body`, the document's Markdown, citing `sources` (a briefing's:
/// the library besides) and linking
/// `autolinks`' names; returns the body, its problems, and what it refers to.
pub(super) fn render_with_refs<M>(
    doc: &Document<M>,
    body: &str,
    lookup: &Lookup,
    sources: Option<&[SourceMatter]>,
    autolinks: &[AutoLink],
) -> (Rendered, Vec<Diagnostic>, BodyRefs) {
    let Some(keys) = lookup.memo else {
        let (rendered, problems, refs, later, _) = render_fresh(doc, body, lookup, sources, autolinks);
        lookup.leave(later);
        return (rendered, problems, refs);
    };
    let key = super::memo::body_digest(keys.lookup, &doc.path, doc.body_line, body, (sources, autolinks));
    if let Some(old) = keys.bodies.take(key)
        && let Some(kept) = Kept::again(&old, lookup, keys.briefings)
    {
        // Taking keeps the old one; one with briefings at new places replaces it.
        if !Arc::ptr_eq(&old, &kept) {
            keys.bodies.keep(key, Arc::clone(&kept));
        }
        lookup.leave(kept.later.clone());
        lookup.note_read(&kept.read.iter().map(|(b, ..)| *b).collect::<Vec<_>>());
        return (kept.rendered.clone(), kept.problems.clone(), kept.refs.clone());
    }
    let (rendered, problems, refs, later, read) = render_fresh(doc, body, lookup, sources, autolinks);
    lookup.note_read(&read);
    // What directives place reads every position: such a body is not kept.
    if rendered.embeds.is_empty() {
        let fresh = (rendered.clone(), problems.clone(), refs.clone(), later.clone());
        keys.bodies.keep(key, Arc::new(Kept::new(fresh, &read, lookup, keys.briefings)));
    }
    lookup.leave(later);
    (rendered, problems, refs)
}

/// [`render_with_refs`], the body rendered here and now; the checks its
/// links leave are returned, not handed to the lookup.
fn render_fresh<M>(
    doc: &Document<M>,
    body: &str,
    lookup: &Lookup,
    sources: Option<&[SourceMatter]>,
    autolinks: &[AutoLink],
) -> (Rendered, Vec<Diagnostic>, BodyRefs, Vec<Later>, Vec<BriefingIx>) {
    let mut links = BodyLinks::new(lookup, &doc.path, sources);
    let mut rendered = markdown::render(body, &mut links, RESERVED_ANCHORS, autolinks);
    if lookup.safe_html {
        rendered.html = markdown::Html::new(markdown::sanitize::clean(&rendered.html.text()));
    }
    let later = checks_left(&mut links, |check, code, range| {
        Diagnostic::new(code, &doc.path, message(check, body.get(range.clone()).unwrap_or_default()))
            .at(doc.body_position(body, range.start))
            .spanning(width(body, range))
    });
    let problems = rendered
        .problems
        .iter()
        .filter(|(_, problem)| !problem.broken)
        .map(|(range, problem)| {
            Diagnostic::new(problem.code.unwrap_or(Code::Unknown), &doc.path, &problem.message)
                .at(doc.body_position(body, range.start))
                .spanning(body.get(range.clone()).map_or(1, |s| s.chars().count()))
                .maybe_hint(problem.hint.clone())
        })
        .collect();
    (rendered, problems, links.refs, later, links.read)
}

/// A line of front-matter text (the value at `at`, `text`) rendered
/// inline; its problems point at the value.
pub(super) fn render_inline<M>(
    doc: &Document<M>,
    text: &str,
    at: &[Seg],
    lookup: &Lookup,
) -> (Inline, Vec<Diagnostic>) {
    let mut links = BodyLinks::new(lookup, &doc.path, None);
    let (line, rendered) = markdown::inline(text, &mut links);
    lookup.note_read(&links.read);
    if rendered.problems.is_empty() && links.checks.is_empty() {
        return (line, Vec::new());
    }
    // Found only when needed: finding a value reads the whole front matter.
    let (position, length) = doc.locate(at);
    let point = |d: Diagnostic| d.at(position).spanning(length);
    lookup.leave(checks_left(&mut links, |check, code, range| {
        point(Diagnostic::new(code, &doc.path, message(check, text.get(range.clone()).unwrap_or_default())))
    }));
    let problems = rendered.problems.into_iter().filter(|(_, problem)| !problem.broken);
    let problems = problems
        .map(|(_, p)| point(Diagnostic::new(p.code.unwrap_or(Code::Unknown), &doc.path, p.message)).maybe_hint(p.hint));
    (line, problems.collect())
}

/// The checks `links` left for when every page is known; `problem` makes
/// each one's diagnostic (given its code and its range in the text
/// rendered).
fn checks_left(
    links: &mut BodyLinks,
    problem: impl Fn(&Check, Code, &std::ops::Range<usize>) -> Diagnostic,
) -> Vec<Later> {
    let later = links.checks.drain(..).map(|(range, check)| {
        // A missing heading is an error; a root-relative link to nothing
        // may be a file the host serves, so only a warning.
        let code = match check {
            Check::Fragment(..) => Code::Fragment,
            Check::Rooted(_) => Code::Rooted,
        };
        let problem = problem(&check, code, &range);
        Later { check, problem }
    });
    later.collect()
}
