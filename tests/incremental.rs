//! Incremental rebuilds (what `serve` does after each save) give the same
//! bytes as a full `dossier build` of the same files, whichever path the
//! update takes: one body, templates and static files, or everything.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dossier::BuildOptions;
use dossier::serve::{Rebuild, Session};

/// Every file a full build writes, but the search bundle (built apart).
fn full_build(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let mut options = BuildOptions::new(root);
    options.output = Some(out.path().join("public"));
    dossier::build(&options).unwrap_or_else(|d| panic!("{}", d.render(root, false)));
    // A build for comparing, not a publication: the preview's edits may
    // still remove pages it built.
    std::fs::remove_file(root.join(dossier::published::FILE)).unwrap();
    let mut files = common::files_under(&out.path().join("public"));
    // What the build keeps about its output folder is not the site.
    let own = [dossier::output::MANIFEST, dossier::output::FINGERPRINTS];
    files.retain(|rel, _| !rel.starts_with("pagefind/") && !own.contains(&rel.as_str()));
    files
}

fn in_memory(session: &Session) -> BTreeMap<String, Vec<u8>> {
    session.files().iter().map(|(k, v)| (k.to_string(), v.to_vec())).collect()
}

/// Asserts the session holds exactly what a full build writes, file for
/// file, and the search records a fresh load makes, once it has compared
/// the pages an edit to documents left ([`Session::settle`]); returns how
/// many of those changed.
fn assert_same_as_full_build(session: &mut Session, root: &Path, after: &str) -> usize {
    let (late, _) = session.settle().unwrap_or_else(|d| panic!("{after}: {}", d.render(root, false)));
    let full = full_build(root);
    let mine = in_memory(session);
    let missing: Vec<&String> = full.keys().filter(|k| !mine.contains_key(*k)).collect();
    let extra: Vec<&String> = mine.keys().filter(|k| !full.contains_key(*k)).collect();
    assert!(missing.is_empty() && extra.is_empty(), "after {after}: missing {missing:?}, extra {extra:?}");
    for (path, bytes) in &full {
        assert!(
            mine[path] == *bytes,
            "after {after}: {path} differs from a full build:\n--- incremental\n{}\n--- full\n{}",
            String::from_utf8_lossy(&mine[path]),
            String::from_utf8_lossy(bytes)
        );
    }
    let (fresh, _) = dossier::load_site(&BuildOptions::new(root));
    let records: Vec<_> = session.search_records().expect("search is on").iter().map(|r| (**r).clone()).collect();
    assert_eq!(records, dossier::search::records(&fresh.unwrap()), "after {after}: search records");
    late
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) -> PathBuf {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    PathBuf::from(rel)
}

fn page(session: &Session, rel: &str) -> String {
    String::from_utf8_lossy(&session.files()[rel]).into_owned()
}

fn site() -> common::TestSite {
    let site = common::sample_site();
    site.write("dossier.yaml", "title: Test briefings\nsearch: true\n");
    site.write("content/topics/economy.md", "---\ntitle: The economy\n---\nMoney, *mostly*.\n");
    site.write("content/questions/tax-cut.md", "---\ntitle: Should taxes be cut?\n---\nThe rate is 20%.\n");
    site.write("content/about.md", "---\ntitle: About\n---\nWho we are.\n");
    site
}

