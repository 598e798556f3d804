//! Real Git repositories for tests, made with git2: a bare "origin" whose
//! commits are built in memory from a map of files, so tests can write,
//! remove, symlink and commit without a work tree, and recon can fetch from
//! and push to it over file://.

use std::collections::BTreeMap;
use std::path::Path;

use git2::{FileMode, Oid, Repository, Signature, Time};

#[derive(Clone)]
enum Entry {
    File(Vec<u8>),
    Link(String),
}

pub struct TestRepo {
    _dir: tempfile::TempDir,
    pub repo: Repository,
    files: BTreeMap<String, Entry>,
    time: i64,
    pub branch: String,
}

impl TestRepo {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let repo = Repository::init_bare(dir.path().join("origin.git")).expect("init bare repo");
        repo.set_head("refs/heads/main").expect("HEAD -> main");
        TestRepo {
            _dir: dir,
            repo,
            files: BTreeMap::new(),
            time: 1_767_225_600,
            branch: "main".into(),
        }
    }

    pub fn path(&self) -> &Path {
        self.repo.path()
    }

    pub fn url(&self) -> String {
        format!(
            "file://{}",
            self.repo.path().display().to_string().trim_end_matches('/')
        )
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

    pub fn remove(&mut self, path: &str) -> &mut Self {
        self.files
            .retain(|p, _| p != path && !p.starts_with(&format!("{path}/")));
        self
    }

    /// Commits the current files on `main`; returns the sha.
    pub fn commit(&mut self, message: &str) -> String {
        self.commit_as(message, "Dev One", "dev1@example.com")
    }

    pub fn commit_as(&mut self, message: &str, name: &str, email: &str) -> String {
        self.time += 60;
        let tree_id = self.build_tree();
        let tree = self.repo.find_tree(tree_id).expect("tree");
        let sig = Signature::new(name, email, &Time::new(self.time, 0)).expect("signature");
        let parent = self
            .repo
            .find_reference(&format!("refs/heads/{}", self.branch))
            .ok()
            .and_then(|r| r.peel_to_commit().ok());
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        let oid = self
            .repo
            .commit(
                Some(&format!("refs/heads/{}", self.branch)),
                &sig,
                &sig,
                message,
                &tree,
                &parents,
            )
            .expect("commit");
        oid.to_string()
    }

    pub fn tag(&self, name: &str, sha: &str) {
        let obj = self.repo.revparse_single(sha).expect("rev");
        self.repo.tag_lightweight(name, &obj, true).expect("tag");
    }

    pub fn head(&self) -> String {
        self.repo
            .find_reference(&format!("refs/heads/{}", self.branch))
            .and_then(|r| r.peel_to_commit())
            .map(|c| c.id().to_string())
            .expect("branch head")
    }

    /// The content of `path` at `rev` in the origin (None when absent).
    pub fn file_at(&self, rev: &str, path: &str) -> Option<String> {
        let commit = self.repo.revparse_single(rev).ok()?.peel_to_commit().ok()?;
        let entry = commit.tree().ok()?.get_path(Path::new(path)).ok()?;
        let blob = self.repo.find_blob(entry.id()).ok()?;
        Some(String::from_utf8_lossy(blob.content()).to_string())
    }

    fn build_tree(&self) -> Oid {
        // Group files by their first path component, recursively.
        fn build(repo: &Repository, entries: &[(Vec<&str>, &Entry)]) -> Oid {
            let mut tb = repo.treebuilder(None).expect("treebuilder");
            let mut dirs: BTreeMap<&str, Vec<(Vec<&str>, &Entry)>> = BTreeMap::new();
            for (parts, entry) in entries {
                if parts.len() == 1 {
                    let (oid, mode) = match entry {
                        Entry::File(bytes) => (repo.blob(bytes).expect("blob"), FileMode::Blob),
                        Entry::Link(target) => {
                            (repo.blob(target.as_bytes()).expect("blob"), FileMode::Link)
                        }
                    };
                    tb.insert(parts[0], oid, mode.into()).expect("insert");
                } else {
                    dirs.entry(parts[0])
                        .or_default()
                        .push((parts[1..].to_vec(), entry));
                }
            }
            for (name, children) in dirs {
                let oid = build(repo, &children);
                tb.insert(name, oid, FileMode::Tree.into())
                    .expect("insert tree");
            }
            tb.write().expect("write tree")
        }
        let entries: Vec<(Vec<&str>, &Entry)> = self
            .files
            .iter()
            .map(|(p, e)| (p.split('/').collect(), e))
            .collect();
        build(&self.repo, &entries)
    }
}
