//! Editorial checks: what `dossier check` warns about beyond broken
//! references. None of these stop a build; each is a question an editor
//! would ask before publishing.
//!
//! - a question where only one side (support or opposition) is represented,
//!   unless its `editorial.one_sided` says why (and that note, once both
//!   are);
//! - in a briefing marked `status: developing`, a position older than
//!   `editorial.stale_after_days`;
//! - a source without a `date`, or with neither `url` nor `archive`;
//! - a briefing whose positions all rest on one publisher, and a quote
//!   whose sources have neither `url` nor `archive`;
//! - an actor with no positions;
//! - a topic only one briefing uses, when a topic of a near name exists
//!   (probably a typo, which would otherwise make a topic page of its own).

use crate::codes::Code;
use std::collections::HashMap;

use super::{Ix, QuestionIx, Site, ix};
use crate::content::model::{Date, SourceMatter, Stance, Status};
use crate::content::yaml::Seg;
use crate::content::{Content, Document};
use crate::diagnostics::Diagnostic;

/// Warnings for `site`, pointing into `content` (the documents it was
/// resolved from, in the site's order, front matter kept), as of `today`.
pub(crate) fn check(site: &Site, content: &Content, today: &Date) -> Vec<Diagnostic> {
    let mut notes = Notes { list: Vec::new(), count: 0, full: true, allowed: &site.config.editorial.allow };
    all(site, content, today, &mut notes);
    notes.list
}

/// How many warnings [`check`] would give, for `build`'s summary; cheaper,
/// as none is pointed at its line.
pub(crate) fn count(site: &Site, content: &Content, today: &Date) -> usize {
    let mut notes = Notes { list: Vec::new(), count: 0, full: false, allowed: &site.config.editorial.allow };
    all(site, content, today, &mut notes);
    notes.count
}

fn all(site: &Site, content: &Content, today: &Date, out: &mut Notes) {
    one_sided_questions(site, content, out);
    stale_positions(site, content, today, out);
    thin_sources(content, out);
    narrow_sourcing(site, content, out);
    actors_without_positions(site, content, out);
    topic_typos(content, out);
    untranslated(site, content, out);
    stale_translations(content, out);
}

/// Per language of `languages:`, the pages with no translation into it:
/// one note each, naming the first few.
fn untranslated(site: &Site, content: &Content, out: &mut Notes) {
    use crate::content::{Kind, model::Id};
    let c = content;
    let mut files: Vec<(Kind, &Id, &std::path::Path)> =
        c.documents().map(|(kind, _, id, path)| (kind, id, path)).collect();
    files.sort_by_key(|&(_, _, path)| path);
    for language in site.config.translations() {
        let translated: std::collections::HashSet<(Kind, &Id)> =
            c.translations.iter().filter(|t| t.language == language).map(|t| (t.kind, &t.doc.id)).collect();
        let done = |kind, id: &Id| translated.contains(&(kind, id));
        let missing: Vec<&std::path::Path> =
            files.iter().filter(|&&(kind, id, _)| !done(kind, id)).map(|&(_, _, p)| p).collect();
        if missing.is_empty() {
            continue;
        }
        out.push(Code::NotTranslated, |code| {
            let named: Vec<String> = missing.iter().take(5).map(|p| p.display().to_string()).collect();
            let more = missing.len().saturating_sub(named.len());
            let rest = if more > 0 { format!(" and {more} more") } else { String::new() };
            Diagnostic::new(
                code,
                crate::config::CONFIG_FILE,
                format!(
                    "{} of {} pages have no `{language}` translation: {}{rest}",
                    missing.len(),
                    files.len(),
                    named.join(", ")
                ),
            )
            .hint(format!("translate a page into a file beside it: summit.md → summit.{language}.md"))
        });
    }
}

/// Translations of briefings the original has changed since: its
/// `updated` (or a later correction or update) after the translation's
/// `updated` (or, without one, the original's date).
fn stale_translations(content: &Content, out: &mut Notes) {
    let briefing = crate::content::Kind::Briefing;
    let originals = content.by_id();
    for t in content.translations.iter().filter(|t| t.kind == briefing) {
        let Some(&(i, _)) = originals.get(&(briefing, &t.doc.id)) else { continue };
        let b = &content.briefings[i];
        let m = &b.matter;
        let notices = m.corrections.iter().map(|c| &c.date).chain(m.updates.iter().map(|u| &u.date));
        let Some(changed) = m.updated.iter().chain(notices).max() else { continue };
        let made = t.doc.matter.updated.as_ref().unwrap_or(&m.date);
        if changed > made {
            out.push(Code::StaleTranslation, |code| {
                let d = Diagnostic::new(
                    code,
                    &t.doc.path,
                    format!(
                        "{} changed on {} and this translation was last brought up to date on {}",
                        b.path.display(),
                        changed.ymd(),
                        made.ymd()
                    ),
                );
                d.at(crate::diagnostics::Position::new(t.doc.front_matter_line, 1))
                    .hint(format!("translate what changed, then set `updated: {}` here", changed.ymd()))
            });
        }
    }
}

