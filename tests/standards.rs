//! Both themes against the standards, on the example site: the Nu Html
//! Checker finds no errors on any page; in headless Chromium, at phone and
//! desktop widths and in dark mode, the main kinds of page have no
//! horizontal overflow, no console errors, nothing loaded from elsewhere and
//! no serious or critical axe-core violations. The
//! screenshots taken here are the README's.
//!
//! The checkers come from npm (`vnu-jar`, `axe-core`), installed by
//! `.ci/run` into `target/tools`; elsewhere point `DOSSIER_VNU_JAR` and
//! `DOSSIER_AXE_JS` at them. Missing, these tests are skipped with a
//! message, except under CI, where that is a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::browser::Browser;
use common::http::Server;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// `$env`, or `target/tools/node_modules/<rel>`, if it exists.
fn tool(env: &str, rel: &str) -> Option<PathBuf> {
    let path = std::env::var_os(env)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(REPO).join("target/tools/node_modules").join(rel));
    if path.is_file() {
        return Some(path);
    }
    assert!(std::env::var_os("CI").is_none(), "CI needs {} (see .ci/run)", path.display());
    eprintln!(
        "skipped: {} is missing; `npm install --prefix target/tools vnu-jar axe-core`, or set {env}",
        path.display()
    );
    None
}

/// The example site with `theme: broadsheet`: a copy of its content, themes
/// and settings, in a temp folder.
fn broadsheet() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for top in ["content", "themes", "assets"] {
        for entry in walkdir::WalkDir::new(Path::new(REPO).join(top)).into_iter().flatten() {
            let rel = entry.path().strip_prefix(REPO).unwrap();
            let to = dir.path().join(rel);
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
    }
    let config = std::fs::read_to_string(Path::new(REPO).join("dossier.yaml")).unwrap();
    let config: String = config.lines().filter(|l| !l.starts_with("theme:")).map(|l| format!("{l}\n")).collect();
    std::fs::write(dir.path().join("dossier.yaml"), config + "theme: broadsheet\n").unwrap();
    dir
}

/// Each theme's name and a site root using it.
fn themed_sites() -> Vec<(&'static str, PathBuf, Option<tempfile::TempDir>)> {
    let copy = broadsheet();
    vec![("default", PathBuf::from(REPO), None), ("broadsheet", copy.path().to_owned(), Some(copy))]
}

#[test]
fn the_nu_html_checker_finds_no_errors_on_any_page() {
    let Some(jar) = tool("DOSSIER_VNU_JAR", "vnu-jar/build/dist/vnu.jar") else { return };
    let out = tempfile::tempdir().unwrap();
    let sites = themed_sites();
    for (theme, root, _) in &sites {
        let site = out.path().join(theme);
        let built = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["build", "--root", root.to_str().unwrap(), "--output", site.to_str().unwrap()])
            .output()
            .unwrap();
        common::assert_ok(&built);
        let pages = walkdir::WalkDir::new(&site)
            .into_iter()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"));
        assert!(pages.count() > 30, "every kind of page is checked");
    }
    let report = nu_errors(&jar, out.path());
    assert!(report.is_empty(), "the Nu Html Checker reports:\n{report}");
}

/// The Nu Html Checker's errors on every HTML file under `dir`: empty when
/// there are none.
fn nu_errors(jar: &Path, dir: &Path) -> String {
    let checked = Command::new("java")
        .args(["-jar", jar.to_str().unwrap(), "--errors-only", "--skip-non-html", "--format", "gnu"])
        .arg(dir)
        .output()
        .expect("run java (Debian's default-jre-headless)");
    let report = String::from_utf8_lossy(&checked.stderr).trim().to_owned();
    if checked.status.success() || !report.is_empty() { report } else { format!("vnu failed: {}", checked.status) }
}

/// axe-core's serious and critical violations on the page open in `browser`.
fn serious_violations(browser: &Browser, axe: &str) -> serde_json::Value {
    browser.eval(&format!("{axe}\nreturn true;"));
    browser.eval(
        "return axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations \
           .filter(v => v.impact === 'serious' || v.impact === 'critical') \
           .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')));",
    )
}

