//! Directives in bodies: `::figure`, `::actor`, `::position` and
//! `::stances` place a figure, an actor's card, a position and a stance
//! table where they are written; their ids are checked like wikilinks, and
//! a malformed one is an error at its place.

mod common;

use common::{TestSite, assert_ok, png, sample_site, stderr};

/// The sample site (Alice supports a tax cut in `first`, opposes it in
/// the newer `second`) with a page and a briefing placing every directive.
fn site_with_directives(safe_html: bool) -> TestSite {
    let site = sample_site();
    site.write("dossier.yaml", &format!("title: Test briefings\nsafe_html: {safe_html}\n"));
    site.write_bytes("content/analysis/chart.png", &png(1200, 600, [40, 90, 160]));
    site.write(
        "content/analysis/index.md",
        "---\ntitle: Analysis\n---\nIntro.\n\n\
         ::figure[Rates since 2020, from [[alice]]'s *own* figures]{src=\"chart.png\" alt=\"A rising line\" credit=\"Chart: Desk\"}\n\n\
         ::actor[bob]\n\n\
         ::position[alice]{question=\"tax-cut\"}\n\n\
         ::position[alice]{question=\"tax-cut\" briefing=\"first\"}\n\n\
         ::stances[tax-cut]\n\n\
         Outro.\n\n    ::actor[nobody-in-code]\n",
    );
    // In a briefing, its own position comes first, older or not.
    let first = std::fs::read_to_string(site.root().join("content/briefings/first.md")).unwrap();
    site.write("content/briefings/first.md", &format!("{first}\n::position[alice]{{question=\"tax-cut\"}}\n"));
    site
}

/// The part of `page` from the element with `class` to its `</tag>`.
fn block<'p>(page: &'p str, class: &str, tag: &str, nth: usize) -> &'p str {
    let at = page.match_indices(&format!("class=\"{class}")).nth(nth).unwrap_or_else(|| panic!("no {class} #{nth}")).0;
    let end = page[at..].find(&format!("</{tag}>")).unwrap() + at;
    &page[at..end]
}

#[test]
fn directives_place_figures_cards_positions_and_stance_tables() {
    for safe_html in [false, true] {
        let site = site_with_directives(safe_html);
        assert_ok(&site.build());
        let page = site.page("analysis/index.html");

        let figure = block(&page, "figure", "figure", 0);
        assert!(figure.contains("<picture>") && figure.contains(r#"alt="A rising line""#), "{figure}");
        assert!(figure.contains(r#"width="1200" height="600""#), "{figure}");
        assert!(figure.contains("<em>own</em>") && figure.contains(r#"href="/actors/alice/""#), "{figure}");
        assert!(figure.contains(r#"<span class="credit">Chart: Desk</span>"#), "{figure}");

        let card = block(&page, "actor-cards embed-actor", "ul", 0);
        assert!(card.contains(r#"href="/actors/bob/""#) && card.contains("Bob Brown"), "{card}");

        // The latest position anywhere (the newer briefing's), then the pinned one.
        let latest = block(&page, "positions embed-position", "ol", 0);
        assert!(latest.contains("stance-opposes") && latest.contains("/briefings/second/"), "{latest}");
        let pinned = block(&page, "positions embed-position", "ol", 1);
        assert!(pinned.contains("stance-supports") && pinned.contains("Cut them now."), "{pinned}");

        let table = block(&page, "embed-stances", "figure", 0);
        assert!(table.contains("/questions/tax-cut/") && table.contains("Alice Ames"), "{table}");
        assert!(
            table.contains("stance-opposes") && table.contains("<strong class=\"change-mark\">Yes</strong>"),
            "{table}"
        );

        // Code stays code; the order is as written.
        assert!(page.contains("::actor[nobody-in-code]"), "{page}");
        let order = ["class=\"figure\"", "embed-actor", "embed-position", "embed-stances", "Outro."];
        let places: Vec<usize> = order.iter().map(|o| page.find(o).unwrap()).collect();
        assert!(places.windows(2).all(|w| w[0] < w[1]), "{places:?}");

        let briefing = site.page("briefings/first/index.html");
        let own = block(&briefing, "positions embed-position", "ol", 0);
        assert!(own.contains("stance-supports") && own.contains("/briefings/first/"), "{own}");

        // No marker is left anywhere, nor in the search records.
        for (rel, bytes) in common::files_under(&site.root().join("public")) {
            assert!(!String::from_utf8_lossy(&bytes).contains('\u{E000}'), "{rel} has a marker");
        }
    }
}

#[test]
fn unknown_ids_and_malformed_directives_are_errors_at_their_place() {
    let site = sample_site();
    site.write(
        "content/about.md",
        "---\ntitle: About\n---\n\
         ::actor[alcie]\n\n\
         ::position[bob]{question=\"tax-cuts\"}\n\n\
         ::position[bob]{question=\"tax-cut\"}\n\n\
         ::stances[tax-cut]{wide=\"yes\"}\n\n\
         ::figure[A chart]{src=\"chart.png\"}\n\n\
         ::figure[A chart]{src=\"nowhere.png\" alt=\"A line\"}\n\n\
         ::video[x]\n",
    );
    let out = site.build();
    assert!(!out.status.success());
    let err = stderr(&out);
    for (line_col, code, words) in [
        ("about.md:4:9:", "E0201", "unknown actor `alcie`"),
        ("about.md:6:27:", "E0201", "unknown question `tax-cuts`"),
        ("about.md:8:12:", "E0201", "`bob` has no position on `tax-cut`"),
        ("about.md:10:20:", "E0205", "`::stances` has no attribute `wide`"),
        ("about.md:12:1:", "E0205", "`::figure` needs `alt`"),
        ("about.md:14:24:", "E0601", "nowhere.png"),
        ("about.md:16:1:", "E0205", "unknown directive `::video`"),
    ] {
        let line = err.lines().find(|l| l.contains(line_col)).unwrap_or_else(|| panic!("no {line_col} in\n{err}"));
        assert!(line.contains(code) && line.contains(words), "{line}\nin\n{err}");
    }
    for hint in [
        "did you mean `alice`?",
        "did you mean `tax-cut`?",
        "no briefing gives `bob` a position yet",
        "`alt=\"\"` if it only decorates",
        "`::stances` takes no attributes: `::stances[question-id]`",
        "dossier knows `::figure`",
    ] {
        assert!(err.contains(hint), "no hint {hint} in\n{err}");
    }
    assert!(!site.root().join("public/about/index.html").exists());
}
