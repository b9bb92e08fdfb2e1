//! Whose files are in the output folder. A build leaves a manifest there
//! ([`MANIFEST`]: every file it wrote, one per line); the next build
//! replaces only a folder that is missing, empty or marked so, and only
//! when everything in it is on that list, is `.git` or matches `keep:`.
//! Anything else is someone's work, and the build stops before touching it
//! (unless told `--force`). `.git` and kept files are carried into the new
//! output as they are.

use std::fs;
use std::io;
use std::path::Path;

use globset::{GlobSet, GlobSetBuilder};
use rayon::prelude::*;

/// The manifest's file name, at the top of the output folder.
pub const MANIFEST: &str = ".dossier-manifest";

/// The manifest's first line: what marks the folder as a build's.
const HEADER: &str = "# Written by dossier. Each line is a file the build wrote; the next build replaces them. \
Anything else here stops a build, unless it is .git or matches `keep:` in dossier.yaml.";

/// The `keep:` patterns: paths relative to the output, `*` within one
/// folder, `**` across folders.
#[derive(Debug, Default)]
pub struct Keep(GlobSet);

impl Keep {
    /// Compiles the patterns (checked when `dossier.yaml` was read);
    /// what is wrong with the first bad one.
    pub fn new(patterns: &[String]) -> Result<Keep, String> {
        let mut set = GlobSetBuilder::new();
        for p in patterns {
            set.add(crate::config::keep_glob(p).map_err(|e| e.kind().to_string())?);
        }
        set.build().map(Keep).map_err(|e| e.to_string())
    }

    fn matches(&self, rel: &str) -> bool {
        !self.0.is_empty() && self.0.is_match(rel)
    }
}

/// What the output folder holds, as seen before a build replaces it.
#[derive(Debug, Default)]
pub struct Previous {
    /// Whether there is a folder to replace.
    pub exists: bool,
    /// Entries to carry into the new output (`.git`, kept files and
    /// folders), relative paths, top-most only.
    pub carry: Vec<String>,
}

/// Why a folder may not be replaced.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// The path is a file, or a link (replacing a link would leave what it
    /// points at behind, and removing through it would delete elsewhere).
    NotAFolder(&'static str),
    /// It holds what no build wrote: the first few entries (folders end in
    /// `/`) and how many there are in all; `marked` when it has a manifest.
    Foreign {
        marked: bool,
        first: Vec<String>,
        count: usize,
    },
    Unreadable(io::Error),
}

/// Looks at the folder at `output` before a build replaces it. With
/// `force`, foreign entries are no obstacle (they go with the old output).
pub(crate) fn inspect(output: &Path, keep: &Keep, force: bool) -> Result<Previous, Refusal> {
    match fs::symlink_metadata(output) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Previous::default()),
        Err(e) => return Err(Refusal::Unreadable(e)),
        Ok(m) if m.file_type().is_symlink() => return Err(Refusal::NotAFolder("a symbolic link")),
        Ok(m) if !m.is_dir() => return Err(Refusal::NotAFolder("a file")),
        Ok(_) => {}
    }
    let manifest = read_manifest(output).map_err(Refusal::Unreadable)?;
    let found = scan(output, "", keep, manifest.as_ref()).map_err(Refusal::Unreadable)?;
    if !found.foreign.is_empty() && !force {
        let mut foreign = found.foreign;
        foreign.sort();
        let count = foreign.len();
        foreign.truncate(5);
        return Err(Refusal::Foreign { marked: manifest.is_some(), first: foreign, count });
    }
    Ok(Previous { exists: true, carry: found.carry })
}

/// The manifest's files, sorted (as written), each a line of its text:
/// looked up by binary search, with no set built of tens of thousands.
struct Manifest {
    text: String,
    /// Byte ranges of the lines in `text`, past the header.
    lines: Vec<(usize, usize)>,
}

impl Manifest {
    fn line(&self, i: usize) -> &str {
        let (start, end) = self.lines[i];
        &self.text[start..end]
    }

    /// The index of the first line not below `rel`.
    fn lower_bound(&self, rel: &str) -> usize {
        self.lines.partition_point(|&(s, e)| decode(&self.text[s..e]).as_ref() < rel)
    }