/// A briefing, an actor and a question of the example site, the home page,
/// the stance map and actor network overviews, the briefings index with
/// its archive, and later pages of lists: the briefings', the actors' (no
/// network), an actor's and a question's; an author's page and the authors;
/// a library source's page; the corrections; pages in French.
const PAGES: &[(&str, &str)] = &[
    ("home", "/"),
    ("stance-map", "/questions/"),
    ("network", "/actors/"),
    ("briefing", "/briefings/coalition-pledges-troops/"),
    ("briefing-embeds", "/briefings/kremlin-rejects-foreign-troops/"),
    ("actor", "/actors/vladimir-putin/"),
    ("actor-portrait", "/actors/france/"),
    ("question", "/questions/foreign-troops-in-ukraine/"),
    ("list-page-2", "/briefings/page/2/"),
    ("actors-page-2", "/actors/page/2/"),
    ("actor-page-2", "/actors/donald-trump/page/2/"),
    ("question-page-2", "/questions/us-role-in-guarantees/page/2/"),
    ("archive", "/briefings/"),
    ("author", "/authors/dossier-desk/"),
    ("authors", "/authors/"),
    ("library-source", "/sources/summit-report/"),
    ("corrections", "/corrections/"),
    // In French: a translated briefing (translated quotes beside the words
    // as said, the language switcher) and a translated actor.
    ("translation", "/fr/briefings/kremlin-rejects-foreign-troops/"),
    ("translation-actor", "/fr/actors/vladimir-putin/"),
];

#[test]
fn pages_fit_phones_and_desktops_with_no_serious_accessibility_violations() {
    let Some(axe) = tool("DOSSIER_AXE_JS", "axe-core/axe.min.js") else { return };
    let axe = std::fs::read_to_string(axe).unwrap();
    for (theme, root, _copy) in themed_sites() {
        // Not `serve`: the open reload stream would keep pages loading.
        let server = Server::start_with(&root, &["--no-reload"]);
        let devices = [
            ("phone", 375, 812, false),
            ("desktop", 1280, 900, false),
            ("desktop-dark", 1280, 900, true),
            ("small-phone", 320, 640, false),
        ];
        for (device, width, height, dark) in devices {
            let Some(browser) = Browser::start(width, height) else { return };
            browser.prefer_dark(dark);
            for (kind, path) in PAGES {
                browser.open(&format!("{}{path}", server.base));
                browser.wait_for("document.readyState === 'complete'");
                assert_eq!(
                    browser.eval("return window.innerWidth;"),
                    serde_json::json!(width),
                    "the window is {width}px wide"
                );
                let overflow = browser.eval(
                "const d = document.documentElement; \
                 const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > d.clientWidth + 1); \
                 return { excess: d.scrollWidth - d.clientWidth, wide: wide.slice(0, 5).map(e => e.tagName + '.' + e.className) };",
            );
                // Below 0 when the scrollbar's gutter is kept and unused.
                assert!(
                    overflow["excess"].as_i64().is_some_and(|e| e <= 0),
                    "{theme}: {path} at {width}px overflows: {overflow}"
                );
                let scheme = browser.eval("return matchMedia('(prefers-color-scheme: dark)').matches;");
                assert_eq!(scheme, serde_json::json!(dark), "{device}: the colour scheme asked for");
                // Everything the page loads comes from the site: no fonts,
                // scripts or styles from elsewhere, so it works offline.
                let foreign = browser.eval(
                    "return performance.getEntriesByType('resource').map(r => r.name).filter(n => new URL(n).origin !== location.origin);",
                );
                assert_eq!(foreign, serde_json::json!([]), "{theme}: {path} loads from elsewhere");

                let violations = serious_violations(&browser, &axe);
                assert_eq!(violations, serde_json::json!([]), "{theme}: axe-core on {path}, {device}");

                let prefix = if theme == "default" { String::new() } else { format!("{theme}-") };
                let shot = Path::new(REPO).join(format!("target/screenshots/{prefix}{kind}-{device}.png"));
                browser.screenshot(&shot);
                assert!(std::fs::metadata(&shot).unwrap().len() > 10_000, "{} looks empty", shot.display());
            }
            assert_eq!(browser.console_errors(), Vec::<String>::new(), "{theme}: console errors at {width}px");
        }
    }
}

