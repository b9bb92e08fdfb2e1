//! The output folder is the user's too: a build replaces only what builds
//! wrote, carries `.git` and `keep:` files over, runs one at a time, and
//! leaves the previous output as it was when anything fails.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{TestSite, assert_ok, files_under, sample_site, stderr};

/// Every entry under `dir` (folders too, as `name/`), with file bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .flatten()
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            match e.file_type().is_dir() {
                true => (format!("{rel}/"), Vec::new()),
                false => (rel, fs::read(e.path()).unwrap()),
            }
        })
        .collect()
}

/// The names beside the output that a build might leave (`.public.*`).
fn leftovers(root: &Path) -> Vec<String> {
    fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.") || n.starts_with(".mydocs."))
        .collect()
}

#[test]
fn a_foreign_folder_is_refused_untouched_and_force_replaces_it() {
    let site = sample_site();
    let docs = site.root().join("mydocs");
    fs::create_dir_all(docs.join("notes/old")).unwrap();
    fs::write(docs.join("thesis.txt"), "years of work").unwrap();
    fs::write(docs.join("notes/old/draft.md"), "more work").unwrap();
    let before = tree(&docs);
    let build = |extra: &[&str]| {
        let mut args = vec!["build", "--output", "mydocs"];
        args.extend_from_slice(extra);
        site.run(&args)
    };

    let out = build(&[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("mydocs: error: the output folder is not empty and was not written by dossier"), "{err}");
    assert!(err.contains("`notes/`, `thesis.txt`") && err.contains("--force"), "{err}");
    assert_eq!(tree(&docs), before, "a refused folder was changed");
    assert_eq!(leftovers(site.root()), Vec::<String>::new());

    // An empty folder is taken, and marked.
    let empty = site.root().join("empty");
    fs::create_dir(&empty).unwrap();
    assert_ok(&site.run(&["build", "--output", "empty"]));
    assert!(empty.join("index.html").is_file() && empty.join(".dossier-manifest").is_file());

    let out = build(&["--force"]);
    assert_ok(&out);
    assert!(!docs.join("thesis.txt").exists() && !docs.join("notes").exists());
    assert!(docs.join("briefings/first/index.html").is_file());

    // Marked now, but a file put in by hand stops the next build, named.
    fs::write(docs.join("briefings/mine.html"), "by hand").unwrap();
    fs::create_dir(docs.join("empty-folder")).unwrap();
    let before = tree(&docs);
    let err = stderr(&build(&[]));
    assert!(err.contains("the output folder holds files dossier did not write"), "{err}");
    assert!(err.contains("`briefings/mine.html`, `empty-folder/`"), "{err}");
    assert!(err.contains("keep:") && err.contains("static/"), "{err}");
    assert_eq!(tree(&docs), before);

    // A file or a link where the folder should be is never replaced.
    fs::write(site.root().join("afile"), "text").unwrap();
    let err = stderr(&site.run(&["build", "--output", "afile", "--force"]));
    assert!(err.contains("the output path is a file, not a folder"), "{err}");
    assert_eq!(fs::read_to_string(site.root().join("afile")).unwrap(), "text");
}

#[cfg(unix)]
#[test]
fn a_link_as_the_output_folder_is_refused() {
    let site = sample_site();
    let elsewhere = tempfile::tempdir().unwrap();
    fs::write(elsewhere.path().join("keep.txt"), "mine").unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), site.root().join("public")).unwrap();
    let out = site.run(&["build", "--force"]);
    assert!(stderr(&out).contains("the output path is a symbolic link, not a folder"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(elsewhere.path().join("keep.txt")).unwrap(), "mine");
}

