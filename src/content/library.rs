//! The source library: `content/sources/*.yaml` (or `.yml`), each file a
//! list of sources with the fields a briefing's `sources:` takes. Any
//! briefing cites them by id, without declaring them again.

use crate::codes::Code;
use std::path::Path;
use std::sync::OnceLock;

use super::Document;
use super::model::{Id, SourceMatter, slugify};
use super::yaml;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};

/// The folder under `content/` holding the library.
pub const DIR: &str = "sources";

/// Whether `path` is a library file: YAML, not hidden.
pub fn is_library_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    path.extension().is_some_and(|e| e == "yaml" || e == "yml") && !name.starts_with('.')
}

/// Whether `rel` (from the site's root) is a library file.
pub fn in_library(rel: &Path) -> bool {
    rel.starts_with(Path::new("content").join(DIR)) && is_library_file(rel)
}

/// Every library file under `content_dir`, in name order; one that does not
/// load is an error and left out.
pub(super) fn load(root: &Path, content_dir: &Path, diags: &mut Diagnostics) -> Vec<Document<Vec<SourceMatter>>> {
    let dir = content_dir.join(DIR);
    if !dir.is_dir() {
        return Vec::new();
    }
    let files = walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter().filter_map(Result::ok);
    let files = files.filter(|e| e.file_type().is_file() && is_library_file(e.path()));
    files
        .filter_map(|e| match load_file(root, e.path()) {
            Ok(doc) => Some(doc),
            Err(d) => {
                diags.push(d);
                None
            }
        })
        .collect()
}

fn load_file(root: &Path, file: &Path) -> Result<Document<Vec<SourceMatter>>, Diagnostic> {
    let path = file.strip_prefix(root).unwrap_or(file).to_path_buf();
    let text = std::fs::read_to_string(file).map_err(|e| {
        Diagnostic::new(Code::Io, &path, format!("cannot read the file: {e}")).hint("save it as UTF-8 text")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).replace("\r\n", "\n");
    let matter = match text.trim() {
        "" => Vec::new(),
        _ => yaml::parse(&text, &path, 1).map_err(|d| {
            d.hint("a library file is a YAML list of sources: `- id: un-report` then `title: …` and the other fields")
        })?,
    };
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let id = Id::parse(stem).or_else(|_| Id::parse(&slugify(stem))).or_else(|_| Id::parse(DIR)).expect("a valid id");
    let body_line = Position::of_offset(&text, text.len()).line + 1;
    Ok(Document { id, path, matter, front_matter: text, front_matter_line: 1, body_line, outline: OnceLock::new() })
}
