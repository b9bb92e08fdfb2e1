//! Social cards: the picture a shared link shows, for every briefing,
//! actor, question and topic page without a picture of its own. Each is
//! the `card.svg` template (themeable like any other) filled with the
//! page's words — the site's name, the title, and for a briefing its key
//! actors with their stances, for an actor its latest stances — drawn as a
//! 1200×630 PNG with fonts compiled in, and cached by its SVG's content.

mod draw;

use std::hash::Hasher;
use std::path::Path;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use crate::images::PictureView;
use crate::output::{Sink, WriteError};
use crate::resolve::{ActorIx, BriefingIx, Entity, Ix, QuestionIx, Site, TopicIx, ix};

/// The template cards are made from.
pub const TEMPLATE: &str = "card.svg";
/// Where drawn cards are kept between builds, under the site's root.
pub const CACHE_DIR: &str = ".dossier-cache/cards";
/// Changes when drawing does (fonts, renderer): every card is drawn again.
const VERSION: &[u8] = b"dossier-cards-2 resvg-0.49 noto-20201225 png-rgb";

/// Lines of the title, and characters in a line, before it is cut short.
const TITLE_LINES: usize = 3;
const LINE_CHARS: usize = 30;

/// One page's card: its SVG (when not drawn yet) and where the PNG goes.
#[derive(Clone)]
struct Card {
    entity: Entity,
    /// None when the cache has it: a big site's SVGs are tens of megabytes.
    svg: Option<String>,
    key: String,
    /// Under the output: `cards/briefings/<id>.<key>.png`.
    rel: String,
    /// Its words, for `og:image:alt`: "Briefing: <title>".
    alt: String,
}

/// Every card of the site.
#[derive(Default)]
pub struct Cards {
    cards: Vec<Card>,
    by_entity: FxHashMap<EntityKey, usize>,
}

/// `Entity` as a map key.
type EntityKey = (u8, usize);

fn entity_key(e: Entity) -> EntityKey {
    match e {
        Entity::Briefing(i) => (0, i.get()),
        Entity::Actor(i) => (1, i.get()),
        Entity::Question(i) => (2, i.get()),
        Entity::Topic(i) => (3, i.get()),
        Entity::Page(i) => (4, i),
        Entity::Author(i) => (5, i.get()),
    }
}

/// What `card.svg` gets as `card`.
#[derive(Serialize)]
struct CardView<'a> {
    /// The site's title.
    site: &'a str,
    /// "Briefing", "Person", "Question", "Topic".
    kind: String,
    /// The title, in at most three lines.
    lines: Vec<String>,
    /// A line under it: a role, a date, a count.
    subtitle: Option<String>,
    /// Up to four rows: a name and a stance.
    items: Vec<Item<'a>>,
    /// 2 for short names side by side (a briefing's actors), 1 for long
    /// ones (an actor's questions).
    columns: u8,
    /// Right to left (the title is Arabic or Hebrew): `direction`, and the
    /// `x` and `anchor` text starts at.
    direction: &'static str,
    x: u32,
    anchor: &'static str,
}

#[derive(Serialize)]
struct Item<'a> {
    name: &'a str,
    stance: Option<StanceView>,
}

#[derive(Serialize)]
struct StanceView {
    key: &'static str,
    label: String,
    mark: &'static str,
}

impl StanceView {
    fn new(s: crate::content::model::Stance, words: &crate::i18n::Words) -> Self {
        StanceView { key: s.as_str(), label: words.stance(s), mark: s.mark() }
    }
}

impl Cards {
    /// Every page's card, its SVG rendered from `tera`'s `card.svg`; pages
    /// whose front matter names a picture have none.
    pub fn prepare(site: &Site, tera: &tera::Tera, root: &Path) -> Result<Cards, Diagnostic> {
        Cards::again(site, tera, root, (&Cards::default(), &|_| None))
    }

    /// [`Cards::prepare`], taking over `old`'s card of each briefing `was`
    /// gives the old index of (a briefing card shows its title, date,
    /// actors' names and stances: its document's, when neither it nor
    /// what it reads changed); other cards show counts and latest
    /// stances, and are made again.
    pub fn again(
        site: &Site,
        tera: &tera::Tera,
        root: &Path,
        (old, was): (&Cards, &(dyn Fn(BriefingIx) -> Option<BriefingIx> + Sync)),
    ) -> Result<Cards, Diagnostic> {
        let cache = root.join(CACHE_DIR);
        let taken = |e: Entity| match e {
            Entity::Briefing(b) => was(b).and_then(|o| old.by_entity.get(&entity_key(Entity::Briefing(o)))),
            _ => None,
        };
        let cards: Vec<Card> = wanted(site)
            .into_par_iter()
            .map(|e| match taken(e) {
                Some(&n) => Ok(Card { entity: e, ..old.cards[n].clone() }),
                None => card(site, tera, e, &cache),
            })
            .collect::<Result<_, _>>()?;
        let by_entity = cards.iter().enumerate().map(|(n, c)| (entity_key(c.entity), n)).collect();
        Ok(Cards { cards, by_entity })
    }

