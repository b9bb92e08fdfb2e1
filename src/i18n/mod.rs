//! The interface's words in the site's language (`language:`): Fluent
//! tables, the built-in ones (`themes/default/i18n/<lang>.ftl`, compiled
//! in) first, then the theme's `i18n/<lang>.ftl`, then the site's own,
//! each replacing the messages it gives. English stands in, message by
//! message, for what the language's tables lack. Fluent does the plural
//! rules (Ukrainian has three forms, Arabic six), which string
//! concatenation cannot.
//!
//! The only module that knows Fluent.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

use crate::codes::Code;
use crate::content::model::{Date, Stance};
use crate::diagnostics::{Diagnostic, Position};

/// The tables that ship, by language.
pub const BUILTIN: &[(&str, &str)] = &[
    ("en", include_str!("../../themes/default/i18n/en.ftl")),
    ("fr", include_str!("../../themes/default/i18n/fr.ftl")),
    ("uk", include_str!("../../themes/default/i18n/uk.ftl")),
    ("ar", include_str!("../../themes/default/i18n/ar.ftl")),
];

/// A message's arguments: names and values (numbers select plural forms).
pub type Args<'a> = FluentArgs<'a>;

/// The interface's words in one language.
pub struct Words {
    /// The language's messages (built-in, theme's, site's).
    bundle: FluentBundle<FluentResource>,
    /// English, for messages the language's tables lack; none for English.
    english: Option<FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Words").field("language", &self.bundle.locales.first()).finish_non_exhaustive()
    }
}

impl Default for Words {
    /// The built-in English words.
    fn default() -> Self {
        Words::builtin("en")
    }
}

impl Words {
    /// The built-in table of `language` alone (English for one with none).
    pub fn builtin(language: &str) -> Words {
        let tag = table_names(language).into_iter().rev().find(|n| builtin(n).is_some()).unwrap_or("en".into());
        let mut bundle = bundle(&tag);
        if let Some(text) = builtin(&tag) {
            bundle.add_resource_overriding(parsed(text));
        }
        let english = (tag != "en").then(|| Words::builtin("en").bundle);
        Words { bundle, english }
    }

    /// The words of `language` for a site at `root` with theme `theme`:
    /// the built-in table, then `themes/<theme>/i18n/`'s, then `i18n/`'s
    /// (`fr.ftl` then `fr-CA.ftl` for `fr-CA`). A table that does not
    /// parse is an error at its line; a language no table covers is a
    /// warning in `warnings`, and English words stand in.
    pub fn load(
        root: &Path,
        theme: &str,
        language: &str,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<Words, Vec<Diagnostic>> {
        let mut words = Words::builtin(language);
        let names = table_names(language);
        let mut found = names.iter().any(|n| builtin(n).is_some());
        let mut problems = Vec::new();
        for dir in [root.join("themes").join(theme).join("i18n"), root.join("i18n")] {
            for name in &names {
                let path = dir.join(format!("{name}.ftl"));
                let Ok(text) = std::fs::read_to_string(&path) else { continue };
                found = true;
                let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                match FluentResource::try_new(text) {
                    Ok(resource) => words.bundle.add_resource_overriding(resource),
                    Err((resource, errors)) => problems.extend(errors.iter().map(|e| {
                        let at = Position::of_offset(resource.source(), visible(resource.source(), e.pos.start));
                        Diagnostic::new(Code::Translation, shown.clone(), format!("this table of words does not parse: {e}"))
                            .at(at)
                            .hint("a message is `name = words`, its further lines indented; see https://projectfluent.org/fluent/guide/")
                    })),
                }
            }
        }
        if !found {
            let table = PathBuf::from("i18n").join(format!("{}.ftl", names[0]));
            warnings.push(
                Diagnostic::new(
                    Code::Untranslated,
                    crate::config::CONFIG_FILE,
                    format!("dossier has no words for the language `{language}`, so its pages use English ones"),
                )
                .hint(format!(
                    "write the interface's words in {} (`dossier theme export default` writes the English table to translate, in themes/default-custom/i18n/en.ftl), or pick a language with built-in words: {}",
                    table.display(),
                    BUILTIN.iter().map(|(l, _)| *l).collect::<Vec<_>>().join(", ")
                )),
            );
        }
        if problems.is_empty() { Ok(words) } else { Err(problems) }
    }

    /// The message `key` with `args`; an error naming it when no table
    /// has it or an argument it needs is missing.
    pub fn format(&self, key: &str, args: Option<&Args>) -> Result<Cow<'_, str>, String> {
        let bundle = [Some(&self.bundle), self.english.as_ref()]
            .into_iter()
            .flatten()
            .find(|b| b.has_message(key))
            .ok_or_else(|| format!("no message `{key}` among the interface's words (i18n/*.ftl)"))?;
        let pattern =
            bundle.get_message(key).and_then(|m| m.value()).ok_or_else(|| format!("message `{key}` has no value"))?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        match errors.first() {
            None => Ok(text),
            Some(e) => Err(format!("message `{key}`: {e}")),
        }
    }

