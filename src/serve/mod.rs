//! `dossier serve`: build into memory, serve over HTTP, rebuild on every
//! change and reload the open tabs. The user's `public/` is never touched.
//!
//! One [`State`] holds the last good site, the errors of the last build (if
//! it failed) and a version number; rebuilds swap it whole, requests read it.

mod http;
mod related;
mod session;
mod watch;

use std::collections::HashSet;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Instant;

pub use session::{Files, Rebuild, Session, Update};

use rayon::prelude::*;

use crate::BuildOptions;
use crate::diagnostics::plural;
use crate::search::Record;

/// What `dossier serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site and how to build it.
    pub build: BuildOptions,
    /// The address to listen on (127.0.0.1 unless told otherwise).
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the site in the default browser once it is built.
    pub open: bool,
    /// Inject the script that reloads open pages after a rebuild.
    pub live_reload: bool,
}

/// The site as last built: every file, in memory.
#[derive(Default)]
pub struct Snapshot {
    /// Output paths and their bytes.
    pub files: Files,
    /// The search bundle, built in the background after the pages, so an
    /// edit shows without waiting for it; the previous one serves meanwhile.
    pub search: Files,
    /// Counts successful builds, so a search bundle that finishes after a
    /// newer build is dropped.
    pub build: u64,
    /// The diagnostics of a failed rebuild, as plain text; `None` when the
    /// last build succeeded.
    pub errors: Option<String>,
    /// For each file, the version at which its bytes last changed.
    pub stamps: imbl::OrdMap<Arc<str>, u64>,
    /// The version at which every page's looks last changed: the error
    /// overlay came, changed or went.
    pub overlay: u64,
}

impl Snapshot {
    /// Whether the page a reload stream asks about (its path) looks other
    /// than at version `seen`: a page not found, or gone, counts as changed.
    pub(crate) fn changed_since(&self, path: &str, seen: u64) -> bool {
        let key = http::file_key(path);
        self.overlay > seen || self.stamps.get(key.as_str()).is_none_or(|&stamp| stamp > seen)
    }
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
        let version = *self.version.borrow() + 1;
        let errors = match outcome {
            Ok(files) => {
                now.stamps = stamps(&now, &files, version);
                now.files = files;
                now.build += 1;
                None
            }
            Err(errors) => Some(errors),
        };
        if errors != now.errors {
            now.overlay = version;
            now.errors = errors;
        }
        self.version.send_modify(|v| *v = version);
        now.build
    }

    /// Takes the search bundle of build number `build`, unless a newer
    /// build came in meanwhile. The search page loads it on its next visit.
    fn publish_search(&self, build: u64, files: Files) {
        let mut now = self.now.lock().unwrap_or_else(|e| e.into_inner());
        if now.build == build {
            now.search = files;
        }
    }
}

/// Each of `files`' version stamp, published as `version` over `now`: a
/// file whose bytes are the same as before keeps its stamp. The maps are
/// compared by the parts they do not share: after an edit, the few files
/// it changed, not every file of the site.
fn stamps(now: &Snapshot, files: &Files, version: u64) -> imbl::OrdMap<Arc<str>, u64> {
    let mut stamps = now.stamps.clone();
    for change in now.files.diff(files) {
        match change {
            imbl::ordmap::DiffItem::Add(key, _) | imbl::ordmap::DiffItem::Update { new: (key, _), .. } => {
                stamps.insert(Arc::clone(key), version);
            }
            imbl::ordmap::DiffItem::Remove(key, _) => _ = stamps.remove(key),
        }
    }
    stamps
}

/// A search bundle to build: for which build, from which records, in
/// which language.
type SearchJob = (u64, Vec<Arc<Record>>, Option<String>);

