//! The YAML parser's commonest complaints, said in a writer's words.
//!
//! The parser reports where it gave up, in its own terms ("did not find
//! expected key"), often lines after the mistake. For the mistakes people
//! make in front matter (a tab, a quote inside a quote, a quote left open,
//! a key set twice, a `: ` inside a value) this finds the spot that needs
//! the fix and says what the fix is.

/// A problem restated: where (1-based line and column within the YAML text),
/// how many characters to underline, what is wrong and how to fix it.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Plain {
    pub line: usize,
    pub column: usize,
    pub length: usize,
    pub message: String,
    pub hint: String,
}

/// Restates the parser's `message`, given at `line`/`column` of `yaml`, when
/// it is one of the common cases. `yaml` starts on line `first_line` of its
/// file, for line numbers in messages.
pub(super) fn explain(message: &str, yaml: &str, first_line: usize, line: usize, column: usize) -> Option<Plain> {
    let lines: Vec<&str> = yaml.lines().collect();
    if message.contains("end of stream") {
        return unclosed_quote(&lines);
    }
    let text = *lines.get(line.checked_sub(1)?)?;
    if message.contains("cannot start any token") {
        let indented_by_tab = |l: &&str| l[..l.len() - l.trim_start().len()].contains('\t');
        if let Some(no) = (0..line).rev().find(|&n| indented_by_tab(&lines[n])) {
            let at = lines[no].find('\t').unwrap_or(0);
            return Some(Plain {
                line: no + 1,
                column: lines[no][..at].chars().count() + 1,
                length: 1,
                message: "a tab indents this line, and YAML allows only spaces".into(),
                hint: "replace the tab with spaces (two per level, as in the lines around it)".into(),
            });
        }
    }
    if message.contains("did not find expected") {
        return early_close(text, line, column);
    }
    if let Some(key) = message.strip_prefix("duplicate field `").or_else(|| message.split(": duplicate field `").nth(1))
    {
        let key = key.split('`').next()?;
        return duplicate(&lines, line, column, key, first_line);
    }
    if message.contains("mapping values are not allowed") {
        return colon_in_value(text, line);
    }
    None
}

/// The value part of `key: value` or `- value`, and its byte offset.
fn value_of(text: &str) -> Option<(usize, &str)> {
    let trimmed = text.trim_start();
    let start = text.len() - trimmed.len();
    if let Some(rest) = trimmed.strip_prefix("- ") {
        let lead = rest.len() - rest.trim_start().len();
        return Some((start + 2 + lead, rest.trim_start()));
    }
    let colon = trimmed.find(": ")?;
    let rest = &trimmed[colon + 2..];
    let lead = rest.len() - rest.trim_start().len();
    Some((start + colon + 2 + lead, rest.trim_start()))
}

/// A quoted value that goes on after its closing quote: a `"` inside `"…"`
/// or a `'` inside `'…'`.
fn early_close(text: &str, line: usize, column: usize) -> Option<Plain> {
    let (at, value) = value_of(text)?;
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    // Only when the parser stopped after the value's opening quote.
    if column <= text[..at].chars().count() + 1 {
        return None;
    }
    let (message, hint) = if quote == '"' {
        (
            "this value's quotes end early: it holds a `\"` of its own",
            "put single quotes around a value that holds `\"` (or write it as `\\\"`), or use a `>` block",
        )
    } else {
        (
            "this value's quotes end early: it holds a `'` of its own",
            "inside single quotes write a `'` twice (`''`), or put double quotes around the value",
        )
    };
    Some(Plain {
        line,
        column: text[..at].chars().count() + 1,
        length: value.chars().count().max(1),
        message: message.into(),
        hint: hint.into(),
    })
}

/// The last value that opens a quote and never closes it.
fn unclosed_quote(lines: &[&str]) -> Option<Plain> {
    let mut open: Option<(usize, usize, char)> = None;
    for (no, text) in lines.iter().enumerate() {
        if let Some((_, _, q)) = open {
            if closes(text, q) {
                open = None;
            }
            continue;
        }
        let Some((at, value)) = value_of(text) else { continue };
        let Some(q) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else { continue };
        if !closes(&value[1..], q) {
            open = Some((no, at, q));
        }
    }
    let (no, at, q) = open?;
    Some(Plain {
        line: no + 1,
        column: lines[no][..at].chars().count() + 1,
        length: 1,
        message: format!("this `{q}` is never closed"),
        hint: format!("end the value with `{q}` on the same line"),
    })
}

