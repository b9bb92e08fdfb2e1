//! Pictures: portraits and lead images named in front matter, found,
//! processed once (upright, stripped of metadata, resized, WebP plus a
//! JPEG or PNG fallback), cached between builds and written with the
//! site. Templates get each picture as a value with `srcset`s and sizes
//! ([`Picture::value`]).

mod cache;
mod find;
mod process;

use std::hash::Hasher;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::codes::Code;
use crate::config;
use crate::content::model::ImageMatter;
use crate::content::{Bodies, Content, Document, yaml::Seg};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::BodyImage;
use crate::output::{Sink, WriteError};
use crate::urls::Urls;

pub use cache::DIR as CACHE_DIR;

/// The folder, under the output, the pictures are written to.
pub const OUTPUT_DIR: &str = "images";

/// Whether `path` names a file dossier publishes as a picture.
pub fn is_picture(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    matches!(ext.as_str(), "jpg" | "jpeg" | "png" | "webp" | "svg")
}

/// What a picture is used as, which decides its widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// A lead image or a picture in a body: the column's width.
    Wide,
    /// An actor's or author's portrait: small.
    Portrait,
}

/// Where a published file's bytes are.
#[derive(Debug, Clone)]
enum Bytes {
    /// In the cache (or, for SVG, the source file).
    File(PathBuf),
    /// Made by this build where the cache could not be written.
    Memory(Arc<[u8]>),
}

/// One width of a picture.
#[derive(Debug, Clone)]
pub struct Variant {
    /// Its size in pixels.
    pub width: u32,
    /// Its height.
    pub height: u32,
    /// The WebP's path under the output (none for SVG).
    pub webp: Option<String>,
    /// The JPEG, PNG or SVG's path under the output.
    pub fallback: String,
}

/// A picture as published.
#[derive(Debug, Clone)]
pub struct Picture {
    /// Narrowest first; the last is the largest.
    pub variants: Vec<Variant>,
    /// The fallback's MIME type.
    pub mime: &'static str,
    files: Vec<(String, Bytes)>,
}

impl Picture {
    /// The largest variant.
    pub fn largest(&self) -> &Variant {
        self.variants.last().expect("a picture has at least one variant")
    }