    /// The message `key`, for the built-in keys the build itself uses
    /// (every table has them: tested); the key itself otherwise.
    pub fn get(&self, key: &str) -> Cow<'_, str> {
        self.format(key, None).unwrap_or(Cow::Owned(key.to_owned()))
    }

    /// The message `key` with text arguments (not escaped: for text that
    /// templates escape, such as titles and descriptions).
    pub fn with(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut fluent = Args::new();
        for &(name, value) in args {
            fluent.set(name, value);
        }
        self.format(key, Some(&fluent)).map_or_else(|_| key.to_owned(), Cow::into_owned)
    }

    /// The message `key` with `$n` (a count) and `more` arguments.
    pub fn count(&self, key: &str, n: usize, more: &[(&str, &str)]) -> String {
        let mut args = Args::new();
        args.set("n", n);
        for &(name, value) in more {
            args.set(name, value);
        }
        self.format(key, Some(&args)).map_or_else(|_| key.to_owned(), Cow::into_owned)
    }

    /// Message `key`'s forms for counts a script makes (`$n`), by CLDR
    /// plural category (`one`, `few`, `other`, …, as the browser's
    /// `Intl.PluralRules` names them), `{n}` standing for the count; other
    /// arguments stay as `{name}`. Each form is the message formatted for
    /// a count of that category, the count's digits then put back as `{n}`.
    pub fn forms(&self, key: &str) -> Result<Vec<(&'static str, String)>, String> {
        let language = self.bundle.locales.first().cloned().unwrap_or_default();
        let rules = PluralRules::create(language, PluralRuleType::CARDINAL)?;
        let mut forms: Vec<(&'static str, String)> = Vec::new();
        for n in 0..=200_u32 {
            let category = match rules.select(n)? {
                PluralCategory::ZERO => "zero",
                PluralCategory::ONE => "one",
                PluralCategory::TWO => "two",
                PluralCategory::FEW => "few",
                PluralCategory::MANY => "many",
                PluralCategory::OTHER => "other",
            };
            if forms.iter().any(|(c, _)| *c == category) {
                continue;
            }
            let mut args = Args::new();
            args.set("n", n);
            // The other count a script may give (`search-count-first`).
            args.set("shown", "{shown}");
            let text = self.format(key, Some(&args))?;
            forms.push((category, text.replacen(&n.to_string(), "{n}", 1)));
        }
        Ok(forms)
    }

    /// A date in words: "4 September 2025", "4 septembre 2025",
    /// "4 вересня 2025".
    pub fn date(&self, d: &Date) -> String {
        let mut args = Args::new();
        args.set("day", d.day);
        args.set("month", self.get(&format!("month-{}-of-day", d.month)).into_owned());
        args.set("year", FluentValue::String(d.year.to_string().into()));
        self.format("date", Some(&args)).map_or_else(|_| d.ymd(), Cow::into_owned)
    }

    /// A month's name standing alone: "September", "вересень".
    pub fn month(&self, month: u8) -> String {
        self.get(&format!("month-{}", month.clamp(1, 12))).into_owned()
    }

    /// A month of a year: "September 2025".
    pub fn month_of_year(&self, month: u8, year: u16) -> String {
        let mut args = Args::new();
        args.set("month", self.month(month));
        args.set("year", FluentValue::String(year.to_string().into()));
        self.format("month-of-year", Some(&args)).map_or_else(|_| format!("{month} {year}"), Cow::into_owned)
    }

    /// A stance's word: "Supports", "Soutient".
    pub fn stance(&self, stance: Stance) -> String {
        self.get(&format!("stance-{}", stance.as_str())).into_owned()
    }
}

