//! `dossier serve`: build into memory, serve over HTTP, rebuild on every
//! change and reload the open tabs. The user's `public/` is never touched.
//!
//! One [`State`] holds the last good site, the errors of the last build (if
//! it failed) and a version number; rebuilds swap it whole, requests read it.

mod http;
mod watch;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Instant;

use crate::{BuildOptions, Diagnostics, Site};

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the site in the default browser once it is built.
    pub open: bool,
    /// Inject the script that reloads open pages after a rebuild.
    pub live_reload: bool,
}

/// Output paths (as `build` writes them) to bytes.
pub type Files = HashMap<String, Vec<u8>>;

#[derive(Default)]
pub struct Snapshot {
    pub files: Arc<Files>,
    /// The search bundle, built in the background after the pages, so an
    /// edit shows without waiting for it; the previous one serves meanwhile.
    pub search: Arc<Files>,
    /// Counts successful builds, so a search bundle that finishes after a
    /// newer build is dropped.
    pub build: u64,
    /// The diagnostics of a failed rebuild, as plain text; `None` when the
    /// last build succeeded.
    pub errors: Option<String>,
}

/// What the server threads share.
pub struct State {
    now: Mutex<Snapshot>,
    /// Bumped (under the snapshot's lock) by every rebuild; open pages, and
    /// the reload event streams, watch it.
    version: tokio::sync::watch::Sender<u64>,
    live_reload: bool,
}

impl State {
    fn read<T>(&self, f: impl FnOnce(&Snapshot) -> T) -> T {
        f(&self.now.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Takes a rebuild's outcome: new files, or errors over the old files.
    /// Returns the build number.
    fn publish(&self, outcome: Result<Files, String>) -> u64 {
        let mut now = self.now.lock().unwrap_or_else(|e| e.into_inner());
        match outcome {
            Ok(files) => {
                now.files = Arc::new(files);
                now.errors = None;
                now.build += 1;
            }
            Err(errors) => now.errors = Some(errors),
        }
        self.version.send_modify(|v| *v += 1);
        now.build
    }

    /// Takes the search bundle of build number `build`, unless a newer
    /// build came in meanwhile. The search page loads it on its next visit.
    fn publish_search(&self, build: u64, files: Files) {
        let mut now = self.now.lock().unwrap_or_else(|e| e.into_inner());
        if now.build == build {
            now.search = Arc::new(files);
        }
    }
}

/// Builds the site's pages (not its search index) into memory.
pub fn build_in_memory(options: &BuildOptions) -> Result<(Files, crate::BuildReport, Site), Diagnostics> {
    let files = Mutex::new(Files::new());
    let (report, site) = crate::generate_pages(options, &|rel, bytes| {
        files.lock().unwrap_or_else(|e| e.into_inner()).insert(rel.to_owned(), bytes.to_vec());
        Ok(())
    })?;
    Ok((files.into_inner().unwrap_or_else(|e| e.into_inner()), report, site))
}

/// One thread builds search bundles, always for the newest site waiting:
/// a burst of edits costs one index, not one per edit.
fn start_search_worker(state: Arc<State>) -> mpsc::Sender<(u64, Site)> {
    let (tx, rx) = mpsc::channel::<(u64, Site)>();
    std::thread::spawn(move || {
        while let Ok(mut job) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                job = newer;
            }
            let (build, site) = job;
            let started = Instant::now();
            match crate::search_bundle(&site) {
                Ok(files) => {
                    state.publish_search(build, files.into_iter().collect());
                    eprintln!("Search index updated in {} ms.", started.elapsed().as_millis());
                }
                Err(d) => eprintln!("warning: {}", d.message),
            }
        }
    });
    tx
}

/// Runs until the process is interrupted.
pub fn serve(options: ServeOptions) -> Result<(), String> {
    let listener = std::net::TcpListener::bind(SocketAddr::new(options.bind, options.port))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", options.bind, options.port))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: serving on {addr}, which other machines can reach; drafts and unpublished work are visible to them"
        );
    }
    let mut build = options.build.clone();
    // Links, feeds and canonical URLs point at this server while previewing;
    // bound to every address (0.0.0.0), there is no one address to name, so
    // links stay root-relative.
    let base = if addr.ip().is_unspecified() { "/".to_owned() } else { format!("http://{addr}/") };
    build.base_url = Some(base);
    let state = Arc::new(State {
        now: Mutex::default(),
        version: tokio::sync::watch::Sender::new(0),
        live_reload: options.live_reload,
    });
    let search = start_search_worker(Arc::clone(&state));
    rebuild(&build, &state, &search);
    eprintln!("Serving at http://{addr}/ (Ctrl-C to stop)");
    if options.open {
        open_browser(&format!("http://{addr}/"));
    }

    let watcher = {
        let state = Arc::clone(&state);
        let build = build.clone();
        watch::start(&build.root.clone(), move |changed| {
            eprintln!("Changed: {}", changed.display());
            rebuild(&build, &state, &search);
        })
        .map_err(|e| format!("cannot watch {}: {e}", options.build.root.display()))?
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let served = runtime.block_on(async {
        listener.set_nonblocking(true)?;
        http::run(tokio::net::TcpListener::from_std(listener)?, state).await
    });
    drop(watcher);
    served.map_err(|e| format!("the server stopped: {e}"))
}

fn rebuild(options: &BuildOptions, state: &State, search: &mpsc::Sender<(u64, Site)>) {
    let started = Instant::now();
    match build_in_memory(options) {
        Ok((files, report, site)) => {
            if !report.warnings.is_empty() {
                eprint!("{}", report.warnings.render(&options.root, use_color()));
            }
            eprintln!(
                "Built {} pages in {} ms, {} warnings.",
                report.pages,
                started.elapsed().as_millis(),
                report.warnings.warning_count()
            );
            let build = state.publish(Ok(files));
            if site.config.search {
                let _ = search.send((build, site));
            }
        }
        Err(diags) => {
            eprint!("{}", diags.render(&options.root, use_color()));
            eprintln!("Build failed ({} errors); still serving the last good build.", diags.error_count());
            state.publish(Err(diags.render(&options.root, false)));
        }
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!("warning: cannot open a browser ({opener}: {e}); open {url} yourself");
    }
}

fn use_color() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal()
}