    /// The `<picture>` a body shows for `![alt](… "title")`: as the
    /// `picture` component writes it, lazily loaded.
    pub fn html(&self, alt: &str, title: &str, urls: &Urls) -> String {
        use crate::escape::html as esc;
        const SIZES: &str = "(min-width: 48rem) 46rem, 100vw";
        let view = self.value(&ImageMatter { src: String::new(), alt: alt.into(), caption: None, credit: None }, urls);
        let mut out = String::from("<picture>");
        if let Some(set) = &view.webp_srcset {
            out.push_str(&format!(r#"<source type="image/webp" srcset="{}" sizes="{SIZES}">"#, esc(set)));
        }
        out.push_str(&format!(r#"<img src="{}""#, esc(&view.src)));
        if let Some(set) = &view.srcset {
            out.push_str(&format!(r#" srcset="{}" sizes="{SIZES}""#, esc(set)));
        }
        out.push_str(&format!(r#" width="{}" height="{}" alt="{}""#, view.width, view.height, esc(alt)));
        if !title.is_empty() {
            out.push_str(&format!(r#" title="{}""#, esc(title)));
        }
        out.push_str(r#" loading="lazy" decoding="async"></picture>"#);
        out
    }

    /// What templates get: the largest file as `src` with its `width` and
    /// `height`, the `srcset`s (`webp_srcset` for a `<source>`), the alt
    /// text, caption and credit, and `absolute` for social cards.
    pub fn value(&self, matter: &ImageMatter, urls: &Urls) -> PictureView {
        let srcset = |webp: bool| {
            let set: Vec<String> = self
                .variants
                .iter()
                .filter_map(|v| {
                    let path = if webp { v.webp.as_deref()? } else { &v.fallback };
                    Some(format!("{} {}w", urls.asset(path), v.width))
                })
                .collect();
            (self.variants.len() > 1 || webp).then(|| set.join(", ")).filter(|s| !s.is_empty())
        };
        let largest = self.largest();
        let src = urls.asset(&largest.fallback);
        PictureView {
            absolute: urls.absolute(&src),
            small: urls.asset(&self.variants[0].fallback),
            src,
            width: largest.width,
            height: largest.height,
            mime: self.mime,
            srcset: srcset(false),
            webp_srcset: srcset(true),
            alt: matter.alt.clone(),
            caption: matter.caption.clone(),
            credit: matter.credit.clone(),
        }
    }
}

/// A picture as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct PictureView {
    /// The largest JPEG, PNG or SVG.
    pub src: String,
    /// `src` with the site's host, for shared links.
    pub absolute: String,
    /// The narrowest file, for a thumbnail (a node of the network).
    pub small: String,
    /// `src`'s width in pixels.
    pub width: u32,
    /// `src`'s height in pixels.
    pub height: u32,
    /// `src`'s MIME type.
    #[serde(rename = "type")]
    pub mime: &'static str,
    /// Every width of the fallback (none for a picture of one width).
    pub srcset: Option<String>,
    /// Every width as WebP (none for SVG).
    pub webp_srcset: Option<String>,
    /// What it shows, for readers who cannot see it.
    pub alt: String,
    /// Shown under it.
    pub caption: Option<String>,
    /// Who made it.
    pub credit: Option<String>,
}

/// Every picture the site uses, by the file naming it, its `src` as
/// written and its role.
#[derive(Debug, Default, Clone)]
pub struct Images {
    by_use: FxHashMap<(PathBuf, String, Role), Arc<Picture>>,
    /// Pictures published as their source for now (see [`prepare`]'s `later`).
    pending: Vec<Pending>,
    /// Each translation's file and its original's: a translation shows
    /// the original's pictures (its front matter names none of its own).
    originals: FxHashMap<PathBuf, PathBuf>,
}

/// A picture to process after the build: `serve` shows its source until then.
#[derive(Debug, Clone)]
pub struct Pending {
    /// The source file.
    pub file: PathBuf,
    key: String,
    widths: Vec<u32>,
    quality: u8,
}

impl Pending {
    /// Its cache key: one per source and settings.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Processes it into the cache, where the next build finds it; a
    /// failure is marked there, so that build processes it itself and
    /// reports why.
    pub fn process(&self, root: &Path) {
        let done = std::fs::read(&self.file)
            .map_err(|e| e.to_string())
            .and_then(|bytes| process::process(&bytes, &self.widths, self.quality))
            .and_then(|p| cache::write(root, &self.key, &p).map_err(|e| e.to_string()));
        if done.is_err() {
            cache::mark_failed(root, &self.key);
        }
    }
}

impl Images {
    /// Pictures published as their source until processed.
    pub fn pending(&self) -> &[Pending] {
        &self.pending
    }

    /// The picture `src` names in the file at `doc` (relative to the root).
    /// In a translation, a picture its body does not place is its
    /// original's.
    pub fn get(&self, doc: &Path, src: &str, role: Role) -> Option<&Picture> {
        let found = |doc: &Path| self.by_use.get(&(doc.to_path_buf(), src.to_owned(), role)).map(|p| &**p);
        found(doc).or_else(|| found(self.originals.get(doc)?))
    }

    /// What templates get for the picture `matter` names in the file at
    /// `doc`, if it has one (see [`Picture::value`]).
    pub fn value(&self, doc: &Path, matter: Option<&ImageMatter>, role: Role, urls: &Urls) -> Option<PictureView> {
        let matter = matter?;
        Some(self.get(doc, &matter.src, role)?.value(matter, urls))
    }

    /// How many distinct files are published.
    pub fn file_count(&self) -> usize {
        self.unique().map(|p| p.files.len()).sum()
    }

    fn unique(&self) -> impl Iterator<Item = &Arc<Picture>> {
        let mut seen = rustc_hash::FxHashSet::default();
        self.by_use.values().filter(move |p| seen.insert(Arc::as_ptr(p)))
    }

    /// Hands every picture's files to `sink`: linked from the cache where
    /// the output allows.
    pub fn write(&self, sink: Sink, fail: &WriteError) -> Result<usize, Diagnostic> {
        let files: Vec<&(String, Bytes)> = self.unique().flat_map(|p| &p.files).collect();
        files.par_iter().try_for_each(|(rel, bytes)| {
            match bytes {
                Bytes::Memory(b) => sink.put(rel, b),
                Bytes::File(path) => sink.put_file(rel, path),
            }
            .map_err(|e| fail(rel, &e))
        })?;
        Ok(files.len())
    }
}

/// One use of a picture: in front matter (`image:`) or in a body.
struct Use<'a> {
    doc: &'a dyn Named,
    /// As parsed: what the page's rendering asks for.
    src: std::borrow::Cow<'a, str>,
    role: Role,
    /// The body and the image's bytes in it, for a picture in a body.
    body: Option<(&'a str, Range<usize>)>,
}

impl Use<'_> {
    fn problem(&self, code: Code, message: String) -> Diagnostic {
        match &self.body {
            Some((body, range)) => self.doc.in_body(code, body, range, message),
            None => self.doc.problem(code, message),
        }
    }
}

/// A document that names pictures.
trait Named: Sync {
    fn path(&self) -> &Path;
    /// A problem at its `image:`'s `src`.
    fn problem(&self, code: Code, message: String) -> Diagnostic;
    /// A problem at `range` of its body.
    fn in_body(&self, code: Code, body: &str, range: &Range<usize>, message: String) -> Diagnostic;
}

impl<M: Sync> Named for Document<M> {
    fn path(&self) -> &Path {
        &self.path
    }
    fn problem(&self, code: Code, message: String) -> Diagnostic {
        self.problem_at(code, &[Seg::Key("image"), Seg::Key("src")], message)
    }
    fn in_body(&self, code: Code, body: &str, range: &Range<usize>, message: String) -> Diagnostic {
        let len = body.get(range.clone()).map_or(1, |s| s.chars().count());
        Diagnostic::new(code, &self.path, message).at(self.body_position(body, range.start)).spanning(len)
    }
}

/// Every use of a picture in `content`: front matter's `image:`, and images
/// in bodies naming a file of the site. A body image without alt text is
/// a warning in `diags`.
fn uses<'a>((content, bodies): (&'a Content, &'a Bodies), diags: &mut Diagnostics) -> Vec<Use<'a>> {
    let mut uses: Vec<Use> = Vec::new();
    let mut named = |doc: &'a dyn Named, image: Option<&'a ImageMatter>, role: Role| {
        if let Some(m) = image {
            uses.push(Use { doc, src: m.src.as_str().into(), role, body: None });
        }
    };
    content.briefings.iter().for_each(|d| named(d, d.matter.image.as_deref(), Role::Wide));
    content.actors.iter().for_each(|d| named(d, d.matter.image.as_ref(), Role::Portrait));
    content.authors.iter().for_each(|d| named(d, d.matter.image.as_ref(), Role::Portrait));
    fn docs<'a, M: Sync>(
        docs: &'a [Document<M>],
        bodies: &'a [crate::content::Body],
    ) -> impl Iterator<Item = (&'a dyn Named, &'a str)> {
        docs.iter().zip(bodies).map(|(d, b)| (d as &dyn Named, b.as_str()))
    }
    let all = docs(&content.briefings, &bodies.briefings)
        .chain(docs(&content.actors, &bodies.actors))
        .chain(docs(&content.questions, &bodies.questions))
        .chain(docs(&content.topics, &bodies.topics))
        .chain(docs(&content.authors, &bodies.authors))
        .chain(docs(&content.pages, &bodies.pages))
        .chain(content.translations.iter().map(|t| (&t.doc as &dyn Named, t.body.as_str())));
    // Each body is parsed where it names a picture or a figure: on all
    // threads, as a large site has tens of thousands.
    let all: Vec<_> = all.collect();
    let found: Vec<_> = all.par_iter().map(|&(_, body)| crate::markdown::local_images(body)).collect();
    for ((doc, body), images) in all.into_iter().zip(found) {
        for image in images {
            let BodyImage { dest, range, has_alt } = image;
            if !has_alt {
                diags.push(
                    doc.in_body(Code::NoAlt, body, &range, format!("picture `{dest}` has no alt text"))
                        .hint("write what it shows between the brackets, `![what it shows](…)`"),
                );
            }
            // Problems with the file point at its name, when written as parsed.
            let at = body[range.clone()].rfind(dest.as_str()).map_or(range.clone(), |i| {
                let start = range.start + i;
                start..start + dest.len()
            });
            uses.push(Use { doc, src: dest.into(), role: Role::Wide, body: Some((body, at)) });
        }
    }
    uses
}

/// Finds and processes every picture `content` names; problems go to
/// `diags` (a missing or damaged picture is an error where it is named).
/// With `later` (`serve`), a picture not in the cache is published as its
/// source file for now, at its size upright, and left in
/// [`Images::pending`]: a page never waits for a picture.
pub fn prepare(
    root: &Path,
    settings: &config::Images,
    content: (&Content, &Bodies),
    later: bool,
    diags: &mut Diagnostics,
) -> Images {
    let uses = uses(content, diags);
    let mut images = Images::default();
    let originals = content.0.by_id();
    let translated = content.0.translations.iter();
    let translated = translated.filter_map(|t| Some((t.doc.path.clone(), originals.get(&(t.kind, &t.doc.id))?.1)));
    images.originals = translated.map(|(t, o)| (t, o.to_path_buf())).collect();
    if uses.is_empty() {
        return images;
    }
    // Each file is processed once however many pages use it.
    let mut files: FxHashMap<(PathBuf, Role), Vec<&Use>> = FxHashMap::default();
    for u in &uses {
        match find::find(root, u.doc.path(), &u.src) {
            Ok(file) => files.entry((file, u.role)).or_default().push(u),
            Err(miss) => diags.push(u.problem(Code::Picture, miss.message).hint(miss.hint)),
        }
    }
    let files: Vec<_> = files.into_iter().collect();
    let done: Vec<_> = files.par_iter().map(|((file, role), _)| publish(root, file, settings, *role, later)).collect();
    for (((file, _), users), result) in files.iter().zip(done) {
        match result {
            Ok((picture, pending)) => {
                images.pending.extend(pending);
                let picture = Arc::new(picture);
                for u in users {
                    let key = (u.doc.path().to_path_buf(), u.src.to_string(), u.role);
                    images.by_use.insert(key, picture.clone());
                }
            }
            Err(why) => {
                let shown = file.strip_prefix(root).unwrap_or(file).display().to_string();
                for u in users {
                    diags.push(u.problem(Code::Picture, format!("cannot publish `{shown}`: {why}")));
                }
            }
        }
    }
    images
}

/// The cache key of a source's bytes with the settings that shape the
/// output: the same picture under other settings is made again.
fn key(bytes: &[u8], widths: &[u32], quality: u8) -> String {
    let mut h = fnv::FnvHasher::default();
    h.write(b"dossier-images-1");
    h.write(bytes);
    for w in widths {
        h.write_u32(*w);
    }
    h.write_u8(quality);
    format!("{:016x}", h.finish())
}

/// Processes (or finds in the cache) one file for `role`; with `later`,
/// a picture not in the cache is its source for now, and left to process.
fn publish(
    root: &Path,
    file: &Path,
    settings: &config::Images,
    role: Role,
    later: bool,
) -> Result<(Picture, Option<Pending>), String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read it: {e}"))?;
    let widths = match role {
        Role::Wide => &settings.widths,
        Role::Portrait => &settings.portrait_widths,
    };
    let key = key(&bytes, widths, settings.quality);
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let stem = crate::content::model::slugify(stem).chars().take(40).collect::<String>();
    let stem = if stem.is_empty() { "image".to_owned() } else { stem };
    let name = |w: u32, ext: &str| format!("{OUTPUT_DIR}/{stem}-{}-{w}.{ext}", &key[..10]);
    if file.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg")) {
        let text = std::str::from_utf8(&bytes).map_err(|_| "the SVG is not UTF-8 text".to_string())?;
        let (width, height) = process::svg_size(text)
            .ok_or("the SVG says no size: give its <svg> a `viewBox` (or `width` and `height`)")?;
        let rel = format!("{OUTPUT_DIR}/{stem}-{}.svg", &key[..10]);
        let variant = Variant { width, height, webp: None, fallback: rel.clone() };
        let files = vec![(rel, Bytes::File(file.into()))];
        return Ok((Picture { variants: vec![variant], mime: "image/svg+xml", files }, None));
    }
    let entry = match cache::read(root, &key) {
        Some(entry) => Ok(entry),
        None => {
            let header = (later && !cache::failed(root, &key)).then(|| process::header(&bytes)).flatten();
            if let Some((width, height, ext, mime)) = header {
                let rel = format!("{OUTPUT_DIR}/{stem}-{}-preview.{ext}", &key[..10]);
                let variant = Variant { width, height, webp: None, fallback: rel.clone() };
                let picture = Picture { variants: vec![variant], mime, files: vec![(rel, Bytes::File(file.into()))] };
                let (widths, quality) = (widths.clone(), settings.quality);
                return Ok((picture, Some(Pending { file: file.into(), key, widths, quality })));
            }
            let processed = process::process(&bytes, widths, settings.quality)?;
            cache::write(root, &key, &processed).map_err(|_| processed)
        }
    };
    let mut files = Vec::new();
    let mut variants = Vec::new();
    let (fallback, sizes): (process::Fallback, Vec<(u32, u32)>) = match &entry {
        Ok(e) => (e.fallback, e.sizes.clone()),
        Err(p) => (p.fallback, p.variants.iter().map(|v| (v.width, v.height)).collect()),
    };
    for (i, &(width, height)) in sizes.iter().enumerate() {
        let (webp, fb) = (name(width, "webp"), name(width, fallback.ext()));
        let (wb, fbb) = match &entry {
            Ok(e) => (Bytes::File(e.file(width, true)), Bytes::File(e.file(width, false))),
            Err(p) => {
                (Bytes::Memory(p.variants[i].webp.clone().into()), Bytes::Memory(p.variants[i].fallback.clone().into()))
            }
        };
        files.push((webp.clone(), wb));
        files.push((fb.clone(), fbb));
        variants.push(Variant { width, height, webp: Some(webp), fallback: fb });
    }
    let mime = match fallback {
        process::Fallback::Jpeg => "image/jpeg",
        process::Fallback::Png => "image/png",
    };
    Ok((Picture { variants, mime, files }, None))
}
