//! The views no general generator has: the stance map on `/questions/`, the
//! actor network (SVG) on actor pages and `/actors/`, the question
//! timeline, and the editorial checks of `dossier check`, each asserted
//! against a small site built here.

mod common;

use common::{TestSite, assert_ok, stderr};

/// Alice (person, member of Acme) supports a tax cut in January, opposes it
/// in March; Bob opposes it; Carol (a state) supports a wall, in a
/// briefing on another topic. Dan is named but takes no position.
fn site() -> TestSite {
    let site = TestSite::new();
    site.write("dossier.yaml", "title: Views\n");
    site.actor("alice", "name: Alice Ames\nkind: person\naffiliations: [acme]");
    site.actor("acme", "name: Acme Party\nkind: organization");
    site.actor("bob", "name: Bob Brown\nkind: person");
    site.actor("carol", "name: Carolia\nkind: state");
    site.actor("dan", "name: Dan Dee");
    site.question("tax-cut", "Should taxes be cut?");
    site.question("wall", "Should a wall be built?");
    site.briefing(
        "first",
        "title: First\ndate: 2025-01-10\ntopics: [economy]\nactors: [acme, dan]\npositions:\n  - actor: alice\n    question: tax-cut\n    stance: supports\n    sources: [speech]\n  - actor: bob\n    question: tax-cut\n    stance: opposes\n    sources: [speech]\nsources:\n  - id: speech\n    title: Budget speech\n    url: https://example.org/speech\n    date: 2025-01-09\n",
        "Text.\n",
    );
    site.briefing(
        "second",
        "title: Second\ndate: 2025-03-01\ntopics: [economy]\nstatus: developing\npositions:\n  - actor: alice\n    question: tax-cut\n    stance: opposes\n    sources: [interview]\nsources:\n  - id: interview\n    title: Radio interview\n",
        "Text.\n",
    );
    site.briefing(
        "third",
        "title: Third\ndate: 2025-02-01\ntopics: [border]\nactors: [bob]\npositions:\n  - actor: carol\n    question: wall\n    stance: supports\n    date: 2025-01-20\n    sources: [memo]\nsources:\n  - id: memo\n    title: Memo\n    archive: https://archive.example.org/memo\n    date: 2025-01-20\n",
        "Text.\n",
    );
    site
}

/// The element `<tag class="class" …>…</tag>` cut out of `html` and parsed
/// as XML: the templates write these well-formed on purpose.
fn element(html: &str, tag: &str, class: &str) -> String {
    let start = html.find(&format!("<{tag} class=\"{class}\"")).unwrap_or_else(|| panic!("no {tag}.{class}"));
    let end = start + html[start..].find(&format!("</{tag}>")).expect("closed") + tag.len() + 3;
    html[start..end].to_owned()
}

