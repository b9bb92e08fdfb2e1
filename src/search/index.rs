//! The search bundle, written by dossier in the format of Pagefind 1.6 (its
//! browser script and WebAssembly come from the `pagefind` crate, see
//! `pagefind.rs`). Pagefind's own indexer reads records one at a time
//! under a lock and compresses every file at the slowest level on one
//! thread; here records are read in parallel (`page.rs`), merged once, and
//! each file is encoded and compressed in parallel.
//!
//! Per language: `pagefind.<hash>.pf_meta` (pages, word chunks, filters,
//! sorts), `index/*.pf_index` (words and their places, in chunks by
//! alphabet), `filter/*.pf_filter`, `fragment/*.pf_fragment` (each
//! result's text and fields); all CBOR or JSON, gzipped after a
//! `pagefind_dcd` signature. File names are `<lang>_` and the first hex
//! digits of a SHA-1 of the contents.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::Arc;

use minicbor::Encoder;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use sha1::{Digest, Sha1};

use super::Record;
use super::page::{self, Entry, Page};
use super::words::{WORD_SYMBOLS, Words};

/// A chunk of the word index closes once its places pass this many
/// (Pagefind's default).
const CHUNK_SIZE: usize = 20_000;

/// The bundle's browser side, from Pagefind.
pub(super) struct Runtime {
    /// Pagefind's version, as the script expects it in the index.
    pub(super) version: String,
    /// Files every bundle has (`pagefind.js`, the generic WebAssembly).
    pub(super) files: Vec<(String, Vec<u8>)>,
    /// The stemming WebAssembly of each language that has one.
    pub(super) wasm: FxHashMap<String, Vec<u8>>,
}

/// Makes bundles, keeping what it read of each record for the next one:
/// `serve` indexes again after each edit, reading only records that
/// changed (reading is most of the work; merging is done whole).
#[derive(Default)]
pub(super) struct Indexer {
    languages: FxHashMap<String, Read>,
    /// Records the last bundle read, of how many.
    pub(super) last_read: (usize, usize),
}

/// What was read of one language's records, by URL, for its metadata
/// fields (a field is stored by its place among them).
#[derive(Default)]
struct Read {
    fields: Vec<String>,
    pages: FxHashMap<String, (Arc<Record>, Option<Arc<Page>>)>,
}

impl Indexer {
    /// The bundle for `records` (paths relative to the bundle's folder):
    /// with `one_language`, every record indexed in it; else each in its
    /// own.
    pub(super) fn bundle(
        &mut self,
        records: &[Arc<Record>],
        one_language: Option<&str>,
        runtime: &Runtime,
    ) -> Vec<(String, Vec<u8>)> {
        let mut by_language: BTreeMap<String, Vec<&Arc<Record>>> = BTreeMap::new();
        for r in records {
            // Pagefind's script looks its index up by the page's `lang` in
            // lowercase (`pt-br`).
            let language = one_language.map_or_else(|| r.language.to_ascii_lowercase(), str::to_owned);
            by_language.entry(language).or_default().push(r);
        }
        self.languages.retain(|language, _| by_language.contains_key(language));
        self.last_read = (0, records.len());
        let mut files = runtime.files.clone();
        let mut languages = BTreeMap::new();
        for (language, records) in by_language {
            let read = self.languages.entry(language.clone()).or_default();
            let pages = read.update(&language, &records, &mut self.last_read.0);
            // A language without a word to find has no index (as Pagefind).
            if pages.is_empty() {
                continue;
            }
            let (meta_hash, language_files) = language_index(&language, &pages, &read.fields, &runtime.version);
            let wasm = runtime.wasm.get(&language).map(|bytes| {
                files.push((format!("wasm.{language}.pagefind"), bytes.clone()));
                language.clone()
            });
            files.extend(language_files);
            languages.insert(language, EntryLanguage { hash: meta_hash, wasm, page_count: pages.len() });
        }
        let entry = EntryFile { version: &runtime.version, languages, include_characters: WORD_SYMBOLS };
        files.push(("pagefind-entry.json".into(), serde_json::to_vec(&entry).unwrap_or_default()));
        files
    }
}

