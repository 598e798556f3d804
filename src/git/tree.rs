//! Reading the files under a path of a commit (the manifests recon renders),
//! with symlinks followed only inside the repository and size limits checked
//! from object headers before any blob is loaded.

use git2::{ObjectType, Oid, Tree};
use serde::{Deserialize, Serialize};

use super::cache::SourceRepo;
use super::error::GitError;
use super::repo_path::{
    is_unsafe_entry_name, join_components, resolve_link_target, split_repo_path,
};

/// Longest chain of symlinks followed before calling it a loop (as ELOOP).
const MAX_SYMLINK_HOPS: usize = 8;

const FILEMODE_TREE: i32 = 0o040000;
const FILEMODE_LINK: i32 = 0o120000;
const FILEMODE_COMMIT: i32 = 0o160000;

/// Bounds on what one read may load, so a stray binary or a huge generated
/// file in the repository cannot exhaust memory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadLimits {
    /// Largest single file, in bytes.
    pub max_file_bytes: u64,
    /// Largest sum of all files read, in bytes.
    pub max_total_bytes: u64,
}

impl Default for ReadLimits {
    fn default() -> Self {
        Self {
            max_file_bytes: 4 * 1024 * 1024,
            max_total_bytes: 64 * 1024 * 1024,
        }
    }
}

/// One file read from a commit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RepoFile {
    /// Path relative to the repository root, as the file appears (a file
    /// reached through a symlink keeps the symlink's path).
    pub path: String,
    pub bytes: Vec<u8>,
}

impl SourceRepo {
    /// All files under `path` at `commit` (recursively), sorted by path.
    /// `path` may name a single file; `""` or `"."` is the repository root.
    pub fn read_path(
        &self,
        commit: &str,
        path: &str,
        limits: &ReadLimits,
    ) -> Result<Vec<RepoFile>, GitError> {
        // Refuse escaping paths before touching the repository at all.
        let components = split_repo_path(path)?;
        let commit_object = self.resolve_commit(commit)?;
        let root = commit_object
            .tree()
            .map_err(|err| GitError::git(format!("cannot read tree of {commit}"), err))?;
        let mut reader = TreeReader {
            source: self,
            root,
            limits,
            requested: join_components(&components),
            total_bytes: 0,
            active_dirs: Vec::new(),
            files: Vec::new(),
        };
        let owned: Vec<String> = components.iter().map(|c| c.to_string()).collect();
        let found = reader
            .lookup(&owned, 0)?
            .ok_or_else(|| GitError::PathNotFound {
                url: self.url(),
                rev: commit.to_string(),
                path: path.to_string(),
            })?;
        let display_path = reader.requested.clone();
        reader.visit(&display_path, &found, 0)?;
        let mut files = reader.files;
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }
}

/// A tree entry located by its real path (symlinks in directories resolved).
struct Located {
    id: Oid,
    filemode: i32,
    real_path: Vec<String>,
}

struct TreeReader<'a> {
    source: &'a SourceRepo,
    root: Tree<'a>,
    limits: &'a ReadLimits,
    requested: String,
    total_bytes: u64,
    /// Real paths of the directories being traversed; re-entering one of
    /// them (or an ancestor) through a symlink would never end.
    active_dirs: Vec<Vec<String>>,
    files: Vec<RepoFile>,
}

