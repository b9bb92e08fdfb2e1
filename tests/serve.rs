//! `dossier serve`: pages from memory, rebuilds on edits, reload events,
//! the error overlay, and no way out of the served tree.

mod common;

use std::io::{BufRead, BufReader, Write};

use common::http::{Server, connect};

/// The page version the reload script was served with.
fn version(html: &str) -> u64 {
    let at = html.find("/__dossier/events?v=").expect("reload script injected") + "/__dossier/events?v=".len();
    html[at..].chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap()
}

/// Saves like many editors do: write a temporary file, rename it over.
fn atomic_save(path: &std::path::Path, text: &str) {
    let tmp = path.with_extension("md.tmp~");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn serve_rebuilds_on_edits_reloads_and_overlays_errors() {
    let site = common::sample_site();
    let server = Server::start(site.root());
    let before = server.get("/briefings/first/");
    assert_eq!(before.status, 200);
    assert!(before.body.contains("First briefing"));
    assert_eq!(before.header("Content-Type").as_deref(), Some("text/html; charset=utf-8"));
    // Links point at the preview server, not the configured site.
    assert!(before.body.contains(&format!("<link rel=\"canonical\" href=\"{}/briefings/first/\">", server.base)));
    assert!(!site.root().join("public").exists(), "serve never writes public/");

    // Listen for the reload event the way the injected script does.
    let v = version(&before.body);
    let mut events = connect(&server.base);
    write!(events, "GET /__dossier/events?v={v} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let listener = std::thread::spawn(move || {
        let mut lines = BufReader::new(events).lines();
        lines.find(|l| l.as_ref().is_ok_and(|l| l.starts_with("event: reload"))).is_some()
    });

    let file = site.root().join("content/briefings/first.md");
    let original = std::fs::read_to_string(&file).unwrap();
    atomic_save(&file, &original.replace("title: First briefing", "title: First briefing, revised"));
    let after = server.wait_for("/briefings/first/", "the new title", |r| r.body.contains("First briefing, revised"));
    assert!(version(&after.body) > v);
    assert!(listener.join().unwrap(), "a reload event was sent");
    // Pages that show the briefing changed too.
    assert!(server.get("/actors/alice/").body.contains("First briefing, revised"));

    // A broken edit: the last good site stays, with the errors over it.
    atomic_save(&file, &original.replace("date: 2025-01-10", "date: 2025-01-99"));
    let broken = server.wait_for("/briefings/first/", "the error overlay", |r| r.body.contains("dossier-errors"));
    assert_eq!(broken.status, 200);
    assert!(broken.body.contains("First briefing, revised"), "the last good page is still served");
    assert!(broken.body.contains("first.md:3:7"), "the overlay names file, line and column:\n{}", broken.body);
    assert!(server.get("/actors/bob/").body.contains("dossier-errors"), "every page shows the overlay");
    // Fixed: the overlay goes.
    atomic_save(&file, &original);
    let fixed = server.wait_for("/briefings/first/", "the overlay to go", |r| !r.body.contains("dossier-errors"));
    assert!(fixed.body.contains("<h1>First briefing</h1>") || fixed.body.contains(">First briefing<"));
    assert!(server.log().contains("Build failed"), "the terminal got the diagnostics too");
}

