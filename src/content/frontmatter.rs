//! Splitting a Markdown file into its YAML front matter and its body.

use crate::diagnostics::Position;

/// A file's text cut in two. Offsets are into the normalized text (BOM
/// removed, CRLF turned into LF), so positions computed from them match
/// what the user sees in an editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub front_matter: &'a str,
    /// Line (1-based) on which the front matter's first line sits.
    pub front_matter_line: usize,
    /// Everything after the closing `---`.
    pub body: &'a str,
    /// Byte offset of the body in the whole text.
    pub body_offset: usize,
}

/// Why a file has no front matter to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The file is empty.
    Empty,
    /// The file does not start with `---`.
    Missing,
    /// No `---` line closes the front matter.
    Unterminated,
}

impl SplitError {
    /// What to say about it: message, hint, and where.
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

/// Removes a UTF-8 byte-order mark, turns CRLF line endings into LF, and
/// every character XML forbids (NUL and the other C0 controls but tab,
/// newline and carriage return; U+FFFE, U+FFFF) into U+FFFD: a title
/// holding one would make every feed it is in unreadable.
pub fn normalize(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Bytes, not chars (none of these bytes can be part of a longer UTF-8
    // sequence), and memchr's vectorized search: this runs over every file.
    let bytes = text.as_bytes();
    if memchr::memchr(b'\r', bytes).is_none() && !has_forbidden(bytes) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            c if forbidden(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether XML forbids `c` (see [`normalize`]).
pub fn forbidden(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0b' | '\x0c' | '\x0e'..='\x1f' | '\u{fffe}' | '\u{ffff}')
}

/// Whether `bytes` hold a character [`forbidden`] names. Chunks folded
/// without branches, which the compiler vectorizes; U+FFFE and U+FFFF
/// start with `EF BF`, rare enough to find with memmem.
fn has_forbidden(bytes: &[u8]) -> bool {
    let control = |b: u8| (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r');
    bytes.chunks(64).any(|chunk| chunk.iter().fold(false, |any, &b| any | control(b)))
        || memchr::memmem::find_iter(bytes, b"\xef\xbf").any(|i| matches!(bytes.get(i + 2), Some(0xbe | 0xbf)))
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits a file's text into front matter and body.
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
        assert_eq!(normalize("bell\x07, escape\x1b[2J, tab\tok"), "bell\u{fffd}, escape\u{fffd}[2J, tab\tok");
        assert_eq!(normalize("non-characters \u{fffe}\u{ffff} \u{ffe5}"), "non-characters \u{fffd}\u{fffd} \u{ffe5}");
        assert!(matches!(
            normalize("long text with no control \u{ffe5} ".repeat(20).as_str()),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn reports_missing_and_unterminated() {
        assert_eq!(split(""), Err(SplitError::Empty));
        assert_eq!(split("title: A\n"), Err(SplitError::Missing));
        assert_eq!(split("---\ntitle: A\n"), Err(SplitError::Unterminated));
    }
}
