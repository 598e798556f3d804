//! One mutex per cache directory, shared by every handle in the process, so
//! two tasks never clone, fetch or push the same repository at once (libgit2
//! would otherwise fail on the other's ref lock files, or clone twice).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

/// The writer lock of one cache directory.
#[derive(Clone, Debug)]
pub(crate) struct RepoLock(Arc<Mutex<()>>);

impl RepoLock {
    /// The lock shared by all handles on `dir`.
    pub(crate) fn for_dir(dir: &Path) -> Self {
        static LOCKS: OnceLock<Mutex<HashMap<PathBuf, Arc<Mutex<()>>>>> = OnceLock::new();
        let registry = LOCKS.get_or_init(|| Mutex::new(HashMap::new()));
        let mut locks = lock_ignoring_poison(registry);
        let lock = locks.entry(dir.to_path_buf()).or_default();
        RepoLock(Arc::clone(lock))
    }

    /// Blocks until this process holds the repository exclusively.
    pub(crate) fn acquire(&self) -> MutexGuard<'_, ()> {
        lock_ignoring_poison(&self.0)
    }
}

/// A panic while holding one of these locks leaves no broken invariant (the
/// data is `()` or an append-only map), so poisoning is safe to ignore.
fn lock_ignoring_poison<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_dir_shares_one_lock_and_other_dirs_do_not() {
        let a1 = RepoLock::for_dir(Path::new("/tmp/recon-lock-test-a"));
        let a2 = RepoLock::for_dir(Path::new("/tmp/recon-lock-test-a"));
        let b = RepoLock::for_dir(Path::new("/tmp/recon-lock-test-b"));
        assert!(Arc::ptr_eq(&a1.0, &a2.0));
        assert!(!Arc::ptr_eq(&a1.0, &b.0));
        let _held = a1.acquire();
        assert!(a2.0.try_lock().is_err(), "second handle must wait");
        assert!(b.0.try_lock().is_ok(), "other repository is independent");
    }
}
