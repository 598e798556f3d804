//! Test origins: bare repositories built with git2 directly (independently of
//! the code under test), with a fixed author and a clock that ticks one
//! minute per commit so `git log` order is deterministic.

use std::cell::Cell;
use std::path::Path;
use std::process::Command;

use git2::{IndexEntry, IndexTime, Oid, Repository, RepositoryInitOptions, Signature, Time};
use tempfile::TempDir;

use crate::git::{GitError, RepoCache, SourceRepo};

pub const AUTHOR: &str = "Test Author";
pub const EMAIL: &str = "author@example.com";
const FIRST_COMMIT_TIME: i64 = 1_700_000_000;

/// One change applied by a commit.
pub enum Change<'a> {
    Write(&'a str, &'a [u8]),
    Executable(&'a str, &'a [u8]),
    Symlink(&'a str, &'a str),
    /// Removes a file or a whole directory.
    Delete(&'a str),
}

pub fn write<'a>(path: &'a str, text: &'a str) -> Change<'a> {
    Change::Write(path, text.as_bytes())
}

/// A bare origin repository in a temp dir.
pub struct Origin {
    dir: TempDir,
    pub repo: Repository,
    clock: Cell<i64>,
}

impl Origin {
    /// An empty origin whose HEAD points to `refs/heads/main`.
    pub fn new() -> Self {
        Self::with_default_branch("main")
    }

