//! Which words a piece of text is found by: the rules of Pagefind's
//! indexer (1.6, without its `extended` segmenter), so that the query the
//! browser splits and stems finds what this index holds. The same crates
//! do the same steps (stemming, case splitting, emoji, Unicode
//! normalization); `tests` in `index.rs` compare whole bundles with
//! Pagefind's own.

use std::borrow::Cow;

use convert_case::{Case, Casing};
use pagefind_stem::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_segmentation::UnicodeSegmentation;

/// Characters kept inside a word besides letters and digits (Unicode's
/// "Punctuation, Connector"), as Pagefind keeps them.
pub(super) const WORD_SYMBOLS: [char; 10] = ['_', '‿', '⁀', '⁔', '︳', '︴', '﹍', '﹎', '﹏', '＿'];

/// A katakana run indexes its suffixes up to this many characters.
const KATAKANA_SUFFIX_CHARS: usize = 16;
/// A dotted word indexes its tails up to this many characters.
const DOTTED_TAIL_CHARS: usize = 64;

/// One word to index for a word of text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Indexed {
    /// Lowercased, diacritics taken off, stemmed: what a query matches.
    pub(super) stemmed: String,
    /// The form before its diacritics were taken off, when that differs.
    pub(super) original: Option<String>,
    /// A part of a compound word (`three` of `three-antelopes`): weighs less.
    pub(super) part: bool,
}

/// Splits and stems words of one language, remembering the words of the
/// text it has seen (most words of a site recur: stemming them once is
/// most of the index's time saved).
pub(super) struct Words {
    stemmer: Option<Stemmer>,
    seen: FxHashMap<Box<str>, Box<[Indexed]>>,
}

/// Beyond this many words remembered, start again (bounds the memory a
/// site of many distinct words takes).
const SEEN_MAX: usize = 200_000;

impl Words {
    pub(super) fn new(language: &str) -> Self {
        Words { stemmer: stemmer(language), seen: FxHashMap::default() }
    }

    /// [`Self::of_text`], remembered.
    pub(super) fn of_text_seen(&mut self, raw: &str) -> &[Indexed] {
        if !self.seen.contains_key(raw) {
            if self.seen.len() >= SEEN_MAX {
                self.seen.clear();
            }
            let words = self.of_text(raw).into_boxed_slice();
            self.seen.insert(raw.into(), words);
        }
        &self.seen[raw]
    }

    fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        match &self.stemmer {
            Some(s) => s.stem(word),
            None => Cow::Borrowed(word),
        }
    }

    /// The words a whitespace-free token of page text is indexed under:
    /// the whole word, its compound parts, the compound tails of a dotted
    /// word, katakana suffixes and emoji.
    pub(super) fn of_text(&self, raw: &str) -> Vec<Indexed> {
        let mut words = self.of_meta(raw);
        self.push_dotted_tails(raw, &mut words);
        words
    }

    /// [`Self::of_text`] without dotted tails: what a word of a result's
    /// metadata (its title) is indexed under.
    pub(super) fn of_meta(&self, raw: &str) -> Vec<Indexed> {
        let mut out = Vec::new();
        let normalized = normalize(raw);
        if !normalized.is_empty() {
            out.push(self.whole(&normalized, false));
        }
        for suffix in katakana_suffixes(raw) {
            let plain = strip_diacritics(suffix);
            out.push(Indexed {
                original: plain.as_ref().map(|_| suffix.to_owned()),
                stemmed: plain.unwrap_or_else(|| suffix.to_owned()),
                part: true,
            });
        }
        if !maybe_compound(raw) {
            return out;
        }
        let parts = raw.replace(|c: char| c.is_ascii_punctuation(), " ").to_case(Case::Lower);
        let parts: Vec<&str> = parts.split_whitespace().collect();
        // Parts are indexed when the word splits, or when its one part is
        // not how the whole word starts (`'quoted'`).
        let split = parts.len() > 1 || parts.first().is_some_and(|p| !normalized.starts_with(p));
        if !normalized.is_empty() && split {
            for part in parts.iter().filter(|p| p.len() > 1) {
                let plain = strip_diacritics(part);
                let stemmed = self.stem(plain.as_deref().unwrap_or(part)).into_owned();
                out.push(Indexed { stemmed, original: plain.map(|_| (*part).to_owned()), part: true });
            }
        }
        // Only a word with an emoji-like character can hold an emoji.
        if !raw.is_ascii() || raw.contains(['#', '*']) || raw.contains(|c: char| c.is_ascii_digit()) {
            out.extend(raw.graphemes(true).filter(|g| emojis::get(g).is_some()).map(|g| Indexed {
                stemmed: g.to_owned(),
                original: None,
                part: false,
            }));
        }
        out
    }

    /// `normalized`, its diacritics off, stemmed.
    fn whole(&self, normalized: &str, part: bool) -> Indexed {
        let plain = strip_diacritics(normalized);
        let stemmed = self.stem(plain.as_deref().unwrap_or(normalized)).into_owned();
        Indexed { stemmed, original: plain.map(|_| normalized.to_owned()), part }
    }

    /// `sysconfig.is_python_build` is also found as `is_python_build`:
    /// each compound tail after a dot, unless already indexed.
    fn push_dotted_tails(&self, raw: &str, words: &mut Vec<Indexed>) {
        if !raw.contains('.') {
            return;
        }
        let mut seen: FxHashSet<String> = words.iter().map(|w| w.stemmed.clone()).collect();
        for (i, _) in raw.match_indices('.') {
            let rest = &raw[i + 1..];
            let tail = rest.char_indices().nth(DOTTED_TAIL_CHARS).map_or(rest, |(end, _)| &rest[..end]);
            // A plain tail is indexed already, as the last compound part.
            if !maybe_compound(tail) {
                continue;
            }
            let normalized = normalize(tail);
            if normalized.chars().count() < 2 {
                continue;
            }
            let word = self.whole(&normalized, true);
            if seen.insert(word.stemmed.clone()) {
                words.push(word);
            }
        }
    }
}