fn text_of(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .map(|n| n.text().unwrap())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_stance_map_shows_each_actors_latest_stance_with_date_source_and_change() {
    let site = site();
    assert_ok(&site.build());
    let html = site.page("questions/index.html");
    let table = element(&html, "table", "stance-map");
    let doc = roxmltree::Document::parse(&table).unwrap_or_else(|e| panic!("{e}\n{table}"));
    let heads: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("thead"))
        .flat_map(|t| t.descendants())
        .filter(|n| n.has_tag_name("th"))
        .collect();
    let columns: Vec<String> = heads.iter().skip(1).map(|&th| text_of(th)).collect();
    assert_eq!(columns, ["Should a wall be built?", "Should taxes be cut?"]);
    let topics: Vec<&str> = heads.iter().skip(1).map(|th| th.attribute("data-topics").unwrap()).collect();
    assert_eq!(topics, ["border", "economy"]);

    let rows: Vec<_> =
        doc.descendants().filter(|n| n.has_tag_name("tr") && n.attribute("data-kind").is_some()).collect();
    let names: Vec<String> =
        rows.iter().map(|r| text_of(r.children().find(|c| c.has_tag_name("th")).unwrap())).collect();
    // Only actors with positions on the mapped questions, by name.
    assert_eq!(names, ["Alice Ames", "Bob Brown", "Carolia"]);
    let kinds: Vec<&str> = rows.iter().map(|r| r.attribute("data-kind").unwrap()).collect();
    assert_eq!(kinds, ["person", "person", "state"]);

    let cell = |row: usize, col: usize| rows[row].children().filter(|c| c.has_tag_name("td")).nth(col).unwrap();
    let link = |td: roxmltree::Node| {
        td.descendants()
            .find(|n| n.has_tag_name("a") && n.attribute("class") == Some("map-source"))
            .map(|a| a.attribute("href").unwrap().to_owned())
    };
    let date = |td: roxmltree::Node| {
        td.descendants().find(|n| n.has_tag_name("time")).and_then(|t| t.attribute("datetime").map(str::to_owned))
    };

    // Alice on taxes: latest is March's opposition; it changed, from support;
    // its source has no address, so the link is its entry in the briefing.
    let alice_tax = cell(0, 1);
    assert_eq!(alice_tax.attribute("data-stance"), Some("opposes"));
    assert_eq!(date(alice_tax).as_deref(), Some("2025-03-01"));
    assert_eq!(link(alice_tax).as_deref(), Some("/briefings/second/#source-interview"));
    assert!(text_of(alice_tax).contains("was Supports"), "{}", text_of(alice_tax));
    // Alice has no position on the wall.
    assert_eq!(cell(0, 0).attribute("data-stance"), None);
    assert!(text_of(cell(0, 0)).contains("No position"));
    // Bob: one position, never changed, linked to the source's own URL.
    let bob_tax = cell(1, 1);
    assert_eq!(bob_tax.attribute("data-stance"), Some("opposes"));
    assert_eq!(link(bob_tax).as_deref(), Some("https://example.org/speech"));
    assert!(!text_of(bob_tax).contains("was "), "{}", text_of(bob_tax));
    // Carol: the position's own date, and the archive copy as the link.
    let carol_wall = cell(2, 0);
    assert_eq!(carol_wall.attribute("data-stance"), Some("supports"));
    assert_eq!(date(carol_wall).as_deref(), Some("2025-01-20"));
    assert_eq!(link(carol_wall).as_deref(), Some("https://archive.example.org/memo"));

    // The filters offer exactly the kinds and topics on the map.
    let form = element(&html, "form", "map-filters");
    for option in ["value=\"person\"", "value=\"state\"", "value=\"border\"", "value=\"economy\""] {
        assert!(form.contains(option), "{option} in {form}");
    }
    assert!(!form.contains("value=\"organization\""), "no organization has a position: {form}");
}

#[test]
fn a_question_page_has_a_timeline_of_every_position_oldest_first() {
    let site = site();
    assert_ok(&site.build());
    let html = site.page("questions/tax-cut/index.html");
    let timeline = &html[html.find("id=\"over-time\"").expect("a timeline")..];
    let order: Vec<usize> =
        ["2025-01-10", "2025-03-01"].iter().map(|d| timeline.find(&format!("datetime=\"{d}\"")).unwrap()).collect();
    assert!(order[0] < order[1], "oldest first");
    assert!(timeline.contains("href=\"/briefings/second/\""), "each position names its briefing");
    assert!(timeline.contains("Changed from supports"));
}

/// The SVG of a page, parsed.
fn network(html: &str) -> (Vec<String>, Vec<(String, String, String)>) {
    let svg = element(html, "svg", "network-svg");
    let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    let mut nodes: Vec<String> =
        doc.descendants().filter_map(|n| n.attribute("data-actor")).map(str::to_owned).collect();
    nodes.sort();
    let mut edges: Vec<(String, String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("path") && n.attribute("data-from").is_some())
        .map(|l| {
            let kind = l.attribute("class").unwrap().replace("edge edge-", "");
            (l.attribute("data-from").unwrap().to_owned(), l.attribute("data-to").unwrap().to_owned(), kind)
        })
        .collect();
    edges.sort();
    // Every node is inside the picture.
    let (w, h) = {
        let v: Vec<f64> =
            doc.root_element().attribute("viewBox").unwrap().split(' ').map(|n| n.parse().unwrap()).collect();
        (v[2], v[3])
    };
    for g in doc.descendants().filter(|n| n.attribute("transform").is_some()) {
        let t = g.attribute("transform").unwrap();
        let xy: Vec<f64> =
            t.trim_start_matches("translate(").trim_end_matches(')').split(' ').map(|n| n.parse().unwrap()).collect();
        assert!(xy[0] > 0.0 && xy[0] < w && xy[1] > 0.0 && xy[1] < h, "{t} outside {w}×{h}");
    }
    (nodes, edges)
}

