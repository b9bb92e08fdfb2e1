//! Directives: `::name[label]{key="value" …}`, alone in a paragraph, place
//! what Markdown has no syntax for: a figure with caption and credit, an
//! actor's card, a position, a question's stance table. The syntax is the
//! generic-directive proposal's leaf block (as remark-directive and MyST
//! write it); plain CommonMark shows the line as the text it is, so a
//! briefing stays readable anywhere.
//!
//! A directive is checked here (its name, its attributes) and by the site
//! ([`super::Links::embed`]: the ids); what it shows is made when its page
//! is rendered, from templates, so the body holds a marker in its place
//! ([`splice`] fills it).

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{Problems, SharedLinks, Unresolved};
use crate::codes::Code;

/// What a directive places: made into HTML when its page is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Embed {
    /// A processed picture of the site with its caption and credit.
    Figure {
        /// The picture, as `src` names it.
        src: String,
        /// What it shows.
        alt: String,
        /// The label, rendered inline (HTML).
        caption: Option<String>,
        /// Who made it.
        credit: Option<String>,
    },
    /// An actor's card, by the actor's index in the site.
    Actor(usize),
    /// A position: the briefing's index and the position's among its own.
    Position {
        /// The briefing's index in the site.
        briefing: usize,
        /// The position's index in the briefing.
        position: usize,
    },
    /// A question's stance table, by the question's index.
    Stances(usize),
}

/// A directive as written: its name, its label and its attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive<'s> {
    /// `figure`, `actor`, …
    pub name: &'s str,
    /// Between the brackets, as written.
    pub label: &'s str,
    /// Where the label starts in the body.
    pub label_at: usize,
    /// Its `key="value"` pairs, in order.
    pub attrs: Vec<Attr<'s>>,
}

/// `key="value"`, with where the value is in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr<'s> {
    /// The name.
    pub key: &'s str,
    /// Where the name starts in the body.
    pub key_at: usize,
    /// The value, unquoted.
    pub value: &'s str,
    /// Where the value is in the body.
    pub at: Range<usize>,
}

impl<'s> Directive<'s> {
    /// The attribute named `key`.
    pub fn get(&self, key: &str) -> Option<&Attr<'s>> {
        self.attrs.iter().find(|a| a.key == key)
    }

    /// The label's range in the body, trimmed.
    pub fn label_range(&self) -> Range<usize> {
        let start = self.label_at + (self.label.len() - self.label.trim_start().len());
        start..start + self.label.trim().len()
    }
}

/// Each directive dossier knows: its name, required and optional
/// attributes, whether its label names something, and how to write it.
struct Known {
    name: &'static str,
    required: &'static [&'static str],
    optional: &'static [&'static str],
    label_is_id: bool,
    example: &'static str,
}

const KNOWN: &[Known] = &[
    Known {
        name: "figure",
        required: &["src", "alt"],
        optional: &["credit"],
        label_is_id: false,
        example: r#"::figure[Caption]{src="photo.jpg" alt="What it shows" credit="Who made it"}"#,
    },
    Known { name: "actor", required: &[], optional: &[], label_is_id: true, example: "::actor[actor-id]" },
    Known {
        name: "position",
        required: &[],
        optional: &["question", "briefing"],
        label_is_id: true,
        example: r#"::position[actor-id]{question="question-id"}"#,
    },
    Known { name: "stances", required: &[], optional: &[], label_is_id: true, example: "::stances[question-id]" },
];

/// Marks an embed's place in a body's HTML: private-use characters around
/// its number, which no page or feed shows (see [`splice`]).
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// The marker of embed `n`.
fn marker(n: usize) -> String {
    format!("{OPEN}{n}{CLOSE}\n")
}

/// `html` with each embed's marker replaced by `fill(n)`, or removed when
/// `fill` has nothing (a marker the author typed, of no embed). Borrowed
/// when there is no marker: most bodies.
pub fn splice<'h>(html: &'h str, mut fill: impl FnMut(usize) -> Option<&'h str>) -> Cow<'h, str> {
    if memchr::memmem::find(html.as_bytes(), OPEN.encode_utf8(&mut [0; 4]).as_bytes()).is_none() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + 1024);
    let mut rest = html;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len_utf8()..];
        let Some(end) = after.find(CLOSE).filter(|&e| e > 0 && after[..e].bytes().all(|b| b.is_ascii_digit())) else {
            // Not a marker: the character as written.
            out.push(OPEN);
            rest = after;
            continue;
        };
        if let Some(filled) = after[..end].parse().ok().and_then(&mut fill) {
            out.push_str(filled);
        }
        rest = &after[end + CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether the paragraph written `text` is a directive (or meant as one:
/// `::` then a lowercase letter).
fn looks_like(text: &str) -> bool {
    text.strip_prefix("::").and_then(|t| t.bytes().next()).is_some_and(|b| b.is_ascii_lowercase())
}

/// The directive written as the paragraph at `range` of `source`, if it is
/// one: `None` for any other paragraph, the problem for a malformed one.
pub(super) fn find<'s>(
    source: &'s str,
    range: &Range<usize>,
) -> Option<Result<Directive<'s>, (Range<usize>, Unresolved)>> {
    let text = source.get(range.clone())?.trim_end();
    looks_like(text).then(|| parse(text, range.start).and_then(|d| check(d, range.start..range.start + text.len())))
}

