//! Loading: walk `content/`, split each file, deserialize its front matter.
//!
//! Every problem becomes a [`Diagnostic`] with the file and position; a file
//! that fails to load is left out and loading goes on, so one run reports
//! every broken file.

pub mod frontmatter;
pub mod model;
pub mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use model::{ActorMatter, BriefingMatter, Id, PageMatter, QuestionMatter, TopicMatter};

/// What a file under `content/` is, decided by the folder it sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Briefing,
    Actor,
    Question,
    Topic,
    Page,
}

impl Kind {
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Briefing => "briefing",
            Kind::Actor => "actor",
            Kind::Question => "question",
            Kind::Topic => "topic",
            Kind::Page => "page",
        }
    }

    fn of(relative: &Path) -> Kind {
        let mut parts = relative.components();
        let first = parts.next().and_then(|c| c.as_os_str().to_str());
        let nested = parts.next().is_some();
        match first {
            Some("briefings") if nested => Kind::Briefing,
            Some("actors") if nested => Kind::Actor,
            Some("questions") if nested => Kind::Question,
            Some("topics") if nested => Kind::Topic,
            _ => Kind::Page,
        }
    }
}

/// Page URLs a plain page may not take: the generated sections own them.
pub const RESERVED_SECTIONS: &[&str] = &["briefings", "actors", "questions", "topics", "sources", "search"];

/// One loaded file: its id (the file stem), where it is, its typed front
/// matter and its Markdown body.
#[derive(Debug, Clone)]
pub struct Document<M> {
    pub id: Id,
    /// Relative to the site root, as shown in diagnostics.
    pub path: PathBuf,
    pub matter: M,
    pub front_matter: String,
    /// Line (1-based) of the first front-matter line.
    pub front_matter_line: usize,
    pub body: String,
    /// Line (1-based) on which the body starts.
    pub body_line: usize,
    /// The front matter's outline, made on the first [`Document::locate`].
    outline: OnceLock<Arc<yaml::Outline>>,
}

impl<M: Clone> Document<M> {
    /// A copy without the source text, for the stages after resolving: by
    /// then the Markdown is rendered and positions are no longer needed, and
    /// a large site should not hold every file twice.
    pub fn without_text(&self) -> Self {
        self.with_matter(self.matter.clone())
    }
}

impl<M> Document<M> {
    /// [`Document::without_text`], with `matter` for front matter.
    pub fn with_matter<N>(&self, matter: N) -> Document<N> {
        Document {
            id: self.id.clone(),
            path: self.path.clone(),
            matter,
            front_matter: String::new(),
            front_matter_line: self.front_matter_line,
            body: String::new(),
            body_line: self.body_line,
            outline: OnceLock::new(),
        }
    }

    /// Position in the file of a value found by [`yaml::locate`], or the
    /// first front-matter line when the value cannot be found.
    pub fn locate(&self, path: &[yaml::Seg]) -> (Position, usize) {
        let outline = self.outline.get_or_init(|| Arc::new(yaml::Outline::new(&self.front_matter)));
        match outline.locate(&self.front_matter, path) {
            Some(s) => (Position::new(s.line + self.front_matter_line - 1, s.column), s.length),
            None => (Position::new(self.front_matter_line.saturating_sub(1).max(1), 1), 3),
        }
    }

    /// Position in the file of byte `offset` of the body, `body` (which
    /// [`crate::resolve`] may have taken out of the document).
    pub fn body_position(&self, body: &str, offset: usize) -> Position {
        let p = Position::of_offset(body, offset);
        Position::new(p.line + self.body_line - 1, p.column)
    }

    /// An error pointing at the value at `path` in the front matter.
    pub fn error_at(&self, path: &[yaml::Seg], message: impl Into<String>) -> Diagnostic {
        self.point(path, Diagnostic::error(&self.path, message))
    }