/// `offset`, or the last character before it that is not white space:
/// Fluent places an error at the end of the file when an entry is left
/// open, and the open entry is where to look.
fn visible(text: &str, offset: usize) -> usize {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    match text.get(offset..).and_then(|rest| rest.chars().next()) {
        Some(c) if !c.is_whitespace() => offset,
        _ => before.trim_end().char_indices().last().map_or(0, |(i, _)| i),
    }
}

/// The file names a language's tables may have, general first: `fr`, then
/// `fr-CA` for `fr-CA` (lowercase, `-` for `_`).
fn table_names(language: &str) -> Vec<String> {
    let tag = language.trim().replace('_', "-");
    let primary = tag.split('-').next().unwrap_or_default().to_ascii_lowercase();
    let mut names = vec![if primary.is_empty() { "en".to_owned() } else { primary }];
    if !tag.eq_ignore_ascii_case(&names[0]) && !tag.is_empty() {
        names.push(tag);
    }
    names
}

fn builtin(name: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(l, _)| l.eq_ignore_ascii_case(name)).map(|(_, t)| *t)
}

/// An empty bundle for `tag`, whose plural rules it uses; placeables are
/// not wrapped in Unicode isolation marks (pages set `dir` themselves).
fn bundle(tag: &str) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = tag.parse().unwrap_or_default();
    let primary = id.language.as_str().to_owned();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    // Counts of thousands grouped as the language writes them (CLDR's
    // separators; Spanish and Polish group from five digits). English is
    // left as dossier always wrote it, so English sites stay as they were.
    let grouping: Option<fn(&FluentValue, &_) -> Option<String>> = match primary.as_str() {
        "fr" => Some(grouped::<'\u{202f}', 4, _>),
        "uk" | "ru" | "cs" | "sk" | "fi" | "sv" | "nb" | "no" => Some(grouped::<'\u{a0}', 4, _>),
        "pl" => Some(grouped::<'\u{a0}', 5, _>),
        "de" | "it" | "nl" | "pt" | "da" | "id" | "tr" => Some(grouped::<'.', 4, _>),
        "es" => Some(grouped::<'.', 5, _>),
        "ar" | "he" | "fa" | "zh" | "ja" | "ko" | "hi" => Some(grouped::<',', 4, _>),
        _ => None,
    };
    bundle.set_formatter(grouping);
    bundle
}

/// A whole number of at least `FROM` digits with `SEP` between each group
/// of three; other values as Fluent writes them.
fn grouped<const SEP: char, const FROM: usize, M>(value: &FluentValue, _: &M) -> Option<String> {
    let FluentValue::Number(n) = value else { return None };
    if n.value.fract() != 0.0 || n.value.abs() >= 1e15 || n.options.minimum_fraction_digits.is_some() {
        return None;
    }
    // Whole and below 10^15: exact as an integer.
    #[allow(clippy::cast_possible_truncation)]
    let digits = (n.value.abs() as u64).to_string();
    if digits.len() < FROM {
        return None;
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * SEP.len_utf8() + 1);
    if n.value < 0.0 {
        out.push('-');
    }
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(SEP);
        }
        out.push(d);
    }
    Some(out)
}