/// One thread builds search bundles, always for the newest site waiting:
/// a burst of edits costs one index, not one per edit. It and the threads
/// Pagefind works on run at the lowest priority, on a pool of their own:
/// an edit's pages never wait behind the index (at 10,000 briefings it
/// takes seconds, and is rebuilt after every edit).
fn start_search_worker(state: Arc<State>) -> mpsc::Sender<SearchJob> {
    let (tx, rx) = mpsc::channel::<SearchJob>();
    std::thread::spawn(move || {
        lower_priority();
        let pool = rayon::ThreadPoolBuilder::new().start_handler(|_| lower_priority()).build();
        let mut indexer = crate::search::Indexer::default();
        while let Ok(mut job) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                job = newer;
            }
            let (build, records, language) = job;
            let started = Instant::now();
            let mut bundle = || crate::search_bundle(&mut indexer, &records, language.as_deref());
            let bundled = match &pool {
                Ok(pool) => pool.install(bundle),
                Err(_) => bundle(),
            };
            match bundled {
                Ok(files) => {
                    state.publish_search(
                        build,
                        files.into_iter().map(|(k, v)| (Arc::<str>::from(k), Arc::<[u8]>::from(v))).collect(),
                    );
                    let (read, of) = indexer.last_read();
                    eprintln!(
                        "Search index updated in {} ms (read {read} of {of} pages).",
                        started.elapsed().as_millis()
                    );
                }
                Err(d) => eprintln!("warning: {}", crate::escape::terminal(&d.message)),
            }
        }
    });
    tx
}

/// Lowers the calling thread's priority to the least (Linux: each thread
/// has its own nice value; elsewhere it would be the whole process's, so
/// the thread is left as it is).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    let _ = rustix::process::setpriority_process(Some(rustix::thread::gettid()), 19);
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
    // Watching starts before the first build, so that no save made while
    // it runs goes unseen; the lock makes such a save wait for it.
    let preview = Preview {
        options: build,
        session: Arc::default(),
        state: Arc::clone(&state),
        search,
        pictures: Arc::default(),
    };
    let watcher = {
        let preview = preview.clone();
        watch::start(&preview.options.root.clone(), move |changed| {
            let names: Vec<String> =
                changed.iter().take(3).map(|p| crate::escape::terminal(&p.to_string_lossy()).into_owned()).collect();
            let more = if changed.len() > 3 { format!(" and {} more", changed.len() - 3) } else { String::new() };
            eprintln!("Changed: {}{more}", names.join(", "));
            preview.rebuild(changed, false);
        })
        .map_err(|e| format!("cannot watch {}: {e}", options.build.root.display()))?
    };
    preview.rebuild(&[], true);
    eprintln!("Serving at http://{addr}/ (Ctrl-C to stop)");
    if options.open {
        open_browser(&format!("http://{addr}/"));
    }
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

/// The preview: the session and where each rebuild's outcome goes.
#[derive(Clone)]
struct Preview {
    options: BuildOptions,
    session: Arc<Mutex<Option<Session>>>,
    state: Arc<State>,
    search: mpsc::Sender<SearchJob>,
    /// Pictures being processed in the background (their cache keys).
    pictures: Arc<Mutex<HashSet<String>>>,
}

impl Preview {
    /// [`rebuild`] under the session's lock (`first`: only if nothing is
    /// built yet), then processes the pictures it left pending.
    fn rebuild(&self, changed: &[PathBuf], first: bool) {
        let mut session = self.session.lock().unwrap_or_else(|e| e.into_inner());
        if first && session.is_some() {
            return;
        }
        rebuild(&self.options, &mut session, changed, &self.state, &self.search);
        let pending = session.as_ref().map(|s| s.site().images.pending().to_vec()).unwrap_or_default();
        drop(session);
        self.process_pictures(pending);
    }

    /// Processes `pending` pictures on a thread of their own, then builds
    /// again with them: the page showed each one's source meanwhile.
    fn process_pictures(&self, pending: Vec<crate::images::Pending>) {
        let pending: Vec<_> = {
            let mut busy = self.pictures.lock().unwrap_or_else(|e| e.into_inner());
            pending.into_iter().filter(|p| busy.insert(p.key().to_owned())).collect()
        };
        if pending.is_empty() {
            return;
        }
        let preview = self.clone();
        std::thread::spawn(move || {
            let started = Instant::now();
            let root = &preview.options.root;
            pending.par_iter().for_each(|p| p.process(root));
            eprintln!("Processed {} in {} ms.", plural(pending.len(), "picture"), started.elapsed().as_millis());
            let changed: Vec<PathBuf> =
                pending.iter().map(|p| p.file.strip_prefix(root).unwrap_or(&p.file).to_path_buf()).collect();
            {
                let mut busy = preview.pictures.lock().unwrap_or_else(|e| e.into_inner());
                pending.iter().for_each(|p| _ = busy.remove(p.key()));
            }
            preview.rebuild(&changed, false);
        });
    }
}

