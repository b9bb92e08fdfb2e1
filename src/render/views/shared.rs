//! Stances and dates as template values, made once per site and shared by
//! every page that shows them.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Tera, Value};

use super::partials::component;
use super::value;
use crate::content::model::{Date, Stance};
use crate::diagnostics::Diagnostic;
use crate::i18n::Words;
use crate::resolve::Site;
use std::sync::Arc;

/// A date as templates want it: machine form for `<time datetime>` and
/// words for people.
#[derive(Serialize, Clone)]
struct DateView {
    iso: String,
    text: String,
    /// The `date` component's HTML for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    html: Option<Value>,
}

impl DateView {
    fn new(d: &Date, words: &Words) -> Self {
        DateView { iso: d.ymd(), text: words.date(d), html: None }
    }
}

/// A stance as a word (for the reader and screen readers), a key (for
/// the badge's CSS class) and the badge's symbol.
#[derive(Serialize, Clone)]
struct StanceView {
    key: &'static str,
    label: String,
    mark: &'static str,
    /// The `stance_badge` component's HTML for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    badge: Option<Value>,
}

impl StanceView {
    fn new(s: Stance, words: &Words) -> Self {
        StanceView { key: s.as_str(), label: words.stance(s), mark: s.mark(), badge: None }
    }
}

/// Stances and dates as template values, made once each: 40,000 positions
/// share five stances and a few thousand days.
pub(super) struct Shared {
    stances: Vec<Value>,
    dates: HashMap<Date, Value>,
    words: Arc<Words>,
}

impl Shared {
    pub(super) fn new(site: &Site, tera: &Tera) -> Result<Self, Diagnostic> {
        let stances = Stance::ALL
            .iter()
            .map(|&s| {
                let mut view = StanceView::new(s, &site.words);
                view.badge = component(tera, "stance_badge", "stance", &value(&view))?;
                Ok(value(&view))
            })
            .collect::<Result<_, _>>()?;
        let dates =
            days(site).into_par_iter().map(|d| Ok((d.clone(), date(site, tera, d)?))).collect::<Result<_, _>>()?;
        Ok(Shared { stances, dates, words: Arc::clone(&site.words) })
    }

    /// [`Shared::new`] for `site`, an edit of the site `old` was made for
    /// (same words, same templates): `old`'s values, and any date new.
    pub(super) fn again(site: &Site, tera: &Tera, old: &Shared) -> Result<Self, Diagnostic> {
        let dates = days(site)
            .into_par_iter()
            .map(|d| Ok((d.clone(), old.dates.get(d).map_or_else(|| date(site, tera, d), |v| Ok(v.clone()))?)))
            .collect::<Result<_, _>>()?;
        Ok(Shared { stances: old.stances.clone(), dates, words: Arc::clone(&site.words) })
    }

    pub(super) fn stance(&self, s: Stance) -> &Value {
        &self.stances[s as usize]
    }

    /// Every date of the site's briefings, positions and sources is made
    /// in advance; another (none yet) goes without `html`.
    pub(super) fn date(&self, d: &Date) -> Value {
        self.dates.get(d).cloned().unwrap_or_else(|| value(&DateView::new(d, &self.words)))
    }
}

/// Every day a page of `site` shows, once each. Gathered in a set, not
/// sorted: a hundred thousand dates spread over the site's memory took a
/// large build a third of a second to sort, for a few thousand days.
fn days(site: &Site) -> Vec<&Date> {
    let mut days: HashSet<&Date> = HashSet::default();
    for b in &site.briefings {
        days.extend(b.positions.iter().map(|p| &p.date));
        days.extend([&b.doc.matter.date].into_iter().chain(&b.doc.matter.updated));
        days.extend(b.sources.iter().flat_map(|s| s.date.iter().chain(&s.accessed)));
        days.extend(b.corrections.iter().chain(&b.updates).map(|n| &n.date));
    }
    days.extend(site.library.iter().flat_map(|l| l.source.date.iter().chain(&l.source.accessed)));
    days.into_iter().collect()
}

/// A day as templates see it, with its `date` component rendered.
fn date(site: &Site, tera: &Tera, d: &Date) -> Result<Value, Diagnostic> {
    let mut view = DateView::new(d, &site.words);
    view.html = component(tera, "date", "d", &value(&view))?;
    Ok(value(&view))
}