    pub fn with_default_branch(branch: &str) -> Self {
        let dir = TempDir::new().unwrap();
        let mut options = RepositoryInitOptions::new();
        options.bare(true).initial_head(branch);
        let repo = Repository::init_opts(dir.path(), &options).unwrap();
        Self {
            dir,
            repo,
            clock: Cell::new(FIRST_COMMIT_TIME),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn url(&self) -> String {
        format!("file://{}", self.dir.path().display())
    }

    /// Commits `changes` on top of `branch` (created if missing).
    pub fn commit(&self, branch: &str, message: &str, changes: &[Change<'_>]) -> Oid {
        let parent = self.head(branch);
        let parents: Vec<Oid> = parent.into_iter().collect();
        self.commit_with_parents(branch, message, &parents, changes)
    }

    /// A merge of `from` into `into`: the first parent's tree plus `changes`.
    pub fn merge(&self, into: &str, from: &str, changes: &[Change<'_>]) -> Oid {
        let parents = [self.head(into).unwrap(), self.head(from).unwrap()];
        self.commit_with_parents(
            into,
            &format!("Merge {from} into {into}"),
            &parents,
            changes,
        )
    }

    pub fn head(&self, branch: &str) -> Option<Oid> {
        let reference = self
            .repo
            .find_reference(&format!("refs/heads/{branch}"))
            .ok()?;
        reference.target()
    }

    pub fn branch_from(&self, new_branch: &str, start: Oid) {
        let commit = self.repo.find_commit(start).unwrap();
        self.repo.branch(new_branch, &commit, true).unwrap();
    }

    pub fn delete_branch(&self, branch: &str) {
        let mut reference = self
            .repo
            .find_reference(&format!("refs/heads/{branch}"))
            .unwrap();
        reference.delete().unwrap();
    }

    pub fn annotated_tag(&self, name: &str, target: Oid) -> Oid {
        let object = self.repo.find_object(target, None).unwrap();
        self.repo
            .tag(name, &object, &self.signature(), "release", false)
            .unwrap()
    }

    pub fn lightweight_tag(&self, name: &str, target: Oid) {
        let object = self.repo.find_object(target, None).unwrap();
        self.repo.tag_lightweight(name, &object, false).unwrap();
    }

    /// The id of the entry at `path` in `commit` (None if absent).
    pub fn entry_id(&self, commit: Oid, path: &str) -> Option<Oid> {
        let tree = self.repo.find_commit(commit).unwrap().tree().unwrap();
        tree.get_path(Path::new(path)).ok().map(|entry| entry.id())
    }

    /// Full shas printed by the real `git log --format=%H REV -- PATH`.
    pub fn git_log(&self, rev: &str, path: &str) -> Vec<String> {
        let mut command = Command::new("git");
        command
            .arg("--git-dir")
            .arg(self.path())
            .args(["log", "--format=%H", rev])
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null");
        if !path.is_empty() {
            command.args(["--", path]);
        }
        let output = command.output().unwrap();
        assert!(output.status.success(), "git log failed: {output:?}");
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    }

    fn signature(&self) -> Signature<'static> {
        let now = self.clock.get();
        self.clock.set(now + 60);
        Signature::new(AUTHOR, EMAIL, &Time::new(now, 0)).unwrap()
    }

    fn commit_with_parents(
        &self,
        branch: &str,
        message: &str,
        parents: &[Oid],
        changes: &[Change<'_>],
    ) -> Oid {
        let mut index = git2::Index::new().unwrap();
        if let Some(first) = parents.first() {
            let tree = self.repo.find_commit(*first).unwrap().tree().unwrap();
            index.read_tree(&tree).unwrap();
        }
        for change in changes {
            match change {
                Change::Write(path, bytes) => add(&self.repo, &mut index, path, bytes, 0o100644),
                Change::Executable(path, bytes) => {
                    add(&self.repo, &mut index, path, bytes, 0o100755)
                }
                Change::Symlink(path, target) => {
                    add(&self.repo, &mut index, path, target.as_bytes(), 0o120000)
                }
                Change::Delete(path) => {
                    let _ = index.remove_path(Path::new(path));
                    index.remove_dir(Path::new(path), 0).unwrap();
                }
            }
        }
        let tree_id = index.write_tree_to(&self.repo).unwrap();
        let tree = self.repo.find_tree(tree_id).unwrap();
        let signature = self.signature();
        let parent_commits: Vec<_> = parents
            .iter()
            .map(|id| self.repo.find_commit(*id).unwrap())
            .collect();
        let parent_refs: Vec<_> = parent_commits.iter().collect();
        let id = self
            .repo
            .commit(None, &signature, &signature, message, &tree, &parent_refs)
            .unwrap();
        self.repo
            .reference(&format!("refs/heads/{branch}"), id, true, "test")
            .unwrap();
        id
    }
}

fn add(repo: &Repository, index: &mut git2::Index, path: &str, bytes: &[u8], mode: u32) {
    let entry = IndexEntry {
        ctime: IndexTime::new(0, 0),
        mtime: IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode,
        uid: 0,
        gid: 0,
        file_size: bytes.len() as u32,
        id: repo.blob(bytes).unwrap(),
        flags: 0,
        flags_extended: 0,
        path: path.as_bytes().to_vec(),
    };
    index.add(&entry).unwrap();
}

/// A cache in its own temp dir.
pub struct Cache {
    /// Keeps the temp dir alive as long as the cache.
    _dir: TempDir,
    pub cache: RepoCache,
}

impl Cache {
    pub fn new() -> Self {
        let dir = TempDir::new().unwrap();
        let cache = RepoCache::new(dir.path().join("repos"));
        Self { _dir: dir, cache }
    }

    pub fn open(&self, origin: &Origin) -> SourceRepo {
        self.cache.open(&origin.url()).unwrap()
    }
}

pub fn sha(id: Oid) -> String {
    id.to_string()
}

/// Shas of a history result, for comparison with `git log`.
pub fn ids(history: &[crate::git::CommitInfo]) -> Vec<String> {
    history.iter().map(|commit| commit.id.clone()).collect()
}

/// Panics with the error's Display, which is more readable than Debug.
pub fn ok<T>(result: Result<T, GitError>) -> T {
    match result {
        Ok(value) => value,
        Err(err) => panic!("unexpected error: {err}"),
    }
}
