//! Translations of content (`summit.fr.md` beside `summit.md`): words
//! only, facts from the original, checked against it; `check` counts what
//! is not translated yet and what has gone stale.

mod common;

use common::TestSite;

fn site() -> TestSite {
    let site = TestSite::new();
    site.write("dossier.yaml", "title: Test\nlanguages:\n  - code: fr\n  - code: uk\n    name: Українська\n");
    site.actor("jane-doe", "name: Jane Doe\nkind: person");
    site.question("monitors", "Should monitors be sent?");
    site.briefing(
        "summit",
        "title: The summit\ndate: 2025-09-04\nupdated: 2025-09-10\npositions:\n  - actor: jane-doe\n    question: monitors\n    \
         stance: supports\n    date: 2025-09-04\n    quote: We will send them.\n    sources: [s]\n\
         sources:\n  - id: s\n    title: The statement\n    url: https://example.org/s",
        "Body.\n",
    );
    site
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_translation_with_words_only_builds() {
    let site = site();
    site.write(
        "content/briefings/summit.fr.md",
        "---\ntitle: Le sommet\nupdated: 2025-09-10\npositions:\n  - summary: Elle est pour.\n    quote: Nous les enverrons.\n    \
         actor: jane-doe\n    stance: supports\n---\nCorps.\n",
    );
    site.write("content/actors/jane-doe.fr.md", "---\nname: Jeanne Doe\nrole: Maire\naliases: [Jeanne]\n---\nBio.\n");
    site.write("content/questions/monitors.uk.md", "---\ntitle: Чи слід направити спостерігачів?\n---\n");
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.page("briefings/summit/index.html").contains("The summit"), "the original is published as before");
}

#[test]
fn a_translation_that_adds_or_contradicts_facts_is_an_error_naming_both_files() {
    let site = site();
    site.write(
        "content/briefings/summit.fr.md",
        "---\ntitle: Le sommet\ndate: 2025-09-05\npositions:\n  - summary: Elle est contre.\n    stance: opposes\n  - summary: En trop.\n---\nCorps.\n",
    );
    let out = site.build();
    assert!(!out.status.success());
    let err = stderr(&out);
    for (at, what) in [
        (
            "content/briefings/summit.fr.md:3:7",
            "a translation gives words only: `date` is a fact, the original's (content/briefings/summit.md)",
        ),
        (
            "content/briefings/summit.fr.md:6:13",
            "position 1's `stance` is not the original's (content/briefings/summit.md)",
        ),
        (
            "content/briefings/summit.fr.md:7:5",
            "position 2 is not in the original: content/briefings/summit.md has 1 position",
        ),
    ] {
        assert!(err.contains(&format!("{at}: error: {what}")), "no `{what}` at {at}:\n{err}");
    }
    assert_eq!(err.matches("[E0108]").count(), 3, "{err}");
    assert!(!site.root().join("public").exists());
}

#[test]
fn a_translation_of_nothing_or_of_a_field_the_kind_lacks_is_an_error() {
    let site = site();
    site.write("content/briefings/ghost.fr.md", "---\ntitle: Fantôme\n---\n");
    site.write("content/actors/jane-doe.uk.md", "---\nname: Джейн Доу\ntitle: Пані\n---\n");
    let err = stderr(&site.build());
    assert!(
        err.contains(
            "content/briefings/ghost.fr.md:1:1: error: a translation of nothing: there is no briefing `ghost`"
        ),
        "{err}"
    );
    assert!(err.contains("content/actors/jane-doe.uk.md:3:8: error: an actor has no `title` to translate"), "{err}");
}

#[test]
fn a_translation_in_a_language_not_listed_says_how_to_list_it() {
    let site = site();
    site.write("content/briefings/summit.de.md", "---\ntitle: Der Gipfel\n---\n");
    let err = stderr(&site.build());
    assert!(err.contains("content/briefings/summit.de.md") && err.contains("[E0002]"), "{err}");
    assert!(err.contains("to make it the `de` translation of summit.md, list the language in dossier.yaml"), "{err}");
}

#[test]
fn check_counts_untranslated_pages_per_language_and_stale_translations() {
    let site = site();
    site.write("content/briefings/summit.fr.md", "---\ntitle: Le sommet\n---\nCorps.\n");
    site.write("content/actors/jane-doe.fr.md", "---\nname: Jeanne Doe\n---\n");
    let out = site.run(&["check"]);
    let err = stderr(&out);
    assert!(err.contains("1 of 3 pages have no `fr` translation: content/questions/monitors.md [W0211]"), "{err}");
    assert!(err.contains("3 of 3 pages have no `uk` translation:"), "{err}");
    assert!(
        err.contains("content/briefings/summit.fr.md:2:1: warning: content/briefings/summit.md changed on 2025-09-10 and this translation was last brought up to date on 2025-09-04 [W0212]"),
        "{err}"
    );
    // Brought up to date: no longer stale.
    site.write("content/briefings/summit.fr.md", "---\ntitle: Le sommet\nupdated: 2025-09-10\n---\nCorps.\n");
    let err = stderr(&site.run(&["check"]));
    assert!(!err.contains("W0212"), "{err}");
}

#[test]
fn languages_are_checked_where_dossier_yaml_lists_them() {
    for (entry, problem) in [
        ("  - code: fr\n  - code: FR\n", "language `FR` is listed twice"),
        ("  - code: fr_fr\n", "`fr_fr` is not a language code"),
        ("  - code: ar\n    dir: right\n", "`dir: right` is not a direction"),
    ] {
        let site = site();
        site.write("dossier.yaml", &format!("title: Test\nlanguages:\n{entry}"));
        let err = stderr(&site.build());
        assert!(err.contains(problem) && err.contains("dossier.yaml:") && err.contains("[E0301]"), "{entry}: {err}");
    }
}

#[test]
fn a_translations_body_links_and_cites_as_its_original_does() {
    let site = site();
    site.write("content/actors/jane-doe.fr.md", "---\nname: Jeanne Doe\n---\nBio.\n");
    // The original's source, an actor by its French name: fine.
    site.write("content/briefings/summit.fr.md", "---\ntitle: Le sommet\n---\n[[Jeanne Doe]] l'a dit [@s].\n");
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    // An unknown actor and an unknown source: errors at their place in the translation.
    site.write("content/briefings/summit.fr.md", "---\ntitle: Le sommet\n---\nSelon [[jean-dupont]] et [@rapport].\n");
    let err = stderr(&site.build());
    assert!(err.contains("content/briefings/summit.fr.md:4:") && err.contains("[E0201]"), "{err}");
    assert_eq!(err.matches("[E0201]").count(), 2, "{err}");
}