/// Every figure's picture in `body`: its `src` and where that is written.
pub(super) fn figures(body: &str) -> Vec<(String, Range<usize>)> {
    if memchr::memmem::find(body.as_bytes(), b"::figure").is_none() {
        return Vec::new();
    }
    let parser = pulldown_cmark::Parser::new_ext(body, super::options()).into_offset_iter();
    parser
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Paragraph) => find(body, &range)?.ok(),
            _ => None,
        })
        .filter(|d| d.name == "figure")
        .filter_map(|d| d.get("src").map(|a| (a.value.to_owned(), a.at.clone())))
        .collect()
}

fn problem(range: Range<usize>, message: String, hint: String) -> (Range<usize>, Unresolved) {
    (range, Unresolved { code: Some(Code::Directive), ..Unresolved::new(message, Some(hint)) })
}

/// Parses `text` (a paragraph starting `::`, at `offset` in the body).
fn parse(text: &str, offset: usize) -> Result<Directive<'_>, (Range<usize>, Unresolved)> {
    let whole = offset..offset + text.len();
    let usage = || "a directive is one line: `::name[label]{key=\"value\"}`".to_owned();
    if text.contains('\n') {
        return Err(problem(whole, "a directive must be on one line of its own".into(), usage()));
    }
    let name_end = 2 + text[2..].bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'-').count();
    let name = &text[2..name_end];
    let rest = &text[name_end..];
    if !rest.starts_with('[') {
        let hint = KNOWN.iter().find(|k| k.name == name).map_or_else(usage, |k| format!("write `{}`", k.example));
        return Err(problem(whole, format!("`::{name}` needs a label in brackets"), hint));
    }
    let Some(close) = closing_bracket(rest) else {
        return Err(problem(whole, format!("the label of `::{name}` has no closing `]`"), usage()));
    };
    let label = &rest[1..close];
    let label_at = offset + name_end + 1;
    let after = &rest[close + 1..];
    let after_at = offset + name_end + close + 1;
    let attrs = match after.strip_prefix('{') {
        Some(inner) => {
            let Some(end) = closing_brace(inner) else {
                return Err(problem(whole, format!("the attributes of `::{name}` have no closing `}}`"), usage()));
            };
            if !inner[end + 1..].trim().is_empty() {
                let at = after_at + end + 2;
                return Err(problem(at..whole.end, "nothing may follow a directive on its line".into(), usage()));
            }
            attributes(&inner[..end], after_at + 1)?
        }
        None if after.trim().is_empty() => Vec::new(),
        None => {
            return Err(problem(
                after_at..whole.end,
                "nothing may follow a directive's label but `{…}`".into(),
                usage(),
            ));
        }
    };
    Ok(Directive { name, label, label_at, attrs })
}

/// The index of the `]` closing the `[` at 0, skipping nested brackets and
/// escaped characters.
fn closing_bracket(text: &str) -> Option<usize> {
    let mut depth = 0;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The index of the `}` ending the attributes, outside quotes.
fn closing_brace(text: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '}') => return Some(i),
            _ => {}
        }
    }
    None
}

