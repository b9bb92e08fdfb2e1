//! Splitting a Markdown file into its YAML front matter and its body.

use crate::diagnostics::Position;

/// A file's text cut in two. Offsets are into the normalized text (BOM
/// removed, CRLF turned into LF), so positions computed from them match
/// what the user sees in an editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub front_matter: &'a str,
    /// Line (1-based) on which the front matter's first line sits.
    pub front_matter_line: usize,
    pub body: &'a str,
    /// Byte offset of the body in the whole text.
    pub body_offset: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    Empty,
    Missing,
    Unterminated,
}

impl SplitError {
    pub fn message(&self) -> (&'static str, &'static str, Position) {
        match self {
            SplitError::Empty => (
                "the file is empty",
                "start the file with front matter between `---` lines, e.g. `---\\ntitle: ...\\n---`",
                Position::new(1, 1),
            ),
            SplitError::Missing => (
                "missing front matter",
                "the first line must be `---`, followed by YAML and another `---` line",
                Position::new(1, 1),
            ),
            SplitError::Unterminated => (
                "unterminated front matter: no closing `---` line",
                "add a line with only `---` after the last front-matter key",
                Position::new(1, 1),
            ),
        }
    }
}

/// Removes a UTF-8 byte-order mark, turns CRLF line endings into LF and NUL
/// into U+FFFD.
pub fn normalize(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Bytes, not chars (neither byte can be part of a longer UTF-8
    // sequence), and memchr's vectorized search: this runs over every file.
    if memchr::memchr2(b'\r', 0, text.as_bytes()).is_some() {
        // NUL is not allowed in HTML; CommonMark replaces it with U+FFFD.
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\0', "\u{fffd}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError::Empty);
    }
    let first_end = text.find('\n').unwrap_or(text.len());
    if !is_fence(&text[..first_end]) {
        return Err(SplitError::Missing);
    }
    let fm_start = (first_end + 1).min(text.len());
    let mut offset = fm_start;
    for line in text[fm_start..].split_inclusive('\n') {
        let bare = line.strip_suffix('\n').unwrap_or(line);
        if is_fence(bare) || bare.trim_end() == "..." {
            let body_offset = offset + line.len();
            return Ok(Split {
                front_matter: &text[fm_start..offset],
                front_matter_line: 2,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(SplitError::Unterminated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_body() {
        let s = split("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(s.front_matter, "title: A\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_offset, 17);
    }

    #[test]
    fn accepts_only_front_matter_and_crlf_bom() {
        let text = normalize("\u{feff}---\r\ntitle: A\r\n---");
        let s = split(&text).unwrap();
        assert_eq!(s.front_matter, "title: A\n");
        assert_eq!(s.body, "");
    }

    #[test]
    fn normalizes_line_ends_and_nul_copying_only_when_needed() {
        assert!(matches!(normalize("plain\ntext"), std::borrow::Cow::Borrowed("plain\ntext")));
        assert_eq!(normalize("a\r\nb\0c"), "a\nb\u{fffd}c");
        assert_eq!(normalize("only a nul\0"), "only a nul\u{fffd}");
        assert_eq!(normalize("only crlf\r\n"), "only crlf\n");
    }

    #[test]
    fn reports_missing_and_unterminated() {
        assert_eq!(split(""), Err(SplitError::Empty));
        assert_eq!(split("title: A\n"), Err(SplitError::Missing));
        assert_eq!(split("---\ntitle: A\n"), Err(SplitError::Unterminated));
    }
}