#[test]
fn body_edits_rerender_one_page_each_and_match_a_full_build() {
    let site = site();
    let root = site.root();
    let (mut session, _) = Session::build(&BuildOptions::new(root)).unwrap();
    assert_same_as_full_build(&mut session, root, "the first build");

    // The same links and citations, new prose and a new heading.
    let first = edit(
        root,
        "content/briefings/first.md",
        "Alice spoke [@speech].",
        "Alice spoke at length [@speech].\n\n## What she said\n\nA `rate` of 20%.\n\n",
    );
    let update = session.update(&[first]).unwrap();
    assert_eq!((update.rebuild, update.pages), (Rebuild::Bodies, 1));
    assert!(page(&session, "briefings/first/index.html").contains("id=\"what-she-said\""));
    assert_same_as_full_build(&mut session, root, "a briefing's body edit");

    // An actor, a question, a topic and a page in one burst of saves.
    let changed = [
        edit(root, "content/actors/alice.md", "Profile of alice.", "Alice has served since 2019."),
        edit(root, "content/questions/tax-cut.md", "The rate is 20%.", "The rate is 22%."),
        edit(root, "content/topics/economy.md", "Money, *mostly*.", "Money and jobs."),
        edit(root, "content/about.md", "Who we are.", "Who we are, and why."),
    ];
    let update = session.update(&changed).unwrap();
    assert_eq!((update.rebuild, update.pages), (Rebuild::Bodies, 4));
    assert!(page(&session, "actors/alice/index.html").contains("served since 2019"));
    assert_same_as_full_build(&mut session, root, "four bodies edited at once");

    // Directives: what they place is made again with the body, and goes with it.
    let directives = "Who we are.\n\n::actor[alice]\n\n::stances[tax-cut]\n\n::position[alice]{question=\"tax-cut\"}\n";
    let about = edit(root, "content/about.md", "Who we are, and why.", directives);
    let update = session.update(std::slice::from_ref(&about)).unwrap();
    assert_eq!((update.rebuild, update.pages), (Rebuild::Bodies, 1));
    assert!(page(&session, "about/index.html").contains("embed-stances"));
    assert_same_as_full_build(&mut session, root, "directives added to a page");
    edit(root, "content/about.md", "::stances[tax-cut]\n\n", "");
    let update = session.update(&[about]).unwrap();
    assert_eq!((update.rebuild, update.pages), (Rebuild::Bodies, 1));
    assert!(!page(&session, "about/index.html").contains("embed-stances"));
    assert_same_as_full_build(&mut session, root, "a directive removed from a page");

    // A file that is not Markdown changes nothing.
    site.write("content/briefings/notes.txt", "scratch");
    let update = session.update(&[PathBuf::from("content/briefings/notes.txt")]).unwrap();
    assert_eq!((update.rebuild, update.pages), (Rebuild::Bodies, 0));
}

#[test]
fn edits_to_the_interfaces_words_rebuild_with_them() {
    let site = site();
    let root = site.root();
    let (mut session, _) = Session::build(&BuildOptions::new(root)).unwrap();
    site.write("i18n/en.ftl", "where-they-stand = Who stands where\n");
    assert_eq!(session.update(&[PathBuf::from("i18n/en.ftl")]).unwrap().rebuild, Rebuild::Full);
    assert!(page(&session, "briefings/first/index.html").contains(">Who stands where</h2>"));
    assert_same_as_full_build(&mut session, root, "the site's words");
    std::fs::remove_file(root.join("i18n/en.ftl")).unwrap();
    assert_eq!(session.update(&[PathBuf::from("i18n/en.ftl")]).unwrap().rebuild, Rebuild::Full);
    assert!(page(&session, "briefings/first/index.html").contains(">Where they stand</h2>"));
    // A theme's words are not templates: the site is loaded with them.
    site.write("dossier.yaml", "title: Test briefings\nsearch: true\ntheme: plain\n");
    site.write("themes/plain/i18n/en.ftl", "key-actors = Who is in it\n");
    session.update(&[PathBuf::from("dossier.yaml")]).unwrap();
    site.write("themes/plain/i18n/en.ftl", "key-actors = Who takes part\n");
    let words = PathBuf::from("themes/plain/i18n/en.ftl");
    assert_eq!(session.update(&[words]).unwrap().rebuild, Rebuild::Full);
    assert!(page(&session, "briefings/first/index.html").contains(">Who takes part</h2>"));
    assert_same_as_full_build(&mut session, root, "a theme's words");
}

