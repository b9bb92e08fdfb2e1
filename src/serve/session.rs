//! A site kept in memory between rebuilds, brought up to date after each
//! change with as little work as gives the same bytes as a full build:
//!
//! - an edit that leaves a file's front matter alone, and whose body links
//!   and cites what it did before, changes that one body, which only the
//!   entity's own page shows: re-render the body and that page;
//! - an edit to front matter, or a document added or removed, on a site
//!   in one language: that file is read again, the site resolved again
//!   from the documents in memory (bodies whose inputs did not change
//!   are taken over, see [`crate::resolve::memo`]), and the pages whose
//!   values changed are rendered, found by comparing each page's digest
//!   ([`Renderer::digest`]) with its last; the open data is made again;
//! - a change under `templates/`, `themes/` or `static/` re-renders every
//!   page from the resolved site, without reading content again;
//! - anything else (`dossier.yaml`, the source library, pictures, the
//!   interface's words in `i18n/` or a theme's `i18n/`, drafts, a site in
//!   several languages) rebuilds everything.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::related;
use crate::content::{self, Content, Loaded};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::Rendered;
use crate::render::{PageJob, Renderer};
use crate::resolve::{self, Entity};
use crate::search::{self, Record};
use crate::{BuildOptions, BuildReport};

/// Output paths (as `build` writes them) to bytes: a persistent map, so
/// that the copy the server reads while an edit changes a page costs no
/// copy of the map (at 10,000 briefings, copying a hash map of its 16,000
/// files took most of a body edit's time), and two versions compare by
/// the parts they do not share (see `serve::stamps`).
pub type Files = imbl::OrdMap<Arc<str>, Arc<[u8]>>;

/// How much an update had to redo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rebuild {
    /// Changed bodies re-rendered, with their pages.
    Bodies,
    /// Changed documents read again, the site resolved again, and the
    /// pages whose values changed rendered.
    Documents,
    /// Every page re-rendered from the site in memory.
    Templates,
    /// Everything loaded, resolved and rendered again.
    Full,
}

/// What one rebuild did.
#[derive(Debug)]
pub struct Update {
    /// How much was rebuilt.
    pub rebuild: Rebuild,
    /// Files written (pages, plus static files on the slower paths).
    pub pages: usize,
    /// How long it took.
    pub elapsed: Duration,
}

/// The preview's state between rebuilds: the site, its content and its files.
pub struct Session {
    options: BuildOptions,
    /// Sorted as the site lists it, front matter kept.
    content: Content,
    /// Their Markdown, in the same order.
    bodies: content::Bodies,
    /// Their bodies as rendered, for the next resolution.
    memo: crate::resolve::memo::Bodies,
    /// Each page's digest, by output file ([`Renderer::digests`]); empty
    /// until an edit to a document first needs them, and again after
    /// templates changed.
    digests: rustc_hash::FxHashMap<String, u64>,
    /// Pages whose digest an edit to documents left to compare, and
    /// whether it left the open data to make ([`Session::settle`]).
    unverified: rustc_hash::FxHashSet<String>,
    data_pending: bool,
    /// Where each file of `content` sits: its kind's list, and the index.
    paths: HashMap<PathBuf, (content::Kind, usize)>,
    renderer: Renderer,
    files: Files,
    /// One per entity, in [`search::entities`] order; empty when search is off.
    records: Vec<Arc<Record>>,
    warnings: Diagnostics,
    /// Changes whose update failed: still on disk, so every later update
    /// takes them in again. A template saved after a broken briefing must
    /// not show the site as fine.
    failed: Vec<PathBuf>,
    /// Editorial notes `check` would add, as of the last full build.
    notes: usize,
}