#[test]
fn the_stance_map_filters_by_actor_kind_and_topic() {
    let server = Server::start_with(Path::new(REPO), &["--no-reload"]);
    let Some(browser) = Browser::start(1280, 900) else { return };
    browser.open(&format!("{}/questions/", server.base));
    browser.wait_for("document.readyState === 'complete'");
    assert_eq!(browser.eval("return document.querySelector('.map-filters').hidden;"), serde_json::json!(false));
    // What is visible after choosing `kind` and `topic`.
    let pick = |kind: &str, topic: &str| {
        browser.eval(&format!(
            "const f = document.querySelector('.map-filters'); \
             f.elements.kind.value = '{kind}'; f.elements.topic.value = '{topic}'; \
             f.elements.topic.dispatchEvent(new Event('change')); \
             const t = document.querySelector('table.stance-map'); \
             const heads = [...t.tHead.rows[0].cells].slice(1); \
             const rows = [...t.tBodies[0].rows]; \
             return {{ \
               columns: heads.filter(h => !h.hidden).map(h => h.dataset.topics), \
               hiddenColumns: heads.filter(h => h.hidden).map(h => h.dataset.topics), \
               rows: rows.filter(r => !r.hidden).map(r => [r.dataset.kind, [...r.cells].slice(1).filter(c => !c.hidden && c.dataset.stance).length]), \
               hiddenRows: rows.filter(r => r.hidden).length, \
               count: f.querySelector('output').textContent }};"
        ))
    };
    let all = pick("", "");
    let columns = all["columns"].as_array().unwrap().len();
    assert!(columns >= 2 && all["hiddenRows"] == 0, "{all}");

    let people = pick("person", "");
    let rows = people["rows"].as_array().unwrap();
    assert!(!rows.is_empty() && people["hiddenRows"].as_u64() > Some(0), "{people}");
    assert!(rows.iter().all(|r| r[0] == "person" && r[1].as_u64() > Some(0)), "{people}");
    assert_eq!(people["count"], format!("{} actors, {columns} questions", rows.len()));

    let energy = pick("", "energy-sanctions");
    let shown = energy["columns"].as_array().unwrap();
    assert!(!shown.is_empty() && !energy["hiddenColumns"].as_array().unwrap().is_empty(), "{energy}");
    assert!(shown.iter().all(|t| t.as_str().unwrap().split(' ').any(|t| t == "energy-sanctions")), "{energy}");
    let hidden = energy["hiddenColumns"].as_array().unwrap();
    assert!(hidden.iter().all(|t| !t.as_str().unwrap().split(' ').any(|t| t == "energy-sanctions")), "{energy}");
    // A row with no stance left in the shown columns is hidden.
    assert!(energy["rows"].as_array().unwrap().iter().all(|r| r[1].as_u64() > Some(0)), "{energy}");
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}

#[test]
fn preview_cards_open_on_focus_and_hover_and_stay_on_screen() {
    let server = Server::start_with(Path::new(REPO), &["--no-reload"]);
    for width in [1280, 375] {
        let Some(browser) = Browser::start(width, 900) else { return };
        browser.open(&format!("{}/briefings/coalition-pledges-troops/", server.base));
        browser.wait_for("document.readyState === 'complete'");
        // The card's text, whether it is on screen, and what the link says it is described by.
        let card = |selector: &str, how: &str| {
            browser.eval(&format!(
                "const link = document.querySelector({}); \
                 link.scrollIntoView({{ block: 'center' }}); \
                 {how} \
                 const tip = document.getElementById('preview-card'); \
                 const r = tip.getBoundingClientRect(); \
                 return {{ shown: !tip.hidden && r.height > 0, text: tip.innerText.replace(/\\s+/g, ' ').trim(), \
                   inside: r.left >= 0 && r.right <= document.documentElement.clientWidth, \
                   ids: tip.querySelectorAll('[id]').length, described: link.getAttribute('aria-describedby') }};",
                serde_json::json!(selector)
            ))
        };
        let focus = "link.focus();";
        let actor = card(".prose a[href='/actors/emmanuel-macron/']", focus);
        assert_eq!(actor["shown"], true, "{width}px: {actor}");
        assert_eq!(actor["described"], "preview-card", "{actor}");
        assert_eq!(actor["inside"], true, "{width}px: {actor}");
        let text = actor["text"].as_str().unwrap();
        assert!(text.starts_with("Emmanuel Macron President of France"), "{text}");
        assert!(text.contains("✓ Supports Should foreign troops be stationed in Ukraine after a ceasefire?"), "{text}");
        browser.screenshot(&Path::new(REPO).join(format!("target/screenshots/preview-{width}.png")));

        browser.eval("document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' })); return true;");
        assert_eq!(browser.eval("return document.getElementById('preview-card').hidden;"), true, "Escape hides it");

        let source = card("sup.cite a[href='#source-macron-summit-statement']", focus);
        assert_eq!(source["shown"], true, "{source}");
        assert_eq!(source["ids"], 0, "a copied entry keeps no ids: {source}");
        assert!(source["text"].as_str().unwrap().starts_with("Statement at the close of the Coalition"), "{source}");

        let hover = card(
            ".key-actors a[href='/actors/donald-trump/']",
            "link.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));",
        );
        assert_eq!(hover["shown"], true, "{hover}");
        assert!(hover["text"].as_str().unwrap().starts_with("Donald Trump"), "{hover}");
        assert_eq!(browser.console_errors(), Vec::<String>::new());
    }
}

