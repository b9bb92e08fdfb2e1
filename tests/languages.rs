//! A site in several languages: each language's pages under `/<code>/`,
//! the same facts in every language, translations linked both ways, and
//! a page without a translation shown in the default language, marked.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{TestSite, assert_ok, attr_values, broken_links, text};

/// English by default, French and Ukrainian besides; one briefing with
/// two positions, translated into French only; one actor translated.
fn site() -> TestSite {
    let site = TestSite::new();
    site.write("dossier.yaml", "title: Test\nsearch: true\nlanguages:\n  - code: fr\n    title: Essai\n  - code: uk\n");
    site.actor("jane-doe", "name: Jane Doe\nkind: person\nrole: Mayor\naliases: [the mayor]");
    site.actor("acme", "name: Acme Party\nkind: organization");
    site.question("monitors", "Should monitors be sent?");
    site.briefing(
        "summit",
        "title: The summit\ndate: 2025-09-04\nsummary: Who wants monitors.\npositions:\n  - actor: jane-doe\n    \
         question: monitors\n    stance: supports\n    quote: We will send them.\n    sources: [s]\n  - actor: acme\n    \
         question: monitors\n    stance: opposes\n    sources: [s]\n\
         sources:\n  - id: s\n    title: The statement\n    url: https://example.org/s",
        "[[Jane Doe]] spoke first [@s].\n",
    );
    site.briefing(
        "later",
        "title: Later talks\ndate: 2025-09-10\npositions:\n  - actor: acme\n    question: monitors\n    \
         stance: conditional\n    sources: [s]\nsources:\n  - id: s\n    title: A report\n    url: https://example.org/r",
        "Talks went on; see [how to read](../about.md#how-to-read).\n",
    );
    site.write("content/about.md", "---\ntitle: About\n---\n## How to read\n\nSlowly.\n");
    site.write("content/about.fr.md", "---\ntitle: À propos\n---\n## Comment lire\n\nLentement.\n");
    site.write(
        "content/briefings/summit.fr.md",
        "---\ntitle: Le sommet\nsummary: Qui veut des observateurs.\npositions:\n  - summary: Elle est pour.\n    \
         quote: Nous les enverrons.\n---\n[[Jeanne Doe]] a parlé la première [@s] ; [[the mayor]] a conclu.\n",
    );
    site.write("content/actors/jane-doe.fr.md", "---\nname: Jeanne Doe\nrole: Maire\naliases: [la maire]\n---\n");
    site
}

/// The `<link rel="alternate" hreflang>` of a page: language → URL.
fn alternates(html: &str) -> BTreeMap<String, String> {
    html.lines()
        .filter(|l| l.starts_with("<link rel=\"alternate\" hreflang="))
        .map(|l| (attr_values(l, "hreflang")[0].to_owned(), attr_values(l, "href")[0].to_owned()))
        .collect()
}

fn html_files(out: &Path) -> Vec<std::path::PathBuf> {
    let files = walkdir::WalkDir::new(out).into_iter().flatten().map(|e| e.into_path());
    files.filter(|p| p.extension().is_some_and(|e| e == "html")).collect()
}