    /// The card of `entity`'s page, as templates see a picture.
    pub fn picture(&self, site: &Site, entity: Entity) -> Option<PictureView> {
        let card = &self.cards[*self.by_entity.get(&entity_key(entity))?];
        let src = site.urls.asset(&card.rel);
        Some(PictureView {
            absolute: site.urls.absolute(&src),
            small: src.clone(),
            src,
            width: 1200,
            height: 630,
            mime: "image/png",
            srcset: None,
            webp_srcset: None,
            alt: card.alt.clone(),
            caption: None,
            credit: None,
        })
    }

    /// Where each card goes, under the output.
    pub fn files(&self) -> impl Iterator<Item = String> + '_ {
        self.cards.iter().map(|c| c.rel.clone())
    }

    /// [`Cards::write`], but the cards `known` already (a card's file
    /// name is its content's digest: the same name, the same picture).
    pub fn write_new(
        &self,
        root: &Path,
        sink: Sink,
        fail: &WriteError,
        known: &(dyn Fn(&str) -> bool + Sync),
    ) -> Result<usize, Diagnostic> {
        let cards = Cards {
            cards: self.cards.iter().filter(|c| !known(&c.rel)).map(Card::clone).collect(),
            ..Cards::default()
        };
        cards.write(root, sink, fail)
    }

    /// Draws (or takes from the cache) every card and hands each to `put`.
    pub fn write(&self, root: &Path, sink: Sink, fail: &WriteError) -> Result<usize, Diagnostic> {
        let cache = root.join(CACHE_DIR);
        let _ = std::fs::create_dir_all(&cache);
        self.cards.par_iter().try_for_each(|card| {
            let file = cache.join(format!("{}.png", card.key));
            let Some(svg) = &card.svg else {
                return sink.put_file(&card.rel, &file).map_err(|e| fail(&card.rel, &e));
            };
            let png = draw::png(svg).map_err(|why| {
                Diagnostic::new(Code::Template, Path::new("templates").join(TEMPLATE), why)
                    .hint("check card.svg: it must be an SVG of a fixed size")
            })?;
            // The cache is a convenience: a read-only site still builds.
            let temp = cache.join(format!(".{}.{}", card.key, std::process::id()));
            if std::fs::write(&temp, &png).is_ok() && std::fs::rename(&temp, &file).is_err() {
                let _ = std::fs::remove_file(&temp);
            }
            sink.put(&card.rel, &png).map_err(|e| fail(&card.rel, &e))
        })?;
        Ok(self.cards.len())
    }
}

/// The entities whose pages have a card: every one's but those whose
/// front matter names a picture (an actor's portrait, a briefing's lead).
fn wanted(site: &Site) -> Vec<Entity> {
    let mut wanted: Vec<Entity> = Vec::new();
    let has = |doc: &Path, image: Option<&crate::content::model::ImageMatter>, role| {
        image.and_then(|m| site.images.get(doc, &m.src, role)).is_some_and(|p| p.mime != "image/svg+xml")
    };
    for (i, b) in ix::all::<BriefingIx>(site.briefings.len()).zip(&site.briefings) {
        if !has(&b.doc.path, b.doc.matter.image.as_deref(), crate::images::Role::Wide) {
            wanted.push(Entity::Briefing(i));
        }
    }
    for (i, a) in ix::all::<ActorIx>(site.actors.len()).zip(&site.actors) {
        if !has(&a.doc.path, a.doc.matter.image.as_ref(), crate::images::Role::Portrait) {
            wanted.push(Entity::Actor(i));
        }
    }
    wanted.extend(ix::all::<QuestionIx>(site.questions.len()).map(Entity::Question));
    wanted.extend(ix::all::<TopicIx>(site.topics.len()).map(Entity::Topic));
    wanted
}

/// `entity`'s card, its SVG rendered.
fn card(site: &Site, tera: &tera::Tera, entity: Entity, cache: &Path) -> Result<Card, Diagnostic> {
    let (section, id, view) = view(site, entity);
    let alt = format!("{}: {}", view.kind, view.lines.join(" "));
    let mut context = tera::Context::new();
    context.insert("card", &view);
    let svg = tera.render(TEMPLATE, &context).map_err(|e| {
        Diagnostic::new(
            Code::Template,
            Path::new("templates").join(TEMPLATE),
            format!("cannot render a social card: {}", crate::render::templates::error_chain(&e)),
        )
        .hint("check the template against the data documented in README.md")
    })?;
    let mut h = fnv::FnvHasher::default();
    h.write(VERSION);
    h.write(svg.as_bytes());
    let key = format!("{:016x}", h.finish());
    // Each language's cards in a folder of its own: two languages'
    // cards may say the same (an untranslated page's).
    let lang = match site.lang {
        0 => String::new(),
        n => format!("{}/", site.languages.list[n].code.to_ascii_lowercase()),
    };
    let rel = format!("{lang}cards/{section}/{id}.{}.png", &key[..10]);
    let svg = (!cache.join(format!("{key}.png")).is_file()).then_some(svg);
    Ok(Card { entity, svg, key, rel, alt })
}

