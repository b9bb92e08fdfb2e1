//! The one place that knows about YAML.
//!
//! It deserializes front matter into typed structs, turns the library's
//! errors into [`Diagnostic`]s with a file position and a hint, and finds
//! where a value sits in the text (serde does not keep spans, but a
//! reference error must still point at the exact id the user typed).

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Position, did_you_mean};

mod subset;

/// Deserializes `yaml`, which starts on line `first_line` of the file at `path`.
pub fn parse<T: DeserializeOwned>(yaml: &str, path: &Path, first_line: usize) -> Result<T, Diagnostic> {
    parse_with(yaml, path, first_line, true)
}

/// [`parse`] by serde_yaml alone (the fuzz target checks the two agree).
pub fn parse_full<T: DeserializeOwned>(yaml: &str, path: &Path, first_line: usize) -> Result<T, Diagnostic> {
    parse_with(yaml, path, first_line, false)
}

fn parse_with<T: DeserializeOwned>(
    yaml: &str,
    path: &Path,
    first_line: usize,
    use_subset: bool,
) -> Result<T, Diagnostic> {
    // Checked first, whoever parses, so both refuse the same documents.
    if let Some((line, column)) = too_deep(yaml) {
        return Err(Diagnostic::error(path, format!("brackets nest deeper than {MAX_DEPTH} levels"))
            .at(Position::new(line + first_line - 1, column))
            .hint("front matter is data, not a program: flatten the value or move it into the body"));
    }
    // Most front matter is read by the subset parser; what it leaves (other
    // YAML, and every error) goes to serde_yaml.
    if let Some(value) = use_subset.then(|| subset::parse(yaml)).flatten() {
        return Ok(value);
    }
    let text = if yaml.trim().is_empty() { "{}" } else { yaml };
    let parsed = serde_yaml::from_str(text).map_err(|e| to_diagnostic(&e, yaml, path, first_line))?;
    if memchr::memchr(b'\\', yaml.as_bytes()).is_none() {
        return Ok(parsed);
    }
    // A `"\e"` or `"\x01"` escape spells a character XML forbids, which
    // loading took out of the text itself: replace them here too. Rare
    // (front matter with a backslash), so parsed a second time for it.
    let mut tree: serde_yaml::Value =
        serde_yaml::from_str(text).map_err(|e| to_diagnostic(&e, yaml, path, first_line))?;
    if !replace_forbidden(&mut tree) {
        return Ok(parsed);
    }
    serde_yaml::from_value(tree).map_err(|e| to_diagnostic(&e, yaml, path, first_line))
}

/// Replaces characters XML forbids in every string of `value` with U+FFFD;
/// whether there were any.
fn replace_forbidden(value: &mut serde_yaml::Value) -> bool {
    use crate::content::frontmatter::forbidden;
    use serde_yaml::Value;
    match value {
        Value::String(s) if s.contains(forbidden) => {
            *s = s.chars().map(|c| if forbidden(c) { '\u{fffd}' } else { c }).collect();
            true
        }
        Value::Sequence(items) => items.iter_mut().fold(false, |any, v| replace_forbidden(v) | any),
        Value::Mapping(map) => {
            let mut any = false;
            for (_, v) in map.iter_mut() {
                any |= replace_forbidden(v);
            }
            any
        }
        Value::Tagged(tagged) => replace_forbidden(&mut tagged.value),
        _ => false,
    }
}

/// serde_yaml refuses more than 128 levels of nesting, but its scanner takes
/// time quadratic in the depth of `[`/`{` first (30,000 levels: 8 s), so
/// deep flow nesting is refused here, in one linear pass, before it gets there.
const MAX_DEPTH: usize = 128;

