//! Writing: every file goes into a staging folder beside the output, which
//! is swapped in only when complete. A failed or interrupted build leaves
//! the previous output exactly as it was. A file the previous output already
//! has, byte for byte, is hard-linked from it instead of written again: it
//! keeps its modification time (so `rsync` and deploy tools skip it), and
//! neither writing it nor removing the old copy touches its data. Which
//! files are unchanged is told from the last build's [`fingerprint`]s,
//! where they still describe the files.
//!
//! The output folder is the user's too: [`Target::take`] locks it against
//! other builds and refuses one holding files no build wrote ([`owner`]);
//! `.git` and `keep:` files are carried into each new build.

mod fingerprint;
mod lock;
pub(crate) mod owner;
mod sink;
mod swap;

use crate::codes::Code;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::diagnostics::Diagnostic;
pub use fingerprint::FILE as FINGERPRINTS;
pub use owner::{Keep, MANIFEST};
pub(crate) use sink::Recording;
pub use sink::{Output, Sink, WriteError};

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

/// An output folder taken for one build: locked against other builds, so
/// that [`Target::commit`] can replace it with a finished [`Staging`]
/// folder, after [`Target::inspect`] found nothing there to lose.
pub struct Target {
    output: PathBuf,
    _lock: lock::Lock,
}

impl Target {
    /// Takes `output` for a build of the site at `root`. `waiting` is
    /// called if another build into the same folder must finish first.
    pub fn take(root: &Path, output: &Path, waiting: impl FnOnce()) -> Result<Target, Diagnostic> {
        check_output_dir(root, output)
            .map_err(|msg| Diagnostic::new(Code::Output, output, msg).hint("pass another folder with --output"))?;
        let cannot = |e: io::Error| {
            Diagnostic::new(Code::Output, output, format!("cannot use the output folder: {e}"))
                .hint("check that the folder and the one it is in are writable")
        };
        fs::create_dir_all(parent_of(output)).map_err(cannot)?;
        let lock = lock::Lock::acquire(output, waiting).map_err(cannot)?;
        remove_leftovers(output);
        Ok(Target { output: output.to_path_buf(), _lock: lock })
    }

    /// Looks at what the output folder holds: an error if it holds files
    /// no build wrote, unless `force` (they are then replaced with the
    /// rest; `.git` and `keep` still survive).
    pub fn inspect(&self, keep: &Keep, force: bool) -> Result<owner::Previous, Diagnostic> {
        owner::inspect(&self.output, keep, force).map_err(|refusal| refused(&self.output, refusal))
    }

    /// A fresh staging folder for this target.
    pub fn staging(&self) -> io::Result<Staging> {
        Staging::new(&self.output, self.output.is_dir())
    }

    /// Puts the finished `staging` folder in place of the output: writes
    /// its manifest, carries `.git` and kept files over from the old
    /// output, swaps, then removes the old output. Returns warnings (a kept
    /// file that replaced one the build wrote). On error the old output is
    /// as it was.
    pub fn commit(&self, mut staging: Staging, previous: &owner::Previous) -> io::Result<Vec<Diagnostic>> {
        let mut written = std::mem::take(staging.written.get_mut().unwrap_or_else(|e| e.into_inner()));
        // Stable, and the last write of a path counts (the site's
        // `static/robots.txt` replaces the generated one).
        written.sort_by(|a, b| a.0.cmp(&b.0));
        written.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                std::mem::swap(later, kept);
            }
            same
        });
        let mut warnings = Vec::new();
        let mut carried = Vec::new();
        let result = (|| {
            for rel in &previous.carry {
                let (from, to) = (self.output.join(rel), staging.dir.join(rel));
                if fs::symlink_metadata(&to).is_ok() {
                    remove_any(&to)?;
                    warnings.push(kept_over(&self.output, rel));
                }
                if let Some(parent) = to.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::rename(&from, &to)?;
                carried.push((from, to));
            }
            let folders: Vec<String> = previous.carry.iter().map(|c| format!("{c}/")).collect();
            written.retain(|(w, _)| !previous.carry.contains(w) && !folders.iter().any(|f| w.starts_with(f)));
            fingerprint::write(&staging.dir, &written)?;
            if let Err(i) = written.binary_search_by(|(w, _)| w.as_str().cmp(fingerprint::FILE)) {
                written.insert(i, (fingerprint::FILE.to_owned(), None));
            }
            fs::write(staging.dir.join(MANIFEST), owner::manifest_text(written.iter().map(|(w, _)| w.as_str())))?;
            if !previous.exists {
                return fs::rename(&staging.dir, &self.output).map(|()| None);
            }
            let spare = beside(&self.output, &format!("old-{}", std::process::id()));
            swap::replace(&staging.dir, &self.output, &spare).map(|aside| match aside {
                swap::Aside::AtNew => Some(staging.dir.clone()),
                swap::Aside::AtSpare => Some(spare),
            })
        })();
        match result {
            Ok(old) => {
                staging.committed = true;
                if let Some(old) = old {
                    remove_tree(&old)?;
                }
                Ok(warnings)
            }
            Err(e) => {
                // Nothing was swapped: what was carried goes back.
                for (from, to) in carried.iter().rev() {
                    let _ = fs::rename(to, from);
                }
                Err(e)
            }
        }
    }
}

