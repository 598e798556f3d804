//! The patch a commit made under a path, for showing "what changed" next to
//! a history entry.

use git2::{DiffFormat, DiffOptions};

use super::cache::SourceRepo;
use super::error::GitError;
use super::repo_path::{join_components, split_repo_path};

impl SourceRepo {
    /// Unified patch of `commit` against its first parent (the empty tree for
    /// a root commit), limited to `path` (`""` = whole repository), like
    /// `git show --format= COMMIT -- PATH`. Empty when nothing under `path`
    /// changed. Binary files show as "Binary files … differ".
    pub fn commit_diff(&self, commit: &str, path: &str) -> Result<String, GitError> {
        let path = join_components(&split_repo_path(path)?);
        let commit_object = self.resolve_commit(commit)?;
        let context = || format!("cannot diff {commit} under {path:?} in {}", self.url());
        let new_tree = commit_object
            .tree()
            .map_err(|err| GitError::git(context(), err))?;
        let old_tree = match commit_object.parent(0) {
            Ok(parent) => Some(parent.tree().map_err(|err| GitError::git(context(), err))?),
            Err(_) if commit_object.parent_count() == 0 => None,
            Err(err) => return Err(GitError::git(context(), err)),
        };

        let mut options = DiffOptions::new();
        // Literal path (file or directory), not an fnmatch pattern.
        options.disable_pathspec_match(true);
        if !path.is_empty() {
            options.pathspec(path.as_str());
        }
        let diff = self
            .repo
            .diff_tree_to_tree(old_tree.as_ref(), Some(&new_tree), Some(&mut options))
            .map_err(|err| GitError::git(context(), err))?;

        let mut patch = Vec::new();
        diff.print(DiffFormat::Patch, |_delta, _hunk, line| {
            // Content lines carry their marker separately; headers include it.
            if matches!(line.origin(), '+' | '-' | ' ') {
                patch.push(line.origin() as u8);
            }
            patch.extend_from_slice(line.content());
            true
        })
        .map_err(|err| GitError::git(context(), err))?;
        Ok(String::from_utf8_lossy(&patch).into_owned())
    }
}
