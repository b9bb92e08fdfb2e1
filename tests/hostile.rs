//! Hostile and broken input: each case ends in a built site or a clear
//! error naming file, line and column; never a panic, a hang or a leak.

mod common;

use std::time::{Duration, Instant};

use common::{TestSite, assert_ok, files_under, sample_site, stderr};

/// Builds and requires it to finish fast (a hang or quadratic blow-up fails).
fn build_quickly(site: &TestSite) -> std::process::Output {
    let started = Instant::now();
    let out = site.build();
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
    out
}

#[test]
fn huge_mappings_and_escaped_strings_in_front_matter_load_in_linear_time() {
    let site = TestSite::new();
    let keys: String = (0..100_000).map(|i| format!("  k{i}: v\n")).collect();
    site.briefing("many-keys", &format!("title: T\ndate: 2025-01-01\nextra:\n{keys}"), "Body\n");
    let quotes = format!("'{}'", "''".repeat(500_000));
    site.briefing("quotes", &format!("title: {quotes}\ndate: 2025-01-01"), "Body\n");
    assert_ok(&build_quickly(&site));
    assert!(site.page("briefings/quotes/index.html").contains(&"'".repeat(1000)));
}

#[test]
fn deeply_nested_front_matter_is_refused_at_once() {
    let site = TestSite::new();
    let deep = format!("{}{}", "[".repeat(50_000), "]".repeat(50_000));
    site.briefing("deep", &format!("title: Deep\ndate: 2025-01-01\nextra:\n  x: {deep}"), "Body\n");
    let out = build_quickly(&site);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("content/briefings/deep.md:5:134: error: brackets nest deeper than 128 levels"), "{err}");
    assert!(err.contains("help:"), "{err}");
}

#[test]
fn yaml_alias_bombs_are_refused() {
    let site = TestSite::new();
    let mut front = String::from(
        "title: Bomb\ndate: 2025-01-01\nextra:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..10 {
        front.push_str(&format!("  a{i}: &a{i} [{}]\n", vec![format!("*a{}", i - 1); 9].join(", ")));
    }
    site.briefing("bomb", front.trim_end(), "Body\n");
    let out = build_quickly(&site);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("content/briefings/bomb.md: error: repetition limit exceeded"), "{}", stderr(&out));
}

#[test]
fn nul_bytes_never_reach_the_html() {
    let site = TestSite::new();
    site.briefing("nul-byte", "title: \"Nul\\0 title\"\ndate: 2025-01-01", "Body \0 with a NUL.\n");
    assert_ok(&build_quickly(&site));
    let page = std::fs::read(site.root().join("public/briefings/nul-byte/index.html")).unwrap();
    assert!(!page.contains(&0), "no NUL byte in the page");
    assert!(String::from_utf8(page).unwrap().contains("Body \u{fffd} with a NUL."));
}

