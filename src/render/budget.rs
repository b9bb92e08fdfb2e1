//! The page-weight budget: on a phone every page should arrive quickly, so
//! a build warns about each template that makes a page over 512 KB of HTML
//! or a feed over 1 MB, naming the largest.

use crate::codes::Code;
use std::path::Path;
use std::sync::Mutex;

use crate::diagnostics::Diagnostic;

/// Most bytes of one HTML page.
pub(crate) const PAGE: usize = 512 << 10;
/// Most bytes of one feed.
pub(crate) const FEED: usize = 1 << 20;

/// Pages found over the budget while rendering, from any thread.
#[derive(Default)]
pub(super) struct Budget {
    /// Per template: how many pages went over, and the largest (URL, bytes).
    over: Mutex<Vec<(&'static str, usize, String, usize)>>,
}

impl Budget {
    /// The budget for a file rendered with `template`: feeds and HTML
    /// pages have one; sitemaps and other files for machines do not.
    pub(super) fn limit(template: &str) -> Option<usize> {
        if template.ends_with(".html") {
            Some(PAGE)
        } else if template == "atom.xml" {
            Some(FEED)
        } else {
            None
        }
    }

    /// Notes the page at `url`, `size` bytes, when it is over the budget.
    pub(super) fn check(&self, template: &'static str, size: usize, url: impl FnOnce() -> String) {
        if Budget::limit(template).is_none_or(|limit| size <= limit) {
            return;
        }
        let url = url();
        let mut over = self.over.lock().unwrap_or_else(|e| e.into_inner());
        match over.iter_mut().find(|(t, ..)| *t == template) {
            Some((_, count, largest, bytes)) => {
                *count += 1;
                if size > *bytes || (size == *bytes && url < *largest) {
                    (*largest, *bytes) = (url, size);
                }
            }
            None => over.push((template, 1, url, size)),
        }
    }

    /// One warning per template with pages over the budget.
    pub(super) fn warnings(self) -> Vec<Diagnostic> {
        let mut over = self.over.into_inner().unwrap_or_else(|e| e.into_inner());
        over.sort_unstable_by_key(|(template, ..)| *template);
        over.into_iter()
            .map(|(template, count, largest, bytes)| {
                let limit = Budget::limit(template).unwrap_or_default();
                let pages = if count == 1 { "1 page".to_owned() } else { format!("{count} pages") };
                let message = format!(
                    "{pages} over the {} budget: {largest} is {}",
                    kilobytes(limit),
                    kilobytes(bytes)
                );
                Diagnostic::new(Code::Budget, Path::new("templates").join(template), message).hint(
                    "a big page is a long wait on a phone: lower `paginate_by` or `positions_per_page` in dossier.yaml, or show less of each entry in this template",
                )
            })
            .collect()
    }
}

/// `bytes` in words: "512 KB", "5.7 MB".
fn kilobytes(bytes: usize) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / (1 << 20) as f64),
        b => format!("{} KB", b.div_ceil(1 << 10)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_warning_per_template_naming_the_largest_page() {
        let budget = Budget::default();
        budget.check("topic.html", PAGE, || unreachable!("at the budget is within it"));
        budget.check("sitemap.xml", 50 << 20, || unreachable!("sitemaps have no budget"));
        budget.check("actor.html", PAGE + 1, || "/actors/a/".into());
        budget.check("actor.html", 3 << 20, || "/actors/b/".into());
        budget.check("atom.xml", 2 << 20, || "/atom.xml".into());
        let warnings = budget.warnings();
        let said: Vec<String> = warnings.iter().map(|d| format!("{}: {}", d.path.display(), d.message)).collect();
        assert_eq!(
            said,
            [
                "templates/actor.html: 2 pages over the 512 KB budget: /actors/b/ is 3.0 MB",
                "templates/atom.xml: 1 page over the 1.0 MB budget: /atom.xml is 2.0 MB",
            ]
        );
    }
}
