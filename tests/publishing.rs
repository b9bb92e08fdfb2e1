//! Feeds, sitemap, robots.txt and page metadata: what feed readers, search
//! engines and link previews read.

mod common;

use std::path::Path;

use common::{TestSite, assert_ok, sample_site, text};

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// The output file a URL of this site points at, if the build wrote it.
fn written(out: &Path, origin_and_base: &str, url: &str) -> bool {
    let url = url.split('#').next().unwrap_or(url);
    let Some(rel) = url.strip_prefix(origin_and_base) else { return false };
    let path = out.join(rel);
    if url.ends_with('/') { path.join("index.html").is_file() } else { path.is_file() }
}

fn child_text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.children().find(|c| c.has_tag_name((ATOM, name))).and_then(|c| c.text())
}

/// Checks one Atom feed's required elements and that its links resolve;
/// returns the entry titles.
fn check_feed(out: &Path, base: &str, rel: &str) -> Vec<String> {
    let text = std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{rel} is not XML: {e}"));
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")), "{rel}: root is not an Atom feed");
    for required in ["title", "id", "updated"] {
        assert!(child_text(feed, required).is_some_and(|t| !t.is_empty()), "{rel}: no {required}");
    }
    assert!(feed.descendants().any(|n| n.has_tag_name((ATOM, "author"))), "{rel}: no author");
    let links: Vec<_> = feed.children().filter(|n| n.has_tag_name((ATOM, "link"))).collect();
    let self_link = links.iter().find(|l| l.attribute("rel") == Some("self")).expect("self link");
    assert_eq!(self_link.attribute("href"), Some(format!("{base}{rel}").as_str()));
    for link in feed.descendants().filter(|n| n.has_tag_name((ATOM, "link"))) {
        let href = link.attribute("href").unwrap();
        assert!(written(out, base, href), "{rel}: {href} is not a page the build wrote");
    }
    let mut titles = Vec::new();
    for entry in feed.children().filter(|n| n.has_tag_name((ATOM, "entry"))) {
        for required in ["title", "id", "updated", "published"] {
            assert!(child_text(entry, required).is_some(), "{rel}: entry without {required}");
        }
        titles.push(child_text(entry, "title").unwrap().to_owned());
    }
    titles
}

#[test]
fn feeds_are_valid_atom_with_absolute_urls_to_written_pages() {
    let site = sample_site();
    site.write("dossier.yaml", "title: T & Co\nbase_url: https://example.org/news/\n");
    assert_ok(&site.build());
    let out = site.root().join("public");
    let base = "https://example.org/news/";
    assert_eq!(check_feed(&out, base, "atom.xml"), ["Second briefing", "First briefing"]);
    assert_eq!(check_feed(&out, base, "actors/bob/atom.xml"), ["First briefing"]);
    assert_eq!(check_feed(&out, base, "questions/tax-cut/atom.xml"), ["Second briefing", "First briefing"]);
    assert_eq!(check_feed(&out, base, "topics/economy/atom.xml"), ["First briefing"]);
    let feed = std::fs::read_to_string(out.join("atom.xml")).unwrap();
    assert!(feed.contains("<updated>2025-03-01T00:00:00Z</updated>"), "feed updated is the newest entry: {feed}");
}

#[test]
fn sitemap_lists_every_page_and_robots_names_it() {
    let site = sample_site();
    site.write("dossier.yaml", "title: T\nbase_url: https://example.org/news/\n");
    assert_ok(&site.build());
    let out = site.root().join("public");
    let text = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("sitemap is XML");
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    assert!(doc.root_element().has_tag_name((ns, "urlset")));
    let locs: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name((ns, "loc"))).filter_map(|n| n.text()).collect();
    for loc in &locs {
        assert!(written(&out, "https://example.org/news/", loc), "{loc} is not a page the build wrote");
    }
    // Every HTML page but the 404 and search pages is listed.
    let pages = walkdir::WalkDir::new(&out)
        .into_iter()
        .flatten()
        .filter(|e| e.file_name() == "index.html" && !e.path().ends_with("search/index.html"))
        .count();
    assert!(!text.contains("/search/"), "the search page is not for search engines");
    assert_eq!(locs.len(), pages);
    assert!(
        text.contains("<loc>https://example.org/news/briefings/second/</loc><lastmod>2025-03-01</lastmod>"),
        "{text}"
    );
    let robots = std::fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://example.org/news/sitemap.xml"), "{robots}");
}

