//! The one place that talks to the `pagefind` crate (and the tokio runtime
//! its API needs). dossier writes the index itself (`index.rs`); the
//! browser side (script, worker, stemming WebAssembly) is Pagefind's, taken
//! from the files the crate writes for a one-word index.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::index::Runtime;

/// The files of a bundle that are the same for every site.
const COMMON: [&str; 4] = ["pagefind.js", "pagefind-worker.js", "pagefind-highlight.js", "wasm.unknown.pagefind"];

/// Pagefind's browser side for `languages` (lowercase), made once per
/// process and set of languages.
pub(super) fn runtime(languages: &BTreeSet<String>) -> Result<Arc<Runtime>, String> {
    static MADE: Mutex<Option<(BTreeSet<String>, Arc<Runtime>)>> = Mutex::new(None);
    let mut made = MADE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((covered, runtime)) = made.as_ref()
        && languages.is_subset(covered)
    {
        return Ok(Arc::clone(runtime));
    }
    let mut all = made.take().map(|(covered, _)| covered).unwrap_or_default();
    all.extend(languages.iter().cloned());
    let runtime = Arc::new(harvest(&all)?);
    *made = Some((all, Arc::clone(&runtime)));
    Ok(runtime)
}

/// Indexes one word in each language with Pagefind and keeps its browser
/// files (and its version, which the index must carry).
fn harvest(languages: &BTreeSet<String>) -> Result<Runtime, String> {
    let records = languages.iter().map(|language| Input {
        url: format!("/{language}/"),
        html: "search".into(),
        language: language.clone(),
        ..Input::default()
    });
    let files = pagefind_files(records, None)?;
    let mut runtime = Runtime { version: String::new(), files: Vec::new(), wasm: Default::default() };
    for (name, bytes) in files {
        if name == "pagefind-entry.json" {
            let entry: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
            runtime.version = entry["version"].as_str().unwrap_or_default().to_owned();
        } else if COMMON.contains(&name.as_str()) {
            runtime.files.push((name, bytes));
        } else if let Some(language) = name.strip_prefix("wasm.").and_then(|n| n.strip_suffix(".pagefind")) {
            runtime.wasm.insert(language.to_owned(), bytes);
        }
    }
    if runtime.version.is_empty() || runtime.files.len() != COMMON.len() {
        return Err("the search runtime's files were not all found".into());
    }
    Ok(runtime)
}

/// A record as Pagefind's own indexer takes it.
#[derive(Default)]
pub(super) struct Input {
    pub(super) url: String,
    /// Text, escaped as HTML.
    pub(super) html: String,
    pub(super) language: String,
    pub(super) meta: BTreeMap<String, String>,
    pub(super) filters: BTreeMap<String, Vec<String>>,
    pub(super) sort: BTreeMap<String, String>,
}

impl Input {
    #[cfg(test)]
    pub(super) fn of(r: &super::Record) -> Self {
        Input {
            url: r.url.clone(),
            html: crate::escape::text(&r.text),
            language: r.language.to_ascii_lowercase(),
            meta: r.shown(),
            filters: r.filters.clone(),
            sort: r.sort.clone(),
        }
    }
}

/// Pagefind's own bundle for `records` (names relative to the bundle's
/// folder, its UI files left out): the runtime's source, and what tests
/// compare dossier's index with.
pub(super) fn pagefind_files(
    records: impl IntoIterator<Item = Input>,
    one_language: Option<&str>,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("cannot start the search indexer: {e}"))?;
    runtime.block_on(async {
        // Record URLs are final (base path included, trailing slash kept).
        let config = || PagefindServiceConfig::builder().keep_index_url(true);
        let config = match one_language {
            Some(language) => config().force_language(language.to_owned()).build(),
            None => config().build(),
        };
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
        for r in records {
            index
                .add_custom_record(r.url, r.html, r.language, Some(r.meta), Some(r.filters), Some(r.sort))
                .await
                .map_err(|e| e.to_string())?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        Ok(files
            .into_iter()
            // Pagefind's own UIs (430 KB): the theme has its search page.
            .filter(|f| !f.filename.to_string_lossy().contains("-ui."))
            .map(|f| {
                let name = f.filename.strip_prefix(super::BUNDLE_DIR).unwrap_or(&f.filename);
                (name.to_string_lossy().into_owned(), f.contents)
            })
            .collect())
    })
}
