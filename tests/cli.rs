//! The commands a new user runs first.

mod common;

use std::process::Command;

fn dossier(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dossier")).args(args).current_dir(dir).output().unwrap()
}

#[test]
fn init_then_build_works_outside_the_repository() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("x");
    let out = dossier(&["init", site.to_str().unwrap()], tmp.path());
    assert!(out.status.success(), "{}", common::stderr(&out));
    // The one warning is that the site's address is not set yet, at its line.
    let out = dossier(&["build", "--root", site.to_str().unwrap()], tmp.path());
    let err = common::assert_ok(&out);
    assert!(err.contains("dossier.yaml:5:11: warning: `base_url: /` is a path"), "{err}");
    assert!(err.contains(", 1 warning."), "{err}");
    let url = ["build", "--root", site.to_str().unwrap(), "--base-url", "https://example.org/"];
    let err = common::assert_ok(&dossier(&url, tmp.path()));
    assert!(err.contains(", 0 warnings."), "{err}");
    std::fs::write(site.join("dossier.yaml"), "title: X\nfeeds: false\nsitemap: false\n").unwrap();
    let err = common::assert_ok(&dossier(&["build", "--root", site.to_str().unwrap()], tmp.path()));
    assert!(err.contains(", 0 warnings."), "with nothing that needs a host, a path is fine: {err}");
    let briefing = std::fs::read_to_string(site.join("public/briefings/first-briefing/index.html")).unwrap();
    assert!(briefing.contains("We should build it"), "{briefing}");
    assert!(site.join("public/style.css").is_file(), "the embedded theme's CSS is written");
    assert_eq!(common::broken_links(&site.join("public"), "/"), Vec::<String>::new());
    // The starter content passes the editorial checks too: a new user's
    // first `dossier check` is clean (both sides, every source dated and
    // linked, every actor with a position).
    let out = dossier(&["check", "--root", site.to_str().unwrap()], tmp.path());
    assert!(common::stderr(&out).contains("Checked: 0 errors, 0 warnings."), "{}", common::stderr(&out));
    let ignored = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    assert_eq!(ignored, "/public/\n/.dossier-cache/\n", "the output and the caches are not for committing");
    // A second init must not overwrite anything.
    let again = dossier(&["init", site.to_str().unwrap()], tmp.path());
    assert!(!again.status.success());
    assert!(common::stderr(&again).contains("not empty"));
}

#[test]
fn new_creates_files_that_build() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    assert!(dossier(&["init", "s"], site).status.success());
    let root = site.join("s");
    for (kind, title, path) in [
        ("actor", "Ada Lovelace", "content/actors/ada-lovelace.md"),
        ("question", "Is it safe?", "content/questions/is-it-safe.md"),
        ("briefing", "Bridge vote: what's next", "content/briefings/bridge-vote-what-s-next.md"),
    ] {
        let out = dossier(&["new", kind, title, "--root", root.to_str().unwrap()], site);
        assert!(out.status.success(), "{}", common::stderr(&out));
        assert!(root.join(path).is_file(), "{path}");
    }
    common::assert_ok(&dossier(&["build", "--root", root.to_str().unwrap()], site));
    let page = std::fs::read_to_string(root.join("public/actors/ada-lovelace/index.html")).unwrap();
    assert!(page.contains("Ada Lovelace"));
    let again = dossier(&["new", "actor", "Ada Lovelace", "--root", root.to_str().unwrap()], site);
    assert!(!again.status.success(), "existing files are never overwritten");
}

#[test]
fn build_outside_a_site_explains_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let out = dossier(&["build"], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    let err = common::stderr(&out);
    assert!(err.contains("no content/ folder here") && err.contains("dossier init"), "{err}");
}

#[test]
fn commands_find_the_site_from_any_folder_inside_it() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(dossier(&["init", "s"], tmp.path()).status.success());
    let root = tmp.path().join("s");
    let inside = root.join("content/briefings");
    let out = dossier(&["new", "actor", "Ada Lovelace"], &inside);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(root.join("content/actors/ada-lovelace.md").is_file());
    assert!(!inside.join("content").exists(), "`new` nested a content/ folder");
    common::assert_ok(&dossier(&["build"], &inside));
    assert!(root.join("public/actors/ada-lovelace/index.html").is_file());
    assert!(!inside.join("public").exists());
    assert!(common::stderr(&dossier(&["check"], &root.join("content"))).contains("Checked: 0 errors"));
}