/// `key="value" key='value' key=value`, separated by spaces; `offset` is
/// where `text` starts in the body.
fn attributes(text: &str, offset: usize) -> Result<Vec<Attr<'_>>, (Range<usize>, Unresolved)> {
    let mut attrs: Vec<Attr> = Vec::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    let expected = |at: usize| {
        let end = text[at..].find(char::is_whitespace).map_or(text.len(), |e| at + e);
        let first = text[at..].chars().next().map_or(0, char::len_utf8);
        problem(
            offset + at..offset + end.max(at + first),
            "expected an attribute, `key=\"value\"`".into(),
            "attributes are `key=\"value\"` pairs separated by spaces".into(),
        )
    };
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i == bytes.len() {
            return Ok(attrs);
        }
        let key_end =
            i + bytes[i..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b'_').count();
        if key_end == i || bytes.get(key_end) != Some(&b'=') {
            return Err(expected(i));
        }
        let key = &text[i..key_end];
        let start = key_end + 1;
        let (value, at, next) = match bytes.get(start) {
            Some(&q @ (b'"' | b'\'')) => {
                let Some(len) = text[start + 1..].find(q as char) else { return Err(expected(i)) };
                let v = start + 1..start + 1 + len;
                (&text[v.clone()], v, start + len + 2)
            }
            _ => {
                let len = text[start..].find(char::is_whitespace).unwrap_or(text.len() - start);
                let v = start..start + len;
                (&text[v.clone()], v, start + len)
            }
        };
        if attrs.iter().any(|a| a.key == key) {
            let hint = "give each attribute once".to_owned();
            return Err(problem(offset + i..offset + key_end, format!("`{key}` is given twice"), hint));
        }
        attrs.push(Attr { key, key_at: offset + i, value, at: offset + at.start..offset + at.end });
        i = next;
    }
}

