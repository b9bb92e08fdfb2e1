//! The progress line a long build shows on a terminal (the one place that
//! uses `indicatif`). Nothing for a build done within a second, and nothing
//! when stderr is not a terminal (a log, CI).

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use dossier::progress::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a build runs before its progress is shown.
const QUIET: Duration = Duration::from_secs(1);

/// Draws `progress` until dropped; the line is cleared then, before the
/// diagnostics and the summary are printed.
pub struct Shown {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

pub fn show(progress: Arc<Progress>) -> Shown {
    let stop = Arc::new(AtomicBool::new(false));
    let thread = std::io::stderr().is_terminal().then(|| {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || draw(&progress, &stop))
    });
    Shown { stop, thread }
}

fn draw(progress: &Progress, stop: &AtomicBool) {
    let started = Instant::now();
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let counted = ProgressStyle::with_template("{msg} [{bar:30}] {human_pos}/{human_len}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    let spinner = ProgressStyle::with_template("{spinner} {msg}…").unwrap_or_else(|_| ProgressStyle::default_spinner());
    let mut counting = None;
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(80));
        if started.elapsed() < QUIET {
            continue;
        }
        let (stage, done, total) = progress.now();
        if counting != Some(total > 0) {
            counting = Some(total > 0);
            bar.set_style(if total > 0 { counted.clone() } else { spinner.clone() });
        }
        bar.set_message(stage);
        if total > 0 {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        } else {
            bar.tick();
        }
    }
    bar.finish_and_clear();
}

impl Drop for Shown {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
