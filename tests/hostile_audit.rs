//! The hostile suite, second part: what an audit with a hostile contributor
//! in mind found (input that stalls a build, output a spreadsheet or a
//! terminal runs, a preview a web page can read). One probe per finding.

mod common;

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use common::http::{Server, connect};
use common::{TestSite, assert_ok, stderr};

/// Builds `site`, requiring it to finish within `limit` (a generous bound:
/// what it guards against took ten times as long).
fn build_within(site: &TestSite, limit: Duration) -> std::process::Output {
    let started = Instant::now();
    let out = site.build();
    let took = started.elapsed();
    eprintln!("built in {took:?}");
    assert!(took < limit, "took {took:?}");
    out
}

fn one_actor_site() -> TestSite {
    let site = TestSite::new();
    site.actor("a", "name: Ann Example");
    site
}

#[test]
fn twenty_thousand_identical_headings_build_in_linear_time() {
    let site = one_actor_site();
    site.briefing("h", "title: H\ndate: 2025-01-01\nactors: [a]", &"## a\n\n".repeat(20_000));
    assert_ok(&build_within(&site, Duration::from_secs(8)));
    let page = site.page("briefings/h/index.html");
    assert!(page.contains("id=\"a-19999\"") && !page.contains("id=\"a-20000\""));
}

#[test]
fn a_hundred_thousand_positions_with_their_own_sources_build_in_linear_time() {
    let site = one_actor_site();
    let mut front = String::from("title: P\ndate: 2025-01-01\nactors: [a]\npositions:\n");
    for i in 0..100_000 {
        front.push_str(&format!("  - actor: a\n    stance: supports\n    sources: [s{i}]\n"));
    }
    front.push_str("sources:\n");
    for i in 0..100_000 {
        front.push_str(&format!("  - id: s{i}\n    title: Source {i}\n    publisher: P\n"));
    }
    site.briefing("p", &front, "Body.\n");
    assert_ok(&build_within(&site, Duration::from_secs(20)));
    // `check` points each of the 200,000 warnings (no date, no address) at
    // its line: finding and quoting every line once scanned the file again.
    let started = Instant::now();
    let out = site.run(&["check"]);
    eprintln!("checked in {:?}", started.elapsed());
    assert!(started.elapsed() < Duration::from_secs(30), "took {:?}", started.elapsed());
    let err = stderr(&out);
    // And the briefing's page is over the page-weight budget (and its
    // positions all rest on one publisher); the actor's 100,000 positions
    // come 100 to a page.
    assert!(err.contains("0 errors, 200002 warnings"), "{}", &err[err.len().saturating_sub(300)..]);
    assert!(site.root().join("public/actors/a/page/1000/index.html").is_file());
    assert!(err.contains("templates/briefing.html: warning: 1 page over the 512 KB budget: /briefings/p/ is"));
    // Front matter from line 2, positions at 3 lines each, then `sources:`.
    let line = 6 + 3 * 100_000 + 1 + 3 * 99_999;
    assert!(err.contains(&format!("content/briefings/p.md:{line}:9: warning: source `s99999` has no `date`")));
}

#[test]
fn a_hundred_thousand_citations_build_in_linear_time() {
    let site = one_actor_site();
    let mut front = String::from("title: C\ndate: 2025-01-01\nactors: [a]\nsources:\n");
    let mut body = String::new();
    for i in 0..100_000 {
        front.push_str(&format!("  - id: s{i}\n    title: Source {i}\n"));
        body.push_str(&format!("Claim [@s{i}]. "));
    }
    site.briefing("c", &front, &body);
    assert_ok(&build_within(&site, Duration::from_secs(10)));
    let page = site.page("briefings/c/index.html");
    assert!(page.contains("<a href=\"#source-s99999\" id=\"cite-100000\">100000</a>"));
}

#[test]
fn csv_cells_that_spreadsheets_would_run_are_neutralized() {
    let site = one_actor_site();
    site.question("q", "Q?");
    let formulas = ["=HYPERLINK(\"http://evil.example\",\"x\")", "@SUM(A1)", "+1+1", "-2+3", "\tTAB", "\rCR"];
    let mut front = String::from("title: F\ndate: 2025-01-01\nactors: [a]\npositions:\n");
    for f in formulas {
        let f = f.replace('\\', "\\\\").replace('"', "\\\"").replace('\t', "\\t").replace('\r', "\\r");
        front.push_str(&format!(
            "  - actor: a\n    question: q\n    stance: supports\n    quote: \"{f}\"\n    summary: \"{f}\"\n    sources: [s]\n"
        ));
    }
    front.push_str("sources:\n  - id: s\n    title: \"=1+2\"\n");
    site.briefing("f", &front, "Body.\n");
    assert_ok(&site.build());
    let csv = site.page("data/positions.csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), formulas.len());
    for row in &rows {
        for name in ["quote", "summary", "source_titles"] {
            let cell = &row[column(name)];
            assert!(cell.starts_with('\''), "{name}: {cell:?} would run as a formula");
        }
    }
    let quotes: Vec<&str> = rows.iter().map(|r| &r[column("quote")]).collect();
    assert!(quotes.contains(&"'=HYPERLINK(\"http://evil.example\",\"x\")"), "{quotes:?}");
    // The JSON, read by programs, keeps the text as written.
    assert!(site.page("data/positions.json").contains("\"quote\":\"=HYPERLINK("));
}

/// A request written out whole; the reply's status line and headers.
fn raw(base: &str, request: &str) -> String {
    let mut stream = connect(base);
    stream.write_all(request.as_bytes()).unwrap();
    let mut reply = Vec::new();
    let mut chunk = [0u8; 4096];
    // Enough for the head; an event stream never ends.
    while !reply.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => reply.extend_from_slice(&chunk[..n]),
        }
    }
    String::from_utf8_lossy(&reply).into_owned()
}