#[test]
fn edits_that_change_links_front_matter_or_templates_match_a_full_build() {
    let site = site();
    let root = site.root();
    let (mut session, _) = Session::build(&BuildOptions::new(root)).unwrap();

    // A new link changes who is mentioned where: the site is resolved again.
    let second = edit(root, "content/briefings/second.md", "changed course", "changed course, as [[acme]] did");
    let update = session.update(&[second]).unwrap();
    assert_eq!(update.rebuild, Rebuild::Documents);
    assert!(page(&session, "actors/acme/index.html").contains("Second briefing"));
    assert_same_as_full_build(&mut session, root, "a new link");

    // A citation dropped renumbers nothing here but changes the refs.
    let first = edit(root, "content/briefings/first.md", "Alice spoke [@speech].", "Alice spoke.");
    assert_eq!(session.update(&[first]).unwrap().rebuild, Rebuild::Documents);
    assert_same_as_full_build(&mut session, root, "a citation removed");

    // Front matter: the title shows on actor, question and index pages.
    let title = edit(root, "content/briefings/second.md", "title: Second briefing", "title: A second look");
    assert_eq!(session.update(&[title]).unwrap().rebuild, Rebuild::Documents);
    assert!(page(&session, "questions/tax-cut/index.html").contains("A second look"));
    assert_same_as_full_build(&mut session, root, "a title edit");

    // A new briefing, then the same one removed.
    site.briefing("third", "title: Third\ndate: 2025-04-01\nactors: [bob]", "Bob again.\n");
    let third = PathBuf::from("content/briefings/third.md");
    assert_eq!(session.update(std::slice::from_ref(&third)).unwrap().rebuild, Rebuild::Documents);
    assert_same_as_full_build(&mut session, root, "a new briefing");
    std::fs::remove_file(root.join(&third)).unwrap();
    assert_eq!(session.update(&[third]).unwrap().rebuild, Rebuild::Documents);
    assert!(!session.files().contains_key("briefings/third/index.html"));
    assert_same_as_full_build(&mut session, root, "a briefing removed");

    // A template of the site's own, then a static file: every page again,
    // no content read.
    let builtin = dossier::render::templates::BUILTIN.iter().find(|(n, _)| *n == "404.html").unwrap().1;
    site.write("templates/404.html", &builtin.replace(r#"{{ "not-found" | t }}</h1>"#, "Nothing here</h1>"));
    let update = session.update(&[PathBuf::from("templates/404.html")]).unwrap();
    assert_eq!(update.rebuild, Rebuild::Templates);
    assert!(page(&session, "404.html").contains("Nothing here"));
    assert_same_as_full_build(&mut session, root, "a template override");
    site.write("static/files/data.csv", "a,b\n1,2\n");
    let update = session.update(&[PathBuf::from("static/files/data.csv")]).unwrap();
    assert_eq!(update.rebuild, Rebuild::Templates);
    assert_same_as_full_build(&mut session, root, "a static file");
    std::fs::remove_file(root.join("static/files/data.csv")).unwrap();
    session.update(&[PathBuf::from("static/files/data.csv")]).unwrap();
    assert!(!session.files().contains_key("files/data.csv"));

    // The source library: a file added, then a source in it edited; any
    // briefing may cite it, so everything is made again.
    site.write("content/sources/lib.yaml", "- id: report\n  title: A report\n  url: https://example.org/r\n");
    let library = PathBuf::from("content/sources/lib.yaml");
    assert_eq!(session.update(std::slice::from_ref(&library)).unwrap().rebuild, Rebuild::Full);
    assert!(page(&session, "sources/report/index.html").contains("A report"));
    assert_same_as_full_build(&mut session, root, "a library file added");
    edit(root, "content/sources/lib.yaml", "title: A report", "title: The report");
    assert_eq!(session.update(std::slice::from_ref(&library)).unwrap().rebuild, Rebuild::Full);
    assert!(page(&session, "sources/report/index.html").contains("The report"));
    assert_same_as_full_build(&mut session, root, "a library source edited");

    // An author: added, then their biography edited (one page).
    site.write("content/authors/ann.md", "---\nname: Ann Writer\n---\nCovers budgets.\n");
    let ann = PathBuf::from("content/authors/ann.md");
    assert_eq!(session.update(std::slice::from_ref(&ann)).unwrap().rebuild, Rebuild::Documents);
    edit(root, "content/authors/ann.md", "Covers budgets.", "Covers *budgets* and taxes.");
    assert_eq!(session.update(std::slice::from_ref(&ann)).unwrap().rebuild, Rebuild::Bodies);
    assert!(page(&session, "authors/ann/index.html").contains("<em>budgets</em> and taxes"));
    assert_same_as_full_build(&mut session, root, "an author's biography edited");

    // dossier.yaml: everything.
    let config = edit(root, "dossier.yaml", "title: Test briefings", "title: Other briefings");
    assert_eq!(session.update(&[config]).unwrap().rebuild, Rebuild::Full);
    assert_same_as_full_build(&mut session, root, "a config edit");
}

#[test]
fn a_broken_body_keeps_the_last_good_site_until_fixed() {
    let site = site();
    let root = site.root();
    let (mut session, _) = Session::build(&BuildOptions::new(root)).unwrap();
    let before = in_memory(&session);

    let first = edit(root, "content/briefings/first.md", "Alice spoke [@speech].", "Alice spoke [@speach].");
    let errors = session.update(std::slice::from_ref(&first)).unwrap_err();
    let text = errors.render(root, false);
    assert!(errors.has_errors());
    assert!(text.contains("first.md:19:14"), "file and line of the bad citation:\n{text}");
    assert!(text.contains("speach"), "{text}");
    assert!(in_memory(&session) == before, "nothing changed");

    // Invalid UTF-8: still the file's own error, still nothing changed.
    let good = std::fs::read(root.join(&first)).unwrap();
    site.write_bytes("content/briefings/first.md", b"---\ntitle: x\n---\n\xff\n");
    let text = session.update(std::slice::from_ref(&first)).unwrap_err().render(root, false);
    assert!(text.contains("not valid UTF-8"), "{text}");
    assert!(in_memory(&session) == before, "nothing changed");

    std::fs::write(root.join(&first), good).unwrap();
    edit(root, "content/briefings/first.md", "[@speach]", "[@speech] again");
    let update = session.update(&[first]).unwrap();
    assert_eq!(update.rebuild, Rebuild::Bodies);
    assert!(page(&session, "briefings/first/index.html").contains("again"));
    assert_same_as_full_build(&mut session, root, "the fix");
}

/// What a preview shows is what a build would write: a template or theme
/// change after a failed edit must not hide that edit's errors, and files
/// that a failed config needed rebuild with it once they appear.
#[test]
fn a_failed_edit_stays_failed_through_later_changes_until_fixed() {
    let site = site();
    let root = site.root();
    let (mut session, _) = Session::build(&BuildOptions::new(root)).unwrap();

    // error → template change → fix
    let first = edit(root, "content/briefings/first.md", "date: 2025-01-10", "date: 2025-13-01");
    assert!(session.update(std::slice::from_ref(&first)).is_err());
    site.write("templates/page.html", "{% extends \"base.html\" %}{% block content %}<p>own page</p>{% endblock %}");
    let text = session.update(&[PathBuf::from("templates/page.html")]).unwrap_err().render(root, false);
    assert!(text.contains("first.md") && text.contains("2025-13-01"), "the broken date is still reported:\n{text}");
    edit(root, "content/briefings/first.md", "date: 2025-13-01", "date: 2025-01-11");
    session.update(std::slice::from_ref(&first)).unwrap();
    assert!(page(&session, "about/index.html").contains("own page"));
    assert_same_as_full_build(&mut session, root, "the fix after a template change");

    // a config that fails → the files it needs appear
    site.write("dossier.yaml", "title: Test briefings\nsearch: true\ntheme: plain\n");
    assert!(session.update(&[PathBuf::from("dossier.yaml")]).is_err());
    site.write("themes/plain/static/style.css", "body { color: #123456 }\n");
    session.update(&[PathBuf::from("themes/plain/static/style.css")]).unwrap();
    assert_eq!(page(&session, "style.css"), "body { color: #123456 }\n");
    assert_same_as_full_build(&mut session, root, "the theme's folder appearing");
}

#[test]
fn the_preview_shows_a_new_pictures_source_until_it_is_processed() {
    let site = site();
    let root = site.root();
    let options = BuildOptions { pictures_later: true, ..BuildOptions::new(root) };
    let (mut session, _) = Session::build(&options).unwrap();
    assert!(session.site().images.pending().is_empty());

    // A lead image, new: the page is built at once with its source.
    site.write_bytes("content/briefings/chart.png", &common::png(1000, 400, [40, 90, 160]));
    let first = edit(
        root,
        "content/briefings/first.md",
        "title: First briefing",
        "title: First briefing\nimage: { src: chart.png, alt: A chart }",
    );
    let update = session.update(&[first, PathBuf::from("content/briefings/chart.png")]).unwrap();
    assert_eq!(update.rebuild, Rebuild::Full);
    let shown = page(&session, "briefings/first/index.html");
    let pending = session.site().images.pending().to_vec();
    assert_eq!(pending.len(), 1, "{pending:?}");
    assert!(shown.contains(r#"width="1000" height="400""#) && !shown.contains("image/webp"), "{shown}");
    let preview = session.files().keys().find(|k| k.contains("-preview.png")).expect("the source is served").clone();
    assert_eq!(&*session.files()[&preview], &common::png(1000, 400, [40, 90, 160])[..]);

    // Processed in the background, then built again: as a full build.
    pending.iter().for_each(|p| p.process(root));
    session.update(&[PathBuf::from("content/briefings/chart.png")]).unwrap();
    assert!(session.site().images.pending().is_empty());
    assert!(page(&session, "briefings/first/index.html").contains("image/webp"));
    assert!(!session.files().keys().any(|k| k.contains("-preview.")));
    assert_same_as_full_build(&mut session, root, "a picture processed after the preview showed its source");

    // A picture that fails to process is the build's to report.
    let broken = &common::png(300, 300, [40, 90, 160])[..60];
    site.write_bytes("content/briefings/chart.png", broken);
    let update = session.update(&[PathBuf::from("content/briefings/chart.png")]);
    let pending = match update {
        Ok(_) => session.site().images.pending().to_vec(),
        Err(_) => Vec::new(),
    };
    pending.iter().for_each(|p| p.process(root));
    let errors = session.update(&[PathBuf::from("content/briefings/chart.png")]).unwrap_err();
    let text = errors.render(root, false);
    assert!(text.contains("E0601") && text.contains("first.md"), "{text}");
}

#[test]
fn a_site_in_several_languages_rebuilds_every_language_on_an_edit() {
    let site = site();
    let root = site.root();
    site.write("dossier.yaml", "title: Test briefings\nsearch: true\nlanguages: [{ code: fr }]\n");
    site.write("content/about.fr.md", "---\ntitle: À propos\n---\nQui nous sommes.\n");
    let (mut session, _) = Session::build(&BuildOptions::new(root)).unwrap();
    assert!(page(&session, "fr/about/index.html").contains("Qui nous sommes."));
    let same_as_full_build = |session: &Session, after: &str| {
        let full = full_build(root);
        let mine = in_memory(session);
        assert_eq!(mine.keys().collect::<Vec<_>>(), full.keys().collect::<Vec<_>>(), "after {after}");
        for (path, bytes) in &full {
            assert!(mine[path] == *bytes, "after {after}: {path} differs from a full build");
        }
        // Each language's pages, indexed in their language.
        let languages: std::collections::BTreeSet<&str> =
            session.search_records().unwrap().iter().map(|r| r.language.as_str()).collect();
        assert_eq!(languages.into_iter().collect::<Vec<_>>(), ["en", "fr"], "after {after}");
    };
    same_as_full_build(&session, "the first build");

    // The translation's body, then the original's (shown in French where
    // the French pages have no translation of it).
    let about = edit(root, "content/about.fr.md", "Qui nous sommes.", "Qui nous sommes, et pourquoi.");
    let update = session.update(&[about]).unwrap();
    assert_eq!(update.rebuild, Rebuild::Full);
    assert!(page(&session, "fr/about/index.html").contains("et pourquoi"));
    same_as_full_build(&session, "a translation's edit");
    let first = edit(root, "content/briefings/first.md", "Alice spoke [@speech].", "Alice spoke at length [@speech].");
    session.update(&[first]).unwrap();
    assert!(page(&session, "fr/briefings/first/index.html").contains("Alice spoke at length"));
    same_as_full_build(&session, "an original's edit");
}

/// The test site with a dozen more briefings, search and social cards.
fn larger_site() -> common::TestSite {
    let site = site();
    site.write("dossier.yaml", "title: Test briefings\nsearch: true\nsocial_cards: true\n");
    site.write("content/authors/ann.md", "---\nname: Ann Writer\nrole: Reporter\n---\nCovers budgets.\n");
    for n in 0..12 {
        let date = format!("2024-{:02}-01", n % 12 + 1);
        site.briefing(
            &format!("filler-{n}"),
            &format!("title: Filler {n}\ndate: {date}\nactors: [bob]\ntopics: [economy]\nauthors: [ann]"),
            "Nothing to see.\n",
        );
    }
    site
}

/// Front matter of every kind, edited in `serve`: the site is resolved
/// again from memory and only pages whose values changed are rendered,
/// and the result is a full build's, social cards and open data included.
#[test]
fn front_matter_edits_of_every_kind_render_only_changed_pages_and_match_a_full_build() {
    let site = larger_site();
    let root = site.root();
    let (mut session, report) = Session::build(&BuildOptions::new(root)).unwrap();
    let total = report.pages;
    let mut step = |rel: &str, from: &str, to: &str, what: &str| {
        let changed = edit(root, rel, from, to);
        let update = session.update(&[changed]).unwrap_or_else(|d| panic!("{what}: {}", d.render(root, false)));
        assert_eq!(update.rebuild, Rebuild::Documents, "{what}");
        let late = assert_same_as_full_build(&mut session, root, what);
        (update.pages, late)
    };
    let first = "content/briefings/first.md";
    // What a position says shows on a few pages (the briefing, its actor's
    // and question's, their feeds), not on every list; all of them are
    // among the pages compared first.
    let few = |(pages, late): (usize, usize), what: &str| {
        assert!(pages < total / 3, "{what}: {pages} of {total} pages rendered");
        assert_eq!(late, 0, "{what}: pages found changed only when the rest were compared");
    };
    few(step(first, "stance: supports", "stance: opposes", "a stance"), "a stance");
    few(step(first, "quote: \"Cut them now.\"", "quote: \"Cut them soon.\"", "a quote"), "a quote");
    let dated = "    sources: [speech]\n    date: 2025-01-05\n";
    few(step(first, "    sources: [speech]\n", dated, "a position's date"), "a position's date");
    let added = "positions:\n  - actor: bob\n    question: tax-cut\n    stance: neutral\n    sources: [speech]\n";
    step(first, "positions:\n", added, "a position added");
    step(first, added, "positions:\n", "a position removed");
    step(first, "actors: [alice, bob]", "actors: [alice, bob, acme]", "an actor added");
    step(first, "actors: [alice, bob, acme]", "actors: [alice, bob]", "an actor removed");
    let source = "sources:\n  - id: memo\n    title: A memo\n    publisher: Treasury\n";
    step(first, "sources:\n", source, "a source added");
    step(first, source, "sources:\n", "a source removed");
    step(first, "topics: [economy]", "topics: [economy, budget]", "a topic added");
    // What pages of other briefings show of an actor or author besides
    // their names: their references are made again.
    step("content/actors/alice.md", "role: Minister", "role: Prime Minister", "an actor's role");
    step("content/authors/ann.md", "role: Reporter", "role: Editor", "an author's role");
    step("content/authors/ann.md", "name: Ann Writer", "name: Ann W. Writer", "an author renamed");
    step("content/topics/economy.md", "title: The economy", "title: Economics", "a topic renamed");
    step("content/actors/bob.md", "name: Bob Brown", "name: Robert Brown", "an actor renamed");
    step("content/questions/tax-cut.md", "title: Should taxes be cut?", "title: Cut taxes?", "a question renamed");
    step(first, "date: 2025-01-10", "date: 2023-06-01", "a briefing's date (its place in lists)");
}

/// Documents added and removed in `serve`, and an edit that breaks a
/// reference, take the same path and match a full build.
#[test]
fn documents_added_removed_or_broken_match_a_full_build() {
    let site = larger_site();
    let root = site.root();
    let first = "content/briefings/first.md";
    let (mut session, _) = Session::build(&BuildOptions::new(root)).unwrap();
    // A briefing added, then deleted.
    site.briefing("third", "title: Third\ndate: 2025-04-01\nactors: [bob]\ntopics: [economy]", "Bob again.\n");
    let third = PathBuf::from("content/briefings/third.md");
    let update = session.update(std::slice::from_ref(&third)).unwrap();
    assert_eq!(update.rebuild, Rebuild::Documents);
    assert!(page(&session, "actors/bob/index.html").contains("Third"));
    assert_same_as_full_build(&mut session, root, "a briefing added");
    std::fs::remove_file(root.join(&third)).unwrap();
    assert_eq!(session.update(&[third]).unwrap().rebuild, Rebuild::Documents);
    assert!(!page(&session, "actors/bob/index.html").contains("Third"));
    assert_same_as_full_build(&mut session, root, "a briefing deleted");

    // An actor's file added, then named by a briefing; its file removed
    // while still named fails and changes nothing.
    site.actor("dora", "name: Dora Diaz\nkind: person");
    let dora = PathBuf::from("content/actors/dora.md");
    assert_eq!(session.update(std::slice::from_ref(&dora)).unwrap().rebuild, Rebuild::Documents);
    assert_same_as_full_build(&mut session, root, "an actor's file added");
    let named = edit(root, first, "actors: [alice, bob]", "actors: [alice, bob, dora]");
    assert_eq!(session.update(&[named]).unwrap().rebuild, Rebuild::Documents);
    assert_same_as_full_build(&mut session, root, "the new actor named");
    let before = in_memory(&session);
    let gone = std::fs::read_to_string(root.join(&dora)).unwrap();
    std::fs::remove_file(root.join(&dora)).unwrap();
    let text = session.update(std::slice::from_ref(&dora)).unwrap_err().render(root, false);
    assert!(text.contains("first.md") && text.contains("dora"), "{text}");
    assert!(in_memory(&session) == before, "nothing changed");
    std::fs::write(root.join(&dora), gone).unwrap();
    session.update(&[dora]).unwrap();
    assert_same_as_full_build(&mut session, root, "the actor's file back");

    // An edit that breaks a reference fails and changes nothing; fixed, it builds.
    let before = in_memory(&session);
    let broken = edit(root, first, "actor: alice", "actor: nobody");
    let text = session.update(std::slice::from_ref(&broken)).unwrap_err().render(root, false);
    assert!(text.contains("first.md") && text.contains("nobody"), "{text}");
    assert!(in_memory(&session) == before, "nothing changed");
    // Its front matter is as the session's again: only the text is looked at.
    edit(root, first, "actor: nobody", "actor: alice");
    assert_eq!(session.update(&[broken]).unwrap().rebuild, Rebuild::Bodies);
    assert_same_as_full_build(&mut session, root, "the broken reference fixed");
}

/// A failed edit of several documents at once (one moved up the list by
/// its date, a topic's file removed) puts each document back in its
/// place: once the files are as before, they are bodies as the session
/// has them, and a body edit lands on its own page.
#[test]
fn a_failed_edit_of_several_documents_puts_each_back_in_its_place() {
    let site = larger_site();
    let root = site.root();
    let (mut session, _) = Session::build(&BuildOptions::new(root)).unwrap();
    let before = in_memory(&session);
    let moved = edit(root, "content/briefings/filler-3.md", "date: 2024-04-01", "date: 2026-01-01");
    edit(root, "content/briefings/filler-3.md", "actors: [bob]", "actors: [nobody]");
    let topic = PathBuf::from("content/topics/economy.md");
    let topic_text = std::fs::read_to_string(root.join(&topic)).unwrap();
    std::fs::remove_file(root.join(&topic)).unwrap();
    let text = session.update(&[moved.clone(), topic.clone()]).unwrap_err().render(root, false);
    assert!(text.contains("filler-3.md") && text.contains("nobody"), "{text}");
    assert!(in_memory(&session) == before, "nothing changed");

    edit(root, "content/briefings/filler-3.md", "date: 2026-01-01", "date: 2024-04-01");
    edit(root, "content/briefings/filler-3.md", "actors: [nobody]", "actors: [bob]");
    std::fs::write(root.join(&topic), topic_text).unwrap();
    let body = edit(root, "content/briefings/filler-5.md", "Nothing to see.", "Something to see.");
    let update = session.update(&[body]).unwrap();
    assert_eq!(update.rebuild, Rebuild::Bodies, "the failed edit's files are as the session has them");
    assert!(page(&session, "briefings/filler-5/index.html").contains("Something to see."));
    assert_same_as_full_build(&mut session, root, "a body edit after the failed edit");
}

/// After an edit, the references of documents not edited are taken over
/// from the last build, unless what they show changed: a theme's position
/// partial showing each actor's role and the question's title, and the
/// stance a position changed from (decided by other briefings).
#[test]
fn references_taken_over_after_an_edit_are_made_again_when_what_they_show_changed() {
    let site = site();
    let root = site.root();
    let partial = "<li>{{ p.actor.name }}, {{ p.actor.role }}: {{ p.stance.label }} on {{ p.question.title }}\
                   {% if p.changed_from %} (was {{ p.changed_from.label }}){% endif %}</li>\n";
    site.write("templates/partials/position.html", partial);
    let (mut session, _) = Session::build(&BuildOptions::new(root)).unwrap();
    let mut step = |rel: &str, from: &str, to: &str, what: &str| {
        let changed = edit(root, rel, from, to);
        let update = session.update(&[changed]).unwrap_or_else(|d| panic!("{what}: {}", d.render(root, false)));
        assert_eq!(update.rebuild, Rebuild::Documents, "{what}");
        assert_same_as_full_build(&mut session, root, what);
        page(&session, "questions/tax-cut/index.html")
    };
    // Alice's role shows in the second briefing's position, which no edit touched.
    let question = step("content/actors/alice.md", "role: Minister", "role: Prime Minister", "an actor's role");
    assert!(question.contains("Alice Ames, Prime Minister: Opposes"), "{question}");
    // The second briefing's position changed from what the first says.
    let question = step("content/briefings/first.md", "stance: supports", "stance: neutral", "an earlier stance");
    assert!(question.contains("(was Neutral)"), "{question}");
}

/// Links to a briefing from documents no edit touches — a wikilink in a
/// body, a link to its file and heading, a wikilink in a position's
/// summary — follow it when it is retitled, and still lead to it (and its
/// backlinks to them) when a briefing added moves every other one's place
/// in the site's list.
#[test]
fn links_to_a_briefing_follow_it_when_retitled_or_moved_by_a_briefing_added() {
    let site = larger_site();
    let root = site.root();
    edit(root, "content/briefings/second.md", "Later, ", "## Course change\n\nLater, ");
    let to_heading = "See [the change](second.md#course-change).\n";
    edit(root, "content/briefings/filler-3.md", "Nothing to see.\n", to_heading);
    let position = "authors: [ann]\npositions:\n  - actor: bob\n    question: tax-cut\n    stance: neutral\n    \
                    summary: As in [[briefings/second]].\n    sources: [memo]\nsources:\n  - id: memo\n    \
                    title: A memo\n    publisher: Treasury";
    edit(root, "content/briefings/filler-4.md", "authors: [ann]", position);
    let (mut session, _) = Session::build(&BuildOptions::new(root)).unwrap();

    let retitled = edit(root, "content/briefings/second.md", "title: Second briefing", "title: A later briefing");
    assert_eq!(session.update(&[retitled]).unwrap().rebuild, Rebuild::Documents);
    assert_same_as_full_build(&mut session, root, "a linked briefing retitled");
    assert!(page(&session, "briefings/first/index.html").contains(">A later briefing</a>"));
    assert!(page(&session, "actors/bob/index.html").contains(">A later briefing</a>"));

    // Newest: first in the site's list, every other briefing one place on.
    site.briefing("newest", "title: Newest\ndate: 2026-01-01\nactors: [bob]\ntopics: [economy]", "Bob once more.\n");
    let added = PathBuf::from("content/briefings/newest.md");
    assert_eq!(session.update(std::slice::from_ref(&added)).unwrap().rebuild, Rebuild::Documents);
    assert_same_as_full_build(&mut session, root, "a briefing added before the linked one");
    let second = page(&session, "briefings/second/index.html");
    let backlinks = second.split("Linked from").nth(1).unwrap_or_default();
    assert!(backlinks.contains("First briefing"), "backlinks: {second}");

    // Its heading gone: the link to it from the briefing no edit touched is an error.
    let heading = edit(root, "content/briefings/second.md", "## Course change", "## Course held");
    let text = session.update(&[heading]).unwrap_err().render(root, false);
    assert!(text.contains("filler-3.md") && text.contains("course-change"), "{text}");
}