impl Read {
    /// Reads `records`, taking over what was read of those unchanged, and
    /// adds how many were read to `count`; returns the pages with words
    /// (others are left out, as Pagefind does), each with its record.
    fn update(&mut self, language: &str, records: &[&Arc<Record>], count: &mut usize) -> Vec<(Arc<Page>, Arc<Record>)> {
        let metas: Vec<BTreeMap<String, String>> = records.par_iter().map(|r| r.shown()).collect();
        let mut read = self.read(language, records, &metas, fields_of(metas.iter()), count);
        // The fields are those of the pages kept: when only a page left out
        // had some field, the places of the others are read again.
        let kept = fields_of(metas.iter().zip(&read).filter(|(_, page)| page.is_some()).map(|(m, _)| m));
        if kept != self.fields {
            read = self.read(language, records, &metas, kept, count);
        }
        let mut pages = Vec::new();
        for (r, page) in records.iter().zip(read) {
            if let Some(page) = &page {
                pages.push((Arc::clone(page), Arc::clone(r)));
            }
            self.pages.insert(r.url.clone(), (Arc::clone(r), page));
        }
        pages
    }

    /// Each record read, or taken over when it and `fields` are as they
    /// were.
    fn read(
        &mut self,
        language: &str,
        records: &[&Arc<Record>],
        metas: &[BTreeMap<String, String>],
        fields: Vec<String>,
        count: &mut usize,
    ) -> Vec<Option<Arc<Page>>> {
        if fields != self.fields {
            self.pages.clear();
            self.fields = fields;
        }
        let old = std::mem::take(&mut self.pages);
        let field_names: Vec<&str> = self.fields.iter().map(String::as_str).collect();
        let read: Vec<(Option<Arc<Page>>, bool)> = records
            .par_iter()
            .zip(metas)
            .map_init(
                || Words::new(language),
                |words, (r, meta)| match old.get(&r.url) {
                    Some((was, page)) if Arc::ptr_eq(was, r) || **was == ***r => (page.clone(), false),
                    _ => {
                        // Excerpts come back as HTML: the text must be escaped.
                        let text = crate::escape::text(&r.text);
                        (page::read(r, &text, meta, language, &field_names, words).map(Arc::new), true)
                    }
                },
            )
            .collect();
        *count += read.iter().filter(|(_, fresh)| *fresh).count();
        read.into_iter().map(|(page, _)| page).collect()
    }
}

/// Every field of `metas`, sorted.
fn fields_of<'m>(metas: impl Iterator<Item = &'m BTreeMap<String, String>>) -> Vec<String> {
    let fields: std::collections::BTreeSet<&str> = metas.flat_map(|m| m.keys().map(String::as_str)).collect();
    fields.into_iter().map(str::to_owned).collect()
}

#[derive(Serialize)]
struct EntryFile<'a> {
    version: &'a str,
    languages: BTreeMap<String, EntryLanguage>,
    include_characters: [char; 10],
}

#[derive(Serialize)]
struct EntryLanguage {
    hash: String,
    wasm: Option<String>,
    page_count: usize,
}

/// One language's index of `pages` (in order, with their records): its
/// meta file's name and its files.
fn language_index(
    language: &str,
    pages: &[(Arc<Page>, Arc<Record>)],
    fields: &[String],
    version: &str,
) -> (String, Vec<(String, Vec<u8>)>) {
    let (pages, kept): (Vec<&Page>, Vec<&Record>) = pages.iter().map(|(p, r)| (&**p, &**r)).unzip();
    let mut files = Vec::new();
    // Each folder names its files apart, as Pagefind does.
    let mut names = Names::default();
    let fragment_names: Vec<String> = pages.iter().map(|p| names.short(&p.hash, language)).collect();
    let mut names = Names::default();
    // `[version, pages, chunks, filters, sorts, fields]`, each page
    // `[fragment, word count, group ("": none)]`.
    let mut meta = Cbor::default();
    meta.array(6).str(version).array(pages.len());
    for (p, name) in pages.iter().zip(&fragment_names) {
        meta.array(3).str(name).uint(p.word_count).str("");
    }
    files.extend(
        pages.iter().zip(&fragment_names).map(|(p, name)| (format!("fragment/{name}.pf_fragment"), p.fragment.clone())),
    );
    let chunks = word_chunks(&pages);
    let encoded: Vec<Vec<u8>> = chunks.par_iter().map(|c| encode_chunk(&pages, c)).collect();
    let mut chunk_meta = chunk_ranges(&chunks);
    for (bytes, range) in encoded.iter().zip(chunk_meta.iter_mut()) {
        range.2 = names.short(&format!("{language}_{}", full_hash(bytes)), language);
    }
    meta.array(chunk_meta.len());
    for (from, to, hash) in &chunk_meta {
        meta.array(3).str(from).str(to).str(hash);
    }
    files.extend(
        encoded
            .into_par_iter()
            .zip(chunk_meta.par_iter())
            .map(|(b, c)| (format!("index/{}.pf_index", c.2), gzip(&b)))
            .collect::<Vec<_>>(),
    );
    let filters = encode_filters(&kept);
    let mut names = Names::default();
    meta.array(filters.len());
    for (filter, bytes) in &filters {
        let name = names.short(&format!("{language}_{}", full_hash(bytes)), language);
        meta.array(2).str(filter).str(&name);
        files.push((format!("filter/{name}.pf_filter"), gzip(bytes)));
    }

    let sorts = sorts(&kept);
    meta.array(sorts.len());
    for (key, order) in &sorts {
        meta.array(2).str(key).uints(order);
    }
    meta.array(fields.len());
    for field in fields {
        meta.str(field);
    }
    let meta = meta.bytes();
    let hex = full_hash(&meta);
    let meta_hash = format!("{language}_{}", &hex[..(language.len() + 8).min(hex.len())]);
    files.push((format!("pagefind.{meta_hash}.pf_meta"), gzip(&meta)));
    (meta_hash, files)
}

