//! Where generated files go: the interface every stage that makes files
//! writes through, whether into a staging folder, memory (`serve`) or
//! nowhere (`check`).

use std::io::Write;

/// Where generated files go, from several threads at once: each file's
/// path relative to the output folder, and its bytes. Any
/// `Fn(&str, &[u8]) -> io::Result<()>` is one.
pub trait Output: Sync {
    /// Writes the file at `rel` (relative to the output folder).
    fn put(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()>;

    /// A file made piece by piece by `write`, for files too big to want
    /// whole in memory (the open data runs to tens of megabytes). By
    /// default gathered, then [`Output::put`].
    fn put_streamed(
        &self,
        rel: &str,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        self.put(rel, &bytes)
    }

    /// A file whose bytes are those of the file at `from`, which never
    /// changes there (a cache entry named by its content): linked where
    /// the output allows, by default read and [`Output::put`].
    fn put_file(&self, rel: &str, from: &std::path::Path) -> std::io::Result<()> {
        self.put(rel, &std::fs::read(from)?)
    }
}

impl<F: Fn(&str, &[u8]) -> std::io::Result<()> + Sync> Output for F {
    fn put(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        self(rel, bytes)
    }
}

/// What the stages making files write to.
pub type Sink<'a> = &'a dyn Output;

/// Says why a file could not be written, for a stage writing to a [`Sink`].
pub type WriteError<'a> = dyn Fn(&str, &std::io::Error) -> crate::diagnostics::Diagnostic + Sync + 'a;

/// A sink passing every file on to another and remembering its path, so
/// that links can be checked against what the build wrote.
pub(crate) struct Recording<'a> {
    inner: Sink<'a>,
    written: std::sync::Mutex<std::collections::HashSet<String>>,
}

impl<'a> Recording<'a> {
    pub(crate) fn new(inner: Sink<'a>) -> Self {
        Recording { inner, written: Default::default() }
    }

    /// Whether a file was written at `rel`.
    pub(crate) fn has(&self, rel: &str) -> bool {
        self.written.lock().unwrap_or_else(std::sync::PoisonError::into_inner).contains(rel)
    }

    fn note(&self, rel: &str) {
        self.written.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(rel.to_owned());
    }
}

impl Output for Recording<'_> {
    fn put(&self, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.note(rel);
        self.inner.put(rel, bytes)
    }

    fn put_streamed(
        &self,
        rel: &str,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        self.note(rel);
        self.inner.put_streamed(rel, write)
    }

    fn put_file(&self, rel: &str, from: &std::path::Path) -> std::io::Result<()> {
        self.note(rel);
        self.inner.put_file(rel, from)
    }
}
