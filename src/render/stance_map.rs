//! The stance map on `/questions/`: actors × questions, each cell the
//! actor's latest stance on the question, its date, a link to its source
//! and a marker when the stance changed. Rows carry the actor's kind and
//! columns their topics, so the page can filter without a server.
//!
//! A matrix of every actor and question stops being readable long before
//! a big site runs out of either, so the map shows the questions with the
//! most positions and the actors with the most positions on them; each
//! question's own page lists every actor.

use std::collections::HashMap;

use serde::Serialize;
use tera::Value;

use super::views::{Ctx, value};
use crate::content::model::{ActorKind, Stance};
use crate::resolve::{ActorIx, PositionRef, QuestionIx, TopicIx, ix};

/// Most questions (columns) and actors (rows) the map shows.
pub(super) const MAP_QUESTIONS: usize = 16;
pub(super) const MAP_ACTORS: usize = 40;

#[derive(Serialize)]
struct Column {
    question: Value,
    /// Topic ids of the briefings with positions on it, for the filter.
    topics: Vec<String>,
}

#[derive(Serialize)]
struct Row {
    actor: Value,
    kind: &'static str,
    cells: Vec<Option<Cell>>,
}

#[derive(Serialize)]
struct Cell {
    stance: Value,
    date: Value,
    /// The first source behind the latest position: its own address when
    /// it has one, else its entry in the briefing's source list.
    source_url: String,
    source_title: String,
    briefing_url: String,
    /// The stance before the latest change, when it changed over time.
    was: Option<Value>,
    /// How many positions the actor took on the question.
    positions: usize,
}

#[derive(Serialize)]
struct Choice {
    key: String,
    label: String,
}

#[derive(Serialize)]
struct Map {
    columns: Vec<Column>,
    rows: Vec<Row>,
    kinds: Vec<Choice>,
    topics: Vec<Choice>,
    /// Totals, to say when the map shows only part of the site.
    all_questions: usize,
    all_actors: usize,
}

/// The stance map: the most argued questions against the actors most
/// often on them, each cell the actor's latest stance.
pub(super) fn view(ctx: &Ctx) -> Value {
    let site = ctx.site;
    let ix = &site.index;
    // Questions with the most positions, shown in the site's order.
    let mut questions: Vec<QuestionIx> =
        ix::all(site.questions.len()).filter(|&q| !ix.question_positions[q].is_empty()).collect();
    let all_questions = questions.len();
    questions.sort_by_key(|&q| std::cmp::Reverse(ix.question_positions[q].len()));
    questions.truncate(MAP_QUESTIONS);
    questions.sort_unstable();

    // Per shown question and actor: the positions, oldest first.
    let mut histories: HashMap<(ActorIx, usize), Vec<PositionRef>> = HashMap::new();
    let mut weight: HashMap<ActorIx, usize> = HashMap::new();
    for (col, &q) in questions.iter().enumerate() {
        for r in &ix.question_positions[q] {
            let actor = site.briefings[r.briefing].positions[r.position].actor;
            histories.entry((actor, col)).or_default().push(*r);
            *weight.entry(actor).or_default() += 1;
        }
    }
    let all_actors = weight.len();
    let mut actors: Vec<ActorIx> = weight.keys().copied().collect();
    actors.sort_by_key(|&a| (std::cmp::Reverse(weight[&a]), a));
    actors.truncate(MAP_ACTORS);
    actors.sort_unstable();

    let rows = actors
        .iter()
        .map(|&a| Row {
            actor: ctx.refs.actors[a].clone(),
            kind: site.actors[a].doc.matter.kind.map_or("other", |k| k.as_str()),
            cells: (0..questions.len()).map(|col| histories.get(&(a, col)).map(|h| cell(ctx, h))).collect(),
        })
        .collect::<Vec<_>>();
    let columns = columns(ctx, &questions);
    let (kinds, topics) = choices(ctx, &actors, &columns);
    value(&Map { columns, rows, kinds, topics, all_questions, all_actors })
}

/// A cell: the latest of an actor's positions on a question (`history`,
/// oldest first), with its first source and the stance before it changed.
fn cell(ctx: &Ctx, history: &[PositionRef]) -> Cell {
    let site = ctx.site;
    let last = history[history.len() - 1];
    let p = &site.briefings[last.briefing].positions[last.position];
    let b = &site.briefings[last.briefing];
    let briefing_url = site.urls.briefing(&b.doc.id);
    let first = p.sources.first().map(|&s| &b.sources[s]);
    let source_url = first.map_or_else(
        || briefing_url.clone(),
        |s| match s.url.as_ref().or(s.archive.as_ref()) {
            Some(u) => u.as_str().to_owned(),
            None => format!("{briefing_url}#source-{}", s.id),
        },
    );
    let was = history
        .iter()
        .rev()
        .find_map(|r| site.index.changed_from[r.briefing][r.position])
        .filter(|&s: &Stance| s != p.stance);
    Cell {
        stance: ctx.refs.stance(p.stance).clone(),
        date: ctx.refs.date(&p.date),
        source_url,
        source_title: first.map_or_else(|| b.doc.matter.title.clone(), |s| s.title.clone()),
        briefing_url,
        was: was.map(|s| ctx.refs.stance(s).clone()),
        positions: history.len(),
    }
}

/// The shown questions as columns, each with the topics of its briefings.
fn columns(ctx: &Ctx, questions: &[QuestionIx]) -> Vec<Column> {
    let site = ctx.site;
    questions
        .iter()
        .map(|&q| {
            let mut topics: Vec<TopicIx> = site.index.question_positions[q]
                .iter()
                .flat_map(|r| site.briefings[r.briefing].topics.iter().copied())
                .collect();
            topics.sort_unstable();
            topics.dedup();
            Column {
                question: ctx.refs.questions[q].clone(),
                topics: topics.iter().map(|&t| site.topics[t].id.as_str().to_owned()).collect(),
            }
        })
        .collect()
}

/// Filter choices: only the kinds and topics the map has.
fn choices(ctx: &Ctx, actors: &[ActorIx], columns: &[Column]) -> (Vec<Choice>, Vec<Choice>) {
    let site = ctx.site;
    let mut kinds: Vec<Choice> = ActorKind::ALL
        .iter()
        .filter(|k| actors.iter().any(|&a| site.actors[a].doc.matter.kind == Some(**k)))
        .map(|k| Choice { key: k.as_str().into(), label: site.words.get(&format!("kind-{}", k.as_str())).into_owned() })
        .collect();
    if actors.iter().any(|&a| site.actors[a].doc.matter.kind.is_none()) {
        kinds.push(Choice { key: "other".into(), label: site.words.get("kind-other").into_owned() });
    }
    let topics = site
        .topics
        .iter()
        .filter(|t| columns.iter().any(|c| c.topics.iter().any(|id| id == t.id.as_str())))
        .map(|t| Choice { key: t.id.as_str().into(), label: t.title.clone() })
        .collect();
    (kinds, topics)
}
