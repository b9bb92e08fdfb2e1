//! Where a picture's `src` leads: beside the file naming it (a page
//! bundle's folder), else in the site's `assets/` folder; `/x.jpg` is
//! `assets/x.jpg`. Never outside those, never through a link.

use std::path::{Component, Path, PathBuf};

use crate::diagnostics::did_you_mean;

/// The folder, beside `content/`, for pictures pages share.
pub(super) const ASSETS: &str = "assets";

/// Why a `src` leads nowhere, with what to do.
pub(super) struct Missing {
    pub(super) message: String,
    pub(super) hint: String,
}

/// The file `src` names from the file `doc` (both as written: `doc`
/// relative to `root`).
pub(super) fn find(root: &Path, doc: &Path, src: &str) -> Result<PathBuf, Missing> {
    if src.contains("://") || src.starts_with("//") {
        return Err(Missing {
            message: format!("`{src}` is on another site: dossier publishes only pictures it can process"),
            hint: format!("save the picture beside {} or in {ASSETS}/, and name that file", doc.display()),
        });
    }
    let folder = doc.parent().unwrap_or(Path::new(""));
    let candidates: Vec<PathBuf> = match src.strip_prefix('/') {
        Some(rest) => vec![Path::new(ASSETS).join(rest)],
        None => vec![folder.join(src), Path::new(ASSETS).join(src)],
    };
    for rel in &candidates {
        let Some(rel) = normalize(rel) else { continue };
        let inside = rel.starts_with("content") || rel.starts_with(ASSETS);
        let path = root.join(&rel);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if inside && m.is_file() && !through_link(root, &rel) => return Ok(path),
            Ok(m) if m.file_type().is_symlink() || (m.is_file() && inside) => {
                return Err(Missing {
                    message: format!(
                        "`{src}` is, or is reached through, a symbolic link, and dossier does not follow links"
                    ),
                    hint: "copy the picture there instead".into(),
                });
            }
            _ => {}
        }
    }
    Err(Missing { message: format!("picture `{src}` not found"), hint: hint(root, folder, src) })
}

/// Whether a folder on the way to `rel` (under `root`) is a symbolic
/// link: a picture is never read through one, wherever it leads.
fn through_link(root: &Path, rel: &Path) -> bool {
    let mut at = root.to_path_buf();
    let folders = rel.parent().map(|p| p.components().count()).unwrap_or(0);
    rel.components().take(folders).any(|c| {
        at.push(c);
        std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink())
    })
}

/// `a/./b/../c` as `a/c`; `None` when it climbs above the root.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// The nearest picture by name beside the file and in `assets/`, or where
/// to put one.
fn hint(root: &Path, folder: &Path, src: &str) -> String {
    let mut names = Vec::new();
    for dir in [folder.to_path_buf(), PathBuf::from(ASSETS)] {
        let Ok(entries) = std::fs::read_dir(root.join(&dir)) else { continue };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if super::is_picture(Path::new(&name)) {
                let shown = if dir == Path::new(ASSETS) { format!("/{name}") } else { name };
                names.push(shown);
            }
        }
    }
    let wanted = src.trim_start_matches('/');
    did_you_mean(wanted, names.iter().map(String::as_str)).unwrap_or_else(|| {
        format!("put the picture beside the file ({}) or in {ASSETS}/ (then write `/name.jpg`)", folder.display())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_climb_out() {
        assert_eq!(normalize(Path::new("content/a/../b.jpg")), Some(PathBuf::from("content/b.jpg")));
        assert_eq!(normalize(Path::new("content/../../x")), None);
        assert_eq!(normalize(Path::new("/etc/passwd")), None);
    }
}
