//! Rendering a document's Markdown body against the lookup: wikilinks and
//! citations are checked here, and every broken one becomes a diagnostic
//! at its place in the file.

use crate::content::Document;
use crate::content::model::SourceMatter;
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, AutoLink, Rendered};

use super::RESERVED_ANCHORS;
use super::links::{Check, Later, message, width};
use super::lookup::{BodyLinks, BodyRefs, Lookup};

/// Renders a body that may link but not cite (actors, questions, topics, pages).
pub(super) fn render_body<M>(doc: &Document<M>, body: &str, lookup: &Lookup) -> (Rendered, Vec<Diagnostic>) {
    let (rendered, problems, _) = render_with_refs(doc, body, lookup, &[], &[]);
    (rendered, problems)
}

/// Renders `body`, the document's Markdown, citing `sources` and linking
/// `autolinks`' names; returns the body, its problems, and what it refers to.
pub(super) fn render_with_refs<M>(
    doc: &Document<M>,
    body: &str,
    lookup: &Lookup,
    sources: &[SourceMatter],
    autolinks: &[AutoLink],
) -> (Rendered, Vec<Diagnostic>, BodyRefs) {
    let mut links = BodyLinks::new(lookup, &doc.path, sources);
    let mut rendered = markdown::render(body, &mut links, RESERVED_ANCHORS, autolinks);
    if lookup.safe_html {
        rendered.html = markdown::sanitize::clean(&rendered.html);
    }
    if !links.checks.is_empty() {
        let later = links.checks.drain(..).map(|(range, check)| {
            let written = body.get(range.clone()).unwrap_or_default();
            let problem = match check {
                Check::Fragment(..) => Diagnostic::error(&doc.path, message(&check, written)),
                Check::Rooted(_) => Diagnostic::warning(&doc.path, message(&check, written)),
            };
            let problem = problem.at(doc.body_position(body, range.start)).spanning(width(body, &range));
            Later { check, problem }
        });
        lookup.later.lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend(later);
    }
    let problems = rendered
        .problems
        .iter()
        .filter(|(_, problem)| !problem.broken)
        .map(|(range, problem)| {
            Diagnostic::error(&doc.path, &problem.message)
                .at(doc.body_position(body, range.start))
                .spanning(body.get(range.clone()).map_or(1, |s| s.chars().count()))
                .maybe_hint(problem.hint.clone())
        })
        .collect();
    (rendered, problems, links.refs)
}
