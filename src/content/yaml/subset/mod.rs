//! The YAML that front matter is nearly always written in, read directly.
//!
//! serde_yaml spends about 320 instructions on every byte of front matter
//! (a quarter of a large build). Front matter uses a small part of YAML:
//! block mappings and lists, one-line plain and quoted scalars, one-line
//! `[a, b]` lists and comments. This reads that part into a small tree and
//! deserializes from it the way serde_yaml would from the same text.
//!
//! It never decides anything on its own: text outside the subset (block
//! scalars, anchors, tags, flow mappings, multi-line scalars, tabs, …), a
//! scalar that could be a number, and any value a type rejects all give
//! `None`, and the caller parses the text again with serde_yaml — which is
//! also what reports errors, with their positions and hints. So a document
//! this accepts means what serde_yaml says it means; the unit tests and
//! the `front_matter` fuzz target compare the two.

mod de;

use std::borrow::Cow;

use serde::de::DeserializeOwned;

/// `yaml` as `T`, when it is written in the subset and `T` accepts it.
pub(super) fn parse<T: DeserializeOwned>(yaml: &str) -> Option<T> {
    let node = tree(yaml)?;
    T::deserialize(&node).ok()
}

/// Deeper than this, the full parser decides (it has its own limit).
const MAX_DEPTH: usize = 32;
/// More keys in one mapping than this, likewise.
const MAX_KEYS: usize = 64;

#[derive(Debug, PartialEq)]
enum Node<'a> {
    /// A scalar's value and whether it was plain (unquoted): only plain
    /// scalars can mean null, a boolean or a number.
    Scalar(Cow<'a, str>, bool),
    Seq(Vec<Node<'a>>),
    Map(Vec<(&'a str, Node<'a>)>),
}

/// A line with content: its indent (spaces) and the text after it.
#[derive(Clone, Copy)]
struct Line<'a> {
    indent: usize,
    text: &'a str,
}

fn tree(yaml: &str) -> Option<Node<'_>> {
    if !printable(yaml) {
        return None;
    }
    let lines: Vec<Line> = yaml
        .split('\n')
        .filter_map(|l| {
            let text = l.trim_start_matches(' ');
            let blank = text.is_empty() || text.starts_with('#');
            (!blank).then(|| Line { indent: l.len() - text.len(), text })
        })
        .collect();
    if lines.first()?.indent != 0 {
        return None;
    }
    let mut reader = Reader { lines, at: 0, depth: 0 };
    let node = reader.block(0)?;
    (reader.at == reader.lines.len()).then_some(node)
}

/// Characters libyaml accepts in a stream, minus tabs and the line breaks
/// other than `\n` (NEL, LS, PS), which the subset leaves to it.
fn printable(yaml: &str) -> bool {
    let ascii_ok = |b: u8| b == b'\n' || (0x20..0x7f).contains(&b);
    if yaml.bytes().all(ascii_ok) {
        return true;
    }
    yaml.chars().all(|c| match c as u32 {
        c if c < 0x80 => ascii_ok(c as u8),
        0x2028 | 0x2029 | 0xfeff => false,
        0xa0..=0xd7ff | 0xe000..=0xfffd | 0x10000.. => true,
        _ => false,
    })
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    at: usize,
    depth: usize,
}

fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// Empty, or only a comment (which YAML wants after a space; callers pass
/// text that follows one, or that they have checked does).
fn is_end(text: &str) -> bool {
    text.is_empty() || text.starts_with('#')
}