#[test]
fn serve_answers_like_a_static_host_and_stays_inside_the_site() {
    let site = common::sample_site();
    site.write("static/secret-free.txt", "plain text\n");
    let server = Server::start(site.root());
    let css = server.get("/style.css");
    assert_eq!((css.status, css.header("Content-Type").as_deref()), (200, Some("text/css; charset=utf-8")));
    assert_eq!(server.get("/site.js").header("Content-Type").as_deref(), Some("text/javascript; charset=utf-8"));
    assert_eq!(server.get("/atom.xml").header("Content-Type").as_deref(), Some("text/xml; charset=utf-8"));
    assert_eq!(server.get("/secret-free.txt").body, "plain text\n");
    // The open data, gathered in memory here rather than streamed to files.
    let data = server.get("/data/positions.json");
    let rows: serde_json::Value = serde_json::from_str(&data.body).expect("positions.json is JSON");
    assert_eq!(rows.as_array().map(Vec::len), Some(2), "{}", data.body);
    assert!(server.get("/data/positions.csv").body.starts_with("actor,actor_name,"));
    // Folders serve their index.html; a folder without its slash redirects.
    assert!(server.get("/actors/").body.contains("Alice Ames"));
    let moved = server.get("/actors");
    assert_eq!((moved.status, moved.header("Location").as_deref()), (301, Some("/actors/")));
    // Unknown pages get the site's 404 page with status 404.
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"));
    // Nothing outside the served tree, however the path is spelt.
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E/dossier.yaml",
        "/static/..%2f..%2fetc/passwd",
        "/a%5c..%5cb",
        "/%00",
    ] {
        assert_eq!(server.get(path).status, 400, "{path}");
    }
    for path in ["//etc/passwd", "/etc/passwd", "/content/briefings/first.md", "/dossier.yaml"] {
        assert_eq!(server.get(path).status, 404, "{path}");
    }
}

#[test]
fn serve_updates_text_edits_alone_and_watches_folders_created_later() {
    let site = common::sample_site();
    let server = Server::start(site.root());
    let file = site.root().join("content/briefings/second.md");
    let original = std::fs::read_to_string(&file).unwrap();
    atomic_save(&file, &original.replace("changed course", "changed course once more"));
    server.wait_for("/briefings/second/", "the new text", |r| r.body.contains("changed course once more"));
    server.wait_log("Built 1 page in");
    assert!(server.log().contains("(text only)"), "only the page was rendered again:\n{}", server.log());

    // templates/ did not exist when serve started.
    let page = |text: &str| format!("{{% extends \"base.html\" %}}{{% block content %}}<p>{text}</p>{{% endblock %}}");
    site.write("templates/404.html", &page("Nothing at all here"));
    server.wait_for("/missing/", "the new template", |r| r.body.contains("Nothing at all here"));
    // …and is watched from then on.
    site.write("templates/404.html", &page("Still nothing here"));
    server.wait_for("/missing/", "the edited template", |r| r.body.contains("Still nothing here"));
}