/// Short file names, unique within a language: `<lang>_` and seven hex
/// digits, one more while taken by other contents.
#[derive(Default)]
struct Names {
    taken: FxHashMap<String, String>,
}

impl Names {
    fn short(&mut self, full: &str, language: &str) -> String {
        let mut len = (language.len() + 8).min(full.len());
        loop {
            let short = &full[..len];
            match self.taken.get(short) {
                Some(other) if other != full && len < full.len() => len += 1,
                _ => {
                    self.taken.insert(short.to_owned(), full.to_owned());
                    return short.to_owned();
                }
            }
        }
    }
}

/// A word of the whole index: its text and, in page order, each page it is
/// on (page number, entry).
struct IndexWord<'p> {
    word: &'p str,
    on: Vec<(u32, u32)>,
}

/// Every word of every page, sorted, cut into chunks by size.
fn word_chunks<'p>(pages: &[&'p Page]) -> Vec<Vec<IndexWord<'p>>> {
    let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
    let mut words: Vec<IndexWord> = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        for (e, entry) in page.entries.iter().enumerate() {
            let word = page.word(entry);
            let id = *ids.entry(word).or_insert_with(|| {
                words.push(IndexWord { word, on: Vec::new() });
                (words.len() - 1) as u32
            });
            words[id as usize].on.push((n as u32, e as u32));
        }
    }
    drop(ids);
    words.par_sort_unstable_by(|a, b| a.word.cmp(b.word));
    let mut chunks = Vec::new();
    let mut chunk = Vec::new();
    let mut size = 0;
    for word in words {
        size += word_size(pages, &word);
        chunk.push(word);
        if size >= CHUNK_SIZE {
            chunks.push(std::mem::take(&mut chunk));
            size = 0;
        }
    }
    if !chunk.is_empty() {
        chunks.push(chunk);
    }
    chunks
}

/// What a word counts toward its chunk's size: its places and pages, and
/// its forms with diacritics.
fn word_size(pages: &[&Page], word: &IndexWord) -> usize {
    let plain: usize = word
        .on
        .iter()
        .filter_map(|&(n, e)| pages[n as usize].entries[e as usize].plain)
        .map(|(text, meta)| text.len() + meta.len() + 1)
        .sum();
    let forms = forms(pages, word);
    let variants: usize = forms.iter().flat_map(|(_, on)| on).map(|(_, _, v)| v.places.len() + v.meta.len() + 1).sum();
    plain + variants + forms.len()
}

/// A word's forms with diacritics in the order they first occur, each with
/// the pages it is on.
fn forms<'p>(pages: &[&'p Page], word: &IndexWord<'p>) -> Vec<(&'p str, On<'p, page::Variant>)> {
    let mut forms: Vec<(&str, On<page::Variant>)> = Vec::new();
    for &(n, i) in &word.on {
        let page = pages[n as usize];
        for v in page.variants_of(&page.entries[i as usize]) {
            let form = page.form(v);
            match forms.iter_mut().find(|(f, _)| *f == form) {
                Some((_, on)) => on.push((n, page, v)),
                None => forms.push((form, vec![(n, page, v)])),
            }
        }
    }
    forms
}

