//! One build at a time into an output folder: a lock file beside it
//! (`.public.lock`), held for the whole build. A second build waits for the
//! first instead of racing it to the swap, so the folder always ends as one
//! whole build. The file is removed on release; a build killed while
//! holding it leaves it behind, unlocked, and the next build takes it.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

/// A held lock; released (and its file removed) when dropped.
pub(super) struct Lock {
    path: PathBuf,
    _file: File,
}

impl Lock {
    /// Takes the lock of the output at `output`, calling `waiting` once if
    /// another build holds it, then waiting for that build to finish.
    pub(super) fn acquire(output: &Path, waiting: impl FnOnce()) -> io::Result<Lock> {
        let path = super::beside(output, "lock");
        let mut waiting = Some(waiting);
        loop {
            let file = fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    if let Some(say) = waiting.take() {
                        say();
                    }
                    file.lock()?;
                }
                Err(fs::TryLockError::Error(e)) => return Err(e),
            }
            // The holder before us removes the file as it lets go: the lock
            // we got may be on a file no longer at `path`. Try again then.
            if same_file(&file, &path) {
                return Ok(Lock { path, _file: file });
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held, so whoever opens `path` next makes a
        // new file, and whoever waits on this one sees it is gone.
        if cfg!(unix) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Elsewhere the file is never removed, so it is always the same one.
#[cfg(not(unix))]
fn same_file(_: &File, _: &Path) -> bool {
    true
}
