//! Links between pages written as file paths, wikilinks to plain pages and
//! root-relative links: rewritten to the pages' URLs under the base path,
//! and checked (the file, the heading, the address).

mod common;

use common::{TestSite, assert_ok, attr_values, broken_links, sample_site, stderr};

/// The sample site with a methodology page in a folder of its own, and a
/// briefing linking to it and to the other briefing every way there is.
fn linked(body: &str) -> TestSite {
    let site = sample_site();
    site.write(
        "content/guides/methodology.md",
        "---\ntitle: Our methodology\n---\n## How we source\n\nText.\n\n## Corrections\n\nMore. Back to [the first](../briefings/first.md).\n",
    );
    site.briefing("third", "title: Third briefing\ndate: 2025-04-01", body);
    site
}

fn build_with_base(site: &TestSite, base: &str) -> std::process::Output {
    site.run(&["build", "--root", site.root().to_str().unwrap(), "--base-url", base])
}

#[test]
fn links_to_content_files_become_their_pages_urls_under_the_base_path() {
    let site = linked(
        "See [the method](../guides/methodology.md#how-we-source), [the first](first.md), \
         [from content](@/briefings/second.md) and [[methodology]], [[pages/methodology|the method page]].\n\n\
         Also [home](/), [about us](/guides/) no, [the sitemap](/sitemap.xml) and [the actor](/actors/alice/).\n",
    );
    site.write("static/guides/index.html", "<!doctype html><title>g</title>");
    let out = build_with_base(&site, "https://example.org/sub/");
    let err = assert_ok(&out);
    assert!(!err.contains("warning:"), "{err}");
    let page = site.page("briefings/third/index.html");
    let hrefs = attr_values(&page, "href");
    for url in [
        "/sub/methodology/#how-we-source",
        "/sub/briefings/first/",
        "/sub/briefings/second/",
        "/sub/methodology/",
        "/sub/",
        "/sub/guides/",
        "/sub/sitemap.xml",
        "/sub/actors/alice/",
    ] {
        assert!(hrefs.contains(&url), "{url} in {hrefs:?}");
    }
    assert!(page.contains(">Our methodology</a>") && page.contains(">the method page</a>"), "{page}");
    let back = site.page("methodology/index.html");
    assert!(attr_values(&back, "href").contains(&"/sub/briefings/first/"), "{back}");
    assert!(broken_links(&site.root().join("public"), "/sub/").is_empty());
}

#[test]
fn a_moved_target_file_makes_the_link_an_error_with_a_did_you_mean() {
    let site = linked("See [the method](../guides/methodology.md).\n");
    assert_ok(&site.build());
    std::fs::rename(site.root().join("content/guides"), site.root().join("content/pages")).unwrap();
    let out = site.build();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("content/briefings/third.md:5:18: error: no content file `../guides/methodology.md`"), "{err}");
    assert!(err.contains("did you mean `../pages/methodology.md`?"), "{err}");
}

#[test]
fn a_fragment_must_be_a_heading_of_the_linked_page() {
    let site = linked("See [the method](../guides/methodology.md#how-we-sourced).\n");
    let err = stderr(&site.build());
    assert!(err.contains("third.md:5:18: error: `../guides/methodology.md#how-we-sourced`: the page has no such heading"), "{err}");
    assert!(err.contains("did you mean `#how-we-source`?"), "{err}");
    // A briefing's own sections (its template makes `#sources`) are there.
    let site = linked("See [its sources](first.md#sources) and [[methodology#corrections]].\n");
    assert_ok(&site.build());
}

#[test]
fn a_link_out_of_the_site_or_to_a_missing_draft_says_why() {
    let site = linked("See [x](../../../etc/passwd.md) and [y](draft.md).\n");
    site.briefing("draft", "title: Draft\ndate: 2025-01-01\ndraft: true", "Not yet.\n");
    let err = stderr(&site.build());
    assert!(err.contains("climbs above the site's folder"), "{err}");
    assert!(err.contains("no content file `draft.md`") && err.contains("is a draft"), "{err}");
    site.briefing("third", "title: Third briefing\ndate: 2025-04-01", "See [y](draft.md).\n");
    assert_ok(&site.run(&["build", "--drafts", "--root", site.root().to_str().unwrap()]));
}

#[test]
fn a_root_relative_link_to_nothing_the_build_writes_is_reported_by_build_and_check() {
    let site = linked("See [gone](/nowhere/) and ![chart](/img/chart.svg), but [kept](https://example.org/x.md).\n");
    for args in [&["build"][..], &["check"]] {
        let out = site.run(&[args, &["--root", site.root().to_str().unwrap()]].concat());
        let err = assert_ok(&out);
        assert!(err.contains("third.md:5:12: warning: `/nowhere/` is no page or file of this site"), "{err}");
        assert!(err.contains("`/img/chart.svg` is no page"), "{err}");
        assert_eq!(err.matches("is no page or file").count(), 2, "{err}");
    }
    site.write("static/img/chart.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
    let err = assert_ok(&site.build());
    assert!(!err.contains("`/img/chart.svg` is no page") && err.contains("`/nowhere/` is no page"), "{err}");
    assert!(site.page("briefings/third/index.html").contains(r#"href="https://example.org/x.md""#));
}