#[test]
fn pages_carry_canonical_sharing_and_feed_metadata() {
    let site = sample_site();
    site.write("dossier.yaml", "title: T\nbase_url: https://example.org/\n");
    assert_ok(&site.build());
    let html = site.page("actors/alice/index.html");
    for needle in [
        r#"<link rel="canonical" href="https://example.org/actors/alice/">"#,
        r#"<meta property="og:title" content="Alice Ames — T">"#,
        r#"<meta property="og:type" content="profile">"#,
        r#"<meta name="description" content="Alice Ames, Minister: positions, quotes and sources.">"#,
        r#"<link rel="alternate" type="application/atom+xml" title="Alice Ames — T" href="/actors/alice/atom.xml">"#,
        r#"<link rel="alternate" type="application/atom+xml" title="T" href="/atom.xml">"#,
    ] {
        assert!(html.contains(needle), "{needle} missing in {html}");
    }
    let briefing = site.page("briefings/first/index.html");
    assert!(briefing.contains(r#"<meta property="og:type" content="article">"#));
    assert!(briefing.contains("<title>First briefing — T</title>"));
}

#[test]
fn metadata_and_feeds_escape_front_matter() {
    let site = TestSite::new();
    site.write("dossier.yaml", "title: \"<T & \\\"Co\\\">\"\nbase_url: https://example.org/\n");
    site.briefing(
        "b",
        "title: \"</title><script>x</script>\"\ndate: 2025-01-01\nsummary: \"\\\"><img src=x>\"",
        "Body\n",
    );
    assert_ok(&site.build());
    let html = site.page("briefings/b/index.html");
    assert!(!html.contains("<script>x") && !html.contains("<img src=x"), "{html}");
    let feed = site.page("atom.xml");
    roxmltree::Document::parse(&feed).expect("feed stays well-formed XML");
    assert!(!feed.contains("<script>"), "{feed}");
}

#[test]
fn feeds_sitemap_and_open_data_can_each_be_turned_off() {
    let site = sample_site();
    site.write("dossier.yaml", "title: T\nbase_url: https://example.org/\nfeeds: false\n");
    assert_ok(&site.build());
    let out = site.root().join("public");
    let files = common::files_under(&out);
    assert!(!files.keys().any(|f| f.ends_with("atom.xml")), "no feed is written: {:?}", files.keys());
    for (name, bytes) in files.iter().filter(|(f, _)| f.ends_with(".html")) {
        assert!(!String::from_utf8_lossy(bytes).contains("application/atom+xml"), "{name} announces a feed");
    }
    assert!(files.contains_key("sitemap.xml") && files.contains_key("data/positions.json"), "the rest stays on");

    site.write("dossier.yaml", "title: T\nbase_url: https://example.org/\nsitemap: false\nopen_data: false\n");
    assert_ok(&site.build());
    let files = common::files_under(&out);
    assert!(!files.keys().any(|f| f.starts_with("sitemap") || f.starts_with("data/")), "{:?}", files.keys());
    assert!(files.contains_key("atom.xml") && files.contains_key("actors/bob/atom.xml"));
    let robots = site.page("robots.txt");
    assert!(robots.contains("User-agent: *") && !robots.contains("Sitemap"), "{robots}");
    assert_eq!(common::broken_links(&out, "/"), Vec::<String>::new());
}

#[test]
fn a_static_robots_txt_wins() {
    let site = sample_site();
    site.write("static/robots.txt", "User-agent: *\nDisallow: /\n");
    assert_ok(&site.build());
    assert_eq!(site.page("robots.txt"), "User-agent: *\nDisallow: /\n");
}

/// The JSON-LD object of a page.
fn json_ld(html: &str) -> serde_json::Value {
    let start = html.find(r#"<script type="application/ld+json">"#).expect("JSON-LD present") + 35;
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("valid JSON")
}

#[test]
fn briefing_and_actor_pages_carry_json_ld() {
    let site = sample_site();
    site.write("dossier.yaml", "title: T\nbase_url: https://example.org/\n");
    site.actor(
        "alice",
        "name: Alice Ames\nkind: person\nrole: Minister\naffiliations: [acme]\naliases: [the minister]\nlinks: [https://www.wikidata.org/wiki/Q1]",
    );
    assert_ok(&site.build());
    let out = site.root().join("public");
    let article = json_ld(&site.page("briefings/first/index.html"));
    assert_eq!(article["@type"], "NewsArticle");
    assert_eq!(article["headline"], "First briefing");
    assert_eq!(article["datePublished"], "2025-01-10T00:00:00Z");
    assert_eq!(article["about"][0]["@type"], "Person");
    assert_eq!(article["about"][0]["url"], "https://example.org/actors/alice/");
    assert_eq!(article["mentions"][0]["name"], "Bob Brown", "involved without a position: a mention");
    let mentions = article["mentions"].as_array().unwrap();
    assert_eq!(mentions.len(), 1, "Bob, involved and linked in the text, is mentioned once: {mentions:?}");
    assert_eq!(article["citation"][0]["url"], "https://example.org/speech");
    for who in article["about"].as_array().unwrap().iter().chain(article["mentions"].as_array().unwrap()) {
        assert!(written(&out, "https://example.org/", who["url"].as_str().unwrap()), "{who}");
    }
    let person = json_ld(&site.page("actors/alice/index.html"));
    assert_eq!(person["@type"], "Person");
    assert_eq!(person["jobTitle"], "Minister");
    assert_eq!(person["affiliation"][0]["@type"], "Organization");
    assert_eq!(person["affiliation"][0]["url"], "https://example.org/actors/acme/");
    assert_eq!(person["sameAs"][0], "https://www.wikidata.org/wiki/Q1");
}

#[test]
fn an_institution_is_a_kind_of_its_own_in_lists_the_network_and_json_ld() {
    let site = sample_site();
    site.write("dossier.yaml", "title: T\nbase_url: https://example.org/\n");
    site.actor("treasury", "name: The Treasury\nkind: institution\nrole: Finance ministry\naffiliations: [acme]");
    assert_ok(&site.build());
    let index = text(&site.page("actors/index.html"));
    assert!(index.contains("Institutions The Treasury Finance ministry"), "{index}");
    let page = site.page("actors/treasury/index.html");
    assert!(page.contains("class=\"node node-institution node-center\""), "its shape in the network: {page}");
    assert!(page.contains("pentagon, institution"), "and in the legend");
    let doc = json_ld(&page);
    assert_eq!(doc["@type"], "GovernmentOrganization");
    assert_eq!(doc["description"], "Finance ministry");
    assert_eq!(doc["memberOf"][0]["url"], "https://example.org/actors/acme/");
    let data: serde_json::Value = serde_json::from_str(&site.page("data/actors.json")).unwrap();
    let treasury = data.as_array().unwrap().iter().find(|a| a["id"] == "treasury").unwrap();
    assert_eq!(treasury["kind"], "institution");
}

#[test]
fn json_ld_cannot_be_broken_out_of() {
    let site = TestSite::new();
    site.actor("x", "name: \"</script><script>alert(1)</script>\"\nkind: organization");
    site.briefing("b", "title: \"</script><img src=x onerror=alert(2)>\"\ndate: 2025-01-01\nactors: [x]", "Body\n");
    assert_ok(&site.build());
    for page in ["briefings/b/index.html", "actors/x/index.html"] {
        let html = site.page(page);
        // Every script element closes where it was opened: none was injected.
        assert_eq!(html.matches("</script>").count(), html.matches("<script").count(), "{html}");
        assert!(!html.contains("<script>alert") && !html.contains("<img src=x"), "{html}");
        let data = json_ld(&html);
        assert!(data.to_string().contains("</script>"), "the text survives as data: {data}");
    }
}

#[test]
fn base_url_flag_reaches_feeds_sitemap_canonical_and_json_ld() {
    let site = sample_site();
    site.write("dossier.yaml", "title: T\nbase_url: https://example.org/\n");
    assert_ok(&site.run(&["build", "--base-url", "https://mirror.example.net/sub/"]));
    let base = "https://mirror.example.net/sub/";
    let feed = site.page("atom.xml");
    let sitemap = site.page("sitemap.xml");
    let briefing = site.page("briefings/first/index.html");
    assert!(feed.contains(&format!("href=\"{base}briefings/first/\"")), "{feed}");
    assert!(sitemap.contains(&format!("<loc>{base}briefings/first/</loc>")), "{sitemap}");
    assert!(briefing.contains(&format!("<link rel=\"canonical\" href=\"{base}briefings/first/\">")), "{briefing}");
    assert_eq!(json_ld(&briefing)["url"], format!("{base}briefings/first/"));
    // (The sample's sources live on example.org too; site pages must not.)
    for text in [feed, sitemap, briefing] {
        for section in ["briefings", "actors", "questions", "topics", "atom.xml"] {
            assert!(!text.contains(&format!("https://example.org/{section}")), "{section}: {text}");
        }
    }
}

/// The pages print actors' `link` and `card`, stances' `badge` and dates'
/// `html`, rendered once each through the components: overriding a
/// component in the site's `macros.html` changes every page.
#[test]
fn overriding_a_component_changes_every_page_that_shows_it() {
    let site = sample_site();
    let builtin = include_str!("../templates/macros.html");
    let link = r#"<a class="actor-link" href="{{ actor.url }}">{{ actor.name }}</a>"#;
    let badge = &builtin[builtin.find(r#"<span class="stance stance-"#).expect("built-in badge")..];
    let badge = &badge[..badge.find('\n').unwrap()];
    let card = &builtin[builtin.find(r#"<li class="actor-card"#).expect("built-in card")..];
    let card = &card[..card.find("</li>").unwrap() + "</li>".len()];
    let date = r#"<time datetime="{{ d.iso }}">{{ d.text }}</time>"#;
    assert!(builtin.contains(link) && builtin.contains(date), "the built-in components changed: update this test");
    let macros = builtin
        .replace(link, r#"<a class="my-link" href="{{ actor.url }}">{{ actor.name }}</a>"#)
        .replace(badge, r#"<b class="my-badge">{{ stance.label }}</b>"#)
        .replace(card, r#"<li class="my-card">{{ actor.name }}</li>"#)
        .replace(date, r#"<i class="my-date">{{ d.iso }}</i>"#);
    site.write("templates/macros.html", &macros);
    assert_ok(&site.build());
    let briefing = site.page("briefings/first/index.html");
    assert!(briefing.contains(r#"<li class="my-card">Alice Ames</li>"#), "key actors");
    assert!(briefing.contains(r#"<a class="my-link" href="/actors/alice/">Alice Ames</a>"#), "stance table");
    assert!(briefing.contains(r#"<b class="my-badge">Supports</b>"#), "stance table");
    assert!(briefing.contains(r#"<i class="my-date">2025-01-10</i>"#), "the briefing's date");
    for builtin in [r#"class="stance-mark""#, r#"<li class="actor-card">"#, r#"class="actor-link""#, "<time"] {
        assert!(!briefing.contains(builtin), "{builtin}: a built-in component is left");
    }
    let question = site.page("questions/tax-cut/index.html");
    assert!(question.contains(r#"<b class="my-badge">Opposes</b>"#), "latest stance");
    assert!(question.contains(r#"<a class="my-link" href="/actors/alice/">"#), "history row");
    let actor = site.page("actors/alice/index.html");
    assert!(actor.contains(r#"<b class="my-badge">Supports</b>"#), "positions, rendered once each");
}

/// A page's JSON-LD and preview cards are made only for templates that
/// read them: through the page template, its parents, its includes, or a
/// component's implicit argument. Each of those ways still gets them.
#[test]
fn json_ld_and_previews_reach_every_way_a_template_can_read_them() {
    let site = sample_site();
    let page = r#"{% extends "base.html" %}{% block content %}{{ page.briefing.title }}{% endblock content %}"#;
    site.write("templates/briefing.html", page);
    site.write("templates/actor.html", page.replace("page.briefing.title", "page.actor.name").as_str());
    // The built-in base.html reads both; a base that reads neither:
    let blocks = "{% block title %}{% endblock title %}{% block head %}{% endblock head %}";
    site.write("templates/base.html", &format!("{blocks}<main>{{% block content %}}{{% endblock content %}}</main>"));
    assert_ok(&site.build());
    let plain = site.page("briefings/first/index.html");
    assert!(!plain.contains("ld+json") && !plain.contains("data-preview"), "{plain}");

    // Read through an include.
    let base = r#"{% include "partials/head.html" %}{% block content %}{% endblock content %}"#;
    site.write("templates/base.html", &format!("{blocks}{base}"));
    site.write(
        "templates/partials/head.html",
        r#"<script type="application/ld+json">{{ jsonld }}</script>{% for p in previews %}<i>{{ p.url }}</i>{% endfor %}"#,
    );
    assert_ok(&site.build());
    let included = site.page("briefings/first/index.html");
    assert_eq!(json_ld(&included)["@type"], "NewsArticle", "{included}");
    assert!(included.contains("<i>/actors/alice/</i>"), "{included}");

    // Read by a component from its caller, as an implicit argument.
    let builtin = include_str!("../templates/macros.html");
    site.write(
        "templates/macros.html",
        &format!(
            "{builtin}\n{}",
            r#"{% component ld(@jsonld) %}<script type="application/ld+json">{{ jsonld }}</script>{% endcomponent ld %}"#
        ),
    );
    site.write("templates/base.html", &format!("{blocks}{}", r#"{% block content %}{% endblock content %}{{<ld />}}"#));
    assert_ok(&site.build());
    let implicit = site.page("actors/alice/index.html");
    assert_eq!(json_ld(&implicit)["@type"], "Person", "{implicit}");
}

/// Builds `site` as of `now` (seconds since 1970), with `args`.
fn build_at(site: &TestSite, now: i64, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--root", site.root().to_str().unwrap()])
        .args(args)
        .env("SOURCE_DATE_EPOCH", now.to_string())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{err}");
    err
}

/// Every file of the built site holding `needle`.
fn files_with(site: &TestSite, needle: &str) -> Vec<String> {
    let files = common::files_under(&site.root().join("public"));
    files.into_iter().filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(needle)).map(|(f, _)| f).collect()
}

#[test]
fn a_scheduled_briefing_is_nowhere_until_its_time_and_an_expired_one_leaves_home_and_feeds() {
    let site = sample_site();
    site.write("dossier.yaml", "title: T\nbase_url: https://example.org/\n");
    site.briefing(
        "embargoed",
        "title: Embargoed story\ndate: 2025-06-01\npublish_date: 2025-06-01T06:00:00+02:00\npositions:\n  - actor: bob\n    question: tax-cut\n    stance: neutral\n    sources: [s]\nsources:\n  - id: s\n    title: Embargoed report\n",
        "Embargoed text.\n",
    );
    site.briefing(
        "faded",
        "title: Faded story\ndate: 2025-01-02\nexpiry_date: 2025-05-01\nactors: [alice]",
        "Old text.\n",
    );
    // 06:00 at +02:00 is 04:00 UTC: 1748750400. A second before, nothing
    // says the embargoed briefing exists: no page, list, feed, sitemap
    // entry or data file.
    let err = build_at(&site, 1_748_750_399, &[]);
    assert_eq!(files_with(&site, "mbargoed"), Vec::<String>::new(), "{err}");
    // The expired one stays, marked, in the lists and the sitemap, and
    // leaves the home page and every feed.
    let faded = site.page("briefings/faded/index.html");
    assert!(faded.contains("<strong>Archived:</strong> this briefing has not been kept up to date since 1 May 2025."));
    let with_faded = files_with(&site, "/briefings/faded/");
    assert!(with_faded.contains(&"briefings/index.html".to_owned()) && with_faded.contains(&"sitemap.xml".to_owned()));
    assert!(!with_faded.iter().any(|f| f == "index.html" || f.ends_with("atom.xml")), "{with_faded:?}");
    assert!(files_with(&site, "Faded story").contains(&"actors/alice/index.html".to_owned()));

    // At its moment it is everywhere a briefing is.
    build_at(&site, 1_748_750_400, &[]);
    let now = files_with(&site, "Embargoed story");
    for file in [
        "briefings/embargoed/index.html",
        "index.html",
        "atom.xml",
        "questions/tax-cut/index.html",
        "data/positions.json",
    ] {
        assert!(now.contains(&file.to_owned()), "{file}: {now:?}");
    }
    assert!(files_with(&site, "https://example.org/briefings/embargoed/").contains(&"sitemap.xml".to_owned()));
    assert!(!site.page("briefings/embargoed/index.html").contains("Scheduled:"));

    // Before it, `--drafts` previews it, saying so.
    build_at(&site, 1_748_750_399, &["--drafts", "--output", site.root().join("preview").to_str().unwrap()]);
    let preview = std::fs::read_to_string(site.root().join("preview/briefings/embargoed/index.html")).unwrap();
    assert!(
        preview.contains("<strong>Scheduled:</strong> this briefing is published on 1 June 2025; this is a preview.")
    );

    // Archived before it was dated: an error at the line.
    site.briefing("wrong", "title: Wrong\ndate: 2025-03-01\nexpiry_date: 2025-02-01", "Text.\n");
    let out = site.build();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("content/briefings/wrong.md:4:14: error: `expiry_date` (2025-02-01) is before the briefing's `date` (2025-03-01)"), "{err}");
}

/// Adds `line` to the front matter of `rel`, after its `date:`.
fn add_after_date(site: &TestSite, rel: &str, line: &str) {
    let path = site.root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    let date = text.find("\ndate:").unwrap() + 1;
    let end = date + text[date..].find('\n').unwrap() + 1;
    std::fs::write(&path, format!("{}{line}\n{}", &text[..end], &text[end..])).unwrap();
}

/// The titles of the briefings a page lists.
fn listed_titles(html: &str) -> Vec<String> {
    let item = |item: &str| text(&item[item.find("<h3>").unwrap()..item.find("</h3>").unwrap()]);
    html.split(r#"<li class="briefing-item">"#).skip(1).map(item).collect()
}

/// The authors' JSON-LD on a briefing (`first`) and an author's page (`ann`).
fn authors_json_ld(site: &TestSite, first: &str, ann: &str) {
    let out = site.root().join("public");
    let article = json_ld(first);
    assert_eq!(
        article["author"][0],
        serde_json::json!({"@type": "Person", "name": "Ann Writer", "url": "https://example.org/authors/ann/"})
    );
    assert_eq!(
        article["author"][1],
        serde_json::json!({"@type": "Organization", "name": "The Desk", "url": "https://example.org/authors/ben/"})
    );
    let desk = json_ld(&site.page("authors/ben/index.html"));
    assert_eq!(desk["mainEntity"]["description"], "Editors", "a desk has no job title: {desk}");
    assert!(desk["mainEntity"].get("jobTitle").is_none() && desk["mainEntity"].get("worksFor").is_none(), "{desk}");
    for who in article["author"].as_array().unwrap() {
        assert!(written(&out, "https://example.org/", who["url"].as_str().unwrap()), "{who}");
    }
    let profile = json_ld(ann);
    assert_eq!(profile["@type"], "ProfilePage");
    assert_eq!(profile["mainEntity"]["@type"], "Person");
    assert_eq!(profile["mainEntity"]["jobTitle"], "Correspondent");
    assert_eq!(profile["mainEntity"]["sameAs"][0], "https://example.net/ann");
}

#[test]
fn authors_get_bylines_pages_of_exactly_their_briefings_feeds_and_json_ld() {
    let site = sample_site();
    site.write("dossier.yaml", "title: T\nbase_url: https://example.org/\n");
    assert_ok(&site.build());
    let out = site.root().join("public");
    // A site without authors looks as it always has.
    let first = site.page("briefings/first/index.html");
    assert!(!out.join("authors").exists() && !first.contains("byline") && !first.contains(">Authors</a>"));
    assert!(json_ld(&first).get("author").is_none());

    site.write(
        "content/authors/ann.md",
        "---\nname: Ann Writer\nrole: Correspondent\nbio: Covers budgets.\nlinks: [https://example.net/ann]\n---\nAnn has covered budgets since 2010.\n",
    );
    site.write("content/authors/ben.md", "---\nname: The Desk\nkind: organization\nrole: Editors\n---\n");
    add_after_date(&site, "content/briefings/first.md", "authors: [ann, ben]");
    add_after_date(&site, "content/briefings/second.md", "authors: [ann]");
    assert_ok(&site.build());
    let first = site.page("briefings/first/index.html");
    let byline = r#"<p class="byline">By <a href="/authors/ann/" rel="author">Ann Writer</a> and <a href="/authors/ben/" rel="author">The Desk</a></p>"#;
    assert!(first.contains(byline), "{first}");
    assert!(site.page("briefings/index.html").contains(byline), "lists carry bylines too");
    assert!(first.contains(r#"href="/authors/">Authors</a>"#), "the menu has the section: {first}");
    let ann = site.page("authors/ann/index.html");
    assert_eq!(listed_titles(&ann), ["Second briefing", "First briefing"]);
    assert!(ann.contains("Covers budgets.") && ann.contains("since 2010") && ann.contains("https://example.net/ann"));
    assert_eq!(listed_titles(&site.page("authors/ben/index.html")), ["First briefing"]);
    let authors = site.page("authors/index.html");
    assert!(authors.contains("Ann Writer") && authors.contains("2 briefings") && authors.contains("1 briefing"));

    assert_eq!(check_feed(&out, "https://example.org/", "authors/ann/atom.xml"), ["Second briefing", "First briefing"]);
    let feed = std::fs::read_to_string(out.join("atom.xml")).unwrap();
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let entry = doc
        .descendants()
        .find(|n| n.has_tag_name((ATOM, "entry")) && child_text(*n, "title") == Some("First briefing"));
    let names: Vec<&str> = entry
        .unwrap()
        .children()
        .filter(|n| n.has_tag_name((ATOM, "author")))
        .filter_map(|a| child_text(a, "name"))
        .collect();
    assert_eq!(names, ["Ann Writer", "The Desk"]);

    authors_json_ld(&site, &first, &ann);

    let second = site.root().join("content/briefings/second.md");
    std::fs::write(&second, std::fs::read_to_string(&second).unwrap().replace("authors: [ann]", "authors: [zed]"))
        .unwrap();
    let out = site.build();
    let err = common::stderr(&out);
    assert!(!out.status.success() && err.contains("error: unknown author `zed`"), "{err}");
    assert!(err.contains("create content/authors/zed.md"), "{err}");
}

#[test]
fn a_correction_shows_on_its_briefing_the_histories_the_feeds_the_corrections_page_and_json_ld() {
    let site = sample_site();
    site.write("dossier.yaml", "title: T\nbase_url: https://example.org/\n");
    add_after_date(
        &site,
        "content/briefings/first.md",
        "corrections:\n  - date: 2025-02-01\n    text: An earlier version said she wanted *no* cut.\n    position: 1\nupdates:\n  - date: 2025-02-03\n    text: Added her speech.",
    );
    assert_ok(&site.build());
    let out = site.root().join("public");
    let first = site.page("briefings/first/index.html");
    assert!(first.contains(r#"<h2 id="notice-corrections">Correction</h2>"#), "{first}");
    assert!(first.contains("An earlier version said she wanted <em>no</em> cut."), "{first}");
    assert!(
        first.contains(r#"<h2 id="notice-updates">Updates</h2>"#) && first.contains("Added her speech."),
        "{first}"
    );
    for history in ["actors/alice/index.html", "questions/tax-cut/index.html"] {
        let page = site.page(history);
        assert!(page.contains(r#"<p class="correction-note"><strong>Corrected"#), "{history}: {page}");
        assert_eq!(page.matches("correction-note").count(), 1, "only the corrected position: {history}");
    }
    // A feed reader sees the briefing as updated on its last notice.
    let feed = std::fs::read_to_string(out.join("atom.xml")).unwrap();
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let entry = doc
        .descendants()
        .find(|n| n.has_tag_name((ATOM, "entry")) && child_text(*n, "title") == Some("First briefing"));
    assert_eq!(child_text(entry.unwrap(), "updated"), Some("2025-02-03T00:00:00Z"));
    assert_eq!(check_feed(&out, "https://example.org/", "corrections/atom.xml"), ["Correction: First briefing"]);
    let page = site.page("corrections/index.html");
    assert!(page.contains(r#"<a href="/briefings/first/#notice-corrections">First briefing</a>"#), "{page}");
    assert!(page.contains(r#"href="/corrections/atom.xml""#), "the page announces its feed: {page}");
    let article = json_ld(&first);
    assert_eq!(article["correction"][0]["@type"], "CorrectionComment");
    assert_eq!(article["correction"][0]["text"], "An earlier version said she wanted no cut.");
    assert_eq!(article["correction"][0]["datePublished"], "2025-02-01T00:00:00Z");
    assert_eq!(article["dateModified"], "2025-02-03T00:00:00Z");
    // Second has none: no box, no JSON-LD key; a site without any has no page.
    assert!(!site.page("briefings/second/index.html").contains(r#"id="notice-corrections""#));
}

#[test]
fn a_correction_from_the_future_before_the_briefing_or_of_a_missing_position_is_an_error() {
    let site = sample_site();
    add_after_date(
        &site,
        "content/briefings/first.md",
        "corrections:\n  - date: 2025-01-01\n    text: Too early.\n  - date: 2999-01-01\n    text: Too late.\n  - date: 2025-02-01\n    text: Which one?\n    position: 3",
    );
    let out = site.build();
    let err = common::stderr(&out);
    assert!(!out.status.success());
    assert!(err.contains("this correction (2025-01-01) is before the briefing's `date` (2025-01-10)"), "{err}");
    assert!(err.contains("this correction is dated in the future (2999-01-01)"), "{err}");
    assert!(err.contains("error: there is no position 3") && err.contains("this briefing has 1"), "{err}");
}