impl Session {
    /// Builds the whole site (not its search bundle) into memory.
    pub fn build(options: &BuildOptions) -> Result<(Session, BuildReport), Diagnostics> {
        let started = Instant::now();
        let memo = crate::resolve::memo::Bodies::default();
        let (loaded, diags) = crate::load_kept(options, Some(&memo));
        let Some((site, content, bodies)) = loaded else { return Err(diags) };
        let mut stages = vec![("load+resolve", started.elapsed())];
        let lap = Instant::now();
        let (files, (pages, renderer, warnings)) =
            collect(|sink| crate::render_site(options, Arc::new(site), diags, sink))?;
        stages.push(("render", lap.elapsed()));
        let site = renderer.site();
        let records = match site.config.search {
            true => std::iter::once(site).chain(&site.others).flat_map(|s| search::records(s)).map(Arc::new).collect(),
            false => Vec::new(),
        };
        let notes = crate::resolve::editorial::count(site, &content, &site.today());
        let report = BuildReport {
            pages,
            elapsed: started.elapsed(),
            warnings: warnings.clone(),
            notes,
            published: Vec::new(),
            stages,
        };
        let paths = content.paths();
        let session = Session {
            options: options.clone(),
            content,
            bodies,
            memo: memo.next(),
            // Made when a document's edit first needs them.
            digests: Default::default(),
            unverified: Default::default(),
            data_pending: false,
            paths,
            renderer,
            files,
            records,
            warnings,
            failed: Vec::new(),
            notes,
        };
        Ok((session, report))
    }

    /// Editorial notes `check` would add.
    pub fn notes(&self) -> usize {
        self.notes
    }

    /// Every file of the site.
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// The search records, when `search` is on.
    pub fn search_records(&self) -> Option<&[Arc<Record>]> {
        self.renderer.site().config.search.then_some(self.records.as_slice())
    }

    /// The site as last built.
    pub fn site(&self) -> &crate::Site {
        self.renderer.site()
    }

    /// The last build's warnings.
    pub fn warnings(&self) -> &Diagnostics {
        &self.warnings
    }

