//! Joins adjacent text events into one. pulldown-cmark cuts running text at
//! every `[`, `]`, `<` and smart quote, so `[@a]` or `d'Ivoire` arrive in
//! pieces; the citation and autolink adapters want them whole.

use std::iter::Peekable;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

pub(super) fn texts<'a>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)>,
    source: &'a str,
) -> impl Iterator<Item = (Event<'a>, Range<usize>)> {
    let mut events = events.peekable();
    std::iter::from_fn(move || {
        let (event, range) = events.next()?;
        let Event::Text(first) = event else { return Some((event, range)) };
        if !matches!(events.peek(), Some((Event::Text(_), _))) {
            return Some((Event::Text(first), range));
        }
        Some(join(first, range, &mut events, source))
    })
}

/// `first` and the texts right after it, as one. Pieces that are the source
/// as written, back to back (the usual case), come back as one slice of the
/// source without copying; otherwise (a curly quote, an escape) they are
/// copied into one string.
fn join<'a>(
    first: CowStr<'a>,
    range: Range<usize>,
    events: &mut Peekable<impl Iterator<Item = (Event<'a>, Range<usize>)>>,
    source: &'a str,
) -> (Event<'a>, Range<usize>) {
    let verbatim = |text: &str, r: &Range<usize>| source.get(r.clone()).is_some_and(|s| s == text);
    let mut span = range.clone();
    // `None` while every piece so far is `source[span]`; the copy starts
    // at the first piece that is not.
    let mut joined: Option<String> = (!verbatim(&first, &range)).then(|| first.to_string());
    while let Some((Event::Text(_), _)) = events.peek() {
        let Some((Event::Text(text), r)) = events.next() else { unreachable!() };
        if joined.is_none() && r.start == span.end && verbatim(&text, &r) {
            span.end = r.end;
            continue;
        }
        joined.get_or_insert_with(|| source[span.clone()].to_owned()).push_str(&text);
        span.end = r.end;
    }
    match joined {
        Some(text) => (Event::Text(CowStr::from(text)), span),
        None => (Event::Text(CowStr::Borrowed(&source[span.clone()])), span),
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Options, Parser};

    use super::*;

    fn merged(source: &str) -> Vec<(String, Range<usize>)> {
        let events = Parser::new_ext(source, Options::ENABLE_SMART_PUNCTUATION).into_offset_iter();
        texts(events, source)
            .filter_map(|(e, r)| match e {
                Event::Text(t) => Some((t.to_string(), r)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn pieces_of_one_run_of_text_become_one_event() {
        let source = "See [@a] and [x] now.";
        assert_eq!(merged(source), [(source.to_owned(), 0..source.len())]);
    }

    #[test]
    fn curly_quotes_and_escapes_are_joined_as_shown() {
        assert_eq!(merged("Côte d'Ivoire \\* said"), [("Côte d\u{2019}Ivoire * said".to_owned(), 0..22)]);
    }

    #[test]
    fn texts_apart_stay_apart() {
        let texts: Vec<String> = merged("one *two* three\nfour").into_iter().map(|(t, _)| t).collect();
        assert_eq!(texts, ["one ", "two", " three", "four"]);
    }
}
