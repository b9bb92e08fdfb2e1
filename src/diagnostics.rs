//! Problems found in a site, with where they are and what to do about them.
//!
//! Every stage collects [`Diagnostic`]s instead of stopping at the first one,
//! so a user fixes all of a site's problems in one round. They print like
//! rustc: `path:line:col: error: message [E0201]`, the offending line with
//! a caret, and a `help:` line. Each has a stable [`Code`].

use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

pub use crate::codes::Code;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build cannot go on.
    Error,
    /// Worth fixing; the build goes on.
    Warning,
}

/// A point in a file; lines and columns count from 1, columns in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
}

impl Position {
    /// Line and column, both 1-based.
    pub fn new(line: usize, column: usize) -> Self {
        Position { line, column }
    }

    /// The position of byte `offset` in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        // Every file's body line is counted this way: memchr, not a char scan.
        let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
        let line_start = memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |i| i + 1);
        Position::new(line, before[line_start..].chars().count() + 1)
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A problem with a file: where, what, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning (the code's).
    pub severity: Severity,
    /// What kind of problem, stable across releases.
    pub code: Code,
    /// Path as shown to the user (relative to the site root where possible).
    pub path: PathBuf,
    /// Line and column in the file, when known.
    pub position: Option<Position>,
    /// Length in characters of the offending text, for the caret underline.
    pub length: usize,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A problem of kind `code` in the file at `path`; the code says
    /// whether it is an error or a warning.
    pub fn new(code: Code, path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: if code.is_error() { Severity::Error } else { Severity::Warning },
            code,
            path: path.into(),
            position: None,
            length: 1,
            message: message.into(),
            hint: None,
        }
    }

    /// At `position` in the file.
    pub fn at(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }

    /// Underlining `length` characters.
    pub fn spanning(mut self, length: usize) -> Self {
        self.length = length.max(1);
        self
    }

    /// With a hint on what to do.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// With a hint, if there is one.
    pub fn maybe_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    /// Whether it stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic with a source excerpt; `source` is the whole
    /// file's text when it could be read.
    pub fn render(&self, source: Option<&str>, color: bool) -> String {
        let line = self.position.zip(source).and_then(|(pos, src)| src.lines().nth(pos.line.checked_sub(1)?));
        self.render_line(line, color)
    }

    /// [`Diagnostic::render`] given the line its position is on.
    fn render_line(&self, line: Option<&str>, color: bool) -> String {
        let mut out = self.to_string();
        let excerpt = self.position.zip(line);
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut group = Group::with_level(level.clone());
        if let Some((pos, line)) = excerpt {
            let start = byte_of_column(line, pos.column);
            let end = byte_of_column(line, pos.column + self.length).max(start + 1);
            let end = end.min(line.len()).max(start.min(line.len()));
            group = group.element(
                Snippet::source(line)
                    .line_start(pos.line)
                    .annotation(AnnotationKind::Primary.span(start.min(line.len())..end)),
            );
        }
        let hint = self.hint.as_deref().map(crate::escape::terminal);
        if let Some(hint) = &hint {
            group = group.element(Level::HELP.message(hint.as_ref()));
        }
        if excerpt.is_some() || self.hint.is_some() {
            let renderer = if color { Renderer::styled() } else { Renderer::plain() };
            out.push('\n');
            out.push_str(&renderer.render(&[group]));
        }
        out
    }
}

fn byte_of_column(line: &str, column: usize) -> usize {
    line.char_indices().nth(column.saturating_sub(1)).map_or(line.len(), |(i, _)| i)
}

/// The one-line form, `path:line:col: error: message [E0201]`, as editors
/// and `grep` expect it (the code last, as compilers put their flags). Names and messages can hold a contributor's text:
/// control characters in them are printed escaped, never raw.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::escape::terminal;
        write!(f, "{}", terminal(&self.path.to_string_lossy()))?;
        if let Some(p) = self.position {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {label}: {} [{}]", terminal(&self.message), self.code)
    }
}

