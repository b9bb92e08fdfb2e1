//! Watching the site's sources (the one place that uses `notify`): the
//! folders a build reads and `dossier.yaml`, nothing else, so a `target/` or
//! `public/` beside them never triggers a rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// The folders under the site root whose changes need a rebuild.
const WATCHED: &[&str] = &["content", "templates", "themes", "static"];

/// How long a burst of changes must be quiet before the rebuild starts:
/// an editor's save (write a temporary file, rename it over the old one)
/// is one burst.
const QUIET: Duration = Duration::from_millis(20);

/// Calls `on_change` (from a thread of its own) with the first changed path
/// of each burst of changes. Watching stops when the returned watcher is
/// dropped.
pub fn start(root: &Path, mut on_change: impl FnMut(&Path) + Send + 'static) -> notify::Result<RecommendedWatcher> {
    let root = std::fs::canonicalize(root)?;
    let (tx, rx) = mpsc::channel::<PathBuf>();
    let relevant = {
        let root = root.clone();
        move |path: &Path| {
            let rel = path.strip_prefix(&root).unwrap_or(path);
            let first = rel.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned());
            let hidden = rel.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
            let backup = rel.to_string_lossy().ends_with('~');
            let watched = first.is_some_and(|f| WATCHED.contains(&f.as_str()) || f == crate::config::CONFIG_FILE);
            watched && !hidden && !backup
        }
    };
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        // Reads (the build's own, too) are not changes.
        if matches!(event.kind, EventKind::Access(_) | EventKind::Other) {
            return;
        }
        for path in event.paths.into_iter().filter(|p| relevant(p)) {
            let _ = tx.send(path);
        }
    })?;
    // The root itself, not recursively: `dossier.yaml` and folders created later.
    watcher.watch(&root, RecursiveMode::NonRecursive)?;
    for dir in WATCHED {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            while rx.recv_timeout(QUIET).is_ok() {}
            on_change(&first);
        }
    });
    Ok(watcher)
}
