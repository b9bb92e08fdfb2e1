//! A position as templates see it: its own parts made once, the rest
//! shared references put together when a page asks.

use serde::Serialize;
use tera::Value;

use super::shared::Shared;
use crate::resolve::{Notice, Position};

/// What is a position's own, as template values, made once: other fields
/// are shared references.
#[derive(Clone)]
pub(super) struct PositionParts {
    /// The shared date value, looked up once rather than on every page.
    pub(super) date: Value,
    /// As inline HTML (safe): pages show them; feeds and data take the
    /// words from the resolved position.
    pub(super) summary: Option<Value>,
    pub(super) quote: Option<Value>,
    /// The words as said, when `quote` translates them.
    pub(super) original_quote: Option<Value>,
    pub(super) sources: Value,
    /// The briefing's corrections of it, if any.
    pub(super) corrections: Option<Value>,
    pub(super) html: Option<Value>,
}

impl PositionParts {
    /// `links` are the position's briefing's sources, `corrections` its corrections.
    pub(super) fn new(p: &Position, (links, corrections): (&[Value], &[Notice]), shared: &Shared) -> Self {
        let corrected = p.corrected.iter().map(|&c| super::notice::notice(shared, &corrections[c]));
        PositionParts {
            date: shared.date(&p.date),
            summary: p.summary.as_ref().map(|l| Value::safe_string(l.html())),
            quote: p.quote.as_ref().map(|l| Value::safe_string(l.html())),
            original_quote: p.original_quote.as_ref().map(|l| Value::safe_string(l.html())),
            sources: Value::from(p.sources.iter().map(|&s| links[s].clone()).collect::<Vec<_>>()),
            corrections: (!p.corrected.is_empty()).then(|| Value::from(corrected.collect::<Vec<_>>())),
            html: None,
        }
    }
}

/// A link to a numbered source in some briefing's list.
#[derive(Serialize)]
pub(super) struct SourceLink<'a> {
    pub(super) number: usize,
    pub(super) title: &'a str,
    pub(super) url: String,
}

/// A position as every page shows it; with `html`, `partials/position.html`
/// rendered for it.
#[derive(Serialize)]
pub(super) struct PositionView<'a> {
    pub(super) actor: &'a Value,
    pub(super) question: Option<&'a Value>,
    pub(super) stance: &'a Value,
    /// The summary and the quote as inline HTML, with their links and emphasis.
    pub(super) summary: Option<&'a Value>,
    pub(super) quote: Option<&'a Value>,
    /// The quote as said, when `quote` is its translation into the page's
    /// language (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) original_quote: Option<&'a Value>,
    pub(super) date: &'a Value,
    pub(super) briefing: &'a Value,
    pub(super) sources: &'a Value,
    /// The actor's previous stance on this question, when this one changed it.
    pub(super) changed_from: Option<&'a Value>,
    /// Corrections its briefing made to it (`date`, `text`, `html`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) corrections: Option<&'a Value>,
    /// `partials/position.html` rendered for it; absent while that renders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) html: Option<&'a Value>,
}
