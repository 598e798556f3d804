//! Rollback in Git: a new commit on top of a branch that puts one path back
//! to its content at an older revision, pushed to the origin. Everything
//! else in the tree is left as it is on the branch.

use std::path::Path;

use git2::{Commit, ErrorCode, Oid, Reference, Repository, Signature, Sort};
use serde::{Deserialize, Serialize};

use super::cache::SourceRepo;
use super::error::GitError;
use super::push::push_if_unmoved;
use super::repo_path::{join_components, split_repo_path};
use super::tree_edit::{EntrySpec, FILEMODE_TREE, replace_path};
use crate::text::short_sha;

/// Reverted commits named in a default message before summarising the rest.
const MAX_LISTED_COMMITS: usize = 20;

/// What a revert did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevertOutcome {
    /// Full sha of the new commit.
    pub commit: String,
    /// Full sha the branch pointed to before (the new commit's parent).
    pub previous_head: String,
    /// Whether the origin branch now points to `commit`; always true when
    /// `revert_path_to` returns `Ok`, kept explicit for callers and logs.
    pub pushed: bool,
}

impl SourceRepo {
    /// Fetches, then commits on top of origin's `branch` a tree in which
    /// `path` (`""` = everything) has its content at `target`, and pushes it.
    ///
    /// `expected_head` (full or abbreviated sha) guards against reverting on
    /// top of changes the user has not seen: `BranchMoved` if the fetched head
    /// differs. The push itself is refused if the origin moves meanwhile.
    /// `branch` may be `HEAD` (the origin's default branch). An empty
    /// `message` gets a default naming the path, target and the commits
    /// being undone. `signature` is `(name, email)`.
    pub fn revert_path_to(
        &self,
        branch: &str,
        target: &str,
        path: &str,
        expected_head: Option<&str>,
        signature: (&str, &str),
        message: &str,
    ) -> Result<RevertOutcome, GitError> {
        let components = split_repo_path(path)?;
        let path = join_components(&components);
        let _guard = self.lock().acquire();
        self.fetch_locked()?;

        let branch = self.target_branch(branch)?;
        let branch = branch.as_str();
        let head = self.branch_head(branch)?;
        let head_sha = head.id().to_string();
        if let Some(expected) = expected_head
            && !sha_matches(&head_sha, expected)
        {
            return Err(GitError::BranchMoved {
                branch: branch.to_string(),
                expected: expected.to_string(),
                found: head_sha,
            });
        }
        let target_commit = self.resolve_commit(target)?;
        let context = |what: &str| format!("cannot {what} for reverting {path:?} on {branch}");

        let head_tree = head
            .tree()
            .map_err(|err| GitError::git(context("read branch tree"), err))?;
        let target_tree = target_commit
            .tree()
            .map_err(|err| GitError::git(context("read target tree"), err))?;
        let replacement = entry_at(&target_tree, &path)
            .map_err(|err| GitError::git(context("read target path"), err))?;
        let new_tree_id = replace_path(&self.repo, &head_tree, &components, replacement)
            .map_err(|err| GitError::git(context("build tree"), err))?;
        if new_tree_id == head_tree.id() {
            return Err(GitError::NothingToRevert {
                branch: branch.to_string(),
                path,
                target: short(target_commit.id()),
            });
        }

        let message = if message.trim().is_empty() {
            let undone = commits_touching_between(&self.repo, head.id(), target_commit.id(), &path)
                .map_err(|err| GitError::git(context("list reverted commits"), err))?;
            default_message(&path, target_commit.id(), &undone)
        } else {
            message.to_string()
        };
        let author = Signature::now(signature.0, signature.1)
            .map_err(|err| GitError::git(context("make signature"), err))?;
        let new_tree = self
            .repo
            .find_tree(new_tree_id)
            .map_err(|err| GitError::git(context("read new tree"), err))?;
        let new_commit = self
            .repo
            .commit(None, &author, &author, &message, &new_tree, &[&head])
            .map_err(|err| GitError::git(context("create commit"), err))?;

        push_if_unmoved(self, new_commit, branch, head.id())?;
        tracing::info!(url = %self.url(), branch, path, commit = %new_commit, "pushed revert");

        // Reflect the push locally so resolve() sees it without a fetch.
        let tracking = format!("refs/remotes/origin/{branch}");
        if let Err(err) = self
            .repo
            .reference(&tracking, new_commit, true, "recon: revert pushed")
        {
            tracing::warn!(error = %err, "cannot update {tracking} after push");
        }
        Ok(RevertOutcome {
            commit: new_commit.to_string(),
            previous_head: head_sha,
            pushed: true,
        })
    }

