//! HTML escaping for the few strings the Markdown adapters write as raw
//! HTML (templates escape everything else themselves), and cleaning of
//! what is printed to a terminal.

/// Escapes text for HTML element content and quoted attribute values.
pub(crate) fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_html(&mut out, s);
    out
}

pub(crate) fn push_html(out: &mut String, s: &str) {
    // Runs of ordinary text are copied whole; the five characters to
    // escape are ASCII, so a byte scan never splits a character.
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(entity);
        from = i + 1;
    }
    out.push_str(&s[from..]);
}

/// Escapes text for element content only (`&`, `<`, `>`): what Pagefind
/// expects of a record's content, whose excerpts are shown as HTML.
#[cfg_attr(not(feature = "search"), allow(dead_code))]
pub(crate) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Text safe to print to a terminal: control characters (escape sequences
/// could set the clipboard, OSC 52, or clear the screen) and the
/// bidirectional overrides that reorder what is shown become visible
/// `\u{..}` escapes. Newlines and tabs stay.
pub(crate) fn terminal(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !s.contains(unsafe_char) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match unsafe_char(c) {
            true => out.extend(c.escape_unicode()),
            false => out.push(c),
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(super::html(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assert_eq!(super::text(r#"<b>"it's" & more</b>"#), r#"&lt;b&gt;"it's" &amp; more&lt;/b&gt;"#);
    }

    #[test]
    fn control_characters_print_as_escapes() {
        assert_eq!(super::terminal("plain\tline\n"), "plain\tline\n");
        assert_eq!(super::terminal("x\x1b]52;c;aGk=\x07\x1b[2J"), "x\\u{1b}]52;c;aGk=\\u{7}\\u{1b}[2J");
        assert_eq!(super::terminal("a\u{202e}b\u{9b}"), "a\\u{202e}b\\u{9b}");
    }
}