/// Brings the site up to date after `changed` (paths relative to the
/// root), or builds it when there is no good build yet, and publishes the
/// outcome: new files, or errors shown over the last good ones.
fn rebuild(
    options: &BuildOptions,
    session: &mut Option<Session>,
    changed: &[PathBuf],
    state: &State,
    search: &mpsc::Sender<SearchJob>,
) {
    let outcome = match session {
        Some(s) => s.update(changed),
        None => Session::build(options).map(|(s, report)| {
            let update = Update { rebuild: Rebuild::Full, pages: report.pages, elapsed: report.elapsed };
            *session = Some(s);
            update
        }),
    };
    match outcome {
        Ok(update) => {
            let Some(s) = session.as_mut() else { return };
            let mut build = state.publish(Ok(s.files().clone()));
            // The pages the edit most likely changed are out; the others'
            // values are compared now (and the editorial notes counted).
            let mut more = 0;
            if update.rebuild == Rebuild::Documents {
                match s.settle() {
                    Ok((pages, changed)) => {
                        more = pages;
                        if changed {
                            build = state.publish(Ok(s.files().clone()));
                        }
                    }
                    Err(diags) => eprint!("{}", diags.render_capped(&options.root, use_color())),
                }
            }
            report(options, s, &update, more);
            s.prepare_for_edits();
            if let Some(records) = s.search_records().filter(|_| update.rebuild != Rebuild::Templates) {
                let _ = search.send((build, records.to_vec(), s.site().one_language().map(str::to_owned)));
            }
        }
        Err(diags) => {
            eprint!("{}", diags.render_capped(&options.root, use_color()));
            let errors = plural(diags.error_count(), "error");
            eprintln!("Build failed ({errors}); still serving the last good build.");
            state.publish(Err(diags.render_capped(&options.root, false)));
        }
    }
}

/// What a rebuild did, in one line (after a full build's warnings):
/// `more` pages rendered after the first were published.
fn report(options: &BuildOptions, s: &Session, update: &Update, more: usize) {
    if update.rebuild == Rebuild::Full && !s.warnings().is_empty() {
        eprint!("{}", s.warnings().render_capped(&options.root, use_color()));
    }
    let how = match update.rebuild {
        Rebuild::Full => "",
        Rebuild::Templates => " (templates and static files)",
        Rebuild::Bodies => " (text only)",
        Rebuild::Documents => " (changed pages)",
    };
    let more = if more > 0 { format!(", then {}", plural(more, "more page")) } else { String::new() };
    eprintln!(
        "Built {} in {} ms{how}{more}, {}{}.",
        plural(update.pages, "page"),
        update.elapsed.as_millis(),
        plural(s.warnings().warning_count(), "warning"),
        crate::diagnostics::notes_tail(s.notes())
    );
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

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::{Files, State};

    fn files(pairs: &[(&str, &str)]) -> Files {
        pairs.iter().map(|(k, v)| (Arc::<str>::from(*k), Arc::<[u8]>::from(v.as_bytes()))).collect()
    }

    #[test]
    fn a_publish_stamps_only_the_files_whose_bytes_changed() {
        let state = State { now: Mutex::default(), version: tokio::sync::watch::Sender::new(0), live_reload: false };
        state.publish(Ok(files(&[("a.html", "a"), ("b.html", "b"), ("c.html", "c")])));
        // `a` made again with the same bytes (a new allocation), `b`
        // changed, `c` gone, `d` new.
        state.publish(Ok(files(&[("a.html", "a"), ("b.html", "B"), ("d.html", "d")])));
        state.read(|now| {
            let stamp = |k: &str| now.stamps.get(k).copied();
            assert_eq!(
                (stamp("a.html"), stamp("b.html"), stamp("c.html"), stamp("d.html")),
                (Some(1), Some(2), None, Some(2))
            );
            assert!(!now.changed_since("/a.html", 1));
            assert!(
                now.changed_since("/b.html", 1) && now.changed_since("/c.html", 1) && now.changed_since("/d.html", 1)
            );
            assert!(!now.changed_since("/b.html", 2));
        });
        // An error over the same files changes every page's looks.
        state.publish(Err("broken".into()));
        state.read(|now| assert!(now.changed_since("/a.html", 2)));
    }
}
