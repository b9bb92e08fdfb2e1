//! `dossier deploy-config`: the file a host needs to build and publish the
//! site on every push (a GitHub Actions workflow, `.gitlab-ci.yml`,
//! `netlify.toml`, or a workflow and `wrangler.toml` for Cloudflare Pages),
//! pinned to this release of dossier.

use std::io;
use std::path::{Path, PathBuf};

/// Where the site is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Host {
    /// GitHub Pages, built by GitHub Actions.
    Github,
    /// GitLab Pages, built by GitLab CI.
    Gitlab,
    /// Netlify, built by Netlify.
    Netlify,
    /// Cloudflare Pages, built by GitHub Actions and uploaded with wrangler.
    Cloudflare,
}

/// Each file a host needs: where it goes (from the repository's root, or
/// from the site's when `in_site`) and its text, with `{{…}}` to fill in.
struct File {
    path: &'static str,
    in_site: bool,
    text: &'static str,
}

impl Host {
    fn files(self) -> &'static [File] {
        const GITHUB: &str = include_str!("github-pages.yml");
        const GITLAB: &str = include_str!("gitlab-ci.yml");
        const NETLIFY: &str = include_str!("netlify.toml");
        const CLOUDFLARE: &str = include_str!("cloudflare-pages.yml");
        const WRANGLER: &str = include_str!("wrangler.toml");
        match self {
            Host::Github => &[File { path: ".github/workflows/dossier.yml", in_site: false, text: GITHUB }],
            Host::Gitlab => &[File { path: ".gitlab-ci.yml", in_site: false, text: GITLAB }],
            Host::Netlify => &[File { path: "netlify.toml", in_site: false, text: NETLIFY }],
            Host::Cloudflare => &[
                File { path: ".github/workflows/dossier-cloudflare.yml", in_site: false, text: CLOUDFLARE },
                File { path: "wrangler.toml", in_site: true, text: WRANGLER },
            ],
        }
    }
}

/// Writes `host`'s files for the site at `root`; returns their paths. The
/// repository is the nearest folder from `root` up holding `.git` (the
/// site may be a folder of it), or `root` itself. Nothing is overwritten:
/// when one of the files exists, none is written.
pub fn write(root: &Path, host: Host) -> io::Result<Vec<PathBuf>> {
    let root = std::path::absolute(root)?;
    let repo = root.ancestors().find(|d| d.join(".git").exists()).unwrap_or(&root).to_path_buf();
    let site = match root.strip_prefix(&repo).map(|p| p.to_string_lossy().replace('\\', "/")) {
        Ok(rel) if !rel.is_empty() => rel,
        _ => ".".to_owned(),
    };
    let name = root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let project =
        Some(crate::content::model::slugify(&name)).filter(|p| !p.is_empty()).unwrap_or_else(|| "briefings".into());
    let fill = |text: &str| {
        (text.replace("{{version}}", env!("CARGO_PKG_VERSION")))
            .replace("{{site}}", &site)
            .replace("{{project}}", &project)
            .replace("{{today}}", &crate::content::model::Date::today().ymd())
    };
    let files: Vec<(PathBuf, String)> =
        (host.files().iter()).map(|f| ((if f.in_site { &root } else { &repo }).join(f.path), fill(f.text))).collect();
    if let Some((path, _)) = files.iter().find(|(path, _)| path.exists()) {
        return Err(io::Error::other(format!("{} already exists; nothing was written", path.display())));
    }
    for (path, text) in &files {
        crate::scaffold::write_new(path, text)?;
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}
