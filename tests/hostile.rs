//! Hostile and broken input: each case ends in a built site or a clear
//! error naming file, line and column; never a panic, a hang or a leak.

mod common;

use std::time::{Duration, Instant};

use common::{TestSite, assert_ok, stderr};

/// Builds and requires it to finish fast (a hang or quadratic blow-up fails).
fn build_quickly(site: &TestSite) -> std::process::Output {
    let started = Instant::now();
    let out = site.build();
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
    out
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
    site.briefing("nul", "title: \"Nul\\0 title\"\ndate: 2025-01-01", "Body \0 with a NUL.\n");
    assert_ok(&build_quickly(&site));
    let page = std::fs::read(site.root().join("public/briefings/nul/index.html")).unwrap();
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

/// Every file under `dir` with its bytes, for comparing whole trees.
fn snapshot(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().display().to_string(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

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
    let before = snapshot(&public);
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
        seen.push((delay_ms, snapshot(&public)));
    }
    assert!(killed >= 3, "only {killed} builds were killed before finishing (a full build took {full:?})");
    // A later build cleans up after the killed ones and swaps in the new site.
    assert_ok(&site.build());
    assert!(site.page("briefings/b7/index.html").contains("Changed 7"));
    // After each kill the output was the old site, or (killed while removing
    // the old one, after the swap) the complete new one: never a mixture.
    let after = snapshot(&public);
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
