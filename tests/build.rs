//! What a reader sees in a built site.

mod common;

use common::{assert_ok, broken_links, sample_site, text};

#[test]
fn actor_page_lists_every_briefing_and_position_naming_the_actor() {
    let site = sample_site();
    assert_ok(&site.build());
    let alice = site.page("actors/alice/index.html");
    assert!(alice.contains(r#"href="/briefings/first/""#), "first briefing missing");
    assert!(alice.contains(r#"href="/briefings/second/""#), "second briefing missing");
    let words = text(&alice);
    assert!(words.contains("Should taxes be cut?"), "{words}");
    assert!(words.contains("Cut them now."), "quote missing: {words}");
    assert!(words.contains("Supports") && words.contains("Opposes"), "{words}");
    // Bob is only in `actors:` of one briefing and linked from its body.
    let bob = site.page("actors/bob/index.html");
    assert!(bob.contains(r#"href="/briefings/first/""#));
    assert!(!bob.contains(r#"href="/briefings/second/""#));
}

#[test]
fn affiliation_appears_on_both_actors_pages() {
    let site = sample_site();
    assert_ok(&site.build());
    let alice = site.page("actors/alice/index.html");
    let acme = site.page("actors/acme/index.html");
    assert!(alice.contains(r#"href="/actors/acme/""#), "Alice's page lacks Acme");
    assert!(acme.contains(r#"href="/actors/alice/""#), "Acme's page lacks Alice");
    assert!(text(&acme).contains("Affiliated actors Alice Ames"), "{}", text(&acme));
}

#[test]
fn citation_renders_as_numbered_link_to_its_source() {
    let site = sample_site();
    assert_ok(&site.build());
    let html = site.page("briefings/first/index.html");
    assert!(html.contains(r##"<sup class="cite"><a href="#source-speech" id="cite-1">1</a></sup>"##), "{html}");
    assert!(html.contains(r#"<li id="source-speech" value="1">"#), "{html}");
    assert!(html.contains(r#"href="https://example.org/speech""#));
    assert!(text(&html).contains("Budget speech , Parliament"), "{}", text(&html));
}

#[test]
fn changed_stance_is_marked_in_the_history() {
    let site = sample_site();
    assert_ok(&site.build());
    let words = text(&site.page("actors/alice/index.html"));
    assert!(words.contains("Stance has changed over time"), "{words}");
    assert!(words.contains("Opposes Changed from supports"), "{words}");
    // Bob never changed anything.
    assert!(!text(&site.page("actors/bob/index.html")).contains("Changed from"));
    let question = text(&site.page("questions/tax-cut/index.html"));
    assert!(question.contains("Alice Ames ✗ Opposes 1 March 2025 Yes"), "{question}");
}

#[test]
fn wikilinks_by_alias_and_backlinks_work() {
    let site = sample_site();
    assert_ok(&site.build());
    let second = site.page("briefings/second/index.html");
    assert!(second.contains(r#"<a href="/actors/alice/" class="wikilink">the minister</a>"#), "{second}");
    assert!(text(&second).contains("Linked from First briefing"), "{}", text(&second));
    // Mentioned in a body, so Bob's page shows it.
    let first = site.page("briefings/first/index.html");
    assert!(first.contains(r#"<a href="/actors/bob/" class="wikilink">Bob Brown</a>"#));
}

#[test]
fn every_page_kind_is_generated_and_links_resolve() {
    let site = sample_site();
    let err = assert_ok(&site.build());
    // The one warning: no `base_url`, so the feeds' links have no host.
    assert!(err.contains("Built ") && err.contains(" 1 warning;") && err.contains("`base_url: /` is a path"), "{err}");
    for page in [
        "index.html",
        "404.html",
        "briefings/index.html",
        "actors/index.html",
        "questions/index.html",
        "questions/tax-cut/index.html",
        "topics/index.html",
        "topics/economy/index.html",
        "sources/index.html",
        "style.css",
    ] {
        assert!(site.root().join("public").join(page).is_file(), "{page} missing");
    }
    assert_eq!(broken_links(&site.root().join("public"), "/"), Vec::<String>::new());
    let sources = text(&site.page("sources/index.html"));
    assert!(sources.contains("Parliament 1 source") && sources.contains("Radio One 1 source"), "{sources}");
    let publisher = text(&site.page("sources/parliament/index.html"));
    assert!(publisher.contains("Budget speech Cited in First briefing"), "{publisher}");
}

#[test]
fn base_url_with_a_sub_path_prefixes_every_link() {
    let site = sample_site();
    site.write("dossier.yaml", "title: T\nbase_url: https://example.org/briefings/\n");
    assert_ok(&site.build());
    let home = site.page("index.html");
    assert!(home.contains(r#"<link rel="stylesheet" href="/briefings/style."#), "{home}");
    assert!(home.contains(r#"href="/briefings/briefings/first/""#), "{home}");
    assert_eq!(broken_links(&site.root().join("public"), "/briefings/"), Vec::<String>::new());
    // The command-line flag wins over the file.
    let out = site.run(&["build", "--base-url", "/docs"]);
    assert_ok(&out);
    assert!(site.page("index.html").contains(r#"href="/docs/actors/""#));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = sample_site();
    site.briefing("wip", "title: Work in progress\ndate: 2025-05-01\ndraft: true", "Not yet.\n");
    assert_ok(&site.build());
    assert!(!site.root().join("public/briefings/wip").exists());
    assert_ok(&site.run(&["build", "--drafts"]));
    assert!(site.root().join("public/briefings/wip/index.html").exists());
}

#[test]
fn site_templates_override_built_in_ones() {
    let site = sample_site();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}CUSTOM {{ page.title }}{% endblock %}",
    );
    site.write("content/about.md", "---\ntitle: About us\n---\nHi\n");
    site.write("static/robots.txt", "User-agent: *\n");
    assert_ok(&site.build());
    assert!(site.page("about/index.html").contains("CUSTOM About us"));
    assert_eq!(site.page("robots.txt"), "User-agent: *\n");
}

#[test]
fn markdown_features_render() {
    let site = sample_site();
    site.write(
        "content/notes.md",
        "---\ntitle: Notes\n---\n## One\n\n### Two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```rust\nfn main() {}\n```\n\n- [ ] todo\n\nText[^n].\n\n[^n]: A note.\n",
    );
    assert_ok(&site.build());
    let html = site.page("notes/index.html");
    for needle in [r#"<h2 id="one">"#, r##"href="#two""##, "<table>", "hl-", "type=\"checkbox\"", "footnote"] {
        assert!(html.contains(needle), "{needle} missing in {html}");
    }
}

#[test]
fn crlf_and_bom_are_accepted() {
    let site = sample_site();
    site.write_bytes("content/questions/other.md", b"\xEF\xBB\xBF---\r\ntitle: Other?\r\n---\r\nBody\r\n");
    assert_ok(&site.build());
    assert!(site.page("questions/other/index.html").contains("Other?"));
}

#[test]
fn autolink_links_first_mentions_of_involved_actors_when_enabled() {
    let site = sample_site();
    site.briefing(
        "third",
        "title: Third\ndate: 2025-04-01\nactors: [alice]",
        "Alice Ames spoke. Alice Ames left. Bob Brown watched.\n",
    );
    assert_ok(&site.build());
    assert!(!site.page("briefings/third/index.html").contains("autolink"), "off by default");
    site.write("dossier.yaml", "title: T\nautolink: true\n");
    assert_ok(&site.build());
    let html = site.page("briefings/third/index.html");
    assert_eq!(html.matches(r#"<a href="/actors/alice/" class="autolink">Alice Ames</a>"#).count(), 1, "{html}");
    assert!(!html.contains(r#"href="/actors/bob/" class="autolink""#), "Bob is not involved: {html}");
}

#[test]
fn the_broadsheet_theme_replaces_the_css_and_the_front_page_only() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = common::sample_site();
    let theme = repo.join("themes/broadsheet");
    for entry in walkdir::WalkDir::new(&theme).into_iter().flatten().filter(|e| e.file_type().is_file()) {
        let rel = entry.path().strip_prefix(repo).unwrap().to_str().unwrap().to_owned();
        site.write_bytes(&rel, &std::fs::read(entry.path()).unwrap());
    }
    site.write("dossier.yaml", "title: Test briefings\ntheme: broadsheet\n");
    common::assert_ok(&site.build());
    let public = site.root().join("public");
    assert_eq!(
        std::fs::read(public.join("style.css")).unwrap(),
        std::fs::read(theme.join("static/style.css")).unwrap()
    );
    // What the theme does not ship comes from the default theme.
    let default_js = std::fs::read(repo.join("themes/default/static/site.js")).unwrap();
    assert_eq!(std::fs::read(public.join("site.js")).unwrap(), default_js);
    let home = site.page("index.html");
    assert!(home.contains("<div class=\"front\">"), "the theme's front page: {home}");
    let lead = &home[home.find("front-lead").unwrap()..home.find("front-side").unwrap()];
    assert!(lead.find("Second briefing").unwrap() < lead.find("First briefing").unwrap(), "newest first: {lead}");
    let briefing = site.page("briefings/first/index.html");
    assert!(briefing.contains("class=\"briefing-layout\""), "built-in briefing template");
}

#[test]
fn a_build_counts_its_progress_for_the_terminal() {
    let site = sample_site();
    site.write("dossier.yaml", "title: Test briefings\nsearch: false\n");
    let progress = std::sync::Arc::new(dossier::progress::Progress::default());
    let options = dossier::BuildOptions { progress: Some(progress.clone()), ..dossier::BuildOptions::new(site.root()) };
    let report = dossier::build(&options).unwrap();
    let (stage, done, total) = progress.now();
    assert_eq!(stage, "Rendering pages");
    // Every page was counted; the open data files come on top of them.
    assert!(total > 10 && done == total && report.pages > total, "{done}/{total} of {}", report.pages);
    site.write("dossier.yaml", "title: Test briefings\nsearch: true\n");
    dossier::build(&options).unwrap();
    assert_eq!(progress.now().0, "Indexing for search");
}

/// The stylesheet and the script a page links, by its `href` or `src`.
fn linked_asset<'a>(page: &'a str, before: &str) -> &'a str {
    let start = page.find(before).unwrap_or_else(|| panic!("no {before} in {page}")) + before.len();
    &page[start..start + page[start..].find('"').unwrap()]
}

#[test]
fn pages_link_the_stylesheet_and_script_by_names_made_from_their_content() {
    let site = sample_site();
    assert_ok(&site.build());
    let public = site.root().join("public");
    let home = site.page("index.html");
    let style = linked_asset(&home, r#"<link rel="stylesheet" href="/"#).to_owned();
    let script = linked_asset(&home, r#"<script type="module" src="/"#).to_owned();
    assert!(style.starts_with("style.") && style.ends_with(".css") && style != "style.css", "{style}");
    assert!(script.starts_with("site.") && script.ends_with(".js") && script != "site.js", "{script}");
    // Each fingerprinted file is what the plain name holds.
    assert_eq!(std::fs::read(public.join(&style)).unwrap(), std::fs::read(public.join("style.css")).unwrap());
    assert_eq!(std::fs::read(public.join(&script)).unwrap(), std::fs::read(public.join("site.js")).unwrap());
    assert_eq!(broken_links(&public, "/"), Vec::<String>::new());

    // The site's own stylesheet wins, under a new name; the script keeps its.
    site.write("static/style.css", "body { color: #123456 }\n");
    assert_ok(&site.build());
    let home = site.page("index.html");
    let own = linked_asset(&home, r#"<link rel="stylesheet" href="/"#);
    assert_ne!(own, style, "a changed file is a new name");
    assert_eq!(std::fs::read_to_string(public.join(own)).unwrap(), "body { color: #123456 }\n");
    assert_eq!(linked_asset(&home, r#"<script type="module" src="/"#), script);
    assert!(!public.join(&style).exists(), "the old name is gone with the old file");
}

#[test]
fn the_home_page_counts_each_active_actors_positions_and_briefings() {
    let site = sample_site();
    assert_ok(&site.build());
    let home = site.page("index.html");
    let side = &home[home.find("id=\"active-actors\"").unwrap()..];
    // Ranked by both; an actor named in a briefing without a position of
    // its own says so rather than "0 positions" alone.
    assert!(side.contains(r#"<span class="actor-note">2 positions · 2 briefings</span>"#), "{side}");
    assert!(side.contains(r#"<span class="actor-note">0 positions · 1 briefing</span>"#), "{side}");
}
