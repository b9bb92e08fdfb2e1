//! The web addresses a body links to, with where they are written: what
//! `dossier check --links` asks about. Parsed as the body is rendered, so a
//! link in a code block or an HTML comment is none.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

/// Every `http://` or `https://` link and image destination in `body`, with
/// the byte range of the link or image as written.
pub fn external_links(body: &str) -> Vec<(Range<usize>, String)> {
    Parser::new_ext(body, super::options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => Some((range, dest_url)),
            _ => None,
        })
        .filter(|(_, url)| {
            let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
            lower.starts_with("https://") || lower.starts_with("http://")
        })
        .map(|(range, url)| (range, url.into_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_and_images_on_the_web_and_nothing_in_code() {
        let body = "See [the report](https://example.org/r \"t\") and ![map](HTTP://example.org/m.png).\n\n\
                    [local](other.md) [mail](mailto:a@b.c) <https://example.org/auto>\n\n    [code](https://example.org/no)\n";
        let found = external_links(body);
        let urls: Vec<&str> = found.iter().map(|(_, u)| u.as_str()).collect();
        assert_eq!(urls, ["https://example.org/r", "HTTP://example.org/m.png", "https://example.org/auto"]);
        assert_eq!(&body[found[0].0.clone()], "[the report](https://example.org/r \"t\")");
    }
}
