//! Resolving one briefing: its front matter checked, its body rendered,
//! its sources numbered (cited ones first) and its positions tied to
//! actors, questions and source numbers.

use std::collections::{HashMap, HashSet};

use crate::content::Document;
use crate::content::model::{BriefingMatter, Date, Id, SourceMatter};
use crate::content::yaml::Seg;
use crate::diagnostics::Diagnostic;
use crate::markdown::{AutoLink, Inline};

use super::body::{render_inline, render_with_refs};
use super::check;
use super::ix::{ActorIx, Ix};
use super::lookup::{BodyRefs, Lookup};
use super::site::{Briefing, Notice, Position};

/// Resolves a briefing whose Markdown is `body`.
pub(super) fn resolve(doc: &Document<BriefingMatter>, body: &str, lookup: &Lookup) -> (Briefing, Vec<Diagnostic>) {
    let mut problems = check::briefing(doc, lookup);
    let autolinks = if lookup.autolink { autolinks(doc, lookup) } else { Vec::new() };
    let own = &doc.matter.sources;
    let (body, body_problems, refs) = render_with_refs(doc, body, lookup, Some(own), &autolinks);
    problems.extend(body_problems);

    let (sources, from_library, cited) = number_sources(doc, &refs, lookup);
    problems.extend(check::unused_sources(doc, &cited));

    let mut actors: Vec<ActorIx> = Vec::new();
    let mut add_actor = |i: ActorIx| {
        if !actors.contains(&i) {
            actors.push(i);
        }
    };
    doc.matter.actors.iter().filter_map(|a| lookup.tables.actors.get(a.as_str())).for_each(|&i| add_actor(i));
    // Summaries and quotes may hold inline Markdown, checked like the body.
    let mut inline = |text: &Option<String>, at: &[Seg]| {
        let (line, more) = render_inline(doc, text.as_deref()?, at, lookup);
        problems.extend(more);
        Some(line)
    };
    let summary = inline(&doc.matter.summary, &[Seg::Key("summary")]);
    let positions = positions(doc, &sources, lookup, &mut add_actor, &mut inline);
    let topics = doc.matter.topics.iter().filter_map(|t| lookup.tables.topics.get(t.as_str()).copied()).collect();
    let authors = doc.matter.authors.iter().filter_map(|a| lookup.tables.authors.get(a.as_str()).copied()).collect();
    let m = &doc.matter;
    let (corrections, updates) = notices(doc, lookup, &mut problems);
    let mut positions = positions;
    for (c, n) in corrections.iter().enumerate().filter_map(|(c, n)| Some((c, n.position?))) {
        positions.get_mut(n).into_iter().for_each(|p| p.corrected.push(c));
    }
    let modified = modified(m, &corrections, &updates);
    let doc = doc.entry(doc.matter.info());
    let b = Briefing {
        doc,
        summary,
        authors,
        corrections,
        updates,
        modified,
        actors,
        topics,
        positions,
        sources,
        from_library,
        body,
        refs,
    };
    (b, problems)
}

/// The briefing's positions whose actor and question exist, each citing
/// its sources by number in `sources` (numbered order); `add_actor` is told
/// of each position's actor, and `inline` renders its summary and quote.
fn positions(
    doc: &Document<BriefingMatter>,
    sources: &[SourceMatter],
    lookup: &Lookup,
    add_actor: &mut impl FnMut(ActorIx),
    inline: &mut impl FnMut(&Option<String>, &[Seg]) -> Option<Inline>,
) -> Vec<Position> {
    let numbers: HashMap<&Id, usize> = sources.iter().enumerate().map(|(n, s)| (&s.id, n)).collect();
    let number_of = |id: &Id| numbers.get(id).copied();
    doc.matter
        .positions
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let actor = *lookup.tables.actors.get(p.actor.as_str())?;
            add_actor(actor);
            let question = match &p.question {
                Some(q) => Some(*lookup.tables.questions.get(q.as_str())?),
                None => None,
            };
            let mut sources: Vec<usize> = p.sources.iter().filter_map(number_of).collect();
            sources.sort_unstable();
            sources.dedup();
            Some(Position {
                actor,
                question,
                stance: p.stance,
                summary: inline(&p.summary, &[Seg::Key("positions"), Seg::Index(i), Seg::Key("summary")]),
                quote: inline(&p.quote, &[Seg::Key("positions"), Seg::Index(i), Seg::Key("quote")]),
                original_quote: inline(&p.original_quote, &[Seg::Key("positions"), Seg::Index(i), Seg::Key("quote")]),
                date: p.date.clone().unwrap_or_else(|| doc.matter.date.clone()),
                sources,
                corrected: Vec::new(),
            })
        })
        .collect()
}