/// Each chunk's first and last word, cut to the shortest prefixes that
/// still tell neighbouring chunks apart; hashes filled in later.
fn chunk_ranges(chunks: &[Vec<IndexWord>]) -> Vec<(String, String, String)> {
    let mut ranges: Vec<(String, String, String)> = chunks
        .iter()
        .map(|c| {
            let first = c.first().map_or("", |w| w.word);
            let last = c.last().map_or("", |w| w.word);
            (first.to_owned(), last.to_owned(), String::new())
        })
        .collect();
    for i in 1..ranges.len() {
        let (to, from) = (&ranges[i - 1].1, &ranges[i].0);
        let common = from.chars().zip(to.chars()).take_while(|(a, b)| a == b).count();
        let to_prefix: String = to.chars().take(common + 1).collect();
        let from_prefix: String = from.chars().take(common + 1).collect();
        // The earlier chunk's end is cut only where it stays after its start.
        if to_prefix >= ranges[i - 1].0 {
            ranges[i - 1].1 = to_prefix;
        }
        ranges[i].0 = from_prefix;
    }
    ranges
}

/// Where a word occurs: page number, page, and its entry (or variant) there.
type On<'p, T> = Vec<(u32, &'p Page, &'p T)>;

/// A chunk of the word index: `[[word, pages, variants], …]`, each page
/// `[page number as delta from the last, places, meta places]`, each
/// variant `[form, pages]`.
fn encode_chunk(pages: &[&Page], chunk: &[IndexWord]) -> Vec<u8> {
    let mut e = Cbor::default();
    e.array(1).array(chunk.len());
    for word in chunk {
        let plain: On<Entry> = word
            .on
            .iter()
            .map(|&(n, i)| (n, pages[n as usize], &pages[n as usize].entries[i as usize]))
            .filter(|(_, _, entry)| entry.plain.is_some())
            .collect();
        e.array(3).str(word.word).array(plain.len());
        let mut last = 0;
        for (n, page, entry) in plain {
            let (text, meta) = entry.plain.unwrap_or_default();
            e.array(3).uint((n - last) as usize).ints(page.places(text)).ints(page.places(meta));
            last = n;
        }
        let forms = forms(pages, word);
        e.array(forms.len());
        for (form, on) in forms {
            e.array(2).str(form).array(on.len());
            let mut last = 0;
            for (n, page, v) in on {
                e.array(3).uint((n - last) as usize).ints(page.places(v.places)).ints(page.places(v.meta));
                last = n;
            }
        }
    }
    e.bytes()
}

/// Each filter, by name, with its values (sorted) and their pages:
/// `[filter, [[value, [page, …]], …]]`.
fn encode_filters(records: &[&Record]) -> Vec<(String, Vec<u8>)> {
    let mut filters: BTreeMap<&str, BTreeMap<&str, Vec<usize>>> = BTreeMap::new();
    for (page, r) in records.iter().enumerate() {
        for (name, values) in &r.filters {
            for value in values {
                filters.entry(name).or_default().entry(value).or_default().push(page);
            }
        }
    }
    filters
        .into_iter()
        .map(|(name, values)| {
            let mut e = Cbor::default();
            e.array(2).str(name).array(values.len());
            for (value, pages) in values {
                e.array(2).str(value).uints(&pages);
            }
            (name.to_owned(), e.bytes())
        })
        .collect()
}

/// Each sort key with the pages that have it, in its order: as numbers
/// when every value is one, else as text.
fn sorts(records: &[&Record]) -> Vec<(String, Vec<usize>)> {
    let keys: std::collections::BTreeSet<&str> =
        records.iter().flat_map(|r| r.sort.keys().map(String::as_str)).collect();
    keys.into_iter()
        .map(|key| {
            let mut values: Vec<(&str, usize)> =
                records.iter().enumerate().filter_map(|(i, r)| r.sort.get(key).map(|v| (v.as_str(), i))).collect();
            let number = |v: &str| v.parse::<i32>().map(|i| i as f32).or_else(|_| v.parse::<f32>()).ok();
            if values.iter().all(|(v, _)| number(v).is_some()) {
                values.sort_by(|a, b| number(a.0).unwrap_or_default().total_cmp(&number(b.0).unwrap_or_default()));
            } else {
                values.sort_by_key(|v| v.0);
            }
            (key.to_owned(), values.into_iter().map(|(_, i)| i).collect())
        })
        .collect()
}

