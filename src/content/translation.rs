//! Translations of content: `summit.fr.md` beside `summit.md` (or
//! `index.fr.md` beside a bundle's `index.md`) carries the briefing's words
//! in French — title, summary, body, what its positions say — and takes
//! every fact from the original: actors, questions, stances, dates,
//! sources, topics. A position is never counted twice, and a translation
//! that adds or contradicts a fact is an error naming both files.

use std::path::Path;

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::model::{Date, Id, PositionMatter, Stance};
use super::yaml::Seg;
use super::{Bodies, Content, Document, Kind};
use crate::codes::Code;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// One translation file, loaded.
#[derive(Debug, Clone)]
pub struct Translation {
    /// The language it is in, as `languages:` names it.
    pub language: String,
    /// The kind of what it translates (the folder it is in).
    pub kind: Kind,
    /// Its front matter; `doc.id` is the original's id.
    pub doc: Document<TranslationMatter>,
    /// Its Markdown body.
    pub body: String,
}

/// A translation's front matter: words only. The facts of every kind are
/// named so that a translation giving one is told where facts live,
/// rather than that the field is unknown.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationMatter {
    /// A briefing's, question's, topic's or page's title.
    pub title: Option<String>,
    /// An actor's or author's name (as the language writes it).
    pub name: Option<String>,
    /// An actor's or author's role.
    pub role: Option<String>,
    /// A briefing's, question's or page's summary.
    pub summary: Option<String>,
    /// A topic's description.
    pub description: Option<String>,
    /// An author's short biography.
    pub bio: Option<String>,
    /// An actor's other names in the language (for wikilinks by name).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A briefing's positions in the original's order: what each says.
    #[serde(default)]
    pub positions: Vec<PositionWords>,
    /// A briefing's, actor's or author's picture: what its words say (the
    /// file is the original's).
    pub image: Option<ImageWords>,
    /// A briefing's corrections in the original's order: what each says.
    #[serde(default)]
    pub corrections: Vec<NoticeWords>,
    /// A briefing's updates in the original's order: what each says.
    #[serde(default)]
    pub updates: Vec<NoticeWords>,
    /// When the translation was last brought up to date with the original.
    pub updated: Option<Date>,
    date: Option<IgnoredAny>,
    actors: Option<IgnoredAny>,
    topics: Option<IgnoredAny>,
    sources: Option<IgnoredAny>,
    kind: Option<IgnoredAny>,
    affiliations: Option<IgnoredAny>,
    authors: Option<IgnoredAny>,
    status: Option<IgnoredAny>,
    links: Option<IgnoredAny>,
    publish_date: Option<IgnoredAny>,
    expiry_date: Option<IgnoredAny>,
    editorial: Option<IgnoredAny>,
    redirect_from: Option<IgnoredAny>,
    draft: Option<IgnoredAny>,
    nav: Option<IgnoredAny>,
    extra: Option<IgnoredAny>,
}

/// What one of a briefing's positions says in the translation. Its facts
/// may be repeated (a translator copying the block) but must be the
/// original's.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionWords {
    /// What the position is, in the language.
    pub summary: Option<String>,
    /// The quote in the language: shown as a translation beside the
    /// original wording, never as if it were verbatim.
    pub quote: Option<String>,
    actor: Option<Id>,
    question: Option<Id>,
    stance: Option<Stance>,
    date: Option<Date>,
    sources: Option<Vec<Id>>,
}

/// The words of a picture in the translation's language; the file stays
/// the original's (a field `src` is refused as unknown).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageWords {
    /// What it shows.
    pub alt: Option<String>,
    /// Shown under it.
    pub caption: Option<String>,
    /// Who made it.
    pub credit: Option<String>,
}

impl ImageWords {
    /// Puts these words on `image`.
    fn lay_over(self, image: &mut super::model::ImageMatter) {
        words(&mut image.alt, self.alt);
        maybe(&mut image.caption, self.caption);
        maybe(&mut image.credit, self.credit);
    }
}

/// What one of a briefing's corrections or updates says in the
/// translation; its date (and a correction's position) may be repeated,
/// but must be the original's.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeWords {
    /// What it says, in the language (inline Markdown).
    pub text: Option<String>,
    date: Option<Date>,
    position: Option<usize>,
}