/// All the problems found so far, in the order found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds one.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds several.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Without the warnings of the codes in `allowed` (a site's
    /// `editorial: { allow: [...] }`).
    pub fn allow(mut self, allowed: &[Code]) -> Self {
        if !allowed.is_empty() {
            self.items.retain(|d| !allowed.contains(&d.code));
        }
        self
    }

    /// Whether any stops the build.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// How many errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// How many warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// Each, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every error, and the first `limit` warnings; with the number of
    /// warnings left out. Builds print these: thousands of warnings would
    /// scroll the errors away (`check` prints all).
    pub fn capped(&self, limit: usize) -> (Diagnostics, usize) {
        let mut shown = 0;
        let items = self
            .items
            .iter()
            .filter(|d| {
                let show = d.is_error() || shown < limit;
                shown += usize::from(!d.is_error() && show);
                show
            })
            .cloned()
            .collect::<Vec<_>>();
        let left = self.items.len() - items.len();
        (Diagnostics { items }, left)
    }

    /// Sorted by file and position so output is stable across parallel runs.
    pub fn sorted(mut self) -> Self {
        self.items.sort_by(|a, b| (&a.path, a.position, &a.message).cmp(&(&b.path, b.position, &b.message)));
        self.items.dedup();
        self
    }

    /// [`Diagnostics::render`] of every error and the first
    /// [`SHOWN_WARNINGS`] warnings, then how many more there are.
    pub fn render_capped(&self, root: &Path, color: bool) -> String {
        let (shown, left) = self.capped(SHOWN_WARNINGS);
        let mut out = shown.render(root, color);
        if left > 0 {
            let noun = if left == 1 { "warning" } else { "warnings" };
            out.push_str(&format!("… and {left} more {noun}; `dossier check` lists them all\n"));
        }
        out
    }

    /// Renders every diagnostic, reading each file once for its excerpts
    /// and splitting it in lines once (a file may have 100,000 warnings).
    pub fn render(&self, root: &Path, color: bool) -> String {
        let mut out = String::new();
        for run in self.items.chunk_by(|a, b| a.path == b.path) {
            let text = std::fs::read_to_string(root.join(&run[0].path)).ok();
            let lines: Vec<&str> = match run.iter().any(|d| d.position.is_some()) {
                true => text.as_deref().map_or_else(Vec::new, |t| t.lines().collect()),
                false => Vec::new(),
            };
            for d in run {
                let line = d.position.and_then(|p| lines.get(p.line.checked_sub(1)?).copied());
                out.push_str(&d.render_line(line, color));
                out.push('\n');
            }
        }
        out
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// How many warnings a build prints before "… and N more".
pub const SHOWN_WARNINGS: usize = 20;

/// The tail of a build's summary line for `notes` editorial notes: empty,
/// or "; `dossier check` has 9 editorial notes".
pub fn notes_tail(notes: usize) -> String {
    match notes {
        0 => String::new(),
        n => format!("; `dossier check` has {}", plural(n, "editorial note")),
    }
}

/// "1 warning", "2 warnings": counts in summary lines.
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Suggests the candidate nearest to `wrong`, when one is near enough to be
/// a likely typo.
pub fn nearest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong_lower = wrong.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&wrong_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// "did you mean `x`?" for the nearest candidate, if any.
pub fn did_you_mean<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    nearest(wrong, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "ab\ncdé\nf";
        assert_eq!(Position::of_offset(text, 0), Position::new(1, 1));
        assert_eq!(Position::of_offset(text, 4), Position::new(2, 2));
        assert_eq!(Position::of_offset(text, 8), Position::new(3, 1));
    }

    #[test]
    fn suggests_near_ids_only() {
        let ids = ["vladimir-putin", "emmanuel-macron"];
        assert_eq!(nearest("vladimir-putn", ids), Some("vladimir-putin"));
        assert_eq!(nearest("zzz", ids), None);
    }

    #[test]
    fn renders_header_excerpt_and_hint() {
        let d = Diagnostic::new(Code::Unknown, "a.md", "unknown actor `putn`")
            .at(Position::new(2, 10))
            .spanning(4)
            .hint("did you mean `putin`?");
        let text = d.render(Some("---\n- actor: putn\n"), false);
        assert!(text.starts_with("a.md:2:10: error: unknown actor `putn` [E0201]"), "{text}");
        assert!(text.contains("- actor: putn"), "{text}");
        assert!(text.contains("^^^^"), "{text}");
        assert!(text.contains("help: did you mean `putin`?"), "{text}");
    }
}