#[test]
fn git_and_kept_files_survive_five_rebuilds() {
    let site = sample_site();
    site.write("dossier.yaml", "title: Test briefings\nkeep:\n  - CNAME\n  - .well-known/**\n  - \"/*.pdf\"\n");
    assert_ok(&site.build());
    let public = site.root().join("public");
    let user_files = [
        (".git/HEAD", &b"ref: refs/heads/gh-pages\n"[..]),
        (".git/objects/ab/cdef", &[0u8, 159, 146, 150, 255][..]),
        ("CNAME", b"briefings.example.org\n"),
        (".well-known/security.txt", b"Contact: mailto:security@example.org\n"),
        (".well-known/deep/x", b"x"),
        ("report.pdf", b"%PDF-1.7 not really"),
    ];
    for (rel, bytes) in user_files {
        fs::create_dir_all(public.join(rel).parent().unwrap()).unwrap();
        fs::write(public.join(rel), bytes).unwrap();
    }
    for round in 0..5 {
        site.briefing(
            "second",
            &format!("title: Second briefing, take {round}\ndate: 2025-03-01\nactors: [alice]"),
            "Rewritten.\n",
        );
        assert_ok(&site.build());
        assert!(site.page("briefings/second/index.html").contains(&format!("take {round}")));
        for (rel, bytes) in user_files {
            assert_eq!(fs::read(public.join(rel)).unwrap(), bytes, "round {round}: {rel}");
        }
    }
    let manifest = fs::read_to_string(public.join(".dossier-manifest")).unwrap();
    assert!(manifest.lines().any(|l| l == "briefings/second/index.html"), "{manifest}");
    let listed: Vec<&str> = manifest.lines().skip(1).collect();
    assert!(listed.iter().all(|l| !l.contains("CNAME") && !l.starts_with(".git") && !l.starts_with(".well")));
    // A pattern matches paths, not any depth: a PDF in a folder is foreign.
    fs::write(public.join("briefings/deep.pdf"), "x").unwrap();
    assert!(stderr(&site.build()).contains("`briefings/deep.pdf`"));
    fs::remove_file(public.join("briefings/deep.pdf")).unwrap();

    // A kept file wins over one the build writes at the same path, and says so.
    site.write("static/CNAME", "other.example.org\n");
    let err = assert_ok(&site.build());
    assert!(err.contains("CNAME: warning: kept as it was"), "{err}");
    assert_eq!(fs::read_to_string(public.join("CNAME")).unwrap(), "briefings.example.org\n");
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
}

/// `git worktree add public gh-pages` makes `.git` a file naming the
/// repository: it is carried over like the folder, and with `--force` too.
#[test]
fn a_git_worktree_file_survives_even_a_forced_build() {
    let site = sample_site();
    let public = site.root().join("public");
    fs::create_dir(&public).unwrap();
    fs::write(public.join(".git"), "gitdir: /repo/.git/worktrees/public\n").unwrap();
    // Only .git: nothing to lose, so taken without --force.
    assert_ok(&site.build());
    fs::write(public.join("old-hugo-page.html"), "old").unwrap();
    assert!(!site.build().status.success());
    assert_ok(&site.run(&["build", "--force"]));
    assert_eq!(fs::read_to_string(public.join(".git")).unwrap(), "gitdir: /repo/.git/worktrees/public\n");
    assert!(!public.join("old-hugo-page.html").exists());
    assert_ok(&site.build());
    assert!(public.join(".git").is_file());
}

#[test]
fn an_invalid_keep_pattern_is_an_error_at_its_line() {
    let site = sample_site();
    site.write("dossier.yaml", "title: T\nkeep:\n  - CNAME\n  - \"[unclosed\"\n");
    let err = stderr(&site.build());
    assert!(err.contains("dossier.yaml:4:5: error: invalid `keep:` pattern `[unclosed`"), "{err}");
}

#[test]
fn four_builds_at_once_leave_one_whole_build() {
    let site = TestSite::new();
    site.actor("a", "name: A");
    for i in 0..300 {
        site.briefing(&format!("b{i}"), &format!("title: Briefing {i}\ndate: 2025-01-01\nactors: [a]"), "Text.\n");
    }
    assert_ok(&site.build());
    let root = site.root().to_str().unwrap();
    let children: Vec<_> = (0..4)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
                .args(["build", "--root", root])
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_ok(&out);
    }
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
    // The same files as one clean build into a fresh folder.
    assert_ok(&site.run(&["build", "--root", root, "--output", "fresh"]));
    // Each folder's fingerprints name its own files' times and inodes.
    let site_files = |dir: &str| {
        let mut files = files_under(&site.root().join(dir));
        assert!(files.remove(dossier::output::FINGERPRINTS).is_some(), "{dir} has no fingerprints");
        files
    };
    assert!(site_files("public") == site_files("fresh"));
}

/// A writer that fails at the `n`th file, as a full disk would.
struct FailAt<'a> {
    inner: dossier::output::Sink<'a>,
    n: usize,
    count: AtomicUsize,
}