impl<'a> Reader<'a> {
    fn next(&self) -> Option<Line<'a>> {
        self.lines.get(self.at).copied()
    }

    /// The mapping or list starting at the current line, indented `indent`.
    fn block(&mut self, indent: usize) -> Option<Node<'a>> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let node = if is_item(self.next()?.text) { self.seq(indent) } else { self.map(indent) };
        self.depth -= 1;
        node
    }

    fn seq(&mut self, indent: usize) -> Option<Node<'a>> {
        let mut items = Vec::new();
        while let Some(line) = self.next() {
            if line.indent < indent || (line.indent == indent && !is_item(line.text)) {
                break;
            }
            if line.indent > indent {
                return None;
            }
            let rest = &line.text[1..];
            let value = rest.trim_start_matches(' ');
            let item = if is_end(value) {
                self.at += 1;
                self.nested(indent, false)?
            } else if is_item(value) {
                return None;
            } else if key_value(value).is_some() {
                // `- key: value`: a mapping whose keys line up with this one.
                let column = indent + 1 + rest.len() - value.len();
                self.lines[self.at] = Line { indent: column, text: value };
                self.block(column)?
            } else {
                self.at += 1;
                self.inline(value, indent)?
            };
            items.push(item);
        }
        Some(Node::Seq(items))
    }

    fn map(&mut self, indent: usize) -> Option<Node<'a>> {
        let mut entries: Vec<(&'a str, Node<'a>)> = Vec::new();
        while let Some(line) = self.next() {
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return None;
            }
            let (key, value) = key_value(line.text)?;
            // Duplicates are checked pairwise: past a few dozen keys (never
            // in real front matter) serde_yaml's linear check is cheaper.
            if entries.len() == MAX_KEYS || entries.iter().any(|(k, _)| *k == key) {
                return None;
            }
            self.at += 1;
            let value = if is_end(value) { self.nested(indent, true)? } else { self.inline(value, indent)? };
            entries.push((key, value));
        }
        Some(Node::Map(entries))
    }

    /// The value of a key or item with nothing after it on its line: a
    /// block on the following lines, or null. A mapping's value may be a
    /// list at the key's own indent.
    fn nested(&mut self, indent: usize, list_at_indent: bool) -> Option<Node<'a>> {
        match self.next() {
            Some(l) if l.indent > indent => self.block(l.indent),
            Some(l) if l.indent == indent && list_at_indent && is_item(l.text) => self.seq(indent),
            _ => Some(Node::Scalar(Cow::Borrowed(""), true)),
        }
    }

    /// A value written on its key's or item's line, which must be all of it.
    fn inline(&mut self, text: &'a str, indent: usize) -> Option<Node<'a>> {
        if self.next().is_some_and(|l| l.indent > indent) {
            return None; // a scalar going on over several lines
        }
        let (node, rest) = match text.as_bytes()[0] {
            b'"' => double_quoted(text).map(|(s, rest)| (Node::Scalar(s, false), rest))?,
            b'\'' => single_quoted(text).map(|(s, rest)| (Node::Scalar(s, false), rest))?,
            b'[' => flow_list(text)?,
            _ => return plain(text).map(|s| Node::Scalar(Cow::Borrowed(s), true)),
        };
        after_value(rest).then_some(node)
    }
}

/// Whether what follows a quoted scalar or a list ends the line.
fn after_value(rest: &str) -> bool {
    let trimmed = rest.trim_start_matches(' ');
    trimmed.is_empty() || (trimmed.len() < rest.len() && trimmed.starts_with('#'))
}

/// `key: value` (or `key:`) with a plain key; `value` has its leading
/// spaces removed and may be empty or a comment.
fn key_value(text: &str) -> Option<(&str, &str)> {
    if !text.as_bytes()[0].is_ascii_alphanumeric() && !text.starts_with('_') {
        return None;
    }
    let colon =
        text.match_indices(':').map(|(i, _)| i).find(|&i| matches!(text.as_bytes().get(i + 1), None | Some(b' ')))?;
    let key = &text[..colon];
    // libyaml refuses an implicit key longer than 1024 characters.
    if key.len() > 1000 || key.ends_with(' ') || pair(key, b' ', b'#').is_some() {
        return None;
    }
    Some((key, text[colon + 1..].trim_start_matches(' ')))
}

/// Characters that cannot start a plain scalar (`-` can, before a non-space).
const INDICATORS: &[u8] = b"-?:,[]{}#&*!|>'\"%@`";

/// A plain scalar that is the rest of its line, up to a comment.
fn plain(text: &str) -> Option<&str> {
    let first = text.as_bytes()[0];
    if INDICATORS.contains(&first) && !(first == b'-' && text.len() > 1 && text.as_bytes()[1] != b' ') {
        return None;
    }
    let value = pair(text, b' ', b'#').map_or(text, |i| &text[..i]).trim_end_matches(' ');
    // `a: b` in a value is a mapping YAML refuses here; `a:` likewise.
    (pair(value, b':', b' ').is_none() && !value.ends_with(':')).then_some(value)
}

