//! Walking the site's own folders of templates and static files
//! (`templates/`, `static/`, `themes/`). A symbolic link that stays inside
//! the site is followed, as a user who links a shared stylesheet expects;
//! one leading outside the site (to `/etc/passwd`, a home folder) is
//! skipped with a warning naming it, so nothing from elsewhere on the
//! machine is published. Content (`content/`) follows no links at all.

use crate::codes::Code;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// A file found under a walked folder.
pub(crate) struct Found {
    /// The path relative to the walked folder, `/`-separated.
    pub rel: String,
    /// Where to read it.
    pub path: PathBuf,
}

/// Every regular file under `dir` (a folder of the site at `root`), in name
/// order. Links leading outside the site, broken links and link loops are
/// skipped, each with a warning in `warnings`; a missing folder has no files.
pub(crate) fn files(root: &Path, dir: &Path, warnings: &mut Vec<Diagnostic>) -> Vec<Found> {
    let mut found = Vec::new();
    if !dir.is_dir() {
        return found;
    }
    let site = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let shown = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let mut outside = Vec::new();
    let walk = walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter();
    let walk = walk.filter_entry(|e| {
        if !e.path_is_symlink() {
            return true;
        }
        match std::fs::canonicalize(e.path()) {
            Ok(target) if target.starts_with(&site) => true,
            Ok(target) => {
                outside.push((e.path().to_path_buf(), target));
                false
            }
            Err(_) => true, // broken: walkdir reports it below
        }
    });
    for entry in walk {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
                let rel: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect();
                found.push(Found { rel: rel.join("/"), path: e.into_path() });
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().map_or_else(|| shown(dir), shown);
                let message = if err.loop_ancestor().is_some() {
                    "symbolic link skipped: it leads back into its own folder".to_owned()
                } else if err.io_error().is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
                    "symbolic link skipped: it leads nowhere".to_owned()
                } else {
                    format!("skipped: {err}")
                };
                warnings
                    .push(Diagnostic::new(Code::Symlink, path, message).hint("remove the link or point it at a file"));
            }
        }
    }
    for (link, target) in outside {
        warnings.push(
            Diagnostic::new(
                Code::Symlink,
                shown(&link),
                format!("symbolic link skipped: it leads outside the site, to {}", target.display()),
            )
            .hint("copy the file into the site instead; links are followed only within the site's folder"),
        );
    }
    found
}

/// Reads every file [`files`] finds under `dir`, handing each to `put`
/// with its relative path; stops at the first error (a file that cannot
/// be read is named).
pub(crate) fn each_file(
    root: &Path,
    dir: &Path,
    warnings: &mut Vec<Diagnostic>,
    mut put: impl FnMut(&str, &[u8]) -> Result<(), Diagnostic>,
) -> Result<(), Diagnostic> {
    for f in files(root, dir, warnings) {
        let shown = f.path.strip_prefix(root).unwrap_or(&f.path).to_path_buf();
        let bytes =
            std::fs::read(&f.path).map_err(|e| Diagnostic::new(Code::Io, shown, format!("cannot read: {e}")))?;
        put(&f.rel, &bytes)?;
    }
    Ok(())
}
