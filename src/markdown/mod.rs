//! Markdown to HTML: pulldown-cmark's event stream through small adapters.
//!
//! Each feature is one adapter over the event iterator, composed in
//! [`render`]: wikilinks become links to actors, questions and briefings;
//! `[@source]` citations become numbered references; headings get stable
//! anchors and feed the table of contents; fenced code is highlighted.
//! The adapters do not know the site: they ask a [`Links`] implementation,
//! which is how the resolve stage checks every reference exactly once.

pub(crate) mod anchors;
mod autolink;
mod citations;
mod destinations;
mod directives;
mod external;
mod footnotes;
mod highlight;
mod html;
mod inline;
mod merge;
mod pictures;
pub mod sanitize;
mod wikilinks;

use std::cell::RefCell;
use std::ops::Range;

use pulldown_cmark::{Options, Parser};
use serde::Serialize;

pub use autolink::AutoLink;
pub use directives::{Attr, Directive, Embed, splice};
pub use external::{BodyImage, external_links, local_images};
pub use highlight::CSS_CLASS_PREFIX;
pub use html::Html;
pub use inline::{Inline, inline};

/// A link target resolved by the site.
#[derive(Debug, Clone)]
pub struct Target {
    /// Where the link goes.
    pub url: String,
    /// What to show when the author wrote a bare id: the actor's name, the
    /// question's title.
    pub label: String,
}

/// A reference the site could not resolve: the message and an optional hint.
#[derive(Debug, Clone)]
pub struct Unresolved {
    /// What is wrong with the link.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// The target's own file failed to load: its error stands for this one.
    pub broken: bool,
    /// Its diagnostic code, when not [`crate::codes::Code::Unknown`].
    pub code: Option<crate::codes::Code>,
}

impl Unresolved {
    /// A link that cannot be resolved.
    pub fn new(message: String, hint: Option<String>) -> Self {
        Unresolved { message, hint, broken: false, code: None }
    }
}

/// What the Markdown adapters need from the site.
pub trait Links {
    /// Resolves `[[target]]`; the result's URL goes into the `href`.
    fn wikilink(&mut self, target: &str) -> Result<Target, Unresolved>;
    /// Resolves `[@key]` to the source's number in the list, and its anchor.
    fn citation(&mut self, key: &str) -> Result<(usize, String), Unresolved>;
    /// Where a link or image written `[text](dest)` goes (`other.md#part`
    /// to that page's URL, `/about/` under the base path), `at` being
    /// `dest`'s bytes in the source; `None` keeps `dest` as written.
    fn destination(&mut self, dest: &str, at: Range<usize>) -> Option<Result<String, Unresolved>> {
        let _ = (dest, at);
        None
    }
    /// The HTML of a picture the site processed, `![alt](dest "title")`;
    /// `None` leaves the image as written.
    fn picture(&mut self, dest: &str, alt: &str, title: &str) -> Option<String> {
        let _ = (dest, alt, title);
        None
    }
    /// What a directive (`::actor[id]`, checked for its name and
    /// attributes) places; a problem comes with its range in the source
    /// (the label's or an attribute's, see [`Directive`]).
    fn embed(&mut self, directive: &Directive) -> Result<Embed, (Range<usize>, Unresolved)> {
        let problem = Unresolved::new(format!("`::{}` has no place here", directive.name), None);
        Err((directive.label_range(), problem))
    }
}

/// The site's link resolver, shared by the adapters.
type SharedLinks<'l> = RefCell<&'l mut dyn Links>;
/// Problems found, shared by the adapters.
type Problems = RefCell<Vec<(Range<usize>, Unresolved)>>;

/// One entry of a page's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// 2 to 6.
    pub level: u8,
    /// The heading's `id`, unique on the page.
    pub id: String,
    /// The heading's text.
    pub title: String,
}

/// A body rendered to HTML, with its table of contents.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    /// The HTML, safe to embed in a page.
    pub html: Html,
    /// Its headings, in order.
    pub toc: Vec<TocEntry>,
    /// Problems found, with the byte range in the Markdown source.
    pub problems: Vec<(Range<usize>, Unresolved)>,
    /// What its directives place, in order: `html` holds a marker for each
    /// (see [`splice`]).
    pub embeds: Vec<Embed>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