impl TranslationMatter {
    /// The facts it gives, by field name.
    fn facts(&self) -> Vec<&'static str> {
        let given = [
            ("date", self.date.is_some()),
            ("actors", self.actors.is_some()),
            ("topics", self.topics.is_some()),
            ("sources", self.sources.is_some()),
            ("kind", self.kind.is_some()),
            ("affiliations", self.affiliations.is_some()),
            ("authors", self.authors.is_some()),
            ("status", self.status.is_some()),
            ("links", self.links.is_some()),
            ("publish_date", self.publish_date.is_some()),
            ("expiry_date", self.expiry_date.is_some()),
            ("editorial", self.editorial.is_some()),
            ("redirect_from", self.redirect_from.is_some()),
            ("draft", self.draft.is_some()),
            ("nav", self.nav.is_some()),
            ("extra", self.extra.is_some()),
        ];
        given.into_iter().filter(|&(_, g)| g).map(|(f, _)| f).collect()
    }
}

/// "a briefing", "an actor".
fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {noun}")
}

/// The words fields a translation of `kind` may give.
fn words_of(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Briefing => &["title", "summary", "image", "positions", "corrections", "updates", "updated"],
        Kind::Actor => &["name", "role", "aliases", "image", "updated"],
        Kind::Question | Kind::Page => &["title", "summary", "updated"],
        Kind::Topic => &["title", "description", "updated"],
        Kind::Author => &["name", "role", "bio", "image", "updated"],
    }
}

/// The language of a translation file named `name` (`summit.fr.md`,
/// `index.fr.md`), if its last dot-part before `.md` is one of
/// `languages` (lowercase); and the name of the original's stem.
pub fn language_of<'n>(name: &'n str, languages: &[String]) -> Option<(&'n str, String)> {
    let stem = name.strip_suffix(".md")?;
    let (original, code) = stem.rsplit_once('.')?;
    let code = code.to_ascii_lowercase();
    (languages.contains(&code) && !original.is_empty()).then_some((original, code))
}

/// Checks every translation against its original: that there is one, and
/// that the translation gives words only, its positions matching the
/// original's one for one.
pub fn check(content: &Content, diags: &mut Diagnostics) {
    let originals = content.by_id();
    for t in &content.translations {
        // A draft left out, or a file that did not load (its own error says why).
        let unseen = content.draft_briefings.contains(&t.doc.id) && t.kind == Kind::Briefing
            || content.draft_pages.contains(&t.doc.id) && t.kind == Kind::Page
            || content.broken.iter().any(|(k, id)| *k == t.kind && *id == t.doc.id);
        if unseen {
            continue;
        }
        let Some(&(index, original)) = originals.get(&(t.kind, &t.doc.id)) else {
            diags.push(
                Diagnostic::new(
                    Code::Translated,
                    &t.doc.path,
                    format!("a translation of nothing: there is no {} `{}`", t.kind.noun(), t.doc.id),
                )
                .at(crate::diagnostics::Position::new(1, 1))
                .hint(
                    "a translation sits beside its original with the language before `.md`: summit.md and summit.fr.md",
                ),
            );
            continue;
        };
        let m = &t.doc.matter;
        let facts = m.facts();
        let mut given: Vec<&str> = facts.clone();
        let words = [
            ("title", m.title.is_some()),
            ("name", m.name.is_some()),
            ("role", m.role.is_some()),
            ("summary", m.summary.is_some()),
            ("description", m.description.is_some()),
            ("bio", m.bio.is_some()),
            ("aliases", !m.aliases.is_empty()),
            ("positions", !m.positions.is_empty()),
            ("corrections", !m.corrections.is_empty()),
            ("updates", !m.updates.is_empty()),
            ("image", m.image.is_some()),
        ];
        given.extend(words.iter().filter(|(f, g)| *g && !words_of(t.kind).contains(f)).map(|(f, _)| *f));
        for field in given {
            let fact = facts.contains(&field);
            let message = match fact {
                true => format!(
                    "a translation gives words only: `{field}` is a fact, the original's ({})",
                    original.display()
                ),
                false => format!("{} has no `{field}` to translate", with_article(t.kind.noun())),
            };
            diags.push(t.doc.problem_at(Code::Translated, &[Seg::Key(field)], message).hint(format!(
                "remove it; {}'s translation may give {}",
                with_article(t.kind.noun()),
                words_of(t.kind).iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
            )));
        }
        if t.kind == Kind::Briefing {
            check_briefing(t, &content.briefings[index].matter, original, diags);
        }
    }
}

