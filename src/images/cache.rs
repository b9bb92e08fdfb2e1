//! Processed pictures kept between builds in `.dossier-cache/images/`, one
//! folder per source content and settings: a rebuild reads them instead of
//! decoding and encoding again. Safe to delete; a damaged entry is made
//! again.

use std::path::{Path, PathBuf};

use super::process::{Fallback, Processed};

/// Where the cache lives, under the site's root.
pub const DIR: &str = ".dossier-cache/images";

/// A cached picture: its folder, the fallback format and each width's size.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    /// `.dossier-cache/images/<key>`.
    pub(super) dir: PathBuf,
    /// JPEG or PNG.
    pub(super) fallback: Fallback,
    /// Width and height of each variant, narrowest first.
    pub(super) sizes: Vec<(u32, u32)>,
}

impl Entry {
    /// The file of the variant `width` wide: WebP, or the fallback.
    pub(super) fn file(&self, width: u32, webp: bool) -> PathBuf {
        let ext = if webp { "webp" } else { self.fallback.ext() };
        self.dir.join(format!("{width}.{ext}"))
    }
}

/// The entry for `key`, if a build made it whole.
pub(super) fn read(root: &Path, key: &str) -> Option<Entry> {
    let dir = root.join(DIR).join(key);
    let meta = std::fs::read_to_string(dir.join("meta")).ok()?;
    let mut words = meta.split_whitespace();
    let fallback = Fallback::from_ext(words.next()?)?;
    let sizes: Option<Vec<(u32, u32)>> = words
        .map(|w| {
            let (a, b) = w.split_once('x')?;
            Some((a.parse().ok()?, b.parse().ok()?))
        })
        .collect();
    let entry = Entry { dir, fallback, sizes: sizes.filter(|s| !s.is_empty())? };
    let whole = entry.sizes.iter().all(|&(w, _)| entry.file(w, true).is_file() && entry.file(w, false).is_file());
    whole.then_some(entry)
}

/// Marks `key` as a picture that failed to process, so `serve` makes it
/// in the build (which reports why) rather than again and again after it.
pub(super) fn mark_failed(root: &Path, key: &str) {
    let base = root.join(DIR);
    let _ = std::fs::create_dir_all(&base).and_then(|()| std::fs::write(base.join(format!("{key}.failed")), b""));
}

/// Whether `key` failed to process before.
pub(super) fn failed(root: &Path, key: &str) -> bool {
    root.join(DIR).join(format!("{key}.failed")).is_file()
}

/// Stores `processed` under `key`: written in a folder of its own, then
/// renamed into place, so a build stopped halfway or a second build at
/// the same time never leaves a half entry behind.
pub(super) fn write(root: &Path, key: &str, processed: &Processed) -> std::io::Result<Entry> {
    let base = root.join(DIR);
    std::fs::create_dir_all(&base)?;
    let thread = format!("{:?}", std::thread::current().id()).replace(|c: char| !c.is_ascii_alphanumeric(), "");
    let temp = base.join(format!(".{key}.{}.{thread}", std::process::id()));
    std::fs::create_dir_all(&temp)?;
    let mut meta = processed.fallback.ext().to_string();
    for v in &processed.variants {
        std::fs::write(temp.join(format!("{}.webp", v.width)), &v.webp)?;
        std::fs::write(temp.join(format!("{}.{}", v.width, processed.fallback.ext())), &v.fallback)?;
        meta.push_str(&format!(" {}x{}", v.width, v.height));
    }
    std::fs::write(temp.join("meta"), meta)?;
    let dir = base.join(key);
    if std::fs::rename(&temp, &dir).is_err() {
        // Another build put it there first (or an old, damaged entry is in
        // the way: replaced).
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(e) = std::fs::rename(&temp, &dir) {
            let _ = std::fs::remove_dir_all(&temp);
            if read(root, key).is_none() {
                return Err(e);
            }
        }
    }
    let sizes = processed.variants.iter().map(|v| (v.width, v.height)).collect();
    Ok(Entry { dir, fallback: processed.fallback, sizes })
}