#[test]
fn new_makes_ids_from_any_script_and_starts_briefings_as_drafts() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(dossier(&["init", "s"], tmp.path()).status.success());
    let root = tmp.path().join("s");
    for (kind, title, path) in [
        ("actor", "Віталій Кличко", "content/actors/vitalii-klichko.md"),
        ("actor", "习近平", "content/actors/xi-jin-ping.md"),
        ("question", "Чи потрібні гарантії?", "content/questions/chi-potribni-garantiyi.md"),
    ] {
        let out = dossier(&["new", kind, title], &root);
        assert!(out.status.success(), "{title}: {}", common::stderr(&out));
        assert!(root.join(path).is_file(), "{title}: {path}");
        assert!(std::fs::read_to_string(root.join(path)).unwrap().contains(title));
    }
    let out = dossier(&["new", "actor", "محمد بن سلمان", "--id", "mohammed-bin-salman"], &root);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(root.join("content/actors/mohammed-bin-salman.md").is_file());
    assert!(!dossier(&["new", "actor", "X", "--id", "Not An Id"], &root).status.success());

    let long = "A very long title ".repeat(30);
    let out = dossier(&["new", "briefing", &long], &root);
    let err = common::stderr(&out);
    assert!(out.status.success() && err.contains("as a draft"), "{err}");
    let file = std::fs::read_dir(root.join("content/briefings"))
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("a-very-long-title"))
        .expect("the briefing's file");
    assert!(file.file_name().len() <= 83, "{:?}", file.file_name());
    assert!(std::fs::read_to_string(file.path()).unwrap().contains("draft: true"));
    common::assert_ok(&dossier(&["build"], &root));
    let id = file.path().file_stem().unwrap().to_string_lossy().into_owned();
    assert!(!root.join("public/briefings").join(&id).exists(), "a new briefing was published at once");
    assert!(!std::fs::read_to_string(root.join("public/atom.xml")).unwrap().contains("A very long title"));
}

#[test]
fn init_takes_a_fresh_repository_and_refuses_anything_more() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::write(repo.join("README.md"), "# Our briefings\n").unwrap();
    std::fs::write(repo.join("LICENSE"), "CC BY 4.0\n").unwrap();
    let out = dossier(&["init", "repo"], tmp.path());
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert_eq!(std::fs::read_to_string(repo.join("README.md")).unwrap(), "# Our briefings\n");
    assert!(repo.join("dossier.yaml").is_file());
    let other = tmp.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("notes.txt"), "mine").unwrap();
    let err = common::stderr(&dossier(&["init", "other"], tmp.path()));
    assert!(err.contains("is not empty (it holds notes.txt)"), "{err}");
    assert!(!other.join("dossier.yaml").exists());
}

#[test]
fn check_asks_about_a_topic_used_once_next_to_a_near_one() {
    let site = common::sample_site();
    for (id, topic) in [("third", "economy"), ("fourth", "econmy")] {
        site.briefing(id, &format!("title: {id}\ndate: 2025-02-01\nactors: [bob]\ntopics: [{topic}]"), "x\n");
    }
    let err = common::stderr(&dossier(&["check"], site.root()));
    assert!(
        err.contains("content/briefings/fourth.md:5:10: warning: topic `econmy` is used by this briefing only; `economy` is used by others"),
        "{err}"
    );
    assert!(!err.contains("topic `economy` is used"), "{err}");
}

#[test]
fn a_build_prints_the_first_warnings_and_counts_the_rest_and_the_editorial_notes() {
    let site = common::TestSite::new();
    site.write("dossier.yaml", "title: T\nbase_url: https://example.org/\n");
    site.actor("a", "name: Ann");
    let mut front = String::from("title: B\ndate: 2025-01-01\nactors: [a]\nsources:\n");
    for i in 0..30 {
        front.push_str(&format!("  - id: s{i}\n    title: S{i}\n"));
    }
    site.briefing("b", &front, "Text.\n");
    let err = common::assert_ok(&site.build());
    assert_eq!(err.matches("is never cited").count(), 20, "{err}");
    assert!(err.contains("… and 10 more warnings; `dossier check` lists them all"), "{err}");
    // Undated, unlinked sources (2 × 30) and an actor without positions.
    assert!(err.contains(", 30 warnings; `dossier check` has 61 editorial notes."), "{err}");
    let out = site.run(&["check"]);
    let err = common::stderr(&out);
    assert_eq!(err.matches("is never cited").count(), 30, "{err}");
    assert!(err.contains("Checked: 0 errors, 91 warnings."), "{err}");
}

