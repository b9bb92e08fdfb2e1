//! Finding templates and theme files: the site's `templates/` first, then
//! the active theme's, then the built-in ones compiled into the binary.

use crate::codes::Code;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::i18n::Words;
use std::sync::Arc;
use tera::{Kwargs, State};

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
    "briefings_year.html",
    "actor.html",
    "actors.html",
    "question.html",
    "questions.html",
    "topic.html",
    "topics.html",
    "author.html",
    "authors.html",
    "sources.html",
    "publisher.html",
    "corrections.html",
    "source.html",
    "page.html",
    "404.html",
    "search.html",
    "atom.xml",
    "sitemap.xml",
    "sitemap_index.xml",
    "robots.txt",
    "redirect.html",
    "_redirects",
    "removed.html",
    "card.svg",
    "partials/briefing_item.html",
    "partials/feed_entry.xml",
    "partials/position.html",
    "partials/actor_preview.html",
    "partials/embed.html",
);

/// The default theme's static files, compiled in. Every theme gets them
/// under its own, so built-in templates a theme does not override still
/// find their script.
pub const DEFAULT_THEME_STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../themes/default/static/style.css")),
    ("site.js", include_bytes!("../../themes/default/static/site.js")),
    ("favicon.svg", include_bytes!("../../themes/default/static/favicon.svg")),
];
/// The theme a site gets when it names none.
pub const DEFAULT_THEME_NAME: &str = "default";

/// A theme compiled into the binary: templates laid over [`BUILTIN`] and
/// static files over [`DEFAULT_THEME_STATIC`]. A folder `themes/<name>/` in
/// the site takes its place.
pub struct BuiltinTheme {
    /// What `theme:` names it.
    pub name: &'static str,
    /// Its templates, by name, over the default theme's.
    pub templates: &'static [(&'static str, &'static str)],
    /// Its static files (CSS, scripts, fonts), by path.
    pub statics: &'static [(&'static str, &'static [u8])],
}

/// Every theme that ships, the default first.
pub const THEMES: &[BuiltinTheme] = &[
    BuiltinTheme { name: DEFAULT_THEME_NAME, templates: &[], statics: &[] },
    BuiltinTheme {
        name: "broadsheet",
        templates: &[("index.html", include_str!("../../themes/broadsheet/templates/index.html"))],
        statics: &[("style.css", include_bytes!("../../themes/broadsheet/static/style.css"))],
    },
];

/// Every file of built-in theme `name` as a theme folder holds them
/// (`templates/…`, `static/…`, the interface's words `i18n/…`), to start
/// a theme from; `None` when no theme of that name ships.
pub fn builtin_files(name: &str) -> Option<Vec<(String, &'static [u8])>> {
    let theme = THEMES.iter().find(|t| t.name == name)?;
    let mut templates: BTreeMap<&str, &[u8]> = BUILTIN.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    templates.extend(theme.templates.iter().map(|(n, t)| (*n, t.as_bytes())));
    let mut statics: BTreeMap<&str, &[u8]> = DEFAULT_THEME_STATIC.iter().copied().collect();
    statics.extend(theme.statics.iter().copied());
    let files = templates.into_iter().map(|(n, b)| (format!("templates/{n}"), b));
    let statics = statics.into_iter().map(|(n, b)| (format!("static/{n}"), b));
    let words = crate::i18n::BUILTIN.iter().map(|(l, t)| (format!("i18n/{l}.ftl"), t.as_bytes()));
    Some(files.chain(statics).chain(words).collect())
}

/// A theme's static files, in memory: relative path and bytes.
pub type StaticFiles = Vec<(String, Vec<u8>)>;

