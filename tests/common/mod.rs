//! Helpers for integration tests: small sites in temp folders, the built
//! binary, and a link checker over generated HTML.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub mod browser;
pub mod http;

pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    /// An empty site: a `content/` folder and nothing else.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("content")).unwrap();
        TestSite { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
        self
    }

    pub fn actor(&self, id: &str, front: &str) -> &Self {
        self.write(&format!("content/actors/{id}.md"), &format!("---\n{front}\n---\nProfile of {id}.\n"))
    }

    pub fn question(&self, id: &str, title: &str) -> &Self {
        self.write(&format!("content/questions/{id}.md"), &format!("---\ntitle: {title}\n---\n"))
    }

    pub fn briefing(&self, id: &str, front: &str, body: &str) -> &Self {
        self.write(&format!("content/briefings/{id}.md"), &format!("---\n{front}\n---\n{body}"))
    }

    /// Runs the `dossier` binary with `args`, in the site root.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_dossier")).args(args).current_dir(self.root()).output().expect("run dossier")
    }

    pub fn build(&self) -> Output {
        self.run(&["build", "--root", self.root().to_str().unwrap()])
    }

    pub fn page(&self, rel: &str) -> String {
        let path = self.root().join("public").join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

/// Every file under `dir`, by path relative to it (`/`-separated), with its bytes.
/// A PNG `w`×`h` of one colour.
pub fn png(w: u32, h: u32, rgb: [u8; 3]) -> Vec<u8> {
    use image::ImageEncoder;
    let img = image::RgbImage::from_pixel(w, h, image::Rgb(rgb));
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out).write_image(&img, w, h, image::ExtendedColorType::Rgb8).unwrap();
    out
}

pub fn files_under(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().display().to_string(), fs::read(e.path()).unwrap()))
        .collect()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts the build succeeded and returns its stderr.
pub fn assert_ok(out: &Output) -> String {
    let err = stderr(out);
    assert!(out.status.success(), "build failed:\n{err}");
    err
}

/// Reduces HTML to its text, for assertions about what a reader sees.
pub fn text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every value of `attr="..."` in `html`.
pub fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out
}

/// Checks every internal `href` and `src` in every HTML file under `out`:
/// the target file exists and, with a `#fragment`, has that `id`.
/// `base` is the site's base path (`/` or `/sub/`). Returns the problems.
pub fn broken_links(out: &Path, base: &str) -> Vec<String> {
    let mut pages: HashMap<PathBuf, String> = HashMap::new();
    for entry in walkdir::WalkDir::new(out).into_iter().flatten() {
        if entry.path().extension().is_some_and(|e| e == "html") {
            pages.insert(entry.path().to_path_buf(), fs::read_to_string(entry.path()).unwrap());
        }
    }
    let ids: HashMap<&PathBuf, HashSet<&str>> =
        pages.iter().map(|(p, html)| (p, attr_values(html, "id").into_iter().collect())).collect();
    let mut problems = Vec::new();
    for (page, html) in &pages {
        for link in attr_values(html, "href").into_iter().chain(attr_values(html, "src")) {
            let link = link.replace("&amp;", "&");
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
                || link.starts_with("//")
            {
                continue;
            }
            let (path, fragment) = match link.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (link.as_str(), None),
            };
            let target = if path.is_empty() {
                page.clone()
            } else if let Some(rel) = path.strip_prefix(base) {
                let mut t = out.join(rel);
                if path.ends_with('/') {
                    t = t.join("index.html");
                }
                t
            } else {
                problems.push(format!("{}: link outside the base path: {link}", page.display()));
                continue;
            };
            if !target.exists() {
                problems.push(format!("{}: broken link {link}", page.display()));
                continue;
            }
            if let Some(f) = fragment {
                let found = ids.get(&target).is_some_and(|set| set.contains(f));
                if !found {
                    problems.push(format!("{}: missing #{f} in {link}", page.display()));
                }
            }
        }
    }
    problems.sort();
    problems
}

/// A small but complete site used by several tests.
pub fn sample_site() -> TestSite {
    let site = TestSite::new();
    site.write("dossier.yaml", "title: Test briefings\n");
    site.actor(
        "alice",
        "name: Alice Ames\nkind: person\nrole: Minister\naffiliations: [acme]\naliases: [the minister]",
    );
    site.actor("acme", "name: Acme Party\nkind: organization");
    site.actor("bob", "name: Bob Brown\nkind: person");
    site.question("tax-cut", "Should taxes be cut?");
    site.briefing(
        "first",
        "title: First briefing\ndate: 2025-01-10\ntopics: [economy]\nactors: [alice, bob]\npositions:\n  - actor: alice\n    question: tax-cut\n    stance: supports\n    quote: \"Cut them now.\"\n    sources: [speech]\nsources:\n  - id: speech\n    title: Budget speech\n    publisher: Parliament\n    url: https://example.org/speech\n",
        "Alice spoke [@speech]. See [[bob]] and [[briefings/second]].\n",
    );
    site.briefing(
        "second",
        "title: Second briefing\ndate: 2025-03-01\nactors: [alice]\npositions:\n  - actor: alice\n    question: tax-cut\n    stance: opposes\n    summary: Changed her mind.\n    sources: [interview]\nsources:\n  - id: interview\n    title: Radio interview\n    publisher: Radio One\n",
        "Later, [[the minister]] changed course [@interview].\n",
    );
    site
}