    /// A warning pointing at the value at `path` in the front matter.
    pub fn warning_at(&self, path: &[yaml::Seg], message: impl Into<String>) -> Diagnostic {
        self.point(path, Diagnostic::warning(&self.path, message))
    }

    fn point(&self, path: &[yaml::Seg], d: Diagnostic) -> Diagnostic {
        let (pos, len) = self.locate(path);
        d.at(pos).spanning(len)
    }
}

/// Everything under `content/`, typed, drafts already removed (unless asked for).
#[derive(Debug, Default, Clone)]
pub struct Content {
    pub briefings: Vec<Document<BriefingMatter>>,
    pub actors: Vec<Document<ActorMatter>>,
    pub questions: Vec<Document<QuestionMatter>>,
    pub topics: Vec<Document<TopicMatter>>,
    pub pages: Vec<Document<PageMatter>>,
    /// Ids of briefings left out as drafts, so a link to one gets a useful hint.
    pub draft_briefings: Vec<Id>,
    /// Files that failed to load, by kind and id: the rest of the site is
    /// still checked, and a reference to one of them is not an error of its
    /// own (the file's error covers it).
    pub broken: Vec<(Kind, Id)>,
}

/// One loaded file, typed by the folder it sits in.
pub enum Loaded {
    Briefing(Document<BriefingMatter>),
    Actor(Document<ActorMatter>),
    Question(Document<QuestionMatter>),
    Topic(Document<TopicMatter>),
    Page(Document<PageMatter>),
}

impl Loaded {
    pub fn id(&self) -> &Id {
        match self {
            Loaded::Briefing(d) => &d.id,
            Loaded::Actor(d) => &d.id,
            Loaded::Question(d) => &d.id,
            Loaded::Topic(d) => &d.id,
            Loaded::Page(d) => &d.id,
        }
    }

    /// Where the file is, the front matter's text, its first line and the
    /// body's first line: together, everything but the body.
    pub fn head(&self) -> Head<'_> {
        match self {
            Loaded::Briefing(d) => d.head(),
            Loaded::Actor(d) => d.head(),
            Loaded::Question(d) => d.head(),
            Loaded::Topic(d) => d.head(),
            Loaded::Page(d) => d.head(),
        }
    }
}

/// What a file holds besides its body (see [`Loaded::head`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head<'a> {
    pub kind: Kind,
    pub path: &'a Path,
    pub front_matter: &'a str,
    pub front_matter_line: usize,
    pub body_line: usize,
}

impl<M: KindOf> Document<M> {
    fn head(&self) -> Head<'_> {
        Head {
            kind: M::KIND,
            path: &self.path,
            front_matter: &self.front_matter,
            front_matter_line: self.front_matter_line,
            body_line: self.body_line,
        }
    }
}

/// The kind of document a front-matter type belongs to.
pub trait KindOf {
    const KIND: Kind;
}

impl KindOf for BriefingMatter {
    const KIND: Kind = Kind::Briefing;
}
impl KindOf for ActorMatter {
    const KIND: Kind = Kind::Actor;
}
impl KindOf for QuestionMatter {
    const KIND: Kind = Kind::Question;
}
impl KindOf for TopicMatter {
    const KIND: Kind = Kind::Topic;
}
impl KindOf for PageMatter {
    const KIND: Kind = Kind::Page;
}

impl Content {
    /// Drops every body (the front matter stays): for keeping the content
    /// beside the resolved site, whose bodies are already rendered.
    pub fn drop_bodies(&mut self) {
        fn clear<M>(docs: &mut [Document<M>]) {
            docs.iter_mut().for_each(|d| d.body = String::new());
        }
        clear(&mut self.briefings);
        clear(&mut self.actors);
        clear(&mut self.questions);
        clear(&mut self.topics);
        clear(&mut self.pages);
    }

