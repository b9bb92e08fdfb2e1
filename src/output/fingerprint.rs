//! What each file of the last build was: its length, modification time and
//! inode as the file system reports them, and a hash of its bytes. A
//! rebuild tells an unchanged page by hashing the new bytes and comparing
//! with the record, without reading the old copy (reading every old page
//! was a tenth of a large rebuild). A file whose length, time or inode is
//! not the one recorded (edited, replaced, copied) is compared byte for
//! byte as before. Kept in the output folder ([`FILE`], listed in the
//! manifest like any file the build wrote), so the record moves with the
//! files it describes.

use std::fs;
use std::io;
use std::path::Path;

use rustc_hash::FxHashMap;

use super::owner::{decode, encode};

/// The record's file name, at the top of the output folder.
pub const FILE: &str = ".dossier-fingerprints";

/// The record's first line; a file without it is not read.
const HEADER: &str = "# dossier fingerprints 1: length, modification time (ns), inode, XXH3-128 of the bytes, path";

/// How the file system sees a file: when any of it differs from the
/// record, the file changed since.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Stamp {
    len: u64,
    modified: i128,
    inode: u64,
}

impl Stamp {
    pub(super) fn of(meta: &fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let (modified, inode) = {
            use std::os::unix::fs::MetadataExt;
            (i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()), meta.ino())
        };
        // Elsewhere the time alone (no inode in stable std).
        #[cfg(not(unix))]
        let (modified, inode) = {
            let since = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
            (since.map_or(0, |d| d.as_nanos() as i128), 0)
        };
        Stamp { len: meta.len(), modified, inode }
    }
}

/// A file as written: its stamp and the hash of its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Fingerprint {
    pub(super) stamp: Stamp,
    pub(super) hash: u128,
}

/// The hash a fingerprint holds.
pub(super) fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The last build's record in `output`, by path; empty when there is none
/// or it cannot be read (every file is then compared byte for byte).
pub(super) fn read(output: &Path) -> FxHashMap<String, Fingerprint> {
    let Ok(text) = fs::read_to_string(output.join(FILE)) else { return FxHashMap::default() };
    let Some(rest) = text.strip_prefix(HEADER).and_then(|r| r.strip_prefix('\n')) else {
        return FxHashMap::default();
    };
    rest.lines().filter_map(parse).collect()
}

fn parse(line: &str) -> Option<(String, Fingerprint)> {
    let mut fields = line.splitn(5, ' ');
    let mut next = || fields.next();
    let (len, modified, inode, hash, path) = (next()?, next()?, next()?, next()?, next()?);
    let stamp = Stamp { len: len.parse().ok()?, modified: modified.parse().ok()?, inode: inode.parse().ok()? };
    let hash = u128::from_str_radix(hash, 16).ok()?;
    Some((decode(path).into_owned(), Fingerprint { stamp, hash }))
}

/// The record's text for `files`, the paths a build wrote (each once) with
/// the fingerprints of those it put whole.
pub(super) fn text(files: &[(String, Option<Fingerprint>)]) -> String {
    let mut text = String::with_capacity(HEADER.len() + 1 + files.len() * 96);
    text.push_str(HEADER);
    text.push('\n');
    for (rel, f) in files.iter().filter_map(|(rel, f)| Some((rel, f.as_ref()?))) {
        let Stamp { len, modified, inode } = f.stamp;
        text.push_str(&format!("{len} {modified} {inode} {:032x} {}\n", f.hash, encode(rel)));
    }
    text
}

/// Writes the record for `files` (see [`text`]) into the folder `dir`.
pub(super) fn write(dir: &Path, files: &[(String, Option<Fingerprint>)]) -> io::Result<()> {
    fs::write(dir.join(FILE), text(files))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_as_written_and_a_damaged_line_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let f = |len, hash| Fingerprint { stamp: Stamp { len, modified: -5_000_000_001, inode: 77 }, hash };
        let files = vec![
            ("a b/index.html".to_owned(), Some(f(3, 1))),
            ("linked.png".to_owned(), None),
            ("odd\n%name.txt".to_owned(), Some(f(4, u128::MAX))),
        ];
        write(dir.path(), &files).unwrap();
        let back = read(dir.path());
        assert_eq!(back.len(), 2, "a file put without a fingerprint has no line");
        assert_eq!(back["a b/index.html"], f(3, 1));
        assert_eq!(back["odd\n%name.txt"], f(4, u128::MAX));

        let text = fs::read_to_string(dir.path().join(FILE)).unwrap();
        fs::write(dir.path().join(FILE), text.replacen(" 77 ", " x ", 1)).unwrap();
        assert_eq!(read(dir.path()).len(), 1, "a line that does not parse is no record");
        fs::write(dir.path().join(FILE), text.replacen("# dossier fingerprints 1", "# other", 1)).unwrap();
        assert!(read(dir.path()).is_empty(), "a file without the header is not read");
    }
}
