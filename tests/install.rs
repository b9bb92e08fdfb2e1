//! What a user installs and publishes with: the packaged crate (built from
//! its own files, with nothing else shipped), `--version`, completions, the
//! manual page, and the deployment files `dossier deploy-config` writes
//! (each parsed, and its build commands run as the host would run them).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_dossier");
const REPO: &str = env!("CARGO_MANIFEST_DIR");
const VERSION: &str = env!("CARGO_PKG_VERSION");

fn dossier(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run dossier")
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn have(tool: &str) -> bool {
    Command::new(tool).arg("--version").output().is_ok_and(|o| o.status.success())
}

fn cargo(args: &[&str], dir: &Path) -> Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    Command::new(cargo).args(args).current_dir(dir).output().expect("run cargo")
}

#[test]
fn the_package_ships_what_the_binary_needs_and_nothing_else() {
    let out = cargo(&["package", "--list", "--allow-dirty", "--locked"], Path::new(REPO));
    let listed: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    for needed in ["Cargo.toml", "Cargo.lock", "build.rs", "README.md", "LICENSE-MIT", "LICENSE-APACHE", "src/main.rs"]
    {
        assert!(listed.iter().any(|f| f == needed), "{needed} is not packaged: {listed:?}");
    }
    // Every built-in template and every file of both themes is compiled in.
    for folder in ["templates", "themes", "src"] {
        for entry in walkdir::WalkDir::new(Path::new(REPO).join(folder)) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(REPO).unwrap().to_string_lossy().replace('\\', "/");
                assert!(listed.contains(&rel), "{rel} is not packaged");
            }
        }
    }
    let shipped_by_mistake: Vec<&String> = (listed.iter())
        .filter(|f| {
            ["tests/", "content/", "docs/", "benches/", "fuzz/", "public/", ".ci/"].iter().any(|d| f.starts_with(d))
        })
        .collect();
    assert!(shipped_by_mistake.is_empty(), "{shipped_by_mistake:?}");
}

/// `cargo publish --dry-run` (the package's checks, without uploading),
/// then the crate it packed, unpacked in a temp folder and built there:
/// its binary builds the example site.
#[test]
fn the_packaged_crate_builds_and_its_binary_builds_the_example_site() {
    let out = cargo(&["publish", "--dry-run", "--no-verify", "--allow-dirty", "--locked"], Path::new(REPO));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = cargo(&["package", "--no-verify", "--allow-dirty", "--locked"], Path::new(REPO));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let krate = Path::new(REPO).join(format!("target/package/dossier-{VERSION}.crate"));
    let unpacked = tempfile::tempdir().unwrap();
    let tar = Command::new("tar").arg("xzf").arg(&krate).arg("-C").arg(unpacked.path()).status().unwrap();
    assert!(tar.success());
    let source = unpacked.path().join(format!("dossier-{VERSION}"));
    assert!(!source.join("tests").exists() && !source.join("content").exists());
    // Its own target folder (kept between runs, so only the first compiles
    // every dependency), as a user's `cargo install` would.
    let target = Path::new(REPO).join("target/packaged");
    let target_dir = ["--target-dir", target.to_str().unwrap()];
    // The unpacked files keep their old times, which cargo would take for
    // an up-to-date build: dossier itself is always compiled afresh.
    let cleaned = cargo(&["clean", "--package", "dossier", target_dir[0], target_dir[1]], &source);
    assert!(cleaned.status.success(), "{}", String::from_utf8_lossy(&cleaned.stderr));
    let built = cargo(&["build", "--locked", target_dir[0], target_dir[1]], &source);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let binary = target.join("debug/dossier");
    let version = Command::new(&binary).arg("--version").output().unwrap();
    // Built from the package, not a git checkout: the release alone.
    assert_eq!(String::from_utf8_lossy(&version.stdout).trim(), format!("dossier {VERSION}"));
    let output = tempfile::tempdir().unwrap();
    let site = Command::new(&binary)
        .args(["build", "--root", REPO, "--output"])
        .arg(output.path().join("public"))
        .output()
        .unwrap();
    assert!(site.status.success(), "{}", String::from_utf8_lossy(&site.stderr));
    let home = std::fs::read_to_string(output.path().join("public/index.html")).unwrap();
    assert!(home.contains("Ukraine Security Briefings"), "{home}");
    assert!(output.path().join("public/actors/donald-trump/page/2/index.html").is_file());
}

#[test]
fn version_names_the_commit_when_built_from_a_checkout() {
    let version = stdout(&dossier(&["--version"]));
    assert!(version.starts_with(&format!("dossier {VERSION}")), "{version}");
    let head = Command::new("git").args(["rev-parse", "--short=9", "HEAD"]).current_dir(REPO).output();
    if let Some(head) = head.ok().filter(|h| h.status.success())
        && Path::new(REPO).join(".git").exists()
    {
        let head = String::from_utf8_lossy(&head.stdout).trim().to_owned();
        assert!(version.contains(&format!("(commit {head} of ")) && version.contains(", built "), "{version}");
    }
}

