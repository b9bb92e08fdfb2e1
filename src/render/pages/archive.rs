//! Browsing back in time: a page per year (`/briefings/2025/`, paginated,
//! its briefings under their months) and the index of years and months the
//! briefings index shows.

use serde::Serialize;
use tera::Value;

use super::paginate::{Paginator, page_count, page_url, paginate};
use super::{Meta, PageKind, latest};
use crate::render::views::{Ctx, value};
use crate::resolve::{BriefingIx, Ix, Site, ix};

/// A year's page.
pub(super) struct Year;

impl Year {
    fn briefings(site: &Site, n: usize) -> Vec<BriefingIx> {
        site.index.years[n].1.clone().map(BriefingIx::new).collect()
    }
}

impl PageKind for Year {
    fn templates(&self) -> &'static [&'static str] {
        &["briefings_year.html"]
    }
    fn count(&self, site: &Site) -> usize {
        site.index.years.len()
    }
    fn url(&self, site: &Site, n: usize) -> String {
        site.urls.path(&["briefings", &site.index.years[n].0.to_string()])
    }
    fn section(&self) -> &'static str {
        "briefings"
    }
    fn meta(&self, site: &Site, n: usize) -> Meta {
        Meta::section(site, &site.words.with("title-year", &[("year", &site.index.years[n].0.to_string())]))
    }
    fn weight(&self, site: &Site, n: usize) -> usize {
        site.index.years[n].1.len()
    }
    fn pages(&self, site: &Site, n: usize) -> usize {
        page_count(site.config.paginate_by, site.index.years[n].1.len())
    }
    fn lastmod(&self, site: &Site, n: usize) -> Option<String> {
        Some(latest(site, BriefingIx::new(site.index.years[n].1.start)))
    }

    fn view(&self, ctx: &Ctx, n: usize, page: usize) -> Value {
        #[derive(Serialize)]
        struct Month {
            name: String,
            /// `month-09`: where the month starts on its page.
            id: String,
            briefings: Vec<Value>,
        }
        let site = ctx.site;
        let all = Year::briefings(site, n);
        let (shown, paginator) = paginate(site, &self.url(site, n), &all, page, "briefing");
        let mut months: Vec<Month> = Vec::new();
        for &b in shown {
            let date = &site.briefings[b].doc.matter.date;
            let id = format!("month-{:02}", date.month);
            if months.last().is_none_or(|m| m.id != id) {
                months.push(Month { name: site.words.month(date.month), id, briefings: Vec::new() });
            }
            months.last_mut().expect("just pushed").briefings.push(ctx.refs.briefings[b].clone());
        }
        #[derive(Serialize)]
        struct View {
            year: u16,
            count: usize,
            months: Vec<Month>,
            paginator: Paginator,
        }
        value(&View { year: site.index.years[n].0, count: all.len(), months, paginator })
    }
}

/// Every year, with its months, for the briefings index.
#[derive(Serialize)]
pub(super) struct ArchiveYear {
    year: u16,
    url: String,
    count: usize,
    months: Vec<ArchiveMonth>,
}

/// A month of a year: its link goes to the page of the year where it starts.
#[derive(Serialize)]
struct ArchiveMonth {
    name: String,
    url: String,
    count: usize,
}

/// The years and months briefings were published in, newest first.
pub(super) fn index(site: &Site) -> Vec<ArchiveYear> {
    let per = site.config.paginate_by;
    (0..site.index.years.len())
        .map(|n| {
            let (year, run) = &site.index.years[n];
            let base = Year.url(site, n);
            let mut months: Vec<ArchiveMonth> = Vec::new();
            let mut last = 0;
            for (k, b) in ix::all::<BriefingIx>(run.end).skip(run.start).enumerate() {
                let date = &site.briefings[b].doc.matter.date;
                match months.last_mut() {
                    Some(m) if date.month == last => m.count += 1,
                    _ => {
                        let url = format!("{}#month-{:02}", page_url(&base, k / per + 1), date.month);
                        months.push(ArchiveMonth { name: site.words.month(date.month), url, count: 1 });
                    }
                }
                last = date.month;
            }
            ArchiveYear { year: *year, url: base, count: run.len(), months }
        })
        .collect()
}