fn edge(from: &str, to: &str, kind: &str) -> (String, String, String) {
    (from.into(), to.into(), kind.into())
}

#[test]
fn actor_pages_draw_the_neighbourhood_and_actors_the_whole_network() {
    let site = site();
    assert_ok(&site.build());
    // Acme: its member Alice (affiliation), and Dan, named with it in the
    // first briefing (Alice is only in briefings through positions too).
    let (nodes, edges) = network(&site.page("actors/acme/index.html"));
    assert_eq!(nodes, ["acme", "alice", "bob", "dan"]);
    assert!(edges.contains(&edge("alice", "acme", "affiliation")), "{edges:?}");
    assert!(edges.contains(&edge("acme", "dan", "together")), "{edges:?}");
    assert!(edges.contains(&edge("alice", "bob", "together")), "links among neighbours too: {edges:?}");
    assert!(!edges.iter().any(|e| e.0 == "carol" || e.1 == "carol"));

    let (nodes, edges) = network(&site.page("actors/index.html"));
    assert_eq!(nodes, ["acme", "alice", "bob", "carol", "dan"]);
    assert!(edges.contains(&edge("bob", "carol", "together")), "{edges:?}");
    assert!(edges.contains(&edge("alice", "acme", "affiliation")), "{edges:?}");
    // The list beside the picture says the same in words.
    let html = site.page("actors/index.html");
    assert!(html.contains("The links as a list"));
    assert_eq!(html.matches("<li><a class=\"actor-link\"").count(), edges.len());

    // Same content, same picture.
    let before = site.page("actors/index.html");
    assert_ok(&site.build());
    assert_eq!(before, site.page("actors/index.html"));
}

#[test]
fn an_actor_with_no_links_gets_no_picture() {
    let site = TestSite::new();
    site.actor("solo", "name: Solo");
    assert_ok(&site.build());
    assert!(!site.page("actors/solo/index.html").contains("<svg class=\"network-svg\""));
    assert!(!site.page("actors/index.html").contains("<svg class=\"network-svg\""));
}

fn check(site: &TestSite, today: &str) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["check"])
        .current_dir(site.root())
        .env("SOURCE_DATE_EPOCH", today)
        .output()
        .unwrap();
    assert!(out.status.success(), "warnings never fail a check: {}", stderr(&out));
    stderr(&out)
}