#[test]
fn both_themes_ship_in_the_binary_and_export_to_start_a_theme_from() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("s");
    assert!(dossier(&["init", "s"], tmp.path()).status.success());
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let broadsheet_css = std::fs::read(repo.join("themes/broadsheet/static/style.css")).unwrap();
    // No themes/ folder in the site: the binary has the theme.
    std::fs::write(site.join("dossier.yaml"), "title: S\ntheme: broadsheet\n").unwrap();
    common::assert_ok(&dossier(&["build"], &site));
    assert_eq!(std::fs::read(site.join("public/style.css")).unwrap(), broadsheet_css);
    let list = dossier(&["theme", "list"], &site);
    assert_eq!(String::from_utf8_lossy(&list.stdout), "default (built in)\nbroadsheet (built in)\n");

    // Exported, it is a whole theme: every built-in template with the
    // theme's own over them, every static file.
    let err = common::assert_ok(&dossier(&["theme", "export", "broadsheet"], &site));
    assert!(err.contains("Use it with `theme: broadsheet-custom`"), "{err}");
    let theme = site.join("themes/broadsheet-custom");
    let front = std::fs::read(repo.join("themes/broadsheet/templates/index.html")).unwrap();
    assert_eq!(std::fs::read(theme.join("templates/index.html")).unwrap(), front);
    assert_eq!(
        std::fs::read(theme.join("templates/base.html")).unwrap(),
        std::fs::read(repo.join("templates/base.html")).unwrap()
    );
    assert_eq!(std::fs::read(theme.join("static/style.css")).unwrap(), broadsheet_css);
    assert!(theme.join("static/site.js").is_file() && theme.join("templates/partials/position.html").is_file());
    std::fs::write(theme.join("static/style.css"), "body { color: #123456 }\n").unwrap();
    std::fs::write(site.join("dossier.yaml"), "title: S\ntheme: broadsheet-custom\n").unwrap();
    common::assert_ok(&dossier(&["build"], &site));
    assert_eq!(std::fs::read_to_string(site.join("public/style.css")).unwrap(), "body { color: #123456 }\n");
    let list = dossier(&["theme", "list"], &site);
    assert!(String::from_utf8_lossy(&list.stdout).ends_with("broadsheet-custom (themes/broadsheet-custom/)\n"));

    // Nothing is overwritten; an unknown name says which exist.
    let again = dossier(&["theme", "export", "broadsheet"], &site);
    assert!(!again.status.success() && common::stderr(&again).contains("is not empty"));
    let unknown = dossier(&["theme", "export", "glossy"], &site);
    assert!(common::stderr(&unknown).contains("the built-in themes are default, broadsheet"));
}

/// A site with one error and one warning, in a folder `site/` of `dir`.
fn site_with_problems(dir: &std::path::Path) -> std::path::PathBuf {
    let site = dir.join("site");
    std::fs::create_dir_all(site.join("content/briefings")).unwrap();
    std::fs::write(site.join("dossier.yaml"), "title: T\n").unwrap();
    std::fs::write(
        site.join("content/briefings/b.md"),
        "---\ntitle: B\ndate: 2025-01-01\nactors: [nobody]\nsources:\n  - id: s\n    title: \"50% of it\"\n---\nText.\n",
    )
    .unwrap();
    site
}

