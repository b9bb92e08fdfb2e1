//! Reading `content/`: every Markdown file found, split and deserialized
//! in parallel, each placed by the folder it sits in.

use crate::codes::Code;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use super::model::{self, Id};
use super::translation::Translation;
use super::{Bodies, Content, Document, Kind, Loaded, RESERVED_SECTIONS};
use super::{frontmatter, yaml};
use crate::diagnostics::{Diagnostic, Diagnostics, Position};

/// Loads every Markdown file under `root/content`; a file named
/// `<name>.<language>.md` for one of `languages` (lowercase) is a
/// translation (see [`super::translation`]).
pub fn load(root: &Path, include_drafts: bool, languages: &[String], diags: &mut Diagnostics) -> (Content, Bodies) {
    let content_dir = root.join("content");
    let (translations, files): (Vec<PathBuf>, Vec<PathBuf>) =
        markdown_files(root, &content_dir, diags).into_iter().partition(|f| translated(f, languages).is_some());
    let loaded: Vec<Result<Translation, Diagnostic>> = translations
        .par_iter()
        .map(|f| load_translation(root, &content_dir, f, translated(f, languages).expect("partitioned so")))
        .collect();
    let results: Vec<Result<(Loaded, String), Diagnostic>> =
        files.par_iter().map(|file| load_file(root, &content_dir, file)).collect();

    let now = model::Date::now();
    let (mut content, mut bodies) = (Content { now, ..Content::default() }, Bodies::default());
    // A briefing whose `publish_date` is still to come is left out like a draft.
    let unpublished = |m: &model::BriefingMatter| m.draft || m.publish_date.as_ref().is_some_and(|p| p.seconds() > now);
    for (file, result) in files.iter().zip(results) {
        if result.is_err() {
            let kind = Kind::of(file.strip_prefix(&content_dir).unwrap_or(file));
            let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            content.broken.extend(Id::parse(stem).ok().map(|id| (kind, id)));
        }
        let (c, b) = (&mut content, &mut bodies);
        match result {
            Ok((Loaded::Briefing(d), _)) if !include_drafts && unpublished(&d.matter) => c.draft_briefings.push(d.id),
            Ok((Loaded::Briefing(d), body)) => {
                c.briefings.push(d);
                b.briefings.push(body.into());
            }
            Ok((Loaded::Actor(d), body)) => {
                c.actors.push(d);
                b.actors.push(body.into());
            }
            Ok((Loaded::Question(d), body)) => {
                c.questions.push(d);
                b.questions.push(body.into());
            }
            Ok((Loaded::Topic(d), body)) => {
                c.topics.push(d);
                b.topics.push(body.into());
            }
            Ok((Loaded::Author(d), body)) => {
                c.authors.push(d);
                b.authors.push(body.into());
            }
            Ok((Loaded::Page(d), _)) if d.matter.draft && !include_drafts => c.draft_pages.push(d.id),
            Ok((Loaded::Page(d), body)) => {
                c.pages.push(d);
                b.pages.push(body.into());
            }
            Err(d) => diags.push(d),
        }
    }
    for t in loaded {
        match t {
            Ok(t) => content.translations.push(t),
            Err(d) => diags.push(d),
        }
    }
    content.library = super::library::load(root, &content_dir, diags);
    check(&content, diags);
    super::translation::check(&content, diags);
    (content, bodies)
}

/// `fr`, `uk`, `pt-BR`: two or three letters, then perhaps a region.
fn looks_like_language(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A translation file's original stem and language.
fn translated<'f>(file: &'f Path, languages: &[String]) -> Option<(&'f str, String)> {
    super::translation::language_of(file.file_name()?.to_str()?, languages)
}

/// The Markdown files under `content_dir`, in name order.
fn markdown_files(root: &Path, content_dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut files = Vec::new();
    if !content_dir.is_dir() {
        return files;
    }
    for entry in walkdir::WalkDir::new(content_dir).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() && is_markdown(e.path()) => files.push(e.into_path()),
            // Links are never followed: one could point anywhere on the
            // machine, or back at its own folder. Say so, so that no
            // content goes missing in silence.
            Ok(e) if e.path_is_symlink() => diags.push(
                Diagnostic::new(
                    Code::Symlink,
                    relative(root, e.path()),
                    "symbolic link skipped: dossier does not follow links",
                )
                .hint("copy the file or folder into content/ instead"),
            ),
            Ok(_) => {}
            Err(err) => {
                let path = err.path().map(|p| relative(root, p)).unwrap_or_else(|| "content".into());
                diags.push(Diagnostic::new(Code::Io, path, format!("cannot read: {err}")));
            }
        }
    }
    files
}

/// What holds across files: ids unique per kind, no page on a section's URL.
/// What loading checks across files: ids once per kind, no page taking a
/// section's address.
pub fn check(content: &Content, diags: &mut Diagnostics) {
    check_unique(&content.briefings, Kind::Briefing, diags);
    check_unique(&content.actors, Kind::Actor, diags);
    check_unique(&content.questions, Kind::Question, diags);
    check_unique(&content.topics, Kind::Topic, diags);
    check_unique(&content.authors, Kind::Author, diags);
    check_unique(&content.pages, Kind::Page, diags);
    for page in &content.pages {
        if RESERVED_SECTIONS.contains(&page.id.as_str()) {
            diags.push(
                Diagnostic::new(
                    Code::Duplicate,
                    &page.path,
                    format!("page `{}` maps to /{}/, which the {} section uses", page.id, page.id, page.id),
                )
                .at(Position::new(1, 1))
                .hint("rename the file; those URLs are generated by dossier"),
            );
        }
    }
}

