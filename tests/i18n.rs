//! The interface's words in the site's language: built-in tables, plural
//! forms, dates, and tables of a theme's or the site's own.

mod common;

use common::TestSite;

/// A site in `language` with an actor, a question, a topic and `n`
/// briefings on it (the first with a position and a source).
fn site(language: &str, n: usize) -> TestSite {
    let site = TestSite::new();
    site.write("dossier.yaml", &format!("title: Test\nlanguage: {language}\nsearch: true\n"));
    site.actor("jane-doe", "name: Jane Doe\nkind: person");
    site.question("monitors", "Should monitors be sent?");
    for i in 0..n {
        let position = if i == 0 {
            "positions:\n  - actor: jane-doe\n    question: monitors\n    stance: supports\n    date: 2025-09-04\n    sources: [s]\n\
             sources:\n  - id: s\n    title: The statement\n    kind: news\n    url: https://example.org/s\n"
        } else {
            ""
        };
        site.briefing(
            &format!("b{i}"),
            &format!(
                "title: Briefing {i}\ndate: 2025-09-{:02}\ntopics: [monitors]\nactors: [jane-doe]\n{position}",
                i % 28 + 1
            ),
            "Body.\n",
        );
    }
    site
}

fn built(site: &TestSite) -> String {
    let out = site.build();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    stderr
}

#[test]
fn a_french_site_speaks_french_everywhere_the_build_writes_words() {
    let site = site("fr", 2);
    built(&site);
    let briefing = site.page("briefings/b0/index.html");
    assert!(briefing.contains(r#"<html lang="fr">"#));
    for words in
        ["Qui pense quoi", "Acteurs clés", ">Dossiers</a>", "Aller au contenu", "4 septembre 2025", "Pour</span>"]
    {
        assert!(briefing.contains(words), "no `{words}` on the briefing page");
    }
    assert!(briefing.contains("1 source\u{a0}: 1 article de presse."), "sourcing line in French");
    for english in ["Where they stand", "Key actors", "Skip to content", "September", "Supports"] {
        assert!(!briefing.contains(english), "`{english}` left in English");
    }
    // Counts: French says "1 dossier", "2 dossiers"; head titles too.
    let topic = site.page("topics/index.html");
    assert!(topic.contains("2 dossiers"), "{topic}");
    let actors = site.page("actors/index.html");
    assert!(actors.contains("<title>Acteurs — Test</title>"));
    assert!(actors.contains("1 position · 2 dossiers"));
    // What the script counts with.
    let search = site.page("search/index.html");
    assert!(search.contains(
        r#"data-count="{&quot;one&quot;:&quot;{n} résultat.&quot;,&quot;other&quot;:&quot;{n} résultats.&quot;}""#
    ));
}

#[test]
fn ukrainian_counts_take_the_right_form_on_pages() {
    // 21 briefings on one topic: "21 брифінг" (one); 2 topics… one form each.
    let site = site("uk", 21);
    built(&site);
    let topics = site.page("topics/index.html");
    assert!(topics.contains("21 брифінг<"), "{topics}");
    let question = site.page("questions/index.html");
    assert!(question.contains("1 позиція · 1 брифінг"), "{question}");
    let briefing = site.page("briefings/b0/index.html");
    assert!(briefing.contains("4 вересня 2025"), "a date's month in the genitive");
    let year = site.page("briefings/2025/index.html");
    assert!(year.contains(">Вересень</h2>"), "a month alone in the nominative");
}

#[test]
fn an_arabic_site_has_arabic_words_and_its_plural_forms() {
    let site = site("ar", 3);
    built(&site);
    let home = site.page("index.html");
    assert!(home.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(home.contains(">الإحاطات</a>"), "the menu");
    assert!(home.contains("موقف واحد · 3 إحاطات"), "one and few forms");
}

#[test]
fn a_sites_own_table_overrides_built_in_words_and_a_themes_adds_to_them() {
    let site = site("fr", 1);
    site.write("i18n/fr.ftl", "where-they-stand = Les positions en présence\n");
    site.write("dossier.yaml", "title: Test\nlanguage: fr\ntheme: maison\n");
    site.write("themes/maison/i18n/fr.ftl", "where-they-stand = Ignoré\nkey-actors = Les acteurs\n");
    built(&site);
    let briefing = site.page("briefings/b0/index.html");
    assert!(briefing.contains(">Les positions en présence</h2>"), "the site's table wins");
    assert!(briefing.contains(">Les acteurs</h2>"), "the theme's table over the built-in one");
}

#[test]
fn a_table_that_does_not_parse_is_an_error_at_its_line() {
    let site = site("fr", 1);
    site.write("i18n/fr.ftl", "# Mots\nkey-actors = Les acteurs\nwhere-they-stand = {\n");
    let out = site.build();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("E0403"), "{stderr}");
    assert!(stderr.contains("i18n/fr.ftl:3:"), "{stderr}");
    assert!(!site.root().join("public").exists(), "nothing written");
}

#[test]
fn a_language_without_words_warns_and_uses_english_ones() {
    let site = site("de", 1);
    let stderr = built(&site);
    assert!(stderr.contains("W0102") && stderr.contains("i18n/de.ftl"), "{stderr}");
    assert!(site.page("briefings/b0/index.html").contains("Where they stand"));
    // A table of the site's own for it: no warning, its words.
    site.write("i18n/de.ftl", "where-they-stand = Wer wo steht\n");
    let stderr = built(&site);
    assert!(!stderr.contains("W0102"), "{stderr}");
    assert!(site.page("briefings/b0/index.html").contains("Wer wo steht"));
}

#[test]
fn a_template_asking_for_an_unknown_message_names_it() {
    let site = site("en", 1);
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ \"no-such-words\" | t }}{% endblock %}",
    );
    site.write("content/about.md", "---\ntitle: About\n---\nAbout.\n");
    let out = site.build();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("E0401") && stderr.contains("no-such-words"), "{stderr}");
}
