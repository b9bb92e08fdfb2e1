//! The `dossier` command line: a thin layer over the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

mod progress_bar;
use dossier::diagnostics::{notes_tail, plural};
use dossier::{BuildOptions, Diagnostics, scaffold};

/// jemalloc: a 10,000-briefing build spends about a tenth less time than
/// with the system allocator (many small, short-lived allocations on two
/// threads), for a few percent more peak memory.
#[cfg(feature = "jemalloc")]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's settings, read at its start (`_RJEM_MALLOC_CONF` in the
/// environment overrides them): an arena per CPU rather than four, and
/// freed pages handed back after 300 ms rather than 10 s. A 10,000-briefing
/// build peaks about 6% lower (333 → 313 MiB), in the same time.
#[cfg(feature = "jemalloc")]
#[unsafe(export_name = "_rjem_malloc_conf")]
pub static MALLOC_CONF: &[u8; 39] = b"percpu_arena:percpu,dirty_decay_ms:300\0";

/// The release, and the commit and day it was built from when built from a
/// git checkout (build.rs), for bug reports.
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), env!("DOSSIER_BUILT"));

#[derive(Parser)]
#[command(name = "dossier", version = VERSION, about = "Build explainer briefing sites: actors, positions, sources.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// How `check` prints its problems.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// With the file's lines quoted and underlined.
    Human,
    /// One JSON object per line: severity, file, line, column, end_column,
    /// message, hint.
    Json,
    /// GitHub Actions workflow commands (`::error file=…`).
    Github,
}

#[derive(Subcommand)]
enum ThemeAction {
    /// List the built-in themes and the site's own.
    List {
        /// The site's folder (default: the nearest folder, from here up,
        /// holding dossier.yaml or content/).
        #[arg(long)]
        root: Option<PathBuf>,
    },
    /// Write a built-in theme's templates and static files into a new folder.
    Export {
        /// The built-in theme to write out.
        #[arg(default_value = "default")]
        name: String,
        /// Where to write it (default: themes/<NAME>-custom/ in the site).
        dir: Option<PathBuf>,
        /// The site's folder (default: the nearest folder, from here up,
        /// holding dossier.yaml or content/).
        #[arg(long)]
        root: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default: public/).
    Build {
        /// The site's folder (default: the nearest folder, from here up,
        /// holding dossier.yaml or content/).
        #[arg(long)]
        root: Option<PathBuf>,
        /// The folder to write the site into (default: public/ in the site).
        /// A folder holding files dossier did not write is refused.
        #[arg(long)]
        output: Option<PathBuf>,
        /// The address the site will be published at, overriding `base_url`
        /// in dossier.yaml (e.g. https://example.org/briefings/).
        #[arg(long)]
        base_url: Option<String>,
        /// Include briefings and pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Replace the output folder even if it holds files dossier did not
        /// write (they are deleted; `.git` and `keep:` files still survive).
        #[arg(long)]
        force: bool,
    },
    /// Build into memory and serve the site, rebuilding and reloading the
    /// browser on every change. Never writes the output folder.
    Serve {
        /// The site's folder (default: the nearest folder, from here up,
        /// holding dossier.yaml or content/).
        #[arg(long)]
        root: Option<PathBuf>,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; anything but loopback exposes the preview.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        #[arg(long)]
        drafts: bool,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Do not inject the script that reloads pages after a rebuild.
        #[arg(long)]
        no_reload: bool,
    },
    /// Validate everything and write nothing.
    Check {
        /// The site's folder (default: the nearest folder, from here up,
        /// holding dossier.yaml or content/).
        #[arg(long)]
        root: Option<PathBuf>,
        #[arg(long)]
        drafts: bool,
        /// How to print the problems: for people (on stderr), one JSON
        /// object per line, or GitHub Actions annotations (on stdout).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Also ask every source's `url` and `archive`, and every web link
        /// in a body, whether it still answers (the only command that goes
        /// online; answers are remembered for `link_check.cache_hours`).
        #[arg(long)]
        links: bool,
    },
    /// Create a new site with one example briefing.
    Init {
        dir: PathBuf,
        /// Also write the file that publishes it on this host at every push
        /// (as `dossier deploy-config` does).
        #[arg(long, value_enum)]
        deploy: Option<dossier::deploy::Host>,
    },
    /// Write the file a host needs to build and publish the site at every
    /// push: a GitHub Actions workflow for GitHub Pages, `.gitlab-ci.yml`,
    /// `netlify.toml`, or a workflow and `wrangler.toml` for Cloudflare Pages.
    DeployConfig {
        #[arg(value_enum)]
        host: dossier::deploy::Host,
        /// The site's folder (default: the nearest folder, from here up,
        /// holding dossier.yaml or content/).
        #[arg(long)]
        root: Option<PathBuf>,
    },
    /// Print the completion script for a shell, e.g.
    /// `dossier completions bash > ~/.local/share/bash-completion/completions/dossier`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `dossier man > ~/.local/share/man/man1/dossier.1`.
    Man,
    /// Work with themes: `dossier theme export broadsheet` writes a built-in
    /// theme's templates and static files out to start your own from.
    Theme {
        #[command(subcommand)]
        action: ThemeAction,
    },
    /// Add a new briefing, actor or question from a title or name.
    New {
        kind: scaffold::NewKind,
        /// The briefing's title, the actor's name or the question.
        #[arg(required = true, num_args = 1..)]
        title: Vec<String>,
        /// The file name and URL id to use instead of one made from the title.
        #[arg(long)]
        id: Option<String>,
        /// The site's folder (default: the nearest folder, from here up,
        /// holding dossier.yaml or content/).
        #[arg(long)]
        root: Option<PathBuf>,
    },
}

