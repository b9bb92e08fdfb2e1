//! Watching the site's sources (the one place that uses `notify`): the
//! folders a build reads and `dossier.yaml`, nothing else, so a `target/` or
//! `public/` beside them never triggers a rebuild.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// The folders under the site root whose changes need a rebuild.
const WATCHED: &[&str] = &["content", "templates", "themes", "static"];

/// How long a burst of changes must be quiet before the rebuild starts:
/// an editor's save (write a temporary file, rename it over the old one)
/// is one burst.
const QUIET: Duration = Duration::from_millis(20);

/// Calls `on_change` (from a thread of its own) with the paths (relative to
/// `root`, each once, in the order first seen) changed in each burst of
/// changes. Watching stops when the returned watcher is dropped.
pub fn start(root: &Path, mut on_change: impl FnMut(&[PathBuf]) + Send + 'static) -> notify::Result<Watching> {
    let root = std::fs::canonicalize(root)?;
    let (tx, rx) = mpsc::channel::<PathBuf>();
    // The path relative to the root, if a change there matters.
    let relevant = {
        let root = root.clone();
        move |path: &Path| -> Option<PathBuf> {
            let rel = path.strip_prefix(&root).ok()?;
            let first = rel.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned());
            let hidden = rel.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
            let backup = rel.to_string_lossy().ends_with('~');
            let watched = first.is_some_and(|f| WATCHED.contains(&f.as_str()) || f == crate::config::CONFIG_FILE);
            (watched && !hidden && !backup).then(|| rel.to_path_buf())
        }
    };
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        // Reads (the build's own, too) are not changes.
        if matches!(event.kind, EventKind::Access(_) | EventKind::Other) {
            return;
        }
        for rel in event.paths.iter().filter_map(|p| relevant(p)) {
            let _ = tx.send(rel);
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
    let watcher = Arc::new(Mutex::new(watcher));
    let weak = Arc::downgrade(&watcher);
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let mut burst = vec![first];
            while let Ok(path) = rx.recv_timeout(QUIET) {
                if !burst.contains(&path) {
                    burst.push(path);
                }
            }
            // A watched folder created after the start (a new `templates/`)
            // is watched from now on; the rebuild below reads what is in it.
            for rel in &burst {
                let created = root.join(rel);
                if WATCHED.iter().any(|d| rel == Path::new(d)) && created.is_dir() {
                    let Some(watcher) = weak.upgrade() else { return };
                    let mut watcher = watcher.lock().unwrap_or_else(|e| e.into_inner());
                    if let Err(e) = watcher.watch(&created, RecursiveMode::Recursive) {
                        eprintln!("warning: cannot watch {}: {e}", created.display());
                    }
                }
            }
            on_change(&burst);
        }
    });
    Ok(Watching { _watcher: watcher })
}

/// Watching goes on while this lives.
pub struct Watching {
    _watcher: Arc<Mutex<RecommendedWatcher>>,
}
