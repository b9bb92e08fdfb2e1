//! Reference checks on front matter: every id a briefing or actor names must
//! exist, each problem pointing at the id as typed.

use crate::codes::Code;
use std::collections::{HashMap, HashSet};

use super::lookup::Lookup;
use crate::content::Document;
use crate::content::model::{ActorMatter, BriefingMatter};
use crate::content::yaml::Seg;
use crate::diagnostics::Diagnostic;

/// The error for an unknown id; none when the id's own file failed to load.
fn unknown(doc: &Document<impl Sized>, at: &[Seg], problem: crate::markdown::Unresolved) -> Option<Diagnostic> {
    (!problem.broken).then(|| doc.problem_at(Code::Unknown, at, problem.message).maybe_hint(problem.hint))
}

pub(super) fn briefing(doc: &Document<BriefingMatter>, lookup: &Lookup) -> Vec<Diagnostic> {
    let m = &doc.matter;
    let mut out = Vec::new();
    for (i, actor) in m.actors.iter().enumerate() {
        if !lookup.tables.actors.contains_key(actor.as_str()) {
            out.extend(unknown(
                doc,
                &[Seg::Key("actors"), Seg::Index(i)],
                lookup.unknown("actor", actor.as_str(), &lookup.tables.actors),
            ));
        }
    }
    for (i, author) in m.authors.iter().enumerate() {
        if !lookup.tables.authors.contains_key(author.as_str()) {
            out.extend(unknown(
                doc,
                &[Seg::Key("authors"), Seg::Index(i)],
                lookup.unknown("author", author.as_str(), &lookup.tables.authors),
            ));
        }
    }
    let mut source_ids: HashMap<&str, usize> = HashMap::new();
    for (i, source) in m.sources.iter().enumerate() {
        if source_ids.insert(source.id.as_str(), i).is_some() {
            out.push(
                doc.problem_at(
                    Code::Duplicate,
                    &[Seg::Key("sources"), Seg::Index(i), Seg::Key("id")],
                    format!("duplicate source id `{}`", source.id),
                )
                .hint("source ids must be unique within a briefing"),
            );
        }
    }
    if let Some(updated) = m.updated.as_ref().filter(|u| u.days() < m.date.days()) {
        out.push(
            doc.problem_at(
                Code::Date,
                &[Seg::Key("updated")],
                format!("`updated` ({}) is before the briefing's `date` ({})", updated.ymd(), m.date.ymd()),
            )
            .hint("`updated` is when the briefing last changed: the same day as `date` or later"),
        );
    }
    if let Some(expiry) = m.expiry_date.as_ref().filter(|e| e.seconds() < m.date.seconds()) {
        out.push(
            doc.problem_at(
                Code::Date,
                &[Seg::Key("expiry_date")],
                format!("`expiry_date` ({}) is before the briefing's `date` ({})", expiry.ymd(), m.date.ymd()),
            )
            .hint("`expiry_date` is when the briefing is archived: after its `date`"),
        );
    }
    for (i, p) in m.positions.iter().enumerate() {
        position(doc, i, p, &source_ids, lookup, &mut out);
    }
    notices(doc, lookup, &mut out);
    out
}

/// Corrections and updates: dated between the briefing's date and today,
/// a corrected position one the briefing has.
fn notices(doc: &Document<BriefingMatter>, lookup: &Lookup, out: &mut Vec<Diagnostic>) {
    let m = &doc.matter;
    let dates = m.corrections.iter().map(|c| (&c.date, "corrections")).enumerate();
    let dates = dates.chain(m.updates.iter().map(|u| (&u.date, "updates")).enumerate());
    for (i, (date, key)) in dates {
        let at = [Seg::Key(key), Seg::Index(i), Seg::Key("date")];
        let what = &key[..key.len() - 1];
        if date.days() > lookup.today.days() {
            out.push(
                doc.problem_at(Code::Date, &at, format!("this {what} is dated in the future ({})", date.ymd()))
                    .hint(format!("date the {what} on the day it was made (check the year)")),
            );
        } else if date.days() < m.date.days() {
            out.push(
                doc.problem_at(
                    Code::Date,
                    &at,
                    format!("this {what} ({}) is before the briefing's `date` ({})", date.ymd(), m.date.ymd()),
                )
                .hint(format!("a {what} comes after publication: the briefing's `date` or later")),
            );
        }
    }
    for (i, c) in m.corrections.iter().enumerate() {
        if let Some(n) = c.position.filter(|&n| n == 0 || n > m.positions.len()) {
            let count = m.positions.len();
            out.push(
                doc.problem_at(
                    Code::NoSuchPosition,
                    &[Seg::Key("corrections"), Seg::Index(i), Seg::Key("position")],
                    format!("there is no position {n}"),
                )
                .hint(format!("positions are numbered from 1 in `positions:`; this briefing has {count}")),
            );
        }
    }
}

