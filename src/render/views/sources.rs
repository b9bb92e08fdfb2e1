//! A briefing's sources as its page lists them.

use serde::Serialize;
use tera::Value;

use super::Refs;
use crate::content::model::SourceMatter;

/// A source as listed under a briefing, numbered.
#[derive(Serialize)]
pub(crate) struct SourceView<'a> {
    pub number: usize,
    pub id: &'a str,
    pub anchor: String,
    pub title: &'a str,
    pub publisher: Option<&'a str>,
    pub url: Option<&'a str>,
    pub archive: Option<&'a str>,
    pub date: Option<Value>,
    pub accessed: Option<Value>,
    pub kind: Option<&'static str>,
    /// Whether the text cites it, so the list can link back to the citation.
    pub cited: bool,
    /// Its page, when it is the library's: every briefing citing it.
    pub page: Option<String>,
}

impl<'a> SourceView<'a> {
    pub(crate) fn new(refs: &Refs, number: usize, s: &'a SourceMatter, cited: bool, page: Option<String>) -> Self {
        SourceView {
            number,
            id: s.id.as_str(),
            anchor: format!("source-{}", s.id),
            title: &s.title,
            publisher: s.publisher.as_deref(),
            url: s.url.as_ref().map(|u| u.as_str()),
            archive: s.archive.as_ref().map(|u| u.as_str()),
            date: s.date.as_ref().map(|d| refs.date(d)),
            accessed: s.accessed.as_ref().map(|d| refs.date(d)),
            kind: s.kind.map(|k| k.as_str()),
            cited,
            page,
        }
    }
}