    /// Brings the site up to date with `changed` (paths relative to the
    /// site root), and with the changes of earlier updates that failed. On
    /// errors the session is left as it was, and remembers the changes.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Update, Diagnostics> {
        let mut all = std::mem::take(&mut self.failed);
        let mut seen: std::collections::HashSet<PathBuf> = all.iter().cloned().collect();
        all.extend(changed.iter().filter(|c| seen.insert(c.to_path_buf())).cloned());
        let updated = self.apply(&all);
        if updated.is_err() {
            self.failed = all;
        }
        updated
    }

    fn apply(&mut self, changed: &[PathBuf]) -> Result<Update, Diagnostics> {
        let started = Instant::now();
        self.settle()?;
        let (rebuild, pages) = match self.plan(changed) {
            Plan::Documents(changes) => (Rebuild::Documents, self.documents(changes)?),
            Plan::Full => {
                let (session, report) = Session::build(&self.options)?;
                *self = session;
                (Rebuild::Full, report.pages)
            }
            Plan::Templates => (Rebuild::Templates, self.rerender()?),
            Plan::Bodies(docs) => match self.bodies(docs.clone())? {
                Some(pages) => (Rebuild::Bodies, pages),
                // Its links changed what the index says: resolve again.
                None => {
                    (Rebuild::Documents, self.documents(docs.into_iter().map(|d| Change::Read(Box::new(d))).collect())?)
                }
            },
        };
        Ok(Update { rebuild, pages, elapsed: started.elapsed() })
    }

    /// The least work that covers every change.
    fn plan(&self, changed: &[PathBuf]) -> Plan {
        let mut docs = Vec::new();
        let mut templates = false;
        for rel in changed {
            match rel.components().next().and_then(|c| c.as_os_str().to_str()) {
                // The interface's words are the site's (loaded with it).
                Some("themes") if rel.components().nth(2).is_some_and(|c| c.as_os_str() == "i18n") => {
                    return Plan::Full;
                }
                Some("templates" | "themes" | "static") => templates = true,
                // The source library: any briefing may cite what changed.
                Some("content") if content::library::in_library(rel) => return Plan::Full,
                // A page bundle's picture: processed by a full build.
                Some("content") if crate::images::is_picture(rel) => return Plan::Full,
                // Loading skips every other file under content/, there or
                // gone. (A folder moved away must rebuild: it has no `.`.)
                Some("content")
                    if !content::is_markdown(rel)
                        && (self.options.root.join(rel).is_file() || rel.extension().is_some()) => {}
                // Each language's pages show the edited document (in its
                // words or the original's): a full rebuild keeps them alike.
                Some("content") if self.site().languages.several() => return Plan::Full,
                Some("content") => match self.change(rel) {
                    Some(change) => docs.push(change),
                    None => return Plan::Full,
                },
                _ => return Plan::Full,
            }
        }
        let bodies = docs.iter().all(|d| matches!(d, Doc::Body(_)));
        match (templates, docs.is_empty(), bodies) {
            (false, _, true) => Plan::Bodies(docs.into_iter().filter_map(Doc::body).collect()),
            (false, _, false) => Plan::Documents(docs.into_iter().map(Doc::change).collect()),
            (true, true, _) => Plan::Templates,
            (true, false, _) => Plan::Full,
        }
    }

    /// What became of the document at `rel`: its body edited, anything
    /// else about it, or `None` when only a full build covers it (a
    /// draft, a picture not processed yet, a folder).
    fn change(&self, rel: &Path) -> Option<Doc> {
        let file = self.options.root.join(rel);
        if !file.exists() {
            let &(kind, index) = self.paths.get(rel)?;
            return Some(Doc::Other(Change::Removed(kind, index)));
        }
        if !file.is_file() || file.is_symlink() {
            return None;
        }
        let loaded = content::load_one(&self.options.root, &file);
        let Ok((doc, body)) = &loaded else { return Some(Doc::Body(Box::new(loaded))) };
        let old = self
            .paths
            .get(rel)
            .map(|&(kind, index)| (self.content.head(kind, index), self.content.picture(kind, index)));
        if old.is_some_and(|(head, _)| head == doc.head()) {
            return self.pictures_known(rel, body).then_some(Doc::Body(Box::new(loaded)));
        }
        // What loading leaves out or processes is a full build's.
        let same_picture = old.map_or(doc.picture().is_none(), |(_, picture)| picture == doc.picture());
        let draft = match doc {
            Loaded::Briefing(d) => d.matter.draft || d.matter.publish_date.is_some(),
            Loaded::Page(d) => d.matter.draft,
            _ => false,
        };
        let was_draft = self.content.draft_briefings.iter().chain(&self.content.draft_pages).any(|id| id == doc.id());
        let readable = same_picture && !draft && !was_draft && self.pictures_known(rel, body);
        readable.then_some(Doc::Other(Change::Read(Box::new(loaded))))
    }

    /// Whether every picture `body` (the file at `rel`'s) shows is processed.
    fn pictures_known(&self, rel: &Path, body: &str) -> bool {
        let images = &self.renderer.site().images;
        let local = crate::markdown::local_images(body);
        local.iter().all(|i| images.get(rel, &i.dest, crate::images::Role::Wide).is_some())
    }

    /// Re-renders the changed bodies and their pages; `None` when a body's
    /// links or citations changed, which the cross-reference index reflects.
    fn bodies(&mut self, docs: Vec<Result<(Loaded, String), Diagnostic>>) -> Result<Option<usize>, Diagnostics> {
        let mut errors = Diagnostics::default();
        let docs: Vec<(Loaded, String)> = docs.into_iter().filter_map(|d| d.map_err(|e| errors.push(e)).ok()).collect();
        let site = self.renderer.site();
        let mut bodies = Vec::new();
        for ((doc, _), (body, refs, problems)) in docs.iter().zip(resolve::bodies_again(site, &self.content, &docs)) {
            let refs = refs.as_ref();
            let &(kind, index) = self.paths.get(doc.head().path).expect("found when planned");
            let Some(entity) = site.entity(kind, index, doc.id()).filter(|&e| links_alike(site, e, &body, refs)) else {
                return Ok(None);
            };
            let problems: Vec<Diagnostic> = problems.into_iter().filter(Diagnostic::is_error).collect();
            if !problems.is_empty() {
                errors.extend(problems);
                continue;
            }
            bodies.push((entity, body));
        }
        if errors.has_errors() {
            return Err(errors.sorted());
        }
        // Swap the bodies in, render their pages, and swap the old bodies
        // back if a template fails on the new data.
        let mut swapped: Vec<(Entity, PageJob, Rendered)> = Vec::new();
        for (entity, body) in bodies {
            match self.renderer.replace_body(entity, body) {
                Some((page, old)) => swapped.push((entity, page, old)),
                None => return Ok(None),
            }
        }
        let mut rendered = Vec::with_capacity(swapped.len());
        let mut buffer = Vec::new();
        for &(_, page, _) in &swapped {
            match self.renderer.render_page(page, &mut buffer) {
                Ok(path) => {
                    if !self.digests.is_empty() {
                        self.digests.insert(path.clone(), self.renderer.digest(page));
                    }
                    rendered.push((Arc::<str>::from(path), Arc::<[u8]>::from(buffer.as_slice())));
                }
                Err(d) => {
                    for (entity, _, old) in swapped {
                        self.renderer.replace_body(entity, old);
                    }
                    return Err(one(d));
                }
            }
        }
        self.files.extend(rendered);
        let site = self.renderer.site();
        if site.config.search {
            for &(entity, _, _) in &swapped {
                self.records[search::record_index(site, entity)] = Arc::new(search::record(site, entity));
            }
        }
        // The next resolution starts from the text as it is now.
        for (doc, body) in docs {
            let index = self.paths.get(doc.head().path).map(|&(_, index)| index);
            content::replace(&mut self.content, &mut self.bodies, index, doc, body.into());
        }
        Ok(Some(swapped.len()))
    }

    /// Applies `changes` to the documents in memory, resolves the site
    /// again and renders the pages whose values changed (see the module's
    /// text): first those of the entities the edited documents are and
    /// name (and every page of no one entity: lists, feeds), the others
    /// when [`Session::settle`] is called. On errors the session is left
    /// as it was.
    fn documents(&mut self, changes: Vec<Change>) -> Result<usize, Diagnostics> {
        let edited: Vec<related::Key> = changes.iter().filter_map(|c| self.key(c)).collect();
        let undo = self.edit(changes)?;
        let done = self.resolve_edited(&edited);
        if done.is_err() {
            self.revert(undo);
        }
        done
    }

    /// [`Session::documents`] once the documents in memory are edited.
    fn resolve_edited(&mut self, edited: &[related::Key]) -> Result<usize, Diagnostics> {
        let (content, bodies) = (std::mem::take(&mut self.content), std::mem::take(&mut self.bodies));
        let old = self.renderer.site();
        self.memo.start();
        let (resolved, content, bodies, mut warnings) = crate::resolve_again(old, content, bodies, &self.memo);
        (self.content, self.bodies) = (content, bodies);
        let Some(site) = resolved else { return Err(warnings) };
        let edited_now: rustc_hash::FxHashSet<(content::Kind, &content::model::Id)> =
            edited.iter().map(|(kind, id)| (*kind, id)).collect();
        let renderer =
            self.renderer.again(Arc::new(site), &|kind, id| edited_now.contains(&(kind, id))).map_err(one)?;
        let mut problems = renderer.clashes();
        let published = crate::published::read(&self.options.root).map_err(one)?;
        problems.extend(crate::published::gone(&published, &renderer.served().iter().map(String::as_str).collect()));
        if !problems.is_empty() {
            warnings.extend(problems);
            return Err(warnings);
        }
        if self.digests.is_empty() {
            self.digests = self.renderer.digests();
        }
        let all = renderer.globals() != self.renderer.globals();
        let mut related = related::related(self.renderer.site(), edited);
        related.extend(related::related(renderer.site(), edited));
        let first: rustc_hash::FxHashSet<(content::Kind, &content::model::Id)> =
            related.iter().map(|(kind, id)| (*kind, id)).collect();
        // The pages of those entities, and every page of no one entity but
        // a list's later pages (thousands at 10,000 briefings, and they
        // show items, not positions).
        let pick = |_: &str, of: Option<(&crate::Site, Entity)>, later: bool| {
            all || of.map_or(!later, |(site, e)| first.contains(&site.key(e)))
        };
        let fresh = renderer.digests_of(&pick);
        // New site-wide values show on every page.
        let wanted = |file: &str| all || fresh.get(file).is_some_and(|d| self.digests.get(file) != Some(d));
        let rendered = renderer.render_only(&wanted).map_err(one)?;
        let pages_now = renderer.files();
        let mut files = self.files.clone();
        retain(&mut files, |file, _| pages_now.contains(file) || !self.digests.contains_key(file));
        let pages = rendered.len();
        files.extend(rendered.into_iter().map(|(file, bytes)| (Arc::<str>::from(file), Arc::<[u8]>::from(bytes))));
        self.derived(&renderer, &mut files, &mut warnings)?;
        // Done: nothing below can fail.
        self.digests.retain(|file, _| pages_now.contains(file));
        self.unverified = pages_now.into_iter().filter(|file| !fresh.contains_key(file)).collect();
        self.digests.extend(fresh);
        self.paths = self.content.paths();
        self.memo = std::mem::take(&mut self.memo).next();
        self.warnings = self.kept_warnings(warnings);
        self.data_pending = true;
        let old = (std::mem::replace(&mut self.files, files), std::mem::replace(&mut self.renderer, renderer));
        // Freeing a big site's many small allocations takes a moment: off
        // the preview's path.
        std::thread::spawn(move || drop(old));
        Ok(pages)
    }

    /// The warnings after resolving again: `warnings` (the documents',
    /// and those of links to files), and those of the last full build
    /// that are not about a document or such a link (interface words,
    /// files skipped, page weights).
    fn kept_warnings(&self, warnings: Diagnostics) -> Diagnostics {
        let mut all = warnings;
        let about_documents =
            |d: &&Diagnostic| self.paths.contains_key(&d.path) || d.code == crate::codes::Code::Rooted;
        all.extend(self.warnings.iter().filter(|d| !about_documents(d)).cloned());
        all.sorted()
    }

    /// Compares the values of the pages the last edit to documents left
    /// (see [`Session::documents`]) and renders those that changed, and
    /// makes the open data, the search records and the count of
    /// editorial notes again. Returns how many pages it rendered, and
    /// whether any file changed.
    pub fn settle(&mut self) -> Result<(usize, bool), Diagnostics> {
        let mut changed = false;
        if std::mem::take(&mut self.data_pending) {
            let site = self.renderer.site();
            let mut data = self.open_data(site)?;
            retain(&mut data, |rel, bytes| self.files.get(rel) != Some(bytes));
            changed = !data.is_empty();
            if site.config.search {
                let entities: Vec<Entity> = search::entities(site).collect();
                self.records = entities.par_iter().map(|&e| Arc::new(search::record(site, e))).collect();
            }
            self.notes = crate::resolve::editorial::count(site, &self.content, &site.today());
            if changed {
                self.files.extend(data);
            }
        }
        if self.unverified.is_empty() {
            return Ok((0, changed));
        }
        let unverified = std::mem::take(&mut self.unverified);
        let fresh = self.renderer.digests_of(&|file, _, _| unverified.contains(file));
        let wanted = |file: &str| fresh.get(file).is_some_and(|d| self.digests.get(file) != Some(d));
        let rendered = match self.renderer.render_only(&wanted) {
            Ok(rendered) => rendered,
            Err(d) => {
                self.unverified = unverified;
                return Err(one(d));
            }
        };
        self.digests.extend(fresh);
        self.files.extend(
            rendered.iter().map(|(file, bytes)| (Arc::<str>::from(file.as_str()), Arc::<[u8]>::from(bytes.as_slice()))),
        );
        Ok((rendered.len(), changed || !rendered.is_empty()))
    }

    /// Makes each page's digest now, when the next edit to a document
    /// would (after a full build, or a change to templates): the preview
    /// is out already, and the edit is shown that much sooner.
    pub fn prepare_for_edits(&mut self) {
        if self.digests.is_empty() && !self.site().languages.several() {
            self.digests = self.renderer.digests();
        }
    }

    /// The key of the document a change is about.
    fn key(&self, change: &Change) -> Option<related::Key> {
        match change {
            Change::Read(read) => read.as_ref().as_ref().ok().map(|(doc, _)| (doc.head().kind, doc.id().clone())),
            Change::Removed(kind, index) => Some((*kind, self.content.id(*kind, *index).clone())),
        }
    }

    /// Applies `changes` to the documents in memory (in no order: resolving
    /// sorts them); returns what it took away. On errors nothing changed.
    /// (Done in place: a copy of every document to edit cost more than
    /// the rest of the edit at 10,000 briefings.)
    fn edit(&mut self, changes: Vec<Change>) -> Result<Undo, Diagnostics> {
        let mut errors = Diagnostics::default();
        let (mut read, mut removed) = (Vec::new(), Vec::new());
        for change in changes {
            match change {
                Change::Read(r) => match *r {
                    Err(d) => errors.push(d),
                    Ok(doc) => read.push(doc),
                },
                Change::Removed(kind, index) => removed.push((kind, index)),
            }
        }
        if errors.has_errors() {
            return Err(errors.sorted());
        }
        let (content, bodies, mut undo) = (&mut self.content, &mut self.bodies, Undo::default());
        for (doc, body) in read {
            let path = doc.head().path.to_path_buf();
            let index = self.paths.get(&path).map(|&(_, index)| index);
            match content::replace(content, bodies, index, doc, body.into()) {
                Some(old) => undo.replaced.push(old),
                None => undo.added.push(path),
            }
        }
        // From the last, so that each index still names its document.
        removed.sort_unstable_by_key(|&(_, index)| std::cmp::Reverse(index));
        for (kind, index) in removed {
            let (doc, body) = content::remove(content, bodies, kind, index);
            undo.removed.push((index, doc, body));
        }
        Ok(undo)
    }

    /// Puts the documents in memory back as they were before the edit
    /// `undo` took them from, sorted as they were.
    fn revert(&mut self, undo: Undo) {
        let (content, bodies) = (&mut self.content, &mut self.bodies);
        for path in undo.added {
            if let Some((kind, index)) = content.index_of(&path) {
                content::remove(content, bodies, kind, index);
            }
        }
        for (doc, body) in undo.replaced {
            let index = content.index_of(doc.head().path).map(|(_, index)| index);
            content::replace(content, bodies, index, doc, body);
        }
        // Topics keep the order of their files: each at its old place.
        for (index, doc, body) in undo.removed.into_iter().rev() {
            content::insert(content, bodies, index, doc, body);
        }
        resolve::sort(content, bodies);
    }

    /// The site's open data files (unless its own static files have one
    /// of theirs: those win, as in a full build).
    fn open_data(&self, site: &crate::Site) -> Result<Files, Diagnostics> {
        let statics = self.options.root.join("static");
        let (mut made, _) = collect(|sink| match site.config.open_data {
            true => {
                crate::render::data::files(site, sink).map_err(|(rel, e)| crate::write_error(&self.options, &rel, &e))
            }
            false => Ok(0),
        })
        .map_err(one)?;
        retain(&mut made, |rel, _| !statics.join(rel).is_file());
        Ok(made)
    }

    /// The files made from the whole site rather than page by page, made
    /// again into `files`: the social cards; and the warnings of links to
    /// files.
    fn derived(&self, renderer: &Renderer, files: &mut Files, warnings: &mut Diagnostics) -> Result<(), Diagnostics> {
        let site = renderer.site();
        let now: std::collections::HashSet<String> = renderer.cards().flat_map(|c| c.files()).collect();
        for rel in self.renderer.cards().flat_map(|c| c.files()).filter(|rel| !now.contains(rel)) {
            files.remove(rel.as_str());
        }
        let (root, known) = (&self.options.root, |rel: &str| files.contains_key(rel));
        let unwritten = |rel: &str, e: &std::io::Error| crate::write_error(&self.options, rel, e);
        let (cards, _) =
            collect(|sink| renderer.cards().try_for_each(|c| c.write_new(root, sink, &unwritten, &known).map(drop)))
                .map_err(one)?;
        files.extend(cards);
        // Root-relative links in bodies, against every file there is.
        let search = |p: &str| site.config.search && p.starts_with(crate::urls::SEARCH_BUNDLE_DIR);
        warnings.extend(crate::resolve::links::rooted(&site.rooted_links, |p| files.contains_key(p) || search(p)));
        Ok(())
    }

    /// Every page again from the site in memory, with the templates,
    /// theme and static files as they are now.
    fn rerender(&mut self) -> Result<usize, Diagnostics> {
        let site = Arc::clone(self.renderer.site());
        let (files, (pages, renderer, warnings)) =
            collect(|sink| crate::render_site(&self.options, site, self.warnings.clone(), sink))?;
        self.renderer = renderer;
        self.files = files;
        self.warnings = warnings;
        self.digests.clear();
        Ok(pages)
    }
}