/// Checks position `i`, `p`, of a briefing whose sources are `source_ids`.
fn position(
    doc: &Document<BriefingMatter>,
    i: usize,
    p: &crate::content::model::PositionMatter,
    source_ids: &HashMap<&str, usize>,
    lookup: &Lookup,
    out: &mut Vec<Diagnostic>,
) {
    let at = |key| [Seg::Key("positions"), Seg::Index(i), Seg::Key(key)];
    if let Some(date) = p.date.as_ref().filter(|d| d.days() > lookup.today.days()) {
        out.push(
            doc.problem_at(Code::Date, &at("date"), format!("this position is dated in the future ({})", date.ymd()))
                .hint("a position records what was said: date it on the day it was said (check the year)"),
        );
    }
    if !lookup.tables.actors.contains_key(p.actor.as_str()) {
        out.extend(unknown(doc, &at("actor"), lookup.unknown("actor", p.actor.as_str(), &lookup.tables.actors)));
    }
    if let Some(q) = p.question.as_ref().filter(|q| !lookup.tables.questions.contains_key(q.as_str())) {
        out.extend(unknown(doc, &at("question"), lookup.unknown("question", q.as_str(), &lookup.tables.questions)));
    }
    if p.sources.is_empty() {
        out.push(
            doc.problem_at(Code::Unsourced, &at("sources"), "a position needs at least one source")
                .hint("list the ids of the sources behind this position, e.g. `sources: [kremlin-statement]`"),
        );
    }
    for (j, s) in p.sources.iter().enumerate() {
        if !source_ids.contains_key(s.as_str()) && !lookup.library.by_id.contains_key(s.as_str()) {
            let problem = lookup.unknown_source(s.as_str(), &doc.matter.sources);
            let at = [Seg::Key("positions"), Seg::Index(i), Seg::Key("sources"), Seg::Index(j)];
            out.push(doc.problem_at(Code::Unknown, &at, problem.message).maybe_hint(problem.hint));
        }
    }
}

/// A source that is neither cited nor behind a position is probably a
/// leftover; it is still listed, so this is a warning. `cited`: by source.
pub(super) fn unused_sources(doc: &Document<BriefingMatter>, cited: &[bool]) -> Vec<Diagnostic> {
    let m = &doc.matter;
    let named: HashSet<&str> = m.positions.iter().flat_map(|p| p.sources.iter().map(|s| s.as_str())).collect();
    m.sources
        .iter()
        .enumerate()
        .filter(|(i, s)| !cited[*i] && !named.contains(s.id.as_str()))
        .map(|(i, s)| {
            let at = [Seg::Key("sources"), Seg::Index(i), Seg::Key("id")];
            doc.problem_at(Code::Uncited, &at, format!("source `{}` is never cited", s.id))
                .hint(format!("cite it in the text with [@{}] or name it in a position's `sources`", s.id))
        })
        .collect()
}

pub(super) fn affiliations(doc: &Document<ActorMatter>, lookup: &Lookup) -> (Vec<super::ActorIx>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for (i, a) in doc.matter.affiliations.iter().enumerate() {
        let at = [Seg::Key("affiliations"), Seg::Index(i)];
        match lookup.tables.actors.get(a.as_str()) {
            Some(_) if *a == doc.id => {
                problems.push(doc.problem_at(Code::SelfAffiliated, &at, "an actor cannot be affiliated with itself"))
            }
            Some(&j) if !found.contains(&j) => found.push(j),
            Some(_) => {}
            None => problems.extend(unknown(doc, &at, lookup.unknown("actor", a.as_str(), &lookup.tables.actors))),
        }
    }
    (found, problems)
}