/// Checks the directive's name and attributes against what it takes.
fn check(d: Directive<'_>, whole: Range<usize>) -> Result<Directive<'_>, (Range<usize>, Unresolved)> {
    let Some(known) = KNOWN.iter().find(|k| k.name == d.name) else {
        let names: Vec<String> = KNOWN.iter().map(|k| format!("::{}", k.name)).collect();
        let hint = crate::diagnostics::did_you_mean(&format!("::{}", d.name), names.iter().map(String::as_str))
            .unwrap_or_else(|| "dossier knows `::figure`, `::actor`, `::position` and `::stances`".to_owned());
        return Err(problem(whole, format!("unknown directive `::{}`", d.name), hint));
    };
    let takes = || {
        let all: Vec<String> = known.required.iter().chain(known.optional).map(|k| format!("`{k}`")).collect();
        match all.as_slice() {
            [] => format!("`::{}` takes no attributes: `{}`", known.name, known.example),
            _ => format!("`::{}` takes {}: `{}`", known.name, all.join(", "), known.example),
        }
    };
    if let Some(a) = d.attrs.iter().find(|a| !known.required.contains(&a.key) && !known.optional.contains(&a.key)) {
        return Err(problem(a.key_at..a.at.end, format!("`::{}` has no attribute `{}`", known.name, a.key), takes()));
    }
    if let Some(missing) = known.required.iter().find(|k| d.get(k).is_none()) {
        let hint = match *missing {
            "alt" => "say what the picture shows, `alt=\"…\"` (`alt=\"\"` if it only decorates)".to_owned(),
            _ => takes(),
        };
        return Err(problem(whole, format!("`::{}` needs `{missing}`", known.name), hint));
    }
    if known.label_is_id && d.label.trim().is_empty() {
        return Err(problem(whole, format!("`::{}` names nothing between its brackets", known.name), takes()));
    }
    Ok(d)
}

/// Replaces each paragraph that is a directive by its embed's marker; the
/// embeds go to `embeds`, in order, problems to `problems`.
pub(super) fn replace<'a, 'l, 'm: 'l>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)> + 'l,
    source: &'a str,
    links: &'l SharedLinks<'m>,
    problems: &'l Problems,
    embeds: &'l RefCell<Vec<Embed>>,
) -> impl Iterator<Item = (Event<'a>, Range<usize>)> + 'l
where
    'a: 'l,
{
    let mut events = events;
    std::iter::from_fn(move || {
        let (event, range) = events.next()?;
        let Event::Start(Tag::Paragraph) = event else { return Some((event, range)) };
        let Some(found) = find(source, &range) else { return Some((event, range)) };
        // The paragraph's own events are the directive's text: dropped.
        for (e, _) in events.by_ref() {
            if matches!(e, Event::End(TagEnd::Paragraph)) {
                break;
            }
        }
        let embed = found.and_then(|d| {
            let embed = links.borrow_mut().embed(&d)?;
            Ok(caption(embed, &d, links, problems))
        });
        match embed {
            Ok(embed) => {
                let mut list = embeds.borrow_mut();
                list.push(embed);
                Some((Event::Html(CowStr::from(marker(list.len() - 1))), range))
            }
            Err(problem) => {
                problems.borrow_mut().push(problem);
                Some((Event::Html(CowStr::Borrowed("")), range))
            }
        }
    })
}

/// A figure's caption, its label, rendered inline (emphasis, links,
/// wikilinks); its problems point into the label.
fn caption(embed: Embed, d: &Directive, links: &SharedLinks, problems: &Problems) -> Embed {
    let Embed::Figure { src, alt, credit, .. } = embed else { return embed };
    let caption = (!d.label.trim().is_empty()).then(|| {
        let (line, rendered) = super::inline(d.label, &mut **links.borrow_mut());
        let shift = |r: Range<usize>| r.start + d.label_at..r.end + d.label_at;
        problems.borrow_mut().extend(rendered.problems.into_iter().map(|(r, p)| (shift(r), p)));
        line.html().to_owned()
    });
    Embed::Figure { src, alt, caption, credit }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<Directive<'_>, String> {
        find(text, &(0..text.len())).expect("a directive").map_err(|(r, p)| format!("{r:?} {}", p.message))
    }

    #[test]
    fn parses_names_labels_and_attributes_with_their_places() {
        let text = r#"::figure[A *map* [of] it]{src="map.png" alt='The coast' credit=Own}"#;
        let d = parsed(text).unwrap();
        assert_eq!((d.name, d.label), ("figure", "A *map* [of] it"));
        let attrs: Vec<(&str, &str, &str)> = d.attrs.iter().map(|a| (a.key, a.value, &text[a.at.clone()])).collect();
        assert_eq!(attrs, [("src", "map.png", "map.png"), ("alt", "The coast", "The coast"), ("credit", "Own", "Own")]);
        assert_eq!(&text[d.label_range()], "A *map* [of] it");
        let d = parsed("::actor[ putin ]").unwrap();
        assert_eq!(&"::actor[ putin ]"[d.label_range()], "putin");
    }

    #[test]
    fn other_paragraphs_are_no_directives() {
        for text in ["Plain words.", ":: spaced", "::Capital[x]", "A ::figure[x] inside"] {
            assert!(find(text, &(0..text.len())).is_none(), "{text}");
        }
    }

    #[test]
    fn malformed_directives_say_what_is_wrong_and_where() {
        for (text, wrong, message) in [
            ("::chart[x]", "::chart[x]", "unknown directive `::chart`"),
            ("::figure[x]{src=a.png}", "::figure[x]{src=a.png}", "`::figure` needs `alt`"),
            ("::actor[x]{size=2}", "size=2", "`::actor` has no attribute `size`"),
            ("::actor[]", "::actor[]", "`::actor` names nothing between its brackets"),
            ("::actor", "::actor", "`::actor` needs a label in brackets"),
            ("::actor[x", "::actor[x", "the label of `::actor` has no closing `]`"),
            ("::position[x]{question=\"q\" question=\"r\"}", "question", "`question` is given twice"),
            (
                "::position[x]{question=\"q}",
                "::position[x]{question=\"q}",
                "the attributes of `::position` have no closing `}`",
            ),
            ("::position[x]{question}", "question", "expected an attribute, `key=\"value\"`"),
            ("::actor[x] and more", " and more", "nothing may follow a directive's label but `{…}`"),
            ("::actor[x]\nmore", "::actor[x]\nmore", "a directive must be on one line of its own"),
        ] {
            let (range, problem) = find(text, &(0..text.len())).unwrap().unwrap_err();
            assert_eq!((&text[range], problem.message.as_str()), (wrong, message), "{text}");
            assert_eq!(problem.code, Some(Code::Directive));
        }
        let (_, p) = find("::figur[x]", &(0..10)).unwrap().unwrap_err();
        assert!(p.hint.unwrap().contains("::figure"));
    }

    #[test]
    fn splice_fills_markers_and_leaves_other_text() {
        let html = format!("<p>a</p>\n{}<p>b{OPEN}x</p>{}", marker(0), marker(7));
        let filled = splice(&html, |n| (n == 0).then_some("<figure>0</figure>"));
        assert_eq!(filled, format!("<p>a</p>\n<figure>0</figure>\n<p>b{OPEN}x</p>\n"));
        assert!(matches!(splice("<p>none</p>", |_| None), Cow::Borrowed(_)));
    }

    #[test]
    fn figures_are_found_with_the_place_of_their_picture() {
        let body = "Text.\n\n::figure[Map]{src=\"maps/coast.png\" alt=\"Coast\"}\n\n    ::figure[no]{src=\"code.png\" alt=\"\"}\n";
        let found = figures(body);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].0.as_str(), &body[found[0].1.clone()]), ("maps/coast.png", "maps/coast.png"));
    }
}
