//! `dossier init` and `dossier new`: starting points users edit.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::content::model::{capped, slugify};

/// What `dossier new` makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NewKind {
    /// A briefing, as a draft.
    Briefing,
    /// An actor.
    Actor,
    /// A question.
    Question,
}

const INIT_FILES: &[(&str, &str)] = &[
    (
        "dossier.yaml",
        "title: My briefings\ndescription: Who stands where, and how we know.\n\
         # The address the site is published at. Feeds, the sitemap and robots.txt\n\
         # need it whole (https://…): `dossier build` warns until it is set.\n\
         base_url: /\nlanguage: en\n\
         # Full-text search (Pagefind) and a /search/ page; indexing adds about 4 ms per page to a build.\n\
         search: true\n\
         # A picture for every shared link (drawn once per page, then cached).\n\
         social_cards: true\n",
    ),
    (
        "content/briefings/first-briefing.md",
        r#"---
title: The first briefing
date: 2025-01-15
summary: A short example that shows actors, a question, two positions and their sources.
topics: [example]
actors: [jane-doe, example-city-council]
positions:
  - actor: jane-doe
    question: should-we-build-it
    stance: supports
    summary: Backs the project if costs stay under budget.
    quote: "We should build it, and we should build it well."
    sources: [press-release]
  - actor: example-city-council
    question: should-we-build-it
    stance: opposes
    summary: Voted against the current cost estimate.
    sources: [council-minutes]
sources:
  - id: press-release
    title: Statement on the project
    publisher: Office of the Mayor
    url: https://example.org/press/bridge-statement
    date: 2025-01-14
    kind: primary
  - id: council-minutes
    title: Minutes of the council meeting
    publisher: Example City Council
    url: https://example.org/council/minutes-2025-01-13
    date: 2025-01-13
    kind: primary
---
[[jane-doe]] set out her view in a statement [@press-release]; the council
voted against the cost estimate the day before [@council-minutes]. See the
question [[questions/should-we-build-it]] for everyone's position over time,
and run `dossier check` for an editor's warnings as the site grows.

## What happens next

Edit this file, add actors under `content/actors/`, then run `dossier build`.
"#,
    ),
    (
        "content/actors/jane-doe.md",
        "---\nname: Jane Doe\nkind: person\nrole: Mayor of Example City\naffiliations: [example-city-council]\naliases: [the mayor]\n---\nA short profile of the actor.\n",
    ),
    (
        "content/actors/example-city-council.md",
        "---\nname: Example City Council\nkind: organization\n---\nThe city's elected council.\n",
    ),
    (
        "content/questions/should-we-build-it.md",
        "---\ntitle: Should the city build the new bridge?\n---\nBackground on the question.\n",
    ),
    ("content/about.md", "---\ntitle: About\n---\nWhat this site is and who writes it.\n"),
];

/// Creates a new site in `dir`, which must not exist or hold only what a
/// fresh repository has (a README, a licence, dotfiles such as `.git`).
pub fn init(dir: &Path) -> io::Result<()> {
    if dir.exists() {
        let mut held: Vec<String> = fs::read_dir(dir)?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| !harmless(name) || INIT_FILES.iter().any(|(rel, _)| rel == name))
            .collect();
        if !held.is_empty() {
            held.sort();
            return Err(io::Error::other(format!(
                "{} is not empty (it holds {}); choose a new folder (a README, a licence and dotfiles may be there)",
                dir.display(),
                held.join(", ")
            )));
        }
    }
    for (rel, text) in INIT_FILES {
        write_new(&dir.join(rel), text)?;
    }
    fs::create_dir_all(dir.join("static"))?;
    ignore(dir)
}

/// What a site's repository should not track: the build's output and
/// dossier's caches (safe to delete).
const IGNORED: &[&str] = &["/public/", "/.dossier-cache/"];

/// Adds [`IGNORED`] to the folder's `.gitignore`, keeping what it holds.
fn ignore(dir: &Path) -> io::Result<()> {
    let path = dir.join(".gitignore");
    let mut text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    let missing: Vec<&str> = IGNORED.iter().copied().filter(|line| !text.lines().any(|l| l.trim() == *line)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in missing {
        text.push_str(line);
        text.push('\n');
    }
    fs::write(path, text)
}

/// Creates a briefing, actor or question file named after `title` (or
/// `id`, when given). A briefing starts as a draft: published empty, it
/// would top the home page and the feed.
pub fn new(root: &Path, kind: NewKind, title: &str, id: Option<String>) -> io::Result<PathBuf> {
    let id = match id {
        Some(id) => crate::content::model::Id::parse(&id).map_err(io::Error::other)?.as_str().to_owned(),
        None => capped(slugify(title), title),
    };
    if id.is_empty() {
        return Err(io::Error::other("the title has no letters or digits to make a file name from; pass --id"));
    }
    let quoted = serde_json::to_string(title.trim()).unwrap_or_default();
    let (folder, text) = match kind {
        NewKind::Briefing => (
            "briefings",
            format!(
                "---\ntitle: {quoted}\ndate: {}\ndraft: true\nsummary: \"\"\ntopics: []\nactors: []\npositions: []\nsources: []\n---\n",
                today()
            ),
        ),
        NewKind::Actor => ("actors", format!("---\nname: {quoted}\nkind: person\nrole: \"\"\n---\n")),
        NewKind::Question => ("questions", format!("---\ntitle: {quoted}\n---\n")),
    };
    let path = root.join("content").join(folder).join(format!("{id}.md"));
    write_new(&path, &text)?;
    Ok(path)
}

/// What a new repository holds before a site is made in it.
fn harmless(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    name.starts_with('.') || ["README", "LICENSE", "LICENCE", "COPYING"].iter().any(|p| upper.starts_with(p))
}

/// Writes built-in theme `name` into `dir` (`templates/`, `static/`), to
/// start a theme from; returns how many files it wrote. `dir` must be new
/// or empty: nothing is overwritten.
pub fn export_theme(name: &str, dir: &Path) -> io::Result<usize> {
    let files = crate::render::templates::builtin_files(name).ok_or_else(|| {
        let names: Vec<&str> = crate::render::templates::THEMES.iter().map(|t| t.name).collect();
        io::Error::other(format!("no built-in theme `{name}`; the built-in themes are {}", names.join(", ")))
    })?;
    if dir.exists() && fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::other(format!("{} is not empty; choose a new folder", dir.display())));
    }
    for (rel, bytes) in &files {
        write_new_bytes(&dir.join(rel), bytes)?;
    }
    Ok(files.len())
}

pub(crate) fn write_new(path: &Path, text: &str) -> io::Result<()> {
    write_new_bytes(path, text.as_bytes())
}

fn write_new_bytes(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(p) = path.parent() {
        fs::create_dir_all(p)?;
    }
    let mut file = fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            io::Error::other(format!("{} already exists; nothing was overwritten", path.display()))
        } else {
            e
        }
    })?;
    io::Write::write_all(&mut file, bytes)
}

/// Today's date (UTC) as `YYYY-MM-DD`.
fn today() -> String {
    crate::content::model::Date::today().ymd()
}