#[test]
fn check_warns_about_one_sided_questions_stale_positions_thin_sources_and_idle_actors() {
    let site = site();
    // 2025-03-21: 20 days after the developing briefing.
    let err = check(&site, "1742515200");
    let warnings: Vec<&str> = err.lines().filter(|l| l.contains(": warning: ")).collect();
    let expect = [
        "content/questions/wall.md:2:8: warning: only one side is represented: 1 actor supports, none opposes [W0204]",
        "content/questions/tax-cut.md:2:8: warning: only one side is represented: 2 actors oppose, none supports [W0204]",
        "content/briefings/second.md:12:9: warning: source `interview` has no `date` [W0202]",
        "content/briefings/second.md:12:9: warning: source `interview` has neither `url` nor `archive` [W0203]",
        "content/actors/acme.md:2:7: warning: Acme Party has no positions [W0207]",
        "content/actors/dan.md:2:7: warning: Dan Dee has no positions [W0207]",
    ];
    for e in expect {
        assert!(warnings.contains(&e), "missing {e}:\n{err}");
    }
    // Tax cuts: Alice once supported, but only latest stances count.
    assert_eq!(warnings.len(), expect.len(), "{err}");
    // A supporter makes it two-sided.
    site.briefing(
        "fourth",
        "title: Fourth\ndate: 2025-03-02\npositions:\n  - actor: dan\n    question: tax-cut\n    stance: supports\n    sources: [s]\nsources:\n  - id: s\n    title: S\n    url: https://example.org/s\n    date: 2025-03-02\n",
        "Text.\n",
    );
    let err = check(&site, "1742515200");
    assert!(!err.contains("tax-cut.md") && !err.contains("Dan Dee has no positions [W0207]"), "{err}");

    // Forty days on, the developing briefing's position is stale (the
    // limit is 30 days by default; it inherits the briefing's date).
    let err = check(&site, "1744243200");
    assert!(
        err.contains("content/briefings/second.md:7:12: warning: `alice`'s position is 40 days old (2025-03-01) in a briefing marked `status: developing`"),
        "{err}"
    );
    assert!(err.contains("stale_after_days: 30"), "{err}");
    site.write("dossier.yaml", "title: Views\neditorial:\n  stale_after_days: 60\n");
    assert!(!check(&site, "1744243200").contains("days old"));
}

#[test]
fn stale_positions_of_one_briefing_are_one_warning_naming_them() {
    let site = TestSite::new();
    site.write("dossier.yaml", "title: T\n");
    let mut front = String::from("title: D\ndate: 2025-01-01\nstatus: developing\npositions:\n");
    for i in 0..7 {
        site.actor(&format!("a{i}"), &format!("name: A{i}"));
        front.push_str(&format!(
            "  - actor: a{i}\n    stance: supports\n    date: 2025-01-0{}\n    sources: [s]\n",
            i + 1
        ));
    }
    front.push_str("sources:\n  - id: s\n    title: S\n    date: 2025-01-01\n    url: https://example.org/s\n");
    site.briefing("d", &front, "Text.\n");
    // 2025-03-21.
    let err = check(&site, "1742515200");
    let stale: Vec<&str> = err.lines().filter(|l| l.contains("older than")).collect();
    assert_eq!(
        stale,
        [
            "content/briefings/d.md:8:11: warning: 7 positions are older than 30 days in a briefing marked `status: developing`: `a0` (79 days), `a1` (78 days), `a2` (77 days), `a3` (76 days), `a4` (75 days), 2 more [W0206]"
        ],
        "{err}"
    );
    assert!(!err.contains("days old"), "{err}");
}

#[test]
fn a_question_can_say_why_only_one_side_is_represented_until_both_are() {
    let site = site();
    let why = "No party has argued against a wall <yet>.";
    site.write(
        "content/questions/wall.md",
        &format!("---\ntitle: Should a wall be built?\neditorial:\n  one_sided: \"{why}\"\n---\n"),
    );
    let err = check(&site, "1742515200");
    assert!(!err.contains("wall.md"), "answered: {err}");
    assert!(err.contains("tax-cut.md:2:8: warning: only one side"), "the other question still asks: {err}");
    assert!(err.contains("`editorial: { one_sided: \"…\" }` (shown to readers)"), "the hint says how: {err}");
    assert_ok(&site.build());
    let page = site.page("questions/wall/index.html");
    assert!(
        page.contains("<strong>Only one side so far.</strong> No party has argued against a wall &lt;yet&gt;."),
        "shown to readers, escaped: {page}"
    );

    // Bob now opposes it: the note would mislead, so it goes, and check
    // asks for its removal at the note.
    site.briefing(
        "fifth",
        "title: Fifth\ndate: 2025-03-03\npositions:\n  - actor: bob\n    question: wall\n    stance: opposes\n    sources: [s]\nsources:\n  - id: s\n    title: S\n    url: https://example.org/s\n    date: 2025-03-03\n",
        "Text.\n",
    );
    let err = check(&site, "1742515200");
    assert!(
        err.contains("content/questions/wall.md:4:14: warning: both sides are represented now, but `one_sided` still says why not"),
        "{err}"
    );
    assert_ok(&site.build());
    assert!(!site.page("questions/wall/index.html").contains("Only one side so far"));
}

