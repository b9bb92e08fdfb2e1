//! Writing: every file goes into a staging folder beside the output, which
//! is swapped in only when complete. A failed or interrupted build leaves
//! the previous output exactly as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::OutputFile;

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

/// Writes `files` and the static trees into a fresh staging folder, then
/// swaps it in for `output`.
pub fn write(
    output: &Path,
    files: &[OutputFile],
    static_files: &[(String, Vec<u8>)],
    static_dirs: &[PathBuf],
) -> io::Result<()> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
    let result = fill(&staging, files, static_files, static_dirs).and_then(|()| swap(&staging, output, &parent, &name));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn fill(
    staging: &Path,
    files: &[OutputFile],
    static_files: &[(String, Vec<u8>)],
    static_dirs: &[PathBuf],
) -> io::Result<()> {
    if staging.exists() {
        fs::remove_dir_all(staging)?;
    }
    fs::create_dir_all(staging)?;
    // Static files first, so a generated page wins over a same-named file.
    for (rel, bytes) in static_files {
        put(staging, rel, bytes)?;
    }
    for dir in static_dirs {
        copy_tree(dir, staging)?;
    }
    let mut dirs: Vec<PathBuf> =
        files.iter().filter_map(|f| Path::new(&f.path).parent().map(Path::to_path_buf)).collect();
    dirs.sort();
    dirs.dedup();
    for d in dirs {
        fs::create_dir_all(staging.join(d))?;
    }
    files.par_iter().try_for_each(|f| fs::write(staging.join(&f.path), &f.bytes))
}

fn put(root: &Path, rel: &str, bytes: &[u8]) -> io::Result<()> {
    let path = root.join(rel);
    if let Some(p) = path.parent() {
        fs::create_dir_all(p)?;
    }
    fs::write(path, bytes)
}

fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    if !from.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(io::Error::other)?;
        let rel = entry.path().strip_prefix(from).map_err(io::Error::other)?;
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest)?;
        } else if entry.file_type().is_file() {
            fs::copy(entry.path(), &dest)?;
        }
    }
    Ok(())
}

/// Two renames: the old output moves aside, the staging folder takes its
/// place. Between them no half-written output is ever visible.
fn swap(staging: &Path, output: &Path, parent: &Path, name: &str) -> io::Result<()> {
    if !output.exists() {
        return fs::rename(staging, output);
    }
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    fs::rename(output, &old)?;
    if let Err(e) = fs::rename(staging, output) {
        let _ = fs::rename(&old, output);
        return Err(e);
    }
    fs::remove_dir_all(&old)
}
