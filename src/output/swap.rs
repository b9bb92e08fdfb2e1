//! Putting a finished build in place of the old one.
//!
//! On Linux the two folders trade places in one step (`renameat2` with
//! `RENAME_EXCHANGE`): a web server reading the output never finds it
//! missing. Where that is not available (another system, or a file system
//! without it) two renames do it, with a moment between them in which the
//! output folder does not exist; either way no mixture of the two builds is
//! ever visible.

use std::io;
use std::path::Path;

/// Swaps `new` into `output`'s place; the old output ends up at `aside`
/// (where `new` was, after an exchange; otherwise at `spare`, a free path).
/// On error nothing has moved.
pub(super) fn replace(new: &Path, output: &Path, spare: &Path) -> io::Result<Aside> {
    if exchange(new, output)? {
        return Ok(Aside::AtNew);
    }
    std::fs::rename(output, spare)?;
    if let Err(e) = std::fs::rename(new, output) {
        let _ = std::fs::rename(spare, output);
        return Err(e);
    }
    Ok(Aside::AtSpare)
}

/// Where [`replace`] left the old output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Aside {
    AtNew,
    AtSpare,
}

/// Whether the two folders traded places; `false` when the system cannot
/// do it in one step (and nothing happened).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}
