//! One search record read into what the index needs of it: each word it
//! is found by, with its places (positions and weights, packed as Pagefind
//! stores them), and its result fragment. Records are read in parallel and
//! independently; `index.rs` merges them.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::Record;
use super::words::{Indexed, Words};

/// A word of page text weighs 1.0, stored as 24 (weights are eighths of
/// three, up to 10.0).
const WORD_WEIGHT: u8 = 24;
/// Places are packed in runs of one weight; a run of weight 25 needs no
/// marker, so it goes first (Pagefind's format; weight 25 never occurs in
/// records, whose words weigh 24 or a share of it).
const UNMARKED_WEIGHT: u8 = 25;

/// A record read for the index.
pub(super) struct Page {
    /// Every word's bytes, one after another; entries point into it.
    text: String,
    /// The words the page is found by, sorted.
    pub(super) entries: Vec<Entry>,
    /// The packed places of every entry and variant.
    pub(super) places: Vec<i32>,
    pub(super) variants: Vec<Variant>,
    /// The result fragment (JSON, gzipped) and its JSON's full hash
    /// (`<lang>_<sha1>`).
    pub(super) fragment: Vec<u8>,
    pub(super) hash: String,
    pub(super) word_count: usize,
}

/// A range of [`Page::places`].
#[derive(Clone, Copy, Default)]
pub(super) struct Span {
    start: u32,
    len: u32,
}

impl Span {
    pub(super) fn len(self) -> usize {
        self.len as usize
    }
}

/// One word a page is found by.
pub(super) struct Entry {
    word: (u32, u32),
    /// Places of the word without diacritics, in the text and in the
    /// metadata; `None` when the word only occurs with diacritics.
    pub(super) plain: Option<(Span, Span)>,
    /// The word's forms with diacritics ([`Page::variants`]).
    pub(super) variants: (u32, u32),
}

/// A form of a word with diacritics (`café` of `cafe`), and its places.
pub(super) struct Variant {
    form: (u32, u32),
    pub(super) places: Span,
    pub(super) meta: Span,
}

impl Page {
    pub(super) fn word(&self, entry: &Entry) -> &str {
        &self.text[entry.word.0 as usize..entry.word.1 as usize]
    }

    pub(super) fn form(&self, variant: &Variant) -> &str {
        &self.text[variant.form.0 as usize..variant.form.1 as usize]
    }

    pub(super) fn places(&self, span: Span) -> &[i32] {
        &self.places[span.start as usize..(span.start + span.len) as usize]
    }

    pub(super) fn variants_of(&self, entry: &Entry) -> &[Variant] {
        &self.variants[entry.variants.0 as usize..entry.variants.1 as usize]
    }
}

/// A word's places on one page while reading it: (position, weight) in the
/// text, (field, position) in the metadata; by form, `None` the plain one.
#[derive(Default)]
struct Places {
    text: BTreeMap<Option<String>, Vec<(u32, u8)>>,
    meta: BTreeMap<Option<String>, Vec<(u16, u32)>>,
}

/// The result fragment, as Pagefind's script reads it (field order kept:
/// its hash names the file).
#[derive(Serialize)]
struct Fragment<'a> {
    url: &'a str,
    content: &'a str,
    word_count: usize,
    filters: &'a BTreeMap<String, Vec<String>>,
    meta: &'a BTreeMap<String, String>,
    anchors: [(); 0],
}

