//! Diagnostics for machines: one JSON object per line, or GitHub Actions
//! workflow annotations, so problems show up in pull requests
//! (`dossier check --format json|github`).

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};

/// One diagnostic as JSON: how bad and of what kind (its stable code),
/// where (the file from the site's root, line and columns from 1, `null`
/// when unknown), what and what to do.
#[derive(Serialize)]
struct Record<'a> {
    severity: &'static str,
    code: &'static str,
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    end_column: Option<usize>,
    message: &'a str,
    hint: Option<&'a str>,
}

fn severity(d: &Diagnostic) -> &'static str {
    match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// Forward slashes, whatever the system: the same text on every machine.
fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Each diagnostic as a JSON object on a line of its own.
pub fn json(diags: &Diagnostics) -> String {
    let mut out = String::new();
    for d in diags.iter() {
        let record = Record {
            severity: severity(d),
            code: d.code.id(),
            file: slashed(&d.path),
            line: d.position.map(|p| p.line),
            column: d.position.map(|p| p.column),
            end_column: d.position.map(|p| p.column + d.length.max(1)),
            message: &d.message,
            hint: d.hint.as_deref(),
        };
        out.push_str(&serde_json::to_string(&record).expect("strings and numbers serialize"));
        out.push('\n');
    }
    out
}

/// Each diagnostic as a workflow command (`::error file=…,line=…::…`).
/// GitHub reads file paths from the repository's root (`workspace`, its
/// `GITHUB_WORKSPACE`), so each is the site's `root` joined to the path,
/// made relative to it.
pub fn github(diags: &Diagnostics, root: &Path, workspace: Option<&Path>) -> String {
    let mut out = String::new();
    for d in diags.iter() {
        let file = from_workspace(&root.join(&d.path), workspace);
        let mut properties = format!("file={}", property(&slashed(&file)));
        if let Some(p) = d.position {
            let end = p.column + d.length.max(1);
            properties.push_str(&format!(",line={},col={},endColumn={end}", p.line, p.column));
        }
        let text = match &d.hint {
            Some(hint) => format!("{}\nhelp: {hint}", d.message),
            None => d.message.clone(),
        };
        let title = property(&format!("dossier {}", d.code));
        out.push_str(&format!("::{} {properties},title={title}::{}\n", severity(d), data(&text)));
    }
    out
}

/// `path` from `workspace` when it lies inside it, else as it is (without
/// a leading `./`).
fn from_workspace(path: &Path, workspace: Option<&Path>) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let inside = workspace.and_then(|w| absolute.strip_prefix(std::path::absolute(w).ok()?).ok());
    inside.map_or_else(|| path.strip_prefix(".").unwrap_or(path).to_path_buf(), Path::to_path_buf)
}

/// A workflow command's message: `%`, carriage returns and newlines escaped.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A workflow command's property value: as [`data`], and `:` and `,` too.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_escape_what_would_end_them() {
        assert_eq!(data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(property("a,b:c%"), "a%2Cb%3Ac%25");
    }
}