#[test]
fn every_language_has_every_page_under_its_code_in_its_words() {
    let site = site();
    assert_ok(&site.build());
    let fr = site.page("fr/briefings/summit/index.html");
    assert!(fr.contains("<html lang=\"fr\">") && fr.contains("<title>Le sommet — Essai</title>"), "{fr}");
    // The translated body links within the language, and cites the original's source.
    assert!(fr.contains("href=\"/fr/actors/jane-doe/\"") && text(&fr).contains("a parlé la première"), "{fr}");
    // By its English name too.
    assert_eq!(fr.matches("<a href=\"/fr/actors/jane-doe/\" class=\"wikilink\">").count(), 2, "{fr}");
    assert!(fr.contains("https://example.org/s"), "the original's source is cited");
    // Interface words in French; assets shared at the root.
    assert!(fr.contains("href=\"/favicon.svg\"") && fr.contains("src=\"/site."), "{fr}");
    let uk = site.page("uk/briefings/summit/index.html");
    assert!(uk.contains("<html lang=\"uk\">") && uk.contains("<title>The summit — Test</title>"), "{uk}");
    for page in ["index.html", "actors/index.html", "questions/monitors/index.html", "atom.xml", "search/index.html"] {
        assert!(site.root().join("public/fr").join(page).is_file(), "no fr/{page}");
        assert!(site.root().join("public/uk").join(page).is_file(), "no uk/{page}");
    }
    // One 404 page, sitemap and robots.txt for the whole site.
    for shared in ["404.html", "sitemap.xml", "robots.txt"] {
        assert!(!site.root().join("public/fr").join(shared).exists(), "fr/{shared} should not exist");
    }
    // The French feed is in French, of French pages.
    let feed = site.page("fr/atom.xml");
    assert!(feed.contains("xml:lang=\"fr\"") && feed.contains("Le sommet") && feed.contains("/fr/briefings/summit/"));
    let problems = broken_links(&site.root().join("public"), "/");
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn an_actor_page_shows_the_same_positions_once_in_every_language() {
    let site = site();
    assert_ok(&site.build());
    let count = |rel: &str| site.page(rel).matches("<li class=\"position").count();
    for actor in ["jane-doe", "acme"] {
        let en = count(&format!("actors/{actor}/index.html"));
        assert_eq!(en, if actor == "acme" { 2 } else { 1 });
        assert_eq!(count(&format!("fr/actors/{actor}/index.html")), en, "{actor} in French");
        assert_eq!(count(&format!("uk/actors/{actor}/index.html")), en, "{actor} in Ukrainian");
    }
    let fr = site.page("fr/actors/jane-doe/index.html");
    assert!(fr.contains("Jeanne Doe") && fr.contains("Maire") && text(&fr).contains("Elle est pour."), "{fr}");
    // Its French names are shown; its English ones still link (above).
    assert!(fr.contains("la maire") && !fr.contains("the mayor"), "{fr}");
    // The quote in French is marked as a translation, the words as said beside it.
    assert!(fr.contains("Nous les enverrons.") && fr.contains("<q lang=\"en\">We will send them.</q>"), "{fr}");
    assert!(text(&fr).contains("Notre traduction."), "{fr}");
    let en = site.page("actors/jane-doe/index.html");
    assert!(!en.contains("quote-original"), "the original's quote is its own: {en}");
}

#[test]
fn hreflang_pairs_are_symmetric_and_every_alternate_exists() {
    let site = site();
    assert_ok(&site.build());
    let out = site.root().join("public");
    let mut checked = 0;
    for file in html_files(&out) {
        let html = std::fs::read_to_string(&file).unwrap();
        let links = alternates(&html);
        let url = {
            let rel = file.strip_prefix(&out).unwrap().to_string_lossy().replace('\\', "/");
            format!("/{}", rel.strip_suffix("index.html").unwrap_or(&rel))
        };
        for (lang, href) in &links {
            let target = out.join(href.trim_start_matches('/')).join("index.html");
            assert!(target.is_file(), "{url}: hreflang {lang} → {href} does not exist");
            if lang == "x-default" {
                continue;
            }
            let back = alternates(&std::fs::read_to_string(&target).unwrap());
            assert!(back.values().any(|u| *u == url), "{href} does not link back to {url}: {back:?}");
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} alternates");
    // The translated briefing names its two translated versions.
    let en = alternates(&site.page("briefings/summit/index.html"));
    assert_eq!(
        en.into_iter().collect::<Vec<_>>(),
        [
            ("en".into(), "/briefings/summit/".into()),
            ("fr".into(), "/fr/briefings/summit/".into()),
            ("x-default".into(), "/briefings/summit/".into())
        ]
    );
    // The sitemap lists each translated page with its alternates, and no
    // untranslated copy.
    let sitemap = site.page("sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert!(
        sitemap.contains("<loc>/fr/briefings/summit/</loc>") && !sitemap.contains("<loc>/fr/briefings/later/</loc>")
    );
    assert!(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"fr\" href=\"/fr/briefings/summit/\"/>"));
}

#[test]
fn a_page_without_a_translation_is_shown_in_the_default_language_and_says_so() {
    let site = site();
    assert_ok(&site.build());
    let later = site.page("fr/briefings/later/index.html");
    assert!(later.contains("<html lang=\"fr\">"), "the interface is French");
    assert!(later.contains("<main id=\"main\" class=\"wrap\" lang=\"en\">"), "the content is marked English");
    assert!(text(&later).contains("Cette page n’est pas encore traduite"), "{later}");
    assert!(later.contains("<link rel=\"canonical\" href=\"/briefings/later/\">"), "a copy points to the original");
    assert!(alternates(&later).is_empty(), "a copy is no alternate");
    // The switcher still offers every language's version.
    for url in ["/briefings/later/", "/fr/briefings/later/", "/uk/briefings/later/"] {
        assert!(later.contains(&format!("<a href=\"{url}\"")), "no switcher link to {url}");
    }
    // Its link to a heading the translation of its target lacks leads to
    // the page (in English, to the heading).
    assert!(later.contains("href=\"/fr/about/\">how to read") && !later.contains("#how-to-read"), "{later}");
    assert!(site.page("briefings/later/index.html").contains("href=\"/about/#how-to-read\""));
    let translated = site.page("fr/briefings/summit/index.html");
    assert!(!translated.contains("fallback-note") && !translated.contains("class=\"wrap\" lang="), "{translated}");
}

#[test]
fn search_indexes_each_language_apart() {
    let site = site();
    assert_ok(&site.build());
    let entry = site.page("pagefind/pagefind-entry.json");
    for lang in ["\"en\"", "\"fr\"", "\"uk\""] {
        assert!(entry.contains(lang), "no {lang} index: {entry}");
    }
    // A regional tag: Pagefind's script asks for the page's `lang` in
    // lowercase, and finds it.
    site.write("dossier.yaml", "title: Test\nsearch: true\nlanguages:\n  - code: fr\n  - code: pt-BR\n");
    // Ukrainian's addresses, published by the first build, are gone:
    // taking a language down is a decision the list records.
    let err = common::stderr(&site.build());
    assert!(err.contains("`/uk/actors/` was published and is gone [E0204]"), "{err}");
    std::fs::remove_file(site.root().join("published-urls")).unwrap();
    assert_ok(&site.build());
    assert!(site.page("pt-br/briefings/summit/index.html").contains("<html lang=\"pt-BR\">"));
    let entry = site.page("pagefind/pagefind-entry.json");
    assert!(entry.contains("\"pt-br\":") && !entry.contains("pt-BR"), "{entry}");
}

#[test]
fn a_site_in_one_language_has_no_alternates_nor_switcher() {
    let site = site();
    site.write("dossier.yaml", "title: Test\n");
    std::fs::remove_file(site.root().join("content/briefings/summit.fr.md")).unwrap();
    std::fs::remove_file(site.root().join("content/actors/jane-doe.fr.md")).unwrap();
    std::fs::remove_file(site.root().join("content/about.fr.md")).unwrap();
    assert_ok(&site.build());
    let page = site.page("briefings/summit/index.html");
    assert!(!page.contains("hreflang") && !page.contains("language-switch") && !page.contains("fallback"));
    assert!(!site.root().join("public/fr").exists());
    assert!(!site.page("sitemap.xml").contains("xhtml"));
}

#[test]
fn open_data_in_each_language_says_which_language_its_words_are_in() {
    let site = site();
    assert_ok(&site.build());
    let json = |rel: &str| -> serde_json::Value { serde_json::from_str(&site.page(rel)).unwrap() };
    for (data, schema) in [
        ("fr/data/positions.json", "fr/data/positions.schema.json"),
        ("fr/data/actors.json", "fr/data/actors.schema.json"),
        ("data/positions.json", "data/positions.schema.json"),
    ] {
        let validator = jsonschema::validator_for(&json(schema)).expect("a valid schema");
        let errors: Vec<String> = validator.iter_errors(&json(data)).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{data}: {errors:#?}");
    }
    let positions = json("fr/data/positions.json");
    let summit = positions.as_array().unwrap().iter().find(|p| p["actor"] == "jane-doe").unwrap();
    assert_eq!(summit["language"], "fr");
    assert_eq!(summit["summary"], "Elle est pour.");
    assert_eq!(summit["quote"], "Nous les enverrons.");
    assert_eq!(summit["quote_original"], "We will send them.");
    assert_eq!(summit["briefing_url"], "/fr/briefings/summit/");
    let later = positions.as_array().unwrap().iter().find(|p| p["briefing"] == "later").unwrap();
    assert_eq!(later["language"], "en", "an untranslated briefing's words are the default language's");
    let actors = json("fr/data/actors.json");
    let jane = actors.as_array().unwrap().iter().find(|a| a["id"] == "jane-doe").unwrap();
    assert_eq!((&jane["name"], &jane["language"]), (&"Jeanne Doe".into(), &"fr".into()));
    assert_eq!(json("data/positions.json")[0]["language"], "en");
}

#[test]
fn a_translation_linking_to_a_heading_its_target_lacks_in_the_language_is_an_error_at_its_line() {
    let site = site();
    // `#how-to-read` is the English about page's heading; the French one's
    // is `#comment-lire`.
    site.write(
        "content/briefings/summit.fr.md",
        "---\ntitle: Le sommet\n---\nCorps.\n\nVoir [comment lire](../about.md#how-to-read).\n",
    );
    let out = site.build();
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert!(
        err.contains(
            "content/briefings/summit.fr.md:6:21: error: `../about.md#how-to-read`: the page has no such heading"
        ),
        "{err}"
    );
    assert!(err.contains("its headings are `#comment-lire`"), "{err}");
    assert!(!site.root().join("public").exists());
}

#[test]
fn a_translation_shows_its_originals_lead_image_and_pictures_of_its_own() {
    let site = site();
    site.write_bytes("content/briefings/lead.png", &common::png(800, 400, [20, 60, 120]));
    site.write_bytes("content/briefings/carte.png", &common::png(600, 300, [120, 60, 20]));
    let original = std::fs::read_to_string(site.root().join("content/briefings/summit.md")).unwrap();
    let original =
        original.replacen("title: The summit\n", "title: The summit\nimage: { src: lead.png, alt: A map }\n", 1);
    site.write("content/briefings/summit.md", &original);
    site.write(
        "content/briefings/summit.fr.md",
        "---\ntitle: Le sommet\nimage: { alt: Une carte, caption: La carte du sommet. }\n---\nCorps.\n\n\
         ![Une carte des positions](carte.png)\n",
    );
    assert_ok(&site.build());
    let fr = site.page("fr/briefings/summit/index.html");
    assert!(fr.contains("/images/lead-") && fr.contains("/images/carte-"), "{fr}");
    assert!(fr.contains("alt=\"Une carte des positions\""), "{fr}");
    // The lead image's words are the translation's; its file the original's.
    assert!(fr.contains("alt=\"Une carte\"") && fr.contains("La carte du sommet."), "{fr}");
    assert!(site.page("briefings/summit/index.html").contains("alt=\"A map\""));
    site.write("content/briefings/summit.fr.md", "---\ntitle: Le sommet\nimage: { src: carte.png }\n---\n");
    let err = common::stderr(&site.build());
    assert!(err.contains("content/briefings/summit.fr.md:3:") && err.contains("unknown field `src`"), "{err}");
    // A picture missing from a translation is an error at its place there.
    site.write("content/briefings/summit.fr.md", "---\ntitle: Le sommet\n---\nCorps.\n\n![Carte](absente.png)\n");
    let err = common::stderr(&site.build());
    assert!(err.contains("content/briefings/summit.fr.md:6:"), "{err}");
    assert!(err.contains("[E0601]"), "{err}");
}

#[test]
fn corrections_and_updates_are_translated_with_their_facts_the_originals() {
    let site = site();
    let original = std::fs::read_to_string(site.root().join("content/briefings/summit.md")).unwrap();
    let original = original.replacen(
        "summary: Who wants monitors.\n",
        "summary: Who wants monitors.\ncorrections:\n  - date: 2025-09-05\n    text: We said *three* monitors.\n    \
         position: 1\nupdates:\n  - date: 2025-09-06\n    text: Added a reaction.\n",
        1,
    );
    site.write("content/briefings/summit.md", &original);
    site.write(
        "content/briefings/summit.fr.md",
        "---\ntitle: Le sommet\ncorrections:\n  - text: Nous avions écrit *trois* observateurs.\n    position: 1\n\
         updates:\n  - text: Ajout d’une réaction.\n---\nCorps.\n",
    );
    assert_ok(&site.build());
    let fr = text(&site.page("fr/briefings/summit/index.html"));
    assert!(fr.contains("Nous avions écrit trois observateurs.") && fr.contains("Ajout d’une réaction."), "{fr}");
    assert!(!fr.contains("We said") && !fr.contains("Added a reaction"), "{fr}");
    assert!(text(&site.page("fr/corrections/index.html")).contains("Nous avions écrit trois observateurs."));
    assert!(text(&site.page("briefings/summit/index.html")).contains("We said three monitors."));

    // A date that is not the original's, and an update the original lacks.
    site.write(
        "content/briefings/summit.fr.md",
        "---\ntitle: Le sommet\ncorrections:\n  - text: Nous avions écrit trois observateurs.\n    date: 2025-09-07\n\
         updates:\n  - text: Ajout d’une réaction.\n  - text: En trop.\n---\nCorps.\n",
    );
    let err = common::stderr(&site.build());
    assert!(
        err.contains("content/briefings/summit.fr.md:5:11: error: correction 1's `date` is not the original's"),
        "{err}"
    );
    assert!(err.contains("content/briefings/summit.fr.md:8:5: error: update 2 is not in the original: content/briefings/summit.md has 1 update"), "{err}");
}