/// `--root`, or the site found from the current folder up (as cargo finds
/// `Cargo.toml`), or the current folder.
fn site_root(root: Option<PathBuf>) -> PathBuf {
    root.or_else(|| std::env::current_dir().ok().and_then(|here| dossier::config::find_site(&here)))
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Prints `diags`; builds cap the warnings (`capped`), `check` prints all.
fn print_diagnostics(diags: &Diagnostics, root: &std::path::Path, capped: bool) {
    let color = std::io::stderr().is_terminal();
    match (diags.is_empty(), capped) {
        (true, _) => {}
        (false, true) => eprint!("{}", diags.render_capped(root, color)),
        (false, false) => eprint!("{}", diags.render(root, color)),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, output, base_url, drafts, force } => {
            let progress = std::sync::Arc::new(dossier::progress::Progress::default());
            let root = site_root(root);
            build(BuildOptions { output, base_url, drafts, force, progress: Some(progress), ..BuildOptions::new(root) })
        }
        Command::Serve { root, port, bind, drafts, open, no_reload } => {
            // Each edit frees the last site (hundreds of megabytes on a big
            // one): handing those pages back to the system on jemalloc's own
            // threads keeps it off the next edit's path (-50 ms at 10,000
            // briefings). A build frees little until it ends: left as it is.
            #[cfg(feature = "jemalloc")]
            if let Err(e) = tikv_jemalloc_ctl::background_thread::write(true) {
                eprintln!("warning: jemalloc's background threads: {e}");
            }
            // Pages freed after an edit are kept for the next one, as
            // jemalloc does by default (a build hands them back sooner).
            #[cfg(feature = "jemalloc")]
            // SAFETY: both settings take an `ssize_t` (milliseconds);
            // arena 4096 is every arena.
            unsafe {
                let _ = tikv_jemalloc_ctl::raw::write(b"arenas.dirty_decay_ms\0", 10_000isize);
                let _ = tikv_jemalloc_ctl::raw::write(b"arena.4096.dirty_decay_ms\0", 10_000isize);
            }
            // Pages show a new picture's source until it is processed.
            let build = BuildOptions { drafts, pictures_later: true, ..BuildOptions::new(site_root(root)) };
            let options = dossier::serve::ServeOptions { build, bind, port, open, live_reload: !no_reload };
            done(dossier::serve::serve(options))
        }
        Command::Check { root, drafts, format, links } => {
            check(BuildOptions { drafts, ..BuildOptions::new(site_root(root)) }, format, links)
        }
        Command::Init { dir, deploy } => {
            let said = format!("Created a new site in {0}. Build it with: dossier build --root {0}", dir.display());
            let made = scaffold::init(&dir).map(|()| eprintln!("{said}"));
            done(made.and_then(|()| deploy.map_or(Ok(()), |host| deploy_config(&dir, host))))
        }
        Command::DeployConfig { host, root } => done(deploy_config(&site_root(root), host)),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "dossier", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Man => done(clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())),
        Command::Theme { action: ThemeAction::List { root } } => {
            list_themes(&site_root(root));
            ExitCode::SUCCESS
        }
        Command::Theme { action: ThemeAction::Export { name, dir, root } } => {
            let dir = dir.unwrap_or_else(|| site_root(root).join("themes").join(format!("{name}-custom")));
            done(export_theme(&name, &dir))
        }
        Command::New { kind, title, root, id } => {
            let made = scaffold::new(&site_root(root), kind, &title.join(" "), id);
            done(made.map(|path| match kind {
                scaffold::NewKind::Briefing => eprintln!(
                    "Created {}, as a draft: `dossier serve --drafts` shows it; remove `draft: true` to publish it.",
                    path.display()
                ),
                _ => eprintln!("Created {}", path.display()),
            }))
        }
    }
}