/// Whether `text` holds the closing `quote` (a `"` not escaped; a `'` not doubled).
fn closes(text: &str, quote: char) -> bool {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            '\'' if quote == '\'' && chars.peek() == Some(&'\'') => {
                chars.next();
            }
            c if c == quote => return true,
            _ => {}
        }
    }
    false
}

/// The second `key:` of the mapping that starts at `line`/`column`.
fn duplicate(lines: &[&str], line: usize, column: usize, key: &str, first_line: usize) -> Option<Plain> {
    let col = column.checked_sub(1)?;
    let mut first = None;
    for (no, text) in lines.iter().enumerate().skip(line - 1) {
        let indent = text.len() - text.trim_start().len();
        if no + 1 > line && !text.trim().is_empty() && !text.trim_start().starts_with('#') && indent < col {
            break;
        }
        let entry = text.get(col..).unwrap_or("");
        let starts = entry.strip_prefix(key).is_some_and(|r| r.starts_with(':'));
        if !starts || (no + 1 > line && indent != col) {
            continue;
        }
        match first {
            None => first = Some(no + first_line),
            Some(earlier) => {
                return Some(Plain {
                    line: no + 1,
                    column: col + 1,
                    length: key.chars().count(),
                    message: format!("`{key}` is set twice; it is already set on line {earlier}"),
                    hint: "keep one of the two".into(),
                });
            }
        }
    }
    None
}

/// `summary: Note: this`: a value holding `: ` needs quotes.
fn colon_in_value(text: &str, line: usize) -> Option<Plain> {
    let (at, value) = value_of(text)?;
    if value.starts_with(['"', '\'']) || !value.contains(": ") {
        return None;
    }
    let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
    let fixed = format!("{}\"{escaped}\"", &text[..at]);
    Some(Plain {
        line,
        column: text[..at].chars().count() + 1,
        length: value.chars().count(),
        message: "this value holds `: `, which YAML reads as the start of another key".into(),
        hint: format!("put the value in quotes: `{}`", fixed.trim_start()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(message: &str, yaml: &str, line: usize, column: usize) -> (usize, usize, String, String) {
        let p = explain(message, yaml, 1, line, column).expect("explained");
        (p.line, p.column, p.message, p.hint)
    }

    #[test]
    fn a_tab_is_named_where_it_is() {
        let (line, column, message, hint) =
            said("found character that cannot start any token", "title: T\nactors:\n\t- a\n", 3, 1);
        assert_eq!((line, column), (3, 1));
        assert!(message.contains("tab") && hint.contains("spaces"), "{message} / {hint}");
    }

    #[test]
    fn a_quote_inside_a_quote_and_an_open_quote_point_at_the_value() {
        let yaml = "title: T\nsummary: \"He said \"no\" to it\"\n";
        let (line, column, message, hint) = said("did not find expected key", yaml, 2, 20);
        assert_eq!((line, column), (2, 10));
        assert!(message.contains("quotes end early") && hint.contains("single quotes"), "{hint}");
        let yaml = "title: 'It's here'\ndate: 2025-01-01\n";
        let (.., hint) = said("did not find expected key", yaml, 1, 12);
        assert!(hint.contains("`''`"), "{hint}");
        let yaml = "title: \"Unclosed\ndate: 2025-01-01\nsummary: it's fine\n";
        let (line, column, message, _) = said("found unexpected end of stream", yaml, 4, 1);
        assert_eq!((line, column), (1, 8));
        assert_eq!(message, "this `\"` is never closed");
        assert_eq!(explain("found unexpected end of stream", "a: \"b\"\nc: 'd'\n", 1, 2, 1), None);
    }

    #[test]
    fn a_key_set_twice_points_at_the_second() {
        let yaml = "title: T\ndate: 2025-01-01\ntitle: again\n";
        let (line, column, message, _) = said("duplicate field `title`", yaml, 1, 1);
        assert_eq!((line, column), (3, 1));
        assert!(message.contains("already set on line 1"), "{message}");
        let yaml = "positions:\n  - actor: a\n    stance: supports\n    stance: opposes\n  - actor: b\n";
        let (line, column, ..) = said("positions[0]: duplicate field `stance`", yaml, 2, 5);
        assert_eq!((line, column), (4, 5));
    }

    #[test]
    fn a_colon_in_a_value_gets_the_quoted_line_as_the_fix() {
        let (line, column, _, hint) =
            said("mapping values are not allowed in this context", "summary: Note: a \"b\"\n", 1, 14);
        assert_eq!((line, column), (1, 10));
        assert_eq!(hint, "put the value in quotes: `summary: \"Note: a \\\"b\\\"\"`");
    }
}