impl FailAt<'_> {
    fn tick(&self) -> std::io::Result<()> {
        match self.count.fetch_add(1, Ordering::SeqCst) == self.n {
            true => Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "No space left on device")),
            false => Ok(()),
        }
    }
}

impl dossier::output::Output for FailAt<'_> {
    fn put(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.tick()?;
        self.inner.put(rel, bytes)
    }

    fn put_streamed(
        &self,
        rel: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        self.tick()?;
        self.inner.put_streamed(rel, write)
    }
}

#[test]
fn a_write_failure_at_any_file_leaves_the_previous_output_as_it_was() {
    let site = sample_site();
    site.write("static/extra/file.txt", "static");
    assert_ok(&site.build());
    let public = site.root().join("public");
    let before = tree(&public);
    site.briefing("second", "title: Changed\ndate: 2025-03-01\nactors: [alice]", "New.\n");
    let options = dossier::BuildOptions::new(site.root());
    let files = AtomicUsize::new(0);
    let count = |_: &str, _: &[u8]| {
        files.fetch_add(1, Ordering::SeqCst);
        Ok(())
    };
    dossier::generate(&options, &count).unwrap();
    let files = files.into_inner();
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos() as usize;
    // The first file, the last, and a few anywhere between.
    let mut at = vec![0, files - 1];
    at.extend((1..6).map(|k| seed.wrapping_mul(k * 2_654_435_761) % files));
    for n in at {
        let result = dossier::build_with(&options, |sink| {
            let failing = FailAt { inner: sink, n, count: AtomicUsize::new(0) };
            dossier::generate(&options, &failing)
        });
        let diags = result.expect_err(&format!("a build failing at file {n} succeeded"));
        let shown = diags.render(site.root(), false);
        assert!(shown.contains("cannot write: No space left on device"), "{shown}");
        assert!(shown.contains(&format!("{}", public.display())), "the file is named: {shown}");
        assert_eq!(diags.error_count(), 1, "{shown}");
        assert!(tree(&public) == before, "failing at file {n} (seed {seed}) changed the previous output");
        assert_eq!(leftovers(site.root()), Vec::<String>::new(), "failing at file {n}");
    }
    assert_ok(&site.build());
    assert!(site.page("briefings/second/index.html").contains("Changed"));
}

#[cfg(unix)]
#[test]
fn links_leading_outside_the_site_are_skipped_and_named_and_links_inside_are_followed() {
    use std::os::unix::fs::symlink;
    let site = sample_site();
    site.write("shared/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    site.write("static/real.txt", "real");
    symlink("/etc/passwd", site.root().join("static/passwd")).unwrap();
    symlink(site.root().join("shared/logo.svg"), site.root().join("static/logo.svg")).unwrap();
    symlink(site.root().join("shared"), site.root().join("static/shared")).unwrap();
    symlink("/etc", site.root().join("static/etc")).unwrap();
    symlink("missing", site.root().join("static/dangling")).unwrap();
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("base.html"), "<p>not the site's</p>").unwrap();
    fs::create_dir_all(site.root().join("templates")).unwrap();
    symlink(outside.path().join("base.html"), site.root().join("templates/base.html")).unwrap();

    let err = assert_ok(&site.build());
    assert!(
        err.contains("static/passwd: warning: symbolic link skipped: it leads outside the site, to /etc/passwd"),
        "{err}"
    );
    assert!(err.contains("static/etc: warning: symbolic link skipped: it leads outside the site"), "{err}");
    assert!(err.contains("static/dangling: warning: symbolic link skipped: it leads nowhere"), "{err}");
    assert!(err.contains("templates/base.html: warning: symbolic link skipped: it leads outside the site"), "{err}");
    let public = site.root().join("public");
    assert!(!public.join("passwd").exists() && !public.join("etc").exists());
    assert!(!site.page("index.html").contains("not the site's"));
    assert_eq!(site.page("logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    assert_eq!(site.page("shared/logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    assert_eq!(site.page("real.txt"), "real");
    let everything: Vec<u8> = files_under(&public).into_values().flatten().collect();
    assert!(no_passwd_line(&everything), "something of /etc/passwd was published");
}

/// Whether `bytes` has no line of a passwd file (`root:x:0:0:`).
fn no_passwd_line(bytes: &[u8]) -> bool {
    !bytes.windows(9).any(|w| w == b"root:x:0:")
}