/// Reads `record` (its text already escaped as HTML, its meta with the
/// title): `meta_fields` are every record's meta keys, sorted (a field is
/// stored by its place there). `None` when no word of the text is
/// indexable: Pagefind leaves such pages out.
pub(super) fn read(
    record: &Record,
    text: &str,
    meta: &BTreeMap<String, String>,
    language: &str,
    meta_fields: &[&str],
    words: &mut Words,
) -> Option<Page> {
    let mut found: FxHashMap<String, Places> = FxHashMap::default();
    let mut content = String::with_capacity(text.len());
    let mut position: u32 = 0;
    for token in text.split_whitespace() {
        let token: std::borrow::Cow<str> =
            if token.contains('\u{200B}') { token.replace('\u{200B}', "").into() } else { token.into() };
        if token.is_empty() {
            continue;
        }
        content.push_str(&token);
        content.push(' ');
        let indexed = words.of_text_seen(&token);
        let parts = indexed.iter().filter(|w| w.part).count();
        let part_weight = if parts > 0 { (WORD_WEIGHT / u8::try_from(parts).unwrap_or(u8::MAX)).max(1) } else { 0 };
        for Indexed { stemmed, original, part } in indexed {
            let weight = if *part { part_weight } else { WORD_WEIGHT };
            let places = match found.get_mut(stemmed.as_str()) {
                Some(places) => places,
                None => found.entry(stemmed.clone()).or_default(),
            };
            places.text.entry(original.clone()).or_default().push((position, weight));
        }
        position += 1;
    }
    if found.is_empty() {
        return None;
    }
    content.pop();
    for (field, name) in meta_fields.iter().enumerate() {
        let Some(value) = meta.get(*name) else { continue };
        let field = u16::try_from(field).unwrap_or(u16::MAX);
        for (at, token) in (0u32..).zip(value.split_whitespace()) {
            for Indexed { stemmed, original, .. } in words.of_meta(token) {
                found.entry(stemmed).or_default().meta.entry(original).or_default().push((field, at));
            }
        }
    }
    let word_count = position.max(1) as usize;
    let fragment =
        Fragment { url: &record.url, content: &content, word_count, filters: &record.filters, meta, anchors: [] };
    let fragment = serde_json::to_string(&fragment).unwrap_or_default();
    let hash = format!("{language}_{}", super::index::full_hash(fragment.as_bytes()));
    Some(pack(found, super::index::gzip(fragment.as_bytes()), hash, word_count))
}

/// Sorts the page's words and packs their places.
fn pack(found: FxHashMap<String, Places>, fragment: Vec<u8>, hash: String, word_count: usize) -> Page {
    let mut found: Vec<(String, Places)> = found.into_iter().collect();
    found.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut page = Page {
        text: String::new(),
        entries: Vec::with_capacity(found.len()),
        places: Vec::new(),
        variants: Vec::new(),
        fragment,
        hash,
        word_count,
    };
    for (word, mut places) in found {
        let word = push_text(&mut page.text, &word);
        let text = places.text.remove(&None);
        let meta = places.meta.remove(&None);
        let plain = (text.is_some() || meta.is_some()).then(|| {
            (
                pack_text(&mut page.places, text.unwrap_or_default()),
                pack_meta(&mut page.places, meta.unwrap_or_default()),
            )
        });
        let first = page.variants.len();
        // Forms in the text first, then forms only in the metadata, each
        // sorted: the order Pagefind lists them in.
        let mut forms: Vec<String> = places.text.keys().flatten().cloned().collect();
        forms.extend(places.meta.keys().flatten().filter(|f| !places.text.contains_key(&Some((*f).clone()))).cloned());
        for form in forms {
            let key = Some(form);
            let text = places.text.remove(&key).unwrap_or_default();
            let meta = places.meta.remove(&key).unwrap_or_default();
            let form = push_text(&mut page.text, key.as_deref().unwrap_or_default());
            let places = pack_text(&mut page.places, text);
            let meta = pack_meta(&mut page.places, meta);
            page.variants.push(Variant { form, places, meta });
        }
        page.entries.push(Entry { word, plain, variants: (first as u32, page.variants.len() as u32) });
    }
    page
}

fn push_text(text: &mut String, s: &str) -> (u32, u32) {
    let start = text.len() as u32;
    text.push_str(s);
    (start, text.len() as u32)
}

/// Places in the text: by weight (the unmarked weight first), then by
/// position; each change of weight is `-weight - 1` followed by the
/// absolute position, other positions are deltas.
fn pack_text(out: &mut Vec<i32>, mut places: Vec<(u32, u8)>) -> Span {
    let start = out.len() as u32;
    places.sort_by_key(|&(position, weight)| (if weight == UNMARKED_WEIGHT { 0 } else { weight }, position));
    let (mut weight, mut last) = (UNMARKED_WEIGHT, 0);
    for (position, w) in places {
        if w == weight {
            out.push((position - last) as i32);
        } else {
            out.push(-i32::from(w) - 1);
            out.push(position as i32);
            weight = w;
        }
        last = position;
    }
    Span { start, len: out.len() as u32 - start }
}

/// Places in the metadata: by field, then position; each new field is
/// `-field - 1`, positions are deltas within the field.
fn pack_meta(out: &mut Vec<i32>, mut places: Vec<(u16, u32)>) -> Span {
    let start = out.len() as u32;
    places.sort_unstable();
    let mut field = None;
    let mut last = 0;
    for (f, position) in places {
        if field != Some(f) {
            out.push(-i32::from(f) - 1);
            field = Some(f);
            last = 0;
        }
        out.push((position - last) as i32);
        last = position;
    }
    Span { start, len: out.len() as u32 - start }
}
