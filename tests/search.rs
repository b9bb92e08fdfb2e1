//! Full-text search, run the way a reader runs it: the search page's script
//! in headless Chromium against `dossier serve`, querying the Pagefind index.

mod common;

use std::path::Path;

use common::browser::Browser;
use common::http::Server;

/// Opens the search page with `query` and waits for the search to finish.
fn search(browser: &Browser, server: &Server, query: &str) -> Vec<(String, String)> {
    browser.open(&format!("{}/search/?{query}", server.base));
    browser.wait_for("/result/.test(document.querySelector('[data-search-status]').textContent)");
    results(&browser.html())
}

/// The results list of a dumped search page: (title, href) per result.
fn results(dom: &str) -> Vec<(String, String)> {
    let list = dom.split("data-search-results").nth(1).expect("results list").split("</ol>").next().unwrap();
    list.split("<li class=\"search-result\">")
        .skip(1)
        .map(|item| {
            let href = common::attr_values(item, "href").first().copied().unwrap_or_default().to_owned();
            let title = common::text(item.split("</a>").next().unwrap());
            (title, href)
        })
        .collect()
}

#[test]
fn search_finds_a_briefing_by_a_body_word_and_filters_by_actor() {
    let Some(browser) = Browser::start(1280, 800) else { return };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The word is in this briefing's body and nowhere else in the site's
    // sources, so only the full text can find it.
    let word = "implication";
    let hits: Vec<_> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| t.to_lowercase().contains(word)))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(hits, ["kremlin-rejects-foreign-troops.md"]);
    let briefing = std::fs::read_to_string(root.join("content/briefings/kremlin-rejects-foreign-troops.md")).unwrap();
    let front_matter = briefing.split("---").nth(1).unwrap();
    assert!(!front_matter.contains(word) && briefing.contains(word));

    let server = Server::start_with(root, &["--no-reload"]);
    // `serve` builds the index after the pages, in the background.
    server.wait_log("Search index updated");
    let search = |query: &str| search(&browser, &server, query);
    let found = search(&format!("q={word}"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "/briefings/kremlin-rejects-foreign-troops/");
    assert!(found[0].0.contains("legitimate targets"), "{found:?}");

    // Filtering by an actor of that briefing keeps it; by another, drops it.
    assert_eq!(search(&format!("q={word}&actor=Vladimir+Putin")), found);
    assert_eq!(search(&format!("q={word}&actor=Donald+Trump")), []);
    // A filter alone lists what it matches: the actor's briefings and page.
    let putin = search("actor=Vladimir+Putin");
    assert!(putin.iter().any(|(_, href)| href == "/actors/vladimir-putin/"), "{putin:?}");
    assert!(putin.iter().any(|(_, href)| href == "/briefings/kremlin-rejects-foreign-troops/"), "{putin:?}");
    assert!(putin.iter().all(|(_, href)| !href.contains("us-air-role")), "Putin is not in that briefing: {putin:?}");
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}

#[test]
fn search_results_show_page_text_as_text() {
    let Some(browser) = Browser::start(1280, 800) else { return };
    let site = common::sample_site();
    site.write("dossier.yaml", "title: Test briefings\nsearch: true\n");
    site.briefing(
        "hostile",
        "title: Markup <b>in</b> a title\ndate: 2025-05-05",
        "The payload `<img src=x onerror=\"document.title='pwned'\">` zanzibarian and more.\n",
    );
    let server = Server::start_with(site.root(), &["--no-reload"]);
    server.wait_log("Search index updated");
    let found = search(&browser, &server, "q=zanzibarian");
    let dom = browser.html();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "Markup <b>in</b> a title", "the title is text");
    assert!(!dom.contains("<img src=\"x\""), "the excerpt's markup stays text:\n{dom}");
    assert!(dom.contains("&lt;img src=x"), "{dom}");
    assert_ne!(browser.eval("return document.title;"), "pwned");
    assert!(dom.contains("<mark>zanzibarian</mark>"), "matches are marked: {dom}");
}

#[test]
fn each_language_searches_its_own_pages() {
    let Some(browser) = Browser::start(1280, 800) else { return };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let server = Server::start_with(root, &["--no-reload"]);
    server.wait_log("Search index updated");
    let search = |query: &str| {
        browser.open(&format!("{}/fr/search/?{query}", server.base));
        browser.wait_for("/résultat/.test(document.querySelector('[data-search-status]').textContent)");
        results(&browser.html())
    };
    // French words find the French pages.
    let found = search("q=diplomatie");
    assert!(found.iter().any(|(_, href)| href == "/fr/briefings/kremlin-rejects-foreign-troops/"), "{found:?}");
    assert!(found.iter().all(|(_, href)| href.starts_with("/fr/")), "{found:?}");
    assert!(found.iter().any(|(title, _)| title.contains("cibles légitimes")), "{found:?}");
    // The English body's word is in no French page.
    assert_eq!(search("q=implication"), []);
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}