/// Where the checks put their notes: made in full, or only counted.
/// Notes of the codes the site allows are neither made nor counted.
struct Notes<'a> {
    list: Vec<Diagnostic>,
    count: usize,
    full: bool,
    allowed: &'a [Code],
}

impl Notes<'_> {
    fn push(&mut self, code: Code, make: impl FnOnce(Code) -> Diagnostic) {
        if self.allowed.contains(&code) {
            return;
        }
        self.count += 1;
        if self.full {
            self.list.push(make(code));
        }
    }
}

fn topic_typos(content: &Content, out: &mut Notes) {
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for t in content.briefings.iter().flat_map(|b| &b.matter.topics) {
        *uses.entry(t.as_str()).or_default() += 1;
    }
    let described: Vec<&str> = content.topics.iter().map(|t| t.id.as_str()).collect();
    // Established topics: used twice or more, or described by a file.
    let mut established: Vec<&str> = uses.iter().filter(|&(_, &n)| n > 1).map(|(&t, _)| t).collect();
    established.extend(described.iter().copied());
    established.sort_unstable();
    established.dedup();
    for doc in &content.briefings {
        for (j, topic) in doc.matter.topics.iter().enumerate() {
            let t = topic.as_str();
            if uses[t] != 1 || described.contains(&t) {
                continue;
            }
            let near = crate::diagnostics::nearest(t, established.iter().copied().filter(|&e| e != t));
            if let Some(near) = near {
                out.push(Code::LoneTopic, |code| {
                    doc.problem_at(
                        code,
                        &[Seg::Key("topics"), Seg::Index(j)],
                        format!("topic `{t}` is used by this briefing only; `{near}` is used by others"),
                    )
                    .hint(format!(
                        "if it is a typo, write `{near}`; if it is a new topic, describe it in content/topics/{t}.md"
                    ))
                });
            }
        }
    }
}

/// The side represented on question `q` alone, and by how many actors
/// (among each actor's latest stance): `None` when both sides or neither are.
pub(crate) fn one_side(site: &Site, q: QuestionIx) -> Option<(Stance, usize)> {
    // Each actor's latest stance: the list is oldest first.
    let mut latest: HashMap<crate::resolve::ActorIx, Stance> = HashMap::new();
    for r in &site.index.question_positions[q] {
        let p = &site.briefings[r.briefing].positions[r.position];
        latest.insert(p.actor, p.stance);
    }
    let count = |s: Stance| latest.values().filter(|&&v| v == s).count();
    match (count(Stance::Supports), count(Stance::Opposes)) {
        (n, 0) if n > 0 => Some((Stance::Supports, n)),
        (0, n) if n > 0 => Some((Stance::Opposes, n)),
        _ => None,
    }
}

/// A one-sided question, unless its `editorial.one_sided` says why; and
/// that note once both sides are represented (readers would be misled).
fn one_sided_questions(site: &Site, content: &Content, out: &mut Notes) {
    for q in ix::all::<QuestionIx>(site.questions.len()) {
        let doc = &content.questions[q.get()];
        let answered = doc.matter.editorial.one_sided.is_some();
        let (present, missing) = match one_side(site, q) {
            None if answered => {
                let at = [Seg::Key("editorial"), Seg::Key("one_sided")];
                out.push(Code::OneSidedNote, |code| {
                    doc.problem_at(code, &at, "both sides are represented now, but `one_sided` still says why not")
                        .hint("remove `one_sided` (readers no longer see it)")
                });
                continue;
            }
            Some(_) if answered => continue,
            None => continue,
            Some((Stance::Supports, n)) => (format!("{n} {} {}", actors(n), verb(n, "supports", "support")), "opposes"),
            Some((_, n)) => (format!("{n} {} {}", actors(n), verb(n, "opposes", "oppose")), "supports"),
        };
        out.push(Code::OneSided, |code| {
            doc.problem_at(
                code,
                &[Seg::Key("title")],
                format!("only one side is represented: {present}, none {missing}"),
            )
            .hint(format!(
                "add the position of an actor who {missing}, or say why no one does in the question's \
                     `editorial: {{ one_sided: \"…\" }}` (shown to readers)"
            ))
        });
    }
}

fn actors(n: usize) -> &'static str {
    if n == 1 { "actor" } else { "actors" }
}