/// The header's menu entries of a page: (title, address).
fn menu(html: &str) -> Vec<(String, String)> {
    let nav = &html[html.find("<nav class=\"site-nav\"").unwrap()..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    nav.split("<a href=\"")
        .skip(1)
        .map(|s| {
            let url = &s[..s.find('"').unwrap()];
            let title = &s[s.find('>').unwrap() + 1..s.find("</a>").unwrap()];
            (title.to_owned(), url.to_owned())
        })
        .collect()
}

#[test]
fn the_menu_follows_nav_and_pages_place_themselves_by_weight() {
    let site = site();
    site.write("content/about.md", "---\ntitle: About us\n---\nWho we are.\n");
    site.write("content/method.md", "---\ntitle: Methodology\nnav:\n  weight: 15\n  title: How we work\n---\nHow.\n");
    site.write("content/legal.md", "---\ntitle: Legal notice\nnav:\n  hide: true\n---\nSmall print.\n");
    assert_ok(&site.build());
    let owned = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs.iter().map(|(t, u)| ((*t).to_owned(), (*u).to_owned())).collect()
    };
    // By default: the sections, the weighted page among them, then the rest.
    assert_eq!(
        menu(&site.page("index.html")),
        owned(&[
            ("Briefings", "/briefings/"),
            ("How we work", "/method/"),
            ("Actors", "/actors/"),
            ("Questions", "/questions/"),
            ("Topics", "/topics/"),
            ("Sources", "/sources/"),
            ("About us", "/about/"),
        ])
    );
    // `nav:` lists what the menu holds, in its order and words; a page with
    // a weight still places itself, the others are left out.
    site.write(
        "dossier.yaml",
        "title: Views\nnav:\n  - section: questions\n    title: Who stands where\n  - section: briefings\n  - page: legal\n  - url: https://example.org/letter/\n    title: Newsletter & more\n",
    );
    assert_ok(&site.build());
    let page = site.page("questions/index.html");
    assert_eq!(
        menu(&page),
        owned(&[
            ("Who stands where", "/questions/"),
            ("How we work", "/method/"),
            ("Briefings", "/briefings/"),
            ("Legal notice", "/legal/"),
            ("Newsletter &amp; more", "https://example.org/letter/"),
        ])
    );
    assert!(page.contains("<a href=\"/questions/\" aria-current=\"page\">Who stands where</a>"), "{page}");
}

#[test]
fn a_nav_entry_that_leads_nowhere_is_an_error_at_its_line() {
    let site = site();
    for (config, expect) in [
        ("nav:\n  - section: actor\n", "dossier.yaml:3:14: error: there is no section `actor`"),
        ("nav:\n  - page: abuot\n", "dossier.yaml:3:5: error: `nav:` names the page `abuot`, and there is none"),
        (
            "nav:\n  - url: https://example.org/\n",
            "dossier.yaml:3:5: error: a `nav:` entry with a `url` needs a `title`",
        ),
        (
            "nav:\n  - url: \"javascript:alert(1)\"\n    title: X\n",
            "dossier.yaml:3:10: error: `javascript:alert(1)` is not a web address",
        ),
        (
            "nav:\n  - { section: actors, page: about }\n",
            "dossier.yaml:3:5: error: a `nav:` entry names one of `section`, `page` or `url`",
        ),
    ] {
        site.write("content/about.md", "---\ntitle: About\n---\nText.\n");
        site.write("dossier.yaml", &format!("title: Views\n{config}"));
        let out = site.build();
        let err = stderr(&out);
        assert!(!out.status.success() && err.contains(expect), "{config}: {err}");
    }
    site.write("dossier.yaml", "title: Views\nnav:\n  - section: actor\n");
    assert!(stderr(&site.build()).contains("did you mean `actors`?"));
    site.write("dossier.yaml", "title: Views\nnav:\n  - page: abuot\n");
    assert!(stderr(&site.build()).contains("did you mean `about`?"));
}
