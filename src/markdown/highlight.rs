//! Fenced code blocks highlighted by syntect, with CSS classes rather than
//! inline colours so a theme can style them. The syntax set is loaded once,
//! and only when a page actually has a fenced block with a language.

use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::escape;

/// Every highlighting class starts with this, e.g. `hl-keyword`.
pub const CSS_CLASS_PREFIX: &str = "hl-";
const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: CSS_CLASS_PREFIX };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

pub(super) fn highlight<'a>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)>,
) -> impl Iterator<Item = Event<'a>> {
    let mut code: Option<(String, String)> = None;
    events.filter_map(move |(event, _)| match event {
        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
            let lang = info.split([' ', ',', '{']).next().unwrap_or("").to_owned();
            code = Some((lang, String::new()));
            None
        }
        Event::Text(text) if code.is_some() => {
            code.as_mut()?.1.push_str(&text);
            None
        }
        Event::End(TagEnd::CodeBlock) if code.is_some() => {
            let (lang, text) = code.take()?;
            Some(Event::Html(CowStr::from(block(&lang, &text))))
        }
        other => Some(other),
    })
}

fn block(lang: &str, text: &str) -> String {
    let lang_attr = if lang.is_empty() {
        String::new()
    } else {
        format!(r#" class="language-{0}" data-lang="{0}""#, escape::html(lang))
    };
    let highlighted = (!lang.is_empty()).then(|| classed(lang, text)).flatten();
    let body = highlighted.unwrap_or_else(|| escape::html(text));
    format!("<pre class=\"code\"><code{lang_attr}>{body}</code></pre>\n")
}

fn classed(lang: &str, text: &str) -> Option<String> {
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(lang)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, STYLE);
    for line in LinesWithEndings::from(text) {
        generator.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(generator.finalize())
}
