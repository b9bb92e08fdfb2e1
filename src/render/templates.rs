//! Finding templates and theme files: the site's `templates/` first, then
//! the active theme's, then the built-in ones compiled into the binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

macro_rules! embed {
    ($($name:literal),+ $(,)?) => {
        &[$(($name, include_str!(concat!("../../templates/", $name)))),+]
    };
}

/// The built-in templates, by name.
pub const BUILTIN: &[(&str, &str)] = embed!(
    "base.html",
    "macros.html",
    "index.html",
    "briefing.html",
    "briefings.html",
    "actor.html",
    "actors.html",
    "question.html",
    "questions.html",
    "topic.html",
    "topics.html",
    "sources.html",
    "publisher.html",
    "page.html",
    "404.html",
    "search.html",
    "atom.xml",
    "sitemap.xml",
    "sitemap_index.xml",
    "robots.txt",
    "partials/briefing_item.html",
    "partials/position.html",
    "partials/actor_preview.html",
);

/// The default theme's static files, compiled in. Every theme gets them
/// under its own, so built-in templates a theme does not override still
/// find their script.
pub const DEFAULT_THEME_STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../themes/default/static/style.css")),
    ("site.js", include_bytes!("../../themes/default/static/site.js")),
    ("favicon.svg", include_bytes!("../../themes/default/static/favicon.svg")),
];
pub const DEFAULT_THEME_NAME: &str = "default";

/// A theme's static files, in memory: relative path and bytes.
pub type StaticFiles = Vec<(String, Vec<u8>)>;

/// Loads every template in lookup order into one Tera instance, and returns
/// the theme's static files to copy.
pub fn load(root: &Path, theme: &str) -> Result<(tera::Tera, StaticFiles), Vec<Diagnostic>> {
    let mut sources: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
    for (name, text) in BUILTIN {
        sources.insert((*name).to_owned(), (PathBuf::from("<built-in>").join(name), (*text).to_owned()));
    }
    let theme_dir = root.join("themes").join(theme);
    let mut problems = Vec::new();
    let mut statics: StaticFiles = DEFAULT_THEME_STATIC.iter().map(|(p, b)| ((*p).to_owned(), b.to_vec())).collect();
    if theme_dir.is_dir() {
        read_dir(root, &theme_dir.join("templates"), &mut sources, &mut problems);
        for (path, bytes) in read_static(&theme_dir.join("static"), &mut problems, root) {
            statics.retain(|(p, _)| *p != path);
            statics.push((path, bytes));
        }
    } else if theme != DEFAULT_THEME_NAME {
        let d = Diagnostic::error(
            crate::config::CONFIG_FILE,
            format!("theme `{theme}` not found: no folder themes/{theme}/"),
        )
        .hint("set `theme: default` or add the theme's folder under themes/");
        return Err(vec![d]);
    };
    read_dir(root, &root.join("templates"), &mut sources, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    let all: Vec<(String, String)> = sources.iter().map(|(n, (_, t))| (n.clone(), t.clone())).collect();
    if let Err(e) = tera.add_raw_templates(all) {
        return Err(vec![template_error(&e, &sources)]);
    }
    Ok((tera, statics))
}

/// Tera names the template in its message; point at the file it came from.
pub fn template_error(e: &tera::Error, sources: &BTreeMap<String, (PathBuf, String)>) -> Diagnostic {
    let message = error_chain(e);
    let path = sources
        .iter()
        .find(|(name, _)| message.contains(name.as_str()))
        .map_or_else(|| PathBuf::from("templates"), |(_, (p, _))| p.clone());
    Diagnostic::error(path, format!("template error: {message}"))
        .hint("fix the template; built-in templates can be overridden in templates/")
}

pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string().trim_start_matches("error: ").to_owned();
    let mut cause = e.source();
    while let Some(c) = cause {
        message.push_str(": ");
        message.push_str(&c.to_string());
        cause = c.source();
    }
    message
}

fn read_dir(root: &Path, dir: &Path, into: &mut BTreeMap<String, (PathBuf, String)>, problems: &mut Vec<Diagnostic>) {
    if !dir.is_dir() {
        return;
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().flatten() {
        let path = entry.path();
        let is_template = path.extension().is_some_and(|e| e == "html" || e == "xml" || e == "txt");
        if !entry.file_type().is_file() || !is_template {
            continue;
        }
        let name = path.strip_prefix(dir).unwrap_or(path).to_string_lossy().replace('\\', "/");
        let shown = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        match std::fs::read_to_string(path) {
            Ok(text) => {
                into.insert(name, (shown, text));
            }
            Err(e) => problems.push(Diagnostic::error(shown, format!("cannot read template: {e}"))),
        }
    }
}

fn read_static(dir: &Path, problems: &mut Vec<Diagnostic>, root: &Path) -> StaticFiles {
    let mut files = Vec::new();
    if !dir.is_dir() {
        return files;
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
        match std::fs::read(entry.path()) {
            Ok(bytes) => files.push((rel, bytes)),
            Err(e) => {
                let shown = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_path_buf();
                problems.push(Diagnostic::error(shown, format!("cannot read: {e}")));
            }
        }
    }
    files
}