/// Words and addresses longer than a phone's line break instead of
/// widening the page, in both themes.
#[test]
fn long_words_and_addresses_fit_a_phone() {
    let long_word = "Rechtsschutzversicherungsgesellschaften".repeat(4);
    let long_url = format!("https://example.org/{}", "very-long-path-segment/".repeat(12));
    let mut sites = Vec::new();
    for theme in ["default", "broadsheet"] {
        let copy = broadsheet();
        // The example's French translation needs its language listed.
        let config = format!("title: Long words\ntheme: {theme}\nlanguages: [{{ code: fr }}]\n");
        std::fs::write(copy.path().join("dossier.yaml"), config).unwrap();
        std::fs::write(
            copy.path().join("content/briefings/long-words.md"),
            format!(
                "---\ntitle: {long_word}\ndate: 2025-09-06\nsummary: {long_word}\nactors: [vladimir-putin]\n\
                 sources:\n  - id: long\n    title: {long_word}\n    publisher: {long_word}\n    url: {long_url}\n---\n\
                 See {long_url} and <{long_url}> [@long]. {long_word}\n\n## {long_word}\n\nMore.\n"
            ),
        )
        .unwrap();
        sites.push((theme, copy));
    }
    for (theme, copy) in &sites {
        let server = Server::start_with(copy.path(), &["--no-reload"]);
        for width in [320, 375] {
            let Some(browser) = Browser::start(width, 800) else { return };
            for path in ["/briefings/long-words/", "/briefings/", "/actors/vladimir-putin/"] {
                browser.open(&format!("{}{path}", server.base));
                browser.wait_for("document.readyState === 'complete'");
                let excess = browser.eval("const d = document.documentElement; return d.scrollWidth - d.clientWidth;");
                assert!(excess.as_i64().is_some_and(|e| e <= 0), "{theme}: {path} overflows at {width}px: {excess}");
            }
        }
    }
}

#[test]
fn a_long_menu_keeps_the_search_box_beside_the_title_and_fits_a_phone() {
    let mut sites = Vec::new();
    for theme in ["default", "broadsheet"] {
        let copy = broadsheet();
        let nav = "nav:\n  - section: briefings\n  - section: questions\n    title: Who stands where\n  - section: actors\n  \
                   - section: topics\n  - section: sources\n  - page: about\n  - url: https://example.org/newsletter/\n    \
                   title: Newsletter\n  - url: /corrections/\n    title: Corrections\n";
        let config = format!(
            "title: Ukraine Security Briefings\ntheme: {theme}\nsearch: true\nlanguages: [{{ code: fr }}]\n{nav}"
        );
        std::fs::write(copy.path().join("dossier.yaml"), config).unwrap();
        sites.push((theme, copy));
    }
    for (theme, copy) in &sites {
        let server = Server::start_with(copy.path(), &["--no-reload"]);
        for (width, height) in [(1280, 800), (320, 700)] {
            let Some(browser) = Browser::start(width, height) else { return };
            browser.open(&format!("{}/briefings/", server.base));
            browser.wait_for("document.readyState === 'complete'");
            let excess = browser.eval("const d = document.documentElement; return d.scrollWidth - d.clientWidth;");
            assert!(excess.as_i64().is_some_and(|e| e <= 0), "{theme}: the menu overflows at {width}px: {excess}");
            let entries = browser.eval("return document.querySelectorAll('.site-nav a').length;");
            assert_eq!(entries, serde_json::json!(8), "{theme}");
            if *theme == "default" && width == 1280 {
                // The search box shares the title's row: it starts above
                // the title's bottom edge.
                let beside = browser.eval(
                    "const t = document.querySelector('.brand').getBoundingClientRect(); \
                     const s = document.querySelector('.site-search').getBoundingClientRect(); \
                     return s.top < t.bottom && s.left > t.right;",
                );
                assert_eq!(beside, serde_json::json!(true), "the search box moved below the title");
            }
        }
    }
}