enum Plan {
    Full,
    Templates,
    Bodies(Vec<Result<(Loaded, String), Diagnostic>>),
    Documents(Vec<Change>),
}

/// What became of one document.
enum Doc {
    /// Only its body changed (or it no longer loads: [`Session::bodies`]
    /// reports why).
    Body(Box<Result<(Loaded, String), Diagnostic>>),
    Other(Change),
}

impl Doc {
    fn body(self) -> Option<Result<(Loaded, String), Diagnostic>> {
        match self {
            Doc::Body(b) => Some(*b),
            Doc::Other(_) => None,
        }
    }

    fn change(self) -> Change {
        match self {
            Doc::Body(b) => Change::Read(b),
            Doc::Other(c) => c,
        }
    }
}

/// What [`Session::edit`] took away from the documents in memory.
#[derive(Default)]
struct Undo {
    /// The files of the documents it added.
    added: Vec<PathBuf>,
    /// The documents (and bodies) it replaced by their files' new text.
    replaced: Vec<(Loaded, content::Body)>,
    /// The documents it removed, each with its index then, last first.
    removed: Vec<(usize, Loaded, content::Body)>,
}

/// A document edited, added or removed.
enum Change {
    /// Read again (or for the first time), or failed to.
    Read(Box<Result<(Loaded, String), Diagnostic>>),
    /// Gone, from the kind's list at that index.
    Removed(content::Kind, usize),
}

