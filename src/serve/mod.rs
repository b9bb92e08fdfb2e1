//! `dossier serve`: build into memory, serve over HTTP, rebuild on every
//! change and reload the open tabs. The user's `public/` is never touched.
//!
//! One [`State`] holds the last good site, the errors of the last build (if
//! it failed) and a version number; rebuilds swap it whole, requests read it.

mod http;
mod watch;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::{BuildOptions, Diagnostics};

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
    /// The diagnostics of a failed rebuild, as plain text; `None` when the
    /// last build succeeded.
    pub errors: Option<String>,
    /// Bumped by every rebuild; open pages reload when it moves.
    pub version: u64,
}

/// What the server threads share.
#[derive(Default)]
pub struct State {
    now: Mutex<Snapshot>,
    changed: Condvar,
    live_reload: bool,
}

impl State {
    fn read<T>(&self, f: impl FnOnce(&Snapshot) -> T) -> T {
        f(&self.now.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Takes a rebuild's outcome: new files, or errors over the old files.
    fn publish(&self, outcome: Result<Files, String>) {
        let mut now = self.now.lock().unwrap_or_else(|e| e.into_inner());
        match outcome {
            Ok(files) => {
                now.files = Arc::new(files);
                now.errors = None;
            }
            Err(errors) => now.errors = Some(errors),
        }
        now.version += 1;
        self.changed.notify_all();
    }

    /// Blocks until the version differs from `seen` or `timeout` passes;
    /// returns the version then.
    fn wait_change(&self, seen: u64, timeout: Duration) -> u64 {
        let now = self.now.lock().unwrap_or_else(|e| e.into_inner());
        let (now, _) =
            self.changed.wait_timeout_while(now, timeout, |s| s.version == seen).unwrap_or_else(|e| e.into_inner());
        now.version
    }
}

/// Builds the whole site into memory; on failure, the diagnostics rendered
/// for the terminal (`color`) or for the browser overlay.
pub fn build_in_memory(options: &BuildOptions) -> Result<(Files, crate::BuildReport), Diagnostics> {
    let files = Mutex::new(Files::new());
    let report = crate::generate(options, &|rel, bytes| {
        files.lock().unwrap_or_else(|e| e.into_inner()).insert(rel.to_owned(), bytes.to_vec());
        Ok(())
    })?;
    Ok((files.into_inner().unwrap_or_else(|e| e.into_inner()), report))
}

/// Runs until the process is interrupted.
pub fn serve(options: ServeOptions) -> Result<(), String> {
    let server = tiny_http::Server::http(SocketAddr::new(options.bind, options.port))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", options.bind, options.port))?;
    let addr = server.server_addr().to_ip().ok_or("the server has no IP address")?;
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: serving on {addr}, which other machines can reach; drafts and unpublished work are visible to them"
        );
    }
    let mut build = options.build.clone();
    // Links, feeds and canonical URLs point at this server while previewing.
    build.base_url = Some(format!("http://{addr}/"));
    let state = Arc::new(State { live_reload: options.live_reload, ..State::default() });
    rebuild(&build, &state);
    eprintln!("Serving at http://{addr}/ (Ctrl-C to stop)");
    if options.open {
        open_browser(&format!("http://{addr}/"));
    }

    let watcher = {
        let state = Arc::clone(&state);
        let build = build.clone();
        watch::start(&build.root.clone(), move |changed| {
            eprintln!("Changed: {}", changed.display());
            rebuild(&build, &state);
        })
        .map_err(|e| format!("cannot watch {}: {e}", options.build.root.display()))?
    };
    for request in server.incoming_requests() {
        let state = Arc::clone(&state);
        std::thread::spawn(move || http::respond(request, &state));
    }
    drop(watcher);
    Ok(())
}

fn rebuild(options: &BuildOptions, state: &State) {
    let started = Instant::now();
    match build_in_memory(options) {
        Ok((files, report)) => {
            if !report.warnings.is_empty() {
                eprint!("{}", report.warnings.render(&options.root, use_color()));
            }
            eprintln!(
                "Built {} pages in {} ms, {} warnings.",
                report.pages,
                started.elapsed().as_millis(),
                report.warnings.warning_count()
            );
            state.publish(Ok(files));
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