#[test]
fn a_five_megabyte_briefing_builds() {
    let site = TestSite::new();
    let paragraph = format!("{}\n\n", "word ".repeat(200));
    site.briefing("big", "title: Big\ndate: 2025-01-01", &paragraph.repeat(5 * 1024 * 1024 / paragraph.len()));
    assert_ok(&build_quickly(&site));
    assert!(std::fs::metadata(site.root().join("public/briefings/big/index.html")).unwrap().len() > 5_000_000);
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_not_followed_and_say_so() {
    let site = common::sample_site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "---\ntitle: Secret\ndate: 2025-01-01\n---\nprivate words\n")
        .unwrap();
    let briefings = site.root().join("content/briefings");
    std::os::unix::fs::symlink(outside.path().join("secret.md"), briefings.join("secret.md")).unwrap();
    std::os::unix::fs::symlink(site.root().join("content"), briefings.join("loop")).unwrap();
    let out = build_quickly(&site);
    let err = common::assert_ok(&out);
    assert!(err.contains("content/briefings/secret.md: warning: symbolic link skipped"), "{err}");
    assert!(err.contains("content/briefings/loop: warning: symbolic link skipped"), "{err}");
    assert!(!site.root().join("public/briefings/secret").exists());
    let everything: String = walkdir::WalkDir::new(site.root().join("public"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    assert!(!everything.contains("private words"));
}

/// A rebuild links unchanged files from the previous output (same inode,
/// same modification time) and writes changed ones anew, without ever
/// writing into a file the previous output still shows.
#[cfg(unix)]
#[test]
fn a_rebuild_reuses_unchanged_files_and_never_writes_into_the_previous_output() {
    use std::os::unix::fs::MetadataExt;
    let site = sample_site();
    assert_ok(&site.build());
    let public = site.root().join("public");
    let keep = tempfile::tempdir().unwrap();
    // Second names for the previous output's files: whatever a build does
    // to them shows here.
    let snapshot = |rel: &str| {
        let to = keep.path().join(rel.replace('/', "_"));
        std::fs::hard_link(public.join(rel), &to).unwrap();
        (std::fs::read(&to).unwrap(), to)
    };
    let ino = |rel: &str| std::fs::metadata(public.join(rel)).unwrap().ino();
    let (robots, robots_copy) = snapshot("robots.txt");
    let (first, first_copy) = snapshot("briefings/first/index.html");
    let unchanged = ino("404.html");
    let modified = std::fs::metadata(public.join("404.html")).unwrap().modified().unwrap();

    // The site's own robots.txt replaces the generated one, which is the
    // previous output's file byte for byte (so linked, then replaced).
    site.write("static/robots.txt", "User-agent: *\nDisallow: /drafts/\n");
    // (Its topic stays: a topic page once published may not disappear.)
    site.briefing(
        "first",
        "title: First briefing\ndate: 2025-01-10\ntopics: [economy]\nactors: [alice, bob]",
        "Rewritten. See [[bob]] and [[briefings/second]].\n",
    );
    assert_ok(&site.build());
    assert_eq!(site.page("robots.txt"), "User-agent: *\nDisallow: /drafts/\n");
    assert!(site.page("briefings/first/index.html").contains("Rewritten."));
    assert_eq!(std::fs::read(&robots_copy).unwrap(), robots, "the previous robots.txt was written into");
    assert_eq!(std::fs::read(&first_copy).unwrap(), first, "the previous briefing page was written into");
    assert_eq!(ino("404.html"), unchanged, "an unchanged page was written again");
    let now = std::fs::metadata(public.join("404.html")).unwrap().modified().unwrap();
    assert_eq!(now, modified);
    assert_ne!(ino("briefings/first/index.html"), std::fs::metadata(&first_copy).unwrap().ino());
}

/// A rebuild tells unchanged files by the fingerprints the last build left
/// (`.dossier-fingerprints`: length, time, inode, hash), not by reading
/// them; a file changed since, even to the same length, is compared byte
/// for byte and written again; without the record every file is compared.
#[cfg(unix)]
#[test]
fn a_rebuild_trusts_the_fingerprints_only_for_files_as_the_last_build_left_them() {
    use std::os::unix::fs::MetadataExt;
    let site = sample_site();
    assert_ok(&site.build());
    let public = site.root().join("public");
    let ino = |rel: &str| std::fs::metadata(public.join(rel)).unwrap().ino();
    let record = public.join(".dossier-fingerprints");
    let manifest = std::fs::read_to_string(public.join(".dossier-manifest")).unwrap();
    assert!(manifest.lines().any(|l| l == ".dossier-fingerprints"), "the record is listed as the build's");

    // Edited in place, same length: its time no longer matches the record.
    let page = "briefings/first/index.html";
    let built = std::fs::read(public.join(page)).unwrap();
    let mut edited = built.clone();
    let at = edited.len() / 2;
    edited[at] = if edited[at] == b'x' { b'y' } else { b'x' };
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(public.join(page), &edited).unwrap();
    // An unchanged page whose recorded hash is not its own: a build that
    // trusts the record writes it anew (a new inode).
    let text = std::fs::read_to_string(&record).unwrap();
    let line = text.lines().find(|l| l.ends_with(" 404.html")).expect("404.html has a fingerprint");
    let hash = line.split(' ').nth(3).unwrap();
    let other = format!("{:032x}", u128::from_str_radix(hash, 16).unwrap() ^ 1);
    std::fs::write(&record, text.replace(line, &line.replace(hash, &other))).unwrap();
    let (page_ino, error_ino, robots_ino) = (ino(page), ino("404.html"), ino("robots.txt"));

    assert_ok(&site.build());
    assert_eq!(std::fs::read(public.join(page)).unwrap(), built, "the edited page was not written again");
    assert_ne!(ino(page), page_ino);
    assert_ne!(ino("404.html"), error_ino, "the record was not consulted");
    assert_eq!(ino("robots.txt"), robots_ino, "an unchanged file was written again");

    // Without the record, unchanged files are still found by their bytes.
    std::fs::remove_file(&record).unwrap();
    let error_ino = ino("404.html");
    assert_ok(&site.build());
    assert_eq!(ino("404.html"), error_ino);
    assert!(record.exists(), "the build left no record");
}

/// Every file under `dir` with its bytes, for comparing whole trees.
#[test]
fn a_build_killed_midway_leaves_the_previous_output_intact() {
    let site = TestSite::new();
    site.actor("a", "name: A");
    for i in 0..1500 {
        site.briefing(
            &format!("b{i}"),
            &format!("title: Briefing {i}\ndate: 2025-01-01\nactors: [a]"),
            &"Text. ".repeat(300),
        );
    }
    assert_ok(&site.build());
    let public = site.root().join("public");
    let before = files_under(&public);
    // Every briefing changes, so a half-swapped output would show.
    for i in 0..1500 {
        site.briefing(&format!("b{i}"), &format!("title: Changed {i}\ndate: 2025-01-01\nactors: [a]"), "New.\n");
    }
    let (mut full, mut killed, mut seen) = (Duration::ZERO, 0, Vec::new());
    for delay_ms in [20, 60, 120, 200, 300, 450, 650, 900] {
        let started = Instant::now();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["build", "--root", site.root().to_str().unwrap()])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL: no destructor runs
        if child.wait().unwrap().success() {
            full = started.elapsed();
            break; // it finished before the kill: from here on every build would
        }
        killed += 1;
        seen.push((delay_ms, files_under(&public)));
    }
    assert!(killed >= 3, "only {killed} builds were killed before finishing (a full build took {full:?})");
    // A later build cleans up after the killed ones and swaps in the new site.
    assert_ok(&site.build());
    assert!(site.page("briefings/b7/index.html").contains("Changed 7"));
    // After each kill the output was the old site, or (killed while removing
    // the old one, after the swap) the complete new one: never a mixture.
    let after = files_under(&public);
    for (delay_ms, tree) in &seen {
        // Compared without printing: the trees are megabytes.
        assert!(
            *tree == before || *tree == after,
            "killed after {delay_ms} ms: public/ is neither the old site nor the new"
        );
    }
    assert!(seen.iter().any(|(_, tree)| *tree == before), "some kill came before the swap");
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    assert_eq!(leftovers, Vec::<String>::new(), "(a full build took {full:?})");
}

/// Markup that would run script if a template let it through unescaped.
const PAYLOAD: &str =
    "X<script>alert(1)</script>\"><img src=x onerror=alert(2)>' onfocus='alert(3)\" onfocus=\"alert(4)";

/// Tags and attributes the payload would create if it escaped its text or
/// attribute: `<script>` with its alert, `<img>`, `on…` handlers. Scans the
/// markup as a browser tokenizes it (quoted attribute values, script
/// contents skipped), so quotes in text do not count.
fn injected_markup(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        let name: String = rest.chars().take_while(char::is_ascii_alphanumeric).collect();
        if name.is_empty() {
            continue;
        }
        // Walk the attributes up to the tag's `>`, minding quotes.
        let mut i = name.len();
        let bytes = rest.as_bytes();
        while i < bytes.len() && bytes[i] != b'>' {
            if bytes[i].is_ascii_alphabetic() {
                let attr: String = rest[i..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
                if attr.to_ascii_lowercase().starts_with("on") {
                    found.push(format!("<{name} {attr}=…>"));
                }
                i += attr.len();
                if bytes.get(i) == Some(&b'=') {
                    i += 1;
                    match bytes.get(i) {
                        Some(&q @ (b'"' | b'\'')) => i += 1 + rest[i + 1..].find(q as char).unwrap_or(rest.len()) + 1,
                        _ => i += rest[i..].find([' ', '>']).unwrap_or(rest.len() - i),
                    }
                }
            } else {
                i += 1;
            }
        }
        let tag = name.to_ascii_lowercase();
        if tag == "img" {
            found.push("<img>".into());
        }
        if tag == "script" {
            let end = rest.find("</script>").unwrap_or(rest.len());
            if rest[..end].contains("alert(") && !rest[..end].contains("\\u003cscript") {
                found.push(format!("<script>{}", &rest[..end.min(80)]));
            }
            rest = &rest[end..];
        }
    }
    found
}

#[test]
fn markup_in_every_front_matter_field_comes_out_as_text() {
    // YAML double-quoted: the payload's quotes escaped once for YAML.
    let p = format!("\"{}\"", PAYLOAD.replace('"', "\\\""));
    let url = "https://example.org/\\\"><script>alert(3)</script>";
    let site = TestSite::new();
    site.write("dossier.yaml", &format!("title: {p}\ndescription: {p}\nextra:\n  note: {p}\n"));
    site.actor("alice", &format!("name: {p}\nrole: {p}\naliases: [{p}]\nlinks: [\"{url}\"]"));
    site.write("content/questions/q.md", &format!("---\ntitle: {p}\nsummary: {p}\n---\n"));
    site.write("content/topics/t.md", &format!("---\ntitle: {p}\ndescription: {p}\n---\n"));
    site.write("content/about.md", &format!("---\ntitle: {p}\nsummary: {p}\n---\nAbout.\n"));
    site.briefing(
        "b",
        &format!(
            "title: {p}\ndate: 2025-01-01\nsummary: {p}\ntopics: [t]\nactors: [alice]\npositions:\n  - actor: alice\n    question: q\n    stance: supports\n    summary: {p}\n    quote: {p}\n    sources: [s]\nsources:\n  - id: s\n    title: {p}\n    publisher: {p}\n    url: \"{url}\"\n    archive: \"{url}\""
        ),
        "Body [@s], [[alice]], [[questions/q]], [[topics/t]].\n",
    );
    assert_ok(&build_quickly(&site));
    let files: Vec<(String, String)> = files_under(&site.root().join("public"))
        .into_iter()
        .map(|(rel, bytes)| (rel, String::from_utf8(bytes).unwrap()))
        .collect();
    assert!(files.len() > 15, "{} files", files.len());
    // HTML and XML must escape; the open data (JSON, CSV) holds the strings
    // as they are, which parsing them below checks.
    for (rel, text) in files.iter().filter(|(rel, _)| !rel.starts_with("data/")) {
        let injected = injected_markup(text);
        assert!(injected.is_empty(), "{rel}: markup from the payload became real: {injected:?}");
    }
    // The fields were shown, escaped: every page that shows them.
    let page = |rel: &str| &files.iter().find(|(r, _)| r == rel).unwrap_or_else(|| panic!("no {rel}")).1;
    let escaped = "X&lt;script&gt;alert(1)&lt;";
    for rel in ["briefings/b/index.html", "actors/alice/index.html", "questions/q/index.html", "topics/t/index.html"] {
        assert!(page(rel).contains(escaped), "{rel} shows the payload as text");
    }
    let briefing = page("briefings/b/index.html");
    assert!(briefing.matches(escaped).count() >= 5, "title, summary, quote, source title and publisher");
    // JSON-LD holds the exact strings, and no `</script>` ends it early.
    let start = briefing.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
    let json = &briefing[start..start + briefing[start..].find("</script>").unwrap()];
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(data["headline"], PAYLOAD);
    let positions: serde_json::Value = serde_json::from_str(page("data/positions.json")).unwrap();
    assert_eq!(positions[0]["quote"], PAYLOAD);
    // Atom is XML that parses, with the title as text.
    let feed = page("atom.xml");
    let doc = roxmltree::Document::parse(feed).unwrap();
    let entry_title = doc
        .descendants()
        .find(|n| n.has_tag_name("entry"))
        .unwrap()
        .children()
        .find(|n| n.has_tag_name("title"))
        .unwrap();
    assert_eq!(entry_title.text(), Some(PAYLOAD));
}

#[test]
fn safe_html_cleans_raw_html_out_of_bodies_and_leaves_markdown_alone() {
    let markdown = "## Background\n\nSee [[alice]] on it [@s].[^1]\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n- [x] done\n\n```rust\nlet x = \"<b>\";\n```\n\n[^1]: A note.\n";
    let raw = "<p onclick=\"steal()\">Hi<script>alert(1)</script><img src=x onerror=alert(2)>\
               <a href=\"javascript:alert(3)\">link</a><iframe src=\"https://example.org\"></iframe></p>\n";
    let make = |safe: bool, body: &str| {
        let site = TestSite::new();
        site.write("dossier.yaml", &format!("title: T\nsafe_html: {safe}\n"));
        site.actor("alice", "name: Alice");
        site.briefing(
            "b",
            "title: B\ndate: 2025-01-01\nactors: [alice]\nsources:\n  - id: s\n    title: S\n    url: https://example.org/s",
            body,
        );
        assert_ok(&build_quickly(&site));
        site.page("briefings/b/index.html")
    };
    // What dossier writes itself passes the sanitizer unchanged, but for
    // how the sanitizer spells the same markup (`"` in text, `<input>`).
    let respelt = |html: String| html.replace("&quot;", "\"").replace("\"/>", "\">");
    assert_eq!(respelt(make(true, markdown)), respelt(make(false, markdown)));
    // Raw HTML: the author's choice by default, cleaned with safe_html.
    let trusted = make(false, raw);
    assert!(trusted.contains("<script>alert(1)</script>") && trusted.contains("<iframe"));
    let cleaned = make(true, raw);
    for gone in ["alert(1)", "onerror", "onclick", "javascript:", "<iframe"] {
        assert!(!cleaned.contains(gone), "{gone} survived safe_html");
    }
    assert!(cleaned.contains(">link</a>") && cleaned.contains("Hi"), "harmless text and tags stay");
}

#[test]
fn ids_that_differ_in_case_or_climb_folders_and_data_urls_are_refused() {
    let site = TestSite::new();
    site.actor("alice", "name: Alice");
    site.write("content/actors/Alice.md", "---\nname: Alice again\n---\n");
    site.briefing("climb", "title: T\ndate: 2025-01-01\nactors: [../../etc/passwd]", "");
    site.briefing(
        "data",
        "title: T\ndate: 2025-01-01\nsources:\n  - id: s\n    title: S\n    url: \"data:text/html,<script>alert(1)</script>\"",
        "",
    );
    let out = build_quickly(&site);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("content/actors/Alice.md: error: file name: invalid id `Alice`"), "{err}");
    assert!(err.contains("rename it to `alice.md`"), "{err}");
    assert!(err.contains("content/briefings/climb.md:4:10: error: actors[0]: invalid id `../../etc/passwd`"), "{err}");
    assert!(err.contains("content/briefings/data.md:7:10: error: sources[0].url: invalid URL `data:"), "{err}");
    assert!(!site.root().join("public").exists(), "nothing written");
}

#[test]
fn a_file_that_is_only_front_matter_builds() {
    let site = TestSite::new();
    site.write("content/briefings/only.md", "---\ntitle: Only front matter\ndate: 2025-01-02\n---");
    assert_ok(&build_quickly(&site));
    assert!(site.page("briefings/only/index.html").contains("<h1>Only front matter</h1>"));
}
