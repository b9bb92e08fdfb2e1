//! Rendered bodies kept between two resolutions of the same site (`serve`
//! after an edit): a body is rendered again only when something it is
//! rendered from changed. That is its file's place and text, what its
//! document lets it cite and link by name, and what the lookup answers —
//! every entity's id, file, name, aliases and title but the briefings', in
//! the order the site lists them (references are by position); of the
//! briefings, those its links led to (a briefing added or retitled leaves
//! every other body as it was). A body with problems is kept only while
//! every briefing is as it was: their hints name the nearest ids and
//! files. A body placing directives reads positions too, and is never
//! kept.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rustc_hash::FxHasher;

use crate::diagnostics::Diagnostic;
use crate::markdown::Rendered;

use super::ix::{BriefingIx, Ix};
use super::links::{Check, Later};
use super::lookup::{BodyRefs, Lookup};
use super::site::Entity;
use crate::content::model::Id;

/// One body as rendered: the HTML and headings, its problems, what it
/// refers to, and the checks it left for when every page is known.
#[derive(Clone)]
pub struct Kept {
    pub(super) rendered: Rendered,
    pub(super) problems: Vec<Diagnostic>,
    pub(super) refs: BodyRefs,
    pub(super) later: Vec<Later>,
    /// The briefings its links led to: each one's place then, id, and
    /// [`briefing_digest`].
    pub(super) read: Vec<(BriefingIx, Id, u64)>,
    /// [`briefings_digest`] when it was rendered.
    pub(super) briefings: u64,
}

impl Kept {
    /// `body` as rendered against `lookup` (whose briefings' digest is
    /// `briefings`), with the briefings its links `read`.
    pub(super) fn new(
        body: (Rendered, Vec<Diagnostic>, BodyRefs, Vec<Later>),
        read: &[BriefingIx],
        lookup: &Lookup,
        briefings: u64,
    ) -> Kept {
        let (rendered, problems, refs, later) = body;
        let read = read
            .iter()
            .map(|&b| (b, lookup.content.briefings[b.get()].id.clone(), briefing_digest(lookup, b)))
            .collect();
        Kept { rendered, problems, refs, later, read, briefings }
    }

    /// `kept` for a resolution with `lookup`, whose briefings' digest is
    /// `briefings`: itself, or with the briefings it links at their new
    /// places; `None` when one of them, or a problem's hint, may read
    /// differently now.
    pub(super) fn again(kept: &Arc<Kept>, lookup: &Lookup, briefings: u64) -> Option<Arc<Kept>> {
        if kept.briefings == briefings || (kept.read.is_empty() && kept.problems.is_empty()) {
            return Some(Arc::clone(kept));
        }
        if !kept.problems.is_empty() {
            return None;
        }
        let mut moved = Vec::new();
        for (was, id, digest) in &kept.read {
            let now = *lookup.tables.briefings.get(id.as_str())?;
            if briefing_digest(lookup, now) != *digest {
                return None;
            }
            moved.push((*was, now));
        }
        if moved.iter().all(|(was, now)| was == now) {
            return Some(Arc::clone(kept));
        }
        let place = |b: BriefingIx| moved.iter().find(|(was, _)| *was == b).map_or(b, |&(_, now)| now);
        let mut again = Kept::clone(kept);
        again.briefings = briefings;
        again.refs.briefings.iter_mut().for_each(|b| *b = place(*b));
        again.read.iter_mut().for_each(|(b, ..)| *b = place(*b));
        for later in &mut again.later {
            if let Check::Fragment(Entity::Briefing(b), _) = &mut later.check {
                *b = place(*b);
            }
        }
        Some(Arc::new(again))
    }
}

/// What a resolution keeps bodies in, and the digests their keys are made of.
#[derive(Clone, Copy)]
pub(super) struct Keys<'m> {
    pub bodies: &'m Bodies,
    /// [`lookup_digest`].
    pub lookup: u64,
    /// [`briefings_digest`].
    pub briefings: u64,
}

impl<'m> Keys<'m> {
    pub(super) fn new(bodies: &'m Bodies, lookup: &Lookup) -> Self {
        Keys { bodies, lookup: lookup_digest(lookup), briefings: briefings_digest(lookup) }
    }
}

/// The bodies of the last resolution, and those of this one as they are
/// rendered or taken over.
pub type Bodies = crate::memo::Memo<Arc<Kept>>;

/// What every body's rendering reads of the lookup, but the briefings
/// (see the module's text).
pub(super) fn lookup_digest(lookup: &Lookup) -> u64 {
    let mut h = FxHasher::default();
    let c = lookup.content;
    lookup.urls.home().hash(&mut h);
    for a in &c.actors {
        (&a.id, &a.path, &a.matter.name, &a.matter.aliases, &a.matter.other_names).hash(&mut h);
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
    (&lookup.tables.topic_ids, &lookup.tables.topic_titles).hash(&mut h);
    (&c.draft_briefings, &c.draft_pages, &c.broken).hash(&mut h);
    (lookup.autolink, lookup.safe_html, &lookup.today).hash(&mut h);
    h.finish()
}

/// Every briefing's id, file and title, in the site's order.
pub(super) fn briefings_digest(lookup: &Lookup) -> u64 {
    let mut h = FxHasher::default();
    for b in &lookup.content.briefings {
        (&b.id, &b.path, &b.matter.title).hash(&mut h);
    }
    h.finish()
}

/// What a link to briefing `b` reads of it: its id, file and title.
pub(super) fn briefing_digest(lookup: &Lookup, b: BriefingIx) -> u64 {
    let b = &lookup.content.briefings[b.get()];
    let mut h = FxHasher::default();
    (&b.id, &b.path, &b.matter.title).hash(&mut h);
    h.finish()
}

/// The digest of one body's rendering: the lookup's, the document's place
/// and text, and what it may cite and autolink (given as `extra`).
pub(super) fn body_digest(lookup: u64, path: &std::path::Path, body_line: usize, body: &str, extra: impl Hash) -> u64 {
    let mut h = FxHasher::default();
    (lookup, path, body_line, body, extra).hash(&mut h);
    h.finish()
}
