//! The source library: sources declared once under `content/sources/`,
//! cited by id from any briefing, each with a page of what cites it.

mod common;

use common::{TestSite, assert_ok, broken_links, stderr, text};

const LIBRARY: &str = "- id: un-report\n  title: UN report on the ceasefire\n  publisher: United Nations\n  url: https://example.org/un\n  date: 2025-02-01\n  kind: primary\n- id: wire\n  title: Wire story\n  publisher: Agency\n  url: https://example.org/wire\n";

/// Three briefings: two cite the UN report (one in its text, one only in a
/// position), the third cites nothing from the library.
fn site() -> TestSite {
    let site = TestSite::new();
    site.write("dossier.yaml", "title: T\nbase_url: https://example.org/\n");
    site.actor("alice", "name: Alice Ames\nkind: person");
    site.question("q", "Should it pass?");
    site.write("content/sources/reports.yaml", LIBRARY);
    let position = |source: &str| {
        format!("positions:\n  - actor: alice\n    question: q\n    stance: supports\n    sources: [{source}]\n")
    };
    site.briefing(
        "one",
        &format!("title: One\ndate: 2025-03-01\n{}", position("un-report")),
        "As the UN said [@un-report].\n",
    );
    site.briefing(
        "two",
        &format!("title: Two\ndate: 2025-03-05\n{}sources:\n  - id: own\n    title: Own note\n", position("un-report")),
        "A note [@own].\n",
    );
    site.briefing(
        "three",
        &format!("title: Three\ndate: 2025-03-09\n{}sources:\n  - id: own\n    title: Another note\n", position("own")),
        "Nothing from the library.\n",
    );
    site
}

#[test]
fn a_library_source_is_cited_from_any_briefing_and_its_page_lists_exactly_its_citers() {
    let site = site();
    let err = assert_ok(&site.build());
    assert!(!err.contains("warning:"), "{err}");
    let one = site.page("briefings/one/index.html");
    assert!(one.contains(r##"<a href="#source-un-report" id="cite-1">1</a>"##), "{one}");
    assert!(one.contains(r#"href="/sources/un-report/""#), "the list links the source's page: {one}");
    let two = site.page("briefings/two/index.html");
    // Cited by a position only: listed after the text's own citations.
    let (own, un) = (two.find("Own note").unwrap(), two.find("UN report on the ceasefire").unwrap());
    assert!(own < un, "{two}");

    let page = site.page("sources/un-report/index.html");
    let cited: Vec<String> = page
        .split(r#"<li class="briefing-item">"#)
        .skip(1)
        .map(|item| text(&item[item.find("<h3>").unwrap()..item.find("</h3>").unwrap()]))
        .collect();
    assert_eq!(cited, ["Two", "One"], "exactly its citing briefings, newest first");
    assert_eq!(page.matches(r#"<li class="position"#).count(), 2, "both positions resting on it: {page}");
    assert!(page.contains("United Nations") && page.contains(r#"href="https://example.org/un""#), "{page}");
    assert!(page.contains(r#"href="/sources/united-nations/""#), "its publisher's page: {page}");
    let publisher = site.page("sources/united-nations/index.html");
    assert!(publisher.contains(r#"<a href="/sources/un-report/">UN report on the ceasefire</a>"#), "{publisher}");
    assert!(
        !site.root().join("public/sources/wire").exists()
            || site.page("sources/wire/index.html").contains("No briefing")
    );
    assert!(broken_links(&site.root().join("public"), "/").is_empty());

    // Open data: the source once, under its own id.
    let csl: Vec<serde_json::Value> = serde_json::from_str(&site.page("data/sources.csl.json")).unwrap();
    let un: Vec<&serde_json::Value> = csl.iter().filter(|s| s["title"] == "UN report on the ceasefire").collect();
    assert_eq!(un.len(), 1, "{csl:?}");
    assert_eq!(un[0]["id"], "un-report");
}

#[test]
fn an_id_in_two_places_is_an_error_naming_both_files() {
    let site = site();
    site.write("content/sources/more.yaml", "- id: wire\n  title: Another wire story\n");
    site.briefing(
        "four",
        "title: Four\ndate: 2025-03-10\nsources:\n  - id: un-report\n    title: My own copy\n",
        "Text [@un-report].\n",
    );
    let err = stderr(&site.build());
    // Files are read in name order: `more.yaml` first.
    assert!(err.contains("content/sources/reports.yaml:7:7: error: source `wire` is already in the library"), "{err}");
    assert!(err.contains("content/sources/more.yaml defines it too"), "{err}");
    assert!(
        err.contains("content/briefings/four.md:5:9: error: source `un-report` is also in the library (content/sources/reports.yaml)"),
        "{err}"
    );
}

#[test]
fn an_unknown_source_hints_at_the_library_and_a_bad_library_file_is_an_error_at_its_line() {
    let site = site();
    site.briefing("four", "title: Four\ndate: 2025-03-10", "Text [@un-reprot].\n");
    let err = stderr(&site.build());
    assert!(err.contains("unknown source `un-reprot`") && err.contains("did you mean `un-report`?"), "{err}");
    site.briefing("four", "title: Four\ndate: 2025-03-10", "Text.\n");
    site.write("content/sources/reports.yaml", "- id: un-report\n  titel: UN report\n");
    let err = stderr(&site.build());
    assert!(err.contains("content/sources/reports.yaml:2:3: error"), "{err}");
    assert!(err.contains("titel"), "{err}");
}
