//! The cross-reference index, built once from resolved entities: who took
//! which positions, which briefings involve or mention whom, who appears
//! with whom, what is related to what, and who cites which source.
//!
//! Every step is linear in the number of references, or bounded per item
//! (related briefings look at most `RELATED_SCAN` recent briefings per
//! shared actor or question), so a 50,000-briefing site stays fast.

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use super::ix::{ActorIx, AuthorIx, BriefingIx, Ix, QuestionIx, Table, TopicIx, all};
use super::{Actor, Briefing, LibrarySource};
use crate::content::model::{ActorKind, Stance, capped, slugify};

/// A position, by briefing and by its place in that briefing's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PositionRef {
    /// The briefing it is in.
    pub briefing: BriefingIx,
    /// Its place in the briefing's positions.
    pub position: usize,
}

/// Every cross-reference of the site, made once after resolving.
#[derive(Debug, Default)]
pub struct Index {
    /// Per actor, oldest first.
    pub actor_positions: Table<ActorIx, Vec<PositionRef>>,
    /// Per actor: briefings that involve it, newest first.
    pub actor_briefings: Table<ActorIx, Vec<BriefingIx>>,
    /// Per actor: briefings that only mention it in their text.
    pub actor_mentions: Table<ActorIx, Vec<BriefingIx>>,
    /// Per actor: actors that list it among their affiliations.
    pub actor_members: Table<ActorIx, Vec<ActorIx>>,
    /// Every actor, grouped by kind in `ActorKind`'s order (those of no
    /// kind last), each group in the site's order: the list of actors'
    /// order, sorted once rather than on each of its pages.
    pub actors_by_kind: Vec<ActorIx>,
    /// Per actor: actors appearing in the same briefings, with the count.
    pub actor_companions: Table<ActorIx, Vec<(ActorIx, usize)>>,
    /// Per briefing and position: the actor's previous stance on the same
    /// question, when this position changed it.
    pub changed_from: Table<BriefingIx, Vec<Option<Stance>>>,
    /// Per question, oldest first.
    pub question_positions: Table<QuestionIx, Vec<PositionRef>>,
    /// Per question: briefings with a position on it or a link to it.
    pub question_briefings: Table<QuestionIx, Vec<BriefingIx>>,
    /// Per topic: its briefings, newest first.
    pub topic_briefings: Table<TopicIx, Vec<BriefingIx>>,
    /// Per author: the briefings they wrote, newest first.
    pub author_briefings: Table<AuthorIx, Vec<BriefingIx>>,
    /// Per library source: the briefings citing it, newest first.
    pub library_briefings: Vec<Vec<BriefingIx>>,
    /// Per library source: the positions resting on it, newest briefing first.
    pub library_positions: Vec<Vec<PositionRef>>,
    /// Every correction: briefing and its place in the briefing's
    /// corrections, newest first.
    pub corrections: Vec<(BriefingIx, usize)>,
    /// Per library source: its publisher's group in `sources`, once cited.
    pub library_publisher: Vec<Option<usize>>,
    /// Per briefing: the briefings sharing the most actors and questions.
    pub briefing_related: Table<BriefingIx, Vec<BriefingIx>>,
    /// Per briefing: briefings whose text links to it.
    pub briefing_backlinks: Table<BriefingIx, Vec<BriefingIx>>,
    /// Every source cited, grouped by publisher.
    pub sources: Vec<SourceGroup>,
    /// The years briefings were published in, newest first, each with its
    /// briefings (a run of the newest-first list).
    pub years: Vec<(u16, std::ops::Range<usize>)>,
}

/// Sources of one publisher, for the sources index.
#[derive(Debug, Clone)]
pub struct SourceGroup {
    /// As sources name it; empty when they do not.
    pub publisher: String,
    /// Unique URL segment for the publisher's page under `/sources/`.
    pub slug: String,
    /// By title.
    pub sources: Vec<SourceUse>,
}

/// One source (the same URL, or the same title and publisher, counts once)
/// and every briefing citing it, by briefing and source position.
#[derive(Debug, Clone)]
pub struct SourceUse {
    /// Where it is first listed: briefing and source number.
    pub first: (BriefingIx, usize),
    /// Every briefing citing it, newest first.
    pub citing: Vec<BriefingIx>,
    /// Its place in the library, when it is the library's.
    pub library: Option<usize>,
}

const COMPANIONS: usize = 8;
const RELATED: usize = 5;
const RELATED_SCAN: usize = 200;

