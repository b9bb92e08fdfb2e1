//! The one place that talks to the `pagefind` crate (and the tokio runtime
//! its API needs), so the search backend can be swapped.

use std::path::Path;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::{BUNDLE_DIR, Record};

pub(super) fn bundle<'r>(
    records: impl IntoIterator<Item = &'r Record>,
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
            let mut meta = r.meta.clone();
            meta.insert("title".into(), r.title.clone());
            // Excerpts come back as HTML: the text must be escaped.
            let text = crate::escape::text(&r.text);
            index
                .add_custom_record(
                    r.url.clone(),
                    text,
                    // Pagefind's script looks its index up by the page's
                    // `lang` in lowercase (`pt-br`).
                    one_language.map_or_else(|| r.language.to_ascii_lowercase(), str::to_owned),
                    Some(meta),
                    Some(r.filters.clone()),
                    Some(r.sort.clone()),
                )
                .await
                .map_err(|e| e.to_string())?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        Ok(files
            .into_iter()
            // Pagefind's own UIs (430 KB): the theme has its search page.
            .filter(|f| !f.filename.to_string_lossy().contains("-ui."))
            .map(|f| {
                let name = f.filename.strip_prefix(BUNDLE_DIR).unwrap_or(&f.filename);
                (Path::new(BUNDLE_DIR).join(name).to_string_lossy().into_owned(), f.contents)
            })
            .collect())
    })
}