/// CBOR into memory, which cannot fail (hence no results), in definite
/// lengths and shortest forms, as Pagefind's encoder writes it.
struct Cbor(Encoder<Vec<u8>>);

impl Default for Cbor {
    fn default() -> Self {
        Cbor(Encoder::new(Vec::new()))
    }
}

impl Cbor {
    fn array(&mut self, len: usize) -> &mut Self {
        let _ = self.0.array(len as u64);
        self
    }

    fn str(&mut self, s: &str) -> &mut Self {
        let _ = self.0.str(s);
        self
    }

    fn uint(&mut self, n: usize) -> &mut Self {
        let _ = self.0.u64(n as u64);
        self
    }

    fn uints(&mut self, ns: &[usize]) -> &mut Self {
        self.array(ns.len());
        ns.iter().for_each(|&n| _ = self.uint(n));
        self
    }

    fn ints(&mut self, ns: &[i32]) -> &mut Self {
        self.array(ns.len());
        ns.iter().for_each(|&n| _ = self.0.i32(n));
        self
    }

    fn bytes(self) -> Vec<u8> {
        self.0.into_writer()
    }
}

/// Gzipped after Pagefind's signature (its script takes bytes that start
/// with the signature as already decompressed by the server).
pub(super) fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 3), flate2::Compression::new(3));
    let _ = gz.write_all(b"pagefind_dcd").and_then(|()| gz.write_all(bytes));
    gz.finish().unwrap_or_default()
}