#[test]
fn completions_are_made_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout(&dossier(&["completions", shell]));
        for command in ["build", "serve", "deploy-config", "completions"] {
            assert!(script.contains(command), "{shell} completions lack {command}");
        }
        // The shell itself reads it without a syntax error, where installed.
        let checker = match shell {
            "bash" | "zsh" | "fish" => shell,
            _ => continue,
        };
        if !have(checker) {
            eprintln!("skipped the {shell} syntax check: {checker} is not installed");
            continue;
        }
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), &script).unwrap();
        let checked = Command::new(checker).arg("-n").arg(file.path()).output().unwrap();
        assert!(checked.status.success(), "{shell}: {}", String::from_utf8_lossy(&checked.stderr));
    }
}

#[test]
fn the_manual_page_is_valid_roff() {
    let page = stdout(&dossier(&["man"]));
    assert!(page.contains(".TH dossier 1"), "{page}");
    if !have("groff") {
        eprintln!("skipped: groff is not installed (Debian's groff-base)");
        return;
    }
    let mut groff = Command::new("groff")
        .args(["-Tutf8", "-man", "-ww"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut groff.stdin.take().unwrap(), page.as_bytes()).unwrap();
    let out = groff.wait_with_output().unwrap();
    let warnings = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && warnings.trim().is_empty(), "groff: {warnings}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("deploy-config") && text.contains("Build explainer briefing sites"), "{text}");
}

/// A git repository with a new site in its folder `news/`, and the files
/// `deploy-config HOST` wrote for it.
fn deployed(host: &str) -> (tempfile::TempDir, Vec<PathBuf>) {
    let repo = tempfile::tempdir().unwrap();
    assert!(Command::new("git").arg("init").arg("-q").arg(repo.path()).status().unwrap().success());
    let site = repo.path().join("news");
    let out = dossier(&["init", site.to_str().unwrap(), "--deploy", host]);
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{said}");
    let written = said.lines().filter_map(|l| l.strip_prefix("Wrote ")).map(PathBuf::from).collect();
    (repo, written)
}

/// Runs `script` as a host's shell would, in `dir`, with the `dossier`
/// under test first on the PATH and `env` set.
fn run_as_host(script: &str, dir: &Path, env: &[(&str, &str)]) {
    let path = format!("{}:{}", Path::new(BIN).parent().unwrap().display(), std::env::var("PATH").unwrap_or_default());
    let out =
        Command::new("sh").arg("-ec").arg(script).current_dir(dir).env("PATH", path).envs(env.iter().copied()).output();
    let out = out.unwrap();
    assert!(out.status.success(), "{script}: {}", String::from_utf8_lossy(&out.stderr));
}

fn yaml(path: &Path) -> serde_yaml::Value {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `run` commands of a GitHub Actions job's steps that call dossier.
fn dossier_steps(job: &serde_yaml::Value) -> Vec<String> {
    let steps = job["steps"].as_sequence().unwrap();
    steps.iter().filter_map(|s| s["run"].as_str()).filter(|r| r.contains("dossier ")).map(str::to_owned).collect()
}

fn page(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn github_pages_workflow_checks_builds_at_the_pages_address_and_publishes() {
    let (repo, written) = deployed("github");
    let workflow = repo.path().join(".github/workflows/dossier.yml");
    assert_eq!(written, std::slice::from_ref(&workflow));
    let doc = yaml(&workflow);
    assert_eq!(doc["env"]["DOSSIER_VERSION"].as_str(), Some(VERSION));
    let build = &doc["jobs"]["build"];
    assert_eq!(build["defaults"]["run"]["working-directory"].as_str(), Some("news"));
    let steps = dossier_steps(build);
    assert_eq!(steps[0], "cargo install dossier --locked --version \"$DOSSIER_VERSION\"");
    assert!(steps[1].starts_with("dossier check --format github"), "{}", steps[1]);
    let command = &steps[2];
    assert!(command.starts_with("dossier build --base-url"), "{command}");
    let uses: Vec<&str> = build["steps"].as_sequence().unwrap().iter().filter_map(|s| s["uses"].as_str()).collect();
    assert!(uses.iter().any(|u| u.starts_with("actions/configure-pages@")), "{uses:?}");
    assert!(uses.iter().any(|u| u.starts_with("actions/upload-pages-artifact@")), "{uses:?}");
    let deploy = doc["jobs"]["deploy"]["steps"][0]["uses"].as_str().unwrap();
    assert!(deploy.starts_with("actions/deploy-pages@"), "{deploy}");
    // Run as Actions would, with the address configure-pages gives.
    let site = repo.path().join("news");
    let address = "https://newsroom.github.io/news";
    run_as_host(&steps[1], &site, &[]);
    run_as_host(&command.replace("${{ steps.pages.outputs.base_url }}", address), &site, &[]);
    let upload = (build["steps"].as_sequence().unwrap().iter())
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("actions/upload-pages-artifact@")));
    let artifact = upload.unwrap()["with"]["path"].as_str().unwrap();
    let home = page(repo.path().join(artifact).join("index.html"));
    assert!(home.contains(&format!("<link rel=\"canonical\" href=\"{address}/\">")), "{home}");
}

#[test]
fn gitlab_pages_job_builds_into_public_at_the_pages_address() {
    let (repo, written) = deployed("gitlab");
    let file = repo.path().join(".gitlab-ci.yml");
    assert_eq!(written, std::slice::from_ref(&file));
    let doc = yaml(&file);
    let job = &doc["pages"];
    assert_eq!(job["artifacts"]["paths"][0].as_str(), Some("public"));
    let script: Vec<&str> = job["script"].as_sequence().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
    assert!(script.iter().any(|l| l.starts_with("dossier build --base-url \"$CI_PAGES_URL/\"")), "{script:?}");
    // The whole script, as GitLab's runner would run it: the dossier on the
    // PATH is this release, so nothing is installed.
    let root = repo.path().to_str().unwrap();
    let address = "https://newsroom.gitlab.io/news";
    let env = [("DOSSIER_VERSION", VERSION), ("CI_PROJECT_DIR", root), ("CI_PAGES_URL", address)];
    run_as_host(&script.join("\n"), repo.path(), &env);
    let home = page(repo.path().join("public/index.html"));
    assert!(home.contains(&format!("<link rel=\"canonical\" href=\"{address}/\">")), "{home}");
}

#[test]
fn netlify_builds_production_and_previews_at_their_own_addresses() {
    let (repo, written) = deployed("netlify");
    let file = repo.path().join("netlify.toml");
    assert_eq!(written, std::slice::from_ref(&file));
    let doc: toml::Table = toml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let build = doc["build"].as_table().unwrap();
    assert_eq!(build["base"].as_str(), Some("news"));
    assert_eq!(build["publish"].as_str(), Some("public"));
    assert_eq!(build["environment"]["DOSSIER_VERSION"].as_str(), Some(VERSION));
    let site = repo.path().join("news");
    for (context, variable, address) in [
        ("production", "URL", "https://news.example.org"),
        ("deploy-preview", "DEPLOY_PRIME_URL", "https://deploy-preview-7--news.netlify.app"),
    ] {
        let command = doc["context"][context]["command"].as_str().unwrap();
        assert!(command.contains(&format!("dossier build --base-url \"${variable}/\"")), "{command}");
        run_as_host(command, &site, &[("DOSSIER_VERSION", VERSION), (variable, address)]);
        let home = page(site.join("public/index.html"));
        assert!(home.contains(&format!("<link rel=\"canonical\" href=\"{address}/\">")), "{home}");
        assert!(site.join("public/_redirects").is_file());
    }
}

#[test]
fn cloudflare_pages_gets_a_workflow_and_wrangler_settings() {
    let (repo, written) = deployed("cloudflare");
    let workflow = repo.path().join(".github/workflows/dossier-cloudflare.yml");
    let wrangler = repo.path().join("news/wrangler.toml");
    assert_eq!(written, [workflow.clone(), wrangler.clone()]);
    let settings: toml::Table = toml::from_str(&std::fs::read_to_string(&wrangler).unwrap()).unwrap();
    assert_eq!(settings["name"].as_str(), Some("news"));
    assert_eq!(settings["pages_build_output_dir"].as_str(), Some("public"));
    let doc = yaml(&workflow);
    let job = &doc["jobs"]["publish"];
    let upload = job["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("cloudflare/wrangler-action@")));
    assert_eq!(upload.unwrap()["with"]["command"].as_str(), Some("pages deploy public --project-name=news"));
    let address = doc["env"]["SITE_URL"].as_str().unwrap();
    assert_eq!(address, "https://news.pages.dev/");
    let steps = dossier_steps(job);
    let site = repo.path().join("news");
    for step in &steps[1..] {
        run_as_host(step, &site, &[("SITE_URL", address)]);
    }
    let home = page(site.join("public/index.html"));
    assert!(home.contains("<link rel=\"canonical\" href=\"https://news.pages.dev/\">"), "{home}");
}

#[test]
fn deploy_config_never_overwrites() {
    let (repo, _) = deployed("cloudflare");
    std::fs::remove_file(repo.path().join(".github/workflows/dossier-cloudflare.yml")).unwrap();
    // wrangler.toml is still there: neither file is written.
    let out = Command::new(BIN)
        .args(["deploy-config", "cloudflare", "--root"])
        .arg(repo.path().join("news"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("wrangler.toml already exists; nothing was written"), "{err}");
    assert!(!repo.path().join(".github/workflows/dossier-cloudflare.yml").exists());
}