/// Renders `source` to HTML. `reserved_ids` are anchors the page template
/// already uses; headings never take them. `autolinks` are names to link on
/// their first plain-text mention (longest first; empty to turn it off).
pub fn render(source: &str, links: &mut dyn Links, reserved_ids: &[&str], autolinks: &[AutoLink]) -> Rendered {
    // Both reference adapters report to the same site and problem list.
    let links = RefCell::new(links);
    let problems = RefCell::new(Vec::new());
    let embeds = RefCell::new(Vec::new());
    let mut toc = Vec::new();
    let mut html = String::with_capacity(source.len() + source.len() / 4);
    {
        let events = merge::texts(Parser::new_ext(source, options()).into_offset_iter(), source);
        let events = directives::replace(events, source, &links, &problems, &embeds);
        let events = wikilinks::resolve(events, &links, &problems);
        let events = pictures::replace(events, &links);
        let events = destinations::rewrite(events, source, &links, &problems);
        let events = citations::resolve(events, source, &links, &problems);
        let events = autolink::link(events, autolinks, source);
        let events = footnotes::link(events);
        let events = anchors::add(events, reserved_ids, &mut toc);
        pulldown_cmark::html::push_html(&mut html, highlight::highlight(events));
    }
    let mut problems = problems.into_inner();
    problems.sort_by_key(|(range, _)| range.start);
    Rendered { html: Html::new(html), toc, problems, embeds: embeds.into_inner() }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) struct Fake;
    impl Links for Fake {
        fn wikilink(&mut self, target: &str) -> Result<Target, Unresolved> {
            match target {
                "putin" => Ok(Target { url: "/actors/putin/".into(), label: "Vladimir Putin".into() }),
                "Putin" => Ok(Target { url: "/actors/putin/".into(), label: "Putin".into() }),
                _ => Err(Unresolved::new(format!("unknown actor `{target}`"), None)),
            }
        }
        fn citation(&mut self, key: &str) -> Result<(usize, String), Unresolved> {
            match key {
                "a" => Ok((1, "source-a".into())),
                "b" => Ok((2, "source-b".into())),
                _ => Err(Unresolved::new(format!("unknown source `{key}`"), None)),
            }
        }
    }

    #[test]
    fn wikilinks_use_the_name_unless_text_is_given() {
        let r = render("See [[putin]], [[putin|him]] and [[Putin]].", &mut Fake, &[], &[]);
        assert!(
            r.html.text().contains(r#"<a href="/actors/putin/" class="wikilink">Vladimir Putin</a>"#),
            "{}",
            r.html
        );
        assert!(r.html.text().contains(r#"class="wikilink">him</a>"#), "{}", r.html);
        assert!(r.html.text().contains(r#"class="wikilink">Putin</a>"#), "{}", r.html);
        assert!(r.problems.is_empty());
    }

    #[test]
    fn unknown_references_are_reported_with_their_range() {
        let src = "One [[nobody]] and [@zzz].";
        let r = render(src, &mut Fake, &[], &[]);
        let ranges: Vec<&str> = r.problems.iter().map(|(range, _)| &src[range.clone()]).collect();
        assert_eq!(ranges, ["[[nobody]]", "@zzz"]);
    }

    /// Inputs the fuzzer (fuzz/, target `markdown`) crashed on: every
    /// problem's range must lie inside the source, on character boundaries.
    #[test]
    fn fuzz_regressions_give_ranges_inside_the_source() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions/markdown");
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let source = std::fs::read_to_string(&path).unwrap();
            let autolinks = [AutoLink { name: "Putin".into(), url: "/actors/putin/".into(), key: 0 }];
            let r = render(&source, &mut Fake, &["sources"], &autolinks);
            assert!(!r.problems.is_empty(), "{}: the unknown citations are reported", path.display());
            for (range, _) in &r.problems {
                assert!(source.get(range.clone()).is_some(), "{}: {range:?} of {}", path.display(), source.len());
            }
            seen += 1;
        }
        assert!(seen > 0);
    }

    #[test]
    fn a_citation_the_text_spells_differently_points_at_its_text() {
        // Smart punctuation makes `'` a three-byte `’` in the text.
        let source = "Said so [@it's''].";
        let r = render(source, &mut Fake, &[], &[]);
        assert_eq!(r.problems.len(), 1);
        let range = r.problems[0].0.clone();
        assert!(source.get(range.clone()).is_some_and(|s| s.contains("[@it")), "{range:?}");
    }

    #[test]
    fn citations_become_numbered_links() {
        let r = render("Said so [@a]. Twice [@b; @a].", &mut Fake, &[], &[]);
        assert!(
            r.html.text().contains(r##"<sup class="cite"><a href="#source-a" id="cite-1">1</a></sup>"##),
            "{}",
            r.html
        );
        assert!(
            r.html.text().contains(r##"<a href="#source-b" id="cite-2">2</a>, <a href="#source-a">1</a>"##),
            "{}",
            r.html
        );
        assert!(r.problems.is_empty());
    }

    #[test]
    fn text_around_citations_survives_whether_borrowed_or_rebuilt() {
        // Plain text reaches the citation adapter as a slice of the source;
        // an entity or a smart quote makes it a rebuilt string.
        for (source, before, after) in [
            ("Fish & chips [@a] all round.", "Fish &amp; chips ", " all round."),
            ("Fish &amp; chips [@a] all round.", "Fish &amp; chips ", " all round."),
            ("It's [@a] and [@a; @x y] 'quoted'.", "It’s ", " and [@a; @x y] ‘quoted’."),
        ] {
            let r = render(source, &mut Fake, &[], &[]);
            let cite = r##"<sup class="cite"><a href="#source-a" id="cite-1">1</a></sup>"##;
            assert!(r.html.text().contains(&format!("{before}{cite}{after}")), "{source}: {}", r.html);
        }
    }

    #[test]
    fn headings_get_unique_anchors_and_a_toc() {
        let r = render("## Sources\n\n## What's next?\n\n## What's next?\n", &mut Fake, &["sources"], &[]);
        let ids: Vec<&str> = r.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["sources-1", "whats-next", "whats-next-1"]);
        assert!(r.html.text().contains(r#"<h2 id="whats-next">"#), "{}", r.html);
    }

    #[test]
    fn code_is_highlighted_with_classes_and_escaped() {
        let r = render("```rust\nfn main() { let x = \"<b>\"; }\n```\n", &mut Fake, &[], &[]);
        assert!(r.html.text().contains(&format!("class=\"{CSS_CLASS_PREFIX}")), "{}", r.html);
        assert!(r.html.text().contains("&lt;b&gt;") && !r.html.text().contains("<b>"), "{}", r.html);
        let plain = render("```nosuchlang\n<i>\n```\n", &mut Fake, &[], &[]);
        assert!(plain.html.text().contains("&lt;i&gt;"), "{}", plain.html);
    }

    #[test]
    fn autolink_links_the_first_plain_mention_only() {
        let names = [
            AutoLink { name: "Vladimir Putin".into(), url: "/a/putin/".into(), key: 0 },
            AutoLink { name: "Putin".into(), url: "/a/putin/".into(), key: 0 },
            AutoLink { name: "Macron".into(), url: "/a/macron/".into(), key: 1 },
        ];
        let r = render(
            "# Putin\n\nPutinism aside, Vladimir Putin met Macron. Putin left.\n\n`Macron`",
            &mut Fake,
            &[],
            &names,
        );
        assert!(r.html.text().contains(r#"<a href="/a/putin/" class="autolink">Vladimir Putin</a>"#), "{}", r.html);
        assert!(r.html.text().contains(r#"<a href="/a/macron/" class="autolink">Macron</a>"#), "{}", r.html);
        assert_eq!(r.html.text().matches("autolink").count(), 2, "{}", r.html);
        assert!(
            r.html.text().contains("Putinism aside") && r.html.text().contains("<h1 id=\"putin\">Putin</h1>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn autolink_finds_names_the_source_spells_otherwise() {
        let names = [
            AutoLink { name: "Côte d’Ivoire".into(), url: "/a/ci/".into(), key: 0 },
            AutoLink { name: "Café Noir".into(), url: "/a/cafe/".into(), key: 1 },
            AutoLink { name: "St. Kitts".into(), url: "/a/kitts/".into(), key: 2 },
        ];
        let r = render("Côte d'Ivoire, then Caf&eacute; Noir and St\\. Kitts.", &mut Fake, &[], &names);
        for url in ["/a/ci/", "/a/cafe/", "/a/kitts/"] {
            assert!(r.html.text().contains(&format!(r#"<a href="{url}" class="autolink">"#)), "{url} in {}", r.html);
        }
    }

    #[test]
    fn gfm_extensions_are_on() {
        let r = render(
            "| a |\n|---|\n| b |\n\n~~x~~ \"q\"\n\n- [x] done\n\nNote[^1].\n\n[^1]: Foot.\n",
            &mut Fake,
            &[],
            &[],
        );
        for needle in ["<table>", "<del>x</del>", "\u{201c}q\u{201d}", "checkbox", "footnote"] {
            assert!(r.html.text().contains(needle), "{needle} in {}", r.html);
        }
    }
}