    /// Every document's path (relative to the site root), with its kind and
    /// its index in that kind's list.
    pub fn paths(&self) -> HashMap<PathBuf, (Kind, usize)> {
        fn add<M: KindOf>(docs: &[Document<M>], out: &mut HashMap<PathBuf, (Kind, usize)>) {
            out.extend(docs.iter().enumerate().map(|(i, d)| (d.path.clone(), (M::KIND, i))));
        }
        let mut out = HashMap::new();
        add(&self.briefings, &mut out);
        add(&self.actors, &mut out);
        add(&self.questions, &mut out);
        add(&self.topics, &mut out);
        add(&self.pages, &mut out);
        out
    }

    /// The head of document `index` of `kind` (see [`Content::paths`]).
    pub fn head(&self, kind: Kind, index: usize) -> Head<'_> {
        match kind {
            Kind::Briefing => self.briefings[index].head(),
            Kind::Actor => self.actors[index].head(),
            Kind::Question => self.questions[index].head(),
            Kind::Topic => self.topics[index].head(),
            Kind::Page => self.pages[index].head(),
        }
    }
}

/// Loads every Markdown file under `root/content`.
pub fn load(root: &Path, include_drafts: bool, diags: &mut Diagnostics) -> Content {
    let content_dir = root.join("content");
    let mut files = Vec::new();
    if content_dir.is_dir() {
        for entry in walkdir::WalkDir::new(&content_dir).sort_by_file_name() {
            match entry {
                Ok(e) if e.file_type().is_file() && is_markdown(e.path()) => files.push(e.into_path()),
                // Links are never followed: one could point anywhere on the
                // machine, or back at its own folder. Say so, so that no
                // content goes missing in silence.
                Ok(e) if e.path_is_symlink() => diags.push(
                    Diagnostic::warning(
                        relative(root, e.path()),
                        "symbolic link skipped: dossier does not follow links",
                    )
                    .hint("copy the file or folder into content/ instead"),
                ),
                Ok(_) => {}
                Err(err) => {
                    let path = err.path().map(|p| relative(root, p)).unwrap_or_else(|| "content".into());
                    diags.push(Diagnostic::error(path, format!("cannot read: {err}")));
                }
            }
        }
    }
    let results: Vec<Result<Loaded, Diagnostic>> =
        files.par_iter().map(|file| load_file(root, &content_dir, file)).collect();

    let mut content = Content::default();
    for (file, result) in files.iter().zip(results) {
        if result.is_err() {
            let kind = Kind::of(file.strip_prefix(&content_dir).unwrap_or(file));
            let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            content.broken.extend(Id::parse(stem).ok().map(|id| (kind, id)));
        }
        match result {
            Ok(Loaded::Briefing(d)) if d.matter.draft && !include_drafts => content.draft_briefings.push(d.id),
            Ok(Loaded::Briefing(d)) => content.briefings.push(d),
            Ok(Loaded::Actor(d)) => content.actors.push(d),
            Ok(Loaded::Question(d)) => content.questions.push(d),
            Ok(Loaded::Topic(d)) => content.topics.push(d),
            Ok(Loaded::Page(d)) if d.matter.draft && !include_drafts => {}
            Ok(Loaded::Page(d)) => content.pages.push(d),
            Err(d) => diags.push(d),
        }
    }
    check_unique(&content.briefings, Kind::Briefing, diags);
    check_unique(&content.actors, Kind::Actor, diags);
    check_unique(&content.questions, Kind::Question, diags);
    check_unique(&content.topics, Kind::Topic, diags);
    check_unique(&content.pages, Kind::Page, diags);
    for page in &content.pages {
        if RESERVED_SECTIONS.contains(&page.id.as_str()) {
            diags.push(
                Diagnostic::error(
                    &page.path,
                    format!("page `{}` maps to /{}/, which the {} section uses", page.id, page.id, page.id),
                )
                .at(Position::new(1, 1))
                .hint("rename the file; those URLs are generated by dossier"),
            );
        }
    }
    content
}

