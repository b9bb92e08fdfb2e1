//! Rendered bodies kept between two resolutions of the same site (`serve`
//! after an edit): a body is rendered again only when something it is
//! rendered from changed. That is its file's place and text, what its
//! document lets it cite and link by name, and everything the lookup
//! answers — every entity's id, file, name, aliases and title, in the
//! order the site lists them (references are by position). A body placing
//! directives reads positions too, and is never kept.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rustc_hash::FxHasher;

use crate::diagnostics::Diagnostic;
use crate::markdown::Rendered;

use super::links::Later;
use super::lookup::{BodyRefs, Lookup};

/// One body as rendered: the HTML and headings, its problems, what it
/// refers to, and the checks it left for when every page is known.
#[derive(Clone)]
pub struct Kept {
    pub(super) rendered: Rendered,
    pub(super) problems: Vec<Diagnostic>,
    pub(super) refs: BodyRefs,
    pub(super) later: Vec<Later>,
}

/// The bodies of the last resolution, and those of this one as they are
/// rendered or taken over.
pub type Bodies = crate::memo::Memo<Arc<Kept>>;

/// What every body's rendering reads of the lookup (see the module's text).
pub(super) fn lookup_digest(lookup: &Lookup) -> u64 {
    let mut h = FxHasher::default();
    let c = lookup.content;
    lookup.urls.home().hash(&mut h);
    for a in &c.actors {
        (&a.id, &a.path, &a.matter.name, &a.matter.aliases, &a.matter.other_names).hash(&mut h);
    }
    for b in &c.briefings {
        (&b.id, &b.path, &b.matter.title).hash(&mut h);
    }
    for q in &c.questions {
        (&q.id, &q.path, &q.matter.title).hash(&mut h);
    }
    for t in &c.topics {
        (&t.id, &t.path).hash(&mut h);
    }
    for a in &c.authors {
        (&a.id, &a.path).hash(&mut h);
    }
    for p in &c.pages {
        (&p.id, &p.path).hash(&mut h);
    }
    for l in &c.library {
        (&l.path, &l.front_matter).hash(&mut h);
    }
    for t in &c.translations {
        (&t.language, &t.doc.path, &t.doc.front_matter).hash(&mut h);
    }
    (lookup.topic_ids, &lookup.topic_titles).hash(&mut h);
    (&c.draft_briefings, &c.draft_pages, &c.broken).hash(&mut h);
    (lookup.autolink, lookup.safe_html, &lookup.today).hash(&mut h);
    h.finish()
}

/// The digest of one body's rendering: the lookup's, the document's place
/// and text, and what it may cite and autolink (given as `extra`).
pub(super) fn body_digest(lookup: u64, path: &std::path::Path, body_line: usize, body: &str, extra: impl Hash) -> u64 {
    let mut h = FxHasher::default();
    (lookup, path, body_line, body, extra).hash(&mut h);
    h.finish()
}
