//! Answers remembered between runs, so a second `check --links` the same
//! day asks no server again: `.dossier-cache/links.json` in the site's
//! folder (not for committing). A cache that is missing, unreadable or of
//! another version counts as empty: it is never an error.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Outcome;

/// Where the cache is, from the site's folder.
pub const FILE: &str = ".dossier-cache/links.json";
const VERSION: u32 = 1;

/// Every address asked about, with when and what came of it.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Cache {
    version: u32,
    entries: HashMap<String, Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    /// Seconds since 1970.
    checked: u64,
    #[serde(flatten)]
    outcome: Outcome,
}

impl Cache {
    /// The cache of the site at `root`.
    pub(super) fn load(root: &Path) -> Cache {
        let text = std::fs::read(root.join(FILE)).unwrap_or_default();
        serde_json::from_slice::<Cache>(&text).ok().filter(|c| c.version == VERSION).unwrap_or_default()
    }

    /// What `url` came to, if asked less than `max_age` seconds before `now`.
    pub(super) fn fresh(&self, url: &str, now: u64, max_age: u64) -> Option<&Outcome> {
        self.entries.get(url).filter(|e| now.saturating_sub(e.checked) < max_age).map(|e| &e.outcome)
    }

    /// Remembers `outcome` for `url`; an address not checked (turned away,
    /// asked to wait too long) is asked again next time.
    pub(super) fn put(&mut self, url: String, outcome: Outcome, now: u64) {
        if !matches!(outcome, Outcome::Unchecked { .. }) {
            self.entries.insert(url, Entry { checked: now, outcome });
        }
    }

    /// Writes the cache of the site at `root`, without the entries older
    /// than `max_age` (whole or not at all: written beside, then renamed).
    pub(super) fn save(mut self, root: &Path, now: u64, max_age: u64) -> std::io::Result<PathBuf> {
        self.version = VERSION;
        self.entries.retain(|_, e| now.saturating_sub(e.checked) < max_age);
        let path = root.join(FILE);
        let dir = path.parent().expect("FILE is in a folder");
        std::fs::create_dir_all(dir)?;
        let temporary = dir.join(".links.json.tmp");
        std::fs::write(&temporary, serde_json::to_vec(&self).map_err(std::io::Error::other)?)?;
        std::fs::rename(&temporary, &path)?;
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_settled_answers_for_a_while() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = Cache::load(dir.path());
        cache.put("https://a.org/".into(), Outcome::Dead { reason: "404 Not Found".into() }, 1000);
        cache.put("https://b.org/".into(), Outcome::Unchecked { reason: "403 Forbidden".into() }, 1000);
        cache.save(dir.path(), 1000, 60).unwrap();
        let cache = Cache::load(dir.path());
        assert_eq!(cache.fresh("https://a.org/", 1059, 60), Some(&Outcome::Dead { reason: "404 Not Found".into() }));
        assert_eq!(cache.fresh("https://a.org/", 1060, 60), None, "too old");
        assert_eq!(cache.fresh("https://b.org/", 1001, 60), None, "not settled, not kept");
        std::fs::write(dir.path().join(FILE), "{not json").unwrap();
        assert_eq!(Cache::load(dir.path()).fresh("https://a.org/", 1001, 60), None);
    }
}