#[test]
fn the_preview_answers_only_to_its_own_names() {
    let site = common::sample_site();
    site.briefing("secret", "title: Unpublished\ndate: 2025-01-01\ndraft: true", "Embargoed.\n");
    let server = Server::start_with(site.root(), &["--drafts"]);
    let port = server.base.rsplit(':').next().unwrap().to_owned();
    let get = |host: &str, path: &str, extra: &str| {
        raw(&server.base, &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}Connection: close\r\n\r\n"))
    };
    for host in ["attacker.example", &format!("attacker.example:{port}"), "localhost.attacker.example"] {
        let reply = get(host, "/briefings/secret/", "");
        assert!(reply.starts_with("HTTP/1.1 421"), "{host}: {reply}");
    }
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}"), "[::1]".into()] {
        assert!(get(&host, "/briefings/secret/", "").starts_with("HTTP/1.1 200"), "{host}");
    }
    let events = "/__dossier/events";
    let own = format!("Origin: http://127.0.0.1:{port}\r\n");
    assert!(get("localhost", events, "Origin: http://attacker.example\r\n").starts_with("HTTP/1.1 403"));
    assert!(get("localhost", events, &own).starts_with("HTTP/1.1 200"));
    // `//host` would be another site to a browser: the slashes collapse.
    let reply = get("localhost", "//actors", "");
    assert!(reply.contains("location: /actors/\r\n"), "{reply}");
}

#[test]
fn the_preview_closes_slow_and_idle_connections() {
    let site = common::sample_site();
    let server = Server::start(site.root());
    let started = Instant::now();
    let idle: Vec<_> = (0..200).map(|_| connect(&server.base)).collect();
    let mut slow: Vec<_> = (0..50).map(|_| connect(&server.base)).collect();
    for s in &mut slow {
        s.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n").unwrap();
    }
    // Slowloris: a header line every second, never the end of the header.
    let mut closed = vec![false; slow.len()];
    for round in 0..20 {
        std::thread::sleep(Duration::from_secs(1));
        for (s, closed) in slow.iter_mut().zip(&mut closed) {
            *closed |= s.write_all(format!("X-{round}: y\r\n").as_bytes()).is_err();
        }
    }
    let open_slow = closed.iter().filter(|c| !**c).count();
    assert_eq!(open_slow, 0, "{open_slow} trickling connections still open after {:?}", started.elapsed());
    for mut s in idle {
        s.set_read_timeout(Some(Duration::from_secs(1))).unwrap();
        let mut byte = [0u8; 1];
        let read = s.read(&mut byte);
        assert!(matches!(read, Ok(0)) || read.is_err_and(|e| e.kind() != std::io::ErrorKind::WouldBlock));
    }
    // And it still serves.
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn terminal_escapes_from_content_are_printed_escaped() {
    let site = one_actor_site();
    site.briefing(
        "e",
        "title: E\ndate: 2025-01-01\nactors: [\"x\\e]52;c;aGk=\\a\\e[2J\"]",
        "Text [[y\u{1b}[31mred]].\n",
    );
    let out = site.build();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "raw escapes printed: {err:?}");
    assert!(err.contains("\\u{1b}]52;c;aGk=\\u{7}\\u{1b}[2J"), "{err}");
}

#[test]
fn ids_in_safe_html_bodies_cannot_stand_in_for_the_pages_own() {
    let site = common::sample_site();
    site.write("dossier.yaml", "title: T\nsafe_html: true\nsearch: true\n");
    site.briefing(
        "first",
        "title: First briefing\ndate: 2025-01-10\nactors: [alice]\nsources:\n  - id: speech\n    title: Budget speech\n",
        "Alice spoke [@speech].\n\n<a id=\"source-speech\" class=\"preview\">a fake source</a>\n\n\
         <div id=\"search-app\">x</div> <p id=\"mine\">kept</p>\n\n## Source notes\n",
    );
    assert_ok(&site.build());
    let page = site.page("briefings/first/index.html");
    assert_eq!(page.matches("id=\"source-speech\"").count(), 1, "{page}");
    assert!(!page.contains("id=\"search-app\"") && page.contains("<p id=\"mine\">kept</p>"));
    // A heading never takes a source entry's id either.
    assert!(page.contains("<h2 id=\"section-source-notes\">"), "{page}");
}

