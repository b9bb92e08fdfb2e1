//! Lists that grow with the site, cut into pages (of `paginate_by`, or of
//! `positions_per_page` on actors' and questions' pages): page 1 at the
//! list's own URL, page `k` at `<list>/page/k/`, and what the pager under
//! the list links to.

use serde::Serialize;

use crate::resolve::Site;

/// How many pages a list of `len` entries takes, `per` to a page (one,
/// even when empty).
pub(super) fn page_count(per: usize, len: usize) -> usize {
    len.div_ceil(per).max(1)
}

/// The URL of page `number` (from 1) of the list at `base`.
pub(super) fn page_url(base: &str, number: usize) -> String {
    if number <= 1 { base.to_owned() } else { format!("{base}page/{number}/") }
}

/// Page `page` (from 0) of `items`, and its pager.
/// `noun` names an entry ("briefing").
pub(super) fn paginate<'a, T>(
    site: &Site,
    base: &str,
    items: &'a [T],
    page: usize,
    noun: &'static str,
) -> (&'a [T], Paginator) {
    let (shown, pager) = paginate_len(site, base, items.len(), page, noun);
    (&items[shown], pager)
}

/// [`paginate`] for a list of `len` entries: where page `page` is in it.
pub(super) fn paginate_len(
    site: &Site,
    base: &str,
    len: usize,
    page: usize,
    noun: &'static str,
) -> (std::ops::Range<usize>, Paginator) {
    let per = site.config.paginate_by;
    let shown = range(per, len, page);
    let pager = pager(base, page, page_count(per, len), (len, noun), shown.clone());
    (shown, pager)
}

/// Where page `page` (from 0) of a list of `len` entries, `per` to a page,
/// is in it; empty past the list's end (a page showing several lists side
/// by side can have run out of one).
pub(super) fn range(per: usize, len: usize, page: usize) -> std::ops::Range<usize> {
    let start = (page * per).min(len);
    start..(start + per).min(len)
}

/// How many pages lists shown side by side take: as many as the longest.
pub(super) fn page_count_of(per: usize, lens: &[usize]) -> usize {
    page_count(per, lens.iter().copied().max().unwrap_or(0))
}

/// The pager of page `page` (from 0) of `total`, under a list of `count`
/// entries (named `noun`) of which this page shows `shown`.
pub(super) fn pager(
    base: &str,
    page: usize,
    total: usize,
    (count, noun): (usize, &'static str),
    shown: std::ops::Range<usize>,
) -> Paginator {
    let number = page + 1;
    let url = |k: usize| page_url(base, k);
    Paginator {
        number,
        total,
        count,
        noun,
        first_item: if shown.is_empty() { 0 } else { shown.start + 1 },
        last_item: if shown.is_empty() { 0 } else { shown.end },
        first: url(1),
        previous: (number > 1).then(|| url(number - 1)),
        next: (number < total).then(|| url(number + 1)),
        last: url(total),
        links: (window(number, total).into_iter())
            .map(|(k, gap_before)| PagerLink { number: k, url: url(k), current: k == number, gap_before })
            .collect(),
    }
}

/// Pages the pager names: the first, the last, and two either side of the
/// current one; each with whether numbers were skipped before it.
fn window(number: usize, total: usize) -> Vec<(usize, bool)> {
    let near = number.saturating_sub(2).max(1)..=(number + 2).min(total);
    let mut shown: Vec<usize> = std::iter::once(1).chain(near).chain(std::iter::once(total)).collect();
    shown.sort_unstable();
    shown.dedup();
    let mut previous = 0;
    shown
        .into_iter()
        .map(|k| {
            let gap = k > previous + 1;
            previous = k;
            (k, gap)
        })
        .collect()
}

/// What templates get as `paginator`: where this page is in the list and
/// the URLs of the pages around it.
#[derive(Serialize)]
pub(super) struct Paginator {
    /// This page, from 1.
    number: usize,
    /// How many pages the list has.
    total: usize,
    /// How many entries the whole list has, and what one is.
    count: usize,
    noun: &'static str,
    /// Positions (from 1) of the first and last entry on this page; 0
    /// when it shows none.
    first_item: usize,
    last_item: usize,
    first: String,
    previous: Option<String>,
    next: Option<String>,
    last: String,
    /// The numbered links, a compact range around this page.
    links: Vec<PagerLink>,
}

/// One numbered link of the pager.
#[derive(Serialize)]
pub(super) struct PagerLink {
    number: usize,
    url: String,
    current: bool,
    /// Whether numbers were skipped before this one (shown as `…`).
    gap_before: bool,
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn the_pager_names_the_ends_and_the_pages_near_this_one() {
        assert_eq!(window(1, 1), [(1, false)]);
        assert_eq!(window(1, 3), [(1, false), (2, false), (3, false)]);
        assert_eq!(
            window(10, 40),
            [(1, false), (8, true), (9, false), (10, false), (11, false), (12, false), (40, true)]
        );
        assert_eq!(window(40, 40), [(1, false), (38, true), (39, false), (40, false)]);
        assert_eq!(window(3, 40)[..4], [(1, false), (2, false), (3, false), (4, false)]);
    }
}
