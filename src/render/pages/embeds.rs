//! What directives in bodies place (`::figure`, `::actor`, `::position`,
//! `::stances`), rendered through `partials/embed.html` once per body
//! before pages are, and spliced into the body where its page shows it.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use tera::{Tera, Value};

use super::history::{By, Grouped, History, Tally, tally};
use crate::content::model::ImageMatter;
use crate::diagnostics::Diagnostic;
use crate::images::{PictureView, Role};
use crate::markdown::{Embed, Rendered};
use crate::render::views::{Ctx, Refs, render_partial};
use crate::resolve::{ActorIx, BriefingIx, Entity, Ix, PositionRef, QuestionIx, Site};

const EMBED: &str = "partials/embed.html";

/// Each body's embeds as HTML, in order, for the bodies that have any.
pub(in crate::render) type Embeds = HashMap<Entity, Vec<String>>;

/// The embeds of every body of `site`.
pub(in crate::render) fn render_all(site: &Site, tera: &Tera, refs: &Refs) -> Result<Embeds, Diagnostic> {
    let with = site.entities().filter(|&e| !site.body(e).embeds.is_empty()).collect::<Vec<_>>();
    with.into_par_iter().map(|e| Ok((e, render(site, tera, refs, e)?))).collect()
}

/// The embeds of `entity`'s body.
pub(in crate::render) fn render(
    site: &Site,
    tera: &Tera,
    refs: &Refs,
    entity: Entity,
) -> Result<Vec<String>, Diagnostic> {
    let ctx = Ctx { site, refs };
    let body = site.body(entity);
    body.embeds
        .iter()
        .map(|embed| {
            let html = render_partial(tera, EMBED, "embed", view(&ctx, entity, embed))?;
            Ok(html.as_str().unwrap_or_default().to_owned())
        })
        .collect()
}

/// The body's HTML with its embeds in place (the body itself when it has none).
pub(super) fn spliced<'a>(ctx: &Ctx<'a>, entity: Entity, body: &'a Rendered) -> std::borrow::Cow<'a, str> {
    let embeds = ctx.refs.embeds.get(&entity);
    let html = body.html.text();
    match crate::markdown::splice(&html, |n| embeds.and_then(|e| e.get(n)).map(String::as_str)) {
        std::borrow::Cow::Borrowed(_) => html,
        std::borrow::Cow::Owned(spliced) => std::borrow::Cow::Owned(spliced),
    }
}

/// What `partials/embed.html` gets as `embed`: `kind`, and that kind's fields.
#[derive(Serialize, Default)]
struct View<'a> {
    kind: &'static str,
    /// `figure`: the picture (its alt, credit) and the caption (HTML).
    image: Option<PictureView>,
    caption: Option<Value>,
    /// `actor`: the actor, with its `card`.
    actor: Option<&'a Value>,
    /// `position`: the position, with its `html`.
    position: Option<Value>,
    /// `stances`: the question, a history per actor (the first
    /// `positions_per_page`), the tally of latest stances, and how many
    /// actors are left to the question's page.
    question: Option<&'a Value>,
    histories: Vec<History<'a>>,
    tally: Vec<Tally<'a>>,
    more: usize,
}

fn view(ctx: &Ctx, entity: Entity, embed: &Embed) -> Value {
    let (site, refs) = (ctx.site, ctx.refs);
    let view = match embed {
        Embed::Figure { src, alt, caption, credit } => {
            let matter = ImageMatter { src: src.clone(), alt: alt.clone(), caption: None, credit: credit.clone() };
            View {
                kind: "figure",
                image: site.file(entity).and_then(|p| site.images.value(p, Some(&matter), Role::Wide, &site.urls)),
                caption: caption.as_deref().map(Value::safe_string),
                ..View::default()
            }
        }
        &Embed::Actor(a) => View { kind: "actor", actor: Some(&refs.actors[ActorIx::new(a)]), ..View::default() },
        &Embed::Position { briefing, position } => {
            let r = PositionRef { briefing: BriefingIx::new(briefing), position };
            View { kind: "position", position: Some(refs.position(site, r)), ..View::default() }
        }
        &Embed::Stances(q) => {
            let q = QuestionIx::new(q);
            let all = &site.index.question_positions[q];
            let grouped = Grouped::new(site, all, By::Actor);
            let rows = grouped.len().min(site.config.positions_per_page);
            View {
                kind: "stances",
                question: Some(&refs.questions[q]),
                histories: grouped.histories(ctx, 0..rows, (0..0, &[])),
                tally: tally(refs, grouped.stances()),
                more: grouped.len() - rows,
                ..View::default()
            }
        }
    };
    crate::render::views::value(&view)
}
