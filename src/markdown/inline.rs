//! Markdown in one line of front matter (a summary, a quote): emphasis,
//! code, links and wikilinks, rendered inline, with the same text as plain
//! words for feeds, meta tags and data. Block syntax has no place in a line
//! of a table, so its structure is dropped and its words kept; raw HTML is
//! shown as written, never passed through.

use std::cell::RefCell;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use super::{Links, Rendered, destinations, merge, wikilinks};
use crate::escape;

/// A line of front-matter text, rendered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    /// The words alone.
    pub text: String,
    /// Inline HTML (no `<p>`), safe to embed; `None` when it is `text` as
    /// it is (plain words with nothing to escape: most summaries, kept once).
    html: Option<String>,
}

impl Inline {
    /// Inline HTML (no `<p>`), safe to embed.
    pub fn html(&self) -> &str {
        self.html.as_deref().unwrap_or(&self.text)
    }

    /// The words of an optional line, as `&str`.
    pub fn text_of(line: &Option<Inline>) -> Option<&str> {
        line.as_ref().map(|l| l.text.as_str())
    }
}

/// Characters without which a line has no inline Markdown to render. Block
/// syntax alone (`1. `, `# ` at the start) is no reason to parse: in a line
/// of a table it is text.
fn plain(source: &str) -> bool {
    const SPECIAL: [bool; 256] = {
        let mut table = [false; 256];
        let mut i = 0;
        let special = b"*_[]`\\<&~!";
        while i < special.len() {
            table[special[i] as usize] = true;
            i += 1;
        }
        table
    };
    !source.bytes().any(|b| SPECIAL[b as usize])
}

/// Renders `source` inline: see the module's documentation. Problems are
/// in the returned [`Rendered`] (its `html` and `toc` stay empty).
pub fn inline(source: &str, links: &mut dyn Links) -> (Inline, Rendered) {
    if plain(source) {
        // Most summaries: nothing to parse.
        let escaped = escape::html(source);
        let html = (escaped.len() != source.len()).then_some(escaped);
        return (Inline { text: source.to_owned(), html }, Rendered::default());
    }
    let links = RefCell::new(links);
    let problems = RefCell::new(Vec::new());
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_WIKILINKS;
    let events: Vec<Event> = {
        // The author's raw HTML becomes text first: the HTML the adapters
        // then add (a wikilink's `<a>`) is theirs.
        let parsed = Parser::new_ext(source, options).into_offset_iter().map(|(event, range)| match event {
            Event::InlineHtml(raw) | Event::Html(raw) => (Event::Text(raw), range),
            other => (other, range),
        });
        let events = merge::texts(parsed, source);
        let events = wikilinks::resolve(events, &links, &problems);
        let events = destinations::rewrite(events, source, &links, &problems);
        events.filter_map(|(event, _)| flatten(event)).collect()
    };
    let mut html = String::with_capacity(source.len() + 16);
    pulldown_cmark::html::push_html(&mut html, events.iter().cloned());
    let mut text = String::with_capacity(source.len());
    for event in &events {
        if let Event::Text(t) | Event::Code(t) = event {
            text.push_str(t);
        }
    }
    let mut problems = problems.into_inner();
    problems.sort_by_key(|(range, _)| range.start);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (Inline { text, html: Some(html.trim().to_owned()) }, Rendered { problems, ..Rendered::default() })
}

/// An event as it may stand in a line: blocks dropped (a break between
/// them becomes a space).
fn flatten(event: Event<'_>) -> Option<Event<'_>> {
    match event {
        Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
        | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link)
        | Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_) => Some(event),
        Event::SoftBreak | Event::HardBreak | Event::End(_) => Some(Event::Text(CowStr::Borrowed(" "))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::Fake;
    use super::*;

    #[test]
    fn emphasis_code_and_wikilinks_render_inline_with_their_words_as_text() {
        let (line, r) = inline("He *would* back [[putin]] with `code` & more", &mut Fake);
        assert_eq!(
            line.html(),
            r#"He <em>would</em> back <a href="/actors/putin/" class="wikilink">Vladimir Putin</a> with <code>code</code> &amp; more"#
        );
        assert_eq!(line.text, "He would back Vladimir Putin with code & more");
        assert!(r.problems.is_empty());
    }

    #[test]
    fn plain_text_takes_the_short_way_to_the_same_result() {
        let (line, _) = inline("Said \"no\" to it.", &mut Fake);
        assert_eq!((line.html(), line.text.as_str()), ("Said &quot;no&quot; to it.", "Said \"no\" to it."));
        let (line, _) = inline("Nothing to escape here.", &mut Fake);
        assert_eq!((line.html(), line.text.as_str()), ("Nothing to escape here.", "Nothing to escape here."));
    }

    #[test]
    fn blocks_and_raw_html_are_flattened_and_unknown_links_reported() {
        let (line, r) = inline("# Title\n\n- one <script>x</script> [[nobody]]", &mut Fake);
        assert!(
            !line.html().contains("<h1") && !line.html().contains("<li") && !line.html().contains("<script"),
            "{}",
            line.html()
        );
        assert!(line.html().contains("&lt;script&gt;"), "{}", line.html());
        assert_eq!(line.text.split_whitespace().collect::<Vec<_>>(), ["Title", "one", "<script>x</script>", "nobody"]);
        assert_eq!(r.problems.len(), 1);
    }
}