/// Loads every template in lookup order into one Tera instance, and returns
/// the theme's static files to copy. Links skipped on the way are added to
/// `warnings`.
pub fn load(
    root: &Path,
    theme: &str,
    words: &Arc<Words>,
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
    } else if let Some(builtin) = THEMES.iter().find(|t| t.name == theme) {
        for (name, text) in builtin.templates {
            let shown = PathBuf::from(format!("<built-in {theme}>")).join(name);
            sources.insert((*name).to_owned(), (shown, (*text).to_owned()));
        }
        for (rel, bytes) in builtin.statics {
            statics.retain(|(p, _)| p != rel);
            statics.push(((*rel).to_owned(), bytes.to_vec()));
        }
    } else {
        let names: Vec<String> = THEMES.iter().map(|t| format!("`{}`", t.name)).collect();
        let d = Diagnostic::new(
            Code::Config,
            crate::config::CONFIG_FILE,
            format!("theme `{theme}` not found: no folder themes/{theme}/ and no built-in theme of that name"),
        )
        .hint(format!("the built-in themes are {}; a theme of your own goes in themes/{theme}/", names.join(" and ")));
        return Err(vec![d]);
    };
    read_dir(root, &root.join("templates"), &mut sources, &mut problems, warnings);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".htm", ".xml", ".svg"]);
    // Before the templates: Tera checks the filters they name as it adds them.
    let words = Arc::clone(words);
    let forms = Arc::clone(&words);
    tera.register_filter("t", move |key: &str, args: Kwargs, state: &State| translate(&words, key, &args, state));
    // `{{ "count-actors" | forms }}`: the message's plural forms as JSON,
    // for `site.js` to count with (see `Words::forms`).
    tera.register_filter("forms", move |key: &str, _: Kwargs, _: &State| {
        let forms = forms.forms(key).map_err(tera::Error::message)?;
        let map: serde_json::Map<String, serde_json::Value> =
            forms.into_iter().map(|(c, f)| (c.to_owned(), serde_json::Value::String(f))).collect();
        Ok::<_, tera::Error>(serde_json::Value::Object(map).to_string())
    });
    let all: Vec<(String, String)> = sources.iter().map(|(n, (_, t))| (n.clone(), t.clone())).collect();
    if let Err(e) = tera.add_raw_templates(all) {
        return Err(vec![template_error(&e, &sources)]);
    }
    Ok((tera, statics))
}

/// `{{ "key" | t }}`, `{{ "count-briefings" | t(n=3) }}`: the message
/// `key` of the interface's words, with the filter's arguments (numbers
/// choose plural forms). Messages are HTML (the tables are the site's
/// own, like its templates); an argument is escaped unless it is HTML
/// already (a date's `html`, a link), so the result is marked safe.
fn translate(words: &Words, key: &str, kwargs: &Kwargs, state: &State) -> tera::TeraResult<tera::Value> {
    let mut args = crate::i18n::Args::new();
    for (name, value) in kwargs.iter() {
        let Some(name) = name.as_str() else { continue };
        if let Some(n) = value.as_i64() {
            args.set(name, n);
        } else if let Some(n) = value.as_f64() {
            args.set(name, n);
        } else {
            let text = match value.as_str() {
                Some(s) if value.is_safe() || !state.autoescaping_enabled() => s.to_owned(),
                _ => state.escape_if_needed(value)?,
            };
            args.set(name, text);
        }
    }
    let text = words.format(key, Some(&args)).map_err(tera::Error::message)?;
    Ok(tera::Value::safe_string(&text))
}

/// Tera names the template in its message; point at the file it came from.
pub fn template_error(e: &tera::Error, sources: &BTreeMap<String, (PathBuf, String)>) -> Diagnostic {
    let message = error_chain(e);
    let path = sources
        .iter()
        .find(|(name, _)| message.contains(name.as_str()))
        .map_or_else(|| PathBuf::from("templates"), |(_, (p, _))| p.clone());
    Diagnostic::new(Code::Template, path, format!("template error: {message}"))
        .hint("fix the template; built-in templates can be overridden in templates/")
}

/// An error and its causes, joined with `: `.
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
            Err(e) => problems.push(Diagnostic::new(Code::Io, shown, format!("cannot read template: {e}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::resolve::RESERVED_ANCHORS;

    #[test]
    fn every_fixed_id_in_the_built_in_templates_is_reserved() {
        for (name, text) in super::BUILTIN {
            for piece in text.split("id=\"").skip(1) {
                let id = &piece[..piece.find('"').unwrap()];
                if !id.contains('{') {
                    assert!(RESERVED_ANCHORS.contains(&id), "{name} uses id `{id}`: add it to RESERVED_ANCHORS");
                }
            }
        }
    }
}
