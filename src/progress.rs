//! How far a build has got, for a progress display: the build only counts
//! (a stage's name, its steps done and in all), the command line draws.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A count of work done in the current step, shared between threads.
#[derive(Debug, Default)]
pub struct Progress {
    stage: Mutex<&'static str>,
    done: AtomicUsize,
    total: AtomicUsize,
}

impl Progress {
    /// A new stage of `total` steps (0: not known).
    pub fn start(&self, stage: &'static str, total: usize) {
        *self.stage.lock().unwrap_or_else(|e| e.into_inner()) = stage;
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// One more item done.
    pub fn tick(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// The stage, steps done, steps in all.
    pub fn now(&self) -> (&'static str, usize, usize) {
        let stage = *self.stage.lock().unwrap_or_else(|e| e.into_inner());
        (stage, self.done.load(Ordering::Relaxed), self.total.load(Ordering::Relaxed))
    }
}

/// Starts `stage` on `progress`, when there is one.
pub fn start(progress: Option<&Progress>, stage: &'static str, total: usize) {
    if let Some(p) = progress {
        p.start(stage, total);
    }
}