#[test]
fn characters_xml_forbids_never_reach_a_feed() {
    let site = TestSite::new();
    site.actor("a", "name: \"Ann\\x01 Example\\uFFFE\"");
    site.briefing(
        "x",
        "title: \"Bell\\a and \\e escape \\uFFFF\"\ndate: 2025-01-01\nactors: [a]",
        "Raw \u{0b}vertical tab and \u{1}.\n",
    );
    site.write("content/briefings/raw.md", "---\ntitle: Raw \u{1}control\ndate: 2025-01-02\nactors: [a]\n---\nx\n");
    assert_ok(&site.build());
    for feed in ["atom.xml", "actors/a/atom.xml"] {
        let xml = site.page(feed);
        roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{feed}: {e}"));
        assert!(xml.contains("Bell\u{fffd} and \u{fffd} escape \u{fffd}"), "{xml}");
        assert!(xml.contains("Raw \u{fffd}control"), "{xml}");
    }
    assert!(site.page("briefings/x/index.html").contains("Raw \u{fffd}vertical tab"));
}

#[test]
fn a_publisher_name_of_any_length_makes_a_url_the_system_accepts() {
    let site = one_actor_site();
    let long = "Ministry of Foreign Affairs and International Cooperation, Press Office ".repeat(5);
    site.briefing(
        "long",
        &format!(
            "title: L\ndate: 2025-01-01\nactors: [a]\nsources:\n  - id: s\n    title: S\n    publisher: \"{long}\"\n  - id: t\n    title: T\n    publisher: \"{long}II\"\n"
        ),
        "Cited [@s] [@t].\n",
    );
    assert_ok(&site.build());
    let names: Vec<String> = std::fs::read_dir(site.root().join("public/sources"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.iter().all(|n| n.len() <= 80 && n.starts_with("ministry-of-foreign-affairs")), "{names:?}");
}

#[test]
fn ids_windows_cannot_store_are_refused() {
    let site = one_actor_site();
    for id in ["con", "nul", "aux", "prn", "com1", "lpt9"] {
        site.briefing(id, "title: W\ndate: 2025-01-01\nactors: [a]", "x\n");
    }
    site.briefing("console", "title: Fine\ndate: 2025-01-01\nactors: [a]", "x\n");
    let err = stderr(&site.build());
    for id in ["con", "nul", "aux", "prn", "com1", "lpt9"] {
        assert!(
            err.contains(&format!("content/briefings/{id}.md: error: file name: invalid id `{id}`: Windows reserves")),
            "{err}"
        );
    }
    assert!(!err.contains("`console`"), "{err}");
}

#[test]
fn a_heading_id_with_a_stray_percent_sign_breaks_no_script() {
    let site = one_actor_site();
    site.briefing("p", "title: P\ndate: 2025-01-01\nactors: [a]", "## Odd {#%zz}\n\nx\n\n## Even {#50%}\n\ny\n");
    assert_ok(&site.build());
    let Some(browser) = common::browser::Browser::start(1280, 900) else { return };
    let server = Server::start_with(site.root(), &["--no-reload"]);
    browser.open(&format!("{}/briefings/p/", server.base));
    browser.wait_for("document.readyState === 'complete'");
    assert!(browser.html().contains("href=\"#%zz\""));
    assert_eq!(browser.console_errors(), Vec::<String>::new());
}

#[test]
fn a_hundred_thousand_aliases_link_in_linear_time() {
    let site = TestSite::new();
    site.write("dossier.yaml", "title: T\nautolink: true\n");
    let aliases: Vec<String> = (0..100_000).map(|i| format!("\"Alias Number {i}\"")).collect();
    site.actor("a", &format!("name: Ann Example\naliases: [{}]", aliases.join(", ")));
    site.actor("b", "name: Bo");
    let text: String = (0..2_000).map(|i| format!("Words about alias number {i} and more. ")).collect();
    site.briefing(
        "x",
        "title: X\ndate: 2025-01-01\nactors: [a, b]",
        &format!("{text}Then Alias Number 77777 spoke, and Bo.\n"),
    );
    assert_ok(&build_within(&site, Duration::from_secs(10)));
    let page = site.page("briefings/x/index.html");
    assert!(page.contains("<a href=\"/actors/a/\" class=\"autolink\">Alias Number 77777</a>"), "{page}");
    assert!(page.contains("<a href=\"/actors/b/\" class=\"autolink\">Bo</a>"));
}
