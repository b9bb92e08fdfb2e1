//! The one place that knows about YAML.
//!
//! It deserializes front matter into typed structs, turns the library's
//! errors into [`Diagnostic`]s with a file position and a hint, and finds
//! where a value sits in the text (serde does not keep spans, but a
//! reference error must still point at the exact id the user typed).

use crate::codes::Code;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Position, did_you_mean};

mod locate;
mod plain;
mod subset;

pub use locate::{Outline, Seg, Spot, locate};

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
        return Err(Diagnostic::new(Code::Yaml, path, format!("brackets nest deeper than {MAX_DEPTH} levels"))
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
    if let Some(p) = e.location().and_then(|l| plain::explain(&message, yaml, first_line, l.line(), l.column())) {
        return Diagnostic::new(Code::Yaml, path, p.message)
            .at(Position::new(p.line + first_line - 1, p.column))
            .spanning(p.length)
            .hint(p.hint);
    }
    let position = e
        .location()
        .map(|l| Position::new(l.line() + first_line - 1, l.column()))
        .or_else(|| yaml.trim().is_empty().then(|| Position::new(first_line, 1)));
    let mut d = Diagnostic::new(Code::Yaml, path, message.clone()).maybe_hint(hint_for(&message));
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
        // "positions[0]: missing field …": the field belongs to that entry.
        let whose = if message.contains(": missing field") { "this entry" } else { "the front matter" };
        if *field == "alt" {
            return Some(
                "add `alt:`, what the picture shows for readers who cannot see it (`alt: \"\"` if it only decorates)"
                    .into(),
            );
        }
        return Some(format!("add `{field}:` to {whose}"));
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
