//! A site kept in memory between rebuilds, brought up to date after each
//! change with as little work as gives the same bytes as a full build:
//!
//! - an edit that leaves a file's front matter alone, and whose body links
//!   and cites what it did before, changes that one body, which only the
//!   entity's own page shows: re-render the body and that page;
//! - a change under `templates/`, `themes/` or `static/` re-renders every
//!   page from the resolved site, without reading content again;
//! - anything else (front matter, new or removed files, `dossier.yaml`,
//!   the interface's words in `i18n/` or a theme's `i18n/`) rebuilds
//!   everything.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::content::{self, Content, Loaded};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::Rendered;
use crate::render::{PageJob, Renderer};
use crate::resolve::{self, Entity};
use crate::search::{self, Record};
use crate::{BuildOptions, BuildReport};

/// Output paths (as `build` writes them) to bytes; both shared, so that a
/// copy of the map to change one page costs no copy of any page or path.
pub type Files = HashMap<Arc<str>, Arc<[u8]>>;

/// How much an update had to redo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rebuild {
    /// Changed bodies re-rendered, with their pages.
    Bodies,
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
    /// Sorted as the site lists it; front matter kept, bodies dropped.
    content: Content,
    /// Where each file of `content` sits: its kind's list, and the index.
    paths: HashMap<PathBuf, (content::Kind, usize)>,
    renderer: Renderer,
    files: Arc<Files>,
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
        let (loaded, diags) = crate::load(options);
        let Some((site, content)) = loaded else { return Err(diags) };
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
        let files = Arc::new(files);
        let session = Session {
            options: options.clone(),
            content,
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
    pub fn files(&self) -> &Arc<Files> {
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
        let (rebuild, pages) = match self.plan(changed) {
            Plan::Full => {
                let (session, report) = Session::build(&self.options)?;
                *self = session;
                (Rebuild::Full, report.pages)
            }
            Plan::Templates => (Rebuild::Templates, self.rerender()?),
            Plan::Bodies(docs) => match self.bodies(docs)? {
                Some(pages) => (Rebuild::Bodies, pages),
                None => {
                    let (session, report) = Session::build(&self.options)?;
                    *self = session;
                    (Rebuild::Full, report.pages)
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
                Some("content") => match self.body_only(rel) {
                    Some(doc) => docs.push(doc),
                    None => return Plan::Full,
                },
                _ => return Plan::Full,
            }
        }
        match (templates, docs.is_empty()) {
            (false, _) => Plan::Bodies(docs),
            (true, true) => Plan::Templates,
            (true, false) => Plan::Full,
        }
    }

    /// The file at `rel` loaded again, if it is one the site has and only
    /// its body changed; a file that no longer loads counts as a body
    /// change, so that its error is reported by [`Session::bodies`].
    fn body_only(&self, rel: &Path) -> Option<Result<(Loaded, String), Diagnostic>> {
        let file = self.options.root.join(rel);
        if !file.is_file() || file.is_symlink() {
            return None;
        }
        let &(kind, index) = self.paths.get(rel)?;
        let old = self.content.head(kind, index);
        let images = &self.renderer.site().images;
        // A picture the site has not processed yet needs a full build.
        let known = |body: &str| {
            let local = crate::markdown::local_images(body);
            local.iter().all(|i| images.get(rel, &i.dest, crate::images::Role::Wide).is_some())
        };
        match content::load_one(&self.options.root, &file) {
            Ok((doc, body)) if doc.head() == old && known(&body) => Some(Ok((doc, body))),
            Ok(_) => None,
            Err(d) => Some(Err(d)),
        }
    }

    /// Re-renders the changed bodies and their pages; `None` when a body's
    /// links or citations changed, which the cross-reference index reflects.
    fn bodies(&mut self, docs: Vec<Result<(Loaded, String), Diagnostic>>) -> Result<Option<usize>, Diagnostics> {
        let mut errors = Diagnostics::default();
        let docs: Vec<(Loaded, String)> = docs.into_iter().filter_map(|d| d.map_err(|e| errors.push(e)).ok()).collect();
        let site = self.renderer.site();
        let mut bodies = Vec::new();
        for ((doc, _), (body, refs, problems)) in docs.iter().zip(resolve::bodies_again(site, &self.content, &docs)) {
            let &(kind, index) = self.paths.get(doc.head().path).expect("found when planned");
            let Some(entity) = site.entity(kind, index, doc.id()) else { return Ok(None) };
            let problems: Vec<Diagnostic> = problems.into_iter().filter(Diagnostic::is_error).collect();
            if !problems.is_empty() {
                errors.extend(problems);
                continue;
            }
            if let (Entity::Briefing(i), Some(refs)) = (entity, refs)
                && site.briefings[i].refs != refs
            {
                return Ok(None);
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
                Ok(path) => rendered.push((Arc::from(path), Arc::from(buffer.as_slice()))),
                Err(d) => {
                    for (entity, _, old) in swapped {
                        self.renderer.replace_body(entity, old);
                    }
                    return Err(one(d));
                }
            }
        }
        Arc::make_mut(&mut self.files).extend(rendered);
        let site = self.renderer.site();
        if site.config.search {
            for &(entity, _, _) in &swapped {
                self.records[search::record_index(site, entity)] = Arc::new(search::record(site, entity));
            }
        }
        Ok(Some(swapped.len()))
    }

    /// Every page again from the site in memory, with the templates,
    /// theme and static files as they are now.
    fn rerender(&mut self) -> Result<usize, Diagnostics> {
        let site = Arc::clone(self.renderer.site());
        let (files, (pages, renderer, warnings)) =
            collect(|sink| crate::render_site(&self.options, site, self.warnings.clone(), sink))?;
        self.renderer = renderer;
        self.files = Arc::new(files);
        self.warnings = warnings;
        Ok(pages)
    }
}

enum Plan {
    Full,
    Templates,
    Bodies(Vec<Result<(Loaded, String), Diagnostic>>),
}

fn one(d: Diagnostic) -> Diagnostics {
    let mut diags = Diagnostics::default();
    diags.push(d);
    diags
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
