//! Old addresses: `aliases` (an actor's `redirect_from`) leave a page at
//! each old URL that sends readers to the new one, and a `_redirects` file
//! for hosts that answer with a 301.

mod common;

use common::browser::Browser;
use common::http::Server;
use common::{TestSite, assert_ok, broken_links};

/// A briefing renamed from `old-name` (and once at `/2024/story/`), and an
/// actor whose id changed.
fn renamed() -> TestSite {
    let site = TestSite::new();
    site.write("dossier.yaml", "title: T\nbase_url: https://example.org/\n");
    site.actor("ana", "name: Ana Alves\naliases: [The Minister]\nredirect_from: [ana-alves]");
    site.briefing(
        "new-name",
        "title: Renamed\ndate: 2025-01-01\nactors: [ana]\naliases: [old-name, /2024/story/]",
        "Said by [[The Minister]].\n",
    );
    site
}

fn failed(site: &TestSite) -> String {
    let out = site.build();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "the build should fail:\n{err}");
    err
}

#[test]
fn each_old_address_sends_readers_to_the_new_page() {
    let site = renamed();
    assert_ok(&site.build());
    for (old, new) in [
        ("briefings/old-name/index.html", "/briefings/new-name/"),
        ("2024/story/index.html", "/briefings/new-name/"),
        ("actors/ana-alves/index.html", "/actors/ana/"),
    ] {
        let page = site.page(old);
        assert!(page.contains(&format!(r#"<meta http-equiv="refresh" content="0; url={new}">"#)), "{old}: {page}");
        assert!(page.contains(&format!(r#"<link rel="canonical" href="https://example.org{new}">"#)), "{old}");
        assert!(page.contains(r#"<meta name="robots" content="noindex">"#), "{old}");
    }
    // An actor's `aliases` stay other names: the wikilink found her by one.
    assert!(
        site.page("briefings/new-name/index.html")
            .contains(r#"<a href="/actors/ana/" class="wikilink">The Minister</a>"#)
    );
    let rules = site.page("_redirects");
    for line in [
        "/briefings/old-name/ /briefings/new-name/ 301",
        "/2024/story/ /briefings/new-name/ 301",
        "/actors/ana-alves/ /actors/ana/ 301",
    ] {
        assert!(rules.lines().any(|l| l == line), "{line} missing from _redirects:\n{rules}");
    }
    let sitemap = site.page("sitemap.xml");
    assert!(sitemap.contains("/briefings/new-name/") && !sitemap.contains("old-name") && !sitemap.contains("2024"));
    assert_eq!(broken_links(&site.root().join("public"), "/"), Vec::<String>::new());
}

#[test]
fn an_old_address_opened_in_a_browser_lands_on_the_new_page() {
    let site = renamed();
    let server = Server::start(site.root());
    let Some(browser) = Browser::start(800, 600) else { return };
    browser.open(&format!("{}/briefings/old-name/", server.base));
    browser.wait_for("location.pathname === '/briefings/new-name/' && document.readyState === 'complete'");
    assert_eq!(browser.eval("return document.querySelector('h1').textContent;"), serde_json::json!("Renamed"));
}

#[test]
fn an_alias_over_a_page_or_another_alias_is_an_error_naming_both_files() {
    let site = renamed();
    site.briefing("other", "title: Other\ndate: 2025-01-02\naliases: [new-name]", "Text.\n");
    let err = failed(&site);
    assert!(
        err.contains("content/briefings/other.md:4:11: error: alias `/briefings/new-name/` is already the address of `content/briefings/new-name.md`"),
        "{err}"
    );

    let site = renamed();
    site.write("content/about.md", "---\ntitle: About\naliases: [/2024/story/]\n---\nText.\n");
    let err = failed(&site);
    assert!(err.contains("content/about.md:3:11: error: alias `/2024/story/` is already the address of `content/briefings/new-name.md`"), "{err}");

    let site = renamed();
    site.write("content/about.md", "---\ntitle: About\naliases: [/briefings/]\n---\nText.\n");
    let err = failed(&site);
    assert!(err.contains("alias `/briefings/` is already the address of a page dossier makes"), "{err}");
}

#[test]
fn an_alias_that_is_no_address_is_an_error_at_its_place() {
    let site = renamed();
    site.write("content/about.md", "---\ntitle: About\naliases: [\"Old About\", /a/../b/]\n---\nText.\n");
    let err = failed(&site);
    assert!(err.contains("content/about.md:3:11: error: alias `Old About` is neither an id nor a path"), "{err}");
    assert!(
        err.contains("content/about.md:3:24: error: alias `/a/../b/` is not a path dossier can write a page at"),
        "{err}"
    );
}

#[test]
fn an_address_once_published_must_stay_an_alias_or_a_removal_notice() {
    let site = renamed();
    site.briefing("draft", "title: Draft\ndate: 2025-01-03\ndraft: true", "Not yet.\n");
    assert_ok(&site.build());
    assert_ok(&site.run(&["build", "--drafts"]));
    let published = site.page("../published-urls");
    assert!(!published.contains("draft"), "drafts never enter the list:\n{published}");
    let lines: Vec<&str> = published.lines().collect();
    let mut sorted = lines.clone();
    sorted.sort_unstable();
    assert_eq!(lines, sorted, "one address a line, sorted");
    assert!(lines.contains(&"/briefings/new-name/") && lines.contains(&"/actors/ana/") && lines.contains(&"/"));
    assert!(!lines.iter().any(|l| l.starts_with("/sources/g")), "publishers come and go: {lines:?}");

    // Renamed again, without an alias: the old address is named.
    std::fs::rename(site.root().join("content/briefings/new-name.md"), site.root().join("content/briefings/newer.md"))
        .unwrap();
    let line = lines.iter().position(|l| *l == "/briefings/new-name/").unwrap() + 1;
    let err = failed(&site);
    assert!(
        err.contains(&format!("published-urls:{line}:1: error: `/briefings/new-name/` was published and is gone")),
        "{err}"
    );
    assert!(err.contains("add `/briefings/new-name/` to the `aliases` of its new file"), "{err}");
    assert!(failed_check(&site).contains("`/briefings/new-name/` was published and is gone"));

    // With the alias it builds, and the list keeps both addresses.
    let text = std::fs::read_to_string(site.root().join("content/briefings/newer.md")).unwrap();
    site.write("content/briefings/newer.md", &text.replace("aliases: [old-name,", "aliases: [new-name, old-name,"));
    assert_ok(&site.build());
    let published = site.page("../published-urls");
    assert!(published.contains("/briefings/new-name/\n") && published.contains("/briefings/newer/\n"), "{published}");
    assert!(site.page("briefings/new-name/index.html").contains("url=/briefings/newer/"));
}

#[test]
fn a_page_taken_down_leaves_a_notice_saying_why() {
    let site = renamed();
    // (Another briefing of 2025 keeps the year's archive page.)
    site.briefing("kept", "title: Kept\ndate: 2025-01-02", "Text.\n");
    assert_ok(&site.build());
    std::fs::remove_file(site.root().join("content/briefings/new-name.md")).unwrap();
    site.write(
        "dossier.yaml",
        "title: T\nbase_url: https://example.org/\nremoved:\n  - url: /briefings/new-name/\n    reason: \"Retracted on 2 March 2025: the source withdrew its account.\"\n  - url: /2024/story/\n    reason: Retracted.\n  - url: /briefings/old-name/\n    reason: Retracted.\n",
    );
    assert_ok(&site.build());
    let notice = site.page("briefings/new-name/index.html");
    assert!(
        notice.contains("<h1>This page was removed</h1>") && notice.contains("the source withdrew its account"),
        "{notice}"
    );
    assert!(notice.contains(r#"<meta name="robots" content="noindex">"#), "{notice}");
    assert!(!site.page("sitemap.xml").contains("new-name"));

    // A notice where a page stands is an error at its line.
    site.briefing("back", "title: Back\ndate: 2025-01-05", "Text.\n");
    site.write(
        "dossier.yaml",
        &site.page("../dossier.yaml").replace("removed:\n", "removed:\n  - url: /briefings/back/\n    reason: No.\n"),
    );
    let err = failed(&site);
    assert!(
        err.contains(
            "dossier.yaml:4:10: error: `removed:` lists `/briefings/back/`, the address of `content/briefings/back.md`"
        ),
        "{err}"
    );
}

fn failed_check(site: &TestSite) -> String {
    let out = site.run(&["check"]);
    assert!(!out.status.success());
    String::from_utf8_lossy(&out.stderr).into_owned()
}