    /// The origin branch a revert goes to: `HEAD` means the origin's default
    /// branch (a branch literally named HEAD must never be created), and
    /// `refs/heads/x` is `x`.
    fn target_branch(&self, requested: &str) -> Result<String, GitError> {
        let not_a_branch = || GitError::NotABranch {
            url: self.url(),
            rev: requested.to_string(),
        };
        let name = requested.strip_prefix("refs/heads/").unwrap_or(requested);
        if name != "HEAD" {
            return Ok(name.to_string());
        }
        let origin_head = self.repo.find_reference("refs/remotes/origin/HEAD").ok();
        let target = origin_head
            .as_ref()
            .and_then(|head| head.symbolic_target().ok().flatten());
        target
            .and_then(|target| target.strip_prefix("refs/remotes/origin/"))
            .map(str::to_string)
            .ok_or_else(not_a_branch)
    }

    /// The fetched head of origin's `branch`; tags and shas are refused
    /// because pushing to them would create a branch by that name.
    fn branch_head(&self, branch: &str) -> Result<Commit<'_>, GitError> {
        let not_a_branch = || GitError::NotABranch {
            url: self.url(),
            rev: branch.to_string(),
        };
        let name = format!("refs/remotes/origin/{branch}");
        if !Reference::is_valid_name(&name) {
            return Err(not_a_branch());
        }
        let reference = self
            .repo
            .find_reference(&name)
            .map_err(|_| not_a_branch())?;
        reference.peel_to_commit().map_err(|err| {
            GitError::git(format!("branch {branch} does not point to a commit"), err)
        })
    }
}

/// The entry at `path` in `tree` (the tree itself for the root path).
fn entry_at(tree: &git2::Tree<'_>, path: &str) -> Result<Option<EntrySpec>, git2::Error> {
    if path.is_empty() {
        return Ok(Some((tree.id(), FILEMODE_TREE)));
    }
    match tree.get_path(Path::new(path)) {
        Ok(entry) => Ok(Some((entry.id(), entry.filemode()))),
        Err(err) if err.code() == ErrorCode::NotFound => Ok(None),
        Err(err) => Err(err),
    }
}

/// Commits on `head` but not on `target` that changed `path`, newest first:
/// the changes the revert undoes.
fn commits_touching_between(
    repo: &Repository,
    head: Oid,
    target: Oid,
    path: &str,
) -> Result<Vec<(Oid, String)>, git2::Error> {
    let mut walk = repo.revwalk()?;
    walk.set_sorting(Sort::TIME | Sort::TOPOLOGICAL)?;
    walk.push(head)?;
    walk.hide(target)?;
    let mut touching = Vec::new();
    for id in walk {
        let commit = repo.find_commit(id?)?;
        let own = entry_at(&commit.tree()?, path)?;
        let mut changed = commit.parent_count() == 0 && own.is_some();
        for parent in commit.parents() {
            changed |= entry_at(&parent.tree()?, path)? != own;
        }
        if changed {
            let subject =
                String::from_utf8_lossy(commit.summary_bytes().unwrap_or_default()).to_string();
            touching.push((commit.id(), subject));
        }
    }
    Ok(touching)
}

/// `Revert "<path>" to <short>` plus the list of undone commits.
fn default_message(path: &str, target: Oid, undone: &[(Oid, String)]) -> String {
    let what = if path.is_empty() {
        "repository".to_string()
    } else {
        format!("{path:?}")
    };
    let mut message = format!("Revert {what} to {}\n", short(target));
    if !undone.is_empty() {
        message.push_str(&format!("\nUndoes changes to {what} from:\n"));
        for (id, subject) in undone.iter().take(MAX_LISTED_COMMITS) {
            message.push_str(&format!("  {} {subject}\n", short(*id)));
        }
        if undone.len() > MAX_LISTED_COMMITS {
            message.push_str(&format!(
                "  … and {} more\n",
                undone.len() - MAX_LISTED_COMMITS
            ));
        }
    }
    message
}

fn short(id: Oid) -> String {
    short_sha(&id.to_string())
}

/// True when `expected` is `actual` or an abbreviation of it (4+ digits).
fn sha_matches(actual: &str, expected: &str) -> bool {
    let expected = expected.trim().to_ascii_lowercase();
    expected.len() >= 4 && actual.starts_with(&expected)
}
