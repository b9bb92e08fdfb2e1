//! URL permanence: `published-urls`, in the site folder and meant to be
//! committed, lists every address the site has published, one per line,
//! sorted, from the base path. A build that no longer serves one of them
//! (not as a page, an alias or a removal notice) fails, naming it: a link
//! or search result pointing there would break in silence.

use crate::codes::Code;
use std::collections::HashSet;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Position};

/// The file, in the site folder.
pub const FILE: &str = "published-urls";

/// The addresses listed in `root`'s file (none when there is no file yet).
pub(crate) fn read(root: &Path) -> Result<Vec<String>, Diagnostic> {
    match std::fs::read_to_string(root.join(FILE)) {
        Ok(text) => Ok(text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(Diagnostic::new(Code::Io, FILE, format!("cannot read: {e}"))),
    }
}

/// An error for each address once published and now not served, at its
/// line of the file.
pub(crate) fn gone(published: &[String], served: &HashSet<&str>) -> Vec<Diagnostic> {
    published
        .iter()
        .enumerate()
        .filter(|(_, url)| !served.contains(url.as_str()))
        .map(|(i, url)| {
            Diagnostic::new(Code::Unpublished, FILE, format!("`{url}` was published and is gone"))
                .at(Position::new(i + 1, 1))
                .spanning(url.chars().count())
                .hint(format!(
                    "if the page moved, add `{url}` to the `aliases` of its new file (an actor's `redirect_from`); if it was taken down, list it under `removed:` in dossier.yaml with a `reason`"
                ))
        })
        .collect()
}

/// Writes the file: what it listed and every address `listed` now, sorted;
/// untouched when that adds nothing.
pub(crate) fn update(root: &Path, listed: &[String]) -> std::io::Result<()> {
    let old = read(root).unwrap_or_default();
    let mut all: Vec<&str> = old.iter().chain(listed).map(String::as_str).collect();
    all.sort_unstable();
    all.dedup();
    if all.len() == old.len() {
        return Ok(());
    }
    let mut text = all.join("\n");
    text.push('\n');
    std::fs::write(root.join(FILE), text)
}
