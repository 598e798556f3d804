//! Real Git repositories for tests: the library's `RepoBuilder` in a
//! temporary directory, with test-friendly (panicking) shortcuts.

use std::ops::{Deref, DerefMut};
use std::path::Path;

use recon::testbed::RepoBuilder;

pub struct TestRepo {
    /// The temporary directory holding the repository, when it owns one.
    _dir: Option<tempfile::TempDir>,
    inner: RepoBuilder,
}

impl TestRepo {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let inner = RepoBuilder::init_bare(&dir.path().join("origin.git")).expect("init bare repo");
        TestRepo {
            _dir: Some(dir),
            inner,
        }
    }

    /// A new bare repository at `path`, in a directory someone else owns
    /// and removes (e.g. the test bed's Git HTTP server root).
    pub fn at(path: &Path) -> Self {
        let inner = RepoBuilder::init_bare(path)
            .unwrap_or_else(|e| panic!("init bare repo {}: {e}", path.display()));
        TestRepo { _dir: None, inner }
    }

    /// Commits the current files on `main`; returns the sha.
    pub fn commit(&mut self, message: &str) -> String {
        self.inner
            .commit_as(message, "Dev One", "dev1@example.com")
            .expect("commit")
    }

    pub fn head(&self) -> String {
        self.inner.head().expect("branch head")
    }
}

impl Deref for TestRepo {
    type Target = RepoBuilder;
    fn deref(&self) -> &RepoBuilder {
        &self.inner
    }
}

impl DerefMut for TestRepo {
    fn deref_mut(&mut self) -> &mut RepoBuilder {
        &mut self.inner
    }
}