/// Whether loading reads the file: `.md`, not hidden, not an editor's `#…` file.
pub fn is_markdown(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    path.extension().is_some_and(|e| e == "md") && !name.starts_with('.') && !name.starts_with('#')
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Loads one file under `root/content` (`file` as found on disk): its
/// document and its Markdown body.
pub fn load_one(root: &Path, file: &Path) -> Result<(Loaded, String), Diagnostic> {
    load_file(root, &root.join("content"), file)
}

fn load_file(root: &Path, content_dir: &Path, file: &Path) -> Result<(Loaded, String), Diagnostic> {
    let rel = file.strip_prefix(content_dir).unwrap_or(file);
    let kind = Kind::of(rel);
    let (parts, body) = read(root, file, bundle_name(rel, kind), kind)?;
    let loaded = match kind {
        Kind::Briefing => Loaded::Briefing(parts.document()?),
        Kind::Actor => Loaded::Actor(parts.document()?),
        Kind::Question => Loaded::Question(parts.document()?),
        Kind::Topic => Loaded::Topic(parts.document()?),
        Kind::Author => Loaded::Author(parts.document()?),
        Kind::Page => Loaded::Page(parts.document()?),
    };
    Ok((loaded, body))
}

/// Loads a translation file: `original` is its original's file stem
/// (`summit`, or `index` in a bundle), `language` its language.
fn load_translation(
    root: &Path,
    content_dir: &Path,
    file: &Path,
    (original, language): (&str, String),
) -> Result<Translation, Diagnostic> {
    let rel = file.strip_prefix(content_dir).unwrap_or(file);
    let kind = Kind::of(rel);
    let original_rel = rel.with_file_name(format!("{original}.md"));
    let (parts, body) = read(root, file, bundle_name(&original_rel, kind), kind)?;
    Ok(Translation { language, kind, doc: parts.document()?, body })
}

/// Reads a file whose id is `stem`: its front matter's parts and its body.
fn read(root: &Path, file: &Path, stem: &str, kind: Kind) -> Result<(Parts, String), Diagnostic> {
    let path = relative(root, file);
    let bytes = std::fs::read(file).map_err(|e| Diagnostic::new(Code::Io, &path, format!("cannot read file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let valid = std::str::from_utf8(&bytes[..e.utf8_error().valid_up_to()]).unwrap_or_default();
        Diagnostic::new(Code::Encoding, &path, "the file is not valid UTF-8")
            .at(Position::of_offset(valid, valid.len()))
            .hint("save the file with UTF-8 encoding")
    })?;
    let id = Id::parse(stem).map_err(|msg| {
        // The plain slug, unless that is refused too (`nul`): then `nul-1`.
        let slug = model::slugify(stem);
        let better = if Id::parse(&slug).is_ok() { slug } else { format!("{slug}-1") };
        let d = Diagnostic::new(Code::Encoding, &path, format!("file name: {msg}"));
        // `summit.fr`: meant as a translation, most likely.
        match stem.rsplit_once('.').filter(|(name, code)| Id::parse(name).is_ok() && looks_like_language(code)) {
            Some((name, code)) => d.hint(format!(
                "to make it the `{code}` translation of {name}.md, list the language in dossier.yaml: `languages: [{{ code: {code} }}]`"
            )),
            None => d.hint(format!("the file name is the {}'s id and URL; rename it to `{better}.md`", kind.noun())),
        }
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
        Diagnostic::new(Code::FrontMatter, &path, message).at(pos).hint(hint)
    })?;
    let body_line = Position::of_offset(&text, split.body_offset).line;
    let (front_matter, front_matter_line, body_offset) =
        (split.front_matter.to_owned(), split.front_matter_line, split.body_offset);
    let mut body = text;
    body.drain(..body_offset);
    Ok((Parts { id, path, front_matter, front_matter_line, body_line }, body))
}

/// The name a file's id is made from: its own, or for a page bundle's
/// `index.md` (`briefings/summit/index.md`, `about/index.md`, with its
/// pictures beside it) its folder's.
fn bundle_name(rel: &Path, kind: Kind) -> &str {
    let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let depth = rel.components().count();
    let bundle = stem == "index" && (depth >= 3 || (kind == Kind::Page && depth >= 2));
    match rel.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()) {
        Some(folder) if bundle => folder,
        _ => stem,
    }
}

/// A file's parts, owned: [`Parts::document`] moves them into the document.
struct Parts {
    id: Id,
    path: PathBuf,
    front_matter: String,
    front_matter_line: usize,
    body_line: usize,
}

impl Parts {
    fn document<M: DeserializeOwned>(self) -> Result<Document<M>, Diagnostic> {
        let matter = yaml::parse(&self.front_matter, &self.path, self.front_matter_line)?;
        Ok(Document {
            id: self.id,
            path: self.path,
            matter,
            front_matter: self.front_matter,
            front_matter_line: self.front_matter_line,
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
                Diagnostic::new(
                    Code::Duplicate,
                    &doc.path,
                    format!("duplicate {} id `{}`: {} has the same file name", kind.noun(), doc.id, first.display()),
                )
                .at(Position::new(1, 1))
                .hint("the file name is the id and the URL; rename one of the two files"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundles_index_takes_its_folders_name() {
        assert_eq!(bundle_name(Path::new("briefings/summit/index.md"), Kind::Briefing), "summit");
        assert_eq!(bundle_name(Path::new("briefings/summit.md"), Kind::Briefing), "summit");
        assert_eq!(bundle_name(Path::new("about/index.md"), Kind::Page), "about");
        assert_eq!(bundle_name(Path::new("index.md"), Kind::Page), "index");
        assert_eq!(bundle_name(Path::new("actors/index.md"), Kind::Actor), "index");
    }
}
