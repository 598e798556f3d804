//! A private scratch directory that is removed when dropped, including on error paths.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

static NEXT_ID: AtomicU64 = AtomicU64::new(0);

pub(super) struct TempDir {
    path: PathBuf,
}

impl TempDir {
    /// Creates a fresh, empty directory under the system temp dir. Creation fails rather
    /// than reuses when the name exists, so a stale or hostile directory is never adopted.
    pub(super) fn create(prefix: &str) -> io::Result<TempDir> {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|elapsed| elapsed.subsec_nanos())
            .unwrap_or_default();
        let mut last_error = None;
        for _ in 0..16 {
            let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
            let name = format!("{prefix}-{}-{nanos:x}-{id}", std::process::id());
            let path = std::env::temp_dir().join(name);
            match create_private_dir(&path) {
                Ok(()) => return Ok(TempDir { path }),
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => last_error = Some(err),
                Err(err) => return Err(err),
            }
        }
        Err(last_error.unwrap_or_else(|| io::Error::other("no free temp dir name")))
    }

    pub(super) fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if let Err(err) = std::fs::remove_dir_all(&self.path) {
            tracing::warn!(path = %self.path.display(), error = %err, "could not remove temp dir");
        }
    }
}

/// Owner-only permissions: the checkout may hold secretGenerator inputs.
#[cfg(unix)]
fn create_private_dir(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().mode(0o700).create(path)
}

#[cfg(not(unix))]
fn create_private_dir(path: &Path) -> io::Result<()> {
    std::fs::DirBuilder::new().create(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_are_unique_and_removed_on_drop() {
        let first = TempDir::create("recon-test").expect("creates");
        let second = TempDir::create("recon-test").expect("creates");
        assert_ne!(first.path(), second.path());
        let kept_path = first.path().to_path_buf();
        std::fs::write(kept_path.join("file"), b"x").expect("writes");
        assert!(kept_path.is_dir());
        drop(first);
        assert!(!kept_path.exists());
        assert!(second.path().is_dir());
    }
}
