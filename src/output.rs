//! Writing: every file goes into a staging folder beside the output, which
//! is swapped in only when complete. A failed or interrupted build leaves
//! the previous output exactly as it was. A file the previous output already
//! has, byte for byte, is hard-linked from it instead of written again: it
//! keeps its modification time (so `rsync` and deploy tools skip it), and
//! neither writing it nor removing the old copy touches its data.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::Output;

/// Refuses output folders whose replacement would destroy the user's work.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), String> {
    let canon = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let root = canon(root);
    let out = match output.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => canon(parent).join(output.file_name().unwrap_or_default()),
        _ => canon(output),
    };
    let home = std::env::var_os("HOME").map(PathBuf::from).map(|h| canon(&h));
    let forbidden = out == root
        || root.starts_with(&out)
        || out.parent().is_none()
        || home.is_some_and(|h| h == out)
        || ["content", "templates", "themes", "static"].iter().any(|d| out.starts_with(root.join(d)));
    if forbidden {
        return Err(format!("refusing to use {} as the output folder: building replaces it entirely", out.display()));
    }
    Ok(())
}

/// A fresh folder beside the output that files are written into while the
/// site renders. [`Staging::commit`] swaps it in; dropping it uncommitted
/// removes it, so a failed build leaves nothing behind.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    /// Whether there is a previous output to reuse files from.
    previous: bool,
    committed: bool,
}

impl Staging {
    pub fn new(output: &Path) -> io::Result<Staging> {
        let parent = parent_of(output);
        fs::create_dir_all(&parent)?;
        remove_leftovers(&parent, &name_of(output));
        let dir = parent.join(format!(".{}.staging-{}", name_of(output), std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir(&dir)?;
        Ok(Staging { dir, output: output.to_path_buf(), previous: output.is_dir(), committed: false })
    }

    /// Creates the file `rel` (a relative path made by
    /// [`crate::urls::Urls`]) and the folders it needs.
    ///
    /// A file written twice (the site's `static/robots.txt` replaces the
    /// generated one) is removed and created anew, never truncated: it may
    /// be a link to the previous output's copy, which must stay as it was.
    fn create(&self, rel: &str) -> io::Result<fs::File> {
        let path = self.dir.join(rel);
        self.page_folder(rel, &path);
        let create = || self.in_folder(&path, || fs::OpenOptions::new().write(true).create_new(true).open(&path));
        match create() {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                fs::remove_file(&path)?;
                create()
            }
            other => other,
        }
    }

    /// Links `rel` from the previous output when it holds exactly `bytes`;
    /// whether it did. Only a regular file is linked (never a symlink a
    /// user left there), and any failure means writing the file instead.
    fn reuse(&self, rel: &str, bytes: &[u8]) -> bool {
        if !self.previous {
            return false;
        }
        let old = self.output.join(rel);
        let same = fs::symlink_metadata(&old).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            && holds(&old, bytes);
        if !same {
            return false;
        }
        let new = self.dir.join(rel);
        self.page_folder(rel, &new);
        self.in_folder(&new, || fs::hard_link(&old, &new)).is_ok()
    }

    /// A page (`…/index.html`) has a folder of its own, still missing:
    /// making it first spares a create or link attempt that would fail.
    fn page_folder(&self, rel: &str, path: &Path) {
        if rel.ends_with("/index.html") {
            let _ = fs::create_dir(path.parent().unwrap_or(&self.dir));
        }
    }

    /// Runs `make` (which creates `path`), creating the folder `path` goes
    /// in when it is missing and trying again. Most pages have a folder of
    /// their own whose parent exists: one `mkdir`, no walk up the path.
    fn in_folder<T>(&self, path: &Path, make: impl Fn() -> io::Result<T>) -> io::Result<T> {
        match make() {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let parent = path.parent().unwrap_or(&self.dir);
                match fs::create_dir(parent) {
                    Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir_all(parent)?,
                    Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
                    _ => {}
                }
                make()
            }
            other => other,
        }
    }

    /// Two renames: the old output moves aside, the staging folder takes its
    /// place. Between them no half-written output is ever visible.
    pub fn commit(mut self) -> io::Result<()> {
        let parent = parent_of(&self.output);
        if self.output.exists() {
            let old = parent.join(format!(".{}.old-{}", name_of(&self.output), std::process::id()));
            if old.exists() {
                remove_tree(&old)?;
            }
            fs::rename(&self.output, &old)?;
            if let Err(e) = fs::rename(&self.dir, &self.output) {
                let _ = fs::rename(&old, &self.output);
                return Err(e);
            }
            self.committed = true;
            remove_tree(&old)
        } else {
            fs::rename(&self.dir, &self.output)?;
            self.committed = true;
            Ok(())
        }
    }
}

impl Output for Staging {
    fn put(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        if self.reuse(rel, bytes) {
            return Ok(());
        }
        self.create(rel)?.write_all(bytes)
    }

    fn put_streamed(&self, rel: &str, write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        let mut file = io::BufWriter::with_capacity(256 * 1024, self.create(rel)?);
        write(&mut file)?;
        file.flush()
    }
}

/// Whether the file at `path` (whose length is known to be `bytes.len()`)
/// holds exactly `bytes`. Read into one buffer per thread, reused: every
/// page of a rebuild is compared.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUFFER.with_borrow_mut(|buffer| {
        if buffer.len() < bytes.len() {
            buffer.resize(bytes.len(), 0);
        }
        let old = &mut buffer[..bytes.len()];
        fs::File::open(path).and_then(|mut f| f.read_exact(old)).is_ok() && *old == *bytes
    })
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_tree(&self.dir);
        }
    }
}

/// Hands every file under `dir` to `put` with its path relative to `dir`
/// (`/`-separated), in name order; a missing folder has no files.
pub fn each_file(dir: &Path, put: &mut dyn FnMut(&str, &[u8]) -> io::Result<()>) -> io::Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).map_err(io::Error::other)?;
            let rel: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect();
            put(&rel.join("/"), &fs::read(entry.path())?)?;
        }
    }
    Ok(())
}

/// Removes what killed builds left beside the output (`.public.staging-PID`,
/// `.public.old-PID`), when their process is gone. Only where that can be
/// told (`/proc`): elsewhere they stay, which wastes space but loses nothing.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let Some(rest) = file_name.strip_prefix(&format!(".{name}.")) else { continue };
        let pid = rest.strip_prefix("staging-").or_else(|| rest.strip_prefix("old-"));
        let Some(pid) = pid.filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) else { continue };
        let gone = Path::new("/proc/self").exists() && !Path::new("/proc").join(pid).exists();
        if gone {
            let _ = remove_tree(&entry.path());
        }
    }
}

fn parent_of(output: &Path) -> PathBuf {
    match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn name_of(output: &Path) -> String {
    output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into())
}

/// Removes a folder, its top-level entries in parallel: a large site's old
/// output has tens of thousands of files.
fn remove_tree(dir: &Path) -> io::Result<()> {
    let entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries
        .par_iter()
        .try_for_each(|e| if e.file_type()?.is_dir() { remove_tree(&e.path()) } else { fs::remove_file(e.path()) })?;
    fs::remove_dir(dir)
}