#[test]
fn check_speaks_json_and_github_annotations() {
    let tmp = tempfile::tempdir().unwrap();
    let site = site_with_problems(tmp.path());
    let out = dossier(&["check", "--root", "site", "--format", "json"], tmp.path());
    assert_eq!(out.status.code(), Some(1), "an error fails the check in every format");
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let unknown = lines.iter().find(|d| d["severity"] == "error").unwrap();
    assert_eq!(unknown["file"], "content/briefings/b.md");
    assert_eq!((unknown["line"].as_u64(), unknown["column"].as_u64()), (Some(4), Some(10)));
    assert_eq!(unknown["end_column"].as_u64(), Some(16));
    assert_eq!(unknown["message"], "unknown actor `nobody`");
    assert_eq!(unknown["code"], "E0201");
    assert!(unknown["hint"].as_str().unwrap().contains("content/actors/nobody.md"), "{unknown}");
    let warnings: Vec<&serde_json::Value> = lines.iter().filter(|d| d["severity"] == "warning").collect();
    assert!(
        warnings.iter().any(|w| w["message"] == "source `s` is never cited" && w["code"] == "W0201"),
        "{warnings:?}"
    );
    let fields = ["severity", "code", "file", "line", "column", "end_column", "message", "hint"];
    assert!(
        lines.iter().all(|d| d.as_object().unwrap().len() == fields.len() && fields.iter().all(|f| d.get(f).is_some()))
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("Checked: 1 error"), "the summary stays on stderr");

    // GitHub reads paths from the repository's root.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["check", "--format", "github"])
        .current_dir(&site)
        .env("GITHUB_WORKSPACE", tmp.path())
        .output()
        .unwrap();
    let annotations = String::from_utf8_lossy(&out.stdout);
    let error = annotations.lines().find(|l| l.starts_with("::error ")).unwrap();
    assert!(
        error.starts_with("::error file=site/content/briefings/b.md,line=4,col=10,endColumn=16,title=dossier E0201::unknown actor `nobody`%0Ahelp: "),
        "{annotations}"
    );
    assert!(annotations.lines().all(|l| l.starts_with("::error ") || l.starts_with("::warning ")), "{annotations}");
    assert!(!annotations.contains('\r') && annotations.lines().count() == lines.len(), "{annotations}");
}

#[test]
fn a_site_turns_warnings_off_by_code_and_never_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let site = site_with_problems(tmp.path());
    let plain = common::stderr(&dossier(&["check"], &site));
    assert!(plain.contains("warning: source `s` is never cited [W0201]"), "the code ends the line: {plain}");
    assert!(plain.contains("error: unknown actor `nobody` [E0201]"), "{plain}");

    std::fs::write(site.join("dossier.yaml"), "title: T\neditorial: { allow: [W0201, w0202] }\n").unwrap();
    let allowed = common::stderr(&dossier(&["check"], &site));
    assert!(!allowed.contains("never cited") && allowed.contains("[E0201]"), "errors stay: {allowed}");
    assert!(allowed.contains("Checked: 1 error, 0 warnings"), "allowed warnings are not counted: {allowed}");
    // Editorial notes (a site without errors) are allowed the same way.
    std::fs::create_dir_all(site.join("content/actors")).unwrap();
    std::fs::write(site.join("content/actors/nobody.md"), "---\nname: Nobody\n---\n").unwrap();
    let notes = common::stderr(&dossier(&["check"], &site));
    assert!(!notes.contains("never cited") && !notes.contains("has no `date`"), "{notes}");
    assert!(notes.contains("neither `url` nor `archive` [W0203]"), "other warnings stay: {notes}");

    for (list, message) in [
        ("[E0201]", "`E0201` is an error, and only warnings can be allowed"),
        ("[W0201, W9999]", "unknown diagnostic code `W9999`"),
    ] {
        std::fs::write(site.join("dossier.yaml"), format!("title: T\neditorial:\n  allow: {list}\n")).unwrap();
        let out = dossier(&["check"], &site);
        let err = common::stderr(&out);
        assert!(!out.status.success() && err.contains("dossier.yaml:3:") && err.contains(message), "{err}");
    }
}

#[test]
fn the_readme_documents_every_diagnostic_code() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for code in dossier::codes::Code::ALL {
        let row = format!("| `{}` | {} |", code.id(), code.summary());
        assert!(readme.contains(&row), "README.md lacks the row {row}");
    }
}

#[test]
fn init_keeps_a_repository_s_own_gitignore() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("repo");
    std::fs::create_dir_all(site.join(".git")).unwrap();
    std::fs::write(site.join(".gitignore"), "node_modules\n/public/").unwrap();
    let out = dossier(&["init", "repo"], tmp.path());
    assert!(out.status.success(), "{}", common::stderr(&out));
    let ignored = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    assert_eq!(ignored, "node_modules\n/public/\n/.dossier-cache/\n");
}