/// Where position `p` of briefing `b` sorts in the site's oldest-first
/// order: by date, positions of one day in briefing order (briefings are
/// newest first, so the later index first), then list order. A key to
/// gather once before sorting: comparing through the indices would fetch
/// positions from all over memory at every step.
pub fn chronological(briefings: &[Briefing], b: BriefingIx, p: usize) -> impl Ord + '_ {
    let d = &briefings[b.get()].positions[p].date;
    ((d.year, d.month, d.day), d.time.as_deref(), std::cmp::Reverse(b), p)
}

/// Lists are filled walking briefings (or actors) in order, so a repeat can
/// only be the last entry: checking it keeps building linear.
fn push_new<T: Copy + PartialEq>(list: &mut Vec<T>, i: T) {
    if list.last() != Some(&i) {
        list.push(i);
    }
}

impl Index {
    /// Builds the index over resolved briefings and actors.
    /// `counts`: how many questions, topics and authors the site has.
    pub fn build(
        briefings: &[Briefing],
        actors: &[Actor],
        (questions, topics, authors): (usize, usize, usize),
        library: &[LibrarySource],
    ) -> Index {
        let mut ix = Index {
            actor_positions: Table::filled(actors.len()),
            actor_briefings: Table::filled(actors.len()),
            actor_mentions: Table::filled(actors.len()),
            actor_members: Table::filled(actors.len()),
            question_positions: Table::filled(questions),
            question_briefings: Table::filled(questions),
            topic_briefings: Table::filled(topics),
            author_briefings: Table::filled(authors),
            library_briefings: vec![Vec::new(); library.len()],
            library_positions: vec![Vec::new(); library.len()],
            briefing_backlinks: Table::filled(briefings.len()),
            ..Index::default()
        };
        // Briefings are newest first; walk them so per-entity lists come out
        // newest first, and reverse the position lists to read oldest first.
        for (b, briefing) in briefings.iter().enumerate() {
            let b = BriefingIx::new(b);
            for &a in &briefing.actors {
                ix.actor_briefings[a].push(b);
            }
            for &a in &briefing.refs.actors {
                if !briefing.actors.contains(&a) {
                    push_new(&mut ix.actor_mentions[a], b);
                }
            }
            for (p, position) in briefing.positions.iter().enumerate() {
                let r = PositionRef { briefing: b, position: p };
                ix.actor_positions[position.actor].push(r);
                if let Some(q) = position.question {
                    ix.question_positions[q].push(r);
                    push_new(&mut ix.question_briefings[q], b);
                }
            }
            for &q in &briefing.refs.questions {
                push_new(&mut ix.question_briefings[q], b);
            }
            for &t in &briefing.topics {
                push_new(&mut ix.topic_briefings[t], b);
            }
            for &a in &briefing.authors {
                push_new(&mut ix.author_briefings[a], b);
            }
            ix.add_library_uses(b, briefing);
            for &other in &briefing.refs.briefings {
                if other != b {
                    push_new(&mut ix.briefing_backlinks[other], b);
                }
            }
        }
        // Sources are grouped on one thread while the lists above are
        // sorted and scored.
        let (sources, ()) = rayon::join(|| sources(briefings, library), || ix.sort_and_score(briefings, actors));
        ix.library_publisher = vec![None; library.len()];
        for (g, group) in sources.iter().enumerate() {
            group.sources.iter().filter_map(|u| u.library).for_each(|l| ix.library_publisher[l] = Some(g));
        }
        ix.sources = sources;
        ix.actor_companions = companions(briefings, &ix.actor_briefings);
        ix.actors_by_kind = by_kind(actors);
        ix.years = years(briefings);
        ix.corrections = corrections(briefings);
        ix
    }

    /// Briefing `b`'s citations of library sources, in text and positions.
    fn add_library_uses(&mut self, b: BriefingIx, briefing: &Briefing) {
        for &l in briefing.from_library.iter().flatten() {
            self.library_briefings[l].push(b);
        }
        for (position, p) in briefing.positions.iter().enumerate() {
            for &l in p.sources.iter().filter_map(|&s| briefing.from_library[s].as_ref()) {
                self.library_positions[l].push(PositionRef { briefing: b, position });
            }
        }
    }