fn kept_over(output: &Path, rel: &str) -> Diagnostic {
    Diagnostic::new(
        Code::Kept,
        output.join(rel),
        "kept as it was, in place of the file the build wrote there (it matches `keep:` in dossier.yaml)",
    )
    .hint("to publish the build's file, take the path out of `keep:`; to publish yours, put it in static/")
}

fn refused(output: &Path, refusal: owner::Refusal) -> Diagnostic {
    match refusal {
        owner::Refusal::NotAFolder(what) => {
            Diagnostic::new(Code::Output, output, format!("the output path is {what}, not a folder"))
                .hint("pass a folder with --output (a link's own folder, not the link)")
        }
        owner::Refusal::Unreadable(e) => {
            Diagnostic::new(Code::Output, output, format!("cannot read the output folder: {e}"))
                .hint("check that the folder is readable and writable")
        }
        owner::Refusal::Foreign { marked, first, count } => {
            let mut list = first.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
            if count > first.len() {
                list.push_str(&format!(" and {} more", count - first.len()));
            }
            let message = if marked {
                format!("the output folder holds files dossier did not write: {list}")
            } else {
                format!("the output folder is not empty and was not written by dossier: it holds {list}")
            };
            Diagnostic::new(
                Code::Output,
                output,
                format!("{message}; a build replaces the folder, so nothing was done"),
            )
            .hint(if marked {
                "put files to publish in static/, list files to keep as they are under `keep:` in dossier.yaml, \
                     or pass --force to delete them"
            } else {
                "pass another folder with --output, or --force to replace this one (an earlier dossier \
                     build's folder needs --force once)"
            })
        }
    }
}

/// A fresh folder beside the output that files are written into while the
/// site renders. [`Staging::commit`] swaps it in; dropping it uncommitted
/// removes it, so a failed build leaves nothing behind.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    /// Whether there is a previous output to reuse files from.
    previous: bool,
    /// The previous output's files as its build recorded them.
    fingerprints: FxHashMap<String, fingerprint::Fingerprint>,
    /// Every file put, for the manifest; with its fingerprint when it was
    /// put whole, for the next build.
    written: Mutex<Vec<(String, Option<fingerprint::Fingerprint>)>>,
    committed: bool,
}

impl Staging {
    fn new(output: &Path, previous: bool) -> io::Result<Staging> {
        let dir = beside(output, &format!("staging-{}", std::process::id()));
        if dir.exists() {
            remove_tree(&dir)?;
        }
        fs::create_dir(&dir)?;
        let fingerprints = if previous { fingerprint::read(output) } else { FxHashMap::default() };
        let written = Mutex::new(Vec::new());
        Ok(Staging { dir, output: output.to_path_buf(), previous, fingerprints, written, committed: false })
    }

