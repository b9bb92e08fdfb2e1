//! Watching the site's sources (the one place that uses `notify`): the
//! folders a build reads and `dossier.yaml`, nothing else, so a `target/` or
//! `public/` beside them never triggers a rebuild.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// The folders under the site root whose changes need a rebuild.
const WATCHED: &[&str] = &["content", "templates", "themes", "static", "i18n"];

/// How long a burst of changes must be quiet before the rebuild starts:
/// an editor's save (write a temporary file, rename it over the old one)
/// is one burst.
const QUIET: Duration = Duration::from_millis(20);

/// Calls `on_change` (from a thread of its own) with the paths (relative to
/// `root`, each once, in the order first seen) changed in each burst of
/// changes. Watching stops when the returned watcher is dropped.
pub(super) fn start(root: &Path, mut on_change: impl FnMut(&[PathBuf]) + Send + 'static) -> notify::Result<Watching> {
    let root = std::fs::canonicalize(root)?;
    // Each changed path, and whether the change created it.
    let (tx, rx) = mpsc::channel::<(PathBuf, bool)>();
    let relevant = {
        let root = root.clone();
        move |path: &Path| relevant(&root, path)
    };
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        // Reads (the build's own, too) are not changes.
        if matches!(event.kind, EventKind::Access(_) | EventKind::Other) {
            return;
        }
        let created = matches!(event.kind, EventKind::Create(_));
        for rel in event.paths.iter().filter_map(|p| relevant(p)) {
            let _ = tx.send((rel, created));
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
            let burst = burst(&root, first, &rx);
            if burst.is_empty() {
                continue;
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

/// `path` relative to `root`, if a change there matters: under a watched
/// folder or `dossier.yaml`, neither hidden nor an editor's backup.
fn relevant(root: &Path, path: &Path) -> Option<PathBuf> {
    let rel = path.strip_prefix(root).ok()?;
    let first = rel.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned());
    let hidden = rel.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    let backup = rel.to_string_lossy().ends_with('~');
    let watched = first.is_some_and(|f| WATCHED.contains(&f.as_str()) || f == crate::config::CONFIG_FILE);
    (watched && !hidden && !backup).then(|| rel.to_path_buf())
}

/// The paths changed in the burst that began with `first`: each once, in
/// the order first seen, until changes go quiet for [`QUIET`].
fn burst(root: &Path, first: (PathBuf, bool), rx: &mpsc::Receiver<(PathBuf, bool)>) -> Vec<PathBuf> {
    let mut burst: Vec<(PathBuf, bool)> = vec![first];
    while let Ok((path, created)) = rx.recv_timeout(QUIET) {
        match burst.iter_mut().find(|(p, _)| *p == path) {
            Some((_, was)) => *was |= created,
            None => burst.push((path, created)),
        }
    }
    // A file made and gone within the burst is an editor's temporary
    // (saved to, then renamed over the real file): not a change.
    burst.retain(|(rel, created)| !created || root.join(rel).exists());
    burst.into_iter().map(|(rel, _)| rel).collect()
}

/// Watching goes on while this lives.
pub(super) struct Watching {
    _watcher: Arc<Mutex<RecommendedWatcher>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Waits for the next burst the watcher reports.
    fn next(rx: &mpsc::Receiver<Vec<PathBuf>>) -> Vec<PathBuf> {
        rx.recv_timeout(Duration::from_secs(10)).expect("a change is reported")
    }

    #[test]
    fn an_editors_save_through_a_temporary_file_is_one_change_to_the_real_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/briefings")).unwrap();
        std::fs::write(root.join("content/briefings/a.md"), "old").unwrap();
        let (tx, rx) = mpsc::channel();
        let _watching = start(root, move |burst| tx.send(burst.to_vec()).unwrap()).unwrap();
        // As many editors save: write a temporary beside the file, rename it over.
        let temporary = root.join("content/briefings/a.md.tmp-4913");
        std::fs::write(&temporary, "new").unwrap();
        std::fs::rename(&temporary, root.join("content/briefings/a.md")).unwrap();
        assert_eq!(next(&rx), [PathBuf::from("content/briefings/a.md")]);
        // A file made and removed alone is no change at all: the next burst
        // reported is the template written after it.
        std::fs::write(root.join("content/briefings/4913"), "").unwrap();
        std::fs::remove_file(root.join("content/briefings/4913")).unwrap();
        std::thread::sleep(QUIET * 10);
        std::fs::create_dir_all(root.join("static")).unwrap();
        std::fs::write(root.join("static/x.css"), "").unwrap();
        let burst = next(&rx);
        assert!(!burst.iter().any(|p| p.ends_with("4913")), "{burst:?}");
    }
}
