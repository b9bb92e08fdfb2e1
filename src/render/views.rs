//! View models: the plain data templates see.
//!
//! Short references to every entity (`ActorRef`, `BriefingRef`, …) are built
//! once and shared as `tera::Value`s, which clone by reference count: an
//! actor shown on ten thousand pages is serialized once, not ten thousand
//! times. Templates never see loader or resolver types.

use serde::Serialize;
use tera::Value;

use crate::content::model::{Date, SourceMatter, Stance};
use crate::resolve::{Site, id_to_words};

/// Serializes a view into a template value; shared `Value`s inside it are
/// reference-counted, not copied.
pub fn value<T: Serialize>(view: &T) -> Value {
    Value::from_serializable(view)
}

/// Shared short references to every entity, indexed like `Site`'s lists.
pub struct Refs {
    pub actors: Vec<Value>,
    pub questions: Vec<Value>,
    pub topics: Vec<Value>,
    pub briefings: Vec<Value>,
}

#[derive(Serialize)]
struct ActorRef<'a> {
    id: &'a str,
    name: &'a str,
    url: String,
    kind: Option<&'static str>,
    kind_label: Option<String>,
    role: Option<&'a str>,
    image: Option<&'a str>,
}

#[derive(Serialize)]
struct QuestionRef<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
}

#[derive(Serialize)]
struct TopicRef<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
}

#[derive(Serialize)]
struct BriefingRef<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
    date: DateView,
    updated: Option<DateView>,
    summary: Option<&'a str>,
    status: Option<&'static str>,
    topics: Vec<Value>,
}

/// A date as templates want it: machine form for `<time datetime>` and
/// words for people.
#[derive(Serialize, Clone)]
pub struct DateView {
    pub iso: String,
    pub text: String,
}

impl From<&Date> for DateView {
    fn from(d: &Date) -> Self {
        DateView { iso: d.ymd(), text: d.long() }
    }
}

/// A stance as a word (for the reader and screen readers) and a key (for
/// the badge's CSS class).
#[derive(Serialize, Clone)]
pub struct StanceView {
    pub key: &'static str,
    pub label: &'static str,
}

impl From<Stance> for StanceView {
    fn from(s: Stance) -> Self {
        StanceView { key: s.as_str(), label: s.label() }
    }
}

impl Refs {
    pub fn build(site: &Site) -> Refs {
        let urls = &site.urls;
        let actors = site
            .actors
            .iter()
            .map(|a| {
                let m = &a.doc.matter;
                value(&ActorRef {
                    id: a.doc.id.as_str(),
                    name: &m.name,
                    url: urls.actor(&a.doc.id),
                    kind: m.kind.map(|k| k.as_str()),
                    kind_label: m.kind.map(|k| id_to_words(k.as_str())),
                    role: m.role.as_deref(),
                    image: m.image.as_deref(),
                })
            })
            .collect();
        let questions = site
            .questions
            .iter()
            .map(|q| {
                value(&QuestionRef { id: q.doc.id.as_str(), title: &q.doc.matter.title, url: urls.question(&q.doc.id) })
            })
            .collect();
        let topics: Vec<Value> = site
            .topics
            .iter()
            .map(|t| value(&TopicRef { id: t.id.as_str(), title: &t.title, url: urls.topic(&t.id) }))
            .collect();
        let briefings = site
            .briefings
            .iter()
            .map(|b| {
                let m = &b.doc.matter;
                value(&BriefingRef {
                    id: b.doc.id.as_str(),
                    title: &m.title,
                    url: urls.briefing(&b.doc.id),
                    date: (&m.date).into(),
                    updated: m.updated.as_ref().map(Into::into),
                    summary: m.summary.as_deref(),
                    status: m.status.map(|s| s.as_str()),
                    topics: b.topics.iter().map(|&t| topics[t].clone()).collect(),
                })
            })
            .collect();
        Refs { actors, questions, topics, briefings }
    }

    pub fn pick(list: &[Value], indices: impl IntoIterator<Item = usize>) -> Vec<Value> {
        indices.into_iter().map(|i| list[i].clone()).collect()
    }
}

/// A source as listed under a briefing, numbered.
#[derive(Serialize)]
pub struct SourceView<'a> {
    pub number: usize,
    pub id: &'a str,
    pub anchor: String,
    pub title: &'a str,
    pub publisher: Option<&'a str>,
    pub url: Option<&'a str>,
    pub archive: Option<&'a str>,
    pub date: Option<DateView>,
    pub accessed: Option<DateView>,
    pub kind: Option<&'static str>,
    /// Whether the text cites it, so the list can link back to the citation.
    pub cited: bool,
}

impl<'a> SourceView<'a> {
    pub fn new(number: usize, s: &'a SourceMatter, cited: bool) -> Self {
        SourceView {
            number,
            id: s.id.as_str(),
            anchor: format!("source-{}", s.id),
            title: &s.title,
            publisher: s.publisher.as_deref(),
            url: s.url.as_ref().map(|u| u.as_str()),
            archive: s.archive.as_ref().map(|u| u.as_str()),
            date: s.date.as_ref().map(Into::into),
            accessed: s.accessed.as_ref().map(Into::into),
            kind: s.kind.map(|k| k.as_str()),
            cited,
        }
    }
}

/// A link to a numbered source in some briefing's list.
#[derive(Serialize)]
pub struct SourceLink<'a> {
    pub number: usize,
    pub title: &'a str,
    pub url: String,
}