/// Where (1-based line and column) `[` and `{` outside quotes first nest
/// deeper than [`MAX_DEPTH`].
fn too_deep(yaml: &str) -> Option<(usize, usize)> {
    // Without that many brackets in all, no nesting can be that deep; the
    // byte count is far cheaper than the walk below.
    if yaml.bytes().filter(|&b| b == b'[' || b == b'{').count() <= MAX_DEPTH {
        return None;
    }
    let (mut depth, mut line, mut column) = (0usize, 1, 0);
    let mut quote: Option<char> = None;
    let mut prev = '\n';
    let mut chars = yaml.chars().peekable();
    while let Some(c) = chars.next() {
        column += 1;
        match (quote, c) {
            (_, '\n') => {
                (line, column) = (line + 1, 0);
                // A `#` comment ends here; quoted scalars may go on.
            }
            (Some('"'), '\\') => {
                chars.next();
                column += 1;
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if !prev.is_alphanumeric() => quote = Some(c),
            (None, '#') if prev.is_whitespace() => {
                // A comment: skip to the end of the line.
                while chars.next_if(|&n| n != '\n').is_some() {}
            }
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some((line, column));
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = c;
    }
    None
}

fn to_diagnostic(e: &serde_yaml::Error, yaml: &str, path: &Path, first_line: usize) -> Diagnostic {
    let raw = e.to_string();
    // serde_yaml appends " at line L column C"; we print the position ourselves.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_owned(),
        None => raw.clone(),
    };
    let position = e
        .location()
        .map(|l| Position::new(l.line() + first_line - 1, l.column()))
        .or_else(|| yaml.trim().is_empty().then(|| Position::new(first_line, 1)));
    let mut d = Diagnostic::error(path, message.clone()).maybe_hint(hint_for(&message));
    if let Some(p) = position {
        d = d.at(p);
    }
    if let Some(word) = first_backticked(&message) {
        d = d.spanning(word.chars().count());
    }
    d
}

/// A hint for the usual serde messages.
fn hint_for(message: &str) -> Option<String> {
    let quoted = backticked(message);
    if message.contains("unknown field") {
        let (wrong, expected) = quoted.split_first()?;
        let mut hint = did_you_mean(wrong, expected.iter().copied()).unwrap_or_else(|| {
            format!(
                "the keys allowed here are {}",
                expected.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
            )
        });
        if expected.contains(&"extra") {
            hint.push_str("; free-form keys go under `extra:`");
        }
        return Some(hint);
    }
    if message.contains("unknown variant") {
        let (wrong, expected) = quoted.split_first()?;
        return Some(did_you_mean(wrong, expected.iter().copied()).unwrap_or_else(|| {
            format!("use one of {}", expected.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "))
        }));
    }
    if message.contains("missing field") {
        let field = quoted.first()?;
        return Some(format!("add `{field}:` to the front matter"));
    }
    if message.contains("invalid type") && message.contains("expected a sequence") {
        return Some("write a list, like `[a, b]` or one `- item` per line".into());
    }
    if message.contains("invalid type") {
        return Some("quote the value if it is meant as text, e.g. `title: \"1984\"`".into());
    }
    if message.contains("did not find expected") || message.contains("mapping values are not allowed") {
        return Some(
            "check the indentation and quote values that contain `: ` or start with `[`, `{`, `*`, `&` or `@`".into(),
        );
    }
    None
}

fn backticked(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

fn first_backticked(message: &str) -> Option<&str> {
    backticked(message).into_iter().next()
}

/// One step of a path into the YAML tree: a key or a list index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// Where a scalar value sits: line (1-based, within `yaml`), column (1-based,
/// characters) and its length in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    pub line: usize,
    pub column: usize,
    pub length: usize,
}

struct Line<'a> {
    no: usize,
    text: &'a str,
    indent: usize,
}

/// A region of the text: the rest of line `first` from byte `col`, then the
/// following lines up to (not including) `end`.
#[derive(Clone, Copy)]
struct Node {
    first: usize,
    col: usize,
    end: usize,
}

/// Finds the value at `path` in block-style YAML (the way front matter is
/// written). Returns `None` for layouts it does not follow; callers then
/// fall back to a coarser position.
pub fn locate(yaml: &str, path: &[Seg]) -> Option<Spot> {
    let lines: Vec<Line> = yaml
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(no, text)| Line { no: no + 1, text, indent: text.len() - text.trim_start_matches(' ').len() })
        .collect();
    let first = lines.first()?;
    let mut node = Node { first: 0, col: first.indent, end: lines.len() };
    for seg in path {
        node = match *seg {
            Seg::Key(k) => find_key(&lines, node, k)?,
            Seg::Index(i) => {
                let text = &lines[node.first].text[node.col..];
                if text.starts_with('[') {
                    return flow_item(&lines[node.first], node.col, i);
                }
                find_item(&lines, node, i)?
            }
        };
    }
    let line = &lines[node.first];
    let value = strip_comment(&line.text[node.col..]).trim_end();
    Some(Spot {
        line: line.no,
        column: line.text[..node.col].chars().count() + 1,
        length: value.chars().count().max(1),
    })
}

fn strip_comment(s: &str) -> &str {
    match s.find(" #") {
        Some(i) if !s.starts_with('"') && !s.starts_with('\'') => &s[..i],
        _ => s,
    }
}

/// The lines belonging to an entry that starts at line `i` with indent `indent`.
fn block_end(lines: &[Line], i: usize, end: usize, indent: usize, allow_dash_at_indent: bool) -> usize {
    (i + 1..end)
        .find(|&j| {
            let l = &lines[j];
            l.indent < indent || (l.indent == indent && !(allow_dash_at_indent && l.text[l.indent..].starts_with('-')))
        })
        .unwrap_or(end)
}

