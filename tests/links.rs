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
    assert!(
        err.contains("content/briefings/third.md:5:18: error: no content file `../guides/methodology.md`"),
        "{err}"
    );
    assert!(err.contains("did you mean `../pages/methodology.md`?"), "{err}");
}

#[test]
fn a_fragment_must_be_a_heading_of_the_linked_page() {
    let site = linked("See [the method](../guides/methodology.md#how-we-sourced).\n");
    let err = stderr(&site.build());
    assert!(
        err.contains("third.md:5:18: error: `../guides/methodology.md#how-we-sourced`: the page has no such heading"),
        "{err}"
    );
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

/// A briefing whose summary, position summary and quote hold Markdown.
fn with_markdown_in_front_matter(quote: &str) -> TestSite {
    let site = sample_site();
    site.write("content/about.md", "---\ntitle: About us\n---\n## Corrections\n\nWe correct.\n");
    site.briefing(
        "third",
        &format!(
            "title: Third briefing\ndate: 2025-04-01\nsummary: \"[[alice]] *changes* course, see [our rules](../about.md#corrections).\"\n\
             positions:\n  - actor: bob\n    question: tax-cut\n    stance: opposes\n    summary: Now **firmly** against [[questions/tax-cut]].\n\
             \x20   quote: {quote}\n    sources: [note]\nsources:\n  - id: note\n    title: A note\n"
        ),
        "Body [@note].\n",
    );
    site
}

#[test]
fn summaries_and_quotes_render_inline_markdown_on_pages_and_plain_words_elsewhere() {
    let site = with_markdown_in_front_matter("\"We will *not* <b>cut</b>.\"");
    let err = assert_ok(&build_with_base(&site, "https://example.org/"));
    assert!(!err.contains("warning:"), "{err}");
    let page = site.page("briefings/third/index.html");
    assert!(
        page.contains(r#"<a href="/actors/alice/" class="wikilink">Alice Ames</a> <em>changes</em> course"#),
        "{page}"
    );
    assert!(page.contains(r#"<a href="/about/#corrections">our rules</a>"#), "{page}");
    assert!(page.contains("Now <strong>firmly</strong> against <a href=\"/questions/tax-cut/\" class=\"wikilink\">Should taxes be cut?</a>"), "{page}");
    // Raw HTML in a quote is shown as written, never passed through.
    assert!(page.contains("We will <em>not</em> &lt;b&gt;cut&lt;/b&gt;.") && !page.contains("<b>cut"), "{page}");
    let actor = site.page("actors/bob/index.html");
    assert!(actor.contains("Now <strong>firmly</strong> against"), "{actor}");
    assert!(site.page("briefings/index.html").contains("<em>changes</em> course"));
    // Words alone where HTML has no place: meta tags, feeds, JSON-LD, data.
    let words = "Alice Ames changes course, see our rules.";
    assert!(page.contains(&format!(r#"<meta name="description" content="{words}">"#)), "{page}");
    assert!(page.contains(&format!(r#""description":"{words}""#)), "{page}");
    let feed = site.page("atom.xml");
    assert!(feed.contains(&format!("<summary>{words}</summary>")), "{feed}");
    let data = site.page("data/positions.json");
    assert!(data.contains(r#""summary":"Now firmly against Should taxes be cut?.""#), "{data}");
    assert!(data.contains(r#""quote":"We will not <b>cut</b>.""#), "{data}");
}

#[test]
fn a_wrong_link_in_front_matter_text_is_an_error_at_that_value() {
    let site = with_markdown_in_front_matter("\"As [[nobdy]] said, see [x](../gone.md).\"");
    let err = stderr(&site.build());
    assert!(err.contains("content/briefings/third.md:10:12: error: unknown actor `nobdy`"), "{err}");
    assert!(err.contains("content/briefings/third.md:10:12: error: no content file `../gone.md`"), "{err}");
}