/// SHA-1 in hex as Pagefind writes it: each byte without a leading zero.
pub(super) fn full_hash(bytes: &[u8]) -> String {
    let digest = Sha1::digest(bytes);
    let mut out = String::with_capacity(40);
    for b in digest {
        let _ = write!(out, "{b:x}");
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::io::Read as _;

    use super::super::pagefind::{Input, pagefind_files, runtime};
    use super::*;

    /// A record in `language` with `text`, filed under `filters`.
    fn record(url: &str, title: &str, text: &str, language: &str, date: Option<&str>) -> Record {
        let mut r = Record {
            url: url.into(),
            title: title.into(),
            text: text.into(),
            meta: BTreeMap::from([("kind".to_string(), "briefing".to_string())]),
            filters: BTreeMap::from([("type".to_string(), vec!["briefing".to_string()])]),
            sort: BTreeMap::from([("date".to_string(), date.unwrap_or("9999").to_string())]),
            language: language.into(),
        };
        if let Some(d) = date {
            r.meta.insert("date".into(), d.into());
            r.filters.insert("actor".into(), vec![format!("Actor {}", &d[..4]), "Zoë Ålund".into()]);
        }
        r
    }

    /// Words of every kind the splitter treats apart.
    const ODD: &str = "Café crème, naïve Zürich ThreeAntelopes three-antelopes snake_case_words \
        sysconfig.is_python_build page.Find l'alphabet don't COVID-19 2024-01-02 \
        cloud🌦️cannon 👋👨‍👩‍👧‍👦🌾 バックアップ テスト ハ\u{3099}ンド 東京 한국어 WKWebVIEWComponent \
        <b>&amp;</b> https://example.org/a?b=c&d=e ‘quoted’ “double” — … !!! x\u{200B}y \
        Ελληνικά Русский ǅungla ﬁnance İstanbul ß Straße e.g. U.S.A. a.b.c.d 3.14 #hashtag *star* \
        ___PAGEFIND_X ___init__ ÆØÅ æble";

    /// Enough made-up prose to fill several index chunks.
    fn prose(seed: u64, words: usize) -> String {
        const VOCAB: [&str; 24] = [
            "treaty",
            "ceasefire",
            "minister",
            "parliament",
            "négociation",
            "sanctions",
            "embargo",
            "vote",
            "summit",
            "delegation",
            "accord",
            "oil",
            "grain",
            "border",
            "élection",
            "coalition",
            "budget",
            "tariff",
            "reform",
            "protest",
            "court",
            "ruling",
            "appeal",
            "Geneva",
        ];
        let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (0..words)
            .map(|i| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let w = VOCAB[(x >> 33) as usize % VOCAB.len()];
                // Numbers make many distinct words, and so many chunks.
                if i % 5 == 0 { format!("{w}{}", (x >> 40) % 3000) } else { w.to_string() }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn records() -> Vec<Record> {
        let mut out = vec![
            record("/b/odd/", "Café: the odd words", ODD, "en", Some("2024-03-01")),
            record("/b/empty/", "— … !!!", "— … !!!", "en", Some("2023-01-01")),
            record("/a/zoe/", "Zoë Ålund", "Zoë Ålund\nminister of naïve things", "en", None),
        ];
        for i in 0..400u64 {
            let date = format!("20{:02}-0{}-1{}", 10 + i % 15, 1 + i % 9, i % 10);
            let text = format!("Title {i}\n{}", prose(i, 150));
            out.push(record(&format!("/b/{i}/"), &format!("Briefing number {i}"), &text, "en", Some(&date)));
        }
        out.push(record("/fr/b/1/", "Un accord à Genève", "Les négociations reprennent à Genève.", "fr", None));
        out.push(record("/pt-br/b/1/", "Acordo", "Negociações em Brasília", "pt-BR", Some("2022-02-02")));
        // A language whose only record has no word: no index at all.
        out.push(record("/de/b/1/", "!!!", "— … ¡¡", "de", None));
        out
    }

    /// Every file of a bundle, compressed ones opened and their signature
    /// checked.
    fn opened(files: Vec<(String, Vec<u8>)>) -> BTreeMap<String, Vec<u8>> {
        files
            .into_iter()
            .map(|(name, bytes)| {
                if !name.ends_with(".pf_meta") && !name.contains("/") {
                    return (name, bytes);
                }
                let mut out = Vec::new();
                flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out).unwrap();
                assert!(out.starts_with(b"pagefind_dcd"), "{name} lacks the signature");
                (name, out)
            })
            .collect()
    }

    /// Compares dossier's bundle with Pagefind's; returns the number of
    /// index chunks.
    fn compare(records: &[Record], one_language: Option<&str>) -> usize {
        let refs: Vec<Arc<Record>> = records.iter().cloned().map(Arc::new).collect();
        let languages = match one_language {
            Some(l) => std::iter::once(l.to_owned()).collect(),
            None => records.iter().map(|r| r.language.to_ascii_lowercase()).collect(),
        };
        let ours = opened(Indexer::default().bundle(&refs, one_language, &runtime(&languages).unwrap()));
        let theirs = opened(pagefind_files(records.iter().map(Input::of), one_language).unwrap());
        let names = |b: &BTreeMap<String, Vec<u8>>| b.keys().cloned().collect::<Vec<_>>();
        assert_eq!(names(&ours), names(&theirs), "the bundles hold different files");
        for (name, bytes) in &ours {
            assert!(bytes == &theirs[name], "{name} differs from Pagefind's");
        }
        ours.keys().filter(|n| n.starts_with("index/")).count()
    }

    #[test]
    fn the_bundle_is_pagefinds_own_for_the_same_records() {
        assert!(compare(&records(), None) > 3, "too few chunks to test their ranges");
    }

    #[test]
    fn the_bundle_is_pagefinds_own_in_one_language() {
        assert!(compare(&records(), Some("en")) > 2, "too few chunks to test their ranges");
    }

    /// A field only a page without words has is no field of the index.
    #[test]
    fn a_field_only_a_page_left_out_has_is_left_out() {
        let mut records = records()[..3].to_vec();
        records.iter_mut().for_each(|r| _ = r.meta.remove("date"));
        records[1].meta.insert("date".into(), "2023-01-01".into());
        compare(&records, None);
    }

    /// The example site's own records: every kind of page, in each of its
    /// languages, as the build indexes them.
    #[test]
    fn the_example_sites_bundle_is_pagefinds_own() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (site, diags) = crate::load_site(&crate::BuildOptions::new(root));
        let site = site.unwrap_or_else(|| panic!("{diags:?}"));
        let mut records = crate::search::records(&site);
        site.others.iter().for_each(|other| records.extend(crate::search::records(other)));
        assert!(!site.others.is_empty() && records.len() >= 50, "{} records", records.len());
        compare(&records, site.one_language());
    }
}
