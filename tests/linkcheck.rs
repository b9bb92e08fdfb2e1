//! `dossier check --links` against a server on this machine that answers
//! every way a source's address can: alive, moved, gone, busy, slow, cut.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::TestSite;

/// What the server saw: requests per path, and the most at once.
#[derive(Default)]
struct Seen {
    requests: HashMap<String, usize>,
    now: usize,
    most: usize,
}

/// A server on 127.0.0.1 answering by path; it runs until the test ends.
fn serve() -> (String, Arc<Mutex<Seen>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Seen::default()));
    let shared = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let seen = Arc::clone(&shared);
            std::thread::spawn(move || answer(stream, &seen));
        }
    });
    (base, seen)
}

fn answer(mut stream: TcpStream, seen: &Mutex<Seen>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let path = line.split(' ').nth(1).unwrap_or("/").to_owned();
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let asked = {
        let mut s = seen.lock().unwrap();
        s.now += 1;
        s.most = s.most.max(s.now);
        let n = s.requests.entry(path.clone()).or_default();
        *n += 1;
        *n
    };
    let (status, extra) = match path.as_str() {
        "/moved" => ("301 Moved Permanently", "Location: /ok\r\n"),
        "/gone" => ("404 Not Found", ""),
        "/removed" => ("410 Gone", ""),
        "/busy" if asked == 1 => ("429 Too Many Requests", "Retry-After: 1\r\n"),
        "/slow" => {
            std::thread::sleep(Duration::from_millis(1500));
            ("200 OK", "")
        }
        "/reset" => ("", ""),
        p if p.starts_with("/many/") => {
            std::thread::sleep(Duration::from_millis(150));
            ("200 OK", "")
        }
        _ => ("200 OK", ""),
    };
    // Counted done before the answer leaves: the client may ask again the
    // moment it has it, before this thread would run another line.
    seen.lock().unwrap().now -= 1;
    if !status.is_empty() {
        let reply = format!("HTTP/1.1 {status}\r\n{extra}Content-Length: 2\r\nConnection: close\r\n\r\nok");
        let _ = stream.write_all(reply.as_bytes());
    }
    // "/reset": dropped without a word.
}

fn site(base: &str) -> TestSite {
    let site = TestSite::new();
    site.write("dossier.yaml", "title: T\nlink_check: { per_host: 2, retries: 1, timeout_seconds: 5 }\n");
    site.actor("a", &format!("name: A\nlinks: [\"{base}/removed\", \"{base}/ok\"]"));
    site.question("q", "Q?");
    let source =
        |id: &str, path: &str| format!("  - {{ id: {id}, title: {id}, date: 2025-01-01, url: \"{base}{path}\" }}\n");
    let mut front = String::from("title: B\ndate: 2025-01-01\nactors: [a]\nsources:\n");
    for (id, path) in [("ok", "/ok"), ("moved", "/moved"), ("gone", "/gone"), ("removed", "/removed")] {
        front.push_str(&source(id, path));
    }
    front.push_str(&source("busy", "/busy"));
    front.push_str(&source("slow", "/slow"));
    front.push_str(&format!(
        "  - {{ id: saved, title: saved, date: 2025-01-01, url: \"{base}/gone\", archive: \"{base}/ok\" }}\n"
    ));
    front.push_str("positions:\n  - { actor: a, question: q, stance: supports, date: 2025-01-01, sources: [ok, moved, gone, removed, busy, slow, saved] }");
    let mut body = format!("Cut off: [here]({base}/reset). In code: `{base}/gone`.\n\n");
    for n in 0..8 {
        body.push_str(&format!("[{n}]({base}/many/{n}) "));
    }
    site.briefing("b", &front, &body);
    site
}

#[test]
fn dead_sources_and_links_are_found_politely_and_remembered() {
    let (base, seen) = serve();
    let site = site(&base);
    let plain = site.run(&["check"]);
    assert!(plain.status.success(), "{}", common::stderr(&plain));
    assert!(seen.lock().unwrap().requests.is_empty(), "plain `check` never touches the network");

    let out = site.run(&["check", "--links", "--format", "json"]);
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let of = |code: &'static str| {
        lines.iter().filter(move |d| d["code"] == code).map(|d| d["message"].as_str().unwrap().to_owned())
    };
    let mut dead: Vec<String> = of("W0302").collect();
    dead.sort();
    assert_eq!(
        dead,
        [
            "`url` of source `saved` is dead (404 Not Found); readers still have its `archive`".to_string(),
            format!("link to `{base}/removed` is dead (410 Gone)"),
            format!("link to `{base}/reset` is dead (connection reset)"),
            format!("source `gone` has no live `url` ({base}/gone: 404 Not Found) and no live `archive`"),
            format!("source `removed` has no live `url` ({base}/removed: 410 Gone) and no live `archive`"),
        ],
        "{lines:?}"
    );
    let moved: Vec<String> = of("W0303").collect();
    assert_eq!(moved, [format!("`{base}/moved` has moved for good to `{base}/ok`")]);
    let gone = lines.iter().find(|d| d["message"].as_str().unwrap().starts_with("source `gone`")).unwrap();
    assert_eq!((gone["file"].as_str(), gone["line"].as_u64()), (Some("content/briefings/b.md"), Some(8)), "{gone}");
    assert!(gone["hint"].as_str().unwrap().contains("archive:"));
    let reset = lines.iter().find(|d| d["message"].as_str().unwrap().contains("/reset")).unwrap();
    assert_eq!((reset["line"].as_u64(), reset["column"].as_u64()), (Some(16), Some(10)), "{reset}");
    assert!(common::stderr(&out).contains("Links: 15 addresses, 0 from the cache"), "{}", common::stderr(&out));

    let asked = seen.lock().unwrap().requests.clone();
    assert_eq!(asked["/busy"], 2, "asked again after its Retry-After");
    assert_eq!(asked["/reset"], 2, "a cut connection is retried once (retries: 1)");
    assert_eq!(asked["/gone"], 1, "a 404 is not retried, and one address is asked once");
    assert!(!asked.keys().any(|p| p.contains("code")));
    assert_eq!(seen.lock().unwrap().most, 2, "never more than per_host at once, and that many");

    // The second run asks nobody: every answer is remembered.
    let total = |s: &Seen| s.requests.values().sum::<usize>();
    let before = total(&seen.lock().unwrap());
    let again = site.run(&["check", "--links"]);
    let err = common::stderr(&again);
    assert_eq!(total(&seen.lock().unwrap()), before, "{err}");
    assert!(err.contains("Links: 15 addresses, 15 from the cache, 3 dead, 1 moved"), "{err}");
    assert!(err.contains("[W0302]") && again.status.success(), "dead links warn, and fail nothing: {err}");
}