/// Lines that start an entry of `node`: its first line (from its column)
/// and every later line at the same indent. Yields the line's index and the
/// entry's text.
fn entries<'l>(lines: &'l [Line], node: Node) -> impl Iterator<Item = (usize, &'l str)> + 'l {
    // Later lines start an entry only at the node's own indent, which is
    // also the column the first line's entry starts at.
    (node.first..node.end)
        .filter(move |&i| i == node.first || lines[i].indent == node.col)
        .map(move |i| (i, &lines[i].text[node.col..]))
}

fn find_key(lines: &[Line], node: Node, key: &str) -> Option<Node> {
    let (i, after) = entries(lines, node).find_map(|(i, rest)| {
        let after = rest.strip_prefix(key)?.strip_prefix(':')?;
        (after.is_empty() || after.starts_with(' ')).then_some((i, after))
    })?;
    let end = block_end(lines, i, node.end, node.col, true);
    if strip_comment(after).trim().is_empty() {
        let next = i + 1;
        return (next < end).then(|| Node { first: next, col: lines[next].indent, end });
    }
    let value_col = node.col + key.len() + 1 + (after.len() - after.trim_start().len());
    Some(Node { first: i, col: value_col, end })
}

fn find_item(lines: &[Line], node: Node, index: usize) -> Option<Node> {
    let (i, rest) = entries(lines, node).filter(|(_, rest)| *rest == "-" || rest.starts_with("- ")).nth(index)?;
    let after = &rest[1..];
    let col = node.col + 1 + (after.len() - after.trim_start().len());
    Some(Node { first: i, col, end: block_end(lines, i, node.end, node.col, false) })
}

fn flow_item(line: &Line, col: usize, index: usize) -> Option<Spot> {
    let text = &line.text[col + 1..];
    let close = text.find(']').unwrap_or(text.len());
    let mut offset = col + 1;
    for (n, item) in text[..close].split(',').enumerate() {
        if n == index {
            let lead = item.len() - item.trim_start().len();
            let start = offset + lead;
            return Some(Spot {
                line: line.no,
                column: line.text[..start].chars().count() + 1,
                length: item.trim().chars().count().max(1),
            });
        }
        offset += item.len() + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn deep_flow_nesting_is_refused_where_it_starts() {
        let deep = format!("a: 1\nx: {}{}\n", "[".repeat(50_000), "]".repeat(50_000));
        assert_eq!(super::too_deep(&deep), Some((2, 4 + super::MAX_DEPTH)));
        let quoted = format!(
            "t: \"{}\"\nu: '{}'\nv: 1 # {}\nw: [[1], {{a: [2]}}]\n",
            "[".repeat(500),
            "{".repeat(500),
            "[".repeat(500)
        );
        assert_eq!(super::too_deep(&quoted), None, "brackets in quotes and comments do not count");
    }

    use super::*;

    const DOC: &str = "title: A\nactors: [a, bee, c]\npositions:\n  - actor: putn\n    sources: [x]\n  - actor: macron\n    sources:\n      - one\n      - two  # note\n";

    fn at(path: &[Seg]) -> Option<(usize, usize, usize)> {
        locate(DOC, path).map(|s| (s.line, s.column, s.length))
    }

    #[test]
    fn finds_scalars_in_block_and_flow_style() {
        assert_eq!(at(&[Seg::Key("title")]), Some((1, 8, 1)));
        assert_eq!(at(&[Seg::Key("actors"), Seg::Index(1)]), Some((2, 13, 3)));
        assert_eq!(at(&[Seg::Key("positions"), Seg::Index(0), Seg::Key("actor")]), Some((4, 12, 4)));
        assert_eq!(at(&[Seg::Key("positions"), Seg::Index(1), Seg::Key("actor")]), Some((6, 12, 6)));
        assert_eq!(at(&[Seg::Key("positions"), Seg::Index(1), Seg::Key("sources"), Seg::Index(1)]), Some((9, 9, 3)));
        assert_eq!(at(&[Seg::Key("nope")]), None);
    }

    #[test]
    fn sequences_may_sit_at_the_key_indent() {
        let doc = "positions:\n- actor: a\n- actor: b\n";
        let spot = locate(doc, &[Seg::Key("positions"), Seg::Index(1), Seg::Key("actor")]).unwrap();
        assert_eq!((spot.line, spot.column), (3, 10));
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: String,
        date: Option<String>,
        extra: Option<String>,
    }

    #[test]
    fn errors_carry_position_and_hint() {
        let d = parse::<T>("title: A\ntitel: B\n", Path::new("x.md"), 2).unwrap_err();
        assert_eq!(d.position, Some(Position::new(3, 1)));
        assert!(d.message.contains("unknown field `titel`"), "{}", d.message);
        let hint = d.hint.unwrap();
        assert!(hint.contains("did you mean `title`?") && hint.contains("extra"), "{hint}");
        let d = parse::<T>("date: x\n", Path::new("x.md"), 2).unwrap_err();
        assert!(d.message.contains("missing field `title`"));
        assert_eq!(d.hint.as_deref(), Some("add `title:` to the front matter"));
    }
}
