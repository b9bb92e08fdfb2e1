//! Joins adjacent text events into one. pulldown-cmark cuts running text at
//! every `[`, `]`, `<` and smart quote, so `[@a]` or `d'Ivoire` arrive in
//! pieces; the citation and autolink adapters want them whole.

use std::iter::Peekable;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

pub fn texts<'a>(
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
    let mut pieces = vec![(first, range)];
    while let Some((Event::Text(_), _)) = events.peek() {
        let Some((Event::Text(text), r)) = events.next() else { unreachable!() };
        pieces.push((text, r));
    }
    let span = pieces[0].1.start..pieces[pieces.len() - 1].1.end;
    let contiguous = pieces.windows(2).all(|w| w[0].1.end == w[1].1.start);
    if contiguous && pieces.iter().all(|(text, r)| verbatim(text, r)) {
        return (Event::Text(CowStr::Borrowed(&source[span.clone()])), span);
    }
    let mut joined = String::with_capacity(pieces.iter().map(|(t, _)| t.len()).sum());
    for (text, _) in &pieces {
        joined.push_str(text);
    }
    (Event::Text(CowStr::from(joined)), span)
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