    fn has_file(&self, rel: &str) -> bool {
        let i = self.lower_bound(rel);
        i < self.lines.len() && decode(self.line(i)) == rel
    }

    /// Whether some file listed is inside the folder `rel`.
    fn has_folder(&self, rel: &str) -> bool {
        let folder = format!("{rel}/");
        let i = self.lower_bound(&folder);
        i < self.lines.len() && decode(self.line(i)).starts_with(&folder)
    }
}

fn read_manifest(output: &Path) -> io::Result<Option<Manifest>> {
    let text = match fs::read_to_string(output.join(MANIFEST)) {
        Ok(t) => t,
        Err(e) if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::InvalidData) => return Ok(None),
        Err(e) => return Err(e),
    };
    let Some(rest) = text.strip_prefix(HEADER).and_then(|r| r.strip_prefix('\n')) else { return Ok(None) };
    let mut start = text.len() - rest.len();
    let mut lines = Vec::new();
    for end in memchr::memchr_iter(b'\n', &text.as_bytes()[start..]).map(|i| i + start).collect::<Vec<_>>() {
        lines.push((start, end));
        start = end + 1;
    }
    let manifest = Manifest { text, lines };
    // Sorted as written, unless edited by hand: then sorted here.
    let sorted = manifest
        .lines
        .windows(2)
        .all(|w| decode(&manifest.text[w[0].0..w[0].1]) <= decode(&manifest.text[w[1].0..w[1].1]));
    Ok(Some(if sorted { manifest } else { resorted(manifest) }))
}

fn resorted(mut m: Manifest) -> Manifest {
    let text = std::mem::take(&mut m.text);
    m.lines.sort_by(|a, b| decode(&text[a.0..a.1]).cmp(&decode(&text[b.0..b.1])));
    Manifest { text, lines: m.lines }
}

/// The manifest's text for the files a build wrote (sorted, no repeats).
pub(crate) fn manifest_text<'a>(files: impl Iterator<Item = &'a str>) -> String {
    let mut text = String::from(HEADER);
    text.push('\n');
    for f in files {
        text.push_str(&encode(f));
        text.push('\n');
    }
    text
}

/// A line per path: the few characters that would break a line are escaped.
pub(super) fn encode(rel: &str) -> std::borrow::Cow<'_, str> {
    if !rel.contains(['%', '\n', '\r']) {
        return rel.into();
    }
    rel.replace('%', "%25").replace('\n', "%0A").replace('\r', "%0D").into()
}

pub(super) fn decode(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains('%') {
        return line.into();
    }
    line.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%").into()
}

#[derive(Default)]
struct Found {
    foreign: Vec<String>,
    carry: Vec<String>,
}

impl Found {
    fn merge(mut self, other: Found) -> Found {
        self.foreign.extend(other.foreign);
        self.carry.extend(other.carry);
        self
    }
}

/// Sorts the entries of the folder `rel` (under `output`), folders in
/// parallel: a large site's output has tens of thousands.
fn scan(output: &Path, rel: &str, keep: &Keep, manifest: Option<&Manifest>) -> io::Result<Found> {
    let entries: Vec<fs::DirEntry> = fs::read_dir(output.join(rel))?.collect::<Result<_, _>>()?;
    entries
        .par_iter()
        .try_fold(Found::default, |mut found, entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let child = if rel.is_empty() { name.to_string() } else { format!("{rel}/{name}") };
            let top = rel.is_empty();
            if top && name == MANIFEST {
                return Ok(found);
            }
            if (top && name == ".git") || keep.matches(&child) {
                found.carry.push(child);
                return Ok(found);
            }
            let kind = entry.file_type()?;
            if !kind.is_dir() {
                if !manifest.is_some_and(|m| m.has_file(&child)) {
                    found.foreign.push(child);
                }
                return Ok(found);
            }
            let inner = scan(output, &child, keep, manifest)?;
            // A folder no build made is named once, unless something in it is kept.
            if !manifest.is_some_and(|m| m.has_folder(&child)) && inner.carry.is_empty() {
                found.foreign.push(format!("{child}/"));
                return Ok(found);
            }
            Ok(found.merge(inner))
        })
        .try_reduce(Found::default, |a, b| Ok(a.merge(b)))
}