/// Success, or the error said on stderr.
fn done<E: std::fmt::Display>(result: Result<(), E>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn build(options: BuildOptions) -> ExitCode {
    let shown = options.progress.clone().map(progress_bar::show);
    let built = dossier::build(&options);
    drop(shown);
    match built {
        Ok(report) => {
            print_diagnostics(&report.warnings, &options.root, true);
            if std::env::var_os("DOSSIER_TIMINGS").is_some() {
                for (stage, time) in &report.stages {
                    eprintln!("  {stage:>14}: {} ms", time.as_millis());
                }
            }
            eprintln!(
                "Built {} into {} in {} ms, {}{}.",
                plural(report.pages, "page"),
                options.output_dir().display(),
                report.elapsed.as_millis(),
                plural(report.warnings.warning_count(), "warning"),
                notes_tail(report.notes)
            );
            ExitCode::SUCCESS
        }
        Err(diags) => {
            print_diagnostics(&diags, &options.root, true);
            eprintln!(
                "Build failed: {}, {}; the output folder was left as it was.",
                plural(diags.error_count(), "error"),
                plural(diags.warning_count(), "warning")
            );
            ExitCode::FAILURE
        }
    }
}

fn check(mut options: BuildOptions, format: Format, links: bool) -> ExitCode {
    let diags = if links {
        let progress = std::sync::Arc::new(dossier::progress::Progress::default());
        options.progress = Some(std::sync::Arc::clone(&progress));
        let shown = progress_bar::show(progress);
        let (diags, stats) = dossier::check_links(&options);
        drop(shown);
        if let Some(stats) = stats {
            eprintln!("{}", links_line(&stats));
        }
        diags
    } else {
        dossier::check(&options)
    };
    match format {
        Format::Human => print_diagnostics(&diags, &options.root, false),
        Format::Json => print!("{}", dossier::report::json(&diags)),
        Format::Github => {
            let workspace = std::env::var_os("GITHUB_WORKSPACE").map(PathBuf::from);
            print!("{}", dossier::report::github(&diags, &options.root, workspace.as_deref()));
        }
    }
    eprintln!("Checked: {}, {}.", plural(diags.error_count(), "error"), plural(diags.warning_count(), "warning"));
    if diags.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// "Links: 40 addresses, 12 from the cache, 2 dead, 1 moved, 1 not
/// checked (…)".
fn links_line(stats: &dossier::linkcheck::Stats) -> String {
    let mut line = format!(
        "Links: {} {}, {} from the cache, {} dead, {} moved",
        stats.addresses,
        if stats.addresses == 1 { "address" } else { "addresses" },
        stats.cached,
        stats.dead,
        stats.moved
    );
    if !stats.unchecked.is_empty() {
        let named: Vec<String> = stats.unchecked.iter().take(3).map(|(url, why)| format!("{url}: {why}")).collect();
        let more = stats.unchecked.len().saturating_sub(3);
        let more = if more > 0 { format!("; {more} more") } else { String::new() };
        line.push_str(&format!(", {} not checked ({}{more})", stats.unchecked.len(), named.join("; ")));
    }
    line
}

/// The built-in themes, then the site's own.
fn list_themes(root: &std::path::Path) {
    for t in dossier::render::templates::THEMES {
        println!("{} (built in)", t.name);
    }
    let own = std::fs::read_dir(root.join("themes")).into_iter().flatten().flatten();
    let mut own: Vec<String> =
        own.filter(|e| e.path().is_dir()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    own.sort();
    for name in own {
        println!("{name} (themes/{name}/)");
    }
}

fn export_theme(name: &str, dir: &std::path::Path) -> Result<(), std::io::Error> {
    let count = scaffold::export_theme(name, dir)?;
    let folder = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    eprintln!(
        "Wrote {} of the `{name}` theme into {}. Use it with `theme: {folder}` in dossier.yaml (when the folder is in themes/).",
        plural(count, "file"),
        dir.display()
    );
    Ok(())
}

fn deploy_config(root: &std::path::Path, host: dossier::deploy::Host) -> Result<(), std::io::Error> {
    for path in dossier::deploy::write(root, host)? {
        eprintln!("Wrote {}", path.display());
    }
    eprintln!("Read its opening comments for the one-time settings; README.md's \"Deploying\" walks through them.");
    Ok(())
}