fn verb(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// One note per briefing, at its first stale position, naming them all
/// (five at most): a briefing left `developing` has many at once.
fn stale_positions(site: &Site, content: &Content, today: &Date, out: &mut Notes) {
    let limit = i64::from(site.config.editorial.stale_after_days);
    let now = today.days();
    for doc in content.briefings.iter().filter(|d| d.matter.status == Some(Status::Developing)) {
        let stale: Vec<(usize, i64, &Date)> = (doc.matter.positions.iter().enumerate())
            .map(|(i, p)| (i, p.date.as_ref().unwrap_or(&doc.matter.date)))
            .map(|(i, date)| (i, now - date.days(), date))
            .filter(|&(_, age, _)| age > limit)
            .collect();
        let Some(&(first, age, date)) = stale.first() else { continue };
        out.push(Code::Stale, |code| {
            let p = &doc.matter.positions[first];
            // Point at the position's own date, or at its actor when it
            // takes the briefing's date (the briefing's `date` would be
            // the same spot for every such position).
            let key = if p.date.is_some() { "date" } else { "actor" };
            let at = [Seg::Key("positions"), Seg::Index(first), Seg::Key(key)];
            let message = match stale.len() {
                1 => format!(
                    "`{}`'s position is {age} days old ({}) in a briefing marked `status: developing`",
                    p.actor,
                    date.ymd()
                ),
                n => {
                    let mut named: Vec<String> = stale
                        .iter()
                        .take(5)
                        .map(|&(i, age, _)| format!("`{}` ({age} days)", doc.matter.positions[i].actor))
                        .collect();
                    if n > 5 {
                        named.push(format!("{} more", n - 5));
                    }
                    format!(
                        "{n} positions are older than {limit} days in a briefing marked `status: developing`: {}",
                        named.join(", ")
                    )
                }
            };
            let (them, hold) = if stale.len() == 1 { ("it", "holds") } else { ("they", "hold") };
            doc.problem_at(code, &at, message).hint(format!(
                "check whether {them} still {hold} and add newer positions, or mark the briefing `status: settled`; \
                 the limit is `editorial: {{ stale_after_days: {limit} }}` in dossier.yaml"
            ))
        });
    }
}

fn thin_sources(content: &Content, out: &mut Notes) {
    for doc in &content.briefings {
        for (i, s) in doc.matter.sources.iter().enumerate() {
            thin_source(doc, &[Seg::Key("sources"), Seg::Index(i), Seg::Key("id")], s, out);
        }
    }
    // The library's, once each, at their own file.
    for file in &content.library {
        for (i, s) in file.matter.iter().enumerate() {
            thin_source(file, &[Seg::Index(i), Seg::Key("id")], s, out);
        }
    }
}

/// Notes on source `s`, whose id is at `at` in `doc`.
fn thin_source<M>(doc: &Document<M>, at: &[Seg], s: &SourceMatter, out: &mut Notes) {
    if s.date.is_none() {
        out.push(Code::Undated, |code| {
            doc.problem_at(code, at, format!("source `{}` has no `date`", s.id))
                .hint("add the date it was published (`date: 2025-09-04`) so readers can weigh it")
        });
    }
    if s.url.is_none() && s.archive.is_none() {
        out.push(Code::Unreachable, |code| {
            doc.problem_at(code, at, format!("source `{}` has neither `url` nor `archive`", s.id))
                .hint("readers cannot check it: add the address where it can be read, or an `archive:` copy")
        });
    }
}

/// A briefing whose positions all rest on one publisher, and a quote
/// whose sources a reader can open none of.
fn narrow_sourcing(site: &Site, content: &Content, out: &mut Notes) {
    for (b, doc) in site.briefings.iter().zip(&content.briefings) {
        let publisher = |s: &usize| b.sources[*s].publisher.as_deref();
        let mut publishers = b.positions.iter().flat_map(|p| p.sources.iter().map(publisher));
        if b.positions.len() > 1
            && let Some(Some(only)) = publishers.next()
            && publishers.all(|p| p == Some(only))
        {
            out.push(Code::OnePublisher, |code| {
                doc.problem_at(
                    code,
                    &[Seg::Key("positions")],
                    format!("every position here rests on one publisher, {only}"),
                )
                .hint("where you can, add a source from another publisher behind some of the positions")
            });
        }
        for (i, p) in b.positions.iter().enumerate() {
            let closed = |s: &usize| b.sources[*s].url.is_none() && b.sources[*s].archive.is_none();
            if p.quote.is_some() && p.sources.iter().all(closed) {
                out.push(Code::UnverifiableQuote, |code| {
                    let at = [Seg::Key("positions"), Seg::Index(i), Seg::Key("quote")];
                    doc.problem_at(code, &at, "no source of this quote can be opened by a reader")
                        .hint("give one of its sources a `url`, or an `archive:` copy, so readers can check the words")
                });
            }
        }
    }
}

fn actors_without_positions(site: &Site, content: &Content, out: &mut Notes) {
    for (a, positions) in site.index.actor_positions.iter().enumerate() {
        if positions.is_empty() {
            let doc = &content.actors[a];
            out.push(Code::Silent, |code| {
                doc.problem_at(code, &[Seg::Key("name")], format!("{} has no positions", doc.matter.name)).hint(
                    "add a position for this actor in a briefing, or remove the file if the site does not need it",
                )
            });
        }
    }
}
