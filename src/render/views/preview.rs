//! An actor's preview card: shown over links to the actor, made once.

use serde::Serialize;
use tera::{Tera, Value};

use super::partials::partial;
use super::shared::Shared;
use super::value;
use crate::diagnostics::Diagnostic;
use crate::resolve::{ActorIx, QuestionIx, Site, Table};

/// Most stances an actor's preview card lists.
const PREVIEW_STANCES: usize = 3;

#[derive(Serialize)]
struct PreviewStance {
    question: Value,
    stance: Value,
    date: Value,
}

#[derive(Serialize)]
struct ActorPreview {
    actor: Value,
    /// The latest stance on each question, newest first.
    stances: Vec<PreviewStance>,
    positions: usize,
    briefings: usize,
}

pub(super) fn preview(
    tera: &Tera,
    site: &Site,
    shared: &Shared,
    a: ActorIx,
    (actors, questions): (&Table<ActorIx, Value>, &Table<QuestionIx, Value>),
) -> Result<Value, Diagnostic> {
    let ix = &site.index;
    let mut stances: Vec<PreviewStance> = Vec::new();
    let mut seen: Vec<QuestionIx> = Vec::new();
    // Positions are oldest first: walking back, the first one met on each
    // question is the latest.
    for r in ix.actor_positions[a].iter().rev() {
        let p = &site.briefings[r.briefing].positions[r.position];
        let Some(q) = p.question.filter(|q| !seen.contains(q)) else { continue };
        seen.push(q);
        stances.push(PreviewStance {
            question: questions[q].clone(),
            stance: shared.stance(p.stance).clone(),
            date: shared.date(&p.date),
        });
        if stances.len() == PREVIEW_STANCES {
            break;
        }
    }
    let view = ActorPreview {
        actor: actors[a].clone(),
        stances,
        positions: ix.actor_positions[a].len(),
        briefings: ix.actor_briefings[a].len() + ix.actor_mentions[a].len(),
    };
    let html = partial(tera, ACTOR_PREVIEW, "a", &view)?;
    Ok(value(&Preview { url: site.urls.actor(&site.actors[a].doc.id), html }))
}

/// An actor's preview card and the URL of the links it belongs to.
#[derive(Serialize)]
struct Preview {
    url: String,
    html: Value,
}

const ACTOR_PREVIEW: &str = "partials/actor_preview.html";