/// A built-in table (they parse: tested).
fn parsed(text: &str) -> FluentResource {
    FluentResource::try_new(text.to_owned()).unwrap_or_else(|(resource, _)| resource)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        let mut keys: Vec<String> = text
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once(" =").map(|(k, _)| k.to_owned()))
            .collect();
        keys.sort();
        keys
    }

    #[test]
    fn every_built_in_table_parses_and_has_every_english_message() {
        let english = keys(builtin("en").unwrap());
        assert!(english.len() > 150, "{}", english.len());
        for (lang, text) in BUILTIN {
            if let Err((_, errors)) = FluentResource::try_new((*text).to_owned()) {
                panic!("{lang}.ftl: {errors:?}");
            }
            let missing: Vec<&String> = english.iter().filter(|k| !keys(text).contains(k)).collect();
            assert!(missing.is_empty(), "{lang}.ftl lacks {missing:?}");
            let extra: Vec<String> = keys(text).into_iter().filter(|k| !english.contains(k)).collect();
            assert!(extra.is_empty(), "{lang}.ftl has messages English lacks: {extra:?}");
        }
    }

    #[test]
    fn ukrainian_counts_take_their_three_forms() {
        let uk = Words::builtin("uk");
        let shown: Vec<String> =
            [1, 2, 5, 11, 21, 22, 25].iter().map(|&n| uk.count("count-briefings", n, &[])).collect();
        assert_eq!(
            shown,
            ["1 брифінг", "2 брифінги", "5 брифінгів", "11 брифінгів", "21 брифінг", "22 брифінги", "25 брифінгів"]
        );
        let en = Words::builtin("en");
        assert_eq!(en.count("count-briefings", 1, &[]), "1 briefing");
        assert_eq!(en.count("count-briefings", 21, &[]), "21 briefings");
    }

    #[test]
    fn thousands_are_grouped_as_the_language_writes_them() {
        assert_eq!(Words::builtin("fr").count("count-briefings", 12_345, &[]), "12\u{202f}345 dossiers");
        assert_eq!(Words::builtin("fr").count("count-briefings", 999, &[]), "999 dossiers");
        assert_eq!(Words::builtin("uk").count("count-briefings", 1021, &[]), "1\u{a0}021 брифінг");
        assert_eq!(Words::builtin("uk").count("count-briefings", 1_000_000, &[]), "1\u{a0}000\u{a0}000 брифінгів");
        assert!(Words::builtin("ar").count("count-briefings", 2500, &[]).contains("2,500"));
        // English as it always was.
        assert_eq!(Words::builtin("en").count("count-briefings", 10_000, &[]), "10000 briefings");
    }

    #[test]
    fn scripts_get_every_plural_form_with_the_count_left_open() {
        let forms = Words::builtin("uk").forms("count-briefings").unwrap();
        let form = |c: &str| forms.iter().find(|(k, _)| *k == c).map(|(_, f)| f.as_str());
        assert_eq!(form("one"), Some("{n} брифінг"));
        assert_eq!(form("few"), Some("{n} брифінги"));
        assert_eq!(form("many"), Some("{n} брифінгів"));
        let en = Words::builtin("en").forms("count-actors").unwrap();
        assert_eq!(en, [("other", "{n} actors".to_owned()), ("one", "{n} actor".to_owned())]);
    }

    #[test]
    fn dates_follow_the_language() {
        let d = Date::parse("2025-09-04").unwrap();
        assert_eq!(Words::builtin("en").date(&d), "4 September 2025");
        assert_eq!(Words::builtin("fr-CA").date(&d), "4 septembre 2025");
        assert_eq!(Words::builtin("uk").date(&d), "4 вересня 2025");
        assert_eq!(Words::builtin("uk").month(9), "Вересень");
        assert_eq!(Words::builtin("en").month_of_year(9, 2025), "September 2025");
    }

    #[test]
    fn a_language_without_a_table_has_english_words() {
        let de = Words::builtin("de");
        assert_eq!(de.get("where-they-stand"), "Where they stand");
        assert!(de.format("no-such-message", None).unwrap_err().contains("no-such-message"));
    }

    #[test]
    fn site_tables_override_messages_and_bad_ones_are_errors_at_their_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("i18n")).unwrap();
        std::fs::write(dir.path().join("i18n/fr.ftl"), "where-they-stand = Les positions\n").unwrap();
        let mut warnings = Vec::new();
        let fr = Words::load(dir.path(), "default", "fr", &mut warnings).unwrap();
        assert_eq!(fr.get("where-they-stand"), "Les positions");
        assert_eq!(fr.get("key-actors"), Words::builtin("fr").get("key-actors"));
        assert!(warnings.is_empty());

        std::fs::write(dir.path().join("i18n/de.ftl"), "key-actors = Hauptakteure\n\nbroken = {\n").unwrap();
        let errors = Words::load(dir.path(), "default", "de-AT", &mut warnings).unwrap_err();
        assert_eq!(errors[0].code, Code::Translation);
        assert_eq!(errors[0].position.map(|p| p.line), Some(3), "{errors:?}");

        let _ = Words::load(dir.path(), "default", "it", &mut warnings).unwrap();
        assert_eq!(warnings[0].code, Code::Untranslated);
    }
}