    fn sort_and_score(&mut self, briefings: &[Briefing], actors: &[Actor]) {
        let ix = self;
        let by_date =
            |list: &mut Vec<PositionRef>| list.sort_by_cached_key(|r| chronological(briefings, r.briefing, r.position));
        ix.actor_positions.iter_mut().for_each(by_date);
        ix.question_positions.iter_mut().for_each(by_date);
        ix.changed_from = changes(briefings, &ix.actor_positions);
        for (a, actor) in all::<ActorIx>(actors.len()).zip(actors) {
            for &org in &actor.affiliations {
                push_new(&mut ix.actor_members[org], a);
            }
        }
        ix.briefing_related = related(briefings, ix);
    }
}

/// [`Index::actors_by_kind`].
fn by_kind(actors: &[Actor]) -> Vec<ActorIx> {
    let mut by_kind: Vec<ActorIx> = all(actors.len()).collect();
    by_kind.sort_by_key(|&a| actors[a.get()].doc.matter.kind.map_or(ActorKind::ALL.len(), |k| k as usize));
    by_kind
}

/// Walks each actor's positions in date order and marks those whose stance
/// differs from the actor's previous one on the same question.
fn changes(
    briefings: &[Briefing],
    actor_positions: &Table<ActorIx, Vec<PositionRef>>,
) -> Table<BriefingIx, Vec<Option<Stance>>> {
    let mut changed: Table<BriefingIx, Vec<Option<Stance>>> =
        briefings.iter().map(|b| vec![None; b.positions.len()]).collect();
    let mut last: HashMap<Option<QuestionIx>, Stance> = HashMap::default();
    for refs in actor_positions {
        last.clear();
        for r in refs {
            let p = &briefings[r.briefing.get()].positions[r.position];
            if let Some(previous) = last.insert(p.question, p.stance).filter(|&s| s != p.stance) {
                changed[r.briefing][r.position] = Some(previous);
            }
        }
    }
    changed
}

/// Scores by index in a dense array (one per thread), with the indices
/// scored so far: resetting costs what was scored, so the work is the
/// number of entries visited, with no hashing.
struct Scores<I> {
    scores: Vec<u32>,
    touched: Vec<I>,
}

impl<I: Ix> Scores<I> {
    fn new(len: usize) -> Scores<I> {
        Scores { scores: vec![0; len], touched: Vec::new() }
    }

    fn add(&mut self, i: I, weight: u32) {
        if self.scores[i.get()] == 0 {
            self.touched.push(i);
        }
        self.scores[i.get()] += weight;
    }

    /// The best `n` with their scores, higher first, then the lower index;
    /// every score goes back to zero.
    fn take_best(&mut self, n: usize) -> Vec<(I, u32)> {
        let mut best: Vec<(I, u32)> = Vec::with_capacity(n + 1);
        for i in self.touched.drain(..) {
            let score = std::mem::take(&mut self.scores[i.get()]);
            // Whether an entry kept so far ranks before this one.
            let ahead = |&(j, s): &(I, u32)| s > score || (s == score && j < i);
            // Most entries rank below the n-th best: out at once.
            if best.len() == n && best.last().is_some_and(ahead) {
                continue;
            }
            let at = best.partition_point(ahead);
            if at < n {
                best.insert(at, (i, score));
                best.truncate(n);
            }
        }
        best
    }
}

/// For each actor, the actors named with it in the most briefings, with
/// how many; counted over the actor's own briefings.
fn companions(
    briefings: &[Briefing],
    actor_briefings: &Table<ActorIx, Vec<BriefingIx>>,
) -> Table<ActorIx, Vec<(ActorIx, usize)>> {
    actor_briefings
        .as_slice()
        .par_iter()
        .enumerate()
        .map_init(
            || Scores::new(actor_briefings.len()),
            |scores, (x, list)| {
                let x = ActorIx::new(x);
                for &b in list {
                    for &y in briefings[b.get()].actors.iter().filter(|&&y| y != x) {
                        scores.add(y, 1);
                    }
                }
                scores.take_best(COMPANIONS).into_iter().map(|(y, count)| (y, count as usize)).collect()
            },
        )
        .collect()
}

/// Briefings sharing questions (weight 2) or actors (weight 1), best first
/// (then the newer briefing).
fn related(briefings: &[Briefing], ix: &Index) -> Table<BriefingIx, Vec<BriefingIx>> {
    briefings
        .par_iter()
        .enumerate()
        .map_init(
            || Scores::new(briefings.len()),
            |scores, (b, briefing)| {
                let b = BriefingIx::new(b);
                let questions = briefing.positions.iter().filter_map(|p| p.question);
                let lists = briefing
                    .actors
                    .iter()
                    .map(|&a| (&ix.actor_briefings[a], 1))
                    .chain(questions.map(|q| (&ix.question_briefings[q], 2)));
                for (list, weight) in lists {
                    for &other in list.iter().take(RELATED_SCAN).filter(|&&other| other != b) {
                        scores.add(other, weight);
                    }
                }
                scores.take_best(RELATED).into_iter().map(|(o, _)| o).collect()
            },
        )
        .collect()
}