/// A word with a non-alphanumeric character, or a capital after its first
/// letter, may be a compound (`three-antelopes`, `ThreeAntelopes`).
fn maybe_compound(word: &str) -> bool {
    word.chars().any(|c| !c.is_alphanumeric()) || word.chars().skip(1).any(char::is_uppercase)
}

/// Letters, digits and word symbols, lowercased.
fn normalize(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_alphanumeric() || WORD_SYMBOLS.contains(&c) {
            // Only uppercase letters change (a titlecase `ǅ` stays).
            if c.is_uppercase() {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        }
    }
    out
}

/// `café` → `cafe` (the query is stripped alike); `None` when nothing
/// changes. Kana sound marks stay (they tell words apart) and are composed
/// again; everything else stays decomposed (a half-typed Hangul syllable
/// is then a prefix of the word).
fn strip_diacritics(word: &str) -> Option<String> {
    if word.is_ascii() || !decomposes(word) {
        return None;
    }
    let kana_mark = |c: char| matches!(c, '\u{3099}' | '\u{309A}');
    let stripped: String = word.nfd().filter(|&c| !is_combining_mark(c) || kana_mark(c)).collect();
    let stripped = if stripped.chars().any(kana_mark) { stripped.nfc().collect() } else { stripped };
    (stripped != word).then_some(stripped)
}

fn decomposes(word: &str) -> bool {
    word.chars().any(|c| {
        let mut changes = is_combining_mark(c);
        decompose_canonical(c, |part| changes |= part != c);
        changes
    })
}

/// Katakana, the prolonged sound mark and their halfwidth forms.
fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

/// A katakana compound (`バックアップ`) is found by each suffix, so that a
/// query for a later part matches by prefix.
fn katakana_suffixes(word: &str) -> Vec<&str> {
    if word.chars().count() < 3 || !word.chars().all(is_katakana) {
        return Vec::new();
    }
    let mut seen = FxHashSet::default();
    let mut out = Vec::new();
    for (i, _) in word.char_indices().skip(1) {
        let rest = &word[i..];
        let suffix = rest.char_indices().nth(KATAKANA_SUFFIX_CHARS).map_or(rest, |(end, _)| &rest[..end]);
        if suffix.chars().count() >= 2 && seen.insert(suffix) {
            out.push(suffix);
        }
    }
    out
}

/// The Snowball stemmer Pagefind's browser side uses for `language`.
fn stemmer(language: &str) -> Option<Stemmer> {
    let algorithm = match language.split('-').next().unwrap_or_default() {
        "ar" => Algorithm::Arabic,
        "hy" => Algorithm::Armenian,
        "eu" => Algorithm::Basque,
        "ca" => Algorithm::Catalan,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "eo" => Algorithm::Esperanto,
        "et" => Algorithm::Estonian,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hi" => Algorithm::Hindi,
        "hu" => Algorithm::Hungarian,
        "id" => Algorithm::Indonesian,
        "ga" => Algorithm::Irish,
        "it" => Algorithm::Italian,
        "lt" => Algorithm::Lithuanian,
        "nb" | "nn" | "no" => Algorithm::Norwegian,
        "ne" => Algorithm::Nepali,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sr" => Algorithm::Serbian,
        "pl" => Algorithm::Polish,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        "yi" => Algorithm::Yiddish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(words: &Words, raw: &str) -> Vec<(String, bool)> {
        words.of_text(raw).into_iter().map(|w| (w.stemmed, w.part)).collect()
    }

    #[test]
    fn compounds_are_found_whole_and_by_part() {
        let en = Words::new("en");
        let expected = vec![("threeantelop".into(), false), ("three".into(), true), ("antelop".into(), true)];
        assert_eq!(stems(&en, "ThreeAntelopes"), expected);
        assert_eq!(stems(&en, "three-antelopes"), expected);
        // `_` joins a word (Pagefind's word symbols); the parts still split.
        let snake = stems(&en, "three_antelopes");
        assert_eq!(snake[0], ("three_antelop".into(), false));
        assert_eq!(snake[1..], expected[1..]);
        assert_eq!(stems(&en, "hello"), vec![("hello".into(), false)]);
    }

    #[test]
    fn diacritics_come_off_and_the_original_is_kept() {
        let fr = Words::new("fr");
        let words = fr.of_text("café-crème");
        assert_eq!(words[0].stemmed, "cafecrem");
        assert_eq!(words[0].original.as_deref(), Some("cafécrème"));
        assert_eq!((words[1].stemmed.as_str(), words[1].original.as_deref()), ("caf", Some("café")));
        assert_eq!(strip_diacritics("ハ\u{3099}ント\u{3099}").as_deref(), Some("バンド"));
        assert_eq!(strip_diacritics("東京"), None);
    }

    #[test]
    fn dotted_words_add_their_compound_tails() {
        let none = Words::new("unknown");
        let words = stems(&none, "sysconfig.is_python_build");
        assert!(words.contains(&("is_python_build".into(), true)), "{words:?}");
        assert!(words.contains(&("sysconfig".into(), true)), "{words:?}");
    }

    #[test]
    fn katakana_and_emoji() {
        assert_eq!(katakana_suffixes("バックアップ"), vec!["ックアップ", "クアップ", "アップ", "ップ"]);
        let words = stems(&Words::new("en"), "cloud🌦️cannon");
        assert!(words.contains(&("🌦️".into(), false)), "{words:?}");
    }
}