    fn record(&self, rel: &str, print: Option<fingerprint::Fingerprint>) {
        self.written.lock().unwrap_or_else(|e| e.into_inner()).push((rel.to_owned(), print));
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

    /// Links `rel` from the previous output when it holds exactly `bytes`
    /// (whose hash is `hash`); the linked file's stamp if it did. Only a
    /// regular file is linked (never a symlink a user left there), and any
    /// failure means writing the file instead.
    fn reuse(&self, rel: &str, bytes: &[u8], hash: u128) -> Option<fingerprint::Stamp> {
        if !self.previous {
            return None;
        }
        let old = self.output.join(rel);
        let meta = fs::symlink_metadata(&old).ok().filter(|m| m.is_file() && m.len() == bytes.len() as u64)?;
        let stamp = fingerprint::Stamp::of(&meta);
        let same = match self.fingerprints.get(rel) {
            Some(print) if print.stamp == stamp => print.hash == hash,
            _ => holds(&old, bytes),
        };
        if !same {
            return None;
        }
        let new = self.dir.join(rel);
        self.page_folder(rel, &new);
        self.in_folder(&new, || fs::hard_link(&old, &new)).ok().map(|()| stamp)
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
}

impl Output for Staging {
    fn put(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let hash = fingerprint::hash(bytes);
        let print = |stamp| Some(fingerprint::Fingerprint { stamp, hash });
        if let Some(stamp) = self.reuse(rel, bytes, hash) {
            self.record(rel, print(stamp));
            return Ok(());
        }
        let mut file = self.create(rel)?;
        file.write_all(bytes)?;
        // Without a stamp the next build compares the file byte for byte.
        self.record(rel, file.metadata().ok().and_then(|meta| print(fingerprint::Stamp::of(&meta))));
        Ok(())
    }

    /// Linked: a cache entry never changes, so the output may share it
    /// (a thousand pictures cost a thousand links, not their bytes twice).
    fn put_file(&self, rel: &str, from: &Path) -> io::Result<()> {
        let new = self.dir.join(rel);
        if self.in_folder(&new, || fs::hard_link(from, &new)).is_ok() {
            self.record(rel, None);
            return Ok(());
        }
        self.put(rel, &fs::read(from)?)
    }

    fn put_streamed(&self, rel: &str, write: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        self.record(rel, None);
        let mut file = io::BufWriter::with_capacity(256 * 1024, self.create(rel)?);
        write(&mut file)?;
        file.flush()
    }
}

/// Whether the file at `path` (whose length is known to be `bytes.len()`)
/// holds exactly `bytes`. Read in pieces into one buffer per thread: every
/// page of a rebuild is compared, and a page may be 100 MB.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    const PIECE: usize = 256 * 1024;
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let Ok(mut file) = fs::File::open(path) else { return false };
    BUFFER.with_borrow_mut(|buffer| {
        if buffer.len() < PIECE.min(bytes.len()) {
            buffer.resize(PIECE.min(bytes.len()), 0);
        }
        bytes.chunks(PIECE).all(|expected| {
            let old = &mut buffer[..expected.len()];
            file.read_exact(old).is_ok() && *old == *expected
        })
    })
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_tree(&self.dir);
        }
    }
}

/// Removes what killed builds left beside the output (`.public.staging-PID`,
/// `.public.old-PID`). Called with the lock held: no other build is
/// writing them.
fn remove_leftovers(output: &Path) {
    let prefix = format!(".{}.", name_of(output));
    let Ok(entries) = fs::read_dir(parent_of(output)) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else { continue };
        if rest.starts_with("staging-") || rest.starts_with("old-") {
            let _ = remove_tree(&entry.path());
        }
    }
}

/// A path beside the output folder, hidden: `.public.NAME`.
fn beside(output: &Path, name: &str) -> PathBuf {
    parent_of(output).join(format!(".{}.{name}", name_of(output)))
}

/// Removes a file, a link or a whole folder.
fn remove_any(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path)?.is_dir() {
        true => remove_tree(path),
        false => fs::remove_file(path),
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