/// From an audit of the pages (Lighthouse and pa11y): reference links are
/// targets of at least 24×24 px, a lead image shifts nothing as it loads,
/// the header's search form has a button that submits it, the network
/// keeps readable labels on a phone (it scrolls instead), and search
/// results arriving shift nothing.
#[test]
fn targets_are_big_enough_the_network_reads_on_a_phone_and_search_does_not_shift() {
    for (theme, root, _copy) in themed_sites() {
        let server = Server::start_with(&root, &["--no-reload"]);
        // A site without a picture cache shows sources until they are processed.
        let page = "/briefings/coalition-pledges-troops/";
        server.wait_for(page, "the processed lead image", |r| r.body.contains("image/webp"));
        for width in [320, 1280] {
            let Some(browser) = Browser::start(width, 800) else { return };
            browser.open(&format!("{}{page}", server.base));
            browser.wait_for("document.readyState === 'complete'");
            let small = browser.eval(
                "const refs = [...document.querySelectorAll('sup.cite a')]; \
                 return { count: refs.length, small: refs.map(a => a.getBoundingClientRect()) \
                   .filter(r => r.width < 24 || r.height < 24).map(r => [r.width, r.height]) };",
            );
            assert!(
                small["count"].as_u64() > Some(2) && small["small"] == serde_json::json!([]),
                "{theme} {width}: {small}"
            );
            // The lead image keeps its room while it loads (no shift), comes
            // as WebP, fills the column and keeps its proportions.
            let lead = browser.eval(
                "return new Promise(done => { const img = document.querySelector('.lead-image img'); \
                   const finish = () => { let shift = 0; \
                     new PerformanceObserver(l => { shift += l.getEntries().filter(e => !e.hadRecentInput) \
                       .reduce((s, e) => s + e.value, 0); }).observe({ type: 'layout-shift', buffered: true }); \
                     setTimeout(() => { const r = img.getBoundingClientRect(); \
                       done({ shift, src: img.currentSrc, width: r.width, column: img.closest('article').getBoundingClientRect().width, \
                              ratio: r.height / r.width }); }, 300); }; \
                   img.complete ? finish() : img.addEventListener('load', finish); });",
            );
            assert!(lead["shift"].as_f64().unwrap() < 0.01, "{theme} {width}: the lead image shifted the page: {lead}");
            assert!(lead["src"].as_str().unwrap().ends_with(".webp"), "{theme} {width}: {lead}");
            assert!((lead["ratio"].as_f64().unwrap() - 0.5).abs() < 0.01, "{theme} {width}: {lead}");
            assert!(
                lead["width"].as_f64().unwrap() >= lead["column"].as_f64().unwrap().min(1120.0) - 1.0,
                "{theme} {width}: {lead}"
            );

            browser.eval("document.querySelector('#site-search-q').value = 'summit'; document.querySelector('.site-search button[type=submit]').click(); return true;");
            browser.wait_for("location.pathname.endsWith('/search/')");
            assert_eq!(browser.eval("return location.search;"), serde_json::json!("?q=summit"), "{theme} {width}");
            browser.wait_for("/result/.test(document.querySelector('[data-search-status]').textContent)");
            let shift = browser.eval(
                "return new Promise(done => { setTimeout(() => done(0), 300); \
                   new PerformanceObserver(l => done(l.getEntries().filter(e => !e.hadRecentInput) \
                     .reduce((s, e) => s + e.value, 0))).observe({ type: 'layout-shift', buffered: true }); });",
            );
            assert!(shift.as_f64().unwrap() < 0.05, "{theme} {width}: results moved the page by {shift}");

            browser.open(&format!("{}/actors/", server.base));
            browser.wait_for("document.readyState === 'complete'");
            let network = browser.eval(
                "const f = document.querySelector('.network figure'); \
                 const label = document.querySelector('.network-svg text').getBoundingClientRect(); \
                 return { scrolls: f.scrollWidth > f.clientWidth, label: label.height };",
            );
            assert!(network["label"].as_f64().unwrap() >= 10.0, "{theme} {width}: labels too small: {network}");
            assert_eq!(network["scrolls"], serde_json::json!(width == 320), "{theme} {width}: {network}");
        }
    }
}

