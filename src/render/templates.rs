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
/// the theme's static files to copy. Links skipped on the way are added to
/// `warnings`.
pub fn load(
    root: &Path,
    theme: &str,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(tera::Tera, StaticFiles), Vec<Diagnostic>> {
    let mut sources: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
    for (name, text) in BUILTIN {
        sources.insert((*name).to_owned(), (PathBuf::from("<built-in>").join(name), (*text).to_owned()));
    }
    let theme_dir = root.join("themes").join(theme);
    let mut problems = Vec::new();
    let mut statics: StaticFiles = DEFAULT_THEME_STATIC.iter().map(|(p, b)| ((*p).to_owned(), b.to_vec())).collect();
    if theme_dir.is_dir() {
        read_dir(root, &theme_dir.join("templates"), &mut sources, &mut problems, warnings);
        let mut put = |rel: &str, bytes: &[u8]| {
            statics.retain(|(p, _)| p != rel);
            statics.push((rel.to_owned(), bytes.to_vec()));
            Ok(())
        };
        if let Err(d) = crate::walk::each_file(root, &theme_dir.join("static"), warnings, &mut put) {
            problems.push(d);
        }
    } else if theme != DEFAULT_THEME_NAME {
        let d = Diagnostic::error(
            crate::config::CONFIG_FILE,
            format!("theme `{theme}` not found: no folder themes/{theme}/"),
        )
        .hint("set `theme: default` or add the theme's folder under themes/");
        return Err(vec![d]);
    };
    read_dir(root, &root.join("templates"), &mut sources, &mut problems, warnings);
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

fn read_dir(
    root: &Path,
    dir: &Path,
    into: &mut BTreeMap<String, (PathBuf, String)>,
    problems: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) {
    for f in crate::walk::files(root, dir, warnings) {
        let is_template = f.path.extension().is_some_and(|e| e == "html" || e == "xml" || e == "txt");
        if !is_template {
            continue;
        }
        let shown = f.path.strip_prefix(root).unwrap_or(&f.path).to_path_buf();
        match std::fs::read_to_string(&f.path) {
            Ok(text) => {
                into.insert(f.rel, (shown, text));
            }
            Err(e) => problems.push(Diagnostic::error(shown, format!("cannot read template: {e}"))),
        }
    }
}
