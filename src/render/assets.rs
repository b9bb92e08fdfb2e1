//! The stylesheet and the script under names made from their content
//! (`style.5f0c2e91d4.css`), so a host may cache them for good: a changed
//! file is a new name, and pages link the new one. The plain names
//! (`style.css`, `site.js`) are written too, for links from elsewhere.

use std::hash::Hasher;
use std::path::Path;

/// The files pages link, from the output folder's root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assets {
    /// The stylesheet.
    pub style: String,
    /// The script.
    pub script: String,
}

impl Default for Assets {
    fn default() -> Self {
        Assets { style: "style.css".into(), script: "site.js".into() }
    }
}

/// The names pages link, each file's fingerprinted copy added to `statics`
/// (the theme's files). The copy holds what the build publishes under the
/// plain name: the site's own `static/` file when there is one. A file the
/// site links in by a symbolic link keeps its plain name (the copy of the
/// static folder decides whether a link is followed).
pub fn fingerprint(root: &Path, statics: &mut Vec<(String, Vec<u8>)>) -> Assets {
    let plain = Assets::default();
    let mut named = |file: &str| {
        let own = root.join("static").join(file);
        let bytes = match std::fs::symlink_metadata(&own) {
            Ok(m) if m.is_file() => std::fs::read(&own).ok(),
            Ok(_) => None,
            Err(_) => statics.iter().find(|(rel, _)| rel == file).map(|(_, b)| b.clone()),
        };
        let Some(bytes) = bytes else { return file.to_owned() };
        let name = hashed(file, &bytes);
        statics.push((name.clone(), bytes));
        name
    };
    Assets { style: named(&plain.style), script: named(&plain.script) }
}

/// `style.css` with `bytes` → `style.<10 hex digits>.css`.
fn hashed(file: &str, bytes: &[u8]) -> String {
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(bytes);
    let digest = format!("{:016x}", hasher.finish());
    match file.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{}.{ext}", &digest[..10]),
        None => format!("{file}.{}", &digest[..10]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_s_own_file_is_the_one_fingerprinted() {
        let dir = tempfile::tempdir().unwrap();
        let mut statics = vec![("style.css".to_owned(), b"theme".to_vec()), ("site.js".to_owned(), b"js".to_vec())];
        let theme = fingerprint(dir.path(), &mut statics.clone());
        assert!(
            theme.style.starts_with("style.") && theme.style.ends_with(".css") && theme.style.len() == 20,
            "{theme:?}"
        );
        std::fs::create_dir_all(dir.path().join("static")).unwrap();
        std::fs::write(dir.path().join("static/style.css"), "own").unwrap();
        let own = fingerprint(dir.path(), &mut statics);
        assert_ne!(own.style, theme.style);
        assert_eq!(own.script, theme.script, "the script is the theme's in both");
        let copy = statics.iter().find(|(rel, _)| *rel == own.style).unwrap();
        assert_eq!(copy.1, b"own");
    }
}
