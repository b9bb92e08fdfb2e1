//! What one run of a stage made, kept for the next (`serve` after an
//! edit), by a digest of everything it was made from: the next run takes
//! over what it would make again from the same inputs, and keeps only
//! what it used or made, so nothing piles up across edits.

use std::sync::Mutex;

use rustc_hash::FxHashMap;

/// The results of the last run, and of this one so far.
pub struct Memo<V> {
    before: FxHashMap<u64, V>,
    now: Mutex<FxHashMap<u64, V>>,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo { before: FxHashMap::default(), now: Mutex::default() }
    }
}

impl<V: Clone> Memo<V> {
    /// This run's results, to take over in the next.
    pub fn next(self) -> Memo<V> {
        Memo { before: self.now.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner), ..Memo::default() }
    }

    /// [`Memo::next`], leaving this one as it is.
    pub fn carried(&self) -> Memo<V> {
        let now = self.now.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        Memo { before: now.clone(), ..Memo::default() }
    }

    /// Forgets what a run that failed made meanwhile.
    pub fn start(&mut self) {
        self.now.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner).clear();
    }

    /// The last run's result for `key`, kept for the next run too.
    pub fn take(&self, key: u64) -> Option<V> {
        let kept = self.before.get(&key)?;
        self.keep(key, kept.clone());
        Some(kept.clone())
    }

    /// Keeps a result made now.
    pub fn keep(&self, key: u64, value: V) {
        self.now.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(key, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_takes_over_the_last_ones_results_and_keeps_only_what_it_used() {
        let first: Memo<&str> = Memo::default();
        first.keep(1, "one");
        first.keep(2, "two");
        let second = first.next();
        assert_eq!(second.take(1), Some("one"));
        assert_eq!(second.take(3), None);
        second.keep(3, "three");
        // 2 was neither used nor made by the second run: gone from the third.
        let mut third = second.next();
        assert_eq!((third.take(1), third.take(2), third.take(3)), (Some("one"), None, Some("three")));
        // A failed run's results are forgotten; the last good one's stay.
        third.keep(4, "four");
        third.start();
        assert_eq!(third.carried().take(4), None);
        assert_eq!(third.take(1), Some("one"));
    }
}