/// A small site in Arabic, in `theme`: actors, questions, briefings with
/// positions, quotes, sources, a table, lists and a stance table in a
/// body; lists in pages of two, so pagers show.
fn arabic_site(theme: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "dossier.yaml",
        &format!(
            "title: إحاطات الأمن الإقليمي\ndescription: من يقف أين في مسألة ضمانات وقف إطلاق النار، وكيف نعرف ذلك.\n\
             language: ar\nlanguages:\n  - code: en\n    title: Regional security briefings\n\
             theme: {theme}\npaginate_by: 2\npositions_per_page: 2\nfeeds: true\n"
        ),
    );
    for (id, front) in [
        ("salma-haddad", "name: سلمى حداد\nkind: person\nrole: وزيرة الخارجية\naffiliations: [regional-council]"),
        ("omar-nasser", "name: عمر ناصر\nkind: person\nrole: رئيس الوزراء"),
        ("regional-council", "name: المجلس الإقليمي\nkind: organization\nrole: منظمة إقليمية للتعاون الأمني"),
        ("northern-state", "name: الدولة الشمالية\nkind: state"),
    ] {
        write(
            &format!("content/actors/{id}.md"),
            &format!("---\n{front}\n---\nنبذة قصيرة عن هذا الطرف ومواقفه المعلنة.\n"),
        );
    }
    write("content/questions/monitors.md", "---\ntitle: هل ينبغي نشر مراقبين دوليين على خط وقف إطلاق النار؟\n---\n");
    write("content/questions/sanctions.md", "---\ntitle: هل يجب رفع العقوبات بعد توقيع الاتفاق؟\n---\n");
    for (id, date, title, who, stance, question) in [
        (
            "monitors-proposal",
            "2025-03-02",
            "سلمى حداد تقترح نشر مراقبين دوليين",
            "salma-haddad",
            "supports",
            "monitors",
        ),
        (
            "council-hesitates",
            "2025-03-04",
            "المجلس الإقليمي يتريث في الرد على المقترح",
            "regional-council",
            "unclear",
            "monitors",
        ),
        ("sanctions-debate", "2025-03-06", "جدل حول رفع العقوبات بعد الاتفاق", "omar-nasser", "opposes", "sanctions"),
    ] {
        write(&format!("content/briefings/{id}.md"), &arabic_briefing(date, title, who, stance, question));
    }
    // One briefing and one actor in English: a left-to-right translation
    // beside right-to-left pages, and English pages showing Arabic ones
    // for want of a translation.
    write(
        "content/briefings/monitors-proposal.en.md",
        "---\ntitle: Salma Haddad proposes international monitors\nsummary: A short summary of what happened and why it matters.\n\
         positions:\n  - summary: She stated her position clearly at a press conference.\n    \
         quote: There is no lasting peace without guarantees that can be verified\n---\n\
         [[Salma Haddad]] said monitors are necessary [@statement].\n\n## What was proposed\n\n::stances[monitors]\n",
    );
    write(
        "content/actors/salma-haddad.en.md",
        "---\nname: Salma Haddad\nrole: Foreign minister\n---\nA short profile.\n",
    );
    dir
}

