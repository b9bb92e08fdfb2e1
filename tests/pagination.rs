//! Lists that grow with the site come in pages: the briefings index, a
//! topic's briefings, a publisher's sources.

mod common;

use common::{TestSite, assert_ok, broken_links, text};

/// Seven briefings on one topic, each citing one source of one publisher,
/// five to a page.
fn seven_briefings(paginate_by: usize) -> TestSite {
    let site = TestSite::new();
    site.write(
        "dossier.yaml",
        &format!(
            "title: T\nbase_url: https://example.org/\nsearch: false\npaginate_by: {paginate_by}\nfeed_entries: 2\n"
        ),
    );
    for d in 1..=7 {
        site.briefing(
            &format!("b{d}"),
            &format!(
                "title: Briefing {d}\ndate: 2025-01-0{d}\ntopics: [economy]\nsources:\n  - id: s\n    title: Report {d}\n    publisher: Gazette"
            ),
            "Text [@s].\n",
        );
    }
    site
}

/// The briefing titles a list page shows, in order.
fn titles(html: &str) -> Vec<String> {
    html.split("<h3><a href=\"/briefings/")
        .skip(1)
        .map(|s| s[s.find('>').unwrap() + 1..s.find("</a>").unwrap()].to_owned())
        .collect()
}

#[test]
fn long_lists_are_cut_into_pages_with_a_pager_and_page_one_redirects() {
    let site = seven_briefings(3);
    assert_ok(&site.build());
    let pages: Vec<String> = ["briefings/index.html", "briefings/page/2/index.html", "briefings/page/3/index.html"]
        .iter()
        .map(|p| site.page(p))
        .collect();
    let shown: Vec<Vec<String>> = pages.iter().map(|p| titles(p)).collect();
    assert_eq!(shown[0], ["Briefing 7", "Briefing 6", "Briefing 5"]);
    assert_eq!(shown[1], ["Briefing 4", "Briefing 3", "Briefing 2"]);
    assert_eq!(shown[2], ["Briefing 1"]);
    assert!(!site.root().join("public/briefings/page/4").exists());

    // The pager: a labelled nav, this page marked, the ends and neighbours linked.
    let second = &pages[1];
    assert!(second.contains(r#"<nav class="pager" aria-label="Pages of this list">"#), "{second}");
    assert!(second.contains(r#"<a href="/briefings/page/2/" aria-current="page""#));
    assert!(
        second.contains(r#"<a href="/briefings/" rel="prev">"#)
            && second.contains(r#"<a href="/briefings/page/3/" rel="next">"#)
    );
    assert!(text(second).contains("Page 2 of 3 · showing 4–6 of 7"), "{}", text(second));
    assert!(second.contains("<title>Page 2: Briefings — T</title>"));
    assert!(second.contains(r#"<link rel="canonical" href="https://example.org/briefings/page/2/">"#));
    assert!(!pages[0].contains("rel=\"prev\"") && !pages[2].contains("rel=\"next\""));

    // page/1/ sends readers to the list, and search engines away.
    let one = site.page("briefings/page/1/index.html");
    assert!(one.contains(r#"<meta http-equiv="refresh" content="0; url=/briefings/">"#), "{one}");
    assert!(one.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(one.contains(r#"<link rel="canonical" href="https://example.org/briefings/">"#));

    // A topic's briefings and a publisher's sources are paged the same way.
    assert_eq!(titles(&site.page("topics/economy/page/3/index.html")), ["Briefing 1"]);
    let publisher = site.page("sources/gazette/page/2/index.html");
    assert!(text(&publisher).contains("7 sources cited on this site") && publisher.contains("Report 4"), "{publisher}");

    // Every pager link resolves; the sitemap lists each list once.
    assert_eq!(broken_links(&site.root().join("public"), "/"), Vec::<String>::new());
    let sitemap = site.page("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/briefings/</loc>") && !sitemap.contains("/page/"), "{sitemap}");
    // Feeds keep the newest `feed_entries`.
    assert_eq!(site.page("atom.xml").matches("<entry>").count(), 2);
}

#[test]
fn a_list_that_fits_one_page_has_no_pager_and_no_page_folder() {
    let site = seven_briefings(25);
    assert_ok(&site.build());
    let index = site.page("briefings/index.html");
    assert_eq!(titles(&index).len(), 7);
    assert!(!index.contains("class=\"pager\""));
    assert!(!site.root().join("public/briefings/page").exists());
}

#[test]
fn zero_entries_to_a_page_is_an_error_at_its_line() {
    let site = seven_briefings(0);
    let out = site.build();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("dossier.yaml:4:14: error: `paginate_by` must be at least 1"), "{err}");
    assert!(err.contains("leave `paginate_by` out for the default (25)"), "{err}");

    site.write("dossier.yaml", "title: T\npositions_per_page: 0\n");
    let err = String::from_utf8_lossy(&site.build().stderr).into_owned();
    assert!(err.contains("dossier.yaml:2:21: error: `positions_per_page` must be at least 1"), "{err}");
}

#[test]
fn a_page_over_the_weight_budget_is_a_warning_naming_it_and_its_template() {
    let site = TestSite::new();
    site.write("dossier.yaml", "title: T\nbase_url: https://example.org/\n");
    let body = "A paragraph long enough to matter, repeated until the page is heavy.\n\n".repeat(9_000);
    site.briefing("heavy", "title: Heavy\ndate: 2025-01-01", &body);
    site.briefing("light", "title: Light\ndate: 2025-01-02", "Short.\n");
    let err = assert_ok(&site.build());
    assert!(
        err.contains("templates/briefing.html: warning: 1 page over the 512 KB budget: /briefings/heavy/ is"),
        "{err}"
    );
    assert!(err.contains("lower `paginate_by`"), "{err}");
    assert_eq!(err.matches("budget").count(), 1, "one warning, for the one template: {err}");
}

#[test]
fn briefings_can_be_browsed_by_year_and_month() {
    let site = TestSite::new();
    site.write("dossier.yaml", "title: T\nbase_url: https://example.org/\npaginate_by: 1\n");
    for (id, date) in [("a", "2024-11-20"), ("b", "2024-12-02"), ("c", "2025-01-05"), ("d", "2025-01-30")] {
        site.briefing(id, &format!("title: Briefing {id}\ndate: {date}"), "Text.\n");
    }
    assert_ok(&site.build());
    let index = site.page("briefings/index.html");
    let archive = &index[index.find("<nav class=\"archive\"").unwrap()..];
    let archive = &archive[..archive.find("</nav>").unwrap()];
    let links: Vec<&str> = archive.split("href=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
    // Newest first; a month links to the page of its year where it starts.
    assert_eq!(
        links,
        [
            "/briefings/2025/",
            "/briefings/2025/#month-01",
            "/briefings/2024/",
            "/briefings/2024/#month-12",
            "/briefings/2024/page/2/#month-11"
        ]
    );
    assert!(text(archive).contains("2025 (2) January (2)"), "{}", text(archive));
    let year = site.page("briefings/2024/page/2/index.html");
    assert!(year.contains(r#"<h2 id="month-11">November</h2>"#) && titles(&year) == ["Briefing a"], "{year}");
    assert!(site.page("briefings/2024/index.html").contains("<title>Briefings of 2024 — T</title>"));
    assert!(site.page("sitemap.xml").contains("<loc>https://example.org/briefings/2024/</loc>"));
    assert_eq!(broken_links(&site.root().join("public"), "/"), Vec::<String>::new());

    // A briefing named like a year would take the archive's address.
    site.briefing("2025", "title: Year\ndate: 2025-02-01", "Text.\n");
    let out = site.build();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("content/briefings/2025.md: error: two pages have the address `/briefings/2025/`"), "{err}");
}

/// `n` briefings with one actor in all of them and one question they all
/// argue over (two positions each, so both lists grow with the site), four
/// entries to a page (lists and positions alike); everything else (actors, questions, topics, months)
/// stays the same size.
fn grown_site(n: usize) -> TestSite {
    let site = TestSite::new();
    site.write(
        "dossier.yaml",
        "title: T\nbase_url: https://example.org/\npaginate_by: 4\npositions_per_page: 4\nfeed_entries: 5\n",
    );
    site.actor("a0", "name: Alliance\nkind: organization");
    for a in 1..=5 {
        site.actor(&format!("a{a}"), &format!("name: Member {a}\nkind: state\naffiliations: [a0]"));
    }
    site.actor("a6", "name: Bystander");
    for q in 0..3 {
        site.question(&format!("q{q}"), &format!("Question {q}?"));
    }
    let stances = ["supports", "opposes", "conditional"];
    for i in 0..n {
        let other = 1 + i % 5;
        let front = format!(
            "title: Briefing {i}\ndate: 2024-{:02}-{:02}\ntopics: [trade]\nactors: [a0, a{other}]\npositions:\n  \
             - actor: a0\n    question: q0\n    stance: {}\n    sources: [s]\n  \
             - actor: a{other}\n    question: q{}\n    stance: supports\n    sources: [s]\n\
             sources:\n  - id: s\n    title: Report {i}\n    publisher: Gazette\n    date: 2024-01-01",
            1 + i % 12,
            1 + i % 28,
            stances[i % 3],
            1 + i % 2,
        );
        site.briefing(&format!("b{i}"), &front, "Text [@s], with [[a6]] named in passing.\n");
    }
    site
}

/// The largest HTML page and the largest feed of a built site, in bytes.
fn largest(site: &TestSite) -> (u64, u64) {
    let (mut html, mut feed) = (0, 0);
    for entry in walkdir::WalkDir::new(site.root().join("public")) {
        let entry = entry.unwrap();
        let size = entry.metadata().unwrap().len();
        let name = entry.file_name().to_string_lossy();
        if name.ends_with(".html") {
            html = html.max(size);
        } else if name == "atom.xml" {
            feed = feed.max(size);
        }
    }
    (html, feed)
}

#[test]
fn no_page_grows_with_the_site_and_every_page_of_every_list_is_linked() {
    let small = grown_site(24);
    assert_ok(&small.build());
    let big = grown_site(48);
    let err = assert_ok(&big.build());
    assert!(!err.contains("budget"), "{err}");
    let (small, big_sizes) = (largest(&small), largest(&big));
    // Twice the briefings, and no page or feed more than a few bytes larger
    // (counts such as "48 positions" grow; the lists do not).
    assert!(big_sizes.0 < small.0 + small.0 / 50, "largest page {} → {}", small.0, big_sizes.0);
    assert!(big_sizes.1 < small.1 + small.1 / 50, "largest feed {} → {}", small.1, big_sizes.1);

    // Every list that grows comes in pages: the positions and briefings of
    // the actor in every briefing, the mentions of the one named in every
    // body, the question's positions, the topic's briefings, the
    // publisher's sources; the pagers link each page.
    for list in ["actors/a0", "actors/a6", "questions/q0", "topics/trade", "briefings", "sources/gazette"] {
        assert!(big.root().join(format!("public/{list}/page/12/index.html")).is_file(), "{list} page 12");
        assert!(!big.root().join(format!("public/{list}/page/13")).exists(), "{list} page 13");
    }
    let second = big.page("actors/a0/page/2/index.html");
    assert!(text(&second).contains("Page 2 of 12 · showing 5–8 of 48 positions"), "{}", text(&second));
    assert!(second.contains("<title>Page 2: Alliance — T</title>"), "{second}");
    // The profile's network is on the first page only.
    assert!(big.page("actors/a0/index.html").contains("id=\"network\"") && !second.contains("id=\"network\""));
    let question = text(&big.page("questions/q0/page/12/index.html"));
    assert!(question.contains("Page 12 of 12 · showing 45–48 of 48 positions"), "{question}");
    assert_eq!(broken_links(&big.root().join("public"), "/"), Vec::<String>::new());
}

#[test]
fn the_list_of_actors_groups_them_by_kind_across_its_pages() {
    let site = TestSite::new();
    site.write("dossier.yaml", "title: T\nbase_url: https://example.org/\nsearch: false\npaginate_by: 2\n");
    for (id, kind) in
        [("a", "kind: organization"), ("b", ""), ("c", "kind: person"), ("d", "kind: state"), ("e", "kind: person")]
    {
        site.actor(id, &format!("name: Actor {id}\n{kind}"));
    }
    assert_ok(&site.build());
    // Each page: its groups' headings and, in each, the actors' names.
    let groups = |file: &str| -> Vec<(String, Vec<String>)> {
        let html = site.page(file);
        html.split("<section aria-labelledby=\"group-")
            .skip(1)
            .map(|g| {
                let heading = &g[g.find('>').unwrap() + 1..];
                let heading = text(&heading[heading.find('>').unwrap() + 1..heading.find("</h2>").unwrap()]);
                // A card names its actor more than once.
                let mut names: Vec<String> = g.split("Actor ").skip(1).map(|s| format!("Actor {}", &s[..1])).collect();
                names.dedup();
                (heading, names)
            })
            .collect()
    };
    let named = |list: &[(&str, &[&str])]| -> Vec<(String, Vec<String>)> {
        list.iter().map(|(h, n)| (h.to_string(), n.iter().map(|s| s.to_string()).collect())).collect()
    };
    assert_eq!(groups("actors/index.html"), named(&[("People", &["Actor c", "Actor e"])]));
    assert_eq!(groups("actors/page/2/index.html"), named(&[("States", &["Actor d"]), ("Organizations", &["Actor a"])]));
    assert_eq!(groups("actors/page/3/index.html"), named(&[("Others", &["Actor b"])]));
}