/// Runs of briefings (newest first) published in one year.
fn years(briefings: &[Briefing]) -> Vec<(u16, std::ops::Range<usize>)> {
    let mut years: Vec<(u16, std::ops::Range<usize>)> = Vec::new();
    for (i, b) in briefings.iter().enumerate() {
        let year = b.doc.matter.date.year;
        match years.last_mut() {
            Some((y, run)) if *y == year => run.end = i + 1,
            _ => years.push((year, i..i + 1)),
        }
    }
    years
}

/// Every correction of every briefing, newest first (one day's in
/// briefing order, then front-matter order).
fn corrections(briefings: &[Briefing]) -> Vec<(BriefingIx, usize)> {
    let mut all: Vec<(BriefingIx, usize)> = all::<BriefingIx>(briefings.len())
        .zip(briefings)
        .flat_map(|(b, briefing)| (0..briefing.corrections.len()).map(move |c| (b, c)))
        .collect();
    all.sort_by(|x, y| briefings[y.0.get()].corrections[y.1].date.cmp(&briefings[x.0.get()].corrections[x.1].date));
    all
}

/// Publishers' pages take slugs no library source's page (`/sources/<id>/`) has.
fn sources(briefings: &[Briefing], library: &[LibrarySource]) -> Vec<SourceGroup> {
    /// A source is the same URL, or without one the same publisher and
    /// title. Keys borrow from the briefings.
    #[derive(PartialEq, Eq, Hash)]
    enum Key<'a> {
        Url(&'a str),
        Named(&'a str, &'a str),
    }
    let mut groups: HashMap<&str, Vec<SourceUse>> = HashMap::default();
    let mut seen: HashMap<Key, (&str, usize)> = HashMap::default();
    for (b, briefing) in all::<BriefingIx>(briefings.len()).zip(briefings) {
        for (s, source) in briefing.sources.iter().enumerate() {
            let publisher = source.publisher.as_deref().unwrap_or_default();
            let key = match &source.url {
                Some(url) => Key::Url(url.as_str()),
                None => Key::Named(publisher, &source.title),
            };
            let group = groups.entry(publisher).or_default();
            match seen.get(&key) {
                Some(&(p, i)) => {
                    let uses = &mut groups.get_mut(p).expect("group exists")[i];
                    push_new(&mut uses.citing, b);
                    uses.library = uses.library.or(briefing.from_library[s]);
                }
                None => {
                    seen.insert(key, (publisher, group.len()));
                    group.push(SourceUse { first: (b, s), citing: vec![b], library: briefing.from_library[s] });
                }
            }
        }
    }
    let mut list: Vec<SourceGroup> = groups
        .into_iter()
        .map(|(publisher, sources)| SourceGroup { publisher: publisher.to_owned(), slug: String::new(), sources })
        .collect();
    // Named publishers alphabetically, unnamed ones last; names differing
    // only in case in a fixed order, whatever order the map gave.
    list.sort_by_cached_key(|g| (g.publisher.is_empty(), g.publisher.to_lowercase(), g.publisher.clone()));
    let mut slugs: std::collections::HashSet<String> = library.iter().map(|l| l.source.id.to_string()).collect();
    let mut next: HashMap<String, usize> = HashMap::default();
    for g in &mut list {
        g.sources.sort_by_cached_key(|u| briefings[u.first.0.get()].sources[u.first.1].title.to_lowercase());
        let base = match slugify(&g.publisher) {
            s if g.publisher.is_empty() => format!("unnamed{s}"),
            s if s.is_empty() => "publisher".to_owned(),
            s => capped(s, &g.publisher),
        };
        let mut slug = base.clone();
        // Counted on from the last suffix a base took: thousands of names
        // with one slug would otherwise each count up from 2 again.
        let n = next.entry(base.clone()).or_insert(1);
        while !slugs.insert(slug.clone()) {
            *n += 1;
            slug = format!("{base}-{n}");
        }
        g.slug = slug;
    }
    list
}