/// Where the bytes `a` then `b` first occur in `text`, found by the one
/// that is not a space (spaces are everywhere). `str::find` with a
/// two-byte needle sets up a substring search every call, and this runs
/// for every line of every front matter.
fn pair(text: &str, a: u8, b: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    if a == b' ' {
        memchr::memchr_iter(b, bytes).find(|&i| i > 0 && bytes[i - 1] == a).map(|i| i - 1)
    } else {
        memchr::memchr_iter(a, bytes).find(|&i| bytes.get(i + 1) == Some(&b))
    }
}

/// A `"…"` scalar ending on its line, and the text after it.
fn double_quoted(text: &str) -> Option<(Cow<'_, str>, &str)> {
    let body = &text[1..];
    let end = body.find(['"', '\\'])?;
    if body.as_bytes()[end] == b'"' {
        return Some((Cow::Borrowed(&body[..end]), &body[end + 1..]));
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((Cow::Owned(out), &body[i + 1..])),
            '\\' => {
                let (_, e) = chars.next()?;
                let hex = |n: usize, chars: &mut std::str::CharIndices| -> Option<char> {
                    let digits: String = chars.by_ref().take(n).map(|(_, c)| c).collect();
                    let valid = digits.len() == n && digits.bytes().all(|b| b.is_ascii_hexdigit());
                    if valid { char::from_u32(u32::from_str_radix(&digits, 16).ok()?) } else { None }
                };
                let escaped = match e {
                    '0' => '\0',
                    'a' => '\x07',
                    'b' => '\x08',
                    't' => '\t',
                    'n' => '\n',
                    'v' => '\x0b',
                    'f' => '\x0c',
                    'r' => '\r',
                    'e' => '\x1b',
                    ' ' => ' ',
                    '"' => '"',
                    '/' => '/',
                    '\\' => '\\',
                    'N' => '\u{85}',
                    '_' => '\u{a0}',
                    'L' => '\u{2028}',
                    'P' => '\u{2029}',
                    'x' => hex(2, &mut chars)?,
                    'u' => hex(4, &mut chars)?,
                    'U' => hex(8, &mut chars)?,
                    _ => return None,
                };
                // What XML forbids is replaced after serde_yaml parses it.
                if crate::content::frontmatter::forbidden(escaped) {
                    return None;
                }
                out.push(escaped);
            }
            c => out.push(c),
        }
    }
    None
}

/// A `'…'` scalar ending on its line (`''` is a quote), and the text after it.
fn single_quoted(text: &str) -> Option<(Cow<'_, str>, &str)> {
    let body = &text[1..];
    // Copied only once a `''` shows up, and then piece by piece.
    let mut unescaped: Option<String> = None;
    let mut from = 0;
    loop {
        let quote = from + body[from..].find('\'')?;
        if body.as_bytes().get(quote + 1) != Some(&b'\'') {
            let value = match unescaped {
                None => Cow::Borrowed(&body[..quote]),
                Some(mut s) => {
                    s.push_str(&body[from..quote]);
                    Cow::Owned(s)
                }
            };
            return Some((value, &body[quote + 1..]));
        }
        unescaped.get_or_insert_with(String::new).push_str(&body[from..=quote]);
        from = quote + 2;
    }
}