fn one(d: Diagnostic) -> Diagnostics {
    let mut diags = Diagnostics::default();
    diags.push(d);
    diags
}

/// Whether `body`, entity `e`'s new one, links as the old did (`refs`:
/// a briefing's links, which the cross-reference index reflects) and
/// keeps every heading other pages may link to.
fn links_alike(site: &crate::Site, e: Entity, body: &Rendered, refs: Option<&crate::resolve::BodyRefs>) -> bool {
    let same_refs = match (e, refs) {
        (Entity::Briefing(i), Some(refs)) => site.briefings[i].refs == *refs,
        _ => true,
    };
    same_refs && site.body(e).toc.iter().all(|was| body.toc.iter().any(|t| t.id == was.id))
}

/// Removes the files `keep` refuses (the persistent map has no `retain`).
fn retain(files: &mut Files, keep: impl Fn(&str, &Arc<[u8]>) -> bool) {
    let gone: Vec<Arc<str>> =
        files.iter().filter(|(rel, bytes)| !keep(rel, bytes)).map(|(rel, _)| Arc::clone(rel)).collect();
    for rel in gone {
        files.remove(&rel);
    }
}

/// Runs `produce` with a sink that gathers files into memory.
fn collect<T, E>(produce: impl FnOnce(crate::output::Sink) -> Result<T, E>) -> Result<(Files, T), E> {
    let files = Mutex::new(Files::new());
    let out = produce(&|rel: &str, bytes: &[u8]| {
        files.lock().unwrap_or_else(|e| e.into_inner()).insert(Arc::from(rel), Arc::from(bytes));
        Ok(())
    })?;
    Ok((files.into_inner().unwrap_or_else(|e| e.into_inner()), out))
}