impl TreeReader<'_> {
    /// Finds `components` from the root, following symlinks met on the way
    /// in intermediate directories; the last entry is returned unfollowed.
    fn lookup(&self, components: &[String], hops: usize) -> Result<Option<Located>, GitError> {
        let repo = &self.source.repo;
        let mut tree = self.root.clone();
        let mut located = Located {
            id: self.root.id(),
            filemode: FILEMODE_TREE,
            real_path: Vec::new(),
        };
        for (index, name) in components.iter().enumerate() {
            let Some((id, filemode, kind)) = tree
                .get_name(name)
                .map(|entry| (entry.id(), entry.filemode(), entry.kind()))
            else {
                return Ok(None);
            };
            let is_last = index + 1 == components.len();
            if filemode == FILEMODE_LINK && !is_last {
                let link_path = join_components(&components[..=index]);
                let mut target = self.link_destination(&link_path, id, &located.real_path, hops)?;
                target.extend(components[index + 1..].iter().cloned());
                return self.lookup(&target, hops + 1);
            }
            located.real_path.push(name.clone());
            located.id = id;
            located.filemode = filemode;
            if !is_last {
                if kind != Some(ObjectType::Tree) {
                    return Ok(None);
                }
                tree = repo.find_tree(id).map_err(|err| {
                    let dir = join_components(&components[..=index]);
                    GitError::git(format!("cannot read tree {dir:?}"), err)
                })?;
            }
        }
        Ok(Some(located))
    }

    /// Collects the file(s) of `entry`, reported under `display_path`.
    fn visit(&mut self, display_path: &str, entry: &Located, hops: usize) -> Result<(), GitError> {
        match entry.filemode {
            FILEMODE_TREE => self.visit_tree(display_path, entry, hops),
            FILEMODE_LINK => self.follow_link(display_path, entry, hops),
            FILEMODE_COMMIT => {
                tracing::debug!(path = display_path, "skipping submodule");
                Ok(())
            }
            _ => self.read_blob(display_path, entry.id),
        }
    }

    fn visit_tree(
        &mut self,
        display_path: &str,
        entry: &Located,
        hops: usize,
    ) -> Result<(), GitError> {
        let tree = self
            .source
            .repo
            .find_tree(entry.id)
            .map_err(|err| GitError::git(format!("cannot read tree {display_path:?}"), err))?;
        self.active_dirs.push(entry.real_path.clone());
        for child in tree.iter() {
            let name = String::from_utf8_lossy(child.name_bytes()).into_owned();
            if is_unsafe_entry_name(&name) {
                tracing::warn!(dir = display_path, name = %name.escape_default(), "skipping unsafe tree entry");
                continue;
            }
            let child_display_path = if display_path.is_empty() {
                name.clone()
            } else {
                format!("{display_path}/{name}")
            };
            let mut real_path = entry.real_path.clone();
            real_path.push(name);
            let located = Located {
                id: child.id(),
                filemode: child.filemode(),
                real_path,
            };
            self.visit(&child_display_path, &located, hops)?;
        }
        self.active_dirs.pop();
        Ok(())
    }

    /// Reads what a symlink points to, under the symlink's own path.
    fn follow_link(
        &mut self,
        display_path: &str,
        link: &Located,
        hops: usize,
    ) -> Result<(), GitError> {
        let link_dir = &link.real_path[..link.real_path.len().saturating_sub(1)];
        let target_path = self.link_destination(display_path, link.id, link_dir, hops)?;
        let target =
            self.lookup(&target_path, hops + 1)?
                .ok_or_else(|| GitError::DanglingSymlink {
                    path: display_path.to_string(),
                    target: join_components(&target_path),
                })?;
        if target.filemode == FILEMODE_TREE
            && self
                .active_dirs
                .iter()
                .any(|dir| dir.starts_with(&target.real_path))
        {
            return Err(GitError::SymlinkLoop {
                path: display_path.to_string(),
            });
        }
        self.visit(display_path, &target, hops + 1)
    }

    /// The real path a symlink points to, or an error when it leaves the
    /// repository or the chain is too long.
    fn link_destination(
        &self,
        link_path: &str,
        link_blob: Oid,
        link_dir: &[String],
        hops: usize,
    ) -> Result<Vec<String>, GitError> {
        if hops >= MAX_SYMLINK_HOPS {
            return Err(GitError::SymlinkLoop {
                path: link_path.to_string(),
            });
        }
        let blob = self
            .source
            .repo
            .find_blob(link_blob)
            .map_err(|err| GitError::git(format!("cannot read symlink {link_path:?}"), err))?;
        let target = String::from_utf8_lossy(blob.content()).into_owned();
        resolve_link_target(link_dir, &target).ok_or_else(|| GitError::SymlinkEscapes {
            path: link_path.to_string(),
            target,
        })
    }

    /// Loads one blob after checking its size from the object header.
    fn read_blob(&mut self, display_path: &str, id: Oid) -> Result<(), GitError> {
        let repo = &self.source.repo;
        let context = || format!("cannot read {display_path:?}");
        let odb = repo.odb().map_err(|err| GitError::git(context(), err))?;
        let (size, _) = odb
            .read_header(id)
            .map_err(|err| GitError::git(context(), err))?;
        let size = size as u64;
        if size > self.limits.max_file_bytes {
            return Err(GitError::FileTooLarge {
                path: display_path.to_string(),
                size,
                limit: self.limits.max_file_bytes,
            });
        }
        if self.total_bytes.saturating_add(size) > self.limits.max_total_bytes {
            return Err(GitError::TotalTooLarge {
                path: self.requested.clone(),
                limit: self.limits.max_total_bytes,
            });
        }
        let blob = repo
            .find_blob(id)
            .map_err(|err| GitError::git(context(), err))?;
        self.total_bytes += size;
        self.files.push(RepoFile {
            path: display_path.to_string(),
            bytes: blob.content().to_vec(),
        });
        Ok(())
    }
}