/// A briefing's translation against the original `b` (at `path`): its
/// positions, corrections and updates one for one.
fn check_briefing(t: &Translation, b: &super::model::BriefingMatter, path: &Path, diags: &mut Diagnostics) {
    let m = &t.doc.matter;
    check_positions(t, &b.positions, path, diags);
    let corrections: Vec<_> = b.corrections.iter().map(|c| (&c.date, c.position)).collect();
    check_notices(t, "corrections", &m.corrections, &corrections, path, diags);
    let updates: Vec<_> = b.updates.iter().map(|u| (&u.date, None)).collect();
    check_notices(t, "updates", &m.updates, &updates, path, diags);
}

/// The translation's corrections or updates (`field`) against the
/// original's (`date` and position of each): no more of them, and any
/// fact repeated the same.
fn check_notices(
    t: &Translation,
    field: &'static str,
    words: &[NoticeWords],
    original: &[(&Date, Option<usize>)],
    path: &Path,
    diags: &mut Diagnostics,
) {
    let noun = field.trim_end_matches('s');
    for (n, w) in words.iter().enumerate() {
        let Some(&(date, position)) = original.get(n) else {
            let message = format!(
                "{noun} {} is not in the original: {} has {} {}",
                n + 1,
                path.display(),
                original.len(),
                if original.len() == 1 { noun } else { field }
            );
            let d = t.doc.problem_at(Code::Translated, &[Seg::Key(field), Seg::Index(n)], message);
            diags.push(d.hint(format!("a translation says what the original's {field} say, in their order")));
            continue;
        };
        let differs = [
            ("date", w.date.as_ref().is_some_and(|d| d != date)),
            ("position", w.position.is_some_and(|p| Some(p) != position)),
        ];
        for (fact, _) in differs.into_iter().filter(|&(_, d)| d) {
            let message = format!(
                "{noun} {}'s `{fact}` is not the original's ({}): facts come from the original",
                n + 1,
                path.display()
            );
            let at = [Seg::Key(field), Seg::Index(n), Seg::Key(fact)];
            diags.push(
                t.doc
                    .problem_at(Code::Translated, &at, message)
                    .hint("remove the field from the translation, or change the original if the fact changed"),
            );
        }
    }
}

/// The translation's positions against the original's: no more of them,
/// and any fact repeated the same.
fn check_positions(t: &Translation, original: &[PositionMatter], path: &Path, diags: &mut Diagnostics) {
    for (n, words) in t.doc.matter.positions.iter().enumerate() {
        let at = |field: &'static str| [Seg::Key("positions"), Seg::Index(n), Seg::Key(field)];
        let Some(p) = original.get(n) else {
            let d = t.doc.problem_at(
                Code::Translated,
                &[Seg::Key("positions"), Seg::Index(n)],
                format!(
                    "position {} is not in the original: {} has {} position{}",
                    n + 1,
                    path.display(),
                    original.len(),
                    if original.len() == 1 { "" } else { "s" }
                ),
            );
            diags.push(d.hint(
                "a translation says what the original's positions say, in their order; add a position to the original",
            ));
            continue;
        };
        let differs = [
            ("actor", words.actor.as_ref().is_some_and(|a| *a != p.actor)),
            ("question", words.question.as_ref().is_some_and(|q| Some(q) != p.question.as_ref())),
            ("stance", words.stance.is_some_and(|s| s != p.stance)),
            ("date", words.date.as_ref().is_some_and(|d| Some(d) != p.date.as_ref())),
            ("sources", words.sources.as_ref().is_some_and(|s| *s != p.sources)),
        ];
        for (field, _) in differs.into_iter().filter(|&(_, d)| d) {
            let message = format!(
                "position {}'s `{field}` is not the original's ({}): facts come from the original",
                n + 1,
                path.display()
            );
            diags.push(
                t.doc
                    .problem_at(Code::Translated, &at(field), message)
                    .hint("remove the field from the translation, or change the original if the fact changed"),
            );
        }
    }
}

/// The content as the pages in `language` show it: each document with a
/// translation in the language takes its words (and body), every fact
/// staying the original's; the others stay as they are, shown in the
/// default language. Old addresses are the default language's alone, so
/// they are dropped. The translations stay: wikilinks by an actor's name in
/// any language work in every language's pages.
pub fn overlay(content: &Content, bodies: &Bodies, language: &str) -> (Content, Bodies) {
    let mut content = content.clone();
    let mut bodies = bodies.clone();
    let originals = content.by_id();
    let found: Vec<(usize, std::path::PathBuf, Translation)> = content
        .translations
        .iter()
        .filter(|t| t.language == language)
        .filter_map(|t| originals.get(&(t.kind, &t.doc.id)).map(|&(i, path)| (i, path.to_path_buf(), t.clone())))
        .collect();
    drop(originals);
    for (i, original, t) in found {
        content.laid_over.push((t.doc.path.clone(), original));
        lay_over(&mut content, &mut bodies, i, t);
    }
    for b in &mut content.briefings {
        b.matter.aliases.clear();
    }
    for a in &mut content.actors {
        a.matter.redirect_from.clear();
    }
    content.questions.iter_mut().for_each(|d| d.matter.aliases.clear());
    content.topics.iter_mut().for_each(|d| d.matter.aliases.clear());
    content.pages.iter_mut().for_each(|d| d.matter.aliases.clear());
    content.authors.iter_mut().for_each(|d| d.matter.aliases.clear());
    (content, bodies)
}