/// A briefing's card items: each actor with a position in it, once, at
/// its first stance (four at most).
fn briefing_items<'s>(site: &'s Site, b: &'s crate::resolve::Briefing) -> Vec<Item<'s>> {
    let mut items: Vec<Item> = Vec::new();
    for p in &b.positions {
        let name = site.actors[p.actor].doc.matter.name.as_str();
        if items.len() < 4 && !items.iter().any(|it| it.name == name) {
            items.push(Item { name, stance: Some(StanceView::new(p.stance, &site.words)) });
        }
    }
    items
}

/// An actor's card items: its latest stances, newest first, one per
/// question (three at most).
fn actor_items(site: &Site, i: crate::resolve::ActorIx) -> Vec<Item<'_>> {
    let mut items: Vec<Item> = Vec::new();
    for r in site.index.actor_positions[i].iter().rev() {
        let p = &site.briefings[r.briefing].positions[r.position];
        let name = match p.question {
            Some(q) => site.questions[q].doc.matter.title.as_str(),
            None => site.briefings[r.briefing].doc.matter.title.as_str(),
        };
        if items.len() < 3 && !items.iter().any(|it| it.name == name) {
            items.push(Item { name, stance: Some(StanceView::new(p.stance, &site.words)) });
        }
    }
    items
}

/// The card's words for `entity`: its section, id and view.
fn view(site: &Site, entity: Entity) -> (&'static str, &str, CardView<'_>) {
    let (ix, w) = (&site.index, &*site.words);
    let (section, id, kind, title, subtitle, items) = match entity {
        Entity::Briefing(i) => {
            let b = &site.briefings[i];
            let items = briefing_items(site, b);
            let subtitle = Some(w.date(&b.doc.matter.date));
            (
                "briefings",
                b.doc.id.as_str(),
                w.get("page-briefing").into_owned(),
                b.doc.matter.title.as_str(),
                subtitle,
                items,
            )
        }
        Entity::Actor(i) => {
            let a = &site.actors[i];
            let m = &a.doc.matter;
            let items = actor_items(site, i);
            let kind =
                w.get(&m.kind.map_or_else(|| "page-actor".to_owned(), |k| format!("kind-{}", k.as_str()))).into_owned();
            ("actors", a.doc.id.as_str(), kind, m.name.as_str(), m.role.clone(), items)
        }
        Entity::Question(i) => {
            let q = &site.questions[i];
            let n = ix.question_positions[i].len();
            let subtitle = Some(w.count("count-positions", n, &[]));
            (
                "questions",
                q.doc.id.as_str(),
                w.get("page-question").into_owned(),
                q.doc.matter.title.as_str(),
                subtitle,
                Vec::new(),
            )
        }
        Entity::Topic(i) => {
            let t = &site.topics[i];
            let n = ix.topic_briefings[i].len();
            let subtitle = Some(w.count("count-briefings", n, &[]));
            ("topics", t.id.as_str(), w.get("page-topic").into_owned(), t.title.as_str(), subtitle, Vec::new())
        }
        Entity::Page(_) | Entity::Author(_) => unreachable!("plain pages and authors have no card"),
    };
    let rtl = right_to_left(title);
    let view = CardView {
        site: &site.config.title,
        kind,
        lines: wrap(title, LINE_CHARS, TITLE_LINES),
        subtitle,
        columns: if matches!(entity, Entity::Briefing(_)) { 2 } else { 1 },
        items,
        direction: if rtl { "rtl" } else { "ltr" },
        x: if rtl { 1120 } else { 80 },
        anchor: if rtl { "end" } else { "start" },
    };
    (section, id, view)
}

/// Whether `text` reads right to left: its first letter is Hebrew or Arabic.
fn right_to_left(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF))
}

/// `text` in lines of at most `width` characters, broken between words
/// (a word longer than a line where it must be), at most `lines` of them;
/// what does not fit ends in "…".
fn wrap(text: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let chars: Vec<char> = word.chars().collect();
        for piece in chars.chunks(width) {
            let len = line.chars().count();
            if len > 0 && len + 1 + piece.len() > width {
                out.push(std::mem::take(&mut line));
            } else if len > 0 {
                line.push(' ');
            }
            line.extend(piece);
        }
    }
    if !line.is_empty() {
        out.push(line);
    }
    if out.len() > lines {
        out.truncate(lines);
        let last = out.last_mut().expect("at least one line");
        let cut: String = last.chars().take(width - 1).collect();
        *last = format!("{}…", cut.trim_end());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_wrap_between_words_and_end_in_an_ellipsis() {
        assert_eq!(
            wrap("Twenty-six countries pledge troops for Ukraine", 30, 3),
            ["Twenty-six countries pledge", "troops for Ukraine"]
        );
        let long = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen";
        let lines = wrap(long, 20, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…') && lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
        assert_eq!(wrap("Суперкалифраджилистикэкспиалидоциозный", 10, 3).len(), 3);
    }

    #[test]
    fn arabic_and_hebrew_titles_read_right_to_left() {
        assert!(right_to_left("ستة وعشرون دولة"));
        assert!(right_to_left("«שלום»"));
        assert!(!right_to_left("Двадцять шість"));
    }
}
