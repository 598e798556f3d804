//! Builds a bare Git repository commit by commit from an in-memory set of
//! files (no work tree), with a fixed, advancing clock so shas are stable.
//! Used by the demo and by tests.

use std::collections::BTreeMap;
use std::path::Path;

use git2::{FileMode, Oid, Repository, Signature, Time};

#[derive(Clone)]
enum Entry {
    File(Vec<u8>),
    Link(String),
}

pub struct RepoBuilder {
    pub repo: Repository,
    files: BTreeMap<String, Entry>,
    time: i64,
    step: i64,
    pub branch: String,
}

impl RepoBuilder {
    /// A new bare repository at `path` whose HEAD is `main`.
    pub fn init_bare(path: &Path) -> Result<Self, git2::Error> {
        let repo = Repository::init_bare(path)?;
        repo.set_head("refs/heads/main")?;
        Ok(Self {
            repo,
            files: BTreeMap::new(),
            time: 1_767_225_600,
            step: 60,
            branch: "main".into(),
        })
    }

    pub fn url(&self) -> String {
        format!(
            "file://{}",
            self.repo.path().display().to_string().trim_end_matches('/')
        )
    }

    /// Sets the clock (seconds since the epoch) and how far it advances per commit.
    pub fn set_clock(&mut self, start: i64, step: i64) {
        self.time = start;
        self.step = step;
    }

    pub fn write(&mut self, path: &str, content: impl AsRef<[u8]>) -> &mut Self {
        self.files
            .insert(path.to_string(), Entry::File(content.as_ref().to_vec()));
        self
    }

    pub fn symlink(&mut self, path: &str, target: &str) -> &mut Self {
        self.files
            .insert(path.to_string(), Entry::Link(target.to_string()));
        self
    }

    /// Removes a file, or every file under a directory.
    pub fn remove(&mut self, path: &str) -> &mut Self {
        self.files
            .retain(|p, _| p != path && !p.starts_with(&format!("{path}/")));
        self
    }

    pub fn commit_as(
        &mut self,
        message: &str,
        name: &str,
        email: &str,
    ) -> Result<String, git2::Error> {
        self.time += self.step;
        let tree = self.repo.find_tree(self.build_tree()?)?;
        let sig = Signature::new(name, email, &Time::new(self.time, 0))?;
        let refname = format!("refs/heads/{}", self.branch);
        let parent = self
            .repo
            .find_reference(&refname)
            .ok()
            .and_then(|r| r.peel_to_commit().ok());
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        Ok(self
            .repo
            .commit(Some(&refname), &sig, &sig, message, &tree, &parents)?
            .to_string())
    }

    pub fn head(&self) -> Result<String, git2::Error> {
        Ok(self
            .repo
            .find_reference(&format!("refs/heads/{}", self.branch))?
            .peel_to_commit()?
            .id()
            .to_string())
    }

    /// The content of `path` at `rev` (None when absent).
    pub fn file_at(&self, rev: &str, path: &str) -> Option<String> {
        let commit = self.repo.revparse_single(rev).ok()?.peel_to_commit().ok()?;
        let entry = commit.tree().ok()?.get_path(Path::new(path)).ok()?;
        let blob = self.repo.find_blob(entry.id()).ok()?;
        Some(String::from_utf8_lossy(blob.content()).to_string())
    }

    fn build_tree(&self) -> Result<Oid, git2::Error> {
        let entries: Vec<(Vec<&str>, &Entry)> = self
            .files
            .iter()
            .map(|(p, e)| (p.split('/').collect(), e))
            .collect();
        build(&self.repo, &entries)
    }
}

/// Writes the tree for `entries` (paths split into components), recursively.
fn build(repo: &Repository, entries: &[(Vec<&str>, &Entry)]) -> Result<Oid, git2::Error> {
    let mut tb = repo.treebuilder(None)?;
    let mut dirs: BTreeMap<&str, Vec<(Vec<&str>, &Entry)>> = BTreeMap::new();
    for (parts, entry) in entries {
        match parts.as_slice() {
            [name] => {
                let (oid, mode) = match entry {
                    Entry::File(bytes) => (repo.blob(bytes)?, FileMode::Blob),
                    Entry::Link(target) => (repo.blob(target.as_bytes())?, FileMode::Link),
                };
                tb.insert(name, oid, mode.into())?;
            }
            [dir, rest @ ..] => dirs.entry(dir).or_default().push((rest.to_vec(), entry)),
            [] => {}
        }
    }
    for (name, children) in dirs {
        let oid = build(repo, &children)?;
        tb.insert(name, oid, FileMode::Tree.into())?;
    }
    tb.write()
}