/// An Arabic briefing: `who` takes `stance` on `question`, with a quote, a
/// source, headings, a list, a table and the question's stance table.
fn arabic_briefing(date: &str, title: &str, who: &str, stance: &str, question: &str) -> String {
    let source = "sources:\n  - id: statement\n    title: بيان وزارة الخارجية حول المراقبين\n    publisher: وزارة الخارجية\n    url: https://example.org/statement\n    date: 2025-03-02\n    kind: primary\n";
    format!(
        "---\ntitle: {title}\ndate: {date}\nsummary: ملخص قصير للإحاطة يشرح ما حدث ولماذا يهم القراء.\n\
         actors: [{who}, northern-state]\npositions:\n  - actor: {who}\n    question: {question}\n    stance: {stance}\n\
         \x20   summary: أعلن موقفه بوضوح في مؤتمر صحفي.\n    quote: \"لا سلام دائم من دون ضمانات يمكن التحقق منها\"\n\
         \x20   sources: [statement]\n{source}---\n\
         قالت [[salma-haddad]] إن المراقبين ضرورة [@statement]. وردّت [[northern-state]] بحذر.\n\n\
         ## ما الذي اقتُرح\n\n- مراقبون على طول الخط\n- تقارير أسبوعية علنية\n\n\
         | الطرف | الموقف |\n| --- | --- |\n| المجلس | متريث |\n\n\
         ## أين يقف الجميع\n\n::stances[{question}]\n"
    )
}

#[test]
fn an_arabic_site_reads_right_to_left_in_both_themes() {
    let (Some(jar), Some(axe)) =
        (tool("DOSSIER_VNU_JAR", "vnu-jar/build/dist/vnu.jar"), tool("DOSSIER_AXE_JS", "axe-core/axe.min.js"))
    else {
        return;
    };
    let axe = std::fs::read_to_string(axe).unwrap();
    let out = tempfile::tempdir().unwrap();
    let pages = [
        "/",
        "/briefings/monitors-proposal/",
        "/briefings/",
        "/briefings/page/2/",
        "/actors/salma-haddad/",
        "/actors/",
        "/questions/monitors/",
        "/questions/",
        // In English: translated, and shown in Arabic for want of a translation.
        "/en/briefings/monitors-proposal/",
        "/en/actors/salma-haddad/",
        "/en/briefings/council-hesitates/",
        "/en/",
    ];
    for theme in ["default", "broadsheet"] {
        let site = arabic_site(theme);
        let built = out.path().join(theme);
        common::assert_ok(
            &Command::new(env!("CARGO_BIN_EXE_dossier"))
                .args(["build", "--root", site.path().to_str().unwrap(), "--output", built.to_str().unwrap()])
                .output()
                .unwrap(),
        );
        let home = std::fs::read_to_string(built.join("index.html")).unwrap();
        assert!(home.contains(r#"<html lang="ar" dir="rtl">"#), "{theme}: {}", &home[..200]);

        let server = Server::start_with(site.path(), &["--no-reload"]);
        for width in [375, 1280] {
            let Some(browser) = Browser::start(width, 900) else { return };
            for path in pages {
                browser.open(&format!("{}{path}", server.base));
                browser.wait_for("document.readyState === 'complete'");
                let layout = browser.eval(
                    "const d = document.documentElement; \
                     const out = [...document.querySelectorAll('body *')].filter(e => { const r = e.getBoundingClientRect(); \
                       return r.width > 0 && (r.left < -1 || r.right > d.clientWidth + 1) && !e.closest('.table-scroll, .map-scroll, .network-scroll, .visually-hidden, thead'); }); \
                     return { dir: getComputedStyle(d).direction, excess: d.scrollWidth - d.clientWidth, \
                       out: out.slice(0, 5).map(e => e.tagName + '.' + e.className) };",
                );
                let dir = if path.starts_with("/en/") { "ltr" } else { "rtl" };
                assert_eq!(layout["dir"], dir, "{theme}: {path}");
                assert!(layout["excess"].as_i64().is_some_and(|e| e <= 0), "{theme}: {path} at {width}px: {layout}");
                let violations = serious_violations(&browser, &axe);
                assert_eq!(violations, serde_json::json!([]), "{theme}: axe-core on {path} at {width}px");
                let shot = Path::new(REPO)
                    .join(format!("target/screenshots/rtl-{theme}{}-{width}.png", path.replace('/', "-")));
                browser.screenshot(&shot);
            }
            assert_eq!(browser.console_errors(), Vec::<String>::new(), "{theme}: console errors at {width}px");
        }
    }
    let report = nu_errors(&jar, out.path());
    assert!(report.is_empty(), "the Nu Html Checker reports:\n{report}");
}
