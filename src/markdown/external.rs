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

/// An image a body shows from a file of the site (`![alt](photo.jpg)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyImage {
    /// The destination as written.
    pub dest: String,
    /// The image's bytes in the body.
    pub range: Range<usize>,
    /// Whether it has alt text.
    pub has_alt: bool,
}

/// Every image in `body` whose destination is a path relative to the
/// file: not a web address, not from the site's root (`/img/x.png`, a
/// file of `static/`), not a fragment or a `data:` URL; then every
/// `::figure`'s `src`, which names a picture as front matter does (its
/// `alt` is the directive's to check).
pub fn local_images(body: &str) -> Vec<BodyImage> {
    let mut found = images(body);
    let figures = super::directives::figures(body).into_iter();
    found.extend(figures.map(|(dest, range)| BodyImage { dest, range, has_alt: true }));
    found
}

fn images(body: &str) -> Vec<BodyImage> {
    if memchr::memmem::find(body.as_bytes(), b"![").is_none() {
        return Vec::new();
    }
    let mut found: Vec<BodyImage> = Vec::new();
    let mut open: Option<usize> = None;
    for (event, range) in Parser::new_ext(body, super::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) if open.is_none() && relative(&dest_url) => {
                open = Some(found.len());
                found.push(BodyImage { dest: dest_url.into_string(), range, has_alt: false });
            }
            Event::Text(t) | Event::Code(t) if !t.trim().is_empty() => {
                if let Some(i) = open {
                    found[i].has_alt = true;
                }
            }
            Event::End(pulldown_cmark::TagEnd::Image) => open = None,
            _ => {}
        }
    }
    found
}

fn relative(dest: &str) -> bool {
    !(dest.is_empty() || dest.starts_with('/') || dest.starts_with('#') || dest.contains(':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_pictures_of_the_site_and_whether_they_have_alt_text() {
        let body = "![A map](map.png) ![](../x.jpg \"t\") ![w](https://e.org/a.png) ![r](/static.png)\n\n    ![code](no.png)\n";
        let found = local_images(body);
        let dests: Vec<(&str, bool)> = found.iter().map(|i| (i.dest.as_str(), i.has_alt)).collect();
        assert_eq!(dests, [("map.png", true), ("../x.jpg", false)]);
        assert_eq!(&body[found[0].range.clone()], "![A map](map.png)");
    }

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