/// A `[a, "b", 'c']` list on one line, of scalars, and the text after it.
fn flow_list(text: &str) -> Option<(Node<'_>, &str)> {
    let mut items = Vec::new();
    let mut rest = text[1..].trim_start_matches(' ');
    if let Some(after) = rest.strip_prefix(']') {
        return Some((Node::Seq(items), after));
    }
    loop {
        let (item, after) = match rest.as_bytes().first()? {
            b'"' => double_quoted(rest).map(|(s, after)| (Node::Scalar(s, false), after))?,
            b'\'' => single_quoted(rest).map(|(s, after)| (Node::Scalar(s, false), after))?,
            _ => {
                let end = rest.find([',', ']'])?;
                let value = rest[..end].trim_end_matches(' ');
                let plain_ok = !value.is_empty()
                    && !INDICATORS.contains(&value.as_bytes()[0])
                    && !value.contains([':', '#', '"', '\'', '[', '{', '}']);
                if !plain_ok {
                    return None;
                }
                (Node::Scalar(Cow::Borrowed(value), true), &rest[end..])
            }
        };
        items.push(item);
        let after = after.trim_start_matches(' ');
        if let Some(after) = after.strip_prefix(']') {
            return Some((Node::Seq(items), after));
        }
        rest = after.strip_prefix(',')?.trim_start_matches(' ');
        if rest.starts_with(']') {
            return None; // a trailing comma
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::{ActorMatter, BriefingMatter};

    #[test]
    fn pairs_are_found_where_str_find_finds_them() {
        for text in ["", "#", " #", "a #b", "a#b #c", "  ##", "x: y", ":", "a:b: c", "é: #"] {
            for (a, b) in [(b' ', b'#'), (b':', b' ')] {
                let needle = String::from_utf8(vec![a, b]).unwrap();
                assert_eq!(pair(text, a, b), text.find(&needle), "{needle:?} in {text:?}");
            }
        }
    }

    /// What serde_yaml makes of `yaml` and what the subset does, as JSON
    /// values and as typed front matter (compared by their debug text).
    fn both<T: DeserializeOwned + std::fmt::Debug>(yaml: &str) -> (Option<String>, Option<String>) {
        let full = serde_yaml::from_str::<T>(yaml).ok().map(|v| format!("{v:?}"));
        let subset = parse::<T>(yaml).map(|v| format!("{v:?}"));
        (full, subset)
    }

    /// The subset agrees with serde_yaml wherever it answers; returns
    /// whether it answered (as JSON).
    fn agrees(yaml: &str) -> bool {
        let (full, subset) = both::<serde_json::Value>(yaml);
        if subset.is_some() {
            assert_eq!(subset, full, "as JSON: {yaml:?}");
        }
        for (full, typed) in [both::<BriefingMatter>(yaml), both::<ActorMatter>(yaml)] {
            if typed.is_some() {
                assert_eq!(typed, full, "typed: {yaml:?}");
            }
        }
        subset.is_some()
    }

    const BRIEFING: &str = "title: \"Coalition pledges troops\"\ndate: 2025-09-04\nsummary: It's \"fine\" # a note\n\
        topics: [security, 'war', \"a-b\"]\nactors: [first-actor, second-actor]\n# a comment\npositions:\n  \
        - actor: first-actor\n    question: the-question\n    stance: supports\n    quote: 'We''ll be there.'\n    \
        sources: [s1, s2]\n  - actor: second-actor\n    question: the-question\n    stance: opposes\n    \
        sources:\n    - s2\nsources:\n- id: s1\n  title: Statement\n  url: https://example.org/s1#part\n  \
        kind: primary\n-   id: s2\n    title: \"Report \\u00e9\\n\\\"x\\\"\"\n    date: 2025-09-05\n\
        extra:\n  flag: true\n  none: ~\n  empty:\n  list:\n    - a\n    -\n    - [x]\n  deep: {a: 1}\n";

    #[test]
    fn a_usual_briefing_is_read_as_serde_yaml_reads_it() {
        // `deep` is a flow mapping, outside the subset: without it, the
        // subset answers.
        assert!(!agrees(BRIEFING));
        let usual = BRIEFING.replace("  deep: {a: 1}\n", "");
        assert!(agrees(&usual));
        let (full, subset) = both::<BriefingMatter>(&usual);
        assert!(full.is_some() && full == subset, "{full:?}\n{subset:?}");
    }

    /// Scalars of every kind YAML 1.1 resolves, and near misses.
    const SCALARS: &[&str] = &[
        "plain",
        "~",
        "null",
        "Null",
        "NULL",
        "",
        "true",
        "False",
        "TRUE",
        "yes",
        "no",
        "on",
        "2024-05-01",
        "2024-5-1",
        "1984",
        "-3",
        "+4",
        "0x1F",
        "0o17",
        "0b101",
        "1e3",
        "1.5",
        ".5",
        "1.",
        "007",
        "-007",
        ".inf",
        "-.Inf",
        ".nan",
        "inf",
        "nan",
        "infinity",
        "12:30",
        "a:b",
        "C# rocks",
        "a # comment",
        "-dash",
        "1 000",
        "3 apples",
        "'single'",
        "'it''s'",
        "''",
        "\"\"",
        "\"tab\\tnew\\nline\"",
        "\"\\x41\\u263A\\U0001F600\"",
        "\"\\N\\_\\L\\P\\e\\0\"",
        "\"bad \\q\"",
        "\"\\ud800\"",
        "[a, b]",
        "[]",
        "[ a , 'b' , \"c\" ]",
        "[a, [b]]",
        "[a,]",
        "[a, , b]",
        "[1, 2]",
        "[true, ~]",
        "[a: b]",
        "[http://x]",
        "a: b",
        "a:",
        "é ü",
        "\u{85}",
        "\u{2028}x",
        "\u{a0}",
        "*alias",
        "&anchor a",
        "!tag a",
        "|",
        ">",
        "{a: b}",
        "? a",
        "- a",
        "`x`",
        "@x",
        "%x",
        "\"a\" # c",
        "\"a\"# c",
        "'a' x",
        "[a] # c",
        "[a]x",
        "0.",
        "+.5",
        "1_000",
        "0x",
        "-",
        "--",
        "-1e-3",
    ];

    #[test]
    fn scalars_resolve_as_serde_yaml_resolves_them() {
        for value in SCALARS {
            agrees(&format!("key: {value}\n"));
            agrees(&format!("key:\n  - {value}\n"));
            agrees(&format!("extra:\n  k: {value}\n"));
            agrees(&format!("title: {value}\ndate: 2024-01-01\n"));
        }
        for value in ["plain", "~", "", "true", "yes", "2024-05-01", "'it''s'", "\"\\u263A\"", "[a, 'b']", "C# rocks"] {
            assert!(agrees(&format!("key: {value}\n")), "the subset should read {value:?}");
        }
    }

    #[test]
    fn layouts_outside_the_subset_are_left_to_serde_yaml() {
        for yaml in [
            "a: 1\n\tb: 2\n",
            "a: b\n  c\n",
            "a: \"b\n  c\"\n",
            "a: |\n  text\n",
            "  a: 1\n",
            "a: 1\na: 2\n",
            "a:\n- 1\n  - 2\n",
            "a: &x 1\nb: *x\n",
            "\"q\": 1\n",
            "a b : 1\n",
            "a:\n  b: 1\n c: 2\n",
            "---\na: 1\n",
            "a: 1\n...\n",
            "a:\n  - - b\n",
            "a: [b,\n  c]\n",
            "x: \u{feff}\n",
            &format!("{}: 1\n", "k".repeat(1100)),
        ] {
            assert!(tree(yaml).is_none(), "{yaml:?}");
            agrees(yaml);
        }
    }

    #[test]
    fn nesting_and_comments_follow_indentation() {
        for yaml in [
            "a:\n  b:\n    c: d\n  e: f\ng: h\n",
            "a:\n- b: c\n  d: e\n- f\n",
            "a:\n  - b: c\n    d:\n    - e\n    f: g\n",
            "a: b\n  # indented comment\nc: d\n",
            "a:\n  # comment\n  b: c\n",
            "a:\n\n  b: c\n\n",
            "a: x # c\nb: 'y' # c\nc: [z] # c\n",
            "a:\n-\n- b\n",
            "a:\n  -\n    b: c\n",
            "a: b:c\n",
            "- a\n- b\n",
            "a1_b-c.d: x\n",
            "key with spaces: v\n",
            "a:b: c\n",
        ] {
            assert!(agrees(yaml), "the subset should read {yaml:?}");
        }
        let deep = (0..40).fold(String::new(), |s, i| format!("{s}{}k:\n", "  ".repeat(i)));
        assert!(tree(&deep).is_none(), "deeper than the limit");
    }

    #[test]
    fn values_a_type_rejects_fall_back() {
        // Each is an error serde_yaml reports with its position; the subset
        // never reports one itself.
        for yaml in ["title: A\ndate: 2024-01-01\ntitel: B\n", "date: 2024-01-01\n", "title: [a]\ndate: 2024-01-01\n"] {
            assert!(parse::<BriefingMatter>(yaml).is_none(), "{yaml:?}");
            assert!(serde_yaml::from_str::<BriefingMatter>(yaml).is_err());
        }
        let numeric_title = "title: 1984\ndate: 2024-01-01\n";
        let (full, subset) = both::<BriefingMatter>(numeric_title);
        assert!(full.is_some() && subset == full, "a plain number is still text to a string field");
    }
}
