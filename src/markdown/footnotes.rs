//! Footnotes that link both ways: `[^label]` becomes a numbered link to its
//! note, and each note links back to where it was referenced (every place,
//! when it was referenced more than once).
//!
//! Ids are numbers (`fn-1`, `fnref-1`, `fnref-1-2`), never the label: a
//! label such as `sources` would otherwise take the id of a section of the
//! page, and two labels could make one id. Headings stay clear of both
//! prefixes ([`super::anchors`]).

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// Id prefixes of notes and of references to them.
pub(super) const PREFIXES: &[&str] = &["fn-", "fnref-"];

pub(super) fn link<'a>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)>,
) -> impl Iterator<Item = (Event<'a>, Range<usize>)> {
    // Numbered in order of first appearance, as pulldown-cmark numbers them;
    // labels match whatever their case.
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut references: HashMap<usize, usize> = HashMap::new();
    let mut open: Vec<usize> = Vec::new();
    events.map(move |(event, range)| {
        let mut number = |label: &str| {
            let next = numbers.len() + 1;
            *numbers.entry(label.to_lowercase()).or_insert(next)
        };
        let html = match &event {
            Event::FootnoteReference(label) => {
                let n = number(label);
                let count = references.entry(n).or_insert(0);
                *count += 1;
                let id = reference_id(n, *count);
                format!("<sup class=\"footnote-reference\" id=\"{id}\"><a href=\"#fn-{n}\">{n}</a></sup>")
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = number(label);
                open.push(n);
                format!(
                    "<div class=\"footnote-definition\" id=\"fn-{n}\"><sup class=\"footnote-definition-label\">{n}</sup>"
                )
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let n = open.pop().unwrap_or(0);
                let count = references.get(&n).copied().unwrap_or(0);
                let mut html = String::new();
                for k in 1..=count {
                    let which = if count > 1 { format!(" ({k})") } else { String::new() };
                    html.push_str(&format!(
                        " <a href=\"#{}\" class=\"footnote-backref\" aria-label=\"Back to reference {n}{which}\">↩</a>",
                        reference_id(n, k)
                    ));
                }
                html.push_str("</div>\n");
                html
            }
            _ => return (event, range),
        };
        (Event::Html(CowStr::from(html)), range)
    })
}

/// The id of the `k`-th reference (from 1) to note `n`.
fn reference_id(n: usize, k: usize) -> String {
    if k == 1 { format!("fnref-{n}") } else { format!("fnref-{n}-{k}") }
}

#[cfg(test)]
mod tests {
    use crate::markdown::render;

    #[test]
    fn notes_and_references_link_both_ways_by_number() {
        let mut links = crate::markdown::tests::Fake;
        let src = "A[^Sources] b[^x] c[^sources].\n\n[^sources]: One.\n[^x]: Two.\n\n## Fn 1\n";
        let html = render(src, &mut links, &[], &[]).html.text().into_owned();
        assert!(
            html.contains(r##"<sup class="footnote-reference" id="fnref-1"><a href="#fn-1">1</a></sup>"##),
            "{html}"
        );
        assert!(
            html.contains(r##"<sup class="footnote-reference" id="fnref-1-2"><a href="#fn-1">1</a></sup>"##),
            "{html}"
        );
        assert!(html.contains(r##"id="fn-2"><sup class="footnote-definition-label">2</sup>"##), "{html}");
        assert!(html.contains(r##"<a href="#fnref-1" class="footnote-backref" aria-label="Back to reference 1 (1)">↩</a> <a href="#fnref-1-2" class="footnote-backref" aria-label="Back to reference 1 (2)">↩</a></div>"##), "{html}");
        assert!(
            html.contains(
                r##"<a href="#fnref-2" class="footnote-backref" aria-label="Back to reference 2">↩</a></div>"##
            ),
            "{html}"
        );
        // The label never becomes an id, and a heading keeps clear of the notes'.
        assert!(!html.contains("id=\"sources\"") && html.contains("id=\"section-fn-1\""), "{html}");
        // `safe_html` keeps the ids and the backlinks' names.
        let clean = crate::markdown::sanitize::clean(&html);
        assert!(clean.contains(r##"id="fn-1""##) && clean.contains(r##"aria-label="Back to reference 2""##), "{clean}");
    }
}