/// Whether loading reads the file: `.md`, not hidden, not an editor's `#…` file.
pub fn is_markdown(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    path.extension().is_some_and(|e| e == "md") && !name.starts_with('.') && !name.starts_with('#')
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Loads one file under `root/content` (`file` as found on disk).
pub fn load_one(root: &Path, file: &Path) -> Result<Loaded, Diagnostic> {
    load_file(root, &root.join("content"), file)
}

fn load_file(root: &Path, content_dir: &Path, file: &Path) -> Result<Loaded, Diagnostic> {
    let path = relative(root, file);
    let kind = Kind::of(file.strip_prefix(content_dir).unwrap_or(file));
    let bytes = std::fs::read(file).map_err(|e| Diagnostic::error(&path, format!("cannot read file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let valid = std::str::from_utf8(&bytes[..e.utf8_error().valid_up_to()]).unwrap_or_default();
        Diagnostic::error(&path, "the file is not valid UTF-8")
            .at(Position::of_offset(valid, valid.len()))
            .hint("save the file with UTF-8 encoding")
    })?;
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let id = Id::parse(stem).map_err(|msg| {
        // The plain slug, unless that is refused too (`nul`): then `nul-1`.
        let slug = model::slugify(stem);
        let better = if Id::parse(&slug).is_ok() { slug } else { format!("{slug}-1") };
        Diagnostic::error(&path, format!("file name: {msg}")).hint(format!(
            "the file name is the {}'s id and URL; rename it to `{}.md`",
            kind.noun(),
            better
        ))
    })?;
    // The text read is kept as the body (its front part cut off in place)
    // rather than copied: on a big site that is every file's bytes again.
    let text = match frontmatter::normalize(&text) {
        std::borrow::Cow::Owned(normalized) => Some(normalized),
        std::borrow::Cow::Borrowed(rest) => (rest.len() != text.len()).then(|| rest.to_owned()),
    }
    .unwrap_or(text);
    let split = frontmatter::split(&text).map_err(|e| {
        let (message, hint, pos) = e.message();
        Diagnostic::error(&path, message).at(pos).hint(hint)
    })?;
    let body_line = Position::of_offset(&text, split.body_offset).line;
    let (front_matter, front_matter_line, body_offset) =
        (split.front_matter.to_owned(), split.front_matter_line, split.body_offset);
    let mut body = text;
    body.drain(..body_offset);
    let parts = Parts { id, path: &path, front_matter, front_matter_line, body, body_line };
    Ok(match kind {
        Kind::Briefing => Loaded::Briefing(parts.document()?),
        Kind::Actor => Loaded::Actor(parts.document()?),
        Kind::Question => Loaded::Question(parts.document()?),
        Kind::Topic => Loaded::Topic(parts.document()?),
        Kind::Page => Loaded::Page(parts.document()?),
    })
}

/// A file's parts, owned: [`Parts::document`] moves them into the document.
struct Parts<'a> {
    id: Id,
    path: &'a Path,
    front_matter: String,
    front_matter_line: usize,
    body: String,
    body_line: usize,
}

impl Parts<'_> {
    fn document<M: DeserializeOwned>(self) -> Result<Document<M>, Diagnostic> {
        let matter = yaml::parse(&self.front_matter, self.path, self.front_matter_line)?;
        Ok(Document {
            id: self.id,
            path: self.path.to_path_buf(),
            matter,
            front_matter: self.front_matter,
            front_matter_line: self.front_matter_line,
            body: self.body,
            body_line: self.body_line,
            outline: OnceLock::new(),
        })
    }
}

/// Ids come from file stems, so two files of one kind with one stem clash.
fn check_unique<M>(docs: &[Document<M>], kind: Kind, diags: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    for doc in docs {
        if let Some(first) = seen.insert(doc.id.as_str(), &doc.path) {
            diags.push(
                Diagnostic::error(
                    &doc.path,
                    format!("duplicate {} id `{}`: {} has the same file name", kind.noun(), doc.id, first.display()),
                )
                .at(Position::new(1, 1))
                .hint("the file name is the id and the URL; rename one of the two files"),
            );
        }
    }
}