/// Puts translation `t`'s words and body in place of those of document
/// `i` of its kind.
fn lay_over(content: &mut Content, bodies: &mut Bodies, i: usize, t: Translation) {
    locate(content, i, &t);
    let m = t.doc.matter;
    match t.kind {
        Kind::Briefing => {
            briefing_words(&mut content.briefings[i].matter, m);
            bodies.briefings[i] = t.body.into();
        }
        Kind::Actor => {
            actor_words(&mut content.actors[i].matter, m);
            bodies.actors[i] = t.body.into();
        }
        Kind::Question => {
            let q = &mut content.questions[i].matter;
            words(&mut q.title, m.title);
            maybe(&mut q.summary, m.summary);
            bodies.questions[i] = t.body.into();
        }
        Kind::Topic => {
            let q = &mut content.topics[i].matter;
            words(&mut q.title, m.title);
            maybe(&mut q.description, m.description);
            bodies.topics[i] = t.body.into();
        }
        Kind::Page => {
            let q = &mut content.pages[i].matter;
            words(&mut q.title, m.title);
            maybe(&mut q.summary, m.summary);
            bodies.pages[i] = t.body.into();
        }
        Kind::Author => {
            let q = &mut content.authors[i].matter;
            if let (Some(words), Some(image)) = (m.image, q.image.as_mut()) {
                words.lay_over(image);
            }
            words(&mut q.name, m.name);
            maybe(&mut q.role, m.role);
            maybe(&mut q.bio, m.bio);
            bodies.authors[i] = t.body.into();
        }
    }
}

/// `to` takes the translation's words, if it gives them.
fn words(to: &mut String, from: Option<String>) {
    if let Some(w) = from {
        *to = w;
    }
}

/// An optional field takes the translation's words, if it gives them.
fn maybe(to: &mut Option<String>, from: Option<String>) {
    if from.is_some() {
        *to = from;
    }
}

/// A briefing's translated words: title, summary, and what its
/// positions, corrections and updates say (a translated quote keeps the
/// words as said beside it).
fn briefing_words(b: &mut super::model::BriefingMatter, m: TranslationMatter) {
    words(&mut b.title, m.title);
    if let (Some(words), Some(image)) = (m.image, b.image.as_deref_mut()) {
        words.lay_over(image);
    }
    maybe(&mut b.summary, m.summary);
    for (p, w) in b.positions.iter_mut().zip(m.positions) {
        maybe(&mut p.summary, w.summary);
        if w.quote.is_some() {
            p.original_quote = std::mem::replace(&mut p.quote, w.quote);
        }
    }
    for (c, w) in b.corrections.iter_mut().zip(m.corrections) {
        words(&mut c.text, w.text);
    }
    for (u, w) in b.updates.iter_mut().zip(m.updates) {
        words(&mut u.text, w.text);
    }
}

/// Document `i` of `t`'s kind, located as `t` (see [`Document::located_as`]).
fn locate(content: &mut Content, i: usize, t: &Translation) {
    match t.kind {
        Kind::Briefing => content.briefings[i].located_as(&t.doc),
        Kind::Actor => content.actors[i].located_as(&t.doc),
        Kind::Question => content.questions[i].located_as(&t.doc),
        Kind::Topic => content.topics[i].located_as(&t.doc),
        Kind::Page => content.pages[i].located_as(&t.doc),
        Kind::Author => content.authors[i].located_as(&t.doc),
    }
}

/// An actor's translated name, role and other names; its names in the
/// default language stay for wikilinks (a translated body may use them).
fn actor_words(a: &mut super::model::ActorMatter, m: TranslationMatter) {
    if let (Some(words), Some(image)) = (m.image, a.image.as_mut()) {
        words.lay_over(image);
    }
    let mut other = std::mem::replace(&mut a.aliases, m.aliases);
    if let Some(name) = m.name {
        other.push(std::mem::replace(&mut a.name, name));
    }
    a.other_names = other;
    maybe(&mut a.role, m.role);
}