#[test]
fn serve_shows_a_new_picture_at_once_and_processes_it_behind() {
    let site = common::sample_site();
    site.write_bytes("assets/banner.png", &common::png(900, 300, [200, 60, 40]));
    let file = site.root().join("content/briefings/second.md");
    let original = std::fs::read_to_string(&file).unwrap();
    atomic_save(
        &file,
        &original.replace(
            "title: Second briefing",
            "title: Second briefing\nimage: { src: /banner.png, alt: A red banner }",
        ),
    );
    let server = Server::start(site.root());
    // Served without waiting (its source first, or already processed), then
    // processed and swapped in with no edit.
    let first = server.get("/briefings/second/");
    assert!(first.body.contains("alt=\"A red banner\"") && first.body.contains(r#"width="900" height="300""#));
    let done = server.wait_for("/briefings/second/", "the processed picture", |r| r.body.contains("image/webp"));
    let src = common::attr_values(&done.body, "srcset").into_iter().find(|s| s.contains(".webp")).unwrap().to_owned();
    let webp = src.split(' ').next().unwrap();
    assert_eq!(server.get(webp).header("Content-Type").as_deref(), Some("image/webp"));
    assert!(server.log().contains("Processed 1 picture in"), "{}", server.log());
}

/// The number of pages a Pagefind bundle's entry file says it indexed.
fn indexed_pages(entry: &str) -> u64 {
    let at = entry.find("\"page_count\":").expect("a page count") + "\"page_count\":".len();
    entry[at..].chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap()
}

/// With search on, the index is built behind the pages and again after an
/// edit, on threads of the lowest priority (on Linux), so that an edit's
/// pages never wait for it.
#[test]
fn serve_keeps_the_search_index_current_behind_the_pages() {
    let site = common::sample_site();
    site.write("dossier.yaml", "title: Test briefings\nsearch: true\n");
    let server = Server::start(site.root());
    let entry = "/pagefind/pagefind-entry.json";
    let before = indexed_pages(&server.wait_for(entry, "the search index", |r| r.status == 200).body);

    #[cfg(target_os = "linux")]
    {
        // Field 19 of a thread's stat is its nice value (after the name,
        // which may hold spaces, in parentheses).
        let nice = |stat: &str| -> i64 {
            stat.rsplit_once(')').unwrap().1.split_whitespace().nth(16).unwrap().parse().unwrap()
        };
        let tasks = std::fs::read_dir(format!("/proc/{}/task", server.pid())).unwrap();
        let stats: Vec<String> =
            tasks.map(|t| std::fs::read_to_string(t.unwrap().path().join("stat")).unwrap()).collect();
        let main = stats.iter().find(|s| s.starts_with(&format!("{} ", server.pid()))).unwrap();
        assert_eq!(nice(main), 0, "{main}");
        assert!(stats.iter().any(|s| nice(s) == 19), "no thread at the lowest priority: {stats:?}");
    }

    site.briefing("third", "title: Third\ndate: 2025-04-01\nactors: [bob]", "Bob again.\n");
    server.wait_for(entry, "the index with the new briefing", |r| indexed_pages(&r.body) == before + 1);
    // Only the new briefing's words were read; the rest were kept.
    server.wait_log(&format!("(read 1 of {} pages)", before + 1));
}

/// Listens to the reload stream as the script on the page at `path`
/// (served as version `v`) does; each reload event arrives on the channel.
fn reloads(base: &str, v: u64, path: &str) -> std::sync::mpsc::Receiver<()> {
    let mut events = connect(base);
    let page = path.replace('/', "%2F");
    write!(events, "GET /__dossier/events?v={v}&p={page} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(events).lines().map_while(Result::ok) {
            if line.starts_with("event: reload") && tx.send(()).is_err() {
                break;
            }
        }
    });
    rx
}

/// An open page reloads when an edit changed it (or the error overlay
/// came or went), not on every edit to the site.
#[test]
fn serve_reloads_only_the_pages_an_edit_changed() {
    let site = common::sample_site();
    let server = Server::start(site.root());
    let second = server.get("/briefings/second/");
    assert!(second.body.contains("&p=\"+encodeURIComponent(location.pathname)"), "the script names its page");
    let reloaded = reloads(&server.base, version(&second.body), "/briefings/second/");

    // The first briefing's body: its page changes, the second's does not.
    let first = site.root().join("content/briefings/first.md");
    let text = std::fs::read_to_string(&first).unwrap();
    atomic_save(&first, &text.replace("Alice spoke", "Alice spoke again"));
    server.wait_for("/briefings/first/", "the first edit", |r| r.body.contains("Alice spoke again"));
    let timeout = std::time::Duration::from_millis(1500);
    assert!(reloaded.recv_timeout(timeout).is_err(), "the second briefing's page reloaded for an edit elsewhere");

    // Its own body: reloaded.
    let file = site.root().join("content/briefings/second.md");
    let text = std::fs::read_to_string(&file).unwrap();
    atomic_save(&file, &text.replace("changed course", "changed course again"));
    assert!(reloaded.recv_timeout(std::time::Duration::from_secs(15)).is_ok(), "no reload for its own edit");

    // A broken edit elsewhere shows the overlay on every page: reloaded too.
    let v = version(&server.get("/briefings/second/").body);
    let reloaded = reloads(&server.base, v, "/briefings/second/");
    let text = std::fs::read_to_string(&first).unwrap();
    atomic_save(&first, &text.replace("date: 2025-01-10", "date: 2025-01-99"));
    assert!(reloaded.recv_timeout(std::time::Duration::from_secs(15)).is_ok(), "no reload for the overlay");
}