/// The briefing's sources in numbered order: cited ones in order of first
/// citation, then the rest, then library sources only positions name;
/// with, per source, its place in the library, and per own source whether
/// the text cites it.
fn number_sources(
    doc: &Document<BriefingMatter>,
    refs: &BodyRefs,
    lookup: &Lookup,
) -> (Vec<SourceMatter>, Vec<Option<usize>>, Vec<bool>) {
    let own = &doc.matter.sources;
    // Past `own.len()`, an index is the library's.
    let mut cited = vec![false; own.len()];
    refs.cited.iter().filter(|&&i| i < own.len()).for_each(|&i| cited[i] = true);
    let mut order = refs.cited.clone();
    order.extend((0..own.len()).filter(|&i| !cited[i]));
    if !lookup.library.by_id.is_empty() {
        let own_ids: HashSet<&str> = own.iter().map(|o| o.id.as_str()).collect();
        let mut listed: HashSet<usize> = order.iter().copied().filter(|&i| i >= own.len()).collect();
        let named = doc.matter.positions.iter().flat_map(|p| &p.sources).filter(|s| !own_ids.contains(s.as_str()));
        for &j in named.filter_map(|s| lookup.library.by_id.get(s.as_str())) {
            if listed.insert(own.len() + j) {
                order.push(own.len() + j);
            }
        }
    }
    let library = |i: usize| i.checked_sub(own.len());
    let source = |i: usize| library(i).map_or_else(|| &own[i], |j| lookup.library.sources[j].0).clone();
    (order.iter().map(|&i| source(i)).collect(), order.iter().map(|&i| library(i)).collect(), cited)
}

/// The briefing's corrections and updates, their text rendered inline.
fn notices(
    doc: &Document<BriefingMatter>,
    lookup: &Lookup,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<Notice>, Vec<Notice>) {
    let m = &doc.matter;
    let mut notice = |key, i, date: &Date, text: &str, position: Option<usize>| {
        let (text, more) = render_inline(doc, text, &[Seg::Key(key), Seg::Index(i), Seg::Key("text")], lookup);
        problems.extend(more);
        Notice { date: date.clone(), text, position }
    };
    let corrections = (m.corrections.iter().enumerate())
        .map(|(i, c)| notice("corrections", i, &c.date, &c.text, c.position.and_then(|n| n.checked_sub(1))))
        .collect();
    let updates = m.updates.iter().enumerate().map(|(i, u)| notice("updates", i, &u.date, &u.text, None)).collect();
    (corrections, updates)
}

/// The latest of the briefing's date, `updated`, and its notices' dates.
fn modified(m: &BriefingMatter, corrections: &[Notice], updates: &[Notice]) -> Date {
    let notices = corrections.iter().chain(updates).map(|n| &n.date);
    std::iter::once(&m.date).chain(&m.updated).chain(notices).max().cloned().unwrap_or_else(|| m.date.clone())
}

/// Names and aliases of the briefing's involved actors, longest first.
fn autolinks(doc: &Document<BriefingMatter>, lookup: &Lookup) -> Vec<AutoLink> {
    let involved = doc.matter.actors.iter().chain(doc.matter.positions.iter().map(|p| &p.actor));
    let mut names: Vec<AutoLink> = involved
        .filter_map(|id| lookup.tables.actors.get(id.as_str()).copied())
        .flat_map(|i| {
            let actor = &lookup.actor_docs[i.get()];
            let url = lookup.urls.actor(&actor.id);
            std::iter::once(&actor.matter.name)
                .chain(&actor.matter.aliases)
                .filter(|name| !name.trim().is_empty())
                .map(move |name| AutoLink { name: name.trim().to_owned(), url: url.clone(), key: i.get() })
        })
        .collect();
    names.sort_by(|a, b| b.name.len().cmp(&a.name.len()).then_with(|| a.name.cmp(&b.name)).then(a.key.cmp(&b.key)));
    names.dedup_by(|a, b| a.name == b.name && a.key == b.key);
    // A name two involved actors share could mean either: link neither.
    let shared: Vec<String> = names.windows(2).filter(|w| w[0].name == w[1].name).map(|w| w[0].name.clone()).collect();
    names.retain(|n| !shared.contains(&n.name));
    names
}
